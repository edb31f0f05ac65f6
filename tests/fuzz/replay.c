/* SPDX-License-Identifier: ISC */
/*
 * This file contains the replay driver for the fuzz targets: a plain
 * main() that feeds every file named on the command line, or found in a
 * directory named there, to LLVMFuzzerTestOneInput() once.  It builds with
 * gcc or clang and without libFuzzer, so ctest runs every corpus file and
 * every past crasher in the normal and the sanitizer builds.  A directory
 * that does not exist counts as empty (tests/fuzz/crashers/<target> only
 * exists once a crash has been found).  Exits 1 when nothing at all was
 * run, so a misplaced corpus cannot pass silently.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static size_t nrun;

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			unsigned char *nb;
			cap = cap ? cap * 2 : 4096;
			if ((nb = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "replay: out of memory\n");
				free(buf);
				fclose(f);
				return -1;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* An exact-size copy, so ASan sees reads past the input's end. */
	{
		unsigned char *exact = malloc(len ? len : 1);
		if (exact == NULL) {
			free(buf);
			return -1;
		}
		if (len > 0)
			memcpy(exact, buf, len);
		free(buf);
		fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	nrun++;
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (d == NULL) {
		if (errno == ENOENT)
			return 0;
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len;
		char *p;
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn;
			cap = cap ? cap * 2 : 64;
			if ((nn = realloc(names, cap * sizeof(*names))) ==
			    NULL) {
				rc = -1;
				break;
			}
			names = nn;
		}
		len = strlen(dir) + strlen(de->d_name) + 2;
		if ((p = malloc(len)) == NULL) {
			rc = -1;
			break;
		}
		snprintf(p, len, "%s/%s", dir, de->d_name);
		names[n++] = p;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), name_cmp);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (rc == 0 && stat(names[i], &st) == 0 &&
		    S_ISREG(st.st_mode) && run_file(names[i]) == -1)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == -1) {
			if (errno == ENOENT)
				continue;
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (run_dir(argv[i]) == -1)
				rc = 1;
		} else if (run_file(argv[i]) == -1) {
			rc = 1;
		}
	}
	if (nrun == 0) {
		fprintf(stderr, "replay: no input files\n");
		return 1;
	}
	printf("replay: %zu inputs ran cleanly\n", nrun);
	return rc;
}
