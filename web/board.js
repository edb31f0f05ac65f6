// SPDX-License-Identifier: ISC
// The week board (issue 19, screen 1): homes x days (Monday to Sunday) for
// one week, each visit with its time, activity, the first names of its
// youths and its open positions; previous/next/today, a region and a home
// filter and "only unfilled".  It fetches only the week's slots and active
// assignments (GET /api/v1/slots and /assignments with from/to, and the
// region or home), the homes once, and draws the table in one DOM
// operation.  A user scoped to one region starts on that region; a scope
// of more than MAX_HOMES homes asks for a region (as the board without
// JavaScript does) rather than drawing a thousand rows.
import { api, listAll } from "./api.js";
import { addDays, dateOf, dayMonth, daysBetween, isDate, isoWeek, longDate, mondayOf, timeOf, today, weekdayLong, weekdayShort } from "./dates.js";
import { fill, h } from "./dom.js";
import { t } from "./i18n.js";
import { openPanel, selectedSlot } from "./panel.js";
import { draftSlots, openPublishDialog } from "./publish.js";

const cache = { homes: null, homeById: new Map(), youths: new Map() };
// region: null until chosen (the default then), "" for all regions.
const view = { week: mondayOf(today()), region: null, home: "", open: false };
const MAX_HOMES = 60; // web_board.c's WEB_BOARD_MAX_HOMES
let me = null; // the logged-in user (its regions)
let data = null; // { week, slots, bySlot: Map slot -> [assignment] }
let generation = 0;
let main = null;

function readHash() {
  // The address of the board rotad renders without JavaScript
  // ("/?week=...&home=...&open=1") means the same as the app's hash.
  const p = new URLSearchParams(location.hash.length > 1 ? location.hash.slice(1) : location.search);
  const w = p.get("week");
  view.week = w && isDate(w) ? mondayOf(w) : mondayOf(today());
  view.region = p.has("region") ? p.get("region") : null;
  view.home = p.get("home") || "";
  view.open = p.get("open") === "1";
}

// The regions of the homes in scope, sorted, each once.
function regions() {
  const set = new Set();
  for (const x of cache.homes || []) if (x.region) set.add(x.region);
  return [...set].sort((a, b) => a.localeCompare(b));
}

// The region shown: the chosen one if known, else the user's own when
// the scope is one region; "" for all.
function resolveRegion() {
  const known = regions();
  let want = view.region;
  if (want === null && me && (me.regions || []).length === 1 && (me.homes || []).length === 0) want = me.regions[0];
  view.region = want && known.includes(want) ? want : "";
  if (view.home) {
    const home = cache.homeById.get(view.home);
    if (!home || (view.region && home.region !== view.region)) view.home = "";
  }
}

// Too many homes for one board, and neither a region nor a home chosen.
function mustChoose() {
  return !view.region && !view.home && regions().length > 0 && (cache.homes || []).length > MAX_HOMES;
}

function writeHash() {
  const p = new URLSearchParams();
  p.set("week", view.week);
  // With the region once there are regions: "" is "all regions".
  if (view.region !== null && (view.region || regions().length > 0)) p.set("region", view.region);
  if (view.home) p.set("home", view.home);
  if (view.open) p.set("open", "1");
  history.replaceState(null, "", "#" + p.toString());
}

window.addEventListener("hashchange", () => {
  // Another screen's address (the youth list, #audit, ...): app.js draws
  // it.  The board's own is empty or its parameters (week, home, open).
  const own = /^#?((week|region|home|open)=|$)/.test(location.hash);
  if (!main || !main.isConnected || !own) return;
  readHash();
  showBoard(main, true);
});

export function firstName(name) {
  return (name || "").trim().split(" ")[0];
}

export function youthName(id) {
  const y = cache.youths.get(id);
  return y ? y.name : id;
}

export function homeName(id) {
  const home = cache.homeById.get(id);
  return home ? home.name : id;
}

export async function loadHomes() {
  if (cache.homes) return;
  const homes = await listAll("/api/v1/homes", "homes");
  homes.sort((a, b) => a.name.localeCompare(b.name));
  cache.homes = homes;
  cache.homeById = new Map(homes.map((x) => [x.id, x]));
}

// Youths' names come with the week's assignments (?names=true: the
// API gives them to those who may read youths; a viewer sees ids) and are
// kept for the page's life, so the board never lists every youth (20
// pages, 6.5 MB, at 20,000 youths) for the names of one week.
function keepNames(assignments) {
  for (const a of assignments)
    if (a.youth_name && !cache.youths.has(a.youth))
      cache.youths.set(a.youth, { id: a.youth, name: a.youth_name });
}

async function loadWeek() {
  const from = view.week;
  const to = addDays(view.week, 6);
  const q = "from=" + from + "&to=" + to + (view.home ? "&home=" + encodeURIComponent(view.home)
    : view.region ? "&region=" + encodeURIComponent(view.region) : "");
  const [slots, assignments, drafts] = await Promise.all([
    listAll("/api/v1/slots?" + q, "slots"),
    listAll("/api/v1/assignments?" + q + "&status=active&names=true", "assignments"),
    // Manual publishing: the week's drafts (null: immediate, or a viewer).
    draftSlots(from, to, view.home),
  ]);
  keepNames(assignments);
  const bySlot = new Map();
  for (const a of assignments) {
    if (!bySlot.has(a.slot)) bySlot.set(a.slot, []);
    bySlot.get(a.slot).push(a);
  }
  return { week: from, slots, bySlot, drafts };
}

// Draws the board (toolbar at once, the week when its data is in).
export async function showBoard(el, keepHash, user) {
  main = el;
  if (user !== undefined) me = user;
  if (!keepHash) readHash();
  writeHash();
  const gen = ++generation;
  // The toolbar is drawn anew: a keyboard user stays on the same control.
  const focused = document.activeElement && main.contains(document.activeElement) ? document.activeElement.id : "";
  const refocus = () => {
    const el = focused && document.getElementById(focused);
    if (el && document.activeElement !== el) el.focus();
  };
  fill(main, toolbar(), h("div", { id: "board", class: "board-area", "aria-busy": "true" },
    h("p", { class: "state state-loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("Loading the week..."))));
  refocus();
  try {
    await loadHomes();
    if (gen !== generation) return;
    resolveRegion();
    writeHash();
    fill(main.querySelector(".toolbar"), toolbarContent());
    refocus();
    if (mustChoose()) {
      data = null;
      drawChooser();
      return;
    }
    const d = await loadWeek();
    if (gen !== generation) return;
    data = d;
    drawTable();
  } catch (e) {
    const area = document.getElementById("board");
    // Stale, or the board is gone (a 401 brought the login back).
    if (gen !== generation || !area) return;
    area.setAttribute("aria-busy", "false");
    fill(area, h("div", { class: "state state-error", role: "alert" },
      h("p", null, e.message),
      h("button", { class: "btn", type: "button", onclick: () => showBoard(main, true) }, t("Try again"))));
  }
}

// After a change in the visit panel: the week again, quietly.
export async function reloadWeek() {
  if (mustChoose()) return;
  const gen = ++generation;
  const d = await loadWeek();
  if (gen !== generation) return;
  data = d;
  drawTable();
}

function go(week) {
  view.week = week;
  writeHash();
  showBoard(main, true);
}

function toolbar() {
  return h("div", { class: "toolbar" }, toolbarContent());
}

function toolbarContent() {
  const end = addDays(view.week, 6);
  const known = regions();
  const regionSelect = known.length ? h("select", {
    id: "filter-region", class: "select",
    onchange: (ev) => { view.region = ev.target.value; view.home = ""; writeHash(); showBoard(main, true); },
  }, h("option", { value: "" }, t("All regions")),
  known.map((r) => h("option", { value: r, selected: r === view.region }, r))) : null;
  const homeSelect = h("select", {
    id: "filter-home", class: "select",
    onchange: (ev) => { view.home = ev.target.value; writeHash(); showBoard(main, true); },
  }, h("option", { value: "" }, t("All homes")),
  (cache.homes || []).filter((x) => !view.region || x.region === view.region)
    .map((x) => h("option", { value: x.id, selected: x.id === view.home }, x.name)));
  const openBox = h("input", {
    type: "checkbox", id: "filter-open", class: "checkbox", checked: view.open,
    onchange: (ev) => { view.open = ev.target.checked; writeHash(); if (data) drawTable(); },
  });
  return [
    h("div", { class: "week-nav", role: "group", "aria-label": t("Week") },
      h("button", { class: "btn btn-icon", type: "button", id: "prev-week", "aria-label": t("Previous week"), title: t("Previous week"), onclick: () => go(addDays(view.week, -7)) }, h("span", { "aria-hidden": "true" }, "\u2039")),
      h("button", { class: "btn", type: "button", id: "this-week", onclick: () => go(mondayOf(today())) }, t("Today")),
      h("button", { class: "btn btn-icon", type: "button", id: "next-week", "aria-label": t("Next week"), title: t("Next week"), onclick: () => go(addDays(view.week, 7)) }, h("span", { "aria-hidden": "true" }, "\u203a"))),
    h("h1", { class: "week-title", id: "week-title" },
      h("span", { class: "week-no" }, t("Week {n}", { n: isoWeek(view.week) })),
      h("span", { class: "week-range" }, dayMonth(view.week) + " \u2013 " + dayMonth(end) + " " + end.slice(0, 4))),
    h("div", { class: "filters" },
      regionSelect ? h("div", { class: "filter" }, h("label", { for: "filter-region", class: "label-inline" }, t("Region")), regionSelect) : null,
      h("div", { class: "filter" }, h("label", { for: "filter-home", class: "label-inline" }, t("Home")), homeSelect),
      h("div", { class: "filter filter-check" }, openBox, h("label", { for: "filter-open" }, t("Only unfilled")))),
  ];
}

function openCount(slot, assigned) {
  return Math.max(0, (slot.needed || 1) - assigned.length);
}

function visitButton(slot, assigned, dayLabel) {
  const open = openCount(slot, assigned);
  const names = assigned.map((a) => firstName(youthName(a.youth)));
  const draft = !!(data.drafts && data.drafts.slots.has(slot.id));
  const activity = slot.activity || t("Visit");
  const time = timeOf(slot.start) + "\u2013" + timeOf(slot.end);
  // The name is the visible text with the home and day before it and
  // the positions after it, for a screen reader (WCAG 2.5.3: the
  // visible text is part of the name, so speech input finds it).
  return h("button", {
    type: "button",
    class: "visit " + (open ? "visit-open" : "visit-full") + (slot.id === selectedSlot() ? " is-selected" : "") + (draft ? " visit-draft" : ""),
    "data-slot": slot.id,
    "data-draft": draft ? "1" : null,
    onclick: (ev) => openPanel(slot.id, ev.currentTarget),
  },
  h("span", { class: "sr-only" }, homeName(slot.home) + ", " + dayLabel + ": "),
  h("span", { class: "visit-time" }, time),
  h("span", { class: "visit-activity" }, activity),
  names.length ? h("span", { class: "visit-people" }, names.join(", ")) : null,
  open ? h("span", { class: "badge badge-open" }, t("{n} open", { n: open })) : null,
  draft ? h("span", { class: "badge badge-draft" }, t("Draft")) : null,
  h("span", { class: "sr-only" }, "\u2013 " + (names.length ? "" : t("Nobody assigned") + ", ")
    + (open ? t("{open} of {needed} positions open", { open, needed: slot.needed || 1 }) : t("Filled"))
    + (draft ? ", " + t("Draft: not published yet") : "")));
}

function drawTable() {
  const area = document.getElementById("board");
  if (!area || !data) return;
  area.setAttribute("aria-busy", "false");
  const days = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(data.week, i));
  const now = today();
  // Slots by home, then by day (0 = Monday), in start order.
  const byHome = new Map();
  let visits = 0;
  let openPositions = 0;
  const sorted = data.slots.slice().sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (const s of sorted) {
    const d = daysBetween(data.week, dateOf(s.start));
    if (d < 0 || d > 6) continue;
    const assigned = data.bySlot.get(s.id) || [];
    const open = openCount(s, assigned);
    if (view.open && open === 0) continue;
    visits += 1;
    openPositions += open;
    if (!byHome.has(s.home)) byHome.set(s.home, [[], [], [], [], [], [], []]);
    byHome.get(s.home)[d].push(s);
  }
  let homes = cache.homes || [];
  if (view.region) homes = homes.filter((x) => x.region === view.region);
  if (view.home) homes = homes.filter((x) => x.id === view.home);
  if (view.open) homes = homes.filter((x) => byHome.has(x.id));
  // Slots of homes not in the list (added since): shown under their id.
  for (const id of byHome.keys()) {
    if (!cache.homeById.has(id) && !view.region && (!view.home || view.home === id)) homes = homes.concat([{ id, name: id }]);
  }
  const summary = h("p", { class: "summary", role: "status" },
    h("span", null, t("Visits: {n}", { n: visits })),
    h("span", { class: openPositions ? "summary-open" : "" }, t("Open positions: {n}", { n: openPositions })),
    data.drafts ? h("span", { id: "draft-count" }, t("Drafts: {n}", { n: data.drafts.slots.size })) : null);
  const publishBar = data.drafts ? h("div", { class: "publish-bar" },
    h("button", {
      class: "btn btn-small", type: "button", id: "publish-open",
      onclick: (ev) => openPublishDialog(ev.currentTarget, data.week, addDays(data.week, 6), view.home, homeName, () => reloadWeek()),
    }, t("Publish..."))) : null;
  if (homes.length === 0 || (view.open && visits === 0)) {
    fill(area, summary, publishBar, h("div", { class: "state state-empty" },
      h("p", { class: "state-title" }, view.open ? t("Every visit this week is filled.") : t("No visits this week.")),
      view.open ? null : h("p", null, t("Visits are added with the rota client or the API; the planner fills them."))));
    return;
  }
  const dayLabels = days.map((d) => weekdayLong(d) + " " + dayMonth(d));
  const head = h("thead", null, h("tr", null,
    h("th", { scope: "col", class: "col-home" }, t("Home")),
    days.map((d) => h("th", { scope: "col", class: "col-day" + (d === now ? " is-today" : ""), "aria-current": d === now ? "date" : null },
      h("span", { class: "day-name" }, weekdayShort(d)), " ", h("span", { class: "day-date" }, dayMonth(d))))));
  const rows = homes.map((home) => {
    const cells = byHome.get(home.id) || [[], [], [], [], [], [], []];
    return h("tr", null,
      h("th", { scope: "row", class: "cell-home" }, home.name),
      cells.map((list, i) => h("td", {
        class: "cell" + (list.length ? "" : " cell-empty") + (days[i] === now ? " is-today" : ""),
        "data-day": dayLabels[i],
      }, list.length ? h("ul", { class: "visits" }, list.map((s) => h("li", null, visitButton(s, data.bySlot.get(s.id) || [], dayLabels[i])))) : null)));
  });
  const none = visits === 0 ? h("p", { class: "notice notice-info", role: "status" }, t("No visits this week.")) : null;
  fill(area, summary, publishBar, none, h("div", { class: "board-scroll" }, h("table", { class: "board" },
    h("caption", { class: "sr-only" }, t("Visits in week {n}, {from} to {to}", { n: isoWeek(data.week), from: longDate(days[0]), to: longDate(days[6]) })),
    head, h("tbody", null, rows))));
}

// Instead of the table: the regions to choose from.
function drawChooser() {
  const area = document.getElementById("board");
  if (!area) return;
  area.setAttribute("aria-busy", "false");
  const count = new Map();
  for (const x of cache.homes || []) if (x.region) count.set(x.region, (count.get(x.region) || 0) + 1);
  fill(area, h("div", { class: "state state-empty", id: "choose-region" },
    h("p", { class: "state-title" }, t("Choose a region")),
    h("p", null, t("{n} homes are too many for one page: choose a region, or a home.", { n: (cache.homes || []).length })),
    h("ul", { class: "region-list" }, regions().map((r) => h("li", null,
      h("button", { class: "btn btn-small", type: "button", "data-region": r, onclick: () => { view.region = r; writeHash(); showBoard(main, true); } }, r),
      " (" + count.get(r) + ")")))));
}

// Loads a slot's assignments, for the panel after a change too.
export async function slotAssignments(slotId) {
  const assignments = await listAll("/api/v1/assignments?names=true&slot=" + encodeURIComponent(slotId), "assignments");
  keepNames(assignments);
  return assignments;
}

export async function getSlot(slotId) {
  return api("GET", "/api/v1/slots/" + encodeURIComponent(slotId));
}

export function knownYouth(id) {
  return cache.youths.get(id) || null;
}
