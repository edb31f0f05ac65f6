/* SPDX-License-Identifier: ISC */
/*
 * A growable string (in the manner of git's strbuf), shared by the feed
 * writer, the week page and the client.  Zero-initialise; allocation
 * failure is fatal (xmalloc.h).
 */
#ifndef ROTAD_SBUF_H
#define ROTAD_SBUF_H

#include <stddef.h>

struct sbuf {
	char *s; /* NUL-terminated once anything was added; may be NULL */
	size_t len, cap;
};

void sbuf_add(struct sbuf *b, const void *data, size_t len);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addf(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Returns the string (never NULL) and resets b; the caller frees it. */
char *sbuf_take(struct sbuf *b);
void sbuf_release(struct sbuf *b);

#endif /* ROTAD_SBUF_H */
