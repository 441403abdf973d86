# Sources of core/analysis
target_sources(rejectscope_core PRIVATE
    analysis/reasonclass.h
    analysis/reasonclass.cpp)
