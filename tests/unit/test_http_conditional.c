/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of daemon/http_conditional.c:
 * If-None-Match lists, HTTP-dates in their three forms, the 304 decision
 * and Accept-Encoding's gzip, as tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "http_conditional.h"

static const char *const tags[] = {"\"abc\"", "\"abc-gz\""};

static void
test_inm(void **state)
{
	static const struct {
		const char *inm;
		bool want;
	} cases[] = {
	    {"\"abc\"", true},
	    {"\"abc-gz\"", true},
	    {"W/\"abc\"", true},
	    {"*", true},
	    {"  *  ", true},
	    {"\"x\", \"abc\"", true},
	    {"\"x\",\"abc-gz\"", true},
	    {"\"x\" ,  W/\"abc\"", true},
	    {"\"ab\"", false},
	    {"\"abcd\"", false},
	    {"abc", false},
	    {"\"abc", false},
	    {"\"x\" \"abc\"", false}, /* no comma: malformed */
	    {"*, \"x\"", false},
	    {"", false},
	    {"\"\"", false},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (http_inm_lists(cases[i].inm, tags, 2) != cases[i].want)
			fail_msg("If-None-Match [%s]: want %d", cases[i].inm,
			    cases[i].want);
	}
	assert_false(http_inm_lists("\"abc-gz\"", tags, 1));
	assert_true(http_inm_lists("\"abc\"", tags, 1));
}

static void
test_dates(void **state)
{
	/* 1994-11-06 08:49:37 UTC, RFC 9110 5.6.7's example, three ways. */
	(void)state;
	assert_int_equal(
	    http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
	assert_int_equal(
	    http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
	assert_int_equal(
	    http_date_parse("Sun Nov  6 08:49:37 1994"), 784111777);
	assert_int_equal(http_date_parse("yesterday"), -1);
	assert_int_equal(http_date_parse("Sun, 06 Nov 1994 08:49:37"), -1);
	assert_int_equal(
	    http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT junk"), -1);
	assert_int_equal(http_date_parse(""), -1);
}

static void
test_not_modified(void **state)
{
	const char *d = "Sun, 06 Nov 1994 08:49:37 GMT";

	(void)state;
	assert_false(http_not_modified(NULL, NULL, tags, 2, 0));
	assert_true(http_not_modified(NULL, d, tags, 2, 784111777));
	assert_true(http_not_modified(NULL, d, tags, 2, 784111776));
	assert_false(http_not_modified(NULL, d, tags, 2, 784111778));
	assert_false(http_not_modified(NULL, "junk", tags, 2, 0));
	/* If-None-Match decides; the date is then not read (13.2.2). */
	assert_false(http_not_modified("\"x\"", d, tags, 2, 0));
	assert_true(http_not_modified("\"abc\"", d, tags, 2, 784111778));
}

static void
test_gzip(void **state)
{
	static const struct {
		const char *ae;
		bool want;
	} cases[] = {
	    {"gzip", true},
	    {"GZIP", true},
	    {"x-gzip", true},
	    {"br, gzip", true},
	    {"gzip;q=0.5", true},
	    {"gzip ; Q = 0.001", true},
	    {"gzip;q=0", false},
	    {"GZIP;Q=0", false},
	    {"gzip;q=0 , br", false},
	    {"gzip;q=0.000", false},
	    {"gzip; q=0.", false},
	    {"br", false},
	    {"gzipx", false},
	    {"*", false},
	    {"identity", false},
	    {"", false},
	    {"deflate, gzip;q=0, x-gzip", true},
	};

	(void)state;
	assert_false(http_accepts_gzip(NULL));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (http_accepts_gzip(cases[i].ae) != cases[i].want)
			fail_msg("Accept-Encoding [%s]: want %d", cases[i].ae,
			    cases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_inm),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_not_modified),
	    cmocka_unit_test(test_gzip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
