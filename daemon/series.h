/* SPDX-License-Identifier: ISC */
/*
 * Visit series (issue 15): "Solheim, every Wednesday 16:00-18:00, two
 * youths, quiz, all term except the holidays".  A series is a pattern; it
 * generates ordinary slots, so the rules, the solver, feeds and pages stay
 * as they are.  This module is pure: it validates a series and expands it
 * to its occurrences (dates and local wall-clock times), saying which
 * dates of the pattern were left out and why.  No HTTP, no SQL; the
 * weekly recurrence itself is libical's (series_ical.c).
 *
 * Times are wall-clock in the home's zone: a 16:00 visit is at 16:00 on
 * the home's clock on every date, summer and winter.  Two wall times do
 * not exist once or at all around a daylight-saving change:
 *  - a start or end inside the spring gap (02:00-03:00 in Oslo on the last
 *    Sunday of March): that date is skipped and reported (SERIES_SKIP_DST_GAP).
 *    RFC 5545 section 3.3.5 would read such a time with the offset before
 *    the gap, i.e. move the visit to 03:30; we do not, because a visit is
 *    agreed with a home for a time of day, rota refuses a time in the gap
 *    for every hand-made slot, and a visit silently moved by an hour may
 *    change what the labour law allows (night work).  The coordinator is
 *    told and can add a one-off slot.
 *  - a time in the repeated autumn hour is the first of the two (the
 *    summer-time one), as everywhere else in rota (tzmap_to_utc).
 */
#ifndef ROTAD_SERIES_H
#define ROTAD_SERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "tzmap.h"

#define SERIES_MAX_INTERVAL 52   /* every N weeks, N at most a year */
#define SERIES_MAX_DAYS     1100 /* first..last at most about three years */
#define SERIES_MAX_OCCURRENCES                                                 \
	1000 /* a bound on what one request may generate */

struct series {
	char *id;
	char *home;
	char *activity;   /* may be NULL */
	int start_minute; /* local time of day, 0..1439 */
	int duration;     /* minutes, 1..1440 */
	int needed;       /* >= 1 */
	int min_age;      /* 0 when none */
	struct model_requirement *requires;
	size_t nrequires;
	unsigned days; /* MODEL_DAY_BIT set, not empty */
	int interval;  /* every N weeks, 1..SERIES_MAX_INTERVAL */
	int32_t first; /* first date (the weeks count from its week) */
	int32_t last;  /* last date, inclusive */
	bool skip_school_holidays;
	bool skip_public_holidays;
};

/* What a series' dates are checked against. */
struct series_calendar {
	/* School holidays; when nterms > 0, a date outside every term is a
	 * holiday too (the summer holiday lies between two terms). */
	const struct model_school_calendar *school;
	/* Public holidays of the jurisdiction; NULL for none. */
	bool (*is_public_holiday)(int32_t day, const void *arg);
	const void *arg;
	/* Dates taken out of the series by hand (deleted occurrences). */
	const int32_t *exceptions;
	size_t nexceptions;
};

enum series_skip_reason {
	SERIES_SKIP_SCHOOL_HOLIDAY,
	SERIES_SKIP_PUBLIC_HOLIDAY,
	SERIES_SKIP_DST_GAP,
	SERIES_SKIP_EXCEPTION
};

struct series_occurrence {
	int32_t date;
	int64_t start, end; /* wall times */
};

struct series_skipped {
	int32_t date;
	enum series_skip_reason why;
};

struct series_expansion {
	struct series_occurrence *occ;
	size_t nocc;
	struct series_skipped *skipped;
	size_t nskipped;
	char *rrule;  /* the RRULE it was expanded from */
	char *exdate; /* the dates left out, as an EXDATE value, or "" */
};

/* Releases the members of a series / an expansion. */
void series_clear(struct series *s);
void series_copy(struct series *dst, const struct series *src);
void series_expansion_clear(struct series_expansion *e);

/*
 * Checks a series' values; returns 0, or -1 with the name of the bad field
 * ("days", "interval", "last" ...) and a message (English, translatable
 * by the caller through N_ strings it passes on).
 */
int series_check(const struct series *s, const char **field, const char **msg);

/*
 * Expands a checked series into its occurrences, in date order, and the
 * pattern dates it left out.  Returns 0, or -1 with msg set (no zone, too
 * many occurrences, libical refused the rule).
 */
int series_expand(const struct series *s, const struct series_calendar *cal,
    const struct tzmap *tz, struct series_expansion *out, const char **msg);

/* "school_holiday", "public_holiday", "dst_gap", "exception". */
const char *series_skip_name(enum series_skip_reason why);

/*
 * The RRULE of a series: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=MO;
 * UNTIL=20270618".  Returns a new string.
 */
char *series_rrule(const struct series *s);

/*
 * The dates of a weekly RRULE from `first` (its DTSTART, a DATE) to
 * `last`, expanded by libical (series_ical.c).  Returns the number of
 * dates stored in *dates (a new array), or -1 when libical refuses the
 * rule or there are more than `max`.
 */
long series_ical_dates(const char *rrule, int32_t first, int32_t last,
    size_t max, int32_t **dates);

/* "20260819,20261223" form of a date list (EXDATE;VALUE=DATE). */
char *series_ical_date_list(const int32_t *dates, size_t n);

#endif /* ROTAD_SERIES_H */
