/* SPDX-License-Identifier: ISC */
/*
 * This file contains the violations and the audit log without JavaScript
 * (issue 19, screen 6; "Without JavaScript" in docs/web.md):
 *
 *   GET /violations?from=&to=    the current violations (GET
 *                                /api/v1/violations: cut to the reader's
 *                                homes), each with its message and legal
 *                                reference; for admins a link to the
 *                                forced changes
 *   GET /audit?entity=&entity_id=&actor=&from=&to=&forced=true&cursor=
 *                                the audit log, 50 rows a page, newest
 *                                first (GET /api/v1/audit), its filters a
 *                                GET form; each row's forced rules and
 *                                reason, and its changed fields, in a
 *                                <details>
 *
 * Both are the API's answers (api_call()), with its roles and checks; a
 * bad filter shows the API's message at its field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "access.h"
#include "api.h"
#include "civil.h"
#include "html.h"
#include "model.h"
#include "textfmt.h"
#include "users.h"
#include "web_page.h"
#include "xmalloc.h"

#define PAGE_SIZE 50

/* Appends "&name=value" (encoded) for a query parameter that is given. */
static void
pass(struct sbuf *q, struct api_ctx *ctx, const char *name)
{
	const char *v = api_query(ctx, name);

	if (v == NULL || v[0] == '\0')
		return;
	if (q->len > 0)
		html_raw(q, "&");
	html_raw(q, name);
	html_raw(q, "=");
	html_url_part(q, v);
}

static char *
query_of(struct api_ctx *ctx, const char *const *names, const char *extra)
{
	struct sbuf q = {0};

	for (size_t i = 0; names[i] != NULL; i++)
		pass(&q, ctx, names[i]);
	if (extra != NULL) {
		if (q.len > 0)
			html_raw(&q, "&");
		html_raw(&q, extra);
	}
	sbuf_add(&q, "", 0);
	return sbuf_take(&q);
}

/* A labelled filter; its error (if the API named it) next to it. */
static void
filter_input(struct sbuf *b, struct api_ctx *ctx, const char *id,
    const char *name, const char *label, const char *type,
    const char *bad_field, const char *bad_message)
{
	const char *v = api_query(ctx, name);
	bool bad = bad_field != NULL && strcmp(bad_field, name) == 0;

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
	html_raw(b, "\" autocomplete=\"off\" value=\"");
	html_attr(b, v ? v : "");
	html_raw(b, "\"");
	if (bad) {
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"");
		html_attr(b, id);
		html_raw(b, "-error\"");
	}
	html_raw(b, ">");
	if (bad) {
		html_raw(b, "<p class=\"field-error\" id=\"");
		html_attr(b, id);
		html_raw(b, "-error\">");
		html_text(b, bad_message);
		html_raw(b, "</p>");
	}
	html_raw(b, "</div>");
}

static void
rules_list(struct sbuf *b, json_t *list)
{
	size_t i;
	json_t *v;

	html_raw(b, "<ul class=\"rules\">");
	json_array_foreach(list, i, v)
	{
		const char *ref =
		    json_string_value(json_object_get(v, "reference"));
		html_raw(b, "<li class=\"rule\"><span class=\"rule-message\">");
		html_text(b, json_string_value(json_object_get(v, "message")));
		html_raw(b, "</span>");
		if (ref != NULL && ref[0] != '\0') {
			html_raw(b, " <code class=\"rule-ref\" title=\"");
			html_attr(
			    b, json_string_value(json_object_get(v, "rule")));
			html_raw(b, "\">");
			html_text(b, ref);
			html_raw(b, "</code>");
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

static void
violations_page(struct api_ctx *ctx)
{
	static const char *const names[] = {"from", "to", NULL};
	const struct model_instance *inst;
	char csrf[USERS_CSRF_LEN], *q, n[16], shown[16];
	struct rotad_error err;
	struct sbuf b = {0};
	const char *bad_field = NULL, *bad_message = NULL;
	json_t *r, *list, *v;
	bool names_ok;
	int st;
	size_t i;

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return;
	}
	names_ok = ctx->who->role >= USER_ROLE_COORDINATOR;
	q = query_of(ctx, names, NULL);
	r = api_call(
	    ctx, api_rules_routes, API_GET, "/api/v1/violations", q, NULL, &st);
	free(q);
	if (st == 400) {
		json_t *e = json_object_get(r, "error");
		bad_field = json_string_value(json_object_get(e, "field"));
		bad_message = json_string_value(json_object_get(e, "message"));
	} else if (st != 200) {
		web_api_error(ctx, st, r);
		json_decref(r);
		return;
	}
	web_topbar_at(&b, ctx, csrf, "violations");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\"><h1 "
	    "class=\"week-title\" id=\"violations-title\">");
	html_text(&b, _("Violations"));
	html_raw(&b,
	    "</h1></div><form class=\"filters\" method=\"get\" "
	    "action=\"/violations\" id=\"violations-filter\">");
	filter_input(&b, ctx, "violations-from", "from", _("From"), "date",
	    bad_field, bad_message);
	filter_input(&b, ctx, "violations-to", "to", _("To"), "date", bad_field,
	    bad_message);
	html_raw(&b,
	    "<button class=\"btn btn-small\" type=\"submit\" "
	    "id=\"violations-show\">");
	html_text(&b, _("Filter"));
	html_raw(&b,
	    "</button></form><section aria-labelledby=\"current-title\">"
	    "<h2 class=\"section-title\" id=\"current-title\">");
	html_text(&b, _("Current violations"));
	html_raw(&b, "</h2>");
	list = json_object_get(r, "violations");
	if (st != 200) {
		/* The message is at its field above. */
	} else if (json_array_size(list) == 0) {
		html_raw(&b,
		    "<div class=\"state state-empty\" id=\"violations-list\">"
		    "<p class=\"state-title\">");
		html_text(
		    &b, _("No violations: the schedule keeps to the rules."));
		html_raw(&b, "</p></div>");
	} else {
		json_int_t total =
		    json_integer_value(json_object_get(r, "violations_total"));
		snprintf(n, sizeof(n), "%lld", (long long)total);
		snprintf(shown, sizeof(shown), "%zu", json_array_size(list));
		html_raw(&b, "<p class=\"summary\" role=\"status\">");
		if ((size_t)total > json_array_size(list))
			web_textv(&b,
			    _("{n} violations; the first {shown} are shown."),
			    "n", n, "shown", shown, NULL);
		else
			web_textv(&b, _("Violations: {n}"), "n", n, NULL);
		html_raw(
		    &b, "</p><ul class=\"plain-list\" id=\"violations-list\">");
		json_array_foreach(list, i, v)
		{
			const char *ref =
			    json_string_value(json_object_get(v, "reference"));
			const char *youth =
			    json_string_value(json_object_get(v, "youth"));
			long yi = youth ? model_find_youth(inst, youth) : -1;
			size_t k;
			json_t *s;

			html_raw(
			    &b, "<li class=\"card violation\" data-rule=\"");
			html_attr(
			    &b, json_string_value(json_object_get(v, "rule")));
			html_raw(&b, "\"><p class=\"rule-message\">");
			html_text(&b,
			    json_string_value(json_object_get(v, "message")));
			html_raw(&b, "</p>");
			if (ref != NULL && ref[0] != '\0') {
				html_raw(
				    &b, "<code class=\"rule-ref\" title=\"");
				html_attr(&b,
				    json_string_value(
				        json_object_get(v, "rule")));
				html_raw(&b, "\">");
				html_text(&b, ref);
				html_raw(&b, "</code>");
			}
			if (names_ok && yi >= 0) {
				struct sbuf fn = {0};
				web_first_name(&fn, inst->youths[yi].name);
				sbuf_add(&fn, "", 0);
				html_raw(&b, " <span class=\"muted\">");
				/* fn is escaped: {name} is put in as is. */
				{
					const char *t = _("Youth: {name}");
					const char *at = strstr(t, "{name}");
					if (at != NULL) {
						char *pre = xasprintf(
						    "%.*s", (int)(at - t), t);
						html_text(&b, pre);
						html_raw(&b, fn.s);
						html_text(&b, at + 6);
						free(pre);
					}
				}
				html_raw(&b, "</span>");
				sbuf_release(&fn);
			}
			if (json_array_size(json_object_get(v, "slots")) > 0) {
				html_raw(&b, "<ul class=\"plain-list small\">");
				json_array_foreach(
				    json_object_get(v, "slots"), k, s)
				{
					long si = model_find_slot(
					    inst, json_string_value(s));
					const struct model_slot *sl;
					char d[TEXTFMT_MAX], t0[CIVIL_HM_LEN],
					    t1[CIVIL_HM_LEN];
					if (si < 0 ||
					    !user_in_scope(
					        ctx->who, inst->slots[si].home))
						continue;
					sl = &inst->slots[si];
					civil_format_hm(
					    civil_wall_minute(sl->start), t0);
					civil_format_hm(
					    civil_wall_minute(sl->end), t1);
					html_raw(&b, "<li>");
					if (names_ok) {
						html_raw(
						    &b, "<a href=\"/visits/");
						html_url_part(&b, sl->id);
						html_raw(&b, "\">");
					}
					html_text(
					    &b, inst->homes[sl->home_idx].name);
					html_raw(&b, ", ");
					html_text(&b,
					    textfmt_date_short(
					        civil_wall_date(sl->start), d,
					        sizeof(d)));
					html_textf(
					    &b, " %s\xe2\x80\x93%s", t0, t1);
					if (names_ok)
						html_raw(&b, "</a>");
					html_raw(&b, "</li>");
				}
				html_raw(&b, "</ul>");
			}
			html_raw(&b, "</li>");
		}
		html_raw(&b, "</ul>");
	}
	html_raw(&b, "</section>");
	if (ctx->who->role >= USER_ROLE_ADMIN) {
		html_raw(&b,
		    "<section aria-labelledby=\"forced-title\"><h2 "
		    "class=\"section-title\" id=\"forced-title\">");
		html_text(&b, _("Forced changes"));
		html_raw(&b, "</h2><p class=\"muted\">");
		html_text(&b,
		    _("Changes someone made past the rules, from the audit "
		      "log, newest first."));
		html_raw(&b,
		    "</p><p><a class=\"btn\" id=\"violations-forced\" "
		    "href=\"/audit?forced=true\">");
		html_text(&b, _("Forced changes"));
		html_raw(&b, "</a></p></section>");
	}
	html_raw(&b, "</main>");
	json_decref(r);
	web_send(ctx, st == 200 ? 200 : st, _("Violations"), &b, false);
	sbuf_release(&b);
}

static const char *
action_label(const char *a)
{
	static const struct {
		const char *action, *label;
	} t[] = {{"create", N_("created")}, {"update", N_("changed")},
	    {"delete", N_("deleted")}, {"replace", N_("replaced")},
	    {"cancel", N_("cancelled")}, {"import", N_("imported")},
	    {"schedule", N_("planned")}, {"login", N_("logged in")},
	    {"logout", N_("logged out")}, {"password", N_("password set")},
	    {"invite", N_("invited")}, {"rotate", N_("new calendar link")},
	    {"revoke", N_("calendar link withdrawn")}, {"purge", N_("erased")}};

	for (size_t i = 0; a != NULL && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].action, a) == 0)
			return _(t[i].label);
	return a ? a : "";
}

static const struct {
	const char *entity, *label;
} entities[] = {{"assignment", N_("shift")}, {"slot", N_("visit")},
    {"series", N_("visit series")}, {"youth", N_("youth")},
    {"home", N_("home")}, {"user", N_("user")}, {"session", N_("session")},
    {"feed", N_("calendar link")}, {"settings", N_("settings")},
    {"school_calendar", N_("school calendar")},
    {"instance", N_("whole schedule")}, {"schedule", N_("planner run")}};

static const char *
entity_label(const char *e)
{
	for (size_t i = 0;
	     e != NULL && i < sizeof(entities) / sizeof(*entities); i++)
		if (strcmp(entities[i].entity, e) == 0)
			return _(entities[i].label);
	return e ? e : "";
}

/* A JSON value as short text: a string as is, the rest as JSON. */
static void
value_text(struct sbuf *b, json_t *v)
{
	char *s;

	if (json_is_string(v)) {
		html_text(b, json_string_value(v));
		return;
	}
	s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	html_text(b, s ? s : "");
	free(s);
}

/* "field: old -> new" for each top-level field of the entity that moved. */
static void
changes(struct sbuf *b, json_t *before, json_t *after)
{
	json_t *bv = json_object_get(before, "value"), *av;
	const char *key;
	json_t *v;
	size_t n = 0;

	av = json_object_get(after, "value");
	if (bv == NULL && json_is_object(before) &&
	    json_object_get(before, "forced_violations") == NULL)
		bv = before;
	if (av == NULL && json_is_object(after) &&
	    json_object_get(after, "forced_violations") == NULL)
		av = after;
	html_raw(b, "<ul class=\"changes\">");
	json_object_foreach(av, key, v)
	{
		json_t *old = json_object_get(bv, key);
		if (old != NULL && json_equal(old, v))
			continue;
		n++;
		html_raw(
		    b, "<li class=\"change\"><span class=\"change-field\">");
		html_text(b, key);
		html_raw(b, ": </span>");
		if (old != NULL) {
			html_raw(b, "<span class=\"change-old\">");
			value_text(b, old);
			html_raw(b,
			    "</span><span class=\"change-arrow\" "
			    "aria-hidden=\"true\"> \xe2\x86\x92 "
			    "</span><span class=\"sr-only\"> ");
			html_text(b, _("changed to"));
			html_raw(b, " </span>");
		}
		html_raw(b, "<span class=\"change-new\">");
		value_text(b, v);
		html_raw(b, "</span></li>");
	}
	json_object_foreach(bv, key, v)
	{
		if (json_object_get(av, key) != NULL)
			continue;
		n++;
		html_raw(
		    b, "<li class=\"change\"><span class=\"change-field\">");
		html_text(b, key);
		html_raw(b, ": </span><span class=\"change-old\">");
		value_text(b, v);
		html_raw(b, "</span><span class=\"muted\"> ");
		html_text(b, _("(removed)"));
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul>");
	if (n == 0) {
		html_raw(b, "<p class=\"muted small\">");
		html_text(b,
		    before == NULL && after == NULL
		        ? _("Nothing more is recorded.")
		        : _("No fields changed."));
		html_raw(b, "</p>");
	}
}

static void
audit_row(struct sbuf *b, json_t *r)
{
	json_t *after = json_object_get(r, "after");
	json_t *before = json_object_get(r, "before");
	json_t *forced = json_object_get(after, "forced_violations");
	const char *reason =
	    json_string_value(json_object_get(after, "force_reason"));
	const char *at = json_string_value(json_object_get(r, "at"));
	char when[32];

	/* "2027-03-02 16:04" of "2027-03-02T16:04:11+01:00". */
	snprintf(when, sizeof(when), "%.16s", at ? at : "");
	if (strlen(when) > 10)
		when[10] = ' ';
	html_raw(b,
	    json_array_size(forced) > 0
	        ? "<tr class=\"audit-row audit-forced\" data-id=\""
	        : "<tr class=\"audit-row\" data-id=\"");
	html_textf(
	    b, "%lld", (long long)json_integer_value(json_object_get(r, "id")));
	html_raw(b, "\"><td class=\"audit-when\"><time datetime=\"");
	html_attr(b, at ? at : "");
	html_raw(b, "\">");
	html_text(b, when);
	html_raw(b, "</time></td><td class=\"audit-actor\">");
	html_text(b, json_string_value(json_object_get(r, "actor")));
	html_raw(b, "</td><td>");
	html_text(
	    b, entity_label(json_string_value(json_object_get(r, "entity"))));
	html_raw(b, " ");
	html_text(
	    b, action_label(json_string_value(json_object_get(r, "action"))));
	if (json_array_size(forced) > 0) {
		html_raw(b, " <span class=\"tag tag-danger\">");
		html_text(b, _("forced"));
		html_raw(b, "</span>");
	}
	html_raw(b, "</td><td class=\"audit-entity\">");
	html_text(b, json_string_value(json_object_get(r, "entity_id")));
	html_raw(b, "</td><td><details class=\"audit-details\"><summary>");
	html_text(b, _("Changes"));
	html_raw(b, "</summary>");
	if (json_array_size(forced) > 0) {
		html_raw(b, "<p class=\"small\"><strong>");
		html_text(b, _("Rules broken on purpose"));
		html_raw(b, "</strong></p>");
		rules_list(b, forced);
		html_raw(b, "<p class=\"small\">");
		html_text(b, _("Reason:"));
		html_raw(b, " ");
		html_text(b, reason ? reason : _("No reason given"));
		html_raw(b, "</p>");
	}
	changes(b, before, after);
	html_raw(b, "</details></td></tr>");
}

static void
audit_page(struct api_ctx *ctx)
{
	static const char *const names[] = {
	    "entity", "entity_id", "actor", "from", "to", "forced", NULL};
	const char *cursor = api_query(ctx, "cursor");
	const char *entity = api_query(ctx, "entity");
	const char *forced = api_query(ctx, "forced");
	const char *bad_field = NULL, *bad_message = NULL;
	char csrf[USERS_CSRF_LEN], *q, *filters, limit[32];
	struct sbuf b = {0};
	json_t *r, *rows, *row;
	const char *next;
	int st;
	size_t i;

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	snprintf(limit, sizeof(limit), "limit=%d", PAGE_SIZE);
	filters = query_of(ctx, names, NULL);
	if (cursor != NULL && cursor[0] != '\0') {
		struct sbuf x = {0};
		html_raw(&x, limit);
		html_raw(&x, "&cursor=");
		html_url_part(&x, cursor);
		sbuf_add(&x, "", 0);
		q = query_of(ctx, names, x.s);
		sbuf_release(&x);
	} else
		q = query_of(ctx, names, limit);
	r = api_call(
	    ctx, api_audit_routes, API_GET, "/api/v1/audit", q, NULL, &st);
	free(q);
	if (st == 400) {
		json_t *e = json_object_get(r, "error");
		bad_field = json_string_value(json_object_get(e, "field"));
		bad_message = json_string_value(json_object_get(e, "message"));
	} else if (st != 200) {
		free(filters);
		web_api_error(ctx, st, r);
		json_decref(r);
		return;
	}
	web_topbar_at(&b, ctx, csrf, "audit");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\"><h1 "
	    "class=\"week-title\" id=\"audit-title\">");
	html_text(&b, _("Audit log"));
	html_raw(&b,
	    "</h1></div><form class=\"filters audit-filters\" method=\"get\" "
	    "action=\"/audit\" id=\"audit-filter\" aria-label=\"");
	html_attr(&b, _("Filter the audit log"));
	html_raw(&b,
	    "\"><div class=\"field\"><label class=\"label\" "
	    "for=\"audit-entity\">");
	html_text(&b, _("What"));
	html_raw(&b,
	    "</label><select class=\"select input-small\" "
	    "id=\"audit-entity\" name=\"entity\"");
	if (bad_field != NULL && strcmp(bad_field, "entity") == 0)
		html_raw(&b, " aria-invalid=\"true\"");
	html_raw(&b, "><option value=\"\">");
	html_text(&b, _("Everything"));
	html_raw(&b, "</option>");
	for (i = 0; i < sizeof(entities) / sizeof(entities[0]); i++) {
		html_raw(&b, "<option value=\"");
		html_raw(&b, entities[i].entity);
		html_raw(&b, "\"");
		if (entity != NULL && strcmp(entity, entities[i].entity) == 0)
			html_raw(&b, " selected");
		html_raw(&b, ">");
		html_text(&b, _(entities[i].label));
		html_raw(&b, "</option>");
	}
	html_raw(&b, "</select></div>");
	filter_input(&b, ctx, "audit-entity-id", "entity_id", _("Id or login"),
	    "text", bad_field, bad_message);
	filter_input(&b, ctx, "audit-actor", "actor", _("Who (login)"), "text",
	    bad_field, bad_message);
	filter_input(&b, ctx, "audit-from", "from", _("From"), "date",
	    bad_field, bad_message);
	filter_input(
	    &b, ctx, "audit-to", "to", _("To"), "date", bad_field, bad_message);
	html_raw(&b,
	    "<div class=\"filter filter-check\"><input "
	    "type=\"checkbox\" class=\"checkbox\" id=\"audit-forced\" "
	    "name=\"forced\" value=\"true\"");
	if (forced != NULL && strcmp(forced, "true") == 0)
		html_raw(&b, " checked");
	html_raw(&b, "><label for=\"audit-forced\">");
	html_text(&b, _("Only forced changes"));
	html_raw(&b,
	    "</label></div><button class=\"btn btn-small\" "
	    "type=\"submit\" id=\"audit-show\">");
	html_text(&b, _("Filter"));
	html_raw(&b, "</button></form>");
	if (bad_field != NULL &&
	    (strcmp(bad_field, "entity") == 0 ||
	        strcmp(bad_field, "forced") == 0 ||
	        strcmp(bad_field, "cursor") == 0 ||
	        strcmp(bad_field, "limit") == 0)) {
		html_raw(&b,
		    "<p class=\"form-error\" role=\"alert\" "
		    "id=\"audit-error\">");
		html_text(&b, bad_message);
		html_raw(&b, "</p>");
	}
	rows = json_object_get(r, "audit");
	if (st != 200) {
		/* The message is at its field. */
	} else if (json_array_size(rows) == 0) {
		html_raw(
		    &b, "<p class=\"state state-empty\" id=\"audit-table\">");
		html_text(&b, _("No changes match the filters."));
		html_raw(&b, "</p>");
	} else {
		char n[16];
		snprintf(n, sizeof(n), "%zu", json_array_size(rows));
		html_raw(&b, "<p class=\"summary\" id=\"audit-count\">");
		web_textv(&b, _("Rows: {n}"), "n", n, NULL);
		html_raw(&b,
		    "</p><div class=\"table-scroll\"><table class=\"data-table "
		    "audit\" id=\"audit-table\"><caption class=\"sr-only\">");
		html_text(&b, _("The audit log, newest first"));
		html_raw(&b, "</caption><thead><tr><th scope=\"col\">");
		html_text(&b, _("When"));
		html_raw(&b, "</th><th scope=\"col\">");
		html_text(&b, _("Who"));
		html_raw(&b, "</th><th scope=\"col\">");
		html_text(&b, _("What"));
		html_raw(&b, "</th><th scope=\"col\">");
		html_text(&b, _("Which"));
		html_raw(&b, "</th><th scope=\"col\">");
		html_text(&b, _("Details"));
		html_raw(&b, "</th></tr></thead><tbody>");
		json_array_foreach(rows, i, row) audit_row(&b, row);
		html_raw(&b, "</tbody></table></div>");
	}
	next = json_string_value(json_object_get(r, "next_cursor"));
	if (st == 200 && next != NULL) {
		html_raw(&b,
		    "<p><a class=\"btn\" id=\"audit-more\" "
		    "href=\"/audit?");
		html_attr(&b, filters);
		if (filters[0] != '\0')
			html_raw(&b, "&amp;");
		html_raw(&b, "cursor=");
		html_url_part(&b, next);
		html_raw(&b, "\">");
		html_text(&b, _("Show older"));
		html_raw(&b, "</a></p>");
	}
	html_raw(&b, "</main>");
	free(filters);
	json_decref(r);
	web_send(ctx, st == 200 ? 200 : st, _("Audit log"), &b, false);
	sbuf_release(&b);
}

const struct api_route web_admin_routes[] = {
    {API_GET | API_HEAD, "/violations", violations_page, API_PAGE},
    {API_GET | API_HEAD, "/audit", audit_page, API_PAGE},
    {0, NULL, NULL, 0},
};
