/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the iCalendar feed writer
 * (daemon/feed.c): every rendered feed is parsed back with libical and
 * checked for the properties clients need, stable UIDs, determinism, the
 * window and cancellation rules, time zones around DST changes, escaping,
 * folding, line ends and the privacy of the youths; the same feeds in
 * bokmål and English, and the X-ROTA-* properties that stay the same.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libical/ical.h>

#include "civil.h"
#include "feed.h"
#include "i18n.h"
#include "model.h"
#include "tzmap.h"
#include "xmalloc.h"

#define DAY       86400
#define DOMAIN    "test.example"
#define CONTACT   "Randi (koordinator), tlf. 22 22 22 22"
#define ESCAPE_IN "Ærlig, ja; nei\nny linje"

/* ---- fixture ----------------------------------------------------------- */

static int64_t
wall_of(const char *s)
{
	int64_t w = 0;

	assert_int_equal(civil_parse_datetime(s, &w), 0);
	return w;
}

/* Unix seconds of a UTC "YYYY-MM-DDTHH:MM". */
static int64_t
utc_of(const char *s)
{
	return wall_of(s) * 60;
}

static void
add_home(struct model_instance *inst, const char *id, const char *name,
    const char *address)
{
	struct model_home *h;

	inst->homes =
	    xreallocarray(inst->homes, inst->nhomes + 1, sizeof(*inst->homes));
	h = &inst->homes[inst->nhomes++];
	memset(h, 0, sizeof(*h));
	h->id = xstrdup(id);
	h->name = xstrdup(name);
	h->address = address ? xstrdup(address) : NULL;
}

static void
add_youth(struct model_instance *inst, const char *id, const char *name,
    const char *birth)
{
	struct model_youth *y;

	inst->youths = xreallocarray(
	    inst->youths, inst->nyouths + 1, sizeof(*inst->youths));
	y = &inst->youths[inst->nyouths++];
	memset(y, 0, sizeof(*y));
	y->id = xstrdup(id);
	y->name = xstrdup(name);
	assert_int_equal(civil_parse_date(birth, &y->birth_date), 0);
	y->guardian_consent = CIVIL_NO_DATE;
	y->max_week_minutes = -1;
}

static void
add_slot(struct model_instance *inst, const char *id, const char *home,
    const char *start, const char *end, const char *activity)
{
	struct model_slot *s;

	inst->slots =
	    xreallocarray(inst->slots, inst->nslots + 1, sizeof(*inst->slots));
	s = &inst->slots[inst->nslots++];
	memset(s, 0, sizeof(*s));
	s->id = xstrdup(id);
	s->home = xstrdup(home);
	s->start = wall_of(start);
	s->end = wall_of(end);
	s->needed = 1;
	s->activity = activity ? xstrdup(activity) : NULL;
}

static struct model_assignment *
add_assignment(struct model_instance *inst, const char *id, const char *slot,
    const char *youth)
{
	struct model_assignment *a;

	inst->assignments = xreallocarray(inst->assignments,
	    inst->nassignments + 1, sizeof(*inst->assignments));
	a = &inst->assignments[inst->nassignments++];
	memset(a, 0, sizeof(*a));
	a->id = id ? xstrdup(id) : NULL;
	a->slot = xstrdup(slot);
	a->youth = xstrdup(youth);
	a->status = MODEL_ASSIGNMENT_ACTIVE;
	a->seq = 1;
	a->created_at = utc_of("2026-12-01T09:00");
	a->updated_at = utc_of("2026-12-01T09:00");
	return a;
}

static void
link_inst(struct model_instance *inst)
{
	char field[64], msg[128];

	assert_int_equal(
	    model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)),
	    0);
}

/* "now" of most tests: 2027-01-01 12:00 UTC. */
static int64_t
now_default(void)
{
	return utc_of("2027-01-01T12:00");
}

/*
 * Two homes, three youths, visits in January and on both 2027 DST days.
 * Youth 0 (Ida) has a1 (s1 with Ola), a4 (spring DST) and a5 (autumn).
 */
static struct model_instance *
fixture(void)
{
	struct model_instance *inst = model_instance_new();

	add_home(inst, "solheim", "Solheim sykehjem", "Solveien 1, 0000 Oslo");
	add_home(inst, "lia", "Lia omsorgssenter", "Liaveien 2, 0001 Oslo");
	add_youth(inst, "y1", "Ida Nilsen", "2010-03-14");
	add_youth(inst, "y2", "Ola Hansen", "2011-05-02");
	add_youth(inst, "y3", "Kari Berg-Olsen", "2009-11-30");
	add_slot(inst, "s1", "solheim", "2027-01-04T16:00", "2027-01-04T18:00",
	    "Quiz");
	add_slot(inst, "s2", "lia", "2027-01-05T17:00", "2027-01-05T19:00",
	    "Tur i parken");
	add_slot(inst, "s3", "solheim", "2027-03-28T01:30", "2027-03-28T04:00",
	    "Nattkaffe");
	add_slot(inst, "s4", "solheim", "2027-10-31T01:30", "2027-10-31T04:00",
	    "Nattkaffe");
	add_assignment(inst, "a1", "s1", "y1");
	add_assignment(inst, "a2", "s1", "y2");
	add_assignment(inst, "a3", "s2", "y3");
	add_assignment(inst, "a4", "s3", "y1");
	add_assignment(inst, "a5", "s4", "y1");
	link_inst(inst);
	return inst;
}

static char *
render_lang_at(const struct model_instance *inst, enum feed_kind kind,
    size_t idx, int64_t now, enum i18n_lang lang)
{
	struct feed_params p;
	char *out;

	feed_params_init(&p, kind, idx, now);
	p.lang = lang;
	p.coordinator_contact = CONTACT;
	p.uid_domain = DOMAIN;
	out = feed_render(inst, &p);
	assert_non_null(out);
	return out;
}

/* Most tests read the bokmål texts, which feeds had before English. */
static char *
render_at(const struct model_instance *inst, enum feed_kind kind, size_t idx,
    int64_t now)
{
	return render_lang_at(inst, kind, idx, now, I18N_NB);
}

static char *
render(const struct model_instance *inst, enum feed_kind kind, size_t idx)
{
	return render_at(inst, kind, idx, now_default());
}

/* ---- checks on the text and the parsed calendar ------------------------ */

static int
count_substr(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static bool
utf8_valid(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t len;
		unsigned long cp;

		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf)
			len = 2, cp = p[i] & 0x1fu;
		else if (p[i] >= 0xe0 && p[i] <= 0xef)
			len = 3, cp = p[i] & 0x0fu;
		else if (p[i] >= 0xf0 && p[i] <= 0xf4)
			len = 4, cp = p[i] & 0x07u;
		else
			return false;
		if (i + len > n)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + k] & 0x3fu);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
			return false;
		i += len;
	}
	return true;
}

/*
 * RFC 5545 §3.1 at the byte level: CRLF after every line, no bare CR or
 * LF, every physical line at most 75 octets and valid UTF-8 on its own,
 * no BOM, no control characters but TAB.
 */
static void
assert_raw_ok(const char *ics)
{
	const char *line = ics;

	assert_false((unsigned char)ics[0] == 0xef);
	assert_true(strncmp(ics, "BEGIN:VCALENDAR\r\n", 17) == 0);
	assert_true(strlen(ics) >= 2 &&
	    strcmp(ics + strlen(ics) - 15, "END:VCALENDAR\r\n") == 0);
	while (*line != '\0') {
		const char *cr = strchr(line, '\r');
		size_t len;

		assert_non_null(cr);
		assert_int_equal(cr[1], '\n');
		len = (size_t)(cr - line);
		assert_true(len <= 75);
		assert_true(utf8_valid((const unsigned char *)line, len));
		for (size_t i = 0; i < len; i++)
			assert_false(((unsigned char)line[i] < 0x20 &&
			                 line[i] != '\t') ||
			    line[i] == 0x7f);
		line = cr + 2;
	}
}

/* No X-LIC-ERROR anywhere below c. */
static int
count_errors(icalcomponent *c)
{
	int n = icalcomponent_count_properties(c, ICAL_XLICERROR_PROPERTY);

	for (icalcomponent *sub =
	         icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
	     sub != NULL;
	     sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		n += count_errors(sub);
	return n;
}

/* Parses a feed and checks the byte rules and that it is one clean VCALENDAR.
 */
static icalcomponent *
parse(const char *ics)
{
	icalcomponent *cal;

	assert_raw_ok(ics);
	assert_int_equal(count_substr(ics, "BEGIN:VCALENDAR"), 1);
	cal = icalparser_parse_string(ics);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(count_errors(cal), 0);
	return cal;
}

static icalcomponent *
event_by_uid(icalcomponent *cal, const char *uid)
{
	for (icalcomponent *e =
	         icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     e != NULL;
	     e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (strcmp(icalcomponent_get_uid(e), uid) == 0)
			return e;
	return NULL;
}

static const char *
x_value(icalcomponent *c, const char *name)
{
	for (icalproperty *p =
	         icalcomponent_get_first_property(c, ICAL_X_PROPERTY);
	     p != NULL; p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY))
		if (strcmp(icalproperty_get_x_name(p), name) == 0)
			return icalproperty_get_x(p);
	return NULL;
}

/* The UTC Unix time of a DTSTART/DTEND, resolved with the feed's own
 * VTIMEZONE (not libical's built-in zone) when it has a TZID. */
static int64_t
prop_utc(icalcomponent *cal, icalproperty *p)
{
	icalparameter *tzid =
	    icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	struct icaltimetype tt =
	    icalvalue_get_datetime(icalproperty_get_value(p));

	if (tzid == NULL) {
		assert_true(icaltime_is_utc(tt));
		return (int64_t)icaltime_as_timet(tt);
	}
	icaltimezone *zone =
	    icalcomponent_get_timezone(cal, icalparameter_get_tzid(tzid));
	assert_non_null(zone);
	tt.zone = NULL;
	return (int64_t)icaltime_as_timet_with_zone(tt, zone);
}

static int64_t
event_start_utc(icalcomponent *cal, icalcomponent *e)
{
	return prop_utc(
	    cal, icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY));
}

static int64_t
event_end_utc(icalcomponent *cal, icalcomponent *e)
{
	return prop_utc(
	    cal, icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY));
}

/* Expected UTC seconds of a wall time in a zone, from tzmap. */
static int64_t
tz_utc(const char *zone, const char *wall)
{
	int64_t utc = 0;

	assert_int_equal(
	    tzmap_to_utc(tzmap_get(zone), wall_of(wall), &utc), TZMAP_OK);
	return utc * 60;
}

/* A copy of one component's text, from s through its "END:VEVENT\r\n". */
static char *
xstrndup_block(const char *s)
{
	const char *end = strstr(s, "END:VEVENT\r\n");
	char *out;

	assert_non_null(end);
	end += strlen("END:VEVENT\r\n");
	out = xmalloc((size_t)(end - s) + 1);
	memcpy(out, s, (size_t)(end - s));
	out[end - s] = '\0';
	return out;
}

/* ---- calendar ------------------------------------------------------- */

static void
test_youth_feed_is_one_clean_vcalendar(void **state)
{
	struct model_instance *inst = fixture();
	char *ics = render(inst, FEED_YOUTH, 0);
	icalcomponent *cal = parse(ics);

	(void)state;
	/* a1 and a4 are in the window; a5 (October) is beyond 180 days. */
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 2);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VTIMEZONE_COMPONENT), 1);
	assert_null(strstr(ics, "ORGANIZER"));
	assert_null(strstr(ics, "ATTENDEE"));
	assert_null(strstr(ics, "VALARM"));
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

static void
test_calendar_properties(void **state)
{
	struct model_instance *inst = fixture();
	char *ics = render(inst, FEED_YOUTH, 0);
	icalcomponent *cal = parse(ics);
	icalproperty *p;

	(void)state;
	p = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
	assert_non_null(p);
	assert_string_equal(icalproperty_get_version(p), "2.0");
	p = icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY);
	assert_non_null(p);
	assert_non_null(strstr(icalproperty_get_prodid(p), "rota"));
	assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_NONE);
	p = icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY);
	assert_non_null(p);
	assert_string_equal(icalproperty_get_name(p), "Besøk – Ida");
	assert_string_equal(x_value(cal, "X-WR-CALNAME"), "Besøk – Ida");
	assert_string_equal(x_value(cal, "X-WR-TIMEZONE"), "Europe/Oslo");
	assert_string_equal(x_value(cal, "X-PUBLISHED-TTL"), "PT1H");
	assert_non_null(
	    strstr(ics, "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"));
	assert_non_null(strstr(ics, "\r\nCALSCALE:GREGORIAN\r\n"));
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

/* The X-LIC-ERROR properties libical left anywhere in c; 0 when clean. */
static int
lic_errors(icalcomponent *c)
{
	int n = 0;

	for (icalproperty *p =
	         icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		print_message("%s\n", icalproperty_get_xlicerror(p));
		n++;
	}
	for (icalcomponent *k =
	         icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
	     k != NULL;
	     k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		n += lic_errors(k);
	return n;
}

/*
 * libical's own iTIP check: a feed is no scheduling message, so it must
 * not claim METHOD:PUBLISH (which needs an ORGANIZER in every event);
 * without METHOD the RFC 5545 restrictions apply, and every feed kind,
 * with a cancelled event among them, meets them.
 */
static void
test_passes_libical_restriction_check(void **state)
{
	static const enum feed_kind kinds[] = {FEED_YOUTH, FEED_HOME};
	struct model_instance *inst = fixture();

	(void)state;
	inst->assignments[0].status = MODEL_ASSIGNMENT_CANCELLED;
	inst->assignments[0].seq = 1;
	inst->assignments[0].updated_at = now_default() - DAY;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char *ics = render(inst, kinds[i], 0);
		icalcomponent *cal = parse(ics);

		assert_int_equal(
		    icalcomponent_get_method(cal), ICAL_METHOD_NONE);
		assert_int_equal(icalrestriction_check(cal), 1);
		assert_int_equal(lic_errors(cal), 0);
		icalcomponent_free(cal);
		free(ics);
	}
	model_instance_free(inst);
}

static void
test_refresh_interval_parameter(void **state)
{
	struct model_instance *inst = fixture();
	struct feed_params p;
	char *ics;

	(void)state;
	feed_params_init(&p, FEED_HOME, 0, now_default());
	p.refresh_minutes = 90;
	p.calendar_name_prefix = "Visits";
	p.lang = I18N_NB; /* a prefix given is used as it is */
	ics = feed_render(inst, &p);
	assert_non_null(ics);
	assert_non_null(
	    strstr(ics, "REFRESH-INTERVAL;VALUE=DURATION:PT1H30M\r\n"));
	assert_non_null(strstr(ics, "X-PUBLISHED-TTL:PT1H30M\r\n"));
	assert_non_null(
	    strstr(ics, "X-WR-CALNAME:Visits – Solheim sykehjem\r\n"));
	free(ics);
	model_instance_free(inst);
}

static void
test_event_properties(void **state)
{
	struct model_instance *inst = fixture();
	char *ics = render(inst, FEED_YOUTH, 0);
	icalcomponent *cal = parse(ics);
	icalcomponent *e = event_by_uid(cal, "a-a1.y@" DOMAIN);
	const char *desc;

	(void)state;
	assert_non_null(e);
	assert_string_equal(
	    icalcomponent_get_summary(e), "Besøk – Solheim sykehjem: Quiz");
	assert_string_equal(
	    icalcomponent_get_location(e), "Solveien 1, 0000 Oslo");
	desc = icalcomponent_get_description(e);
	assert_non_null(desc);
	assert_string_equal(desc,
	    "Aktivitet: Quiz\nSammen med: Ola\n"
	    "Koordinator: " CONTACT);
	assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_CONFIRMED);
	assert_int_equal(icalcomponent_get_sequence(e), 1);
	assert_non_null(
	    strstr(ics, "DTSTART;TZID=Europe/Oslo:20270104T160000\r\n"));
	assert_non_null(
	    strstr(ics, "DTEND;TZID=Europe/Oslo:20270104T180000\r\n"));
	assert_non_null(strstr(ics, "DTSTAMP:20261201T090000Z\r\n"));
	assert_non_null(strstr(ics, "LAST-MODIFIED:20261201T090000Z\r\n"));
	assert_int_equal(event_start_utc(cal, e), utc_of("2027-01-04T15:00"));
	assert_int_equal(event_end_utc(cal, e), utc_of("2027-01-04T17:00"));
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

/* Every date-time is either UTC or names the plain IANA TZID; never both. */
static void
test_datetime_forms(void **state)
{
	struct model_instance *inst = fixture();
	char *ics = render(inst, FEED_ALL, 0);
	char *copy = xstrdup(ics);

	(void)state;
	assert_null(strstr(ics, "freeassociation"));
	assert_null(strstr(ics, "TZID=/"));
	assert_null(strstr(ics, "TZID:/"));
	for (char *line = strtok(copy, "\r\n"); line != NULL;
	     line = strtok(NULL, "\r\n")) {
		size_t len = strlen(line);

		if (strncmp(line, "DTSTART;", 8) == 0 ||
		    strncmp(line, "DTEND;", 6) == 0) {
			assert_non_null(strstr(line, ";TZID=Europe/Oslo:"));
			assert_true(line[len - 1] != 'Z');
		} else if (strncmp(line, "DTSTAMP:", 8) == 0 ||
		    strncmp(line, "LAST-MODIFIED:", 14) == 0 ||
		    strncmp(line, "CREATED:", 8) == 0) {
			assert_int_equal(line[len - 1], 'Z');
			assert_int_equal(strlen(strchr(line, ':') + 1), 16);
		} else if (strncmp(line, "DTSTART:", 8) == 0) {
			/* Only inside the VTIMEZONE: local, no Z, no TZID. */
			assert_true(line[len - 1] != 'Z');
		}
		assert_false(strncmp(line, "DTEND:", 6) == 0);
	}
	free(copy);
	free(ics);
	model_instance_free(inst);
}

/* ---- UIDs -------------------------------------------------------------- */

static void
test_uid_stable_across_renders_and_changes(void **state)
{
	struct model_instance *inst = fixture();
	char *before = render(inst, FEED_YOUTH, 0), *after, *block;
	icalcomponent *cal;

	(void)state;
	/* Unrelated changes: another youth renamed, a new slot and assignment.
	 */
	free(inst->youths[2].name);
	inst->youths[2].name = xstrdup("Karianne Berg");
	add_slot(
	    inst, "s9", "lia", "2027-01-02T10:00", "2027-01-02T12:00", "Bingo");
	add_assignment(inst, "a9", "s9", "y1");
	link_inst(inst);
	after = render(inst, FEED_YOUTH, 0);
	cal = parse(after);
	assert_non_null(event_by_uid(cal, "a-a1.y@" DOMAIN));
	assert_non_null(event_by_uid(cal, "a-a4.y@" DOMAIN));
	assert_non_null(event_by_uid(cal, "a-a9.y@" DOMAIN));
	/* The old event is byte-for-byte the same block. */
	block = strstr(before, "BEGIN:VEVENT\r\nUID:a-a1.y@");
	assert_non_null(block);
	block = xstrndup_block(block);
	assert_non_null(strstr(after, block));
	free(block);
	icalcomponent_free(cal);
	free(before);
	free(after);
	model_instance_free(inst);
}

static void
test_uid_per_kind_and_no_personal_data(void **state)
{
	struct model_instance *inst = fixture();
	char *y = feed_uid_dup(inst, 0, FEED_YOUTH, DOMAIN);
	char *h = feed_uid_dup(inst, 0, FEED_HOME, DOMAIN);
	char *c = feed_uid_dup(inst, 0, FEED_ALL, DOMAIN);
	char *d = feed_uid_dup(inst, 0, FEED_ALL, NULL);

	(void)state;
	assert_string_equal(y, "a-a1.y@" DOMAIN);
	assert_string_equal(h, "a-a1.h@" DOMAIN);
	assert_string_equal(c, "a-a1.c@" DOMAIN);
	assert_string_equal(d, "a-a1.c@" FEED_DEFAULT_UID_DOMAIN);
	assert_null(strstr(y, "Ida"));
	free(y);
	free(h);
	free(c);
	free(d);
	model_instance_free(inst);
}

static void
test_uid_without_id_is_hashed_and_stable(void **state)
{
	struct model_instance *inst = fixture();
	char *u0, *u1, *again;

	(void)state;
	free(inst->assignments[0].id);
	inst->assignments[0].id = NULL;
	free(inst->assignments[1].id);
	inst->assignments[1].id = xstrdup("has space@and,comma");
	u0 = feed_uid_dup(inst, 0, FEED_YOUTH, DOMAIN);
	u1 = feed_uid_dup(inst, 1, FEED_YOUTH, DOMAIN);
	again = feed_uid_dup(inst, 0, FEED_YOUTH, DOMAIN);
	assert_string_equal(u0, again);
	assert_true(strncmp(u0, "a-h", 3) == 0);
	assert_int_equal(strlen(u0), strlen("a-h0123456789abcdef.y@" DOMAIN));
	assert_string_not_equal(u0, u1);
	assert_null(strchr(u1, ' '));
	assert_null(strchr(u1, ','));
	free(u0);
	free(u1);
	free(again);
	model_instance_free(inst);
}

/* ---- determinism and changes ------------------------------------------- */

static void
test_identical_data_identical_bytes(void **state)
{
	struct model_instance *inst = fixture();
	char *a = render(inst, FEED_ALL, 0), *b = render(inst, FEED_ALL, 0);
	char *c;
	struct model_assignment tmp;

	(void)state;
	assert_string_equal(a, b);
	/* The order of the assignments in memory does not matter. */
	tmp = inst->assignments[0];
	inst->assignments[0] = inst->assignments[4];
	inst->assignments[4] = tmp;
	tmp = inst->assignments[1];
	inst->assignments[1] = inst->assignments[2];
	inst->assignments[2] = tmp;
	link_inst(inst);
	c = render(inst, FEED_ALL, 0);
	assert_string_equal(a, c);
	/* Nor does the clock, within a day, when nothing crosses an edge. */
	free(b);
	b = render_at(inst, FEED_ALL, 0, now_default() + 3600);
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(c);
	model_instance_free(inst);
}

static void
test_change_bumps_sequence_and_last_modified(void **state)
{
	struct model_instance *inst = fixture();
	char *before = render(inst, FEED_YOUTH, 0), *after;
	icalcomponent *cb = parse(before), *ca;
	icalcomponent *eb = event_by_uid(cb, "a-a1.y@" DOMAIN), *ea;

	(void)state;
	inst->assignments[0].seq = 2;
	inst->assignments[0].updated_at = utc_of("2026-12-20T08:15");
	inst->slots[0].start = wall_of("2027-01-04T17:00");
	after = render(inst, FEED_YOUTH, 0);
	ca = parse(after);
	ea = event_by_uid(ca, "a-a1.y@" DOMAIN);
	assert_non_null(ea);
	assert_true(
	    icalcomponent_get_sequence(ea) > icalcomponent_get_sequence(eb));
	assert_non_null(strstr(after, "LAST-MODIFIED:20261220T081500Z\r\n"));
	assert_non_null(strstr(after, "DTSTAMP:20261220T081500Z\r\n"));
	assert_non_null(strstr(before, "LAST-MODIFIED:20261201T090000Z\r\n"));
	assert_string_not_equal(before, after);
	assert_int_equal(event_start_utc(ca, ea), utc_of("2027-01-04T16:00"));
	icalcomponent_free(cb);
	icalcomponent_free(ca);
	free(before);
	free(after);
	model_instance_free(inst);
}

/* ---- cancellation and window ------------------------------------------ */

static void
test_cancelled_kept_30_days(void **state)
{
	struct model_instance *inst = fixture();
	int64_t now = now_default();
	char *ics;
	icalcomponent *cal, *e;

	(void)state;
	inst->assignments[0].status = MODEL_ASSIGNMENT_CANCELLED;
	inst->assignments[0].seq = 2;
	inst->assignments[0].updated_at = now - 30 * DAY + 1;
	ics = render_at(inst, FEED_YOUTH, 0, now);
	cal = parse(ics);
	e = event_by_uid(cal, "a-a1.y@" DOMAIN);
	assert_non_null(e);
	assert_int_equal(icalcomponent_get_status(e), ICAL_STATUS_CANCELLED);
	assert_int_equal(icalcomponent_get_sequence(e), 2);
	assert_true(strncmp(icalcomponent_get_summary(e), "AVLYST: ", 8) == 0);
	assert_non_null(strstr(ics, "STATUS:CANCELLED\r\n"));
	/* Ola is still going; a cancelled event's text does not list him. */
	assert_null(strstr(icalcomponent_get_description(e), "Ola"));
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

static void
test_cancelled_dropped_after_30_days(void **state)
{
	struct model_instance *inst = fixture();
	int64_t now = now_default();
	char *ics;

	(void)state;
	inst->assignments[0].status = MODEL_ASSIGNMENT_CANCELLED;
	inst->assignments[0].updated_at = now - 30 * DAY;
	ics = render_at(inst, FEED_YOUTH, 0, now);
	assert_null(strstr(ics, "UID:a-a1.y@"));
	assert_non_null(strstr(ics, "UID:a-a4.y@"));
	free(ics);
	/* The home feed drops it too; Ola's own event stays. */
	ics = render_at(inst, FEED_HOME, 0, now);
	assert_null(strstr(ics, "UID:a-a1.h@"));
	assert_non_null(strstr(ics, "UID:a-a2.h@"));
	free(ics);
	model_instance_free(inst);
}

static void
test_window_past_edge(void **state)
{
	struct model_instance *inst = fixture();
	/* s1 ends 2027-01-04T17:00Z; put "now" 30 days after that. */
	int64_t end = utc_of("2027-01-04T17:00");
	char *ics;

	(void)state;
	ics = render_at(inst, FEED_YOUTH, 0, end + 30 * DAY);
	assert_null(strstr(ics, "UID:a-a1.y@"));
	free(ics);
	ics = render_at(inst, FEED_YOUTH, 0, end + 30 * DAY - 60);
	assert_non_null(strstr(ics, "UID:a-a1.y@"));
	free(ics);
	model_instance_free(inst);
}

static void
test_window_future_edge(void **state)
{
	struct model_instance *inst = fixture();
	/* s4 starts 2027-10-30T23:30Z (01:30 CEST on the autumn DST day). */
	int64_t start = tz_utc("Europe/Oslo", "2027-10-31T01:30");
	char *ics;

	(void)state;
	assert_int_equal(start, utc_of("2027-10-30T23:30"));
	ics = render_at(inst, FEED_YOUTH, 0, start - 180 * DAY);
	assert_null(strstr(ics, "UID:a-a5.y@"));
	free(ics);
	ics = render_at(inst, FEED_YOUTH, 0, start - 180 * DAY + 60);
	assert_non_null(strstr(ics, "UID:a-a5.y@"));
	free(ics);
	model_instance_free(inst);
}

/* ---- time zones --------------------------------------------------------- */

static void
test_vtimezone_is_compact(void **state)
{
	struct model_instance *inst = fixture();
	char *ics = render(inst, FEED_YOUTH, 0);
	icalcomponent *cal = parse(ics);
	icalcomponent *vtz =
	    icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
	icalcomponent_kind kinds[] = {
	    ICAL_XSTANDARD_COMPONENT, ICAL_XDAYLIGHT_COMPONENT};

	(void)state;
	assert_non_null(vtz);
	assert_string_equal(
	    icalproperty_get_tzid(
	        icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)),
	    "Europe/Oslo");
	for (size_t k = 0; k < 2; k++) {
		icalcomponent *obs;

		assert_int_equal(
		    icalcomponent_count_components(vtz, kinds[k]), 1);
		obs = icalcomponent_get_first_component(vtz, kinds[k]);
		assert_int_equal(icalcomponent_count_properties(
		                     obs, ICAL_TZOFFSETFROM_PROPERTY),
		    1);
		assert_int_equal(icalcomponent_count_properties(
		                     obs, ICAL_TZOFFSETTO_PROPERTY),
		    1);
		assert_int_equal(
		    icalcomponent_count_properties(obs, ICAL_DTSTART_PROPERTY),
		    1);
		assert_int_equal(
		    icalcomponent_count_properties(obs, ICAL_RRULE_PROPERTY),
		    1);
		assert_int_equal(
		    icalcomponent_count_properties(obs, ICAL_RDATE_PROPERTY),
		    0);
	}
	assert_non_null(strstr(ics, "BYDAY=-1SU"));
	assert_non_null(strstr(ics, "BYMONTH=3"));
	assert_non_null(strstr(ics, "BYMONTH=10"));
	assert_non_null(strstr(ics, "TZOFFSETTO:+0200\r\n"));
	assert_non_null(strstr(ics, "TZOFFSETTO:+0100\r\n"));
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

static void
test_dst_day_events_have_correct_instants(void **state)
{
	struct model_instance *inst = fixture();
	struct feed_params p;
	char *ics;
	icalcomponent *cal, *spring, *autumn;

	(void)state;
	/* A wider past so that both DST days of 2027 are in one window. */
	feed_params_init(&p, FEED_YOUTH, 0, utc_of("2027-06-01T00:00"));
	p.past_days = 90;
	p.uid_domain = DOMAIN;
	ics = feed_render(inst, &p);
	assert_non_null(ics);
	cal = parse(ics);
	spring = event_by_uid(cal, "a-a4.y@" DOMAIN);
	autumn = event_by_uid(cal, "a-a5.y@" DOMAIN);
	assert_non_null(spring);
	assert_non_null(autumn);
	assert_non_null(
	    strstr(ics, "DTSTART;TZID=Europe/Oslo:20270328T013000\r\n"));
	assert_non_null(
	    strstr(ics, "DTEND;TZID=Europe/Oslo:20270328T040000\r\n"));
	/* 01:30 CET = 00:30Z; 04:00 CEST = 02:00Z (the clock jumped). */
	assert_int_equal(
	    event_start_utc(cal, spring), utc_of("2027-03-28T00:30"));
	assert_int_equal(
	    event_end_utc(cal, spring), utc_of("2027-03-28T02:00"));
	/* 01:30 CEST = 23:30Z the day before; 04:00 CET = 03:00Z. */
	assert_int_equal(
	    event_start_utc(cal, autumn), utc_of("2027-10-30T23:30"));
	assert_int_equal(
	    event_end_utc(cal, autumn), utc_of("2027-10-31T03:00"));
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

/*
 * The feed's VTIMEZONE, as libical reads it back, agrees with tzmap at
 * 01:30 and 03:30 local on every day of the window (both DST days
 * included), for Oslo and for New York's "second Sunday" rule.
 */
static void
check_zone_over_window(const char *zone, const char *byday)
{
	struct model_instance *inst = fixture();
	int64_t now = utc_of("2027-01-01T12:00");
	char *ics;
	icalcomponent *cal;
	icaltimezone *vtz;
	int32_t first = civil_days_from_ymd(2026, 12, 2);
	int checked = 0;

	free(inst->timezone);
	inst->timezone = xstrdup(zone);
	ics = render_at(inst, FEED_ALL, 0, now);
	cal = parse(ics);
	assert_non_null(strstr(ics, byday));
	vtz = icalcomponent_get_timezone(cal, zone);
	assert_non_null(vtz);
	for (int32_t d = first; d < first + 210; d++) {
		for (int k = 0; k < 2; k++) {
			int64_t wall = (int64_t)d * 1440 + (k ? 210 : 90);
			int64_t utc;
			struct icaltimetype tt = icaltime_null_time();

			if (tzmap_to_utc(tzmap_get(zone), wall, &utc) !=
			    TZMAP_OK)
				continue;
			civil_ymd_from_days(d, &tt.year, &tt.month, &tt.day);
			tt.hour = k ? 3 : 1;
			tt.minute = 30;
			assert_int_equal(
			    (int64_t)icaltime_as_timet_with_zone(tt, vtz),
			    utc * 60);
			checked++;
		}
	}
	assert_true(checked > 400);
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

static void
test_vtimezone_matches_tzmap_oslo(void **state)
{
	(void)state;
	check_zone_over_window("Europe/Oslo", "BYDAY=-1SU");
}

static void
test_vtimezone_matches_tzmap_new_york(void **state)
{
	(void)state;
	check_zone_over_window("America/New_York", "BYDAY=2SU");
}

static void
test_zone_without_dst_has_one_standard(void **state)
{
	struct model_instance *inst = fixture();
	char *ics;
	icalcomponent *cal, *vtz, *e;

	(void)state;
	free(inst->timezone);
	inst->timezone = xstrdup("Asia/Tokyo");
	ics = render(inst, FEED_YOUTH, 0);
	cal = parse(ics);
	vtz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
	assert_non_null(vtz);
	assert_int_equal(
	    icalcomponent_count_components(vtz, ICAL_XSTANDARD_COMPONENT), 1);
	assert_int_equal(
	    icalcomponent_count_components(vtz, ICAL_XDAYLIGHT_COMPONENT), 0);
	e = event_by_uid(cal, "a-a1.y@" DOMAIN);
	assert_int_equal(event_start_utc(cal, e), utc_of("2027-01-04T07:00"));
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

/* A zone that two yearly rules cannot describe gets plain UTC times. */
static void
test_irregular_zone_falls_back_to_utc(void **state)
{
	const char *zones[] = {"Africa/Casablanca", "UTC"};

	(void)state;
	for (size_t z = 0; z < 2; z++) {
		struct model_instance *inst = fixture();
		char *ics;
		icalcomponent *cal, *e;

		free(inst->timezone);
		inst->timezone = xstrdup(zones[z]);
		ics = render(inst, FEED_YOUTH, 0);
		cal = parse(ics);
		assert_int_equal(icalcomponent_count_components(
		                     cal, ICAL_VTIMEZONE_COMPONENT),
		    0);
		assert_null(strstr(ics, "TZID"));
		e = event_by_uid(cal, "a-a1.y@" DOMAIN);
		assert_non_null(e);
		assert_int_equal(event_start_utc(cal, e),
		    tz_utc(zones[z], "2027-01-04T16:00"));
		icalcomponent_free(cal);
		free(ics);
		model_instance_free(inst);
	}
}

/* ---- text ------------------------------------------------------------ */

static void
test_escaping_round_trips(void **state)
{
	struct model_instance *inst = fixture();
	char *ics;
	icalcomponent *cal, *e;

	(void)state;
	free(inst->slots[0].activity);
	inst->slots[0].activity = xstrdup(ESCAPE_IN);
	free(inst->homes[0].address);
	inst->homes[0].address = xstrdup("Gate 1; 2, \"B\" \\ Æ:Ø");
	ics = render(inst, FEED_YOUTH, 0);
	cal = parse(ics);
	e = event_by_uid(cal, "a-a1.y@" DOMAIN);
	assert_non_null(strstr(ics, "Ærlig\\, ja\\; nei\\nny linje"));
	assert_string_equal(
	    icalcomponent_get_location(e), "Gate 1; 2, \"B\" \\ Æ:Ø");
	/* DESCRIPTION keeps the newline; SUMMARY is one line. */
	assert_true(
	    strncmp(icalcomponent_get_description(e),
	        "Aktivitet: " ESCAPE_IN "\n", strlen(ESCAPE_IN) + 12) == 0);
	assert_string_equal(icalcomponent_get_summary(e),
	    "Besøk – Solheim sykehjem: Ærlig, ja; nei ny linje");
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

static void
test_folding_keeps_utf8_whole(void **state)
{
	struct model_instance *inst = fixture();
	char long_text[1024] = "";
	char *ics, *unfolded;
	icalcomponent *cal, *e;

	(void)state;
	for (int i = 0; i < 37; i++)
		strcat(long_text, "ø");
	strcat(long_text, "x");
	for (int i = 0; i < 40; i++)
		strcat(long_text, "€");
	for (int i = 0; i < 30; i++)
		strcat(long_text, "\xf0\x9f\x98\x80"); /* U+1F600 */
	free(inst->slots[0].activity);
	inst->slots[0].activity = xstrdup(long_text);
	ics = render(inst, FEED_YOUTH, 0);
	cal = parse(ics); /* asserts <= 75 octets and UTF-8 per line */
	e = event_by_uid(cal, "a-a1.y@" DOMAIN);
	unfolded = xasprintf("Besøk – Solheim sykehjem: %s", long_text);
	assert_string_equal(icalcomponent_get_summary(e), unfolded);
	assert_non_null(strstr(ics, "\r\n "));
	icalcomponent_free(cal);
	free(unfolded);
	free(ics);
	model_instance_free(inst);
}

static void
test_crlf_everywhere(void **state)
{
	struct model_instance *inst = fixture();
	char *ics;
	size_t lf = 0, crlf = 0;

	(void)state;
	free(inst->slots[0].activity);
	inst->slots[0].activity = xstrdup("Linje 1\r\nLinje 2\rLinje 3\n");
	ics = render(inst, FEED_ALL, 0);
	for (size_t i = 0; ics[i] != '\0'; i++) {
		if (ics[i] == '\n') {
			lf++;
			assert_true(i > 0 && ics[i - 1] == '\r');
		}
		if (ics[i] == '\r') {
			crlf++;
			assert_int_equal(ics[i + 1], '\n');
		}
	}
	assert_true(lf > 20);
	assert_int_equal(lf, crlf);
	assert_non_null(strstr(ics, "Linje 1\\nLinje 2\\nLinje 3"));
	free(ics);
	model_instance_free(inst);
}

static void
test_control_and_invalid_bytes_cleaned(void **state)
{
	struct model_instance *inst = fixture();
	char *ics;
	icalcomponent *cal, *e;

	(void)state;
	free(inst->slots[0].activity);
	inst->slots[0].activity = xstrdup("Quiz\x01\x1c og \xff\xc3 sang\x7f");
	ics = render(inst, FEED_YOUTH, 0);
	cal = parse(ics);
	e = event_by_uid(cal, "a-a1.y@" DOMAIN);
	assert_string_equal(icalcomponent_get_summary(e),
	    "Besøk – Solheim sykehjem: Quiz og \xef\xbf\xbd\xef\xbf\xbd"
	    " sang");
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

static void
test_calendar_name_without_separators(void **state)
{
	struct model_instance *inst = fixture();
	char *ics;
	icalcomponent *cal;

	(void)state;
	free(inst->homes[0].name);
	inst->homes[0].name = xstrdup("Solheim, avd. 2; \"øst\"");
	ics = render(inst, FEED_HOME, 0);
	cal = parse(ics);
	assert_string_equal(
	    x_value(cal, "X-WR-CALNAME"), "Besøk – Solheim avd. 2 øst");
	assert_string_equal(
	    icalproperty_get_name(
	        icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY)),
	    "Besøk – Solheim avd. 2 øst");
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

/* ---- privacy -------------------------------------------------------- */

static const char *const surnames[] = {"Nilsen", "Hansen", "Berg-Olsen"};
static const char *const birth_strings[] = {"2010-03-14", "20100314",
    "2011-05-02", "20110502", "2009-11-30", "20091130"};

static void
assert_no_surnames_or_births(const char *ics)
{
	for (size_t i = 0; i < sizeof(surnames) / sizeof(*surnames); i++)
		assert_null(strstr(ics, surnames[i]));
	for (size_t i = 0; i < sizeof(birth_strings) / sizeof(*birth_strings);
	     i++)
		assert_null(strstr(ics, birth_strings[i]));
}

static void
test_home_feed_first_names_only(void **state)
{
	struct model_instance *inst = fixture();
	char *ics = render(inst, FEED_HOME, 0);
	icalcomponent *cal = parse(ics);
	icalcomponent *e = event_by_uid(cal, "a-a1.h@" DOMAIN);

	(void)state;
	assert_no_surnames_or_births(ics);
	/* Solheim's visits only: a1, a2, a4 in the window; not Lia's a3. */
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 3);
	assert_null(strstr(ics, "Tur i parken"));
	assert_null(strstr(ics, "Kari"));
	assert_non_null(e);
	assert_string_equal(icalcomponent_get_summary(e),
	    "Besøk – Solheim sykehjem: Quiz (Ida)");
	assert_non_null(strstr(
	    icalcomponent_get_description(e), "Ungdom: Ida\nSammen med: Ola"));
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

static void
test_youth_feed_names_no_other_youth(void **state)
{
	struct model_instance *inst = fixture();
	char *ics = render(inst, FEED_YOUTH, 1); /* Ola */
	icalcomponent *cal = parse(ics);

	(void)state;
	assert_no_surnames_or_births(ics);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 1);
	assert_non_null(event_by_uid(cal, "a-a2.y@" DOMAIN));
	assert_non_null(strstr(ics, "Sammen med: Ida"));
	assert_null(strstr(ics, "Kari")); /* not on Ola's visits */
	assert_null(strstr(ics, "Nattkaffe"));
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

static void
test_coordinator_feed_lists_all(void **state)
{
	struct model_instance *inst = fixture();
	char *ics = render(inst, FEED_ALL, 0);
	icalcomponent *cal = parse(ics);

	(void)state;
	assert_no_surnames_or_births(ics);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 4);
	assert_non_null(event_by_uid(cal, "a-a3.c@" DOMAIN));
	assert_non_null(strstr(ics, "Kari"));
	assert_string_equal(x_value(cal, "X-WR-CALNAME"), "Besøk");
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

/* ---- languages and structured properties ------------------------------ */

/* The event of uid in a fresh render of (kind, idx) in lang; parsed. */
static icalcomponent *
event_in(const struct model_instance *inst, enum feed_kind kind, size_t idx,
    enum i18n_lang lang, const char *uid, icalcomponent **cal, char **ics)
{
	*ics = render_lang_at(inst, kind, idx, now_default(), lang);
	*cal = parse(*ics);
	return event_by_uid(*cal, uid);
}

/* The values of every X- property `name` of c, joined by "|". */
static char *
x_values_dup(icalcomponent *c, const char *name)
{
	char *out = xstrdup("");

	for (icalproperty *p =
	         icalcomponent_get_first_property(c, ICAL_X_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY)) {
		char *more;

		if (strcmp(icalproperty_get_x_name(p), name) != 0)
			continue;
		more = xasprintf(
		    "%s%s%s", out, out[0] ? "|" : "", icalproperty_get_x(p));
		free(out);
		out = more;
	}
	return out;
}

/* The same youth feed and home feed, word for word, in both languages. */
static void
test_bokmal_and_english(void **state)
{
	struct model_instance *inst = fixture();
	icalcomponent *cal, *e;
	char *ics;

	(void)state;
	e = event_in(
	    inst, FEED_YOUTH, 0, I18N_NB, "a-a1.y@" DOMAIN, &cal, &ics);
	assert_string_equal(x_value(cal, "X-WR-CALNAME"), "Besøk – Ida");
	assert_string_equal(
	    icalcomponent_get_summary(e), "Besøk – Solheim sykehjem: Quiz");
	assert_string_equal(icalcomponent_get_description(e),
	    "Aktivitet: Quiz\nSammen med: Ola\nKoordinator: " CONTACT);
	icalcomponent_free(cal);
	free(ics);

	e = event_in(
	    inst, FEED_YOUTH, 0, I18N_EN, "a-a1.y@" DOMAIN, &cal, &ics);
	assert_string_equal(x_value(cal, "X-WR-CALNAME"), "Visits – Ida");
	assert_string_equal(
	    icalproperty_get_name(
	        icalcomponent_get_first_property(cal, ICAL_NAME_PROPERTY)),
	    "Visits – Ida");
	assert_string_equal(
	    icalcomponent_get_summary(e), "Visit – Solheim sykehjem: Quiz");
	assert_string_equal(icalcomponent_get_description(e),
	    "Activity: Quiz\nWith: Ola\nCoordinator: " CONTACT);
	assert_null(strstr(ics, "Besøk"));
	assert_null(strstr(ics, "Aktivitet"));
	icalcomponent_free(cal);
	free(ics);

	e = event_in(inst, FEED_HOME, 0, I18N_EN, "a-a1.h@" DOMAIN, &cal, &ics);
	assert_string_equal(
	    x_value(cal, "X-WR-CALNAME"), "Visits – Solheim sykehjem");
	assert_string_equal(icalcomponent_get_summary(e),
	    "Visit – Solheim sykehjem: Quiz (Ida)");
	assert_string_equal(icalcomponent_get_description(e),
	    "Activity: Quiz\nYouth: Ida\nWith: Ola\nCoordinator: " CONTACT);
	icalcomponent_free(cal);
	free(ics);

	/* Cancelled: the title's prefix and the first line of the text. */
	inst->assignments[0].status = MODEL_ASSIGNMENT_CANCELLED;
	inst->assignments[0].updated_at = now_default() - DAY;
	e = event_in(
	    inst, FEED_YOUTH, 0, I18N_NB, "a-a1.y@" DOMAIN, &cal, &ics);
	assert_string_equal(icalcomponent_get_summary(e),
	    "AVLYST: Besøk – Solheim sykehjem: Quiz");
	assert_string_equal(icalcomponent_get_description(e),
	    "Denne vakten er avlyst.\nAktivitet: Quiz\nKoordinator: " CONTACT);
	icalcomponent_free(cal);
	free(ics);
	e = event_in(
	    inst, FEED_YOUTH, 0, I18N_EN, "a-a1.y@" DOMAIN, &cal, &ics);
	assert_string_equal(icalcomponent_get_summary(e),
	    "CANCELLED: Visit – Solheim sykehjem: Quiz");
	assert_string_equal(icalcomponent_get_description(e),
	    "This shift is cancelled.\nActivity: Quiz\nCoordinator: " CONTACT);
	icalcomponent_free(cal);
	free(ics);
	e = event_in(inst, FEED_HOME, 0, I18N_EN, "a-a1.h@" DOMAIN, &cal, &ics);
	assert_true(strncmp(icalcomponent_get_description(e),
	                "This visit is cancelled.\n", 25) == 0);
	icalcomponent_free(cal);
	free(ics);
	e = event_in(inst, FEED_HOME, 0, I18N_NB, "a-a1.h@" DOMAIN, &cal, &ics);
	assert_true(strncmp(icalcomponent_get_description(e),
	                "Dette besøket er avlyst.\n", 26) == 0);
	icalcomponent_free(cal);
	free(ics);

	/* The thread's own language is back after a render. */
	i18n_use(I18N_EN);
	free(render_lang_at(inst, FEED_YOUTH, 0, now_default(), I18N_NB));
	assert_int_equal(i18n_current(), I18N_EN);
	model_instance_free(inst);
}

/*
 * The properties programs read: ids, the home, the activity and the first
 * names, as stored, the same in every language; RFC 5545 TEXT escaping
 * and folding; libical reads them back.
 */
static void
test_structured_properties(void **state)
{
	static const enum i18n_lang langs[] = {I18N_NB, I18N_EN};
	struct model_instance *inst = fixture();
	char *bodies[2];

	(void)state;
	free(inst->homes[0].name);
	inst->homes[0].name = xstrdup("Solheim, avd. 2; øst \\ vest");
	for (size_t l = 0; l < 2; l++) {
		icalcomponent *cal, *e;
		char *ics, *v, *x;

		e = event_in(
		    inst, FEED_HOME, 0, langs[l], "a-a1.h@" DOMAIN, &cal, &ics);
		assert_string_equal(x_value(e, "X-ROTA-HOME-ID"), "solheim");
		assert_string_equal(
		    x_value(e, "X-ROTA-HOME"), "Solheim, avd. 2; øst \\ vest");
		assert_string_equal(x_value(e, "X-ROTA-ACTIVITY"), "Quiz");
		assert_string_equal(x_value(e, "X-ROTA-SLOT-ID"), "s1");
		assert_string_equal(x_value(e, "X-ROTA-ASSIGNMENT-ID"), "a1");
		assert_string_equal(x_value(e, "X-ROTA-YOUTH"), "Ida");
		v = x_values_dup(e, "X-ROTA-WITH");
		assert_string_equal(v, "Ola");
		free(v);
		/* Escaped as TEXT on the wire. */
		assert_non_null(strstr(ics,
		    "\r\nX-ROTA-HOME:Solheim\\, avd. 2\\; øst \\\\ vest\r\n"));
		icalcomponent_free(cal);
		/* Everything after END:VEVENT's X-lines is language-free:
		   the X-ROTA lines of both renders are the same bytes. */
		x = strstr(ics, "\r\nX-ROTA-HOME-ID:");
		assert_non_null(x);
		bodies[l] = xstrdup(x);
		*strstr(bodies[l], "\r\nEND:VEVENT") = '\0';
		free(ics);

		/* A youth's own feed names the others, not the youth. */
		e = event_in(inst, FEED_YOUTH, 1, langs[l], "a-a2.y@" DOMAIN,
		    &cal, &ics);
		assert_null(x_value(e, "X-ROTA-YOUTH"));
		assert_string_equal(x_value(e, "X-ROTA-WITH"), "Ida");
		assert_int_equal(
		    icalcomponent_get_status(e), ICAL_STATUS_CONFIRMED);
		icalcomponent_free(cal);
		free(ics);
	}
	assert_string_equal(bodies[0], bodies[1]);
	free(bodies[0]);
	free(bodies[1]);

	/* A long value folds at 75 octets, never inside a character. */
	{
		char long_text[512] = "";
		icalcomponent *cal, *e;
		char *ics;

		for (int i = 0; i < 60; i++)
			strcat(long_text, i % 7 ? "ø" : ",");
		free(inst->slots[0].activity);
		inst->slots[0].activity = xstrdup(long_text);
		/* parse() checks every physical line's length and UTF-8. */
		e = event_in(
		    inst, FEED_HOME, 0, I18N_EN, "a-a1.h@" DOMAIN, &cal, &ics);
		assert_string_equal(x_value(e, "X-ROTA-ACTIVITY"), long_text);
		icalcomponent_free(cal);
		free(ics);
	}
	model_instance_free(inst);
}

/* ---- empty feeds and errors ------------------------------------------- */

static void
test_empty_feed_has_same_headers(void **state)
{
	struct model_instance *inst = fixture();
	struct feed_params p;
	char *full, *empty, *bare;
	icalcomponent *cal;

	(void)state;
	feed_params_init(&p, FEED_YOUTH, 0, now_default());
	p.lang = I18N_EN;
	full = feed_render(inst, &p);
	empty = feed_render_empty(inst, &p);
	bare = feed_render_empty(NULL, &p);
	cal = parse(empty);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_ANY_COMPONENT), 0);
	/* Everything up to the first component is the same. */
	assert_memory_equal(
	    full, empty, (size_t)(strstr(full, "BEGIN:VTIMEZONE") - full));
	assert_string_equal(strstr(empty, "BEGIN:VTIMEZONE") ? "x" : "", "");
	icalcomponent_free(cal);
	cal = parse(bare);
	assert_string_equal(
	    x_value(cal, "X-WR-CALNAME"), FEED_DEFAULT_NAME_PREFIX);
	icalcomponent_free(cal);
	free(full);
	free(empty);
	free(bare);
	model_instance_free(inst);
}

static void
test_youth_without_shifts_gets_valid_feed(void **state)
{
	struct model_instance *inst = fixture();
	char *ics;
	icalcomponent *cal;

	(void)state;
	/* Kari's only visit is in January 2027. */
	ics = render_at(inst, FEED_YOUTH, 2, utc_of("2030-01-01T00:00"));
	cal = parse(ics);
	assert_int_equal(
	    icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 0);
	assert_string_equal(x_value(cal, "X-WR-CALNAME"), "Besøk – Kari");
	icalcomponent_free(cal);
	free(ics);
	model_instance_free(inst);
}

static void
test_bad_subject_or_zone_gives_null(void **state)
{
	struct model_instance *inst = fixture();
	struct feed_params p;

	(void)state;
	feed_params_init(&p, FEED_YOUTH, 3, now_default());
	assert_null(feed_render(inst, &p));
	feed_params_init(&p, FEED_HOME, 2, now_default());
	assert_null(feed_render(inst, &p));
	feed_params_init(&p, FEED_ALL, 99, now_default());
	free(inst->timezone);
	inst->timezone = xstrdup("Mars/Olympus_Mons");
	assert_null(feed_render(inst, &p));
	assert_null(feed_render(NULL, &p));
	model_instance_free(inst);
}

/* The catalog must load, or the bokmål tests would test English. */
static int
setup(void **state)
{
	char missing[256];

	(void)state;
	i18n_init(ROTA_TEST_LOCALEDIR, missing, sizeof(missing));
	if (missing[0] != '\0') {
		fprintf(stderr,
		    "Norwegian needs %s (scripts/deps.sh generates it)\n",
		    missing);
		return -1;
	}
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_youth_feed_is_one_clean_vcalendar),
	    cmocka_unit_test(test_calendar_properties),
	    cmocka_unit_test(test_passes_libical_restriction_check),
	    cmocka_unit_test(test_refresh_interval_parameter),
	    cmocka_unit_test(test_event_properties),
	    cmocka_unit_test(test_datetime_forms),
	    cmocka_unit_test(test_uid_stable_across_renders_and_changes),
	    cmocka_unit_test(test_uid_per_kind_and_no_personal_data),
	    cmocka_unit_test(test_uid_without_id_is_hashed_and_stable),
	    cmocka_unit_test(test_identical_data_identical_bytes),
	    cmocka_unit_test(test_change_bumps_sequence_and_last_modified),
	    cmocka_unit_test(test_cancelled_kept_30_days),
	    cmocka_unit_test(test_cancelled_dropped_after_30_days),
	    cmocka_unit_test(test_window_past_edge),
	    cmocka_unit_test(test_window_future_edge),
	    cmocka_unit_test(test_vtimezone_is_compact),
	    cmocka_unit_test(test_dst_day_events_have_correct_instants),
	    cmocka_unit_test(test_vtimezone_matches_tzmap_oslo),
	    cmocka_unit_test(test_vtimezone_matches_tzmap_new_york),
	    cmocka_unit_test(test_zone_without_dst_has_one_standard),
	    cmocka_unit_test(test_irregular_zone_falls_back_to_utc),
	    cmocka_unit_test(test_escaping_round_trips),
	    cmocka_unit_test(test_folding_keeps_utf8_whole),
	    cmocka_unit_test(test_crlf_everywhere),
	    cmocka_unit_test(test_control_and_invalid_bytes_cleaned),
	    cmocka_unit_test(test_calendar_name_without_separators),
	    cmocka_unit_test(test_home_feed_first_names_only),
	    cmocka_unit_test(test_youth_feed_names_no_other_youth),
	    cmocka_unit_test(test_coordinator_feed_lists_all),
	    cmocka_unit_test(test_empty_feed_has_same_headers),
	    cmocka_unit_test(test_youth_without_shifts_gets_valid_feed),
	    cmocka_unit_test(test_bad_subject_or_zone_gives_null),
	    cmocka_unit_test(test_bokmal_and_english),
	    cmocka_unit_test(test_structured_properties),
	};
	int rc = cmocka_run_group_tests(tests, setup, NULL);

	icaltimezone_free_builtin_timezones();
	icalmemory_free_ring();
	return rc;
}
