/* SPDX-License-Identifier: ISC */
/*
 * This file contains the SQLite reads and writes of youths' requests
 * (store_requests.h): prepared statements cached on the store's
 * connection, as store_series.c keeps its own, and the JSON form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sqlite3.h>

#include "civil.h"
#include "log.h"
#include "store_requests.h"
#include "xmalloc.h"

#define REQUEST_COLS                                                           \
	"id, kind, state, youth_id, slot_id, start_min, end_min, taker_id, "   \
	"created_at, updated_at, decided_by"

static const char sql_insert[] =
    "INSERT INTO requests(kind, state, youth_id, slot_id, start_min, "
    "end_min, taker_id, created_at, updated_at, decided_by) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)";
static const char sql_update[] =
    "UPDATE requests SET state = ?2, taker_id = ?3, updated_at = ?4, "
    "decided_by = ?5 WHERE id = ?1";
static const char sql_get[] =
    "SELECT " REQUEST_COLS " FROM requests WHERE id = ?1";
static const char sql_list[] =
    "SELECT " REQUEST_COLS " FROM requests WHERE (?1 IS NULL OR kind = ?1) "
    "AND (?2 IS NULL OR state = ?2) AND (?3 IS NULL OR youth_id = ?3 OR "
    "taker_id = ?3) ORDER BY id";

static const char *const kind_names[] = {"claim", "day_off", "give_away"};
static const char *const state_names[] = {
    "open", "approved", "declined", "done"};

const char *
request_kind_name(enum request_kind k)
{
	return (size_t)k < sizeof(kind_names) / sizeof(kind_names[0])
	    ? kind_names[k]
	    : "?";
}

const char *
request_state_name(enum request_state s)
{
	return (size_t)s < sizeof(state_names) / sizeof(state_names[0])
	    ? state_names[s]
	    : "?";
}

int
request_kind_parse(const char *name, enum request_kind *out)
{
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (name != NULL && strcmp(name, kind_names[i]) == 0) {
			*out = (enum request_kind)i;
			return 0;
		}
	return -1;
}

int
request_state_parse(const char *name, enum request_state *out)
{
	for (size_t i = 0; i < sizeof(state_names) / sizeof(state_names[0]);
	     i++)
		if (name != NULL && strcmp(name, state_names[i]) == 0) {
			*out = (enum request_state)i;
			return 0;
		}
	return -1;
}

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

static void
text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL || v[0] == '\0')
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void
col_copy(sqlite3_stmt *s, int i, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(dst, len, "%s", t ? (const char *)t : "");
}

static void
row(sqlite3_stmt *s, struct request *r)
{
	char name[16];

	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	col_copy(s, 1, name, sizeof(name));
	(void)request_kind_parse(name, &r->kind);
	col_copy(s, 2, name, sizeof(name));
	(void)request_state_parse(name, &r->state);
	col_copy(s, 3, r->youth, sizeof(r->youth));
	col_copy(s, 4, r->slot, sizeof(r->slot));
	r->start = sqlite3_column_int64(s, 5);
	r->end = sqlite3_column_int64(s, 6);
	col_copy(s, 7, r->taker, sizeof(r->taker));
	r->created_at = sqlite3_column_int64(s, 8);
	r->updated_at = sqlite3_column_int64(s, 9);
	col_copy(s, 10, r->decided_by, sizeof(r->decided_by));
}

int
store_request_insert(
    struct store *st, struct request *r, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_insert);
	int rc;

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "prepare a request", err);
	sqlite3_bind_text(s, 1, request_kind_name(r->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(
	    s, 2, request_state_name(r->state), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->youth, -1, SQLITE_TRANSIENT);
	text_or_null(s, 4, r->slot);
	if (r->kind == REQUEST_DAY_OFF) {
		sqlite3_bind_int64(s, 5, r->start);
		sqlite3_bind_int64(s, 6, r->end);
	}
	text_or_null(s, 7, r->taker);
	sqlite3_bind_int64(s, 8, r->created_at);
	text_or_null(s, 9, r->decided_by);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE)
		return fail(st, rc, "store a request", err);
	r->id = sqlite3_last_insert_rowid(store_sqlite(st));
	r->updated_at = r->created_at;
	return 0;
}

int
store_request_update(
    struct store *st, const struct request *r, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_update);
	int rc;

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "prepare a request", err);
	sqlite3_bind_int64(s, 1, r->id);
	sqlite3_bind_text(
	    s, 2, request_state_name(r->state), -1, SQLITE_STATIC);
	text_or_null(s, 3, r->taker);
	sqlite3_bind_int64(s, 4, r->updated_at);
	text_or_null(s, 5, r->decided_by);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE)
		return fail(st, rc, "update a request", err);
	return 0;
}

int
store_request_get(struct store *st, int64_t id, struct request *out)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_get);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		row(s, out);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
store_requests_list(struct store *st, const enum request_kind *kind,
    const enum request_state *state, const char *youth, struct request **out,
    size_t *n, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_list);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return fail(st, SQLITE_ERROR, "prepare the requests", err);
	if (kind != NULL)
		sqlite3_bind_text(
		    s, 1, request_kind_name(*kind), -1, SQLITE_STATIC);
	if (state != NULL)
		sqlite3_bind_text(
		    s, 2, request_state_name(*state), -1, SQLITE_STATIC);
	text_or_null(s, 3, youth);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		row(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return fail(st, rc, "read the requests", err);
	}
	return 0;
}

/* RFC 3339 UTC of Unix seconds. */
static json_t *
utc_json(int64_t t)
{
	char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

json_t *
request_to_json(const struct request *r)
{
	char id[32], a[CIVIL_DATETIME_LEN], b[CIVIL_DATETIME_LEN];
	json_t *o = json_object();

	snprintf(id, sizeof(id), "r%lld", (long long)r->id);
	json_object_set_new(o, "id", json_string(id));
	json_object_set_new(o, "kind", json_string(request_kind_name(r->kind)));
	json_object_set_new(
	    o, "state", json_string(request_state_name(r->state)));
	json_object_set_new(o, "youth", json_string(r->youth));
	json_object_set_new(
	    o, "slot", r->slot[0] ? json_string(r->slot) : json_null());
	if (r->kind == REQUEST_DAY_OFF) {
		civil_format_datetime(r->start, a);
		civil_format_datetime(r->end, b);
		json_object_set_new(o, "from", json_string(a));
		json_object_set_new(o, "to", json_string(b));
	}
	if (r->kind == REQUEST_GIVE_AWAY)
		json_object_set_new(o, "taker",
		    r->taker[0] ? json_string(r->taker) : json_null());
	json_object_set_new(o, "created_at", utc_json(r->created_at));
	json_object_set_new(o, "updated_at", utc_json(r->updated_at));
	json_object_set_new(o, "decided_by",
	    r->decided_by[0] ? json_string(r->decided_by) : json_null());
	return o;
}
