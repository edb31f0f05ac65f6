/* SPDX-License-Identifier: ISC */
/*
 * One change to the organisation, applied to the loaded model and to the
 * store together: create, update or delete of a home, youth, slot or
 * assignment; a cancel with its refill; the settings; the school calendar.
 *
 * change_apply() makes the change in the linked instance in place (keeping
 * every array in id order and every index link right), runs the
 * labour-law gate on what it touches, writes the same rows in one SQLite
 * transaction with its audit row, and on a refusal or a failed write
 * leaves the model as it was (an undo of what it did; the caller reloads
 * the state only after a store error).  No copy of the whole model is
 * made.
 *
 * The gate: the subjects the change touches (struct rules_touch, by the
 * contract in rules.h) are named by id before the change, looked up in
 * the state before and after, and rules_check_touched() checks both; the
 * violations the after state has that the before state had not (compared
 * by violation key, as a multiset) are new.  New violations refuse the
 * change (ROTAD_ERR_RULE_VIOLATION with the list in the result), unless
 * forced, when the audit row records them.
 */
#ifndef ROTAD_CHANGE_H
#define ROTAD_CHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "model.h"

struct store;
struct feed_touch;

/*
 * The whole set of school calendars after a change of a named one
 * (CHANGE_CALENDAR with CREATE, UPDATE or DELETE, `id` the calendar's):
 * the default and the others, owned; change_apply() takes them over.
 */
struct change_calendars {
	struct model_school_calendar def;
	struct model_school_calendar *others;
	size_t nothers;
};
struct rules_report;
struct instance_settings;

enum change_kind {
	CHANGE_HOME,
	CHANGE_YOUTH,
	CHANGE_SLOT,
	CHANGE_ASSIGNMENT,
	CHANGE_SETTINGS,
	CHANGE_CALENDAR
};

enum change_op {
	CHANGE_CREATE,
	CHANGE_UPDATE, /* the entity `id` becomes `value` (same id) */
	CHANGE_DELETE,
	CHANGE_CANCEL, /* an assignment cancelled, `replacement` put on */
	CHANGE_REPLACE /* settings, school calendar */
};

struct change {
	enum change_kind kind;
	enum change_op op;
	const char *id; /* update, delete, cancel: the entity's id */
	/* create, update: the new entity (copied; its *_idx are ignored) */
	union {
		const struct model_home *home;
		const struct model_youth *youth;
		const struct model_slot *slot;
		const struct model_assignment *assignment;
		struct instance_settings *settings;     /* taken over */
		struct model_school_calendar *calendar; /* REPLACE: default */
		struct change_calendars *calendars;     /* taken over */
	} value;
	/* cancel: the youth put on in the same transaction, or NULL */
	const struct model_assignment *replacement;
	bool gate;  /* pass the labour-law gate (false for facts: cancels) */
	bool force; /* let new violations through, recorded in the audit */
	/*
	 * Why a person forced it (the web app asks for it): kept in the
	 * audit row beside the forced violations, or NULL.
	 */
	const char *force_reason;
	const char *actor;
	int64_t now; /* Unix seconds */
	/*
	 * More rows written in the change's own transaction, after its rows
	 * and before its audit row (a youth's request carried out with it,
	 * requests.c), or NULL.  -1 with err set rolls the whole change back.
	 */
	int (*also)(struct store *st, void *arg, struct rotad_error *err);
	void *also_arg;
};

struct change_result {
	/*
	 * Refused (ROTAD_ERR_RULE_VIOLATION) or forced: the new violations,
	 * the first RULES_JSON_LIST_MAX as JSON, and how many in all.
	 */
	json_t *violations;
	size_t nviolations;
};

/*
 * Applies c to inst (the loaded, linked instance) and to st in one
 * transaction with its audit row.  Returns 0 when committed; then `ft`
 * (zero-initialised by the caller) names the feeds it changed.  Returns -1
 * with err set otherwise: NOT_FOUND, CONFLICT, UNKNOWN_REFERENCE,
 * INVALID_FIELD (bad input, nothing done), RULE_VIOLATION (refused by the
 * gate, the list in res), or a store error.  *store_failed tells the
 * last kind apart: the transaction failed, so the model may no longer
 * match the store and must be reloaded.  Release res with
 * change_result_clear().
 */
int change_apply(struct store *st, struct model_instance *inst,
    const struct change *c, struct change_result *res, struct feed_touch *ft,
    bool *store_failed, struct rotad_error *err);

void change_result_clear(struct change_result *res);

/*
 * Many rows at once, from one description, made in the model in place and
 * written in one transaction with one audit row (change_apply_batch):
 * slots inserted, updated (their assignments' events get a new version)
 * and deleted (nothing on them), assignments cancelled (active ones, by
 * id) and added (ids given), and a youth purged with her assignments.
 * They are made in that order; the three `also` phases write the rows of
 * their owner (a series, the anonymous hours of a purge) around them.
 * The arrays are the caller's; ids point into them or anywhere that
 * lives as long as the call.
 */
enum change_gate {
	CHANGE_GATE_NONE,
	/* New violations (by key, as change_apply) refuse unless forced. */
	CHANGE_GATE_NEW,
	/*
	 * Refused when the touched subjects break more rules after than
	 * before: a full check's count compared (a schedule run applied).
	 */
	CHANGE_GATE_COUNT
};

enum change_phase {
	CHANGE_PHASE_FIRST, /* before every row of the batch */
	CHANGE_PHASE_SLOTS, /* after the slot inserts and updates */
	CHANGE_PHASE_LAST   /* after every row, before the audit row */
};

struct change_slot_mark {
	const char *slot;
	bool cancelled; /* model_slot's `cancelled` (a series' bookkeeping) */
};

struct change_batch {
	const struct model_slot *ins, *upd;
	size_t nins, nupd;
	const char *const *del;
	size_t ndel;
	const struct change_slot_mark *marks;
	size_t nmarks;
	const char *const *cancel;
	size_t ncancel;
	const struct model_assignment *add;
	size_t nadd;
	const char *purge_youth; /* or NULL */
	enum change_gate gate;
	bool force;
	const char *actor;
	int64_t now;
	/* The audit row; forced violations are added to an object `after`. */
	const char *action, *entity, *audit_id;
	const json_t *audit_before, *audit_after;
	int (*also)(struct store *st, void *arg, enum change_phase phase,
	    struct rotad_error *err);
	void *also_arg;
};

/*
 * Applies b to inst and to st like change_apply() (the same results, the
 * same undo on a refusal).  A refused CHANGE_GATE_COUNT batch has no list
 * in res.
 */
int change_apply_batch(struct store *st, struct model_instance *inst,
    const struct change_batch *b, struct change_result *res,
    struct feed_touch *ft, bool *store_failed, struct rotad_error *err);

/*
 * The calendar set of inst after one change of a named calendar, for
 * CHANGE_CALENDAR: CREATE appends *cal (taken over), UPDATE replaces the
 * terms, holidays, hours and name of calendar `id` with *cal's (taken
 * over), DELETE removes calendar `id` (never the default).  With
 * make_default the created or updated calendar becomes the default and
 * the old default one of the others.  Returns -1 when `id` is not there
 * (or is the default, for DELETE); *out is then empty.
 */
int change_calendars_make(const struct model_instance *inst, enum change_op op,
    const char *id, struct model_school_calendar *cal, bool make_default,
    struct change_calendars *out);

/*
 * The violation keys of a report, to tell new violations from old ones
 * across two states whose arrays differ: rule, youth id, day, week, slot
 * ids (listed ones and how many in all), the pairs a grouped overlap
 * counts.  Keys are made from inst as it is when they are made.
 */
struct change_keys {
	char **k;
	bool *used;
	size_t n;
};
void change_keys_of(struct change_keys *ks, const struct model_instance *inst,
    const struct rules_report *rep);
/*
 * The violations of `rep` (on inst) whose keys are not among ks (each key
 * of ks matches once): the first RULES_JSON_LIST_MAX as a JSON array, and
 * how many in all in *n.
 */
json_t *change_keys_fresh(struct change_keys *ks,
    const struct model_instance *inst, const struct rules_report *rep,
    size_t *n);
void change_keys_free(struct change_keys *ks);

#endif /* ROTAD_CHANGE_H */
