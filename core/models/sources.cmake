# Sources of core/models: the table models the GUI's views show (QAbstractTableModel
# is Qt Core, so they live below the user interface and are tested without it).
target_sources(rejectscope_core PRIVATE
    models/modelroles.h
    models/modeltext.h models/modeltext.cpp
    models/eventtablemodel.h models/eventtablemodel.cpp
    models/stormtablemodel.h models/stormtablemodel.cpp
    models/timelinemodel.h models/timelinemodel.cpp
    models/toplistmodel.h models/toplistmodel.cpp
    models/rowwindowmodel.h models/rowwindowmodel.cpp
)
