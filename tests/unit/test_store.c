/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the SQLite store: migrations and the
 * schema-version guard, entity writes read back through
 * store_load_instance, conflict and not-found mapping, transactions,
 * tokens, feed tokens, the audit log, touch/seq and the backup.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "civil.h"
#include "model.h"
#include "store.h"
#include "store_fixture.h"
#include "store_migrations.h"

static struct model_home
home(const char *id, const char *name)
{
	struct model_home h = {(char *)id, (char *)name, NULL};
	return h;
}

static void
add_basics(struct store *st)
{
	struct rotad_error err;
	struct model_home h = home("solheim", "Solheim sykehjem");
	struct model_youth y = {0};
	struct model_slot s = {0};
	struct model_weekly_window w = {MODEL_DAY_BIT(CIVIL_MON), 900, 1200};
	struct model_span span = {100, 200};
	char *skills[] = {"leader"};
	char *homes[] = {"solheim"};
	struct model_requirement req = {"leader", 1};

	h.address = "Solveien 1, 0000 Oslo";
	assert_int_equal(store_home_insert(st, &h, 1000, &err), 0);
	y.id = "ida";
	y.name = "Ida Nilsen";
	y.birth_date = civil_days_from_ymd(2012, 3, 14);
	y.school = MODEL_SCHOOL_COMPULSORY;
	y.guardian_consent = civil_days_from_ymd(2026, 8, 10);
	y.skills = skills;
	y.nskills = 1;
	y.availability = &w;
	y.navailability = 1;
	y.unavailable = &span;
	y.nunavailable = 1;
	y.max_week_minutes = 360;
	y.homes_limited = true;
	y.homes = homes;
	y.nhomes = 1;
	assert_int_equal(store_youth_insert(st, &y, 1000, &err), 0);
	s.id = "s1";
	s.home = "solheim";
	civil_parse_datetime("2027-01-04T16:00", &s.start);
	civil_parse_datetime("2027-01-04T18:00", &s.end);
	s.needed = 2;
	s.activity = "Quiz";
	s.min_age = 15;
	s.requires = &req;
	s.nrequires = 1;
	assert_int_equal(store_slot_insert(st, &s, 1000, &err), 0);
}

static void
test_migrated_to_latest(void **state)
{
	assert_int_equal(store_schema_version(*state), (int)store_nmigrations);
	assert_int_equal(store_ping(*state), 0);
	assert_false(store_has_data(*state));
}

static void
test_round_trip(void **state)
{
	struct store *st = *state;
	struct model_instance *inst;
	struct rotad_error err;
	struct model_assignment a = {0};

	add_basics(st);
	a.id = "a1";
	a.slot = "s1";
	a.youth = "ida";
	a.pinned = true;
	a.seq = 7;
	a.created_at = 10;
	a.updated_at = 11;
	assert_int_equal(store_assignment_insert(st, &a, &err), 0);
	assert_true(store_has_data(st));
	assert_int_equal(store_load_instance(st, &inst, &err), 0);
	assert_int_equal(inst->nhomes, 1);
	assert_string_equal(inst->homes[0].address, "Solveien 1, 0000 Oslo");
	assert_int_equal(inst->nyouths, 1);
	assert_string_equal(inst->youths[0].name, "Ida Nilsen");
	assert_int_equal(
	    inst->youths[0].birth_date, civil_days_from_ymd(2012, 3, 14));
	assert_int_equal(inst->youths[0].school, MODEL_SCHOOL_COMPULSORY);
	assert_int_equal(inst->youths[0].max_week_minutes, 360);
	assert_int_equal(inst->youths[0].navailability, 1);
	assert_int_equal(inst->youths[0].availability[0].to, 1200);
	assert_int_equal(inst->youths[0].nunavailable, 1);
	assert_int_equal(inst->youths[0].unavailable[0].end, 200);
	assert_true(inst->youths[0].homes_limited);
	assert_string_equal(inst->youths[0].skills[0], "leader");
	assert_int_equal(inst->nslots, 1);
	assert_int_equal(inst->slots[0].needed, 2);
	assert_int_equal(inst->slots[0].min_age, 15);
	assert_string_equal(inst->slots[0].requires[0].skill, "leader");
	assert_int_equal(inst->nassignments, 1);
	assert_true(inst->assignments[0].pinned);
	assert_int_equal(inst->assignments[0].seq, 7);
	assert_int_equal(inst->assignments[0].slot_idx, 0);
	model_instance_free(inst);
}

static void
test_conflicts_and_not_found(void **state)
{
	struct store *st = *state;
	struct rotad_error err;
	struct model_home h = home("solheim", "Again");

	add_basics(st);
	assert_int_equal(store_home_insert(st, &h, 1, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_CONFLICT);
	h.id = "nowhere";
	assert_int_equal(store_home_update(st, &h, 1, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_NOT_FOUND);
	/* A home with slots cannot go (foreign key). */
	assert_int_equal(store_home_delete(st, "solheim", &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_CONFLICT);
	assert_int_equal(store_youth_delete(st, "nobody", &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_NOT_FOUND);
}

static void
test_rollback_changes_nothing(void **state)
{
	struct store *st = *state;
	struct rotad_error err;
	struct model_home h = home("lia", "Lia");
	struct model_instance *inst;

	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_home_insert(st, &h, 1, &err), 0);
	store_rollback(st);
	assert_int_equal(store_load_instance(st, &inst, &err), 0);
	assert_int_equal(inst->nhomes, 0);
	model_instance_free(inst);
}

static void
test_api_tokens(void **state)
{
	struct store *st = *state;
	struct rotad_error err;
	unsigned char h1[STORE_HASH_LEN], h2[STORE_HASH_LEN];
	char name[80];

	memset(h1, 1, sizeof(h1));
	memset(h2, 2, sizeof(h2));
	assert_int_equal(store_api_token_insert(st, "alice", h1, 5, &err), 0);
	assert_int_equal(store_api_token_find(st, h1, name, sizeof(name)), 1);
	assert_string_equal(name, "alice");
	assert_int_equal(store_api_token_find(st, h2, name, sizeof(name)), 0);
	/* The same name twice is a conflict while the first is live. */
	assert_int_equal(store_api_token_insert(st, "alice", h2, 6, &err), -1);
	assert_int_equal(store_api_token_revoke(st, "alice", 7, &err), 0);
	assert_int_equal(store_api_token_find(st, h1, name, sizeof(name)), 0);
	assert_int_equal(store_api_token_revoke(st, "alice", 8, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_NOT_FOUND);
	/* After a revoke the name can be reused. */
	assert_int_equal(store_api_token_insert(st, "alice", h2, 9, &err), 0);
	assert_int_equal(store_api_token_find(st, h2, name, sizeof(name)), 1);
}

static void
test_feed_tokens_rotate(void **state)
{
	struct store *st = *state;
	struct rotad_error err;
	struct store_feed_token t;
	unsigned char h1[STORE_HASH_LEN], h2[STORE_HASH_LEN];

	memset(h1, 3, sizeof(h1));
	memset(h2, 4, sizeof(h2));
	assert_int_equal(
	    store_feed_token_rotate(st, "youth", "ida", h1, 100, &err), 0);
	assert_int_equal(store_feed_token_find(st, h1, &t), 1);
	assert_string_equal(t.kind, "youth");
	assert_string_equal(t.subject, "ida");
	assert_int_equal(t.revoked_at, 0);
	assert_int_equal(
	    store_feed_token_rotate(st, "youth", "ida", h2, 200, &err), 0);
	assert_int_equal(store_feed_token_find(st, h1, &t), 1);
	assert_int_equal(t.revoked_at, 200);
	assert_int_equal(store_feed_token_find(st, h2, &t), 1);
	assert_int_equal(t.revoked_at, 0);
}

static void
test_seq_and_touch(void **state)
{
	struct store *st = *state;
	struct rotad_error err;
	struct model_assignment a = {0};
	struct model_instance *inst;
	int64_t s1, s2;

	add_basics(st);
	s1 = store_next_seq(st, &err);
	s2 = store_next_seq(st, &err);
	assert_true(s2 == s1 + 1);
	a.id = "a1";
	a.slot = "s1";
	a.youth = "ida";
	a.seq = s2;
	assert_int_equal(store_assignment_insert(st, &a, &err), 0);
	assert_int_equal(
	    store_assignments_touch(st, STORE_TOUCH_HOME, "solheim", 999, &err),
	    0);
	assert_int_equal(store_load_instance(st, &inst, &err), 0);
	assert_true(inst->assignments[0].seq > s2);
	assert_int_equal(inst->assignments[0].updated_at, 999);
	model_instance_free(inst);
}

/* Issue 12.2: the id floor never goes down (delete, purge). */
static void
test_assignment_id_floor(void **state)
{
	struct store *st = *state;
	struct rotad_error err;
	struct model_assignment a = {0};

	add_basics(st);
	assert_int_equal(store_assignment_id_floor(st), 0);
	a.id = "a7";
	a.slot = "s1";
	a.youth = "ida";
	a.seq = 1;
	assert_int_equal(store_assignment_insert(st, &a, &err), 0);
	assert_int_equal(store_assignment_id_floor(st), 7);
	a.id = "a3"; /* a lower one does not lower it */
	a.status = MODEL_ASSIGNMENT_CANCELLED;
	assert_int_equal(store_assignment_insert(st, &a, &err), 0);
	assert_int_equal(store_assignment_id_floor(st), 7);
	a.id = "a12345678901234567890"; /* too long to count */
	assert_int_equal(store_assignment_insert(st, &a, &err), 0);
	assert_int_equal(store_assignment_delete(st, "a7", &err), 0);
	assert_int_equal(store_youth_purge(st, "ida", 1000, &err), 0);
	assert_int_equal(store_assignment_id_floor(st), 7);
}

static void
test_replace_all_and_settings(void **state)
{
	struct store *st = *state;
	struct rotad_error err;
	struct model_instance *inst = model_instance_new(), *back;
	struct model_rule_option opt = {
	    "care_exemption_12_9g", MODEL_OPTION_BOOL, true, 0, NULL};
	int32_t ph = civil_days_from_ymd(2027, 5, 17);

	add_basics(st);
	free(inst->jurisdiction);
	inst->jurisdiction = strdup("EU");
	inst->travel_minutes = 45;
	inst->rule_options = &opt;
	inst->nrule_options = 1;
	inst->public_holidays_set = true;
	inst->public_holidays = &ph;
	inst->npublic_holidays = 1;
	inst->school_calendar.has_school_hours = true;
	inst->school_calendar.school_start = 495;
	inst->school_calendar.school_end = 870;
	assert_int_equal(store_replace_all(st, inst, 1, &err), 0);
	inst->rule_options = NULL;
	inst->nrule_options = 0;
	inst->public_holidays = NULL;
	inst->npublic_holidays = 0;
	model_instance_free(inst);

	assert_int_equal(store_load_instance(st, &back, &err), 0);
	assert_int_equal(back->nhomes, 0); /* replaced */
	assert_string_equal(back->jurisdiction, "EU");
	assert_int_equal(back->travel_minutes, 45);
	assert_int_equal(back->nrule_options, 1);
	assert_true(back->rule_options[0].b);
	assert_true(back->public_holidays_set);
	assert_int_equal(back->public_holidays[0], ph);
	assert_true(back->school_calendar.has_school_hours);
	assert_int_equal(back->school_calendar.school_end, 870);
	model_instance_free(back);
}

static void
test_audit(void **state)
{
	struct rotad_error err;

	assert_int_equal(store_audit(*state, 1, "alice", "create", "home",
	                     "lia", NULL, "{\"id\":\"lia\"}", &err),
	    0);
}

static void
test_newer_database_is_refused(void **state)
{
	char path[] = "/tmp/rota-store-test-XXXXXX";
	int fd = mkstemp(path);
	struct rotad_error err;
	struct store *st;
	sqlite3 *db;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	st = store_open(path, &err);
	assert_non_null(st);
	store_close(st);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	st = store_open(path, &err);
	assert_null(st);
	assert_non_null(strstr(err.message, "newer rotad"));
	unlink(path);
}

/*
 * Issue 15: a database made before named school calendars (schema 8)
 * keeps its one calendar, as the default "default", and its youths and
 * homes follow it.
 */
static void
test_schema_8_calendar_becomes_default(void **state)
{
	char path[] = "/tmp/rota-store-test-XXXXXX";
	int fd = mkstemp(path);
	struct rotad_error err;
	struct model_instance *inst = NULL;
	const struct model_school_calendar *c;
	struct store *st;
	sqlite3 *db;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_true(store_nmigrations > 8);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(
		    sqlite3_exec(db, store_migrations[i].sql, NULL, NULL, NULL),
		    SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db,
	        "PRAGMA user_version = 8;"
	        "INSERT INTO settings VALUES ('school_hours', '08:15-14:30');"
	        "INSERT INTO school_ranges VALUES "
	        "('term', 0, '2026-08-17', '2026-12-18'),"
	        "('term', 1, '2027-01-04', '2027-06-18'),"
	        "('holiday', 0, '2027-02-22', '2027-02-26');"
	        "INSERT INTO homes(id, name, created_at, updated_at) VALUES "
	        "('solheim', 'Solheim', 1, 1);"
	        "INSERT INTO youths(id, name, birth_date, school, created_at, "
	        "updated_at) VALUES ('ida', 'Ida', '2012-03-14', 'compulsory', "
	        "1, 1);",
	        NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	st = store_open(path, &err);
	assert_non_null(st);
	assert_int_equal(store_schema_version(st), (int)store_nmigrations);
	assert_int_equal(store_load_instance(st, &inst, &err), 0);
	assert_int_equal(model_calendar_count(inst), 1);
	c = &inst->school_calendar;
	assert_string_equal(model_calendar_id(c), "default");
	assert_int_equal(c->nterms, 2);
	assert_int_equal(c->nholidays, 1);
	assert_int_equal(c->holidays[0].from, civil_days_from_ymd(2027, 2, 22));
	assert_true(c->has_school_hours);
	assert_int_equal(c->school_start, 8 * 60 + 15);
	assert_int_equal(c->school_end, 14 * 60 + 30);
	assert_null(inst->youths[0].school_calendar);
	assert_int_equal(inst->youths[0].calendar_idx, 0);
	assert_null(inst->homes[0].region);
	model_instance_free(inst);
	store_close(st);
	unlink(path);
}

/* Issue 18.7: no silent new database; a deleted file is noticed. */
static void
test_missing_and_deleted_database(void **state)
{
	char dir[] = "/tmp/rota-store-test-XXXXXX";
	char path[64], wal[80];
	struct rotad_error err;
	struct store *st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/rota.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	rotad_error_clear(&err);
	assert_null(store_open_mode(path, STORE_OPEN_EXISTING, &err));
	assert_int_equal(err.code, ROTAD_ERR_NOT_FOUND);
	assert_non_null(strstr(err.message, "--create"));
	assert_int_equal(access(path, F_OK), -1);
	st = store_open_mode(path, STORE_OPEN_CREATE, &err);
	assert_non_null(st);
	assert_int_equal(store_files_ok(st, &err), 0);
	assert_int_equal(store_ping(st), 0);
	assert_int_equal(store_begin(st, &err), 0);
	assert_int_equal(store_commit(st, &err), 0);
	assert_int_equal(unlink(path), 0);
	(void)unlink(wal);
	assert_int_equal(store_files_ok(st, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_UNAVAILABLE);
	assert_int_equal(store_ping(st), -1);
	assert_int_equal(store_begin(st, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_UNAVAILABLE);
	store_close(st);
	(void)unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", path);
	(void)unlink(wal);
	(void)unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

static void
test_backup(void **state)
{
	char dir[] = "/tmp/rota-backup-test-XXXXXX";
	char *dest;
	struct rotad_error err;
	struct store *copy;
	struct model_instance *inst;

	assert_non_null(mkdtemp(dir));
	add_basics(*state);
	assert_int_equal(asprintf(&dest, "%s/copy.db", dir) > 0, 1);
	assert_int_equal(store_backup(*state, dest, &err), 0);
	copy = store_open(dest, &err);
	assert_non_null(copy);
	assert_int_equal(store_load_instance(copy, &inst, &err), 0);
	assert_int_equal(inst->nslots, 1);
	model_instance_free(inst);
	store_close(copy);
	unlink(dest);
	free(dest);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_migrated_to_latest, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_conflicts_and_not_found, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_rollback_changes_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_api_tokens, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_feed_tokens_rotate, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_seq_and_touch, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_replace_all_and_settings, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_assignment_id_floor, setup, teardown),
	    cmocka_unit_test(test_newer_database_is_refused),
	    cmocka_unit_test(test_schema_8_calendar_becomes_default),
	    cmocka_unit_test(test_missing_and_deleted_database),
	    cmocka_unit_test_setup_teardown(test_backup, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
