// SPDX-License-Identifier: ISC
// The youth list (issue 19): searchable by name, one page of the API at a
// time (GET /api/v1/youths?q=NAME&limit=50, "Show more" for the next
// cursor), so it stays fast with 20,000 youths; a row opens the youth
// panel.  The search is in the address (#youths&q=...).
import { api } from "./api.js";
import { fill, h } from "./dom.js";
import { t } from "./i18n.js";
import { openYouth } from "./youth.js";

const PAGE = 50;
const PAUSE = 250; // ms of no typing before the search is sent

let seq = 0;

function readQuery() {
  const p = new URLSearchParams(location.hash.slice(1));
  return p.get("q") || "";
}

function writeQuery(q) {
  history.replaceState(null, "", "#youths" + (q ? "&q=" + encodeURIComponent(q) : ""));
}

export function showYouths(main) {
  let q = readQuery();
  let timer = null;
  const list = h("ul", { class: "youth-list", id: "youth-list" });
  const status = h("p", { class: "summary", role: "status", id: "youth-count" });
  const more = h("div", { class: "more" });
  const search = h("input", {
    type: "search", id: "youth-search", class: "input youth-search", value: q,
    placeholder: t("Search by name"), autocomplete: "off",
    oninput: (ev) => {
      clearTimeout(timer);
      timer = setTimeout(() => { q = ev.target.value.trim(); writeQuery(q); load(true); }, PAUSE);
    },
    onkeydown: (ev) => {
      if (ev.key === "Enter") { clearTimeout(timer); q = ev.target.value.trim(); writeQuery(q); load(true); }
    },
  });
  let cursor = null;
  let shown = 0;
  async function load(fresh) {
    const my = ++seq;
    if (fresh) {
      cursor = null;
      shown = 0;
      list.setAttribute("aria-busy", "true");
      fill(status, h("span", { class: "spinner", "aria-hidden": "true" }), t("Searching..."));
    }
    fill(more);
    try {
      const page = await api("GET", "/api/v1/youths?limit=" + PAGE + (q ? "&q=" + encodeURIComponent(q) : "") +
        (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
      if (my !== seq) return;
      const ys = page.youths || [];
      const rows = ys.map(row);
      if (fresh) fill(list, rows);
      else for (const r of rows) list.appendChild(r);
      shown += ys.length;
      cursor = page.next_cursor || null;
      list.setAttribute("aria-busy", "false");
      if (shown === 0) {
        fill(status, q ? t("Nobody matches the search.") : t("No youths yet."));
      } else {
        fill(status, cursor ? t("Showing the first {n}.", { n: shown }) : t("Youths: {n}", { n: shown }));
      }
      if (cursor) {
        fill(more, h("button", { class: "btn", type: "button", id: "youth-more", onclick: () => load(false) }, t("Show more")));
      }
    } catch (e) {
      if (my !== seq) return;
      list.setAttribute("aria-busy", "false");
      fill(status, h("span", { class: "notice notice-error", role: "alert" }, e.message));
    }
  }
  fill(main,
    h("div", { class: "toolbar" },
      h("h1", { class: "week-title", id: "youths-title" }, t("Youths")),
      h("div", { class: "filters" },
        h("label", { for: "youth-search", class: "label-inline" }, t("Name")), search)),
    status, list, more);
  load(true);
}

function row(y) {
  return h("li", { class: "youth-row" },
    h("button", {
      type: "button", class: "youth-open", "data-youth": y.id,
      onclick: (ev) => openYouth(y.id, ev.currentTarget),
    },
    h("span", { class: "youth-name" }, y.name),
    typeof y.age === "number" ? h("span", { class: "cand-age" }, t("{age} years", { age: y.age })) : null));
}
