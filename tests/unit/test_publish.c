/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of publish.c: the difference between
 * the live state and the published copy (a moved visit, an added and a
 * cancelled assignment, a co-assignee's "changed", a new visit only the
 * home hears of, bookkeeping alone is no difference), the range and the
 * homes it covers, the version (equal for equal rows, moved by any row
 * the publish would copy), the copy after a publish (no difference left,
 * the rest untouched) and the view the renderers read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "civil.h"
#include "model.h"
#include "publish.h"
#include "xmalloc.h"

#define DAY 1440

/*
 * Two homes, two youths; s0 (solheim, day 20000) with y0 on it, s1 (lia,
 * day 20007) with y1 on it.
 */
static struct model_instance *
build(void)
{
	struct model_instance *inst = model_instance_new();
	struct model_assignment a = {0};
	const char *homes[] = {"lia", "solheim"};
	char field[128], msg[256];

	inst->nhomes = 2;
	inst->homes = xcalloc(2, sizeof(*inst->homes));
	for (size_t i = 0; i < 2; i++) {
		inst->homes[i].id = xstrdup(homes[i]);
		inst->homes[i].name = xstrdup(homes[i]);
	}
	inst->nyouths = 2;
	inst->youths = xcalloc(2, sizeof(*inst->youths));
	for (size_t i = 0; i < 2; i++) {
		inst->youths[i].id = xasprintf("y%zu", i);
		inst->youths[i].name = xstrdup("Ida Nilsen");
		inst->youths[i].guardian_consent = CIVIL_NO_DATE;
		inst->youths[i].max_week_minutes = -1;
	}
	inst->nslots = 2;
	inst->slots = xcalloc(2, sizeof(*inst->slots));
	for (size_t i = 0; i < 2; i++) {
		inst->slots[i].id = xasprintf("s%zu", i);
		inst->slots[i].home = xstrdup(homes[1 - i]);
		inst->slots[i].needed = 2;
		inst->slots[i].start = (20000 + 7 * (int64_t)i) * DAY + 660;
		inst->slots[i].end = inst->slots[i].start + 120;
		inst->slots[i].activity = xstrdup("Quiz");
	}
	a.id = (char *)"a1";
	a.slot = (char *)"s0";
	a.youth = (char *)"y0";
	a.seq = 1;
	model_add_assignment(inst, &a);
	a.id = (char *)"a2";
	a.slot = (char *)"s1";
	a.youth = (char *)"y1";
	a.seq = 2;
	model_add_assignment(inst, &a);
	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) ==
	    -1)
		fail_msg("%s: %s", field, msg);
	return inst;
}

static void
relink(struct model_instance *inst)
{
	char field[128], msg[256];

	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) ==
	    -1)
		fail_msg("%s: %s", field, msg);
}

static const struct publish_range everything = {-3000000, 3000000, NULL, 0};

static void
test_nothing_to_publish(void **state)
{
	struct model_instance *inst = build();
	struct publish_snapshot snap;
	struct publish_diff d;

	(void)state;
	publish_snapshot_of(&snap, inst);
	/* Bookkeeping alone is no difference. */
	inst->assignments[0].seq = 99;
	inst->assignments[0].updated_at = 12345;
	publish_diff_make(&d, inst, &snap, &everything);
	assert_int_equal(d.ngroups, 0);
	assert_int_equal(d.nyouths, 0);
	assert_int_equal(d.nhomes, 0);
	assert_int_equal(d.ntouch_youths, 0);
	publish_diff_free(&d);
	publish_snapshot_free(&snap);
	model_instance_free(inst);
}

static void
test_moved(void **state)
{
	struct model_instance *inst = build();
	struct publish_snapshot snap;
	struct publish_diff d;

	(void)state;
	publish_snapshot_of(&snap, inst);
	inst->slots[0].start += 240;
	inst->slots[0].end += 240;
	publish_diff_make(&d, inst, &snap, &everything);
	assert_int_equal(d.ngroups, 1);
	assert_string_equal(d.groups[0], "s0");
	assert_int_equal(d.nyouths, 1);
	assert_string_equal(d.youths[0].id, "y0");
	assert_int_equal(d.youths[0].n, 1);
	assert_int_equal(d.youths[0].items[0].what, PUBLISH_MOVED);
	assert_string_equal(d.youths[0].items[0].assignment, "a1");
	assert_int_equal(
	    d.youths[0].items[0].before.start, snap.slots[0].start);
	assert_int_equal(
	    d.youths[0].items[0].after.start, inst->slots[0].start);
	assert_int_equal(d.nhomes, 1);
	assert_string_equal(d.homes[0].id, "solheim");
	assert_int_equal(d.homes[0].items[0].what, PUBLISH_MOVED);
	/* Only solheim's and y0's feeds change. */
	assert_int_equal(d.ntouch_homes, 1);
	assert_string_equal(d.touch_homes[0], "solheim");
	assert_int_equal(d.ntouch_youths, 1);
	assert_string_equal(d.touch_youths[0], "y0");
	/* After the publish nothing differs, and s1 is as it was. */
	publish_snapshot_apply(&snap, inst, &d);
	publish_diff_free(&d);
	publish_diff_make(&d, inst, &snap, &everything);
	assert_int_equal(d.ngroups, 0);
	assert_int_equal(snap.nslots, 2);
	assert_int_equal(snap.nassignments, 2);
	assert_string_equal(snap.slots[0].id, "s0");
	assert_int_equal(snap.slots[0].start, inst->slots[0].start);
	publish_diff_free(&d);
	publish_snapshot_free(&snap);
	model_instance_free(inst);
}

static void
test_added_cancelled_changed(void **state)
{
	struct model_instance *inst = build();
	struct model_assignment a = {0};
	struct model_slot s = {0};
	struct publish_snapshot snap;
	struct publish_diff d;

	(void)state;
	publish_snapshot_of(&snap, inst);
	/* y1 joins y0 on s0; y1's s1 is cancelled; a new visit s2 at lia. */
	a.id = (char *)"a3";
	a.slot = (char *)"s0";
	a.youth = (char *)"y1";
	model_add_assignment(inst, &a);
	inst->assignments[1].status = MODEL_ASSIGNMENT_CANCELLED;
	s.id = (char *)"s2";
	s.home = (char *)"lia";
	s.needed = 1;
	s.start = 20010 * (int64_t)DAY + 600;
	s.end = s.start + 60;
	model_add_slot(inst, &s);
	relink(inst);
	publish_diff_make(&d, inst, &snap, &everything);
	assert_int_equal(d.ngroups, 3);
	assert_int_equal(d.nyouths, 2);
	/* y0: who else comes changed. */
	assert_string_equal(d.youths[0].id, "y0");
	assert_int_equal(d.youths[0].n, 1);
	assert_int_equal(d.youths[0].items[0].what, PUBLISH_CHANGED);
	/* y1: added on s0 (day 20000) before cancelled on s1 (20007). */
	assert_string_equal(d.youths[1].id, "y1");
	assert_int_equal(d.youths[1].n, 2);
	assert_int_equal(d.youths[1].items[0].what, PUBLISH_ADDED);
	assert_string_equal(d.youths[1].items[0].assignment, "a3");
	assert_int_equal(d.youths[1].items[1].what, PUBLISH_CANCELLED);
	assert_string_equal(d.youths[1].items[1].assignment, "a2");
	/* lia: s1 changed (nobody comes now), s2 added; solheim: s0. */
	assert_int_equal(d.nhomes, 2);
	assert_string_equal(d.homes[0].id, "lia");
	assert_int_equal(d.homes[0].n, 2);
	assert_int_equal(d.homes[0].items[0].what, PUBLISH_CHANGED);
	assert_int_equal(d.homes[0].items[1].what, PUBLISH_ADDED);
	assert_string_equal(d.homes[0].items[1].after.slot, "s2");
	publish_snapshot_apply(&snap, inst, &d);
	assert_int_equal(snap.nslots, 3);
	assert_int_equal(snap.nassignments, 3);
	assert_int_equal(
	    snap.assignments[1].status, MODEL_ASSIGNMENT_CANCELLED);
	publish_diff_free(&d);
	publish_diff_make(&d, inst, &snap, &everything);
	assert_int_equal(d.ngroups, 0);
	publish_diff_free(&d);
	publish_snapshot_free(&snap);
	model_instance_free(inst);
}

static void
test_range_and_homes(void **state)
{
	struct model_instance *inst = build();
	struct publish_snapshot snap;
	struct publish_diff d;
	char *lia = (char *)"lia";
	struct publish_range week1 = {20000, 20006, NULL, 0};
	struct publish_range at_lia = {-3000000, 3000000, &lia, 1};
	struct publish_range later = {20021, 20027, NULL, 0};
	struct publish_range week2 = {20007, 20013, NULL, 0};

	(void)state;
	publish_snapshot_of(&snap, inst);
	inst->slots[0].activity[0] = 'B';
	inst->slots[1].activity[0] = 'B';
	publish_diff_make(&d, inst, &snap, &week1);
	assert_int_equal(d.ngroups, 1);
	assert_string_equal(d.groups[0], "s0");
	publish_diff_free(&d);
	publish_diff_make(&d, inst, &snap, &at_lia);
	assert_int_equal(d.ngroups, 1);
	assert_string_equal(d.groups[0], "s1");
	publish_diff_free(&d);
	/* A visit moved into the range counts by its live date, one moved
	 * out of it by its published one. */
	inst->slots[1].start += 14 * DAY;
	inst->slots[1].end += 14 * DAY;
	publish_diff_make(&d, inst, &snap, &later);
	assert_int_equal(d.ngroups, 1);
	assert_string_equal(d.groups[0], "s1");
	publish_diff_free(&d);
	publish_diff_make(&d, inst, &snap, &week2);
	assert_int_equal(d.ngroups, 1);
	assert_string_equal(d.groups[0], "s1");
	publish_diff_free(&d);
	publish_snapshot_free(&snap);
	model_instance_free(inst);
}

static void
test_version(void **state)
{
	struct model_instance *inst = build();
	struct publish_snapshot snap;
	struct publish_diff d1, d2;
	struct publish_range week1 = {20000, 20006, NULL, 0};
	char text[17];

	(void)state;
	publish_snapshot_of(&snap, inst);
	inst->slots[0].start += 60;
	publish_diff_make(&d1, inst, &snap, &week1);
	publish_diff_make(&d2, inst, &snap, &week1);
	assert_true(d1.version == d2.version);
	publish_diff_free(&d2);
	/* Outside the range: the same version. */
	inst->slots[1].start += 60;
	publish_diff_make(&d2, inst, &snap, &week1);
	assert_true(d1.version == d2.version);
	publish_diff_free(&d2);
	/* A row it copies changed (even its bookkeeping): another one. */
	inst->assignments[0].seq++;
	publish_diff_make(&d2, inst, &snap, &week1);
	assert_true(d1.version != d2.version);
	publish_diff_free(&d2);
	/* Another range: another version. */
	publish_diff_make(&d2, inst, &snap, &everything);
	assert_true(d1.version != d2.version);
	publish_version_text(0x0123456789abcdefULL, text);
	assert_string_equal(text, "0123456789abcdef");
	publish_diff_free(&d1);
	publish_diff_free(&d2);
	publish_snapshot_free(&snap);
	model_instance_free(inst);
}

static void
test_view(void **state)
{
	struct model_instance *inst = build();
	struct model_instance *view;
	struct publish_snapshot snap;
	int64_t start0;

	(void)state;
	publish_snapshot_of(&snap, inst);
	start0 = inst->slots[0].start;
	inst->slots[0].start += 60;
	/* y1 goes: her published assignment is left out of the view. */
	model_remove_assignment(inst, 1);
	model_remove_youth(inst, 1);
	relink(inst);
	view = publish_view_new(inst, &snap);
	assert_int_equal(view->nslots, 2);
	assert_int_equal(view->slots[0].start, start0);
	assert_int_equal(view->slots[1].home_idx, 0); /* lia */
	assert_int_equal(view->nassignments, 1);
	assert_string_equal(view->assignments[0].id, "a1");
	assert_int_equal(view->assignments[0].slot_idx, 0);
	assert_int_equal(view->assignments[0].youth_idx, 0);
	assert_ptr_equal(view->homes, inst->homes);
	publish_view_free(view);
	publish_snapshot_free(&snap);
	model_instance_free(inst);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nothing_to_publish),
	    cmocka_unit_test(test_moved),
	    cmocka_unit_test(test_added_cancelled_changed),
	    cmocka_unit_test(test_range_and_homes),
	    cmocka_unit_test(test_version),
	    cmocka_unit_test(test_view),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
