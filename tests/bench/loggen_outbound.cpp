// The sending side: our users submit mail, the queue manager delivers it, remote
// servers accept, defer or refuse it, deferred mail is retried until it goes through
// or expires, and bounces come back to the sender.
#include "loggen_generator.h"

#include <algorithm>

namespace rejectscope::loggen {

namespace {

std::string_view hostOf(std::string_view nameIp)
{
    return nameIp.substr(0, nameIp.find('['));
}

} // namespace

void Generator::delayFields(Micros total, Micros conn, Micros xfer)
{
    const Micros qmgr = m_rng.between(0, 20'000);
    m_w.lit(", delay=");
    m_w.delay(total);
    m_w.lit(", delays=");
    m_w.delay(total - qmgr - conn - xfer);
    m_w.ch('/');
    m_w.delay(qmgr);
    m_w.ch('/');
    m_w.delay(conn);
    m_w.ch('/');
    m_w.delay(xfer);
}

void Generator::lmtpSent(std::string_view qid, std::string_view to, Micros arrival,
                         std::uint64_t msgId, std::string_view msgDomain)
{
    const std::uint64_t session = m_rng.next();
    begin(Svc::Lmtp, pid(Svc::Lmtp));
    m_w.str(qid);
    m_w.lit(": to=");
    angle(to);
    m_w.lit(", relay=");
    m_w.str(m_world.fqdn);
    m_w.lit("[private/dovecot-lmtp]");
    const Micros xfer = m_rng.between(20'000, 300'000);
    delayFields(m_w.now() - arrival + xfer, m_rng.between(0, 20'000), xfer);
    m_w.lit(", dsn=2.0.0, status=sent (250 2.0.0 ");
    angle(to);
    m_w.ch(' ');
    m_w.token(session, 22);
    m_w.lit(" Saved)");
    m_w.end();
    m_w.beginNoPid("dovecot");
    m_w.lit("lmtp(");
    m_w.str(to);
    m_w.lit(")<");
    m_w.num(20000 + (session >> 40) % 40000);
    m_w.lit("><");
    m_w.token(session, 22);
    m_w.lit(">: msgid=");
    messageId(msgId, msgDomain);
    m_w.lit(": saved mail to INBOX");
    m_w.end();
}

void Generator::scSubmission()
{
    const auto client = m_rng.below(static_cast<std::uint32_t>(m_world.submissionClients.size()));
    const Peer p {m_world.submissionClients[client], m_world.submissionIps[client], "[192.168.1.20]", true};
    std::uint32_t index;
    if (m_freeMessages.empty()) {
        index = static_cast<std::uint32_t>(m_messages.size());
        m_messages.emplace_back();
    } else {
        index = m_freeMessages.back();
        m_freeMessages.pop_back();
    }
    Message &m = m_messages[index];
    m = Message {};
    m.qid = newQid();
    m.arrival = m_w.now();
    m.msgId = m_rng.next();
    m.sender = m_rng.below(static_cast<std::uint32_t>(m_world.users.size()));
    m.size = 1500 + m_rng.below(m_rng.percent(5) ? 10'000'000 : 60'000);
    const auto r = m_rng.below(100);
    m.count = static_cast<std::uint8_t>(r < 80 ? 1 : r < 94 ? 2 : 3);
    for (std::uint8_t i = 0; i < m.count; ++i)
        m.rcpt[i] = pickRecipient();
    const std::string_view sender = m_world.users[m.sender];

    const auto sp = pid(Svc::Submission);
    connectLine(Svc::Submission, sp, p);
    tlsLine(Svc::Submission, sp, p);
    begin(Svc::Submission, sp);
    m_w.str(m.qid.view());
    m_w.lit(": client=");
    m_w.str(p.client);
    m_w.lit(", sasl_method=PLAIN, sasl_username=");
    m_w.str(sender);
    m_w.end();
    begin(Svc::Cleanup, pid(Svc::Cleanup));
    m_w.str(m.qid.view());
    m_w.lit(": message-id=");
    messageId(m.msgId, m_world.localDomain);
    m_w.end();
    begin(Svc::Opendkim, pid(Svc::Opendkim));
    m_w.str(m.qid.view());
    m_w.lit(": DKIM-Signature field added (s=mail, d=example.net)");
    m_w.end();
    begin(Svc::Qmgr, pid(Svc::Qmgr));
    m_w.str(m.qid.view());
    m_w.lit(": from=");
    angle(sender);
    m_w.lit(", size=");
    m_w.num(m.size);
    m_w.lit(", nrcpt=");
    m_w.num(m.count);
    m_w.lit(" (queue active)");
    m_w.end();
    begin(Svc::Submission, sp);
    m_w.lit("disconnect from ");
    m_w.str(p.client);
    m_w.lit(" ehlo=2 starttls=1 auth=1 mail=1 rcpt=");
    m_w.num(m.count);
    m_w.lit(" data=1 quit=1 commands=");
    m_w.num(7u + m.count);
    m_w.end();
    // qmgr hands the message to smtp a moment later, so other sessions' lines
    // interleave with its deliveries as they do on a busy server.
    schedule(m_w.now() + m_rng.between(50'000, 2'000'000), EventKind::FirstDelivery, index);
}

Generator::Recipient Generator::pickRecipient()
{
    Recipient r;
    if (m_rng.percent(10)) {
        r.fate = Fate::Local;
        r.addr = m_rng.below(static_cast<std::uint32_t>(m_world.users.size()));
        return r;
    }
    r.addr = m_world.pickRemote(m_rng);
    const Org &org = m_world.orgs[m_world.remote[r.addr].org];
    if (org.nullMx) {
        r.fate = Fate::NullMx;
        return r;
    }
    if (org.dead) {
        r.fate = Fate::DeadHost;
        return r;
    }
    const auto roll = m_rng.below(1000);
    if (org.greylists && roll < 700) {
        r.fate = Fate::Greylisted;
        r.resolveAt = 2;
    } else if (roll < 20) {
        r.fate = Fate::UserUnknown;
    } else if (roll < 27) {
        r.fate = Fate::Spam;
    } else if (roll < 32) {
        r.fate = Fate::OverQuota; // the owner may clean up in time, or not
        r.resolveAt = static_cast<std::uint8_t>(2 + m_rng.below(30));
    } else if (roll < 50) {
        r.fate = Fate::Throttled;
        r.resolveAt = static_cast<std::uint8_t>(2 + m_rng.below(2));
    } else if (roll < 58) {
        r.fate = Fate::Timeout;
        r.resolveAt = static_cast<std::uint8_t>(2 + m_rng.below(3));
    }
    return r;
}

void Generator::queueRun(std::uint32_t index)
{
    Message &m = m_messages[index];
    const std::string_view sender = m_world.users[m.sender];
    begin(Svc::Qmgr, pid(Svc::Qmgr));
    m_w.str(m.qid.view());
    m_w.lit(": from=");
    angle(sender);
    if (m_w.now() - m.arrival >= m_opt.queueLifetime) {
        m_w.lit(", status=expired, returned to sender");
        m_w.end();
        notifySender(m);
        removeMessage(index);
        return;
    }
    m_w.lit(", size=");
    m_w.num(m.size);
    m_w.lit(", nrcpt=");
    m_w.num(m.count);
    m_w.lit(" (queue active)");
    m_w.end();
    attemptAll(index);
}

void Generator::attemptAll(std::uint32_t index)
{
    Message &m = m_messages[index];
    bool pending = false;
    for (std::uint8_t i = 0; i < m.count; ++i) {
        Recipient &r = m.rcpt[i];
        if (r.done)
            continue;
        deliver(m, r);
        pending = pending || !r.done;
    }
    if (!pending) {
        if (m.bounced)
            notifySender(m);
        removeMessage(index);
        return;
    }
    // Postfix backs off between minimal_backoff_time (300 s) and
    // maximal_backoff_time (4000 s), roughly doubling with the message's age.
    const Micros age = m_w.now() - m.arrival;
    const Micros wait = std::clamp<Micros>(age, 300 * kSecond, 4000 * kSecond)
        + m_rng.between(0, 60) * kSecond;
    schedule(m_w.now() + wait, EventKind::QueueRun, index);
}

void Generator::removeMessage(std::uint32_t index)
{
    begin(Svc::Qmgr, pid(Svc::Qmgr));
    m_w.str(m_messages[index].qid.view());
    m_w.lit(": removed");
    m_w.end();
    m_freeMessages.push_back(index);
}

void Generator::deliver(Message &m, Recipient &r)
{
    ++r.tries;
    if (r.fate == Fate::Local) {
        lmtpSent(m.qid.view(), m_world.users[r.addr], m.arrival, m.msgId, m_world.localDomain);
        r.done = true;
        return;
    }
    const auto &remote = m_world.remote[r.addr];
    const Org &org = m_world.orgs[remote.org];
    const bool flooded = remote.org == m_world.floodOrg && m_w.now() >= m_opt.floodStart
        && m_w.now() < m_opt.floodEnd;
    Fate outcome = r.fate;
    if (flooded)
        outcome = Fate::Throttled;
    else if (r.tries >= r.resolveAt && (r.fate == Fate::Greylisted || r.fate == Fate::Throttled
                                        || r.fate == Fate::Timeout || r.fate == Fate::OverQuota))
        outcome = Fate::Sent;

    const bool noConnection = outcome == Fate::Timeout || outcome == Fate::DeadHost;
    const Micros conn = noConnection ? 30 * kSecond : m_rng.between(30'000, 900'000);
    const Micros xfer = outcome == Fate::Sent ? m_rng.between(80'000, 1'500'000) : m_rng.between(0, 60'000);
    if (outcome == Fate::Sent && m_rng.percent(75)) {
        begin(Svc::Smtp, pid(Svc::Smtp));
        m_w.lit("Trusted TLS connection established to ");
        m_w.str(org.mx);
        m_w.lit(":25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 "
                "server-signature RSA-PSS (2048 bits) server-digest SHA256");
        m_w.end();
    }
    begin(Svc::Smtp, pid(Svc::Smtp));
    m_w.str(m.qid.view());
    m_w.lit(": to=");
    angle(remote.addr);
    if (noConnection) {
        m_w.lit(", relay=none");
    } else {
        m_w.lit(", relay=");
        m_w.str(org.mx);
        m_w.lit(":25");
    }
    delayFields(m_w.now() - m.arrival + conn + xfer, conn, xfer);
    switch (outcome) {
    case Fate::Sent:
    case Fate::Local:
        m_w.lit(", dsn=2.0.0, status=sent (");
        sentReply(org, m);
        m_w.ch(')');
        r.done = true;
        break;
    case Fate::Greylisted:
        m_w.lit(", dsn=4.2.0, status=deferred (host ");
        m_w.str(org.mx);
        m_w.lit(" said: 450 4.2.0 ");
        angle(remote.addr);
        m_w.lit(": Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/");
        m_w.str(org.domain);
        m_w.lit(".html (in reply to RCPT TO command))");
        break;
    case Fate::Throttled:
        m_w.lit(", dsn=4.0.0, status=deferred (host ");
        m_w.str(org.mx);
        if (flooded) {
            m_w.lit(" refused to talk to me: 421 4.7.0 Service temporarily unavailable, too many "
                    "connections from ");
            m_w.str(m_world.ip);
            m_w.lit(" (TOL006))");
        } else {
            m_w.lit(" refused to talk to me: 421 4.7.0 ");
            m_w.str(hostOf(org.mx));
            m_w.lit(" Error: too many connections from ");
            m_w.str(m_world.ip);
            m_w.ch(')');
        }
        break;
    case Fate::Timeout:
    case Fate::DeadHost:
        m_w.lit(", dsn=4.4.1, status=deferred (connect to ");
        m_w.str(org.mx);
        m_w.lit(":25: Connection timed out)");
        break;
    case Fate::OverQuota:
        m_w.lit(", dsn=4.2.2, status=deferred (host ");
        m_w.str(org.mx);
        m_w.lit(" said: 452 4.2.2 ");
        angle(remote.addr);
        m_w.lit(": Recipient address rejected: Mailbox full (in reply to RCPT TO command))");
        break;
    case Fate::NullMx:
        // smtp_skip_5xx_greeting = yes (the default) turns a 521 greeting into a deferral.
        m_w.lit(", dsn=4.0.0, status=deferred (host ");
        m_w.str(org.mx);
        m_w.lit(" refused to talk to me: 521 5.3.2 ");
        m_w.str(hostOf(org.mx));
        m_w.lit(" does not accept mail)");
        break;
    case Fate::UserUnknown:
        m_w.lit(", dsn=5.1.1, status=bounced (host ");
        m_w.str(org.mx);
        if (org.reply == ReplyStyle::Gmail) {
            m_w.lit(" said: 550-5.1.1 The email account that you tried to reach does not exist. "
                    "Please try 550-5.1.1 double-checking the recipient's email address for typos or "
                    "550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  "
                    "https://support.google.com/mail/?p=NoSuchUser ");
            m_w.token(m_rng.next(), 16);
            m_w.lit(" - gsmtp (in reply to RCPT TO command))");
        } else {
            m_w.lit(" said: 550 5.1.1 ");
            angle(remote.addr);
            m_w.lit(": Recipient address rejected: User unknown in virtual mailbox table (in reply "
                    "to RCPT TO command))");
        }
        r.done = true;
        m.bounced = true;
        break;
    case Fate::Spam:
        m_w.lit(", dsn=5.7.1, status=bounced (host ");
        m_w.str(org.mx);
        m_w.lit(" said: 554 5.7.1 Message rejected as spam by Content Filtering. (in reply to end "
                "of DATA command))");
        r.done = true;
        m.bounced = true;
        break;
    }
    m_w.end();
}

void Generator::sentReply(const Org &org, const Message &m)
{
    const std::uint64_t id = m_rng.next();
    switch (org.reply) {
    case ReplyStyle::Gmail:
        m_w.lit("250 2.0.0 OK  ");
        m_w.num(1'700'000'000 + (id >> 40) % 100'000'000);
        m_w.ch(' ');
        m_w.token(id, 20);
        m_w.lit(".412 - gsmtp");
        break;
    case ReplyStyle::Outlook:
        m_w.lit("250 2.6.0 ");
        messageId(m.msgId, m_world.localDomain);
        m_w.lit(" [InternalId=");
        m_w.num(id % 100'000'000'000'000ULL);
        m_w.lit(", Hostname=AM9PR04MB");
        m_w.num(1000 + id % 9000);
        m_w.lit(".eurprd04.prod.outlook.com] Queued mail for delivery");
        break;
    case ReplyStyle::WebDe:
        m_w.lit("250 Requested mail action okay, completed: id=1M");
        m_w.token(id, 16);
        break;
    case ReplyStyle::TOnline:
        m_w.lit("250 2.0.0 Message accepted: 1t");
        m_w.token(id, 12);
        break;
    case ReplyStyle::Yahoo:
        m_w.lit("250 ok dirdel");
        break;
    case ReplyStyle::Exim:
        m_w.lit("250 OK id=1t");
        m_w.token(id, 4);
        m_w.ch('-');
        m_w.token(id >> 24, 6);
        m_w.lit("-00");
        break;
    case ReplyStyle::Postfix:
        m_w.lit("250 2.0.0 Ok: queued as ");
        m_w.hex(id, 10, true);
        break;
    }
}

void Generator::notifySender(const Message &m)
{
    // The bounce daemon writes a non-delivery notification, a new message from <>
    // that is delivered to our (local) sender.
    const Qid ndr = newQid();
    const std::string_view sender = m_world.users[m.sender];
    begin(Svc::Bounce, pid(Svc::Bounce));
    m_w.str(m.qid.view());
    m_w.lit(": sender non-delivery notification: ");
    m_w.str(ndr.view());
    m_w.end();
    const Micros arrival = m_w.now();
    const CivilTime c = civilFromMicros(arrival);
    begin(Svc::Cleanup, pid(Svc::Cleanup));
    m_w.str(ndr.view());
    m_w.lit(": message-id=<");
    m_w.num(static_cast<std::uint64_t>(c.year) * 10'000'000'000ULL + c.month * 100'000'000ULL
            + c.day * 1'000'000ULL + static_cast<std::uint64_t>(c.hour * 10000 + c.minute * 100 + c.second));
    m_w.ch('.');
    m_w.str(ndr.view());
    m_w.ch('@');
    m_w.str(m_world.fqdn);
    m_w.ch('>');
    m_w.end();
    begin(Svc::Qmgr, pid(Svc::Qmgr));
    m_w.str(ndr.view());
    m_w.lit(": from=<>, size=");
    m_w.num(m.size / 4 + 2500);
    m_w.lit(", nrcpt=1 (queue active)");
    m_w.end();
    lmtpSent(ndr.view(), sender, arrival, m.msgId ^ 0x5A5A5A5A5A5A5A5AULL, m_world.fqdn);
    begin(Svc::Qmgr, pid(Svc::Qmgr));
    m_w.str(ndr.view());
    m_w.lit(": removed");
    m_w.end();
}

} // namespace rejectscope::loggen
