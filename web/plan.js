// SPDX-License-Identifier: ISC
// Plan a period (issue 19, screen 4): a date range (next week by default)
// and a scope (every home the user may plan, or one), a dry run of the
// solver that answers at once (POST /api/v1/schedule with "wait": false),
// its progress polled (GET /api/v1/schedule/{run}), then the preview: per
// home and per youth what would be added and removed, and every position
// left open with its reason, to apply (POST .../apply writes exactly that
// preview) or discard (DELETE).  The address is "#plan".
import { api, listAll } from "./api.js";
import { firstName, homeName, loadHomes } from "./board.js";
import { addDays, dateOf, dayMonth, isDate, mondayOf, timeOf, today, weekdayShort } from "./dates.js";
import { fill, h, uid } from "./dom.js";
import { t } from "./i18n.js";

const POLL_MS = 400;

let generation = 0; // the run on screen
let screens = 0; // the screen drawn
let current = null; // { run } of the run on screen, for discard

function when(item) {
  if (!item.start) return "";
  const d = dateOf(item.start);
  return weekdayShort(d) + " " + dayMonth(d) + " " + timeOf(item.start) + "–" + timeOf(item.end || item.start);
}

function field(id, label, control) {
  return h("div", { class: "plan-field" }, h("label", { for: id, class: "label" }, label), control);
}

export async function showPlan(main) {
  const gen = ++screens;
  ++generation;
  current = null;
  const monday = addDays(mondayOf(today()), 7);
  const ids = { from: uid("plan-from"), to: uid("plan-to"), home: uid("plan-home"), secs: uid("plan-secs") };
  const from = h("input", { type: "date", id: ids.from, class: "input", value: monday, required: true, name: "from" });
  const to = h("input", { type: "date", id: ids.to, class: "input", value: addDays(monday, 6), required: true, name: "to" });
  const home = h("select", { id: ids.home, class: "select input", name: "home" },
    h("option", { value: "" }, t("All my homes")));
  const secs = h("input", { type: "number", id: ids.secs, class: "input", value: "5", min: "1", max: "60", step: "1", name: "seconds", inputmode: "numeric" });
  const err = h("p", { class: "form-error", role: "alert", hidden: true, id: "plan-error" });
  const runBtn = h("button", { class: "btn btn-primary", type: "submit", id: "plan-run" }, t("Run the planner"));
  const out = h("div", { id: "plan-out", "aria-live": "polite" });
  const form = h("form", { class: "plan-form", id: "plan-form", novalidate: true, onsubmit: (ev) => { ev.preventDefault(); start(); } },
    h("div", { class: "plan-fields" },
      field(ids.from, t("From"), from),
      field(ids.to, t("To"), to),
      field(ids.home, t("Homes"), home),
      field(ids.secs, t("Seconds to plan"), secs)),
    err,
    h("div", { class: "button-row" }, runBtn));

  fill(main,
    h("div", { class: "toolbar" }, h("h1", { class: "week-title", id: "plan-title" }, t("Plan a period"))),
    h("p", { class: "lead" }, t("rota fills the open positions in the period and keeps every labour-law limit. Nothing is saved until you apply the preview.")),
    form, out);

  try {
    await loadHomes();
    const homes = await listAll("/api/v1/homes", "homes");
    if (gen !== screens) return;
    for (const x of homes.sort((a, b) => a.name.localeCompare(b.name))) {
      home.appendChild(h("option", { value: x.id }, x.name));
    }
  } catch (e) {
    if (gen !== screens) return;
    showError(e.message);
  }

  function showError(msg, input) {
    err.hidden = !msg;
    fill(err, msg || "");
    for (const x of [from, to, secs]) x.removeAttribute("aria-invalid");
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  }

  async function start() {
    showError("");
    const f = from.value;
    const tt = to.value;
    const s = Number(secs.value);
    if (!isDate(f)) return showError(t("Give the first day of the period."), from);
    if (!isDate(tt) || tt < f) return showError(t("The last day must be on or after the first."), to);
    if (!(s >= 1 && s <= 60)) return showError(t("Give from 1 to 60 seconds."), secs);
    if (current) discardQuietly(current.run);
    const body = { from: f, to: tt, dry_run: true, seconds: s, wait: false };
    if (home.value) body.home = home.value;
    runBtn.disabled = true;
    runBtn.setAttribute("aria-busy", "true");
    const my = ++generation;
    try {
      const r = await api("POST", "/api/v1/schedule", body);
      if (my !== generation) return;
      current = { run: r.run };
      await follow(my, r);
    } catch (e) {
      if (my !== generation) return;
      fill(out);
      showError(e.message, e.field === "from" ? from : e.field === "to" ? to : e.field === "seconds" ? secs : null);
    } finally {
      if (my === generation) {
        runBtn.disabled = false;
        runBtn.removeAttribute("aria-busy");
      }
    }
  }

  // Polls the run until it is done, drawing its progress.
  async function follow(my, first) {
    const bar = h("progress", { id: "plan-progress", class: "plan-progress", role: "progressbar", max: "100", value: "0", "aria-label": t("Planning progress") });
    const line = h("p", { class: "summary", id: "plan-status" });
    const stop = h("button", { class: "btn", type: "button", id: "plan-stop", onclick: () => { discardQuietly(first.run); current = null; ++generation; fill(out); runBtn.disabled = false; runBtn.removeAttribute("aria-busy"); runBtn.focus(); } }, t("Stop"));
    fill(out, h("section", { class: "plan-running", "aria-labelledby": "plan-running-title" },
      h("h2", { class: "sub-title", id: "plan-running-title" }, t("Planning...")), bar, line, stop));
    let run = first;
    for (;;) {
      if (run.state === "done") break;
      if (run.state === "failed") throw Object.assign(new Error((run.error && run.error.message) || t("The planner failed. Try again.")), { field: null });
      const elapsed = run.elapsed || 0;
      const budget = run.budget || 1;
      const pct = Math.min(100, Math.round(100 * elapsed / budget));
      bar.value = pct;
      bar.setAttribute("aria-valuenow", String(pct));
      bar.setAttribute("aria-valuetext", t("{n} of {m} seconds", { n: Math.round(elapsed), m: Math.round(budget) }));
      fill(line, t("{n} of {m} seconds", { n: Math.round(elapsed), m: Math.round(budget) }),
        run.best ? h("span", null, t("Best so far: {filled} of {positions} positions filled", { filled: run.best.filled, positions: run.best.positions })) : null);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (my !== generation) return;
      run = await api("GET", "/api/v1/schedule/" + encodeURIComponent(first.run));
      if (my !== generation) return;
    }
    drawPreview(my, run.result);
  }

  function drawPreview(my, res) {
    const added = res.assigned || [];
    const removed = res.removed || [];
    const open = res.unfilled || [];
    const byHome = new Map();
    const entry = (k) => {
      if (!byHome.has(k)) byHome.set(k, { added: [], removed: [], open: [] });
      return byHome.get(k);
    };
    for (const a of added) entry(a.home || "").added.push(a);
    for (const a of removed) entry(a.home || "").removed.push(a);
    for (const u of open) entry(u.home || "").open.push(u);
    const byYouth = new Map();
    for (const [kind, list] of [["added", added], ["removed", removed]]) {
      for (const a of list) {
        if (!byYouth.has(a.youth)) byYouth.set(a.youth, { name: a.name || firstName(a.youth), added: [], removed: [] });
        byYouth.get(a.youth)[kind].push(a);
      }
    }
    const homes = [...byHome.keys()].sort((a, b) => homeName(a).localeCompare(homeName(b)));
    const youths = [...byYouth.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name));
    const sortByStart = (l) => l.slice().sort((a, b) => (a.start || "").localeCompare(b.start || ""));
    const change = (a, sign, who) => h("li", { class: "plan-change plan-" + (sign === "+" ? "add" : "remove") },
      h("span", { class: "plan-sign", "aria-hidden": "true" }, sign),
      h("span", { class: "sr-only" }, sign === "+" ? t("Added:") : t("Removed:")),
      h("span", { class: "plan-when" }, when(a)), " ", h("span", { class: "plan-who" }, who));
    const applyBtn = h("button", { class: "btn btn-primary", type: "button", id: "plan-apply", onclick: apply }, t("Apply the plan"));
    const discardBtn = h("button", { class: "btn", type: "button", id: "plan-discard", onclick: discard }, t("Discard"));
    const note = h("div", { id: "plan-result", role: "status" });
    const nothing = added.length === 0 && removed.length === 0;
    fill(out, h("section", { class: "plan-preview", "aria-labelledby": "plan-preview-title" },
      h("h2", { class: "sub-title", id: "plan-preview-title", tabindex: "-1" }, t("Preview")),
      h("p", { class: "summary", id: "plan-summary" },
        h("span", null, t("Visits to add: {n}", { n: added.length })),
        h("span", null, t("To remove: {n}", { n: removed.length })),
        h("span", { class: open.length ? "summary-open" : null }, t("Open positions: {n}", { n: open.reduce((s, u) => s + (u.missing || 1), 0) }))),
      nothing ? h("p", { class: "notice notice-info" }, t("The planner found nothing to change in this period.")) : null,
      h("div", { class: "button-row plan-actions" }, nothing ? null : applyBtn, discardBtn),
      note,
      h("div", { class: "plan-columns" },
        h("div", { class: "plan-col" },
          h("h3", { class: "section-title" }, t("Per home")),
          homes.length === 0 ? h("p", { class: "muted" }, t("No visits in the period.")) : null,
          homes.map((k) => {
            const e = byHome.get(k);
            return h("div", { class: "plan-group", "data-home": k },
              h("h4", { class: "plan-group-title" }, homeName(k)),
              h("ul", { class: "plain-list" },
                sortByStart(e.added).map((a) => change(a, "+", a.name || a.youth)),
                sortByStart(e.removed).map((a) => change(a, "−", a.name || a.youth)),
                sortByStart(e.open).map((u) => h("li", { class: "plan-open" },
                  h("span", { class: "badge badge-open" }, t("{n} open", { n: u.missing })), " ",
                  h("span", { class: "plan-when" }, when(u)), " ",
                  h("span", { class: "plan-reason" }, u.reason)))));
          })),
        h("div", { class: "plan-col" },
          h("h3", { class: "section-title" }, t("Per youth")),
          youths.length === 0 ? h("p", { class: "muted" }, t("Nobody gets a new visit.")) : null,
          youths.map(([id, y]) => h("div", { class: "plan-group", "data-youth": id },
            h("h4", { class: "plan-group-title" }, y.name),
            h("ul", { class: "plain-list" },
              sortByStart(y.added).map((a) => change(a, "+", homeName(a.home))),
              sortByStart(y.removed).map((a) => change(a, "−", homeName(a.home))))))),
        h("div", { class: "plan-col" },
          h("h3", { class: "section-title" }, t("Open positions")),
          open.length === 0 ? h("p", { class: "muted" }, t("Every position is filled.")) : null,
          h("ul", { class: "plain-list", id: "plan-unfilled" },
            sortByStart(open).map((u) => h("li", { class: "plan-open" },
              h("span", { class: "plan-when" }, when(u)), " · ", homeName(u.home), " · ",
              h("span", { class: "badge badge-open" }, t("{n} open", { n: u.missing })),
              h("div", { class: "plan-reason" }, u.reason))))))));
    const title = document.getElementById("plan-preview-title");
    if (title) title.focus();

    async function apply() {
      applyBtn.disabled = true;
      discardBtn.disabled = true;
      applyBtn.setAttribute("aria-busy", "true");
      try {
        const r = await api("POST", "/api/v1/schedule/" + encodeURIComponent(res.run) + "/apply");
        if (my !== generation) return;
        current = null;
        applyBtn.remove();
        discardBtn.remove();
        const week = mondayOf(r.from);
        fill(note, h("div", { class: "notice notice-info", id: "plan-applied" },
          h("p", null, t("The plan is saved: {n} visits added, {m} removed.", { n: (r.assigned || []).length, m: (r.removed || []).length })),
          h("a", { href: "#week=" + week, id: "plan-board-link", class: "btn btn-secondary" }, t("Open the week on the board"))));
        const link = document.getElementById("plan-board-link");
        if (link) link.focus();
      } catch (e) {
        if (my !== generation) return;
        applyBtn.removeAttribute("aria-busy");
        discardBtn.disabled = false;
        current = null;
        applyBtn.remove();
        fill(note, h("p", { class: "notice notice-error", role: "alert", id: "plan-apply-error" }, e.message));
      }
    }

    async function discard() {
      discardBtn.disabled = true;
      if (current) discardQuietly(current.run);
      current = null;
      ++generation;
      fill(out);
      runBtn.focus();
    }
  }
}

function discardQuietly(run) {
  api("DELETE", "/api/v1/schedule/" + encodeURIComponent(run)).catch(() => null);
}
