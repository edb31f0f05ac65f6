// SPDX-License-Identifier: ISC
// The Requests screen (issue 16, "#requests"): the youths' requests from
// GET /api/v1/requests (cut to the reader's scope by rotad; the sentence
// in the reader's language, first names only): claims waiting for
// approval, visits given away, days off that hit a visit.  Coordinators
// and admins approve (POST .../approve: the change through the labour-law
// gate at that moment) or decline (POST .../decline); a refusal is shown
// where the user acted, as the visit panel shows it.  The nav's badge
// counts the open ones.
import { emptyState, errorState, loadingState, shortTime } from "./admin.js";
import { api, listAll } from "./api.js";
import { fill, h } from "./dom.js";
import { t } from "./i18n.js";
import { showRefusal } from "./panel.js";

const STATES = ["open", "all"];

function kindLabel(kind) {
  switch (kind) {
    case "claim": return t("Wants to take a visit");
    case "give_away": return t("Gives a visit away");
    case "day_off": return t("Day off over a visit");
    default: return kind;
  }
}

function stateLabel(state) {
  switch (state) {
    case "open": return t("Waiting");
    case "approved": return t("Approved");
    case "declined": return t("Declined");
    case "done": return t("Done");
    default: return state;
  }
}

// The open requests' count in the nav's badge (its text and label).
export async function updateRequestBadge() {
  const badge = document.getElementById("nav-requests-count");
  if (!badge) return;
  try {
    const open = await listAll("/api/v1/requests?state=open", "requests");
    const n = open.length;
    badge.textContent = n ? String(n) : "";
    badge.hidden = n === 0;
    const link = document.getElementById("nav-requests");
    if (link) link.setAttribute("aria-label", n ? t("Requests, {n} waiting", { n }) : t("Requests"));
  } catch (e) {
    badge.hidden = true;
  }
}

export function showRequests(main, user) {
  const mayAnswer = user && (user.role === "coordinator" || user.role === "admin");
  let which = /[&#]state=all(&|$)/.test(location.hash) ? "all" : "open";
  const list = h("div", { id: "req-list" }, loadingState(t("Loading the requests...")));
  const select = h("select", { id: "req-state", class: "select select-compact" },
    STATES.map((s) => h("option", { value: s, selected: s === which }, s === "open" ? t("Waiting for an answer") : t("All requests"))));
  select.addEventListener("change", () => {
    which = select.value;
    history.replaceState(null, "", which === "all" ? "#requests&state=all" : "#requests");
    load();
  });
  async function load() {
    fill(list, loadingState(t("Loading the requests...")));
    try {
      const rs = await listAll("/api/v1/requests" + (which === "open" ? "?state=open" : ""), "requests");
      if (rs.length === 0) {
        fill(list, emptyState(which === "open" ? t("No requests wait for an answer.") : t("No requests yet.")));
      } else {
        // Newest first: what came in last is what the coordinator looks
        // for.  rotad lists them oldest first (by id, so ties in the same
        // second keep their order, as the page without JavaScript).
        rs.reverse();
        fill(list,
          h("p", { class: "summary", role: "status", id: "req-count" }, t("Requests: {n}", { n: rs.length })),
          h("ul", { class: "req-list" }, rs.map((r) => item(r, mayAnswer, load))));
      }
    } catch (e) {
      fill(list, errorState(e, load));
    }
    updateRequestBadge();
  }
  fill(main,
    h("div", { class: "toolbar" },
      h("h1", { class: "week-title", id: "screen-title" }, t("Requests")),
      h("div", { class: "field-inline" }, h("label", { for: "req-state", class: "label-inline" }, t("Show")), select)),
    h("p", { class: "muted small" }, t("What youths ask on their own page. Approving carries it out through the rules at that moment.")),
    list);
  load();
}

function item(r, mayAnswer, reload) {
  const where = h("div", { class: "refusal-slot" });
  const buttons = [];
  if (mayAnswer && r.state === "open") {
    const approve = h("button", { class: "btn btn-small btn-primary", type: "button", "data-action": "approve" }, t("Approve"));
    const decline = h("button", { class: "btn btn-small", type: "button", "data-action": "decline" }, t("Decline"));
    const act = (b, verb) => async () => {
      fill(where);
      approve.disabled = true;
      decline.disabled = true;
      b.setAttribute("aria-busy", "true");
      try {
        await api("POST", "/api/v1/requests/" + encodeURIComponent(r.id) + "/" + verb);
      } catch (e) {
        approve.disabled = false;
        decline.disabled = false;
        b.removeAttribute("aria-busy");
        showRefusal(where, e);
        return;
      }
      await reload();
      const title = document.getElementById("screen-title");
      if (title) {
        title.setAttribute("tabindex", "-1");
        title.focus();
      }
    };
    approve.addEventListener("click", act(approve, "approve"));
    decline.addEventListener("click", act(decline, "decline"));
    approve.setAttribute("aria-label", t("Approve: {what}", { what: r.message || r.id }));
    decline.setAttribute("aria-label", t("Decline: {what}", { what: r.message || r.id }));
    buttons.push(approve, decline);
  }
  return h("li", { class: "req req-" + r.state, "data-request": r.id },
    h("p", { class: "req-message" }, r.message || r.id),
    h("div", { class: "req-meta" },
      h("span", { class: "tag" }, kindLabel(r.kind)),
      h("span", { class: "tag req-state" }, stateLabel(r.state)),
      h("time", { class: "muted small", datetime: r.created_at }, shortTime(r.created_at))),
    buttons.length ? h("div", { class: "button-row" }, buttons) : null,
    where);
}
