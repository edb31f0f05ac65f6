/* SPDX-License-Identifier: ISC */
/*
 * This file contains the SQLite store: open and migrate, the prepared
 * statement table, transactions, the mapping of SQLite codes to rota
 * errors, and the reads and writes of every entity, token and audit row.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "civil.h"
#include "log.h"
#include "store.h"
#include "store_migrations.h"
#include "store_outbox.h"
#include "store_series.h"
#include "xmalloc.h"

/* How long a write waits for another connection's lock. */
#define STORE_BUSY_TIMEOUT_MS        5000
#define STORE_WORKER_BUSY_TIMEOUT_MS 30000

/*
 * The audit rows that may mention youth ?1 (whose name is ?2): a cheap
 * text filter; mention_filter() below decides on the parsed JSON.
 */
#define AUDIT_MAYBE_ABOUT                                                      \
	"entity_id = ?1 OR instr(before, '\"' || ?1 || '\"') > 0 OR "          \
	"instr(after, '\"' || ?1 || '\"') > 0 OR (length(?2) > 0 AND "         \
	"(instr(before, ?2) > 0 OR instr(after, ?2) > 0))"

/* Every statement rota runs, prepared once per connection. */
#define STORE_STATEMENTS(X)                                                    \
	X(BEGIN, "BEGIN IMMEDIATE")                                            \
	X(COMMIT, "COMMIT")                                                    \
	X(ROLLBACK, "ROLLBACK")                                                \
	X(PING, "SELECT 1")                                                    \
	X(SETTING_GET, "SELECT value FROM settings WHERE key = ?1")            \
	X(SETTING_PUT,                                                         \
	    "INSERT INTO settings(key, value) VALUES (?1, ?2) "                \
	    "ON CONFLICT(key) DO UPDATE SET value = excluded.value")           \
	X(SETTING_DEL, "DELETE FROM settings WHERE key = ?1")                  \
	X(HOMES_ALL,                                                           \
	    "SELECT id, name, address, region, school_calendar "               \
	    "FROM homes ORDER BY id")                                          \
	X(HOME_INSERT,                                                         \
	    "INSERT INTO homes(id, name, address, created_at, "                \
	    "updated_at, region, school_calendar) VALUES (?1, ?2, ?3, "        \
	    "?4, ?4, ?5, ?6)")                                                 \
	X(HOME_UPDATE,                                                         \
	    "UPDATE homes SET name = ?2, address = ?3, "                       \
	    "updated_at = ?4, region = ?5, school_calendar = ?6 "              \
	    "WHERE id = ?1")                                                   \
	X(HOME_DELETE, "DELETE FROM homes WHERE id = ?1")                      \
	X(YOUTHS_ALL,                                                          \
	    "SELECT id, name, birth_date, school, "                            \
	    "guardian_consent, max_week_minutes, homes_limited, "              \
	    "language, school_calendar, guardian_name, guardian_email, email " \
	    "FROM youths ORDER BY id")                                         \
	X(YOUTH_INSERT,                                                        \
	    "INSERT INTO youths(id, name, birth_date, school, "                \
	    "guardian_consent, max_week_minutes, homes_limited, "              \
	    "created_at, updated_at, language, school_calendar, "              \
	    "guardian_name, guardian_email, email) "                           \
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11, ?12, "  \
	    "?13)")                                                            \
	X(YOUTH_UPDATE,                                                        \
	    "UPDATE youths SET name = ?2, birth_date = ?3, "                   \
	    "school = ?4, guardian_consent = ?5, "                             \
	    "max_week_minutes = ?6, homes_limited = ?7, "                      \
	    "updated_at = ?8, language = ?9, school_calendar = ?10, "          \
	    "guardian_name = ?11, guardian_email = ?12, email = ?13 "          \
	    "WHERE id = ?1")                                                   \
	X(YOUTH_DELETE, "DELETE FROM youths WHERE id = ?1")                    \
	X(SKILLS_ALL,                                                          \
	    "SELECT youth_id, skill FROM youth_skills "                        \
	    "ORDER BY youth_id, pos")                                          \
	X(SKILL_INSERT,                                                        \
	    "INSERT INTO youth_skills(youth_id, pos, skill) "                  \
	    "VALUES (?1, ?2, ?3)")                                             \
	X(SKILLS_DELETE, "DELETE FROM youth_skills WHERE youth_id = ?1")       \
	X(AVAIL_ALL,                                                           \
	    "SELECT youth_id, days, from_min, to_min FROM "                    \
	    "youth_availability ORDER BY youth_id, pos")                       \
	X(AVAIL_INSERT,                                                        \
	    "INSERT INTO youth_availability(youth_id, pos, "                   \
	    "days, from_min, to_min) VALUES (?1, ?2, ?3, ?4, ?5)")             \
	X(AVAIL_DELETE, "DELETE FROM youth_availability WHERE youth_id = ?1")  \
	X(SPANS_ALL,                                                           \
	    "SELECT youth_id, kind, start, end FROM youth_spans "              \
	    "ORDER BY youth_id, kind, pos")                                    \
	X(SPAN_INSERT,                                                         \
	    "INSERT INTO youth_spans(youth_id, kind, pos, start, "             \
	    "end) VALUES (?1, ?2, ?3, ?4, ?5)")                                \
	X(SPANS_DELETE, "DELETE FROM youth_spans WHERE youth_id = ?1")         \
	X(YHOMES_ALL,                                                          \
	    "SELECT youth_id, home_id FROM youth_homes "                       \
	    "ORDER BY youth_id, pos")                                          \
	X(YHOME_INSERT,                                                        \
	    "INSERT INTO youth_homes(youth_id, pos, home_id) "                 \
	    "VALUES (?1, ?2, ?3)")                                             \
	X(YHOMES_DELETE, "DELETE FROM youth_homes WHERE youth_id = ?1")        \
	X(SLOTS_ALL,                                                           \
	    "SELECT id, home_id, start, end, needed, activity, "               \
	    "min_age FROM slots ORDER BY id")                                  \
	X(SLOT_INSERT,                                                         \
	    "INSERT INTO slots(id, home_id, start, end, needed, "              \
	    "activity, min_age, created_at, updated_at) VALUES "               \
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)")                            \
	X(SLOT_UPDATE,                                                         \
	    "UPDATE slots SET home_id = ?2, start = ?3, end = ?4, "            \
	    "needed = ?5, activity = ?6, min_age = ?7, "                       \
	    "updated_at = ?8 WHERE id = ?1")                                   \
	X(SLOT_DELETE, "DELETE FROM slots WHERE id = ?1")                      \
	X(REQS_ALL,                                                            \
	    "SELECT slot_id, skill, count FROM slot_requires "                 \
	    "ORDER BY slot_id, pos")                                           \
	X(REQ_INSERT,                                                          \
	    "INSERT INTO slot_requires(slot_id, pos, skill, "                  \
	    "count) VALUES (?1, ?2, ?3, ?4)")                                  \
	X(REQS_DELETE, "DELETE FROM slot_requires WHERE slot_id = ?1")         \
	X(ASSIGNMENTS_ALL,                                                     \
	    "SELECT id, slot_id, youth_id, pinned, status, "                   \
	    "made_by, seq, created_at, updated_at FROM "                       \
	    "assignments ORDER BY id")                                         \
	X(ASSIGNMENT_INSERT,                                                   \
	    "INSERT INTO assignments(id, slot_id, "                            \
	    "youth_id, pinned, status, made_by, seq, "                         \
	    "created_at, updated_at) VALUES (?1, ?2, ?3, "                     \
	    "?4, ?5, ?6, ?7, ?8, ?9)")                                         \
	X(ASSIGNMENT_UPDATE,                                                   \
	    "UPDATE assignments SET slot_id = ?2, "                            \
	    "youth_id = ?3, pinned = ?4, status = ?5, "                        \
	    "made_by = ?6, seq = ?7, created_at = ?8, "                        \
	    "updated_at = ?9 WHERE id = ?1")                                   \
	X(ASSIGNMENT_DELETE, "DELETE FROM assignments WHERE id = ?1")          \
	X(TOUCH_SLOT,                                                          \
	    "UPDATE assignments SET seq = ?2, updated_at = ?3 "                \
	    "WHERE slot_id = ?1")                                              \
	X(TOUCH_HOME,                                                          \
	    "UPDATE assignments SET seq = ?2, updated_at = ?3 "                \
	    "WHERE slot_id IN (SELECT id FROM slots WHERE "                    \
	    "home_id = ?1)")                                                   \
	X(TOUCH_YOUTH_SLOTS,                                                   \
	    "UPDATE assignments SET seq = ?2, "                                \
	    "updated_at = ?3 WHERE slot_id IN (SELECT "                        \
	    "slot_id FROM assignments WHERE youth_id = ?1)")                   \
	X(CALENDARS_ALL,                                                       \
	    "SELECT id, name, is_default, school_hours "                       \
	    "FROM school_calendars ORDER BY is_default DESC, pos")             \
	X(CALENDAR_INSERT,                                                     \
	    "INSERT INTO school_calendars(id, name, pos, is_default, "         \
	    "school_hours) VALUES (?1, ?2, ?3, ?4, ?5)")                       \
	X(CALENDARS_DELETE, "DELETE FROM school_calendars")                    \
	X(RANGES_ALL,                                                          \
	    "SELECT calendar_id, kind, date_from, date_to "                    \
	    "FROM school_calendar_ranges ORDER BY calendar_id, kind, pos")     \
	X(RANGE_INSERT,                                                        \
	    "INSERT INTO school_calendar_ranges(calendar_id, kind, pos, "      \
	    "date_from, date_to) VALUES (?1, ?2, ?3, ?4, ?5)")                 \
	X(RANGES_DELETE, "DELETE FROM school_calendar_ranges")                 \
	X(PHOLIDAYS_ALL, "SELECT date FROM public_holidays ORDER BY date")     \
	X(PHOLIDAY_INSERT,                                                     \
	    "INSERT OR IGNORE INTO public_holidays(date) "                     \
	    "VALUES (?1)")                                                     \
	X(PHOLIDAYS_DELETE, "DELETE FROM public_holidays")                     \
	X(COUNT_RANGES, "SELECT count(*) FROM school_calendar_ranges")         \
	X(COUNT_CALENDARS, "SELECT count(*) FROM school_calendars")            \
	X(COUNT_PHOLIDAYS, "SELECT count(*) FROM public_holidays")             \
	X(COUNT_HOMES, "SELECT count(*) FROM homes")                           \
	X(COUNT_YOUTHS, "SELECT count(*) FROM youths")                         \
	X(COUNT_SLOTS, "SELECT count(*) FROM slots")                           \
	X(COUNT_ASSIGNMENTS, "SELECT count(*) FROM assignments")               \
	X(HAS_DATA,                                                            \
	    "SELECT EXISTS (SELECT 1 FROM homes) OR EXISTS "                   \
	    "(SELECT 1 FROM youths) OR EXISTS (SELECT 1 FROM slots)")          \
	X(API_TOKEN_INSERT,                                                    \
	    "INSERT INTO api_tokens(name, hash, created_at) "                  \
	    "VALUES (?1, ?2, ?3)")                                             \
	X(API_TOKEN_REVOKE,                                                    \
	    "UPDATE api_tokens SET revoked_at = ?2 WHERE "                     \
	    "name = ?1 AND revoked_at IS NULL")                                \
	X(API_TOKEN_DROP_REVOKED,                                              \
	    "DELETE FROM api_tokens WHERE name = ?1 "                          \
	    "AND revoked_at IS NOT NULL")                                      \
	X(API_TOKEN_FIND,                                                      \
	    "SELECT name, hash FROM api_tokens WHERE "                         \
	    "hash = ?1 AND revoked_at IS NULL")                                \
	X(FEED_TOKEN_REVOKE,                                                   \
	    "UPDATE feed_tokens SET revoked_at = ?3 WHERE "                    \
	    "kind = ?1 AND subject = ?2 AND revoked_at IS NULL")               \
	X(FEED_TOKEN_INSERT,                                                   \
	    "INSERT INTO feed_tokens(kind, subject, hash, "                    \
	    "created_at) VALUES (?1, ?2, ?3, ?4)")                             \
	X(FEED_TOKEN_REVOKE_ORPHANS,                                           \
	    "UPDATE feed_tokens SET revoked_at = ?1 WHERE "                    \
	    "revoked_at IS NULL AND ((kind = 'youth' AND subject NOT IN "      \
	    "(SELECT id FROM youths)) OR (kind = 'home' AND subject NOT IN "   \
	    "(SELECT id FROM homes)))")                                        \
	X(FEED_TOKEN_FIND,                                                     \
	    "SELECT kind, subject, created_at, "                               \
	    "coalesce(revoked_at, 0), hash FROM feed_tokens "                  \
	    "WHERE hash = ?1 UNION ALL SELECT 'gone', '', withdrawn_at, "      \
	    "withdrawn_at, hash FROM withdrawn_feed_tokens WHERE hash = ?1 "   \
	    "LIMIT 1")                                                         \
	X(FEED_VALIDATOR_GET,                                                  \
	    "SELECT etag, last_modified FROM feed_validators WHERE key = ?1")  \
	X(FEED_VALIDATOR_PUT,                                                  \
	    "INSERT INTO feed_validators(key, etag, last_modified) VALUES "    \
	    "(?1, ?2, ?3) ON CONFLICT(key) DO UPDATE SET etag = "              \
	    "excluded.etag, last_modified = excluded.last_modified")           \
	X(AUDIT_MAYBE_ABOUT_YOUTH,                                             \
	    "SELECT id, at, actor, action, entity, entity_id, before, after "  \
	    "FROM audit_log WHERE " AUDIT_MAYBE_ABOUT " ORDER BY id")          \
	X(AUDIT_REWRITE,                                                       \
	    "UPDATE audit_log SET entity_id = ?2, before = ?3, after = ?4 "    \
	    "WHERE id = ?1")                                                   \
	X(YOUTH_NAME, "SELECT name FROM youths WHERE id = ?1")                 \
	X(ASSIGNMENT_ID_FLOOR,                                                 \
	    "SELECT value FROM counters WHERE name = 'assignment_id'")         \
	X(FEEDS_OF_YOUTH,                                                      \
	    "SELECT json_group_array(json_object('created_at', "               \
	    "created_at, 'revoked_at', revoked_at)) FROM "                     \
	    "feed_tokens WHERE kind = 'youth' AND subject = ?1")               \
	X(ANON_HOURS_INSERT,                                                   \
	    "INSERT INTO anonymous_hours(month, home_id, "                     \
	    "minutes, shifts, purged_at) VALUES (?1, ?2, "                     \
	    "?3, ?4, ?5)")                                                     \
	X(ANON_HOURS_OF_MONTH,                                                 \
	    "SELECT json_group_array(json_object('home', home_id, "            \
	    "'shifts', shifts, 'minutes', minutes)) FROM (SELECT home_id, "    \
	    "sum(shifts) AS shifts, sum(minutes) AS minutes FROM "             \
	    "anonymous_hours WHERE month = ?1 GROUP BY home_id ORDER BY "      \
	    "home_id)")                                                        \
	X(PURGE_ASSIGNMENTS, "DELETE FROM assignments WHERE youth_id = ?1")    \
	X(PURGE_VALIDATORS,                                                    \
	    "DELETE FROM feed_validators WHERE key IN ('ics:youth:' || ?1, "   \
	    "'empty:youth:' || ?1) OR substr(key, 1, length(?1) + 11) = "      \
	    "'ics:youth:' || ?1 || ':'")                                       \
	X(PURGE_WITHDRAW,                                                      \
	    "INSERT OR IGNORE INTO withdrawn_feed_tokens(hash, withdrawn_at) " \
	    "SELECT hash, coalesce(revoked_at, ?2) FROM feed_tokens WHERE "    \
	    "kind = 'youth' AND subject = ?1")                                 \
	X(PURGE_FEED_FLOORS,                                                   \
	    "INSERT INTO feed_validators(key, etag, last_modified) SELECT "    \
	    "'withdrawn:' || lower(hex(substr(t.hash, 1, 16))), '', m.lm "     \
	    "FROM feed_tokens t, (SELECT max(last_modified) AS lm FROM "       \
	    "feed_validators WHERE key = 'ics:youth:' || ?1 OR substr(key, "   \
	    "1, length(?1) + 11) = 'ics:youth:' || ?1 || ':') m WHERE "        \
	    "t.kind = 'youth' AND t.subject = ?1 AND m.lm IS NOT NULL "        \
	    "ON CONFLICT(key) DO UPDATE SET last_modified = "                  \
	    "max(last_modified, excluded.last_modified)")                      \
	X(PURGE_FEEDS,                                                         \
	    "DELETE FROM feed_tokens WHERE kind = 'youth' AND "                \
	    "subject = ?1")                                                    \
	X(AUDIT_INSERT,                                                        \
	    "INSERT INTO audit_log(at, actor, action, entity, "                \
	    "entity_id, before, after) VALUES (?1, ?2, ?3, ?4, "               \
	    "?5, ?6, ?7)")

enum store_stmt_id {
#define STORE_STMT_ENUM(name, sql) STMT_##name,
	STORE_STATEMENTS(STORE_STMT_ENUM)
#undef STORE_STMT_ENUM
	    STMT__COUNT
};

static const char *const store_sql[] = {
#define STORE_STMT_SQL(name, sql) sql,
    STORE_STATEMENTS(STORE_STMT_SQL)
#undef STORE_STMT_SQL
};

#define STORE_CACHED_STMTS 96 /* store_stmt_cached (users.c) */

struct store {
	sqlite3 *db;
	/* The files opened, to notice them deleted or replaced (NULL: none). */
	char *path, *wal_path;
	dev_t dev, wal_dev;
	ino_t ino, wal_ino;
	bool files_lost; /* logged once */
	int read_failed; /* first step error while loading, or 0 */
	sqlite3_stmt *stmt[STMT__COUNT];
	const char *cached_sql[STORE_CACHED_STMTS];
	sqlite3_stmt *cached[STORE_CACHED_STMTS];
};

/* Maps a SQLite failure to a rota error: the one place that does. */
static int
store_fail(struct store *st, int rc, const char *what, struct rotad_error *err)
{
	int base = rc & 0xff;

	log_warnx("store: %s: %s (%d)", what, sqlite3_errmsg(st->db), rc);
	if (base == SQLITE_CONSTRAINT)
		rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
		    "%s conflicts with stored data", what);
	else if (base == SQLITE_BUSY || base == SQLITE_LOCKED)
		rotad_error_set(err, ROTAD_ERR_UNAVAILABLE, NULL,
		    "the database is busy; try again");
	else if (base == SQLITE_IOERR || base == SQLITE_FULL ||
	    base == SQLITE_READONLY || base == SQLITE_CANTOPEN ||
	    base == SQLITE_CORRUPT || base == SQLITE_NOTADB ||
	    base == SQLITE_PROTOCOL || base == SQLITE_NOLFS)
		/* The storage failed, not the request: 503, not 500. */
		rotad_error_set(err, ROTAD_ERR_UNAVAILABLE, NULL,
		    "the database cannot %s: its storage failed (%s)", what,
		    sqlite3_errstr(base));
	else
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the database failed to %s", what);
	return -1;
}

/* The cached statement, reset and unbound, ready to bind. */
static sqlite3_stmt *
stmt_get(struct store *st, enum store_stmt_id id)
{
	sqlite3_stmt *s = st->stmt[id];

	if (s == NULL) {
		int rc = sqlite3_prepare_v3(st->db, store_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &s, NULL);
		if (rc != SQLITE_OK) {
			/* Our own SQL: a failure is a bug or a broken db. */
			fatalx("store: cannot prepare '%s': %s", store_sql[id],
			    sqlite3_errmsg(st->db));
		}
		st->stmt[id] = s;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

static void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void
bind_date(sqlite3_stmt *s, int i, int32_t days)
{
	char buf[CIVIL_DATE_LEN];

	if (days == CIVIL_NO_DATE) {
		sqlite3_bind_null(s, i);
		return;
	}
	civil_format_date(days, buf);
	sqlite3_bind_text(s, i, buf, -1, SQLITE_TRANSIENT);
}

static void
bind_wall(sqlite3_stmt *s, int i, int64_t wall)
{
	char buf[CIVIL_DATETIME_LEN];

	civil_format_datetime(wall, buf);
	sqlite3_bind_text(s, i, buf, -1, SQLITE_TRANSIENT);
}

/* Runs a statement that returns no rows; 0 or -1 with err. */
static int
step_done(struct store *st, sqlite3_stmt *s, const char *what,
    struct rotad_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, what, err);
	return 0;
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
	int32_t d;
	const char *t = (const char *)sqlite3_column_text(s, i);

	if (t == NULL || civil_parse_date(t, &d) == -1)
		return CIVIL_NO_DATE;
	return d;
}

static int64_t
col_wall(sqlite3_stmt *s, int i)
{
	int64_t w = 0;
	const char *t = (const char *)sqlite3_column_text(s, i);

	if (t != NULL)
		(void)civil_parse_datetime(t, &w);
	return w;
}

static int
exec_sql(struct store *st, const char *sql, struct rotad_error *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		log_warnx("store: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the database could not be set up");
		return -1;
	}
	return 0;
}

struct sqlite3 *
store_sqlite(struct store *st)
{
	return st->db;
}

sqlite3_stmt *
store_stmt_cached(struct store *st, const char *sql)
{
	size_t i = 0;

	while (i < STORE_CACHED_STMTS && st->cached_sql[i] != NULL &&
	    st->cached_sql[i] != sql)
		i++;
	if (i == STORE_CACHED_STMTS)
		fatalx("store: more than %d cached statements",
		    STORE_CACHED_STMTS);
	if (st->cached_sql[i] == NULL) {
		if (sqlite3_prepare_v3(st->db, sql, -1,
		        SQLITE_PREPARE_PERSISTENT, &st->cached[i],
		        NULL) != SQLITE_OK)
			fatalx("store: cannot prepare '%s': %s", sql,
			    sqlite3_errmsg(st->db));
		st->cached_sql[i] = sql;
	}
	sqlite3_reset(st->cached[i]);
	sqlite3_clear_bindings(st->cached[i]);
	return st->cached[i];
}

int
store_schema_version(struct store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	return v;
}

static int
store_migrate(struct store *st, struct rotad_error *err)
{
	int have = store_schema_version(st);
	char pragma[64];

	if (have < 0)
		return exec_sql(st, "SELECT error", err);
	if ((size_t)have > store_nmigrations) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the database has schema version %d but this rotad knows "
		    "only up to %zu; use a newer rotad",
		    have, store_nmigrations);
		return -1;
	}
	if ((size_t)have == store_nmigrations)
		return 0;
	if (exec_sql(st, "BEGIN IMMEDIATE", err) == -1)
		return -1;
	for (size_t i = (size_t)have; i < store_nmigrations; i++) {
		log_info(
		    "store: applying migration %s", store_migrations[i].name);
		if (exec_sql(st, store_migrations[i].sql, err) == -1)
			goto fail;
	}
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %zu",
	    store_nmigrations);
	if (exec_sql(st, pragma, err) == -1 ||
	    exec_sql(st, "COMMIT", err) == -1)
		goto fail;
	return 0;
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* True for a path that names no file (":memory:", "", a URI). */
static bool
path_is_file(const char *path)
{
	return path[0] != '\0' && strcmp(path, ":memory:") != 0 &&
	    strncmp(path, "file:", 5) != 0;
}

/*
 * Checks the whole file (PRAGMA integrity_check, first problem only):
 * rotad refuses to serve from a damaged database rather than spread the
 * damage.
 */
static int
store_check_integrity(
    struct store *st, const char *path, struct rotad_error *err)
{
	sqlite3_stmt *s = NULL;
	const char *res;
	int rc;

	rc = sqlite3_prepare_v2(
	    st->db, "PRAGMA integrity_check(1)", -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW &&
	    (res = (const char *)sqlite3_column_text(s, 0)) != NULL &&
	    strcmp(res, "ok") == 0) {
		sqlite3_finalize(s);
		return 0;
	}
	rotad_error_set(err, ROTAD_ERR_UNAVAILABLE, NULL,
	    "the database '%s' is damaged (%s); rotad will not use it: "
	    "restore it from a backup (see docs/ops.md)",
	    path,
	    rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0)
	                     : sqlite3_errmsg(st->db));
	sqlite3_finalize(s);
	return -1;
}

/* Remembers which files are open, to notice them deleted or replaced. */
static void
store_note_files(struct store *st, const char *path)
{
	struct stat sb;
	char *wal;

	if (!path_is_file(path) || stat(path, &sb) == -1)
		return;
	st->path = xstrdup(path);
	st->dev = sb.st_dev;
	st->ino = sb.st_ino;
	wal = xasprintf("%s-wal", path);
	if (stat(wal, &sb) == 0) {
		st->wal_path = wal;
		st->wal_dev = sb.st_dev;
		st->wal_ino = sb.st_ino;
	} else {
		free(wal);
	}
}

int
store_files_ok(struct store *st, struct rotad_error *err)
{
	struct stat sb;
	const char *what = NULL;

	if (st->path == NULL)
		return 0;
	if (stat(st->path, &sb) == -1)
		what = "was deleted";
	else if (sb.st_dev != st->dev || sb.st_ino != st->ino)
		what = "was replaced by another file";
	else if (st->wal_path != NULL && stat(st->wal_path, &sb) == -1)
		what = "lost its write-ahead log (-wal file deleted)";
	else if (st->wal_path != NULL &&
	    (sb.st_dev != st->wal_dev || sb.st_ino != st->wal_ino))
		what = "had its write-ahead log replaced";
	if (what == NULL)
		return 0;
	if (!st->files_lost) {
		st->files_lost = true;
		log_warnx("store: the database '%s' %s while rotad had it "
		          "open; refusing every write and failing /healthz "
		          "until rotad is restarted on a good file",
		    st->path, what);
	}
	rotad_error_set(err, ROTAD_ERR_UNAVAILABLE, NULL,
	    "the database file %s under the running rotad; writes are "
	    "refused until an operator restores it and restarts rotad",
	    what);
	return -1;
}

struct store *
store_open_mode(
    const char *path, enum store_open_mode mode, struct rotad_error *err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	struct stat sb;
	int rc;

	if (mode == STORE_OPEN_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	else if (path_is_file(path) && stat(path, &sb) == -1 &&
	    errno == ENOENT) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
		    "the database '%s' does not exist; to start with a new, "
		    "empty one give --create (if it was lost, restore it "
		    "from a backup instead, see docs/ops.md)",
		    path);
		goto fail;
	}
	rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc != SQLITE_OK) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "cannot open database '%s': %s", path,
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	if (store_check_integrity(st, path, err) == -1)
		goto fail;
	if (exec_sql(st, "PRAGMA journal_mode = WAL", err) == -1 ||
	    exec_sql(st, "PRAGMA foreign_keys = ON", err) == -1 ||
	    exec_sql(st, "PRAGMA synchronous = FULL", err) == -1 ||
	    exec_sql(st, "PRAGMA secure_delete = ON", err) == -1)
		goto fail;
	if (store_migrate(st, err) == -1)
		goto fail;
	store_note_files(st, path);
	return st;
fail:
	store_close(st);
	return NULL;
}

struct store *
store_open_worker(const struct store *main, struct rotad_error *err)
{
	struct store *st;
	int rc;

	if (main->path == NULL) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the database is not a file a worker can open");
		return NULL;
	}
	st = xcalloc(1, sizeof(*st));
	rc = sqlite3_open_v2(main->path, &st->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "cannot open database '%s': %s", main->path,
		    st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		store_close(st);
		return NULL;
	}
	sqlite3_extended_result_codes(st->db, 1);
	/* Off the loop, it may wait longer for the loop's last write. */
	sqlite3_busy_timeout(st->db, STORE_WORKER_BUSY_TIMEOUT_MS);
	if (exec_sql(st, "PRAGMA foreign_keys = ON", err) == -1 ||
	    exec_sql(st, "PRAGMA synchronous = FULL", err) == -1 ||
	    exec_sql(st, "PRAGMA secure_delete = ON", err) == -1) {
		store_close(st);
		return NULL;
	}
	store_note_files(st, main->path);
	return st;
}

void
store_set_wait(struct store *st, bool wait)
{
	sqlite3_busy_timeout(st->db, wait ? STORE_BUSY_TIMEOUT_MS : 0);
}

struct store *
store_open(const char *path, struct rotad_error *err)
{
	return store_open_mode(path, STORE_OPEN_CREATE, err);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (size_t i = 0; i < STMT__COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	for (size_t i = 0; i < STORE_CACHED_STMTS; i++)
		sqlite3_finalize(st->cached[i]);
	sqlite3_close(st->db);
	free(st->path);
	free(st->wal_path);
	free(st);
}

int
store_begin(struct store *st, struct rotad_error *err)
{
	if (store_files_ok(st, err) == -1)
		return -1;
	return step_done(
	    st, stmt_get(st, STMT_BEGIN), "begin a transaction", err);
}

int
store_commit(struct store *st, struct rotad_error *err)
{
	if (step_done(st, stmt_get(st, STMT_COMMIT), "commit", err) == -1) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_ping(struct store *st)
{
	struct rotad_error err;
	sqlite3_stmt *s;
	int rc;

	if (store_files_ok(st, &err) == -1)
		return -1;
	s = stmt_get(st, STMT_PING);
	rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int64_t
store_size_bytes(struct store *st)
{
	sqlite3_stmt *s;
	int64_t n = -1;

	if (sqlite3_prepare_v2(st->db,
	        "SELECT page_count * page_size FROM pragma_page_count(), "
	        "pragma_page_size()",
	        -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	return n;
}

/* ---- settings ---- */

/*
 * sqlite3_step for the loading loops: 1 for a row, 0 at the end or on an
 * error, which is remembered so that store_load_instance() fails rather
 * than return (and cache) a partial instance.
 */
static int
read_row(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE && st->read_failed == 0)
		st->read_failed = rc;
	return 0;
}

static char *
setting_get(struct store *st, const char *key)
{
	sqlite3_stmt *s = stmt_get(st, STMT_SETTING_GET);
	char *v = NULL;

	bind_text(s, 1, key);
	if (read_row(st, s))
		v = col_dup(s, 0);
	sqlite3_reset(s);
	return v;
}

static int
setting_put(struct store *st, const char *key, const char *value,
    struct rotad_error *err)
{
	sqlite3_stmt *s;

	if (value == NULL) {
		s = stmt_get(st, STMT_SETTING_DEL);
		bind_text(s, 1, key);
		return step_done(st, s, "delete a setting", err);
	}
	s = stmt_get(st, STMT_SETTING_PUT);
	bind_text(s, 1, key);
	bind_text(s, 2, value);
	return step_done(st, s, "store a setting", err);
}

static int
setting_put_int(
    struct store *st, const char *key, long v, struct rotad_error *err)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	return setting_put(st, key, buf, err);
}

/* rule_options are kept as one JSON object text. */
static char *
rule_options_text(const struct model_instance *inst)
{
	json_t *o = json_object();
	char *text;

	for (size_t i = 0; i < inst->nrule_options; i++) {
		const struct model_rule_option *r = &inst->rule_options[i];
		json_t *v = r->kind == MODEL_OPTION_BOOL ? json_boolean(r->b)
		    : r->kind == MODEL_OPTION_INT        ? json_integer(r->i)
		                                         : json_string(r->s);
		json_object_set_new(o, r->name, v);
	}
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (text == NULL)
		fatalx("%s: out of memory", __func__);
	return text;
}

static void
rule_options_load(struct model_instance *inst, const char *text)
{
	json_t *o = json_loads(text, 0, NULL);
	const char *key;
	json_t *v;

	if (!json_is_object(o)) {
		json_decref(o);
		return;
	}
	inst->rule_options =
	    xcalloc(json_object_size(o) + 1, sizeof(*inst->rule_options));
	json_object_foreach(o, key, v)
	{
		struct model_rule_option *r =
		    &inst->rule_options[inst->nrule_options];
		r->name = xstrdup(key);
		if (json_is_boolean(v)) {
			r->kind = MODEL_OPTION_BOOL;
			r->b = json_is_true(v);
		} else if (json_is_integer(v)) {
			r->kind = MODEL_OPTION_INT;
			r->i = (long)json_integer_value(v);
		} else {
			r->kind = MODEL_OPTION_STRING;
			r->s = xstrdup(
			    json_is_string(v) ? json_string_value(v) : "");
		}
		inst->nrule_options++;
	}
	json_decref(o);
}

int
store_settings_replace(struct store *st, const struct model_instance *inst,
    struct rotad_error *err)
{
	char *opts = rule_options_text(inst);
	sqlite3_stmt *s;
	int rc;

	rc = setting_put(st, "jurisdiction", inst->jurisdiction, err);
	if (rc == 0)
		rc = setting_put(st, "timezone", inst->timezone, err);
	if (rc == 0) /* NULL deletes it: the jurisdiction's language */
		rc = setting_put(st, "language", inst->language, err);
	if (rc == 0)
		rc = setting_put(st, "rule_options", opts, err);
	if (rc == 0)
		rc = setting_put_int(
		    st, "travel_minutes", inst->travel_minutes, err);
	if (rc == 0)
		rc = setting_put_int(st, "seconds", inst->seconds, err);
	if (rc == 0)
		rc = setting_put(st, "claims_need_approval",
		    inst->claims_need_approval ? "1" : "0", err);
	if (rc == 0)
		rc = setting_put(st, "publish",
		    inst->publish_manual ? "manual" : "immediate", err);
	if (rc == 0)
		rc = setting_put(st, "mail_quiet_hours",
		    inst->mail_quiet_hours_off ? "0" : "1", err);
	if (rc == 0)
		rc = setting_put(st, "mail_urgent_in_quiet_hours",
		    inst->mail_urgent_in_quiet_hours_off ? "0" : "1", err);
	if (rc == 0)
		rc = setting_put(st, "public_holidays_set",
		    inst->public_holidays_set ? "1" : "0", err);
	free(opts);
	if (rc == -1)
		return -1;
	if (step_done(st, stmt_get(st, STMT_PHOLIDAYS_DELETE),
	        "clear public holidays", err) == -1)
		return -1;
	for (size_t i = 0; i < inst->npublic_holidays; i++) {
		s = stmt_get(st, STMT_PHOLIDAY_INSERT);
		bind_date(s, 1, inst->public_holidays[i]);
		if (step_done(st, s, "store a public holiday", err) == -1)
			return -1;
	}
	return 0;
}

/* One calendar's row and ranges (is_default: index 0). */
static int
calendar_write(struct store *st, const struct model_school_calendar *c,
    size_t pos, struct rotad_error *err)
{
	char hours[2 * CIVIL_HM_LEN + 1];
	const char *id = model_calendar_id(c);
	sqlite3_stmt *s = stmt_get(st, STMT_CALENDAR_INSERT);

	bind_text(s, 1, id);
	bind_text(s, 2, c->name);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)pos);
	sqlite3_bind_int(s, 4, pos == 0);
	if (c->has_school_hours) {
		civil_format_hm(c->school_start, hours);
		hours[CIVIL_HM_LEN - 1] = '-';
		civil_format_hm(c->school_end, hours + CIVIL_HM_LEN);
		bind_text(s, 5, hours);
	} else {
		sqlite3_bind_null(s, 5);
	}
	if (step_done(st, s, "store the school calendar", err) == -1)
		return -1;
	for (size_t k = 0; k < 2; k++) {
		const struct model_date_range *r = k ? c->holidays : c->terms;
		size_t n = k ? c->nholidays : c->nterms;
		for (size_t i = 0; i < n; i++) {
			s = stmt_get(st, STMT_RANGE_INSERT);
			bind_text(s, 1, id);
			bind_text(s, 2, k ? "holiday" : "term");
			sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
			bind_date(s, 4, r[i].from);
			bind_date(s, 5, r[i].to);
			if (step_done(
			        st, s, "store the school calendar", err) == -1)
				return -1;
		}
	}
	return 0;
}

int
store_school_calendar_replace(struct store *st,
    const struct model_instance *inst, struct rotad_error *err)
{
	if (step_done(st, stmt_get(st, STMT_RANGES_DELETE),
	        "clear the school calendar", err) == -1 ||
	    step_done(st, stmt_get(st, STMT_CALENDARS_DELETE),
	        "clear the school calendar", err) == -1)
		return -1;
	for (size_t i = 0; i < model_calendar_count(inst); i++)
		if (calendar_write(st, model_calendar_at(inst, i), i, err) ==
		    -1)
			return -1;
	return 0;
}

/* ---- loading ---- */

/* Position of id in a sorted array of entities, or -1. */
#define FIND_SORTED(arr, n, key, out)                                          \
	do {                                                                   \
		size_t lo_ = 0, hi_ = (n);                                     \
		(out) = -1;                                                    \
		while (lo_ < hi_) {                                            \
			size_t mid_ = lo_ + (hi_ - lo_) / 2;                   \
			int c_ = strcmp((arr)[mid_].id, (key));                \
			if (c_ == 0) {                                         \
				(out) = (long)mid_;                            \
				break;                                         \
			}                                                      \
			if (c_ < 0)                                            \
				lo_ = mid_ + 1;                                \
			else                                                   \
				hi_ = mid_;                                    \
		}                                                              \
	} while (0)

/* The row count of one table, through its prepared COUNT_* statement. */
static size_t
count_rows(struct store *st, enum store_stmt_id id)
{
	sqlite3_stmt *s = stmt_get(st, id);
	size_t n = 0;
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		n = (size_t)sqlite3_column_int64(s, 0);
	else if (st->read_failed == 0)
		st->read_failed = rc; /* a count always has a row */
	sqlite3_reset(s);
	return n;
}

static void
load_settings(struct store *st, struct model_instance *inst)
{
	char *v;

	if ((v = setting_get(st, "jurisdiction")) != NULL) {
		free(inst->jurisdiction);
		inst->jurisdiction = v;
	}
	if ((v = setting_get(st, "timezone")) != NULL) {
		free(inst->timezone);
		inst->timezone = v;
	}
	if ((v = setting_get(st, "language")) != NULL) {
		free(inst->language);
		inst->language = v;
	}
	if ((v = setting_get(st, "rule_options")) != NULL) {
		rule_options_load(inst, v);
		free(v);
	}
	if ((v = setting_get(st, "travel_minutes")) != NULL) {
		inst->travel_minutes = (int)strtol(v, NULL, 10);
		free(v);
	}
	if ((v = setting_get(st, "seconds")) != NULL) {
		inst->seconds = (int)strtol(v, NULL, 10);
		free(v);
	}
	if ((v = setting_get(st, "claims_need_approval")) != NULL) {
		inst->claims_need_approval = strcmp(v, "1") == 0;
		free(v);
	}
	if ((v = setting_get(st, "publish")) != NULL) {
		inst->publish_manual = strcmp(v, "manual") == 0;
		free(v);
	}
	if ((v = setting_get(st, "mail_quiet_hours")) != NULL) {
		inst->mail_quiet_hours_off = strcmp(v, "0") == 0;
		free(v);
	}
	if ((v = setting_get(st, "mail_urgent_in_quiet_hours")) != NULL) {
		inst->mail_urgent_in_quiet_hours_off = strcmp(v, "0") == 0;
		free(v);
	}
	if ((v = setting_get(st, "public_holidays_set")) != NULL) {
		inst->public_holidays_set = strcmp(v, "1") == 0;
		free(v);
	}
}

/* "HH:MM-HH:MM" into a calendar's lesson hours. */
static void
school_hours_load(struct model_school_calendar *c, const char *text)
{
	char v[12];
	int a, b;

	if (text == NULL || strlen(text) != 11 || text[5] != '-')
		return;
	memcpy(v, text, sizeof(v));
	v[5] = '\0';
	if (civil_parse_hm(v, false, &a) == 0 &&
	    civil_parse_hm(v + 6, true, &b) == 0) {
		c->has_school_hours = true;
		c->school_start = a;
		c->school_end = b;
	}
}

static void
load_calendar(struct store *st, struct model_instance *inst)
{
	size_t n = count_rows(st, STMT_COUNT_CALENDARS), nr;
	sqlite3_stmt *s;
	bool have_default = false;

	inst->school_calendars =
	    xcalloc(n + 1, sizeof(*inst->school_calendars));
	s = stmt_get(st, STMT_CALENDARS_ALL);
	while (read_row(st, s)) {
		struct model_school_calendar *c;
		if (sqlite3_column_int(s, 2) != 0 && !have_default) {
			c = &inst->school_calendar;
			have_default = true;
		} else if (inst->nschool_calendars < n) {
			c = &inst->school_calendars[inst->nschool_calendars++];
		} else {
			continue;
		}
		c->id = col_dup(s, 0);
		c->name = sqlite3_column_type(s, 1) == SQLITE_NULL
		    ? NULL
		    : col_dup(s, 1);
		school_hours_load(c, (const char *)sqlite3_column_text(s, 3));
	}
	sqlite3_reset(s);

	/* Each calendar's ranges; there are few calendars. */
	nr = count_rows(st, STMT_COUNT_RANGES);
	for (size_t i = 0; i < model_calendar_count(inst); i++) {
		struct model_school_calendar *c =
		    (struct model_school_calendar *)model_calendar_at(inst, i);
		c->terms = xcalloc(nr + 1, sizeof(*c->terms));
		c->holidays = xcalloc(nr + 1, sizeof(*c->holidays));
	}
	s = stmt_get(st, STMT_RANGES_ALL);
	while (read_row(st, s)) {
		const char *cid = (const char *)sqlite3_column_text(s, 0);
		const char *kind = (const char *)sqlite3_column_text(s, 1);
		struct model_date_range r = {col_date(s, 2), col_date(s, 3)};
		long ci = model_find_calendar(inst, cid);
		struct model_school_calendar *c;
		if (ci < 0)
			continue;
		c = (struct model_school_calendar *)model_calendar_at(
		    inst, (size_t)ci);
		if (kind && strcmp(kind, "term") == 0)
			c->terms[c->nterms++] = r;
		else
			c->holidays[c->nholidays++] = r;
	}
	sqlite3_reset(s);

	n = count_rows(st, STMT_COUNT_PHOLIDAYS);
	inst->public_holidays = xcalloc(n + 1, sizeof(*inst->public_holidays));
	s = stmt_get(st, STMT_PHOLIDAYS_ALL);
	while (read_row(st, s))
		inst->public_holidays[inst->npublic_holidays++] =
		    col_date(s, 0);
	sqlite3_reset(s);
}

static void
load_homes(struct store *st, struct model_instance *inst)
{
	size_t n = count_rows(st, STMT_COUNT_HOMES);
	sqlite3_stmt *s = stmt_get(st, STMT_HOMES_ALL);

	inst->homes = xcalloc(n + 1, sizeof(*inst->homes));
	while (read_row(st, s) && inst->nhomes < n) {
		struct model_home *h = &inst->homes[inst->nhomes++];
		h->id = col_dup(s, 0);
		h->name = col_dup(s, 1);
		h->address = col_dup(s, 2);
		h->region = sqlite3_column_type(s, 3) == SQLITE_NULL
		    ? NULL
		    : col_dup(s, 3);
		h->school_calendar = sqlite3_column_type(s, 4) == SQLITE_NULL
		    ? NULL
		    : col_dup(s, 4);
	}
	sqlite3_reset(s);
}

static enum model_school
school_from_text(const char *t)
{
	if (t && strcmp(t, "compulsory") == 0)
		return MODEL_SCHOOL_COMPULSORY;
	if (t && strcmp(t, "secondary") == 0)
		return MODEL_SCHOOL_SECONDARY;
	return MODEL_SCHOOL_NONE;
}

static const char *
school_text(enum model_school s)
{
	switch (s) {
	case MODEL_SCHOOL_COMPULSORY:
		return "compulsory";
	case MODEL_SCHOOL_SECONDARY:
		return "secondary";
	case MODEL_SCHOOL_NONE:
		break;
	}
	return "none";
}

/* Appends to a growable array of n elements of size sz. */
static void *
grow(void *arr, size_t n, size_t sz)
{
	return xreallocarray(arr, n + 1, sz);
}

static void
load_youths(struct store *st, struct model_instance *inst)
{
	size_t n = count_rows(st, STMT_COUNT_YOUTHS);
	sqlite3_stmt *s = stmt_get(st, STMT_YOUTHS_ALL);
	long k;

	inst->youths = xcalloc(n + 1, sizeof(*inst->youths));
	while (read_row(st, s) && inst->nyouths < n) {
		struct model_youth *y = &inst->youths[inst->nyouths++];
		y->id = col_dup(s, 0);
		y->name = col_dup(s, 1);
		y->birth_date = col_date(s, 2);
		y->school =
		    school_from_text((const char *)sqlite3_column_text(s, 3));
		y->guardian_consent = col_date(s, 4);
		y->max_week_minutes = sqlite3_column_type(s, 5) == SQLITE_NULL
		    ? -1
		    : sqlite3_column_int(s, 5);
		y->homes_limited = sqlite3_column_int(s, 6) != 0;
		y->language = sqlite3_column_type(s, 7) == SQLITE_NULL
		    ? NULL
		    : col_dup(s, 7);
		y->school_calendar = sqlite3_column_type(s, 8) == SQLITE_NULL
		    ? NULL
		    : col_dup(s, 8);
		y->guardian_name = sqlite3_column_type(s, 9) == SQLITE_NULL
		    ? NULL
		    : col_dup(s, 9);
		y->guardian_email = sqlite3_column_type(s, 10) == SQLITE_NULL
		    ? NULL
		    : col_dup(s, 10);
		y->email = sqlite3_column_type(s, 11) == SQLITE_NULL
		    ? NULL
		    : col_dup(s, 11);
	}
	sqlite3_reset(s);

	s = stmt_get(st, STMT_SKILLS_ALL);
	while (read_row(st, s)) {
		FIND_SORTED(inst->youths, inst->nyouths,
		    (const char *)sqlite3_column_text(s, 0), k);
		if (k < 0)
			continue;
		struct model_youth *y = &inst->youths[k];
		y->skills = grow(y->skills, y->nskills, sizeof(*y->skills));
		y->skills[y->nskills++] = col_dup(s, 1);
	}
	sqlite3_reset(s);

	s = stmt_get(st, STMT_AVAIL_ALL);
	while (read_row(st, s)) {
		FIND_SORTED(inst->youths, inst->nyouths,
		    (const char *)sqlite3_column_text(s, 0), k);
		if (k < 0)
			continue;
		struct model_youth *y = &inst->youths[k];
		y->availability = grow(y->availability, y->navailability,
		    sizeof(*y->availability));
		y->availability[y->navailability++] =
		    (struct model_weekly_window){
		        (unsigned)sqlite3_column_int(s, 1),
		        sqlite3_column_int(s, 2), sqlite3_column_int(s, 3)};
	}
	sqlite3_reset(s);

	s = stmt_get(st, STMT_SPANS_ALL);
	while (read_row(st, s)) {
		FIND_SORTED(inst->youths, inst->nyouths,
		    (const char *)sqlite3_column_text(s, 0), k);
		if (k < 0)
			continue;
		struct model_youth *y = &inst->youths[k];
		struct model_span sp = {col_wall(s, 2), col_wall(s, 3)};
		const char *kind = (const char *)sqlite3_column_text(s, 1);
		if (kind && strcmp(kind, "other_work") == 0) {
			y->other_work = grow(y->other_work, y->nother_work,
			    sizeof(*y->other_work));
			y->other_work[y->nother_work++] = sp;
		} else {
			y->unavailable = grow(y->unavailable, y->nunavailable,
			    sizeof(*y->unavailable));
			y->unavailable[y->nunavailable++] = sp;
		}
	}
	sqlite3_reset(s);

	s = stmt_get(st, STMT_YHOMES_ALL);
	while (read_row(st, s)) {
		FIND_SORTED(inst->youths, inst->nyouths,
		    (const char *)sqlite3_column_text(s, 0), k);
		if (k < 0)
			continue;
		struct model_youth *y = &inst->youths[k];
		y->homes = grow(y->homes, y->nhomes, sizeof(*y->homes));
		y->homes[y->nhomes++] = col_dup(s, 1);
	}
	sqlite3_reset(s);
}

static void
load_slots(struct store *st, struct model_instance *inst)
{
	size_t n = count_rows(st, STMT_COUNT_SLOTS);
	sqlite3_stmt *s = stmt_get(st, STMT_SLOTS_ALL);
	long k;

	inst->slots = xcalloc(n + 1, sizeof(*inst->slots));
	while (read_row(st, s) && inst->nslots < n) {
		struct model_slot *sl = &inst->slots[inst->nslots++];
		sl->id = col_dup(s, 0);
		sl->home = col_dup(s, 1);
		sl->start = col_wall(s, 2);
		sl->end = col_wall(s, 3);
		sl->needed = sqlite3_column_int(s, 4);
		sl->activity = col_dup(s, 5);
		sl->min_age = sqlite3_column_int(s, 6);
	}
	sqlite3_reset(s);

	s = stmt_get(st, STMT_REQS_ALL);
	while (read_row(st, s)) {
		FIND_SORTED(inst->slots, inst->nslots,
		    (const char *)sqlite3_column_text(s, 0), k);
		if (k < 0)
			continue;
		struct model_slot *sl = &inst->slots[k];
		sl->requires =
		    grow(sl->requires, sl->nrequires, sizeof(*sl->requires));
		sl->requires[sl->nrequires].skill = col_dup(s, 1);
		sl->requires[sl->nrequires].count = sqlite3_column_int(s, 2);
		sl->nrequires++;
	}
	sqlite3_reset(s);
}

static void
load_assignments(struct store *st, struct model_instance *inst)
{
	size_t n = count_rows(st, STMT_COUNT_ASSIGNMENTS);
	sqlite3_stmt *s = stmt_get(st, STMT_ASSIGNMENTS_ALL);

	inst->assignments = xcalloc(n + 1, sizeof(*inst->assignments));
	while (read_row(st, s) && inst->nassignments < n) {
		struct model_assignment *a =
		    &inst->assignments[inst->nassignments++];
		const char *status = (const char *)sqlite3_column_text(s, 4);
		const char *made_by = (const char *)sqlite3_column_text(s, 5);
		a->id = col_dup(s, 0);
		a->slot = col_dup(s, 1);
		a->youth = col_dup(s, 2);
		a->pinned = sqlite3_column_int(s, 3) != 0;
		a->status = status && strcmp(status, "cancelled") == 0
		    ? MODEL_ASSIGNMENT_CANCELLED
		    : MODEL_ASSIGNMENT_ACTIVE;
		a->made_by = made_by && strcmp(made_by, "solver") == 0
		    ? MODEL_MADE_BY_SOLVER
		    : MODEL_MADE_BY_COORDINATOR;
		a->seq = sqlite3_column_int64(s, 6);
		a->created_at = sqlite3_column_int64(s, 7);
		a->updated_at = sqlite3_column_int64(s, 8);
	}
	sqlite3_reset(s);
}

int
store_load_instance(
    struct store *st, struct model_instance **out, struct rotad_error *err)
{
	struct model_instance *inst = model_instance_new();
	char field[128], msg[256];
	int rc;

	/* One read transaction, so the snapshot is consistent. */
	if ((rc = sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		model_instance_free(inst);
		return store_fail(st, rc, "read the schedule", err);
	}
	st->read_failed = 0;
	load_settings(st, inst);
	load_calendar(st, inst);
	load_homes(st, inst);
	load_youths(st, inst);
	load_slots(st, inst);
	load_assignments(st, inst);
	if (store_series_mark_cancelled(st, inst) == -1) /* issue 15 */
		st->read_failed = SQLITE_ERROR;
	rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (st->read_failed != 0 || rc != SQLITE_OK) {
		int code = st->read_failed ? st->read_failed : rc;
		store_rollback(st);
		model_instance_free(inst);
		return store_fail(st, code, "read the schedule", err);
	}
	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) ==
	    -1) {
		/* Foreign keys make this impossible; say so loudly. */
		log_warnx(
		    "store: stored data does not link: %s: %s", field, msg);
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "stored data is inconsistent");
		model_instance_free(inst);
		return -1;
	}
	*out = inst;
	return 0;
}

bool
store_has_data(struct store *st)
{
	sqlite3_stmt *s = stmt_get(st, STMT_HAS_DATA);
	bool has = false;

	if (sqlite3_step(s) == SQLITE_ROW)
		has = sqlite3_column_int(s, 0) != 0;
	sqlite3_reset(s);
	return has;
}

/* ---- entity writes ---- */

/* An update or delete that touched no row names an unknown id. */
static int
expect_change(
    struct store *st, const char *what, const char *id, struct rotad_error *err)
{
	if (sqlite3_changes(st->db) == 0) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
		    "no %s has id '%s'", what, id);
		return -1;
	}
	return 0;
}

/* Insert conflicts on the primary key become a readable 409. */
static int
insert_done(struct store *st, sqlite3_stmt *s, const char *what, const char *id,
    struct rotad_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
	    rc == SQLITE_CONSTRAINT_UNIQUE) {
		rotad_error_set(err, ROTAD_ERR_CONFLICT, "id",
		    "a %s with id '%s' exists already", what, id);
		return -1;
	}
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
		rotad_error_set(err, ROTAD_ERR_UNKNOWN_REFERENCE, NULL,
		    "the %s '%s' refers to something that does not exist", what,
		    id);
		return -1;
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, what, err);
	return 0;
}

static void
bind_home(sqlite3_stmt *s, const struct model_home *h, int64_t now)
{
	bind_text(s, 1, h->id);
	bind_text(s, 2, h->name);
	bind_text(s, 3, h->address);
	sqlite3_bind_int64(s, 4, now);
	bind_text(s, 5, h->region);
	bind_text(s, 6, h->school_calendar);
}

int
store_home_insert(struct store *st, const struct model_home *h, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_HOME_INSERT);

	bind_home(s, h, now);
	return insert_done(st, s, "home", h->id, err);
}

int
store_home_update(struct store *st, const struct model_home *h, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_HOME_UPDATE);

	bind_home(s, h, now);
	if (step_done(st, s, "update a home", err) == -1)
		return -1;
	return expect_change(st, "home", h->id, err);
}

/* Deletes that a foreign key blocks become a 409 that says why. */
static int
delete_done(struct store *st, sqlite3_stmt *s, const char *what, const char *id,
    const char *blocker, struct rotad_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
		    "the %s '%s' still has %s; remove them first", what, id,
		    blocker);
		return -1;
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, what, err);
	return expect_change(st, what, id, err);
}

int
store_home_delete(struct store *st, const char *id, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_HOME_DELETE);

	bind_text(s, 1, id);
	return delete_done(
	    st, s, "home", id, "slots or youths allowed there", err);
}

static void
bind_youth(sqlite3_stmt *s, const struct model_youth *y, int64_t now)
{
	bind_text(s, 1, y->id);
	bind_text(s, 2, y->name);
	bind_date(s, 3, y->birth_date);
	bind_text(s, 4, school_text(y->school));
	bind_date(s, 5, y->guardian_consent);
	if (y->max_week_minutes < 0)
		sqlite3_bind_null(s, 6);
	else
		sqlite3_bind_int(s, 6, y->max_week_minutes);
	sqlite3_bind_int(s, 7, y->homes_limited);
	sqlite3_bind_int64(s, 8, now);
	if (y->language == NULL)
		sqlite3_bind_null(s, 9);
	else
		bind_text(s, 9, y->language);
	bind_text(s, 10, y->school_calendar);
	bind_text(s, 11, y->guardian_name);
	bind_text(s, 12, y->guardian_email);
	bind_text(s, 13, y->email);
}

static int
youth_children_write(
    struct store *st, const struct model_youth *y, struct rotad_error *err)
{
	static const enum store_stmt_id clear[] = {STMT_SKILLS_DELETE,
	    STMT_AVAIL_DELETE, STMT_SPANS_DELETE, STMT_YHOMES_DELETE};
	sqlite3_stmt *s;

	for (size_t i = 0; i < sizeof(clear) / sizeof(clear[0]); i++) {
		s = stmt_get(st, clear[i]);
		bind_text(s, 1, y->id);
		if (step_done(st, s, "update a youth", err) == -1)
			return -1;
	}
	for (size_t i = 0; i < y->nskills; i++) {
		s = stmt_get(st, STMT_SKILL_INSERT);
		bind_text(s, 1, y->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		bind_text(s, 3, y->skills[i]);
		if (step_done(st, s, "store a skill", err) == -1)
			return -1;
	}
	for (size_t i = 0; i < y->navailability; i++) {
		s = stmt_get(st, STMT_AVAIL_INSERT);
		bind_text(s, 1, y->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		sqlite3_bind_int(s, 3, (int)y->availability[i].days);
		sqlite3_bind_int(s, 4, y->availability[i].from);
		sqlite3_bind_int(s, 5, y->availability[i].to);
		if (step_done(st, s, "store availability", err) == -1)
			return -1;
	}
	for (size_t k = 0; k < 2; k++) {
		const struct model_span *sp =
		    k ? y->other_work : y->unavailable;
		size_t n = k ? y->nother_work : y->nunavailable;
		for (size_t i = 0; i < n; i++) {
			s = stmt_get(st, STMT_SPAN_INSERT);
			bind_text(s, 1, y->id);
			bind_text(s, 2, k ? "other_work" : "unavailable");
			sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
			bind_wall(s, 4, sp[i].start);
			bind_wall(s, 5, sp[i].end);
			if (step_done(st, s, "store a time range", err) == -1)
				return -1;
		}
	}
	for (size_t i = 0; i < y->nhomes; i++) {
		s = stmt_get(st, STMT_YHOME_INSERT);
		bind_text(s, 1, y->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		bind_text(s, 3, y->homes[i]);
		if (insert_done(
		        st, s, "youth's allowed home", y->homes[i], err) == -1)
			return -1;
	}
	return 0;
}

int
store_youth_insert(struct store *st, const struct model_youth *y, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_YOUTH_INSERT);

	bind_youth(s, y, now);
	if (insert_done(st, s, "youth", y->id, err) == -1)
		return -1;
	return youth_children_write(st, y, err);
}

int
store_youth_update(struct store *st, const struct model_youth *y, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_YOUTH_UPDATE);

	bind_youth(s, y, now);
	if (step_done(st, s, "update a youth", err) == -1 ||
	    expect_change(st, "youth", y->id, err) == -1)
		return -1;
	return youth_children_write(st, y, err);
}

int
store_youth_delete(struct store *st, const char *id, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_YOUTH_DELETE);

	bind_text(s, 1, id);
	return delete_done(st, s, "youth", id, "assignments", err);
}

static void
bind_slot(sqlite3_stmt *s, const struct model_slot *sl, int64_t now)
{
	bind_text(s, 1, sl->id);
	bind_text(s, 2, sl->home);
	bind_wall(s, 3, sl->start);
	bind_wall(s, 4, sl->end);
	sqlite3_bind_int(s, 5, sl->needed);
	bind_text(s, 6, sl->activity);
	sqlite3_bind_int(s, 7, sl->min_age);
	sqlite3_bind_int64(s, 8, now);
}

static int
slot_requires_write(
    struct store *st, const struct model_slot *sl, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_REQS_DELETE);

	bind_text(s, 1, sl->id);
	if (step_done(st, s, "update a slot", err) == -1)
		return -1;
	for (size_t i = 0; i < sl->nrequires; i++) {
		s = stmt_get(st, STMT_REQ_INSERT);
		bind_text(s, 1, sl->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		bind_text(s, 3, sl->requires[i].skill);
		sqlite3_bind_int(s, 4, sl->requires[i].count);
		if (step_done(st, s, "store a skill requirement", err) == -1)
			return -1;
	}
	return 0;
}

int
store_slot_insert(struct store *st, const struct model_slot *sl, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_SLOT_INSERT);

	bind_slot(s, sl, now);
	if (insert_done(st, s, "slot", sl->id, err) == -1)
		return -1;
	return slot_requires_write(st, sl, err);
}

int
store_slot_update(struct store *st, const struct model_slot *sl, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_SLOT_UPDATE);

	bind_slot(s, sl, now);
	if (step_done(st, s, "update a slot", err) == -1 ||
	    expect_change(st, "slot", sl->id, err) == -1)
		return -1;
	return slot_requires_write(st, sl, err);
}

int
store_slot_delete(struct store *st, const char *id, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_SLOT_DELETE);

	bind_text(s, 1, id);
	return delete_done(st, s, "slot", id, "assignments", err);
}

static void
bind_assignment(sqlite3_stmt *s, const struct model_assignment *a)
{
	bind_text(s, 1, a->id);
	bind_text(s, 2, a->slot);
	bind_text(s, 3, a->youth);
	sqlite3_bind_int(s, 4, a->pinned);
	bind_text(s, 5,
	    a->status == MODEL_ASSIGNMENT_CANCELLED ? "cancelled" : "active");
	bind_text(s, 6,
	    a->made_by == MODEL_MADE_BY_SOLVER ? "solver" : "coordinator");
	sqlite3_bind_int64(s, 7, a->seq);
	sqlite3_bind_int64(s, 8, a->created_at);
	sqlite3_bind_int64(s, 9, a->updated_at);
}

int
store_assignment_insert(
    struct store *st, const struct model_assignment *a, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_ASSIGNMENT_INSERT);

	bind_assignment(s, a);
	return insert_done(st, s, "assignment", a->id, err);
}

int
store_assignment_update(
    struct store *st, const struct model_assignment *a, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_ASSIGNMENT_UPDATE);
	int rc;

	bind_assignment(s, a);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
		    "youth '%s' is already on slot '%s'", a->youth, a->slot);
		return -1;
	}
	if (rc != SQLITE_DONE)
		return store_fail(st, rc, "update an assignment", err);
	return expect_change(st, "assignment", a->id, err);
}

int
store_assignment_delete(
    struct store *st, const char *id, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_ASSIGNMENT_DELETE);

	bind_text(s, 1, id);
	return delete_done(st, s, "assignment", id, "references", err);
}

int
store_assignments_touch(struct store *st, enum store_touch what, const char *id,
    int64_t now, struct rotad_error *err)
{
	static const enum store_stmt_id stmt[] = {
	    STMT_TOUCH_SLOT, STMT_TOUCH_HOME, STMT_TOUCH_YOUTH_SLOTS};
	int64_t seq = store_next_seq(st, err);
	sqlite3_stmt *s;

	if (seq < 0)
		return -1;
	s = stmt_get(st, stmt[what]);
	bind_text(s, 1, id);
	sqlite3_bind_int64(s, 2, seq);
	sqlite3_bind_int64(s, 3, now);
	return step_done(st, s, "update assignment versions", err);
}

int64_t
store_assignment_id_floor(struct store *st)
{
	sqlite3_stmt *s = stmt_get(st, STMT_ASSIGNMENT_ID_FLOOR);
	int64_t n = 0;

	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n < 0 ? 0 : n;
}

/* N of an id "aN" (at most 15 digits), else 0. */
static int64_t
assignment_id_number(const char *id)
{
	size_t len = id ? strlen(id) : 0;

	if (len < 2 || len > 16 || id[0] != 'a' ||
	    strspn(id + 1, "0123456789") != len - 1)
		return 0;
	return strtoll(id + 1, NULL, 10);
}

int64_t
store_next_seq(struct store *st, struct rotad_error *err)
{
	char *v = setting_get(st, "assignment_seq");
	int64_t next = (v ? strtoll(v, NULL, 10) : 0) + 1;
	char buf[32];

	free(v);
	snprintf(buf, sizeof(buf), "%lld", (long long)next);
	if (setting_put(st, "assignment_seq", buf, err) == -1)
		return -1;
	return next;
}

int
store_replace_all(struct store *st, const struct model_instance *inst,
    int64_t now, struct rotad_error *err)
{
	static const char *const clear =
	    "DELETE FROM assignments; DELETE FROM slot_requires; "
	    "DELETE FROM slots; DELETE FROM youth_homes; "
	    "DELETE FROM youth_spans; DELETE FROM youth_availability; "
	    "DELETE FROM youth_skills; DELETE FROM youths; "
	    "DELETE FROM homes; DELETE FROM series; "
	    /* The queued reminders of the assignments replaced. */
	    "DELETE FROM outbox WHERE ref IS NOT NULL AND state = 'queued';";
	char *msg = NULL;
	int64_t next_id;
	int rc;

	if ((rc = sqlite3_exec(st->db, clear, NULL, NULL, &msg)) != SQLITE_OK) {
		sqlite3_free(msg);
		return store_fail(st, rc, "clear the schedule", err);
	}
	if (store_settings_replace(st, inst, err) == -1 ||
	    store_school_calendar_replace(st, inst, err) == -1)
		return -1;
	for (size_t i = 0; i < inst->nhomes; i++)
		if (store_home_insert(st, &inst->homes[i], now, err) == -1)
			return -1;
	for (size_t i = 0; i < inst->nyouths; i++)
		if (store_youth_insert(st, &inst->youths[i], now, err) == -1)
			return -1;
	for (size_t i = 0; i < inst->nslots; i++)
		if (store_slot_insert(st, &inst->slots[i], now, err) == -1)
			return -1;
	/* Ids for those without one: above every id ever given and every
	 * "aN" of the import, so none is given twice. */
	next_id = store_assignment_id_floor(st);
	for (size_t i = 0; i < inst->nassignments; i++) {
		int64_t n = assignment_id_number(inst->assignments[i].id);
		if (n > next_id)
			next_id = n;
	}
	for (size_t i = 0; i < inst->nassignments; i++) {
		struct model_assignment a = inst->assignments[i];
		char idbuf[32];
		if (a.id == NULL) {
			snprintf(idbuf, sizeof(idbuf), "a%lld",
			    (long long)++next_id);
			a.id = idbuf;
		}
		if (a.seq == 0 && (a.seq = store_next_seq(st, err)) < 0)
			return -1;
		if (a.created_at == 0)
			a.created_at = now;
		if (a.updated_at == 0)
			a.updated_at = now;
		if (store_assignment_insert(st, &a, err) == -1)
			return -1;
	}
	return 0;
}

/* ---- tokens ---- */

int
store_api_token_insert(struct store *st, const char *name,
    const unsigned char *hash, int64_t now, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_API_TOKEN_DROP_REVOKED);

	bind_text(s, 1, name);
	if (step_done(st, s, "store a token", err) == -1)
		return -1;
	s = stmt_get(st, STMT_API_TOKEN_INSERT);
	bind_text(s, 1, name);
	sqlite3_bind_blob(s, 2, hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, now);
	return insert_done(st, s, "token", name, err);
}

int
store_api_token_revoke(
    struct store *st, const char *name, int64_t now, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_API_TOKEN_REVOKE);

	bind_text(s, 1, name);
	sqlite3_bind_int64(s, 2, now);
	if (step_done(st, s, "revoke a token", err) == -1)
		return -1;
	return expect_change(st, "live token", name, err);
}

int
store_api_token_find(
    struct store *st, const unsigned char *hash, char *name, size_t namelen)
{
	sqlite3_stmt *s = stmt_get(st, STMT_API_TOKEN_FIND);
	int found = 0;

	sqlite3_bind_blob(s, 1, hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_bytes(s, 1) == STORE_HASH_LEN) {
		snprintf(name, namelen, "%s",
		    (const char *)sqlite3_column_text(s, 0));
		found = 1;
	}
	sqlite3_reset(s);
	return found;
}

int
store_feed_token_revoke(struct store *st, const char *kind, const char *subject,
    int64_t now, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_FEED_TOKEN_REVOKE);

	bind_text(s, 1, kind);
	bind_text(s, 2, subject);
	sqlite3_bind_int64(s, 3, now);
	return step_done(st, s, "revoke a feed link", err);
}

int
store_feed_token_rotate(struct store *st, const char *kind, const char *subject,
    const unsigned char *hash, int64_t now, struct rotad_error *err)
{
	sqlite3_stmt *s;

	if (store_feed_token_revoke(st, kind, subject, now, err) == -1)
		return -1;
	s = stmt_get(st, STMT_FEED_TOKEN_INSERT);
	bind_text(s, 1, kind);
	bind_text(s, 2, subject);
	sqlite3_bind_blob(s, 3, hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, now);
	return step_done(st, s, "store a feed link", err);
}

int
store_feed_tokens_revoke_orphans(
    struct store *st, int64_t now, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_FEED_TOKEN_REVOKE_ORPHANS);

	sqlite3_bind_int64(s, 1, now);
	return step_done(st, s, "revoke feed links", err);
}

int
store_feed_token_find(
    struct store *st, const unsigned char *hash, struct store_feed_token *out)
{
	sqlite3_stmt *s = stmt_get(st, STMT_FEED_TOKEN_FIND);
	int found = 0;

	sqlite3_bind_blob(s, 1, hash, STORE_HASH_LEN, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(out->kind, sizeof(out->kind), "%s",
		    (const char *)sqlite3_column_text(s, 0));
		snprintf(out->subject, sizeof(out->subject), "%s",
		    (const char *)sqlite3_column_text(s, 1));
		out->created_at = sqlite3_column_int64(s, 2);
		out->revoked_at = sqlite3_column_int64(s, 3);
		found = 1;
	}
	sqlite3_reset(s);
	return found;
}

int
store_feed_validator_get(struct store *st, const char *key,
    char etag[STORE_ETAG_LEN], int64_t *last_modified)
{
	sqlite3_stmt *s = stmt_get(st, STMT_FEED_VALIDATOR_GET);
	int found = 0;

	bind_text(s, 1, key);
	if (sqlite3_step(s) == SQLITE_ROW) {
		snprintf(etag, STORE_ETAG_LEN, "%s",
		    (const char *)sqlite3_column_text(s, 0));
		*last_modified = sqlite3_column_int64(s, 1);
		found = 1;
	}
	sqlite3_reset(s);
	return found;
}

int
store_feed_validator_put(struct store *st, const char *key, const char *etag,
    int64_t last_modified, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_FEED_VALIDATOR_PUT);

	bind_text(s, 1, key);
	bind_text(s, 2, etag);
	sqlite3_bind_int64(s, 3, last_modified);
	return step_done(st, s, "keep a feed's validators", err);
}

static char *
single_text(struct store *st, enum store_stmt_id id, const char *arg)
{
	sqlite3_stmt *s = stmt_get(st, id);
	char *out = NULL;

	bind_text(s, 1, arg);
	if (sqlite3_step(s) == SQLITE_ROW)
		out = col_dup(s, 0);
	sqlite3_reset(s);
	return out ? out : xstrdup("[]");
}

/* ---- a youth's mentions in the audit log ---- */

/*
 * Audit rows are JSON texts of many shapes (an assignment, a cancel with
 * its replacement, a schedule run's added and removed lists, the forced
 * violations of any change, a youth itself).  Whatever the shape, a part
 * is about one youth when it is an object whose "youth" is that youth's
 * id (an assignment, a violation, a schedule entry) or a youth object
 * itself (an "id" and a "birth_date"); any string holding the youth's
 * full name mentions her too.
 */
struct mention {
	const char *id;
	const char *name; /* "" when unknown */
	bool found;       /* some part was about the youth */
};

enum mention_kind { MENTION_NONE, MENTION_HERS, MENTION_OTHERS };

static enum mention_kind
mention_kind_of(const json_t *o, const struct mention *m)
{
	const char *y = json_string_value(json_object_get(o, "youth"));

	if (y == NULL && json_object_get(o, "birth_date") != NULL)
		y = json_string_value(json_object_get(o, "id"));
	if (y == NULL)
		return MENTION_NONE;
	return strcmp(y, m->id) == 0 ? MENTION_HERS : MENTION_OTHERS;
}

static bool
mention_in_text(const char *t, const struct mention *m)
{
	return strcmp(t, m->id) == 0 ||
	    (m->name[0] != '\0' && strstr(t, m->name) != NULL);
}

/*
 * keep_hers: the parts about the youth only (her access export): other
 * youths' parts go.  !keep_hers: everything but her (a purge): her parts
 * go, and a string naming her becomes "(purged)".  Returns a new
 * reference, or NULL when the whole value goes.
 */
static json_t *
mention_filter(json_t *v, struct mention *m, bool keep_hers)
{
	json_t *out, *x, *f;
	const char *key;
	size_t i;

	if (json_is_object(v)) {
		switch (mention_kind_of(v, m)) {
		case MENTION_HERS:
			m->found = true;
			return keep_hers ? json_incref(v) : NULL;
		case MENTION_OTHERS:
			if (keep_hers)
				return NULL;
			break;
		case MENTION_NONE:
			break;
		}
		out = json_object();
		json_object_foreach(v, key, x)
		{
			f = mention_filter(x, m, keep_hers);
			json_object_set_new(out, key, f ? f : json_null());
		}
		return out;
	}
	if (json_is_array(v)) {
		out = json_array();
		json_array_foreach(v, i, x)
		{
			if ((f = mention_filter(x, m, keep_hers)) != NULL)
				json_array_append_new(out, f);
		}
		return out;
	}
	if (json_is_string(v) && mention_in_text(json_string_value(v), m)) {
		m->found = true;
		if (!keep_hers)
			return json_string("(purged)");
	}
	return json_incref(v);
}

/* Filters one stored JSON text; *out is NULL, the same text, or new. */
static json_t *
mention_filter_text(const char *text, struct mention *m, bool keep_hers)
{
	json_t *j, *f;

	if (text == NULL)
		return NULL;
	if ((j = json_loads(text, JSON_DECODE_ANY, NULL)) == NULL) {
		/* Not JSON (never written so): judge it as one string. */
		j = json_string(text);
	}
	f = j ? mention_filter(j, m, keep_hers) : NULL;
	json_decref(j);
	return f;
}

static char *
json_text_of(const json_t *j)
{
	return j
	    ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY)
	    : NULL;
}

/* The youth's full name, or "" (caller frees). */
static char *
youth_name(struct store *st, const char *youth_id)
{
	sqlite3_stmt *s = stmt_get(st, STMT_YOUTH_NAME);
	char *name = NULL;

	bind_text(s, 1, youth_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		name = col_dup(s, 0);
	sqlite3_reset(s);
	return name ? name : xstrdup("");
}

/* A row of the youth herself: her record or one of her feed links. */
static bool
row_is_hers(const char *entity, const char *entity_id, const char *id)
{
	return entity_id != NULL && strcmp(entity_id, id) == 0 &&
	    (strcmp(entity, "youth") == 0 || strcmp(entity, "feed") == 0);
}

char *
store_youth_audit_json(struct store *st, const char *youth_id)
{
	sqlite3_stmt *s = stmt_get(st, STMT_AUDIT_MAYBE_ABOUT_YOUTH);
	char *name = youth_name(st, youth_id), *text;
	json_t *rows = json_array();
	int rc;

	bind_text(s, 1, youth_id);
	bind_text(s, 2, name);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct mention m = {youth_id, name, false};
		const char *entity = (const char *)sqlite3_column_text(s, 4);
		const char *eid = (const char *)sqlite3_column_text(s, 5);
		bool hers = row_is_hers(entity ? entity : "", eid, youth_id);
		json_t *before = mention_filter_text(
		    (const char *)sqlite3_column_text(s, 6), &m, true);
		json_t *after = mention_filter_text(
		    (const char *)sqlite3_column_text(s, 7), &m, true);
		bool other_youth = entity != NULL && !hers &&
		    (strcmp(entity, "youth") == 0 ||
		        strcmp(entity, "feed") == 0);

		if (hers || m.found) {
			json_array_append_new(rows,
			    json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:o*, "
			              "s:o*}",
			        "at", (json_int_t)sqlite3_column_int64(s, 1),
			        "actor",
			        (const char *)sqlite3_column_text(s, 2),
			        "action",
			        (const char *)sqlite3_column_text(s, 3),
			        "entity", entity, "id",
			        other_youth ? NULL : eid, "before",
			        before ? before : json_null(), "after",
			        after ? after : json_null()));
		} else {
			json_decref(before);
			json_decref(after);
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		log_warnx(
		    "store: read the audit log: %s", sqlite3_errmsg(st->db));
	text = json_text_of(rows);
	json_decref(rows);
	free(name);
	return text ? text : xstrdup("[]");
}

/*
 * Removes the youth from every audit row that mentions her, keeping what
 * those rows say about anyone else (12.3, 18.3).  Rows of her own record
 * lose their id too (the id may itself be a name).
 */
static int
audit_purge_youth(
    struct store *st, const char *youth_id, struct rotad_error *err)
{
	struct rewrite {
		sqlite3_int64 id;
		char *entity_id, *before, *after;
	} *rw = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *s = stmt_get(st, STMT_AUDIT_MAYBE_ABOUT_YOUTH);
	char *name = youth_name(st, youth_id);
	int rc, ret = 0;

	bind_text(s, 1, youth_id);
	bind_text(s, 2, name);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct mention m = {youth_id, name, false};
		const char *entity = (const char *)sqlite3_column_text(s, 4);
		const char *eid = (const char *)sqlite3_column_text(s, 5);
		bool hers = row_is_hers(entity ? entity : "", eid, youth_id);
		json_t *before = mention_filter_text(
		    (const char *)sqlite3_column_text(s, 6), &m, false);
		json_t *after = mention_filter_text(
		    (const char *)sqlite3_column_text(s, 7), &m, false);

		if (eid != NULL && mention_in_text(eid, &m))
			hers = true;
		if (hers || m.found) {
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				rw = xreallocarray(rw, cap, sizeof(*rw));
			}
			rw[n].id = sqlite3_column_int64(s, 0);
			rw[n].entity_id = hers ? xstrdup("(purged)")
			                       : (eid ? xstrdup(eid) : NULL);
			rw[n].before = json_text_of(before);
			rw[n].after = json_text_of(after);
			n++;
		}
		json_decref(before);
		json_decref(after);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		ret = store_fail(st, rc, "read the audit log", err);
	for (size_t i = 0; i < n; i++) {
		if (ret == 0) {
			s = stmt_get(st, STMT_AUDIT_REWRITE);
			sqlite3_bind_int64(s, 1, rw[i].id);
			bind_text(s, 2, rw[i].entity_id);
			bind_text(s, 3, rw[i].before);
			bind_text(s, 4, rw[i].after);
			ret = step_done(st, s, "purge a youth", err);
		}
		free(rw[i].entity_id);
		free(rw[i].before);
		free(rw[i].after);
	}
	free(rw);
	free(name);
	return ret;
}

int
store_youth_feed_tokens_json(struct store *st, const char *youth_id, char **out)
{
	*out = single_text(st, STMT_FEEDS_OF_YOUTH, youth_id);
	return 0;
}

int
store_anonymous_hours_add(struct store *st, const char *month,
    const char *home_id, int64_t minutes, int64_t shifts, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_ANON_HOURS_INSERT);

	bind_text(s, 1, month);
	bind_text(s, 2, home_id);
	sqlite3_bind_int64(s, 3, minutes);
	sqlite3_bind_int64(s, 4, shifts);
	sqlite3_bind_int64(s, 5, now);
	return step_done(st, s, "keep anonymous hours", err);
}

char *
store_anonymous_hours_json(struct store *st, const char *month)
{
	return single_text(st, STMT_ANON_HOURS_OF_MONTH, month);
}

int
store_youth_purge(struct store *st, const char *youth_id, int64_t now,
    struct rotad_error *err)
{
	/*
	 * Her feed links are kept by hash alone (withdrawn_feed_tokens) with
	 * the time they stopped showing her visits: now for a live link, the
	 * revocation for one revoked before, so that a link already past its
	 * grace period stays 410.  The floor ("withdrawn:<hash>") is the last
	 * Last-Modified her feed had, which its empty calendar must pass;
	 * both hold only a hash and a time, and are written before the
	 * validators keyed by her id go.
	 */
	static const enum store_stmt_id steps[] = {STMT_PURGE_ASSIGNMENTS,
	    STMT_PURGE_WITHDRAW, STMT_PURGE_FEED_FLOORS, STMT_PURGE_FEEDS,
	    STMT_PURGE_VALIDATORS};
	sqlite3_stmt *s;

	if (audit_purge_youth(st, youth_id, err) == -1 ||
	    outbox_forget_youth(st, youth_id, err) == -1)
		return -1;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		s = stmt_get(st, steps[i]);
		bind_text(s, 1, youth_id);
		if (steps[i] == STMT_PURGE_WITHDRAW)
			sqlite3_bind_int64(s, 2, now);
		if (step_done(st, s, "purge a youth", err) == -1)
			return -1;
	}
	return store_youth_delete(st, youth_id, err);
}

int
store_audit(struct store *st, int64_t now, const char *actor,
    const char *action, const char *entity, const char *entity_id,
    const char *before, const char *after, struct rotad_error *err)
{
	sqlite3_stmt *s = stmt_get(st, STMT_AUDIT_INSERT);

	sqlite3_bind_int64(s, 1, now);
	bind_text(s, 2, actor);
	bind_text(s, 3, action);
	bind_text(s, 4, entity);
	bind_text(s, 5, entity_id);
	bind_text(s, 6, before);
	bind_text(s, 7, after);
	return step_done(st, s, "write the audit log", err);
}

int
store_checkpoint_try(struct store *st)
{
	int rc, nlog = -1, nckpt = -1;

	/*
	 * No busy handler: when a reader still holds a snapshot that the
	 * WAL is needed for, give up at once instead of stalling the loop.
	 */
	sqlite3_busy_timeout(st->db, 0);
	rc = sqlite3_wal_checkpoint_v2(
	    st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &nlog, &nckpt);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		return 1;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return 0;
	log_warnx("store: checkpoint: %s", sqlite3_errmsg(st->db));
	return -1;
}

int
store_backup(struct store *st, const char *dest, struct rotad_error *err)
{
	sqlite3 *out = NULL;
	sqlite3_backup *b;
	int rc;

	rc = sqlite3_open_v2(
	    dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "cannot open '%s': %s", dest,
		    out ? sqlite3_errmsg(out) : sqlite3_errstr(rc));
		sqlite3_close(out);
		return -1;
	}
	if ((b = sqlite3_backup_init(out, "main", st->db, "main")) == NULL) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "cannot start the backup: %s", sqlite3_errmsg(out));
		sqlite3_close(out);
		return -1;
	}
	/* Copy in steps so writers are not blocked for the whole copy. */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(10);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the backup failed: %s", sqlite3_errstr(rc));
		sqlite3_close(out);
		return -1;
	}
	sqlite3_close(out);
	return 0;
}
