/* SPDX-License-Identifier: ISC */
/*
 * The login and logout of a browser session (api_session.c), shared by
 * the JSON API (POST /api/v1/login, /api/v1/logout) and the login form
 * of the pages without JavaScript (web_login.c): the same checks, the
 * same throttle, the same cookie and the same audit row.
 */
#ifndef ROTAD_API_SESSION_H
#define ROTAD_API_SESSION_H

#include "auth.h"
#include "error.h"
#include "users.h"

struct api_ctx;

/*
 * Checks login and password (throttled) and starts a session: returns 0
 * with the Set-Cookie header added, *u the user (release it) and cookie
 * the session's secret (for its CSRF token; zero it after use).  Returns
 * -1 with err set (401 wrong login or password, 429 throttled, with
 * Retry-After added) and nothing to release, or 1 when the session could
 * not be stored (already answered).
 */
int api_session_login(struct api_ctx *ctx, const char *login,
    const char *password, struct user *u, char cookie[AUTH_TOKEN_MAXLEN],
    struct rotad_error *err);

/*
 * Ends the request's session (when it has a live one) and clears its
 * cookie: returns 0, or 1 when the store failed (already answered).
 */
int api_session_logout(struct api_ctx *ctx);

#endif /* ROTAD_API_SESSION_H */
