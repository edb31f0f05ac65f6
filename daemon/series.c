/* SPDX-License-Identifier: ISC */
/*
 * This file contains the pure part of visit series: checks, the RRULE of a
 * series, and its expansion into occurrences with the dates it leaves out
 * (school holidays, public holidays, daylight-saving gaps, dates deleted
 * by hand).  The weekly pattern is expanded by libical (series_ical.c);
 * everything else is arithmetic on civil.h and tzmap.h data.
 */
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "i18n.h"
#include "sbuf.h"
#include "series.h"
#include "xmalloc.h"

void
series_clear(struct series *s)
{
	free(s->id);
	free(s->home);
	free(s->activity);
	for (size_t i = 0; i < s->nrequires; i++)
		free(s->requires[i].skill);
	free(s->requires);
	memset(s, 0, sizeof(*s));
}

void
series_copy(struct series *dst, const struct series *src)
{
	*dst = *src;
	dst->id = src->id ? xstrdup(src->id) : NULL;
	dst->home = src->home ? xstrdup(src->home) : NULL;
	dst->activity = src->activity ? xstrdup(src->activity) : NULL;
	dst->requires = NULL;
	if (src->nrequires > 0) {
		dst->requires = xcalloc(src->nrequires, sizeof(*dst->requires));
		for (size_t i = 0; i < src->nrequires; i++) {
			dst->requires[i].skill =
			    xstrdup(src->requires[i].skill);
			dst->requires[i].count = src->requires[i].count;
		}
	}
}

void
series_expansion_clear(struct series_expansion *e)
{
	free(e->occ);
	free(e->skipped);
	free(e->rrule);
	free(e->exdate);
	memset(e, 0, sizeof(*e));
}

int
series_check(const struct series *s, const char **field, const char **msg)
{
	*field = NULL;
	*msg = NULL;
	if (s->start_minute < 0 || s->start_minute >= CIVIL_MIN_PER_DAY) {
		*field = "time";
		*msg = N_("time must be a local time of day (HH:MM)");
	} else if (s->duration < 1 || s->duration > CIVIL_MIN_PER_DAY) {
		*field = "duration";
		*msg = N_("duration must be from 1 to 1440 minutes");
	} else if (s->needed < 1) {
		*field = "needed";
		*msg = N_("needed must be at least 1");
	} else if (s->min_age < 0) {
		*field = "min_age";
		*msg = N_("min_age cannot be negative");
	} else if ((s->days & 0x7fu) == 0 || (s->days & ~0x7fu) != 0) {
		*field = "days";
		*msg = N_("days must name at least one day of the week");
	} else if (s->interval < 1 || s->interval > SERIES_MAX_INTERVAL) {
		*field = "interval";
		*msg = N_("interval must be a number of weeks from 1 to 52");
	} else if (s->first == CIVIL_NO_DATE) {
		*field = "first";
		*msg = N_("first must be a date (YYYY-MM-DD)");
	} else if (s->last == CIVIL_NO_DATE || s->last < s->first) {
		*field = "last";
		*msg = N_("last must be a date on or after first");
	} else if (s->last - s->first > SERIES_MAX_DAYS) {
		*field = "last";
		*msg = N_("a series may last at most three years");
	}
	return *field == NULL ? 0 : -1;
}

const char *
series_skip_name(enum series_skip_reason why)
{
	switch (why) {
	case SERIES_SKIP_SCHOOL_HOLIDAY:
		return "school_holiday";
	case SERIES_SKIP_PUBLIC_HOLIDAY:
		return "public_holiday";
	case SERIES_SKIP_DST_GAP:
		return "dst_gap";
	case SERIES_SKIP_EXCEPTION:
		return "exception";
	}
	return "?";
}

char *
series_rrule(const struct series *s)
{
	static const char *const byday[] = {
	    "MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	struct sbuf b = {0};
	bool any = false;
	int y, m, d;

	sbuf_addf(&b, "FREQ=WEEKLY;INTERVAL=%d;BYDAY=", s->interval);
	for (int wd = CIVIL_MON; wd <= CIVIL_SUN; wd++) {
		if ((s->days & MODEL_DAY_BIT(wd)) == 0)
			continue;
		sbuf_addf(&b, "%s%s", any ? "," : "", byday[wd]);
		any = true;
	}
	/* Weeks run Monday to Sunday, as in ISO 8601 and in Norway. */
	civil_ymd_from_days(s->last, &y, &m, &d);
	sbuf_addf(&b, ";WKST=MO;UNTIL=%04d%02d%02d", y, m, d);
	return sbuf_take(&b);
}

static bool
in_ranges(const struct model_date_range *r, size_t n, int32_t day)
{
	for (size_t i = 0; i < n; i++)
		if (day >= r[i].from && day <= r[i].to)
			return true;
	return false;
}

/* A school holiday: a holiday range, or outside every term given. */
static bool
school_holiday(const struct series_calendar *cal, int32_t day)
{
	const struct model_school_calendar *sc = cal->school;

	if (sc == NULL)
		return false;
	if (in_ranges(sc->holidays, sc->nholidays, day))
		return true;
	return sc->nterms > 0 && !in_ranges(sc->terms, sc->nterms, day);
}

static bool
is_exception(const struct series_calendar *cal, int32_t day)
{
	for (size_t i = 0; i < cal->nexceptions; i++)
		if (cal->exceptions[i] == day)
			return true;
	return false;
}

/* Why a pattern date is left out, or -1 when it is kept. */
static int
skip_reason(const struct series *s, const struct series_calendar *cal,
    const struct tzmap *tz, int32_t day)
{
	int64_t start = (int64_t)day * CIVIL_MIN_PER_DAY + s->start_minute;
	int64_t utc;

	if (cal != NULL && is_exception(cal, day))
		return SERIES_SKIP_EXCEPTION;
	if (s->skip_public_holidays && cal != NULL &&
	    cal->is_public_holiday != NULL &&
	    cal->is_public_holiday(day, cal->arg))
		return SERIES_SKIP_PUBLIC_HOLIDAY;
	if (s->skip_school_holidays && cal != NULL && school_holiday(cal, day))
		return SERIES_SKIP_SCHOOL_HOLIDAY;
	if (tzmap_to_utc(tz, start, &utc) == TZMAP_GAP ||
	    tzmap_to_utc(tz, start + s->duration, &utc) == TZMAP_GAP)
		return SERIES_SKIP_DST_GAP;
	return -1;
}

int
series_expand(const struct series *s, const struct series_calendar *cal,
    const struct tzmap *tz, struct series_expansion *out, const char **msg)
{
	int32_t *dates = NULL, *ex = NULL;
	size_t nex = 0;
	long n;

	memset(out, 0, sizeof(*out));
	*msg = NULL;
	if (tz == NULL) {
		*msg = N_("the time zone is unknown");
		return -1;
	}
	out->rrule = series_rrule(s);
	/* Room for every pattern date of the longest series, then a check. */
	n = series_ical_dates(
	    out->rrule, s->first, s->last, (size_t)SERIES_MAX_DAYS + 1, &dates);
	if (n < 0) {
		*msg = N_("the weekly pattern could not be expanded");
		series_expansion_clear(out);
		return -1;
	}
	out->occ = xcalloc((size_t)n + 1, sizeof(*out->occ));
	out->skipped = xcalloc((size_t)n + 1, sizeof(*out->skipped));
	ex = xcalloc((size_t)n + 1, sizeof(*ex));
	for (long i = 0; i < n; i++) {
		int32_t day = dates[i];
		int why;

		/*
		 * RFC 5545 makes DTSTART the first instance even when it does
		 * not match the rule; a series' first date is only a bound.
		 */
		if ((s->days & MODEL_DAY_BIT(civil_weekday(day))) == 0)
			continue;
		if ((why = skip_reason(s, cal, tz, day)) >= 0) {
			out->skipped[out->nskipped].date = day;
			out->skipped[out->nskipped].why =
			    (enum series_skip_reason)why;
			out->nskipped++;
			ex[nex++] = day;
			continue;
		}
		out->occ[out->nocc].date = day;
		out->occ[out->nocc].start =
		    (int64_t)day * CIVIL_MIN_PER_DAY + s->start_minute;
		out->occ[out->nocc].end =
		    out->occ[out->nocc].start + s->duration;
		out->nocc++;
	}
	free(dates);
	out->exdate = series_ical_date_list(ex, nex);
	free(ex);
	if (out->nocc > SERIES_MAX_OCCURRENCES) {
		*msg = N_("a series may have at most 1000 visits");
		series_expansion_clear(out);
		return -1;
	}
	return 0;
}
