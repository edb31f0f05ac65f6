/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of user accounts (issue 14): the
 * migration of a database that has tokens, the password policy, Argon2id
 * hashing and rehashing, users, token owners, sessions (expiry, idle
 * timeout, ended by a new password or removal) and invitations.
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
#include <sodium.h>
#include <sqlite3.h>

#include "auth.h"
#include "store.h"
#include "store_fixture.h"
#include "store_migrations.h"
#include "users.h"

static void
hash_of(const char *token, unsigned char h[32])
{
	auth_token_hash(token, h);
}

/* A database from before accounts, with a token, migrates to admin. */
static void
test_migration_keeps_tokens_as_admin(void **state)
{
	char path[] = "/tmp/rota-users-XXXXXX";
	int fd = mkstemp(path);
	sqlite3 *db;
	size_t upto = 0;
	unsigned char h[32];
	char name[80], pragma[64];
	struct user u;
	struct rotad_error err;
	struct store *st;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	while (upto < store_nmigrations &&
	    strcmp(store_migrations[upto].name, "0006_accounts.sql") != 0)
		upto++;
	assert_true(upto < store_nmigrations);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (size_t i = 0; i < upto; i++)
		assert_int_equal(
		    sqlite3_exec(db, store_migrations[i].sql, NULL, NULL, NULL),
		    SQLITE_OK);
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %zu", upto);
	assert_int_equal(sqlite3_exec(db, pragma, NULL, NULL, NULL), SQLITE_OK);
	hash_of("rota_old_token_aaaaaaaaaaaaaaaa", h);
	{
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(db,
		                     "INSERT INTO api_tokens(name, hash, "
		                     "created_at) VALUES ('ci', ?1, 1)",
		                     -1, &s, NULL),
		    SQLITE_OK);
		sqlite3_bind_blob(s, 1, h, 32, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);

	st = store_open(path, &err);
	assert_non_null(st);
	assert_int_equal(store_schema_version(st), (int)store_nmigrations);
	assert_int_equal(users_token_find(st, h, name, sizeof(name), &u), 1);
	assert_string_equal(name, "ci");
	assert_int_equal(u.role, USER_ROLE_ADMIN);
	assert_true(u.id == 0);
	assert_int_equal(u.nhomes, 0);
	assert_int_equal(users_count_admins(st), 0);
	store_close(st);
	unlink(path);
}

static void
test_password_policy(void **state)
{
	char why[160];

	(void)state;
	assert_int_equal(users_password_policy("kari", "Kari Nordmann",
	                     "correct horse", why, sizeof(why)),
	    0);
	/* Too short: 7 characters, also when they are 14 bytes. */
	assert_int_equal(
	    users_password_policy("kari", "", "abcdefg", why, sizeof(why)), -1);
	assert_non_null(strstr(why, "8"));
	assert_int_equal(users_password_policy("kari", "",
	                     "\xc3\xa6\xc3\xb8\xc3\xa5\xc3\xa6\xc3\xb8\xc3\xa5"
	                     "\xc3\xa6",
	                     why, sizeof(why)),
	    -1);
	assert_int_equal(users_password_policy("kari", "",
	                     "\xc3\xa6\xc3\xb8\xc3\xa5\xc3\xa6\xc3\xb8\xc3\xa5"
	                     "\xc3\xa6\xc3\xa6",
	                     why, sizeof(why)),
	    0);
	/* The login or the name, in any case, alone or inside. */
	assert_int_equal(users_password_policy("karinordmann", "",
	                     "KariNordmann", why, sizeof(why)),
	    -1);
	assert_non_null(strstr(why, "login"));
	assert_int_equal(users_password_policy(
	                     "kari", "", "my-KARI-password", why, sizeof(why)),
	    -1);
	assert_int_equal(users_password_policy("kn", "Nordmann",
	                     "nordmann2026!", why, sizeof(why)),
	    -1);
	assert_non_null(strstr(why, "name"));
	/* Or a part of the name. */
	assert_int_equal(users_password_policy("kari", "Kari Nordmann",
	                     "nordmann-rules", why, sizeof(why)),
	    -1);
	/* Never the password itself in the reason. */
	assert_null(strstr(why, "nordmann2026"));
	/* Long ones are fine up to 1024 bytes. */
	{
		char big[1026];
		memset(big, 'x', sizeof(big));
		big[1024] = '\0';
		assert_int_equal(
		    users_password_policy("kari", "", big, why, sizeof(why)),
		    0);
		big[1024] = 'x';
		big[1025] = '\0';
		assert_int_equal(
		    users_password_policy("kari", "", big, why, sizeof(why)),
		    -1);
	}
}

static void
test_password_hash_verify_rehash(void **state)
{
	char h[USERS_HASH_MAX], weak[crypto_pwhash_STRBYTES];

	(void)state;
	assert_int_equal(users_password_hash("correct horse", h), 0);
	assert_non_null(strstr(h, "$argon2id$"));
	assert_null(strstr(h, "correct horse"));
	assert_int_equal(users_password_verify(h, "correct horse"), 1);
	assert_int_equal(users_password_verify(h, "correct horsE"), 0);
	assert_int_equal(users_password_verify("", "correct horse"), 0);
	assert_false(users_password_needs_rehash(h));
	/* A hash made with lower limits is rehashed at the next login. */
	assert_int_equal(
	    crypto_pwhash_str(weak, "pw", 2, crypto_pwhash_OPSLIMIT_MIN,
	        crypto_pwhash_MEMLIMIT_MIN),
	    0);
	assert_true(users_password_needs_rehash(weak));
}

static void
test_logins_and_roles(void **state)
{
	(void)state;
	assert_true(users_login_valid("kari"));
	assert_true(users_login_valid("kari.nordmann@example.no"));
	assert_false(users_login_valid(""));
	assert_false(users_login_valid(".kari"));
	assert_false(users_login_valid("kari nordmann"));
	assert_int_equal(user_role_parse("coordinator"), USER_ROLE_COORDINATOR);
	assert_int_equal(user_role_parse("root"), USER_ROLE_NONE);
	assert_string_equal(user_role_name(USER_ROLE_VIEWER), "viewer");
}

static struct user
add_user(
    struct store *st, const char *login, enum user_role role, const char *home)
{
	struct user u;
	struct rotad_error err;
	char h[USERS_HASH_MAX];
	char *homes[1] = {(char *)home};

	memset(&u, 0, sizeof(u));
	snprintf(u.login, sizeof(u.login), "%s", login);
	snprintf(u.name, sizeof(u.name), "Test %s", login);
	u.role = role;
	u.homes = home ? homes : NULL;
	u.nhomes = home ? 1 : 0;
	assert_int_equal(users_password_hash("a good password", h), 0);
	assert_int_equal(users_insert(st, &u, h, 100, &err), 0);
	u.homes = NULL;
	u.nhomes = 0;
	return u;
}

static void
test_users_store(void **state)
{
	struct store *st = *state;
	struct user a = add_user(st, "kari", USER_ROLE_COORDINATOR, "solheim");
	struct user b, c;
	struct rotad_error err;
	char h[USERS_HASH_MAX];
	json_t *list;

	assert_true(a.id > 0);
	/* Logins are unique without regard to case. */
	memset(&b, 0, sizeof(b));
	snprintf(b.login, sizeof(b.login), "KARI");
	b.role = USER_ROLE_VIEWER;
	assert_int_equal(users_insert(st, &b, NULL, 100, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_CONFLICT);
	assert_int_equal(users_find(st, "Kari", &c, h), 1);
	assert_string_equal(c.login, "kari");
	assert_int_equal(c.role, USER_ROLE_COORDINATOR);
	assert_int_equal(c.nhomes, 1);
	assert_string_equal(c.homes[0], "solheim");
	assert_true(user_in_scope(&c, "solheim"));
	assert_false(user_in_scope(&c, "lia"));
	assert_int_equal(users_password_verify(h, "a good password"), 1);
	/* Update: role and scope. */
	c.role = USER_ROLE_ADMIN;
	user_release(&c);
	assert_int_equal(users_update(st, &c, 200, &err), 0);
	user_release(&c);
	assert_int_equal(users_find(st, "kari", &c, NULL), 1);
	assert_int_equal(c.nhomes, 0);
	assert_true(user_in_scope(&c, "lia"));
	assert_int_equal(users_count_admins(st), 1);
	user_release(&c);
	list = users_list_json(st);
	assert_int_equal(json_array_size(list), 1);
	/* No password hash in the JSON. */
	{
		char *t = json_dumps(list, 0);
		assert_null(strstr(t, "argon2"));
		assert_non_null(strstr(t, "\"has_password\": true"));
		free(t);
	}
	json_decref(list);
	assert_int_equal(users_delete(st, a.id, &err), 0);
	assert_int_equal(users_find(st, "kari", &c, NULL), 0);
	assert_int_equal(users_delete(st, a.id, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_NOT_FOUND);
}

static void
test_tokens_of_users(void **state)
{
	struct store *st = *state;
	struct user a = add_user(st, "ola", USER_ROLE_VIEWER, "lia");
	struct user u;
	struct rotad_error err;
	unsigned char h[32];
	char name[80];

	hash_of("rota_ola_token_aaaaaaaaaaaaaaaa", h);
	assert_int_equal(store_api_token_insert(st, "ola-ci", h, 100, &err), 0);
	assert_int_equal(users_token_set_user(st, "ola-ci", a.id, &err), 0);
	assert_int_equal(users_token_find(st, h, name, sizeof(name), &u), 1);
	assert_string_equal(u.login, "ola");
	assert_int_equal(u.role, USER_ROLE_VIEWER);
	assert_int_equal(u.nhomes, 1);
	user_release(&u);
	/* Removing the user removes the token. */
	assert_int_equal(users_delete(st, a.id, &err), 0);
	assert_int_equal(users_token_find(st, h, name, sizeof(name), &u), 0);
	assert_int_equal(users_token_set_user(st, "nothing", 1, &err), -1);
}

static void
test_sessions(void **state)
{
	struct store *st = *state;
	struct user a = add_user(st, "siri", USER_ROLE_ADMIN, NULL);
	struct user u;
	struct rotad_error err;
	unsigned char h[32], h2[32];
	int64_t sid = 0, last = 0;
	char csrf[USERS_CSRF_LEN], csrf2[USERS_CSRF_LEN];

	hash_of("cookie-one-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", h);
	hash_of("cookie-two-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", h2);
	/* Starts at 1000, ends at 1000 + 3600; idle timeout 600. */
	assert_int_equal(
	    users_session_insert(st, h, a.id, 1000, 4600, &err), 0);
	assert_int_equal(
	    users_session_find(st, h, 1500, 600, &u, &sid, &last), 1);
	assert_string_equal(u.login, "siri");
	user_release(&u);
	assert_int_equal(
	    users_session_find(st, h2, 1500, 600, &u, &sid, &last), 0);
	/* Idle: not seen for 600 s. */
	assert_int_equal(
	    users_session_find(st, h, 1600, 600, &u, &sid, &last), 0);
	assert_int_equal(users_session_touch(st, sid, 1500, &err), 0);
	assert_int_equal(
	    users_session_find(st, h, 1600, 600, &u, &sid, &last), 1);
	user_release(&u);
	/* Absolute lifetime, however busy. */
	assert_int_equal(users_session_touch(st, sid, 4599, &err), 0);
	assert_int_equal(
	    users_session_find(st, h, 4600, 600, &u, &sid, &last), 0);
	/* A new password ends every session of the user. */
	assert_int_equal(
	    users_session_insert(st, h2, a.id, 5000, 9000, &err), 0);
	assert_int_equal(
	    users_session_find(st, h2, 5001, 600, &u, &sid, &last), 1);
	user_release(&u);
	assert_int_equal(users_set_password(st, a.id, NULL, 5002, &err), 0);
	assert_int_equal(
	    users_session_find(st, h2, 5003, 600, &u, &sid, &last), 0);
	/* The CSRF token: fixed per cookie, different across cookies. */
	users_csrf_token("cookie-one", csrf);
	users_csrf_token("cookie-one", csrf2);
	assert_string_equal(csrf, csrf2);
	assert_int_equal(strlen(csrf), 43);
	users_csrf_token("cookie-two", csrf2);
	assert_string_not_equal(csrf, csrf2);
}

static void
test_invites(void **state)
{
	struct store *st = *state;
	struct user a = add_user(st, "per", USER_ROLE_VIEWER, NULL);
	struct rotad_error err;
	unsigned char h[32];
	int64_t id = 0;

	hash_of("invite-code", h);
	assert_int_equal(users_invite_insert(st, h, a.id, 2000, &err), 0);
	assert_int_equal(users_invite_take(st, h, 2000, &id, &err), 0);
	assert_int_equal(users_invite_take(st, h, 1999, &id, &err), 1);
	assert_true(id == a.id);
	/* Once only. */
	assert_int_equal(users_invite_take(st, h, 1999, &id, &err), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_migration_keeps_tokens_as_admin),
	    cmocka_unit_test(test_password_policy),
	    cmocka_unit_test(test_password_hash_verify_rehash),
	    cmocka_unit_test(test_logins_and_roles),
	    cmocka_unit_test_setup_teardown(test_users_store, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_tokens_of_users, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_invites, setup, teardown),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
