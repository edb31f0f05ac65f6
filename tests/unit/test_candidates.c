/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of candidates.c against the full
 * rules check: on random instances (a legal plan, then one with forced
 * assignments that already break rules, and cancelled ones), every
 * youth of every slot is eligible exactly when the gate would accept the
 * assignment (the full check of the instance with it added reports no
 * violation that the instance without it has not) and the youth has
 * not cancelled the visit, its reasons are those new violations, and the
 * first of the ranking is solver_refill()'s pick.  The caps of the
 * limits panel are checked against the full check too: a cap whose
 * minutes are over its limit is a violation of that rule on that day or
 * week, and every day or week cap violation is such a cap.
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

#include "candidates.h"
#include "civil.h"
#include "error.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "solver.h"
#include "tzmap.h"
#include "xmalloc.h"

static uint64_t
next(uint64_t *r)
{
	*r = *r * 6364136223846793005ULL + 1442695040888963407ULL;
	return *r >> 33;
}

/*
 * A random instance: 3 homes, `ny` youths aged 13-19 (compulsory,
 * secondary or no school), a school week and a holiday week of
 * afternoon, Saturday and late visits, some for 16+, some needing a
 * leader, other work and personal caps.
 */
static struct model_instance *
random_instance(uint64_t seed, int ny)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri"};
	json_t *doc = json_pack(
	    "{s:i, s:s, s:s, s:{s:[{s:s, s:s}], s:[{s:s, s:s}], "
	    "s:{s:s, s:s}}, s:[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}], s:[], "
	    "s:[], s:[]}",
	    "version", 1, "jurisdiction", "NO", "timezone", "Europe/Oslo",
	    "school_calendar", "terms", "from", "2027-01-04", "to",
	    "2027-06-18", "holidays", "from", "2027-01-11", "to", "2027-01-15",
	    "school_hours", "start", "08:15", "end", "14:30", "homes", "id",
	    "h0", "name", "H0", "id", "h1", "name", "H1", "id", "h2", "name",
	    "H2", "youths", "slots", "assignments");
	json_t *youths = json_object_get(doc, "youths");
	json_t *slots = json_object_get(doc, "slots");
	struct rotad_error err;
	struct model_instance *inst;
	uint64_t r = seed * 7919 + 17;
	char id[32], t0[32], t1[32], birth[16], home[8];
	int sn = 0;

	for (int y = 0; y < ny; y++) {
		int age = 13 + (int)(next(&r) % 7);
		json_t *o, *wd = json_array();
		for (int d = 0; d < 5; d++)
			if (next(&r) % 3)
				json_array_append_new(wd, json_string(days[d]));
		if (json_array_size(wd) == 0)
			json_array_append_new(wd, json_string("wed"));
		snprintf(id, sizeof(id), "y%02d", y);
		snprintf(birth, sizeof(birth), "%d-%02d-%02d", 2027 - age - 1,
		    1 + (int)(next(&r) % 12), 1 + (int)(next(&r) % 28));
		o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:[{s:o, s:s, s:s}, "
		              "{s:[s, s], s:s, s:s}]}",
		    "id", id, "name", id, "birth_date", birth, "school",
		    age <= 15       ? "compulsory"
		        : age <= 18 ? "secondary"
		                    : "none",
		    "guardian_consent", "2026-08-01", "availability", "days",
		    wd, "from", "14:00", "to", next(&r) % 2 ? "20:00" : "23:00",
		    "days", "sat", "sun", "from", "09:00", "to", "18:00");
		if (age >= 16 && next(&r) % 3 == 0)
			json_object_set_new(
			    o, "skills", json_pack("[s]", "leader"));
		if (next(&r) % 5 == 0)
			json_object_set_new(o, "max_week_hours",
			    json_integer(3 + (int)(next(&r) % 4)));
		if (next(&r) % 5 == 0)
			json_object_set_new(o, "other_work",
			    json_pack("[{s:s, s:s}]", "start",
			        "2027-01-09T10:00", "end", "2027-01-09T13:00"));
		if (next(&r) % 3 == 0)
			json_object_set_new(o, "homes",
			    json_pack("[s]", next(&r) % 2 ? "h0" : "h1"));
		json_array_append_new(youths, o);
	}
	for (int day = 4; day < 18; day++) {
		int wd = (day - 4) % 7;
		for (int h = 0; h < 3; h++) {
			int start, len, needed = 1 + (int)(next(&r) % 2);
			json_t *o;
			if (wd < 5 && next(&r) % 2)
				start = 16 * 60, len = 120 + 30 * (h == 2);
			else if (wd == 5)
				start = 10 * 60 + 60 * h, len = 180;
			else if (wd == 3 && h == 0)
				start = 19 * 60, len = 180;
			else
				continue;
			snprintf(id, sizeof(id), "s%02d", sn++);
			snprintf(t0, sizeof(t0), "2027-01-%02dT%02d:%02d", day,
			    start / 60, start % 60);
			snprintf(t1, sizeof(t1), "2027-01-%02dT%02d:%02d", day,
			    (start + len) / 60, (start + len) % 60);
			snprintf(home, sizeof(home), "h%d", h);
			o = json_pack("{s:s, s:s, s:s, s:s, s:i}", "id", id,
			    "home", home, "start", t0, "end", t1, "needed",
			    needed);
			if (next(&r) % 6 == 0)
				json_object_set_new(
				    o, "min_age", json_integer(16));
			if (next(&r) % 5 == 0)
				json_object_set_new(o, "requires",
				    json_pack("{s:i}", "leader", 1));
			json_array_append_new(slots, o);
		}
	}
	rotad_error_clear(&err);
	if ((inst = instance_from_json(doc, &err)) == NULL)
		fail_msg("instance: %s: %s", err.field, err.message);
	json_decref(doc);
	return inst;
}

static void
relink(struct model_instance *c)
{
	char field[128], msg[256];

	assert_int_equal(
	    model_instance_link(c, field, sizeof(field), msg, sizeof(msg)), 0);
}

/* The instance with half the solver's plan as its assignments. */
static struct model_instance *
planned(const struct model_instance *inst, uint64_t seed)
{
	struct model_instance *c = model_instance_copy(inst);
	struct solver_options o;
	struct solver_result res;
	char err[256];

	memset(&o, 0, sizeof(o));
	o.seed = seed;
	o.work = 200000;
	o.seconds = 10;
	if (solver_run(inst, tzmap_get(inst->timezone), &o, &res, err,
	        sizeof(err)) != 0)
		fail_msg("solver_run: %s", err);
	for (size_t i = 0; i < res.n; i++) {
		struct model_assignment a = {0};
		a.slot = inst->slots[res.a[i].slot_idx].id;
		a.youth = inst->youths[res.a[i].youth_idx].id;
		model_add_assignment(c, &a);
	}
	solver_result_release(&res);
	/* Every other one given back, so that visits have open places. */
	for (size_t i = c->nassignments; i-- > 0;)
		if (i % 2)
			model_remove_assignment(c, i);
	relink(c);
	return c;
}

static int
cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The gate's key of a violation (api_rules.c): ids, not indexes. */
static char *
key(const struct model_instance *inst, const struct rules_violation *v)
{
	char buf[1024];
	int n = snprintf(buf, sizeof(buf), "%s|%s|%d|%d|%zu|%zu", v->rule_id,
	    v->youth_idx >= 0 ? inst->youths[v->youth_idx].id : "-", v->day,
	    v->week, v->nslots_total, v->pairs);

	for (size_t i = 0; i < v->nslots; i++)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "|%s",
		    inst->slots[v->slot_idx[i]].id);
	return xstrdup(buf);
}

/*
 * What adding youth y to slot s would make new, as the gate sees it: the
 * full check after minus the full check before (a multiset), as
 * "rule|message" lines, sorted, one string.
 */
static char *
gate_new(const struct model_instance *inst, size_t y, size_t s)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	struct model_instance *after = model_instance_copy(inst);
	struct model_assignment a = {0};
	struct rules_report rb = {0}, ra = {0};
	char **lines;
	bool *used;
	size_t n = 0, len = 1;
	char *out;

	a.slot = inst->slots[s].id;
	a.youth = inst->youths[y].id;
	model_add_assignment(after, &a);
	relink(after);
	assert_int_equal(rules_check_instance(inst, tz, &rb), 0);
	assert_int_equal(rules_check_instance(after, tz, &ra), 0);
	used = xcalloc(rb.n + 1, sizeof(*used));
	lines = xcalloc(ra.n + 1, sizeof(*lines));
	for (size_t i = 0; i < ra.n; i++) {
		char *k = key(after, &ra.v[i]);
		bool matched = false;
		for (size_t j = 0; j < rb.n && !matched; j++) {
			char *kb = key(inst, &rb.v[j]);
			if (!used[j] && strcmp(k, kb) == 0)
				used[j] = matched = true;
			free(kb);
		}
		free(k);
		if (!matched) {
			char buf[600];
			snprintf(buf, sizeof(buf), "%s|%s\n", ra.v[i].rule_id,
			    ra.v[i].message);
			lines[n++] = xstrdup(buf);
			len += strlen(buf);
		}
	}
	qsort(lines, n, sizeof(*lines), cmp_line);
	out = xcalloc(len, 1);
	for (size_t i = 0; i < n; i++) {
		strcat(out, lines[i]);
		free(lines[i]);
	}
	free(lines);
	free(used);
	rules_report_free(&rb);
	rules_report_free(&ra);
	model_instance_free(after);
	return out;
}

/* The candidate's reasons in gate_new()'s form, planning ones left out. */
static char *
reasons_text(struct candidate_list *l, const struct candidate *c)
{
	struct rules_report rep = {0};
	char **lines;
	size_t n = 0, len = 1;
	char *out;

	assert_int_equal(candidates_reasons(l, c, &rep), 0);
	lines = xcalloc(rep.n + 1, sizeof(*lines));
	for (size_t i = 0; i < rep.n; i++) {
		char buf[600];
		if (strcmp(rep.v[i].rule_id, CANDIDATES_RULE_CANCELLED) == 0)
			continue;
		snprintf(buf, sizeof(buf), "%s|%s\n", rep.v[i].rule_id,
		    rep.v[i].message);
		lines[n++] = xstrdup(buf);
		len += strlen(buf);
	}
	qsort(lines, n, sizeof(*lines), cmp_line);
	out = xcalloc(len, 1);
	for (size_t i = 0; i < n; i++) {
		strcat(out, lines[i]);
		free(lines[i]);
	}
	free(lines);
	rules_report_free(&rep);
	return out;
}

static bool
on_slot(const struct model_instance *inst, size_t y, size_t s,
    enum model_assignment_status st)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].youth_idx == y &&
		    inst->assignments[i].slot_idx == s &&
		    inst->assignments[i].status == st)
			return true;
	return false;
}

/* Every slot and youth of inst against the gate; returns the number of
 * eligible (youth, slot) pairs seen. */
static size_t
check_against_gate(const struct model_instance *inst, bool memoize)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	unsigned char *memo =
	    memoize ? xcalloc(inst->nyouths + 1, sizeof(*memo)) : NULL;
	size_t seen = 0;
	char err[256];

	for (size_t s = 0; s < inst->nslots; s++) {
		struct candidate_list l;
		assert_int_equal(candidates_compute(inst, tz, s, NULL, memo, &l,
		                     err, sizeof(err)),
		    0);
		assert_int_equal(l.n, inst->nyouths);
		for (size_t i = 0; i < l.n; i++) {
			const struct candidate *c = &l.c[i];
			bool active =
			    on_slot(inst, c->youth, s, MODEL_ASSIGNMENT_ACTIVE);
			bool gave = on_slot(
			    inst, c->youth, s, MODEL_ASSIGNMENT_CANCELLED);
			char *want, *got;
			assert_int_equal(c->assigned, active);
			assert_int_equal(c->cancelled, gave && !active);
			assert_int_equal(
			    c->rank, c->eligible ? (long)i + 1 : 0);
			if (active) {
				assert_false(c->eligible);
				continue;
			}
			want = gate_new(inst, c->youth, s);
			got = reasons_text(&l, c);
			if (strcmp(want, got) != 0)
				fail_msg("slot %s youth %s: gate says\n%s"
				         "candidates say\n%s",
				    inst->slots[s].id,
				    inst->youths[c->youth].id, want, got);
			assert_int_equal(
			    c->eligible, want[0] == '\0' && !c->cancelled);
			seen += c->eligible;
			free(want);
			free(got);
		}
		candidates_free(&l);
	}
	free(memo);
	return seen;
}

static void
test_eligible_is_the_gate(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 3; seed++) {
		struct model_instance *inst = random_instance(seed, 14);
		struct model_instance *p = planned(inst, seed);
		uint64_t r = seed;
		size_t seen;

		assert_true(check_against_gate(p, false) > 0);
		/* Forced assignments that break rules already, and sick
		 * calls: only what is new counts, and whoever cancelled a
		 * visit is not offered it again. */
		for (int k = 0; k < 25; k++) {
			struct model_assignment a = {0};
			a.slot = p->slots[next(&r) % p->nslots].id;
			a.youth = p->youths[next(&r) % p->nyouths].id;
			a.status = next(&r) % 3 == 0
			    ? MODEL_ASSIGNMENT_CANCELLED
			    : MODEL_ASSIGNMENT_ACTIVE;
			model_add_assignment(p, &a);
		}
		relink(p);
		seen = check_against_gate(p, false);
		/* The memo of every youth's own schedule, kept across the
		 * slots, gives the same answers. */
		assert_int_equal(check_against_gate(p, true), seen);
		print_message("seed %llu: %zu eligible pairs\n",
		    (unsigned long long)seed, seen);
		model_instance_free(p);
		model_instance_free(inst);
	}
}

static void
test_first_is_the_refill(void **state)
{
	size_t compared = 0;

	(void)state;
	for (uint64_t seed = 4; seed <= 9; seed++) {
		struct model_instance *inst = random_instance(seed, 16);
		struct model_instance *p = planned(inst, seed);
		const struct tzmap *tz = tzmap_get(p->timezone);
		char err[256];

		for (size_t s = 0; s < p->nslots; s++) {
			struct candidate_list l;
			long pick;
			if (p->slots[s].nrequires > 0)
				continue; /* refill also weighs skills */
			pick = solver_refill(p, tz, s, err, sizeof(err));
			assert_int_equal(candidates_compute(p, tz, s, NULL,
			                     NULL, &l, err, sizeof(err)),
			    0);
			if (pick < 0) {
				assert_int_equal(l.neligible, 0);
			} else {
				assert_true(l.neligible > 0);
				assert_int_equal(l.c[0].youth, (size_t)pick);
				compared++;
			}
			candidates_free(&l);
		}
		model_instance_free(p);
		model_instance_free(inst);
	}
	assert_true(compared > 10);
}

/* Youth y's full-check violations of one rule kind, as "rule|period". */
static bool
violates(const struct rules_report *rep, size_t y, const char *rule,
    int32_t period, bool week)
{
	for (size_t i = 0; i < rep->n; i++)
		if (rep->v[i].youth_idx == (long)y &&
		    strcmp(rep->v[i].rule_id, rule) == 0 &&
		    (week ? rep->v[i].week : rep->v[i].day) == period)
			return true;
	return false;
}

static void
test_limits_agree_with_the_check(void **state)
{
	size_t over = 0;

	(void)state;
	for (uint64_t seed = 1; seed <= 4; seed++) {
		struct model_instance *inst = random_instance(seed, 12);
		const struct tzmap *tz = tzmap_get(inst->timezone);
		struct rules_report rep = {0};
		int32_t d0 = civil_days_from_ymd(2027, 1, 4);
		uint64_t r = seed;
		char err[256];

		/* Heavy forced loads, so that caps are over. */
		for (int k = 0; k < 120; k++) {
			struct model_assignment a = {0};
			a.slot = inst->slots[next(&r) % inst->nslots].id;
			a.youth = inst->youths[next(&r) % inst->nyouths].id;
			model_add_assignment(inst, &a);
		}
		relink(inst);
		assert_int_equal(rules_check_instance(inst, tz, &rep), 0);
		for (size_t y = 0; y < inst->nyouths; y++) {
			struct rules_cap *caps;
			size_t n;
			assert_int_equal(
			    candidates_limits(inst, tz, y, d0, d0 + 13, &caps,
			        &n, err, sizeof(err)),
			    0);
			for (size_t i = 0; i < n; i++) {
				bool v = violates(&rep, y, caps[i].row->id,
				    caps[i].period, caps[i].week);
				assert_true(
				    caps[i].row->kind == RULES_K_DAY_CAP ||
				    caps[i].row->kind == RULES_K_WEEK_CAP);
				/* Over the cap: the check reports it (the
				 * A17 row and day caps share ids with rolling
				 * rows, so only this direction is exact for
				 * them). */
				if (caps[i].minutes > caps[i].limit) {
					if (!v)
						fail_msg("%s %s %d: %lld > %d "
						         "but no violation",
						    inst->youths[y].id,
						    caps[i].row->id,
						    caps[i].period,
						    (long long)caps[i].minutes,
						    caps[i].limit);
					over++;
				}
			}
			/* Every day or week cap the check reports is a cap
			 * over its limit here. */
			for (size_t i = 0; i < rep.n; i++) {
				const struct rules_violation *v = &rep.v[i];
				bool found = false;
				int32_t p =
				    v->week != CIVIL_NO_DATE ? v->week : v->day;
				if (v->youth_idx != (long)y || p < d0 ||
				    p > d0 + 13)
					continue;
				for (size_t j = 0; j < n && !found; j++)
					found = strcmp(caps[j].row->id,
					            v->rule_id) == 0 &&
					    caps[j].period == p &&
					    caps[j].week ==
					        (v->week != CIVIL_NO_DATE) &&
					    caps[j].minutes > caps[j].limit;
				if (!found && v->week != CIVIL_NO_DATE &&
				    strncmp(v->rule_id, "ROTA-", 5) != 0)
					fail_msg("%s: week violation %s %d "
					         "not in the caps",
					    inst->youths[y].id, v->rule_id,
					    v->week);
			}
			free(caps);
		}
		rules_report_free(&rep);
		model_instance_free(inst);
	}
	assert_true(over > 0);
}

/* The answer for youth y alone on slot s, as a line to compare. */
static void
one_answer(struct candidate_list *l, char *out, size_t len)
{
	struct rules_report why = {0};

	assert_int_equal(l->n, 1);
	assert_int_equal(candidates_reasons(l, &l->c[0], &why), 0);
	snprintf(out, len, "%d %d %d %lld %d %ld %zu", l->c[0].eligible,
	    l->c[0].assigned, l->c[0].cancelled, (long long)l->c[0].minutes,
	    l->c[0].at_home, l->c[0].deficit, why.n);
	for (size_t i = 0; i < why.n; i++) {
		size_t k = strlen(out);
		snprintf(out + k, len - k, " %s", why.v[i].rule_id);
	}
	rules_report_free(&why);
}

/*
 * One rules context borrowed for every slot (the youth page's open
 * visits) answers as a context of the list's own, for each youth alone;
 * also for a copy with other assignments (a swap: the giver's cancelled),
 * the context being made for the original.
 */
static void
test_borrowed_context_agrees(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= 2; seed++) {
		struct model_instance *inst = random_instance(seed, 10);
		struct model_instance *p = planned(inst, seed);
		struct model_instance swap;
		const struct tzmap *tz = tzmap_get(p->timezone);
		struct rules_ctx *ctx;
		bool *visible = xcalloc(p->nyouths + 1, sizeof(*visible));
		char err[256], a[512], b[512];
		size_t compared = 0, swapped = 0;

		assert_non_null(tz);
		ctx = rules_ctx_new(p, tz, err, sizeof(err));
		assert_non_null(ctx);
		swap = *p;
		swap.assignments =
		    xcalloc(p->nassignments + 1, sizeof(*swap.assignments));
		for (size_t s = 0; s < p->nslots; s++)
			for (size_t y = 0; y < p->nyouths; y++) {
				struct candidate_list l1, l2;
				long on = -1;
				visible[y] = true;
				assert_int_equal(
				    candidates_compute(p, tz, s, visible, NULL,
				        &l1, err, sizeof(err)),
				    0);
				assert_int_equal(
				    candidates_compute_ctx(ctx, p, tz, s,
				        visible, NULL, &l2, err, sizeof(err)),
				    0);
				one_answer(&l1, a, sizeof(a));
				one_answer(&l2, b, sizeof(b));
				assert_string_equal(a, b);
				candidates_free(&l1);
				candidates_free(&l2);
				compared++;
				/* A swap: another youth's assignment on s
				 * cancelled (a give-away), y asked. */
				memcpy(swap.assignments, p->assignments,
				    p->nassignments *
				        sizeof(*swap.assignments));
				for (size_t i = 0;
				     i < p->nassignments && on < 0; i++)
					if (p->assignments[i].slot_idx == s &&
					    p->assignments[i].youth_idx != y &&
					    p->assignments[i].status ==
					        MODEL_ASSIGNMENT_ACTIVE)
						on = (long)i;
				if (on >= 0) {
					swap.assignments[on].status =
					    MODEL_ASSIGNMENT_CANCELLED;
					assert_int_equal(
					    candidates_compute(&swap, tz, s,
					        visible, NULL, &l1, err,
					        sizeof(err)),
					    0);
					assert_int_equal(
					    candidates_compute_ctx(ctx, &swap,
					        tz, s, visible, NULL, &l2, err,
					        sizeof(err)),
					    0);
					one_answer(&l1, a, sizeof(a));
					one_answer(&l2, b, sizeof(b));
					assert_string_equal(a, b);
					candidates_free(&l1);
					candidates_free(&l2);
					swapped++;
				}
				visible[y] = false;
			}
		/* The borrowed context outlives the lists. */
		rules_ctx_free(ctx);
		assert_true(swapped > 0);
		print_message("seed %llu: %zu answers, %zu swaps compared\n",
		    (unsigned long long)seed, compared, swapped);
		free(swap.assignments);
		free(visible);
		model_instance_free(p);
		model_instance_free(inst);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_eligible_is_the_gate),
	    cmocka_unit_test(test_first_is_the_refill),
	    cmocka_unit_test(test_limits_agree_with_the_check),
	    cmocka_unit_test(test_borrowed_context_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
