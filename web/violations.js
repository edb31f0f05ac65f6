// SPDX-License-Identifier: ISC
// The Violations screen (issue 19, screen 6, "#violations"): every
// violation in the stored schedule (GET /api/v1/violations, cut to the
// reader's scope by rotad, the messages in the reader's language), each
// with its legal reference, the youth's first name and the visits; and,
// for admins, the forced changes from the audit log
// (GET /api/v1/audit?forced=true): who forced what, when, and the reason.
import { actionLabel, emptyState, entityLabel, errorState, loadingState, shortTime, splitAfter } from "./admin.js";
import { api } from "./api.js";
import { firstName, getSlot, homeName, loadHomes } from "./board.js";
import { dateOf, longDate, timeOf } from "./dates.js";
import { fill, h } from "./dom.js";
import { t } from "./i18n.js";

const FORCED_PAGE = 50;

export function showViolations(main, user) {
  const current = h("section", { class: "admin-section", "aria-labelledby": "viol-title" },
    h("h2", { id: "viol-title", class: "section-title" }, t("Current violations")),
    h("div", { id: "viol-list" }, loadingState(t("Checking the schedule..."))));
  const forced = user.role === "admin"
    ? h("section", { class: "admin-section", "aria-labelledby": "forced-title" },
      h("h2", { id: "forced-title", class: "section-title" }, t("Forced changes")),
      h("p", { class: "muted small" }, t("Changes someone made past the rules, from the audit log, newest first.")),
      h("div", { id: "forced-list" }, loadingState()))
    : null;
  fill(main,
    h("div", { class: "toolbar" }, h("h1", { class: "week-title", id: "screen-title" }, t("Violations"))),
    current, forced);
  loadCurrent(current.querySelector("#viol-list"), user);
  if (forced) loadForced(forced.querySelector("#forced-list"), null);
}

async function loadCurrent(where, user) {
  fill(where, loadingState(t("Checking the schedule...")));
  try {
    const [j, names] = await Promise.all([
      api("GET", "/api/v1/violations"),
      youthNames(user),
      loadHomes().catch(() => null),
    ]);
    const vs = j.violations || [];
    if (vs.length === 0) {
      fill(where, emptyState(t("No violations: the schedule keeps to the rules.")));
      return;
    }
    const slotIds = [...new Set(vs.flatMap((v) => v.slots || []))];
    const slots = new Map();
    await Promise.all(slotIds.slice(0, 200).map((id) => getSlot(id).then((s) => slots.set(id, s), () => null)));
    const total = j.violations_total || vs.length;
    fill(where,
      h("p", { class: "summary", role: "status", id: "viol-count" },
        total > vs.length ? t("{n} violations; the first {shown} are shown.", { n: total, shown: vs.length })
          : t("Violations: {n}", { n: total })),
      h("ul", { class: "viol-list" }, vs.map((v) => violationItem(v, names, slots))));
  } catch (e) {
    fill(where, errorState(e, () => loadCurrent(where, user)));
  }
}

// Youths' first names by id (coordinators and admins may read youths;
// a viewer reads the name in the message only).
async function youthNames(user) {
  const m = new Map();
  if (user.role === "viewer") return m;
  try {
    let cursor = null;
    for (;;) {
      const page = await api("GET", "/api/v1/youths?limit=1000" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
      for (const y of page.youths || []) m.set(y.id, firstName(y.name));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
  } catch (e) {
    // The names are a help; the messages name the youth too.
  }
  return m;
}

function visitText(id, slots) {
  const s = slots.get(id);
  if (!s) return id;
  return (s.activity ? s.activity + ", " : "") + homeName(s.home) + ", " + longDate(dateOf(s.start)) + " " +
    timeOf(s.start) + "\u2013" + timeOf(s.end);
}

function violationItem(v, names, slots) {
  const name = v.youth ? names.get(v.youth) || "" : "";
  return h("li", { class: "viol" },
    h("p", { class: "viol-message" }, v.message),
    h("div", { class: "viol-meta" },
      v.reference ? h("span", { class: "rule-ref", title: v.rule || "" }, v.reference) : null,
      name ? h("span", { class: "tag" }, t("Youth: {name}", { name })) : null,
      v.rule ? h("span", { class: "tag tag-code" }, v.rule) : null),
    v.slots && v.slots.length ? h("ul", { class: "plain-list viol-visits", "aria-label": t("Visits") },
      v.slots.map((id) => h("li", null, visitText(id, slots)))) : null);
}

async function loadForced(where, cursor) {
  if (!cursor) fill(where, loadingState());
  try {
    const page = await api("GET", "/api/v1/audit?forced=true&limit=" + FORCED_PAGE +
      (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
    const rows = page.audit || [];
    let list = where.querySelector(".forced-list");
    if (!cursor) {
      if (rows.length === 0) {
        fill(where, emptyState(t("Nobody has forced a change past the rules.")));
        return;
      }
      list = h("ul", { class: "forced-list", id: "forced-rows" });
      fill(where, list);
    }
    for (const r of rows) list.appendChild(forcedItem(r));
    const old = where.querySelector(".more");
    if (old) old.remove();
    if (page.next_cursor) {
      where.appendChild(h("div", { class: "more" }, h("button", {
        class: "btn", type: "button", onclick: () => loadForced(where, page.next_cursor),
      }, t("Show older"))));
    }
  } catch (e) {
    if (!cursor) fill(where, errorState(e, () => loadForced(where, null)));
    else where.appendChild(h("p", { class: "notice notice-error", role: "alert" }, e.message));
  }
}

function forcedItem(r) {
  const { forced, reason } = splitAfter(r.after);
  return h("li", { class: "forced", "data-audit": String(r.id) },
    h("p", { class: "forced-head" },
      h("time", { class: "forced-when", datetime: r.at }, shortTime(r.at)),
      h("span", { class: "forced-who" }, r.actor || ""),
      h("span", { class: "forced-what" }, actionLabel(r.action) + " " + entityLabel(r.entity) + (r.entity_id ? " " + r.entity_id : ""))),
    h("p", { class: "forced-reason" },
      h("span", { class: "label-inline" }, t("Reason:") + " "),
      reason ? h("span", { class: "forced-reason-text" }, reason) : h("span", { class: "muted" }, t("No reason given"))),
    forced.length ? h("ul", { class: "rules rules-quiet" }, forced.map((v) => h("li", { class: "rule" },
      h("span", { class: "rule-message" }, v.message),
      v.reference ? h("span", { class: "rule-ref" }, v.reference) : null))) : null);
}
