-- Rejectscope schema, version 2: retry chains. Portable SQL (see 001-initial.sql).

-- The attempts of one retry key with no gap longer than the chain gap, worked out
-- from event by RetryChains::rebuild() (core/analysis/retrychains.cpp) and
-- replaced as a whole when events were added or the gap changed. Small integers
-- are the enums of core/parse/event.h, core/analysis/reasonclass.h and
-- core/analysis/retrychains.h (ChainOutcome). The key's client, sender,
-- recipient, queue id and first reply are those of first_event_id.
CREATE TABLE retry_chain (
    id                 INTEGER  PRIMARY KEY,
    retry_key          BIGINT   NOT NULL,
    direction          SMALLINT NOT NULL,
    reason             SMALLINT NOT NULL,
    outcome            SMALLINT NOT NULL,
    first_ms           BIGINT   NOT NULL,
    last_ms            BIGINT   NOT NULL,
    attempts           INTEGER  NOT NULL,
    temporary_attempts INTEGER  NOT NULL,
    permanent_attempts INTEGER  NOT NULL,
    median_interval_ms BIGINT   NOT NULL,
    first_event_id     BIGINT   NOT NULL,
    last_event_id      BIGINT   NOT NULL
);
-- The storms list: walked backwards, it yields the chains with the most attempts
-- first; the filter's columns are in the index, so rows that do not match are
-- skipped without reading the table.
CREATE INDEX retry_chain_attempts ON retry_chain (attempts, first_ms, last_ms, direction, reason);
-- Time ranges, totals and the list by first appearance.
CREATE INDEX retry_chain_time ON retry_chain (first_ms, last_ms, direction, reason, attempts);

-- What retry_chain was built from: one row (id 1). The chains are current while
-- the chain gap is the same and no event was added (the highest event id).
-- longest_ms, the longest chain's duration, bounds time-range lookups: a chain
-- that overlaps [from, to) started at or after from - longest_ms.
CREATE TABLE retry_chain_build (
    id           INTEGER PRIMARY KEY,
    gap_ms       BIGINT  NOT NULL,
    max_event_id BIGINT  NOT NULL,
    end_ms       BIGINT  NOT NULL,
    longest_ms   BIGINT  NOT NULL,
    chains       BIGINT  NOT NULL,
    built_at_ms  BIGINT  NOT NULL
);

-- qmgr "status=expired" lines by queue id: a retried delivery whose queue id
-- expired ends its chain as Expired. Partial: a tiny share of the events.
CREATE INDEX event_expired ON event (queue_id, time_ms) WHERE kind = 4;
