// Lines that share the mail log without being about SMTP traffic: local cron mail
// (pickup, local) and dovecot IMAP logins.
#include "loggen_generator.h"

namespace rejectscope::loggen {

void Generator::scCronMail()
{
    const Qid qid = newQid();
    const Micros arrival = m_w.now();
    begin(Svc::Pickup, pid(Svc::Pickup));
    m_w.str(qid.view());
    m_w.lit(": uid=0 from=<root>");
    m_w.end();
    begin(Svc::Cleanup, pid(Svc::Cleanup));
    m_w.str(qid.view());
    m_w.lit(": message-id=<");
    m_w.num(static_cast<std::uint64_t>(arrival / kSecond));
    m_w.ch('.');
    m_w.str(qid.view());
    m_w.ch('@');
    m_w.str(m_world.fqdn);
    m_w.ch('>');
    m_w.end();
    begin(Svc::Qmgr, pid(Svc::Qmgr));
    m_w.str(qid.view());
    m_w.lit(": from=<root@");
    m_w.str(m_world.fqdn);
    m_w.lit(">, size=");
    m_w.num(600 + m_rng.below(3000));
    m_w.lit(", nrcpt=1 (queue active)");
    m_w.end();
    begin(Svc::Local, pid(Svc::Local));
    m_w.str(qid.view());
    m_w.lit(": to=<root@");
    m_w.str(m_world.fqdn);
    m_w.lit(">, orig_to=<root>, relay=local");
    delayFields(m_w.now() - arrival + 10'000, 0, 10'000);
    m_w.lit(", dsn=2.0.0, status=sent (delivered to mailbox)");
    m_w.end();
    begin(Svc::Qmgr, pid(Svc::Qmgr));
    m_w.str(qid.view());
    m_w.lit(": removed");
    m_w.end();
}

void Generator::scImap()
{
    const auto client = m_rng.below(static_cast<std::uint32_t>(m_world.submissionIps.size()));
    const std::uint64_t session = m_rng.next();
    const auto kind = m_rng.below(100);
    if (kind < 10) {
        m_w.beginNoPid("dovecot");
        m_w.lit("imap-login: Disconnected: Connection closed (auth failed, ");
        m_w.num(1 + m_rng.below(3));
        m_w.lit(" attempts in ");
        m_w.num(2 + m_rng.below(10));
        m_w.lit(" secs): user=<");
        m_w.str(m_world.unknownUsers[m_rng.below(static_cast<std::uint32_t>(m_world.unknownUsers.size()))]);
        m_w.lit(">, method=PLAIN, rip=");
        m_w.str(m_world.bots[m_rng.below(static_cast<std::uint32_t>(m_world.bots.size()))].ip);
        m_w.lit(", lip=");
        m_w.str(m_world.ip);
        m_w.lit(", TLS, session=<");
        m_w.token(session, 16);
        m_w.lit(">");
        m_w.end();
        return;
    }
    const std::string_view user = m_world.users[m_rng.below(static_cast<std::uint32_t>(m_world.users.size()))];
    const auto mpid = 20000 + static_cast<std::uint32_t>((session >> 40) % 40000);
    m_w.beginNoPid("dovecot");
    m_w.lit("imap-login: Login: user=<");
    m_w.str(user);
    m_w.lit(">, method=PLAIN, rip=");
    m_w.str(m_world.submissionIps[client]);
    m_w.lit(", lip=");
    m_w.str(m_world.ip);
    m_w.lit(", mpid=");
    m_w.num(mpid);
    m_w.lit(", TLS, session=<");
    m_w.token(session, 16);
    m_w.lit(">");
    m_w.end();
    if (kind < 40) {
        m_w.beginNoPid("dovecot");
        m_w.lit("imap(");
        m_w.str(user);
        m_w.lit(")<");
        m_w.num(mpid);
        m_w.lit("><");
        m_w.token(session, 16);
        m_w.lit(">: Logged out in=");
        m_w.num(50 + m_rng.below(5000));
        m_w.lit(" out=");
        m_w.num(500 + m_rng.below(900000));
        m_w.lit(" deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 body_count=0 body_bytes=0");
        m_w.end();
    }
}

} // namespace rejectscope::loggen
