/* SPDX-License-Identifier: ISC */
/*
 * This file contains the metric store and the Prometheus text writer:
 * one row per (route, status) seen, a fixed-bucket latency histogram, and
 * the X-macro counters.
 */
#include <sys/resource.h>

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <sqlite3.h>

#include "stats.h"

#define STATS_MAX_ROWS 256

struct stats_counters stats;

static struct {
	const char *route; /* a route table pattern: static storage */
	int status;
	uint64_t count;
} rows[STATS_MAX_ROWS];
static size_t nrows;

static const double buckets[] = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
#define NBUCKETS (sizeof(buckets) / sizeof(buckets[0]))

/* One latency histogram per route pattern (and one for "no route"). */
#define STATS_MAX_ROUTES 128
static struct {
	const char *route;
	uint64_t buckets[NBUCKETS];
	uint64_t count;
	double sum;
} hist[STATS_MAX_ROUTES];
static size_t nhist;
static double start_time; /* seconds since the epoch */

void
stats_started(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	start_time = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
stats_request(const char *route, int status, double seconds)
{
	size_t i;

	if (route == NULL)
		route = "(no route)";
	for (i = 0; i < nrows; i++)
		if (rows[i].status == status &&
		    strcmp(rows[i].route, route) == 0)
			break;
	if (i == nrows && nrows < STATS_MAX_ROWS) {
		rows[i].route = route;
		rows[i].status = status;
		nrows++;
	}
	if (i < nrows)
		rows[i].count++;
	for (i = 0; i < nhist; i++)
		if (hist[i].route == route || strcmp(hist[i].route, route) == 0)
			break;
	if (i == nhist && nhist < STATS_MAX_ROUTES)
		hist[nhist++].route = route;
	if (i == nhist)
		return;
	for (size_t b = 0; b < NBUCKETS; b++)
		if (seconds <= buckets[b])
			hist[i].buckets[b]++;
	hist[i].count++;
	hist[i].sum += seconds;
}

/* Resident set size from /proc/self/statm; -1 when unreadable. */
static long long
resident_bytes(void)
{
	unsigned long long size, rss;
	FILE *f = fopen("/proc/self/statm", "r");
	int n;

	if (f == NULL)
		return -1;
	n = fscanf(f, "%llu %llu", &size, &rss);
	fclose(f);
	if (n != 2)
		return -1;
	return (long long)rss * sysconf(_SC_PAGESIZE);
}

/* Open descriptors, from /proc/self/fd (less the directory's own). */
static long
open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	long n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;
}

static void
write_process(FILE *out)
{
	struct rusage ru;
	struct rlimit rl;
	long long rss = resident_bytes();
	long fds = open_fds();

	fprintf(out,
	    "# HELP rotad_build_info The running version (value 1).\n"
	    "# TYPE rotad_build_info gauge\n"
	    "rotad_build_info{version=\"%s\",libevent=\"%s\","
	    "sqlite=\"%s\"} 1\n"
	    "# HELP process_start_time_seconds Start time since the epoch.\n"
	    "# TYPE process_start_time_seconds gauge\n"
	    "process_start_time_seconds %.3f\n",
	    ROTA_VERSION, event_get_version(), sqlite3_libversion(),
	    start_time);
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		fprintf(out,
		    "# HELP process_cpu_seconds_total User and system CPU "
		    "time.\n"
		    "# TYPE process_cpu_seconds_total counter\n"
		    "process_cpu_seconds_total %.6f\n",
		    (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
		        (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) /
		            1e6);
	if (rss >= 0)
		fprintf(out,
		    "# HELP process_resident_memory_bytes Resident memory.\n"
		    "# TYPE process_resident_memory_bytes gauge\n"
		    "process_resident_memory_bytes %lld\n",
		    rss);
	if (fds >= 0)
		fprintf(out,
		    "# HELP process_open_fds Open file descriptors.\n"
		    "# TYPE process_open_fds gauge\n"
		    "process_open_fds %ld\n",
		    fds);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		fprintf(out,
		    "# HELP process_max_fds The open-file limit.\n"
		    "# TYPE process_max_fds gauge\n"
		    "process_max_fds %llu\n",
		    (unsigned long long)rl.rlim_cur);
}

void
stats_write(FILE *out, uint64_t feed_hits, uint64_t feed_misses,
    int64_t db_bytes, long open_connections)
{
	fprintf(out,
	    "# HELP rotad_http_requests_total HTTP requests answered, "
	    "by route pattern and status.\n"
	    "# TYPE rotad_http_requests_total counter\n");
	for (size_t i = 0; i < nrows; i++)
		fprintf(out,
		    "rotad_http_requests_total{route=\"%s\",status=\"%d\"} "
		    "%llu\n",
		    rows[i].route, rows[i].status,
		    (unsigned long long)rows[i].count);
	fprintf(out,
	    "# HELP rotad_http_request_duration_seconds Time from "
	    "routing to reply, by route pattern.\n"
	    "# TYPE rotad_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i < nhist; i++) {
		for (size_t b = 0; b < NBUCKETS; b++)
			fprintf(out,
			    "rotad_http_request_duration_seconds_bucket{route="
			    "\"%s\",le=\"%g\"} %llu\n",
			    hist[i].route, buckets[b],
			    (unsigned long long)hist[i].buckets[b]);
		fprintf(out,
		    "rotad_http_request_duration_seconds_bucket{route=\"%s\","
		    "le=\"+Inf\"} %llu\n"
		    "rotad_http_request_duration_seconds_sum{route=\"%s\"} "
		    "%.6f\n"
		    "rotad_http_request_duration_seconds_count{route=\"%s\"} "
		    "%llu\n",
		    hist[i].route, (unsigned long long)hist[i].count,
		    hist[i].route, hist[i].sum, hist[i].route,
		    (unsigned long long)hist[i].count);
	}
	write_process(out);
#define STATS_WRITE(name, help)                                                \
	fprintf(out,                                                           \
	    "# HELP rotad_" #name "_total " help ".\n"                         \
	    "# TYPE rotad_" #name "_total counter\n"                           \
	    "rotad_" #name "_total %llu\n",                                    \
	    (unsigned long long)stats.name);
	STATS_COUNTERS(STATS_WRITE)
#undef STATS_WRITE
	fprintf(out,
	    "# HELP rotad_solver_seconds_total Time spent in schedule runs.\n"
	    "# TYPE rotad_solver_seconds_total counter\n"
	    "rotad_solver_seconds_total %.6f\n"
	    "# HELP rotad_feed_cache_hits_total Feeds served from memory.\n"
	    "# TYPE rotad_feed_cache_hits_total counter\n"
	    "rotad_feed_cache_hits_total %llu\n"
	    "# HELP rotad_feed_cache_misses_total Feeds rendered anew.\n"
	    "# TYPE rotad_feed_cache_misses_total counter\n"
	    "rotad_feed_cache_misses_total %llu\n"
	    "# HELP rotad_database_size_bytes Size of the SQLite database.\n"
	    "# TYPE rotad_database_size_bytes gauge\n"
	    "rotad_database_size_bytes %lld\n"
	    "# HELP rotad_open_connections Open client connections.\n"
	    "# TYPE rotad_open_connections gauge\n"
	    "rotad_open_connections %ld\n",
	    stats.solver_seconds, (unsigned long long)feed_hits,
	    (unsigned long long)feed_misses, (long long)db_bytes,
	    open_connections);
}
