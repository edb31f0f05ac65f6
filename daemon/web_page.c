/* SPDX-License-Identifier: ISC */
/*
 * This file contains what the server-rendered pages share (web_page.h):
 * the shell, headers, language, session, forms, redirects, errors.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <sodium.h>

#include "access.h"
#include "civil.h"
#include "model.h"
#include "tzmap.h"
#include "api.h"
#include "auth.h"
#include "html.h"
#include "web.h"
#include "rotad.h"
#include "web_page.h"
#include "xmalloc.h"

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

void
web_security_headers(struct api_ctx *ctx)
{
	api_add_header(ctx, "Content-Security-Policy", csp);
	api_add_header(ctx, "X-Frame-Options", "DENY");
	api_add_header(ctx, "Referrer-Policy", "no-referrer");
	api_add_header(ctx, "Cross-Origin-Opener-Policy", "same-origin");
	/* send_reply() adds X-Content-Type-Options: nosniff (not on 304). */
}

/*
 * Cache-Control: no-cache makes the browser ask every time (the paths do
 * not change between versions), which costs a 304 and no body.
 */
void
web_reply_tagged(struct api_ctx *ctx, const char *content_type,
    const char *etag, const void *data, size_t len)
{
	web_security_headers(ctx);
	api_add_header(ctx, "ETag", etag);
	api_add_header(ctx, "Cache-Control", "no-cache");
	if (api_header(ctx, "If-None-Match") != NULL &&
	    api_not_modified(ctx, &etag, 1, 0)) {
		api_reply_raw(ctx, 304, NULL, NULL, 0);
		return;
	}
	api_reply_raw(ctx, 200, content_type, data, len);
}

void
web_tag_of(const void *data, size_t len, char tag[API_ETAG_LEN])
{
	unsigned char hash[16];

	crypto_generichash(hash, sizeof(hash), data, len, NULL, 0);
	tag[0] = '"';
	sodium_bin2hex(tag + 1, 2 * sizeof(hash) + 1, hash, sizeof(hash));
	tag[API_ETAG_LEN - 2] = '"';
	tag[API_ETAG_LEN - 1] = '\0';
}

enum i18n_lang
web_lang(struct api_ctx *ctx)
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

void
web_send(struct api_ctx *ctx, int status, const char *title,
    const struct sbuf *content, bool cacheable)
{
	const struct web_asset *a = web_asset_find("index.html");
	enum i18n_lang lang = i18n_current();
	struct sbuf b = {0};
	char etag[API_ETAG_LEN];
	const char *p, *end;

	if (a == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "there is nothing at this path");
		return;
	}
	p = (const char *)a->data;
	end = p + a->len;
	/* index.html's @NAME@ markers; the content is not scanned. */
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
			html_text(&b, title);
		else if (strcmp(name, "LOADING") == 0)
			html_attr(&b, _("Loading..."));
		else if (strcmp(name, "CONTENT") == 0) {
			if (content != NULL && content->s != NULL)
				sbuf_add(&b, content->s, content->len);
		} else {
			/* Not a marker: keep the text and go on after '@'. */
			sbuf_add(&b, at, 1);
			p = at + 1;
			continue;
		}
		p = close + 1;
	}
	api_add_header(ctx, "Content-Language", i18n_tag(lang));
	api_add_header(ctx, "Vary", "Accept-Language, Cookie");
	if (cacheable && status == 200) {
		/* The tag of the page as written: per language, catalogue. */
		web_tag_of(b.s ? b.s : "", b.len, etag);
		web_reply_tagged(
		    ctx, a->content_type, etag, b.s ? b.s : "", b.len);
	} else {
		web_security_headers(ctx);
		api_add_header(ctx, "Cache-Control", "no-store");
		api_reply_raw(
		    ctx, status, a->content_type, b.s ? b.s : "", b.len);
	}
	sbuf_release(&b);
}

void
web_redirect(struct api_ctx *ctx, const char *location)
{
	web_security_headers(ctx);
	api_add_header(ctx, "Location", location);
	api_add_header(ctx, "Cache-Control", "no-store");
	api_reply_raw(ctx, 303, NULL, NULL, 0);
}

bool
web_csrf_of(struct api_ctx *ctx, char csrf[USERS_CSRF_LEN])
{
	char cookie[AUTH_TOKEN_MAXLEN];

	csrf[0] = '\0';
	if (access_cookie(ctx, cookie, sizeof(cookie)) == NULL)
		return false;
	users_csrf_token(cookie, csrf);
	sodium_memzero(cookie, sizeof(cookie));
	return true;
}

int
web_session(
    struct api_ctx *ctx, const char *csrf, char csrf_out[USERS_CSRF_LEN])
{
	struct rotad_error err;

	i18n_use(web_lang(ctx));
	if (access_page(ctx, csrf, &err) == -1) {
		if (err.code == ROTAD_ERR_UNAUTHORIZED)
			web_redirect(ctx, "/");
		else
			web_error_page(ctx, &err);
		return -1;
	}
	if (!web_csrf_of(ctx, csrf_out)) {
		web_redirect(ctx, "/");
		return -1;
	}
	return 0;
}

int
web_read_form(struct api_ctx *ctx, struct form *f)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(ctx->req);
	size_t len = evbuffer_get_length(in);
	const char *ct = api_header(ctx, "Content-Type");
	static const char want[] = "application/x-www-form-urlencoded";
	struct rotad_error err;

	memset(f, 0, sizeof(*f));
	rotad_error_clear(&err);
	if (len > API_SMALL_BODY)
		rotad_error_set(&err, ROTAD_ERR_PAYLOAD_TOO_LARGE, NULL,
		    "the body has %zu bytes; the limit is %zu", len,
		    (size_t)API_SMALL_BODY);
	else if (ct == NULL || strncasecmp(ct, want, sizeof(want) - 1) != 0 ||
	    (ct[sizeof(want) - 1] != '\0' && ct[sizeof(want) - 1] != ';' &&
	        ct[sizeof(want) - 1] != ' '))
		rotad_error_set(&err, ROTAD_ERR_UNSUPPORTED_MEDIA_TYPE, NULL,
		    "send the form as Content-Type: "
		    "application/x-www-form-urlencoded");
	else if (form_parse((const char *)evbuffer_pullup(in, -1), len, f) ==
	    -1)
		rotad_error_set(&err, ROTAD_ERR_BAD_REQUEST, NULL,
		    "the form could not be read");
	if (err.code == ROTAD_ERR_OK)
		return 0;
	i18n_use(web_lang(ctx));
	web_error_page(ctx, &err);
	return -1;
}

void
web_error_page(struct api_ctx *ctx, const struct rotad_error *err)
{
	web_error_text(ctx, rotad_err_status(err->code), err->message);
}

void
web_api_error(struct api_ctx *ctx, int status, json_t *answer)
{
	json_t *e = json_object_get(answer, "error");
	const char *m = json_string_value(json_object_get(e, "message"));

	web_error_text(ctx, status >= 400 ? status : 500,
	    m ? m : "the server failed to answer");
}

void
web_error_text(struct api_ctx *ctx, int status, const char *message)
{
	struct sbuf b = {0};
	const char *title = status == 404 ? _("Not found")
	    : status == 403               ? _("Not allowed")
	                                  : _("Something went wrong");

	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"card error-card\">"
	    "<h1 class=\"card-title\">");
	html_text(&b, title);
	html_raw(&b,
	    "</h1><p class=\"notice notice-error\" role=\"alert\" "
	    "id=\"page-error\">");
	html_text(&b, message);
	html_raw(&b, "</p><p><a class=\"btn\" href=\"/\">");
	html_text(&b, _("Back to the week board"));
	html_raw(&b, "</a></p></div></main>");
	web_send(ctx, status, title, &b, false);
	sbuf_release(&b);
}

void
web_csrf_field(struct sbuf *b, const char *csrf)
{
	html_raw(
	    b, "<input type=\"hidden\" name=\"" WEB_CSRF_FIELD "\" value=\"");
	html_attr(b, csrf);
	html_raw(b, "\">");
}

/*
 * The screens of the navigation, as the app's (web/app.js): viewers may
 * not read youths or plan; the audit log, settings and users are admins'.
 */
static const struct {
	const char *id, *href, *label;
	enum user_role min;
} nav[] = {
    {"board", "/", N_("Week board"), USER_ROLE_VIEWER},
    {"youths", "/youths", N_("Youths"), USER_ROLE_COORDINATOR},
    {"plan", "/plan", N_("Plan"), USER_ROLE_COORDINATOR},
    {"hours", "/hours", N_("Hours"), USER_ROLE_VIEWER},
    {"requests", "/requests", N_("Requests"), USER_ROLE_COORDINATOR},
    {"violations", "/violations", N_("Violations"), USER_ROLE_VIEWER},
    {"audit", "/audit", N_("Audit log"), USER_ROLE_ADMIN},
    {"settings", "/settings", N_("Settings"), USER_ROLE_ADMIN},
    {"users", "/users", N_("Users"), USER_ROLE_ADMIN},
};

void
web_topbar(struct sbuf *b, struct api_ctx *ctx, const char *csrf)
{
	web_topbar_at(b, ctx, csrf, NULL);
}

const char *
web_local_path(const char *path)
{
	size_t n = 0;

	if (path == NULL || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return "/";
	for (const char *p = path; *p != '\0'; p++, n++)
		if (*p <= ' ' || *p >= 0x7f || *p == '\\' || *p == '"' ||
		    n >= WEB_BACK_MAX)
			return "/";
	return path;
}

const char *
web_language_name(enum i18n_lang lang)
{
	enum i18n_lang was = i18n_current();
	const char *name;

	i18n_use(lang);
	/* TRANSLATORS: the name of this language, written in this language. */
	name = _("English");
	i18n_use(was);
	return name;
}

void
web_language_form(struct sbuf *b, const char *csrf, const char *back)
{
	enum i18n_lang cur = i18n_current();

	html_raw(b,
	    "<form method=\"post\" action=\"/language\" "
	    "class=\"inline-form lang-picker\" id=\"lang-form\">");
	if (csrf != NULL)
		web_csrf_field(b, csrf);
	html_raw(b, "<input type=\"hidden\" name=\"back\" value=\"");
	html_attr(b, web_local_path(back));
	html_raw(b, "\"><label class=\"lang-label\" for=\"lang-select\">");
	html_text(b, _("Language"));
	html_raw(b,
	    "</label><select class=\"select select-compact\" "
	    "id=\"lang-select\" name=\"lang\">");
	for (int l = 0; l < I18N__COUNT; l++) {
		if (!i18n_available((enum i18n_lang)l))
			continue;
		html_raw(b, "<option value=\"");
		html_attr(b, i18n_tag((enum i18n_lang)l));
		html_raw(b, "\" lang=\"");
		html_attr(b, i18n_tag((enum i18n_lang)l));
		html_raw(b, (enum i18n_lang)l == cur ? "\" selected>" : "\">");
		html_text(b, web_language_name((enum i18n_lang)l));
		html_raw(b, "</option>");
	}
	html_raw(b,
	    "</select><button class=\"btn btn-quiet btn-small\" "
	    "type=\"submit\" id=\"lang-submit\">");
	/* TRANSLATORS: the button beside the language menu of the pages
	 * without JavaScript: use the language chosen in it. */
	html_text(b, _("Use"));
	html_raw(b, "</button></form>");
}

void
web_set_language(struct api_ctx *ctx, enum i18n_lang lang)
{
	const char *u = ctx->rd->conf.public_url;
	char buf[128];

	/* As web/i18n.js sets it (not HttpOnly: the app reads it too). */
	snprintf(buf, sizeof(buf),
	    LANG_COOKIE "=%s; Path=/; Max-Age=31536000; SameSite=Strict%s",
	    i18n_tag(lang),
	    u != NULL && strncasecmp(u, "https://", 8) == 0 ? "; Secure" : "");
	api_add_header(ctx, "Set-Cookie", buf);
}

json_t *
web_call_if_match(struct api_ctx *ctx, const struct api_route *table,
    unsigned method, const char *pattern, json_t *body, const char *tag,
    int *status)
{
	struct evkeyvalq *h = evhttp_request_get_input_headers(ctx->req);
	json_t *r;
	bool ok = tag != NULL && tag[0] != '\0';

	for (const char *p = tag; ok && *p != '\0'; p++)
		ok = *p > ' ' && *p < 0x7f;
	while (evhttp_remove_header(h, "If-Match") == 0)
		;
	/* A tag that is not one still has to match: none does. */
	evhttp_add_header(h, "If-Match", ok ? tag : "\"none\"");
	r = api_call(ctx, table, method, pattern, NULL, body, status);
	while (evhttp_remove_header(h, "If-Match") == 0)
		;
	return r;
}

void
web_topbar_at(
    struct sbuf *b, struct api_ctx *ctx, const char *csrf, const char *current)
{
	const struct user *u = ctx->who;
	const char *back = "/";

	html_raw(b, "<a class=\"skip\" href=\"#main\">");
	html_text(b, _("Skip to the content"));
	html_raw(b,
	    "</a><header class=\"topbar\"><a class=\"brand\" "
	    "href=\"/\"><img src=\"/app/icon.svg\" alt=\"\" "
	    "width=\"24\" height=\"24\">rota</a>"
	    "<nav class=\"nav\" aria-label=\"");
	html_attr(b, _("Main"));
	html_raw(b, "\">");
	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		if (current != NULL && strcmp(current, nav[i].id) == 0)
			back = nav[i].href;
		if (u->role < nav[i].min)
			continue;
		html_raw(b, "<a class=\"nav-link\" href=\"");
		html_raw(b, nav[i].href);
		html_raw(b, "\" id=\"nav-");
		html_raw(b, nav[i].id);
		html_raw(b, "\"");
		if (current != NULL && strcmp(current, nav[i].id) == 0)
			html_raw(b, " aria-current=\"page\"");
		html_raw(b, ">");
		html_text(b, _(nav[i].label));
		html_raw(b, "</a>");
	}
	/* The language form returns to this page: a GET's own address, the
	 * answer of a form its screen's. */
	if (ctx->method == API_GET || ctx->method == API_HEAD)
		back = evhttp_request_get_uri(ctx->req);
	html_raw(b, "</nav><div class=\"topbar-end\">");
	web_language_form(b, csrf, back);
	html_raw(b, "<span class=\"who\" title=\"");
	html_attr(b, u->login);
	html_raw(b, "\">");
	html_text(b, u->name[0] ? u->name : u->login);
	html_raw(b,
	    "</span><form method=\"post\" action=\"/logout\" "
	    "class=\"inline-form\">");
	web_csrf_field(b, csrf);
	html_raw(b,
	    "<button class=\"btn btn-quiet\" type=\"submit\" "
	    "id=\"logout\">");
	html_text(b, _("Log out"));
	html_raw(b, "</button></form></div></header>");
}

void
web_textv(struct sbuf *b, const char *text, ...)
{
	const char *p = text;

	while (*p != '\0') {
		const char *open = strchr(p, '{'), *close;
		bool done = false;
		va_list ap;

		if (open == NULL || (close = strchr(open, '}')) == NULL) {
			html_text(b, p);
			return;
		}
		{
			int n = (int)(open - p);
			char *lit = xasprintf("%.*s", n, p);
			html_text(b, lit);
			free(lit);
		}
		va_start(ap, text);
		for (;;) {
			const char *name = va_arg(ap, const char *), *value;
			if (name == NULL)
				break;
			value = va_arg(ap, const char *);
			if (strlen(name) == (size_t)(close - open - 1) &&
			    strncmp(name, open + 1, strlen(name)) == 0) {
				html_text(b, value);
				done = true;
				break;
			}
		}
		va_end(ap);
		if (!done) {
			char *lit =
			    xasprintf("%.*s", (int)(close - open) + 1, open);
			html_text(b, lit);
			free(lit);
		}
		p = close + 1;
	}
}

int32_t
web_today(const struct model_instance *inst)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);

	return civil_wall_date(
	    tz ? tzmap_to_wall(tz, api_now() / 60) : api_now() / 60);
}

void
web_hours_text(struct sbuf *b, int64_t minutes)
{
	/* As the app's hoursText(): at most two decimals, the language's
	 * decimal sign ("2,5 t" / "2.5 h"). */
	int64_t hundredths = (minutes * 100 + (minutes >= 0 ? 30 : -30)) / 60;
	int64_t whole = hundredths / 100, frac = hundredths % 100;
	char num[32];

	if (frac < 0)
		frac = -frac;
	if (frac == 0)
		snprintf(num, sizeof(num), "%lld", (long long)whole);
	else if (frac % 10 == 0)
		snprintf(num, sizeof(num), "%lld%s%lld", (long long)whole,
		    _("."), (long long)(frac / 10));
	else
		snprintf(num, sizeof(num), "%lld%s%02lld", (long long)whole,
		    _("."), (long long)frac);
	web_textv(b, _("{n} h"), "n", num, NULL);
}

void
web_first_name(struct sbuf *b, const char *name)
{
	char *first = xasprintf("%.*s", (int)strcspn(name, " "), name);

	html_text(b, first);
	free(first);
}
