/* SPDX-License-Identifier: ISC */
/*
 * This file contains the CSV cells of the hours report (csv.h).
 */
#include <string.h>

#include "csv.h"
#include "sbuf.h"

void
csv_text(struct sbuf *b, bool first, const char *s)
{
	bool formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	bool quote = strpbrk(s, ",\"\r\n") != NULL;

	if (!first)
		sbuf_adds(b, ",");
	if (quote)
		sbuf_adds(b, "\"");
	if (formula)
		sbuf_adds(b, "'");
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			sbuf_adds(b, "\"");
		sbuf_add(b, p, 1);
	}
	if (quote)
		sbuf_adds(b, "\"");
}

void
csv_number(struct sbuf *b, bool first, const char *s)
{
	if (!first)
		sbuf_adds(b, ",");
	sbuf_adds(b, s);
}

void
csv_end_row(struct sbuf *b)
{
	sbuf_adds(b, "\r\n");
}
