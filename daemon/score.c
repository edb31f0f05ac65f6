/* SPDX-License-Identifier: ISC */
/*
 * This file contains score_compute(): one pass over the active
 * assignments, counting each youth's real working minutes and the
 * distinct youth-home pairs; the filled positions are those
 * plan_open_positions() does not count open (capped at `needed`).
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "plan.h"
#include "score.h"
#include "tzmap.h"
#include "xmalloc.h"

static int
cmp_pair(const void *a, const void *b)
{
	const size_t *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	if (x[1] != y[1])
		return x[1] < y[1] ? -1 : 1;
	return 0;
}

void
score_compute(const struct model_instance *inst, const struct tzmap *tz,
    struct plan_score *out)
{
	int *open = plan_open_positions(inst);
	int64_t *minutes = xcalloc(inst->nyouths + 1, sizeof(*minutes));
	size_t *pairs = xcalloc(2 * inst->nassignments + 2, sizeof(*pairs));
	size_t npairs = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const struct model_slot *s = &inst->slots[a->slot_idx];
		int64_t u0, u1;

		if (a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		(void)tzmap_to_utc(tz, s->start, &u0);
		(void)tzmap_to_utc(tz, s->end, &u1);
		minutes[a->youth_idx] += u1 - u0;
		pairs[2 * npairs] = a->youth_idx;
		pairs[2 * npairs + 1] = s->home_idx;
		npairs++;
	}
	for (size_t i = 0; i < inst->nslots; i++) {
		int want = plan_positions_of(&inst->slots[i]);
		out->positions += want;
		out->filled += want - open[i];
	}
	for (size_t i = 0; i < inst->nyouths; i++) {
		double h = (double)minutes[i] / 60.0;
		out->fairness += h * h;
	}
	qsort(pairs, npairs, 2 * sizeof(*pairs), cmp_pair);
	for (size_t i = 0; i < npairs; i++)
		if (i == 0 || cmp_pair(&pairs[2 * i], &pairs[2 * (i - 1)]) != 0)
			out->pairs++;
	free(open);
	free(minutes);
	free(pairs);
}
