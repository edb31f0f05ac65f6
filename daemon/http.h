/* SPDX-License-Identifier: ISC */
/*
 * The HTTP server: evhttp set up with explicit limits, one generic
 * callback that routes every request through the api_*.c route tables,
 * authentication, JSON bodies, and one access-log line per request.
 */
#ifndef ROTAD_HTTP_H
#define ROTAD_HTTP_H

#include <stddef.h>

#include "http_framing.h"

struct rotad;

/*
 * Creates the server on rd->base and binds rd->conf.listen ("ADDR:PORT",
 * port 0 for any free port, stored in rd->port), or serves the listening
 * socket `fd` when it is >= 0 (socket activation).  Returns 0, or -1
 * after logging why.
 */
int http_init(struct rotad *rd, int fd);

/* Applies the body and timeout limits of rd->conf (again, after SIGHUP). */
void http_apply_limits(struct rotad *rd);

/* Stops accepting connections; requests in flight still finish. */
void http_stop_listening(struct rotad *rd);

/* Client connections open now. */
size_t http_open_connections(const struct rotad *rd);

/* Frees the server (closing every connection). */
void http_free(struct rotad *rd);

#endif /* ROTAD_HTTP_H */
