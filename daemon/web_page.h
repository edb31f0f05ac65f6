/* SPDX-License-Identifier: ISC */
/*
 * What the server-rendered pages share (issue 19, "Without JavaScript",
 * docs/web.md): the page shell (web/index.html with the page's content in
 * <div id="app">, so that with JavaScript the app takes over), the
 * security headers of every answer of the web app, the reader's
 * language, the session and its CSRF token, form bodies, redirects and
 * the error page.  The pages themselves are web_login.c, web_board.c and
 * web_visit.c; every text goes through html.c.
 */
#ifndef ROTAD_WEB_PAGE_H
#define ROTAD_WEB_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "api_etag.h"
#include "error.h"
#include "form.h"
#include "i18n.h"
#include "sbuf.h"
#include "users.h"

struct api_ctx;
struct api_route;
struct model_instance;

/* The CSRF form field of every form that changes something. */
#define WEB_CSRF_FIELD "csrf_token"

/* Content-Security-Policy and the other security headers of the app. */
void web_security_headers(struct api_ctx *ctx);

/* The reader's language: the rota_lang cookie, else Accept-Language's. */
enum i18n_lang web_lang(struct api_ctx *ctx);

/* A quoted strong tag of bytes (BLAKE2b, 128 bits, as api_etag.c). */
void web_tag_of(const void *data, size_t len, char tag[API_ETAG_LEN]);

/* 200 with data under etag, or 304 when If-None-Match names it. */
void web_reply_tagged(struct api_ctx *ctx, const char *content_type,
    const char *etag, const void *data, size_t len);

/*
 * Sends a page: web/index.html with `title` and `content` (markup made
 * with html.c) in the reader's language.  A `cacheable` page (the same
 * for everybody: the login page) gets an ETag and may answer 304;
 * the others are Cache-Control: no-store.
 */
void web_send(struct api_ctx *ctx, int status, const char *title,
    const struct sbuf *content, bool cacheable);

/* 303 See Other to a path of this site. */
void web_redirect(struct api_ctx *ctx, const char *location);

/*
 * The session of a page: access_page() (a live session, the page rule's
 * role and scope; for a POST, `csrf` from the form, and the Origin), the
 * thread's language set to the reader's, and the session's CSRF token in
 * csrf_out for the page's forms.  Returns 0, or -1 after answering
 * itself: a 303 to the login page (/) when there is no live session,
 * else the error page.
 */
int web_session(
    struct api_ctx *ctx, const char *csrf, char csrf_out[USERS_CSRF_LEN]);

/* The CSRF token of the request's session cookie; false when none. */
bool web_csrf_of(struct api_ctx *ctx, char csrf[USERS_CSRF_LEN]);

/*
 * The form body of a POST (Content-Type
 * application/x-www-form-urlencoded, at most API_SMALL_BODY bytes) into
 * f.  Returns 0, or -1 after answering with the error page (400, 413,
 * 415).
 */
int web_read_form(struct api_ctx *ctx, struct form *f);

/* The error page for err (its status, its message) with a way back. */
void web_error_page(struct api_ctx *ctx, const struct rotad_error *err);
/* The error page of a status and a message. */
void web_error_text(struct api_ctx *ctx, int status, const char *message);
/* The error page of an API answer ({"error": {"message"}}) and status. */
void web_api_error(struct api_ctx *ctx, int status, json_t *answer);

/*
 * The top bar of a logged-in page (ctx->who's): the brand and the
 * navigation, the language form (web_language_form(), back to this page),
 * the user's name and the log-out form (with the CSRF token).
 */
void web_topbar(struct sbuf *b, struct api_ctx *ctx, const char *csrf);
/* The same with the navigation's link `current` ("youths") marked. */
void web_topbar_at(
    struct sbuf *b, struct api_ctx *ctx, const char *csrf, const char *current);

/* The longest `back` address the language form keeps. */
#define WEB_BACK_MAX 1024

/*
 * `path` when it is an address of this site ("/x?y": one leading slash,
 * printable ASCII without backslash or quote, under WEB_BACK_MAX bytes),
 * else "/": a redirect to it cannot leave the site.
 */
const char *web_local_path(const char *path);

/*
 * The language form of the pages without JavaScript (POST /language,
 * web_login.c): a labelled menu of the languages rotad has (each named
 * in itself), the current one chosen, a submit button, `back` (through
 * web_local_path()) and, for a session, its CSRF token (`csrf`, or NULL
 * on the login page).
 */
void web_language_form(struct sbuf *b, const char *csrf, const char *back);

/* A language's name in itself ("Norsk bokmål", "English"). */
const char *web_language_name(enum i18n_lang lang);

/*
 * Remembers `lang` as the reader's: the rota_lang cookie, as the app
 * sets it (web/i18n.js), which web_lang() reads.
 */
void web_set_language(struct api_ctx *ctx, enum i18n_lang lang);

/*
 * api_call() with the request header If-Match: `tag` (a form's hidden
 * version), so that the API route's own precondition decides (412 when
 * the resource changed since the form was made; a missing or malformed
 * tag never matches).  The request's own If-Match, if any, is dropped.
 */
json_t *web_call_if_match(struct api_ctx *ctx, const struct api_route *table,
    unsigned method, const char *pattern, json_t *body, const char *tag,
    int *status);

/* A hidden CSRF field for a form. */
void web_csrf_field(struct sbuf *b, const char *csrf);

/*
 * A translated text of the app with its {name} placeholders replaced by
 * the (escaped) values: pairs of name, value, ended by NULL.  The same
 * msgids as the scripts' t("...") (web/i18n.js), so both say the same.
 */
void web_textv(struct sbuf *b, const char *text, ...);

/* Today in the instance's time zone (days since the epoch). */
int32_t web_today(const struct model_instance *inst);

/* Minutes as the app's hours text ("{n} h": "2,5 t" / "2.5 h"), escaped. */
void web_hours_text(struct sbuf *b, int64_t minutes);

/* The first word of a name (as the board and the feeds show), escaped. */
void web_first_name(struct sbuf *b, const char *name);

#endif /* ROTAD_WEB_PAGE_H */
