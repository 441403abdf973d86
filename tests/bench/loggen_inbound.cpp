// Port 25 (and the unauthenticated side of port 587): what remote clients do to us.
#include "loggen_generator.h"

#include <algorithm>

namespace rejectscope::loggen {

namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// "mail.example.de[203.0.113.7]" -> "mail.example.de" (postgrey logs the name alone).
std::string_view nameOf(std::string_view client)
{
    return client.substr(0, client.find('['));
}

std::string_view domainOf(std::string_view addr)
{
    const auto at = addr.rfind('@');
    return at == std::string_view::npos ? std::string_view("localhost") : addr.substr(at + 1);
}

} // namespace

Generator::Peer Generator::orgPeer(std::uint32_t org) const
{
    const Org &o = m_world.orgs[org];
    return {o.client, o.clientIp, o.helo, true};
}

Generator::Peer Generator::botPeer(std::uint32_t bot) const
{
    const Bot &b = m_world.bots[bot];
    return {b.client, b.ip, b.helo, b.fqdnHelo};
}

void Generator::postgreyLine(const Peer &p, const Envelope &e, bool pass, Micros waited)
{
    begin(Svc::Postgrey, pid(Svc::Postgrey));
    if (pass) {
        m_w.lit("action=pass, reason=triplet found, delay=");
        m_w.num(static_cast<std::uint64_t>(waited / kSecond));
    } else {
        m_w.lit("action=greylist, reason=new");
    }
    m_w.lit(", client_name=");
    m_w.str(nameOf(p.client));
    m_w.lit(", client_address=");
    m_w.str(p.ip);
    m_w.lit(", sender=");
    m_w.str(e.from);
    m_w.lit(", recipient=");
    m_w.str(e.to);
    m_w.end();
}

void Generator::acceptInbound(const Peer &p, const Envelope &e, const Accept &how)
{
    const Micros arrival = m_w.now();
    screenPass(p, m_rng.percent(8));
    const auto sp = pid(Svc::Smtpd);
    connectLine(Svc::Smtpd, sp, p);
    const bool tls = m_rng.percent(85);
    if (tls)
        tlsLine(Svc::Smtpd, sp, p);
    if (how.warn)
        rejectLine(Svc::Smtpd, sp, "NOQUEUE", "reject_warning", Stage::Rcpt, p, Reason::RblWarn,
                   false, e);
    if (how.greylistWaited > 0)
        postgreyLine(p, e, true, how.greylistWaited);
    const Qid qid = newQid();
    begin(Svc::Smtpd, sp);
    m_w.str(qid.view());
    m_w.lit(": client=");
    m_w.str(p.client);
    m_w.end();
    if (how.extraUnknown != kNone) {
        // A second recipient after the first was accepted: the reject carries the
        // queue id instead of NOQUEUE.
        const Envelope extra {e.from, m_world.unknownUsers[how.extraUnknown]};
        rejectLine(Svc::Smtpd, sp, qid.view(), "reject", Stage::Rcpt, p, Reason::UnknownLocal,
                   m_w.now() < m_opt.switchAt, extra);
    }
    const std::uint64_t msgId = m_rng.next();
    begin(Svc::Cleanup, pid(Svc::Cleanup));
    m_w.str(qid.view());
    m_w.lit(": message-id=");
    messageId(msgId, domainOf(e.from));
    m_w.end();
    begin(Svc::Opendkim, pid(Svc::Opendkim));
    m_w.str(qid.view());
    if (m_rng.percent(70)) {
        m_w.lit(": DKIM verification successful");
    } else {
        m_w.lit(": ");
        m_w.str(nameOf(p.client));
        m_w.lit(" [");
        m_w.str(p.ip);
        m_w.lit("] not internal");
    }
    m_w.end();
    begin(Svc::Qmgr, pid(Svc::Qmgr));
    m_w.str(qid.view());
    m_w.lit(": from=");
    angle(e.from);
    m_w.lit(", size=");
    m_w.num(2000 + m_rng.below(m_rng.percent(3) ? 6'000'000 : 80'000));
    m_w.lit(", nrcpt=1 (queue active)");
    m_w.end();
    if (how.extraUnknown != kNone)
        disconnectLine(Svc::Smtpd, sp, p, tls ? " ehlo=2 starttls=1 mail=1 rcpt=1/2 data=1 quit=1 commands=7/8"
                                              : " ehlo=1 mail=1 rcpt=1/2 data=1 quit=1 commands=5/6");
    else
        disconnectLine(Svc::Smtpd, sp, p, tls ? " ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7"
                                              : " ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5");
    lmtpSent(qid.view(), e.to, arrival, msgId, domainOf(e.from));
    begin(Svc::Qmgr, pid(Svc::Qmgr));
    m_w.str(qid.view());
    m_w.lit(": removed");
    m_w.end();
}

void Generator::rejectSession(Svc svc, const Peer &p, const Envelope &e, Reason reason, bool soft,
                              bool viaScreen, bool bot)
{
    if (viaScreen)
        screenPass(p, bot && m_rng.percent(40));
    const auto sp = pid(svc);
    connectLine(svc, sp, p);
    const bool tls = !bot && m_rng.percent(80);
    if (tls)
        tlsLine(svc, sp, p);
    if (reason == Reason::Greylisted)
        postgreyLine(p, e, false, 0);
    rejectLine(svc, sp, "NOQUEUE", "reject", Stage::Rcpt, p, reason, soft, e);
    if (tls)
        disconnectLine(svc, sp, p, " ehlo=2 starttls=1 mail=1 rcpt=0/1 quit=1 commands=5/6");
    else if (!bot)
        disconnectLine(svc, sp, p, " ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4");
    else if (m_rng.percent(50))
        disconnectLine(svc, sp, p, p.esmtp ? " ehlo=1 mail=1 rcpt=0/1 data=0/1 rset=1 quit=1 commands=4/6"
                                           : " helo=1 mail=1 rcpt=0/1 data=0/1 rset=1 quit=1 commands=4/6");
    else
        disconnectLine(svc, sp, p, p.esmtp ? " ehlo=1 mail=1 rcpt=0/1 commands=2/3"
                                           : " helo=1 mail=1 rcpt=0/1 commands=2/3");
}

std::uint32_t Generator::newChain(Reason reason, bool bot, std::uint32_t client, std::uint32_t sender,
                                  std::uint32_t rcpt)
{
    std::uint32_t index;
    if (m_freeChains.empty()) {
        index = static_cast<std::uint32_t>(m_chains.size());
        m_chains.emplace_back();
    } else {
        index = m_freeChains.back();
        m_freeChains.pop_back();
    }
    Chain &c = m_chains[index];
    c = Chain {};
    c.first = m_w.now();
    c.reason = reason;
    c.bot = bot;
    c.client = client;
    c.sender = sender;
    c.rcpt = rcpt;
    if (bot) {
        // Spam software rarely retries; the few that do keep a fixed rhythm.
        c.backoff = false;
        c.gap = m_rng.between(10, 360) * kMinute;
        c.maxAttempts = static_cast<std::uint16_t>(m_rng.percent(75) ? 1 : 2 + m_rng.below(3));
        c.giveUp = c.first + 4 * kDay;
    } else {
        // A real MTA: first retry after 5-15 minutes, then doubling up to about an
        // hour (Postfix: minimal/maximal_backoff_time), for one to five days.
        c.backoff = true;
        c.gap = m_rng.between(300, 900) * kSecond;
        c.maxAttempts = 500;
        c.giveUp = c.first + m_rng.between(24, 120) * kHour;
    }
    return index;
}

void Generator::inboundAttempt(std::uint32_t chainIndex)
{
    Chain &c = m_chains[chainIndex];
    const Peer p = c.bot ? botPeer(c.client) : orgPeer(c.client);
    Envelope e;
    e.from = c.bot ? std::string_view(m_world.spamSenders[c.sender])
                   : std::string_view(m_world.remote[c.sender].addr);
    switch (c.reason) {
    case Reason::UnknownLocal:
        e.to = m_world.unknownUsers[c.rcpt];
        break;
    case Reason::RelayDenied:
        e.to = m_world.foreign[c.rcpt];
        break;
    default:
        e.to = m_world.users[c.rcpt];
        break;
    }
    ++c.attempts;
    if (c.reason == Reason::Greylisted && c.attempts > 1) {
        Accept how;
        how.greylistWaited = m_w.now() - c.first;
        m_freeChains.push_back(chainIndex);
        acceptInbound(p, e, how);
        return;
    }
    // The configuration switch: unknown_local_recipient_reject_code 450 -> 550.
    const bool soft = c.reason != Reason::UnknownLocal || m_w.now() < m_opt.switchAt;
    rejectSession(Svc::Smtpd, p, e, c.reason, soft, true, c.bot);

    const Micros jitter = m_rng.between(-30, 30) * kSecond;
    const Micros next = m_w.now() + c.gap + jitter;
    if (soft && c.attempts < c.maxAttempts && next < c.giveUp) {
        if (c.backoff)
            c.gap = std::min<Micros>(c.gap * 2, 4000 * kSecond);
        schedule(next, EventKind::InboundRetry, chainIndex);
    } else {
        m_freeChains.push_back(chainIndex);
    }
}

void Generator::scLegitInbound()
{
    const auto sender = m_world.pickRemote(m_rng);
    const auto org = m_world.remote[sender].org;
    const auto rcpt = m_rng.below(static_cast<std::uint32_t>(m_world.users.size()));
    if (m_world.orgs[org].noReverseDns) {
        // reject_unknown_client_hostname answers 450 (unknown_client_reject_code) and
        // the remote MTA keeps retrying: one of the storms Rejectscope is about.
        inboundAttempt(newChain(Reason::UnknownClient, false, org, sender, rcpt));
        return;
    }
    if (m_rng.percent(6)) {
        inboundAttempt(newChain(Reason::Greylisted, false, org, sender, rcpt));
        return;
    }
    Accept how;
    if (m_rng.percent(3))
        how.extraUnknown = m_rng.skewed(static_cast<std::uint32_t>(m_world.unknownUsers.size()));
    how.warn = m_rng.percent(2);
    acceptInbound(orgPeer(org), Envelope {m_world.remote[sender].addr, m_world.users[rcpt]}, how);
}

void Generator::scUnknownLocal()
{
    const auto unknownCount = static_cast<std::uint32_t>(m_world.unknownUsers.size());
    if (m_rng.percent(25)) {
        // A real correspondent writing to a former colleague: an MTA that retries.
        const auto sender = m_world.pickRemote(m_rng);
        const auto org = m_world.remote[sender].org;
        // reject_unknown_client_hostname comes first in smtpd_recipient_restrictions.
        // (Chain::rcpt indexes the list its reason implies: users for UnknownClient.)
        if (m_world.orgs[org].noReverseDns)
            inboundAttempt(newChain(Reason::UnknownClient, false, org, sender,
                                    m_rng.below(static_cast<std::uint32_t>(m_world.users.size()))));
        else
            inboundAttempt(newChain(Reason::UnknownLocal, false, org, sender, m_rng.skewed(unknownCount)));
        return;
    }
    const auto bot = m_rng.below(static_cast<std::uint32_t>(m_world.bots.size()));
    inboundAttempt(newChain(Reason::UnknownLocal, true, bot,
                            m_rng.below(static_cast<std::uint32_t>(m_world.spamSenders.size())),
                            m_rng.below(unknownCount)));
}

void Generator::scUnknownVirtual()
{
    const Peer p = botPeer(m_rng.below(static_cast<std::uint32_t>(m_world.bots.size())));
    const auto &from = m_world.spamSenders[m_rng.below(static_cast<std::uint32_t>(m_world.spamSenders.size()))];
    const auto &to = m_world.unknownVirtual[m_rng.below(static_cast<std::uint32_t>(m_world.unknownVirtual.size()))];
    rejectSession(Svc::Smtpd, p, Envelope {from, to}, Reason::UnknownVirtual, false, true, true);
}

void Generator::scRelayDenied()
{
    const auto bot = m_rng.below(static_cast<std::uint32_t>(m_world.bots.size()));
    const auto sender = m_rng.below(static_cast<std::uint32_t>(m_world.spamSenders.size()));
    const auto rcpt = m_rng.below(static_cast<std::uint32_t>(m_world.foreign.size()));
    if (m_rng.percent(70)) {
        // Port 25 uses defer_unauth_destination: 454, and some relay testers retry.
        inboundAttempt(newChain(Reason::RelayDenied, true, bot, sender, rcpt));
        return;
    }
    // Port 587 without AUTH: smtpd_relay_restrictions ends in reject: 554.
    rejectSession(Svc::Submission, botPeer(bot),
                  Envelope {m_world.spamSenders[sender], m_world.foreign[rcpt]}, Reason::RelayDenied,
                  false, false, true);
}

void Generator::scUnknownClient()
{
    auto bot = m_rng.below(static_cast<std::uint32_t>(m_world.bots.size()));
    for (int i = 0; i < 8 && !m_world.bots[bot].unknownName; ++i)
        bot = m_rng.below(static_cast<std::uint32_t>(m_world.bots.size()));
    inboundAttempt(newChain(Reason::UnknownClient, true, bot,
                            m_rng.below(static_cast<std::uint32_t>(m_world.spamSenders.size())),
                            m_rng.below(static_cast<std::uint32_t>(m_world.users.size()))));
}

void Generator::scNonFqdnHelo()
{
    auto bot = m_rng.below(static_cast<std::uint32_t>(m_world.bots.size()));
    for (int i = 0; i < 8 && m_world.bots[bot].fqdnHelo; ++i)
        bot = m_rng.below(static_cast<std::uint32_t>(m_world.bots.size()));
    const auto &from = m_world.spamSenders[m_rng.below(static_cast<std::uint32_t>(m_world.spamSenders.size()))];
    const auto &to = m_world.users[m_rng.below(static_cast<std::uint32_t>(m_world.users.size()))];
    rejectSession(Svc::Smtpd, botPeer(bot), Envelope {from, to}, Reason::NonFqdnHelo, false, true, true);
}

void Generator::scRbl()
{
    const Peer p = botPeer(m_rng.below(static_cast<std::uint32_t>(m_world.bots.size())));
    const auto &from = m_world.spamSenders[m_rng.below(static_cast<std::uint32_t>(m_world.spamSenders.size()))];
    const auto &to = m_world.users[m_rng.below(static_cast<std::uint32_t>(m_world.users.size()))];
    rejectSession(Svc::Smtpd, p, Envelope {from, to}, Reason::Rbl, false, true, true);
}

void Generator::scSenderDomain()
{
    const auto c = newChain(Reason::SenderDomain, true,
                            m_rng.below(static_cast<std::uint32_t>(m_world.bots.size())),
                            m_rng.below(static_cast<std::uint32_t>(m_world.spamSenders.size())),
                            m_rng.below(static_cast<std::uint32_t>(m_world.users.size())));
    if (m_rng.percent(25)) {
        // The persistent kind: the same triple every few hours for days.
        m_chains[c].maxAttempts = static_cast<std::uint16_t>(5 + m_rng.below(16));
        m_chains[c].gap = m_rng.between(1, 6) * kHour;
    }
    inboundAttempt(c);
}

} // namespace rejectscope::loggen
