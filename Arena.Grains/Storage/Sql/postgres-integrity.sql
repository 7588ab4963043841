-- Arena's vote quarantine for PostgreSQL: voters the rigging detector flagged. While a flag is active (cleared_at
-- NULL) the votes of that voter stay in the ledger but are not rated. Idempotent: safe to apply on every start.

CREATE TABLE IF NOT EXISTS arena_vote_quarantine
(
    voter      TEXT        NOT NULL PRIMARY KEY,  -- 'session:<hash>' or 'client:<hash>'
    reason     TEXT        NOT NULL,              -- the rule it broke, with the figures
    flagged_at TIMESTAMPTZ NOT NULL,              -- the time of the vote that broke the rule
    cleared_at TIMESTAMPTZ NULL                   -- set when an operator cleared the flag
);

-- Voter identity on ledgers created before it existed.
ALTER TABLE arena_vote_ledger ADD COLUMN IF NOT EXISTS client_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE arena_vote_ledger ADD COLUMN IF NOT EXISTS prompt_hash TEXT NOT NULL DEFAULT '';
