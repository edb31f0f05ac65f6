/* SPDX-License-Identifier: ISC */
/*
 * The header framings evhttp is lenient about, refused (RFC 9112): apart
 * from http.h so that it sits in a layer below the server (and the fuzz
 * target of the router can reach it through rotacore).
 */
#ifndef ROTAD_HTTP_FRAMING_H
#define ROTAD_HTTP_FRAMING_H

struct evkeyvalq;

/*
 * What is wrong with a request's header framing (RFC 9112 6.3), or NULL:
 * a field name that is not a token (a blank before the colon), a
 * Content-Length that is not digits or disagrees with another, a
 * Transfer-Encoding other than one "chunked", or both.  Pure.
 */
const char *http_framing_error(const struct evkeyvalq *headers);

#endif /* ROTAD_HTTP_FRAMING_H */
