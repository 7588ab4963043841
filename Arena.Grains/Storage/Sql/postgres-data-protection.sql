-- Arena's Data Protection key ring for PostgreSQL: the XML elements ASP.NET Core Data Protection stores (keys
-- and revocations), one row per element, so that every web silo of the cluster reads what another signed.
-- Rows are never updated: an element's name is unique and its first stored XML is kept.
-- Idempotent: safe to apply on every start.

CREATE TABLE IF NOT EXISTS arena_data_protection_keys
(
    friendly_name TEXT        NOT NULL PRIMARY KEY,  -- the name Data Protection gives the element, e.g. "key-<guid>"
    xml           TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
