# Sources of core/analysis
target_sources(rejectscope_core PRIVATE
    analysis/reasonclass.h
    analysis/reasonclass.cpp
    analysis/advisor.h analysis/advisor.cpp
    analysis/advicecache.h analysis/advicecache.cpp
    analysis/overview.h analysis/overview.cpp
    analysis/advisorquery.h analysis/advisorquery.cpp
    analysis/postfixparameters.h analysis/postfixparameters.cpp
    analysis/softbounce.h analysis/softbounce.cpp)
# Retry chains, floods, switch points, before/after (filtersql, attemptminutes and
# chainbuilder are internal helpers).
target_sources(rejectscope_core PRIVATE
    analysis/analysisfilter.h
    analysis/filtersql.h analysis/filtersql.cpp
    analysis/attemptminutes.h analysis/attemptminutes.cpp
    analysis/chainbuilder.h analysis/chainbuilder.cpp
    analysis/retrychains.h analysis/retrychains.cpp analysis/retrychainbuild.cpp
    analysis/keptchains.h analysis/keptchains.cpp
    analysis/floods.h analysis/floods.cpp
    analysis/switchpoints.h analysis/switchpoints.cpp analysis/beforeafter.cpp
    analysis/sqlitestatement.h)
# The raw events: counts, pages and the export's walk.
target_sources(rejectscope_core PRIVATE analysis/eventquery.h analysis/eventquery.cpp)
# Top lists (clients, senders, recipients, reasons); topaggregate packs their attempts
# by day, attemptcolumns holds them in memory for the lists and before/after.
target_sources(rejectscope_core PRIVATE
    analysis/toplists.h analysis/toplists.cpp
    analysis/keptattempts.h analysis/keptattempts.cpp
    analysis/topaggregate.h analysis/topaggregate.cpp
    analysis/attemptcolumns.h analysis/attemptcolumns.cpp)
