/* SPDX-License-Identifier: ISC */
/*
 * Who may do what (issue 14), decided in one place: a table in access.c
 * gives every API route and method the least role it needs and how it is
 * scoped to the caller's homes.  http.c calls, for every API_AUTH route:
 *
 *   access_authenticate()  bearer token or session cookie -> ctx->who
 *   access_authorize()     CSRF and Origin for cookie writes, the role,
 *                          and the scope of the entity in the path
 *   access_check_body()    the homes a body would move things to
 *   access_filter_reply()  lists cut to the scope; no birth dates for
 *                          anyone but an admin
 *
 * An entity outside the caller's scope answers 404, as if it did not
 * exist, so that ids do not leak; too low a role answers 403.
 */
#ifndef ROTAD_ACCESS_H
#define ROTAD_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

struct api_ctx;
struct api_route;

/* The cookie that carries a browser session. */
#define ACCESS_COOKIE "rota_session"

/* Bearer token or session cookie; sets ctx->who and ctx->actor. */
bool access_authenticate(struct api_ctx *ctx);
/* Replies itself (403, 404) and returns false when refused. */
bool access_authorize(struct api_ctx *ctx);
/*
 * For the pages without JavaScript (web_*.c): a session (not a token)
 * -> ctx->who, then the rule of the route's page (its role, its scope;
 * for a POST the CSRF token `csrf` from the form and the Origin).  A
 * route without a page rule (the board, logout) needs only the session.
 * Returns 0, or -1 with err set (UNAUTHORIZED: no live session;
 * FORBIDDEN; NOT_FOUND: outside the scope), replying nothing.
 */
struct rotad_error;
int access_page(struct api_ctx *ctx, const char *csrf, struct rotad_error *err);
/*
 * Whether csrf is the token of the request's session, from this site (a
 * page's form: "Origin: null" too, which a browser sends for its own
 * forms under Referrer-Policy: no-referrer).
 */
bool access_csrf_ok(struct api_ctx *ctx, const char *csrf);
/* Whether the request's Origin, when it has one, is this site (or null). */
bool access_origin_ok(struct api_ctx *ctx);
/* After the body is read: refuses moves out of scope (replies itself). */
bool access_check_body(struct api_ctx *ctx);
/* Applied to every JSON answer; takes over body, returns the one to send. */
json_t *access_filter_reply(struct api_ctx *ctx, json_t *body);
/* Whether a youth is in the caller's scope (as the youths list cuts). */
struct model_youth;
bool access_youth_visible(
    const struct api_ctx *ctx, const struct model_youth *y);
/* Frees ctx->who. */
void access_release(struct api_ctx *ctx);

/*
 * The session cookie's value in the request, or NULL; copied into buf
 * (AUTH_TOKEN_MAXLEN bytes).
 */
const char *access_cookie(struct api_ctx *ctx, char *buf, size_t len);

/*
 * Dies (fatalx) naming the first API_AUTH route and method that the
 * table lacks, so that no new route is left without a rule.
 */
void access_check_routes(const struct api_route *const *tables, size_t n);
/* The table, one "METHOD PATTERN ROLE SCOPE" line a rule (for tests). */
void access_print_table(FILE *out);

#endif /* ROTAD_ACCESS_H */
