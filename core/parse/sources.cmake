# Sources of core/parse
target_sources(rejectscope_core PRIVATE parse/event.h)
