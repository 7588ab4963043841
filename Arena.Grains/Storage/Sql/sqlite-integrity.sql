-- Arena's vote quarantine for SQLite: voters the rigging detector flagged. While a flag is active (cleared_at
-- NULL) the votes of that voter stay in the ledger but are not rated. Idempotent: safe to apply on every start.

CREATE TABLE IF NOT EXISTS arena_vote_quarantine
(
    voter      TEXT NOT NULL PRIMARY KEY,  -- 'session:<hash>' or 'client:<hash>'
    reason     TEXT NOT NULL,              -- the rule it broke, with the figures
    flagged_at TEXT NOT NULL,              -- ISO 8601, UTC (the time of the vote that broke the rule)
    cleared_at TEXT NULL                   -- set when an operator cleared the flag
);
