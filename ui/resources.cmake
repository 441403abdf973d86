# The application icon, compiled into the library: the window, the About dialog and
# the tests load it as :/icons/rejectscope.svg (resources/rejectscope.qrc lists the same).
# For a static library qt_add_resources builds an object library that every program
# linking rejectscope_ui takes in whole, so the resource registers itself with no
# Q_INIT_RESOURCE.
qt_add_resources(rejectscope_ui "rejectscope_icons"
    PREFIX "/icons"
    BASE ${PROJECT_SOURCE_DIR}/resources/icons
    FILES ${PROJECT_SOURCE_DIR}/resources/icons/rejectscope.svg)
