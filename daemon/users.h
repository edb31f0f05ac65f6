/* SPDX-License-Identifier: ISC */
/*
 * People, not tokens (issue 14): user accounts with a role and a scope of
 * homes, their passwords (Argon2id through libsodium), browser sessions,
 * invitations, and the user behind each API token.  Kept in the tables of
 * sql/0006_accounts.sql through the store's connection, with statements
 * of its own.
 *
 * Passwords follow NIST SP 800-63B: at least USERS_PASSWORD_MIN
 * characters, at most USERS_PASSWORD_MAX bytes, not equal to or
 * containing the login or the name (ignoring case), no other rules.  A
 * password is never logged and never in any answer.
 */
#ifndef ROTAD_USERS_H
#define ROTAD_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "mail_mime.h"

struct store;
struct model_instance;

enum user_role {
	USER_ROLE_NONE = 0,
	USER_ROLE_VIEWER = 1,
	USER_ROLE_COORDINATOR = 2,
	USER_ROLE_ADMIN = 3
};

#define USERS_LOGIN_MAX    64
#define USERS_NAME_MAX     128
#define USERS_PASSWORD_MIN 8    /* characters (UTF-8 code points) */
#define USERS_PASSWORD_MAX 1024 /* bytes */
#define USERS_HASH_MAX     128  /* crypto_pwhash_STRBYTES */
#define USERS_MAX_HOMES    256
#define USERS_MAX_REGIONS  64
#define USERS_REGION_MAX   128 /* bytes of a region's name */

struct user {
	int64_t id; /* 0: no person (an admin token of no user) */
	char login[USERS_LOGIN_MAX + 1];
	char name[USERS_NAME_MAX + 1];
	enum user_role role;
	/* The scope: these homes and every home of these regions; both
	 * empty = every home. */
	char **homes;
	size_t nhomes;
	char **regions;
	size_t nregions;
	/* The ids of the homes of `regions` in the loaded instance, sorted
	 * (user_scope_resolve); not stored. */
	char **region_homes;
	size_t nregion_homes;
	bool has_password;
	int64_t created_at, updated_at, password_changed_at;
	/* Where notifications go (issue 16): an address, "" for none. */
	char email[MAIL_ADDR_MAX + 1];
};

/* Frees u's homes and regions (the struct itself is the caller's). */
void user_release(struct user *u);
/* Whether u's scope is limited (some homes or regions). */
bool user_scoped(const struct user *u);
/*
 * Finds the homes of u's regions in inst (again: a home moved into or
 * out of a region counts from the next call).  Until it is called, a
 * region holds no home.
 */
void user_scope_resolve(struct user *u, const struct model_instance *inst);
/*
 * Whether u may see home_id: an unlimited scope holds every home; a
 * limited one its homes and those of its regions (user_scope_resolve).
 * THE scope check: everything about homes asks it.
 */
bool user_in_scope(const struct user *u, const char *home_id);

const char *user_role_name(enum user_role role);
/* USER_ROLE_NONE for an unknown name. */
enum user_role user_role_parse(const char *name);

/* 1 when a login has 1..64 of [A-Za-z0-9._@-] and starts alphanumeric. */
int users_login_valid(const char *login);

/*
 * The password policy: 0, or -1 with the reason (for people, never
 * quoting the password) in why.
 */
int users_password_policy(const char *login, const char *name,
    const char *password, char *why, size_t whylen);
/* Argon2id hash text (crypto_pwhash_str, interactive limits); 0 or -1. */
int users_password_hash(const char *password, char out[USERS_HASH_MAX]);
/* 1 when the password matches the stored hash text. */
int users_password_verify(const char *hash, const char *password);
/* Whether a stored hash was made with weaker limits than ours now. */
bool users_password_needs_rehash(const char *hash);

/*
 * Reads a password from fd (one line, without its newline); with a
 * terminal, prompt on stderr and turn echo off.  Returns a new string
 * (free with users_password_free) or NULL.
 */
char *users_password_read(int fd, const char *prompt);
void users_password_free(char *password);

/*
 * The store.  Each write is one statement or runs inside the caller's
 * transaction (store_begin ... store_commit).  Lookups return 1 (found,
 * *out filled; user_release it), 0 (not found) or -1.
 */
int users_insert(struct store *st, struct user *u, const char *pwhash,
    int64_t now, struct rotad_error *err); /* sets u->id */
int users_find(struct store *st, const char *login, struct user *out,
    char pwhash[USERS_HASH_MAX]); /* pwhash may be NULL */
int users_find_id(struct store *st, int64_t id, struct user *out);
/* Name, role, homes and regions of u->id. */
int users_update(struct store *st, const struct user *u, int64_t now,
    struct rotad_error *err);
/* Sets (or with NULL clears) the password and ends the user's sessions. */
int users_set_password(struct store *st, int64_t id, const char *pwhash,
    int64_t now, struct rotad_error *err);
/* Stores a stronger hash of the same password (sessions stay). */
int users_password_rehash(
    struct store *st, int64_t id, const char *pwhash, struct rotad_error *err);
/* Removes the user, their sessions, invitations and tokens. */
int users_delete(struct store *st, int64_t id, struct rotad_error *err);
/* Users with role admin. */
int users_count_admins(struct store *st);
/* Every user as a JSON array, ordered by login. */
json_t *users_list_json(struct store *st);
/*
 * One user as JSON: login, name, role, homes, regions, has_password,
 * times.
 */
json_t *user_json(const struct user *u);

/*
 * The coordinators with an address whose scope holds home_id (issue 16:
 * new requests and sick calls), ordered by login: a new array of *n
 * (caller frees), NULL when none.
 */
struct users_recipient {
	char login[USERS_LOGIN_MAX + 1];
	char email[MAIL_ADDR_MAX + 1];
};
struct users_recipient *users_mail_recipients(
    struct store *st, const char *home_id, size_t *n);

/* Gives the token `name` to the user (0 = an admin token of nobody). */
int users_token_set_user(struct store *st, const char *name, int64_t user_id,
    struct rotad_error *err);
/*
 * The live token with this hash: its name and its user (id 0, role admin,
 * login "" for a token of nobody).  1, 0 or -1.
 */
int users_token_find(struct store *st, const unsigned char hash[32], char *name,
    size_t namelen, struct user *out);

/* Sessions, stored by the hash of the cookie value. */
int users_session_insert(struct store *st, const unsigned char hash[32],
    int64_t user_id, int64_t now, int64_t expires_at, struct rotad_error *err);
/*
 * The live session with this hash (not past expires_at, and seen within
 * idle seconds): 1 and its user and id, else 0.
 */
int users_session_find(struct store *st, const unsigned char hash[32],
    int64_t now, int64_t idle, struct user *out, int64_t *session_id,
    int64_t *last_seen);
int users_session_touch(
    struct store *st, int64_t session_id, int64_t now, struct rotad_error *err);
int users_session_delete(
    struct store *st, const unsigned char hash[32], struct rotad_error *err);
/* Ends every session of a user. */
int users_sessions_end(
    struct store *st, int64_t user_id, struct rotad_error *err);
/* Drops sessions past their end (keeps the table small). */
int users_sessions_prune(
    struct store *st, int64_t now, int64_t idle, struct rotad_error *err);

/* Invitations: a one-time code that lets a user choose a password. */
int users_invite_insert(struct store *st, const unsigned char hash[32],
    int64_t user_id, int64_t expires_at, struct rotad_error *err);
/* Takes (deletes) a live invitation: 1 and its user id, else 0. */
int users_invite_take(struct store *st, const unsigned char hash[32],
    int64_t now, int64_t *user_id, struct rotad_error *err);

/*
 * The CSRF token of a session: base64url of a keyed BLAKE2b of the cookie
 * value, so it needs no storage and cannot be made without the cookie.
 */
#define USERS_CSRF_LEN 44 /* 43 characters and the NUL */
void users_csrf_token(const char *cookie, char out[USERS_CSRF_LEN]);

#endif /* ROTAD_USERS_H */
