/* SPDX-License-Identifier: ISC */
/*
 * This file contains the table test of the first-name-only rule (issue
 * 18.9): with any white-space, invisible or filler character between a
 * youth's names ("Ida" U+3164 "Nilsen"), the home feed, the youth feed,
 * the week page and the rule messages show "Ida" only, and the name is
 * still accepted at input.  Every one of them derives the first name with
 * model_first_name() (feed_first_name_dup()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "civil.h"
#include "error.h"
#include "feed.h"
#include "i18n.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "tzmap.h"
#include "weekpage.h"
#include "xmalloc.h"

/* The code points of the issue, and their kin. */
static const uint32_t separators[] = {0x2800, 0x3164, 0xFFA0, 0x115F, 0x1160,
    0x17B5, 0x034F, /* 18.9 */
    0x00A0, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
    0x2008, 0x2009, 0x200A, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028,
    0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF, 0x180E, 0x2060, 0x2061, 0x2062,
    0x2063, 0x2064, /* the usual */
    0x0020, 0x00AD, 0x1680, 0x17B4, 0x061C, 0x180B, 0xFE0F, 0x30FB, 0xFF65,
    0x1D159, 0xE0020, 0xE0001};
#define NSEP (sizeof(separators) / sizeof(separators[0]))

/* Not separators: letters and marks that belong inside a first name. */
static const uint32_t inside[] = {'-', '\'', 0x00E5 /* å */, 0x00D8, 0x0301,
    0x0130, 0x05D0, 0x0628, 0x4E00, 0xAC00, 0x1F600, 0x00B7};
#define NINSIDE (sizeof(inside) / sizeof(inside[0]))

static size_t
utf8_put(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* pre + c + "Ida" + c + "Nilsen" into buf (c before Ida when pre). */
static const char *
name_with(char *buf, uint32_t c, bool lead)
{
	size_t n = 0;

	if (lead)
		n += utf8_put(buf + n, c);
	memcpy(buf + n, "Ida", 3);
	n += 3;
	n += utf8_put(buf + n, c);
	memcpy(buf + n, "Nilsen", 7);
	return buf;
}

static void
test_first_name_table(void **state)
{
	char buf[32];

	(void)state;
	for (size_t i = 0; i < NSEP; i++) {
		for (int lead = 0; lead < 2; lead++) {
			size_t len = 99;
			const char *name = name_with(buf, separators[i], lead);
			const char *f = model_first_name(name, &len);
			char *dup = feed_first_name_dup(name);

			if (len != 3 || strncmp(f, "Ida", 3) != 0)
				fail_msg("U+%04X (lead %d): first name '%.*s'",
				    (unsigned)separators[i], lead, (int)len, f);
			assert_string_equal(dup, "Ida");
			free(dup);
			assert_true(model_name_separator(separators[i]));
		}
		assert_int_equal(
		    model_first_name_len(name_with(buf, separators[i], false)),
		    3);
	}
	for (size_t i = 0; i < NINSIDE; i++) {
		size_t len, n = 3;
		const char *f;

		memcpy(buf, "Ida", 3);
		n += utf8_put(buf + n, inside[i]);
		memcpy(buf + n, "Nilsen", 7);
		f = model_first_name(buf, &len);
		assert_ptr_equal(f, buf);
		assert_int_equal(len, strlen(buf));
		assert_false(model_name_separator(inside[i]));
	}
	/* Tab and the like, invalid UTF-8, NULL, only separators. */
	assert_int_equal(model_first_name_len("Ida\tNilsen"), 3);
	assert_int_equal(model_first_name_len("Ida\xe3\x85"), 5);
	{
		size_t len = 9;
		assert_string_equal(model_first_name(NULL, &len), "");
		assert_int_equal(len, 0);
		model_first_name("\xe3\x85\xa4 \xe2\xa0\x80", &len);
		assert_int_equal(len, 0);
	}
}

/* ---- through the real input and renderers ---- */

static json_t *
instance_doc(const char *name)
{
	json_error_t e;
	json_t *doc = json_loads(
	    "{\"version\": 1, \"jurisdiction\": \"NO\", \"timezone\": "
	    "\"Europe/Oslo\", \"homes\": [{\"id\": \"solheim\", \"name\": "
	    "\"Solheim\"}], \"youths\": [{\"id\": \"ida\", \"birth_date\": "
	    "\"2008-03-14\", \"school\": \"none\", \"availability\": "
	    "[{\"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", "
	    "\"sat\", \"sun\"], \"from\": \"08:00\", \"to\": \"22:00\"}]}], "
	    "\"slots\": [{\"id\": \"s1\", \"home\": \"solheim\", \"start\": "
	    "\"2027-01-05T16:00\", \"end\": \"2027-01-05T18:00\", "
	    "\"activity\": \"Quiz\"}, {\"id\": \"s2\", \"home\": \"solheim\", "
	    "\"start\": \"2027-01-05T17:00\", \"end\": \"2027-01-05T19:00\"}], "
	    "\"assignments\": [{\"slot\": \"s1\", \"youth\": \"ida\"}, "
	    "{\"slot\": \"s2\", \"youth\": \"ida\"}]}",
	    0, &e);

	assert_non_null(doc);
	json_object_set_new(json_array_get(json_object_get(doc, "youths"), 0),
	    "name", json_string(name));
	return doc;
}

/* The text with iCalendar's folded lines put back together. */
static char *
unfold(const char *ics)
{
	char *out = xstrdup(ics), *w = out;

	for (const char *r = ics; *r;) {
		if (r[0] == '\r' && r[1] == '\n' && r[2] == ' ') {
			r += 3;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return out;
}

static void
assert_first_name_only(const char *what, uint32_t c, const char *text)
{
	if (strstr(text, "Nilsen") != NULL || strstr(text, "Ida") == NULL)
		fail_msg("U+%04X: %s shows the full name (or none)",
		    (unsigned)c, what);
}

static void
test_feeds_page_and_messages(void **state)
{
	int64_t wall;
	char buf[32];

	(void)state;
	assert_int_equal(civil_parse_datetime("2027-01-04T12:00", &wall), 0);
	for (size_t i = 0; i < NSEP; i++) {
		for (int lead = 0; lead < 2; lead++) {
			uint32_t c = separators[i];
			json_t *doc = instance_doc(name_with(buf, c, lead));
			struct rotad_error err;
			struct model_instance *inst;
			struct feed_params p;
			struct rules_report rep = {0};
			char *out, *flat;

			rotad_error_clear(&err);
			inst = instance_from_json(doc, &err);
			if (inst == NULL)
				fail_msg("U+%04X: refused: %s: %s", (unsigned)c,
				    err.field, err.message);
			feed_params_init(&p, FEED_HOME, 0, wall * 60);
			out = feed_render(inst, &p);
			assert_non_null(out);
			flat = unfold(out);
			assert_first_name_only("the home feed", c, flat);
			free(out);
			free(flat);
			feed_params_init(&p, FEED_YOUTH, 0, wall * 60);
			out = feed_render(inst, &p);
			assert_non_null(out);
			flat = unfold(out);
			assert_first_name_only("the youth feed", c, flat);
			free(out);
			free(flat);
			out = weekpage_render(
			    inst, 0, wall * 60, NULL, NULL, I18N_EN);
			assert_non_null(out);
			assert_first_name_only("the week page", c, out);
			free(out);
			/* s1 and s2 overlap: a message naming the youth. */
			assert_int_equal(rules_check_instance(inst,
			                     tzmap_get(inst->timezone), &rep),
			    0);
			assert_true(
			    rules_report_count(&rep, "ROTA-overlap") == 1);
			for (size_t k = 0; k < rep.n; k++)
				assert_first_name_only(
				    "a rule message", c, rep.v[k].message);
			rules_report_free(&rep);
			model_instance_free(inst);
			json_decref(doc);
		}
	}
}

/* A name of separators only shows nothing: refused as blank. */
static void
test_blank_names_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < NSEP; i++) {
		char buf[16];
		size_t n = utf8_put(buf, separators[i]);
		json_t *doc;
		struct rotad_error err;

		n += utf8_put(buf + n, separators[i]);
		buf[n] = '\0';
		doc = instance_doc(buf);
		rotad_error_clear(&err);
		assert_null(instance_from_json(doc, &err));
		assert_int_equal(err.code, ROTAD_ERR_INVALID_FIELD);
		assert_string_equal(err.field, "youths[0].name");
		json_decref(doc);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_name_table),
	    cmocka_unit_test(test_feeds_page_and_messages),
	    cmocka_unit_test(test_blank_names_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
