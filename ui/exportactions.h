#pragma once

#include "tablespanel.h"

class QMenu;

namespace rejectscope {

class MainWindow;

// File → Export: the chart as PNG/SVG, every table as CSV (the same columns as
// `rejectscope-cli report --csv`), the raw events (streamed, with progress and
// Cancel) and the one-page report as PDF or HTML.
void addExportActions(MainWindow &window, QMenu *menu);
// Exports one tab of the tables panel as CSV, asking for the file name.
void exportTable(MainWindow &window, TablesPanel::Tab tab);
// Streams the events under the window's filter into a CSV file, with a progress
// dialog; a cancelled export leaves no file under the chosen name.
void exportEvents(MainWindow &window, const QString &path);

} // namespace rejectscope
