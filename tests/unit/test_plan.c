/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of plan.c: putting a plan into an
 * instance (the instance's own assignments replaced, cancelled ones too;
 * a plan naming a slot the instance does not have refused) and counting
 * the open positions (a slot that needs 2 with one youth on it; cancelled
 * assignments not counted as filling anything).
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
#include "plan.h"
#include "xmalloc.h"

/*
 * One home, three youths, two slots: s0 needs 2, s1 needs 1.  y0 is on
 * s0; y1 gave s0 up (cancelled); y2 is on s1.
 */
static struct model_instance *
build(void)
{
	struct model_instance *inst = model_instance_new();
	struct model_assignment a = {0};
	char field[128], msg[256];

	inst->nhomes = 1;
	inst->homes = xcalloc(1, sizeof(*inst->homes));
	inst->homes[0].id = xstrdup("solheim");
	inst->homes[0].name = xstrdup("Solheim");
	inst->nyouths = 3;
	inst->youths = xcalloc(3, sizeof(*inst->youths));
	for (size_t i = 0; i < 3; i++) {
		struct model_youth *y = &inst->youths[i];
		y->id = xasprintf("y%zu", i);
		y->name = xstrdup("Ida Nilsen");
		y->guardian_consent = CIVIL_NO_DATE;
		y->max_week_minutes = -1;
	}
	inst->nslots = 2;
	inst->slots = xcalloc(2, sizeof(*inst->slots));
	for (size_t i = 0; i < 2; i++) {
		inst->slots[i].id = xasprintf("s%zu", i);
		inst->slots[i].home = xstrdup("solheim");
		inst->slots[i].needed = i == 0 ? 2 : 1;
		inst->slots[i].start = 1000 + 1440 * (int64_t)i;
		inst->slots[i].end = 1120 + 1440 * (int64_t)i;
	}
	a.id = (char *)"a1";
	a.slot = (char *)"s0";
	a.youth = (char *)"y0";
	model_add_assignment(inst, &a);
	a.id = (char *)"a2";
	a.youth = (char *)"y1";
	a.status = MODEL_ASSIGNMENT_CANCELLED;
	model_add_assignment(inst, &a);
	a.id = (char *)"a3";
	a.slot = (char *)"s1";
	a.youth = (char *)"y2";
	a.status = MODEL_ASSIGNMENT_ACTIVE;
	model_add_assignment(inst, &a);
	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) ==
	    -1)
		fail_msg("%s: %s", field, msg);
	return inst;
}

static void
test_open_positions(void **state)
{
	struct model_instance *inst = build();
	int *open;

	(void)state;
	open = plan_open_positions(inst);
	/* s0 needs 2: y0 fills one, y1's cancelled one fills nothing. */
	assert_int_equal(open[0], 1);
	assert_int_equal(open[1], 0);
	free(open);

	/* A cancelled assignment never fills, even on a full slot. */
	inst->assignments[2].status = MODEL_ASSIGNMENT_CANCELLED;
	open = plan_open_positions(inst);
	assert_int_equal(open[0], 1);
	assert_int_equal(open[1], 1);
	free(open);
	model_instance_free(inst);
}

static void
test_cancelled_visit_asks_for_nobody(void **state)
{
	struct model_instance *inst = build();
	int *open;

	(void)state;
	/* A visit its series cancelled: neither open nor filled. */
	inst->slots[0].cancelled = true;
	assert_int_equal(plan_positions_of(&inst->slots[0]), 0);
	assert_int_equal(plan_positions_of(&inst->slots[1]), 1);
	open = plan_open_positions(inst);
	assert_int_equal(open[0], 0);
	assert_int_equal(open[1], 0);
	free(open);
	model_instance_free(inst);
}

static void
test_open_positions_overfilled(void **state)
{
	struct model_instance *inst = build();
	int *open;

	(void)state;
	/* More youths than needed leave nothing open, never below 0. */
	inst->assignments[1].status = MODEL_ASSIGNMENT_ACTIVE;
	inst->slots[0].needed = 1;
	open = plan_open_positions(inst);
	assert_int_equal(open[0], 0);
	free(open);
	model_instance_free(inst);
}

static void
test_apply(void **state)
{
	struct model_instance *inst = build(), *c;
	struct plan *p = plan_new();
	char msg[256];

	(void)state;
	/* y1 on s0 (half of it), y0 on s1: the instance's own go. */
	plan_add(p, inst, 0, 1);
	plan_add(p, inst, 1, 0);
	assert_int_equal(p->n, 2);
	assert_string_equal(p->a[0].slot, "s0");
	assert_string_equal(p->a[0].youth, "y1");
	c = plan_apply(inst, p, msg, sizeof(msg));
	if (c == NULL)
		fail_msg("%s", msg);
	assert_int_equal(c->nassignments, 2);
	assert_string_equal(c->assignments[0].id, "p1");
	assert_string_equal(c->assignments[0].youth, "y1");
	assert_int_equal(c->assignments[0].slot_idx, 0);
	assert_int_equal(c->assignments[0].youth_idx, 1);
	assert_int_equal(c->assignments[0].status, MODEL_ASSIGNMENT_ACTIVE);
	assert_string_equal(c->assignments[1].id, "p2");
	assert_int_equal(c->assignments[1].slot_idx, 1);
	/* The instance itself is left as it was. */
	assert_int_equal(inst->nassignments, 3);
	assert_string_equal(inst->assignments[0].id, "a1");

	/* The open positions the plan leaves: one on s0. */
	plan_set_unfilled(p, c);
	assert_int_equal(p->nunfilled, 1);
	assert_string_equal(p->unfilled[0].slot, "s0");
	assert_int_equal(p->unfilled[0].slot_idx, 0);
	assert_int_equal(p->unfilled[0].missing, 1);
	/* Again: replaced, not added to. */
	plan_set_unfilled(p, c);
	assert_int_equal(p->nunfilled, 1);
	model_instance_free(c);

	/* An empty plan leaves every position open. */
	plan_free(p);
	p = plan_new();
	c = plan_apply(inst, p, msg, sizeof(msg));
	assert_non_null(c);
	assert_int_equal(c->nassignments, 0);
	plan_set_unfilled(p, c);
	assert_int_equal(p->nunfilled, 2);
	assert_int_equal(p->unfilled[0].missing, 2);
	assert_int_equal(p->unfilled[1].missing, 1);
	model_instance_free(c);
	plan_free(p);
	model_instance_free(inst);
}

static void
test_apply_unknown_slot(void **state)
{
	struct model_instance *inst = build();
	struct plan *p = plan_new();
	char msg[256] = "";

	(void)state;
	/* A plan read without an instance may name anything. */
	p->a = xcalloc(1, sizeof(*p->a));
	p->n = 1;
	p->a[0].slot = xstrdup("s9");
	p->a[0].youth = xstrdup("y0");
	assert_null(plan_apply(inst, p, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "s9"));
	/* plan_add grows a plan read that way. */
	plan_add(p, inst, 0, 0);
	assert_int_equal(p->n, 2);
	assert_string_equal(p->a[0].slot, "s9");
	assert_string_equal(p->a[1].slot, "s0");
	plan_free(p);
	plan_free(NULL);
	model_instance_free(inst);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_positions),
	    cmocka_unit_test(test_open_positions_overfilled),
	    cmocka_unit_test(test_cancelled_visit_asks_for_nobody),
	    cmocka_unit_test(test_apply),
	    cmocka_unit_test(test_apply_unknown_slot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
