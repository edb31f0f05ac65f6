// SPDX-License-Identifier: ISC
// The named school calendars (issue 15; issue 19, screen 6, "#calendars",
// admins, reached from Settings): the list (GET /api/v1/school-calendars:
// the default marked, how many youths and homes follow each), adding one
// (POST), changing one (GET .../{id} for its ETag, then PUT with If-Match;
// a 412 says someone else saved first and offers what it says now), making
// one the default (PUT with "default": true) and deleting one (DELETE,
// after a question; the 409 of a calendar still followed is shown at the
// button).  Each error next to the field the API names.
import {
  calendarBody, clearErrors, emptyState, errorState, field, formErrorBox, loadingState, periods, showFieldError,
} from "./admin.js";
import { api } from "./api.js";
import { fill, h } from "./dom.js";
import { t } from "./i18n.js";
import { showProblem } from "./settings.js";

const BASE = "/api/v1/school-calendars";

function oneUrl(id) {
  return BASE + "/" + encodeURIComponent(id);
}

// What a person calls a calendar: its name, else its id.
function title(c) {
  return c.name || c.id;
}

export function showCalendars(main) {
  const area = h("div", { id: "calendars-area" }, loadingState());
  fill(main,
    h("div", { class: "toolbar" }, h("h1", { class: "week-title", id: "screen-title" }, t("School calendars"))),
    h("p", { class: "lead" },
      t("One calendar per municipality or school district. Each youth follows one, each home one for the holidays its series skip; without one of their own, the default."),
      " ", h("a", { href: "#settings", id: "calendars-settings" }, t("Back to the settings"))),
    h("p", { class: "notice notice-info", role: "status", hidden: true, id: "calendars-saved" }),
    h("div", { class: "admin-columns" },
      h("section", { class: "admin-section", "aria-labelledby": "calendars-title" },
        h("h2", { id: "calendars-title", class: "section-title", tabindex: "-1" }, t("All school calendars")),
        area),
      h("section", { class: "admin-section card-section", "aria-labelledby": "calendar-add-title" },
        h("h2", { id: "calendar-add-title", class: "sub-title" }, t("Add a school calendar")),
        h("div", { id: "calendar-add" }, addForm(main)))));
  load(main);
}

function say(main, text) {
  const s = main.querySelector("#calendars-saved");
  if (!s) return;
  s.textContent = text;
  s.hidden = !text;
}

// Draws the list again; then focus goes to the Change button of calendar
// `focusId`, or to the list's heading.
async function load(main, focusId) {
  const area = main.querySelector("#calendars-area");
  let list;
  try {
    list = (await api("GET", BASE)).school_calendars || [];
  } catch (e) {
    fill(area, errorState(e, () => load(main, focusId)));
    return;
  }
  if (list.length === 0) fill(area, emptyState(t("No school calendars yet.")));
  else fill(area, h("ul", { class: "user-list", id: "calendar-list" }, list.map((c) => item(main, c))));
  if (focusId === undefined) return;
  const b = focusId === null ? null : area.querySelector('li[data-calendar="' + CSS.escape(focusId) + '"] .cal-change');
  (b || main.querySelector("#calendars-title")).focus();
}

function item(main, c) {
  const name = title(c);
  const slot = h("div", { class: "user-edit" });
  const sr = h("span", { class: "sr-only" }, " " + name);
  const change = h("button", { class: "btn btn-small cal-change", type: "button" }, t("Change"), sr);
  change.addEventListener("click", () => openEdit(main, c, slot, change));
  const used = c.used_by || {};
  let makeDefault = null;
  let del = null;
  if (!c.default) {
    makeDefault = h("button", { class: "btn btn-small cal-make-default", type: "button" },
      t("Make it the default"), h("span", { class: "sr-only" }, " " + name));
    makeDefault.addEventListener("click", () => doMakeDefault(main, c, slot, makeDefault));
    del = h("button", { class: "btn btn-small btn-danger-outline cal-delete", type: "button" },
      t("Delete..."), h("span", { class: "sr-only" }, " " + name));
    del.addEventListener("click", () => {
      fill(slot, deleteStep(main, c, slot, del));
      slot.querySelector(".btn-danger").focus();
    });
  }
  return h("li", { class: "user", "data-calendar": c.id },
    h("div", { class: "user-main" },
      h("span", { class: "user-name" }, name),
      h("code", { class: "user-login muted" }, c.id),
      c.default ? h("span", { class: "tag", id: "cal-default" }, t("default")) : null),
    h("p", { class: "muted small user-homes cal-used" },
      t("Followed by youths: {youths}, homes: {homes}", { youths: used.youths || 0, homes: used.homes || 0 })),
    c.default ? h("p", { class: "muted small" }, t("The default calendar: youths and homes without one of their own follow it.")) : null,
    h("div", { class: "button-row" }, change, makeDefault, del),
    slot);
}

// The fields a calendar's form has (name, terms, holidays, lesson hours),
// filled from cal; body() reads them as the API wants them, and fills
// fields with the API's field names ("terms[0].to") for the errors.
function calendarFields(prefix, cal) {
  const name = field(t("Name"), { id: prefix + "-name", type: "text", value: cal.name || "", autocomplete: "off" });
  const terms = periods(prefix, "terms", t("Terms"), t("Add a term"), cal.terms);
  const hols = periods(prefix, "holidays", t("School holidays"), t("Add a holiday"), cal.holidays);
  const hours = cal.school_hours || {};
  const start = field(t("Lessons start"), { id: prefix + "-start", type: "time", value: hours.start || "" });
  const end = field(t("Lessons end"), { id: prefix + "-end", type: "time", value: hours.end || "" });
  const fields = {};
  const body = () => {
    for (const k of Object.keys(fields)) delete fields[k];
    fields.name = name;
    for (const [key, set] of [["terms", terms], ["holidays", hols]]) {
      const first = set.rows.find((r) => !r.removed);
      if (first) fields[key] = first.from;
    }
    const b = calendarBody(terms, hols, start, end, fields);
    if (name.input.value.trim()) b.name = name.input.value.trim();
    return b;
  };
  body();
  const els = [name.wrap, terms.fs, hols.fs,
    h("fieldset", { class: "fieldset" }, h("legend", { class: "label" }, t("Lesson hours")),
      h("div", { class: "row-edit" }, start.wrap, end.wrap))];
  return { els, body, fields, name };
}

// The error of a call at its field, a refusal with its rules under the form.
function showError(e, fields, formError) {
  if (e.code === "rule_violation" || !showFieldError(e, fields, null)) showProblem(formError, e);
}

function busy(button, on) {
  button.disabled = on;
  if (on) button.setAttribute("aria-busy", "true");
  else button.removeAttribute("aria-busy");
}

function addForm(main) {
  const id = field(t("Id (letters and digits, then also - _ .; such as bergen)"),
    { id: "cal-add-id", type: "text", autocomplete: "off", spellcheck: "false" });
  const cal = calendarFields("cal-add", {});
  const defBox = h("input", { type: "checkbox", class: "checkbox", id: "cal-add-default", "aria-describedby": "cal-add-default-error" });
  const def = { input: defBox, error: h("p", { id: "cal-add-default-error", class: "field-error", "aria-live": "polite" }) };
  const formError = formErrorBox();
  formError.id = "calendar-add-error";
  const save = h("button", { class: "btn btn-primary", type: "submit", id: "calendar-add-submit" }, t("Add the school calendar"));
  const form = h("form", {
    id: "calendar-add-form", novalidate: true, "aria-labelledby": "calendar-add-title",
    onsubmit: async (ev) => {
      ev.preventDefault();
      const body = Object.assign({ id: id.input.value.trim() }, cal.body());
      if (defBox.checked) body.default = true;
      const fields = Object.assign({ id, default: def }, cal.fields);
      clearErrors(fields, formError);
      say(main, "");
      if (!body.id) {
        showFieldError({ field: "id", message: t("Write the id.") }, fields, formError);
        return;
      }
      busy(save, true);
      try {
        await api("POST", BASE, body);
        fill(form.parentNode, addForm(main));
        say(main, t("The school calendar is added."));
        await load(main, body.id);
      } catch (e) {
        showError(e, fields, formError);
      } finally {
        busy(save, false);
      }
    },
  },
  id.wrap, cal.els,
  h("div", { class: "field" }, h("div", { class: "check" }, defBox, h("label", { for: "cal-add-default" }, t("Make it the default"))), def.error),
  formError,
  h("div", { class: "button-row" }, save));
  return form;
}

// Change: the calendar as stored now, with its ETag, then its form.
async function openEdit(main, c, slot, opener) {
  fill(slot, loadingState());
  let got;
  try {
    got = await api("GET", oneUrl(c.id), undefined, { etag: true });
  } catch (e) {
    fill(slot, errorState(e, () => openEdit(main, c, slot, opener)));
    return;
  }
  fill(slot, editForm(main, c.id, got.body, got.etag, slot, opener));
  slot.querySelector("input").focus();
}

function editForm(main, id, cal, etag, slot, opener) {
  const prefix = "cal-edit-" + id.replace(/[^A-Za-z0-9_-]/g, "_");
  const f = calendarFields(prefix, cal);
  const formError = formErrorBox();
  formError.id = prefix + "-error";
  let version = etag;
  const save = h("button", { class: "btn btn-small btn-primary", type: "submit" }, t("Save the school calendar"));
  const cancel = h("button", {
    class: "btn btn-small btn-quiet", type: "button",
    onclick: () => { fill(slot); opener.focus(); },
  }, t("Cancel"));
  const form = h("form", {
    class: "calendar-edit-form", novalidate: true, "data-calendar": id,
    "aria-label": t("Change {name}", { name: title(cal) }),
    onsubmit: async (ev) => {
      ev.preventDefault();
      const body = f.body();
      clearErrors(f.fields, formError);
      say(main, "");
      busy(save, true);
      try {
        await api("PUT", oneUrl(id), body, { ifMatch: version });
        say(main, t("The school calendar is saved."));
        await load(main, id);
      } catch (e) {
        busy(save, false);
        if (e.status === 412) {
          // Someone saved first: what they saved is e.current, its
          // version e.etag.  Saving again replaces theirs with this.
          if (e.etag) version = e.etag;
          stale(formError, e, () => {
            fill(slot, editForm(main, id, e.current, e.etag, slot, opener));
            slot.querySelector("input").focus();
          });
        } else {
          showError(e, f.fields, formError);
        }
      }
    },
  }, f.els, formError, h("div", { class: "button-row" }, save, cancel));
  return form;
}

// A 412 under the form: what happened, and the way to what it says now.
function stale(box, e, showCurrent) {
  fill(box,
    h("p", { class: "refusal-title" }, t("Someone changed this calendar since you opened it. Check what it says now, then send your change again.")),
    h("p", { class: "small" }, t("Saving again replaces their change with yours.")),
    e.current ? h("div", { class: "button-row" },
      h("button", { class: "btn btn-small", type: "button", onclick: showCurrent }, t("Show what it says now"))) : null);
  box.classList.add("calendar-stale");
  box.hidden = false;
  box.focus();
}

// Make it the default: the calendar as stored now, with "default": true,
// If-Match its version (so what is made the default is what was read).
async function doMakeDefault(main, c, slot, button) {
  const box = formErrorBox();
  box.id = "cal-default-error-" + c.id.replace(/[^A-Za-z0-9_-]/g, "_");
  say(main, "");
  button.removeAttribute("aria-describedby");
  busy(button, true);
  try {
    const got = await api("GET", oneUrl(c.id), undefined, { etag: true });
    const body = Object.assign({}, got.body, { default: true });
    await api("PUT", oneUrl(c.id), body, { ifMatch: got.etag });
    say(main, t("The default school calendar is changed."));
    await load(main, c.id);
  } catch (e) {
    busy(button, false);
    fill(slot, box);
    showProblem(box, e);
    button.setAttribute("aria-describedby", box.id);
  }
}

// Deleting is a second step: the question, then Delete NAME or Cancel;
// a refusal (youths or homes follow it) stays at the button.
function deleteStep(main, c, slot, opener) {
  const name = title(c);
  const eid = "cal-delete-error-" + c.id.replace(/[^A-Za-z0-9_-]/g, "_");
  const err = h("p", { class: "field-error", role: "alert", id: eid });
  const yes = h("button", { class: "btn btn-small btn-danger", type: "button", id: "calendar-delete-confirm" }, t("Delete {name}", { name }));
  yes.addEventListener("click", async () => {
    err.textContent = "";
    yes.removeAttribute("aria-describedby");
    say(main, "");
    busy(yes, true);
    try {
      await api("DELETE", oneUrl(c.id));
      say(main, t("The school calendar is deleted."));
      await load(main, null);
    } catch (e) {
      busy(yes, false);
      err.textContent = e.message;
      yes.setAttribute("aria-describedby", eid);
      yes.focus();
    }
  });
  return h("div", { class: "refusal", role: "group", "aria-label": t("Delete the school calendar {name}?", { name }) },
    h("p", { class: "refusal-title" }, t("Delete the school calendar {name}?", { name })),
    h("p", { class: "small" }, t("A calendar that youths or homes follow is not deleted: move them to another calendar first.")),
    err,
    h("div", { class: "button-row" }, yes,
      h("button", { class: "btn btn-small btn-quiet", type: "button", onclick: () => { fill(slot); opener.focus(); } }, t("Cancel"))));
}
