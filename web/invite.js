// SPDX-License-Identifier: ISC
// The invitation page ("#invite&code=CODE", the link the Users screen
// gives for a user added with an invitation): the invited person chooses
// a password (POST /api/v1/invite with the one-time code), then logs in.
// The code travels in the address's fragment, which the browser never
// sends to a server, so it lands in no log; the page drops it from the
// address at once.
import { api } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";

// The code of an invitation link, or null when the address is none.
export function inviteCode(hash) {
  if (!/^#invite(&|$)/.test(hash || "")) return null;
  return new URLSearchParams(hash.slice(1)).get("code") || "";
}

function field(id, label, attrs) {
  const err = h("p", { id: id + "-error", class: "field-error", hidden: true });
  const input = h("input", Object.assign({ id, name: id, class: "input", "aria-describedby": id + "-error" }, attrs));
  return { node: h("div", { class: "field" }, h("label", { for: id, class: "label" }, label), input, err), input, err };
}

function setError(f, msg) {
  f.err.textContent = msg || "";
  f.err.hidden = !msg;
  if (msg) f.input.setAttribute("aria-invalid", "true");
  else f.input.removeAttribute("aria-invalid");
}

// onDone() when the password is set (the app shows the login then).
export function showInvite(languagePicker, code, onDone) {
  const c = field("invite-code-input", t("Invitation code"), { autocomplete: "off", spellcheck: "false", value: code, required: true });
  const p = field("invite-password", t("Choose a password"), { type: "password", autocomplete: "new-password", required: true });
  const formError = h("p", { class: "form-error", id: "invite-form-error", role: "alert", hidden: true });
  const submit = h("button", { class: "btn btn-primary btn-block", type: "submit", id: "invite-submit" }, t("Set the password"));
  async function onsubmit(ev) {
    ev.preventDefault();
    setError(c, "");
    setError(p, "");
    formError.hidden = true;
    if (!c.input.value.trim()) setError(c, t("Enter the invitation code."));
    if (!p.input.value) setError(p, t("Choose a password."));
    if (!c.input.value.trim() || !p.input.value) return;
    submit.disabled = true;
    try {
      await api("POST", "/api/v1/invite", { code: c.input.value.trim(), password: p.input.value }, { quiet401: true });
      onDone();
      return;
    } catch (e) {
      const f = e.field === "code" ? c : e.field === "password" ? p : null;
      if (f) {
        setError(f, e.message);
        f.input.focus();
      } else {
        formError.textContent = e.message;
        formError.hidden = false;
      }
    }
    submit.disabled = false;
  }
  return h("main", { class: "login" },
    h("div", { class: "login-lang" }, languagePicker()),
    h("div", { class: "card login-card" },
      h("div", { class: "login-brand" }, h("img", { src: "/app/icon.svg", alt: "", width: 40, height: 40 }),
        h("h1", { class: "card-title" }, "rota")),
      h("p", { class: "lead" }, t("You are invited. Choose your password, then log in.")),
      h("p", { class: "muted small" }, t("At least 8 characters, not the login or the name.")),
      h("form", { class: "form", novalidate: true, onsubmit, id: "invite-form" }, c.node, p.node, formError, submit)));
}
