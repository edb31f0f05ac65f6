// SPDX-License-Identifier: ISC
// The youth panel (issue 19, screen 3): a youth's profile (name and age:
// coordinators never see the birth date), availability in words, the
// visits of the next four weeks, the hours of today, this week and this
// month against each legal cap of GET /api/v1/youths/{id}/limits (one
// meter per cap, with its name and reference), and the feed link
// (POST /api/v1/youths/{id}/feed) with its QR code (POST /api/v1/qr, shown
// through a blob: URL so the secret link never goes into a URL), and the
// guardian's consent (issue 16: GET/POST/DELETE
// /api/v1/youths/{id}/consent-link): recorded, needed or not, a link to
// copy and send, revoke.
import { api, listAll, qrImage } from "./api.js";
import { getSlot, homeName, loadHomes } from "./board.js";
import { addDays, dateOf, dayMonth, formatDate, longDate, mondayOf, parseDate, timeOf, today, weekdayLong, weekdayShort } from "./dates.js";
import { fill, h } from "./dom.js";
import { intlLocale, t } from "./i18n.js";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const NEAR = 0.8; // a meter is "close to the limit" from 80 % of the cap

let panel = null;
let current = null; // { id, returnTo, qrUrl }

function ensurePanel() {
  if (panel && panel.isConnected) return panel;
  panel = h("div", {
    id: "youth-panel", class: "panel panel-youth", role: "dialog", "aria-modal": "false",
    "aria-labelledby": "youth-title", hidden: true,
    onkeydown: (ev) => { if (ev.key === "Escape") { ev.preventDefault(); ev.stopPropagation(); closeYouth(); } },
  });
  document.getElementById("app").appendChild(panel);
  return panel;
}

function forgetQr(cur) {
  if (cur && cur.qrUrl) {
    URL.revokeObjectURL(cur.qrUrl);
    cur.qrUrl = null;
  }
}

export function closeYouth() {
  if (!panel) return;
  panel.hidden = true;
  const back = current && current.returnTo;
  forgetQr(current);
  current = null;
  if (back && back.isConnected) back.focus();
}

function header(title) {
  return h("div", { class: "panel-head" },
    h("h2", { id: "youth-title", class: "panel-title", tabindex: "-1" }, title),
    h("button", { class: "btn btn-icon btn-quiet", type: "button", id: "youth-close", "aria-label": t("Close"), title: t("Close"), onclick: closeYouth },
      h("span", { "aria-hidden": "true" }, "\u00d7")));
}

// Opens the panel of youth `id`; the focus goes back to returnTo on close.
export async function openYouth(id, returnTo) {
  ensurePanel();
  forgetQr(current);
  const cur = { id, returnTo, qrUrl: null };
  current = cur;
  panel.hidden = false;
  fill(panel, header(t("Youth")), h("div", { class: "panel-body" },
    h("p", { class: "state state-loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("Loading the youth..."))));
  panel.querySelector("#youth-title").focus();
  try {
    const data = await load(id);
    if (cur !== current) return;
    draw(cur, data);
  } catch (e) {
    if (cur !== current) return;
    fill(panel, header(t("Youth")), h("div", { class: "panel-body" },
      h("div", { class: "notice notice-error", role: "alert" }, e.message)));
  }
}

function monthStart(d) {
  return d.slice(0, 8) + "01";
}

function monthEnd(d) {
  const dt = parseDate(monthStart(d));
  return formatDate(new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 0)));
}

async function load(id) {
  const now = today();
  const week = mondayOf(now);
  const from = week < monthStart(now) ? week : monthStart(now);
  const weekEnd = addDays(week, 6);
  const to = weekEnd > monthEnd(now) ? weekEnd : monthEnd(now);
  const ahead = addDays(now, 27);
  const enc = encodeURIComponent(id);
  const [, youth, limits, upcoming, month] = await Promise.all([
    // The homes' names (the board has them already, the list not).
    loadHomes().then(() => null, () => null),
    api("GET", "/api/v1/youths/" + enc),
    api("GET", "/api/v1/youths/" + enc + "/limits?from=" + from + "&to=" + to),
    listAll("/api/v1/assignments?youth=" + enc + "&status=active&from=" + now + "&to=" + ahead, "assignments"),
    listAll("/api/v1/assignments?youth=" + enc + "&status=active&from=" + monthStart(now) + "&to=" + monthEnd(now), "assignments"),
  ]);
  // The slots of those visits (a youth has a few a week), once each.
  const ids = [...new Set(upcoming.concat(month).map((a) => a.slot))];
  const slots = new Map((await Promise.all(ids.map((s) => getSlot(s).catch(() => null))))
    .filter(Boolean).map((s) => [s.id, s]));
  return { youth, limits, upcoming, month, slots, now, week };
}

function hours(minutes) {
  const n = new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(minutes / 60);
  return t("{n} h", { n });
}

// "Monday to Friday 15:00–21:00", "Saturday 10:00–18:00".
function windowText(w) {
  const idx = (w.days || []).map((d) => DAYS.indexOf(d)).filter((i) => i >= 0).sort((a, b) => a - b);
  const runs = [];
  for (const i of idx) {
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  // A Monday (2027-01-04) plus i is the weekday i, for Intl's names.
  const name = (i) => weekdayLong(addDays("2027-01-04", i));
  const days = runs.map(([a, b]) => (a === b ? name(a) : b === a + 1 ? name(a) + ", " + name(b)
    : t("{first} to {last}", { first: name(a), last: name(b) }))).join(", ");
  return days + " " + w.from + "\u2013" + w.to;
}

function schoolText(s) {
  if (s === "compulsory") return t("compulsory school");
  if (s === "secondary") return t("upper secondary school");
  if (s === "none") return t("not at school");
  return s || "";
}

// One meter: the cap's name, used against allowed, and its state.
function meter(item) {
  const ratio = item.cap > 0 ? item.minutes / item.cap : 1;
  const level = item.minutes > item.cap ? "over" : item.minutes >= item.cap ? "full" : ratio >= NEAR ? "near" : "ok";
  const word = level === "over" ? t("over the limit") : level === "full" ? t("at the limit") : level === "near" ? t("close to the limit") : null;
  const value = t("{used} of {cap}", { used: hours(item.minutes), cap: hours(item.cap) });
  const pct = Math.min(100, Math.round(ratio * 100));
  // The bar is the meter: a role="meter" on the list item would hide
  // its texts (a meter's children are presentational) and leave the
  // list without items.
  const bar = h("div", {
    class: "meter-bar", role: "meter",
    "aria-valuemin": 0, "aria-valuemax": item.cap, "aria-valuenow": Math.min(item.minutes, item.cap),
    "aria-valuetext": value + (word ? ", " + word : ""), "aria-label": item.name,
  }, h("div", { class: "meter-fill meter-w" + Math.round(pct / 5) * 5 }));
  return h("li", {
    class: "meter meter-" + level,
    "data-rule": item.rule, "data-minutes": item.minutes, "data-cap": item.cap,
  },
  h("div", { class: "meter-head" },
    h("span", { class: "meter-name" }, item.name),
    h("span", { class: "meter-value" }, value)),
  bar,
  h("div", { class: "meter-foot" },
    word ? h("span", { class: "meter-word" }, word) : null,
    item.reference ? h("span", { class: "rule-ref rule-ref-quiet", title: item.rule }, item.reference) : null));
}

function meters(items, empty) {
  return items.length ? h("ul", { class: "meters" }, items.map(meter)) : h("p", { class: "muted small" }, empty);
}

function visitRow(a, slots) {
  const s = slots.get(a.slot);
  if (!s) return null;
  const d = dateOf(s.start);
  return h("li", { class: "upcoming-item" },
    h("span", { class: "upcoming-date" }, weekdayShort(d) + " " + dayMonth(d)),
    h("span", { class: "upcoming-time" }, timeOf(s.start) + "\u2013" + timeOf(s.end)),
    h("span", { class: "upcoming-where" }, homeName(s.home) + (s.activity ? " \u00b7 " + s.activity : "")));
}

function minutesOf(s) {
  return Math.max(0, Math.round((Date.parse(s.end + "Z") - Date.parse(s.start + "Z")) / 60000));
}

function draw(cur, d) {
  const y = d.youth;
  const hadFocus = panel.contains(document.activeElement) || document.activeElement === document.body;
  const facts = [];
  if (typeof y.age === "number") facts.push([t("Age"), t("{age} years", { age: y.age })]);
  if (y.school) facts.push([t("School"), schoolText(y.school)]);
  if (y.skills && y.skills.length) facts.push([t("Skills"), y.skills.join(", ")]);
  if (y.homes && y.homes.length) facts.push([t("Homes"), y.homes.map(homeName).join(", ")]);
  const avail = y.availability || [];
  const away = (y.unavailable || []).filter((u) => dateOf(u.to) >= d.now);
  const lim = d.limits.limits || [];
  const dayCaps = lim.filter((x) => x.per === "day" && x.period === d.now);
  const weekCaps = lim.filter((x) => x.per === "week" && x.period <= d.now && addDays(x.period, 6) >= d.now);
  // The month: each week cap of a week that has days in it.
  const m0 = monthStart(d.now);
  const monthCaps = lim.filter((x) => x.per === "week" && addDays(x.period, 6) >= m0 && x.period <= monthEnd(d.now));
  let worked = 0;
  let planned = 0;
  // Now as a local date-time, as the slots' times are written.
  const clock = new Date();
  const nowIso = d.now + "T" + String(clock.getHours()).padStart(2, "0") + ":" + String(clock.getMinutes()).padStart(2, "0");
  for (const a of d.month) {
    const s = d.slots.get(a.slot);
    if (!s || dateOf(s.start) < m0) continue;
    if (s.end <= nowIso) worked += minutesOf(s);
    else planned += minutesOf(s);
  }
  const upcoming = d.upcoming.slice().sort((a, b) => {
    const sa = d.slots.get(a.slot); const sb = d.slots.get(b.slot);
    return (sa ? sa.start : "") < (sb ? sb.start : "") ? -1 : 1;
  });
  const monthName = new Intl.DateTimeFormat(intlLocale(), { month: "long", year: "numeric", timeZone: "UTC" }).format(parseDate(d.now));
  fill(panel, header(y.name),
    h("div", { class: "panel-body" },
      h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", null, k), h("dd", null, v)])),
      h("section", { class: "panel-section", "aria-labelledby": "avail-title" },
        h("h3", { id: "avail-title", class: "section-title" }, t("Available")),
        avail.length ? h("ul", { class: "plain-list", id: "youth-availability" }, avail.map((w) => h("li", null, windowText(w))))
          : h("p", { class: "muted", id: "youth-availability" }, t("Never: no weekly availability is given.")),
        away.length ? h("ul", { class: "plain-list muted" }, away.map((u) => h("li", null,
          t("Away {from} to {to}", { from: dayMonth(dateOf(u.from)) + " " + timeOf(u.from), to: dayMonth(dateOf(u.to)) + " " + timeOf(u.to) })))) : null),
      h("section", { class: "panel-section", "aria-labelledby": "hours-title", id: "youth-hours" },
        h("h3", { id: "hours-title", class: "section-title" }, t("Hours against the law's caps")),
        h("h4", { class: "sub-title" }, t("Today, {date}", { date: longDate(d.now) })),
        meters(dayCaps, t("No daily cap applies today.")),
        h("h4", { class: "sub-title" }, t("This week")),
        meters(weekCaps, t("No weekly cap applies this week.")),
        h("h4", { class: "sub-title" }, t("This month, {month}", { month: monthName })),
        h("p", { class: "month-total", id: "youth-month" }, t("{total} in all: {worked} worked, {planned} planned", {
          total: hours(worked + planned), worked: hours(worked), planned: hours(planned) })),
        monthCaps.length ? h("p", { class: "muted small" }, t("The law caps days and weeks, not months: the weeks of the month against their caps.")) : null,
        monthCaps.length ? h("ul", { class: "meters meters-compact" }, monthCaps.map((x) => {
          const li = meter(x);
          li.querySelector(".meter-name").textContent = t("Week from {date}", { date: dayMonth(x.period) }) + ": " + x.name;
          li.querySelector(".meter-bar").setAttribute("aria-label", li.querySelector(".meter-name").textContent);
          return li;
        })) : null),
      h("section", { class: "panel-section", "aria-labelledby": "upcoming-title" },
        h("h3", { id: "upcoming-title", class: "section-title" }, t("Visits in the next four weeks")),
        upcoming.length ? h("ul", { class: "upcoming", id: "youth-upcoming" }, upcoming.map((a) => visitRow(a, d.slots)))
          : h("p", { class: "muted", id: "youth-upcoming" }, t("No visits in the next four weeks."))),
      consentSection(cur, y),
      feedSection(cur, y)));
  // Drawn anew: the focus stays in the panel, on its title.
  if (hadFocus) panel.querySelector("#youth-title").focus();
}

function feedSection(cur, y) {
  const out = h("div", { class: "feed-out", "aria-live": "polite" });
  const b = h("button", { class: "btn btn-primary", type: "button", id: "youth-feed" }, t("Make the calendar link"));
  b.addEventListener("click", async () => {
    b.disabled = true;
    b.setAttribute("aria-busy", "true");
    fill(out, h("p", { class: "state-loading muted", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("Making the link...")));
    try {
      const feed = await api("POST", "/api/v1/youths/" + encodeURIComponent(y.id) + "/feed");
      const blob = await qrImage(feed.webcal || feed.url);
      if (cur !== current) return;
      forgetQr(cur);
      cur.qrUrl = URL.createObjectURL(blob);
      const linkId = "youth-feed-url";
      fill(out,
        h("img", { class: "qr", id: "youth-qr", src: cur.qrUrl, alt: t("QR code of {name}'s calendar link", { name: y.name }), width: 200, height: 200 }),
        h("p", { class: "small" }, t("Scan it with your phone's camera to add your visits to your calendar.")),
        h("label", { for: linkId, class: "label" }, t("Calendar link")),
        h("input", { id: linkId, class: "input input-small", type: "text", readonly: true, value: feed.url,
          onfocus: (ev) => ev.target.select() }),
        h("p", { class: "muted small" }, t("A new link replaces the old one: the old link stops showing the visits.")));
      b.textContent = t("Make a new link");
    } catch (e) {
      if (cur !== current) return;
      fill(out, h("div", { class: "notice notice-error", role: "alert" }, e.message));
    } finally {
      b.disabled = false;
      b.removeAttribute("aria-busy");
    }
  });
  return h("section", { class: "panel-section", "aria-labelledby": "feed-title" },
    h("h3", { id: "feed-title", class: "section-title" }, t("Calendar on the phone")),
    h("p", { class: "muted small" }, t("A private link to the youth's visits, for the calendar app on the phone. Making it replaces any earlier link.")),
    b, out);
}

// The guardian's consent: the status, the link to send, revoke.
function consentSection(cur, y) {
  const enc = encodeURIComponent(y.id);
  const status = h("div", { id: "youth-consent-status", "aria-live": "polite" },
    h("p", { class: "state-loading muted", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("Loading...")));
  const out = h("div", { class: "feed-out", id: "youth-consent-out", "aria-live": "polite" });
  const make = h("button", { class: "btn btn-primary", type: "button", id: "youth-consent-link", hidden: true }, t("Make a link for the guardian"));
  const revoke = h("button", { class: "btn btn-quiet", type: "button", id: "youth-consent-revoke", hidden: true }, t("Revoke the link"));

  function showStatus(st) {
    const lines = [];
    if (st.guardian_consent) lines.push(h("p", { class: "consent-state consent-ok" }, t("Consent recorded on {date}", { date: longDate(st.guardian_consent) })));
    else if (st.needed) lines.push(h("p", { class: "consent-state consent-needed" }, t("Needed: no consent is recorded. The youth can't be given visits until it is.")));
    else lines.push(h("p", { class: "consent-state muted" }, t("Not needed at this age.")));
    if (st.guardian_name) lines.push(h("p", { class: "small" }, t("Guardian: {name}", { name: st.guardian_name })));
    if (st.link && st.link.active) lines.push(h("p", { class: "muted small" }, t("A link was made on {made}; it works until {until}.", { made: dayMonth(st.link.created), until: dayMonth(st.link.expires) })));
    fill(status, lines);
    make.hidden = !st.needed;
    revoke.hidden = !(st.link && st.link.active);
  }

  async function refresh() {
    try {
      const st = await api("GET", "/api/v1/youths/" + enc + "/consent-link");
      if (cur !== current) return;
      showStatus(st);
    } catch (e) {
      if (cur !== current) return;
      fill(status, h("div", { class: "notice notice-error", role: "alert" }, e.message));
    }
  }

  async function busy(button, work) {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      await work();
    } catch (e) {
      if (cur === current) fill(out, h("div", { class: "notice notice-error", role: "alert" }, e.message));
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  }

  make.addEventListener("click", () => busy(make, async () => {
    const link = await api("POST", "/api/v1/youths/" + enc + "/consent-link");
    if (cur !== current) return;
    const linkId = "youth-consent-url";
    // "mail" is the API's honest answer: "queued" when the outbox wrote
    // the guardian's message (no url then: only the guardian gets the
    // link), "not_sent" when nothing is mailed and the url is shown.
    fill(out,
      ...(link.url ? [
        h("label", { for: linkId, class: "label" }, t("Link for the guardian")),
        h("input", { id: linkId, class: "input input-small", type: "text", readonly: true, value: link.url,
          onfocus: (ev) => ev.target.select() })] : []),
      h("p", { class: "muted small", id: "youth-consent-mail" }, link.mail === "queued"
        ? t("The link is on its way to the guardian by e-mail. It works until {date}; a new link replaces it.", { date: dayMonth(link.expires) })
        : t("Nothing was e-mailed: copy the link and send it to the guardian yourself. It works until {date}; a new link replaces it.", { date: dayMonth(link.expires) })));
    make.textContent = t("Make a new link");
    await refresh();
  }));
  revoke.addEventListener("click", () => busy(revoke, async () => {
    await api("DELETE", "/api/v1/youths/" + enc + "/consent-link");
    if (cur !== current) return;
    fill(out, h("p", { class: "small", role: "status" }, t("The link is revoked: it no longer opens the page.")));
    await refresh();
  }));
  refresh();
  return h("section", { class: "panel-section", "aria-labelledby": "consent-title", id: "youth-consent" },
    h("h3", { id: "consent-title", class: "section-title" }, t("Consent")),
    h("p", { class: "muted small" }, t("A child needs written consent from a parent or guardian. The guardian confirms it on the page the link opens.")),
    status, h("div", { class: "button-row" }, make, revoke), out);
}
