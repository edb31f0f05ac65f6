/* SPDX-License-Identifier: ISC */
/*
 * This file contains the login page without JavaScript (issue 19, "Without
 * JavaScript" in docs/web.md): the page GET / shows to a reader with no
 * session (api_web.c calls web_login_page()), POST /login (the form:
 * login, password), POST /logout (the form of the top bar, with the
 * CSRF token) and POST /language (the language form of the top bar and
 * of the login page: the rota_lang cookie the app sets too, then back to
 * the page).  The checks, throttle, cookie and audit row are
 * api_session.c's, as for POST /api/v1/login.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "access.h"
#include "api.h"
#include "api_session.h"
#include "form.h"
#include "html.h"
#include "users.h"
#include "web_login.h"
#include "web_page.h"

/* One labelled field, its message (if any) next to it. */
static void
field(struct sbuf *b, const char *id, const char *label, const char *type,
    const char *autocomplete, const char *value, const char *error)
{
	html_raw(b, "<div class=\"field\"><label class=\"label\" for=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label><input class=\"input\" required id=\"");
	html_attr(b, id);
	html_raw(b, "\" name=\"");
	html_attr(b, id);
	html_raw(b, "\" type=\"");
	html_attr(b, type);
	html_raw(b, "\" autocomplete=\"");
	html_attr(b, autocomplete);
	html_raw(b, "\"");
	if (strcmp(type, "text") == 0)
		html_raw(b, " autocapitalize=\"none\" spellcheck=\"false\"");
	if (value != NULL) {
		html_raw(b, " value=\"");
		html_attr(b, value);
		html_raw(b, "\"");
	}
	if (error != NULL) {
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"");
		html_attr(b, id);
		html_raw(b, "-error\"");
	}
	html_raw(b, ">");
	if (error != NULL) {
		html_raw(b, "<p class=\"field-error\" id=\"");
		html_attr(b, id);
		html_raw(b, "-error\">");
		html_text(b, error);
		html_raw(b, "</p>");
	}
	html_raw(b, "</div>");
}

/*
 * The login page: `login` kept in its field (never the password), the
 * message at the field it is about ("login", "password"), else under the
 * form.  Status 200 is the plain page (cacheable: the same for all).
 */
void
web_login_page(struct api_ctx *ctx, int status, const char *login,
    const char *field_name, const char *message)
{
	struct sbuf b = {0};
	bool at_login = message && field_name && !strcmp(field_name, "login");
	bool at_password =
	    message && field_name && !strcmp(field_name, "password");

	i18n_use(web_lang(ctx));
	html_raw(&b,
	    "<main class=\"login\" id=\"main\"><div class=\"card "
	    "login-card\"><div class=\"login-brand\"><img "
	    "src=\"/app/icon.svg\" alt=\"\" width=\"40\" "
	    "height=\"40\"><h1 class=\"card-title\">rota</h1></div>"
	    "<div class=\"login-lang\">");
	web_language_form(&b, NULL, "/");
	html_raw(&b, "</div><p class=\"lead\">");
	html_text(&b,
	    _("Plan the visits to the nursing homes, within the law "
	      "for young workers."));
	html_raw(&b,
	    "</p><form class=\"form\" method=\"post\" "
	    "action=\"/login\" id=\"login-form\">");
	field(&b, "login", _("Username"), "text", "username", login,
	    at_login ? message : NULL);
	field(&b, "password", _("Password"), "password", "current-password",
	    NULL, at_password ? message : NULL);
	if (message != NULL && !at_login && !at_password) {
		html_raw(&b,
		    "<p class=\"form-error\" id=\"form-error\" "
		    "role=\"alert\">");
		html_text(&b, message);
		html_raw(&b, "</p>");
	}
	html_raw(&b,
	    "<button class=\"btn btn-primary btn-block\" "
	    "type=\"submit\">");
	html_text(&b, _("Log in"));
	html_raw(&b, "</button></form></div></main>");
	web_send(ctx, status, _("rota: plan the week"), &b, status == 200);
	sbuf_release(&b);
}

/* POST /login: the form's login and password. */
static void
login_post(struct api_ctx *ctx)
{
	const char *login, *password;
	char cookie[AUTH_TOKEN_MAXLEN];
	struct rotad_error err;
	struct form f;
	struct user u;
	int rc;

	if (web_read_form(ctx, &f) == -1)
		return;
	i18n_use(web_lang(ctx));
	login = form_get(&f, "login");
	password = form_get(&f, "password");
	if (!access_origin_ok(ctx)) {
		rotad_error_set(&err, ROTAD_ERR_FORBIDDEN, NULL,
		    "the request comes from another site (Origin)");
		web_error_page(ctx, &err);
	} else if (login == NULL || login[0] == '\0')
		web_login_page(
		    ctx, 400, login, "login", _("Enter your username."));
	else if (password == NULL || password[0] == '\0')
		web_login_page(
		    ctx, 400, login, "password", _("Enter your password."));
	else if ((rc = api_session_login(
	              ctx, login, password, &u, cookie, &err)) == 0) {
		sodium_memzero(cookie, sizeof(cookie));
		user_release(&u);
		web_redirect(ctx, "/");
	} else if (rc == -1)
		/* Wrong login or password: at the password, which the user
		 * types again (no hint which one was wrong). */
		web_login_page(ctx, rotad_err_status(err.code), login,
		    err.code == ROTAD_ERR_UNAUTHORIZED ? "password" : NULL,
		    err.message);
	form_release(&f);
}

/* POST /logout: the top bar's form, with the session's CSRF token. */
static void
logout_post(struct api_ctx *ctx)
{
	struct rotad_error err;
	struct form f;

	if (web_read_form(ctx, &f) == -1)
		return;
	i18n_use(web_lang(ctx));
	if (access_authenticate(ctx) &&
	    !access_csrf_ok(ctx, form_get(&f, WEB_CSRF_FIELD))) {
		rotad_error_set(&err, ROTAD_ERR_FORBIDDEN, NULL,
		    "the form is out of date or comes from another site; "
		    "open the page again");
		web_error_page(ctx, &err);
	} else if (api_session_logout(ctx) == 0)
		web_redirect(ctx, "/");
	form_release(&f);
}

/*
 * POST /language: `lang` (a tag rotad has) and `back` (the page to
 * return to).  With a session, its CSRF token, as for /logout; without
 * one (the login page), a same-site Origin, as for /login.
 */
static void
language_post(struct api_ctx *ctx)
{
	const char *tag;
	struct rotad_error err;
	enum i18n_lang lang;
	struct form f;

	if (web_read_form(ctx, &f) == -1)
		return;
	i18n_use(web_lang(ctx));
	tag = form_get(&f, "lang");
	if (access_authenticate(ctx)
	        ? !access_csrf_ok(ctx, form_get(&f, WEB_CSRF_FIELD))
	        : !access_origin_ok(ctx)) {
		rotad_error_set(&err, ROTAD_ERR_FORBIDDEN, NULL,
		    "the form is out of date or comes from another site; "
		    "open the page again");
		web_error_page(ctx, &err);
	} else if (tag == NULL || i18n_parse_tag(tag, &lang) == -1 ||
	    !i18n_available(lang)) {
		rotad_error_set(&err, ROTAD_ERR_INVALID_FIELD, "lang",
		    "rota has no texts in the language '%s'", tag ? tag : "");
		web_error_page(ctx, &err);
	} else {
		web_set_language(ctx, lang);
		web_redirect(ctx, web_local_path(form_get(&f, "back")));
	}
	form_release(&f);
}

const struct api_route web_login_routes[] = {
    {API_POST, "/login", login_post, 0},
    {API_POST, "/logout", logout_post, 0},
    {API_POST, "/language", language_post, 0},
    {0, NULL, NULL, 0},
};
