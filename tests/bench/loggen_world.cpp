#include "loggen_world.h"

#include <array>
#include <string_view>

namespace rejectscope::loggen {

namespace {

template <std::size_t N>
std::string_view pick(Rng &rng, const std::array<std::string_view, N> &list)
{
    return list[rng.below(static_cast<std::uint32_t>(N))];
}

constexpr std::array<std::string_view, 48> kFirst = {
    "anna", "ben", "clara", "david", "eva", "felix", "greta", "hannes", "ida", "jonas",
    "karin", "lukas", "maria", "nils", "olga", "paul", "quentin", "rosa", "stefan", "tanja",
    "ulrich", "vera", "werner", "yvonne", "zoe", "marco", "sophie", "thomas", "julia", "peter",
    "laura", "michael", "sarah", "andreas", "lena", "martin", "nina", "oliver", "petra", "ralf",
    "sandra", "tobias", "ute", "jan", "elena", "fabian", "heike", "kai"};
constexpr std::array<std::string_view, 40> kLast = {
    "keller", "schmidt", "mueller", "weber", "wagner", "becker", "hoffmann", "schulz", "koch",
    "richter", "klein", "wolf", "neumann", "schwarz", "braun", "zimmermann", "krueger", "hartmann",
    "lange", "werner", "krause", "meier", "lehmann", "huber", "kaiser", "fuchs", "peters", "scholz",
    "moeller", "jung", "roth", "beck", "lorenz", "baumann", "franke", "albrecht", "simon", "ludwig",
    "boehm", "winter"};
constexpr std::array<std::string_view, 24> kSyllables = {
    "al", "ber", "can", "dor", "el", "fen", "gar", "hol", "in", "jor", "kel", "lin",
    "mar", "nor", "ol", "pen", "quin", "ros", "sel", "tor", "ul", "ven", "wal", "zan"};
constexpr std::array<std::string_view, 16> kWords = {
    "tech", "logistik", "bau", "media", "consult", "haus", "net", "systems",
    "werk", "shop", "design", "partner", "group", "studio", "reisen", "praxis"};
constexpr std::array<std::string_view, 14> kTlds = {
    ".de", ".de", ".de", ".com", ".com", ".net", ".org", ".fr", ".nl", ".co.uk", ".it", ".at", ".ch", ".eu"};
constexpr std::array<std::string_view, 10> kSpamTlds = {
    ".top", ".xyz", ".ru", ".cn", ".com.br", ".info", ".online", ".shop", ".com", ".biz"};
constexpr std::array<std::string_view, 14> kRoles = {
    "info", "sales", "noreply", "newsletter", "billing", "office", "support", "kontakt",
    "service", "rechnung", "bestellung", "news", "team", "hello"};
constexpr std::array<std::string_view, 16> kDictionary = {
    "admin", "test", "webmaster", "contact", "marketing", "root", "user", "mail",
    "backup", "hr", "jobs", "finance", "accounting", "ceo", "it", "helpdesk"};
constexpr std::array<std::string_view, 12> kIsps = {
    "ttnet.com.tr", "vivo.com.br", "telecom.net.ar", "airtel.in", "hinet.net", "static.vnpt.vn",
    "kornet.net", "dynamic.163data.com.cn", "adsl.tpnet.pl", "dyn.plus.net", "pool.telefonica.de",
    "rev.sfr.net"};

std::string ipv4(Rng &rng)
{
    for (;;) {
        const auto a = 2 + rng.below(222);
        const auto b = rng.below(256);
        // Skip private, loopback, CGNAT, link-local and documentation space.
        if (a == 10 || a == 127 || a == 100 || a == 169 || a == 172 || a == 192 || a == 198)
            continue;
        const auto c = rng.below(256);
        const auto d = 1 + rng.below(254);
        return std::to_string(a) + '.' + std::to_string(b) + '.' + std::to_string(c) + '.'
            + std::to_string(d);
    }
}

std::string ipv6(Rng &rng)
{
    static constexpr std::array<std::string_view, 4> kPrefixes = {"2a01:4f8:", "2a02:c207:",
                                                                  "2001:41d0:", "2a03:b0c0:"};
    std::string s(pick(rng, kPrefixes));
    const char *hex = "0123456789abcdef";
    for (int group = 0; group < 2; ++group) {
        std::uint32_t v = 1 + rng.below(0xfffe);
        std::string g;
        while (v != 0) {
            g.insert(g.begin(), hex[v & 15]);
            v >>= 4;
        }
        s += g;
        s += ':';
    }
    s += ':';
    s += std::to_string(1 + rng.below(30));
    return s;
}

std::string lower(Rng &rng, int minLen, int maxLen)
{
    const auto len = static_cast<int>(rng.between(minLen, maxLen));
    std::string s;
    for (int i = 0; i < len; ++i)
        s.push_back(static_cast<char>('a' + rng.below(26)));
    return s;
}

std::string domainName(Rng &rng)
{
    std::string d(pick(rng, kSyllables));
    d += pick(rng, kSyllables);
    if (rng.percent(60)) {
        if (rng.percent(30))
            d += '-';
        d += pick(rng, kWords);
    }
    d += pick(rng, kTlds);
    return d;
}

std::string personLocal(Rng &rng)
{
    const auto first = pick(rng, kFirst);
    const auto last = pick(rng, kLast);
    switch (rng.below(5)) {
    case 0:
        return std::string(first) + '.' + std::string(last);
    case 1:
        return std::string(1, first[0]) + '.' + std::string(last);
    case 2:
        return std::string(first) + std::string(last);
    case 3:
        return std::string(first) + '_' + std::string(last) + std::to_string(rng.below(100));
    default:
        return std::string(first) + '.' + std::string(last) + std::to_string(60 + rng.below(45));
    }
}

std::string dottedReverse(const std::string &ip)
{
    // "203.0.113.7" -> "7.113.0.203", as in "7.113.0.203.static.isp.net".
    std::string out;
    std::size_t end = ip.size();
    while (true) {
        const auto dot = ip.rfind('.', end - 1);
        if (dot == std::string::npos) {
            out += ip.substr(0, end);
            return out;
        }
        out += ip.substr(dot + 1, end - dot - 1);
        out += '.';
        end = dot;
    }
}

std::string dashed(const std::string &s, char from)
{
    std::string out = s;
    for (auto &c : out)
        if (c == from)
            c = '-';
    return out;
}

Bot makeBot(Rng &rng)
{
    Bot b;
    b.ip = ipv4(rng);
    std::string name;
    switch (rng.below(10)) {
    case 0: case 1: case 2: case 3:
        b.unknownName = true;
        name = "unknown";
        break;
    case 4: case 5:
        name = dashed(b.ip, '.') + ".dynamic." + std::string(pick(rng, kIsps));
        break;
    case 6:
        name = "host-" + dashed(dottedReverse(b.ip), '.') + '.' + std::string(pick(rng, kIsps));
        break;
    case 7:
        name = dottedReverse(b.ip) + ".static." + std::string(pick(rng, kIsps));
        break;
    case 8:
        name = "ip" + dashed(b.ip, '.') + ".pbiaas.com";
        break;
    default:
        name = "mail." + lower(rng, 5, 9);
        name += pick(rng, kSpamTlds);
        break;
    }
    b.client = name + '[' + b.ip + ']';
    switch (rng.below(8)) {
    case 0:
        b.helo = "User";
        break;
    case 1: {
        b.helo = "WIN-";
        for (int i = 0; i < 11; ++i) {
            const auto r = rng.below(36);
            b.helo.push_back(static_cast<char>(r < 10 ? '0' + r : 'A' + r - 10));
        }
        break;
    }
    case 2:
        b.helo = '[' + b.ip + ']';
        b.fqdnHelo = true; // an address literal passes reject_non_fqdn_helo_hostname
        break;
    case 3:
        b.helo = "ylmf-pc";
        break;
    case 4:
        b.helo = "localhost";
        break;
    default:
        b.helo = b.unknownName ? lower(rng, 6, 10) + ".com" : name;
        b.fqdnHelo = true;
        break;
    }
    return b;
}

} // namespace

World::World(Rng &rng, const std::string &hostName)
    : host(hostName)
    , fqdn(hostName + ".example.net")
    , ip("198.51.100.25")
    , localDomain("example.net")
    , virtualDomain("shop.example.org")
{
    auto big = [this](std::string d, std::string client, std::string cip, std::string mx,
                      ReplyStyle style) {
        Org o;
        o.domain = std::move(d);
        const auto bracket = client.find('[');
        o.helo = client.substr(0, bracket);
        o.client = std::move(client);
        o.clientIp = std::move(cip);
        o.mx = std::move(mx);
        o.reply = style;
        orgs.push_back(std::move(o));
    };
    // The big providers, one entry per outbound server we see from them.
    big("gmail.com", "mail-wr1-f54.google.com[209.85.221.54]", "209.85.221.54",
        "gmail-smtp-in.l.google.com[142.250.102.27]", ReplyStyle::Gmail);
    big("gmail.com", "mail-ej1-f49.google.com[209.85.218.49]", "209.85.218.49",
        "gmail-smtp-in.l.google.com[2a00:1450:400c:c0a::1a]", ReplyStyle::Gmail);
    big("gmail.com", "mail-lf1-f45.google.com[209.85.167.45]", "209.85.167.45",
        "alt1.gmail-smtp-in.l.google.com[142.250.153.26]", ReplyStyle::Gmail);
    big("outlook.com", "mail-am6eur05olkn2011.outbound.protection.outlook.com[40.92.91.11]",
        "40.92.91.11", "outlook-com.olc.protection.outlook.com[52.101.68.0]", ReplyStyle::Outlook);
    big("hotmail.com", "mail-db8eur05olkn2070.outbound.protection.outlook.com[40.92.89.70]",
        "40.92.89.70", "hotmail-com.olc.protection.outlook.com[52.101.73.30]", ReplyStyle::Outlook);
    big("web.de", "mout.web.de[212.227.15.3]", "212.227.15.3", "mx-ha02.web.de[212.227.17.8]",
        ReplyStyle::WebDe);
    big("gmx.de", "mout.gmx.net[212.227.15.19]", "212.227.15.19", "mx00.emig.gmx.net[212.227.15.9]",
        ReplyStyle::WebDe);
    big("t-online.de", "mailout01.t-online.de[194.25.134.80]", "194.25.134.80",
        "mx00.t-online.de[194.25.134.8]", ReplyStyle::TOnline);
    floodOrg = static_cast<std::uint32_t>(orgs.size() - 1);
    big("yahoo.com", "sonic310-21.consmr.mail.ir2.yahoo.com[77.238.176.97]", "77.238.176.97",
        "mta5.am0.yahoodns.net[67.195.204.72]", ReplyStyle::Yahoo);
    big("icloud.com", "qs51p00im-qukt01072701.me.com[17.57.155.16]", "17.57.155.16",
        "mx01.mail.icloud.com[17.57.154.23]", ReplyStyle::Postfix);
    bigOrgs = static_cast<std::uint32_t>(orgs.size());

    for (int i = 0; i < 4000; ++i) {
        Org o;
        o.domain = domainName(rng);
        const auto hosting = rng.below(100);
        if (hosting < 18) { // IONOS shared hosting
            o.clientIp = "212.227.126." + std::to_string(130 + rng.below(100));
            o.client = "mout.kundenserver.de[" + o.clientIp + ']';
            o.helo = "mout.kundenserver.de";
            o.mx = "mx00.ionos.de[217.72.192.67]";
            o.reply = ReplyStyle::Exim;
        } else if (hosting < 33) { // Microsoft 365
            // Every rng call is its own statement: the order of evaluation of the
            // operands of + is unspecified, and the output must not depend on the compiler.
            o.clientIp = "40.107." + std::to_string(rng.below(256));
            o.clientIp += '.' + std::to_string(1 + rng.below(254));
            o.helo = "mail-" + lower(rng, 3, 3);
            o.helo += std::to_string(rng.below(100)) + "eur0";
            o.helo += std::to_string(1 + rng.below(5)) + "on2";
            o.helo += std::to_string(100 + rng.below(900)) + ".outbound.protection.outlook.com";
            o.client = o.helo + '[' + o.clientIp + ']';
            o.mx = dashed(o.domain, '.') + ".mail.protection.outlook.com[52.101.";
            o.mx += std::to_string(rng.below(256)) + '.';
            o.mx += std::to_string(rng.below(255)) + ']';
            o.reply = ReplyStyle::Outlook;
        } else { // self-hosted
            o.clientIp = rng.percent(8) ? ipv6(rng) : ipv4(rng);
            const std::string name = (rng.percent(60) ? "mail." : rng.percent(50) ? "mx1." : "smtp.") + o.domain;
            // The broken ones are small senders: a popular correspondent with a dead
            // MX would get fixed (and would swamp the log).
            const bool obscure = i >= 200;
            o.noReverseDns = obscure && rng.percent(2);
            o.client = (o.noReverseDns ? std::string("unknown") : name) + '[' + o.clientIp + ']';
            o.helo = name;
            o.mx = name + '[' + o.clientIp + ']';
            o.reply = rng.percent(75) ? ReplyStyle::Postfix : ReplyStyle::Exim;
            o.greylists = rng.percent(10);
            o.nullMx = obscure && rng.permille(6);
            o.dead = obscure && !o.nullMx && rng.permille(10);
        }
        orgs.push_back(std::move(o));
    }

    for (int i = 0; i < 30000; ++i)
        bots.push_back(makeBot(rng));

    for (int i = 0; i < 40000; ++i) {
        Address a;
        a.org = pickOrg(rng);
        const bool role = a.org >= bigOrgs && rng.percent(35);
        a.addr = (role ? std::string(pick(rng, kRoles)) : personLocal(rng)) + '@' + orgs[a.org].domain;
        remote.push_back(std::move(a));
    }

    for (int i = 0; i < 30000; ++i) {
        const auto kind = rng.below(100);
        if (kind < 4)
            spamSenders.emplace_back(); // the null sender: backscatter, fake bounces
        else if (kind < 12)
            spamSenders.push_back(personLocal(rng) + '@' + localDomain); // forged as one of ours
        else {
            std::string s = lower(rng, 4, 12);
            s += std::to_string(rng.below(1000)) + '@';
            s += lower(rng, 5, 10);
            s += pick(rng, kSpamTlds);
            spamSenders.push_back(std::move(s));
        }
    }

    for (std::string_view role : {"info", "postmaster", "abuse", "sales", "support", "office",
                                  "billing", "jobs", "hr", "kontakt"})
        users.push_back(std::string(role) + '@' + localDomain);
    for (std::size_t f = 0; f < kFirst.size(); ++f)
        for (std::size_t l = f % 5; l < kLast.size(); l += 5)
            users.push_back(std::string(kFirst[f]) + '.' + std::string(kLast[l]) + '@' + localDomain);

    for (int i = 0; i < 5000; ++i) {
        const auto kind = rng.below(10);
        std::string local;
        if (kind < 4) { // former employees: first.last pairs we do not have
            local = std::string(pick(rng, kFirst)) + '.';
            local += pick(rng, kLast);
            local += std::to_string(rng.below(10));
        } else if (kind < 7) {
            local = std::string(pick(rng, kDictionary));
            if (rng.percent(50))
                local += std::to_string(rng.below(100));
        } else
            local = lower(rng, 5, 10);
        unknownUsers.push_back(local + '@' + localDomain);
    }

    for (int i = 0; i < 2000; ++i) {
        std::string v = rng.percent(50) ? std::string(pick(rng, kDictionary)) : lower(rng, 4, 9);
        unknownVirtual.push_back(v + '@' + virtualDomain);
    }

    for (int i = 0; i < 2000; ++i) {
        std::string f = lower(rng, 5, 10) + '@';
        f += rng.percent(50) ? orgs[rng.below(bigOrgs)].domain : domainName(rng);
        foreign.push_back(std::move(f));
    }

    for (int i = 0; i < 400; ++i) {
        const auto sip = ipv4(rng);
        std::string name;
        switch (rng.below(4)) {
        case 0:
            name = "p" + std::to_string(rng.below(100000)) + ".dip0.t-ipconnect.de";
            break;
        case 1:
            name = "dynamic-" + dashed(sip, '.') + ".pool.telefonica.de";
            break;
        case 2:
            name = "ip-" + dashed(sip, '.') + ".um36.pools.vodafone-ip.de";
            break;
        default:
            name = "unknown";
            break;
        }
        submissionClients.push_back(name + '[' + sip + ']');
        submissionIps.push_back(sip);
    }
}

std::uint32_t World::pickOrg(Rng &rng) const
{
    // About 45 % of mail involves one of the big providers.
    if (rng.percent(45))
        return rng.below(bigOrgs);
    return bigOrgs + rng.skewed(static_cast<std::uint32_t>(orgs.size()) - bigOrgs);
}

std::uint32_t World::pickRemote(Rng &rng) const
{
    return rng.skewed(static_cast<std::uint32_t>(remote.size()));
}

} // namespace rejectscope::loggen
