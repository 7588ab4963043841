-- Arena's vote ledger for PostgreSQL: every vote, append-only, in the order the leaderboard applied it.
-- Idempotent: safe to apply on every start.

CREATE TABLE IF NOT EXISTS arena_vote_ledger
(
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    battle_id       TEXT             NOT NULL UNIQUE,
    voted_at        TIMESTAMPTZ      NOT NULL,
    model_a         TEXT             NOT NULL,
    model_b         TEXT             NOT NULL,
    outcome         TEXT             NOT NULL CHECK (outcome IN ('model_a', 'model_b', 'tie', 'tie (bothbad)')),
    category        TEXT             NOT NULL,
    mode            TEXT             NOT NULL CHECK (mode IN ('anony', 'named')),
    session_hash    TEXT             NOT NULL,
    counted         BOOLEAN          NOT NULL,
    excluded_reason TEXT             NULL,
    rating_a        DOUBLE PRECISION NOT NULL,  -- overall Elo of model A after this vote
    rating_b        DOUBLE PRECISION NOT NULL,
    delta_a         DOUBLE PRECISION NOT NULL,
    delta_b         DOUBLE PRECISION NOT NULL,
    source          TEXT             NOT NULL DEFAULT 'vote' CHECK (source IN ('vote', 'import'))
);

-- The ledger rows of imports still in progress, as ranges of seq: one range per chunk, written in the chunk's own
-- transaction. Readers skip rows inside a range; completing an import deletes its ranges (then its rows count),
-- and a failed or abandoned import deletes its rows range by range, then the ranges. The staging table of
-- earlier versions is no longer used.
DROP TABLE IF EXISTS arena_vote_import;
CREATE TABLE IF NOT EXISTS arena_vote_import_pending
(
    first_seq BIGINT  NOT NULL PRIMARY KEY,
    last_seq  BIGINT  NOT NULL,
    import_id TEXT    NOT NULL
);

-- Votes a battle recorded that the ledger has not counted yet: the battle's own vote write. The ledger
-- append deletes a battle's row in the same transaction; the leaderboard drains what is left (a crash,
-- a failed commit) on activation and on a timer. vote is the VoteRecord as JSON.
CREATE TABLE IF NOT EXISTS arena_vote_outbox
(
    battle_id TEXT        NOT NULL PRIMARY KEY,
    voted_at  TIMESTAMPTZ NOT NULL,
    vote      TEXT        NOT NULL
);
