-- SPDX-License-Identifier: ISC
-- rota schema, version 1.
-- Wall-clock times are TEXT 'YYYY-MM-DDTHH:MM' in the instance time zone
-- (settings.timezone); dates are TEXT 'YYYY-MM-DD'; instants are INTEGER
-- Unix seconds.  Child lists keep their order in a `pos` column so that an
-- export returns them as they were imported.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE homes (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	address    TEXT,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE TABLE youths (
	id               TEXT PRIMARY KEY,
	name             TEXT NOT NULL,
	birth_date       TEXT NOT NULL,
	school           TEXT NOT NULL
	                 CHECK (school IN ('compulsory', 'secondary', 'none')),
	guardian_consent TEXT,
	max_week_minutes INTEGER,
	homes_limited    INTEGER NOT NULL DEFAULT 0,
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL
);

CREATE TABLE youth_skills (
	youth_id TEXT NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
	pos      INTEGER NOT NULL,
	skill    TEXT NOT NULL,
	PRIMARY KEY (youth_id, pos)
) WITHOUT ROWID;

-- Weekly availability windows; days is a bit set, Monday = 1.
CREATE TABLE youth_availability (
	youth_id TEXT NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
	pos      INTEGER NOT NULL,
	days     INTEGER NOT NULL,
	from_min INTEGER NOT NULL,
	to_min   INTEGER NOT NULL,
	PRIMARY KEY (youth_id, pos)
) WITHOUT ROWID;

-- kind 'unavailable': ranges the youth cannot work;
-- kind 'other_work': hours worked for other employers (AML §11-2(4)).
CREATE TABLE youth_spans (
	youth_id TEXT NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
	kind     TEXT NOT NULL CHECK (kind IN ('unavailable', 'other_work')),
	pos      INTEGER NOT NULL,
	start    TEXT NOT NULL,
	end      TEXT NOT NULL,
	PRIMARY KEY (youth_id, kind, pos)
) WITHOUT ROWID;

CREATE TABLE youth_homes (
	youth_id TEXT NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
	pos      INTEGER NOT NULL,
	home_id  TEXT NOT NULL REFERENCES homes(id),
	PRIMARY KEY (youth_id, pos)
) WITHOUT ROWID;
CREATE INDEX youth_homes_home ON youth_homes(home_id);

CREATE TABLE slots (
	id         TEXT PRIMARY KEY,
	home_id    TEXT NOT NULL REFERENCES homes(id),
	start      TEXT NOT NULL,
	end        TEXT NOT NULL,
	needed     INTEGER NOT NULL DEFAULT 1 CHECK (needed >= 1),
	activity   TEXT,
	min_age    INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	CHECK (end > start)
);
CREATE INDEX slots_home_start ON slots(home_id, start);
CREATE INDEX slots_start ON slots(start);

CREATE TABLE slot_requires (
	slot_id TEXT NOT NULL REFERENCES slots(id) ON DELETE CASCADE,
	pos     INTEGER NOT NULL,
	skill   TEXT NOT NULL,
	count   INTEGER NOT NULL CHECK (count >= 1),
	PRIMARY KEY (slot_id, pos)
) WITHOUT ROWID;

-- seq grows on every change of any assignment (a feed's SEQUENCE).
CREATE TABLE assignments (
	id         TEXT PRIMARY KEY,
	slot_id    TEXT NOT NULL REFERENCES slots(id),
	youth_id   TEXT NOT NULL REFERENCES youths(id),
	pinned     INTEGER NOT NULL DEFAULT 0,
	status     TEXT NOT NULL DEFAULT 'active'
	           CHECK (status IN ('active', 'cancelled')),
	made_by    TEXT NOT NULL DEFAULT 'coordinator'
	           CHECK (made_by IN ('coordinator', 'solver')),
	seq        INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX assignments_slot ON assignments(slot_id);
CREATE INDEX assignments_youth ON assignments(youth_id);
CREATE UNIQUE INDEX assignments_active_once ON assignments(slot_id, youth_id)
	WHERE status = 'active';

-- kind 'term' or 'holiday', inclusive date ranges.
CREATE TABLE school_ranges (
	kind    TEXT NOT NULL CHECK (kind IN ('term', 'holiday')),
	pos     INTEGER NOT NULL,
	date_from TEXT NOT NULL,
	date_to   TEXT NOT NULL,
	PRIMARY KEY (kind, pos)
) WITHOUT ROWID;

CREATE TABLE public_holidays (
	date TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Only a hash of each secret is stored (BLAKE2b-256 via libsodium).
CREATE TABLE api_tokens (
	name       TEXT PRIMARY KEY,
	hash       BLOB NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	revoked_at INTEGER
);

-- kind 'youth', 'home' or 'all' (the coordinator's whole schedule).
CREATE TABLE feed_tokens (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL CHECK (kind IN ('youth', 'home', 'all')),
	subject    TEXT NOT NULL,
	hash       BLOB NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	revoked_at INTEGER
);
CREATE INDEX feed_tokens_subject ON feed_tokens(kind, subject);

CREATE TABLE audit_log (
	id        INTEGER PRIMARY KEY,
	at        INTEGER NOT NULL,
	actor     TEXT NOT NULL,
	action    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id TEXT,
	before    TEXT,
	after     TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
