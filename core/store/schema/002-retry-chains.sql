-- Rejectscope schema, version 2: retry chains and per-minute attempt counts, both
-- derived from event by core/analysis and rebuilt when events were added. Portable
-- SQL (see 001-initial.sql).

-- The attempts of one retry key with no gap longer than the chain gap, worked out
-- by RetryChains::rebuild() (core/analysis/retrychainbuild.cpp) and replaced as a
-- whole. Small integers are the enums of core/parse/event.h,
-- core/analysis/reasonclass.h and core/analysis/retrychains.h (ChainOutcome). The
-- key's client, sender, recipient, queue id and first reply are those of
-- first_event_id.
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
-- Time ranges, totals, the list by first appearance, and chains of one attempt.
CREATE INDEX retry_chain_time ON retry_chain (first_ms, last_ms, direction, reason, attempts);
-- The storms list, by attempts and by duration: walked backwards they yield the
-- biggest chains first; the filter's columns are in the index, so chains that do
-- not match are skipped without reading the table. Chains with retries only: the
-- great majority of chains have a single attempt and never lead a storms list
-- (and an index of them all would cost more to build than the chains).
CREATE INDEX retry_chain_attempts ON retry_chain (attempts, first_ms, last_ms, direction, reason)
    WHERE attempts >= 2;
CREATE INDEX retry_chain_duration ON retry_chain ((last_ms - first_ms), attempts, first_ms, direction, reason)
    WHERE attempts >= 2;
-- The storms list by first appearance.
CREATE INDEX retry_chain_storm_time ON retry_chain (first_ms, last_ms, direction, reason, attempts)
    WHERE attempts >= 2;
-- Chains longer than a day: few, but they reach far back into a time range. A
-- range [from, to) overlaps the chains of at most a day that start in
-- [from - 1 day, to) (retry_chain_time) and the long ones of this index.
CREATE INDEX retry_chain_long ON retry_chain (first_ms, last_ms, direction, reason, attempts)
    WHERE last_ms - first_ms > 86400000;

-- Chains and attempts per direction, reason, outcome and kind of attempts: the
-- totals of a filter without time range or text, at once.
CREATE TABLE retry_chain_total (
    direction     SMALLINT NOT NULL,
    reason        SMALLINT NOT NULL,
    outcome       SMALLINT NOT NULL,
    has_temporary SMALLINT NOT NULL,
    has_permanent SMALLINT NOT NULL,
    chains        BIGINT   NOT NULL,
    attempts      BIGINT   NOT NULL
);

-- What retry_chain was built from: one row (id 1). The chains are current while
-- the chain gap is the same and no event was added (the highest event id).
-- longest_ms is the longest chain's duration.
CREATE TABLE retry_chain_build (
    id           INTEGER PRIMARY KEY,
    gap_ms       BIGINT  NOT NULL,
    max_event_id BIGINT  NOT NULL,
    end_ms       BIGINT  NOT NULL,
    longest_ms   BIGINT  NOT NULL,
    chains       BIGINT  NOT NULL,
    built_at_ms  BIGINT  NOT NULL
);

-- Attempts per minute, direction and reason, classed as in core/analysis/filtersql.h
-- (inbound by reply code, outbound by delivery status), summed from minute_count
-- when events were added (core/analysis/attemptminutes.cpp): charts, floods,
-- switch points and before/after read a few plain columns instead of classifying
-- every minute_count row again. attempt_minute_total is the same without the
-- reason (charts of all reasons: a row or two a minute), attempt_hour the same by
-- hour (minute = the hour's first minute: long spans at once).
CREATE TABLE attempt_minute (
    minute    BIGINT   NOT NULL,
    direction SMALLINT NOT NULL,
    reason    SMALLINT NOT NULL,
    temporary BIGINT   NOT NULL,
    permanent BIGINT   NOT NULL,
    accepted  BIGINT   NOT NULL
);
CREATE INDEX attempt_minute_time ON attempt_minute (minute, direction, reason, temporary, permanent, accepted);
CREATE TABLE attempt_minute_total (
    minute    BIGINT   NOT NULL,
    direction SMALLINT NOT NULL,
    temporary BIGINT   NOT NULL,
    permanent BIGINT   NOT NULL,
    accepted  BIGINT   NOT NULL
);
CREATE INDEX attempt_minute_total_time ON attempt_minute_total (minute, direction, temporary, permanent, accepted);
CREATE TABLE attempt_hour (
    minute    BIGINT   NOT NULL,
    direction SMALLINT NOT NULL,
    reason    SMALLINT NOT NULL,
    temporary BIGINT   NOT NULL,
    permanent BIGINT   NOT NULL,
    accepted  BIGINT   NOT NULL
);
CREATE INDEX attempt_hour_time ON attempt_hour (minute, direction, reason, temporary, permanent, accepted);

-- The highest event id the attempt tables cover: one row (id 1).
CREATE TABLE attempt_minute_build (
    id           INTEGER PRIMARY KEY,
    max_event_id BIGINT  NOT NULL
);

-- qmgr "status=expired" lines by queue id: a retried delivery whose queue id
-- expired ends its chain as Expired. Partial: a tiny share of the events.
CREATE INDEX event_expired ON event (queue_id, time_ms) WHERE kind = 4;
