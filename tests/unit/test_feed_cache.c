/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the rendered-feed cache
 * (daemon/feed_cache.c): look-up by key, version and day through the hash
 * index, LRU eviction of a full cache, validators made once per render
 * (ETags of both encodings, Last-Modified text) and bytes held past their
 * entry's eviction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "feed_cache.h"
#include "xmalloc.h"

static char *
body_of(const char *text)
{
	return xstrdup(text);
}

static void
test_get_by_key_version_and_day(void **state)
{
	struct feed_cache *fc = feed_cache_new();
	const struct feed_cache_entry *e;

	(void)state;
	assert_null(feed_cache_get(fc, "ics:youth:ida", 1, 100));
	e = feed_cache_put(fc, "ics:youth:ida", 1, 100, body_of("A"), 1000);
	assert_string_equal(e->body, "A");
	assert_int_equal(e->len, 1);
	assert_ptr_equal(feed_cache_get(fc, "ics:youth:ida", 1, 100), e);
	/* Another data version or another day is a miss. */
	assert_null(feed_cache_get(fc, "ics:youth:ida", 2, 100));
	assert_null(feed_cache_get(fc, "ics:youth:ida", 1, 101));
	assert_null(feed_cache_get(fc, "ics:youth:ola", 1, 100));
	feed_cache_free(fc);
}

static void
test_validators(void **state)
{
	struct feed_cache *fc = feed_cache_new();
	const struct feed_cache_entry *e;
	char first[40];

	(void)state;
	/* 2026-11-28 12:00:00 UTC */
	e = feed_cache_put(fc, "k", 1, 1, body_of("BEGIN"), 1795867200);
	assert_int_equal(strlen(e->etag), 34);
	assert_true(e->etag[0] == '"' && e->etag[33] == '"');
	assert_int_equal(strncmp(e->etag_gz, e->etag, 33), 0);
	assert_string_equal(e->etag_gz + 33, "-gz\"");
	assert_string_equal(
	    e->last_modified_http, "Sat, 28 Nov 2026 12:00:00 GMT");
	assert_non_null(e->gz);
	memcpy(first, e->etag, sizeof(first));

	/* Same bytes again (a new day, say): same validators. */
	e = feed_cache_put(fc, "k", 2, 2, body_of("BEGIN"), 1795867300);
	assert_string_equal(e->etag, first);
	assert_int_equal(e->last_modified, 1795867200);
	/* New bytes within the same second: Last-Modified still moves. */
	e = feed_cache_put(fc, "k", 3, 2, body_of("BEGIN2"), 1795867200);
	assert_string_not_equal(e->etag, first);
	assert_int_equal(e->last_modified, 1795867201);
	assert_string_equal(
	    e->last_modified_http, "Sat, 28 Nov 2026 12:00:01 GMT");
	feed_cache_free(fc);
}

static void
test_validators_from_before_a_restart(void **state)
{
	struct feed_cache *fc = feed_cache_new();
	const struct feed_cache_entry *e;
	char etag[40];

	(void)state;
	e = feed_cache_put(fc, "k", 1, 1, body_of("same"), 1000);
	memcpy(etag, e->etag, sizeof(etag));
	feed_cache_free(fc);

	/* A new process renders the same bytes later: same validators. */
	fc = feed_cache_new();
	e = feed_cache_put_after(
	    fc, "k", 1, 1, body_of("same"), 5000, etag, 1000);
	assert_string_equal(e->etag, etag);
	assert_int_equal(e->last_modified, 1000);
	feed_cache_free(fc);

	/* Other bytes: now, or one second past the old one if the clock lags.
	 */
	fc = feed_cache_new();
	e = feed_cache_put_after(
	    fc, "k", 1, 1, body_of("new"), 5000, etag, 1000);
	assert_int_equal(e->last_modified, 5000);
	e = feed_cache_put_after(
	    fc, "j", 1, 1, body_of("new"), 900, etag, 1000);
	assert_int_equal(e->last_modified, 1001);
	/* An entry still in memory outranks what the caller passes. */
	e = feed_cache_put_after(fc, "k", 2, 1, body_of("new"), 6000, etag, 1);
	assert_int_equal(e->last_modified, 5000);
	feed_cache_free(fc);
}

static void
test_full_cache_evicts_least_recently_used(void **state)
{
	struct feed_cache *fc = feed_cache_new();
	char key[32], text[32];

	(void)state;
	for (int i = 0; i < FEED_CACHE_ENTRIES; i++) {
		snprintf(key, sizeof(key), "ics:youth:%d", i);
		snprintf(text, sizeof(text), "body %d", i);
		feed_cache_put(fc, key, 1, 1, body_of(text), 1000);
	}
	/* Touch all but number 7, which becomes the oldest. */
	for (int i = 0; i < FEED_CACHE_ENTRIES; i++) {
		if (i == 7)
			continue;
		snprintf(key, sizeof(key), "ics:youth:%d", i);
		assert_non_null(feed_cache_get(fc, key, 1, 1));
	}
	feed_cache_put(fc, "ics:home:new", 1, 1, body_of("new"), 1000);
	assert_null(feed_cache_get(fc, "ics:youth:7", 1, 1));
	assert_string_equal(
	    feed_cache_get(fc, "ics:home:new", 1, 1)->body, "new");
	/* Every other entry is still found, with its own bytes. */
	for (int i = 0; i < FEED_CACHE_ENTRIES; i++) {
		const struct feed_cache_entry *e;

		if (i == 7)
			continue;
		snprintf(key, sizeof(key), "ics:youth:%d", i);
		snprintf(text, sizeof(text), "body %d", i);
		e = feed_cache_get(fc, key, 1, 1);
		assert_non_null(e);
		assert_string_equal(e->body, text);
	}
	/* Replacing keys many times over keeps the index consistent. */
	for (int round = 0; round < 3; round++)
		for (int i = 0; i < FEED_CACHE_ENTRIES * 2; i++) {
			snprintf(key, sizeof(key), "k%d", i);
			snprintf(text, sizeof(text), "%d/%d", round, i);
			feed_cache_put(fc, key, 1, 1, body_of(text), 1000);
			assert_string_equal(
			    feed_cache_get(fc, key, 1, 1)->body, text);
		}
	feed_cache_free(fc);
}

static void
test_held_bytes_outlive_eviction(void **state)
{
	struct feed_cache *fc = feed_cache_new();
	const struct feed_cache_entry *e;
	struct feed_cache_bytes *held;
	const char *body;

	(void)state;
	e = feed_cache_put(fc, "k", 1, 1, body_of("still here"), 1000);
	held = feed_cache_hold(e);
	body = e->body;
	/* Replaced, then the whole cache freed: the held bytes stay. */
	feed_cache_put(fc, "k", 2, 1, body_of("newer"), 1001);
	feed_cache_free(fc);
	assert_string_equal(body, "still here"); /* ASan: no use after free */
	feed_cache_release(held);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_get_by_key_version_and_day),
	    cmocka_unit_test(test_validators),
	    cmocka_unit_test(test_validators_from_before_a_restart),
	    cmocka_unit_test(test_full_cache_evicts_least_recently_used),
	    cmocka_unit_test(test_held_bytes_outlive_eviction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
