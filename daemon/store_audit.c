/* SPDX-License-Identifier: ISC */
/*
 * This file contains the reads of the audit log for GET /api/v1/audit:
 * one prepared statement with every filter bound (NULL for "any"),
 * newest first, keyset paging by id, and the cleaning of each row's
 * before/after.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "log.h"
#include "store_audit.h"

/*
 * A row forced violations through when its after has forced_violations
 * (create, update, series, import) or is the bare list (a delete or a
 * settings/calendar change forced without a reason).  CASE first: the
 * JSON functions fail on text that is not JSON.
 */
#define AUDIT_FORCED                                                           \
	"(CASE WHEN json_valid(after) THEN json_type(after, "                  \
	"'$.forced_violations') IS NOT NULL OR json_type(after) = 'array' "    \
	"ELSE 0 END)"

static const char sql_page[] =
    "SELECT id, at, actor, action, entity, entity_id, before, after "
    "FROM audit_log WHERE (?1 IS NULL OR entity = ?1) AND "
    "(?2 IS NULL OR entity_id = ?2) AND (?3 IS NULL OR actor = ?3 OR "
    "substr(actor, 1, length(?3) + 2) = ?3 || ' (') AND "
    "(?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5) AND "
    "(?6 = 0 OR " AUDIT_FORCED ") AND (?7 = 0 OR id < ?7) "
    "ORDER BY id DESC LIMIT ?8";

/* Keys that may hold a secret, wherever they appear. */
static const char *const secret_keys[] = {"password", "password_hash", "pwhash",
    "hash", "token", "code", "invite_code", "csrf_token", "secret", "url",
    "webcal"};

void
store_audit_scrub(json_t *j)
{
	const char *key;
	json_t *v;
	void *tmp;
	size_t i;

	if (json_is_object(j)) {
		for (i = 0; i < sizeof(secret_keys) / sizeof(secret_keys[0]);
		     i++)
			json_object_del(j, secret_keys[i]);
		json_object_foreach_safe(j, tmp, key, v) store_audit_scrub(v);
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v) store_audit_scrub(v);
	}
}

static void
bind_opt(sqlite3_stmt *s, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* A column of JSON text, parsed (null when empty or not JSON). */
static json_t *
json_col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	json_t *j = t != NULL && t[0] != '\0' ? json_loads(t, 0, NULL) : NULL;

	if (j == NULL)
		return json_null();
	store_audit_scrub(j);
	return j;
}

int
store_audit_page(struct store *st, const struct store_audit_query *q,
    json_t **rows, bool *more, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_page);
	size_t n = 0;
	int rc;

	*rows = json_array();
	*more = false;
	bind_opt(s, 1, q->entity);
	bind_opt(s, 2, q->entity_id);
	bind_opt(s, 3, q->actor);
	if (q->has_from)
		sqlite3_bind_int64(s, 4, q->from);
	else
		sqlite3_bind_null(s, 4);
	if (q->has_to)
		sqlite3_bind_int64(s, 5, q->to);
	else
		sqlite3_bind_null(s, 5);
	sqlite3_bind_int(s, 6, q->forced ? 1 : 0);
	sqlite3_bind_int64(s, 7, q->before > 0 ? q->before : 0);
	/* One more than the page: whether there is a next one. */
	sqlite3_bind_int64(s, 8, (sqlite3_int64)q->limit + 1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *after;
		if (n == q->limit) {
			*more = true;
			continue;
		}
		after = json_col(s, 7);
		if (json_is_array(after))
			after = json_pack("{s:o}", "forced_violations", after);
		json_array_append_new(*rows,
		    json_pack("{s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:o, s:o}",
		        "id", (json_int_t)sqlite3_column_int64(s, 0), "at",
		        (json_int_t)sqlite3_column_int64(s, 1), "actor",
		        (const char *)sqlite3_column_text(s, 2), "action",
		        (const char *)sqlite3_column_text(s, 3), "entity",
		        (const char *)sqlite3_column_text(s, 4), "entity_id",
		        (const char *)sqlite3_column_text(s, 5), "before",
		        json_col(s, 6), "after", after));
		n++;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE) {
		log_warnx("store: read the audit log: %s (%d)",
		    sqlite3_errmsg(store_sqlite(st)), rc);
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the database failed to read the audit log");
		json_decref(*rows);
		*rows = NULL;
		return -1;
	}
	return 0;
}
