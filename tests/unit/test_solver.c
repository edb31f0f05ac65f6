/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of solver.c: every local-search move
 * with the incremental score checked against a full recomputation after
 * each one, plans that pass the full rules check with the score that
 * score_compute() gives, determinism, pinned assignments, replans that
 * keep what they can, visits that need skills, the sick-call refill and
 * the explanations of open positions.
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

#include "error.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "score.h"
#include "solver.h"
#include "tzmap.h"
#include "xmalloc.h"

static uint64_t
next(uint64_t *r)
{
	*r = *r * 6364136223846793005ULL + 1442695040888963407ULL;
	return *r >> 33;
}

static const char *
day_name(int d)
{
	static const char *const n[] = {
	    "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	return n[d % 7];
}

static json_t *
base_doc(void)
{
	return json_pack("{s:i, s:s, s:s, s:{s:[{s:s, s:s}], s:[{s:s, s:s}], "
	                 "s:{s:s, s:s}}, s:[], s:[], s:[], s:[]}",
	    "version", 1, "jurisdiction", "NO", "timezone", "Europe/Oslo",
	    "school_calendar", "terms", "from", "2027-01-04", "to",
	    "2027-06-18", "holidays", "from", "2027-01-11", "to", "2027-01-15",
	    "school_hours", "start", "08:15", "end", "14:30", "homes", "youths",
	    "slots", "assignments");
}

static struct model_instance *
load(json_t *doc)
{
	struct rotad_error err;
	struct model_instance *inst;

	rotad_error_clear(&err);
	inst = instance_from_json(doc, &err);
	if (inst == NULL)
		fail_msg("instance: %s: %s", err.field, err.message);
	json_decref(doc);
	return inst;
}

/*
 * A random but realistic instance: `nh` homes, `ny` youths aged 14-19,
 * two weeks (a school week and a holiday week), afternoon, Saturday and
 * late visits, 16+ visits, visits that need one or two leaders, other
 * work and personal caps.
 */
static struct model_instance *
random_instance(uint64_t seed, int nh, int ny)
{
	json_t *doc = base_doc();
	json_t *homes = json_object_get(doc, "homes");
	json_t *youths = json_object_get(doc, "youths");
	json_t *slots = json_object_get(doc, "slots");
	uint64_t r = seed * 7919 + 17;
	int sn = 0;
	char id[32], t0[32], t1[32], birth[16];

	for (int h = 0; h < nh; h++) {
		snprintf(id, sizeof(id), "h%d", h);
		json_array_append_new(
		    homes, json_pack("{s:s, s:s}", "id", id, "name", id));
	}
	for (int y = 0; y < ny; y++) {
		json_t *o, *days = json_array();
		int age = 14 + (int)(next(&r) % 6);
		for (int d = 0; d < 5; d++)
			if (next(&r) % 2)
				json_array_append_new(
				    days, json_string(day_name(d)));
		if (json_array_size(days) == 0)
			json_array_append_new(days, json_string("wed"));
		snprintf(id, sizeof(id), "y%d", y);
		snprintf(birth, sizeof(birth), "%d-%02d-%02d", 2027 - age - 1,
		    1 + (int)(next(&r) % 12), 1 + (int)(next(&r) % 28));
		o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:[{s:o, s:s, s:s}, "
		              "{s:[s, s], s:s, s:s}]}",
		    "id", id, "name", id, "birth_date", birth, "school",
		    age <= 15       ? "compulsory"
		        : age <= 18 ? "secondary"
		                    : "none",
		    "guardian_consent", "2026-08-01", "availability", "days",
		    days, "from", "15:00", "to",
		    next(&r) % 2 ? "20:00" : "22:00", "days", "sat", "sun",
		    "from", "10:00", "to", "18:00");
		if (age >= 16 && next(&r) % 3 == 0)
			json_object_set_new(
			    o, "skills", json_pack("[s]", "leader"));
		if (next(&r) % 5 == 0)
			json_object_set_new(o, "max_week_hours",
			    json_integer(4 + (int)(next(&r) % 4)));
		if (next(&r) % 6 == 0)
			json_object_set_new(o, "other_work",
			    json_pack("[{s:s, s:s}]", "start",
			        "2027-01-09T10:00", "end", "2027-01-09T13:00"));
		if (nh > 2) {
			int c = (int)(next(&r) % (uint64_t)nh);
			json_object_set_new(o, "homes",
			    json_pack("[s, s]",
			        (snprintf(id, sizeof(id), "h%d", c), id),
			        (snprintf(t0, sizeof(t0), "h%d", (c + 1) % nh),
			            t0)));
		}
		json_array_append_new(youths, o);
	}
	for (int day = 4; day < 18; day++) {
		int wd = (day - 4) % 7;
		for (int h = 0; h < nh; h++) {
			int start, len, needed;
			json_t *o;
			if (wd < 5 && next(&r) % 3 != 0)
				start = 16 * 60, len = 120;
			else if (wd == 5)
				start = 10 * 60, len = 180;
			else if (wd == 3 && h == 0)
				start = 19 * 60, len = 180; /* late */
			else
				continue;
			snprintf(id, sizeof(id), "s%d", sn++);
			snprintf(t0, sizeof(t0), "2027-01-%02dT%02d:%02d", day,
			    start / 60, start % 60);
			snprintf(t1, sizeof(t1), "2027-01-%02dT%02d:%02d", day,
			    (start + len) / 60, (start + len) % 60);
			snprintf(birth, sizeof(birth), "h%d", h);
			needed = 1 + (int)(next(&r) % 3);
			o = json_pack("{s:s, s:s, s:s, s:s, s:i}", "id", id,
			    "home", birth, "start", t0, "end", t1, "needed",
			    needed);
			if (next(&r) % 8 == 0)
				json_object_set_new(
				    o, "min_age", json_integer(16));
			if (next(&r) % 6 == 0)
				json_object_set_new(o, "requires",
				    json_pack("{s:i}", "leader",
				        needed > 1 && next(&r) % 3 == 0 ? 2
				                                        : 1));
			json_array_append_new(slots, o);
		}
	}
	return load(doc);
}

/* The instance with the result's assignments in place of its own. */
static struct model_instance *
with_plan(const struct model_instance *inst, const struct solver_result *res)
{
	struct model_instance *c = model_instance_copy(inst);
	char field[128], msg[256];

	for (size_t i = c->nassignments; i > 0; i--)
		model_remove_assignment(c, i - 1);
	for (size_t i = 0; i < res->n; i++) {
		struct model_assignment a = {0};
		a.slot = inst->slots[res->a[i].slot_idx].id;
		a.youth = inst->youths[res->a[i].youth_idx].id;
		model_add_assignment(c, &a);
	}
	assert_int_equal(
	    model_instance_link(c, field, sizeof(field), msg, sizeof(msg)), 0);
	return c;
}

static size_t
violations(const struct model_instance *inst)
{
	struct rules_report rep = {0};
	size_t n;

	assert_int_equal(
	    rules_check_instance(inst, tzmap_get(inst->timezone), &rep), 0);
	for (size_t i = 0; i < rep.n; i++)
		print_message(
		    "violation %s: %s\n", rep.v[i].rule_id, rep.v[i].message);
	n = rep.n;
	rules_report_free(&rep);
	return n;
}

static bool keep_first;

static void
run(const struct model_instance *inst, uint64_t seed, uint64_t work,
    struct solver_result *res)
{
	struct solver_options o;
	char err[256];

	memset(&o, 0, sizeof(o));
	o.keep_first = keep_first;
	o.seed = seed;
	o.work = work;
	o.seconds = 10;
	if (solver_run(inst, tzmap_get(inst->timezone), &o, res, err,
	        sizeof(err)) != 0)
		fail_msg("solver_run: %s", err);
}

static void
test_moves_keep_score(void **state)
{
	unsigned long total[SOLVER_MOVE__COUNT] = {0};

	(void)state;
	for (uint64_t seed = 1; seed <= 6; seed++) {
		struct model_instance *inst = random_instance(seed, 3, 14);
		unsigned long applied[SOLVER_MOVE__COUNT];
		char err[256] = "";
		int rc = solver_check_moves(inst, tzmap_get(inst->timezone),
		    seed, 600, applied, err, sizeof(err));
		if (rc != 0)
			fail_msg(
			    "seed %llu: %s", (unsigned long long)seed, err);
		for (int k = 0; k < SOLVER_MOVE__COUNT; k++)
			total[k] += applied[k];
		model_instance_free(inst);
	}
	/* Every move was made, many times, and each kept the books. */
	print_message("moves: add %lu, group %lu, chain %lu, replace %lu, "
	              "swap %lu, regroup %lu, cycle %lu\n",
	    total[SOLVER_MOVE_ADD], total[SOLVER_MOVE_GROUP],
	    total[SOLVER_MOVE_CHAIN], total[SOLVER_MOVE_REPLACE],
	    total[SOLVER_MOVE_SWAP], total[SOLVER_MOVE_REGROUP],
	    total[SOLVER_MOVE_CYCLE]);
	assert_true(total[SOLVER_MOVE_ADD] > 10);
	assert_true(total[SOLVER_MOVE_GROUP] > 0);
	assert_true(total[SOLVER_MOVE_CHAIN] > 5);
	assert_true(total[SOLVER_MOVE_REPLACE] > 10);
	assert_true(total[SOLVER_MOVE_SWAP] > 10);
	assert_true(total[SOLVER_MOVE_REGROUP] > 0);
	assert_true(total[SOLVER_MOVE_CYCLE] > 5);
}

static void
test_plan_is_legal_with_check_score(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 5; seed++) {
		struct model_instance *inst = random_instance(seed, 4, 16);
		struct solver_result res;
		struct model_instance *c;
		struct plan_score sc;
		run(inst, seed, 200000, &res);
		c = with_plan(inst, &res);
		assert_int_equal(violations(c), 0);
		score_compute(c, tzmap_get(c->timezone), &sc);
		assert_int_equal(sc.filled, res.score.filled);
		assert_int_equal(sc.positions, res.score.positions);
		assert_int_equal(sc.pairs, res.score.pairs);
		assert_true(sc.fairness == res.score.fairness);
		assert_true(res.score.filled > 0);
		solver_result_release(&res);
		model_instance_free(c);
		model_instance_free(inst);
	}
}

static void
test_same_seed_same_plan(void **state)
{
	struct model_instance *inst = random_instance(42, 4, 16);
	struct solver_result a, b, c;

	(void)state;
	run(inst, 7, 150000, &a);
	run(inst, 7, 150000, &b);
	run(inst, 8, 150000, &c);
	assert_int_equal(a.n, b.n);
	assert_memory_equal(a.a, b.a, a.n * sizeof(*a.a));
	assert_int_equal(a.work, b.work);
	/* Another seed is still a legal plan (and usually another one). */
	assert_int_equal(c.score.positions, a.score.positions);
	solver_result_release(&a);
	solver_result_release(&b);
	solver_result_release(&c);
	model_instance_free(inst);
}

static void
test_local_search_improves_construction(void **state)
{
	struct model_instance *inst = random_instance(3, 4, 18);
	struct solver_result a, b;

	(void)state;
	run(inst, 1, 1, &a); /* construction only */
	run(inst, 1, 300000, &b);
	assert_true(b.score.filled >= a.score.filled);
	assert_true(b.score.filled > a.score.filled ||
	    b.score.fairness <= a.score.fairness);
	solver_result_release(&a);
	solver_result_release(&b);
	model_instance_free(inst);
}

/* A visit its series cancelled is never planned and is no position. */
static void
test_cancelled_visit_is_no_position(void **state)
{
	struct model_instance *inst = random_instance(5, 3, 14);
	struct solver_result before, after;
	struct plan_score sc;
	long gone = inst->slots[0].needed;

	(void)state;
	run(inst, 1, 100000, &before);
	inst->slots[0].cancelled = true;
	run(inst, 1, 100000, &after);
	for (size_t i = 0; i < after.n; i++)
		assert_int_not_equal(after.a[i].slot_idx, 0);
	assert_int_equal(after.score.positions, before.score.positions - gone);
	assert_true(after.score.filled <= after.score.positions);
	score_compute(inst, tzmap_get(inst->timezone), &sc);
	assert_int_equal(sc.positions, after.score.positions);
	solver_result_release(&before);
	solver_result_release(&after);
	model_instance_free(inst);
}

static void
test_pinned_survive(void **state)
{
	struct model_instance *inst = random_instance(5, 3, 14);
	struct solver_result first, res;
	size_t npinned = 0;
	char field[128], msg[256];

	(void)state;
	run(inst, 1, 100000, &first);
	/* Pin every third assignment of a first plan, plus one that may
	 * well break a rule: all must stay. */
	for (size_t i = 0; i < first.n; i += 3) {
		struct model_assignment a = {0};
		a.slot = inst->slots[first.a[i].slot_idx].id;
		a.youth = inst->youths[first.a[i].youth_idx].id;
		a.pinned = true;
		model_add_assignment(inst, &a);
		npinned++;
	}
	{
		struct model_assignment a = {0};
		bool dup = false;
		for (size_t i = 0; i < first.n; i += 3)
			if (first.a[i].youth_idx == 0 &&
			    first.a[i].slot_idx == inst->nslots - 1)
				dup = true;
		a.slot = inst->slots[inst->nslots - 1].id;
		a.youth = inst->youths[0].id;
		a.pinned = true;
		if (!dup)
			model_add_assignment(inst, &a);
	}
	assert_int_equal(
	    model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)),
	    0);
	run(inst, 99, 100000, &res);
	for (size_t i = 0; i < inst->nassignments; i++) {
		bool found = false;
		for (size_t k = 0; k < res.n; k++)
			if (res.a[k].from == (long)i &&
			    res.a[k].slot_idx ==
			        inst->assignments[i].slot_idx &&
			    res.a[k].youth_idx ==
			        inst->assignments[i].youth_idx)
				found = true;
		assert_true(found);
	}
	assert_true(npinned > 0);
	solver_result_release(&first);
	solver_result_release(&res);
	model_instance_free(inst);
}

static void
test_replan_keeps_continuity(void **state)
{
	struct model_instance *inst = random_instance(11, 4, 16);
	struct solver_result first, again;
	char field[128], msg[256];
	size_t kept = 0;

	(void)state;
	run(inst, 1, 300000, &first);
	for (size_t i = 0; i < first.n; i++) {
		struct model_assignment a = {0};
		a.slot = inst->slots[first.a[i].slot_idx].id;
		a.youth = inst->youths[first.a[i].youth_idx].id;
		model_add_assignment(inst, &a); /* unpinned: movable */
	}
	assert_int_equal(
	    model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)),
	    0);
	keep_first = true; /* as the API's replan does */
	run(inst, 2, 300000, &again);
	keep_first = false;
	for (size_t i = 0; i < again.n; i++)
		if (again.a[i].from >= 0)
			kept++;
	assert_true(again.score.filled >= first.score.filled);
	/* Nearly everything stays where it was. */
	assert_true(kept * 10 >= first.n * 9);
	assert_int_equal(again.moved, (long)(first.n - kept));
	solver_result_release(&first);
	solver_result_release(&again);
	model_instance_free(inst);
}

/* Adds a youth to a document. */
static void
add_youth(json_t *doc, const char *id, const char *birth, const char *school,
    const char *skill)
{
	json_t *y = json_pack("{s:s, s:s, s:s, s:s, s:s, s:[{s:[s, s, s, s, "
	                      "s, s, s], s:s, s:s}]}",
	    "id", id, "name", id, "birth_date", birth, "school", school,
	    "guardian_consent", "2026-08-01", "availability", "days", "mon",
	    "tue", "wed", "thu", "fri", "sat", "sun", "from", "10:00", "to",
	    "20:00");

	if (skill != NULL)
		json_object_set_new(y, "skills", json_pack("[s]", skill));
	json_array_append_new(json_object_get(doc, "youths"), y);
}

static void
add_slot(
    json_t *doc, const char *id, const char *start, const char *end, int needed)
{
	json_array_append_new(json_object_get(doc, "slots"),
	    json_pack("{s:s, s:s, s:s, s:s, s:i}", "id", id, "home", "h",
	        "start", start, "end", end, "needed", needed));
}

static json_t *
one_home_doc(void)
{
	json_t *doc = base_doc();

	json_array_append_new(json_object_get(doc, "homes"),
	    json_pack("{s:s, s:s}", "id", "h", "name", "Solheim"));
	return doc;
}

static void
test_group_fill_meets_requirements(void **state)
{
	json_t *doc = one_home_doc();
	struct model_instance *inst, *c;
	struct solver_result res;
	int leaders = 0;

	(void)state;
	add_youth(doc, "l1", "2009-01-01", "secondary", "leader");
	add_youth(doc, "l2", "2009-01-01", "secondary", "leader");
	add_youth(doc, "p1", "2009-01-01", "secondary", NULL);
	add_youth(doc, "p2", "2009-01-01", "secondary", NULL);
	add_slot(doc, "s", "2027-01-09T10:00", "2027-01-09T13:00", 3);
	json_object_set_new(json_array_get(json_object_get(doc, "slots"), 0),
	    "requires", json_pack("{s:i}", "leader", 2));
	inst = load(doc);
	run(inst, 1, 10000, &res);
	assert_int_equal(res.score.filled, 3);
	for (size_t i = 0; i < res.n; i++)
		if (inst->youths[res.a[i].youth_idx].nskills > 0)
			leaders++;
	assert_int_equal(leaders, 2);
	c = with_plan(inst, &res);
	assert_int_equal(violations(c), 0);
	model_instance_free(c);
	solver_result_release(&res);
	model_instance_free(inst);
}

static void
test_explain_min_age(void **state)
{
	json_t *doc = one_home_doc();
	struct model_instance *inst;
	char why[400];

	(void)state;
	add_youth(doc, "a", "2012-05-01", "compulsory", NULL);
	add_youth(doc, "b", "2012-06-01", "compulsory", NULL);
	add_slot(doc, "s", "2027-01-09T10:00", "2027-01-09T13:00", 1);
	json_object_set_new(json_array_get(json_object_get(doc, "slots"), 0),
	    "min_age", json_integer(16));
	inst = load(doc);
	solver_explain_unfilled(
	    inst, tzmap_get(inst->timezone), 0, why, sizeof(why));
	assert_string_equal(why,
	    "No youth aged 16 or older is available on Saturday 9 January "
	    "10:00-13:00; every youth who may visit this home is younger.");
	assert_int_equal(
	    solver_refill(inst, tzmap_get(inst->timezone), 0, why, sizeof(why)),
	    -1);
	model_instance_free(inst);
}

static void
test_explain_weekly_limit_and_refill(void **state)
{
	json_t *doc = one_home_doc();
	json_t *as;
	struct model_instance *inst;
	const char *ys[] = {"a", "b", "c"};
	char why[400], id[16], t0[32], t1[32];
	long y;

	(void)state;
	for (int i = 0; i < 3; i++)
		add_youth(doc, ys[i], "2012-06-01", "compulsory", NULL);
	add_youth(doc, "d", "2012-06-01", "compulsory", NULL);
	/* 2 h every school day and 2 h on Saturday: 12 h in a week with
	 * lessons, the limit for pupils in compulsory school. */
	for (int d = 4; d <= 9; d++) {
		snprintf(id, sizeof(id), "w%d", d);
		snprintf(t0, sizeof(t0), "2027-01-%02dT%s", d,
		    d == 9 ? "10:00" : "16:00");
		snprintf(t1, sizeof(t1), "2027-01-%02dT%s", d,
		    d == 9 ? "12:00" : "18:00");
		add_slot(doc, id, t0, t1, 4);
	}
	add_slot(doc, "x", "2027-01-09T13:00", "2027-01-09T15:00", 1);
	as = json_object_get(doc, "assignments");
	for (int d = 4; d <= 9; d++)
		for (int i = 0; i < 3; i++) {
			snprintf(id, sizeof(id), "w%d", d);
			json_array_append_new(as,
			    json_pack("{s:s, s:s, s:b}", "slot", id, "youth",
			        ys[i], "pinned", 1));
		}
	inst = load(doc);
	/* d is free: the refill takes d (the only one with room). */
	y = solver_refill(inst, tzmap_get(inst->timezone), 6, why, sizeof(why));
	assert_int_equal(y, 3);
	/* Without d, nobody can come, and the reason names the limit. */
	inst->youths[3].navailability = 0;
	solver_explain_unfilled(
	    inst, tzmap_get(inst->timezone), 6, why, sizeof(why));
	print_message("%s\n", why);
	assert_string_equal(why,
	    "3 youths are available on Saturday 9 January 13:00-15:00 but "
	    "none may take the visit. The visit would mean more work that "
	    "week than the limit of 12 h (AML § 11-2 (2) a).");
	assert_int_equal(
	    solver_refill(inst, tzmap_get(inst->timezone), 6, why, sizeof(why)),
	    -1);
	model_instance_free(inst);
}

/* The budget's cost model: flat on small instances, then fewer units per
 * second as the instance outgrows the caches, never below a third. */
static void
test_work_per_second_model(void **state)
{
	uint64_t prev = SOLVER_WORK_PER_SECOND;

	(void)state;
	assert_int_equal(
	    solver_work_per_second(12, 20), SOLVER_WORK_PER_SECOND);
	assert_int_equal(
	    solver_work_per_second(300, 576), SOLVER_WORK_PER_SECOND);
	for (size_t n = 1000; n < 10000000; n = n * 5 / 4) {
		uint64_t w = solver_work_per_second(n / 2, n - n / 2);
		assert_true(w <= prev);
		assert_true(w >= SOLVER_WORK_PER_SECOND / 3);
		prev = w;
	}
	/* nation (20,000 youths, 13,216 slots): about 2.4 times the cost */
	assert_true(solver_work_per_second(20000, 13216) >
	    SOLVER_WORK_PER_SECOND * 10 / 25);
	assert_true(solver_work_per_second(20000, 13216) <
	    SOLVER_WORK_PER_SECOND * 10 / 23);
}

static void
test_refill_prefers_fewest_hours(void **state)
{
	json_t *doc = one_home_doc();
	struct model_instance *inst;
	char why[200];

	(void)state;
	add_youth(doc, "busy", "2009-01-01", "secondary", NULL);
	add_youth(doc, "idle", "2009-01-01", "secondary", NULL);
	add_slot(doc, "s1", "2027-01-05T16:00", "2027-01-05T18:00", 1);
	add_slot(doc, "s2", "2027-01-06T16:00", "2027-01-06T18:00", 1);
	json_array_append_new(json_object_get(doc, "assignments"),
	    json_pack("{s:s, s:s}", "slot", "s1", "youth", "busy"));
	inst = load(doc);
	assert_int_equal(
	    solver_refill(inst, tzmap_get(inst->timezone), 1, why, sizeof(why)),
	    1);
	/* A full slot has no refill. */
	assert_int_equal(
	    solver_refill(inst, tzmap_get(inst->timezone), 0, why, sizeof(why)),
	    -1);
	model_instance_free(inst);
}

/*
 * Issue 12, defect 1: a visit needs two, Ola and Sigrid are on it.  Ola
 * calls in sick and Hakon takes her place; then Sigrid calls in sick.  The
 * refill must not hand the visit back to Ola (she would have it twice in
 * her feed, once cancelled and once confirmed), and a full solve must not
 * either.  Ola has the fewest hours, so she is exactly who the objective
 * would pick.
 */
static void
test_nobody_gets_back_a_visit_they_gave_up(void **state)
{
	json_t *doc = one_home_doc();
	json_t *as = json_object_get(doc, "assignments");
	struct model_instance *inst;
	struct solver_result res;
	char why[200];
	long ola, y;

	(void)state;
	add_youth(doc, "ola", "2009-01-01", "secondary", NULL);
	add_youth(doc, "sigrid", "2009-01-01", "secondary", NULL);
	add_youth(doc, "hakon", "2009-01-01", "secondary", NULL);
	add_youth(doc, "busy", "2009-01-01", "secondary", NULL);
	add_slot(doc, "s1", "2027-01-05T16:00", "2027-01-05T18:00", 2);
	add_slot(doc, "s2", "2027-01-06T16:00", "2027-01-06T18:00", 1);
	json_array_append_new(as,
	    json_pack("{s:s, s:s, s:s}", "slot", "s1", "youth", "ola", "status",
	        "cancelled"));
	json_array_append_new(
	    as, json_pack("{s:s, s:s}", "slot", "s1", "youth", "hakon"));
	json_array_append_new(as,
	    json_pack("{s:s, s:s, s:s}", "slot", "s1", "youth", "sigrid",
	        "status", "cancelled"));
	json_array_append_new(
	    as, json_pack("{s:s, s:s}", "slot", "s2", "youth", "busy"));
	inst = load(doc);
	ola = 0;
	assert_string_equal(inst->youths[ola].id, "ola");
	y = solver_refill(inst, tzmap_get(inst->timezone), 0, why, sizeof(why));
	assert_true(y >= 0);
	assert_string_equal(inst->youths[y].id, "busy");
	/* The same holds for a whole run: nobody who cancelled s1 gets it. */
	run(inst, 3, 100000, &res);
	for (size_t k = 0; k < res.n; k++)
		if (res.a[k].slot_idx == 0) {
			const char *who = inst->youths[res.a[k].youth_idx].id;
			assert_string_not_equal(who, "ola");
			assert_string_not_equal(who, "sigrid");
		}
	solver_result_release(&res);
	model_instance_free(inst);
}

/*
 * Issue 20: back-to-back visits at one home, 10:00-12:30 and 12:30-15:00
 * (and 10:00-13:00 and 13:00-15:00), and a later one, all held by a
 * 17-year-old.  With the later visit the day has a break (the gap before
 * it); without it, 5 h with no break of 30 min (AML 11-5(1)).  The
 * fairest plan gives the later visit to the idle youth, which breaks the
 * rule: the replace, swap, chain and cycle moves asked only whether the
 * youth taking a visit may take it, never whether the youth leaving one
 * may leave it.  Fewer visits can break a break rule.
 */
static void
test_back_to_back_keep_break(void **state)
{
	/* The later visit first: the solver loads the plan it starts from
	 * in slot order, and the two back-to-back visits alone would already
	 * be refused. */
	static const char *const shapes[2][3][2] = {
	    {{"2027-01-09T16:00", "2027-01-09T19:00"},
	        {"2027-01-09T10:00", "2027-01-09T12:30"},
	        {"2027-01-09T12:30", "2027-01-09T15:00"}},
	    {{"2027-01-09T16:00", "2027-01-09T18:30"},
	        {"2027-01-09T10:00", "2027-01-09T13:00"},
	        {"2027-01-09T13:00", "2027-01-09T15:00"}}};

	(void)state;
	for (int k = 0; k < 2; k++) {
		json_t *doc = one_home_doc();
		json_t *as = json_object_get(doc, "assignments");
		struct model_instance *inst, *c;
		struct solver_result res;
		char id[8];

		add_youth(doc, "busy", "2009-06-01", "secondary", NULL);
		add_youth(doc, "idle", "2009-06-01", "secondary", NULL);
		for (int i = 0; i < 3; i++) {
			snprintf(id, sizeof(id), "s%d", i);
			add_slot(doc, id, shapes[k][i][0], shapes[k][i][1], 1);
			json_array_append_new(as,
			    json_pack(
			        "{s:s, s:s}", "slot", id, "youth", "busy"));
		}
		inst = load(doc);
		/* The plan it starts from is legal. */
		assert_int_equal(violations(inst), 0);
		run(inst, 1, 200000, &res);
		c = with_plan(inst, &res);
		assert_int_equal(violations(c), 0);
		assert_int_equal(res.score.filled, 3);
		solver_result_release(&res);
		model_instance_free(c);
		model_instance_free(inst);
	}
}

/*
 * The final check (issue 20): a plan with a violation of the solver's
 * own making, as a faulty move would leave it (the busy youth on
 * 10:00-12:30 and 12:30-15:00, no break), is repaired: the fewest
 * assignments taken away (one), the position refilled legally (by the
 * idle youth), and nothing of the solver's making left.  Pinned
 * assignments that break a rule on their own are the input's: counted,
 * kept, and the solver's assignment of that youth on another day stays.
 */
static void
test_final_check_repairs(void **state)
{
	json_t *doc = one_home_doc();
	json_t *as = json_object_get(doc, "assignments");
	struct model_instance *inst, *c;
	struct solver_result res;
	char err[256];
	bool kept = false;

	(void)state;
	add_youth(doc, "busy", "2009-06-01", "secondary", NULL);
	add_youth(doc, "idle", "2009-06-01", "secondary", NULL);
	add_slot(doc, "s0", "2027-01-09T10:00", "2027-01-09T12:30", 1);
	add_slot(doc, "s1", "2027-01-09T12:30", "2027-01-09T15:00", 1);
	json_array_append_new(
	    as, json_pack("{s:s, s:s}", "slot", "s0", "youth", "busy"));
	json_array_append_new(
	    as, json_pack("{s:s, s:s}", "slot", "s1", "youth", "busy"));
	inst = load(doc);
	assert_int_equal(violations(inst), 1);
	assert_int_equal(solver_check_repair(inst, tzmap_get(inst->timezone),
	                     &res, err, sizeof(err)),
	    0);
	assert_int_equal(res.repaired, 1);
	assert_int_equal(res.plan_violations, 0);
	assert_int_equal(res.input_violations, 0);
	assert_int_equal(res.score.filled, 2);
	c = with_plan(inst, &res);
	assert_int_equal(violations(c), 0);
	solver_result_release(&res);
	model_instance_free(c);
	model_instance_free(inst);

	/* The same two visits pinned: the input's problem, left alone. */
	doc = one_home_doc();
	as = json_object_get(doc, "assignments");
	add_youth(doc, "busy", "2009-06-01", "secondary", NULL);
	add_youth(doc, "idle", "2009-06-01", "secondary", NULL);
	add_slot(doc, "s0", "2027-01-09T10:00", "2027-01-09T12:30", 1);
	add_slot(doc, "s1", "2027-01-09T12:30", "2027-01-09T15:00", 1);
	add_slot(doc, "s2", "2027-01-11T16:00", "2027-01-11T18:00", 1);
	json_array_append_new(as,
	    json_pack(
	        "{s:s, s:s, s:b}", "slot", "s0", "youth", "busy", "pinned", 1));
	json_array_append_new(as,
	    json_pack(
	        "{s:s, s:s, s:b}", "slot", "s1", "youth", "busy", "pinned", 1));
	json_array_append_new(
	    as, json_pack("{s:s, s:s}", "slot", "s2", "youth", "busy"));
	inst = load(doc);
	assert_int_equal(solver_check_repair(inst, tzmap_get(inst->timezone),
	                     &res, err, sizeof(err)),
	    0);
	assert_int_equal(res.repaired, 0);
	assert_int_equal(res.plan_violations, 0);
	assert_int_equal(res.input_violations, 1);
	for (size_t i = 0; i < res.n; i++)
		if (res.a[i].slot_idx == 2 && res.a[i].youth_idx == 0)
			kept = true;
	assert_true(kept);
	solver_result_release(&res);
	/* A whole run says the same. */
	run(inst, 1, 100000, &res);
	assert_int_equal(res.plan_violations, 0);
	assert_int_equal(res.input_violations, 1);
	solver_result_release(&res);
	model_instance_free(inst);
}

/*
 * Three youths, three visits at the same time in three homes, each youth
 * allowed in two of them: x (3 h) can go to a or b, y (2 h) to b or c,
 * z (2 h) to c or a; a also has a pinned 2 h visit.  The plan it starts
 * from (a on x, b on y, c on z) has a fairness of 25 + 4 + 4 = 33 and no
 * replace or swap may change it (each other candidate is busy at that
 * time, and no youth may take the other's visit).  Only the three
 * passing visits round (a to z, b to x, c to y) reach the optimum,
 * 16 + 9 + 4 = 29.  Before the polish, the search stopped at 33.
 */
static struct model_instance *
cycle_instance(void)
{
	json_t *doc = base_doc();
	json_t *as = json_object_get(doc, "assignments");
	const char *homes[3] = {"hx", "hy", "hz"};
	const char *allowed[3][2] = {{"hx", "hz"}, {"hx", "hy"}, {"hy", "hz"}};
	const char *ys[3] = {"a", "b", "c"};

	for (int h = 0; h < 3; h++)
		json_array_append_new(json_object_get(doc, "homes"),
		    json_pack("{s:s, s:s}", "id", homes[h], "name", homes[h]));
	for (int i = 0; i < 3; i++) {
		add_youth(doc, ys[i], "2008-06-01", "none", NULL);
		json_object_set_new(
		    json_array_get(json_object_get(doc, "youths"), (size_t)i),
		    "homes", json_pack("[s, s]", allowed[i][0], allowed[i][1]));
	}
	json_array_append_new(json_object_get(doc, "slots"),
	    json_pack("{s:s, s:s, s:s, s:s, s:i}", "id", "x", "home", "hx",
	        "start", "2027-01-09T10:00", "end", "2027-01-09T13:00",
	        "needed", 1));
	json_array_append_new(json_object_get(doc, "slots"),
	    json_pack("{s:s, s:s, s:s, s:s, s:i}", "id", "y", "home", "hy",
	        "start", "2027-01-09T10:00", "end", "2027-01-09T12:00",
	        "needed", 1));
	json_array_append_new(json_object_get(doc, "slots"),
	    json_pack("{s:s, s:s, s:s, s:s, s:i}", "id", "z", "home", "hz",
	        "start", "2027-01-09T10:00", "end", "2027-01-09T12:00",
	        "needed", 1));
	json_array_append_new(json_object_get(doc, "slots"),
	    json_pack("{s:s, s:s, s:s, s:s, s:i}", "id", "p", "home", "hx",
	        "start", "2027-01-07T16:00", "end", "2027-01-07T18:00",
	        "needed", 1));
	json_array_append_new(as,
	    json_pack(
	        "{s:s, s:s, s:b}", "slot", "p", "youth", "a", "pinned", 1));
	json_array_append_new(
	    as, json_pack("{s:s, s:s}", "slot", "x", "youth", "a"));
	json_array_append_new(
	    as, json_pack("{s:s, s:s}", "slot", "y", "youth", "b"));
	json_array_append_new(
	    as, json_pack("{s:s, s:s}", "slot", "z", "youth", "c"));
	return load(doc);
}

static void
test_polish_cycle_reaches_optimum(void **state)
{
	struct model_instance *inst = cycle_instance(), *c;
	struct solver_result res;

	(void)state;
	run(inst, 1, 400000, &res);
	assert_int_equal(res.score.filled, 4);
	assert_true(res.score.fairness == 29.0);
	assert_int_equal(res.stop, SOLVER_STOP_BUDGET);
	c = with_plan(inst, &res);
	assert_int_equal(violations(c), 0);
	for (size_t i = 0; i < res.n; i++) {
		const char *y = inst->youths[res.a[i].youth_idx].id;
		const char *s = inst->slots[res.a[i].slot_idx].id;
		if (strcmp(s, "x") == 0)
			assert_string_equal(y, "b");
		if (strcmp(s, "y") == 0)
			assert_string_equal(y, "c");
		if (strcmp(s, "z") == 0)
			assert_string_equal(y, "a");
	}
	solver_result_release(&res);
	model_instance_free(c);
	model_instance_free(inst);
}

/*
 * A budget far beyond convergence: the polish uses all of it (the stop
 * is the budget, not convergence), is deterministic for the same seed
 * and budget, never loses a filled position, and gives a legal plan
 * with the score score_compute() gives.
 */
static void
test_polish_uses_budget_deterministically(void **state)
{
	struct model_instance *inst = random_instance(42, 4, 16), *c;
	struct solver_result conv, a, b;
	struct plan_score sc;

	(void)state;
	run(inst, 3, 150000, &conv);
	run(inst, 3, 1500000, &a);
	run(inst, 3, 1500000, &b);
	assert_int_equal(a.stop, SOLVER_STOP_BUDGET);
	assert_true(a.work >= 1500000);
	assert_int_equal(a.n, b.n);
	assert_memory_equal(a.a, b.a, a.n * sizeof(*a.a));
	assert_int_equal(a.work, b.work);
	assert_int_equal(a.iterations, b.iterations);
	assert_true(a.score.filled >= conv.score.filled);
	assert_true(a.score.filled > conv.score.filled ||
	    a.score.fairness <= conv.score.fairness);
	c = with_plan(inst, &a);
	assert_int_equal(violations(c), 0);
	score_compute(c, tzmap_get(c->timezone), &sc);
	assert_int_equal(sc.filled, a.score.filled);
	assert_int_equal(sc.pairs, a.score.pairs);
	assert_true(sc.fairness == a.score.fairness);
	solver_result_release(&conv);
	solver_result_release(&a);
	solver_result_release(&b);
	model_instance_free(c);
	model_instance_free(inst);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_moves_keep_score),
	    cmocka_unit_test(test_plan_is_legal_with_check_score),
	    cmocka_unit_test(test_same_seed_same_plan),
	    cmocka_unit_test(test_local_search_improves_construction),
	    cmocka_unit_test(test_pinned_survive),
	    cmocka_unit_test(test_cancelled_visit_is_no_position),
	    cmocka_unit_test(test_replan_keeps_continuity),
	    cmocka_unit_test(test_group_fill_meets_requirements),
	    cmocka_unit_test(test_explain_min_age),
	    cmocka_unit_test(test_explain_weekly_limit_and_refill),
	    cmocka_unit_test(test_refill_prefers_fewest_hours),
	    cmocka_unit_test(test_nobody_gets_back_a_visit_they_gave_up),
	    cmocka_unit_test(test_work_per_second_model),
	    cmocka_unit_test(test_polish_cycle_reaches_optimum),
	    cmocka_unit_test(test_polish_uses_budget_deterministically),
	    cmocka_unit_test(test_back_to_back_keep_break),
	    cmocka_unit_test(test_final_check_repairs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
