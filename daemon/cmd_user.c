/* SPDX-License-Identifier: ISC */
/*
 * This file contains `rotad user`: adding, listing, removing users and
 * setting their passwords on the database directly (issue 14), for the
 * first administrator of a fresh install and for scripts.  Passwords are
 * read from standard input (without echo on a terminal), never from the
 * command line, where every user of the machine could read them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "cmd_user.h"
#include "store.h"
#include "users.h"
#include "xmalloc.h"

#define INVITE_DAYS 7

static void
user_usage(void)
{
	fprintf(stderr,
	    "usage: rotad user add LOGIN --role admin|coordinator|viewer\n"
	    "                 [--homes ID,ID...] [--name NAME] [--invite] "
	    "[--db PATH]\n"
	    "       rotad user list [--db PATH]\n"
	    "       rotad user passwd LOGIN [--db PATH]\n"
	    "       rotad user rm LOGIN [--db PATH]\n");
}

/* Splits "a,b,c" into u->homes; -1 on an empty or over-long id. */
int
cmd_user_parse_homes(const char *list, struct user *u)
{
	char *copy = xstrdup(list), *save = NULL;

	for (char *tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok == '\0' || strlen(tok) > 64 ||
		    u->nhomes >= USERS_MAX_HOMES) {
			free(copy);
			return -1;
		}
		u->homes =
		    xreallocarray(u->homes, u->nhomes + 1, sizeof(*u->homes));
		u->homes[u->nhomes++] = xstrdup(tok);
	}
	free(copy);
	return 0;
}

/* Asks for a new password (twice on a terminal) and hashes it. */
static int
new_password(const struct user *u, char hash[USERS_HASH_MAX])
{
	char why[160];
	char *pw = users_password_read(STDIN_FILENO, "New password: ");
	int rc = -1;

	if (pw == NULL) {
		fprintf(stderr, "rotad: user: no password on standard input\n");
		return -1;
	}
	if (isatty(STDIN_FILENO)) {
		char *again = users_password_read(STDIN_FILENO, "Again: ");
		if (again == NULL || strcmp(again, pw) != 0) {
			fprintf(stderr, "rotad: user: the passwords differ\n");
			users_password_free(again);
			users_password_free(pw);
			return -1;
		}
		users_password_free(again);
	}
	if (users_password_policy(u->login, u->name, pw, why, sizeof(why)) ==
	    -1)
		fprintf(stderr, "rotad: user: %s\n", why);
	else if (users_password_hash(pw, hash) == 0)
		rc = 0;
	users_password_free(pw);
	return rc;
}

static int
audit(struct store *st, const char *action, const struct user *u,
    struct rotad_error *err)
{
	char *after = NULL;
	int rc;

	if (u != NULL && strcmp(action, "delete") != 0) {
		json_t *j = user_json(u);
		after = json_dumps(j, JSON_COMPACT);
		json_decref(j);
	}
	rc = store_audit(st, (int64_t)time(NULL), "rotad user", action, "user",
	    u->login, NULL, after, err);
	free(after);
	return rc;
}

/* Prints a fresh invitation code for u (inside the caller's write). */
static int
invite(struct store *st, const struct user *u, struct rotad_error *err)
{
	char code[AUTH_TOKEN_MAXLEN];
	unsigned char hash[AUTH_HASH_LEN];
	int64_t now = (int64_t)time(NULL);

	auth_token_new("", code, sizeof(code));
	auth_token_hash(code, hash);
	if (users_invite_insert(
	        st, hash, u->id, now + INVITE_DAYS * 86400, err) == -1)
		return -1;
	printf("invitation for %s (once, within %d days):\n%s\n"
	       "The person chooses a password with POST /api/v1/invite "
	       "{\"code\": ..., \"password\": ...}.\n",
	    u->login, INVITE_DAYS, code);
	return 0;
}

static int
user_add(struct store *st, int argc, char **argv, const char *login)
{
	struct user u;
	struct rotad_error err;
	char hash[USERS_HASH_MAX];
	bool want_invite = false;
	int rc = 1;

	memset(&u, 0, sizeof(u));
	snprintf(u.login, sizeof(u.login), "%s", login);
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			u.role = user_role_parse(argv[++i]);
		else if (strcmp(argv[i], "--homes") == 0 && i + 1 < argc) {
			if (cmd_user_parse_homes(argv[++i], &u) == -1) {
				fprintf(stderr,
				    "rotad: user: --homes takes home ids "
				    "separated by commas\n");
				goto out;
			}
		} else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc) {
			if (strlen(argv[i + 1]) > USERS_NAME_MAX) {
				fprintf(stderr,
				    "rotad: user: the name is "
				    "too long\n");
				goto out;
			}
			snprintf(u.name, sizeof(u.name), "%s", argv[++i]);
		} else if (strcmp(argv[i], "--invite") == 0)
			want_invite = true;
		else {
			user_usage();
			rc = 2;
			goto out;
		}
	}
	if (u.role == USER_ROLE_NONE) {
		fprintf(stderr,
		    "rotad: user: give --role admin, coordinator "
		    "or viewer\n");
		rc = 2;
		goto out;
	}
	if (!want_invite && new_password(&u, hash) == -1)
		goto out;
	rotad_error_clear(&err);
	if (store_begin(st, &err) == -1)
		goto fail;
	if (users_insert(st, &u, want_invite ? NULL : hash, (int64_t)time(NULL),
	        &err) == -1 ||
	    audit(st, "create", &u, &err) == -1 ||
	    (want_invite && invite(st, &u, &err) == -1)) {
		store_rollback(st);
		goto fail;
	}
	if (store_commit(st, &err) == -1)
		goto fail;
	fprintf(stderr, "rotad: user %s added (%s)\n", u.login,
	    user_role_name(u.role));
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "rotad: user add: %s\n", err.message);
out:
	user_release(&u);
	return rc;
}

static int
user_list(struct store *st)
{
	json_t *list = users_list_json(st), *u;
	size_t i;

	json_array_foreach(list, i, u)
	{
		json_t *h, *homes = json_object_get(u, "homes");
		size_t j;
		printf("%s\t%s\t",
		    json_string_value(json_object_get(u, "login")),
		    json_string_value(json_object_get(u, "role")));
		if (json_array_size(homes) == 0)
			printf("*");
		json_array_foreach(homes, j, h)
		    printf("%s%s", j ? "," : "", json_string_value(h));
		printf("\t%s\t%s\n",
		    json_is_true(json_object_get(u, "has_password"))
		        ? "password"
		        : "no-password",
		    json_string_value(json_object_get(u, "name")));
	}
	json_decref(list);
	return 0;
}

static int
user_passwd(struct store *st, const char *login)
{
	struct user u;
	struct rotad_error err;
	char hash[USERS_HASH_MAX];
	int rc = 1;

	if (users_find(st, login, &u, NULL) != 1) {
		fprintf(stderr, "rotad: user: no user '%s'\n", login);
		return 1;
	}
	if (new_password(&u, hash) == -1)
		goto out;
	rotad_error_clear(&err);
	if (store_begin(st, &err) == -1 ||
	    users_set_password(st, u.id, hash, (int64_t)time(NULL), &err) ==
	        -1 ||
	    audit(st, "password", &u, &err) == -1 ||
	    store_commit(st, &err) == -1) {
		store_rollback(st);
		fprintf(stderr, "rotad: user passwd: %s\n", err.message);
		goto out;
	}
	fprintf(stderr,
	    "rotad: password of %s changed; their sessions have ended\n",
	    u.login);
	rc = 0;
out:
	user_release(&u);
	return rc;
}

static int
user_rm(struct store *st, const char *login)
{
	struct user u;
	struct rotad_error err;
	int rc = 1;

	if (users_find(st, login, &u, NULL) != 1) {
		fprintf(stderr, "rotad: user: no user '%s'\n", login);
		return 1;
	}
	rotad_error_clear(&err);
	if (store_begin(st, &err) == -1 || users_delete(st, u.id, &err) == -1 ||
	    audit(st, "delete", &u, &err) == -1 ||
	    store_commit(st, &err) == -1) {
		store_rollback(st);
		fprintf(stderr, "rotad: user rm: %s\n", err.message);
	} else {
		fprintf(stderr,
		    "rotad: user %s removed, with their sessions and "
		    "tokens\n",
		    u.login);
		rc = 0;
	}
	user_release(&u);
	return rc;
}

int
rotad_user_main(int argc, char **argv)
{
	const char *db = "rota.db", *verb, *login = NULL;
	char **rest = xcalloc((size_t)argc + 1, sizeof(*rest));
	int nrest = 0, rc;
	struct rotad_error err;
	struct store *st;

	if (argc < 2) {
		user_usage();
		free(rest);
		return 2;
	}
	verb = argv[1];
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (login == NULL && argv[i][0] != '-' &&
		    strcmp(verb, "list") != 0)
			login = argv[i];
		else {
			rest[nrest++] = argv[i];
			/* Options with a value keep it. */
			if ((strcmp(argv[i], "--role") == 0 ||
			        strcmp(argv[i], "--homes") == 0 ||
			        strcmp(argv[i], "--name") == 0) &&
			    i + 1 < argc)
				rest[nrest++] = argv[++i];
		}
	}
	if (strcmp(verb, "list") != 0 &&
	    (login == NULL || !users_login_valid(login))) {
		fprintf(stderr,
		    "rotad: user: give a LOGIN of 1 to %d letters, digits "
		    "and ._@- (starting with a letter or digit)\n",
		    USERS_LOGIN_MAX);
		free(rest);
		return 2;
	}
	if (strcmp(verb, "add") != 0 && nrest > 0) {
		user_usage();
		free(rest);
		return 2;
	}
	/* Adding the first admin is a first-run act: it may make the
	 * database (and says so); the other verbs need an existing one. */
	if (strcmp(verb, "add") == 0 && access(db, F_OK) == -1 &&
	    errno == ENOENT)
		fprintf(stderr, "rotad: creating the new database '%s'\n", db);
	rotad_error_clear(&err);
	if ((st = store_open_mode(db,
	         strcmp(verb, "add") == 0 ? STORE_OPEN_CREATE
	                                  : STORE_OPEN_EXISTING,
	         &err)) == NULL) {
		fprintf(stderr, "rotad: %s\n", err.message);
		free(rest);
		return 1;
	}
	if (strcmp(verb, "add") == 0)
		rc = user_add(st, nrest, rest, login);
	else if (strcmp(verb, "list") == 0)
		rc = user_list(st);
	else if (strcmp(verb, "passwd") == 0)
		rc = user_passwd(st, login);
	else if (strcmp(verb, "rm") == 0)
		rc = user_rm(st, login);
	else {
		user_usage();
		rc = 2;
	}
	store_close(st);
	free(rest);
	return rc;
}

int
cmd_user_token_owner(struct store *st, const char *token_name,
    const char *login, struct rotad_error *err)
{
	struct user u;
	int rc;

	if (users_find(st, login, &u, NULL) != 1) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
		    "no user '%s' (see rotad user list)", login);
		return -1;
	}
	rc = users_token_set_user(st, token_name, u.id, err);
	user_release(&u);
	return rc;
}
