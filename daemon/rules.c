/* SPDX-License-Identifier: ISC */
/*
 * This file contains the rules engine: it turns a youth's assignments and
 * other_work into shifts with real (UTC) start and end, and evaluates the
 * profile rows of rules_profiles.c and rota's product rules over them.
 * One evaluator serves both the full check (every rule instance) and the
 * solver's rules_may_add() (only the instances a new shift touches).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "civil.h"
#include "model.h"
#include "rules.h"
#include "rules_options.h"
#include "tzmap.h"
#include "xmalloc.h"

#define NO_IDX    ((size_t)-1)
#define DAY       ((int64_t)CIVIL_MIN_PER_DAY)
#define HOUR      ((int64_t)60)
#define TABLE_PAD 200 /* days of calendar kept around the data */

/* One stretch of work: an assignment or a declared other_work span. */
struct shift {
	int64_t ws, we; /* wall */
	int64_t us, ue; /* UTC */
	size_t slot;    /* NO_IDX for other_work */
	size_t home;    /* NO_IDX for other_work */
	int32_t date;   /* local start date */
	int age;        /* on the start date */
	unsigned cat;   /* category bit mask at the start (0: none) */
};

/* A profile row with the switches applied. */
struct eff_row {
	const struct rules_row *row;
	int limit, a, b;
};

enum {
	DF_SCHOOL = 1,      /* a school (lesson) day */
	DF_HOLIDAY = 2,     /* a public holiday */
	DF_LESSON_WEEK = 4, /* its week has a school day */
	DF_RED = 8,         /* a Sunday or public holiday */
};

struct day_info {
	int64_t midnight; /* UTC instant of local 00:00 */
	unsigned flags;
};

struct date_range {
	int32_t from, to;
};

struct period;

struct rules_ctx {
	const struct model_instance *inst;
	const struct tzmap *tz;
	const struct rules_profile *prof;
	struct eff_row *rows;
	size_t nrows;
	int *cat_max;      /* per category entry: effective max_age */
	int week_start;    /* 0 = Monday .. 6 = Sunday */
	int32_t *holidays; /* sorted, when the instance gives them */
	size_t nholidays;
	int32_t dlo, dhi; /* the day table covers [dlo, dhi] */
	struct day_info *days;
	int64_t *slot_us, *slot_ue;
	struct date_range *summers;
	size_t nsummers;
	/* School holidays (A15): the known calendar [klo, khi] (klo > khi
	 * when there is none) and, sorted and merged, its days outside every
	 * term or inside a holiday range. */
	int32_t klo, khi;
	struct date_range *hols;
	size_t nhols;
	/* A4: per youth, the last date of compulsory school status. */
	int32_t *comp_to;
	bool breaks_work; /* A7(a): gaps inside a work day are working time */
	struct period *periods; /* per red day of the table: its period */
};

struct rules_youth_state {
	size_t youth;
	struct shift *sh;
	size_t n, cap;
	struct shift *scratch; /* cap + 1 entries, for rules_may_add */
};

/* Where violations go: a report, or just "found one" (rep == NULL). */
struct sink {
	struct rules_report *rep;
	bool found;
};

/* Slots involved in a violation. */
struct vslots {
	size_t s[RULES_MAX_SLOTS];
	size_t n;     /* listed */
	size_t total; /* assignments involved, listed or not */
};

/* One youth's shifts and the UTC range of rule instances to evaluate. */
struct yview {
	const struct rules_ctx *c;
	const struct model_youth *y;
	size_t yi;
	const struct shift *sh;
	size_t n;
	int64_t maxlen;   /* longest shift, minutes */
	int64_t lo, hi;   /* evaluate instances touching [lo, hi) */
	int32_t dlo, dhi; /* the same range as local dates (clipped) */
	unsigned catmask; /* every category bit the youth has near the data */
	struct sink *k;
	/* Ages near the data: age0 on [ad0, ab), age0 + 1 on [ab, ad1]. */
	int32_t ad0, ab, ad1;
	int age0;
};

/* ------------------------------------------------------------ report -- */

void
rules_report_free(struct rules_report *rep)
{
	if (rep == NULL)
		return;
	free(rep->v);
	memset(rep, 0, sizeof(*rep));
}

size_t
rules_report_count(const struct rules_report *rep, const char *rule_id)
{
	size_t n = 0;

	for (size_t i = 0; i < rep->n; i++)
		if (strcmp(rep->v[i].rule_id, rule_id) == 0)
			n++;
	return n;
}

static void emit(struct sink *k, const char *id, const char *ref, long youth,
    int32_t day, int32_t week, const struct vslots *vs, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

static void
emit(struct sink *k, const char *id, const char *ref, long youth, int32_t day,
    int32_t week, const struct vslots *vs, const char *fmt, ...)
{
	struct rules_violation *v;
	va_list ap;

	k->found = true;
	if (k->rep == NULL)
		return;
	if (k->rep->n == k->rep->cap) {
		k->rep->cap = k->rep->cap ? k->rep->cap * 2 : 16;
		k->rep->v =
		    xreallocarray(k->rep->v, k->rep->cap, sizeof(*k->rep->v));
	}
	v = &k->rep->v[k->rep->n++];
	memset(v, 0, sizeof(*v));
	v->rule_id = id;
	v->reference = ref;
	v->youth_idx = youth;
	v->day = day;
	v->week = week;
	if (vs != NULL) {
		v->nslots = vs->n;
		v->nslots_total = vs->total;
		memcpy(v->slot_idx, vs->s, vs->n * sizeof(vs->s[0]));
	}
	va_start(ap, fmt);
	vsnprintf(v->message, sizeof(v->message), fmt, ap);
	va_end(ap);
}

/* emit(), without evaluating the message arguments when only "found"
 * matters (rules_may_add). */
#define EMIT(k, ...)                                                           \
	do {                                                                   \
		if ((k)->rep == NULL)                                          \
			(k)->found = true;                                     \
		else                                                           \
			emit((k), __VA_ARGS__);                                \
	} while (0)

/* True when the evaluation may stop (bool mode and something found). */
static bool
stop(const struct yview *v)
{
	return v->k->rep == NULL && v->k->found;
}

static void
vs_add(struct vslots *vs, size_t slot)
{
	if (slot == NO_IDX)
		return;
	for (size_t i = 0; i < vs->n; i++)
		if (vs->s[i] == slot)
			return;
	vs->total++;
	if (vs->n < RULES_MAX_SLOTS)
		vs->s[vs->n++] = slot;
}

/* ------------------------------------------------------------ format -- */

struct txt {
	char b[48];
};

static struct txt
dur(int64_t min)
{
	struct txt t;
	int64_t h, m;

	min = min < 0 ? 0 : min;
	h = min / 60;
	m = min % 60;
	if (h == 0)
		snprintf(t.b, sizeof(t.b), "%d min", (int)m);
	else if (m == 0)
		snprintf(t.b, sizeof(t.b), "%d h", (int)h);
	else
		snprintf(t.b, sizeof(t.b), "%d h %d min", (int)h, (int)m);
	return t;
}

static struct txt
day_txt(int32_t d)
{
	struct txt t;
	char buf[CIVIL_DATE_LEN];

	civil_format_date(d, buf);
	snprintf(t.b, sizeof(t.b), "%s %s",
	    civil_weekday_name(civil_weekday(d)), buf);
	return t;
}

static struct txt
wall_txt(int64_t wall)
{
	struct txt t;
	char hm[CIVIL_HM_LEN], d[CIVIL_DATE_LEN];
	int32_t day = civil_wall_date(wall);

	civil_format_hm(civil_wall_minute(wall), hm);
	civil_format_date(day, d);
	snprintf(t.b, sizeof(t.b), "%.3s %s %s",
	    civil_weekday_name(civil_weekday(day)), d, hm);
	return t;
}

static struct txt
hm_txt(int m)
{
	struct txt t;

	civil_format_hm(m % CIVIL_MIN_PER_DAY, t.b);
	return t;
}

/* "Ida (14)": first name and age. */
static struct txt
who(const struct yview *v, int age)
{
	struct txt t;
	size_t n;
	const char *name = model_first_name(v->y->name, &n);
	int len = n > 30 ? 30 : (int)n;

	if (n == 0)
		name = "?", len = 1;
	snprintf(t.b, sizeof(t.b), "%.*s (%d)", len, name, age);
	return t;
}

/* ---------------------------------------------------------- calendar -- */

static bool
public_holiday_raw(const struct rules_ctx *c, int32_t d)
{
	size_t lo = 0, hi = c->nholidays;

	if (!c->inst->public_holidays_set)
		return c->prof->is_public_holiday != NULL &&
		    c->prof->is_public_holiday(d);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->holidays[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nholidays && c->holidays[lo] == d;
}

static bool
school_day_raw(const struct rules_ctx *c, int32_t d)
{
	const struct model_school_calendar *sc = &c->inst->school_calendar;
	bool in_term = false;

	if (civil_weekday(d) >= CIVIL_SAT)
		return false;
	for (size_t i = 0; i < sc->nterms && !in_term; i++)
		in_term = d >= sc->terms[i].from && d <= sc->terms[i].to;
	if (!in_term)
		return false;
	for (size_t i = 0; i < sc->nholidays; i++)
		if (d >= sc->holidays[i].from && d <= sc->holidays[i].to)
			return false;
	return !public_holiday_raw(c, d);
}

static int32_t
week_first(const struct rules_ctx *c, int32_t d)
{
	return d - (civil_weekday(d) - c->week_start + 7) % 7;
}

static struct day_info
day_info_raw(const struct rules_ctx *c, int32_t d)
{
	struct day_info di = {0, 0};
	int32_t wf = week_first(c, d);

	tzmap_to_utc(c->tz, (int64_t)d * DAY, &di.midnight);
	if (school_day_raw(c, d))
		di.flags |= DF_SCHOOL;
	if (public_holiday_raw(c, d))
		di.flags |= DF_HOLIDAY;
	for (int32_t i = wf; i < wf + 7; i++)
		if (school_day_raw(c, i))
			di.flags |= DF_LESSON_WEEK;
	return di;
}

static struct day_info
day_get(const struct rules_ctx *c, int32_t d)
{
	if (d >= c->dlo && d <= c->dhi)
		return c->days[d - c->dlo];
	return day_info_raw(c, d);
}

static int64_t
midnight(const struct rules_ctx *c, int32_t d)
{
	return day_get(c, d).midnight;
}

static bool
is_red(const struct rules_ctx *c, int32_t d)
{
	if (d >= c->dlo && d <= c->dhi && c->days != NULL)
		return c->days[d - c->dlo].flags & DF_RED;
	return civil_weekday(d) == CIVIL_SUN ||
	    (day_get(c, d).flags & DF_HOLIDAY);
}

static bool
us_summer(int32_t d)
{
	int y, m, dd;
	int32_t sep1, labor;

	civil_ymd_from_days(d, &y, &m, &dd);
	sep1 = civil_days_from_ymd(y, 9, 1);
	labor = sep1 + (7 - civil_weekday(sep1)) % 7;
	return d >= civil_days_from_ymd(y, 6, 1) && d <= labor;
}

/* The UTC instant of a wall time, from the day table when the day has
 * no offset change. */
static int64_t
to_utc(const struct rules_ctx *c, int64_t wall)
{
	int32_t d = civil_wall_date(wall);
	int64_t m0, u;

	if (d >= c->dlo && d < c->dhi) {
		m0 = c->days[d - c->dlo].midnight;
		if (c->days[d + 1 - c->dlo].midnight - m0 == DAY)
			return m0 + (wall - (int64_t)d * DAY);
	}
	tzmap_to_utc(c->tz, wall, &u);
	return u;
}

/*
 * Category bit mask of youth yi at an age on date d (0: no category
 * matches).  Compulsory-school status on d comes from comp_to, filled
 * from the profile's source (A4).
 */
static unsigned
cat_of(const struct rules_ctx *c, size_t yi, int age, int32_t d)
{
	bool comp = d <= c->comp_to[yi];

	for (size_t i = 0; i < c->prof->ncats; i++) {
		const struct rules_category *k = &c->prof->cats[i];
		if (age < k->min_age || age > c->cat_max[i])
			continue;
		if (k->school == RULES_SCHOOL_COMPULSORY && !comp)
			continue;
		if (k->school == RULES_SCHOOL_NOT_COMPULSORY && comp)
			continue;
		return 1u << k->bit;
	}
	return 0;
}

/* The youth's age on d, from the view's cache when it covers d. */
static int
vage(const struct yview *v, int32_t d)
{
	if (d >= v->ad0 && d <= v->ad1)
		return d < v->ab ? v->age0 : v->age0 + 1;
	return civil_age_on(v->y->birth_date, d);
}

static unsigned
vcat_on(const struct yview *v, int32_t d)
{
	return cat_of(v->c, v->yi, vage(v, d), d);
}

/* ------------------------------------------------------------ shifts -- */

static bool
touch(const struct yview *v, int64_t a, int64_t b)
{
	return a < v->hi && (b > v->lo || (a == b && a >= v->lo));
}

/* First shift index whose start is >= t. */
static size_t
lower(const struct yview *v, int64_t t)
{
	size_t lo = 0, hi = v->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->sh[mid].us < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int64_t
sat_sub(int64_t a, int64_t b)
{
	return a < INT64_MIN + b ? INT64_MIN : a - b;
}

static int64_t
sat_add(int64_t a, int64_t b)
{
	return a > INT64_MAX - b ? INT64_MAX : a + b;
}

/*
 * Working minutes in [lo, hi), the slots and category bits of the shifts
 * contributing to it.
 */
static int64_t
work_in(const struct yview *v, int64_t lo, int64_t hi, struct vslots *vs,
    unsigned *cats)
{
	int64_t sum = 0;

	for (size_t i = lower(v, sat_sub(lo, v->maxlen));
	     i < v->n && v->sh[i].us < hi; i++) {
		const struct shift *s = &v->sh[i];
		int64_t a = s->us > lo ? s->us : lo;
		int64_t b = s->ue < hi ? s->ue : hi;
		int64_t g = 0;

		/* A7(a): a break (a gap after a shift of the same work day)
		 * counts as working time. */
		if (v->c->breaks_work && i > 0 &&
		    v->sh[i - 1].date == s->date && v->sh[i - 1].ue < s->us) {
			int64_t ga =
			    v->sh[i - 1].ue > lo ? v->sh[i - 1].ue : lo;
			int64_t gb = s->us < hi ? s->us : hi;
			g = gb > ga ? gb - ga : 0;
		}
		if (b <= a && g == 0)
			continue;
		sum += (b > a ? b - a : 0) + g;
		if (vs != NULL)
			vs_add(vs, s->slot);
		if (cats != NULL)
			*cats |= s->cat;
	}
	return sum;
}

/* Wall minutes of [ws, we) inside the daily window [a, b) (may wrap). */
static int64_t
wall_in_window(int64_t ws, int64_t we, int a, int b)
{
	int64_t sum = 0;

	if (we <= ws || a == b)
		return 0;
	for (int64_t d = civil_wall_date(ws) - 1; d <= civil_wall_date(we - 1);
	     d++) {
		int64_t lo = d * DAY + a;
		int64_t hi = a < b ? d * DAY + b : (d + 1) * DAY + b;
		int64_t x = ws > lo ? ws : lo, y = we < hi ? we : hi;
		if (y > x)
			sum += y - x;
	}
	return sum;
}

/* ------------------------------------------------------------- kinds -- */

static bool
row_cond_day(const struct rules_ctx *c, enum rules_cond cond, int32_t d)
{
	struct day_info di = day_get(c, d);
	bool sun = civil_weekday(d) == CIVIL_SUN;

	switch (cond) {
	case RULES_C_ANY:
		return true;
	case RULES_C_SCHOOL_DAY:
		return di.flags & DF_SCHOOL;
	case RULES_C_NONSCHOOL_DAY:
		return !(di.flags & DF_SCHOOL);
	case RULES_C_SUNDAY:
		return sun;
	case RULES_C_NONSCHOOL_NOT_SUN:
		return !(di.flags & DF_SCHOOL) && !sun;
	case RULES_C_LESSON_WEEK:
		return di.flags & DF_LESSON_WEEK;
	case RULES_C_LESSONFREE_WEEK:
		return !(di.flags & DF_LESSON_WEEK);
	case RULES_C_BEFORE_SCHOOL:
		return (di.flags & DF_SCHOOL) &&
		    c->inst->school_calendar.has_school_hours;
	}
	return false;
}

static const char *
day_kind_txt(const struct rules_ctx *c, int32_t d)
{
	struct day_info di = day_get(c, d);

	if (di.flags & DF_SCHOOL)
		return "a school day";
	if (di.flags & DF_HOLIDAY)
		return "a public holiday";
	if (civil_weekday(d) >= CIVIL_SAT)
		return "a weekend day";
	return "a day without lessons";
}

/* Per-shift rules: minimum age, consent, lesson hours, night windows. */
static void
eval_per_shift(const struct yview *v, const struct eff_row *er)
{
	const struct rules_row *r = er->row;
	const struct rules_ctx *c = v->c;
	const struct model_school_calendar *sc = &c->inst->school_calendar;

	for (size_t i = lower(v, sat_sub(v->lo, v->maxlen));
	     i < v->n && v->sh[i].us < v->hi && !stop(v); i++) {
		const struct shift *s = &v->sh[i];
		struct vslots vs = {{0}, 0, 0};
		int64_t m = 0;

		if (s->slot == NO_IDX || !(s->cat & r->cats) ||
		    !touch(v, s->us, s->ue))
			continue;
		vs_add(&vs, s->slot);
		switch (r->kind) {
		case RULES_K_MIN_AGE:
			EMIT(v->k, r->id, r->reference, (long)v->yi, s->date,
			    CIVIL_NO_DATE, &vs, "%s is scheduled on %s; %s %d",
			    who(v, s->age).b, day_txt(s->date).b, r->what,
			    er->limit);
			break;
		case RULES_K_CONSENT:
			if (v->y->guardian_consent != CIVIL_NO_DATE &&
			    s->date >= v->y->guardian_consent)
				break;
			EMIT(v->k, r->id, r->reference, (long)v->yi, s->date,
			    CIVIL_NO_DATE, &vs,
			    "%s is scheduled on %s without %s recorded by "
			    "that date",
			    who(v, s->age).b, day_txt(s->date).b, r->what);
			break;
		case RULES_K_LESSON:
			/* A5: the youth's own lessons, or (US) the
			 * district's session whatever the youth's school. */
			if ((v->y->school == MODEL_SCHOOL_NONE &&
			        !c->prof->district_school_hours) ||
			    !sc->has_school_hours)
				break;
			for (int32_t d = civil_wall_date(s->ws);
			     d <= civil_wall_date(s->we - 1); d++) {
				int64_t a = (int64_t)d * DAY + sc->school_start;
				int64_t b = (int64_t)d * DAY + sc->school_end;
				if (!(day_get(c, d).flags & DF_SCHOOL))
					continue;
				a = a > s->ws ? a : s->ws;
				b = b < s->we ? b : s->we;
				if (b > a)
					m += b - a;
			}
			if (m > 0)
				EMIT(v->k, r->id, r->reference, (long)v->yi,
				    s->date, CIVIL_NO_DATE, &vs,
				    "%s is scheduled %s inside lesson hours "
				    "(%s-%s) on %s; for %s %s",
				    who(v, s->age).b, dur(m).b,
				    hm_txt(sc->school_start).b,
				    hm_txt(sc->school_end).b,
				    day_txt(s->date).b, r->who, r->what);
			break;
		case RULES_K_NIGHT:
			if ((r->season == RULES_SEASON_US_SUMMER &&
			        !us_summer(s->date)) ||
			    (r->season == RULES_SEASON_NOT_US_SUMMER &&
			        us_summer(s->date)))
				break;
			m = wall_in_window(s->ws, s->we, er->a, er->b);
			if (m > 0)
				EMIT(v->k, r->id, r->reference, (long)v->yi,
				    s->date, CIVIL_NO_DATE, &vs,
				    "%s is scheduled from %s to %s, %s of it "
				    "between %s and %s; for %s this is %s",
				    who(v, s->age).b, wall_txt(s->ws).b,
				    hm_txt(civil_wall_minute(s->we)).b,
				    dur(m).b, hm_txt(er->a).b, hm_txt(er->b).b,
				    r->who, r->what);
			break;
		default:
			break;
		}
	}
}

/* Calendar-day caps. */
static void
eval_day_cap(const struct yview *v, const struct eff_row *er)
{
	const struct rules_row *r = er->row;
	const struct rules_ctx *c = v->c;
	int32_t done = INT32_MIN;

	for (size_t i = lower(v, sat_sub(v->lo, v->maxlen));
	     i < v->n && v->sh[i].us < v->hi && !stop(v); i++) {
		const struct shift *s = &v->sh[i];
		int32_t d1 = civil_wall_date(s->we > s->ws ? s->we - 1 : s->ws);

		for (int32_t d = s->date > done + 1 ? s->date : done + 1;
		     d <= d1 && !stop(v); d++) {
			struct vslots vs = {{0}, 0, 0};
			int64_t m0 = midnight(c, d), m1 = midnight(c, d + 1);
			unsigned cats;
			int64_t m;

			done = d;
			if (!row_cond_day(c, r->cond, d))
				continue;
			if (r->cond == RULES_C_BEFORE_SCHOOL) {
				if (v->y->school == MODEL_SCHOOL_NONE)
					continue;
				m1 = to_utc(c,
				    (int64_t)d * DAY +
				        c->inst->school_calendar.school_start);
			}
			if (!touch(v, m0, m1))
				continue;
			cats = vcat_on(v, d);
			m = work_in(v, m0, m1, &vs, &cats);
			if (m <= er->limit || !(cats & r->cats) ||
			    vs.total == 0)
				continue;
			EMIT(v->k, r->id, r->reference, (long)v->yi, d,
			    CIVIL_NO_DATE, &vs,
			    "%s is scheduled %s on %s, %s; the limit for %s "
			    "is %s %s",
			    who(v, civil_age_on(v->y->birth_date, d)).b,
			    dur(m).b, day_txt(d).b, day_kind_txt(c, d), r->who,
			    dur(er->limit).b, r->what);
		}
	}
}

/* Calendar-week caps (ISO week, or the US workweek). */
static void
eval_week_cap(const struct yview *v, const struct eff_row *er)
{
	const struct rules_row *r = er->row;
	const struct rules_ctx *c = v->c;
	int32_t done = INT32_MIN;

	for (size_t i = lower(v, sat_sub(v->lo, v->maxlen));
	     i < v->n && v->sh[i].us < v->hi && !stop(v); i++) {
		const struct shift *s = &v->sh[i];
		int32_t w0 = week_first(c, s->date);
		int32_t w1 = week_first(
		    c, civil_wall_date(s->we > s->ws ? s->we - 1 : s->ws));

		for (int32_t w = w0 > done ? w0 : done + 7; w <= w1 && !stop(v);
		     w += 7) {
			struct vslots vs = {{0}, 0, 0};
			int64_t m0 = midnight(c, w), m1 = midnight(c, w + 7);
			unsigned cats;
			bool lesson;
			int64_t m;

			done = w;
			if (!touch(v, m0, m1))
				continue;
			lesson = day_get(c, w).flags & DF_LESSON_WEEK;
			if ((r->cond == RULES_C_LESSON_WEEK && !lesson) ||
			    (r->cond == RULES_C_LESSONFREE_WEEK && lesson))
				continue;
			/* A3: the week's rules if so on any day of it. */
			cats = vcat_on(v, w) | vcat_on(v, w + 6);
			m = work_in(v, m0, m1, &vs, &cats);
			if (m <= er->limit || !(cats & r->cats) ||
			    vs.total == 0)
				continue;
			EMIT(v->k, r->id, r->reference, (long)v->yi,
			    CIVIL_NO_DATE, w, &vs,
			    "%s is scheduled %s in the week from %s; the "
			    "limit for %s is %s %s",
			    who(v, civil_age_on(v->y->birth_date, w)).b,
			    dur(m).b, day_txt(w).b, r->who, dur(er->limit).b,
			    r->what);
		}
	}
}

/* Rolling caps and rest windows, anchored at every shift start. */
static void
eval_window(const struct yview *v, const struct eff_row *er)
{
	const struct rules_row *r = er->row;
	int64_t w = er->a;

	for (size_t i = lower(v, sat_sub(v->lo, w));
	     i < v->n && v->sh[i].us < v->hi && !stop(v); i++) {
		const struct shift *s = &v->sh[i];
		struct vslots vs = {{0}, 0, 0};
		int64_t t = s->us, end = t + w;

		if (!(s->cat & r->cats) || !touch(v, t, end))
			continue;
		/* The report names a window once, however many shifts
		 * start with it. */
		if (v->k->rep != NULL && i > 0 && v->sh[i - 1].us == t)
			continue;
		if (r->kind == RULES_K_ROLL_CAP) {
			int64_t m = work_in(v, t, end, &vs, NULL);
			if (m <= er->limit || vs.total == 0)
				continue;
			EMIT(v->k, r->id, r->reference, (long)v->yi, s->date,
			    CIVIL_NO_DATE, &vs,
			    "%s is scheduled %s in the %s from %s; the limit "
			    "for %s is %s %s",
			    who(v, s->age).b, dur(m).b, dur(w).b,
			    wall_txt(s->ws).b, r->who, dur(er->limit).b,
			    r->what);
		} else {
			int64_t cover = t, best = 0;
			size_t j = lower(v, sat_sub(t, v->maxlen));

			for (; j < v->n && v->sh[j].us < end; j++) {
				const struct shift *x = &v->sh[j];
				if (x->ue <= t)
					continue;
				if (x->us > cover && x->us - cover > best)
					best = x->us - cover;
				if (x->ue > cover)
					cover = x->ue;
				vs_add(&vs, x->slot);
			}
			if (end - cover > best)
				best = end - cover;
			if (best >= er->limit || vs.total == 0)
				continue;
			EMIT(v->k, r->id, r->reference, (long)v->yi, s->date,
			    CIVIL_NO_DATE, &vs,
			    "%s has at most %s of continuous rest in the %s "
			    "from %s; %s need %s of %s",
			    who(v, s->age).b, dur(best).b, dur(w).b,
			    wall_txt(s->ws).b, r->who, dur(er->limit).b,
			    r->what);
		}
	}
}

/* NO §11-3(2): no work 23:00-06:00 and >= 8 h off around it. */
static void
eval_night_off(const struct yview *v, const struct eff_row *er)
{
	const struct rules_row *r = er->row;

	for (size_t i = lower(v, sat_sub(v->lo, v->maxlen));
	     i < v->n && v->sh[i].us < sat_add(v->hi, er->limit) && !stop(v);
	     i++) {
		const struct shift *s = &v->sh[i];
		const struct shift *e = NULL;
		struct vslots vs = {{0}, 0, 0};
		int64_t m, band0;

		if ((m = wall_in_window(s->ws, s->we, er->a, er->b)) > 0 &&
		    r->kind == RULES_K_NIGHT_GAP)
			continue; /* reported by the band's own row */
		if (s->slot != NO_IDX && (s->cat & r->cats) &&
		    touch(v, s->us, s->ue) && m > 0) {
			vs_add(&vs, s->slot);
			EMIT(v->k, r->id, r->reference, (long)v->yi, s->date,
			    CIVIL_NO_DATE, &vs,
			    "%s is scheduled from %s to %s, %s of it between "
			    "%s and %s; %s must be %s",
			    who(v, s->age).b, wall_txt(s->ws).b,
			    hm_txt(civil_wall_minute(s->we)).b, dur(m).b,
			    hm_txt(er->a).b, hm_txt(er->b).b, r->who, r->what);
			continue;
		}
		if (civil_wall_minute(s->ws) < er->b)
			continue;
		/* Where the band before this shift begins (yesterday for a
		 * band over midnight). */
		band0 = (int64_t)(er->a < er->b ? s->date : s->date - 1) * DAY +
		    er->a;
		/* The latest end among the shifts before this one. */
		for (size_t j = lower(v, sat_sub(s->us, v->maxlen + er->limit));
		     j < i; j++)
			if (e == NULL || v->sh[j].ue > e->ue)
				e = &v->sh[j];
		if (e == NULL || e->ue <= s->us - er->limit || e->we > band0 ||
		    !((s->cat | e->cat) & r->cats) ||
		    !(touch(v, s->us, s->ue) || touch(v, e->us, e->ue)))
			continue;
		vs_add(&vs, e->slot);
		vs_add(&vs, s->slot);
		if (vs.total == 0)
			continue;
		EMIT(v->k, r->id, r->reference, (long)v->yi, s->date,
		    CIVIL_NO_DATE, &vs,
		    "%s is off only %s between %s and %s; %s must be off at "
		    "least %s in one block including %s-%s",
		    who(v, s->age).b, dur(s->us - e->ue).b, wall_txt(e->we).b,
		    wall_txt(s->ws).b, r->who, dur(er->limit).b,
		    hm_txt(er->a).b, hm_txt(er->b).b);
	}
}

/* Break rules, per work day (shifts grouped by start date). */
static void
eval_break(const struct yview *v, const struct eff_row *er)
{
	const struct rules_row *r = er->row;
	size_t i = lower(v, sat_sub(v->lo, v->maxlen));

	while (i > 0 && v->sh[i - 1].date == v->sh[i < v->n ? i : i - 1].date)
		i--;
	while (i < v->n && !stop(v)) {
		size_t j = i;
		int64_t total = 0, maxgap = 0, sumgap = 0, cover;
		struct vslots vs = {{0}, 0, 0};
		unsigned cats = 0;
		bool touched = false;
		int32_t d = v->sh[i].date;

		if (v->sh[i].us >= v->hi)
			break;
		cover = v->sh[i].us;
		for (; j < v->n && v->sh[j].date == d; j++) {
			const struct shift *s = &v->sh[j];
			if (s->us > cover) {
				int64_t g = s->us - cover;
				sumgap += g;
				maxgap = g > maxgap ? g : maxgap;
			}
			if (s->ue > cover) {
				total +=
				    s->ue - (s->us > cover ? s->us : cover);
				cover = s->ue;
			}
			cats |= s->cat;
			touched = touched || touch(v, s->us, s->ue);
			vs_add(&vs, s->slot);
		}
		i = j;
		if (!touched || !(cats & r->cats) || vs.total == 0)
			continue;
		if (r->kind == RULES_K_BREAK_ONE && total > er->a &&
		    maxgap < er->limit)
			EMIT(v->k, r->id, r->reference, (long)v->yi, d,
			    CIVIL_NO_DATE, &vs,
			    "%s works %s on %s with a longest break of %s; "
			    "above %s %s need %s %s",
			    who(v, civil_age_on(v->y->birth_date, d)).b,
			    dur(total).b, day_txt(d).b, dur(maxgap).b,
			    dur(er->a).b, r->who, r->what, dur(er->limit).b);
		if (r->kind == RULES_K_BREAK_TOTAL && total >= er->a &&
		    sumgap < er->limit)
			EMIT(v->k, r->id, r->reference, (long)v->yi, d,
			    CIVIL_NO_DATE, &vs,
			    "%s works %s on %s with breaks totalling %s; from "
			    "%s %s need %s %s",
			    who(v, civil_age_on(v->y->birth_date, d)).b,
			    dur(total).b, day_txt(d).b, dur(sumgap).b,
			    dur(er->a).b, r->who, r->what, dur(er->limit).b);
	}
}

/* NO §10-10(1) Sunday/holiday periods. */
struct period {
	int32_t d1, dk; /* first and last red day */
	int64_t ws, we; /* wall [ws, we) */
	int64_t us, ue; /* UTC */
};

static void
period_block_raw(const struct rules_ctx *c, int32_t red, struct period *p)
{
	int y, m, d, start = 18 * 60;
	int32_t e;

	p->d1 = p->dk = red;
	while (is_red(c, p->d1 - 1))
		p->d1--;
	while (is_red(c, p->dk + 1))
		p->dk++;
	civil_ymd_from_days(p->d1, &y, &m, &d);
	e = civil_easter(y);
	if ((m == 12 && d == 25) || p->d1 == e || p->d1 == e + 49)
		start = 15 * 60; /* Christmas Eve, Easter/Whitsun Saturday */
	else if (m == 5 && (d == 1 || d == 17) &&
	    civil_weekday(p->d1) != CIVIL_SUN)
		start = 22 * 60; /* the day before is a working day */
	p->ws = (int64_t)(p->d1 - 1) * DAY + start;
	p->we = (int64_t)p->dk * DAY + 22 * 60;
	p->us = to_utc(c, p->ws);
	p->ue = to_utc(c, p->we);
}

/* The period of a red day: from the table when it holds it. */
static void
period_block(const struct rules_ctx *c, int32_t red, struct period *p)
{
	if (c->periods != NULL && red >= c->dlo && red <= c->dhi &&
	    (c->days[red - c->dlo].flags & DF_RED)) {
		*p = c->periods[red - c->dlo];
		return;
	}
	period_block_raw(c, red, p);
}

/* The block of the first red day at or after d. */
static void
period_next(const struct rules_ctx *c, int32_t d, struct period *p)
{
	while (!is_red(c, d))
		d++;
	period_block(c, d, p);
}

static void
period_prev(const struct rules_ctx *c, const struct period *q, struct period *p)
{
	int32_t d = q->d1 - 1;

	while (!is_red(c, d))
		d--;
	period_block(c, d, p);
}

static int64_t
period_work(const struct yview *v, const struct period *p, struct vslots *vs,
    unsigned *cats)
{
	return work_in(v, p->us, p->ue, vs, cats);
}

static void
eval_sunday(const struct yview *v, const struct eff_row *er)
{
	const struct rules_row *r = er->row;
	const struct rules_ctx *c = v->c;
	struct period p, q;
	int32_t span = r->kind == RULES_K_SUNDAY_AVERAGING ? 182 : 0;

	if (v->n == 0)
		return;
	for (period_next(c, v->dlo - 1 - span, &p);
	     p.d1 - 1 <= v->dhi + 8 && !stop(v); period_next(c, p.dk + 1, &p)) {
		struct vslots vs = {{0}, 0, 0};
		unsigned cats = 0;
		int64_t m = period_work(v, &p, &vs, &cats);
		char d1[CIVIL_DATE_LEN];

		if (m == 0 || !(cats & r->cats))
			continue;
		civil_format_date(p.d1, d1);
		if (r->kind == RULES_K_SUNDAY_WORK) {
			if (touch(v, p.us, p.ue) && vs.total > 0)
				EMIT(v->k, r->id, r->reference, (long)v->yi,
				    p.d1, CIVIL_NO_DATE, &vs,
				    "%s is scheduled %s in the Sunday/holiday "
				    "period of %s; this is %s",
				    who(v, civil_age_on(v->y->birth_date, p.d1))
				        .b,
				    dur(m).b, d1, r->what);
		} else if (r->kind == RULES_K_SUNDAY_ROTATION) {
			period_prev(c, &p, &q);
			if (!(touch(v, p.us, p.ue) || touch(v, q.us, q.ue)) ||
			    period_work(v, &q, &vs, NULL) == 0 || vs.total == 0)
				continue;
			EMIT(v->k, r->id, r->reference, (long)v->yi, p.d1,
			    CIVIL_NO_DATE, &vs,
			    "%s works in the Sunday/holiday period of %s and "
			    "in the one before it (%s); after Sunday or "
			    "holiday work the next such period must be off",
			    who(v, civil_age_on(v->y->birth_date, p.d1)).b, d1,
			    day_txt(q.d1).b);
		} else {
			/* Averaging: at most half the periods in the 26
			 * weeks from a worked one, and a Sunday off at
			 * least every 4th week. */
			int32_t n = 0, worked = 0, sun = CIVIL_NO_DATE;
			struct period x;
			bool all = true;

			if (touch(v, p.us, midnight(c, p.d1 + 182))) {
				for (x = p; x.d1 < p.d1 + 182;
				     period_next(c, x.dk + 1, &x)) {
					n++;
					if (period_work(v, &x, &vs, NULL) > 0)
						worked++;
				}
				if (worked * 2 > n && vs.total > 0) {
					EMIT(v->k, r->id, r->reference,
					    (long)v->yi, p.d1, CIVIL_NO_DATE,
					    &vs,
					    "%s works %d of the %d "
					    "Sunday/holiday periods in the 26 "
					    "weeks from %s; an averaging "
					    "agreement allows at most half",
					    who(v,
					        civil_age_on(
					            v->y->birth_date, p.d1))
					        .b,
					    (int)worked, (int)n, d1);
					continue;
				}
			}
			for (int32_t d = p.d1; d <= p.dk; d++)
				if (civil_weekday(d) == CIVIL_SUN)
					sun = d;
			if (sun == CIVIL_NO_DATE)
				continue;
			x = p;
			for (int w = 1; w < 4 && all; w++) {
				period_block(c, sun + 7 * w, &x);
				all = period_work(v, &x, &vs, NULL) > 0;
			}
			if (all && vs.total > 0 && touch(v, p.us, x.ue))
				EMIT(v->k, r->id, r->reference, (long)v->yi,
				    p.d1, CIVIL_NO_DATE, &vs,
				    "%s works four Sundays in a row from %s; "
				    "an averaging agreement needs a Sunday "
				    "off at least every 4th week",
				    who(v, civil_age_on(v->y->birth_date, p.d1))
				        .b,
				    d1);
		}
	}
}

/* Consecutive work-free days in each summer holiday. */
static void
eval_summer(const struct yview *v, const struct eff_row *er)
{
	const struct rules_row *r = er->row;
	const struct rules_ctx *c = v->c;

	if (v->y->school == MODEL_SCHOOL_NONE)
		return;
	for (size_t h = 0; h < c->nsummers && !stop(v); h++) {
		const struct date_range *hd = &c->summers[h];
		int64_t m0 = midnight(c, hd->from),
		        m1 = midnight(c, hd->to + 1);
		int32_t prev = hd->from - 1, best = 0;
		struct vslots vs = {{0}, 0, 0};
		unsigned cats = vcat_on(v, hd->from);

		if (!touch(v, m0, m1) || work_in(v, m0, m1, &vs, &cats) == 0 ||
		    !(cats & r->cats) || vs.total == 0)
			continue;
		for (size_t i = lower(v, sat_sub(m0, v->maxlen));
		     i < v->n && v->sh[i].us < m1; i++) {
			const struct shift *s = &v->sh[i];
			int32_t a = civil_wall_date(s->ws);
			int32_t b =
			    civil_wall_date(s->we > s->ws ? s->we - 1 : s->ws);
			if (b < hd->from)
				continue;
			a = a < hd->from ? hd->from : a;
			b = b > hd->to ? hd->to : b;
			if (a - prev - 1 > best)
				best = a - prev - 1;
			if (b > prev)
				prev = b;
		}
		if (hd->to - prev > best)
			best = hd->to - prev;
		if (best >= er->limit)
			continue;
		EMIT(v->k, r->id, r->reference, (long)v->yi, hd->from,
		    CIVIL_NO_DATE, &vs,
		    "%s has at most %d consecutive work-free days in the "
		    "summer holiday from %s; %s need %d %s",
		    who(v, civil_age_on(v->y->birth_date, hd->from)).b,
		    (int)best, day_txt(hd->from).b, r->who, er->limit, r->what);
	}
}

/* Index of the first school-holiday range that ends on or after d. */
static size_t
hol_from(const struct rules_ctx *c, int32_t d)
{
	size_t lo = 0, hi = c->nhols;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->hols[mid].to < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
is_school_holiday(const struct rules_ctx *c, int32_t d)
{
	size_t h = hol_from(c, d);

	return h < c->nhols && c->hols[h].from <= d;
}

/*
 * NO §11-5(4), A15: in calendar year yr, the work-free school-holiday days
 * plus the days outside the known calendar (which may be free holiday
 * days; A14: no work is assumed beyond the data) must reach the limit.
 */
static void
eval_holiday_year(const struct yview *v, const struct eff_row *er, int yr)
{
	const struct rules_row *r = er->row;
	const struct rules_ctx *c = v->c;
	int32_t j1 = civil_days_from_ymd(yr, 1, 1);
	int32_t j2 = civil_days_from_ymd(yr + 1, 1, 1) - 1;
	int32_t known = 0, unknown, worked = 0, prev = j1 - 1;
	struct vslots vs = {{0}, 0, 0};
	char more[64] = "";
	unsigned cats = 0;

	if (c->klo > c->khi)
		return;
	unknown = (c->klo > j1 ? (c->klo <= j2 ? c->klo : j2 + 1) - j1 : 0) +
	    (c->khi < j2 ? j2 - (c->khi >= j1 ? c->khi : j1 - 1) : 0);
	if (unknown >= er->limit)
		return;
	for (size_t h = hol_from(c, j1); h < c->nhols && c->hols[h].from <= j2;
	     h++) {
		int32_t a = c->hols[h].from > j1 ? c->hols[h].from : j1;
		int32_t b = c->hols[h].to < j2 ? c->hols[h].to : j2;
		int64_t m1 = midnight(c, b + 1);

		known += b - a + 1;
		for (size_t i = lower(v, sat_sub(midnight(c, a), v->maxlen));
		     i < v->n && v->sh[i].us < m1; i++) {
			const struct shift *s = &v->sh[i];
			int32_t sa = civil_wall_date(s->ws);
			int32_t sb =
			    civil_wall_date(s->we > s->ws ? s->we - 1 : s->ws);
			if (sb < a || sa > b)
				continue;
			sa = sa < a ? a : sa;
			sb = sb > b ? b : sb;
			if (sa <= prev)
				sa = prev + 1;
			if (sb >= sa) {
				worked += sb - sa + 1;
				prev = sb;
			}
			cats |= s->cat;
			vs_add(&vs, s->slot);
		}
	}
	if (known - worked + unknown >= er->limit || !(cats & r->cats) ||
	    vs.total == 0)
		return;
	if (v->k->rep == NULL) {
		v->k->found = true;
		return;
	}
	if (unknown > 0)
		snprintf(more, sizeof(more),
		    " (and %d days outside the known school calendar)",
		    (int)unknown);
	emit(v->k, r->id, r->reference, (long)v->yi, j1, CIVIL_NO_DATE, &vs,
	    "%s works on %d of the %d school-holiday days of %d, leaving %d "
	    "work-free%s; %s need %d %s",
	    who(v, civil_age_on(v->y->birth_date, j1)).b, (int)worked,
	    (int)known, yr, (int)(known - worked), more, r->who, er->limit,
	    r->what);
}

/*
 * UK CYPA s.18(1)(j): in calendar year yr, some school holiday must hold
 * a run of `limit` consecutive work-free days (any holiday of the year,
 * not only the summer).  Days of yr outside the known calendar may hold
 * such a run (A14: no work is assumed beyond the data), so a year with
 * that many unknown days passes.
 */
static void
eval_holiday_run_year(const struct yview *v, const struct eff_row *er, int yr)
{
	const struct rules_row *r = er->row;
	const struct rules_ctx *c = v->c;
	int32_t j1 = civil_days_from_ymd(yr, 1, 1);
	int32_t j2 = civil_days_from_ymd(yr + 1, 1, 1) - 1;
	int32_t unknown, best = 0;
	struct vslots vs = {{0}, 0, 0};
	unsigned cats = 0;

	if (c->klo > c->khi)
		return;
	unknown = (c->klo > j1 ? (c->klo <= j2 ? c->klo : j2 + 1) - j1 : 0) +
	    (c->khi < j2 ? j2 - (c->khi >= j1 ? c->khi : j1 - 1) : 0);
	if (unknown >= er->limit)
		return;
	for (size_t h = hol_from(c, j1); h < c->nhols && c->hols[h].from <= j2;
	     h++) {
		int32_t a = c->hols[h].from > j1 ? c->hols[h].from : j1;
		int32_t b = c->hols[h].to < j2 ? c->hols[h].to : j2;
		int32_t prev = a - 1;

		for (size_t i = lower(v, sat_sub(midnight(c, a), v->maxlen));
		     i < v->n && v->sh[i].us < midnight(c, b + 1); i++) {
			const struct shift *s = &v->sh[i];
			int32_t sa = civil_wall_date(s->ws);
			int32_t sb =
			    civil_wall_date(s->we > s->ws ? s->we - 1 : s->ws);

			if (sb < a || sa > b)
				continue;
			sa = sa < a ? a : sa;
			sb = sb > b ? b : sb;
			if (sa - prev - 1 > best)
				best = sa - prev - 1;
			if (sb > prev)
				prev = sb;
			cats |= s->cat;
			vs_add(&vs, s->slot);
		}
		if (b - prev > best)
			best = b - prev;
		if (best >= er->limit)
			return;
	}
	if (!(cats & r->cats) || vs.total == 0)
		return;
	if (v->k->rep == NULL) {
		v->k->found = true;
		return;
	}
	emit(v->k, r->id, r->reference, (long)v->yi, j1, CIVIL_NO_DATE, &vs,
	    "%s has at most %d consecutive work-free days in any school "
	    "holiday of %d; %s need %d %s",
	    who(v, civil_age_on(v->y->birth_date, j1)).b, (int)best, yr, r->who,
	    er->limit, r->what);
}

/* Each calendar year in which a shift to evaluate covers a school-holiday
 * day. */
static void
eval_holiday(const struct yview *v, const struct eff_row *er)
{
	const struct rules_ctx *c = v->c;
	int done = INT32_MIN;

	if (v->y->school == MODEL_SCHOOL_NONE || c->nhols == 0)
		return;
	for (size_t i = lower(v, sat_sub(v->lo, v->maxlen));
	     i < v->n && v->sh[i].us < v->hi && !stop(v); i++) {
		const struct shift *s = &v->sh[i];
		int32_t d1 = civil_wall_date(s->we > s->ws ? s->we - 1 : s->ws);

		if (!touch(v, s->us, s->ue))
			continue;
		for (int32_t d = civil_wall_date(s->ws); d <= d1 && !stop(v);
		     d++) {
			int yr, m, dd;
			if (!is_school_holiday(c, d))
				continue;
			civil_ymd_from_days(d, &yr, &m, &dd);
			if (yr <= done)
				continue;
			done = yr;
			if (er->row->kind == RULES_K_HOLIDAY_RUN)
				eval_holiday_run_year(v, er, yr);
			else
				eval_holiday_year(v, er, yr);
		}
	}
}

/* ----------------------------------------------------- product rules -- */

/* Is [a, b) (minutes of day on weekday wd) inside the youth's windows? */
static bool
covered(const struct model_youth *y, int wd, int a, int b)
{
	bool progress = true;

	while (a < b && progress) {
		progress = false;
		for (size_t i = 0; i < y->navailability; i++) {
			const struct model_weekly_window *w =
			    &y->availability[i];
			if ((w->days & MODEL_DAY_BIT(wd)) && w->from <= a &&
			    w->to > a) {
				a = w->to;
				progress = true;
			}
		}
	}
	return a >= b;
}

static bool
available(const struct model_youth *y, int64_t ws, int64_t we)
{
	for (int32_t d = civil_wall_date(ws); (int64_t)d * DAY < we; d++) {
		int64_t lo = ws > (int64_t)d * DAY ? ws : (int64_t)d * DAY;
		int64_t hi =
		    we < (int64_t)(d + 1) * DAY ? we : (int64_t)(d + 1) * DAY;
		if (!covered(y, civil_weekday(d), (int)(lo - (int64_t)d * DAY),
		        (int)(hi - (int64_t)d * DAY)))
			return false;
	}
	return true;
}

static void
eval_product_shift(const struct yview *v, const struct shift *s)
{
	const struct model_instance *inst = v->c->inst;
	const struct model_youth *y = v->y;
	const struct model_slot *sl = &inst->slots[s->slot];
	struct vslots vs = {{0}, 0, 0};
	char from[CIVIL_DATETIME_LEN];

	vs_add(&vs, s->slot);
	if (!available(y, s->ws, s->we))
		EMIT(v->k, "ROTA-availability", "docs/product.md", (long)v->yi,
		    s->date, CIVIL_NO_DATE, &vs,
		    "%s is scheduled from %s to %s, outside the weekly "
		    "availability",
		    who(v, s->age).b, wall_txt(s->ws).b,
		    hm_txt(civil_wall_minute(s->we)).b);
	for (size_t i = 0; i < y->nunavailable && !stop(v); i++) {
		const struct model_span *u = &y->unavailable[i];
		if (u->start < s->we && u->end > s->ws) {
			civil_format_datetime(u->start, from);
			EMIT(v->k, "ROTA-unavailable", "docs/product.md",
			    (long)v->yi, s->date, CIVIL_NO_DATE, &vs,
			    "%s is scheduled from %s, during the "
			    "unavailable time from %s",
			    who(v, s->age).b, wall_txt(s->ws).b, from);
			break;
		}
	}
	if (sl->min_age > 0 && s->age < sl->min_age)
		EMIT(v->k, "ROTA-min-age", "docs/product.md", (long)v->yi,
		    s->date, CIVIL_NO_DATE, &vs,
		    "%s is scheduled on %s for a visit with a minimum age of "
		    "%d",
		    who(v, s->age).b, day_txt(s->date).b, sl->min_age);
	if (y->homes_limited) {
		bool ok = false;
		for (size_t i = 0; i < y->nhomes && !ok; i++)
			ok = y->homes_idx != NULL &&
			    y->homes_idx[i] == sl->home_idx;
		if (!ok)
			EMIT(v->k, "ROTA-allowed-homes", "docs/product.md",
			    (long)v->yi, s->date, CIVIL_NO_DATE, &vs,
			    "%s is scheduled on %s at %s, which is not one "
			    "of the homes they may visit",
			    who(v, s->age).b, day_txt(s->date).b,
			    inst->homes[sl->home_idx].name);
	}
}

/*
 * ROTA-overlap for the full check, grouped: one violation per youth and
 * local day for overlapping shifts and one for shifts too close for the
 * travel between two homes.  A pair of shifts (s, t), s before t in
 * start order, belongs to t's start date, and is exactly a pair that
 * rules_may_add()'s pairwise test finds.  A group counts its pairs (the
 * change gate compares it) and names its shifts: each t and, for each t,
 * one earlier shift it overlaps (the one ending last) or is too close to
 * (the last to end at another home).
 *
 * The work is O(n log n) whatever the number of pairs: the shifts are
 * swept in start order, and the earlier shifts ending after t's start
 * (or within the travel time before it) are counted with Fenwick trees
 * over their ends.
 */
struct ogroup {
	int32_t day; /* CIVIL_NO_DATE: empty */
	struct vslots vs;
	size_t nshifts;      /* shifts named, listed or not */
	size_t pairs;        /* pairs of shifts */
	size_t first, other; /* the first pair named: s and t (or NO_IDX) */
	bool other_work;     /* other_work among the shifts */
	size_t serial;       /* marks its shifts in mark[] */
};

static void
og_flush(const struct yview *v, struct ogroup *g, bool travel)
{
	const struct shift *t;
	int64_t tm = v->c->inst->travel_minutes;

	if (g->day == CIVIL_NO_DATE)
		return;
	if (g->first == NO_IDX) /* no witness (cannot happen) */
		g->first = g->other;
	t = &v->sh[g->other];
	if (g->pairs == 1 && g->nshifts == 2) {
		const struct shift *s = &v->sh[g->first];
		if (travel)
			emit(v->k, "ROTA-overlap", "docs/product.md",
			    (long)v->yi, g->day, CIVIL_NO_DATE, &g->vs,
			    "%s has only %s between shifts at two homes "
			    "(from %s and from %s); travel needs %s",
			    who(v, t->age).b, dur(t->us - s->ue).b,
			    wall_txt(s->ws).b, wall_txt(t->ws).b, dur(tm).b);
		else
			emit(v->k, "ROTA-overlap", "docs/product.md",
			    (long)v->yi, g->day, CIVIL_NO_DATE, &g->vs,
			    "%s has overlapping shifts from %s and from %s%s",
			    who(v, t->age).b, wall_txt(s->ws).b,
			    wall_txt(t->ws).b,
			    g->other_work ? " (other work)" : "");
	} else if (travel) {
		const struct shift *s = &v->sh[g->first];
		emit(v->k, "ROTA-overlap", "docs/product.md", (long)v->yi,
		    g->day, CIVIL_NO_DATE, &g->vs,
		    "%s has %zu pairs of shifts at two homes on %s with less "
		    "than the %s of travel between them, the first only %s "
		    "apart (from %s and from %s)",
		    who(v, t->age).b, g->pairs, day_txt(g->day).b, dur(tm).b,
		    dur(t->us - s->ue).b, wall_txt(s->ws).b, wall_txt(t->ws).b);
	} else {
		const struct shift *s = &v->sh[g->first];
		emit(v->k, "ROTA-overlap", "docs/product.md", (long)v->yi,
		    g->day, CIVIL_NO_DATE, &g->vs,
		    "%s has %zu pairs of overlapping shifts on %s, the first "
		    "from %s and from %s%s",
		    who(v, t->age).b, g->pairs, day_txt(g->day).b,
		    wall_txt(s->ws).b, wall_txt(t->ws).b,
		    g->other_work ? " (other work among them)" : "");
	}
	v->k->rep->v[v->k->rep->n - 1].pairs = g->pairs;
	g->day = CIVIL_NO_DATE;
}

/* Shift i (or NO_IDX) is named in group g (once). */
static void
og_join(const struct yview *v, struct ogroup *g, size_t *mark, size_t i)
{
	const struct shift *s;

	if (i == NO_IDX || mark[i] == g->serial)
		return;
	s = &v->sh[i];
	mark[i] = g->serial;
	g->nshifts++;
	if (s->slot == NO_IDX)
		g->other_work = true;
	else
		vs_add(&g->vs, s->slot);
}

/* Shift t makes `pairs` pairs, one of them with w (or NO_IDX). */
static void
og_add(const struct yview *v, struct ogroup *g, size_t *mark, size_t w,
    size_t t, size_t pairs, bool travel)
{
	const struct shift *ts = &v->sh[t];

	if (g->day != ts->date) {
		og_flush(v, g, travel);
		memset(&g->vs, 0, sizeof(g->vs));
		g->day = ts->date;
		g->nshifts = g->pairs = 0;
		g->first = w;
		g->other = t;
		g->other_work = false;
		g->serial++;
	}
	g->pairs += pairs;
	og_join(v, g, mark, w);
	og_join(v, g, mark, t);
}

/* A Fenwick tree counting shifts by the rank of their end. */
struct ftree {
	size_t *t, n;
};

static void
ft_add(struct ftree *f, size_t rank)
{
	for (size_t i = rank + 1; i <= f->n; i += i & (~i + 1))
		f->t[i - 1]++;
}

/* Shifts added with rank < rank. */
static size_t
ft_sum(const struct ftree *f, size_t rank)
{
	size_t s = 0;

	for (size_t i = rank; i > 0; i -= i & (~i + 1))
		s += f->t[i - 1];
	return s;
}

/* A shift's sort key for the end orders: (home or 0, end). */
struct end_ref {
	size_t home;
	int64_t ue;
	size_t i;
};

static int
cmp_end_ref(const void *a, const void *b)
{
	const struct end_ref *x = a, *y = b;

	if (x->home != y->home)
		return x->home < y->home ? -1 : 1;
	if (x->ue != y->ue)
		return x->ue < y->ue ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* First index of r[0, n) with (home, ue) > (home, t). */
static size_t
end_upper(const struct end_ref *r, size_t n, size_t home, int64_t t)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r[mid].home < home ||
		    (r[mid].home == home && r[mid].ue <= t))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The three end orders: every shift, assignments, assignments by home. */
enum { O_ALL, O_ASG, O_HOME, O_N };

static void
overlap_sweep(const struct yview *v)
{
	const int64_t travel = v->c->inst->travel_minutes;
	const size_t n = v->n;
	struct end_ref *ord[O_N];
	struct ftree ft[O_N];
	size_t *rank[O_N], cnt[O_N] = {0}, *mark;
	size_t done[2] = {0, 0};           /* shifts swept: all, assignments */
	size_t any = NO_IDX, asg = NO_IDX; /* earlier shift ending last */
	size_t best1 = NO_IDX, best2 = NO_IDX, e = 0; /* travel witnesses */
	struct ogroup og, tg;

	for (int o = 0; o < O_N; o++) {
		ord[o] = xcalloc(n + 1, sizeof(*ord[o]));
		rank[o] = xcalloc(n + 1, sizeof(*rank[o]));
		ft[o].t = xcalloc(n + 1, sizeof(*ft[o].t));
		for (size_t i = 0; i < n; i++) {
			if (o != O_ALL && v->sh[i].slot == NO_IDX)
				continue;
			ord[o][cnt[o]].home = o == O_HOME ? v->sh[i].home : 0;
			ord[o][cnt[o]].ue = v->sh[i].ue;
			ord[o][cnt[o]++].i = i;
		}
		qsort(ord[o], cnt[o], sizeof(*ord[o]), cmp_end_ref);
		for (size_t r = 0; r < cnt[o]; r++)
			rank[o][ord[o][r].i] = r;
		ft[o].n = cnt[o];
	}
	mark = xcalloc(2 * n + 1, sizeof(*mark));
	memset(&og, 0, sizeof(og));
	memset(&tg, 0, sizeof(tg));
	og.day = tg.day = CIVIL_NO_DATE;
	for (size_t j = 0; j < n; j++) {
		const struct shift *t = &v->sh[j];
		bool slot = t->slot != NO_IDX;
		/* Earlier shifts (assignments when t is other_work) ending
		 * after t's start: t overlaps each. */
		int o = slot ? O_ALL : O_ASG;
		size_t pairs = done[slot ? 0 : 1] -
		    ft_sum(&ft[o], end_upper(ord[o], cnt[o], 0, t->us));
		size_t w = slot ? any : asg;

		if (pairs > 0)
			og_add(v, &og, mark,
			    w != NO_IDX && v->sh[w].ue > t->us ? w : NO_IDX, j,
			    pairs, false);
		if (slot && travel > 0) {
			int64_t lo = sat_sub(t->us, travel);
			/* Earlier assignments ending in (lo, t->us], less
			 * those at t's home. */
			pairs =
			    ft_sum(&ft[O_ASG],
			        end_upper(ord[O_ASG], cnt[O_ASG], 0, t->us)) -
			    ft_sum(&ft[O_ASG],
			        end_upper(ord[O_ASG], cnt[O_ASG], 0, lo));
			pairs -= ft_sum(&ft[O_HOME],
			             end_upper(ord[O_HOME], cnt[O_HOME],
			                 t->home, t->us)) -
			    ft_sum(&ft[O_HOME],
			        end_upper(
			            ord[O_HOME], cnt[O_HOME], t->home, lo));
			/* The last two assignments to end by t's start at
			 * two homes. */
			for (; e < cnt[O_ASG] && ord[O_ASG][e].ue <= t->us;
			     e++) {
				size_t x = ord[O_ASG][e].i;
				if (best1 != NO_IDX &&
				    v->sh[best1].home != v->sh[x].home)
					best2 = best1;
				best1 = x;
			}
			w = best1 != NO_IDX && v->sh[best1].home != t->home
			    ? best1
			    : best2;
			if (w != NO_IDX && v->sh[w].ue <= lo)
				w = NO_IDX;
			if (pairs > 0)
				og_add(v, &tg, mark + n, w, j, pairs, true);
		}
		/* t is now an earlier shift. */
		for (int k = 0; k < O_N; k++)
			if (k == O_ALL || slot)
				ft_add(&ft[k], rank[k][j]);
		done[0]++;
		if (slot)
			done[1]++;
		if (any == NO_IDX || t->ue > v->sh[any].ue)
			any = j;
		if (slot && (asg == NO_IDX || t->ue > v->sh[asg].ue))
			asg = j;
	}
	og_flush(v, &og, false);
	og_flush(v, &tg, true);
	for (int o = 0; o < O_N; o++) {
		free(ord[o]);
		free(rank[o]);
		free(ft[o].t);
	}
	free(mark);
}

static void
eval_product(const struct yview *v)
{
	const struct rules_ctx *c = v->c;
	int64_t travel = c->inst->travel_minutes;
	int32_t done = INT32_MIN;

	if (v->k->rep != NULL && v->lo == INT64_MIN && v->hi == INT64_MAX) {
		/* The full check: grouped, in O(n log n). */
		for (size_t i = 0; i < v->n; i++)
			if (v->sh[i].slot != NO_IDX)
				eval_product_shift(v, &v->sh[i]);
		overlap_sweep(v);
		goto week;
	}
	for (size_t i = lower(v, sat_sub(v->lo, v->maxlen + travel));
	     i < v->n && v->sh[i].us < v->hi && !stop(v); i++) {
		const struct shift *s = &v->sh[i];

		if (s->slot != NO_IDX && touch(v, s->us, s->ue))
			eval_product_shift(v, s);
		for (size_t j = i + 1; j < v->n && !stop(v); j++) {
			const struct shift *t = &v->sh[j];
			struct vslots vs = {{0}, 0, 0};
			bool both = s->slot != NO_IDX && t->slot != NO_IDX;
			bool far = both && s->home != t->home;

			if (t->us >= s->ue + (far ? travel : 0)) {
				if (t->us >= s->ue + travel)
					break;
				continue;
			}
			if ((s->slot == NO_IDX && t->slot == NO_IDX) ||
			    !(touch(v, s->us, s->ue) || touch(v, t->us, t->ue)))
				continue;
			vs_add(&vs, s->slot);
			vs_add(&vs, t->slot);
			if (t->us < s->ue)
				EMIT(v->k, "ROTA-overlap", "docs/product.md",
				    (long)v->yi, t->date, CIVIL_NO_DATE, &vs,
				    "%s has overlapping shifts from %s and "
				    "from %s%s",
				    who(v, t->age).b, wall_txt(s->ws).b,
				    wall_txt(t->ws).b,
				    both ? "" : " (other work)");
			else
				EMIT(v->k, "ROTA-overlap", "docs/product.md",
				    (long)v->yi, t->date, CIVIL_NO_DATE, &vs,
				    "%s has only %s between shifts at two "
				    "homes (from %s and from %s); travel "
				    "needs %s",
				    who(v, t->age).b, dur(t->us - s->ue).b,
				    wall_txt(s->ws).b, wall_txt(t->ws).b,
				    dur(travel).b);
		}
	}
week:
	if (v->y->max_week_minutes < 0)
		return;
	for (size_t i = lower(v, sat_sub(v->lo, v->maxlen));
	     i < v->n && v->sh[i].us < v->hi && !stop(v); i++) {
		const struct shift *s = &v->sh[i];
		int32_t w1 = civil_week_monday(
		    civil_wall_date(s->we > s->ws ? s->we - 1 : s->ws));

		for (int32_t w = civil_week_monday(s->date); w <= w1; w += 7) {
			struct vslots vs = {{0}, 0, 0};
			int64_t m0, m1, m;

			if (w <= done)
				continue;
			done = w;
			m0 = midnight(c, w);
			m1 = midnight(c, w + 7);
			if (!touch(v, m0, m1))
				continue;
			m = work_in(v, m0, m1, &vs, NULL);
			if (m > v->y->max_week_minutes && vs.total > 0)
				EMIT(v->k, "ROTA-max-week-hours",
				    "docs/product.md", (long)v->yi,
				    CIVIL_NO_DATE, w, &vs,
				    "%s is scheduled %s in the week from %s; "
				    "their own limit is %s a week",
				    who(v, civil_age_on(v->y->birth_date, w)).b,
				    dur(m).b, day_txt(w).b,
				    dur(v->y->max_week_minutes).b);
		}
	}
}

/* --------------------------------------------------------- evaluator -- */

static void
eval_youth(const struct rules_ctx *c, size_t yi, const struct shift *sh,
    size_t n, int64_t lo, int64_t hi, struct sink *k)
{
	struct yview v;
	int a0, a1;
	int32_t d0, d1;

	memset(&v, 0, sizeof(v));
	v.c = c;
	v.yi = yi;
	v.y = &c->inst->youths[yi];
	v.sh = sh;
	v.n = n;
	v.lo = lo;
	v.hi = hi;
	v.k = k;
	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (sh[i].ue - sh[i].us > v.maxlen)
			v.maxlen = sh[i].ue - sh[i].us;
	/* Offsets are less than a day: the UTC date +-2 is conservative. */
	v.dlo = lo == INT64_MIN ? sh[0].date : civil_wall_date(lo) - 2;
	v.dhi = hi == INT64_MAX ? civil_wall_date(sh[n - 1].we) + 1
	                        : civil_wall_date(hi) + 2;
	if (v.dlo < sh[0].date - 2)
		v.dlo = sh[0].date - 2;
	v.ad0 = (lo == INT64_MIN ? sh[0].date : v.dlo) - 8;
	v.ad1 = civil_wall_date(sh[n - 1].we) + 8;
	if (hi != INT64_MAX && v.dhi + 8 < v.ad1)
		v.ad1 = v.dhi + 8;
	if (v.ad1 < v.ad0)
		v.ad1 = v.ad0;
	a0 = civil_age_on(v.y->birth_date, v.ad0);
	a1 = civil_age_on(v.y->birth_date, v.ad1);
	v.age0 = a0;
	v.ab = v.ad1 + 1;
	if (a1 == a0 + 1) {
		/* The birthday inside: first day of the higher age. */
		int32_t l = v.ad0 + 1, h = v.ad1;
		while (l < h) {
			int32_t mid = l + (h - l) / 2;
			if (civil_age_on(v.y->birth_date, mid) > a0)
				h = mid;
			else
				l = mid + 1;
		}
		v.ab = l;
	} else if (a1 != a0) {
		v.ad1 = v.ad0 - 1; /* no cache */
	}
	/* Every (age, status) pair near the data: compulsory status only
	 * ends (A4), so the ends of the range give both statuses. */
	d0 = sh[0].date - 8;
	d1 = civil_wall_date(sh[n - 1].we) + 8;
	a0 = vage(&v, d0);
	a1 = vage(&v, d1);
	for (int a = a0; a <= a1; a++) {
		v.catmask |= cat_of(c, yi, a, d0);
		if ((d0 <= c->comp_to[yi]) != (d1 <= c->comp_to[yi]))
			v.catmask |= cat_of(c, yi, a, d1);
	}

	eval_product(&v);
	for (size_t i = 0; i < c->nrows && !stop(&v); i++) {
		const struct eff_row *er = &c->rows[i];

		/* The summer rule also takes the category on the holiday's
		 * first day, which may lie outside the range of catmask. */
		if (!(er->row->cats & v.catmask) &&
		    er->row->kind != RULES_K_SUMMER_FREE)
			continue;
		switch (er->row->kind) {
		case RULES_K_MIN_AGE:
		case RULES_K_CONSENT:
		case RULES_K_LESSON:
		case RULES_K_NIGHT:
			eval_per_shift(&v, er);
			break;
		case RULES_K_DAY_CAP:
			eval_day_cap(&v, er);
			break;
		case RULES_K_WEEK_CAP:
			eval_week_cap(&v, er);
			break;
		case RULES_K_ROLL_CAP:
		case RULES_K_REST:
			eval_window(&v, er);
			break;
		case RULES_K_NIGHT_OFF:
		case RULES_K_NIGHT_GAP:
			eval_night_off(&v, er);
			break;
		case RULES_K_BREAK_ONE:
		case RULES_K_BREAK_TOTAL:
			eval_break(&v, er);
			break;
		case RULES_K_SUNDAY_WORK:
		case RULES_K_SUNDAY_ROTATION:
		case RULES_K_SUNDAY_AVERAGING:
			eval_sunday(&v, er);
			break;
		case RULES_K_SUMMER_FREE:
			eval_summer(&v, er);
			break;
		case RULES_K_HOLIDAY_FREE:
		case RULES_K_HOLIDAY_RUN:
			eval_holiday(&v, er);
			break;
		}
	}
}

/* ----------------------------------------------------------- context -- */

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

static int
cmp_range(const void *a, const void *b)
{
	return cmp_i32(&((const struct date_range *)a)->from,
	    &((const struct date_range *)b)->from);
}

/*
 * The school-holiday days of the calendar (A15): inside the known span
 * (the first to the last date of any term or holiday range), the days
 * outside every term and the days of the holiday ranges, merged.  terms
 * is sorted by start.
 */
static void
school_holidays(
    struct rules_ctx *c, const struct date_range *terms, size_t nterms)
{
	const struct model_school_calendar *sc = &c->inst->school_calendar;
	struct date_range *r;
	size_t n = 0;
	int32_t cover;

	c->klo = INT32_MAX;
	c->khi = INT32_MIN;
	for (size_t i = 0; i < nterms; i++) {
		c->klo = terms[i].from < c->klo ? terms[i].from : c->klo;
		c->khi = terms[i].to > c->khi ? terms[i].to : c->khi;
	}
	for (size_t i = 0; i < sc->nholidays; i++) {
		c->klo = sc->holidays[i].from < c->klo ? sc->holidays[i].from
		                                       : c->klo;
		c->khi =
		    sc->holidays[i].to > c->khi ? sc->holidays[i].to : c->khi;
	}
	r = xcalloc(nterms + sc->nholidays + 1, sizeof(*r));
	/* The gaps between the (overlapping or not) terms. */
	cover = c->klo;
	for (size_t i = 0; i < nterms; i++) {
		if (terms[i].from > cover) {
			r[n].from = cover;
			r[n++].to = terms[i].from - 1;
		}
		if (terms[i].to >= cover)
			cover = terms[i].to == INT32_MAX ? INT32_MAX
			                                 : terms[i].to + 1;
	}
	if (c->klo <= c->khi && cover <= c->khi) {
		r[n].from = cover;
		r[n++].to = c->khi;
	}
	for (size_t i = 0; i < sc->nholidays; i++)
		r[n++] = (struct date_range){
		    sc->holidays[i].from, sc->holidays[i].to};
	qsort(r, n, sizeof(*r), cmp_range);
	c->nhols = 0;
	for (size_t i = 0; i < n; i++) {
		struct date_range *last = c->nhols ? &r[c->nhols - 1] : NULL;
		if (last != NULL && r[i].from <= last->to + 1) {
			if (r[i].to > last->to)
				last->to = r[i].to;
		} else {
			r[c->nhols++] = r[i];
		}
	}
	c->hols = r;
}

static bool
parse_window(const char *s, int *a, int *b)
{
	char buf[6];

	if (s == NULL || strlen(s) != 11 || s[5] != '-')
		return false;
	memcpy(buf, s, 5);
	buf[5] = '\0';
	return civil_parse_hm(buf, false, a) == 0 &&
	    civil_parse_hm(s + 6, false, b) == 0;
}

static int
wall_to_utc(const struct rules_ctx *c, int64_t wall, int64_t *utc,
    const char *what, const char *id, char *err, size_t errlen)
{
	char buf[CIVIL_DATETIME_LEN];

	if (tzmap_to_utc(c->tz, wall, utc) != TZMAP_GAP)
		return 0;
	civil_format_datetime(wall, buf);
	snprintf(err, errlen,
	    "%s %s: %s does not exist in %s (daylight-saving gap)", what,
	    id ? id : "", buf, c->tz->name ? c->tz->name : "the time zone");
	return -1;
}

struct rules_ctx *
rules_ctx_new(const struct model_instance *inst, const struct tzmap *tz,
    char *err, size_t errlen)
{
	struct rules_ctx *c;
	const struct model_school_calendar *sc = &inst->school_calendar;
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	struct date_range *terms;

	if (rules_profile_find(inst->jurisdiction) == NULL) {
		snprintf(err, errlen, "unknown jurisdiction '%s'",
		    inst->jurisdiction ? inst->jurisdiction : "");
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->inst = inst;
	c->tz = tz;
	c->prof = rules_profile_find(inst->jurisdiction);

	c->cat_max = xcalloc(c->prof->ncats, sizeof(*c->cat_max));
	for (size_t i = 0; i < c->prof->ncats; i++) {
		const struct rules_category *k = &c->prof->cats[i];
		c->cat_max[i] = k->max_age_opt
		    ? (int)rules_option_int(inst, k->max_age_opt) - 1
		    : k->max_age;
	}
	c->rows = xcalloc(c->prof->nrows, sizeof(*c->rows));
	for (size_t i = 0; i < c->prof->nrows; i++) {
		const struct rules_row *r = &c->prof->rows[i];
		struct eff_row *er = &c->rows[c->nrows];

		if (r->when_on && !rules_option_bool(inst, r->when_on))
			continue;
		if ((r->unless_on[0] &&
		        rules_option_bool(inst, r->unless_on[0])) ||
		    (r->unless_on[1] &&
		        rules_option_bool(inst, r->unless_on[1])))
			continue;
		er->row = r;
		er->limit = r->limit_opt
		    ? (int)rules_option_int(inst, r->limit_opt) * r->limit_scale
		    : r->limit;
		er->a = r->a;
		er->b = r->b;
		if (r->window_opt &&
		    !parse_window(rules_option_string(inst, r->window_opt),
		        &er->a, &er->b)) {
			snprintf(
			    err, errlen, "bad value of '%s'", r->window_opt);
			rules_ctx_free(c);
			return NULL;
		}
		c->nrows++;
	}
	if (rules_option_find(
	        inst->jurisdiction, "break_counts_as_working_time") != NULL)
		c->breaks_work =
		    rules_option_bool(inst, "break_counts_as_working_time");
	if (c->prof->us_workweek) {
		const char *ws = rules_option_string(inst, "week_start");
		for (int d = 0; d < 7; d++)
			if (strcasecmp(ws, civil_weekday_key(d)) == 0)
				c->week_start = d;
	}
	if (inst->public_holidays_set && inst->npublic_holidays > 0) {
		c->nholidays = inst->npublic_holidays;
		c->holidays = xcalloc(c->nholidays, sizeof(*c->holidays));
		memcpy(c->holidays, inst->public_holidays,
		    c->nholidays * sizeof(*c->holidays));
		qsort(c->holidays, c->nholidays, sizeof(*c->holidays), cmp_i32);
	}

	c->slot_us = xcalloc(inst->nslots + 1, sizeof(*c->slot_us));
	c->slot_ue = xcalloc(inst->nslots + 1, sizeof(*c->slot_ue));
	for (size_t i = 0; i < inst->nslots; i++) {
		const struct model_slot *s = &inst->slots[i];
		if (wall_to_utc(c, s->start, &c->slot_us[i], "slot", s->id, err,
		        errlen) < 0 ||
		    wall_to_utc(c, s->end, &c->slot_ue[i], "slot", s->id, err,
		        errlen) < 0) {
			rules_ctx_free(c);
			return NULL;
		}
		lo = civil_wall_date(s->start) < lo ? civil_wall_date(s->start)
		                                    : lo;
		hi =
		    civil_wall_date(s->end) > hi ? civil_wall_date(s->end) : hi;
	}
	for (size_t i = 0; i < inst->nyouths; i++) {
		const struct model_youth *y = &inst->youths[i];
		for (size_t j = 0; j < y->nother_work; j++) {
			int64_t u;
			if (wall_to_utc(c, y->other_work[j].start, &u,
			        "other_work of youth", y->id, err,
			        errlen) < 0 ||
			    wall_to_utc(c, y->other_work[j].end, &u,
			        "other_work of youth", y->id, err,
			        errlen) < 0) {
				rules_ctx_free(c);
				return NULL;
			}
		}
	}

	/* Summer holidays: the gap between two terms that holds 1 July. */
	terms = xcalloc(sc->nterms + 1, sizeof(*terms));
	for (size_t i = 0; i < sc->nterms; i++) {
		terms[i].from = sc->terms[i].from;
		terms[i].to = sc->terms[i].to;
	}
	qsort(terms, sc->nterms, sizeof(*terms), cmp_range);
	c->summers = xcalloc(sc->nterms + 1, sizeof(*c->summers));
	for (size_t i = 0; i + 1 < sc->nterms; i++) {
		int32_t a = terms[i].to + 1, b = terms[i + 1].from - 1;
		int y, m, d;
		if (b < a)
			continue;
		civil_ymd_from_days(b, &y, &m, &d);
		if (civil_days_from_ymd(y, 7, 1) >= a &&
		    civil_days_from_ymd(y, 7, 1) <= b) {
			c->summers[c->nsummers].from = a;
			c->summers[c->nsummers++].to = b;
		}
	}
	school_holidays(c, terms, sc->nterms);
	free(terms);

	/* A4: compulsory-school status per youth, from the profile's source. */
	c->comp_to = xcalloc(inst->nyouths + 1, sizeof(*c->comp_to));
	for (size_t i = 0; i < inst->nyouths; i++) {
		const struct model_youth *y = &inst->youths[i];
		switch (c->prof->compulsory) {
		case RULES_COMPULSORY_STORED:
			c->comp_to[i] = y->school == MODEL_SCHOOL_COMPULSORY
			    ? INT32_MAX
			    : INT32_MIN;
			break;
		case RULES_COMPULSORY_LEAVING_DATE:
			c->comp_to[i] = rules_leaving_date(
			    &c->prof->leaving, y->birth_date);
			break;
		}
	}

	/* The day table around the data. */
	if (lo > hi)
		lo = hi = 0;
	c->dlo = lo - TABLE_PAD;
	c->dhi = hi + TABLE_PAD;
	c->days = xcalloc((size_t)(c->dhi - c->dlo + 1), sizeof(*c->days));
	for (int32_t d = c->dlo; d <= c->dhi; d++) {
		struct day_info *di = &c->days[d - c->dlo];
		tzmap_to_utc(tz, (int64_t)d * DAY, &di->midnight);
		if (school_day_raw(c, d))
			di->flags |= DF_SCHOOL;
		if (public_holiday_raw(c, d))
			di->flags |= DF_HOLIDAY;
	}
	for (int32_t d = c->dlo; d <= c->dhi; d++) {
		int32_t wf = week_first(c, d);
		for (int32_t i = wf; i < wf + 7; i++)
			if (i >= c->dlo && i <= c->dhi
			        ? (c->days[i - c->dlo].flags & DF_SCHOOL)
			        : school_day_raw(c, i))
				c->days[d - c->dlo].flags |= DF_LESSON_WEEK;
	}
	for (int32_t d = c->dlo; d <= c->dhi; d++)
		if (civil_weekday(d) == CIVIL_SUN ||
		    (c->days[d - c->dlo].flags & DF_HOLIDAY))
			c->days[d - c->dlo].flags |= DF_RED;
	if (c->prof->sunday_periods) {
		c->periods =
		    xcalloc((size_t)(c->dhi - c->dlo + 1), sizeof(*c->periods));
		for (int32_t d = c->dlo; d <= c->dhi; d++)
			if (c->days[d - c->dlo].flags & DF_RED)
				period_block_raw(c, d, &c->periods[d - c->dlo]);
	}
	return c;
}

void
rules_ctx_free(struct rules_ctx *c)
{
	if (c == NULL)
		return;
	free(c->rows);
	free(c->cat_max);
	free(c->holidays);
	free(c->days);
	free(c->slot_us);
	free(c->slot_ue);
	free(c->summers);
	free(c->hols);
	free(c->comp_to);
	free(c->periods);
	free(c);
}

/* ------------------------------------------------------- youth state -- */

static void
shift_of_slot(const struct rules_ctx *c, const struct model_youth *y,
    size_t slot, struct shift *s)
{
	const struct model_slot *sl = &c->inst->slots[slot];

	s->ws = sl->start;
	s->we = sl->end;
	s->us = c->slot_us[slot];
	s->ue = c->slot_ue[slot];
	s->slot = slot;
	s->home = sl->home_idx;
	s->date = civil_wall_date(sl->start);
	s->age = civil_age_on(y->birth_date, s->date);
	s->cat = cat_of(c, (size_t)(y - c->inst->youths), s->age, s->date);
}

static bool
shift_before(const struct shift *a, const struct shift *b)
{
	if (a->us != b->us)
		return a->us < b->us;
	return a->ue < b->ue;
}

/* Inserts s into st->sh (sorted) after growing it as needed. */
static void
state_insert(struct rules_youth_state *st, const struct shift *s)
{
	size_t i;

	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		st->sh = xreallocarray(st->sh, st->cap, sizeof(*st->sh));
		free(st->scratch);
		st->scratch =
		    xreallocarray(NULL, st->cap + 1, sizeof(*st->scratch));
	}
	for (i = st->n; i > 0 && shift_before(s, &st->sh[i - 1]); i--)
		st->sh[i] = st->sh[i - 1];
	st->sh[i] = *s;
	st->n++;
}

static bool
state_has(const struct rules_youth_state *st, size_t slot)
{
	for (size_t i = 0; i < st->n; i++)
		if (st->sh[i].slot == slot)
			return true;
	return false;
}

struct rules_youth_state *
rules_youth_state_new_empty(const struct rules_ctx *c, size_t yi)
{
	struct rules_youth_state *st = xcalloc(1, sizeof(*st));
	const struct model_youth *y = &c->inst->youths[yi];

	st->youth = yi;
	st->scratch = xreallocarray(NULL, 1, sizeof(*st->scratch));
	for (size_t i = 0; i < y->nother_work; i++) {
		struct shift s;
		s.ws = y->other_work[i].start;
		s.we = y->other_work[i].end;
		tzmap_to_utc(c->tz, s.ws, &s.us);
		tzmap_to_utc(c->tz, s.we, &s.ue);
		s.slot = s.home = NO_IDX;
		s.date = civil_wall_date(s.ws);
		s.age = civil_age_on(y->birth_date, s.date);
		s.cat = cat_of(c, yi, s.age, s.date);
		state_insert(st, &s);
	}
	return st;
}

struct rules_youth_state *
rules_youth_state_new(const struct rules_ctx *c, size_t yi)
{
	struct rules_youth_state *st = rules_youth_state_new_empty(c, yi);
	const struct model_instance *inst = c->inst;

	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status == MODEL_ASSIGNMENT_ACTIVE && a->youth_idx == yi)
			rules_youth_state_add(c, st, a->slot_idx);
	}
	return st;
}

void
rules_youth_state_free(struct rules_youth_state *st)
{
	if (st == NULL)
		return;
	free(st->sh);
	free(st->scratch);
	free(st);
}

size_t
rules_youth_state_count(const struct rules_youth_state *st)
{
	return st->n;
}

int
rules_youth_state_add(
    const struct rules_ctx *c, struct rules_youth_state *st, size_t slot)
{
	struct shift s;

	if (slot >= c->inst->nslots || state_has(st, slot))
		return -1;
	shift_of_slot(c, &c->inst->youths[st->youth], slot, &s);
	state_insert(st, &s);
	return 0;
}

int
rules_youth_state_remove(struct rules_youth_state *st, size_t slot)
{
	for (size_t i = 0; i < st->n; i++) {
		if (st->sh[i].slot != slot)
			continue;
		memmove(&st->sh[i], &st->sh[i + 1],
		    (st->n - i - 1) * sizeof(st->sh[0]));
		st->n--;
		return 0;
	}
	return -1;
}

bool
rules_may_add(
    const struct rules_ctx *c, const struct rules_youth_state *st, size_t slot)
{
	struct shift s, *sh = st->scratch;
	struct sink k = {NULL, false};
	size_t i, j = 0, at;
	int64_t lo, hi;

	if (slot >= c->inst->nslots || state_has(st, slot))
		return false;
	shift_of_slot(c, &c->inst->youths[st->youth], slot, &s);
	for (i = 0; i < st->n && !shift_before(&s, &st->sh[i]); i++)
		sh[j++] = st->sh[i];
	at = j;
	sh[j++] = s;
	for (; i < st->n; i++)
		sh[j++] = st->sh[i];
	lo = s.us;
	hi = s.ue > s.us ? s.ue : s.us + 1;
	if (c->breaks_work) {
		/* The breaks next to the new shift change too. */
		if (at > 0 && sh[at - 1].date == s.date && sh[at - 1].ue < lo)
			lo = sh[at - 1].ue;
		if (at + 1 < j && sh[at + 1].date == s.date &&
		    sh[at + 1].us > hi)
			hi = sh[at + 1].us;
	}
	eval_youth(c, st->youth, sh, j, lo, hi, &k);
	return !k.found;
}

/*
 * May the youth give up slot_idx?  The break rules are not monotone: a
 * gap between an early visit and later ones is a break, so taking the
 * early one away can leave a work day above the limit without one
 * (06:00-08:00 + 10:00-12:30 + 12:30-15:00 is legal, the last two alone
 * are not).  Every other rule only eases with fewer shifts.  So the
 * question is the work day of the slot (shifts starting on its date),
 * evaluated without it.  From a state with no violation for the youth,
 * true exactly when the full check without that assignment reports none
 * for the youth.  No allocation.
 */
bool
rules_may_remove(
    const struct rules_ctx *c, const struct rules_youth_state *st, size_t slot)
{
	struct shift *sh = st->scratch;
	struct sink k = {NULL, false};
	size_t j = 0;
	int32_t date = CIVIL_NO_DATE;
	int64_t lo = INT64_MAX, hi = INT64_MIN;

	for (size_t i = 0; i < st->n; i++) {
		if (st->sh[i].slot == slot && slot != NO_IDX)
			date = st->sh[i].date;
		else
			sh[j++] = st->sh[i];
	}
	if (date == CIVIL_NO_DATE)
		return false; /* not in the state */
	for (size_t i = 0; i < j; i++) {
		if (sh[i].date != date)
			continue;
		lo = sh[i].us < lo ? sh[i].us : lo;
		hi = sh[i].ue > hi ? sh[i].ue : hi;
		hi = sh[i].us + 1 > hi ? sh[i].us + 1 : hi;
	}
	if (lo == INT64_MAX)
		return true; /* nothing left that day */
	eval_youth(c, st->youth, sh, j, lo, hi, &k);
	return !k.found;
}

/*
 * Does the youth's whole state break a per-youth rule?  The same rules
 * as the full check of the youth (rules_check_youth() without the
 * slot-level ones), in bool mode, without allocating.
 */
bool
rules_youth_state_ok(
    const struct rules_ctx *c, const struct rules_youth_state *st)
{
	struct sink k = {NULL, false};

	eval_youth(c, st->youth, st->sh, st->n, INT64_MIN, INT64_MAX, &k);
	return !k.found;
}

/* The violations of the youth's whole state, appended to out (as the
 * full check reports them for the youth, slot-level rules aside). */
void
rules_youth_state_report(const struct rules_ctx *c,
    const struct rules_youth_state *st, struct rules_report *out)
{
	struct sink k = {out, false};

	eval_youth(c, st->youth, st->sh, st->n, INT64_MIN, INT64_MAX, &k);
}

/* ------------------------------------------------------- full checks -- */

/* Slot-level rules: ROTA-overfilled and ROTA-requires. */
static void
check_slot(const struct rules_ctx *c, size_t si, const size_t *ai, size_t n,
    struct sink *k)
{
	const struct model_instance *inst = c->inst;
	const struct model_slot *sl = &inst->slots[si];
	struct vslots vs = {{0}, 0, 0};
	char when[CIVIL_DATETIME_LEN];

	if (n == 0)
		return;
	vs_add(&vs, si);
	civil_format_datetime(sl->start, when);
	if ((long)n > sl->needed)
		emit(k, "ROTA-overfilled", "docs/product.md", -1,
		    civil_wall_date(sl->start), CIVIL_NO_DATE, &vs,
		    "the visit at %s on %s has %zu youths assigned but needs "
		    "%d",
		    inst->homes[sl->home_idx].name, when, n, sl->needed);
	for (size_t r = 0; r < sl->nrequires; r++) {
		const struct model_requirement *q = &sl->requires[r];
		int have = 0;
		for (size_t i = 0; i < n; i++) {
			const struct model_youth *y =
			    &inst->youths[inst->assignments[ai[i]].youth_idx];
			bool dup = false;
			for (size_t j = 0; j < i && !dup; j++)
				dup = inst->assignments[ai[j]].youth_idx ==
				    inst->assignments[ai[i]].youth_idx;
			for (size_t s = 0; s < y->nskills && !dup; s++)
				if (strcmp(y->skills[s], q->skill) == 0) {
					have++;
					break;
				}
		}
		if (have < q->count)
			emit(k, "ROTA-requires", "docs/product.md", -1,
			    civil_wall_date(sl->start), CIVIL_NO_DATE, &vs,
			    "the visit at %s on %s has %d youth%s with the "
			    "skill '%s' but needs %d",
			    inst->homes[sl->home_idx].name, when, have,
			    have == 1 ? "" : "s", q->skill, q->count);
	}
}

/* A slot of a youth's full check, in the order it is swept. */
struct slot_ref {
	int64_t us, ue;
	const char *id;
	size_t slot;
};

/* Start, end, then id: the same order whatever the arrays' order. */
static int
cmp_slot_ref(const void *a, const void *b)
{
	const struct slot_ref *x = a, *y = b;
	int c;

	if (x->us != y->us)
		return x->us < y->us ? -1 : 1;
	if (x->ue != y->ue)
		return x->ue < y->ue ? -1 : 1;
	if ((c = strcmp(x->id, y->id)) != 0)
		return c;
	return (x->slot > y->slot) - (x->slot < y->slot);
}

/*
 * Full check of one youth given its active assignment indexes.  The
 * shifts go into the state in sweep order (so each insertion is at the
 * end), identical ones by slot id: an exported and re-imported schedule,
 * whatever order its arrays come in, gives the same report.
 */
static void
check_youth(
    const struct rules_ctx *c, size_t yi, size_t *ai, size_t n, struct sink *k)
{
	const struct model_instance *inst = c->inst;
	struct rules_youth_state *st = rules_youth_state_new_empty(c, yi);
	struct slot_ref *slots = xcalloc(n + 1, sizeof(*slots));

	for (size_t i = 0; i < n; i++) {
		size_t si = inst->assignments[ai[i]].slot_idx;
		slots[i].us = c->slot_us[si];
		slots[i].ue = c->slot_ue[si];
		slots[i].id = inst->slots[si].id ? inst->slots[si].id : "";
		slots[i].slot = si;
	}
	qsort(slots, n, sizeof(*slots), cmp_slot_ref);
	for (size_t i = 0; i < n; i++) {
		struct shift sh;

		if (i > 0 && slots[i].slot == slots[i - 1].slot) {
			struct vslots vs = {{0}, 0, 0};
			const struct model_slot *sl =
			    &inst->slots[slots[i].slot];
			int age = civil_age_on(inst->youths[yi].birth_date,
			    civil_wall_date(sl->start));
			struct yview v;
			memset(&v, 0, sizeof(v));
			v.y = &inst->youths[yi];
			vs_add(&vs, slots[i].slot);
			emit(k, "ROTA-duplicate", "docs/product.md", (long)yi,
			    civil_wall_date(sl->start), CIVIL_NO_DATE, &vs,
			    "%s is assigned twice to the visit %s",
			    who(&v, age).b, sl->id);
			continue;
		}
		/* rules_youth_state_add() without its linear look-up: the
		 * duplicates are gone. */
		shift_of_slot(c, &inst->youths[yi], slots[i].slot, &sh);
		state_insert(st, &sh);
	}
	eval_youth(c, yi, st->sh, st->n, INT64_MIN, INT64_MAX, k);
	free(slots);
	rules_youth_state_free(st);
}

/*
 * Groups the active assignments by youth and by slot (counting sort) and
 * checks the youths in `only` (all when NO_IDX).
 */
static int
check(const struct model_instance *inst, const struct tzmap *tz, size_t only,
    struct rules_report *out)
{
	char err[256];
	struct rules_ctx *c = rules_ctx_new(inst, tz, err, sizeof(err));
	size_t na = inst->nassignments, *by_y, *by_s, *ystart, *sstart;
	struct sink k = {out, false};
	bool *on_slot;

	if (c == NULL)
		return -1;
	by_y = xcalloc(na + 1, sizeof(*by_y));
	by_s = xcalloc(na + 1, sizeof(*by_s));
	ystart = xcalloc(inst->nyouths + 2, sizeof(*ystart));
	sstart = xcalloc(inst->nslots + 2, sizeof(*sstart));
	on_slot = xcalloc(inst->nslots + 1, sizeof(*on_slot));
	for (size_t i = 0; i < na; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		ystart[a->youth_idx + 2]++;
		sstart[a->slot_idx + 2]++;
	}
	for (size_t i = 2; i < inst->nyouths + 2; i++)
		ystart[i] += ystart[i - 1];
	for (size_t i = 2; i < inst->nslots + 2; i++)
		sstart[i] += sstart[i - 1];
	for (size_t i = 0; i < na; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		by_y[ystart[a->youth_idx + 1]++] = i;
		by_s[sstart[a->slot_idx + 1]++] = i;
		if (a->youth_idx == only)
			on_slot[a->slot_idx] = true;
	}
	for (size_t y = 0; y < inst->nyouths; y++)
		if (only == NO_IDX || only == y)
			check_youth(c, y, by_y + ystart[y],
			    ystart[y + 1] - ystart[y], &k);
	for (size_t s = 0; s < inst->nslots; s++)
		if (only == NO_IDX || on_slot[s])
			check_slot(c, s, by_s + sstart[s],
			    sstart[s + 1] - sstart[s], &k);
	free(by_y);
	free(by_s);
	free(ystart);
	free(sstart);
	free(on_slot);
	rules_ctx_free(c);
	return 0;
}

int
rules_check_instance(const struct model_instance *inst, const struct tzmap *tz,
    struct rules_report *out)
{
	return check(inst, tz, NO_IDX, out);
}

int
rules_check_youth(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth_idx, struct rules_report *out)
{
	if (youth_idx >= inst->nyouths)
		return -1;
	return check(inst, tz, youth_idx, out);
}

/* ------------------------------------------------------ limits panel -- */

size_t
rules_caps_on(const struct rules_ctx *c, const struct rules_youth_state *st,
    int32_t day, struct rules_cap *out, size_t max)
{
	const struct model_youth *y = &c->inst->youths[st->youth];
	int32_t w = week_first(c, day);
	struct yview v;
	size_t n = 0;

	/* A view of the whole state, without the age cache (ad1 < ad0). */
	memset(&v, 0, sizeof(v));
	v.c = c;
	v.yi = st->youth;
	v.y = y;
	v.sh = st->sh;
	v.n = st->n;
	v.ad1 = v.ad0 - 1;
	for (size_t i = 0; i < st->n; i++)
		if (st->sh[i].ue - st->sh[i].us > v.maxlen)
			v.maxlen = st->sh[i].ue - st->sh[i].us;
	for (size_t i = 0; i < c->nrows; i++) {
		const struct eff_row *er = &c->rows[i];
		const struct rules_row *r = er->row;
		int32_t p;
		int64_t m0, m1;
		unsigned cats;
		int64_t m;

		if (r->kind == RULES_K_DAY_CAP) {
			p = day;
			if (!row_cond_day(c, r->cond, day))
				continue;
			m0 = midnight(c, day);
			m1 = midnight(c, day + 1);
			if (r->cond == RULES_C_BEFORE_SCHOOL) {
				if (y->school == MODEL_SCHOOL_NONE)
					continue;
				m1 = to_utc(c,
				    (int64_t)day * DAY +
				        c->inst->school_calendar.school_start);
			}
			cats = vcat_on(&v, day);
		} else if (r->kind == RULES_K_WEEK_CAP) {
			bool lesson = day_get(c, w).flags & DF_LESSON_WEEK;
			p = w;
			if ((r->cond == RULES_C_LESSON_WEEK && !lesson) ||
			    (r->cond == RULES_C_LESSONFREE_WEEK && lesson))
				continue;
			m0 = midnight(c, w);
			m1 = midnight(c, w + 7);
			cats = vcat_on(&v, w) | vcat_on(&v, w + 6);
		} else {
			continue;
		}
		m = work_in(&v, m0, m1, NULL, &cats);
		if (!(cats & r->cats))
			continue;
		if (n < max) {
			out[n].row = r;
			out[n].limit = er->limit;
			out[n].week = r->kind == RULES_K_WEEK_CAP;
			out[n].period = p;
			out[n].minutes = m;
		}
		n++;
	}
	return n;
}
