/* SPDX-License-Identifier: ISC */
/*
 * This file contains the feed rebuild benchmark: it reads an instance
 * (the JSON that bench/feed_bench.sh imports into rotad), renders one
 * youth's feed many times with feed_render(), and reports the mean time
 * of (a) the render alone, (b) render + feed_cache_put() (ETag hash and
 * gzip copy), which is what rotad does on the first request after a
 * change, and, when a database is given, (c) store_load_instance(), the
 * reload of the whole instance that rotad does once per change.
 *
 * usage: bench_feed INSTANCE.json YOUTH_ID [ITERATIONS] [ROTA.db]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "feed.h"
#include "feed_cache.h"
#include "instance_json.h"
#include "model.h"
#include "store.h"

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		exit(1);
	}
	if ((buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(1);
	}
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

int
main(int argc, char **argv)
{
	struct rotad_error err;
	struct model_instance *inst;
	struct feed_params p;
	struct feed_cache *fc;
	json_t *root;
	char *text, *body;
	size_t len, bytes;
	long idx;
	int iters = argc > 3 ? atoi(argv[3]) : 1000;
	double t0, render_us, put_us;

	if (argc < 3 || iters < 1) {
		fprintf(stderr,
		    "usage: %s INSTANCE.json YOUTH_ID [ITERATIONS] "
		    "[ROTA.db]\n",
		    argv[0]);
		return 2;
	}
	rotad_error_clear(&err);
	text = slurp(argv[1], &len);
	if ((root = instance_json_parse(text, len, &err)) == NULL ||
	    (inst = instance_from_json(root, &err)) == NULL) {
		fprintf(stderr, "%s: %s %s\n", argv[1], err.field, err.message);
		return 1;
	}
	json_decref(root);
	free(text);
	if ((idx = model_find_youth(inst, argv[2])) < 0) {
		fprintf(stderr, "no youth '%s'\n", argv[2]);
		return 1;
	}
	/* The same window rotad uses: whole UTC days around now. */
	feed_params_init(
	    &p, FEED_YOUTH, (size_t)idx, ((int64_t)time(NULL) / 86400) * 86400);

	body = feed_render(inst, &p);
	if (body == NULL) {
		fprintf(stderr, "feed_render failed\n");
		return 1;
	}
	bytes = strlen(body);
	printf("feed: %zu events, %zu bytes\n", count(body, "BEGIN:VEVENT"),
	    bytes);
	free(body);

	/* (a) render only */
	t0 = now_us();
	for (int i = 0; i < iters; i++)
		free(feed_render(inst, &p));
	render_us = (now_us() - t0) / iters;

	/* (b) render + cache insert (BLAKE2b ETag, gzip -9 copy) */
	fc = feed_cache_new();
	t0 = now_us();
	for (int i = 0; i < iters; i++)
		feed_cache_put(fc, "ics:youth:bench", (uint64_t)i, 0,
		    feed_render(inst, &p), 0);
	put_us = (now_us() - t0) / iters;
	feed_cache_free(fc);

	printf("feed_render: mean %.1f us over %d\n", render_us, iters);
	printf("feed_render + feed_cache_put: mean %.1f us over %d\n", put_us,
	    iters);
	model_instance_free(inst);

	if (argc > 4) {
		struct store *st = store_open(argv[4], &err);
		int n = iters < 200 ? iters : 200;

		if (st == NULL) {
			fprintf(stderr, "%s: %s\n", argv[4], err.message);
			return 1;
		}
		t0 = now_us();
		for (int i = 0; i < n; i++) {
			struct model_instance *in = NULL;
			if (store_load_instance(st, &in, &err) == -1) {
				fprintf(stderr, "load: %s\n", err.message);
				return 1;
			}
			model_instance_free(in);
		}
		printf("store_load_instance: mean %.1f us over %d\n",
		    (now_us() - t0) / n, n);
		store_close(st);
	}
	return 0;
}
