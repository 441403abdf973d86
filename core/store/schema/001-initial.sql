-- Rejectscope schema, version 1. Portable SQL: the same statements run on
-- PostgreSQL (BIGINT/SMALLINT/TEXT/REAL, no SQLite-only functions).

-- One row per log stream, identified by a fingerprint of its first line. The
-- offset and the hash of the line before it say how far the stream is stored;
-- both change in the same transaction as the events they cover.
CREATE TABLE source (
    id              INTEGER PRIMARY KEY,
    fingerprint     TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    offset_reached  BIGINT  NOT NULL DEFAULT 0,
    tail_hash       TEXT    NOT NULL DEFAULT '',
    lines_read      BIGINT  NOT NULL DEFAULT 0,
    events          BIGINT  NOT NULL DEFAULT 0,
    ignored         BIGINT  NOT NULL DEFAULT 0,
    foreign_lines   BIGINT  NOT NULL DEFAULT 0,
    not_understood  BIGINT  NOT NULL DEFAULT 0,
    truncated_lines BIGINT  NOT NULL DEFAULT 0,
    first_time_ms   BIGINT,
    last_time_ms    BIGINT,
    imported_at_ms  BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX source_fingerprint ON source (fingerprint);

-- The hash of the line ending at an offset, every 1,024 lines and at each commit:
-- a file that starts like a stored stream is that stream only if it passes every
-- checkpoint it reaches.
CREATE TABLE source_checkpoint (
    source_id      INTEGER NOT NULL REFERENCES source (id),
    offset_reached BIGINT  NOT NULL,
    line_hash      TEXT    NOT NULL,
    PRIMARY KEY (source_id, offset_reached)
);

CREATE TABLE host (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- One row per rejection, warning, delivery, expiry or bounce notice. Small integers are the enums of
-- core/parse/event.h and core/analysis/reasonclass.h.
CREATE TABLE event (
    id               INTEGER PRIMARY KEY,
    source_id        INTEGER  NOT NULL REFERENCES source (id),
    line_offset      BIGINT   NOT NULL,
    time_ms          BIGINT   NOT NULL,
    host_id          INTEGER  NOT NULL REFERENCES host (id),
    program          TEXT     NOT NULL,
    kind             SMALLINT NOT NULL,
    direction        SMALLINT NOT NULL,
    action           SMALLINT NOT NULL,
    stage            SMALLINT NOT NULL,
    status           SMALLINT NOT NULL,
    code             SMALLINT NOT NULL,
    code_class       SMALLINT NOT NULL,
    enhanced_code    TEXT,
    reason           SMALLINT NOT NULL,
    -- 64-bit hash of the case-folded retry key: inbound (client IP, sender,
    -- recipient), outbound (queue id, recipient). 0 for lines without one.
    retry_key        BIGINT   NOT NULL,
    queue_id         TEXT,
    client_name      TEXT,
    client_ip        TEXT,
    helo             TEXT,
    sender           TEXT,
    recipient        TEXT,
    orig_recipient   TEXT,
    relay            TEXT,
    delay_s          REAL,
    dsn              TEXT,
    smtp_command     TEXT,
    greeting_refused SMALLINT NOT NULL DEFAULT 0,
    reply            TEXT,
    notice_queue_id  TEXT,
    size_bytes       BIGINT,
    nrcpt            INTEGER
);
CREATE INDEX event_time ON event (time_ms);
-- The indexes on random keys are in event-indexes.sql: a large import drops them
-- and builds them again at its end, several times faster than keeping them up to
-- date row by row.

-- qmgr "QID: from=<s>, size=…, nrcpt=…" lines: the sender of a queue id, which
-- delivery lines do not name. Narrow and apart from event, being a third of the
-- recognised lines of a busy server.
CREATE TABLE queue_sender (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES source (id),
    line_offset BIGINT  NOT NULL,
    time_ms     BIGINT  NOT NULL,
    queue_id    TEXT    NOT NULL,
    sender      TEXT    NOT NULL,
    size_bytes  BIGINT,
    nrcpt       INTEGER
);

-- Events per minute by direction, kind, code class, reason and status, kept up to
-- date by the importer, so that charts and summaries never scan the event table.
CREATE TABLE minute_count (
    minute     BIGINT   NOT NULL,
    direction  SMALLINT NOT NULL,
    kind       SMALLINT NOT NULL,
    code_class SMALLINT NOT NULL,
    reason     SMALLINT NOT NULL,
    status     SMALLINT NOT NULL,
    events     BIGINT   NOT NULL,
    PRIMARY KEY (minute, direction, kind, code_class, reason, status)
);

-- The first Postfix lines of each source that looked like a rejection or a
-- delivery but did not parse, kept so that nothing is dropped silently.
CREATE TABLE unparsed_line (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES source (id),
    line_offset BIGINT  NOT NULL,
    problem     TEXT    NOT NULL,
    text        TEXT    NOT NULL
);

-- Moments the user marked by hand ("I changed the configuration here").
CREATE TABLE marker (
    id      INTEGER PRIMARY KEY,
    time_ms BIGINT NOT NULL,
    label   TEXT   NOT NULL
);
