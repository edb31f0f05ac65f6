-- SPDX-License-Identifier: ISC
-- Named school calendars per municipality, and regions (issue 15).
-- An organisation has several school calendars; exactly one is the default
-- (is_default = 1), which youths and homes without a calendar of their own
-- follow.  pos keeps the order of the others.  school_hours is 'HH:MM-HH:MM'
-- or NULL.  The one calendar of an existing database becomes the default,
-- with id 'default': its ranges move here from school_ranges and its hours
-- from the 'school_hours' setting.
CREATE TABLE school_calendars (
	id           TEXT PRIMARY KEY,
	name         TEXT,
	pos          INTEGER NOT NULL,
	is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
	school_hours TEXT
);
CREATE UNIQUE INDEX school_calendars_one_default ON school_calendars(is_default)
	WHERE is_default = 1;

-- kind 'term' or 'holiday', inclusive date ranges, per calendar.
CREATE TABLE school_calendar_ranges (
	calendar_id TEXT NOT NULL REFERENCES school_calendars(id)
	            ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('term', 'holiday')),
	pos         INTEGER NOT NULL,
	date_from   TEXT NOT NULL,
	date_to     TEXT NOT NULL,
	PRIMARY KEY (calendar_id, kind, pos)
) WITHOUT ROWID;

INSERT INTO school_calendars(id, name, pos, is_default, school_hours)
	VALUES ('default', NULL, 0, 1,
	        (SELECT value FROM settings WHERE key = 'school_hours'));
INSERT INTO school_calendar_ranges(calendar_id, kind, pos, date_from, date_to)
	SELECT 'default', kind, pos, date_from, date_to FROM school_ranges;
DROP TABLE school_ranges;
DELETE FROM settings WHERE key = 'school_hours';

-- The calendar a youth follows and a home's series use (NULL: the
-- default).  Not foreign keys: the daemon refuses to delete a calendar in
-- use, and an import replaces calendars, youths and homes together.
ALTER TABLE youths ADD COLUMN school_calendar TEXT;
ALTER TABLE homes ADD COLUMN school_calendar TEXT;
-- A home's region (a name; NULL: none), for GET /api/v1/homes?region=.
ALTER TABLE homes ADD COLUMN region TEXT;
CREATE INDEX homes_region ON homes(region);
