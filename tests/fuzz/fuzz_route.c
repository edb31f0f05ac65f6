/* SPDX-License-Identifier: ISC */
/*
 * This file contains the fuzz target for request URLs, taken apart the
 * way daemon/http.c does it: libevent parses the request target
 * (evhttp_uri_parse_with_flags, as evhttp does for a request line), the
 * path goes through router_normalize() and router_match() against every
 * route pattern of the API, and the query string through
 * evhttp_parse_query_str() with each value read like the API's query
 * parameters (limit, from/to dates and local times, booleans).
 * The same bytes are also read as an X-Forwarded-For header and as a
 * trusted_proxies setting (daemon/clientaddr.c), as a header block split
 * the way evhttp does (at each line's first colon) for the framing check
 * of daemon/http.c, and as a time-zone name (daemon/tzmap_ical.c).
 * Oracles: a normalised path is shorter than ROUTER_MAX_PATH, starts with
 * '/' and has no trailing slash; a matched parameter is non-empty; the
 * probe match (no parameters) agrees with the full one; the client
 * address is the peer or an address the header holds; a header block
 * the framing check passes has token names and one decimal length; a
 * zone name that is accepted is no path and loads.
 */
#include <sys/queue.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <event2/util.h>
#include <event2/keyvalq_struct.h>

#include "civil.h"
#include "clientaddr.h"
#include "fuzz.h"
#include "http.h"
#include "router.h"
#include "tzmap.h"

#define FUZZ_MAX_INPUT 8192
#define FUZZ_MAXPARAMS 4

/* The route patterns of daemon/api_*.c. */
static const char *const patterns[] = {
    "/healthz",
    "/metrics",
    "/api/v1",
    "/api/v1/export",
    "/api/v1/import",
    "/api/v1/settings",
    "/api/v1/school-calendar",
    "/api/v1/violations",
    "/api/v1/homes",
    "/api/v1/homes/:id",
    "/api/v1/homes/:id/feed",
    "/api/v1/youths",
    "/api/v1/youths/:id",
    "/api/v1/youths/:id/feed",
    "/api/v1/slots",
    "/api/v1/slots/:id",
    "/api/v1/assignments",
    "/api/v1/assignments/:id",
    "/api/v1/assignments/:id/cancel",
    "/api/v1/feed",
    "/feeds/:token",
    "/homes/:token",
    "/:a/:b/:c/:d",
};

static void
check_path(const char *path)
{
	char buf[ROUTER_MAX_PATH];
	char *params[FUZZ_MAXPARAMS] = {0};
	size_t len;

	if (router_normalize(path, buf) == -1)
		return;
	len = strlen(buf);
	if (len >= ROUTER_MAX_PATH || buf[0] != '/' ||
	    (len > 1 && buf[len - 1] == '/')) {
		fprintf(stderr, "bad normalised path '%s'\n", buf);
		abort();
	}
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		int m = router_match(patterns[i], buf, params, FUZZ_MAXPARAMS);

		if (m != router_match(patterns[i], buf, NULL, 0)) {
			fprintf(
			    stderr, "probe and match disagree on '%s'\n", buf);
			abort();
		}
		if (!m)
			continue;
		for (size_t p = 0; p < FUZZ_MAXPARAMS; p++) {
			if (params[p] != NULL && params[p][0] == '\0') {
				fprintf(stderr, "empty parameter\n");
				abort();
			}
		}
		router_params_free(params, FUZZ_MAXPARAMS);
	}
}

static void
check_query(const char *qs)
{
	struct evkeyvalq q;
	struct evkeyval *kv;

	TAILQ_INIT(&q);
	if (evhttp_parse_query_str(qs, &q) == 0) {
		TAILQ_FOREACH(kv, &q, next) {
			int32_t days;
			int64_t wall;
			int minute;
			char *end;
			(void)civil_parse_date(kv->value, &days);
			(void)civil_parse_datetime(kv->value, &wall);
			(void)civil_parse_hm(kv->value, true, &minute);
			(void)strtol(kv->value, &end, 10);
			check_path(kv->value);
		}
	}
	evhttp_clear_headers(&q);
}

static void
check_forwarded(const char *s)
{
	static struct proxy_list *trusted;
	struct proxy_list *pl;
	char out[CLIENTADDR_MAX], err[160];

	if (trusted == NULL)
		trusted = proxy_list_parse(
		    "127.0.0.1 10.0.0.0/8 ::1 fd00::/8", err, sizeof(err));
	client_address(trusted, "127.0.0.1", s, out);
	if (strcmp(out, "127.0.0.1") != 0 && strstr(s, out) == NULL) {
		fprintf(
		    stderr, "client address '%s' is not in the header\n", out);
		abort();
	}
	if ((pl = proxy_list_parse(s, err, sizeof(err))) != NULL) {
		(void)proxy_list_contains(pl, "10.1.2.3");
		(void)proxy_list_contains(pl, "2001:db8::1");
		proxy_list_free(pl);
	}
}

/* The bytes as header lines, split as evhttp_parse_headers_ does. */
static void
check_headers(const char *s)
{
	struct evkeyvalq h;
	const struct evkeyval *kv;
	char *copy = strdup(s), *line, *save = NULL;
	const char *length = NULL;

	if (copy == NULL)
		return;
	TAILQ_INIT(&h);
	for (line = strtok_r(copy, "\r\n", &save); line != NULL;
	     line = strtok_r(NULL, "\r\n", &save)) {
		char *value = strchr(line, ':');
		size_t n;

		if (value == NULL)
			continue;
		*value++ = '\0';
		value += strspn(value, " ");
		n = strlen(value);
		while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\t'))
			value[--n] = '\0';
		(void)evhttp_add_header(&h, line, value);
	}
	if (http_framing_error(&h) == NULL) {
		TAILQ_FOREACH(kv, &h, next) {
			if (strpbrk(kv->key, " \t()<>@,;:\\\"/[]?={}") !=
			    NULL) {
				fprintf(stderr, "header name '%s' passed\n",
				    kv->key);
				abort();
			}
			if (evutil_ascii_strcasecmp(
			        kv->key, "Content-Length") != 0)
				continue;
			if (kv->value[strspn(kv->value, "0123456789")] !=
			        '\0' ||
			    (length != NULL &&
			        strcmp(length, kv->value) != 0)) {
				fprintf(
				    stderr, "length '%s' passed\n", kv->value);
				abort();
			}
			length = kv->value;
		}
	}
	evhttp_clear_headers(&h);
	free(copy);
}

/* The bytes as a time-zone name: accepted ones are no path and load. */
static void
check_zone(const char *s)
{
	if (!tzmap_name_known(s))
		return;
	if (s[0] == '/' || strstr(s, "..") != NULL || strstr(s, "//") ||
	    strcmp(s, "localtime") == 0 || strcmp(s, "posixrules") == 0 ||
	    strcmp(s, "Factory") == 0 || strncmp(s, "right/", 6) == 0) {
		fprintf(stderr, "zone name '%s' accepted\n", s);
		abort();
	}
	if (tzmap_get(s) == NULL) {
		fprintf(stderr, "listed zone '%s' does not load\n", s);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	struct evhttp_uri *uri;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	/* The raw bytes as a path and as a query string, then as a whole
	 * request target. */
	check_path(s);
	check_query(s);
	check_forwarded(s);
	check_headers(s);
	check_zone(s);

	if ((uri = evhttp_uri_parse_with_flags(s, EVHTTP_URI_NONCONFORMANT)) !=
	    NULL) {
		const char *path = evhttp_uri_get_path(uri);
		const char *qs = evhttp_uri_get_query(uri);
		check_path(path);
		if (qs != NULL)
			check_query(qs);
		evhttp_uri_free(uri);
	}
	free(s);
	return 0;
}
