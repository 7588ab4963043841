-- Arena's answer cache for PostgreSQL: complete answers of the models that opt in, with the time each piece
-- of text arrived, keyed by the SHA-256 of the model, the sampling settings and the whole conversation.
-- Idempotent: safe to apply on every start.

CREATE TABLE IF NOT EXISTS arena_answer_cache
(
    cache_key     TEXT             NOT NULL PRIMARY KEY,  -- SHA-256, lowercase hex
    model_id      TEXT             NOT NULL,
    created_at    TIMESTAMPTZ      NOT NULL,
    updates       TEXT             NOT NULL,              -- JSON [{"AtMs": ms after the request, "Text": ...}]
    end_ms        DOUBLE PRECISION NOT NULL,              -- when the stream ended, ms after the request
    finish_reason TEXT             NOT NULL,
    input_tokens  INTEGER          NOT NULL,
    output_tokens INTEGER          NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_arena_answer_cache_created ON arena_answer_cache (created_at);
