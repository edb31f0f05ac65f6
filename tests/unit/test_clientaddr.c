/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the client address behind trusted
 * proxies (daemon/clientaddr.c): the list syntax and its refusals,
 * network matching for IPv4 and IPv6, and the right-to-left walk through
 * X-Forwarded-For that never believes what the client itself sent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "clientaddr.h"

static void
test_parse_refusals(void **state)
{
	static const char *const bad[] = {
	    "localhost",
	    "10.0.0.0/33",
	    "::1/129",
	    "10.0.0.0/",
	    "10.0.0.0/x",
	    "10.0.0.0/-1",
	    "1.2.3",
	    "1.2.3.4.5",
	    "::g",
	    "10.0.0.1;10.0.0.2",
	};
	char err[160];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_null(proxy_list_parse(bad[i], err, sizeof(err)));
		assert_true(strlen(err) > 0);
	}
}

static void
test_contains(void **state)
{
	char err[160];
	struct proxy_list *pl = proxy_list_parse(
	    " 127.0.0.1,::1  10.1.0.0/16,\t2001:db8::/32, 192.168.1.128/25",
	    err, sizeof(err));
	static const struct {
		const char *addr;
		bool in;
	} cases[] = {
	    {"127.0.0.1", true},
	    {"127.0.0.2", false},
	    {"::1", true},
	    {"::2", false},
	    {"10.1.255.255", true},
	    {"10.2.0.0", false},
	    {"2001:db8:ffff::1", true},
	    {"2001:db9::1", false},
	    {"192.168.1.128", true},
	    {"192.168.1.255", true},
	    {"192.168.1.127", false},
	    {"::ffff:10.1.2.3", true}, /* IPv4-mapped: the same address */
	    {"not an address", false},
	    {"", false},
	};

	(void)state;
	assert_non_null(pl);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(
		    proxy_list_contains(pl, cases[i].addr), cases[i].in);
	proxy_list_free(pl);
}

static void
test_empty_list_trusts_nobody(void **state)
{
	char err[160], out[CLIENTADDR_MAX];
	struct proxy_list *pl = proxy_list_parse("", err, sizeof(err));

	(void)state;
	assert_non_null(pl);
	client_address(pl, "127.0.0.1", "203.0.113.9", out);
	assert_string_equal(out, "127.0.0.1");
	client_address(NULL, "127.0.0.1", "203.0.113.9", out);
	assert_string_equal(out, "127.0.0.1");
	proxy_list_free(pl);
}

static void
test_forwarded_for(void **state)
{
	char err[160], out[CLIENTADDR_MAX];
	struct proxy_list *pl =
	    proxy_list_parse("127.0.0.1 10.0.0.0/8", err, sizeof(err));
	static const struct {
		const char *peer, *xff, *want;
	} cases[] = {
	    /* Not from a proxy: the header is the client's own claim. */
	    {"198.51.100.7", "203.0.113.9", "198.51.100.7"},
	    /* From the proxy: the address it saw. */
	    {"127.0.0.1", "203.0.113.9", "203.0.113.9"},
	    {"127.0.0.1", " 203.0.113.9 ", "203.0.113.9"},
	    {"127.0.0.1", NULL, "127.0.0.1"},
	    /* A forged entry on the left is never believed. */
	    {"127.0.0.1", "1.1.1.1, 203.0.113.9", "203.0.113.9"},
	    /* Through two trusted proxies. */
	    {"127.0.0.1", "1.1.1.1, 203.0.113.9, 10.0.0.5", "203.0.113.9"},
	    {"127.0.0.1", "1.1.1.1,203.0.113.9,10.0.0.5", "203.0.113.9"},
	    /* Every hop trusted: the left-most. */
	    {"127.0.0.1", "10.0.0.9, 10.0.0.5", "10.0.0.9"},
	    /* Garbage stops the walk at the last good address. */
	    {"127.0.0.1", "garbage", "127.0.0.1"},
	    {"127.0.0.1", "203.0.113.9, garbage, 10.0.0.5", "10.0.0.5"},
	    {"127.0.0.1", "", "127.0.0.1"},
	    {"127.0.0.1", ",", "127.0.0.1"},
	    {"127.0.0.1", "2001:db8::1", "2001:db8::1"},
	};

	(void)state;
	assert_non_null(pl);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		client_address(pl, cases[i].peer, cases[i].xff, out);
		assert_string_equal(out, cases[i].want);
	}
	proxy_list_free(pl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_refusals),
	    cmocka_unit_test(test_contains),
	    cmocka_unit_test(test_empty_list_trusts_nobody),
	    cmocka_unit_test(test_forwarded_for),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
