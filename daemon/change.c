/* SPDX-License-Identifier: ISC */
/*
 * This file contains the change module (change.h): a change made in the
 * loaded instance in place, its undo, the labour-law gate on the subjects
 * it touches, the rows it writes in one transaction with its audit row,
 * and the feeds it changes.
 *
 * The model is the source of the rows: an entity is written as the model
 * holds it after the change, and the assignments whose feed events change
 * get their new sequence number in the model first and are then written
 * row by row, so that the model and the store agree by construction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "civil.h"
#include "feed_cache.h"
#include "instance_json.h"
#include "notify.h"
#include "rules.h"
#include "rules_json.h"
#include "state.h"
#include "store.h"
#include "tzmap.h"
#include "xmalloc.h"

/* ---- violation keys (what api_rules.c's gate compared) ---- */

/*
 * A violation's identity across two instances whose arrays differ: rule,
 * youth id, slot ids (the listed ones and how many in all), the pairs a
 * grouped overlap counts, day and week.  Returns a new string.  A change
 * that adds a shift to an overlap group, or a slot to a violation that
 * lists the first RULES_MAX_SLOTS, changes the key, and is new.
 */
static char *
violation_key(
    const struct model_instance *inst, const struct rules_violation *v)
{
	char day[CIVIL_DATE_LEN] = "-", week[CIVIL_DATE_LEN] = "-";
	const char *youth =
	    v->youth_idx >= 0 ? inst->youths[v->youth_idx].id : "-";
	size_t len =
	    strlen(v->rule_id) + strlen(youth) + 2 * CIVIL_DATE_LEN + 56;
	char *key;
	int n;

	if (v->day != CIVIL_NO_DATE)
		civil_format_date(v->day, day);
	if (v->week != CIVIL_NO_DATE)
		civil_format_date(v->week, week);
	for (size_t i = 0; i < v->nslots; i++)
		len += strlen(inst->slots[v->slot_idx[i]].id) + 1;
	key = xmalloc(len);
	n = snprintf(key, len, "%s|%s|%s|%s|%zu|%zu", v->rule_id, youth, day,
	    week, v->nslots_total, v->pairs);
	for (size_t i = 0; i < v->nslots; i++)
		n += snprintf(key + n, len - (size_t)n, "|%s",
		    inst->slots[v->slot_idx[i]].id);
	return key;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
change_keys_of(struct change_keys *ks, const struct model_instance *inst,
    const struct rules_report *rep)
{
	ks->n = rep->n;
	ks->k = xcalloc(rep->n + 1, sizeof(*ks->k));
	ks->used = xcalloc(rep->n + 1, sizeof(*ks->used));
	for (size_t i = 0; i < rep->n; i++)
		ks->k[i] = violation_key(inst, &rep->v[i]);
	qsort(ks->k, ks->n, sizeof(*ks->k), cmp_str);
}

json_t *
change_keys_fresh(struct change_keys *ks, const struct model_instance *inst,
    const struct rules_report *rep, size_t *n)
{
	json_t *fresh = json_array();

	*n = 0;
	for (size_t i = 0; i < rep->n; i++) {
		char *k = violation_key(inst, &rep->v[i]);
		char **hit = ks->n
		    ? bsearch(&k, ks->k, ks->n, sizeof(*ks->k), cmp_str)
		    : NULL;
		bool matched = false;

		if (hit != NULL) {
			/* The first equal key not yet matched. */
			size_t j = (size_t)(hit - ks->k);
			while (j > 0 && strcmp(ks->k[j - 1], k) == 0)
				j--;
			for (; j < ks->n && strcmp(ks->k[j], k) == 0; j++) {
				if (!ks->used[j]) {
					ks->used[j] = true;
					matched = true;
					break;
				}
			}
		}
		/* The first RULES_JSON_LIST_MAX are listed, all counted. */
		if (!matched && (*n)++ < RULES_JSON_LIST_MAX)
			json_array_append_new(
			    fresh, rules_violation_to_json(&rep->v[i], inst));
		free(k);
	}
	return fresh;
}

void
change_keys_free(struct change_keys *ks)
{
	for (size_t i = 0; ks->k != NULL && i < ks->n; i++)
		free(ks->k[i]);
	free(ks->k);
	free(ks->used);
	memset(ks, 0, sizeof(*ks));
}

void
change_result_clear(struct change_result *res)
{
	json_decref(res->violations);
	memset(res, 0, sizeof(*res));
}

/* ---- a small set of ids ---- */

struct ids {
	const char **v;
	size_t n, cap;
};

static void
ids_add(struct ids *s, const char *id)
{
	if (id == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], id) == 0)
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = id;
}

/* ---- in-place edits, keeping id order and every index link ---- */

union entity {
	struct model_home h;
	struct model_youth y;
	struct model_slot s;
	struct model_assignment a;
};

#define ARR_OPEN(arr, n, pos)                                                  \
	do {                                                                   \
		(arr) = xreallocarray((arr), (n) + 1, sizeof(*(arr)));         \
		memmove(&(arr)[(pos) + 1], &(arr)[pos],                        \
		    ((n) - (pos)) * sizeof(*(arr)));                           \
		(n)++;                                                         \
	} while (0)
#define ARR_CLOSE(arr, n, pos)                                                 \
	do {                                                                   \
		memmove(&(arr)[pos], &(arr)[(pos) + 1],                        \
		    ((n) - (pos)-1) * sizeof(*(arr)));                         \
		(n)--;                                                         \
	} while (0)

/* Links at or above `from` move by d (an entity was put in or taken out). */
static void
shift_links(
    struct model_instance *inst, enum change_kind kind, size_t from, long d)
{
	switch (kind) {
	case CHANGE_HOME:
		for (size_t i = 0; i < inst->nslots; i++)
			if (inst->slots[i].home_idx >= from)
				inst->slots[i].home_idx += (size_t)d;
		for (size_t i = 0; i < inst->nyouths; i++)
			for (size_t j = 0; inst->youths[i].homes_idx != NULL &&
			     j < inst->youths[i].nhomes;
			     j++)
				if (inst->youths[i].homes_idx[j] >= from)
					inst->youths[i].homes_idx[j] +=
					    (size_t)d;
		break;
	case CHANGE_YOUTH:
		for (size_t i = 0; i < inst->nassignments; i++)
			if (inst->assignments[i].youth_idx >= from)
				inst->assignments[i].youth_idx += (size_t)d;
		break;
	case CHANGE_SLOT:
		for (size_t i = 0; i < inst->nassignments; i++)
			if (inst->assignments[i].slot_idx >= from)
				inst->assignments[i].slot_idx += (size_t)d;
		break;
	default:
		break; /* nothing refers to an assignment by index */
	}
}

/* Resolves the references of the entity at pos (they were checked). */
static void
link_one(struct model_instance *inst, enum change_kind kind, size_t pos)
{
	switch (kind) {
	case CHANGE_HOME: {
		long k =
		    model_find_calendar(inst, inst->homes[pos].school_calendar);
		inst->homes[pos].calendar_idx = k < 0 ? 0 : (size_t)k;
		break;
	}
	case CHANGE_YOUTH: {
		struct model_youth *y = &inst->youths[pos];
		long k = model_find_calendar(inst, y->school_calendar);
		y->calendar_idx = k < 0 ? 0 : (size_t)k;
		free(y->homes_idx);
		y->homes_idx = y->nhomes
		    ? xcalloc(y->nhomes, sizeof(*y->homes_idx))
		    : NULL;
		for (size_t j = 0; j < y->nhomes; j++)
			y->homes_idx[j] =
			    (size_t)state_find_home(inst, y->homes[j]);
		break;
	}
	case CHANGE_SLOT:
		inst->slots[pos].home_idx =
		    (size_t)state_find_home(inst, inst->slots[pos].home);
		break;
	case CHANGE_ASSIGNMENT: {
		struct model_assignment *a = &inst->assignments[pos];
		a->slot_idx = (size_t)state_find_slot(inst, a->slot);
		a->youth_idx = (size_t)state_find_youth(inst, a->youth);
		break;
	}
	default:
		break;
	}
}

/* Opens a hole at pos in the kind's array, moving the links past it. */
static void
open_at(struct model_instance *inst, enum change_kind kind, size_t pos)
{
	switch (kind) {
	case CHANGE_HOME:
		ARR_OPEN(inst->homes, inst->nhomes, pos);
		break;
	case CHANGE_YOUTH:
		ARR_OPEN(inst->youths, inst->nyouths, pos);
		break;
	case CHANGE_SLOT:
		ARR_OPEN(inst->slots, inst->nslots, pos);
		break;
	default:
		ARR_OPEN(inst->assignments, inst->nassignments, pos);
		break;
	}
	shift_links(inst, kind, pos, 1);
}

/* Takes the entity at pos out (into *out, still owning its members). */
static void
take_out(struct model_instance *inst, enum change_kind kind, size_t pos,
    union entity *out)
{
	memset(out, 0, sizeof(*out));
	switch (kind) {
	case CHANGE_HOME:
		out->h = inst->homes[pos];
		ARR_CLOSE(inst->homes, inst->nhomes, pos);
		break;
	case CHANGE_YOUTH:
		out->y = inst->youths[pos];
		ARR_CLOSE(inst->youths, inst->nyouths, pos);
		break;
	case CHANGE_SLOT:
		out->s = inst->slots[pos];
		ARR_CLOSE(inst->slots, inst->nslots, pos);
		break;
	default:
		out->a = inst->assignments[pos];
		ARR_CLOSE(inst->assignments, inst->nassignments, pos);
		break;
	}
	shift_links(inst, kind, pos + 1, -1);
}

/* Puts e (taken over, links as they were) back at pos. */
static void
put_back(struct model_instance *inst, enum change_kind kind, size_t pos,
    union entity *e)
{
	open_at(inst, kind, pos);
	switch (kind) {
	case CHANGE_HOME:
		inst->homes[pos] = e->h;
		break;
	case CHANGE_YOUTH:
		inst->youths[pos] = e->y;
		break;
	case CHANGE_SLOT:
		inst->slots[pos] = e->s;
		break;
	default:
		inst->assignments[pos] = e->a;
		break;
	}
	memset(e, 0, sizeof(*e));
}

/* A deep copy of value into the hole at pos, linked. */
static void
copy_into(struct model_instance *inst, enum change_kind kind, size_t pos,
    const void *value)
{
	switch (kind) {
	case CHANGE_HOME:
		model_home_copy(&inst->homes[pos], value);
		break;
	case CHANGE_YOUTH:
		model_youth_copy(&inst->youths[pos], value);
		break;
	case CHANGE_SLOT:
		model_slot_copy(&inst->slots[pos], value);
		break;
	default:
		model_assignment_copy(&inst->assignments[pos], value);
		break;
	}
	link_one(inst, kind, pos);
}

/* Swaps the entity at pos with e (both owning their members). */
static void
swap_at(struct model_instance *inst, enum change_kind kind, size_t pos,
    union entity *e)
{
	union entity t;

	memset(&t, 0, sizeof(t));
	switch (kind) {
	case CHANGE_HOME:
		t.h = inst->homes[pos];
		inst->homes[pos] = e->h;
		break;
	case CHANGE_YOUTH:
		t.y = inst->youths[pos];
		inst->youths[pos] = e->y;
		break;
	case CHANGE_SLOT:
		t.s = inst->slots[pos];
		inst->slots[pos] = e->s;
		break;
	default:
		t.a = inst->assignments[pos];
		inst->assignments[pos] = e->a;
		break;
	}
	*e = t;
}

static void
entity_clear(enum change_kind kind, union entity *e)
{
	switch (kind) {
	case CHANGE_HOME:
		model_home_clear(&e->h);
		break;
	case CHANGE_YOUTH:
		model_youth_clear(&e->y);
		break;
	case CHANGE_SLOT:
		model_slot_clear(&e->s);
		break;
	default:
		model_assignment_clear(&e->a);
		break;
	}
}

/*
 * What was done, to be undone in reverse order: at most two steps (a
 * cancel's update and its replacement's insert).
 */
enum step_kind { STEP_INSERTED, STEP_REPLACED, STEP_REMOVED };
struct step {
	enum step_kind what;
	enum change_kind kind;
	size_t pos;
	union entity old; /* REPLACED, REMOVED: the entity as it was */
};
struct undo {
	struct step s[2];
	size_t n;
	bool settings, calendar;
	struct instance_settings old_settings;
	/* The calendar set before a calendar change (all of it). */
	struct change_calendars old_calendars;
};

/* Moves the instance's calendars into *out (the instance keeps none). */
static void
calendars_take(struct model_instance *inst, struct change_calendars *out)
{
	out->def = inst->school_calendar;
	out->others = inst->school_calendars;
	out->nothers = inst->nschool_calendars;
	memset(&inst->school_calendar, 0, sizeof(inst->school_calendar));
	inst->school_calendars = NULL;
	inst->nschool_calendars = 0;
}

/* Moves *in into the instance (whose calendars must be empty) and links
 * every youth and home to them again. */
static void
calendars_put(struct model_instance *inst, struct change_calendars *in)
{
	char field[64], msg[160];

	inst->school_calendar = in->def;
	inst->school_calendars = in->others;
	inst->nschool_calendars = in->nothers;
	memset(in, 0, sizeof(*in));
	/* Checked before: a calendar in use is never removed. */
	(void)model_link_calendars(
	    inst, field, sizeof(field), msg, sizeof(msg));
}

static void
calendars_clear(struct change_calendars *c)
{
	model_school_calendar_clear(&c->def);
	for (size_t i = 0; i < c->nothers; i++)
		model_school_calendar_clear(&c->others[i]);
	free(c->others);
	memset(c, 0, sizeof(*c));
}

static void
do_insert(struct model_instance *inst, struct undo *u, enum change_kind kind,
    size_t pos, const void *value)
{
	struct step *s = &u->s[u->n++];

	open_at(inst, kind, pos);
	copy_into(inst, kind, pos, value);
	s->what = STEP_INSERTED;
	s->kind = kind;
	s->pos = pos;
}

static void
do_replace(struct model_instance *inst, struct undo *u, enum change_kind kind,
    size_t pos, const void *value)
{
	struct step *s = &u->s[u->n++];
	union entity fresh;

	memset(&fresh, 0, sizeof(fresh));
	s->what = STEP_REPLACED;
	s->kind = kind;
	s->pos = pos;
	/* The old entity goes to the step; a linked copy takes its place. */
	swap_at(inst, kind, pos, &fresh);
	s->old = fresh;
	copy_into(inst, kind, pos, value);
}

static void
do_remove(struct model_instance *inst, struct undo *u, enum change_kind kind,
    size_t pos)
{
	struct step *s = &u->s[u->n++];

	s->what = STEP_REMOVED;
	s->kind = kind;
	s->pos = pos;
	take_out(inst, kind, pos, &s->old);
}

/* Puts the model back as it was before the change. */
static void
undo_all(struct model_instance *inst, struct undo *u)
{
	while (u->n > 0) {
		struct step *s = &u->s[--u->n];
		union entity gone;

		switch (s->what) {
		case STEP_INSERTED:
			take_out(inst, s->kind, s->pos, &gone);
			entity_clear(s->kind, &gone);
			break;
		case STEP_REPLACED:
			swap_at(inst, s->kind, s->pos, &s->old);
			entity_clear(s->kind, &s->old);
			break;
		case STEP_REMOVED:
			put_back(inst, s->kind, s->pos, &s->old);
			break;
		}
	}
	if (u->settings) {
		instance_settings_take(inst, &u->old_settings);
		u->settings = false;
	}
	if (u->calendar) {
		struct change_calendars now;
		calendars_take(inst, &now);
		calendars_clear(&now);
		calendars_put(inst, &u->old_calendars);
		u->calendar = false;
	}
}

/* Releases what the undo record still holds (the change stays). */
static void
undo_forget(struct undo *u)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->s[i].what != STEP_INSERTED)
			entity_clear(u->s[i].kind, &u->s[i].old);
	u->n = 0;
	if (u->settings)
		instance_settings_clear(&u->old_settings);
	if (u->calendar)
		calendars_clear(&u->old_calendars);
	u->settings = u->calendar = false;
}

int
change_calendars_make(const struct model_instance *inst, enum change_op op,
    const char *id, struct model_school_calendar *cal, bool make_default,
    struct change_calendars *out)
{
	size_t n = model_calendar_count(inst), at;
	struct model_school_calendar *all;
	long k = op == CHANGE_CREATE ? (long)n : model_find_calendar(inst, id);

	memset(out, 0, sizeof(*out));
	if (k < 0 || (op == CHANGE_DELETE && k == 0))
		return -1;
	/* Every calendar in index order, the new one last. */
	all = xcalloc(n + 1, sizeof(*all));
	for (size_t i = 0; i < n; i++)
		model_school_calendar_copy(&all[i], model_calendar_at(inst, i));
	at = (size_t)k;
	if (op == CHANGE_CREATE) {
		all[n++] = *cal;
		memset(cal, 0, sizeof(*cal));
	} else if (op == CHANGE_UPDATE) {
		char *keep = all[at].id;
		all[at].id = NULL;
		model_school_calendar_clear(&all[at]);
		all[at] = *cal;
		memset(cal, 0, sizeof(*cal));
		free(all[at].id);
		all[at].id = keep;
	} else {
		model_school_calendar_clear(&all[at]);
		memmove(&all[at], &all[at + 1], (n - at - 1) * sizeof(*all));
		n--;
		make_default = false;
	}
	if (make_default && at > 0) {
		struct model_school_calendar t = all[0];
		all[0] = all[at];
		all[at] = t;
	}
	out->def = all[0];
	out->nothers = n - 1;
	out->others = xcalloc(n, sizeof(*out->others));
	memcpy(out->others, all + 1, (n - 1) * sizeof(*all));
	free(all);
	return 0;
}

/* ---- what a change touches ---- */

static const char *
kind_name(enum change_kind kind)
{
	static const char *const names[] = {"home", "youth", "slot",
	    "assignment", "settings", "school_calendar"};
	return names[kind];
}

/* The id of entity `pos` of a kind. */
static const char *
id_at(const struct model_instance *inst, enum change_kind kind, size_t pos)
{
	switch (kind) {
	case CHANGE_HOME:
		return inst->homes[pos].id;
	case CHANGE_YOUTH:
		return inst->youths[pos].id;
	case CHANGE_SLOT:
		return inst->slots[pos].id;
	default:
		return inst->assignments[pos].id;
	}
}

static long
find_kind(
    const struct model_instance *inst, enum change_kind kind, const char *id)
{
	switch (kind) {
	case CHANGE_HOME:
		return state_find_home(inst, id);
	case CHANGE_YOUTH:
		return state_find_youth(inst, id);
	case CHANGE_SLOT:
		return state_find_slot(inst, id);
	default:
		return state_find_assignment(inst, id);
	}
}

static size_t
pos_kind(
    const struct model_instance *inst, enum change_kind kind, const char *id)
{
	switch (kind) {
	case CHANGE_HOME:
		return state_home_pos(inst, id);
	case CHANGE_YOUTH:
		return state_youth_pos(inst, id);
	case CHANGE_SLOT:
		return state_slot_pos(inst, id);
	default:
		return state_assignment_pos(inst, id);
	}
}

/* The id of a change's new value. */
static const char *
value_id(const struct change *c)
{
	switch (c->kind) {
	case CHANGE_HOME:
		return c->value.home->id;
	case CHANGE_YOUTH:
		return c->value.youth->id;
	case CHANGE_SLOT:
		return c->value.slot->id;
	case CHANGE_ASSIGNMENT:
		return c->value.assignment->id;
	default:
		return NULL;
	}
}

/* Every youth on slot s (any status): into youths. */
static void
youths_on_slot(const struct model_instance *inst, size_t s, struct ids *youths)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].slot_idx == s)
			ids_add(youths, inst->assignments[i].youth);
}

/* Every slot youth y is on (any status): into slots. */
static void
slots_of_youth(const struct model_instance *inst, size_t y, struct ids *slots)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].youth_idx == y)
			ids_add(slots, inst->assignments[i].slot);
}

/*
 * The subjects of the gate by id, from the state before the change (the
 * contract of struct rules_touch in rules.h).  For the kinds of change
 * here, the same ids name the subjects in the state after it.
 */
static void
gate_subjects(const struct model_instance *inst, const struct change *c,
    struct ids *youths, struct ids *slots)
{
	long i = c->id != NULL ? find_kind(inst, c->kind, c->id) : -1;

	switch (c->kind) {
	case CHANGE_ASSIGNMENT:
		if (i >= 0) {
			ids_add(youths, inst->assignments[i].youth);
			ids_add(slots, inst->assignments[i].slot);
		}
		if (c->value.assignment != NULL && c->op != CHANGE_DELETE &&
		    c->op != CHANGE_CANCEL) {
			ids_add(youths, c->value.assignment->youth);
			ids_add(slots, c->value.assignment->slot);
		}
		if (c->replacement != NULL) {
			ids_add(youths, c->replacement->youth);
			ids_add(slots, c->replacement->slot);
		}
		break;
	case CHANGE_YOUTH:
		if (i >= 0) {
			ids_add(youths, inst->youths[i].id);
			slots_of_youth(inst, (size_t)i, slots);
		}
		if (c->op == CHANGE_CREATE)
			ids_add(youths, c->value.youth->id);
		break;
	case CHANGE_SLOT:
		if (i >= 0) {
			ids_add(slots, inst->slots[i].id);
			youths_on_slot(inst, (size_t)i, youths);
		}
		if (c->op == CHANGE_CREATE)
			ids_add(slots, c->value.slot->id);
		break;
	case CHANGE_HOME:
		for (size_t k = 0; i >= 0 && k < inst->nslots; k++) {
			if (inst->slots[k].home_idx != (size_t)i)
				continue;
			ids_add(slots, inst->slots[k].id);
			youths_on_slot(inst, k, youths);
		}
		break;
	default:
		break;
	}
}

/* The subjects named in youths and slots, as indexes into inst. */
static void
touch_in(const struct model_instance *inst, const struct ids *youths,
    const struct ids *slots, bool all, struct rules_touch *t)
{
	long k;

	memset(t, 0, sizeof(*t));
	t->all = all;
	for (size_t i = 0; i < youths->n; i++)
		if ((k = state_find_youth(inst, youths->v[i])) >= 0)
			rules_touch_youth(t, (size_t)k);
	for (size_t i = 0; i < slots->n; i++)
		if ((k = state_find_slot(inst, slots->v[i])) >= 0)
			rules_touch_slot(t, (size_t)k);
}

static int
check_touched(const struct model_instance *inst, const struct rules_touch *t,
    struct rules_report *rep, struct rotad_error *err)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);

	if (tz == NULL || rules_check_touched(inst, tz, t, rep) == -1) {
		rotad_error_set(err, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the schedule cannot be checked: a time does not exist in "
		    "time zone '%s' or the jurisdiction is unknown",
		    inst->timezone);
		return -1;
	}
	return 0;
}

/* The feeds of slot s change: its home's and those of everyone on it. */
static void
feed_slot(const struct model_instance *inst, size_t s, struct feed_touch *ft)
{
	feed_touch_home(ft, inst->slots[s].home);
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].slot_idx == s)
			feed_touch_youth(ft, inst->assignments[i].youth);
}

static void
feed_slot_id(
    const struct model_instance *inst, const char *id, struct feed_touch *ft)
{
	long s = id != NULL ? state_find_slot(inst, id) : -1;

	if (s >= 0)
		feed_slot(inst, (size_t)s, ft);
}

/*
 * The feeds a committed change altered, from the state after it and what
 * the undo record kept of the state before.
 */
static void
feed_subjects(const struct model_instance *inst, const struct change *c,
    const struct undo *u, struct feed_touch *ft)
{
	const union entity *old =
	    u->n > 0 && u->s[0].what != STEP_INSERTED ? &u->s[0].old : NULL;
	const char *id = c->id != NULL ? c->id : value_id(c);
	long i;

	switch (c->kind) {
	case CHANGE_ASSIGNMENT:
		if (old != NULL) {
			feed_touch_youth(ft, old->a.youth);
			feed_slot_id(inst, old->a.slot, ft);
		}
		if (c->value.assignment != NULL && c->op != CHANGE_DELETE &&
		    c->op != CHANGE_CANCEL) {
			feed_touch_youth(ft, c->value.assignment->youth);
			feed_slot_id(inst, c->value.assignment->slot, ft);
		}
		if (c->replacement != NULL) {
			feed_touch_youth(ft, c->replacement->youth);
			feed_slot_id(inst, c->replacement->slot, ft);
		}
		break;
	case CHANGE_SLOT:
		if (old != NULL)
			feed_touch_home(ft, old->s.home);
		feed_slot_id(inst, id, ft);
		break;
	case CHANGE_YOUTH:
		feed_touch_youth(ft, id);
		if ((i = state_find_youth(inst, id)) >= 0)
			for (size_t k = 0; k < inst->nassignments; k++)
				if (inst->assignments[k].youth_idx == (size_t)i)
					feed_slot(inst,
					    inst->assignments[k].slot_idx, ft);
		break;
	case CHANGE_HOME:
		feed_touch_home(ft, id);
		if ((i = state_find_home(inst, id)) >= 0)
			for (size_t k = 0; k < inst->nslots; k++)
				if (inst->slots[k].home_idx == (size_t)i)
					feed_slot(inst, k, ft);
		break;
	default:
		ft->all = true;
		break;
	}
}

/* ---- checks before anything is done ---- */

static int
check_refs(const struct model_instance *inst, const struct change *c,
    struct rotad_error *err)
{
	switch (c->kind) {
	case CHANGE_HOME:
		if (c->value.home->school_calendar != NULL &&
		    model_find_calendar(inst, c->value.home->school_calendar) <
		        0) {
			rotad_error_set(err, ROTAD_ERR_UNKNOWN_REFERENCE,
			    "school_calendar", "no school calendar has id '%s'",
			    c->value.home->school_calendar);
			return -1;
		}
		return 0;
	case CHANGE_YOUTH:
		if (c->value.youth->school_calendar != NULL &&
		    model_find_calendar(inst, c->value.youth->school_calendar) <
		        0) {
			rotad_error_set(err, ROTAD_ERR_UNKNOWN_REFERENCE,
			    "school_calendar", "no school calendar has id '%s'",
			    c->value.youth->school_calendar);
			return -1;
		}
		for (size_t i = 0; i < c->value.youth->nhomes; i++) {
			if (state_find_home(inst, c->value.youth->homes[i]) <
			    0) {
				char field[48];
				snprintf(field, sizeof(field), "homes[%zu]", i);
				rotad_error_set(err,
				    ROTAD_ERR_UNKNOWN_REFERENCE, field,
				    "no home has id '%s'",
				    c->value.youth->homes[i]);
				return -1;
			}
		}
		return 0;
	case CHANGE_SLOT:
		if (state_find_home(inst, c->value.slot->home) < 0) {
			rotad_error_set(err, ROTAD_ERR_UNKNOWN_REFERENCE,
			    "home", "no home has id '%s'", c->value.slot->home);
			return -1;
		}
		return 0;
	case CHANGE_ASSIGNMENT: {
		const struct model_assignment *a[2] = {
		    c->value.assignment, c->replacement};
		for (size_t k = 0; k < 2; k++) {
			if (a[k] == NULL)
				continue;
			if (state_find_slot(inst, a[k]->slot) < 0) {
				rotad_error_set(err,
				    ROTAD_ERR_UNKNOWN_REFERENCE, "slot",
				    "no slot has id '%s'", a[k]->slot);
				return -1;
			}
			if (state_find_youth(inst, a[k]->youth) < 0) {
				rotad_error_set(err,
				    ROTAD_ERR_UNKNOWN_REFERENCE, "youth",
				    "no youth has id '%s'", a[k]->youth);
				return -1;
			}
		}
		return 0;
	}
	default:
		return 0;
	}
}

/* Every stored wall time must exist in the (new) zone. */
static int
times_exist(const struct model_instance *inst, struct rotad_error *err)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	char when[CIVIL_DATETIME_LEN];
	int64_t utc;

	for (size_t i = 0; tz != NULL && i < inst->nslots; i++) {
		const struct model_slot *s = &inst->slots[i];
		int64_t t[2] = {s->start, s->end};
		for (size_t k = 0; k < 2; k++) {
			if (tzmap_to_utc(tz, t[k], &utc) != TZMAP_GAP)
				continue;
			civil_format_datetime(t[k], when);
			rotad_error_set(err, ROTAD_ERR_INVALID_FIELD,
			    "timezone",
			    "slot '%s' has the time %s, which does not exist "
			    "in %s (a daylight-saving gap)",
			    s->id, when, inst->timezone);
			return -1;
		}
	}
	return 0;
}

/* ---- applying to the model ---- */

/* Makes the change in inst; -1 with err (nothing done) on bad input. */
static int
apply(struct model_instance *inst, const struct change *c, struct undo *u,
    struct rotad_error *err)
{
	long i = -1;

	if (c->kind == CHANGE_SETTINGS) {
		instance_settings_get(&u->old_settings, inst);
		instance_settings_take(inst, c->value.settings);
		u->settings = true;
		return 0;
	}
	if (c->kind == CHANGE_CALENDAR) {
		struct change_calendars next;
		memset(&next, 0, sizeof(next));
		if (c->op == CHANGE_REPLACE) {
			/* The default's terms, holidays and hours; it keeps
			 * its id and name unless the new one has them. */
			next.def = *c->value.calendar;
			memset(
			    c->value.calendar, 0, sizeof(*c->value.calendar));
			if (next.def.id == NULL && inst->school_calendar.id)
				next.def.id = xstrdup(inst->school_calendar.id);
			if (next.def.name == NULL && inst->school_calendar.name)
				next.def.name =
				    xstrdup(inst->school_calendar.name);
			next.nothers = inst->nschool_calendars;
			next.others =
			    xcalloc(next.nothers + 1, sizeof(*next.others));
			for (size_t k = 0; k < next.nothers; k++)
				model_school_calendar_copy(&next.others[k],
				    &inst->school_calendars[k]);
		} else {
			next = *c->value.calendars;
			memset(
			    c->value.calendars, 0, sizeof(*c->value.calendars));
		}
		calendars_take(inst, &u->old_calendars);
		calendars_put(inst, &next);
		u->calendar = true;
		return 0;
	}
	if (c->op != CHANGE_CREATE &&
	    (c->id == NULL || (i = find_kind(inst, c->kind, c->id)) < 0)) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
		    "no %s has id '%s'", kind_name(c->kind),
		    c->id ? c->id : "");
		return -1;
	}
	switch (c->op) {
	case CHANGE_CREATE: {
		const char *id = value_id(c);
		if (id == NULL || find_kind(inst, c->kind, id) >= 0) {
			rotad_error_set(err, ROTAD_ERR_CONFLICT, "id",
			    "a %s with id '%s' exists already",
			    kind_name(c->kind), id ? id : "");
			return -1;
		}
		do_insert(inst, u, c->kind, pos_kind(inst, c->kind, id),
		    (const void *)c->value.home);
		return 0;
	}
	case CHANGE_UPDATE:
		if (strcmp(value_id(c), id_at(inst, c->kind, (size_t)i)) != 0) {
			rotad_error_set(err, ROTAD_ERR_INVALID_FIELD, "id",
			    "the id of a %s cannot change", kind_name(c->kind));
			return -1;
		}
		do_replace(
		    inst, u, c->kind, (size_t)i, (const void *)c->value.home);
		return 0;
	case CHANGE_DELETE:
		do_remove(inst, u, c->kind, (size_t)i);
		return 0;
	case CHANGE_CANCEL: {
		struct model_assignment a;
		model_assignment_copy(&a, &inst->assignments[i]);
		a.status = MODEL_ASSIGNMENT_CANCELLED;
		do_replace(inst, u, CHANGE_ASSIGNMENT, (size_t)i, &a);
		model_assignment_clear(&a);
		if (c->replacement != NULL) {
			if (state_find_assignment(inst, c->replacement->id) >=
			    0) {
				undo_all(inst, u);
				rotad_error_set(err, ROTAD_ERR_CONFLICT, "id",
				    "an assignment with id '%s' exists "
				    "already",
				    c->replacement->id);
				return -1;
			}
			do_insert(inst, u, CHANGE_ASSIGNMENT,
			    state_assignment_pos(inst, c->replacement->id),
			    c->replacement);
		}
		return 0;
	}
	default:
		return 0;
	}
}

/* ---- writing to the store ---- */

/*
 * Gives the assignments on the marked slots (all of them when mark is
 * NULL and slot is the one) a new sequence number and updated_at, in the
 * model and in the store, so that calendars take the new version of
 * their events; `skip` and `skip2` (or SIZE_MAX) are left out: they get
 * their own, or are not stored yet.
 */
static int
touch_rows2(struct store *st, struct model_instance *inst, const bool *mark,
    size_t slot, size_t skip, size_t skip2, int64_t now,
    struct rotad_error *err)
{
	int64_t seq = -1;

	for (size_t i = 0; i < inst->nassignments; i++) {
		struct model_assignment *a = &inst->assignments[i];
		if (i == skip || i == skip2 ||
		    (mark != NULL ? !mark[a->slot_idx] : a->slot_idx != slot))
			continue;
		if (seq < 0 && (seq = store_next_seq(st, err)) < 0)
			return -1;
		a->seq = seq;
		a->updated_at = now;
		if (store_assignment_update(st, a, err) == -1)
			return -1;
	}
	/* The statement it replaces moved the sequence even for no rows. */
	if (seq < 0 && store_next_seq(st, err) < 0)
		return -1;
	return 0;
}

static int
touch_rows(struct store *st, struct model_instance *inst, const bool *mark,
    size_t slot, size_t skip, int64_t now, struct rotad_error *err)
{
	return touch_rows2(st, inst, mark, slot, skip, SIZE_MAX, now, err);
}

static int
touch_slot_id(struct store *st, struct model_instance *inst, const char *id,
    size_t skip, int64_t now, struct rotad_error *err)
{
	long s = state_find_slot(inst, id);

	return s < 0 ? 0
	             : touch_rows(st, inst, NULL, (size_t)s, skip, now, err);
}

/* The slots of home h, or the slots youth y is on, marked. */
static bool *
mark_slots(const struct model_instance *inst, long home, long youth)
{
	bool *mark = xcalloc(inst->nslots + 1, sizeof(*mark));

	for (size_t k = 0; home >= 0 && k < inst->nslots; k++)
		mark[k] = inst->slots[k].home_idx == (size_t)home;
	for (size_t k = 0; youth >= 0 && k < inst->nassignments; k++)
		if (inst->assignments[k].youth_idx == (size_t)youth)
			mark[inst->assignments[k].slot_idx] = true;
	return mark;
}

/* The new bookkeeping of an assignment written at pos. */
static int
stamp(struct store *st, struct model_assignment *a, bool create, int64_t now,
    struct rotad_error *err)
{
	int64_t seq = store_next_seq(st, err);

	if (seq < 0)
		return -1;
	a->seq = seq;
	a->updated_at = now;
	if (create)
		a->created_at = now;
	return create ? store_assignment_insert(st, a, err)
	              : store_assignment_update(st, a, err);
}

static int
write_assignment(struct store *st, struct model_instance *inst,
    const struct change *c, const struct undo *u, struct rotad_error *err)
{
	const struct step *s0 = &u->s[0];
	struct model_assignment *a;
	size_t pos;

	switch (c->op) {
	case CHANGE_CREATE:
		pos = s0->pos;
		a = &inst->assignments[pos];
		if (touch_slot_id(st, inst, a->slot, pos, c->now, err) == -1)
			return -1;
		return stamp(st, a, true, c->now, err);
	case CHANGE_UPDATE:
		pos = s0->pos;
		a = &inst->assignments[pos];
		if (touch_slot_id(st, inst, a->slot, pos, c->now, err) == -1)
			return -1;
		if (strcmp(s0->old.a.slot, a->slot) != 0 &&
		    touch_slot_id(st, inst, s0->old.a.slot, pos, c->now, err) ==
		        -1)
			return -1;
		return stamp(st, a, false, c->now, err);
	case CHANGE_DELETE:
		if (store_assignment_delete(st, s0->old.a.id, err) == -1)
			return -1;
		return touch_slot_id(
		    st, inst, s0->old.a.slot, SIZE_MAX, c->now, err);
	case CHANGE_CANCEL: {
		long ci = state_find_assignment(inst, c->id);
		long ri = c->replacement
		    ? state_find_assignment(inst, c->replacement->id)
		    : -1;
		if (ci < 0)
			return -1;
		if (touch_rows2(st, inst, NULL, inst->assignments[ci].slot_idx,
		        (size_t)ci, ri >= 0 ? (size_t)ri : SIZE_MAX, c->now,
		        err) == -1 ||
		    stamp(st, &inst->assignments[ci], false, c->now, err) == -1)
			return -1;
		return ri < 0
		    ? 0
		    : stamp(st, &inst->assignments[ri], true, c->now, err);
	}
	default:
		return 0;
	}
}

static int
write_entity(struct store *st, struct model_instance *inst,
    const struct change *c, const struct undo *u, struct rotad_error *err)
{
	const char *id = c->op == CHANGE_CREATE ? value_id(c) : c->id;
	long i = c->op == CHANGE_DELETE ? -1 : find_kind(inst, c->kind, id);
	bool *mark;
	int rc;

	(void)u;
	if (c->op == CHANGE_DELETE) {
		rc = c->kind == CHANGE_HOME   ? store_home_delete(st, id, err)
		    : c->kind == CHANGE_YOUTH ? store_youth_delete(st, id, err)
		                              : store_slot_delete(st, id, err);
		/* Its feed links must not open a later entity with its id. */
		return rc == -1
		    ? -1
		    : store_feed_tokens_revoke_orphans(st, c->now, err);
	}
	switch (c->kind) {
	case CHANGE_HOME:
		if (c->op == CHANGE_CREATE)
			return store_home_insert(
			    st, &inst->homes[i], c->now, err);
		if (store_home_update(st, &inst->homes[i], c->now, err) == -1)
			return -1;
		mark = mark_slots(inst, i, -1);
		break;
	case CHANGE_YOUTH:
		if (c->op == CHANGE_CREATE)
			return store_youth_insert(
			    st, &inst->youths[i], c->now, err);
		if (store_youth_update(st, &inst->youths[i], c->now, err) == -1)
			return -1;
		mark = mark_slots(inst, -1, i);
		break;
	default:
		if (c->op == CHANGE_CREATE)
			return store_slot_insert(
			    st, &inst->slots[i], c->now, err);
		if (store_slot_update(st, &inst->slots[i], c->now, err) == -1)
			return -1;
		return touch_rows(
		    st, inst, NULL, (size_t)i, SIZE_MAX, c->now, err);
	}
	/* Feeds show this entity: give its events a new version. */
	rc = touch_rows(st, inst, mark, 0, SIZE_MAX, c->now, err);
	free(mark);
	return rc;
}

static json_t *
entity_json(const struct model_instance *inst, enum change_kind kind,
    const union entity *old, long pos)
{
	switch (kind) {
	case CHANGE_HOME:
		return instance_home_to_json(old ? &old->h : &inst->homes[pos]);
	case CHANGE_YOUTH:
		return instance_youth_to_json(
		    old ? &old->y : &inst->youths[pos]);
	case CHANGE_SLOT:
		return instance_slot_to_json(old ? &old->s : &inst->slots[pos]);
	default:
		return instance_assignment_to_json(
		    old ? &old->a : &inst->assignments[pos], true);
	}
}

static json_t *
settings_json(const struct model_instance *inst)
{
	struct instance_settings s;
	json_t *j;

	instance_settings_get(&s, inst);
	j = instance_settings_to_json(&s);
	instance_settings_clear(&s);
	return j;
}

/* The audit row's before and after, and its action. */
static void
audit_of(const struct model_instance *inst, const struct change *c,
    const struct undo *u, json_t *forced, json_t **before, json_t **after,
    const char **action)
{
	const union entity *old =
	    u->n > 0 && u->s[0].what != STEP_INSERTED ? &u->s[0].old : NULL;
	long pos;

	*before = *after = NULL;
	if (c->kind == CHANGE_SETTINGS || c->kind == CHANGE_CALENDAR) {
		*action = "replace";
		if (c->kind == CHANGE_SETTINGS) {
			*before = instance_settings_to_json(&u->old_settings);
			*after =
			    forced ? json_incref(forced) : settings_json(inst);
		} else if (c->op == CHANGE_REPLACE) {
			*before = instance_school_calendar_to_json(
			    &u->old_calendars.def);
			*after = forced ? json_incref(forced)
			                : instance_school_calendar_to_json(
			                      &inst->school_calendar);
		} else {
			/* A named calendar: as it was and as it is. */
			struct model_instance was;
			long o, n = model_find_calendar(inst, c->id);
			memset(&was, 0, sizeof(was));
			was.school_calendar = u->old_calendars.def;
			was.school_calendars = u->old_calendars.others;
			was.nschool_calendars = u->old_calendars.nothers;
			o = model_find_calendar(&was, c->id);
			*action = c->op == CHANGE_CREATE ? "create"
			    : c->op == CHANGE_DELETE     ? "delete"
			                                 : "update";
			*before = o < 0
			    ? json_null()
			    : instance_named_calendar_to_json(
			          model_calendar_at(&was, (size_t)o), o == 0);
			*after = forced ? json_incref(forced)
			    : n < 0
			    ? json_null()
			    : instance_named_calendar_to_json(
			          model_calendar_at(inst, (size_t)n), n == 0);
		}
		return;
	}
	switch (c->op) {
	case CHANGE_CANCEL: {
		long r = c->replacement
		    ? state_find_assignment(inst, c->replacement->id)
		    : -1;
		*action = "cancel";
		*after = json_pack("{s:o, s:o}", "cancelled",
		    instance_assignment_to_json(
		        &inst->assignments[state_find_assignment(inst, c->id)],
		        false),
		    "replacement",
		    r >= 0 ? instance_assignment_to_json(
		                 &inst->assignments[r], false)
		           : json_null());
		return;
	}
	case CHANGE_DELETE:
		*action = "delete";
		*before = entity_json(inst, c->kind, old, -1);
		*after = forced ? json_incref(forced) : NULL;
		return;
	default:
		*action = c->op == CHANGE_CREATE ? "create" : "update";
		if (old != NULL)
			*before = entity_json(inst, c->kind, old, -1);
		pos = find_kind(inst, c->kind, value_id(c));
		*after = entity_json(inst, c->kind, NULL, pos);
		if (forced != NULL) {
			json_t *v = *after;
			*after = json_pack("{s:o, s:O}", "value", v,
			    "forced_violations", forced);
		}
		return;
	}
}

static char *
json_text(const json_t *j)
{
	return j
	    ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY)
	    : NULL;
}

static int
store_change(struct store *st, struct model_instance *inst,
    const struct change *c, const struct undo *u, json_t *forced,
    struct rotad_error *err)
{
	json_t *before = NULL, *after = NULL;
	const char *action = "update";
	char *b = NULL, *a = NULL;
	int rc = -1;

	if (store_begin(st, err) == -1)
		return -1;
	switch (c->kind) {
	case CHANGE_SETTINGS:
		rc = store_settings_replace(st, inst, err);
		break;
	case CHANGE_CALENDAR:
		rc = store_school_calendar_replace(st, inst, err);
		break;
	case CHANGE_ASSIGNMENT:
		rc = write_assignment(st, inst, c, u, err);
		break;
	default:
		rc = write_entity(st, inst, c, u, err);
		break;
	}
	if (rc == 0 && c->also != NULL)
		rc = c->also(st, c->also_arg, err);
	if (rc == 0) /* e-mail, in this transaction (notify.h) */
		rc = notify_change(st, inst, c,
		    u->n > 0 && u->s[0].what != STEP_INSERTED &&
		            c->kind == CHANGE_ASSIGNMENT
		        ? &u->s[0].old.a
		        : NULL,
		    u->n > 0 && u->s[0].what == STEP_REPLACED &&
		            c->kind == CHANGE_SLOT
		        ? &u->s[0].old.s
		        : NULL,
		    err);
	if (rc == -1)
		goto fail;
	audit_of(inst, c, u, forced, &before, &after, &action);
	if (forced != NULL && c->force_reason != NULL) {
		if (json_is_object(after))
			json_object_set_new(after, "force_reason",
			    json_string(c->force_reason));
		else
			after = json_pack("{s:o, s:s}", "forced_violations",
			    after, "force_reason", c->force_reason);
	}
	b = json_text(before);
	a = json_text(after);
	rc = store_audit(st, c->now, c->actor && c->actor[0] ? c->actor : "-",
	    action, kind_name(c->kind),
	    c->kind == CHANGE_SETTINGS ||
	            (c->kind == CHANGE_CALENDAR && c->op == CHANGE_REPLACE)
	        ? NULL
	        : (c->id ? c->id : value_id(c)),
	    b, a, err);
	if (rc == -1)
		goto fail;
	rc = store_commit(st, err);
	goto done;
fail:
	store_rollback(st);
	rc = -1;
done:
	json_decref(before);
	json_decref(after);
	free(b);
	free(a);
	return rc;
}

/* ---- the whole change ---- */

int
change_apply(struct store *st, struct model_instance *inst,
    const struct change *c, struct change_result *res, struct feed_touch *ft,
    bool *store_failed, struct rotad_error *err)
{
	struct ids youths = {0}, slots = {0};
	struct rules_touch tb, ta;
	struct rules_report rb = {0}, ra = {0};
	struct change_keys keys = {0};
	struct undo u;
	bool all = c->kind == CHANGE_SETTINGS || c->kind == CHANGE_CALENDAR;
	bool gate = c->gate;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	memset(&u, 0, sizeof(u));
	memset(&tb, 0, sizeof(tb));
	memset(&ta, 0, sizeof(ta));
	*store_failed = false;
	if (c->op != CHANGE_DELETE && check_refs(inst, c, err) == -1)
		return -1;

	/* The state before: what the touched subjects break now. */
	if (gate) {
		gate_subjects(inst, c, &youths, &slots);
		touch_in(inst, &youths, &slots, all, &tb);
		if (check_touched(inst, &tb, &rb, err) == -1)
			goto done;
		change_keys_of(&keys, inst, &rb);
	}
	if (apply(inst, c, &u, err) == -1)
		goto done;
	if (c->kind == CHANGE_SETTINGS && times_exist(inst, err) == -1)
		goto refuse;

	/* The state after: what they would break then that is new. */
	if (gate) {
		touch_in(inst, &youths, &slots, all, &ta);
		if (check_touched(inst, &ta, &ra, err) == -1)
			goto refuse;
		res->violations =
		    change_keys_fresh(&keys, inst, &ra, &res->nviolations);
		if (res->nviolations == 0) {
			json_decref(res->violations);
			res->violations = NULL;
		} else if (!c->force) {
			rotad_error_set(err, ROTAD_ERR_RULE_VIOLATION, NULL,
			    "the change would break labour-law or planning "
			    "rules; see violations (add ?force=true to "
			    "override)");
			goto refuse;
		}
	}
	if (store_change(st, inst, c, &u, res->violations, err) == -1) {
		/* The model may hold bookkeeping the store does not. */
		*store_failed = true;
		undo_forget(&u);
		goto done;
	}
	feed_subjects(inst, c, &u, ft);
	undo_forget(&u);
	rc = 0;
	goto done;
refuse:
	undo_all(inst, &u);
done:
	change_keys_free(&keys);
	rules_report_free(&rb);
	rules_report_free(&ra);
	rules_touch_free(&tb);
	rules_touch_free(&ta);
	free(youths.v);
	free(slots.v);
	return rc;
}

/* ---- a batch of many rows (change_apply_batch) ---- */

/* A set of owned strings: added to, then sorted and made unique. */
struct sset {
	char **v;
	size_t n, cap;
};

static void
sset_add(struct sset *s, const char *id)
{
	if (id == NULL)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = xstrdup(id);
}

static void
sset_finish(struct sset *s)
{
	size_t k = 0;

	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof(*s->v), cmp_str);
	for (size_t i = 1; i < s->n; i++) {
		if (strcmp(s->v[i], s->v[k]) == 0)
			free(s->v[i]);
		else
			s->v[++k] = s->v[i];
	}
	s->n = k + 1;
}

static bool
sset_has(const struct sset *s, const char *id)
{
	return id != NULL && s->n > 0 &&
	    bsearch(&id, s->v, s->n, sizeof(*s->v), cmp_str) != NULL;
}

static void
sset_free(struct sset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

struct mark_undo {
	size_t pos;
	bool old;
};

/* What a batch did, undone in reverse order. */
struct batch_undo {
	struct step *s; /* the slot edits, then the purge */
	size_t n, cap, nslot_steps;
	struct mark_undo *marks;
	size_t nmarks;
	size_t *cancelled; /* positions (before the adds) set cancelled */
	size_t ncancelled;
	struct sset added; /* ids of the added assignments */
};

static struct step *
bstep(struct batch_undo *u)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->s = xreallocarray(u->s, u->cap, sizeof(*u->s));
	}
	memset(&u->s[u->n], 0, sizeof(u->s[u->n]));
	return &u->s[u->n++];
}

static void
undo_step(struct model_instance *inst, struct step *s)
{
	union entity gone;

	switch (s->what) {
	case STEP_INSERTED:
		take_out(inst, s->kind, s->pos, &gone);
		entity_clear(s->kind, &gone);
		break;
	case STEP_REPLACED:
		swap_at(inst, s->kind, s->pos, &s->old);
		entity_clear(s->kind, &s->old);
		break;
	case STEP_REMOVED:
		put_back(inst, s->kind, s->pos, &s->old);
		break;
	}
}

/* Takes the added assignments out again (the others keep their order). */
static void
unadd(struct model_instance *inst, const struct sset *added)
{
	size_t k = 0;

	if (added->n == 0)
		return;
	for (size_t i = 0; i < inst->nassignments; i++) {
		if (sset_has(added, inst->assignments[i].id))
			model_assignment_clear(&inst->assignments[i]);
		else
			inst->assignments[k++] = inst->assignments[i];
	}
	inst->nassignments = k;
}

static void
batch_undo_all(struct model_instance *inst, struct batch_undo *u)
{
	while (u->n > u->nslot_steps)
		undo_step(inst, &u->s[--u->n]);
	unadd(inst, &u->added);
	for (size_t i = 0; i < u->ncancelled; i++)
		inst->assignments[u->cancelled[i]].status =
		    MODEL_ASSIGNMENT_ACTIVE;
	u->ncancelled = 0;
	while (u->nmarks > 0) {
		struct mark_undo *m = &u->marks[--u->nmarks];
		inst->slots[m->pos].cancelled = m->old;
	}
	while (u->n > 0)
		undo_step(inst, &u->s[--u->n]);
	u->nslot_steps = 0;
}

static void
batch_undo_free(struct batch_undo *u)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->s[i].what != STEP_INSERTED)
			entity_clear(u->s[i].kind, &u->s[i].old);
	free(u->s);
	free(u->marks);
	free(u->cancelled);
	sset_free(&u->added);
	memset(u, 0, sizeof(*u));
}

static int
cmp_assignment(const void *a, const void *b)
{
	return strcmp(((const struct model_assignment *)a)->id,
	    ((const struct model_assignment *)b)->id);
}

static int
batch_slots(struct model_instance *inst, const struct change_batch *b,
    struct batch_undo *u, struct rotad_error *err)
{
	for (size_t i = 0; i < b->nins; i++) {
		const struct model_slot *v = &b->ins[i];
		struct step *s;
		if (state_find_slot(inst, v->id) >= 0) {
			rotad_error_set(err, ROTAD_ERR_CONFLICT, "id",
			    "a slot with id '%s' exists already", v->id);
			return -1;
		}
		if (state_find_home(inst, v->home) < 0) {
			rotad_error_set(err, ROTAD_ERR_UNKNOWN_REFERENCE,
			    "home", "no home has id '%s'", v->home);
			return -1;
		}
		s = bstep(u);
		s->what = STEP_INSERTED;
		s->kind = CHANGE_SLOT;
		s->pos = state_slot_pos(inst, v->id);
		open_at(inst, CHANGE_SLOT, s->pos);
		copy_into(inst, CHANGE_SLOT, s->pos, v);
	}
	for (size_t i = 0; i < b->nupd; i++) {
		const struct model_slot *v = &b->upd[i];
		long k = state_find_slot(inst, v->id);
		union entity fresh;
		struct step *s;
		if (k < 0) {
			rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
			    "no slot has id '%s'", v->id);
			return -1;
		}
		if (state_find_home(inst, v->home) < 0) {
			rotad_error_set(err, ROTAD_ERR_UNKNOWN_REFERENCE,
			    "home", "no home has id '%s'", v->home);
			return -1;
		}
		s = bstep(u);
		s->what = STEP_REPLACED;
		s->kind = CHANGE_SLOT;
		s->pos = (size_t)k;
		memset(&fresh, 0, sizeof(fresh));
		swap_at(inst, CHANGE_SLOT, s->pos, &fresh);
		s->old = fresh;
		copy_into(inst, CHANGE_SLOT, s->pos, v);
	}
	for (size_t i = 0; i < b->ndel; i++) {
		long k = state_find_slot(inst, b->del[i]);
		struct step *s;
		if (k < 0) {
			rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
			    "no slot has id '%s'", b->del[i]);
			return -1;
		}
		for (size_t j = 0; j < inst->nassignments; j++)
			if (inst->assignments[j].slot_idx == (size_t)k) {
				rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
				    "slot '%s' has assignments", b->del[i]);
				return -1;
			}
		s = bstep(u);
		s->what = STEP_REMOVED;
		s->kind = CHANGE_SLOT;
		s->pos = (size_t)k;
		take_out(inst, CHANGE_SLOT, s->pos, &s->old);
	}
	u->nslot_steps = u->n;
	u->marks = xcalloc(b->nmarks + 1, sizeof(*u->marks));
	for (size_t i = 0; i < b->nmarks; i++) {
		long k = state_find_slot(inst, b->marks[i].slot);
		if (k < 0)
			continue;
		u->marks[u->nmarks].pos = (size_t)k;
		u->marks[u->nmarks++].old = inst->slots[k].cancelled;
		inst->slots[k].cancelled = b->marks[i].cancelled;
	}
	return 0;
}

static int
batch_assignments(struct model_instance *inst, const struct change_batch *b,
    struct batch_undo *u, struct rotad_error *err)
{
	size_t n0;

	u->cancelled = xcalloc(b->ncancel + 1, sizeof(*u->cancelled));
	for (size_t i = 0; i < b->ncancel; i++) {
		long k = state_find_assignment(inst, b->cancel[i]);
		if (k < 0 ||
		    inst->assignments[k].status != MODEL_ASSIGNMENT_ACTIVE) {
			rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
			    "assignment '%s' is no longer active",
			    b->cancel[i]);
			return -1;
		}
		inst->assignments[k].status = MODEL_ASSIGNMENT_CANCELLED;
		u->cancelled[u->ncancelled++] = (size_t)k;
	}
	for (size_t i = 0; i < b->nadd; i++) {
		const struct model_assignment *a = &b->add[i];
		if (a->id == NULL || state_find_assignment(inst, a->id) >= 0) {
			rotad_error_set(err, ROTAD_ERR_CONFLICT, "id",
			    "an assignment with id '%s' exists already",
			    a->id ? a->id : "");
			return -1;
		}
		if (state_find_slot(inst, a->slot) < 0 ||
		    state_find_youth(inst, a->youth) < 0) {
			rotad_error_set(err, ROTAD_ERR_UNKNOWN_REFERENCE,
			    state_find_slot(inst, a->slot) < 0 ? "slot"
			                                       : "youth",
			    "assignment '%s' refers to what is not there",
			    a->id);
			return -1;
		}
		sset_add(&u->added, a->id);
	}
	sset_finish(&u->added);
	if (u->added.n != b->nadd) {
		sset_free(&u->added);
		rotad_error_set(err, ROTAD_ERR_CONFLICT, "id",
		    "an assignment id is given twice");
		return -1;
	}
	if (b->nadd == 0)
		return 0;
	/* Appended, linked, then the whole array in id order again (nothing
	 * refers to an assignment by index). */
	n0 = inst->nassignments;
	inst->assignments = xreallocarray(
	    inst->assignments, n0 + b->nadd, sizeof(*inst->assignments));
	for (size_t i = 0; i < b->nadd; i++) {
		model_assignment_copy(&inst->assignments[n0 + i], &b->add[i]);
		inst->nassignments++;
		link_one(inst, CHANGE_ASSIGNMENT, n0 + i);
	}
	qsort(inst->assignments, inst->nassignments, sizeof(*inst->assignments),
	    cmp_assignment);
	return 0;
}

static int
batch_purge(struct model_instance *inst, const struct change_batch *b,
    struct batch_undo *u, struct rotad_error *err)
{
	long y = b->purge_youth ? state_find_youth(inst, b->purge_youth) : -1;
	struct step *s;

	if (b->purge_youth == NULL)
		return 0;
	if (y < 0) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
		    "no youth has id '%s'", b->purge_youth);
		return -1;
	}
	for (size_t i = inst->nassignments; i-- > 0;) {
		if (inst->assignments[i].youth_idx != (size_t)y)
			continue;
		s = bstep(u);
		s->what = STEP_REMOVED;
		s->kind = CHANGE_ASSIGNMENT;
		s->pos = i;
		take_out(inst, CHANGE_ASSIGNMENT, i, &s->old);
	}
	s = bstep(u);
	s->what = STEP_REMOVED;
	s->kind = CHANGE_YOUTH;
	s->pos = (size_t)y;
	take_out(inst, CHANGE_YOUTH, s->pos, &s->old);
	return 0;
}

/*
 * The subjects of a batch by id, in the state before it: every slot it
 * names (and the purged youth's), every youth on them or named, and
 * their homes.  The same ids name the subjects after it.
 */
static void
batch_subjects(const struct model_instance *inst, const struct change_batch *b,
    struct sset *ys, struct sset *ss, struct sset *hs)
{
	bool *mark = xcalloc(inst->nslots + 1, sizeof(*mark));
	long k,
	    py = b->purge_youth ? state_find_youth(inst, b->purge_youth) : -1;

	for (size_t i = 0; i < b->nins; i++) {
		sset_add(ss, b->ins[i].id);
		sset_add(hs, b->ins[i].home);
	}
	for (size_t i = 0; i < b->nupd; i++) {
		sset_add(ss, b->upd[i].id);
		sset_add(hs, b->upd[i].home);
		if ((k = state_find_slot(inst, b->upd[i].id)) >= 0)
			mark[k] = true;
	}
	for (size_t i = 0; i < b->ndel; i++)
		if ((k = state_find_slot(inst, b->del[i])) >= 0)
			mark[k] = true;
	for (size_t i = 0; i < b->ncancel; i++)
		if ((k = state_find_assignment(inst, b->cancel[i])) >= 0)
			mark[inst->assignments[k].slot_idx] = true;
	for (size_t i = 0; i < b->nadd; i++) {
		sset_add(ys, b->add[i].youth);
		if ((k = state_find_slot(inst, b->add[i].slot)) >= 0)
			mark[k] = true;
	}
	if (py >= 0) {
		sset_add(ys, b->purge_youth);
		for (size_t i = 0; i < inst->nassignments; i++)
			if (inst->assignments[i].youth_idx == (size_t)py)
				mark[inst->assignments[i].slot_idx] = true;
	}
	for (size_t i = 0; i < inst->nslots; i++) {
		if (!mark[i])
			continue;
		sset_add(ss, inst->slots[i].id);
		sset_add(hs, inst->slots[i].home);
	}
	for (size_t i = 0; i < inst->nassignments; i++)
		if (mark[inst->assignments[i].slot_idx])
			sset_add(ys, inst->assignments[i].youth);
	free(mark);
	sset_finish(ys);
	sset_finish(ss);
	sset_finish(hs);
}

static void
batch_touch(const struct model_instance *inst, const struct sset *ys,
    const struct sset *ss, struct rules_touch *t)
{
	long k;

	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < ys->n; i++)
		if ((k = state_find_youth(inst, ys->v[i])) >= 0)
			rules_touch_youth(t, (size_t)k);
	for (size_t i = 0; i < ss->n; i++)
		if ((k = state_find_slot(inst, ss->v[i])) >= 0)
			rules_touch_slot(t, (size_t)k);
}

static int
batch_also(struct store *st, const struct change_batch *b,
    enum change_phase phase, struct rotad_error *err)
{
	return b->also != NULL ? b->also(st, b->also_arg, phase, err) : 0;
}

/*
 * The e-mail of a batch (notify.h), in its transaction, the model as it
 * is after it: the assignments added and cancelled, and the visits whose
 * times an update moved (their times before from the undo steps).
 */
static int
batch_notify(struct store *st, const struct model_instance *inst,
    const struct change_batch *b, const struct batch_undo *u,
    struct rotad_error *err)
{
	struct notify_moved *moved = xcalloc(b->nupd + 1, sizeof(*moved));
	struct notify_batch_of nb;
	int rc;

	memset(&nb, 0, sizeof(nb));
	for (size_t i = 0; i < b->nupd; i++) {
		long k = state_find_slot(inst, b->upd[i].id);
		for (size_t j = 0; k >= 0 && j < u->nslot_steps; j++) {
			const struct step *st_ = &u->s[j];
			if (st_->what != STEP_REPLACED ||
			    st_->kind != CHANGE_SLOT ||
			    strcmp(st_->old.s.id, b->upd[i].id) != 0)
				continue;
			if (st_->old.s.start != inst->slots[k].start ||
			    st_->old.s.end != inst->slots[k].end) {
				moved[nb.nmoved].slot = inst->slots[k].id;
				moved[nb.nmoved].old_start = st_->old.s.start;
				moved[nb.nmoved++].old_end = st_->old.s.end;
			}
			break;
		}
	}
	nb.added = (const char *const *)u->added.v;
	nb.nadded = u->added.n;
	nb.cancelled = b->cancel;
	nb.ncancelled = b->ncancel;
	nb.moved = moved;
	rc = notify_batch_in_place(st, inst, &nb, b->now, err);
	free(moved);
	return rc;
}

/* The rows of a batch as the model now holds them, and its audit row. */
static int
batch_rows(struct store *st, struct model_instance *inst,
    const struct change_batch *b, const struct batch_undo *u, json_t *forced,
    struct rotad_error *err)
{
	struct sset cancelled = {0};
	bool *mark = xcalloc(inst->nslots + 1, sizeof(*mark));
	json_t *after = NULL;
	char *bt = NULL, *at = NULL;
	int64_t seq = -1;
	long k;
	int rc = -1;

	if (batch_also(st, b, CHANGE_PHASE_FIRST, err) == -1)
		goto done;
	for (size_t i = 0; i < b->nins; i++)
		if ((k = state_find_slot(inst, b->ins[i].id)) < 0 ||
		    store_slot_insert(st, &inst->slots[k], b->now, err) == -1)
			goto done;
	for (size_t i = 0; i < b->nupd; i++) {
		if ((k = state_find_slot(inst, b->upd[i].id)) < 0 ||
		    store_slot_update(st, &inst->slots[k], b->now, err) == -1)
			goto done;
		mark[k] = true;
	}
	if (batch_also(st, b, CHANGE_PHASE_SLOTS, err) == -1)
		goto done;
	for (size_t i = 0; i < b->ncancel; i++)
		sset_add(&cancelled, b->cancel[i]);
	sset_finish(&cancelled);
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (sset_has(&u->added, a->id) || sset_has(&cancelled, a->id))
			mark[a->slot_idx] = true;
	}
	/* A purged youth's active visits: the others on them are told who
	 * comes without that youth (a slot deleted with them is gone). */
	for (size_t i = u->nslot_steps; i < u->n; i++)
		if (u->s[i].what == STEP_REMOVED &&
		    u->s[i].kind == CHANGE_ASSIGNMENT &&
		    u->s[i].old.a.status == MODEL_ASSIGNMENT_ACTIVE &&
		    (k = state_find_slot(inst, u->s[i].old.a.slot)) >= 0)
			mark[k] = true;
	/* Each added and cancelled one its own version; the others on the
	 * same slots (whose events list who comes) one new version. */
	for (size_t i = 0; i < inst->nassignments; i++) {
		struct model_assignment *a = &inst->assignments[i];
		bool added = sset_has(&u->added, a->id);
		if (added || sset_has(&cancelled, a->id)) {
			if (stamp(st, a, added, b->now, err) == -1)
				goto done;
			continue;
		}
		if (!mark[a->slot_idx])
			continue;
		if (seq < 0 && (seq = store_next_seq(st, err)) < 0)
			goto done;
		a->seq = seq;
		a->updated_at = b->now;
		if (store_assignment_update(st, a, err) == -1)
			goto done;
	}
	for (size_t i = 0; i < b->ndel; i++)
		if (store_slot_delete(st, b->del[i], err) == -1)
			goto done;
	if (batch_also(st, b, CHANGE_PHASE_LAST, err) == -1 ||
	    batch_notify(st, inst, b, u, err) == -1)
		goto done;
	after = b->audit_after ? json_deep_copy(b->audit_after) : NULL;
	if (forced != NULL && json_is_object(after))
		json_object_set(after, "forced_violations", forced);
	bt = json_text(b->audit_before);
	at = json_text(after);
	rc = store_audit(st, b->now, b->actor && b->actor[0] ? b->actor : "-",
	    b->action, b->entity, b->audit_id, bt, at, err);
done:
	sset_free(&cancelled);
	free(mark);
	json_decref(after);
	free(bt);
	free(at);
	return rc;
}

int
change_apply_batch(struct store *st, struct model_instance *inst,
    const struct change_batch *b, struct change_result *res,
    struct feed_touch *ft, bool *store_failed, struct rotad_error *err)
{
	struct sset ys = {0}, ss = {0}, hs = {0};
	struct rules_touch tb, ta;
	struct rules_report rb = {0}, ra = {0};
	struct change_keys keys = {0};
	struct batch_undo u;
	bool gate = b->gate != CHANGE_GATE_NONE;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	memset(&u, 0, sizeof(u));
	memset(&tb, 0, sizeof(tb));
	memset(&ta, 0, sizeof(ta));
	*store_failed = false;
	batch_subjects(inst, b, &ys, &ss, &hs);
	if (gate) {
		batch_touch(inst, &ys, &ss, &tb);
		if (check_touched(inst, &tb, &rb, err) == -1)
			goto done;
		if (b->gate == CHANGE_GATE_NEW)
			change_keys_of(&keys, inst, &rb);
	}
	if (batch_slots(inst, b, &u, err) == -1 ||
	    batch_assignments(inst, b, &u, err) == -1 ||
	    batch_purge(inst, b, &u, err) == -1)
		goto refuse;
	if (gate) {
		batch_touch(inst, &ys, &ss, &ta);
		if (check_touched(inst, &ta, &ra, err) == -1)
			goto refuse;
		if (b->gate == CHANGE_GATE_COUNT && ra.n > rb.n) {
			rotad_error_set(err, ROTAD_ERR_RULE_VIOLATION, NULL,
			    "the change would break more rules than hold now");
			goto refuse;
		}
		if (b->gate == CHANGE_GATE_NEW) {
			res->violations = change_keys_fresh(
			    &keys, inst, &ra, &res->nviolations);
			if (res->nviolations == 0) {
				json_decref(res->violations);
				res->violations = NULL;
			} else if (!b->force) {
				rotad_error_set(err, ROTAD_ERR_RULE_VIOLATION,
				    NULL,
				    "the change would break labour-law or "
				    "planning rules; see violations (add "
				    "?force=true to override)");
				goto refuse;
			}
		}
	}
	if (store_begin(st, err) == -1) {
		*store_failed = true;
		goto done;
	}
	if (batch_rows(st, inst, b, &u, res->violations, err) == -1 ||
	    store_commit(st, err) == -1) {
		store_rollback(st);
		/* The model holds rows and bookkeeping the store does not. */
		*store_failed = true;
		goto done;
	}
	/* Every feed that shows a touched slot, youth or home. */
	if (ys.n + hs.n > FEED_CACHE_ENTRIES) {
		ft->all = true;
	} else {
		for (size_t i = 0; i < ys.n; i++)
			feed_touch_youth(ft, ys.v[i]);
		for (size_t i = 0; i < hs.n; i++)
			feed_touch_home(ft, hs.v[i]);
	}
	rc = 0;
	goto done;
refuse:
	batch_undo_all(inst, &u);
done:
	batch_undo_free(&u);
	change_keys_free(&keys);
	rules_report_free(&rb);
	rules_report_free(&ra);
	rules_touch_free(&tb);
	rules_touch_free(&ta);
	sset_free(&ys);
	sset_free(&ss);
	sset_free(&hs);
	return rc;
}
