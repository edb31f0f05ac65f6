/* SPDX-License-Identifier: ISC */
/*
 * This file contains the benchmark of candidates.c without HTTP:
 *
 *   bench_candidates INSTANCE.json PLAN.json [SLOTS]
 *
 * loads an instance (bench/gen_instance.py) with a plan's assignments
 * (rotad solve), then times candidates_compute() plus the reasons of the
 * first page (100) for SLOTS slots (default 50, spread over the
 * instance), in CPU time of this thread so that other load on the
 * machine counts less: once with a fresh memo for every slot (the first
 * list after a change) and once with one memo kept across them, and
 * candidates_limits() over four weeks for as many youths.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "candidates.h"
#include "civil.h"
#include "error.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "tzmap.h"
#include "xmalloc.h"

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
report(const char *what, double *t, size_t n)
{
	qsort(t, n, sizeof(*t), cmp_double);
	printf("%-40s median %6.2f ms  max %6.2f ms  (%zu)\n", what, t[n / 2],
	    t[n - 1], n);
}

/* Active assignments on slot s. */
static int
on_slot(const struct model_instance *inst, size_t s)
{
	int n = 0;

	for (size_t i = 0; i < inst->nassignments; i++)
		n += inst->assignments[i].slot_idx == s &&
		    inst->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE;
	return n;
}

/* One request's work: the list and the reasons of its first page. */
static size_t
one(const struct model_instance *inst, const struct tzmap *tz, size_t s,
    unsigned char *memo)
{
	struct candidate_list l;
	size_t eligible;
	char err[256];

	if (candidates_compute(inst, tz, s, NULL, memo, &l, err, sizeof(err)) ==
	    -1) {
		fprintf(stderr, "candidates: %s\n", err);
		exit(1);
	}
	for (size_t i = 0; i < l.n && i < 100; i++) {
		struct rules_report rep = {0};
		(void)candidates_reasons(&l, &l.c[i], &rep);
		rules_report_free(&rep);
	}
	eligible = l.neligible;
	candidates_free(&l);
	return eligible;
}

int
main(int argc, char **argv)
{
	struct rotad_error err;
	json_t *doc, *plan, *as;
	struct model_instance *inst;
	const struct tzmap *tz;
	size_t nslots = argc > 3 ? (size_t)atol(argv[3]) : 50, eligible = 0;
	double *t;
	unsigned char *memo;
	size_t i;

	if (argc < 3) {
		fprintf(stderr,
		    "usage: bench_candidates INSTANCE.json "
		    "PLAN.json [SLOTS]\n");
		return 2;
	}
	rotad_error_clear(&err);
	if ((doc = instance_json_load_file(argv[1], &err)) == NULL ||
	    (plan = instance_json_load_file(argv[2], &err)) == NULL) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	/* The plan's assignments become the instance's. */
	as = json_array();
	{
		json_t *a;
		json_array_foreach(json_object_get(plan, "assignments"), i, a)
		{
			json_array_append_new(as,
			    json_pack("{s:O, s:O}", "slot",
			        json_object_get(a, "slot"), "youth",
			        json_object_get(a, "youth")));
		}
	}
	json_object_set_new(doc, "assignments", as);
	if ((inst = instance_from_json(doc, &err)) == NULL) {
		fprintf(stderr, "%s: %s\n", err.field, err.message);
		return 1;
	}
	json_decref(doc);
	json_decref(plan);
	tz = tzmap_get(inst->timezone);
	if (nslots > inst->nslots)
		nslots = inst->nslots;
	printf("%zu youths, %zu slots, %zu assignments\n", inst->nyouths,
	    inst->nslots, inst->nassignments);

	t = xcalloc(nslots + 1, sizeof(*t));
	memo = xcalloc(inst->nyouths + 1, 1);
	for (int open = 0; open < 2; open++) {
		size_t *pick = xcalloc(nslots + 1, sizeof(*pick)), np = 0;
		char what[80];
		/* Every k-th full (or open) slot. */
		for (size_t s = 0; s < inst->nslots && np < nslots;
		     s += inst->nslots / (4 * nslots) + 1)
			if ((on_slot(inst, s) < inst->slots[s].needed) == open)
				pick[np++] = s;
		eligible = 0;
		for (i = 0; i < np; i++) {
			unsigned char *m = xcalloc(inst->nyouths + 1, 1);
			double t0 = cpu_ms();
			eligible += one(inst, tz, pick[i], m);
			t[i] = cpu_ms() - t0;
			free(m);
		}
		snprintf(what, sizeof(what), "%s visits, a fresh memo each",
		    open ? "open" : "full");
		report(what, t, np);
		for (i = 0; i < np; i++) {
			double t0 = cpu_ms();
			(void)one(inst, tz, pick[i], memo);
			t[i] = cpu_ms() - t0;
		}
		snprintf(what, sizeof(what), "%s visits, one memo kept",
		    open ? "open" : "full");
		report(what, t, np);
		printf("  eligible youths per visit: %.1f on average\n",
		    np ? (double)eligible / (double)np : 0.0);
		free(pick);
	}
	for (i = 0; i < nslots; i++) {
		size_t y = i * (inst->nyouths / nslots);
		struct rules_cap *caps;
		size_t n;
		char e[256];
		int32_t d0 = civil_days_from_ymd(2027, 2, 8);
		double t0 = cpu_ms();
		if (candidates_limits(inst, tz, y, d0, d0 + 27, &caps, &n, e,
		        sizeof(e)) == -1) {
			fprintf(stderr, "limits: %s\n", e);
			return 1;
		}
		t[i] = cpu_ms() - t0;
		free(caps);
	}
	report("limits, 4 weeks", t, nslots);
	free(t);
	free(memo);
	model_instance_free(inst);
	return 0;
}
