/*
 * This file contains tzmap_load(): it asks libical for a zone's UTC offset
 * day by day from 1970 to 2200 and pins each change to the minute by
 * bisection, giving the pure transition list that tzmap.c searches.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "civil.h"
#include "tzmap.h"
#include "xmalloc.h"

#define TZMAP_FIRST_YEAR 1970
#define TZMAP_LAST_YEAR  2200

static int32_t
offset_at(icaltimezone *zone, int64_t utc_min)
{
	struct icaltimetype tt;
	int is_daylight = 0;

	tt = icaltime_from_timet_with_zone(
	    (time_t)(utc_min * 60), 0, icaltimezone_get_utc_timezone());
	return (int32_t)(icaltimezone_get_utc_offset_of_utc_time(
	                     zone, &tt, &is_daylight) /
	    60);
}

struct tzmap *
tzmap_load(const char *iana)
{
	icaltimezone *zone;
	struct tzmap *tz;
	size_t cap = 0;
	int64_t t, end;
	int32_t cur;

	if (iana == NULL || strcmp(iana, "UTC") == 0 ||
	    strcmp(iana, "Etc/UTC") == 0)
		return tzmap_new_fixed(iana ? iana : "UTC", 0);
	/* libical also accepts names it only half knows; insist on a TZID. */
	zone = icaltimezone_get_builtin_timezone(iana);
	if (zone == NULL || icaltimezone_get_tzid(zone) == NULL)
		return NULL;

	t = (int64_t)civil_days_from_ymd(TZMAP_FIRST_YEAR, 1, 1) * 1440;
	end = (int64_t)civil_days_from_ymd(TZMAP_LAST_YEAR, 1, 1) * 1440;
	cur = offset_at(zone, t);
	tz = tzmap_new_fixed(iana, cur);
	for (; t < end; t += 1440) {
		int32_t next = offset_at(zone, t + 1440);
		int64_t lo, hi;

		if (next == cur)
			continue;
		/* The change lies in (t, t + 1440]: bisect to the minute. */
		lo = t;
		hi = t + 1440;
		while (hi - lo > 1) {
			int64_t mid = lo + (hi - lo) / 2;
			if (offset_at(zone, mid) == cur)
				lo = mid;
			else
				hi = mid;
		}
		if (tz->ntrans == cap) {
			cap = cap ? cap * 2 : 64;
			tz->trans =
			    xreallocarray(tz->trans, cap, sizeof(*tz->trans));
		}
		tz->trans[tz->ntrans].utc = hi;
		tz->trans[tz->ntrans].offset = offset_at(zone, hi);
		tz->ntrans++;
		cur = tz->trans[tz->ntrans - 1].offset;
	}
	return tz;
}

/* Zones loaded so far; few distinct names are ever used. */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tzmap **cache;
static size_t ncache;

const struct tzmap *
tzmap_get(const char *iana)
{
	struct tzmap *tz = NULL;

	if (iana == NULL)
		return NULL;
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < ncache; i++) {
		if (strcmp(cache[i]->name, iana) == 0) {
			tz = cache[i];
			goto done;
		}
	}
	/* Cap the cache: names come from clients. */
	if (ncache >= 1024 || (tz = tzmap_load(iana)) == NULL)
		goto done;
	cache = xreallocarray(cache, ncache + 1, sizeof(*cache));
	cache[ncache++] = tz;
done:
	pthread_mutex_unlock(&cache_lock);
	return tz;
}
