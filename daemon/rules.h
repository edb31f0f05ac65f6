/* SPDX-License-Identifier: ISC */
/*
 * The rules engine: checks a linked instance's active assignments against
 * the labour-law profile of its jurisdiction (shared/reference/
 * youth-labour-law.md) and against rota's own hard rules (docs/product.md).
 * Pure: libc and our headers only, no I/O, no globals but const tables.
 *
 * Three ways in:
 *   - rules_check_instance() / rules_check_youth(): the full check, giving
 *     a report of every violation (rotad check, GET /violations).
 *   - rules_check_touched(): the part of the full report that concerns the
 *     subjects a change touches (the API's "what would this change
 *     break"), at a cost that grows with them, not with the organisation.
 *   - rules_ctx + rules_youth_state + rules_may_add(): the solver's
 *     incremental question "may this youth also take slot S", answered from
 *     the shifts near S only and without allocating.  It agrees with the
 *     full check: from a state with no violation for the youth, may_add is
 *     true exactly when the full check of the instance with that assignment
 *     added reports no violation whose youth is that youth.
 *
 * Violations of the slot-level rules ROTA-requires and ROTA-overfilled
 * carry youth_idx -1: they depend on the whole set of youths on a slot and
 * are not part of rules_may_add().
 */
#ifndef ROTAD_RULES_H
#define ROTAD_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct model_instance;
struct tzmap;

#define RULES_MESSAGE_MAX 512
#define RULES_MAX_SLOTS   8 /* slots listed per violation, at most */

struct rules_violation {
	const char *rule_id;   /* static string, e.g. "NO-AML-11-2-2a-day" */
	const char *reference; /* static string, e.g. "AML § 11-2 (2) a" */
	char message[RULES_MESSAGE_MAX];  /* first name only, in the language
	                                     of the thread that checked */
	long youth_idx;                   /* -1 when the rule is per slot */
	size_t slot_idx[RULES_MAX_SLOTS]; /* slots involved (first ones) */
	size_t nslots;
	int32_t day;  /* local date concerned, or CIVIL_NO_DATE */
	int32_t week; /* first day of the week concerned (a Monday, or the
	                 US-FLSA workweek start), or CIVIL_NO_DATE */
	size_t nslots_total; /* slots involved, listed or not (>= nslots) */
	size_t pairs;        /* ROTA-overlap: the pairs of shifts it groups (one
	                        violation per youth, day and kind); 0 otherwise */
};

/* A growing list of violations; zero-initialise, release with _free. */
struct rules_report {
	struct rules_violation *v;
	size_t n, cap;
};

/* Frees the list (not the struct) and zeroes it; NULL is fine. */
void rules_report_free(struct rules_report *rep);

/* Number of violations whose rule id is `rule_id`. */
size_t rules_report_count(const struct rules_report *rep, const char *rule_id);

/*
 * Checks every active (not cancelled) assignment of a linked instance
 * (model_instance_link() called) against every rule of its profile and
 * every product rule, appending violations to `out` (which must be
 * zero-initialised or hold earlier results).  `tz` is the instance's zone.
 * Returns 0, or -1 for impossible input (an unknown jurisdiction, or a
 * slot or other_work time in a daylight-saving gap); `out` is then left
 * as it was.
 */
int rules_check_instance(const struct model_instance *inst,
    const struct tzmap *tz, struct rules_report *out);

/*
 * Like rules_check_instance() for one youth: the violations whose youth is
 * `youth_idx`, plus the slot-level ones of the slots that youth is on.
 */
int rules_check_youth(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth_idx, struct rules_report *out);

/*
 * The subjects a change touches, for the labour-law gate: the youths whose
 * shifts, birth date, availability, skills or other work change, and the
 * slots whose time, `needed`, `requires` or set of youths change.  Indexes
 * into one linked instance, kept sorted and unique; `all` asks for the
 * full check (a change of the school calendar, rule options, public
 * holidays, travel time, time zone or jurisdiction touches everyone).
 * Zero-initialise, release with _free.
 *
 * Which subjects a change touches (the gate's contract):
 *   - an assignment added, changed (its youth, slot or status), removed
 *     or cancelled: its youth and its slot, before and after;
 *   - a youth created, changed or deleted: the youth and every slot it is
 *     on (its active assignments);
 *   - a slot created, changed or deleted: the slot and every youth on it;
 *   - a home changed or deleted: the slots of the home and their youths.
 * A deleted subject takes its assignments with it, and the subjects it
 * was linked to are touched although the state after no longer links
 * them: find the subjects in the state before the change and in the
 * state after (where each exists), and check the same subjects, by id,
 * in both states (a subject one state lacks is left out of its check).
 * Then the violations rules_check_touched() reports after and not before
 * are exactly those rules_check_instance() reports after and not before
 * (tests/unit/test_rules_touched.c checks this on random changes).
 */
struct rules_touch {
	bool all;
	size_t *youths, nyouths, capy;
	size_t *slots, nslots, caps;
};
void rules_touch_youth(struct rules_touch *t, size_t youth_idx);
void rules_touch_slot(struct rules_touch *t, size_t slot_idx);
void rules_touch_free(struct rules_touch *t);

/*
 * The contract above, per kind of change, in one linked instance (each
 * reads the assignments once):
 *   - rules_touch_assignment(): assignment a_idx's youth and slot;
 *   - rules_touch_youth_all(): the youth and the slots of its active
 *     assignments;
 *   - rules_touch_slot_all(): the slot and the youths of its active
 *     assignments;
 *   - rules_touch_home_all(): the slots of home home_idx and the youths
 *     of their active assignments.
 */
void rules_touch_assignment(
    struct rules_touch *t, const struct model_instance *inst, size_t a_idx);
void rules_touch_youth_all(
    struct rules_touch *t, const struct model_instance *inst, size_t youth_idx);
void rules_touch_slot_all(
    struct rules_touch *t, const struct model_instance *inst, size_t slot_idx);
void rules_touch_home_all(
    struct rules_touch *t, const struct model_instance *inst, size_t home_idx);

/*
 * Adds to t the subjects of `from` (indexes into inst_from) as indexes
 * into inst_to, found by id; a subject inst_to lacks is left out.  The
 * gate's "the same subjects in both states": touch in each state, then
 * add each set, mapped, to the other.  O(1) a subject when an entry was
 * added at the end or one removed, linear in the array otherwise.
 */
void rules_touch_map(struct rules_touch *t,
    const struct model_instance *inst_to, const struct rules_touch *from,
    const struct model_instance *inst_from);

/*
 * The violations rules_check_instance() reports that concern the touched
 * subjects: the per-youth violations of the touched youths and the
 * slot-level ones (youth_idx -1) of the touched slots, in the order of
 * the full report; the full check when t->all.  The cost grows with the
 * touched subjects' shifts, plus one pass over the assignments: about
 * 30 us for one youth and one slot at the nation preset (20,000 youths),
 * where the full check takes 20-25 ms (docs/benchmarks.md).  Returns 0,
 * or -1 for an index out of range or for impossible input as
 * rules_check_instance() finds it, but looking only at what it checks:
 * an unknown jurisdiction, or a time of a touched youth's shifts or other
 * work or of a touched slot in a daylight-saving gap (an untouched
 * subject's times are not looked at; the store holds no such time).
 */
int rules_check_touched(const struct model_instance *inst,
    const struct tzmap *tz, const struct rules_touch *t,
    struct rules_report *out);

/*
 * The incremental interface.  A context holds what the rules need about
 * the instance (profile rows with the switches applied, day calendar,
 * every slot's real start and end); it borrows inst and tz, which must
 * outlive it and not change (assignments aside).  NULL on impossible input,
 * with a reason in err.
 */
struct rules_ctx;
struct rules_ctx *rules_ctx_new(const struct model_instance *inst,
    const struct tzmap *tz, char *err, size_t errlen);
void rules_ctx_free(struct rules_ctx *ctx);

/*
 * One youth's current shifts (its assignments and other_work).
 * rules_youth_state_new() loads the youth's active assignments from the
 * instance; rules_youth_state_new_empty() starts from other_work only.
 * A state must not be used by two threads at once (rules_may_add uses a
 * scratch buffer inside it).
 */
struct rules_youth_state;
struct rules_youth_state *rules_youth_state_new(
    const struct rules_ctx *ctx, size_t youth_idx);
struct rules_youth_state *rules_youth_state_new_empty(
    const struct rules_ctx *ctx, size_t youth_idx);
void rules_youth_state_free(struct rules_youth_state *st);

/* May the youth also take slot_idx?  No allocation. */
bool rules_may_add(const struct rules_ctx *ctx,
    const struct rules_youth_state *st, size_t slot_idx);

/*
 * May the youth give slot_idx up?  Fewer shifts can break a rule: the
 * break rules count a gap between visits of one work day as the break,
 * so removing the early visit of 06:00-08:00, 10:00-12:30, 12:30-15:00
 * leaves 5 h without one.  From a state with no violation for the youth,
 * true exactly when the full check without that assignment reports none
 * for the youth.  False when the slot is not in the state.  No
 * allocation.
 */
bool rules_may_remove(const struct rules_ctx *ctx,
    const struct rules_youth_state *st, size_t slot_idx);

/*
 * True when the state as a whole breaks no per-youth rule: the full
 * check's answer for the youth, without a report.  No allocation.
 */
bool rules_youth_state_ok(
    const struct rules_ctx *ctx, const struct rules_youth_state *st);

/* The same as a report: every per-youth violation of the state, appended
 * to out (zero-initialised or holding earlier results). */
void rules_youth_state_report(const struct rules_ctx *ctx,
    const struct rules_youth_state *st, struct rules_report *out);

/* Adds or removes a slot in the state; -1 when already in / not in it. */
int rules_youth_state_add(
    const struct rules_ctx *ctx, struct rules_youth_state *st, size_t slot_idx);
int rules_youth_state_remove(struct rules_youth_state *st, size_t slot_idx);

/* Number of shifts in the state (assignments + other_work). */
size_t rules_youth_state_count(const struct rules_youth_state *st);

/*
 * The profile tables.  A profile is a list of age/school categories and a
 * list of rows; each row is one evaluable rule with its id and legal
 * reference, for the categories in its `cats` bit set.  Adding a
 * jurisdiction means adding a table in rules_profiles.c (and its switches
 * in rules_options.c).
 */
enum rules_school_cond {
	RULES_SCHOOL_ANY,
	RULES_SCHOOL_COMPULSORY,
	RULES_SCHOOL_NOT_COMPULSORY
};

struct rules_category {
	const char *name; /* "child", "youth", ... (for docs and messages) */
	unsigned bit;     /* the bit rows use for it (several entries may
	                     share one) */
	int min_age, max_age; /* inclusive */
	enum rules_school_cond school;
	const char *max_age_opt; /* int switch: max_age = value - 1 */
};

enum rules_kind {
	RULES_K_MIN_AGE,          /* no shift at all in this category */
	RULES_K_CONSENT,          /* shift before guardian consent */
	RULES_K_LESSON,           /* minutes inside lesson hours */
	RULES_K_DAY_CAP,          /* minutes per calendar day (cond: day) */
	RULES_K_WEEK_CAP,         /* minutes per calendar week (cond: week) */
	RULES_K_ROLL_CAP,         /* minutes per rolling window of a minutes */
	RULES_K_NIGHT,            /* minutes inside wall window [a, b) */
	RULES_K_NIGHT_OFF,        /* NO §11-3(2): band [a, b) + gap >= limit */
	RULES_K_REST,             /* rest >= limit in every window of a */
	RULES_K_BREAK_ONE,        /* one break >= limit when work > a */
	RULES_K_BREAK_TOTAL,      /* breaks >= limit in total when work >= a */
	RULES_K_SUNDAY_WORK,      /* any Sunday/holiday work */
	RULES_K_SUNDAY_ROTATION,  /* next Sunday/holiday period off */
	RULES_K_SUNDAY_AVERAGING, /* 26-week averaging + every 4th Sunday */
	RULES_K_SUMMER_FREE,      /* limit consecutive free summer days */
	RULES_K_NIGHT_GAP,        /* NIGHT_OFF's gap >= limit around the band
	                             [a, b) only; minutes inside the band are
	                             another row's (NO §12-9(g)) */
	RULES_K_HOLIDAY_FREE,     /* limit work-free school-holiday days per
	                             calendar year (NO §11-5(4), A15) */
	RULES_K_HOLIDAY_RUN       /* limit consecutive work-free days in some
	                             school holiday of each calendar year
	                             (UK CYPA s.18(1)(j)) */
};

enum rules_cond {
	RULES_C_ANY,
	RULES_C_SCHOOL_DAY,        /* day caps: a school day */
	RULES_C_NONSCHOOL_DAY,     /* day caps: not a school day */
	RULES_C_SUNDAY,            /* day caps: a Sunday */
	RULES_C_NONSCHOOL_NOT_SUN, /* day caps: neither school day nor Sunday */
	RULES_C_LESSON_WEEK,       /* day/week caps: week has a school day */
	RULES_C_LESSONFREE_WEEK,   /* day/week caps: week has none */
	RULES_C_BEFORE_SCHOOL      /* day caps: a school day, counting only
	                              the minutes before lessons start (UK) */
};

enum rules_season {
	RULES_SEASON_ANY,
	RULES_SEASON_US_SUMMER, /* 1 June through Labor Day */
	RULES_SEASON_NOT_US_SUMMER
};

struct rules_row {
	const char *id;
	const char *reference;
	unsigned cats; /* bit set of category bits (1u << bit) */
	enum rules_kind kind;
	enum rules_cond cond;
	int limit;                /* minutes (days for SUMMER_FREE) */
	int a, b;                 /* see enum rules_kind */
	const char *when_on;      /* applies only when this switch is true */
	const char *unless_on[2]; /* ... and not when one of these is */
	const char *limit_opt;    /* int switch overriding limit */
	int limit_scale;          /* limit = switch value * scale */
	const char *window_opt;   /* string switch "HH:MM-HH:MM" for [a, b) */
	enum rules_season season;
	const char *who;  /* "a child", "a young worker", ... (a description
	                     of the row; messages are in rules.c) */
	const char *what; /* what the limit is about (likewise) */
};

/*
 * A4: where a youth's compulsory-school status (the categories'
 * RULES_SCHOOL_COMPULSORY / _NOT_COMPULSORY) comes from.
 */
enum rules_compulsory_source {
	RULES_COMPULSORY_STORED,      /* the youth's `school` field */
	RULES_COMPULSORY_LEAVING_DATE /* the date of birth and the profile's
	                                 leaving rule, whatever `school` says */
};

/*
 * RULES_COMPULSORY_LEAVING_DATE: a person is of compulsory school age up to
 * and including the last `weekday` of `month` of the school year (which
 * starts on the 1st of `year_start_month`) in which they reach `age`.
 * England and Wales: {16, 9, 6, CIVIL_FRI}, the last Friday in June.
 */
struct rules_leaving_rule {
	int age;
	int year_start_month; /* 1-12 */
	int month;            /* 1-12 */
	int weekday;          /* enum civil_weekday */
};

struct rules_profile {
	const char *jurisdiction;
	const char *name;
	const struct rules_category *cats;
	size_t ncats;
	const struct rules_row *rows;
	size_t nrows;
	bool sunday_periods; /* NO §10-10(1) periods (1/17 May, 15:00 eves) */
	bool us_workweek;    /* weeks start on the week_start switch */
	bool consent_rule;   /* guardian_consent is checked (NO) */
	/* The profile's own public holidays (when the instance gives none):
	 * true when `day` is one.  NULL for none. */
	bool (*is_public_holiday)(int32_t day);
	enum rules_compulsory_source compulsory; /* A4 */
	struct rules_leaving_rule leaving; /* RULES_COMPULSORY_LEAVING_DATE */
	/* Lesson-hour rows use the school district's session hours for every
	 * youth, whatever the youth's own `school` field (US: 29 CFR
	 * 570.35(b)(1), A5); otherwise they skip `school: none`. */
	bool district_school_hours;
};

/* The profile of a jurisdiction code, or NULL. */
const struct rules_profile *rules_profile_find(const char *jurisdiction);

/*
 * The last day of compulsory school age under a leaving rule for someone
 * born on birth_date (a 29 February birthday counts as 1 March in common
 * years, A3).
 */
int32_t rules_leaving_date(
    const struct rules_leaving_rule *lr, int32_t birth_date);

/* Norway's public holidays (helligdager + 1 and 17 May) for any year. */
bool rules_no_public_holiday(int32_t day);

/*
 * The limits panel (GET /api/v1/youths/{id}/limits): the calendar caps of
 * the profile (RULES_K_DAY_CAP, RULES_K_WEEK_CAP rows, switches applied)
 * that apply to the youth of `st` on the local date `day` -- the day caps
 * of that day and the week caps of its week -- with the state's minutes
 * counted exactly as the rule counts them.  A cap applies when the row's
 * condition holds that day or week and the youth is in one of its
 * categories then (or a shift counted in it started in one), as the full
 * check decides.  Writes at most `max` caps in row order; returns how many
 * apply.
 */
struct rules_cap {
	const struct rules_row *row; /* id, reference, who, what */
	int limit;                   /* minutes, switches applied */
	bool week;                   /* a week cap; else a day cap */
	int32_t period;              /* the day, or the week's first day */
	int64_t minutes; /* the state's minutes as the rule counts them */
};
size_t rules_caps_on(const struct rules_ctx *ctx,
    const struct rules_youth_state *st, int32_t day, struct rules_cap *out,
    size_t max);

/*
 * The limits that protect youth `youth_idx` on the local date `day` (the
 * guardian's consent page, issue 16): every row of the profile, switches
 * applied, whose categories hold the youth's category on that day (age
 * and compulsory-school status as the full check decides them), in row
 * order, with the effective limit and window.  Writes at most `max`;
 * returns how many apply (0 for a youth in no category).
 */
struct rules_limit {
	const struct rules_row *row; /* id, reference, kind, cond */
	int limit;                   /* minutes (days), switches applied */
	int a, b;                    /* the row's a, b (windows applied) */
};
size_t rules_limits_of(const struct rules_ctx *ctx, size_t youth_idx,
    int32_t day, struct rules_limit *out, size_t max);

#endif /* ROTAD_RULES_H */
