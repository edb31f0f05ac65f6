/* SPDX-License-Identifier: ISC */
/*
 * The client's language (issue 13): which one (the gettext order of
 * LANGUAGE, LC_ALL, LC_MESSAGES and LANG), its catalog (text domain
 * "rota-client", compiled from po/LANG.po), and dates and numbers in its
 * form, with weekday and month names from the catalog rather than from a
 * system locale, which may not be generated at all.
 */
#ifndef ROTA_LANG_H
#define ROTA_LANG_H

#include <libintl.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define ROTA_CLIENT_DOMAIN "rota-client"

/* A text to translate now. */
#define _(s)        dgettext(ROTA_CLIENT_DOMAIN, s)
/* A text marked for translation, translated later with _(). */
#define N_(s)       s
/* A text with a plural: singular, plural, count. */
#define P_(s, p, n) dngettext(ROTA_CLIENT_DOMAIN, s, p, (unsigned long)(n))

enum lang {
	LANG_EN, /* the msgids themselves */
	LANG_NB  /* Norwegian bokmål */
};

/*
 * The language that these variables (NULL or "" when not set) choose, the
 * way gettext does: LANGUAGE, a ':' list whose first language rota has
 * wins, unless the locale (the first of LC_ALL, LC_MESSAGES, LANG that is
 * set) is "C" or "POSIX", then that locale.  Norwegian (nb, no, nn) is
 * bokmål; everything else English.
 */
enum lang lang_choose(const char *language, const char *lc_all,
    const char *lc_messages, const char *lang);

/*
 * Chooses the language from the environment and makes gettext use it,
 * also when its system locale is not generated: LC_CTYPE and LC_MESSAGES
 * fall back to C.UTF-8 and gettext is told the language (LANGUAGE).  The
 * catalog is looked up in $ROTA_LOCALEDIR, then the build tree when rota
 * runs from there, then the installed directory.
 */
void lang_init(void);

/* Uses `l` with the catalogs in `localedir` (the unit tests). */
void lang_set(enum lang l, const char *localedir);

enum lang lang_current(void);
/* "en", "nb". */
const char *lang_tag(void);

/*
 * A date in words: "Monday 14 December" / "mandag 14. desember", with
 * the year when it is not `this_year` ("Monday 14 December 2027").  A
 * new string.
 */
char *lang_date_dup(int32_t days, int this_year);
/* The local date of t in words (the year when it is not this year). */
char *lang_local_date_dup(time_t t);
/* lang_date_dup() of a "YYYY-MM-DD" (longer text is kept after it); a
 * copy of s when it is not a date. */
char *lang_date_text_dup(const char *s, int this_year);
/* A number with at most `decimals` decimals, trailing zeros dropped,
 * with the language's decimal separator: "2.5", "2,5". */
char *lang_number_dup(double v, int decimals);
/* Minutes as hours: "2.5 h", "2,5 t". */
char *lang_hours_dup(long long minutes);

#endif /* ROTA_LANG_H */
