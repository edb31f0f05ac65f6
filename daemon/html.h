/* SPDX-License-Identifier: ISC */
/*
 * The HTML writer of the pages rotad renders itself (issue 19, "Without
 * JavaScript"): every text and attribute value that is not a literal of
 * the page goes through html_text() / html_attr(), so a hostile name
 * cannot open a tag, end an attribute or reorder the text after it.
 *
 * Escaping: & < > " ' become character references; a byte that is not
 * part of valid UTF-8 becomes U+FFFD; C0 controls other than tab and
 * newline, DEL, and the bidirectional embeddings, overrides and isolates
 * (U+202A..U+202E, U+2066..U+2069) are dropped, so that a name is shown as
 * written and cannot turn the line around it (the marks U+200E/U+200F
 * and U+061C change no text but their own neighbourhood and are kept).
 */
#ifndef ROTAD_HTML_H
#define ROTAD_HTML_H

#include <stddef.h>

#include "sbuf.h"

/* Markup written as is: only literals of the page, never data. */
void html_raw(struct sbuf *b, const char *markup);
/* Text content, escaped (NULL writes nothing). */
void html_text(struct sbuf *b, const char *s);
/* An attribute value, escaped; the caller writes the quotes around it. */
void html_attr(struct sbuf *b, const char *s);
/* html_text() of a printf-style text. */
void html_textf(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * One path segment or query value of a URL: every byte but the
 * unreserved A-Z a-z 0-9 - . _ ~ percent-encoded (so also safe in an
 * attribute).
 */
void html_url_part(struct sbuf *b, const char *s);

#endif /* ROTAD_HTML_H */
