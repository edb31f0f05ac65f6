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
	web_topbar_at(&b, ctx, csrf, "plan");
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

/*
 * The preview is paged so that one page stays within the app's budget
 * of 150 KB (issue 19) at any size of plan: the homes' groups, then the
 * rows of the youths' table, are cut into pages of at most
 * PREVIEW_PAGE_BYTES of markup each (a group or row is never split), and
 * ?page=N shows the N-th.  Each change and each open position is listed
 * once: at its home (the added and removed visits one row per visit with
 * the youths' first names, the open positions first, each with its
 * reason); the youths' table only counts them.
 */
#define PREVIEW_PAGE_BYTES (96 * 1024)

/* Items sorted by `key`, then start, then slot (borrowed items). */
static const char *sort_key;

static int
str_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static const char *
item_str(json_t *item, const char *key)
{
	return json_string_value(json_object_get(item, key));
}

static int
by_key(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	int c = str_cmp(item_str(a, sort_key), item_str(b, sort_key));

	if (c == 0)
		c = str_cmp(item_str(a, "start"), item_str(b, "start"));
	if (c == 0)
		c = str_cmp(item_str(a, "slot"), item_str(b, "slot"));
	return c;
}

static json_t **
sorted(json_t *list, const char *key, size_t *n)
{
	json_t **v = xcalloc(json_array_size(list) + 1, sizeof(*v));

	*n = json_array_size(list);
	for (size_t i = 0; i < *n; i++)
		v[i] = json_array_get(list, i);
	sort_key = key;
	qsort(v, *n, sizeof(*v), by_key);
	return v;
}

/* The run [*lo, *hi) of the items (sorted by key) whose key is value. */
static void
range_of(json_t **v, size_t n, const char *key, const char *value, size_t *lo,
    size_t *hi)
{
	size_t a = 0, b = n;

	while (a < b) {
		size_t m = a + (b - a) / 2;
		if (str_cmp(item_str(v[m], key), value) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	while (a < n && str_cmp(item_str(v[a], key), value) == 0)
		a++;
	*hi = a;
}

/* The minutes of an item (its end minus its start). */
static int64_t
item_minutes(json_t *item)
{
	int64_t t0, t1;

	if (civil_parse_datetime(item_str(item, "start"), &t0) != 0 ||
	    civil_parse_datetime(item_str(item, "end"), &t1) != 0)
		return 0;
	return t1 > t0 ? t1 - t0 : 0;
}

/* "man. 4.1. 16:00-18:00" of an item, without markup. */
static void
when_text(struct sbuf *b, json_t *item)
{
	char d[TEXTFMT_MAX];
	int64_t t0, t1;

	if (civil_parse_datetime(item_str(item, "start"), &t0) != 0)
		return;
	if (civil_parse_datetime(item_str(item, "end"), &t1) != 0)
		t1 = t0;
	html_text(b, textfmt_date_short(civil_wall_date(t0), d, sizeof(d)));
	html_textf(b, " %02d:%02d\xe2\x80\x93%02d:%02d",
	    civil_wall_minute(t0) / 60, civil_wall_minute(t0) % 60,
	    civil_wall_minute(t1) / 60, civil_wall_minute(t1) % 60);
}

/*
 * The changes [lo, hi) of one home, one row per visit: "man. 8.2.
 * 15:30-17:30: Lucas, Ida" (the plain markup keeps a city's four weeks,
 * some 500 visits, on one page).
 */
static void
home_changes(struct sbuf *b, json_t **v, size_t lo, size_t hi, bool add)
{
	if (lo == hi)
		return;
	html_raw(b, "<h5 class=\"plan-sub\">");
	html_text(b, add ? _("Added") : _("Removed"));
	html_raw(b,
	    add ? "</h5><ul class=\"plain-list plan-list plan-added\">"
	        : "</h5><ul class=\"plain-list plan-list plan-removed\">");
	for (size_t i = lo; i < hi;) {
		size_t k = i;
		html_raw(b, "<li>");
		when_text(b, v[i]);
		html_raw(b, ": ");
		for (; i < hi &&
		     str_cmp(item_str(v[i], "slot"), item_str(v[k], "slot")) ==
		         0;
		     i++) {
			if (i > k)
				html_raw(b, ", ");
			html_text(b, item_str(v[i], "name"));
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

/* One home's group: its open positions, then what is added, removed. */
static void
home_group(struct sbuf *b, const struct model_home *home, json_t **sa,
    size_t na, json_t **sr, size_t nr, json_t **so, size_t no)
{
	size_t alo, ahi, rlo, rhi, olo, ohi, missing = 0;
	char n[16], m[16], k[16];

	range_of(sa, na, "home", home->id, &alo, &ahi);
	range_of(sr, nr, "home", home->id, &rlo, &rhi);
	range_of(so, no, "home", home->id, &olo, &ohi);
	if (alo == ahi && rlo == rhi && olo == ohi)
		return;
	for (size_t i = olo; i < ohi; i++) {
		json_int_t x =
		    json_integer_value(json_object_get(so[i], "missing"));
		missing += x > 0 ? (size_t)x : 1;
	}
	html_raw(b, "<div class=\"plan-group\" data-home=\"");
	html_attr(b, home->id);
	html_raw(b, "\"><h4 class=\"plan-group-title\">");
	html_text(b, home->name);
	html_raw(b, "</h4><p class=\"plan-counts\">");
	snprintf(n, sizeof(n), "%zu", ahi - alo);
	snprintf(m, sizeof(m), "%zu", rhi - rlo);
	snprintf(k, sizeof(k), "%zu", missing);
	web_textv(b, _("{n} added, {m} removed, {k} open"), "n", n, "m", m, "k",
	    k, NULL);
	html_raw(b, "</p>");
	if (olo < ohi) {
		html_raw(b, "<h5 class=\"plan-sub\">");
		html_text(b, _("Open positions"));
		html_raw(b, "</h5><ul class=\"plain-list plan-list\">");
		for (size_t i = olo; i < ohi; i++) {
			const char *slot = item_str(so[i], "slot");
			html_raw(b, "<li class=\"plan-open\" data-slot=\"");
			html_attr(b, slot ? slot : "");
			html_raw(b, "\">");
			open_badge(b, so[i]);
			html_raw(b, " ");
			when(b, so[i]);
			html_raw(b, "<div class=\"plan-reason\">");
			html_text(b, item_str(so[i], "reason"));
			html_raw(b, "</div></li>");
		}
		html_raw(b, "</ul>");
	}
	home_changes(b, sa, alo, ahi, true);
	home_changes(b, sr, rlo, rhi, false);
	html_raw(b, "</div>");
}

/* One youth's row: visits added, removed, the hours added. */
static void
youth_row(struct sbuf *b, const struct model_youth *y, json_t **ya, size_t na,
    json_t **yr, size_t nr)
{
	size_t alo, ahi, rlo, rhi;
	int64_t minutes = 0;

	range_of(ya, na, "youth", y->id, &alo, &ahi);
	range_of(yr, nr, "youth", y->id, &rlo, &rhi);
	if (alo == ahi && rlo == rhi)
		return;
	for (size_t i = alo; i < ahi; i++)
		minutes += item_minutes(ya[i]);
	html_raw(b, "<tr data-youth=\"");
	html_attr(b, y->id);
	html_raw(b, "\"><th scope=\"row\">");
	web_first_name(b, y->name);
	sbuf_addf(b, "</th><td>%zu</td><td>%zu</td><td>", ahi - alo, rhi - rlo);
	web_hours_text(b, minutes);
	html_raw(b, "</td></tr>");
}

/* The pieces of the preview to page: each home's group, each youth's row. */
struct piece {
	struct sbuf html;
	bool youth;
	size_t page;
};

static void
pager(struct sbuf *b, const char *run, size_t page, size_t npages)
{
	char n[16], m[16];

	if (npages <= 1)
		return;
	html_raw(b, "<nav class=\"button-row plan-pager\" aria-label=\"");
	html_attr(b, _("Pages of the preview"));
	html_raw(b, "\">");
	if (page > 1) {
		html_raw(
		    b, "<a class=\"btn btn-small\" rel=\"prev\" href=\"/plan/");
		html_url_part(b, run);
		sbuf_addf(b, "?page=%zu\">", page - 1);
		html_text(b, _("Previous page"));
		html_raw(b, "</a>");
	}
	snprintf(n, sizeof(n), "%zu", page);
	snprintf(m, sizeof(m), "%zu", npages);
	html_raw(b, "<span class=\"plan-page\">");
	web_textv(b, _("Page {n} of {m}"), "n", n, "m", m, NULL);
	html_raw(b, "</span>");
	if (page < npages) {
		html_raw(
		    b, "<a class=\"btn btn-small\" rel=\"next\" href=\"/plan/");
		html_url_part(b, run);
		sbuf_addf(b, "?page=%zu\">", page + 1);
		html_text(b, _("Next page"));
		html_raw(b, "</a>");
	}
	html_raw(b, "</nav>");
}

static void
preview(struct sbuf *b, const struct model_instance *inst, json_t *res,
    const char *run, const char *csrf, const char *page_arg)
{
	json_t *added = json_object_get(res, "assigned");
	json_t *removed = json_object_get(res, "removed");
	json_t *open = json_object_get(res, "unfilled");
	size_t na, nr, no, i, missing = 0, open_homes = 0, npieces = 0;
	size_t page = 1, npages = 1, used = 0;
	json_t **sa = sorted(added, "home", &na),
	       **sr = sorted(removed, "home", &nr);
	json_t **so = sorted(open, "home", &no);
	json_t **ya = sorted(added, "youth", &na),
	       **yr = sorted(removed, "youth", &nr);
	bool nothing = na == 0 && nr == 0, any_home = false, any_youth = false;
	struct piece *pieces =
	    xcalloc(inst->nhomes + inst->nyouths + 1, sizeof(*pieces));
	char n[16], m[16];

	for (i = 0; i < no; i++) {
		json_int_t x =
		    json_integer_value(json_object_get(so[i], "missing"));
		missing += x > 0 ? (size_t)x : 1;
		if (i == 0 ||
		    str_cmp(item_str(so[i], "home"),
		        item_str(so[i - 1], "home")) != 0)
			open_homes++;
	}
	/* The pieces, in the instance's order of homes, then of youths. */
	for (size_t h = 0; h < inst->nhomes; h++) {
		struct piece *p = &pieces[npieces];
		home_group(&p->html, &inst->homes[h], sa, na, sr, nr, so, no);
		if (p->html.len > 0)
			npieces++;
	}
	for (size_t y = 0; y < inst->nyouths; y++) {
		struct piece *p = &pieces[npieces];
		youth_row(&p->html, &inst->youths[y], ya, na, yr, nr);
		p->youth = true;
		if (p->html.len > 0)
			npieces++;
	}
	for (i = 0; i < npieces; i++) {
		if (used > 0 &&
		    used + pieces[i].html.len > PREVIEW_PAGE_BYTES) {
			npages++;
			used = 0;
		}
		used += pieces[i].html.len;
		pieces[i].page = npages;
	}
	if (page_arg != NULL) {
		char *end;
		long p = strtol(page_arg, &end, 10);
		if (*end == '\0' && p >= 1)
			page = (size_t)p > npages ? npages : (size_t)p;
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
	html_raw(b, "</span> <span id=\"plan-unfilled\"");
	if (no > 0)
		html_raw(b, " class=\"summary-open\"");
	html_raw(b, ">");
	snprintf(n, sizeof(n), "%zu", missing);
	snprintf(m, sizeof(m), "%zu", open_homes);
	if (no > 0)
		web_textv(b, _("Open positions: {n} at {m} homes"), "n", n, "m",
		    m, NULL);
	else
		html_text(b, _("Every position is filled."));
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
	html_raw(b, "</button></form></div>");
	pager(b, run, page, npages);
	html_raw(b,
	    "<div class=\"plan-columns\"><div class=\"plan-col\" "
	    "id=\"plan-homes\"><h3 class=\"section-title\">");
	html_text(b, _("Per home"));
	html_raw(b, "</h3>");
	for (i = 0; i < npieces; i++)
		if (!pieces[i].youth && pieces[i].page == page) {
			sbuf_add(b, pieces[i].html.s, pieces[i].html.len);
			any_home = true;
		}
	if (!any_home) {
		html_raw(b, "<p class=\"muted\">");
		html_text(b,
		    npieces > 0 && !pieces[0].youth
		        ? _("The homes are on the pages before.")
		        : _("No visits in the period."));
		html_raw(b, "</p>");
	}
	html_raw(b,
	    "</div><div class=\"plan-col\" id=\"plan-youths\"><h3 "
	    "class=\"section-title\">");
	html_text(b, _("Per youth"));
	html_raw(b, "</h3>");
	for (i = 0; i < npieces && !any_youth; i++)
		any_youth = pieces[i].youth && pieces[i].page == page;
	if (any_youth) {
		html_raw(b,
		    "<table class=\"report plan-youth-table\"><thead><tr>"
		    "<th scope=\"col\">");
		html_text(b, _("Youth"));
		html_raw(b, "</th><th scope=\"col\">");
		html_text(b, _("Added"));
		html_raw(b, "</th><th scope=\"col\">");
		html_text(b, _("Removed"));
		html_raw(b, "</th><th scope=\"col\">");
		html_text(b, _("Hours added"));
		html_raw(b, "</th></tr></thead><tbody>");
		for (i = 0; i < npieces; i++)
			if (pieces[i].youth && pieces[i].page == page)
				sbuf_add(
				    b, pieces[i].html.s, pieces[i].html.len);
		html_raw(b, "</tbody></table>");
	} else {
		html_raw(b, "<p class=\"muted\">");
		html_text(b,
		    nothing ? _("Nobody gets a new visit.")
		            : _("The youths are on the pages after."));
		html_raw(b, "</p>");
	}
	html_raw(b, "</div></div>");
	pager(b, run, page, npages);
	html_raw(b, "</section>");
	for (i = 0; i <= npieces; i++) /* [npieces]: an empty one, or none */
		sbuf_release(&pieces[i].html);
	free(pieces);
	free(sa);
	free(sr);
	free(so);
	free(ya);
	free(yr);
}

static void
run_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	char csrf[USERS_CSRF_LEN];
	struct rotad_error err;
	struct sbuf b = {0};
	const char *state, *page_arg;
	json_t *r;
	int st;

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return;
	}
	page_arg = api_query(ctx, "page");
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
	web_topbar_at(&b, ctx, csrf, "plan");
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
		    csrf, page_arg);
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
	web_topbar_at(&b, ctx, csrf, "plan");
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
