-- Applying another database's changes (ApplyChanges, changes_apply.go): the
-- log becomes a set of changes, each named by the row it writes and the
-- database and clock time that wrote it, so a change received twice is held
-- once and every database settles on the same image of each row: the one of
-- its latest change (hybrid logical clock, then device id).

-- applying is 1 while a write transaction applies received changes: the
-- change log's triggers (remade by changelogApplyInstall) then log nothing,
-- because the received change itself goes into the log, with the device,
-- clock time and author of the database that wrote it.
ALTER TABLE change_context ADD COLUMN applying INTEGER NOT NULL DEFAULT 0;

-- The changes logged for rows already there when the log began carry no
-- clock time: they come before any other.
UPDATE changes SET hlc = '0000000000000.000000' WHERE hlc = '';

-- One transaction could log the same row more than once (an incident touched
-- by each of its notes). What the transaction left is the last image: it
-- takes the place of the first, which is where the row was first written.
CREATE INDEX changes_collapse ON changes (kind, row_key, hlc, device, id);
UPDATE changes SET payload = (
	SELECT d.payload FROM changes d
	WHERE d.kind = changes.kind AND d.row_key = changes.row_key AND d.hlc = changes.hlc AND d.device = changes.device
	ORDER BY d.id DESC LIMIT 1)
WHERE id IN (SELECT min(id) FROM changes GROUP BY kind, row_key, hlc, device HAVING count(*) > 1);
DELETE FROM changes WHERE id NOT IN (SELECT min(id) FROM changes GROUP BY kind, row_key, hlc, device);
DROP INDEX changes_collapse;

-- A change is named by (kind, row_key, hlc, device); the same index finds a
-- row's latest change.
CREATE UNIQUE INDEX changes_by_row ON changes (kind, row_key, hlc, device);

-- "What did device D write after clock time X": what a database sends of
-- its own changes, and what it asks another for.
CREATE INDEX changes_by_device ON changes (device, hlc);

-- Changes held but not yet applied because a row they name (by its ULID)
-- has not arrived: each is tried again whenever changes are applied.
CREATE TABLE changes_pending (
	change_id INTEGER PRIMARY KEY REFERENCES changes (id)
) STRICT;
