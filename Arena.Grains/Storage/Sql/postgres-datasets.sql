-- Arena's uploaded datasets for PostgreSQL: each CSV file as uploaded; sessions hold their descriptions.
-- Idempotent: safe to apply on every start.

CREATE TABLE IF NOT EXISTS arena_dataset
(
    id           UUID        NOT NULL PRIMARY KEY,
    session_hash TEXT        NOT NULL,
    name         TEXT        NOT NULL,
    uploaded_at  TIMESTAMPTZ NOT NULL,
    size_bytes   BIGINT      NOT NULL,
    content      BYTEA       NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_arena_dataset_session ON arena_dataset (session_hash);
