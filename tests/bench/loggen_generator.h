#pragma once
// The mail-server simulation behind rejectscope-loggen. It runs "scenarios" (one
// SMTP session, one submitted message, one IMAP login ...) that write their lines
// at once, and keeps the parts that happen later — a client coming back after a
// 4xx, the next queue run for a deferred message, periodic daemon statistics — in a
// time-ordered event queue. The clock only moves forward, so the log is monotonic.

#include "loggen_rng.h"
#include "loggen_world.h"
#include "loggen_writer.h"

#include <cstdint>
#include <functional>
#include <queue>
#include <string_view>
#include <vector>

namespace rejectscope::loggen {

class Generator
{
public:
    struct Options
    {
        Micros switchAt = 0; // unknown_local_recipient_reject_code 450 -> 550 from here
        Micros floodStart = 0; // the flood provider refuses us (421) in [start, end)
        Micros floodEnd = 0;
        Micros queueLifetime = kDay; // maximal_queue_lifetime of our outbound relay
    };

    Generator(const World &world, Writer &writer, Rng &rng, const Options &options);
    void run();

private:
    enum class Svc : std::uint8_t {
        Smtpd, Postscreen, Dnsblog, Cleanup, Qmgr, Smtp, Lmtp, Bounce, Anvil, Submission,
        Pickup, Local, Opendkim, Postgrey, Count
    };
    enum class Reason : std::uint8_t {
        UnknownLocal, UnknownVirtual, RelayDenied, UnknownClient, NonFqdnHelo, Rbl, RblWarn,
        Greylisted, SenderDomain, ClientAccess, SenderAccess, MultiRecipientBounce, Storage
    };
    enum class Stage : std::uint8_t { Connect, Ehlo, Mail, Rcpt, Data };
    enum class Fate : std::uint8_t {
        Sent, Local, Greylisted, Throttled, Timeout, OverQuota, NullMx, DeadHost, UserUnknown, Spam
    };

    struct Peer
    {
        std::string_view client; // "name[ip]"
        std::string_view ip;
        std::string_view helo;
        bool esmtp = true;
    };
    struct Envelope
    {
        std::string_view from;
        std::string_view to;
    };
    struct Qid
    {
        char text[32]; // room beyond the id keeps Writer::str's fixed-size copies in bounds
        std::uint8_t size;
        std::string_view view() const { return {text, size}; }
    };

    // An inbound client that was told 4xx and comes back (the retry key of the design).
    struct Chain
    {
        Micros first = 0;
        Micros giveUp = 0; // the remote queue lifetime
        Micros gap = 0; // next wait
        std::uint32_t client = 0; // Org or Bot index
        std::uint32_t sender = 0; // World::remote or World::spamSenders index
        std::uint32_t rcpt = 0; // index into the list the reason implies
        std::uint16_t attempts = 0;
        std::uint16_t maxAttempts = 1;
        Reason reason = Reason::UnknownLocal;
        bool bot = false;
        bool backoff = false; // an MTA doubling its wait; bots use a fixed one
    };

    struct Recipient
    {
        std::uint32_t addr = 0; // World::remote, or World::users for Fate::Local
        Fate fate = Fate::Sent;
        std::uint8_t resolveAt = 1; // the attempt that settles a transient fate
        std::uint8_t tries = 0;
        bool done = false;
    };
    struct Message
    {
        Qid qid {};
        Micros arrival = 0;
        std::uint64_t msgId = 0;
        std::uint32_t sender = 0; // World::users
        std::uint32_t size = 0;
        std::uint8_t count = 0;
        bool bounced = false;
        Recipient rcpt[3];
    };

    enum class EventKind : std::uint8_t { InboundRetry, FirstDelivery, QueueRun, Anvil, ScreenCache };
    struct Event
    {
        Micros due;
        std::uint64_t seq; // ties run in scheduling order, whatever the heap implementation
        std::uint32_t index;
        EventKind kind;
        bool operator>(const Event &o) const { return due != o.due ? due > o.due : seq > o.seq; }
    };

    using Scenario = void (Generator::*)();

    // loggen_generator.cpp: engine, pids, shared line helpers
    void schedule(Micros due, EventKind kind, std::uint32_t index);
    void dispatch(const Event &e);
    // A running process as its line prefix, "postfix/smtpd[1234]: ", formatted once
    // per process rather than once per line.
    using Proc = std::string_view;
    Proc pid(Svc svc);
    void setPid(std::size_t svc, std::uint32_t slot, std::uint32_t pid);
    Qid newQid();
    void begin(Svc, Proc proc) { m_w.beginProc(proc); }
    void angle(std::string_view addr)
    {
        m_w.ch('<');
        m_w.str(addr);
        m_w.ch('>');
    }
    void messageId(std::uint64_t id, std::string_view domain);
    void connectLine(Svc svc, Proc proc, const Peer &p);
    void tlsLine(Svc svc, Proc proc, const Peer &p);
    void disconnectLine(Svc svc, Proc proc, const Peer &p, std::string_view counts);
    void rejectLine(Svc svc, Proc proc, std::string_view qid, std::string_view action,
                    Stage stage, const Peer &p, Reason reason, bool soft, const Envelope &e);
    void replyText(Reason reason, bool soft, const Peer &p, const Envelope &e);
    std::uint16_t screenPass(const Peer &p, bool fresh);
    void anvilStats();
    void screenCacheCleanup();

    // loggen_inbound.cpp: port 25 sessions and their retries
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
    struct Accept
    {
        std::uint32_t extraUnknown = kNone; // a second, unknown recipient (World::unknownUsers)
        Micros greylistWaited = 0; // > 0: the retry that passes greylisting
        bool warn = false; // a reject_warning before the message is accepted
    };
    Peer orgPeer(std::uint32_t org) const;
    Peer botPeer(std::uint32_t bot) const;
    void postgreyLine(const Peer &p, const Envelope &e, bool pass, Micros waited);
    void acceptInbound(const Peer &p, const Envelope &e, const Accept &how);
    void rejectSession(Svc svc, const Peer &p, const Envelope &e, Reason reason, bool soft,
                       bool viaScreen, bool bot);
    void inboundAttempt(std::uint32_t chainIndex);
    std::uint32_t newChain(Reason reason, bool bot, std::uint32_t client, std::uint32_t sender,
                           std::uint32_t rcpt);
    void scLegitInbound();
    void scUnknownLocal();
    void scUnknownVirtual();
    void scRelayDenied();
    void scUnknownClient();
    void scNonFqdnHelo();
    void scRbl();
    void scSenderDomain();

    // loggen_hostile.cpp: postscreen, other stages, milter, password guessing, scanners
    std::uint32_t randomBot();
    std::string_view randomSpamSender();
    std::string_view randomUser();
    void screenAddr(const Peer &p, std::uint16_t port);
    std::uint16_t screenConnect(Proc screen, const Peer &p);
    void scScreenReject();
    void scScreenPregreet();
    void scStageReject();
    void scMilterReject();
    void scAuthFailure();
    void scScanner();

    // loggen_outbound.cpp: submission, queue runs, deliveries, bounces
    void delayFields(Micros total, Micros conn, Micros xfer);
    void lmtpSent(std::string_view qid, std::string_view to, Micros arrival, std::uint64_t msgId,
                  std::string_view msgDomain);
    Recipient pickRecipient();
    void scSubmission();
    void queueRun(std::uint32_t msgIndex);
    void attemptAll(std::uint32_t msgIndex);
    void removeMessage(std::uint32_t msgIndex);
    void deliver(Message &m, Recipient &r);
    void sentReply(const Org &org, const Message &m);
    void notifySender(const Message &m);

    // loggen_neighbours.cpp: cron mail, IMAP logins
    void scCronMail();
    void scImap();

    const World &m_world;
    Writer &m_w;
    Rng &m_rng;
    Options m_opt;

    std::priority_queue<Event, std::vector<Event>, std::greater<>> m_events;
    std::uint64_t m_eventSeq = 0;
    std::vector<Chain> m_chains;
    std::vector<std::uint32_t> m_freeChains;
    std::vector<Message> m_messages;
    std::vector<std::uint32_t> m_freeMessages;

    std::vector<Scenario> m_scenarios;
    std::vector<std::uint32_t> m_cumulative;
    std::uint32_t m_totalWeight = 0;

    static constexpr int kPidSlots = 12;
    static constexpr int kProcText = 40;
    char m_procText[static_cast<int>(Svc::Count)][kPidSlots][kProcText] {};
    std::uint8_t m_procSize[static_cast<int>(Svc::Count)][kPidSlots] {};
    std::uint32_t m_nextPid = 3000;
    std::uint32_t m_inode = 0;
    Micros m_lastAnvilConnect = 0;
    std::string_view m_lastAnvilIp;
};

} // namespace rejectscope::loggen
