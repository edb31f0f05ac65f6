/* SPDX-License-Identifier: ISC */
/*
 * This file contains user accounts (issue 14): the password policy and
 * Argon2id hashing through libsodium, reading a password from a terminal,
 * and the users, sessions, invitations and token owners in SQLite, with
 * statements prepared per call on the store's connection.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "log.h"
#include "model.h"
#include "store.h"
#include "i18n.h"
#include "users.h"
#include "xmalloc.h"

/* ---- roles and scope ---- */

static const char *const role_names[] = {"", "viewer", "coordinator", "admin"};

const char *
user_role_name(enum user_role role)
{
	return (unsigned)role < 4 ? role_names[role] : "";
}

enum user_role
user_role_parse(const char *name)
{
	for (unsigned r = USER_ROLE_VIEWER; r <= USER_ROLE_ADMIN; r++)
		if (name != NULL && strcmp(name, role_names[r]) == 0)
			return (enum user_role)r;
	return USER_ROLE_NONE;
}

static void
free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
user_release(struct user *u)
{
	free_strv(u->homes, u->nhomes);
	free_strv(u->regions, u->nregions);
	free_strv(u->region_homes, u->nregion_homes);
	u->homes = u->regions = u->region_homes = NULL;
	u->nhomes = u->nregions = u->nregion_homes = 0;
}

bool
user_scoped(const struct user *u)
{
	return u->nhomes > 0 || u->nregions > 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
user_scope_resolve(struct user *u, const struct model_instance *inst)
{
	free_strv(u->region_homes, u->nregion_homes);
	u->region_homes = NULL;
	u->nregion_homes = 0;
	if (u->nregions == 0 || inst == NULL)
		return;
	for (size_t h = 0; h < inst->nhomes; h++) {
		const char *r = inst->homes[h].region;
		bool in = false;
		for (size_t i = 0; r != NULL && i < u->nregions && !in; i++)
			in = strcmp(u->regions[i], r) == 0;
		if (!in)
			continue;
		u->region_homes = xreallocarray(u->region_homes,
		    u->nregion_homes + 1, sizeof(*u->region_homes));
		u->region_homes[u->nregion_homes++] =
		    xstrdup(inst->homes[h].id);
	}
	if (u->nregion_homes > 1)
		qsort(u->region_homes, u->nregion_homes,
		    sizeof(*u->region_homes), cmp_str);
}

bool
user_in_scope(const struct user *u, const char *home_id)
{
	if (!user_scoped(u))
		return true;
	if (home_id == NULL)
		return false;
	for (size_t i = 0; i < u->nhomes; i++)
		if (strcmp(u->homes[i], home_id) == 0)
			return true;
	return u->nregion_homes > 0 &&
	    bsearch(&home_id, u->region_homes, u->nregion_homes,
	        sizeof(*u->region_homes), cmp_str) != NULL;
}

int
users_login_valid(const char *login)
{
	size_t n = login ? strlen(login) : 0;

	if (n == 0 || n > USERS_LOGIN_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = login[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || strchr("._@-", c) == NULL))
			return 0;
	}
	return 1;
}

/* ---- passwords ---- */

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether needle occurs in hay, ignoring ASCII case. */
static bool
contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle), h = strlen(hay);

	for (size_t i = 0; n <= h && i <= h - n; i++) {
		size_t j = 0;
		while (j < n && lower(hay[i + j]) == lower(needle[j]))
			j++;
		if (j == n)
			return true;
	}
	return false;
}

static bool
equal_nocase(const char *a, const char *b)
{
	return strlen(a) == strlen(b) && contains_nocase(a, b);
}

/* Whether the password holds a part (3+ bytes) of a name of words. */
static bool
contains_name_part(const char *password, const char *name)
{
	char part[USERS_NAME_MAX + 1];
	size_t n = 0;

	for (const char *c = name;; c++) {
		if (*c != '\0' && *c != ' ' && *c != '-' &&
		    n < USERS_NAME_MAX) {
			part[n++] = *c;
			continue;
		}
		part[n] = '\0';
		if (n >= 3 && contains_nocase(password, part))
			return true;
		n = 0;
		if (*c == '\0')
			return false;
	}
}

int
users_password_policy(const char *login, const char *name, const char *password,
    char *why, size_t whylen)
{
	size_t bytes = strlen(password), chars = 0;
	const char *words[2] = {login, name};

	for (size_t i = 0; i < bytes; i++)
		if (((unsigned char)password[i] & 0xc0) != 0x80)
			chars++;
	if (chars < USERS_PASSWORD_MIN) {
		snprintf(why, whylen,
		    _("the password needs at least %d characters"),
		    USERS_PASSWORD_MIN);
		return -1;
	}
	if (bytes > USERS_PASSWORD_MAX) {
		snprintf(why, whylen,
		    _("the password may have at most %d bytes"),
		    USERS_PASSWORD_MAX);
		return -1;
	}
	for (size_t w = 0; w < 2; w++) {
		const char *word = words[w];
		if (word == NULL || word[0] == '\0')
			continue;
		/* A very short name would forbid too much. */
		if (equal_nocase(password, word) ||
		    (strlen(word) >= 3 && contains_nocase(password, word)) ||
		    (w == 1 && contains_name_part(password, word))) {
			snprintf(why, whylen, "%s",
			    w == 0
			        ? _("the password may not contain the login")
			        : _("the password may not contain the name"));
			return -1;
		}
	}
	return 0;
}

int
users_password_hash(const char *password, char out[USERS_HASH_MAX])
{
	_Static_assert(USERS_HASH_MAX >= crypto_pwhash_STRBYTES, "hash size");
	if (crypto_pwhash_str(out, password, strlen(password),
	        crypto_pwhash_OPSLIMIT_INTERACTIVE,
	        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		log_warnx("users: out of memory hashing a password");
		return -1;
	}
	return 0;
}

int
users_password_verify(const char *hash, const char *password)
{
	if (hash == NULL || hash[0] == '\0')
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool
users_password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash,
	           crypto_pwhash_OPSLIMIT_INTERACTIVE,
	           crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

char *
users_password_read(int fd, const char *prompt)
{
	struct termios old, quiet;
	bool tty = isatty(fd) && tcgetattr(fd, &old) == 0;
	size_t cap = USERS_PASSWORD_MAX + 2, len = 0;
	char *buf = xmalloc(cap);
	bool ok = false;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		fflush(stderr);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		(void)tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	for (;;) {
		char c;
		ssize_t n = read(fd, &c, 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			ok = len > 0;
			break;
		}
		if (c == '\n') {
			ok = true;
			break;
		}
		if (len + 1 >= cap) /* too long: the policy refuses it */
			continue;
		buf[len++] = c;
	}
	if (tty)
		(void)tcsetattr(fd, TCSAFLUSH, &old);
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	if (!ok) {
		users_password_free(buf);
		return NULL;
	}
	return buf;
}

void
users_password_free(char *password)
{
	if (password == NULL)
		return;
	sodium_memzero(password, strlen(password));
	free(password);
}

void
users_csrf_token(const char *cookie, char out[USERS_CSRF_LEN])
{
	static const char msg[] = "rota csrf token v1";
	unsigned char mac[32];
	size_t klen = strlen(cookie);

	if (klen > crypto_generichash_KEYBYTES_MAX)
		klen = crypto_generichash_KEYBYTES_MAX;
	crypto_generichash(mac, sizeof(mac), (const unsigned char *)msg,
	    sizeof(msg) - 1, (const unsigned char *)cookie, klen);
	sodium_bin2base64(out, USERS_CSRF_LEN, mac, sizeof(mac),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* ---- statements ---- */

/* Cached on the store's connection: reset after use, never finalized. */
static sqlite3_stmt *
prep(struct store *st, const char *sql)
{
	return store_stmt_cached(st, sql);
}

static int
fail(struct store *st, int rc, const char *what, struct rotad_error *err)
{
	log_warnx(
	    "users: %s: %s (%d)", what, sqlite3_errmsg(store_sqlite(st)), rc);
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
	if (rc != SQLITE_DONE)
		return fail(st, rc, what, err);
	return 0;
}

static void
text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static void
copy_col(sqlite3_stmt *s, int i, char *dst, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(dst, len, "%s", t ? (const char *)t : "");
}

#define USER_COLS                                                              \
	"u.id, u.login, u.name, u.role, u.password_hash IS NOT NULL, "         \
	"u.created_at, u.updated_at, coalesce(u.password_changed_at, 0), "     \
	"coalesce(u.email, '')"

/* Fills out from the USER_COLS at column `at` of a row. */
static void
user_from_row(sqlite3_stmt *s, int at, struct user *out)
{
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(s, at);
	copy_col(s, at + 1, out->login, sizeof(out->login));
	copy_col(s, at + 2, out->name, sizeof(out->name));
	out->role =
	    user_role_parse((const char *)sqlite3_column_text(s, at + 3));
	out->has_password = sqlite3_column_int(s, at + 4) != 0;
	out->created_at = sqlite3_column_int64(s, at + 5);
	out->updated_at = sqlite3_column_int64(s, at + 6);
	out->password_changed_at = sqlite3_column_int64(s, at + 7);
	copy_col(s, at + 8, out->email, sizeof(out->email));
}

static void
load_homes(struct store *st, struct user *u)
{
	sqlite3_stmt *s = prep(st,
	    "SELECT home_id FROM user_homes WHERE user_id = ?1 "
	    "ORDER BY home_id");

	sqlite3_bind_int64(s, 1, u->id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		u->homes =
		    xreallocarray(u->homes, u->nhomes + 1, sizeof(*u->homes));
		u->homes[u->nhomes++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	s = prep(st,
	    "SELECT region FROM user_regions WHERE user_id = ?1 "
	    "ORDER BY region");
	sqlite3_bind_int64(s, 1, u->id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		u->regions = xreallocarray(
		    u->regions, u->nregions + 1, sizeof(*u->regions));
		u->regions[u->nregions++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
}

static int
store_homes(struct store *st, const struct user *u, struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st, "DELETE FROM user_homes WHERE user_id = ?1");

	sqlite3_bind_int64(s, 1, u->id);
	if (done(st, s, "store a user's homes", err) == -1)
		return -1;
	for (size_t i = 0; i < u->nhomes; i++) {
		s = prep(st,
		    "INSERT OR IGNORE INTO user_homes(user_id, home_id) "
		    "VALUES (?1, ?2)");
		sqlite3_bind_int64(s, 1, u->id);
		text(s, 2, u->homes[i]);
		if (done(st, s, "store a user's homes", err) == -1)
			return -1;
	}
	s = prep(st, "DELETE FROM user_regions WHERE user_id = ?1");
	sqlite3_bind_int64(s, 1, u->id);
	if (done(st, s, "store a user's regions", err) == -1)
		return -1;
	for (size_t i = 0; i < u->nregions; i++) {
		s = prep(st,
		    "INSERT OR IGNORE INTO user_regions(user_id, region) "
		    "VALUES (?1, ?2)");
		sqlite3_bind_int64(s, 1, u->id);
		text(s, 2, u->regions[i]);
		if (done(st, s, "store a user's regions", err) == -1)
			return -1;
	}
	return 0;
}

int
users_insert(struct store *st, struct user *u, const char *pwhash, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st,
	    "INSERT INTO users(login, name, role, password_hash, created_at, "
	    "updated_at, password_changed_at, email) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?5, CASE WHEN ?4 IS NULL THEN NULL ELSE ?5 END, "
	    "nullif(?6, ''))");
	int rc;

	text(s, 1, u->login);
	text(s, 2, u->name);
	text(s, 3, user_role_name(u->role));
	text(s, 4, pwhash);
	sqlite3_bind_int64(s, 5, now);
	text(s, 6, u->email);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		rotad_error_set(err, ROTAD_ERR_CONFLICT, "login",
		    "a user with login '%s' exists already", u->login);
		return -1;
	}
	if (rc != SQLITE_DONE)
		return fail(st, rc, "store a user", err);
	u->id = sqlite3_last_insert_rowid(store_sqlite(st));
	u->created_at = u->updated_at = now;
	u->has_password = pwhash != NULL;
	u->password_changed_at = pwhash != NULL ? now : 0;
	return store_homes(st, u, err);
}

int
users_find(struct store *st, const char *login, struct user *out,
    char pwhash[USERS_HASH_MAX])
{
	sqlite3_stmt *s = prep(st,
	    "SELECT " USER_COLS ", coalesce(u.password_hash, '') FROM users u "
	    "WHERE u.login = ?1");
	int found = 0;

	text(s, 1, login);
	if (sqlite3_step(s) == SQLITE_ROW) {
		user_from_row(s, 0, out);
		if (pwhash != NULL)
			copy_col(s, 9, pwhash, USERS_HASH_MAX);
		found = 1;
	}
	sqlite3_reset(s);
	if (found)
		load_homes(st, out);
	return found;
}

int
users_find_id(struct store *st, int64_t id, struct user *out)
{
	sqlite3_stmt *s =
	    prep(st, "SELECT " USER_COLS " FROM users u WHERE u.id = ?1");
	int found = 0;

	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		user_from_row(s, 0, out);
		found = 1;
	}
	sqlite3_reset(s);
	if (found)
		load_homes(st, out);
	return found;
}

static int
expect_one(struct store *st, const char *what, struct rotad_error *err)
{
	if (sqlite3_changes(store_sqlite(st)) == 0) {
		rotad_error_set(
		    err, ROTAD_ERR_NOT_FOUND, NULL, "no such %s", what);
		return -1;
	}
	return 0;
}

int
users_update(struct store *st, const struct user *u, int64_t now,
    struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st,
	    "UPDATE users SET name = ?2, role = ?3, updated_at = ?4, "
	    "email = nullif(?5, '') WHERE id = ?1");

	sqlite3_bind_int64(s, 1, u->id);
	text(s, 2, u->name);
	text(s, 3, user_role_name(u->role));
	sqlite3_bind_int64(s, 4, now);
	text(s, 5, u->email);
	if (done(st, s, "update a user", err) == -1 ||
	    expect_one(st, "user", err) == -1)
		return -1;
	return store_homes(st, u, err);
}

int
users_set_password(struct store *st, int64_t id, const char *pwhash,
    int64_t now, struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st,
	    "UPDATE users SET password_hash = ?2, password_changed_at = ?3, "
	    "updated_at = ?3 WHERE id = ?1");

	sqlite3_bind_int64(s, 1, id);
	text(s, 2, pwhash);
	sqlite3_bind_int64(s, 3, now);
	if (done(st, s, "set a password", err) == -1 ||
	    expect_one(st, "user", err) == -1)
		return -1;
	return users_sessions_end(st, id, err);
}

int
users_password_rehash(
    struct store *st, int64_t id, const char *pwhash, struct rotad_error *err)
{
	sqlite3_stmt *s =
	    prep(st, "UPDATE users SET password_hash = ?2 WHERE id = ?1");

	sqlite3_bind_int64(s, 1, id);
	text(s, 2, pwhash);
	return done(st, s, "rehash a password", err);
}

int
users_delete(struct store *st, int64_t id, struct rotad_error *err)
{
	static const char *const sql[] = {
	    "DELETE FROM sessions WHERE user_id = ?1",
	    "DELETE FROM user_invites WHERE user_id = ?1",
	    "DELETE FROM user_homes WHERE user_id = ?1",
	    "DELETE FROM user_regions WHERE user_id = ?1",
	    "DELETE FROM api_tokens WHERE user_id = ?1",
	    "DELETE FROM users WHERE id = ?1",
	};

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		sqlite3_stmt *s = prep(st, sql[i]);
		sqlite3_bind_int64(s, 1, id);
		if (done(st, s, "remove a user", err) == -1)
			return -1;
	}
	return expect_one(st, "user", err);
}

int
users_count_admins(struct store *st)
{
	sqlite3_stmt *s =
	    prep(st, "SELECT count(*) FROM users WHERE role = 'admin'");
	int n = -1;

	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return n;
}

struct users_recipient *
users_mail_recipients(struct store *st, const char *home_id, size_t *n)
{
	sqlite3_stmt *s = prep(st,
	    "SELECT u.login, u.email FROM users u WHERE u.email IS NOT NULL "
	    "AND u.role = 'coordinator' AND (NOT EXISTS (SELECT 1 FROM "
	    "user_homes h WHERE h.user_id = u.id) OR EXISTS (SELECT 1 FROM "
	    "user_homes h WHERE h.user_id = u.id AND h.home_id = ?1)) "
	    "ORDER BY u.login");
	struct users_recipient *v = NULL;

	*n = 0;
	text(s, 1, home_id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		v = xreallocarray(v, *n + 1, sizeof(*v));
		copy_col(s, 0, v[*n].login, sizeof(v[*n].login));
		copy_col(s, 1, v[*n].email, sizeof(v[*n].email));
		(*n)++;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return v;
}

json_t *
user_json(const struct user *u)
{
	json_t *homes = json_array(), *regions = json_array();

	for (size_t i = 0; i < u->nhomes; i++)
		json_array_append_new(homes, json_string(u->homes[i]));
	for (size_t i = 0; i < u->nregions; i++)
		json_array_append_new(regions, json_string(u->regions[i]));
	json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:b, s:I, s:I, s:I}",
	    "login", u->login, "name", u->name, "role", user_role_name(u->role),
	    "homes", homes, "regions", regions, "has_password", u->has_password,
	    "created_at", (json_int_t)u->created_at, "updated_at",
	    (json_int_t)u->updated_at, "password_changed_at",
	    (json_int_t)u->password_changed_at);

	if (u->email[0] != '\0')
		json_object_set_new(o, "email", json_string(u->email));
	return o;
}

json_t *
users_list_json(struct store *st)
{
	sqlite3_stmt *s = prep(st, "SELECT u.id FROM users u ORDER BY u.login");
	json_t *arr = json_array();
	int64_t *ids = NULL;
	size_t n = 0;

	while (sqlite3_step(s) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof(*ids));
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	for (size_t i = 0; i < n; i++) {
		struct user u;
		if (users_find_id(st, ids[i], &u) == 1) {
			json_array_append_new(arr, user_json(&u));
			user_release(&u);
		}
	}
	free(ids);
	return arr;
}

/* ---- tokens ---- */

int
users_token_set_user(struct store *st, const char *name, int64_t user_id,
    struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st,
	    "UPDATE api_tokens SET user_id = ?2 WHERE name = ?1 AND "
	    "revoked_at IS NULL");

	text(s, 1, name);
	if (user_id > 0)
		sqlite3_bind_int64(s, 2, user_id);
	else
		sqlite3_bind_null(s, 2);
	if (done(st, s, "give a token to a user", err) == -1)
		return -1;
	return expect_one(st, "live token", err);
}

int
users_token_find(struct store *st, const unsigned char hash[32], char *name,
    size_t namelen, struct user *out)
{
	sqlite3_stmt *s = prep(st,
	    "SELECT t.name, t.user_id IS NULL, " USER_COLS
	    " FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id "
	    "WHERE t.hash = ?1 AND t.revoked_at IS NULL");
	int found = 0;

	sqlite3_bind_blob(s, 1, hash, 32, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW) {
		copy_col(s, 0, name, namelen);
		if (sqlite3_column_int(s, 1)) {
			memset(out, 0, sizeof(*out));
			out->role = USER_ROLE_ADMIN;
			found = 1;
		} else if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
			user_from_row(s, 2, out);
			found = out->role != USER_ROLE_NONE;
		}
	}
	sqlite3_reset(s);
	if (found && out->id > 0)
		load_homes(st, out);
	return found;
}

/* ---- sessions ---- */

int
users_session_insert(struct store *st, const unsigned char hash[32],
    int64_t user_id, int64_t now, int64_t expires_at, struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st,
	    "INSERT INTO sessions(hash, user_id, created_at, last_seen, "
	    "expires_at) VALUES (?1, ?2, ?3, ?3, ?4)");

	sqlite3_bind_blob(s, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, user_id);
	sqlite3_bind_int64(s, 3, now);
	sqlite3_bind_int64(s, 4, expires_at);
	return done(st, s, "start a session", err);
}

int
users_session_find(struct store *st, const unsigned char hash[32], int64_t now,
    int64_t idle, struct user *out, int64_t *session_id, int64_t *last_seen)
{
	sqlite3_stmt *s = prep(st,
	    "SELECT s.id, s.last_seen, " USER_COLS
	    " FROM sessions s JOIN users u ON "
	    "u.id = s.user_id WHERE s.hash = ?1 AND s.expires_at > ?2 AND "
	    "s.last_seen > ?2 - ?3");
	int found = 0;

	sqlite3_bind_blob(s, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int64(s, 3, idle);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*session_id = sqlite3_column_int64(s, 0);
		*last_seen = sqlite3_column_int64(s, 1);
		user_from_row(s, 2, out);
		found = out->role != USER_ROLE_NONE;
	}
	sqlite3_reset(s);
	if (found)
		load_homes(st, out);
	return found;
}

int
users_session_touch(
    struct store *st, int64_t session_id, int64_t now, struct rotad_error *err)
{
	sqlite3_stmt *s =
	    prep(st, "UPDATE sessions SET last_seen = ?2 WHERE id = ?1");

	sqlite3_bind_int64(s, 1, session_id);
	sqlite3_bind_int64(s, 2, now);
	return done(st, s, "keep a session", err);
}

int
users_session_delete(
    struct store *st, const unsigned char hash[32], struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st, "DELETE FROM sessions WHERE hash = ?1");

	sqlite3_bind_blob(s, 1, hash, 32, SQLITE_TRANSIENT);
	return done(st, s, "end a session", err);
}

int
users_sessions_end(struct store *st, int64_t user_id, struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st, "DELETE FROM sessions WHERE user_id = ?1");

	sqlite3_bind_int64(s, 1, user_id);
	return done(st, s, "end a user's sessions", err);
}

int
users_sessions_prune(
    struct store *st, int64_t now, int64_t idle, struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st,
	    "DELETE FROM sessions WHERE expires_at <= ?1 OR "
	    "last_seen <= ?1 - ?2");

	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int64(s, 2, idle);
	return done(st, s, "drop old sessions", err);
}

/* ---- invitations ---- */

int
users_invite_insert(struct store *st, const unsigned char hash[32],
    int64_t user_id, int64_t expires_at, struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st,
	    "INSERT INTO user_invites(hash, user_id, expires_at) "
	    "VALUES (?1, ?2, ?3)");

	sqlite3_bind_blob(s, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, user_id);
	sqlite3_bind_int64(s, 3, expires_at);
	return done(st, s, "store an invitation", err);
}

int
users_invite_take(struct store *st, const unsigned char hash[32], int64_t now,
    int64_t *user_id, struct rotad_error *err)
{
	sqlite3_stmt *s = prep(st,
	    "SELECT user_id FROM user_invites WHERE hash = ?1 AND "
	    "expires_at > ?2");
	int found = 0;

	sqlite3_bind_blob(s, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, now);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*user_id = sqlite3_column_int64(s, 0);
		found = 1;
	}
	sqlite3_reset(s);
	if (!found)
		return 0;
	s = prep(st, "DELETE FROM user_invites WHERE user_id = ?1");
	sqlite3_bind_int64(s, 1, *user_id);
	if (done(st, s, "use an invitation", err) == -1)
		return -1;
	return 1;
}
