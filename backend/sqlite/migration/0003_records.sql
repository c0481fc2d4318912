-- Sharing the record (issue 4): a stable incident id that travels with an
-- exported record, where imported entries came from, and attachments.

-- A random id given at creation; incidents made before this migration get one
-- here. An imported record with a UID already present is refused, not doubled.
ALTER TABLE incidents ADD COLUMN uid TEXT NOT NULL DEFAULT '';
UPDATE incidents SET uid = lower(hex(randomblob(16))) WHERE uid = '';
CREATE UNIQUE INDEX incidents_by_uid ON incidents (uid);

-- source names the chat an entry was imported from; source_key the message
-- there. The unique index makes importing the same file twice add nothing.
ALTER TABLE entries ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN source_key TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX entries_by_source ON entries (incident_id, source_key)
	WHERE source_key <> '';

-- An evidence entry's file, kept in the database so the record is one file.
-- The bytes sit in their own table so listing attachments never reads them.
CREATE TABLE attachments (
	id         INTEGER PRIMARY KEY,
	entry_id   INTEGER NOT NULL UNIQUE REFERENCES entries (id),
	name       TEXT    NOT NULL,
	mime       TEXT    NOT NULL,
	size       INTEGER NOT NULL,
	sha256     TEXT    NOT NULL,
	width      INTEGER NOT NULL DEFAULT 0,
	height     INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE attachment_data (
	attachment_id INTEGER PRIMARY KEY REFERENCES attachments (id),
	data          BLOB    NOT NULL
) STRICT;
