/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the guardian's consent page
 * (daemon/consent.c): who needs consent, the limits of a youth's
 * category from the rules engine's rows (with the organisation's
 * switches), and the page: escaping, first name only, the forms.
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
#include "consent.h"
#include "error.h"
#include "i18n.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "tzmap.h"

#define EVIL      "<script>alert(1)</script>&\"'"
#define EVIL_HTML "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"
#define EVIL_JSON "<script>alert(1)</script>&\\\"'"

static const char doc_head[] =
    "{\"version\": 1, \"jurisdiction\": \"NO\", \"timezone\": "
    "\"Europe/Oslo\",";
static const char doc_tail[] =
    " \"school_calendar\": {\"terms\": [{\"from\": \"2027-01-04\", \"to\": "
    "\"2027-06-18\"}], \"holidays\": [],"
    "  \"school_hours\": {\"start\": \"08:15\", \"end\": \"14:30\"}},"
    " \"homes\": [{\"id\": \"solheim\", \"name\": \"Solheim\", "
    "\"address\": \"Vei 1\"},"
    "  {\"id\": \"lia\", \"name\": \"Lia " EVIL_JSON "\"}],"
    " \"youths\": ["
    "  {\"id\": \"ida\", \"name\": \"Ida " EVIL_JSON " Nilsen\", "
    "\"birth_date\": \"2012-03-14\", \"school\": \"compulsory\", "
    "\"homes\": [\"lia\"], \"guardian_email\": \"kari@example.org\"},"
    "  {\"id\": \"ola\", \"name\": \"Ola Hansen\", \"birth_date\": "
    "\"2009-05-01\", \"school\": \"secondary\"},"
    "  {\"id\": \"per\", \"name\": \"Per Berg\", \"birth_date\": "
    "\"2009-05-01\", \"school\": \"compulsory\", \"guardian_consent\": "
    "\"2026-12-01\"}],"
    " \"slots\": ["
    "  {\"id\": \"s1\", \"home\": \"lia\", \"start\": "
    "\"2027-01-09T11:00\", \"end\": \"2027-01-09T13:00\", \"activity\": "
    "\"Quiz " EVIL_JSON "\"},"
    "  {\"id\": \"s2\", \"home\": \"solheim\", \"start\": "
    "\"2027-01-09T11:00\", \"end\": \"2027-01-09T13:00\", \"activity\": "
    "\"Bingo\"}],"
    " \"assignments\": []}";

static struct model_instance *
load(const char *options)
{
	struct rotad_error err;
	struct model_instance *inst;
	char *doc;
	json_t *j;

	rotad_error_clear(&err);
	doc = malloc(strlen(doc_head) + strlen(options) + strlen(doc_tail) + 1);
	assert_non_null(doc);
	strcpy(doc, doc_head);
	strcat(doc, options);
	strcat(doc, doc_tail);
	j = instance_json_parse(doc, strlen(doc), &err);
	free(doc);
	assert_non_null(j);
	inst = instance_from_json(j, &err);
	if (inst == NULL)
		fail_msg("%s: %s", err.field, err.message);
	json_decref(j);
	return inst;
}

static int32_t
day(const char *iso)
{
	int32_t d;

	assert_int_equal(civil_parse_date(iso, &d), 0);
	return d;
}

static bool
has(char (*lines)[CONSENT_LINE_MAX], int n, const char *want)
{
	for (int i = 0; i < n; i++)
		if (strcmp(lines[i], want) == 0)
			return true;
	return false;
}

static void
test_needed(void **state)
{
	struct model_instance *inst = load("");
	const struct tzmap *tz = tzmap_get(inst->timezone);

	(void)state;
	assert_non_null(tz);
	/* 14, compulsory school: a child. */
	assert_int_equal(consent_needed(inst, tz, 0, day("2027-01-04")), 1);
	/* 17 in upper secondary: a youth, no consent. */
	assert_int_equal(consent_needed(inst, tz, 1, day("2027-01-04")), 0);
	/* 17 still in compulsory school: a child. */
	assert_int_equal(consent_needed(inst, tz, 2, day("2027-01-04")), 1);
	/* 18 on 1 May 2027: an adult. */
	assert_int_equal(consent_needed(inst, tz, 2, day("2027-05-01")), 0);
	model_instance_free(inst);
}

static void
test_limits(void **state)
{
	struct model_instance *inst = load("");
	const struct tzmap *tz = tzmap_get(inst->timezone);
	char lines[CONSENT_LIMITS][CONSENT_LINE_MAX];
	int n;

	(void)state;
	i18n_use(I18N_EN);
	n = consent_limits(
	    inst, tz, 0, day("2027-01-04"), lines, CONSENT_LIMITS);
	assert_true(n > 5);
	assert_true(has(lines, n, "At most 2 h of work on a school day."));
	assert_true(
	    has(lines, n, "At most 12 h of work in a week with school."));
	assert_true(
	    has(lines, n, "At most 7 h of work on a day without school."));
	assert_true(has(lines, n, "No work between 20:00 and 06:00."));
	assert_true(has(lines, n, "At least 14 h of rest in every 24 hours."));
	assert_true(has(lines, n, "No work during school lessons."));
	/* An adult's rows are not a child's. */
	assert_false(has(lines, n, "At most 9 h of work a day."));
	/* No repeats (the day caps of two rows say the same). */
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			assert_string_not_equal(lines[i], lines[j]);
	/* A 17-year-old in upper secondary: the youth rows. */
	n = consent_limits(
	    inst, tz, 1, day("2027-01-04"), lines, CONSENT_LIMITS);
	assert_true(has(lines, n, "At most 8 h of work a day."));
	assert_true(has(lines, n, "At most 40 h of work a week."));
	assert_false(has(lines, n, "At most 2 h of work on a school day."));
	/* At most max lines. */
	assert_int_equal(
	    consent_limits(inst, tz, 0, day("2027-01-04"), lines, 2), 2);
	model_instance_free(inst);
}

static void
test_limits_follow_switches(void **state)
{
	struct model_instance *inst =
	    load(" \"rule_options\": {\"no_work_before_lessons\": true},");
	const struct tzmap *tz = tzmap_get(inst->timezone);
	char lines[CONSENT_LIMITS][CONSENT_LINE_MAX];
	int n;

	(void)state;
	i18n_use(I18N_EN);
	n = consent_limits(
	    inst, tz, 0, day("2027-01-04"), lines, CONSENT_LIMITS);
	assert_true(has(lines, n, "No work before lessons on a school day."));
	model_instance_free(inst);
	inst = load("");
	n = consent_limits(
	    inst, tz, 0, day("2027-01-04"), lines, CONSENT_LIMITS);
	assert_false(has(lines, n, "No work before lessons on a school day."));
	model_instance_free(inst);
}

static void
test_page(void **state)
{
	struct model_instance *inst = load("");
	struct consent_view v;
	char *page;

	(void)state;
	memset(&v, 0, sizeof(v));
	v.action = "/consent/TOK";
	v.csrf = "abc123";
	v.today = day("2027-01-04");
	v.now_wall = (int64_t)v.today * CIVIL_MIN_PER_DAY + 12 * 60;
	v.expires = day("2027-02-03");
	v.notice = "Done " EVIL;
	page = consent_render(inst, 0, &v, I18N_EN);
	assert_non_null(page);
	assert_null(strstr(page, EVIL));
	assert_null(strstr(page, "<script"));
	/* First name only, escaped; no surname, birth date or e-mail. */
	assert_non_null(strstr(page, "Consent for Ida</h1>"));
	assert_null(strstr(page, "Nilsen"));
	assert_null(strstr(page, "2012"));
	assert_null(strstr(page, "kari@"));
	/* Her homes only, and the kinds of visit there. */
	assert_non_null(strstr(page, "Lia " EVIL_HTML));
	assert_null(strstr(page, "Solheim"));
	assert_non_null(strstr(page, "Quiz " EVIL_HTML));
	assert_null(strstr(page, "Bingo"));
	assert_non_null(strstr(page, "<p>Done " EVIL_HTML "</p>"));
	assert_non_null(strstr(page, "action=\"/consent/TOK/confirm\""));
	assert_non_null(strstr(page, "name=\"csrf\" value=\"abc123\""));
	assert_null(strstr(page, "/withdraw"));
	assert_non_null(strstr(page, "No consent is recorded."));
	assert_non_null(strstr(page, consent_style()));
	free(page);
	/* Per has consent: the withdrawal form. */
	v.notice = NULL;
	page = consent_render(inst, 2, &v, I18N_EN);
	assert_non_null(page);
	assert_non_null(strstr(page, "action=\"/consent/TOK/withdraw\""));
	assert_non_null(strstr(page, "Consent recorded on"));
	assert_non_null(strstr(page, "Solheim, Vei 1"));
	free(page);
	assert_null(consent_render(inst, inst->nyouths, &v, I18N_EN));
	model_instance_free(inst);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_needed),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_limits_follow_switches),
	    cmocka_unit_test(test_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
