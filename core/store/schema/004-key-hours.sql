-- Rejectscope schema, version 4: the distinct retry keys of each hour, derived
-- from event by core/analysis (keyhours.cpp) when a before/after is asked for
-- after events were added, and the advisor's last findings. Portable SQL (see 001-initial.sql; BYTEA is
-- PostgreSQL's name for bytes, which SQLite stores as they come).

-- The attempts of one UTC hour (the floor of time_ms / 3,600,000) by direction,
-- reason and effective class (4 temporary, 5 permanent, 2 accepted, 0 none, as
-- core/analysis/filtersql.h classes them): how many there were and their distinct
-- retry keys, key_count 64-bit integers in ascending order, little-endian. Only
-- attempts with a key (retry_key <> 0). A before/after over two days counts its
-- distinct keys by merging a few hundred of these instead of reading every
-- attempt; the partial hours at the window's edges are read from event.
CREATE TABLE key_hour (
    hour      BIGINT   NOT NULL,
    direction SMALLINT NOT NULL,
    reason    SMALLINT NOT NULL,
    klass     SMALLINT NOT NULL,
    attempts  BIGINT   NOT NULL,
    key_count BIGINT   NOT NULL,
    keys      BYTEA    NOT NULL
);
CREATE INDEX key_hour_time ON key_hour (hour, direction, reason, klass);

-- The highest event id key_hour covers: one row (id 1).
CREATE TABLE key_hour_build (
    id           INTEGER PRIMARY KEY,
    max_event_id BIGINT  NOT NULL
);

-- The advisor's findings for the filters asked for lately, as JSON (core/analysis/
-- advicecache.cpp): over millions of events the advisor reads for minutes, and a
-- window opened again, or a filter chosen again, shows them at once. A row holds
-- while no event was added after max_event_id.
CREATE TABLE advice_cache (
    filter_key   TEXT   NOT NULL PRIMARY KEY,
    max_event_id BIGINT NOT NULL,
    used_at_ms   BIGINT NOT NULL,
    findings     TEXT   NOT NULL
);
