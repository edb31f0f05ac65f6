-- SPDX-License-Identifier: ISC
-- Assignment ids are never given twice (RFC 5545 wants a feed's UIDs,
-- made from them, unique for ever): the highest number N of an id "aN"
-- ever stored is kept here and never goes down, across deletes, purges,
-- imports and restarts.  New ids start above it.  Seeded from the stored
-- assignments and from the audit log (which remembers deleted ones).
CREATE TABLE counters (
	name  TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO counters(name, value)
SELECT 'assignment_id', coalesce(max(n), 0) FROM (
	SELECT CAST(substr(id, 2) AS INTEGER) AS n FROM assignments
	WHERE id GLOB 'a[0-9]*' AND substr(id, 2) NOT GLOB '*[^0-9]*'
	  AND length(id) <= 16
	UNION ALL
	SELECT CAST(substr(entity_id, 2) AS INTEGER) FROM audit_log
	WHERE entity = 'assignment' AND entity_id GLOB 'a[0-9]*'
	  AND substr(entity_id, 2) NOT GLOB '*[^0-9]*'
	  AND length(entity_id) <= 16
);

-- Every insert, whatever the path (API, schedule run, import, demo).
CREATE TRIGGER assignments_id_counter AFTER INSERT ON assignments
WHEN NEW.id GLOB 'a[0-9]*' AND substr(NEW.id, 2) NOT GLOB '*[^0-9]*'
     AND length(NEW.id) <= 16
BEGIN
	UPDATE counters SET value = max(value, CAST(substr(NEW.id, 2) AS INTEGER))
	WHERE name = 'assignment_id';
END;
