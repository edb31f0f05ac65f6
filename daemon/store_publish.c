/* SPDX-License-Identifier: ISC */
/*
 * This file contains the SQLite reads and writes of the published copy of
 * visits and assignments (store_publish.h).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "log.h"
#include "store_publish.h"
#include "xmalloc.h"

static const char sql_slots[] =
    "SELECT id, home_id, start_min, end_min, needed, activity, min_age, "
    "requires, cancelled FROM published_slots ORDER BY id";
static const char sql_assignments[] =
    "SELECT id, slot_id, youth_id, pinned, status, made_by, seq, "
    "created_at, updated_at FROM published_assignments ORDER BY id";
static const char sql_slot_put[] =
    "INSERT OR REPLACE INTO published_slots(id, home_id, start_min, "
    "end_min, needed, activity, min_age, requires, cancelled) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_assignment_put[] =
    "INSERT OR REPLACE INTO published_assignments(id, slot_id, youth_id, "
    "pinned, status, made_by, seq, created_at, updated_at) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_group_drop[] =
    "DELETE FROM published_assignments WHERE slot_id = ?1";
static const char sql_slot_drop[] = "DELETE FROM published_slots WHERE id = ?1";
static const char sql_clear[] =
    "DELETE FROM published_assignments; DELETE FROM published_slots;";

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

static char *
col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t != NULL ? xstrdup((const char *)t) : NULL;
}

static void
text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* requires as JSON: [["skill", count], ...] */
static char *
requires_text(const struct model_slot *s)
{
	json_t *a;
	char *t;

	if (s->nrequires == 0)
		return NULL;
	a = json_array();
	for (size_t i = 0; i < s->nrequires; i++)
		json_array_append_new(a,
		    json_pack("[s, i]", s->requires[i].skill,
		        (json_int_t)s->requires[i].count));
	t = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return t;
}

static void
requires_read(struct model_slot *s, const char *text)
{
	json_t *a, *e;
	size_t i;

	if (text == NULL || (a = json_loads(text, 0, NULL)) == NULL)
		return;
	if (json_is_array(a) && json_array_size(a) > 0) {
		s->requires = xcalloc(json_array_size(a), sizeof(*s->requires));
		json_array_foreach(a, i, e)
		{
			const char *k = json_string_value(json_array_get(e, 0));
			if (k == NULL)
				continue;
			s->requires[s->nrequires].skill = xstrdup(k);
			s->requires[s->nrequires].count =
			    (int)json_integer_value(json_array_get(e, 1));
			s->nrequires++;
		}
	}
	json_decref(a);
}

int
store_publish_load(
    struct store *st, struct publish_snapshot *out, struct rotad_error *err)
{
	sqlite3_stmt *s;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((s = store_stmt_cached(st, sql_slots)) == NULL)
		return fail(st, SQLITE_ERROR, "read the published visits", err);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct model_slot sl = {0};
		char *req;

		sl.id = col_dup(s, 0);
		sl.home = col_dup(s, 1);
		sl.start = sqlite3_column_int64(s, 2);
		sl.end = sqlite3_column_int64(s, 3);
		sl.needed = sqlite3_column_int(s, 4);
		sl.activity = col_dup(s, 5);
		sl.min_age = sqlite3_column_int(s, 6);
		req = col_dup(s, 7);
		requires_read(&sl, req);
		free(req);
		sl.cancelled = sqlite3_column_int(s, 8) != 0;
		publish_snapshot_add_slot(out, &sl);
		model_slot_clear(&sl);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto bad;
	if ((s = store_stmt_cached(st, sql_assignments)) == NULL)
		goto bad;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct model_assignment a = {0};
		const unsigned char *t;

		a.id = col_dup(s, 0);
		a.slot = col_dup(s, 1);
		a.youth = col_dup(s, 2);
		a.pinned = sqlite3_column_int(s, 3) != 0;
		t = sqlite3_column_text(s, 4);
		a.status =
		    t != NULL && strcmp((const char *)t, "cancelled") == 0
		    ? MODEL_ASSIGNMENT_CANCELLED
		    : MODEL_ASSIGNMENT_ACTIVE;
		t = sqlite3_column_text(s, 5);
		a.made_by = t != NULL && strcmp((const char *)t, "solver") == 0
		    ? MODEL_MADE_BY_SOLVER
		    : MODEL_MADE_BY_COORDINATOR;
		a.seq = sqlite3_column_int64(s, 6);
		a.created_at = sqlite3_column_int64(s, 7);
		a.updated_at = sqlite3_column_int64(s, 8);
		publish_snapshot_add_assignment(out, &a);
		model_assignment_clear(&a);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		goto bad;
	return 0;
bad:
	publish_snapshot_free(out);
	return fail(st, rc, "read the published visits", err);
}

static int
put_slot(struct store *st, const struct model_slot *sl, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_slot_put);
	char *req = requires_text(sl);
	int rc;

	sqlite3_bind_text(s, 1, sl->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, sl->home, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, sl->start);
	sqlite3_bind_int64(s, 4, sl->end);
	sqlite3_bind_int(s, 5, sl->needed);
	text_or_null(s, 6, sl->activity);
	sqlite3_bind_int(s, 7, sl->min_age);
	text_or_null(s, 8, req);
	sqlite3_bind_int(s, 9, sl->cancelled ? 1 : 0);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(req);
	return rc == SQLITE_DONE ? 0 : fail(st, rc, "publish a visit", err);
}

static int
put_assignment(
    struct store *st, const struct model_assignment *a, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_assignment_put);
	int rc;

	sqlite3_bind_text(s, 1, a->id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, a->slot, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, a->youth, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, a->pinned ? 1 : 0);
	sqlite3_bind_text(s, 5,
	    a->status == MODEL_ASSIGNMENT_CANCELLED ? "cancelled" : "active",
	    -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6,
	    a->made_by == MODEL_MADE_BY_SOLVER ? "solver" : "coordinator", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, a->seq);
	sqlite3_bind_int64(s, 8, a->created_at);
	sqlite3_bind_int64(s, 9, a->updated_at);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0
	                         : fail(st, rc, "publish an assignment", err);
}

static int
drop(struct store *st, const char *sql, const char *id, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql);
	int rc;

	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : fail(st, rc, "publish a visit", err);
}

int
store_publish_groups(struct store *st, const struct model_instance *live,
    const struct publish_diff *d, struct rotad_error *err)
{
	for (size_t i = 0; i < d->ngroups; i++)
		if (drop(st, sql_group_drop, d->groups[i], err) == -1 ||
		    drop(st, sql_slot_drop, d->groups[i], err) == -1)
			return -1;
	for (size_t i = 0; i < live->nslots; i++)
		if (publish_diff_has_group(d, live->slots[i].id) &&
		    put_slot(st, &live->slots[i], err) == -1)
			return -1;
	/* INSERT OR REPLACE: an assignment that moved into a group from a
	 * slot outside them replaces its old published copy. */
	for (size_t i = 0; i < live->nassignments; i++)
		if (publish_diff_has_group(d, live->assignments[i].slot) &&
		    put_assignment(st, &live->assignments[i], err) == -1)
			return -1;
	return 0;
}

int
store_publish_clear(struct store *st, struct rotad_error *err)
{
	int rc = sqlite3_exec(store_sqlite(st), sql_clear, NULL, NULL, NULL);
	return rc == SQLITE_OK
	    ? 0
	    : fail(st, rc, "clear the published visits", err);
}

int
store_publish_all(struct store *st, const struct model_instance *live,
    struct rotad_error *err)
{
	if (store_publish_clear(st, err) == -1)
		return -1;
	for (size_t i = 0; i < live->nslots; i++)
		if (put_slot(st, &live->slots[i], err) == -1)
			return -1;
	for (size_t i = 0; i < live->nassignments; i++)
		if (put_assignment(st, &live->assignments[i], err) == -1)
			return -1;
	return 0;
}
