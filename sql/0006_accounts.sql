-- SPDX-License-Identifier: ISC
-- People, not tokens (issue 14): user accounts with a role and a scope of
-- homes, browser sessions, and API tokens that belong to a user.
--
-- role: 'admin' (everything), 'coordinator' (plans the homes in scope),
-- 'viewer' (reads the homes in scope).  password_hash is libsodium's
-- crypto_pwhash_str text (Argon2id), NULL while the person has not chosen
-- one (an invited user, or one added without a password): such a user
-- cannot log in.  login is compared without regard to ASCII case.
CREATE TABLE users (
	id                  INTEGER PRIMARY KEY,
	login               TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name                TEXT NOT NULL DEFAULT '',
	role                TEXT NOT NULL
	                    CHECK (role IN ('admin', 'coordinator', 'viewer')),
	password_hash       TEXT,
	created_at          INTEGER NOT NULL,
	updated_at          INTEGER NOT NULL,
	password_changed_at INTEGER
);

-- A user's scope: the homes they may see and plan.  No row = every home.
-- Not a foreign key to homes: an import replaces the homes, and a scope
-- naming a home that is gone simply matches nothing.
CREATE TABLE user_homes (
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	home_id TEXT NOT NULL,
	PRIMARY KEY (user_id, home_id)
) WITHOUT ROWID;

-- Browser sessions.  hash is the BLAKE2b-256 of the cookie's random
-- 256-bit value (the value itself is never stored); the CSRF token is
-- derived from the cookie value (auth_csrf_token), so nothing about it is
-- stored either.  A session ends at expires_at (the absolute lifetime) or
-- when last_seen is older than the idle timeout, whichever comes first.
CREATE TABLE sessions (
	id         INTEGER PRIMARY KEY,
	hash       BLOB NOT NULL UNIQUE,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	last_seen  INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- One-time invitations: the hash of a random code that lets the invited
-- user choose a password once, before expires_at.
CREATE TABLE user_invites (
	hash       BLOB PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Every API token acts for a user, with that user's role and scope.  A
-- token whose user_id is NULL is an admin token that belongs to no person:
-- all tokens made before this migration, and those made by
-- `rotad token create NAME` without --user.  Removing a user removes
-- their tokens.
ALTER TABLE api_tokens ADD COLUMN user_id INTEGER
	REFERENCES users(id) ON DELETE CASCADE;
CREATE INDEX api_tokens_user ON api_tokens(user_id);
