/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of daemon/html.c (the escaping writer
 * of the server-rendered pages) and daemon/form.c (form bodies), with
 * hostile input: markup, quotes, ampersands, bidi controls, bad UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "form.h"
#include "html.h"
#include "sbuf.h"

static char *
text_of(const char *s)
{
	struct sbuf b = {0};

	html_text(&b, s);
	sbuf_add(&b, "", 0);
	return b.s ? sbuf_take(&b) : strdup("");
}

static char *
attr_of(const char *s)
{
	struct sbuf b = {0};

	html_attr(&b, s);
	sbuf_add(&b, "", 0);
	return b.s ? sbuf_take(&b) : strdup("");
}

#define assert_text(in, want)                                                  \
	do {                                                                   \
		char *got_ = text_of(in);                                      \
		assert_string_equal(got_, want);                               \
		free(got_);                                                    \
		got_ = attr_of(in);                                            \
		assert_string_equal(got_, want);                               \
		free(got_);                                                    \
	} while (0)

static void
test_markup(void **state)
{
	(void)state;
	assert_text("Ida", "Ida");
	assert_text("<script>alert(1)</script>",
	    "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_text("\"><img src=x onerror=alert(1)>",
	    "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
	assert_text("O'Brien & Søn", "O&#39;Brien &amp; Søn");
	assert_text("&amp;", "&amp;amp;");
	assert_text("", "");
	assert_text(NULL, "");
	/* Norwegian letters and other UTF-8 stay as they are. */
	assert_text("Åse Ørnø \xf0\x9f\x98\x80", "Åse Ørnø \xf0\x9f\x98\x80");
}

static void
test_controls_and_bidi(void **state)
{
	(void)state;
	/* RLO (U+202E) would show "Ida" and what follows backwards. */
	assert_text("Ida\xe2\x80\xae"
	            "gnp.exe",
	    "Idagnp.exe");
	/* LRE, RLE, PDF, LRO and the isolates LRI, RLI, FSI, PDI. */
	assert_text("a\xe2\x80\xaa"
	            "b\xe2\x80\xab"
	            "c\xe2\x80\xac"
	            "d"
	            "\xe2\x80\xad"
	            "e\xe2\x81\xa6"
	            "f\xe2\x81\xa7"
	            "g"
	            "\xe2\x81\xa8"
	            "h\xe2\x81\xa9"
	            "i",
	    "abcdefghi");
	/* Controls go, tab and newline stay. */
	assert_text("a\x01\x1b[31mb\x7f\tc\n", "a[31mb\tc\n");
	/* Not UTF-8: each bad byte one U+FFFD, never a raw byte. */
	assert_text("a\xff"
	            "b",
	    "a\xef\xbf\xbd"
	    "b");
	assert_text("\xc0\xbc"
	            "x",
	    "\xef\xbf\xbd\xef\xbf\xbdx"); /* overlong < */
	assert_text("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	assert_text("cut \xc3", "cut \xef\xbf\xbd");
}

static void
test_textf_and_url(void **state)
{
	struct sbuf b = {0};

	(void)state;
	html_textf(&b, "%s has %d", "<b>", 2);
	html_raw(&b, "<br>");
	html_url_part(&b, "s 1/../?a=b&c\"'<é");
	sbuf_add(&b, "", 0);
	assert_string_equal(
	    b.s, "&lt;b&gt; has 2<br>s%201%2F..%2F%3Fa%3Db%26c%22%27%3C%C3%A9");
	sbuf_release(&b);
}

static void
test_form(void **state)
{
	static const char body[] =
	    "login=kari&password=a+b%26c%3D%25&csrf=x%2By&empty=&flag&"
	    "name=%C3%85se&&login=second";
	struct form f;

	(void)state;
	assert_int_equal(form_parse(body, strlen(body), &f), 0);
	assert_string_equal(form_get(&f, "login"), "kari");
	assert_string_equal(form_get(&f, "password"), "a b&c=%");
	assert_string_equal(form_get(&f, "csrf"), "x+y");
	assert_string_equal(form_get(&f, "empty"), "");
	assert_string_equal(form_get(&f, "flag"), "");
	assert_string_equal(form_get(&f, "name"), "Åse");
	assert_null(form_get(&f, "nothing"));
	assert_int_equal(f.n, 7);
	form_release(&f);

	assert_int_equal(form_parse("", 0, &f), 0);
	assert_int_equal(f.n, 0);
	/* Only len bytes are read. */
	assert_int_equal(form_parse("a=1&b=2", 3, &f), 0);
	assert_int_equal(f.n, 1);
	assert_null(form_get(&f, "b"));
	form_release(&f);
}

static void
test_form_refused(void **state)
{
	static const char *const bad[] = {"a=%", "a=%4", "a=%zz", "a=%00",
	    "a=%FF", "a=%C3%28", "a=%ED%A0%80", "%=1", "a=%C0%BC"};
	struct form f;
	struct sbuf many = {0};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(form_parse(bad[i], strlen(bad[i]), &f), -1);
		assert_int_equal(f.n, 0);
	}
	/* A NUL byte inside the body. */
	assert_int_equal(form_parse("a=b\0c", 5, &f), -1);
	/* Too many fields. */
	for (int i = 0; i <= FORM_MAX_FIELDS; i++)
		sbuf_addf(&many, "f%d=%d&", i, i);
	assert_int_equal(form_parse(many.s, many.len, &f), -1);
	sbuf_release(&many);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_markup),
	    cmocka_unit_test(test_controls_and_bidi),
	    cmocka_unit_test(test_textf_and_url),
	    cmocka_unit_test(test_form),
	    cmocka_unit_test(test_form_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
