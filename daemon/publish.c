/* SPDX-License-Identifier: ISC */
/*
 * This file contains the published copy of visits and assignments, the
 * instance as published and the difference between live and published
 * (publish.h).
 */
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "publish.h"
#include "xmalloc.h"

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
publish_snapshot_free(struct publish_snapshot *s)
{
	for (size_t i = 0; i < s->nslots; i++)
		model_slot_clear(&s->slots[i]);
	for (size_t i = 0; i < s->nassignments; i++)
		model_assignment_clear(&s->assignments[i]);
	free(s->slots);
	free(s->assignments);
	memset(s, 0, sizeof(*s));
}

void
publish_snapshot_add_slot(
    struct publish_snapshot *s, const struct model_slot *slot)
{
	if (s->nslots == s->capslots) {
		s->capslots = s->capslots ? s->capslots * 2 : 16;
		s->slots =
		    xreallocarray(s->slots, s->capslots, sizeof(*s->slots));
	}
	model_slot_copy(&s->slots[s->nslots++], slot);
}

void
publish_snapshot_add_assignment(
    struct publish_snapshot *s, const struct model_assignment *a)
{
	if (s->nassignments == s->capassignments) {
		s->capassignments =
		    s->capassignments ? s->capassignments * 2 : 16;
		s->assignments = xreallocarray(
		    s->assignments, s->capassignments, sizeof(*s->assignments));
	}
	model_assignment_copy(&s->assignments[s->nassignments++], a);
}

void
publish_snapshot_of(
    struct publish_snapshot *dst, const struct model_instance *inst)
{
	memset(dst, 0, sizeof(*dst));
	if (inst->nslots > 0)
		dst->slots = xcalloc(inst->nslots, sizeof(*dst->slots));
	for (size_t i = 0; i < inst->nslots; i++)
		model_slot_copy(&dst->slots[i], &inst->slots[i]);
	dst->nslots = dst->capslots = inst->nslots;
	if (inst->nassignments > 0)
		dst->assignments =
		    xcalloc(inst->nassignments, sizeof(*dst->assignments));
	for (size_t i = 0; i < inst->nassignments; i++)
		model_assignment_copy(
		    &dst->assignments[i], &inst->assignments[i]);
	dst->nassignments = dst->capassignments = inst->nassignments;
}

/* Binary search over entities whose first member is their id. */
static long
find_id(const void *arr, size_t n, size_t size, const char *id)
{
	size_t lo = 0, hi = n;

	if (id == NULL)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m =
		    *(char *const *)((const char *)arr + mid * size);
		int c = m != NULL ? strcmp(m, id) : -1;
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const struct model_slot *
publish_find_slot(const struct publish_snapshot *s, const char *id)
{
	long i = find_id(s->slots, s->nslots, sizeof(*s->slots), id);
	return i >= 0 ? &s->slots[i] : NULL;
}

const struct model_assignment *
publish_find_assignment(const struct publish_snapshot *s, const char *id)
{
	long i = find_id(
	    s->assignments, s->nassignments, sizeof(*s->assignments), id);
	return i >= 0 ? &s->assignments[i] : NULL;
}

struct model_instance *
publish_view_new(
    const struct model_instance *live, const struct publish_snapshot *snap)
{
	struct model_instance *v = xcalloc(1, sizeof(*v));
	long *slot_at; /* snapshot slot index -> view index, or -1 */

	*v = *live;
	v->slots =
	    snap->nslots ? xcalloc(snap->nslots, sizeof(*v->slots)) : NULL;
	v->assignments = snap->nassignments
	    ? xcalloc(snap->nassignments, sizeof(*v->assignments))
	    : NULL;
	v->nslots = 0;
	v->nassignments = 0;
	slot_at = xcalloc(snap->nslots + 1, sizeof(*slot_at));
	for (size_t i = 0; i < snap->nslots; i++) {
		long h = find_id(live->homes, live->nhomes,
		    sizeof(*live->homes), snap->slots[i].home);
		slot_at[i] = -1;
		if (h < 0)
			continue;
		v->slots[v->nslots] = snap->slots[i];
		v->slots[v->nslots].home_idx = (size_t)h;
		slot_at[i] = (long)v->nslots++;
	}
	for (size_t i = 0; i < snap->nassignments; i++) {
		const struct model_assignment *a = &snap->assignments[i];
		long y = find_id(live->youths, live->nyouths,
		    sizeof(*live->youths), a->youth);
		long s = find_id(
		    snap->slots, snap->nslots, sizeof(*snap->slots), a->slot);
		if (y < 0 || s < 0 || slot_at[s] < 0)
			continue;
		v->assignments[v->nassignments] = *a;
		v->assignments[v->nassignments].youth_idx = (size_t)y;
		v->assignments[v->nassignments].slot_idx = (size_t)slot_at[s];
		v->nassignments++;
	}
	free(slot_at);
	return v;
}

void
publish_view_free(struct model_instance *view)
{
	if (view == NULL)
		return;
	/* Only the arrays are the view's own; the rest is shared. */
	free(view->slots);
	free(view->assignments);
	free(view);
}

bool
publish_slot_same(const struct model_slot *a, const struct model_slot *b)
{
	if (!str_eq(a->id, b->id) || !str_eq(a->home, b->home) ||
	    a->start != b->start || a->end != b->end ||
	    a->needed != b->needed || !str_eq(a->activity, b->activity) ||
	    a->min_age != b->min_age || a->cancelled != b->cancelled ||
	    a->nrequires != b->nrequires)
		return false;
	for (size_t i = 0; i < a->nrequires; i++)
		if (!str_eq(a->requires[i].skill, b->requires[i].skill) ||
		    a->requires[i].count != b->requires[i].count)
			return false;
	return true;
}

bool
publish_assignment_same(
    const struct model_assignment *a, const struct model_assignment *b)
{
	return str_eq(a->id, b->id) && str_eq(a->slot, b->slot) &&
	    str_eq(a->youth, b->youth) && a->pinned == b->pinned &&
	    a->status == b->status && a->made_by == b->made_by;
}

const char *
publish_what_name(enum publish_what w)
{
	switch (w) {
	case PUBLISH_ADDED:
		return "added";
	case PUBLISH_MOVED:
		return "moved";
	case PUBLISH_CANCELLED:
		return "cancelled";
	case PUBLISH_CHANGED:
		return "changed";
	}
	return "changed";
}

void
publish_version_text(uint64_t v, char buf[17])
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 15; i >= 0; i--) {
		buf[i] = hex[v & 0xf];
		v >>= 4;
	}
	buf[16] = '\0';
}

/* ---- the difference ---- */

/* The assignments of each slot: CSR over slot indexes. */
struct by_slot {
	size_t *start; /* nslots + 1 */
	size_t *idx;   /* assignment indexes */
};

static void
by_slot_make(struct by_slot *b, size_t nslots,
    const struct model_assignment *as, size_t nas, const long *slot_of)
{
	size_t *fill;

	b->start = xcalloc(nslots + 2, sizeof(*b->start));
	b->idx = xcalloc(nas + 1, sizeof(*b->idx));
	for (size_t i = 0; i < nas; i++)
		if (slot_of[i] >= 0)
			b->start[slot_of[i] + 1]++;
	for (size_t s = 0; s < nslots; s++)
		b->start[s + 1] += b->start[s];
	fill = xcalloc(nslots + 1, sizeof(*fill));
	for (size_t i = 0; i < nas; i++) {
		if (slot_of[i] < 0)
			continue;
		size_t s = (size_t)slot_of[i];
		b->idx[b->start[s] + fill[s]++] = i;
	}
	free(fill);
	(void)as;
}

static void
by_slot_free(struct by_slot *b)
{
	free(b->start);
	free(b->idx);
}

/* FNV-1a, 64 bits: the preview's version (not a secret). */
static void
mix_bytes(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++) {
		*h ^= c[i];
		*h *= 1099511628211ULL;
	}
}

static void
mix_str(uint64_t *h, const char *s)
{
	if (s != NULL)
		mix_bytes(h, s, strlen(s) + 1);
	else
		mix_bytes(h, "\xff", 1);
}

static void
mix_int(uint64_t *h, int64_t v)
{
	mix_bytes(h, &v, sizeof(v));
}

static void
mix_slot(uint64_t *h, const struct model_slot *s)
{
	if (s == NULL) {
		mix_str(h, NULL);
		return;
	}
	mix_str(h, s->id);
	mix_str(h, s->home);
	mix_int(h, s->start);
	mix_int(h, s->end);
	mix_int(h, s->needed);
	mix_str(h, s->activity);
	mix_int(h, s->min_age);
	mix_int(h, s->cancelled);
	for (size_t i = 0; i < s->nrequires; i++) {
		mix_str(h, s->requires[i].skill);
		mix_int(h, s->requires[i].count);
	}
}

static void
mix_assignment(uint64_t *h, const struct model_assignment *a)
{
	mix_str(h, a->id);
	mix_str(h, a->slot);
	mix_str(h, a->youth);
	mix_int(h, a->pinned);
	mix_int(h, (int64_t)a->status);
	mix_int(h, (int64_t)a->made_by);
	mix_int(h, a->seq);
	mix_int(h, a->updated_at);
}

static int32_t
day_of(int64_t wall)
{
	return civil_wall_date(wall);
}

static bool
in_range(const struct model_slot *s, const struct publish_range *r)
{
	int32_t d;

	if (s == NULL)
		return false;
	d = day_of(s->start);
	if (d < r->from || d > r->to)
		return false;
	if (r->homes == NULL)
		return true;
	for (size_t i = 0; i < r->nhomes; i++)
		if (str_eq(r->homes[i], s->home))
			return true;
	return false;
}

/* Appends a copy of s; sort_unique() removes repeats afterwards. */
static void
push_str(char ***arr, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*arr = xreallocarray(*arr, *cap, sizeof(**arr));
	}
	(*arr)[(*n)++] = xstrdup(s);
}

static struct publish_subject *
subject(struct publish_subject **arr, size_t *n, size_t *cap, const char *id)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*arr)[i].id, id) == 0)
			return &(*arr)[i];
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*arr = xreallocarray(*arr, *cap, sizeof(**arr));
	}
	memset(&(*arr)[*n], 0, sizeof(**arr));
	(*arr)[*n].id = xstrdup(id);
	return &(*arr)[(*n)++];
}

static void
visit_of(struct publish_visit *v, const struct model_slot *s)
{
	v->slot = xstrdup(s->id);
	v->home = xstrdup(s->home);
	v->start = s->start;
	v->end = s->end;
	v->activity = dup_or_null(s->activity);
}

static void
visit_clear(struct publish_visit *v)
{
	free(v->slot);
	free(v->home);
	free(v->activity);
}

static void
add_item(struct publish_subject *sub, enum publish_what what,
    const char *assignment, const struct model_slot *before,
    const struct model_slot *after)
{
	struct publish_item *it;

	if (sub->n == sub->cap) {
		sub->cap = sub->cap ? sub->cap * 2 : 4;
		sub->items = xreallocarray(sub->items, sub->cap, sizeof(*it));
	}
	it = &sub->items[sub->n++];
	memset(it, 0, sizeof(*it));
	it->what = what;
	it->assignment = dup_or_null(assignment);
	if (before != NULL)
		visit_of(&it->before, before);
	if (after != NULL)
		visit_of(&it->after, after);
}

/* A slot that shows: there, and not taken out of its series. */
static bool
slot_shows(const struct model_slot *s)
{
	return s != NULL && !s->cancelled;
}

static bool
same_place_time(const struct model_slot *a, const struct model_slot *b)
{
	return a->start == b->start && a->end == b->end &&
	    str_eq(a->home, b->home);
}

/* One side of a group: the slot (or NULL) and its assignments. */
struct side {
	const struct model_slot *slot;
	const struct model_assignment *as;
	const size_t *idx;
	size_t n;
};

static const struct model_assignment *
side_find(const struct side *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (str_eq(s->as[s->idx[i]].id, id))
			return &s->as[s->idx[i]];
	return NULL;
}

static bool
shows(const struct side *s, const struct model_assignment *a)
{
	return a != NULL && slot_shows(s->slot) &&
	    a->status == MODEL_ASSIGNMENT_ACTIVE;
}

/* Whether the youths a visit shows are the same on both sides. */
static bool
same_youths(const struct side *p, const struct side *l)
{
	size_t np = 0, nl = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct model_assignment *a = &p->as[p->idx[i]];
		if (!shows(p, a))
			continue;
		np++;
		bool found = false;
		for (size_t j = 0; j < l->n && !found; j++) {
			const struct model_assignment *b = &l->as[l->idx[j]];
			found = shows(l, b) && str_eq(a->youth, b->youth);
		}
		if (!found)
			return false;
	}
	for (size_t j = 0; j < l->n; j++)
		if (shows(l, &l->as[l->idx[j]]))
			nl++;
	return np == nl;
}

static bool
group_same(const struct side *p, const struct side *l)
{
	if (p->slot == NULL || l->slot == NULL)
		return p->slot == l->slot;
	if (!publish_slot_same(p->slot, l->slot) || p->n != l->n)
		return false;
	for (size_t i = 0; i < l->n; i++) {
		const struct model_assignment *a = &l->as[l->idx[i]];
		const struct model_assignment *b = side_find(p, a->id);
		if (b == NULL || !publish_assignment_same(a, b))
			return false;
	}
	return true;
}

static void
touch_side(struct publish_diff *d, const struct side *s)
{
	if (s->slot == NULL)
		return;
	push_str(&d->touch_homes, &d->ntouch_homes, &d->capth, s->slot->home);
	for (size_t i = 0; i < s->n; i++)
		push_str(&d->touch_youths, &d->ntouch_youths, &d->captu,
		    s->as[s->idx[i]].youth);
}

static void
youth_items(struct publish_diff *d, const struct side *p, const struct side *l)
{
	bool crew_same = same_youths(p, l);

	/* Published assignments: cancelled, moved, changed. */
	for (size_t i = 0; i < p->n; i++) {
		const struct model_assignment *pa = &p->as[p->idx[i]];
		const struct model_assignment *la = side_find(l, pa->id);
		struct publish_subject *sub;

		if (!shows(p, pa))
			continue;
		sub = subject(&d->youths, &d->nyouths, &d->capy, pa->youth);
		if (!shows(l, la) || !str_eq(la->youth, pa->youth))
			add_item(sub, PUBLISH_CANCELLED, pa->id, p->slot, NULL);
		else if (!same_place_time(p->slot, l->slot))
			add_item(sub, PUBLISH_MOVED, pa->id, p->slot, l->slot);
		else if (!str_eq(p->slot->activity, l->slot->activity) ||
		    !crew_same)
			add_item(
			    sub, PUBLISH_CHANGED, pa->id, p->slot, l->slot);
	}
	/* Live assignments not shown before: added. */
	for (size_t i = 0; i < l->n; i++) {
		const struct model_assignment *la = &l->as[l->idx[i]];
		const struct model_assignment *pa = side_find(p, la->id);

		if (!shows(l, la))
			continue;
		if (shows(p, pa) && str_eq(la->youth, pa->youth))
			continue;
		add_item(subject(&d->youths, &d->nyouths, &d->capy, la->youth),
		    PUBLISH_ADDED, la->id, NULL, l->slot);
	}
}

static void
home_items(struct publish_diff *d, const struct side *p, const struct side *l)
{
	const struct model_slot *ps = slot_shows(p->slot) ? p->slot : NULL;
	const struct model_slot *ls = slot_shows(l->slot) ? l->slot : NULL;

	if (ps != NULL && ls != NULL && str_eq(ps->home, ls->home)) {
		struct publish_subject *sub =
		    subject(&d->homes, &d->nhomes, &d->caph, ls->home);
		if (!same_place_time(ps, ls))
			add_item(sub, PUBLISH_MOVED, NULL, ps, ls);
		else if (!str_eq(ps->activity, ls->activity) ||
		    ps->needed != ls->needed || !same_youths(p, l))
			add_item(sub, PUBLISH_CHANGED, NULL, ps, ls);
		return;
	}
	if (ps != NULL)
		add_item(subject(&d->homes, &d->nhomes, &d->caph, ps->home),
		    PUBLISH_CANCELLED, NULL, ps, NULL);
	if (ls != NULL)
		add_item(subject(&d->homes, &d->nhomes, &d->caph, ls->home),
		    PUBLISH_ADDED, NULL, NULL, ls);
}

static int64_t
item_start(const struct publish_item *it)
{
	return it->after.slot != NULL ? it->after.start : it->before.start;
}

static int
cmp_item(const void *a, const void *b)
{
	const struct publish_item *x = a, *y = b;
	int64_t sx = item_start(x), sy = item_start(y);
	const char *ix = x->after.slot ? x->after.slot : x->before.slot;
	const char *iy = y->after.slot ? y->after.slot : y->before.slot;

	if (sx != sy)
		return sx < sy ? -1 : 1;
	return strcmp(ix, iy);
}

static int
cmp_subject(const void *a, const void *b)
{
	return strcmp(((const struct publish_subject *)a)->id,
	    ((const struct publish_subject *)b)->id);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
sort_unique(char **s, size_t *n)
{
	size_t k = 0;

	if (*n > 1)
		qsort(s, *n, sizeof(*s), cmp_str);
	for (size_t i = 0; i < *n; i++) {
		if (k > 0 && strcmp(s[k - 1], s[i]) == 0) {
			free(s[i]);
			continue;
		}
		s[k++] = s[i];
	}
	*n = k;
}

static void
sort_subjects(struct publish_subject *s, size_t n)
{
	if (n > 1)
		qsort(s, n, sizeof(*s), cmp_subject);
	for (size_t i = 0; i < n; i++)
		if (s[i].n > 1)
			qsort(
			    s[i].items, s[i].n, sizeof(*s[i].items), cmp_item);
}

void
publish_diff_make(struct publish_diff *d, const struct model_instance *live,
    const struct publish_snapshot *snap, const struct publish_range *r)
{
	struct by_slot lb, pb;
	long *slot_of;
	size_t i = 0, j = 0;
	uint64_t h = 14695981039346656037ULL;

	memset(d, 0, sizeof(*d));
	/* Which slot each assignment is on, on both sides. */
	slot_of = xcalloc(live->nassignments + 1, sizeof(*slot_of));
	for (size_t k = 0; k < live->nassignments; k++)
		slot_of[k] = (long)live->assignments[k].slot_idx;
	by_slot_make(
	    &lb, live->nslots, live->assignments, live->nassignments, slot_of);
	free(slot_of);
	slot_of = xcalloc(snap->nassignments + 1, sizeof(*slot_of));
	for (size_t k = 0; k < snap->nassignments; k++)
		slot_of[k] = find_id(snap->slots, snap->nslots,
		    sizeof(*snap->slots), snap->assignments[k].slot);
	by_slot_make(
	    &pb, snap->nslots, snap->assignments, snap->nassignments, slot_of);
	free(slot_of);

	mix_int(&h, r->from);
	mix_int(&h, r->to);
	for (size_t k = 0; r->homes != NULL && k < r->nhomes; k++)
		mix_str(&h, r->homes[k]);
	/* Merge the two slot arrays (both in id order) into groups. */
	while (i < snap->nslots || j < live->nslots) {
		struct side p = {NULL, snap->assignments, NULL, 0};
		struct side l = {NULL, live->assignments, NULL, 0};
		int c;

		if (i >= snap->nslots)
			c = 1;
		else if (j >= live->nslots)
			c = -1;
		else
			c = strcmp(snap->slots[i].id, live->slots[j].id);
		if (c <= 0) {
			p.slot = &snap->slots[i];
			p.idx = pb.idx + pb.start[i];
			p.n = pb.start[i + 1] - pb.start[i];
			i++;
		}
		if (c >= 0) {
			l.slot = &live->slots[j];
			l.idx = lb.idx + lb.start[j];
			l.n = lb.start[j + 1] - lb.start[j];
			j++;
		}
		if (!in_range(p.slot, r) && !in_range(l.slot, r))
			continue;
		if (group_same(&p, &l))
			continue;
		push_str(&d->groups, &d->ngroups, &d->capg,
		    l.slot ? l.slot->id : p.slot->id);
		/* The version: every row the publish would copy or drop. */
		mix_slot(&h, p.slot);
		for (size_t k = 0; k < p.n; k++)
			mix_assignment(&h, &p.as[p.idx[k]]);
		mix_slot(&h, l.slot);
		for (size_t k = 0; k < l.n; k++)
			mix_assignment(&h, &l.as[l.idx[k]]);
		touch_side(d, &p);
		touch_side(d, &l);
		youth_items(d, &p, &l);
		home_items(d, &p, &l);
	}
	by_slot_free(&lb);
	by_slot_free(&pb);
	sort_subjects(d->youths, d->nyouths);
	sort_subjects(d->homes, d->nhomes);
	sort_unique(d->touch_youths, &d->ntouch_youths);
	sort_unique(d->touch_homes, &d->ntouch_homes);
	d->version = h;
}

static void
subjects_free(struct publish_subject *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < s[i].n; k++) {
			free(s[i].items[k].assignment);
			visit_clear(&s[i].items[k].before);
			visit_clear(&s[i].items[k].after);
		}
		free(s[i].items);
		free(s[i].id);
	}
	free(s);
}

static void
strs_free(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

void
publish_diff_free(struct publish_diff *d)
{
	subjects_free(d->youths, d->nyouths);
	subjects_free(d->homes, d->nhomes);
	strs_free(d->groups, d->ngroups);
	strs_free(d->touch_youths, d->ntouch_youths);
	strs_free(d->touch_homes, d->ntouch_homes);
	memset(d, 0, sizeof(*d));
}

bool
publish_diff_has_group(const struct publish_diff *d, const char *slot)
{
	/* d->groups is in id order (the merge walks ids in order). */
	size_t lo = 0, hi = d->ngroups;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(d->groups[mid], slot);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static int
cmp_slot(const void *a, const void *b)
{
	return strcmp(((const struct model_slot *)a)->id,
	    ((const struct model_slot *)b)->id);
}

static int
cmp_assignment(const void *a, const void *b)
{
	return strcmp(((const struct model_assignment *)a)->id,
	    ((const struct model_assignment *)b)->id);
}

void
publish_snapshot_apply(struct publish_snapshot *snap,
    const struct model_instance *live, const struct publish_diff *d)
{
	struct publish_snapshot out = {0};

	/* Keep the published rows outside the groups, but not an assignment
	 * that moved live into one of them (its live copy replaces it). */
	for (size_t i = 0; i < snap->nslots; i++)
		if (!publish_diff_has_group(d, snap->slots[i].id))
			publish_snapshot_add_slot(&out, &snap->slots[i]);
	for (size_t i = 0; i < snap->nassignments; i++) {
		const struct model_assignment *a = &snap->assignments[i];
		long k = find_id(live->assignments, live->nassignments,
		    sizeof(*live->assignments), a->id);
		if (publish_diff_has_group(d, a->slot) ||
		    (k >= 0 &&
		        publish_diff_has_group(d, live->assignments[k].slot)))
			continue;
		publish_snapshot_add_assignment(&out, a);
	}
	/* The live rows of the groups, in their place. */
	for (size_t i = 0; i < live->nslots; i++)
		if (publish_diff_has_group(d, live->slots[i].id))
			publish_snapshot_add_slot(&out, &live->slots[i]);
	for (size_t i = 0; i < live->nassignments; i++)
		if (publish_diff_has_group(d, live->assignments[i].slot))
			publish_snapshot_add_assignment(
			    &out, &live->assignments[i]);
	if (out.nslots > 1)
		qsort(out.slots, out.nslots, sizeof(*out.slots), cmp_slot);
	if (out.nassignments > 1)
		qsort(out.assignments, out.nassignments,
		    sizeof(*out.assignments), cmp_assignment);
	publish_snapshot_free(snap);
	*snap = out;
}
