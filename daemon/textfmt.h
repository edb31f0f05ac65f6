/* SPDX-License-Identifier: ISC */
/*
 * Dates, times and hours as a person reads them, in the calling thread's
 * language (i18n_use()): "mandag 14. desember" / "Monday 14 December",
 * 24-hour times, "2,5 t" / "2.5 h".  Weekday and month names come from
 * the translation catalog, never from the system locale, so a language
 * needs only its .po file.  Every function writes a NUL-terminated string
 * of at most `len` bytes (truncated, never overflowing) and returns `buf`.
 */
#ifndef ROTAD_TEXTFMT_H
#define ROTAD_TEXTFMT_H

#include <stddef.h>
#include <stdint.h>

#define TEXTFMT_MAX 64 /* enough for every format below */

/* The weekday's name ("mandag"/"Monday"); wd is enum civil_weekday. */
const char *textfmt_weekday(int wd);

/* Its short form ("man."/"Mon"). */
const char *textfmt_weekday_short(int wd);

/* The month's name ("desember"/"December"); month 1..12. */
const char *textfmt_month(int month);

/* "mandag 14. desember" / "Monday 14 December" (days since 1970-01-01). */
char *textfmt_date_long(int32_t days, char *buf, size_t len);

/* "14. desember 2026" / "14 December 2026". */
char *textfmt_date_year(int32_t days, char *buf, size_t len);

/* "man. 14.12." / "Mon 14/12": a compact day for tables and lists. */
char *textfmt_date_short(int32_t days, char *buf, size_t len);

/* "16:00" for minutes after midnight (0..1440). */
char *textfmt_time(int minutes, char *buf, size_t len);

/* A duration in hours: "2,5 t" / "2.5 h", "3 t" / "3 h", "1 t 20 min" /
 * "1 h 20 min" when it is not a whole number of half hours. */
char *textfmt_hours(int64_t minutes, char *buf, size_t len);

#endif /* ROTAD_TEXTFMT_H */
