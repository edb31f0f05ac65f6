-- SPDX-License-Identifier: ISC
-- Right to erasure: when a youth's data is purged, the hours they worked
-- stay in the accounts only as anonymous totals per month and home.
CREATE TABLE anonymous_hours (
	id        INTEGER PRIMARY KEY,
	month     TEXT NOT NULL,    -- 'YYYY-MM'
	home_id   TEXT NOT NULL,
	minutes   INTEGER NOT NULL, -- real elapsed working time
	shifts    INTEGER NOT NULL,
	purged_at INTEGER NOT NULL
);
CREATE INDEX anonymous_hours_month ON anonymous_hours(month);
