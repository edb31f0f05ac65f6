/* SPDX-License-Identifier: ISC */
/*
 * This file contains the HTML writer of the server-rendered pages
 * (html.h): text and attribute escaping, and URL parts.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "xmalloc.h"

void
html_raw(struct sbuf *b, const char *markup)
{
	sbuf_adds(b, markup);
}

/*
 * The length of the valid UTF-8 sequence at p (1..4) and its code point,
 * or 0 when the bytes there are not one (overlong, a surrogate, past
 * U+10FFFF, cut short).
 */
static size_t
utf8_seq(const unsigned char *p, uint32_t *cp)
{
	size_t n, i;
	uint32_t c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		c = p[0] & 0x1fu;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		c = p[0] & 0x0fu;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		c = p[0] & 0x07u;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3fu);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

static void
escape(struct sbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL)
		return;
	while (*p != '\0') {
		uint32_t cp = 0;
		size_t n = utf8_seq(p, &cp);

		if (n == 0) {
			sbuf_adds(b, "\xef\xbf\xbd"); /* U+FFFD */
			p++;
			continue;
		}
		switch (cp) {
		case '&':
			sbuf_adds(b, "&amp;");
			break;
		case '<':
			sbuf_adds(b, "&lt;");
			break;
		case '>':
			sbuf_adds(b, "&gt;");
			break;
		case '"':
			sbuf_adds(b, "&quot;");
			break;
		case '\'':
			sbuf_adds(b, "&#39;");
			break;
		default:
			if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
			    cp == 0x7f || (cp >= 0x202a && cp <= 0x202e) ||
			    (cp >= 0x2066 && cp <= 0x2069))
				break; /* dropped */
			sbuf_add(b, p, n);
		}
		p += n;
	}
}

void
html_text(struct sbuf *b, const char *s)
{
	escape(b, s);
}

void
html_attr(struct sbuf *b, const char *s)
{
	escape(b, s);
}

void
html_textf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	escape(b, s);
	free(s);
}

void
html_url_part(struct sbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~') {
			sbuf_add(b, p, 1);
		} else {
			char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			sbuf_add(b, e, 3);
		}
	}
}
