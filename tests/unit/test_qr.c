/* SPDX-License-Identifier: ISC */
/* Tests for qr.c: the SVG of a QR code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <qrencode.h>

#include "qr.h"

/* Counts the dark modules the path draws (each "hN" of an "M" run). */
static long
path_modules(const char *svg)
{
	const char *d = strstr(svg, " d=\"");
	long n = 0;

	assert_non_null(d);
	for (const char *p = d + 4; *p != '"'; p++) {
		int x, y, run;
		if (*p != 'M')
			continue;
		assert_int_equal(sscanf(p, "M%d,%dh%d", &x, &y, &run), 3);
		assert_true(x >= QR_QUIET && y >= QR_QUIET && run > 0);
		n += run;
	}
	return n;
}

static void
known_text(void **state)
{
	int modules = 0;
	char *svg;
	char want[200];
	QRcode *qr;
	long dark = 0;

	(void)state;
	/* "rota" at ECC level M fits version 1: 21 modules a side. */
	svg = qr_svg("rota", &modules);
	assert_non_null(svg);
	assert_int_equal(modules, 21);
	snprintf(want, sizeof(want),
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 29 29\"",
	    29 * QR_SCALE, 29 * QR_SCALE);
	assert_int_equal(strncmp(svg, want, strlen(want)), 0);
	/* The path draws exactly the dark modules libqrencode made. */
	qr = QRcode_encodeString("rota", 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(qr);
	for (int i = 0; i < qr->width * qr->width; i++)
		dark += qr->data[i] & 1;
	QRcode_free(qr);
	assert_int_equal(path_modules(svg), dark);
	free(svg);
}

/* Well-formed: one root, every element closed, no style or script. */
static void
well_formed(void **state)
{
	char *svg = qr_svg("webcal://127.0.0.1:8080/feeds/"
	                   "aTHWdihqn_ODEbBGzTdz9aPNjRsxZJjrEboE4OLap78.ics",
	    NULL);
	size_t len;
	int open = 0;

	(void)state;
	assert_non_null(svg);
	len = strlen(svg);
	assert_string_equal(svg + len - 7, "</svg>\n");
	assert_null(strstr(svg, "style"));
	assert_null(strstr(svg, "script"));
	assert_null(strchr(svg, '&'));
	for (const char *p = svg; *p != '\0'; p++) {
		if (*p != '<')
			continue;
		const char *gt = strchr(p, '>');
		assert_non_null(gt);
		assert_null(memchr(p + 1, '<', (size_t)(gt - p - 1)));
		if (p[1] == '/')
			open--;
		else if (gt[-1] != '/')
			open++;
		assert_true(open >= 0);
	}
	assert_int_equal(open, 0);
	free(svg);
}

static void
bad_text(void **state)
{
	char *big = malloc(QR_MAX_TEXT + 2);

	(void)state;
	assert_null(qr_svg("", NULL));
	assert_null(qr_svg(NULL, NULL));
	memset(big, 'a', QR_MAX_TEXT + 1);
	big[QR_MAX_TEXT + 1] = '\0';
	assert_null(qr_svg(big, NULL));
	big[QR_MAX_TEXT] = '\0';
	{
		/* The longest allowed text still fits (version 17 or so). */
		int m = 0;
		char *svg = qr_svg(big, &m);
		assert_non_null(svg);
		assert_true(m > 21 && m <= 177);
		free(svg);
	}
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(known_text),
	    cmocka_unit_test(well_formed),
	    cmocka_unit_test(bad_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
