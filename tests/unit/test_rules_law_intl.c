/* SPDX-License-Identifier: ISC */
/*
 * The second legal test table of the rules engine (rules_law_intl_cases.h,
 * written from the statute reference rather than from the engine, for the
 * EU, US-FLSA and UK profiles): each row must give exactly the rule ids
 * expected, and for every row the incremental rules_may_add() must agree
 * with the full check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rules_law_intl_cases.h"
#include "rules_table.h"

#define N_CASES (sizeof(rules_law_intl_cases) / sizeof(rules_law_intl_cases[0]))

static void
test_intl_table(void **state)
{
	(void)state;
	assert_true(N_CASES >= 120);
	assert_int_equal(
	    rt_run_table(rules_law_intl_cases, N_CASES, "intl law case"), 0);
}

/* Every row that expects a violation names only ids of its profile. */
static void
test_intl_ids_match_profile(void **state)
{
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < N_CASES; i++) {
		const struct rules_tcase *tc = &rules_law_intl_cases[i];
		char buf[32], tok[64];
		const char *jur = fx_get(tc->extra, "jur", buf, sizeof(buf));
		const char *pre = jur == NULL     ? "NO-"
		    : strcmp(jur, "US-FLSA") == 0 ? "US-"
		                                  : jur;

		for (size_t k = 0; k < fx_count(tc->expect); k++)
			if (strncmp(fx_tok(tc->expect, k, tok, sizeof(tok)),
			        pre, strlen(pre)) != 0) {
				fprintf(stderr, "intl case %zu: %s in %s\n", i,
				    tok, pre);
				bad++;
			}
	}
	assert_int_equal(bad, 0);
}

/* For every row, rules_may_add() agrees with the full check. */
static void
test_intl_may_add_agrees(void **state)
{
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < N_CASES; i++)
		bad +=
		    rt_may_add_agrees(&rules_law_intl_cases[i], "intl case", i);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_intl_table),
	    cmocka_unit_test(test_intl_ids_match_profile),
	    cmocka_unit_test(test_intl_may_add_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
