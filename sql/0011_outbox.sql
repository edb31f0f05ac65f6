-- SPDX-License-Identifier: ISC
-- E-mail notifications through a durable outbox (issue 16).
-- A youth's address is personal data: exported with the youth, purged
-- with the youth (store_youth_purge), never in feeds or pages.
ALTER TABLE youths ADD COLUMN email TEXT;
-- A user's (a coordinator's) address, for requests and sick calls.
ALTER TABLE users ADD COLUMN email TEXT;

-- One message to send.  It is written in the same transaction as the
-- change that causes it; the sender (mail_sender.c) marks it 'sending'
-- before it talks SMTP and 'sent' after, so that a message found
-- 'sending' after a crash is sent again with the same message_id (at
-- least once, never lost; the receiver may drop the repeat by its
-- Message-ID).
--   recipient_kind 'youth' (recipient_id a youth id) or 'user' (a login)
--   kind           what it is about (the unsubscribe is per kind)
--   adult_from     the day (days since 1970) the recipient turns 18, for
--                  the quiet hours; NULL when they do not apply (an adult,
--                  an urgent message, or quiet hours off)
--   zone           the organisation's time zone at enqueue (quiet hours)
--   unsub_token    the unsubscribe link's secret until the message is
--                  sent (only its hash is kept in mail_unsubscribe; the
--                  bodies keep the placeholder, the sender puts it in)
--   ref, ref_at    a day-before reminder: the assignment and its visit's
--                  start (wall minutes); one reminder per pair, never two
--   not_before     the earliest time to send (a reminder: 18:00 local the
--                  day before the visit; else the enqueue time)
CREATE TABLE outbox (
	-- AUTOINCREMENT: an id taken back (a reminder) is never given again.
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	message_id     TEXT NOT NULL UNIQUE,
	recipient      TEXT NOT NULL,
	recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('youth', 'user')),
	recipient_id   TEXT NOT NULL,
	kind           TEXT NOT NULL,
	language       TEXT NOT NULL,
	subject        TEXT NOT NULL,
	body_text      TEXT NOT NULL,
	body_html      TEXT NOT NULL,
	adult_from     INTEGER,
	zone           TEXT NOT NULL,
	unsub_token    TEXT,
	ref            TEXT,
	ref_at         INTEGER,
	created_at     INTEGER NOT NULL,
	not_before     INTEGER NOT NULL,
	state          TEXT NOT NULL DEFAULT 'queued'
	               CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
	attempts       INTEGER NOT NULL DEFAULT 0,
	next_attempt   INTEGER NOT NULL,
	last_error     TEXT,
	sent_at        INTEGER
);
CREATE INDEX outbox_due ON outbox(state, next_attempt);
CREATE INDEX outbox_recipient ON outbox(recipient_kind, recipient_id);
CREATE UNIQUE INDEX outbox_ref ON outbox(ref, ref_at) WHERE ref IS NOT NULL;

-- One-click unsubscribe links (RFC 8058): the hash of each link's token,
-- per recipient and kind.
CREATE TABLE mail_unsubscribe (
	token_hash     BLOB PRIMARY KEY,
	recipient_kind TEXT NOT NULL,
	recipient_id   TEXT NOT NULL,
	kind           TEXT NOT NULL,
	created_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX mail_unsubscribe_recipient
	ON mail_unsubscribe(recipient_kind, recipient_id);

-- Who asked for no more mail of a kind.
CREATE TABLE mail_optout (
	recipient_kind TEXT NOT NULL,
	recipient_id   TEXT NOT NULL,
	kind           TEXT NOT NULL,
	at             INTEGER NOT NULL,
	PRIMARY KEY (recipient_kind, recipient_id, kind)
) WITHOUT ROWID;
