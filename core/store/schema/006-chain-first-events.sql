-- Rejectscope schema, version 6: retry chains by their first event. A free-text
-- search whose matching events are kept (core/store/textmatches.h) reaches the
-- chains they start through this index, instead of reading every chain of a
-- range to test its first event: the storms and totals of a search then cost as
-- much as its matches. Built with the other chain indexes after a rebuild (see
-- retrychainbuild.cpp). Portable SQL (see 001-initial.sql).

CREATE INDEX retry_chain_first_event ON retry_chain (first_event_id);

-- The few chains longer than a day are walked for a range and each tested against
-- a search's matches: with the first event in the index, without reading the
-- chain's row.
DROP INDEX retry_chain_long;
CREATE INDEX retry_chain_long ON retry_chain (first_ms, last_ms, direction, reason, attempts, first_event_id)
    WHERE last_ms - first_ms > 86400000;
