/* SPDX-License-Identifier: ISC */
/*
 * This file contains GET /api/v1/hours?month=YYYY-MM: the hours each youth
 * worked in a month, apart from the hours still planned, and the
 * anonymous totals that purged youths left behind, so that the accounts
 * of a month add up before and after a purge.  A visit counts as worked
 * once it has ended; it belongs to the month (local date) it starts in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "civil.h"
#include "model.h"
#include "rotad.h"
#include "store.h"
#include "tzmap.h"
#include "xmalloc.h"

struct tally {
	json_int_t shifts, minutes;
};

struct youth_hours {
	struct tally worked, planned;
};

static json_t *
tally_json(const struct tally *t)
{
	return json_pack(
	    "{s:I, s:I}", "shifts", t->shifts, "minutes", t->minutes);
}

static void
tally_add(struct tally *t, json_int_t shifts, json_int_t minutes)
{
	t->shifts += shifts;
	t->minutes += minutes;
}

/* "YYYY-MM" with a month 01-12 into the day numbers [*first, *next). */
static int
parse_month(const char *s, int32_t *first, int32_t *next)
{
	int y, m;

	if (s == NULL || strlen(s) != 7 || s[4] != '-' ||
	    strspn(s, "0123456789-") != 7 ||
	    sscanf(s, "%4d-%2d", &y, &m) != 2 || y < 1900 || m < 1 || m > 12)
		return -1;
	*first = civil_days_from_ymd(y, m, 1);
	*next = m == 12 ? civil_days_from_ymd(y + 1, 1, 1)
	                : civil_days_from_ymd(y, m + 1, 1);
	return 0;
}

static void
hours_get(struct api_ctx *ctx)
{
	const char *month = api_query(ctx, "month");
	const struct model_instance *inst;
	const struct tzmap *tz;
	struct youth_hours *per;
	struct tally worked = {0}, planned = {0}, anon = {0};
	struct rotad_error err;
	char asof[CIVIL_DATETIME_LEN];
	int64_t now_utc = api_now() / 60;
	int32_t first, next;
	json_t *youths, *anonymous, *row;
	char *text;
	size_t i;

	if (parse_month(month, &first, &next) == -1) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "month",
		    "month must be given as YYYY-MM (for example 2027-01)");
		return;
	}
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		api_reply_error(ctx, &err);
		return;
	}
	if ((tz = tzmap_get(inst->timezone)) == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
		    "time zone '%s' cannot be loaded", inst->timezone);
		return;
	}
	per = xcalloc(inst->nyouths + 1, sizeof(*per));
	for (i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const struct model_slot *s = &inst->slots[a->slot_idx];
		int32_t day = civil_wall_date(s->start);
		int64_t u0 = s->start, u1 = s->end;

		if (a->status != MODEL_ASSIGNMENT_ACTIVE || day < first ||
		    day >= next)
			continue;
		/* Real minutes: a visit across a DST change is an hour
		 * longer or shorter than its wall times say. */
		(void)tzmap_to_utc(tz, s->start, &u0);
		(void)tzmap_to_utc(tz, s->end, &u1);
		tally_add(u1 <= now_utc ? &per[a->youth_idx].worked
		                        : &per[a->youth_idx].planned,
		    1, u1 - u0);
	}
	youths = json_array();
	for (i = 0; i < inst->nyouths; i++) {
		const struct youth_hours *h = &per[i];
		if (h->worked.shifts == 0 && h->planned.shifts == 0)
			continue;
		tally_add(&worked, h->worked.shifts, h->worked.minutes);
		tally_add(&planned, h->planned.shifts, h->planned.minutes);
		json_array_append_new(youths,
		    json_pack("{s:s, s:s, s:o, s:o}", "youth",
		        inst->youths[i].id, "name", inst->youths[i].name,
		        "worked", tally_json(&h->worked), "planned",
		        tally_json(&h->planned)));
	}
	free(per);

	text = store_anonymous_hours_json(ctx->rd->store, month);
	anonymous = json_loads(text, 0, NULL);
	free(text);
	if (anonymous == NULL)
		anonymous = json_array();
	json_array_foreach(anonymous, i, row)
	{
		tally_add(&anon,
		    json_integer_value(json_object_get(row, "shifts")),
		    json_integer_value(json_object_get(row, "minutes")));
	}
	civil_format_datetime(tzmap_to_wall(tz, now_utc), asof);
	api_reply_json(ctx, 200,
	    json_pack("{s:s, s:s, s:o, s:o, s:{s:o, s:o, s:o}}", "month", month,
	        "as_of", asof, "youths", youths, "anonymous", anonymous,
	        "totals", "worked", tally_json(&worked), "planned",
	        tally_json(&planned), "anonymous", tally_json(&anon)));
}

const struct api_route api_hours_routes[] = {
    {API_GET | API_HEAD, "/api/v1/hours", hours_get, API_AUTH},
    {0, NULL, NULL, 0},
};
