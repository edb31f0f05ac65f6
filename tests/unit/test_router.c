/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the path router: normalisation,
 * literal and parameter segments, percent-decoding and its refusals.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "router.h"

static void
test_normalize(void **state)
{
	char buf[ROUTER_MAX_PATH];
	char longpath[ROUTER_MAX_PATH + 10];

	(void)state;
	assert_int_equal(router_normalize("/api/v1/homes/", buf), 0);
	assert_string_equal(buf, "/api/v1/homes");
	assert_int_equal(router_normalize("/", buf), 0);
	assert_string_equal(buf, "/");
	assert_int_equal(router_normalize("///", buf), 0);
	assert_string_equal(buf, "/");
	assert_int_equal(router_normalize("api", buf), -1);
	assert_int_equal(router_normalize(NULL, buf), -1);
	memset(longpath, 'a', sizeof(longpath));
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	assert_int_equal(router_normalize(longpath, buf), -1);
}

static const struct {
	const char *pattern, *path;
	int match;
	const char *p0, *p1;
} cases[] = {
    {"/api/v1/homes", "/api/v1/homes", 1, NULL, NULL},
    {"/api/v1/homes", "/api/v1/home", 0, NULL, NULL},
    {"/api/v1/homes", "/api/v1/homes/x", 0, NULL, NULL},
    {"/api/v1/homes/:id", "/api/v1/homes/solheim", 1, "solheim", NULL},
    {"/api/v1/homes/:id", "/api/v1/homes", 0, NULL, NULL},
    {"/api/v1/homes/:id", "/api/v1/homes//", 0, NULL, NULL},
    {"/api/v1/homes/:id/feed", "/api/v1/homes/a%20b/feed", 1, "a b", NULL},
    {"/api/v1/homes/:id", "/api/v1/homes/%C3%B8", 1, "\xc3\xb8", NULL},
    {"/api/v1/homes/:id", "/api/v1/homes/a%00b", 0, NULL, NULL},
    {"/api/v1/homes/:id", "/api/v1/homes/a%zz", 0, NULL, NULL},
    {"/api/v1/homes/:id", "/api/v1/homes/a%2", 0, NULL, NULL},
    {"/api/v1/homes/:id", "/api/v1/homes/%2F", 1, "/", NULL},
    {"/a/:x/b/:y", "/a/1/b/2", 1, "1", "2"},
    {"/a/:x/b/:y", "/a/1/c/2", 0, NULL, NULL},
    {"/feeds/:token", "/feeds/abc.ics", 1, "abc.ics", NULL},
    {"/feeds/:token", "/feeds", 0, NULL, NULL},
    {"/feeds/:token", "/feedsx/abc", 0, NULL, NULL},
    {"/feeds", "/feed", 0, NULL, NULL},
    {"/feed", "/feeds", 0, NULL, NULL},
    {"/a/:x", "/a/%41%42", 1, "AB", NULL},
    {"/a/:x", "/a/%4", 0, NULL, NULL},
    {"/a/:x", "/a/%", 0, NULL, NULL},
    {"/a/:x/:y", "/a/1", 0, NULL, NULL},
    {"/a/:x", "/a/1/2", 0, NULL, NULL},
    {"/", "/", 1, NULL, NULL},
};

static void
test_match_table(void **state)
{
	char *params[3] = {NULL, NULL, NULL};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int m =
		    router_match(cases[i].pattern, cases[i].path, params, 3);
		assert_int_equal(m, cases[i].match);
		/* The allocation-free probe agrees with the full match. */
		assert_int_equal(
		    router_match(cases[i].pattern, cases[i].path, NULL, 0),
		    cases[i].match);
		if (cases[i].p0 != NULL)
			assert_string_equal(params[0], cases[i].p0);
		else
			assert_null(params[0]);
		if (cases[i].p1 != NULL)
			assert_string_equal(params[1], cases[i].p1);
		router_params_free(params, 3);
	}
}

static void
test_too_many_params(void **state)
{
	char *params[1] = {NULL};

	(void)state;
	assert_int_equal(router_match("/:a/:b", "/x/y", params, 1), 0);
	assert_null(params[0]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_normalize),
	    cmocka_unit_test(test_match_table),
	    cmocka_unit_test(test_too_many_params),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
