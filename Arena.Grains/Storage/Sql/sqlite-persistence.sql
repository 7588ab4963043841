-- Arena grain persistence schema for SQLite, read and written by Arena.Storage.GrainState.ArenaGrainStorage.
-- Idempotent: safe to apply on every start.

-- One row per grain state. The natural key is exact; grain_id_ext is '' when the
-- grain id has no string part. A Guid key is split into n0/n1 (its little-endian halves),
-- an integer key is n1, a string key is grain_id_ext.
-- version is the ETag: it starts at 1 and grows by one on every write or clear (a clear keeps the
-- row with a NULL payload, so a stale version still conflicts).
CREATE TABLE IF NOT EXISTS arena_grain_state
(
    service_id   TEXT    NOT NULL,
    grain_type   TEXT    NOT NULL,
    grain_id_n0  INTEGER NOT NULL,
    grain_id_n1  INTEGER NOT NULL,
    grain_id_ext TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    payload      BLOB    NULL,
    modified_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext)
) WITHOUT ROWID;

-- Earlier versions kept Orleans' ADO.NET storage queries here; Arena's own provider has its statements in code.
DROP TABLE IF EXISTS OrleansQuery;
