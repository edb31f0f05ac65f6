/* SPDX-License-Identifier: ISC */
/*
 * This file contains browser sessions (issue 14): POST /api/v1/login,
 * POST /api/v1/logout, GET /api/v1/session (who am I) and POST
 * /api/v1/invite (an invited user chooses a password), with the login
 * throttle.
 *
 * The session cookie is 256 random bits, stored only as a hash, sent with
 * HttpOnly, SameSite=Strict, Path=/ and, when public_url is https,
 * Secure.  A session ends after [sessions] idle_minutes without a request
 * or lifetime_hours after the login, whichever is first.
 *
 * Throttle: every failed login counts against the account and against the
 * client address (as clientaddr.c sees it, behind trusted proxies).  Past
 * THROTTLE_FREE_ACCOUNT failures on an account (THROTTLE_FREE_ADDRESS from
 * an address) each new attempt waits 15 s after the last failure, then 30,
 * then 60 at most; the answer is 429 with Retry-After, also for the right
 * password, so guessing stays slow and the real user waits a minute at
 * worst.  A good login clears its account's count; 15 quiet minutes clear
 * any count.  Memory is bounded (a fixed table; a collision forgets).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "access.h"
#include "api.h"
#include "api_session.h"
#include "api_util.h"
#include "auth.h"
#include "log.h"
#include "login_throttle.h"
#include "rotad.h"
#include "stats.h"
#include "store.h"
#include "users.h"

#define THROTTLE_FREE_ACCOUNT 5
#define THROTTLE_FREE_ADDRESS 20

/* "u:login" (lower case) and "a:address". */
static void
throttle_keys(struct api_ctx *ctx, const char *login, char *ukey, size_t ulen,
    char *akey, size_t alen)
{
	char addr[64];
	size_t n;

	snprintf(ukey, ulen, "u:%.*s", USERS_LOGIN_MAX, login ? login : "");
	for (n = 2; ukey[n] != '\0'; n++)
		if (ukey[n] >= 'A' && ukey[n] <= 'Z')
			ukey[n] = (char)(ukey[n] - 'A' + 'a');
	api_client_addr(ctx, addr, sizeof(addr));
	snprintf(akey, alen, "a:%s", addr);
}

/*
 * The seconds to wait while either key must (with Retry-After added to
 * the answer), or 0.
 */
static int
throttled(struct api_ctx *ctx, const char *ukey, const char *akey, int64_t now)
{
	int wu = throttle_wait(ukey, THROTTLE_FREE_ACCOUNT, now);
	int wa = throttle_wait(akey, THROTTLE_FREE_ADDRESS, now);
	int wait = wu > wa ? wu : wa;
	char secs[16];

	if (wait == 0)
		return 0;
	snprintf(secs, sizeof(secs), "%d", wait);
	api_add_header(ctx, "Retry-After", secs);
	stats.rate_limited++;
	return wait;
}

/* ---- cookies ---- */

static bool
secure_cookies(struct api_ctx *ctx)
{
	const char *u = ctx->rd->conf.public_url;

	return u != NULL && strncasecmp(u, "https://", 8) == 0;
}

static void
set_cookie(struct api_ctx *ctx, const char *value, int64_t max_age)
{
	char buf[256];

	snprintf(buf, sizeof(buf),
	    ACCESS_COOKIE "=%s; Path=/; Max-Age=%lld; HttpOnly; "
	                  "SameSite=Strict%s",
	    value, (long long)max_age, secure_cookies(ctx) ? "; Secure" : "");
	api_add_header(ctx, "Set-Cookie", buf);
}

/* The string fields of a body; 400 (and false) for anything else. */
static bool
body_strings(struct api_ctx *ctx, const char *a, const char **va, const char *b,
    const char **vb)
{
	const char *key;
	json_t *v;

	json_object_foreach(ctx->body, key, v)
	{
		if (strcmp(key, a) != 0 && strcmp(key, b) != 0) {
			api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_FIELD, key,
			    "unknown field '%s'", key);
			return false;
		}
	}
	*va = json_string_value(json_object_get(ctx->body, a));
	*vb = json_string_value(json_object_get(ctx->body, b));
	if (*va == NULL || *vb == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_MISSING_FIELD,
		    *va == NULL ? a : b, "give '%s' and '%s' as strings", a, b);
		return false;
	}
	return true;
}

/* A hash to check against when there is no user, to take as long. */
static const char *
dummy_hash(void)
{
	static char h[USERS_HASH_MAX];

	if (h[0] == '\0' && users_password_hash("no such user's", h) == -1)
		h[0] = '\0';
	return h;
}

struct login_write {
	const struct user *u;
	const unsigned char *hash;
	const char *rehash; /* or NULL */
	int64_t now, expires;
};

static int
login_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	struct login_write *w = arg;
	int64_t idle = (int64_t)ctx->rd->conf.session_idle_minutes * 60;

	if (users_sessions_prune(ctx->rd->store, w->now, idle, err) == -1 ||
	    (w->rehash != NULL &&
	        users_password_rehash(
	            ctx->rd->store, w->u->id, w->rehash, err) == -1))
		return -1;
	return users_session_insert(
	    ctx->rd->store, w->hash, w->u->id, w->now, w->expires, err);
}

static json_t *
session_json(struct api_ctx *ctx, const struct user *u, const char *cookie)
{
	json_t *j = json_object();

	json_object_set_new(j, "user", user_json(u));
	if (cookie != NULL) {
		char csrf[USERS_CSRF_LEN];
		users_csrf_token(cookie, csrf);
		json_object_set_new(j, "csrf_token", json_string(csrf));
		json_object_set_new(j, "idle_timeout",
		    json_integer(
		        (json_int_t)ctx->rd->conf.session_idle_minutes * 60));
	}
	return j;
}

int
api_session_login(struct api_ctx *ctx, const char *login_name,
    const char *password, struct user *u, char cookie[AUTH_TOKEN_MAXLEN],
    struct rotad_error *err)
{
	char ukey[USERS_LOGIN_MAX + 8], akey[72];
	char pwhash[USERS_HASH_MAX], rehash[USERS_HASH_MAX];
	unsigned char hash[AUTH_HASH_LEN];
	int64_t now = api_now();
	int64_t life = (int64_t)ctx->rd->conf.session_lifetime_hours * 3600;
	struct login_write w;
	int found, wait;
	bool ok;

	rotad_error_clear(err);
	throttle_keys(ctx, login_name, ukey, sizeof(ukey), akey, sizeof(akey));
	if ((wait = throttled(ctx, ukey, akey, now)) > 0) {
		rotad_error_set(err, ROTAD_ERR_TOO_MANY_REQUESTS, NULL,
		    "too many failed logins; try again in %d s", wait);
		return -1;
	}
	found = strlen(password) <= USERS_PASSWORD_MAX &&
	        users_login_valid(login_name)
	    ? users_find(ctx->rd->store, login_name, u, pwhash)
	    : 0;
	if (found == 1 && u->has_password)
		ok = users_password_verify(pwhash, password);
	else {
		/* As slow as a real check: no hint that the login exists. */
		(void)users_password_verify(dummy_hash(), password);
		ok = false;
	}
	if (!ok) {
		if (found == 1)
			user_release(u);
		throttle_fail(ukey, now);
		throttle_fail(akey, now);
		stats.auth_failures++;
		log_info("login: failed for a user (%s)", akey + 2);
		rotad_error_set(err, ROTAD_ERR_UNAUTHORIZED, NULL,
		    "wrong login or password");
		return -1;
	}
	throttle_clear(ukey);
	auth_token_new("", cookie, AUTH_TOKEN_MAXLEN);
	auth_token_hash(cookie, hash);
	w.u = u;
	w.hash = hash;
	w.now = now;
	w.expires = now + life;
	w.rehash = NULL;
	if (users_password_needs_rehash(pwhash) &&
	    users_password_hash(password, rehash) == 0)
		w.rehash = rehash;
	sodium_memzero(pwhash, sizeof(pwhash));
	snprintf(ctx->actor, sizeof(ctx->actor), "%s", u->login);
	if (api_commit(ctx, login_write, &w, "login", "session", u->login, NULL,
	        NULL) == -1) {
		sodium_memzero(cookie, AUTH_TOKEN_MAXLEN);
		user_release(u);
		return 1;
	}
	set_cookie(ctx, cookie, life);
	return 0;
}

static void
login(struct api_ctx *ctx)
{
	const char *login_name, *password;
	char cookie[AUTH_TOKEN_MAXLEN];
	struct rotad_error err;
	struct user u;
	int rc;

	if (!body_strings(ctx, "login", &login_name, "password", &password))
		return;
	rc = api_session_login(ctx, login_name, password, &u, cookie, &err);
	if (rc == -1)
		api_reply_error(ctx, &err);
	if (rc != 0)
		return;
	api_reply_json(ctx, 200, session_json(ctx, &u, cookie));
	sodium_memzero(cookie, sizeof(cookie));
	user_release(&u);
}

static int
logout_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	return users_session_delete(ctx->rd->store, arg, err);
}

int
api_session_logout(struct api_ctx *ctx)
{
	char cookie[AUTH_TOKEN_MAXLEN];
	unsigned char hash[AUTH_HASH_LEN];

	if (access_cookie(ctx, cookie, sizeof(cookie)) != NULL) {
		auth_token_hash(cookie, hash);
		sodium_memzero(cookie, sizeof(cookie));
		/* The actor, for the audit log, when the session is live. */
		if ((ctx->who != NULL || access_authenticate(ctx)) &&
		    api_commit(ctx, logout_write, hash, "logout", "session",
		        ctx->who->login, NULL, NULL) == -1)
			return 1;
	}
	set_cookie(ctx, "", 0);
	return 0;
}

static void
logout(struct api_ctx *ctx)
{
	if (api_session_logout(ctx) == 0)
		api_reply_empty(ctx);
}

static void
session(struct api_ctx *ctx)
{
	char cookie[AUTH_TOKEN_MAXLEN];
	json_t *j;

	if (!access_authenticate(ctx)) {
		api_reply_errorf(ctx, ROTAD_ERR_UNAUTHORIZED, NULL,
		    "not logged in: POST /api/v1/login, or send an API token");
		return;
	}
	j = session_json(ctx, ctx->who,
	    ctx->by_session ? access_cookie(ctx, cookie, sizeof(cookie))
	                    : NULL);
	json_object_set_new(
	    j, "via", json_string(ctx->by_session ? "session" : "token"));
	if (ctx->who->id == 0)
		json_object_set(
		    json_object_get(j, "user"), "login", json_null());
	sodium_memzero(cookie, sizeof(cookie));
	api_reply_json(ctx, 200, j);
}

struct invite_write {
	const unsigned char *hash;
	const char *password;
	char why[160];
	char login[USERS_LOGIN_MAX + 1];
};

static int
invite_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	struct invite_write *w = arg;
	struct store *st = ctx->rd->store;
	char pwhash[USERS_HASH_MAX];
	int64_t id = 0;
	struct user u;
	int rc;

	if ((rc = users_invite_take(st, w->hash, api_now(), &id, err)) != 1) {
		if (rc == 0)
			rotad_error_set(err, ROTAD_ERR_NOT_FOUND, "code",
			    "the invitation is unknown, used or expired");
		return -1;
	}
	if (users_find_id(st, id, &u) != 1) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, "code",
		    "the invitation is unknown, used or expired");
		return -1;
	}
	snprintf(w->login, sizeof(w->login), "%s", u.login);
	if (users_password_policy(
	        u.login, u.name, w->password, w->why, sizeof(w->why)) == -1) {
		rotad_error_set(
		    err, ROTAD_ERR_INVALID_FIELD, "password", "%s", w->why);
		user_release(&u);
		return -1;
	}
	rc = users_password_hash(w->password, pwhash) == -1
	    ? -1
	    : users_set_password(st, id, pwhash, api_now(), err);
	if (rc == -1 && err->code == ROTAD_ERR_OK)
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the password could not be stored");
	user_release(&u);
	return rc;
}

static void
invite(struct api_ctx *ctx)
{
	const char *code, *password;
	char ukey[USERS_LOGIN_MAX + 8], akey[72];
	unsigned char hash[AUTH_HASH_LEN];
	struct invite_write w;
	int64_t now = api_now();
	int wait;

	if (!body_strings(ctx, "code", &code, "password", &password))
		return;
	throttle_keys(ctx, "", ukey, sizeof(ukey), akey, sizeof(akey));
	if ((wait = throttled(ctx, "-", akey, now)) > 0) {
		api_reply_errorf(ctx, ROTAD_ERR_TOO_MANY_REQUESTS, NULL,
		    "too many failed logins; try again in %d s", wait);
		return;
	}
	if (!auth_token_wellformed(code)) {
		throttle_fail(akey, now);
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, "code",
		    "the invitation is unknown, used or expired");
		return;
	}
	auth_token_hash(code, hash);
	memset(&w, 0, sizeof(w));
	w.hash = hash;
	w.password = password;
	snprintf(ctx->actor, sizeof(ctx->actor), "(invitation)");
	if (api_commit(ctx, invite_write, &w, "password", "user", NULL, NULL,
	        NULL) == 0)
		api_reply_empty(ctx);
	else
		throttle_fail(akey, now);
}

const struct api_route api_session_routes[] = {
    {API_POST, "/api/v1/login", login, API_BODY},
    {API_POST, "/api/v1/logout", logout, 0},
    {API_GET | API_HEAD, "/api/v1/session", session, 0},
    {API_POST, "/api/v1/invite", invite, API_BODY},
    {0, NULL, NULL, 0},
};
