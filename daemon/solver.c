/* SPDX-License-Identifier: ISC */
/*
 * This file contains the assignment solver: a construction heuristic (most
 * constrained slot first, each position given to the candidate the
 * objective likes best) followed by a late-acceptance local search over
 * six moves (add, group, chain: take a youth off one visit so that it can
 * fill a scarcer one, and refill the visit it left; regroup: empty a
 * visit to free a skilled youth for one that needs the skill; replace and
 * swap), with incremental scoring on top of the rules engine's
 * rules_may_add(), and once that converges a polish with the budget left
 * (kicks from the best plan, and cycles of three youths passing visits
 * round).  The budget is in work units, converted from seconds
 * by a measured cost model (solver_work_per_second()).
 * Also the two questions the API asks outside a full solve: a refill for
 * one position (a sick call) and why a position stays open.
 * Pure: libc and our own headers only.  See docs/solver.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "i18n.h"
#include "model.h"
#include "plan.h"
#include "rules.h"
#include "solver.h"
#include "textfmt.h"
#include "tzmap.h"
#include "xmalloc.h"

#define NONE       UINT32_MAX
#define MAX_SKILLS 64
#define LA_LENGTH  2000 /* late-acceptance history */
#define STALL_BASE 200000
#ifndef REPLACE_PICK
#define REPLACE_PICK 8 /* candidates drawn for a replace move */
#endif
/*
 * The polish (iterated local search once the search has converged):
 * a round ends after KICK_ROUND + KICK_ROUND_PER_POS * positions moves
 * without a better plan; a kick is 1 to KICK_MAX random moves, a
 * KICK_FILL % share of them chains that move an open position (when
 * there is one); CYCLE_FROM..99 of every 100 moves of a round are
 * cycles.  Tuned on the small presets (docs/solver.md).
 */
#define KICK_ROUND         5000
#define KICK_ROUND_PER_POS 20
#define KICK_MAX           24
#define KICK_FILL          80
#define CYCLE_FROM         85

/* The objective, compared in order (smaller is better everywhere). */
struct cost {
	long unfilled;
	int64_t sumsq; /* sum over youths of (real minutes)^2 */
	long pairs;
	long moved;       /* movable assignments given up (API replans) */
	bool moved_first; /* compare moved right after unfilled */
	bool coverage;    /* compare unfilled only (first phase) */
};

static int
cost_cmp(const struct cost *a, const struct cost *b)
{
	if (a->unfilled != b->unfilled)
		return a->unfilled < b->unfilled ? -1 : 1;
	if (a->moved_first && a->moved != b->moved)
		return a->moved < b->moved ? -1 : 1;
	if (a->coverage)
		return 0;
	if (a->sumsq != b->sumsq)
		return a->sumsq < b->sumsq ? -1 : 1;
	if (a->pairs != b->pairs)
		return a->pairs < b->pairs ? -1 : 1;
	if (a->moved != b->moved)
		return a->moved < b->moved ? -1 : 1;
	return 0;
}

struct homecount {
	uint32_t home, n;
};

struct youth {
	struct rules_youth_state *st;
	int64_t minutes; /* real minutes of every assignment */
	uint64_t skills; /* bits of the required skills it has */
	struct homecount *hc;
	uint32_t nhc, caphc;
	uint32_t *mine; /* movable (solver-owned) slots it holds */
	uint32_t nmine, capmine;
	bool fixed_ok; /* its fixed part alone breaks no rule */
	bool dirty;    /* changed since the last debug check */
};

struct slot {
	uint32_t *on; /* youths on it: fixed ones first */
	uint32_t nfixed, n, cap;
	uint32_t needed;
	int64_t dur; /* real minutes */
	int64_t start;
	uint32_t home;
	bool scope;
	uint32_t *cand; /* youths who may take it from their fixed state */
	uint32_t ncand;
	uint32_t req0, nreq; /* requirements in s->req* of the solver */
	uint32_t *init;      /* movable youths it started with */
	uint32_t ninit, capinit;
	uint32_t *gave; /* youths who cancelled it: never put back on */
	uint32_t ngave, capgave;
	uint32_t openpos; /* index in the open list, or NONE */
	uint32_t best0;   /* offset of its copy in the best snapshot */
};

struct solver {
	const struct model_instance *inst;
	const struct tzmap *tz;
	const struct solver_options *opt;
	struct rules_ctx *ctx;
	struct youth *y;
	struct slot *s;
	size_t ny, ns;
	uint32_t *reqbit; /* requirement skill bit */
	uint32_t *reqcount;
	uint32_t nreqs;
	uint32_t *open; /* slots in scope with an open position */
	uint32_t nopen;
	uint32_t *scope; /* slots in scope with candidates */
	uint32_t nscope;
	struct cost cur, best;
	bool cur_is_best;
	uint32_t *snap; /* best plan: each slot's youths at s->best0 */
	uint32_t *snapn;
	uint32_t *dirty; /* scratch for restore_best() */
	uint64_t rng;
	uint64_t work, budget, iterations;
	struct timespec t0;
	double last_report;
	const char *phase;
	bool accept_all; /* solver_check_moves(): make every legal move */
	bool kicking;    /* a kick: every legal move that keeps `filled` */
	unsigned long applied[SOLVER_MOVE__COUNT];
	long repaired;    /* solver assignments the final check took away */
	uint32_t *ydirty; /* youths changed since the last debug check */
	uint32_t nydirty;
};

/* ---------------------------------------------------------- helpers -- */

static uint64_t
rng_next(struct solver *sv)
{
	/* splitmix64: small, fast and good enough for move selection. */
	uint64_t z = (sv->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t
rng_below(struct solver *sv, uint32_t n)
{
	return (uint32_t)(((rng_next(sv) >> 32) * (uint64_t)n) >> 32);
}

static double
elapsed(const struct solver *sv)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - sv->t0.tv_sec) +
	    (double)(t.tv_nsec - sv->t0.tv_nsec) / 1e9;
}

static void
push_u32(uint32_t **a, uint32_t *n, uint32_t *cap, uint32_t v)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		*a = xreallocarray(*a, *cap, sizeof(**a));
	}
	(*a)[(*n)++] = v;
}

static bool
del_u32(uint32_t *a, uint32_t *n, uint32_t v)
{
	for (uint32_t i = 0; i < *n; i++)
		if (a[i] == v) {
			a[i] = a[--*n];
			return true;
		}
	return false;
}

static bool
has_u32(const uint32_t *a, uint32_t n, uint32_t v)
{
	for (uint32_t i = 0; i < n; i++)
		if (a[i] == v)
			return true;
	return false;
}

static int64_t
slot_minutes(const struct tzmap *tz, const struct model_slot *s)
{
	int64_t u0, u1;

	(void)tzmap_to_utc(tz, s->start, &u0);
	(void)tzmap_to_utc(tz, s->end, &u1);
	return u1 - u0;
}

static uint32_t
home_count(const struct youth *y, uint32_t home)
{
	for (uint32_t i = 0; i < y->nhc; i++)
		if (y->hc[i].home == home)
			return y->hc[i].n;
	return 0;
}

/* Adds d (+1 or -1) to the youth's visits of a home; returns the change
 * in distinct pairs. */
static long
home_add(struct youth *y, uint32_t home, int d)
{
	for (uint32_t i = 0; i < y->nhc; i++)
		if (y->hc[i].home == home) {
			if (d > 0)
				return y->hc[i].n++ == 0 ? 1 : 0;
			return --y->hc[i].n == 0 ? -1 : 0;
		}
	if (d < 0)
		return 0;
	if (y->nhc == y->caphc) {
		y->caphc = y->caphc ? y->caphc * 2 : 4;
		y->hc = xreallocarray(y->hc, y->caphc, sizeof(*y->hc));
	}
	y->hc[y->nhc].home = home;
	y->hc[y->nhc].n = 1;
	y->nhc++;
	return 1;
}

/*
 * Whether youth y may be put on slot s: every move asks this, so besides
 * the law it keeps anyone who cancelled the visit (called in sick, was
 * taken off) from being given it again.
 */
static bool
may(struct solver *sv, uint32_t y, uint32_t s)
{
	const struct slot *sl = &sv->s[s];

	sv->work++;
	if (sl->ngave > 0 && has_u32(sl->gave, sl->ngave, y))
		return false;
	return rules_may_add(sv->ctx, sv->y[y].st, s);
}

/*
 * May y give s up?  Fewer visits can break a break rule (rules.h).  Not
 * counted as work: it is asked only after a move's other checks passed,
 * usually answers from one work day, and counting it cost the city
 * presets 0.2-0.4 % of fairness at the same budget.
 */
static bool
may_leave(struct solver *sv, uint32_t y, uint32_t s)
{
	return rules_may_remove(sv->ctx, sv->y[y].st, s);
}

/*
 * How many required skill places the slot misses with youth `out` taken
 * off and youth `in` put on (NONE for neither); 0 for an empty slot.
 */
static uint32_t
deficit_after(const struct solver *sv, uint32_t s, uint32_t out, uint32_t in)
{
	const struct slot *sl = &sv->s[s];
	uint32_t total = 0, n = 0;

	for (uint32_t i = 0; i < sl->n; i++)
		if (sl->on[i] != out)
			n++;
	if (in != NONE)
		n++;
	if (n == 0 || sl->nreq == 0)
		return 0;
	for (uint32_t r = sl->req0; r < sl->req0 + sl->nreq; r++) {
		uint64_t bit = 1ULL << sv->reqbit[r];
		uint32_t have = 0;
		for (uint32_t i = 0; i < sl->n; i++)
			if (sl->on[i] != out && (sv->y[sl->on[i]].skills & bit))
				have++;
		if (in != NONE && (sv->y[in].skills & bit))
			have++;
		if (have < sv->reqcount[r])
			total += sv->reqcount[r] - have;
	}
	return total;
}

/* May the slot's set change so?  A slot keeps every requirement met
 * (or is empty); one whose fixed youths already miss one may not miss
 * more. */
static bool
slot_ok(const struct solver *sv, uint32_t s, uint32_t out, uint32_t in)
{
	uint32_t after = deficit_after(sv, s, out, in);

	if (after == 0)
		return true;
	if (sv->s[s].nfixed == 0)
		return false;
	return after <= deficit_after(sv, s, NONE, NONE);
}

static void
open_update(struct solver *sv, uint32_t s)
{
	struct slot *sl = &sv->s[s];
	bool open = sl->scope && sl->n < sl->needed && sl->ncand > 0;

	if (open && sl->openpos == NONE) {
		sl->openpos = sv->nopen;
		sv->open[sv->nopen++] = s;
	} else if (!open && sl->openpos != NONE) {
		uint32_t last = sv->open[--sv->nopen];
		sv->open[sl->openpos] = last;
		sv->s[last].openpos = sl->openpos;
		sl->openpos = NONE;
	}
}

/* Cost changes of putting youth y on / taking it off slot s. */
static int64_t
sq_delta(int64_t m, int64_t d)
{
	return (m + d) * (m + d) - m * m;
}

/* Puts y on s (state, counts, cost); the caller checked legality. */
static void
do_add(struct solver *sv, uint32_t y, uint32_t s)
{
	struct slot *sl = &sv->s[s];
	struct youth *yy = &sv->y[y];

	(void)rules_youth_state_add(sv->ctx, yy->st, s);
	if (!yy->dirty) {
		yy->dirty = true;
		sv->ydirty[sv->nydirty++] = y;
	}
	if (sl->n < sl->needed)
		sv->cur.unfilled--;
	sl->on[sl->n++] = y;
	sv->cur.sumsq += sq_delta(yy->minutes, sl->dur);
	yy->minutes += sl->dur;
	sv->cur.pairs += home_add(yy, sl->home, 1);
	push_u32(&yy->mine, &yy->nmine, &yy->capmine, s);
	if (has_u32(sl->init, sl->ninit, y))
		sv->cur.moved--;
	open_update(sv, s);
}

static void
do_remove(struct solver *sv, uint32_t y, uint32_t s)
{
	struct slot *sl = &sv->s[s];
	struct youth *yy = &sv->y[y];

	(void)rules_youth_state_remove(yy->st, s);
	if (!yy->dirty) {
		yy->dirty = true;
		sv->ydirty[sv->nydirty++] = y;
	}
	for (uint32_t i = sl->nfixed; i < sl->n; i++)
		if (sl->on[i] == y) {
			sl->on[i] = sl->on[--sl->n];
			break;
		}
	if (sl->n < sl->needed)
		sv->cur.unfilled++;
	sv->cur.sumsq += sq_delta(yy->minutes, -sl->dur);
	yy->minutes -= sl->dur;
	sv->cur.pairs += home_add(yy, sl->home, -1);
	(void)del_u32(yy->mine, &yy->nmine, s);
	if (has_u32(sl->init, sl->ninit, y))
		sv->cur.moved++;
	open_update(sv, s);
}

static void
snapshot(struct solver *sv)
{
	for (size_t s = 0; s < sv->ns; s++) {
		memcpy(&sv->snap[sv->s[s].best0], sv->s[s].on,
		    sv->s[s].n * sizeof(uint32_t));
		sv->snapn[s] = sv->s[s].n;
	}
}

/*
 * Late acceptance: may the search go from the current cost to `c`?  A
 * kick takes any move that keeps `filled`.  When
 * it may, the caller applies the move; before that, the best plan is
 * saved if the move leaves it.
 */
static bool
late_accepts(
    const struct solver *sv, const struct cost *c, const struct cost *hist)
{
	if (sv->accept_all)
		return true;
	if (sv->kicking)
		return c->unfilled <= sv->cur.unfilled;
	return cost_cmp(c, &sv->cur) <= 0 ||
	    cost_cmp(c, &hist[sv->iterations % LA_LENGTH]) <= 0;
}

static bool
accept(struct solver *sv, const struct cost *c, struct cost *hist)
{
	if (!late_accepts(sv, c, hist))
		return false;
	if (cost_cmp(c, &sv->best) <= 0) {
		/* Not worse than the best: it becomes the best. */
	} else if (sv->cur_is_best) {
		snapshot(sv);
		sv->cur_is_best = false;
	}
	return true;
}

/* Call after applying an accepted move. */
static bool
after_move(struct solver *sv, struct cost *hist)
{
	size_t v = sv->iterations % LA_LENGTH;
	bool improved = cost_cmp(&sv->cur, &sv->best) < 0;

	if (cost_cmp(&sv->cur, &sv->best) <= 0) {
		sv->best = sv->cur;
		sv->cur_is_best = true;
	}
	hist[v] = sv->cur;
	return improved;
}

static void
report(struct solver *sv, bool force)
{
	struct solver_progress p;
	double t;

	if (sv->opt->progress == NULL)
		return;
	t = elapsed(sv);
	if (!force && t - sv->last_report < 0.25)
		return;
	sv->last_report = t;
	memset(&p, 0, sizeof(p));
	p.phase = sv->phase;
	p.positions = 0;
	for (size_t s = 0; s < sv->ns; s++)
		p.positions += sv->s[s].needed;
	p.filled = p.positions - sv->best.unfilled;
	p.fairness = (double)sv->best.sumsq / 3600.0;
	p.pairs = sv->best.pairs;
	p.elapsed = t;
	p.work = sv->work;
	sv->opt->progress(&p, sv->opt->progress_arg);
}

/* ------------------------------------------------------------ set-up -- */

static uint32_t
skill_bit(char **names, uint32_t *n, const char *skill)
{
	for (uint32_t i = 0; i < *n; i++)
		if (strcmp(names[i], skill) == 0)
			return i;
	if (*n == MAX_SKILLS)
		return NONE;
	names[*n] = (char *)skill;
	return (*n)++;
}

static bool
youth_may_visit(const struct model_youth *y, size_t home)
{
	if (!y->homes_limited)
		return true;
	for (size_t i = 0; i < y->nhomes; i++)
		if (y->homes_idx[i] == home)
			return true;
	return false;
}

static void
setup(struct solver *sv)
{
	const struct model_instance *inst = sv->inst;
	const struct solver_options *opt = sv->opt;
	char *skills[MAX_SKILLS];
	uint32_t nskills = 0, nreqs = 0, total = 0;
	uint32_t **byhome, *nbyhome, *capbyhome;
	size_t nh = inst->nhomes;

	sv->ny = inst->nyouths;
	sv->ns = inst->nslots;
	sv->y = xcalloc(sv->ny + 1, sizeof(*sv->y));
	sv->s = xcalloc(sv->ns + 1, sizeof(*sv->s));
	sv->open = xcalloc(sv->ns + 1, sizeof(*sv->open));
	sv->scope = xcalloc(sv->ns + 1, sizeof(*sv->scope));
	sv->snapn = xcalloc(sv->ns + 1, sizeof(*sv->snapn));
	sv->dirty = xcalloc(sv->ns + 1, sizeof(*sv->dirty));
	sv->ydirty = xcalloc(sv->ny + 1, sizeof(*sv->ydirty));

	for (size_t s = 0; s < sv->ns; s++)
		nreqs += (uint32_t)inst->slots[s].nrequires;
	sv->reqbit = xcalloc(nreqs + 1, sizeof(*sv->reqbit));
	sv->reqcount = xcalloc(nreqs + 1, sizeof(*sv->reqcount));

	for (size_t s = 0; s < sv->ns; s++) {
		const struct model_slot *ms = &inst->slots[s];
		struct slot *sl = &sv->s[s];
		/* A cancelled visit asks for nobody (plan_positions_of()). */
		sl->needed = (uint32_t)plan_positions_of(ms);
		sl->dur = slot_minutes(sv->tz, ms);
		sl->start = ms->start;
		sl->home = (uint32_t)ms->home_idx;
		/* A cancelled visit of a series is never planned again. */
		sl->scope =
		    (opt->in_scope ? opt->in_scope[s] : true) && !ms->cancelled;
		sl->openpos = NONE;
		sl->req0 = sv->nreqs;
		for (size_t r = 0; r < ms->nrequires; r++) {
			uint32_t b =
			    skill_bit(skills, &nskills, ms->requires[r].skill);
			if (b == NONE) {
				sl->scope = false; /* too many skills to plan */
				continue;
			}
			sv->reqbit[sv->nreqs] = b;
			sv->reqcount[sv->nreqs] =
			    (uint32_t)ms->requires[r].count;
			sv->nreqs++;
		}
		sl->nreq = sv->nreqs - sl->req0;
	}
	for (size_t y = 0; y < sv->ny; y++) {
		const struct model_youth *my = &inst->youths[y];
		for (size_t k = 0; k < my->nskills; k++)
			for (uint32_t b = 0; b < nskills; b++)
				if (strcmp(my->skills[k], skills[b]) == 0)
					sv->y[y].skills |= 1ULL << b;
		sv->y[y].st = rules_youth_state_new_empty(sv->ctx, y);
	}

	/* Existing assignments: fixed ones first, counted per slot. */
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status == MODEL_ASSIGNMENT_ACTIVE)
			sv->s[a->slot_idx].cap++;
	}
	for (size_t s = 0; s < sv->ns; s++) {
		struct slot *sl = &sv->s[s];
		if (sl->cap < sl->needed)
			sl->cap = sl->needed;
		sl->on = xcalloc(sl->cap + 1, sizeof(*sl->on));
		sl->best0 = total;
		total += sl->cap;
	}
	sv->snap = xcalloc(total + 1, sizeof(*sv->snap));
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		struct slot *sl = &sv->s[a->slot_idx];
		struct youth *yy = &sv->y[a->youth_idx];
		bool fixed;
		if (a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		fixed =
		    opt->keep ? opt->keep[i] == SOLVER_KEEP_FIXED : a->pinned;
		if (!sl->scope)
			fixed = true;
		if (!fixed) {
			push_u32(&sl->init, &sl->ninit, &sl->capinit,
			    (uint32_t)a->youth_idx);
			continue;
		}
		if (rules_youth_state_add(sv->ctx, yy->st, a->slot_idx) == -1)
			continue; /* the same youth twice on one slot */
		sl->on[sl->n++] = (uint32_t)a->youth_idx;
		yy->minutes += sl->dur;
		(void)home_add(yy, sl->home, 1);
	}
	for (size_t s = 0; s < sv->ns; s++)
		sv->s[s].nfixed = sv->s[s].n;
	for (size_t y = 0; y < sv->ny; y++)
		sv->y[y].fixed_ok = rules_youth_state_ok(sv->ctx, sv->y[y].st);

	/* Candidates: youths allowed at the home who may take the slot from
	 * their fixed state (the rules only get stricter as shifts are
	 * added, so nobody else can ever take it) and who did not give the
	 * visit up (may() asks). */
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		struct slot *sl = &sv->s[a->slot_idx];
		if (a->status == MODEL_ASSIGNMENT_CANCELLED &&
		    !has_u32(sl->gave, sl->ngave, (uint32_t)a->youth_idx))
			push_u32(&sl->gave, &sl->ngave, &sl->capgave,
			    (uint32_t)a->youth_idx);
	}
	byhome = xcalloc(nh + 1, sizeof(*byhome));
	nbyhome = xcalloc(nh + 1, sizeof(*nbyhome));
	capbyhome = xcalloc(nh + 1, sizeof(*capbyhome));
	for (size_t y = 0; y < sv->ny; y++)
		for (size_t h = 0; h < nh; h++)
			if (youth_may_visit(&inst->youths[y], h))
				push_u32(&byhome[h], &nbyhome[h], &capbyhome[h],
				    (uint32_t)y);
	for (size_t s = 0; s < sv->ns; s++) {
		struct slot *sl = &sv->s[s];
		uint32_t h = sl->home, cap = 0;
		if (!sl->scope || sl->nfixed >= sl->needed)
			continue;
		for (uint32_t k = 0; k < nbyhome[h]; k++)
			if (may(sv, byhome[h][k], (uint32_t)s))
				push_u32(
				    &sl->cand, &sl->ncand, &cap, byhome[h][k]);
		if (sl->ncand > 0)
			sv->scope[sv->nscope++] = (uint32_t)s;
	}
	for (size_t h = 0; h < nh; h++)
		free(byhome[h]);
	free(byhome);
	free(nbyhome);
	free(capbyhome);

	/* The cost of the fixed part. */
	for (size_t s = 0; s < sv->ns; s++) {
		struct slot *sl = &sv->s[s];
		if (sl->n < sl->needed)
			sv->cur.unfilled += sl->needed - sl->n;
		open_update(sv, (uint32_t)s);
	}
	for (size_t y = 0; y < sv->ny; y++) {
		sv->cur.sumsq += sv->y[y].minutes * sv->y[y].minutes;
		sv->cur.pairs += sv->y[y].nhc;
	}
}

/* The movable assignments the solver starts from, where still legal. */
static void
load_movable(struct solver *sv)
{
	for (size_t s = 0; s < sv->ns; s++) {
		struct slot *sl = &sv->s[s];
		for (uint32_t k = 0; k < sl->ninit; k++) {
			uint32_t y = sl->init[k];
			sv->cur.moved++;
			if (sl->n < sl->needed && may(sv, y, (uint32_t)s))
				do_add(sv, y, (uint32_t)s);
		}
		/* A requirement the kept youths cannot meet: start empty. */
		if (sl->n > sl->nfixed &&
		    !slot_ok(sv, (uint32_t)s, NONE, NONE)) {
			if (sl->nfixed == 0 ||
			    deficit_after(sv, (uint32_t)s, NONE, NONE) > 0)
				while (sl->n > sl->nfixed)
					do_remove(
					    sv, sl->on[sl->n - 1], (uint32_t)s);
		}
	}
}

/* ------------------------------------------------------ construction -- */

/* The cost of y taking s, as a pair (fairness, pairs) to compare. */
static void
add_delta(
    const struct solver *sv, uint32_t y, uint32_t s, int64_t *dsq, long *dpairs)
{
	const struct youth *yy = &sv->y[y];
	const struct slot *sl = &sv->s[s];

	*dsq = sq_delta(yy->minutes, sl->dur);
	*dpairs = home_count(yy, sl->home) == 0 ? 1 : 0;
}

/*
 * The best youth to add to s alone (legal, keeps the slot valid), or
 * NONE.  Looks at up to `limit` legal candidates from a random start.
 */
static uint32_t
best_add(struct solver *sv, uint32_t s, uint32_t limit)
{
	struct slot *sl = &sv->s[s];
	uint32_t best = NONE, seen = 0;
	int64_t bsq = 0;
	long bp = 0;
	uint32_t off;

	if (sl->ncand == 0 || sl->n >= sl->needed)
		return NONE;
	off = rng_below(sv, sl->ncand);
	for (uint32_t k = 0; k < sl->ncand && seen < limit; k++) {
		uint32_t y = sl->cand[(off + k) % sl->ncand];
		int64_t dsq;
		long dp;
		if (has_u32(sl->on, sl->n, y) || !slot_ok(sv, s, NONE, y))
			continue;
		add_delta(sv, y, s, &dsq, &dp);
		if (best != NONE && (dsq > bsq || (dsq == bsq && dp >= bp)))
			continue;
		if (!may(sv, y, s))
			continue;
		seen++;
		best = y, bsq = dsq, bp = dp;
	}
	return best;
}

/*
 * Picks youths for an empty slot whose requirements no single youth
 * meets: for each requirement the best legal youths with that skill.
 * Returns how many (at most 64), or 0 when the requirements cannot all
 * be met.  Changes nothing.
 */
static uint32_t
group_pick(struct solver *sv, uint32_t s, uint32_t pick[64])
{
	struct slot *sl = &sv->s[s];
	uint32_t np = 0, deficit;

	if (sl->nreq == 0 || sl->n != 0)
		return 0;
	for (uint32_t r = sl->req0; r < sl->req0 + sl->nreq; r++) {
		uint64_t bit = 1ULL << sv->reqbit[r];
		uint32_t have = 0;
		for (uint32_t i = 0; i < np; i++)
			if (sv->y[pick[i]].skills & bit)
				have++;
		while (have < sv->reqcount[r]) {
			uint32_t best = NONE;
			int64_t bsq = 0, dsq;
			long dp;
			for (uint32_t k = 0; k < sl->ncand; k++) {
				uint32_t y = sl->cand[k];
				if (!(sv->y[y].skills & bit) ||
				    has_u32(pick, np, y))
					continue;
				add_delta(sv, y, s, &dsq, &dp);
				if (best != NONE && dsq >= bsq)
					continue;
				if (!may(sv, y, s))
					continue;
				best = y, bsq = dsq;
			}
			if (best == NONE || np == 64 || np >= sl->needed)
				return 0;
			pick[np++] = best;
			have++;
		}
	}
	for (uint32_t i = 0; i < np; i++)
		sl->on[sl->n++] = pick[i];
	deficit = deficit_after(sv, s, NONE, NONE);
	sl->n = 0;
	return deficit == 0 ? np : 0;
}

/* Fills an empty slot that needs skills as a group: all or nothing. */
static bool
group_fill(struct solver *sv, uint32_t s)
{
	uint32_t pick[64], np = group_pick(sv, s, pick);

	for (uint32_t i = 0; i < np; i++)
		do_add(sv, pick[i], s);
	return np > 0;
}

struct order {
	double key;
	int64_t start;
	uint32_t s;
};

static int
cmp_order(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->s < y->s ? -1 : x->s > y->s;
}

static void
construct(struct solver *sv)
{
	struct order *ord = xcalloc(sv->nscope + 1, sizeof(*ord));

	sv->phase = "construct";
	for (uint32_t i = 0; i < sv->nscope; i++) {
		struct slot *sl = &sv->s[sv->scope[i]];
		ord[i].s = sv->scope[i];
		ord[i].start = sl->start;
		ord[i].key = (double)sl->ncand / (double)sl->needed;
	}
	qsort(ord, sv->nscope, sizeof(*ord), cmp_order);
	for (uint32_t i = 0; i < sv->nscope; i++) {
		uint32_t s = ord[i].s, y;
		struct slot *sl = &sv->s[s];
		while (sl->n < sl->needed) {
			if ((y = best_add(sv, s, UINT32_MAX)) != NONE)
				do_add(sv, y, s);
			else if (!group_fill(sv, s))
				break;
		}
		if ((i & 255) == 0) {
			report(sv, false);
			if (sv->opt->max_wall_seconds > 0 &&
			    elapsed(sv) > sv->opt->max_wall_seconds)
				break; /* the wall-clock stop (rotad solve) */
			if (sv->opt->cancel != NULL && *sv->opt->cancel)
				break; /* the search stops at its first look */
		}
	}
	free(ord);
}

/* ------------------------------------------------------- local search -- */

/* Change in distinct pairs when youth y leaves home `from` (NONE: none)
 * and joins home `to` (NONE: none). */
static long
pairs_delta(const struct youth *y, uint32_t from, uint32_t to)
{
	long d = 0;

	if (from == to)
		return 0;
	if (from != NONE && home_count(y, from) == 1)
		d--;
	if (to != NONE && home_count(y, to) == 0)
		d++;
	return d;
}

static void move_regroup(struct solver *sv, struct cost *hist, uint32_t s);

/* Fill an open position: add, or a chain that frees a youth for it. */
static void
move_fill(struct solver *sv, struct cost *hist)
{
	uint32_t s = sv->open[rng_below(sv, sv->nopen)], y, t, y2 = NONE;
	struct slot *sl = &sv->s[s], *tl;
	struct youth *yy;
	struct cost c;
	int64_t dsq, gap, best_sq = 0;
	long dp;
	bool ok;

	if ((y = best_add(sv, s, 8)) != NONE) {
		add_delta(sv, y, s, &dsq, &dp);
		c = sv->cur;
		c.unfilled--, c.sumsq += dsq, c.pairs += dp;
		if (has_u32(sl->init, sl->ninit, y))
			c.moved--;
		if (accept(sv, &c, hist)) {
			do_add(sv, y, s);
			after_move(sv, hist);
			sv->applied[SOLVER_MOVE_ADD]++;
		}
		return;
	}
	if (sl->n == 0 && sl->nreq > 0 && group_fill(sv, s)) {
		/* Fewer open positions is always better than now. */
		after_move(sv, hist);
		sv->applied[SOLVER_MOVE_GROUP]++;
		return;
	}
	if (sl->n == 0 && sl->nreq > 0 && rng_below(sv, 2) == 0) {
		move_regroup(sv, hist, s);
		return;
	}
	/*
	 * A chain: a candidate y held by another visit t of its takes s,
	 * and t is refilled by the best other candidate y2 (or left open,
	 * which moves the open position to t: neutral for `filled`).
	 */
	y = sl->cand[rng_below(sv, sl->ncand)];
	yy = &sv->y[y];
	if (has_u32(sl->on, sl->n, y) || yy->nmine == 0 ||
	    !slot_ok(sv, s, NONE, y))
		return;
	t = yy->mine[rng_below(sv, yy->nmine)];
	tl = &sv->s[t];
	gap = tl->start - sl->start;
	if (t == s || gap > 8 * CIVIL_MIN_PER_DAY ||
	    gap < -8 * CIVIL_MIN_PER_DAY)
		return; /* too far apart to be what blocks y */
	if (!may_leave(sv, y, t))
		return;
	(void)rules_youth_state_remove(yy->st, t);
	ok = may(sv, y, s);
	(void)rules_youth_state_add(sv->ctx, yy->st, t);
	if (!ok)
		return;
	if (tl->scope && tl->ncand > 0) {
		uint32_t off = rng_below(sv, tl->ncand), seen = 0;
		for (uint32_t k = 0; k < tl->ncand && seen < 8; k++) {
			uint32_t z = tl->cand[(off + k) % tl->ncand];
			if (z == y || has_u32(tl->on, tl->n, z) ||
			    !slot_ok(sv, t, y, z))
				continue;
			dsq = sq_delta(sv->y[z].minutes, tl->dur);
			if (y2 != NONE && dsq >= best_sq)
				continue;
			if (!may(sv, z, t))
				continue;
			seen++;
			y2 = z, best_sq = dsq;
		}
	}
	if (y2 == NONE && !slot_ok(sv, t, y, NONE))
		return;
	c = sv->cur;
	c.unfilled--; /* s */
	if (tl->n <= tl->needed)
		c.unfilled++; /* t loses y */
	c.sumsq += sq_delta(yy->minutes, sl->dur - tl->dur);
	c.pairs += pairs_delta(yy, tl->home, sl->home);
	c.moved += (has_u32(tl->init, tl->ninit, y) ? 1 : 0) -
	    (has_u32(sl->init, sl->ninit, y) ? 1 : 0);
	if (y2 != NONE) {
		c.unfilled--;
		c.sumsq += best_sq;
		c.pairs += pairs_delta(&sv->y[y2], NONE, tl->home);
		c.moved -= has_u32(tl->init, tl->ninit, y2) ? 1 : 0;
	}
	if (!accept(sv, &c, hist))
		return;
	do_remove(sv, y, t);
	do_add(sv, y, s);
	if (y2 != NONE)
		do_add(sv, y2, t);
	after_move(sv, hist);
	sv->applied[SOLVER_MOVE_CHAIN]++;
}

/*
 * An empty visit s that needs skills takes a skilled youth from another
 * visit t nearby: every youth leaves t (which has no fixed youth), and s
 * is filled as a group, then position by position, from the youths then
 * free.  When s gets as many youths as t had, the move is neutral for
 * `filled`, so open positions that need a skill can wander too.
 */
static void
move_regroup(struct solver *sv, struct cost *hist, uint32_t s)
{
	struct slot *sl = &sv->s[s], *tl;
	uint32_t y, t, pick[64], np, gone[64], ng, z;
	uint64_t need = 0;
	int64_t gap;
	struct cost c;

	for (uint32_t r = sl->req0; r < sl->req0 + sl->nreq; r++)
		need |= 1ULL << sv->reqbit[r];
	y = sl->cand[rng_below(sv, sl->ncand)];
	if (!(sv->y[y].skills & need) || sv->y[y].nmine == 0)
		return;
	t = sv->y[y].mine[rng_below(sv, sv->y[y].nmine)];
	tl = &sv->s[t];
	gap = tl->start - sl->start;
	if (t == s || tl->nfixed > 0 || tl->n > 64 ||
	    gap > 8 * CIVIL_MIN_PER_DAY || gap < -8 * CIVIL_MIN_PER_DAY)
		return;
	ng = tl->n;
	memcpy(gone, tl->on, ng * sizeof(*gone));
	for (uint32_t i = 0; i < ng; i++)
		if (!may_leave(sv, gone[i], t))
			return;
	for (uint32_t i = 0; i < ng; i++)
		(void)rules_youth_state_remove(sv->y[gone[i]].st, t);
	if ((np = group_pick(sv, s, pick)) > 0) {
		/* The other positions, one by one (on s for the look only). */
		memcpy(sl->on, pick, np * sizeof(*pick));
		sl->n = np;
		while (sl->n < sl->needed && sl->n < 64 &&
		    (z = best_add(sv, s, 8)) != NONE)
			sl->on[sl->n++] = z;
		np = sl->n;
		memcpy(pick, sl->on, np * sizeof(*pick));
		sl->n = 0;
	}
	for (uint32_t i = 0; i < ng; i++)
		(void)rules_youth_state_add(sv->ctx, sv->y[gone[i]].st, t);
	if (np == 0)
		return;
	c = sv->cur;
	c.unfilled += (long)(ng < tl->needed ? ng : tl->needed) - (long)np;
	for (uint32_t i = 0; i < ng; i++) {
		const struct youth *g = &sv->y[gone[i]];
		bool both = has_u32(pick, np, gone[i]);
		c.sumsq += sq_delta(g->minutes, (both ? sl->dur : 0) - tl->dur);
		c.pairs += pairs_delta(g, tl->home, both ? sl->home : NONE);
		c.moved += has_u32(tl->init, tl->ninit, gone[i]) ? 1 : 0;
	}
	for (uint32_t i = 0; i < np; i++) {
		const struct youth *p = &sv->y[pick[i]];
		c.moved -= has_u32(sl->init, sl->ninit, pick[i]) ? 1 : 0;
		if (has_u32(gone, ng, pick[i]))
			continue;
		c.sumsq += sq_delta(p->minutes, sl->dur);
		c.pairs += pairs_delta(p, NONE, sl->home);
	}
	if (!accept(sv, &c, hist))
		return;
	for (uint32_t i = 0; i < ng; i++)
		do_remove(sv, gone[i], t);
	for (uint32_t i = 0; i < np; i++)
		do_add(sv, pick[i], s);
	after_move(sv, hist);
	sv->applied[SOLVER_MOVE_REGROUP]++;
}

/* Replace the youth on a visit by a candidate with fewer hours. */
static void
move_replace(struct solver *sv, struct cost *hist)
{
	uint32_t s = sv->scope[rng_below(sv, sv->nscope)], yo, yi;
	struct slot *sl = &sv->s[s];
	struct youth *o, *in;
	struct cost c;

	if (sl->n == sl->nfixed)
		return;
	yo = sl->on[sl->nfixed + rng_below(sv, sl->n - sl->nfixed)];
	yi = sl->cand[rng_below(sv, sl->ncand)];
	for (int k = 1; k < REPLACE_PICK && !sv->accept_all && !sv->kicking;
	     k++) {
		/* Of a few random candidates, the one with the fewest hours. */
		uint32_t z = sl->cand[rng_below(sv, sl->ncand)];
		if (sv->y[z].minutes < sv->y[yi].minutes)
			yi = z;
	}
	if (yi == yo || has_u32(sl->on, sl->n, yi) || !slot_ok(sv, s, yo, yi))
		return;
	o = &sv->y[yo];
	in = &sv->y[yi];
	c = sv->cur;
	c.sumsq +=
	    sq_delta(o->minutes, -sl->dur) + sq_delta(in->minutes, sl->dur);
	c.pairs += (home_count(o, sl->home) == 1 ? -1 : 0) +
	    (home_count(in, sl->home) == 0 ? 1 : 0);
	if (has_u32(sl->init, sl->ninit, yo))
		c.moved++;
	if (has_u32(sl->init, sl->ninit, yi))
		c.moved--;
	if (!late_accepts(sv, &c, hist))
		return; /* cheap rejection before asking the rules */
	if (!may(sv, yi, s) || !may_leave(sv, yo, s) || !accept(sv, &c, hist))
		return;
	do_remove(sv, yo, s);
	do_add(sv, yi, s);
	after_move(sv, hist);
	sv->applied[SOLVER_MOVE_REPLACE]++;
}

/* Two youths trade visits. */
static void
move_swap(struct solver *sv, struct cost *hist)
{
	uint32_t s1 = sv->scope[rng_below(sv, sv->nscope)], s2, y1, y2;
	struct slot *a = &sv->s[s1], *b;
	struct youth *p, *q;
	struct cost c;
	int64_t d;

	if (a->n == a->nfixed)
		return;
	y1 = a->on[a->nfixed + rng_below(sv, a->n - a->nfixed)];
	y2 = a->cand[rng_below(sv, a->ncand)];
	p = &sv->y[y1];
	q = &sv->y[y2];
	if (y2 == y1 || q->nmine == 0 || has_u32(a->on, a->n, y2))
		return;
	s2 = q->mine[rng_below(sv, q->nmine)];
	b = &sv->s[s2];
	if (s2 == s1 || has_u32(b->on, b->n, y1) || !slot_ok(sv, s1, y1, y2) ||
	    !slot_ok(sv, s2, y2, y1))
		return;
	d = b->dur - a->dur;
	c = sv->cur;
	c.sumsq += sq_delta(p->minutes, d) + sq_delta(q->minutes, -d);
	if (a->home != b->home) {
		c.pairs += (home_count(p, a->home) == 1 ? -1 : 0) +
		    (home_count(p, b->home) == 0 ? 1 : 0) +
		    (home_count(q, b->home) == 1 ? -1 : 0) +
		    (home_count(q, a->home) == 0 ? 1 : 0);
	}
	c.moved += (has_u32(a->init, a->ninit, y1) ? 1 : 0) +
	    (has_u32(b->init, b->ninit, y2) ? 1 : 0) -
	    (has_u32(a->init, a->ninit, y2) ? 1 : 0) -
	    (has_u32(b->init, b->ninit, y1) ? 1 : 0);
	if (!late_accepts(sv, &c, hist) || !may_leave(sv, y1, s1) ||
	    !may_leave(sv, y2, s2))
		return;
	(void)rules_youth_state_remove(p->st, s1);
	(void)rules_youth_state_remove(q->st, s2);
	if (!may(sv, y1, s2) || !may(sv, y2, s1) || !accept(sv, &c, hist)) {
		(void)rules_youth_state_add(sv->ctx, p->st, s1);
		(void)rules_youth_state_add(sv->ctx, q->st, s2);
		return;
	}
	(void)rules_youth_state_add(sv->ctx, p->st, s1);
	(void)rules_youth_state_add(sv->ctx, q->st, s2);
	do_remove(sv, y1, s1);
	do_remove(sv, y2, s2);
	do_add(sv, y1, s2);
	do_add(sv, y2, s1);
	after_move(sv, hist);
	sv->applied[SOLVER_MOVE_SWAP]++;
}

/* Was youth y on slot s in the plan the solver started from? */
static long
init_on(const struct slot *sl, uint32_t y)
{
	return has_u32(sl->init, sl->ninit, y) ? 1 : 0;
}

/*
 * Three youths pass visits round: a leaves x for z, b leaves y for x and
 * c leaves z for y.  Each youth's hours change by the difference of two
 * visit lengths, so this moves an hour between youths where no swap of
 * two may (the rules allow none of the pairs); the polish uses it to
 * close the last small fairness gaps (docs/solver.md).
 */
static void
move_cycle(struct solver *sv, struct cost *hist)
{
	uint32_t x = sv->scope[rng_below(sv, sv->nscope)], y, z = NONE;
	uint32_t a, b, c, off;
	struct slot *xl = &sv->s[x], *yl, *zl;
	struct youth *ya, *yb, *yc;
	struct cost co;
	bool ok;

	if (xl->n == xl->nfixed)
		return;
	a = xl->on[xl->nfixed + rng_below(sv, xl->n - xl->nfixed)];
	b = xl->cand[rng_below(sv, xl->ncand)];
	ya = &sv->y[a];
	yb = &sv->y[b];
	if (b == a || yb->nmine == 0 || has_u32(xl->on, xl->n, b))
		return;
	y = yb->mine[rng_below(sv, yb->nmine)];
	yl = &sv->s[y];
	if (y == x || yl->ncand == 0)
		return;
	c = yl->cand[rng_below(sv, yl->ncand)];
	yc = &sv->y[c];
	if (c == a || c == b || yc->nmine == 0 || has_u32(yl->on, yl->n, c))
		return;
	/* A visit of c that a may take closes the cycle. */
	off = rng_below(sv, yc->nmine);
	for (uint32_t k = 0; k < yc->nmine && z == NONE; k++) {
		uint32_t t = yc->mine[(off + k) % yc->nmine];
		const struct slot *tl = &sv->s[t];
		if (t != x && t != y && !has_u32(tl->on, tl->n, a) &&
		    has_u32(tl->cand, tl->ncand, a))
			z = t;
	}
	if (z == NONE)
		return;
	zl = &sv->s[z];
	if (!slot_ok(sv, x, a, b) || !slot_ok(sv, y, b, c) ||
	    !slot_ok(sv, z, c, a))
		return;
	co = sv->cur;
	co.sumsq += sq_delta(ya->minutes, zl->dur - xl->dur) +
	    sq_delta(yb->minutes, xl->dur - yl->dur) +
	    sq_delta(yc->minutes, yl->dur - zl->dur);
	co.pairs += pairs_delta(ya, xl->home, zl->home) +
	    pairs_delta(yb, yl->home, xl->home) +
	    pairs_delta(yc, zl->home, yl->home);
	co.moved += init_on(xl, a) - init_on(zl, a) + init_on(yl, b) -
	    init_on(xl, b) + init_on(zl, c) - init_on(yl, c);
	if (!late_accepts(sv, &co, hist) || !may_leave(sv, a, x) ||
	    !may_leave(sv, b, y) || !may_leave(sv, c, z))
		return;
	/* Each youth leaves one visit and takes one: ask per youth. */
	(void)rules_youth_state_remove(ya->st, x);
	ok = may(sv, a, z);
	(void)rules_youth_state_add(sv->ctx, ya->st, x);
	if (ok) {
		(void)rules_youth_state_remove(yb->st, y);
		ok = may(sv, b, x);
		(void)rules_youth_state_add(sv->ctx, yb->st, y);
	}
	if (ok) {
		(void)rules_youth_state_remove(yc->st, z);
		ok = may(sv, c, y);
		(void)rules_youth_state_add(sv->ctx, yc->st, z);
	}
	if (!ok || !accept(sv, &co, hist))
		return;
	do_remove(sv, a, x);
	do_remove(sv, b, y);
	do_remove(sv, c, z);
	do_add(sv, a, z);
	do_add(sv, b, x);
	do_add(sv, c, y);
	after_move(sv, hist);
	sv->applied[SOLVER_MOVE_CYCLE]++;
}

/* Does slot s hold the same youths as in the best snapshot? */
static bool
same_as_best(const struct solver *sv, uint32_t s)
{
	const struct slot *sl = &sv->s[s];

	if (sl->n != sv->snapn[s])
		return false;
	for (uint32_t i = sl->nfixed; i < sl->n; i++)
		if (!has_u32(sl->on, sl->n, sv->snap[sl->best0 + i]))
			return false;
	return true;
}

/*
 * Makes the saved best plan the current one again (states included).
 * Only the slots that differ are redone: the kick rounds restore the
 * best plan after every few thousand moves, and each change costs a
 * rules-engine update, counted as work.
 */
static void
restore_best(struct solver *sv)
{
	uint32_t nd = 0;

	if (sv->cur_is_best)
		return;
	for (size_t s = 0; s < sv->ns; s++)
		if (!same_as_best(sv, (uint32_t)s))
			sv->dirty[nd++] = (uint32_t)s;
	/* Every removal first: a youth may move between two of them. */
	for (uint32_t k = 0; k < nd; k++) {
		struct slot *sl = &sv->s[sv->dirty[k]];
		while (sl->n > sl->nfixed) {
			do_remove(sv, sl->on[sl->n - 1], sv->dirty[k]);
			sv->work++;
		}
	}
	for (uint32_t k = 0; k < nd; k++) {
		uint32_t s = sv->dirty[k];
		for (uint32_t i = sv->s[s].nfixed; i < sv->snapn[s]; i++) {
			do_add(sv, sv->snap[sv->s[s].best0 + i], s);
			sv->work++;
		}
	}
	sv->cur_is_best = true;
}

static void debug_check(struct solver *sv);

/* Starts a phase: the cost mode, the best and the history reset. */
static void
phase_start(struct solver *sv, struct cost *hist, bool coverage)
{
	sv->cur.coverage = coverage;
	sv->best = sv->cur;
	sv->cur_is_best = true;
	for (size_t i = 0; i < LA_LENGTH; i++)
		hist[i] = sv->cur;
}

/*
 * One phase of late-acceptance search until `end` work units, or until
 * `stall` moves bring no better plan.  Returns with the best plan of the
 * phase as the current one.
 */
static enum solver_stop
search_phase(struct solver *sv, struct cost *hist, uint64_t end, uint64_t stall,
    bool cycles)
{
	uint64_t last_best = sv->iterations;
	enum solver_stop why = SOLVER_STOP_BUDGET;

	while (sv->work < end) {
		struct cost before = sv->best;
		uint32_t r = rng_below(sv, 100);

		sv->iterations++;
		sv->work++;
		if (sv->nopen > 0 && r < 40)
			move_fill(sv, hist);
		else if (cycles && r >= CYCLE_FROM)
			move_cycle(sv, hist);
		else if (r < 75)
			move_replace(sv, hist);
		else
			move_swap(sv, hist);
		if (cost_cmp(&sv->best, &before) < 0)
			last_best = sv->iterations;
		if (sv->iterations - last_best > stall) {
			why = SOLVER_STOP_CONVERGED;
			break;
		}
		if (sv->cur.coverage && sv->best.unfilled == 0)
			break;
		if ((sv->iterations & 1023) == 0) {
			if (sv->opt->cancel != NULL && *sv->opt->cancel) {
				why = SOLVER_STOP_CANCELLED;
				break;
			}
			if (elapsed(sv) > sv->opt->max_wall_seconds &&
			    sv->opt->max_wall_seconds > 0) {
				why = SOLVER_STOP_WALL;
				break;
			}
			report(sv, false);
			debug_check(sv);
		}
	}
	restore_best(sv);
	debug_check(sv);
	return why;
}

/*
 * A kick: k random moves made whatever they do to fairness and
 * continuity, as long as `filled` does not go down: replace and swap,
 * and chains that move an open position elsewhere.  accept() saves the
 * best plan before the first one leaves it.
 */
static void
kick(struct solver *sv, struct cost *hist, uint32_t k)
{
	uint32_t made = 0;

	sv->kicking = true;
	for (uint32_t tries = 0; made < k && tries < 32 * k; tries++) {
		unsigned long before = 0, after = 0;
		uint32_t r = rng_below(sv, 100);

		for (int m = 0; m < SOLVER_MOVE__COUNT; m++)
			before += sv->applied[m];
		sv->iterations++;
		sv->work++;
		if (sv->nopen > 0 && r < KICK_FILL)
			move_fill(sv, hist);
		else if (r < 60)
			move_replace(sv, hist);
		else
			move_swap(sv, hist);
		for (int m = 0; m < SOLVER_MOVE__COUNT; m++)
			after += sv->applied[m];
		made += (uint32_t)(after - before);
	}
	sv->kicking = false;
}

/*
 * The polish: iterated local search with the budget left once the
 * search has converged.  From the best plan, a kick of a few random
 * moves, then late acceptance (with cycles among the moves) from there
 * until `round` moves bring no better plan; the next kick starts from
 * the best plan again, which by then may be another plan of equal cost.
 * Small instances converge in a fraction of their budget a little above
 * the optimum: the last gaps need several moves at once (docs/solver.md).
 */
static enum solver_stop
search_polish(struct solver *sv, struct cost *hist, uint64_t round)
{
	enum solver_stop why = SOLVER_STOP_CONVERGED;

	sv->phase = "polish";
	while (sv->work < sv->budget && why == SOLVER_STOP_CONVERGED) {
		kick(sv, hist, 1 + rng_below(sv, KICK_MAX));
		for (size_t i = 0; i < LA_LENGTH; i++)
			hist[i] = sv->cur;
		why = search_phase(sv, hist, sv->budget, round, true);
	}
	return why == SOLVER_STOP_CONVERGED ? SOLVER_STOP_BUDGET : why;
}

/*
 * Two phases: first coverage only (every move that keeps the number of
 * filled positions is accepted, so the open positions wander through
 * chains of moves until one can be filled), then the whole objective
 * with `filled` never going down.  When that converges, the polish uses
 * the rest of the budget.
 */
static enum solver_stop
search(struct solver *sv)
{
	struct cost *hist = xcalloc(LA_LENGTH, sizeof(*hist));
	uint64_t stall, cov_end;
	size_t positions = 0;
	enum solver_stop why = SOLVER_STOP_BUDGET;

	for (size_t s = 0; s < sv->ns; s++)
		positions += sv->s[s].needed;
	stall = STALL_BASE + 200 * (uint64_t)positions;
	if (sv->nscope == 0) {
		free(hist);
		return SOLVER_STOP_COMPLETE;
	}
	if (sv->nopen > 0) {
		sv->phase = "coverage";
		/* Set-up and construction may have used the whole budget. */
		cov_end = sv->work +
		    (sv->budget > sv->work ? sv->budget - sv->work : 0) * 2 / 5;
		phase_start(sv, hist, true);
		why = search_phase(sv, hist, cov_end, stall, false);
	}
	if (why == SOLVER_STOP_BUDGET || why == SOLVER_STOP_CONVERGED) {
		sv->phase = "search";
		phase_start(sv, hist, false);
		why = search_phase(sv, hist, sv->budget, stall, false);
	}
	if (why == SOLVER_STOP_CONVERGED)
		why = search_polish(sv, hist,
		    KICK_ROUND + KICK_ROUND_PER_POS * (uint64_t)positions);
	free(hist);
	return why;
}

/* ------------------------------------------------------- final check -- */

/* Youth y's fixed part alone, as a state of its own. */
static struct rules_youth_state *
fixed_state(const struct solver *sv, uint32_t y)
{
	struct rules_youth_state *st = rules_youth_state_new_empty(sv->ctx, y);

	for (size_t s = 0; s < sv->ns; s++)
		for (uint32_t i = 0; i < sv->s[s].nfixed; i++)
			if (sv->s[s].on[i] == y)
				(void)rules_youth_state_add(sv->ctx, st, s);
	return st;
}

static bool
same_violation(const struct rules_violation *a, const struct rules_violation *b)
{
	return strcmp(a->rule_id, b->rule_id) == 0 && a->day == b->day &&
	    a->week == b->week;
}

/*
 * The full check of youth y's plan (rules_youth_state_report() is the
 * full check's per-youth part): the violations that its fixed part does
 * not make on its own go into `made` (emptied first), and the number of
 * those it does make (the input's) into *input.  Returns made->n.
 */
static size_t
youth_made(
    const struct solver *sv, uint32_t y, struct rules_report *made, long *input)
{
	struct rules_report all = {0}, fixed = {0};
	const struct youth *yy = &sv->y[y];

	made->n = 0;
	if (input != NULL)
		*input = 0;
	if (rules_youth_state_ok(sv->ctx, yy->st))
		return 0;
	rules_youth_state_report(sv->ctx, yy->st, &all);
	if (!yy->fixed_ok && yy->nmine > 0) {
		struct rules_youth_state *fs = fixed_state(sv, y);
		rules_youth_state_report(sv->ctx, fs, &fixed);
		rules_youth_state_free(fs);
	}
	for (size_t i = 0; i < all.n; i++) {
		bool in = !yy->fixed_ok && yy->nmine == 0;
		for (size_t j = 0; j < fixed.n && !in; j++)
			in = same_violation(&all.v[i], &fixed.v[j]);
		if (in) {
			if (input != NULL)
				(*input)++;
			continue;
		}
		if (made->n == made->cap) {
			made->cap = made->cap ? made->cap * 2 : 8;
			made->v =
			    xreallocarray(made->v, made->cap, sizeof(*made->v));
		}
		made->v[made->n++] = all.v[i];
	}
	rules_report_free(&all);
	rules_report_free(&fixed);
	return made->n;
}

/*
 * The solver's visit of youth y to take away: the one listed in most of
 * the violations in `made`; when none is listed (a long list cut short),
 * the one nearest in time to the first violation.
 */
static uint32_t
repair_pick(
    const struct solver *sv, uint32_t y, const struct rules_report *made)
{
	const struct youth *yy = &sv->y[y];
	uint32_t best = yy->mine[0], bn = 0;
	int32_t at = made->v[0].day != CIVIL_NO_DATE ? made->v[0].day
	                                             : made->v[0].week + 3;
	int64_t bd = INT64_MAX;

	for (uint32_t k = 0; k < yy->nmine; k++) {
		uint32_t m = yy->mine[k], n = 0;
		for (size_t i = 0; i < made->n; i++)
			for (size_t j = 0; j < made->v[i].nslots; j++)
				if (made->v[i].slot_idx[j] == m)
					n++;
		if (n > bn)
			best = m, bn = n;
	}
	if (bn > 0 || made->v[0].week == CIVIL_NO_DATE)
		return best;
	for (uint32_t k = 0; k < yy->nmine; k++) {
		int64_t d = civil_wall_date(sv->s[yy->mine[k]].start) - at;
		d = d < 0 ? -d : d;
		if (d < bd)
			best = yy->mine[k], bd = d;
	}
	return best;
}

struct repair {
	uint32_t *queue; /* youths to check */
	uint32_t nq;
	bool *inq;
	uint32_t *opened; /* slots the repair took youths off */
	uint32_t nopened;
	bool *isopened;
};

static void
repair_push(struct repair *r, uint32_t y)
{
	if (!r->inq[y]) {
		r->inq[y] = true;
		r->queue[r->nq++] = y;
	}
}

/* Takes youth y off its visit m; a visit left missing a skill without
 * a fixed youth is emptied (and those youths checked again: fewer visits
 * can break a break rule). */
static void
repair_remove(struct solver *sv, struct repair *r, uint32_t y, uint32_t m)
{
	struct slot *sl = &sv->s[m];

	do_remove(sv, y, m);
	sv->repaired++;
	if (!r->isopened[m]) {
		r->isopened[m] = true;
		r->opened[r->nopened++] = m;
	}
	if (sl->nfixed == 0 && sl->n > 0 &&
	    deficit_after(sv, m, NONE, NONE) > 0)
		while (sl->n > 0) {
			uint32_t z = sl->on[sl->n - 1];
			do_remove(sv, z, m);
			sv->repaired++;
			repair_push(r, z);
		}
	repair_push(r, y);
}

/*
 * The structural guarantee (issue 20): the full check of the final plan,
 * and every violation that the solver's own assignments make is
 * repaired: the fewest of them taken away (greedily the one in most
 * violations, then check again), then the open positions refilled where
 * rules_may_add() allows it and the full check agrees.  Whatever the
 * budget and whatever rules_may_add() said, the plan that leaves has no
 * violation of the solver's making.  Counts the input's violations and
 * (always 0) the plan's.
 */
static void
final_check(struct solver *sv, struct solver_result *out)
{
	struct rules_report made = {0};
	struct repair r;
	long input;

	restore_best(sv);
	memset(&r, 0, sizeof(r));
	r.queue = xcalloc(sv->ny + 1, sizeof(*r.queue));
	r.inq = xcalloc(sv->ny + 1, sizeof(*r.inq));
	r.opened = xcalloc(sv->ns + 1, sizeof(*r.opened));
	r.isopened = xcalloc(sv->ns + 1, sizeof(*r.isopened));
	for (uint32_t y = 0; y < sv->ny; y++)
		if (sv->y[y].nmine > 0)
			repair_push(&r, y);
	while (r.nq > 0) {
		uint32_t y = r.queue[--r.nq];
		r.inq[y] = false;
		while (sv->y[y].nmine > 0 && youth_made(sv, y, &made, NULL) > 0)
			repair_remove(sv, &r, y, repair_pick(sv, y, &made));
	}
	for (uint32_t k = 0; k < r.nopened; k++) {
		uint32_t s = r.opened[k], z;
		if (!sv->s[s].scope)
			continue;
		while (sv->s[s].n < sv->s[s].needed &&
		    (z = best_add(sv, s, UINT32_MAX)) != NONE) {
			do_add(sv, z, s);
			if (youth_made(sv, z, &made, NULL) > 0) {
				/* Back to its state before: no violation. */
				do_remove(sv, z, s);
				break;
			}
		}
	}
	/* What leaves: the input's violations and the plan's. */
	out->input_violations = out->plan_violations = 0;
	for (uint32_t y = 0; y < sv->ny; y++) {
		out->plan_violations += (long)youth_made(sv, y, &made, &input);
		out->input_violations += input;
	}
	for (size_t s = 0; s < sv->ns; s++) {
		const struct slot *sl = &sv->s[s];
		bool mixed = sl->n > sl->nfixed;
		if (sl->n > sl->needed)
			*(mixed ? &out->plan_violations
			        : &out->input_violations) += 1;
		if (sl->n > 0 && sl->nreq > 0 &&
		    deficit_after(sv, (uint32_t)s, NONE, NONE) > 0)
			*(mixed && sl->nfixed == 0 ? &out->plan_violations
			                           : &out->input_violations) +=
			    1;
	}
	out->repaired = sv->repaired;
	sv->best = sv->cur;
	sv->cur_is_best = true;
	free(made.v);
	free(r.queue);
	free(r.inq);
	free(r.opened);
	free(r.isopened);
}

/*
 * The debug builds' check after every batch of moves: no youth changed
 * since the last one has a violation of the solver's making.  Release
 * builds (NDEBUG) only clear the list.
 */
static void
debug_check(struct solver *sv)
{
#ifndef NDEBUG
	struct rules_report made = {0};
#endif

	for (uint32_t i = 0; i < sv->nydirty; i++) {
		uint32_t y = sv->ydirty[i];
		sv->y[y].dirty = false;
#ifndef NDEBUG
		if (youth_made(sv, y, &made, NULL) > 0) {
			fprintf(stderr,
			    "rotad: solver (%s): a move made a violation: %s\n",
			    sv->phase, made.v[0].message);
			abort();
		}
#endif
	}
	sv->nydirty = 0;
#ifndef NDEBUG
	free(made.v);
#endif
}

/* ----------------------------------------------------------- result -- */

static void
result_fill(struct solver *sv, struct solver_result *out)
{
	const struct model_instance *inst = sv->inst;
	size_t n = 0, k = 0;
	int64_t *minutes;
	bool *used;

	if (!sv->cur_is_best) {
		/* Go back to the saved best plan (slot lists only). */
		for (size_t s = 0; s < sv->ns; s++) {
			memcpy(sv->s[s].on, &sv->snap[sv->s[s].best0],
			    sv->snapn[s] * sizeof(uint32_t));
			sv->s[s].n = sv->snapn[s];
		}
	}
	for (size_t s = 0; s < sv->ns; s++)
		n += sv->s[s].n;
	out->a = xcalloc(n + 1, sizeof(*out->a));
	used = xcalloc(inst->nassignments + 1, sizeof(*used));
	minutes = xcalloc(sv->ny + 1, sizeof(*minutes));
	/* Keep the instance's order for kept assignments, then new ones. */
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		struct slot *sl = &sv->s[a->slot_idx];
		if (a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		for (uint32_t j = 0; j < sl->n; j++)
			if (sl->on[j] == a->youth_idx) {
				out->a[k].slot_idx = a->slot_idx;
				out->a[k].youth_idx = a->youth_idx;
				out->a[k].from = (long)i;
				k++;
				used[i] = true;
				sl->on[j] = NONE; /* taken */
				break;
			}
	}
	for (size_t s = 0; s < sv->ns; s++) {
		struct slot *sl = &sv->s[s];
		for (uint32_t j = 0; j < sl->n; j++) {
			if (sl->on[j] == NONE)
				continue;
			out->a[k].slot_idx = s;
			out->a[k].youth_idx = sl->on[j];
			out->a[k].from = -1;
			k++;
		}
	}
	out->n = k;
	/* The score exactly as score_compute() computes it. */
	memset(&out->score, 0, sizeof(out->score));
	{
		long *on = xcalloc(sv->ns + 1, sizeof(*on));
		struct youth *yy;
		for (size_t i = 0; i < k; i++) {
			on[out->a[i].slot_idx]++;
			minutes[out->a[i].youth_idx] +=
			    sv->s[out->a[i].slot_idx].dur;
		}
		for (size_t s = 0; s < sv->ns; s++) {
			long need = (long)sv->s[s].needed;
			out->score.positions += need;
			out->score.filled += on[s] < need ? on[s] : need;
		}
		for (size_t y = 0; y < sv->ny; y++) {
			double h = (double)minutes[y] / 60.0;
			out->score.fairness += h * h;
			yy = &sv->y[y];
			yy->nhc = 0;
		}
		for (size_t i = 0; i < k; i++)
			out->score.pairs +=
			    home_add(&sv->y[out->a[i].youth_idx],
			        sv->s[out->a[i].slot_idx].home, 1);
		free(on);
	}
	out->moved = 0;
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE &&
		    !used[i])
			out->moved++;
	free(used);
	free(minutes);
}

static void
solver_free_state(struct solver *sv)
{
	for (size_t y = 0; y < sv->ny; y++) {
		rules_youth_state_free(sv->y[y].st);
		free(sv->y[y].hc);
		free(sv->y[y].mine);
	}
	for (size_t s = 0; s < sv->ns; s++) {
		free(sv->s[s].on);
		free(sv->s[s].gave);
		free(sv->s[s].cand);
		free(sv->s[s].init);
	}
	free(sv->y);
	free(sv->s);
	free(sv->open);
	free(sv->scope);
	free(sv->snap);
	free(sv->snapn);
	free(sv->dirty);
	free(sv->ydirty);
	free(sv->reqbit);
	free(sv->reqcount);
	rules_ctx_free(sv->ctx);
}

/* floor(256 * log2(x)) for x >= 1, with the fraction interpolated
 * linearly between powers of two (exact at them): integers only, so the
 * budget is the same on every machine. */
static uint64_t
log2_q8(uint64_t x)
{
	uint64_t e = 0;

	while ((x >> e) > 1)
		e++;
	if (e > 8)
		return e * 256 + ((x >> (e - 8)) & 255);
	return e * 256 + (((x << (8 - e)) & 255));
}

uint64_t
solver_work_per_second(size_t nyouths, size_t nslots)
{
	uint64_t n = (uint64_t)nyouths + nslots, cost = 1024;

	/*
	 * The measured cost model (docs/solver.md, "Budget and
	 * determinism"): a work unit costs the same up to about 4,000
	 * youths and slots, whose state stays in the caches; above that,
	 * 0.44 times as much again per doubling (cache misses), up to 3
	 * times the base cost.
	 */
	if (n > SOLVER_COST_KNEE) {
		cost += (log2_q8(n) - log2_q8(SOLVER_COST_KNEE)) * 1024 *
		    SOLVER_COST_SLOPE / 100 / 256;
		if (cost > 3 * 1024)
			cost = 3 * 1024;
	}
	return SOLVER_WORK_PER_SECOND * 1024 / cost;
}

int
solver_run(const struct model_instance *inst, const struct tzmap *tz,
    const struct solver_options *opt, struct solver_result *out, char *err,
    size_t errlen)
{
	struct solver sv;
	struct solver_options o = *opt;

	memset(out, 0, sizeof(*out));
	memset(&sv, 0, sizeof(sv));
	if (o.max_wall_seconds <= 0)
		o.max_wall_seconds = 4 * o.seconds + 5;
	sv.inst = inst;
	sv.tz = tz;
	sv.opt = &o;
	sv.rng = o.seed ^ 0x5a17e5eedULL;
	sv.budget = o.work
	    ? o.work
	    : (uint64_t)(o.seconds *
	          (double)solver_work_per_second(inst->nyouths, inst->nslots));
	clock_gettime(CLOCK_MONOTONIC, &sv.t0);
	if ((sv.ctx = rules_ctx_new(inst, tz, err, errlen)) == NULL)
		return -1;
	sv.phase = "construct";
	setup(&sv);
	sv.cur.moved_first = o.keep_first;
	load_movable(&sv);
	construct(&sv);
	sv.best = sv.cur;
	sv.cur_is_best = true;
	report(&sv, true);
	out->stop = search(&sv);
	final_check(&sv, out);
	report(&sv, true);
	result_fill(&sv, out);
	out->work = sv.work;
	out->iterations = sv.iterations;
	out->seconds = elapsed(&sv);
	solver_free_state(&sv);
	return 0;
}

void
solver_result_release(struct solver_result *r)
{
	if (r == NULL)
		return;
	free(r->a);
	memset(r, 0, sizeof(*r));
}

const char *
solver_stop_name(enum solver_stop stop)
{
	switch (stop) {
	case SOLVER_STOP_BUDGET:
		return "budget";
	case SOLVER_STOP_CONVERGED:
		return "converged";
	case SOLVER_STOP_COMPLETE:
		return "complete";
	case SOLVER_STOP_WALL:
		return "wall-clock limit";
	case SOLVER_STOP_CANCELLED:
		return "cancelled";
	}
	return "?";
}

/* ------------------------------------------------- self-check (tests) -- */

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Compares the incremental state with a full recomputation. */
static int
verify(struct solver *sv, char *err, size_t errlen)
{
	struct cost c = {0};
	int64_t *min = xcalloc(sv->ny + 1, sizeof(*min));
	uint32_t *cnt = xcalloc(sv->ny + 1, sizeof(*cnt));
	uint32_t *own = xcalloc(sv->ny + 1, sizeof(*own));
	uint64_t *pairs;
	size_t np = 0, total = 0;
	int rc = -1;

	for (size_t s = 0; s < sv->ns; s++)
		total += sv->s[s].n;
	pairs = xcalloc(total + 1, sizeof(*pairs));
	for (size_t s = 0; s < sv->ns; s++) {
		struct slot *sl = &sv->s[s];
		bool open = sl->scope && sl->n < sl->needed && sl->ncand > 0;
		if (sl->n < sl->needed)
			c.unfilled += sl->needed - sl->n;
		for (uint32_t i = 0; i < sl->n; i++) {
			uint32_t y = sl->on[i];
			min[y] += sl->dur;
			cnt[y]++;
			pairs[np++] = ((uint64_t)y << 32) | sl->home;
			if (i >= sl->nfixed) {
				own[y]++;
				if (!has_u32(sv->y[y].mine, sv->y[y].nmine,
				        (uint32_t)s)) {
					snprintf(err, errlen,
					    "slot %zu: youth "
					    "%u does not list it",
					    s, y);
					goto done;
				}
			}
			for (uint32_t j = 0; j < i; j++)
				if (sl->on[j] == y) {
					snprintf(err, errlen,
					    "slot %zu: youth "
					    "%u twice",
					    s, y);
					goto done;
				}
		}
		if (sl->n > sl->nfixed && sl->n > sl->needed) {
			snprintf(err, errlen, "slot %zu overfilled", s);
			goto done;
		}
		if (sl->n > sl->nfixed && sl->nfixed == 0 &&
		    deficit_after(sv, (uint32_t)s, NONE, NONE) != 0) {
			snprintf(err, errlen, "slot %zu misses a skill", s);
			goto done;
		}
		for (uint32_t k = 0; k < sl->ninit; k++)
			if (!has_u32(sl->on, sl->n, sl->init[k]))
				c.moved++;
		if (open != (sl->openpos != NONE) ||
		    (open && sv->open[sl->openpos] != s)) {
			snprintf(err, errlen, "slot %zu: open list wrong", s);
			goto done;
		}
	}
	qsort(pairs, np, sizeof(*pairs), cmp_u64);
	for (size_t i = 0; i < np; i++)
		if (i == 0 || pairs[i] != pairs[i - 1])
			c.pairs++;
	for (size_t y = 0; y < sv->ny; y++) {
		c.sumsq += min[y] * min[y];
		if (min[y] != sv->y[y].minutes || own[y] != sv->y[y].nmine ||
		    rules_youth_state_count(sv->y[y].st) !=
		        cnt[y] + sv->inst->youths[y].nother_work) {
			snprintf(err, errlen,
			    "youth %zu: minutes %lld/%lld, "
			    "slots %u/%u, state %zu/%zu",
			    y, (long long)sv->y[y].minutes, (long long)min[y],
			    sv->y[y].nmine, own[y],
			    rules_youth_state_count(sv->y[y].st),
			    cnt[y] + sv->inst->youths[y].nother_work);
			goto done;
		}
	}
	if (cost_cmp(&c, &sv->cur) != 0) {
		snprintf(err, errlen,
		    "score: incremental (%ld, %lld, %ld, %ld) "
		    "full (%ld, %lld, %ld, %ld)",
		    sv->cur.unfilled, (long long)sv->cur.sumsq, sv->cur.pairs,
		    sv->cur.moved, c.unfilled, (long long)c.sumsq, c.pairs,
		    c.moved);
		goto done;
	}
	rc = 0;
done:
	free(min);
	free(cnt);
	free(own);
	free(pairs);
	return rc;
}

/* Violations of the current plan (full rules check), or -1. */
static long
plan_violations(struct solver *sv)
{
	struct plan *p = plan_new();
	struct model_instance *c;
	struct rules_report rep = {0};
	char msg[256];
	long n = -1;

	for (size_t s = 0; s < sv->ns; s++)
		for (uint32_t i = 0; i < sv->s[s].n; i++)
			plan_add(p, sv->inst, s, sv->s[s].on[i]);
	if ((c = plan_apply(sv->inst, p, msg, sizeof(msg))) != NULL &&
	    rules_check_instance(c, sv->tz, &rep) == 0)
		n = (long)rep.n;
	rules_report_free(&rep);
	model_instance_free(c);
	plan_free(p);
	return n;
}

int
solver_check_moves(const struct model_instance *inst, const struct tzmap *tz,
    uint64_t seed, unsigned nmoves, unsigned long applied[SOLVER_MOVE__COUNT],
    char *err, size_t errlen)
{
	struct solver sv;
	struct solver_options o;
	struct cost *hist = xcalloc(LA_LENGTH, sizeof(*hist));
	long base;
	int rc = -1;

	memset(&o, 0, sizeof(o));
	memset(&sv, 0, sizeof(sv));
	o.seed = seed;
	sv.inst = inst;
	sv.tz = tz;
	sv.opt = &o;
	sv.rng = seed ^ 0x5a17e5eedULL;
	clock_gettime(CLOCK_MONOTONIC, &sv.t0);
	if ((sv.ctx = rules_ctx_new(inst, tz, err, errlen)) == NULL) {
		free(hist);
		return -1;
	}
	setup(&sv);
	base = plan_violations(&sv);
	load_movable(&sv); /* no construction: the moves fill the plan */
	sv.best = sv.cur;
	sv.cur_is_best = true;
	sv.accept_all = true;
	for (size_t i = 0; i < LA_LENGTH; i++)
		hist[i] = sv.cur;
	if (verify(&sv, err, errlen) == -1)
		goto done;
	for (unsigned k = 0; k < nmoves && sv.nscope > 0; k++) {
		uint32_t r = rng_below(&sv, 5), os;
		sv.iterations++;
		if (r == 3 && sv.nopen > 0 &&
		    sv.s[os = sv.open[rng_below(&sv, sv.nopen)]].nreq > 0 &&
		    sv.s[os].n == 0)
			move_regroup(&sv, hist, os);
		else if (r == 0 && sv.nopen > 0)
			move_fill(&sv, hist);
		else if (r == 1)
			move_replace(&sv, hist);
		else if (r == 4)
			move_cycle(&sv, hist);
		else
			move_swap(&sv, hist);
		if (verify(&sv, err, errlen) == -1)
			goto done;
		if ((k & 31) == 31 && plan_violations(&sv) != base) {
			snprintf(err, errlen,
			    "move %u: the plan has %ld "
			    "violations, the fixed part %ld",
			    k, plan_violations(&sv), base);
			goto done;
		}
	}
	memcpy(applied, sv.applied, sizeof(sv.applied));
	rc = 0;
done:
	free(hist);
	solver_free_state(&sv);
	return rc;
}

int
solver_check_repair(const struct model_instance *inst, const struct tzmap *tz,
    struct solver_result *out, char *err, size_t errlen)
{
	struct solver sv;
	struct solver_options o;

	memset(out, 0, sizeof(*out));
	memset(&o, 0, sizeof(o));
	memset(&sv, 0, sizeof(sv));
	o.seed = 1;
	sv.inst = inst;
	sv.tz = tz;
	sv.opt = &o;
	sv.rng = o.seed ^ 0x5a17e5eedULL;
	clock_gettime(CLOCK_MONOTONIC, &sv.t0);
	if ((sv.ctx = rules_ctx_new(inst, tz, err, errlen)) == NULL)
		return -1;
	setup(&sv);
	for (size_t s = 0; s < sv.ns; s++)
		for (uint32_t k = 0; k < sv.s[s].ninit; k++) {
			sv.cur.moved++;
			if (sv.s[s].n < sv.s[s].needed)
				do_add(&sv, sv.s[s].init[k], (uint32_t)s);
		}
	sv.best = sv.cur;
	sv.cur_is_best = true;
	sv.nydirty = 0; /* not a move: no debug check */
	for (size_t y = 0; y < sv.ny; y++)
		sv.y[y].dirty = false;
	final_check(&sv, out);
	result_fill(&sv, out);
	solver_free_state(&sv);
	return 0;
}

/* ------------------------------------------- refill and explanations -- */

/* Active youths on slot s of the instance. */
static size_t
slot_youths(
    const struct model_instance *inst, size_t s, size_t *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status == MODEL_ASSIGNMENT_ACTIVE && a->slot_idx == s) {
			if (n < max)
				out[n] = a->youth_idx;
			n++;
		}
	}
	return n;
}

static bool
youth_has_skill(const struct model_youth *y, const char *skill)
{
	for (size_t k = 0; k < y->nskills; k++)
		if (strcmp(y->skills[k], skill) == 0)
			return true;
	return false;
}

/* Required skill places slot s misses with `on` (plus `extra` when not
 * NONE_IDX); 0 for an empty slot. */
#define NONE_IDX ((size_t)-1)
static long
slot_deficit(const struct model_instance *inst, size_t s, const size_t *on,
    size_t n, size_t extra)
{
	const struct model_slot *sl = &inst->slots[s];
	long total = 0;

	if (n == 0 && extra == NONE_IDX)
		return 0;
	for (size_t r = 0; r < sl->nrequires; r++) {
		long have = 0;
		for (size_t i = 0; i < n; i++)
			if (youth_has_skill(
			        &inst->youths[on[i]], sl->requires[r].skill))
				have++;
		if (extra != NONE_IDX &&
		    youth_has_skill(
		        &inst->youths[extra], sl->requires[r].skill))
			have++;
		if (have < sl->requires[r].count)
		total += sl->requires[r].count - have;
	}
	return total;
}

/* Per youth: real minutes and whether it already visits `home`. */
static void
youth_load(const struct model_instance *inst, const struct tzmap *tz,
    size_t home, int64_t *minutes, bool *at_home)
{
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		minutes[a->youth_idx] +=
		    slot_minutes(tz, &inst->slots[a->slot_idx]);
		if (inst->slots[a->slot_idx].home_idx == home)
			at_home[a->youth_idx] = true;
	}
}

/* The states of the youths allowed at a home (others NULL). */
static struct rules_youth_state **
states_for_home(
    const struct rules_ctx *ctx, const struct model_instance *inst, size_t home)
{
	struct rules_youth_state **st = xcalloc(inst->nyouths + 1, sizeof(*st));

	for (size_t y = 0; y < inst->nyouths; y++)
		if (youth_may_visit(&inst->youths[y], home))
			st[y] = rules_youth_state_new_empty(ctx, y);
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status == MODEL_ASSIGNMENT_ACTIVE && st[a->youth_idx])
			(void)rules_youth_state_add(
			    ctx, st[a->youth_idx], a->slot_idx);
	}
	return st;
}

static void
states_free(struct rules_youth_state **st, size_t n)
{
	for (size_t y = 0; y < n; y++)
		rules_youth_state_free(st[y]);
	free(st);
}

long
solver_refill(const struct model_instance *inst, const struct tzmap *tz,
    size_t s, char *err, size_t errlen)
{
	struct rules_ctx *ctx;
	struct rules_youth_state **st;
	const struct model_slot *sl;
	int64_t *minutes;
	bool *at_home, *gave;
	size_t on[256], n;
	long best = -1, bdef = 0, before;
	int64_t bmin = 0;
	bool bhome = false;

	if (s >= inst->nslots) {
		snprintf(err, errlen, "no such slot");
		return -1;
	}
	if ((ctx = rules_ctx_new(inst, tz, err, errlen)) == NULL)
		return -1;
	sl = &inst->slots[s];
	n = slot_youths(inst, s, on, 256);
	if ((long)n >= sl->needed || n > 256) {
		rules_ctx_free(ctx);
		return -1;
	}
	before = slot_deficit(inst, s, on, n, NONE_IDX);
	minutes = xcalloc(inst->nyouths + 1, sizeof(*minutes));
	at_home = xcalloc(inst->nyouths + 1, sizeof(*at_home));
	youth_load(inst, tz, sl->home_idx, minutes, at_home);
	st = states_for_home(ctx, inst, sl->home_idx);
	/* Nobody who cancelled this visit is offered it again. */
	gave = xcalloc(inst->nyouths + 1, sizeof(*gave));
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].status == MODEL_ASSIGNMENT_CANCELLED &&
		    inst->assignments[i].slot_idx == s)
			gave[inst->assignments[i].youth_idx] = true;
	for (size_t y = 0; y < inst->nyouths; y++) {
		long def;
		if (st[y] == NULL || gave[y] || !rules_may_add(ctx, st[y], s))
			continue;
		def = slot_deficit(inst, s, on, n, y);
		if (def > 0 && def >= before)
			continue; /* the visit would still miss a skill */
		/* Rank: skill places missed, fewest hours, known home. */
		if (best >= 0 &&
		    (def > bdef ||
		        (def == bdef &&
		            (minutes[y] > bmin ||
		                (minutes[y] == bmin &&
		                    (bhome || !at_home[y]))))))
			continue;
		best = (long)y, bdef = def, bmin = minutes[y],
		bhome = at_home[y];
	}
	states_free(st, inst->nyouths);
	free(gave);
	free(minutes);
	free(at_home);
	rules_ctx_free(ctx);
	return best;
}

/*
 * Why the visit would break rule_id for the youths it stops, as one whole
 * sentence with the visit as its subject (so that it reads the same for
 * one youth and for several): "The visit would mean more work that week
 * than the limit of 12 h (AML § 11-2 (2) a)."
 */
static void
rule_reason(
    const char *jurisdiction, const char *rule_id, char *buf, size_t len)
{
	const struct rules_profile *p = rules_profile_find(jurisdiction);
	const struct rules_row *r = NULL;
	char lim[TEXTFMT_MAX];

	if (strcmp(rule_id, "ROTA-overlap") == 0) {
		snprintf(buf, len, "%s",
		    _("The visit collides with another visit, or leaves too "
		      "little time to travel between them."));
		return;
	}
	if (strcmp(rule_id, "ROTA-max-week-hours") == 0) {
		snprintf(buf, len, "%s",
		    _("The visit would go over the personal limit of hours a "
		      "week."));
		return;
	}
	for (size_t i = 0; p != NULL && i < p->nrows; i++)
		if (strcmp(p->rows[i].id, rule_id) == 0) {
			r = &p->rows[i];
			break;
		}
	if (r == NULL) {
		snprintf(buf, len, _("The visit would break the rule %1$s."),
		    rule_id);
		return;
	}
	if (r->limit < 60)
		snprintf(lim, sizeof(lim), "%d min", r->limit);
	else
		textfmt_hours(r->limit, lim, sizeof(lim));
	switch (r->kind) {
	case RULES_K_DAY_CAP:
		snprintf(buf, len,
		    _("The visit would mean more work that day than the limit "
		      "of %1$s (%2$s)."),
		    lim, r->reference);
		break;
	case RULES_K_WEEK_CAP:
		snprintf(buf, len,
		    _("The visit would mean more work that week than the "
		      "limit of %1$s (%2$s)."),
		    lim, r->reference);
		break;
	case RULES_K_ROLL_CAP:
		if (r->a == 24 * 60)
			snprintf(buf, len,
			    _("The visit would mean more work than the limit "
			      "of %1$s in 24 hours (%2$s)."),
			    lim, r->reference);
		else
			snprintf(buf, len,
			    _("The visit would mean more work than the limit "
			      "of %1$s in 7 days (%2$s)."),
			    lim, r->reference);
		break;
	case RULES_K_REST:
		snprintf(buf, len,
		    _("The visit would leave less rest than the required %1$s "
		      "(%2$s)."),
		    lim, r->reference);
		break;
	default:
		snprintf(buf, len,
		    _("The visit would break a legal rule (%1$s)."),
		    r->reference);
	}
}

static bool
is_availability_rule(const char *id)
{
	return strcmp(id, "ROTA-availability") == 0 ||
	    strcmp(id, "ROTA-unavailable") == 0 ||
	    strcmp(id, "ROTA-allowed-homes") == 0 ||
	    strcmp(id, "ROTA-min-age") == 0;
}

/* Youth y cancelled slot s: the solver never puts them back on it. */
static bool
gave_back(const struct model_instance *inst, size_t s, size_t y)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].status == MODEL_ASSIGNMENT_CANCELLED &&
		    inst->assignments[i].slot_idx == s &&
		    inst->assignments[i].youth_idx == y)
			return true;
	return false;
}

#define EXPLAIN_MAX 60 /* blocked youths examined with the full check */

void
solver_explain_unfilled(const struct model_instance *inst,
    const struct tzmap *tz, size_t s, char *buf, size_t len)
{
	const struct model_slot *sl;
	struct rules_ctx *ctx;
	struct rules_youth_state **st;
	struct model_instance *probe = NULL;
	char when[2 * TEXTFMT_MAX], d[TEXTFMT_MAX], h0[TEXTFMT_MAX];
	char h1[TEXTFMT_MAX], err[128];
	const char *reasons[EXPLAIN_MAX];
	size_t rcount[EXPLAIN_MAX], nreasons = 0;
	size_t on[256], n, allowed = 0, old = 0, free_ = 0, blocked = 0;
	size_t gave = 0; /* cancelled this visit: never asked again */
	size_t examined = 0;
	int32_t day;

	buf[0] = '\0';
	if (s >= inst->nslots)
		return;
	sl = &inst->slots[s];
	day = civil_wall_date(sl->start);
	textfmt_date_long(day, d, sizeof(d));
	textfmt_time(civil_wall_minute(sl->start), h0, sizeof(h0));
	textfmt_time(civil_wall_minute(sl->end), h1, sizeof(h1));
	/* TRANSLATORS: a visit's date, start and end: "Saturday 9 January
	   10:00-13:00"; bokmål "lørdag 9. januar kl. 10:00–13:00". */
	snprintf(when, sizeof(when), _("%1$s %2$s-%3$s"), d, h0, h1);
	n = slot_youths(inst, s, on, 256);
	if ((long)n >= sl->needed)
		return;
	if ((ctx = rules_ctx_new(inst, tz, err, sizeof(err))) == NULL) {
		snprintf(
		    buf, len, _("The visit cannot be planned: %1$s."), err);
		return;
	}
	st = states_for_home(ctx, inst, sl->home_idx);
	for (size_t y = 0; y < inst->nyouths; y++) {
		struct model_assignment a;
		struct rules_report rep = {0};
		const char *why = NULL;
		bool avail = true;
		if (st[y] == NULL)
			continue;
		allowed++;
		if (sl->min_age > 0 &&
		    civil_age_on(inst->youths[y].birth_date, day) < sl->min_age)
			continue;
		old++;
		{
			bool on_it = false;
			for (size_t i = 0; i < n && i < 256; i++)
				if (on[i] == y)
					on_it = true;
			if (on_it)
				continue;
		}
		if (gave_back(inst, s, y)) {
			gave++;
			continue;
		}
		if (rules_may_add(ctx, st[y], s)) {
			free_++;
			continue;
		}
		if (examined == EXPLAIN_MAX)
			continue;
		examined++;
		/* Which rule stops it: the full check of the youth with the
		 * slot added. */
		if (probe == NULL)
			probe = model_instance_copy(inst);
		memset(&a, 0, sizeof(a));
		a.id = (char *)"probe";
		a.slot = sl->id;
		a.youth = inst->youths[y].id;
		model_add_assignment(probe, &a);
		probe->assignments[probe->nassignments - 1].slot_idx = s;
		probe->assignments[probe->nassignments - 1].youth_idx = y;
		if (rules_check_youth(probe, tz, y, &rep) == 0) {
			for (size_t i = 0; i < rep.n && why == NULL; i++) {
				bool mine = false;
				for (size_t k = 0; k < rep.v[i].nslots; k++)
					if (rep.v[i].slot_idx[k] == s)
						mine = true;
				if (rep.v[i].youth_idx == (long)y && mine) {
					why = rep.v[i].rule_id;
					avail = !is_availability_rule(why);
				}
			}
		}
		rules_report_free(&rep);
		model_remove_assignment(probe, probe->nassignments - 1);
		if (!avail || why == NULL)
			continue;
		blocked++;
		{
			size_t k;
			for (k = 0; k < nreasons; k++)
				if (strcmp(reasons[k], why) == 0)
					break;
			if (k == nreasons) {
				reasons[nreasons] = why;
				rcount[nreasons++] = 0;
			}
			rcount[k]++;
		}
	}
	if (allowed == 0) {
		snprintf(buf, len, _("No youth may visit this home (%1$s)."),
		    inst->homes[sl->home_idx].name);
	} else if (old == 0) {
		snprintf(buf, len,
		    _("No youth aged %1$d or older is available on %2$s; every "
		      "youth who may visit this home is younger."),
		    sl->min_age, when);
	} else if (free_ > 0 && sl->nrequires > 0) {
		snprintf(buf, len,
		    dngettext(I18N_DOMAIN,
		        "%1$zu youth could come on %2$s, but the visit needs "
		        "%3$d with the skill '%4$s' and none of those is free.",
		        "%1$zu youths could come on %2$s, but the visit needs "
		        "%3$d with the skill '%4$s' and none of those is free.",
		        (unsigned long)free_),
		    free_, when, sl->requires[0].count, sl->requires[0].skill);
	} else if (free_ > 0) {
		snprintf(buf, len,
		    dngettext(I18N_DOMAIN,
		        "%1$zu youth could still come on %2$s; run the planner "
		        "again.",
		        "%1$zu youths could still come on %2$s; run the planner "
		        "again.",
		        (unsigned long)free_),
		    free_, when);
	} else if (blocked == 0 && gave > 0) {
		snprintf(buf, len,
		    dngettext(I18N_DOMAIN,
		        "No other youth is available on %2$s; %1$zu youth has "
		        "cancelled this visit.",
		        "No other youth is available on %2$s; %1$zu youths have "
		        "cancelled this visit.",
		        (unsigned long)gave),
		    gave, when);
	} else if (blocked == 0) {
		if (sl->min_age > 0)
			snprintf(buf, len,
			    _("No youth aged %1$d or older is available on "
			      "%2$s."),
			    sl->min_age, when);
		else
			snprintf(buf, len, _("No youth is available on %1$s."),
			    when);
	} else {
		/* Three sentences: who is available, the rule that stops
		 * most of them, and how many that is when not all. */
		char who[200], why[300], most[200] = "";
		size_t top = 0;
		for (size_t k = 1; k < nreasons; k++)
			if (rcount[k] > rcount[top])
				top = k;
		rule_reason(inst->jurisdiction, reasons[top], why, sizeof(why));
		snprintf(who, sizeof(who),
		    dngettext(I18N_DOMAIN,
		        "%1$zu youth is available on %2$s but may not take the "
		        "visit.",
		        "%1$zu youths are available on %2$s but none may take "
		        "the visit.",
		        (unsigned long)blocked),
		    blocked, when);
		if (nreasons > 1)
			snprintf(most, sizeof(most),
			    _("That stops %1$zu of them; the others are "
			      "stopped by other rules."),
			    rcount[top]);
		snprintf(
		    buf, len, "%s %s%s%s", who, why, most[0] ? " " : "", most);
	}
	model_instance_free(probe);
	states_free(st, inst->nyouths);
	rules_ctx_free(ctx);
}
