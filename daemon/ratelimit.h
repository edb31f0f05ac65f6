/*
 * Slowing down token guessing: each client address may present a limited
 * number of bad tokens (API or feed) per window; past that it is answered
 * 429 with Retry-After until the window ends.  Bounded memory.
 */
#ifndef ROTAD_RATELIMIT_H
#define ROTAD_RATELIMIT_H

#include <stdint.h>

#define RATELIMIT_FAILURES 20 /* bad tokens allowed per window */
#define RATELIMIT_WINDOW   60 /* seconds */
#define RATELIMIT_ENTRIES  4096

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
