/* SPDX-License-Identifier: ISC */
/*
 * This file contains the text of e-mail messages (mail_mime.h): address
 * check, quoted-printable, RFC 2047 words, the header and the
 * multipart/alternative body; and the timing of sends (backoff, quiet
 * hours).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "mail_mime.h"
#include "sbuf.h"
#include "tzmap.h"

/* ---- addresses ---- */

static bool
atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static bool
label_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c >= 0x80;
}

bool
mail_addr_valid(const char *addr)
{
	const char *at, *p;
	size_t len, labels = 0, lablen = 0;

	if (addr == NULL || (len = strlen(addr)) == 0 || len > MAIL_ADDR_MAX)
		return false;
	if ((at = strchr(addr, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return false;
	if (at == addr || at - addr > 64 || addr[0] == '.' || at[-1] == '.')
		return false;
	for (p = addr; p < at; p++)
		if (!(atext((unsigned char)*p) || (*p == '.' && p[1] != '.')))
			return false;
	for (p = at + 1;; p++) {
		if (*p == '.' || *p == '\0') {
			if (lablen == 0 || p[-1] == '-')
				return false;
			labels++;
			lablen = 0;
			if (*p == '\0')
				break;
			continue;
		}
		if (!label_char((unsigned char)*p) ||
		    (lablen == 0 && *p == '-') || ++lablen > 63)
			return false;
	}
	return labels >= 2;
}

/* ---- quoted-printable ---- */

static const char hex[] = "0123456789ABCDEF";

void
mail_qp_encode(struct sbuf *out, const char *text)
{
	size_t col = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		char enc[4];
		size_t n;
		if (*p == '\r' && p[1] == '\n')
			continue;
		if (*p == '\n') {
			sbuf_adds(out, "\r\n");
			col = 0;
			continue;
		}
		/* A space or tab before a line end (or the end) is encoded. */
		if ((*p == ' ' || *p == '\t') &&
		    (p[1] == '\n' || p[1] == '\0' ||
		        (p[1] == '\r' && p[2] == '\n'))) {
			enc[0] = '=';
			enc[1] = hex[*p >> 4];
			enc[2] = hex[*p & 15];
			n = 3;
		} else if ((*p >= 33 && *p <= 126 && *p != '=') || *p == ' ' ||
		    *p == '\t') {
			enc[0] = (char)*p;
			n = 1;
		} else {
			enc[0] = '=';
			enc[1] = hex[*p >> 4];
			enc[2] = hex[*p & 15];
			n = 3;
		}
		/* At most 76 characters: 75 and a soft break's "=". */
		if (col + n > 75) {
			sbuf_adds(out, "=\r\n");
			col = 0;
		}
		sbuf_add(out, enc, n);
		col += n;
	}
}

/* ---- header ---- */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
base64(struct sbuf *out, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		char q[4];
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		q[0] = b64[(v >> 18) & 63];
		q[1] = b64[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		sbuf_add(out, q, 4);
	}
}

static bool
plain_ascii(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 32 || *p > 126)
			return false;
	return true;
}

void
mail_header(struct sbuf *out, const char *name, const char *value)
{
	const unsigned char *p = (const unsigned char *)value;
	size_t len = strlen(value);
	bool first = true;

	sbuf_addf(out, "%s: ", name);
	if (plain_ascii(value) && strlen(name) + 2 + len <= 998) {
		sbuf_adds(out, value);
		sbuf_adds(out, "\r\n");
		return;
	}
	/* "=?UTF-8?B?" + 60 + "?=" = 72: 45 bytes of text per word. */
	while (len > 0) {
		size_t n = len < 45 ? len : 45;
		/* Never split a UTF-8 sequence: back off continuation bytes. */
		while (n < len && n > 0 && (p[n] & 0xC0) == 0x80)
			n--;
		if (n == 0)
			n = len < 45 ? len : 45;
		if (!first)
			sbuf_adds(out, "\r\n ");
		sbuf_adds(out, "=?UTF-8?B?");
		base64(out, p, n);
		sbuf_adds(out, "?=");
		first = false;
		p += n;
		len -= n;
	}
	sbuf_adds(out, "\r\n");
}

void
mail_date(int64_t unix_seconds, char buf[40])
{
	static const char *const wd[] = {
	    "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t t = (time_t)unix_seconds;
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(buf, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    wd[tm.tm_wday % 7], tm.tm_mday, mon[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static bool
one_line(const char *s)
{
	return s == NULL || strpbrk(s, "\r\n") == NULL;
}

#define BOUNDARY "=_rota_alternative"

char *
mail_build(const struct mail_message *m)
{
	struct sbuf b = {0};
	char date[40];

	if (!one_line(m->from) || !one_line(m->to) ||
	    !one_line(m->message_id) || !one_line(m->unsubscribe_url))
		return NULL;
	mail_date(m->date, date);
	mail_header(&b, "Date", date);
	mail_header(&b, "From", m->from);
	mail_header(&b, "To", m->to);
	/* A subject's line breaks would be header folding: spaces. */
	{
		char *subj = strdup(m->subject);
		if (subj == NULL)
			abort();
		for (char *p = subj; *p; p++)
			if (*p == '\r' || *p == '\n' || *p == '\t')
				*p = ' ';
		mail_header(&b, "Subject", subj);
		free(subj);
	}
	mail_header(&b, "Message-ID", m->message_id);
	mail_header(&b, "MIME-Version", "1.0");
	/* RFC 3834: no auto-replies to this. */
	mail_header(&b, "Auto-Submitted", "auto-generated");
	if (m->unsubscribe_url != NULL) {
		sbuf_addf(&b, "List-Unsubscribe: <%s>\r\n", m->unsubscribe_url);
		mail_header(
		    &b, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
	}
	mail_header(&b, "Content-Type",
	    "multipart/alternative; boundary=\"" BOUNDARY "\"");
	sbuf_adds(&b, "\r\nThis is a message in MIME format.\r\n");
	sbuf_adds(&b,
	    "\r\n--" BOUNDARY "\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	mail_qp_encode(&b, m->text);
	sbuf_adds(&b,
	    "\r\n--" BOUNDARY "\r\n"
	    "Content-Type: text/html; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	mail_qp_encode(&b, m->html);
	sbuf_adds(&b, "\r\n--" BOUNDARY "--\r\n");
	return sbuf_take(&b);
}

/* ---- when ---- */

int64_t
mail_backoff(int failed)
{
	int64_t s = 60;

	for (int i = 1; i < failed && s < 6 * 3600; i++)
		s *= 2;
	return s < 6 * 3600 ? s : 6 * 3600;
}

int64_t
mail_quiet_next(const struct tzmap *tz, int64_t now, int32_t adult_from)
{
	int64_t wall, target, utc;
	int32_t day;
	int minute;

	if (adult_from == CIVIL_NO_DATE || tz == NULL)
		return now;
	wall = tzmap_to_wall(tz, now / 60);
	day = civil_wall_date(wall);
	minute = civil_wall_minute(wall);
	if (day >= adult_from)
		return now; /* 18 on the send date */
	if (minute >= 21 * 60)
		target = (int64_t)(day + 1) * CIVIL_MIN_PER_DAY + 7 * 60;
	else if (minute < 7 * 60)
		target = (int64_t)day * CIVIL_MIN_PER_DAY + 7 * 60;
	else
		return now;
	(void)tzmap_to_utc(tz, target, &utc);
	return utc * 60 > now ? utc * 60 : now;
}

bool
mail_quiet_urgent(int64_t until, int64_t visit_at)
{
	return visit_at != 0 && visit_at < until + MAIL_URGENT_MARGIN;
}
