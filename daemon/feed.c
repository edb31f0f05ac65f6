/* SPDX-License-Identifier: ISC */
/*
 * This file contains the iCalendar feed writer: it selects the assignments
 * a youth, home or coordinator feed shows, builds one VEVENT per assignment
 * with libical, adds a compact VTIMEZONE derived from the instance's tzmap
 * (one STANDARD and one DAYLIGHT rule, plain IANA TZID), and serialises the
 * result with libical's _r renderer, adding the X-ROTA-* properties that
 * programs read (written here: libical does not escape X- values).  Every
 * text a person reads is in the feed's language.  See docs/feeds.md.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "civil.h"
#include "feed.h"
#include "i18n.h"
#include "model.h"
#include "tzmap.h"
#include "sbuf.h"
#include "xmalloc.h"

#ifndef ROTA_VERSION
#define ROTA_VERSION "0"
#endif

#define FEED_PRODID   "-//rota//rota " ROTA_VERSION "//NB"
#define DAY_SECONDS   86400
#define DASH          "\xe2\x80\x93" /* U+2013 EN DASH */
#define REPLACEMENT   "\xef\xbf\xbd" /* U+FFFD */
#define VTZ_BASE_YEAR 1970

/* ---- text hygiene ---------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (at most rem bytes), or 0. */
static size_t
utf8_len(const unsigned char *p, size_t rem)
{
	size_t n;
	unsigned long cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		cp = p[0] & 0x1fu;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		cp = p[0] & 0x0fu;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		cp = p[0] & 0x07u;
	} else
		return 0;
	if (rem < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3fu);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

/*
 * Control characters are dropped because libical passes them through
 * unescaped and RFC 5545 TEXT forbids them.
 */
char *
feed_text_clean_ndup(const char *s, size_t n, bool multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	struct sbuf b = {0};
	size_t i = 0;

	while (s != NULL && i < n) {
		size_t len;

		if (p[i] == '\r' || p[i] == '\n') {
			if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
				i++;
			sbuf_adds(&b, multiline ? "\n" : " ");
			i++;
			continue;
		}
		if ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f) {
			i++;
			continue;
		}
		if ((len = utf8_len(p + i, n - i)) == 0) {
			sbuf_adds(&b, REPLACEMENT);
			i++;
			continue;
		}
		sbuf_add(&b, s + i, len);
		i += len;
	}
	return sbuf_take(&b);
}

static char *
text_clean_dup(const char *s, bool multiline)
{
	return feed_text_clean_ndup(s, s ? strlen(s) : 0, multiline);
}

char *
feed_first_name_dup(const char *name)
{
	size_t len;
	const char *first = model_first_name(name, &len);

	return feed_text_clean_ndup(first, len, false);
}

/* ---- compact VTIMEZONE ----------------------------------------------- */

/* One yearly transition: the nth (or last, -1) weekday of a month. */
struct tz_rule {
	int month;    /* 1..12 */
	int nth;      /* 1..4, or -1 for the last */
	int wday;     /* enum civil_weekday */
	int minute;   /* local minute of day on the clock before the change */
	int32_t from; /* offset before, minutes */
	int32_t to;   /* offset after, minutes */
};

struct tz_compact {
	bool utc;       /* no compact form: write UTC times, no VTIMEZONE */
	bool has_dst;   /* false: one STANDARD with a fixed offset */
	int32_t offset; /* the fixed offset when !has_dst */
	struct tz_rule dst, std; /* to daylight, back to standard */
};

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int
days_in_month(int y, int m)
{
	static const int dim[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

static int
utc_year(int64_t utc_min)
{
	int y, m, d;

	civil_ymd_from_days(
	    (int32_t)floor_div(utc_min, CIVIL_MIN_PER_DAY), &y, &m, &d);
	return y;
}

/* The date of rule r in year y, or false when it has no such day. */
static bool
rule_date(const struct tz_rule *r, int y, int32_t *date)
{
	int32_t d;

	if (r->nth == -1) {
		d = civil_days_from_ymd(
		    y, r->month, days_in_month(y, r->month));
		d -= (civil_weekday(d) - r->wday + 7) % 7;
	} else {
		d = civil_days_from_ymd(y, r->month, 1);
		d += (r->wday - civil_weekday(d) + 7) % 7 + (r->nth - 1) * 7;
		if (d >= civil_days_from_ymd(y, r->month, 1) +
		        days_in_month(y, r->month))
			return false;
	}
	*date = d;
	return true;
}

/* The UTC minute rule r fires in year y, or false. */
static bool
rule_instant(const struct tz_rule *r, int y, int64_t *utc)
{
	int32_t d;

	if (!rule_date(r, y, &d))
		return false;
	*utc = (int64_t)d * CIVIL_MIN_PER_DAY + r->minute - r->from;
	return true;
}

static bool
has_transition(const struct tzmap *tz, size_t lo, size_t hi, int64_t utc)
{
	for (size_t i = lo; i < hi; i++)
		if (tz->trans[i].utc == utc)
			return true;
	return false;
}

static int32_t
offset_before(const struct tzmap *tz, size_t i)
{
	return i == 0 ? tz->initial_offset : tz->trans[i - 1].offset;
}

/*
 * Candidate rules for transition i: "last weekday" when the day is in the
 * month's last week, and "nth weekday" when n is 1..4.  Returns the count.
 */
static int
rule_candidates(const struct tzmap *tz, size_t i, struct tz_rule out[2])
{
	int32_t from = offset_before(tz, i);
	int64_t wall = tz->trans[i].utc + from;
	int32_t date = (int32_t)floor_div(wall, CIVIL_MIN_PER_DAY);
	struct tz_rule r;
	int y, m, d, n = 0;

	civil_ymd_from_days(date, &y, &m, &d);
	r.month = m;
	r.wday = civil_weekday(date);
	r.minute = (int)(wall - (int64_t)date * CIVIL_MIN_PER_DAY);
	r.from = from;
	r.to = tz->trans[i].offset;
	if (d + 7 > days_in_month(y, m)) {
		r.nth = -1;
		out[n++] = r;
	}
	if ((d - 1) / 7 + 1 <= 4) {
		r.nth = (d - 1) / 7 + 1;
		out[n++] = r;
	}
	return n;
}

/*
 * Describes the zone over the UTC years touching [ws, we] (minutes) by at
 * most two yearly rules, checked against every transition in those years.
 * Zones that need more (irregular or one-off changes) get c->utc.
 */
static void
tz_compact_derive(
    const struct tzmap *tz, int64_t ws, int64_t we, struct tz_compact *c)
{
	int y0 = utc_year(ws), y1 = utc_year(we);
	int64_t lo = (int64_t)civil_days_from_ymd(y0, 1, 1) * CIVIL_MIN_PER_DAY;
	int64_t hi =
	    (int64_t)civil_days_from_ymd(y1 + 1, 1, 1) * CIVIL_MIN_PER_DAY;
	size_t first = 0, last, up = SIZE_MAX, down = SIZE_MAX;
	struct tz_rule cu[2], cd[2];
	int ncu, ncd;

	memset(c, 0, sizeof(*c));
	while (first < tz->ntrans && tz->trans[first].utc < lo)
		first++;
	last = first;
	while (last < tz->ntrans && tz->trans[last].utc < hi)
		last++;
	if (first == last) {
		c->offset = tzmap_offset_at(tz, ws);
		return;
	}
	for (size_t i = first; i < last; i++) {
		if (tz->trans[i].offset > offset_before(tz, i) &&
		    up == SIZE_MAX)
			up = i;
		if (tz->trans[i].offset < offset_before(tz, i) &&
		    down == SIZE_MAX)
			down = i;
	}
	c->utc = true;
	if (up == SIZE_MAX || down == SIZE_MAX ||
	    last - first != 2 * (size_t)(y1 - y0 + 1))
		return;
	ncu = rule_candidates(tz, up, cu);
	ncd = rule_candidates(tz, down, cd);
	if (cu[0].from != cd[0].to || cu[0].to != cd[0].from)
		return;
	for (int a = 0; a < ncu; a++) {
		for (int b = 0; b < ncd; b++) {
			bool ok = true;
			int32_t d;

			for (int y = y0; ok && y <= y1; y++) {
				int64_t tu, td;

				ok = rule_instant(&cu[a], y, &tu) &&
				    rule_instant(&cd[b], y, &td) &&
				    has_transition(tz, first, last, tu) &&
				    has_transition(tz, first, last, td);
			}
			/* The components start in 1970: the rule must exist. */
			if (ok && rule_date(&cu[a], VTZ_BASE_YEAR, &d) &&
			    rule_date(&cd[b], VTZ_BASE_YEAR, &d)) {
				c->utc = false;
				c->has_dst = true;
				c->dst = cu[a];
				c->std = cd[b];
				return;
			}
		}
	}
}

static struct icaltimetype
ical_wall(int64_t wall)
{
	struct icaltimetype tt = icaltime_null_time();
	int32_t date = civil_wall_date(wall);
	int minute = civil_wall_minute(wall);

	civil_ymd_from_days(date, &tt.year, &tt.month, &tt.day);
	tt.hour = minute / 60;
	tt.minute = minute % 60;
	tt.second = 0;
	tt.is_date = 0;
	tt.zone = NULL;
	return tt;
}

static struct icaltimetype
ical_utc(int64_t unix_seconds)
{
	return icaltime_from_timet_with_zone(
	    (time_t)unix_seconds, 0, icaltimezone_get_utc_timezone());
}

static icalcomponent *
vtz_observance(const struct tz_rule *r, bool is_dst)
{
	static const char *const byday[] = {
	    "MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	icalcomponent *obs = is_dst ? icalcomponent_new_xdaylight()
	                            : icalcomponent_new_xstandard();
	struct icalrecurrencetype recur;
	char rrule[80];
	int32_t d = 0;

	(void)rule_date(r, VTZ_BASE_YEAR, &d); /* checked when derived */
	icalcomponent_add_property(
	    obs, icalproperty_new_tzoffsetfrom((int)r->from * 60));
	icalcomponent_add_property(
	    obs, icalproperty_new_tzoffsetto((int)r->to * 60));
	icalcomponent_add_property(obs,
	    icalproperty_new_dtstart(
	        ical_wall((int64_t)d * CIVIL_MIN_PER_DAY + r->minute)));
	snprintf(rrule, sizeof(rrule), "FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s",
	    r->month, r->nth, byday[r->wday]);
	recur = icalrecurrencetype_from_string(rrule);
	icalcomponent_add_property(obs, icalproperty_new_rrule(recur));
	return obs;
}

static icalcomponent *
vtz_new(const char *tzid, const struct tz_compact *c)
{
	icalcomponent *vtz = icalcomponent_new_vtimezone();

	icalcomponent_add_property(vtz, icalproperty_new_tzid(tzid));
	if (c->has_dst) {
		icalcomponent_add_component(
		    vtz, vtz_observance(&c->std, false));
		icalcomponent_add_component(vtz, vtz_observance(&c->dst, true));
	} else {
		icalcomponent *std = icalcomponent_new_xstandard();

		icalcomponent_add_property(
		    std, icalproperty_new_tzoffsetfrom((int)c->offset * 60));
		icalcomponent_add_property(
		    std, icalproperty_new_tzoffsetto((int)c->offset * 60));
		icalcomponent_add_property(std,
		    icalproperty_new_dtstart(ical_wall(
		        (int64_t)civil_days_from_ymd(VTZ_BASE_YEAR, 1, 1) *
		        CIVIL_MIN_PER_DAY)));
		icalcomponent_add_component(vtz, std);
	}
	return vtz;
}

/* ---- calendar properties --------------------------------------------- */

void
feed_params_init(
    struct feed_params *p, enum feed_kind kind, size_t subject_idx, int64_t now)
{
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->subject_idx = subject_idx;
	p->now = now;
	p->past_days = FEED_DEFAULT_PAST_DAYS;
	p->future_days = FEED_DEFAULT_FUTURE_DAYS;
	p->refresh_minutes = FEED_DEFAULT_REFRESH_MINUTES;
	p->lang = I18N_EN;
}

static bool
subject_valid(const struct model_instance *inst, const struct feed_params *p)
{
	switch (p->kind) {
	case FEED_YOUTH:
		return p->subject_idx < inst->nyouths;
	case FEED_HOME:
		return p->subject_idx < inst->nhomes;
	case FEED_ALL:
		return true;
	}
	return false;
}

/*
 * The calendar's display name, "<prefix> – <subject>".  libical does not
 * escape commas and semicolons in X-WR-CALNAME, so those (and quotes)
 * become spaces here, in NAME as well so both stay equal.
 */
static char *
calendar_name_dup(
    const struct model_instance *inst, const struct feed_params *p)
{
	const char *prefix =
	    p->calendar_name_prefix ? p->calendar_name_prefix : _("Visits");
	char *subject = NULL, *raw, *clean, *out;
	size_t j = 0;

	if (inst != NULL && subject_valid(inst, p)) {
		if (p->kind == FEED_YOUTH)
			subject = feed_first_name_dup(
			    inst->youths[p->subject_idx].name);
		else if (p->kind == FEED_HOME)
			subject = xstrdup(inst->homes[p->subject_idx].name
			        ? inst->homes[p->subject_idx].name
			        : "");
	}
	if (subject != NULL && subject[0] != '\0')
		raw = xasprintf("%s " DASH " %s", prefix, subject);
	else
		raw = xstrdup(prefix);
	clean = text_clean_dup(raw, false);
	out = xmalloc(strlen(clean) + 1);
	for (size_t i = 0; clean[i] != '\0'; i++) {
		char ch = clean[i];

		if (ch == ',' || ch == ';' || ch == '"' || ch == '\\')
			ch = ' ';
		if (ch == ' ' && (j == 0 || out[j - 1] == ' '))
			continue;
		out[j++] = ch;
	}
	while (j > 0 && out[j - 1] == ' ')
		j--;
	out[j] = '\0';
	free(subject);
	free(raw);
	free(clean);
	return out;
}

static void
add_x(icalcomponent *c, const char *name, const char *value)
{
	icalproperty *p = icalproperty_new_x(value);

	icalproperty_set_x_name(p, name);
	icalcomponent_add_property(c, p);
}

static icalcomponent *
calendar_new(const struct model_instance *inst, const struct feed_params *p)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	int minutes = p->refresh_minutes > 0 ? p->refresh_minutes
	                                     : FEED_DEFAULT_REFRESH_MINUTES;
	struct icaldurationtype dur = icaldurationtype_from_int(minutes * 60);
	char *name = calendar_name_dup(inst, p);
	char *ttl;

	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid(FEED_PRODID));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	/*
	 * No METHOD: a subscribed feed is no iTIP message, and METHOD:PUBLISH
	 * would need an ORGANIZER (a calendar address rota does not have) in
	 * every event to pass libical's icalrestriction_check (RFC 5546).
	 */
	icalcomponent_add_property(cal, icalproperty_new_name(name));
	add_x(cal, "X-WR-CALNAME", name);
	if (inst != NULL && inst->timezone != NULL)
		add_x(cal, "X-WR-TIMEZONE", inst->timezone);
	icalcomponent_add_property(cal, icalproperty_new_refreshinterval(dur));
	ttl = icaldurationtype_as_ical_string_r(dur);
	add_x(cal, "X-PUBLISHED-TTL", ttl);
	icalmemory_free_buffer(ttl);
	free(name);
	return cal;
}

/*
 * Appends libical's serialisation of component c (freed) without its last
 * line, "END:<name>\r\n", which the caller writes after its own lines.
 */
static void
component_open(struct sbuf *b, icalcomponent *c, const char *end_line)
{
	char *ical = icalcomponent_as_ical_string_r(c);
	size_t n = ical ? strlen(ical) : 0, e = strlen(end_line);

	if (n >= e && strcmp(ical + n - e, end_line) == 0)
		n -= e;
	sbuf_add(b, ical ? ical : "", n);
	icalmemory_free_buffer(ical);
	icalcomponent_free(c);
}

/* Serialises cal into a malloc'd copy and frees cal. */
static char *
calendar_render(icalcomponent *cal)
{
	struct sbuf b = {0};

	component_open(&b, cal, "END:VCALENDAR\r\n");
	sbuf_adds(&b, "END:VCALENDAR\r\n");
	return sbuf_take(&b);
}

/* ---- X-ROTA-* content lines ------------------------------------------ */

#define FOLD_OCTETS 75 /* RFC 5545 3.1: lines SHOULD NOT be longer */

/*
 * Appends the content line "name:value" (value already clean UTF-8), the
 * value escaped as TEXT (RFC 5545 3.3.11: backslash, semicolon, comma and
 * newline) and the line folded at 75 octets, never inside a character.
 * libical 3.0 leaves commas and semicolons raw in X- properties, so rota
 * writes these lines itself; libical's parser reads them back unescaped.
 */
static void
x_line(struct sbuf *b, const char *name, const char *value)
{
	size_t col = strlen(name) + 1;

	if (value == NULL || value[0] == '\0')
		return;
	sbuf_adds(b, name);
	sbuf_adds(b, ":");
	for (const unsigned char *v = (const unsigned char *)value; *v;) {
		char esc[3] = {'\\', 0, 0};
		const char *chunk = (const char *)v;
		size_t n = 1;

		if (*v == '\\' || *v == ';' || *v == ',' || *v == '\n') {
			esc[1] = *v == '\n' ? 'n' : (char)*v;
			chunk = esc;
			n = 2;
		} else if (*v >= 0x80) {
			while ((v[n] & 0xc0) == 0x80)
				n++;
		}
		if (col + n > FOLD_OCTETS) {
			sbuf_adds(b, "\r\n ");
			col = 1;
		}
		sbuf_add(b, chunk, n);
		col += n;
		v += chunk == esc ? 1 : n;
	}
	sbuf_adds(b, "\r\n");
}

/* ---- events ---------------------------------------------------------- */

struct feed_event {
	size_t a;           /* assignment index */
	int64_t start, end; /* UTC minutes */
	char *uid;
};

static bool
id_plain(const char *id)
{
	if (id == NULL || id[0] == '\0' || strlen(id) > MODEL_ID_MAX)
		return false;
	for (const char *s = id; *s != '\0'; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		        (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		        *s == '.'))
			return false;
	}
	return true;
}

static uint64_t
fnv1a(uint64_t h, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *
feed_uid_dup(const struct model_instance *inst, size_t assignment_idx,
    enum feed_kind kind, const char *uid_domain)
{
	const struct model_assignment *a = &inst->assignments[assignment_idx];
	const char *domain = uid_domain ? uid_domain : FEED_DEFAULT_UID_DOMAIN;
	char k = kind == FEED_YOUTH ? 'y' : kind == FEED_HOME ? 'h' : 'c';
	uint64_t h;

	if (id_plain(a->id))
		return xasprintf("a-%s.%c@%s", a->id, k, domain);
	/* No usable id (an instance file): hash the slot and youth ids. */
	h = fnv1a(0xcbf29ce484222325ULL, a->slot);
	h = fnv1a(h ^ 0x1f, a->youth);
	return xasprintf("a-h%016llx.%c@%s", (unsigned long long)h, k, domain);
}

static int
event_cmp(const void *va, const void *vb)
{
	const struct feed_event *a = va, *b = vb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return strcmp(a->uid, b->uid);
}

static int
str_cmp(const void *va, const void *vb)
{
	return strcmp(*(char *const *)va, *(char *const *)vb);
}

/*
 * First names of the active youths on slot `slot` other than assignment
 * `skip` (SIZE_MAX: none skipped), sorted; *n of them (NULL if none).
 * The caller frees each and the array.
 */
static char **
slot_names(
    const struct model_instance *inst, size_t slot, size_t skip, size_t *np)
{
	char **names = NULL;
	size_t n = 0;

	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];

		if (i == skip || a->slot_idx != slot ||
		    a->status != MODEL_ASSIGNMENT_ACTIVE ||
		    a->youth_idx >= inst->nyouths)
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] =
		    feed_first_name_dup(inst->youths[a->youth_idx].name);
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), str_cmp);
	*np = n;
	return names;
}

/* names joined by ", " (NULL when there are none); a new string. */
static char *
names_join_dup(char *const *names, size_t n)
{
	struct sbuf b = {0};

	if (n == 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sbuf_adds(&b, ", ");
		sbuf_adds(&b, names[i]);
	}
	return sbuf_take(&b);
}

/* Starts a new line of DESCRIPTION. */
static void
new_line(struct sbuf *b)
{
	if (b->len > 0)
		sbuf_adds(b, "\n");
}

/* Whether s has text: empty lines are left out of DESCRIPTION. */
static bool
has_text(const char *s)
{
	return s != NULL && s[0] != '\0';
}

static icalproperty *
dt_prop(icalproperty *(*ctor)(struct icaltimetype), int64_t wall,
    int64_t utc_min, const char *tzid, bool utc)
{
	icalproperty *p;

	if (utc)
		return ctor(ical_utc(utc_min * 60));
	p = ctor(ical_wall(wall));
	icalproperty_add_parameter(p, icalparameter_new_tzid(tzid));
	return p;
}

/*
 * The SUMMARY a person reads: "Visit – Solheim sykehjem: Quiz" (bokmål
 * "Besøk – ..."), with the youth's first name after it on home and
 * coordinator feeds and "CANCELLED: " ("AVLYST: ") in front when it is.
 */
static char *
summary_dup(const char *home, const char *activity, const char *me,
    bool cancelled, enum feed_kind kind)
{
	struct sbuf b = {0};
	char *text;

	/* TRANSLATORS: the word a feed event's title starts with, as in
	   "Visit – Solheim sykehjem: Quiz"; bokmål "Besøk". */
	sbuf_adds(&b, _("Visit"));
	if (home[0] != '\0')
		sbuf_addf(&b, " " DASH " %s", home);
	if (activity[0] != '\0')
		sbuf_addf(&b, ": %s", activity);
	if (kind != FEED_YOUTH && me[0] != '\0')
		sbuf_addf(&b, " (%s)", me);
	text = sbuf_take(&b);
	if (cancelled) {
		/* TRANSLATORS: the title of a cancelled event; bokmål
		   "AVLYST: %s". */
		char *c = xasprintf(_("CANCELLED: %s"), text);
		free(text);
		text = c;
	}
	return text;
}

/* DESCRIPTION: what a person reads about the event, line by line. */
static char *
description_dup(const struct feed_params *p, const struct model_slot *s,
    const char *me, const char *others, bool cancelled)
{
	struct sbuf b = {0};
	char *text;

	if (cancelled)
		sbuf_adds(&b,
		    p->kind == FEED_YOUTH ? _("This shift is cancelled.")
		                          : _("This visit is cancelled."));
	text = text_clean_dup(s->activity, true);
	if (has_text(text)) {
		new_line(&b);
		sbuf_addf(&b, _("Activity: %s"), text);
	}
	free(text);
	if (p->kind != FEED_YOUTH && has_text(me)) {
		new_line(&b);
		sbuf_addf(&b, _("Youth: %s"), me);
	}
	if (has_text(others)) {
		new_line(&b);
		/* TRANSLATORS: the other youths on the same visit; bokmål
		   "Sammen med: %s". */
		sbuf_addf(&b, _("With: %s"), others);
	}
	text = text_clean_dup(p->coordinator_contact, true);
	if (has_text(text)) {
		new_line(&b);
		sbuf_addf(&b, _("Coordinator: %s"), text);
	}
	free(text);
	return sbuf_take(&b);
}

/*
 * Appends one VEVENT: libical's properties, then the X-ROTA-* lines that
 * programs (rota shifts) read instead of the translated texts.
 */
static void
event_write(struct sbuf *out, const struct model_instance *inst,
    const struct feed_params *p, const struct feed_event *ev, bool utc)
{
	const struct model_assignment *a = &inst->assignments[ev->a];
	const struct model_slot *s = &inst->slots[a->slot_idx];
	const struct model_home *h =
	    s->home_idx < inst->nhomes ? &inst->homes[s->home_idx] : NULL;
	bool cancelled = a->status == MODEL_ASSIGNMENT_CANCELLED;
	char *home = text_clean_dup(h ? h->name : NULL, false);
	char *activity = text_clean_dup(s->activity, false);
	char *me = feed_first_name_dup(inst->youths[a->youth_idx].name);
	size_t nothers = 0;
	char **others =
	    cancelled ? NULL : slot_names(inst, a->slot_idx, ev->a, &nothers);
	char *text;
	icalcomponent *e = icalcomponent_new_vevent();
	int64_t stamp =
	    a->updated_at > a->created_at ? a->updated_at : a->created_at;
	int seq = a->seq < 0 ? 0 : a->seq > INT_MAX ? INT_MAX : (int)a->seq;

	icalcomponent_add_property(e, icalproperty_new_uid(ev->uid));
	icalcomponent_add_property(
	    e, icalproperty_new_dtstamp(ical_utc(stamp > 0 ? stamp : 0)));
	if (a->created_at > 0)
		icalcomponent_add_property(
		    e, icalproperty_new_created(ical_utc(a->created_at)));
	if (a->updated_at > 0)
		icalcomponent_add_property(
		    e, icalproperty_new_lastmodified(ical_utc(a->updated_at)));
	icalcomponent_add_property(e, icalproperty_new_sequence(seq));
	icalcomponent_add_property(e,
	    dt_prop(icalproperty_new_dtstart, s->start, ev->start,
	        inst->timezone, utc));
	icalcomponent_add_property(e,
	    dt_prop(
	        icalproperty_new_dtend, s->end, ev->end, inst->timezone, utc));

	text = summary_dup(home, activity, me, cancelled, p->kind);
	icalcomponent_add_property(e, icalproperty_new_summary(text));
	free(text);

	if (h != NULL && h->address != NULL && h->address[0] != '\0') {
		text = text_clean_dup(h->address, false);
		if (text[0] != '\0')
			icalcomponent_add_property(
			    e, icalproperty_new_location(text));
		free(text);
	}

	{
		char *with = names_join_dup(others, nothers);
		text = description_dup(p, s, me, with, cancelled);
		free(with);
	}
	if (text[0] != '\0')
		icalcomponent_add_property(
		    e, icalproperty_new_description(text));
	free(text);

	icalcomponent_add_property(e,
	    icalproperty_new_status(
	        cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
	icalcomponent_add_property(e,
	    icalproperty_new_transp(p->kind == FEED_YOUTH && !cancelled
	            ? ICAL_TRANSP_OPAQUE
	            : ICAL_TRANSP_TRANSPARENT));
	component_open(out, e, "END:VEVENT\r\n");

	/* Ids, then the names as stored: the same in every language. */
	text = text_clean_dup(h ? h->id : NULL, false);
	x_line(out, "X-ROTA-HOME-ID", text);
	free(text);
	x_line(out, "X-ROTA-HOME", home);
	x_line(out, "X-ROTA-ACTIVITY", activity);
	text = text_clean_dup(s->id, false);
	x_line(out, "X-ROTA-SLOT-ID", text);
	free(text);
	text = text_clean_dup(a->id, false);
	x_line(out, "X-ROTA-ASSIGNMENT-ID", text);
	free(text);
	/* First names only (least personal data, docs/privacy.md). */
	if (p->kind != FEED_YOUTH)
		x_line(out, "X-ROTA-YOUTH", me);
	for (size_t i = 0; i < nothers; i++) {
		x_line(out, "X-ROTA-WITH", others[i]);
		free(others[i]);
	}
	sbuf_adds(out, "END:VEVENT\r\n");
	free(others);
	free(home);
	free(activity);
	free(me);
}

/* Whether assignment i belongs in the feed; fills its UTC span. */
static bool
event_selected(const struct model_instance *inst, const struct feed_params *p,
    const struct tzmap *tz, size_t i, int64_t *start, int64_t *end)
{
	const struct model_assignment *a = &inst->assignments[i];
	const struct model_slot *s;
	int64_t ws = p->now - (int64_t)p->past_days * DAY_SECONDS;
	int64_t we = p->now + (int64_t)p->future_days * DAY_SECONDS;

	if (a->slot_idx >= inst->nslots || a->youth_idx >= inst->nyouths)
		return false;
	s = &inst->slots[a->slot_idx];
	if ((p->kind == FEED_YOUTH && a->youth_idx != p->subject_idx) ||
	    (p->kind == FEED_HOME && s->home_idx != p->subject_idx))
		return false;
	if (a->status == MODEL_ASSIGNMENT_CANCELLED &&
	    p->now >=
	        a->updated_at + (int64_t)FEED_CANCELLED_KEEP_DAYS * DAY_SECONDS)
		return false;
	(void)tzmap_to_utc(tz, s->start, start);
	(void)tzmap_to_utc(tz, s->end, end);
	/* Overlap with the half-open window [ws, we). */
	return *end * 60 > ws && *start * 60 < we;
}

/*
 * The feed, rendered in the feed's language: the thread's language is
 * switched for the call and put back after.
 */
static char *
render_in_language(const struct model_instance *inst,
    const struct feed_params *p, const struct tzmap *tz)
{
	struct tz_compact tzc;
	struct feed_event *ev = NULL;
	size_t nev = 0;
	icalcomponent *cal;
	struct sbuf b = {0};

	tz_compact_derive(tz,
	    floor_div(p->now - (int64_t)p->past_days * DAY_SECONDS, 60),
	    floor_div(p->now + (int64_t)p->future_days * DAY_SECONDS, 60),
	    &tzc);
	/* A fixed UTC zone needs no VTIMEZONE either. */
	if (!tzc.has_dst && tzc.offset == 0 && tz->ntrans == 0)
		tzc.utc = true;

	for (size_t i = 0; i < inst->nassignments; i++) {
		int64_t start, end;

		if (!event_selected(inst, p, tz, i, &start, &end))
			continue;
		ev = xreallocarray(ev, nev + 1, sizeof(*ev));
		ev[nev].a = i;
		ev[nev].start = start;
		ev[nev].end = end;
		ev[nev].uid = feed_uid_dup(inst, i, p->kind, p->uid_domain);
		nev++;
	}
	if (nev > 0)
		qsort(ev, nev, sizeof(*ev), event_cmp);

	cal = calendar_new(inst, p);
	if (!tzc.utc)
		icalcomponent_add_component(cal, vtz_new(inst->timezone, &tzc));
	component_open(&b, cal, "END:VCALENDAR\r\n");
	for (size_t i = 0; i < nev; i++) {
		event_write(&b, inst, p, &ev[i], tzc.utc);
		free(ev[i].uid);
	}
	sbuf_adds(&b, "END:VCALENDAR\r\n");
	free(ev);
	return sbuf_take(&b);
}

char *
feed_render(const struct model_instance *inst, const struct feed_params *p)
{
	const struct tzmap *tz;
	enum i18n_lang was = i18n_current();
	char *out;

	if (inst == NULL || p == NULL || !subject_valid(inst, p) ||
	    (tz = tzmap_get(inst->timezone)) == NULL)
		return NULL;
	i18n_use((enum i18n_lang)p->lang);
	out = render_in_language(inst, p, tz);
	i18n_use(was);
	return out;
}

char *
feed_render_empty(
    const struct model_instance *inst, const struct feed_params *p)
{
	enum i18n_lang was = i18n_current();
	char *out;

	i18n_use((enum i18n_lang)p->lang);
	out = calendar_render(calendar_new(inst, p));
	i18n_use(was);
	return out;
}
