/* SPDX-License-Identifier: ISC */
/*
 * This file contains calendar arithmetic and the strict date and time
 * parsers used by every input path.  The day-count conversions are Howard
 * Hinnant's public-domain civil algorithms; Easter is the anonymous
 * Gregorian (Meeus/Jones/Butcher) computus.
 */
#include <stdio.h>
#include <string.h>

#include "civil.h"

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int32_t
civil_days_from_ymd(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = floor_div(yy, 400);
	int64_t yoe = yy - era * 400;
	int64_t mp = (m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void
civil_ymd_from_days(int32_t days, int *y, int *m, int *d)
{
	int64_t z = (int64_t)days + 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int dim[12] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && is_leap(y))
		return 29;
	return dim[m - 1];
}

bool
civil_valid_ymd(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int
civil_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday. */
	return (int)((floor_div((int64_t)days, 7) * -7 + days + 3) % 7);
}

int32_t
civil_week_monday(int32_t days)
{
	return days - civil_weekday(days);
}

void
civil_iso_week(int32_t days, int *iso_year, int *iso_week)
{
	int32_t thursday = civil_week_monday(days) + 3;
	int y, m, d;

	civil_ymd_from_days(thursday, &y, &m, &d);
	*iso_year = y;
	*iso_week = (int)((thursday - civil_days_from_ymd(y, 1, 1)) / 7 + 1);
}

int32_t
civil_easter(int year)
{
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = ((h + l - 7 * m + 114) % 31) + 1;
	return civil_days_from_ymd(year, month, day);
}

int
civil_age_on(int32_t birth, int32_t on)
{
	int by, bm, bd, y, m, d, age;

	civil_ymd_from_days(birth, &by, &bm, &bd);
	civil_ymd_from_days(on, &y, &m, &d);
	/* A 29 February birthday falls on 1 March in common years. */
	if (bm == 2 && bd == 29 && !is_leap(y)) {
		bm = 3;
		bd = 1;
	}
	age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

/* Reads exactly n decimal digits; -1 on anything else. */
static int
digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
parse_date_prefix(const char *s, int32_t *days)
{
	int y, m, d;

	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1900 || y > 2199 || m < 0 || d < 0 || !civil_valid_ymd(y, m, d))
		return -1;
	*days = civil_days_from_ymd(y, m, d);
	return 0;
}

static int
parse_hm_prefix(const char *s, bool allow_24, int *minute)
{
	int h, mi;

	if (strlen(s) < 5 || s[2] != ':')
		return -1;
	h = digits(s, 2);
	mi = digits(s + 3, 2);
	if (h < 0 || mi < 0 || mi > 59)
		return -1;
	if (h > 23 && !(allow_24 && h == 24 && mi == 0))
		return -1;
	*minute = h * 60 + mi;
	return 0;
}

int
civil_parse_date(const char *s, int32_t *days)
{
	if (s == NULL || strlen(s) != 10)
		return -1;
	return parse_date_prefix(s, days);
}

int
civil_parse_hm(const char *s, bool allow_24, int *minute_of_day)
{
	if (s == NULL || strlen(s) != 5)
		return -1;
	return parse_hm_prefix(s, allow_24, minute_of_day);
}

int
civil_parse_datetime(const char *s, int64_t *wall)
{
	int32_t days;
	int minute;

	if (s == NULL || strlen(s) != 16 || s[10] != 'T')
		return -1;
	if (parse_date_prefix(s, &days) == -1 ||
	    parse_hm_prefix(s + 11, false, &minute) == -1)
		return -1;
	*wall = (int64_t)days * CIVIL_MIN_PER_DAY + minute;
	return 0;
}

void
civil_format_date(int32_t days, char buf[CIVIL_DATE_LEN])
{
	int y, m, d;

	civil_ymd_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(buf, CIVIL_DATE_LEN, "0000-00-00");
		return;
	}
	snprintf(buf, CIVIL_DATE_LEN, "%04d-%02d-%02d", y, m, d);
}

void
civil_format_hm(int minute_of_day, char buf[CIVIL_HM_LEN])
{
	if (minute_of_day < 0 || minute_of_day > CIVIL_MIN_PER_DAY)
		minute_of_day = 0;
	snprintf(buf, CIVIL_HM_LEN, "%02d:%02d", minute_of_day / 60,
	    minute_of_day % 60);
}

void
civil_format_datetime(int64_t wall, char buf[CIVIL_DATETIME_LEN])
{
	char date[CIVIL_DATE_LEN], hm[CIVIL_HM_LEN];

	civil_format_date(civil_wall_date(wall), date);
	civil_format_hm(civil_wall_minute(wall), hm);
	snprintf(buf, CIVIL_DATETIME_LEN, "%sT%s", date, hm);
}

int32_t
civil_wall_date(int64_t wall)
{
	return (int32_t)floor_div(wall, CIVIL_MIN_PER_DAY);
}

int
civil_wall_minute(int64_t wall)
{
	return (
	    int)(wall - floor_div(wall, CIVIL_MIN_PER_DAY) * CIVIL_MIN_PER_DAY);
}

const char *
civil_weekday_name(int wd)
{
	static const char *const names[7] = {
	    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	return (wd >= 0 && wd < 7) ? names[wd] : "?";
}

const char *
civil_weekday_key(int wd)
{
	static const char *const keys[7] = {
	    "mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	return (wd >= 0 && wd < 7) ? keys[wd] : "?";
}
