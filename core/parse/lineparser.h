#pragma once

#include "event.h"
#include "syslogprefix.h"
#include "timestampresolver.h"

#include <string_view>

namespace rejectscope {

// What became of one log line.
enum class LineVerdict : std::uint8_t {
    Event,         // turned into an Event
    Ignored,       // understood and of no interest (connect, TLS, anvil, non-Postfix, …)
    NotUnderstood, // a Postfix line that looks like a rejection or delivery but does not parse
};

// Turns one log line (without its newline) into an Event. Reads no clock and keeps
// no state between lines except the timestamp resolver's year tracking and what
// the syslog prefixes of the last lines were (which only saves reading them again).
class LineParser
{
public:
    explicit LineParser(TimestampResolver &resolver);

    // Parses `line`; on LineVerdict::Event fills `out` afresh (whose views point into `line`).
    // On NotUnderstood, problem() says why in a few words (untranslated, for samples).
    LineVerdict parse(std::string_view line, Event &out);
    std::string_view problem() const { return m_problem; }
    // True when the last line had no recognisable syslog prefix or was not from Postfix.
    bool lastWasForeign() const { return m_lastForeign; }

private:
    TimestampResolver &m_resolver;
    PrefixMemo m_prefixMemo;
    std::string_view m_problem;
    bool m_lastForeign = false;
};

} // namespace rejectscope
