-- Stable identity: every entry, revision, action, status update and page
-- gets a ULID (backend.NewID) besides its local row number, so an exported
-- record and, later, another laptop can name the same row. Rows made before
-- this migration get theirs from fillIDs when the database opens. Incidents
-- already carry one (0003_records.sql).
ALTER TABLE entries ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE entry_revisions ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE status_updates ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN uid TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX entries_by_uid ON entries (uid) WHERE uid <> '';
CREATE UNIQUE INDEX entry_revisions_by_uid ON entry_revisions (uid) WHERE uid <> '';
CREATE UNIQUE INDEX actions_by_uid ON actions (uid) WHERE uid <> '';
CREATE UNIQUE INDEX status_updates_by_uid ON status_updates (uid) WHERE uid <> '';
CREATE UNIQUE INDEX pages_by_uid ON pages (uid) WHERE uid <> '';
