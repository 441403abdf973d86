#pragma once
// The cast of the generated log: our own server and users, the organisations we
// exchange mail with, spam bots, and the addresses they all use. Built once from the
// seed; every string a line needs is prebuilt here ("name[ip]" included) so that
// writing a line is a handful of memcpy calls.

#include "loggen_rng.h"

#include <cstdint>
#include <string>
#include <vector>

namespace rejectscope::loggen {

// Real MTAs word their acceptance differently; the importer must not care.
enum class ReplyStyle : std::uint8_t { Postfix, Gmail, Outlook, WebDe, TOnline, Yahoo, Exim };

// A mail server of another organisation: sends to us (client side) and receives
// from us (MX side).
struct Org
{
    std::string domain;
    std::string client; // "mail.example.de[203.0.113.7]" as smtpd logs it
    std::string clientIp;
    std::string helo;
    std::string mx; // "mx1.example.de[203.0.113.9]" as smtp logs it
    ReplyStyle reply = ReplyStyle::Postfix; // how its "250 ..." acceptance reads
    bool noReverseDns = false; // smtpd shows "unknown[ip]": 450 cannot find your hostname
    bool greylists = false; // defers our first attempt (postgrey on their side)
    bool nullMx = false; // answers 521 "does not accept mail" (RFC 7504)
    bool dead = false; // MX never answers: connection timed out
};

// A spam or scanning client (botnet, compromised host).
struct Bot
{
    std::string client; // "unknown[ip]" or dynamic reverse name + "[ip]"
    std::string ip;
    std::string helo;
    bool unknownName = false;
    bool fqdnHelo = false;
};

struct Address
{
    std::string addr;
    std::uint32_t org = 0; // index into World::orgs (remote addresses only)
};

struct World
{
    World(Rng &rng, const std::string &host);

    std::string host; // short name in the prefix ("mx")
    std::string fqdn; // "mx.example.net"
    std::string ip; // our public address
    std::string localDomain;
    std::string virtualDomain; // hosted as virtual_mailbox_domains

    std::vector<Org> orgs; // the first `bigOrgs` are the big providers
    std::uint32_t bigOrgs = 0;
    std::vector<Bot> bots;
    std::vector<Address> remote; // people at orgs
    std::vector<std::string> spamSenders;
    std::vector<std::string> users; // existing mailboxes of ours
    std::vector<std::string> unknownUsers; // our domain, no such mailbox
    std::vector<std::string> foreign; // relay attempts: not our domain
    std::vector<std::string> unknownVirtual; // our virtual domain, no such mailbox
    std::vector<std::string> submissionClients; // our users' home/office "name[ip]"
    std::vector<std::string> submissionIps; // the same clients' bare addresses (dovecot rip=)

    std::uint32_t floodOrg = 0; // the provider that throttles us for a few hours

    // Weighted pickers: big providers carry a large share of real traffic.
    std::uint32_t pickOrg(Rng &rng) const;
    std::uint32_t pickRemote(Rng &rng) const;
};

} // namespace rejectscope::loggen
