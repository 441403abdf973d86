-- The event table's indexes on random keys (event_time, whose keys mostly
-- ascend, is kept up to date in 001-initial.sql). Database::open() runs this after the
-- migrations (IF NOT EXISTS: a no-op when they exist), so an import killed while
-- they were dropped leaves nothing missing on the next open.
-- Covers the retry-chain scan: chains are built from this index alone. Partial
-- indexes keep out the many rows without a key; queries must say retry_key <> 0.
CREATE INDEX IF NOT EXISTS event_retry ON event (retry_key, time_ms, code_class, status, kind, reason)
    WHERE retry_key <> 0;
-- Deliveries whose sender is not known yet: the qmgr line naming it may come in a
-- log imported later. Small, and what the import's sender fix-up scans; a bulk
-- import keeps it (Database::dropEventIndexes), which costs less than a table scan.
CREATE INDEX IF NOT EXISTS event_sender_missing ON event (queue_id) WHERE kind = 2 AND sender IS NULL;
CREATE INDEX IF NOT EXISTS queue_sender_queue ON queue_sender (queue_id, time_ms);
