/* SPDX-License-Identifier: ISC */
/*
 * The assignment solver: fills the open positions of visit slots with
 * youths so that every hard rule holds (labour law through the rules
 * engine's incremental question, plus the slot-level rules ROTA-requires
 * and ROTA-overfilled, which the solver enforces itself), then maximises
 * the positions filled, then minimises the sum of squared hours per youth
 * (fairness), then the distinct youth-home pairs (continuity); see
 * docs/product.md "What a good plan is" and docs/solver.md.
 *
 * Pure: libc and our own headers, no I/O, no globals.  Deterministic: the
 * budget is counted in work units (rules-engine questions), so the same
 * instance, options and seed give the same plan on any machine and at
 * any load.  Wall-clock time is read only for progress reports and for a
 * safety stop at opt->max_wall_seconds (reason SOLVER_STOP_WALL), which a
 * normal run never reaches.
 */
#ifndef ROTAD_SOLVER_H
#define ROTAD_SOLVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plan.h"

struct model_instance;
struct tzmap;

/*
 * Work units per second of budget on a small instance, and the cost
 * model for big ones (calibrated on the benchmark machine:
 * docs/solver.md, "Budget and determinism"): above SOLVER_COST_KNEE
 * youths + slots, a unit costs SOLVER_COST_SLOPE % more per doubling.
 */
#define SOLVER_WORK_PER_SECOND 4000000ULL
#define SOLVER_COST_KNEE       4000
#define SOLVER_COST_SLOPE      44

/*
 * Work units that take about one second on an instance of this size:
 * `seconds` of budget mean seconds * this.  Depends on the sizes only.
 */
uint64_t solver_work_per_second(size_t nyouths, size_t nslots);

/* What the solver may do with an existing active assignment. */
enum solver_keep {
	SOLVER_KEEP_FIXED,  /* kept as it is (pinned, or outside the scope) */
	SOLVER_KEEP_MOVABLE /* a starting point the solver may change */
};

enum solver_stop {
	SOLVER_STOP_BUDGET,    /* the work budget was used up */
	SOLVER_STOP_CONVERGED, /* not returned since the polish phase uses
	                          the budget left after convergence */
	SOLVER_STOP_COMPLETE,  /* nothing left to improve (e.g. no slot) */
	SOLVER_STOP_WALL,      /* the wall-clock safety stop */
	SOLVER_STOP_CANCELLED  /* *opt->cancel was set */
};

struct solver_progress {
	const char *phase; /* "construct", "coverage", "search", "polish" */
	long filled, positions;
	double fairness; /* sum of squared hours of the best plan so far */
	long pairs;
	double elapsed; /* seconds */
	uint64_t work;
};

struct solver_options {
	uint64_t seed;
	/* Budget in work units; 0: seconds * solver_work_per_second(). */
	uint64_t work;
	double seconds;
	double max_wall_seconds; /* safety stop; 0: 4 * seconds + 5 */
	/*
	 * Per slot of the instance: may the solver put youths on it?  NULL:
	 * every slot.  Existing assignments on slots outside the scope are
	 * always fixed.
	 */
	const bool *in_scope;
	/*
	 * Per assignment of the instance: enum solver_keep for the active
	 * ones (cancelled ones are ignored).  NULL: pinned ones are fixed,
	 * the others movable.
	 */
	const unsigned char *keep;
	/*
	 * Replans: keeping a movable assignment where it is counts right
	 * after `filled` (before fairness), so the plan changes only where
	 * that fills more positions.  Otherwise it only breaks ties.
	 */
	bool keep_first;
	/* Called about four times a second (from the solving thread). */
	void (*progress)(const struct solver_progress *p, void *arg);
	void *progress_arg;
	/* When non-NULL and set to non-zero (by another thread), stop. */
	const volatile int *cancel;
};

/* One assignment of the result. */
struct solver_assignment {
	size_t slot_idx, youth_idx;
	long from; /* index of the instance assignment it keeps, or -1 */
};

struct solver_result {
	struct solver_assignment *a; /* every active assignment of the plan */
	size_t n;
	struct plan_score score; /* as score_compute() would give */
	long moved; /* movable assignments the solver did not keep */
	/*
	 * The final check (docs/solver.md, "Final check"): violations of
	 * the plan that the fixed assignments already make on their own
	 * (the coordinator's to resolve), and those the solver's own
	 * assignments make, after the repair: always 0.  `repaired` counts
	 * the solver's assignments the repair took away.
	 */
	long input_violations, plan_violations, repaired;
	enum solver_stop stop;
	uint64_t work;       /* work units used */
	uint64_t iterations; /* local-search moves tried */
	double seconds;      /* wall time used */
};

/*
 * Solves a linked instance.  On success returns 0 and fills *out (release
 * it with solver_result_release()); the plan has no violation of its own
 * making (fixed assignments are kept even when they break a rule).
 * Returns -1 with a reason in err on impossible input (an unknown
 * jurisdiction, a time in a daylight-saving gap).
 */
int solver_run(const struct model_instance *inst, const struct tzmap *tz,
    const struct solver_options *opt, struct solver_result *out, char *err,
    size_t errlen);

void solver_result_release(struct solver_result *r);

/* A short English word for a stop reason ("budget", "converged", ...). */
const char *solver_stop_name(enum solver_stop stop);

/*
 * Finds one youth for slot `slot_idx` of a linked instance that changes
 * nothing else: a youth not on the slot whom every rule allows there given
 * the instance's active assignments and who has no cancelled assignment
 * on it (nobody who gave a visit up is offered it again), chosen by the
 * objective (fewest hours, then one who already visits that home, then
 * the lowest index).
 * Returns the youth index, or -1 when there is none (or the slot is
 * full); on impossible input -1 with err set.
 */
long solver_refill(const struct model_instance *inst, const struct tzmap *tz,
    size_t slot_idx, char *err, size_t errlen);

/*
 * Why a position of slot `slot_idx` stays open, in whole sentences a
 * coordinator can act on, in the calling thread's language (i18n_use()),
 * given the instance's active assignments (the plan): "No youth aged 16
 * or older is available on Saturday 9 January 10:00–13:00.", "3 youths
 * are available on ... but none may take the visit. The visit would mean
 * more work that week than the limit of 12 h (AML § 11-2 (2) a)."
 * Writes into buf (always terminated).
 */
void solver_explain_unfilled(const struct model_instance *inst,
    const struct tzmap *tz, size_t slot_idx, char *buf, size_t len);

/* The local-search moves, for solver_check_moves(). */
enum solver_move {
	SOLVER_MOVE_ADD,     /* a youth takes an open position */
	SOLVER_MOVE_GROUP,   /* youths with the required skills fill a visit */
	SOLVER_MOVE_CHAIN,   /* a youth leaves a visit for an open one; the
	                        visit it left is refilled when possible */
	SOLVER_MOVE_REPLACE, /* another youth takes a youth's place */
	SOLVER_MOVE_SWAP,    /* two youths trade visits */
	SOLVER_MOVE_REGROUP, /* an empty visit that needs skills takes a
	                        skilled youth from another, which is emptied */
	SOLVER_MOVE_CYCLE,   /* three youths pass visits round */
	SOLVER_MOVE__COUNT
};

/*
 * For the unit tests: sets up the solver on `inst` as solver_run() does
 * (but without the construction), then tries `nmoves` random moves, making
 * every legal one whatever it does to the score, and after each compares the
 * incremental score and bookkeeping with a full recomputation; every 32
 * moves it also runs the full rules check on the plan.  applied[k] counts
 * the moves of kind k made.  Returns 0, or -1 with what differed in err.
 */
int solver_check_moves(const struct model_instance *inst,
    const struct tzmap *tz, uint64_t seed, unsigned nmoves,
    unsigned long applied[SOLVER_MOVE__COUNT], char *err, size_t errlen);

/*
 * For the unit tests of the final check: sets up the solver on `inst` as
 * solver_run() does, puts every movable assignment of the instance in
 * place without asking the rules (as a faulty move might), and runs only
 * the final check and repair.  Fills *out like solver_run().  Returns 0,
 * or -1 with a reason in err.
 */
int solver_check_repair(const struct model_instance *inst,
    const struct tzmap *tz, struct solver_result *out, char *err,
    size_t errlen);

#endif /* ROTAD_SOLVER_H */
