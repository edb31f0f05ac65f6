-- SPDX-License-Identifier: ISC
-- Guardian consent online (issue 16): the guardian's name and e-mail on
-- the youth (personal data: coordinators only, in the access export,
-- purged with the youth), and the consent links.  A link is a capability
-- URL /consent/TOKEN; only the BLAKE2b-256 hash of its token is stored.
-- One active link per youth: making a new one revokes the old
-- (revoked_at); a link stops working at expires_at (Unix seconds).  The
-- links of a deleted (purged) youth go with them.
ALTER TABLE youths ADD COLUMN guardian_name TEXT;
ALTER TABLE youths ADD COLUMN guardian_email TEXT;
CREATE TABLE consent_links (
	id          INTEGER PRIMARY KEY,
	youth_id    TEXT NOT NULL REFERENCES youths(id) ON DELETE CASCADE,
	token_hash  BLOB NOT NULL UNIQUE,
	created_at  INTEGER NOT NULL,
	expires_at  INTEGER NOT NULL,
	revoked_at  INTEGER,
	created_by  TEXT
);
CREATE INDEX consent_links_youth ON consent_links(youth_id);
