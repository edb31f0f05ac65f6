/* SPDX-License-Identifier: ISC */
/*
 * This file contains the SQLite reads and writes of visit series: the
 * series rows, the link of each generated slot to its series, and the
 * dates deleted from a series by hand.  Prepared statements cached on the
 * store's connection (store_stmt_cached), as users.c keeps its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "civil.h"
#include "log.h"
#include "store_series.h"
#include "xmalloc.h"

#define SERIES_COLS                                                            \
	"id, home_id, activity, time_min, duration, needed, min_age, "         \
	"requires, days, interval, first, last, skip_school_holidays, "        \
	"skip_public_holidays"

static const char sql_all[] = "SELECT " SERIES_COLS " FROM series ORDER BY id";
static const char sql_get[] =
    "SELECT " SERIES_COLS " FROM series WHERE id = ?1";
static const char sql_insert[] =
    "INSERT INTO series(" SERIES_COLS ", created_at, updated_at) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
    "?15)";
static const char sql_update[] =
    "UPDATE series SET home_id = ?2, activity = ?3, time_min = ?4, "
    "duration = ?5, needed = ?6, min_age = ?7, requires = ?8, days = ?9, "
    "interval = ?10, first = ?11, last = ?12, skip_school_holidays = ?13, "
    "skip_public_holidays = ?14, updated_at = ?15 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM series WHERE id = ?1";
static const char sql_slots[] =
    "SELECT id, substr(start, 1, 10), edited, cancelled FROM slots "
    "WHERE series_id = ?1 ORDER BY start, id";
static const char sql_link[] =
    "UPDATE slots SET series_id = ?2, edited = ?3, cancelled = ?4 "
    "WHERE id = ?1";
static const char sql_exceptions[] =
    "SELECT date FROM series_exceptions WHERE series_id = ?1 ORDER BY date";

static const char sql_exceptions_copy[] =
    "INSERT OR IGNORE INTO series_exceptions(series_id, date) SELECT ?2, "
    "date FROM series_exceptions WHERE series_id = ?1 AND date >= ?3";

static const char sql_exception_add[] =
    "INSERT OR IGNORE INTO series_exceptions(series_id, date) "
    "VALUES (?1, ?2)";

static const char sql_cancelled[] =
    "SELECT id FROM slots WHERE cancelled = 1 ORDER BY id";

static int
fail(struct store *st, int rc, const char *what, struct rotad_error *err)
{
	log_warnx(
	    "store: %s: %s (%d)", what, sqlite3_errmsg(store_sqlite(st)), rc);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
		    "%s conflicts with stored data", what);
	else if ((rc & 0xff) == SQLITE_BUSY)
		rotad_error_set(err, ROTAD_ERR_UNAVAILABLE, NULL,
		    "the database is busy; try again");
	else
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the database failed to %s", what);
	return -1;
}

/* Steps a statement that returns no rows, then resets it. */
static int
done(struct store *st, sqlite3_stmt *s, const char *what,
    struct rotad_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : fail(st, rc, what, err);
}

static void
text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static int32_t
col_date(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	int32_t d;

	return t && civil_parse_date((const char *)t, &d) == 0 ? d
	                                                       : CIVIL_NO_DATE;
}

static void
requires_from_text(const char *txt, struct series *out)
{
	json_t *j = txt ? json_loads(txt, 0, NULL) : NULL;
	const char *key;
	json_t *v;

	if (json_is_object(j) && json_object_size(j) > 0) {
		out->requires =
		    xcalloc(json_object_size(j), sizeof(*out->requires));
		json_object_foreach(j, key, v)
		{
			out->requires[out->nrequires].skill = xstrdup(key);
			out->requires[out->nrequires].count =
			    (int)json_integer_value(v);
			out->nrequires++;
		}
	}
	json_decref(j);
}

static void
series_from_row(sqlite3_stmt *s, struct series *out)
{
	const unsigned char *req;

	memset(out, 0, sizeof(*out));
	out->id = col_dup(s, 0);
	out->home = col_dup(s, 1);
	out->activity = col_dup(s, 2);
	out->start_minute = sqlite3_column_int(s, 3);
	out->duration = sqlite3_column_int(s, 4);
	out->needed = sqlite3_column_int(s, 5);
	out->min_age = sqlite3_column_int(s, 6);
	req = sqlite3_column_text(s, 7);
	requires_from_text((const char *)req, out);
	out->days = (unsigned)sqlite3_column_int(s, 8);
	out->interval = sqlite3_column_int(s, 9);
	out->first = col_date(s, 10);
	out->last = col_date(s, 11);
	out->skip_school_holidays = sqlite3_column_int(s, 12) != 0;
	out->skip_public_holidays = sqlite3_column_int(s, 13) != 0;
}

int
store_series_all(
    struct store *st, struct series **out, size_t *n, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_all);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return fail(st, SQLITE_ERROR, "read the series", err);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		series_from_row(s, &(*out)[(*n)++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *n; i++)
			series_clear(&(*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
		return fail(st, rc, "read the series", err);
	}
	return 0;
}

int
store_series_get(struct store *st, const char *id, struct series *out,
    struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_get);
	int rc;

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "read a series", err);
	text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		series_from_row(s, out);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : fail(st, rc, "read a series", err);
}

static void
bind_series(sqlite3_stmt *s, const struct series *se, int64_t now)
{
	char first[CIVIL_DATE_LEN], last[CIVIL_DATE_LEN];
	json_t *req = json_object();
	char *rt;

	for (size_t i = 0; i < se->nrequires; i++)
		json_object_set_new(req, se->requires[i].skill,
		    json_integer(se->requires[i].count));
	rt = json_dumps(req, JSON_COMPACT);
	json_decref(req);
	civil_format_date(se->first, first);
	civil_format_date(se->last, last);
	text(s, 1, se->id);
	text(s, 2, se->home);
	text(s, 3, se->activity);
	sqlite3_bind_int(s, 4, se->start_minute);
	sqlite3_bind_int(s, 5, se->duration);
	sqlite3_bind_int(s, 6, se->needed);
	sqlite3_bind_int(s, 7, se->min_age);
	text(s, 8, rt ? rt : "{}");
	sqlite3_bind_int(s, 9, (int)se->days);
	sqlite3_bind_int(s, 10, se->interval);
	text(s, 11, first);
	text(s, 12, last);
	sqlite3_bind_int(s, 13, se->skip_school_holidays);
	sqlite3_bind_int(s, 14, se->skip_public_holidays);
	sqlite3_bind_int64(s, 15, now);
	free(rt);
}

int
store_series_insert(struct store *st, const struct series *se, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_insert);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "store a series", err);
	bind_series(s, se, now);
	return done(st, s, "store a series", err);
}

int
store_series_update(struct store *st, const struct series *se, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_update);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "update a series", err);
	bind_series(s, se, now);
	if (done(st, s, "update a series", err) == -1)
		return -1;
	if (sqlite3_changes(store_sqlite(st)) != 1) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
		    "no series has id '%s'", se->id);
		return -1;
	}
	return 0;
}

int
store_series_delete(struct store *st, const char *id, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_delete);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "delete a series", err);
	text(s, 1, id);
	return done(st, s, "delete a series", err);
}

int
store_series_slots(struct store *st, const char *series_id,
    struct store_series_slot **out, size_t *n, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_slots);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return fail(
		    st, SQLITE_ERROR, "read the slots of a series", err);
	text(s, 1, series_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_series_slot *o;
		const unsigned char *id = sqlite3_column_text(s, 0);

		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		o = &(*out)[(*n)++];
		snprintf(
		    o->id, sizeof(o->id), "%s", id ? (const char *)id : "");
		o->date = col_date(s, 1);
		o->edited = sqlite3_column_int(s, 2) != 0;
		o->cancelled = sqlite3_column_int(s, 3) != 0;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return fail(st, rc, "read the slots of a series", err);
	}
	return 0;
}

int
store_series_slot_link(struct store *st, const char *slot_id,
    const char *series_id, bool edited, bool cancelled, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_link);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "link a slot to its series", err);
	text(s, 1, slot_id);
	text(s, 2, series_id);
	sqlite3_bind_int(s, 3, edited);
	sqlite3_bind_int(s, 4, cancelled);
	return done(st, s, "link a slot to its series", err);
}

int
store_series_exceptions(struct store *st, const char *series_id, int32_t **out,
    size_t *n, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_exceptions);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return fail(st, SQLITE_ERROR, "read a series", err);
	text(s, 1, series_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		(*out)[(*n)++] = col_date(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return fail(st, rc, "read a series", err);
	}
	return 0;
}

int
store_series_exceptions_copy(struct store *st, const char *old_id,
    const char *new_id, int32_t from, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_exceptions_copy);
	char day[CIVIL_DATE_LEN];

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "split a series", err);
	civil_format_date(from, day);
	text(s, 1, old_id);
	text(s, 2, new_id);
	text(s, 3, day);
	return done(st, s, "split a series", err);
}

int
store_series_exception_add(struct store *st, const char *series_id,
    int32_t date, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_exception_add);
	char day[CIVIL_DATE_LEN];

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "store a series", err);
	civil_format_date(date, day);
	text(s, 1, series_id);
	text(s, 2, day);
	return done(st, s, "store a series", err);
}

int
store_series_mark_cancelled(struct store *st, struct model_instance *inst)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_cancelled);
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *id = sqlite3_column_text(s, 0);
		long k = id ? model_find_slot(inst, (const char *)id) : -1;
		if (k >= 0)
			inst->slots[k].cancelled = true;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}
