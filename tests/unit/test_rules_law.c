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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_law_table),
	    cmocka_unit_test(test_law_covers_reference),
	    cmocka_unit_test(test_law_open),
	    cmocka_unit_test(test_law_may_add_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
