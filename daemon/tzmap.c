/* SPDX-License-Identifier: ISC */
/*
 * This file contains the pure half of the time-zone map: offset look-up by
 * binary search and the wall-to-UTC conversion with its gap and overlap
 * cases.  Loading a zone from libical lives in tzmap_ical.c.
 */
#include <stdlib.h>

#include "tzmap.h"
#include "xmalloc.h"

/* No zone is more than a day away from UTC. */
#define CIVIL_DAY_SPAN 1440

struct tzmap *
tzmap_new_fixed(const char *name, int32_t offset)
{
	struct tzmap *tz = xcalloc(1, sizeof(*tz));

	tz->name = xstrdup(name);
	tz->initial_offset = offset;
	return tz;
}

void
tzmap_free(struct tzmap *tz)
{
	if (tz == NULL)
		return;
	free(tz->name);
	free(tz->trans);
	free(tz);
}

int32_t
tzmap_offset_at(const struct tzmap *tz, int64_t utc)
{
	size_t lo = 0, hi = tz->ntrans;

	/* Find the last transition at or before utc. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tz->trans[mid].utc <= utc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? tz->initial_offset : tz->trans[lo - 1].offset;
}

int64_t
tzmap_to_wall(const struct tzmap *tz, int64_t utc)
{
	return utc + tzmap_offset_at(tz, utc);
}

enum tzmap_result
tzmap_to_utc(const struct tzmap *tz, int64_t wall, int64_t *utc)
{
	/*
	 * Offsets stay within a day of UTC, so every candidate instant is
	 * wall - offset for an offset in force within +-1 day.  Try the
	 * offsets in force at both ends of that span: a candidate is valid
	 * when the offset at the candidate equals the one assumed.
	 */
	int32_t before = tzmap_offset_at(tz, wall - CIVIL_DAY_SPAN);
	int32_t after = tzmap_offset_at(tz, wall + CIVIL_DAY_SPAN);
	int64_t c1 = wall - before, c2 = wall - after;
	int ok1 = tzmap_offset_at(tz, c1) == before;
	int ok2 = tzmap_offset_at(tz, c2) == after;

	if (ok1 && ok2) {
		*utc = c1 < c2 ? c1 : c2;
		return c1 == c2 ? TZMAP_OK : TZMAP_AMBIGUOUS;
	}
	if (ok1 || ok2) {
		*utc = ok1 ? c1 : c2;
		return TZMAP_OK;
	}
	/* In the gap: report the instant of the jump. */
	*utc = c2 < c1 ? c2 : c1;
	for (size_t i = 0; i < tz->ntrans; i++) {
		if (tz->trans[i].utc > wall - CIVIL_DAY_SPAN &&
		    tz->trans[i].utc <= wall + CIVIL_DAY_SPAN) {
			*utc = tz->trans[i].utc;
			break;
		}
	}
	return TZMAP_GAP;
}
