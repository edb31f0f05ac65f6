/* SPDX-License-Identifier: ISC */
/*
 * This file contains the legal test table of the rules engine
 * (rules_law_cases.h, written from the statute reference rather than from
 * the engine): each row must give exactly the rule ids expected, every
 * rule id of the reference's tables must be shown failing by some row, and
 * for every row the incremental rules_may_add() must agree with the full
 * check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rules_law_cases.h"
#include "rules_table.h"

#define N_LAW_CASES (sizeof(rules_law_cases) / sizeof(rules_law_cases[0]))
#define N_LAW_IDS   (sizeof(rules_law_ids) / sizeof(rules_law_ids[0]))

static void
test_law_table(void **state)
{
	(void)state;
	assert_true(N_LAW_CASES >= 150);
	assert_int_equal(
	    rt_run_table(rules_law_cases, N_LAW_CASES, "law case"), 0);
}

/* The open disagreements: run (no crash, no leak) and reported only. */
static void
test_law_open(void **state)
{
	(void)state;
	for (size_t i = 0; rules_law_open[i].rule != NULL; i++)
		if (rt_run_case(&rules_law_open[i], "open case", i, false))
			fprintf(stderr, "(open disagreement, not asserted)\n");
}

/* Every rule id of the reference's tables is shown failing by some row. */
static void
test_law_covers_reference(void **state)
{
	int missing = 0;

	(void)state;
	for (size_t r = 0; r < N_LAW_IDS; r++) {
		bool found = false;
		for (size_t i = 0; i < N_LAW_CASES && !found; i++)
			found = list_has(
			    rules_law_cases[i].expect, rules_law_ids[r]);
		if (!found) {
			fprintf(stderr, "no failing law case for %s\n",
			    rules_law_ids[r]);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

/* For every row, rules_may_add() agrees with the full check. */
static void
test_law_may_add_agrees(void **state)
{
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < N_LAW_CASES; i++)
		bad += rt_may_add_agrees(&rules_law_cases[i], "law case", i);
	assert_int_equal(bad, 0);
}

/*
 * Two youths on one 3 h visit on Wednesday of week 8, one on the default
 * calendar (Oslo: winter holiday) and one on "bergen" (school in
 * session): only the Bergen youth breaks the school-day cap, in the full
 * check and in rules_may_add().
 */
static void
test_law_two_calendars(void **state)
{
	const struct rules_tcase tc = {"NO-AML-11-2-2a-day", L_C14,
	    "2027-02-24T15:00-18:00", "", "youths=2 needed=2 bergen=1", ""};
	struct model_instance *inst = fx_instance(&tc);
	struct rules_report rep = {0};
	struct rules_ctx *ctx;
	struct rules_youth_state *st;
	char err[128];

	(void)state;
	assert_non_null(inst);
	assert_int_equal(inst->youths[0].calendar_idx, 0);
	assert_int_equal(inst->youths[1].calendar_idx, 1);
	assert_int_equal(rules_check_instance(inst, tz_of(inst), &rep), 0);
	assert_int_equal(rep.n, 1);
	assert_string_equal(rep.v[0].rule_id, "NO-AML-11-2-2a-day");
	assert_int_equal(rep.v[0].youth_idx, 1);
	rules_report_free(&rep);
	ctx = rules_ctx_new(inst, tz_of(inst), err, sizeof(err));
	assert_non_null(ctx);
	for (size_t y = 0; y < 2; y++) {
		st = rules_youth_state_new_empty(ctx, y);
		assert_int_equal(rules_may_add(ctx, st, 0), y == 0);
		rules_youth_state_free(st);
	}
	rules_ctx_free(ctx);
	model_instance_free(inst);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_law_table),
	    cmocka_unit_test(test_law_two_calendars),
	    cmocka_unit_test(test_law_covers_reference),
	    cmocka_unit_test(test_law_open),
	    cmocka_unit_test(test_law_may_add_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
