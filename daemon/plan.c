/* SPDX-License-Identifier: ISC */
/*
 * This file contains the plan type (plan.h): building a plan, putting it
 * into an instance, and counting the positions an instance leaves open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "plan.h"
#include "xmalloc.h"

struct plan *
plan_new(void)
{
	return xcalloc(1, sizeof(struct plan));
}

void
plan_free(struct plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->a[i].slot);
		free(p->a[i].youth);
	}
	free(p->a);
	for (size_t i = 0; i < p->nunfilled; i++)
		free(p->unfilled[i].slot);
	free(p->unfilled);
	free(p);
}

void
plan_add(struct plan *p, const struct model_instance *inst, size_t slot_idx,
    size_t youth_idx)
{
	struct plan_assignment *pa;

	/* A plan read from JSON has n entries and cap 0: grow past n. */
	if (p->n >= p->cap) {
		p->cap = p->n > 0 ? 2 * p->n : 16;
		p->a = xreallocarray(p->a, p->cap, sizeof(*p->a));
	}
	pa = &p->a[p->n++];
	pa->slot = xstrdup(inst->slots[slot_idx].id);
	pa->youth = xstrdup(inst->youths[youth_idx].id);
	pa->slot_idx = slot_idx;
	pa->youth_idx = youth_idx;
}

struct model_instance *
plan_apply(const struct model_instance *inst, const struct plan *p, char *msg,
    size_t msglen)
{
	struct model_instance *c = model_instance_copy(inst);
	char field[128];

	for (size_t i = c->nassignments; i > 0; i--)
		model_remove_assignment(c, i - 1);
	for (size_t i = 0; i < p->n; i++) {
		struct model_assignment a = {0};
		char id[32];
		snprintf(id, sizeof(id), "p%zu", i + 1);
		a.id = id;
		a.slot = p->a[i].slot;
		a.youth = p->a[i].youth;
		model_add_assignment(c, &a);
	}
	if (model_instance_link(c, field, sizeof(field), msg, msglen) == -1) {
		model_instance_free(c);
		return NULL;
	}
	return c;
}

int
plan_positions_of(const struct model_slot *s)
{
	return s->cancelled ? 0 : s->needed;
}

int *
plan_open_positions(const struct model_instance *inst)
{
	int *open = xcalloc(inst->nslots + 1, sizeof(*open));

	for (size_t s = 0; s < inst->nslots; s++)
		open[s] = plan_positions_of(&inst->slots[s]);
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status == MODEL_ASSIGNMENT_ACTIVE &&
		    open[a->slot_idx] > 0)
			open[a->slot_idx]--;
	}
	return open;
}

void
plan_set_unfilled(struct plan *p, const struct model_instance *applied)
{
	int *open = plan_open_positions(applied);

	for (size_t i = 0; i < p->nunfilled; i++)
		free(p->unfilled[i].slot);
	free(p->unfilled);
	p->nunfilled = 0;
	p->unfilled = xcalloc(applied->nslots + 1, sizeof(*p->unfilled));
	for (size_t s = 0; s < applied->nslots; s++) {
		struct plan_unfilled *u;
		if (open[s] == 0)
			continue;
		u = &p->unfilled[p->nunfilled++];
		u->slot = xstrdup(applied->slots[s].id);
		u->slot_idx = s;
		u->missing = open[s];
	}
	free(open);
}
