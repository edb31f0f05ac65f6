/* SPDX-License-Identifier: ISC */
/*
 * The printable HTML week page of one nursing home (GET /homes/TOKEN): the
 * visits of the next two weeks with day, time, activity and the youths'
 * first names, plus the home's feed subscribe links.  Pure: no I/O, no
 * clock; no JavaScript in the page.
 */
#ifndef ROTAD_WEEKPAGE_H
#define ROTAD_WEEKPAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct model_instance;
struct sbuf;

/* How many days the page covers: this ISO week and the next. */
#define WEEKPAGE_DAYS 14

/*
 * Renders the page of home `home_idx` of `inst` (linked with
 * model_instance_link()) for the ISO week (Monday to Sunday) holding the
 * local date of `now` (Unix seconds, read in the instance's time zone) and
 * the week after it.
 * `feed_url` (https:// or http://) and `webcal_url` (webcal:// or
 * webcals://) are borrowed and shown as subscribe links; NULL, or a URL
 * with another scheme, leaves its link out.  Every text is HTML-escaped.
 * Returns a NUL-terminated UTF-8 document the caller frees with free(), or
 * NULL when home_idx is out of range or the time zone is unknown.
 * Every text is in `lang` (enum i18n_lang; the calling thread's language
 * is switched for the call and restored), dates and times from textfmt.
 */
char *weekpage_render(const struct model_instance *inst, size_t home_idx,
    int64_t now, const char *feed_url, const char *webcal_url, int lang);

/*
 * The page's HTML escaping, for the other server-rendered pages (the
 * youth page, youthpage.c): appends s cleaned (feed_text_clean_ndup) and
 * with & < > " ' escaped; and a translated "... %s ..." text, escaped,
 * with s in place of its %s (escaped too, or as it is when s_is_html).
 */
void weekpage_add_html(struct sbuf *b, const char *s);
void weekpage_add_textf(
    struct sbuf *b, const char *translated, const char *s, bool s_is_html);

#endif /* ROTAD_WEEKPAGE_H */
