/* SPDX-License-Identifier: ISC */
/*
 * This file contains the labour-law side of the API: the gate that every
 * change passes (a change that creates a violation is refused with 409
 * and the list, unless forced), and GET /api/v1/violations, every
 * violation in the stored schedule.  Each list holds at most
 * RULES_JSON_LIST_MAX violations, with the number of them all beside it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_util.h"
#include "change.h"
#include "civil.h"
#include "model.h"
#include "rotad.h"
#include "rules.h"
#include "rules_json.h"
#include "stats.h"
#include "tzmap.h"
#include "xmalloc.h"

/* Checks inst; replies 500/400 and returns -1 when it cannot be checked. */
static int
check_or_reply(struct api_ctx *ctx, const struct model_instance *inst,
    struct rules_report *rep)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);

	if (tz == NULL || rules_check_instance(inst, tz, rep) == -1) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the schedule cannot be checked: a time does not exist in "
		    "time zone '%s' or the jurisdiction is unknown",
		    inst->timezone);
		return -1;
	}
	return 0;
}

int
api_gate_change(struct api_ctx *ctx, const struct model_instance *before,
    const struct model_instance *after, json_t **forced)
{
	size_t total;

	return api_gate_change_total(ctx, before, after, forced, &total);
}

void
api_reply_rule_refusal(struct api_ctx *ctx, json_t *fresh, size_t nfresh)
{
	json_t *e;

	stats.rule_refusals++;
	e = json_pack("{s:i, s:s, s:s}", "status", 409, "code",
	    "rule_violation", "message",
	    nfresh == 1 ? "the change would break a labour-law or planning "
	                  "rule; see violations (add ?force=true to override)"
	        : nfresh <= RULES_JSON_LIST_MAX
	        ? "the change would break labour-law or planning rules; "
	          "see violations (add ?force=true to override)"
	        : "the change would break labour-law or planning rules; "
	          "violations lists the first ones, violations_total "
	          "counts them (add ?force=true to override)");
	api_reply_json(ctx, 409,
	    json_pack("{s:o, s:O, s:I}", "error", e, "violations", fresh,
	        "violations_total", (json_int_t)nfresh));
}

int
api_gate_change_total(struct api_ctx *ctx, const struct model_instance *before,
    const struct model_instance *after, json_t **forced, size_t *forced_total)
{
	struct rules_report rb = {0}, ra = {0};
	struct change_keys keys = {0};
	json_t *fresh;
	size_t nfresh = 0;
	bool force;
	int rc = -1;

	*forced = NULL;
	*forced_total = 0;
	if (api_bool_param(ctx, "force", &force) == -1)
		return -1;
	if (before != NULL && check_or_reply(ctx, before, &rb) == -1)
		goto done;
	if (check_or_reply(ctx, after, &ra) == -1)
		goto done;

	/* What `after` has that `before` had not (as a multiset). */
	change_keys_of(&keys, before, &rb);
	fresh = change_keys_fresh(&keys, after, &ra, &nfresh);
	if (nfresh == 0) {
		json_decref(fresh);
		rc = 0;
	} else if (force) {
		*forced = fresh;
		*forced_total = nfresh;
		rc = 0;
	} else {
		api_reply_rule_refusal(ctx, fresh, nfresh);
		json_decref(fresh);
	}
done:
	change_keys_free(&keys);
	rules_report_free(&rb);
	rules_report_free(&ra);
	return rc;
}

/* True when a violation touches [from, to): by its slots, day or week. */
static bool
in_range(const struct model_instance *inst, const struct rules_violation *v,
    bool has_from, int64_t from, bool has_to, int64_t to)
{
	int64_t lo, hi;

	if (v->nslots > 0) {
		lo = inst->slots[v->slot_idx[0]].start;
		hi = inst->slots[v->slot_idx[0]].end;
		for (size_t i = 1; i < v->nslots; i++) {
			const struct model_slot *s =
			    &inst->slots[v->slot_idx[i]];
			lo = s->start < lo ? s->start : lo;
			hi = s->end > hi ? s->end : hi;
		}
	} else if (v->day != CIVIL_NO_DATE) {
		lo = (int64_t)v->day * CIVIL_MIN_PER_DAY;
		hi = lo + CIVIL_MIN_PER_DAY;
	} else if (v->week != CIVIL_NO_DATE) {
		lo = (int64_t)v->week * CIVIL_MIN_PER_DAY;
		hi = lo + 7 * CIVIL_MIN_PER_DAY;
	} else {
		return true;
	}
	return (!has_from || hi > from) && (!has_to || lo < to);
}

static void
violations_list(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct rules_report rep = {0};
	struct rotad_error err;
	int64_t from = 0, to = 0;
	bool has_from, has_to;
	size_t total = 0;
	json_t *items;

	if (api_time_param(ctx, "from", false, &from, &has_from) == -1 ||
	    api_time_param(ctx, "to", true, &to, &has_to) == -1)
		return;
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		api_reply_error(ctx, &err);
		return;
	}
	if (check_or_reply(ctx, inst, &rep) == -1)
		return;
	items = json_array();
	for (size_t i = 0; i < rep.n; i++)
		if (in_range(inst, &rep.v[i], has_from, from, has_to, to) &&
		    total++ < RULES_JSON_LIST_MAX)
			json_array_append_new(
			    items, rules_violation_to_json(&rep.v[i], inst));
	rules_report_free(&rep);
	api_reply_json(ctx, 200,
	    json_pack("{s:o, s:I}", "violations", items, "violations_total",
	        (json_int_t)total));
}

const struct api_route api_rules_routes[] = {
    {API_GET | API_HEAD, "/api/v1/violations", violations_list, API_AUTH},
    {0, NULL, NULL, 0},
};
