-- SPDX-License-Identifier: ISC
-- Youths' requests to the coordinator (issue 16): claiming an open visit
-- when claims need approval, a day off over an assignment, a visit given
-- away.  kind: claim | day_off | give_away; state: open | approved |
-- declined | done (approved: a give-away a colleague may now take;
-- done: carried out).  slot_id: the visit (claim, give_away, the first
-- assignment a day off hits); start_min/end_min: the wall times of a day
-- off (minutes since 1970-01-01 local); taker_id: who takes a given-away
-- visit, once someone has asked to.  The requests of a deleted (purged)
-- youth go with them.
CREATE TABLE requests (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL CHECK (kind IN ('claim', 'day_off',
	                                           'give_away')),
	state        TEXT NOT NULL CHECK (state IN ('open', 'approved',
	                                            'declined', 'done')),
	youth_id     TEXT NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
	slot_id      TEXT,
	start_min    INTEGER,
	end_min      INTEGER,
	taker_id     TEXT REFERENCES youths(id) ON DELETE SET NULL,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	decided_by   TEXT
);
CREATE INDEX requests_state ON requests(state, kind);
CREATE INDEX requests_youth ON requests(youth_id);
