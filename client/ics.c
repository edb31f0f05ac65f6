/* SPDX-License-Identifier: ISC */
/*
 * This file contains the parsing of a rota iCalendar feed with libical
 * into shifts: real instants (DTSTART/DTEND resolved through the feed's
 * VTIMEZONE, or libical's built-in zone of that name), the home, activity
 * and youth from the feed's X-ROTA-* properties, and the cancellation state
 * from STATUS.  SUMMARY and DESCRIPTION are in the feed's language (and
 * may change with it), so nothing is read out of them (docs/feeds.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "rota.h"

/* The value of the first X- property `name` of ev, or NULL. */
static const char *
x_prop(icalcomponent *ev, const char *name)
{
	for (icalproperty *p =
	         icalcomponent_get_first_property(ev, ICAL_X_PROPERTY);
	     p != NULL;
	     p = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY)) {
		const char *n = icalproperty_get_x_name(p);
		if (n != NULL && strcmp(n, name) == 0)
			return icalproperty_get_x(p);
	}
	return NULL;
}

/*
 * Drops the TZID of a DTSTART or DTEND that names neither a VTIMEZONE of
 * the feed nor a canonical IANA zone (tzname_ok): libical would open the
 * name as a file under the zoneinfo directory, and "../../proc/self/fd/0"
 * or a FIFO would hang us.  The time is then floating (the reader's local
 * clock), with a warning on stderr, once per name.
 */
static void
check_tzid(icalcomponent *cal, icalproperty *p, char **warned)
{
	icalparameter *tzp;
	const char *tzid;

	if (p == NULL ||
	    (tzp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)) ==
	        NULL)
		return;
	tzid = icalparameter_get_tzid(tzp);
	if (tzid != NULL &&
	    (icalcomponent_get_timezone(cal, tzid) != NULL || tzname_ok(tzid)))
		return;
	if (*warned == NULL || strcmp(*warned, tzid ? tzid : "") != 0) {
		char *shown = safe_text_dup(tzid ? tzid : "");
		rota_warnx(_("the feed's time zone '%s' is not a known IANA "
		             "zone; its times are read as local times"),
		    shown);
		free(shown);
		free(*warned);
		*warned = xstrdup(tzid ? tzid : "");
	}
	icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER);
}

/* An instant from a DTSTART or DTEND property; false when absent. */
static bool
prop_time(icalcomponent *ev, icalproperty_kind kind, time_t *out)
{
	icalproperty *p = icalcomponent_get_first_property(ev, kind);
	icalparameter *tzp;
	struct icaltimetype t;
	struct tm tm;

	if (p == NULL)
		return false;
	t = kind == ICAL_DTSTART_PROPERTY ? icalcomponent_get_dtstart(ev)
	                                  : icalcomponent_get_dtend(ev);
	if (icaltime_is_null_time(t))
		return false;
	if (t.zone == NULL && !icaltime_is_utc(t) &&
	    (tzp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)) !=
	        NULL) {
		const char *tzid = icalparameter_get_tzid(tzp);
		t.zone = icaltimezone_get_builtin_timezone(tzid);
	}
	if (icaltime_is_utc(t) || t.zone != NULL) {
		*out = icaltime_as_timet_with_zone(
		    t, t.zone ? t.zone : icaltimezone_get_utc_timezone());
		return true;
	}
	/* A floating time or a date: the reader's local clock. */
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = t.year - 1900;
	tm.tm_mon = t.month - 1;
	tm.tm_mday = t.day;
	if (!t.is_date) {
		tm.tm_hour = t.hour;
		tm.tm_min = t.minute;
		tm.tm_sec = t.second;
	}
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return true;
}

/*
 * The home, activity and youth of a rota feed's event, from its structured
 * properties: the same whatever language the feed is in.  An event
 * without them (not from rota) shows its SUMMARY as the home, as it is.
 */
static void
read_structured(struct shift *s, icalcomponent *ev)
{
	const char *home = x_prop(ev, "X-ROTA-HOME");
	const char *activity = x_prop(ev, "X-ROTA-ACTIVITY");
	const char *youth = x_prop(ev, "X-ROTA-YOUTH");
	const char *summary = icalcomponent_get_summary(ev);

	if (home == NULL && x_prop(ev, "X-ROTA-HOME-ID") == NULL)
		home = summary;
	s->home = xstrdup(home ? home : "");
	s->activity = xstrdup(activity ? activity : "");
	s->youth = youth ? xstrdup(youth) : NULL;
}

static int
shift_cmp(const void *a, const void *b)
{
	const struct shift *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

int
ics_parse(const char *text, struct shift_list *out, char *err, size_t errlen)
{
	icalcomponent *root, *cal, *ev;
	char *warned = NULL;
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	icalerror_set_errors_are_fatal(0);
	if (strncmp(text, "BEGIN:VCALENDAR", 15) != 0 ||
	    (root = icalparser_parse_string(text)) == NULL) {
		snprintf(err, errlen, _("the answer is not an iCalendar feed"));
		return -1;
	}
	cal = root;
	if (icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT)
		cal = icalcomponent_get_first_component(
		    root, ICAL_VCALENDAR_COMPONENT);
	if (cal == NULL) {
		icalcomponent_free(root);
		snprintf(err, errlen, _("the feed has no VCALENDAR"));
		return -1;
	}
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev != NULL; ev = icalcomponent_get_next_component(
	                     cal, ICAL_VEVENT_COMPONENT)) {
		struct shift s;
		const char *uid = icalcomponent_get_uid(ev);
		const char *loc = icalcomponent_get_location(ev);

		memset(&s, 0, sizeof(s));
		check_tzid(cal,
		    icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY),
		    &warned);
		check_tzid(cal,
		    icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY),
		    &warned);
		if (!prop_time(ev, ICAL_DTSTART_PROPERTY, &s.start))
			continue;
		if (!prop_time(ev, ICAL_DTEND_PROPERTY, &s.end))
			s.end = s.start;
		read_structured(&s, ev);
		if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
			s.cancelled = true;
		s.uid = xstrdup(uid ? uid : "");
		s.location = loc ? xstrdup(loc) : NULL;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->v = xreallocarray(out->v, cap, sizeof(*out->v));
		}
		out->v[out->n++] = s;
	}
	icalcomponent_free(root);
	free(warned);
	if (out->n > 0)
		qsort(out->v, out->n, sizeof(*out->v), shift_cmp);
	return 0;
}

void
ics_list_release(struct shift_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].uid);
		free(l->v[i].home);
		free(l->v[i].activity);
		free(l->v[i].youth);
		free(l->v[i].location);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

long
ics_elapsed_minutes(const char *tzid, const char *start, const char *end)
{
	icaltimezone *tz;
	struct icaltimetype a, b;
	int y, mo, d, h, mi;
	char c;

	/* The server's name too: never a path for libical to open. */
	if (!tzname_ok(tzid) ||
	    (tz = icaltimezone_get_builtin_timezone(tzid)) == NULL)
		return -1;
	if (sscanf(start, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &c) !=
	    5)
		return -1;
	a = icaltime_null_time();
	a.year = y, a.month = mo, a.day = d, a.hour = h, a.minute = mi;
	if (sscanf(end, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &c) != 5)
		return -1;
	b = icaltime_null_time();
	b.year = y, b.month = mo, b.day = d, b.hour = h, b.minute = mi;
	return (long)((icaltime_as_timet_with_zone(b, tz) -
	                  icaltime_as_timet_with_zone(a, tz)) /
	    60);
}
