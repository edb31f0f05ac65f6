// SPDX-License-Identifier: ISC
// The visit panel (issue 19, screen 2): a visit's details and youths;
// remove an assignment, cancel it (a sick call), and "who can take it":
// GET /api/v1/slots/{id}/candidates (eligible first, each other youth with
// every reason), or the youths who may work at the home where rotad has
// no such route yet.  A refused change (409 rule_violation) shows every
// broken rule with its legal reference where the user acted; forcing it
// needs a second, explicit confirmation and a reason, and is sent with
// ?force=true&reason=TEXT (the audit row keeps the reason).
import { api, listAll } from "./api.js";
import { firstName, getSlot, homeName, knownYouth, reloadWeek, slotAssignments, youthName } from "./board.js";
import { dateOf, longDate, timeOf } from "./dates.js";
import { fill, h, uid } from "./dom.js";
import { t } from "./i18n.js";
import { openYouth } from "./youth.js";

const SHOWN = 60; // candidates drawn at once; the search narrows the rest

let panel = null;
let current = null; // { slotId, returnTo, slot, assignments, candidates, ranked, query }

function ensurePanel() {
  if (panel && panel.isConnected) return panel;
  panel = h("div", {
    id: "panel", class: "panel", role: "dialog", "aria-modal": "false",
    "aria-labelledby": "panel-title", hidden: true,
    onkeydown: (ev) => { if (ev.key === "Escape") { ev.preventDefault(); closePanel(); } },
  });
  document.getElementById("app").appendChild(panel);
  return panel;
}

// The slot whose panel is open, or null (the board marks its visit).
export function selectedSlot() {
  return current && panel && !panel.hidden ? current.slotId : null;
}

function mark(slotId) {
  for (const b of document.querySelectorAll(".visit.is-selected")) b.classList.remove("is-selected");
  const v = slotId && document.querySelector('.visit[data-slot="' + CSS.escape(slotId) + '"]');
  if (v) v.classList.add("is-selected");
}

export function closePanel() {
  if (!panel) return;
  mark(null);
  panel.hidden = true;
  document.body.classList.remove("has-panel");
  const back = current && document.querySelector('.visit[data-slot="' + CSS.escape(current.slotId) + '"]');
  current = null;
  if (back) back.focus();
}

export async function openPanel(slotId, returnTo) {
  ensurePanel();
  current = { slotId, returnTo, slot: null, assignments: [], candidates: null, ranked: false, query: "" };
  panel.hidden = false;
  document.body.classList.add("has-panel");
  mark(slotId);
  fill(panel, header(t("Visit")), h("div", { class: "panel-body" },
    h("p", { class: "state state-loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("Loading the visit..."))));
  panel.querySelector("#panel-title").focus();
  await load(current);
}

async function load(cur) {
  try {
    const [slot, assignments] = await Promise.all([getSlot(cur.slotId), slotAssignments(cur.slotId)]);
    if (cur !== current) return;
    cur.slot = slot;
    cur.assignments = assignments;
    draw();
    await loadCandidates(cur);
    if (cur !== current) return;
    drawCandidates();
  } catch (e) {
    if (cur !== current) return;
    fill(panel, header(t("Visit")), h("div", { class: "panel-body" },
      h("div", { class: "notice notice-error", role: "alert" }, e.message)));
  }
}

async function loadCandidates(cur) {
  const active = new Set(cur.assignments.filter((a) => a.status === "active").map((a) => a.youth));
  try {
    const j = await api("GET", "/api/v1/slots/" + encodeURIComponent(cur.slotId) + "/candidates");
    cur.candidates = j.candidates || [];
    cur.ranked = true;
  } catch (e) {
    if (e.status !== 404 && e.status !== 405) throw e;
    // No candidates route in this rotad: the youths who may work there.
    const ys = await listAll("/api/v1/youths?home=" + encodeURIComponent(cur.slot.home), "youths");
    ys.sort((a, b) => a.name.localeCompare(b.name));
    cur.candidates = ys.map((y) => ({ youth: y.id, name: y.name, assigned: active.has(y.id), eligible: null, reasons: [] }));
    cur.ranked = false;
  }
}

function header(title) {
  return h("div", { class: "panel-head" },
    h("h2", { id: "panel-title", class: "panel-title", tabindex: "-1" }, title),
    h("button", { class: "btn btn-icon btn-quiet", type: "button", id: "panel-close", "aria-label": t("Close"), title: t("Close"), onclick: closePanel },
      h("span", { "aria-hidden": "true" }, "\u00d7")));
}

function status(msg) {
  const s = panel && panel.querySelector(".panel-status");
  if (s) s.textContent = msg;
}

function draw() {
  const s = current.slot;
  const active = current.assignments.filter((a) => a.status === "active");
  const cancelled = current.assignments.filter((a) => a.status === "cancelled");
  const needed = s.needed || 1;
  const open = Math.max(0, needed - active.length);
  const skills = Object.keys(s.requires || {});
  const facts = [
    [t("Home"), homeName(s.home)],
    [t("Date"), longDate(dateOf(s.start))],
    [t("Time"), timeOf(s.start) + "\u2013" + timeOf(s.end)],
    [t("Positions"), t("{assigned} of {needed} filled", { assigned: active.length, needed })],
  ];
  const hadFocus = panel.contains(document.activeElement);
  if (s.min_age) facts.push([t("Minimum age"), String(s.min_age)]);
  if (skills.length) facts.push([t("Needs"), skills.join(", ")]);
  fill(panel,
    header(s.activity || t("Visit")),
    h("div", { class: "panel-body" },
      h("p", { class: "panel-status sr-only", role: "status", "aria-live": "polite" }),
      h("dl", { class: "facts" }, facts.map(([k, v]) => [h("dt", null, k), h("dd", null, v)])),
      open ? h("p", { class: "badge badge-open badge-lg" }, t("{n} open", { n: open })) : h("p", { class: "badge badge-full badge-lg" }, t("Filled")),
      s.draft ? h("p", { class: "badge badge-draft badge-lg", id: "panel-draft" }, t("Draft: not published yet")) : null,
      h("section", { class: "panel-section", "aria-labelledby": "assigned-title" },
        h("h3", { id: "assigned-title", class: "section-title" }, t("Assigned")),
        active.length ? h("ul", { class: "people" }, active.map(assignedRow))
          : h("p", { class: "muted" }, t("Nobody is assigned yet."))),
      cancelled.length ? h("section", { class: "panel-section", "aria-labelledby": "cancelled-title" },
        h("h3", { id: "cancelled-title", class: "section-title" }, t("Cancelled")),
        h("ul", { class: "people" }, cancelled.map((a) => h("li", { class: "person person-cancelled" },
          h("span", { class: "person-name" }, youthName(a.youth)), h("span", { class: "tag" }, t("sick call")))))) : null,
      h("section", { class: "panel-section", "aria-labelledby": "cand-title", id: "candidates" },
        h("h3", { id: "cand-title", class: "section-title" }, t("Who can take it")),
        h("p", { class: "state state-loading" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("Finding youths...")))));
  // Drawn anew: the focus stays in the panel, on its title.
  if (hadFocus) panel.querySelector("#panel-title").focus();
}

function assignedRow(a) {
  const name = youthName(a.youth);
  const refusal = h("div", { class: "refusal-slot" });
  const remove = h("button", { class: "btn btn-small btn-quiet", type: "button", "aria-label": t("Remove {name} from this visit", { name }) }, t("Remove"));
  const cancel = h("button", { class: "btn btn-small", type: "button", "aria-label": t("Sick call: {name} is not coming", { name }) }, t("Sick call"));
  const doRemove = (reason) => change(remove, refusal, () => api("DELETE", "/api/v1/assignments/" + encodeURIComponent(a.id) + forceQuery(reason)),
    t("{name} is removed from the visit.", { name }), t("Remove anyway"), doRemove);
  remove.addEventListener("click", () => doRemove(false));
  cancel.addEventListener("click", () => sickCall(a, name, cancel, refusal));
  return h("li", { class: "person" },
    h("div", { class: "person-main" },
      h("button", { class: "person-name link-button", type: "button", "data-youth": a.youth,
        "aria-label": t("Open {name}'s panel", { name }), onclick: (ev) => openYouth(a.youth, ev.currentTarget) }, name),
      a.made_by === "solver" ? h("span", { class: "tag" }, t("planner")) : null,
      a.draft ? h("span", { class: "badge badge-draft", title: t("Draft: not published yet") }, t("Draft")) : null,
      h("span", { class: "person-actions" }, cancel, remove)),
    refusal);
}

// A sick call in two steps: first who would replace the youth (GET
// .../replacement: the refill's own choice, nothing written), then the
// coordinator accepts it with that replacement, or without one, or goes
// back.  The cancel makes the choice again, so its answer says who came.
async function sickCall(a, name, b, where) {
  const path = "/api/v1/assignments/" + encodeURIComponent(a.id);
  fill(where);
  b.disabled = true;
  b.setAttribute("aria-busy", "true");
  let s;
  try {
    s = await api("GET", path + "/replacement");
  } catch (e) {
    b.disabled = false;
    b.removeAttribute("aria-busy");
    showRefusal(where, e, null, null);
    return;
  }
  b.disabled = false;
  b.removeAttribute("aria-busy");
  const back = h("button", { class: "btn btn-small btn-quiet", type: "button", onclick: () => { fill(where); b.focus(); } }, t("Back"));
  const without = h("button", { class: "btn btn-small" + (s.replacement ? " btn-secondary" : " btn-primary"), type: "button" },
    s.replacement ? t("Sick call, leave the place open") : t("Sick call"));
  without.addEventListener("click", () => change(without, where, () => api("POST", path + "/cancel", { refill: false }),
    t("{name} is cancelled (sick call).", { name }), null, null));
  let withRepl = null;
  if (s.replacement) {
    const other = firstName(s.replacement.name || s.replacement.youth);
    withRepl = h("button", { class: "btn btn-small btn-primary", type: "button" }, t("Sick call and put {other} on", { other }));
    withRepl.addEventListener("click", () => change(withRepl, where, () => api("POST", path + "/cancel", { refill: true }),
      t("{name} is cancelled (sick call); the planner put a replacement on.", { name }), null, null));
  }
  fill(where, h("div", { class: "suggest", role: "group", "aria-label": t("Sick call: {name} is not coming", { name }) },
    h("p", { class: "suggest-title" }, s.replacement
      ? t("{other} can take the visit instead of {name}.", { other: s.replacement.name || s.replacement.youth, name: firstName(name) })
      : t("Nobody can take the visit instead of {name}: {why}", { name: firstName(name), why: s.refill_reason || "" })),
    h("div", { class: "button-row" }, withRepl, without, back)));
  (withRepl || without).focus();
}

// Runs a change from button b; a refusal is shown in `where`.
async function change(b, where, call, done, forceLabel, retry) {
  fill(where);
  b.disabled = true;
  b.setAttribute("aria-busy", "true");
  try {
    await call();
  } catch (e) {
    b.disabled = false;
    b.removeAttribute("aria-busy");
    showRefusal(where, e, forceLabel, retry);
    return;
  }
  const cur = current;
  status(done);
  await Promise.all([load(cur), reloadWeek().catch(() => null)]);
  status(done);
  // The row acted on is drawn anew: keep the focus in the panel.
  if (panel && !panel.hidden && !panel.contains(document.activeElement)) {
    const title = panel.querySelector("#panel-title");
    if (title) title.focus();
  }
}

// The refusal, where the user acted: every broken rule with its legal
// reference; for a rule violation, forcing as a second, explicit step.
export function showRefusal(where, e, forceLabel, retry) {
  if (e.code !== "rule_violation") {
    fill(where, h("div", { class: "refusal", role: "alert" }, h("p", { class: "refusal-title" }, e.message)));
    return;
  }
  const more = e.violationsTotal - e.violations.length;
  const step = h("div", { class: "refusal-actions" });
  const box = h("div", { class: "refusal", role: "alert" },
    h("p", { class: "refusal-title" }, t("Refused: this would break the rules")),
    h("ul", { class: "rules" }, e.violations.map((v) => h("li", { class: "rule" },
      h("span", { class: "rule-message" }, v.message),
      v.reference ? h("span", { class: "rule-ref", title: v.rule || "" }, v.reference) : null))),
    more > 0 ? h("p", { class: "muted" }, t("And {n} more.", { n: more })) : null,
    step);
  if (forceLabel && retry) {
    const override = h("button", { class: "btn btn-small btn-danger-outline", type: "button" }, t("Override the rules..."));
    const dismiss = h("button", { class: "btn btn-small btn-quiet", type: "button", onclick: () => fill(where) }, t("Dismiss"));
    override.addEventListener("click", () => {
      const id = uid("confirm");
      const rid = uid("reason");
      const mid = uid("reason-msg");
      // Forcing needs both the checkbox and the reason (kept in the audit
      // row as force_reason); the button stays disabled until both are given.
      const go = h("button", { class: "btn btn-small btn-danger", type: "button", disabled: true, id: "force-go" }, forceLabel);
      const msg = h("p", { id: mid, class: "field-error force-reason-msg", "aria-live": "polite" });
      const reason = h("input", {
        type: "text", id: rid, class: "input input-small force-reason", maxlength: "500", required: true,
        "aria-required": "true", "aria-describedby": mid, autocomplete: "off",
      });
      const box2 = h("input", { type: "checkbox", id, class: "checkbox" });
      const given = () => reason.value.trim() !== "";
      const update = (touched) => {
        go.disabled = !(box2.checked && given());
        const empty = touched && !given();
        msg.textContent = empty ? t("Write why you force this change.") : "";
        reason.setAttribute("aria-invalid", empty ? "true" : "false");
      };
      box2.addEventListener("change", () => update(false));
      reason.addEventListener("input", () => update(true));
      reason.addEventListener("blur", () => update(true));
      reason.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && !go.disabled) { ev.preventDefault(); go.click(); } });
      go.addEventListener("click", () => { if (box2.checked && given()) retry(reason.value.trim()); else update(true); });
      fill(step,
        h("div", { class: "confirm" }, box2, h("label", { for: id }, t("I have a reason the rules cannot know and I answer for this change. It is recorded in the audit log."))),
        h("div", { class: "field force-reason-field" }, h("label", { for: rid, class: "label" }, t("Reason (kept in the audit log)")), reason, msg),
        h("div", { class: "button-row" }, go, h("button", { class: "btn btn-small btn-quiet", type: "button", onclick: () => fill(where) }, t("Cancel"))));
      box2.focus();
    });
    fill(step, h("div", { class: "button-row" }, override, dismiss));
  }
  fill(where, box);
  const first = where.querySelector("button");
  if (first) first.focus();
}

// The query of a change: none, or ?force=true with the person's reason.
function forceQuery(reason) {
  return reason ? "?force=true&reason=" + encodeURIComponent(reason) : "";
}

function drawCandidates() {
  const sec = panel.querySelector("#candidates");
  if (!sec) return;
  const list = h("ul", { class: "cands", id: "cand-list" });
  const search = h("input", {
    type: "search", id: "cand-search", class: "input input-small", placeholder: t("Search by name"),
    "aria-label": t("Search youths by name"), value: current.query,
    oninput: (ev) => { current.query = ev.target.value; drawList(list); },
  });
  fill(sec, h("h3", { id: "cand-title", class: "section-title" }, t("Who can take it")),
    current.ranked ? h("p", { class: "muted small" }, t("Those who may legally take it first, best suited at the top.")) :
      h("p", { class: "muted small" }, t("Youths who may work at this home. rotad checks the rules when you assign.")),
    search, list);
  drawList(list);
}

function drawList(list) {
  const q = current.query.trim().toLowerCase();
  const all = current.candidates.filter((c) => !c.assigned && (!q || (c.name || "").toLowerCase().includes(q)));
  if (all.length === 0) {
    fill(list, h("li", { class: "muted" }, q ? t("Nobody matches the search.") : t("Nobody else can be assigned here.")));
    return;
  }
  const shown = all.slice(0, SHOWN);
  fill(list, shown.map(candidateRow),
    all.length > shown.length ? h("li", { class: "muted small" }, t("{n} more: search by name to find them.", { n: all.length - shown.length })) : null);
}

function candidateRow(c) {
  const y = knownYouth(c.youth);
  const name = c.name || (y ? y.name : c.youth);
  const refusal = h("div", { class: "refusal-slot" });
  const ineligible = c.eligible === false;
  const b = h("button", {
    class: "btn btn-small " + (ineligible ? "btn-secondary" : "btn-primary"), type: "button",
    "data-youth": c.youth, "aria-label": t("Assign {name}", { name }),
  }, t("Assign"));
  const doAssign = (reason) => change(b, refusal,
    () => api("POST", "/api/v1/assignments" + forceQuery(reason), { slot: current.slotId, youth: c.youth }),
    t("{name} is assigned.", { name: firstName(name) }), t("Assign anyway"), doAssign);
  b.addEventListener("click", () => doAssign(false));
  return h("li", { class: "cand" + (ineligible ? " cand-ineligible" : "") },
    h("div", { class: "cand-main" },
      h("span", { class: "cand-name" }, name),
      c.age ? h("span", { class: "cand-age" }, t("{age} years", { age: c.age })) : null,
      ineligible ? h("span", { class: "tag tag-warn" }, t("not allowed")) : null,
      b),
    c.reasons && c.reasons.length ? h("ul", { class: "rules rules-quiet" }, c.reasons.map((r) => h("li", { class: "rule" },
      h("span", { class: "rule-message" }, r.message),
      r.reference ? h("span", { class: "rule-ref", title: r.rule || "" }, r.reference) : null))) : null,
    refusal);
}
