-- Arena's Data Protection key ring for SQLite: the XML elements ASP.NET Core Data Protection stores (keys and
-- revocations), one row per element, so that a restart, or another web host on the same file, reads every key.
-- Rows are never updated: an element's name is unique and its first stored XML is kept.
-- Idempotent: safe to apply on every start.

CREATE TABLE IF NOT EXISTS arena_data_protection_keys
(
    friendly_name TEXT NOT NULL PRIMARY KEY,  -- the name Data Protection gives the element, e.g. "key-<guid>"
    xml           TEXT NOT NULL,
    created_at    TEXT NOT NULL               -- ISO 8601, UTC
);
