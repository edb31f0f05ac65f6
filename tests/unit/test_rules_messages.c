/* SPDX-License-Identifier: ISC */
/*
 * This file contains the tests of the rules engine's messages in English
 * and in Norwegian bokmål (issue 13).  Every case of the rules tables
 * (rules_cases.h, rules_law_cases.h, rules_law_intl_cases.h) is checked
 * in both languages: the same violations, each message whole and ending
 * with its reference, the bokmål one translated (no English words left,
 * its msgstr found), the law references the same in both and the
 * planning rules' named in the reader's language.  Every row of every
 * profile and every planning rule must be shown by some case, and a few
 * messages are compared word for word.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "i18n.h"
#include "rules_cases.h"
#include "rules_law_cases.h"
#include "rules_law_intl_cases.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const struct rules_tcase *cases;
	size_t n;
} tables[] = {
    {rules_cases, N_ELEM(rules_cases)},
    {rules_law_cases, N_ELEM(rules_law_cases)},
    {rules_law_intl_cases, N_ELEM(rules_law_intl_cases)},
};

/* rota's planning rules: every one must be shown by some case. */
static const char *const planning_rules[] = {"ROTA-availability",
    "ROTA-unavailable", "ROTA-min-age", "ROTA-allowed-homes", "ROTA-overlap",
    "ROTA-max-week-hours", "ROTA-overfilled", "ROTA-requires",
    "ROTA-duplicate"};

/*
 * Words that only an English message has.  The bokmål messages name the
 * youth ("Ida"), homes ("Solheim", "Fjellro"), references and skills; none
 * of those holds one of these.
 */
static const char *const english[] = {" is ", " are ", " has ", " have ",
    " the ", " at most ", " on ", " from ", " allowed", " required", " needs ",
    " works ", " scheduled", " rest ", " week", " day", " without ", " with ",
    " youth ", " youths ", " visit ", " h ", " h)", " h;", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "June", "July", "August", "September",
    "October", "November", "December", "rota planning rule"};

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

static bool
ends_with_ref(const char *msg, const char *ref)
{
	size_t m = strlen(msg), r = strlen(ref);

	return m > r + 3 && strcmp(msg + m - 2, ").") == 0 &&
	    msg[m - r - 3] == '(' && strncmp(msg + m - r - 2, ref, r) == 0;
}

static bool
is_planning(const char *id)
{
	return strncmp(id, "ROTA-", 5) == 0;
}

/* The full check of a case in one language. */
static void
check_in(
    const struct rules_tcase *tc, enum i18n_lang lang, struct rules_report *rep)
{
	struct model_instance *inst = fx_instance(tc);

	i18n_use(lang);
	memset(rep, 0, sizeof(*rep));
	assert_int_equal(
	    rules_check_instance(inst, tzmap_get(inst->timezone), rep), 0);
	i18n_use(I18N_EN);
	model_instance_free(inst);
}

/* One case's violations in en and nb: the problems found, printed. */
static int
check_case(const struct rules_tcase *tc, size_t idx)
{
	struct rules_report en, nb;
	int bad = 0;

	check_in(tc, I18N_EN, &en);
	check_in(tc, I18N_NB, &nb);
	if (en.n != nb.n) {
		fprintf(stderr,
		    "case %zu (%s): %zu violations in en, %zu in nb\n", idx,
		    tc->rule, en.n, nb.n);
		bad++;
	}
	for (size_t i = 0; i < en.n && i < nb.n; i++) {
		const struct rules_violation *e = &en.v[i], *b = &nb.v[i];
		const char *why = NULL;

		if (strcmp(e->rule_id, b->rule_id) != 0)
			why = "another rule in nb";
		else if (strlen(e->message) + 1 >= RULES_MESSAGE_MAX ||
		    strlen(b->message) + 1 >= RULES_MESSAGE_MAX)
			why = "a message cut short";
		else if (!ends_with_ref(e->message, e->reference))
			why = "the en message lacks its reference";
		else if (!ends_with_ref(b->message, b->reference))
			why = "the nb message lacks its reference";
		else if (strcmp(e->message, b->message) == 0)
			why = "no msgstr: the nb message is the English one";
		else if (is_planning(e->rule_id) &&
		    (strncmp(e->reference, "rota planning rule: ", 20) != 0 ||
		        strncmp(b->reference,
		            "rotas planleggingsregel: ", 25) != 0))
			why = "a planning rule's reference is not its name";
		else if (!is_planning(e->rule_id) &&
		    strcmp(e->reference, b->reference) != 0)
			why = "a law reference is translated";
		for (size_t w = 0; why == NULL && w < N_ELEM(english); w++)
			if (strstr(b->message, english[w]) != NULL)
				why = english[w];
		if (why != NULL) {
			fprintf(stderr,
			    "case %zu (%s), %s: %s\n  en: %s\n  nb: %s\n", idx,
			    tc->rule, e->rule_id, why, e->message, b->message);
			bad++;
		}
	}
	rules_report_free(&en);
	rules_report_free(&nb);
	return bad;
}

static void
test_every_case_in_both_languages(void **state)
{
	int bad = 0;

	(void)state;
	for (size_t t = 0; t < N_ELEM(tables); t++)
		for (size_t i = 0; i < tables[t].n; i++)
			bad += check_case(&tables[t].cases[i], i);
	assert_int_equal(bad, 0);
}

/*
 * Every row of every profile is shown by some case: a violation with the
 * row's id and reference (rows of one id with the same reference differ
 * in kind: a day cap and a rolling cap both show as the id's violation
 * of that reference, which then covers them both).  And every planning
 * rule.
 */
static void
test_every_row_is_shown(void **state)
{
	const char *jur[] = {"NO", "EU", "US-FLSA", "UK"};
	int missing = 0;

	(void)state;
	i18n_use(I18N_EN);
	for (size_t j = 0; j < N_ELEM(jur); j++) {
		const struct rules_profile *p = rules_profile_find(jur[j]);
		bool *seen = xcalloc(p->nrows + 1, sizeof(*seen));

		for (size_t t = 0; t < N_ELEM(tables); t++)
			for (size_t i = 0; i < tables[t].n; i++) {
				struct model_instance *inst =
				    fx_instance(&tables[t].cases[i]);
				struct rules_report rep = {0};

				if (strcmp(inst->jurisdiction, jur[j]) == 0 &&
				    rules_check_instance(inst,
				        tzmap_get(inst->timezone), &rep) == 0)
					for (size_t v = 0; v < rep.n; v++)
						for (size_t r = 0; r < p->nrows;
						     r++)
							seen[r] |=
							    strcmp(
							        p->rows[r].id,
							        rep.v[v]
							            .rule_id) ==
							        0 &&
							    strcmp(
							        p->rows[r]
							            .reference,
							        rep.v[v]
							            .reference) ==
							        0;
				rules_report_free(&rep);
				model_instance_free(inst);
			}
		for (size_t r = 0; r < p->nrows; r++)
			if (!seen[r]) {
				fprintf(stderr,
				    "%s row %zu (%s, %s): no case\n", jur[j], r,
				    p->rows[r].id, p->rows[r].reference);
				missing++;
			}
		free(seen);
	}
	for (size_t k = 0; k < N_ELEM(planning_rules); k++) {
		bool found = false;
		for (size_t t = 0; t < N_ELEM(tables) && !found; t++)
			for (size_t i = 0; i < tables[t].n && !found; i++)
				found = strstr(tables[t].cases[i].expect,
				            planning_rules[k]) != NULL;
		if (!found) {
			fprintf(stderr, "%s: no case\n", planning_rules[k]);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

/* A few messages word for word, in each language. */
static const struct {
	struct rules_tcase tc;
	const char *rule, *en, *nb;
} exact[] = {
    {{"", CHILD, "2027-01-07T15:00-18:00", "", "", ""}, "NO-AML-11-2-2a-day",
        "Ida (14) is scheduled 3 h on Thursday 7 January, a school day; at "
        "most 2 h is allowed on a school day (AML § 11-2 (2) a).",
        "Ida (14) har 3 t arbeid torsdag 7. januar, en skoledag. På en "
        "skoledag er høyst 2 t tillatt (AML § 11-2 (2) a)."},
    {{"", CHILD, "2027-01-09T19:00-21:00", "", "", ""}, "NO-AML-11-3-1",
        "Ida (14) is scheduled from Saturday 9 January at 19:00 to 21:00, 1 h "
        "of it between 20:00 and 06:00; no work is allowed in that time "
        "(AML § 11-3 (1)).",
        "Ida (14) har en vakt fra lørdag 9. januar kl. 19:00 til 21:00, og 1 "
        "t av den er mellom 20:00 og 06:00. Arbeid i denne tiden er ikke "
        "tillatt (AML § 11-3 (1))."},
    {{"", CHILD, "2027-01-09T10:00-12:00", "", "consent=none", ""},
        "NO-FOR-12-4",
        "Ida (14) is scheduled on Saturday 9 January, but no written consent "
        "from a parent or guardian is recorded by that day (forskrift om "
        "organisering, ledelse og medvirkning § 12-4).",
        "Ida (14) har en vakt lørdag 9. januar, men skriftlig samtykke fra "
        "foresatte er ikke registrert innen den dagen (forskrift om "
        "organisering, ledelse og medvirkning § 12-4)."},
    {{"", ADULT, "2027-01-05T16:00-18:00", "", "avail=tue:15:00-17:00", ""},
        "ROTA-availability",
        "Ida (18) is scheduled from Tuesday 5 January at 16:00 to 18:00, "
        "outside their weekly availability (rota planning rule: "
        "availability).",
        "Ida (18) har en vakt fra tirsdag 5. januar kl. 16:00 til 18:00, "
        "utenfor de faste tidene i uka da ungdommen er tilgjengelig (rotas "
        "planleggingsregel: tilgjengelighet)."},
    {{"", ADULT, "2027-01-05T16:00-18:00", "", "requires=leader:1", ""},
        "ROTA-requires",
        "The visit at Solheim on Tuesday 5 January at 16:00 has 0 youths "
        "with the skill 'leader' but needs 1 (rota planning rule: skills a "
        "visit requires).",
        "Besøket på Solheim tirsdag 5. januar kl. 16:00 har 0 ungdommer med "
        "ferdigheten «leader», men trenger 1 (rotas planleggingsregel: "
        "ferdigheter besøket krever)."},
    {{"", ADULT, "2027-01-05T16:00-18:00", "", "dup=1", ""}, "ROTA-duplicate",
        "Ida (18) is assigned twice to the visit s0 (rota planning rule: one "
        "place per youth).",
        "Ida (18) er satt opp to ganger på besøket s0 (rotas "
        "planleggingsregel: én plass per ungdom)."},
    {{"", ADULT,
         "2027-01-05T16:00-17:00 2027-01-05T16:30-17:30 "
         "2027-01-05T16:45-17:45",
         "", "", ""},
        "ROTA-overlap",
        "Ida (18) has 3 pairs of overlapping shifts on Tuesday 5 January, the "
        "first from Tuesday 5 January at 16:00 and from Tuesday 5 January at "
        "16:30 (rota planning rule: overlapping shifts).",
        "Ida (18) har 3 par vakter som overlapper tirsdag 5. januar. Det "
        "første paret er fra tirsdag 5. januar kl. 16:00 og fra tirsdag 5. "
        "januar kl. 16:30 (rotas planleggingsregel: overlappende vakter)."},
    {{"", ADULT, "2027-01-09T08:00-14:00", "", "", ""}, "NO-AML-10-9-1a",
        "Ida (18) works 6 h on Saturday 9 January without a break; above 5.5 "
        "h of work a break of at least 20 min is required (AML § 10-9 (1)).",
        "Ida (18) jobber 6 t lørdag 9. januar uten pause. Ved mer enn 5,5 t "
        "arbeid kreves en pause på minst 20 min (AML § 10-9 (1))."},
    /* Another jurisdiction: its own citation, in both languages. */
    {{"", CHILD, "2027-01-09T17:00-19:30", "", UK, ""}, "UK-CYPA-18-1c",
        "Ida (14) is scheduled from Saturday 9 January at 17:00 to 19:30, 30 "
        "min of it between 19:00 and 07:00; no work is allowed in that time "
        "(Children and Young Persons Act 1933 s.18(1)(c)).",
        "Ida (14) har en vakt fra lørdag 9. januar kl. 17:00 til 19:30, og 30 "
        "min av den er mellom 19:00 og 07:00. Arbeid i denne tiden er ikke "
        "tillatt (Children and Young Persons Act 1933 s.18(1)(c))."},
};

static const struct rules_violation *
find(const struct rules_report *rep, const char *rule)
{
	for (size_t i = 0; i < rep->n; i++)
		if (strcmp(rep->v[i].rule_id, rule) == 0)
			return &rep->v[i];
	fail_msg("no %s", rule);
	return NULL;
}

static void
test_exact_messages(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_ELEM(exact); i++) {
		struct rules_report en, nb;

		check_in(&exact[i].tc, I18N_EN, &en);
		check_in(&exact[i].tc, I18N_NB, &nb);
		assert_string_equal(
		    find(&en, exact[i].rule)->message, exact[i].en);
		assert_string_equal(
		    find(&nb, exact[i].rule)->message, exact[i].nb);
		rules_report_free(&en);
		rules_report_free(&nb);
	}
}

/* Two threads, two languages at once: each gets its own. */
struct lang_run {
	enum i18n_lang lang;
	int wrong;
};

static void *
lang_thread(void *arg)
{
	struct lang_run *r = arg;

	for (int k = 0; k < 50; k++) {
		struct model_instance *inst = fx_instance(&exact[0].tc);
		struct rules_report rep = {0};

		i18n_use(r->lang);
		rules_check_instance(inst, tzmap_get(inst->timezone), &rep);
		if (rep.n != 1 ||
		    strcmp(rep.v[0].message,
		        r->lang == I18N_NB ? exact[0].nb : exact[0].en) != 0)
			r->wrong++;
		rules_report_free(&rep);
		model_instance_free(inst);
	}
	return NULL;
}

static void
test_two_languages_at_once(void **state)
{
	pthread_t t[2];
	struct lang_run r[2] = {{I18N_NB, 0}, {I18N_EN, 0}};

	(void)state;
	for (int i = 0; i < 2; i++)
		assert_int_equal(
		    pthread_create(&t[i], NULL, lang_thread, &r[i]), 0);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(r[0].wrong, 0);
	assert_int_equal(r[1].wrong, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_exact_messages),
	    cmocka_unit_test(test_every_case_in_both_languages),
	    cmocka_unit_test(test_every_row_is_shown),
	    cmocka_unit_test(test_two_languages_at_once),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
