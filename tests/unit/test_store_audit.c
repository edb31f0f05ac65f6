/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the audit log's read side
 * (store_audit.c): newest first, each filter, keyset paging and its "more",
 * forced rows (with forced_violations, or the bare list of a forced
 * delete, wrapped), text that is not JSON, and the keys that could hold a
 * secret dropped at any depth.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "store.h"
#include "store_audit.h"
#include "store_fixture.h"

static void
row(struct store *st, int64_t at, const char *actor, const char *action,
    const char *entity, const char *id, const char *before, const char *after)
{
	struct rotad_error err;

	assert_int_equal(
	    store_audit(st, at, actor, action, entity, id, before, after, &err),
	    0);
}

static void
seed(struct store *st)
{
	row(st, 1000, "kari", "create", "home", "solheim", NULL,
	    "{\"id\":\"solheim\",\"name\":\"Solheim\"}");
	row(st, 2000, "kari (token laptop)", "update", "home", "solheim",
	    "{\"name\":\"Solheim\"}", "{\"name\":\"Solheim sykehjem\"}");
	row(st, 3000, "per", "create", "assignment", "a1", NULL,
	    "{\"value\":{\"id\":\"a1\"},\"forced_violations\":[{\"rule\":"
	    "\"X\"}],\"force_reason\":\"why\"}");
	row(st, 4000, "karianne", "delete", "assignment", "a1",
	    "{\"id\":\"a1\"}", "[{\"rule\":\"Y\"}]");
	row(st, 5000, "rotad user", "create", "user", "nina", NULL,
	    "{\"login\":\"nina\",\"password\":\"p\",\"nested\":{\"hash\":"
	    "\"h\",\"token\":\"t\",\"keep\":1},\"list\":[{\"invite_code\":"
	    "\"c\"}]}");
	row(st, 6000, "-", "import", "instance", NULL, "not json", "");
}

/* The ids of a page, newest first, as "6,5,4". */
static void
page_ids(struct store *st, const struct store_audit_query *q, char *buf,
    size_t len, bool *more)
{
	struct rotad_error err;
	json_t *rows, *r;
	size_t i;

	buf[0] = '\0';
	assert_int_equal(store_audit_page(st, q, &rows, more, &err), 0);
	json_array_foreach(rows, i, r)
	{
		size_t n = strlen(buf);
		snprintf(buf + n, len - n, "%s%lld", i ? "," : "",
		    (long long)json_integer_value(json_object_get(r, "id")));
	}
	json_decref(rows);
}

static void
test_order_filters_and_paging(void **state)
{
	struct store *st = *state;
	struct store_audit_query q = {0};
	char ids[64];
	bool more;

	seed(st);
	q.limit = 100;
	page_ids(st, &q, ids, sizeof(ids), &more);
	assert_string_equal(ids, "6,5,4,3,2,1");
	assert_false(more);
	q.limit = 2;
	page_ids(st, &q, ids, sizeof(ids), &more);
	assert_string_equal(ids, "6,5");
	assert_true(more);
	q.before = 5;
	page_ids(st, &q, ids, sizeof(ids), &more);
	assert_string_equal(ids, "4,3");
	assert_true(more);
	q.before = 3;
	page_ids(st, &q, ids, sizeof(ids), &more);
	assert_string_equal(ids, "2,1");
	assert_false(more);

	memset(&q, 0, sizeof(q));
	q.limit = 100;
	q.entity = "assignment";
	page_ids(st, &q, ids, sizeof(ids), &more);
	assert_string_equal(ids, "4,3");
	q.entity = "home";
	q.entity_id = "solheim";
	page_ids(st, &q, ids, sizeof(ids), &more);
	assert_string_equal(ids, "2,1");
	/* A login: its own rows and its tokens', not a longer login's. */
	memset(&q, 0, sizeof(q));
	q.limit = 100;
	q.actor = "kari";
	page_ids(st, &q, ids, sizeof(ids), &more);
	assert_string_equal(ids, "2,1");
	memset(&q, 0, sizeof(q));
	q.limit = 100;
	q.has_from = q.has_to = true;
	q.from = 2000;
	q.to = 4000;
	page_ids(st, &q, ids, sizeof(ids), &more);
	assert_string_equal(ids, "3,2");
	memset(&q, 0, sizeof(q));
	q.limit = 100;
	q.forced = true;
	page_ids(st, &q, ids, sizeof(ids), &more);
	assert_string_equal(ids, "4,3");
}

static void
test_rows_parsed_wrapped_and_scrubbed(void **state)
{
	struct store *st = *state;
	struct store_audit_query q = {0};
	struct rotad_error err;
	json_t *rows, *r;
	bool more;
	char *text;

	seed(st);
	q.limit = 100;
	assert_int_equal(store_audit_page(st, &q, &rows, &more, &err), 0);
	/* Not JSON, or empty: null. */
	r = json_array_get(rows, 0);
	assert_true(json_is_null(json_object_get(r, "before")));
	assert_true(json_is_null(json_object_get(r, "after")));
	assert_true(json_is_null(json_object_get(r, "entity_id")));
	/* No secret at any depth; the rest kept. */
	r = json_array_get(rows, 1);
	text = json_dumps(r, JSON_COMPACT | JSON_SORT_KEYS);
	assert_null(strstr(text, "password"));
	assert_null(strstr(text, "hash"));
	assert_null(strstr(text, "token"));
	assert_null(strstr(text, "invite_code"));
	assert_non_null(strstr(text, "\"keep\":1"));
	assert_non_null(strstr(text, "\"login\":\"nina\""));
	free(text);
	/* A forced delete's bare list, wrapped. */
	r = json_object_get(json_array_get(rows, 2), "after");
	assert_string_equal(
	    json_string_value(json_object_get(
	        json_array_get(json_object_get(r, "forced_violations"), 0),
	        "rule")),
	    "Y");
	r = json_object_get(json_array_get(rows, 3), "after");
	assert_string_equal(
	    json_string_value(json_object_get(r, "force_reason")), "why");
	assert_int_equal(
	    json_integer_value(json_object_get(json_array_get(rows, 3), "at")),
	    3000);
	json_decref(rows);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_order_filters_and_paging, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_rows_parsed_wrapped_and_scrubbed, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
