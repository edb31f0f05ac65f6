/* SPDX-License-Identifier: ISC */
/*
 * Conditional requests and content codings (RFC 9110 8.4, 12.5.3, 13):
 * the header values a GET handler needs to decide between 200 and 304,
 * and whether the client takes gzip.  Pure string work on the header
 * values, so the feed, the week page and the web app's assets share one
 * reading of them, and the unit test reaches it without a server.
 */
#ifndef ROTAD_HTTP_CONDITIONAL_H
#define ROTAD_HTTP_CONDITIONAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Whether If-None-Match `inm` is "*" or lists one of tags[0..ntags) (the
 * quoted tags of the representations of one resource) under the weak
 * comparison of RFC 9110 13.1.2 (W/"x" matches "x").  A tag matches
 * whole; a malformed list matches nothing.
 */
bool http_inm_lists(const char *inm, const char *const *tags, size_t ntags);

/*
 * An HTTP-date in any of the three forms a recipient must accept (RFC
 * 9110 5.6.7): IMF-fixdate, RFC 850 and asctime.  Unix seconds, or -1.
 */
int64_t http_date_parse(const char *s);

/*
 * Whether a GET with these conditions (either may be NULL) is answered
 * 304: If-None-Match decides when present and If-Modified-Since is then
 * ignored (RFC 9110 13.2.2); else the resource is unmodified when
 * `last_modified` (Unix seconds) is not after the date given.
 */
bool http_not_modified(const char *inm, const char *ims,
    const char *const *tags, size_t ntags, int64_t last_modified);

/*
 * Whether Accept-Encoding `ae` (NULL: absent) accepts gzip (or x-gzip)
 * with a weight above zero.  Coding names and the q parameter are
 * case-insensitive and blanks may surround every separator, so
 * "GZIP;Q=0" and "gzip;q=0 , br" refuse it.  "*" is not taken as gzip:
 * a feed without the header costs little, a wrong guess breaks a client.
 */
bool http_accepts_gzip(const char *ae);

#endif /* ROTAD_HTTP_CONDITIONAL_H */
