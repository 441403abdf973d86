# Sources of core/parse
target_sources(rejectscope_core PRIVATE
    parse/event.h
    parse/lineparser.h
    parse/lineparser.cpp
    parse/timestampresolver.h
    parse/timestampresolver.cpp
    parse/syslogprefix.h
    parse/syslogprefix.cpp
    parse/textscan.h
    parse/fieldscanner.h
    parse/smtpreply.h
    parse/smtpreply.cpp
    parse/rejectparser.h
    parse/rejectparser.cpp
    parse/deliveryparser.h
    parse/deliveryparser.cpp
    parse/queueparser.h
    parse/queueparser.cpp)
