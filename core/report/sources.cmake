# Sources of core/report
target_sources(rejectscope_core PRIVATE
    report/analysistables.h report/analysistables.cpp
    report/analysistext.h report/analysistext.cpp
    report/csvwriter.h report/csvwriter.cpp
    report/names.h report/names.cpp
    report/summarytext.h report/summarytext.cpp
    report/table.h report/table.cpp
    report/terminaltext.h report/terminaltext.cpp)
