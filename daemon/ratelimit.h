/* SPDX-License-Identifier: ISC */
/*
 * Slowing down token guessing: each client address may present a limited
 * number of bad tokens (API or feed) per window; past that each further
 * bad token from it is answered 429 with Retry-After, and only after a
 * delay (a tarpit, RATELIMIT_DELAY_MS), until the window ends.  A valid
 * token from the same address is always served at once: a stale
 * subscription behind a shared address must not lock out the others.
 * Bounded memory.
 */
#ifndef ROTAD_RATELIMIT_H
#define ROTAD_RATELIMIT_H

#include <stdint.h>

#define RATELIMIT_FAILURES 20 /* bad tokens allowed per window */
#define RATELIMIT_WINDOW   60 /* seconds */
#define RATELIMIT_ENTRIES  4096
#define RATELIMIT_DELAY_MS 1000 /* how long a refused guess is held */
#define RATELIMIT_TARPIT   256  /* guesses held at once; then at once */

struct ratelimit;

struct ratelimit *ratelimit_new(void);
void ratelimit_free(struct ratelimit *rl);

/* Seconds the address must wait, or 0 when it may go on. */
int ratelimit_wait(struct ratelimit *rl, const char *addr, int64_t now);
/* Whether no address has failed yet (lets callers skip the lookup). */
int ratelimit_idle(const struct ratelimit *rl);

/* Records a bad token from the address. */
void ratelimit_failure(struct ratelimit *rl, const char *addr, int64_t now);

#endif /* ROTAD_RATELIMIT_H */
