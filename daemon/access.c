/* SPDX-License-Identifier: ISC */
/*
 * This file contains the access table (issue 14): for every API route and
 * method, the least role and the scope; authentication by bearer token or
 * session cookie, the CSRF and Origin checks of cookie writes, the scope
 * checks of the entity in the path and of the homes in a body, and the
 * filter every JSON answer passes through (lists cut to the scope, birth
 * dates only for admins).  Every decision about who may do what is here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "access.h"
#include "api.h"
#include "auth.h"
#include "log.h"
#include "model.h"
#include "rotad.h"
#include "state.h"
#include "users.h"
#include "xmalloc.h"

enum access_scope {
	SCOPE_NONE,       /* not about homes (settings, version) */
	SCOPE_LIST,       /* a list: cut to the homes in scope */
	SCOPE_HOME,       /* :id is a home */
	SCOPE_YOUTH,      /* :id is a youth */
	SCOPE_SLOT,       /* :id is a slot; a body's "home" too */
	SCOPE_ASSIGNMENT, /* :id is an assignment; a body's "slot" too */
	SCOPE_BODY_HOME,  /* a new slot: the body's "home" */
	SCOPE_BODY_SLOT,  /* a new assignment: the body's "slot" */
	SCOPE_ALL_HOMES   /* touches every home: only for an unlimited scope */
};

static const char *const scope_names[] = {"none", "list", "home", "youth",
    "slot", "assignment", "body-home", "body-slot", "all-homes"};

struct access_rule {
	unsigned methods; /* enum api_method bits; HEAD goes with GET */
	const char *pattern;
	enum user_role min;
	enum access_scope scope;
};

#define R(m, p, role, scope)                                                   \
	{                                                                      \
		API_##m, "/api/v1" p, USER_ROLE_##role, SCOPE_##scope          \
	}

/* THE table.  A route missing here stops rotad at start-up. */
static const struct access_rule access_rules[] = {
    R(GET, "", VIEWER, NONE),
    /* Homes: everybody reads those in scope; only admins change them. */
    R(GET, "/homes", VIEWER, LIST),
    R(POST, "/homes", ADMIN, NONE),
    R(GET, "/homes/:id", VIEWER, HOME),
    R(PATCH, "/homes/:id", ADMIN, HOME),
    R(DELETE, "/homes/:id", ADMIN, HOME),
    /* Youths: coordinators read (no birth dates), admins change, purge. */
    R(GET, "/youths", COORDINATOR, LIST),
    R(POST, "/youths", ADMIN, NONE),
    R(GET, "/youths/:id", COORDINATOR, YOUTH),
    R(PATCH, "/youths/:id", ADMIN, YOUTH),
    R(DELETE, "/youths/:id", ADMIN, YOUTH),
    R(GET, "/youths/:id/export", ADMIN, YOUTH),
    /* Slots and assignments: coordinators plan the homes in scope. */
    R(GET, "/slots", VIEWER, LIST),
    R(POST, "/slots", COORDINATOR, BODY_HOME),
    R(GET, "/slots/:id", VIEWER, SLOT),
    R(PATCH, "/slots/:id", COORDINATOR, SLOT),
    R(DELETE, "/slots/:id", COORDINATOR, SLOT),
    R(GET, "/assignments", VIEWER, LIST),
    R(POST, "/assignments", COORDINATOR, BODY_SLOT),
    R(GET, "/assignments/:id", VIEWER, ASSIGNMENT),
    R(PATCH, "/assignments/:id", COORDINATOR, ASSIGNMENT),
    R(DELETE, "/assignments/:id", COORDINATOR, ASSIGNMENT),
    R(POST, "/assignments/:id/cancel", COORDINATOR, ASSIGNMENT),
    R(GET, "/assignments/:id/replacement", COORDINATOR, ASSIGNMENT),
    /* A run plans the homes in the caller's scope (or its "home"); only
     * its owner reads, applies or discards it (api_schedule.c). */
    R(POST, "/schedule", COORDINATOR, BODY_HOME),
    R(GET, "/schedule/:id", COORDINATOR, NONE),
    R(DELETE, "/schedule/:id", COORDINATOR, NONE),
    R(POST, "/schedule/:id/apply", COORDINATOR, NONE),
    /* Visit series are planned like slots; api_series.c checks the
     * scope of a series :id itself (its home). */
    R(GET, "/series", VIEWER, LIST),
    R(POST, "/series", COORDINATOR, BODY_HOME),
    R(GET, "/series/:id", VIEWER, NONE),
    R(PATCH, "/series/:id", COORDINATOR, NONE),
    R(DELETE, "/series/:id", COORDINATOR, NONE),
    /* Feed links. */
    R(POST, "/youths/:id/feed", COORDINATOR, YOUTH),
    R(DELETE, "/youths/:id/feed", COORDINATOR, YOUTH),
    R(POST, "/homes/:id/feed", COORDINATOR, HOME),
    R(DELETE, "/homes/:id/feed", COORDINATOR, HOME),
    R(POST, "/feed", ADMIN, NONE),
    R(DELETE, "/feed", ADMIN, NONE),
    /* A QR code of a feed link: for those who may make one. */
    R(POST, "/qr", COORDINATOR, NONE),
    /* Reading the plan. */
    R(GET, "/violations", VIEWER, LIST),
    /* Viewers get the homes' hours only (api_hours.c). */
    R(GET, "/hours", VIEWER, LIST),
    /* Who can take a visit, a youth's caps: youths' names and hours. */
    R(GET, "/slots/:id/candidates", COORDINATOR, SLOT),
    R(GET, "/youths/:id/limits", COORDINATOR, YOUTH),
    /* Guardian consent online (issue 16): the link, the status, and
     * withdrawal for the coordinators of the youth's homes. */
    R(GET, "/youths/:id/consent-link", COORDINATOR, YOUTH),
    R(POST, "/youths/:id/consent-link", COORDINATOR, YOUTH),
    R(DELETE, "/youths/:id/consent-link", COORDINATOR, YOUTH),
    R(DELETE, "/youths/:id/consent", COORDINATOR, YOUTH),
    /* Youths' requests (issue 16): coordinators read and answer those
     * of the homes in scope (api_requests.c checks a request :id's
     * visit).  Not viewers: a request names its youth, and viewers may
     * not read youths. */
    R(GET, "/requests", COORDINATOR, LIST),
    R(POST, "/requests/:id/approve", COORDINATOR, NONE),
    R(POST, "/requests/:id/decline", COORDINATOR, NONE),
    /* Draft and publish (issue 16): coordinators publish the homes in
     * their scope (api_publish.c cuts the range to it). */
    R(GET, "/publish/preview", COORDINATOR, NONE),
    R(POST, "/publish", COORDINATOR, NONE),
    /* The whole operator's business: admins only. */
    R(GET, "/school-calendar", VIEWER, NONE),
    R(PUT, "/school-calendar", ADMIN, NONE),
    R(GET, "/school-calendars", VIEWER, NONE),
    R(POST, "/school-calendars", ADMIN, NONE),
    R(GET, "/school-calendars/:id", VIEWER, NONE),
    R(PUT, "/school-calendars/:id", ADMIN, NONE),
    R(DELETE, "/school-calendars/:id", ADMIN, NONE),
    R(GET, "/settings", VIEWER, NONE),
    R(PUT, "/settings", ADMIN, NONE),
    R(GET, "/export", ADMIN, NONE),
    R(POST, "/import", ADMIN, NONE),
    R(GET, "/users", ADMIN, NONE),
    R(POST, "/users", ADMIN, NONE),
    R(GET, "/users/:id", ADMIN, NONE),
    R(PATCH, "/users/:id", ADMIN, NONE),
    R(DELETE, "/users/:id", ADMIN, NONE),
    R(PUT, "/users/:id/password", ADMIN, NONE),
    R(POST, "/users/:id/invite", ADMIN, NONE),
    /* The audit log: every change of every home, and who made it. */
    R(GET, "/audit", ADMIN, NONE),
    /* The e-mail outbox (issue 16): addresses masked, no bodies. */
    R(GET, "/outbox", ADMIN, NONE),
};

#define NRULES (sizeof(access_rules) / sizeof(access_rules[0]))

/*
 * The pages rendered without JavaScript (web_*.c, flag API_PAGE): the same
 * roles and scopes as the API calls they stand for, for a session only.
 * The visit's :id is the slot; the handlers check that an assignment :aid
 * belongs to it, and web_requests.c that a request :id is in the scope.  GET /
 * and POST /login, /logout are not here: anybody may see the login page, and
 * the board is cut to the scope as lists are.
 */
#define P(m, p, role, scope)                                                   \
	{                                                                      \
		API_##m, p, USER_ROLE_##role, SCOPE_##scope                    \
	}
static const struct access_rule page_rules[] = {
    P(GET, "/visits/:id", COORDINATOR, SLOT),
    P(POST, "/visits/:id/assign", COORDINATOR, SLOT),
    P(POST, "/visits/:id/assignments/:aid/remove", COORDINATOR, SLOT),
    P(POST, "/visits/:id/assignments/:aid/cancel", COORDINATOR, SLOT),
    /* The youths' requests (issue 16, web_requests.c): the list cut to
     * the scope there, a request :id outside it 404 there. */
    P(GET, "/requests", COORDINATOR, LIST),
    P(POST, "/requests/:id/approve", COORDINATOR, NONE),
    P(POST, "/requests/:id/decline", COORDINATOR, NONE),
    /* Draft and publish (issue 16): cut to the scope as the API's. */
    P(GET, "/publish", COORDINATOR, NONE),
    P(POST, "/publish", COORDINATOR, NONE),
    P(GET, "/youths", COORDINATOR, LIST),
    P(GET, "/youths/:id", COORDINATOR, YOUTH),
    P(POST, "/youths/:id/feed", COORDINATOR, YOUTH),
    P(GET, "/hours", VIEWER, LIST),
    /* A run is its owner's (api_schedule.c checks, as for the API). */
    P(GET, "/plan", COORDINATOR, NONE),
    P(POST, "/plan", COORDINATOR, BODY_HOME),
    P(GET, "/plan/:id", COORDINATOR, NONE),
    P(POST, "/plan/:id/apply", COORDINATOR, NONE),
    P(POST, "/plan/:id/discard", COORDINATOR, NONE),
    P(GET, "/violations", VIEWER, LIST),
    P(GET, "/audit", ADMIN, NONE),
    P(GET, "/settings", ADMIN, NONE),
    P(POST, "/settings", ADMIN, NONE),
    P(POST, "/settings/calendar", ADMIN, NONE),
    /* The named school calendars (web_settings.c): admins, as changing
     * them is; the page reads them for the admin. */
    P(GET, "/settings/calendars", ADMIN, NONE),
    P(POST, "/settings/calendars", ADMIN, NONE),
    P(GET, "/settings/calendars/:id", ADMIN, NONE),
    P(POST, "/settings/calendars/:id", ADMIN, NONE),
    P(POST, "/settings/calendars/:id/default", ADMIN, NONE),
    P(POST, "/settings/calendars/:id/delete", ADMIN, NONE),
    P(GET, "/users", ADMIN, NONE),
    P(POST, "/users", ADMIN, NONE),
    P(POST, "/users/:id/change", ADMIN, NONE),
    P(POST, "/users/:id/password", ADMIN, NONE),
    P(POST, "/users/:id/invite", ADMIN, NONE),
    P(POST, "/users/:id/remove", ADMIN, NONE),
};

#define NPAGE_RULES (sizeof(page_rules) / sizeof(page_rules[0]))

static const struct access_rule *
find_page_rule(const char *pattern, unsigned method)
{
	if (method == API_HEAD)
		method = API_GET;
	for (size_t i = 0; i < NPAGE_RULES; i++)
		if ((page_rules[i].methods & method) &&
		    strcmp(page_rules[i].pattern, pattern) == 0)
			return &page_rules[i];
	return NULL;
}

static const struct access_rule *
find_rule(const char *pattern, unsigned method)
{
	if (method == API_HEAD)
		method = API_GET;
	for (size_t i = 0; i < NRULES; i++)
		if ((access_rules[i].methods & method) &&
		    strcmp(access_rules[i].pattern, pattern) == 0)
			return &access_rules[i];
	return NULL;
}

void
access_check_routes(const struct api_route *const *tables, size_t n)
{
	for (size_t t = 0; t < n; t++)
		for (const struct api_route *r = tables[t]; r->pattern != NULL;
		     r++) {
			if (!(r->flags & (API_AUTH | API_PAGE)))
				continue;
			for (unsigned m = 1; m <= API_DELETE; m <<= 1)
				if ((r->methods & m) &&
				    ((r->flags & API_AUTH)
				            ? find_rule(r->pattern, m)
				            : find_page_rule(r->pattern, m)) ==
				        NULL)
					fatalx("access: no rule for %s %s "
					       "in access.c",
					    api_method_name((enum api_method)m),
					    r->pattern);
		}
}

void
access_print_table(FILE *out)
{
	for (size_t i = 0; i < NRULES; i++)
		fprintf(out, "%s %s %s %s\n",
		    api_method_name((enum api_method)access_rules[i].methods),
		    access_rules[i].pattern,
		    user_role_name(access_rules[i].min),
		    scope_names[access_rules[i].scope]);
}

/* ---- authentication ---- */

const char *
access_cookie(struct api_ctx *ctx, char *buf, size_t len)
{
	const char *h = api_header(ctx, "Cookie");
	size_t klen = strlen(ACCESS_COOKIE);

	while (h != NULL && *h != '\0') {
		const char *end;
		while (*h == ' ' || *h == ';')
			h++;
		end = strchr(h, ';');
		if (end == NULL)
			end = h + strlen(h);
		if ((size_t)(end - h) > klen &&
		    strncmp(h, ACCESS_COOKIE, klen) == 0 && h[klen] == '=') {
			size_t vlen = (size_t)(end - h) - klen - 1;
			if (vlen + 1 > len)
				return NULL;
			memcpy(buf, h + klen + 1, vlen);
			buf[vlen] = '\0';
			return auth_token_wellformed(buf) ? buf : NULL;
		}
		h = end;
	}
	return NULL;
}

/* The homes of the user's regions in the loaded instance, now. */
static void
resolve_scope(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct rotad_error err;

	if (ctx->who == NULL || ctx->who->nregions == 0)
		return;
	rotad_error_clear(&err);
	/* Without the instance the regions hold no home: less, not more. */
	inst = api_instance(ctx, &err);
	user_scope_resolve(ctx->who, inst);
}

static void
set_who(struct api_ctx *ctx, struct user *u)
{
	access_release(ctx);
	ctx->who = xmalloc(sizeof(*ctx->who));
	*ctx->who = *u;
	resolve_scope(ctx);
}

bool
access_authenticate(struct api_ctx *ctx)
{
	const char *t = api_bearer(ctx);
	unsigned char hash[AUTH_HASH_LEN];
	char name[80], cookie[AUTH_TOKEN_MAXLEN];
	struct user u;

	if (t != NULL) {
		if (!auth_token_wellformed(t))
			return false;
		auth_token_hash(t, hash);
		if (users_token_find(
		        ctx->rd->store, hash, name, sizeof(name), &u) != 1)
			return false;
		if (u.id > 0)
			snprintf(ctx->actor, sizeof(ctx->actor),
			    "%s (token %s)", u.login, name);
		else
			snprintf(
			    ctx->actor, sizeof(ctx->actor), "token %s", name);
		set_who(ctx, &u);
		ctx->by_session = false;
		return true;
	}
	if (access_cookie(ctx, cookie, sizeof(cookie)) != NULL) {
		int64_t sid = 0, last = 0, now = api_now();
		int64_t idle = (int64_t)ctx->rd->conf.session_idle_minutes * 60;
		struct rotad_error err;

		auth_token_hash(cookie, hash);
		sodium_memzero(cookie, sizeof(cookie));
		if (users_session_find(
		        ctx->rd->store, hash, now, idle, &u, &sid, &last) != 1)
			return false;
		/* One write a minute at most keeps a busy session alive. */
		rotad_error_clear(&err);
		if (now - last >= 60)
			(void)users_session_touch(
			    ctx->rd->store, sid, now, &err);
		snprintf(ctx->actor, sizeof(ctx->actor), "%s", u.login);
		set_who(ctx, &u);
		ctx->by_session = true;
		return true;
	}
	return false;
}

void
access_release(struct api_ctx *ctx)
{
	if (ctx->who == NULL)
		return;
	user_release(ctx->who);
	free(ctx->who);
	ctx->who = NULL;
}

/* ---- CSRF and Origin ---- */

/* Whether `got` (the X-CSRF-Token header or a form field) is right. */
static bool
csrf_ok(struct api_ctx *ctx, const char *got)
{
	char cookie[AUTH_TOKEN_MAXLEN], want[USERS_CSRF_LEN];
	bool ok;

	if (got == NULL || access_cookie(ctx, cookie, sizeof(cookie)) == NULL)
		return false;
	users_csrf_token(cookie, want);
	sodium_memzero(cookie, sizeof(cookie));
	ok = strlen(got) == strlen(want) &&
	    sodium_memcmp(got, want, strlen(want)) == 0;
	return ok;
}

/* "scheme://host[:port]" of a URL into buf. */
static void
origin_of(const char *url, char *buf, size_t len)
{
	const char *p = strstr(url, "://");
	size_t n;

	if (p == NULL) {
		snprintf(buf, len, "%s", url);
		return;
	}
	p += 3;
	n = strcspn(p, "/?#");
	snprintf(buf, len, "%.*s", (int)((size_t)(p - url) + n), url);
}

/*
 * Whether the request's Origin is this site.  `page`: a form of the pages
 * without JavaScript, where "Origin: null" is what a browser sends for
 * its own form under Referrer-Policy: no-referrer (Fetch, "serializing a
 * request origin"); the CSRF token proves the rest.
 */
static bool
origin_ok(struct api_ctx *ctx, bool page)
{
	const char *origin = api_header(ctx, "Origin");
	const char *host = api_header(ctx, "Host");
	char want[512];

	if (origin == NULL)
		return true; /* not a browser's cross-site request */
	if (page && strcmp(origin, "null") == 0)
		return true;
	if (ctx->rd->conf.public_url != NULL) {
		origin_of(ctx->rd->conf.public_url, want, sizeof(want));
		return strcasecmp(origin, want) == 0;
	}
	if (host == NULL)
		return false;
	snprintf(want, sizeof(want), "http://%s", host);
	if (strcasecmp(origin, want) == 0)
		return true;
	snprintf(want, sizeof(want), "https://%s", host);
	return strcasecmp(origin, want) == 0;
}

/* ---- scope ---- */

static bool
youth_in_scope(const struct user *u, const struct model_youth *y)
{
	if (!user_scoped(u) || !y->homes_limited)
		return true;
	for (size_t i = 0; i < y->nhomes; i++)
		if (user_in_scope(u, y->homes[i]))
			return true;
	return false;
}

bool
access_youth_visible(const struct api_ctx *ctx, const struct model_youth *y)
{
	return ctx->who == NULL || youth_in_scope(ctx->who, y);
}

static const char *
slot_home(const struct model_instance *inst, const char *slot_id)
{
	long i = slot_id ? state_find_slot(inst, slot_id) : -1;

	return i >= 0 ? inst->slots[i].home : NULL;
}

/*
 * Whether the entity `id` of this kind is outside the caller's scope.  An
 * entity that does not exist is not: its handler answers 404 for it.
 */
static bool
out_of_scope(const struct user *u, const struct model_instance *inst,
    enum access_scope scope, const char *id)
{
	long i;
	const char *home;

	switch (scope) {
	case SCOPE_HOME:
		return state_find_home(inst, id) >= 0 && !user_in_scope(u, id);
	case SCOPE_YOUTH:
		i = state_find_youth(inst, id);
		return i >= 0 && !youth_in_scope(u, &inst->youths[i]);
	case SCOPE_SLOT:
		home = slot_home(inst, id);
		return home != NULL && !user_in_scope(u, home);
	case SCOPE_ASSIGNMENT:
		i = state_find_assignment(inst, id);
		if (i < 0)
			return false;
		home = slot_home(inst, inst->assignments[i].slot);
		return home != NULL && !user_in_scope(u, home);
	default:
		return false;
	}
}

static const char *
kind_of(enum access_scope scope)
{
	switch (scope) {
	case SCOPE_HOME:
		return "home";
	case SCOPE_YOUTH:
		return "youth";
	case SCOPE_SLOT:
		return "slot";
	default:
		return "assignment";
	}
}

/*
 * The checks of a rule for ctx->who: CSRF (`csrf`, the token sent) and
 * Origin of a write by session, the role, the scope of the entity in the
 * path.  Sets err and returns false when refused.
 */
static bool
authorize(struct api_ctx *ctx, const struct access_rule *rule, const char *csrf,
    bool page, struct rotad_error *err)
{
	const struct user *u = ctx->who;
	const struct model_instance *inst;

	if (rule == NULL || u == NULL) {
		rotad_error_set(
		    err, ROTAD_ERR_FORBIDDEN, NULL, "nobody may do this");
		return false;
	}
	if (ctx->by_session && !(ctx->method & (API_GET | API_HEAD))) {
		if (!csrf_ok(ctx, csrf)) {
			rotad_error_set(err, ROTAD_ERR_FORBIDDEN, NULL,
			    "a change made with a session needs its CSRF "
			    "token in X-CSRF-Token (from the login answer)");
			return false;
		}
		if (!origin_ok(ctx, page)) {
			rotad_error_set(err, ROTAD_ERR_FORBIDDEN, NULL,
			    "the request comes from another site (Origin)");
			return false;
		}
	}
	if (u->role < rule->min) {
		rotad_error_set(err, ROTAD_ERR_FORBIDDEN, NULL,
		    "this needs the role %s or higher; %s is %s",
		    user_role_name(rule->min), u->id ? u->login : "this token",
		    user_role_name(u->role));
		return false;
	}
	if (!user_scoped(u))
		return true;
	if (rule->scope == SCOPE_ALL_HOMES) {
		rotad_error_set(err, ROTAD_ERR_FORBIDDEN, NULL,
		    "this touches every home, and %s may plan only some",
		    u->login);
		return false;
	}
	if (rule->scope < SCOPE_HOME || rule->scope > SCOPE_ASSIGNMENT ||
	    ctx->params[0] == NULL)
		return true;
	if ((inst = api_instance(ctx, err)) == NULL)
		return false;
	if (out_of_scope(u, inst, rule->scope, ctx->params[0])) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
		    "no %s with id '%s'", kind_of(rule->scope), ctx->params[0]);
		return false;
	}
	return true;
}

bool
access_authorize(struct api_ctx *ctx)
{
	struct rotad_error err;

	rotad_error_clear(&err);
	if (authorize(ctx, find_rule(ctx->route->pattern, ctx->method),
	        api_header(ctx, "X-CSRF-Token"), false, &err))
		return true;
	api_reply_error(ctx, &err);
	return false;
}

int
access_page(struct api_ctx *ctx, const char *csrf, struct rotad_error *err)
{
	const struct access_rule *rule;

	rotad_error_clear(err);
	if (ctx->who == NULL && !access_authenticate(ctx)) {
		rotad_error_set(err, ROTAD_ERR_UNAUTHORIZED, NULL,
		    "your session has ended; log in again");
		return -1;
	}
	if (!ctx->by_session) {
		rotad_error_set(err, ROTAD_ERR_FORBIDDEN, NULL,
		    "the pages are for a browser session; use the API with a "
		    "token");
		return -1;
	}
	/* The board and the session's own forms need only the session;
	 * every API_PAGE route has a rule (access_check_routes()). */
	if (ctx->route == NULL || !(ctx->route->flags & API_PAGE))
		return 0;
	rule = find_page_rule(ctx->route->pattern, ctx->method);
	return authorize(ctx, rule, csrf, true, err) ? 0 : -1;
}

bool
access_csrf_ok(struct api_ctx *ctx, const char *csrf)
{
	return ctx->by_session && csrf_ok(ctx, csrf) && origin_ok(ctx, true);
}

bool
access_origin_ok(struct api_ctx *ctx)
{
	return origin_ok(ctx, true);
}

bool
access_check_body(struct api_ctx *ctx)
{
	const struct access_rule *rule =
	    ctx->who ? find_rule(ctx->route->pattern, ctx->method) : NULL;
	const struct user *u = ctx->who;
	const struct model_instance *inst;
	struct rotad_error err;
	const char *home = NULL, *field = NULL;

	if (rule == NULL || !user_scoped(u) || !json_is_object(ctx->body))
		return true;
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		api_reply_error(ctx, &err);
		return false;
	}
	switch (rule->scope) {
	case SCOPE_SLOT:
	case SCOPE_BODY_HOME:
		field = "home";
		home = json_string_value(json_object_get(ctx->body, "home"));
		break;
	case SCOPE_ASSIGNMENT:
	case SCOPE_BODY_SLOT:
		field = "slot";
		home = slot_home(inst,
		    json_string_value(json_object_get(ctx->body, "slot")));
		break;
	default:
		return true;
	}
	if (home != NULL && !user_in_scope(u, home)) {
		api_reply_errorf(ctx, ROTAD_ERR_FORBIDDEN, field,
		    "the %s belongs to a home outside the scope of %s", field,
		    u->login);
		return false;
	}
	return true;
}

/* ---- answers ---- */

static void
strip_key(json_t *j, const char *name)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_object(j)) {
		json_object_del(j, name);
		json_object_foreach(j, key, v) strip_key(v, name);
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v) strip_key(v, name);
	}
}

/* Whether one element of a list is about a home outside the scope. */
static bool
item_out_of_scope(const struct user *u, const struct model_instance *inst,
    const char *list, json_t *item)
{
	const char *id = json_string_value(json_object_get(item, "id"));
	const char *home = json_string_value(json_object_get(item, "home"));
	const char *slot = json_string_value(json_object_get(item, "slot"));

	json_t *slots = json_object_get(item, "slots"), *v;
	size_t i;

	if (strcmp(list, "homes") == 0)
		return id != NULL && !user_in_scope(u, id);
	if (strcmp(list, "youths") == 0) {
		/* Youths, or the hours of each youth ("youth"). */
		if (id == NULL)
			id = json_string_value(json_object_get(item, "youth"));
		return id != NULL && out_of_scope(u, inst, SCOPE_YOUTH, id);
	}
	if (home != NULL)
		return !user_in_scope(u, home);
	if (slot != NULL && (home = slot_home(inst, slot)) != NULL)
		return !user_in_scope(u, home);
	/* A violation: in scope when one of its slots is. */
	if (json_array_size(slots) > 0) {
		json_array_foreach(slots, i, v)
		{
			home = slot_home(inst, json_string_value(v));
			if (home == NULL || user_in_scope(u, home))
				return false;
		}
		return true;
	}
	return false;
}

json_t *
access_filter_reply(struct api_ctx *ctx, json_t *body)
{
	const struct user *u = ctx->who;
	const struct access_rule *rule;
	const struct model_instance *inst;
	struct rotad_error err;
	const char *key;
	json_t *list;

	if (u == NULL || body == NULL || ctx->route == NULL)
		return body;
	if (u->role != USER_ROLE_ADMIN)
		strip_key(body, "birth_date");
	/* E-mail addresses (issue 16) for coordinators and admins only. */
	if (u->role != USER_ROLE_ADMIN && u->role != USER_ROLE_COORDINATOR)
		strip_key(body, "email");
	rule = find_rule(ctx->route->pattern, ctx->method);
	if (!user_scoped(ctx->who) || rule == NULL ||
	    rule->scope != SCOPE_LIST || !json_is_object(body) ||
	    json_object_get(body, "error") != NULL)
		return body;
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL)
		return body;
	/* A home the handler moved into or out of a region counts. */
	user_scope_resolve(ctx->who, inst);
	json_object_foreach(body, key, list)
	{
		if (!json_is_array(list))
			continue;
		for (size_t i = json_array_size(list); i-- > 0;)
			if (item_out_of_scope(
			        u, inst, key, json_array_get(list, i)))
				json_array_remove(list, i);
	}
	return body;
}
