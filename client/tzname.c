/* SPDX-License-Identifier: ISC */
/*
 * This file contains the check of a time-zone name (a feed's TZID, the
 * server's settings) before libical is asked for that zone: libical opens
 * <zoneinfo>/<name> with a blocking fopen(), so "../../proc/self/fd/0" or
 * the path of a FIFO would read our standard input or hang for good.
 * Only canonical IANA names that lead to a regular file pass.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libical/ical.h>

#include "safe.h"
#include "xmalloc.h"

#define TZNAME_MAX 64 /* the longest IANA name is 32 bytes */

/* The Zone and Link names of <dir>/tzdata.zi, read once per directory. */
static struct {
	char *dir;
	char **names;
	size_t n;
	bool have; /* the file exists */
} tz_list;

static void
tz_list_load(const char *dir)
{
	char *path, *line = NULL;
	size_t cap = 0, alloc = 0;
	FILE *f;
	int fd;
	struct stat st;

	if (tz_list.dir != NULL && strcmp(tz_list.dir, dir) == 0)
		return;
	for (size_t i = 0; i < tz_list.n; i++)
		free(tz_list.names[i]);
	free(tz_list.names);
	free(tz_list.dir);
	memset(&tz_list, 0, sizeof(tz_list));
	tz_list.dir = xstrdup(dir);
	path = xasprintf("%s/tzdata.zi", dir);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	free(path);
	if (fd == -1)
		return;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return;
	}
	tz_list.have = true;
	while (getline(&line, &cap, f) != -1) {
		char kind[2], a[TZNAME_MAX + 1], b[TZNAME_MAX + 1];
		const char *name;
		int got = sscanf(line, "%1s %64s %64s", kind, a, b);

		/* "Z Europe/Oslo ..." and "L Europe/Berlin Arctic/Longyearbyen"
		 */
		if (got >= 2 && kind[0] == 'Z')
			name = a;
		else if (got == 3 && kind[0] == 'L')
			name = b;
		else
			continue;
		if (tz_list.n == alloc) {
			alloc = alloc ? alloc * 2 : 512;
			tz_list.names = xreallocarray(
			    tz_list.names, alloc, sizeof(*tz_list.names));
		}
		tz_list.names[tz_list.n++] = xstrdup(name);
	}
	free(line);
	fclose(f);
}

static bool
tz_listed(const char *name)
{
	if (!tz_list.have)
		return true; /* no list: the file checks below decide */
	for (size_t i = 0; i < tz_list.n; i++)
		if (strcmp(tz_list.names[i], name) == 0)
			return true;
	return false;
}

/* The shape of an IANA name; no '.', so no "..", no "tzdata.zi". */
static bool
tz_shape_ok(const char *name)
{
	static const char *const not_zones[] = {
	    "localtime", "posixrules", "Factory", NULL};
	size_t len = strlen(name);
	bool start = true;

	if (len == 0 || len > TZNAME_MAX)
		return false;
	if (!((name[0] >= 'A' && name[0] <= 'Z') ||
	        (name[0] >= 'a' && name[0] <= 'z')))
		return false;
	for (const char *p = name; *p != '\0'; p++) {
		char c = *p;
		if (c == '/') {
			if (start)
				return false; /* "a//b" */
			start = true;
			continue;
		}
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		        (c >= '0' && c <= '9') || c == '_' || c == '+' ||
		        c == '-'))
			return false;
		start = false;
	}
	if (start)
		return false; /* a trailing '/' */
	for (size_t i = 0; not_zones[i] != NULL; i++)
		if (strcmp(name, not_zones[i]) == 0)
			return false;
	if (strncmp(name, "posix/", 6) == 0 || strncmp(name, "right/", 6) == 0)
		return false;
	return true;
}

/* <dir>/<name> is a regular file inside dir; never blocks. */
static bool
tz_file_ok(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	char real_dir[PATH_MAX], real[PATH_MAX];
	size_t dl;
	struct stat st;
	bool ok = false;
	int fd;

	if (realpath(dir, real_dir) == NULL || realpath(path, real) == NULL)
		goto done;
	dl = strlen(real_dir);
	if (strncmp(real, real_dir, dl) != 0 || real[dl] != '/')
		goto done;
	/* O_NONBLOCK: opening a FIFO with no writer returns at once. */
	if ((fd = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)) ==
	    -1)
		goto done;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	close(fd);
done:
	free(path);
	return ok;
}

bool
tzname_ok_in(const char *dir, const char *name)
{
	if (name == NULL)
		return false;
	if (strcmp(name, "UTC") == 0)
		return true;
	if (dir == NULL || dir[0] == '\0' || !tz_shape_ok(name))
		return false;
	tz_list_load(dir);
	return tz_listed(name) && tz_file_ok(dir, name);
}

bool
tzname_ok(const char *name)
{
	/* The last name that passed: a feed names one zone many times. */
	static char *last;

	if (name != NULL && last != NULL && strcmp(name, last) == 0)
		return true;
	if (!tzname_ok_in(icaltzutil_get_zone_directory(), name))
		return false;
	free(last);
	last = xstrdup(name);
	return true;
}
