/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of daemon/i18n.c: Accept-Language
 * negotiation (RFC 9110 §12.5.4) as a table, language tags, and per-thread
 * switching between English and Norwegian bokmål with the catalog built
 * from po/nb.po.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <cmocka.h>

#include "i18n.h"

static int
setup(void **state)
{
	char missing[256];

	(void)state;
	i18n_init(ROTA_TEST_LOCALEDIR, missing, sizeof(missing));
	if (missing[0] != '\0') {
		fprintf(stderr,
		    "Norwegian needs %s (scripts/deps.sh generates it)\n",
		    missing);
		return -1;
	}
	return 0;
}

static void
test_negotiate_table(void **state)
{
	static const struct {
		const char *header;
		enum i18n_lang fallback, want;
	} cases[] = {
	    {NULL, I18N_NB, I18N_NB},
	    {NULL, I18N_EN, I18N_EN},
	    {"", I18N_NB, I18N_NB},
	    {"nb", I18N_EN, I18N_NB},
	    {"NB-no", I18N_EN, I18N_NB},
	    {"nb_NO", I18N_EN, I18N_NB},
	    {"no", I18N_EN, I18N_NB},
	    {"nn-NO", I18N_EN, I18N_NB},
	    {"en", I18N_NB, I18N_EN},
	    {"en-GB", I18N_NB, I18N_EN},
	    {"en-US,en;q=0.9", I18N_NB, I18N_EN},
	    /* The highest q wins, not the first. */
	    {"en;q=0.5, nb;q=0.8", I18N_EN, I18N_NB},
	    {"nb;q=0.3,en;q=0.7", I18N_NB, I18N_EN},
	    /* Equal q: the first listed. */
	    {"en, nb", I18N_NB, I18N_EN},
	    {"nb;q=1.0, en;q=1", I18N_EN, I18N_NB},
	    /* Unknown languages fall through to known ones, then back. */
	    {"de-DE, sv;q=0.9, en;q=0.1", I18N_NB, I18N_EN},
	    {"de, sv", I18N_NB, I18N_NB},
	    {"sv", I18N_EN, I18N_EN},
	    /* "*" is "anything", which is the organisation's language. */
	    {"*", I18N_NB, I18N_NB},
	    {"de, *;q=0.1", I18N_EN, I18N_EN},
	    {"*;q=0.5, en", I18N_NB, I18N_EN},
	    /* q=0 means "not this one". */
	    {"nb;q=0", I18N_EN, I18N_EN},
	    {"nb;q=0.000, en;q=0.001", I18N_NB, I18N_EN},
	    /* A range with a malformed q-value or tag is left out. */
	    {"nb;q=2", I18N_EN, I18N_EN},
	    {"nb;q=abc, en;q=0.2", I18N_NB, I18N_EN},
	    {"nbx, en;q=0.2", I18N_NB, I18N_EN},
	    {";;;,,,", I18N_NB, I18N_NB},
	    {"nb ; q=0.4 , en ; q=0.3", I18N_EN, I18N_NB},
	    {"e", I18N_NB, I18N_NB},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum i18n_lang got =
		    i18n_negotiate(cases[i].header, cases[i].fallback);
		if (got != cases[i].want)
			fail_msg("Accept-Language '%s' (fallback %s): got %s, "
			         "want %s",
			    cases[i].header ? cases[i].header : "(none)",
			    i18n_tag(cases[i].fallback), i18n_tag(got),
			    i18n_tag(cases[i].want));
	}
}

static void
test_tags(void **state)
{
	enum i18n_lang l;

	(void)state;
	assert_string_equal(i18n_tag(I18N_EN), "en");
	assert_string_equal(i18n_tag(I18N_NB), "nb");
	assert_int_equal(i18n_parse_tag("nb", &l), 0);
	assert_int_equal(l, I18N_NB);
	assert_int_equal(i18n_parse_tag("EN-gb", &l), 0);
	assert_int_equal(l, I18N_EN);
	assert_int_equal(i18n_parse_tag("fr", &l), -1);
	assert_int_equal(i18n_parse_tag("english", &l), -1);
	assert_int_equal(i18n_parse_tag("", &l), -1);
}

static void
test_use_switches_the_thread_language(void **state)
{
	const char *msgid = "no assignment has id '%s'";

	(void)state;
	i18n_use(I18N_NB);
	assert_int_equal(i18n_current(), I18N_NB);
	assert_string_equal(_(msgid), "ingen vakt har id '%s'");
	i18n_use(I18N_EN);
	assert_string_equal(_(msgid), msgid);
}

/* Two threads, two languages, at the same time: neither leaks. */
static void *
worker(void *arg)
{
	enum i18n_lang lang = *(enum i18n_lang *)arg;
	const char *msgid = "the database does not answer";
	const char *want = lang == I18N_NB ? "databasen svarer ikke" : msgid;
	long bad = 0;

	for (int i = 0; i < 20000; i++) {
		i18n_use(lang);
		if (strcmp(_(msgid), want) != 0)
			bad++;
	}
	return (void *)bad;
}

static void
test_threads_keep_their_own_language(void **state)
{
	enum i18n_lang langs[2] = {I18N_NB, I18N_EN};
	pthread_t t[2];
	void *bad;

	(void)state;
	for (int i = 0; i < 2; i++)
		assert_int_equal(
		    pthread_create(&t[i], NULL, worker, &langs[i]), 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(pthread_join(t[i], &bad), 0);
		assert_int_equal((long)bad, 0);
	}
}

/* The terminal user's language, in gettext's order of the variables. */
static void
test_from_environment(void **state)
{
	static const struct {
		const char *language, *lc_all, *lc_messages, *lang;
		enum i18n_lang fallback, want;
	} cases[] = {
	    {NULL, NULL, NULL, NULL, I18N_EN, I18N_EN},
	    {NULL, NULL, NULL, NULL, I18N_NB, I18N_NB},
	    {NULL, NULL, NULL, "nb_NO.UTF-8", I18N_EN, I18N_NB},
	    {NULL, NULL, NULL, "C.UTF-8", I18N_NB, I18N_NB},
	    {NULL, NULL, NULL, "en_GB.UTF-8", I18N_NB, I18N_EN},
	    {NULL, NULL, "nb_NO.UTF-8", "en_US.UTF-8", I18N_EN, I18N_NB},
	    {NULL, "en_US.UTF-8", "nb_NO.UTF-8", NULL, I18N_NB, I18N_EN},
	    /* LANGUAGE first, its first language rota has. */
	    {"de:nb", "en_US.UTF-8", NULL, NULL, I18N_EN, I18N_NB},
	    {"sv:de", NULL, NULL, "nb_NO.UTF-8", I18N_EN, I18N_NB},
	    {"nn", NULL, NULL, "en_US.UTF-8", I18N_EN, I18N_NB},
	    {"", NULL, NULL, "en_US.UTF-8", I18N_NB, I18N_EN},
	    /* Set but not a language rota has: the fallback. */
	    {NULL, "C", NULL, "nb_NO.UTF-8", I18N_EN, I18N_EN},
	    {NULL, NULL, NULL, "", I18N_NB, I18N_NB},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *vals[] = {cases[i].language, cases[i].lc_all,
		    cases[i].lc_messages, cases[i].lang};
		const char *names[] = {
		    "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
		for (size_t k = 0; k < 4; k++) {
			if (vals[k] == NULL)
				unsetenv(names[k]);
			else
				setenv(names[k], vals[k], 1);
		}
		if (i18n_from_environment(cases[i].fallback) != cases[i].want)
			fail_msg("case %zu", i);
	}
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_negotiate_table),
	    cmocka_unit_test(test_tags),
	    cmocka_unit_test(test_from_environment),
	    cmocka_unit_test(test_use_switches_the_thread_language),
	    cmocka_unit_test(test_threads_keep_their_own_language),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
