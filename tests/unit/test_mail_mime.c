/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of daemon/mail_mime.c: the address
 * check, quoted-printable, RFC 2047 subjects, the whole message (headers,
 * multipart/alternative, no header injection), the backoff and the quiet
 * hours of minors in Europe/Oslo across a daylight-saving change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "civil.h"
#include "mail_mime.h"
#include "sbuf.h"
#include "tzmap.h"

static void
test_addresses(void **state)
{
	static const char *const good[] = {"ida@example.org",
	    "ida.nilsen+rota@mail.example.no", "a@b.co", "o'neil@example.com",
	    "x@sub-domain.example.org", "ida@\xc3\xb8l.no"};
	static const char *const bad[] = {"", "ida", "ida@", "@example.org",
	    "ida@example", "ida@@example.org", "i da@example.org",
	    ".ida@example.org", "ida.@example.org", "i..da@example.org",
	    "ida@-example.org", "ida@example-.org", "ida@example..org",
	    "ida@example.org\r\nBcc: x@example.org", "Ida <ida@example.org>",
	    "\"ida\"@example.org", "ida@example.org."};
	char longer[300];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!mail_addr_valid(good[i]))
			fail_msg("refused %s", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (mail_addr_valid(bad[i]))
			fail_msg("took %s", bad[i]);
	assert_false(mail_addr_valid(NULL));
	/* A local part of 65 bytes; an address over 254. */
	memset(longer, 'a', 65);
	strcpy(longer + 65, "@example.org");
	assert_false(mail_addr_valid(longer));
	longer[0] = 'b';
	memmove(longer, longer + 1, strlen(longer));
	assert_true(mail_addr_valid(longer));
	memset(longer, 'a', 60);
	longer[60] = '@';
	for (int i = 61; i < 290; i++)
		longer[i] = (i - 61) % 10 == 9 ? '.' : 'b';
	strcpy(longer + 290, "no");
	assert_false(mail_addr_valid(longer));
}

static char *
qp(const char *in)
{
	struct sbuf b = {0};

	mail_qp_encode(&b, in);
	return b.s ? sbuf_take(&b) : strdup("");
}

static void
test_quoted_printable(void **state)
{
	char *s;
	char line[200];

	(void)state;
	s = qp("Hei Ida,\nl\xc3\xb8rdag 11:00\xe2\x80\x93"
	       "13:00 = to timer\n");
	assert_string_equal(s,
	    "Hei Ida,\r\nl=C3=B8rdag 11:00=E2=80=9313:00 "
	    "=3D to timer\r\n");
	free(s);
	/* A space before a line end, and at the very end, is encoded. */
	s = qp("a \nb\t");
	assert_string_equal(s, "a=20\r\nb=09");
	free(s);
	/* CRLF in stays one CRLF. */
	s = qp("a\r\nb");
	assert_string_equal(s, "a\r\nb");
	free(s);
	/* Long lines: soft breaks, every line at most 76 characters, and an
	 * escape never split. */
	memset(line, 'x', 150);
	line[150] = '\0';
	line[74] = '=';
	s = qp(line);
	for (char *p = s, *e; *p; p = e + (*e ? 2 : 0)) {
		e = strstr(p, "\r\n");
		if (e == NULL)
			e = p + strlen(p);
		assert_true(e - p <= 76);
		if (*e)
			assert_int_equal(e[-1], '=');
	}
	assert_non_null(strstr(s, "=3D"));
	free(s);
}

static char *
header(const char *name, const char *value)
{
	struct sbuf b = {0};

	mail_header(&b, name, value);
	return sbuf_take(&b);
}

static void
test_headers(void **state)
{
	char *s;
	char date[40];

	(void)state;
	s = header("Subject", "Your visits have changed");
	assert_string_equal(s, "Subject: Your visits have changed\r\n");
	free(s);
	/* "Vaktene dine er endret på Solheim" */
	s = header("Subject", "Endret p\xc3\xa5 Solheim");
	assert_string_equal(
	    s, "Subject: =?UTF-8?B?RW5kcmV0IHDDpSBTb2xoZWlt?=\r\n");
	free(s);
	/* A long one: several words, folded, no UTF-8 sequence split (45
	 * bytes of "ø" would split the 23rd). */
	{
		char in[200] = "";
		for (int i = 0; i < 40; i++)
			strcat(in, "\xc3\xb8");
		s = header("Subject", in);
		assert_non_null(strstr(s, "?=\r\n =?UTF-8?B?"));
		for (char *p = s; (p = strstr(p, "=?UTF-8?B?")) != NULL;
		     p += 10) {
			char *end = strstr(p, "?=");
			assert_true(end - p + 2 <= 75);
			/* 44 bytes (22 "ø") encode to 60 characters. */
			assert_true((end - p - 10) % 4 == 0);
		}
		free(s);
	}
	mail_date(0, date);
	assert_string_equal(date, "Thu, 01 Jan 1970 00:00:00 +0000");
	mail_date(1796677200, date);
	assert_string_equal(date, "Mon, 07 Dec 2026 21:00:00 +0000");
}

static void
test_message(void **state)
{
	struct mail_message m = {
	    .from = "rota@example.org",
	    .to = "ida@example.org",
	    .subject = "Endret p\xc3\xa5 Solheim",
	    .message_id = "<abc@rota.example>",
	    .date = 1796677200,
	    .text = "Hei Ida,\n",
	    .html = "<p>Hei Ida,</p>\n",
	    .unsubscribe_url = "https://rota.example/unsubscribe/tok",
	};
	char *s = mail_build(&m), *body;

	(void)state;
	assert_non_null(s);
	/* Headers, then one empty line, then the body. */
	body = strstr(s, "\r\n\r\n");
	assert_non_null(body);
	body[2] = '\0';
	assert_non_null(strstr(s, "Date: Mon, 07 Dec 2026 21:00:00 +0000\r\n"));
	assert_non_null(strstr(s, "From: rota@example.org\r\n"));
	assert_non_null(strstr(s, "To: ida@example.org\r\n"));
	assert_non_null(strstr(s, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(s, "Message-ID: <abc@rota.example>\r\n"));
	assert_non_null(strstr(s, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(s,
	    "List-Unsubscribe: "
	    "<https://rota.example/unsubscribe/tok>\r\n"));
	assert_non_null(
	    strstr(s, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
	assert_non_null(strstr(s,
	    "Content-Type: multipart/alternative; "
	    "boundary=\"=_rota_alternative\"\r\n"));
	body += 4;
	assert_non_null(strstr(body,
	    "--=_rota_alternative\r\nContent-Type: "
	    "text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: "
	    "quoted-printable\r\n\r\nHei Ida,\r\n"));
	assert_non_null(strstr(body, "Content-Type: text/html; charset=UTF-8"));
	assert_non_null(strstr(body, "<p>Hei Ida,</p>"));
	assert_non_null(strstr(body, "\r\n--=_rota_alternative--\r\n"));
	/* Every line ends CRLF, none is longer than 998. */
	for (char *p = body; *p; p++)
		if (*p == '\n')
			assert_int_equal(p[-1], '\r');
	free(s);

	/* No header injection: a line break in an address is refused, one
	 * in the subject becomes a space. */
	m.to = "ida@example.org\r\nBcc: x@example.org";
	assert_null(mail_build(&m));
	m.to = "ida@example.org";
	m.subject = "a\r\nBcc: x@example.org";
	s = mail_build(&m);
	assert_non_null(s);
	assert_null(strstr(s, "\r\nBcc:"));
	free(s);
	/* No link: no List-Unsubscribe. */
	m.unsubscribe_url = NULL;
	s = mail_build(&m);
	assert_null(strstr(s, "List-Unsubscribe"));
	free(s);
}

static void
test_backoff(void **state)
{
	(void)state;
	assert_int_equal(mail_backoff(1), 60);
	assert_int_equal(mail_backoff(2), 120);
	assert_int_equal(mail_backoff(3), 240);
	assert_int_equal(mail_backoff(8), 60 * 128);
	assert_int_equal(mail_backoff(9), 60 * 256);
	assert_int_equal(mail_backoff(10), 6 * 3600);
	assert_int_equal(mail_backoff(100), 6 * 3600);
	for (int i = 1; i < 50; i++)
		assert_true(mail_backoff(i + 1) >= mail_backoff(i));
}

/* Unix seconds of a local Oslo time. */
static int64_t
oslo(const struct tzmap *tz, int y, int mo, int d, int h, int mi)
{
	int64_t utc;

	tzmap_to_utc(tz,
	    (int64_t)civil_days_from_ymd(y, mo, d) * CIVIL_MIN_PER_DAY +
	        h * 60 + mi,
	    &utc);
	return utc * 60;
}

static void
test_quiet_hours(void **state)
{
	const struct tzmap *tz = tzmap_get("Europe/Oslo");
	int32_t adult = civil_days_from_ymd(2027, 1, 1); /* 18 then */
	int64_t t;

	(void)state;
	assert_non_null(tz);
	/* Daytime: at once. */
	t = oslo(tz, 2026, 12, 7, 12, 0);
	assert_true(mail_quiet_next(tz, t, adult) == t);
	/* 20:59 still goes; 21:00 waits for 07:00 the next morning. */
	t = oslo(tz, 2026, 12, 7, 20, 59);
	assert_true(mail_quiet_next(tz, t, adult) == t);
	t = oslo(tz, 2026, 12, 7, 21, 0);
	assert_true(
	    mail_quiet_next(tz, t, adult) == oslo(tz, 2026, 12, 8, 7, 0));
	t = oslo(tz, 2026, 12, 7, 23, 30);
	assert_true(
	    mail_quiet_next(tz, t, adult) == oslo(tz, 2026, 12, 8, 7, 0));
	/* After midnight: 07:00 the same day; 07:00 itself goes. */
	t = oslo(tz, 2026, 12, 8, 3, 0);
	assert_true(
	    mail_quiet_next(tz, t, adult) == oslo(tz, 2026, 12, 8, 7, 0));
	t = oslo(tz, 2026, 12, 8, 7, 0);
	assert_true(mail_quiet_next(tz, t, adult) == t);
	/* 18 on the send date: no quiet hours. */
	t = oslo(tz, 2027, 1, 1, 23, 0);
	assert_true(mail_quiet_next(tz, t, adult) == t);
	/* Not a minor (no date) or no zone: at once. */
	t = oslo(tz, 2026, 12, 7, 23, 0);
	assert_true(mail_quiet_next(tz, t, CIVIL_NO_DATE) == t);
	assert_true(mail_quiet_next(NULL, t, adult) == t);
	/* Across the spring change (29 March 2026, 02:00 -> 03:00): 07:00
	 * local is 05:00 UTC, not 06:00. */
	t = oslo(tz, 2026, 3, 28, 22, 0);
	assert_true(mail_quiet_next(tz, t, civil_days_from_ymd(2030, 1, 1)) ==
	    (int64_t)civil_days_from_ymd(2026, 3, 29) * 86400 + 5 * 3600);
}

/* "Unless urgent": a visit before 07:00 + 2 h goes in quiet hours. */
static void
test_quiet_urgent(void **state)
{
	const struct tzmap *tz = tzmap_get("Europe/Oslo");
	int32_t adult = civil_days_from_ymd(2027, 1, 1);
	int64_t t = oslo(tz, 2026, 12, 7, 22, 30);
	int64_t until = mail_quiet_next(tz, t, adult);

	(void)state;
	assert_true(until == oslo(tz, 2026, 12, 8, 7, 0));
	/* 07:30 and 08:59 the next morning: urgent; 09:00 is not. */
	assert_true(mail_quiet_urgent(until, oslo(tz, 2026, 12, 8, 7, 30)));
	assert_true(mail_quiet_urgent(until, oslo(tz, 2026, 12, 8, 8, 59)));
	assert_false(mail_quiet_urgent(until, oslo(tz, 2026, 12, 8, 9, 0)));
	/* Two days later: it waits. */
	assert_false(mail_quiet_urgent(until, oslo(tz, 2026, 12, 9, 7, 30)));
	/* A visit under way (started already): urgent. */
	assert_true(mail_quiet_urgent(until, oslo(tz, 2026, 12, 7, 22, 0)));
	/* Not a visits digest (0): never. */
	assert_false(mail_quiet_urgent(until, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_addresses),
	    cmocka_unit_test(test_quoted_printable),
	    cmocka_unit_test(test_headers),
	    cmocka_unit_test(test_message),
	    cmocka_unit_test(test_backoff),
	    cmocka_unit_test(test_quiet_hours),
	    cmocka_unit_test(test_quiet_urgent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
