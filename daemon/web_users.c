/* SPDX-License-Identifier: ISC */
/*
 * This file contains the users screen without JavaScript (issue 19,
 * screen 6; "Without JavaScript" in docs/web.md), for admins:
 *
 *   GET  /users                  who may log in (GET /api/v1/users): name,
 *                                login, role, homes, "invited"; per user
 *                                a <details> with the forms below; and
 *                                "Add a user"
 *   POST /users                  POST /api/v1/users (a password, or an
 *                                invitation shown once on the answer)
 *   POST /users/{login}/change   PATCH /api/v1/users/{login}: role, homes
 *   POST /users/{login}/password PUT /api/v1/users/{login}/password
 *   POST /users/{login}/invite   POST /api/v1/users/{login}/invite
 *   POST /users/{login}/remove   the question first; with confirm=1
 *                                DELETE /api/v1/users/{login}
 *
 * A refusal is the page again with the API's status and its message next
 * to the field it names in the form that was sent (that user's <details>
 * open), the typed values kept (never a password).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "access.h"
#include "api.h"
#include "form.h"
#include "html.h"
#include "model.h"
#include "users.h"
#include "web_page.h"
#include "xmalloc.h"

static const char *const roles[] = {"viewer", "coordinator", "admin"};
static const char *const role_labels[] = {
    N_("Viewer"), N_("Coordinator"), N_("Admin")};

/* What the page shows after a refused form. */
struct sent {
	const char *form;  /* "add", or the login of the row's form */
	const char *which; /* "change", "password" for a row */
	const struct form *f;
	const char *field, *message;
};

static bool
bad_at(const struct sent *s, const char *form, const char *which,
    const char *field)
{
	return s != NULL && s->message != NULL && strcmp(s->form, form) == 0 &&
	    (which == NULL || (s->which && strcmp(s->which, which) == 0)) &&
	    s->field != NULL && strncmp(s->field, field, strlen(field)) == 0;
}

static void
error_after(struct sbuf *b, const char *id, const struct sent *s, bool bad)
{
	if (!bad)
		return;
	html_raw(b, "<p class=\"field-error\" id=\"");
	html_attr(b, id);
	html_raw(b, "-error\">");
	html_text(b, s->message);
	html_raw(b, "</p>");
}

static void
invalid(struct sbuf *b, const char *id, bool bad)
{
	if (!bad)
		return;
	html_raw(b, " aria-invalid=\"true\" aria-describedby=\"");
	html_attr(b, id);
	html_raw(b, "-error\"");
}

static void
input(struct sbuf *b, const char *id, const char *name, const char *label,
    const char *type, const char *value, const char *extra, bool bad,
    const struct sent *s)
{
	html_raw(b, "<div class=\"field\"><label class=\"label\" for=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label><input class=\"input input-small\" id=\"");
	html_attr(b, id);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, "\" type=\"");
	html_attr(b, type);
	html_raw(b, "\" value=\"");
	html_attr(b, value ? value : "");
	html_raw(b, "\"");
	html_raw(b, extra);
	invalid(b, id, bad);
	html_raw(b, ">");
	error_after(b, id, s, bad);
	html_raw(b, "</div>");
}

static void
role_select(struct sbuf *b, const char *id, const char *current, bool bad,
    const struct sent *s)
{
	html_raw(b, "<div class=\"field\"><label class=\"label\" for=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_text(b, _("Role"));
	html_raw(
	    b, "</label><select class=\"select input\" name=\"role\" id=\"");
	html_attr(b, id);
	html_raw(b, "\"");
	invalid(b, id, bad);
	html_raw(b, ">");
	for (size_t i = 0; i < 3; i++) {
		html_raw(b, "<option value=\"");
		html_raw(b, roles[i]);
		html_raw(b, "\"");
		if (current != NULL && strcmp(current, roles[i]) == 0)
			html_raw(b, " selected");
		html_raw(b, ">");
		html_text(b, _(role_labels[i]));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	error_after(b, id, s, bad);
	html_raw(b, "</div>");
}

static bool
has_home(json_t *homes, const struct form *f, const char *id)
{
	size_t i;
	json_t *v;

	if (f != NULL) {
		for (i = 0; i < f->n; i++)
			if (strcmp(f->f[i].name, "homes") == 0 &&
			    strcmp(f->f[i].value, id) == 0)
				return true;
		return false;
	}
	json_array_foreach(
	    homes, i, v) if (strcmp(json_string_value(v), id) == 0) return true;
	return false;
}

/* The homes as checkboxes (none ticked: every home). */
static void
home_boxes(struct sbuf *b, const struct model_instance *inst,
    const char *prefix, json_t *homes, const struct form *f, bool bad,
    const struct sent *s)
{
	char id[64];

	html_raw(b, "<fieldset class=\"fieldset\" id=\"");
	html_attr(b, prefix);
	html_raw(b, "-homes\"");
	if (bad) {
		html_raw(b, " aria-describedby=\"");
		html_attr(b, prefix);
		html_raw(b, "-homes-error\"");
	}
	html_raw(b, "><legend class=\"label\">");
	html_text(b, _("Homes (none ticked: every home)"));
	html_raw(b, "</legend>");
	for (size_t h = 0; h < inst->nhomes; h++) {
		snprintf(id, sizeof(id), "%s-home-%zu", prefix, h);
		html_raw(b,
		    "<label class=\"check\"><input type=\"checkbox\" "
		    "name=\"homes\" id=\"");
		html_attr(b, id);
		html_raw(b, "\" value=\"");
		html_attr(b, inst->homes[h].id);
		html_raw(b, "\"");
		if (has_home(homes, f, inst->homes[h].id))
			html_raw(b, " checked");
		html_raw(b, "> ");
		html_text(b, inst->homes[h].name);
		html_raw(b, "</label>");
	}
	snprintf(id, sizeof(id), "%s-homes", prefix);
	error_after(b, id, s, bad);
	html_raw(b, "</fieldset>");
}

static void
row_form_start(struct sbuf *b, const char *csrf, const char *login,
    const char *action, const char *id)
{
	html_raw(b, "<form method=\"post\" class=\"user-form\" id=\"");
	html_attr(b, id);
	html_raw(b, "\" action=\"/users/");
	html_url_part(b, login);
	html_raw(b, "/");
	html_raw(b, action);
	html_raw(b, "\">");
	web_csrf_field(b, csrf);
}

static void
submit(struct sbuf *b, const char *id, const char *label, const char *cls)
{
	html_raw(b, "<button class=\"btn btn-small ");
	html_raw(b, cls);
	html_raw(b, "\" type=\"submit\" id=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</button>");
}

static void
user_row(struct sbuf *b, const struct model_instance *inst, const char *csrf,
    json_t *u, size_t n, const char *self, const struct sent *s)
{
	const char *login = json_string_value(json_object_get(u, "login"));
	const char *name = json_string_value(json_object_get(u, "name"));
	const char *role = json_string_value(json_object_get(u, "role"));
	json_t *homes = json_object_get(u, "homes"), *v;
	bool invited = !json_is_true(json_object_get(u, "has_password"));
	bool mine = s != NULL && s->message != NULL && login != NULL &&
	    strcmp(s->form, login) == 0;
	char id[64], pre[32];
	size_t i;

	if (login == NULL)
		return;
	snprintf(pre, sizeof(pre), "u%zu", n);
	html_raw(b, "<tr data-login=\"");
	html_attr(b, login);
	html_raw(b, "\"><th scope=\"row\">");
	html_text(b, name && name[0] ? name : login);
	html_raw(b, "</th><td>");
	html_text(b, login);
	html_raw(b, "</td><td>");
	for (i = 0; i < 3; i++)
		if (role != NULL && strcmp(role, roles[i]) == 0)
			html_text(b, _(role_labels[i]));
	html_raw(b, "</td><td>");
	if (json_array_size(homes) == 0)
		html_text(b, _("every home"));
	json_array_foreach(homes, i, v)
	{
		long h = model_find_home(inst, json_string_value(v));
		if (i > 0)
			html_raw(b, ", ");
		html_text(
		    b, h >= 0 ? inst->homes[h].name : json_string_value(v));
	}
	if (invited) {
		html_raw(b, " <span class=\"badge\">");
		html_text(b, _("invited"));
		html_raw(b, "</span>");
	}
	html_raw(b, "</td><td><details class=\"user-actions\"");
	if (mine)
		html_raw(b, " open");
	html_raw(b, "><summary class=\"btn btn-small\">");
	html_text(b, _("Change"));
	html_raw(b, "<span class=\"sr-only\"> ");
	html_text(b, login);
	html_raw(b, "</span></summary>");
	/* Role and homes. */
	snprintf(id, sizeof(id), "%s-change", pre);
	row_form_start(b, csrf, login, "change", id);
	snprintf(id, sizeof(id), "%s-role", pre);
	role_select(b, id, mine && s->f ? form_get(s->f, "role") : role,
	    bad_at(s, login, "change", "role"), s);
	home_boxes(b, inst, pre, homes,
	    mine && s->which && strcmp(s->which, "change") == 0 ? s->f : NULL,
	    bad_at(s, login, "change", "homes"), s);
	snprintf(id, sizeof(id), "%s-save", pre);
	submit(b, id, _("Save"), "btn-primary");
	html_raw(b, "</form>");
	/* A new password. */
	snprintf(id, sizeof(id), "%s-pw", pre);
	row_form_start(b, csrf, login, "password", id);
	snprintf(id, sizeof(id), "%s-password", pre);
	input(b, id, "password", _("New password"), "password", "",
	    " autocomplete=\"new-password\"",
	    bad_at(s, login, "password", "password"), s);
	snprintf(id, sizeof(id), "%s-pw-save", pre);
	submit(b, id, _("Set the password"), "");
	html_raw(b, "</form>");
	if (invited) {
		snprintf(id, sizeof(id), "%s-invite", pre);
		row_form_start(b, csrf, login, "invite", id);
		snprintf(id, sizeof(id), "%s-invite-send", pre);
		submit(b, id, _("New invitation"), "");
		html_raw(b, "</form>");
	}
	if (self == NULL || strcmp(self, login) != 0) {
		snprintf(id, sizeof(id), "%s-remove", pre);
		row_form_start(b, csrf, login, "remove", id);
		snprintf(id, sizeof(id), "%s-remove-ask", pre);
		submit(b, id, _("Remove"), "btn-danger");
		html_raw(b, "</form>");
	}
	if (mine && s->field == NULL) {
		html_raw(b, "<p class=\"form-error\" role=\"alert\">");
		html_text(b, s->message);
		html_raw(b, "</p>");
	}
	html_raw(b, "</details></td></tr>");
}

/* The page; `notice` (escaped here) above the list, or NULL. */
static void
users_page(struct api_ctx *ctx, const char *csrf, const struct sent *s,
    const struct sbuf *notice, int status)
{
	const struct model_instance *inst;
	struct rotad_error err;
	struct sbuf b = {0};
	const struct form *af =
	    s != NULL && strcmp(s->form, "add") == 0 ? s->f : NULL;
	json_t *r, *u;
	size_t i;
	int st;

	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return;
	}
	r = api_call(
	    ctx, api_user_routes, API_GET, "/api/v1/users", NULL, NULL, &st);
	if (st != 200) {
		web_api_error(ctx, st, r);
		json_decref(r);
		return;
	}
	web_topbar_at(&b, ctx, csrf, "users");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\"><h1 "
	    "class=\"week-title\" id=\"screen-title\">");
	html_text(&b, _("Users"));
	html_raw(&b, "</h1></div>");
	if (notice != NULL && notice->len > 0)
		sbuf_add(&b, notice->s, notice->len);
	html_raw(&b,
	    "<div class=\"table-scroll\"><table class=\"report\" "
	    "id=\"users-table\"><caption class=\"report-caption\">");
	html_text(&b, _("Who may log in"));
	html_raw(&b, "</caption><thead><tr><th scope=\"col\">");
	html_text(&b, _("Name"));
	html_raw(&b, "</th><th scope=\"col\">");
	html_text(&b, _("Login"));
	html_raw(&b, "</th><th scope=\"col\">");
	html_text(&b, _("Role"));
	html_raw(&b, "</th><th scope=\"col\">");
	html_text(&b, _("Homes"));
	html_raw(&b, "</th><th scope=\"col\">");
	html_text(&b, _("Actions"));
	html_raw(&b, "</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(r, "users"), i, u)
	    user_row(&b, inst, csrf, u, i, ctx->who->login, s);
	html_raw(&b,
	    "</tbody></table></div><section class=\"admin-section "
	    "card-section\" aria-labelledby=\"add-title\"><h2 "
	    "class=\"sub-title\" id=\"add-title\">");
	html_text(&b, _("Add a user"));
	html_raw(&b,
	    "</h2><form method=\"post\" action=\"/users\" id=\"user-add\" "
	    "aria-labelledby=\"add-title\">");
	web_csrf_field(&b, csrf);
	input(&b, "add-login", "login", _("Login"), "text",
	    af ? form_get(af, "login") : "",
	    " autocomplete=\"off\" autocapitalize=\"none\" "
	    "spellcheck=\"false\" required",
	    bad_at(s, "add", NULL, "login"), s);
	input(&b, "add-name", "name", _("Name"), "text",
	    af ? form_get(af, "name") : "", " autocomplete=\"off\"",
	    bad_at(s, "add", NULL, "name"), s);
	role_select(&b, "add-role", af ? form_get(af, "role") : "coordinator",
	    bad_at(s, "add", NULL, "role"), s);
	home_boxes(
	    &b, inst, "add", NULL, af, bad_at(s, "add", NULL, "homes"), s);
	input(&b, "add-password", "password", _("Initial password"), "password",
	    "", " autocomplete=\"new-password\"",
	    bad_at(s, "add", NULL, "password"), s);
	html_raw(&b,
	    "<div class=\"field\"><label class=\"check\"><input "
	    "type=\"checkbox\" name=\"invite\" value=\"1\" "
	    "id=\"add-invite\"");
	if (af != NULL && form_get(af, "invite") != NULL)
		html_raw(&b, " checked");
	html_raw(&b, "> ");
	html_text(
	    &b, _("Send an invitation instead (they choose the password)"));
	html_raw(&b, "</label></div>");
	if (s != NULL && af != NULL && s->message != NULL &&
	    !bad_at(s, "add", NULL, "login") &&
	    !bad_at(s, "add", NULL, "name") &&
	    !bad_at(s, "add", NULL, "role") &&
	    !bad_at(s, "add", NULL, "homes") &&
	    !bad_at(s, "add", NULL, "password")) {
		html_raw(&b,
		    "<p class=\"form-error\" role=\"alert\" "
		    "id=\"add-error\">");
		html_text(&b, s->message);
		html_raw(&b, "</p>");
	}
	html_raw(&b, "<div class=\"button-row\">");
	submit(&b, "add-submit", _("Add the user"), "btn-primary");
	html_raw(&b, "</div></form></section></main>");
	json_decref(r);
	web_send(ctx, status, _("Users"), &b, false);
	sbuf_release(&b);
}

static void
users_get(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	users_page(ctx, csrf, NULL, NULL, 200);
}

/* The homes ticked in a form, as a JSON list. */
static json_t *
homes_of(const struct form *f)
{
	json_t *a = json_array();

	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, "homes") == 0)
			json_array_append_new(a, json_string(f->f[i].value));
	return a;
}

static const char *
field_or_empty(const struct form *f, const char *name)
{
	const char *v = form_get(f, name);

	return v != NULL ? v : "";
}

/* An invitation's notice: the link and the code, shown once. */
static void
invitation(struct sbuf *n, const char *login, const char *code)
{
	html_raw(n,
	    "<div class=\"notice notice-info\" role=\"status\" "
	    "id=\"user-invitation\"><p>");
	web_textv(n,
	    _("The invitation for {login}: give them this link (it is shown "
	      "only now)."),
	    "login", login, NULL);
	html_raw(n, "</p><p><label class=\"label\" for=\"invite-link\">");
	html_text(n, _("Invitation link"));
	html_raw(n,
	    "</label><input class=\"input\" id=\"invite-link\" "
	    "readonly value=\"/#invite&amp;code=");
	html_attr(n, code);
	html_raw(n, "\"></p><p>");
	html_text(n, _("Code"));
	html_raw(n, ": <code id=\"invite-code\">");
	html_text(n, code);
	html_raw(n, "</code></p></div>");
}

/*
 * A row's or the add form's call: on success 303 to /users (or the
 * invitation's page); else the page with the refusal at its field.
 */
static void
after_call(struct api_ctx *ctx, const char *csrf, const struct form *f,
    const char *form, const char *which, json_t *r, int st, int ok)
{
	struct sent s = {form, which, f, NULL, NULL};
	const char *code = json_string_value(json_object_get(r, "invite_code"));

	if (st == ok && code != NULL) {
		struct sbuf n = {0};
		const char *login =
		    json_string_value(json_object_get(r, "login"));
		invitation(&n, login ? login : form, code);
		users_page(ctx, csrf, NULL, &n, 200);
		sbuf_release(&n);
	} else if (st == ok) {
		web_redirect(ctx, "/users");
	} else {
		json_t *e = json_object_get(r, "error");
		s.field = json_string_value(json_object_get(e, "field"));
		s.message = json_string_value(json_object_get(e, "message"));
		if (s.message == NULL)
			s.message = _("Something went wrong");
		users_page(ctx, csrf, &s, NULL, st >= 400 ? st : 500);
	}
}

static void
add_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct form f;
	const char *v;
	json_t *body, *r;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	body =
	    json_pack("{s:s, s:s, s:o}", "login", field_or_empty(&f, "login"),
	        "role", field_or_empty(&f, "role"), "homes", homes_of(&f));
	if ((v = form_get(&f, "name")) != NULL && v[0] != '\0')
		json_object_set_new(body, "name", json_string(v));
	if (form_get(&f, "invite") != NULL)
		json_object_set_new(body, "invite", json_true());
	else if ((v = form_get(&f, "password")) != NULL && v[0] != '\0')
		json_object_set_new(body, "password", json_string(v));
	r = api_call(
	    ctx, api_user_routes, API_POST, "/api/v1/users", NULL, body, &st);
	json_decref(body);
	after_call(ctx, csrf, &f, "add", NULL, r, st, 201);
	json_decref(r);
done:
	form_release(&f);
}

static void
change_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct form f;
	const char *role;
	json_t *body, *r;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	body = json_pack("{s:o}", "homes", homes_of(&f));
	if ((role = form_get(&f, "role")) != NULL)
		json_object_set_new(body, "role", json_string(role));
	r = api_call(ctx, api_user_routes, API_PATCH, "/api/v1/users/:id", NULL,
	    body, &st);
	json_decref(body);
	after_call(ctx, csrf, &f, ctx->params[0], "change", r, st, 200);
	json_decref(r);
done:
	form_release(&f);
}

static void
password_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct form f;
	const char *pw;
	json_t *body, *r;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	pw = form_get(&f, "password");
	body = json_pack("{s:s}", "password", pw ? pw : "");
	r = api_call(ctx, api_user_routes, API_PUT,
	    "/api/v1/users/:id/password", NULL, body, &st);
	json_decref(body);
	after_call(ctx, csrf, &f, ctx->params[0], "password", r, st,
	    st == 204 ? 204 : 200);
	json_decref(r);
done:
	form_release(&f);
}

static void
invite_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct form f;
	json_t *r;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	r = api_call(ctx, api_user_routes, API_POST, "/api/v1/users/:id/invite",
	    NULL, NULL, &st);
	after_call(ctx, csrf, &f, ctx->params[0], "invite", r, st,
	    st == 201 ? 201 : 200);
	json_decref(r);
done:
	form_release(&f);
}

static void
remove_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	const char *login = ctx->params[0];
	struct sbuf b = {0};
	struct form f;
	json_t *r;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	if (form_get(&f, "confirm") != NULL) {
		r = api_call(ctx, api_user_routes, API_DELETE,
		    "/api/v1/users/:id", NULL, NULL, &st);
		after_call(ctx, csrf, &f, login, "remove", r, st, 204);
		json_decref(r);
		goto done;
	}
	/* The second step: the question, then Remove or Cancel. */
	web_topbar_at(&b, ctx, csrf, "users");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"card\"><h1 "
	    "class=\"card-title\" id=\"remove-title\">");
	web_textv(&b, _("Remove {login}?"), "login", login, NULL);
	html_raw(&b, "</h1><p>");
	html_text(&b,
	    _("They can no longer log in; the audit log keeps what they "
	      "did."));
	html_raw(&b,
	    "</p><form method=\"post\" class=\"button-row\" "
	    "action=\"/users/");
	html_url_part(&b, login);
	html_raw(&b, "/remove\">");
	web_csrf_field(&b, csrf);
	html_raw(&b,
	    "<input type=\"hidden\" name=\"confirm\" value=\"1\">"
	    "<button class=\"btn btn-danger\" type=\"submit\" "
	    "id=\"remove-confirm\">");
	web_textv(&b, _("Remove {login}"), "login", login, NULL);
	html_raw(&b,
	    "</button><a class=\"btn\" href=\"/users\" "
	    "id=\"remove-cancel\">");
	html_text(&b, _("Cancel"));
	html_raw(&b, "</a></form></div></main>");
	web_send(ctx, 200, _("Users"), &b, false);
	sbuf_release(&b);
done:
	form_release(&f);
}

const struct api_route web_users_routes[] = {
    {API_GET | API_HEAD, "/users", users_get, API_PAGE},
    {API_POST, "/users", add_post, API_PAGE},
    {API_POST, "/users/:id/change", change_post, API_PAGE},
    {API_POST, "/users/:id/password", password_post, API_PAGE},
    {API_POST, "/users/:id/invite", invite_post, API_PAGE},
    {API_POST, "/users/:id/remove", remove_post, API_PAGE},
    {0, NULL, NULL, 0},
};
