/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the client's client/safe.c and
 * client/tzname.c: hostile text from a server or a feed printed safely
 * (escape sequences, C1 controls, bidi overrides, line breaks, invalid
 * UTF-8), CSV cells that cannot be formulas, and time-zone names that may
 * not lead libical to a file path, a FIFO or a device (issue 18, items 1
 * and 8).
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "safe.h"

static void
check_text(const char *in, const char *want)
{
	char *got = safe_text_dup(in);

	if (strcmp(got, want) != 0)
		fail_msg("safe_text_dup(\"%s\") = \"%s\", want \"%s\"", in, got,
		    want);
	free(got);
}

static void
test_text(void **state)
{
	(void)state;
	/* Kept as they are. */
	check_text("", "");
	check_text("Solheim sykehjem: Quiz", "Solheim sykehjem: Quiz");
	check_text("Besøk – Ærlig Åse 😀", "Besøk – Ærlig Åse 😀");
	check_text("a\\nb", "a\\nb"); /* a backslash is text */
	/* C0 controls and DEL. */
	check_text("a\x1b]0;pwned\x07z", "a\\x1b]0;pwned\\x07z");
	check_text("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m");
	check_text("a\x01\x1f\x7f", "a\\x01\\x1f\\x7f");
	check_text("a\tb", "a b");
	/* Line breaks: one visible mark each, never a new line. */
	check_text("Quiz\nMon 2027-01-05  Fake", "Quiz⏎Mon 2027-01-05  Fake");
	check_text("a\r\nb\rc", "a⏎b⏎c");
	check_text("a\xe2\x80\xa8"
	           "b\xe2\x80\xa9",
	    "a⏎b⏎");
	/* C1 controls as UTF-8: CSI (U+009B), OSC (U+009D), U+0080. */
	check_text("a\xc2\x9b"
	           "31m",
	    "a\\u009b31m");
	check_text("\xc2\x9d"
	           "0;x\xc2\x9c",
	    "\\u009d0;x\\u009c");
	check_text("\xc2\x80\xc2\x9f\xc2\xa0", "\\u0080\\u009f\xc2\xa0");
	/* Bidi embeddings, overrides and isolates. */
	check_text("Ola \xe2\x80\xae"
	           "nesnaH",
	    "Ola \\u202enesnaH");
	check_text("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	    "\\u202a\\u202b\\u202c\\u202d");
	check_text("\xe2\x81\xa6x\xe2\x81\xa9", "\\u2066x\\u2069");
	check_text("\xe2\x81\xa7\xe2\x81\xa8", "\\u2067\\u2068");
	/* Not UTF-8: a lone C1 byte (CSI on a Latin-1 terminal), overlong
	 * forms, a surrogate, a cut sequence. */
	check_text("a\x9b"
	           "31m",
	    "a\\x9b31m");
	check_text("\xc1\x9b", "\\xc1\\x9b");
	check_text("\xe0\x82\x9b", "\\xe0\\x82\\x9b");
	check_text("\xed\xa0\x80", "\\xed\\xa0\\x80");
	check_text("ab\xe2\x80", "ab\\xe2\\x80");
	check_text("\xf5\x80\x80\x80", "\\xf5\\x80\\x80\\x80");
}

static void
check_json(const char *in, const char *want)
{
	char *got = safe_json_dup(in);

	if (strcmp(got, want) != 0)
		fail_msg("safe_json_dup(%s) = %s, want %s", in, got, want);
	free(got);
}

static void
test_json(void **state)
{
	(void)state;
	check_json("{\"a\": \"\\u001b[31m\"}", "{\"a\": \"\\u001b[31m\"}");
	check_json("{\"a\": \"x\xc2\x9b"
	           "y\"}",
	    "{\"a\": \"x\\u009by\"}");
	check_json("[\"\xe2\x80\xae"
	           "z\x7f\"]",
	    "[\"\\u202ez\\u007f\"]");
	check_json("[\"l\xe2\x80\xa8\"]", "[\"l\\u2028\"]");
	check_json("[\"Besøk – Åse\"]", "[\"Besøk – Åse\"]");
}

static void
check_csv(const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	safe_csv_cell(in, f);
	fclose(f);
	if (strcmp(buf, want) != 0)
		fail_msg("safe_csv_cell(\"%s\") = %s, want %s", in, buf, want);
	free(buf);
}

static void
test_csv(void **state)
{
	(void)state;
	check_csv("Ola Hansen", "\"Ola Hansen\"");
	check_csv("", "\"\"");
	check_csv("say \"hi\", ok", "\"say \"\"hi\"\", ok\"");
	/* OWASP: = + - @ TAB CR at the start get a leading quote. */
	check_csv("=HYPERLINK(\"http://x\",\"y\")",
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	check_csv("+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\"");
	check_csv("-2+3", "\"'-2+3\"");
	check_csv("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"");
	check_csv("\t=1+1", "\"' =1+1\"");
	check_csv("\r=1+1", "\"'⏎=1+1\"");
	/* Inside a cell they are harmless. */
	check_csv("Ola-Kari", "\"Ola-Kari\"");
	/* The cell is made safe like any text, never split by a break. */
	check_csv("a\nb\x1b", "\"a⏎b\\x1b\"");
}

/* A fake zoneinfo directory with a tzdata.zi and hostile entries. */
static char zdir[] = "/tmp/rota-test-tz-XXXXXX";

static void
put_file(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", zdir, rel);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static void
sub(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", zdir, rel);
	assert_int_equal(mkdir(path, 0700), 0);
}

static int
tz_setup(void **state)
{
	char path[512], outside[600];

	(void)state;
	if (mkdtemp(zdir) == NULL)
		return -1;
	sub("Europe");
	sub("America");
	sub("Arctic");
	sub("Evil");
	sub("right");
	sub("right/Europe");
	put_file("tzdata.zi",
	    "# version test\n"
	    "R E 1981 ma - Mar lastSu 1u 1 S\n"
	    "Z Europe/Oslo 0:43 - LMT 1895\n"
	    "1 E CE%sT\n"
	    "Z America/Port-au-Prince -4:49 - LMT 1890\n"
	    "Z Etc/GMT+1 -1 - -01\n"
	    "Z Factory 0 - -00\n"
	    "L Europe/Oslo Arctic/Longyearbyen\n"
	    "Z Evil/Fifo 0 - X\n"
	    "Z Evil/Dir 0 - X\n"
	    "Z Evil/Out 0 - X\n"
	    "Z right/Europe/Oslo 0 - X\n");
	put_file("Europe/Oslo", "TZif");
	put_file("Europe/Rome", "TZif"); /* a file, but not listed */
	put_file("America/Port-au-Prince", "TZif");
	put_file("Factory", "TZif");
	put_file("right/Europe/Oslo", "TZif");
	snprintf(path, sizeof(path), "%s/Arctic/Longyearbyen", zdir);
	assert_int_equal(symlink("../Europe/Oslo", path), 0);
	snprintf(path, sizeof(path), "%s/Evil/Fifo", zdir);
	assert_int_equal(mkfifo(path, 0600), 0);
	sub("Evil/Dir");
	/* A listed name that leads out of the directory. */
	snprintf(outside, sizeof(outside), "%s-outside", zdir);
	{
		FILE *f = fopen(outside, "w");
		assert_non_null(f);
		fputs("TZif", f);
		fclose(f);
	}
	snprintf(path, sizeof(path), "%s/Evil/Out", zdir);
	assert_int_equal(symlink(outside, path), 0);
	return 0;
}

static int
tz_teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s-outside'", zdir, zdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
test_tzname(void **state)
{
	static const char *const good[] = {"Europe/Oslo",
	    "America/Port-au-Prince", "Arctic/Longyearbyen", "UTC", NULL};
	static const char *const bad[] = {/* paths */
	    "../../../../proc/self/fd/0", "Europe/../Europe/Oslo",
	    "./Europe/Oslo", "/Europe/Oslo", "Europe//Oslo", "Europe/Oslo/",
	    "/freeassociation.sourceforge.net/Europe/Oslo", "tzdata.zi",
	    /* not zones */
	    "localtime", "posixrules", "Factory", "right/Europe/Oslo",
	    "posix/Europe/Oslo",
	    /* not listed, or listed but not a regular file inside */
	    "Europe/Rome", "Evil/Fifo", "Evil/Dir", "Evil/Out",
	    "Europe/Nowhere", "Etc/GMT+1",
	    /* shapes */
	    "", "Europe/Oslo ", "Europe/Os\nlo", "Éurope/Oslo", "1Europe",
	    "Europe/Oslo;rm", NULL};

	(void)state;
	for (size_t i = 0; good[i] != NULL; i++)
		if (!tzname_ok_in(zdir, good[i]))
			fail_msg("'%s' refused", good[i]);
	for (size_t i = 0; bad[i] != NULL; i++)
		if (tzname_ok_in(zdir, bad[i]))
			fail_msg("'%s' accepted", bad[i]);
	assert_false(tzname_ok_in(zdir, NULL));
	assert_false(tzname_ok_in(NULL, "Europe/Oslo"));
	/* The system's own zones, through libical's directory. */
	assert_true(tzname_ok("Europe/Oslo"));
	assert_true(tzname_ok("America/New_York"));
	assert_false(tzname_ok("../../../../../../proc/self/fd/0"));
	assert_false(tzname_ok("localtime"));
	assert_false(tzname_ok("right/UTC"));
	assert_false(tzname_ok("Factory"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test_setup_teardown(test_tzname, tz_setup, tz_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
