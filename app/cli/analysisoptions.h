#pragma once

#include "analysis/analysisfilter.h"

#include <QCommandLineParser>
#include <QTimeZone>

#include <optional>

namespace rejectscope::cli {

// The options every analysis command shares: the filter, the output format and
// the zone local times are shown in.
enum class OutputFormat { Text, Csv, Json };

// What every analysis command reads from its arguments.
struct AnalysisArguments {
    AnalysisFilter filter;
    OutputFormat format = OutputFormat::Text;
    QTimeZone zone;
};

void addAnalysisOptions(QCommandLineParser &parser);
// Reads the shared options; prints the problem and returns false on a usage error.
bool readAnalysisOptions(const QCommandLineParser &parser, AnalysisArguments &arguments);

// "2026-11-21T23:59:38Z", "2026-11-21T23:59:38+01:00", "2026-11-21 23:59[:38]" (in
// `zone`) or "@1795305578" (Unix seconds) → UTC milliseconds.
std::optional<qint64> parseTime(const QString &text, const QTimeZone &zone);
// "90s", "30m", "2h", "1d", or plain seconds → milliseconds.
std::optional<qint64> parseDuration(const QString &text);

} // namespace rejectscope::cli
