-- Rejectscope schema, version 6: retry chains by their first event. A free-text
-- search whose matching events are kept (core/store/textmatches.h) reaches the
-- chains they start through this index, instead of reading every chain of a
-- range to test its first event: the storms and totals of a search then cost as
-- much as its matches. Built with the other chain indexes after a rebuild (see
-- retrychainbuild.cpp). Portable SQL (see 001-initial.sql).

CREATE INDEX retry_chain_first_event ON retry_chain (first_event_id);
