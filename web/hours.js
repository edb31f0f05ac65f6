// SPDX-License-Identifier: ISC
// Hours (issue 19, screen 5): one month's report (GET /api/v1/hours), per
// youth and per home, worked apart from planned, with totals, and the
// same report as a CSV file (a plain download link: the session cookie
// goes with it).  The address is "#hours&month=YYYY-MM".
import { api } from "./api.js";
import { fill, h } from "./dom.js";
import { intlLocale, t } from "./i18n.js";

let generation = 0;

function thisMonth() {
  const d = new Date();
  return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0");
}

function isMonth(s) {
  return typeof s === "string" && /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(s);
}

function addMonths(m, n) {
  const [y, mo] = m.split("-").map(Number);
  const i = y * 12 + (mo - 1) + n;
  return Math.floor(i / 12) + "-" + String((i % 12) + 1).padStart(2, "0");
}

function monthTitle(m) {
  const [y, mo] = m.split("-").map(Number);
  return new Intl.DateTimeFormat(intlLocale(), { month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, mo - 1, 1)));
}

function readMonth() {
  const p = new URLSearchParams(location.hash.slice(1));
  const m = p.get("month");
  return isMonth(m) ? m : thisMonth();
}

// "2,5 t" / "2.5 h": minutes as hours in the language's number form.
export function hoursText(minutes) {
  const n = new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 2 }).format(minutes / 60);
  return t("{n} h", { n });
}

function tally(x) {
  return x || { shifts: 0, minutes: 0 };
}

function table(id, caption, nameHead, rows, total) {
  const num = (v) => h("td", { class: "num" }, v);
  return h("div", { class: "table-scroll" },
    h("table", { class: "report", id },
      h("caption", { class: "report-caption" }, caption),
      h("thead", null,
        h("tr", null,
          h("th", { scope: "col", rowspan: "2" }, nameHead),
          h("th", { scope: "colgroup", colspan: "2", class: "num" }, t("Worked")),
          h("th", { scope: "colgroup", colspan: "2", class: "num" }, t("Planned"))),
        h("tr", null,
          h("th", { scope: "col", class: "num" }, t("Visits")),
          h("th", { scope: "col", class: "num" }, t("Hours")),
          h("th", { scope: "col", class: "num" }, t("Visits")),
          h("th", { scope: "col", class: "num" }, t("Hours")))),
      h("tbody", null, rows.map((r) => h("tr", { "data-id": r.id },
        h("th", { scope: "row" }, r.name),
        num(String(r.worked.shifts)), num(hoursText(r.worked.minutes)),
        num(String(r.planned.shifts)), num(hoursText(r.planned.minutes))))),
      h("tfoot", null, h("tr", { class: "report-total" },
        h("th", { scope: "row" }, t("Total")),
        num(String(total.worked.shifts)), num(hoursText(total.worked.minutes)),
        num(String(total.planned.shifts)), num(hoursText(total.planned.minutes))))));
}

function sum(rows) {
  const out = { worked: { shifts: 0, minutes: 0 }, planned: { shifts: 0, minutes: 0 } };
  for (const r of rows) {
    for (const k of ["worked", "planned"]) {
      out[k].shifts += r[k].shifts;
      out[k].minutes += r[k].minutes;
    }
  }
  return out;
}

export async function showHours(main) {
  const month = readMonth();
  const gen = ++generation;
  const go = (m) => {
    // The toolbar is drawn anew: a keyboard user stays on the same control.
    const focused = document.activeElement && document.activeElement.id ? document.activeElement.id : "hours-title";
    history.replaceState(null, "", "#hours&month=" + m);
    showHours(main);
    const again = document.getElementById(focused);
    if (again) again.focus();
  };
  const picker = h("input", {
    type: "month", id: "hours-month", class: "input input-small hours-month", value: month,
    onchange: (ev) => { if (isMonth(ev.target.value)) go(ev.target.value); },
  });
  const area = h("div", { id: "hours-area", "aria-busy": "true" },
    h("p", { class: "state state-loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("Loading the hours...")));
  const csv = "/api/v1/hours?month=" + month + "&format=csv";
  fill(main,
    h("div", { class: "toolbar" },
      h("div", { class: "week-nav" },
        h("button", { class: "btn btn-icon", type: "button", id: "hours-prev", "aria-label": t("Previous month"), title: t("Previous month"), onclick: () => go(addMonths(month, -1)) }, "‹"),
        h("button", { class: "btn btn-icon", type: "button", id: "hours-next", "aria-label": t("Next month"), title: t("Next month"), onclick: () => go(addMonths(month, 1)) }, "›")),
      h("h1", { class: "week-title", id: "hours-title", tabindex: "-1" }, t("Hours"), h("span", { class: "week-range" }, monthTitle(month))),
      h("div", { class: "filters" },
        h("div", { class: "filter" }, h("label", { for: "hours-month", class: "label-inline" }, t("Month")), picker),
        h("a", { class: "btn", id: "hours-csv", href: csv, download: "rota-hours-" + month + ".csv" }, t("Download CSV")))),
    area);
  try {
    const r = await api("GET", "/api/v1/hours?month=" + month);
    if (gen !== generation) return;
    const youths = (r.youths || []).map((y) => ({ id: y.youth, name: y.name, worked: tally(y.worked), planned: tally(y.planned) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const homes = (r.homes || []).map((x) => ({ id: x.home, name: x.name, worked: tally(x.worked), planned: tally(x.planned), anonymous: tally(x.anonymous) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const anon = tally(r.totals && r.totals.anonymous);
    area.setAttribute("aria-busy", "false");
    if (youths.length === 0 && homes.length === 0) {
      fill(area, h("div", { class: "state state-empty" }, h("p", { class: "state-title" }, t("No visits this month."))));
      return;
    }
    fill(area,
      h("p", { class: "summary", id: "hours-asof" }, t("Worked: visits that have ended (as of {time}). Planned: the rest of the month.", { time: (r.as_of || "").replace("T", " ") })),
      // Viewers get no youths' rows (the API leaves them out).
      youths.length ? table("hours-youths", t("Per youth"), t("Youth"), youths, sum(youths)) : null,
      table("hours-homes", t("Per home"), t("Home"), homes, sum(homes)),
      anon.shifts > 0 ? h("p", { class: "muted small", id: "hours-anon" },
        t("Worked hours at the homes include {n} visits ({hours}) by youths whose data has been erased.", { n: anon.shifts, hours: hoursText(anon.minutes) })) : null);
  } catch (e) {
    if (gen !== generation) return;
    area.setAttribute("aria-busy", "false");
    fill(area, h("div", { class: "state state-error", role: "alert" },
      h("p", null, e.message),
      h("button", { class: "btn", type: "button", onclick: () => showHours(main) }, t("Try again"))));
  }
}
