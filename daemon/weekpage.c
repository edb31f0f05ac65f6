/* SPDX-License-Identifier: ISC */
/*
 * This file contains the nursing home's week page: a small, printable,
 * phone-friendly HTML document (no JavaScript, inline CSS with a print
 * style) listing the home's visits of the next two weeks by day, with the
 * youths' first names only, and the home's feed subscribe links, in the
 * reader's language (dates and times from textfmt.c).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "feed.h"
#include "html.h"
#include "i18n.h"
#include "model.h"
#include "textfmt.h"
#include "tzmap.h"
#include "weekpage.h"
#include "sbuf.h"
#include "xmalloc.h"

#define DASH "\xe2\x80\x93" /* U+2013 EN DASH */

/*
 * Appends the first n bytes of s, cleaned as feed texts are (the same
 * name reads the same in a calendar and on the page) and HTML-escaped.
 */
static void
sb_add_htmln(struct sbuf *b, const char *s, size_t n)
{
	char *clean = feed_text_clean_ndup(s, n, false);

	html_text(b, clean);
	free(clean);
}

static void
sb_add_html(struct sbuf *b, const char *s)
{
	sb_add_htmln(b, s, s ? strlen(s) : 0);
}

void
weekpage_add_html(struct sbuf *b, const char *s)
{
	sb_add_html(b, s);
}

/*
 * Appends a translated "... %s ..." text, HTML-escaped, with s in place of
 * its %s: escaped too, or as it is when it is HTML already.
 */
static void
sb_add_textf(
    struct sbuf *b, const char *translated, const char *s, bool s_is_html)
{
	const char *mark = strstr(translated, "%s");

	if (mark == NULL) {
		sb_add_html(b, translated);
		return;
	}
	sb_add_htmln(b, translated, (size_t)(mark - translated));
	if (s_is_html)
		sbuf_adds(b, s ? s : "");
	else
		sb_add_html(b, s);
	sb_add_html(b, mark + 2);
}

void
weekpage_add_textf(
    struct sbuf *b, const char *translated, const char *s, bool s_is_html)
{
	sb_add_textf(b, translated, s, s_is_html);
}

/* "4 January" / "4. januar" (with the year when with_year). */
static void
sb_add_date(struct sbuf *b, int32_t days, bool with_year)
{
	char buf[TEXTFMT_MAX];
	int y, m, d;

	if (with_year) {
		sbuf_adds(b, textfmt_date_year(days, buf, sizeof(buf)));
		return;
	}
	civil_ymd_from_days(days, &y, &m, &d);
	/* TRANSLATORS: day of month and month name, no year: "4 January";
	   bokmål "4. januar". */
	sbuf_addf(b, _("%1$d %2$s"), d, textfmt_month(m));
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

/* After <html lang="..."> */
static const char page_head[] =
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
	char from[TEXTFMT_MAX], to[TEXTFMT_MAX];
	size_t n = add_youths(&who, inst, v->slot, NULL);

	textfmt_time(civil_wall_minute(v->start), from, sizeof(from));
	textfmt_time(civil_wall_minute(v->end), to, sizeof(to));
	sbuf_adds(b, n == 0 ? "<li class=\"cancelled\">" : "<li>");
	sbuf_addf(b, "<span class=\"time\">%s" DASH "%s</span>", from, to);
	if (s->activity != NULL && s->activity[0] != '\0')
		sb_add_html(b, s->activity);
	else
		sb_add_html(b, _("Visit"));
	if (n == 0) {
		sbuf_adds(b, " <span class=\"muted\">");
		/* TRANSLATORS: after a cancelled visit on the week page. */
		sb_add_html(b, _("(cancelled)"));
		sbuf_adds(b, "</span>");
	} else {
		sbuf_adds(b, "<span class=\"who\">");
		/* TRANSLATORS: the youths coming to a visit, "Coming: Ida,
		   Ola"; bokmål "Kommer: %s".  The names are HTML already. */
		sb_add_textf(b, _("Coming: %s"), who.s, true);
		sbuf_adds(b, "</span>");
	}
	sbuf_adds(b, "</li>\n");
	free(who.s);
}

static char *
render_in_language(const struct model_instance *inst, size_t home_idx,
    int64_t now, const char *feed_url, const char *webcal_url,
    const struct tzmap *tz)
{
	const struct model_home *home;
	struct visit *v = NULL;
	size_t nv = 0;
	struct sbuf b = {0};
	int32_t today, first, day = CIVIL_NO_DATE;
	int week = -1;

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

	sbuf_addf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n",
	    i18n_tag(i18n_current()));
	sbuf_adds(&b, page_head);
	sbuf_adds(&b, "<title>");
	sb_add_html(&b, _("Visits"));
	sbuf_adds(&b, " " DASH " ");
	sb_add_html(&b, home->name);
	sbuf_adds(&b, "</title>\n");
	sbuf_adds(&b, page_style);
	sbuf_adds(&b, "<body>\n<header>\n<h1>");
	/* TRANSLATORS: the week page's heading, "Visits at <home>";
	   bokmål "Besøk ved %s". */
	sb_add_textf(&b, _("Visits at %s"), home->name, false);
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

	if (nv == 0) {
		sbuf_adds(&b, "<p>");
		sb_add_html(
		    &b, _("No visits are planned for the next two weeks."));
		sbuf_adds(&b, "</p>\n");
	}
	for (size_t i = 0; i < nv; i++) {
		int32_t d = civil_wall_date(v[i].start);
		int iso_year, iso_week;

		civil_iso_week(d, &iso_year, &iso_week);
		if (iso_week != week) {
			if (day != CIVIL_NO_DATE)
				sbuf_adds(&b, "</ul>\n</section>\n");
			sbuf_adds(&b, "<section>\n<h2>");
			/* TRANSLATORS: an ISO week number heading; bokmål
			   "Uke %d". */
			sbuf_addf(&b, _("Week %d"), iso_week);
			sbuf_adds(&b, "</h2>\n");
			week = iso_week;
			day = CIVIL_NO_DATE;
		}
		if (d != day) {
			if (day != CIVIL_NO_DATE)
				sbuf_adds(&b, "</ul>\n");
			char date[TEXTFMT_MAX];

			sbuf_adds(&b, "<h3>");
			sb_add_html(
			    &b, textfmt_date_long(d, date, sizeof(date)));
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
		sbuf_adds(&b, "<footer class=\"subscribe\">\n<p>");
		sb_add_html(
		    &b, _("Get the visits straight into your calendar:"));
		sbuf_adds(&b, "</p>\n<p>");
		if (has_prefix(webcal_url, "webcal://") ||
		    has_prefix(webcal_url, "webcals://")) {
			sbuf_adds(&b, "<a href=\"");
			sb_add_html(&b, webcal_url);
			sbuf_adds(&b, "\">");
			sb_add_html(&b, _("Subscribe in your calendar"));
			sbuf_adds(&b, "</a>");
		}
		if (has_prefix(feed_url, "https://") ||
		    has_prefix(feed_url, "http://")) {
			sbuf_adds(&b, "<a href=\"");
			sb_add_html(&b, feed_url);
			sbuf_adds(&b, "\">");
			sb_add_html(&b, _("Calendar link (https)"));
			sbuf_adds(&b, "</a>");
		}
		sbuf_adds(&b, "</p>\n<p class=\"muted\">");
		sb_add_html(&b,
		    _("These links are private: share them only with the "
		      "staff who need them."));
		sbuf_adds(&b, "</p>\n</footer>\n");
	}
	sbuf_adds(&b, "</body>\n</html>\n");
	free(v);
	return b.s;
}

char *
weekpage_render(const struct model_instance *inst, size_t home_idx, int64_t now,
    const char *feed_url, const char *webcal_url, int lang)
{
	const struct tzmap *tz;
	enum i18n_lang was = i18n_current();
	char *out;

	if (inst == NULL || home_idx >= inst->nhomes ||
	    (tz = tzmap_get(inst->timezone)) == NULL)
		return NULL;
	i18n_use((enum i18n_lang)lang);
	out = render_in_language(inst, home_idx, now, feed_url, webcal_url, tz);
	i18n_use(was);
	return out;
}
