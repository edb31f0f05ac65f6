/* SPDX-License-Identifier: ISC */
/*
 * This file contains the HTTP layer: evhttp set-up with every limit set
 * explicitly (the libevent 2.1 defaults are unlimited), the router that
 * walks the api_*.c route tables, bearer-token authentication, JSON body
 * handling, the reply helpers and the access log.
 */
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>
#include <event2/keyvalq_struct.h>

#include "access.h"
#include "api.h"
#include "clientaddr.h"
#include "auth.h"
#include "http.h"
#include "http_conditional.h"
#include "i18n.h"
#include "json_body.h"
#include "log.h"
#include "ratelimit.h"
#include "router.h"
#include "rotad.h"
#include "stats.h"
#include "xmalloc.h"

/* Feeds first: they are most of the traffic (no pattern overlaps). */
static const struct api_route *const route_tables[] = {
    api_feed_routes,
    api_status_routes,
    api_entity_routes,
    api_assignment_routes,
    api_config_routes,
    api_transfer_routes,
    api_rules_routes,
    api_privacy_routes,
    api_hours_routes,
    api_candidates_routes,
    api_schedule_routes,
    api_session_routes, /* issue 14: login, logout, session, invite */
    api_user_routes,
    api_web_routes,
    api_series_routes,
    api_qr_routes,
    api_audit_routes,
    web_login_routes, /* issue 19: the pages without JavaScript */
    web_visit_routes,
    web_requests_routes, /* issue 16: the requests page */
    web_publish_routes,  /* issue 16: publish without JavaScript */
    web_youths_routes,
    web_hours_routes,
    web_plan_routes,
    web_admin_routes,
    web_settings_routes,
    web_users_routes,
    api_youthpage_routes, /* issue 16: the youth's own page */
    api_mail_routes,      /* issue 16: unsubscribe links, the outbox */
    api_requests_routes,
    api_consent_routes,
    api_publish_routes,
};

/*
 * Connection tracking.  libevent 2.1 times out a connection only when it
 * sends nothing for `timeout` seconds, so a client that sends a byte a
 * second could hold one for ever.  We create each connection's
 * bufferevent (evhttp_set_bevcb), keep a reference to it, and once a
 * second cut any connection whose current request has taken longer than
 * the timeout: a shutdown() of its socket makes evhttp close it.  Our
 * reference keeps the socket number from being reused until we let go,
 * which we do when evhttp has freed the bufferevent (its callbacks are
 * then all cleared).
 */
struct http_conn {
	struct bufferevent *bev;
	int64_t since; /* start of the current request, monotonic ms */
	bool cut;
	bool busy; /* a deferred reply is being worked on: no deadline */
};

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The largest body evhttp itself accepts: far above our own limit, which
 * answers in JSON (see http_apply_limits()).
 */
static size_t
hard_body_limit(const struct rotad *rd)
{
	size_t hard_body = rd->conf.max_body * 4;

	return hard_body < 16 * 1024 * 1024 ? 16 * 1024 * 1024 : hard_body;
}

static struct bufferevent *
conn_new(struct event_base *base, void *arg)
{
	struct rotad *rd = arg;
	struct bufferevent *bev;

	bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	if (bev == NULL)
		return NULL;
	/*
	 * libevent writes at most 16 KiB per loop turn by default, so a
	 * 20 KiB feed took two turns and two writev calls; one reply of up
	 * to 256 KiB now leaves in one (the kernel takes what fits).
	 */
	bufferevent_set_max_single_write(bev, 256 * 1024);
	/*
	 * While evhttp writes a reply it keeps reading the socket (to notice
	 * a close) with no read callback, so a client that pipelines
	 * requests and never reads the replies had all it sent buffered,
	 * without limit.  A read high-watermark stops reading once that much
	 * input is queued, and the kernel's buffers push back on the client.
	 * evhttp waits for a whole body in this buffer before it moves it
	 * out, so the mark is the largest body it takes plus a header block.
	 */
	bufferevent_setwatermark(bev, EV_READ, 0,
	    hard_body_limit(rd) + 2 * ROTAD_DEFAULT_MAX_HEADERS);
	bufferevent_incref(bev);
	rd->conns =
	    xreallocarray(rd->conns, rd->nconns + 1, sizeof(*rd->conns));
	rd->conns[rd->nconns].bev = bev;
	rd->conns[rd->nconns].since = now_ms();
	rd->conns[rd->nconns].cut = false;
	rd->conns[rd->nconns].busy = false;
	rd->nconns++;
	return bev;
}

/* The tracked connection of a request, or NULL (the client left). */
static struct http_conn *
conn_of(struct rotad *rd, struct evhttp_request *req)
{
	struct evhttp_connection *evcon = evhttp_request_get_connection(req);
	struct bufferevent *bev;

	if (evcon == NULL)
		return NULL;
	bev = evhttp_connection_get_bufferevent(evcon);
	for (size_t i = 0; i < rd->nconns; i++)
		if (rd->conns[i].bev == bev)
			return &rd->conns[i];
	return NULL;
}

/* A request arrived complete, or its reply went: the clock restarts. */
static void
conn_request_done(struct rotad *rd, struct evhttp_request *req, bool busy)
{
	struct http_conn *c = conn_of(rd, req);

	if (c != NULL) {
		c->since = now_ms();
		c->busy = busy;
	}
}

void
api_defer(struct api_ctx *ctx)
{
	if (ctx->capture != NULL)
		fatalx("%s: a deferred answer in api_call()", __func__);
	ctx->replied = true;
	ctx->status = 202; /* shown in the access log as "deferred" */
	conn_request_done(ctx->rd, ctx->req, true);
}

/* Drops connections evhttp has freed; cuts those over the deadline. */
static void
conn_sweep(evutil_socket_t fd, short what, void *arg)
{
	struct rotad *rd = arg;
	int64_t now = now_ms();
	int64_t limit = (int64_t)rd->conf.http_timeout * 1000;

	(void)fd;
	(void)what;
	for (size_t i = 0; i < rd->nconns;) {
		struct http_conn *c = &rd->conns[i];
		bufferevent_event_cb eventcb = NULL;
		evutil_socket_t sock;

		/*
		 * bufferevent_free() clears every callback.  The read
		 * callback alone is no sign: evhttp clears it while it
		 * writes a reply, and a slow reader must stay tracked.
		 */
		bufferevent_getcb(c->bev, NULL, NULL, &eventcb, NULL);
		if (eventcb == NULL) {
			bufferevent_decref(c->bev);
			rd->conns[i] = rd->conns[--rd->nconns];
			continue;
		}
		if (!c->cut && !c->busy && now - c->since > limit &&
		    (sock = bufferevent_getfd(c->bev)) >= 0) {
			log_debug("closing a connection whose request took "
			          "over %d s",
			    rd->conf.http_timeout);
			shutdown(sock, SHUT_RDWR);
			c->cut = true;
		}
		i++;
	}
}

size_t
http_open_connections(const struct rotad *rd)
{
	return rd->nconns;
}

const char *
api_method_name(enum api_method m)
{
	switch (m) {
	case API_GET:
		return "GET";
	case API_HEAD:
		return "HEAD";
	case API_POST:
		return "POST";
	case API_PUT:
		return "PUT";
	case API_PATCH:
		return "PATCH";
	case API_DELETE:
		return "DELETE";
	}
	return "?";
}

static enum api_method
method_of(struct evhttp_request *req)
{
	switch (evhttp_request_get_command(req)) {
	case EVHTTP_REQ_GET:
		return API_GET;
	case EVHTTP_REQ_HEAD:
		return API_HEAD;
	case EVHTTP_REQ_POST:
		return API_POST;
	case EVHTTP_REQ_PUT:
		return API_PUT;
	case EVHTTP_REQ_PATCH:
		return API_PATCH;
	case EVHTTP_REQ_DELETE:
		return API_DELETE;
	default:
		return 0;
	}
}

static void
send_reply(struct api_ctx *ctx, int status, struct evbuffer *buf)
{
	struct evkeyvalq *out = evhttp_request_get_output_headers(ctx->req);
	const char *reason;

	if (ctx->replied)
		fatalx("%s: second reply to one request", __func__);
	if (ctx->capture != NULL) {
		/* api_call(): a reply without JSON (204, CSV, 304). */
		ctx->replied = true;
		ctx->status = status;
		return;
	}
	conn_request_done(ctx->rd, ctx->req, false);
	ctx->replied = true;
	ctx->status = status;
	ctx->bytes = buf ? evbuffer_get_length(buf) : 0;
	/* A 304 has no body to sniff and should carry only what RFC 9110
	 * 15.4.5 lists; the feed handler keeps it that short. */
	if (status != 304)
		evhttp_add_header(out, "X-Content-Type-Options", "nosniff");
	switch (status) {
	case 200:
		reason = "OK";
		break;
	case 201:
		reason = "Created";
		break;
	case 204:
		reason = "No Content";
		break;
	case 304:
		reason = "Not Modified";
		break;
	case 400:
		reason = "Bad Request";
		break;
	case 401:
		reason = "Unauthorized";
		break;
	case 403:
		reason = "Forbidden";
		break;
	case 404:
		reason = "Not Found";
		break;
	case 405:
		reason = "Method Not Allowed";
		break;
	case 409:
		reason = "Conflict";
		break;
	case 410:
		reason = "Gone";
		break;
	case 413:
		reason = "Payload Too Large";
		break;
	case 415:
		reason = "Unsupported Media Type";
		break;
	case 429:
		reason = "Too Many Requests";
		break;
	case 503:
		reason = "Service Unavailable";
		break;
	default:
		reason = status >= 500 ? "Internal Server Error" : "OK";
	}
	/*
	 * 204 and 304 carry no body; HEAD gets the headers of the GET with
	 * its length, but no body (evhttp 2.1 would send it).
	 */
	if (ctx->method == API_HEAD && buf != NULL && status != 204 &&
	    status != 304) {
		char len[32];
		snprintf(len, sizeof(len), "%zu", evbuffer_get_length(buf));
		evhttp_add_header(out, "Content-Length", len);
		evbuffer_drain(buf, evbuffer_get_length(buf));
	}
	evhttp_send_reply(ctx->req, status, reason,
	    (status == 204 || status == 304) ? NULL : buf);
}

void
api_add_header(struct api_ctx *ctx, const char *name, const char *value)
{
	if (ctx->capture != NULL)
		return; /* api_call(): the page sends its own */
	evhttp_add_header(
	    evhttp_request_get_output_headers(ctx->req), name, value);
}

const char *
api_header(struct api_ctx *ctx, const char *name)
{
	return evhttp_find_header(
	    evhttp_request_get_input_headers(ctx->req), name);
}

const char *
api_query(struct api_ctx *ctx, const char *name)
{
	return ctx->query ? evhttp_find_header(ctx->query, name) : NULL;
}

bool
api_not_modified(struct api_ctx *ctx, const char *const *tags, size_t ntags,
    int64_t last_modified)
{
	return http_not_modified(api_header(ctx, "If-None-Match"),
	    api_header(ctx, "If-Modified-Since"), tags, ntags, last_modified);
}

bool
api_accepts_gzip(struct api_ctx *ctx)
{
	return http_accepts_gzip(api_header(ctx, "Accept-Encoding"));
}

void
api_reply_json(struct api_ctx *ctx, int status, json_t *body)
{
	struct evbuffer *buf;
	char *text;

	body = access_filter_reply(ctx, body); /* issue 14: scope */
	if (ctx->capture != NULL) {
		/* api_call(): the reference goes to its caller, unsent. */
		if (ctx->replied)
			fatalx("%s: second reply to one request", __func__);
		*ctx->capture = body;
		ctx->replied = true;
		ctx->status = status;
		return;
	}
	if ((buf = evbuffer_new()) == NULL)
		fatalx("%s: out of memory", __func__);
	text = body ? json_dumps(body, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	json_decref(body);
	if (text != NULL) {
		evbuffer_add(buf, text, strlen(text));
		evbuffer_add(buf, "\n", 1);
		free(text);
	}
	api_add_header(ctx, "Content-Type", "application/json");
	api_add_header(ctx, "Cache-Control", "no-store");
	send_reply(ctx, status, buf);
	evbuffer_free(buf);
}

/*
 * A JSON string of text that may quote client input (an id from the path,
 * say) and so may not be valid UTF-8: bytes outside ASCII become '?'
 * then, so that the error still has its body.
 */
static json_t *
json_string_lossy(const char *text)
{
	json_t *j = json_string(text);
	char *copy;

	if (j != NULL)
		return j;
	copy = xstrdup(text);
	for (char *c = copy; *c != '\0'; c++)
		if ((unsigned char)*c >= 0x80)
			*c = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

void
api_reply_error(struct api_ctx *ctx, const struct rotad_error *err)
{
	int status = rotad_err_status(err->code);
	json_t *e = json_pack("{s:i, s:s, s:o}", "status", status, "code",
	    rotad_err_code(err->code), "message",
	    json_string_lossy(err->message));

	if (err->field[0] != '\0')
		json_object_set_new(e, "field", json_string_lossy(err->field));
	if (status == 401)
		api_add_header(
		    ctx, "WWW-Authenticate", "Bearer realm=\"rota\"");
	api_reply_json(ctx, status, json_pack("{s:o}", "error", e));
}

void
api_reply_errorf(struct api_ctx *ctx, enum rotad_err code, const char *field,
    const char *fmt, ...)
{
	struct rotad_error err;
	va_list ap;

	err.code = code;
	snprintf(err.field, sizeof(err.field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err.message, sizeof(err.message), _(fmt), ap);
	va_end(ap);
	api_reply_error(ctx, &err);
}

void
api_reply_raw(struct api_ctx *ctx, int status, const char *content_type,
    const void *data, size_t len)
{
	struct evbuffer *buf;

	if (content_type != NULL)
		api_add_header(ctx, "Content-Type", content_type);
	/* No body (a 304 on the feed's hot path): no buffer to make. */
	if (len == 0) {
		send_reply(ctx, status, NULL);
		return;
	}
	if ((buf = evbuffer_new()) == NULL)
		fatalx("%s: out of memory", __func__);
	evbuffer_add(buf, data, len);
	send_reply(ctx, status, buf);
	evbuffer_free(buf);
}

void
api_reply_ref(struct api_ctx *ctx, int status, const char *content_type,
    const void *data, size_t len,
    void (*cleanup)(const void *data, size_t len, void *arg), void *arg)
{
	struct evbuffer *buf = evbuffer_new();

	if (buf == NULL)
		fatalx("%s: out of memory", __func__);
	if (len == 0 ||
	    evbuffer_add_reference(buf, data, len, cleanup, arg) != 0) {
		cleanup(data, len, arg);
		if (len > 0)
			fatalx("%s: out of memory", __func__);
	}
	if (content_type != NULL)
		api_add_header(ctx, "Content-Type", content_type);
	send_reply(ctx, status, buf);
	evbuffer_free(buf);
}

void
api_reply_empty(struct api_ctx *ctx)
{
	send_reply(ctx, 204, NULL);
}

json_t *
api_call(struct api_ctx *ctx, const struct api_route *table, unsigned method,
    const char *pattern, const char *query, json_t *body, int *status)
{
	const struct api_route *saved_route = ctx->route, *r;
	struct evkeyvalq *saved_query = ctx->query, q;
	enum api_method saved_method = ctx->method;
	json_t *saved_body = ctx->body, *answer = NULL;
	int saved_status = ctx->status, saved_lang = ctx->lang;

	for (r = table; r->pattern != NULL; r++)
		if ((r->methods & method) && strcmp(r->pattern, pattern) == 0)
			break;
	if (r->pattern == NULL || ctx->replied)
		fatalx("%s: no route %s %s to call", __func__,
		    api_method_name((enum api_method)method), pattern);
	TAILQ_INIT(&q);
	if (query != NULL && evhttp_parse_query_str(query, &q) != 0)
		fatalx("%s: bad query '%s'", __func__, query);
	ctx->route = r;
	ctx->method = (enum api_method)method;
	ctx->query = &q;
	ctx->body = body;
	ctx->capture = &answer;
	ctx->status = 0;
	/* The page's language (web_session()), for the API's texts. */
	ctx->lang = (int)i18n_current();
	if (access_check_body(ctx))
		r->handler(ctx);
	if (!ctx->replied)
		fatalx("%s: %s sent no answer", __func__, pattern);
	*status = ctx->status;
	ctx->capture = NULL;
	ctx->replied = false;
	ctx->route = saved_route;
	ctx->method = saved_method;
	ctx->query = saved_query;
	ctx->body = saved_body;
	ctx->status = saved_status;
	ctx->lang = saved_lang;
	evhttp_clear_headers(&q);
	return answer;
}

int64_t
api_now(void)
{
	return (int64_t)time(NULL);
}

const char *
api_bearer(struct api_ctx *ctx)
{
	const char *h = api_header(ctx, "Authorization");

	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return NULL;
	h += 7;
	while (*h == ' ')
		h++;
	return h;
}

/* A bearer token, or a session cookie (issue 14: access.c). */
bool
api_token_ok(struct api_ctx *ctx)
{
	return access_authenticate(ctx);
}

/* The client's address as text. */
static void
peer_addr(struct api_ctx *ctx, char *buf, size_t len)
{
	struct evhttp_connection *evcon =
	    evhttp_request_get_connection(ctx->req);
	char *addr = NULL;
	ev_uint16_t port;

	char client[CLIENTADDR_MAX];

	snprintf(buf, len, "-");
	if (evcon != NULL) {
		evhttp_connection_get_peer(evcon, &addr, &port);
		/* Behind a trusted proxy, the client it forwards for. */
		client_address(ctx->rd->proxies, addr,
		    api_header(ctx, "X-Forwarded-For"), client);
		snprintf(buf, len, "%s", client);
	}
}

void
api_client_addr(struct api_ctx *ctx, char *buf, size_t len)
{
	peer_addr(ctx, buf, len);
}

void
api_bad_token(struct api_ctx *ctx)
{
	char addr[64];

	peer_addr(ctx, addr, sizeof(addr));
	stats.auth_failures++;
	ratelimit_failure(ctx->rd->limiter, addr, api_now());
}

/* Refused guesses waiting for their answer (loop thread only). */
struct tarpit {
	struct rotad *rd;
	struct evhttp_request *req;
	struct event *ev;
	enum api_method method;
	int wait;
	LIST_ENTRY(tarpit) entry;
};
static LIST_HEAD(, tarpit) tarpits = LIST_HEAD_INITIALIZER(tarpits);
static size_t ntarpits;

static void
reply_too_many(struct api_ctx *ctx, int wait)
{
	char secs[16];

	snprintf(secs, sizeof(secs), "%d", wait);
	api_add_header(ctx, "Retry-After", secs);
	stats.rate_limited++;
	api_reply_errorf(ctx, ROTAD_ERR_TOO_MANY_REQUESTS, NULL,
	    "too many bad tokens from this address; try again in %d s", wait);
}

static void
tarpit_free(struct tarpit *t)
{
	LIST_REMOVE(t, entry);
	ntarpits--;
	event_free(t->ev);
	free(t);
}

static void
tarpit_done(evutil_socket_t fd, short what, void *arg)
{
	struct tarpit *t = arg;
	struct api_ctx ctx;

	(void)fd;
	(void)what;
	memset(&ctx, 0, sizeof(ctx));
	ctx.rd = t->rd;
	ctx.req = t->req;
	ctx.method = t->method;
	/* A client that left meanwhile is harmless (see api_defer). */
	reply_too_many(&ctx, t->wait);
	tarpit_free(t);
}

bool
api_throttle_bad_token(struct api_ctx *ctx)
{
	struct timeval delay = {
	    RATELIMIT_DELAY_MS / 1000, (RATELIMIT_DELAY_MS % 1000) * 1000};
	struct tarpit *t;
	char addr[64];
	int wait;

	peer_addr(ctx, addr, sizeof(addr));
	/* The limit's first RATELIMIT_FAILURES bad tokens are answered. */
	wait = ratelimit_wait(ctx->rd->limiter, addr, api_now());
	api_bad_token(ctx);
	if (wait == 0)
		return false;
	if (ntarpits < RATELIMIT_TARPIT) {
		t = xcalloc(1, sizeof(*t));
		t->rd = ctx->rd;
		t->req = ctx->req;
		t->method = ctx->method;
		t->wait = wait;
		t->ev = evtimer_new(ctx->rd->base, tarpit_done, t);
		if (t->ev != NULL && evtimer_add(t->ev, &delay) == 0) {
			LIST_INSERT_HEAD(&tarpits, t, entry);
			ntarpits++;
			api_defer(ctx);
			return true;
		}
		if (t->ev != NULL)
			event_free(t->ev);
		free(t);
	}
	reply_too_many(ctx, wait);
	return true;
}

/* Reads and parses the JSON body; replies itself and returns -1 on error. */
static int
read_body(struct api_ctx *ctx)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(ctx->req);
	size_t len = evbuffer_get_length(in);
	const char *ct = api_header(ctx, "Content-Type");
	struct rotad_error err;
	unsigned char *data;

	size_t max = (ctx->route->flags & API_BODY_SMALL) &&
	        ctx->rd->conf.max_body > API_SMALL_BODY
	    ? API_SMALL_BODY
	    : ctx->rd->conf.max_body;

	if (len > max) {
		api_reply_errorf(ctx, ROTAD_ERR_PAYLOAD_TOO_LARGE, NULL,
		    "the body has %zu bytes; the limit is %zu", len, max);
		return -1;
	}
	if (len == 0) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_JSON, NULL,
		    "the request needs a JSON body");
		return -1;
	}
	if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0 ||
	    (ct[16] != '\0' && ct[16] != ';' && ct[16] != ' ')) {
		api_reply_errorf(ctx, ROTAD_ERR_UNSUPPORTED_MEDIA_TYPE, NULL,
		    "send the body as Content-Type: application/json");
		return -1;
	}
	data = evbuffer_pullup(in, -1);
	if (ctx->route->flags & API_BODY_RAW) {
		ctx->raw = (const char *)data;
		ctx->rawlen = len;
		return 0;
	}
	rotad_error_clear(&err);
	ctx->body = json_body_parse((const char *)data, len, &err);
	if (ctx->body == NULL) {
		api_reply_error(ctx, &err);
		return -1;
	}
	return 0;
}

static void
access_log(struct api_ctx *ctx, const struct timespec *t0)
{
	struct timespec t1;
	long long us;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	us = (long long)(t1.tv_sec - t0->tv_sec) * 1000000 +
	    (t1.tv_nsec - t0->tv_nsec) / 1000;
	stats_request(ctx->route ? ctx->route->pattern : NULL, ctx->status,
	    (double)us / 1e6);
	/*
	 * The route pattern, never the raw path: paths can hold secrets.
	 * Integer tenths of a millisecond: this runs on every request, and
	 * floating-point formatting is the dearest part of printf.
	 */
	log_info("%s %s %d %zu %lld.%lldms", api_method_name(ctx->method),
	    ctx->route ? ctx->route->pattern : "(no route)", ctx->status,
	    ctx->bytes, us / 1000, us % 1000 / 100);
}

static void
http_dispatch(struct evhttp_request *req, void *arg)
{
	struct rotad *rd = arg;
	struct api_ctx ctx;
	struct evkeyvalq query;
	const struct evhttp_uri *uri;
	const char *path, *qs, *framing;
	struct timespec t0;
	unsigned allowed = 0;
	char pathbuf[ROUTER_MAX_PATH];

	clock_gettime(CLOCK_MONOTONIC, &t0);
	conn_request_done(rd, req, false);
	memset(&ctx, 0, sizeof(ctx));
	ctx.rd = rd;
	ctx.req = req;
	ctx.method = method_of(req);
	TAILQ_INIT(&query);
	/* Every text of this answer in the reader's language (i18n.h). */
	ctx.lang = i18n_negotiate(
	    api_header(&ctx, "Accept-Language"), api_default_lang(rd));
	i18n_use(ctx.lang);

	if (rd->stopping) {
		api_reply_errorf(&ctx, ROTAD_ERR_UNAVAILABLE, NULL,
		    "rotad is shutting down");
		goto done;
	}
	if ((framing = http_framing_error(
	         evhttp_request_get_input_headers(req))) != NULL) {
		/*
		 * evhttp took one reading; a proxy in front may have taken
		 * another, and then the rest of this connection means
		 * different requests to each (RFC 9112 6.3: unrecoverable).
		 */
		api_add_header(&ctx, "Connection", "close");
		api_reply_errorf(
		    &ctx, ROTAD_ERR_BAD_REQUEST, NULL, "%s", framing);
		goto done;
	}
	uri = evhttp_request_get_evhttp_uri(req);
	path = uri ? evhttp_uri_get_path(uri) : NULL;
	if (router_normalize(path, pathbuf) == -1) {
		api_reply_errorf(&ctx, ROTAD_ERR_BAD_REQUEST, NULL,
		    "the request path is not valid");
		goto done;
	}

	for (size_t t = 0; t < sizeof(route_tables) / sizeof(route_tables[0]);
	     t++) {
		for (const struct api_route *r = route_tables[t];
		     r->pattern != NULL; r++) {
			if (!router_match(r->pattern, pathbuf, NULL, 0))
				continue;
			allowed |= r->methods;
			if (r->methods & ctx.method) {
				ctx.route = r;
				break;
			}
		}
		if (ctx.route != NULL)
			break;
	}
	if (ctx.route == NULL) {
		if (allowed != 0) {
			char allow[64] = "";
			for (unsigned m = 1; m <= API_DELETE; m <<= 1) {
				if (!(allowed & m))
					continue;
				if (allow[0] != '\0')
					strncat(allow, ", ",
					    sizeof(allow) - strlen(allow) - 1);
				strncat(allow,
				    api_method_name((enum api_method)m),
				    sizeof(allow) - strlen(allow) - 1);
			}
			api_add_header(&ctx, "Allow", allow);
			api_reply_errorf(&ctx, ROTAD_ERR_METHOD_NOT_ALLOWED,
			    NULL, "%s is not allowed here; use %s",
			    ctx.method ? api_method_name(ctx.method)
			               : "this method",
			    allow);
		} else {
			api_reply_errorf(&ctx, ROTAD_ERR_NOT_FOUND, NULL,
			    "there is nothing at this path");
		}
		goto done;
	}
	if (strncmp(ctx.route->pattern, "/api/", 5) == 0) {
		api_add_header(&ctx, "Content-Language", i18n_tag(ctx.lang));
		api_add_header(&ctx, "Vary", "Accept-Language");
	}
	/* Only the winning route's parameters are decoded. */
	if (!router_match(
	        ctx.route->pattern, pathbuf, ctx.params, API_MAX_PARAMS)) {
		api_reply_errorf(&ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "there is nothing at this path");
		goto done;
	}

	qs = evhttp_uri_get_query(uri);
	if (qs != NULL && evhttp_parse_query_str(qs, &query) != 0) {
		api_reply_errorf(&ctx, ROTAD_ERR_BAD_REQUEST, NULL,
		    "the query string is not valid");
		goto done;
	}
	ctx.query = &query;

	/*
	 * The token is checked first: a valid one is served whatever other
	 * clients at the same address got wrong (issue 18.6).
	 */
	if ((ctx.route->flags & API_AUTH) && !api_token_ok(&ctx)) {
		if (!api_throttle_bad_token(&ctx))
			api_reply_errorf(&ctx, ROTAD_ERR_UNAUTHORIZED, NULL,
			    "send a valid API token as 'Authorization: Bearer "
			    "TOKEN'");
		goto done;
	}
	/* Roles, scope, CSRF: the one place (access.c, issue 14). */
	if ((ctx.route->flags & API_AUTH) && !access_authorize(&ctx))
		goto done;
	if ((ctx.route->flags & API_BODY) &&
	    (ctx.method & (API_POST | API_PUT | API_PATCH)) &&
	    read_body(&ctx) == -1)
		goto done;
	if ((ctx.route->flags & API_BODY_OPTIONAL) &&
	    evbuffer_get_length(evhttp_request_get_input_buffer(req)) > 0 &&
	    read_body(&ctx) == -1)
		goto done;
	if ((ctx.route->flags & API_AUTH) && !access_check_body(&ctx))
		goto done;

	ctx.route->handler(&ctx);
	if (!ctx.replied) {
		log_warnx("%s: handler for %s sent no reply", __func__,
		    ctx.route->pattern);
		api_reply_errorf(&ctx, ROTAD_ERR_INTERNAL, NULL,
		    "the server failed to answer");
	}
done:
	i18n_use(I18N_EN);
	access_log(&ctx, &t0);
	access_release(&ctx);
	json_decref(ctx.body);
	evhttp_clear_headers(&query);
	for (size_t i = 0; i < API_MAX_PARAMS; i++)
		free(ctx.params[i]);
}

void
http_apply_limits(struct rotad *rd)
{
	/*
	 * evhttp answers an over-long body itself (in HTML) and closes; let
	 * it do so only far above our own limit, which answers in JSON.
	 */
	evhttp_set_max_body_size(rd->http, (ev_ssize_t)hard_body_limit(rd));
	evhttp_set_timeout(rd->http, rd->conf.http_timeout);
}

/*
 * accept() failed for a reason that will not go away by itself at once
 * (no descriptors left: EMFILE, ENFILE; no memory).  libevent would log
 * and retry in a busy loop, since the pending connection keeps the socket
 * readable; instead stop accepting for a moment, keep serving the open
 * connections (whose closing frees descriptors), and say so at most once
 * every 10 s.  Waiting clients stay in the kernel's backlog meanwhile.
 */
#define ACCEPT_PAUSE_MS 100

/*
 * The listener's error callback gets evhttp's argument, not ours, so the
 * daemon it belongs to is kept here (there is one listener per process).
 */
static struct rotad *accept_rd;

static void
accept_resume(evutil_socket_t fd, short what, void *arg)
{
	struct rotad *rd = arg;

	(void)fd;
	(void)what;
	if (rd->listener != NULL)
		evconnlistener_enable(
		    evhttp_bound_socket_get_listener(rd->listener));
}

static void
accept_error(struct evconnlistener *lev, void *arg)
{
	static int64_t last_warned = -1;
	static unsigned long pauses;
	struct timeval pause = {0, ACCEPT_PAUSE_MS * 1000};
	int err = EVUTIL_SOCKET_ERROR();
	int64_t now = now_ms();

	(void)arg;
	pauses++;
	if (last_warned < 0 || now - last_warned >= 10000) {
		log_warnx("cannot accept connections (%s): pausing for %d ms "
		          "(%lu pauses so far)",
		    evutil_socket_error_to_string(err), ACCEPT_PAUSE_MS,
		    pauses);
		last_warned = now;
	}
	evconnlistener_disable(lev);
	evtimer_add(accept_rd->accept_resume, &pause);
}

int
http_init(struct rotad *rd, int listen_fd)
{
	char *host, *colon;
	long port;
	evutil_socket_t fd;
	struct sockaddr_storage ss;
	ev_socklen_t sslen = sizeof(ss);

	if ((rd->http = evhttp_new(rd->base)) == NULL) {
		log_warnx("cannot create the HTTP server");
		return -1;
	}
	http_apply_limits(rd);
	access_check_routes(
	    route_tables, sizeof(route_tables) / sizeof(route_tables[0]));
	evhttp_set_max_headers_size(rd->http, ROTAD_DEFAULT_MAX_HEADERS);
	evhttp_set_default_content_type(rd->http, "application/json");
	evhttp_set_allowed_methods(rd->http,
	    EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST |
	        EVHTTP_REQ_PUT | EVHTTP_REQ_PATCH | EVHTTP_REQ_DELETE);
	evhttp_set_flags(rd->http, EVHTTP_SERVER_LINGERING_CLOSE);
	evhttp_set_gencb(rd->http, http_dispatch, rd);
	evhttp_set_bevcb(rd->http, conn_new, rd);
	{
		struct timeval second = {1, 0};
		rd->sweeper =
		    event_new(rd->base, -1, EV_PERSIST, conn_sweep, rd);
		if (rd->sweeper == NULL ||
		    event_add(rd->sweeper, &second) != 0) {
			log_warnx("cannot start the connection sweeper");
			return -1;
		}
	}

	if (listen_fd >= 0) {
		evutil_make_socket_nonblocking(listen_fd);
		rd->listener =
		    evhttp_accept_socket_with_handle(rd->http, listen_fd);
		if (rd->listener == NULL) {
			log_warnx("cannot serve the socket from systemd");
			return -1;
		}
		fd = listen_fd;
		goto bound;
	}
	host = xstrdup(rd->conf.listen);
	if ((colon = strrchr(host, ':')) == NULL) {
		log_warnx("listen address '%s' has no port (ADDR:PORT)",
		    rd->conf.listen);
		free(host);
		return -1;
	}
	*colon = '\0';
	port = strtol(colon + 1, NULL, 10);
	if (port < 0 || port > 65535 || colon[1] == '\0') {
		log_warnx(
		    "listen address '%s' has a bad port", rd->conf.listen);
		free(host);
		return -1;
	}
	/* "[::1]:8080" */
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		host[strlen(host) - 1] = '\0';
		memmove(host, host + 1, strlen(host));
	}
	rd->listener =
	    evhttp_bind_socket_with_handle(rd->http, host, (ev_uint16_t)port);
	if (rd->listener == NULL) {
		log_warn("cannot listen on '%s'", rd->conf.listen);
		free(host);
		return -1;
	}
	free(host);
	fd = evhttp_bound_socket_get_fd(rd->listener);
bound:
	/* Out of descriptors: pause accepting instead of spinning. */
	if ((rd->accept_resume = evtimer_new(rd->base, accept_resume, rd)) ==
	    NULL) {
		log_warnx("cannot create the accept timer");
		return -1;
	}
	accept_rd = rd;
	evconnlistener_set_error_cb(
	    evhttp_bound_socket_get_listener(rd->listener), accept_error);
	/*
	 * Accepted sockets inherit TCP_NODELAY from the listener on Linux:
	 * without it a reply written in two parts waits for the client's
	 * delayed ACK (about 40 ms).
	 */
	{
		int one = 1;
		if (setsockopt(
		        fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == -1)
			log_warn("cannot set TCP_NODELAY on the listener");
	}
	if (getsockname(fd, (struct sockaddr *)&ss, &sslen) == 0) {
		if (ss.ss_family == AF_INET)
			rd->port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		else if (ss.ss_family == AF_INET6)
			rd->port =
			    ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	return 0;
}

void
http_stop_listening(struct rotad *rd)
{
	if (rd->listener != NULL && rd->http != NULL)
		evhttp_del_accept_socket(rd->http, rd->listener);
	rd->listener = NULL;
}

void
http_free(struct rotad *rd)
{
	/* Held guesses go unanswered: evhttp_free frees their requests. */
	while (!LIST_EMPTY(&tarpits))
		tarpit_free(LIST_FIRST(&tarpits));
	if (rd->sweeper != NULL)
		event_free(rd->sweeper);
	rd->sweeper = NULL;
	if (rd->accept_resume != NULL)
		event_free(rd->accept_resume);
	rd->accept_resume = NULL;
	if (rd->http != NULL)
		evhttp_free(rd->http);
	/* evhttp freed every connection; let go of our references. */
	for (size_t i = 0; i < rd->nconns; i++)
		bufferevent_decref(rd->conns[i].bev);
	free(rd->conns);
	rd->conns = NULL;
	rd->nconns = 0;
	rd->http = NULL;
	rd->listener = NULL;
}
