/* SPDX-License-Identifier: ISC */
/*
 * Zone names: only the tz database's own names load (issue 18.1); paths,
 * "localtime", "posixrules", "right/..." and "Factory" never reach libical,
 * and a zone file that is not a regular file is never opened for reading.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tzmap.h"

static const char *const good[] = {
    "Europe/Oslo",
    "UTC",
    "Etc/UTC",
    "America/New_York",
    "America/Argentina/Buenos_Aires",
    "Etc/GMT+1",
    "Europe/Kiev", /* a backward link */
    "Asia/Kolkata",
};

static const char *const bad[] = {
    "",
    "../../../../../../proc/self/fd/2",
    "/proc/self/fd/2",
    "/usr/share/zoneinfo/Europe/Oslo",
    "Europe/../Europe/Oslo",
    "./Europe/Oslo",
    "Europe//Oslo",
    "Europe/Oslo/",
    "europe/oslo",
    "localtime",
    "posixrules",
    "right/UTC",
    "posix/Europe/Oslo",
    "Factory",
    "zone.tab",
    "tzdata.zi",
    "iso3166.tab",
    "Europe",
    "Europe/Oslo\n",
    "Europe/Oslo ",
    "Nowhere/City",
};

static void
test_good_names(void **state)
{
	(void)state;
	assert_true(tzmap_names_init() > 300);
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (!tzmap_name_known(good[i]) || tzmap_get(good[i]) == NULL)
			fail_msg("good zone '%s' refused", good[i]);
	}
}

static void
test_bad_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (tzmap_name_known(bad[i]) || tzmap_get(bad[i]) != NULL ||
		    tzmap_load(bad[i]) != NULL)
			fail_msg("bad zone '%s' accepted", bad[i]);
	}
	assert_null(tzmap_get(NULL));
}

static void
test_fifo_is_not_regular(void **state)
{
	char dir[] = "/tmp/rota-tz-XXXXXX", fifo[64], file[64];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	(void)snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	(void)snprintf(file, sizeof(file), "%s/file", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	/* A FIFO without a writer: a blocking open would never return. */
	assert_int_equal(tzmap_regular_file(fifo), 0);
	assert_int_equal(tzmap_regular_file(dir), 0);
	assert_int_equal(tzmap_regular_file("/dev/null"), 0);
	assert_int_equal(tzmap_regular_file(file), 1);
	unlink(fifo);
	unlink(file);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_names),
	    cmocka_unit_test(test_bad_names),
	    cmocka_unit_test(test_fifo_is_not_regular),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
