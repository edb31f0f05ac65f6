/* SPDX-License-Identifier: ISC */
/*
 * This file contains the rules-engine side of the exact reference
 * (bench/ilp.py), so that the ILP sees exactly the rules rotad applies:
 *
 *   ilp_helper model INSTANCE.json
 *       prints JSON: every slot's duration, home, needed, requirements and
 *       candidates (youths who may take it alone, from their fixed
 *       state), each youth's fixed minutes, skills and the pairs of its
 *       candidate slots it cannot take together (rules_may_add with the
 *       first one added; slot pairs less than 8 days apart).
 *   ilp_helper cuts INSTANCE.json PLAN.json
 *       prints JSON: for every youth whose slots in the plan break a rule,
 *       minimal sets of those slots that cannot be taken together
 *       (deletion filter over rules_may_add), for no-good cuts
 *       sum x <= |set| - 1.  These are valid because the rules are
 *       monotone: a set of shifts that breaks a rule still breaks it
 *       with more shifts added.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "civil.h"
#include "error.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "tzmap.h"
#include "xmalloc.h"

static json_t *
load(const char *path)
{
	json_error_t e;
	json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &e);

	if (j == NULL) {
		fprintf(stderr, "ilp_helper: %s: %s\n", path, e.text);
		exit(2);
	}
	return j;
}

static int64_t
minutes(const struct tzmap *tz, const struct model_slot *s)
{
	int64_t a, b;

	tzmap_to_utc(tz, s->start, &a);
	tzmap_to_utc(tz, s->end, &b);
	return b - a;
}

static bool
may_visit(const struct model_youth *y, size_t home)
{
	if (!y->homes_limited)
		return true;
	for (size_t i = 0; i < y->nhomes; i++)
		if (y->homes_idx[i] == home)
			return true;
	return false;
}

/* A youth's state with its fixed (pinned, active) assignments. */
static struct rules_youth_state *
fixed_state(
    const struct rules_ctx *ctx, const struct model_instance *inst, size_t y)
{
	struct rules_youth_state *st = rules_youth_state_new_empty(ctx, y);

	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->youth_idx == y && a->pinned &&
		    a->status == MODEL_ASSIGNMENT_ACTIVE)
			(void)rules_youth_state_add(ctx, st, a->slot_idx);
	}
	return st;
}

static int
model_main(const struct model_instance *inst, const struct tzmap *tz,
    const struct rules_ctx *ctx)
{
	json_t *out = json_object(), *slots = json_array(), *ys = json_array();
	size_t **cand = xcalloc(inst->nslots + 1, sizeof(*cand));
	size_t *ncand = xcalloc(inst->nslots + 1, sizeof(*ncand));
	size_t **mine = xcalloc(inst->nyouths + 1, sizeof(*mine));
	size_t *nmine = xcalloc(inst->nyouths + 1, sizeof(*nmine));
	struct rules_youth_state **st = xcalloc(inst->nyouths + 1, sizeof(*st));

	for (size_t y = 0; y < inst->nyouths; y++) {
		st[y] = fixed_state(ctx, inst, y);
		mine[y] = xcalloc(inst->nslots + 1, sizeof(**mine));
	}
	for (size_t s = 0; s < inst->nslots; s++) {
		const struct model_slot *sl = &inst->slots[s];
		json_t *o, *c = json_array(), *req = json_object(), *fixed;
		cand[s] = xcalloc(inst->nyouths + 1, sizeof(**cand));
		fixed = json_array();
		for (size_t i = 0; i < inst->nassignments; i++) {
			const struct model_assignment *a =
			    &inst->assignments[i];
			if (a->slot_idx == s && a->pinned &&
			    a->status == MODEL_ASSIGNMENT_ACTIVE)
				json_array_append_new(fixed,
				    json_integer((json_int_t)a->youth_idx));
		}
		for (size_t y = 0; y < inst->nyouths; y++) {
			if (!may_visit(&inst->youths[y], sl->home_idx) ||
			    !rules_may_add(ctx, st[y], s))
				continue;
			cand[s][ncand[s]++] = y;
			mine[y][nmine[y]++] = s;
			json_array_append_new(c, json_integer((json_int_t)y));
		}
		for (size_t r = 0; r < sl->nrequires; r++)
			json_object_set_new(req, sl->requires[r].skill,
			    json_integer(sl->requires[r].count));
		o = json_pack("{s:s, s:I, s:I, s:i, s:o, s:o, s:o}", "id",
		    sl->id, "minutes", (json_int_t)minutes(tz, sl), "home",
		    (json_int_t)sl->home_idx, "needed", sl->needed, "requires",
		    req, "candidates", c, "fixed", fixed);
		json_array_append_new(slots, o);
	}
	for (size_t y = 0; y < inst->nyouths; y++) {
		const struct model_youth *my = &inst->youths[y];
		json_t *conf = json_array(), *sk = json_array();
		int64_t fixed_min = 0;
		for (size_t i = 0; i < inst->nassignments; i++) {
			const struct model_assignment *a =
			    &inst->assignments[i];
			if (a->youth_idx == y && a->pinned &&
			    a->status == MODEL_ASSIGNMENT_ACTIVE)
				fixed_min +=
				    minutes(tz, &inst->slots[a->slot_idx]);
		}
		for (size_t k = 0; k < my->nskills; k++)
			json_array_append_new(sk, json_string(my->skills[k]));
		for (size_t i = 0; i < nmine[y]; i++) {
			size_t a = mine[y][i];
			(void)rules_youth_state_add(ctx, st[y], a);
			for (size_t j = i + 1; j < nmine[y]; j++) {
				size_t b = mine[y][j];
				int64_t gap =
				    inst->slots[b].start - inst->slots[a].start;
				if (gap < 0)
					gap = -gap;
				if (gap >= 8 * CIVIL_MIN_PER_DAY)
					continue;
				if (!rules_may_add(ctx, st[y], b))
					json_array_append_new(conf,
					    json_pack("[I, I]", (json_int_t)a,
					        (json_int_t)b));
			}
			(void)rules_youth_state_remove(st[y], a);
		}
		json_array_append_new(ys,
		    json_pack("{s:s, s:I, s:o, s:o}", "id", my->id,
		        "fixed_minutes", (json_int_t)fixed_min, "skills", sk,
		        "conflicts", conf));
	}
	json_object_set_new(out, "slots", slots);
	json_object_set_new(out, "youths", ys);
	json_dumpf(out, stdout, JSON_COMPACT);
	printf("\n");
	json_decref(out);
	for (size_t s = 0; s < inst->nslots; s++)
		free(cand[s]);
	for (size_t y = 0; y < inst->nyouths; y++) {
		free(mine[y]);
		rules_youth_state_free(st[y]);
	}
	free(cand);
	free(ncand);
	free(mine);
	free(nmine);
	free(st);
	return 0;
}

/* Can youth y take every slot of set[0..n) (besides its fixed ones)? */
static bool
feasible(const struct rules_ctx *ctx, const struct model_instance *inst,
    size_t y, const size_t *set, size_t n, size_t skip)
{
	struct rules_youth_state *st = fixed_state(ctx, inst, y);
	bool ok = true;

	for (size_t i = 0; i < n && ok; i++) {
		if (i == skip)
			continue;
		if (!rules_may_add(ctx, st, set[i]))
			ok = false;
		else
			(void)rules_youth_state_add(ctx, st, set[i]);
	}
	rules_youth_state_free(st);
	return ok;
}

static int
cuts_main(const struct model_instance *inst, const struct rules_ctx *ctx,
    const json_t *plan)
{
	json_t *out = json_array(), *as = json_object_get(plan, "assignments");
	size_t **sets = xcalloc(inst->nyouths + 1, sizeof(*sets));
	size_t *n = xcalloc(inst->nyouths + 1, sizeof(*n));
	size_t i;
	json_t *a;

	for (size_t y = 0; y < inst->nyouths; y++)
		sets[y] = xcalloc(inst->nslots + 1, sizeof(**sets));
	json_array_foreach(as, i, a)
	{
		long s = model_find_slot(
		    inst, json_string_value(json_object_get(a, "slot")));
		long y = model_find_youth(
		    inst, json_string_value(json_object_get(a, "youth")));
		bool fixed = false;
		if (s < 0 || y < 0)
			continue;
		for (size_t k = 0; k < inst->nassignments; k++)
			if (inst->assignments[k].pinned &&
			    inst->assignments[k].slot_idx == (size_t)s &&
			    inst->assignments[k].youth_idx == (size_t)y)
				fixed = true;
		if (!fixed)
			sets[y][n[y]++] = (size_t)s;
	}
	for (size_t y = 0; y < inst->nyouths; y++) {
		size_t *set = sets[y], m = n[y];
		/* Peel off minimal infeasible subsets until the rest is
		 * feasible (each one a cut). */
		while (m > 0 && !feasible(ctx, inst, y, set, m, SIZE_MAX)) {
			size_t *core = xcalloc(m + 1, sizeof(*core)), nc = m;
			json_t *c = json_array();
			memcpy(core, set, m * sizeof(*core));
			for (size_t k = 0; k < nc;) {
				if (!feasible(ctx, inst, y, core, nc, k)) {
					core[k] = core[--nc];
				} else {
					k++;
				}
			}
			for (size_t k = 0; k < nc; k++)
				json_array_append_new(
				    c, json_string(inst->slots[core[k]].id));
			json_array_append_new(out,
			    json_pack("{s:s, s:o}", "youth", inst->youths[y].id,
			        "slots", c));
			/* Drop the core's first slot from the rest. */
			for (size_t k = 0; k < m; k++)
				if (set[k] == core[0]) {
					set[k] = set[--m];
					break;
				}
			free(core);
		}
		free(sets[y]);
	}
	json_dumpf(out, stdout, JSON_COMPACT);
	printf("\n");
	json_decref(out);
	free(sets);
	free(n);
	return 0;
}

int
main(int argc, char **argv)
{
	struct rotad_error err;
	struct model_instance *inst;
	struct rules_ctx *ctx;
	const struct tzmap *tz;
	json_t *ij, *pj = NULL;
	char msg[256];
	int rc;

	if (argc < 3 ||
	    (strcmp(argv[1], "model") != 0 &&
	        (strcmp(argv[1], "cuts") != 0 || argc < 4))) {
		fprintf(stderr,
		    "usage: ilp_helper model INSTANCE.json\n"
		    "       ilp_helper cuts INSTANCE.json PLAN.json\n");
		return 2;
	}
	ij = load(argv[2]);
	rotad_error_clear(&err);
	if ((inst = instance_from_json(ij, &err)) == NULL) {
		fprintf(stderr, "ilp_helper: %s: %s\n", err.field, err.message);
		return 2;
	}
	tz = tzmap_get(inst->timezone);
	if ((ctx = rules_ctx_new(inst, tz, msg, sizeof(msg))) == NULL) {
		fprintf(stderr, "ilp_helper: %s\n", msg);
		return 2;
	}
	if (strcmp(argv[1], "model") == 0) {
		rc = model_main(inst, tz, ctx);
	} else {
		pj = load(argv[3]);
		rc = cuts_main(inst, ctx, pj);
	}
	json_decref(pj);
	rules_ctx_free(ctx);
	model_instance_free(inst);
	json_decref(ij);
	return rc;
}
