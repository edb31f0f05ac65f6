/* SPDX-License-Identifier: ISC */
/*
 * This file contains the agreement test of the change gate (issue 12):
 * on random instances with the shapes of real data, thousands of random
 * changes, each checked with rules_check_touched() on the subjects the
 * contract in rules.h names and with the full rules_check_instance()
 * (rules_touched_gen.h says what is compared).  Seeded and reproducible:
 * ROTA_TOUCHED_SEED=N runs from seed N, ROTA_TOUCHED_ROUNDS=N that many
 * rounds; a failure prints the seed, round and change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rules_touched_gen.h"

#define ROUNDS  20  /* two per variant */
#define CHANGES 200 /* per round */

static uint64_t
env_u64(const char *name, uint64_t def)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? strtoull(v, NULL, 10) : def;
}

static void
test_agreement(void **state)
{
	uint64_t seed0 = env_u64("ROTA_TOUCHED_SEED", 1);
	uint64_t rounds = env_u64("ROTA_TOUCHED_ROUNDS", ROUNDS);
	size_t changes = 0, fresh = 0, ty = 0, ts = 0;
	size_t kn[TG_NKINDS] = {0}, kf[TG_NKINDS] = {0};
	char seen[64][40];
	size_t nseen = 0;

	(void)state;
	for (uint64_t r = 0; r < rounds; r++) {
		uint64_t seed = seed0 + r;
		const struct tg_variant *v = &tg_variants[seed % TG_NVARIANTS];
		struct tg g;
		struct model_instance *inst;
		struct rules_report full = {0};

		memset(&g, 0, sizeof(g));
		g.s = seed;
		inst = tg_instance(&g, v);
		if (rules_check_instance(inst, g.tz, &full) != 0) {
			fprintf(stderr,
			    "seed %llu: the instance cannot be "
			    "checked\n",
			    (unsigned long long)seed);
			fail();
		}
		for (int c = 0; c < CHANGES; c++) {
			if (!tg_step(&g, &inst, &full)) {
				fprintf(stderr,
				    "FAILED: seed %llu (%s %s from %s), "
				    "change #%d; rerun with "
				    "ROTA_TOUCHED_SEED=%llu "
				    "ROTA_TOUCHED_ROUNDS=1\n",
				    (unsigned long long)seed, v->jur, v->tz,
				    v->base, c + 1, (unsigned long long)seed);
				fail();
			}
		}
		changes += g.changes;
		for (int k = 0; k < TG_NKINDS; k++) {
			kn[k] += g.kind_n[k];
			kf[k] += g.kind_fresh[k];
		}
		fresh += g.fresh;
		ty += g.touched_youths;
		ts += g.touched_slots;
		for (size_t i = 0; i < g.nseen; i++) {
			bool have = false;
			for (size_t j = 0; j < nseen && !have; j++)
				have = strcmp(seen[j], g.seen[i]) == 0;
			if (!have && nseen < 64)
				memcpy(
				    seen[nseen++], g.seen[i], sizeof(seen[0]));
		}
		rules_report_free(&full);
		model_instance_free(inst);
	}
	fprintf(stderr,
	    "%zu changes, %zu new violations of %zu rules; touched per change: "
	    "%.1f youths, %.1f slots\n",
	    changes, fresh, nseen, (double)ty / (double)changes,
	    (double)ts / (double)changes);
	for (int k = 0; k < TG_NKINDS; k++)
		fprintf(stderr, "  %-20s %5zu changes, %5zu new violations\n",
		    tg_kind_names[k], kn[k], kf[k]);
	if (rounds < ROUNDS)
		return;
	/* The changes find violations of many rules (the shapes work). */
	assert_true(changes >= 4000);
	assert_true(fresh > changes / 4);
	assert_true(nseen >= 20);
	/* Every kind of change happens, and those that can break a rule
	 * do. */
	for (int k = 0; k < TG_NKINDS; k++) {
		assert_true(kn[k] > 0);
		if (k != TG_CANCEL_ASG && k != TG_DEL_YOUTH &&
		    k != TG_HOME_RENAME && k != TG_ADD_YOUTH)
			assert_true(kf[k] > 0);
	}
	for (size_t i = 0; i < nseen; i++)
		fprintf(stderr, "%s%s", i ? " " : "  ", seen[i]);
	fprintf(stderr, "\n");
}

/* rules_check_touched() on hand-made subjects: out of range, all, and a
 * touched slot in a daylight-saving gap. */
static void
test_edges(void **state)
{
	struct tg g;
	struct model_instance *inst;
	struct rules_report a = {0}, b = {0};
	struct rules_touch t = {0};
	int64_t keep;

	(void)state;
	memset(&g, 0, sizeof(g));
	g.s = 7;
	inst = tg_instance(&g, &tg_variants[0]);

	rules_touch_youth(&t, inst->nyouths);
	assert_int_equal(rules_check_touched(inst, g.tz, &t, &a), -1);
	rules_touch_free(&t);
	rules_touch_slot(&t, inst->nslots);
	assert_int_equal(rules_check_touched(inst, g.tz, &t, &a), -1);
	rules_touch_free(&t);

	/* all: the full report. */
	t.all = true;
	assert_int_equal(rules_check_touched(inst, g.tz, &t, &a), 0);
	assert_int_equal(rules_check_instance(inst, g.tz, &b), 0);
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++)
		assert_true(tg_same_violation(&a.v[i], &b.v[i]));
	rules_touch_free(&t);
	rules_report_free(&a);
	rules_report_free(&b);

	/* Nothing touched: nothing reported. */
	assert_int_equal(rules_check_touched(inst, g.tz, &t, &a), 0);
	assert_int_equal(a.n, 0);

	/* A touched slot in the spring-forward gap is refused as the full
	 * check refuses it; an untouched one is not looked at. */
	keep = inst->slots[0].start;
	inst->slots[0].start = tg_wall(tg_date("2027-03-28"), 2 * 60 + 30);
	inst->slots[0].end = inst->slots[0].start + 60;
	assert_int_equal(rules_check_instance(inst, g.tz, &b), -1);
	rules_touch_slot(&t, 0);
	assert_int_equal(rules_check_touched(inst, g.tz, &t, &a), -1);
	rules_touch_free(&t);
	rules_touch_slot(&t, 1);
	assert_int_equal(rules_check_touched(inst, g.tz, &t, &a), 0);
	rules_touch_free(&t);
	inst->slots[0].start = keep;

	rules_report_free(&a);
	rules_report_free(&b);
	model_instance_free(inst);
}

/* The rules_touch_*() helpers name what the contract says. */
static void
test_touch_helpers(void **state)
{
	struct tg g;
	struct model_instance *inst;
	struct rules_touch t = {0};

	(void)state;
	memset(&g, 0, sizeof(g));
	g.s = 11;
	inst = tg_instance(&g, &tg_variants[1]);
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		rules_touch_assignment(&t, inst, i);
		assert_int_equal(t.nyouths, 1);
		assert_int_equal(t.nslots, 1);
		assert_int_equal(t.youths[0], a->youth_idx);
		assert_int_equal(t.slots[0], a->slot_idx);
		rules_touch_free(&t);
	}
	for (size_t y = 0; y < inst->nyouths; y++) {
		rules_touch_youth_all(&t, inst, y);
		assert_int_equal(t.nyouths, 1);
		for (size_t i = 0; i < inst->nassignments; i++) {
			const struct model_assignment *a =
			    &inst->assignments[i];
			bool want = a->youth_idx == y &&
			    a->status == MODEL_ASSIGNMENT_ACTIVE;
			bool have = false;
			for (size_t k = 0; k < t.nslots; k++)
				have = have || t.slots[k] == a->slot_idx;
			if (want)
				assert_true(have);
		}
		for (size_t k = 1; k < t.nslots; k++)
			assert_true(t.slots[k - 1] < t.slots[k]);
		rules_touch_free(&t);
	}
	for (size_t s = 0; s < inst->nslots; s++) {
		size_t n = 0;
		rules_touch_slot_all(&t, inst, s);
		assert_int_equal(t.nslots, 1);
		for (size_t i = 0; i < inst->nassignments; i++)
			if (inst->assignments[i].slot_idx == s &&
			    inst->assignments[i].status ==
			        MODEL_ASSIGNMENT_ACTIVE)
				n++;
		assert_true(t.nyouths <= n);
		assert_true(n == 0 || t.nyouths > 0);
		rules_touch_free(&t);
	}
	rules_touch_home_all(&t, inst, 0);
	for (size_t k = 0; k < t.nslots; k++)
		assert_int_equal(inst->slots[t.slots[k]].home_idx, 0);
	rules_touch_free(&t);
	/* Out of range: nothing. */
	rules_touch_assignment(&t, inst, inst->nassignments);
	rules_touch_youth_all(&t, inst, inst->nyouths);
	rules_touch_slot_all(&t, inst, inst->nslots);
	assert_int_equal(t.nyouths + t.nslots, 0);
	rules_touch_free(&t);
	model_instance_free(inst);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_agreement),
	    cmocka_unit_test(test_edges),
	    cmocka_unit_test(test_touch_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
