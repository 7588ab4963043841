-- Arena's ledger writer fence for SQLite. Idempotent: safe to apply on every start.
--
-- One row holds the epoch of the leaderboard activation allowed to write the ledger. An activation claims the next
-- epoch before it replays the ledger; every transaction that writes the ledger (BEGIN IMMEDIATE: it holds the
-- database's write lock from its start) first reads this row and goes on only if the epoch is still its own. A claim
-- needs the same lock, so it falls between two ledger transactions, never inside one. The writer_epoch column of
-- arena_vote_ledger is added by the schema code (SQLite has no ADD COLUMN IF NOT EXISTS).

CREATE TABLE IF NOT EXISTS arena_ledger_writer
(
    id         INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    epoch      INTEGER NOT NULL,
    claimed_at TEXT    NULL,  -- ISO 8601, UTC
    claimed_by TEXT    NULL   -- the claiming activation, for operators
);

INSERT INTO arena_ledger_writer (id, epoch) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
