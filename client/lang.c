/* SPDX-License-Identifier: ISC */
/*
 * This file contains the client's language: the choice from the
 * environment, binding the gettext catalog so that it works without the
 * language's system locale, and dates and numbers written the way the
 * language writes them, from the catalog's own words and formats.
 */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civil.h"
#include "lang.h"

#ifndef ROTA_LOCALEDIR
#define ROTA_LOCALEDIR "/usr/share/locale"
#endif
#ifndef ROTA_BUILD_DIR
#define ROTA_BUILD_DIR ""
#endif

static enum lang current = LANG_EN;

static const char *const weekdays[] = {N_("Monday"), N_("Tuesday"),
    N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
    N_("Sunday")};
static const char *const months[] = {N_("January"), N_("February"), N_("March"),
    N_("April"), N_("May"), N_("June"), N_("July"), N_("August"),
    N_("September"), N_("October"), N_("November"), N_("December")};

/* A language or locale name into a language; -1 when rota has none. */
static int
parse_name(const char *s, size_t n, enum lang *out)
{
	/* The language part: up to '_', '-', '.' or '@'. */
	size_t k = strcspn(s, "_-.@:");

	if (k > n)
		k = n;
	if (k == 2 &&
	    (strncmp(s, "nb", 2) == 0 || strncmp(s, "no", 2) == 0 ||
	        strncmp(s, "nn", 2) == 0)) {
		*out = LANG_NB;
		return 0;
	}
	if ((k == 2 && strncmp(s, "en", 2) == 0) || (k == 1 && s[0] == 'C') ||
	    (k == 5 && strncmp(s, "POSIX", 5) == 0)) {
		*out = LANG_EN;
		return 0;
	}
	return -1;
}

static bool
set(const char *s)
{
	return s != NULL && s[0] != '\0';
}

enum lang
lang_choose(const char *language, const char *lc_all, const char *lc_messages,
    const char *lang)
{
	const char *loc = set(lc_all) ? lc_all
	    : set(lc_messages)        ? lc_messages
	    : set(lang)               ? lang
	                              : "C";
	enum lang l;

	/* gettext ignores LANGUAGE in the C locale (C.UTF-8 is not it). */
	if (set(language) && strcmp(loc, "C") != 0 &&
	    strcmp(loc, "POSIX") != 0) {
		for (const char *p = language; *p != '\0';) {
			size_t n = strcspn(p, ":");
			if (n > 0 && parse_name(p, n, &l) == 0)
				return l;
			p += n;
			if (*p == ':')
				p++;
		}
		return LANG_EN;
	}
	return parse_name(loc, strlen(loc), &l) == 0 ? l : LANG_EN;
}

/* Whether dir holds the Norwegian catalog (the one translated language). */
static bool
has_catalog(const char *dir)
{
	char path[4096];

	if (!set(dir))
		return false;
	snprintf(path, sizeof(path), "%s/nb/LC_MESSAGES/%s.mo", dir,
	    ROTA_CLIENT_DOMAIN);
	return access(path, R_OK) == 0;
}

/* Whether this program is the one built in the build tree. */
static bool
in_build_tree(void)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t bl = strlen(ROTA_BUILD_DIR);

	if (n <= 0 || bl == 0)
		return false;
	exe[n] = '\0';
	return strncmp(exe, ROTA_BUILD_DIR, bl) == 0 && exe[bl] == '/';
}

static void
bind_catalog(const char *dir)
{
	bindtextdomain(ROTA_CLIENT_DOMAIN, dir);
	/* Catalogs and terminals are UTF-8, whatever LC_CTYPE could load. */
	bind_textdomain_codeset(ROTA_CLIENT_DOMAIN, "UTF-8");
}

void
lang_set(enum lang l, const char *localedir)
{
	const char *m = setlocale(LC_MESSAGES, NULL);

	current = l;
	/*
	 * gettext reads the language from LANGUAGE, which it honours in any
	 * locale but "C": a missing nb_NO locale (setlocale fails and leaves
	 * "C") is replaced by C.UTF-8, which glibc always has.
	 */
	if (m == NULL || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang_tag(), 1);
	if (localedir != NULL)
		bind_catalog(localedir);
}

void
lang_init(void)
{
	const char *env = getenv("ROTA_LOCALEDIR");
	const char *build = ROTA_BUILD_DIR "/locale";
	const char *dir;

	if (setlocale(LC_CTYPE, "") == NULL)
		setlocale(LC_CTYPE, "C.UTF-8");
	setlocale(LC_MESSAGES, "");
	/* Numbers and dates are written by lang_*(), never by the locale. */
	if (has_catalog(env))
		dir = env;
	else if (in_build_tree() && has_catalog(build))
		dir = build;
	else
		dir = ROTA_LOCALEDIR;
	lang_set(lang_choose(getenv("LANGUAGE"), getenv("LC_ALL"),
	             getenv("LC_MESSAGES"), getenv("LANG")),
	    dir);
}

enum lang
lang_current(void)
{
	return current;
}

const char *
lang_tag(void)
{
	return current == LANG_NB ? "nb" : "en";
}

static char *dup_printf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static char *
dup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		fputs("rota: out of memory\n", stderr);
		exit(2);
	}
	return s;
}

char *
lang_date_dup(int32_t days, int this_year)
{
	int y, m, d;
	const char *wd = _(weekdays[civil_weekday(days)]);

	civil_ymd_from_days(days, &y, &m, &d);
	if (y == this_year)
		/* TRANSLATORS: a date: weekday, day of the month, month
		 * ("Monday 14 December"); reorder with %1$s, %2$d, %3$s. */
		return dup_printf(_("%1$s %2$d %3$s"), wd, d, _(months[m - 1]));
	/* TRANSLATORS: a date with its year ("Monday 14 December 2027"). */
	return dup_printf(_("%1$s %2$d %3$s %4$d"), wd, d, _(months[m - 1]), y);
}

char *
lang_date_text_dup(const char *s, int this_year)
{
	char head[11];
	int32_t days;
	char *date, *r;

	if (s == NULL || strlen(s) < 10)
		return strdup(s ? s : "");
	memcpy(head, s, 10);
	head[10] = '\0';
	if (civil_parse_date(head, &days) == -1)
		return strdup(s);
	date = lang_date_dup(days, this_year);
	r = dup_printf("%s%s", date, s + 10);
	free(date);
	return r;
}

char *
lang_number_dup(double v, int decimals)
{
	/* TRANSLATORS: the decimal separator, as in 2.5 (Norwegian: ","). */
	const char *sep = _(".");
	char buf[64], *dot;
	size_t n;

	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	if ((dot = strchr(buf, '.')) != NULL) {
		n = strlen(buf);
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	if ((dot = strchr(buf, '.')) == NULL)
		return dup_printf("%s", buf);
	return dup_printf("%.*s%s%s", (int)(dot - buf), buf, sep, dot + 1);
}

char *
lang_hours_dup(long long minutes)
{
	char *n = lang_number_dup((double)minutes / 60.0, 2), *r;

	/* TRANSLATORS: hours, short ("2.5 h"; Norwegian "2,5 t"). */
	r = dup_printf(_("%s h"), n);
	free(n);
	return r;
}

char *
lang_local_date_dup(time_t t)
{
	time_t now = time(NULL);
	struct tm tm, today;

	localtime_r(&t, &tm);
	localtime_r(&now, &today);
	return lang_date_dup(
	    civil_days_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
	    today.tm_year + 1900);
}
