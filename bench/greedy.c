/* SPDX-License-Identifier: ISC */
/*
 * This file contains the greedy first-fit baseline of the solver
 * benchmark: slots in order of start time, each open position given to the
 * first youth (in file order) whom every rule allows there.  A visit that
 * needs a skill takes only youths with a missing skill once its remaining
 * positions are all needed for skills, and a visit left without them is
 * emptied.  No search, no fairness.
 *
 *   greedy INSTANCE.json > PLAN.json
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "error.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "tzmap.h"
#include "xmalloc.h"

static const struct model_instance *ginst;

static int
by_start(const void *a, const void *b)
{
	const struct model_slot *x = &ginst->slots[*(const size_t *)a];
	const struct model_slot *y = &ginst->slots[*(const size_t *)b];

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static bool
has_skill(const struct model_youth *y, const char *skill)
{
	for (size_t k = 0; k < y->nskills; k++)
		if (strcmp(y->skills[k], skill) == 0)
			return true;
	return false;
}

/* Skill places still missing on slot s with youths on[0..n). */
static long
missing(const struct model_slot *sl, const size_t *on, size_t n,
    const struct model_instance *inst, long *useful_for, size_t y)
{
	long total = 0;

	*useful_for = 0;
	for (size_t r = 0; r < sl->nrequires; r++) {
		long have = 0;
		for (size_t i = 0; i < n; i++)
			if (has_skill(
			        &inst->youths[on[i]], sl->requires[r].skill))
				have++;
		if (have < sl->requires[r].count) {
			total += sl->requires[r].count - have;
			if (has_skill(&inst->youths[y], sl->requires[r].skill))
				*useful_for = 1;
		}
	}
	return total;
}

int
main(int argc, char **argv)
{
	struct rotad_error err;
	struct model_instance *inst;
	struct rules_ctx *ctx;
	struct rules_youth_state **st;
	json_error_t je;
	json_t *ij, *out, *as;
	size_t *order, on[256];
	char msg[256];

	if (argc != 2) {
		fprintf(stderr, "usage: greedy INSTANCE.json\n");
		return 2;
	}
	if ((ij = json_load_file(argv[1], 0, &je)) == NULL) {
		fprintf(stderr, "greedy: %s\n", je.text);
		return 2;
	}
	rotad_error_clear(&err);
	if ((inst = instance_from_json(ij, &err)) == NULL) {
		fprintf(stderr, "greedy: %s: %s\n", err.field, err.message);
		return 2;
	}
	ginst = inst;
	if ((ctx = rules_ctx_new(
	         inst, tzmap_get(inst->timezone), msg, sizeof(msg))) == NULL) {
		fprintf(stderr, "greedy: %s\n", msg);
		return 2;
	}
	st = xcalloc(inst->nyouths + 1, sizeof(*st));
	for (size_t y = 0; y < inst->nyouths; y++)
		st[y] = rules_youth_state_new(ctx, y); /* pinned ones too */
	order = xcalloc(inst->nslots + 1, sizeof(*order));
	for (size_t s = 0; s < inst->nslots; s++)
		order[s] = s;
	qsort(order, inst->nslots, sizeof(*order), by_start);
	out = json_object();
	as = json_array();
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE)
			json_array_append_new(as,
			    json_pack("{s:s, s:s}", "slot",
			        inst->assignments[i].slot, "youth",
			        inst->assignments[i].youth));
	for (size_t k = 0; k < inst->nslots; k++) {
		size_t s = order[k], n = 0;
		const struct model_slot *sl = &inst->slots[s];
		long useful;
		for (size_t i = 0; i < inst->nassignments; i++)
			if (inst->assignments[i].slot_idx == s &&
			    inst->assignments[i].status ==
			        MODEL_ASSIGNMENT_ACTIVE &&
			    n < 256)
				on[n++] = inst->assignments[i].youth_idx;
		size_t first_new = n;
		for (size_t y = 0; y < inst->nyouths && (long)n < sl->needed;
		     y++) {
			long miss = missing(sl, on, n, inst, &useful, y);
			if (miss >= sl->needed - (long)n && !useful)
				continue;
			if (!rules_may_add(ctx, st[y], s))
				continue;
			(void)rules_youth_state_add(ctx, st[y], s);
			on[n++] = y;
		}
		if (missing(sl, on, n, inst, &useful, 0) > 0) {
			for (size_t i = first_new; i < n; i++)
				(void)rules_youth_state_remove(st[on[i]], s);
			n = first_new;
		}
		for (size_t i = first_new; i < n; i++)
			json_array_append_new(as,
			    json_pack("{s:s, s:s}", "slot", sl->id, "youth",
			        inst->youths[on[i]].id));
	}
	json_object_set_new(out, "assignments", as);
	json_dumpf(out, stdout, JSON_INDENT(1));
	printf("\n");
	json_decref(out);
	for (size_t y = 0; y < inst->nyouths; y++)
		rules_youth_state_free(st[y]);
	free(st);
	free(order);
	rules_ctx_free(ctx);
	model_instance_free(inst);
	json_decref(ij);
	return 0;
}
