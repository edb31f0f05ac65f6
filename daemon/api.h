/* SPDX-License-Identifier: ISC */
/*
 * The contract between the HTTP layer (http.c) and the API handlers
 * (api_*.c): a route table per resource, the per-request context, and the
 * reply helpers.  Every handler ends in exactly one reply.
 */
#ifndef ROTAD_API_H
#define ROTAD_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"

struct rotad;
struct evhttp_request;
struct evkeyvalq;

enum api_method {
	API_GET = 1 << 0,
	API_HEAD = 1 << 1,
	API_POST = 1 << 2,
	API_PUT = 1 << 3,
	API_PATCH = 1 << 4,
	API_DELETE = 1 << 5
};

enum api_flags {
	API_AUTH = 1 << 0,   /* needs a coordinator API token */
	API_BODY = 1 << 1,   /* needs a JSON body (415/413/400 otherwise) */
	API_SECRET = 1 << 2, /* the path holds a secret: never log it */
	API_BODY_OPTIONAL = 1 << 3, /* a JSON body may be sent (or none) */
	API_BODY_SMALL = 1 << 4,    /* the body is at most API_SMALL_BODY */
	/* with API_BODY: checked (size, JSON media type) but not parsed;
	 * the handler gets the bytes in raw/rawlen (a worker parses them) */
	API_BODY_RAW = 1 << 5,
	API_PAGE = 1 << 6 /* an HTML page of a session: access.c's page_rules */
};

#define API_MAX_PARAMS 3
#define API_SMALL_BODY 4096 /* bytes, for API_BODY_SMALL routes */

struct api_ctx {
	struct rotad *rd;
	struct evhttp_request *req;
	const struct api_route *route;
	enum api_method method;
	char *params[API_MAX_PARAMS]; /* the ":name" segments, in order */
	struct evkeyvalq *query;      /* decoded query parameters */
	json_t *body;                 /* parsed body for API_BODY routes */
	const char *raw;              /* API_BODY_RAW: the body's bytes, */
	size_t rawlen;                /* valid until the handler returns */
	char actor[80];               /* who: "login (token name)" etc. */
	int status;                   /* set by the reply */
	size_t bytes;                 /* body bytes sent */
	int lang;                     /* enum i18n_lang of the answer */
	bool replied;
	struct user *who; /* the caller (access.c), NULL before auth */
	bool by_session;  /* authenticated by the session cookie */
	/* api_call(): the reply is kept here (its JSON, or NULL), not sent */
	json_t **capture;
};

struct api_route {
	unsigned methods;    /* enum api_method bits */
	const char *pattern; /* "/api/v1/homes/:id" */
	void (*handler)(struct api_ctx *ctx);
	unsigned flags; /* enum api_flags */
};

/* Route tables, each ended by an entry with a NULL pattern. */
extern const struct api_route api_status_routes[];
extern const struct api_route api_entity_routes[];
extern const struct api_route api_assignment_routes[];
extern const struct api_route api_config_routes[];
extern const struct api_route api_transfer_routes[];
extern const struct api_route api_feed_routes[];
extern const struct api_route api_rules_routes[];
extern const struct api_route api_schedule_routes[];
extern const struct api_route api_privacy_routes[];
extern const struct api_route api_hours_routes[];
extern const struct api_route api_candidates_routes[]; /* issue 19 */
extern const struct api_route api_session_routes[];    /* api_session.c */
extern const struct api_route api_user_routes[];       /* api_users.c */
extern const struct api_route api_web_routes[];        /* api_web.c */
extern const struct api_route api_series_routes[];     /* api_series.c */
extern const struct api_route api_qr_routes[];         /* api_qr.c */
extern const struct api_route api_audit_routes[];      /* api_audit.c */
extern const struct api_route web_login_routes[];      /* web_login.c */
extern const struct api_route web_visit_routes[];      /* web_visit.c */
extern const struct api_route web_requests_routes[];   /* web_requests.c */
extern const struct api_route web_youths_routes[];     /* web_youths.c */
extern const struct api_route web_hours_routes[];      /* web_hours.c */
extern const struct api_route web_plan_routes[];       /* web_plan.c */
extern const struct api_route web_admin_routes[];      /* web_admin.c */
extern const struct api_route web_settings_routes[];   /* web_settings.c */
extern const struct api_route web_users_routes[];      /* web_users.c */
extern const struct api_route api_youthpage_routes[];  /* issue 16 */
extern const struct api_route api_mail_routes[];       /* issue 16 */
extern const struct api_route api_requests_routes[];   /* issue 16 */
extern const struct api_route api_consent_routes[];    /* issue 16 */
extern const struct api_route web_publish_routes[];    /* web_publish.c */
extern const struct api_route api_publish_routes[];    /* issue 16 */

/* Replies: each takes over `body` (a new reference) and sends at once. */
void api_reply_json(struct api_ctx *ctx, int status, json_t *body);
void api_reply_error(struct api_ctx *ctx, const struct rotad_error *err);
void api_reply_errorf(struct api_ctx *ctx, enum rotad_err code,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/*
 * Like api_reply_raw, but sends data without copying it: cleanup(data,
 * len, arg) runs once the bytes are sent or the connection is gone.
 */
void api_reply_ref(struct api_ctx *ctx, int status, const char *content_type,
    const void *data, size_t len,
    void (*cleanup)(const void *data, size_t len, void *arg), void *arg);
/* A non-JSON reply (feeds, pages); data is copied. */
void api_reply_raw(struct api_ctx *ctx, int status, const char *content_type,
    const void *data, size_t len);
/* 204 No Content. */
void api_reply_empty(struct api_ctx *ctx);

/*
 * Defers the reply: the handler returns without one and a later event on
 * the loop thread answers ctx->req through a context of its own (the
 * request stays valid even if the client leaves).  The connection is
 * exempt from the per-request deadline meanwhile.
 */
void api_defer(struct api_ctx *ctx);

/*
 * A server-rendered page's call of an API route (issue 19, "Without
 * JavaScript"): runs the handler of `method` `pattern` in `table` for
 * this request's user, with the query `query` ("a=1&b=2", or NULL: none)
 * and the JSON `body` (borrowed, or NULL), as if it had come to the API,
 * after the route's body scope check (access_check_body()), and returns
 * its answer (the JSON as the API would send it, cut to the scope: an
 * error reply's {"error": {...}} as well as a success) with its status
 * in *status.  Nothing is sent and no header is added; ctx is as before.
 * The caller has authorised the page (access_page(): the same role and
 * scope as the API route).  Not for routes that defer their answer.
 *
 * Ownership: the answer is a new reference and the caller's alone, on
 * every status.  The caller calls json_decref() on it exactly once on
 * every path (error pages included), and only after its last use of
 * anything borrowed from it (json_string_value() points into it, so a
 * page is sent before its answer is let go).  NULL (an answer without
 * JSON: 204, CSV) needs nothing, json_decref(NULL) being a no-op.  The
 * call itself keeps nothing: no buffer, no copy (api_reply_json()).
 */
json_t *api_call(struct api_ctx *ctx, const struct api_route *table,
    unsigned method, const char *pattern, const char *query, json_t *body,
    int *status);

/* Adds a response header before the reply. */
void api_add_header(struct api_ctx *ctx, const char *name, const char *value);
/* A request header, or NULL. */
const char *api_header(struct api_ctx *ctx, const char *name);
/* A query parameter, or NULL. */
const char *api_query(struct api_ctx *ctx, const char *name);
/*
 * Whether a GET is answered 304 (the request's If-None-Match against
 * the quoted tags of the resource's representations, else its
 * If-Modified-Since against last_modified; http_conditional.h).
 */
bool api_not_modified(struct api_ctx *ctx, const char *const *tags,
    size_t ntags, int64_t last_modified);
/* Whether the request's Accept-Encoding takes gzip. */
bool api_accepts_gzip(struct api_ctx *ctx);

/*
 * The stored state as a linked instance (the loaded state, state.h: read
 * once, then changed in place by each change); NULL with *err set when
 * the database fails.  Borrowed until the next write, which may move or
 * change what it points into.
 */
const struct model_instance *api_instance(
    struct api_ctx *ctx, struct rotad_error *err);
/*
 * The language (enum i18n_lang) of a reader who states none: the
 * organisation's setting, else bokmål for the NO jurisdiction and English
 * otherwise (model_language()).  api_state.c, as the two above.
 */
int api_default_lang(struct rotad *rd);

/*
 * Token checks shared by the handlers: api_token_ok() accepts a valid API
 * token from the Authorization header (and sets ctx->actor);
 * api_bad_token() records a bad token from the client's address (bad
 * tokens are rate-limited).  api_throttle_bad_token() records one too and,
 * when the address is over the limit, answers it itself -- 429 with
 * Retry-After, held back for a while so that guessing is slow -- and
 * returns true; a valid token is never refused for others' failures.
 */
bool api_token_ok(struct api_ctx *ctx);
void api_bad_token(struct api_ctx *ctx);
bool api_throttle_bad_token(struct api_ctx *ctx);
/* The client's address (behind trusted proxies, the one they name). */
void api_client_addr(struct api_ctx *ctx, char *buf, size_t len);
/* The bearer token text of the request, or NULL. */
const char *api_bearer(struct api_ctx *ctx);

/* "GET", "POST" ... for one method bit; "?" for anything else. */
const char *api_method_name(enum api_method m);

/* Unix time now, in seconds. */
int64_t api_now(void);

#endif /* ROTAD_API_H */
