/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of model.c: the defaults of a new
 * instance, deep copies and clears of each entity, id look-ups, and the
 * linking of references with the paths it reports for dangling ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <jansson.h>

#include "civil.h"
#include "error.h"
#include "instance_json.h"
#include "model.h"
#include "xmalloc.h"

/* Two homes, two youths, two slots, two assignments, all consistent. */
static struct model_instance *
build(void)
{
	struct model_instance *inst = model_instance_new();
	const char *home_ids[] = {"solheim", "fjellro"};

	inst->nhomes = 2;
	inst->homes = xcalloc(2, sizeof(*inst->homes));
	for (size_t i = 0; i < 2; i++) {
		inst->homes[i].id = xstrdup(home_ids[i]);
		inst->homes[i].name = xasprintf("Home %zu", i);
	}
	inst->nyouths = 2;
	inst->youths = xcalloc(2, sizeof(*inst->youths));
	for (size_t i = 0; i < 2; i++) {
		struct model_youth *y = &inst->youths[i];
		y->id = xasprintf("y%zu", i);
		y->name = xstrdup("Ida Nilsen");
		y->guardian_consent = CIVIL_NO_DATE;
		y->max_week_minutes = -1;
	}
	inst->youths[1].homes_limited = true;
	inst->youths[1].nhomes = 2;
	inst->youths[1].homes = xcalloc(2, sizeof(char *));
	inst->youths[1].homes[0] = xstrdup("fjellro");
	inst->youths[1].homes[1] = xstrdup("solheim");
	inst->nslots = 2;
	inst->slots = xcalloc(2, sizeof(*inst->slots));
	for (size_t i = 0; i < 2; i++) {
		inst->slots[i].id = xasprintf("s%zu", i);
		inst->slots[i].home = xstrdup(home_ids[1 - i]);
		inst->slots[i].needed = 1;
		inst->slots[i].start = 1000;
		inst->slots[i].end = 1120;
	}
	inst->nassignments = 2;
	inst->assignments = xcalloc(2, sizeof(*inst->assignments));
	inst->assignments[0].slot = xstrdup("s1");
	inst->assignments[0].youth = xstrdup("y0");
	inst->assignments[1].slot = xstrdup("s0");
	inst->assignments[1].youth = xstrdup("y1");
	return inst;
}

static int
link_inst(struct model_instance *inst, char *field, char *msg)
{
	return model_instance_link(inst, field, 160, msg, 200);
}

static void
test_new_defaults(void **state)
{
	struct model_instance *inst = model_instance_new();

	(void)state;
	assert_int_equal(inst->version, MODEL_FORMAT_VERSION);
	assert_string_equal(inst->jurisdiction, "NO");
	assert_string_equal(inst->timezone, "Europe/Oslo");
	assert_int_equal(inst->travel_minutes, MODEL_DEFAULT_TRAVEL_MINUTES);
	assert_int_equal(inst->seconds, MODEL_DEFAULT_SECONDS);
	assert_false(inst->public_holidays_set);
	assert_int_equal(
	    inst->nhomes + inst->nyouths + inst->nslots + inst->nassignments,
	    0);
	model_instance_free(inst);
	model_instance_free(NULL);
}

static void
test_home_copy(void **state)
{
	struct model_home src = {0}, dst;

	(void)state;
	src.id = xstrdup("h");
	src.name = xstrdup("Solheim");
	model_home_copy(&dst, &src);
	assert_ptr_not_equal(dst.id, src.id);
	assert_string_equal(dst.id, "h");
	assert_string_equal(dst.name, "Solheim");
	assert_null(dst.address);
	model_home_clear(&src);
	assert_null(src.id);
	assert_string_equal(dst.name, "Solheim"); /* independent of src */
	model_home_clear(&dst);
}

static void
test_youth_copy(void **state)
{
	struct model_instance *inst = build();
	char field[160], msg[200];
	struct model_youth *src = &inst->youths[1], dst;

	(void)state;
	src->nskills = 2;
	src->skills = xcalloc(2, sizeof(char *));
	src->skills[0] = xstrdup("leader");
	src->skills[1] = xstrdup("piano");
	src->navailability = 1;
	src->availability = xcalloc(1, sizeof(*src->availability));
	src->availability[0] =
	    (struct model_weekly_window){MODEL_DAY_BIT(CIVIL_SAT), 600, 1440};
	src->nother_work = 1;
	src->other_work = xcalloc(1, sizeof(*src->other_work));
	src->other_work[0] = (struct model_span){100, 200};
	assert_int_equal(link_inst(inst, field, msg), 0);

	model_youth_copy(&dst, src);
	assert_ptr_not_equal(dst.skills, src->skills);
	assert_ptr_not_equal(dst.skills[1], src->skills[1]);
	assert_string_equal(dst.skills[1], "piano");
	assert_ptr_not_equal(dst.availability, src->availability);
	assert_int_equal(dst.availability[0].to, 1440);
	assert_null(dst.unavailable);
	assert_int_equal(dst.other_work[0].end, 200);
	assert_true(dst.homes_limited);
	assert_ptr_not_equal(dst.homes_idx, src->homes_idx);
	assert_int_equal(dst.homes_idx[0], 1);
	assert_int_equal(dst.homes_idx[1], 0);
	dst.availability[0].from = 0;
	assert_int_equal(src->availability[0].from, 600);
	model_youth_clear(&dst);
	assert_null(dst.skills);
	assert_int_equal(dst.nskills, 0);

	/* An unlinked youth copies without indexes. */
	model_youth_copy(&dst, &inst->youths[0]);
	assert_null(dst.homes_idx);
	assert_null(dst.homes);
	model_youth_clear(&dst);
	model_instance_free(inst);
}

static void
test_slot_and_assignment_copy(void **state)
{
	struct model_instance *inst = build();
	struct model_slot *s = &inst->slots[0], sc;
	struct model_assignment ac;

	(void)state;
	s->activity = xstrdup("Quiz");
	s->nrequires = 1;
	s->requires = xcalloc(1, sizeof(*s->requires));
	s->requires[0].skill = xstrdup("leader");
	s->requires[0].count = 1;
	model_slot_copy(&sc, s);
	assert_ptr_not_equal(sc.requires, s->requires);
	assert_ptr_not_equal(sc.requires[0].skill, s->requires[0].skill);
	assert_string_equal(sc.requires[0].skill, "leader");
	assert_string_equal(sc.activity, "Quiz");
	assert_int_equal(sc.end - sc.start, 120);
	model_slot_clear(&sc);
	model_slot_copy(&sc, &inst->slots[1]);
	assert_null(sc.requires);
	assert_null(sc.activity);
	model_slot_clear(&sc);

	inst->assignments[0].id = xstrdup("a1");
	inst->assignments[0].status = MODEL_ASSIGNMENT_CANCELLED;
	inst->assignments[0].seq = 42;
	model_assignment_copy(&ac, &inst->assignments[0]);
	assert_ptr_not_equal(ac.id, inst->assignments[0].id);
	assert_string_equal(ac.id, "a1");
	assert_string_equal(ac.slot, "s1");
	assert_int_equal(ac.status, MODEL_ASSIGNMENT_CANCELLED);
	assert_int_equal(ac.seq, 42);
	model_assignment_clear(&ac);
	assert_null(ac.slot);
	model_instance_free(inst);
}

static void
test_find(void **state)
{
	struct model_instance *inst = build();

	(void)state;
	assert_int_equal(model_find_home(inst, "fjellro"), 1);
	assert_int_equal(model_find_home(inst, "nowhere"), -1);
	assert_int_equal(model_find_youth(inst, "y1"), 1);
	assert_int_equal(model_find_youth(inst, "Y1"), -1);
	assert_int_equal(model_find_slot(inst, "s0"), 0);
	assert_int_equal(model_find_slot(inst, ""), -1);
	model_instance_free(inst);
}

static void
test_link_ok(void **state)
{
	struct model_instance *inst = build();
	char field[160], msg[200];

	(void)state;
	assert_int_equal(link_inst(inst, field, msg), 0);
	assert_int_equal(inst->slots[0].home_idx, 1);
	assert_int_equal(inst->slots[1].home_idx, 0);
	assert_int_equal(inst->assignments[0].slot_idx, 1);
	assert_int_equal(inst->assignments[0].youth_idx, 0);
	assert_int_equal(inst->assignments[1].slot_idx, 0);
	assert_int_equal(inst->assignments[1].youth_idx, 1);
	assert_int_equal(inst->youths[1].homes_idx[0], 1);
	/* Linking again replaces the indexes (LSan checks the old ones). */
	assert_int_equal(link_inst(inst, field, msg), 0);
	assert_int_equal(inst->youths[1].homes_idx[1], 0);
	model_instance_free(inst);
}

static void
assert_link_fails(
    struct model_instance *inst, const char *want_field, const char *want_msg)
{
	char field[160], msg[200];

	assert_int_equal(link_inst(inst, field, msg), -1);
	assert_string_equal(field, want_field);
	assert_string_equal(msg, want_msg);
	model_instance_free(inst);
}

static void
test_link_dangling(void **state)
{
	struct model_instance *inst;

	(void)state;
	inst = build();
	free(inst->youths[1].homes[1]);
	inst->youths[1].homes[1] = xstrdup("gone");
	assert_link_fails(inst, "youths[1].homes[1]", "no home has id 'gone'");

	inst = build();
	free(inst->slots[1].home);
	inst->slots[1].home = xstrdup("x");
	assert_link_fails(inst, "slots[1].home", "no home has id 'x'");

	inst = build();
	free(inst->assignments[1].slot);
	inst->assignments[1].slot = xstrdup("s9");
	assert_link_fails(inst, "assignments[1].slot", "no slot has id 's9'");

	inst = build();
	free(inst->assignments[0].youth);
	inst->assignments[0].youth = xstrdup("y9");
	assert_link_fails(inst, "assignments[0].youth", "no youth has id 'y9'");

	inst = build();
	free(inst->assignments[0].youth);
	inst->assignments[0].youth = NULL;
	assert_link_fails(inst, "assignments[0].youth", "no youth has id ''");
}

/* A whole-instance copy is deep and equal, checked through the writer. */
static void
test_instance_copy(void **state)
{
	json_error_t jerr;
	json_t *doc = json_load_file(ROTA_TEST_DATA "/instances/realistic.json",
	    JSON_REJECT_DUPLICATES, &jerr);
	json_t *a, *b;
	struct rotad_error err;
	struct model_instance *inst, *copy;

	(void)state;
	assert_non_null(doc);
	inst = instance_from_json(doc, &err);
	assert_non_null(inst);
	copy = model_instance_copy(inst);
	assert_ptr_not_equal(copy->youths, inst->youths);
	assert_ptr_not_equal(
	    copy->youths[0].skills[0], inst->youths[0].skills[0]);
	assert_ptr_not_equal(
	    copy->rule_options[0].name, inst->rule_options[0].name);
	assert_ptr_not_equal(copy->public_holidays, inst->public_holidays);
	assert_int_equal(
	    copy->assignments[3].slot_idx, inst->assignments[3].slot_idx);
	assert_int_equal(
	    copy->youths[0].homes_idx[1], inst->youths[0].homes_idx[1]);
	a = instance_to_json(inst);
	model_instance_free(inst); /* the copy must not share anything */
	b = instance_to_json(copy);
	assert_true(json_equal(a, b));
	/* The version 1 document's calendar, as the default. */
	assert_true(json_equal(
	    json_object_get(doc, "homes"), json_object_get(b, "homes")));
	assert_true(json_equal(
	    json_object_get(json_object_get(doc, "school_calendar"), "terms"),
	    json_object_get(
	        json_array_get(json_object_get(b, "school_calendars"), 0),
	        "terms")));
	json_decref(a);
	json_decref(b);
	model_instance_free(copy);
	json_decref(doc);
}

static void
test_add_remove(void **state)
{
	struct model_instance *inst = build();
	struct model_home h = {0};
	struct model_assignment a = {0};
	char field[160], msg[200];

	(void)state;
	h.id = "nordlys";
	h.name = "Nordlys";
	model_add_home(inst, &h);
	assert_int_equal(inst->nhomes, 3);
	assert_ptr_not_equal(inst->homes[2].id, h.id);
	assert_int_equal(model_find_home(inst, "nordlys"), 2);

	a.id = "a9";
	a.slot = "s0";
	a.youth = "y0";
	model_add_assignment(inst, &a);
	assert_int_equal(model_find_assignment(inst, "a9"), 2);
	assert_int_equal(model_find_assignment(inst, "a1"), -1);

	/* Removing solheim shifts fjellro down; links must be redone. */
	model_remove_home(inst, 0);
	assert_int_equal(inst->nhomes, 2);
	assert_string_equal(inst->homes[0].id, "fjellro");
	assert_string_equal(inst->homes[1].id, "nordlys");
	assert_int_equal(link_inst(inst, field, msg), -1);
	assert_string_equal(field, "youths[1].homes[1]");

	model_remove_youth(inst, 1);
	model_remove_slot(inst, 1);
	model_remove_assignment(inst, 0);
	model_remove_assignment(inst, 0);
	assert_int_equal(inst->nassignments, 1);
	assert_string_equal(inst->assignments[0].id, "a9");
	assert_int_equal(link_inst(inst, field, msg), 0);
	assert_int_equal(inst->slots[0].home_idx, 0);
	model_instance_free(inst);
}

static void
test_first_name_len(void **state)
{
	(void)state;
	assert_int_equal(model_first_name_len("Ida Nilsen"), 3);
	assert_int_equal(model_first_name_len("Åse Kristin"), strlen("Åse"));
	assert_int_equal(model_first_name_len("Cher"), 4);
	assert_int_equal(model_first_name_len(""), 0);
	assert_int_equal(model_first_name_len(NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_new_defaults),
	    cmocka_unit_test(test_home_copy),
	    cmocka_unit_test(test_youth_copy),
	    cmocka_unit_test(test_slot_and_assignment_copy),
	    cmocka_unit_test(test_find),
	    cmocka_unit_test(test_link_ok),
	    cmocka_unit_test(test_link_dangling),
	    cmocka_unit_test(test_instance_copy),
	    cmocka_unit_test(test_add_remove),
	    cmocka_unit_test(test_first_name_len),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
