/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the change module (change.c): a
 * change the labour-law gate refuses leaves the model and the store as
 * they were (the in-place change undone, at every position of every
 * array), and a committed change leaves the model exactly as a fresh read
 * of the store gives it (order, links and bookkeeping included).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "change.h"
#include "feed_cache.h"
#include "instance_json.h"
#include "model.h"
#include "state.h"
#include "store.h"
#include "xmalloc.h"

static const char doc[] =
    "{\"version\": 1, \"jurisdiction\": \"NO\", \"timezone\": "
    "\"Europe/Oslo\","
    "\"homes\": [{\"id\": \"h1\", \"name\": \"One\"},"
    "  {\"id\": \"h3\", \"name\": \"Three\"}],"
    "\"youths\": ["
    "  {\"id\": \"y1\", \"name\": \"Ada A\", \"birth_date\": \"2005-01-01\","
    "   \"school\": \"none\", \"availability\": [{\"days\": [\"mon\", "
    "   \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"], "
    "   \"from\": \"08:00\", \"to\": \"22:00\"}]},"
    "  {\"id\": \"y3\", \"name\": \"Bo B\", \"birth_date\": \"2005-02-01\","
    "   \"school\": \"none\", \"homes\": [\"h3\"]},"
    "  {\"id\": \"y5\", \"name\": \"Cy C\", \"birth_date\": \"2005-03-01\","
    "   \"school\": \"none\", \"skills\": [\"leader\"]}],"
    "\"slots\": ["
    "  {\"id\": \"s1\", \"home\": \"h1\", \"start\": \"2027-01-04T16:00\","
    "   \"end\": \"2027-01-04T18:00\", \"needed\": 1},"
    "  {\"id\": \"s3\", \"home\": \"h3\", \"start\": \"2027-01-05T16:00\","
    "   \"end\": \"2027-01-05T18:00\", \"needed\": 2,"
    "   \"requires\": {\"leader\": 1}},"
    "  {\"id\": \"s5\", \"home\": \"h1\", \"start\": \"2027-01-06T16:00\","
    "   \"end\": \"2027-01-06T18:00\", \"needed\": 1}],"
    "\"assignments\": ["
    "  {\"id\": \"a1\", \"slot\": \"s1\", \"youth\": \"y1\"},"
    "  {\"id\": \"a3\", \"slot\": \"s3\", \"youth\": \"y5\"},"
    "  {\"id\": \"a4\", \"slot\": \"s3\", \"youth\": \"y3\"}]}";

struct fx {
	struct store *st;
	struct model_instance *inst;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct rotad_error err;
	struct model_instance *in;
	json_t *j = json_loads(doc, 0, NULL);

	assert_non_null(j);
	in = instance_from_json(j, &err);
	json_decref(j);
	assert_non_null(in);
	assert_non_null(fx->st = store_open(":memory:", &err));
	assert_int_equal(store_begin(fx->st, &err), 0);
	assert_int_equal(store_replace_all(fx->st, in, 1000, &err), 0);
	assert_int_equal(store_commit(fx->st, &err), 0);
	model_instance_free(in);
	assert_int_equal(store_load_instance(fx->st, &fx->inst, &err), 0);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	model_instance_free(fx->inst);
	store_close(fx->st);
	free(fx);
	return 0;
}

/* Everything of a model: the instance, bookkeeping and every link. */
static char *
dump(const struct model_instance *inst)
{
	json_t *j = instance_to_json(inst), *links = json_array();
	char *text;

	for (size_t i = 0; i < inst->nassignments; i++)
		json_array_append_new(links,
		    json_pack("{s:o, s:I, s:I}", "a",
		        instance_assignment_to_json(
		            &inst->assignments[i], true),
		        "slot_idx", (json_int_t)inst->assignments[i].slot_idx,
		        "youth_idx",
		        (json_int_t)inst->assignments[i].youth_idx));
	for (size_t i = 0; i < inst->nslots; i++)
		json_array_append_new(
		    links, json_integer((json_int_t)inst->slots[i].home_idx));
	for (size_t i = 0; i < inst->nyouths; i++)
		for (size_t k = 0; k < inst->youths[i].nhomes; k++)
			json_array_append_new(links,
			    json_integer(
			        (json_int_t)inst->youths[i].homes_idx[k]));
	json_object_set_new(j, "links", links);
	text = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(j);
	return text;
}

/* The store as a fresh read gives it. */
static char *
stored(struct store *st)
{
	struct rotad_error err;
	struct model_instance *inst;
	char *text;

	assert_int_equal(store_load_instance(st, &inst, &err), 0);
	text = dump(inst);
	model_instance_free(inst);
	return text;
}

static int
run(struct fx *fx, struct change *c, struct change_result *res,
    struct rotad_error *err)
{
	struct feed_touch ft = {0};
	bool failed = false;
	int rc;

	c->now = 2000;
	c->actor = "test";
	rotad_error_clear(err);
	rc = change_apply(fx->st, fx->inst, c, res, &ft, &failed, err);
	assert_false(failed);
	feed_touch_free(&ft);
	return rc;
}

/* The change is refused by the gate, and nothing changes anywhere. */
static void
expect_refused(struct fx *fx, struct change *c)
{
	char *m0 = dump(fx->inst), *s0 = stored(fx->st), *m1, *s1;
	struct change_result res;
	struct rotad_error err;

	c->gate = true;
	assert_int_equal(run(fx, c, &res, &err), -1);
	assert_int_equal(err.code, ROTAD_ERR_RULE_VIOLATION);
	assert_true(res.nviolations > 0);
	assert_non_null(res.violations);
	change_result_clear(&res);
	m1 = dump(fx->inst);
	s1 = stored(fx->st);
	assert_string_equal(m0, m1);
	assert_string_equal(s0, s1);
	assert_string_equal(s0, m0);
	free(m0);
	free(m1);
	free(s0);
	free(s1);
}

/* The change is committed, and the model is what the store holds. */
static void
expect_committed(struct fx *fx, struct change *c)
{
	struct change_result res;
	struct rotad_error err;
	char *m, *s;

	if (run(fx, c, &res, &err) != 0) {
		char *v = res.violations ? json_dumps(res.violations, 0) : NULL;
		fail_msg("refused: %s %s", err.message, v ? v : "");
	}
	change_result_clear(&res);
	m = dump(fx->inst);
	s = stored(fx->st);
	assert_string_equal(m, s);
	free(m);
	free(s);
}

static struct model_assignment
asg(const char *id, const char *slot, const char *youth)
{
	struct model_assignment a;

	memset(&a, 0, sizeof(a));
	a.id = (char *)id;
	a.slot = (char *)slot;
	a.youth = (char *)youth;
	return a;
}

static void
test_refused_changes_leave_everything(void **state)
{
	struct fx *fx = *state;
	struct model_assignment a;
	struct model_slot s;
	struct model_youth y;
	struct change c;

	/* s1 needs one: a second youth overfills it, at every position. */
	const char *ids[] = {"a0", "a2", "a9"};
	for (size_t i = 0; i < 3; i++) {
		a = asg(ids[i], "s1", "y3");
		memset(&c, 0, sizeof(c));
		c.kind = CHANGE_ASSIGNMENT;
		c.op = CHANGE_CREATE;
		c.value.assignment = &a;
		expect_refused(fx, &c);
	}
	/* Without its leader, s3 breaks its `requires`. */
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_DELETE;
	c.id = "a3";
	expect_refused(fx, &c);
	/* Moving the leader away breaks it too. */
	a = asg("a3", "s5", "y5");
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_UPDATE;
	c.id = "a3";
	c.value.assignment = &a;
	expect_refused(fx, &c);
	/* s3 needing one overfills it. */
	model_slot_copy(&s, &fx->inst->slots[1]);
	s.needed = 1;
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_SLOT;
	c.op = CHANGE_UPDATE;
	c.id = "s3";
	c.value.slot = &s;
	expect_refused(fx, &c);
	model_slot_clear(&s);
	/* The leader is no leader any more. */
	model_youth_copy(&y, &fx->inst->youths[2]);
	y.nskills = 0;
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_YOUTH;
	c.op = CHANGE_UPDATE;
	c.id = "y5";
	c.value.youth = &y;
	expect_refused(fx, &c);
	y.nskills = 1;
	model_youth_clear(&y);
}

static void
test_committed_changes_match_the_store(void **state)
{
	struct fx *fx = *state;
	struct model_home h = {(char *)"h0", (char *)"Zero", NULL};
	struct model_slot s;
	struct model_youth y;
	struct model_assignment a, r;
	struct change c;

	/* A home, a slot and a youth at the front and in the middle. */
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_HOME;
	c.op = CHANGE_CREATE;
	c.value.home = &h;
	expect_committed(fx, &c);
	model_slot_copy(&s, &fx->inst->slots[0]);
	free(s.id);
	free(s.home);
	s.id = strdup("s2");
	s.home = strdup("h0");
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_SLOT;
	c.op = CHANGE_CREATE;
	c.value.slot = &s;
	c.gate = true;
	expect_committed(fx, &c);
	model_youth_copy(&y, &fx->inst->youths[0]);
	free(y.id);
	y.id = strdup("y0");
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_YOUTH;
	c.op = CHANGE_CREATE;
	c.value.youth = &y;
	c.gate = true;
	expect_committed(fx, &c);
	model_youth_clear(&y);
	/* A youth on the new slot; an assignment moved. */
	a = asg("a2", "s2", "y0");
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_CREATE;
	c.value.assignment = &a;
	c.gate = true;
	expect_committed(fx, &c);
	a = asg("a1", "s5", "y1");
	c.op = CHANGE_UPDATE;
	c.id = "a1";
	expect_committed(fx, &c);
	/* A cancel with its replacement. */
	r = asg("a6", "s3", "y1");
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_CANCEL;
	c.id = "a4";
	c.replacement = &r;
	expect_committed(fx, &c);
	/* A home renamed: its youths' events get a new version. */
	h.id = (char *)"h3";
	h.name = (char *)"Three again";
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_HOME;
	c.op = CHANGE_UPDATE;
	c.id = "h3";
	c.value.home = &h;
	c.gate = true;
	expect_committed(fx, &c);
	/* And taken apart again, in the order references allow. */
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_DELETE;
	c.id = "a2";
	c.gate = true;
	expect_committed(fx, &c);
	c.kind = CHANGE_SLOT;
	c.id = "s2";
	c.gate = false;
	expect_committed(fx, &c);
	c.kind = CHANGE_HOME;
	c.id = "h0";
	expect_committed(fx, &c);
	c.kind = CHANGE_YOUTH;
	c.id = "y0";
	expect_committed(fx, &c);
	model_slot_clear(&s);
}

static void
test_forced_change_is_committed_with_its_violations(void **state)
{
	struct fx *fx = *state;
	struct model_assignment a = asg("a7", "s1", "y3");
	struct change_result res;
	struct rotad_error err;
	struct change c;
	char *m, *s;

	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_CREATE;
	c.value.assignment = &a;
	c.gate = true;
	c.force = true;
	assert_int_equal(run(fx, &c, &res, &err), 0);
	assert_true(res.nviolations > 0);
	change_result_clear(&res);
	m = dump(fx->inst);
	s = stored(fx->st);
	assert_string_equal(m, s);
	free(m);
	free(s);
}

/* A small deterministic generator (xorshift), for reproducible runs. */
static uint64_t rng_state = 88172645463325252ull;

static unsigned
rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

static bool
pair_taken(
    const struct model_instance *inst, const char *slot, const char *youth)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (strcmp(inst->assignments[i].slot, slot) == 0 &&
		    strcmp(inst->assignments[i].youth, youth) == 0)
			return true;
	return false;
}

static bool
slot_used(const struct model_instance *inst, const char *slot)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (strcmp(inst->assignments[i].slot, slot) == 0)
			return true;
	return false;
}

/*
 * Many random changes of every kind, at random positions, gated or not,
 * forced or not: after each, refused or committed, the model is what a
 * fresh read of the store gives.
 */
static void
test_random_changes_keep_model_and_store_equal(void **state)
{
	struct fx *fx = *state;
	unsigned committed = 0, refused = 0;

	for (int step = 0; step < 600; step++) {
		struct model_instance *inst = fx->inst;
		struct model_assignment a, r;
		struct model_slot s;
		struct model_youth y;
		struct model_home h;
		struct change c;
		struct change_result res;
		struct rotad_error err;
		char id[16], rid[16], *m, *st;
		bool have_slot = false, have_youth = false;
		int rc;

		memset(&c, 0, sizeof(c));
		memset(&s, 0, sizeof(s));
		memset(&y, 0, sizeof(y));
		c.gate = rnd(4) != 0;
		c.force = rnd(3) == 0;
		switch (rnd(9)) {
		case 0: /* an assignment created */
		case 1:
			snprintf(id, sizeof(id), "a%u", rnd(100));
			a = asg(id, inst->slots[rnd((unsigned)inst->nslots)].id,
			    inst->youths[rnd((unsigned)inst->nyouths)].id);
			if (state_find_assignment(inst, id) >= 0 ||
			    pair_taken(inst, a.slot, a.youth))
				continue;
			c.kind = CHANGE_ASSIGNMENT;
			c.op = CHANGE_CREATE;
			c.value.assignment = &a;
			break;
		case 2: /* one moved, or deleted */
			if (inst->nassignments == 0)
				continue;
			a = inst->assignments[rnd(
			    (unsigned)inst->nassignments)];
			c.kind = CHANGE_ASSIGNMENT;
			c.id = a.id;
			if (rnd(2) == 0) {
				c.op = CHANGE_DELETE;
				break;
			}
			a.slot = inst->slots[rnd((unsigned)inst->nslots)].id;
			a.pinned = !a.pinned;
			if (pair_taken(inst, a.slot, a.youth))
				continue;
			c.op = CHANGE_UPDATE;
			c.value.assignment = &a;
			break;
		case 3: /* one cancelled, maybe with a replacement */
			if (inst->nassignments == 0)
				continue;
			a = inst->assignments[rnd(
			    (unsigned)inst->nassignments)];
			if (a.status == MODEL_ASSIGNMENT_CANCELLED)
				continue;
			c.kind = CHANGE_ASSIGNMENT;
			c.op = CHANGE_CANCEL;
			c.id = a.id;
			c.gate = false;
			snprintf(rid, sizeof(rid), "a%u", 100 + rnd(100));
			r = asg(rid, a.slot,
			    inst->youths[rnd((unsigned)inst->nyouths)].id);
			if (rnd(2) == 0 &&
			    state_find_assignment(inst, rid) < 0 &&
			    !pair_taken(inst, r.slot, r.youth))
				c.replacement = &r;
			break;
		case 4: /* a slot created or changed */
			model_slot_copy(
			    &s, &inst->slots[rnd((unsigned)inst->nslots)]);
			have_slot = true;
			free(s.home);
			s.home =
			    strdup(inst->homes[rnd((unsigned)inst->nhomes)].id);
			s.needed = 1 + (int)rnd(3);
			c.kind = CHANGE_SLOT;
			if (rnd(2) == 0) {
				c.op = CHANGE_UPDATE;
				c.id = s.id;
			} else {
				snprintf(id, sizeof(id), "s%u", rnd(20));
				if (state_find_slot(inst, id) >= 0)
					goto next;
				free(s.id);
				s.id = strdup(id);
				c.op = CHANGE_CREATE;
			}
			c.value.slot = &s;
			break;
		case 5: /* an unused slot deleted */
			c.id = inst->slots[rnd((unsigned)inst->nslots)].id;
			if (inst->nslots < 2 || slot_used(inst, c.id))
				continue;
			c.kind = CHANGE_SLOT;
			c.op = CHANGE_DELETE;
			break;
		case 6: /* a youth created or changed */
			model_youth_copy(
			    &y, &inst->youths[rnd((unsigned)inst->nyouths)]);
			have_youth = true;
			y.birth_date += (int32_t)rnd(400) - 200;
			c.kind = CHANGE_YOUTH;
			if (rnd(2) == 0) {
				c.op = CHANGE_UPDATE;
				c.id = y.id;
			} else {
				snprintf(id, sizeof(id), "y%u", rnd(20));
				if (state_find_youth(inst, id) >= 0)
					goto next;
				free(y.id);
				y.id = strdup(id);
				c.op = CHANGE_CREATE;
			}
			c.value.youth = &y;
			break;
		default: /* a home created, renamed or (unused) deleted */
			snprintf(id, sizeof(id), "h%u", rnd(10));
			memset(&h, 0, sizeof(h)); /* region, calendar: none */
			h.id = id;
			h.name = (char *)"Home";
			h.address = NULL;
			c.kind = CHANGE_HOME;
			c.value.home = &h;
			if (state_find_home(inst, id) < 0) {
				c.op = CHANGE_CREATE;
			} else if (rnd(2) == 0) {
				c.op = CHANGE_UPDATE;
				c.id = id;
			} else {
				long k = state_find_home(inst, id);
				bool used = false;
				for (size_t i = 0; i < inst->nslots; i++)
					used |= inst->slots[i].home_idx ==
					    (size_t)k;
				for (size_t i = 0; i < inst->nyouths; i++)
					for (size_t j = 0;
					     j < inst->youths[i].nhomes; j++)
						used |= inst->youths[i]
						            .homes_idx[j] ==
						    (size_t)k;
				if (used)
					goto next;
				c.op = CHANGE_DELETE;
				c.id = id;
			}
			break;
		}
		rc = run(fx, &c, &res, &err);
		if (rc == 0)
			committed++;
		else if (err.code == ROTAD_ERR_RULE_VIOLATION)
			refused++;
		else
			fail_msg("step %d: %s", step, err.message);
		change_result_clear(&res);
		m = dump(fx->inst);
		st = stored(fx->st);
		if (strcmp(m, st) != 0)
			fail_msg(
			    "step %d: the model and the store differ", step);
		free(m);
		free(st);
	next:
		if (have_slot)
			model_slot_clear(&s);
		if (have_youth)
			model_youth_clear(&y);
	}
	/* Both paths ran many times. */
	assert_true(committed > 100);
	assert_true(refused > 10);
}

/* ---- batches (change_apply_batch) ---- */

static int
purge_rows(struct store *st, void *arg, enum change_phase phase,
    struct rotad_error *err)
{
	if (phase != CHANGE_PHASE_FIRST)
		return 0;
	return store_youth_purge(st, arg, 2000, err);
}

static int
run_batch(struct fx *fx, struct change_batch *b, struct rotad_error *err)
{
	struct feed_touch ft = {0};
	struct change_result res;
	bool failed = false;
	int rc;

	b->now = 2000;
	b->actor = "test";
	b->action = "batch";
	b->entity = "test";
	b->audit_id = "-";
	rotad_error_clear(err);
	rc = change_apply_batch(fx->st, fx->inst, b, &res, &ft, &failed, err);
	assert_false(failed);
	feed_touch_free(&ft);
	change_result_clear(&res);
	return rc;
}

/* The batch fails with `code`, and nothing changes anywhere. */
static void
expect_batch_refused(struct fx *fx, struct change_batch *b, enum rotad_err code)
{
	char *m0 = dump(fx->inst), *s0 = stored(fx->st), *m1, *s1;
	struct rotad_error err;

	if (run_batch(fx, b, &err) != -1 || err.code != code)
		fail_msg("batch with gate %d: %s (%d, not %d)", (int)b->gate,
		    err.message, (int)err.code, (int)code);
	m1 = dump(fx->inst);
	s1 = stored(fx->st);
	assert_string_equal(m0, m1);
	assert_string_equal(s0, s1);
	free(m0);
	free(m1);
	free(s0);
	free(s1);
}

static void
test_refused_batches_leave_everything(void **state)
{
	struct fx *fx = *state;
	struct model_slot ins, upd;
	struct model_assignment adds[2];
	const char *cancel[] = {"a1"};
	struct change_batch b;

	/* A new slot, s3 needing one (overfilled), a1 cancelled and y1 put
	 * on the new slot and on s5: refused as a whole by the gate. */
	model_slot_copy(&ins, &fx->inst->slots[2]);
	free(ins.id);
	ins.id = xstrdup("s7");
	model_slot_copy(&upd, &fx->inst->slots[1]);
	upd.needed = 1;
	adds[0] = asg("a7", "s7", "y1");
	adds[1] = asg("a8", "s5", "y1");
	memset(&b, 0, sizeof(b));
	b.ins = &ins;
	b.nins = 1;
	b.upd = &upd;
	b.nupd = 1;
	b.cancel = cancel;
	b.ncancel = 1;
	b.add = adds;
	b.nadd = 2;
	b.gate = CHANGE_GATE_NEW;
	expect_batch_refused(fx, &b, ROTAD_ERR_RULE_VIOLATION);
	/* The same rows with the second add on a slot that is not there:
	 * refused before the gate, after the slot edits and the cancel. */
	upd.needed = 2;
	adds[1] = asg("a8", "nope", "y1");
	b.gate = CHANGE_GATE_NONE;
	expect_batch_refused(fx, &b, ROTAD_ERR_UNKNOWN_REFERENCE);
	/* An id given twice. */
	adds[1] = asg("a7", "s5", "y1");
	expect_batch_refused(fx, &b, ROTAD_ERR_CONFLICT);
	model_slot_clear(&ins);
	model_slot_clear(&upd);
	/* y3 (only at h3) on s1 (full): more broken rules than before (a
	 * schedule run's count). */
	adds[0] = asg("a7", "s1", "y3");
	memset(&b, 0, sizeof(b));
	b.add = adds;
	b.nadd = 1;
	b.gate = CHANGE_GATE_COUNT;
	expect_batch_refused(fx, &b, ROTAD_ERR_RULE_VIOLATION);
	/* The leader purged, with her rows: put back whole. */
	memset(&b, 0, sizeof(b));
	b.purge_youth = "y5";
	b.gate = CHANGE_GATE_NEW;
	b.also = purge_rows;
	b.also_arg = (void *)"y5";
	expect_batch_refused(fx, &b, ROTAD_ERR_RULE_VIOLATION);
}

static void
test_committed_batches_match_the_store(void **state)
{
	struct fx *fx = *state;
	struct model_slot ins, upd;
	struct model_assignment adds[2];
	const char *cancel[] = {"a1"}, *del[] = {"s7"};
	struct rotad_error err;
	struct change_batch b;
	char *m, *s;

	model_slot_copy(&ins, &fx->inst->slots[2]);
	free(ins.id);
	ins.id = xstrdup("s7");
	model_slot_copy(&upd, &fx->inst->slots[2]);
	free(upd.activity);
	upd.activity = xstrdup("Quiz");
	adds[0] = asg("a0", "s7", "y1");
	adds[1] = asg("a9", "s5", "y3");
	memset(&b, 0, sizeof(b));
	b.ins = &ins;
	b.nins = 1;
	b.upd = &upd;
	b.nupd = 1;
	b.cancel = cancel;
	b.ncancel = 1;
	b.add = adds;
	b.nadd = 2;
	b.gate = CHANGE_GATE_NEW;
	b.force = true;
	assert_int_equal(run_batch(fx, &b, &err), 0);
	m = dump(fx->inst);
	s = stored(fx->st);
	assert_string_equal(m, s);
	free(m);
	free(s);
	model_slot_clear(&ins);
	model_slot_clear(&upd);
	/* y1 purged (her assignment on s7 with her), then s7 deleted. */
	memset(&b, 0, sizeof(b));
	b.purge_youth = "y1";
	b.also = purge_rows;
	b.also_arg = (void *)"y1";
	assert_int_equal(run_batch(fx, &b, &err), 0);
	assert_true(state_find_youth(fx->inst, "y1") < 0);
	memset(&b, 0, sizeof(b));
	b.del = del;
	b.ndel = 1;
	assert_int_equal(run_batch(fx, &b, &err), 0);
	m = dump(fx->inst);
	s = stored(fx->st);
	assert_string_equal(m, s);
	free(m);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
	        test_refused_changes_leave_everything, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_committed_changes_match_the_store, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_forced_change_is_committed_with_its_violations, setup,
	        teardown),
	    cmocka_unit_test_setup_teardown(
	        test_random_changes_keep_model_and_store_equal, setup,
	        teardown),
	    cmocka_unit_test_setup_teardown(
	        test_refused_batches_leave_everything, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_committed_batches_match_the_store, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
