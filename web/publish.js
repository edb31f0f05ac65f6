// SPDX-License-Identifier: ISC
// Draft and publish (issue 16) on the board: with options.publish
// "manual" the visits that differ from what was published are drafts.
// draftSlots() asks the preview of a range which visits those are (the
// visits a publish would copy: GET /api/v1/publish/preview); the dialog
// shows a range, the preview of who will be told what, and publishes
// exactly that preview (POST /api/v1/publish with its preview_version).
// When the visits changed meanwhile (409) it previews again and says so.
import { api } from "./api.js";
import { isDate, longDate, timeOf, dateOf } from "./dates.js";
import { fill, h } from "./dom.js";
import { t } from "./i18n.js";

function previewPath(from, to, home) {
  const p = new URLSearchParams();
  if (from) p.set("from", from);
  if (to) p.set("to", to);
  if (home) p.set("home", home);
  return "/api/v1/publish/preview?" + p.toString();
}

// The ids of the slots and assignments that are drafts in [from, to]
// (one home or all), or null: publishing is immediate, or the caller may
// not preview (a viewer).
export async function draftSlots(from, to, home) {
  let p;
  try {
    p = await api("GET", previewPath(from, to, home));
  } catch (e) {
    return null;
  }
  if (!p || !p.manual) return null;
  // Exactly the visits a publish would copy (as the board rotad renders).
  const slots = new Set(p.slot_ids || []);
  const assignments = new Set();
  const visit = (v) => { if (v && v.slot) slots.add(v.slot); };
  const each = (subjects) => {
    for (const s of subjects || []) {
      for (const k of ["added", "cancelled"]) for (const e of s[k] || []) { visit(e); if (e.assignment) assignments.add(e.assignment); }
      for (const k of ["moved", "changed"]) for (const e of s[k] || []) { visit(e.from); visit(e.to); if (e.assignment) assignments.add(e.assignment); }
    }
  };
  each(p.homes);
  each(p.youths);
  return { slots, assignments };
}

function visitText(v) {
  if (!v) return "";
  return longDate(dateOf(v.start)) + " " + timeOf(v.start) + "\u2013" + timeOf(v.end) +
    (v.activity ? " (" + v.activity + ")" : "");
}

// One line per change of a youth or a home: "new: Saturday 12 December ...".
function subjectItems(s, homeName) {
  const items = [];
  const at = (v) => visitText(v) + ", " + homeName(v.home);
  for (const e of s.added || []) items.push(t("new: {visit}", { visit: at(e) }));
  for (const e of s.moved || []) items.push(t("moved: {from} to {to}", { from: at(e.from), to: at(e.to) }));
  for (const e of s.cancelled || []) items.push(t("cancelled: {visit}", { visit: at(e) }));
  for (const e of s.changed || []) items.push(t("changed: {visit}", { visit: at(e.to) }));
  return items;
}

function previewView(p, homeName) {
  if (!p.slots) return h("p", { class: "muted", id: "publish-nothing" }, t("Nothing to publish in this range."));
  const section = (title, id, subjects) => subjects.length ? h("section", { "aria-labelledby": id },
    h("h3", { class: "section-title", id }, title),
    h("ul", { class: "publish-list" }, subjects.map((s) => h("li", { "data-subject": s.id },
      h("strong", null, s.name),
      h("ul", null, subjectItems(s, homeName).map((x) => h("li", null, x))))))) : null;
  return [
    h("p", { id: "publish-count" }, t("{n} visits will be published.", { n: p.slots })),
    section(t("Youths who will be told"), "publish-youths-title", p.youths || []),
    section(t("Homes whose calendar and week page change"), "publish-homes-title", p.homes || []),
  ];
}

// Opens the dialog for [from, to] (the board's week) at home (or all);
// done() runs after a publish (the board draws its week again).
export function openPublishDialog(opener, from, to, home, homeName, done) {
  const old = document.getElementById("publish-dialog");
  if (old) old.remove();
  const fromInput = h("input", { type: "date", id: "publish-from", class: "input", value: from, required: true });
  const toInput = h("input", { type: "date", id: "publish-to", class: "input", value: to, required: true });
  const status = h("p", { id: "publish-status", role: "status", "aria-live": "polite" });
  const body = h("div", { id: "publish-preview" });
  const publishBtn = h("button", { class: "btn btn-primary", type: "button", id: "publish-confirm", disabled: true }, t("Publish"));
  const closeBtn = h("button", { class: "btn btn-quiet", type: "button", id: "publish-close" }, t("Close"));
  let current = null;
  const dialog = h("dialog", { id: "publish-dialog", class: "publish-dialog", "aria-labelledby": "publish-title" },
    h("h2", { id: "publish-title" }, t("Publish the drafts")),
    h("form", { class: "publish-range", id: "publish-range", onsubmit: (ev) => { ev.preventDefault(); preview(); } },
      h("div", null, h("label", { for: "publish-from" }, t("From")), fromInput),
      h("div", null, h("label", { for: "publish-to" }, t("To")), toInput),
      h("button", { class: "btn", type: "submit", id: "publish-preview-btn" }, t("Preview"))),
    status, body,
    h("div", { class: "publish-bar" }, publishBtn, closeBtn));

  async function preview(message) {
    publishBtn.disabled = true;
    current = null;
    if (!isDate(fromInput.value) || !isDate(toInput.value)) {
      status.textContent = t("Choose the first and the last day.");
      return;
    }
    status.textContent = message || t("Loading the preview...");
    try {
      const p = await api("GET", previewPath(fromInput.value, toInput.value, home));
      current = p;
      fill(body, previewView(p, homeName));
      publishBtn.disabled = !p.slots;
      status.textContent = message || "";
    } catch (e) {
      fill(body);
      status.textContent = e.message;
    }
  }

  publishBtn.addEventListener("click", async () => {
    if (!current) return;
    publishBtn.disabled = true;
    const req = { from: fromInput.value, to: toInput.value, preview_version: current.preview_version };
    if (home) req.homes = [home];
    try {
      const r = await api("POST", "/api/v1/publish", req);
      current = null;
      fill(body);
      // The app has no plural forms (t() is gettext without ngettext):
      // a count stands after a label, as in "Visits: {n}".
      status.textContent = t("Visits published: {n}", { n: r.slots });
      if (done) done();
    } catch (e) {
      if (e.status === 409 && e.field === "preview_version") {
        await preview(t("The visits changed since the preview. Here is the new preview: check it and publish again."));
      } else {
        status.textContent = e.message;
        publishBtn.disabled = false;
      }
    }
  });
  closeBtn.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => { dialog.remove(); if (opener && opener.isConnected) opener.focus(); });
  document.body.appendChild(dialog);
  dialog.showModal();
  preview();
  return dialog;
}
