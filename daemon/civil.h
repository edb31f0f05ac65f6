/* SPDX-License-Identifier: ISC */
/*
 * Civil (calendar) dates and wall-clock times, with no time zone.
 *
 * A date is a count of days since 1970-01-01 (negative before it).
 * A wall time is a count of minutes since 1970-01-01T00:00 on the local
 * clock: days * 1440 + minute of day.  It says nothing about the zone;
 * tzmap.h turns wall times into UTC instants and back.
 * Everything here is pure arithmetic (Howard Hinnant's civil algorithms).
 */
#ifndef ROTAD_CIVIL_H
#define ROTAD_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

#define CIVIL_MIN_PER_DAY 1440
#define CIVIL_NO_DATE     INT32_MIN /* "no date given" */

/* Weekday numbers, ISO order. */
enum civil_weekday {
	CIVIL_MON,
	CIVIL_TUE,
	CIVIL_WED,
	CIVIL_THU,
	CIVIL_FRI,
	CIVIL_SAT,
	CIVIL_SUN
};

/* Days since 1970-01-01 for a proleptic Gregorian y-m-d (no range check). */
int32_t civil_days_from_ymd(int y, int m, int d);

/* The y-m-d of a day count. */
void civil_ymd_from_days(int32_t days, int *y, int *m, int *d);

/* 1 when y-m-d names a real date (2027-02-30 does not), else 0. */
bool civil_valid_ymd(int y, int m, int d);

/* Weekday of a day count (enum civil_weekday). */
int civil_weekday(int32_t days);

/* The Monday that starts the ISO week holding days. */
int32_t civil_week_monday(int32_t days);

/* ISO 8601 week-numbering year and week (1..53) of a date. */
void civil_iso_week(int32_t days, int *iso_year, int *iso_week);

/* Easter Sunday (Gregorian) of a year, as a day count. */
int32_t civil_easter(int year);

/*
 * Age in whole years on date `on` of someone born on `birth`.  A birthday
 * counts from 00:00 on the day; a 29 February birthday counts as 1 March in
 * common years (the conservative reading: protection lasts a day longer).
 */
int civil_age_on(int32_t birth, int32_t on);

/*
 * Strict parsers.  Each returns 0 and stores the value, or -1 when the text
 * is not exactly of the form (no spaces, no trailing text) or names an
 * impossible date or time.  Years 1900..2199 only.
 *   civil_parse_date      "YYYY-MM-DD"
 *   civil_parse_hm        "HH:MM" (00:00..23:59; 24:00 too when allow_24)
 *   civil_parse_datetime  "YYYY-MM-DDTHH:MM" (minute precision)
 */
int civil_parse_date(const char *s, int32_t *days);
int civil_parse_hm(const char *s, bool allow_24, int *minute_of_day);
int civil_parse_datetime(const char *s, int64_t *wall);

/* Formatters into caller buffers; they always NUL-terminate. */
#define CIVIL_DATE_LEN     11 /* "YYYY-MM-DD" + NUL */
#define CIVIL_HM_LEN       6  /* "HH:MM" + NUL */
#define CIVIL_DATETIME_LEN 17 /* "YYYY-MM-DDTHH:MM" + NUL */
void civil_format_date(int32_t days, char buf[CIVIL_DATE_LEN]);
void civil_format_hm(int minute_of_day, char buf[CIVIL_HM_LEN]);
void civil_format_datetime(int64_t wall, char buf[CIVIL_DATETIME_LEN]);

/* Day count and minute of day of a wall time (floor division). */
int32_t civil_wall_date(int64_t wall);
int civil_wall_minute(int64_t wall);

/* English short weekday name ("Mon".."Sun") and lower-case key ("mon"). */
const char *civil_weekday_name(int wd);
const char *civil_weekday_key(int wd);

#endif /* ROTAD_CIVIL_H */
