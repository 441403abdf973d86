# Sources of core/report
target_sources(rejectscope_core PRIVATE
    report/csvwriter.h report/csvwriter.cpp
    report/names.h report/names.cpp
    report/summarytext.h report/summarytext.cpp
    report/terminaltext.h report/terminaltext.cpp)
