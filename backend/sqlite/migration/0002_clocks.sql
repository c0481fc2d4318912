-- The IC's clocks (issue 3): actions, status update promises, the monitoring
-- watch, the security flag and checklist, pages, and the reminder log. As in
-- 0001, times are INTEGER unix milliseconds in UTC and NULL means "not set".
-- What a row says about the incident is also written to the timeline as an
-- entry, so the review reads the story from the timeline alone; these tables
-- hold the state the clocks run on.

-- A mitigation entry started while another was still in progress names that
-- one here: the IC confirmed running two at once.
ALTER TABLE entries ADD COLUMN overrode INTEGER NOT NULL DEFAULT 0;

-- An action belongs to the action entry that asked for it. Its owner, text,
-- asking time and promised check-in are read from that entry, so editing or
-- backdating the entry changes the action, and hiding it hides the action.
-- check_in_set says a later agreement replaced the entry's check-in with
-- check_in_at (NULL there: no check-in any more).
CREATE TABLE actions (
	id           INTEGER PRIMARY KEY,
	incident_id  INTEGER NOT NULL REFERENCES incidents (id),
	entry_id     INTEGER NOT NULL UNIQUE REFERENCES entries (id),
	state        TEXT    NOT NULL DEFAULT 'asked',
	acked_at     INTEGER,
	check_in_set INTEGER NOT NULL DEFAULT 0,
	check_in_at  INTEGER,
	closed_at    INTEGER,
	updated_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX actions_by_incident ON actions (incident_id, id);

-- The entries that record an action's state changes ("Acknowledged by sam:
-- ..."). They are action entries for the review, but they ask for nothing, so
-- editing one never creates an action.
CREATE TABLE action_events (
	entry_id  INTEGER PRIMARY KEY REFERENCES entries (id),
	action_id INTEGER NOT NULL REFERENCES actions (id),
	state     TEXT    NOT NULL
) STRICT;

-- A status update's audience and the time it promised for the next one. Typed
-- `status:` lines have no row: they are updates without a promise.
CREATE TABLE status_updates (
	entry_id    INTEGER PRIMARY KEY REFERENCES entries (id),
	incident_id INTEGER NOT NULL REFERENCES incidents (id),
	audience    TEXT    NOT NULL,
	next_at     INTEGER
) STRICT;

-- A monitoring watch starts with the phase entry that moved the incident into
-- monitoring; a row exists once the IC changed its length or criteria.
-- criteria is a JSON array of {text, done, doneAt, doneBy}: a handful of short
-- items always read and written together.
CREATE TABLE watches (
	start_entry_id INTEGER PRIMARY KEY REFERENCES entries (id),
	incident_id    INTEGER NOT NULL REFERENCES incidents (id),
	minutes        INTEGER NOT NULL,
	criteria       TEXT    NOT NULL DEFAULT '[]',
	updated_at     INTEGER NOT NULL
) STRICT;

-- The security flag and the locked time the team became aware of a breach.
CREATE TABLE security (
	incident_id     INTEGER PRIMARY KEY REFERENCES incidents (id),
	flagged         INTEGER NOT NULL DEFAULT 0,
	became_aware_at INTEGER,
	updated_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE security_checklist (
	incident_id INTEGER NOT NULL REFERENCES incidents (id),
	item        TEXT    NOT NULL,
	done_at     INTEGER,
	done_by     TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (incident_id, item)
) STRICT;

CREATE TABLE pages (
	id          INTEGER PRIMARY KEY,
	incident_id INTEGER NOT NULL REFERENCES incidents (id),
	person      TEXT    NOT NULL,
	level       INTEGER NOT NULL,
	state       TEXT    NOT NULL DEFAULT 'paged',
	paged_at    INTEGER NOT NULL,
	answered_at INTEGER
) STRICT;

CREATE INDEX pages_by_incident ON pages (incident_id, paged_at, id);

-- What happened to each reminder instance (by the engine's key): when it was
-- last sent to a person, acknowledged, or snoozed until, and by whom. A
-- restarted app reads it so nothing is sent twice.
CREATE TABLE reminder_log (
	incident_id   INTEGER NOT NULL REFERENCES incidents (id),
	key           TEXT    NOT NULL,
	fired_at      INTEGER,
	acked_at      INTEGER,
	snoozed_until INTEGER,
	by            TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (incident_id, key)
) STRICT;
