-- Rejectscope schema, version 3: the counts behind the top lists (clients,
-- senders, recipients, reasons), derived from event by core/analysis
-- (topaggregate.cpp) when a top list is asked for after events were added, never
-- by the importer. Portable SQL (see 001-initial.sql).

-- The keys of the top lists, each stored once: clients as "name[ip]" (inbound) or
-- the relay (outbound), senders and recipients case-folded. dimension is
-- core/analysis/toplists.h's TopListKind (0 clients, 1 senders, 2 recipients).
CREATE TABLE top_key (
    id        INTEGER  PRIMARY KEY,
    dimension SMALLINT NOT NULL,
    key_text  TEXT     NOT NULL
);
CREATE UNIQUE INDEX top_key_text ON top_key (dimension, key_text);

-- Attempts per bucket, dimension, key, direction and reason: all of them with
-- their first and last time, and the same per effective class as
-- core/analysis/filtersql.h classes them (temporary 4xx, permanent 5xx, accepted
-- 2xx; a class's times are NULL when it has no attempts). level 0 buckets are UTC
-- days (the floor of time_ms / 86,400,000), level 1 blocks of 8 days, level 2 of
-- 64 days (core/analysis/topaggregate.h): a long range reads a few big buckets,
-- and the events of the partial days at its edges. A key seldom has more than one
-- direction and reason in a bucket, so a bucket holds about one row per key. For
-- the reasons list (dimension 3) key_id is the reason itself.
CREATE TABLE top_count (
    dimension          SMALLINT NOT NULL,
    level              SMALLINT NOT NULL,
    bucket             BIGINT   NOT NULL,
    key_id             BIGINT   NOT NULL,
    direction          SMALLINT NOT NULL,
    reason             SMALLINT NOT NULL,
    attempts           BIGINT   NOT NULL,
    first_ms           BIGINT   NOT NULL,
    last_ms            BIGINT   NOT NULL,
    temporary          BIGINT   NOT NULL,
    temporary_first_ms BIGINT,
    temporary_last_ms  BIGINT,
    permanent          BIGINT   NOT NULL,
    permanent_first_ms BIGINT,
    permanent_last_ms  BIGINT,
    accepted           BIGINT   NOT NULL,
    accepted_first_ms  BIGINT,
    accepted_last_ms   BIGINT
);
-- A bucket's rows are written together, so they lie together in the table too.
CREATE INDEX top_count_bucket ON top_count (dimension, level, bucket);

-- Delivery attempts counted without a sender (its qmgr line was not imported yet):
-- an import that brings the sender later fills event.sender in, and the senders
-- list then counts them.
CREATE TABLE top_sender_pending (
    event_id BIGINT NOT NULL PRIMARY KEY
);

-- What the top tables cover: one row (id 1), the highest event id and the highest
-- queue_sender id (a sender filled in later comes with new queue_sender rows).
CREATE TABLE top_build (
    id                  INTEGER PRIMARY KEY,
    max_event_id        BIGINT  NOT NULL,
    max_queue_sender_id BIGINT  NOT NULL
);
