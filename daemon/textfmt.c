/* SPDX-License-Identifier: ISC */
/*
 * This file contains the formatting of dates, times and durations for
 * people, in the calling thread's language (textfmt.h).  The word order
 * and punctuation of each form is itself a translatable format, so a new
 * language changes them in its .po file alone.
 */
#include <stdio.h>

#include "civil.h"
#include "i18n.h"
#include "textfmt.h"

static const char *const weekdays[] = {N_("Monday"), N_("Tuesday"),
    N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
    N_("Sunday")};

/* TRANSLATORS: short weekday names, as in "Mon 14/12". */
static const char *const weekdays_short[] = {N_("Mon"), N_("Tue"), N_("Wed"),
    N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")};

static const char *const months[] = {N_("January"), N_("February"), N_("March"),
    N_("April"), N_("May"), N_("June"), N_("July"), N_("August"),
    N_("September"), N_("October"), N_("November"), N_("December")};

const char *
textfmt_weekday(int wd)
{
	return wd >= 0 && wd < 7 ? _(weekdays[wd]) : "?";
}

const char *
textfmt_weekday_short(int wd)
{
	return wd >= 0 && wd < 7 ? _(weekdays_short[wd]) : "?";
}

const char *
textfmt_month(int month)
{
	return month >= 1 && month <= 12 ? _(months[month - 1]) : "?";
}

/*
 * The formats below take their arguments by position (%1$s), so a
 * language may reorder them; msgfmt --check holds each translation to
 * its msgid's arguments.
 */

char *
textfmt_date_long(int32_t days, char *buf, size_t len)
{
	int y, m, d;

	civil_ymd_from_days(days, &y, &m, &d);
	/* TRANSLATORS: weekday, day of month, month name:
	   "Monday 14 December"; bokmål "mandag 14. desember". */
	snprintf(buf, len, _("%1$s %2$d %3$s"),
	    textfmt_weekday(civil_weekday(days)), d, textfmt_month(m));
	return buf;
}

char *
textfmt_date_year(int32_t days, char *buf, size_t len)
{
	int y, m, d;

	civil_ymd_from_days(days, &y, &m, &d);
	/* TRANSLATORS: day of month, month name, year: "14 December 2026";
	   bokmål "14. desember 2026". */
	snprintf(buf, len, _("%1$d %2$s %3$d"), d, textfmt_month(m), y);
	return buf;
}

char *
textfmt_date_short(int32_t days, char *buf, size_t len)
{
	int y, m, d;

	civil_ymd_from_days(days, &y, &m, &d);
	(void)y;
	/* TRANSLATORS: short weekday, day, month number: "Mon 14/12";
	   bokmål "man. 14.12.". */
	snprintf(buf, len, _("%1$s %2$d/%3$d"),
	    textfmt_weekday_short(civil_weekday(days)), d, m);
	return buf;
}

char *
textfmt_time(int minutes, char *buf, size_t len)
{
	if (minutes < 0 || minutes > 24 * 60)
		minutes = 0;
	snprintf(buf, len, "%02d:%02d", minutes / 60, minutes % 60);
	return buf;
}

char *
textfmt_hours(int64_t minutes, char *buf, size_t len)
{
	/* TRANSLATORS: the decimal separator of hours, "2.5 h"; bokmål ",". */
	const char *point = _(".");
	/* TRANSLATORS: the unit after a number of hours; bokmål "t". */
	const char *h = _("h");
	const char *sign = minutes < 0 ? "-" : "";
	long long m = minutes < 0 ? -(long long)minutes : (long long)minutes;

	if (m % 60 == 0)
		snprintf(buf, len, "%s%lld %s", sign, m / 60, h);
	else if (m % 30 == 0)
		snprintf(buf, len, "%s%lld%s5 %s", sign, m / 60, point, h);
	else if (m < 60)
		snprintf(buf, len, "%s%lld min", sign, m);
	else
		snprintf(
		    buf, len, "%s%lld %s %lld min", sign, m / 60, h, m % 60);
	return buf;
}
