/* SPDX-License-Identifier: ISC */
/*
 * This file contains the SQLite reads and writes of the consent links
 * (store_consent.h), as store_requests.c keeps its own statements.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "log.h"
#include "store.h"
#include "store_consent.h"

#define LINK_COLS "id, youth_id, token_hash, created_at, expires_at, revoked_at"

static const char sql_revoke[] =
    "UPDATE consent_links SET revoked_at = ?2 WHERE youth_id = ?1 AND "
    "revoked_at IS NULL";
static const char sql_insert[] =
    "INSERT INTO consent_links(youth_id, token_hash, created_at, "
    "expires_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_find[] =
    "SELECT " LINK_COLS " FROM consent_links WHERE token_hash = ?1";
static const char sql_current[] =
    "SELECT " LINK_COLS " FROM consent_links WHERE youth_id = ?1 AND "
    "revoked_at IS NULL ORDER BY id DESC LIMIT 1";

static const char sql_rekey[] =
    "UPDATE consent_links SET token_hash = ?2 WHERE id = ?1 AND "
    "youth_id = ?4 AND created_at = ?5 AND revoked_at IS NULL AND "
    "expires_at > ?3";

static int
fail(struct store *st, int rc, const char *what, struct rotad_error *err)
{
	log_warnx(
	    "store: %s: %s (%d)", what, sqlite3_errmsg(store_sqlite(st)), rc);
	if ((rc & 0xff) == SQLITE_BUSY)
		rotad_error_set(err, ROTAD_ERR_UNAVAILABLE, NULL,
		    "the database is busy; try again");
	else
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the database failed to %s", what);
	return -1;
}

static int
done(struct store *st, sqlite3_stmt *s, const char *what,
    struct rotad_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? 0 : fail(st, rc, what, err);
}

int
store_consent_revoke(struct store *st, const char *youth, int64_t now, int *n,
    struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_revoke);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "prepare a consent link", err);
	sqlite3_bind_text(s, 1, youth, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, now);
	if (done(st, s, "revoke a consent link", err) == -1)
		return -1;
	if (n != NULL)
		*n = sqlite3_changes(store_sqlite(st));
	return 0;
}

int
store_consent_create(struct store *st, const char *youth,
    const unsigned char hash[AUTH_HASH_LEN], int64_t now, int64_t expires_at,
    const char *actor, struct rotad_error *err)
{
	sqlite3_stmt *s;

	if (store_consent_revoke(st, youth, now, NULL, err) == -1)
		return -1;
	if ((s = store_stmt_cached(st, sql_insert)) == NULL)
		return fail(st, SQLITE_ERROR, "prepare a consent link", err);
	sqlite3_bind_text(s, 1, youth, -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(s, 2, hash, AUTH_HASH_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, now);
	sqlite3_bind_int64(s, 4, expires_at);
	if (actor != NULL && actor[0] != '\0')
		sqlite3_bind_text(s, 5, actor, -1, SQLITE_TRANSIENT);
	return done(st, s, "make a consent link", err);
}

static int
read_one(struct store *st, sqlite3_stmt *s, struct consent_link *out,
    struct rotad_error *err)
{
	int rc = sqlite3_step(s), found = 0;

	if (rc == SQLITE_ROW) {
		const void *h = sqlite3_column_blob(s, 2);
		const unsigned char *y = sqlite3_column_text(s, 1);

		memset(out, 0, sizeof(*out));
		out->id = sqlite3_column_int64(s, 0);
		snprintf(out->youth, sizeof(out->youth), "%s",
		    y ? (const char *)y : "");
		if (h != NULL && sqlite3_column_bytes(s, 2) == AUTH_HASH_LEN)
			memcpy(out->hash, h, AUTH_HASH_LEN);
		out->created_at = sqlite3_column_int64(s, 3);
		out->expires_at = sqlite3_column_int64(s, 4);
		out->revoked_at = sqlite3_column_type(s, 5) == SQLITE_NULL
		    ? 0
		    : sqlite3_column_int64(s, 5);
		found = 1;
	} else if (rc != SQLITE_DONE)
		found = -1;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return found == -1 ? fail(st, rc, "read a consent link", err) : found;
}

int
store_consent_find(struct store *st, const unsigned char hash[AUTH_HASH_LEN],
    struct consent_link *out, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_find);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "prepare a consent link", err);
	sqlite3_bind_blob(s, 1, hash, AUTH_HASH_LEN, SQLITE_TRANSIENT);
	return read_one(st, s, out, err);
}

int
store_consent_current(struct store *st, const char *youth,
    struct consent_link *out, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_current);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "prepare a consent link", err);
	sqlite3_bind_text(s, 1, youth, -1, SQLITE_TRANSIENT);
	return read_one(st, s, out, err);
}

int
store_consent_rekey(struct store *st, int64_t id, const char *youth,
    int64_t created_at, const unsigned char hash[AUTH_HASH_LEN], int64_t now,
    int *changed, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_rekey);

	*changed = 0;
	if (s == NULL)
		return fail(st, SQLITE_ERROR, "prepare a consent link", err);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_blob(s, 2, hash, AUTH_HASH_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, now);
	sqlite3_bind_text(s, 4, youth, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 5, created_at);
	if (done(st, s, "renew a consent link", err) == -1)
		return -1;
	*changed = sqlite3_changes(store_sqlite(st)) > 0;
	return 0;
}
