/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of daemon/csv.c: RFC 4180 quoting and
 * the neutralised formulas of the hours report's CSV.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"
#include "sbuf.h"

static char *
cell(const char *s)
{
	struct sbuf b = {0};

	csv_text(&b, true, s);
	return b.s ? sbuf_take(&b) : strdup("");
}

static void
check(const char *in, const char *want)
{
	char *got = cell(in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_plain_and_quoted(void **state)
{
	(void)state;
	check("Ida Nilsen", "Ida Nilsen");
	check("", "");
	check("Nilsen, Ida", "\"Nilsen, Ida\"");
	check("Per \"Junior\"", "\"Per \"\"Junior\"\"\"");
	check("two\nlines", "\"two\nlines\"");
	check("cr\rhere", "\"cr\rhere\"");
	check("Bø i Telemark", "Bø i Telemark");
}

static void
test_formulas_are_text(void **state)
{
	(void)state;
	check("=1+1", "'=1+1");
	check("+47 123", "'+47 123");
	check("-2", "'-2");
	check("@SUM(A1)", "'@SUM(A1)");
	check("\tx", "'\tx");
	check("=HYPERLINK(\"http://x\",\"y\")",
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	/* Only at the start. */
	check("Anne-Lise", "Anne-Lise");
}

static void
test_rows(void **state)
{
	struct sbuf b = {0};

	(void)state;
	csv_text(&b, true, "youth");
	csv_text(&b, false, "ida");
	csv_number(&b, false, "-1.50");
	csv_end_row(&b);
	assert_string_equal(b.s, "youth,ida,-1.50\r\n");
	sbuf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_and_quoted),
	    cmocka_unit_test(test_formulas_are_text),
	    cmocka_unit_test(test_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
