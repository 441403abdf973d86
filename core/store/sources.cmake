# Sources of core/store
target_sources(rejectscope_core PRIVATE
    store/database.h store/database.cpp
    store/databasefile.h store/databasefile.cpp
    store/eventwriter.h store/eventwriter.cpp
    store/importer.h store/importer.cpp
    store/ledger.h
    store/minutecounts.h
    store/multirowstatement.h store/multirowstatement.cpp
    store/rowbinder.h
    store/sqlfunctions.h store/sqlfunctions.cpp
    store/queuesendercache.h store/queuesendercache.cpp
    store/parsedbatch.h store/parsedbatch.cpp
    store/parsingreader.h store/parsingreader.cpp
    store/summary.h store/summary.cpp
    store/textarena.h store/textarena.cpp
    store/textmatches.h store/textmatches.cpp
    store/textsanitizer.h store/textsanitizer.cpp
    store/threadconnection.h store/threadconnection.cpp)
qt_add_resources(rejectscope_core "schema"
    PREFIX "/rejectscope/schema"
    BASE store/schema
    FILES store/schema/001-initial.sql store/schema/002-retry-chains.sql store/schema/003-top-lists.sql store/schema/004-key-hours.sql store/schema/005-top-days.sql
        store/schema/006-chain-first-events.sql
        store/schema/event-indexes.sql)
