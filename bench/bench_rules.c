/* SPDX-License-Identifier: ISC */
/*
 * This file contains the rules engine benchmark: a 4-week plan of 2,000
 * youths and 12,000 assignments (Norway, Europe/Oslo), timing one full
 * rules_check_instance() and the average rules_may_add() call.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "model.h"
#include "rules.h"
#include "tzmap.h"
#include "xmalloc.h"

#define NYOUTHS 2000
#define NSLOTS  6000
#define NHOMES  40
#define NCALLS  1000000

static uint64_t seed = 42;

static uint32_t
rng(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(seed >> 33);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static struct model_instance *
build(void)
{
	struct model_instance *inst = model_instance_new();
	int32_t base = civil_days_from_ymd(2027, 1, 4);
	char buf[64], field[64], msg[128];

	inst->school_calendar.terms =
	    xcalloc(1, sizeof(*inst->school_calendar.terms));
	inst->school_calendar.terms[0].from = base;
	inst->school_calendar.terms[0].to = base + 160;
	inst->school_calendar.nterms = 1;
	inst->school_calendar.has_school_hours = true;
	inst->school_calendar.school_start = 8 * 60 + 15;
	inst->school_calendar.school_end = 14 * 60 + 30;
	inst->homes = xcalloc(NHOMES, sizeof(*inst->homes));
	for (size_t i = 0; i < NHOMES; i++) {
		snprintf(buf, sizeof(buf), "h%zu", i);
		inst->homes[i].id = xstrdup(buf);
		inst->homes[i].name = xstrdup(buf);
	}
	inst->nhomes = NHOMES;
	inst->youths = xcalloc(NYOUTHS, sizeof(*inst->youths));
	for (size_t i = 0; i < NYOUTHS; i++) {
		struct model_youth *y = &inst->youths[i];
		snprintf(buf, sizeof(buf), "y%zu", i);
		y->id = xstrdup(buf);
		y->name = xstrdup("Kari Nordmann");
		y->birth_date = civil_days_from_ymd(2007 + (int)(rng() % 6),
		    1 + (int)(rng() % 12), 1 + (int)(rng() % 28));
		y->school = rng() % 2 ? MODEL_SCHOOL_SECONDARY
		                      : MODEL_SCHOOL_COMPULSORY;
		y->guardian_consent = base - 100;
		y->availability = xcalloc(1, sizeof(*y->availability));
		y->availability[0].days = 0x7f;
		y->availability[0].to = 1440;
		y->navailability = 1;
		y->max_week_minutes = -1;
		if (i % 10 == 0) {
			y->other_work = xcalloc(1, sizeof(*y->other_work));
			y->other_work[0].start =
			    (int64_t)(base + 5) * 1440 + 10 * 60;
			y->other_work[0].end = y->other_work[0].start + 180;
			y->nother_work = 1;
		}
	}
	inst->nyouths = NYOUTHS;
	inst->slots = xcalloc(NSLOTS, sizeof(*inst->slots));
	inst->assignments = xcalloc(NSLOTS * 2, sizeof(*inst->assignments));
	for (size_t i = 0; i < NSLOTS; i++) {
		struct model_slot *s = &inst->slots[i];
		int32_t d = base + (int32_t)(rng() % 28);
		int start = 15 * 60 + (int)(rng() % 12) * 15;
		size_t y1 = rng() % NYOUTHS,
		       y2 = (y1 + 1 + rng() % 100) % NYOUTHS;
		snprintf(buf, sizeof(buf), "s%zu", i);
		s->id = xstrdup(buf);
		snprintf(buf, sizeof(buf), "h%u", rng() % NHOMES);
		s->home = xstrdup(buf);
		s->start = (int64_t)d * 1440 + start;
		s->end = s->start + 60 + (int)(rng() % 5) * 15;
		s->needed = 2;
		for (size_t k = 0; k < 2; k++) {
			struct model_assignment *a =
			    &inst->assignments[inst->nassignments++];
			a->slot = xstrdup(s->id);
			a->youth = xstrdup(inst->youths[k ? y2 : y1].id);
		}
	}
	inst->nslots = NSLOTS;
	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) !=
	    0) {
		fprintf(stderr, "link: %s: %s\n", field, msg);
		exit(1);
	}
	return inst;
}

int
main(void)
{
	struct model_instance *inst = build();
	const struct tzmap *tz = tzmap_get(inst->timezone);
	struct rules_report rep = {0};
	struct rules_youth_state **st;
	struct rules_ctx *ctx;
	char err[200];
	double t0, best = 1e9;
	size_t yes = 0;

	if (tz == NULL)
		return 1;
	for (int r = 0; r < 5; r++) {
		rep.n = 0;
		t0 = now_ms();
		if (rules_check_instance(inst, tz, &rep) != 0)
			return 1;
		if (now_ms() - t0 < best)
			best = now_ms() - t0;
	}
	printf("rules_check_instance: %zu youths, %zu assignments, "
	       "%zu violations: %.2f ms (best of 5)\n",
	    inst->nyouths, inst->nassignments, rep.n, best);

	t0 = now_ms();
	ctx = rules_ctx_new(inst, tz, err, sizeof(err));
	if (ctx == NULL)
		return 1;
	st = xcalloc(NYOUTHS, sizeof(*st));
	for (size_t i = 0; i < NYOUTHS; i++)
		st[i] = rules_youth_state_new(ctx, i);
	printf("rules_ctx_new + %d youth states: %.2f ms\n", NYOUTHS,
	    now_ms() - t0);
	t0 = now_ms();
	for (size_t i = 0; i < NCALLS; i++)
		yes += rules_may_add(ctx, st[rng() % NYOUTHS], rng() % NSLOTS);
	printf("rules_may_add: %d calls, %.3f us each (%zu allowed)\n", NCALLS,
	    (now_ms() - t0) * 1e3 / NCALLS, yes);
	for (size_t i = 0; i < NYOUTHS; i++)
		rules_youth_state_free(st[i]);
	free(st);
	rules_ctx_free(ctx);
	rules_report_free(&rep);
	model_instance_free(inst);
	return 0;
}
