/* SPDX-License-Identifier: ISC */
/*
 * This file contains the rule profiles as data: for each jurisdiction the
 * age/school categories and one row per evaluable rule, with the rule id
 * as shared/reference/youth-labour-law.md names it and the legal
 * reference in the form customary in the jurisdiction ("AML § 11-2 (2) a",
 * "Directive 94/33/EC Art. 8(1)(b)"); a reference is a citation and is
 * not translated.  `who` and `what` describe the row for people reading
 * this table; the messages are whole sentences per kind of rule, in
 * rules.c.  rules.c interprets the rows; it has no per-country code.
 */
#include <stddef.h>
#include <string.h>

#include "civil.h"
#include "rules.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))
#define H(h)      ((h)*60)
#define HM(h, m)  ((h)*60 + (m))

/* Row constructors: keep every table one line per rule where possible. */
#define ROW(id, ref, cats, kind, cond, limit, a, b, who, what)                 \
	{                                                                      \
		id, ref, cats, kind, cond, limit, a, b, NULL, {NULL, NULL},    \
		    NULL, 0, NULL, RULES_SEASON_ANY, who, what                 \
	}

/* ---------------------------------------------------------------- NO -- */

enum {
	NO_YOUNG = 1u << 0,
	NO_CHILD = 1u << 1,
	NO_YOUTH = 1u << 2,
	NO_ADULT = 1u << 3
};
#define NO_U18 (NO_CHILD | NO_YOUTH)
#define NO_ALL (NO_CHILD | NO_YOUTH | NO_ADULT)

static const struct rules_category no_cats[] = {
    {"under 13", 0, 0, 12, RULES_SCHOOL_ANY, NULL},
    {"child", 1, 13, 14, RULES_SCHOOL_ANY, NULL},
    {"child", 1, 15, 17, RULES_SCHOOL_COMPULSORY, NULL},
    {"youth", 2, 15, 17, RULES_SCHOOL_ANY, NULL},
    {"adult", 3, 18, 200, RULES_SCHOOL_ANY, NULL},
};

static const struct rules_row no_rows[] = {
    ROW("NO-AML-11-1-1b",
        "AML § 11-1 (1) b; forskrift om organisering, ledelse og medvirkning § 12-2",
        NO_YOUNG, RULES_K_MIN_AGE, RULES_C_ANY, 13, 0, 0, "anyone",
        "the minimum age for light work is"),
    ROW("NO-FOR-12-4",
        "forskrift om organisering, ledelse og medvirkning § 12-4", NO_CHILD,
        RULES_K_CONSENT, RULES_C_ANY, 0, 0, 0, "a child",
        "written consent from a parent or guardian"),
    ROW("NO-AML-11-2-1", "AML § 11-2 (1)", NO_U18, RULES_K_LESSON, RULES_C_ANY,
        0, 0, 0, "anyone under 18", "work must not overlap lesson hours"),
    /* A17 policy: no work before lessons on a school day for children. */
    {"NO-AML-11-2-1", "AML § 11-2 (1)", NO_CHILD, RULES_K_DAY_CAP,
        RULES_C_BEFORE_SCHOOL, 0, 0, 0, "no_work_before_lessons", {NULL, NULL},
        NULL, 0, NULL, RULES_SEASON_ANY, "children",
        "before lessons on a school day (no_work_before_lessons)"},
    ROW("NO-AML-11-2-2a-day", "AML § 11-2 (2) a", NO_CHILD, RULES_K_DAY_CAP,
        RULES_C_SCHOOL_DAY, H(2), 0, 0, "pupils in compulsory school",
        "on a school day"),
    ROW("NO-AML-11-2-2a-week", "AML § 11-2 (2) a", NO_CHILD, RULES_K_WEEK_CAP,
        RULES_C_LESSON_WEEK, H(12), 0, 0, "pupils in compulsory school",
        "in a week with lessons"),
    ROW("NO-AML-11-2-2b-day", "AML § 11-2 (2) b", NO_CHILD, RULES_K_DAY_CAP,
        RULES_C_NONSCHOOL_DAY, H(7), 0, 0, "pupils in compulsory school",
        "on a day without lessons"),
    ROW("NO-AML-11-2-2b-week", "AML § 11-2 (2) b", NO_CHILD, RULES_K_WEEK_CAP,
        RULES_C_LESSONFREE_WEEK, H(35), 0, 0, "pupils in compulsory school",
        "in a week without lessons"),
    ROW("NO-AML-11-2-3-day", "AML § 11-2 (3)", NO_YOUTH, RULES_K_DAY_CAP,
        RULES_C_ANY, H(8), 0, 0, "15-17-year-olds", "per day"),
    ROW("NO-AML-11-2-3-day", "AML § 11-2 (3)", NO_YOUTH, RULES_K_ROLL_CAP,
        RULES_C_ANY, H(8), H(24), 0, "15-17-year-olds", "per 24 hours"),
    ROW("NO-AML-11-2-3-week", "AML § 11-2 (3)", NO_YOUTH, RULES_K_WEEK_CAP,
        RULES_C_ANY, H(40), 0, 0, "15-17-year-olds", "per week"),
    ROW("NO-AML-11-2-3-week", "AML § 11-2 (3)", NO_YOUTH, RULES_K_ROLL_CAP,
        RULES_C_ANY, H(40), H(168), 0, "15-17-year-olds", "per 7 days"),
    ROW("NO-AML-11-3-1", "AML § 11-3 (1)", NO_CHILD, RULES_K_NIGHT, RULES_C_ANY,
        0, H(20), H(6), "children", "night work"),
    {"NO-AML-11-3-2-off", "AML § 11-3 (2)", NO_YOUTH, RULES_K_NIGHT_OFF,
        RULES_C_ANY, H(8), H(23), H(6), NULL, {"care_exemption_12_9g", NULL},
        NULL, 0, NULL, RULES_SEASON_ANY, "15-17-year-olds",
        "off duty in one block including 23:00-06:00"},
    {"NO-AML-11-3-2-night", "AML § 11-3 (2)", NO_YOUTH, RULES_K_NIGHT,
        RULES_C_ANY, 0, H(21), H(23), NULL,
        {"youth_night_21_23_justified", "care_exemption_12_9g"}, NULL, 0, NULL,
        RULES_SEASON_ANY, "15-17-year-olds",
        "night work (21:00-23:00 without a recorded justification)"},
    {"NO-FOR-12-9g",
        "forskrift om organisering, ledelse og medvirkning § 12-9 g", NO_YOUTH,
        RULES_K_NIGHT, RULES_C_ANY, 0, H(0), H(6), "care_exemption_12_9g",
        {NULL, NULL}, NULL, 0, NULL, RULES_SEASON_ANY, "15-17-year-olds",
        "work outside 06:00-24:00 under the care exemption"},
    /* § 12-9 g moves the band to 00:00-06:00; the 8 h block stays. */
    {"NO-AML-11-3-2-off",
        "AML § 11-3 (2); forskrift om organisering, ledelse og medvirkning § 12-9 g",
        NO_YOUTH, RULES_K_NIGHT_GAP, RULES_C_ANY, H(8), H(0), H(6),
        "care_exemption_12_9g", {NULL, NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "15-17-year-olds", "off duty in one block including 00:00-06:00"},
    ROW("NO-AML-11-5-1", "AML § 11-5 (1)", NO_U18, RULES_K_BREAK_ONE,
        RULES_C_ANY, 30, HM(4, 30), 0, "anyone under 18",
        "one break of at least"),
    ROW("NO-AML-11-5-2a", "AML § 11-5 (2) a", NO_CHILD, RULES_K_REST,
        RULES_C_ANY, H(14), H(24), 0, "children", "daily rest"),
    ROW("NO-AML-11-5-2b", "AML § 11-5 (2) b", NO_YOUTH, RULES_K_REST,
        RULES_C_ANY, H(12), H(24), 0, "15-17-year-olds", "daily rest"),
    ROW("NO-AML-11-5-3", "AML § 11-5 (3)", NO_U18, RULES_K_REST, RULES_C_ANY,
        H(48), H(168), 0, "anyone under 18", "weekly rest"),
    ROW("NO-AML-11-5-4", "AML § 11-5 (4)", NO_U18, RULES_K_SUMMER_FREE,
        RULES_C_ANY, 14, 0, 0, "pupils under 18",
        "consecutive work-free days in the summer holiday"),
    /* A15: the annual 4 weeks, judged per calendar year. */
    ROW("NO-AML-11-5-4", "AML § 11-5 (4)", NO_U18, RULES_K_HOLIDAY_FREE,
        RULES_C_ANY, 28, 0, 0, "pupils under 18",
        "work-free days in the year's school holidays (4 weeks a year)"),
    ROW("NO-AML-10-4-1-day", "AML § 10-4 (1)", NO_ADULT, RULES_K_DAY_CAP,
        RULES_C_ANY, H(9), 0, 0, "adults (normal working time)", "per day"),
    ROW("NO-AML-10-4-1-day", "AML § 10-4 (1)", NO_ADULT, RULES_K_ROLL_CAP,
        RULES_C_ANY, H(9), H(24), 0, "adults (normal working time)",
        "per 24 hours"),
    ROW("NO-AML-10-4-1-week", "AML § 10-4 (1)", NO_ADULT, RULES_K_WEEK_CAP,
        RULES_C_ANY, H(40), 0, 0, "adults (normal working time)", "per week"),
    ROW("NO-AML-10-4-1-week", "AML § 10-4 (1)", NO_ADULT, RULES_K_ROLL_CAP,
        RULES_C_ANY, H(40), H(168), 0, "adults (normal working time)",
        "per 7 days"),
    ROW("NO-AML-10-6-8", "AML § 10-6 (8)", NO_ADULT, RULES_K_ROLL_CAP,
        RULES_C_ANY, H(13), H(24), 0, "adults (including overtime)",
        "per 24 hours"),
    ROW("NO-AML-10-6-8", "AML § 10-6 (8)", NO_ADULT, RULES_K_ROLL_CAP,
        RULES_C_ANY, H(48), H(168), 0, "adults (including overtime)",
        "per 7 days"),
    ROW("NO-AML-10-8-1", "AML § 10-8 (1)", NO_ADULT, RULES_K_REST, RULES_C_ANY,
        H(11), H(24), 0, "adults", "daily rest"),
    ROW("NO-AML-10-8-2", "AML § 10-8 (2)", NO_ADULT, RULES_K_REST, RULES_C_ANY,
        H(35), H(168), 0, "adults", "weekly rest"),
    {"NO-AML-10-8-4", "AML § 10-8 (4)", NO_ALL, RULES_K_SUNDAY_ROTATION,
        RULES_C_ANY, 0, 0, 0, NULL, {"sunday_averaging_agreement", NULL}, NULL,
        0, NULL, RULES_SEASON_ANY, "everyone",
        "the next Sunday/holiday period off"},
    {"NO-AML-10-8-4", "AML § 10-8 (4)", NO_ALL, RULES_K_SUNDAY_AVERAGING,
        RULES_C_ANY, 0, 0, 0, "sunday_averaging_agreement", {NULL, NULL}, NULL,
        0, NULL, RULES_SEASON_ANY, "everyone",
        "Sunday/holiday work averaged over 26 weeks"},
    {"NO-AML-10-10-2", "AML § 10-10 (2)", NO_ALL, RULES_K_SUNDAY_WORK,
        RULES_C_ANY, 0, 0, 0, NULL, {"sunday_work_justified", NULL}, NULL, 0,
        NULL, RULES_SEASON_ANY, "everyone",
        "Sunday/holiday work without a recorded justification"},
    {"NO-AML-10-9-1a", "AML § 10-9 (1)", NO_ADULT, RULES_K_BREAK_ONE,
        RULES_C_ANY, 20, HM(5, 30), 0, NULL, {NULL, NULL},
        "adult_min_break_minutes", 1, NULL, RULES_SEASON_ANY, "adults",
        "one break of at least"},
    ROW("NO-AML-10-9-1b", "AML § 10-9 (1)", NO_ADULT, RULES_K_BREAK_TOTAL,
        RULES_C_ANY, 30, H(8), 0, "adults", "breaks totalling at least"),
    {"NO-AML-10-11-2", "AML § 10-11 (1)–(3)", NO_ADULT, RULES_K_NIGHT,
        RULES_C_ANY, 0, H(21), H(6), NULL,
        {"adult_night_work_justified", "adult_21_23_agreement"}, NULL, 0, NULL,
        RULES_SEASON_ANY, "adults",
        "night work without a recorded justification"},
    {"NO-AML-10-11-2", "AML § 10-11 (1)–(3)", NO_ADULT, RULES_K_NIGHT,
        RULES_C_ANY, 0, H(23), H(6), "adult_21_23_agreement",
        {"adult_night_work_justified", NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "adults", "night work without a recorded justification"},
};

/* Norway: helligdager plus the høytidsdager 1 and 17 May. */
bool
rules_no_public_holiday(int32_t day)
{
	int y, m, d;
	int32_t e;

	civil_ymd_from_days(day, &y, &m, &d);
	if ((m == 1 && d == 1) || (m == 5 && (d == 1 || d == 17)) ||
	    (m == 12 && (d == 25 || d == 26)))
		return true;
	if (m < 3 || m > 6)
		return false;
	e = civil_easter(y);
	return day == e - 3 || day == e - 2 || day == e || day == e + 1 ||
	    day == e + 39 || day == e + 49 || day == e + 50;
}

/* ---------------------------------------------------------------- EU -- */

enum {
	EU_YOUNG = 1u << 0,
	EU_CHILD = 1u << 1,
	EU_CHILD_NS = 1u << 2,
	EU_CHILD15 = 1u << 3,
	EU_ADOL = 1u << 4,
	EU_ADULT = 1u << 5
};
#define EU_CHILDREN (EU_CHILD | EU_CHILD_NS | EU_CHILD15)
#define EU_PUPIL    (EU_CHILD | EU_CHILD15)
#define EU_U18      (EU_CHILDREN | EU_ADOL)

static const struct rules_category eu_cats[] = {
    {"below the minimum age", 0, 0, 13, RULES_SCHOOL_ANY, "min_age_light_work"},
    {"child", 1, 0, 14, RULES_SCHOOL_COMPULSORY, NULL},
    {"child no longer at compulsory school", 2, 0, 14,
        RULES_SCHOOL_NOT_COMPULSORY, NULL},
    {"child", 3, 15, 17, RULES_SCHOOL_COMPULSORY, NULL},
    {"adolescent", 4, 15, 17, RULES_SCHOOL_ANY, NULL},
    {"adult", 5, 18, 200, RULES_SCHOOL_ANY, NULL},
};

static const struct rules_row eu_rows[] = {
    {"EU-94-33-4-2", "Directive 94/33/EC Art. 4(2)(c)", EU_YOUNG,
        RULES_K_MIN_AGE, RULES_C_ANY, 14, 0, 0, NULL, {NULL, NULL},
        "min_age_light_work", 1, NULL, RULES_SEASON_ANY, "anyone",
        "the minimum age for light work is"},
    ROW("EU-94-33-8-1b-school-hours", "Directive 94/33/EC Art. 8(1)(b)",
        EU_CHILDREN, RULES_K_LESSON, RULES_C_ANY, 0, 0, 0, "children",
        "work must lie outside school hours"),
    ROW("EU-94-33-8-1b-day", "Directive 94/33/EC Art. 8(1)(b)", EU_PUPIL,
        RULES_K_DAY_CAP, RULES_C_SCHOOL_DAY, H(2), 0, 0, "children",
        "on a school day"),
    ROW("EU-94-33-8-1b-week", "Directive 94/33/EC Art. 8(1)(b)", EU_PUPIL,
        RULES_K_WEEK_CAP, RULES_C_LESSON_WEEK, H(12), 0, 0, "children",
        "in a term-time week"),
    ROW("EU-94-33-8-1b-max", "Directive 94/33/EC Art. 8(1)(b)", EU_PUPIL,
        RULES_K_DAY_CAP, RULES_C_LESSON_WEEK, H(7), 0, 0, "children",
        "on any day of a term-time week"),
    ROW("EU-94-33-8-1c-day", "Directive 94/33/EC Art. 8(1)(c)", EU_CHILD,
        RULES_K_DAY_CAP, RULES_C_LESSONFREE_WEEK, H(7), 0, 0, "children",
        "on a day in a week the school is closed"),
    ROW("EU-94-33-8-1c-week", "Directive 94/33/EC Art. 8(1)(c)", EU_CHILD,
        RULES_K_WEEK_CAP, RULES_C_LESSONFREE_WEEK, H(35), 0, 0, "children",
        "in a week the school is closed"),
    {"EU-94-33-8-1c-day", "Directive 94/33/EC Art. 8(1)(c), 8(2)", EU_CHILD15,
        RULES_K_DAY_CAP, RULES_C_LESSONFREE_WEEK, H(7), 0, 0, NULL,
        {"raise_limits_for_15", NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children", "on a day in a week the school is closed"},
    {"EU-94-33-8-1c-week", "Directive 94/33/EC Art. 8(1)(c), 8(2)", EU_CHILD15,
        RULES_K_WEEK_CAP, RULES_C_LESSONFREE_WEEK, H(35), 0, 0, NULL,
        {"raise_limits_for_15", NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children", "in a week the school is closed"},
    {"EU-94-33-8-1c-day", "Directive 94/33/EC Art. 8(1)(c), 8(2)", EU_CHILD15,
        RULES_K_DAY_CAP, RULES_C_LESSONFREE_WEEK, H(8), 0, 0,
        "raise_limits_for_15", {NULL, NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children aged 15+", "on a day in a week the school is closed"},
    {"EU-94-33-8-1c-week", "Directive 94/33/EC Art. 8(1)(c), 8(2)", EU_CHILD15,
        RULES_K_WEEK_CAP, RULES_C_LESSONFREE_WEEK, H(40), 0, 0,
        "raise_limits_for_15", {NULL, NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children aged 15+", "in a week the school is closed"},
    ROW("EU-94-33-8-1d", "Directive 94/33/EC Art. 8(1)(d)", EU_CHILD_NS,
        RULES_K_DAY_CAP, RULES_C_ANY, H(7), 0, 0,
        "children no longer at school", "per day"),
    ROW("EU-94-33-8-1d", "Directive 94/33/EC Art. 8(1)(d)", EU_CHILD_NS,
        RULES_K_WEEK_CAP, RULES_C_ANY, H(35), 0, 0,
        "children no longer at school", "per week"),
    ROW("EU-94-33-8-2-day", "Directive 94/33/EC Art. 8(2)", EU_ADOL,
        RULES_K_DAY_CAP, RULES_C_ANY, H(8), 0, 0, "adolescents", "per day"),
    ROW("EU-94-33-8-2-day", "Directive 94/33/EC Art. 8(2)", EU_ADOL,
        RULES_K_ROLL_CAP, RULES_C_ANY, H(8), H(24), 0, "adolescents",
        "per 24 hours"),
    ROW("EU-94-33-8-2-week", "Directive 94/33/EC Art. 8(2)", EU_ADOL,
        RULES_K_WEEK_CAP, RULES_C_ANY, H(40), 0, 0, "adolescents", "per week"),
    ROW("EU-94-33-8-2-week", "Directive 94/33/EC Art. 8(2)", EU_ADOL,
        RULES_K_ROLL_CAP, RULES_C_ANY, H(40), H(168), 0, "adolescents",
        "per 7 days"),
    ROW("EU-94-33-9-1a", "Directive 94/33/EC Art. 9(1)(a)", EU_CHILDREN,
        RULES_K_NIGHT, RULES_C_ANY, 0, H(20), H(6), "children", "night work"),
    {"EU-94-33-9-1b", "Directive 94/33/EC Art. 9(1)(b)", EU_ADOL, RULES_K_NIGHT,
        RULES_C_ANY, 0, H(22), H(6), NULL, {NULL, NULL}, NULL, 0,
        "adolescent_night_window", RULES_SEASON_ANY, "adolescents",
        "night work"},
    ROW("EU-94-33-10-1a", "Directive 94/33/EC Art. 10(1)(a)", EU_CHILDREN,
        RULES_K_REST, RULES_C_ANY, H(14), H(24), 0, "children", "daily rest"),
    ROW("EU-94-33-10-1b", "Directive 94/33/EC Art. 10(1)(b)", EU_ADOL,
        RULES_K_REST, RULES_C_ANY, H(12), H(24), 0, "adolescents",
        "daily rest"),
    {"EU-94-33-10-2", "Directive 94/33/EC Art. 10(2)", EU_U18, RULES_K_REST,
        RULES_C_ANY, H(48), H(168), 0, NULL, {NULL, NULL},
        "weekly_rest_min_hours", 60, NULL, RULES_SEASON_ANY, "anyone under 18",
        "weekly rest"},
    ROW("EU-94-33-12", "Directive 94/33/EC Art. 12", EU_U18, RULES_K_BREAK_ONE,
        RULES_C_ANY, 30, HM(4, 30), 0, "anyone under 18",
        "one break of at least"),
    ROW("EU-2003-88-3", "Directive 2003/88/EC Art. 3", EU_ADULT, RULES_K_REST,
        RULES_C_ANY, H(11), H(24), 0, "adults", "daily rest"),
    ROW("EU-2003-88-4", "Directive 2003/88/EC Art. 4", EU_ADULT,
        RULES_K_BREAK_ONE, RULES_C_ANY, 20, H(6), 0, "adults",
        "one break of at least"),
    ROW("EU-2003-88-5", "Directive 2003/88/EC Art. 5", EU_ADULT, RULES_K_REST,
        RULES_C_ANY, H(35), H(168), 0, "adults", "weekly rest"),
    ROW("EU-2003-88-6", "Directive 2003/88/EC Art. 6", EU_ADULT,
        RULES_K_ROLL_CAP, RULES_C_ANY, H(48), H(168), 0, "adults",
        "per 7 days"),
};

/* ----------------------------------------------------------- US-FLSA -- */

enum { US_YOUNG = 1u << 0, US_MINOR = 1u << 1, US_OLDER = 1u << 2 };

static const struct rules_category us_cats[] = {
    {"under 14", 0, 0, 13, RULES_SCHOOL_ANY, NULL},
    {"14-15", 1, 14, 15, RULES_SCHOOL_ANY, NULL},
    {"16+", 2, 16, 200, RULES_SCHOOL_ANY, NULL},
};

static const struct rules_row us_rows[] = {
    ROW("US-CFR-570-2", "FLSA §3(l); 29 CFR 570.2", US_YOUNG, RULES_K_MIN_AGE,
        RULES_C_ANY, 14, 0, 0, "anyone",
        "the minimum age for non-agricultural work is"),
    ROW("US-CFR-570-35-a1", "29 CFR 570.35(a)(1)", US_MINOR, RULES_K_LESSON,
        RULES_C_ANY, 0, 0, 0, "14-15-year-olds",
        "work must lie outside school hours"),
    ROW("US-CFR-570-35-a2", "29 CFR 570.35(a)(2)", US_MINOR, RULES_K_WEEK_CAP,
        RULES_C_LESSONFREE_WEEK, H(40), 0, 0, "14-15-year-olds",
        "in a workweek school is not in session"),
    ROW("US-CFR-570-35-a3", "29 CFR 570.35(a)(3)", US_MINOR, RULES_K_WEEK_CAP,
        RULES_C_LESSON_WEEK, H(18), 0, 0, "14-15-year-olds",
        "in a workweek school is in session"),
    ROW("US-CFR-570-35-a4", "29 CFR 570.35(a)(4)", US_MINOR, RULES_K_DAY_CAP,
        RULES_C_NONSCHOOL_DAY, H(8), 0, 0, "14-15-year-olds",
        "on a day school is not in session"),
    ROW("US-CFR-570-35-a5", "29 CFR 570.35(a)(5)", US_MINOR, RULES_K_DAY_CAP,
        RULES_C_SCHOOL_DAY, H(3), 0, 0, "14-15-year-olds", "on a school day"),
    {"US-CFR-570-35-a6", "29 CFR 570.35(a)(6)", US_MINOR, RULES_K_NIGHT,
        RULES_C_ANY, 0, H(19), H(7), NULL, {NULL, NULL}, NULL, 0, NULL,
        RULES_SEASON_NOT_US_SUMMER, "14-15-year-olds",
        "work outside 07:00-19:00"},
    {"US-CFR-570-35-a6", "29 CFR 570.35(a)(6)", US_MINOR, RULES_K_NIGHT,
        RULES_C_ANY, 0, H(21), H(7), NULL, {NULL, NULL}, NULL, 0, NULL,
        RULES_SEASON_US_SUMMER, "14-15-year-olds",
        "work outside 07:00-21:00 (1 June to Labor Day)"},
};

/* ---------------------------------------------------------------- UK -- */

enum {
	UK_YOUNG = 1u << 0,
	UK_CHILD14 = 1u << 1,
	UK_CHILD15 = 1u << 2,
	UK_YW = 1u << 3,
	UK_ADULT = 1u << 4
};
#define UK_CHILD (UK_CHILD14 | UK_CHILD15)

/* "Compulsory" here is compulsory school age from the date of birth (the
 * profile's leaving rule, A4), not the stored `school` field: a child is
 * not over compulsory school age; a young worker (WTR reg 2) is 15-17 and
 * over it. */
static const struct rules_category uk_cats[] = {
    {"under 14", 0, 0, 13, RULES_SCHOOL_ANY, NULL},
    {"child under 15", 1, 14, 14, RULES_SCHOOL_ANY, NULL},
    {"child", 2, 15, 17, RULES_SCHOOL_COMPULSORY, NULL},
    {"young worker", 3, 15, 17, RULES_SCHOOL_ANY, NULL},
    {"adult", 4, 18, 200, RULES_SCHOOL_ANY, NULL},
};

static const struct rules_row uk_rows[] = {
    ROW("UK-CYPA-18-1a", "Children and Young Persons Act 1933 s.18(1)(a)",
        UK_YOUNG, RULES_K_MIN_AGE, RULES_C_ANY, 14, 0, 0, "anyone",
        "the minimum age is"),
    ROW("UK-CYPA-18-1b", "Children and Young Persons Act 1933 s.18(1)(b)",
        UK_CHILD, RULES_K_LESSON, RULES_C_ANY, 0, 0, 0, "children",
        "no work during school hours"),
    {"UK-CYPA-18-1b", "Children and Young Persons Act 1933 s.18(1)(b)",
        UK_CHILD, RULES_K_DAY_CAP, RULES_C_BEFORE_SCHOOL, 0, 0, 0, NULL,
        {"cwsa_2026_in_force", NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children",
        "before school on a school day (not before school "
        "closes)"},
    {"UK-CYPA-18-1b",
        "Children and Young Persons Act 1933 s.18(1)(b) as replaced by "
        "Children's Wellbeing and Schools Act 2026 s.28",
        UK_CHILD, RULES_K_DAY_CAP, RULES_C_BEFORE_SCHOOL, H(1), 0, 0,
        "cwsa_2026_in_force", {NULL, NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children", "before school on a school day"},
    {"UK-CYPA-18-1c", "Children and Young Persons Act 1933 s.18(1)(c)",
        UK_CHILD, RULES_K_NIGHT, RULES_C_ANY, 0, H(19), H(7), NULL,
        {"cwsa_2026_in_force", NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children", "work outside 07:00-19:00"},
    {"UK-CYPA-18-1c",
        "Children and Young Persons Act 1933 s.18(1)(c) as replaced by "
        "Children's Wellbeing and Schools Act 2026 s.28",
        UK_CHILD, RULES_K_NIGHT, RULES_C_ANY, 0, H(20), H(7),
        "cwsa_2026_in_force", {NULL, NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children", "work outside 07:00-20:00"},
    ROW("UK-CYPA-18-1d", "Children and Young Persons Act 1933 s.18(1)(d)",
        UK_CHILD, RULES_K_DAY_CAP, RULES_C_SCHOOL_DAY, H(2), 0, 0, "children",
        "on a school day"),
    ROW("UK-CYPA-18-1da", "Children and Young Persons Act 1933 s.18(1)(da)",
        UK_CHILD, RULES_K_WEEK_CAP, RULES_C_LESSON_WEEK, H(12), 0, 0,
        "children", "in a school week"),
    {"UK-CYPA-18-1e", "Children and Young Persons Act 1933 s.18(1)(e)",
        UK_CHILD, RULES_K_DAY_CAP, RULES_C_SUNDAY, H(2), 0, 0, NULL,
        {"cwsa_2026_in_force", NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children", "on a Sunday"},
    {"UK-CYPA-18-1g", "Children and Young Persons Act 1933 s.18(1)(g)",
        UK_CHILD15, RULES_K_DAY_CAP, RULES_C_NONSCHOOL_NOT_SUN, H(8), 0, 0,
        NULL, {"cwsa_2026_in_force", NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children aged 15+", "on a non-school day other than Sunday"},
    {"UK-CYPA-18-1g", "Children and Young Persons Act 1933 s.18(1)(g)",
        UK_CHILD14, RULES_K_DAY_CAP, RULES_C_NONSCHOOL_NOT_SUN, H(5), 0, 0,
        NULL, {"cwsa_2026_in_force", NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children under 15", "on a non-school day other than Sunday"},
    {"UK-CYPA-18-1g", "Children's Wellbeing and Schools Act 2026 s.28",
        UK_CHILD15, RULES_K_DAY_CAP, RULES_C_NONSCHOOL_DAY, H(8), 0, 0,
        "cwsa_2026_in_force", {NULL, NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children aged 15+", "on a non-school day"},
    {"UK-CYPA-18-1g", "Children's Wellbeing and Schools Act 2026 s.28",
        UK_CHILD14, RULES_K_DAY_CAP, RULES_C_NONSCHOOL_DAY, H(5), 0, 0,
        "cwsa_2026_in_force", {NULL, NULL}, NULL, 0, NULL, RULES_SEASON_ANY,
        "children under 15", "on a non-school day"},
    ROW("UK-CYPA-18-1h", "Children and Young Persons Act 1933 s.18(1)(h)",
        UK_CHILD15, RULES_K_WEEK_CAP, RULES_C_LESSONFREE_WEEK, H(35), 0, 0,
        "children aged 15+", "in a non-school week"),
    ROW("UK-CYPA-18-1h", "Children and Young Persons Act 1933 s.18(1)(h)",
        UK_CHILD14, RULES_K_WEEK_CAP, RULES_C_LESSONFREE_WEEK, H(25), 0, 0,
        "children under 15", "in a non-school week"),
    ROW("UK-CYPA-18-1i", "Children and Young Persons Act 1933 s.18(1)(i)",
        UK_CHILD, RULES_K_BREAK_ONE, RULES_C_ANY, 60, H(4), 0, "children",
        "one break of at least"),
    ROW("UK-CYPA-18-1j", "Children and Young Persons Act 1933 s.18(1)(j)",
        UK_CHILD, RULES_K_HOLIDAY_RUN, RULES_C_ANY, 14, 0, 0, "children",
        "consecutive work-free days in a school holiday of the year"),
    ROW("UK-WTR-5A", "Working Time Regulations 1998 reg 5A", UK_YW,
        RULES_K_DAY_CAP, RULES_C_ANY, H(8), 0, 0, "young workers", "per day"),
    ROW("UK-WTR-5A", "Working Time Regulations 1998 reg 5A", UK_YW,
        RULES_K_ROLL_CAP, RULES_C_ANY, H(8), H(24), 0, "young workers",
        "per 24 hours"),
    ROW("UK-WTR-5A", "Working Time Regulations 1998 reg 5A", UK_YW,
        RULES_K_WEEK_CAP, RULES_C_ANY, H(40), 0, 0, "young workers",
        "per week"),
    ROW("UK-WTR-5A", "Working Time Regulations 1998 reg 5A", UK_YW,
        RULES_K_ROLL_CAP, RULES_C_ANY, H(40), H(168), 0, "young workers",
        "per 7 days"),
    {"UK-WTR-6A", "Working Time Regulations 1998 reg 6A", UK_YW, RULES_K_NIGHT,
        RULES_C_ANY, 0, H(22), H(6), NULL, {NULL, NULL}, NULL, 0,
        "young_night_window", RULES_SEASON_ANY, "young workers", "night work"},
    ROW("UK-WTR-10-2", "Working Time Regulations 1998 reg 10(2)", UK_YW,
        RULES_K_REST, RULES_C_ANY, H(12), H(24), 0, "young workers",
        "daily rest"),
    ROW("UK-WTR-11-3", "Working Time Regulations 1998 reg 11(3)", UK_YW,
        RULES_K_REST, RULES_C_ANY, H(48), H(168), 0, "young workers",
        "weekly rest"),
    ROW("UK-WTR-12-4", "Working Time Regulations 1998 reg 12(4)", UK_YW,
        RULES_K_BREAK_ONE, RULES_C_ANY, 30, HM(4, 30), 0, "young workers",
        "one break of at least"),
    ROW("UK-WTR-4", "Working Time Regulations 1998 reg 4", UK_ADULT,
        RULES_K_ROLL_CAP, RULES_C_ANY, H(48), H(168), 0, "adults",
        "per 7 days"),
    ROW("UK-WTR-10-1", "Working Time Regulations 1998 reg 10(1)", UK_ADULT,
        RULES_K_REST, RULES_C_ANY, H(11), H(24), 0, "adults", "daily rest"),
    ROW("UK-WTR-11-1", "Working Time Regulations 1998 reg 11(1)", UK_ADULT,
        RULES_K_REST, RULES_C_ANY, H(24), H(168), 0, "adults", "weekly rest"),
    ROW("UK-WTR-12-1", "Working Time Regulations 1998 reg 12(1)", UK_ADULT,
        RULES_K_BREAK_ONE, RULES_C_ANY, 20, H(6), 0, "adults",
        "one break of at least"),
};

#define NO_LEAVING                                                             \
	{                                                                      \
		0, 0, 0, 0                                                     \
	}

static const struct rules_profile profiles[] = {
    {"NO", "Norway (AML ch. 10-11, FOR-2011-12-06-1355 ch. 12)", no_cats,
        N_ELEM(no_cats), no_rows, N_ELEM(no_rows), true, false, true,
        rules_no_public_holiday, RULES_COMPULSORY_STORED, NO_LEAVING, false},
    {"EU", "EU minimum (Directives 94/33/EC and 2003/88/EC)", eu_cats,
        N_ELEM(eu_cats), eu_rows, N_ELEM(eu_rows), false, false, false, NULL,
        RULES_COMPULSORY_STORED, NO_LEAVING, false},
    {"US-FLSA", "US federal (FLSA, 29 CFR part 570)", us_cats, N_ELEM(us_cats),
        us_rows, N_ELEM(us_rows), false, true, false, NULL,
        RULES_COMPULSORY_STORED, NO_LEAVING, true},
    /* A4: the last Friday in June of the school year (1 Sep - 31 Aug) in
     * which the child turns 16. */
    {"UK", "England and Wales (CYPA 1933 s.18, WTR 1998)", uk_cats,
        N_ELEM(uk_cats), uk_rows, N_ELEM(uk_rows), false, false, false, NULL,
        RULES_COMPULSORY_LEAVING_DATE, {16, 9, 6, CIVIL_FRI}, false},
};

int32_t
rules_leaving_date(const struct rules_leaving_rule *lr, int32_t birth_date)
{
	int by, bm, bd, y;
	int32_t last;

	civil_ymd_from_days(birth_date, &by, &bm, &bd);
	y = by + lr->age; /* the calendar year of that birthday */
	if (bm == 2 && bd == 29 && !civil_valid_ymd(y, 2, 29))
		bm = 3; /* A3: 1 March in a common year */
	/* The school year holding the birthday ends in `month` of y, or of
	 * y + 1 when it began in y (the birthday on or after its start). */
	if (lr->month < lr->year_start_month && bm >= lr->year_start_month)
		y++;
	last = lr->month == 12 ? civil_days_from_ymd(y + 1, 1, 1) - 1
	                       : civil_days_from_ymd(y, lr->month + 1, 1) - 1;
	return last - (civil_weekday(last) - lr->weekday + 7) % 7;
}

const struct rules_profile *
rules_profile_find(const char *jurisdiction)
{
	for (size_t i = 0; jurisdiction != NULL && i < N_ELEM(profiles); i++)
		if (strcmp(profiles[i].jurisdiction, jurisdiction) == 0)
			return &profiles[i];
	return NULL;
}
