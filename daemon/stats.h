/* SPDX-License-Identifier: ISC */
/*
 * Counters for GET /metrics (Prometheus text format): requests by route
 * and status, a latency histogram per route, the build and process_*
 * gauges, and plain counters declared once in an X-macro list.  Updated on the
 * event-loop thread only.
 */
#ifndef ROTAD_STATS_H
#define ROTAD_STATS_H

#include <stdint.h>
#include <stdio.h>

#define STATS_COUNTERS(X)                                                      \
	X(auth_failures, "rejected API or feed tokens")                        \
	X(rate_limited, "requests answered 429 after repeated bad tokens")     \
	X(solver_runs, "schedule runs started")                                \
	X(rule_refusals, "changes refused by the labour-law gate")             \
	X(state_loads, "times the whole stored organisation was read")         \
	X(published_loads, "times the whole published copy was read")

struct stats_counters {
#define STATS_FIELD(name, help) uint64_t name;
	STATS_COUNTERS(STATS_FIELD)
#undef STATS_FIELD
	double solver_seconds; /* total time spent solving */
};

extern struct stats_counters stats;

/* Notes the start time, for process_start_time_seconds. */
void stats_started(void);

/* Records one answered request: its route pattern (or NULL), status and
 * duration in seconds. */
void stats_request(const char *route, int status, double seconds);

/*
 * Writes every metric.  The gauges and cache counters are passed in since
 * they live elsewhere.
 */
void stats_write(FILE *out, uint64_t feed_hits, uint64_t feed_misses,
    int64_t db_bytes, long open_connections);

#endif /* ROTAD_STATS_H */
