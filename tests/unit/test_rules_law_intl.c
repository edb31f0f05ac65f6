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

#define N_CASES (sizeof(rules_law_intl_cases) / sizeof(rules_law_intl_cases[0]))

static const struct tzmap *
tz_of(const struct model_instance *inst)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);

	assert_non_null(tz);
	return tz;
}

/* Does the space-separated list hold id? */
static bool
list_has(const char *list, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = list; (p = strstr(p, id)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

static int
run_one(const struct rules_tcase *tc, size_t i, bool verbose)
{
	struct model_instance *inst = fx_instance(tc);
	struct rules_report rep = {0};
	int bad = 0;
	char tok[64];

	if (inst == NULL) {
		fprintf(
		    stderr, "intl case %zu (%s): bad fixture\n", i, tc->rule);
		return 1;
	}
	if (rules_check_instance(inst, tz_of(inst), &rep) != 0) {
		fprintf(
		    stderr, "intl case %zu (%s): check failed\n", i, tc->rule);
		model_instance_free(inst);
		return 1;
	}
	for (size_t k = 0; k < rep.n; k++) {
		const struct rules_violation *v = &rep.v[k];
		if (!list_has(tc->expect, v->rule_id))
			bad = 1;
		if (v->message[0] == '\0' || v->reference == NULL ||
		    v->reference[0] == '\0' || v->nslots == 0)
			bad = 1;
	}
	for (size_t k = 0; k < fx_count(tc->expect); k++)
		if (rules_report_count(
		        &rep, fx_tok(tc->expect, k, tok, sizeof(tok))) == 0)
			bad = 1;
	if (bad || verbose) {
		fprintf(stderr, "intl case %zu (%s) %s: expected {%s}, got:\n",
		    i, tc->rule, bad ? "FAILED" : "ok", tc->expect);
		for (size_t k = 0; k < rep.n; k++)
			fprintf(stderr, "  %s: %s\n", rep.v[k].rule_id,
			    rep.v[k].message);
	}
	rules_report_free(&rep);
	model_instance_free(inst);
	return bad;
}

static void
test_intl_table(void **state)
{
	int failed = 0;

	(void)state;
	assert_true(N_CASES >= 120);
	for (size_t i = 0; i < N_CASES; i++)
		failed += run_one(&rules_law_intl_cases[i], i,
		    getenv("RULES_VERBOSE") != NULL);
	if (failed)
		fprintf(stderr, "%d of %zu intl law cases failed\n", failed,
		    N_CASES);
	assert_int_equal(failed, 0);
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

/*
 * For every row, add its slots one by one in order with rules_may_add():
 * while the youth has no violation, may_add must say yes exactly when the
 * full check of the instance with the slot added has none for the youth.
 */
static void
test_intl_may_add_agrees(void **state)
{
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < N_CASES; i++) {
		const struct rules_tcase *tc = &rules_law_intl_cases[i];
		struct model_instance *inst = fx_instance(tc);
		const struct tzmap *tz;
		struct rules_ctx *ctx;
		struct rules_youth_state *st;
		char err[128];
		size_t na;

		assert_non_null(inst);
		tz = tz_of(inst);
		ctx = rules_ctx_new(inst, tz, err, sizeof(err));
		assert_non_null(ctx);
		st = rules_youth_state_new_empty(ctx, 0);
		assert_non_null(st);
		na = inst->nassignments;
		for (size_t s = 0; s < inst->nslots; s++) {
			struct rules_report rep = {0};
			bool ok_full, ok_inc;

			/* Activate assignments 0..s only. */
			inst->nassignments = s + 1;
			assert_int_equal(
			    rules_check_youth(inst, tz, 0, &rep), 0);
			ok_full = true;
			for (size_t k = 0; k < rep.n; k++)
				if (rep.v[k].youth_idx == 0)
					ok_full = false;
			rules_report_free(&rep);
			ok_inc = rules_may_add(ctx, st, s);
			if (ok_full != ok_inc) {
				fprintf(stderr,
				    "intl case %zu (%s): may_add(slot %zu) = "
				    "%d, full check = %d\n",
				    i, tc->rule, s, ok_inc, ok_full);
				bad++;
			}
			if (!ok_full)
				break;
			assert_int_equal(rules_youth_state_add(ctx, st, s), 0);
		}
		inst->nassignments = na;
		rules_youth_state_free(st);
		rules_ctx_free(ctx);
		model_instance_free(inst);
	}
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
