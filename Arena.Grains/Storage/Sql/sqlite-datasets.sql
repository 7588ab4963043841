-- Arena's uploaded datasets for SQLite: each CSV file as uploaded; sessions hold their descriptions.
-- Idempotent: safe to apply on every start.

CREATE TABLE IF NOT EXISTS arena_dataset
(
    id           TEXT    NOT NULL PRIMARY KEY,
    session_hash TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    uploaded_at  TEXT    NOT NULL,  -- ISO 8601, UTC
    size_bytes   INTEGER NOT NULL,
    content      BLOB    NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_arena_dataset_session ON arena_dataset (session_hash);
