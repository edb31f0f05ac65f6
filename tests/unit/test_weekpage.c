/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the nursing home's HTML week page
 * (daemon/weekpage.c): escaping, the two whole weeks, first names only,
 * order, the subscribe links and the page's phone and print basics, in
 * bokmål and in English (from the catalog built from po/nb.po).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "civil.h"
#include "i18n.h"
#include "model.h"
#include "weekpage.h"
#include "xmalloc.h"

#define FEED_URL   "https://rota.example/feeds/tok.ics"
#define WEBCAL_URL "webcal://rota.example/feeds/tok.ics"
#define EVIL       "<script>alert(1)</script>&\"'"
#define EVIL_HTML  "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"

static int64_t
wall_of(const char *s)
{
	int64_t w = 0;

	assert_int_equal(civil_parse_datetime(s, &w), 0);
	return w;
}

static void
add_slot(struct model_instance *inst, const char *id, const char *home,
    const char *start, const char *end, const char *activity)
{
	struct model_slot *s;

	inst->slots =
	    xreallocarray(inst->slots, inst->nslots + 1, sizeof(*inst->slots));
	s = &inst->slots[inst->nslots++];
	memset(s, 0, sizeof(*s));
	s->id = xstrdup(id);
	s->home = xstrdup(home);
	s->start = wall_of(start);
	s->end = wall_of(end);
	s->needed = 1;
	s->activity = activity ? xstrdup(activity) : NULL;
}

static struct model_assignment *
add_assignment(struct model_instance *inst, const char *slot, const char *youth)
{
	struct model_assignment *a;

	inst->assignments = xreallocarray(inst->assignments,
	    inst->nassignments + 1, sizeof(*inst->assignments));
	a = &inst->assignments[inst->nassignments++];
	memset(a, 0, sizeof(*a));
	a->id = xasprintf("a%zu", inst->nassignments);
	a->slot = xstrdup(slot);
	a->youth = xstrdup(youth);
	a->status = MODEL_ASSIGNMENT_ACTIVE;
	return a;
}

static void
link_inst(struct model_instance *inst)
{
	char field[64], msg[128];

	assert_int_equal(
	    model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)),
	    0);
}

/*
 * Two homes and three youths.  "Today" is Monday 2027-01-04 in Oslo; the
 * page covers 4-17 January.
 */
static struct model_instance *
fixture(void)
{
	struct model_instance *inst = model_instance_new();
	const char *homes[][3] = {
	    {"solheim", "Solheim sykehjem", "Solveien 1, 0000 Oslo"},
	    {"lia", "Lia omsorgssenter", "Liaveien 2"}};
	const char *youths[][2] = {{"y1", "Ida Nilsen"}, {"y2", "Ola Hansen"},
	    {"y3", "Kari Berg-Olsen"}};

	inst->homes = xcalloc(2, sizeof(*inst->homes));
	for (size_t i = 0; i < 2; i++) {
		inst->homes[i].id = xstrdup(homes[i][0]);
		inst->homes[i].name = xstrdup(homes[i][1]);
		inst->homes[i].address = xstrdup(homes[i][2]);
	}
	inst->nhomes = 2;
	inst->youths = xcalloc(3, sizeof(*inst->youths));
	for (size_t i = 0; i < 3; i++) {
		inst->youths[i].id = xstrdup(youths[i][0]);
		inst->youths[i].name = xstrdup(youths[i][1]);
		inst->youths[i].birth_date = civil_days_from_ymd(2010, 3, 14);
		inst->youths[i].guardian_consent = CIVIL_NO_DATE;
	}
	inst->nyouths = 3;
	add_slot(inst, "yesterday", "solheim", "2027-01-03T16:00",
	    "2027-01-03T18:00", "Gårsdagens bingo");
	add_slot(inst, "late", "solheim", "2027-01-04T18:30",
	    "2027-01-04T19:30", "Kveldskaffe");
	add_slot(inst, "early", "solheim", "2027-01-04T09:00",
	    "2027-01-04T10:00", "Morgentur");
	add_slot(inst, "last", "solheim", "2027-01-17T12:00",
	    "2027-01-17T13:00", "Søndagsquiz");
	add_slot(inst, "beyond", "solheim", "2027-01-18T12:00",
	    "2027-01-18T13:00", "Neste mandag");
	add_slot(inst, "other", "lia", "2027-01-05T12:00", "2027-01-05T13:00",
	    "Lia-lunsj");
	add_slot(inst, "empty", "solheim", "2027-01-06T12:00",
	    "2027-01-06T13:00", "Ingen påmeldt");
	add_assignment(inst, "yesterday", "y1");
	add_assignment(inst, "late", "y2");
	add_assignment(inst, "late", "y1");
	add_assignment(inst, "early", "y3");
	add_assignment(inst, "last", "y1");
	add_assignment(inst, "beyond", "y1");
	add_assignment(inst, "other", "y2");
	link_inst(inst);
	return inst;
}

/* 2027-01-03T23:30Z is 00:30 on Monday 4 January in Oslo. */
static int64_t
now_default(void)
{
	return (int64_t)civil_days_from_ymd(2027, 1, 3) * 86400 + 23 * 3600 +
	    30 * 60;
}

static char *
render(const struct model_instance *inst, size_t home)
{
	char *html = weekpage_render(
	    inst, home, now_default(), FEED_URL, WEBCAL_URL, I18N_NB);

	assert_non_null(html);
	return html;
}

/* Whether an attribute like onclick= or onload= occurs. */
static bool
has_event_handler(const char *html)
{
	for (const char *p = html; (p = strstr(p, " on")) != NULL; p++) {
		const char *q = p + 3;

		while (*q >= 'a' && *q <= 'z')
			q++;
		if (q > p + 3 && *q == '=')
			return true;
	}
	return false;
}

static void
test_page_basics(void **state)
{
	struct model_instance *inst = fixture();
	char *html = render(inst, 0);

	(void)state;
	assert_true(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
	assert_non_null(strstr(html, "<html lang=\"nb\">"));
	assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(html, "name=\"viewport\""));
	assert_non_null(strstr(html, "@media print"));
	assert_non_null(strstr(html,
	    "<meta name=\"referrer\" "
	    "content=\"no-referrer\">"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "javascript:"));
	assert_false(has_event_handler(html));
	assert_non_null(strstr(html, "<h1>Besøk ved Solheim sykehjem</h1>"));
	assert_non_null(strstr(html, "Solveien 1, 0000 Oslo"));
	assert_true(strcmp(html + strlen(html) - 8, "</html>\n") == 0);
	free(html);
	model_instance_free(inst);
}

static void
test_only_the_next_two_weeks(void **state)
{
	struct model_instance *inst = fixture();
	char *html = render(inst, 0);

	(void)state;
	assert_null(strstr(html, "Gårsdagens bingo"));
	assert_non_null(strstr(html, "Morgentur"));
	assert_non_null(strstr(html, "Kveldskaffe"));
	assert_non_null(strstr(html, "Søndagsquiz"));
	assert_null(strstr(html, "Neste mandag"));
	assert_non_null(strstr(html, "4. januar – 17. januar 2027"));
	free(html);
	model_instance_free(inst);
}

/* The local date decides "today", not the UTC one. */
static void
test_today_is_the_local_date(void **state)
{
	struct model_instance *inst = fixture();
	char *html =
	    weekpage_render(inst, 0, now_default() - 3600, NULL, NULL, I18N_NB);

	(void)state;
	/* 22:30Z on the 3rd is 23:30 in Oslo: still Sunday the 3rd. */
	assert_non_null(strstr(html, "Gårsdagens bingo"));
	assert_null(strstr(html, "Søndagsquiz"));
	free(html);
	model_instance_free(inst);
}

/*
 * Opened on a Sunday, the page still shows that whole ISO week (from its
 * Monday) and the next one, not "today + 13 days" under week headings.
 */
static void
test_whole_weeks_on_a_sunday(void **state)
{
	struct model_instance *inst = fixture();
	/* Sunday 2027-01-10, 12:00 in Oslo (11:00Z). */
	int64_t sunday =
	    (int64_t)civil_days_from_ymd(2027, 1, 10) * 86400 + 11 * 3600;
	char *html = weekpage_render(inst, 0, sunday, NULL, NULL, I18N_NB);

	(void)state;
	assert_non_null(strstr(html, "Morgentur"));   /* Monday the 4th */
	assert_non_null(strstr(html, "Søndagsquiz")); /* Sunday the 17th */
	assert_null(strstr(html, "Neste mandag"));    /* Monday the 18th */
	assert_null(strstr(html, "Gårsdagens bingo"));
	assert_non_null(strstr(html, "4. januar – 17. januar 2027"));
	free(html);
	model_instance_free(inst);
}

static void
test_first_names_only(void **state)
{
	struct model_instance *inst = fixture();
	char *html = render(inst, 0);

	(void)state;
	assert_non_null(strstr(html, "Ida, Ola"));
	assert_non_null(strstr(html, "Kari"));
	assert_null(strstr(html, "Nilsen"));
	assert_null(strstr(html, "Hansen"));
	assert_null(strstr(html, "Berg-Olsen"));
	assert_null(strstr(html, "2010"));
	free(html);
	model_instance_free(inst);
}

static void
test_other_homes_and_unbooked_slots_left_out(void **state)
{
	struct model_instance *inst = fixture();
	char *html = render(inst, 0), *lia;

	(void)state;
	assert_null(strstr(html, "Lia-lunsj"));
	assert_null(strstr(html, "Ingen påmeldt"));
	lia = render(inst, 1);
	assert_non_null(strstr(lia, "Lia-lunsj"));
	assert_null(strstr(lia, "Morgentur"));
	free(html);
	free(lia);
	model_instance_free(inst);
}

static void
test_escaping(void **state)
{
	struct model_instance *inst = fixture();
	char *html;

	(void)state;
	free(inst->homes[0].name);
	inst->homes[0].name = xstrdup(EVIL);
	free(inst->homes[0].address);
	inst->homes[0].address = xstrdup(EVIL);
	free(inst->slots[2].activity);
	inst->slots[2].activity = xstrdup(EVIL);
	free(inst->youths[2].name);
	inst->youths[2].name = xstrdup("<b>&\"' Berg");
	html = render(inst, 0);
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<b>"));
	assert_non_null(strstr(html, "<title>Besøk – " EVIL_HTML "</title>"));
	assert_non_null(strstr(html, "<h1>Besøk ved " EVIL_HTML "</h1>"));
	assert_true(strstr(strstr(html, "</header>"), EVIL_HTML) != NULL);
	assert_non_null(strstr(html, "&lt;b&gt;&amp;&quot;&#39;"));
	assert_null(strstr(html, "Berg"));
	free(html);
	model_instance_free(inst);
}

static void
test_visits_sorted_and_grouped_by_day(void **state)
{
	struct model_instance *inst = fixture();
	char *html = render(inst, 0);
	char *monday = strstr(html, "<h3>mandag 4. januar</h3>");
	char *sunday = strstr(html, "<h3>søndag 17. januar</h3>");

	(void)state;
	assert_non_null(monday);
	assert_non_null(sunday);
	assert_true(monday < strstr(html, "Morgentur"));
	assert_true(strstr(html, "Morgentur") < strstr(html, "Kveldskaffe"));
	assert_true(strstr(html, "Kveldskaffe") < sunday);
	assert_non_null(strstr(html, "09:00–10:00"));
	assert_non_null(strstr(html, "<h2>Uke 1</h2>"));
	assert_non_null(strstr(html, "<h2>Uke 2</h2>"));
	free(html);
	model_instance_free(inst);
}

static void
test_cancelled_visit_marked(void **state)
{
	struct model_instance *inst = fixture();
	char *html;

	(void)state;
	inst->assignments[3].status = MODEL_ASSIGNMENT_CANCELLED; /* early */
	html = render(inst, 0);
	assert_non_null(strstr(html, "<li class=\"cancelled\">"));
	assert_non_null(strstr(html,
	    "Morgentur <span class=\"muted\">"
	    "(avlyst)</span>"));
	assert_null(strstr(html, "Kari"));
	free(html);
	model_instance_free(inst);
}

static void
test_subscribe_links(void **state)
{
	struct model_instance *inst = fixture();
	char *html;

	(void)state;
	html = weekpage_render(
	    inst, 0, now_default(), FEED_URL "?a=1&b=2", WEBCAL_URL, I18N_NB);
	assert_non_null(strstr(html, "href=\"" FEED_URL "?a=1&amp;b=2\""));
	assert_non_null(strstr(html, "href=\"" WEBCAL_URL "\""));
	free(html);
	/* Other schemes are refused; no links, no footer. */
	html = weekpage_render(inst, 0, now_default(), "javascript:alert(1)",
	    "data:text/html,x", I18N_NB);
	assert_null(strstr(html, "href="));
	assert_null(strstr(html, "alert"));
	free(html);
	html = weekpage_render(inst, 0, now_default(), NULL, NULL, I18N_NB);
	assert_null(strstr(html, "<footer"));
	free(html);
	model_instance_free(inst);
}

static void
test_no_visits_message_and_bad_home(void **state)
{
	struct model_instance *inst = fixture();
	char *html;

	(void)state;
	html = weekpage_render(
	    inst, 0, now_default() + 60 * 86400, NULL, NULL, I18N_NB);
	assert_non_null(strstr(html, "Ingen besøk er planlagt"));
	assert_null(strstr(html, "<li"));
	free(html);
	assert_null(
	    weekpage_render(inst, 2, now_default(), NULL, NULL, I18N_NB));
	free(inst->timezone);
	inst->timezone = xstrdup("Nowhere/Nothing");
	assert_null(
	    weekpage_render(inst, 0, now_default(), NULL, NULL, I18N_NB));
	model_instance_free(inst);
}

static void
test_deterministic(void **state)
{
	struct model_instance *inst = fixture();
	char *a = render(inst, 0), *b;
	struct model_assignment tmp;

	(void)state;
	tmp = inst->assignments[1];
	inst->assignments[1] = inst->assignments[2];
	inst->assignments[2] = tmp;
	link_inst(inst);
	b = render(inst, 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
	model_instance_free(inst);
}

/*
 * The same page in both languages: every heading, date, label, empty
 * state and footer line in the reader's, names and activities as stored.
 */
static void
test_bokmal_and_english(void **state)
{
	struct model_instance *inst = fixture();
	char *nb, *en;

	(void)state;
	inst->assignments[3].status = MODEL_ASSIGNMENT_CANCELLED; /* early */
	i18n_use(I18N_EN);
	nb = weekpage_render(
	    inst, 0, now_default(), FEED_URL, WEBCAL_URL, I18N_NB);
	/* The thread's own language is back after the render. */
	assert_int_equal(i18n_current(), I18N_EN);
	en = weekpage_render(
	    inst, 0, now_default(), FEED_URL, WEBCAL_URL, I18N_EN);
	assert_non_null(strstr(nb, "<html lang=\"nb\">"));
	assert_non_null(strstr(en, "<html lang=\"en\">"));
	assert_non_null(
	    strstr(nb, "<title>Besøk – Solheim sykehjem</title>\n"));
	assert_non_null(
	    strstr(en, "<title>Visits – Solheim sykehjem</title>\n"));
	assert_non_null(strstr(en, "<h1>Visits at Solheim sykehjem</h1>\n"));
	assert_non_null(strstr(nb, "<p>4. januar – 17. januar 2027</p>\n"));
	assert_non_null(strstr(en, "<p>4 January – 17 January 2027</p>\n"));
	assert_non_null(strstr(nb,
	    "<section>\n<h2>Uke 1</h2>\n"
	    "<h3>mandag 4. januar</h3>\n"));
	assert_non_null(strstr(en,
	    "<section>\n<h2>Week 1</h2>\n"
	    "<h3>Monday 4 January</h3>\n"));
	assert_non_null(strstr(nb,
	    "<li class=\"cancelled\"><span class=\"time\">09:00–10:00"
	    "</span>Morgentur <span class=\"muted\">(avlyst)</span></li>\n"));
	assert_non_null(strstr(en,
	    "<li class=\"cancelled\"><span class=\"time\">09:00–10:00"
	    "</span>Morgentur <span class=\"muted\">(cancelled)</span>"
	    "</li>\n"));
	assert_non_null(strstr(nb,
	    "<li><span class=\"time\">18:30–19:30</span>Kveldskaffe"
	    "<span class=\"who\">Kommer: Ida, Ola</span></li>\n"));
	assert_non_null(strstr(en,
	    "<li><span class=\"time\">18:30–19:30</span>Kveldskaffe"
	    "<span class=\"who\">Coming: Ida, Ola</span></li>\n"));
	assert_non_null(strstr(en, "<h3>Sunday 17 January</h3>"));
	assert_non_null(
	    strstr(en, "<p>Get the visits straight into your calendar:</p>"));
	assert_non_null(strstr(en, "\">Subscribe in your calendar</a>"));
	assert_non_null(strstr(en, "\">Calendar link (https)</a>"));
	assert_non_null(strstr(en,
	    "<p class=\"muted\">These links are private: share them only "
	    "with the staff who need them.</p>"));
	assert_non_null(strstr(nb,
	    "<p class=\"muted\">Lenkene er private: del dem bare med de "
	    "ansatte som trenger dem.</p>"));
	/* No word of the other language. */
	assert_null(strstr(en, "Besøk"));
	assert_null(strstr(en, "januar"));
	assert_null(strstr(en, "Uke"));
	assert_null(strstr(nb, "Visits"));
	assert_null(strstr(nb, "January"));
	free(nb);
	free(en);
	/* The empty state, and a range over the new year. */
	nb = weekpage_render(
	    inst, 0, now_default() + 60 * 86400, NULL, NULL, I18N_NB);
	en = weekpage_render(
	    inst, 0, now_default() + 60 * 86400, NULL, NULL, I18N_EN);
	assert_non_null(
	    strstr(nb, "<p>Ingen besøk er planlagt de neste to ukene.</p>"));
	assert_non_null(
	    strstr(en, "<p>No visits are planned for the next two weeks.</p>"));
	free(nb);
	free(en);
	en = weekpage_render(
	    inst, 0, now_default() - 7 * 86400, NULL, NULL, I18N_EN);
	assert_non_null(
	    strstr(en, "<p>28 December 2026 – 10 January 2027</p>"));
	free(en);
	model_instance_free(inst);
}

/* The catalog must load, or the bokmål tests would test English. */
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_page_basics),
	    cmocka_unit_test(test_only_the_next_two_weeks),
	    cmocka_unit_test(test_today_is_the_local_date),
	    cmocka_unit_test(test_whole_weeks_on_a_sunday),
	    cmocka_unit_test(test_first_names_only),
	    cmocka_unit_test(test_other_homes_and_unbooked_slots_left_out),
	    cmocka_unit_test(test_escaping),
	    cmocka_unit_test(test_visits_sorted_and_grouped_by_day),
	    cmocka_unit_test(test_cancelled_visit_marked),
	    cmocka_unit_test(test_subscribe_links),
	    cmocka_unit_test(test_no_visits_message_and_bad_home),
	    cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_bokmal_and_english),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
