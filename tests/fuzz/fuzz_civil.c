/* SPDX-License-Identifier: ISC */
/*
 * This file contains the fuzz target for dates and times (daemon/civil.c
 * and the zone arithmetic of daemon/tzmap.c): the strict parsers of
 * "YYYY-MM-DD", "HH:MM" and "YYYY-MM-DDTHH:MM".  Oracles: whatever parses
 * formats back to the same text (the parsers accept exactly one spelling),
 * a parsed date is a real one, and a local time that exists exactly once
 * in Europe/Oslo (or America/New_York) maps to UTC and back to itself.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "fuzz.h"
#include "tzmap.h"

#define FUZZ_MAX_INPUT 64

static void
fail(const char *what, const char *s)
{
	fprintf(stderr, "%s: '%s'\n", what, s);
	abort();
}

static void
check_zone(const char *zone, int64_t wall, const char *s)
{
	const struct tzmap *tz = tzmap_get(zone);
	int64_t utc;

	if (tz == NULL)
		return;
	switch (tzmap_to_utc(tz, wall, &utc)) {
	case TZMAP_OK:
	case TZMAP_AMBIGUOUS:
		if (tzmap_to_wall(tz, utc) != wall)
			fail("wall -> utc -> wall differs", s);
		break;
	case TZMAP_GAP:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[FUZZ_MAX_INPUT + 1];
	char out[CIVIL_DATETIME_LEN];
	int32_t days;
	int64_t wall;
	int minute, y, m, d;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	if (civil_parse_date(s, &days) == 0) {
		civil_format_date(days, out);
		if (strcmp(out, s) != 0)
			fail("date does not format back", s);
		civil_ymd_from_days(days, &y, &m, &d);
		if (!civil_valid_ymd(y, m, d) ||
		    civil_days_from_ymd(y, m, d) != days)
			fail("date is not a real one", s);
		(void)civil_iso_week(days, &y, &m);
		(void)civil_week_monday(days);
		(void)civil_age_on(days, days + 365 * 18);
	}
	if (civil_parse_hm(s, false, &minute) == 0) {
		civil_format_hm(minute, out);
		if (strcmp(out, s) != 0 || minute < 0 ||
		    minute >= CIVIL_MIN_PER_DAY)
			fail("time does not format back", s);
	}
	if (civil_parse_hm(s, true, &minute) == 0 &&
	    (minute < 0 || minute > CIVIL_MIN_PER_DAY))
		fail("time out of range", s);
	if (civil_parse_datetime(s, &wall) == 0) {
		civil_format_datetime(wall, out);
		if (strcmp(out, s) != 0)
			fail("date-time does not format back", s);
		if (civil_wall_minute(wall) < 0 ||
		    civil_wall_minute(wall) >= CIVIL_MIN_PER_DAY)
			fail("minute of day out of range", s);
		check_zone("Europe/Oslo", wall, s);
		check_zone("America/New_York", wall, s);
	}
	return 0;
}
