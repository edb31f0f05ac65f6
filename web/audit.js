// SPDX-License-Identifier: ISC
// The audit log (issue 19, screen 6, "#audit", admins): who changed what
// and when, newest first (GET /api/v1/audit), filtered by kind of entity,
// its id, who, a period and "only forced"; 50 rows a page, "Show older"
// for the next cursor.  Each row opens to its change as "field: old ->
// new", the forced violations and the reason.
import {
  ENTITIES, actionLabel, changeList, clearErrors, entityLabel, errorState, field, formErrorBox,
  loadingState, shortTime, showFieldError, splitAfter,
} from "./admin.js";
import { api } from "./api.js";
import { fill, h } from "./dom.js";
import { t } from "./i18n.js";

const PAGE = 50;
let seq = 0;

export function showAudit(main) {
  const entity = field(t("What"), { id: "audit-entity", value: "" },
    [["", t("Everything")], ...ENTITIES.map((e) => [e, entityLabel(e)])]);
  const entityId = field(t("Id or login"), { id: "audit-entity-id", type: "text", autocomplete: "off" });
  const actor = field(t("Who (login)"), { id: "audit-actor", type: "text", autocomplete: "off" });
  const from = field(t("From"), { id: "audit-from", type: "date" });
  const to = field(t("To"), { id: "audit-to", type: "date" });
  const forcedId = "audit-forced";
  const forced = h("input", { type: "checkbox", id: forcedId, class: "checkbox" });
  const fields = { entity, entity_id: entityId, actor, from, to };
  const formError = formErrorBox();
  const table = h("div", { id: "audit-table", class: "audit-area" });
  const more = h("div", { class: "more" });
  const status = h("p", { class: "summary", role: "status", id: "audit-count" });
  let cursor = null;
  let shown = 0;
  let body = null;

  const query = () => {
    const p = new URLSearchParams();
    if (entity.input.value) p.set("entity", entity.input.value);
    if (entityId.input.value.trim()) p.set("entity_id", entityId.input.value.trim());
    if (actor.input.value.trim()) p.set("actor", actor.input.value.trim());
    if (from.input.value) p.set("from", from.input.value);
    if (to.input.value) p.set("to", to.input.value);
    if (forced.checked) p.set("forced", "true");
    return p;
  };

  async function load(fresh) {
    const my = ++seq;
    const p = query();
    p.set("limit", String(PAGE));
    if (!fresh && cursor) p.set("cursor", cursor);
    if (fresh) {
      cursor = null;
      shown = 0;
      clearErrors(fields, formError);
      fill(table, loadingState());
      fill(status);
    }
    fill(more);
    try {
      const page = await api("GET", "/api/v1/audit?" + p.toString());
      if (my !== seq) return;
      const rows = page.audit || [];
      if (fresh) {
        if (rows.length === 0) {
          fill(table, h("p", { class: "state state-empty" }, t("No changes match the filters.")));
          fill(status, t("No rows."));
          return;
        }
        body = h("tbody");
        fill(table, h("div", { class: "table-scroll" }, h("table", { class: "data-table audit" },
          h("caption", { class: "sr-only" }, t("The audit log, newest first")),
          h("thead", null, h("tr", null,
            h("th", { scope: "col" }, t("When")), h("th", { scope: "col" }, t("Who")),
            h("th", { scope: "col" }, t("What")), h("th", { scope: "col" }, t("Which")),
            h("th", { scope: "col" }, h("span", { class: "sr-only" }, t("Details"))))),
          body)));
      }
      for (const r of rows) for (const tr of auditRows(r)) body.appendChild(tr);
      shown += rows.length;
      cursor = page.next_cursor || null;
      fill(status, cursor ? t("Showing the newest {n}.", { n: shown }) : t("Rows: {n}", { n: shown }));
      if (cursor) fill(more, h("button", { class: "btn", type: "button", id: "audit-more", onclick: () => load(false) }, t("Show older")));
    } catch (e) {
      if (my !== seq) return;
      if (e.status === 400 && showFieldError(e, fields, null)) {
        fill(table);
        return;
      }
      fill(table, errorState(e, () => load(fresh)));
    }
  }

  const form = h("form", {
    class: "filter-form", id: "audit-filters", novalidate: true, "aria-label": t("Filter the audit log"),
    onsubmit: (ev) => { ev.preventDefault(); load(true); },
  },
  entity.wrap, entityId.wrap, actor.wrap, from.wrap, to.wrap,
  h("div", { class: "field field-check" }, forced, h("label", { for: forcedId }, t("Only forced changes"))),
  h("div", { class: "field field-actions" }, h("button", { class: "btn btn-primary", type: "submit", id: "audit-apply" }, t("Filter"))));
  fill(main,
    h("div", { class: "toolbar" }, h("h1", { class: "week-title", id: "screen-title" }, t("Audit log"))),
    form, formError, status, table, more);
  load(true);
}

// A row and its hidden detail row.
function auditRows(r) {
  const id = "audit-detail-" + r.id;
  const detail = h("tr", { class: "audit-detail", id, hidden: true },
    h("td", { colspan: "5" }, details(r)));
  const toggle = h("button", {
    class: "btn btn-small btn-quiet audit-toggle", type: "button", "aria-expanded": "false", "aria-controls": id,
    "aria-label": t("Show the changes of row {n}", { n: r.id }),
  }, t("Changes"));
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    detail.hidden = !open;
  });
  const { forced, reason } = splitAfter(r.after);
  return [h("tr", { class: "audit-row" + (forced.length ? " audit-forced" : ""), "data-audit": String(r.id) },
    h("td", { class: "nowrap" }, h("time", { datetime: r.at }, shortTime(r.at))),
    h("td", { class: "audit-actor" }, r.actor || ""),
    h("td", null, actionLabel(r.action),
      forced.length ? [" ", h("span", { class: "tag tag-warn" }, t("forced"))] : null),
    h("td", { class: "audit-entity" }, entityLabel(r.entity) + (r.entity_id ? " " + r.entity_id : ""),
      reason ? h("div", { class: "muted small audit-reason" }, t("Reason:") + " " + reason) : null),
    h("td", { class: "nowrap" }, toggle)), detail];
}

function details(r) {
  const { value, forced, reason } = splitAfter(r.after);
  return h("div", { class: "audit-details" },
    changeList(r.before, value),
    forced.length ? h("div", null,
      h("p", { class: "label" }, t("Rules broken on purpose")),
      h("ul", { class: "rules rules-quiet" }, forced.map((v) => h("li", { class: "rule" },
        h("span", { class: "rule-message" }, v.message),
        v.reference ? h("span", { class: "rule-ref" }, v.reference) : null))),
      h("p", null, h("span", { class: "label-inline" }, t("Reason:") + " "),
        reason || h("span", { class: "muted" }, t("No reason given")))) : null);
}
