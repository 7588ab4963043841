-- Arena grain persistence schema for PostgreSQL (read and written by Arena.Storage.GrainState.ArenaGrainStorage).
-- Idempotent: applied under an advisory lock on every start.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);

-- One row per grain state. grain_id_ext is '' when the grain id has no string part.
-- version is the ETag: 1 on first write, +1 on every write or clear.
CREATE TABLE IF NOT EXISTS arena_grain_state
(
    service_id   text        NOT NULL,
    grain_type   text        NOT NULL,
    grain_id_n0  bigint      NOT NULL,
    grain_id_n1  bigint      NOT NULL,
    grain_id_ext text        NOT NULL,
    version      integer     NOT NULL,
    payload      bytea       NULL,
    modified_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT arena_grain_state_pk PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext)
);

-- Earlier versions kept Orleans' ADO.NET storage queries and a write function here; Arena's own provider
-- (Arena.Storage.GrainState.ArenaGrainStorage) has its statements in code. The clustering and reminder
-- queries in orleansquery stay.
DELETE FROM orleansquery WHERE querykey IN ('ReadFromStorageKey', 'WriteToStorageKey', 'ClearStorageKey', 'DeleteStorageKey');
DROP FUNCTION IF EXISTS arena_write_grain_state(text, text, bigint, bigint, text, integer, bytea);
