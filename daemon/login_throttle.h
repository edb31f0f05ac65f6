/* SPDX-License-Identifier: ISC */
/*
 * The login throttle (issue 14), shared by POST /api/v1/login and the
 * login form of the pages without JavaScript: failures counted under a
 * key ("u:login" for an account, "a:address" for a client address).
 * Past `free_failures` failures each new attempt under the key waits 15 s
 * after the last failure, then 30, then 60 at most; 15 quiet minutes
 * forget the count.  Memory is bounded (a fixed table; a collision
 * forgets).  Loop thread only.
 */
#ifndef ROTAD_LOGIN_THROTTLE_H
#define ROTAD_LOGIN_THROTTLE_H

#include <stdint.h>

/* Seconds to wait before the next attempt under this key, or 0. */
int throttle_wait(const char *key, int free_failures, int64_t now);
/* Counts one failure under the key at `now` (Unix seconds). */
void throttle_fail(const char *key, int64_t now);
/* Forgets the key's failures (a good login). */
void throttle_clear(const char *key);

#endif /* ROTAD_LOGIN_THROTTLE_H */
