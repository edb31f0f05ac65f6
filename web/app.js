// SPDX-License-Identifier: ISC
// The coordinator's web app (issue 19): starts in the chosen language,
// asks rotad who is logged in (GET /api/v1/session), and shows the login
// page or the app: a top bar (language, user, log out) and the week board.
import { api, setCsrf, setUnauthorizedHandler } from "./api.js";
import { showBoard } from "./board.js";
import { fill, h, uid } from "./dom.js";
import { showHours } from "./hours.js";
import { availableLanguages, chosenLanguage, currentLang, loadLanguage, t } from "./i18n.js";
import { showLogin } from "./login.js";
import { showPlan } from "./plan.js";
import { closeYouth } from "./youth.js";
import { showYouths } from "./youths.js";

const root = document.getElementById("app");
const state = { user: null, screen: null, ended: false };

// A language picker: changes the language, then draws the screen again.
export function languagePicker() {
  const id = uid("lang");
  const select = h("select", {
    id,
    class: "select select-compact",
    onchange: async (ev) => {
      select.disabled = true;
      try {
        await loadLanguage(ev.target.value);
      } finally {
        select.disabled = false;
      }
      render();
      const again = document.querySelector(".lang-picker select");
      if (again) again.focus();
    },
  }, availableLanguages().map((l) =>
    h("option", { value: l.tag, selected: l.tag === currentLang(), lang: l.tag }, l.name)));
  return h("div", { class: "lang-picker" },
    h("label", { for: id, class: "lang-label" }, t("Language")), select);
}

function topbar() {
  const u = state.user || {};
  return h("header", { class: "topbar" },
    h("a", { class: "brand", href: "#" }, h("img", { src: "/app/icon.svg", alt: "", width: 24, height: 24 }), "rota"),
    h("nav", { class: "nav", "aria-label": t("Main") },
      h("a", { class: "nav-link", href: "#", id: "nav-board", "aria-current": screenOf() === "board" ? "page" : null }, t("Week board")),
      // Viewers may not read youths or plan (docs/api.md, Roles): no
      // such screens for them; their hours are the homes' only.
      u.role === "viewer" ? null
        : h("a", { class: "nav-link", href: "#youths", id: "nav-youths", "aria-current": screenOf() === "youths" ? "page" : null }, t("Youths")),
      u.role === "viewer" ? null
        : h("a", { class: "nav-link", href: "#plan", id: "nav-plan", "aria-current": screenOf() === "plan" ? "page" : null }, t("Plan")),
      h("a", { class: "nav-link", href: "#hours", id: "nav-hours", "aria-current": screenOf() === "hours" ? "page" : null }, t("Hours"))),
    h("div", { class: "topbar-end" },
      languagePicker(),
      h("span", { class: "who", title: u.login || "" }, u.name || u.login || ""),
      h("button", { class: "btn btn-quiet", type: "button", id: "logout", onclick: logout }, t("Log out"))));
}

async function logout(ev) {
  const b = ev.currentTarget;
  b.disabled = true;
  try {
    await api("POST", "/api/v1/logout");
  } catch (e) {
    // The session is gone either way once the cookie is cleared.
  }
  setCsrf(null);
  state.user = null;
  state.ended = false;
  render();
}

// Draws the current screen (again, after a language change).
export function render() {
  document.title = t("rota: plan the week");
  if (!state.user) {
    state.screen = "login";
    fill(root, showLogin(languagePicker, onLoggedIn,
      state.ended ? t("Your session has ended. Log in again to go on.") : ""));
    const first = root.querySelector("input");
    if (first) first.focus();
    return;
  }
  const main = h("main", { id: "main", class: "main", tabindex: "-1" });
  closeYouth();
  const screen = screenOf();
  if (screen !== "board") {
    state.screen = screen;
    fill(root, h("a", { class: "skip", href: "#main" }, t("Skip to the content")), topbar(), main);
    if (screen === "youths") showYouths(main);
    else if (screen === "plan") showPlan(main);
    else showHours(main);
    return;
  }
  state.screen = "board";
  fill(root, h("a", { class: "skip", href: "#main" }, t("Skip to the board")), topbar(), main);
  showBoard(main);
}

// The youth list is "#youths" (with "&q=NAME"), planning "#plan", the
// hours "#hours" (with "&month=YYYY-MM"); anything else is the board.
// Viewers may not plan: the board for them.
function screenOf() {
  const m = /^#(youths|plan|hours)(&|$)/.exec(location.hash);
  if (!m) return "board";
  if (m[1] === "plan" && state.user && state.user.role === "viewer") return "board";
  return m[1];
}

window.addEventListener("hashchange", () => {
  if (!state.user) return;
  if (state.screen !== screenOf()) {
    render();
    const main = document.getElementById("main");
    if (main) main.focus();
  }
});

function onLoggedIn(answer) {
  state.ended = false;
  setCsrf(answer.csrf_token);
  state.user = answer.user;
  render();
}

async function start() {
  try {
    await loadLanguage(chosenLanguage());
  } catch (e) {
    // No catalogue: the English msgids still make a working app.
  }
  setUnauthorizedHandler(() => {
    if (state.user) {
      state.user = null;
      state.ended = true;
      setCsrf(null);
      render();
    }
  });
  try {
    const s = await api("GET", "/api/v1/session", undefined, { quiet401: true });
    setCsrf(s.csrf_token);
    state.user = s.user;
  } catch (e) {
    state.user = null;
    if (e.status !== 401) {
      fill(root, h("main", { class: "login" }, h("div", { class: "card" },
        h("h1", { class: "card-title" }, "rota"),
        h("p", { class: "notice notice-error", role: "alert" }, e.message),
        h("button", { class: "btn btn-primary", type: "button", onclick: start }, t("Try again")))));
      return;
    }
  }
  render();
}

start();
