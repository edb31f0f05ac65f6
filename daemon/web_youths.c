/* SPDX-License-Identifier: ISC */
/*
 * This file contains the youths without JavaScript (issue 19, screen 3;
 * "Without JavaScript" in docs/web.md):
 *
 *   GET  /youths?q=NAME&cursor=C  a page of 50 youths, searched by name
 *   GET  /youths/{id}             the youth: profile, availability, the
 *                                 hours against each legal cap (today,
 *                                 this week, this month), the visits of
 *                                 the next four weeks, the calendar link
 *   POST /youths/{id}/feed        makes the calendar link (replacing an
 *                                 earlier one) and shows it with its QR
 *                                 code as inline SVG (qr.c)
 *
 * The figures are the API's own answers (api_call()): GET /api/v1/youths,
 * /api/v1/youths/{id}, /api/v1/youths/{id}/limits, /api/v1/hours and POST
 * /api/v1/youths/{id}/feed, with their role, scope and filters; a youth
 * outside the scope is 404 (access.c's page rule).
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
#include "qr.h"
#include "textfmt.h"
#include "users.h"
#include "web_page.h"
#include "xmalloc.h"

#define PAGE_SIZE 50
#define NEAR      0.8 /* "close to the limit" from 80 %, as the app */
#define AHEAD     28  /* days of upcoming visits */

/* "q=...&limit=50&cursor=..." for GET /api/v1/youths. */
static char *
list_query(const char *q, const char *cursor)
{
	struct sbuf b = {0};

	html_textf(&b, "limit=%d", PAGE_SIZE);
	if (q != NULL && q[0] != '\0') {
		html_raw(&b, "&q=");
		html_url_part(&b, q);
	}
	if (cursor != NULL && cursor[0] != '\0') {
		html_raw(&b, "&cursor=");
		html_url_part(&b, cursor);
	}
	return sbuf_take(&b);
}

static const char *
school_text(const char *s)
{
	if (s == NULL)
		return "";
	if (strcmp(s, "compulsory") == 0)
		return _("compulsory school");
	if (strcmp(s, "secondary") == 0)
		return _("upper secondary school");
	if (strcmp(s, "none") == 0)
		return _("not at school");
	return s;
}

static void
youths_page(struct api_ctx *ctx)
{
	const char *q = api_query(ctx, "q"), *cursor = api_query(ctx, "cursor");
	char csrf[USERS_CSRF_LEN], *query;
	struct sbuf b = {0};
	json_t *r, *list, *y;
	const char *next;
	int status;
	size_t i;

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	query = list_query(q, cursor);
	r = api_call(ctx, api_entity_routes, API_GET, "/api/v1/youths", query,
	    NULL, &status);
	free(query);
	if (status != 200) {
		web_api_error(ctx, status, r);
		json_decref(r);
		return;
	}
	web_topbar_at(&b, ctx, csrf, "youths");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\">"
	    "<h1 class=\"week-title\" id=\"youths-title\">");
	html_text(&b, _("Youths"));
	html_raw(&b,
	    "</h1><form class=\"filters\" method=\"get\" action=\"/youths\" "
	    "role=\"search\" id=\"youths-search\"><div class=\"filter\">"
	    "<label for=\"youths-q\" class=\"label-inline\">");
	html_text(&b, _("Search by name"));
	html_raw(&b,
	    "</label><input type=\"search\" id=\"youths-q\" name=\"q\" "
	    "class=\"input input-small\" maxlength=\"100\" "
	    "autocomplete=\"off\" value=\"");
	html_attr(&b, q ? q : "");
	html_raw(&b,
	    "\"></div><button class=\"btn btn-small\" type=\"submit\" "
	    "id=\"youths-find\">");
	html_text(&b, _("Search"));
	html_raw(&b, "</button></form></div>");
	list = json_object_get(r, "youths");
	if (json_array_size(list) == 0) {
		html_raw(&b,
		    "<div class=\"state state-empty\" id=\"youths-list\"><p "
		    "class=\"state-title\">");
		html_text(&b,
		    q && q[0] ? _("No youth has that name.")
		              : _("No youths yet."));
		html_raw(&b, "</p></div>");
	} else {
		html_raw(&b,
		    "<div class=\"table-scroll\"><table class=\"report\" "
		    "id=\"youths-list\"><thead><tr><th scope=\"col\">");
		html_text(&b, _("Name"));
		html_raw(&b, "</th><th scope=\"col\" class=\"num\">");
		html_text(&b, _("Age"));
		html_raw(&b, "</th><th scope=\"col\">");
		html_text(&b, _("School"));
		html_raw(&b, "</th></tr></thead><tbody>");
		json_array_foreach(list, i, y)
		{
			const char *id =
			    json_string_value(json_object_get(y, "id"));
			json_t *age = json_object_get(y, "age");
			if (id == NULL)
				continue;
			html_raw(&b, "<tr data-youth=\"");
			html_attr(&b, id);
			html_raw(&b, "\"><th scope=\"row\"><a href=\"/youths/");
			html_url_part(&b, id);
			html_raw(&b, "\">");
			html_text(
			    &b, json_string_value(json_object_get(y, "name")));
			html_raw(&b, "</a></th><td class=\"num\">");
			if (json_is_integer(age))
				html_textf(&b, "%lld",
				    (long long)json_integer_value(age));
			html_raw(&b, "</td><td>");
			html_text(&b,
			    school_text(json_string_value(
			        json_object_get(y, "school"))));
			html_raw(&b, "</td></tr>");
		}
		html_raw(&b, "</tbody></table></div>");
	}
	next = json_string_value(json_object_get(r, "next_cursor"));
	if (next != NULL && next[0] != '\0') {
		html_raw(&b,
		    "<p><a class=\"btn\" id=\"youths-more\" "
		    "href=\"/youths?");
		if (q != NULL && q[0] != '\0') {
			html_raw(&b, "q=");
			html_url_part(&b, q);
			html_raw(&b, "&amp;");
		}
		html_raw(&b, "cursor=");
		html_url_part(&b, next);
		html_raw(&b, "\">");
		html_text(&b, _("Show more"));
		html_raw(&b, "</a></p>");
	}
	html_raw(&b, "</main>");
	json_decref(r);
	web_send(ctx, 200, _("Youths"), &b, false);
	sbuf_release(&b);
}

/* "Monday to Friday 15:00-21:00", as the app's windowText(). */
static void
window_text(struct sbuf *b, json_t *w)
{
	static const char *const days[] = {
	    "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	bool on[7] = {false};
	bool first = true;
	json_t *d;
	size_t i;

	json_array_foreach(json_object_get(w, "days"), i, d)
	{
		for (int k = 0; k < 7; k++)
			if (json_is_string(d) &&
			    strcmp(json_string_value(d), days[k]) == 0)
				on[k] = true;
	}
	for (int a = 0; a < 7; a++) {
		int z = a;
		if (!on[a])
			continue;
		while (z + 1 < 7 && on[z + 1])
			z++;
		if (!first)
			html_raw(b, ", ");
		first = false;
		if (a == z)
			html_text(b, textfmt_weekday(a));
		else if (z == a + 1) {
			html_text(b, textfmt_weekday(a));
			html_raw(b, ", ");
			html_text(b, textfmt_weekday(z));
		} else
			web_textv(b, _("{first} to {last}"), "first",
			    textfmt_weekday(a), "last", textfmt_weekday(z),
			    NULL);
		a = z;
	}
	html_raw(b, " ");
	html_text(b, json_string_value(json_object_get(w, "from")));
	html_raw(b, "\xe2\x80\x93");
	html_text(b, json_string_value(json_object_get(w, "to")));
}

/* One cap as a meter, as the app's meter(); prefix: escaped markup. */
static void
meter(struct sbuf *b, json_t *item, const char *prefix)
{
	json_int_t used = json_integer_value(json_object_get(item, "minutes"));
	json_int_t cap = json_integer_value(json_object_get(item, "cap"));
	const char *name = json_string_value(json_object_get(item, "name"));
	const char *ref = json_string_value(json_object_get(item, "reference"));
	const char *rule = json_string_value(json_object_get(item, "rule"));
	double ratio = cap > 0 ? (double)used / (double)cap : 1.0;
	const char *level = used > cap ? "over"
	    : used >= cap              ? "full"
	    : ratio >= NEAR            ? "near"
	                               : "ok";
	const char *word = used > cap ? _("over the limit")
	    : used >= cap             ? _("at the limit")
	    : ratio >= NEAR           ? _("close to the limit")
	                              : NULL;
	struct sbuf u = {0}, c = {0}, value = {0};
	long pct = ratio >= 1.0 ? 100 : (long)(ratio * 100.0 + 0.5);

	/* The texts plain (web_textv() escapes them once). */
	web_hours_text(&u, used);
	web_hours_text(&c, cap);
	sbuf_add(&u, "", 0);
	sbuf_add(&c, "", 0);
	web_textv(&value, _("{used} of {cap}"), "used", u.s, "cap", c.s, NULL);
	sbuf_add(&value, "", 0);
	html_raw(b, "<li class=\"meter meter-");
	html_raw(b, level);
	html_raw(b, "\" data-rule=\"");
	html_attr(b, rule ? rule : "");
	sbuf_addf(b, "\" data-minutes=\"%lld\" data-cap=\"%lld\">",
	    (long long)used, (long long)cap);
	html_raw(b, "<div class=\"meter-head\"><span class=\"meter-name\">");
	if (prefix != NULL) {
		html_raw(b, prefix); /* escaped by the caller */
		html_raw(b, ": ");
	}
	html_text(b, name);
	html_raw(b, "</span><span class=\"meter-value\">");
	html_raw(b, value.s); /* escaped by web_textv() */
	html_raw(b, "</span></div>");
	/*
	 * The bar is the meter, as in the app: a role="meter" on the list
	 * item would hide its texts (a meter's children are presentational).
	 */
	sbuf_addf(b,
	    "<div class=\"meter-bar\" role=\"meter\" aria-valuemin=\"0\" "
	    "aria-valuemax=\"%lld\" aria-valuenow=\"%lld\" "
	    "aria-valuetext=\"",
	    (long long)cap, (long long)(used < cap ? used : cap));
	html_raw(b, value.s);
	if (word != NULL) {
		html_raw(b, ", ");
		html_attr(b, word);
	}
	html_raw(b, "\" aria-label=\"");
	if (prefix != NULL) {
		html_raw(b, prefix);
		html_raw(b, ": ");
	}
	html_attr(b, name);
	html_raw(b, "\"><div class=\"meter-fill meter-w");
	html_textf(b, "%ld", (pct + 2) / 5 * 5);
	html_raw(b, "\"></div></div><div class=\"meter-foot\">");
	if (word != NULL) {
		html_raw(b, "<span class=\"meter-word\">");
		html_text(b, word);
		html_raw(b, "</span>");
	}
	if (ref != NULL && ref[0] != '\0') {
		html_raw(b, "<span class=\"rule-ref rule-ref-quiet\" title=\"");
		html_attr(b, rule ? rule : "");
		html_raw(b, "\">");
		html_text(b, ref);
		html_raw(b, "</span>");
	}
	html_raw(b, "</div></li>");
	sbuf_release(&u);
	sbuf_release(&c);
	sbuf_release(&value);
}

/*
 * The caps of `limits` per `per` whose period meets lo..hi, as meters
 * (by_week: each named by its week), or `empty`.
 */
static void
meters(struct sbuf *b, json_t *limits, const char *per, int32_t lo, int32_t hi,
    bool by_week, const char *empty, const char *id)
{
	size_t i, n = 0;
	json_t *x;

	json_array_foreach(limits, i, x)
	{
		const char *p = json_string_value(json_object_get(x, "per"));
		int32_t day;
		if (p == NULL || strcmp(p, per) != 0 ||
		    civil_parse_date(
		        json_string_value(json_object_get(x, "period")),
		        &day) != 0 ||
		    day + (strcmp(per, "week") == 0 ? 6 : 0) < lo || day > hi)
			continue;
		if (n++ == 0) {
			html_raw(b, "<ul class=\"meters");
			if (by_week)
				html_raw(b, " meters-compact");
			html_raw(b, "\" id=\"");
			html_attr(b, id);
			html_raw(b, "\">");
		}
		if (by_week) {
			char s[TEXTFMT_MAX];
			struct sbuf pre = {0};
			web_textv(&pre, _("Week from {date}"), "date",
			    textfmt_date_short(day, s, sizeof(s)), NULL);
			sbuf_add(&pre, "", 0);
			meter(b, x, pre.s);
			sbuf_release(&pre);
		} else
			meter(b, x, NULL);
	}
	if (n > 0)
		html_raw(b, "</ul>");
	else {
		html_raw(b, "<p class=\"muted small\" id=\"");
		html_attr(b, id);
		html_raw(b, "\">");
		html_text(b, empty);
		html_raw(b, "</p>");
	}
}

static void
upcoming(struct sbuf *b, const struct model_instance *inst,
    const struct user *u, long y, int32_t today)
{
	int64_t from = (int64_t)today * 1440, to = from + AHEAD * 1440;
	size_t *idx = xcalloc(inst->nassignments + 1, sizeof(*idx)), n = 0;

	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const struct model_slot *s = &inst->slots[a->slot_idx];
		if (a->status != MODEL_ASSIGNMENT_ACTIVE ||
		    a->youth_idx != (size_t)y || s->end <= from ||
		    s->start >= to || !user_in_scope(u, s->home))
			continue;
		/* In start order (a youth has a few a week). */
		size_t k = n++;
		while (k > 0 &&
		    inst->slots[inst->assignments[idx[k - 1]].slot_idx].start >
		        s->start) {
			idx[k] = idx[k - 1];
			k--;
		}
		idx[k] = i;
	}
	if (n == 0) {
		html_raw(b, "<p class=\"muted\" id=\"youth-upcoming\">");
		html_text(b, _("No visits in the next four weeks."));
		html_raw(b, "</p>");
		free(idx);
		return;
	}
	html_raw(b, "<ul class=\"upcoming\" id=\"youth-upcoming\">");
	for (size_t i = 0; i < n; i++) {
		const struct model_slot *s =
		    &inst->slots[inst->assignments[idx[i]].slot_idx];
		char d[TEXTFMT_MAX], t0[CIVIL_HM_LEN], t1[CIVIL_HM_LEN];
		civil_format_hm(civil_wall_minute(s->start), t0);
		civil_format_hm(civil_wall_minute(s->end), t1);
		html_raw(b, "<li class=\"upcoming-item\"><a href=\"/visits/");
		html_url_part(b, s->id);
		html_raw(b, "\" class=\"upcoming-date\">");
		html_text(b,
		    textfmt_date_short(
		        civil_wall_date(s->start), d, sizeof(d)));
		html_raw(b, "</a><span class=\"upcoming-time\">");
		html_textf(b, "%s\xe2\x80\x93%s", t0, t1);
		html_raw(b, "</span><span class=\"upcoming-where\">");
		html_text(b, inst->homes[s->home_idx].name);
		if (s->activity != NULL && s->activity[0] != '\0') {
			html_raw(b, " \xc2\xb7 ");
			html_text(b, s->activity);
		}
		html_raw(b, "</span></li>");
	}
	html_raw(b, "</ul>");
	free(idx);
}

/* The calendar link section; feed: POST /api/v1/youths/{id}/feed's. */
static void
feed_section(struct sbuf *b, const char *id, const char *name, const char *csrf,
    json_t *feed)
{
	const char *url = json_string_value(json_object_get(feed, "url"));

	html_raw(b,
	    "<section class=\"panel-section\" aria-labelledby=\"feed-title\">"
	    "<h2 id=\"feed-title\" class=\"section-title\">");
	html_text(b, _("Calendar on the phone"));
	html_raw(b, "</h2><p class=\"muted small\">");
	html_text(b,
	    _("A private link to the youth's visits, for the calendar app "
	      "on the phone. Making it replaces any earlier link."));
	html_raw(b, "</p>");
	if (url != NULL) {
		int modules;
		char *svg = qr_svg(url, &modules);
		html_raw(b, "<div class=\"feed-out\" id=\"youth-feed-out\">");
		if (svg != NULL) {
			/* Inline SVG from qr.c: presentation attributes only,
			 * no style or script (the CSP allows it). */
			html_raw(b,
			    "<figure class=\"qr-figure\" role=\"img\" "
			    "id=\"youth-qr\" aria-label=\"");
			{
				struct sbuf alt = {0};
				web_textv(&alt,
				    _("QR code of {name}'s calendar link"),
				    "name", name, NULL);
				sbuf_add(&alt, "", 0);
				html_raw(b, alt.s);
				sbuf_release(&alt);
			}
			html_raw(b, "\">");
			html_raw(b, svg); /* qr.c's markup: no data of ours */
			html_raw(b, "</figure>");
			free(svg);
		}
		html_raw(b, "<p class=\"small\">");
		html_text(b,
		    _("Scan it with your phone's camera to add your visits "
		      "to your calendar."));
		html_raw(
		    b, "</p><label for=\"youth-feed-url\" class=\"label\">");
		html_text(b, _("Calendar link"));
		html_raw(b,
		    "</label><input id=\"youth-feed-url\" class=\"input "
		    "input-small\" type=\"text\" readonly value=\"");
		html_attr(b, url);
		html_raw(b, "\"><p class=\"muted small\">");
		html_text(b,
		    _("A new link replaces the old one: the old link stops "
		      "showing the visits."));
		html_raw(b, "</p></div>");
	}
	html_raw(
	    b, "<form method=\"post\" class=\"inline-form\" action=\"/youths/");
	html_url_part(b, id);
	html_raw(b, "/feed\">");
	web_csrf_field(b, csrf);
	html_raw(b,
	    "<button class=\"btn btn-primary\" type=\"submit\" "
	    "id=\"youth-feed\">");
	html_text(b, url ? _("Make a new link") : _("Make the calendar link"));
	html_raw(b, "</button></form></section>");
}

static void
fact(struct sbuf *b, const char *name, const char *value)
{
	html_raw(b, "<dt>");
	html_text(b, name);
	html_raw(b, "</dt><dd>");
	html_text(b, value);
	html_raw(b, "</dd>");
}

/* The youth page; feed: a link just made (or NULL). */
static void
youth_page(struct api_ctx *ctx, const char *csrf, json_t *feed, int status)
{
	const struct model_instance *inst;
	struct rotad_error err;
	json_t *y, *lim, *hours, *v, *limits;
	struct sbuf b = {0};
	char q[96], d0[CIVIL_DATE_LEN], d1[CIVIL_DATE_LEN], s[TEXTFMT_MAX];
	int32_t today, week, m0, m1, from, to;
	int st, yy, mm, dd;
	long yi;
	size_t i;
	const char *name;

	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return;
	}
	y = api_call(ctx, api_entity_routes, API_GET, "/api/v1/youths/:id",
	    NULL, NULL, &st);
	if (st != 200) {
		web_api_error(ctx, st, y);
		json_decref(y);
		return;
	}
	if ((yi = model_find_youth(inst, ctx->params[0])) < 0) {
		json_decref(y);
		web_error_text(ctx, 404, "no youth with this id");
		return;
	}
	today = web_today(inst);
	week = today - (int32_t)civil_weekday(today);
	civil_ymd_from_days(today, &yy, &mm, &dd);
	m0 = today - (dd - 1);
	m1 = civil_days_from_ymd(
	         mm == 12 ? yy + 1 : yy, mm == 12 ? 1 : mm + 1, 1) -
	    1;
	from = week < m0 ? week : m0;
	to = week + 6 > m1 ? week + 6 : m1;
	civil_format_date(from, d0);
	civil_format_date(to, d1);
	snprintf(q, sizeof(q), "from=%s&to=%s", d0, d1);
	lim = api_call(ctx, api_candidates_routes, API_GET,
	    "/api/v1/youths/:id/limits", q, NULL, &st);
	if (st != 200) {
		web_api_error(ctx, st, lim);
		json_decref(y);
		json_decref(lim);
		return;
	}
	snprintf(q, sizeof(q), "month=%04d-%02d", yy, mm);
	hours = api_call(
	    ctx, api_hours_routes, API_GET, "/api/v1/hours", q, NULL, &st);
	name = json_string_value(json_object_get(y, "name"));
	if (name == NULL)
		name = "";
	web_topbar_at(&b, ctx, csrf, "youths");
	html_raw(
	    &b, "<main id=\"main\" class=\"main\"><p><a href=\"/youths\">");
	html_text(&b, _("Youths"));
	html_raw(&b,
	    "</a></p><div class=\"card youth-card\"><h1 "
	    "class=\"card-title\" id=\"youth-title\">");
	html_text(&b, name);
	html_raw(&b, "</h1><dl class=\"facts\" id=\"youth-facts\">");
	if (json_is_integer(json_object_get(y, "age"))) {
		char n[16];
		struct sbuf a = {0};
		snprintf(n, sizeof(n), "%lld",
		    (long long)json_integer_value(json_object_get(y, "age")));
		web_textv(&a, _("{age} years"), "age", n, NULL);
		sbuf_add(&a, "", 0);
		html_raw(&b, "<dt>");
		html_text(&b, _("Age"));
		html_raw(&b, "</dt><dd>");
		html_raw(&b, a.s);
		html_raw(&b, "</dd>");
		sbuf_release(&a);
	}
	if (json_is_string(json_object_get(y, "school")))
		fact(&b, _("School"),
		    school_text(
		        json_string_value(json_object_get(y, "school"))));
	if (json_array_size(json_object_get(y, "skills")) > 0) {
		html_raw(&b, "<dt>");
		html_text(&b, _("Skills"));
		html_raw(&b, "</dt><dd>");
		json_array_foreach(json_object_get(y, "skills"), i, v)
		{
			if (i > 0)
				html_raw(&b, ", ");
			html_text(&b, json_string_value(v));
		}
		html_raw(&b, "</dd>");
	}
	if (json_array_size(json_object_get(y, "homes")) > 0) {
		html_raw(&b, "<dt>");
		html_text(&b, _("Homes"));
		html_raw(&b, "</dt><dd>");
		json_array_foreach(json_object_get(y, "homes"), i, v)
		{
			long h = model_find_home(inst, json_string_value(v));
			if (i > 0)
				html_raw(&b, ", ");
			html_text(&b,
			    h >= 0 ? inst->homes[h].name
			           : json_string_value(v));
		}
		html_raw(&b, "</dd>");
	}
	html_raw(&b,
	    "</dl><section class=\"panel-section\" "
	    "aria-labelledby=\"avail-title\"><h2 id=\"avail-title\" "
	    "class=\"section-title\">");
	html_text(&b, _("Available"));
	html_raw(&b, "</h2>");
	if (json_array_size(json_object_get(y, "availability")) > 0) {
		html_raw(
		    &b, "<ul class=\"plain-list\" id=\"youth-availability\">");
		json_array_foreach(json_object_get(y, "availability"), i, v)
		{
			html_raw(&b, "<li>");
			window_text(&b, v);
			html_raw(&b, "</li>");
		}
		html_raw(&b, "</ul>");
	} else {
		html_raw(&b, "<p class=\"muted\" id=\"youth-availability\">");
		html_text(&b, _("Never: no weekly availability is given."));
		html_raw(&b, "</p>");
	}
	html_raw(&b,
	    "</section><section class=\"panel-section\" "
	    "aria-labelledby=\"hours-title\" id=\"youth-hours\"><h2 "
	    "id=\"hours-title\" class=\"section-title\">");
	html_text(&b, _("Hours against the law's caps"));
	html_raw(&b, "</h2><h3 class=\"sub-title\">");
	web_textv(&b, _("Today, {date}"), "date",
	    textfmt_date_long(today, s, sizeof(s)), NULL);
	html_raw(&b, "</h3>");
	limits = json_object_get(lim, "limits");
	meters(&b, limits, "day", today, today, false,
	    _("No daily cap applies today."), "youth-today");
	html_raw(&b, "<h3 class=\"sub-title\">");
	html_text(&b, _("This week"));
	html_raw(&b, "</h3>");
	meters(&b, limits, "week", today, today, false,
	    _("No weekly cap applies this week."), "youth-week");
	html_raw(&b, "<h3 class=\"sub-title\">");
	{
		char mon[TEXTFMT_MAX];
		snprintf(mon, sizeof(mon), "%s %d", textfmt_month(mm), yy);
		web_textv(&b, _("This month, {month}"), "month", mon, NULL);
	}
	html_raw(&b, "</h3>");
	if (st == 200) {
		json_int_t w = 0, p = 0;
		json_array_foreach(json_object_get(hours, "youths"), i, v)
		{
			const char *who =
			    json_string_value(json_object_get(v, "youth"));
			if (who == NULL || strcmp(who, ctx->params[0]) != 0)
				continue;
			w = json_integer_value(json_object_get(
			    json_object_get(v, "worked"), "minutes"));
			p = json_integer_value(json_object_get(
			    json_object_get(v, "planned"), "minutes"));
		}
		{
			struct sbuf tw = {0}, tp = {0}, tt = {0};
			web_hours_text(&tw, w);
			web_hours_text(&tp, p);
			web_hours_text(&tt, w + p);
			sbuf_add(&tw, "", 0);
			sbuf_add(&tp, "", 0);
			sbuf_add(&tt, "", 0);
			html_raw(
			    &b, "<p class=\"month-total\" id=\"youth-month\">");
			web_textv(&b,
			    _("{total} in all: {worked} worked, {planned} "
			      "planned"),
			    "total", tt.s, "worked", tw.s, "planned", tp.s,
			    NULL);
			html_raw(&b, "</p>");
			sbuf_release(&tw);
			sbuf_release(&tp);
			sbuf_release(&tt);
		}
	}
	html_raw(&b, "<p class=\"muted small\">");
	html_text(&b,
	    _("The law caps days and weeks, not months: the weeks of the "
	      "month against their caps."));
	html_raw(&b, "</p>");
	meters(&b, limits, "week", m0, m1, true,
	    _("No weekly cap applies this week."), "youth-month-weeks");
	html_raw(&b,
	    "</section><section class=\"panel-section\" "
	    "aria-labelledby=\"upcoming-title\"><h2 id=\"upcoming-title\" "
	    "class=\"section-title\">");
	html_text(&b, _("Visits in the next four weeks"));
	html_raw(&b, "</h2>");
	upcoming(&b, inst, ctx->who, yi, today);
	html_raw(&b, "</section>");
	feed_section(&b, ctx->params[0], name, csrf, feed);
	html_raw(&b, "</div></main>");
	/* name points into y: send before letting go of it. */
	web_send(ctx, status, name, &b, false);
	json_decref(y);
	json_decref(lim);
	json_decref(hours);
	sbuf_release(&b);
}

static void
youth_get(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	youth_page(ctx, csrf, NULL, 200);
}

/* POST /youths/{id}/feed: a new link, shown once on the page. */
static void
feed_post(struct api_ctx *ctx)
{
	char csrf[USERS_CSRF_LEN];
	struct form f;
	json_t *r;
	int st;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == 0) {
		r = api_call(ctx, api_feed_routes, API_POST,
		    "/api/v1/youths/:id/feed", NULL, NULL, &st);
		if (st != 201)
			web_api_error(ctx, st, r);
		else
			youth_page(ctx, csrf, r, 200);
		json_decref(r);
	}
	form_release(&f);
}

const struct api_route web_youths_routes[] = {
    {API_GET | API_HEAD, "/youths", youths_page, API_PAGE},
    {API_GET | API_HEAD, "/youths/:id", youth_get, API_PAGE},
    {API_POST, "/youths/:id/feed", feed_post, API_PAGE},
    {0, NULL, NULL, 0},
};
