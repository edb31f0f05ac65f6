/* SPDX-License-Identifier: ISC */
/*
 * This file contains `rotad check INSTANCE.json PLAN.json [--json]`: it
 * puts the plan's assignments on the instance, runs every rule, checks
 * that pinned assignments were kept, prints each violation readably (or
 * as JSON) with the plan's score, and exits 1 when there is a violation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "civil.h"
#include "error.h"
#include "i18n.h"
#include "instance_json.h"
#include "model.h"
#include "plan.h"
#include "rules.h"
#include "rules_json.h"
#include "score.h"
#include "tzmap.h"
#include "xmalloc.h"

int rotad_check_main(int argc, char **argv);

/* A violation for a pinned assignment the plan dropped. */
static json_t *
pinned_violation(
    const struct model_instance *inst, const struct model_assignment *a)
{
	const char *ref = _("rota planning rule: pinned assignments");
	char *msg = xasprintf(_("The pinned assignment of youth '%1$s' to slot "
	                        "'%2$s' is missing from the plan (%3$s)."),
	    a->youth, a->slot, ref);
	json_t *v = json_pack("{s:s, s:s, s:s, s:s, s:[s]}", "rule",
	    "ROTA-pinned", "reference", ref, "message", msg, "youth", a->youth,
	    "slots", a->slot);

	(void)inst;
	free(msg);
	return v;
}

static bool
plan_has(const struct plan *p, const char *slot, const char *youth)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->a[i].slot, slot) == 0 &&
		    strcmp(p->a[i].youth, youth) == 0)
			return true;
	return false;
}

int
rotad_check_main(int argc, char **argv)
{
	const char *ipath = NULL, *ppath = NULL;
	struct model_instance *inst = NULL, *checked = NULL;
	struct instance_series_set series = {0};
	struct plan *plan = NULL;
	struct rules_report rep = {0};
	struct rotad_error err;
	struct plan_score score;
	const struct tzmap *tz;
	json_t *ij = NULL, *pj = NULL, *violations = NULL;
	bool as_json = false;
	char msg[256];
	int rc = 2;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			as_json = true;
		else if (ipath == NULL)
			ipath = argv[i];
		else if (ppath == NULL)
			ppath = argv[i];
		else
			ipath = NULL, ppath = NULL, i = argc;
	}
	if (ipath == NULL || ppath == NULL) {
		fprintf(stderr,
		    "usage: rotad check INSTANCE.json PLAN.json [--json]\n");
		return 2;
	}
	/* The explanations in the language of the terminal's user. */
	i18n_init(NULL, msg, sizeof(msg));
	i18n_use(i18n_from_environment(I18N_EN));
	rotad_error_clear(&err);
	if ((ij = instance_json_load_file(ipath, &err)) == NULL ||
	    (inst = instance_with_series_from_json(ij, &series, &err)) ==
	        NULL) {
		fprintf(stderr, "rotad: check: %s: %s%s%s\n", ipath, err.field,
		    err.field[0] ? ": " : "", err.message);
		goto done;
	}
	if ((pj = instance_json_load_file(ppath, &err)) == NULL ||
	    (plan = plan_from_json(pj, inst, &err)) == NULL) {
		fprintf(stderr, "rotad: check: %s: %s%s%s\n", ppath, err.field,
		    err.field[0] ? ": " : "", err.message);
		goto done;
	}
	tz = tzmap_get(inst->timezone);

	/* The instance with the plan's assignments in place of its own. */
	if ((checked = plan_apply(inst, plan, msg, sizeof(msg))) == NULL ||
	    rules_check_instance(checked, tz, &rep) == -1) {
		fprintf(stderr, "rotad: check: the plan cannot be checked\n");
		goto done;
	}
	violations = json_array();
	for (size_t i = 0; i < rep.n; i++)
		json_array_append_new(
		    violations, rules_violation_to_json(&rep.v[i], checked));
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->pinned && a->status == MODEL_ASSIGNMENT_ACTIVE &&
		    !plan_has(plan, a->slot, a->youth))
			json_array_append_new(
			    violations, pinned_violation(inst, a));
	}
	score_compute(checked, tz, &score);

	if (as_json) {
		json_t *out =
		    json_pack("{s:O, s:{s:I, s:I, s:f, s:I}}", "violations",
		        violations, "score", "filled", (json_int_t)score.filled,
		        "positions", (json_int_t)score.positions, "fairness",
		        score.fairness, "pairs", (json_int_t)score.pairs);
		char *text = json_dumps(out, JSON_INDENT(2));
		printf("%s\n", text);
		free(text);
		json_decref(out);
	} else {
		size_t idx;
		json_t *v;
		json_array_foreach(violations, idx, v)
		{
			json_t *slots = json_object_get(v, "slots");
			printf("%s: %s\n    youth: %s",
			    json_string_value(json_object_get(v, "rule")),
			    json_string_value(json_object_get(v, "message")),
			    json_is_string(json_object_get(v, "youth"))
			        ? json_string_value(json_object_get(v, "youth"))
			        : "-");
			if (json_array_size(slots) > 0) {
				size_t k;
				json_t *s;
				printf("; slots:");
				json_array_foreach(slots, k, s)
				    printf(" %s", json_string_value(s));
			}
			printf("\n    reference: %s\n",
			    json_string_value(json_object_get(v, "reference")));
		}
		printf("%zu violation%s; filled %ld of %ld positions, "
		       "fairness %.2f, pairs %ld\n",
		    json_array_size(violations),
		    json_array_size(violations) == 1 ? "" : "s", score.filled,
		    score.positions, score.fairness, score.pairs);
	}
	rc = json_array_size(violations) > 0 ? 1 : 0;
done:
	json_decref(violations);
	rules_report_free(&rep);
	model_instance_free(checked);
	instance_series_set_clear(&series);
	model_instance_free(inst);
	plan_free(plan);
	json_decref(ij);
	json_decref(pj);
	return rc;
}
