-- Arena grain persistence schema for PostgreSQL (Orleans ADO.NET invariant "Npgsql").
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

-- Returns the new version, or NULL when the expected version does not match (ETag conflict).
CREATE OR REPLACE FUNCTION arena_write_grain_state(
    p_service_id text, p_grain_type text, p_n0 bigint, p_n1 bigint, p_ext text,
    p_expected_version integer, p_payload bytea)
RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
    v_version integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO arena_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext, version, payload)
        VALUES (p_service_id, p_grain_type, p_n0, p_n1, COALESCE(p_ext, ''), 1, p_payload)
        ON CONFLICT ON CONSTRAINT arena_grain_state_pk DO NOTHING
        RETURNING version INTO v_version;
    ELSE
        UPDATE arena_grain_state
           SET version = version + 1, payload = p_payload, modified_at = now()
         WHERE service_id = p_service_id AND grain_type = p_grain_type
           AND grain_id_n0 = p_n0 AND grain_id_n1 = p_n1 AND grain_id_ext = COALESCE(p_ext, '')
           AND version = p_expected_version
        RETURNING version INTO v_version;
    END IF;
    RETURN v_version;
END
$fn$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', '
SELECT payload AS "PayloadBinary", version AS "Version"
FROM arena_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''');'),
('WriteToStorageKey', '
SELECT arena_write_grain_state(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
    @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion";'),
('ClearStorageKey', '
UPDATE arena_grain_state
   SET version = version + 1, payload = NULL, modified_at = now()
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version;'),
('DeleteStorageKey', '
DELETE FROM arena_grain_state
WHERE service_id = @ServiceId
  AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_id_ext = COALESCE(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version + 1;')
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
