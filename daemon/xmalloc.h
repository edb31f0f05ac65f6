/* SPDX-License-Identifier: ISC */
/*
 * Allocation that never returns NULL: running out of memory is fatal in
 * rota's own code (input sizes are capped before anything is allocated, so
 * no client can drive the daemon there).
 */
#ifndef ROTAD_XMALLOC_H
#define ROTAD_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Like asprintf(3); returns the new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* ROTAD_XMALLOC_H */
