/* SPDX-License-Identifier: ISC */
/*
 * This file contains guardian consent online (issue 16, docs/consent.md):
 *
 *   GET    /api/v1/youths/{id}/consent-link  the youth's consent status
 *   POST   /api/v1/youths/{id}/consent-link  a new link (the old revoked)
 *   DELETE /api/v1/youths/{id}/consent-link  the link revoked
 *   DELETE /api/v1/youths/{id}/consent       the consent withdrawn
 *   GET    /consent/TOKEN                    the guardian's page
 *   POST   /consent/TOKEN/confirm            name=...: consent given
 *   POST   /consent/TOKEN/withdraw           name=...: consent withdrawn
 *
 * A link is a capability URL: a random token shown once, stored as its
 * hash (store_consent.h), working for CONSENT_LINK_DAYS days, one per
 * youth.  Unknown tokens answer 404 and count towards the bad-token limit;
 * revoked and expired ones 410.  The forms carry a token bound to the
 * link (a keyed hash of the link's hash with a key of this process), so a
 * form another site posts is refused.
 *
 * E-mail: with [mail] and a guardian_email, a new link goes to the
 * guardian through the outbox ("mail": "queued", no url in the answer);
 * its token is made by the sender when it sends, so it is never stored
 * in clear (consent_mail_enqueue() below).  Otherwise the link is
 * returned to the coordinator to send ("mail": "not_sent").
 *
 * Consent given is a youth change through change_apply() (the gate, the
 * feeds, one transaction with its audit row, actor "guardian:ID"): the
 * consent date is today in the organisation's zone and the guardian's
 * name the one typed.  Withdrawal is the one change the labour-law gate
 * lets through although it makes violations (the visits still planned
 * become NO-FOR-12-4 violations the coordinator must resolve): it is a
 * person's explicit act, forced with its reason in the audit row
 * (docs/rules.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <sodium.h>

#include "api.h"
#include "api_feed.h"
#include "api_util.h"
#include "auth.h"
#include "change.h"
#include "civil.h"
#include "consent.h"
#include "feed_cache.h"
#include "form.h"
#include "i18n.h"
#include "instance_json.h"
#include "log.h"
#include "model.h"
#include "notify.h"
#include "rotad.h"
#include "state.h"
#include "store.h"
#include "store_consent.h"
#include "tzmap.h"
#include "xmalloc.h"

#define FORM_MAX 4096 /* bytes of a form body */
#define CSRF_LEN 32   /* bytes of a form token */

/* Withdrawal's reason in the audit row (the one forced exception). */
static const char withdraw_reason[] =
    "guardian consent withdrawn: a person's explicit act, let through "
    "although it makes the visits still planned violations";

static int32_t
today_of(const struct model_instance *inst, int64_t *wall)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	int64_t now = api_now();
	int64_t w = tz ? tzmap_to_wall(tz, now >= 0 ? now / 60 : 0) : now / 60;

	if (wall != NULL)
		*wall = w;
	return civil_wall_date(w);
}

static json_t *
date_json(int32_t d)
{
	char buf[CIVIL_DATE_LEN];

	if (d == CIVIL_NO_DATE)
		return json_null();
	civil_format_date(d, buf);
	return json_string(buf);
}

/* The organisation's date of the Unix time t. */
static int32_t
date_of(const struct model_instance *inst, int64_t t)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);

	return civil_wall_date(tz ? tzmap_to_wall(tz, t / 60) : t / 60);
}

/*
 * The guardian's e-mail, inside the link's own transaction (from
 * link_commit(), after the link's row and before the commit), so the
 * message and the link are written together or not at all; -1 with err
 * rolls both back.
 *
 * When mail is configured (notify_enabled()) and youth y has a
 * guardian_email, the link's row was written with the hash of a token
 * nobody knows (w->hash random: the link cannot be opened yet) and this
 * writes the message (notify_consent_link()) whose stored bodies hold a
 * placeholder where the token goes, never the token: the sender
 * (mail_sender.c) makes the token when it sends, stores its hash on this
 * link and puts it in the mail.  The coordinator gets no URL then
 * ("mail": "queued"), so neither the outbox nor the API answer holds the
 * secret.  Otherwise nothing is written (*queued = false) and the link
 * keeps the hash of the token returned to the coordinator ("not_sent").
 */
static int
consent_mail_enqueue(struct api_ctx *ctx, const struct model_instance *inst,
    const struct model_youth *y, const char *base, int64_t expires_at,
    bool *queued, struct rotad_error *err)
{
	struct store *st = ctx->rd->store;
	struct consent_link l;
	int rc;

	*queued = false;
	if ((rc = store_consent_current(st, y->id, &l, err)) != 1) {
		if (rc == 0)
			rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
			    "the consent link was not written");
		return -1;
	}
	if ((rc = notify_consent_link(st, inst, y->id, base, l.id, l.created_at,
	         expires_at, api_now(), err)) == -1)
		return -1;
	*queued = rc == 1;
	return 0;
}

/* Whether a new link for youth y goes to the guardian by e-mail. */
static bool
mail_wanted(const struct model_youth *y)
{
	return notify_enabled() && y->guardian_email != NULL &&
	    y->guardian_email[0] != '\0';
}

/* ---- the coordinators' API ---- */

/* The youth of :id, or a reply and -1. */
static long
api_youth(struct api_ctx *ctx, const struct model_instance **inst)
{
	long y;

	if ((*inst = api_instance_or_reply(ctx)) == NULL)
		return -1;
	if ((y = model_find_youth(*inst, ctx->params[0])) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no youth has id '%s'", ctx->params[0]);
		return -1;
	}
	return y;
}

static json_t *
status_json(struct api_ctx *ctx, const struct model_instance *inst, long y)
{
	const struct model_youth *yo = &inst->youths[y];
	const struct tzmap *tz = tzmap_get(inst->timezone);
	struct consent_link l;
	struct rotad_error err;
	int32_t today = today_of(inst, NULL);
	int needed = tz ? consent_needed(inst, tz, (size_t)y, today) : -1;
	json_t *o = json_object(), *link = json_null();

	rotad_error_clear(&err);
	if (store_consent_current(ctx->rd->store, yo->id, &l, &err) == 1) {
		json_decref(link);
		link = json_pack("{s:o, s:o, s:b}", "created",
		    date_json(date_of(inst, l.created_at)), "expires",
		    date_json(date_of(inst, l.expires_at - 1)), "active",
		    api_now() < l.expires_at);
	}
	json_object_set_new(o, "youth", json_string(yo->id));
	json_object_set_new(o, "needed", json_boolean(needed == 1));
	json_object_set_new(
	    o, "guardian_consent", date_json(yo->guardian_consent));
	json_object_set_new(o, "guardian_name",
	    yo->guardian_name ? json_string(yo->guardian_name) : json_null());
	json_object_set_new(o, "guardian_email",
	    yo->guardian_email ? json_string(yo->guardian_email) : json_null());
	json_object_set_new(o, "link", link);
	return o;
}

static void
link_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	long y;

	if ((y = api_youth(ctx, &inst)) < 0)
		return;
	api_add_header(ctx, "Cache-Control", "no-store");
	api_reply_json(ctx, 200, status_json(ctx, inst, y));
}

struct link_write {
	const char *youth;
	const unsigned char *hash; /* NULL: revoke */
	int64_t expires_at;
	int revoked;
	/* A new link's e-mail (consent_mail_enqueue()): */
	const struct model_instance *inst;
	const struct model_youth *mail_to; /* NULL: none (hash is real) */
	const unsigned char *real_hash;    /* the token's, when not mailed */
	const char *base;
	bool mailed; /* out: a message was written */
};

/*
 * The link made or revoked with its audit row (entity "youth", so that
 * the access export shows it and a purge takes it) in one transaction;
 * the model does not change.  0, or a reply and -1.
 */
static int
link_commit(struct api_ctx *ctx, struct link_write *w, const char *action,
    const json_t *after)
{
	struct store *st = ctx->rd->store;
	struct feed_touch none = {0};
	struct rotad_error err;
	char *a =
	    after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc;

	if (api_refuse_while_importing(ctx) == -1) {
		free(a);
		return -1;
	}
	rotad_error_clear(&err);
	if ((rc = store_begin(st, &err)) == 0) {
		rc = w->hash == NULL
		    ? store_consent_revoke(
		          st, w->youth, api_now(), &w->revoked, &err)
		    : store_consent_create(st, w->youth, w->hash, api_now(),
		          w->expires_at, ctx->actor, &err);
		if (rc == 0 && w->mail_to != NULL)
			rc = consent_mail_enqueue(ctx, w->inst, w->mail_to,
			    w->base, w->expires_at, &w->mailed, &err);
		/* Not written after all (an opt-out): the token's link. */
		if (rc == 0 && w->mail_to != NULL && !w->mailed) {
			struct consent_link l;
			int changed = 0;
			rc = store_consent_current(st, w->youth, &l, &err) == 1
			    ? store_consent_rekey(st, l.id, w->youth,
			          l.created_at, w->real_hash, api_now(),
			          &changed, &err)
			    : -1;
			if (rc == 0 && !changed)
				rc = -1;
			if (rc == -1 && err.message[0] == '\0')
				rotad_error_set(&err, ROTAD_ERR_INTERNAL, NULL,
				    "the consent link was not written");
		}
		if (rc == 0)
			rc = store_audit(st, api_now(),
			    ctx->actor[0] ? ctx->actor : "-", action, "youth",
			    w->youth, NULL, a, &err);
		if (rc == 0)
			rc = store_commit(st, &err);
		else
			store_rollback(st);
	}
	free(a);
	if (rc == -1) {
		api_reply_error(ctx, &err);
		return -1;
	}
	state_committed(ctx->rd, &none);
	return 0;
}

static void
link_create(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	char token[AUTH_TOKEN_MAXLEN];
	unsigned char hash[AUTH_HASH_LEN], unknown[AUTH_HASH_LEN];
	struct link_write w;
	const struct tzmap *tz;
	json_t *after, *out;
	char *base, *url;
	long y;

	if ((y = api_youth(ctx, &inst)) < 0)
		return;
	if ((tz = tzmap_get(inst->timezone)) == NULL ||
	    consent_needed(inst, tz, (size_t)y, today_of(inst, NULL)) != 1) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, "guardian_consent",
		    "the rules of this youth's age need no consent from a "
		    "guardian");
		return;
	}
	auth_token_new("", token, sizeof(token));
	auth_token_hash(token, hash);
	memset(&w, 0, sizeof(w));
	w.youth = inst->youths[y].id;
	w.hash = hash;
	w.expires_at = api_now() + (int64_t)CONSENT_LINK_DAYS * 86400;
	/* The audit row says a link was made and until when, never the
	 * token. */
	after = json_pack(
	    "{s:o}", "expires", date_json(date_of(inst, w.expires_at - 1)));
	base = api_feed_base_url(ctx);
	if (mail_wanted(&inst->youths[y])) {
		/* Mailed: the row holds the hash of a token nobody knows
		 * until the sender makes the real one. */
		randombytes_buf(unknown, sizeof(unknown));
		w.hash = unknown;
		w.real_hash = hash;
		w.inst = inst;
		w.mail_to = &inst->youths[y];
		w.base = base;
	}
	if (link_commit(ctx, &w, "consent_link", after) == -1) {
		sodium_memzero(token, sizeof(token));
		json_decref(after);
		free(base);
		return;
	}
	if (w.mailed) {
		/* The guardian gets the link; the coordinator never sees
		 * it. */
		out = json_pack("{s:O, s:s}", "expires",
		    json_object_get(after, "expires"), "mail", "queued");
	} else {
		url = xasprintf("%s/consent/%s", base, token);
		out = json_pack("{s:s, s:O, s:s}", "url", url, "expires",
		    json_object_get(after, "expires"), "mail", "not_sent");
		sodium_memzero(url, strlen(url));
		free(url);
	}
	sodium_memzero(token, sizeof(token));
	api_add_header(ctx, "Cache-Control", "no-store");
	api_reply_json(ctx, 201, out);
	json_decref(after);
	free(base);
}

static void
link_revoke(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct link_write w;
	long y;

	if ((y = api_youth(ctx, &inst)) < 0)
		return;
	memset(&w, 0, sizeof(w));
	w.youth = inst->youths[y].id;
	if (link_commit(ctx, &w, "consent_link_revoke", NULL) == 0)
		api_reply_empty(ctx);
}

/*
 * Youth y's consent recorded today (give) or withdrawn, with the
 * guardian's name when typed, as a youth change by ctx->actor.  0, or -1
 * with err (and res->violations when refused).
 */
static int
consent_change(struct api_ctx *ctx, const struct model_instance *inst, long y,
    bool give, const char *name, struct change_result *res,
    struct rotad_error *err)
{
	struct model_youth ny;
	struct change c;
	int rc;

	model_youth_copy(&ny, &inst->youths[y]);
	ny.guardian_consent = give ? today_of(inst, NULL) : CIVIL_NO_DATE;
	if (name != NULL) {
		free(ny.guardian_name);
		ny.guardian_name = xstrdup(name);
	}
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_YOUTH;
	c.op = CHANGE_UPDATE;
	c.id = inst->youths[y].id;
	c.value.youth = &ny;
	c.gate = true;
	if (!give) {
		c.force = true;
		c.force_reason = withdraw_reason;
	}
	rc = api_change_try(ctx, &c, res, err);
	model_youth_clear(&ny);
	return rc;
}

static void
consent_delete(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct change_result res;
	struct rotad_error err;
	json_t *out;
	long y;

	if ((y = api_youth(ctx, &inst)) < 0)
		return;
	if (inst->youths[y].guardian_consent == CIVIL_NO_DATE) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, "guardian_consent",
		    "no consent is recorded for this youth");
		return;
	}
	if (consent_change(ctx, inst, y, false, NULL, &res, &err) == -1) {
		api_reply_error(ctx, &err);
		return;
	}
	inst = ctx->rd->cache;
	y = model_find_youth(inst, ctx->params[0]);
	out = y >= 0 ? status_json(ctx, inst, y) : json_object();
	api_add_forced(out, res.violations, res.nviolations);
	api_reply_json(ctx, 200, out);
	change_result_clear(&res);
}

/* ---- the guardian's page ---- */

/* A key of this process for the forms' tokens. */
static const unsigned char *
csrf_key(void)
{
	static unsigned char key[crypto_generichash_KEYBYTES];
	static bool made;

	if (!made) {
		randombytes_buf(key, sizeof(key));
		made = true;
	}
	return key;
}

/* The form token of the link with hash h, as hex into out. */
static void
csrf_of(const unsigned char *h, char out[2 * CSRF_LEN + 1])
{
	unsigned char mac[CSRF_LEN];

	crypto_generichash(mac, sizeof(mac), h, AUTH_HASH_LEN, csrf_key(),
	    crypto_generichash_KEYBYTES);
	sodium_bin2hex(out, 2 * CSRF_LEN + 1, mac, sizeof(mac));
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
	s = consent_style();
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2base64(
	    b64, sizeof(b64), h, sizeof(h), sodium_base64_VARIANT_ORIGINAL);
	snprintf(value, sizeof(value),
	    "default-src 'none'; style-src 'sha256-%s'; form-action 'self'; "
	    "base-uri 'none'; frame-ancestors 'none'",
	    b64);
	return value;
}

/* The link of :token and its youth, or a reply and -1. */
static long
page_youth(struct api_ctx *ctx, const struct model_instance **inst,
    struct consent_link *l)
{
	unsigned char hash[AUTH_HASH_LEN];
	struct rotad_error err;
	int found;
	long y;

	rotad_error_clear(&err);
	found = 0;
	if (auth_token_wellformed(ctx->params[0])) {
		auth_token_hash(ctx->params[0], hash);
		found = store_consent_find(ctx->rd->store, hash, l, &err);
	}
	if (found == -1) {
		api_reply_error(ctx, &err);
		return -1;
	}
	if (found == 0) {
		if (!api_throttle_bad_token(ctx))
			api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
			    "there is nothing at this path");
		return -1;
	}
	if (l->revoked_at != 0 || api_now() >= l->expires_at) {
		api_reply_errorf(ctx, ROTAD_ERR_GONE, NULL,
		    "this link has been withdrawn or has expired");
		return -1;
	}
	if ((*inst = api_instance_or_reply(ctx)) == NULL)
		return -1;
	if ((y = model_find_youth(*inst, l->youth)) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_GONE, NULL,
		    "this link has been withdrawn or has expired");
		return -1;
	}
	return y;
}

static int
youth_lang(const struct model_instance *inst, long y)
{
	return api_feed_lang_of(model_youth_language(inst, &inst->youths[y]));
}

static void
send_page(struct api_ctx *ctx, const struct model_instance *inst, long y,
    const struct consent_link *l, int status, const char *notice, bool bad)
{
	struct consent_view v;
	char csrf[2 * CSRF_LEN + 1];
	char *action = xasprintf("/consent/%s", ctx->params[0]), *body;
	int lang = youth_lang(inst, y);

	csrf_of(l->hash, csrf);
	memset(&v, 0, sizeof(v));
	v.action = action;
	v.csrf = csrf;
	v.today = today_of(inst, &v.now_wall);
	v.expires = date_of(inst, l->expires_at - 1);
	v.notice = notice;
	v.notice_bad = bad;
	body = consent_render(inst, (size_t)y, &v, lang);
	free(action);
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

static void
consent_page(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct consent_link l;
	long y;

	if ((y = page_youth(ctx, &inst, &l)) < 0)
		return;
	send_page(ctx, inst, y, &l, 200, NULL, false);
}

/* The form body into f; replies and returns -1 when it is not one. */
static int
read_form(struct api_ctx *ctx, struct form *f)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(ctx->req);
	size_t len = evbuffer_get_length(in);
	const char *ct = api_header(ctx, "Content-Type");
	char *text;
	int rc;

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
	rc = form_parse(text, len, f);
	free(text);
	if (rc != 0) {
		api_reply_errorf(ctx, ROTAD_ERR_BAD_REQUEST, NULL,
		    "the form could not be read");
		return -1;
	}
	return 0;
}

/* The typed name, trimmed, into out; false when empty or too long. */
static bool
typed_name(const char *in, char *out, size_t len)
{
	size_t n;

	if (in == NULL)
		return false;
	while (*in == ' ' || *in == '\t')
		in++;
	n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= len || n > CONSENT_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)in[i] < 0x20 || in[i] == 0x7f)
			return false;
	memcpy(out, in, n);
	out[n] = '\0';
	return true;
}

static void
consent_post(struct api_ctx *ctx, bool give)
{
	const struct model_instance *inst;
	struct consent_link l;
	struct form f = {0};
	struct change_result res = {0};
	struct rotad_error err;
	char csrf[2 * CSRF_LEN + 1], name[CONSENT_NAME_MAX + 1];
	const char *sent, *notice;
	bool given, bad = false;
	int status = 200, lang;
	long y;

	if ((y = page_youth(ctx, &inst, &l)) < 0)
		return;
	if (read_form(ctx, &f) == -1)
		return;
	lang = youth_lang(inst, y);
	i18n_use((enum i18n_lang)lang);
	csrf_of(l.hash, csrf);
	sent = form_get(&f, "csrf");
	given = inst->youths[y].guardian_consent != CIVIL_NO_DATE;
	if (sent == NULL || strlen(sent) != strlen(csrf) ||
	    sodium_memcmp(sent, csrf, strlen(csrf)) != 0) {
		status = 403;
		bad = true;
		notice = _("This page was out of date. Please try again.");
	} else if (!typed_name(form_get(&f, "name"), name, sizeof(name))) {
		status = 400;
		bad = true;
		notice = _("Write your full name.");
	} else if (give == given) {
		notice = give ? _("Your consent is recorded already.")
		              : _("No consent is recorded.");
	} else {
		snprintf(ctx->actor, sizeof(ctx->actor), "guardian:%s",
		    inst->youths[y].id);
		rotad_error_clear(&err);
		if (consent_change(ctx, inst, y, give, name, &res, &err) ==
		    -1) {
			log_warnx("consent: not recorded: %s", err.message);
			status = rotad_err_status(err.code) >= 500 ? 503 : 409;
			bad = true;
			notice = _("Your answer could not be recorded. Please "
			           "try again later or contact the "
			           "coordinator.");
		} else
			notice = give ? _("Thank you. Your consent is "
			                  "recorded.")
			              : _("Your consent is withdrawn. The "
			                  "coordinator sees it at once.");
		change_result_clear(&res);
	}
	form_release(&f);
	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	if ((y = model_find_youth(inst, l.youth)) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_GONE, NULL,
		    "this link has been withdrawn or has expired");
		return;
	}
	send_page(ctx, inst, y, &l, status, notice, bad);
}

static void
confirm_post(struct api_ctx *ctx)
{
	consent_post(ctx, true);
}

static void
withdraw_post(struct api_ctx *ctx)
{
	consent_post(ctx, false);
}

const struct api_route api_consent_routes[] = {
    {API_GET | API_HEAD, "/api/v1/youths/:id/consent-link", link_get, API_AUTH},
    {API_POST, "/api/v1/youths/:id/consent-link", link_create, API_AUTH},
    {API_DELETE, "/api/v1/youths/:id/consent-link", link_revoke, API_AUTH},
    {API_DELETE, "/api/v1/youths/:id/consent", consent_delete, API_AUTH},
    {API_GET | API_HEAD, "/consent/:token", consent_page, API_SECRET},
    {API_POST, "/consent/:token/confirm", confirm_post, API_SECRET},
    {API_POST, "/consent/:token/withdraw", withdraw_post, API_SECRET},
    {0, NULL, NULL, 0},
};
