# The application's small dialogs.
target_sources(rejectscope_ui PRIVATE
    aboutdialog.h aboutdialog.cpp)
