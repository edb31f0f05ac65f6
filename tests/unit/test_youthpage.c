/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the youth page (daemon/youthpage.c):
 * which visits a youth may take (the gate's answer through candidates.c,
 * swaps included), the four weeks, the homes the youth may work at, and
 * the page: escaping, first names only, the forms, the notice.  No clock:
 * "now" is a fixed Monday, 4 January 2027, 12:00 in Oslo.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "civil.h"
#include "error.h"
#include "i18n.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "tzmap.h"
#include "youthpage.h"

#define NOW       1799060400 /* 2027-01-04T11:00:00Z, 12:00 in Oslo */
#define EVIL      "<script>alert(1)</script>&\"'"
#define EVIL_HTML "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"
#define EVIL_JSON "<script>alert(1)</script>&\\\"'" /* EVIL in JSON */

#define ANYTIME                                                                \
	"\"availability\": [{\"days\": [\"mon\", \"tue\", \"wed\", "           \
	"\"thu\", \"fri\", \"sat\", \"sun\"], \"from\": \"00:00\", "           \
	"\"to\": \"24:00\"}], "

static const char doc[] =
    "{\"version\": 1, \"jurisdiction\": \"NO\", \"timezone\": "
    "\"Europe/Oslo\","
    " \"school_calendar\": {\"terms\": [{\"from\": \"2027-01-04\", \"to\": "
    "\"2027-06-18\"}], \"holidays\": [],"
    "  \"school_hours\": {\"start\": \"08:15\", \"end\": \"14:30\"}},"
    " \"homes\": [{\"id\": \"solheim\", \"name\": \"Solheim\"},"
    "  {\"id\": \"lia\", \"name\": \"Lia " EVIL_JSON "\"}],"
    " \"youths\": ["
    "  {\"id\": \"ida\", " ANYTIME "\"name\": \"Ida Nilsen\", \"birth_date\": "
    "\"2012-03-14\", \"school\": \"compulsory\", \"guardian_consent\": "
    "\"2026-08-10\"},"
    "  {\"id\": \"ola\", " ANYTIME "\"name\": \"Ola Hansen\", \"birth_date\": "
    "\"2009-05-01\", \"school\": \"secondary\"},"
    "  {\"id\": \"eva\", " ANYTIME "\"name\": \"" EVIL_JSON
    " Lie\", \"birth_date\": "
    "\"2009-02-02\", \"school\": \"secondary\", \"homes\": [\"lia\"]}],"
    " \"slots\": ["
    "  {\"id\": \"a-mine\", \"home\": \"solheim\", \"start\": "
    "\"2027-01-05T16:00\", \"end\": \"2027-01-05T17:00\", \"needed\": 3,"
    "   \"activity\": \"Quiz " EVIL_JSON "\"},"
    "  {\"id\": \"b-sat\", \"home\": \"lia\", \"start\": "
    "\"2027-01-09T11:00\", \"end\": \"2027-01-09T13:00\"},"
    "  {\"id\": \"c-long\", \"home\": \"solheim\", \"start\": "
    "\"2027-01-06T15:00\", \"end\": \"2027-01-06T18:00\"},"
    "  {\"id\": \"d-past\", \"home\": \"lia\", \"start\": "
    "\"2027-01-04T09:00\", \"end\": \"2027-01-04T10:00\"},"
    "  {\"id\": \"e-far\", \"home\": \"lia\", \"start\": "
    "\"2027-02-06T11:00\", \"end\": \"2027-02-06T13:00\"},"
    "  {\"id\": \"f-give\", \"home\": \"solheim\", \"start\": "
    "\"2027-01-07T16:00\", \"end\": \"2027-01-07T17:00\"},"
    "  {\"id\": \"g-sun\", \"home\": \"solheim\", \"start\": "
    "\"2027-01-10T11:00\", \"end\": \"2027-01-10T12:00\"}],"
    " \"assignments\": ["
    "  {\"slot\": \"a-mine\", \"youth\": \"ida\"},"
    "  {\"slot\": \"a-mine\", \"youth\": \"ola\"},"
    "  {\"slot\": \"a-mine\", \"youth\": \"eva\"},"
    "  {\"slot\": \"f-give\", \"youth\": \"ola\"}]}";

static struct model_instance *
load(void)
{
	struct rotad_error err;
	json_t *j;
	struct model_instance *inst;

	rotad_error_clear(&err);
	j = instance_json_parse(doc, strlen(doc), &err);
	assert_non_null(j);
	inst = instance_from_json(j, &err);
	if (inst == NULL)
		fail_msg("%s: %s", err.field, err.message);
	json_decref(j);
	return inst;
}

static size_t
idx(long i)
{
	assert_true(i >= 0);
	return (size_t)i;
}

static int64_t
wall_now(const struct model_instance *inst)
{
	return tzmap_to_wall(tzmap_get(inst->timezone), NOW / 60);
}

static void
test_may_take(void **state)
{
	struct model_instance *inst = load();
	const struct tzmap *tz = tzmap_get(inst->timezone);
	size_t ida = idx(model_find_youth(inst, "ida"));
	size_t ola = idx(model_find_youth(inst, "ola"));
	struct rules_report why = {0};
	char err[128];
	bool day = false;

	(void)state;
	assert_int_equal(youthpage_may_take(inst, tz, ida,
	                     idx(model_find_slot(inst, "b-sat")), -1, NULL, err,
	                     sizeof(err)),
	    1);
	/* Three hours on a school day: two at most at 14. */
	assert_int_equal(youthpage_may_take(inst, tz, ida,
	                     idx(model_find_slot(inst, "c-long")), -1, &why,
	                     err, sizeof(err)),
	    0);
	for (size_t i = 0; i < why.n; i++)
		day =
		    day || strcmp(why.v[i].rule_id, "NO-AML-11-2-2a-day") == 0;
	assert_true(day);
	rules_report_free(&why);
	/* Full, so not on an open position; in Ola's place, yes. */
	assert_int_equal(youthpage_may_take(inst, tz, ida,
	                     idx(model_find_slot(inst, "f-give")), -1, NULL,
	                     err, sizeof(err)),
	    0);
	assert_int_equal(youthpage_may_take(inst, tz, ida,
	                     idx(model_find_slot(inst, "f-give")), (long)ola,
	                     NULL, err, sizeof(err)),
	    1);
	model_instance_free(inst);
}

static void
test_open_visits(void **state)
{
	struct model_instance *inst = load();
	const struct tzmap *tz = tzmap_get(inst->timezone);
	size_t ida = idx(model_find_youth(inst, "ida"));
	size_t eva = idx(model_find_youth(inst, "eva"));
	struct youthpage_offer given = {idx(model_find_slot(inst, "f-give")),
	    model_find_youth(inst, "ola"), 7};
	struct youthpage_offer *o;
	char err[128];
	size_t n;

	(void)state;
	assert_int_equal(youthpage_open_visits(inst, tz, ida, wall_now(inst),
	                     &given, 1, &o, &n, err, sizeof(err)),
	    0);
	/* By start: f-give (Thu, offered), b-sat (Sat), g-sun (Sun); not
	 * c-long (illegal), d-past, e-far (after four weeks), a-mine (hers). */
	assert_int_equal(n, 3);
	assert_string_equal(inst->slots[o[0].slot].id, "f-give");
	assert_int_equal(o[0].giver, given.giver);
	assert_int_equal(o[0].request, 7);
	assert_string_equal(inst->slots[o[1].slot].id, "b-sat");
	assert_int_equal(o[1].giver, -1);
	assert_string_equal(inst->slots[o[2].slot].id, "g-sun");
	free(o);
	/* Eva may work at Lia only. */
	assert_int_equal(youthpage_open_visits(inst, tz, eva, wall_now(inst),
	                     NULL, 0, &o, &n, err, sizeof(err)),
	    0);
	assert_int_equal(n, 1);
	assert_string_equal(inst->slots[o[0].slot].id, "b-sat");
	free(o);
	model_instance_free(inst);
}

/* Whether youth y may work at home h (as the page's may_work_at()). */
static bool
works_at(const struct model_youth *y, size_t h)
{
	if (!y->homes_limited)
		return true;
	for (size_t i = 0; i < y->nhomes; i++)
		if (y->homes_idx[i] == h)
			return true;
	return false;
}

/* youthpage_takers() answers youthpage_may_take() for every youth (who
 * may work at the home, but the giver), for every slot, on an open
 * position and in the place of each youth on it, in rank order. */
static void
test_takers(void **state)
{
	struct model_instance *inst = load();
	const struct tzmap *tz = tzmap_get(inst->timezone);
	size_t ola = idx(model_find_youth(inst, "ola"));
	size_t ida = idx(model_find_youth(inst, "ida"));
	char err[128];
	size_t *who, n, checked = 0;

	(void)state;
	for (size_t s = 0; s < inst->nslots; s++) {
		for (long g = -1; g < (long)inst->nyouths; g++) {
			bool *want = calloc(inst->nyouths + 1, sizeof(*want));
			size_t expect = 0;
			assert_non_null(want);
			assert_int_equal(youthpage_takers(inst, tz, s, g, NULL,
			                     &who, &n, err, sizeof(err)),
			    0);
			for (size_t i = 0; i < n; i++)
				want[who[i]] = true;
			for (size_t y = 0; y < inst->nyouths; y++) {
				bool may = (long)y != g &&
				    works_at(&inst->youths[y],
				        inst->slots[s].home_idx) &&
				    youthpage_may_take(inst, tz, y, s, g, NULL,
				        err, sizeof(err)) == 1;
				assert_int_equal(may, want[y]);
				expect += may;
			}
			assert_int_equal(n, expect);
			checked += n;
			free(who);
			free(want);
		}
	}
	assert_true(checked > 0);
	/* b-sat: Ola, with two hours already, after Ida and Eva with one. */
	assert_int_equal(
	    youthpage_takers(inst, tz, idx(model_find_slot(inst, "b-sat")), -1,
	        NULL, &who, &n, err, sizeof(err)),
	    0);
	assert_int_equal(n, 3);
	assert_true(who[0] == ida || who[1] == ida);
	assert_int_equal(who[2], ola);
	free(who);
	/* want: only those asked about. */
	{
		bool want[3] = {false, false, false};
		want[ola] = true;
		assert_int_equal(youthpage_takers(inst, tz,
		                     idx(model_find_slot(inst, "b-sat")), -1,
		                     want, &who, &n, err, sizeof(err)),
		    0);
		assert_int_equal(n, 1);
		assert_int_equal(who[0], ola);
		free(who);
	}
	model_instance_free(inst);
}

static void
test_page(void **state)
{
	struct model_instance *inst = load();
	size_t ida = idx(model_find_youth(inst, "ida"));
	struct youthpage_offer open = {
	    idx(model_find_slot(inst, "b-sat")), -1, 0};
	const char *reasons[] = {"Nope " EVIL};
	struct youthpage_view v;
	char *page;

	(void)state;
	memset(&v, 0, sizeof(v));
	v.now = NOW;
	v.action = "/youth/TOK";
	v.feed_url = "https://rota.example/feeds/TOK.ics";
	v.webcal_url = "javascript:alert(1)";
	v.open = &open;
	v.nopen = 1;
	v.notice = "Refused " EVIL;
	v.notice_bad = true;
	v.reasons = reasons;
	v.nreasons = 1;
	page = youthpage_render(inst, ida, &v, I18N_EN);
	assert_non_null(page);
	assert_null(strstr(page, "<script"));
	assert_non_null(strstr(page, "Hi, Ida!"));
	/* Colleagues by first name; no surnames, no birth dates. */
	assert_non_null(strstr(page, "With: " EVIL_HTML ", Ola"));
	assert_null(strstr(page, "Hansen"));
	assert_null(strstr(page, "Lie"));
	assert_null(strstr(page, "Nilsen"));
	assert_null(strstr(page, "2012"));
	assert_non_null(strstr(page, "Quiz " EVIL_HTML));
	assert_non_null(strstr(page, "Lia " EVIL_HTML));
	assert_non_null(strstr(page, "<p>Refused " EVIL_HTML "</p>"));
	assert_non_null(strstr(page, "<li>Nope " EVIL_HTML "</li>"));
	assert_non_null(strstr(page, "action=\"/youth/TOK/claim\""));
	assert_non_null(strstr(page, "name=\"slot\" value=\"b-sat\""));
	assert_non_null(strstr(page, "action=\"/youth/TOK/give-away\""));
	assert_non_null(strstr(page, "action=\"/youth/TOK/day-off\""));
	/* Only http(s) and webcal(s) links. */
	assert_non_null(strstr(page, "href=\"https://rota.example/feeds/"));
	assert_null(strstr(page, "javascript:"));
	/* The style is the one the CSP hashes, byte for byte. */
	assert_non_null(strstr(page, youthpage_style()));
	free(page);
	assert_null(youthpage_render(inst, inst->nyouths, &v, I18N_EN));
	model_instance_free(inst);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_may_take),
	    cmocka_unit_test(test_open_visits),
	    cmocka_unit_test(test_takers),
	    cmocka_unit_test(test_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
