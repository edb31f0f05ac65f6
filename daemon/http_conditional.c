/* SPDX-License-Identifier: ISC */
/*
 * This file contains the reading of If-None-Match, If-Modified-Since and
 * Accept-Encoding (http_conditional.h).
 */
#include <string.h>
#include <strings.h>
#include <time.h>

#include "http_conditional.h"

/* Skips optional white space (RFC 9110 5.6.3). */
static const char *
skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static bool
tag_is_one_of(const char *t, size_t len, const char *const *tags, size_t ntags)
{
	for (size_t i = 0; i < ntags; i++)
		if (tags[i] != NULL && strlen(tags[i]) == len &&
		    memcmp(t, tags[i], len) == 0)
			return true;
	return false;
}

bool
http_inm_lists(const char *inm, const char *const *tags, size_t ntags)
{
	const char *p = skip_ows(inm);

	if (*p == '*' && *skip_ows(p + 1) == '\0')
		return true;
	while (*p != '\0') {
		const char *t = skip_ows(p), *close;
		size_t len;

		if (strncmp(t, "W/", 2) == 0)
			t += 2;
		if (*t != '"' || (close = strchr(t + 1, '"')) == NULL)
			return false;
		len = (size_t)(close - t) + 1;
		if (tag_is_one_of(t, len, tags, ntags))
			return true;
		p = skip_ows(close + 1);
		if (*p == ',')
			p = skip_ows(p + 1);
		else if (*p != '\0')
			return false;
	}
	return false;
}

int64_t
http_date_parse(const char *s)
{
	static const char *const forms[] = {"%a, %d %b %Y %H:%M:%S GMT",
	    "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"};

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct tm tm;
		const char *end;

		memset(&tm, 0, sizeof(tm));
		end = strptime(s, forms[i], &tm);
		if (end != NULL && *end == '\0')
			return (int64_t)timegm(&tm);
	}
	return -1;
}

bool
http_not_modified(const char *inm, const char *ims, const char *const *tags,
    size_t ntags, int64_t last_modified)
{
	int64_t t;

	if (inm != NULL)
		return http_inm_lists(inm, tags, ntags);
	if (ims == NULL)
		return false;
	t = http_date_parse(ims);
	return t >= 0 && last_modified <= t;
}

/* A qvalue of zero: "0", "0.", "0.000" (RFC 9110 12.4.2). */
static bool
qvalue_zero(const char *v)
{
	if (*v++ != '0')
		return false;
	if (*v == '.')
		v += 1 + strspn(v + 1, "0");
	return *v == '\0' || strchr(",; \t", *v) != NULL;
}

bool
http_accepts_gzip(const char *p)
{
	if (p == NULL)
		return false;
	while (*p != '\0') {
		const char *name = skip_ows(p);
		size_t len = strcspn(name, ",; \t");
		bool gzip = (len == 4 && strncasecmp(name, "gzip", 4) == 0) ||
		    (len == 6 && strncasecmp(name, "x-gzip", 6) == 0);
		bool zero = false;

		p = skip_ows(name + len);
		while (*p == ';') {
			p = skip_ows(p + 1);
			if ((*p == 'q' || *p == 'Q') &&
			    *skip_ows(p + 1) == '=') {
				zero =
				    qvalue_zero(skip_ows(skip_ows(p + 1) + 1));
			}
			p += strcspn(p, ",;");
		}
		if (gzip && !zero)
			return true;
		p += strcspn(p, ",");
		if (*p == ',')
			p++;
	}
	return false;
}
