/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the client's client/lang.c: the
 * choice of language from LANGUAGE, LC_ALL, LC_MESSAGES and LANG (the
 * gettext order), and dates, numbers and hours in English and bokmål
 * with the words from the catalog (issue 13).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "civil.h"
#include "lang.h"

static void
test_choose(void **state)
{
	(void)state;
	/* Nothing set, or C: English. */
	assert_int_equal(lang_choose(NULL, NULL, NULL, NULL), LANG_EN);
	assert_int_equal(lang_choose("", "", "", ""), LANG_EN);
	assert_int_equal(lang_choose(NULL, NULL, NULL, "C"), LANG_EN);
	/* The first set of LC_ALL, LC_MESSAGES, LANG decides. */
	assert_int_equal(lang_choose(NULL, NULL, NULL, "nb_NO.UTF-8"), LANG_NB);
	assert_int_equal(lang_choose(NULL, NULL, NULL, "no_NO"), LANG_NB);
	assert_int_equal(lang_choose(NULL, NULL, NULL, "nn_NO.utf8"), LANG_NB);
	assert_int_equal(
	    lang_choose(NULL, "en_US.UTF-8", NULL, "nb_NO.UTF-8"), LANG_EN);
	assert_int_equal(
	    lang_choose(NULL, NULL, "nb_NO.UTF-8", "en_GB.UTF-8"), LANG_NB);
	assert_int_equal(
	    lang_choose(NULL, "", "", "nb_NO.UTF-8@euro"), LANG_NB);
	/* A language rota has not: English. */
	assert_int_equal(lang_choose(NULL, NULL, NULL, "sv_SE.UTF-8"), LANG_EN);
	/* LANGUAGE, a list, goes first: its first language rota has. */
	assert_int_equal(lang_choose("nb", "en_US.UTF-8", NULL, NULL), LANG_NB);
	assert_int_equal(
	    lang_choose("sv:nb:en", NULL, NULL, "C.UTF-8"), LANG_NB);
	assert_int_equal(
	    lang_choose("en:nb", NULL, NULL, "nb_NO.UTF-8"), LANG_EN);
	assert_int_equal(lang_choose("de", NULL, NULL, "nb_NO.UTF-8"), LANG_EN);
	/* ... except in the C locale, as gettext (C.UTF-8 is not it). */
	assert_int_equal(lang_choose("nb", "C", NULL, NULL), LANG_EN);
	assert_int_equal(lang_choose("nb", NULL, NULL, "POSIX"), LANG_EN);
	assert_int_equal(lang_choose("nb", NULL, NULL, NULL), LANG_EN);
	assert_int_equal(lang_choose("nb", "C.UTF-8", NULL, NULL), LANG_NB);
	/* Not "nbx" nor "english". */
	assert_int_equal(lang_choose(NULL, NULL, NULL, "nbx_NO"), LANG_EN);
}

static void
check_date(int y, int m, int d, int this_year, const char *want)
{
	char *got = lang_date_dup(civil_days_from_ymd(y, m, d), this_year);

	assert_string_equal(got, want);
	free(got);
}

static void
check_str(char *got, const char *want)
{
	assert_string_equal(got, want);
	free(got);
}

static void
test_english(void **state)
{
	(void)state;
	lang_set(LANG_EN, ROTA_TEST_LOCALEDIR);
	assert_string_equal(lang_tag(), "en");
	check_date(2026, 12, 14, 2026, "Monday 14 December");
	check_date(2027, 12, 14, 2026, "Tuesday 14 December 2027");
	check_date(2027, 1, 3, 2027, "Sunday 3 January");
	check_str(lang_date_text_dup("2027-05-17", 2027), "Monday 17 May");
	check_str(lang_date_text_dup("2027-05-17T16:00", 2027),
	    "Monday 17 MayT16:00");
	check_str(lang_date_text_dup("soon", 2027), "soon");
	check_str(lang_date_text_dup("2027-02-30", 2027), "2027-02-30");
	check_str(lang_number_dup(2.5, 2), "2.5");
	check_str(lang_number_dup(2.0, 2), "2");
	check_str(lang_number_dup(1.0 / 3.0, 2), "0.33");
	check_str(lang_number_dup(-0.001, 2), "0");
	check_str(lang_hours_dup(150), "2.5 h");
	check_str(lang_hours_dup(0), "0 h");
	check_str(lang_hours_dup(105), "1.75 h");
	check_str(lang_hours_dup(100), "1.67 h");
	check_str(lang_hours_dup(600), "10 h");
}

static void
test_norwegian(void **state)
{
	(void)state;
	/* From the build tree's catalog, whatever locales the system has. */
	lang_set(LANG_NB, ROTA_TEST_LOCALEDIR);
	assert_string_equal(lang_tag(), "nb");
	check_date(2026, 12, 14, 2026, "mandag 14. desember");
	check_date(2027, 12, 14, 2026, "tirsdag 14. desember 2027");
	check_date(2027, 1, 2, 2027, "lørdag 2. januar");
	check_date(2027, 5, 17, 2027, "mandag 17. mai");
	check_date(2027, 6, 20, 2027, "søndag 20. juni");
	check_str(lang_date_text_dup("2027-01-06", 2027), "onsdag 6. januar");
	check_str(lang_number_dup(2.5, 2), "2,5");
	check_str(lang_number_dup(12.0, 1), "12");
	check_str(lang_hours_dup(150), "2,5 t");
	check_str(lang_hours_dup(105), "1,75 t");
	check_str(lang_hours_dup(120), "2 t");
	lang_set(LANG_EN, ROTA_TEST_LOCALEDIR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_choose),
	    cmocka_unit_test(test_english),
	    cmocka_unit_test(test_norwegian),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
