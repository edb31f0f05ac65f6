/* SPDX-License-Identifier: ISC */
/*
 * Second statute-based case table for the rules engine, concentrating on
 * the EU (94/33/EC, 2003/88/EC), US-FLSA (29 CFR 570) and UK (CYPA 1933
 * s.18, WTR 1998) profiles, which rules_law_cases.h covers more thinly
 * than Norway.  Written from shared/reference/youth-labour-law.md (rule
 * ids, evaluation vocabulary, ambiguity defaults A1-A18, switches of
 * section 6b) and the statute texts, not from rules.c.  It does not repeat
 * the rows of rules_law_cases.h: it adds the other day types (Sunday,
 * public holiday inside a term, the weekend on either side of a holiday
 * week, term end), birthdays (A3, including 29 February in common and leap
 * years), DST nights for the rest rules (A13), split shifts inside one
 * rest window (A6), week types and workweek starts (A1, A5), other
 * employers (A12), break blocks (A7c) and the US summer evening window in
 * several years.
 *
 * Notation as in rules_fixture.h.  A rule field that ends in " ~" marks a
 * case resting on a "~"/"?" row of the reference or on an ambiguity
 * default; " JC" marks a judgement call (see the comment at the row and
 * docs/rules.md).  Boundary pairs: the value exactly at the limit passes,
 * one minute beyond fails.
 *
 * Fixture calendar: terms 2026-08-17..12-18, 2027-01-04..06-18 and
 * 2027-08-16..12-17; winter holiday Mon 2027-02-22 .. Fri 02-26; lessons
 * 08:15-14:30.  2027-01-04 is a Monday.  DST: Europe 2027-03-28 (spring)
 * and 2027-10-31 (autumn); New York 2027-03-14 and 2027-11-07.  Labor Day
 * (first Monday of September): 2025-09-01, 2026-09-07, 2027-09-06,
 * 2028-09-04.
 */
#ifndef ROTA_TEST_RULES_LAW_INTL_CASES_H
#define ROTA_TEST_RULES_LAW_INTL_CASES_H

#include "rules_fixture.h"

/* Youths (birth date, school). */
#define I_C14   "2012-06-01 c" /* 14 at school (15 on 2027-06-01) */
#define I_C15   "2011-06-01 c" /* 15 at school (UK child to 2027-06-25) */
#define I_N14   "2012-06-01 n" /* 14, not at school */
#define I_Y16   "2010-06-01 s" /* 16, upper secondary */
#define I_A18   "2008-06-01 n" /* 18 */
#define I_TO13  "2014-01-06 c" /* 13 on Wed 2027-01-06 */
#define I_TO14  "2013-01-06 c" /* 14 on Wed 2027-01-06 */
#define I_TO15S "2012-01-06 s" /* 15 on Wed 2027-01-06, upper secondary */
#define I_TO15C "2012-02-24 c" /* 15 on Wed 2027-02-24 (winter holiday) */
#define I_TO15W "2012-01-09 c" /* 15 on Sat 2027-01-09 */
#define I_TO15X "2012-01-10 c" /* 15 on Sun 2027-01-10: 14 on Sat 01-09 */
#define I_TO16  "2011-01-06 s" /* 16 on Wed 2027-01-06 */
#define I_TO16H "2011-02-24 s" /* 16 on Wed 2027-02-24 (winter holiday) */
#define I_TO18  "2009-01-09 s" /* 18 on Sat 2027-01-09 */
/* A3: 29 February counts as 1 March in common years. */
#define I_LEAPC "2012-02-29 c" /* 14 on 2026-03-01, 16 on 2028-02-29 */
#define I_LEAPS "2012-02-29 s" /* 15 on 2027-03-01 */
#define I_LEAP8 "2008-02-29 n" /* 18 on 2026-03-01 */
/* US summer evening window in other years. */
#define I_US25  "2010-10-01 c" /* 14 in September 2025 */
#define I_US26  "2011-10-01 c" /* 14 in September 2026 */
#define I_US28  "2013-01-01 c" /* 15 in 2028 */
#define I_UKS14 "2012-09-01 c" /* UK child, 14 in the summer of 2027 */

#define I_EU "jur=EU tz=Europe/Berlin "
#define I_US "jur=US-FLSA tz=America/New_York "
#define I_UK "jur=UK tz=Europe/London "

/* Seven hours with a 30 min break (EU child, NO-style) on one date. */
#define I_7H(d)   d "T09:00-12:30 " d "T13:00-16:30 "
/* Eight hours with a 30 min break. */
#define I_8H(d)   d "T08:00-12:00 " d "T12:30-16:30 "
/* UK child: five hours with a 1 h break; seven (15+) with a 1 h break. */
#define I_UK5H(d) d "T09:00-11:00 " d "T12:00-15:00 "
#define I_UK7H(d) d "T09:00-12:00 " d "T13:00-17:00 "
/* Adult: twelve hours with a 30 min break, 07:00-19:30. */
#define I_12H(d)  d "T07:00-13:00 " d "T13:30-19:30 "

/* Weekly rest across the spring change: Mon-Thu 22-25 March 16-17, Fri
 * 26 March 16-18; Sunday 28 March 19:00 CEST is 48 h of real time after
 * Friday 18:00 CET (49 h of wall clock). */
#define I_WR_SPRING                                                            \
	"2027-03-22T16:00-17:00 2027-03-23T16:00-17:00 "                       \
	"2027-03-24T16:00-17:00 2027-03-25T16:00-17:00 "                       \
	"2027-03-26T16:00-18:00 "
/* Same, Friday 16-20: Sunday 08:00 CEST is 35 h after Friday 20:00 CET. */
#define I_WR35_SPRING                                                          \
	"2027-03-22T16:00-17:00 2027-03-23T16:00-17:00 "                       \
	"2027-03-24T16:00-17:00 2027-03-25T16:00-17:00 "                       \
	"2027-03-26T16:00-20:00 "
/* Weekly rest in January: Mon-Thu 16-17, Fri 16-18; Sunday 18:00 = 48 h. */
#define I_WR48                                                                 \
	"2027-01-04T16:00-17:00 2027-01-05T16:00-17:00 "                       \
	"2027-01-06T16:00-17:00 2027-01-07T16:00-17:00 "                       \
	"2027-01-08T16:00-18:00 "
/* School days 15-19 February 2027 (the week before the winter holiday),
 * one hour (EU/UK) or three hours (US) after school. */
#define I_FEB_1H                                                               \
	"2027-02-15T16:00-17:00 2027-02-16T16:00-17:00 "                       \
	"2027-02-17T16:00-17:00 2027-02-18T16:00-17:00 "
#define I_FEB_3H                                                               \
	"2027-02-15T15:00-18:00 2027-02-16T15:00-18:00 "                       \
	"2027-02-17T15:00-18:00 2027-02-18T15:00-18:00 "                       \
	"2027-02-19T15:00-18:00 "
/* The last school week, Mon 14 - Fri 18 June 2027. */
#define I_JUN_1H                                                               \
	"2027-06-14T16:00-17:00 2027-06-15T16:00-17:00 "                       \
	"2027-06-16T16:00-17:00 2027-06-17T16:00-17:00 "                       \
	"2027-06-18T16:00-17:00 "
#define I_JUN_3H                                                               \
	"2027-06-14T15:00-18:00 2027-06-15T15:00-18:00 "                       \
	"2027-06-16T15:00-18:00 2027-06-17T15:00-18:00 "                       \
	"2027-06-18T15:00-18:00 "
/* US: Mon-Fri 4-8 January 2027, 15:00-18:00 (15 h in a session week). */
#define I_JAN_3H                                                               \
	"2027-01-04T15:00-18:00 2027-01-05T15:00-18:00 "                       \
	"2027-01-06T15:00-18:00 2027-01-07T15:00-18:00 "                       \
	"2027-01-08T15:00-18:00 "
/* EU/UK: Mon-Fri 4-8 January 2027, 16:00-18:00 (10 h). */
#define I_JAN_2H                                                               \
	"2027-01-04T16:00-18:00 2027-01-05T16:00-18:00 "                       \
	"2027-01-06T16:00-18:00 2027-01-07T16:00-18:00 "                       \
	"2027-01-08T16:00-18:00 "
/* First summer week without school, Mon 21 - Fri 25 June 2027. */
#define I_SUMMER_WEEK(F)                                                       \
	F("2027-06-21")                                                        \
	F("2027-06-22") F("2027-06-23") F("2027-06-24") F("2027-06-25")
/* US: 09:00-17:00 on one date. */
#define I_US8H(d) d "T09:00-17:00 "

static const struct rules_tcase rules_law_intl_cases[] = {
    /* ====================== EU: children (94/33/EC) ===================== */
    /* Art. 4(2)(c) with the national option of 13 (switch 6b). */
    {"EU-94-33-4-2", I_TO13, "2027-01-05T16:00-17:00", "",
        I_EU "min_age_light_work=13", "EU-94-33-4-2"},
    {"EU-94-33-4-2", I_TO13, "2027-01-06T16:00-17:00", "",
        I_EU "min_age_light_work=13", ""},
    /* A3: 29 February counts as 1 March; under 14 on 28 Feb 2026. */
    {"EU-94-33-4-2", I_LEAPC, "2026-02-28T10:00-12:00", "", I_EU,
        "EU-94-33-4-2"},
    {"EU-94-33-4-2", I_LEAPC, "2026-03-01T10:00-12:00", "", I_EU, ""},
    /* Art. 8(1)(b) 7 h absolute maximum on a Sunday in a term-time week. */
    {"EU-94-33-8-1b-max", I_C14, I_7H("2027-01-10"), "", I_EU, ""},
    {"EU-94-33-8-1b-max", I_C14,
        "2027-01-10T09:00-12:30 2027-01-10T13:00-16:31", "", I_EU,
        "EU-94-33-8-1b-max"},
    /* A5: a public holiday on a weekday inside a term is not a school day:
     * no lesson hours, no 2 h cap, but still the 7 h maximum of a
     * term-time week. */
    {"EU-94-33-8-1b-max", I_C14, I_7H("2027-01-06"), "",
        I_EU "holidays=2027-01-06", ""},
    {"EU-94-33-8-1b-max", I_C14,
        "2027-01-06T09:00-12:30 2027-01-06T13:00-16:31", "",
        I_EU "holidays=2027-01-06", "EU-94-33-8-1b-max"},
    {"EU-94-33-8-1b-day", I_C14, "2027-01-06T10:00-13:00", "",
        I_EU "holidays=2027-01-06", ""},
    {"EU-94-33-8-1b-day", I_C14, "2027-01-06T10:00-13:00", "", I_EU,
        "EU-94-33-8-1b-day EU-94-33-8-1b-school-hours"},
    /* A5: the weekend before a holiday week sits in a term-time week
     * (12 h), the weekend at its end in the lesson-free week. */
    {"EU-94-33-8-1b-week", I_C14,
        I_7H("2027-02-20") "2027-02-21T10:00-12:00 2027-02-21T12:30-15:30", "",
        I_EU, ""},
    {"EU-94-33-8-1b-week", I_C14,
        I_7H("2027-02-20") "2027-02-21T10:00-12:00 2027-02-21T12:30-15:31", "",
        I_EU, "EU-94-33-8-1b-week"},
    /* Term end: Saturday 19 June is still in the 12 h week. */
    {"EU-94-33-8-1b-week", I_C14,
        I_7H("2027-06-19") "2027-06-20T10:00-12:00 2027-06-20T12:30-15:31", "",
        I_EU, "EU-94-33-8-1b-week"},
    /* Art. 8(1)(c): first summer week without school, 35 h. */
    {"EU-94-33-8-1c-week", I_C14, I_SUMMER_WEEK(I_7H), "", I_EU, ""},
    {"EU-94-33-8-1c-week", I_C14, I_SUMMER_WEEK(I_7H) "2027-06-27T16:30-16:31",
        "", I_EU, "EU-94-33-8-1c-week"},
    /* Other employers (Art. 8(4), A12) count in the term-time week. */
    {"EU-94-33-8-4", I_C14, I_JAN_2H, "2027-01-09T10:00-12:00", I_EU, ""},
    {"EU-94-33-8-4", I_C14, I_JAN_2H, "2027-01-09T10:00-12:01", I_EU,
        "EU-94-33-8-1b-week"},
    /* Art. 8(1)(c) raised to 8 h for 15+ (switch): the weekend at the end
     * of the holiday week is in the lesson-free week. */
    {"EU-94-33-8-1c-day", I_C15, I_8H("2027-02-27"), "",
        I_EU "raise_limits_for_15=1", ""},
    {"EU-94-33-8-1c-day", I_C15,
        "2027-02-27T08:00-12:00 2027-02-27T12:30-16:31", "",
        I_EU "raise_limits_for_15=1", "EU-94-33-8-1c-day"},
    /* A3: the raised day limit starts on the 15th birthday (Wed 24 Feb). */
    {"EU-94-33-8-1c-day", I_TO15C, I_8H("2027-02-23"), "",
        I_EU "raise_limits_for_15=1", "EU-94-33-8-1c-day"},
    {"EU-94-33-8-1c-day", I_TO15C, I_8H("2027-02-24"), "",
        I_EU "raise_limits_for_15=1", ""},
    /* JC (A3): the week of the 15th birthday.  7 h Mon-Tue at 14, 8 h
     * Wed-Fri at 15: 38 h.  The reference keeps the younger rules for a
     * whole week ("a child week cap applies to a calendar week if the
     * person is a child on any day of it"; "this keeps the protection one
     * day longer"), so the 35 h cap of a child under 15 holds for the
     * week.  The other reading (40 h, since she is 15 for most of it)
     * would pass. */
    {"EU-94-33-8-1c-week JC", I_TO15C,
        I_7H("2027-02-22") I_7H("2027-02-23") I_8H("2027-02-24")
            I_8H("2027-02-25") I_8H("2027-02-26"),
        "", I_EU "raise_limits_for_15=1", "EU-94-33-8-1c-week"},
    /* Art. 8(1)(d): under 15 and not at school, 7 h / 35 h in any week,
     * no lesson hours. */
    {"EU-94-33-8-1d ~", I_N14,
        I_7H("2027-01-04") I_7H("2027-01-05") I_7H("2027-01-06")
            I_7H("2027-01-07") I_7H("2027-01-08"),
        "", I_EU, ""},
    {"EU-94-33-8-1d ~", I_N14,
        I_7H("2027-01-04") I_7H("2027-01-05") I_7H("2027-01-06")
            I_7H("2027-01-07") I_7H("2027-01-08") "2027-01-10T16:30-16:31",
        "", I_EU, "EU-94-33-8-1d"},
    /* Art. 9(1)(a): a 15-year-old at compulsory school is a child. */
    {"EU-94-33-9-1a", I_C15, "2027-01-09T18:00-20:01", "", I_EU,
        "EU-94-33-9-1a"},
    {"EU-94-33-9-1a", I_C14, "2027-01-09T06:00-08:00", "", I_EU, ""},
    /* A3: a secondary pupil under 15 is a child; an adolescent on the
     * 15th birthday. */
    {"EU-94-33-9-1a", I_TO15S, "2027-01-05T20:00-21:00", "", I_EU,
        "EU-94-33-9-1a"},
    {"EU-94-33-9-1a", I_TO15S, "2027-01-06T20:00-22:00", "", I_EU, ""},
    /* A3: 29 February 2012, secondary: 14 on Sunday 28 Feb 2027, 15 on
     * Monday 1 March. */
    {"EU-94-33-9-1a ~", I_LEAPS, "2027-02-28T20:00-21:00", "", I_EU,
        "EU-94-33-9-1a"},
    {"EU-94-33-9-1a ~", I_LEAPS, "2027-03-01T20:00-21:00", "", I_EU, ""},
    /* Art. 10(1)(a): 14 h rest in real time over DST (A13). */
    {"EU-94-33-10-1a", I_C14, "2027-03-27T16:00-18:00 2027-03-28T09:00-10:00",
        "", I_EU, ""},
    {"EU-94-33-10-1a", I_C14, "2027-03-27T16:00-18:00 2027-03-28T08:59-10:00",
        "", I_EU, "EU-94-33-10-1a"},
    {"EU-94-33-10-1a", I_C14, "2027-10-30T16:00-18:00 2027-10-31T07:00-09:00",
        "", I_EU, ""},
    {"EU-94-33-10-1a", I_C14, "2027-10-30T16:00-18:00 2027-10-31T06:59-09:00",
        "", I_EU, "EU-94-33-10-1a"},
    /* A6: the rest window anchored at a 06:00 start ends at 06:00 next
     * day, so a split day must end by 16:00. */
    {"EU-94-33-10-1a", I_C14, "2027-01-09T06:00-08:00 2027-01-09T14:00-16:00",
        "", I_EU, ""},
    {"EU-94-33-10-1a", I_C14, "2027-01-09T06:00-08:00 2027-01-09T14:00-16:01",
        "", I_EU, "EU-94-33-10-1a"},
    /* Art. 10(2): weekly rest for children too. */
    {"EU-94-33-10-2", I_C14, I_WR48 "2027-01-10T18:00-19:00", "", I_EU, ""},
    {"EU-94-33-10-2", I_C14, I_WR48 "2027-01-10T17:59-19:00", "", I_EU,
        "EU-94-33-10-2"},
    /* Art. 12 (~) for a child: a 30 min gap is the break. */
    {"EU-94-33-12 ~", I_C14, "2027-01-09T09:00-12:00 2027-01-09T12:30-14:01",
        "", I_EU, ""},
    {"EU-94-33-12 ~", I_C14, "2027-01-09T09:00-12:00 2027-01-09T12:29-14:00",
        "", I_EU, "EU-94-33-12"},

    /* A5: a holiday range shorter than a week (Wed-Fri) leaves a term-time
     * week: 7 h maximum per day and 12 h for the week, not Art. 8(1)(c). */
    {"EU-94-33-12 ~", I_C14, I_7H("2027-01-06") "2027-01-07T10:00-15:00", "",
        I_EU "sholidays=2027-01-06/2027-01-08", "EU-94-33-12"},
    {"EU-94-33-8-1b-week", I_C14,
        I_7H("2027-01-06") "2027-01-07T10:00-12:00 2027-01-07T12:30-15:30", "",
        I_EU "sholidays=2027-01-06/2027-01-08", ""},
    {"EU-94-33-8-1b-week", I_C14,
        I_7H("2027-01-06") "2027-01-07T10:00-12:00 2027-01-07T12:30-15:31", "",
        I_EU "sholidays=2027-01-06/2027-01-08", "EU-94-33-8-1b-week"},
    /* A12: the rest window anchored at another employer's shift. */
    {"EU-94-33-10-1a", I_C14, "2027-01-09T07:59-09:00",
        "2027-01-08T16:00-18:00", I_EU, "EU-94-33-10-1a"},
    {"EU-94-33-10-1a", I_C14, "2027-01-09T08:00-09:00",
        "2027-01-08T16:00-18:00", I_EU, ""},

    /* ==================== EU: adolescents (94/33/EC) ==================== */
    /* Art. 8(1)(b) lesson hours bind children only. */
    {"EU-94-33-8-1b-school-hours", I_Y16, "2027-01-05T10:00-12:00", "", I_EU,
        ""},
    /* Art. 8(2), 8(4): other employers in the day and week. */
    {"EU-94-33-8-2-day", I_Y16, "2027-01-09T08:00-12:00",
        "2027-01-09T12:30-16:31", I_EU, "EU-94-33-8-2-day"},
    {"EU-94-33-8-2-week", I_Y16,
        I_8H("2027-02-22") I_8H("2027-02-23") I_8H("2027-02-24")
            I_8H("2027-02-25") "2027-02-26T08:00-12:00",
        "2027-02-26T12:30-16:30", I_EU, ""},
    {"EU-94-33-8-2-week", I_Y16,
        I_8H("2027-02-22") I_8H("2027-02-23") I_8H("2027-02-24")
            I_8H("2027-02-25") "2027-02-26T08:00-12:00",
        "2027-02-26T12:30-16:31", I_EU, "EU-94-33-8-2-day EU-94-33-8-2-week"},
    /* Art. 9(1)(b), switch adolescent_night_window. */
    {"EU-94-33-9-1b", I_Y16, "2027-01-09T06:00-08:00", "",
        I_EU "adolescent_night_window=22:00-06:00", ""},
    {"EU-94-33-9-1b", I_Y16, "2027-01-09T21:00-22:01", "",
        I_EU "adolescent_night_window=22:00-06:00", "EU-94-33-9-1b"},
    {"EU-94-33-9-1b", I_Y16, "2027-01-09T06:30-08:00", "",
        I_EU "adolescent_night_window=23:00-07:00", "EU-94-33-9-1b"},
    {"EU-94-33-9-1b", I_Y16, "2027-01-09T22:00-23:01", "",
        I_EU "adolescent_night_window=23:00-07:00", "EU-94-33-9-1b"},
    /* JC (A16), asserted as the engine reads it.  The reference is split:
     * section 6b gives the switch the default "22:00-06:00" (and the
     * product brief says an absent switch takes that default), while the
     * EU-94-33-9-1b row and A16 say to use the union 22:00-07:00 when the
     * member state is unknown.  The engine takes the 6b default, so with
     * the switch absent 06:00-07:00 is allowed; under the union reading
     * the first two rows below would fail EU-94-33-9-1b.  Set the switch
     * to "23:00-07:00" when the member state is not known to be a
     * 22:00-06:00 state (docs/rules.md). */
    {"EU-94-33-9-1b JC", I_Y16, "2027-01-09T06:00-08:00", "", I_EU, ""},
    {"EU-94-33-9-1b JC", I_Y16, "2027-01-09T06:30-08:00", "", I_EU, ""},
    {"EU-94-33-9-1b", I_Y16, "2027-01-09T05:59-06:00", "", I_EU,
        "EU-94-33-9-1b"},
    {"EU-94-33-9-1b", I_Y16, "2027-01-09T20:00-22:00", "", I_EU, ""},
    {"EU-94-33-9-1b", I_Y16, "2027-01-09T20:00-22:01", "", I_EU,
        "EU-94-33-9-1b"},
    /* A3: 18 on Saturday 9 Jan; adults have no night ban in the EU
     * profile (2003/88 Art. 8 is about night workers' length). */
    {"EU-94-33-9-1b", I_TO18, "2027-01-08T21:00-22:01", "", I_EU,
        "EU-94-33-9-1b"},
    {"EU-94-33-9-1b", I_TO18, "2027-01-09T22:00-23:00", "", I_EU, ""},
    /* A3: the category is fixed at the start, so a shift over the
     * birthday midnight keeps the adolescent's night ban. */
    {"EU-94-33-9-1b", I_TO18, "2027-01-08T23:30-00:30", "", I_EU,
        "EU-94-33-9-1b"},
    {"EU-94-33-9-1b", I_TO18, "2027-01-09T00:00-01:00", "", I_EU, ""},
    /* A3: 29 February 2008, 18 on 1 March 2026. */
    {"EU-94-33-9-1b ~", I_LEAP8, "2026-02-28T21:00-23:00", "", I_EU,
        "EU-94-33-9-1b"},
    {"EU-94-33-9-1b ~", I_LEAP8, "2026-03-01T21:00-23:00", "", I_EU, ""},
    /* A3: a rest window anchored at a shift worked at 17 keeps the 12 h;
     * the same pattern between two adult shifts needs 11 h. */
    {"EU-94-33-10-1b", I_TO18, "2027-01-08T16:00-20:00 2027-01-09T07:30-09:00",
        "", I_EU, "EU-94-33-10-1b"},
    {"EU-2003-88-3 ~", I_TO18, "2027-01-09T16:00-20:00 2027-01-10T07:30-09:00",
        "", I_EU, ""},
    /* A3: the rolling 24 h anchored at Friday's shift (worked at 17)
     * keeps the 8 h cap into Saturday, when she is 18. */
    {"EU-94-33-8-2-day", I_TO18,
        "2027-01-08T10:00-14:00 2027-01-08T14:30-18:30 "
        "2027-01-09T06:30-07:00",
        "", I_EU, "EU-94-33-8-2-day"},
    {"EU-94-33-8-2-day", I_TO18,
        "2027-01-08T10:00-14:00 2027-01-08T14:30-18:30 "
        "2027-01-09T10:00-12:00",
        "", I_EU, ""},
    /* Art. 10(1)(b): 12 h in real time over DST (A13). */
    {"EU-94-33-10-1b", I_Y16, "2027-03-27T16:00-20:00 2027-03-28T09:00-10:00",
        "", I_EU, ""},
    {"EU-94-33-10-1b", I_Y16, "2027-03-27T16:00-20:00 2027-03-28T08:59-10:00",
        "", I_EU, "EU-94-33-10-1b"},
    {"EU-94-33-10-1b", I_Y16, "2027-10-30T17:00-21:00 2027-10-31T08:00-10:00",
        "", I_EU, ""},
    {"EU-94-33-10-1b", I_Y16, "2027-10-30T17:00-21:00 2027-10-31T07:59-10:00",
        "", I_EU, "EU-94-33-10-1b"},
    /* A6: split day inside one 24 h window. */
    {"EU-94-33-10-1b", I_Y16, "2027-01-09T07:00-09:00 2027-01-09T17:00-19:00",
        "", I_EU, ""},
    {"EU-94-33-10-1b", I_Y16, "2027-01-09T07:00-09:00 2027-01-09T17:00-19:01",
        "", I_EU, "EU-94-33-10-1b"},
    /* A12: other work before the rest counts. */
    {"EU-94-33-10-1b", I_Y16, "2027-01-09T07:59-09:00",
        "2027-01-08T16:00-20:00", I_EU, "EU-94-33-10-1b"},
    /* Art. 10(2): 48 h in real time over the spring change. */
    {"EU-94-33-10-2", I_Y16, I_WR_SPRING "2027-03-28T19:00-20:00", "", I_EU,
        ""},
    {"EU-94-33-10-2", I_Y16, I_WR_SPRING "2027-03-28T18:00-19:00", "", I_EU,
        "EU-94-33-10-2"},
    /* Art. 12 (~): one block of 30 min (A7c); other work counts. */
    {"EU-94-33-12 ~", I_Y16, "2027-01-09T09:00-12:00 2027-01-09T12:30-15:00",
        "", I_EU, ""},
    {"EU-94-33-12 ~", I_Y16, "2027-01-09T09:00-12:00 2027-01-09T12:29-15:00",
        "", I_EU, "EU-94-33-12"},
    {"EU-94-33-12 ~", I_Y16,
        "2027-01-09T09:00-11:00 2027-01-09T11:15-13:00 "
        "2027-01-09T13:15-15:00",
        "", I_EU, "EU-94-33-12"},
    {"EU-94-33-12 ~", I_Y16, "2027-01-09T09:00-12:00", "2027-01-09T12:00-13:31",
        I_EU, "EU-94-33-12"},

    /* A1/A2/A13: the rolling 24 h is real time.  Autumn: from Saturday
     * 10:00 summer time it ends at 09:00 winter time on Sunday; spring:
     * from Saturday 10:00 winter time it ends at 11:00 summer time. */
    {"EU-94-33-8-2-day", I_Y16,
        "2027-10-30T10:00-14:00 2027-10-30T14:30-18:30 "
        "2027-10-31T09:00-09:30",
        "", I_EU, ""},
    {"EU-94-33-8-2-day", I_Y16,
        "2027-10-30T10:00-14:00 2027-10-30T14:30-18:30 "
        "2027-10-31T08:59-09:30",
        "", I_EU, "EU-94-33-8-2-day"},
    {"EU-94-33-8-2-day", I_Y16,
        "2027-03-27T10:00-14:00 2027-03-27T14:30-18:30 "
        "2027-03-28T10:30-11:00",
        "", I_EU, "EU-94-33-8-2-day"},
    {"EU-94-33-8-2-day", I_Y16,
        "2027-03-27T10:00-14:00 2027-03-27T14:30-18:30 "
        "2027-03-28T11:00-11:30",
        "", I_EU, ""},

    /* ==================== EU: 18-19 (2003/88/EC, ~) ===================== */
    {"EU-2003-88 ~", I_A18, "2027-01-09T22:00-02:00", "", I_EU, ""},
    /* A2: a shift over midnight is one work day for the break rule. */
    {"EU-2003-88-4 ~", I_A18, "2027-01-09T20:00-02:00", "", I_EU, ""},
    {"EU-2003-88-4 ~", I_A18, "2027-01-09T20:00-02:01", "", I_EU,
        "EU-2003-88-4"},
    /* JC (reference, "work day"): shifts are grouped by their start date,
     * so 20:00-23:50 and 00:00-03:00 are two work days of under 6 h and
     * need no break, though the night is one working period of 6 h 50
     * with a 10 min gap.  Asserted as the reference defines it. */
    {"EU-2003-88-4 JC", I_A18, "2027-01-09T20:00-23:50 2027-01-10T00:00-03:00",
        "", I_EU, ""},
    /* Art. 3: 11 h in real time over the spring change. */
    {"EU-2003-88-3 ~", I_A18, "2027-03-27T16:00-22:00 2027-03-28T10:00-12:00",
        "", I_EU, ""},
    {"EU-2003-88-3 ~", I_A18, "2027-03-27T16:00-22:00 2027-03-28T09:59-12:00",
        "", I_EU, "EU-2003-88-3"},
    /* Art. 4 (~, 20 min policy): a break once the day exceeds 6 h. */
    {"EU-2003-88-4 ~", I_A18, "2027-01-09T09:00-12:00 2027-01-09T12:20-15:21",
        "", I_EU, ""},
    {"EU-2003-88-4 ~", I_A18, "2027-01-09T09:00-12:00 2027-01-09T12:19-15:20",
        "", I_EU, "EU-2003-88-4"},
    /* Art. 5 (~): 35 h in real time over the spring change. */
    {"EU-2003-88-5 ~", I_A18, I_WR35_SPRING "2027-03-28T08:00-09:00", "", I_EU,
        ""},
    {"EU-2003-88-5 ~", I_A18, I_WR35_SPRING "2027-03-28T07:59-09:00", "", I_EU,
        "EU-2003-88-5"},
    /* Art. 6 (~/?): every rolling 7 days, across two ISO weeks. */
    {"EU-2003-88-6 ~", I_A18,
        I_12H("2027-01-09") I_12H("2027-01-10") I_12H("2027-01-11")
            I_12H("2027-01-12"),
        "", I_EU, ""},
    {"EU-2003-88-6 ~", I_A18,
        I_12H("2027-01-09") I_12H("2027-01-10") I_12H("2027-01-11")
            I_12H("2027-01-12") "2027-01-13T07:00-07:01",
        "", I_EU, "EU-2003-88-6"},

    /* ========================= US-FLSA (29 CFR 570) ===================== */
    /* 570.2: under 14; 29 February counts as 1 March (A3). */
    {"US-CFR-570-2 ~", I_LEAPC, "2026-02-28T10:00-12:00", "", I_US,
        "US-CFR-570-2"},
    {"US-CFR-570-2 ~", I_LEAPC, "2026-03-01T10:00-12:00", "", I_US, ""},
    /* 570.35(a)(5): 3 h on a school day, split and with other work. */
    {"US-CFR-570-35-a5", I_C14, "2027-01-05T15:00-16:30 2027-01-05T17:00-18:30",
        "", I_US, ""},
    {"US-CFR-570-35-a5", I_C14, "2027-01-05T15:00-16:30 2027-01-05T17:00-18:31",
        "", I_US, "US-CFR-570-35-a5"},
    {"US-CFR-570-35-a5", I_C14, "2027-01-05T15:00-17:00",
        "2027-01-05T17:00-18:01", I_US, "US-CFR-570-35-a5"},
    /* 570.35(b)(1), A5: "outside school hours" is judged by the local
     * public school district's session, not by the minor's own schooling,
     * so a 14-year-old not enrolled anywhere (school: none) is bound by
     * the same hours. */
    {"US-CFR-570-35-a1", I_N14, "2027-01-05T10:00-12:00", "", I_US,
        "US-CFR-570-35-a1"},
    {"US-CFR-570-35-a1", I_N14, "2027-01-05T14:30-16:30", "", I_US, ""},
    {"US-CFR-570-35-a1", I_N14, "2027-01-09T10:00-12:00", "", I_US, ""},
    /* A5: a public holiday on a weekday in a term is not a session day:
     * 8 h and no school hours (a1); without it, school hours bind. */
    {"US-CFR-570-35-a4", I_C14, I_US8H("2027-01-18"), "",
        I_US "holidays=2027-01-18", ""},
    {"US-CFR-570-35-a4", I_C14, "2027-01-18T09:00-17:01", "",
        I_US "holidays=2027-01-18", "US-CFR-570-35-a4"},
    {"US-CFR-570-35-a1", I_C14, "2027-01-18T09:00-12:00", "", I_US,
        "US-CFR-570-35-a1"},
    /* 570.35(a)(3): the week of the last school day (Fri 18 June) is a
     * school week through Saturday 19 June (Sunday workweek). */
    {"US-CFR-570-35-a3", I_C14, I_JUN_3H "2027-06-19T10:00-13:00", "", I_US,
        ""},
    {"US-CFR-570-35-a3", I_C14, I_JUN_3H "2027-06-19T10:00-13:01", "", I_US,
        "US-CFR-570-35-a3"},
    /* Other employers count toward the 18 h. */
    {"US-CFR-570-35-a3", I_C14, I_JAN_3H, "2027-01-09T10:00-13:01", I_US,
        "US-CFR-570-35-a3"},
    /* 570.35(a)(2): 40 h in the first workweek without school. */
    {"US-CFR-570-35-a2", I_C14, I_SUMMER_WEEK(I_US8H), "", I_US, ""},
    {"US-CFR-570-35-a2", I_C14, I_SUMMER_WEEK(I_US8H) "2027-06-26T10:00-10:01",
        "", I_US, "US-CFR-570-35-a2"},
    /* A1: the workweek start decides the week type of Sunday 21 Feb: in
     * the holiday workweek (Sunday start) or in the school week before it
     * (Monday start). */
    {"US-CFR-570-35-a3", I_C14, I_FEB_3H "2027-02-21T10:00-13:01", "", I_US,
        ""},
    {"US-CFR-570-35-a3", I_C14, I_FEB_3H "2027-02-21T10:00-13:01", "",
        I_US "week_start=MON", "US-CFR-570-35-a3"},
    {"US-CFR-570-35-a3", I_C14, I_FEB_3H "2027-02-21T10:00-13:00", "",
        I_US "week_start=MON", ""},
    /* A1: a Saturday workweek, Sat 20 - Fri 26 Feb, has no session day
     * (40 h); with the Sunday workweek Sat 20 Feb is in a school week. */
    {"US-CFR-570-35-a2", I_C14,
        I_US8H("2027-02-20") I_US8H("2027-02-21") I_US8H("2027-02-22")
            I_US8H("2027-02-23") I_US8H("2027-02-24"),
        "", I_US "week_start=SAT", ""},
    {"US-CFR-570-35-a2", I_C14,
        I_US8H("2027-02-20") I_US8H("2027-02-21") I_US8H("2027-02-22")
            I_US8H("2027-02-23") I_US8H("2027-02-24") "2027-02-25T10:00-10:01",
        "", I_US "week_start=SAT", "US-CFR-570-35-a2"},
    {"US-CFR-570-35-a2", I_C14,
        I_US8H("2027-02-20") I_US8H("2027-02-21") I_US8H("2027-02-22")
            I_US8H("2027-02-23") I_US8H("2027-02-24") "2027-02-25T10:00-10:01",
        "", I_US, ""},
    /* A3 (US): 16 on Wed 24 Feb in a week without school: the daily cap
     * stops on the birthday, the 40 h covers the whole workweek. */
    {"US-CFR-570-35-a4", I_TO16H, "2027-02-23T09:00-17:01", "", I_US,
        "US-CFR-570-35-a4"},
    {"US-CFR-570-35-a4", I_TO16H, "2027-02-24T09:00-20:00", "", I_US, ""},
    {"US-CFR-570-35-a2 ~", I_TO16H,
        I_US8H("2027-02-22") I_US8H("2027-02-23") I_US8H("2027-02-24")
            I_US8H("2027-02-25") I_US8H("2027-02-26"),
        "", I_US, ""},
    {"US-CFR-570-35-a2 ~", I_TO16H,
        I_US8H("2027-02-22") I_US8H("2027-02-23") I_US8H("2027-02-24")
            I_US8H("2027-02-25") I_US8H("2027-02-26") "2027-02-27T10:00-10:01",
        "", I_US, "US-CFR-570-35-a2"},
    /* 16th birthday on a school day: time-of-day and school hours stop. */
    {"US-CFR-570-35-a6", I_TO16, "2027-01-05T19:00-19:01", "", I_US,
        "US-CFR-570-35-a6"},
    {"US-CFR-570-35-a6", I_TO16, "2027-01-06T19:00-22:00", "", I_US, ""},
    {"US-CFR-570-35-a1", I_TO16, "2027-01-05T14:29-15:00", "", I_US,
        "US-CFR-570-35-a1"},
    {"US-CFR-570-35-a1", I_TO16, "2027-01-06T10:00-12:00", "", I_US, ""},
    /* 16 on 29 February 2028 (a leap year: the real date). */
    {"US-CFR-570-35-a6 ~", I_LEAPC, "2028-02-28T19:00-20:00", "", I_US,
        "US-CFR-570-35-a6"},
    {"US-CFR-570-35-a6 ~", I_LEAPC, "2028-02-29T19:00-20:00", "", I_US, ""},
    /* 570.35(a)(6) summer: 21:00 on school days in June too, 07:00 start
     * all summer; 8 h to 21:00 on a July day. */
    {"US-CFR-570-35-a6", I_C14, "2027-06-07T18:00-21:00", "", I_US, ""},
    {"US-CFR-570-35-a6", I_C14, "2027-06-07T18:01-21:01", "", I_US,
        "US-CFR-570-35-a6"},
    {"US-CFR-570-35-a6", I_C14, "2027-07-06T06:59-08:00", "", I_US,
        "US-CFR-570-35-a6"},
    {"US-CFR-570-35-a4", I_C14, "2027-07-06T13:00-21:00", "", I_US, ""},
    {"US-CFR-570-35-a4", I_C14, "2027-07-06T13:00-21:01", "", I_US,
        "US-CFR-570-35-a4 US-CFR-570-35-a6"},
    {"US-CFR-570-35-a6", I_C14, "2027-05-31T18:00-19:00", "", I_US, ""},
    /* Labor Day is the first Monday of September in every year. */
    {"US-CFR-570-35-a6", I_US25, "2025-08-31T18:00-21:00", "", I_US, ""},
    {"US-CFR-570-35-a6", I_US25, "2025-09-01T18:00-21:00", "", I_US, ""},
    {"US-CFR-570-35-a6", I_US25, "2025-09-02T18:00-21:00", "", I_US,
        "US-CFR-570-35-a6"},
    {"US-CFR-570-35-a6", I_US26, "2026-09-07T18:00-21:00", "", I_US, ""},
    {"US-CFR-570-35-a6", I_US26, "2026-09-08T18:00-21:00", "", I_US,
        "US-CFR-570-35-a6"},
    {"US-CFR-570-35-a6", I_US28, "2028-09-04T18:00-21:00", "", I_US, ""},
    {"US-CFR-570-35-a6", I_US28, "2028-09-05T18:00-21:00", "", I_US,
        "US-CFR-570-35-a6"},
    /* No federal rest, break or hour rules for 14-15 beyond 570.35, none
     * at all for 16-19. */
    {"US no rest rule", I_C14, "2027-01-09T16:00-19:00 2027-01-10T07:00-10:00",
        "", I_US, ""},
    {"US no weekly rest", I_C14,
        "2027-06-20T10:00-15:00 2027-06-21T10:00-15:00 "
        "2027-06-22T10:00-15:00 2027-06-23T10:00-15:00 "
        "2027-06-24T10:00-15:00 2027-06-25T10:00-15:00 "
        "2027-06-26T10:00-15:00",
        "", I_US, ""},
    {"US 16-17", I_Y16, "2027-01-05T10:00-12:00", "", I_US, ""},
    {"US 18+", I_A18, "2027-01-09T00:00-23:00", "", I_US, ""},

    /* ========================= UK: children (CYPA s.18) ================= */
    {"UK-CYPA-18-1a", I_TO14, "2027-01-05T16:00-17:00", "", I_UK,
        "UK-CYPA-18-1a"},
    /* A3: 29 February 2012: 13 on Saturday 28 Feb 2026, 14 on Sunday. */
    {"UK-CYPA-18-1a ~", I_LEAPC, "2026-02-28T10:00-12:00", "", I_UK,
        "UK-CYPA-18-1a"},
    {"UK-CYPA-18-1a ~", I_LEAPC, "2026-03-01T10:00-12:00", "", I_UK, ""},
    /* s.18(1)(b): only school days; 07:00 is allowed on other days. */
    {"UK-CYPA-18-1b", I_C14, "2027-01-09T07:00-09:00", "", I_UK, ""},
    {"UK-CYPA-18-1b", I_C14, "2027-02-23T07:15-08:15", "", I_UK, ""},
    {"UK-CYPA-18-1b", I_C14, "2027-01-06T07:15-08:15", "",
        I_UK "holidays=2027-01-06", ""},
    /* s.18(1)(c) on a Sunday. */
    {"UK-CYPA-18-1c", I_C14, "2027-01-10T07:00-09:00", "", I_UK, ""},
    {"UK-CYPA-18-1c", I_C14, "2027-01-10T06:59-08:59", "", I_UK,
        "UK-CYPA-18-1c"},
    /* s.18(1)(d) with other work. */
    {"UK-CYPA-18-1d", I_C14, "2027-01-05T16:00-17:00", "2027-01-05T17:00-18:01",
        I_UK, "UK-CYPA-18-1d"},
    /* A5: a public holiday on a weekday in term is a non-school day other
     * than Sunday: 5 h under 15. */
    {"UK-CYPA-18-1g", I_C14, I_UK5H("2027-01-06"), "",
        I_UK "holidays=2027-01-06", ""},
    {"UK-CYPA-18-1g", I_C14, "2027-01-06T09:00-11:00 2027-01-06T12:00-15:01",
        "", I_UK "holidays=2027-01-06", "UK-CYPA-18-1g"},
    /* 15+: 8 h on a holiday weekday. */
    {"UK-CYPA-18-1g", I_C15, "2027-02-23T08:00-12:00 2027-02-23T13:00-17:00",
        "", I_UK, ""},
    {"UK-CYPA-18-1g", I_C15, "2027-02-23T08:00-12:00 2027-02-23T13:00-17:01",
        "", I_UK, "UK-CYPA-18-1g"},
    /* A3: 15 on the Saturday (8 h) or the day after (5 h). */
    {"UK-CYPA-18-1g", I_TO15W, "2027-01-09T08:00-12:00 2027-01-09T13:00-17:00",
        "", I_UK, ""},
    {"UK-CYPA-18-1g", I_TO15X, "2027-01-09T08:00-12:00 2027-01-09T13:00-17:00",
        "", I_UK, "UK-CYPA-18-1g"},
    /* s.18(1)(e): 2 h on every Sunday, also in a holiday week, at 15+. */
    {"UK-CYPA-18-1e", I_C14, "2027-02-28T10:00-12:00", "", I_UK, ""},
    {"UK-CYPA-18-1e", I_C14, "2027-02-28T10:00-12:01", "", I_UK,
        "UK-CYPA-18-1e"},
    {"UK-CYPA-18-1e", I_C15, "2027-01-10T10:00-12:01", "", I_UK,
        "UK-CYPA-18-1e"},
    /* s.18(1)(da): the weekend before a holiday week is in the school
     * week. */
    {"UK-CYPA-18-1da", I_C14,
        I_FEB_1H
        "2027-02-19T16:00-17:00 " I_UK5H("2027-02-20") "2027-02-21T10:00-12:00",
        "", I_UK, ""},
    {"UK-CYPA-18-1da", I_C14,
        I_FEB_1H
        "2027-02-19T16:00-17:01 " I_UK5H("2027-02-20") "2027-02-21T10:00-12:00",
        "", I_UK, "UK-CYPA-18-1da"},
    /* Term end: Saturday 19 June in the school week (15 by then: 8 h). */
    {"UK-CYPA-18-1da", I_C14,
        I_JUN_1H "2027-06-19T09:00-12:00 2027-06-19T13:00-16:00 "
                 "2027-06-20T10:00-11:00",
        "", I_UK, ""},
    {"UK-CYPA-18-1da", I_C14,
        I_JUN_1H "2027-06-19T09:00-12:00 2027-06-19T13:00-16:00 "
                 "2027-06-20T10:00-11:01",
        "", I_UK, "UK-CYPA-18-1da"},
    /* s.18(1)(da) with other work. */
    {"UK-CYPA-18-1da", I_C14, I_JAN_2H, "2027-01-09T10:00-12:01", I_UK,
        "UK-CYPA-18-1da"},
    /* s.18(1)(h): first summer week, a child still 14: 25 h. */
    {"UK-CYPA-18-1h", I_UKS14, I_SUMMER_WEEK(I_UK5H), "", I_UK, ""},
    {"UK-CYPA-18-1h", I_UKS14, I_SUMMER_WEEK(I_UK5H) "2027-06-26T10:00-10:01",
        "", I_UK, "UK-CYPA-18-1h"},
    /* JC (A3): 15 on Wed 24 Feb in a holiday week.  5 h Mon-Tue at 14,
     * 7 h Wed-Fri at 15: 31 h.  Keeping the younger rules for the week
     * (as A3 does for child week caps) gives the under-15 cap of 25 h; the
     * other reading (35 h) would pass. */
    {"UK-CYPA-18-1h JC", I_TO15C,
        I_UK5H("2027-02-22") I_UK5H("2027-02-23") I_UK7H("2027-02-24")
            I_UK7H("2027-02-25") I_UK7H("2027-02-26"),
        "", I_UK, "UK-CYPA-18-1h"},
    /* s.18(1)(i): the rest break is one hour, not two half hours; other
     * work counts. */
    {"UK-CYPA-18-1i", I_C14,
        "2027-01-09T09:00-11:00 2027-01-09T11:30-13:00 "
        "2027-01-09T13:30-14:30",
        "", I_UK, "UK-CYPA-18-1i"},
    {"UK-CYPA-18-1i", I_C14, "2027-01-09T09:00-11:00", "2027-01-09T11:00-13:01",
        I_UK, "UK-CYPA-18-1i"},
    /* CYPA s.18 sets no daily rest for children (WTR regs 10-11 cover
     * young workers only): 12 h between Saturday and Sunday is allowed. */
    {"UK child no rest rule", I_C14,
        "2027-01-09T16:00-19:00 2027-01-10T07:00-09:00", "", I_UK, ""},
    /* s.18(1)(j) asks for two consecutive weeks without employment
     * "during a period in the school holidays" in each year; the
     * reference's row says "per year".  The engine takes any school
     * holiday of the calendar year (not only the summer): Saturdays every
     * 13 days in the summer are legal when another holiday of 2027 has
     * two free weeks; here 18-31 December 2027, after the last known term
     * (A14: no work is assumed beyond the data). */
    {"UK-CYPA-18-1j", I_C14,
        "2027-06-19T10:00-12:00 2027-07-02T10:00-12:00 "
        "2027-07-15T10:00-12:00 2027-07-28T10:00-12:00 "
        "2027-08-10T10:00-12:00",
        "", I_UK, ""},
    {"UK-CYPA-18-1j", I_C14,
        "2027-06-19T10:00-12:00 2027-07-04T10:00-12:00 "
        "2027-07-18T10:00-12:00 2027-08-01T10:00-12:00 "
        "2027-08-14T10:00-12:00",
        "", I_UK, ""},
    /* CWSA 2026 (switch): 1 h before school plus after school is within
     * 2 h; the Sunday is then an ordinary non-school day (5 h at 14). */
    {"UK-CYPA-18-1d", I_C14, "2027-01-05T07:15-08:15 2027-01-05T16:00-17:00",
        "", I_UK "cwsa_2026_in_force=1", ""},
    {"UK-CYPA-18-1d", I_C14, "2027-01-05T07:15-08:15 2027-01-05T16:00-17:01",
        "", I_UK "cwsa_2026_in_force=1", "UK-CYPA-18-1d"},
    {"UK-CYPA-18-1g", I_C14, I_UK5H("2027-01-10"), "",
        I_UK "cwsa_2026_in_force=1", ""},
    {"UK-CYPA-18-1g", I_C14, "2027-01-10T09:00-11:00 2027-01-10T12:00-15:01",
        "", I_UK "cwsa_2026_in_force=1", "UK-CYPA-18-1g"},
    {"UK-CYPA-18-1b", I_C14, "2027-01-09T07:00-09:00", "",
        I_UK "cwsa_2026_in_force=1", ""},

    /* ===================== UK: young workers (WTR, ~) =================== */
    /* Over compulsory school age: no lesson hours. */
    {"UK-CYPA-18-1b", I_Y16, "2027-01-05T10:00-12:00", "", I_UK, ""},
    {"UK-WTR-5A ~", I_Y16, "2027-01-09T08:00-12:00", "2027-01-09T12:30-16:31",
        I_UK, "UK-WTR-5A"},
    {"UK-WTR-6A ~", I_Y16, "2027-01-09T22:00-23:01", "",
        I_UK "young_night_window=23:00-07:00", "UK-WTR-6A"},
    {"UK-WTR-6A ~", I_Y16, "2027-01-09T06:00-08:00", "", I_UK, ""},
    /* A3: 18 on Saturday 9 Jan; the night shift over the birthday
     * midnight keeps the young worker's ban. */
    {"UK-WTR-6A ~", I_TO18, "2027-01-08T21:00-22:01", "", I_UK, "UK-WTR-6A"},
    {"UK-WTR-6A ~", I_TO18, "2027-01-09T22:00-23:00", "", I_UK, ""},
    {"UK-WTR-6A ~", I_TO18, "2027-01-08T23:30-00:30", "", I_UK, "UK-WTR-6A"},
    {"UK-WTR-5A ~", I_TO18,
        "2027-01-08T10:00-14:00 2027-01-08T14:30-18:30 "
        "2027-01-09T06:30-07:00",
        "", I_UK, "UK-WTR-5A"},
    {"UK-WTR-10-2 ~", I_TO18, "2027-01-08T16:00-20:00 2027-01-09T07:30-09:00",
        "", I_UK, "UK-WTR-10-2"},
    {"UK-WTR-10-1 ~", I_TO18, "2027-01-09T16:00-20:00 2027-01-10T07:30-09:00",
        "", I_UK, ""},
    /* reg 10(2): 12 h in real time over the autumn change; A6 split. */
    {"UK-WTR-10-2 ~", I_Y16, "2027-10-30T17:00-21:00 2027-10-31T08:00-10:00",
        "", I_UK, ""},
    {"UK-WTR-10-2 ~", I_Y16, "2027-10-30T17:00-21:00 2027-10-31T07:59-10:00",
        "", I_UK, "UK-WTR-10-2"},
    {"UK-WTR-10-2 ~", I_Y16, "2027-01-09T06:00-08:00 2027-01-09T16:00-18:00",
        "", I_UK, ""},
    {"UK-WTR-10-2 ~", I_Y16, "2027-01-09T06:00-08:00 2027-01-09T16:00-18:01",
        "", I_UK, "UK-WTR-10-2"},
    /* reg 11(3): 48 h in real time over the spring change (London). */
    {"UK-WTR-11-3 ~", I_Y16, I_WR_SPRING "2027-03-28T19:00-20:00", "", I_UK,
        ""},
    {"UK-WTR-11-3 ~", I_Y16, I_WR_SPRING "2027-03-28T18:00-19:00", "", I_UK,
        "UK-WTR-11-3"},
    /* reg 12(4): one block of 30 min (A7c). */
    {"UK-WTR-12-4 ~", I_Y16, "2027-01-09T09:00-12:00 2027-01-09T12:30-15:00",
        "", I_UK, ""},
    {"UK-WTR-12-4 ~", I_Y16, "2027-01-09T09:00-12:00 2027-01-09T12:29-15:00",
        "", I_UK, "UK-WTR-12-4"},
    {"UK-WTR-12-4 ~", I_Y16,
        "2027-01-09T09:00-11:00 2027-01-09T11:15-13:00 "
        "2027-01-09T13:15-15:00",
        "", I_UK, "UK-WTR-12-4"},

    /* A1/A2/A13: the rolling 24 h is real time; over the spring change it
     * ends at 11:00 summer time on Sunday. */
    {"UK-WTR-5A ~", I_Y16,
        "2027-03-27T10:00-14:00 2027-03-27T14:30-18:30 "
        "2027-03-28T10:30-11:00",
        "", I_UK, "UK-WTR-5A"},
    {"UK-WTR-5A ~", I_Y16,
        "2027-03-27T10:00-14:00 2027-03-27T14:30-18:30 "
        "2027-03-28T11:00-11:30",
        "", I_UK, ""},
    /* A5: a term starting on Wednesday 6 January: the Monday and Tuesday
     * are non-school days (5 h), but the week is a school week (12 h). */
    {"UK-CYPA-18-1da", I_C14,
        I_UK5H("2027-01-04") I_UK5H("2027-01-05") "2027-01-06T16:00-18:00", "",
        I_UK "terms=2026-08-17/2026-12-18,2027-01-06/2027-06-18", ""},
    {"UK-CYPA-18-1da", I_C14,
        I_UK5H("2027-01-04") I_UK5H("2027-01-05") "2027-01-06T16:00-18:00 "
                                                  "2027-01-07T16:00-16:01",
        "", I_UK "terms=2026-08-17/2026-12-18,2027-01-06/2027-06-18",
        "UK-CYPA-18-1da"},

    /* ========================= UK: adults (WTR, ~) ====================== */
    /* reg 11(1): 24 h uninterrupted in each 7 days. */
    {"UK-WTR-11-1 ~", I_A18,
        "2027-01-04T08:00-14:00 2027-01-05T08:00-14:00 "
        "2027-01-06T08:00-14:00 2027-01-07T08:00-14:00 "
        "2027-01-08T08:00-14:00 2027-01-09T08:00-14:00 "
        "2027-01-10T14:00-15:00",
        "", I_UK, ""},
    {"UK-WTR-11-1 ~", I_A18,
        "2027-01-04T08:00-14:00 2027-01-05T08:00-14:00 "
        "2027-01-06T08:00-14:00 2027-01-07T08:00-14:00 "
        "2027-01-08T08:00-14:00 2027-01-09T08:00-14:00 "
        "2027-01-10T13:59-15:00",
        "", I_UK, "UK-WTR-11-1"},
    /* JC: reg 4 averages 48 h over 17 weeks and allows an opt-out; the
     * engine (docs/rules.md) checks every rolling 7 days instead, which
     * never passes a plan the averaged rule would fail inside the
     * horizon.  At the limit across two ISO weeks: */
    {"UK-WTR-4 ~", I_A18,
        I_12H("2027-01-09") I_12H("2027-01-10") I_12H("2027-01-11")
            I_12H("2027-01-12"),
        "", I_UK, ""},
    {"UK-WTR-4 JC", I_A18,
        I_12H("2027-01-09") I_12H("2027-01-10") I_12H("2027-01-11")
            I_12H("2027-01-12") "2027-01-13T07:00-07:01",
        "", I_UK, "UK-WTR-4"},
    {"UK-WTR-10-1 ~", I_A18, "2027-03-27T16:00-22:00 2027-03-28T10:00-12:00",
        "", I_UK, ""},
    {"UK-WTR-10-1 ~", I_A18, "2027-03-27T16:00-22:00 2027-03-28T09:59-12:00",
        "", I_UK, "UK-WTR-10-1"},
};

#endif /* ROTA_TEST_RULES_LAW_INTL_CASES_H */
