/* SPDX-License-Identifier: ISC */
/*
 * Languages (issue 13): every text a person reads is looked up with GNU
 * gettext in the text domain "rota", in the language of whoever reads it.
 * The daemon serves many readers at once, so the language is a per-thread
 * locale object (newlocale/uselocale): i18n_use() switches the calling
 * thread only and never touches the process locale.  The msgids are
 * English; a language is one catalog, po/LANG.po, compiled to
 * LOCALEDIR/LANG/LC_MESSAGES/rota.mo.
 */
#ifndef ROTAD_I18N_H
#define ROTAD_I18N_H

#include <libintl.h>
#include <stdbool.h>

#define I18N_DOMAIN "rota"

/* A text to translate now, in the thread's language. */
#define _(s)  dgettext(I18N_DOMAIN, s)
/* A text marked for translation, translated later with _(). */
#define N_(s) s

enum i18n_lang {
	I18N_EN, /* the msgids themselves */
	I18N_NB, /* Norwegian bokmål */
	I18N__COUNT
};

/*
 * Binds the text domain to `localedir` (NULL: the first of $ROTA_LOCALEDIR,
 * the installed directory and the build tree's that has a catalog) and
 * makes one locale object per language.  A language whose system locale
 * is missing (nb_NO.UTF-8 not generated) falls back to English; its name
 * is then written into `missing` (at most `len` bytes, "" when none).
 */
void i18n_init(const char *localedir, char *missing, size_t len);

/* Whether texts in `lang` are translated (its locale and catalog exist). */
bool i18n_available(enum i18n_lang lang);

/* "en", "nb". */
const char *i18n_tag(enum i18n_lang lang);

/*
 * A language tag ("nb", "nb-NO", "no", "nn", "en-GB", case-insensitive)
 * into a language; -1 when rota has none for it.  Norwegian without a
 * written standard ("no") and nynorsk ("nn", until it has a catalog) are
 * read as bokmål.
 */
int i18n_parse_tag(const char *tag, enum i18n_lang *out);

/*
 * The best language for an Accept-Language field (RFC 9110 §12.5.4: tags
 * with q-values, "*", q=0 excluding): the available language with the
 * highest q, earlier first on ties; `fallback` when the header is NULL,
 * empty, malformed or names none of them.
 */
enum i18n_lang i18n_negotiate(
    const char *accept_language, enum i18n_lang fallback);

/*
 * The language of a command run in a terminal (rotad check, rotad solve):
 * as gettext reads the environment, the first of LANGUAGE (a colon-
 * separated list, each tried in turn), LC_ALL, LC_MESSAGES and LANG that
 * is set and not empty decides; a variable naming a language rota has
 * not ("C", "de_DE.UTF-8") gives `fallback`, as does an empty
 * environment.  Unlike gettext, this needs no generated locale.
 */
enum i18n_lang i18n_from_environment(enum i18n_lang fallback);

/* Makes `lang` the calling thread's language for _() until the next call. */
void i18n_use(enum i18n_lang lang);

/* The calling thread's language. */
enum i18n_lang i18n_current(void);

#endif /* ROTAD_I18N_H */
