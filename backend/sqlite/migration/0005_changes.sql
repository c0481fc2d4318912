-- The change log: every write to a row another laptop needs is recorded, in
-- the same transaction, as one change holding the row's new image, with the
-- rows it points to named by their ULIDs rather than local row numbers. The
-- rows can be rebuilt from the log alone (RebuildFromChanges); sharing an
-- incident sends its changes. The triggers that write it, and the changes
-- for the rows already here, are made by changelogInstall (changelog.go).
CREATE TABLE changes (
	id           INTEGER PRIMARY KEY,
	incident_uid TEXT    NOT NULL,
	kind         TEXT    NOT NULL, -- the table written
	row_key      TEXT    NOT NULL, -- the row's ULID, or its natural key
	payload      TEXT    NOT NULL, -- the row's new image, JSON
	author       TEXT    NOT NULL DEFAULT '',
	device       TEXT    NOT NULL,
	hlc          TEXT    NOT NULL  -- hybrid logical clock: milliseconds.counter
) STRICT;

CREATE INDEX changes_by_incident ON changes (incident_uid, hlc, id);

-- Who and when the write transaction in progress is: set by the store at
-- the start of every write, read by the triggers. device names this database.
CREATE TABLE change_context (
	only   INTEGER PRIMARY KEY CHECK (only = 1),
	device TEXT    NOT NULL,
	hlc    TEXT    NOT NULL DEFAULT '',
	author TEXT    NOT NULL DEFAULT ''
) STRICT;

INSERT INTO change_context (only, device) VALUES (1, lower(hex(randomblob(8))));
