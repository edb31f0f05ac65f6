/* SPDX-License-Identifier: ISC */
/*
 * This file contains the two read-only planning panels of issue 19:
 *
 *   GET /api/v1/slots/{id}/candidates   who can take the visit, ranked,
 *                                       and every reason for the others
 *   GET /api/v1/youths/{id}/limits      the youth's legal caps on some
 *                                       dates, against the minutes used
 *
 * The answers come from candidates.c (pure); this file parses the query,
 * cuts the list to the caller's scope and renders JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "api.h"
#include "api_util.h"
#include "candidates.h"
#include "civil.h"
#include "i18n.h"
#include "model.h"
#include "rotad.h"
#include "rules.h"
#include "tzmap.h"
#include "xmalloc.h"

#define LIMITS_MAX_DAYS 366 /* the longest from..to of a limits request */

static json_t *
reasons_json(const struct rules_report *rep)
{
	json_t *a = json_array();

	/* As rules_json.c does: a message that is not UTF-8 (a name cut
	 * inside a character) is left out, not the reason. */
	for (size_t i = 0; i < rep->n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "rule", json_string(rep->v[i].rule_id));
		json_object_set_new(
		    o, "reference", json_string(rep->v[i].reference));
		json_object_set_new(
		    o, "message", json_string(rep->v[i].message));
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * Whether each youth's own schedule already breaks a rule, as learnt by
 * earlier requests (candidates.h, enum candidates_memo): it holds for
 * one stored state, so it is dropped when the data version or the cached
 * instance changes.  Loop thread only.
 */
static struct {
	const struct rotad *rd;
	const struct model_instance *inst;
	uint64_t version;
	unsigned char *memo;
} memo_cache;

static unsigned char *
memo_for(struct api_ctx *ctx, const struct model_instance *inst)
{
	if (memo_cache.rd != ctx->rd || memo_cache.inst != inst ||
	    memo_cache.version != ctx->rd->data_version) {
		free(memo_cache.memo);
		memo_cache.rd = ctx->rd;
		memo_cache.inst = inst;
		memo_cache.version = ctx->rd->data_version;
		memo_cache.memo =
		    xcalloc(inst->nyouths + 1, sizeof(*memo_cache.memo));
	}
	return memo_cache.memo;
}

/* The position to start at: the next_cursor of the previous page. */
static int
cursor_param(struct api_ctx *ctx, const char *cursor, size_t *pos)
{
	char *end;
	long v;

	*pos = 0;
	if (cursor == NULL)
		return 0;
	v = strtol(cursor, &end, 10);
	if (*cursor < '0' || *cursor > '9' || *end != '\0' || v < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "cursor",
		    "cursor must be the next_cursor of the previous page");
		return -1;
	}
	*pos = (size_t)v;
	return 0;
}

static void
candidates_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	const struct tzmap *tz;
	struct candidate_list l;
	const char *cursor;
	size_t limit, pos, end, total;
	bool only_eligible;
	bool *visible;
	char err[256], next[32];
	json_t *assigned, *items;
	long s;

	if (api_page_params(ctx, &limit, &cursor) == -1 ||
	    cursor_param(ctx, cursor, &pos) == -1 ||
	    api_bool_param(ctx, "eligible", &only_eligible) == -1)
		return;
	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	if ((s = model_find_slot(inst, ctx->params[0])) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no %s has id '%s'", _("slot"), ctx->params[0]);
		return;
	}
	if ((tz = tzmap_get(inst->timezone)) == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
		    "time zone '%s' cannot be loaded", inst->timezone);
		return;
	}
	/* The youths list's scope: the others are not shown at all. */
	visible = xcalloc(inst->nyouths + 1, sizeof(*visible));
	for (size_t y = 0; y < inst->nyouths; y++)
		visible[y] = access_youth_visible(ctx, &inst->youths[y]);
	if (candidates_compute(inst, tz, (size_t)s, visible,
	        memo_for(ctx, inst), &l, err, sizeof(err)) == -1) {
		free(visible);
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the schedule cannot be checked: %s", err);
		return;
	}
	free(visible);

	assigned = json_array();
	for (size_t i = 0; i < l.non; i++) {
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = l.on[j] == l.on[i];
		if (!dup)
			json_array_append_new(
			    assigned, json_string(inst->youths[l.on[i]].id));
	}
	total = only_eligible ? l.neligible : l.n;
	end = pos < total ? (total - pos < limit ? total : pos + limit) : pos;
	items = json_array();
	for (size_t i = pos; i < end; i++) {
		const struct candidate *c = &l.c[i];
		const struct model_youth *y = &inst->youths[c->youth];
		struct rules_report rep = {0};
		(void)candidates_reasons(&l, c, &rep);
		json_array_append_new(items,
		    json_pack("{s:s, s:s, s:i, s:b, s:b, s:o, s:I, s:b, s:o}",
		        "youth", y->id, "name", y->name, "age", c->age,
		        "assigned", c->assigned, "eligible", c->eligible,
		        "rank",
		        c->eligible ? json_integer(c->rank) : json_null(),
		        "minutes", (json_int_t)c->minutes, "visits_home",
		        c->at_home, "reasons", reasons_json(&rep)));
		rules_report_free(&rep);
	}
	snprintf(next, sizeof(next), "%zu", end);
	api_reply_json(ctx, 200,
	    json_pack("{s:s, s:i, s:o, s:I, s:I, s:o, s:o}", "slot",
	        inst->slots[s].id, "needed", inst->slots[s].needed, "assigned",
	        assigned, "eligible_total", (json_int_t)l.neligible,
	        "candidates_total", (json_int_t)total, "candidates", items,
	        "next_cursor", end < total ? json_string(next) : json_null()));
	candidates_free(&l);
}

/* A date query parameter; *present false when absent. */
static int
date_param(struct api_ctx *ctx, const char *name, int32_t *day, bool *present)
{
	const char *v = api_query(ctx, name);

	*present = v != NULL;
	if (v == NULL || civil_parse_date(v, day) == 0)
		return 0;
	api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, name,
	    "%s must be a date (YYYY-MM-DD)", name);
	return -1;
}

/*
 * The cap in words, from the row's kind and the days it counts: whole
 * phrases, so that each language translates them as a whole (the row's
 * `who`/`what` are English descriptions for the tables' readers).  Who
 * the cap is for is the youth the answer is about; the legal reference
 * names the section beside it.
 */
static const char *
cap_name(const struct rules_cap *c)
{
	switch (c->row->cond) {
	case RULES_C_SCHOOL_DAY:
		return _("working time on a school day");
	case RULES_C_NONSCHOOL_DAY:
		return _("working time on a day without school");
	case RULES_C_SUNDAY:
		return _("working time on a Sunday");
	case RULES_C_NONSCHOOL_NOT_SUN:
		return _("working time on a day without school (not Sunday)");
	case RULES_C_LESSON_WEEK:
		return c->week ? _("working time in a week with school days")
		               : _("working time per day in a week with school "
		                   "days");
	case RULES_C_LESSONFREE_WEEK:
		return c->week
		    ? _("working time in a week without school days")
		    : _("working time per day in a week without school days");
	case RULES_C_BEFORE_SCHOOL:
		return _("working time before lessons on a school day");
	case RULES_C_ANY:
	default:
		return c->week ? _("working time per week")
		               : _("working time per day");
	}
}

static void
limits_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	const struct tzmap *tz;
	struct rules_cap *caps;
	int32_t from, to, today;
	bool has_from, has_to;
	char err[256], d0[CIVIL_DATE_LEN], d1[CIVIL_DATE_LEN];
	char day[CIVIL_DATE_LEN];
	json_t *items;
	size_t n;
	long y;

	if (date_param(ctx, "from", &from, &has_from) == -1 ||
	    date_param(ctx, "to", &to, &has_to) == -1)
		return;
	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	if ((y = model_find_youth(inst, ctx->params[0])) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no %s has id '%s'", _("youth"), ctx->params[0]);
		return;
	}
	if ((tz = tzmap_get(inst->timezone)) == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
		    "time zone '%s' cannot be loaded", inst->timezone);
		return;
	}
	/* Default: the current ISO week, in the instance's zone. */
	today = civil_wall_date(tzmap_to_wall(tz, api_now() / 60));
	if (!has_from)
		from = has_to ? to - (int32_t)civil_weekday(to)
		              : today - (int32_t)civil_weekday(today);
	if (!has_to)
		to = from + 6 - (int32_t)civil_weekday(from);
	if (to < from || to - from >= LIMITS_MAX_DAYS) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "to",
		    "to must be on or after from and at most %d days after it",
		    LIMITS_MAX_DAYS - 1);
		return;
	}
	if (candidates_limits(inst, tz, (size_t)y, from, to, &caps, &n, err,
	        sizeof(err)) == -1) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the schedule cannot be checked: %s", err);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		civil_format_date(caps[i].period, day);
		json_array_append_new(items,
		    json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:i}", "rule",
		        caps[i].row->id, "reference", caps[i].row->reference,
		        "name", cap_name(&caps[i]), "per",
		        caps[i].week ? "week" : "day", "period", day, "minutes",
		        (json_int_t)caps[i].minutes, "cap", caps[i].limit));
	}
	free(caps);
	civil_format_date(from, d0);
	civil_format_date(to, d1);
	api_reply_json(ctx, 200,
	    json_pack("{s:s, s:s, s:s, s:s, s:o}", "youth", inst->youths[y].id,
	        "jurisdiction", inst->jurisdiction, "from", d0, "to", d1,
	        "limits", items));
}

const struct api_route api_candidates_routes[] = {
    {API_GET | API_HEAD, "/api/v1/slots/:id/candidates", candidates_get,
        API_AUTH},
    {API_GET | API_HEAD, "/api/v1/youths/:id/limits", limits_get, API_AUTH},
    {0, NULL, NULL, 0},
};
