-- SPDX-License-Identifier: ISC
-- Feed links whose row is gone (a purged youth's), kept by hash alone so
-- that a calendar app still polling one gets 410 Gone -- not a 404 that
-- counts as token guessing (issue 18.6).  Only the hash of a random
-- token and the time: nothing that names the youth.
CREATE TABLE withdrawn_feed_tokens (
	hash         BLOB PRIMARY KEY,
	withdrawn_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER feed_tokens_withdrawn AFTER DELETE ON feed_tokens
BEGIN
	INSERT OR IGNORE INTO withdrawn_feed_tokens(hash, withdrawn_at)
	VALUES (old.hash, CAST(strftime('%s', 'now') AS INTEGER));
END;
