/* SPDX-License-Identifier: ISC */
/*
 * This file contains GET /api/v1/hours?month=YYYY-MM: the hours each youth
 * worked in a month, apart from the hours still planned, and the
 * anonymous totals that purged youths left behind, so that the accounts
 * of a month add up before and after a purge.  A visit counts as worked
 * once it has ended; it belongs to the month (local date) it starts in.
 * The same month per home (worked, with the anonymous totals, and
 * planned), and the whole report as CSV for a spreadsheet (?format=csv or
 * Accept: text/csv).  A caller with a limited scope gets only the visits
 * at the homes in it, and the totals of those; a viewer, who may not read
 * youths, gets no row per youth.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "api.h"
#include "civil.h"
#include "csv.h"
#include "model.h"
#include "rotad.h"
#include "sbuf.h"
#include "store.h"
#include "tzmap.h"
#include "users.h"
#include "xmalloc.h"

struct tally {
	json_int_t shifts, minutes;
};

struct youth_hours {
	struct tally worked, planned;
};

struct home_hours {
	struct tally worked, planned, anonymous;
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

/* Whether the caller may see the hours at this home. */
static bool
home_visible(const struct api_ctx *ctx, const char *home)
{
	return ctx->who == NULL || user_in_scope(ctx->who, home);
}

/* Whether the answer should be CSV: ?format=csv or Accept: text/csv. */
static bool
wants_csv(struct api_ctx *ctx, bool *bad)
{
	const char *f = api_query(ctx, "format");
	const char *acc = api_header(ctx, "Accept");

	*bad = false;
	if (f != NULL) {
		if (strcmp(f, "csv") == 0)
			return true;
		if (strcmp(f, "json") != 0)
			*bad = true;
		return false;
	}
	return acc != NULL && strstr(acc, "text/csv") != NULL;
}

/* Hours as a decimal number with a point, for a spreadsheet: "2.50". */
static void
csv_hours(struct sbuf *b, json_int_t minutes)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld.%02lld", (long long)(minutes / 60),
	    (long long)(((minutes % 60) * 100 + 30) / 60));
	csv_number(b, false, buf);
}

static void
csv_row(struct sbuf *b, const char *kind, const char *id, const char *name,
    const struct tally *worked, const struct tally *planned)
{
	char n[32];

	csv_text(b, true, kind);
	csv_text(b, false, id);
	csv_text(b, false, name);
	snprintf(n, sizeof(n), "%lld", (long long)worked->shifts);
	csv_number(b, false, n);
	csv_hours(b, worked->minutes);
	snprintf(n, sizeof(n), "%lld", (long long)planned->shifts);
	csv_number(b, false, n);
	csv_hours(b, planned->minutes);
	csv_end_row(b);
}

static void
hours_get(struct api_ctx *ctx)
{
	const char *month = api_query(ctx, "month");
	const struct model_instance *inst;
	const struct tzmap *tz;
	struct youth_hours *per;
	struct home_hours *ph;
	struct tally worked = {0}, planned = {0}, anon = {0}, none = {0};
	struct rotad_error err;
	char asof[CIVIL_DATETIME_LEN];
	int64_t now_utc = api_now() / 60;
	int32_t first, next;
	json_t *youths, *homes, *anonymous, *row;
	char *text;
	size_t i;
	bool csv, bad;
	/* Viewers may not read youths: the homes' hours only. */
	bool names =
	    ctx->who == NULL || ctx->who->role >= USER_ROLE_COORDINATOR;

	if (parse_month(month, &first, &next) == -1) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "month",
		    "month must be given as YYYY-MM (for example 2027-01)");
		return;
	}
	csv = wants_csv(ctx, &bad);
	if (bad) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "format",
		    "format must be json or csv");
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
	ph = xcalloc(inst->nhomes + 1, sizeof(*ph));
	for (i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const struct model_slot *s = &inst->slots[a->slot_idx];
		int32_t day = civil_wall_date(s->start);
		int64_t u0 = s->start, u1 = s->end;
		bool done;

		if (a->status != MODEL_ASSIGNMENT_ACTIVE || day < first ||
		    day >= next || !home_visible(ctx, s->home))
			continue;
		/* Real minutes: a visit across a DST change is an hour
		 * longer or shorter than its wall times say. */
		(void)tzmap_to_utc(tz, s->start, &u0);
		(void)tzmap_to_utc(tz, s->end, &u1);
		done = u1 <= now_utc;
		tally_add(done ? &per[a->youth_idx].worked
		               : &per[a->youth_idx].planned,
		    1, u1 - u0);
		tally_add(
		    done ? &ph[s->home_idx].worked : &ph[s->home_idx].planned,
		    1, u1 - u0);
	}
	youths = json_array();
	for (i = 0; i < inst->nyouths; i++) {
		const struct youth_hours *h = &per[i];
		if (h->worked.shifts == 0 && h->planned.shifts == 0)
			continue;
		if (!access_youth_visible(ctx, &inst->youths[i]))
			continue;
		tally_add(&worked, h->worked.shifts, h->worked.minutes);
		tally_add(&planned, h->planned.shifts, h->planned.minutes);
		if (!names)
			continue;
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
	for (i = json_array_size(anonymous); i-- > 0;) {
		const char *home;
		json_int_t sh, mi;
		long k;

		row = json_array_get(anonymous, i);
		home = json_string_value(json_object_get(row, "home"));
		if (home == NULL || !home_visible(ctx, home)) {
			json_array_remove(anonymous, i);
			continue;
		}
		sh = json_integer_value(json_object_get(row, "shifts"));
		mi = json_integer_value(json_object_get(row, "minutes"));
		tally_add(&anon, sh, mi);
		if ((k = model_find_home(inst, home)) >= 0) {
			tally_add(&ph[k].anonymous, sh, mi);
			tally_add(&ph[k].worked, sh, mi);
		}
	}
	homes = json_array();
	for (i = 0; i < inst->nhomes; i++) {
		const struct home_hours *h = &ph[i];
		if (h->worked.shifts == 0 && h->planned.shifts == 0)
			continue;
		json_array_append_new(homes,
		    json_pack("{s:s, s:s, s:o, s:o, s:o}", "home",
		        inst->homes[i].id, "name", inst->homes[i].name,
		        "worked", tally_json(&h->worked), "planned",
		        tally_json(&h->planned), "anonymous",
		        tally_json(&h->anonymous)));
	}
	if (csv) {
		struct sbuf b = {0};
		char disp[96];
		json_t *y;
		struct tally all = worked;

		sbuf_adds(&b,
		    "kind,id,name,worked_shifts,worked_hours,"
		    "planned_shifts,planned_hours\r\n");
		json_array_foreach(youths, i, y)
		{
			struct tally w = {0}, p = {0};
			json_t *jw = json_object_get(y, "worked");
			json_t *jp = json_object_get(y, "planned");
			w.shifts =
			    json_integer_value(json_object_get(jw, "shifts"));
			w.minutes =
			    json_integer_value(json_object_get(jw, "minutes"));
			p.shifts =
			    json_integer_value(json_object_get(jp, "shifts"));
			p.minutes =
			    json_integer_value(json_object_get(jp, "minutes"));
			csv_row(&b, "youth",
			    json_string_value(json_object_get(y, "youth")),
			    json_string_value(json_object_get(y, "name")), &w,
			    &p);
		}
		for (i = 0; i < inst->nhomes; i++)
			if (ph[i].worked.shifts > 0 || ph[i].planned.shifts > 0)
				csv_row(&b, "home", inst->homes[i].id,
				    inst->homes[i].name, &ph[i].worked,
				    &ph[i].planned);
		if (anon.shifts > 0)
			csv_row(&b, "anonymous", "", "", &anon, &none);
		tally_add(&all, anon.shifts, anon.minutes);
		csv_row(&b, "total", "", "", &all, &planned);
		snprintf(disp, sizeof(disp),
		    "attachment; filename=\"rota-hours-%s.csv\"", month);
		api_add_header(ctx, "Content-Disposition", disp);
		api_add_header(ctx, "Vary", "Accept");
		api_reply_raw(
		    ctx, 200, "text/csv; charset=utf-8", b.s ? b.s : "", b.len);
		sbuf_release(&b);
		free(ph);
		json_decref(youths);
		json_decref(homes);
		json_decref(anonymous);
		return;
	}
	free(ph);
	civil_format_datetime(tzmap_to_wall(tz, now_utc), asof);
	api_add_header(ctx, "Vary", "Accept");
	api_reply_json(ctx, 200,
	    json_pack("{s:s, s:s, s:o, s:o, s:o, s:{s:o, s:o, s:o}}", "month",
	        month, "as_of", asof, "youths", youths, "homes", homes,
	        "anonymous", anonymous, "totals", "worked", tally_json(&worked),
	        "planned", tally_json(&planned), "anonymous",
	        tally_json(&anon)));
}

const struct api_route api_hours_routes[] = {
    {API_GET | API_HEAD, "/api/v1/hours", hours_get, API_AUTH},
    {0, NULL, NULL, 0},
};
