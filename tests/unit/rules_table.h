/* SPDX-License-Identifier: ISC */
/*
 * The runner shared by the rules engine's table tests (test_rules.c,
 * test_rules_law.c, test_rules_law_intl.c): run one row and compare the
 * rule ids it gives with those expected, run a whole table, and check
 * rules_may_add() against the full check slot by slot.  Header-only;
 * include it after cmocka.h and a cases header (which brings
 * rules_fixture.h).
 */
#ifndef ROTA_TEST_RULES_TABLE_H
#define ROTA_TEST_RULES_TABLE_H

#define RT_FN static __attribute__((unused))

RT_FN const struct tzmap *
tz_of(const struct model_instance *inst)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);

	assert_non_null(tz);
	return tz;
}

/* Does the space-separated list hold id? */
RT_FN bool
list_has(const char *list, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = list; (p = strstr(p, id)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return true;
	return false;
}

/*
 * Row i of a table named label: exactly the expected rule ids, each with
 * a message, a reference and slots, and a first name only.  Returns 1 when
 * the row fails (and says why on stderr), else 0.
 */
RT_FN int
rt_run_case(
    const struct rules_tcase *tc, const char *label, size_t i, bool verbose)
{
	struct model_instance *inst = fx_instance(tc);
	struct rules_report rep = {0};
	int bad = 0;
	char tok[64];

	if (inst == NULL) {
		fprintf(
		    stderr, "%s %zu (%s): bad fixture\n", label, i, tc->rule);
		return 1;
	}
	if (rules_check_instance(inst, tz_of(inst), &rep) != 0) {
		fprintf(
		    stderr, "%s %zu (%s): check failed\n", label, i, tc->rule);
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
		/* First name only, never the family name. */
		if (strstr(v->message, "Nilsen") ||
		    strstr(v->message, "Hansen"))
			bad = 1;
	}
	for (size_t k = 0; k < fx_count(tc->expect); k++)
		if (rules_report_count(
		        &rep, fx_tok(tc->expect, k, tok, sizeof(tok))) == 0)
			bad = 1;
	if (bad || verbose) {
		fprintf(stderr, "%s %zu (%s) %s: expected {%s}, got:\n", label,
		    i, tc->rule, bad ? "FAILED" : "ok", tc->expect);
		for (size_t k = 0; k < rep.n; k++)
			fprintf(stderr, "  %s: %s\n", rep.v[k].rule_id,
			    rep.v[k].message);
	}
	rules_report_free(&rep);
	model_instance_free(inst);
	return bad;
}

/* Runs n rows (RULES_VERBOSE=1 prints every one); returns the failures. */
RT_FN int
rt_run_table(const struct rules_tcase *cases, size_t n, const char *label)
{
	int failed = 0;

	for (size_t i = 0; i < n; i++)
		failed += rt_run_case(
		    &cases[i], label, i, getenv("RULES_VERBOSE") != NULL);
	if (failed)
		fprintf(stderr, "%d of %zu %ss failed\n", failed, n, label);
	return failed;
}

/*
 * Adds the row's slots one by one in order with rules_may_add(): while
 * the youth has no violation, may_add must say yes exactly when the full
 * check of the instance with the slot added has none for the youth.
 * Returns the number of disagreements.
 */
RT_FN int
rt_may_add_agrees(const struct rules_tcase *tc, const char *label, size_t i)
{
	struct model_instance *inst = fx_instance(tc);
	const struct tzmap *tz;
	struct rules_ctx *ctx;
	struct rules_youth_state *st;
	char err[128];
	size_t na;
	int bad = 0;

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
		assert_int_equal(rules_check_youth(inst, tz, 0, &rep), 0);
		ok_full = true;
		for (size_t k = 0; k < rep.n; k++)
			if (rep.v[k].youth_idx == 0)
				ok_full = false;
		rules_report_free(&rep);
		ok_inc = rules_may_add(ctx, st, s);
		if (ok_full != ok_inc) {
			fprintf(stderr,
			    "%s %zu (%s): may_add(slot %zu) = %d, full check "
			    "= %d\n",
			    label, i, tc->rule, s, ok_inc, ok_full);
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
	return bad;
}

#endif /* ROTA_TEST_RULES_TABLE_H */
