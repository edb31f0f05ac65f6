/* SPDX-License-Identifier: ISC */
/*
 * This file contains the bad-token limiter: a fixed table of addresses
 * with a failure count per fixed window; when full, the entry whose
 * window is oldest is reused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ratelimit.h"
#include "xmalloc.h"

struct ratelimit_entry {
	char addr[64];
	int64_t window_start;
	int failures;
};

struct ratelimit {
	struct ratelimit_entry e[RATELIMIT_ENTRIES];
	size_t n;
};

struct ratelimit *
ratelimit_new(void)
{
	return xcalloc(1, sizeof(struct ratelimit));
}

void
ratelimit_free(struct ratelimit *rl)
{
	free(rl);
}

static struct ratelimit_entry *
find(struct ratelimit *rl, const char *addr)
{
	for (size_t i = 0; i < rl->n; i++)
		if (strcmp(rl->e[i].addr, addr) == 0)
			return &rl->e[i];
	return NULL;
}

int
ratelimit_idle(const struct ratelimit *rl)
{
	return rl->n == 0;
}

int
ratelimit_wait(struct ratelimit *rl, const char *addr, int64_t now)
{
	struct ratelimit_entry *e = find(rl, addr);
	int64_t left;

	if (e == NULL || e->failures < RATELIMIT_FAILURES)
		return 0;
	left = e->window_start + RATELIMIT_WINDOW - now;
	return left > 0 ? (int)left : 0;
}

void
ratelimit_failure(struct ratelimit *rl, const char *addr, int64_t now)
{
	struct ratelimit_entry *e = find(rl, addr);

	if (e == NULL) {
		if (rl->n < RATELIMIT_ENTRIES) {
			e = &rl->e[rl->n++];
		} else {
			e = &rl->e[0];
			for (size_t i = 1; i < rl->n; i++)
				if (rl->e[i].window_start < e->window_start)
					e = &rl->e[i];
		}
		snprintf(e->addr, sizeof(e->addr), "%s", addr);
		e->window_start = now;
		e->failures = 0;
	}
	if (now - e->window_start >= RATELIMIT_WINDOW) {
		e->window_start = now;
		e->failures = 0;
	}
	e->failures++;
}
