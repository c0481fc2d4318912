-- Bridgelog's first schema. Times are INTEGER unix milliseconds in UTC; NULL means
-- "not known" or "not set". Tables are STRICT so a wrongly typed value is refused
-- instead of being stored as text that sorts and compares wrongly later.

CREATE TABLE incidents (
	id          INTEGER PRIMARY KEY,
	title       TEXT    NOT NULL,
	declared_at INTEGER NOT NULL,
	detected_at INTEGER,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX incidents_by_declared ON incidents (declared_at DESC, id DESC);

-- An entry never leaves this table: deleting one sets deleted_at, so an undo is
-- always possible and the review can see what was retracted. Severity, phase,
-- impact and roles of an incident are derived from these rows, not stored twice.
CREATE TABLE entries (
	id          INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incidents (id),
	kind        TEXT    NOT NULL,
	text        TEXT    NOT NULL DEFAULT '',
	raw         TEXT    NOT NULL DEFAULT '',
	occurred_at INTEGER NOT NULL,
	recorded_at INTEGER NOT NULL,
	author      TEXT    NOT NULL DEFAULT '',
	author_role TEXT    NOT NULL DEFAULT '',
	key         INTEGER NOT NULL DEFAULT 0,
	internal    INTEGER NOT NULL DEFAULT 0,
	owner       TEXT    NOT NULL DEFAULT '',
	check_in    INTEGER NOT NULL DEFAULT 0,
	severity    TEXT    NOT NULL DEFAULT '',
	role        TEXT    NOT NULL DEFAULT '',
	person      TEXT    NOT NULL DEFAULT '',
	phase       TEXT    NOT NULL DEFAULT '',
	revisions   INTEGER NOT NULL DEFAULT 0,
	deleted_at  INTEGER
) STRICT;

-- Every query that walks an incident's entries wants only the visible ones, so
-- both indexes are partial: they stay small, and counting visible entries is
-- answered from the index alone. A hidden entry is only ever looked up by id.
CREATE INDEX entries_by_time ON entries (incident_id, occurred_at, id)
	WHERE deleted_at IS NULL;
CREATE INDEX entries_by_kind ON entries (incident_id, kind, occurred_at)
	WHERE deleted_at IS NULL;

CREATE TABLE entry_revisions (
	id          INTEGER PRIMARY KEY,
	entry_id    INTEGER NOT NULL REFERENCES entries (id),
	raw         TEXT    NOT NULL,
	text        TEXT    NOT NULL,
	kind        TEXT    NOT NULL,
	occurred_at INTEGER NOT NULL,
	revised_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX entry_revisions_by_entry ON entry_revisions (entry_id, id);

-- One draft per incident: the line the scribe is typing, saved so a crash or a
-- power cut loses nothing.
CREATE TABLE drafts (
	incident_id INTEGER PRIMARY KEY REFERENCES incidents (id),
	text        TEXT    NOT NULL,
	started_at  INTEGER,
	editing_id  INTEGER NOT NULL DEFAULT 0,
	updated_at  INTEGER NOT NULL
) STRICT;

-- Full-text search reads the text from entries (external content) so it is not
-- stored twice; the triggers below keep the index in step. Hidden entries stay
-- indexed, so restoring one costs nothing, and search filters them out instead.
-- The prefix indexes make the "search as you type" prefix term cheap.
CREATE VIRTUAL TABLE entries_fts USING fts5 (
	text, owner, person,
	content = 'entries',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
	INSERT INTO entries_fts (rowid, text, owner, person)
	VALUES (new.id, new.text, new.owner, new.person);
END;

CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
	INSERT INTO entries_fts (entries_fts, rowid, text, owner, person)
	VALUES ('delete', old.id, old.text, old.owner, old.person);
END;

CREATE TRIGGER entries_fts_update AFTER UPDATE OF text, owner, person ON entries BEGIN
	INSERT INTO entries_fts (entries_fts, rowid, text, owner, person)
	VALUES ('delete', old.id, old.text, old.owner, old.person);
	INSERT INTO entries_fts (rowid, text, owner, person)
	VALUES (new.id, new.text, new.owner, new.person);
END;
