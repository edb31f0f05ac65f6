// SPDX-License-Identifier: ISC
// Settings and the school calendar (issue 19, screen 6, "#settings",
// admins): the organisation's settings as a form (GET/PUT
// /api/v1/settings: jurisdiction, time zone, language, the rule
// switches, public holidays, travel time, the planner's time and the
// quiet hours of e-mail to minors with their exception for urgent
// changes) and the
// school calendar as editable rows (GET/PUT /api/v1/school-calendar:
// terms, holidays, lesson hours; the named ones are calendars.js's
// screen, linked from here).  Each is replaced whole, as the API
// wants; an error is shown next to the field it names, a refusal of the
// labour-law gate with its rules under the form.
import { calendarBody, clearErrors, errorState, field, formErrorBox, loadingState, periods, showFieldError } from "./admin.js";
import { api } from "./api.js";
import { fill, h, uid } from "./dom.js";
import { t } from "./i18n.js";

const JURISDICTIONS = ["NO", "EU", "UK", "US-FLSA"];

export function showSettings(main) {
  const settingsArea = h("section", { class: "admin-section card-section", "aria-labelledby": "settings-title" },
    h("h2", { id: "settings-title", class: "sub-title" }, t("Organisation settings")),
    h("div", { id: "settings-area" }, loadingState()));
  const calArea = h("section", { class: "admin-section card-section", "aria-labelledby": "calendar-title" },
    h("h2", { id: "calendar-title", class: "sub-title" }, t("School calendar")),
    calendarsLink(),
    h("div", { id: "calendar-area" }, loadingState()));
  fill(main,
    h("div", { class: "toolbar" }, h("h1", { class: "week-title", id: "screen-title" }, t("Settings"))),
    h("div", { class: "admin-columns" }, settingsArea, calArea));
  loadSettings(settingsArea.querySelector("#settings-area"));
  loadCalendar(calArea.querySelector("#calendar-area"));
}

// The way to the named school calendars (calendars.js, "#calendars").
function calendarsLink() {
  return h("p", { class: "muted small" },
    t("The default calendar: youths and homes without one of their own follow it."), " ",
    h("a", { href: "#calendars", id: "settings-calendars" }, t("All school calendars")));
}

// A refusal (409) or another error under a form (also calendars.js's).
export function showProblem(box, e) {
  fill(box, h("p", { class: "refusal-title" }, e.message),
    e.violations && e.violations.length ? h("ul", { class: "rules" }, e.violations.map((v) => h("li", { class: "rule" },
      h("span", { class: "rule-message" }, v.message),
      v.reference ? h("span", { class: "rule-ref" }, v.reference) : null))) : null);
  box.hidden = false;
  box.focus();
}

// "12" -> 12, "true" -> true, anything else stays text (rotad names the
// field of a bad one).
function typed(text) {
  const s = text.trim();
  if (s === "true") return true;
  if (s === "false") return false;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return s;
}

async function loadSettings(where) {
  fill(where, loadingState());
  let s;
  try {
    s = await api("GET", "/api/v1/settings");
  } catch (e) {
    fill(where, errorState(e, () => loadSettings(where)));
    return;
  }
  const opts = s.options || {};
  const jur = field(t("Labour-law profile"), { id: "set-jurisdiction", value: s.jurisdiction },
    JURISDICTIONS.map((j) => [j, j]));
  const tz = field(t("Time zone"), { id: "set-timezone", type: "text", value: s.timezone || "", autocomplete: "off", spellcheck: "false" });
  const lang = field(t("Language of feeds and pages"), { id: "set-language", value: s.language || "" },
    [["nb", "Norsk bokmål"], ["en", "English"]]);
  const travel = field(t("Travel time between homes (minutes)"), { id: "set-travel", type: "text", inputmode: "numeric", value: opts.travel_minutes ?? "" });
  const seconds = field(t("The planner's time (seconds)"), { id: "set-seconds", type: "text", inputmode: "numeric", value: opts.seconds ?? "" });
  // Quiet hours (issue 16): both default to on, absent means on.
  const check = (id, label, on) => {
    const input = h("input", { type: "checkbox", id, class: "checkbox", checked: on });
    const error = h("p", { id: id + "-error", class: "field-error", "aria-live": "polite" });
    input.setAttribute("aria-describedby", id + "-error");
    return { wrap: h("div", { class: "field" }, h("div", { class: "field-check" }, input, h("label", { for: id }, label)), error), input, error };
  };
  const quiet = check("set-mail-quiet", t("Quiet hours: no e-mail to youths under 18 between 21:00 and 07:00"),
    opts.mail_quiet_hours !== false);
  const urgent = check("set-mail-urgent",
    t("In quiet hours, send a change to a visit that starts before 09:00 the next morning at once"),
    opts.mail_urgent_in_quiet_hours !== false);
  const holidaysId = uid("holidays");
  const holidays = h("textarea", {
    id: holidaysId, class: "input input-small textarea", rows: "4", "aria-describedby": holidaysId + "-help " + holidaysId + "-error",
  });
  holidays.value = Array.isArray(s.public_holidays) ? s.public_holidays.join("\n") : "";
  const holidaysF = {
    input: holidays, error: h("p", { id: holidaysId + "-error", class: "field-error", "aria-live": "polite" }),
  };
  const fields = {
    jurisdiction: jur, timezone: tz, language: lang, "options.travel_minutes": travel, "options.seconds": seconds,
    options: travel, public_holidays: holidaysF,
    "options.mail_quiet_hours": quiet, "options.mail_urgent_in_quiet_hours": urgent,
  };
  const rules = h("div", { class: "rows", id: "rule-options" });
  const ruleRows = [];
  const addRule = (key, value) => {
    const n = ruleRows.length;
    const k = field(t("Switch"), { id: "rule-key-" + n, type: "text", value: key, autocomplete: "off", spellcheck: "false" });
    const v = field(t("Value"), { id: "rule-value-" + n, type: "text", value: value === undefined ? "" : String(value), autocomplete: "off" });
    const row = { k, v, removed: false };
    const remove = h("button", {
      class: "btn btn-small btn-quiet", type: "button", "aria-label": t("Remove switch {n}", { n: n + 1 }),
      onclick: () => { row.removed = true; el.remove(); },
    }, t("Remove"));
    const el = h("div", { class: "row-edit" }, k.wrap, v.wrap, h("div", { class: "field field-actions" }, remove));
    ruleRows.push(row);
    rules.appendChild(el);
    return row;
  };
  for (const [key, value] of Object.entries(s.rule_options || {})) addRule(key, value);
  const formError = formErrorBox();
  const saved = h("p", { class: "notice notice-info", role: "status", hidden: true, id: "settings-saved" });
  const save = h("button", { class: "btn btn-primary", type: "submit", id: "settings-save" }, t("Save the settings"));
  const form = h("form", {
    id: "settings-form", novalidate: true, "aria-labelledby": "settings-title",
    onsubmit: async (ev) => {
      ev.preventDefault();
      const ruleFields = {};
      const ro = {};
      for (const r of ruleRows) {
        if (r.removed || !r.k.input.value.trim()) continue;
        const key = r.k.input.value.trim();
        ro[key] = typed(r.v.input.value);
        ruleFields["rule_options." + key] = r.v;
      }
      const all = Object.assign({}, fields, ruleFields, { rule_options: ruleRows.length ? ruleRows[0].k : jur });
      clearErrors(all, formError);
      saved.hidden = true;
      const body = {
        jurisdiction: jur.input.value, timezone: tz.input.value.trim(), language: lang.input.value || null,
        rule_options: ro,
        // The options this form has no field for (claims_need_approval,
        // publish) stay as they are: the settings are replaced whole.
        options: Object.assign({}, s.options || {}),
      };
      delete body.options.travel_minutes;
      delete body.options.seconds;
      body.options.mail_quiet_hours = quiet.input.checked;
      body.options.mail_urgent_in_quiet_hours = urgent.input.checked;
      if (travel.input.value.trim() !== "") body.options.travel_minutes = typed(travel.input.value);
      if (seconds.input.value.trim() !== "") body.options.seconds = typed(seconds.input.value);
      const hs = holidays.value.split(/[\s,]+/).filter(Boolean);
      if (hs.length || Array.isArray(s.public_holidays)) body.public_holidays = hs;
      save.disabled = true;
      save.setAttribute("aria-busy", "true");
      try {
        s = await api("PUT", "/api/v1/settings", body);
        saved.textContent = t("The settings are saved.");
        saved.hidden = false;
      } catch (e) {
        if (e.code === "rule_violation" || !showFieldError(e, all, null)) showProblem(formError, e);
      } finally {
        save.disabled = false;
        save.removeAttribute("aria-busy");
      }
    },
  },
  jur.wrap, tz.wrap, lang.wrap, travel.wrap, seconds.wrap,
  h("fieldset", { class: "fieldset" },
    h("legend", { class: "label" }, t("E-mail to minors")), quiet.wrap, urgent.wrap),
  h("div", { class: "field" },
    h("label", { for: holidaysId, class: "label" }, t("Public holidays")),
    h("p", { id: holidaysId + "-help", class: "muted small" }, t("One date (YYYY-MM-DD) a line. Empty: the profile's own list.")),
    holidays, holidaysF.error),
  h("fieldset", { class: "fieldset" },
    h("legend", { class: "label" }, t("Rule switches")),
    h("p", { class: "muted small" }, t("The profile's switches, as in docs/rules.md (for example care_exemption_12_9g: true).")),
    rules,
    h("button", { class: "btn btn-small", type: "button", id: "rule-add", onclick: () => addRule("", "").k.input.focus() }, t("Add a switch"))),
  formError, saved,
  h("div", { class: "button-row" }, save));
  fill(where, form);
}

async function loadCalendar(where) {
  fill(where, loadingState());
  let cal;
  try {
    cal = await api("GET", "/api/v1/school-calendar");
  } catch (e) {
    fill(where, errorState(e, () => loadCalendar(where)));
    return;
  }
  const fields = {};
  const terms = periods("cal", "terms", t("Terms"), t("Add a term"), cal.terms);
  const hols = periods("cal", "holidays", t("School holidays"), t("Add a holiday"), cal.holidays);
  const hours = cal.school_hours || {};
  const start = field(t("Lessons start"), { id: "cal-hours-start", type: "time", value: hours.start || "" });
  const end = field(t("Lessons end"), { id: "cal-hours-end", type: "time", value: hours.end || "" });
  const formError = formErrorBox();
  const saved = h("p", { class: "notice notice-info", role: "status", hidden: true, id: "calendar-saved" });
  const save = h("button", { class: "btn btn-primary", type: "submit", id: "calendar-save" }, t("Save the school calendar"));
  const form = h("form", {
    id: "calendar-form", novalidate: true, "aria-labelledby": "calendar-title",
    onsubmit: async (ev) => {
      ev.preventDefault();
      for (const k of Object.keys(fields)) delete fields[k];
      const body = calendarBody(terms, hols, start, end, fields);
      clearErrors(fields, formError);
      saved.hidden = true;
      save.disabled = true;
      save.setAttribute("aria-busy", "true");
      try {
        cal = await api("PUT", "/api/v1/school-calendar", body);
        saved.textContent = t("The school calendar is saved.");
        saved.hidden = false;
      } catch (e) {
        if (e.code === "rule_violation" || !showFieldError(e, fields, null)) showProblem(formError, e);
      } finally {
        save.disabled = false;
        save.removeAttribute("aria-busy");
      }
    },
  },
  terms.fs, hols.fs,
  h("fieldset", { class: "fieldset" }, h("legend", { class: "label" }, t("Lesson hours")),
    h("div", { class: "row-edit" }, start.wrap, end.wrap)),
  formError, saved,
  h("div", { class: "button-row" }, save));
  fill(where, form);
}
