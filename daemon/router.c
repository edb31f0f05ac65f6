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

int
router_match(
    const char *pattern, const char *path, char **params, size_t maxparams)
{
	const char *p = pattern, *s = path;
	size_t np = 0;

	router_params_free(params, maxparams);
	while (*p != '\0' && *s != '\0') {
		size_t plen, slen;

		if (*p != '/' || *s != '/')
			goto nomatch;
		p++;
		s++;
		plen = strcspn(p, "/");
		slen = strcspn(s, "/");
		if (*p == ':') {
			if (slen == 0 || np == maxparams)
				goto nomatch;
			if ((params[np] = decode_segment(s, slen)) == NULL)
				goto nomatch;
			np++;
		} else if (plen != slen || strncmp(p, s, plen) != 0) {
			goto nomatch;
		}
		p += plen;
		s += slen;
	}
	if (*p == '\0' && *s == '\0')
		return 1;
nomatch:
	router_params_free(params, maxparams);
	return 0;
}
