// SPDX-License-Identifier: ISC
// Calendar arithmetic on local dates "YYYY-MM-DD" (rota plans in the
// instance's wall-clock time).  Dates are handled as UTC midnights, so no
// daylight-saving change can move a day.
import { intlLocale } from "./i18n.js";

const DAY = 86400000;

export function parseDate(s) {
  const [y, m, d] = s.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function formatDate(dt) {
  return dt.toISOString().slice(0, 10);
}

export function addDays(s, n) {
  return formatDate(new Date(parseDate(s).getTime() + n * DAY));
}

export function isDate(s) {
  if (typeof s !== "string" || s.length !== 10) return false;
  const dt = parseDate(s);
  return !Number.isNaN(dt.getTime()) && formatDate(dt) === s;
}

// The Monday of the week that holds s.
export function mondayOf(s) {
  const wd = (parseDate(s).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return addDays(s, -wd);
}

// Today in the browser's own calendar.
export function today() {
  const now = new Date();
  return formatDate(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

export function daysBetween(a, b) {
  return Math.round((parseDate(b) - parseDate(a)) / DAY);
}

// ISO 8601 week number of the week starting on monday.
export function isoWeek(monday) {
  const thursday = parseDate(addDays(monday, 3));
  const jan1 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1));
  return 1 + Math.floor((thursday - jan1) / DAY / 7);
}

function fmt(s, opts) {
  return new Intl.DateTimeFormat(intlLocale(), Object.assign({ timeZone: "UTC" }, opts))
    .format(parseDate(s));
}

export function weekdayShort(s) {
  return fmt(s, { weekday: "short" });
}

export function weekdayLong(s) {
  return fmt(s, { weekday: "long" });
}

export function dayMonth(s) {
  return fmt(s, { day: "numeric", month: "short" });
}

export function longDate(s) {
  return fmt(s, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
}

// "16:00" from "2027-01-04T16:00".
export function timeOf(localDateTime) {
  return localDateTime.slice(11, 16);
}

export function dateOf(localDateTime) {
  return localDateTime.slice(0, 10);
}
