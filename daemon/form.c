/* SPDX-License-Identifier: ISC */
/*
 * This file contains the parser of form bodies (form.h).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "xmalloc.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether s (n bytes) is valid UTF-8 (no overlongs, surrogates). */
static bool
utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t k;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			k = 1, cp = c & 0x1fu;
		else if (c >= 0xe0 && c <= 0xef)
			k = 2, cp = c & 0x0fu;
		else if (c >= 0xf0 && c <= 0xf4)
			k = 3, cp = c & 0x07u;
		else
			return false;
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (s[i + j] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + j] & 0x3fu);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		i += k + 1;
	}
	return true;
}

/* Decodes s[0..n) into a new string; NULL when malformed. */
static char *
decode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+')
			out[o++] = ' ';
		else if (s[i] == '%') {
			int hi, lo;
			if (i + 2 >= n) {
				free(out);
				return NULL;
			}
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
				free(out);
				return NULL;
			}
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '\0') {
			free(out);
			return NULL;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
	if (!utf8_valid((const unsigned char *)out, o)) {
		free(out);
		return NULL;
	}
	return out;
}

int
form_parse(const char *body, size_t len, struct form *f)
{
	size_t i = 0;

	memset(f, 0, sizeof(*f));
	while (i < len) {
		size_t end = i, eq;
		char *name, *value;

		while (end < len && body[end] != '&')
			end++;
		if (end > i) {
			if (f->n == FORM_MAX_FIELDS)
				goto fail;
			eq = i;
			while (eq < end && body[eq] != '=')
				eq++;
			name = decode(body + i, eq - i);
			value = eq < end ? decode(body + eq + 1, end - eq - 1)
			                 : decode("", 0);
			if (name == NULL || value == NULL) {
				free(name);
				free(value);
				goto fail;
			}
			f->f[f->n].name = name;
			f->f[f->n].value = value;
			f->n++;
		}
		i = end + 1;
	}
	return 0;
fail:
	form_release(f);
	return -1;
}

const char *
form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			return f->f[i].value;
	return NULL;
}

void
form_release(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->f[i].name);
		free(f->f[i].value);
	}
	memset(f, 0, sizeof(*f));
}
