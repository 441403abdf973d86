// Hostile and broken clients: postscreen's verdicts, rejects at the other SMTP
// stages, content-filter rejects, password guessing and scanners.
#include "loggen_generator.h"

#include <array>

namespace rejectscope::loggen {

using namespace std::string_view_literals;

namespace {

constexpr std::array<std::string_view, 5> kDnsblAnswers = {"127.0.0.2", "127.0.0.3", "127.0.0.4",
                                                           "127.0.0.10", "127.0.0.11"};

} // namespace

std::uint32_t Generator::randomBot()
{
    return m_rng.below(static_cast<std::uint32_t>(m_world.bots.size()));
}

std::string_view Generator::randomSpamSender()
{
    return m_world.spamSenders[m_rng.below(static_cast<std::uint32_t>(m_world.spamSenders.size()))];
}

std::string_view Generator::randomUser()
{
    return m_world.users[m_rng.below(static_cast<std::uint32_t>(m_world.users.size()))];
}

void Generator::screenAddr(const Peer &p, std::uint16_t port)
{
    m_w.ch('[');
    m_w.str(p.ip);
    m_w.lit("]:");
    m_w.num(port);
}

std::uint16_t Generator::screenConnect(Proc sp, const Peer &p)
{
    const auto port = static_cast<std::uint16_t>(1024 + m_rng.below(64000));
    begin(Svc::Postscreen, sp);
    m_w.lit("CONNECT from ");
    screenAddr(p, port);
    m_w.lit(" to [");
    m_w.str(m_world.ip);
    m_w.lit("]:25");
    m_w.end();
    return port;
}

void Generator::scScreenReject()
{
    const Peer p = botPeer(randomBot());
    const auto sp = pid(Svc::Postscreen);
    const auto port = screenConnect(sp, p);
    if (m_rng.percent(60)) {
        begin(Svc::Dnsblog, pid(Svc::Dnsblog));
        m_w.lit("addr ");
        m_w.str(p.ip);
        m_w.lit(" listed by domain zen.spamhaus.org as ");
        m_w.str(kDnsblAnswers[m_rng.below(static_cast<std::uint32_t>(kDnsblAnswers.size()))]);
        m_w.end();
    }
    begin(Svc::Postscreen, sp);
    m_w.lit("DNSBL rank ");
    m_w.num(3 + m_rng.below(5));
    m_w.lit(" for ");
    screenAddr(p, port);
    m_w.end();
    const auto outcome = m_rng.below(100);
    if (outcome < 65) {
        // postscreen_dnsbl_action = enforce: the client talks to the dummy SMTP
        // engine and every RCPT is refused (comma-separated fields, unlike smtpd).
        const auto from = randomSpamSender();
        const auto rcpts = 1 + (m_rng.percent(30) ? m_rng.below(3) : 0);
        for (std::uint32_t i = 0; i < rcpts; ++i) {
            begin(Svc::Postscreen, sp);
            m_w.lit("NOQUEUE: reject: RCPT from ");
            screenAddr(p, port);
            m_w.lit(": 550 5.7.1 Service unavailable; client [");
            m_w.str(p.ip);
            m_w.lit("] blocked using zen.spamhaus.org; from=");
            angle(from);
            m_w.lit(", to=");
            angle(randomUser());
            m_w.str(p.esmtp ? ", proto=ESMTP, helo="sv : ", proto=SMTP, helo="sv);
            angle(p.helo);
            m_w.end();
        }
    } else if (outcome < 75) {
        begin(Svc::Postscreen, sp);
        m_w.lit("NOQUEUE: reject: RCPT from ");
        screenAddr(p, port);
        m_w.lit(": 450 4.3.2 Service currently unavailable; from=");
        angle(randomSpamSender());
        m_w.lit(", to=");
        angle(randomUser());
        m_w.lit(", proto=ESMTP, helo=");
        angle(p.helo);
        m_w.end();
    } else {
        begin(Svc::Postscreen, sp);
        m_w.lit("HANGUP after ");
        m_w.delay(m_rng.between(100'000, 9'000'000));
        m_w.lit(" from ");
        screenAddr(p, port);
        m_w.lit(" in tests after SMTP handshake");
        m_w.end();
    }
    begin(Svc::Postscreen, sp);
    m_w.lit("DISCONNECT ");
    screenAddr(p, port);
    m_w.end();
}

void Generator::scScreenPregreet()
{
    const Peer p = botPeer(randomBot());
    const auto sp = pid(Svc::Postscreen);
    const auto port = screenConnect(sp, p);
    begin(Svc::Postscreen, sp);
    switch (m_rng.below(5)) {
    case 0:
    case 1:
        m_w.lit("PREGREET ");
        m_w.num(p.helo.size() + 7);
        m_w.lit(" after ");
        m_w.delay(m_rng.between(10'000, 3'000'000));
        m_w.lit(" from ");
        screenAddr(p, port);
        m_w.lit(": EHLO ");
        m_w.str(p.helo);
        m_w.lit("\\r\\n");
        break;
    case 2:
        m_w.lit("HANGUP after ");
        m_w.delay(m_rng.between(10'000, 2'000'000));
        m_w.lit(" from ");
        screenAddr(p, port);
        m_w.lit(" in tests before SMTP handshake");
        break;
    case 3:
        m_w.lit("COMMAND PIPELINING from ");
        screenAddr(p, port);
        m_w.lit(" after EHLO: MAIL FROM:<");
        m_w.str(randomSpamSender());
        m_w.lit(">\\r\\nRCPT TO:<");
        m_w.str(randomUser());
        m_w.lit(">\\r\\n");
        break;
    default:
        m_w.lit("NON-SMTP COMMAND from ");
        screenAddr(p, port);
        m_w.lit(" after CONNECT: GET / HTTP/1.1");
        break;
    }
    m_w.end();
    if (m_rng.percent(30)) {
        begin(Svc::Postscreen, sp);
        m_w.lit("DNSBL rank ");
        m_w.num(1 + m_rng.below(2));
        m_w.lit(" for ");
        screenAddr(p, port);
        m_w.end();
    }
    begin(Svc::Postscreen, sp);
    m_w.lit("DISCONNECT ");
    screenAddr(p, port);
    m_w.end();
}

void Generator::scStageReject()
{
    // Rejects before or after RCPT, from servers or listeners that run with
    // smtpd_delay_reject = no, sender access maps or a full disk.
    const auto kind = m_rng.below(100);
    auto bot = randomBot();
    for (int i = 0; i < 8; ++i) {
        const Bot &b = m_world.bots[bot];
        // The reason has to fit the client: a name for "cannot find your hostname",
        // a bare word for "need fully-qualified hostname".
        if ((kind >= 25 && kind < 40 && !b.unknownName) || (kind >= 40 && kind < 60 && b.fqdnHelo))
            bot = randomBot();
        else
            break;
    }
    const Peer p = botPeer(bot);
    const Envelope e {randomSpamSender(), randomUser()};
    screenPass(p, true);
    const auto sp = pid(Svc::Smtpd);
    connectLine(Svc::Smtpd, sp, p);
    if (kind < 25) {
        rejectLine(Svc::Smtpd, sp, "NOQUEUE", "reject", Stage::Connect, p, Reason::ClientAccess, false, e);
        disconnectLine(Svc::Smtpd, sp, p, " ehlo=1 mail=0/1 quit=1 commands=2/3");
    } else if (kind < 40) {
        rejectLine(Svc::Smtpd, sp, "NOQUEUE", "reject", Stage::Connect, p, Reason::UnknownClient, true, e);
        disconnectLine(Svc::Smtpd, sp, p, " ehlo=1 mail=0/1 quit=1 commands=2/3");
    } else if (kind < 60) {
        rejectLine(Svc::Smtpd, sp, "NOQUEUE", "reject", Stage::Ehlo, p, Reason::NonFqdnHelo, false, e);
        disconnectLine(Svc::Smtpd, sp, p, " ehlo=0/1 quit=1 commands=1/2");
    } else if (kind < 80) {
        rejectLine(Svc::Smtpd, sp, "NOQUEUE", "reject", Stage::Mail, p, Reason::SenderAccess, false, e);
        disconnectLine(Svc::Smtpd, sp, p, " ehlo=1 mail=0/1 quit=1 commands=2/3");
    } else if (kind < 85) {
        rejectLine(Svc::Smtpd, sp, "NOQUEUE", "reject", Stage::Mail, p, Reason::Storage, true, e);
        disconnectLine(Svc::Smtpd, sp, p, " ehlo=1 mail=0/1 quit=1 commands=2/3");
    } else {
        // A bounce to several recipients: the queue file exists, so a queue id.
        const Qid qid = newQid();
        begin(Svc::Smtpd, sp);
        m_w.str(qid.view());
        m_w.lit(": client=");
        m_w.str(p.client);
        m_w.end();
        rejectLine(Svc::Smtpd, sp, qid.view(), "reject", Stage::Data, p, Reason::MultiRecipientBounce,
                   false, Envelope {std::string_view(), e.to});
        disconnectLine(Svc::Smtpd, sp, p, " ehlo=1 mail=1 rcpt=2 data=0/1 quit=1 commands=5/6");
    }
}

void Generator::scMilterReject()
{
    // The content filter (rspamd as a milter) refuses after DATA; cleanup logs it.
    const bool fromBot = m_rng.percent(70);
    Peer p;
    std::string_view from;
    if (fromBot) {
        p = botPeer(randomBot());
        from = randomSpamSender();
    } else {
        const auto sender = m_world.pickRemote(m_rng);
        p = orgPeer(m_world.remote[sender].org);
        from = m_world.remote[sender].addr;
    }
    const auto to = randomUser();
    screenPass(p, fromBot);
    const auto sp = pid(Svc::Smtpd);
    connectLine(Svc::Smtpd, sp, p);
    const Qid qid = newQid();
    begin(Svc::Smtpd, sp);
    m_w.str(qid.view());
    m_w.lit(": client=");
    m_w.str(p.client);
    m_w.end();
    const auto cp = pid(Svc::Cleanup);
    begin(Svc::Cleanup, cp);
    m_w.str(qid.view());
    m_w.lit(": message-id=");
    messageId(m_rng.next(), "mail.gmail.com");
    m_w.end();
    begin(Svc::Cleanup, cp);
    m_w.str(qid.view());
    m_w.lit(": milter-reject: END-OF-MESSAGE from ");
    m_w.str(p.client);
    m_w.str(fromBot ? ": 5.7.1 Spam message rejected; from="sv : ": 4.7.1 Try again later; from="sv);
    angle(from);
    m_w.lit(" to=");
    angle(to);
    m_w.str(p.esmtp ? " proto=ESMTP helo="sv : " proto=SMTP helo="sv);
    angle(p.helo);
    m_w.end();
    disconnectLine(Svc::Smtpd, sp, p, " ehlo=1 mail=1 rcpt=1 data=0/1 quit=1 commands=4/5");
}

void Generator::scAuthFailure()
{
    // Password guessing on the submission port, one or a few tries per connection.
    const Peer p = botPeer(randomBot());
    const auto sp = pid(Svc::Submission);
    connectLine(Svc::Submission, sp, p);
    const auto tries = 1 + (m_rng.percent(20) ? m_rng.below(3) : 0);
    for (std::uint32_t i = 0; i < tries; ++i) {
        begin(Svc::Submission, sp);
        m_w.lit("warning: ");
        m_w.str(p.client);
        m_w.str(m_rng.percent(70) ? ": SASL LOGIN authentication failed: UGFzc3dvcmQ6"sv
                                  : ": SASL PLAIN authentication failed: "sv);
        m_w.end();
    }
    begin(Svc::Submission, sp);
    m_w.lit("lost connection after AUTH from ");
    m_w.str(p.client);
    m_w.end();
    begin(Svc::Submission, sp);
    m_w.lit("disconnect from ");
    m_w.str(p.client);
    m_w.lit(" ehlo=1 auth=0/");
    m_w.num(tries);
    m_w.lit(" commands=1/");
    m_w.num(tries + 1);
    m_w.end();
}

void Generator::scScanner()
{
    const Peer p = botPeer(randomBot());
    const auto sp = pid(Svc::Submission);
    connectLine(Svc::Submission, sp, p);
    begin(Svc::Submission, sp);
    switch (m_rng.below(4)) {
    case 0:
        m_w.lit("lost connection after CONNECT from ");
        m_w.str(p.client);
        m_w.end();
        disconnectLine(Svc::Submission, sp, p, " commands=0/0");
        return;
    case 1:
        m_w.lit("timeout after CONNECT from ");
        m_w.str(p.client);
        m_w.end();
        disconnectLine(Svc::Submission, sp, p, " commands=0/0");
        return;
    case 2:
        m_w.lit("warning: non-SMTP command from ");
        m_w.str(p.client);
        m_w.lit(": GET / HTTP/1.1");
        m_w.end();
        disconnectLine(Svc::Submission, sp, p, " unknown=0/1 commands=0/1");
        return;
    default:
        m_w.lit("lost connection after STARTTLS from ");
        m_w.str(p.client);
        m_w.end();
        disconnectLine(Svc::Submission, sp, p, " ehlo=1 starttls=1 commands=2");
        return;
    }
}

} // namespace rejectscope::loggen
