/* SPDX-License-Identifier: ISC */
/*
 * This file contains the week board without JavaScript (issue 19, screen
 * 1; "Without JavaScript" in docs/web.md): homes x days of one week from
 * the loaded state, each visit a link to its page (web_visit.c) with its
 * time, activity, the first names of its youths and its open positions;
 * previous/today/next as links and the filters (region, home, only
 * unfilled) as a GET form, the same query as the app's address (week,
 * region, home, open).  Nothing outside the user's homes is shown.  A
 * scope of more than WEB_BOARD_MAX_HOMES homes is not one page (1.5 MB of
 * HTML at 1,000 homes): the board shows one region, by default the user's
 * own when the scope is one region, else it asks for a region.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "api.h"
#include "civil.h"
#include "html.h"
#include "model.h"
#include "plan.h"
#include "publish.h"
#include "publish_state.h"
#include "rotad.h"
#include "state.h"
#include "textfmt.h"
#include "tzmap.h"
#include "users.h"
#include "web_board.h"
#include "web_page.h"
#include "xmalloc.h"

/* Homes on one page at most (about 1.5 KB of HTML each). */
#define WEB_BOARD_MAX_HOMES 60

struct view {
	int32_t week;       /* its Monday */
	const char *home;   /* "" for all */
	const char *region; /* "" for all */
	bool open;
	/* The regions of the homes in scope, sorted, each once. */
	const char **regions;
	size_t nregions;
	/* Too many homes for one page and no region or home chosen. */
	bool choose;
};

/* Whether home h is a row of the view (scope, region, home). */
static bool
home_shown(
    const struct user *u, const struct view *v, const struct model_home *h)
{
	return user_in_scope(u, h->id) &&
	    (!v->region[0] || model_home_in_region(h, v->region)) &&
	    (!v->home[0] || strcmp(h->id, v->home) == 0);
}

/* "/?week=...&region=...&home=...&open=1" for a week of the view. */
static void
board_href(struct sbuf *b, const struct view *v, int32_t week)
{
	char d[CIVIL_DATE_LEN];

	civil_format_date(week, d);
	html_raw(b, "/?week=");
	html_raw(b, d);
	/* Always with the region when there are regions: an empty one is
	 * "all regions", not the default. */
	if (v->nregions > 0) {
		html_raw(b, "&amp;region=");
		html_url_part(b, v->region);
	}
	if (v->home[0] != '\0') {
		html_raw(b, "&amp;home=");
		html_url_part(b, v->home);
	}
	if (v->open)
		html_raw(b, "&amp;open=1");
}

/*
 * One visit's link; with_names: the first names of its youths (not for a
 * viewer, who may not read youths: docs/api.md, Roles).
 */
static void
visit_link(struct sbuf *b, const struct model_instance *inst,
    const struct model_slot *s, const size_t *on, size_t non,
    const char *day_label, bool with_names, bool draft)
{
	char t0[CIVIL_HM_LEN], t1[CIVIL_HM_LEN], num[16], need[16];
	int open = plan_positions_of(s) - (int)non;
	struct sbuf names = {0};
	const char *activity =
	    s->activity && s->activity[0] ? s->activity : _("Visit");

	if (open < 0)
		open = 0;
	civil_format_hm(civil_wall_minute(s->start), t0);
	civil_format_hm(civil_wall_minute(s->end), t1);
	/* The first word of each name, as the feeds and the app show it. */
	for (size_t i = 0; with_names && i < non; i++) {
		const char *name = inst->youths[on[i]].name;
		if (i > 0)
			sbuf_adds(&names, ", ");
		sbuf_add(&names, name, strcspn(name, " "));
	}
	sbuf_add(&names, "", 0);
	snprintf(num, sizeof(num), "%d", open);
	snprintf(need, sizeof(need), "%d", s->needed);
	html_raw(b, "<a class=\"visit ");
	html_raw(b, open ? "visit-open" : "visit-full");
	if (draft)
		html_raw(b, " visit-draft\" data-draft=\"1");
	html_raw(b, "\" data-slot=\"");
	html_attr(b, s->id);
	html_raw(b, "\" href=\"/visits/");
	html_url_part(b, s->id);
	/* The link's name: what a reader of the cell sees, in words. */
	html_raw(b, "\" aria-label=\"");
	html_attr(b, inst->homes[s->home_idx].name);
	html_raw(b, ". ");
	html_attr(b, day_label);
	html_textf(b, ". %s\xe2\x80\x93%s. ", t0, t1);
	html_attr(b, activity);
	html_raw(b, ". ");
	if (non > 0 && with_names) {
		web_textv(b, _("Assigned: {names}"), "names", names.s, NULL);
		html_raw(b, ". ");
	} else if (non == 0) {
		html_text(b, _("Nobody assigned"));
		html_raw(b, ". ");
	}
	if (open)
		web_textv(b, _("{open} of {needed} positions open"), "open",
		    num, "needed", need, NULL);
	else
		html_text(b, _("Filled"));
	if (draft) {
		html_raw(b, ". ");
		html_text(b, _("Draft: not published yet"));
	}
	html_raw(b, "\"><span class=\"visit-time\">");
	html_textf(b, "%s\xe2\x80\x93%s", t0, t1);
	html_raw(b, "</span><span class=\"visit-activity\">");
	html_text(b, activity);
	html_raw(b, "</span>");
	if (non > 0 && with_names) {
		html_raw(b, "<span class=\"visit-people\">");
		html_text(b, names.s);
		html_raw(b, "</span>");
	}
	if (open) {
		html_raw(b, "<span class=\"badge badge-open\">");
		web_textv(b, _("{n} open"), "n", num, NULL);
		html_raw(b, "</span>");
	}
	if (draft) {
		html_raw(b, "<span class=\"badge badge-draft\">");
		html_text(b, _("Draft"));
		html_raw(b, "</span>");
	}
	html_raw(b, "</a>");
	sbuf_release(&names);
}

static void
toolbar(struct sbuf *b, const struct model_instance *inst, const struct user *u,
    const struct view *v, int32_t today)
{
	char d[CIVIL_DATE_LEN], wk[16], s0[TEXTFMT_MAX], s1[TEXTFMT_MAX];
	int y, w;

	civil_iso_week(v->week, &y, &w);
	snprintf(wk, sizeof(wk), "%d", w);
	html_raw(b,
	    "<div class=\"toolbar\"><div class=\"week-nav\" "
	    "role=\"group\" aria-label=\"");
	html_attr(b, _("Week"));
	html_raw(b, "\"><a class=\"btn btn-icon\" id=\"prev-week\" href=\"");
	board_href(b, v, v->week - 7);
	html_raw(b, "\" aria-label=\"");
	html_attr(b, _("Previous week"));
	html_raw(b, "\" title=\"");
	html_attr(b, _("Previous week"));
	html_raw(b,
	    "\"><span aria-hidden=\"true\">\xe2\x80\xb9</span></a>"
	    "<a class=\"btn\" id=\"this-week\" href=\"");
	board_href(b, v, civil_week_monday(today));
	html_raw(b, "\">");
	html_text(b, _("Today"));
	html_raw(b, "</a><a class=\"btn btn-icon\" id=\"next-week\" href=\"");
	board_href(b, v, v->week + 7);
	html_raw(b, "\" aria-label=\"");
	html_attr(b, _("Next week"));
	html_raw(b, "\" title=\"");
	html_attr(b, _("Next week"));
	html_raw(b,
	    "\"><span aria-hidden=\"true\">\xe2\x80\xba</span></a>"
	    "</div><h1 class=\"week-title\" id=\"week-title\">"
	    "<span class=\"week-no\">");
	web_textv(b, _("Week {n}"), "n", wk, NULL);
	html_raw(b, "</span> <span class=\"week-range\">");
	html_text(b, textfmt_date_short(v->week, s0, sizeof(s0)));
	html_raw(b, " \xe2\x80\x93 ");
	html_text(b, textfmt_date_short(v->week + 6, s1, sizeof(s1)));
	civil_ymd_from_days(v->week + 6, &y, &w, &w);
	html_textf(b, " %d", y);
	html_raw(b, "</span></h1>");
	/* The filters: a GET form, so that they work without a script. */
	civil_format_date(v->week, d);
	html_raw(b,
	    "<form class=\"filters\" method=\"get\" action=\"/\" "
	    "id=\"filters\"><input type=\"hidden\" name=\"week\" "
	    "value=\"");
	html_attr(b, d);
	html_raw(b, "\">");
	if (v->nregions > 0) {
		html_raw(b,
		    "<div class=\"filter\"><label for=\"filter-region\" "
		    "class=\"label-inline\">");
		html_text(b, _("Region"));
		html_raw(b,
		    "</label><select id=\"filter-region\" name=\"region\" "
		    "class=\"select\"><option value=\"\">");
		html_text(b, _("All regions"));
		html_raw(b, "</option>");
		for (size_t r = 0; r < v->nregions; r++) {
			html_raw(b, "<option value=\"");
			html_attr(b, v->regions[r]);
			html_raw(b, "\"");
			if (strcmp(v->regions[r], v->region) == 0)
				html_raw(b, " selected");
			html_raw(b, ">");
			html_text(b, v->regions[r]);
			html_raw(b, "</option>");
		}
		html_raw(b, "</select></div>");
	}
	html_raw(b,
	    "<div class=\"filter\"><label for=\"filter-home\" "
	    "class=\"label-inline\">");
	html_text(b, _("Home"));
	html_raw(b,
	    "</label><select id=\"filter-home\" name=\"home\" "
	    "class=\"select\"><option value=\"\">");
	html_text(b, _("All homes"));
	html_raw(b, "</option>");
	for (size_t h = 0; h < inst->nhomes; h++) {
		/* The homes of the chosen region (all: those in scope). */
		if (!user_in_scope(u, inst->homes[h].id) ||
		    (v->region[0] &&
		        !model_home_in_region(&inst->homes[h], v->region)))
			continue;
		html_raw(b, "<option value=\"");
		html_attr(b, inst->homes[h].id);
		html_raw(b, "\"");
		if (strcmp(inst->homes[h].id, v->home) == 0)
			html_raw(b, " selected");
		html_raw(b, ">");
		html_text(b, inst->homes[h].name);
		html_raw(b, "</option>");
	}
	html_raw(b,
	    "</select></div><div class=\"filter filter-check\">"
	    "<input type=\"checkbox\" id=\"filter-open\" name=\"open\" "
	    "value=\"1\" class=\"checkbox\"");
	if (v->open)
		html_raw(b, " checked");
	html_raw(b, "><label for=\"filter-open\">");
	html_text(b, _("Only unfilled"));
	html_raw(b,
	    "</label></div><button class=\"btn btn-small\" "
	    "type=\"submit\" id=\"filter-show\">");
	html_text(b, _("Show"));
	html_raw(b, "</button></form></div>");
}

/* Slot indexes by home, then start, then index (qsort_r, arg: inst). */
static int
by_home_then_start(const void *pa, const void *pb, void *arg)
{
	const struct model_instance *inst = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	const struct model_slot *x = &inst->slots[a], *y = &inst->slots[b];

	if (x->home_idx != y->home_idx)
		return x->home_idx < y->home_idx ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* The week's table: the homes in scope (and the filter) x 7 days. */
static void
table(struct sbuf *b, const struct model_instance *inst, const struct user *u,
    const struct view *v, int32_t today, const struct publish_diff *drafts)
{
	int64_t from = (int64_t)v->week * 1440, to = from + 7 * 1440;
	size_t *count = xcalloc(inst->nslots + 1, sizeof(*count));
	size_t *start = xcalloc(inst->nslots + 2, sizeof(*start));
	size_t *on = xcalloc(inst->nassignments + 1, sizeof(*on));
	size_t *fill = xcalloc(inst->nslots + 1, sizeof(*fill));
	bool *shown = xcalloc(inst->nslots + 1, sizeof(*shown));
	bool *home_has = xcalloc(inst->nhomes + 1, sizeof(*home_has));
	size_t *order = xcalloc(inst->nslots + 1, sizeof(*order));
	size_t nshown = 0, pos = 0;
	char labels[7][2 * TEXTFMT_MAX], num[16];
	size_t visits = 0, open_total = 0, rows = 0;
	bool names = u->role >= USER_ROLE_COORDINATOR;

	/* The active assignments of each slot (a counting sort). */
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE)
			count[inst->assignments[i].slot_idx]++;
	for (size_t s = 0; s < inst->nslots; s++)
		start[s + 1] = start[s] + count[s];
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status == MODEL_ASSIGNMENT_ACTIVE)
			on[start[a->slot_idx] + fill[a->slot_idx]++] =
			    a->youth_idx;
	}
	for (size_t s = 0; s < inst->nslots; s++) {
		const struct model_slot *sl = &inst->slots[s];
		int open = plan_positions_of(sl) - (int)count[s];
		if (sl->start < from || sl->start >= to ||
		    !home_shown(u, v, &inst->homes[sl->home_idx]) ||
		    (v->open && open <= 0))
			continue;
		shown[s] = true;
		home_has[sl->home_idx] = true;
		visits++;
		open_total += open > 0 ? (size_t)open : 0;
	}
	/*
	 * The shown slots by home, then start: each row and day is then one
	 * stretch of this list (not a pass over every slot per cell, which
	 * at 1,000 homes was 7,000 passes over 13,000 slots).
	 */
	for (size_t s = 0; s < inst->nslots; s++)
		if (shown[s])
			order[nshown++] = s;
	qsort_r(
	    order, nshown, sizeof(*order), by_home_then_start, (void *)inst);
	html_raw(b, "<p class=\"summary\" role=\"status\"><span>");
	snprintf(num, sizeof(num), "%zu", visits);
	web_textv(b, _("Visits: {n}"), "n", num, NULL);
	html_raw(b, "</span> <span");
	if (open_total)
		html_raw(b, " class=\"summary-open\"");
	html_raw(b, ">");
	snprintf(num, sizeof(num), "%zu", open_total);
	web_textv(b, _("Open positions: {n}"), "n", num, NULL);
	html_raw(b, "</span></p>");
	if (drafts != NULL && u->role >= USER_ROLE_COORDINATOR) {
		char d0[CIVIL_DATE_LEN], d6[CIVIL_DATE_LEN];
		civil_format_date(v->week, d0);
		civil_format_date(v->week + 6, d6);
		snprintf(num, sizeof(num), "%zu", drafts->ngroups);
		html_raw(
		    b, "<div class=\"publish-bar\"><span id=\"draft-count\">");
		web_textv(b, _("Drafts: {n}"), "n", num, NULL);
		html_raw(b,
		    "</span><a class=\"btn btn-small\" id=\"publish-open\" "
		    "href=\"/publish?from=");
		html_raw(b, d0);
		html_raw(b, "&amp;to=");
		html_raw(b, d6);
		html_raw(b, "\">");
		html_text(b, _("Publish..."));
		html_raw(b, "</a></div>");
	}
	for (size_t h = 0; h < inst->nhomes; h++)
		if (home_shown(u, v, &inst->homes[h]) &&
		    (!v->open || home_has[h]))
			rows++;
	if (rows == 0 || (v->open && visits == 0)) {
		html_raw(b,
		    "<div class=\"state state-empty\"><p "
		    "class=\"state-title\">");
		html_text(b,
		    v->open ? _("Every visit this week is filled.")
		            : _("No visits this week."));
		html_raw(b, "</p></div>");
		goto done;
	}
	for (int d = 0; d < 7; d++) {
		char s0[TEXTFMT_MAX];
		snprintf(labels[d], sizeof(labels[d]), "%s",
		    textfmt_date_long(v->week + d, s0, sizeof(s0)));
	}
	if (visits == 0) {
		html_raw(b, "<p class=\"notice notice-info\" role=\"status\">");
		html_text(b, _("No visits this week."));
		html_raw(b, "</p>");
	}
	html_raw(b,
	    "<div class=\"board-scroll\"><table class=\"board\">"
	    "<thead><tr><th scope=\"col\" class=\"col-home\">");
	html_text(b, _("Home"));
	html_raw(b, "</th>");
	for (int d = 0; d < 7; d++) {
		char s0[TEXTFMT_MAX];
		bool now = v->week + d == today;
		html_raw(b,
		    now ? "<th scope=\"col\" class=\"col-day is-today\" "
		          "aria-current=\"date\">"
		        : "<th scope=\"col\" class=\"col-day\">");
		html_raw(b, "<span class=\"day-date\">");
		html_text(b, textfmt_date_short(v->week + d, s0, sizeof(s0)));
		html_raw(b, "</span></th>");
	}
	html_raw(b, "</tr></thead><tbody>");
	for (size_t h = 0; h < inst->nhomes; h++) {
		const struct model_home *home = &inst->homes[h];
		if (!home_shown(u, v, home) || (v->open && !home_has[h]))
			continue;
		html_raw(b, "<tr><th scope=\"row\" class=\"cell-home\">");
		html_text(b, home->name);
		html_raw(b, "</th>");
		/* The home's shown slots, from `pos` on, in start order. */
		while (pos < nshown && inst->slots[order[pos]].home_idx < h)
			pos++;
		for (int d = 0; d < 7; d++) {
			int64_t d0 = from + (int64_t)d * 1440, d1 = d0 + 1440;
			bool any = false;
			size_t *day, nday;
			while (pos < nshown &&
			    inst->slots[order[pos]].home_idx == h &&
			    inst->slots[order[pos]].start < d0)
				pos++;
			day = order + pos;
			for (nday = 0; pos < nshown &&
			     inst->slots[order[pos]].home_idx == h &&
			     inst->slots[order[pos]].start < d1;
			     nday++)
				pos++;
			any = nday > 0;
			html_raw(b, "<td class=\"cell");
			if (!any)
				html_raw(b, " cell-empty");
			if (v->week + d == today)
				html_raw(b, " is-today");
			html_raw(b, "\" data-day=\"");
			html_attr(b, labels[d]);
			html_raw(b, "\">");
			if (any) {
				html_raw(b, "<ul class=\"visits\">");
				for (size_t i = 0; i < nday; i++) {
					size_t s = day[i];
					html_raw(b, "<li>");
					visit_link(b, inst, &inst->slots[s],
					    on + start[s], count[s], labels[d],
					    names,
					    drafts != NULL &&
					        publish_diff_has_group(
					            drafts, inst->slots[s].id));
					html_raw(b, "</li>");
				}
				html_raw(b, "</ul>");
			}
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
done:
	free(count);
	free(start);
	free(on);
	free(fill);
	free(shown);
	free(home_has);
	free(order);
}

/* Instead of the table: too many homes; the regions as links. */
static void
choose_region(struct sbuf *b, const struct model_instance *inst,
    const struct user *u, struct view *v, size_t nhomes)
{
	char num[16];

	snprintf(num, sizeof(num), "%zu", nhomes);
	html_raw(b,
	    "<div class=\"state state-empty\" id=\"choose-region\"><p "
	    "class=\"state-title\">");
	html_text(b, _("Choose a region"));
	html_raw(b, "</p><p>");
	web_textv(b,
	    _("{n} homes are too many for one page: choose a region, or a "
	      "home."),
	    "n", num, NULL);
	html_raw(b, "</p><ul class=\"region-list\">");
	for (size_t r = 0; r < v->nregions; r++) {
		size_t n = 0;
		for (size_t h = 0; h < inst->nhomes; h++)
			n += user_in_scope(u, inst->homes[h].id) &&
			    model_home_in_region(
			        &inst->homes[h], v->regions[r]);
		v->region = v->regions[r];
		html_raw(b, "<li><a href=\"");
		board_href(b, v, v->week);
		html_raw(b, "\">");
		html_text(b, v->regions[r]);
		html_raw(b, "</a> ");
		snprintf(num, sizeof(num), "%zu", n);
		html_textf(b, "(%s)", num);
		html_raw(b, "</li>");
	}
	v->region = "";
	html_raw(b, "</ul></div>");
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The regions of the homes in scope into v (sorted, each once); returns
 * how many homes are in scope.
 */
static size_t
scope_regions(
    const struct model_instance *inst, const struct user *u, struct view *v)
{
	size_t n = 0, k = 0;

	v->regions = xcalloc(inst->nhomes + 1, sizeof(*v->regions));
	for (size_t h = 0; h < inst->nhomes; h++) {
		if (!user_in_scope(u, inst->homes[h].id))
			continue;
		n++;
		if (inst->homes[h].region != NULL)
			v->regions[k++] = inst->homes[h].region;
	}
	qsort(v->regions, k, sizeof(*v->regions), cmp_name);
	v->nregions = 0;
	for (size_t i = 0; i < k; i++)
		if (v->nregions == 0 ||
		    strcmp(v->regions[v->nregions - 1], v->regions[i]) != 0)
			v->regions[v->nregions++] = v->regions[i];
	return n;
}

/* The region of the view: the query's if known, else the default. */
static const char *
view_region(const struct view *v, const struct user *u, const char *q)
{
	const char *want = q;

	/* No choice yet: the user's own region, when the scope is one. */
	if (want == NULL && u->nregions == 1 && u->nhomes == 0)
		want = u->regions[0];
	for (size_t r = 0; want != NULL && r < v->nregions; r++)
		if (strcmp(v->regions[r], want) == 0)
			return v->regions[r];
	return "";
}

bool
web_board_page(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	const struct tzmap *tz;
	const struct publish_snapshot *snap;
	struct publish_diff drafts;
	const char *w = api_query(ctx, "week"), *home = api_query(ctx, "home");
	const char *open = api_query(ctx, "open");
	const char *region = api_query(ctx, "region");
	char csrf[USERS_CSRF_LEN];
	struct rotad_error err;
	struct sbuf b = {0};
	struct view v;
	int32_t today, day;
	size_t nscope;

	i18n_use(web_lang(ctx));
	if (access_page(ctx, NULL, &err) == -1 || !web_csrf_of(ctx, csrf))
		return false;
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return true;
	}
	tz = tzmap_get(inst->timezone);
	today = civil_wall_date(
	    tz ? tzmap_to_wall(tz, api_now() / 60) : api_now() / 60);
	memset(&v, 0, sizeof(v));
	v.week = w != NULL && civil_parse_date(w, &day) == 0
	    ? civil_week_monday(day)
	    : civil_week_monday(today);
	nscope = scope_regions(inst, ctx->who, &v);
	/* A region outside the scope (or unknown) is "all regions". */
	v.region = view_region(&v, ctx->who, region);
	/* A home outside the scope or the region (or unknown) is no filter
	 * at all. */
	v.home = "";
	if (home != NULL) {
		long hi = state_find_home(inst, home);
		if (hi >= 0 && user_in_scope(ctx->who, home) &&
		    (!v.region[0] ||
		        model_home_in_region(&inst->homes[hi], v.region)))
			v.home = home;
	}
	v.open = open != NULL && strcmp(open, "1") == 0;
	/* Without regions there is nothing to choose: the whole board. */
	v.choose = !v.region[0] && !v.home[0] && v.nregions > 0 &&
	    nscope > WEB_BOARD_MAX_HOMES;
	web_topbar_at(&b, ctx, csrf, "board");
	html_raw(&b, "<main id=\"main\" class=\"main\">");
	toolbar(&b, inst, ctx->who, &v, today);
	/*
	 * Manual publishing: the week's visits that differ from what was
	 * published (the groups a publish of the week would copy) are drafts.
	 */
	rotad_error_clear(&err);
	if ((snap = publish_snapshot_get(ctx->rd, &err)) != NULL) {
		struct publish_range r = {v.week, v.week + 6, NULL, 0};
		publish_diff_make(&drafts, inst, snap, &r);
	}
	html_raw(&b, "<div id=\"board\" class=\"board-area\">");
	if (v.choose)
		choose_region(&b, inst, ctx->who, &v, nscope);
	else
		table(&b, inst, ctx->who, &v, today,
		    snap != NULL ? &drafts : NULL);
	html_raw(&b, "</div></main>");
	if (snap != NULL)
		publish_diff_free(&drafts);
	free(v.regions);
	web_send(ctx, 200, _("rota: plan the week"), &b, false);
	sbuf_release(&b);
	return true;
}
