/* SPDX-License-Identifier: ISC */
/*
 * A time zone as plain data: the list of UTC offset changes of one IANA
 * zone, so that the rules engine, the solver and the feed writer can turn
 * wall-clock times into real instants without touching libical or any
 * global state.  Instants are minutes since 1970-01-01T00:00Z; wall times
 * are minutes on the local clock (see civil.h).
 */
#ifndef ROTAD_TZMAP_H
#define ROTAD_TZMAP_H

#include <stddef.h>
#include <stdint.h>

struct tz_transition {
	int64_t utc;    /* instant (UTC minutes) from which offset holds */
	int32_t offset; /* local minus UTC, in minutes */
};

struct tzmap {
	char *name;                  /* IANA name, e.g. "Europe/Oslo" */
	int32_t initial_offset;      /* offset before the first transition */
	struct tz_transition *trans; /* sorted by utc */
	size_t ntrans;
};

enum tzmap_result {
	TZMAP_OK,        /* the wall time exists exactly once */
	TZMAP_AMBIGUOUS, /* it exists twice (autumn); the first is returned */
	TZMAP_GAP        /* it does not exist (spring gap) */
};

/*
 * Whether `name` is a zone name of the tz database's own list (the Zone and
 * Link lines of tzdata.zi in the zone directory, or zone1970.tab/zone.tab
 * when it is missing) whose file in that directory is a regular file,
 * plus "UTC" and "Etc/UTC".  Anything else -- paths
 * with "..", absolute paths, "localtime", "posixrules", "right/...",
 * "Factory" -- is refused.  The list is read once (thread-safe); call
 * tzmap_names_init() at start-up so that it is not read on the event loop.
 */
int tzmap_name_known(const char *name);

/* Reads the list of zone names now; returns how many there are. */
size_t tzmap_names_init(void);

/* Whether `path` is a regular file (never waits on a FIFO); 1 or 0. */
int tzmap_regular_file(const char *path);

/*
 * Loads the zone named `iana` (libical's zone database, 1970..2200).
 * Returns a new map for tzmap_free(), or NULL for an unknown name (one not
 * known to tzmap_name_known(), or whose file is not a regular file).
 * Implemented in tzmap_ical.c so that this header's users stay pure.
 */
struct tzmap *tzmap_load(const char *iana);

/*
 * The loaded map of a zone from a process-wide cache (thread-safe): the
 * first call for a name loads it, later ones return the same map, which
 * lives until exit.  NULL for an unknown name.  Do not free the result.
 */
const struct tzmap *tzmap_get(const char *iana);

/* A fixed-offset map (UTC when offset is 0); for tests and "UTC". */
struct tzmap *tzmap_new_fixed(const char *name, int32_t offset);

void tzmap_free(struct tzmap *tz);

/* Offset (minutes) in force at a UTC instant. */
int32_t tzmap_offset_at(const struct tzmap *tz, int64_t utc);

/* The wall time at a UTC instant. */
int64_t tzmap_to_wall(const struct tzmap *tz, int64_t utc);

/*
 * The UTC instant of a wall time.  For TZMAP_AMBIGUOUS the first occurrence
 * is stored; for TZMAP_GAP the instant the clock jumped over it is stored
 * (callers normally refuse such input).
 */
enum tzmap_result tzmap_to_utc(
    const struct tzmap *tz, int64_t wall, int64_t *utc);

#endif /* ROTAD_TZMAP_H */
