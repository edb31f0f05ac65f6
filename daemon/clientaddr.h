/* SPDX-License-Identifier: ISC */
/*
 * The address a request comes from, for the bad-token rate limit.  Behind
 * a reverse proxy every request arrives from the proxy, so one client's
 * bad tokens would lock everybody out; with the proxy's addresses listed
 * as trusted (`trusted_proxies` in the configuration) the client is read
 * from X-Forwarded-For instead.  Pure (no libevent), so it can be tested
 * and fuzzed alone.
 */
#ifndef ROTAD_CLIENTADDR_H
#define ROTAD_CLIENTADDR_H

#include <stdbool.h>
#include <stddef.h>

#define CLIENTADDR_MAX 64 /* longest textual address kept, with its NUL */

struct proxy_list;

/*
 * Parses a list of addresses or networks ("127.0.0.1, ::1 10.0.0.0/8",
 * separated by commas and/or blanks).  Returns the list (an empty spec
 * gives an empty list) or NULL with a message in err.
 */
struct proxy_list *proxy_list_parse(const char *spec, char *err, size_t errlen);
void proxy_list_free(struct proxy_list *pl);

/* Whether addr (textual IPv4 or IPv6) is in one of the list's networks. */
bool proxy_list_contains(const struct proxy_list *pl, const char *addr);

/*
 * The client's address into out: the peer itself, unless the peer is a
 * trusted proxy and X-Forwarded-For (xff, may be NULL) is present; then
 * the right-most address in it that is not a trusted proxy (the left-most
 * entries are whatever the client claimed, so they are never believed).
 * An entry that is not an address stops the walk at the last good one.
 */
void client_address(const struct proxy_list *pl, const char *peer,
    const char *xff, char out[CLIENTADDR_MAX]);

#endif /* ROTAD_CLIENTADDR_H */
