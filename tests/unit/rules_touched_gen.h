/* SPDX-License-Identifier: ISC */
/*
 * The random instances and changes of the change-gate agreement test
 * (issue 12), shared by tests/unit/test_rules_touched.c (seeded rounds)
 * and tests/fuzz/fuzz_rules_touched.c (the choices drawn from the fuzz
 * input).  Header-only; every function is static inline so that a user
 * needs not call them all.
 *
 * An instance has the shapes real data has: back-to-back visits, chains
 * and overlaps at one home, visits across midnight, around a DST change,
 * inside lesson hours and on Sundays and holidays, 14- and 15-year-olds
 * on school days and in the holidays, birthdays inside the horizon,
 * skills and `requires`, `needed` above 1, availability windows,
 * unavailable days, other work next to visits, weekly caps, allowed
 * homes, duplicates, cancelled assignments.  A change is one of what the
 * API does (add, patch, delete or cancel an assignment, patch or delete a
 * slot or a youth, add one, rename a home).
 *
 * tg_step() applies one change and checks, for the subjects the change
 * touches per the contract in rules.h (found with the rules_touch_*()
 * helpers in the states before and after, checked by id in both):
 *   1. rules_check_touched() is exactly the full report filtered to them,
 *      before and after;
 *   2. the full report of every other subject is the same before and
 *      after (the contract names every subject the change affects);
 *   3. the new violation keys (after - before, as the API's gate counts
 *      them) of the touched check equal those of the full check.
 * It returns false (with the details on stderr) when one fails.
 */
#ifndef ROTA_TEST_RULES_TOUCHED_GEN_H
#define ROTA_TEST_RULES_TOUCHED_GEN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "model.h"
#include "rules.h"
#include "rules_options.h"
#include "tzmap.h"
#include "xmalloc.h"

#define TG_DAYS 21 /* the horizon */

/* The random stream: splitmix64, or (fuzz) mixed with input bytes. */
struct tg {
	uint64_t s;
	const uint8_t *data;
	size_t len, pos;
	unsigned serial; /* for fresh ids */
	/* The round's settings. */
	int32_t base; /* first day of the horizon (a Monday) */
	int32_t dst;  /* a DST change day inside it, or CIVIL_NO_DATE */
	const struct tzmap *tz;
	/* Statistics. */
	size_t changes, fresh, touched_youths, touched_slots;
	int kind;     /* of the last change */
	bool map_bad; /* rules_touch_map() disagreed on the last change */
	size_t kind_n[32], kind_fresh[32]; /* changes and new violations */
	char seen[64][40]; /* rule ids among the new violations */
	size_t nseen;
};

static inline uint64_t
tg_next(struct tg *g)
{
	uint64_t z;

	if (g->data != NULL && g->pos < g->len)
		g->s ^= (uint64_t)g->data[g->pos++] << 17;
	z = (g->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* 0 .. n-1 (0 when n <= 0). */
static inline int
tg_rnd(struct tg *g, int n)
{
	return n <= 0 ? 0 : (int)(tg_next(g) % (uint64_t)n);
}

static inline bool
tg_pct(struct tg *g, int pct)
{
	return tg_rnd(g, 100) < pct;
}

/* One round's jurisdiction, zone, horizon and switches. */
struct tg_variant {
	const char *jur, *tz, *base, *dst;
	const char *opts; /* "name=value ..." */
	bool holiday_list;
};

static const struct tg_variant tg_variants[] = {
    {"NO", "Europe/Oslo", "2027-03-22", "2027-03-28", "", false},
    {"NO", "Europe/Oslo", "2027-10-25", "2027-10-31", "", false},
    {"NO", "Europe/Oslo", "2027-02-15", NULL,
        "sunday_averaging_agreement=1 sunday_work_justified=0", false},
    {"NO", "Europe/Oslo", "2027-06-07", NULL,
        "break_counts_as_working_time=1 care_exemption_12_9g=1", false},
    {"NO", "Europe/Oslo", "2027-05-03", NULL,
        "youth_night_21_23_justified=1 no_work_before_lessons=1 "
        "adult_min_break_minutes=30",
        true},
    {"EU", "Europe/Berlin", "2027-03-22", "2027-03-28", "raise_limits_for_15=1",
        false},
    {"UK", "Europe/London", "2027-03-22", "2027-03-28", "", false},
    {"UK", "Europe/London", "2027-07-12", NULL,
        "cwsa_2026_in_force=1 young_night_window=23:00-07:00", false},
    {"US-FLSA", "America/New_York", "2027-03-08", "2027-03-14", "", false},
    {"US-FLSA", "America/New_York", "2027-05-31", NULL, "week_start=MON",
        false},
};
#define TG_NVARIANTS (sizeof(tg_variants) / sizeof(tg_variants[0]))

static const char *const tg_skills[] = {"first_aid", "music", "driving"};
static const char *const tg_names[] = {"Ida Nilsen", "Ola Hansen",
    "Sigrid Berg", "Håkon Dahl", "Nora Lie", "Emil Moen", "Tiril Bakke",
    "Aksel Olsen"};

static inline int32_t
tg_date(const char *s)
{
	int32_t d = CIVIL_NO_DATE;

	if (civil_parse_date(s, &d) != 0)
		abort();
	return d;
}

static inline bool
tg_gap(const struct tg *g, int64_t wall)
{
	int64_t u;

	return tzmap_to_utc(g->tz, wall, &u) == TZMAP_GAP;
}

/* Moves [*a, *b) off a daylight-saving gap (the store holds none). */
static inline void
tg_no_gap(const struct tg *g, int64_t *a, int64_t *b)
{
	while (tg_gap(g, *a) || tg_gap(g, *b)) {
		*a += 60;
		*b += 60;
	}
}

static inline char *
tg_id(struct tg *g, char prefix)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%c%u", prefix, ++g->serial);
	return xstrdup(buf);
}

static inline void
tg_option(struct model_instance *inst, const char *name, const char *val)
{
	const struct rules_option_def *d =
	    rules_option_find(inst->jurisdiction, name);
	struct model_rule_option *o;

	if (d == NULL)
		abort(); /* a typo in tg_variants */
	inst->rule_options = xreallocarray(inst->rule_options,
	    inst->nrule_options + 1, sizeof(*inst->rule_options));
	o = &inst->rule_options[inst->nrule_options++];
	memset(o, 0, sizeof(*o));
	o->name = xstrdup(name);
	o->kind = d->kind;
	o->b = strcmp(val, "1") == 0;
	o->i = strtol(val, NULL, 10);
	o->s = d->kind == MODEL_OPTION_STRING ? xstrdup(val) : NULL;
}

static inline void
tg_options(struct model_instance *inst, const char *opts)
{
	char buf[256], *p, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", opts);
	for (p = strtok_r(buf, " ", &save); p != NULL;
	     p = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(p, '=');
		if (eq == NULL)
			abort();
		*eq = '\0';
		tg_option(inst, p, eq + 1);
	}
}

static inline void
tg_ranges(
    struct model_date_range **r, size_t *n, const char *const *v, size_t nv)
{
	*r = xcalloc(nv, sizeof(**r));
	for (size_t i = 0; i < nv; i += 1) {
		char a[11];
		snprintf(a, sizeof(a), "%.10s", v[i]);
		(*r)[i].from = tg_date(a);
		(*r)[i].to = tg_date(v[i] + 11);
	}
	*n = nv;
}

static inline int64_t
tg_wall(int32_t d, int minute)
{
	return (int64_t)d * CIVIL_MIN_PER_DAY + minute;
}

/* A random day of the horizon. */
static inline int32_t
tg_day(struct tg *g)
{
	return g->base + tg_rnd(g, TG_DAYS);
}

static inline void
tg_other_work(
    struct tg *g, const struct model_instance *inst, struct model_youth *y)
{
	free(y->other_work);
	y->other_work = NULL;
	y->nother_work = (size_t)(tg_pct(g, 70) ? 0 : 1 + tg_rnd(g, 2));
	if (y->nother_work > 0)
		y->other_work = xcalloc(y->nother_work, sizeof(*y->other_work));
	for (size_t i = 0; i < y->nother_work; i++) {
		struct model_span *w = &y->other_work[i];
		int len = 60 + 15 * tg_rnd(g, 13);
		if (inst->nslots > 0 && tg_pct(g, 40)) {
			/* Next to a visit: ending as it starts or starting
			 * as it ends. */
			const struct model_slot *s =
			    &inst->slots[tg_rnd(g, (int)inst->nslots)];
			w->start = tg_pct(g, 50) ? s->end : s->start - len;
		} else {
			w->start =
			    tg_wall(tg_day(g), 7 * 60 + 15 * tg_rnd(g, 13 * 4));
		}
		w->end = w->start + len;
		tg_no_gap(g, &w->start, &w->end);
	}
}

static inline void
tg_availability(struct tg *g, struct model_youth *y)
{
	free(y->availability);
	y->availability = xcalloc(3, sizeof(*y->availability));
	y->navailability = 0;
	if (tg_pct(g, 55)) {
		y->availability[0].days = 0x7f;
		y->availability[0].from = 0;
		y->availability[0].to = CIVIL_MIN_PER_DAY;
		y->navailability = 1;
		return;
	}
	for (int i = 0, n = 1 + tg_rnd(g, 3); i < n; i++) {
		struct model_weekly_window *w = &y->availability[i];
		w->days = (unsigned)(1 + tg_rnd(g, 127));
		w->from = 15 * tg_rnd(g, 17 * 4);
		w->to = tg_pct(g, 30) ? CIVIL_MIN_PER_DAY
		                      : w->from + 120 + 15 * tg_rnd(g, 8 * 4);
		if (w->to > CIVIL_MIN_PER_DAY)
			w->to = CIVIL_MIN_PER_DAY;
		y->navailability++;
	}
}

static inline void
tg_unavailable(struct tg *g, struct model_youth *y)
{
	free(y->unavailable);
	y->unavailable = NULL;
	y->nunavailable = 0;
	if (tg_pct(g, 80))
		return;
	y->unavailable = xcalloc(1, sizeof(*y->unavailable));
	y->unavailable[0].start = tg_wall(tg_day(g), 60 * tg_rnd(g, 24));
	y->unavailable[0].end =
	    y->unavailable[0].start + 6 * 60 + 60 * tg_rnd(g, 42);
	y->nunavailable = 1;
}

static inline void
tg_skills_of(struct tg *g, struct model_youth *y)
{
	for (size_t i = 0; i < y->nskills; i++)
		free(y->skills[i]);
	free(y->skills);
	y->skills = xcalloc(3, sizeof(*y->skills));
	y->nskills = 0;
	for (size_t i = 0; i < 3; i++)
		if (tg_pct(g, 35))
			y->skills[y->nskills++] = xstrdup(tg_skills[i]);
}

/* Aged 13-19 on the first day, a third of them with a birthday inside
 * the horizon (14 -> 15, 15 -> 16, 17 -> 18, ...). */
static inline void
tg_birth(struct tg *g, struct model_youth *y)
{
	static const int ages[] = {13, 14, 14, 15, 15, 15, 16, 17, 18, 19};
	int age = ages[tg_rnd(g, 10)], yy, mm, dd;

	if (tg_pct(g, 3)) {
		y->birth_date = tg_date("2012-02-29");
		return;
	}
	if (tg_pct(g, 35)) {
		civil_ymd_from_days(tg_day(g), &yy, &mm, &dd);
		if (mm == 2 && dd == 29)
			dd = 28;
		y->birth_date = civil_days_from_ymd(yy - age, mm, dd);
		return;
	}
	civil_ymd_from_days(g->base, &yy, &mm, &dd);
	if (mm == 2 && dd == 29)
		dd = 28;
	y->birth_date =
	    civil_days_from_ymd(yy - age, mm, dd) - 22 - tg_rnd(g, 320);
}

static inline void
tg_school(struct tg *g, struct model_youth *y)
{
	int age = civil_age_on(y->birth_date, g->base);

	if (tg_pct(g, 10))
		y->school = (enum model_school)tg_rnd(g, 3);
	else if (age <= 15)
		y->school = tg_pct(g, 85) ? MODEL_SCHOOL_COMPULSORY
		                          : MODEL_SCHOOL_SECONDARY;
	else
		y->school =
		    tg_pct(g, 70) ? MODEL_SCHOOL_SECONDARY : MODEL_SCHOOL_NONE;
}

static inline void
tg_homes(struct tg *g, const struct model_instance *inst, struct model_youth *y)
{
	for (size_t i = 0; i < y->nhomes; i++)
		free(y->homes[i]);
	free(y->homes);
	free(y->homes_idx);
	y->homes = NULL;
	y->homes_idx = NULL;
	y->nhomes = 0;
	y->homes_limited = tg_pct(g, 20);
	if (!y->homes_limited)
		return;
	y->homes = xcalloc(2, sizeof(*y->homes));
	y->homes[y->nhomes++] =
	    xstrdup(inst->homes[tg_rnd(g, (int)inst->nhomes)].id);
	if (tg_pct(g, 50)) {
		const char *h = inst->homes[tg_rnd(g, (int)inst->nhomes)].id;
		if (strcmp(h, y->homes[0]) != 0)
			y->homes[y->nhomes++] = xstrdup(h);
	}
}

static inline void
tg_consent(struct tg *g, struct model_youth *y)
{
	int k = tg_rnd(g, 10);

	y->guardian_consent = k == 0 ? CIVIL_NO_DATE
	    : k == 1                 ? tg_day(g)
	                             : g->base - 100;
}

static inline void
tg_max_week(struct tg *g, struct model_youth *y)
{
	static const int caps[] = {300, 480, 600, 720};

	y->max_week_minutes = tg_pct(g, 20) ? caps[tg_rnd(g, 4)] : -1;
}

/* The youth's school calendar (issue 15): the default, "bergen" or
 * "tromso" (tg_instance makes them). */
static inline void
tg_calendar(struct tg *g, struct model_youth *y)
{
	int r = tg_rnd(g, 3);

	free(y->school_calendar);
	y->school_calendar =
	    r == 0 ? NULL : xstrdup(r == 1 ? "bergen" : "tromso");
}

static inline void
tg_youth(struct tg *g, const struct model_instance *inst, struct model_youth *y)
{
	memset(y, 0, sizeof(*y));
	y->id = tg_id(g, 'y');
	y->name = xstrdup(tg_names[tg_rnd(g, 8)]);
	tg_birth(g, y);
	tg_school(g, y);
	tg_consent(g, y);
	tg_skills_of(g, y);
	tg_availability(g, y);
	tg_unavailable(g, y);
	tg_other_work(g, inst, y);
	tg_max_week(g, y);
	tg_homes(g, inst, y);
	tg_calendar(g, y);
}

/* A slot's time and home, with the shapes of real data. */
static inline void
tg_slot_time(
    struct tg *g, const struct model_instance *inst, struct model_slot *s)
{
	static const int ends[] = {20 * 60, 21 * 60, 23 * 60};
	const struct model_slot *prev = inst->nslots > 0
	    ? &inst->slots[tg_rnd(g, (int)inst->nslots)]
	    : NULL;
	int32_t d = tg_day(g);
	int start = 6 * 60 + 15 * tg_rnd(g, 16 * 4),
	    len = 30 + 15 * tg_rnd(g, 24);
	int k = tg_rnd(g, 13);
	const char *home = inst->homes[tg_rnd(g, (int)inst->nhomes)].id;

	if (prev != NULL && k <= 3) {
		/* Back to back after (or before) another visit at its home,
		 * a link of a chain of short ones, or overlapping it. */
		home = prev->home;
		if (k == 0) {
			s->start = prev->end;
			s->end = s->start + len;
		} else if (k == 1) {
			s->end = prev->start;
			s->start = s->end - len;
		} else if (k == 2) {
			s->start = prev->end;
			s->end = s->start + 60 + 15 * tg_rnd(g, 3);
		} else {
			s->start = prev->start + (prev->end - prev->start) / 2;
			s->end = s->start + len;
		}
	} else {
		if (k == 4) { /* across midnight */
			start = 22 * 60 + 15 * tg_rnd(g, 8);
			len = 120 + 15 * tg_rnd(g, 9);
		} else if (k == 5) { /* ending at a night boundary */
			len = 60 + 15 * tg_rnd(g, 8);
			start = ends[tg_rnd(g, 3)] - len;
		} else if (k == 6) {
			start = 6 * 60;
		} else if (k == 7) { /* inside lesson hours */
			start = 8 * 60 + 15 * tg_rnd(g, 20);
			len = 60 + 15 * tg_rnd(g, 8);
		} else if (k == 8 && g->dst != CIVIL_NO_DATE) {
			d = g->dst - 1 + tg_rnd(g, 3);
			start = 15 * tg_rnd(g, 20);
			len = 60 + 15 * tg_rnd(g, 12);
		} else if (k == 9) { /* a weekend afternoon */
			d = g->base + 5 + 7 * tg_rnd(g, 3) + tg_rnd(g, 2);
			start = 12 * 60 + 15 * tg_rnd(g, 16);
		} else if (k == 10 && tg_pct(g, 30)) {
			/* Months away: the full check's day table then
			 * reaches far beyond the touched check's. */
			d = g->base + 150 + tg_rnd(g, 150);
		}
		s->start = tg_wall(d, start);
		s->end = s->start + len;
	}
	tg_no_gap(g, &s->start, &s->end);
	if (s->home != home) { /* prev may be s itself */
		free(s->home);
		s->home = xstrdup(home);
	}
}

static inline void
tg_requires(struct tg *g, struct model_slot *s)
{
	for (size_t i = 0; i < s->nrequires; i++)
		free(s->requires[i].skill);
	free(s->requires);
	s->requires = NULL;
	s->nrequires = 0;
	if (tg_pct(g, 65))
		return;
	s->requires = xcalloc(2, sizeof(*s->requires));
	for (int i = 0, n = tg_pct(g, 85) ? 1 : 2; i < n; i++) {
		s->requires[i].skill =
		    xstrdup(tg_skills[(i + tg_rnd(g, 3)) % 3]);
		s->requires[i].count = 1 + tg_rnd(g, 2);
		s->nrequires++;
		if (i == 1 &&
		    strcmp(s->requires[0].skill, s->requires[1].skill) == 0) {
			free(s->requires[1].skill);
			s->nrequires--;
		}
	}
}

static inline int
tg_needed(struct tg *g)
{
	int k = tg_rnd(g, 10);

	return k < 6 ? 1 : k < 9 ? 2 : 3;
}

static inline int
tg_min_age(struct tg *g)
{
	int k = tg_rnd(g, 100);

	return k < 8 ? 16 : k < 12 ? 18 : k < 15 ? 15 : 0;
}

static inline void
tg_slot(struct tg *g, const struct model_instance *inst, struct model_slot *s)
{
	memset(s, 0, sizeof(*s));
	s->id = tg_id(g, 's');
	tg_slot_time(g, inst, s);
	s->needed = tg_needed(g);
	s->min_age = tg_min_age(g);
	tg_requires(g, s);
}

static inline void
tg_assign(struct tg *g, struct model_instance *inst, size_t s, size_t y,
    bool cancelled)
{
	struct model_assignment a;

	memset(&a, 0, sizeof(a));
	a.id = tg_id(g, 'a');
	a.slot = inst->slots[s].id;
	a.youth = inst->youths[y].id;
	a.status =
	    cancelled ? MODEL_ASSIGNMENT_CANCELLED : MODEL_ASSIGNMENT_ACTIVE;
	model_add_assignment(inst, &a);
	free(a.id);
}

static inline void
tg_link(struct model_instance *inst)
{
	char field[64], msg[128];

	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) !=
	    0) {
		fprintf(stderr, "link: %s: %s\n", field, msg);
		abort();
	}
}

/* A new linked instance for round variant v. */
static inline struct model_instance *
tg_instance(struct tg *g, const struct tg_variant *v)
{
	static const char *const terms[] = {"2026-08-17/2026-12-18",
	    "2027-01-04/2027-06-18", "2027-08-16/2027-12-17"};
	static const char *const hols[] = {"2027-02-22/2027-02-26",
	    "2027-03-22/2027-03-29", "2027-10-04/2027-10-08"};
	struct model_instance *inst = model_instance_new();
	struct model_school_calendar *sc = &inst->school_calendar;
	size_t ny = 8 + (size_t)tg_rnd(g, 5), ns = 28 + (size_t)tg_rnd(g, 12);

	free(inst->jurisdiction);
	free(inst->timezone);
	inst->jurisdiction = xstrdup(v->jur);
	inst->timezone = xstrdup(v->tz);
	g->tz = tzmap_get(v->tz);
	if (g->tz == NULL)
		abort();
	g->base = tg_date(v->base);
	g->dst = v->dst != NULL ? tg_date(v->dst) : CIVIL_NO_DATE;
	tg_options(inst, v->opts);
	tg_ranges(&sc->terms, &sc->nterms, terms, 3);
	tg_ranges(&sc->holidays, &sc->nholidays, hols, 3);
	sc->has_school_hours = true;
	sc->school_start = 8 * 60 + 15;
	sc->school_end = 14 * 60 + 30;
	/* Two more calendars: holidays a week later (Bergen), and other
	 * terms, holidays and lesson hours (Tromsø). */
	{
		static const char *const bhols[] = {"2027-03-01/2027-03-05",
		    "2027-03-22/2027-03-29", "2027-10-11/2027-10-15"};
		static const char *const tterms[] = {"2026-08-19/2026-12-21",
		    "2027-01-05/2027-06-22", "2027-08-18/2027-12-20"};
		static const char *const thols[] = {"2027-03-08/2027-03-12",
		    "2027-05-31/2027-06-04", "2027-10-25/2027-10-29"};
		struct model_school_calendar c;
		memset(&c, 0, sizeof(c));
		c.id = xstrdup("bergen");
		tg_ranges(&c.terms, &c.nterms, terms, 3);
		tg_ranges(&c.holidays, &c.nholidays, bhols, 3);
		c.has_school_hours = true;
		c.school_start = 8 * 60 + 30;
		c.school_end = 14 * 60 + 15;
		model_add_calendar(inst, &c);
		model_school_calendar_clear(&c);
		c.id = xstrdup("tromso");
		tg_ranges(&c.terms, &c.nterms, tterms, 3);
		tg_ranges(&c.holidays, &c.nholidays, thols, 3);
		c.has_school_hours = tg_pct(g, 80);
		c.school_start = 8 * 60;
		c.school_end = 15 * 60;
		model_add_calendar(inst, &c);
		model_school_calendar_clear(&c);
	}
	if (v->holiday_list) {
		/* Ascension, Whit Monday (= 17 May in 2027), 1 May. */
		inst->public_holidays_set = true;
		inst->public_holidays = xcalloc(3, sizeof(int32_t));
		inst->public_holidays[0] = tg_date("2027-05-06");
		inst->public_holidays[1] = tg_date("2027-05-17");
		inst->public_holidays[2] = tg_date("2027-05-01");
		inst->npublic_holidays = 3;
	}
	inst->travel_minutes = tg_pct(g, 70) ? 30 : 0;

	inst->homes = xcalloc(3, sizeof(*inst->homes));
	for (size_t i = 0; i < 3; i++) {
		static const char *const names[] = {
		    "Solheim", "Fjellro", "Lindely"};
		inst->homes[i].id = tg_id(g, 'h');
		inst->homes[i].name = xstrdup(names[i]);
	}
	inst->nhomes = 3;
	inst->slots = xcalloc(ns, sizeof(*inst->slots));
	for (size_t i = 0; i < ns; i++) {
		tg_slot(g, inst, &inst->slots[inst->nslots]);
		inst->nslots++;
	}
	inst->youths = xcalloc(ny, sizeof(*inst->youths));
	for (size_t i = 0; i < ny; i++) {
		tg_youth(g, inst, &inst->youths[inst->nyouths]);
		inst->nyouths++;
	}
	for (size_t s = 0; s < ns; s++) {
		int n = tg_rnd(g, inst->slots[s].needed + 2);
		for (int k = 0; k < n; k++) {
			size_t y = (size_t)tg_rnd(g, (int)ny);
			tg_assign(g, inst, s, y, tg_pct(g, 5));
			if (tg_pct(g, 3))
				tg_assign(g, inst, s, y, false);
		}
	}
	tg_link(inst);
	return inst;
}

/* ------------------------------------------------------- subjects -- */

/* Touched subjects by id (the same subjects in both states). */
struct tg_ids {
	char **y, **s;
	size_t ny, ns;
};

static inline void
tg_ids_add(char ***v, size_t *n, const char *id)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], id) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(id);
}

static inline void
tg_ids_from(struct tg_ids *ids, const struct model_instance *inst,
    const struct rules_touch *t)
{
	for (size_t i = 0; i < t->nyouths; i++)
		tg_ids_add(&ids->y, &ids->ny, inst->youths[t->youths[i]].id);
	for (size_t i = 0; i < t->nslots; i++)
		tg_ids_add(&ids->s, &ids->ns, inst->slots[t->slots[i]].id);
}

static inline bool
tg_ids_has(char *const *v, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], id) == 0)
			return true;
	return false;
}

/* The subjects, as indexes of inst (those it has). */
static inline void
tg_touch_of(struct rules_touch *t, const struct model_instance *inst,
    const struct tg_ids *ids)
{
	for (size_t i = 0; i < ids->ny; i++) {
		long k = model_find_youth(inst, ids->y[i]);
		if (k >= 0)
			rules_touch_youth(t, (size_t)k);
	}
	for (size_t i = 0; i < ids->ns; i++) {
		long k = model_find_slot(inst, ids->s[i]);
		if (k >= 0)
			rules_touch_slot(t, (size_t)k);
	}
}

static inline void
tg_ids_free(struct tg_ids *ids)
{
	for (size_t i = 0; i < ids->ny; i++)
		free(ids->y[i]);
	for (size_t i = 0; i < ids->ns; i++)
		free(ids->s[i]);
	free(ids->y);
	free(ids->s);
	memset(ids, 0, sizeof(*ids));
}

static inline bool
tg_same_touch(const struct rules_touch *a, const struct rules_touch *b)
{
	return a->nyouths == b->nyouths && a->nslots == b->nslots &&
	    (a->nyouths == 0 ||
	        memcmp(a->youths, b->youths, a->nyouths * sizeof(size_t)) ==
	            0) &&
	    (a->nslots == 0 ||
	        memcmp(a->slots, b->slots, a->nslots * sizeof(size_t)) == 0);
}

/* -------------------------------------------------------- changes -- */

enum tg_kind {
	TG_ADD_ASG,
	TG_DEL_ASG,
	TG_CANCEL_ASG,
	TG_PATCH_ASG,
	TG_MOVE_SLOT,
	TG_SLOT_NEEDED,
	TG_SLOT_REQUIRES,
	TG_SLOT_MIN_AGE,
	TG_SLOT_HOME,
	TG_YOUTH_BIRTH,
	TG_YOUTH_SCHOOL,
	TG_YOUTH_CONSENT,
	TG_YOUTH_SKILLS,
	TG_YOUTH_AVAIL,
	TG_YOUTH_UNAVAIL,
	TG_YOUTH_OTHER,
	TG_YOUTH_MAX_WEEK,
	TG_YOUTH_HOMES,
	TG_YOUTH_CALENDAR,
	TG_DEL_YOUTH,
	TG_DEL_SLOT,
	TG_ADD_SLOT,
	TG_ADD_YOUTH,
	TG_HOME_RENAME,
	TG_NKINDS
};

static const char *const tg_kind_names[TG_NKINDS] = {"add assignment",
    "delete assignment", "cancel assignment", "patch assignment", "move slot",
    "slot needed", "slot requires", "slot min_age", "slot home",
    "youth birth_date", "youth school", "youth consent", "youth skills",
    "youth availability", "youth unavailable", "youth other_work",
    "youth max_week", "youth homes", "youth calendar", "delete youth",
    "delete slot", "add slot", "add youth", "rename home"};

/* Weights of the kinds (per 100). */
static const int tg_weight[TG_NKINDS] = {
    18, 12, 7, 3, 10, 4, 5, 2, 2, 4, 2, 2, 4, 3, 2, 4, 2, 2, 3, 2, 2, 3, 1, 1};

static inline enum tg_kind
tg_pick_kind(struct tg *g, const struct model_instance *inst)
{
	int r = tg_rnd(g, 100), k = 0;

	/* Keep the instance from wearing away. */
	if (inst->nslots < 20 && tg_pct(g, 50))
		return TG_ADD_SLOT;
	if (inst->nyouths < 6 && tg_pct(g, 50))
		return TG_ADD_YOUTH;
	while (k < TG_NKINDS - 1 && r >= tg_weight[k])
		r -= tg_weight[k++];
	return (enum tg_kind)k;
}

/* A random assignment index (active only when `active`), or -1. */
static inline long
tg_pick_asg(struct tg *g, const struct model_instance *inst, bool active,
    bool on_requires)
{
	long pick = -1;
	size_t seen = 0;

	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (active && a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		if (on_requires && inst->slots[a->slot_idx].nrequires == 0)
			continue;
		if (tg_rnd(g, (int)++seen) == 0)
			pick = (long)i;
	}
	return pick;
}

/* A slot for youth y: half the time one on a day the youth already
 * works (chains, overlaps, breaks, rest). */
static inline size_t
tg_pick_slot_for(struct tg *g, const struct model_instance *inst, size_t y)
{
	long a = -1;
	size_t seen = 0, pick;

	if (tg_pct(g, 50)) {
		for (size_t i = 0; i < inst->nassignments; i++)
			if (inst->assignments[i].youth_idx == y &&
			    tg_rnd(g, (int)++seen) == 0)
				a = (long)i;
	}
	pick = (size_t)tg_rnd(g, (int)inst->nslots);
	if (a >= 0) {
		int32_t d = civil_wall_date(
		    inst->slots[inst->assignments[a].slot_idx].start);
		seen = 0;
		for (size_t s = 0; s < inst->nslots; s++) {
			int32_t e = civil_wall_date(inst->slots[s].start);
			if (e >= d - 1 && e <= d + 1 &&
			    tg_rnd(g, (int)++seen) == 0)
				pick = s;
		}
	}
	return pick;
}

static inline void
tg_remove_assignments_of(
    struct model_instance *inst, const char *youth, const char *slot)
{
	for (size_t i = inst->nassignments; i-- > 0;) {
		const struct model_assignment *a = &inst->assignments[i];
		if ((youth != NULL && strcmp(a->youth, youth) == 0) ||
		    (slot != NULL && strcmp(a->slot, slot) == 0))
			model_remove_assignment(inst, i);
	}
}

/*
 * One random change of cur into a new linked instance; the subjects it
 * touches per the contract (found in cur and in the result) into ids, a
 * description into desc.
 */
static inline struct model_instance *
tg_change(struct tg *g, const struct model_instance *cur, struct tg_ids *ids,
    char *desc, size_t desclen)
{
	struct model_instance *nx = model_instance_copy(cur);
	struct rules_touch tb = {0}, ta = {0};
	enum tg_kind k = tg_pick_kind(g, cur);
	size_t y = (size_t)tg_rnd(g, (int)cur->nyouths);
	size_t s = (size_t)tg_rnd(g, (int)cur->nslots);
	long a = -1;
	char *yid = xstrdup(cur->nyouths ? cur->youths[y].id : "");
	char *sid = xstrdup(cur->nslots ? cur->slots[s].id : "");
	struct model_youth *ny = nx->nyouths ? &nx->youths[y] : NULL;
	struct model_slot *ns = nx->nslots ? &nx->slots[s] : NULL;

	if ((k == TG_DEL_ASG || k == TG_CANCEL_ASG || k == TG_PATCH_ASG) &&
	    (a = tg_pick_asg(g, cur, k == TG_CANCEL_ASG,
	         k == TG_DEL_ASG && tg_pct(g, 50))) < 0)
		a = tg_pick_asg(g, cur, k == TG_CANCEL_ASG, false);
	if (((k == TG_DEL_ASG || k == TG_CANCEL_ASG || k == TG_PATCH_ASG) &&
	        a < 0) ||
	    (k == TG_ADD_ASG && (cur->nyouths == 0 || cur->nslots == 0)) ||
	    (k >= TG_MOVE_SLOT && k <= TG_SLOT_HOME && ns == NULL) ||
	    (k >= TG_YOUTH_BIRTH && k <= TG_DEL_YOUTH && ny == NULL) ||
	    (k == TG_DEL_SLOT && ns == NULL))
		k = TG_ADD_SLOT;
	g->kind = (int)k;
	snprintf(desc, desclen, "%s", tg_kind_names[k]);
	switch (k) {
	case TG_ADD_ASG:
		s = tg_pick_slot_for(g, cur, y);
		rules_touch_youth(&tb, y);
		rules_touch_slot(&tb, s);
		tg_assign(g, nx, s, y, false);
		snprintf(desc, desclen, "add assignment %s of %s to %s",
		    nx->assignments[nx->nassignments - 1].id, cur->youths[y].id,
		    cur->slots[s].id);
		break;
	case TG_DEL_ASG:
	case TG_CANCEL_ASG:
		rules_touch_assignment(&tb, cur, (size_t)a);
		snprintf(desc, desclen, "%s %s (%s on %s)",
		    k == TG_DEL_ASG ? "delete" : "cancel",
		    cur->assignments[a].id, cur->assignments[a].youth,
		    cur->assignments[a].slot);
		if (k == TG_DEL_ASG)
			model_remove_assignment(nx, (size_t)a);
		else
			nx->assignments[a].status = MODEL_ASSIGNMENT_CANCELLED;
		break;
	case TG_PATCH_ASG: {
		/* PATCH /assignments/:id: another slot, another youth, or
		 * active again. */
		struct model_assignment *na = &nx->assignments[a];
		int kk = tg_rnd(g, 3);
		rules_touch_assignment(&tb, cur, (size_t)a);
		if (kk == 0) {
			free(na->slot);
			na->slot = xstrdup(
			    cur->slots[tg_pick_slot_for(g, cur, na->youth_idx)]
			        .id);
		} else if (kk == 1) {
			free(na->youth);
			na->youth = xstrdup(cur->youths[y].id);
		}
		na->status = tg_pct(g, 85) ? MODEL_ASSIGNMENT_ACTIVE
		                           : MODEL_ASSIGNMENT_CANCELLED;
		snprintf(desc, desclen, "patch %s (%s on %s) to %s on %s",
		    na->id, cur->assignments[a].youth, cur->assignments[a].slot,
		    na->youth, na->slot);
		break;
	}
	case TG_MOVE_SLOT:
	case TG_SLOT_NEEDED:
	case TG_SLOT_REQUIRES:
	case TG_SLOT_MIN_AGE:
	case TG_SLOT_HOME:
		rules_touch_slot_all(&tb, cur, s);
		if (k == TG_MOVE_SLOT) {
			int kk = tg_rnd(g, 3);
			if (kk == 0) { /* a new time with the shapes */
				tg_slot_time(g, nx, ns);
			} else {
				int64_t dt = 15 * (tg_rnd(g, 33) - 16);
				if (kk == 2)
					dt = CIVIL_MIN_PER_DAY *
					    (tg_rnd(g, 5) - 2);
				ns->start += dt;
				ns->end += dt + 15 * (tg_rnd(g, 9) - 4);
				if (ns->end <= ns->start)
					ns->end = ns->start + 30;
				tg_no_gap(g, &ns->start, &ns->end);
			}
		} else if (k == TG_SLOT_NEEDED) {
			ns->needed = tg_needed(g);
		} else if (k == TG_SLOT_REQUIRES) {
			tg_requires(g, ns);
		} else if (k == TG_SLOT_MIN_AGE) {
			ns->min_age = tg_min_age(g);
		} else {
			free(ns->home);
			ns->home = xstrdup(nx->homes[tg_rnd(g, 3)].id);
		}
		snprintf(
		    desc + strlen(desc), desclen - strlen(desc), " %s", sid);
		break;
	case TG_YOUTH_BIRTH:
	case TG_YOUTH_SCHOOL:
	case TG_YOUTH_CONSENT:
	case TG_YOUTH_SKILLS:
	case TG_YOUTH_AVAIL:
	case TG_YOUTH_UNAVAIL:
	case TG_YOUTH_OTHER:
	case TG_YOUTH_MAX_WEEK:
	case TG_YOUTH_HOMES:
	case TG_YOUTH_CALENDAR:
		rules_touch_youth_all(&tb, cur, y);
		if (k == TG_YOUTH_BIRTH)
			tg_birth(g, ny);
		else if (k == TG_YOUTH_SCHOOL)
			tg_school(g, ny);
		else if (k == TG_YOUTH_CONSENT)
			tg_consent(g, ny);
		else if (k == TG_YOUTH_SKILLS)
			tg_skills_of(g, ny);
		else if (k == TG_YOUTH_AVAIL)
			tg_availability(g, ny);
		else if (k == TG_YOUTH_UNAVAIL)
			tg_unavailable(g, ny);
		else if (k == TG_YOUTH_OTHER)
			tg_other_work(g, nx, ny);
		else if (k == TG_YOUTH_MAX_WEEK)
			tg_max_week(g, ny);
		else if (k == TG_YOUTH_CALENDAR)
			tg_calendar(g, ny);
		else
			tg_homes(g, nx, ny);
		snprintf(
		    desc + strlen(desc), desclen - strlen(desc), " %s", yid);
		break;
	case TG_DEL_YOUTH:
		rules_touch_youth_all(&tb, cur, y);
		tg_remove_assignments_of(nx, yid, NULL);
		model_remove_youth(nx, y);
		snprintf(
		    desc + strlen(desc), desclen - strlen(desc), " %s", yid);
		break;
	case TG_DEL_SLOT:
		rules_touch_slot_all(&tb, cur, s);
		tg_remove_assignments_of(nx, NULL, sid);
		model_remove_slot(nx, s);
		snprintf(
		    desc + strlen(desc), desclen - strlen(desc), " %s", sid);
		break;
	case TG_ADD_SLOT: {
		struct model_slot sl;
		tg_slot(g, nx, &sl);
		model_add_slot(nx, &sl);
		model_slot_clear(&sl);
		/* With a youth or two at once, as an import would. */
		for (int i = 0, n = tg_rnd(g, 3); i < n && nx->nyouths; i++)
			tg_assign(g, nx, nx->nslots - 1,
			    (size_t)tg_rnd(g, (int)nx->nyouths), false);
		break;
	}
	case TG_ADD_YOUTH: {
		struct model_youth yo;
		tg_youth(g, nx, &yo);
		model_add_youth(nx, &yo);
		model_youth_clear(&yo);
		break;
	}
	case TG_HOME_RENAME: {
		size_t h = (size_t)tg_rnd(g, (int)nx->nhomes);
		rules_touch_home_all(&tb, cur, h);
		free(nx->homes[h].name);
		nx->homes[h].name = xstrdup("Nytt navn");
		break;
	}
	case TG_NKINDS:
		break;
	}
	tg_link(nx);
	/* The same subjects found in the state after. */
	switch (k) {
	case TG_ADD_ASG:
		rules_touch_assignment(&ta, nx, nx->nassignments - 1);
		break;
	case TG_CANCEL_ASG:
	case TG_PATCH_ASG:
		rules_touch_assignment(&ta, nx, (size_t)a);
		break;
	case TG_MOVE_SLOT:
	case TG_SLOT_NEEDED:
	case TG_SLOT_REQUIRES:
	case TG_SLOT_MIN_AGE:
	case TG_SLOT_HOME:
		rules_touch_slot_all(&ta, nx, s);
		break;
	case TG_ADD_SLOT:
		rules_touch_slot_all(&ta, nx, nx->nslots - 1);
		break;
	case TG_ADD_YOUTH:
		rules_touch_youth_all(&ta, nx, nx->nyouths - 1);
		break;
	case TG_HOME_RENAME:
		for (size_t h = 0; h < nx->nhomes; h++)
			if (strcmp(nx->homes[h].name, "Nytt navn") == 0)
				rules_touch_home_all(&ta, nx, h);
		break;
	case TG_DEL_ASG:
	case TG_DEL_YOUTH:
	case TG_DEL_SLOT:
	case TG_NKINDS:
		break;
	default:
		rules_touch_youth_all(&ta, nx, y);
		break;
	}
	tg_ids_from(ids, cur, &tb);
	tg_ids_from(ids, nx, &ta);
	/* rules_touch_map() gives the same union in each state. */
	{
		struct rules_touch mb = {0}, ma = {0}, wb = {0}, wa = {0};
		rules_touch_map(&mb, cur, &tb, cur);
		rules_touch_map(&mb, cur, &ta, nx);
		rules_touch_map(&ma, nx, &ta, nx);
		rules_touch_map(&ma, nx, &tb, cur);
		tg_touch_of(&wb, cur, ids);
		tg_touch_of(&wa, nx, ids);
		if (!tg_same_touch(&mb, &wb) || !tg_same_touch(&ma, &wa)) {
			fprintf(
			    stderr, "rules_touch_map() disagrees (%s)\n", desc);
			g->map_bad = true;
		}
		rules_touch_free(&mb);
		rules_touch_free(&ma);
		rules_touch_free(&wb);
		rules_touch_free(&wa);
	}
	rules_touch_free(&tb);
	rules_touch_free(&ta);
	free(yid);
	free(sid);
	return nx;
}

/* -------------------------------------------------------- checking -- */

/* The API gate's identity of a violation (api_rules.c violation_key). */
static inline char *
tg_key(const struct model_instance *inst, const struct rules_violation *v)
{
	char buf[1024], day[CIVIL_DATE_LEN] = "-", week[CIVIL_DATE_LEN] = "-";
	int n;

	if (v->day != CIVIL_NO_DATE)
		civil_format_date(v->day, day);
	if (v->week != CIVIL_NO_DATE)
		civil_format_date(v->week, week);
	n = snprintf(buf, sizeof(buf), "%s|%s|%s|%s|%zu|%zu", v->rule_id,
	    v->youth_idx >= 0 ? inst->youths[v->youth_idx].id : "-", day, week,
	    v->nslots_total, v->pairs);
	for (size_t i = 0; i < v->nslots && n < (int)sizeof(buf); i++)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "|%s",
		    inst->slots[v->slot_idx[i]].id);
	return xstrdup(buf);
}

static inline int
tg_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The subject of a violation: its youth, or (slot-level) its slot. */
static inline const char *
tg_subject(const struct model_instance *inst, const struct rules_violation *v)
{
	return v->youth_idx >= 0 ? inst->youths[v->youth_idx].id
	                         : inst->slots[v->slot_idx[0]].id;
}

static inline bool
tg_concerns(const struct model_instance *inst, const struct tg_ids *ids,
    const struct rules_violation *v)
{
	return v->youth_idx >= 0
	    ? tg_ids_has(ids->y, ids->ny, tg_subject(inst, v))
	    : tg_ids_has(ids->s, ids->ns, tg_subject(inst, v));
}

/* Sorted keys of the violations of rep that concern the subjects (in)
 * or the others (!in); all when ids is NULL. */
static inline char **
tg_keys(const struct model_instance *inst, const struct rules_report *rep,
    const struct tg_ids *ids, bool in, size_t *n)
{
	char **k = xcalloc(rep->n + 1, sizeof(*k));

	*n = 0;
	for (size_t i = 0; i < rep->n; i++)
		if (ids == NULL || tg_concerns(inst, ids, &rep->v[i]) == in)
			k[(*n)++] = tg_key(inst, &rep->v[i]);
	qsort(k, *n, sizeof(*k), tg_cmp_str);
	return k;
}

static inline void
tg_keys_free(char **k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(k[i]);
	free(k);
}

/* a - b as multisets of sorted keys (pointers into a). */
static inline char **
tg_minus(char **a, size_t na, char **b, size_t nb, size_t *n)
{
	char **d = xcalloc(na + 1, sizeof(*d));
	size_t j = 0;

	*n = 0;
	for (size_t i = 0; i < na; i++) {
		while (j < nb && strcmp(b[j], a[i]) < 0)
			j++;
		if (j < nb && strcmp(b[j], a[i]) == 0)
			j++;
		else
			d[(*n)++] = a[i];
	}
	return d;
}

static inline bool
tg_same_violation(
    const struct rules_violation *a, const struct rules_violation *b)
{
	return strcmp(a->rule_id, b->rule_id) == 0 &&
	    strcmp(a->reference, b->reference) == 0 &&
	    strcmp(a->message, b->message) == 0 &&
	    a->youth_idx == b->youth_idx && a->nslots == b->nslots &&
	    memcmp(a->slot_idx, b->slot_idx,
	        a->nslots * sizeof(a->slot_idx[0])) == 0 &&
	    a->day == b->day && a->week == b->week &&
	    a->nslots_total == b->nslots_total && a->pairs == b->pairs;
}

/* The touched report is the full one filtered to the subjects, in order. */
static inline bool
tg_filtered(const struct model_instance *inst, const struct tg_ids *ids,
    const struct rules_report *full, const struct rules_report *touched,
    const char *state)
{
	size_t j = 0;

	for (size_t i = 0; i < full->n; i++) {
		if (!tg_concerns(inst, ids, &full->v[i]))
			continue;
		if (j >= touched->n ||
		    !tg_same_violation(&full->v[i], &touched->v[j])) {
			fprintf(stderr,
			    "%s: full report's %s (%s: %s) is not the touched "
			    "report's #%zu (%s)\n",
			    state, full->v[i].rule_id,
			    tg_subject(inst, &full->v[i]), full->v[i].message,
			    j,
			    j < touched->n ? touched->v[j].message : "missing");
			return false;
		}
		j++;
	}
	if (j != touched->n) {
		fprintf(stderr, "%s: the touched report has %zu more: %s %s\n",
		    state, touched->n - j, touched->v[j].rule_id,
		    touched->v[j].message);
		return false;
	}
	return true;
}

static inline void
tg_seen(struct tg *g, const char *key)
{
	size_t n = strcspn(key, "|");

	for (size_t i = 0; i < g->nseen; i++)
		if (strlen(g->seen[i]) == n && strncmp(g->seen[i], key, n) == 0)
			return;
	if (g->nseen < 64 && n < sizeof(g->seen[0]))
		snprintf(g->seen[g->nseen++], sizeof(g->seen[0]), "%.*s",
		    (int)n, key);
}

static inline bool
tg_report(const struct model_instance *inst, const struct rules_touch *t,
    struct rules_report *rep)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	int rc = t != NULL ? rules_check_touched(inst, tz, t, rep)
	                   : rules_check_instance(inst, tz, rep);

	if (rc != 0)
		fprintf(
		    stderr, "the %s check failed\n", t ? "touched" : "full");
	return rc == 0;
}

/*
 * One change of *cur (whose full report is *full, kept up to date): the
 * three properties of the top comment.  false on a failure (details on
 * stderr); *cur and *full are the state after in any case.
 */
static inline bool
tg_step(struct tg *g, struct model_instance **cur, struct rules_report *full)
{
	struct tg_ids ids = {0};
	struct rules_touch tb = {0}, ta = {0};
	struct rules_report fa = {0}, rb = {0}, ra = {0};
	char desc[160], **kb, **ka, **ob, **oa, **tkb, **tka, **d1, **d2;
	size_t nkb, nka, nob, noa, ntkb, ntka, nd1, nd2;
	struct model_instance *nx =
	    tg_change(g, *cur, &ids, desc, sizeof(desc));
	bool ok = !g->map_bad;

	g->map_bad = false;
	g->changes++;
	tg_touch_of(&tb, *cur, &ids);
	tg_touch_of(&ta, nx, &ids);
	g->touched_youths += ta.nyouths;
	g->touched_slots += ta.nslots;
	ok = tg_report(nx, NULL, &fa) && tg_report(*cur, &tb, &rb) &&
	    tg_report(nx, &ta, &ra) && ok;
	if (ok)
		ok = tg_filtered(*cur, &ids, full, &rb, "before") &&
		    tg_filtered(nx, &ids, &fa, &ra, "after");

	/* 2: the other subjects' violations stay as they were. */
	ob = tg_keys(*cur, full, &ids, false, &nob);
	oa = tg_keys(nx, &fa, &ids, false, &noa);
	d1 = tg_minus(oa, noa, ob, nob, &nd1);
	d2 = tg_minus(ob, nob, oa, noa, &nd2);
	if (ok && (nd1 > 0 || nd2 > 0)) {
		fprintf(stderr,
		    "contract: the change changed the violations of a subject "
		    "it does not touch: %s %s\n",
		    nd1 > 0 ? "new" : "gone", nd1 > 0 ? d1[0] : d2[0]);
		ok = false;
	}
	free(d1);
	free(d2);
	tg_keys_free(ob, nob);
	tg_keys_free(oa, noa);

	/* 3: the new keys, as the gate counts them. */
	kb = tg_keys(*cur, full, NULL, true, &nkb);
	ka = tg_keys(nx, &fa, NULL, true, &nka);
	tkb = tg_keys(*cur, &rb, NULL, true, &ntkb);
	tka = tg_keys(nx, &ra, NULL, true, &ntka);
	d1 = tg_minus(ka, nka, kb, nkb, &nd1);
	d2 = tg_minus(tka, ntka, tkb, ntkb, &nd2);
	g->fresh += nd1;
	g->kind_n[g->kind]++;
	g->kind_fresh[g->kind] += nd1;
	for (size_t i = 0; i < nd1; i++)
		tg_seen(g, d1[i]);
	if (ok && nd1 != nd2) {
		fprintf(stderr,
		    "new violations: %zu by the full check, %zu by "
		    "the touched one\n",
		    nd1, nd2);
		ok = false;
	}
	for (size_t i = 0; ok && i < nd1; i++)
		if (strcmp(d1[i], d2[i]) != 0) {
			fprintf(stderr,
			    "new violation %s (full) / %s (touched)\n", d1[i],
			    d2[i]);
			ok = false;
		}
	free(d1);
	free(d2);
	tg_keys_free(kb, nkb);
	tg_keys_free(ka, nka);
	tg_keys_free(tkb, ntkb);
	tg_keys_free(tka, ntka);

	if (!ok) {
		fprintf(stderr, "after change #%zu: %s; touched youths",
		    g->changes, desc);
		for (size_t i = 0; i < ids.ny; i++)
			fprintf(stderr, " %s", ids.y[i]);
		fprintf(stderr, ", slots");
		for (size_t i = 0; i < ids.ns; i++)
			fprintf(stderr, " %s", ids.s[i]);
		fprintf(stderr, "\n");
	}
	rules_report_free(&rb);
	rules_report_free(&ra);
	rules_report_free(full);
	*full = fa;
	rules_touch_free(&tb);
	rules_touch_free(&ta);
	tg_ids_free(&ids);
	model_instance_free(*cur);
	*cur = nx;
	return ok;
}

#endif /* ROTA_TEST_RULES_TOUCHED_GEN_H */
