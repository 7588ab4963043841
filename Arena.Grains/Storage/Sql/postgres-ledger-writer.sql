-- Arena's ledger writer fence for PostgreSQL. Idempotent: safe to apply on every start.
--
-- One row holds the epoch of the leaderboard activation allowed to write the ledger. An activation claims the next
-- epoch before it replays the ledger; every transaction that writes the ledger first locks this row (FOR UPDATE)
-- and goes on only if the epoch is still its own. So a stale activation (a cluster split, a second activation) can
-- never commit after a newer one claimed, and since every ledger write holds this row's lock from before its first
-- row until its commit, ledger rows commit in sequence order: a reader that has seen row n has seen every row below n.

CREATE TABLE IF NOT EXISTS arena_ledger_writer
(
    id         INTEGER     NOT NULL PRIMARY KEY CHECK (id = 1),
    epoch      BIGINT      NOT NULL,
    claimed_at TIMESTAMPTZ NULL,
    claimed_by TEXT        NULL  -- the claiming activation, for operators
);

INSERT INTO arena_ledger_writer (id, epoch) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

-- The epoch of the writer that appended each row (0: before the fence existed).
ALTER TABLE arena_vote_ledger ADD COLUMN IF NOT EXISTS writer_epoch BIGINT NOT NULL DEFAULT 0;
