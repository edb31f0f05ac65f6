/* SPDX-License-Identifier: ISC */
/*
 * This file contains the routes of the coordinator's web app (issue 19):
 * GET / (the page the app runs in, in the reader's language), GET
 * /app/FILE (the files of web/, compiled in by cmake/embed_web.cmake) and
 * GET /app/messages.json (the app's texts translated by gettext, as the
 * daemon's own are).  No token: the app logs in with POST /api/v1/login
 * and every change it makes goes through the API and its access table.
 * Every answer carries a strict Content-Security-Policy (no inline script
 * or style, no framing) and a strong ETag, so a reload costs a 304.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "api.h"
#include "api_etag.h"
#include "i18n.h"
#include "sbuf.h"
#include "web.h"

#define LANG_COOKIE "rota_lang"

/*
 * Scripts, styles, images and API calls from rotad itself only; no
 * inline script or style (the app has none), no plugins, never framed
 * (clickjacking), forms post only here, and no <base> to redirect them.
 * Images may also be blob: URLs: the youth panel fetches the feed link's
 * QR code with a POST (the secret link stays out of URLs and logs) and
 * shows the answer through URL.createObjectURL; a blob: made by the page
 * itself holds only what rotad sent it.
 */
static const char csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const struct web_asset *
web_asset_find(const char *name)
{
	for (size_t i = 0; i < web_nassets; i++)
		if (strcmp(web_assets[i].name, name) == 0)
			return &web_assets[i];
	return NULL;
}

static void
security_headers(struct api_ctx *ctx)
{
	api_add_header(ctx, "Content-Security-Policy", csp);
	api_add_header(ctx, "X-Frame-Options", "DENY");
	api_add_header(ctx, "Referrer-Policy", "no-referrer");
	api_add_header(ctx, "Cross-Origin-Opener-Policy", "same-origin");
	/* send_reply() adds X-Content-Type-Options: nosniff (not on 304). */
}

/*
 * Answers with data under `etag`: 304 when the browser has it already.
 * Cache-Control: no-cache makes the browser ask every time (the paths do
 * not change between versions), which costs a 304 and no body.
 */
static void
reply_tagged(struct api_ctx *ctx, const char *content_type, const char *etag,
    const void *data, size_t len)
{
	security_headers(ctx);
	api_add_header(ctx, "ETag", etag);
	api_add_header(ctx, "Cache-Control", "no-cache");
	if (api_header(ctx, "If-None-Match") != NULL &&
	    api_not_modified(ctx, &etag, 1, 0)) {
		api_reply_raw(ctx, 304, NULL, NULL, 0);
		return;
	}
	api_reply_raw(ctx, 200, content_type, data, len);
}

/* A quoted strong tag of bytes (BLAKE2b, 128 bits, as api_etag.c). */
static void
tag_of(const void *data, size_t len, char tag[API_ETAG_LEN])
{
	unsigned char hash[16];

	crypto_generichash(hash, sizeof(hash), data, len, NULL, 0);
	tag[0] = '"';
	sodium_bin2hex(tag + 1, 2 * sizeof(hash) + 1, hash, sizeof(hash));
	tag[API_ETAG_LEN - 2] = '"';
	tag[API_ETAG_LEN - 1] = '\0';
}

/* The language the reader chose in the app (its cookie), else ctx's. */
static enum i18n_lang
page_lang(struct api_ctx *ctx)
{
	const char *h = api_header(ctx, "Cookie");
	size_t klen = strlen(LANG_COOKIE);
	enum i18n_lang lang;

	while (h != NULL && *h != '\0') {
		const char *end;
		char tag[16];

		while (*h == ' ' || *h == ';')
			h++;
		end = strchr(h, ';');
		if (end == NULL)
			end = h + strlen(h);
		if ((size_t)(end - h) > klen + 1 &&
		    (size_t)(end - h) - klen - 1 < sizeof(tag) &&
		    strncmp(h, LANG_COOKIE, klen) == 0 && h[klen] == '=') {
			size_t n = (size_t)(end - h) - klen - 1;
			memcpy(tag, h + klen + 1, n);
			tag[n] = '\0';
			if (i18n_parse_tag(tag, &lang) == 0 &&
			    i18n_available(lang))
				return lang;
		}
		h = end;
	}
	return (enum i18n_lang)ctx->lang;
}

static void
add_escaped(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			sbuf_adds(b, "&amp;");
			break;
		case '<':
			sbuf_adds(b, "&lt;");
			break;
		case '>':
			sbuf_adds(b, "&gt;");
			break;
		case '"':
			sbuf_adds(b, "&quot;");
			break;
		default:
			sbuf_add(b, s, 1);
		}
	}
}

/*
 * GET /: web/index.html with its @NAME@ markers filled in, in the
 * reader's language; the script then shows the login or the app.
 */
static void
page(struct api_ctx *ctx)
{
	const struct web_asset *a = web_asset_find("index.html");
	enum i18n_lang lang = page_lang(ctx);
	struct sbuf b = {0};
	char etag[API_ETAG_LEN];
	const char *p, *end;

	if (a == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "there is nothing at this path");
		return;
	}
	i18n_use(lang);
	p = (const char *)a->data;
	end = p + a->len;
	while (p < end) {
		const char *at = memchr(p, '@', (size_t)(end - p)), *close;
		char name[32];
		size_t n;

		if (at == NULL ||
		    (close = memchr(at + 1, '@', (size_t)(end - at - 1))) ==
		        NULL) {
			sbuf_add(&b, p, (size_t)(end - p));
			break;
		}
		sbuf_add(&b, p, (size_t)(at - p));
		n = (size_t)(close - at - 1);
		if (n >= sizeof(name)) {
			sbuf_add(&b, at, 1);
			p = at + 1;
			continue;
		}
		memcpy(name, at + 1, n);
		name[n] = '\0';
		if (strcmp(name, "LANG") == 0)
			sbuf_adds(&b, i18n_tag(lang));
		else if (strcmp(name, "TITLE") == 0)
			add_escaped(&b, _("rota: plan the week"));
		else if (strcmp(name, "LOADING") == 0)
			add_escaped(&b, _("Loading..."));
		else if (strcmp(name, "NOSCRIPT") == 0)
			add_escaped(&b,
			    _("rota's web app needs JavaScript: "
			      "turn it on in your browser, or plan "
			      "with the rota client."));
		else {
			/* Not a marker: keep the text and go on after '@'. */
			sbuf_add(&b, at, 1);
			p = at + 1;
			continue;
		}
		p = close + 1;
	}
	/* The tag of the page as written: one per language and catalogue. */
	tag_of(b.s ? b.s : "", b.len, etag);
	api_add_header(ctx, "Content-Language", i18n_tag(lang));
	api_add_header(ctx, "Vary", "Accept-Language, Cookie");
	reply_tagged(ctx, a->content_type, etag, b.s ? b.s : "", b.len);
	sbuf_release(&b);
}

/* GET /app/FILE: one file of web/ (index.html only as /). */
static void
asset(struct api_ctx *ctx)
{
	const struct web_asset *a = web_asset_find(ctx->params[0]);

	if (a == NULL || strcmp(a->name, "index.html") == 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "there is nothing at this path");
		return;
	}
	reply_tagged(ctx, a->content_type, a->etag, a->data, a->len);
}

/* TRANSLATORS: the name of this language, written in this language. */
static const char language_name[] = N_("English");

/*
 * GET /app/messages.json: {"lang", "languages": [{"tag", "name"}],
 * "messages": {msgid: text}} for the language of Accept-Language, so a new
 * language needs only its po/LANG.po (and the texts stay in gettext).
 */
static void
messages(struct api_ctx *ctx)
{
	enum i18n_lang lang = (enum i18n_lang)ctx->lang;
	json_t *root, *langs, *msgs;
	char etag[API_ETAG_LEN], *text;

	langs = json_array();
	for (int l = 0; l < I18N__COUNT; l++) {
		if (!i18n_available((enum i18n_lang)l))
			continue;
		i18n_use((enum i18n_lang)l);
		json_array_append_new(langs,
		    json_pack("{s:s, s:s}", "tag", i18n_tag((enum i18n_lang)l),
		        "name", _(language_name)));
	}
	i18n_use(lang);
	msgs = json_object();
	for (size_t i = 0; i < web_nmsgids; i++)
		json_object_set_new(
		    msgs, web_msgids[i], json_string(_(web_msgids[i])));
	root = json_pack("{s:s, s:o, s:o}", "lang", i18n_tag(lang), "languages",
	    langs, "messages", msgs);
	/* The tag of the very texts: a new catalogue is a new version. */
	api_etag_of(root, etag);
	text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	if (text == NULL) {
		api_reply_errorf(
		    ctx, ROTAD_ERR_INTERNAL, NULL, "out of memory");
		return;
	}
	api_add_header(ctx, "Content-Language", i18n_tag(lang));
	api_add_header(ctx, "Vary", "Accept-Language");
	reply_tagged(ctx, "application/json", etag, text, strlen(text));
	free(text);
}

const struct api_route api_web_routes[] = {
    {API_GET | API_HEAD, "/", page, 0},
    {API_GET | API_HEAD, "/app/messages.json", messages, 0},
    {API_GET | API_HEAD, "/app/:file", asset, 0},
    {0, NULL, NULL, 0},
};
