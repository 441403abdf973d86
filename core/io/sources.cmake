# Sources of core/io
target_sources(rejectscope_core PRIVATE
    io/logsource.h io/logsource.cpp
    io/bytestream.h io/bytestream.cpp)
