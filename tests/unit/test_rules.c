/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the rules engine: the table of
 * rules_cases.h (each row an instance built in C and the exact set of rule
 * ids expected), checks of the profile tables, messages, JSON form, the
 * DST-gap refusal, rules_check_youth, and a randomised test that
 * rules_may_add() agrees with the full check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>

#include "rules_cases.h"
#include "rules_json.h"
#include "rules_table.h"

#define N_CASES (sizeof(rules_cases) / sizeof(rules_cases[0]))

static void
test_table(void **state)
{
	(void)state;
	assert_true(N_CASES >= 120);
	assert_int_equal(rt_run_table(rules_cases, N_CASES, "case"), 0);
}

/* Every rule id of every profile is exercised by a failing row. */
static void
test_table_covers_profiles(void **state)
{
	const char *jur[] = {"NO", "EU", "US-FLSA", "UK"};

	(void)state;
	for (size_t j = 0; j < 4; j++) {
		const struct rules_profile *p = rules_profile_find(jur[j]);
		assert_non_null(p);
		for (size_t r = 0; r < p->nrows; r++) {
			bool found = false;
			assert_non_null(p->rows[r].id);
			assert_true(p->rows[r].reference[0] != '\0');
			assert_true(p->rows[r].cats != 0);
			for (size_t i = 0; i < N_CASES && !found; i++)
				found = list_has(
				    rules_cases[i].expect, p->rows[r].id);
			if (!found)
				fprintf(stderr, "no failing case for %s\n",
				    p->rows[r].id);
			assert_true(found);
		}
	}
	assert_null(rules_profile_find("XX"));
}

static void
test_holidays(void **state)
{
	(void)state;
	/* 2027: Easter is 28 March. */
	assert_true(rules_no_public_holiday(fx_date("2027-03-25")));
	assert_true(rules_no_public_holiday(fx_date("2027-03-26")));
	assert_false(rules_no_public_holiday(fx_date("2027-03-27")));
	assert_true(rules_no_public_holiday(fx_date("2027-03-28")));
	assert_true(rules_no_public_holiday(fx_date("2027-03-29")));
	assert_true(rules_no_public_holiday(fx_date("2027-05-06")));
	assert_true(rules_no_public_holiday(fx_date("2027-05-16")));
	assert_true(rules_no_public_holiday(fx_date("2027-05-17")));
	assert_true(rules_no_public_holiday(fx_date("2027-05-01")));
	assert_true(rules_no_public_holiday(fx_date("2027-12-26")));
	assert_false(rules_no_public_holiday(fx_date("2027-12-24")));
	/* 2030: Easter is 21 April; Ascension 30 May; Whit Monday 10 June. */
	assert_true(rules_no_public_holiday(fx_date("2030-04-19")));
	assert_true(rules_no_public_holiday(fx_date("2030-05-30")));
	assert_true(rules_no_public_holiday(fx_date("2030-06-10")));
	assert_false(rules_no_public_holiday(fx_date("2030-06-11")));
}

/* A4: the UK leaving date, and the rule's arithmetic on other inputs. */
static void
test_leaving_date(void **state)
{
	const struct rules_profile *uk = rules_profile_find("UK");
	const struct rules_leaving_rule feb = {17, 3, 2, CIVIL_MON};

	(void)state;
	assert_int_equal(uk->compulsory, RULES_COMPULSORY_LEAVING_DATE);
	assert_int_equal(
	    rules_profile_find("NO")->compulsory, RULES_COMPULSORY_STORED);
	assert_int_equal(
	    rules_leaving_date(&uk->leaving, fx_date("2011-03-15")),
	    fx_date("2027-06-25"));
	assert_int_equal(
	    rules_leaving_date(&uk->leaving, fx_date("2010-10-15")),
	    fx_date("2027-06-25"));
	assert_int_equal(
	    rules_leaving_date(&uk->leaving, fx_date("2010-08-31")),
	    fx_date("2026-06-26"));
	assert_int_equal(
	    rules_leaving_date(&uk->leaving, fx_date("2010-09-01")),
	    fx_date("2027-06-25"));
	assert_int_equal(
	    rules_leaving_date(&uk->leaving, fx_date("2011-09-01")),
	    fx_date("2028-06-30"));
	assert_int_equal(
	    rules_leaving_date(&uk->leaving, fx_date("2012-02-29")),
	    fx_date("2028-06-30"));
	/* A year starting 1 March: a 29 February birthday in a common year
	 * is 1 March (A3), so it starts the next school year. */
	assert_int_equal(rules_leaving_date(&feb, fx_date("2012-02-28")),
	    fx_date("2029-02-26"));
	assert_int_equal(rules_leaving_date(&feb, fx_date("2012-02-29")),
	    fx_date("2030-02-25"));
}

static void
test_message(void **state)
{
	struct rules_tcase tc = {
	    "", CHILD, "2027-01-05T16:00-18:30", "", "", ""};
	struct model_instance *inst = fx_instance(&tc);
	struct rules_report rep = {0};

	(void)state;
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &rep), 0);
	assert_int_equal(rep.n, 1);
	assert_string_equal(rep.v[0].rule_id, "NO-AML-11-2-2a-day");
	assert_string_equal(rep.v[0].reference, "AML § 11-2 (2) a");
	assert_string_equal(rep.v[0].message,
	    "Ida (14) is scheduled 2.5 h on Tuesday 5 January, a school day; "
	    "at most 2 h is allowed on a school day (AML § 11-2 (2) a).");
	assert_int_equal(rep.v[0].youth_idx, 0);
	assert_int_equal(rep.v[0].nslots, 1);
	assert_int_equal(rep.v[0].slot_idx[0], 0);
	assert_int_equal(rep.v[0].day, fx_date("2027-01-05"));
	assert_int_equal(rep.v[0].week, CIVIL_NO_DATE);
	rules_report_free(&rep);
	model_instance_free(inst);
}

static void
test_json(void **state)
{
	struct rules_tcase tc = {
	    "", CHILD, WEEK_2H "2027-01-09T10:00-12:30", "", "", ""};
	struct model_instance *inst = fx_instance(&tc);
	struct rules_report rep = {0};
	json_t *a, *o;

	(void)state;
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &rep), 0);
	assert_int_equal(rep.n, 1);
	a = rules_report_to_json(&rep, inst);
	assert_int_equal(json_array_size(a), 1);
	o = json_array_get(a, 0);
	assert_string_equal(json_string_value(json_object_get(o, "rule")),
	    "NO-AML-11-2-2a-week");
	assert_string_equal(
	    json_string_value(json_object_get(o, "youth")), "y0");
	assert_string_equal(
	    json_string_value(json_object_get(o, "week")), "2027-W01");
	assert_null(json_object_get(o, "day"));
	assert_int_equal(json_array_size(json_object_get(o, "slots")), 6);
	assert_string_equal(
	    json_string_value(json_array_get(json_object_get(o, "slots"), 0)),
	    "s0");
	json_decref(a);
	rules_report_free(&rep);
	model_instance_free(inst);

	/* A slot-level violation has a null youth. */
	tc.shifts = "2027-01-05T16:00-18:00";
	tc.extra = "youths=2";
	inst = fx_instance(&tc);
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &rep), 0);
	assert_int_equal(rep.n, 1);
	o = rules_violation_to_json(&rep.v[0], inst);
	assert_true(json_is_null(json_object_get(o, "youth")));
	assert_string_equal(
	    json_string_value(json_object_get(o, "day")), "2027-01-05");
	json_decref(o);
	rules_report_free(&rep);
	model_instance_free(inst);
}

static void
test_dst_gap(void **state)
{
	struct rules_tcase tc = {
	    "", ADULT, "2027-03-28T02:30-04:00", "", "", ""};
	struct model_instance *inst = fx_instance(&tc);
	struct rules_report rep = {0};
	char err[200] = "";

	(void)state;
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &rep), -1);
	assert_int_equal(rep.n, 0);
	assert_null(rules_ctx_new(inst, tz_of(inst), err, sizeof(err)));
	assert_non_null(strstr(err, "2027-03-28T02:30"));
	model_instance_free(inst);

	/* other_work in the gap too. */
	tc.shifts = "2027-03-28T10:00-11:00";
	tc.other = "2027-03-28T02:00-03:30";
	inst = fx_instance(&tc);
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &rep), -1);
	model_instance_free(inst);
}

static void
test_check_youth(void **state)
{
	struct rules_tcase tc = {"", CHILD,
	    "2027-01-05T16:00-18:30 2027-01-06T16:00-17:00", "", "youths=2",
	    ""};
	struct model_instance *inst = fx_instance(&tc);
	struct rules_report all = {0}, one = {0};

	(void)state;
	/* Make the second youth an adult: only Ida breaks the 2 h cap. */
	inst->youths[1].birth_date = fx_date("2008-01-01");
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &all), 0);
	assert_int_equal(rules_report_count(&all, "NO-AML-11-2-2a-day"), 1);
	assert_int_equal(rules_report_count(&all, "ROTA-overfilled"), 2);
	assert_int_equal(rules_check_youth(inst, tz_of(inst), 1, &one), 0);
	assert_int_equal(rules_report_count(&one, "NO-AML-11-2-2a-day"), 0);
	assert_int_equal(rules_report_count(&one, "ROTA-overfilled"), 2);
	assert_int_equal(rules_check_youth(inst, tz_of(inst), 5, &one), -1);
	rules_report_free(&all);
	rules_report_free(&one);
	model_instance_free(inst);
}

/* ------------------------------------------------ may_add vs. check -- */

static uint64_t rng_state;

static uint32_t
rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33);
}

static int
rnd(int n)
{
	return (int)(rng() % (uint32_t)n);
}

/* Adds other work [from, to) minutes of local day d to a youth. */
static void
y_other(struct model_youth *y, int32_t d, int from, int to)
{
	y->other_work = xreallocarray(
	    y->other_work, y->nother_work + 1, sizeof(*y->other_work));
	y->other_work[y->nother_work].start =
	    (int64_t)d * CIVIL_MIN_PER_DAY + from;
	y->other_work[y->nother_work].end = (int64_t)d * CIVIL_MIN_PER_DAY + to;
	y->nother_work++;
}

/* Violations of youth y in the instance with its current assignments. */
static size_t
youth_violations(
    const struct model_instance *inst, size_t y, struct rules_report *rep)
{
	size_t n = 0;

	rep->n = 0;
	assert_int_equal(rules_check_instance(inst, tz_of(inst), rep), 0);
	for (size_t i = 0; i < rep->n; i++)
		if (rep->v[i].youth_idx == (long)y)
			n++;
	return n;
}

/*
 * Issue 20: the shapes real homes produce.  Slot i of a shapes round is
 * one of: back to back after an earlier slot at the same home, overlapping
 * one, a chain of short visits (60-90 min, end to end, three or more add
 * past 4 h 30 and 8 h), across midnight, ending exactly at a night
 * boundary (20:00, 21:00, 23:00) or starting at 06:00, or next to the
 * youths' other work; otherwise random.  `dst` puts the three weeks
 * around a DST change (Europe/Oslo: 28 March or 31 October 2027), with
 * no time inside the spring-forward gap.
 */
static void
shape_slot(struct model_slot *sl, const struct model_slot *prev, size_t i,
    int32_t base, int32_t dstday)
{
	static const int ends[] = {20 * 60, 21 * 60, 23 * 60};
	int32_t d = base + rnd(21);
	int start = 6 * 60 + rnd(16 * 60 / 15) * 15, len = 30 + rnd(24) * 15;
	int k = rnd(9);

	if (dstday != CIVIL_NO_DATE && rnd(3) == 0)
		d = dstday - 1 + rnd(3);
	if (i > 0 && (k == 0 || k == 1 || k == 2)) {
		/* Back to back (or a chain link), at the same home. */
		sl->home = xstrdup(prev->home);
		sl->start = prev->end;
		sl->end = sl->start + (k == 2 ? 60 + rnd(3) * 15 : len);
		return;
	}
	if (i > 0 && k == 3) {
		sl->home = xstrdup(prev->home);
		sl->start = prev->start + (prev->end - prev->start) / 2;
		sl->end = sl->start + len;
		return;
	}
	if (k == 4) {
		start = 22 * 60 + rnd(6) * 15;
		len = 120 + rnd(9) * 15;
	} else if (k == 5) {
		len = 60 + rnd(8) * 15;
		start = ends[rnd(3)] - len;
	} else if (k == 6) {
		start = 6 * 60;
	} else if (k == 7) {
		/* Next to the other work of 10:00-13:00 (youth 3) and
		 * 12:30-13:00 (youth 1) on the first Saturday. */
		d = base + 5;
		start = rnd(2) ? 13 * 60 : 10 * 60 + 15 * rnd(11);
		len = rnd(2) ? 150 : 180;
		if (rnd(2))
			start = 10 * 60 - len;
	}
	sl->home = xstrdup(rnd(2) ? "h1" : "h2");
	sl->start = (int64_t)d * CIVIL_MIN_PER_DAY + start;
	sl->end = sl->start + len;
}

/* Does [a, b) of wall time meet the spring-forward gap of dstday? */
static bool
in_gap(int64_t a, int64_t b, int32_t dstday)
{
	int64_t g0 = (int64_t)dstday * CIVIL_MIN_PER_DAY + 2 * 60, g1 = g0 + 60;

	return (a >= g0 && a < g1) || (b >= g0 && b < g1);
}

static void
random_round_in(const char *jur, const char *tzname, const char *extra,
    bool shapes, const char *from, const char *dst)
{
	struct rules_tcase tc = {"", ADULT, "", "", extra, ""};
	struct model_instance *inst;
	struct rules_ctx *ctx;
	struct rules_youth_state *st[6];
	struct rules_report rep = {0};
	const char *births[6] = {"2013-02-10", "2012-01-12", "2011-01-20",
	    "2010-06-01", "2009-01-14", "2008-03-03"};
	char err[200], buf[40];
	size_t nslots = 70, cap, agree = 0, yes = 0;
	int32_t base = fx_date(from);
	int32_t dstday = dst != NULL ? fx_date(dst) : CIVIL_NO_DATE;
	size_t removed = 0;

	(void)jur;
	(void)tzname;
	inst = fx_instance(&tc);
	assert_non_null(inst);
	/* Six youths of different ages and schools. */
	for (size_t i = 0; i < inst->nyouths; i++)
		model_youth_clear(&inst->youths[i]);
	free(inst->youths);
	inst->youths = xcalloc(6, sizeof(*inst->youths));
	inst->nyouths = 6;
	for (size_t k = 0; k < 6; k++) {
		struct model_youth *y = &inst->youths[k];
		struct rules_tcase yc = {"", ADULT, "", "", "", ""};
		char spec[40];
		snprintf(spec, sizeof(spec), "%s %c", births[k], "ccsnsn"[k]);
		yc.youth = spec;
		yc.other = k == 3 ? "2027-01-09T10:00-13:00" : "";
		if (shapes && k == 3)
			yc.other = "";
		fx_youth(y, k, &yc);
		/* After fx_youth(), which sets other_work from yc.other. */
		if (shapes && (k == 1 || k == 3)) {
			/* Other work on the first Saturday of the round. */
			y_other(y, base + 5, k == 1 ? 12 * 60 + 30 : 10 * 60,
			    13 * 60);
		}
		if (k == 2) {
			y->navailability = 0;
			for (int d = 0; d < 7; d++) {
				y->availability[d].days = MODEL_DAY_BIT(d);
				y->availability[d].from = 6 * 60;
				y->availability[d].to = d == 5 ? 1440 : 21 * 60;
				y->navailability++;
			}
			y->unavailable = xcalloc(1, sizeof(*y->unavailable));
			y->unavailable[0].start = fx_wall("2027-01-12T00:00");
			y->unavailable[0].end = fx_wall("2027-01-14T00:00");
			y->nunavailable = 1;
		}
		if (k == 4)
			y->max_week_minutes = 600;
	}
	/* Random slots over three weeks (around the DST-free winter). */
	cap = nslots;
	free(inst->slots);
	free(inst->assignments);
	inst->slots = xcalloc(cap, sizeof(*inst->slots));
	for (size_t i = 0; i < nslots; i++) {
		struct model_slot *s = &inst->slots[i];
		int32_t d = base + rnd(21);
		int start = 6 * 60 + rnd(16 * 60 / 15) * 15;
		int len = 30 + rnd(6 * 4) * 15;
		snprintf(buf, sizeof(buf), "r%zu", i);
		s->id = xstrdup(buf);
		if (shapes) {
			shape_slot(s, i > 0 ? &inst->slots[i - 1] : NULL, i,
			    base, dstday);
			if (dstday != CIVIL_NO_DATE &&
			    in_gap(s->start, s->end, dstday)) {
				s->start -= 180;
				s->end -= 180;
			}
		} else {
			s->home = xstrdup(rnd(2) ? "h1" : "h2");
			s->start = (int64_t)d * CIVIL_MIN_PER_DAY + start;
			s->end = s->start + len;
		}
		s->needed = 3;
		if (rnd(8) == 0)
			s->min_age = 16;
	}
	inst->nslots = nslots;
	inst->nassignments = 0;
	if (shapes)
		inst->travel_minutes = 30;
	inst->assignments = xcalloc(nslots * 6 + 1, sizeof(*inst->assignments));
	assert_int_equal(
	    model_instance_link(inst, err, sizeof(err), err, sizeof(err)), 0);
	ctx = rules_ctx_new(inst, tz_of(inst), err, sizeof(err));
	assert_non_null(ctx);
	for (size_t k = 0; k < 6; k++) {
		st[k] = rules_youth_state_new(ctx, k);
		/* The starting state (other_work only) must be legal. */
		assert_int_equal(youth_violations(inst, k, &rep), 0);
	}
	for (int iter = 0; iter < 500; iter++) {
		size_t y = (size_t)rnd(6), s = (size_t)rnd((int)nslots);
		struct model_assignment *a =
		    &inst->assignments[inst->nassignments];
		bool may;
		size_t nv;

		if (shapes && inst->nassignments > 0 && rnd(4) == 0) {
			/* Taking one away: may_remove agrees with the full
			 * check of the rest (fewer shifts can break a
			 * break rule). */
			size_t i = (size_t)rnd((int)inst->nassignments);
			struct model_assignment keep = inst->assignments[i];
			bool mr;
			y = keep.youth_idx;
			s = keep.slot_idx;
			mr = rules_may_remove(ctx, st[y], s);
			inst->assignments[i] =
			    inst->assignments[inst->nassignments - 1];
			inst->nassignments--;
			nv = youth_violations(inst, y, &rep);
			if (mr != (nv == 0))
				fprintf(stderr,
				    "%s: may_remove(%zu, %s) = %d but full "
				    "check gives %zu (%s)\n",
				    inst->jurisdiction, y, inst->slots[s].id,
				    mr, nv, nv ? rep.v[0].message : "");
			assert_true(mr == (nv == 0));
			if (mr) {
				removed++;
				assert_int_equal(
				    rules_youth_state_remove(st[y], s), 0);
				assert_true(rules_youth_state_ok(ctx, st[y]));
				model_assignment_clear(&keep);
			} else {
				inst->assignments[inst->nassignments++] =
				    inst->assignments[i];
				inst->assignments[i] = keep;
			}
			continue;
		}
		may = rules_may_add(ctx, st[y], s);

		a->slot = xstrdup(inst->slots[s].id);
		a->youth = xstrdup(inst->youths[y].id);
		a->slot_idx = s;
		a->youth_idx = y;
		a->status = MODEL_ASSIGNMENT_ACTIVE;
		inst->nassignments++;
		nv = youth_violations(inst, y, &rep);
		if (may != (nv == 0)) {
			fprintf(stderr,
			    "%s: may_add(%zu, %s) = %d but full check "
			    "gives %zu:\n",
			    inst->jurisdiction, y, inst->slots[s].id, may, nv);
			for (size_t i = 0; i < rep.n; i++)
				if (rep.v[i].youth_idx == (long)y)
					fprintf(stderr, "  %s: %s\n",
					    rep.v[i].rule_id, rep.v[i].message);
		}
		assert_true(may == (nv == 0));
		agree++;
		if (may) {
			yes++;
			assert_int_equal(
			    rules_youth_state_add(ctx, st[y], s), 0);
		} else {
			inst->nassignments--;
			model_assignment_clear(a);
		}
	}
	/* Removing and re-adding gives the same answer. */
	for (size_t k = 0; k < 6; k++) {
		size_t n0 = rules_youth_state_count(st[k]);
		for (size_t s = 0; s < nslots; s++)
			if (rules_youth_state_remove(st[k], s) == 0) {
				assert_true(rules_may_add(ctx, st[k], s));
				assert_int_equal(
				    rules_youth_state_add(ctx, st[k], s), 0);
				assert_int_equal(
				    rules_youth_state_add(ctx, st[k], s), -1);
			}
		assert_int_equal(rules_youth_state_count(st[k]), n0);
	}
	assert_true(yes > 10);
	assert_true(yes < agree);
	if (shapes)
		assert_true(removed > 0);
	for (size_t k = 0; k < 6; k++)
		rules_youth_state_free(st[k]);
	rules_ctx_free(ctx);
	rules_report_free(&rep);
	model_instance_free(inst);
}

static void
random_round(const char *jur, const char *tzname, const char *extra)
{
	random_round_in(jur, tzname, extra, false, "2027-01-04", NULL);
}

static void
test_may_add_random(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 6; seed++) {
		rng_state = seed;
		random_round("NO", "Europe/Oslo", "");
		random_round("NO", "Europe/Oslo",
		    "youth_night_21_23_justified=1 sunday_averaging_agreement=1");
		random_round("NO", "Europe/Oslo",
		    "care_exemption_12_9g=1 sunday_work_justified=0");
		random_round("EU", "Europe/Berlin", "jur=EU tz=Europe/Berlin");
		random_round("US", "America/New_York",
		    "jur=US-FLSA tz=America/New_York");
		random_round("UK", "Europe/London", "jur=UK tz=Europe/London");
		random_round("NO", "Europe/Oslo",
		    "break_counts_as_working_time=1 care_exemption_12_9g=1");
		random_round("UK", "Europe/London",
		    "jur=UK tz=Europe/London cwsa_2026_in_force=1");
		random_round("NO", "Europe/Oslo",
		    "no_work_before_lessons=0 youth_night_21_23_justified=1");
		/* A holiday 2027-01-09..02-10 (33 days) in a fully known
		 * year: the annual 28 free days bind (NO-AML-11-5-4). */
		random_round("NO", "Europe/Oslo",
		    "terms=2026-08-17/2027-01-08,2027-02-11/2028-06-20 "
		    "sholidays=none");
		random_round("NO", "Europe/Oslo",
		    "terms=2026-08-17/2027-01-08,2027-02-11/2028-06-20 "
		    "sholidays=none no_work_before_lessons=0");
	}
}

/* Issue 20: the same agreement (adding and taking away) on the shapes
 * real homes produce, in winter and around both DST changes. */
static void
test_may_add_random_shapes(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 5; seed++) {
		rng_state = seed;
		random_round_in(
		    "NO", "Europe/Oslo", "", true, "2027-01-04", NULL);
		random_round_in(
		    "NO", "Europe/Oslo", "", true, "2027-03-15", "2027-03-28");
		random_round_in(
		    "NO", "Europe/Oslo", "", true, "2027-10-18", "2027-10-31");
		random_round_in("NO", "Europe/Oslo",
		    "break_counts_as_working_time=1 care_exemption_12_9g=1",
		    true, "2027-01-04", NULL);
		random_round_in("NO", "Europe/Oslo",
		    "youth_night_21_23_justified=1", true, "2027-03-15",
		    "2027-03-28");
		random_round_in("EU", "Europe/Berlin",
		    "jur=EU tz=Europe/Berlin", true, "2027-01-04", NULL);
		random_round_in("UK", "Europe/London",
		    "jur=UK tz=Europe/London", true, "2027-01-04", NULL);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_table_covers_profiles),
	    cmocka_unit_test(test_holidays),
	    cmocka_unit_test(test_leaving_date),
	    cmocka_unit_test(test_message),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_dst_gap),
	    cmocka_unit_test(test_check_youth),
	    cmocka_unit_test(test_may_add_random),
	    cmocka_unit_test(test_may_add_random_shapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
