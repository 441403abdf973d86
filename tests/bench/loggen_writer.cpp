#include "loggen_writer.h"

#include <array>

namespace rejectscope::loggen {

namespace {

constexpr std::size_t kFlushAt = std::size_t(1) << 20;
// No line is anywhere near this long; the margin lets end() flush only between lines.
constexpr std::size_t kMargin = std::size_t(64) << 10;

constexpr std::array<const char *, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Mail volume by hour of day (a European MX: quiet nights, busy office hours).
// Spam does not sleep, so the night is not empty.
constexpr std::array<int, 24> kActivity = {45, 40, 38, 36, 38, 45, 60, 85, 120, 140, 145, 140,
                                           130, 135, 140, 135, 125, 110, 95, 85, 75, 65, 55, 50};

constexpr int activityTotal()
{
    int total = 0;
    for (int a : kActivity)
        total += a;
    return total;
}

// Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian, no tables.
std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = static_cast<int>(y - era * 400);
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void put2(std::string &s, int v)
{
    s.push_back(static_cast<char>('0' + v / 10));
    s.push_back(static_cast<char>('0' + v % 10));
}

} // namespace

CivilTime civilFromMicros(Micros t)
{
    std::int64_t secs = t / kSecond;
    std::int64_t z = secs / 86400;
    int sod = static_cast<int>(secs % 86400);
    if (sod < 0) {
        sod += 86400;
        --z;
    }
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = static_cast<int>(z - era * 146097);
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    const int y = static_cast<int>(yoe + era * 400) + (m <= 2);
    return {y, m, d, sod / 3600, sod / 60 % 60, sod % 60};
}

Micros microsFromCivil(int year, int month, int day, int hour, int minute, int second)
{
    return ((daysFromCivil(year, month, day) * 86400) + hour * 3600 + minute * 60 + second)
        * kSecond;
}

Writer::Writer(const Config &config, Rng &rng)
    : m_rng(rng)
    , m_out(config.out)
    , m_buffer(new char[kFlushAt + kMargin])
    , m_cur(m_buffer.get())
    , m_limit(config.lineLimit)
    , m_format(config.format)
    , m_host(config.host)
    , m_offset(config.isoOffset)
    , m_now(config.start)
    , m_meanGap(config.meanGap)
{
    m_done = m_limit == 0;
    m_stop = m_cur;
}

Writer::~Writer() = default;

void Writer::rebuildPrefix(Micros second)
{
    m_cachedSecond = second;
    const CivilTime c = civilFromMicros(second * kSecond);
    // Busy hours advance the clock in smaller steps: more lines per hour.
    m_gapNow = m_meanGap * activityTotal() / (24 * kActivity[static_cast<std::size_t>(c.hour)]);

    m_pre.clear();
    if (m_format == Format::Iso) {
        m_pre += std::to_string(c.year);
        m_pre.push_back('-');
        put2(m_pre, c.month);
        m_pre.push_back('-');
        put2(m_pre, c.day);
        m_pre.push_back('T');
    } else {
        m_pre += kMonths[static_cast<std::size_t>(c.month - 1)];
        m_pre.push_back(' ');
        if (c.day < 10 && m_format == Format::Classic) {
            m_pre.push_back(' ');
            m_pre.push_back(static_cast<char>('0' + c.day));
        } else {
            put2(m_pre, c.day);
        }
        m_pre.push_back(' ');
    }
    put2(m_pre, c.hour);
    m_pre.push_back(':');
    put2(m_pre, c.minute);
    m_pre.push_back(':');
    put2(m_pre, c.second);
    if (m_format == Format::Iso) {
        m_pre.push_back('.');
        m_post = m_offset + ' ' + m_host + ' ';
    } else {
        m_pre.push_back(' ');
        m_pre += m_host;
        m_pre.push_back(' ');
    }
}

void Writer::num(std::uint64_t v)
{
    // Two digits per division, written backwards into place.
    static constexpr char kPairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";
    int digits = 1;
    for (std::uint64_t t = v; t >= 10; t /= 10)
        ++digits;
    char *p = m_cur + digits;
    while (v >= 100) {
        const auto pair = static_cast<std::size_t>(v % 100) * 2;
        v /= 100;
        *--p = kPairs[pair + 1];
        *--p = kPairs[pair];
    }
    if (v >= 10) {
        *--p = kPairs[v * 2 + 1];
        *--p = kPairs[v * 2];
    } else {
        *--p = static_cast<char>('0' + v);
    }
    m_cur += digits;
}

void Writer::hex(std::uint64_t v, int digits, bool upper)
{
    const char *table = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i) {
        m_cur[i] = table[v & 15];
        v >>= 4;
    }
    m_cur += digits;
}

void Writer::delay(Micros d)
{
    if (d < 0)
        d = 0;
    // Postfix prints about two significant digits and drops trailing zeros.
    if (d >= 10 * kSecond) {
        num(static_cast<std::uint64_t>(d / kSecond));
        return;
    }
    if (d >= kSecond) {
        const auto tenths = static_cast<std::uint64_t>(d / 100'000);
        num(tenths / 10);
        if (tenths % 10 != 0) {
            ch('.');
            ch(static_cast<char>('0' + tenths % 10));
        }
        return;
    }
    const auto hundredths = static_cast<std::uint64_t>(d / 10'000);
    if (hundredths == 0) {
        ch('0');
        return;
    }
    lit("0.");
    ch(static_cast<char>('0' + hundredths / 10));
    if (hundredths % 10 != 0)
        ch(static_cast<char>('0' + hundredths % 10));
}

void Writer::classicTime(Micros t)
{
    const CivilTime c = civilFromMicros(t);
    str(kMonths[static_cast<std::size_t>(c.month - 1)]);
    ch(' ');
    if (c.day < 10) {
        ch(' ');
        ch(static_cast<char>('0' + c.day));
    } else {
        fixed(static_cast<std::uint64_t>(c.day), 2);
    }
    ch(' ');
    fixed(static_cast<std::uint64_t>(c.hour), 2);
    ch(':');
    fixed(static_cast<std::uint64_t>(c.minute), 2);
    ch(':');
    fixed(static_cast<std::uint64_t>(c.second), 2);
}

void Writer::token(std::uint64_t seed, int length)
{
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::uint64_t bits = seed;
    int left = 10;
    for (int i = 0; i < length; ++i) {
        if (left == 0) {
            seed = seed * 0x9E3779B97F4A7C15ULL + 0xD1B54A32D192ED03ULL;
            bits = seed ^ (seed >> 29);
            left = 10;
        }
        *m_cur++ = kAlphabet[bits & 63];
        bits >>= 6;
        --left;
    }
}

void Writer::end()
{
    if (m_done) {
        // Lines of a scenario that runs past the limit are dropped, so the file
        // holds exactly --lines lines.
        m_cur = m_stop;
        return;
    }
    *m_cur++ = '\n';
    if (++m_lines == m_limit) {
        m_done = true;
        m_stop = m_cur;
    }
    // Uniform in [0, 2 x mean gap): 21 random bits scale the current hour's gap.
    m_now += (m_gapNow * static_cast<Micros>(m_rng.next() >> 43)) >> 20;
    if (!m_done && static_cast<std::size_t>(m_cur - m_buffer.get()) >= kFlushAt)
        flushBuffer();
}

void Writer::flushBuffer()
{
    const auto size = static_cast<std::size_t>(m_cur - m_buffer.get());
    if (size != 0 && m_ok && std::fwrite(m_buffer.get(), 1, size, m_out) != size)
        m_ok = false;
    m_cur = m_buffer.get();
    m_stop = m_cur;
}

bool Writer::finish()
{
    if (m_done)
        m_cur = m_stop;
    flushBuffer();
    if (std::fflush(m_out) != 0)
        m_ok = false;
    return m_ok;
}

} // namespace rejectscope::loggen
