/* SPDX-License-Identifier: ISC */
/*
 * This file contains the feed side of the API: creating, rotating and
 * revoking secret feed links (coordinator calls), and the two public
 * readers that such a link opens, the iCalendar feed GET /feeds/TOKEN.ics
 * and a home's printable week page GET /homes/TOKEN.  A token opens only
 * its own subject; an unknown one gets a 404 that says nothing more; a
 * revoked one gets an empty calendar for the grace period, then 410.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api.h"
#include "api_feed.h"
#include "api_util.h"
#include "auth.h"
#include "civil.h"
#include "feed.h"
#include "feed_cache.h"
#include "i18n.h"
#include "log.h"
#include "model.h"
#include "publish_state.h"
#include "rotad.h"
#include "store.h"
#include "tzmap.h"
#include "weekpage.h"
#include "xmalloc.h"

#define FEED_CONTENT_TYPE "text/calendar; charset=utf-8"

/* The public base URL, e.g. "https://rota.example.org" (no slash). */
static char *
base_url(struct api_ctx *ctx)
{
	const char *b = ctx->rd->conf.public_url;
	size_t n;

	if (b == NULL || *b == '\0')
		return xasprintf("http://127.0.0.1:%d", ctx->rd->port);
	n = strlen(b);
	while (n > 0 && b[n - 1] == '/')
		n--;
	return xasprintf("%.*s", (int)n, b);
}

struct feed_rotate {
	const char *kind, *subject;
	const unsigned char *hash; /* NULL: revoke only */
};

static int
feed_rotate_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	struct feed_rotate *r = arg;

	if (r->hash == NULL)
		return store_feed_token_revoke(
		    ctx->rd->store, r->kind, r->subject, api_now(), err);
	return store_feed_token_rotate(
	    ctx->rd->store, r->kind, r->subject, r->hash, api_now(), err);
}

/* POST creates (revoking any old link), DELETE revokes. */
static void
feed_link(struct api_ctx *ctx, const char *kind)
{
	const struct model_instance *inst;
	struct rotad_error err;
	char token[AUTH_TOKEN_MAXLEN];
	unsigned char hash[AUTH_HASH_LEN];
	const char *subject = ctx->params[0] ? ctx->params[0] : "*";
	struct feed_rotate r = {kind, subject, NULL};
	char *base, *url, *webcal;
	json_t *links;

	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		api_reply_error(ctx, &err);
		return;
	}
	if ((strcmp(kind, "youth") == 0 &&
	        model_find_youth(inst, subject) < 0) ||
	    (strcmp(kind, "home") == 0 && model_find_home(inst, subject) < 0)) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no %s has id '%s'", kind, subject);
		return;
	}
	if (ctx->method == API_DELETE) {
		if (api_commit(ctx, feed_rotate_write, &r, "revoke", "feed",
		        subject, NULL, NULL) == 0)
			api_reply_empty(ctx);
		return;
	}
	auth_token_new("", token, sizeof(token));
	auth_token_hash(token, hash);
	r.hash = hash;
	links = json_pack("{s:s, s:s}", "kind", kind, "subject", subject);
	/* The audit row records that a link was made, never the token. */
	if (api_commit(ctx, feed_rotate_write, &r, "rotate", "feed", subject,
	        NULL, links) == 0) {
		base = base_url(ctx);
		url = xasprintf("%s/feeds/%s.ics", base, token);
		webcal = xasprintf("webcal://%s/feeds/%s.ics",
		    strstr(base, "://") ? strstr(base, "://") + 3 : base,
		    token);
		json_object_set_new(links, "url", json_string(url));
		json_object_set_new(links, "webcal", json_string(webcal));
		if (strcmp(kind, "home") == 0) {
			char *page = xasprintf("%s/homes/%s", base, token);
			json_object_set_new(links, "page", json_string(page));
			free(page);
		}
		api_reply_json(ctx, 201, json_incref(links));
		free(base);
		free(url);
		free(webcal);
	}
	json_decref(links);
}

static void
youth_feed_link(struct api_ctx *ctx)
{
	feed_link(ctx, "youth");
}

static void
home_feed_link(struct api_ctx *ctx)
{
	feed_link(ctx, "home");
}

static void
all_feed_link(struct api_ctx *ctx)
{
	feed_link(ctx, "all");
}

/*
 * The token's record, or a reply (404) and -1.  Answers are remembered
 * per data version, so a feed request touches no database.
 */
static int
token_lookup(
    struct api_ctx *ctx, const char *token, struct store_feed_token *out)
{
	unsigned char hash[AUTH_HASH_LEN];
	const struct feed_token_answer *hit;
	struct feed_token_answer a;

	if (!auth_token_wellformed(token))
		goto unknown;
	auth_token_hash(token, hash);
	hit = feed_cache_token_get(ctx->rd->feeds, hash, ctx->rd->data_version);
	if (hit == NULL) {
		memset(&a, 0, sizeof(a));
		memcpy(a.hash, hash, sizeof(a.hash));
		a.version = ctx->rd->data_version;
		a.found = store_feed_token_find(ctx->rd->store, hash, out);
		if (a.found) {
			snprintf(a.kind, sizeof(a.kind), "%s", out->kind);
			snprintf(
			    a.subject, sizeof(a.subject), "%s", out->subject);
			a.created_at = out->created_at;
			a.revoked_at = out->revoked_at;
		}
		feed_cache_token_put(ctx->rd->feeds, &a);
		hit = &a;
	}
	/*
	 * Found also means a purged youth's link (kind "gone", no subject,
	 * revoked_at the purge): calendar apps keep polling it, which is no
	 * guessing (issue 18.6).
	 */
	if (hit->found) {
		snprintf(out->kind, sizeof(out->kind), "%s", hit->kind);
		snprintf(
		    out->subject, sizeof(out->subject), "%s", hit->subject);
		out->created_at = hit->created_at;
		out->revoked_at = hit->revoked_at;
		return 0;
	}
unknown:
	if (!api_throttle_bad_token(ctx))
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "there is nothing at this path");
	return -1;
}

static void
release_bytes(const void *data, size_t len, void *bytes)
{
	(void)data;
	(void)len;
	feed_cache_release(bytes);
}

/* Serves a cached feed with the conditional-request and gzip rules. */
static void
serve_entry(struct api_ctx *ctx, const struct feed_cache_entry *e,
    const char *content_type)
{
	/*
	 * A strong ETag names one representation: the gzip one gets its own
	 * ("<hash>-gz").  Either matches in If-None-Match, since both hold
	 * the same content.
	 */
	const char *const tags[] = {e->etag, e->etag_gz};
	bool gz = e->gz != NULL && api_accepts_gzip(ctx);
	bool not_modified = api_not_modified(ctx, tags, 2, e->last_modified);
	api_add_header(ctx, "ETag", gz ? e->etag_gz : e->etag);
	/* Calendars should revalidate each time; the 304 path is cheap. */
	api_add_header(ctx, "Cache-Control", "private, no-cache, no-transform");
	api_add_header(ctx, "Vary", "Accept-Encoding");
	api_add_header(ctx, "Last-Modified", e->last_modified_http);
	if (not_modified) {
		/*
		 * RFC 9110 15.4.5: the validators and caching fields (Date
		 * comes from evhttp), nothing about a body that is not sent.
		 */
		api_reply_raw(ctx, 304, NULL, NULL, 0);
		return;
	}
	api_add_header(ctx, "X-Robots-Tag", "noindex");
	api_add_header(ctx, "Referrer-Policy", "no-referrer");
	if (gz) {
		api_add_header(ctx, "Content-Encoding", "gzip");
		api_reply_ref(ctx, 200, content_type, e->gz, e->gzlen,
		    release_bytes, feed_cache_hold(e));
		return;
	}
	api_reply_ref(ctx, 200, content_type, e->body, e->len, release_bytes,
	    feed_cache_hold(e));
}

/*
 * The local date now in the instance's zone: feeds and pages are rendered
 * once per local day (their windows and "today" move with it).
 */
static int64_t
today(const struct model_instance *inst)
{
	const struct tzmap *tz = inst ? tzmap_get(inst->timezone) : NULL;
	int64_t utc_min = api_now() / 60;

	return tz ? civil_wall_date(tzmap_to_wall(tz, utc_min))
	          : utc_min / CIVIL_MIN_PER_DAY;
}

/*
 * A language tag as the language texts will really be in: English when
 * rota has no catalog or locale for it.
 */
static enum i18n_lang
lang_of(const char *tag)
{
	enum i18n_lang l = I18N_EN;

	if (i18n_parse_tag(tag, &l) == -1 || !i18n_available(l))
		l = I18N_EN;
	return l;
}

/*
 * The language of a feed: a youth's own (else the organisation's) for a
 * youth feed, the organisation's for the others.  Calendar apps state no
 * language, so there is no negotiation.
 */
static enum i18n_lang
feed_lang(const struct model_instance *inst, enum feed_kind kind, long idx)
{
	if (kind == FEED_YOUTH && idx >= 0 && (size_t)idx < inst->nyouths)
		return lang_of(model_youth_language(inst, &inst->youths[idx]));
	return lang_of(model_language(inst));
}

static void
feed_params_fill(struct api_ctx *ctx, struct feed_params *p,
    enum feed_kind kind, size_t idx, enum i18n_lang lang)
{
	/* The window moves by whole days, so a render serves a day. */
	feed_params_init(p, kind, idx, (api_now() / 86400) * 86400);
	p->past_days = ctx->rd->conf.feed_past_days;
	p->future_days = ctx->rd->conf.feed_future_days;
	p->coordinator_contact = ctx->rd->conf.coordinator_contact;
	p->uid_domain = ctx->rd->conf.uid_domain;
	p->lang = lang;
}

/*
 * Caches a fresh render of key.  The validators last served for key are
 * kept in the database, so Last-Modified moves only when the bytes do,
 * also across a restart or an eviction; they are written only when they
 * change (a render with new bytes), as one statement.
 *
 * floor_key (or NULL) names the feed this URL served before, for its first
 * render under key: a revoked link's empty calendar must be later than the
 * last full calendar of its subject, or an If-Modified-Since from before
 * the revocation would get 304 and keep the withdrawn visits.
 */
static const struct feed_cache_entry *
cache_render(struct api_ctx *ctx, const char *key, int64_t day, char *body,
    const char *floor_key, const char *kind, const char *subject)
{
	struct rotad *rd = ctx->rd;
	const struct feed_cache_entry *e;
	struct rotad_error err;
	char prev_etag[STORE_ETAG_LEN];
	int64_t prev_lm = 0;
	bool known;

	known = store_feed_validator_get(rd->store, key, prev_etag, &prev_lm);
	if (!known && floor_key != NULL &&
	    store_feed_validator_get(
	        rd->store, floor_key, prev_etag, &prev_lm)) {
		/* Never the same bytes: the Last-Modified moves past it. */
		prev_etag[0] = '\0';
		known = true;
	}
	e = feed_cache_put_after(rd->feeds, key, rd->data_version, day, body,
	    api_now(), known ? prev_etag : NULL, prev_lm);
	/* Whose data it shows: other subjects' changes leave it cached. */
	feed_cache_set_subject(rd->feeds, key, kind, subject);
	if (!known || strcmp(prev_etag, e->etag) != 0 ||
	    prev_lm != e->last_modified) {
		rotad_error_clear(&err);
		if (store_feed_validator_put(
		        rd->store, key, e->etag, e->last_modified, &err) == -1)
			log_warnx("feed validators not kept: %s", err.message);
	}
	return e;
}

/*
 * "<prefix><first 16 bytes of the token's hash, in lower-case hex>", then
 * ":<language>" when lang is given: "empty:...:nb", one per link and
 * language; "withdrawn:..." is the floor a purge left (store.c).
 */
static void
hash_key(char *key, size_t size, const char *prefix, const char *token,
    const enum i18n_lang *lang)
{
	unsigned char hash[AUTH_HASH_LEN];
	int n = snprintf(key, size, "%s", prefix);

	auth_token_hash(token, hash);
	for (size_t i = 0; i < 16 && (size_t)n + 3 <= size; i++)
		n += snprintf(key + n, size - (size_t)n, "%02x", hash[i]);
	if (lang != NULL && (size_t)n < size)
		snprintf(key + n, size - (size_t)n, ":%s", i18n_tag(*lang));
}

static void
feed_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct store_feed_token tok;
	struct rotad_error err;
	const struct feed_cache_entry *e;
	struct feed_params p;
	enum feed_kind kind;
	enum i18n_lang lang;
	char token[AUTH_TOKEN_MAXLEN], key[128];
	size_t n = strlen(ctx->params[0]);
	long idx = 0;
	bool gone, purged;
	char *body;

	if (n < 5 || n - 4 >= sizeof(token) ||
	    strcmp(ctx->params[0] + n - 4, ".ics") != 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "there is nothing at this path");
		return;
	}
	memcpy(token, ctx->params[0], n - 4);
	token[n - 4] = '\0';
	if (token_lookup(ctx, token, &tok) == -1)
		return;
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		api_reply_error(ctx, &err);
		return;
	}
	/* A purged youth's link ("gone") has no subject left to find. */
	purged = strcmp(tok.kind, "gone") == 0;
	kind = strcmp(tok.kind, "youth") == 0 || purged ? FEED_YOUTH
	    : strcmp(tok.kind, "home") == 0             ? FEED_HOME
	                                                : FEED_ALL;
	if (purged)
		idx = -1;
	else if (kind == FEED_YOUTH)
		idx = model_find_youth(inst, tok.subject);
	else if (kind == FEED_HOME)
		idx = model_find_home(inst, tok.subject);
	gone = tok.revoked_at != 0 || idx < 0;
	/* The language is part of every key: no language served for another. */
	lang = feed_lang(inst, kind, idx);
	if (gone) {
		int64_t since =
		    tok.revoked_at ? tok.revoked_at : tok.created_at;
		if (tok.revoked_at != 0 &&
		    api_now() - since >
		        (int64_t)ctx->rd->conf.feed_grace_days * 86400) {
			api_reply_errorf(ctx, ROTAD_ERR_GONE, NULL,
			    "this feed link has been withdrawn");
			return;
		}
		/*
		 * An empty calendar makes subscribed phones drop the shifts.
		 * Each link has its own, whose validators start after the
		 * full calendar that link served last: its subject's, or for
		 * a purged youth's link the floor the purge kept, since her
		 * feed's validators (keyed by her id) are gone.  A purged
		 * youth's is in the organisation's language and names no one.
		 */
		hash_key(key, sizeof(key), "empty:", token, &lang);
		if ((e = feed_cache_get(ctx->rd->feeds, key,
		         ctx->rd->data_version, today(inst))) == NULL) {
			char full[128];

			if (purged)
				hash_key(full, sizeof(full),
				    "withdrawn:", token, NULL);
			else
				snprintf(full, sizeof(full), "ics:%s:%s:%s",
				    tok.kind, tok.subject, i18n_tag(lang));
			feed_params_fill(ctx, &p, kind, 0, lang);
			body = feed_render_empty(NULL, &p);
			e = cache_render(ctx, key, today(inst), body, full,
			    tok.kind, tok.subject);
		}
		serve_entry(ctx, e, FEED_CONTENT_TYPE);
		return;
	}
	snprintf(key, sizeof(key), "ics:%s:%s:%s", tok.kind, tok.subject,
	    i18n_tag(lang));
	if ((e = feed_cache_get(ctx->rd->feeds, key, ctx->rd->data_version,
	         today(inst))) == NULL) {
		const struct model_instance *shown;

		feed_params_fill(ctx, &p, kind, (size_t)idx, lang);
		/* The published state (publish_state.h): the same homes and
		 * youths at the same indexes, the published visits. */
		if ((shown = publish_view_get(ctx->rd, &err)) == NULL) {
			api_reply_error(ctx, &err);
			return;
		}
		body = feed_render(shown, &p);
		publish_view_put(ctx->rd, shown);
		if (body == NULL) {
			api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
			    "the feed could not be rendered");
			return;
		}
		e = cache_render(
		    ctx, key, today(inst), body, NULL, tok.kind, tok.subject);
	}
	serve_entry(ctx, e, FEED_CONTENT_TYPE);
}

static void
week_page(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct store_feed_token tok;
	struct rotad_error err;
	const struct feed_cache_entry *e;
	char key[128];
	char *base, *url, *webcal, *body;
	enum i18n_lang lang;
	long idx;

	if (token_lookup(ctx, ctx->params[0], &tok) == -1)
		return;
	if (strcmp(tok.kind, "gone") == 0) {
		/* A purged youth's link: withdrawn, as it always answered. */
		api_reply_errorf(
		    ctx, ROTAD_ERR_GONE, NULL, "this link has been withdrawn");
		return;
	}
	if (strcmp(tok.kind, "home") != 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "there is nothing at this path");
		return;
	}
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		api_reply_error(ctx, &err);
		return;
	}
	idx = model_find_home(inst, tok.subject);
	if (tok.revoked_at != 0 || idx < 0) {
		api_reply_errorf(
		    ctx, ROTAD_ERR_GONE, NULL, "this link has been withdrawn");
		return;
	}
	/*
	 * A person reads the page in a browser that states its languages: the
	 * first of them rota has, else the organisation's (docs/feeds.md).
	 */
	lang = i18n_negotiate(
	    api_header(ctx, "Accept-Language"), lang_of(model_language(inst)));
	snprintf(key, sizeof(key), "page:%s:%s", tok.subject, i18n_tag(lang));
	if ((e = feed_cache_get(ctx->rd->feeds, key, ctx->rd->data_version,
	         today(inst))) == NULL) {
		base = base_url(ctx);
		url = xasprintf("%s/feeds/%s.ics", base, ctx->params[0]);
		webcal = xasprintf("webcal://%s/feeds/%s.ics",
		    strstr(base, "://") ? strstr(base, "://") + 3 : base,
		    ctx->params[0]);
		const struct model_instance *shown =
		    publish_view_get(ctx->rd, &err);
		body = shown == NULL ? NULL
		                     : weekpage_render(shown, (size_t)idx,
		                           api_now(), url, webcal, lang);
		publish_view_put(ctx->rd, shown);
		free(base);
		free(url);
		free(webcal);
		if (body == NULL) {
			api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
			    "the page could not be rendered");
			return;
		}
		e = cache_render(
		    ctx, key, today(inst), body, NULL, "home", tok.subject);
	}
	api_add_header(ctx, "Content-Security-Policy",
	    "default-src 'none'; style-src 'unsafe-inline'");
	api_add_header(ctx, "Content-Language", i18n_tag(lang));
	api_add_header(ctx, "Vary", "Accept-Language");
	serve_entry(ctx, e, "text/html; charset=utf-8");
}

int
api_feed_token_lookup(
    struct api_ctx *ctx, const char *token, struct store_feed_token *out)
{
	return token_lookup(ctx, token, out);
}

char *
api_feed_base_url(struct api_ctx *ctx)
{
	return base_url(ctx);
}

int
api_feed_lang_of(const char *tag)
{
	return (int)lang_of(tag);
}

const struct api_route api_feed_routes[] = {
    {API_POST | API_DELETE, "/api/v1/youths/:id/feed", youth_feed_link,
        API_AUTH},
    {API_POST | API_DELETE, "/api/v1/homes/:id/feed", home_feed_link, API_AUTH},
    {API_POST | API_DELETE, "/api/v1/feed", all_feed_link, API_AUTH},
    {API_GET | API_HEAD, "/feeds/:token", feed_get, API_SECRET},
    {API_GET | API_HEAD, "/homes/:token", week_page, API_SECRET},
    {0, NULL, NULL, 0},
};
