-- Rejectscope schema, version 5: the top lists and before/after read packed
-- attempts instead of summed counts and hourly key lists. top_count answered a
-- range from whole-day, 8-day and 64-day sums plus the events of the partial days
-- at its edges, and key_hour merged the key lists of a window's hours: 0.2-2 s
-- each on ten million events. A scan of the packed attempts in memory takes tens
-- of milliseconds for any range, to the millisecond. Derived from event by
-- core/analysis (topaggregate.cpp) like top_count was. Portable SQL (see
-- 001-initial.sql; BYTEA is PostgreSQL's name for bytes, which SQLite stores as
-- they come).

DROP INDEX top_count_bucket;
DROP TABLE top_count;
DROP INDEX key_hour_time;
DROP TABLE key_hour;
DROP TABLE key_hour_build;

-- The attempts of one UTC day (the floor of time_ms / 86,400,000) in time order,
-- one column each, little-endian: times as 32-bit milliseconds since the day's
-- start; flags one byte each, direction << 7 | class << 5 | reason (class 0 none,
-- 1 temporary 4xx, 2 permanent 5xx, 3 accepted 2xx, as core/analysis/filtersql.h
-- classes them); clients, senders and recipients as 32-bit top_key ids, 0 where
-- the attempt has no such key; retry keys as event.retry_key, 64 bits (0 none).
CREATE TABLE top_day (
    day        BIGINT  NOT NULL PRIMARY KEY,
    attempts   INTEGER NOT NULL,
    times      BYTEA   NOT NULL,
    flags      BYTEA   NOT NULL,
    clients    BYTEA   NOT NULL,
    senders    BYTEA   NOT NULL,
    recipients BYTEA   NOT NULL,
    retry_keys BYTEA   NOT NULL
);

-- Every build gets a new generation: what a process keeps in memory from top_day
-- is valid while the generation it read is the current one.
ALTER TABLE top_build ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;

-- The days are counted anew on the first top list asked for.
DELETE FROM top_build;
DELETE FROM top_sender_pending;
