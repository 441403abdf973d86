# Sources of ui/charts: the only folder that includes Qt Charts.
target_sources(rejectscope_ui PRIVATE
    charts/chartcolors.h
    charts/charttext.cpp
    charts/charttext.h
    charts/steplines.cpp
    charts/steplines.h
    charts/timelinechart.cpp
    charts/timelinechart.h
    charts/timelineoverlay.cpp
    charts/timelineoverlay.h
    charts/timelineview.cpp
    charts/timelineview.h
    charts/timeticks.cpp
    charts/timeticks.h
)
