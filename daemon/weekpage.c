/* SPDX-License-Identifier: ISC */
/*
 * This file contains the nursing home's week page: a small, printable,
 * phone-friendly HTML document (no JavaScript, inline CSS with a print
 * style) listing the home's visits of the next two weeks by day, with the
 * youths' first names only, and the home's feed subscribe links.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "feed.h"
#include "model.h"
#include "tzmap.h"
#include "weekpage.h"
#include "sbuf.h"
#include "xmalloc.h"

#define DASH "\xe2\x80\x93" /* U+2013 EN DASH */

/* Appends the first n bytes of s, cleaned and HTML-escaped. */
static void
sb_add_htmln(struct sbuf *b, const char *s, size_t n)
{
	char *clean = feed_text_clean_ndup(s, n, false);

	for (const char *c = clean; *c != '\0'; c++) {
		switch (*c) {
		case '&':
			sbuf_adds(b, "&amp;");
			break;
		case '<':
			sbuf_adds(b, "&lt;");
			break;
		case '>':
			sbuf_adds(b, "&gt;");
			break;
		case '"':
			sbuf_adds(b, "&quot;");
			break;
		case '\'':
			sbuf_adds(b, "&#39;");
			break;
		default:
			sbuf_add(b, c, 1);
		}
	}
	free(clean);
}

static void
sb_add_html(struct sbuf *b, const char *s)
{
	sb_add_htmln(b, s, s ? strlen(s) : 0);
}

static const char *const weekday_nb[] = {
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"};
static const char *const month_nb[] = {"januar", "februar", "mars", "april",
    "mai", "juni", "juli", "august", "september", "oktober", "november",
    "desember"};

/* "4. januar" (with the year when with_year). */
static void
sb_add_date(struct sbuf *b, int32_t days, bool with_year)
{
	int y, m, d;

	civil_ymd_from_days(days, &y, &m, &d);
	sbuf_addf(b, "%d. %s", d, month_nb[m - 1]);
	if (with_year)
		sbuf_addf(b, " %d", y);
}

static bool
same_year(int32_t a, int32_t b)
{
	int ya, yb, m, d;

	civil_ymd_from_days(a, &ya, &m, &d);
	civil_ymd_from_days(b, &yb, &m, &d);
	return ya == yb;
}

static bool
has_prefix(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

struct visit {
	size_t slot;
	int64_t start, end; /* wall minutes */
};

static int
visit_cmp(const void *va, const void *vb)
{
	const struct visit *a = va, *b = vb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->slot < b->slot ? -1 : a->slot > b->slot;
}

static int
str_cmp(const void *va, const void *vb)
{
	return strcmp(*(char *const *)va, *(char *const *)vb);
}

/*
 * The youths of a slot as one escaped, sorted list of first names.
 * Returns the number of active youths; *cancelled (when not NULL) tells
 * whether any assignment of the slot was cancelled.
 */
static size_t
add_youths(struct sbuf *b, const struct model_instance *inst, size_t slot,
    bool *cancelled)
{
	char **names = NULL;
	size_t n = 0;

	if (cancelled != NULL)
		*cancelled = false;
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const char *name;

		if (a->slot_idx != slot || a->youth_idx >= inst->nyouths)
			continue;
		if (a->status != MODEL_ASSIGNMENT_ACTIVE) {
			if (cancelled != NULL)
				*cancelled = true;
			continue;
		}
		name = inst->youths[a->youth_idx].name;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = feed_first_name_dup(name);
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), str_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sbuf_adds(b, ", ");
		sb_add_html(b, names[i]);
		free(names[i]);
	}
	free(names);
	return n;
}

static const char page_head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"nb\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, "
    "initial-scale=1\">\n"
    "<meta name=\"referrer\" content=\"no-referrer\">\n"
    "<meta name=\"robots\" content=\"noindex, nofollow\">\n";

static const char page_style[] =
    "<style>\n"
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "sans-serif;line-height:1.4;color:#111;background:#fff;"
    "max-width:40rem;margin:0 auto;padding:1rem}\n"
    "h1{font-size:1.5rem;margin:0 0 .25rem}\n"
    "h2{font-size:1.15rem;margin:1.5rem 0 .25rem;"
    "border-bottom:2px solid #333}\n"
    "h3{font-size:1rem;margin:1rem 0 .25rem}\n"
    "ul{list-style:none;margin:0;padding:0}\n"
    "li{padding:.4rem 0;border-bottom:1px solid #ddd}\n"
    ".time{font-weight:bold;font-variant-numeric:tabular-nums;"
    "margin-right:.5rem}\n"
    ".who{display:block;color:#333}\n"
    ".muted{color:#555}\n"
    ".cancelled{text-decoration:line-through;color:#555}\n"
    ".subscribe{margin-top:2rem;padding-top:.5rem;"
    "border-top:1px solid #ccc}\n"
    ".subscribe a{display:inline-block;margin:.25rem 1rem .25rem 0;"
    "padding:.5rem .75rem;border:1px solid #333;border-radius:.3rem;"
    "color:#111;text-decoration:none}\n"
    "@media print{body{max-width:none;padding:0;font-size:11pt}"
    ".subscribe{display:none}h2,h3{break-after:avoid}"
    "li{break-inside:avoid}}\n"
    "</style>\n"
    "</head>\n";

static void
add_visit(
    struct sbuf *b, const struct model_instance *inst, const struct visit *v)
{
	const struct model_slot *s = &inst->slots[v->slot];
	struct sbuf who = {0};
	char from[CIVIL_HM_LEN], to[CIVIL_HM_LEN];
	size_t n = add_youths(&who, inst, v->slot, NULL);

	civil_format_hm(civil_wall_minute(v->start), from);
	civil_format_hm(civil_wall_minute(v->end), to);
	sbuf_adds(b, n == 0 ? "<li class=\"cancelled\">" : "<li>");
	sbuf_addf(b, "<span class=\"time\">%s" DASH "%s</span>", from, to);
	if (s->activity != NULL && s->activity[0] != '\0')
		sb_add_html(b, s->activity);
	else
		sbuf_adds(b, "Besøk");
	if (n == 0) {
		sbuf_adds(b, " <span class=\"muted\">(avlyst)</span>");
	} else {
		sbuf_adds(b, "<span class=\"who\">Kommer: ");
		sbuf_add(b, who.s, who.len);
		sbuf_adds(b, "</span>");
	}
	sbuf_adds(b, "</li>\n");
	free(who.s);
}

char *
weekpage_render(const struct model_instance *inst, size_t home_idx, int64_t now,
    const char *feed_url, const char *webcal_url)
{
	const struct model_home *home;
	const struct tzmap *tz;
	struct visit *v = NULL;
	size_t nv = 0;
	struct sbuf b = {0};
	int32_t today, first, day = CIVIL_NO_DATE;
	int week = -1;

	if (inst == NULL || home_idx >= inst->nhomes ||
	    (tz = tzmap_get(inst->timezone)) == NULL)
		return NULL;
	home = &inst->homes[home_idx];
	/* Floor to the minute, also for instants before 1970. */
	today = civil_wall_date(
	    tzmap_to_wall(tz, now >= 0 ? now / 60 : -((-now + 59) / 60)));
	/*
	 * Whole ISO weeks, Monday to Sunday: a page opened on a Sunday still
	 * shows that whole week and the next, as its headings promise.
	 */
	first = civil_week_monday(today);

	for (size_t i = 0; i < inst->nslots; i++) {
		const struct model_slot *s = &inst->slots[i];
		int32_t d = civil_wall_date(s->start);
		bool any = false, cancelled;
		struct sbuf tmp = {0};

		if (s->home_idx != home_idx || d < first ||
		    d >= first + WEEKPAGE_DAYS)
			continue;
		/* Only visits someone is (or was) booked for. */
		any = add_youths(&tmp, inst, i, &cancelled) > 0 || cancelled;
		free(tmp.s);
		if (!any)
			continue;
		v = xreallocarray(v, nv + 1, sizeof(*v));
		v[nv].slot = i;
		v[nv].start = s->start;
		v[nv].end = s->end;
		nv++;
	}
	if (nv > 0)
		qsort(v, nv, sizeof(*v), visit_cmp);

	sbuf_adds(&b, page_head);
	sbuf_adds(&b, "<title>Besøk " DASH " ");
	sb_add_html(&b, home->name);
	sbuf_adds(&b, "</title>\n");
	sbuf_adds(&b, page_style);
	sbuf_adds(&b, "<body>\n<header>\n<h1>Besøk ved ");
	sb_add_html(&b, home->name);
	sbuf_adds(&b, "</h1>\n");
	if (home->address != NULL && home->address[0] != '\0') {
		sbuf_adds(&b, "<p class=\"muted\">");
		sb_add_html(&b, home->address);
		sbuf_adds(&b, "</p>\n");
	}
	sbuf_adds(&b, "<p>");
	sb_add_date(&b, first, !same_year(first, first + WEEKPAGE_DAYS - 1));
	sbuf_adds(&b, " " DASH " ");
	sb_add_date(&b, first + WEEKPAGE_DAYS - 1, true);
	sbuf_adds(&b, "</p>\n</header>\n<main>\n");

	if (nv == 0)
		sbuf_adds(&b,
		    "<p>Ingen besøk er planlagt de neste to "
		    "ukene.</p>\n");
	for (size_t i = 0; i < nv; i++) {
		int32_t d = civil_wall_date(v[i].start);
		int iso_year, iso_week;

		civil_iso_week(d, &iso_year, &iso_week);
		if (iso_week != week) {
			if (day != CIVIL_NO_DATE)
				sbuf_adds(&b, "</ul>\n</section>\n");
			sbuf_addf(&b, "<section>\n<h2>Uke %d</h2>\n", iso_week);
			week = iso_week;
			day = CIVIL_NO_DATE;
		}
		if (d != day) {
			if (day != CIVIL_NO_DATE)
				sbuf_adds(&b, "</ul>\n");
			sbuf_addf(&b, "<h3>%s ", weekday_nb[civil_weekday(d)]);
			sb_add_date(&b, d, false);
			sbuf_adds(&b, "</h3>\n<ul>\n");
			day = d;
		}
		add_visit(&b, inst, &v[i]);
	}
	if (nv > 0)
		sbuf_adds(&b, "</ul>\n</section>\n");
	sbuf_adds(&b, "</main>\n");

	if (has_prefix(webcal_url, "webcal://") ||
	    has_prefix(webcal_url, "webcals://") ||
	    has_prefix(feed_url, "https://") ||
	    has_prefix(feed_url, "http://")) {
		sbuf_adds(&b,
		    "<footer class=\"subscribe\">\n"
		    "<p>Få besøkene rett i kalenderen:</p>\n<p>");
		if (has_prefix(webcal_url, "webcal://") ||
		    has_prefix(webcal_url, "webcals://")) {
			sbuf_adds(&b, "<a href=\"");
			sb_add_html(&b, webcal_url);
			sbuf_adds(&b, "\">Abonner i kalenderen</a>");
		}
		if (has_prefix(feed_url, "https://") ||
		    has_prefix(feed_url, "http://")) {
			sbuf_adds(&b, "<a href=\"");
			sb_add_html(&b, feed_url);
			sbuf_adds(&b, "\">Kalenderlenke (https)</a>");
		}
		sbuf_adds(&b,
		    "</p>\n<p class=\"muted\">Lenkene er private: "
		    "del dem bare med de ansatte som trenger "
		    "dem.</p>\n</footer>\n");
	}
	sbuf_adds(&b, "</body>\n</html>\n");
	free(v);
	return b.s;
}
