/* SPDX-License-Identifier: ISC */
/*
 * Visit series (issue 15): the weekly pattern expanded by libical, school
 * and public holidays left out, every N weeks, and wall-clock times across
 * both daylight-saving changes of Europe/Oslo.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "civil.h"
#include "rules.h"
#include "series.h"
#include "tzmap.h"

static int32_t
D(const char *s)
{
	int32_t d;

	assert_int_equal(civil_parse_date(s, &d), 0);
	return d;
}

static bool
no_holiday(int32_t day, const void *arg)
{
	(void)arg;
	return rules_no_public_holiday(day);
}

/*
 * Osloskolen's school year 2026/27, as a calendar of terms and holidays.
 * Oslo kommune's own page ("Ferie og fridager i skolen", oslo.kommune.no)
 * was not reachable from here, so these dates are assembled from what is
 * public and stable about it: Osloskolen's autumn holiday is always ISO
 * week 40 and its winter holiday always week 8 (the schools' pages say
 * so); Easter 2027 is 28 March, and the Easter holiday runs from the
 * Monday before to 2. påskedag, as in Oslo's earlier years; Christmas
 * from Monday 21 December to 1 January; the first day 17 August 2026 and
 * the last 18 June 2027 are those of the neighbouring municipalities'
 * published 2026/27 calendars (Gjøvik, Hamar).  Check them against Oslo
 * kommune's skolerute before using them for real planning.
 */
static struct model_date_range terms[1], holidays[4];

static void
oslo_calendar(struct model_school_calendar *sc)
{
	terms[0].from = D("2026-08-17");
	terms[0].to = D("2027-06-18");
	holidays[0].from = D("2026-09-28"); /* høstferie, week 40 */
	holidays[0].to = D("2026-10-02");
	holidays[1].from = D("2026-12-21"); /* juleferie */
	holidays[1].to = D("2027-01-01");
	holidays[2].from = D("2027-02-22"); /* vinterferie, week 8 */
	holidays[2].to = D("2027-02-26");
	holidays[3].from = D("2027-03-22"); /* påskeferie */
	holidays[3].to = D("2027-03-29");
	memset(sc, 0, sizeof(*sc));
	sc->terms = terms;
	sc->nterms = 1;
	sc->holidays = holidays;
	sc->nholidays = 4;
}

static struct series
base(const char *first, const char *last, unsigned days, int hh, int mm)
{
	struct series s;

	memset(&s, 0, sizeof(s));
	s.start_minute = hh * 60 + mm;
	s.duration = 120;
	s.needed = 2;
	s.days = days;
	s.interval = 1;
	s.first = D(first);
	s.last = D(last);
	return s;
}

static const struct tzmap *
oslo(void)
{
	const struct tzmap *tz = tzmap_get("Europe/Oslo");

	assert_non_null(tz);
	return tz;
}

static void
expect_dates(
    const struct series_expansion *e, const char *const *want, size_t n)
{
	for (size_t i = 0; i < e->nocc && i < n; i++) {
		char buf[CIVIL_DATE_LEN];
		civil_format_date(e->occ[i].date, buf);
		assert_string_equal(buf, want[i]);
	}
	assert_int_equal(e->nocc, n);
}

/* Wednesdays 16:00-18:00 over the Oslo term, holidays left out. */
static void
test_oslo_term(void **state)
{
	static const char *const want[] = {"2026-08-19", "2026-08-26",
	    "2026-09-02", "2026-09-09", "2026-09-16", "2026-09-23",
	    /* 2026-09-30: høstferie */
	    "2026-10-07", "2026-10-14", "2026-10-21", "2026-10-28",
	    "2026-11-04", "2026-11-11", "2026-11-18", "2026-11-25",
	    "2026-12-02", "2026-12-09", "2026-12-16",
	    /* 2026-12-23, 2026-12-30: juleferie */
	    "2027-01-06", "2027-01-13", "2027-01-20", "2027-01-27",
	    "2027-02-03", "2027-02-10", "2027-02-17",
	    /* 2027-02-24: vinterferie */
	    "2027-03-03", "2027-03-10", "2027-03-17",
	    /* 2027-03-24: påskeferie */
	    "2027-03-31", "2027-04-07", "2027-04-14", "2027-04-21",
	    "2027-04-28", "2027-05-05", "2027-05-12", "2027-05-19",
	    "2027-05-26", "2027-06-02", "2027-06-09", "2027-06-16"
	    /* 2027-06-23, 2027-06-30: after the term (summer holiday) */};
	static const char *const skipped[] = {"2026-09-30", "2026-12-23",
	    "2026-12-30", "2027-02-24", "2027-03-24", "2027-06-23",
	    "2027-06-30"};
	struct model_school_calendar sc;
	struct series_calendar cal = {&sc, no_holiday, NULL, NULL, 0};
	struct series s =
	    base("2026-08-17", "2027-06-30", MODEL_DAY_BIT(CIVIL_WED), 16, 0);
	struct series_expansion e;
	const char *msg, *field;

	(void)state;
	oslo_calendar(&sc);
	s.skip_school_holidays = true;
	s.skip_public_holidays = true;
	assert_int_equal(series_check(&s, &field, &msg), 0);
	assert_int_equal(series_expand(&s, &cal, oslo(), &e, &msg), 0);
	expect_dates(&e, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(e.nskipped, 7);
	for (size_t i = 0; i < e.nskipped; i++) {
		char buf[CIVIL_DATE_LEN];
		civil_format_date(e.skipped[i].date, buf);
		assert_string_equal(buf, skipped[i]);
		assert_int_equal(e.skipped[i].why, SERIES_SKIP_SCHOOL_HOLIDAY);
	}
	/* Local 16:00-18:00 in summer time and in winter time alike. */
	for (size_t i = 0; i < e.nocc; i++) {
		assert_int_equal(civil_wall_minute(e.occ[i].start), 16 * 60);
		assert_int_equal(civil_wall_minute(e.occ[i].end), 18 * 60);
	}
	assert_string_equal(
	    e.rrule, "FREQ=WEEKLY;INTERVAL=1;BYDAY=WE;WKST=MO;UNTIL=20270630");
	assert_string_equal(e.exdate,
	    "20260930,20261223,20261230,20270224,20270324,20270623,20270630");
	series_expansion_clear(&e);

	/* Without skipping, every Wednesday of the pattern. */
	s.skip_school_holidays = false;
	assert_int_equal(series_expand(&s, &cal, oslo(), &e, &msg), 0);
	assert_int_equal(e.nocc, 46);
	assert_int_equal(e.nskipped, 0);
	series_expansion_clear(&e);
}

/* Mondays and Thursdays in spring: Kristi himmelfart and 17 May. */
static void
test_public_holidays(void **state)
{
	struct series_calendar cal = {NULL, no_holiday, NULL, NULL, 0};
	struct series s = base("2027-04-26", "2027-05-20",
	    MODEL_DAY_BIT(CIVIL_MON) | MODEL_DAY_BIT(CIVIL_THU), 17, 0);
	static const char *const want[] = {"2027-04-26", "2027-04-29",
	    "2027-05-03", "2027-05-10", "2027-05-13", "2027-05-20"};
	struct series_expansion e;
	const char *msg;

	(void)state;
	s.skip_public_holidays = true;
	assert_int_equal(series_expand(&s, &cal, oslo(), &e, &msg), 0);
	expect_dates(&e, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(e.nskipped, 2);
	assert_int_equal(e.skipped[0].date, D("2027-05-06"));
	assert_int_equal(e.skipped[0].why, SERIES_SKIP_PUBLIC_HOLIDAY);
	assert_int_equal(e.skipped[1].date, D("2027-05-17"));
	series_expansion_clear(&e);
}

/* Every two weeks, counted from the week of the first date. */
static void
test_every_two_weeks(void **state)
{
	struct series s = base("2026-08-17", "2026-09-30",
	    MODEL_DAY_BIT(CIVIL_TUE) | MODEL_DAY_BIT(CIVIL_THU), 16, 0);
	static const char *const want[] = {"2026-08-18", "2026-08-20",
	    "2026-09-01", "2026-09-03", "2026-09-15", "2026-09-17",
	    "2026-09-29"};
	static const char *const mondays[] = {
	    "2026-08-31", "2026-09-14", "2026-09-28"};
	struct series_expansion e;
	const char *msg;

	(void)state;
	s.interval = 2;
	assert_int_equal(series_expand(&s, NULL, oslo(), &e, &msg), 0);
	expect_dates(&e, want, sizeof(want) / sizeof(want[0]));
	assert_string_equal(e.rrule,
	    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=MO;UNTIL=20260930");
	series_expansion_clear(&e);

	/* A first date that is not itself in the pattern (a Thursday): the
	 * Monday of its week is before it, so the first is two weeks on. */
	s.days = MODEL_DAY_BIT(CIVIL_MON);
	s.first = D("2026-08-20");
	assert_int_equal(series_expand(&s, NULL, oslo(), &e, &msg), 0);
	expect_dates(&e, mondays, 3);
	series_expansion_clear(&e);
}

/* Sunday 02:30 across the spring change: 2027-03-28 has no 02:30. */
static void
test_spring_gap(void **state)
{
	struct series s =
	    base("2027-03-14", "2027-04-04", MODEL_DAY_BIT(CIVIL_SUN), 2, 30);
	static const char *const want[] = {
	    "2027-03-14", "2027-03-21", "2027-04-04"};
	struct series_expansion e;
	const char *msg;

	(void)state;
	s.duration = 60;
	assert_int_equal(series_expand(&s, NULL, oslo(), &e, &msg), 0);
	expect_dates(&e, want, 3);
	assert_int_equal(e.nskipped, 1);
	assert_int_equal(e.skipped[0].date, D("2027-03-28"));
	assert_int_equal(e.skipped[0].why, SERIES_SKIP_DST_GAP);
	assert_string_equal(series_skip_name(e.skipped[0].why), "dst_gap");
	assert_string_equal(e.exdate, "20270328");
	series_expansion_clear(&e);

	/* A visit ending in the gap (01:30 + 60 min) is skipped too. */
	s.start_minute = 90;
	assert_int_equal(series_expand(&s, NULL, oslo(), &e, &msg), 0);
	assert_int_equal(e.nocc, 3);
	assert_int_equal(e.nskipped, 1);
	assert_int_equal(e.skipped[0].why, SERIES_SKIP_DST_GAP);
	series_expansion_clear(&e);
}

/* The autumn change: 02:30 exists twice on 2026-10-25; one visit, the
 * first 02:30 (summer time, 00:30 UTC). */
static void
test_autumn_repeat(void **state)
{
	struct series s =
	    base("2026-10-18", "2026-11-01", MODEL_DAY_BIT(CIVIL_SUN), 2, 30);
	static const char *const want[] = {
	    "2026-10-18", "2026-10-25", "2026-11-01"};
	struct series_expansion e;
	int64_t utc, wall;
	const char *msg;

	(void)state;
	s.duration = 60;
	assert_int_equal(series_expand(&s, NULL, oslo(), &e, &msg), 0);
	expect_dates(&e, want, 3);
	assert_int_equal(e.nskipped, 0);
	assert_int_equal(civil_wall_minute(e.occ[1].start), 150);
	assert_int_equal(
	    tzmap_to_utc(oslo(), e.occ[1].start, &utc), TZMAP_AMBIGUOUS);
	assert_int_equal(civil_parse_datetime("2026-10-25T00:30", &wall), 0);
	assert_int_equal(utc, wall); /* 02:30 CEST = 00:30 UTC */
	series_expansion_clear(&e);
}

/* Dates deleted by hand stay out. */
static void
test_exceptions(void **state)
{
	int32_t ex[] = {0};
	struct series_calendar cal = {NULL, NULL, NULL, ex, 1};
	struct series s =
	    base("2026-10-18", "2026-11-01", MODEL_DAY_BIT(CIVIL_SUN), 12, 0);
	struct series_expansion e;
	const char *msg;

	(void)state;
	ex[0] = D("2026-10-25");
	assert_int_equal(series_expand(&s, &cal, oslo(), &e, &msg), 0);
	assert_int_equal(e.nocc, 2);
	assert_int_equal(e.skipped[0].why, SERIES_SKIP_EXCEPTION);
	series_expansion_clear(&e);
}

/* Bad values name their field. */
static void
test_check(void **state)
{
	struct series s =
	    base("2026-10-18", "2026-11-01", MODEL_DAY_BIT(CIVIL_SUN), 12, 0);
	const char *field, *msg;

	(void)state;
	assert_int_equal(series_check(&s, &field, &msg), 0);
	s.days = 0;
	assert_int_equal(series_check(&s, &field, &msg), -1);
	assert_string_equal(field, "days");
	s.days = 1;
	s.interval = 0;
	assert_int_equal(series_check(&s, &field, &msg), -1);
	assert_string_equal(field, "interval");
	s.interval = 1;
	s.last = s.first - 1;
	assert_int_equal(series_check(&s, &field, &msg), -1);
	assert_string_equal(field, "last");
	s.last = s.first + 2000;
	assert_int_equal(series_check(&s, &field, &msg), -1);
	assert_string_equal(field, "last");
	s.last = s.first;
	s.duration = 0;
	assert_int_equal(series_check(&s, &field, &msg), -1);
	assert_string_equal(field, "duration");
}

/* The longest series, every day for three years, is refused by count. */
static void
test_too_many(void **state)
{
	struct series s = base("2026-01-01", "2028-12-31", 0x7f, 12, 0);
	struct series_expansion e;
	const char *msg, *field;

	(void)state;
	assert_int_equal(series_check(&s, &field, &msg), 0);
	assert_int_equal(series_expand(&s, NULL, oslo(), &e, &msg), -1);
	assert_non_null(msg);
	assert_null(e.occ);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_oslo_term),
	    cmocka_unit_test(test_public_holidays),
	    cmocka_unit_test(test_every_two_weeks),
	    cmocka_unit_test(test_spring_gap),
	    cmocka_unit_test(test_autumn_repeat),
	    cmocka_unit_test(test_exceptions),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_too_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
