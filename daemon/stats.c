/*
 * This file contains the metric store and the Prometheus text writer:
 * one row per (route, status) seen, a fixed-bucket latency histogram, and
 * the X-macro counters.
 */
#include <stdio.h>
#include <string.h>

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
static uint64_t bucket_counts[NBUCKETS];
static uint64_t latency_count;
static double latency_sum;

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
	for (size_t b = 0; b < NBUCKETS; b++)
		if (seconds <= buckets[b])
			bucket_counts[b]++;
	latency_count++;
	latency_sum += seconds;
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
	    "routing to reply.\n"
	    "# TYPE rotad_http_request_duration_seconds histogram\n");
	for (size_t b = 0; b < NBUCKETS; b++)
		fprintf(out,
		    "rotad_http_request_duration_seconds_bucket{le=\"%g\"} "
		    "%llu\n",
		    buckets[b], (unsigned long long)bucket_counts[b]);
	fprintf(out,
	    "rotad_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
	    "rotad_http_request_duration_seconds_sum %.6f\n"
	    "rotad_http_request_duration_seconds_count %llu\n",
	    (unsigned long long)latency_count, latency_sum,
	    (unsigned long long)latency_count);
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
