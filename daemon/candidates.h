/* SPDX-License-Identifier: ISC */
/*
 * "Who can take it" (issue 19): for one visit slot, every youth with
 * whether adding them would break a rule, every reason why when it
 * would, and the order the solver would pick the eligible ones in.
 * Pure: no HTTP, no JSON; the rules engine answers every legal question.
 *
 * Eligible means what the labour-law gate of POST /api/v1/assignments
 * would accept without ?force: the youth is not on the slot already, and
 * the assignment creates no violation the schedule did not have (the
 * youth's own rules, and the slot-level ROTA-requires / ROTA-overfilled).
 * On top of the gate, rota's planning rule of solver_refill(): nobody who
 * cancelled this visit (called in sick) is offered it again.
 *
 * Rank, as solver_refill() ranks its pick (the objective of
 * docs/product.md, "What a good plan is"): the required skill places the
 * visit would still miss with the youth, then fewest real minutes of
 * active assignments (fairness: the sum of squared hours grows least),
 * then one who already visits the slot's home (continuity: no new
 * youth-home pair), then the youth's index.
 *
 * Speed: eligibility is one rules_may_add() per youth; the full reasons
 * (two reports per youth) are made only for the candidates asked for, by
 * candidates_reasons().
 */
#ifndef ROTAD_CANDIDATES_H
#define ROTAD_CANDIDATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules.h"

struct model_instance;
struct tzmap;

/* The planning reasons added to the engine's violations. */
#define CANDIDATES_RULE_ASSIGNED  "ROTA-assigned"
#define CANDIDATES_RULE_CANCELLED "ROTA-cancelled"

struct candidate {
	size_t youth;   /* index in the instance */
	int age;        /* on the slot's local start date */
	bool assigned;  /* actively on the slot */
	bool cancelled; /* has a cancelled assignment on it */
	bool eligible;
	long rank;       /* 1, 2, ... when eligible; 0 otherwise */
	long deficit;    /* required skill places missed with the youth */
	int64_t minutes; /* real minutes of the youth's active assignments */
	bool at_home;    /* already visits the slot's home */
};

struct candidate_list {
	const struct model_instance *inst;
	const struct tzmap *tz;
	size_t slot;
	struct rules_ctx *ctx;
	bool ctx_borrowed;   /* candidates_compute_ctx(): not freed with it */
	struct candidate *c; /* eligible first by rank, then by youth index */
	size_t n, neligible;
	/* Active assignment slots per youth (counting sort): youth y's are
	 * aslot[astart[y] .. astart[y + 1]). */
	size_t *aslot, *astart;
	size_t *on; /* youths actively on the slot */
	size_t non;
	/* Slot-level answers by skill signature (bit r: has requires[r]). */
	struct rules_report *slot_new;
	bool *slot_done;
	size_t nsig;
	struct rules_report slot_before;
};

/* What candidates_compute() learnt about a youth's own schedule. */
enum candidates_memo {
	CANDIDATES_UNKNOWN = 0,
	CANDIDATES_CLEAN, /* breaks no per-youth rule */
	CANDIDATES_BREAKS /* breaks one already (a forced change) */
};

/*
 * Computes the list for slot `slot` of a linked instance, over the youths
 * with visible[y] (NULL: all).  `memo` (NULL: none), one enum
 * candidates_memo per youth, zeroed for a new instance, is read and
 * filled: whether a youth's schedule already breaks a rule does not
 * depend on the slot, so a caller keeps it between slots of one
 * unchanged instance.  Returns 0, or -1 with a reason in err on
 * impossible input (an unknown jurisdiction, a time in a DST gap).
 * Release with candidates_free().
 */
int candidates_compute(const struct model_instance *inst,
    const struct tzmap *tz, size_t slot, const bool *visible,
    unsigned char *memo, struct candidate_list *out, char *err, size_t errlen);

/*
 * The same with a rules context the list borrows (candidates_free() leaves
 * it): made by rules_ctx_new() for inst, or for an instance that differs
 * from inst in its assignments only (the context reads no assignment
 * here).  For many slots of one instance, such as the open visits on a
 * youth's page: the context costs a pass over every slot and youth, the
 * rest only what the visible youths need.
 */
int candidates_compute_ctx(struct rules_ctx *ctx,
    const struct model_instance *inst, const struct tzmap *tz, size_t slot,
    const bool *visible, unsigned char *memo, struct candidate_list *out,
    char *err, size_t errlen);

/*
 * Every reason candidate `c` may not take the slot, appended to out
 * (zero-initialised): the violations the assignment would add, as the
 * gate reports them (messages in the thread's language), then the
 * planning reasons (already on it, cancelled it).  Empty for an eligible
 * one.  Returns 0, or -1 when the schedule cannot be checked.
 */
int candidates_reasons(struct candidate_list *l, const struct candidate *c,
    struct rules_report *out);

void candidates_free(struct candidate_list *l);

/*
 * The caps of the limits panel for youth `youth` over the local dates
 * [from, to]: every day cap of each day and every week cap of each week
 * touched (once per week), from the profile rows (rules_caps_on()).
 * *out is a new array (free() it) of *n caps, in date order.  Returns 0,
 * or -1 with a reason in err.
 */
int candidates_limits(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth, int32_t from, int32_t to, struct rules_cap **out, size_t *n,
    char *err, size_t errlen);

#endif /* ROTAD_CANDIDATES_H */
