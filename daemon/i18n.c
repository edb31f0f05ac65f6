/* SPDX-License-Identifier: ISC */
/*
 * This file contains the per-thread language of rotad's texts: binding the
 * gettext domain, one locale object per language, Accept-Language
 * negotiation, and the switch between languages (uselocale), which is
 * thread-safe and leaves the process locale alone.
 */
#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

#ifndef ROTA_LOCALEDIR
#define ROTA_LOCALEDIR "/usr/share/locale"
#endif
#ifndef ROTA_BUILD_LOCALEDIR
#define ROTA_BUILD_LOCALEDIR ""
#endif

struct language {
	const char *tag;
	const char *locales[3]; /* system locales to try for LC_MESSAGES */
};

static const struct language languages[I18N__COUNT] = {
    [I18N_EN] = {"en", {NULL}},
    [I18N_NB] = {"nb", {"nb_NO.UTF-8", "nb_NO.utf8", NULL}},
};

static locale_t locales[I18N__COUNT];
static _Thread_local enum i18n_lang current = I18N_EN;

/* Whether dir holds the catalog of the first translated language. */
static bool
has_catalog(const char *dir)
{
	char path[4096];

	if (dir == NULL || dir[0] == '\0')
		return false;
	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/%s.mo", dir,
	    languages[I18N_NB].tag, I18N_DOMAIN);
	return access(path, R_OK) == 0;
}

void
i18n_init(const char *localedir, char *missing, size_t len)
{
	const char *dir = localedir;

	if (missing != NULL && len > 0)
		missing[0] = '\0';
	if (dir == NULL) {
		const char *env = getenv("ROTA_LOCALEDIR");
		if (has_catalog(env))
			dir = env;
		else if (has_catalog(ROTA_LOCALEDIR))
			dir = ROTA_LOCALEDIR;
		else if (has_catalog(ROTA_BUILD_LOCALEDIR))
			dir = ROTA_BUILD_LOCALEDIR;
		else
			dir = ROTA_LOCALEDIR;
	}
	bindtextdomain(I18N_DOMAIN, dir);
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	for (int l = 0; l < I18N__COUNT; l++) {
		if (locales[l] != (locale_t)0)
			continue;
		/* English is the msgids: the "C" locale translates nothing. */
		if (languages[l].locales[0] == NULL) {
			locales[l] = newlocale(LC_ALL_MASK, "C", (locale_t)0);
			continue;
		}
		for (int k = 0; languages[l].locales[k] != NULL &&
		     locales[l] == (locale_t)0;
		     k++)
			locales[l] = newlocale(LC_MESSAGES_MASK,
			    languages[l].locales[k], (locale_t)0);
		if (locales[l] == (locale_t)0 && missing != NULL && len > 0)
			snprintf(missing, len, "%s", languages[l].locales[0]);
		else if (!has_catalog(dir) && missing != NULL && len > 0)
			snprintf(missing, len, "%s/%s/LC_MESSAGES/%s.mo", dir,
			    languages[l].tag, I18N_DOMAIN);
	}
}

bool
i18n_available(enum i18n_lang lang)
{
	return (unsigned)lang < I18N__COUNT && locales[lang] != (locale_t)0;
}

const char *
i18n_tag(enum i18n_lang lang)
{
	return (unsigned)lang < I18N__COUNT ? languages[lang].tag : "en";
}

int
i18n_parse_tag(const char *tag, enum i18n_lang *out)
{
	char primary[9];
	size_t n = 0;

	while (tag[n] != '\0' && tag[n] != '-' && tag[n] != '_' &&
	    n < sizeof(primary) - 1) {
		primary[n] = (char)tolower((unsigned char)tag[n]);
		n++;
	}
	primary[n] = '\0';
	if (tag[n] != '\0' && tag[n] != '-' && tag[n] != '_')
		return -1;
	if (strcmp(primary, "nb") == 0 || strcmp(primary, "no") == 0 ||
	    strcmp(primary, "nn") == 0) {
		*out = I18N_NB;
		return 0;
	}
	if (strcmp(primary, "en") == 0) {
		*out = I18N_EN;
		return 0;
	}
	return -1;
}

/* One element of the list: the tag into tag[], its q (0-1000). */
static const char *
next_range(const char *p, char *tag, size_t len, int *q)
{
	size_t n = 0;

	*q = 1000;
	while (*p == ' ' || *p == '\t' || *p == ',')
		p++;
	while (
	    *p != '\0' && *p != ',' && *p != ';' && *p != ' ' && *p != '\t') {
		if (n + 1 < len)
			tag[n++] = *p;
		p++;
	}
	tag[n] = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	while (*p == ';') {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if ((p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
			/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "."
			 * 0*3("0") ] ) */
			int v = 0, digits = 0;
			p += 2;
			if (*p == '0' || *p == '1') {
				v = (*p - '0') * 1000;
				p++;
				if (*p == '.') {
					int scale = 100;
					p++;
					while (isdigit((unsigned char)*p) &&
					    digits < 3) {
						v += (*p - '0') * scale;
						scale /= 10;
						digits++;
						p++;
					}
				}
				*q = v > 1000 ? 1000 : v;
			} else {
				*q = 0; /* malformed: ignore the range */
			}
		}
		while (*p != '\0' && *p != ',' && *p != ';')
			p++;
	}
	return p;
}

enum i18n_lang
i18n_negotiate(const char *accept_language, enum i18n_lang fallback)
{
	enum i18n_lang best = fallback;
	int bestq = 0;
	char tag[64];
	const char *p = accept_language;

	if (p == NULL)
		return fallback;
	while (*p != '\0') {
		enum i18n_lang l;
		int q;
		p = next_range(p, tag, sizeof(tag), &q);
		if (tag[0] == '\0' || q <= bestq)
			continue;
		if (strcmp(tag, "*") == 0) {
			l = fallback;
		} else if (i18n_parse_tag(tag, &l) == -1 ||
		    !i18n_available(l)) {
			continue;
		}
		best = l;
		bestq = q;
	}
	return best;
}

void
i18n_use(enum i18n_lang lang)
{
	if (!i18n_available(lang))
		lang = I18N_EN;
	current = lang;
	if (locales[lang] != (locale_t)0)
		uselocale(locales[lang]);
}

enum i18n_lang
i18n_current(void)
{
	return current;
}

enum i18n_lang
i18n_from_environment(enum i18n_lang fallback)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *language = getenv("LANGUAGE");
	enum i18n_lang l;

	/* LANGUAGE: "nb:en" tries each, the first rota has wins. */
	while (language != NULL && *language != '\0') {
		char tag[32];
		size_t n = strcspn(language, ":");

		if (n > 0 && n < sizeof(tag)) {
			memcpy(tag, language, n);
			tag[n] = '\0';
			if (i18n_parse_tag(tag, &l) == 0)
				return l;
		}
		language += n;
		if (*language == ':')
			language++;
	}
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v != NULL && *v != '\0')
			return i18n_parse_tag(v, &l) == 0 ? l : fallback;
	}
	return fallback;
}
