// SPDX-License-Identifier: ISC
// What the screens of issue 19's screen 6 share (violations.js, audit.js,
// settings.js, users.js): which of them a role may open (the same as
// daemon/access.c lets it read), their states (loading, empty, error),
// errors next to the field the API names, a school calendar's terms and
// holidays as rows (settings.js, calendars.js), and an audit row's change
// in words ("field: old -> new") rather than as raw JSON.
import { fill, h, uid } from "./dom.js";
import { t } from "./i18n.js";

// The screens, in the navigation's order: hash, who may open it, and for
// one reached from another screen (not in the navigation) that screen.
// Violations: every role (GET /api/v1/violations is for viewers too,
// cut to the scope); the rest: admins (the audit log, settings and the
// school calendars, users).
export const ADMIN_SCREENS = [
  { hash: "violations", roles: ["admin", "coordinator", "viewer"] },
  { hash: "audit", roles: ["admin"] },
  { hash: "settings", roles: ["admin"] },
  { hash: "calendars", roles: ["admin"], under: "settings" },
  { hash: "users", roles: ["admin"] },
];

// The screen of the address ("#audit", "#audit&entity=user"), or null.
export function adminScreenOf(hash) {
  const name = (hash || "").replace(/^#/, "").split("&")[0];
  return ADMIN_SCREENS.find((s) => s.hash === name) || null;
}

export function mayOpen(screen, user) {
  return Boolean(screen && user && screen.roles.includes(user.role));
}

// The navigation's label of a screen (each one plain literal for xgettext).
export function screenLabel(hash) {
  switch (hash) {
    case "violations": return t("Violations");
    case "audit": return t("Audit log");
    case "settings": return t("Settings");
    case "calendars": return t("School calendars");
    case "users": return t("Users");
    default: return hash;
  }
}

export function loadingState(text) {
  return h("p", { class: "state state-loading", role: "status" },
    h("span", { class: "spinner", "aria-hidden": "true" }), text || t("Loading..."));
}

export function emptyState(text) {
  return h("p", { class: "state state-empty", role: "status" }, text);
}

export function errorState(e, retry) {
  return h("div", { class: "state state-error", role: "alert" },
    h("p", null, e.message),
    retry ? h("button", { class: "btn", type: "button", onclick: retry }, t("Try again")) : null);
}

// A labelled field: {wrap, input, error}; the input gets aria-describedby
// on its error line.  kind "select" takes options [[value, label]].
export function field(label, attrs, options) {
  const id = (attrs && attrs.id) || uid("f");
  const eid = id + "-error";
  const a = Object.assign({ class: options ? "select" : "input input-small" }, attrs, { id, "aria-describedby": eid });
  const input = options
    ? h("select", a, options.map(([v, l]) => h("option", { value: v, selected: String(a.value ?? "") === String(v) }, l)))
    : h("input", a);
  const error = h("p", { id: eid, class: "field-error", "aria-live": "polite" });
  const wrap = h("div", { class: "field" }, h("label", { for: id, class: "label" }, label), input, error);
  return { wrap, input, error };
}

// Shows an API error next to the field it names; fields maps the API's
// field name ("options.travel_minutes", "terms[0].to") to {input, error}.
// Falls back to formError (any other message).  Returns the field shown.
export function showFieldError(e, fields, formError) {
  clearErrors(fields, formError);
  let f = e.field ? fields[e.field] : null;
  if (!f && e.field) {
    // "rule_options.x.y" or "terms[0]": the nearest field the form has.
    const key = Object.keys(fields).filter((k) => e.field.startsWith(k)).sort((a, b) => b.length - a.length)[0];
    f = key ? fields[key] : null;
  }
  if (f) {
    f.error.textContent = e.message;
    f.input.setAttribute("aria-invalid", "true");
    f.input.focus();
    return f;
  }
  if (formError) {
    fill(formError, e.message);
    formError.hidden = false;
    formError.focus();
  }
  return null;
}

export function clearErrors(fields, formError) {
  for (const f of Object.values(fields)) {
    f.error.textContent = "";
    f.input.removeAttribute("aria-invalid");
  }
  if (formError) {
    fill(formError);
    formError.hidden = true;
  }
}

// Rows of a school calendar's periods (key "terms" or "holidays"), each
// From and To, with ids prefix-key-N-from/-to: {fs, rows}.
export function periods(prefix, key, legend, addLabel, list) {
  const rows = [];
  const box = h("div", { class: "rows", id: prefix + "-" + key });
  const add = (p) => {
    const n = rows.length;
    const from = field(t("From"), { id: prefix + "-" + key + "-" + n + "-from", type: "date", value: p.from || "" });
    const to = field(t("To"), { id: prefix + "-" + key + "-" + n + "-to", type: "date", value: p.to || "" });
    const row = { from, to, removed: false, el: null };
    const remove = h("button", {
      class: "btn btn-small btn-quiet", type: "button",
      "aria-label": key === "terms" ? t("Remove term {n}", { n: n + 1 }) : t("Remove holiday {n}", { n: n + 1 }),
      onclick: () => { row.removed = true; row.el.remove(); },
    }, t("Remove"));
    row.el = h("div", { class: "row-edit" }, from.wrap, to.wrap, h("div", { class: "field field-actions" }, remove));
    rows.push(row);
    box.appendChild(row.el);
    return row;
  };
  for (const p of list || []) add(p);
  const fs = h("fieldset", { class: "fieldset" }, h("legend", { class: "label" }, legend), box,
    h("button", { class: "btn btn-small", type: "button", id: prefix + "-" + key + "-add", onclick: () => add({}).from.input.focus() }, addLabel));
  return { fs, rows };
}

// A calendar's body as the API wants it from the rows of periods() and
// the lesson hours, with fields filled under the API's field names
// ("terms[0].to", "school_hours.start") for the errors.
export function calendarBody(terms, hols, start, end, fields) {
  const b = { terms: [], holidays: [] };
  for (const [key, set] of [["terms", terms], ["holidays", hols]]) {
    for (const r of set.rows) {
      if (r.removed) continue;
      const i = b[key].length;
      b[key].push({ from: r.from.input.value, to: r.to.input.value });
      fields[key + "[" + i + "].from"] = r.from;
      fields[key + "[" + i + "].to"] = r.to;
      fields[key + "[" + i + "]"] = r.from;
    }
  }
  if (start.input.value || end.input.value) b.school_hours = { start: start.input.value, end: end.input.value };
  fields["school_hours.start"] = start;
  fields["school_hours.end"] = end;
  fields.school_hours = start;
  return b;
}

export function formErrorBox() {
  return h("div", { class: "form-error", role: "alert", tabindex: "-1", hidden: true });
}

// A value as a person reads it.
export function showValue(v) {
  if (v === null || v === undefined) return t("(none)");
  if (v === true) return t("yes");
  if (v === false) return t("no");
  if (Array.isArray(v)) return v.length ? v.map(showValue).join(", ") : t("(none)");
  if (typeof v === "object") {
    const ks = Object.keys(v);
    return ks.length ? ks.map((k) => k + ": " + showValue(v[k])).join("; ") : t("(none)");
  }
  return String(v);
}

// {"a": {"b": 1}} -> {"a.b": 1}; arrays stay whole (a list of dates or
// homes reads best as one value).
function flatten(o, prefix, out) {
  if (o && typeof o === "object" && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) flatten(v, prefix ? prefix + "." + k : k, out);
  } else if (prefix) {
    out[prefix] = o;
  }
  return out;
}

// The changed fields of an audit row: [{field, old, now}], in the order of
// the entity's keys (after's first).  Either side may be null (create,
// delete).
export function changedFields(before, after) {
  const b = before && typeof before === "object" ? flatten(before, "", {}) : {};
  const a = after && typeof after === "object" ? flatten(after, "", {}) : {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => ({ field: k, old: k in b ? b[k] : undefined, now: k in a ? a[k] : undefined }));
}

// An audit row's after, split: the entity, the forced violations and the
// reason (a forced change's after is {value, forced_violations,
// force_reason}; a forced delete's {forced_violations}).
export function splitAfter(after) {
  if (after && typeof after === "object" && !Array.isArray(after) && "forced_violations" in after) {
    return { value: "value" in after ? after.value : null, forced: after.forced_violations || [], reason: after.force_reason || "" };
  }
  return { value: after, forced: [], reason: "" };
}

// "2027-03-02T16:04:11+01:00" -> "2027-03-02 16:04".
// "YYYY-MM-DD HH:MM" of an API time: one with an offset ("+01:00", the
// audit log's) is on the organisation's clock already, so its own digits;
// a UTC one ("...Z", a request's created_at) on the reader's clock, which
// is the organisation's for a coordinator in Norway.
export function shortTime(at) {
  if (!at) return "";
  if (!at.endsWith("Z")) return at.slice(0, 10) + " " + at.slice(11, 16);
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const two = (n) => String(n).padStart(2, "0");
  return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) +
    " " + two(d.getHours()) + ":" + two(d.getMinutes());
}

// What a row did, in words.
export function actionLabel(action) {
  switch (action) {
    case "create": return t("created");
    case "update": return t("changed");
    case "delete": return t("deleted");
    case "replace": return t("replaced");
    case "cancel": return t("cancelled");
    case "import": return t("imported");
    case "schedule": return t("planned");
    case "login": return t("logged in");
    case "logout": return t("logged out");
    case "password": return t("password set");
    case "invite": return t("invited");
    case "rotate": return t("new calendar link");
    case "revoke": return t("calendar link withdrawn");
    case "purge": return t("erased");
    default: return action || "";
  }
}

// The kinds of entity, for the audit log's filter and its rows.
export function entityLabel(entity) {
  switch (entity) {
    case "assignment": return t("shift");
    case "slot": return t("visit");
    case "series": return t("visit series");
    case "youth": return t("youth");
    case "home": return t("home");
    case "user": return t("user");
    case "session": return t("session");
    case "feed": return t("calendar link");
    case "settings": return t("settings");
    case "school_calendar": return t("school calendar");
    case "instance": return t("whole schedule");
    case "schedule": return t("planner run");
    default: return entity || "";
  }
}

export const ENTITIES = ["assignment", "slot", "series", "youth", "home", "user", "session", "feed",
  "settings", "school_calendar", "instance", "schedule"];

// A list of changed fields as "field: old -> new" lines.
export function changeList(before, after) {
  const ch = changedFields(before, after);
  if ((before === null || before === undefined) && (after === null || after === undefined)) {
    return h("p", { class: "muted small" }, t("Nothing more is recorded."));
  }
  if (ch.length === 0) return h("p", { class: "muted small" }, t("No fields changed."));
  return h("ul", { class: "changes" }, ch.map((c) => h("li", { class: "change" },
    h("span", { class: "change-field" }, c.field + ": "),
    c.old !== undefined ? h("span", { class: "change-old" }, showValue(c.old)) : null,
    c.old !== undefined && c.now !== undefined
      ? [h("span", { class: "change-arrow", "aria-hidden": "true" }, " \u2192 "), h("span", { class: "sr-only" }, " " + t("changed to") + " ")] : null,
    c.now !== undefined ? h("span", { class: "change-new" }, showValue(c.now)) : h("span", { class: "muted" }, " " + t("(removed)")))));
}
