/* SPDX-License-Identifier: ISC */
/*
 * This file contains tzmap_load(): it asks libical for a zone's UTC offset
 * day by day from 1970 to 2200 and pins each change to the minute by
 * bisection, giving the pure transition list that tzmap.c searches.  It
 * also holds the list of zone names that may be loaded at all: libical
 * opens "<zone directory>/<name>" for a name it does not know, so a name
 * is a file path unless it is checked against the tz database's own list.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libical/ical.h>

#include "civil.h"
#include "tzmap.h"
#include "xmalloc.h"

#define TZMAP_FIRST_YEAR 1970
#define TZMAP_LAST_YEAR  2200

#define TZ_NAME_LEN_MAX 64

/* Sorted, distinct zone names of the tz database (see tzmap_name_known). */
static pthread_once_t names_once = PTHREAD_ONCE_INIT;
static char **names;
static size_t nnames;

static const char *
zone_dir(void)
{
	const char *d = icaltzutil_get_zone_directory();

	return d != NULL && *d != '\0' ? d : "/usr/share/zoneinfo";
}

/*
 * Opens a file for reading only when it is a regular file.  O_NONBLOCK
 * keeps open() itself from waiting on a FIFO; fstat() then refuses it.
 */
static FILE *
open_regular(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	FILE *f;

	if (fd == -1)
		return NULL;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return NULL;
	}
	return f;
}

int
tzmap_regular_file(const char *path)
{
	FILE *f = open_regular(path);

	if (f == NULL)
		return 0;
	fclose(f);
	return 1;
}

/* A name as the tz database spells one: no path tricks, no oddities. */
static int
plausible_name(const char *n)
{
	size_t len = strlen(n);
	const char *c = n;

	if (len == 0 || len > TZ_NAME_LEN_MAX || strcmp(n, "Factory") == 0 ||
	    strcmp(n, "localtime") == 0 || strcmp(n, "posixrules") == 0 ||
	    strncmp(n, "posix/", 6) == 0 || strncmp(n, "right/", 6) == 0)
		return 0;
	for (; *c != '\0'; c++) {
		unsigned char ch = (unsigned char)*c;
		int alnum = (ch >= 'a' && ch <= 'z') ||
		    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');

		if (!alnum && ch != '/' && ch != '_' && ch != '-' && ch != '+')
			return 0;
		/* Every path component starts with a letter. */
		if ((c == n || c[-1] == '/') &&
		    !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
			return 0;
	}
	return n[len - 1] != '/';
}

static void
add_name(size_t *cap, const char *n)
{
	if (!plausible_name(n))
		return;
	if (nnames == *cap) {
		*cap = *cap ? *cap * 2 : 512;
		names = xreallocarray(names, *cap, sizeof(*names));
	}
	names[nnames++] = xstrdup(n);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * tzdata.zi (zic's compact input, shipped with the zone files) names every
 * zone on a "Z name ..." line and every backward link on "L target name".
 */
static int
read_tzdata_zi(const char *dir, size_t *cap)
{
	char path[4096], line[1024];
	FILE *f;

	(void)snprintf(path, sizeof(path), "%s/tzdata.zi", dir);
	if ((f = open_regular(path)) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *save = NULL, *kind = strtok_r(line, " \t\r\n", &save);
		char *a = kind ? strtok_r(NULL, " \t\r\n", &save) : NULL;
		char *b = a ? strtok_r(NULL, " \t\r\n", &save) : NULL;

		if (kind == NULL || a == NULL)
			continue;
		if (strcmp(kind, "Z") == 0 || strcmp(kind, "Zone") == 0)
			add_name(cap, a);
		else if ((strcmp(kind, "L") == 0 ||
		             strcmp(kind, "Link") == 0) &&
		    b != NULL)
			add_name(cap, b);
	}
	fclose(f);
	return 1;
}

/* zone1970.tab and zone.tab: the zone is the third tab-separated field. */
static void
read_zone_tab(const char *dir, const char *file, size_t *cap)
{
	char path[4096], line[1024];
	FILE *f;

	(void)snprintf(path, sizeof(path), "%s/%s", dir, file);
	if ((f = open_regular(path)) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *save = NULL, *zone;

		if (line[0] == '#' || strtok_r(line, "\t", &save) == NULL ||
		    strtok_r(NULL, "\t", &save) == NULL ||
		    (zone = strtok_r(NULL, "\t\r\n", &save)) == NULL)
			continue;
		add_name(cap, zone);
	}
	fclose(f);
}

static void
load_names(void)
{
	const char *dir = zone_dir();
	size_t cap = 0, out = 0;

	add_name(&cap, "UTC");
	add_name(&cap, "Etc/UTC");
	if (!read_tzdata_zi(dir, &cap)) {
		read_zone_tab(dir, "zone1970.tab", &cap);
		read_zone_tab(dir, "zone.tab", &cap);
	}
	qsort(names, nnames, sizeof(*names), cmp_name);
	/*
	 * Only names whose file is there (Debian's tzdata-legacy, for one,
	 * may be missing), so that a known name is a name that loads.
	 */
	for (size_t i = 0; i < nnames; i++) {
		char path[4096];

		(void)snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if ((out > 0 && strcmp(names[out - 1], names[i]) == 0) ||
		    (strcmp(names[i], "UTC") != 0 &&
		        strcmp(names[i], "Etc/UTC") != 0 &&
		        !tzmap_regular_file(path)))
			free(names[i]);
		else
			names[out++] = names[i];
	}
	nnames = out;
}

size_t
tzmap_names_init(void)
{
	pthread_once(&names_once, load_names);
	return nnames;
}

int
tzmap_name_known(const char *name)
{
	if (name == NULL)
		return 0;
	(void)tzmap_names_init();
	return bsearch(&name, names, nnames, sizeof(*names), cmp_name) != NULL;
}

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

	char path[4096];

	if (iana == NULL || strcmp(iana, "UTC") == 0 ||
	    strcmp(iana, "Etc/UTC") == 0)
		return tzmap_new_fixed(iana ? iana : "UTC", 0);
	/*
	 * Only a listed name, and only when its file is a regular file:
	 * libical reads the file with a blocking read, which must never
	 * wait on a FIFO or a terminal.
	 */
	if (!tzmap_name_known(iana))
		return NULL;
	(void)snprintf(path, sizeof(path), "%s/%s", zone_dir(), iana);
	if (!tzmap_regular_file(path))
		return NULL;
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

	if (iana == NULL || !tzmap_name_known(iana))
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
