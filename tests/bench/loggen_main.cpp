// rejectscope-loggen: writes a realistic, deterministic Postfix mail log for the
// import benchmark (see README.md next to this file).

#include "loggen_generator.h"
#include "loggen_world.h"
#include "loggen_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

using namespace rejectscope::loggen;

namespace {

constexpr const char *kUsage =
    "usage: rejectscope-loggen [options]\n"
    "  --lines N        lines to write (default 1000000; suffixes k and M accepted)\n"
    "  --seed N         random seed; the same seed gives the same file (default 1)\n"
    "  --format F       classic  'Nov  1 23:01:55 mx ...' (syslog daemon, default)\n"
    "                   postlogd 'Nov 01 23:01:55 mx ...' (Postfix maillog_file, journalctl)\n"
    "                   iso      '2026-11-01T23:01:55.123456+01:00 mx ...' (rsyslog)\n"
    "  --output FILE    write to FILE instead of standard output (-o)\n"
    "  --days D         time span the lines cover (default 3)\n"
    "  --start DATE     first timestamp, YYYY-MM-DD[THH:MM:SS] local (default 2026-11-19)\n"
    "  --offset +HH:MM  UTC offset printed by --format iso (default +01:00)\n"
    "  --host NAME      host name in the prefix (default mx)\n"
    "  --switch-at F    fraction of the span where unknown_local_recipient_reject_code\n"
    "                   goes from 450 to 550 (default 0.6; 'none' keeps 450)\n";

struct Args
{
    std::uint64_t lines = 1'000'000;
    std::uint64_t seed = 1;
    Format format = Format::Classic;
    std::string output;
    double days = 3.0;
    Micros start = microsFromCivil(2026, 11, 19, 0, 0, 0);
    std::string offset = "+01:00";
    std::string host = "mx";
    double switchAt = 0.6;
};

std::optional<std::uint64_t> parseCount(std::string_view s)
{
    std::uint64_t multiplier = 1;
    if (!s.empty() && (s.back() == 'k' || s.back() == 'K')) {
        multiplier = 1000;
        s.remove_suffix(1);
    } else if (!s.empty() && (s.back() == 'M' || s.back() == 'm')) {
        multiplier = 1'000'000;
        s.remove_suffix(1);
    }
    if (s.empty() || s.size() > 15)
        return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v * multiplier;
}

std::optional<double> parseNumber(const std::string &s)
{
    errno = 0;
    char *end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || errno != 0 || *end != '\0')
        return std::nullopt;
    return v;
}

std::optional<Micros> parseStart(const std::string &s)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    char tail = 0;
    const int n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &tail);
    if ((n != 3 && n != 6) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59)
        return std::nullopt;
    return microsFromCivil(y, mo, d, h, mi, se);
}

bool fail(const std::string &message)
{
    std::fprintf(stderr, "rejectscope-loggen: %s\n%s", message.c_str(), kUsage);
    return false;
}

bool isOption(std::string_view opt)
{
    for (std::string_view known : {"--lines", "--seed", "--format", "--output", "-o", "--days", "--start",
                                   "--offset", "--host", "--switch-at"})
        if (opt == known)
            return true;
    return false;
}

bool parseArgs(int argc, char **argv, Args &args)
{
    for (int i = 1; i < argc; ++i) {
        std::string opt = argv[i];
        std::string value;
        const auto eq = opt.find('=');
        if (opt.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = opt.substr(eq + 1);
            opt.resize(eq);
        } else if (opt == "-h" || opt == "--help") {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (!isOption(opt)) {
            return fail("unknown option " + opt);
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return fail("missing value for " + opt);
        }

        if (opt == "--lines") {
            const auto v = parseCount(value);
            if (!v)
                return fail("bad --lines: " + value);
            args.lines = *v;
        } else if (opt == "--seed") {
            const auto v = parseCount(value);
            if (!v)
                return fail("bad --seed: " + value);
            args.seed = *v;
        } else if (opt == "--format") {
            if (value == "classic")
                args.format = Format::Classic;
            else if (value == "postlogd")
                args.format = Format::Postlogd;
            else if (value == "iso")
                args.format = Format::Iso;
            else
                return fail("bad --format: " + value);
        } else if (opt == "--output" || opt == "-o") {
            args.output = value;
        } else if (opt == "--days") {
            const auto v = parseNumber(value);
            if (!v || *v <= 0 || *v > 3650)
                return fail("bad --days: " + value);
            args.days = *v;
        } else if (opt == "--start") {
            const auto v = parseStart(value);
            if (!v)
                return fail("bad --start: " + value);
            args.start = *v;
        } else if (opt == "--offset") {
            const bool ok = value == "Z"
                || (value.size() == 6 && (value[0] == '+' || value[0] == '-') && value[3] == ':');
            if (!ok)
                return fail("bad --offset: " + value);
            args.offset = value;
        } else if (opt == "--host") {
            if (value.empty() || value.find_first_of(" \t\n") != std::string::npos)
                return fail("bad --host: " + value);
            args.host = value;
        } else if (opt == "--switch-at") {
            if (value == "none") {
                args.switchAt = 1e9;
            } else {
                const auto v = parseNumber(value);
                if (!v || *v < 0)
                    return fail("bad --switch-at: " + value);
                args.switchAt = *v;
            }
        } else {
            return fail("unknown option " + opt);
        }
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    Args args;
    if (!parseArgs(argc, argv, args))
        return 2;

    std::FILE *out = stdout;
    if (!args.output.empty() && args.output != "-") {
        out = std::fopen(args.output.c_str(), "wb");
        if (!out) {
            std::fprintf(stderr, "rejectscope-loggen: cannot write %s: %s\n", args.output.c_str(),
                         std::strerror(errno));
            return 1;
        }
    }

    const auto span = static_cast<Micros>(args.days * static_cast<double>(kDay));
    Rng rng(args.seed);
    // The cast is drawn first and from its own stream, so --lines and --days never
    // change who the clients are.
    Rng worldRng(args.seed ^ 0x6C6F6767656E0001ULL);
    const World world(worldRng, args.host);

    Writer::Config wc;
    wc.out = out;
    wc.lineLimit = args.lines;
    wc.format = args.format;
    wc.host = args.host;
    wc.isoOffset = args.offset;
    wc.start = args.start;
    wc.meanGap = args.lines == 0 ? kSecond : std::max<Micros>(1, span / static_cast<Micros>(args.lines));
    Writer writer(wc, rng);

    Generator::Options go;
    go.switchAt = args.switchAt > 1000 ? std::numeric_limits<Micros>::max()
                                       : args.start + static_cast<Micros>(args.switchAt * static_cast<double>(span));
    // One big provider throttles us for three hours a little after the first third.
    go.floodStart = args.start + span * 35 / 100;
    go.floodEnd = go.floodStart + 3 * kHour;
    go.queueLifetime = kDay;
    Generator generator(world, writer, rng, go);
    generator.run();

    const bool ok = writer.finish();
    if (out != stdout && std::fclose(out) != 0)
        return std::fprintf(stderr, "rejectscope-loggen: write error on %s\n", args.output.c_str()), 1;
    if (!ok) {
        std::fprintf(stderr, "rejectscope-loggen: write error: %s\n", std::strerror(errno));
        return 1;
    }
    return 0;
}
