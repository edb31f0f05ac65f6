-- SPDX-License-Identifier: ISC
-- Draft and publish (issue 16): the published copy of the visits (slots)
-- and their assignments, which feeds, week pages and youth pages show
-- when options.publish is "manual".  Each row is the live row as it was
-- when a coordinator published it; wall times are INTEGER minutes since
-- 1970-01-01 local (as requests.start_min), requires is the slot's
-- requirements as JSON ([["skill", count], ...]).  No foreign keys: the
-- live rows change and go while their published copies stay until the
-- next publish.  A deleted (purged) youth's published assignments go
-- with her.
CREATE TABLE published_slots (
	id         TEXT PRIMARY KEY,
	home_id    TEXT NOT NULL,
	start_min  INTEGER NOT NULL,
	end_min    INTEGER NOT NULL,
	needed     INTEGER NOT NULL,
	activity   TEXT,
	min_age    INTEGER NOT NULL DEFAULT 0,
	requires   TEXT,
	cancelled  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE published_assignments (
	id         TEXT PRIMARY KEY,
	slot_id    TEXT NOT NULL,
	youth_id   TEXT NOT NULL,
	pinned     INTEGER NOT NULL DEFAULT 0,
	status     TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
	made_by    TEXT NOT NULL CHECK (made_by IN ('coordinator', 'solver')),
	seq        INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX published_assignments_slot ON published_assignments(slot_id);
CREATE INDEX published_assignments_youth ON published_assignments(youth_id);

CREATE TRIGGER youths_published_gone AFTER DELETE ON youths
BEGIN
	DELETE FROM published_assignments WHERE youth_id = OLD.id;
END;
