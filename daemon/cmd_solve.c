/* SPDX-License-Identifier: ISC */
/*
 * This file contains `rotad solve INSTANCE.json [--seconds N] [--seed S]
 * [--out PLAN.json] [--stats] [--no-deadline]`: it runs the solver on an
 * instance (pinned assignments kept, the others a starting point) within
 * N + 1 s of wall time for the whole command, checks the result with the
 * full rules check exactly as `rotad check` does, marks each violation as
 * the input's or the plan's, and writes the plan in the product's plan
 * format with the score `rotad check` computes.  On a terminal it shows
 * one progress line on stderr; --stats adds the work units, moves and
 * seconds used (for the benchmarks).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "error.h"
#include "instance_json.h"
#include "model.h"
#include "plan.h"
#include "rules.h"
#include "rules_json.h"
#include "score.h"
#include "solver.h"
#include "tzmap.h"
#include "xmalloc.h"

int rotad_solve_main(int argc, char **argv);

static void
progress_line(const struct solver_progress *p, void *arg)
{
	(void)arg;
	fprintf(stderr,
	    "\r%-9s filled %ld/%ld  fairness %.1f  pairs %ld  %.1fs   ",
	    p->phase, p->filled, p->positions, p->fairness, p->pairs,
	    p->elapsed);
	fflush(stderr);
}

static int
usage(void)
{
	fprintf(stderr,
	    "usage: rotad solve INSTANCE.json [--seconds N] "
	    "[--seed S] [--out PLAN.json] [--stats] [--no-deadline]\n");
	return 2;
}

/*
 * The input's own problems: the full check of the instance with only its
 * pinned assignments (the ones the solver keeps whatever they break).
 * -1 when it cannot be checked.
 */
static int
input_report(const struct model_instance *inst, const struct tzmap *tz,
    struct rules_report *out)
{
	struct model_instance *c = model_instance_copy(inst);
	char field[128], msg[256];
	int rc = -1;

	for (size_t i = c->nassignments; i > 0; i--)
		if (!c->assignments[i - 1].pinned ||
		    c->assignments[i - 1].status != MODEL_ASSIGNMENT_ACTIVE)
			model_remove_assignment(c, i - 1);
	if (model_instance_link(c, field, sizeof(field), msg, sizeof(msg)) == 0)
		rc = rules_check_instance(c, tz, out);
	model_instance_free(c);
	return rc;
}

/* Is violation v of the plan one the input makes on its own? */
static bool
from_input(const struct rules_violation *v, const struct model_instance *plan,
    const struct rules_report *in, const struct model_instance *inst)
{
	for (size_t i = 0; i < in->n; i++) {
		const struct rules_violation *w = &in->v[i];
		if (strcmp(v->rule_id, w->rule_id) != 0 || v->day != w->day ||
		    v->week != w->week ||
		    (v->youth_idx < 0) != (w->youth_idx < 0))
			continue;
		if (v->youth_idx < 0) {
			if (v->nslots > 0 && w->nslots > 0 &&
			    strcmp(plan->slots[v->slot_idx[0]].id,
			        inst->slots[w->slot_idx[0]].id) == 0)
				return true;
		} else if (strcmp(plan->youths[v->youth_idx].id,
		               inst->youths[w->youth_idx].id) == 0) {
			return true;
		}
	}
	return false;
}

static double
since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int
rotad_solve_main(int argc, char **argv)
{
	const char *ipath = NULL, *opath = NULL;
	struct model_instance *inst = NULL, *checked = NULL;
	struct instance_series_set series = {0};
	struct solver_options opt;
	struct solver_result res = {0};
	struct rules_report rep = {0}, in = {0};
	struct rotad_error err;
	struct plan *plan = NULL;
	const struct tzmap *tz;
	json_t *ij = NULL, *pj = NULL, *violations = NULL;
	double seconds = -1;
	unsigned long long seed = 1;
	char errbuf[256], *end, *text = NULL;
	int rc = 2;
	bool stats = false, deadline = true;
	struct timespec t0;
	double parsed = 0, loaded, left;
	size_t nplan = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
			errno = 0;
			seconds = strtod(argv[++i], &end);
			if (*end != '\0' || errno != 0 || seconds < 0 ||
			    seconds > 86400)
				return usage();
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			errno = 0;
			seed = strtoull(argv[++i], &end, 10);
			if (*end != '\0' || errno != 0)
				return usage();
		} else if (strcmp(argv[i], "--stats") == 0) {
			stats = true;
		} else if (strcmp(argv[i], "--no-deadline") == 0) {
			deadline = false;
		} else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
			opath = argv[++i];
		} else if (argv[i][0] != '-' && ipath == NULL) {
			ipath = argv[i];
		} else {
			return usage();
		}
	}
	if (ipath == NULL)
		return usage();
	rotad_error_clear(&err);
	if ((ij = instance_json_load_file(ipath, &err)) == NULL ||
	    (inst = instance_with_series_from_json(ij, &series, &err)) ==
	        NULL) {
		fprintf(stderr, "rotad: solve: %s: %s%s%s\n", ipath, err.field,
		    err.field[0] ? ": " : "", err.message);
		goto done;
	}
	parsed = since(&t0);
	if ((tz = tzmap_get(inst->timezone)) == NULL) {
		fprintf(stderr, "rotad: solve: unknown time zone '%s'\n",
		    inst->timezone);
		goto done;
	}
	memset(&opt, 0, sizeof(opt));
	opt.seed = seed;
	opt.seconds = seconds >= 0 ? seconds : (double)inst->seconds;
	/*
	 * The budget is the whole command (issue 20): the solver stops by
	 * the wall clock at N + 1 seconds less what loading took and what
	 * checking and writing will take (at most 1.5 times the parsing,
	 * measured on every preset: docs/solver.md).  Normally the work
	 * budget ends it first, and the plan is the same on every machine.
	 */
	loaded = since(&t0);
	left = opt.seconds + 1 - loaded - (0.15 + 1.5 * parsed);
	if (deadline)
		opt.max_wall_seconds = left > 0.05 ? left : 0.05;
	else
		/* The work budget alone, not even solver_run()'s safety stop
		 * at 4 N + 5 s: on a starved machine that stop changes the
		 * plan, and --no-deadline promises the same plan everywhere. */
		opt.max_wall_seconds = 1e9;
	if (isatty(STDERR_FILENO))
		opt.progress = progress_line;
	if (solver_run(inst, tz, &opt, &res, errbuf, sizeof(errbuf)) == -1) {
		fprintf(stderr, "rotad: solve: %s\n", errbuf);
		goto done;
	}
	if (opt.progress != NULL)
		fprintf(stderr, "\n");
	/* The plan, checked exactly as `rotad check` checks it. */
	plan = plan_new();
	for (size_t i = 0; i < res.n; i++)
		plan_add(plan, inst, res.a[i].slot_idx, res.a[i].youth_idx);
	if ((checked = plan_apply(inst, plan, errbuf, sizeof(errbuf))) ==
	        NULL ||
	    rules_check_instance(checked, tz, &rep) == -1 ||
	    input_report(inst, tz, &in) == -1) {
		fprintf(stderr, "rotad: solve: the plan cannot be checked\n");
		goto done;
	}
	plan_set_unfilled(plan, checked);
	plan->has_score = true;
	score_compute(checked, tz, &plan->score);
	violations = json_array();
	/* Each violation says whether the input makes it on its own (pinned
	 * assignments that already break a rule: the coordinator's) or the
	 * plan (never: the solver repairs its own). */
	for (size_t i = 0; i < rep.n; i++) {
		json_t *v = rules_violation_to_json(&rep.v[i], checked);
		bool input = from_input(&rep.v[i], checked, &in, inst);
		json_object_set_new(
		    v, "origin", json_string(input ? "input" : "plan"));
		nplan += input ? 0 : 1;
		json_array_append_new(violations, v);
	}

	pj = plan_to_json(plan, violations);
	text = json_dumps(pj, JSON_INDENT(2));
	if (opath != NULL) {
		FILE *f = fopen(opath, "w");
		if (f == NULL || fprintf(f, "%s\n", text) < 0 ||
		    fclose(f) != 0) {
			fprintf(
			    stderr, "rotad: solve: cannot write '%s'\n", opath);
			goto done;
		}
	} else {
		printf("%s\n", text);
	}
	if (opt.progress != NULL || stats || nplan > 0)
		fprintf(stderr,
		    "rotad: solve: filled %ld of %ld positions, fairness %.2f, "
		    "pairs %ld, %zu violation%s of the input, %zu of the plan; "
		    "stopped: %s after %.2fs\n",
		    plan->score.filled, plan->score.positions,
		    plan->score.fairness, plan->score.pairs, rep.n - nplan,
		    rep.n - nplan == 1 ? "" : "s", nplan,
		    solver_stop_name(res.stop), res.seconds);
	if (stats)
		fprintf(stderr,
		    "rotad: solve: budget %.0f s: %llu work units, %llu moves, "
		    "load %.2f s (parse %.2f s), solver %.2f s, total %.2f s, "
		    "%ld of the "
		    "solver's assignments repaired\n",
		    opt.seconds, (unsigned long long)res.work,
		    (unsigned long long)res.iterations, loaded, parsed,
		    res.seconds, since(&t0), res.repaired);
	/* 0: no violation; 1: only the input's; 3: the plan made one. */
	rc = nplan > 0 ? 3 : rep.n > 0 ? 1 : 0;
done:
	free(text);
	json_decref(violations);
	json_decref(pj);
	plan_free(plan);
	rules_report_free(&rep);
	rules_report_free(&in);
	solver_result_release(&res);
	model_instance_free(checked);
	instance_series_set_clear(&series);
	model_instance_free(inst);
	json_decref(ij);
	return rc;
}
