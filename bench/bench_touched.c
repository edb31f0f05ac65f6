/* SPDX-License-Identifier: ISC */
/*
 * This file contains the change-gate benchmark (issue 12): on a generated
 * instance (bench/gen_instance.py, e.g. the nation preset), filled with a
 * plan by a first-fit pass of rules_may_add() plus a few assignments that
 * break rules, it times the full rules_check_instance() against
 * rules_check_touched() for one youth and one slot (the subjects one new
 * or deleted assignment touches), over many random assignments.
 *
 *   bench_touched INSTANCE.json [ASSIGNMENTS] [ITERATIONS]
 *
 * ASSIGNMENTS (default 20000) is the plan size to aim for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "error.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "tzmap.h"
#include "xmalloc.h"

static uint64_t seed = 42;

static uint32_t
rng(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(seed >> 33);
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
add_assignment(struct model_instance *inst, size_t s, size_t y)
{
	struct model_assignment a;
	char id[32];

	memset(&a, 0, sizeof(a));
	snprintf(id, sizeof(id), "a%zu", inst->nassignments + 1);
	a.id = id;
	a.slot = inst->slots[s].id;
	a.youth = inst->youths[y].id;
	model_add_assignment(inst, &a);
}

/*
 * A plan: each slot in turn, its positions given to random youths that
 * rules_may_add() allows, until `want` assignments; then 1 in 50 more
 * assignments to any youth, so that the report is not empty.
 */
static void
fill(struct model_instance *inst, const struct tzmap *tz, size_t want)
{
	char err[200], field[64], msg[128];
	struct rules_ctx *ctx = rules_ctx_new(inst, tz, err, sizeof(err));
	struct rules_youth_state **st;
	size_t ny = inst->nyouths, ns = inst->nslots, *nh, **by_home;

	if (ctx == NULL) {
		fprintf(stderr, "rules_ctx_new: %s\n", err);
		exit(1);
	}
	st = xcalloc(ny, sizeof(*st));
	for (size_t y = 0; y < ny; y++)
		st[y] = rules_youth_state_new(ctx, y);
	/* Candidates per home: the youths who may go there. */
	nh = xcalloc(inst->nhomes + 1, sizeof(*nh));
	by_home = xcalloc(inst->nhomes + 1, sizeof(*by_home));
	for (size_t y = 0; y < ny; y++)
		for (size_t h = 0; h < inst->youths[y].nhomes; h++) {
			size_t hi = inst->youths[y].homes_idx[h];
			by_home[hi] = xreallocarray(
			    by_home[hi], nh[hi] + 1, sizeof(**by_home));
			by_home[hi][nh[hi]++] = y;
		}
	for (size_t s = 0; s < ns && inst->nassignments < want; s++) {
		size_t hi = inst->slots[s].home_idx;
		int got = 0;
		for (int k = 0; k < 40 && got < inst->slots[s].needed; k++) {
			size_t y = nh[hi] > 0 && k % 4 != 3
			    ? by_home[hi][rng() % nh[hi]]
			    : rng() % ny;
			if (!rules_may_add(ctx, st[y], s))
				continue;
			rules_youth_state_add(ctx, st[y], s);
			add_assignment(inst, s, y);
			got++;
		}
	}
	for (size_t i = 0, n = inst->nassignments / 50; i < n; i++)
		add_assignment(inst, rng() % ns, rng() % ny);
	for (size_t y = 0; y < ny; y++)
		rules_youth_state_free(st[y]);
	for (size_t h = 0; h < inst->nhomes; h++)
		free(by_home[h]);
	free(by_home);
	free(nh);
	free(st);
	rules_ctx_free(ctx);
	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) !=
	    0) {
		fprintf(stderr, "link: %s: %s\n", field, msg);
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	struct rotad_error err;
	struct model_instance *inst;
	struct rules_report rep = {0};
	const struct tzmap *tz;
	json_t *root;
	size_t want = argc > 2 ? (size_t)atol(argv[2]) : 20000;
	int iters = argc > 3 ? atoi(argv[3]) : 2000;
	double t0, best = 1e18, sum = 0, *lat;
	size_t nviol = 0, full_n;

	if (argc < 2 || iters < 1) {
		fprintf(stderr,
		    "usage: %s INSTANCE.json [ASSIGNMENTS] "
		    "[ITERATIONS]\n",
		    argv[0]);
		return 2;
	}
	rotad_error_clear(&err);
	if ((root = instance_json_load_file(argv[1], &err)) == NULL ||
	    (inst = instance_from_json(root, &err)) == NULL) {
		fprintf(stderr, "%s: %s %s\n", argv[1], err.field, err.message);
		return 1;
	}
	json_decref(root);
	if ((tz = tzmap_get(inst->timezone)) == NULL)
		return 1;
	t0 = now_us();
	fill(inst, tz, want);
	printf("instance: %zu homes, %zu youths, %zu slots, %zu assignments "
	       "(plan made in %.0f ms)\n",
	    inst->nhomes, inst->nyouths, inst->nslots, inst->nassignments,
	    (now_us() - t0) / 1e3);

	for (int r = 0; r < 5; r++) {
		rules_report_free(&rep);
		t0 = now_us();
		if (rules_check_instance(inst, tz, &rep) != 0)
			return 1;
		t0 = now_us() - t0;
		best = t0 < best ? t0 : best;
	}
	full_n = rep.n;
	rules_report_free(&rep);
	printf("rules_check_instance: %zu violations, %.2f ms (best of 5)\n",
	    full_n, best / 1e3);

	/* One youth and one slot: what adding or deleting one assignment
	 * touches. */
	lat = xcalloc((size_t)iters, sizeof(*lat));
	for (int i = 0; i < iters; i++) {
		const struct model_assignment *a =
		    &inst->assignments[rng() % inst->nassignments];
		struct rules_touch t;

		memset(&t, 0, sizeof(t));
		rules_touch_youth(&t, a->youth_idx);
		rules_touch_slot(&t, a->slot_idx);
		t0 = now_us();
		if (rules_check_touched(inst, tz, &t, &rep) != 0)
			return 1;
		lat[i] = now_us() - t0;
		sum += lat[i];
		nviol += rep.n;
		rules_report_free(&rep);
		rules_touch_free(&t);
	}
	qsort(lat, (size_t)iters, sizeof(*lat), cmp_double);
	printf("rules_check_touched (1 youth + 1 slot): mean %.1f us, median "
	       "%.1f us, p99 %.1f us, max %.1f us over %d (%.2f violations "
	       "each)\n",
	    sum / iters, lat[iters / 2], lat[iters * 99 / 100], lat[iters - 1],
	    iters, (double)nviol / iters);
	free(lat);
	model_instance_free(inst);
	return 0;
}
