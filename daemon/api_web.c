/* SPDX-License-Identifier: ISC */
/*
 * This file contains the routes of the coordinator's web app (issue 19):
 * GET / (the page the app runs in, in the reader's language, rendered
 * by web_board.c or web_login.c so that it works without JavaScript), GET
 * /app/FILE (the files of web/, compiled in by cmake/embed_web.cmake) and
 * GET /app/messages.json (the app's texts translated by gettext, as the
 * daemon's own are).  No token: the app logs in with POST /api/v1/login
 * and every change it makes goes through the API and its access table.
 * Every answer carries a strict Content-Security-Policy (no inline script
 * or style, no framing; web_page.c) and a strong ETag, so a reload costs
 * a 304.
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
#include "web_board.h"
#include "web_login.h"
#include "web_page.h"

const struct web_asset *
web_asset_find(const char *name)
{
	for (size_t i = 0; i < web_nassets; i++)
		if (strcmp(web_assets[i].name, name) == 0)
			return &web_assets[i];
	return NULL;
}

/*
 * GET /: the page in the reader's language, rendered here (web_page.c,
 * "Without JavaScript" in docs/web.md): the week board with a live
 * session, else the login page; the script then takes over.
 */
static void
page(struct api_ctx *ctx)
{
	if (!web_board_page(ctx))
		web_login_page(ctx, 200, NULL, NULL, NULL);
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
	web_reply_tagged(ctx, a->content_type, a->etag, a->data, a->len);
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
	web_reply_tagged(ctx, "application/json", etag, text, strlen(text));
	free(text);
}

const struct api_route api_web_routes[] = {
    {API_GET | API_HEAD, "/", page, 0},
    {API_GET | API_HEAD, "/app/messages.json", messages, 0},
    {API_GET | API_HEAD, "/app/:file", asset, 0},
    {0, NULL, NULL, 0},
};
