/* SPDX-License-Identifier: ISC */
/*
 * This file contains the e-mail routes (issue 16): the one-click
 * unsubscribe link of every message (RFC 8058) and the outbox for admins.
 *
 * /unsubscribe/TOKEN needs no login: the random token in the link (only
 * its hash is stored) is the authority, for one recipient and one kind
 * of message.  GET only shows a page with a button, because mail
 * scanners and link previews fetch links; the button, or the mail
 * program's own RFC 8058 POST (body "List-Unsubscribe=One-Click"), does
 * it.  The POST has no CSRF token by design (RFC 8058 §3: the mail
 * program sends it with no cookies and no page): a forged POST would need
 * the token, and all it can do is stop mail of that kind to its owner.
 */
#include <stdio.h>
#include <string.h>

#include <event2/http.h>

#include "api.h"
#include "html.h"
#include "i18n.h"
#include "rotad.h"
#include "sbuf.h"
#include "store_outbox.h"
#include "web_page.h"

/* The kind of messages in the reader's words. */
static const char *
kind_words(const char *kind)
{
	if (strcmp(kind, OUTBOX_KIND_VISITS) == 0)
		return _("e-mails about new, moved and cancelled visits");
	if (strcmp(kind, OUTBOX_KIND_ANSWER) == 0)
		return _("e-mails with answers to your requests");
	if (strcmp(kind, OUTBOX_KIND_REMINDER) == 0)
		return _("reminders the day before a visit");
	if (strcmp(kind, OUTBOX_KIND_REQUEST) == 0)
		return _("e-mails about new requests");
	if (strcmp(kind, OUTBOX_KIND_OFFER) == 0)
		return _("e-mails about visits given away that you may take");
	return _("e-mails about sick calls");
}

static void
unknown_link(struct api_ctx *ctx)
{
	struct sbuf b = {0};

	html_raw(&b, "<main class=\"nojs\"><h1>");
	html_text(&b, _("This link does not work"));
	html_raw(&b, "</h1><p>");
	html_text(&b,
	    _("The link is not known. Use the link of a newer "
	      "e-mail."));
	html_raw(&b, "</p></main>");
	web_send(ctx, 404, _("This link does not work"), &b, false);
	sbuf_release(&b);
}

static void
unsubscribe_page(struct api_ctx *ctx)
{
	struct rotad_error err;
	struct sbuf b = {0};
	char kind[80];
	int rc;

	i18n_use(web_lang(ctx));
	web_security_headers(ctx);
	rc = outbox_unsubscribe_find(
	    ctx->rd->store, ctx->params[0], kind, sizeof(kind));
	if (rc != 1) {
		if (rc == -1) {
			rotad_error_set(&err, ROTAD_ERR_INTERNAL, NULL,
			    "the database failed to read the link");
			web_error_page(ctx, &err);
			return;
		}
		unknown_link(ctx);
		return;
	}
	html_raw(&b, "<main class=\"nojs\"><h1>");
	html_text(&b, _("Unsubscribe"));
	html_raw(&b, "</h1><p>");
	/* TRANSLATORS: %s is a kind of e-mail, "e-mails about ...". */
	html_textf(&b, _("Stop %s?"), kind_words(kind));
	html_raw(&b, "</p><form method=\"post\" action=\"/unsubscribe/");
	html_url_part(&b, ctx->params[0]);
	html_raw(&b,
	    "\"><input type=\"hidden\" name=\"List-Unsubscribe\" "
	    "value=\"One-Click\"><button type=\"submit\">");
	html_text(&b, _("Unsubscribe"));
	html_raw(&b, "</button></form></main>");
	api_add_header(ctx, "Referrer-Policy", "no-referrer");
	web_send(ctx, 200, _("Unsubscribe"), &b, false);
	sbuf_release(&b);
}

static void
unsubscribe_post(struct api_ctx *ctx)
{
	struct rotad_error err;
	struct sbuf b = {0};
	char kind[80];
	int rc;

	i18n_use(web_lang(ctx));
	web_security_headers(ctx);
	rotad_error_clear(&err);
	if ((rc = outbox_unsubscribe_find(
	         ctx->rd->store, ctx->params[0], kind, sizeof(kind))) == 1)
		rc = outbox_unsubscribe(
		    ctx->rd->store, ctx->params[0], api_now(), &err);
	if (rc == -1) {
		web_error_page(ctx, &err);
		return;
	}
	if (rc == 0) {
		unknown_link(ctx);
		return;
	}
	html_raw(&b, "<main class=\"nojs\"><h1>");
	html_text(&b, _("Unsubscribed"));
	html_raw(&b, "</h1><p>");
	/* TRANSLATORS: %s is a kind of e-mail, "e-mails about ...". */
	html_textf(&b, _("You will get no more %s."), kind_words(kind));
	html_raw(&b, "</p></main>");
	web_send(ctx, 200, _("Unsubscribed"), &b, false);
	sbuf_release(&b);
}

/* GET /api/v1/outbox: the last messages, no bodies, addresses masked. */
static void
outbox_list(struct api_ctx *ctx)
{
	const char *l = api_query(ctx, "limit");
	long limit = l ? strtol(l, NULL, 10) : 100;

	if (limit < 1 || limit > 1000) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "limit",
		    "limit must be a whole number from 1 to 1000");
		return;
	}
	api_reply_json(ctx, 200,
	    json_pack("{s:b, s:o}", "configured", ctx->rd->mail != NULL,
	        "messages", outbox_recent_json(ctx->rd->store, (int)limit)));
}

const struct api_route api_mail_routes[] = {
    {API_GET | API_HEAD, "/unsubscribe/:token", unsubscribe_page, API_SECRET},
    {API_POST, "/unsubscribe/:token", unsubscribe_post, API_SECRET},
    {API_GET | API_HEAD, "/api/v1/outbox", outbox_list, API_AUTH},
    {0, NULL, NULL, 0},
};
