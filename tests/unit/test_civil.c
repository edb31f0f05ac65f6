/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of civil.c and tzmap.c: strict date
 * and time parsing, the 29 February age rule, ISO weeks, Easter, and the
 * Europe/Oslo daylight-saving gap and overlap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "civil.h"
#include "tzmap.h"

static int32_t
D(int y, int m, int d)
{
	return civil_days_from_ymd(y, m, d);
}

static void
test_parse_date(void **state)
{
	int32_t d;

	(void)state;
	assert_int_equal(civil_parse_date("2027-01-05", &d), 0);
	assert_int_equal(d, D(2027, 1, 5));
	assert_int_equal(civil_parse_date("2028-02-29", &d), 0);
	assert_int_equal(civil_parse_date("2027-02-30", &d), -1);
	assert_int_equal(civil_parse_date("2027-02-29", &d), -1);
	assert_int_equal(civil_parse_date("2027-13-01", &d), -1);
	assert_int_equal(civil_parse_date("2027-1-05", &d), -1);
	assert_int_equal(civil_parse_date("2027-01-05 ", &d), -1);
	assert_int_equal(civil_parse_date(" 2027-01-05", &d), -1);
	assert_int_equal(civil_parse_date("", &d), -1);
	assert_false(civil_valid_ymd(2027, 2, 30));
	assert_true(civil_valid_ymd(2000, 2, 29));
	assert_false(civil_valid_ymd(1900, 2, 29));
}

static void
test_parse_time(void **state)
{
	int m;
	int64_t w;
	char buf[CIVIL_DATETIME_LEN];

	(void)state;
	assert_int_equal(civil_parse_hm("08:15", false, &m), 0);
	assert_int_equal(m, 495);
	assert_int_equal(civil_parse_hm("24:00", false, &m), -1);
	assert_int_equal(civil_parse_hm("24:00", true, &m), 0);
	assert_int_equal(m, 1440);
	assert_int_equal(civil_parse_hm("24:01", true, &m), -1);
	assert_int_equal(civil_parse_hm("12:60", false, &m), -1);
	assert_int_equal(civil_parse_datetime("2027-01-05T16:00", &w), 0);
	assert_int_equal(w, (int64_t)D(2027, 1, 5) * 1440 + 960);
	civil_format_datetime(w, buf);
	assert_string_equal(buf, "2027-01-05T16:00");
	assert_int_equal(civil_parse_datetime("2027-01-05 16:00", &w), -1);
	assert_int_equal(civil_parse_datetime("2027-02-30T16:00", &w), -1);
	assert_int_equal(civil_parse_datetime("2027-01-05T16:00:00", &w), -1);
	assert_int_equal(civil_wall_date(-1), -1);
	assert_int_equal(civil_wall_minute(-1), 1439);
}

static void
test_age(void **state)
{
	(void)state;
	/* A birthday counts from 00:00 on the day. */
	assert_int_equal(civil_age_on(D(2012, 1, 7), D(2027, 1, 6)), 14);
	assert_int_equal(civil_age_on(D(2012, 1, 7), D(2027, 1, 7)), 15);
	/* 29 February: 1 March in common years, the day itself in leap. */
	assert_int_equal(civil_age_on(D(2012, 2, 29), D(2027, 2, 28)), 14);
	assert_int_equal(civil_age_on(D(2012, 2, 29), D(2027, 3, 1)), 15);
	assert_int_equal(civil_age_on(D(2012, 2, 29), D(2028, 2, 28)), 15);
	assert_int_equal(civil_age_on(D(2012, 2, 29), D(2028, 2, 29)), 16);
}

static void
test_weeks(void **state)
{
	int y, w;

	(void)state;
	assert_int_equal(civil_weekday(D(2027, 1, 4)), CIVIL_MON);
	assert_int_equal(civil_weekday(D(2027, 3, 28)), CIVIL_SUN);
	assert_int_equal(civil_week_monday(D(2027, 1, 10)), D(2027, 1, 4));
	civil_iso_week(D(2027, 1, 1), &y, &w);
	assert_int_equal(y, 2026);
	assert_int_equal(w, 53);
	civil_iso_week(D(2027, 1, 4), &y, &w);
	assert_int_equal(y, 2027);
	assert_int_equal(w, 1);
	civil_iso_week(D(2024, 12, 30), &y, &w);
	assert_int_equal(y, 2025);
	assert_int_equal(w, 1);
	assert_string_equal(civil_weekday_name(CIVIL_TUE), "Tue");
	assert_string_equal(civil_weekday_key(CIVIL_SAT), "sat");
}

static void
test_easter(void **state)
{
	(void)state;
	assert_int_equal(civil_easter(2024), D(2024, 3, 31));
	assert_int_equal(civil_easter(2025), D(2025, 4, 20));
	assert_int_equal(civil_easter(2027), D(2027, 3, 28));
	assert_int_equal(civil_easter(2030), D(2030, 4, 21));
	assert_int_equal(civil_easter(2038), D(2038, 4, 25));
	assert_int_equal(civil_easter(2285), D(2285, 3, 22));
}

static void
test_oslo_dst(void **state)
{
	const struct tzmap *tz = tzmap_get("Europe/Oslo");
	int64_t u1, u2, wall;

	(void)state;
	assert_non_null(tz);
	/* Spring: 02:00-03:00 on 2027-03-28 does not exist. */
	wall = (int64_t)D(2027, 3, 28) * 1440 + 150;
	assert_int_equal(tzmap_to_utc(tz, wall, &u1), TZMAP_GAP);
	assert_int_equal(tzmap_to_utc(tz, wall - 31, &u1), TZMAP_OK);
	assert_int_equal(tzmap_to_utc(tz, wall + 30, &u2), TZMAP_OK);
	assert_int_equal(u2 - u1, 1); /* 01:59 -> 03:00 is one minute */
	/* The day has 23 hours. */
	tzmap_to_utc(tz, (int64_t)D(2027, 3, 28) * 1440, &u1);
	tzmap_to_utc(tz, (int64_t)D(2027, 3, 29) * 1440, &u2);
	assert_int_equal(u2 - u1, 23 * 60);
	/* Autumn: 02:30 on 2027-10-31 happens twice; the first is taken. */
	wall = (int64_t)D(2027, 10, 31) * 1440 + 150;
	assert_int_equal(tzmap_to_utc(tz, wall, &u1), TZMAP_AMBIGUOUS);
	assert_int_equal(tzmap_offset_at(tz, u1), 120);
	assert_int_equal(tzmap_to_wall(tz, u1 + 60), wall);
	tzmap_to_utc(tz, (int64_t)D(2027, 10, 31) * 1440, &u1);
	tzmap_to_utc(tz, (int64_t)D(2027, 11, 1) * 1440, &u2);
	assert_int_equal(u2 - u1, 25 * 60);
	/* Winter offset +1 h. */
	assert_int_equal(
	    tzmap_to_utc(tz, (int64_t)D(2027, 1, 5) * 1440, &u1), TZMAP_OK);
	assert_int_equal(u1, (int64_t)D(2027, 1, 5) * 1440 - 60);
	assert_null(tzmap_get("Nowhere/Nothing"));
}

static void
test_fixed(void **state)
{
	struct tzmap *tz = tzmap_new_fixed("UTC", 0);
	int64_t u;

	(void)state;
	assert_int_equal(tzmap_to_utc(tz, 1000, &u), TZMAP_OK);
	assert_int_equal(u, 1000);
	tzmap_free(tz);
	tzmap_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_date),
	    cmocka_unit_test(test_parse_time),
	    cmocka_unit_test(test_age),
	    cmocka_unit_test(test_weeks),
	    cmocka_unit_test(test_easter),
	    cmocka_unit_test(test_oslo_dst),
	    cmocka_unit_test(test_fixed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
