/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of daemon/textfmt.c: dates, times and
 * hours in English and in Norwegian bokmål (from the catalog built from
 * po/nb.po), switched per thread with i18n_use().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "civil.h"
#include "i18n.h"
#include "textfmt.h"

static int
setup(void **state)
{
	char missing[256];

	(void)state;
	i18n_init(ROTA_TEST_LOCALEDIR, missing, sizeof(missing));
	if (missing[0] != '\0') {
		fprintf(stderr,
		    "Norwegian needs %s (scripts/deps.sh generates it)\n",
		    missing);
		return -1;
	}
	return 0;
}

static void
test_dates(void **state)
{
	/* 2026-12-14 is a Monday; 2027-05-17 a Monday too. */
	int32_t d = civil_days_from_ymd(2026, 12, 14);
	int32_t may = civil_days_from_ymd(2027, 5, 17);
	char buf[TEXTFMT_MAX];

	(void)state;
	i18n_use(I18N_EN);
	assert_string_equal(
	    textfmt_date_long(d, buf, sizeof(buf)), "Monday 14 December");
	assert_string_equal(
	    textfmt_date_year(d, buf, sizeof(buf)), "14 December 2026");
	assert_string_equal(
	    textfmt_date_short(d, buf, sizeof(buf)), "Mon 14/12");
	assert_string_equal(
	    textfmt_date_long(may, buf, sizeof(buf)), "Monday 17 May");
	i18n_use(I18N_NB);
	assert_string_equal(
	    textfmt_date_long(d, buf, sizeof(buf)), "mandag 14. desember");
	assert_string_equal(
	    textfmt_date_year(d, buf, sizeof(buf)), "14. desember 2026");
	assert_string_equal(
	    textfmt_date_short(d, buf, sizeof(buf)), "man. 14.12.");
	assert_string_equal(
	    textfmt_date_long(may, buf, sizeof(buf)), "mandag 17. mai");
	assert_string_equal(textfmt_weekday(CIVIL_SUN), "søndag");
	assert_string_equal(textfmt_month(2), "februar");
	i18n_use(I18N_EN);
}

static void
test_hours(void **state)
{
	static const struct {
		int64_t min;
		const char *en, *nb;
	} cases[] = {
	    {0, "0 h", "0 t"},
	    {150, "2.5 h", "2,5 t"},
	    {180, "3 h", "3 t"},
	    {30, "0.5 h", "0,5 t"},
	    {45, "45 min", "45 min"},
	    {80, "1 h 20 min", "1 t 20 min"},
	    {-90, "-1.5 h", "-1,5 t"},
	};
	char buf[TEXTFMT_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		i18n_use(I18N_EN);
		assert_string_equal(
		    textfmt_hours(cases[i].min, buf, sizeof(buf)), cases[i].en);
		i18n_use(I18N_NB);
		assert_string_equal(
		    textfmt_hours(cases[i].min, buf, sizeof(buf)), cases[i].nb);
	}
	i18n_use(I18N_EN);
}

static void
test_time_and_truncation(void **state)
{
	char buf[TEXTFMT_MAX], tiny[6];

	(void)state;
	assert_string_equal(textfmt_time(16 * 60, buf, sizeof(buf)), "16:00");
	assert_string_equal(textfmt_time(24 * 60, buf, sizeof(buf)), "24:00");
	assert_string_equal(
	    textfmt_time(7 * 60 + 5, buf, sizeof(buf)), "07:05");
	i18n_use(I18N_EN);
	/* Truncated, terminated. */
	textfmt_date_long(
	    civil_days_from_ymd(2026, 12, 14), tiny, sizeof(tiny));
	assert_string_equal(tiny, "Monda");
	assert_string_equal(textfmt_weekday(9), "?");
	assert_string_equal(textfmt_month(0), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_hours),
	    cmocka_unit_test(test_time_and_truncation),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
