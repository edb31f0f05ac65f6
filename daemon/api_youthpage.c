/* SPDX-License-Identifier: ISC */
/*
 * This file contains the youth's own page (issue 16), opened by the
 * youth's feed link's secret, and its forms:
 *
 *   GET  /youth/TOKEN             the page (youthpage.c renders it)
 *   POST /youth/TOKEN/claim       slot=ID: take an open or offered visit
 *   POST /youth/TOKEN/give-away   slot=ID: offer a visit to colleagues
 *   POST /youth/TOKEN/day-off     date=YYYY-MM-DD[&from=HH:MM&to=HH:MM]
 *
 * The token is looked up as the feed's is (api_feed.h: hashed, bad ones
 * rate-limited, 404 alike for every unknown one, 410 once withdrawn).
 * The forms are plain HTML forms (application/x-www-form-urlencoded); each
 * answers with the page again and a line on top saying what happened or,
 * refused, why in plain words.  The actions are requests.c's, with the
 * youth as the actor ("youth:ID").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/queue.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <sodium.h>

#include "api.h"
#include "api_feed.h"
#include "api_util.h"
#include "civil.h"
#include "i18n.h"
#include "log.h"
#include "model.h"
#include "requests.h"
#include "publish_state.h"
#include "rotad.h"
#include "state.h"
#include "store.h"
#include "store_requests.h"
#include "textfmt.h"
#include "tzmap.h"
#include "xmalloc.h"
#include "youthpage.h"

#define FORM_MAX 4096 /* bytes of a form body */

/* The youth a page token opens, or a reply and -1. */
static long
youth_of(struct api_ctx *ctx, const struct model_instance **inst)
{
	struct store_feed_token tok;
	long idx;

	if (api_feed_token_lookup(ctx, ctx->params[0], &tok) == -1)
		return -1;
	if (strcmp(tok.kind, "gone") == 0) {
		api_reply_errorf(
		    ctx, ROTAD_ERR_GONE, NULL, "this link has been withdrawn");
		return -1;
	}
	if (strcmp(tok.kind, "youth") != 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "there is nothing at this path");
		return -1;
	}
	if ((*inst = api_instance_or_reply(ctx)) == NULL)
		return -1;
	idx = model_find_youth(*inst, tok.subject);
	if (tok.revoked_at != 0 || idx < 0) {
		api_reply_errorf(
		    ctx, ROTAD_ERR_GONE, NULL, "this link has been withdrawn");
		return -1;
	}
	return idx;
}

/* The Content-Security-Policy: nothing but the page's own style. */
static const char *
csp(void)
{
	static char value[256];
	unsigned char h[crypto_hash_sha256_BYTES];
	char b64[sodium_base64_ENCODED_LEN(
	    crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	const char *s;

	if (value[0] != '\0')
		return value;
	s = youthpage_style();
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2base64(
	    b64, sizeof(b64), h, sizeof(h), sodium_base64_VARIANT_ORIGINAL);
	snprintf(value, sizeof(value),
	    "default-src 'none'; style-src 'sha256-%s'; form-action 'self'; "
	    "base-uri 'none'; frame-ancestors 'none'",
	    b64);
	return value;
}

struct notice {
	char text[512];
	bool bad;
	char **reasons;
	size_t nreasons;
};

static void
notice_clear(struct notice *n)
{
	for (size_t i = 0; i < n->nreasons; i++)
		free(n->reasons[i]);
	free(n->reasons);
	memset(n, 0, sizeof(*n));
}

/* The messages of a refusal's violations, one line each. */
static void
notice_reasons(struct notice *n, const json_t *violations)
{
	size_t i;
	json_t *v;

	json_array_foreach(violations, i, v)
	{
		const char *m =
		    json_string_value(json_object_get(v, "message"));
		if (m == NULL)
			continue;
		n->reasons = xreallocarray(
		    n->reasons, n->nreasons + 1, sizeof(*n->reasons));
		n->reasons[n->nreasons++] = xstrdup(m);
	}
}

/* Renders and sends the page of youth y with notice n (or none), from
 * the published state (publish_state.h): its youths are the live ones. */
static void send_page_of(struct api_ctx *ctx, const struct model_instance *inst,
    long y, int lang, int status, const struct notice *n);

static void
send_page(struct api_ctx *ctx, const struct model_instance *live, long y,
    int lang, int status, const struct notice *n)
{
	struct rotad_error err;
	const struct model_instance *shown;

	(void)live;
	rotad_error_clear(&err);
	if ((shown = publish_view_get(ctx->rd, &err)) == NULL) {
		api_reply_error(ctx, &err);
		return;
	}
	send_page_of(ctx, shown, y, lang, status, n);
	publish_view_put(ctx->rd, shown);
}

static void
send_page_of(struct api_ctx *ctx, const struct model_instance *inst, long y,
    int lang, int status, const struct notice *n)
{
	struct youthpage_view v;
	struct youthpage_offer *given = NULL, *open = NULL;
	struct youthpage_pending *pending = NULL;
	size_t ngiven = 0, nopen = 0, ngiving = 0, npending = 0, nreq = 0;
	size_t *giving = NULL;
	struct request *reqs = NULL;
	enum request_state st = REQUEST_OPEN;
	const struct tzmap *tz = tzmap_get(inst->timezone);
	const char *me = inst->youths[y].id;
	struct rotad_error err;
	char *base, *action, *url, *webcal, *body, msg[256];

	rotad_error_clear(&err);
	if (tz == NULL ||
	    store_requests_list(
	        ctx->rd->store, NULL, &st, NULL, &reqs, &nreq, &err) == -1) {
		api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
		    "the page could not be rendered");
		return;
	}
	given = xcalloc(nreq + 1, sizeof(*given));
	giving = xcalloc(nreq + 1, sizeof(*giving));
	pending = xcalloc(nreq + 1, sizeof(*pending));
	for (size_t i = 0; i < nreq; i++) {
		const struct request *r = &reqs[i];
		long s = state_find_slot(inst, r->slot);
		bool mine = strcmp(r->youth, me) == 0;

		if (s < 0)
			continue;
		if ((mine && r->kind != REQUEST_GIVE_AWAY) ||
		    (r->kind == REQUEST_GIVE_AWAY &&
		        strcmp(r->taker, me) == 0)) {
			pending[npending].slot = (size_t)s;
			pending[npending].day_off = r->kind == REQUEST_DAY_OFF;
			pending[npending].start = r->start;
			npending++;
		}
		if (r->kind != REQUEST_GIVE_AWAY)
			continue;
		if (mine)
			giving[ngiving++] = (size_t)s;
		else if (r->taker[0] == '\0' &&
		    state_find_youth(inst, r->youth) >= 0) {
			given[ngiven].slot = (size_t)s;
			given[ngiven].giver = state_find_youth(inst, r->youth);
			given[ngiven].request = r->id;
			ngiven++;
		}
	}
	free(reqs);
	/* The gate's messages are not shown here; the list is what passes. */
	if (youthpage_open_visits(inst, tz, (size_t)y,
	        tzmap_to_wall(tz, api_now() / 60), given, ngiven, &open, &nopen,
	        msg, sizeof(msg)) == -1) {
		log_warnx("youth page: open visits not listed: %s", msg);
		nopen = 0;
		open = NULL;
	}
	/* A visit asked for already is in the waiting list, not here. */
	for (size_t i = 0, all = nopen; i < all; i++) {
		bool asked = false;
		if (i == 0)
			nopen = 0;
		for (size_t j = 0; j < npending && !asked; j++)
			asked = !pending[j].day_off &&
			    pending[j].slot == open[i].slot;
		if (!asked)
			open[nopen++] = open[i];
	}
	base = api_feed_base_url(ctx);
	action = xasprintf("/youth/%s", ctx->params[0]);
	url = xasprintf("%s/feeds/%s.ics", base, ctx->params[0]);
	webcal = xasprintf("webcal://%s/feeds/%s.ics",
	    strstr(base, "://") ? strstr(base, "://") + 3 : base,
	    ctx->params[0]);
	memset(&v, 0, sizeof(v));
	v.now = api_now();
	v.action = action;
	v.feed_url = url;
	v.webcal_url = webcal;
	v.open = open;
	v.nopen = nopen;
	v.giving = giving;
	v.ngiving = ngiving;
	v.pending = pending;
	v.npending = npending;
	if (n != NULL && n->text[0] != '\0') {
		v.notice = n->text;
		v.notice_bad = n->bad;
		v.reasons = (const char *const *)n->reasons;
		v.nreasons = n->nreasons;
	}
	body = youthpage_render(inst, (size_t)y, &v, lang);
	free(base);
	free(action);
	free(url);
	free(webcal);
	free(open);
	free(given);
	free(giving);
	free(pending);
	if (body == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
		    "the page could not be rendered");
		return;
	}
	api_add_header(ctx, "Content-Security-Policy", csp());
	api_add_header(ctx, "Content-Language", i18n_tag((enum i18n_lang)lang));
	api_add_header(ctx, "Cache-Control", "no-store");
	api_add_header(ctx, "X-Robots-Tag", "noindex");
	api_add_header(ctx, "Referrer-Policy", "no-referrer");
	api_add_header(ctx, "X-Content-Type-Options", "nosniff");
	api_reply_raw(
	    ctx, status, "text/html; charset=utf-8", body, strlen(body));
	free(body);
}

static int
youth_lang(const struct model_instance *inst, long y)
{
	return api_feed_lang_of(model_youth_language(inst, &inst->youths[y]));
}

static void
youth_page(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	long y;

	if ((y = youth_of(ctx, &inst)) < 0)
		return;
	send_page(ctx, inst, y, youth_lang(inst, y), 200, NULL);
}

/*
 * The form body as decoded fields into q; replies and returns -1 when it
 * is too large or not a form.
 */
static int
read_form(struct api_ctx *ctx, struct evkeyvalq *q)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(ctx->req);
	size_t len = evbuffer_get_length(in);
	const char *ct = api_header(ctx, "Content-Type");
	char *text;
	int rc;

	TAILQ_INIT(q);
	if (len > FORM_MAX) {
		api_reply_errorf(ctx, ROTAD_ERR_PAYLOAD_TOO_LARGE, NULL,
		    "the body has %zu bytes; the limit is %d", len, FORM_MAX);
		return -1;
	}
	if (ct == NULL ||
	    strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0) {
		api_reply_errorf(ctx, ROTAD_ERR_UNSUPPORTED_MEDIA_TYPE, NULL,
		    "send the form as application/x-www-form-urlencoded");
		return -1;
	}
	text = xmalloc(len + 1);
	evbuffer_copyout(in, text, len);
	text[len] = '\0';
	rc = strlen(text) == len ? evhttp_parse_query_str(text, q) : -1;
	free(text);
	if (rc != 0) {
		evhttp_clear_headers(q);
		api_reply_errorf(ctx, ROTAD_ERR_BAD_REQUEST, NULL,
		    "the form could not be read");
		return -1;
	}
	return 0;
}

/* "Thursday 14 January, 16:00–18:00 at Solheim" into buf. */
static void
visit_words(const struct model_instance *inst, long s, char *buf, size_t len)
{
	const struct model_slot *sl = &inst->slots[s];
	char date[TEXTFMT_MAX], from[TEXTFMT_MAX], to[TEXTFMT_MAX];
	char span[2 * TEXTFMT_MAX + 4];

	textfmt_date_long(civil_wall_date(sl->start), date, sizeof(date));
	textfmt_time(civil_wall_minute(sl->start), from, sizeof(from));
	textfmt_time(civil_wall_minute(sl->end), to, sizeof(to));
	snprintf(span, sizeof(span), "%s\xe2\x80\x93%s", from, to);
	/* TRANSLATORS: a visit in a youth's notice: date, "16:00-18:00",
	   home; bokmål "%1$s kl. %2$s på %3$s". */
	snprintf(buf, len, _("%1$s, %2$s at %3$s"), date, span,
	    inst->homes[sl->home_idx].name);
}

/* What a refused or failed action tells the youth. */
static void
notice_error(struct notice *n, const struct rotad_error *err,
    const struct change_result *res)
{
	n->bad = true;
	if (err->code == ROTAD_ERR_RULE_VIOLATION) {
		snprintf(n->text, sizeof(n->text), "%s",
		    _("You can't take this visit. The rules that protect "
		      "young workers say no:"));
		notice_reasons(n, res->violations);
	} else
		snprintf(n->text, sizeof(n->text), "%s", err->message);
}

static int
error_status(const struct rotad_error *err)
{
	int s = rotad_err_status(err->code);

	return s >= 500 ? s : s == 404 ? 404 : s == 400 ? 400 : 409;
}

/* The common part of the three forms: the youth, the form, the actor. */
struct form_call {
	const struct model_instance *inst;
	long y;
	int lang;
	struct evkeyvalq q;
	char actor[MODEL_ID_MAX + 8];
};

static int
form_begin(struct api_ctx *ctx, struct form_call *f)
{
	if ((f->y = youth_of(ctx, &f->inst)) < 0)
		return -1;
	if (read_form(ctx, &f->q) == -1)
		return -1;
	f->lang = youth_lang(f->inst, f->y);
	snprintf(
	    f->actor, sizeof(f->actor), "youth:%s", f->inst->youths[f->y].id);
	/* The gate's messages in the youth's language. */
	i18n_use((enum i18n_lang)f->lang);
	return 0;
}

/* Sends the page after an action (the state may have moved). */
static void
form_end(struct api_ctx *ctx, struct form_call *f, int status, struct notice *n)
{
	const struct model_instance *inst = api_instance_or_reply(ctx);

	evhttp_clear_headers(&f->q);
	if (inst != NULL) {
		/* f->inst may be gone: a failed write drops the state. */
		long y = model_find_youth(inst, f->actor + strlen("youth:"));
		if (y < 0)
			api_reply_errorf(ctx, ROTAD_ERR_GONE, NULL,
			    "this link has been withdrawn");
		else
			send_page(ctx, inst, y, f->lang, status, n);
	}
	notice_clear(n);
}

static void
claim_post(struct api_ctx *ctx)
{
	struct form_call f;
	struct notice n = {0};
	struct change_result res = {0};
	struct rotad_error err;
	enum requests_outcome out = REQUESTS_DONE;
	const char *slot;
	char words[400] = "";
	long s;
	int status = 200;

	if (form_begin(ctx, &f) == -1)
		return;
	slot = evhttp_find_header(&f.q, "slot");
	if (slot != NULL && (s = model_find_slot(f.inst, slot)) >= 0)
		visit_words(f.inst, s, words, sizeof(words));
	rotad_error_clear(&err);
	if (slot == NULL) {
		n.bad = true;
		snprintf(
		    n.text, sizeof(n.text), "%s", _("Choose a visit first."));
		status = 400;
	} else if (requests_claim(ctx->rd, f.inst->youths[f.y].id, slot,
	               f.actor, api_now(), &out, &res, &err) == -1) {
		notice_error(&n, &err, &res);
		status = error_status(&err);
	} else if (out == REQUESTS_PENDING)
		snprintf(n.text, sizeof(n.text),
		    _("Thanks! You have asked for %s. The coordinator will "
		      "answer you."),
		    words);
	else
		snprintf(
		    n.text, sizeof(n.text), _("Done! You are on %s."), words);
	change_result_clear(&res);
	form_end(ctx, &f, status, &n);
}

static void
give_away_post(struct api_ctx *ctx)
{
	struct form_call f;
	struct notice n = {0};
	struct rotad_error err;
	enum requests_outcome out = REQUESTS_OFFERED;
	const char *slot;
	char words[400] = "";
	long s;
	int status = 200;

	if (form_begin(ctx, &f) == -1)
		return;
	slot = evhttp_find_header(&f.q, "slot");
	if (slot != NULL && (s = model_find_slot(f.inst, slot)) >= 0)
		visit_words(f.inst, s, words, sizeof(words));
	rotad_error_clear(&err);
	if (slot == NULL) {
		n.bad = true;
		snprintf(
		    n.text, sizeof(n.text), "%s", _("Choose a visit first."));
		status = 400;
	} else if (requests_give_away(ctx->rd, f.inst->youths[f.y].id, slot,
	               f.actor, api_now(), &out, &err) == -1) {
		n.bad = true;
		snprintf(n.text, sizeof(n.text), "%s", err.message);
		status = error_status(&err);
	} else
		snprintf(n.text, sizeof(n.text),
		    _("%s is offered to your colleagues. It stays yours until "
		      "someone takes it."),
		    words);
	form_end(ctx, &f, status, &n);
}

/* date, from, to of the day-off form as wall times; -1 with a notice. */
static int
day_off_span(
    struct form_call *f, int64_t *start, int64_t *end, struct notice *n)
{
	const char *date = evhttp_find_header(&f->q, "date");
	const char *from = evhttp_find_header(&f->q, "from");
	const char *to = evhttp_find_header(&f->q, "to");
	int32_t d;
	int a = 0, b = CIVIL_MIN_PER_DAY;

	n->bad = true;
	if (date == NULL || civil_parse_date(date, &d) == -1) {
		snprintf(n->text, sizeof(n->text), "%s",
		    _("Write the date as YYYY-MM-DD."));
		return -1;
	}
	if ((from != NULL && from[0] != '\0' &&
	        civil_parse_hm(from, false, &a) == -1) ||
	    (to != NULL && to[0] != '\0' &&
	        civil_parse_hm(to, true, &b) == -1)) {
		snprintf(n->text, sizeof(n->text), "%s",
		    _("Write the times as HH:MM."));
		return -1;
	}
	if (b <= a) {
		snprintf(n->text, sizeof(n->text), "%s",
		    _("The end must be after the start."));
		return -1;
	}
	n->bad = false;
	*start = (int64_t)d * CIVIL_MIN_PER_DAY + a;
	*end = (int64_t)d * CIVIL_MIN_PER_DAY + b;
	return 0;
}

static void
day_off_post(struct api_ctx *ctx)
{
	struct form_call f;
	struct notice n = {0};
	struct change_result res = {0};
	struct rotad_error err;
	enum requests_outcome out = REQUESTS_DONE;
	int64_t start = 0, end = 0;
	char words[400] = "", date[TEXTFMT_MAX];
	long clash = -1;
	int status = 200;

	if (form_begin(ctx, &f) == -1)
		return;
	rotad_error_clear(&err);
	if (day_off_span(&f, &start, &end, &n) == -1)
		status = 400;
	else if (requests_day_off(ctx->rd, f.inst->youths[f.y].id, start, end,
	             f.actor, api_now(), &out, &clash, &res, &err) == -1) {
		notice_error(&n, &err, &res);
		status = error_status(&err);
	} else if (out == REQUESTS_PENDING) {
		visit_words(f.inst, clash, words, sizeof(words));
		snprintf(n.text, sizeof(n.text),
		    _("You are on %s. We have asked the coordinator to find "
		      "someone else. Until then the visit is still yours."),
		    words);
	} else {
		textfmt_date_long(civil_wall_date(start), date, sizeof(date));
		snprintf(n.text, sizeof(n.text),
		    _("Got it. You are off on %s."), date);
	}
	change_result_clear(&res);
	form_end(ctx, &f, status, &n);
}

const struct api_route api_youthpage_routes[] = {
    {API_GET | API_HEAD, "/youth/:token", youth_page, API_SECRET},
    {API_POST, "/youth/:token/claim", claim_post, API_SECRET},
    {API_POST, "/youth/:token/give-away", give_away_post, API_SECRET},
    {API_POST, "/youth/:token/day-off", day_off_post, API_SECRET},
    {0, NULL, NULL, 0},
};
