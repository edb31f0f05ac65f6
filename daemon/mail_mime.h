/* SPDX-License-Identifier: ISC */
/*
 * E-mail messages as text (issue 16): the RFC 5322 header, a
 * multipart/alternative body of a text and an HTML part (RFC 2045/2046,
 * UTF-8, quoted-printable), RFC 2047 encoded words for a non-ASCII
 * subject, the RFC 8058 one-click unsubscribe headers; and the check of
 * an address.  Pure: no I/O, no clock, no randomness (the Message-ID and
 * the date are the caller's).
 */
#ifndef ROTAD_MAIL_MIME_H
#define ROTAD_MAIL_MIME_H

#include <stdbool.h>
#include <stdint.h>

struct sbuf;

/* The longest address accepted (RFC 5321 §4.5.3.1.3 path limit). */
#define MAIL_ADDR_MAX 254

/*
 * Whether `addr` is one plain address, local@domain: the local part of
 * RFC 5322 atext and dots (no quoted strings, no leading, trailing or
 * double dot, at most 64 bytes), a domain of at least two labels of
 * letters, digits and hyphens (or non-ASCII bytes: internationalised
 * names), at most MAIL_ADDR_MAX bytes in all.  No display name, no
 * spaces, no control characters.
 */
bool mail_addr_valid(const char *addr);

/*
 * The body `text` (UTF-8, lines ending "\n" or "\r\n") quoted-printable
 * (RFC 2045 §6.7): lines of at most 76 characters ending CRLF, '=' and
 * bytes outside printable ASCII as =XX, a space or tab before a line end
 * encoded, soft line breaks "=" CRLF.
 */
void mail_qp_encode(struct sbuf *out, const char *text);

/*
 * "NAME: VALUE" CRLF, the value as it is when it is printable ASCII,
 * else as RFC 2047 "B" encoded words in UTF-8 (each at most 75
 * characters, never splitting a character), folded with CRLF SP.
 */
void mail_header(struct sbuf *out, const char *name, const char *value);

/* The RFC 5322 date of a Unix time, in UTC: "Mon, 07 Dec 2026 21:00:00
 * +0000" (at least 32 bytes). */
void mail_date(int64_t unix_seconds, char buf[40]);

struct mail_message {
	const char *from;       /* an address, or "Name <address>" */
	const char *to;         /* an address */
	const char *subject;    /* UTF-8 */
	const char *message_id; /* "<...@...>" */
	int64_t date;           /* Unix seconds */
	const char *text;       /* the text part, UTF-8 */
	const char *html;       /* the HTML part, UTF-8 (a whole document) */
	/* The one-click unsubscribe URL (https://...), or NULL for none. */
	const char *unsubscribe_url;
};

/*
 * The whole message (header and body, lines ending CRLF), for SMTP DATA;
 * the caller frees it.  Header values holding CR or LF are refused (NULL):
 * no header can be injected.
 */
char *mail_build(const struct mail_message *m);

/* ---- when to send ---- */

/* Attempts after which a message is given up ('failed'). */
#define MAIL_MAX_ATTEMPTS 10

/*
 * Seconds to wait after `failed` failed attempts (1, 2, ...) before the
 * next: 60 s doubled each time (60, 120, 240, ...), at most six hours.
 */
int64_t mail_backoff(int failed);

struct tzmap;
/*
 * Quiet hours: the earliest Unix time at or after `now` at which a
 * message may go to a recipient who turns 18 on day `adult_from` (days
 * since 1970; CIVIL_NO_DATE when quiet hours do not apply).  A minor on
 * the local date (in zone tz) gets no mail from 21:00 to 07:00: a message
 * then waits until 07:00 local.
 */
int64_t mail_quiet_next(
    const struct tzmap *tz, int64_t now, int32_t adult_from);

/*
 * "Unless urgent" (issue 16, options.mail_urgent_in_quiet_hours): a
 * message about a change to a visit that would be read too late after
 * the quiet hours goes in them all the same.  Precisely: a visits digest
 * (new, moved, cancelled) whose earliest affected visit starts before
 * the end of the quiet window holding it plus MAIL_URGENT_MARGIN
 * seconds; a youth's visit at 07:30 tomorrow cancelled at 22:00 is of
 * no use at 07:00.  Reminders, answers, offers and consent mails are
 * never urgent.  `until` is what mail_quiet_next() gave, `visit_at` the
 * earliest affected visit's start (Unix seconds; 0: the message is not
 * urgent whatever the time).  Whether the message may go now.
 */
#define MAIL_URGENT_MARGIN (2 * 3600)
bool mail_quiet_urgent(int64_t until, int64_t visit_at);

#endif /* ROTAD_MAIL_MIME_H */
