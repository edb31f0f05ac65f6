/* SPDX-License-Identifier: ISC */
/*
 * This file contains the "who can take it" list of a slot and the caps
 * of the limits panel (candidates.h).  Every legal answer comes from the
 * rules engine: rules_may_add() for eligibility, the engine's reports for
 * the reasons, and a check of the slot alone (a small instance holding
 * only the slot and its youths) for the slot-level rules, so that the
 * reasons are the gate's, word for word.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "candidates.h"
#include "civil.h"
#include "i18n.h"
#include "model.h"
#include "rules.h"
#include "tzmap.h"
#include "xmalloc.h"

#define NONE_IDX ((size_t)-1)
#define SIG_MAX  8 /* requirements whose answers are kept per signature */

static void
report_push(struct rules_report *r, const struct rules_violation *v)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
	}
	r->v[r->n++] = *v;
}

/* The gate's identity of a violation (api_rules.c violation_key()), for
 * two reports of one instance. */
static bool
same_violation(const struct rules_violation *a, const struct rules_violation *b)
{
	return strcmp(a->rule_id, b->rule_id) == 0 &&
	    a->youth_idx == b->youth_idx && a->day == b->day &&
	    a->week == b->week && a->nslots_total == b->nslots_total &&
	    a->pairs == b->pairs && a->nslots == b->nslots &&
	    memcmp(a->slot_idx, b->slot_idx,
	        a->nslots * sizeof(a->slot_idx[0])) == 0;
}

/*
 * Appends to out what `after` has that `before` has not, as a multiset,
 * matching in the order the gate does (each violation of `after` takes
 * the first unmatched equal one of `before`).  Only those whose youth is
 * `youth` (-1: the slot-level ones).
 */
static void
report_diff(const struct rules_report *before, const struct rules_report *after,
    long youth, struct rules_report *out)
{
	bool *used = xcalloc(before->n + 1, sizeof(*used));

	for (size_t i = 0; i < after->n; i++) {
		bool matched = false;
		if (after->v[i].youth_idx != youth)
			continue;
		for (size_t j = 0; j < before->n && !matched; j++)
			if (!used[j] &&
			    same_violation(&after->v[i], &before->v[j]))
				used[j] = matched = true;
		if (!matched)
			report_push(out, &after->v[i]);
	}
	free(used);
}

static bool
has_skill(const struct model_youth *y, const char *skill)
{
	for (size_t k = 0; k < y->nskills; k++)
		if (strcmp(y->skills[k], skill) == 0)
			return true;
	return false;
}

/* Bit r: the youth has the slot's requires[r] skill. */
static unsigned
signature(const struct model_slot *sl, const struct model_youth *y)
{
	unsigned sig = 0;

	for (size_t r = 0; r < sl->nrequires && r < SIG_MAX; r++)
		if (has_skill(y, sl->requires[r].skill))
			sig |= 1u << r;
	return sig;
}

/* Required skill places the slot misses with its youths plus `extra`
 * (NONE_IDX: none), each youth counted once; solver.c's slot_deficit(). */
static long
deficit(const struct candidate_list *l, size_t extra)
{
	const struct model_instance *inst = l->inst;
	const struct model_slot *sl = &inst->slots[l->slot];
	long total = 0;

	if (l->non == 0 && extra == NONE_IDX)
		return 0;
	for (size_t r = 0; r < sl->nrequires; r++) {
		long have = 0;
		for (size_t i = 0; i < l->non; i++) {
			bool dup = false;
			for (size_t j = 0; j < i && !dup; j++)
				dup = l->on[j] == l->on[i];
			if (!dup &&
			    has_skill(
			        &inst->youths[l->on[i]], sl->requires[r].skill))
				have++;
		}
		if (extra != NONE_IDX &&
		    has_skill(&inst->youths[extra], sl->requires[r].skill))
			have++;
		if (have < sl->requires[r].count)
		total += sl->requires[r].count - have;
	}
	return total;
}

/*
 * The slot-level violations (youth -1) of the slot with its active
 * youths plus `extra` (NONE_IDX: none): the full check of an instance
 * that holds only this slot, its home and those youths.  The copies are
 * shallow (the engine only reads); each youth keeps what the slot rules
 * read (skills) and loses what would only make per-youth noise.
 */
static int
slot_check(
    const struct candidate_list *l, size_t extra, struct rules_report *out)
{
	const struct model_instance *inst = l->inst;
	const struct model_slot *sl = &inst->slots[l->slot];
	struct model_instance mini = *inst;
	struct model_home home = inst->homes[sl->home_idx];
	struct model_slot slot = *sl;
	size_t n = l->non + (extra != NONE_IDX), ny = 0;
	struct model_youth *ys = xcalloc(n + 1, sizeof(*ys));
	size_t *yof = xcalloc(n + 1, sizeof(*yof));
	struct model_assignment *as = xcalloc(n + 1, sizeof(*as));
	struct rules_report rep = {0};
	int rc;

	slot.home_idx = 0;
	for (size_t i = 0; i < n; i++) {
		size_t y = i < l->non ? l->on[i] : extra, k;
		for (k = 0; k < ny && yof[k] != y; k++)
			;
		if (k == ny) {
			ys[ny] = inst->youths[y];
			ys[ny].homes_limited = false;
			ys[ny].nhomes = 0;
			ys[ny].homes = NULL;
			ys[ny].homes_idx = NULL;
			ys[ny].nother_work = 0;
			ys[ny].other_work = NULL;
			yof[ny++] = y;
		}
		as[i].slot = sl->id;
		as[i].youth = inst->youths[y].id;
		as[i].slot_idx = 0;
		as[i].youth_idx = k;
		as[i].status = MODEL_ASSIGNMENT_ACTIVE;
	}
	mini.homes = &home;
	mini.nhomes = 1;
	mini.youths = ys;
	mini.nyouths = ny;
	mini.slots = &slot;
	mini.nslots = 1;
	mini.assignments = as;
	mini.nassignments = n;
	rc = rules_check_instance(&mini, l->tz, &rep);
	for (size_t i = 0; rc == 0 && i < rep.n; i++)
		if (rep.v[i].youth_idx < 0) {
			rep.v[i].slot_idx[0] =
			    l->slot; /* back to the real one */
			for (size_t j = 1; j < rep.v[i].nslots; j++)
				rep.v[i].slot_idx[j] = l->slot;
			report_push(out, &rep.v[i]);
		}
	rules_report_free(&rep);
	free(ys);
	free(yof);
	free(as);
	return rc;
}

/* The slot-level violations adding youth y would create; borrowed from
 * the signature cache when it has them, else computed into *tmp. */
static const struct rules_report *
slot_new(struct candidate_list *l, size_t y, struct rules_report *tmp)
{
	const struct model_slot *sl = &l->inst->slots[l->slot];
	struct rules_report after = {0};
	unsigned sig = signature(sl, &l->inst->youths[y]);
	struct rules_report *dst = tmp;

	if (l->nsig > 0 && l->slot_done[sig])
		return &l->slot_new[sig];
	if (l->nsig > 0)
		dst = &l->slot_new[sig];
	if (slot_check(l, y, &after) == 0)
		report_diff(&l->slot_before, &after, -1, dst);
	rules_report_free(&after);
	if (l->nsig > 0)
		l->slot_done[sig] = true;
	return dst;
}

/* The youth's state from its active assignments, in the full check's
 * order (start, end, slot id), with `extra` too when not NONE_IDX. */
struct sref {
	int64_t us, ue;
	const char *id;
	size_t slot;
};

static int
cmp_sref(const void *a, const void *b)
{
	const struct sref *x = a, *y = b;
	int c;

	if (x->us != y->us)
		return x->us < y->us ? -1 : 1;
	if (x->ue != y->ue)
		return x->ue < y->ue ? -1 : 1;
	if ((c = strcmp(x->id, y->id)) != 0)
		return c;
	return (x->slot > y->slot) - (x->slot < y->slot);
}

static struct rules_youth_state *
sorted_state(const struct candidate_list *l, size_t y, size_t extra)
{
	const struct model_instance *inst = l->inst;
	size_t n = l->astart[y + 1] - l->astart[y], k = 0;
	struct sref *r = xcalloc(n + 2, sizeof(*r));
	struct rules_youth_state *st = rules_youth_state_new_empty(l->ctx, y);

	for (size_t i = 0; i <= n; i++) {
		size_t s = i < n ? l->aslot[l->astart[y] + i] : extra;
		if (s == NONE_IDX)
			continue;
		(void)tzmap_to_utc(l->tz, inst->slots[s].start, &r[k].us);
		(void)tzmap_to_utc(l->tz, inst->slots[s].end, &r[k].ue);
		r[k].id = inst->slots[s].id ? inst->slots[s].id : "";
		r[k].slot = s;
		k++;
	}
	qsort(r, k, sizeof(*r), cmp_sref);
	for (size_t i = 0; i < k; i++)
		(void)rules_youth_state_add(l->ctx, st, r[i].slot);
	free(r);
	return st;
}

/* The per-youth violations that adding the slot would create. */
static void
youth_new(const struct candidate_list *l, size_t y, struct rules_report *out)
{
	struct rules_youth_state *b = sorted_state(l, y, NONE_IDX);
	struct rules_youth_state *a = sorted_state(l, y, l->slot);
	struct rules_report rb = {0}, ra = {0};

	rules_youth_state_report(l->ctx, b, &rb);
	rules_youth_state_report(l->ctx, a, &ra);
	report_diff(&rb, &ra, (long)y, out);
	rules_report_free(&rb);
	rules_report_free(&ra);
	rules_youth_state_free(a);
	rules_youth_state_free(b);
}

static int
cmp_candidate(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;

	if (a->eligible != b->eligible)
		return a->eligible ? -1 : 1;
	if (a->eligible) {
		if (a->deficit != b->deficit)
			return a->deficit < b->deficit ? -1 : 1;
		if (a->minutes != b->minutes)
			return a->minutes < b->minutes ? -1 : 1;
		if (a->at_home != b->at_home)
			return a->at_home ? -1 : 1;
	}
	return (a->youth > b->youth) - (a->youth < b->youth);
}

/* Is adding the slot free of new violations for youth y (not on it)? */
static bool
eligible(struct candidate_list *l, size_t y, unsigned char *memo)
{
	struct rules_report tmp = {0}, fresh = {0};
	struct rules_youth_state *st;
	bool ok;

	if (slot_new(l, y, &tmp)->n > 0) {
		rules_report_free(&tmp);
		return false;
	}
	rules_report_free(&tmp);
	st = rules_youth_state_new_empty(l->ctx, y);
	for (size_t i = l->astart[y]; i < l->astart[y + 1]; i++)
		(void)rules_youth_state_add(l->ctx, st, l->aslot[i]);
	ok = rules_may_add(l->ctx, st, l->slot);
	/*
	 * may_add answers "no violation at all near the new shift"; the gate
	 * asks "no new one".  They differ only for a youth whose schedule
	 * already breaks a rule (a forced change): compare the reports then.
	 */
	if (!ok && l->astart[y + 1] > l->astart[y]) {
		unsigned char m = memo ? memo[y] : CANDIDATES_UNKNOWN;
		if (m == CANDIDATES_UNKNOWN)
			m = rules_youth_state_ok(l->ctx, st)
			    ? CANDIDATES_CLEAN
			    : CANDIDATES_BREAKS;
		if (memo != NULL)
			memo[y] = m;
		if (m == CANDIDATES_BREAKS) {
			youth_new(l, y, &fresh);
			ok = fresh.n == 0;
			rules_report_free(&fresh);
		}
	}
	rules_youth_state_free(st);
	return ok;
}

static int compute(struct rules_ctx *ctx, bool borrowed,
    const struct model_instance *inst, const struct tzmap *tz, size_t slot,
    const bool *visible, unsigned char *memo, struct candidate_list *l,
    char *err, size_t errlen);

int
candidates_compute(const struct model_instance *inst, const struct tzmap *tz,
    size_t slot, const bool *visible, unsigned char *memo,
    struct candidate_list *l, char *err, size_t errlen)
{
	struct rules_ctx *ctx;

	memset(l, 0, sizeof(*l));
	if (slot >= inst->nslots) {
		snprintf(err, errlen, "no such slot");
		return -1;
	}
	if ((ctx = rules_ctx_new(inst, tz, err, errlen)) == NULL)
		return -1;
	return compute(
	    ctx, false, inst, tz, slot, visible, memo, l, err, errlen);
}

int
candidates_compute_ctx(struct rules_ctx *ctx, const struct model_instance *inst,
    const struct tzmap *tz, size_t slot, const bool *visible,
    unsigned char *memo, struct candidate_list *l, char *err, size_t errlen)
{
	memset(l, 0, sizeof(*l));
	if (slot >= inst->nslots) {
		snprintf(err, errlen, "no such slot");
		return -1;
	}
	return compute(
	    ctx, true, inst, tz, slot, visible, memo, l, err, errlen);
}

static int
compute(struct rules_ctx *ctx, bool borrowed, const struct model_instance *inst,
    const struct tzmap *tz, size_t slot, const bool *visible,
    unsigned char *memo, struct candidate_list *l, char *err, size_t errlen)
{
	const struct model_slot *sl;
	int32_t date;
	bool *gave, *on;
	int64_t *minutes;
	bool *at_home;
	size_t na = 0;

	l->ctx = ctx;
	l->ctx_borrowed = borrowed;
	l->inst = inst;
	l->tz = tz;
	l->slot = slot;
	sl = &inst->slots[slot];
	date = civil_wall_date(sl->start);

	/* One pass over the assignments: per youth its slots, minutes and
	 * homes; the youths on this slot and those who cancelled it. */
	gave = xcalloc(inst->nyouths + 1, sizeof(*gave));
	on = xcalloc(inst->nyouths + 1, sizeof(*on));
	minutes = xcalloc(inst->nyouths + 1, sizeof(*minutes));
	at_home = xcalloc(inst->nyouths + 1, sizeof(*at_home));
	l->astart = xcalloc(inst->nyouths + 2, sizeof(*l->astart));
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const struct model_slot *s = &inst->slots[a->slot_idx];
		int64_t u0, u1;
		if (a->status != MODEL_ASSIGNMENT_ACTIVE) {
			if (a->slot_idx == slot)
				gave[a->youth_idx] = true;
			continue;
		}
		na++;
		l->astart[a->youth_idx + 2]++;
		/* The ranking's figures only for those listed. */
		if (visible == NULL || visible[a->youth_idx]) {
			(void)tzmap_to_utc(tz, s->start, &u0);
			(void)tzmap_to_utc(tz, s->end, &u1);
			minutes[a->youth_idx] += u1 - u0;
			if (s->home_idx == sl->home_idx)
				at_home[a->youth_idx] = true;
		}
		if (a->slot_idx == slot) {
			on[a->youth_idx] = true;
			l->non++;
		}
	}
	for (size_t y = 2; y < inst->nyouths + 2; y++)
		l->astart[y] += l->astart[y - 1];
	l->aslot = xcalloc(na + 1, sizeof(*l->aslot));
	l->on = xcalloc(l->non + 1, sizeof(*l->on));
	l->non = 0;
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		l->aslot[l->astart[a->youth_idx + 1]++] = a->slot_idx;
		if (a->slot_idx == slot)
			l->on[l->non++] = a->youth_idx;
	}

	if (sl->nrequires <= SIG_MAX) {
		l->nsig = (size_t)1 << sl->nrequires;
		l->slot_new = xcalloc(l->nsig, sizeof(*l->slot_new));
		l->slot_done = xcalloc(l->nsig, sizeof(*l->slot_done));
	}
	if (slot_check(l, NONE_IDX, &l->slot_before) == -1) {
		snprintf(err, errlen, "the schedule cannot be checked");
		goto fail;
	}

	l->c = xcalloc(inst->nyouths + 1, sizeof(*l->c));
	for (size_t y = 0; y < inst->nyouths; y++) {
		struct candidate *c = &l->c[l->n];
		if (visible != NULL && !visible[y])
			continue;
		l->n++;
		c->youth = y;
		c->age = civil_age_on(inst->youths[y].birth_date, date);
		c->assigned = on[y];
		c->cancelled = gave[y] && !on[y];
		c->minutes = minutes[y];
		c->at_home = at_home[y];
		c->deficit = on[y] ? deficit(l, NONE_IDX) : deficit(l, y);
		/* Nobody who gave this visit up is offered it again. */
		c->eligible =
		    !c->assigned && !c->cancelled && eligible(l, y, memo);
		if (c->eligible)
			l->neligible++;
	}
	qsort(l->c, l->n, sizeof(*l->c), cmp_candidate);
	for (size_t i = 0; i < l->neligible; i++)
		l->c[i].rank = (long)i + 1;
	free(gave);
	free(on);
	free(minutes);
	free(at_home);
	return 0;
fail:
	free(gave);
	free(on);
	free(minutes);
	free(at_home);
	candidates_free(l);
	return -1;
}

/* A planning reason: rule id, reference and a message in the thread's
 * language naming the youth by first name. */
static void
push_planning(struct rules_report *out, const struct model_instance *inst,
    const struct candidate *c, const char *rule, const char *text)
{
	struct rules_violation v;
	size_t len;
	const char *first = model_first_name(inst->youths[c->youth].name, &len);

	/* At most 30 bytes of it, cut between two UTF-8 characters. */
	if (len > 30)
		for (len = 30;
		     len > 0 && ((unsigned char)first[len] & 0xC0) == 0x80;
		     len--)
			;
	memset(&v, 0, sizeof(v));
	v.rule_id = rule;
	v.reference = "docs/product.md";
	v.youth_idx = (long)c->youth;
	v.day = CIVIL_NO_DATE;
	v.week = CIVIL_NO_DATE;
	snprintf(v.message, sizeof(v.message), "%.*s (%d): %s", (int)len, first,
	    c->age, text);
	report_push(out, &v);
}

int
candidates_reasons(struct candidate_list *l, const struct candidate *c,
    struct rules_report *out)
{
	struct rules_report tmp = {0};
	const struct rules_report *s;

	if (c->eligible)
		return 0;
	if (c->assigned) {
		push_planning(out, l->inst, c, CANDIDATES_RULE_ASSIGNED,
		    _("already on this visit"));
		return 0;
	}
	s = slot_new(l, c->youth, &tmp);
	for (size_t i = 0; i < s->n; i++)
		report_push(out, &s->v[i]);
	rules_report_free(&tmp);
	youth_new(l, c->youth, out);
	if (c->cancelled)
		push_planning(out, l->inst, c, CANDIDATES_RULE_CANCELLED,
		    _("cancelled this visit (called in sick), so it is not "
		      "offered again"));
	return 0;
}

void
candidates_free(struct candidate_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->nsig; i++)
		rules_report_free(&l->slot_new[i]);
	free(l->slot_new);
	free(l->slot_done);
	rules_report_free(&l->slot_before);
	if (!l->ctx_borrowed)
		rules_ctx_free(l->ctx);
	free(l->c);
	free(l->aslot);
	free(l->astart);
	free(l->on);
	memset(l, 0, sizeof(*l));
}

/* Appends c to the list, a week cap only once per week. */
static void
limits_add(
    struct rules_cap **out, size_t *n, size_t *cap, const struct rules_cap *c)
{
	for (size_t j = *n; c->week && j-- > 0;)
		if ((*out)[j].week && (*out)[j].row == c->row &&
		    (*out)[j].period == c->period)
			return;
	if (*n == *cap) {
		*cap *= 2;
		*out = xreallocarray(*out, *cap, sizeof(**out));
	}
	(*out)[(*n)++] = *c;
}

int
candidates_limits(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth, int32_t from, int32_t to, struct rules_cap **out, size_t *n,
    char *err, size_t errlen)
{
	struct rules_ctx *ctx;
	struct rules_youth_state *st;
	struct rules_cap buf[64];
	size_t cap = 16;

	*out = NULL;
	*n = 0;
	if (youth >= inst->nyouths) {
		snprintf(err, errlen, "no such youth");
		return -1;
	}
	if ((ctx = rules_ctx_new(inst, tz, err, errlen)) == NULL)
		return -1;
	st = rules_youth_state_new(ctx, youth);
	*out = xcalloc(cap, sizeof(**out));
	for (int32_t d = from; d <= to; d++) {
		size_t k = rules_caps_on(ctx, st, d, buf, 64);
		if (k > 64)
			k = 64;
		/* The day's caps first, then its week's. */
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < k; i++)
				if (buf[i].week == (pass == 1))
					limits_add(out, n, &cap, &buf[i]);
	}
	rules_youth_state_free(st);
	rules_ctx_free(ctx);
	return 0;
}
