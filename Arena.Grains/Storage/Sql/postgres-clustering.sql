-- Arena cluster membership schema for PostgreSQL (Orleans ADO.NET clustering, invariant "Npgsql").
-- Requires postgres-persistence.sql (orleansquery) to have been applied first.

-- One row per cluster (Orleans calls it DeploymentId): the membership table version.
CREATE TABLE IF NOT EXISTS arena_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS arena_membership
(
    deployment_id   text        NOT NULL REFERENCES arena_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT arena_membership_pk PRIMARY KEY (deployment_id, address, port, generation)
);

-- Inserts a silo row if the table version still equals p_version; bumps the version on success.
-- Locking the version row serialises every membership change of one cluster.
CREATE OR REPLACE FUNCTION arena_insert_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
    v_current integer;
BEGIN
    SELECT version INTO v_current FROM arena_membership_version
     WHERE deployment_id = p_deployment_id FOR UPDATE;
    IF v_current IS DISTINCT FROM p_version THEN
        RETURN false;
    END IF;

    INSERT INTO arena_membership (deployment_id, address, port, generation, silo_name, host_name,
                                  status, proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
            p_status, p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT ON CONSTRAINT arena_membership_pk DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE arena_membership_version SET version = version + 1, updated_at = now()
     WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$fn$;

-- Updates a silo row if the table version still equals p_version; bumps the version on success.
CREATE OR REPLACE FUNCTION arena_update_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
    v_current integer;
BEGIN
    SELECT version INTO v_current FROM arena_membership_version
     WHERE deployment_id = p_deployment_id FOR UPDATE;
    IF v_current IS DISTINCT FROM p_version THEN
        RETURN false;
    END IF;

    UPDATE arena_membership
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE deployment_id = p_deployment_id AND address = p_address
       AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE arena_membership_version SET version = version + 1, updated_at = now()
     WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$fn$;

INSERT INTO orleansquery (querykey, querytext) VALUES
('InsertMembershipVersionKey', '
WITH inserted AS (
    INSERT INTO arena_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted);'),
('UpdateIAmAlivetimeKey', '
UPDATE arena_membership SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),
('InsertMembershipKey', '
SELECT arena_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey', '
SELECT arena_update_membership(@DeploymentId, @Address, @Port, @Generation,
    @Status, @SuspectTimes, @IAmAliveTime, @Version);'),
('MembershipReadRowKey', '
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM arena_membership_version v
LEFT JOIN arena_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;'),
('MembershipReadAllKey', '
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM arena_membership_version v
LEFT JOIN arena_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;'),
('DeleteMembershipTableEntriesKey', '
DELETE FROM arena_membership_version WHERE deployment_id = @DeploymentId;'),
('GatewaysQueryKey', '
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM arena_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;'),
('CleanupDefunctSiloEntriesKey', '
DELETE FROM arena_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status = 6;'),
('CleanupDefunctSiloEntryKey', '
DELETE FROM arena_membership
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND suspect_times IS NOT DISTINCT FROM @SuspectTimes;')
ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
