/* SPDX-License-Identifier: ISC */
/*
 * This file contains the client's small helpers: allocation that cannot
 * fail, messages on stderr, a growable string, file reading, and local
 * dates (built on the daemon's pure civil.c arithmetic).
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "civil.h"
#include "rota.h"

/* A message: its arguments often hold a server's or a feed's text. */
static void warn_va(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

static void
warn_va(const char *fmt, va_list ap)
{
	char *msg;

	if (vasprintf(&msg, fmt, ap) < 0) {
		fputs(_("rota: out of memory\n"), stderr);
		return;
	}
	fputs("rota: ", stderr);
	safe_fputs(msg, stderr);
	fputc('\n', stderr);
	free(msg);
}

void
rota_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_va(fmt, ap);
	va_end(ap);
}

void
rota_fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_va(fmt, ap);
	va_end(ap);
	exit(ROTA_EXIT_USAGE);
}

const char *
tsafe(const char *s)
{
	static char *ring[8];
	static size_t next;
	char *t = safe_text_dup(s ? s : "");

	free(ring[next]);
	ring[next] = t;
	next = (next + 1) % (sizeof(ring) / sizeof(ring[0]));
	return t;
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		rota_fatalx(_("out of memory"));
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		rota_fatalx(_("out of memory"));
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void *p = reallocarray(ptr, nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		rota_fatalx(_("out of memory"));
	return p;
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		rota_fatalx(_("out of memory"));
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		rota_fatalx(_("out of memory"));
	return s;
}

char *
util_read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct sbuf b = {0};
	char buf[8192];
	size_t n;

	if (f == NULL) {
		rota_warnx(_("cannot open '%s': %s"), path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&b, buf, n);
	if (ferror(f)) {
		rota_warnx(_("cannot read '%s': %s"), path, strerror(errno));
		if (f != stdin)
			fclose(f);
		sbuf_release(&b);
		return NULL;
	}
	if (f != stdin)
		fclose(f);
	*len = b.len;
	return sbuf_take(&b);
}

int
util_parse_date(const char *s, int32_t *days)
{
	return civil_parse_date(s, days);
}

int32_t
util_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return civil_days_from_ymd(
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void
util_format_date(int32_t days, char buf[11])
{
	civil_format_date(days, buf);
}

time_t
util_local_midnight(int32_t days)
{
	struct tm tm;
	int y, m, d;

	civil_ymd_from_days(days, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

char *
util_age_dup(time_t s)
{
	if (s < 0)
		s = 0;
	if (s < 120)
		return xasprintf(
		    P_("%lld second", "%lld seconds", s), (long long)s);
	if (s < 7200)
		return xasprintf(P_("%lld minute", "%lld minutes", s / 60),
		    (long long)(s / 60));
	if (s < 2 * 86400)
		return xasprintf(P_("%lld hour", "%lld hours", s / 3600),
		    (long long)(s / 3600));
	return xasprintf(
	    P_("%lld day", "%lld days", s / 86400), (long long)(s / 86400));
}

int
util_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

char *
util_read_secret_dup(const char *prompt)
{
	struct termios old, raw;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *in = stdin;
	bool tty = isatty(STDIN_FILENO);
	int fd = -1;

	if (tty && (fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) != -1 &&
	    (in = fdopen(fd, "r+")) == NULL) {
		close(fd);
		in = stdin;
		fd = -1;
	}
	if (tty) {
		/* Echo off before the prompt: nothing typed after it shows. */
		tcgetattr(fileno(in), &old);
		raw = old;
		raw.c_lflag &= ~(tcflag_t)ECHO;
		raw.c_lflag |= ECHONL;
		tcsetattr(fileno(in), TCSAFLUSH, &raw);
		fputs(prompt, stderr);
		fflush(stderr);
	}
	n = getline(&line, &cap, in);
	if (tty)
		tcsetattr(fileno(in), TCSANOW, &old);
	if (in != stdin)
		fclose(in);
	if (n <= 0) {
		free(line);
		return NULL;
	}
	while (n > 0 &&
	    (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
		line[--n] = '\0';
	return line;
}
