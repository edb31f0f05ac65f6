/* SPDX-License-Identifier: ISC */
/*
 * This file contains "plan a period" without JavaScript (issue 19, screen
 * 4; "Without JavaScript" in docs/web.md):
 *
 *   GET  /plan                 the form: from, to, homes, seconds
 *   POST /plan                 starts a dry run that answers at once
 *                              (POST /api/v1/schedule, "dry_run": true,
 *                              "wait": false), 303 to its page
 *   GET  /plan/{run}           its progress (a Refresh header reloads it
 *                              every second, and a link does it by hand),
 *                              then the preview: per home and per youth
 *                              the visits added and removed, every open
 *                              position with its reason
 *   POST /plan/{run}/apply     writes exactly that preview
 *   POST /plan/{run}/discard   drops it (DELETE /api/v1/schedule/{run})
 *
 * Every call is the API's own (api_call()): its checks, its owner rule
 * (another person's run is 404), its audit row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "access.h"
#include "api.h"
#include "civil.h"
#include "form.h"
#include "html.h"
#include "model.h"
#include "textfmt.h"
#include "users.h"
#include "web_page.h"
#include "xmalloc.h"

#define DEFAULT_SECONDS "5"

/* What the form shows again after a refusal. */
struct plan_form {
	const char *from, *to, *home, *seconds;
	const char *field;   /* the field the error is about, or NULL */
	const char *message; /* the error, or NULL */
};

static void
field_start(struct sbuf *b, const char *id, const char *label)
{
	html_raw(b, "<div class=\"plan-field\"><label class=\"label\" for=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label>");
}

/* aria-invalid and the message id when the error is about `name`. */
static void
field_error_attrs(struct sbuf *b, const struct plan_form *pf, const char *name)
{
	if (pf->field != NULL && strcmp(pf->field, name) == 0)
		html_raw(b,
		    " aria-invalid=\"true\" "
		    "aria-describedby=\"plan-error\"");
}

static void
input(struct sbuf *b, const struct plan_form *pf, const char *id,
    const char *name, const char *type, const char *value, const char *extra)
{
	html_raw(b, "<input class=\"input\" id=\"");
	html_attr(b, id);
	html_raw(b, "\" name=\"");
	html_attr(b, name);
	html_raw(b, "\" type=\"");
	html_attr(b, type);
	html_raw(b, "\" value=\"");
	html_attr(b, value ? value : "");
	html_raw(b, "\"");
	html_raw(b, extra);
	field_error_attrs(b, pf, name);
	html_raw(b, "></div>");
}

static void
form_page(struct api_ctx *ctx, const char *csrf, const struct plan_form *pf,
    int status)
{
	const struct model_instance *inst;
	struct rotad_error err;
	struct sbuf b = {0};
	char d0[CIVIL_DATE_LEN], d1[CIVIL_DATE_LEN];
	int32_t monday;

	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return;
	}
	/* Next week, Monday to Sunday, as the app. */
	monday = civil_week_monday(web_today(inst)) + 7;
	civil_format_date(monday, d0);
	civil_format_date(monday + 6, d1);
	web_topbar_at(&b, ctx->who, csrf, "plan");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\"><h1 "
	    "class=\"week-title\" id=\"plan-title\">");
	html_text(&b, _("Plan a period"));
	html_raw(&b, "</h1></div><p class=\"lead\">");
	html_text(&b,
	    _("rota fills the open positions in the period and keeps every "
	      "labour-law limit. Nothing is saved until you apply the "
	      "preview."));
	html_raw(&b,
	    "</p><form class=\"plan-form\" id=\"plan-form\" method=\"post\" "
	    "action=\"/plan\">");
	web_csrf_field(&b, csrf);
	html_raw(&b, "<div class=\"plan-fields\">");
	field_start(&b, "plan-from", _("From"));
	input(&b, pf, "plan-from", "from", "date", pf->from ? pf->from : d0,
	    " required");
	field_start(&b, "plan-to", _("To"));
	input(
	    &b, pf, "plan-to", "to", "date", pf->to ? pf->to : d1, " required");
	field_start(&b, "plan-home", _("Homes"));
	html_raw(&b,
	    "<select class=\"select input\" id=\"plan-home\" "
	    "name=\"home\"");
	field_error_attrs(&b, pf, "home");
	html_raw(&b, "><option value=\"\">");
	html_text(&b, _("All my homes"));
	html_raw(&b, "</option>");
	for (size_t h = 0; h < inst->nhomes; h++) {
		if (!user_in_scope(ctx->who, inst->homes[h].id))
			continue;
		html_raw(&b, "<option value=\"");
		html_attr(&b, inst->homes[h].id);
		html_raw(&b, "\"");
		if (pf->home != NULL &&
		    strcmp(pf->home, inst->homes[h].id) == 0)
			html_raw(&b, " selected");
		html_raw(&b, ">");
		html_text(&b, inst->homes[h].name);
		html_raw(&b, "</option>");
	}
	html_raw(&b, "</select></div>");
	field_start(&b, "plan-secs", _("Seconds to plan"));
	input(&b, pf, "plan-secs", "seconds", "number",
	    pf->seconds ? pf->seconds : DEFAULT_SECONDS,
	    " min=\"1\" max=\"60\" step=\"1\" inputmode=\"numeric\"");
	html_raw(&b, "</div>");
	if (pf->message != NULL) {
		html_raw(&b,
		    "<p class=\"form-error\" role=\"alert\" "
		    "id=\"plan-error\">");
		html_text(&b, pf->message);
		html_raw(&b, "</p>");
	}
	html_raw(&b,
	    "<div class=\"button-row\"><button class=\"btn "
	    "btn-primary\" type=\"submit\" id=\"plan-run\">");
	html_text(&b, _("Run the planner"));
	html_raw(&b, "</button></div></form></main>");
	web_send(ctx, status, _("Plan a period"), &b, false);
	sbuf_release(&b);
}

static void
plan_get(struct api_ctx *ctx)
{
	struct plan_form pf = {0};
	char csrf[USERS_CSRF_LEN];

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	form_page(ctx, csrf, &pf, 200);
}

static void
plan_post(struct api_ctx *ctx)
{
	struct plan_form pf = {0};
	char csrf[USERS_CSRF_LEN], *loc, *end;
	struct form f;
	json_t *body, *r;
	int st;
	long secs;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	pf.from = form_get(&f, "from");
	pf.to = form_get(&f, "to");
	pf.home = form_get(&f, "home");
	pf.seconds = form_get(&f, "seconds");
	if (pf.from == NULL || pf.from[0] == '\0') {
		pf.field = "from";
		pf.message = _("Give the first day of the period.");
		form_page(ctx, csrf, &pf, 400);
		goto done;
	}
	secs = pf.seconds && pf.seconds[0] ? strtol(pf.seconds, &end, 10) : 5;
	if (pf.seconds && pf.seconds[0] &&
	    (*end != '\0' || secs < 1 || secs > 60)) {
		pf.field = "seconds";
		pf.message = _("Give from 1 to 60 seconds.");
		form_page(ctx, csrf, &pf, 400);
		goto done;
	}
	body = json_pack("{s:s, s:s?, s:b, s:b, s:I}", "from", pf.from, "to",
	    pf.to && pf.to[0] ? pf.to : NULL, "dry_run", 1, "wait", 0,
	    "seconds", (json_int_t)secs);
	if (pf.home != NULL && pf.home[0] != '\0')
		json_object_set_new(body, "home", json_string(pf.home));
	r = api_call(ctx, api_schedule_routes, API_POST, "/api/v1/schedule",
	    NULL, body, &st);
	json_decref(body);
	if (st == 202) {
		struct sbuf b = {0};
		html_raw(&b, "/plan/");
		html_url_part(&b, json_string_value(json_object_get(r, "run")));
		loc = sbuf_take(&b);
		web_redirect(ctx, loc);
		free(loc);
	} else {
		json_t *e = json_object_get(r, "error");
		pf.field = json_string_value(json_object_get(e, "field"));
		pf.message = json_string_value(json_object_get(e, "message"));
		if (pf.message == NULL)
			pf.message = _("The planner failed. Try again.");
		form_page(ctx, csrf, &pf, st >= 400 ? st : 500);
	}
	json_decref(r);
done:
	form_release(&f);
}

/* "man. 4.1. 16:00-18:00" of an item's start and end. */
static void
when(struct sbuf *b, json_t *item)
{
	const char *s = json_string_value(json_object_get(item, "start"));
	const char *e = json_string_value(json_object_get(item, "end"));
	char d[TEXTFMT_MAX];
	int64_t t0, t1;

	if (s == NULL || civil_parse_datetime(s, &t0) != 0)
		return;
	if (e == NULL || civil_parse_datetime(e, &t1) != 0)
		t1 = t0;
	html_raw(b, "<span class=\"plan-when\">");
	html_text(b, textfmt_date_short(civil_wall_date(t0), d, sizeof(d)));
	html_textf(b, " %02d:%02d\xe2\x80\x93%02d:%02d",
	    civil_wall_minute(t0) / 60, civil_wall_minute(t0) % 60,
	    civil_wall_minute(t1) / 60, civil_wall_minute(t1) % 60);
	html_raw(b, "</span>");
}

static const char *
home_name(const struct model_instance *inst, const char *id)
{
	long h = id ? model_find_home(inst, id) : -1;

	return h >= 0 ? inst->homes[h].name : (id ? id : "");
}

static void
change(struct sbuf *b, json_t *a, bool add, const char *who)
{
	html_raw(b,
	    add ? "<li class=\"plan-change plan-add\">"
	        : "<li class=\"plan-change plan-remove\">");
	html_raw(b, "<span class=\"plan-sign\" aria-hidden=\"true\">");
	html_raw(b, add ? "+" : "\xe2\x88\x92");
	html_raw(b, "</span><span class=\"sr-only\">");
	html_text(b, add ? _("Added:") : _("Removed:"));
	html_raw(b, "</span>");
	when(b, a);
	html_raw(b, " <span class=\"plan-who\">");
	html_text(b, who);
	html_raw(b, "</span></li>");
}

static void
open_badge(struct sbuf *b, json_t *u)
{
	char n[16];

	snprintf(n, sizeof(n), "%lld",
	    (long long)json_integer_value(json_object_get(u, "missing")));
	html_raw(b, "<span class=\"badge badge-open\">");
	web_textv(b, _("{n} open"), "n", n, NULL);
	html_raw(b, "</span>");
}

/* Items sorted by start (a copy of the array, borrowed items). */
static int
by_start(const void *pa, const void *pb)
{
	const char *a =
	    json_string_value(json_object_get(*(json_t *const *)pa, "start"));
	const char *b =
	    json_string_value(json_object_get(*(json_t *const *)pb, "start"));

	return strcmp(a ? a : "", b ? b : "");
}

static json_t **
sorted(json_t *list, size_t *n)
{
	json_t **v = xcalloc(json_array_size(list) + 1, sizeof(*v));

	*n = json_array_size(list);
	for (size_t i = 0; i < *n; i++)
		v[i] = json_array_get(list, i);
	qsort(v, *n, sizeof(*v), by_start);
	return v;
}

static bool
same(json_t *item, const char *key, const char *value)
{
	const char *v = json_string_value(json_object_get(item, key));

	return v != NULL && strcmp(v, value) == 0;
}

static void
preview(struct sbuf *b, const struct model_instance *inst, json_t *res,
    const char *run, const char *csrf)
{
	json_t *added = json_object_get(res, "assigned");
	json_t *removed = json_object_get(res, "removed");
	json_t *open = json_object_get(res, "unfilled");
	size_t na, nr, no, i, k, missing = 0;
	json_t **sa = sorted(added, &na), **sr = sorted(removed, &nr);
	json_t **so = sorted(open, &no);
	bool nothing = na == 0 && nr == 0;
	char n[16];

	for (i = 0; i < no; i++) {
		json_int_t m =
		    json_integer_value(json_object_get(so[i], "missing"));
		missing += m > 0 ? (size_t)m : 1;
	}
	html_raw(b,
	    "<section class=\"plan-preview\" "
	    "aria-labelledby=\"plan-preview-title\"><h2 class=\"sub-title\" "
	    "id=\"plan-preview-title\">");
	html_text(b, _("Preview"));
	html_raw(b, "</h2><p class=\"summary\" id=\"plan-summary\"><span>");
	snprintf(n, sizeof(n), "%zu", na);
	web_textv(b, _("Visits to add: {n}"), "n", n, NULL);
	html_raw(b, "</span> <span>");
	snprintf(n, sizeof(n), "%zu", nr);
	web_textv(b, _("To remove: {n}"), "n", n, NULL);
	html_raw(b, "</span> <span");
	if (no > 0)
		html_raw(b, " class=\"summary-open\"");
	html_raw(b, ">");
	snprintf(n, sizeof(n), "%zu", missing);
	web_textv(b, _("Open positions: {n}"), "n", n, NULL);
	html_raw(b, "</span></p>");
	if (nothing) {
		html_raw(b, "<p class=\"notice notice-info\">");
		html_text(b,
		    _("The planner found nothing to change in this period."));
		html_raw(b, "</p>");
	}
	html_raw(b, "<div class=\"button-row plan-actions\">");
	if (!nothing) {
		html_raw(b,
		    "<form method=\"post\" class=\"inline-form\" "
		    "action=\"/plan/");
		html_url_part(b, run);
		html_raw(b, "/apply\">");
		web_csrf_field(b, csrf);
		html_raw(b,
		    "<button class=\"btn btn-primary\" type=\"submit\" "
		    "id=\"plan-apply\">");
		html_text(b, _("Apply the plan"));
		html_raw(b, "</button></form>");
	}
	html_raw(b,
	    "<form method=\"post\" class=\"inline-form\" "
	    "action=\"/plan/");
	html_url_part(b, run);
	html_raw(b, "/discard\">");
	web_csrf_field(b, csrf);
	html_raw(b,
	    "<button class=\"btn\" type=\"submit\" "
	    "id=\"plan-discard\">");
	html_text(b, _("Discard"));
	html_raw(b,
	    "</button></form></div><div class=\"plan-columns\">"
	    "<div class=\"plan-col\" id=\"plan-homes\"><h3 "
	    "class=\"section-title\">");
	html_text(b, _("Per home"));
	html_raw(b, "</h3>");
	if (na + nr + no == 0) {
		html_raw(b, "<p class=\"muted\">");
		html_text(b, _("No visits in the period."));
		html_raw(b, "</p>");
	}
	/* Per home, in the instance's order of homes. */
	for (size_t h = 0; h < inst->nhomes; h++) {
		const char *id = inst->homes[h].id;
		bool any = false;
		for (i = 0; i < na && !any; i++)
			any = same(sa[i], "home", id);
		for (i = 0; i < nr && !any; i++)
			any = same(sr[i], "home", id);
		for (i = 0; i < no && !any; i++)
			any = same(so[i], "home", id);
		if (!any)
			continue;
		html_raw(b, "<div class=\"plan-group\" data-home=\"");
		html_attr(b, id);
		html_raw(b, "\"><h4 class=\"plan-group-title\">");
		html_text(b, inst->homes[h].name);
		html_raw(b, "</h4><ul class=\"plain-list\">");
		for (i = 0; i < na; i++)
			if (same(sa[i], "home", id))
				change(b, sa[i], true,
				    json_string_value(
				        json_object_get(sa[i], "name")));
		for (i = 0; i < nr; i++)
			if (same(sr[i], "home", id))
				change(b, sr[i], false,
				    json_string_value(
				        json_object_get(sr[i], "name")));
		for (i = 0; i < no; i++) {
			if (!same(so[i], "home", id))
				continue;
			html_raw(b, "<li class=\"plan-open\">");
			open_badge(b, so[i]);
			html_raw(b, " ");
			when(b, so[i]);
			html_raw(b, " <span class=\"plan-reason\">");
			html_text(b,
			    json_string_value(
			        json_object_get(so[i], "reason")));
			html_raw(b, "</span></li>");
		}
		html_raw(b, "</ul></div>");
	}
	html_raw(b,
	    "</div><div class=\"plan-col\" id=\"plan-youths\"><h3 "
	    "class=\"section-title\">");
	html_text(b, _("Per youth"));
	html_raw(b, "</h3>");
	if (nothing) {
		html_raw(b, "<p class=\"muted\">");
		html_text(b, _("Nobody gets a new visit."));
		html_raw(b, "</p>");
	}
	/* Per youth, in the instance's order (the first names only). */
	for (size_t y = 0; y < inst->nyouths; y++) {
		const char *id = inst->youths[y].id;
		bool any = false;
		for (i = 0; i < na && !any; i++)
			any = same(sa[i], "youth", id);
		for (i = 0; i < nr && !any; i++)
			any = same(sr[i], "youth", id);
		if (!any)
			continue;
		html_raw(b, "<div class=\"plan-group\" data-youth=\"");
		html_attr(b, id);
		html_raw(b, "\"><h4 class=\"plan-group-title\">");
		web_first_name(b, inst->youths[y].name);
		html_raw(b, "</h4><ul class=\"plain-list\">");
		for (k = 0; k < 2; k++) {
			json_t **v = k == 0 ? sa : sr;
			size_t m = k == 0 ? na : nr;
			for (i = 0; i < m; i++)
				if (same(v[i], "youth", id))
					change(b, v[i], k == 0,
					    home_name(inst,
					        json_string_value(
					            json_object_get(
					                v[i], "home"))));
		}
		html_raw(b, "</ul></div>");
	}
	html_raw(b,
	    "</div><div class=\"plan-col\"><h3 "
	    "class=\"section-title\">");
	html_text(b, _("Open positions"));
	html_raw(b, "</h3>");
	if (no == 0) {
		html_raw(b, "<p class=\"muted\">");
		html_text(b, _("Every position is filled."));
		html_raw(b, "</p>");
	}
	html_raw(b, "<ul class=\"plain-list\" id=\"plan-unfilled\">");
	for (i = 0; i < no; i++) {
		html_raw(b, "<li class=\"plan-open\">");
		when(b, so[i]);
		html_raw(b, " \xc2\xb7 ");
		html_text(b,
		    home_name(inst,
		        json_string_value(json_object_get(so[i], "home"))));
		html_raw(b, " \xc2\xb7 ");
		open_badge(b, so[i]);
		html_raw(b, "<div class=\"plan-reason\">");
		html_text(
		    b, json_string_value(json_object_get(so[i], "reason")));
		html_raw(b, "</div></li>");
	}
	html_raw(b, "</ul></div></div></section>");
	free(sa);
	free(sr);
	free(so);
}

static void
run_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	char csrf[USERS_CSRF_LEN];
	struct rotad_error err;
	struct sbuf b = {0};
	const char *state;
	json_t *r;
	int st;

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return;
	}
	r = api_call(ctx, api_schedule_routes, API_GET, "/api/v1/schedule/:id",
	    NULL, NULL, &st);
	if (st != 200) {
		web_api_error(ctx, st, r);
		json_decref(r);
		return;
	}
	state = json_string_value(json_object_get(r, "state"));
	if (state == NULL)
		state = "";
	web_topbar_at(&b, ctx->who, csrf, "plan");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\"><h1 "
	    "class=\"week-title\" id=\"plan-title\">");
	html_text(&b, _("Plan a period"));
	html_raw(&b, " <span class=\"week-range\">");
	html_text(&b, json_string_value(json_object_get(r, "from")));
	html_raw(&b, " \xe2\x80\x93 ");
	html_text(&b, json_string_value(json_object_get(r, "to")));
	html_raw(&b, "</span></h1></div><div id=\"plan-out\">");
	if (strcmp(state, "done") == 0) {
		preview(&b, inst, json_object_get(r, "result"), ctx->params[0],
		    csrf);
	} else if (strcmp(state, "failed") == 0) {
		const char *m = json_string_value(
		    json_object_get(json_object_get(r, "error"), "message"));
		html_raw(&b,
		    "<p class=\"notice notice-error\" role=\"alert\" "
		    "id=\"plan-error\">");
		html_text(&b, m ? m : _("The planner failed. Try again."));
		html_raw(&b, "</p><p><a class=\"btn\" href=\"/plan\">");
		html_text(&b, _("Plan a period"));
		html_raw(&b, "</a></p>");
	} else {
		double el = json_number_value(json_object_get(r, "elapsed"));
		double bu = json_number_value(json_object_get(r, "budget"));
		json_t *best = json_object_get(r, "best");
		long pct = bu > 0 ? (long)(100.0 * el / bu + 0.5) : 0;
		char n[16], m[16];
		struct sbuf secs = {0};

		if (pct > 100)
			pct = 100;
		snprintf(n, sizeof(n), "%.0f", el);
		snprintf(m, sizeof(m), "%.0f", bu);
		web_textv(&secs, _("{n} of {m} seconds"), "n", n, "m", m, NULL);
		sbuf_add(&secs, "", 0);
		/* Reloads itself (no script: an HTTP Refresh) until done. */
		api_add_header(ctx, "Refresh", "1");
		html_raw(&b,
		    "<section class=\"plan-running\" "
		    "aria-labelledby=\"plan-running-title\"><h2 "
		    "class=\"sub-title\" id=\"plan-running-title\">");
		html_text(&b, _("Planning..."));
		sbuf_addf(&b,
		    "</h2><progress id=\"plan-progress\" "
		    "class=\"plan-progress\" max=\"100\" value=\"%ld\" "
		    "aria-label=\"",
		    pct);
		html_attr(&b, _("Planning progress"));
		html_raw(&b, "\" aria-valuetext=\"");
		html_raw(&b, secs.s);
		html_raw(&b,
		    "\"></progress><p class=\"summary\" "
		    "id=\"plan-status\">");
		html_raw(&b, secs.s);
		if (json_is_object(best)) {
			char f[16], p[16];
			snprintf(f, sizeof(f), "%lld",
			    (long long)json_integer_value(
			        json_object_get(best, "filled")));
			snprintf(p, sizeof(p), "%lld",
			    (long long)json_integer_value(
			        json_object_get(best, "positions")));
			html_raw(&b, " <span>");
			web_textv(&b,
			    _("Best so far: {filled} of {positions} "
			      "positions filled"),
			    "filled", f, "positions", p, NULL);
			html_raw(&b, "</span>");
		}
		html_raw(&b,
		    "</p><div class=\"button-row\"><a class=\"btn\" "
		    "id=\"plan-refresh\" href=\"/plan/");
		html_url_part(&b, ctx->params[0]);
		html_raw(&b, "\">");
		html_text(&b, _("Refresh"));
		html_raw(&b,
		    "</a><form method=\"post\" class=\"inline-form\" "
		    "action=\"/plan/");
		html_url_part(&b, ctx->params[0]);
		html_raw(&b, "/discard\">");
		web_csrf_field(&b, csrf);
		html_raw(&b,
		    "<button class=\"btn\" type=\"submit\" "
		    "id=\"plan-stop\">");
		html_text(&b, _("Stop"));
		html_raw(&b, "</button></form></div></section>");
		sbuf_release(&secs);
	}
	html_raw(&b, "</div></main>");
	json_decref(r);
	web_send(ctx, 200, _("Plan a period"), &b, false);
	sbuf_release(&b);
}

static void
apply_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN], d[CIVIL_DATE_LEN], n[16], m[16];
	struct sbuf b = {0};
	struct form f;
	json_t *r;
	int st;
	int32_t from;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	r = api_call(ctx, api_schedule_routes, API_POST,
	    "/api/v1/schedule/:id/apply", NULL, NULL, &st);
	if (st != 200) {
		web_api_error(ctx, st, r);
		json_decref(r);
		goto done;
	}
	if (civil_parse_date(
	        json_string_value(json_object_get(r, "from")), &from) != 0)
		from = 0;
	civil_format_date(civil_week_monday(from), d);
	snprintf(n, sizeof(n), "%zu",
	    json_array_size(json_object_get(r, "assigned")));
	snprintf(m, sizeof(m), "%zu",
	    json_array_size(json_object_get(r, "removed")));
	web_topbar_at(&b, ctx->who, csrf, "plan");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\"><h1 "
	    "class=\"week-title\" id=\"plan-title\">");
	html_text(&b, _("Plan a period"));
	html_raw(&b,
	    "</h1></div><div class=\"notice notice-info\" "
	    "id=\"plan-applied\" role=\"status\"><p>");
	web_textv(&b, _("The plan is saved: {n} visits added, {m} removed."),
	    "n", n, "m", m, NULL);
	html_raw(&b,
	    "</p><a class=\"btn btn-secondary\" id=\"plan-board-link\" "
	    "href=\"/?week=");
	html_raw(&b, d);
	html_raw(&b, "\">");
	html_text(&b, _("Open the week on the board"));
	html_raw(&b, "</a></div></main>");
	json_decref(r);
	web_send(ctx, 200, _("Plan a period"), &b, false);
	sbuf_release(&b);
done:
	form_release(&f);
}

static void
discard_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct form f;
	json_t *r;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	r = api_call(ctx, api_schedule_routes, API_DELETE,
	    "/api/v1/schedule/:id", NULL, NULL, &st);
	if (st == 204 || st == 404)
		/* Gone either way (expired, or discarded in another tab). */
		web_redirect(ctx, "/plan");
	else
		web_api_error(ctx, st, r);
	json_decref(r);
done:
	form_release(&f);
}

const struct api_route web_plan_routes[] = {
    {API_GET | API_HEAD, "/plan", plan_get, API_PAGE},
    {API_POST, "/plan", plan_post, API_PAGE},
    {API_GET | API_HEAD, "/plan/:id", run_get, API_PAGE},
    {API_POST, "/plan/:id/apply", apply_post, API_PAGE},
    {API_POST, "/plan/:id/discard", discard_post, API_PAGE},
    {0, NULL, NULL, 0},
};
