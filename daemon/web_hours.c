/* SPDX-License-Identifier: ISC */
/*
 * This file contains the hours without JavaScript (issue 19, screen 5;
 * "Without JavaScript" in docs/web.md):
 *
 *   GET /hours?month=YYYY-MM   the month's report per youth and per home,
 *                              worked and planned apart, as GET
 *                              /api/v1/hours answers it (api_call(): the
 *                              same figures, the same scope)
 *
 * Previous and next month are links, the month picker a GET form, and
 * "Download CSV" a link to GET /api/v1/hours?month=...&format=csv, which
 * the session cookie authorises (a GET by session needs no CSRF token).
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

/* "2027-01" into year and month; -1 when it is not one. */
static int
parse_month(const char *s, int *y, int *m)
{
	char tail;

	if (s == NULL || strlen(s) != 7 ||
	    sscanf(s, "%4d-%2d%c", y, m, &tail) != 2 || *m < 1 || *m > 12 ||
	    *y < 1900 || *y > 9999)
		return -1;
	return 0;
}

static void
month_href(struct sbuf *b, int y, int m)
{
	if (m < 1) {
		m = 12;
		y--;
	} else if (m > 12) {
		m = 1;
		y++;
	}
	sbuf_addf(b, "/hours?month=%04d-%02d", y, m);
}

static json_int_t
field_of(json_t *row, const char *tally, const char *what)
{
	return json_integer_value(
	    json_object_get(json_object_get(row, tally), what));
}

/* One table of the report (rows: {name, worked, planned}) with a total. */
static void
report(struct sbuf *b, const char *id, const char *caption, const char *head,
    json_t *rows)
{
	json_int_t sum[4] = {0, 0, 0, 0};
	size_t i;
	json_t *r;

	html_raw(
	    b, "<div class=\"table-scroll\"><table class=\"report\" id=\"");
	html_attr(b, id);
	html_raw(b, "\"><caption class=\"report-caption\">");
	html_text(b, caption);
	html_raw(b, "</caption><thead><tr><th scope=\"col\" rowspan=\"2\">");
	html_text(b, head);
	html_raw(b, "</th><th scope=\"colgroup\" colspan=\"2\" class=\"num\">");
	html_text(b, _("Worked"));
	html_raw(b, "</th><th scope=\"colgroup\" colspan=\"2\" class=\"num\">");
	html_text(b, _("Planned"));
	html_raw(b, "</th></tr><tr>");
	for (int k = 0; k < 2; k++) {
		html_raw(b, "<th scope=\"col\" class=\"num\">");
		html_text(b, _("Visits"));
		html_raw(b, "</th><th scope=\"col\" class=\"num\">");
		html_text(b, _("Hours"));
		html_raw(b, "</th>");
	}
	html_raw(b, "</tr></thead><tbody>");
	json_array_foreach(rows, i, r)
	{
		json_int_t v[4] = {field_of(r, "worked", "shifts"),
		    field_of(r, "worked", "minutes"),
		    field_of(r, "planned", "shifts"),
		    field_of(r, "planned", "minutes")};
		html_raw(b, "<tr><th scope=\"row\">");
		html_text(b, json_string_value(json_object_get(r, "name")));
		html_raw(b, "</th>");
		for (int k = 0; k < 4; k++) {
			sum[k] += v[k];
			html_raw(b, "<td class=\"num\">");
			if (k % 2 == 0)
				html_textf(b, "%lld", (long long)v[k]);
			else
				web_hours_text(b, v[k]);
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b,
	    "</tbody><tfoot><tr class=\"report-total\"><th "
	    "scope=\"row\">");
	html_text(b, _("Total"));
	html_raw(b, "</th>");
	for (int k = 0; k < 4; k++) {
		html_raw(b, "<td class=\"num\">");
		if (k % 2 == 0)
			html_textf(b, "%lld", (long long)sum[k]);
		else
			web_hours_text(b, sum[k]);
		html_raw(b, "</td>");
	}
	html_raw(b, "</tr></tfoot></table></div>");
}

static void
hours_page(struct api_ctx *ctx)
{
	const char *want = api_query(ctx, "month");
	const struct model_instance *inst;
	char csrf[USERS_CSRF_LEN], month[16], query[32];
	struct rotad_error err;
	struct sbuf b = {0};
	json_t *r, *youths, *homes, *anon;
	int status, y, m, d;
	const char *asof;

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return;
	}
	if (parse_month(want, &y, &m) == -1)
		civil_ymd_from_days(web_today(inst), &y, &m, &d);
	snprintf(month, sizeof(month), "%04d-%02d", y, m);
	snprintf(query, sizeof(query), "month=%s", month);
	r = api_call(ctx, api_hours_routes, API_GET, "/api/v1/hours", query,
	    NULL, &status);
	if (status != 200) {
		web_api_error(ctx, status, r);
		json_decref(r);
		return;
	}
	web_topbar_at(&b, ctx, csrf, "hours");
	html_raw(&b,
	    "<main id=\"main\" class=\"main\"><div class=\"toolbar\">"
	    "<div class=\"week-nav\" role=\"group\" aria-label=\"");
	html_attr(&b, _("Month"));
	html_raw(&b, "\"><a class=\"btn btn-icon\" id=\"hours-prev\" href=\"");
	month_href(&b, y, m - 1);
	html_raw(&b, "\" aria-label=\"");
	html_attr(&b, _("Previous month"));
	html_raw(&b, "\" title=\"");
	html_attr(&b, _("Previous month"));
	html_raw(&b,
	    "\"><span aria-hidden=\"true\">\xe2\x80\xb9</span></a>"
	    "<a class=\"btn btn-icon\" id=\"hours-next\" href=\"");
	month_href(&b, y, m + 1);
	html_raw(&b, "\" aria-label=\"");
	html_attr(&b, _("Next month"));
	html_raw(&b, "\" title=\"");
	html_attr(&b, _("Next month"));
	html_raw(&b,
	    "\"><span aria-hidden=\"true\">\xe2\x80\xba</span></a></div>"
	    "<h1 class=\"week-title\" id=\"hours-title\">");
	html_text(&b, _("Hours"));
	html_raw(&b, " <span class=\"week-range\">");
	html_textf(&b, "%s %d", textfmt_month(m), y);
	html_raw(&b,
	    "</span></h1><form class=\"filters\" method=\"get\" "
	    "action=\"/hours\" id=\"hours-form\"><div class=\"filter\">"
	    "<label for=\"hours-month\" class=\"label-inline\">");
	html_text(&b, _("Month"));
	html_raw(&b,
	    "</label><input type=\"month\" id=\"hours-month\" name=\"month\" "
	    "class=\"input input-small hours-month\" required value=\"");
	html_attr(&b, month);
	html_raw(&b,
	    "\"></div><button class=\"btn btn-small\" type=\"submit\" "
	    "id=\"hours-show\">");
	html_text(&b, _("Show"));
	html_raw(
	    &b, "</button></form><a class=\"btn\" id=\"hours-csv\" href=\"");
	sbuf_addf(&b, "/api/v1/hours?month=%s&amp;format=csv", month);
	html_raw(&b, "\" download=\"rota-hours-");
	html_attr(&b, month);
	html_raw(&b, ".csv\">");
	html_text(&b, _("Download CSV"));
	html_raw(&b, "</a></div><div id=\"hours-area\">");
	youths = json_object_get(r, "youths");
	homes = json_object_get(r, "homes");
	anon = json_object_get(r, "anonymous");
	asof = json_string_value(json_object_get(r, "as_of"));
	if (json_array_size(youths) == 0 && json_array_size(homes) == 0) {
		html_raw(&b,
		    "<div class=\"state state-empty\"><p "
		    "class=\"state-title\">");
		html_text(&b, _("No visits this month."));
		html_raw(&b, "</p></div>");
	} else {
		char when[CIVIL_DATETIME_LEN + 1];
		json_int_t n = 0, mins = 0;
		size_t i;
		json_t *a;

		snprintf(when, sizeof(when), "%s", asof ? asof : "");
		if (strchr(when, 'T') != NULL)
			*strchr(when, 'T') = ' ';
		html_raw(&b, "<p class=\"summary\" id=\"hours-asof\">");
		web_textv(&b,
		    _("Worked: visits that have ended (as of {time}). "
		      "Planned: the rest of the month."),
		    "time", when, NULL);
		html_raw(&b, "</p>");
		if (json_array_size(youths) > 0)
			report(&b, "hours-youths", _("Per youth"), _("Youth"),
			    youths);
		report(&b, "hours-homes", _("Per home"), _("Home"), homes);
		json_array_foreach(anon, i, a)
		{
			n += json_integer_value(json_object_get(a, "shifts"));
			mins +=
			    json_integer_value(json_object_get(a, "minutes"));
		}
		if (n > 0) {
			struct sbuf h = {0};
			char num[24];
			/* web_textv() escapes: the hours as plain text. */
			web_hours_text(&h, mins);
			sbuf_add(&h, "", 0);
			snprintf(num, sizeof(num), "%lld", (long long)n);
			html_raw(
			    &b, "<p class=\"muted small\" id=\"hours-anon\">");
			web_textv(&b,
			    _("Worked hours at the homes include {n} visits "
			      "({hours}) by youths whose data has been "
			      "erased."),
			    "n", num, "hours", h.s, NULL);
			html_raw(&b, "</p>");
			sbuf_release(&h);
		}
	}
	html_raw(&b, "</div></main>");
	json_decref(r);
	web_send(ctx, 200, _("Hours"), &b, false);
	sbuf_release(&b);
}

const struct api_route web_hours_routes[] = {
    {API_GET | API_HEAD, "/hours", hours_page, API_PAGE},
    {0, NULL, NULL, 0},
};
