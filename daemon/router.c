/* SPDX-License-Identifier: ISC */
/*
 * This file contains the path router: normalisation of the raw path and
 * the segment-by-segment match with percent-decoding of parameters.
 */
#include <stdlib.h>
#include <string.h>

#include "router.h"
#include "xmalloc.h"

int
router_normalize(const char *path, char buf[ROUTER_MAX_PATH])
{
	size_t n;

	if (path == NULL || path[0] != '/')
		return -1;
	n = strlen(path);
	if (n >= ROUTER_MAX_PATH)
		return -1;
	memcpy(buf, path, n + 1);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = '\0';
	return 0;
}

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

/* Percent-decodes s[0..len); NULL on a bad escape or an encoded NUL. */
static char *
decode_segment(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi, lo;
			if (i + 2 >= len || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0 || (hi | lo) == 0)
				goto bad;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

void
router_params_free(char **params, size_t maxparams)
{
	for (size_t i = 0; i < maxparams; i++) {
		free(params[i]);
		params[i] = NULL;
	}
}

/* Whether s[0..len) percent-decodes: good escapes, no encoded NUL. */
static int
segment_decodes(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '%')
			continue;
		if (i + 2 >= len || hexval(s[i + 1]) < 0 ||
		    hexval(s[i + 2]) < 0 ||
		    (s[i + 1] == '0' && s[i + 2] == '0'))
			return 0;
		i += 2;
	}
	return 1;
}

/*
 * One pass over both strings, allocating nothing: every request probes
 * most routes, and only the winner's parameters are decoded.
 */
static int
match_shape(const char *p, const char *s, size_t maxparams)
{
	size_t np = 0;

	while (*p != '\0' && *s != '\0') {
		const char *end;

		if (*p != '/' || *s != '/')
			return 0;
		p++;
		s++;
		for (end = s; *end != '\0' && *end != '/'; end++)
			;
		if (*p == ':') {
			if (end == s || np == maxparams ||
			    !segment_decodes(s, (size_t)(end - s)))
				return 0;
			np++;
			while (*p != '\0' && *p != '/')
				p++;
		} else {
			while (*p != '\0' && *p != '/' && s < end && *p == *s) {
				p++;
				s++;
			}
			if ((*p != '\0' && *p != '/') || s != end)
				return 0;
		}
		s = end;
	}
	return *p == '\0' && *s == '\0';
}

int
router_match(
    const char *pattern, const char *path, char **params, size_t maxparams)
{
	const char *p = pattern, *s = path;
	size_t np = 0;

	if (params == NULL)
		return match_shape(pattern, path, (size_t)-1);
	router_params_free(params, maxparams);
	if (!match_shape(pattern, path, maxparams))
		return 0;
	/* The shape matched: take each parameter segment, decoded. */
	while (*p != '\0') {
		size_t plen, slen;

		p++;
		s++;
		plen = strcspn(p, "/");
		slen = strcspn(s, "/");
		if (*p == ':')
			params[np++] = decode_segment(s, slen);
		p += plen;
		s += slen;
	}
	return 1;
}
