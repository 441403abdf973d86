# Sources of core/report
target_sources(rejectscope_core PRIVATE
    report/analysistables.h report/analysistables.cpp
    report/analysistext.h report/analysistext.cpp
    report/comparisonstable.h report/comparisonstable.cpp
    report/csvwriter.h report/csvwriter.cpp
    report/durationtext.h report/durationtext.cpp
    report/findingtext.h report/findingtext.cpp
    report/names.h report/names.cpp
    report/summarytext.h report/summarytext.cpp
    report/table.h report/table.cpp
    report/terminaltext.h report/terminaltext.cpp
    report/timelinetable.h report/timelinetable.cpp)
# The raw events as CSV, and any table model as a Table or clipboard text.
target_sources(rejectscope_core PRIVATE
    report/eventexport.h report/eventexport.cpp
    report/modelexport.h report/modelexport.cpp)
# A top list as a table.
target_sources(rejectscope_core PRIVATE report/toplisttable.h report/toplisttable.cpp)
