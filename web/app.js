// SPDX-License-Identifier: ISC
// The coordinator's web app (issue 19): starts in the chosen language,
// asks rotad who is logged in (GET /api/v1/session), and shows the login
// page or the app: a top bar (language, user, log out) and the week board.
import { ADMIN_SCREENS, adminScreenOf, mayOpen, screenLabel } from "./admin.js";
import { api, setCsrf, setUnauthorizedHandler } from "./api.js";
import { showAudit } from "./audit.js";
import { showBoard } from "./board.js";
import { showCalendars } from "./calendars.js";
import { fill, h, uid } from "./dom.js";
import { availableLanguages, chosenLanguage, currentLang, loadLanguage, t } from "./i18n.js";
import { inviteCode, showInvite } from "./invite.js";
import { showLogin } from "./login.js";
import { showHours } from "./hours.js";
import { showPlan } from "./plan.js";
import { showRequests, updateRequestBadge } from "./requests.js";
import { showSettings } from "./settings.js";
import { showUsers } from "./users.js";
import { showViolations } from "./violations.js";
import { closeYouth } from "./youth.js";
import { showYouths } from "./youths.js";

const root = document.getElementById("app");
const state = { user: null, screen: null, ended: false, invite: null, invited: false };

// rotad renders each page itself, for browsers without JavaScript
// (docs/web.md, "Without JavaScript"). The app is the page at "/" (its
// screens are the address's fragment: "#youths", "#plan"): there it takes
// over at once, so that only one set of controls is ever on the screen.
// Every other address (/youths, /visits/ID, /plan/RUN, a form's answer
// such as a refusal) is rotad's page for that screen, and stays as rotad
// sent it: its links and forms work with JavaScript as without.
const appPage = location.pathname === "/";
root.dataset.script = appPage ? "app" : "page";
if (appPage) {
  const boot = document.createElement("p");
  boot.className = "boot";
  boot.setAttribute("role", "status");
  boot.textContent = root.dataset.loading || "";
  root.replaceChildren(boot);
}

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
      h("a", { class: "nav-link", href: "#", id: "nav-board", "aria-current": screenName() === "board" ? "page" : null }, t("Week board")),
      // Viewers may not read youths (docs/api.md, Roles): no list for them.
      u.role === "viewer" ? null
        : h("a", { class: "nav-link", href: "#youths", id: "nav-youths", "aria-current": screenName() === "youths" ? "page" : null }, t("Youths")),
      // Viewers may not plan; their hours are the homes' only.
      u.role === "viewer" ? null
        : h("a", { class: "nav-link", href: "#plan", id: "nav-plan", "aria-current": screenName() === "plan" ? "page" : null }, t("Plan")),
      h("a", { class: "nav-link", href: "#hours", id: "nav-hours", "aria-current": screenName() === "hours" ? "page" : null }, t("Hours")),
      // The youths' requests (requests.js), with the open ones counted;
      // not for viewers (a request names its youth).
      u.role === "viewer" ? null
        : h("a", { class: "nav-link", href: "#requests", id: "nav-requests", "aria-current": screenName() === "requests" ? "page" : null },
          t("Requests"), " ", h("span", { class: "badge nav-badge", id: "nav-requests-count", hidden: true })),
      // Screen 6 (admin.js): each only for the roles that may use it; one
      // reached from another marks that one's link as the current page.
      ADMIN_SCREENS.filter((x) => mayOpen(x, u) && !x.under).map((x) => h("a", {
        class: "nav-link", href: "#" + x.hash, id: "nav-" + x.hash, "aria-current": navScreen() === x.hash ? "page" : null,
      }, screenLabel(x.hash)))),
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
  if (!state.user && state.invite === null && inviteCode(location.hash) !== null) {
    // An invitation link (users.js): the code leaves the address at once.
    state.invite = inviteCode(location.hash);
    history.replaceState(null, "", location.pathname);
  }
  if (!state.user && state.invite !== null) {
    state.screen = "invite";
    fill(root, showInvite(languagePicker, state.invite, () => {
      state.invite = null;
      state.invited = true;
      render();
    }));
    const first = root.querySelector(state.invite ? "#invite-password" : "input");
    if (first) first.focus();
    return;
  }
  if (!state.user) {
    state.screen = "login";
    fill(root, showLogin(languagePicker, onLoggedIn,
      state.ended ? t("Your session has ended. Log in again to go on.")
        : state.invited ? t("Your password is set. Log in with it.") : ""));
    const first = root.querySelector("input");
    if (first) first.focus();
    return;
  }
  const main = h("main", { id: "main", class: "main", tabindex: "-1" });
  closeYouth();
  const admin = adminScreenOf(location.hash);
  if (mayOpen(admin, state.user)) {
    state.screen = admin.hash;
    fill(root, h("a", { class: "skip", href: "#main" }, t("Skip to the content")), topbar(), main);
    const show = { violations: showViolations, audit: showAudit, settings: showSettings, calendars: showCalendars, users: showUsers }[admin.hash];
    show(main, state.user);
    updateRequestBadge();
    return;
  }
  const screen = screenName();
  if (screen === "youths" || screen === "plan" || screen === "hours" || screen === "requests") {
    state.screen = screen;
    fill(root, h("a", { class: "skip", href: "#main" }, t("Skip to the content")), topbar(), main);
    ({ youths: showYouths, plan: showPlan, hours: showHours, requests: showRequests })[screen](main, state.user);
    updateRequestBadge();
    return;
  }
  state.screen = "board";
  fill(root, h("a", { class: "skip", href: "#main" }, t("Skip to the board")), topbar(), main);
  showBoard(main, false, state.user);
  updateRequestBadge();
}

// The youth list is "#youths" (with "&q=NAME"), planning "#plan", the
// hours "#hours" (with "&month=YYYY-MM"), the requests "#requests" (with
// "&state=all"); null for anything else.
// Viewers may not plan or read requests: the board for them.
function plainScreenOf(hash) {
  const m = /^#(youths|plan|hours|requests)(&|$)/.exec(hash);
  if (!m) return null;
  if ((m[1] === "plan" || m[1] === "requests") && state.user && state.user.role === "viewer") return null;
  return m[1];
}

// The screen of the address: an admin.js screen the user may open, the
// youths, planning, the hours, or the board.
function screenName() {
  const admin = adminScreenOf(location.hash);
  if (state.user && mayOpen(admin, state.user)) return admin.hash;
  return plainScreenOf(location.hash) || "board";
}

// The screen whose navigation link is the current page.
function navScreen() {
  const admin = adminScreenOf(location.hash);
  return admin && admin.under && mayOpen(admin, state.user) ? admin.under : screenName();
}

if (appPage) window.addEventListener("hashchange", () => {
  if (!state.user) {
    // An invitation link opened in the login page's tab.
    if (state.invite === null && inviteCode(location.hash) !== null) render();
    return;
  }
  if (state.screen !== screenName()) {
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

if (appPage) start();
