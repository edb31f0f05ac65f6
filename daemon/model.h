/* SPDX-License-Identifier: ISC */
/*
 * The planning problem as plain C data: the in-memory form of the instance
 * format (docs/instance.md).  instance_json.c reads and writes it, store.c
 * loads and saves it, and the rules engine, the solver and the feed writer
 * work on it.  Nothing here does I/O.
 *
 * Conventions: every string is owned by the struct that holds it (freed by
 * model_instance_free); dates are civil day counts and times are wall-clock
 * minutes in the instance's time zone (civil.h); arrays come with a count.
 * References between entities are by id string in the JSON form and are
 * resolved to indexes by model_instance_link() (the *_idx fields).
 */
#ifndef ROTAD_MODEL_H
#define ROTAD_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MODEL_FORMAT_VERSION 2   /* written; version 1 is still read */
#define MODEL_ID_MAX         64  /* longest id, in bytes */
#define MODEL_TEXT_MAX       500 /* longest name, address, activity */

enum model_school {
	MODEL_SCHOOL_COMPULSORY, /* grunnskole, skolepliktig */
	MODEL_SCHOOL_SECONDARY,  /* videregående */
	MODEL_SCHOOL_NONE
};

/* Days of the week as a bit set: bit civil_weekday (MON = bit 0). */
#define MODEL_DAY_BIT(wd) (1u << (wd))

struct model_weekly_window {
	unsigned days; /* MODEL_DAY_BIT set */
	int from, to;  /* minutes of day, 0 <= from < to <= 1440 */
};

/* A half-open range of wall times [start, end). */
struct model_span {
	int64_t start, end;
};

/* An inclusive range of dates [from, to]. */
struct model_date_range {
	int32_t from, to;
};

struct model_home {
	char *id;
	char *name;
	char *address; /* may be NULL */
	char *region;  /* a name; NULL: none */
	/* The calendar its series skip the school holidays of (an id; NULL:
	 * the default), resolved by model_instance_link. */
	char *school_calendar;
	size_t calendar_idx; /* model_calendar_at() index */
};

struct model_youth {
	char *id;
	char *name; /* full name; feeds show only the first word */
	int32_t birth_date;
	enum model_school school;
	int32_t guardian_consent; /* CIVIL_NO_DATE when none recorded */
	/* The guardian (issue 16, consent online): personal data, shown to
	 * coordinators only; NULL when not given. */
	char *guardian_name;
	char *guardian_email;
	char **skills;
	size_t nskills;
	struct model_weekly_window *availability;
	size_t navailability;
	struct model_span *unavailable;
	size_t nunavailable;
	struct model_span *other_work;
	size_t nother_work;
	int max_week_minutes; /* -1 when no personal cap */
	bool homes_limited;   /* true when "homes" was given */
	char **homes;         /* allowed home ids */
	size_t nhomes;
	size_t *homes_idx; /* filled by model_instance_link */
	char *language;    /* "nb", "en"; NULL: the organisation's */
	/* The school calendar the youth follows (an id; NULL: the default),
	 * resolved by model_instance_link to calendar_idx. */
	char *school_calendar;
	size_t calendar_idx; /* model_calendar_at() index */
	/* The youth's e-mail address (personal data; NULL: none), for
	 * notifications only: never in feeds or pages. */
	char *email;
};

struct model_requirement {
	char *skill;
	int count;
};

struct model_slot {
	char *id;
	char *home;
	size_t home_idx;    /* filled by model_instance_link */
	int64_t start, end; /* wall times */
	int needed;         /* >= 1 */
	char *activity;     /* may be NULL */
	int min_age;        /* 0 when none */
	struct model_requirement *requires;
	size_t nrequires;
	/* A visit taken out of its series while youths were on it (store
	 * bookkeeping, issue 15): kept so that feeds show the cancelled
	 * assignments, never planned again. */
	bool cancelled;
};

enum model_assignment_status {
	MODEL_ASSIGNMENT_ACTIVE,
	MODEL_ASSIGNMENT_CANCELLED
};

enum model_made_by { MODEL_MADE_BY_COORDINATOR, MODEL_MADE_BY_SOLVER };

struct model_assignment {
	char *id; /* may be NULL in an instance file; the store assigns one */
	char *slot;
	char *youth;
	size_t slot_idx, youth_idx; /* filled by model_instance_link */
	bool pinned;
	enum model_assignment_status status;
	/* Store bookkeeping; zero in an instance read from a file. */
	enum model_made_by made_by;
	int64_t seq;        /* grows on every change */
	int64_t created_at; /* Unix seconds */
	int64_t updated_at; /* Unix seconds */
};

/*
 * A named school calendar (skoleruta).  An instance has a default one
 * (inst->school_calendar, index 0) and any number of others
 * (inst->school_calendars, indexes 1..n); a youth or home without a
 * calendar of its own follows the default.
 */
#define MODEL_DEFAULT_CALENDAR_ID "default"

struct model_school_calendar {
	char *id;   /* NULL: MODEL_DEFAULT_CALENDAR_ID (model_calendar_id) */
	char *name; /* may be NULL */
	struct model_date_range *terms;
	size_t nterms;
	struct model_date_range *holidays;
	size_t nholidays;
	bool has_school_hours;
	int school_start, school_end; /* minutes of day */
};

enum model_option_kind {
	MODEL_OPTION_BOOL,
	MODEL_OPTION_INT,
	MODEL_OPTION_STRING
};

/* One rule_options switch as given; the rules module knows which exist. */
struct model_rule_option {
	char *name;
	enum model_option_kind kind;
	bool b;
	long i;
	char *s;
};

struct model_instance {
	int version;
	char *jurisdiction; /* "NO", "EU", "US-FLSA", "UK" */
	char *timezone;     /* IANA name */
	char *language;     /* "nb", "en"; NULL: model_language()'s default */
	struct model_rule_option *rule_options;
	size_t nrule_options;
	struct model_school_calendar school_calendar;   /* the default */
	struct model_school_calendar *school_calendars; /* the others */
	size_t nschool_calendars;
	bool public_holidays_set; /* false: the profile's own list applies */
	int32_t *public_holidays;
	size_t npublic_holidays;
	struct model_home *homes;
	size_t nhomes;
	struct model_youth *youths;
	size_t nyouths;
	struct model_slot *slots;
	size_t nslots;
	struct model_assignment *assignments;
	size_t nassignments;
	int travel_minutes; /* options.travel_minutes, default 30 */
	int seconds;        /* options.seconds, default 5 */
	/* options.claims_need_approval (issue 16): a youth's claim or swap
	 * on the youth page waits for a coordinator; default false */
	bool claims_need_approval;
	/* options.publish (issue 16): "manual" makes changes of visits and
	 * assignments drafts until published (publish.h); default false,
	 * "immediate" */
	bool publish_manual;
	/* options.mail_quiet_hours (issue 16) switched off: mail to minors
	 * also between 21:00 and 07:00; default false (quiet hours on) */
	bool mail_quiet_hours_off;
	/* options.mail_urgent_in_quiet_hours (issue 16) switched off: an
	 * urgent visits digest (mail_mime.h) waits out the quiet hours too;
	 * default false (urgent ones go) */
	bool mail_urgent_in_quiet_hours_off;
};

#define MODEL_DEFAULT_TRAVEL_MINUTES 30
#define MODEL_DEFAULT_SECONDS        5

/*
 * The instance-wide settings as one value: the body of the settings API
 * ({"jurisdiction", "timezone", "rule_options", "public_holidays",
 * "options": {"travel_minutes", "seconds"}}, read and written by
 * instance_json.h) and what a settings change swaps in and out (change.c).
 * Every member is owned.
 */
struct instance_settings {
	char *jurisdiction;
	char *timezone;
	char *language; /* NULL: the jurisdiction's (model_language_of) */
	struct model_rule_option *rule_options;
	size_t nrule_options;
	bool public_holidays_set;
	int32_t *public_holidays;
	size_t npublic_holidays;
	int travel_minutes;
	int seconds;
	bool claims_need_approval;
	bool publish_manual;
	bool mail_quiet_hours_off;
	bool mail_urgent_in_quiet_hours_off;
};

/* Deep-copies the settings of an instance into *dst (overwritten). */
void instance_settings_get(
    struct instance_settings *dst, const struct model_instance *inst);
/*
 * Moves *src into the instance (its old settings are freed); *src is left
 * empty.  The caller re-checks slots and youths if the zone changed.
 */
void instance_settings_take(
    struct model_instance *inst, struct instance_settings *src);
void instance_settings_clear(struct instance_settings *s);

/*
 * The organisation's language tag, which its home feeds and week pages
 * use: inst->language when set, else "nb" for the NO jurisdiction and
 * "en" for the others.
 */
const char *model_language(const struct model_instance *inst);

/* The same rule for a language setting (or NULL) and a jurisdiction. */
const char *model_language_of(const char *language, const char *jurisdiction);

/* The language of youth y's own feed: y->language, else the organisation's. */
const char *model_youth_language(
    const struct model_instance *inst, const struct model_youth *y);

/* A new instance with the defaults of the format (NO, Europe/Oslo). */
struct model_instance *model_instance_new(void);

/* Frees an instance and everything it owns; NULL is fine. */
void model_instance_free(struct model_instance *inst);

/* Releases the members of one entity (not the entity itself). */
void model_home_clear(struct model_home *h);
void model_youth_clear(struct model_youth *y);
void model_slot_clear(struct model_slot *s);
void model_assignment_clear(struct model_assignment *a);

void model_school_calendar_clear(struct model_school_calendar *c);
void model_school_calendar_copy(
    struct model_school_calendar *dst, const struct model_school_calendar *src);

/*
 * The calendars by index: 0 is the default (inst->school_calendar), i > 0
 * is inst->school_calendars[i - 1].  model_find_calendar returns the index
 * of the calendar with that id, or -1.  model_calendar_id is a calendar's
 * id ("default" for the default without one).
 */
size_t model_calendar_count(const struct model_instance *inst);
const struct model_school_calendar *model_calendar_at(
    const struct model_instance *inst, size_t idx);
long model_find_calendar(const struct model_instance *inst, const char *id);
const char *model_calendar_id(const struct model_school_calendar *c);
/* The calendar youth y follows / home h's series use (linked). */
const struct model_school_calendar *model_youth_calendar(
    const struct model_instance *inst, const struct model_youth *y);
const struct model_school_calendar *model_home_calendar(
    const struct model_instance *inst, const struct model_home *h);
/* How many youths and homes name calendar idx explicitly. */
void model_calendar_users(const struct model_instance *inst, size_t idx,
    size_t *youths, size_t *homes);

/* Deep copies into *dst (which is overwritten, not freed). */
void model_home_copy(struct model_home *dst, const struct model_home *src);
void model_youth_copy(struct model_youth *dst, const struct model_youth *src);
void model_slot_copy(struct model_slot *dst, const struct model_slot *src);
void model_assignment_copy(
    struct model_assignment *dst, const struct model_assignment *src);

/* A deep copy of a whole instance (links included). */
struct model_instance *model_instance_copy(const struct model_instance *src);

/*
 * Appends a deep copy of an entity to the instance's array, or removes the
 * entity at index i (freeing it; later entities move down).  Both leave
 * the *_idx links stale: call model_instance_link() afterwards.
 */
void model_add_home(struct model_instance *inst, const struct model_home *h);
void model_add_youth(struct model_instance *inst, const struct model_youth *y);
void model_add_slot(struct model_instance *inst, const struct model_slot *s);
void model_add_assignment(
    struct model_instance *inst, const struct model_assignment *a);
/* A deep copy of c as the last calendar; removing index i > 0 (not the
 * default).  Both leave calendar_idx links stale. */
void model_add_calendar(
    struct model_instance *inst, const struct model_school_calendar *c);
void model_remove_calendar(struct model_instance *inst, size_t i);
void model_remove_home(struct model_instance *inst, size_t i);
void model_remove_youth(struct model_instance *inst, size_t i);
void model_remove_slot(struct model_instance *inst, size_t i);
void model_remove_assignment(struct model_instance *inst, size_t i);

/* Index look-ups by id; return -1 when absent.  Linear unless linked. */
/* Whether the home is in the region of this name (exact). */
bool model_home_in_region(const struct model_home *h, const char *region);
long model_find_home(const struct model_instance *inst, const char *id);
long model_find_youth(const struct model_instance *inst, const char *id);
long model_find_slot(const struct model_instance *inst, const char *id);
long model_find_assignment(const struct model_instance *inst, const char *id);

/*
 * Resolves every id reference to an index (the *_idx fields).  On a
 * dangling reference it returns -1 and writes the JSON path of the bad
 * field (e.g. "slots[3].home") into `field` and a message into `msg`.
 */
int model_instance_link(struct model_instance *inst, char *field,
    size_t fieldlen, char *msg, size_t msglen);

/* The calendar part of model_instance_link: every youth's and home's
 * calendar_idx (the same errors). */
int model_link_calendars(struct model_instance *inst, char *field,
    size_t fieldlen, char *msg, size_t msglen);

/*
 * The first name in a full name, the only part of it feeds, the week page
 * and rule messages show: the first run of characters between name
 * separators (model_name_separator()), "Ida" in "Ida Nilsen" and in
 * " Ida\u3164Nilsen".  Returns a pointer into name ("" for NULL) and its
 * length in bytes in *len.
 */
const char *model_first_name(const char *name, size_t *len);

/* Length of the first name at the very start of name (up to the first
 * separator; 0 when name starts with one). */
size_t model_first_name_len(const char *name);

/*
 * Does code point c separate names: white space, a format or other
 * invisible character, or a blank filler such as U+3164 HANGUL FILLER?
 */
bool model_name_separator(uint32_t c);

#endif /* ROTAD_MODEL_H */
