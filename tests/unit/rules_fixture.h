/* SPDX-License-Identifier: ISC */
/*
 * Test helpers for the rules engine: build a small linked instance from a
 * compact text description (see struct rules_tcase), so that each test case
 * of test_rules.c is one table row.  Header-only, included by one test.
 */
#ifndef ROTA_TEST_RULES_FIXTURE_H
#define ROTA_TEST_RULES_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "model.h"
#include "rules.h"
#include "rules_options.h"
#include "tzmap.h"
#include "xmalloc.h"

/*
 * One case.  youth: "BIRTH SCHOOL" with SCHOOL c(ompulsory), s(econdary)
 * or n(one).  shifts / other: space-separated "YYYY-MM-DDTHH:MM-HH:MM"
 * (an end not after the start is on the next day), optionally suffixed
 * "@h2" (other home) and prefixed "!" (cancelled).  extra: space-separated
 * key=value: jur, tz, consent (date or "none"), avail ("sat,sun:HH:MM-HH:MM"
 * ";"-separated), unavail ("START/END" ";"-separated), maxweek (minutes),
 * homes (ids, ","), skills (","), minage, needed, requires (skill:count),
 * youths (count, each on every slot), dup (assign slot 0 twice),
 * holidays (dates, ","), terms and sholidays (school calendar terms and
 * holiday ranges "FROM/TO" ","-separated, replacing the default ones;
 * sholidays=none for no holiday ranges), bergen (youth indexes, ",": they
 * follow a second school calendar "bergen", the default one but with its
 * winter holiday in week 9, 2027-03-01..05, instead of week 8, as
 * Oslo's), and any rule_options switch (bool 0/1, int, or string).
 */
struct rules_tcase {
	const char *rule;
	const char *youth;
	const char *shifts;
	const char *other;
	const char *extra;
	const char *expect;
};

static const char *
fx_get(const char *extra, const char *key, char *buf, size_t len)
{
	size_t kl = strlen(key);
	const char *p = extra;

	while (p && *p) {
		while (*p == ' ')
			p++;
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			size_t n = strcspn(p + kl + 1, " ");
			if (n >= len)
				n = len - 1;
			memcpy(buf, p + kl + 1, n);
			buf[n] = '\0';
			return buf;
		}
		p += strcspn(p, " ");
	}
	return NULL;
}

static int32_t
fx_date(const char *s)
{
	int32_t d;

	if (civil_parse_date(s, &d) != 0) {
		fprintf(stderr, "bad date in fixture: %s\n", s);
		abort();
	}
	return d;
}

static int64_t
fx_wall(const char *s)
{
	int64_t w;

	if (civil_parse_datetime(s, &w) != 0) {
		fprintf(stderr, "bad time in fixture: %s\n", s);
		abort();
	}
	return w;
}

/* Parses "YYYY-MM-DDTHH:MM-HH:MM" into wall [start, end). */
static void
fx_span(const char *tok, int64_t *start, int64_t *end)
{
	char buf[32];
	int em;

	snprintf(buf, sizeof(buf), "%.16s", tok);
	*start = fx_wall(buf);
	snprintf(buf, sizeof(buf), "%.5s", tok + 17);
	if (civil_parse_hm(buf, true, &em) != 0) {
		fprintf(stderr, "bad end in fixture: %s\n", tok);
		abort();
	}
	*end = (int64_t)civil_wall_date(*start) * CIVIL_MIN_PER_DAY + em;
	if (*end <= *start)
		*end += CIVIL_MIN_PER_DAY;
}

static size_t
fx_count(const char *s)
{
	size_t n = 0;

	while (s && *s) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		n++;
		s += strcspn(s, " ");
	}
	return n;
}

/* The i-th space-separated token of s into buf. */
static const char *
fx_tok(const char *s, size_t i, char *buf, size_t len)
{
	for (size_t k = 0;; k++) {
		size_t n;
		while (*s == ' ')
			s++;
		n = strcspn(s, " ");
		if (k == i) {
			if (n >= len)
				n = len - 1;
			memcpy(buf, s, n);
			buf[n] = '\0';
			return buf;
		}
		s += n;
	}
}

static char **
fx_strv(const char *csv, size_t *n)
{
	char **v = xcalloc(16, sizeof(*v));
	const char *p = csv;

	*n = 0;
	while (*p && *n < 16) {
		size_t l = strcspn(p, ",");
		v[*n] = xcalloc(l + 1, 1);
		memcpy(v[*n], p, l);
		(*n)++;
		p += l;
		if (*p == ',')
			p++;
	}
	return v;
}

static void
fx_option(struct model_instance *inst, const char *name, const char *val)
{
	const struct rules_option_def *d =
	    rules_option_find(inst->jurisdiction, name);
	struct model_rule_option *o;

	if (d == NULL)
		return;
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

static void
fx_youth(struct model_youth *y, size_t k, const struct rules_tcase *tc)
{
	char buf[512], b2[32];
	const char *v;
	size_t n;

	memset(y, 0, sizeof(*y));
	snprintf(buf, sizeof(buf), "y%zu", k);
	y->id = xstrdup(buf);
	y->name = xstrdup(k == 0 ? "Ida Nilsen" : "Ola Hansen");
	y->birth_date = fx_date(fx_tok(tc->youth, 0, b2, sizeof(b2)));
	fx_tok(tc->youth, 1, b2, sizeof(b2));
	y->school = b2[0] == 'c' ? MODEL_SCHOOL_COMPULSORY
	    : b2[0] == 's'       ? MODEL_SCHOOL_SECONDARY
	                         : MODEL_SCHOOL_NONE;
	y->guardian_consent = fx_date("2026-08-01");
	if ((v = fx_get(tc->extra, "consent", buf, sizeof(buf))) != NULL)
		y->guardian_consent =
		    strcmp(v, "none") == 0 ? CIVIL_NO_DATE : fx_date(v);
	y->max_week_minutes = -1;
	if ((v = fx_get(tc->extra, "maxweek", buf, sizeof(buf))) != NULL)
		y->max_week_minutes = (int)strtol(v, NULL, 10);
	if ((v = fx_get(tc->extra, "skills", buf, sizeof(buf))) != NULL)
		y->skills = fx_strv(v, &y->nskills);
	if ((v = fx_get(tc->extra, "homes", buf, sizeof(buf))) != NULL) {
		y->homes_limited = true;
		y->homes = fx_strv(v, &y->nhomes);
	}
	y->availability = xcalloc(16, sizeof(*y->availability));
	if ((v = fx_get(tc->extra, "avail", buf, sizeof(buf))) != NULL) {
		const char *p = v;
		while (*p && y->navailability < 16) {
			struct model_weekly_window *w =
			    &y->availability[y->navailability++];
			char hm[6];
			const char *colon = strchr(p, ':');
			for (int d = 0; d < 7; d++) {
				const char *key = civil_weekday_key(d);
				const char *q = strstr(p, key);
				if (q != NULL && q < colon)
					w->days |= MODEL_DAY_BIT(d);
			}
			snprintf(hm, sizeof(hm), "%.5s", colon + 1);
			civil_parse_hm(hm, true, &w->from);
			snprintf(hm, sizeof(hm), "%.5s", colon + 7);
			civil_parse_hm(hm, true, &w->to);
			p = colon + 12;
			if (*p == ';')
				p++;
		}
	} else {
		y->availability[0].days = 0x7f;
		y->availability[0].from = 0;
		y->availability[0].to = CIVIL_MIN_PER_DAY;
		y->navailability = 1;
	}
	if ((v = fx_get(tc->extra, "unavail", buf, sizeof(buf))) != NULL) {
		char one[40];
		y->unavailable = xcalloc(1, sizeof(*y->unavailable));
		snprintf(one, sizeof(one), "%.16s", v);
		y->unavailable[0].start = fx_wall(one);
		snprintf(one, sizeof(one), "%.16s", v + 17);
		y->unavailable[0].end = fx_wall(one);
		y->nunavailable = 1;
	}
	n = fx_count(tc->other);
	if (n > 0)
		y->other_work = xcalloc(n, sizeof(*y->other_work));
	for (size_t i = 0; i < n; i++) {
		fx_tok(tc->other, i, buf, sizeof(buf));
		fx_span(buf, &y->other_work[i].start, &y->other_work[i].end);
	}
	y->nother_work = n;
}

/* Date ranges "FROM/TO,FROM/TO" (or "none") into a new array. */
static struct model_date_range *
fx_ranges(const char *csv, size_t *n)
{
	struct model_date_range *r;
	char **v;

	*n = 0;
	if (strcmp(csv, "none") == 0)
		return xcalloc(1, sizeof(*r));
	v = fx_strv(csv, n);
	r = xcalloc(*n + 1, sizeof(*r));
	for (size_t i = 0; i < *n; i++) {
		char one[16];
		snprintf(one, sizeof(one), "%.10s", v[i]);
		r[i].from = fx_date(one);
		snprintf(one, sizeof(one), "%.10s", v[i] + 11);
		r[i].to = fx_date(one);
		free(v[i]);
	}
	free(v);
	return r;
}

/* A linked instance for a case; NULL if linking fails. */
static struct model_instance *
fx_instance(const struct rules_tcase *tc)
{
	struct model_instance *inst = model_instance_new();
	struct model_school_calendar *sc = &inst->school_calendar;
	char buf[512], tok[64], field[64], msg[128];
	const char *v;
	size_t nslots = fx_count(tc->shifts), ny = 1, na = 0;
	int needed = 1;

	if ((v = fx_get(tc->extra, "jur", buf, sizeof(buf))) != NULL) {
		free(inst->jurisdiction);
		inst->jurisdiction = xstrdup(v);
	}
	free(inst->timezone);
	v = fx_get(tc->extra, "tz", buf, sizeof(buf));
	inst->timezone = xstrdup(v ? v : "Europe/Oslo");
	sc->terms = xcalloc(3, sizeof(*sc->terms));
	sc->terms[0].from = fx_date("2026-08-17");
	sc->terms[0].to = fx_date("2026-12-18");
	sc->terms[1].from = fx_date("2027-01-04");
	sc->terms[1].to = fx_date("2027-06-18");
	sc->terms[2].from = fx_date("2027-08-16");
	sc->terms[2].to = fx_date("2027-12-17");
	sc->nterms = 3;
	sc->holidays = xcalloc(1, sizeof(*sc->holidays));
	sc->holidays[0].from = fx_date("2027-02-22");
	sc->holidays[0].to = fx_date("2027-02-26");
	sc->nholidays = 1;
	if ((v = fx_get(tc->extra, "terms", buf, sizeof(buf))) != NULL) {
		free(sc->terms);
		sc->terms = fx_ranges(v, &sc->nterms);
	}
	if ((v = fx_get(tc->extra, "sholidays", buf, sizeof(buf))) != NULL) {
		free(sc->holidays);
		sc->holidays = fx_ranges(v, &sc->nholidays);
	}
	sc->has_school_hours = true;
	sc->school_start = 8 * 60 + 15;
	sc->school_end = 14 * 60 + 30;
	if ((v = fx_get(tc->extra, "holidays", buf, sizeof(buf))) != NULL) {
		size_t n;
		char **d = fx_strv(v, &n);
		inst->public_holidays_set = true;
		inst->public_holidays = xcalloc(n + 1, sizeof(int32_t));
		for (size_t i = 0; i < n; i++) {
			inst->public_holidays[i] = fx_date(d[i]);
			free(d[i]);
		}
		free(d);
		inst->npublic_holidays = n;
	}

	inst->homes = xcalloc(2, sizeof(*inst->homes));
	inst->homes[0].id = xstrdup("h1");
	inst->homes[0].name = xstrdup("Solheim");
	inst->homes[1].id = xstrdup("h2");
	inst->homes[1].name = xstrdup("Fjellro");
	inst->nhomes = 2;

	if ((v = fx_get(tc->extra, "youths", buf, sizeof(buf))) != NULL)
		ny = (size_t)strtol(v, NULL, 10);
	inst->youths = xcalloc(ny, sizeof(*inst->youths));
	for (size_t k = 0; k < ny; k++)
		fx_youth(&inst->youths[k], k, tc);
	inst->nyouths = ny;

	if ((v = fx_get(tc->extra, "needed", buf, sizeof(buf))) != NULL)
		needed = (int)strtol(v, NULL, 10);
	inst->slots = xcalloc(nslots + 1, sizeof(*inst->slots));
	inst->assignments =
	    xcalloc(nslots * ny + 2, sizeof(*inst->assignments));
	for (size_t i = 0; i < nslots; i++) {
		struct model_slot *s = &inst->slots[i];
		const char *t = fx_tok(tc->shifts, i, tok, sizeof(tok));
		bool cancelled = t[0] == '!';

		if (cancelled)
			t++;
		snprintf(buf, sizeof(buf), "s%zu", i);
		s->id = xstrdup(buf);
		s->home = xstrdup(strstr(t, "@h2") ? "h2" : "h1");
		fx_span(t, &s->start, &s->end);
		s->needed = needed;
		if ((v = fx_get(tc->extra, "minage", buf, sizeof(buf))))
			s->min_age = (int)strtol(v, NULL, 10);
		if ((v = fx_get(tc->extra, "requires", buf, sizeof(buf)))) {
			s->requires = xcalloc(1, sizeof(*s->requires));
			s->requires[0].skill = xcalloc(strlen(v) + 1, 1);
			memcpy(s->requires[0].skill, v, strcspn(v, ":"));
			s->requires[0].count =
			    (int)strtol(strchr(v, ':') + 1, NULL, 10);
			s->nrequires = 1;
		}
		for (size_t k = 0; k < ny; k++) {
			struct model_assignment *a = &inst->assignments[na++];
			a->slot = xstrdup(s->id);
			a->youth = xstrdup(inst->youths[k].id);
			a->status = cancelled ? MODEL_ASSIGNMENT_CANCELLED
			                      : MODEL_ASSIGNMENT_ACTIVE;
		}
	}
	inst->nslots = nslots;
	if (fx_get(tc->extra, "dup", buf, sizeof(buf)) != NULL && nslots > 0) {
		struct model_assignment *a = &inst->assignments[na++];
		a->slot = xstrdup("s0");
		a->youth = xstrdup("y0");
	}
	inst->nassignments = na;
	if ((v = fx_get(tc->extra, "bergen", buf, sizeof(buf))) != NULL) {
		struct model_school_calendar b;
		size_t n;
		char **idx = fx_strv(v, &n);
		model_school_calendar_copy(&b, sc);
		b.id = xstrdup("bergen");
		free(b.holidays);
		b.holidays = fx_ranges("2027-03-01/2027-03-05", &b.nholidays);
		model_add_calendar(inst, &b);
		model_school_calendar_clear(&b);
		for (size_t i = 0; i < n; i++) {
			size_t k = (size_t)strtoul(idx[i], NULL, 10);
			if (k < inst->nyouths)
				inst->youths[k].school_calendar =
				    xstrdup("bergen");
			free(idx[i]);
		}
		free(idx);
	}

	/* Every other key=value that names a switch of the profile. */
	for (const char *p = tc->extra; p && *p;) {
		size_t n;
		char key[64];
		while (*p == ' ')
			p++;
		n = strcspn(p, "=");
		if (n == 0 || n >= sizeof(key))
			break;
		memcpy(key, p, n);
		key[n] = '\0';
		if (fx_get(tc->extra, key, buf, sizeof(buf)) != NULL)
			fx_option(inst, key, buf);
		p += strcspn(p, " ");
	}
	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) !=
	    0) {
		fprintf(stderr, "link: %s: %s\n", field, msg);
		model_instance_free(inst);
		return NULL;
	}
	return inst;
}

#endif /* ROTA_TEST_RULES_FIXTURE_H */
