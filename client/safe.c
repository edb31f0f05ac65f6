/* SPDX-License-Identifier: ISC */
/*
 * This file contains what makes text from a server or a feed safe to
 * print: a name or a SUMMARY may hold escape sequences (ESC, or the C1
 * CSI and OSC that a terminal reads from U+009B and U+009D), bidi
 * overrides that reorder what the reader sees, or line breaks that would
 * print a row of their own in a table.  Nothing here trusts its input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safe.h"
#include "sbuf.h"
#include "xmalloc.h"

#define SAFE_NEWLINE "\xe2\x8f\x8e" /* U+23CE RETURN SYMBOL */

/*
 * Decodes one UTF-8 sequence at s; its length, or 0 when it is not valid
 * UTF-8 (overlong, a surrogate, above U+10FFFF, cut short).
 */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	uint32_t c;
	size_t n;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1fu;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07u;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0; /* also stops at the NUL */
		c = c << 6 | (s[i] & 0x3fu);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static bool
is_bidi_control(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

char *
safe_text_dup(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	struct sbuf b = {0};

	while (*s != '\0') {
		uint32_t c;
		size_t n = utf8_decode(s, &c);

		if (n == 0) {
			sbuf_addf(&b, "\\x%02x", s[0]);
			s++;
			continue;
		}
		if (c == '\r' && s[1] == '\n')
			n = 2;
		if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
			sbuf_adds(&b, SAFE_NEWLINE);
		else if (c == '\t')
			sbuf_adds(&b, " ");
		else if (c < 0x20 || c == 0x7f)
			sbuf_addf(&b, "\\x%02x", (unsigned)c);
		else if ((c >= 0x80 && c <= 0x9f) || is_bidi_control(c))
			sbuf_addf(&b, "\\u%04x", (unsigned)c);
		else
			sbuf_add(&b, (const char *)s, n);
		s += n;
	}
	return sbuf_take(&b);
}

void
safe_fputs(const char *s, FILE *out)
{
	char *t = safe_text_dup(s);

	fputs(t, out);
	free(t);
}

char *
safe_json_dup(const char *json)
{
	const unsigned char *s = (const unsigned char *)json;
	struct sbuf b = {0};

	/* Outside strings JSON is ASCII, so each of these is in a string. */
	while (*s != '\0') {
		uint32_t c;
		size_t n = utf8_decode(s, &c);

		if (n == 0) {
			/* jansson writes valid UTF-8; keep the byte visible. */
			sbuf_addf(&b, "\\u%04x", 0xfffdu);
			s++;
			continue;
		}
		if (c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 ||
		    c == 0x2029 || is_bidi_control(c))
			sbuf_addf(&b, "\\u%04x", (unsigned)c);
		else
			sbuf_add(&b, (const char *)s, n);
		s += n;
	}
	return sbuf_take(&b);
}

void
safe_csv_cell(const char *s, FILE *out)
{
	char *t = safe_text_dup(s);

	fputc('"', out);
	/* Checked on the raw cell too: TAB and CR were rewritten above. */
	if (strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0')
		fputc('\'', out);
	else if (t[0] != '\0' && strchr("=+-@", t[0]) != NULL)
		fputc('\'', out);
	for (const char *p = t; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
	free(t);
}
