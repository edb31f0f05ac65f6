/* SPDX-License-Identifier: ISC */
/*
 * This file contains the youth's own page (youthpage.h): which visits a
 * youth may take (through candidates.c, the gate's own answers), and the
 * page itself: a small phone-first HTML document with forms and links
 * only, escaped with the week page's escaping (weekpage.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "candidates.h"
#include "civil.h"
#include "feed.h"
#include "i18n.h"
#include "model.h"
#include "plan.h"
#include "rules.h"
#include "sbuf.h"
#include "textfmt.h"
#include "tzmap.h"
#include "weekpage.h"
#include "xmalloc.h"
#include "youthpage.h"

#define DASH "\xe2\x80\x93" /* U+2013 EN DASH */

/*
 * The schedule as it would be without giver's assignment on slot: inst
 * itself when giver < 0, else *swap with an array of its own (freed by
 * the caller, swap->assignments, when giver >= 0).
 */
static const struct model_instance *
without_giver(const struct model_instance *inst, size_t slot, long giver,
    struct model_instance *swap)
{
	if (giver < 0)
		return inst;
	*swap = *inst;
	swap->assignments =
	    xcalloc(inst->nassignments + 1, sizeof(*swap->assignments));
	memcpy(swap->assignments, inst->assignments,
	    inst->nassignments * sizeof(*swap->assignments));
	for (size_t i = 0; i < swap->nassignments; i++)
		if (swap->assignments[i].slot_idx == slot &&
		    swap->assignments[i].youth_idx == (size_t)giver)
			swap->assignments[i].status =
			    MODEL_ASSIGNMENT_CANCELLED;
	return swap;
}

/* youthpage_may_take() with the rules context `ctx` made for inst (the
 * open visits of one page share one), or NULL: a context of its own. */
static int
may_take(struct rules_ctx *ctx, const struct model_instance *inst,
    const struct tzmap *tz, size_t youth, size_t slot, long giver,
    struct rules_report *why, char *err, size_t errlen)
{
	struct model_instance swap;
	const struct model_instance *in;
	struct candidate_list l;
	bool *visible;
	int rc = 0;

	if (youth >= inst->nyouths || slot >= inst->nslots) {
		snprintf(err, errlen, "no such youth or visit");
		return -1;
	}
	in = without_giver(inst, slot, giver, &swap);
	visible = xcalloc(inst->nyouths + 1, sizeof(*visible));
	visible[youth] = true;
	/* The swap differs from inst in its assignments only, which the
	 * context does not read (candidates.h). */
	if ((ctx != NULL ? candidates_compute_ctx(ctx, in, tz, slot, visible,
	                       NULL, &l, err, errlen)
	                 : candidates_compute(in, tz, slot, visible, NULL, &l,
	                       err, errlen)) == -1) {
		rc = -1;
		goto done;
	}
	for (size_t i = 0; i < l.n; i++) {
		if (l.c[i].youth != youth)
			continue;
		rc = l.c[i].eligible ? 1 : 0;
		if (rc == 0 && why != NULL)
			(void)candidates_reasons(&l, &l.c[i], why);
		break;
	}
	candidates_free(&l);
done:
	free(visible);
	if (giver >= 0)
		free(swap.assignments);
	return rc;
}

int
youthpage_may_take(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth, size_t slot, long giver, struct rules_report *why, char *err,
    size_t errlen)
{
	return may_take(NULL, inst, tz, youth, slot, giver, why, err, errlen);
}

static bool
may_work_at(const struct model_youth *y, size_t home)
{
	if (!y->homes_limited)
		return true;
	for (size_t i = 0; i < y->nhomes; i++)
		if (y->homes_idx != NULL && y->homes_idx[i] == home)
			return true;
	return false;
}

int
youthpage_takers(const struct model_instance *inst, const struct tzmap *tz,
    size_t slot, long giver, const bool *want, size_t **out, size_t *n,
    char *err, size_t errlen)
{
	struct model_instance swap;
	const struct model_instance *in;
	struct candidate_list l;
	bool *visible;
	size_t home;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (slot >= inst->nslots ||
	    (giver >= 0 && (size_t)giver >= inst->nyouths)) {
		snprintf(err, errlen, "no such youth or visit");
		return -1;
	}
	home = inst->slots[slot].home_idx;
	visible = xcalloc(inst->nyouths + 1, sizeof(*visible));
	for (size_t y = 0; y < inst->nyouths; y++)
		visible[y] = (want == NULL || want[y]) && (long)y != giver &&
		    may_work_at(&inst->youths[y], home);
	in = without_giver(inst, slot, giver, &swap);
	/* Eligibility is per youth (candidates.h), so one list over all of
	 * them answers youthpage_may_take() for each, in its rank order. */
	if (candidates_compute(in, tz, slot, visible, NULL, &l, err, errlen) ==
	    -1) {
		rc = -1;
		goto done;
	}
	*out = xcalloc(l.neligible + 1, sizeof(**out));
	for (size_t i = 0; i < l.neligible; i++)
		(*out)[i] = l.c[i].youth;
	*n = l.neligible;
	candidates_free(&l);
done:
	free(visible);
	if (giver >= 0)
		free(swap.assignments);
	return rc;
}

static bool
is_on(const struct model_instance *inst, size_t youth, size_t slot)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].slot_idx == slot &&
		    inst->assignments[i].youth_idx == youth &&
		    inst->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE)
			return true;
	return false;
}

static const struct model_instance *sort_inst;

static int
offer_cmp(const void *va, const void *vb)
{
	const struct youthpage_offer *a = va, *b = vb;
	const struct model_slot *x = &sort_inst->slots[a->slot];
	const struct model_slot *y = &sort_inst->slots[b->slot];

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->id, y->id);
}

static bool
in_window(const struct model_slot *s, int64_t now_wall)
{
	int32_t today = civil_wall_date(now_wall);

	return !s->cancelled && s->start >= now_wall &&
	    civil_wall_date(s->start) < today + YOUTHPAGE_DAYS;
}

int
youthpage_open_visits(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth, int64_t now_wall, const struct youthpage_offer *given,
    size_t n_given, struct youthpage_offer **out, size_t *n, char *err,
    size_t errlen)
{
	const struct model_youth *y = &inst->youths[youth];
	struct rules_ctx *ctx = NULL; /* made at the first visit to check */
	int *open = plan_open_positions(inst);
	bool *on = xcalloc(inst->nslots + 1, sizeof(*on));
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	/* The youth's own visits, once: not offered to them. */
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].youth_idx == youth &&
		    inst->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE)
			on[inst->assignments[i].slot_idx] = true;
	for (size_t s = 0; s < inst->nslots + n_given; s++) {
		struct youthpage_offer o = {0, -1, 0};

		if (s < inst->nslots) {
			const struct model_slot *sl = &inst->slots[s];
			if (open[s] <= 0 || on[s] || !in_window(sl, now_wall) ||
			    !may_work_at(y, sl->home_idx))
				continue;
			o.slot = s;
		} else {
			o = given[s - inst->nslots];
			/* An open position is listed as such already. */
			if (o.giver < 0 || (size_t)o.giver == youth ||
			    o.slot >= inst->nslots || open[o.slot] > 0 ||
			    on[o.slot] ||
			    !in_window(&inst->slots[o.slot], now_wall) ||
			    !may_work_at(y, inst->slots[o.slot].home_idx) ||
			    !is_on(inst, (size_t)o.giver, o.slot))
				continue;
		}
		if (ctx == NULL &&
		    (ctx = rules_ctx_new(inst, tz, err, errlen)) == NULL)
			rc = -1;
		else
			rc = may_take(ctx, inst, tz, youth, o.slot, o.giver,
			    NULL, err, errlen);
		if (rc == -1) {
			rules_ctx_free(ctx);
			free(open);
			free(on);
			free(*out);
			*out = NULL;
			*n = 0;
			return -1;
		}
		if (rc == 0)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xreallocarray(*out, cap, sizeof(**out));
		}
		(*out)[(*n)++] = o;
	}
	rules_ctx_free(ctx);
	free(open);
	free(on);
	if (*n > 1) {
		sort_inst = inst;
		qsort(*out, *n, sizeof(**out), offer_cmp);
		sort_inst = NULL;
	}
	return 0;
}

/* ---- the page ---- */

static const char style[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "sans-serif;line-height:1.45;color:#111;background:#fff;"
    "max-width:36rem;margin:0 auto;padding:1rem;font-size:1.05rem}"
    "h1{font-size:1.5rem;margin:0 0 .5rem}"
    "h2{font-size:1.2rem;margin:1.75rem 0 .5rem;"
    "border-bottom:2px solid #333}"
    "ul{list-style:none;margin:0;padding:0}"
    "li{padding:.6rem 0;border-bottom:1px solid #ddd}"
    ".when{font-weight:bold;display:block}"
    ".where{display:block}"
    ".muted{color:#454545}"
    ".notice{padding:.75rem;border:2px solid #1a5e20;background:#e8f5e9;"
    "border-radius:.3rem}"
    ".notice.bad{border-color:#8b1a1a;background:#fdecea}"
    "form{margin:.4rem 0 0}"
    "button{font:inherit;padding:.55rem 1rem;min-height:2.75rem;"
    "border:2px solid #0b4f8a;border-radius:.3rem;background:#0b4f8a;"
    "color:#fff;cursor:pointer}"
    "button.quiet{background:#fff;color:#0b4f8a}"
    "button:focus-visible,a:focus-visible,input:focus-visible{"
    "outline:3px solid #e3a21a;outline-offset:2px}"
    "label{display:block;margin:.5rem 0 .2rem;font-weight:bold}"
    "input{font:inherit;padding:.4rem;min-height:2.5rem;"
    "border:1px solid #555;border-radius:.3rem;box-sizing:border-box;"
    "width:100%;max-width:14rem}"
    ".times{display:flex;gap:1rem;flex-wrap:wrap}"
    ".subscribe a{display:inline-block;margin:.25rem 1rem .25rem 0;"
    "padding:.5rem .75rem;border:1px solid #333;border-radius:.3rem;"
    "color:#111}";

const char *
youthpage_style(void)
{
	return style;
}

static bool
has_prefix(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

static void
add_html(struct sbuf *b, const char *s)
{
	weekpage_add_html(b, s);
}

static int
str_cmp(const void *va, const void *vb)
{
	return strcmp(*(char *const *)va, *(char *const *)vb);
}

/* The first names of the others actively on slot s, escaped; how many. */
static size_t
add_colleagues(
    struct sbuf *b, const struct model_instance *inst, size_t s, size_t youth)
{
	char **names = NULL;
	size_t n = 0;

	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->slot_idx != s || a->youth_idx == youth ||
		    a->youth_idx >= inst->nyouths ||
		    a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] =
		    feed_first_name_dup(inst->youths[a->youth_idx].name);
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), str_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sbuf_adds(b, ", ");
		add_html(b, names[i]);
		free(names[i]);
	}
	free(names);
	return n;
}

/* "Monday 4 January, 16:00–18:00", then the home and the activity. */
static void
add_when_where(struct sbuf *b, const struct model_instance *inst, size_t s)
{
	const struct model_slot *sl = &inst->slots[s];
	char date[TEXTFMT_MAX], from[TEXTFMT_MAX], to[TEXTFMT_MAX];

	textfmt_date_long(civil_wall_date(sl->start), date, sizeof(date));
	textfmt_time(civil_wall_minute(sl->start), from, sizeof(from));
	textfmt_time(civil_wall_minute(sl->end), to, sizeof(to));
	sbuf_adds(b, "<span class=\"when\">");
	add_html(b, date);
	sbuf_addf(b, ", %s" DASH "%s</span>", from, to);
	sbuf_adds(b, "<span class=\"where\">");
	add_html(
	    b, sl->activity && sl->activity[0] ? sl->activity : _("Visit"));
	sbuf_adds(b, " " DASH " ");
	add_html(b, inst->homes[sl->home_idx].name);
	sbuf_adds(b, "</span>");
}

static void
add_form(struct sbuf *b, const struct youthpage_view *v, const char *what,
    const char *slot_id, const char *label, bool quiet)
{
	sbuf_adds(b, "<form method=\"post\" action=\"");
	add_html(b, v->action);
	sbuf_addf(b, "/%s\">", what);
	sbuf_adds(b, "<input type=\"hidden\" name=\"slot\" value=\"");
	add_html(b, slot_id);
	sbuf_addf(b, "\"><button type=\"submit\"%s>",
	    quiet ? " class=\"quiet\"" : "");
	add_html(b, label);
	sbuf_adds(b, "</button></form>");
}

struct mine {
	size_t slot;
	int64_t start;
};

static int
mine_cmp(const void *va, const void *vb)
{
	const struct mine *a = va, *b = vb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->slot > b->slot) - (a->slot < b->slot);
}

static void
add_upcoming(struct sbuf *b, const struct model_instance *inst, size_t youth,
    int64_t now_wall, const struct youthpage_view *v)
{
	struct mine *m = NULL;
	size_t n = 0;

	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const struct model_slot *sl;
		if (a->youth_idx != youth ||
		    a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		sl = &inst->slots[a->slot_idx];
		if (sl->end <= now_wall ||
		    civil_wall_date(sl->start) >=
		        civil_wall_date(now_wall) + YOUTHPAGE_DAYS)
			continue;
		m = xreallocarray(m, n + 1, sizeof(*m));
		m[n].slot = a->slot_idx;
		m[n].start = sl->start;
		n++;
	}
	if (n > 1)
		qsort(m, n, sizeof(*m), mine_cmp);
	sbuf_adds(b, "<section aria-labelledby=\"mine\">\n<h2 id=\"mine\">");
	add_html(b, _("Your visits in the next four weeks"));
	sbuf_adds(b, "</h2>\n");
	if (n == 0) {
		sbuf_adds(b, "<p>");
		add_html(b, _("You have no visits in the next four weeks."));
		sbuf_adds(b, "</p>\n");
	} else
		sbuf_adds(b, "<ul id=\"my-visits\">\n");
	for (size_t i = 0; i < n; i++) {
		struct sbuf who = {0};
		bool giving = false;

		for (size_t k = 0; k < v->ngiving; k++)
			giving = giving || v->giving[k] == m[i].slot;
		sbuf_adds(b, "<li>");
		add_when_where(b, inst, m[i].slot);
		if (add_colleagues(&who, inst, m[i].slot, youth) > 0) {
			sbuf_adds(b, "<span class=\"muted\">");
			/* TRANSLATORS: the colleagues on a youth's visit,
			   first names; bokmål "Sammen med: %s". */
			weekpage_add_textf(b, _("With: %s"), who.s, true);
			sbuf_adds(b, "</span>");
		}
		free(who.s);
		if (giving) {
			sbuf_adds(b, "<p class=\"muted\">");
			add_html(b,
			    _("You are giving this visit away. It stays "
			      "yours until a colleague takes it."));
			sbuf_adds(b, "</p>");
		} else if (inst->slots[m[i].slot].start > now_wall)
			add_form(b, v, "give-away", inst->slots[m[i].slot].id,
			    _("Give away"), true);
		sbuf_adds(b, "</li>\n");
	}
	if (n > 0)
		sbuf_adds(b, "</ul>\n");
	sbuf_adds(b, "</section>\n");
	free(m);
}

static void
add_open(struct sbuf *b, const struct model_instance *inst,
    const struct youthpage_view *v)
{
	sbuf_adds(b, "<section aria-labelledby=\"open\">\n<h2 id=\"open\">");
	add_html(b, _("Open visits you can take"));
	sbuf_adds(b, "</h2>\n");
	if (v->nopen == 0) {
		sbuf_adds(b, "<p>");
		add_html(b, _("There are no open visits for you right now."));
		sbuf_adds(b, "</p>\n</section>\n");
		return;
	}
	sbuf_adds(b, "<ul id=\"open-visits\">\n");
	for (size_t i = 0; i < v->nopen; i++) {
		sbuf_adds(b, "<li>");
		add_when_where(b, inst, v->open[i].slot);
		if (v->open[i].giver >= 0) {
			sbuf_adds(b, "<span class=\"muted\">");
			add_html(b, _("Offered by a colleague"));
			sbuf_adds(b, "</span>");
		}
		add_form(b, v, "claim", inst->slots[v->open[i].slot].id,
		    /* TRANSLATORS: the button that claims an open visit;
		       bokmål "Jeg tar den". */
		    _("I'll take it"), false);
		sbuf_adds(b, "</li>\n");
	}
	sbuf_adds(b, "</ul>\n</section>\n");
}

static void
add_pending(struct sbuf *b, const struct model_instance *inst,
    const struct youthpage_view *v)
{
	char date[TEXTFMT_MAX];

	if (v->npending == 0)
		return;
	sbuf_adds(b,
	    "<section aria-labelledby=\"waiting\">\n"
	    "<h2 id=\"waiting\">");
	add_html(b, _("Waiting for the coordinator"));
	sbuf_adds(b, "</h2>\n<ul id=\"pending\">\n");
	for (size_t i = 0; i < v->npending; i++) {
		const struct youthpage_pending *p = &v->pending[i];
		sbuf_adds(b, "<li>");
		if (p->day_off) {
			textfmt_date_long(
			    civil_wall_date(p->start), date, sizeof(date));
			sbuf_adds(b, "<span class=\"when\">");
			/* TRANSLATORS: a day off waiting for the coordinator,
			   the date; bokmål "Fri %s". */
			weekpage_add_textf(b, _("Day off %s"), date, false);
			sbuf_adds(b, "</span><span class=\"muted\">");
			add_html(b, _("You are on this visit:"));
			sbuf_adds(b, "</span>");
		} else {
			sbuf_adds(b, "<span class=\"muted\">");
			add_html(b, _("You have asked for this visit:"));
			sbuf_adds(b, "</span>");
		}
		add_when_where(b, inst, p->slot);
		sbuf_adds(b, "</li>\n");
	}
	sbuf_adds(b, "</ul>\n</section>\n");
}

static void
add_day_off(struct sbuf *b, const struct youthpage_view *v)
{
	sbuf_adds(
	    b, "<section aria-labelledby=\"dayoff\">\n<h2 id=\"dayoff\">");
	add_html(b, _("Days off"));
	sbuf_adds(b, "</h2>\n<p>");
	add_html(b,
	    _("Tell us when you can't come. Leave the times empty "
	      "for the whole day."));
	sbuf_adds(b, "</p>\n<form method=\"post\" action=\"");
	add_html(b, v->action);
	sbuf_adds(b, "/day-off\">\n<label for=\"date\">");
	add_html(b, _("Date"));
	sbuf_adds(b,
	    "</label><input type=\"date\" id=\"date\" name=\"date\" "
	    "required>\n<div class=\"times\"><div><label "
	    "for=\"from\">");
	add_html(b, _("From (optional)"));
	sbuf_adds(b,
	    "</label><input type=\"time\" id=\"from\" name=\"from\">"
	    "</div><div><label for=\"to\">");
	add_html(b, _("To (optional)"));
	sbuf_adds(b,
	    "</label><input type=\"time\" id=\"to\" name=\"to\">"
	    "</div></div>\n<p><button type=\"submit\">");
	add_html(b, _("I can't come then"));
	sbuf_adds(b, "</button></p>\n</form>\n</section>\n");
}

static char *
render(const struct model_instance *inst, size_t youth,
    const struct youthpage_view *v, const struct tzmap *tz)
{
	const struct model_youth *y = &inst->youths[youth];
	int64_t now_wall = tzmap_to_wall(
	    tz, v->now >= 0 ? v->now / 60 : -((-v->now + 59) / 60));
	struct sbuf b = {0};
	char *first = feed_first_name_dup(y->name);

	sbuf_addf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n",
	    i18n_tag(i18n_current()));
	sbuf_adds(&b,
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
	    "<title>");
	add_html(&b, _("Your visits"));
	sbuf_addf(&b, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
	sbuf_adds(&b, "<header>\n<h1>");
	/* TRANSLATORS: the youth page's greeting, the youth's first name;
	   bokmål "Hei, %s!". */
	weekpage_add_textf(&b, _("Hi, %s!"), first, false);
	sbuf_adds(&b, "</h1>\n</header>\n<main>\n");
	free(first);
	if (v->notice != NULL) {
		sbuf_addf(&b,
		    "<div class=\"notice%s\" role=\"%s\" id=\"notice\">"
		    "<p>",
		    v->notice_bad ? " bad" : "",
		    v->notice_bad ? "alert" : "status");
		add_html(&b, v->notice);
		sbuf_adds(&b, "</p>");
		if (v->nreasons > 0) {
			sbuf_adds(&b, "<ul class=\"reasons\">");
			for (size_t i = 0; i < v->nreasons; i++) {
				sbuf_adds(&b, "<li>");
				add_html(&b, v->reasons[i]);
				sbuf_adds(&b, "</li>");
			}
			sbuf_adds(&b, "</ul>");
		}
		sbuf_adds(&b, "</div>\n");
	}
	add_upcoming(&b, inst, youth, now_wall, v);
	add_pending(&b, inst, v);
	add_open(&b, inst, v);
	add_day_off(&b, v);
	sbuf_adds(&b, "</main>\n");
	if (has_prefix(v->webcal_url, "webcal://") ||
	    has_prefix(v->webcal_url, "webcals://") ||
	    has_prefix(v->feed_url, "https://") ||
	    has_prefix(v->feed_url, "http://")) {
		sbuf_adds(&b, "<footer class=\"subscribe\">\n<h2>");
		add_html(&b, _("Your calendar"));
		sbuf_adds(&b, "</h2>\n<p>");
		add_html(&b,
		    _("Get your visits straight into your phone's "
		      "calendar:"));
		sbuf_adds(&b, "</p>\n<p>");
		if (has_prefix(v->webcal_url, "webcal://") ||
		    has_prefix(v->webcal_url, "webcals://")) {
			sbuf_adds(&b, "<a id=\"subscribe\" href=\"");
			add_html(&b, v->webcal_url);
			sbuf_adds(&b, "\">");
			add_html(&b, _("Subscribe in your calendar"));
			sbuf_adds(&b, "</a>");
		}
		if (has_prefix(v->feed_url, "https://") ||
		    has_prefix(v->feed_url, "http://")) {
			sbuf_adds(&b, "<a href=\"");
			add_html(&b, v->feed_url);
			sbuf_adds(&b, "\">");
			add_html(&b, _("Calendar link (https)"));
			sbuf_adds(&b, "</a>");
		}
		sbuf_adds(&b, "</p>\n<p class=\"muted\">");
		add_html(&b,
		    _("This page and its links are yours alone. Don't "
		      "share them."));
		sbuf_adds(&b, "</p>\n</footer>\n");
	}
	sbuf_adds(&b, "</body>\n</html>\n");
	return b.s;
}

char *
youthpage_render(const struct model_instance *inst, size_t youth,
    const struct youthpage_view *v, int lang)
{
	const struct tzmap *tz;
	enum i18n_lang was = i18n_current();
	char *out;

	if (inst == NULL || youth >= inst->nyouths ||
	    (tz = tzmap_get(inst->timezone)) == NULL)
		return NULL;
	i18n_use((enum i18n_lang)lang);
	out = render(inst, youth, v, tz);
	i18n_use(was);
	return out;
}
