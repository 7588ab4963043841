-- Arena grain persistence schema for SQLite (Orleans ADO.NET invariant "System.Data.SQLite").
-- Idempotent: safe to apply on every start.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per grain state. The natural key is exact; grain_id_ext is '' when the
-- grain id has no string part (Orleans passes NULL for that).
-- version is the ETag: it starts at 1 and grows by one on every write or clear.
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

-- ReadFromStorageKey: columns PayloadBinary and Version; no row means "never written".
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT payload AS PayloadBinary, version AS Version
FROM arena_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''');')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- WriteToStorageKey: returns NewGrainStateVersion on success and no row on an ETag conflict.
-- A NULL @GrainStateVersion only inserts a new row; a non-NULL one only updates a row whose
-- version matches. SQLite runs one writer at a time, so the EXISTS test cannot race.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
INSERT INTO arena_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext, version, payload)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''), 1, @PayloadBinary
WHERE @GrainStateVersion IS NULL
   OR EXISTS (SELECT 1 FROM arena_grain_state
              WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
                AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
                AND grain_id_ext = COALESCE(@GrainIdExtensionString, ''''))
ON CONFLICT (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext) DO UPDATE
   SET version = arena_grain_state.version + 1,
       payload = excluded.payload,
       modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
   WHERE arena_grain_state.version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- ClearStorageKey: keeps the row (payload NULL) and bumps the version, so a stale ETag still conflicts.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE arena_grain_state
   SET version = version + 1,
       payload = NULL,
       modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- DeleteStorageKey (used when DeleteStateOnClear = true): removes the row and returns version + 1.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM arena_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version + 1;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
