/* SPDX-License-Identifier: ISC */
/*
 * This file contains the settings and the school calendar without
 * JavaScript (issue 19, screen 6; "Without JavaScript" in docs/web.md),
 * for admins:
 *
 *   GET  /settings             two forms: the organisation's settings
 *                              (GET /api/v1/settings) and the school
 *                              calendar (GET /api/v1/school-calendar)
 *   POST /settings             PUT /api/v1/settings with the form's
 *                              values, then 303 to /settings?saved=settings
 *   POST /settings/calendar    PUT /api/v1/school-calendar, then 303 to
 *                              /settings?saved=calendar
 *
 * and the named school calendars (issue 15) of /api/v1/school-calendars:
 *
 *   GET  /settings/calendars   each calendar (the default marked, how many
 *                              youths and homes follow it) and a form to
 *                              add one (POST: POST /api/v1/school-calendars)
 *   GET  /settings/calendars/{id}   its form (name, terms, holidays, lesson
 *                              hours) with its version; POST: PUT
 *                              .../{id} with If-Match that version
 *   POST /settings/calendars/{id}/default   PUT it with "default": true
 *   POST /settings/calendars/{id}/delete    the question first; with
 *                              confirm=1 DELETE .../{id} (a 409 next to
 *                              the form)
 *
 * The quiet hours of e-mail to minors and their exception for urgent
 * changes (issue 16, options.mail_quiet_hours and
 * options.mail_urgent_in_quiet_hours) are two check boxes; an unchecked
 * box is not sent, so it is false.  The options the form has no control
 * for (claims_need_approval, publish) are carried over from the stored
 * settings: the API replaces them whole.
 *
 * Lists are text areas, one item a line (public holidays one date; terms
 * and school holidays "FROM TO"; rule switches "key: value"), so that a
 * form without a script can add and remove rows.  A refusal is the page
 * again (the status of the API) with the typed values kept, the API's
 * message next to the field it names (aria-invalid), or under the form
 * with each broken rule of the labour-law gate (409).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "access.h"
#include "api.h"
#include "api_etag.h"
#include "form.h"
#include "html.h"
#include "users.h"
#include "web_page.h"
#include "xmalloc.h"

static const char *const jurisdictions[] = {"NO", "EU", "UK", "US-FLSA"};

/* An API refusal: its field, message and the gate's broken rules. */
struct refusal {
	int status;
	const char *field, *message;
	json_t *violations;
};

/* Whether the API's field is about the control whose field is `api`. */
static bool
about(const struct refusal *r, const char *api)
{
	size_t n = strlen(api);

	return r != NULL && r->field != NULL &&
	    strncmp(r->field, api, n) == 0 &&
	    (r->field[n] == '\0' || r->field[n] == '.' || r->field[n] == '[');
}

static void
control_start(struct sbuf *b, const char *id, const char *label)
{
	html_raw(b, "<div class=\"field\"><label class=\"label\" for=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label>");
}

/* aria-invalid and the error's id when the refusal is about it. */
static void
invalid_attrs(struct sbuf *b, const char *id, bool bad, const char *help)
{
	if (bad || help != NULL) {
		html_raw(b, " aria-describedby=\"");
		if (help != NULL) {
			html_attr(b, id);
			html_raw(b, "-help");
		}
		if (bad) {
			html_raw(b, help != NULL ? " " : "");
			html_attr(b, id);
			html_raw(b, "-error");
		}
		html_raw(b, "\"");
	}
	if (bad)
		html_raw(b, " aria-invalid=\"true\"");
}

static void
control_end(struct sbuf *b, const char *id, const struct refusal *r, bool bad)
{
	if (bad) {
		html_raw(b, "<p class=\"field-error\" id=\"");
		html_attr(b, id);
		html_raw(b, "-error\">");
		html_text(b, r->message);
		html_raw(b, "</p>");
	}
	html_raw(b, "</div>");
}

static void
text_input(struct sbuf *b, const char *id, const char *name, const char *label,
    const char *type, const char *value, const struct refusal *r,
    const char *api)
{
	bool bad = about(r, api);

	control_start(b, id, label);
	html_raw(b, "<input class=\"input input-small\" id=\"");
	html_attr(b, id);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, "\" type=\"");
	html_attr(b, type);
	html_raw(b, "\" autocomplete=\"off\" value=\"");
	html_attr(b, value ? value : "");
	html_raw(b, "\"");
	invalid_attrs(b, id, bad, NULL);
	html_raw(b, ">");
	control_end(b, id, r, bad);
}

static void
text_area(struct sbuf *b, const char *id, const char *name, const char *label,
    const char *help, const char *value, const struct refusal *r,
    const char *api)
{
	bool bad = about(r, api);

	control_start(b, id, label);
	html_raw(b, "<p class=\"muted small\" id=\"");
	html_attr(b, id);
	html_raw(b, "-help\">");
	html_text(b, help);
	html_raw(b,
	    "</p><textarea class=\"input input-small textarea\" "
	    "rows=\"4\" id=\"");
	html_attr(b, id);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, "\" spellcheck=\"false\"");
	invalid_attrs(b, id, bad, "help");
	html_raw(b, ">");
	html_text(b, value ? value : "");
	html_raw(b, "</textarea>");
	control_end(b, id, r, bad);
}

/* A check box sent as name=true when checked, labelled after it. */
static void
check_input(struct sbuf *b, const char *id, const char *name, const char *label,
    bool on, const struct refusal *r, const char *api)
{
	bool bad = about(r, api);

	html_raw(b,
	    "<div class=\"field\"><div class=\"field-check\"><input "
	    "type=\"checkbox\" class=\"checkbox\" value=\"true\" id=\"");
	html_attr(b, id);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, on ? "\" checked" : "\"");
	invalid_attrs(b, id, bad, NULL);
	html_raw(b, "><label for=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label></div>");
	control_end(b, id, r, bad);
}

/* The refusal under a form when no field of it is named. */
static void
form_problem(struct sbuf *b, const char *id, const struct refusal *r,
    const char *const *apis)
{
	size_t i;
	json_t *v;

	if (r == NULL || r->message == NULL)
		return;
	for (i = 0; apis[i] != NULL; i++)
		if (about(r, apis[i]))
			return;
	html_raw(b, "<div class=\"notice notice-error\" role=\"alert\" id=\"");
	html_attr(b, id);
	html_raw(b, "\"><p class=\"refusal-title\">");
	html_text(b, r->message);
	html_raw(b, "</p>");
	if (json_array_size(r->violations) > 0) {
		html_raw(b, "<ul class=\"rules\">");
		json_array_foreach(r->violations, i, v)
		{
			const char *ref =
			    json_string_value(json_object_get(v, "reference"));
			html_raw(b,
			    "<li class=\"rule\"><span "
			    "class=\"rule-message\">");
			html_text(b,
			    json_string_value(json_object_get(v, "message")));
			html_raw(b, "</span>");
			if (ref != NULL && ref[0] != '\0') {
				html_raw(b, " <code class=\"rule-ref\">");
				html_text(b, ref);
				html_raw(b, "</code>");
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	html_raw(b, "</div>");
}

static const char *
or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* A JSON value as the form shows it ("" for none). */
static char *
value_text(json_t *v)
{
	if (v == NULL || json_is_null(v))
		return xstrdup("");
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	return json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
}

/* What the forms show: the stored values, or those just typed. */
struct shown {
	char *jurisdiction, *timezone, *language, *travel, *seconds;
	char *holidays, *rules, *terms, *school_holidays, *start, *end;
	bool quiet, urgent; /* options.mail_quiet_hours, ..._in_quiet_hours */
};

static void
shown_release(struct shown *s)
{
	char **all[] = {&s->jurisdiction, &s->timezone, &s->language,
	    &s->travel, &s->seconds, &s->holidays, &s->rules, &s->terms,
	    &s->school_holidays, &s->start, &s->end};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		free(*all[i]);
		*all[i] = NULL;
	}
}

static char *
periods_text(json_t *list)
{
	struct sbuf b = {0};
	size_t i;
	json_t *p;

	json_array_foreach(list, i, p)
	{
		sbuf_addf(&b, "%s%s %s", i > 0 ? "\n" : "",
		    or_empty(json_string_value(json_object_get(p, "from"))),
		    or_empty(json_string_value(json_object_get(p, "to"))));
	}
	sbuf_add(&b, "", 0);
	return sbuf_take(&b);
}

static void
shown_settings_of(struct shown *s, json_t *set)
{
	json_t *opts = json_object_get(set, "options"), *v;
	struct sbuf b = {0};
	const char *key;
	size_t i;

	s->jurisdiction = value_text(json_object_get(set, "jurisdiction"));
	s->timezone = value_text(json_object_get(set, "timezone"));
	s->language = value_text(json_object_get(set, "language"));
	s->travel = value_text(json_object_get(opts, "travel_minutes"));
	s->seconds = value_text(json_object_get(opts, "seconds"));
	/* Absent: the default, on. */
	s->quiet = !json_is_false(json_object_get(opts, "mail_quiet_hours"));
	s->urgent =
	    !json_is_false(json_object_get(opts, "mail_urgent_in_quiet_hours"));
	json_array_foreach(json_object_get(set, "public_holidays"), i, v)
	    sbuf_addf(
	        &b, "%s%s", i > 0 ? "\n" : "", or_empty(json_string_value(v)));
	sbuf_add(&b, "", 0);
	s->holidays = sbuf_take(&b);
	i = 0;
	json_object_foreach(json_object_get(set, "rule_options"), key, v)
	{
		char *t = value_text(v);
		sbuf_addf(&b, "%s%s: %s", i++ > 0 ? "\n" : "", key, t);
		free(t);
	}
	sbuf_add(&b, "", 0);
	s->rules = sbuf_take(&b);
}

static void
shown_calendar_of(struct shown *s, json_t *cal)
{
	json_t *h = json_object_get(cal, "school_hours");

	s->terms = periods_text(json_object_get(cal, "terms"));
	s->school_holidays = periods_text(json_object_get(cal, "holidays"));
	s->start = value_text(json_object_get(h, "start"));
	s->end = value_text(json_object_get(h, "end"));
}

static char *
form_text(const struct form *f, const char *name)
{
	const char *v = form_get(f, name);

	return xstrdup(v ? v : "");
}

static void
settings_page(struct api_ctx *ctx, const char *csrf, const struct shown *s,
    const struct refusal *rs, const struct refusal *rc, int status)
{
	static const char *const set_apis[] = {"jurisdiction", "timezone",
	    "language", "options.travel_minutes", "options.seconds",
	    "options.mail_quiet_hours", "options.mail_urgent_in_quiet_hours",
	    "public_holidays", "rule_options", NULL};
	static const char *const cal_apis[] = {"terms", "holidays",
	    "school_hours.start", "school_hours.end", NULL};
	const char *saved = api_query(ctx, "saved");
	struct sbuf b = {0};
	bool bad;

	web_topbar_at(&b, ctx, csrf, "settings");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\"><h1 "
	    "class=\"week-title\" id=\"screen-title\">");
	html_text(&b, _("Settings"));
	html_raw(&b, "</h1></div>");
	if (status == 200 && saved != NULL &&
	    (strcmp(saved, "settings") == 0 ||
	        strcmp(saved, "calendar") == 0)) {
		html_raw(&b,
		    "<p class=\"notice notice-info\" role=\"status\" "
		    "id=\"settings-saved\">");
		html_text(&b,
		    strcmp(saved, "settings") == 0
		        ? _("The settings are saved.")
		        : _("The school calendar is saved."));
		html_raw(&b, "</p>");
	}
	html_raw(&b,
	    "<div class=\"admin-columns\"><section class=\"admin-section "
	    "card-section\" aria-labelledby=\"settings-title\"><h2 "
	    "id=\"settings-title\" class=\"sub-title\">");
	html_text(&b, _("Organisation settings"));
	html_raw(&b,
	    "</h2><form id=\"settings-form\" method=\"post\" "
	    "action=\"/settings\" aria-labelledby=\"settings-title\">");
	web_csrf_field(&b, csrf);
	bad = about(rs, "jurisdiction");
	control_start(&b, "set-jurisdiction", _("Labour-law profile"));
	html_raw(&b,
	    "<select class=\"select input\" id=\"set-jurisdiction\" "
	    "name=\"jurisdiction\"");
	invalid_attrs(&b, "set-jurisdiction", bad, NULL);
	html_raw(&b, ">");
	for (size_t i = 0; i < sizeof(jurisdictions) / sizeof(jurisdictions[0]);
	     i++) {
		html_raw(&b, "<option value=\"");
		html_attr(&b, jurisdictions[i]);
		html_raw(&b,
		    strcmp(s->jurisdiction, jurisdictions[i]) == 0
		        ? "\" selected>"
		        : "\">");
		html_text(&b, jurisdictions[i]);
		html_raw(&b, "</option>");
	}
	html_raw(&b, "</select>");
	control_end(&b, "set-jurisdiction", rs, bad);
	text_input(&b, "set-timezone", "timezone", _("Time zone"), "text",
	    s->timezone, rs, "timezone");
	bad = about(rs, "language");
	control_start(&b, "set-language", _("Language of feeds and pages"));
	html_raw(&b,
	    "<select class=\"select input\" id=\"set-language\" "
	    "name=\"language\"");
	invalid_attrs(&b, "set-language", bad, NULL);
	html_raw(&b, "><option value=\"nb\"");
	html_raw(&b, strcmp(s->language, "en") != 0 ? " selected" : "");
	html_raw(&b,
	    " lang=\"nb\">Norsk bokm\xc3\xa5l</option><option "
	    "value=\"en\"");
	html_raw(&b, strcmp(s->language, "en") == 0 ? " selected" : "");
	html_raw(&b, " lang=\"en\">English</option></select>");
	control_end(&b, "set-language", rs, bad);
	text_input(&b, "set-travel", "travel_minutes",
	    _("Travel time between homes (minutes)"), "text", s->travel, rs,
	    "options.travel_minutes");
	text_input(&b, "set-seconds", "seconds",
	    _("The planner's time (seconds)"), "text", s->seconds, rs,
	    "options.seconds");
	html_raw(&b, "<fieldset class=\"fieldset\"><legend class=\"label\">");
	html_text(&b, _("E-mail to minors"));
	html_raw(&b, "</legend>");
	check_input(&b, "set-mail-quiet", "mail_quiet_hours",
	    _("Quiet hours: no e-mail to youths under 18 between 21:00 and "
	      "07:00"),
	    s->quiet, rs, "options.mail_quiet_hours");
	check_input(&b, "set-mail-urgent", "mail_urgent_in_quiet_hours",
	    _("In quiet hours, send a change to a visit that starts before "
	      "09:00 the next morning at once"),
	    s->urgent, rs, "options.mail_urgent_in_quiet_hours");
	html_raw(&b, "</fieldset>");
	text_area(&b, "set-holidays", "public_holidays", _("Public holidays"),
	    _("One date (YYYY-MM-DD) a line. Empty: the profile's own list."),
	    s->holidays, rs, "public_holidays");
	text_area(&b, "set-rules", "rule_options", _("Rule switches"),
	    _("One switch a line, as \"key: value\" (for example "
	      "care_exemption_12_9g: true); see docs/rules.md."),
	    s->rules, rs, "rule_options");
	form_problem(&b, "settings-error", rs, set_apis);
	html_raw(&b,
	    "<div class=\"button-row\"><button class=\"btn "
	    "btn-primary\" type=\"submit\" id=\"settings-save\">");
	html_text(&b, _("Save the settings"));
	html_raw(&b,
	    "</button></div></form></section><section class=\"admin-section "
	    "card-section\" aria-labelledby=\"calendar-title\"><h2 "
	    "id=\"calendar-title\" class=\"sub-title\">");
	html_text(&b, _("School calendar"));
	html_raw(&b,
	    "</h2><form id=\"calendar-form\" method=\"post\" "
	    "action=\"/settings/calendar\" "
	    "aria-labelledby=\"calendar-title\"><p class=\"muted small\">");
	html_text(&b,
	    _("The default calendar: youths and homes without one of their "
	      "own follow it."));
	html_raw(
	    &b, " <a href=\"/settings/calendars\" id=\"settings-calendars\">");
	html_text(&b, _("All school calendars"));
	html_raw(&b, "</a></p>");
	web_csrf_field(&b, csrf);
	text_area(&b, "cal-terms", "terms", _("Terms"),
	    _("One period a line: the first and the last day (YYYY-MM-DD "
	      "YYYY-MM-DD)."),
	    s->terms, rc, "terms");
	text_area(&b, "cal-holidays", "holidays", _("School holidays"),
	    _("One period a line: the first and the last day (YYYY-MM-DD "
	      "YYYY-MM-DD)."),
	    s->school_holidays, rc, "holidays");
	text_input(&b, "cal-hours-start", "start", _("Lessons start"), "time",
	    s->start, rc, "school_hours.start");
	text_input(&b, "cal-hours-end", "end", _("Lessons end"), "time", s->end,
	    rc, "school_hours.end");
	form_problem(&b, "calendar-error", rc, cal_apis);
	html_raw(&b,
	    "<div class=\"button-row\"><button class=\"btn "
	    "btn-primary\" type=\"submit\" id=\"calendar-save\">");
	html_text(&b, _("Save the school calendar"));
	html_raw(&b, "</button></div></form></section></div></main>");
	web_send(ctx, status, _("Settings"), &b, false);
	sbuf_release(&b);
}

/* Both answers of the API into s; -1 (an error page sent) if one fails. */
static int
load_shown(struct api_ctx *ctx, struct shown *s, bool settings, bool calendar)
{
	json_t *r;
	int st;

	if (settings) {
		r = api_call(ctx, api_config_routes, API_GET,
		    "/api/v1/settings", NULL, NULL, &st);
		if (st != 200) {
			web_api_error(ctx, st, r);
			json_decref(r);
			return -1;
		}
		shown_settings_of(s, r);
		json_decref(r);
	}
	if (calendar) {
		r = api_call(ctx, api_config_routes, API_GET,
		    "/api/v1/school-calendar", NULL, NULL, &st);
		if (st != 200) {
			web_api_error(ctx, st, r);
			json_decref(r);
			return -1;
		}
		shown_calendar_of(s, r);
		json_decref(r);
	}
	return 0;
}

static void
settings_get(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct shown s = {0};

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	if (load_shown(ctx, &s, true, true) == 0)
		settings_page(ctx, csrf, &s, NULL, NULL, 200);
	shown_release(&s);
}

/* "12" a number, "true"/"false" a boolean, else the text itself. */
static json_t *
typed(const char *text)
{
	char *end;
	double d;

	while (isspace((unsigned char)*text))
		text++;
	if (strcmp(text, "true") == 0)
		return json_true();
	if (strcmp(text, "false") == 0)
		return json_false();
	if (text[0] != '\0' &&
	    (isdigit((unsigned char)text[0]) ||
	        (text[0] == '-' && isdigit((unsigned char)text[1])))) {
		d = strtod(text, &end);
		if (*end == '\0') {
			if (strchr(text, '.') == NULL && d >= -1e15 &&
			    d <= 1e15)
				return json_integer((json_int_t)d);
			return json_real(d);
		}
	}
	return json_string(text);
}

/* The lines of a text area, each trimmed; empty ones left out. */
static json_t *
lines_of(const char *text)
{
	json_t *out = json_array();

	while (text != NULL && *text != '\0') {
		size_t n = strcspn(text, "\r\n");
		const char *a = text, *e = text + n;
		while (a < e && isspace((unsigned char)*a))
			a++;
		while (e > a && isspace((unsigned char)e[-1]))
			e--;
		if (e > a) {
			char *line = xasprintf("%.*s", (int)(e - a), a);
			json_array_append_new(out, json_string(line));
			free(line);
		}
		text += n;
		text += strspn(text, "\r\n");
	}
	return out;
}

/* "FROM TO" lines as [{"from", "to"}]; one date is one day. */
static json_t *
periods_of(const char *text)
{
	json_t *lines = lines_of(text), *out = json_array(), *l;
	size_t i;

	json_array_foreach(lines, i, l)
	{
		const char *s = json_string_value(l);
		size_t n = strcspn(s, " \t");
		const char *to = s + n + strspn(s + n, " \t");
		char *from = xasprintf("%.*s", (int)n, s);
		json_array_append_new(out,
		    json_pack(
		        "{s:s, s:s}", "from", from, "to", to[0] ? to : from));
		free(from);
	}
	json_decref(lines);
	return out;
}

/* The refusal of an API answer (borrowed from it). */
static void
refusal_of(struct refusal *r, int status, json_t *answer)
{
	json_t *e = json_object_get(answer, "error");

	r->status = status;
	r->field = json_string_value(json_object_get(e, "field"));
	r->message = json_string_value(json_object_get(e, "message"));
	if (r->message == NULL)
		r->message = _("Something went wrong");
	r->violations = json_object_get(answer, "violations");
}

/*
 * The stored options without those the form has controls for (a new
 * object): the others (claims_need_approval, publish) stay as they are.
 */
static json_t *
stored_options(struct api_ctx *ctx)
{
	static const char *const on_form[] = {"travel_minutes", "seconds",
	    "mail_quiet_hours", "mail_urgent_in_quiet_hours"};
	json_t *r, *opts;
	int st;

	r = api_call(ctx, api_config_routes, API_GET, "/api/v1/settings", NULL,
	    NULL, &st);
	opts = json_object_get(r, "options");
	opts = st == 200 && json_is_object(opts) ? json_deep_copy(opts)
	                                         : json_object();
	json_decref(r);
	for (size_t i = 0; i < sizeof(on_form) / sizeof(on_form[0]); i++)
		json_object_del(opts, on_form[i]);
	return opts;
}

static void
settings_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct shown s = {0};
	struct refusal rs = {0};
	struct form f;
	json_t *body, *opts, *rules, *lines, *l, *r;
	size_t i;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	s.jurisdiction = form_text(&f, "jurisdiction");
	s.timezone = form_text(&f, "timezone");
	s.language = form_text(&f, "language");
	s.travel = form_text(&f, "travel_minutes");
	s.seconds = form_text(&f, "seconds");
	s.holidays = form_text(&f, "public_holidays");
	s.rules = form_text(&f, "rule_options");
	s.quiet = form_get(&f, "mail_quiet_hours") != NULL;
	s.urgent = form_get(&f, "mail_urgent_in_quiet_hours") != NULL;
	opts = stored_options(ctx);
	json_object_set_new(opts, "mail_quiet_hours", json_boolean(s.quiet));
	json_object_set_new(
	    opts, "mail_urgent_in_quiet_hours", json_boolean(s.urgent));
	if (s.travel[0] != '\0')
		json_object_set_new(opts, "travel_minutes", typed(s.travel));
	if (s.seconds[0] != '\0')
		json_object_set_new(opts, "seconds", typed(s.seconds));
	rules = json_object();
	lines = lines_of(s.rules);
	json_array_foreach(lines, i, l)
	{
		const char *line = json_string_value(l);
		size_t n = strcspn(line, ":=");
		char *key = xasprintf("%.*s", (int)n, line);
		char *k = key + strlen(key);
		while (k > key && isspace((unsigned char)k[-1]))
			*--k = '\0';
		json_object_set_new(
		    rules, key, typed(line[n] != '\0' ? line + n + 1 : ""));
		free(key);
	}
	json_decref(lines);
	body = json_pack("{s:s, s:s, s:o, s:o}", "jurisdiction", s.jurisdiction,
	    "timezone", s.timezone, "options", opts, "rule_options", rules);
	json_object_set_new(body, "language",
	    s.language[0] ? json_string(s.language) : json_null());
	lines = lines_of(s.holidays);
	if (json_array_size(lines) > 0)
		json_object_set(body, "public_holidays", lines);
	json_decref(lines);
	r = api_call(ctx, api_config_routes, API_PUT, "/api/v1/settings", NULL,
	    body, &st);
	json_decref(body);
	if (st == 200) {
		web_redirect(ctx, "/settings?saved=settings");
	} else {
		refusal_of(&rs, st, r);
		if (load_shown(ctx, &s, false, true) == 0)
			settings_page(
			    ctx, csrf, &s, &rs, NULL, st >= 400 ? st : 500);
	}
	json_decref(r); /* after the page: rs borrows from it */
done:
	shown_release(&s);
	form_release(&f);
}

static void
calendar_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct shown s = {0};
	struct refusal rc = {0};
	struct form f;
	json_t *body, *r;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	s.terms = form_text(&f, "terms");
	s.school_holidays = form_text(&f, "holidays");
	s.start = form_text(&f, "start");
	s.end = form_text(&f, "end");
	body = json_pack("{s:o, s:o}", "terms", periods_of(s.terms), "holidays",
	    periods_of(s.school_holidays));
	if (s.start[0] != '\0' || s.end[0] != '\0')
		json_object_set_new(body, "school_hours",
		    json_pack("{s:s, s:s}", "start", s.start, "end", s.end));
	r = api_call(ctx, api_config_routes, API_PUT, "/api/v1/school-calendar",
	    NULL, body, &st);
	json_decref(body);
	if (st == 200) {
		web_redirect(ctx, "/settings?saved=calendar");
	} else {
		refusal_of(&rc, st, r);
		if (load_shown(ctx, &s, true, false) == 0)
			settings_page(
			    ctx, csrf, &s, NULL, &rc, st >= 400 ? st : 500);
	}
	json_decref(r); /* after the page: rc borrows from it */
done:
	shown_release(&s);
	form_release(&f);
}

/* ---- the named school calendars (/api/v1/school-calendars) ---- */

/* What a calendar's form shows: the stored values, or those typed. */
struct cal_shown {
	char *title; /* the stored name (else the id), for the headings */
	char *id, *name, *terms, *holidays, *start, *end;
	bool make_default;
};

static const char *const cal_named_apis[] = {"id", "name", "terms", "holidays",
    "school_hours.start", "school_hours.end", "default", NULL};

static void
cal_shown_release(struct cal_shown *c)
{
	char **all[] = {&c->title, &c->id, &c->name, &c->terms, &c->holidays,
	    &c->start, &c->end};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		free(*all[i]);
		*all[i] = NULL;
	}
}

static void
cal_shown_of(struct cal_shown *c, json_t *cal)
{
	json_t *h = json_object_get(cal, "school_hours");

	c->id = value_text(json_object_get(cal, "id"));
	c->name = value_text(json_object_get(cal, "name"));
	c->terms = periods_text(json_object_get(cal, "terms"));
	c->holidays = periods_text(json_object_get(cal, "holidays"));
	c->start = value_text(json_object_get(h, "start"));
	c->end = value_text(json_object_get(h, "end"));
}

static void
cal_shown_typed(struct cal_shown *c, const struct form *f)
{
	c->id = form_text(f, "id");
	c->name = form_text(f, "name");
	c->terms = form_text(f, "terms");
	c->holidays = form_text(f, "holidays");
	c->start = form_text(f, "start");
	c->end = form_text(f, "end");
	c->make_default = form_get(f, "default") != NULL;
}

/* The JSON of a calendar's form, as the app would send it. */
static json_t *
cal_body(const struct cal_shown *c, bool with_id)
{
	json_t *body = json_pack("{s:o, s:o}", "terms", periods_of(c->terms),
	    "holidays", periods_of(c->holidays));

	if (with_id)
		json_object_set_new(body, "id", json_string(c->id));
	if (c->name[0] != '\0')
		json_object_set_new(body, "name", json_string(c->name));
	if (c->start[0] != '\0' || c->end[0] != '\0')
		json_object_set_new(body, "school_hours",
		    json_pack("{s:s, s:s}", "start", c->start, "end", c->end));
	if (c->make_default)
		json_object_set_new(body, "default", json_true());
	return body;
}

/* Name, terms, holidays and lesson hours, as the default's form has. */
static void
cal_fields(struct sbuf *b, const char *pre, const struct cal_shown *c,
    const struct refusal *r)
{
	char id[48];

	snprintf(id, sizeof(id), "%s-name", pre);
	text_input(b, id, "name", _("Name"), "text", c->name, r, "name");
	snprintf(id, sizeof(id), "%s-terms", pre);
	text_area(b, id, "terms", _("Terms"),
	    _("One period a line: the first and the last day (YYYY-MM-DD "
	      "YYYY-MM-DD)."),
	    c->terms, r, "terms");
	snprintf(id, sizeof(id), "%s-holidays", pre);
	text_area(b, id, "holidays", _("School holidays"),
	    _("One period a line: the first and the last day (YYYY-MM-DD "
	      "YYYY-MM-DD)."),
	    c->holidays, r, "holidays");
	snprintf(id, sizeof(id), "%s-start", pre);
	text_input(b, id, "start", _("Lessons start"), "time", c->start, r,
	    "school_hours.start");
	snprintf(id, sizeof(id), "%s-end", pre);
	text_input(b, id, "end", _("Lessons end"), "time", c->end, r,
	    "school_hours.end");
}

static void
saved_notice(struct sbuf *b, const char *text)
{
	html_raw(b,
	    "<p class=\"notice notice-info\" role=\"status\" "
	    "id=\"calendars-saved\">");
	html_text(b, text);
	html_raw(b, "</p>");
}

/* "3 youths and 1 home" of a list item's used_by. */
static void
used_by_text(struct sbuf *b, json_t *used)
{
	size_t y = (size_t)json_integer_value(json_object_get(used, "youths"));
	size_t h = (size_t)json_integer_value(json_object_get(used, "homes"));
	char ys[96], hs[96];

	snprintf(ys, sizeof(ys),
	    dngettext(I18N_DOMAIN, "%zu youth", "%zu youths", y), y);
	snprintf(hs, sizeof(hs),
	    dngettext(I18N_DOMAIN, "%zu home", "%zu homes", h), h);
	/* TRANSLATORS: {youths} is "3 youths", {homes} is "1 home". */
	web_textv(
	    b, _("{youths} and {homes}"), "youths", ys, "homes", hs, NULL);
}

/*
 * GET /settings/calendars: every calendar (the default marked, how many
 * follow each) and the form to add one, with `add` typed and the
 * refusal `r` at its field (or NULL, NULL).
 */
static void
calendars_page(struct api_ctx *ctx, const char *csrf,
    const struct cal_shown *add, const struct refusal *r, int status)
{
	const char *saved = api_query(ctx, "saved");
	struct sbuf b = {0};
	json_t *list, *c;
	size_t i;
	int st;

	list = api_call(ctx, api_config_routes, API_GET,
	    "/api/v1/school-calendars", NULL, NULL, &st);
	if (st != 200) {
		web_api_error(ctx, st, list);
		json_decref(list);
		return;
	}
	web_topbar_at(&b, ctx, csrf, "settings");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\"><h1 "
	    "class=\"week-title\" id=\"screen-title\">");
	html_text(&b, _("School calendars"));
	html_raw(&b, "</h1></div>");
	if (status == 200 && saved != NULL) {
		if (strcmp(saved, "created") == 0)
			saved_notice(&b, _("The school calendar is added."));
		else if (strcmp(saved, "deleted") == 0)
			saved_notice(&b, _("The school calendar is deleted."));
		else if (strcmp(saved, "default") == 0)
			saved_notice(&b,
			    _("The default school calendar is "
			      "changed."));
	}
	html_raw(&b, "<p class=\"muted\">");
	html_text(&b,
	    _("One calendar per municipality or school district. Each youth "
	      "follows one, each home one for the holidays its series skip; "
	      "without one of their own, the default."));
	html_raw(&b, " <a href=\"/settings\" id=\"calendars-settings\">");
	html_text(&b, _("Back to the settings"));
	html_raw(&b,
	    "</a></p><div class=\"table-scroll\"><table class=\"report\" "
	    "id=\"calendars-table\"><caption class=\"report-caption\">");
	html_text(&b, _("School calendars"));
	html_raw(&b, "</caption><thead><tr><th scope=\"col\">");
	html_text(&b, _("Name"));
	html_raw(&b, "</th><th scope=\"col\">");
	html_text(&b, _("Id"));
	html_raw(&b, "</th><th scope=\"col\">");
	html_text(&b, _("Followed by"));
	html_raw(&b, "</th><th scope=\"col\">");
	html_text(&b, _("Actions"));
	html_raw(&b, "</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "school_calendars"), i, c)
	{
		const char *id = json_string_value(json_object_get(c, "id"));
		const char *name =
		    json_string_value(json_object_get(c, "name"));

		if (id == NULL)
			continue;
		html_raw(&b, "<tr data-calendar=\"");
		html_attr(&b, id);
		html_raw(&b, "\"><th scope=\"row\">");
		html_text(&b, name != NULL && name[0] ? name : id);
		if (json_is_true(json_object_get(c, "default"))) {
			html_raw(
			    &b, " <span class=\"badge\" id=\"cal-default\">");
			html_text(&b, _("default"));
			html_raw(&b, "</span>");
		}
		html_raw(&b, "</th><td><code>");
		html_text(&b, id);
		html_raw(&b, "</code></td><td class=\"cal-used\">");
		used_by_text(&b, json_object_get(c, "used_by"));
		html_raw(&b,
		    "</td><td><a class=\"btn btn-small\" "
		    "href=\"/settings/calendars/");
		html_url_part(&b, id);
		html_raw(&b, "\">");
		html_text(&b, _("Change"));
		html_raw(&b, "<span class=\"sr-only\"> ");
		html_text(&b, name != NULL && name[0] ? name : id);
		html_raw(&b, "</span></a></td></tr>");
	}
	html_raw(&b,
	    "</tbody></table></div><section class=\"admin-section "
	    "card-section\" aria-labelledby=\"calendar-add-title\"><h2 "
	    "id=\"calendar-add-title\" class=\"sub-title\">");
	html_text(&b, _("Add a school calendar"));
	html_raw(&b,
	    "</h2><form id=\"calendar-add-form\" method=\"post\" "
	    "action=\"/settings/calendars\" "
	    "aria-labelledby=\"calendar-add-title\">");
	web_csrf_field(&b, csrf);
	text_input(&b, "cal-add-id", "id",
	    _("Id (letters and digits, then also - _ .; such as bergen)"),
	    "text", add->id, r, "id");
	cal_fields(&b, "cal-add", add, r);
	html_raw(&b,
	    "<div class=\"field\"><label class=\"check\"><input "
	    "type=\"checkbox\" class=\"checkbox\" name=\"default\" "
	    "value=\"1\" id=\"cal-add-default\"");
	invalid_attrs(&b, "cal-add-default", about(r, "default"), NULL);
	html_raw(&b, add->make_default ? " checked>" : ">");
	html_text(&b, _("Make it the default"));
	html_raw(&b, "</label>");
	control_end(&b, "cal-add-default", r, about(r, "default"));
	form_problem(&b, "calendar-add-error", r, cal_named_apis);
	html_raw(&b,
	    "<div class=\"button-row\"><button class=\"btn btn-primary\" "
	    "type=\"submit\" id=\"calendar-add-submit\">");
	html_text(&b, _("Add the school calendar"));
	html_raw(&b, "</button></div></form></section></main>");
	web_send(ctx, status, _("School calendars"), &b, false);
	sbuf_release(&b);
	json_decref(list); /* after the page: the texts are borrowed */
}

static void
calendars_get(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct cal_shown add = {0};

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	calendars_page(ctx, csrf, &add, NULL, 200);
}

/* 303 to /settings/calendars/{the path's id}{suffix}. */
static void
redirect_calendar(struct api_ctx *ctx, const char *suffix)
{
	struct sbuf b = {0};

	sbuf_adds(&b, "/settings/calendars/");
	html_url_part(&b, ctx->params[0]);
	sbuf_adds(&b, suffix);
	web_redirect(ctx, b.s);
	sbuf_release(&b);
}

/*
 * The calendar of the path as GET /api/v1/school-calendars/{id} answers:
 * its title, its version (the ETag) and whether it is the default, and
 * with `fill` its values into c.  -1 after the error page (404).
 */
static int
calendar_load(struct api_ctx *ctx, struct cal_shown *c, bool fill,
    char version[API_ETAG_LEN], bool *is_default)
{
	const char *name;
	json_t *r;
	int st;

	r = api_call(ctx, api_config_routes, API_GET,
	    "/api/v1/school-calendars/:id", NULL, NULL, &st);
	if (st != 200) {
		web_api_error(ctx, st, r);
		json_decref(r);
		return -1;
	}
	api_etag_of(r, version);
	*is_default = json_is_true(json_object_get(r, "default"));
	name = json_string_value(json_object_get(r, "name"));
	free(c->title);
	c->title = xstrdup(name != NULL && name[0] ? name : ctx->params[0]);
	if (fill)
		cal_shown_of(c, r);
	json_decref(r);
	return 0;
}

/* Which form of a calendar's page a refusal belongs to. */
enum cal_form { CAL_EDIT, CAL_DEFAULT, CAL_DELETE };

/*
 * GET /settings/calendars/{id}: its form (name, terms, holidays, lesson
 * hours; the version for If-Match), and unless it is the default the
 * forms that make it the default and delete it; the refusal `r` at the
 * form `which`.
 */
static void
calendar_page(struct api_ctx *ctx, const char *csrf, const struct cal_shown *c,
    const char *version, bool is_default, enum cal_form which,
    const struct refusal *r, int status)
{
	static const char *const none[] = {NULL};
	const struct refusal *re = which == CAL_EDIT ? r : NULL;
	const char *saved = api_query(ctx, "saved");
	struct sbuf b = {0}, action = {0};

	sbuf_adds(&action, "/settings/calendars/");
	html_url_part(&action, ctx->params[0]);
	web_topbar_at(&b, ctx, csrf, "settings");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\"><h1 "
	    "class=\"week-title\" id=\"screen-title\">");
	html_text(&b, c->title);
	html_raw(&b, "</h1>");
	if (is_default) {
		html_raw(&b, " <span class=\"badge\" id=\"cal-default\">");
		html_text(&b, _("default"));
		html_raw(&b, "</span>");
	}
	html_raw(&b, "</div>");
	if (status == 200 && saved != NULL)
		saved_notice(&b, _("The school calendar is saved."));
	html_raw(
	    &b, "<p><a href=\"/settings/calendars\" id=\"calendar-back\">");
	html_text(&b, _("All school calendars"));
	html_raw(&b,
	    "</a></p><div class=\"admin-columns\"><section "
	    "class=\"admin-section card-section\" "
	    "aria-labelledby=\"calendar-edit-title\"><h2 "
	    "id=\"calendar-edit-title\" class=\"sub-title\">");
	html_text(&b, _("Terms, holidays and lesson hours"));
	html_raw(&b,
	    "</h2><form id=\"calendar-edit-form\" method=\"post\" "
	    "action=\"");
	html_attr(&b, action.s);
	html_raw(&b, "\" aria-labelledby=\"calendar-edit-title\">");
	web_csrf_field(&b, csrf);
	html_raw(&b, "<input type=\"hidden\" name=\"version\" value=\"");
	html_attr(&b, version);
	html_raw(&b, "\">");
	cal_fields(&b, "cal-edit", c, re);
	form_problem(&b, "calendar-edit-error", re, cal_named_apis);
	html_raw(&b,
	    "<div class=\"button-row\"><button class=\"btn btn-primary\" "
	    "type=\"submit\" id=\"calendar-edit-save\">");
	html_text(&b, _("Save the school calendar"));
	html_raw(&b,
	    "</button></div></form></section><section class=\"admin-section "
	    "card-section\" aria-labelledby=\"calendar-manage-title\"><h2 "
	    "id=\"calendar-manage-title\" class=\"sub-title\">");
	html_text(&b, _("Default and delete"));
	html_raw(&b, "</h2>");
	if (is_default) {
		html_raw(&b, "<p id=\"calendar-is-default\">");
		html_text(&b,
		    _("This is the default calendar: youths and homes without "
		      "one of their own follow it. It cannot be deleted; make "
		      "another one the default first."));
		html_raw(&b, "</p>");
	} else {
		html_raw(&b,
		    "<form id=\"calendar-default-form\" method=\"post\" "
		    "action=\"");
		html_attr(&b, action.s);
		html_raw(&b, "/default\">");
		web_csrf_field(&b, csrf);
		html_raw(
		    &b, "<input type=\"hidden\" name=\"version\" value=\"");
		html_attr(&b, version);
		html_raw(&b,
		    "\"><p class=\"muted small\" id=\"calendar-default-help\">");
		html_text(&b,
		    _("Youths and homes without a calendar of their own will "
		      "follow this one."));
		html_raw(&b, "</p>");
		form_problem(&b, "calendar-default-error",
		    which == CAL_DEFAULT ? r : NULL, none);
		html_raw(&b,
		    "<div class=\"button-row\"><button class=\"btn\" "
		    "type=\"submit\" id=\"calendar-make-default\" "
		    "aria-describedby=\"calendar-default-help\">");
		html_text(&b, _("Make it the default"));
		html_raw(&b,
		    "</button></div></form><form id=\"calendar-delete-form\" "
		    "method=\"post\" action=\"");
		html_attr(&b, action.s);
		html_raw(&b, "/delete\">");
		web_csrf_field(&b, csrf);
		form_problem(&b, "calendar-delete-error",
		    which == CAL_DELETE ? r : NULL, none);
		html_raw(&b,
		    "<div class=\"button-row\"><button class=\"btn "
		    "btn-danger\" type=\"submit\" id=\"calendar-delete\"");
		if (which == CAL_DELETE && r != NULL)
			html_raw(
			    &b, " aria-describedby=\"calendar-delete-error\"");
		html_raw(&b, ">");
		html_text(&b, _("Delete..."));
		html_raw(&b, "</button></div></form>");
	}
	html_raw(&b, "</section></div></main>");
	web_send(ctx, status, c->title, &b, false);
	sbuf_release(&b);
	sbuf_release(&action);
}

static void
calendar_get(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN], version[API_ETAG_LEN];
	struct cal_shown c = {0};
	bool def;

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	if (calendar_load(ctx, &c, true, version, &def) == 0)
		calendar_page(ctx, csrf, &c, version, def, CAL_EDIT, NULL, 200);
	cal_shown_release(&c);
}

/* POST /settings/calendars: POST /api/v1/school-calendars. */
static void
calendar_create_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct cal_shown c = {0};
	struct refusal rf = {0};
	struct form f;
	json_t *body, *r;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	cal_shown_typed(&c, &f);
	body = cal_body(&c, true);
	r = api_call(ctx, api_config_routes, API_POST,
	    "/api/v1/school-calendars", NULL, body, &st);
	json_decref(body);
	if (st == 201) {
		web_redirect(ctx, "/settings/calendars?saved=created");
	} else {
		refusal_of(&rf, st, r);
		calendars_page(ctx, csrf, &c, &rf, st >= 400 ? st : 500);
	}
	json_decref(r); /* after the page: rf borrows from it */
done:
	cal_shown_release(&c);
	form_release(&f);
}

/* A 412's text for a form (the API's names If-Match and ETags). */
static void
stale_refusal(struct refusal *rf)
{
	if (rf->status == 412)
		rf->message =
		    _("Someone changed this calendar since you opened "
		      "it. Check what it says now, then send your "
		      "change again.");
}

/* POST /settings/calendars/{id}: PUT .../{id}, If-Match its version. */
static void
calendar_update_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN], version[API_ETAG_LEN];
	struct cal_shown c = {0};
	struct refusal rf = {0};
	struct form f;
	json_t *body, *r;
	bool def;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	cal_shown_typed(&c, &f);
	c.make_default = false; /* its own form */
	body = cal_body(&c, false);
	r = web_call_if_match(ctx, api_config_routes, API_PUT,
	    "/api/v1/school-calendars/:id", body, form_get(&f, "version"), &st);
	json_decref(body);
	if (st == 200) {
		redirect_calendar(ctx, "?saved=1");
	} else if (st == 404) {
		web_api_error(ctx, st, r);
	} else {
		refusal_of(&rf, st, r);
		stale_refusal(&rf);
		/* The typed values, with the version as it is now: sent again,
		 * they replace what the other person saved. */
		if (calendar_load(ctx, &c, false, version, &def) == 0)
			calendar_page(ctx, csrf, &c, version, def, CAL_EDIT,
			    &rf, st >= 400 ? st : 500);
	}
	json_decref(r);
done:
	cal_shown_release(&c);
	form_release(&f);
}

/* POST /settings/calendars/{id}/default: PUT it with "default": true. */
static void
calendar_default_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN], version[API_ETAG_LEN];
	struct cal_shown c = {0};
	struct refusal rf = {0};
	struct form f;
	json_t *body, *r;
	bool def;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	body = api_call(ctx, api_config_routes, API_GET,
	    "/api/v1/school-calendars/:id", NULL, NULL, &st);
	if (st != 200) {
		web_api_error(ctx, st, body);
		json_decref(body);
		goto done;
	}
	/* The calendar as it is, made the default: If-Match the version
	 * the page showed, so it is the one the admin saw. */
	json_object_set_new(body, "default", json_true());
	r = web_call_if_match(ctx, api_config_routes, API_PUT,
	    "/api/v1/school-calendars/:id", body, form_get(&f, "version"), &st);
	json_decref(body);
	if (st == 200) {
		web_redirect(ctx, "/settings/calendars?saved=default");
	} else {
		refusal_of(&rf, st, r);
		stale_refusal(&rf);
		if (calendar_load(ctx, &c, true, version, &def) == 0)
			calendar_page(ctx, csrf, &c, version, def, CAL_DEFAULT,
			    &rf, st >= 400 ? st : 500);
	}
	json_decref(r);
done:
	cal_shown_release(&c);
	form_release(&f);
}

/*
 * POST /settings/calendars/{id}/delete: the question first; with
 * confirm=1 DELETE /api/v1/school-calendars/{id}, whose 409 (youths or
 * homes follow it) is the calendar's page with the message at this form.
 */
static void
calendar_delete_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN], version[API_ETAG_LEN];
	struct cal_shown c = {0};
	struct refusal rf = {0};
	struct sbuf b = {0};
	struct form f;
	json_t *r;
	bool def;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	if (form_get(&f, "confirm") != NULL) {
		r = api_call(ctx, api_config_routes, API_DELETE,
		    "/api/v1/school-calendars/:id", NULL, NULL, &st);
		if (st == 204) {
			web_redirect(ctx, "/settings/calendars?saved=deleted");
		} else {
			refusal_of(&rf, st, r);
			if (calendar_load(ctx, &c, true, version, &def) == 0)
				calendar_page(ctx, csrf, &c, version, def,
				    CAL_DELETE, &rf, st >= 400 ? st : 500);
		}
		json_decref(r);
		goto done;
	}
	/* The second step: the question, then Delete or Cancel. */
	if (calendar_load(ctx, &c, false, version, &def) == -1)
		goto done;
	web_topbar_at(&b, ctx, csrf, "settings");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"card\"><h1 "
	    "class=\"card-title\" id=\"calendar-delete-title\">");
	web_textv(
	    &b, _("Delete the school calendar {name}?"), "name", c.title, NULL);
	html_raw(&b, "</h1><p>");
	html_text(&b,
	    _("A calendar that youths or homes follow is not deleted: move "
	      "them to another calendar first."));
	html_raw(
	    &b, "</p><form method=\"post\" class=\"button-row\" action=\"");
	sbuf_adds(&b, "/settings/calendars/");
	html_url_part(&b, ctx->params[0]);
	html_raw(&b, "/delete\">");
	web_csrf_field(&b, csrf);
	html_raw(&b,
	    "<input type=\"hidden\" name=\"confirm\" value=\"1\">"
	    "<button class=\"btn btn-danger\" type=\"submit\" "
	    "id=\"calendar-delete-confirm\">");
	web_textv(&b, _("Delete {name}"), "name", c.title, NULL);
	html_raw(&b, "</button><a class=\"btn\" href=\"/settings/calendars/");
	html_url_part(&b, ctx->params[0]);
	html_raw(&b, "\" id=\"calendar-delete-cancel\">");
	html_text(&b, _("Cancel"));
	html_raw(&b, "</a></form></div></main>");
	web_send(ctx, 200, _("School calendars"), &b, false);
	sbuf_release(&b);
done:
	cal_shown_release(&c);
	form_release(&f);
}

const struct api_route web_settings_routes[] = {
    {API_GET | API_HEAD, "/settings", settings_get, API_PAGE},
    {API_POST, "/settings", settings_post, API_PAGE},
    {API_POST, "/settings/calendar", calendar_post, API_PAGE},
    {API_GET | API_HEAD, "/settings/calendars", calendars_get, API_PAGE},
    {API_POST, "/settings/calendars", calendar_create_post, API_PAGE},
    {API_GET | API_HEAD, "/settings/calendars/:id", calendar_get, API_PAGE},
    {API_POST, "/settings/calendars/:id", calendar_update_post, API_PAGE},
    {API_POST, "/settings/calendars/:id/default", calendar_default_post,
        API_PAGE},
    {API_POST, "/settings/calendars/:id/delete", calendar_delete_post,
        API_PAGE},
    {0, NULL, NULL, 0},
};
