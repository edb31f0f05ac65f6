/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of instance_json.c: a table of bad
 * inputs (each a patch of the product brief's example, with the exact error
 * code and JSON path expected), the fixtures of tests/data/instances, exact
 * round trips in both directions, DST gaps and ambiguities, the per-entity
 * readers and writers, raw JSON parsing, and plans.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "civil.h"
#include "error.h"
#include "instance_json.h"
#include "model.h"
#include "tzmap.h"

#define FIXTURES ROTA_TEST_DATA "/instances/"

/* ---- helpers ---- */

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static json_t *
load_fixture(const char *name)
{
	char path[512];
	struct rotad_error err;
	size_t len;
	char *buf;
	json_t *root;

	snprintf(path, sizeof(path), "%s%s", FIXTURES, name);
	buf = read_file(path, &len);
	rotad_error_clear(&err);
	root = instance_json_parse(buf, len, &err);
	free(buf);
	if (root == NULL)
		fail_msg("%s: %s", name, err.message);
	return root;
}

static json_t *
load_text(const char *text)
{
	json_error_t jerr;
	json_t *v =
	    json_loads(text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);

	if (v == NULL)
		fail_msg("bad test JSON '%s': %s", text, jerr.text);
	return v;
}

/* Compact dump with the key order as it is, for exact comparisons. */
static char *
dump(const json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

	assert_non_null(s);
	return s;
}

static void
assert_json_text(const json_t *v, const char *expected)
{
	char *got = dump(v);

	if (strcmp(got, expected) != 0)
		fail_msg("got      %s\nexpected %s", got, expected);
	free(got);
}

/*
 * Sets (or with value NULL deletes) the member named by a slash path such
 * as "slots/0/end"; "-" as the last array step appends.
 */
static void
patch(json_t *root, const char *ptr, const char *value)
{
	char buf[256], *tok, *next;
	json_t *cur = root;

	snprintf(buf, sizeof(buf), "%s", ptr);
	tok = buf;
	for (;;) {
		next = strchr(tok, '/');
		if (next != NULL)
			*next = '\0';
		if (next == NULL)
			break;
		if (json_is_array(cur))
			cur = json_array_get(cur, strtoul(tok, NULL, 10));
		else
			cur = json_object_get(cur, tok);
		if (cur == NULL)
			fail_msg("patch path '%s' does not exist", ptr);
		tok = next + 1;
	}
	if (json_is_array(cur)) {
		if (value == NULL)
			json_array_remove(cur, strtoul(tok, NULL, 10));
		else if (strcmp(tok, "-") == 0)
			json_array_append_new(cur, load_text(value));
		else
			json_array_set_new(
			    cur, strtoul(tok, NULL, 10), load_text(value));
	} else if (value == NULL) {
		json_object_del(cur, tok);
	} else {
		json_object_set_new(cur, tok, load_text(value));
	}
}

static struct model_instance *
read_ok(const json_t *root)
{
	struct rotad_error err;
	struct model_instance *inst;

	rotad_error_clear(&err);
	inst = instance_from_json(root, &err);
	if (inst == NULL)
		fail_msg("unexpected error %s at '%s': %s",
		    rotad_err_code(err.code), err.field, err.message);
	return inst;
}

/* ---- deep equality of instances (tests only) ---- */

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
strv_eq(char **a, char **b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!str_eq(a[i], b[i]))
			return false;
	return true;
}

#define EQ(cond)                                                               \
	do {                                                                   \
		if (!(cond)) {                                                 \
			print_error("differs: %s\n", #cond);                   \
			return false;                                          \
		}                                                              \
	} while (0)

static bool
youth_eq(const struct model_youth *a, const struct model_youth *b)
{
	EQ(str_eq(a->id, b->id) && str_eq(a->name, b->name));
	EQ(a->birth_date == b->birth_date && a->school == b->school);
	EQ(a->guardian_consent == b->guardian_consent);
	EQ(a->nskills == b->nskills &&
	    strv_eq(a->skills, b->skills, a->nskills));
	EQ(a->navailability == b->navailability);
	for (size_t i = 0; i < a->navailability; i++)
		EQ(a->availability[i].days == b->availability[i].days &&
		    a->availability[i].from == b->availability[i].from &&
		    a->availability[i].to == b->availability[i].to);
	EQ(a->nunavailable == b->nunavailable);
	for (size_t i = 0; i < a->nunavailable; i++)
		EQ(a->unavailable[i].start == b->unavailable[i].start &&
		    a->unavailable[i].end == b->unavailable[i].end);
	EQ(a->nother_work == b->nother_work);
	for (size_t i = 0; i < a->nother_work; i++)
		EQ(a->other_work[i].start == b->other_work[i].start &&
		    a->other_work[i].end == b->other_work[i].end);
	EQ(a->max_week_minutes == b->max_week_minutes);
	EQ(a->homes_limited == b->homes_limited && a->nhomes == b->nhomes);
	EQ(strv_eq(a->homes, b->homes, a->nhomes));
	EQ(str_eq(a->school_calendar, b->school_calendar) &&
	    a->calendar_idx == b->calendar_idx);
	for (size_t i = 0; a->homes_idx && b->homes_idx && i < a->nhomes; i++)
		EQ(a->homes_idx[i] == b->homes_idx[i]);
	return true;
}

static bool
slot_eq(const struct model_slot *a, const struct model_slot *b)
{
	EQ(str_eq(a->id, b->id) && str_eq(a->home, b->home));
	EQ(a->home_idx == b->home_idx);
	EQ(a->start == b->start && a->end == b->end);
	EQ(a->needed == b->needed && a->min_age == b->min_age);
	EQ(str_eq(a->activity, b->activity));
	EQ(a->nrequires == b->nrequires);
	for (size_t i = 0; i < a->nrequires; i++)
		EQ(str_eq(a->requires[i].skill, b->requires[i].skill) &&
		    a->requires[i].count == b->requires[i].count);
	return true;
}

static bool
assignment_eq(
    const struct model_assignment *a, const struct model_assignment *b)
{
	EQ(str_eq(a->id, b->id) && str_eq(a->slot, b->slot) &&
	    str_eq(a->youth, b->youth));
	EQ(a->slot_idx == b->slot_idx && a->youth_idx == b->youth_idx);
	EQ(a->pinned == b->pinned && a->status == b->status);
	return true;
}

static bool
calendar_eq(const struct model_school_calendar *ca,
    const struct model_school_calendar *cb)
{
	EQ(str_eq(model_calendar_id(ca), model_calendar_id(cb)));
	EQ(str_eq(ca->name, cb->name));
	EQ(ca->nterms == cb->nterms && ca->nholidays == cb->nholidays);
	for (size_t i = 0; i < ca->nterms; i++)
		EQ(ca->terms[i].from == cb->terms[i].from &&
		    ca->terms[i].to == cb->terms[i].to);
	for (size_t i = 0; i < ca->nholidays; i++)
		EQ(ca->holidays[i].from == cb->holidays[i].from &&
		    ca->holidays[i].to == cb->holidays[i].to);
	EQ(ca->has_school_hours == cb->has_school_hours);
	EQ(ca->school_start == cb->school_start &&
	    ca->school_end == cb->school_end);
	return true;
}

/* The document version is not compared: a version 1 document and its
 * version 2 rewrite hold the same instance. */
static bool
instance_eq(const struct model_instance *a, const struct model_instance *b)
{
	EQ(str_eq(a->jurisdiction, b->jurisdiction));
	EQ(str_eq(a->timezone, b->timezone));
	EQ(a->nrule_options == b->nrule_options);
	for (size_t i = 0; i < a->nrule_options; i++) {
		const struct model_rule_option *x = &a->rule_options[i];
		const struct model_rule_option *y = &b->rule_options[i];
		EQ(str_eq(x->name, y->name) && x->kind == y->kind);
		EQ(x->b == y->b && x->i == y->i && str_eq(x->s, y->s));
	}
	EQ(model_calendar_count(a) == model_calendar_count(b));
	for (size_t i = 0; i < model_calendar_count(a); i++)
		EQ(calendar_eq(
		    model_calendar_at(a, i), model_calendar_at(b, i)));
	EQ(a->public_holidays_set == b->public_holidays_set);
	EQ(a->npublic_holidays == b->npublic_holidays);
	for (size_t i = 0; i < a->npublic_holidays; i++)
		EQ(a->public_holidays[i] == b->public_holidays[i]);
	EQ(a->nhomes == b->nhomes);
	for (size_t i = 0; i < a->nhomes; i++)
		EQ(str_eq(a->homes[i].id, b->homes[i].id) &&
		    str_eq(a->homes[i].name, b->homes[i].name) &&
		    str_eq(a->homes[i].address, b->homes[i].address));
	EQ(a->nyouths == b->nyouths);
	for (size_t i = 0; i < a->nyouths; i++)
		EQ(youth_eq(&a->youths[i], &b->youths[i]));
	EQ(a->nslots == b->nslots);
	for (size_t i = 0; i < a->nslots; i++)
		EQ(slot_eq(&a->slots[i], &b->slots[i]));
	EQ(a->nassignments == b->nassignments);
	for (size_t i = 0; i < a->nassignments; i++)
		EQ(assignment_eq(&a->assignments[i], &b->assignments[i]));
	EQ(a->travel_minutes == b->travel_minutes && a->seconds == b->seconds);
	return true;
}

/* from_json(to_json(x)) == x */
static void
assert_struct_round_trip(const struct model_instance *x)
{
	json_t *j = instance_to_json(x);
	struct model_instance *y = read_ok(j);

	assert_true(instance_eq(x, y));
	model_instance_free(y);
	json_decref(j);
}

/*
 * A version 1 document as version 2 writes it: "version": 2 and its one
 * "school_calendar" as the default of "school_calendars" (id "default"),
 * in the same place among the keys.
 */
static json_t *
as_version_2(const json_t *v1)
{
	json_t *out = json_object(), *cal;
	const char *key;
	json_t *value;

	json_object_foreach((json_t *)v1, key, value)
	{
		if (strcmp(key, "version") == 0) {
			json_object_set_new(out, key, json_integer(2));
		} else if (strcmp(key, "school_calendar") == 0) {
			cal = json_pack(
			    "{s:s, s:b}", "id", "default", "default", 1);
			json_object_update(cal, value);
			json_object_set_new(
			    out, "school_calendars", json_pack("[o]", cal));
		} else {
			json_object_set(out, key, value);
		}
	}
	return out;
}

/* to_json(from_json(doc)) == doc, including the order of keys (a version 1
 * doc comes back as version 2). */
static void
assert_doc_round_trip(const char *fixture)
{
	json_t *v1 = load_fixture(fixture), *doc = as_version_2(v1), *out;
	struct model_instance *inst = read_ok(v1);
	char *a, *b;

	json_decref(v1);
	out = instance_to_json(inst);
	assert_true(json_equal(doc, out));
	a = dump(doc);
	b = dump(out);
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_struct_round_trip(inst);
	json_decref(out);
	json_decref(doc);
	model_instance_free(inst);
}

/* ---- bad input table ---- */

#define DEL NULL

struct bad_case {
	const char *ptr1, *val1; /* patch of the base document */
	const char *ptr2, *val2; /* optional second patch */
	enum rotad_err code;
	const char *field;
};

#define INV ROTAD_ERR_INVALID_FIELD
#define MIS ROTAD_ERR_MISSING_FIELD
#define UNK ROTAD_ERR_UNKNOWN_FIELD
#define REF ROTAD_ERR_UNKNOWN_REFERENCE
#define P1(p, v, c, f)                                                         \
	{                                                                      \
		p, v, NULL, NULL, c, f                                         \
	}
#define P2(p, v, q, w, c, f)                                                   \
	{                                                                      \
		p, v, q, w, c, f                                               \
	}

static const struct bad_case bad_cases[] = {
    /* top level */
    P1("version", DEL, MIS, "version"),
    P1("version", "3", INV, "version"),
    P1("version", "0", INV, "version"),
    P1("version", "\"1\"", INV, "version"),
    P1("version", "1.0", INV, "version"),
    P1("version", "null", INV, "version"),
    P1("homez", "[]", UNK, "homez"),
    P1("Version", "1", UNK, "Version"),
    P1("jurisdiction", "\"SE\"", INV, "jurisdiction"),
    P1("jurisdiction", "\"no\"", INV, "jurisdiction"),
    P1("jurisdiction", "1", INV, "jurisdiction"),
    P1("timezone", "\"Mars/Olympus_Mons\"", INV, "timezone"),
    P1("timezone", "\"../../etc/passwd\"", INV, "timezone"),
    P1("timezone", "\"\"", INV, "timezone"),
    P1("timezone", "[]", INV, "timezone"),
    /* rule_options */
    P1("rule_options", "[]", INV, "rule_options"),
    P1("rule_options", "null", INV, "rule_options"),
    P1("rule_options/nope", "true", UNK, "rule_options.nope"),
    P1("rule_options/care_exemption_12_9g", "1", INV,
        "rule_options.care_exemption_12_9g"),
    P1("rule_options/care_exemption_12_9g", "\"true\"", INV,
        "rule_options.care_exemption_12_9g"),
    P1("rule_options/adult_min_break_minutes", "0", INV,
        "rule_options.adult_min_break_minutes"),
    P1("rule_options/adult_min_break_minutes", "30.5", INV,
        "rule_options.adult_min_break_minutes"),
    P1("rule_options/adult_min_break_minutes", "99999999999999", INV,
        "rule_options.adult_min_break_minutes"),
    P1("rule_options/adolescent_night_window", "\"22:00-06:00\"", UNK,
        "rule_options.adolescent_night_window"),
    P2("jurisdiction", "\"EU\"", "rule_options",
        "{\"adolescent_night_window\": \"21:00-05:00\"}", INV,
        "rule_options.adolescent_night_window"),
    P1("jurisdiction", "\"EU\"", UNK, "rule_options.care_exemption_12_9g"),
    /* school calendar */
    P1("school_calendar", "[]", INV, "school_calendar"),
    P1("school_calendar/term", "[]", UNK, "school_calendar.term"),
    P1("school_calendar/terms/0/from", "\"2026-02-30\"", INV,
        "school_calendar.terms[0].from"),
    P1("school_calendar/terms/0/to", "\"2026-08-16\"", INV,
        "school_calendar.terms[0].to"),
    P1("school_calendar/terms/0/to", DEL, MIS, "school_calendar.terms[0].to"),
    P1("school_calendar/holidays/0/note", "\"vinterferie\"", UNK,
        "school_calendar.holidays[0].note"),
    P1("school_calendar/holidays/0", "\"2027-02-22\"", INV,
        "school_calendar.holidays[0]"),
    P1("school_calendar/school_hours/end", "\"08:15\"", INV,
        "school_calendar.school_hours.end"),
    P1("school_calendar/school_hours/start", "\"8:15\"", INV,
        "school_calendar.school_hours.start"),
    P1("school_calendar/school_hours/end", "\"24:00\"", INV,
        "school_calendar.school_hours.end"),
    P1("school_calendar/school_hours/lunch", "\"11:00\"", UNK,
        "school_calendar.school_hours.lunch"),
    /* public holidays */
    P1("public_holidays", "\"2027-03-25\"", INV, "public_holidays"),
    P1("public_holidays/0", "\"2027-13-01\"", INV, "public_holidays[0]"),
    P1("public_holidays/1", "\"2027-03-25\"", INV, "public_holidays[1]"),
    P1("public_holidays/-", "20270101", INV, "public_holidays[2]"),
    /* homes */
    P1("homes", "{}", INV, "homes"),
    P1("homes/0", "\"solheim\"", INV, "homes[0]"),
    P1("homes/0/id", DEL, MIS, "homes[0].id"),
    P1("homes/0/name", DEL, MIS, "homes[0].name"),
    P1("homes/0/name", "\"\"", INV, "homes[0].name"),
    P1("homes/0/name", "null", INV, "homes[0].name"),
    P1("homes/0/name", "\"Sol\\nheim\"", INV, "homes[0].name"),
    P1("homes/0/name", "\"Sol\\u0085heim\"", INV, "homes[0].name"),
    P1("homes/0/id", "\"sol heim\"", INV, "homes[0].id"),
    P1("homes/0/id", "\"-solheim\"", INV, "homes[0].id"),
    P1("homes/0/id", "\"s\\u00f8lheim\"", INV, "homes[0].id"),
    P1("homes/0/id",
        "\"a234567890123456789012345678901234567890123456789012345678901234"
        "5\"",
        INV, "homes[0].id"),
    P1("homes/0/phone", "\"123\"", UNK, "homes[0].phone"),
    P1("homes/-", "{\"id\": \"solheim\", \"name\": \"Solheim 2\"}", INV,
        "homes[1].id"),
    /* youths */
    P1("youths/0/name", DEL, MIS, "youths[0].name"),
    P1("youths/0/nmae", "\"Ida\"", UNK, "youths[0].nmae"),
    P1("youths/0/birth_date", DEL, MIS, "youths[0].birth_date"),
    P1("youths/0/birth_date", "\"2012-02-30\"", INV, "youths[0].birth_date"),
    P1("youths/0/birth_date", "\"14.03.2012\"", INV, "youths[0].birth_date"),
    P1("youths/0/school", "\"primary\"", INV, "youths[0].school"),
    P1("youths/0/school", DEL, MIS, "youths[0].school"),
    P1("youths/0/guardian_consent", "\"yesterday\"", INV,
        "youths[0].guardian_consent"),
    P1("youths/0/skills", "\"leader\"", INV, "youths[0].skills"),
    P1("youths/0/skills/-", "\"leader\"", INV, "youths[0].skills[1]"),
    P1("youths/0/skills/0", "\"\"", INV, "youths[0].skills[0]"),
    P1("youths/0/skills/0", "1", INV, "youths[0].skills[0]"),
    P1("youths/0/skills/0",
        "\"an extremely long skill name that goes on and on beyond the "
        "limit\"",
        INV, "youths[0].skills[0]"),
    P1("youths/0/availability/0/days", "[]", INV,
        "youths[0].availability[0].days"),
    P1("youths/0/availability/0/days/-", "\"funday\"", INV,
        "youths[0].availability[0].days[2]"),
    P1("youths/0/availability/0/days/-", "\"mon\"", INV,
        "youths[0].availability[0].days[2]"),
    P1("youths/0/availability/0/days/0", "\"Mon\"", INV,
        "youths[0].availability[0].days[0]"),
    P1("youths/0/availability/1/days/0", "\"sat \"", INV,
        "youths[0].availability[1].days[0]"),
    P1("youths/0/availability/0/to", "\"14:00\"", INV,
        "youths[0].availability[0].to"),
    P1("youths/0/availability/0/to", "\"15:00\"", INV,
        "youths[0].availability[0].to"),
    P1("youths/0/availability/0/from", "\"24:00\"", INV,
        "youths[0].availability[0].from"),
    P1("youths/0/availability/0/to", "\"24:01\"", INV,
        "youths[0].availability[0].to"),
    P1("youths/0/availability/0/to", DEL, MIS, "youths[0].availability[0].to"),
    P1("youths/0/availability/0/hours", "2", UNK,
        "youths[0].availability[0].hours"),
    P1("youths/0/unavailable/0/to", "\"2027-01-11T00:00\"", INV,
        "youths[0].unavailable[0].to"),
    P1("youths/0/unavailable/0/from", "\"2027-03-28T02:15\"", INV,
        "youths[0].unavailable[0].from"),
    P1("youths/0/unavailable/0/start", "\"2027-01-12T00:00\"", UNK,
        "youths[0].unavailable[0].start"),
    P1("youths/0/other_work/0/end", "\"2027-01-09T10:00\"", INV,
        "youths[0].other_work[0].end"),
    P1("youths/0/other_work/0/start", "\"2027-01-09 10:00\"", INV,
        "youths[0].other_work[0].start"),
    P1("youths/0/other_work/0/start", "\"2027-01-09T10:00Z\"", INV,
        "youths[0].other_work[0].start"),
    P1("youths/0/max_week_hours", "-1", INV, "youths[0].max_week_hours"),
    P1("youths/0/max_week_hours", "168.5", INV, "youths[0].max_week_hours"),
    P1("youths/0/max_week_hours", "\"6\"", INV, "youths[0].max_week_hours"),
    P1("youths/0/homes/0", "\"nowhere\"", REF, "youths[0].homes[0]"),
    P1("youths/0/homes/-", "\"solheim\"", INV, "youths[0].homes[1]"),
    P1("youths/0/homes", "null", INV, "youths[0].homes"),
    P1("youths/-",
        "{\"id\": \"y17\", \"name\": \"Ida To\", \"birth_date\": "
        "\"2011-01-01\", \"school\": \"none\"}",
        INV, "youths[1].id"),
    /* slots */
    P1("slots/0/home", "\"nowhere\"", REF, "slots[0].home"),
    P1("slots/0/home", DEL, MIS, "slots[0].home"),
    P1("slots/0/end", "\"2027-01-04T15:00\"", INV, "slots[0].end"),
    P1("slots/0/end", "\"2027-01-04T16:00\"", INV, "slots[0].end"),
    P1("slots/0/end", "\"2027-01-05T16:01\"", INV, "slots[0].end"),
    P1("slots/0/start", "\"2027-03-28T02:30\"", INV, "slots[0].start"),
    P1("slots/0/start", DEL, MIS, "slots[0].start"),
    P1("slots/0/start", "\"2027-01-04T16:00:00\"", INV, "slots[0].start"),
    P1("slots/0/start", "\"2027-01-04T25:00\"", INV, "slots[0].start"),
    P1("slots/0/needed", "0", INV, "slots[0].needed"),
    P1("slots/0/needed", "101", INV, "slots[0].needed"),
    P1("slots/0/needed", "2.5", INV, "slots[0].needed"),
    P1("slots/0/min_age", "100", INV, "slots[0].min_age"),
    P1("slots/0/min_age", "-1", INV, "slots[0].min_age"),
    P1("slots/0/requires/leader", "3", INV, "slots[0].requires.leader"),
    P1("slots/0/requires/leader", "0", INV, "slots[0].requires.leader"),
    P1("slots/0/requires", "[\"leader\"]", INV, "slots[0].requires"),
    P1("slots/0/activity", "42", INV, "slots[0].activity"),
    P1("slots/0/activity", "\"\"", INV, "slots[0].activity"),
    P1("slots/0/title", "\"Quiz\"", UNK, "slots[0].title"),
    P1("slots/-",
        "{\"id\": \"s1\", \"home\": \"solheim\", \"start\": "
        "\"2027-01-05T16:00\", \"end\": \"2027-01-05T18:00\"}",
        INV, "slots[1].id"),
    /* assignments */
    P1("assignments/0/slot", "\"s9\"", REF, "assignments[0].slot"),
    P1("assignments/0/youth", "\"nobody\"", REF, "assignments[0].youth"),
    P1("assignments/0/youth", DEL, MIS, "assignments[0].youth"),
    P1("assignments/0/pinned", "\"yes\"", INV, "assignments[0].pinned"),
    P1("assignments/0/status", "\"done\"", INV, "assignments[0].status"),
    P1("assignments/0/made_by", "\"solver\"", UNK, "assignments[0].made_by"),
    P1("assignments/0/id", "\"a 1\"", INV, "assignments[0].id"),
    P1("assignments/-", "{\"slot\": \"s1\", \"youth\": \"y17\"}", INV,
        "assignments[1].youth"),
    P2("assignments/0/id", "\"a1\"", "assignments/-",
        "{\"id\": \"a1\", \"slot\": \"s1\", \"youth\": \"y17\", "
        "\"status\": \"cancelled\"}",
        INV, "assignments[1].id"),
    /* options */
    P1("options", "30", INV, "options"),
    P1("options/travel_minutes", "1441", INV, "options.travel_minutes"),
    P1("options/travel_minutes", "-1", INV, "options.travel_minutes"),
    P1("options/seconds", "0", INV, "options.seconds"),
    P1("options/seconds", "3601", INV, "options.seconds"),
    P1("options/speed", "1", UNK, "options.speed"),
};

static void
test_bad_cases(void **state)
{
	json_t *base = load_fixture("product.json");
	struct model_instance *inst;
	size_t n = sizeof(bad_cases) / sizeof(bad_cases[0]), failed = 0;

	(void)state;
	assert_true(n >= 60);
	/* The base itself is valid, so each error comes from its patch. */
	model_instance_free(read_ok(base));
	for (size_t i = 0; i < n; i++) {
		const struct bad_case *c = &bad_cases[i];
		struct rotad_error err;
		json_t *doc = json_deep_copy(base);

		patch(doc, c->ptr1, c->val1);
		if (c->ptr2 != NULL)
			patch(doc, c->ptr2, c->val2);
		rotad_error_clear(&err);
		inst = instance_from_json(doc, &err);
		if (inst != NULL || err.code != c->code ||
		    strcmp(err.field, c->field) != 0 ||
		    err.message[0] == '\0') {
			print_error("case %zu (%s = %s): want %s at '%s', got "
			            "%s at '%s': %s\n",
			    i, c->ptr1, c->val1 ? c->val1 : "(deleted)",
			    rotad_err_code(c->code), c->field,
			    inst ? "success" : rotad_err_code(err.code),
			    err.field, err.message);
			failed++;
		}
		model_instance_free(inst);
		json_decref(doc);
	}
	json_decref(base);
	assert_int_equal(failed, 0);
}

static void
assert_error(const json_t *doc, enum rotad_err code, const char *field,
    const char *message_part)
{
	struct rotad_error err;
	struct model_instance *inst;

	rotad_error_clear(&err);
	inst = instance_from_json(doc, &err);
	assert_null(inst);
	assert_string_equal(rotad_err_code(err.code), rotad_err_code(code));
	assert_string_equal(err.field, field);
	if (strstr(err.message, message_part) == NULL)
		fail_msg("message '%s' lacks '%s'", err.message, message_part);
}

static void
test_root_not_object(void **state)
{
	json_t *doc = load_text("[1, 2]");

	(void)state;
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "", "must be an object");
	json_decref(doc);
}

static void
test_messages(void **state)
{
	json_t *base = load_fixture("product.json"), *doc;

	(void)state;
	doc = json_deep_copy(base);
	patch(doc, "slots/0/end", "\"2027-01-04T15:00\"");
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "slots[0].end",
	    "end 2027-01-04T15:00 is before start 2027-01-04T16:00");
	json_decref(doc);

	doc = json_deep_copy(base);
	patch(doc, "youths/0/nmae", "\"x\"");
	assert_error(doc, ROTAD_ERR_UNKNOWN_FIELD, "youths[0].nmae",
	    "unknown field 'nmae'; did you mean 'name'?");
	json_decref(doc);

	doc = json_deep_copy(base);
	patch(doc, "options/zzz", "1");
	assert_error(doc, ROTAD_ERR_UNKNOWN_FIELD, "options.zzz",
	    "known fields here: travel_minutes, seconds");
	json_decref(doc);

	doc = json_deep_copy(base);
	patch(doc, "homes/-", "{\"id\": \"solheim\", \"name\": \"X\"}");
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "homes[1].id",
	    "id 'solheim' is already used by homes[0]");
	json_decref(doc);

	doc = json_deep_copy(base);
	patch(doc, "rule_options/sunday", "true");
	assert_error(doc, ROTAD_ERR_UNKNOWN_FIELD, "rule_options.sunday",
	    "the NO profile has no switch 'sunday'");
	json_decref(doc);

	doc = json_deep_copy(base);
	patch(doc, "version", "3");
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "version",
	    "version 3 is not supported");
	json_decref(doc);

	doc = json_deep_copy(base);
	patch(doc, "assignments/0/slot", "\"s9\"");
	assert_error(doc, ROTAD_ERR_UNKNOWN_REFERENCE, "assignments[0].slot",
	    "no slot has id 's9'");
	json_decref(doc);
	json_decref(base);
}

/* The first error in document order wins when there are several. */
static void
test_first_error_wins(void **state)
{
	json_t *doc = load_fixture("product.json");

	(void)state;
	patch(doc, "slots/0/needed", "0");
	patch(doc, "youths/0/school", "\"x\"");
	assert_error(
	    doc, ROTAD_ERR_INVALID_FIELD, "youths[0].school", "compulsory");
	json_decref(doc);
}

static void
test_list_caps(void **state)
{
	json_t *doc = load_fixture("product.json"), *big = json_array();

	(void)state;
	for (size_t i = 0; i <= INSTANCE_JSON_MAX_LIST; i++)
		json_array_append_new(big, json_null());
	json_object_set_new(doc, "homes", big);
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "homes", "at most 100000");
	json_decref(doc);

	doc = load_fixture("product.json");
	big = json_array();
	for (size_t i = 0; i <= INSTANCE_JSON_MAX_SUBLIST; i++)
		json_array_append_new(big, json_sprintf("skill%zu", i));
	json_object_set_new(
	    json_array_get(json_object_get(doc, "youths"), 0), "skills", big);
	assert_error(
	    doc, ROTAD_ERR_INVALID_FIELD, "youths[0].skills", "at most 1000");
	json_decref(doc);
}

static void
test_text_limits(void **state)
{
	json_t *doc = load_fixture("product.json");
	json_t *home = json_array_get(json_object_get(doc, "homes"), 0);
	char text[MODEL_TEXT_MAX + 2];
	struct model_instance *inst;

	(void)state;
	memset(text, 'a', sizeof(text));
	text[MODEL_TEXT_MAX] = '\0';
	json_object_set_new(home, "address", json_string(text));
	inst = read_ok(doc);
	assert_int_equal(strlen(inst->homes[0].address), MODEL_TEXT_MAX);
	model_instance_free(inst);
	text[MODEL_TEXT_MAX] = 'a';
	text[MODEL_TEXT_MAX + 1] = '\0';
	json_object_set_new(home, "address", json_string(text));
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "homes[0].address",
	    "at most 500 bytes");
	/* An embedded NUL made through the API rather than the parser. */
	json_object_set_new(home, "address", json_stringn("a\0b", 3));
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "homes[0].address", "NUL");
	json_decref(doc);
}

/* Names and addresses must show something, and show what is stored. */
static void
test_blank_and_bidi_text(void **state)
{
	static const char *const refused_blank[] = {
	    " ", "   ", "\xc2\xa0",     /* no-break space */
	    "\xe2\x80\x8b",             /* zero-width space */
	    "\xe2\x80\x83\xe3\x80\x80", /* em space, ideographic space */
	    "\xef\xbb\xbf",             /* BOM */
	};
	/* Octal escapes: a hex escape would swallow the letters after it. */
	static const char *const refused_bidi[] = {
	    "\342\200\256",          /* U+202E alone */
	    "Ida \342\200\256evlos", /* right-to-left override */
	    "a\342\201\246b",        /* U+2066 isolate */
	};
	static const char *const accepted[] = {
	    "\303\205se \303\230deg\303\245rd",        /* Åse Ødegård */
	    "\331\205\330\261\331\212\331\205",        /* an Arabic name */
	    " x ", "\342\200\213x", "Ida\342\200\217", /* RLM is fine */
	};
	json_t *doc = load_fixture("product.json");
	json_t *home = json_array_get(json_object_get(doc, "homes"), 0);
	struct model_instance *inst;

	(void)state;
	for (size_t i = 0; i < sizeof(refused_blank) / sizeof(*refused_blank);
	     i++) {
		json_object_set_new(
		    home, "name", json_string(refused_blank[i]));
		assert_error(
		    doc, ROTAD_ERR_INVALID_FIELD, "homes[0].name", "blank");
	}
	json_object_set_new(home, "name", json_string("Solheim"));
	for (size_t i = 0; i < sizeof(refused_bidi) / sizeof(*refused_bidi);
	     i++) {
		json_object_set_new(
		    home, "address", json_string(refused_bidi[i]));
		assert_error(doc, ROTAD_ERR_INVALID_FIELD, "homes[0].address",
		    "bidirectional");
	}
	json_object_set_new(home, "address", json_string("Gate 1"));
	for (size_t i = 0; i < sizeof(accepted) / sizeof(*accepted); i++) {
		json_object_set_new(home, "name", json_string(accepted[i]));
		inst = read_ok(doc);
		assert_string_equal(inst->homes[0].name, accepted[i]);
		model_instance_free(inst);
	}
	json_decref(doc);
}

/* Messages and paths cut short never split a UTF-8 character. */
static void
test_utf8_safe_errors(void **state)
{
	json_t *doc = load_fixture("product.json");
	json_t *home = json_array_get(json_object_get(doc, "homes"), 0);
	json_t *youth = json_array_get(json_object_get(doc, "youths"), 0);
	char key[256] = "x", val[256] = "a";
	struct rotad_error err;
	json_t *f, *m;

	(void)state;
	for (size_t i = 0; i < 100; i++) {
		strcat(key, "\xc3\xb8"); /* ø */
		strcat(val, "\xc3\xb8");
	}
	json_object_set_new(home, key, json_true());
	assert_null(instance_from_json(doc, &err));
	assert_int_equal(err.code, ROTAD_ERR_UNKNOWN_FIELD);
	assert_true(strlen(err.field) < sizeof(err.field));
	f = json_string(err.field);
	m = json_string(err.message);
	assert_non_null(f);
	assert_non_null(m);
	assert_non_null(strstr(err.message, "..."));
	json_decref(f);
	json_decref(m);
	json_object_del(home, key);

	json_object_set_new(youth, "birth_date", json_string(val));
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "youths[0].birth_date",
	    "is not a valid date");
	assert_null(instance_from_json(doc, &err));
	m = json_string(err.message);
	assert_non_null(m);
	json_decref(m);
	json_decref(doc);
}

/* ---- good documents ---- */

static void
test_product_example(void **state)
{
	json_t *doc = load_fixture("product.json");
	struct model_instance *inst = read_ok(doc);
	const struct model_youth *y = &inst->youths[0];
	const struct model_slot *s = &inst->slots[0];
	int32_t d;

	(void)state;
	assert_string_equal(inst->jurisdiction, "NO");
	assert_int_equal(inst->nrule_options, 1);
	assert_int_equal(inst->rule_options[0].kind, MODEL_OPTION_BOOL);
	assert_false(inst->rule_options[0].b);
	assert_int_equal(inst->school_calendar.nterms, 2);
	assert_int_equal(inst->school_calendar.school_start, 8 * 60 + 15);
	assert_int_equal(inst->school_calendar.school_end, 14 * 60 + 30);
	assert_true(inst->public_holidays_set);
	assert_int_equal(inst->npublic_holidays, 2);
	assert_int_equal(civil_parse_date("2012-03-14", &d), 0);
	assert_int_equal(y->birth_date, d);
	assert_int_equal(y->school, MODEL_SCHOOL_COMPULSORY);
	assert_int_equal(y->navailability, 2);
	assert_int_equal(y->availability[0].days,
	    MODEL_DAY_BIT(CIVIL_MON) | MODEL_DAY_BIT(CIVIL_WED));
	assert_int_equal(y->availability[1].from, 600);
	assert_int_equal(y->max_week_minutes, 360);
	assert_true(y->homes_limited);
	assert_int_equal(y->homes_idx[0], 0);
	assert_int_equal(s->needed, 2);
	assert_int_equal(s->min_age, 15);
	assert_int_equal(s->end - s->start, 120);
	assert_string_equal(s->requires[0].skill, "leader");
	assert_true(inst->assignments[0].pinned);
	assert_null(inst->assignments[0].id);
	assert_int_equal(inst->assignments[0].status, MODEL_ASSIGNMENT_ACTIVE);
	assert_int_equal(inst->travel_minutes, 30);
	model_instance_free(inst);
	json_decref(doc);
}

static void
test_round_trip_product(void **state)
{
	(void)state;
	assert_doc_round_trip("product.json");
}

static void
test_round_trip_realistic(void **state)
{
	(void)state;
	assert_doc_round_trip("realistic.json");
}

static void
test_round_trip_eu(void **state)
{
	(void)state;
	assert_doc_round_trip("eu.json");
}

static void
test_realistic_details(void **state)
{
	json_t *doc = load_fixture("realistic.json");
	struct model_instance *inst = read_ok(doc);
	const struct model_youth *mari = &inst->youths[3];

	(void)state;
	assert_string_equal(inst->youths[0].name, "Åse Kristin Ødegård");
	assert_int_equal(
	    model_first_name_len(inst->youths[0].name), strlen("Åse"));
	assert_int_equal(inst->youths[0].max_week_minutes, 450);
	assert_int_equal(inst->youths[1].availability[0].to, 1440);
	assert_int_equal(inst->youths[2].max_week_minutes, -1);
	assert_false(inst->youths[2].homes_limited);
	assert_int_equal(inst->youths[2].guardian_consent, CIVIL_NO_DATE);
	assert_true(mari->homes_limited);
	assert_int_equal(mari->nhomes, 0);
	assert_int_equal(mari->max_week_minutes, 0);
	/* s2 runs over midnight. */
	assert_int_equal(inst->slots[1].end - inst->slots[1].start, 180);
	assert_int_equal(
	    inst->assignments[2].status, MODEL_ASSIGNMENT_CANCELLED);
	assert_int_equal(inst->assignments[3].slot_idx, 1);
	assert_int_equal(inst->assignments[4].youth_idx, 2);
	assert_int_equal(inst->rule_options[1].kind, MODEL_OPTION_INT);
	assert_int_equal(inst->rule_options[1].i, 30);
	assert_int_equal(inst->travel_minutes, 45);
	assert_int_equal(inst->seconds, 10);
	model_instance_free(inst);
	json_decref(doc);
}

static void
test_minimal_defaults(void **state)
{
	json_t *doc = load_fixture("minimal.json"), *out;
	struct model_instance *inst = read_ok(doc);

	(void)state;
	assert_string_equal(inst->jurisdiction, "NO");
	assert_string_equal(inst->timezone, "Europe/Oslo");
	assert_false(inst->public_holidays_set);
	assert_int_equal(inst->nhomes + inst->nyouths + inst->nslots, 0);
	assert_int_equal(inst->travel_minutes, 30);
	assert_int_equal(inst->seconds, 5);
	out = instance_to_json(inst);
	assert_json_text(out,
	    "{\"version\":2,\"jurisdiction\":\"NO\",\"timezone\":\"Europe/"
	    "Oslo\",\"rule_options\":{},\"school_calendars\":[{\"id\":"
	    "\"default\",\"default\":true,\"terms\":[],\"holidays\":[]}],"
	    "\"homes\":[],\"youths\":[],\"slots\":[],"
	    "\"assignments\":[],\"options\":{\"travel_minutes\":30,"
	    "\"seconds\":5}}");
	assert_struct_round_trip(inst);
	json_decref(out);
	model_instance_free(inst);
	json_decref(doc);
}

/* Entity defaults: needed 1, pinned false, no cap, no consent, active. */
static void
test_entity_defaults(void **state)
{
	json_t *doc = load_text(
	    "{\"version\": 1, \"homes\": [{\"id\": \"h\", \"name\": \"H\"}],"
	    " \"youths\": [{\"id\": \"y\", \"name\": \"Y\", \"birth_date\":"
	    " \"2010-01-01\", \"school\": \"none\"}],"
	    " \"slots\": [{\"id\": \"s\", \"home\": \"h\", \"start\":"
	    " \"2027-01-04T16:00\", \"end\": \"2027-01-04T18:00\"}],"
	    " \"assignments\": [{\"slot\": \"s\", \"youth\": \"y\"}]}");
	struct model_instance *inst = read_ok(doc);
	json_t *slot;

	(void)state;
	assert_null(inst->homes[0].address);
	assert_int_equal(inst->youths[0].max_week_minutes, -1);
	assert_int_equal(inst->youths[0].guardian_consent, CIVIL_NO_DATE);
	assert_int_equal(inst->youths[0].navailability, 0);
	assert_false(inst->youths[0].homes_limited);
	assert_int_equal(inst->slots[0].needed, 1);
	assert_int_equal(inst->slots[0].min_age, 0);
	assert_null(inst->slots[0].activity);
	assert_false(inst->assignments[0].pinned);
	assert_int_equal(inst->assignments[0].status, MODEL_ASSIGNMENT_ACTIVE);
	slot = instance_slot_to_json(&inst->slots[0]);
	assert_json_text(slot,
	    "{\"id\":\"s\",\"home\":\"h\",\"start\":\"2027-01-04T16:00\","
	    "\"end\":\"2027-01-04T18:00\",\"needed\":1,\"requires\":{}}");
	json_decref(slot);
	assert_struct_round_trip(inst);
	model_instance_free(inst);
	json_decref(doc);
}

/* A cancelled assignment does not count as a second one on the slot. */
static void
test_cancelled_duplicate_ok(void **state)
{
	json_t *doc = load_fixture("product.json");
	struct model_instance *inst;

	(void)state;
	patch(doc, "assignments/-",
	    "{\"slot\": \"s1\", \"youth\": \"y17\", \"status\": \"cancelled\"}");
	inst = read_ok(doc);
	assert_int_equal(inst->nassignments, 2);
	model_instance_free(inst);
	patch(doc, "assignments/1/status", "\"active\"");
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "assignments[1].youth",
	    "already on slot 's1'");
	json_decref(doc);
}

/* ---- DST ---- */

static json_t *
slot_doc(const char *start, const char *end)
{
	json_t *doc = load_fixture("product.json");
	json_t *s = json_array_get(json_object_get(doc, "slots"), 0);

	json_object_set_new(s, "start", json_string(start));
	json_object_set_new(s, "end", json_string(end));
	return doc;
}

static void
test_dst_gap(void **state)
{
	json_t *doc;

	(void)state;
	doc = slot_doc("2027-03-28T02:30", "2027-03-28T04:00");
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "slots[0].start",
	    "2027-03-28T02:30 does not exist in Europe/Oslo");
	json_decref(doc);
	/* 02:00 itself is skipped; 03:00 is the first minute of summer. */
	doc = slot_doc("2027-03-28T01:00", "2027-03-28T02:00");
	assert_error(
	    doc, ROTAD_ERR_INVALID_FIELD, "slots[0].end", "does not exist");
	json_decref(doc);
	doc = slot_doc("2027-03-28T01:59", "2027-03-28T03:00");
	model_instance_free(read_ok(doc));
	json_decref(doc);
	/* In UTC the same wall time exists. */
	doc = slot_doc("2027-03-28T02:30", "2027-03-28T04:00");
	patch(doc, "timezone", "\"UTC\"");
	model_instance_free(read_ok(doc));
	json_decref(doc);
}

static void
test_dst_ambiguous(void **state)
{
	json_t *doc = slot_doc("2027-10-31T02:30", "2027-10-31T02:45"), *out;
	struct model_instance *inst = read_ok(doc);

	(void)state;
	assert_int_equal(inst->slots[0].end - inst->slots[0].start, 15);
	out = instance_slot_to_json(&inst->slots[0]);
	assert_string_equal(json_string_value(json_object_get(out, "start")),
	    "2027-10-31T02:30");
	json_decref(out);
	assert_struct_round_trip(inst);
	model_instance_free(inst);
	json_decref(doc);
}

/* The 24-hour limit is real time: 25 h on the autumn day, 23 in spring. */
static void
test_dst_slot_length(void **state)
{
	json_t *doc;

	(void)state;
	doc = slot_doc("2027-10-31T00:00", "2027-11-01T00:00");
	assert_error(doc, ROTAD_ERR_INVALID_FIELD, "slots[0].end",
	    "the slot lasts 25 h 00 min");
	json_decref(doc);
	doc = slot_doc("2027-03-28T00:00", "2027-03-29T00:00");
	model_instance_free(read_ok(doc));
	json_decref(doc);
	doc = slot_doc("2027-01-04T00:00", "2027-01-05T00:00");
	model_instance_free(read_ok(doc));
	json_decref(doc);
	doc = slot_doc("2027-01-04T00:00", "2027-01-05T00:01");
	assert_error(
	    doc, ROTAD_ERR_INVALID_FIELD, "slots[0].end", "24 h 01 min");
	json_decref(doc);
}

/* ---- max_week_hours ---- */

static int
week_minutes_of(const char *value)
{
	json_t *doc = load_fixture("product.json");
	struct model_instance *inst;
	int m;

	patch(doc, "youths/0/max_week_hours", value);
	inst = read_ok(doc);
	m = inst->youths[0].max_week_minutes;
	model_instance_free(inst);
	json_decref(doc);
	return m;
}

static void
test_max_week_hours(void **state)
{
	(void)state;
	assert_int_equal(week_minutes_of("0"), 0);
	assert_int_equal(week_minutes_of("7.5"), 450);
	assert_int_equal(week_minutes_of("6.51"), 390); /* rounded down */
	assert_int_equal(week_minutes_of("0.1"), 6);
	assert_int_equal(week_minutes_of("2.05"), 123);
	assert_int_equal(week_minutes_of("168"), 10080);
	assert_int_equal(week_minutes_of("168.0"), 10080);
}

/* Every whole-minute cap survives writing and reading back. */
static void
test_max_week_round_trip_all(void **state)
{
	struct model_youth y = {0};
	struct model_youth back;
	struct rotad_error err;
	json_t *j, *v;

	(void)state;
	y.id = "y";
	y.name = "Y";
	y.guardian_consent = CIVIL_NO_DATE;
	for (int m = 0; m <= 168 * 60; m++) {
		y.max_week_minutes = m;
		j = instance_youth_to_json(&y);
		v = json_object_get(j, "max_week_hours");
		assert_true(m % 60 == 0 ? json_is_integer(v) : json_is_real(v));
		if (instance_youth_from_json(j, "", NULL, &back, &err) < 0)
			fail_msg("%d: %s", m, err.message);
		if (back.max_week_minutes != m)
			fail_msg("%d minutes came back as %d", m,
			    back.max_week_minutes);
		model_youth_clear(&back);
		json_decref(j);
	}
}

/* ---- per-entity readers and writers ---- */

static void
test_home_reader(void **state)
{
	struct model_home h;
	struct rotad_error err;
	json_t *v = load_text("{\"name\": \"X\"}"), *out;

	(void)state;
	assert_int_equal(instance_home_from_json(v, "", &h, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_MISSING_FIELD);
	assert_string_equal(err.field, "id");
	assert_null(h.name); /* left empty on failure */
	json_decref(v);
	v = load_text("{\"id\": \"h1\", \"name\": \"Ålesund omsorg\"}");
	assert_int_equal(instance_home_from_json(v, "", &h, &err), 0);
	out = instance_home_to_json(&h);
	assert_true(json_equal(v, out));
	json_decref(out);
	model_home_clear(&h);
	json_decref(v);
}

static void
test_youth_reader_path(void **state)
{
	struct model_youth y;
	struct rotad_error err;
	json_t *v =
	    load_text("{\"id\": \"y\", \"name\": \"Y\", \"birth_date\":"
	              " \"2010-01-01\", \"school\": \"none\", "
	              "\"other_work\": [{\"start\": \"2027-03-28T02:00\","
	              " \"end\": \"2027-03-28T05:00\"}]}");

	(void)state;
	assert_int_equal(instance_youth_from_json(v, "youths[3]",
	                     tzmap_get("Europe/Oslo"), &y, &err),
	    -1);
	assert_int_equal(err.code, ROTAD_ERR_INVALID_FIELD);
	assert_string_equal(err.field, "youths[3].other_work[0].start");
	assert_null(y.id);
	json_decref(v);
}

/* A youth's own language: optional, a tag rota has, null for the org's. */
static void
test_youth_language(void **state)
{
	static const char base[] = "{\"id\": \"y\", \"name\": \"Y\", "
	                           "\"birth_date\": \"2010-01-01\", "
	                           "\"school\": \"none\"";
	struct model_youth y;
	struct rotad_error err;
	char text[256];
	json_t *v, *out;

	(void)state;
	snprintf(text, sizeof(text), "%s, \"language\": \"en\"}", base);
	v = load_text(text);
	assert_int_equal(instance_youth_from_json(v, "", NULL, &y, &err), 0);
	assert_string_equal(y.language, "en");
	out = instance_youth_to_json(&y);
	assert_string_equal(
	    json_string_value(json_object_get(out, "language")), "en");
	json_decref(out);
	model_youth_clear(&y);
	json_decref(v);

	/* Absent or null: none of its own, and none written back. */
	snprintf(text, sizeof(text), "%s, \"language\": null}", base);
	v = load_text(text);
	assert_int_equal(instance_youth_from_json(v, "", NULL, &y, &err), 0);
	assert_null(y.language);
	out = instance_youth_to_json(&y);
	assert_null(json_object_get(out, "language"));
	json_decref(out);
	model_youth_clear(&y);
	json_decref(v);

	snprintf(text, sizeof(text), "%s, \"language\": \"se\"}", base);
	v = load_text(text);
	assert_int_equal(
	    instance_youth_from_json(v, "youths[2]", NULL, &y, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_INVALID_FIELD);
	assert_string_equal(err.field, "youths[2].language");
	assert_string_equal(err.message,
	    "must be one of \"en\", \"nb\", or null for the organisation's "
	    "language");
	json_decref(v);
}

static void
test_slot_reader(void **state)
{
	const struct tzmap *oslo = tzmap_get("Europe/Oslo");
	struct model_slot s;
	struct rotad_error err;
	json_t *v, *out;

	(void)state;
	assert_non_null(oslo);
	v = load_text("{\"id\": \"s\", \"home\": \"h\", \"start\": "
	              "\"2027-03-28T02:00\", \"end\": \"2027-03-28T04:00\"}");
	assert_int_equal(instance_slot_from_json(v, "", oslo, &s, &err), -1);
	assert_string_equal(err.field, "start");
	json_decref(v);
	v = load_text("{\"id\": \"s\", \"home\": \"h\", \"start\": "
	              "\"2027-06-01T10:00\", \"end\": \"2027-06-01T12:00\", "
	              "\"needed\": 3, \"activity\": \"Tur i parken\", "
	              "\"min_age\": 16, \"requires\": {\"leader\": 1, "
	              "\"first_aid\": 3}}");
	assert_int_equal(instance_slot_from_json(v, "", oslo, &s, &err), 0);
	assert_int_equal(s.nrequires, 2);
	assert_int_equal(s.requires[1].count, 3);
	out = instance_slot_to_json(&s);
	assert_true(json_equal(v, out));
	json_decref(out);
	model_slot_clear(&s);
	json_decref(v);
}

static void
test_assignment_reader(void **state)
{
	struct model_assignment a;
	struct rotad_error err;
	json_t *v, *out;

	(void)state;
	v = load_text("{\"slot\": \"s\", \"youth\": \"y\", \"seq\": 3}");
	assert_int_equal(instance_assignment_from_json(v, "", &a, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_UNKNOWN_FIELD);
	assert_string_equal(err.field, "seq");
	json_decref(v);
	v = load_text("{\"id\": \"a-7\", \"slot\": \"s\", \"youth\": \"y\", "
	              "\"pinned\": true, \"status\": \"cancelled\"}");
	assert_int_equal(instance_assignment_from_json(v, "", &a, &err), 0);
	assert_string_equal(a.id, "a-7");
	assert_int_equal(a.status, MODEL_ASSIGNMENT_CANCELLED);
	out = instance_assignment_to_json(&a, false);
	assert_true(json_equal(v, out));
	json_decref(out);
	model_assignment_clear(&a);
	json_decref(v);
}

static void
test_assignment_bookkeeping(void **state)
{
	struct model_assignment a = {0};
	json_t *out;

	(void)state;
	a.id = "a1";
	a.slot = "s1";
	a.youth = "y17";
	a.made_by = MODEL_MADE_BY_SOLVER;
	a.seq = 7;
	a.created_at = 1799074800; /* 2027-01-04T15:00:00Z */
	a.updated_at = -1;
	out = instance_assignment_to_json(&a, true);
	assert_json_text(out,
	    "{\"id\":\"a1\",\"slot\":\"s1\",\"youth\":\"y17\",\"pinned\":false,"
	    "\"status\":\"active\",\"made_by\":\"solver\",\"seq\":7,"
	    "\"created_at\":\"2027-01-04T15:00:00Z\","
	    "\"updated_at\":\"1969-12-31T23:59:59Z\"}");
	json_decref(out);
	a.made_by = MODEL_MADE_BY_COORDINATOR;
	a.id = NULL;
	a.created_at = 1799074800 + 86399;
	out = instance_assignment_to_json(&a, true);
	assert_string_equal(
	    json_string_value(json_object_get(out, "made_by")), "coordinator");
	assert_string_equal(
	    json_string_value(json_object_get(out, "created_at")),
	    "2027-01-05T14:59:59Z");
	assert_null(json_object_get(out, "id"));
	json_decref(out);
	out = instance_assignment_to_json(&a, false);
	assert_json_text(
	    out, "{\"slot\":\"s1\",\"youth\":\"y17\",\"pinned\":false}");
	json_decref(out);
}

static void
test_school_calendar_reader(void **state)
{
	struct model_school_calendar cal;
	struct rotad_error err;
	json_t *v, *out;

	(void)state;
	v = load_text("{\"terms\": [{\"from\": \"2027-01-04\", \"to\": "
	              "\"2027-01-04\"}], \"holidays\": [], \"school_hours\": "
	              "{\"start\": \"08:00\", \"end\": \"15:00\"}}");
	assert_int_equal(
	    instance_school_calendar_from_json(v, "", &cal, &err), 0);
	assert_int_equal(cal.terms[0].from, cal.terms[0].to);
	out = instance_school_calendar_to_json(&cal);
	assert_true(json_equal(v, out));
	json_decref(out);
	instance_school_calendar_clear(&cal);
	json_decref(v);
	v = load_text("{\"school_hours\": {\"start\": \"08:00\"}}");
	assert_int_equal(
	    instance_school_calendar_from_json(v, "cal", &cal, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_MISSING_FIELD);
	assert_string_equal(err.field, "cal.school_hours.end");
	json_decref(v);
}

static void
test_settings(void **state)
{
	struct instance_settings s;
	struct rotad_error err;
	struct model_instance *inst, *other;
	json_t *v, *out, *doc;

	(void)state;
	v = load_text("{}");
	assert_int_equal(instance_settings_from_json(v, "", &s, &err), 0);
	out = instance_settings_to_json(&s);
	assert_json_text(out,
	    "{\"jurisdiction\":\"NO\",\"timezone\":\"Europe/Oslo\","
	    "\"language\":\"nb\",\"rule_options\":{},\"options\":"
	    "{\"travel_minutes\":30,\"seconds\":5}}");
	json_decref(out);
	assert_null(s.language); /* the jurisdiction's, shown as "nb" */
	instance_settings_clear(&s);
	json_decref(v);

	/* The language follows the jurisdiction unless it is set. */
	v = load_text("{\"jurisdiction\": \"EU\"}");
	assert_int_equal(instance_settings_from_json(v, "", &s, &err), 0);
	out = instance_settings_to_json(&s);
	assert_string_equal(
	    json_string_value(json_object_get(out, "language")), "en");
	json_decref(out);
	instance_settings_clear(&s);
	json_decref(v);
	v = load_text("{\"jurisdiction\": \"EU\", \"language\": \"nb\"}");
	assert_int_equal(instance_settings_from_json(v, "", &s, &err), 0);
	assert_string_equal(s.language, "nb");
	instance_settings_clear(&s);
	json_decref(v);
	v = load_text("{\"language\": null}");
	assert_int_equal(instance_settings_from_json(v, "", &s, &err), 0);
	assert_null(s.language);
	instance_settings_clear(&s);
	json_decref(v);
	for (size_t i = 0; i < 4; i++) {
		static const char *const bad[] = {"{\"language\": \"no\"}",
		    "{\"language\": \"NB\"}", "{\"language\": \"fr\"}",
		    "{\"language\": 1}"};
		v = load_text(bad[i]);
		assert_int_equal(
		    instance_settings_from_json(v, "settings", &s, &err), -1);
		assert_int_equal(err.code, ROTAD_ERR_INVALID_FIELD);
		assert_string_equal(err.field, "settings.language");
		assert_non_null(strstr(err.message, "\"nb\""));
		json_decref(v);
	}

	v = load_text("{\"options\": {\"seconds\": 0}}");
	assert_int_equal(
	    instance_settings_from_json(v, "settings", &s, &err), -1);
	assert_string_equal(err.field, "settings.options.seconds");
	json_decref(v);
	v = load_text("{\"homes\": []}");
	assert_int_equal(instance_settings_from_json(v, "", &s, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_UNKNOWN_FIELD);
	assert_string_equal(err.field, "homes");
	json_decref(v);
	v = load_text(
	    "{\"jurisdiction\": \"UK\", \"rule_options\": "
	    "{\"cwsa_2026_in_force\": true}, \"public_holidays\": []}");
	assert_int_equal(instance_settings_from_json(v, "", &s, &err), 0);
	assert_true(s.public_holidays_set);
	assert_int_equal(s.npublic_holidays, 0);
	instance_settings_clear(&s);
	json_decref(v);

	/* get + to_json + from_json + take carries the settings across. */
	doc = load_fixture("realistic.json");
	inst = read_ok(doc);
	other = model_instance_new();
	instance_settings_get(&s, inst);
	out = instance_settings_to_json(&s);
	instance_settings_clear(&s);
	assert_int_equal(instance_settings_from_json(out, "", &s, &err), 0);
	instance_settings_take(other, &s);
	assert_null(s.jurisdiction);
	assert_int_equal(other->nrule_options, 3);
	assert_int_equal(other->npublic_holidays, 11);
	assert_int_equal(other->travel_minutes, 45);
	json_decref(out);
	out = instance_settings_to_json(
	    &(struct instance_settings){.jurisdiction = other->jurisdiction,
	        .timezone = other->timezone,
	        .rule_options = other->rule_options,
	        .nrule_options = other->nrule_options,
	        .public_holidays_set = other->public_holidays_set,
	        .public_holidays = other->public_holidays,
	        .npublic_holidays = other->npublic_holidays,
	        .travel_minutes = other->travel_minutes,
	        .seconds = other->seconds});
	assert_true(json_equal(json_object_get(out, "rule_options"),
	    json_object_get(doc, "rule_options")));
	assert_true(json_equal(json_object_get(out, "public_holidays"),
	    json_object_get(doc, "public_holidays")));
	json_decref(out);
	model_instance_free(other);
	model_instance_free(inst);
	json_decref(doc);
}

/* A hand-built instance with unusual values survives a round trip. */
static void
test_struct_round_trip_built(void **state)
{
	struct model_instance *inst = model_instance_new();
	struct model_youth *y;
	struct model_slot *s;
	char f[ROTAD_ERROR_FIELD_MAX], m[ROTAD_ERROR_MESSAGE_MAX];

	(void)state;
	inst->public_holidays_set = true; /* an empty list, not the default */
	inst->nhomes = 1;
	inst->homes = calloc(1, sizeof(*inst->homes));
	inst->homes[0].id = strdup("h");
	inst->homes[0].name = strdup("Hjem");
	inst->nyouths = 1;
	y = inst->youths = calloc(1, sizeof(*inst->youths));
	y->id = strdup("y");
	y->name = strdup("Øystein");
	y->birth_date = civil_days_from_ymd(2011, 2, 28);
	y->school = MODEL_SCHOOL_SECONDARY;
	y->guardian_consent = civil_days_from_ymd(2026, 12, 31);
	y->max_week_minutes = 7;
	y->homes_limited = true;
	inst->nslots = 1;
	s = inst->slots = calloc(1, sizeof(*inst->slots));
	s->id = strdup("s");
	s->home = strdup("h");
	s->start = (int64_t)civil_days_from_ymd(2027, 5, 17) * 1440 + 600;
	s->end = s->start + 1440;
	s->needed = 100;
	s->min_age = 99;
	inst->nassignments = 1;
	inst->assignments = calloc(1, sizeof(*inst->assignments));
	inst->assignments[0].id = strdup("a");
	inst->assignments[0].slot = strdup("s");
	inst->assignments[0].youth = strdup("y");
	inst->assignments[0].status = MODEL_ASSIGNMENT_CANCELLED;
	inst->travel_minutes = 0;
	inst->seconds = 3600;
	assert_int_equal(
	    model_instance_link(inst, f, sizeof(f), m, sizeof(m)), 0);
	assert_struct_round_trip(inst);
	model_instance_free(inst);
}

/* ---- raw JSON ---- */

static void
assert_parse_error(
    const char *text, enum rotad_err code, const char *message_part)
{
	struct rotad_error err;
	json_t *v;

	rotad_error_clear(&err);
	v = instance_json_parse(text, strlen(text), &err);
	assert_null(v);
	assert_int_equal(err.code, code);
	if (strstr(err.message, message_part) == NULL)
		fail_msg("message '%s' lacks '%s'", err.message, message_part);
}

static void
test_parse(void **state)
{
	struct rotad_error err;
	char deep[200];
	json_t *v;

	(void)state;
	assert_parse_error("{", ROTAD_ERR_INVALID_JSON, "line 1 column");
	assert_parse_error("{\n  \"a\": 1,\n  \"a\": 2\n}",
	    ROTAD_ERR_INVALID_JSON, "duplicate");
	assert_parse_error(
	    "{\"a\": 1,\n\n  oops}", ROTAD_ERR_INVALID_JSON, "line 3");
	assert_parse_error("{} {}", ROTAD_ERR_INVALID_JSON, "line 1");
	assert_parse_error("{\"a\": \"\xff\"}", ROTAD_ERR_INVALID_JSON, "line");
	assert_parse_error(
	    "{\"a\": \"x\\u0000y\"}", ROTAD_ERR_INVALID_JSON, "line");
	assert_parse_error("", ROTAD_ERR_INVALID_JSON, "line");

	memset(deep, '[', 33);
	deep[33] = '\0';
	assert_parse_error(deep, ROTAD_ERR_INVALID_JSON, "nesting deeper");
	/* Brackets inside strings do not count, escaped quotes included. */
	snprintf(deep, sizeof(deep), "{\"s\": \"\\\"%.*s\"}", 60,
	    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
	v = instance_json_parse(deep, strlen(deep), &err);
	assert_non_null(v);
	json_decref(v);
	/* 32 levels are fine. */
	memset(deep, '[', 32);
	memset(deep + 32, ']', 32);
	deep[64] = '\0';
	v = instance_json_parse(deep, strlen(deep), &err);
	assert_non_null(v);
	json_decref(v);

	v = instance_json_parse("{}", INSTANCE_JSON_MAX_BYTES + 1u, &err);
	assert_null(v);
	assert_int_equal(err.code, ROTAD_ERR_PAYLOAD_TOO_LARGE);
}

/* ---- plans ---- */

static void
test_plan_round_trip(void **state)
{
	json_t *idoc = load_fixture("product.json");
	json_t *pdoc = load_fixture("plan.json"), *out;
	struct model_instance *inst = read_ok(idoc);
	struct rotad_error err;
	struct plan *p;
	char *a, *b;

	(void)state;
	p = plan_from_json(pdoc, inst, &err);
	if (p == NULL)
		fail_msg("%s: %s", err.field, err.message);
	assert_int_equal(p->n, 1);
	assert_int_equal(p->a[0].youth_idx, 0);
	assert_int_equal(p->nunfilled, 1);
	assert_true(p->has_score);
	assert_true(p->score.fairness == 4.0);
	assert_int_equal(p->score.positions, 2);
	out = plan_to_json(p, NULL);
	a = dump(pdoc);
	b = dump(out);
	assert_string_equal(a, b);
	free(a);
	free(b);
	json_decref(out);
	plan_free(p);

	/* Without an instance the references are not checked. */
	patch(pdoc, "unfilled/0/slot", "\"s9\"");
	p = plan_from_json(pdoc, NULL, &err);
	assert_non_null(p);
	plan_free(p);
	json_decref(pdoc);
	json_decref(idoc);
	model_instance_free(inst);
}

static void
test_plan_minimal_and_built(void **state)
{
	struct plan *p = plan_new();
	struct rotad_error err;
	json_t *out, *v;

	(void)state;
	p->a = calloc(1, sizeof(*p->a));
	p->n = 1;
	p->a[0].slot = strdup("s1");
	p->a[0].youth = strdup("y17");
	out = plan_to_json(p, NULL);
	assert_json_text(out,
	    "{\"assignments\":[{\"slot\":\"s1\",\"youth\":\"y17\"}],"
	    "\"unfilled\":[],\"violations\":[]}");
	plan_free(p);
	p = plan_from_json(out, NULL, &err);
	assert_non_null(p);
	assert_false(p->has_score);
	plan_free(p);
	json_decref(out);
	v = load_text("{\"assignments\": []}");
	p = plan_from_json(v, NULL, &err);
	assert_non_null(p);
	assert_int_equal(p->n, 0);
	plan_free(p);
	json_decref(v);
	plan_free(NULL);
}

struct plan_case {
	const char *ptr, *val;
	enum rotad_err code;
	const char *field;
};

static const struct plan_case plan_cases[] = {
    {"assignments", DEL, MIS, "assignments"},
    {"assignments/0/slot", "\"s9\"", REF, "assignments[0].slot"},
    {"assignments/0/youth", "\"y99\"", REF, "assignments[0].youth"},
    {"assignments/0/pinned", "true", UNK, "assignments[0].pinned"},
    {"assignments/-", "{\"slot\": \"s1\", \"youth\": \"y17\"}", INV,
        "assignments[1].youth"},
    {"assignments/0", "[]", INV, "assignments[0]"},
    {"unfilled/0/missing", "3", INV, "unfilled[0].missing"},
    {"unfilled/0/missing", "0", INV, "unfilled[0].missing"},
    {"unfilled/-", "{\"slot\": \"s1\", \"missing\": 1}", INV,
        "unfilled[1].slot"},
    {"unfilled/0/slot", "\"s9\"", REF, "unfilled[0].slot"},
    {"score/fairness", "-1", INV, "score.fairness"},
    {"score/fairness", "\"4\"", INV, "score.fairness"},
    {"score/filled", "3", INV, "score.filled"},
    {"score/pairs", DEL, MIS, "score.pairs"},
    {"score/bonus", "1", UNK, "score.bonus"},
    {"violations", "{}", INV, "violations"},
    {"notes", "\"x\"", UNK, "notes"},
};

static void
test_plan_bad_cases(void **state)
{
	json_t *idoc = load_fixture("product.json");
	json_t *base = load_fixture("plan.json");
	struct model_instance *inst = read_ok(idoc);
	size_t n = sizeof(plan_cases) / sizeof(plan_cases[0]), failed = 0;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const struct plan_case *c = &plan_cases[i];
		json_t *doc = json_deep_copy(base);
		struct rotad_error err;
		struct plan *p;

		patch(doc, c->ptr, c->val);
		rotad_error_clear(&err);
		p = plan_from_json(doc, inst, &err);
		if (p != NULL || err.code != c->code ||
		    strcmp(err.field, c->field) != 0) {
			print_error("plan case %zu (%s): want %s at '%s', got "
			            "%s at '%s': %s\n",
			    i, c->ptr, rotad_err_code(c->code), c->field,
			    p ? "success" : rotad_err_code(err.code), err.field,
			    err.message);
			failed++;
		}
		plan_free(p);
		json_decref(doc);
	}
	assert_int_equal(failed, 0);
	json_decref(base);
	json_decref(idoc);
	model_instance_free(inst);
}

/* Version 2 series (issue 15): a series no slot names gets its slots,
 * "<series>-<date>" ("-2" when taken, the series id cut to fit 64
 * bytes), its exceptions and the holidays left out; a series that slots
 * name keeps exactly those; the links are written back. */
static void
test_series_generated(void **state)
{
	static const char doc[] =
	    "{\"version\": 2, \"public_holidays\": [\"2027-01-13\"],"
	    " \"homes\": [{\"id\": \"h\", \"name\": \"H\"}],"
	    " \"series\": ["
	    "  {\"id\": \"wed\", \"home\": \"h\", \"time\": \"16:00\","
	    "   \"duration\": 120, \"days\": [\"wed\"], \"first\": "
	    "\"2027-01-04\","
	    "   \"last\": \"2027-01-31\", \"exceptions\": [\"2027-01-20\"]},"
	    "  {\"id\": \"kept\", \"home\": \"h\", \"duration\": 60,"
	    "   \"time\": \"09:00\","
	    "   \"days\": [\"mon\"], \"first\": \"2027-01-04\", \"last\": "
	    "\"2027-01-31\"},"
	    "  {\"id\": "
	    "\"a234567890123456789012345678901234567890123456789012345678\","
	    "   \"home\": \"h\", \"duration\": 60, \"days\": [\"fri\"],"
	    "   \"time\": \"09:00\","
	    "   \"first\": \"2027-01-08\", \"last\": \"2027-01-08\"}],"
	    " \"slots\": [{\"id\": \"wed-2027-01-06\", \"home\": \"h\","
	    "  \"start\": \"2027-01-05T10:00\", \"end\": \"2027-01-05T11:00\"},"
	    " {\"id\": \"k1\", \"home\": \"h\", \"start\": \"2027-01-04T10:00\","
	    "  \"end\": \"2027-01-04T11:00\", \"series\": \"kept\","
	    "  \"series_edited\": true}]}";
	static const char *const want[] = {"wed-2027-01-06", "k1",
	    "a2345678901234567890123456789012345678901234567890123-2027-01-08",
	    "wed-2027-01-06-2", "wed-2027-01-27"};
	struct instance_series_set set;
	struct model_instance *inst;
	struct rotad_error err;
	json_t *root = load_text(doc), *out;
	char *text;

	(void)state;
	rotad_error_clear(&err);
	inst = instance_with_series_from_json(root, &set, &err);
	if (inst == NULL)
		fail_msg("%s: %s", err.field, err.message);
	/* 13th a public holiday, 20th an exception; "kept" keeps k1 only. */
	assert_int_equal(inst->nslots, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(inst->slots[i].id, want[i]);
	assert_int_equal(strlen(want[2]), 64);
	assert_int_equal(set.nseries, 3);
	assert_int_equal(set.nlinks, 4);
	out = instance_to_json(inst);
	instance_series_set_to_json(out, &set);
	text = dump(json_object_get(out, "slots"));
	assert_non_null(strstr(text,
	    "{\"id\":\"k1\",\"home\":\"h\",\"start\":\"2027-01-04T10:00\","
	    "\"end\":\"2027-01-04T11:00\",\"needed\":1,\"requires\":{},"
	    "\"series\":\"kept\",\"series_edited\":true}"));
	assert_non_null(strstr(text,
	    "{\"id\":\"wed-2027-01-06-2\",\"home\":\"h\",\"start\":"
	    "\"2027-01-06T16:00\",\"end\":\"2027-01-06T18:00\",\"needed\":1,"
	    "\"requires\":{},\"series\":\"wed\"}"));
	free(text);
	/* "series" just before "slots". */
	text = dump(out);
	assert_non_null(strstr(text, "],\"series\":[{\"id\":\"a2345"));
	assert_non_null(strstr(text,
	    "\"exceptions\":[\"2027-01-20\"]}],"
	    "\"slots\":["));
	free(text);
	json_decref(out);
	instance_series_set_clear(&set);
	model_instance_free(inst);
	json_decref(root);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bad_cases),
	    cmocka_unit_test(test_root_not_object),
	    cmocka_unit_test(test_messages),
	    cmocka_unit_test(test_first_error_wins),
	    cmocka_unit_test(test_list_caps),
	    cmocka_unit_test(test_text_limits),
	    cmocka_unit_test(test_blank_and_bidi_text),
	    cmocka_unit_test(test_utf8_safe_errors),
	    cmocka_unit_test(test_product_example),
	    cmocka_unit_test(test_round_trip_product),
	    cmocka_unit_test(test_round_trip_realistic),
	    cmocka_unit_test(test_round_trip_eu),
	    cmocka_unit_test(test_realistic_details),
	    cmocka_unit_test(test_minimal_defaults),
	    cmocka_unit_test(test_entity_defaults),
	    cmocka_unit_test(test_cancelled_duplicate_ok),
	    cmocka_unit_test(test_dst_gap),
	    cmocka_unit_test(test_dst_ambiguous),
	    cmocka_unit_test(test_dst_slot_length),
	    cmocka_unit_test(test_max_week_hours),
	    cmocka_unit_test(test_max_week_round_trip_all),
	    cmocka_unit_test(test_home_reader),
	    cmocka_unit_test(test_youth_reader_path),
	    cmocka_unit_test(test_slot_reader),
	    cmocka_unit_test(test_assignment_reader),
	    cmocka_unit_test(test_assignment_bookkeeping),
	    cmocka_unit_test(test_school_calendar_reader),
	    cmocka_unit_test(test_settings),
	    cmocka_unit_test(test_youth_language),
	    cmocka_unit_test(test_struct_round_trip_built),
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_plan_round_trip),
	    cmocka_unit_test(test_plan_minimal_and_built),
	    cmocka_unit_test(test_plan_bad_cases),
	    cmocka_unit_test(test_series_generated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
