// SPDX-License-Identifier: ISC
// The login page: POST /api/v1/login with the login and password; the
// answer's CSRF token goes to the app.  An error is shown next to the field
// it is about, or under the form, in the chosen language.
import { api } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

function field(id, label, attrs) {
  const err = h("p", { id: id + "-error", class: "field-error", hidden: true });
  const input = h("input", Object.assign({
    id, name: id, class: "input", "aria-describedby": id + "-error",
  }, attrs));
  return { node: h("div", { class: "field" }, h("label", { for: id, class: "label" }, label), input, err), input, err };
}

function setError(f, msg) {
  f.err.textContent = msg || "";
  f.err.hidden = !msg;
  if (msg) f.input.setAttribute("aria-invalid", "true");
  else f.input.removeAttribute("aria-invalid");
}

// notice: why the login is shown again (the session ended), or "".
export function showLogin(languagePicker, onLoggedIn, notice) {
  const login = field("login", t("Username"), { autocomplete: "username", autocapitalize: "none", spellcheck: "false", required: true });
  const password = field("password", t("Password"), { type: "password", autocomplete: "current-password", required: true });
  const formError = h("p", { class: "form-error", id: "form-error", role: "alert", hidden: true });
  const submit = h("button", { class: "btn btn-primary btn-block", type: "submit" }, t("Log in"));

  async function onsubmit(ev) {
    ev.preventDefault();
    setError(login, "");
    setError(password, "");
    formError.hidden = true;
    const l = login.input.value.trim();
    const p = password.input.value;
    if (!l) setError(login, t("Enter your username."));
    if (!p) setError(password, t("Enter your password."));
    if (!l || !p) {
      (l ? password : login).input.focus();
      return;
    }
    submit.disabled = true;
    submit.setAttribute("aria-busy", "true");
    submit.textContent = t("Logging in...");
    try {
      const answer = await api("POST", "/api/v1/login", { login: l, password: p }, { quiet401: true });
      onLoggedIn(answer);
      return;
    } catch (e) {
      if (e.status === 401) {
        // Same answer for a wrong login and a wrong password (no hint
        // which one): shown at the password, which the user retypes.
        setError(password, e.message);
        password.input.select();
        password.input.focus();
      } else if (e.field === "login" || e.field === "password") {
        const f = e.field === "login" ? login : password;
        setError(f, e.message);
        f.input.focus();
      } else {
        formError.textContent = e.message;
        formError.hidden = false;
      }
    }
    submit.disabled = false;
    submit.removeAttribute("aria-busy");
    submit.textContent = t("Log in");
  }

  return h("main", { class: "login" },
    h("div", { class: "login-lang" }, languagePicker()),
    h("div", { class: "card login-card" },
      h("div", { class: "login-brand" }, h("img", { src: "/app/icon.svg", alt: "", width: 40, height: 40 }),
        h("h1", { class: "card-title" }, "rota")),
      h("p", { class: "lead" }, t("Plan the visits to the nursing homes, within the law for young workers.")),
      notice ? h("p", { class: "notice notice-info", role: "status", id: "login-notice" }, notice) : null,
      h("form", { class: "form", novalidate: true, onsubmit },
        login.node, password.node, formError, submit)));
}
