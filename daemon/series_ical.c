/* SPDX-License-Identifier: ISC */
/*
 * This file contains the part of the visit series that asks libical: the
 * dates of a weekly RRULE (icalrecur_iterator, RFC 5545 section 3.3.10),
 * and the EXDATE text of the dates left out.  Dates only: the wall-clock
 * times and the daylight-saving questions are series.c's, on tzmap data,
 * so that no libical zone handling is involved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "civil.h"
#include "sbuf.h"
#include "series.h"
#include "xmalloc.h"

long
series_ical_dates(
    const char *rrule, int32_t first, int32_t last, size_t max, int32_t **dates)
{
	struct icalrecurrencetype recur;
	struct icaltimetype start, t;
	icalrecur_iterator *it;
	size_t n = 0, cap = 0;
	int y, m, d;

	*dates = NULL;
	icalerror_clear_errno();
	recur = icalrecurrencetype_from_string(rrule);
	if (recur.freq != ICAL_WEEKLY_RECURRENCE || icalerrno != ICAL_NO_ERROR)
		return -1;
	/*
	 * UNTIL is ours to apply (day > last below): libical compares a DATE
	 * UNTIL with a DATE-TIME start as if the day ended at its midnight,
	 * and would drop the last date.
	 */
	recur.until = icaltime_null_time();
	/*
	 * DTSTART on the Monday of the first date's week: RFC 5545 counts
	 * INTERVAL weeks from the week holding DTSTART, and a DTSTART that is
	 * itself no occurrence would otherwise be one (and libical 3.0 counts
	 * from the first matching day instead).  Dates before `first` are
	 * dropped below.
	 */
	civil_ymd_from_days(civil_week_monday(first), &y, &m, &d);
	start = icaltime_null_time();
	start.year = y;
	start.month = m;
	start.day = d;
	if ((it = icalrecur_iterator_new(recur, start)) == NULL)
		return -1;
	for (t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
	     t = icalrecur_iterator_next(it)) {
		int32_t day = civil_days_from_ymd(t.year, t.month, t.day);

		if (day > last)
			break;
		if (day < first)
			continue;
		if (n == max) {
			icalrecur_iterator_free(it);
			free(*dates);
			*dates = NULL;
			return -1;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			*dates = xreallocarray(*dates, cap, sizeof(**dates));
		}
		(*dates)[n++] = day;
	}
	icalrecur_iterator_free(it);
	return (long)n;
}

char *
series_ical_date_list(const int32_t *dates, size_t n)
{
	struct sbuf b = {0};

	sbuf_adds(&b, "");
	for (size_t i = 0; i < n; i++) {
		struct icaltimetype t = icaltime_null_date();
		int y, m, d;

		civil_ymd_from_days(dates[i], &y, &m, &d);
		t.year = y;
		t.month = m;
		t.day = d;
		if (i > 0)
			sbuf_adds(&b, ",");
		sbuf_adds(&b, icaltime_as_ical_string(t));
	}
	return sbuf_take(&b);
}
