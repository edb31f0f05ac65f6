/* SPDX-License-Identifier: ISC */
/*
 * A plan: who goes on which visit slot.  The output of `rotad solve`, the
 * input of `rotad check`, and what the solver's own checks build.  Plain
 * data on top of model.h; the JSON form is instance_json.h's
 * (plan_from_json, plan_to_json).
 *
 * Putting a plan into an instance and counting the positions it leaves
 * open are here once, so the check, the solver and the schedule API
 * count the same way.
 */
#ifndef ROTAD_PLAN_H
#define ROTAD_PLAN_H

#include <stdbool.h>
#include <stddef.h>

struct model_instance;

/*
 * Every string is owned; plan_free() releases everything.  The *_idx
 * fields are filled when the plan is read against an instance
 * (plan_from_json) or built with plan_add().
 */
struct plan_assignment {
	char *slot;
	char *youth;
	size_t slot_idx, youth_idx;
};

struct plan_unfilled {
	char *slot;
	size_t slot_idx;
	int missing; /* positions left open, >= 1 */
};

struct plan_score {
	long filled;     /* positions filled */
	long positions;  /* positions asked for */
	double fairness; /* sum over youths of (assigned hours)^2 */
	long pairs;      /* distinct (youth, home) pairs */
};

struct plan {
	struct plan_assignment *a;
	size_t n;
	size_t cap; /* allocated entries of a (plan_add) */
	struct plan_unfilled *unfilled;
	size_t nunfilled;
	bool has_score;
	struct plan_score score;
};

/* An empty plan for plan_free(). */
struct plan *plan_new(void);
void plan_free(struct plan *p);

/* Appends youth `youth_idx` on slot `slot_idx` of `inst` (ids copied). */
void plan_add(struct plan *p, const struct model_instance *inst,
    size_t slot_idx, size_t youth_idx);

/*
 * A copy of `inst` with the plan's assignments in place of all of its own
 * (cancelled ones too): active, ids "p1", "p2", ... in plan order, linked.
 * NULL when it cannot be linked (a slot or youth the instance does not
 * have), with the reason in msg.
 */
struct model_instance *plan_apply(const struct model_instance *inst,
    const struct plan *p, char *msg, size_t msglen);

/*
 * The positions a slot asks for: `needed`, but none for a visit its series
 * cancelled (model_slot.cancelled: it is never planned again, so it is
 * neither open nor filled, in the solver, the score and every list of
 * open positions alike).
 */
int plan_positions_of(const struct model_slot *s);

/*
 * Per slot of a linked instance, the positions its active assignments
 * leave open: plan_positions_of() less the active ones, never below 0.
 * An array of inst->nslots entries for free().
 */
int *plan_open_positions(const struct model_instance *inst);

/*
 * Fills p->unfilled (replacing what it held) with the slots of `applied`
 * that have open positions, in slot order: `applied` is the instance
 * with the plan in place (plan_apply).
 */
void plan_set_unfilled(struct plan *p, const struct model_instance *applied);

#endif /* ROTAD_PLAN_H */
