/* SPDX-License-Identifier: ISC */
/*
 * This file contains /api/v1/users (issue 14), for admins (access.c):
 * list, create (with a password or an invitation), read, change name,
 * role and homes, remove, set a password, and invite again.  Answers
 * never hold a password or its hash.  An admin cannot remove or demote
 * themselves, so that nobody locks the last door from the inside.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api.h"
#include "api_util.h"
#include "auth.h"
#include "mail_mime.h"
#include "rotad.h"
#include "store.h"
#include "users.h"
#include "xmalloc.h"

#define INVITE_SECONDS (7 * 86400)

/* The user named in the path, or a 404 reply and 0. */
static int
path_user(struct api_ctx *ctx, struct user *u)
{
	if (users_find(ctx->rd->store, ctx->params[0], u, NULL) != 1) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no user with login '%s'", ctx->params[0]);
		return 0;
	}
	return 1;
}

static bool
is_self(struct api_ctx *ctx, const struct user *u)
{
	return ctx->who != NULL && ctx->who->id == u->id;
}

/*
 * A list of names (home ids, regions) from v into *out, replacing it;
 * 400 reply and -1 if bad.
 */
static int
names_of(struct api_ctx *ctx, json_t *v, const char *field, size_t max,
    size_t maxlen, char ***out, size_t *nout)
{
	json_t *h;
	size_t i;

	if (!json_is_array(v) || json_array_size(v) > max) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, field,
		    "%s is a list of at most %zu names ([] for none)", field,
		    max);
		return -1;
	}
	json_array_foreach(v, i, h)
	{
		if (!json_is_string(h) || json_string_length(h) == 0 ||
		    json_string_length(h) > maxlen) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, field,
			    "%s is a list of names of 1 to %zu bytes", field,
			    maxlen);
			return -1;
		}
	}
	for (i = 0; i < *nout; i++)
		free((*out)[i]);
	free(*out);
	*out = xcalloc(json_array_size(v) + 1, sizeof(**out));
	*nout = 0;
	json_array_foreach(v, i, h)(*out)[(*nout)++] =
	    xstrdup(json_string_value(h));
	return 0;
}

/*
 * name, role, homes and regions from the body into u; 400 reply and -1
 * if bad.
 */
static int
fields_of(struct api_ctx *ctx, struct user *u, bool create)
{
	static const char *const known[] = {"login", "name", "role", "homes",
	    "regions", "password", "invite", "email"};
	const char *key;
	json_t *v;

	json_object_foreach(ctx->body, key, v)
	{
		size_t i = 0;
		while (i < 8 && strcmp(known[i], key) != 0)
			i++;
		/* A change may not set login, password or invite. */
		if (i == 8 || (!create && (i == 0 || i == 5 || i == 6))) {
			api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_FIELD, key,
			    "unknown field '%s'", key);
			return -1;
		}
	}
	if ((v = json_object_get(ctx->body, "name")) != NULL) {
		if (!json_is_string(v) ||
		    strlen(json_string_value(v)) > USERS_NAME_MAX) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "name",
			    "the name is a string of at most %d bytes",
			    USERS_NAME_MAX);
			return -1;
		}
		snprintf(u->name, sizeof(u->name), "%s", json_string_value(v));
	}
	/* Where notifications go (issue 16); null or "" removes it. */
	if ((v = json_object_get(ctx->body, "email")) != NULL) {
		if (json_is_null(v) ||
		    (json_is_string(v) && json_string_length(v) == 0))
			u->email[0] = '\0';
		else if (!json_is_string(v) ||
		    !mail_addr_valid(json_string_value(v))) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "email",
			    "email must be an e-mail address "
			    "(name@example.org)");
			return -1;
		} else
			snprintf(u->email, sizeof(u->email), "%s",
			    json_string_value(v));
	}
	if ((v = json_object_get(ctx->body, "role")) != NULL || create) {
		enum user_role r = user_role_parse(json_string_value(v));
		if (r == USER_ROLE_NONE) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "role",
			    "the role is admin, coordinator or viewer");
			return -1;
		}
		u->role = r;
	}
	if ((v = json_object_get(ctx->body, "homes")) != NULL &&
	    names_of(ctx, v, "homes", USERS_MAX_HOMES, 64, &u->homes,
	        &u->nhomes) == -1)
		return -1;
	if ((v = json_object_get(ctx->body, "regions")) != NULL &&
	    names_of(ctx, v, "regions", USERS_MAX_REGIONS, USERS_REGION_MAX,
	        &u->regions, &u->nregions) == -1)
		return -1;
	return 0;
}

static void
users_list(struct api_ctx *ctx)
{
	api_reply_json(ctx, 200,
	    json_pack("{s:o}", "users", users_list_json(ctx->rd->store)));
}

static void
user_get(struct api_ctx *ctx)
{
	struct user u;

	if (!path_user(ctx, &u))
		return;
	api_reply_json(ctx, 200, user_json(&u));
	user_release(&u);
}

struct create_write {
	struct user *u;
	const char *pwhash;
	bool invite;
	char code[AUTH_TOKEN_MAXLEN];
};

static int
make_invite(struct api_ctx *ctx, int64_t id, char code[AUTH_TOKEN_MAXLEN],
    struct rotad_error *err)
{
	unsigned char hash[AUTH_HASH_LEN];

	auth_token_new("", code, AUTH_TOKEN_MAXLEN);
	auth_token_hash(code, hash);
	return users_invite_insert(
	    ctx->rd->store, hash, id, api_now() + INVITE_SECONDS, err);
}

static int
create_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	struct create_write *w = arg;

	if (users_insert(ctx->rd->store, w->u, w->pwhash, api_now(), err) == -1)
		return -1;
	return w->invite ? make_invite(ctx, w->u->id, w->code, err) : 0;
}

static void
user_create(struct api_ctx *ctx)
{
	struct user u;
	struct create_write w;
	const char *login =
	    json_string_value(json_object_get(ctx->body, "login"));
	const char *pw =
	    json_string_value(json_object_get(ctx->body, "password"));
	char pwhash[USERS_HASH_MAX], why[160];
	json_t *after, *reply;

	memset(&u, 0, sizeof(u));
	memset(&w, 0, sizeof(w));
	if (login == NULL || !users_login_valid(login)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "login",
		    "the login has 1 to %d letters, digits and ._@-",
		    USERS_LOGIN_MAX);
		return;
	}
	snprintf(u.login, sizeof(u.login), "%s", login);
	if (fields_of(ctx, &u, true) == -1)
		goto out;
	w.invite = json_is_true(json_object_get(ctx->body, "invite"));
	if ((pw == NULL) == !w.invite) {
		api_reply_errorf(ctx, ROTAD_ERR_MISSING_FIELD, "password",
		    "give a 'password' or \"invite\": true");
		goto out;
	}
	if (pw != NULL) {
		if (users_password_policy(
		        u.login, u.name, pw, why, sizeof(why)) == -1) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD,
			    "password", "%s", why);
			goto out;
		}
		if (users_password_hash(pw, pwhash) == -1) {
			api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
			    "the password could not be hashed");
			goto out;
		}
		w.pwhash = pwhash;
	}
	w.u = &u;
	u.has_password = pw != NULL;
	after = user_json(&u);
	if (api_commit(ctx, create_write, &w, "create", "user", u.login, NULL,
	        after) == 0) {
		reply = user_json(&u);
		if (w.invite)
			json_object_set_new(
			    reply, "invite_code", json_string(w.code));
		api_reply_json(ctx, 201, reply);
	}
	json_decref(after);
	sodium_memzero(w.code, sizeof(w.code));
out:
	user_release(&u);
}

static int
update_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	return users_update(ctx->rd->store, arg, api_now(), err);
}

static void
user_patch(struct api_ctx *ctx)
{
	struct user u;
	json_t *before, *after;

	if (!path_user(ctx, &u))
		return;
	before = user_json(&u);
	if (fields_of(ctx, &u, false) == -1)
		goto out;
	if (is_self(ctx, &u) && u.role != USER_ROLE_ADMIN) {
		api_reply_errorf(ctx, ROTAD_ERR_FORBIDDEN, "role",
		    "you cannot take the admin role from yourself; ask another "
		    "admin");
		goto out;
	}
	after = user_json(&u);
	if (api_commit(ctx, update_write, &u, "update", "user", u.login, before,
	        after) == 0) {
		struct user fresh;
		if (users_find_id(ctx->rd->store, u.id, &fresh) == 1) {
			api_reply_json(ctx, 200, user_json(&fresh));
			user_release(&fresh);
		} else
			api_reply_json(ctx, 200, json_incref(after));
	}
	json_decref(after);
out:
	json_decref(before);
	user_release(&u);
}

static int
delete_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	return users_delete(ctx->rd->store, *(int64_t *)arg, err);
}

static void
user_delete(struct api_ctx *ctx)
{
	struct user u;
	json_t *before;

	if (!path_user(ctx, &u))
		return;
	if (is_self(ctx, &u)) {
		api_reply_errorf(ctx, ROTAD_ERR_FORBIDDEN, NULL,
		    "you cannot remove yourself; ask another admin");
		user_release(&u);
		return;
	}
	before = user_json(&u);
	if (api_commit(ctx, delete_write, &u.id, "delete", "user", u.login,
	        before, NULL) == 0)
		api_reply_empty(ctx);
	json_decref(before);
	user_release(&u);
}

struct password_write {
	int64_t id;
	const char *pwhash;
};

static int
password_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	struct password_write *w = arg;

	return users_set_password(
	    ctx->rd->store, w->id, w->pwhash, api_now(), err);
}

static void
user_password(struct api_ctx *ctx)
{
	const char *key,
	    *pw = json_string_value(json_object_get(ctx->body, "password"));
	char pwhash[USERS_HASH_MAX], why[160];
	struct password_write w;
	struct user u;
	json_t *v;

	json_object_foreach(ctx->body, key, v)
	{
		if (strcmp(key, "password") != 0) {
			api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_FIELD, key,
			    "unknown field '%s'", key);
			return;
		}
	}
	if (pw == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_MISSING_FIELD, "password",
		    "give the new 'password'");
		return;
	}
	if (!path_user(ctx, &u))
		return;
	if (users_password_policy(u.login, u.name, pw, why, sizeof(why)) ==
	    -1) {
		api_reply_errorf(
		    ctx, ROTAD_ERR_INVALID_FIELD, "password", "%s", why);
	} else if (users_password_hash(pw, pwhash) == -1) {
		api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
		    "the password could not be hashed");
	} else {
		w.id = u.id;
		w.pwhash = pwhash;
		if (api_commit(ctx, password_write, &w, "password", "user",
		        u.login, NULL, NULL) == 0)
			api_reply_empty(ctx);
	}
	user_release(&u);
}

static int
invite_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	struct create_write *w = arg;

	return make_invite(ctx, w->u->id, w->code, err);
}

static void
user_invite(struct api_ctx *ctx)
{
	struct create_write w;
	struct user u;

	if (!path_user(ctx, &u))
		return;
	memset(&w, 0, sizeof(w));
	w.u = &u;
	if (api_commit(ctx, invite_write, &w, "invite", "user", u.login, NULL,
	        NULL) == 0)
		api_reply_json(ctx, 201,
		    json_pack("{s:s, s:I}", "invite_code", w.code, "expires_at",
		        (json_int_t)(api_now() + INVITE_SECONDS)));
	sodium_memzero(w.code, sizeof(w.code));
	user_release(&u);
}

const struct api_route api_user_routes[] = {
    {API_GET | API_HEAD, "/api/v1/users", users_list, API_AUTH},
    {API_POST, "/api/v1/users", user_create, API_AUTH | API_BODY},
    {API_GET | API_HEAD, "/api/v1/users/:id", user_get, API_AUTH},
    {API_PATCH, "/api/v1/users/:id", user_patch, API_AUTH | API_BODY},
    {API_DELETE, "/api/v1/users/:id", user_delete, API_AUTH},
    {API_PUT, "/api/v1/users/:id/password", user_password, API_AUTH | API_BODY},
    {API_POST, "/api/v1/users/:id/invite", user_invite, API_AUTH},
    {0, NULL, NULL, 0},
};
