#include "loggen_generator.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace rejectscope::loggen {

namespace {

struct ServiceInfo
{
    std::string_view name;
    int processes; // how many of its processes run at once
};

// Indexed by Generator::Svc.
constexpr std::array<ServiceInfo, 14> kServices = {{
    {"postfix/smtpd", 10},
    {"postfix/postscreen", 1},
    {"postfix/dnsblog", 3},
    {"postfix/cleanup", 4},
    {"postfix/qmgr", 1},
    {"postfix/smtp", 8},
    {"postfix/lmtp", 3},
    {"postfix/bounce", 2},
    {"postfix/anvil", 1},
    {"postfix/submission/smtpd", 3},
    {"postfix/pickup", 1},
    {"postfix/local", 2},
    {"opendkim", 1},
    {"postgrey", 1},
}};

} // namespace

Generator::Generator(const World &world, Writer &writer, Rng &rng, const Options &options)
    : m_world(world)
    , m_w(writer)
    , m_rng(rng)
    , m_opt(options)
{
    // Relative frequency of each kind of scenario, per started scenario (not per line).
    const std::pair<Scenario, std::uint32_t> mix[] = {
        {&Generator::scLegitInbound, 300},
        {&Generator::scUnknownLocal, 36},
        {&Generator::scUnknownVirtual, 30},
        {&Generator::scRelayDenied, 45},
        {&Generator::scUnknownClient, 30},
        {&Generator::scNonFqdnHelo, 30},
        {&Generator::scRbl, 45},
        {&Generator::scSenderDomain, 15},
        {&Generator::scScreenReject, 130},
        {&Generator::scScreenPregreet, 50},
        {&Generator::scStageReject, 25},
        {&Generator::scMilterReject, 15},
        {&Generator::scAuthFailure, 50},
        {&Generator::scScanner, 35},
        {&Generator::scSubmission, 190},
        {&Generator::scCronMail, 4},
        {&Generator::scImap, 110},
    };
    for (const auto &[scenario, weight] : mix) {
        m_totalWeight += weight;
        m_scenarios.push_back(scenario);
        m_cumulative.push_back(m_totalWeight);
    }

    for (std::size_t s = 0; s < kServices.size(); ++s)
        for (int slot = 0; slot < kServices[s].processes; ++slot) {
            m_nextPid += 1 + m_rng.below(400);
            setPid(s, static_cast<std::uint32_t>(slot), m_nextPid);
        }
    m_inode = 0x10000 + m_rng.below(0x400000);

    schedule(m_w.now() + 10 * kMinute, EventKind::Anvil, 0);
    schedule(m_w.now() + 2 * kHour + m_rng.below(3600) * kSecond, EventKind::ScreenCache, 0);
}

void Generator::run()
{
    while (!m_w.done()) {
        if (!m_events.empty() && m_events.top().due <= m_w.now()) {
            const Event e = m_events.top();
            m_events.pop();
            dispatch(e);
            continue;
        }
        const auto r = m_rng.below(m_totalWeight);
        const auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), r);
        (this->*m_scenarios[static_cast<std::size_t>(it - m_cumulative.begin())])();
    }
}

void Generator::schedule(Micros due, EventKind kind, std::uint32_t index)
{
    m_events.push(Event {due, m_eventSeq++, index, kind});
}

void Generator::dispatch(const Event &e)
{
    switch (e.kind) {
    case EventKind::InboundRetry:
        inboundAttempt(e.index);
        break;
    case EventKind::FirstDelivery:
        attemptAll(e.index);
        break;
    case EventKind::QueueRun:
        queueRun(e.index);
        break;
    case EventKind::Anvil:
        anvilStats();
        schedule(m_w.now() + 10 * kMinute, EventKind::Anvil, 0);
        break;
    case EventKind::ScreenCache:
        screenCacheCleanup();
        schedule(m_w.now() + 12 * kHour, EventKind::ScreenCache, 0);
        break;
    }
}

Generator::Proc Generator::pid(Svc svc)
{
    const auto s = static_cast<std::size_t>(svc);
    const int processes = kServices[s].processes;
    const auto slot = processes == 1 ? 0 : m_rng.below(static_cast<std::uint32_t>(processes));
    // Worker processes exit after max_use / max_idle and new ones get new pids;
    // the single daemons (qmgr, postscreen, anvil) live through the whole log.
    if (processes > 1 && m_rng.below(400) == 0) {
        m_nextPid += 1 + m_rng.below(50);
        if (m_nextPid > 4'000'000)
            m_nextPid = 1000;
        setPid(s, slot, m_nextPid);
    }
    return {m_procText[s][slot], m_procSize[s][slot]};
}

void Generator::setPid(std::size_t svc, std::uint32_t slot, std::uint32_t pid)
{
    const std::string text = std::string(kServices[svc].name) + '[' + std::to_string(pid) + "]: ";
    std::memcpy(m_procText[svc][slot], text.data(), text.size());
    m_procSize[svc][slot] = static_cast<std::uint8_t>(text.size());
}

Generator::Qid Generator::newQid()
{
    // Postfix's short queue id: the microseconds of the queue file's creation in five
    // hex digits, then the file's inode number in hex.
    static constexpr char kHex[] = "0123456789ABCDEF";
    Qid q {};
    auto usec = static_cast<std::uint32_t>(m_w.now() % kSecond);
    for (int i = 4; i >= 0; --i) {
        q.text[i] = kHex[usec & 15];
        usec >>= 4;
    }
    m_inode += 1 + m_rng.below(64);
    if (m_inode > 0xFFFFFF)
        m_inode = 0x10000 + m_rng.below(0x1000);
    std::uint32_t inode = m_inode;
    char tmp[8];
    int n = 0;
    while (inode != 0) {
        tmp[n++] = kHex[inode & 15];
        inode >>= 4;
    }
    q.size = 5;
    while (n > 0)
        q.text[q.size++] = tmp[--n];
    return q;
}

void Generator::messageId(std::uint64_t id, std::string_view domain)
{
    // "<2f1c3a9e-41d7-8c02-b6e5-93a0d4c7e112@example.net>" (Thunderbird, most MUAs).
    m_w.ch('<');
    m_w.hex(id >> 32, 8, false);
    m_w.ch('-');
    m_w.hex(id >> 16, 4, false);
    m_w.ch('-');
    m_w.hex(id, 4, false);
    m_w.ch('-');
    m_w.hex(id * 0x9E3779B97F4A7C15ULL >> 48, 4, false);
    m_w.ch('-');
    m_w.hex(id * 0xC2B2AE3D27D4EB4FULL, 12, false);
    m_w.ch('@');
    m_w.str(domain);
    m_w.ch('>');
}

void Generator::connectLine(Svc svc, Proc p, const Peer &peer)
{
    begin(svc, p);
    m_w.lit("connect from ");
    m_w.str(peer.client);
    m_w.end();
    m_lastAnvilConnect = m_w.now();
    m_lastAnvilIp = peer.ip;
}

void Generator::tlsLine(Svc svc, Proc p, const Peer &peer)
{
    begin(svc, p);
    m_w.lit("Anonymous TLS connection established from ");
    m_w.str(peer.client);
    if (m_rng.percent(80))
        m_w.lit(": TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 "
                "server-signature RSA-PSS (2048 bits) server-digest SHA256");
    else
        m_w.lit(": TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)");
    m_w.end();
}

void Generator::disconnectLine(Svc svc, Proc p, const Peer &peer, std::string_view counts)
{
    begin(svc, p);
    m_w.lit("disconnect from ");
    m_w.str(peer.client);
    m_w.str(counts);
    m_w.end();
}

void Generator::rejectLine(Svc svc, Proc p, std::string_view qid, std::string_view action,
                           Stage stage, const Peer &peer, Reason reason, bool soft, const Envelope &e)
{
    static constexpr std::array<std::string_view, 5> kStages = {"CONNECT", "EHLO", "MAIL", "RCPT",
                                                                "DATA"};
    begin(svc, p);
    m_w.str(qid);
    m_w.lit(": ");
    m_w.str(action);
    m_w.lit(": ");
    m_w.str(kStages[static_cast<std::size_t>(stage)]);
    m_w.lit(" from ");
    m_w.str(peer.client);
    m_w.lit(": ");
    replyText(reason, soft, peer, e);
    // smtpd_check.c log_whatsup(): only the fields known at that stage.
    m_w.lit("; ");
    if (stage >= Stage::Mail) {
        m_w.lit("from=");
        angle(e.from);
        m_w.ch(' ');
    }
    if (stage == Stage::Rcpt) {
        m_w.lit("to=");
        angle(e.to);
        m_w.ch(' ');
    }
    if (stage <= Stage::Ehlo)
        m_w.lit("proto=SMTP");
    else if (peer.esmtp)
        m_w.lit("proto=ESMTP");
    else
        m_w.lit("proto=SMTP");
    if (stage != Stage::Connect) {
        m_w.lit(" helo=");
        angle(peer.helo);
    }
    m_w.end();
}

void Generator::replyText(Reason reason, bool soft, const Peer &peer, const Envelope &e)
{
    switch (reason) {
    case Reason::UnknownLocal:
        m_w.str(soft ? std::string_view("450 4.1.1 ") : std::string_view("550 5.1.1 "));
        angle(e.to);
        m_w.lit(": Recipient address rejected: User unknown in local recipient table");
        break;
    case Reason::UnknownVirtual:
        m_w.str(soft ? std::string_view("450 4.1.1 ") : std::string_view("550 5.1.1 "));
        angle(e.to);
        m_w.lit(": Recipient address rejected: User unknown in virtual mailbox table");
        break;
    case Reason::RelayDenied:
        m_w.str(soft ? std::string_view("454 4.7.1 ") : std::string_view("554 5.7.1 "));
        angle(e.to);
        m_w.lit(": Relay access denied");
        break;
    case Reason::UnknownClient:
        m_w.lit("450 4.7.25 Client host rejected: cannot find your hostname, [");
        m_w.str(peer.ip);
        m_w.ch(']');
        break;
    case Reason::NonFqdnHelo:
        m_w.lit("504 5.5.2 ");
        angle(peer.helo);
        m_w.lit(": Helo command rejected: need fully-qualified hostname");
        break;
    case Reason::Rbl:
        m_w.lit("554 5.7.1 Service unavailable; Client host [");
        m_w.str(peer.ip);
        m_w.lit("] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/");
        m_w.str(peer.ip);
        break;
    case Reason::RblWarn:
        m_w.lit("554 5.7.1 Service unavailable; Client host [");
        m_w.str(peer.ip);
        m_w.lit("] blocked using b.barracudacentral.org; http://www.barracudanetworks.com/"
                "reputation/?pr=1&ip=");
        m_w.str(peer.ip);
        break;
    case Reason::Greylisted:
        m_w.lit("450 4.2.0 ");
        angle(e.to);
        m_w.lit(": Recipient address rejected: Greylisted, see "
                "http://postgrey.schweikert.ch/help/example.net.html");
        break;
    case Reason::SenderDomain:
        m_w.lit("450 4.1.8 ");
        angle(e.from);
        m_w.lit(": Sender address rejected: Domain not found");
        break;
    case Reason::ClientAccess:
        m_w.lit("554 5.7.1 ");
        angle(peer.client);
        m_w.lit(": Client host rejected: Access denied");
        break;
    case Reason::SenderAccess:
        m_w.lit("554 5.7.1 ");
        angle(e.from);
        m_w.lit(": Sender address rejected: Access denied");
        break;
    case Reason::MultiRecipientBounce:
        m_w.lit("550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce");
        break;
    case Reason::Storage:
        m_w.lit("452 4.3.1 Insufficient system storage");
        break;
    }
}

std::uint16_t Generator::screenPass(const Peer &peer, bool fresh)
{
    const auto sp = pid(Svc::Postscreen);
    const auto port = screenConnect(sp, peer);
    begin(Svc::Postscreen, sp);
    m_w.str(fresh ? std::string_view("PASS NEW ") : std::string_view("PASS OLD "));
    screenAddr(peer, port);
    m_w.end();
    return port;
}

void Generator::anvilStats()
{
    // anvil reports only when it saw connections since its last report.
    if (m_lastAnvilIp.empty() || m_lastAnvilConnect < m_w.now() - 10 * kMinute)
        return;
    const auto p = pid(Svc::Anvil);
    const Micros at = m_lastAnvilConnect;
    begin(Svc::Anvil, p);
    m_w.lit("statistics: max connection rate ");
    m_w.num(1 + m_rng.below(4));
    m_w.lit("/60s for (smtpd:");
    m_w.str(m_lastAnvilIp);
    m_w.lit(") at ");
    m_w.classicTime(at);
    m_w.end();
    begin(Svc::Anvil, p);
    m_w.lit("statistics: max connection count ");
    m_w.num(1 + m_rng.below(3));
    m_w.lit(" for (smtpd:");
    m_w.str(m_lastAnvilIp);
    m_w.lit(") at ");
    m_w.classicTime(at);
    m_w.end();
    begin(Svc::Anvil, p);
    m_w.lit("statistics: max cache size ");
    m_w.num(2 + m_rng.below(30));
    m_w.lit(" at ");
    m_w.classicTime(at);
    m_w.end();
}

void Generator::screenCacheCleanup()
{
    begin(Svc::Postscreen, pid(Svc::Postscreen));
    m_w.lit("cache btree:/var/lib/postfix/postscreen_cache full cleanup: retained=");
    m_w.num(200 + m_rng.below(3000));
    m_w.lit(" dropped=");
    m_w.num(m_rng.below(200));
    m_w.lit(" entries");
    m_w.end();
}

} // namespace rejectscope::loggen
