/* SPDX-License-Identifier: ISC */
/*
 * Matching request paths against route patterns such as
 * "/api/v1/homes/:id".  Pure (no libevent), so it can be fuzzed alone.
 */
#ifndef ROTAD_ROUTER_H
#define ROTAD_ROUTER_H

#include <stddef.h>

#define ROUTER_MAX_PATH 1024

/*
 * Normalises a raw request path into buf: it must start with '/', be
 * shorter than ROUTER_MAX_PATH and hold no NUL; trailing slashes are
 * dropped ("/api/v1/homes/" is "/api/v1/homes").  Returns 0 or -1.
 */
int router_normalize(const char *path, char buf[ROUTER_MAX_PATH]);

/*
 * Matches a normalised path against pattern, segment by segment; each
 * ":name" segment takes one non-empty segment, percent-decoded, into
 * params[0..] (new strings, at most maxparams; the caller frees them with
 * router_params_free).  A segment that decodes to a NUL byte or has a bad
 * escape does not match.  Returns 1 on a match, else 0 (params empty).
 * With params NULL it only tests the match, allocating nothing.
 */
int router_match(
    const char *pattern, const char *path, char **params, size_t maxparams);

void router_params_free(char **params, size_t maxparams);

#endif /* ROTAD_ROUTER_H */
