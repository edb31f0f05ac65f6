/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the bounds on the rules engine's
 * violation lists (issue 18.2): ROTA-overlap is one violation per youth,
 * day and kind (overlap, travel) that counts its pairs exactly and names
 * at most RULES_MAX_SLOTS slots, however many shifts overlap; a rolling
 * window is reported once however many shifts start with it; and the
 * grouped full check agrees, pair for pair, with a pairwise reference and
 * with rules_may_add().
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

/* n copies of tok, space-separated, as a new string. */
static char *
repeat(const char *tok, size_t n)
{
	size_t len = strlen(tok) + 1;
	char *s = xcalloc(n * len + 1, 1);

	for (size_t i = 0; i < n; i++) {
		memcpy(s + i * len, tok, len - 1);
		s[i * len + len - 1] = ' ';
	}
	return s;
}

static const struct rules_violation *
only_overlap(const struct rules_report *rep)
{
	const struct rules_violation *found = NULL;

	assert_int_equal(rules_report_count(rep, "ROTA-overlap"), 1);
	for (size_t i = 0; i < rep->n; i++)
		if (strcmp(rep->v[i].rule_id, "ROTA-overlap") == 0)
			found = &rep->v[i];
	return found;
}

/* 200 identical overlapping slots: one violation, 19900 pairs. */
static void
test_identical_slots(void **state)
{
	const char *who[] = {ADULT, YOUTH, CHILD};
	const char *extra[] = {"", "jur=EU tz=Europe/Berlin",
	    "jur=US-FLSA tz=America/New_York", "jur=UK tz=Europe/London"};

	(void)state;
	for (size_t w = 0; w < 3; w++)
		for (size_t x = 0; x < 4; x++) {
			char *sh = repeat("2027-01-09T10:00-12:00", 200);
			struct rules_tcase tc = {
			    "overlap", who[w], sh, "", extra[x], ""};
			struct model_instance *inst = fx_instance(&tc);
			struct rules_report rep = {0};
			const struct rules_violation *v;
			json_t *o;

			assert_non_null(inst);
			assert_int_equal(
			    rules_check_instance(inst, tz_of(inst), &rep), 0);
			/* Before the bound: 19900 overlaps and a rolling
			 * window per shift. */
			assert_true(rep.n <= 12);
			v = only_overlap(&rep);
			assert_int_equal(v->pairs, 200 * 199 / 2);
			assert_int_equal(v->nslots, RULES_MAX_SLOTS);
			assert_int_equal(v->nslots_total, 200);
			assert_int_equal(v->youth_idx, 0);
			assert_non_null(strstr(v->message, "19900 pairs"));
			assert_null(strstr(v->message, "Nilsen"));
			o = rules_violation_to_json(v, inst);
			assert_int_equal(json_integer_value(
			                     json_object_get(o, "slots_total")),
			    200);
			assert_int_equal(
			    json_integer_value(json_object_get(o, "pairs")),
			    19900);
			assert_string_equal(
			    json_string_value(json_object_get(o, "day")),
			    "2027-01-09");
			json_decref(o);
			rules_report_free(&rep);
			model_instance_free(inst);
			free(sh);
		}
}

/* Two shifts: the pair's own message, as before the grouping. */
static void
test_one_pair(void **state)
{
	struct rules_tcase tc = {"overlap", ADULT,
	    "2027-01-05T16:00-17:00 2027-01-05T16:30-17:30", "", "", ""};
	struct model_instance *inst = fx_instance(&tc);
	struct rules_report rep = {0};
	const struct rules_violation *v;
	json_t *o;

	(void)state;
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &rep), 0);
	v = only_overlap(&rep);
	assert_string_equal(v->message,
	    "Ida (18) has overlapping shifts from Tuesday 5 January at 16:00 "
	    "and from Tuesday 5 January at 16:30 (rota planning rule: "
	    "overlapping shifts).");
	assert_int_equal(v->pairs, 1);
	assert_int_equal(v->nslots, 2);
	assert_int_equal(v->nslots_total, 2);
	o = rules_violation_to_json(v, inst);
	assert_null(json_object_get(o, "slots_total"));
	assert_null(json_object_get(o, "pairs"));
	json_decref(o);
	rules_report_free(&rep);
	model_instance_free(inst);

	tc.shifts = "2027-01-05T16:00-17:00 2027-01-05T17:10-18:00@h2";
	inst = fx_instance(&tc);
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &rep), 0);
	v = only_overlap(&rep);
	assert_string_equal(v->message,
	    "Ida (18) has only 10 min between shifts at two homes (from "
	    "Tuesday 5 January at 16:00 and from Tuesday 5 January at "
	    "17:10); the travel takes 30 min (rota planning rule: travel "
	    "time between homes).");
	rules_report_free(&rep);
	model_instance_free(inst);
}

/* One rolling window, however many shifts start with it. */
static void
test_window_once(void **state)
{
	char *sh = repeat("2027-01-09T10:00-16:00", 3);
	struct rules_tcase tc = {"window", ADULT, sh, "", "", ""};
	struct model_instance *inst = fx_instance(&tc);
	struct rules_report rep = {0};

	(void)state;
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &rep), 0);
	/* 18 h in a day: the day cap and the 24-hour windows of 9 h and
	 * 13 h, once each. */
	assert_int_equal(rules_report_count(&rep, "NO-AML-10-6-8"), 1);
	assert_int_equal(rules_report_count(&rep, "NO-AML-10-4-1-day"), 2);
	rules_report_free(&rep);
	model_instance_free(inst);
	free(sh);
}

/* ---- the grouped check against a pairwise reference ---- */

static uint64_t rng = 1;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)((rng >> 33) % n);
}

struct ref_shift {
	int64_t s, e; /* wall: January in Oslo, a constant offset */
	long slot;    /* -1: other_work */
	size_t home;
};

static int
cmp_ref(const void *a, const void *b)
{
	const struct ref_shift *x = a, *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return (x->e > y->e) - (x->e < y->e);
}

/* Random shifts on 4-6 January 2027 starting on a 15-minute grid from
 * 08:00 (`starts` places), each up to 3 h long. */
static void
random_spans(char *buf, size_t len, size_t n, unsigned starts, bool homes)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int day = 4 + (int)rnd(3),
		    start = 8 * 60 + 15 * (int)rnd(starts);
		int end = (start + 15 * (1 + (int)rnd(12))) % (24 * 60);
		at += (size_t)snprintf(buf + at, len - at,
		    "2027-01-%02dT%02d:%02d-%02d:%02d%s ", day, start / 60,
		    start % 60, end / 60, end % 60,
		    homes && rnd(2) ? "@h2" : "");
	}
}

/* Groups seen with more than one pair, per kind (the test's reach). */
static size_t seen_multi[2];

static void
check_against_reference(const struct rules_tcase *tc, size_t round)
{
	struct model_instance *inst = fx_instance(tc);
	const struct model_youth *y;
	struct ref_shift sh[64];
	size_t n = 0, pairs[2][8] = {{0}}, named[2][8] = {{0}};
	bool involved[2][8][64] = {{{false}}};
	int64_t travel;
	struct rules_report rep = {0};

	assert_non_null(inst);
	y = &inst->youths[0];
	travel = inst->travel_minutes;
	for (size_t i = 0; i < inst->nslots; i++) {
		sh[n].s = inst->slots[i].start;
		sh[n].e = inst->slots[i].end;
		sh[n].slot = (long)i;
		sh[n++].home = inst->slots[i].home_idx;
	}
	for (size_t i = 0; i < y->nother_work; i++) {
		sh[n].s = y->other_work[i].start;
		sh[n].e = y->other_work[i].end;
		sh[n].slot = -1;
		sh[n++].home = 0;
	}
	qsort(sh, n, sizeof(*sh), cmp_ref);
	/* Every pair (a, b), a before b: b's day, overlap or travel. */
	for (size_t b = 0; b < n; b++)
		for (size_t a = 0; a < b; a++) {
			bool both = sh[a].slot >= 0 && sh[b].slot >= 0;
			size_t d = (size_t)(civil_wall_date(sh[b].s) -
			    civil_days_from_ymd(2027, 1, 4));
			int kind = -1;
			if (sh[b].s < sh[a].e &&
			    (sh[a].slot >= 0 || sh[b].slot >= 0))
				kind = 0;
			else if (both && sh[a].home != sh[b].home &&
			    sh[b].s >= sh[a].e && sh[b].s < sh[a].e + travel)
				kind = 1;
			if (kind < 0)
				continue;
			assert_true(d < 8);
			pairs[kind][d]++;
			if (sh[a].slot >= 0)
				involved[kind][d][sh[a].slot] = true;
			if (sh[b].slot >= 0)
				involved[kind][d][sh[b].slot] = true;
		}
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &rep), 0);
	for (size_t i = 0; i < rep.n; i++) {
		const struct rules_violation *v = &rep.v[i];
		int kind = strstr(v->message, "travel") ? 1 : 0;
		size_t d;

		if (strcmp(v->rule_id, "ROTA-overlap") != 0)
			continue;
		d = (size_t)(v->day - civil_days_from_ymd(2027, 1, 4));
		assert_true(d < 8);
		if (pairs[kind][d] != v->pairs)
			fprintf(stderr,
			    "round %zu: %s\n  %s: day %zu kind %d: "
			    "%zu pairs, reference %zu\n",
			    round, tc->shifts, v->message, d, kind, v->pairs,
			    pairs[kind][d]);
		assert_int_equal(v->pairs, pairs[kind][d]);
		if (v->pairs > 1)
			seen_multi[kind]++;
		/* Once per day and kind. */
		assert_int_equal(named[kind][d]++, 0);
		assert_true(v->nslots >= 1 && v->nslots <= RULES_MAX_SLOTS);
		assert_true(v->nslots_total >= v->nslots);
		for (size_t k = 0; k < v->nslots; k++)
			assert_true(involved[kind][d][v->slot_idx[k]]);
	}
	for (int kind = 0; kind < 2; kind++)
		for (size_t d = 0; d < 8; d++)
			assert_int_equal(
			    named[kind][d] > 0, pairs[kind][d] > 0);
	rules_report_free(&rep);
	model_instance_free(inst);
}

static void
test_pairs_match_reference(void **state)
{
	char shifts[2048], other[512];

	(void)state;
	for (size_t round = 0; round < 600; round++) {
		struct rules_tcase tc = {
		    "overlap", ADULT, shifts, other, "", "ROTA-overlap"};
		unsigned starts = round % 2 ? 56 : 12;
		random_spans(shifts, sizeof(shifts), 1 + rnd(14), starts, true);
		random_spans(other, sizeof(other), rnd(4), starts, false);
		check_against_reference(&tc, round);
		/* And the solver's test still agrees with it. */
		assert_int_equal(rt_may_add_agrees(&tc, "overlap", round), 0);
	}
	assert_true(seen_multi[0] >= 100 && seen_multi[1] >= 40);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_identical_slots),
	    cmocka_unit_test(test_one_pair),
	    cmocka_unit_test(test_window_once),
	    cmocka_unit_test(test_pairs_match_reference),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
