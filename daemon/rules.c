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
#include "i18n.h"
#include "model.h"
#include "rules.h"
#include "rules_options.h"
#include "textfmt.h"
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

/*
 * One school calendar's tables (per youth: issue 15): its summer holidays,
 * its school holidays (A15: the known calendar [klo, khi], klo > khi when
 * there is none, and, sorted and merged, its days outside every term or
 * inside a holiday range) and, per day of the context's day table, its
 * DF_SCHOOL and DF_LESSON_WEEK flags (CF_HAVE: filled, in a lazy context).
 */
struct cal_info {
	const struct model_school_calendar *sc;
	struct date_range *summers;
	size_t nsummers;
	int32_t klo, khi;
	struct date_range *hols;
	size_t nhols;
	unsigned char *flags;
};

#define CF_HAVE 0x80

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
	int64_t *slot_us, *slot_ue; /* NULL in a lazy context */
	/* Per calendar index (model_calendar_at): its tables. */
	struct cal_info *cals;
	size_t ncals;
	/* A4: per youth, the last date of compulsory school status (NULL
	 * in a lazy context: computed when asked). */
	int32_t *comp_to;
	bool breaks_work; /* A7(a): gaps inside a work day are working time */
	struct period *periods; /* per red day of the table: its period */
	/*
	 * A lazy context (rules_check_touched()) computes slot instants when
	 * asked and fills its day table and periods on first use, marking
	 * them in day_have and period_have.  It is private to one call, so
	 * filling a table behind a const pointer is safe there; the
	 * solver's context is filled whole by rules_ctx_new() and only read.
	 */
	bool lazy;
	unsigned char *day_have, *period_have;
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
	const struct cal_info *cal; /* the youth's school calendar */
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

/*
 * The pieces of a message, in the calling thread's language (textfmt.h):
 * "2,5 t" / "2.5 h", "mandag 14. desember" / "Monday 14 December",
 * "mandag 14. desember kl. 16:00" / "Monday 14 December at 16:00".
 * Each message is one whole translatable sentence that takes them as
 * arguments; the pieces are numbers, dates and names, never words of the
 * sentence.
 */
struct txt {
	char b[96];
};

static struct txt
dur(int64_t min)
{
	struct txt t;

	/* "30 min" reads better than "0,5 t"; "min" is the same in both. */
	if (min < 60)
		snprintf(t.b, sizeof(t.b), "%d min", min < 0 ? 0 : (int)min);
	else
		textfmt_hours(min, t.b, sizeof(t.b));
	return t;
}

static struct txt
day_txt(int32_t d)
{
	struct txt t;

	textfmt_date_long(d, t.b, sizeof(t.b));
	return t;
}

static struct txt
wall_txt(int64_t wall)
{
	struct txt t;
	char d[TEXTFMT_MAX], hm[TEXTFMT_MAX];

	textfmt_date_long(civil_wall_date(wall), d, sizeof(d));
	textfmt_time(civil_wall_minute(wall), hm, sizeof(hm));
	/* TRANSLATORS: a date and a time of day: "Monday 14 December at
	   16:00"; bokmål "mandag 14. desember kl. 16:00". */
	snprintf(t.b, sizeof(t.b), _("%1$s at %2$s"), d, hm);
	return t;
}

static struct txt
hm_txt(int m)
{
	struct txt t;

	textfmt_time(m % CIVIL_MIN_PER_DAY, t.b, sizeof(t.b));
	return t;
}

/* A rolling window: "7 days" / "7 dager" (whole days), else hours. */
static struct txt
win_txt(int64_t min)
{
	struct txt t;

	if (min % DAY == 0)
		snprintf(t.b, sizeof(t.b),
		    dngettext(I18N_DOMAIN, "%d day", "%d days",
		        (unsigned long)(min / DAY)),
		    (int)(min / DAY));
	else
		textfmt_hours(min, t.b, sizeof(t.b));
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
school_day_raw(const struct rules_ctx *c,
    const struct model_school_calendar *sc, int32_t d)
{
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

	tzmap_to_utc(c->tz, (int64_t)d * DAY, &di.midnight);
	if (public_holiday_raw(c, d))
		di.flags |= DF_HOLIDAY;
	if (civil_weekday(d) == CIVIL_SUN || (di.flags & DF_HOLIDAY))
		di.flags |= DF_RED;
	return di;
}

/* DF_SCHOOL and DF_LESSON_WEEK of day d in calendar k. */
static unsigned
cal_flags_raw(const struct rules_ctx *c, const struct cal_info *k, int32_t d)
{
	unsigned f = 0;
	int32_t wf = week_first(c, d);

	if (school_day_raw(c, k->sc, d))
		f |= DF_SCHOOL;
	for (int32_t i = wf; i < wf + 7 && !(f & DF_LESSON_WEEK); i++)
		if (i == d ? (f & DF_SCHOOL) : school_day_raw(c, k->sc, i))
			f |= DF_LESSON_WEEK;
	return f;
}

/* The same from the table (filled on first use in a lazy context). */
static unsigned
cal_flags(const struct rules_ctx *c, const struct cal_info *k, int32_t d)
{
	if (k->flags != NULL && d >= c->dlo && d <= c->dhi) {
		unsigned char *f = &k->flags[d - c->dlo];
		if (!(*f & CF_HAVE))
			*f = (unsigned char)(cal_flags_raw(c, k, d) | CF_HAVE);
		return *f & (DF_SCHOOL | DF_LESSON_WEEK);
	}
	return cal_flags_raw(c, k, d);
}

static struct day_info
day_get(const struct rules_ctx *c, int32_t d)
{
	if (d >= c->dlo && d <= c->dhi) {
		size_t i = (size_t)(d - c->dlo);
		if (c->lazy && !c->day_have[i]) {
			c->days[i] = day_info_raw(c, d);
			c->day_have[i] = 1;
		}
		return c->days[i];
	}
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
		return day_get(c, d).flags & DF_RED;
	return civil_weekday(d) == CIVIL_SUN || public_holiday_raw(c, d);
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
		m0 = day_get(c, d).midnight;
		if (day_get(c, d + 1).midnight - m0 == DAY)
			return m0 + (wall - (int64_t)d * DAY);
	}
	tzmap_to_utc(c->tz, wall, &u);
	return u;
}

static int32_t
comp_to_raw(const struct rules_ctx *c, const struct model_youth *y)
{
	switch (c->prof->compulsory) {
	case RULES_COMPULSORY_STORED:
		return y->school == MODEL_SCHOOL_COMPULSORY ? INT32_MAX
		                                            : INT32_MIN;
	case RULES_COMPULSORY_LEAVING_DATE:
		return rules_leaving_date(&c->prof->leaving, y->birth_date);
	}
	return INT32_MIN;
}

/* The last date of youth yi's compulsory-school status (A4): from the
 * table, or computed in a lazy context. */
static int32_t
comp_to(const struct rules_ctx *c, size_t yi)
{
	if (c->comp_to != NULL)
		return c->comp_to[yi];
	return comp_to_raw(c, &c->inst->youths[yi]);
}

/*
 * Category bit mask of youth yi at an age on date d (0: no category
 * matches).  Compulsory-school status on d comes from comp_to, filled
 * from the profile's source (A4).
 */
static unsigned
cat_of(const struct rules_ctx *c, size_t yi, int age, int32_t d)
{
	bool comp = d <= comp_to(c, yi);

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
row_cond_day(const struct yview *v, enum rules_cond cond, int32_t d)
{
	struct day_info di = {0, cal_flags(v->c, v->cal, d)};
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
		return (di.flags & DF_SCHOOL) && v->cal->sc->has_school_hours;
	}
	return false;
}

/*
 * A day cap's violation.  The sentence says which days the row limits (a
 * school day, a day without lessons, ...), so the reader sees why the
 * limit applies; each is whole, for the translators.
 */
static void
emit_day_cap(const struct yview *v, const struct eff_row *er, int32_t d,
    int64_t m, const struct vslots *vs)
{
	const struct rules_row *r = er->row;
	struct txt w = who(v, civil_age_on(v->y->birth_date, d));
	struct txt h = dur(m), day = day_txt(d), lim = dur(er->limit);

#define E(fmt)                                                                 \
	emit(v->k, r->id, r->reference, (long)v->yi, d, CIVIL_NO_DATE, vs,     \
	    fmt, w.b, h.b, day.b, lim.b, r->reference)
	switch (r->cond) {
	case RULES_C_SCHOOL_DAY:
		E(_("%1$s is scheduled %2$s on %3$s, a school day; at most "
		    "%4$s is allowed on a school day (%5$s)."));
		break;
	case RULES_C_NONSCHOOL_DAY:
	case RULES_C_NONSCHOOL_NOT_SUN:
		E(_("%1$s is scheduled %2$s on %3$s, a day without lessons; "
		    "at most %4$s is allowed on such a day (%5$s)."));
		break;
	case RULES_C_SUNDAY:
		E(_("%1$s is scheduled %2$s on %3$s; at most %4$s is allowed "
		    "on a Sunday (%5$s)."));
		break;
	case RULES_C_LESSON_WEEK:
		E(_("%1$s is scheduled %2$s on %3$s, in a week with lessons; "
		    "at most %4$s a day is allowed in such a week (%5$s)."));
		break;
	case RULES_C_LESSONFREE_WEEK:
		E(_("%1$s is scheduled %2$s on %3$s, in a week without "
		    "lessons; at most %4$s a day is allowed in such a week "
		    "(%5$s)."));
		break;
	case RULES_C_BEFORE_SCHOOL:
		if (er->limit == 0)
			emit(v->k, r->id, r->reference, (long)v->yi, d,
			    CIVIL_NO_DATE, vs,
			    _("%1$s is scheduled %2$s before lessons on %3$s, "
			      "a school day; no work is allowed before "
			      "lessons (%4$s)."),
			    w.b, h.b, day.b, r->reference);
		else
			E(_("%1$s is scheduled %2$s before lessons on %3$s, a "
			    "school day; at most %4$s is allowed before "
			    "lessons (%5$s)."));
		break;
	case RULES_C_ANY:
		E(_("%1$s is scheduled %2$s on %3$s; at most %4$s a day is "
		    "allowed (%5$s)."));
		break;
	}
#undef E
}

/*
 * Whether a recorded justification or agreement (a switch named
 * "..._justified" or "..._agreement") lifts the row: its message then says
 * that one is needed.  Other switches (a law in force, an exemption) are
 * not the employer's to record per case.
 */
static bool
justifiable(const struct rules_row *r)
{
	for (size_t i = 0; i < 2; i++)
		if (r->unless_on[i] != NULL &&
		    (strstr(r->unless_on[i], "_justified") != NULL ||
		        strstr(r->unless_on[i], "_agreement") != NULL))
			return true;
	return false;
}

/* Per-shift rules: minimum age, consent, lesson hours, night windows. */
static void
eval_per_shift(const struct yview *v, const struct eff_row *er)
{
	const struct rules_row *r = er->row;
	const struct rules_ctx *c = v->c;
	const struct model_school_calendar *sc = v->cal->sc;

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
			    CIVIL_NO_DATE, &vs,
			    _("%1$s is scheduled on %2$s; the minimum age for "
			      "this work is %3$d (%4$s)."),
			    who(v, s->age).b, day_txt(s->date).b, er->limit,
			    r->reference);
			break;
		case RULES_K_CONSENT:
			if (v->y->guardian_consent != CIVIL_NO_DATE &&
			    s->date >= v->y->guardian_consent)
				break;
			EMIT(v->k, r->id, r->reference, (long)v->yi, s->date,
			    CIVIL_NO_DATE, &vs,
			    _("%1$s is scheduled on %2$s, but no written "
			      "consent from a parent or guardian is recorded "
			      "by that day (%3$s)."),
			    who(v, s->age).b, day_txt(s->date).b, r->reference);
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
				if (!(cal_flags(c, v->cal, d) & DF_SCHOOL))
					continue;
				a = a > s->ws ? a : s->ws;
				b = b < s->we ? b : s->we;
				if (b > a)
					m += b - a;
			}
			if (m > 0)
				EMIT(v->k, r->id, r->reference, (long)v->yi,
				    s->date, CIVIL_NO_DATE, &vs,
				    _("%1$s is scheduled %2$s inside lesson "
				      "hours (%3$s-%4$s) on %5$s; work "
				      "must not overlap lesson hours (%6$s)."),
				    who(v, s->age).b, dur(m).b,
				    hm_txt(sc->school_start).b,
				    hm_txt(sc->school_end).b,
				    day_txt(s->date).b, r->reference);
			break;
		case RULES_K_NIGHT:
			if ((r->season == RULES_SEASON_US_SUMMER &&
			        !us_summer(s->date)) ||
			    (r->season == RULES_SEASON_NOT_US_SUMMER &&
			        us_summer(s->date)))
				break;
			m = wall_in_window(s->ws, s->we, er->a, er->b);
			if (m <= 0)
				break;
			/* A row that a recorded justification switches
			 * off says so. */
			if (justifiable(r))
				EMIT(v->k, r->id, r->reference, (long)v->yi,
				    s->date, CIVIL_NO_DATE, &vs,
				    _("%1$s is scheduled from %2$s to %3$s, %4$s "
				      "of it between %5$s and %6$s; night work "
				      "in that time needs a recorded "
				      "justification (%7$s)."),
				    who(v, s->age).b, wall_txt(s->ws).b,
				    hm_txt(civil_wall_minute(s->we)).b,
				    dur(m).b, hm_txt(er->a).b, hm_txt(er->b).b,
				    r->reference);
			else
				EMIT(v->k, r->id, r->reference, (long)v->yi,
				    s->date, CIVIL_NO_DATE, &vs,
				    _("%1$s is scheduled from %2$s to %3$s, %4$s "
				      "of it between %5$s and %6$s; no work is "
				      "allowed in that time (%7$s)."),
				    who(v, s->age).b, wall_txt(s->ws).b,
				    hm_txt(civil_wall_minute(s->we)).b,
				    dur(m).b, hm_txt(er->a).b, hm_txt(er->b).b,
				    r->reference);
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
			if (!row_cond_day(v, r->cond, d))
				continue;
			if (r->cond == RULES_C_BEFORE_SCHOOL) {
				if (v->y->school == MODEL_SCHOOL_NONE)
					continue;
				m1 = to_utc(c,
				    (int64_t)d * DAY +
				        v->cal->sc->school_start);
			}
			if (!touch(v, m0, m1))
				continue;
			cats = vcat_on(v, d);
			m = work_in(v, m0, m1, &vs, &cats);
			if (m <= er->limit || !(cats & r->cats) ||
			    vs.total == 0)
				continue;
			if (v->k->rep == NULL)
				v->k->found = true;
			else
				emit_day_cap(v, er, d, m, &vs);
		}
	}
}

/* A week cap's violation, by the kind of week the row limits. */
static void
emit_week_cap(const struct yview *v, const struct eff_row *er, int32_t w,
    int64_t m, const struct vslots *vs)
{
	const struct rules_row *r = er->row;
	struct txt y = who(v, civil_age_on(v->y->birth_date, w));
	struct txt h = dur(m), day = day_txt(w), lim = dur(er->limit);

#define E(fmt)                                                                 \
	emit(v->k, r->id, r->reference, (long)v->yi, CIVIL_NO_DATE, w, vs,     \
	    fmt, y.b, h.b, day.b, lim.b, r->reference)
	if (r->cond == RULES_C_LESSON_WEEK)
		E(_("%1$s is scheduled %2$s in the week from %3$s, a week with "
		    "lessons; at most %4$s is allowed in such a week "
		    "(%5$s)."));
	else if (r->cond == RULES_C_LESSONFREE_WEEK)
		E(_("%1$s is scheduled %2$s in the week from %3$s, a week "
		    "without lessons; at most %4$s is allowed in such a week "
		    "(%5$s)."));
	else
		E(_("%1$s is scheduled %2$s in the week from %3$s; at most "
		    "%4$s a week is allowed (%5$s)."));
#undef E
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
			lesson = cal_flags(c, v->cal, w) & DF_LESSON_WEEK;
			if ((r->cond == RULES_C_LESSON_WEEK && !lesson) ||
			    (r->cond == RULES_C_LESSONFREE_WEEK && lesson))
				continue;
			/* A3: the week's rules if so on any day of it. */
			cats = vcat_on(v, w) | vcat_on(v, w + 6);
			m = work_in(v, m0, m1, &vs, &cats);
			if (m <= er->limit || !(cats & r->cats) ||
			    vs.total == 0)
				continue;
			if (v->k->rep == NULL)
				v->k->found = true;
			else
				emit_week_cap(v, er, w, m, &vs);
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
			if (v->k->rep == NULL)
				v->k->found = true;
			else if (w == 24 * HOUR)
				emit(v->k, r->id, r->reference, (long)v->yi,
				    s->date, CIVIL_NO_DATE, &vs,
				    _("%1$s is scheduled %2$s in the 24 hours "
				      "from %3$s; at most %4$s is allowed in "
				      "any 24 hours (%5$s)."),
				    who(v, s->age).b, dur(m).b,
				    wall_txt(s->ws).b, dur(er->limit).b,
				    r->reference);
			else
				emit(v->k, r->id, r->reference, (long)v->yi,
				    s->date, CIVIL_NO_DATE, &vs,
				    _("%1$s is scheduled %2$s in the %3$s from "
				      "%4$s; at most %5$s is allowed in any "
				      "%3$s (%6$s)."),
				    who(v, s->age).b, dur(m).b, win_txt(w).b,
				    wall_txt(s->ws).b, dur(er->limit).b,
				    r->reference);
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
			if (v->k->rep == NULL)
				v->k->found = true;
			else if (w == 24 * HOUR)
				emit(v->k, r->id, r->reference, (long)v->yi,
				    s->date, CIVIL_NO_DATE, &vs,
				    _("%1$s has at most %2$s of continuous "
				      "rest in the 24 hours from %3$s; the "
				      "daily rest must be at least %4$s "
				      "(%5$s)."),
				    who(v, s->age).b, dur(best).b,
				    wall_txt(s->ws).b, dur(er->limit).b,
				    r->reference);
			else
				emit(v->k, r->id, r->reference, (long)v->yi,
				    s->date, CIVIL_NO_DATE, &vs,
				    _("%1$s has at most %2$s of continuous "
				      "rest in the %3$s from %4$s; the weekly "
				      "rest must be at least %5$s (%6$s)."),
				    who(v, s->age).b, dur(best).b, win_txt(w).b,
				    wall_txt(s->ws).b, dur(er->limit).b,
				    r->reference);
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
			    _("%1$s is scheduled from %2$s to %3$s, %4$s of it "
			      "between %5$s and %6$s; no work is allowed in "
			      "that time (%7$s)."),
			    who(v, s->age).b, wall_txt(s->ws).b,
			    hm_txt(civil_wall_minute(s->we)).b, dur(m).b,
			    hm_txt(er->a).b, hm_txt(er->b).b, r->reference);
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
		    _("%1$s is off only %2$s between %3$s and %4$s; the night "
		      "off must be at least %5$s in one block that includes "
		      "%6$s-%7$s (%8$s)."),
		    who(v, s->age).b, dur(s->us - e->ue).b, wall_txt(e->we).b,
		    wall_txt(s->ws).b, dur(er->limit).b, hm_txt(er->a).b,
		    hm_txt(er->b).b, r->reference);
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
		    maxgap == 0)
			EMIT(v->k, r->id, r->reference, (long)v->yi, d,
			    CIVIL_NO_DATE, &vs,
			    _("%1$s works %2$s on %3$s without a break; above "
			      "%4$s of work a break of at least %5$s is "
			      "required (%6$s)."),
			    who(v, civil_age_on(v->y->birth_date, d)).b,
			    dur(total).b, day_txt(d).b, dur(er->a).b,
			    dur(er->limit).b, r->reference);
		else if (r->kind == RULES_K_BREAK_ONE && total > er->a &&
		    maxgap < er->limit)
			EMIT(v->k, r->id, r->reference, (long)v->yi, d,
			    CIVIL_NO_DATE, &vs,
			    _("%1$s works %2$s on %3$s with a longest break "
			      "of %4$s; above %5$s of work a break of at "
			      "least %6$s is required (%7$s)."),
			    who(v, civil_age_on(v->y->birth_date, d)).b,
			    dur(total).b, day_txt(d).b, dur(maxgap).b,
			    dur(er->a).b, dur(er->limit).b, r->reference);
		if (r->kind == RULES_K_BREAK_TOTAL && total >= er->a &&
		    sumgap == 0)
			EMIT(v->k, r->id, r->reference, (long)v->yi, d,
			    CIVIL_NO_DATE, &vs,
			    _("%1$s works %2$s on %3$s without a break; from "
			      "%4$s of work breaks of at least %5$s in all are "
			      "required (%6$s)."),
			    who(v, civil_age_on(v->y->birth_date, d)).b,
			    dur(total).b, day_txt(d).b, dur(er->a).b,
			    dur(er->limit).b, r->reference);
		else if (r->kind == RULES_K_BREAK_TOTAL && total >= er->a &&
		    sumgap < er->limit)
			EMIT(v->k, r->id, r->reference, (long)v->yi, d,
			    CIVIL_NO_DATE, &vs,
			    _("%1$s works %2$s on %3$s with breaks totalling "
			      "%4$s; from %5$s of work breaks of at least %6$s "
			      "in all are required (%7$s)."),
			    who(v, civil_age_on(v->y->birth_date, d)).b,
			    dur(total).b, day_txt(d).b, dur(sumgap).b,
			    dur(er->a).b, dur(er->limit).b, r->reference);
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
	    is_red(c, red)) {
		size_t i = (size_t)(red - c->dlo);
		if (c->lazy && !c->period_have[i]) {
			period_block_raw(c, red, &c->periods[i]);
			c->period_have[i] = 1;
		}
		*p = c->periods[i];
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
		struct txt d1;

		if (m == 0 || !(cats & r->cats))
			continue;
		if (v->k->rep != NULL)
			d1 = day_txt(p.d1);
		else
			d1.b[0] = '\0';
		if (r->kind == RULES_K_SUNDAY_WORK) {
			if (touch(v, p.us, p.ue) && vs.total > 0)
				EMIT(v->k, r->id, r->reference, (long)v->yi,
				    p.d1, CIVIL_NO_DATE, &vs,
				    _("%1$s is scheduled %2$s in the "
				      "Sunday/holiday period of %3$s; Sunday and "
				      "holiday work needs a recorded "
				      "justification (%4$s)."),
				    who(v, civil_age_on(v->y->birth_date, p.d1))
				        .b,
				    dur(m).b, d1.b, r->reference);
		} else if (r->kind == RULES_K_SUNDAY_ROTATION) {
			period_prev(c, &p, &q);
			if (!(touch(v, p.us, p.ue) || touch(v, q.us, q.ue)) ||
			    period_work(v, &q, &vs, NULL) == 0 || vs.total == 0)
				continue;
			EMIT(v->k, r->id, r->reference, (long)v->yi, p.d1,
			    CIVIL_NO_DATE, &vs,
			    _("%1$s works in the Sunday/holiday period of %2$s "
			      "and in the one before it (%3$s); after Sunday "
			      "or holiday work the next such period must be "
			      "off (%4$s)."),
			    who(v, civil_age_on(v->y->birth_date, p.d1)).b,
			    d1.b, day_txt(q.d1).b, r->reference);
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
					    dngettext(I18N_DOMAIN,
					        "%1$s works %2$d of the %3$d "
					        "Sunday/holiday period in the "
					        "26 weeks from %4$s; an "
					        "averaging agreement allows at "
					        "most half (%5$s).",
					        "%1$s works %2$d of the %3$d "
					        "Sunday/holiday periods in the "
					        "26 weeks from %4$s; an "
					        "averaging agreement allows at "
					        "most half (%5$s).",
					        (unsigned long)n),
					    who(v,
					        civil_age_on(
					            v->y->birth_date, p.d1))
					        .b,
					    (int)worked, (int)n, d1.b,
					    r->reference);
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
				    _("%1$s works four Sundays in a row from "
				      "%2$s; an averaging agreement needs a "
				      "Sunday off at least every 4th week "
				      "(%3$s)."),
				    who(v, civil_age_on(v->y->birth_date, p.d1))
				        .b,
				    d1.b, r->reference);
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
	for (size_t h = 0; h < v->cal->nsummers && !stop(v); h++) {
		const struct date_range *hd = &v->cal->summers[h];
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
		    dngettext(I18N_DOMAIN,
		        "%1$s has at most %2$d work-free day in a row in the "
		        "summer holiday from %3$s; at least %4$d in a row are "
		        "required (%5$s).",
		        "%1$s has at most %2$d work-free days in a row in the "
		        "summer holiday from %3$s; at least %4$d in a row are "
		        "required (%5$s).",
		        (unsigned long)best),
		    who(v, civil_age_on(v->y->birth_date, hd->from)).b,
		    (int)best, day_txt(hd->from).b, er->limit, r->reference);
	}
}

/* Index of the first school-holiday range that ends on or after d. */
static size_t
hol_from(const struct cal_info *c, int32_t d)
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
is_school_holiday(const struct cal_info *c, int32_t d)
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
	const struct cal_info *k = v->cal;
	int32_t j1 = civil_days_from_ymd(yr, 1, 1);
	int32_t j2 = civil_days_from_ymd(yr + 1, 1, 1) - 1;
	int32_t known = 0, unknown, worked = 0, prev = j1 - 1;
	struct vslots vs = {{0}, 0, 0};
	unsigned cats = 0;

	if (k->klo > k->khi)
		return;
	unknown = (k->klo > j1 ? (k->klo <= j2 ? k->klo : j2 + 1) - j1 : 0) +
	    (k->khi < j2 ? j2 - (k->khi >= j1 ? k->khi : j1 - 1) : 0);
	if (unknown >= er->limit)
		return;
	for (size_t h = hol_from(k, j1); h < k->nhols && k->hols[h].from <= j2;
	     h++) {
		int32_t a = k->hols[h].from > j1 ? k->hols[h].from : j1;
		int32_t b = k->hols[h].to < j2 ? k->hols[h].to : j2;
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
		emit(v->k, r->id, r->reference, (long)v->yi, j1, CIVIL_NO_DATE,
		    &vs,
		    dngettext(I18N_DOMAIN,
		        "%1$s works on %2$d of the %3$d school-holiday day of "
		        "%4$d, leaving %5$d work-free (and %6$d days outside "
		        "the known school calendar); at least %7$d work-free "
		        "school-holiday days a year are required (%8$s).",
		        "%1$s works on %2$d of the %3$d school-holiday days of "
		        "%4$d, leaving %5$d work-free (and %6$d days outside "
		        "the known school calendar); at least %7$d work-free "
		        "school-holiday days a year are required (%8$s).",
		        (unsigned long)known),
		    who(v, civil_age_on(v->y->birth_date, j1)).b, (int)worked,
		    (int)known, yr, (int)(known - worked), (int)unknown,
		    er->limit, r->reference);
	else
		emit(v->k, r->id, r->reference, (long)v->yi, j1, CIVIL_NO_DATE,
		    &vs,
		    dngettext(I18N_DOMAIN,
		        "%1$s works on %2$d of the %3$d school-holiday day of "
		        "%4$d, leaving %5$d work-free; at least %6$d work-free "
		        "school-holiday days a year are required (%7$s).",
		        "%1$s works on %2$d of the %3$d school-holiday days of "
		        "%4$d, leaving %5$d work-free; at least %6$d work-free "
		        "school-holiday days a year are required (%7$s).",
		        (unsigned long)known),
		    who(v, civil_age_on(v->y->birth_date, j1)).b, (int)worked,
		    (int)known, yr, (int)(known - worked), er->limit,
		    r->reference);
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
	const struct cal_info *k = v->cal;
	int32_t j1 = civil_days_from_ymd(yr, 1, 1);
	int32_t j2 = civil_days_from_ymd(yr + 1, 1, 1) - 1;
	int32_t unknown, best = 0;
	struct vslots vs = {{0}, 0, 0};
	unsigned cats = 0;

	if (k->klo > k->khi)
		return;
	unknown = (k->klo > j1 ? (k->klo <= j2 ? k->klo : j2 + 1) - j1 : 0) +
	    (k->khi < j2 ? j2 - (k->khi >= j1 ? k->khi : j1 - 1) : 0);
	if (unknown >= er->limit)
		return;
	for (size_t h = hol_from(k, j1); h < k->nhols && k->hols[h].from <= j2;
	     h++) {
		int32_t a = k->hols[h].from > j1 ? k->hols[h].from : j1;
		int32_t b = k->hols[h].to < j2 ? k->hols[h].to : j2;
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
	    dngettext(I18N_DOMAIN,
	        "%1$s has at most %2$d work-free day in a row in the school "
	        "holidays of %3$d; at least %4$d in a row in one holiday are "
	        "required (%5$s).",
	        "%1$s has at most %2$d work-free days in a row in the school "
	        "holidays of %3$d; at least %4$d in a row in one holiday are "
	        "required (%5$s).",
	        (unsigned long)best),
	    who(v, civil_age_on(v->y->birth_date, j1)).b, (int)best, yr,
	    er->limit, r->reference);
}

/* Each calendar year in which a shift to evaluate covers a school-holiday
 * day. */
static void
eval_holiday(const struct yview *v, const struct eff_row *er)
{
	int done = INT32_MIN;

	if (v->y->school == MODEL_SCHOOL_NONE || v->cal->nhols == 0)
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
			if (!is_school_holiday(v->cal, d))
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

/*
 * rota's own planning rules (docs/product.md) have no law to cite: their
 * reference says in words which rule it is, in the reader's language.
 */
#define REF_AVAILABILITY N_("rota planning rule: availability")
#define REF_UNAVAILABLE  N_("rota planning rule: unavailable times")
#define REF_MIN_AGE      N_("rota planning rule: minimum age of the visit")
#define REF_HOMES        N_("rota planning rule: homes the youth may visit")
#define REF_OVERLAP      N_("rota planning rule: overlapping shifts")
#define REF_TRAVEL       N_("rota planning rule: travel time between homes")
#define REF_WEEK_HOURS   N_("rota planning rule: the youth's own weekly hours")
#define REF_OVERFILLED   N_("rota planning rule: youths a visit needs")
#define REF_REQUIRES     N_("rota planning rule: skills a visit requires")
#define REF_DUPLICATE    N_("rota planning rule: one place per youth")

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
	vs_add(&vs, s->slot);
	if (!available(y, s->ws, s->we))
		EMIT(v->k, "ROTA-availability", _(REF_AVAILABILITY),
		    (long)v->yi, s->date, CIVIL_NO_DATE, &vs,
		    _("%1$s is scheduled from %2$s to %3$s, outside their "
		      "weekly availability (%4$s)."),
		    who(v, s->age).b, wall_txt(s->ws).b,
		    hm_txt(civil_wall_minute(s->we)).b, _(REF_AVAILABILITY));
	for (size_t i = 0; i < y->nunavailable && !stop(v); i++) {
		const struct model_span *u = &y->unavailable[i];
		if (u->start < s->we && u->end > s->ws) {
			EMIT(v->k, "ROTA-unavailable", _(REF_UNAVAILABLE),
			    (long)v->yi, s->date, CIVIL_NO_DATE, &vs,
			    _("%1$s is scheduled from %2$s, but is "
			      "unavailable from %3$s (%4$s)."),
			    who(v, s->age).b, wall_txt(s->ws).b,
			    wall_txt(u->start).b, _(REF_UNAVAILABLE));
			break;
		}
	}
	if (sl->min_age > 0 && s->age < sl->min_age)
		EMIT(v->k, "ROTA-min-age", _(REF_MIN_AGE), (long)v->yi, s->date,
		    CIVIL_NO_DATE, &vs,
		    _("%1$s is scheduled on %2$s for a visit with a minimum "
		      "age of %3$d (%4$s)."),
		    who(v, s->age).b, day_txt(s->date).b, sl->min_age,
		    _(REF_MIN_AGE));
	if (y->homes_limited) {
		bool ok = false;
		for (size_t i = 0; i < y->nhomes && !ok; i++)
			ok = y->homes_idx != NULL &&
			    y->homes_idx[i] == sl->home_idx;
		if (!ok)
			EMIT(v->k, "ROTA-allowed-homes", _(REF_HOMES),
			    (long)v->yi, s->date, CIVIL_NO_DATE, &vs,
			    _("%1$s is scheduled on %2$s at %3$s, which is "
			      "not one of the homes they may visit (%4$s)."),
			    who(v, s->age).b, day_txt(s->date).b,
			    inst->homes[sl->home_idx].name, _(REF_HOMES));
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

/* One pair of shifts that overlap (s starts first), on local day `day`. */
static void
emit_overlap(const struct yview *v, const struct shift *s,
    const struct shift *t, int32_t day, const struct vslots *vs,
    bool other_work)
{
	if (other_work)
		emit(v->k, "ROTA-overlap", _(REF_OVERLAP), (long)v->yi, day,
		    CIVIL_NO_DATE, vs,
		    _("%1$s has overlapping shifts from %2$s and from %3$s, "
		      "one of them other work (%4$s)."),
		    who(v, t->age).b, wall_txt(s->ws).b, wall_txt(t->ws).b,
		    _(REF_OVERLAP));
	else
		emit(v->k, "ROTA-overlap", _(REF_OVERLAP), (long)v->yi, day,
		    CIVIL_NO_DATE, vs,
		    _("%1$s has overlapping shifts from %2$s and from %3$s "
		      "(%4$s)."),
		    who(v, t->age).b, wall_txt(s->ws).b, wall_txt(t->ws).b,
		    _(REF_OVERLAP));
}

/* One pair of shifts at two homes too close for the travel between. */
static void
emit_travel(const struct yview *v, const struct shift *s, const struct shift *t,
    int32_t day, const struct vslots *vs)
{
	emit(v->k, "ROTA-overlap", _(REF_TRAVEL), (long)v->yi, day,
	    CIVIL_NO_DATE, vs,
	    _("%1$s has only %2$s between shifts at two homes (from %3$s and "
	      "from %4$s); the travel takes %5$s (%6$s)."),
	    who(v, t->age).b, dur(t->us - s->ue).b, wall_txt(s->ws).b,
	    wall_txt(t->ws).b, dur(v->c->inst->travel_minutes).b,
	    _(REF_TRAVEL));
}

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
			emit_travel(v, s, t, g->day, &g->vs);
		else
			emit_overlap(v, s, t, g->day, &g->vs, g->other_work);
	} else if (travel) {
		const struct shift *s = &v->sh[g->first];
		emit(v->k, "ROTA-overlap", _(REF_TRAVEL), (long)v->yi, g->day,
		    CIVIL_NO_DATE, &g->vs,
		    dngettext(I18N_DOMAIN,
		        "%1$s has %2$zu pair of shifts at two homes on %3$s "
		        "with less than the %4$s of travel between them, the "
		        "first only %5$s apart (from %6$s and from %7$s) "
		        "(%8$s).",
		        "%1$s has %2$zu pairs of shifts at two homes on %3$s "
		        "with less than the %4$s of travel between them, the "
		        "first only %5$s apart (from %6$s and from %7$s) "
		        "(%8$s).",
		        (unsigned long)g->pairs),
		    who(v, t->age).b, g->pairs, day_txt(g->day).b, dur(tm).b,
		    dur(t->us - s->ue).b, wall_txt(s->ws).b, wall_txt(t->ws).b,
		    _(REF_TRAVEL));
	} else {
		const struct shift *s = &v->sh[g->first];
		if (g->other_work)
			emit(v->k, "ROTA-overlap", _(REF_OVERLAP), (long)v->yi,
			    g->day, CIVIL_NO_DATE, &g->vs,
			    dngettext(I18N_DOMAIN,
			        "%1$s has %2$zu pair of overlapping shifts on "
			        "%3$s, other work among them, the first from "
			        "%4$s and from %5$s (%6$s).",
			        "%1$s has %2$zu pairs of overlapping shifts on "
			        "%3$s, other work among them, the first from "
			        "%4$s and from %5$s (%6$s).",
			        (unsigned long)g->pairs),
			    who(v, t->age).b, g->pairs, day_txt(g->day).b,
			    wall_txt(s->ws).b, wall_txt(t->ws).b,
			    _(REF_OVERLAP));
		else
			emit(v->k, "ROTA-overlap", _(REF_OVERLAP), (long)v->yi,
			    g->day, CIVIL_NO_DATE, &g->vs,
			    dngettext(I18N_DOMAIN,
			        "%1$s has %2$zu pair of overlapping shifts on "
			        "%3$s, the first from %4$s and from %5$s "
			        "(%6$s).",
			        "%1$s has %2$zu pairs of overlapping shifts on "
			        "%3$s, the first from %4$s and from %5$s "
			        "(%6$s).",
			        (unsigned long)g->pairs),
			    who(v, t->age).b, g->pairs, day_txt(g->day).b,
			    wall_txt(s->ws).b, wall_txt(t->ws).b,
			    _(REF_OVERLAP));
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
			if (v->k->rep == NULL)
				v->k->found = true;
			else if (t->us < s->ue)
				emit_overlap(v, s, t, t->date, &vs, !both);
			else
				emit_travel(v, s, t, t->date, &vs);
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
				    _(REF_WEEK_HOURS), (long)v->yi,
				    CIVIL_NO_DATE, w, &vs,
				    _("%1$s is scheduled %2$s in the week from "
				      "%3$s; their own limit is %4$s a week "
				      "(%5$s)."),
				    who(v, civil_age_on(v->y->birth_date, w)).b,
				    dur(m).b, day_txt(w).b,
				    dur(v->y->max_week_minutes).b,
				    _(REF_WEEK_HOURS));
		}
	}
}

/* --------------------------------------------------------- evaluator -- */

/* The tables of youth y's calendar (its index linked by
 * model_instance_link). */
static const struct cal_info *
youth_cal(const struct rules_ctx *c, const struct model_youth *y)
{
	return &c->cals[y->calendar_idx < c->ncals ? y->calendar_idx : 0];
}

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
	v.cal = youth_cal(c, v.y);
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
		if ((d0 <= comp_to(c, yi)) != (d1 <= comp_to(c, yi)))
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
    struct cal_info *c, const struct date_range *terms, size_t nterms)
{
	const struct model_school_calendar *sc = c->sc;
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

/* A calendar's tables but its day flags (ctx_cal_days()). */
static void
cal_info_init(struct cal_info *k, const struct model_school_calendar *sc)
{
	struct date_range *terms;

	k->sc = sc;
	/* Summer holidays: the gap between two terms that holds 1 July. */
	terms = xcalloc(sc->nterms + 1, sizeof(*terms));
	for (size_t i = 0; i < sc->nterms; i++) {
		terms[i].from = sc->terms[i].from;
		terms[i].to = sc->terms[i].to;
	}
	qsort(terms, sc->nterms, sizeof(*terms), cmp_range);
	k->summers = xcalloc(sc->nterms + 1, sizeof(*k->summers));
	for (size_t i = 0; i + 1 < sc->nterms; i++) {
		int32_t a = terms[i].to + 1, b = terms[i + 1].from - 1;
		int y, m, d;
		if (b < a)
			continue;
		civil_ymd_from_days(b, &y, &m, &d);
		if (civil_days_from_ymd(y, 7, 1) >= a &&
		    civil_days_from_ymd(y, 7, 1) <= b) {
			k->summers[k->nsummers].from = a;
			k->summers[k->nsummers++].to = b;
		}
	}
	school_holidays(k, terms, sc->nterms);
	free(terms);
}

/* Day flag tables for every calendar over the context's day table: empty
 * (lazy) or filled. */
static void
ctx_cal_days(struct rules_ctx *c, bool fill)
{
	size_t n = (size_t)(c->dhi - c->dlo + 1);

	for (size_t i = 0; i < c->ncals; i++) {
		struct cal_info *k = &c->cals[i];
		k->flags = xcalloc(n, 1);
		if (!fill)
			continue;
		/* School days first, then each week's lesson flag (which
		 * the DF_SCHOOL tests do not see). */
		for (int32_t d = c->dlo; d <= c->dhi; d++)
			if (school_day_raw(c, k->sc, d))
				k->flags[d - c->dlo] = DF_SCHOOL;
		for (int32_t d = c->dlo; d <= c->dhi; d++) {
			int32_t wf = week_first(c, d);
			unsigned f = k->flags[d - c->dlo];
			for (int32_t j = wf; j < wf + 7; j++)
				if (j >= c->dlo && j <= c->dhi
				        ? (k->flags[j - c->dlo] & DF_SCHOOL)
				        : school_day_raw(c, k->sc, j))
					f |= DF_LESSON_WEEK;
			k->flags[d - c->dlo] = (unsigned char)f;
		}
		for (size_t d = 0; d < n; d++)
			k->flags[d] |= CF_HAVE;
	}
}

/*
 * A context; a lazy one (lazy) stops after the instance-wide tables that
 * do not grow with the organisation (profile rows, holidays, school
 * holidays): slot instants and compulsory status are computed when asked
 * and the day table is set up by ctx_lazy_days().
 */
static struct rules_ctx *
ctx_new(const struct model_instance *inst, const struct tzmap *tz, bool lazy,
    char *err, size_t errlen)
{
	struct rules_ctx *c;
	int32_t lo = INT32_MAX, hi = INT32_MIN;

	if (rules_profile_find(inst->jurisdiction) == NULL) {
		snprintf(err, errlen, "unknown jurisdiction '%s'",
		    inst->jurisdiction ? inst->jurisdiction : "");
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->inst = inst;
	c->tz = tz;
	c->prof = rules_profile_find(inst->jurisdiction);
	c->lazy = lazy;
	c->dlo = 0;
	c->dhi = -1; /* no day table yet */

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

	c->ncals = model_calendar_count(inst);
	c->cals = xcalloc(c->ncals, sizeof(*c->cals));
	for (size_t i = 0; i < c->ncals; i++)
		cal_info_init(&c->cals[i], model_calendar_at(inst, i));

	if (lazy)
		return c;

	/* Every slot's instants (and every time checked for a gap). */
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

	/* A4: compulsory-school status per youth, from the profile's source. */
	c->comp_to = xcalloc(inst->nyouths + 1, sizeof(*c->comp_to));
	for (size_t i = 0; i < inst->nyouths; i++)
		c->comp_to[i] = comp_to_raw(c, &inst->youths[i]);

	/* The day table around the data. */
	if (lo > hi)
		lo = hi = 0;
	c->dlo = lo - TABLE_PAD;
	c->dhi = hi + TABLE_PAD;
	c->days = xcalloc((size_t)(c->dhi - c->dlo + 1), sizeof(*c->days));
	for (int32_t d = c->dlo; d <= c->dhi; d++) {
		struct day_info *di = &c->days[d - c->dlo];
		tzmap_to_utc(tz, (int64_t)d * DAY, &di->midnight);
		if (public_holiday_raw(c, d))
			di->flags |= DF_HOLIDAY;
	}
	ctx_cal_days(c, true);
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

struct rules_ctx *
rules_ctx_new(const struct model_instance *inst, const struct tzmap *tz,
    char *err, size_t errlen)
{
	return ctx_new(inst, tz, false, err, errlen);
}

/*
 * The day table of a lazy context over [lo - TABLE_PAD, hi + TABLE_PAD],
 * empty and filled on first use (day_get(), period_block()).  Any range
 * gives the same answers (outside it the days are computed each time),
 * so it is sized from the shifts to be checked only.
 */
static void
ctx_lazy_days(struct rules_ctx *c, int32_t lo, int32_t hi)
{
	size_t n;

	if (lo > hi)
		return;
	c->dlo = lo - TABLE_PAD;
	c->dhi = hi + TABLE_PAD;
	n = (size_t)(c->dhi - c->dlo + 1);
	c->days = xcalloc(n, sizeof(*c->days));
	c->day_have = xcalloc(n, sizeof(*c->day_have));
	ctx_cal_days(c, false);
	if (c->prof->sunday_periods) {
		c->periods = xcalloc(n, sizeof(*c->periods));
		c->period_have = xcalloc(n, sizeof(*c->period_have));
	}
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
	for (size_t i = 0; i < c->ncals; i++) {
		free(c->cals[i].summers);
		free(c->cals[i].hols);
		free(c->cals[i].flags);
	}
	free(c->cals);
	free(c->comp_to);
	free(c->periods);
	free(c->day_have);
	free(c->period_have);
	free(c);
}

/* ------------------------------------------------------- youth state -- */

/* A slot's real start and end: from the table, or (lazy context) from
 * the zone; the caller has checked the times for a gap. */
static void
slot_utc(const struct rules_ctx *c, size_t slot, int64_t *us, int64_t *ue)
{
	if (c->slot_us != NULL) {
		*us = c->slot_us[slot];
		*ue = c->slot_ue[slot];
		return;
	}
	tzmap_to_utc(c->tz, c->inst->slots[slot].start, us);
	tzmap_to_utc(c->tz, c->inst->slots[slot].end, ue);
}

/* The shift of a slot whose instants are known. */
static void
shift_of_slot_at(const struct rules_ctx *c, const struct model_youth *y,
    size_t slot, int64_t us, int64_t ue, struct shift *s)
{
	const struct model_slot *sl = &c->inst->slots[slot];

	s->ws = sl->start;
	s->we = sl->end;
	s->us = us;
	s->ue = ue;
	s->slot = slot;
	s->home = sl->home_idx;
	s->date = civil_wall_date(sl->start);
	s->age = civil_age_on(y->birth_date, s->date);
	s->cat = cat_of(c, (size_t)(y - c->inst->youths), s->age, s->date);
}

static void
shift_of_slot(const struct rules_ctx *c, const struct model_youth *y,
    size_t slot, struct shift *s)
{
	int64_t us, ue;

	slot_utc(c, slot, &us, &ue);
	shift_of_slot_at(c, y, slot, us, ue, s);
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
	struct txt when;

	if (n == 0)
		return;
	vs_add(&vs, si);
	when = wall_txt(sl->start);
	if ((long)n > sl->needed)
		emit(k, "ROTA-overfilled", _(REF_OVERFILLED), -1,
		    civil_wall_date(sl->start), CIVIL_NO_DATE, &vs,
		    dngettext(I18N_DOMAIN,
		        "The visit at %1$s on %2$s has %3$zu youth but needs "
		        "%4$d (%5$s).",
		        "The visit at %1$s on %2$s has %3$zu youths but needs "
		        "%4$d (%5$s).",
		        (unsigned long)n),
		    inst->homes[sl->home_idx].name, when.b, n, sl->needed,
		    _(REF_OVERFILLED));
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
			emit(k, "ROTA-requires", _(REF_REQUIRES), -1,
			    civil_wall_date(sl->start), CIVIL_NO_DATE, &vs,
			    dngettext(I18N_DOMAIN,
			        "The visit at %1$s on %2$s has %3$d youth with "
			        "the skill '%4$s' but needs %5$d (%6$s).",
			        "The visit at %1$s on %2$s has %3$d youths "
			        "with the skill '%4$s' but needs %5$d (%6$s).",
			        (unsigned long)have),
			    inst->homes[sl->home_idx].name, when.b, have,
			    q->skill, q->count, _(REF_REQUIRES));
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
		slot_utc(c, si, &slots[i].us, &slots[i].ue);
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
			emit(k, "ROTA-duplicate", _(REF_DUPLICATE), (long)yi,
			    civil_wall_date(sl->start), CIVIL_NO_DATE, &vs,
			    _("%1$s is assigned twice to the visit %2$s "
			      "(%3$s)."),
			    who(&v, age).b, sl->id, _(REF_DUPLICATE));
			continue;
		}
		/* rules_youth_state_add() without its linear look-up: the
		 * duplicates are gone. */
		shift_of_slot_at(c, &inst->youths[yi], slots[i].slot,
		    slots[i].us, slots[i].ue, &sh);
		state_insert(st, &sh);
	}
	eval_youth(c, yi, st->sh, st->n, INT64_MIN, INT64_MAX, k);
	free(slots);
	rules_youth_state_free(st);
}

/*
 * Groups the active assignments by youth and by slot (counting sort) and
 * checks the youths in `only` (all when NO_IDX) with the slots it is on.
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

/* ------------------------------------------------------ touched sets -- */

/* Inserts v into the sorted set (a, *n, *cap) unless it is there. */
static void
set_insert(size_t **a, size_t *n, size_t *cap, size_t v)
{
	size_t lo = 0, hi = *n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((*a)[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < *n && (*a)[lo] == v)
		return;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		*a = xreallocarray(*a, *cap, sizeof(**a));
	}
	memmove(*a + lo + 1, *a + lo, (*n - lo) * sizeof(**a));
	(*a)[lo] = v;
	(*n)++;
}

void
rules_touch_youth(struct rules_touch *t, size_t youth_idx)
{
	set_insert(&t->youths, &t->nyouths, &t->capy, youth_idx);
}

void
rules_touch_slot(struct rules_touch *t, size_t slot_idx)
{
	set_insert(&t->slots, &t->nslots, &t->caps, slot_idx);
}

void
rules_touch_assignment(
    struct rules_touch *t, const struct model_instance *inst, size_t a_idx)
{
	if (a_idx >= inst->nassignments)
		return;
	rules_touch_youth(t, inst->assignments[a_idx].youth_idx);
	rules_touch_slot(t, inst->assignments[a_idx].slot_idx);
}

void
rules_touch_youth_all(
    struct rules_touch *t, const struct model_instance *inst, size_t yi)
{
	if (yi >= inst->nyouths)
		return;
	rules_touch_youth(t, yi);
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status == MODEL_ASSIGNMENT_ACTIVE && a->youth_idx == yi)
			rules_touch_slot(t, a->slot_idx);
	}
}

void
rules_touch_slot_all(
    struct rules_touch *t, const struct model_instance *inst, size_t si)
{
	if (si >= inst->nslots)
		return;
	rules_touch_slot(t, si);
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status == MODEL_ASSIGNMENT_ACTIVE && a->slot_idx == si)
			rules_touch_youth(t, a->youth_idx);
	}
}

void
rules_touch_home_all(
    struct rules_touch *t, const struct model_instance *inst, size_t hi)
{
	for (size_t s = 0; s < inst->nslots; s++)
		if (inst->slots[s].home_idx == hi)
			rules_touch_slot(t, s);
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->status == MODEL_ASSIGNMENT_ACTIVE &&
		    inst->slots[a->slot_idx].home_idx == hi)
			rules_touch_youth(t, a->youth_idx);
	}
}

/* The youth with `id` in inst, looked for at index hint and next to it
 * first (an entry removed before it moves it down by one); NO_IDX. */
static size_t
youth_near(const struct model_instance *inst, const char *id, size_t hint)
{
	for (size_t i = hint > 0 ? hint - 1 : 0; i <= hint + 1; i++)
		if (i < inst->nyouths && strcmp(inst->youths[i].id, id) == 0)
			return i;
	for (size_t i = 0; i < inst->nyouths; i++)
		if (strcmp(inst->youths[i].id, id) == 0)
			return i;
	return NO_IDX;
}

static size_t
slot_near(const struct model_instance *inst, const char *id, size_t hint)
{
	for (size_t i = hint > 0 ? hint - 1 : 0; i <= hint + 1; i++)
		if (i < inst->nslots && strcmp(inst->slots[i].id, id) == 0)
			return i;
	for (size_t i = 0; i < inst->nslots; i++)
		if (strcmp(inst->slots[i].id, id) == 0)
			return i;
	return NO_IDX;
}

void
rules_touch_map(struct rules_touch *t, const struct model_instance *to,
    const struct rules_touch *from, const struct model_instance *fi)
{
	for (size_t i = 0; i < from->nyouths; i++) {
		size_t y = youth_near(
		    to, fi->youths[from->youths[i]].id, from->youths[i]);
		if (y != NO_IDX)
			rules_touch_youth(t, y);
	}
	for (size_t i = 0; i < from->nslots; i++) {
		size_t s =
		    slot_near(to, fi->slots[from->slots[i]].id, from->slots[i]);
		if (s != NO_IDX)
			rules_touch_slot(t, s);
	}
	t->all = t->all || from->all;
}

void
rules_touch_free(struct rules_touch *t)
{
	if (t == NULL)
		return;
	free(t->youths);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

/* Position of v in the sorted set a[0, n), or NO_IDX. */
static size_t
set_find(const size_t *a, size_t n, size_t v)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && a[lo] == v ? lo : NO_IDX;
}

static bool
bit_get(const unsigned char *b, size_t i)
{
	return b[i / 8] & (1u << (i % 8));
}

static void
bit_set(unsigned char *b, size_t i)
{
	b[i / 8] |= (unsigned char)(1u << (i % 8));
}

/*
 * Active assignments grouped by touched subject: the ones of touched
 * subject k are idx[start[k], start[k + 1]), in assignment order.
 */
struct groups {
	size_t *idx, *start;
};

static void
groups_free(struct groups *g)
{
	free(g->idx);
	free(g->start);
}

/* (touched subject, assignment) pairs into groups (a counting sort). */
static void
groups_make(struct groups *g, const size_t *pos, const size_t *ai, size_t n,
    size_t nsubjects)
{
	g->idx = xcalloc(n + 1, sizeof(*g->idx));
	g->start = xcalloc(nsubjects + 2, sizeof(*g->start));
	for (size_t i = 0; i < n; i++)
		g->start[pos[i] + 2]++;
	for (size_t k = 2; k < nsubjects + 2; k++)
		g->start[k] += g->start[k - 1];
	for (size_t i = 0; i < n; i++)
		g->idx[g->start[pos[i] + 1]++] = ai[i];
}

/* -1 when a wall time of the touched youth yi (its other work and the
 * slots of its assignments ai[0, n)) is in a daylight-saving gap. */
static int
touched_youth_times(const struct rules_ctx *c, size_t yi, const size_t *ai,
    size_t n, int32_t *lo, int32_t *hi)
{
	const struct model_instance *inst = c->inst;
	const struct model_youth *y = &inst->youths[yi];
	char err[8];
	int64_t u;

	for (size_t j = 0; j < y->nother_work; j++) {
		const struct model_span *w = &y->other_work[j];
		if (wall_to_utc(c, w->start, &u, "", NULL, err, sizeof(err)) <
		        0 ||
		    wall_to_utc(c, w->end, &u, "", NULL, err, sizeof(err)) < 0)
			return -1;
		*lo = civil_wall_date(w->start) < *lo
		    ? civil_wall_date(w->start)
		    : *lo;
		*hi = civil_wall_date(w->end) > *hi ? civil_wall_date(w->end)
		                                    : *hi;
	}
	for (size_t i = 0; i < n; i++) {
		const struct model_slot *s =
		    &inst->slots[inst->assignments[ai[i]].slot_idx];
		*lo = civil_wall_date(s->start) < *lo
		    ? civil_wall_date(s->start)
		    : *lo;
		*hi = civil_wall_date(s->end) > *hi ? civil_wall_date(s->end)
		                                    : *hi;
	}
	return 0;
}

static int
slot_times_ok(const struct rules_ctx *c, size_t si)
{
	const struct model_slot *s = &c->inst->slots[si];
	char err[8];
	int64_t u;

	if (wall_to_utc(c, s->start, &u, "", NULL, err, sizeof(err)) < 0 ||
	    wall_to_utc(c, s->end, &u, "", NULL, err, sizeof(err)) < 0)
		return -1;
	return 0;
}

/*
 * The touched check: one pass over the assignments picks the active ones
 * of the touched youths and slots (bit sets by index, then the position
 * in the touched set); a lazy context computes only what those need
 * (their slots' instants, the days near their shifts).  Youths then
 * slots, each in index order: the order of the full report.
 */
static int
check_touched(const struct model_instance *inst, const struct tzmap *tz,
    const struct rules_touch *t, struct rules_report *out)
{
	char err[256];
	struct rules_ctx *c = ctx_new(inst, tz, true, err, sizeof(err));
	struct sink k = {out, false};
	unsigned char *ybit, *sbit;
	size_t *ypos, *yai, *spos, *sai, ny = 0, ns = 0, cap = 16;
	struct groups gy, gs;
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	int rc = 0;

	if (c == NULL)
		return -1;
	ybit = xcalloc(inst->nyouths / 8 + 1, 1);
	sbit = xcalloc(inst->nslots / 8 + 1, 1);
	for (size_t i = 0; i < t->nyouths; i++)
		bit_set(ybit, t->youths[i]);
	for (size_t i = 0; i < t->nslots; i++)
		bit_set(sbit, t->slots[i]);
	ypos = xreallocarray(NULL, cap, sizeof(*ypos));
	yai = xreallocarray(NULL, cap, sizeof(*yai));
	spos = xreallocarray(NULL, cap, sizeof(*spos));
	sai = xreallocarray(NULL, cap, sizeof(*sai));
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		bool y, s;

		if (a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		y = bit_get(ybit, a->youth_idx);
		s = bit_get(sbit, a->slot_idx);
		if (!y && !s)
			continue;
		if (ny == cap || ns == cap) {
			cap *= 2;
			ypos = xreallocarray(ypos, cap, sizeof(*ypos));
			yai = xreallocarray(yai, cap, sizeof(*yai));
			spos = xreallocarray(spos, cap, sizeof(*spos));
			sai = xreallocarray(sai, cap, sizeof(*sai));
		}
		if (y) {
			ypos[ny] =
			    set_find(t->youths, t->nyouths, a->youth_idx);
			yai[ny++] = i;
		}
		if (s) {
			spos[ns] = set_find(t->slots, t->nslots, a->slot_idx);
			sai[ns++] = i;
		}
	}
	groups_make(&gy, ypos, yai, ny, t->nyouths);
	groups_make(&gs, spos, sai, ns, t->nslots);
	free(ybit);
	free(sbit);
	free(ypos);
	free(yai);
	free(spos);
	free(sai);

	/* The full check refuses a time in a gap; so does this one, for the
	 * times it looks at. */
	for (size_t i = 0; i < t->nyouths && rc == 0; i++)
		rc = touched_youth_times(c, t->youths[i], gy.idx + gy.start[i],
		    gy.start[i + 1] - gy.start[i], &lo, &hi);
	for (size_t i = 0; i < t->nyouths && rc == 0; i++)
		for (size_t j = gy.start[i]; j < gy.start[i + 1] && rc == 0;
		     j++)
			rc = slot_times_ok(
			    c, inst->assignments[gy.idx[j]].slot_idx);
	for (size_t i = 0; i < t->nslots && rc == 0; i++)
		rc = slot_times_ok(c, t->slots[i]);
	if (rc == 0) {
		ctx_lazy_days(c, lo, hi);
		for (size_t i = 0; i < t->nyouths; i++)
			check_youth(c, t->youths[i], gy.idx + gy.start[i],
			    gy.start[i + 1] - gy.start[i], &k);
		for (size_t i = 0; i < t->nslots; i++)
			check_slot(c, t->slots[i], gs.idx + gs.start[i],
			    gs.start[i + 1] - gs.start[i], &k);
	}
	groups_free(&gy);
	groups_free(&gs);
	rules_ctx_free(c);
	return rc;
}

int
rules_check_touched(const struct model_instance *inst, const struct tzmap *tz,
    const struct rules_touch *t, struct rules_report *out)
{
	if (t->all)
		return check(inst, tz, NO_IDX, out);
	for (size_t i = 0; i < t->nyouths; i++)
		if (t->youths[i] >= inst->nyouths)
			return -1;
	for (size_t i = 0; i < t->nslots; i++)
		if (t->slots[i] >= inst->nslots)
			return -1;
	return check_touched(inst, tz, t, out);
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
	v.cal = youth_cal(c, y);
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
			if (!row_cond_day(&v, r->cond, day))
				continue;
			m0 = midnight(c, day);
			m1 = midnight(c, day + 1);
			if (r->cond == RULES_C_BEFORE_SCHOOL) {
				if (y->school == MODEL_SCHOOL_NONE)
					continue;
				m1 = to_utc(c,
				    (int64_t)day * DAY +
				        v.cal->sc->school_start);
			}
			cats = vcat_on(&v, day);
		} else if (r->kind == RULES_K_WEEK_CAP) {
			bool lesson = cal_flags(c, v.cal, w) & DF_LESSON_WEEK;
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

size_t
rules_limits_of(const struct rules_ctx *c, size_t youth_idx, int32_t day,
    struct rules_limit *out, size_t max)
{
	const struct model_youth *y;
	unsigned cat;
	size_t n = 0;

	if (youth_idx >= c->inst->nyouths)
		return 0;
	y = &c->inst->youths[youth_idx];
	cat = cat_of(c, youth_idx, civil_age_on(y->birth_date, day), day);
	if (cat == 0)
		return 0;
	for (size_t i = 0; i < c->nrows; i++) {
		const struct eff_row *er = &c->rows[i];

		if (!(er->row->cats & cat))
			continue;
		if (n < max) {
			out[n].row = er->row;
			out[n].limit = er->limit;
			out[n].a = er->a;
			out[n].b = er->b;
		}
		n++;
	}
	return n;
}
