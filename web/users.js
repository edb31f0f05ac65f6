// SPDX-License-Identifier: ISC
// Users (issue 19, screen 6, "#users", admins): the list
// (GET /api/v1/users), adding one (POST: login, name, role, homes, and an
// initial password or an invitation code), changing the role, homes and
// regions (PATCH; a region's homes are in scope, also those added to it
// later), a new password (PUT .../password) and removing one (DELETE,
// after a confirmation step).  Each error next to the field it names.
import { clearErrors, emptyState, errorState, field, formErrorBox, loadingState, showFieldError } from "./admin.js";
import { api, listAll } from "./api.js";
import { fill, h, uid } from "./dom.js";
import { t } from "./i18n.js";

let homes = [];

function roleLabel(role) {
  switch (role) {
    case "admin": return t("Administrator");
    case "coordinator": return t("Coordinator");
    case "viewer": return t("Reader");
    default: return role;
  }
}

const ROLES = ["coordinator", "viewer", "admin"];

// The scope in words: its homes, then its regions.
function scopeText(u) {
  const ids = u.homes || [];
  const regs = u.regions || [];
  if (ids.length === 0 && regs.length === 0) return t("Every home");
  return ids.map((id) => (homes.find((x) => x.id === id) || { name: id }).name)
    .concat(regs.map((r) => t("region {name}", { name: r }))).join(", ");
}

// The regions of the homes, and those the user has that no home has yet.
function regionNames(chosen) {
  const set = new Set(chosen || []);
  for (const x of homes) if (x.region) set.add(x.region);
  return [...set].sort((a, b) => a.localeCompare(b));
}

// Checkboxes of the regions (none when no home has one and the user none).
function regionPicker(prefix, chosen) {
  const set = new Set(chosen || []);
  const names = regionNames(chosen);
  const boxes = names.map((r, i) => ({
    id: r, input: h("input", { type: "checkbox", class: "checkbox", id: prefix + "-" + i, value: r, checked: set.has(r) }), label: r,
  }));
  const error = h("p", { class: "field-error", id: prefix + "-error", "aria-live": "polite" });
  const fs = h("fieldset", { class: "fieldset home-picker", id: prefix, hidden: boxes.length === 0, "aria-describedby": prefix + "-help " + prefix + "-error" },
    h("legend", { class: "label" }, t("Regions")),
    h("p", { class: "muted small", id: prefix + "-help" }, t("Every home of a ticked region, also one added later.")),
    h("div", { class: "checks" }, boxes.map((b) => h("div", { class: "check" }, b.input, h("label", { for: b.input.id }, b.label)))),
    error);
  return {
    fs, error, input: boxes.length ? boxes[0].input : fs,
    value: () => boxes.filter((b) => b.input.checked).map((b) => b.id),
  };
}

// Checkboxes of the homes; none ticked = every home.
function homePicker(prefix, chosen) {
  const set = new Set(chosen || []);
  const boxes = homes.map((x) => {
    const id = prefix + "-" + x.id;
    return { id: x.id, input: h("input", { type: "checkbox", class: "checkbox", id, value: x.id, checked: set.has(x.id) }), label: x.name, el: null };
  });
  const error = h("p", { class: "field-error", id: prefix + "-error", "aria-live": "polite" });
  const fs = h("fieldset", { class: "fieldset home-picker", id: prefix, "aria-describedby": prefix + "-help " + prefix + "-error" },
    h("legend", { class: "label" }, t("Homes")),
    h("p", { class: "muted small", id: prefix + "-help" }, t("None ticked here or under Regions: every home.")),
    h("div", { class: "checks" }, boxes.map((b) => h("div", { class: "check" }, b.input, h("label", { for: b.input.id }, b.label)))),
    error);
  return {
    fs, error, input: boxes.length ? boxes[0].input : fs,
    value: () => boxes.filter((b) => b.input.checked).map((b) => b.id),
  };
}

export function showUsers(main, me) {
  const list = h("div", { id: "users-area" }, loadingState());
  const add = h("section", { class: "admin-section card-section", "aria-labelledby": "add-user-title" },
    h("h2", { id: "add-user-title", class: "sub-title" }, t("Add a user")), h("div", { id: "add-user" }, loadingState()));
  fill(main,
    h("div", { class: "toolbar" }, h("h1", { class: "week-title", id: "screen-title" }, t("Users"))),
    h("div", { class: "admin-columns" },
      h("section", { class: "admin-section", "aria-labelledby": "users-title" },
        h("h2", { id: "users-title", class: "section-title" }, t("Who may log in")),
        h("p", { class: "panel-status sr-only", role: "status", "aria-live": "polite", id: "users-status" }), list),
      add));
  load(main, me);
}

async function load(main, me) {
  const list = main.querySelector("#users-area");
  const add = main.querySelector("#add-user");
  try {
    const [u, hs] = await Promise.all([api("GET", "/api/v1/users"), listAll("/api/v1/homes", "homes")]);
    homes = hs.sort((a, b) => a.name.localeCompare(b.name));
    drawList(main, list, u.users || [], me);
    if (!add.querySelector("form")) fill(add, addForm(main, me));
  } catch (e) {
    fill(list, errorState(e, () => load(main, me)));
  }
}

function say(main, text) {
  const s = main.querySelector("#users-status");
  if (s) s.textContent = text;
}

function drawList(main, list, users, me) {
  if (users.length === 0) {
    fill(list, emptyState(t("No users yet.")));
    return;
  }
  fill(list, h("ul", { class: "user-list", id: "user-list" }, users.map((u) => userItem(main, u, me))));
}

function userItem(main, u, me) {
  const slot = h("div", { class: "user-edit" });
  const self = me && me.login === u.login;
  const edit = h("button", { class: "btn btn-small", type: "button", "aria-label": t("Change {login}'s role and homes", { login: u.login }) }, t("Change"));
  const pw = h("button", { class: "btn btn-small", type: "button", "aria-label": t("Set a new password for {login}", { login: u.login }) }, t("New password"));
  const rm = h("button", { class: "btn btn-small btn-danger-outline", type: "button", "aria-label": t("Remove {login}", { login: u.login }) }, t("Remove"));
  edit.addEventListener("click", () => { fill(slot, editForm(main, u, me, slot)); slot.querySelector("select").focus(); });
  pw.addEventListener("click", () => { fill(slot, passwordForm(main, u, slot)); slot.querySelector("input").focus(); });
  rm.addEventListener("click", () => { fill(slot, removeStep(main, u, me, slot)); slot.querySelector("button").focus(); });
  const inv = u.has_password ? null
    : h("button", { class: "btn btn-small", type: "button", "aria-label": t("A new invitation for {login}", { login: u.login }) }, t("New invitation"));
  if (inv) {
    inv.addEventListener("click", async () => {
      inv.disabled = true;
      try {
        const j = await api("POST", "/api/v1/users/" + encodeURIComponent(u.login) + "/invite");
        fill(slot, inviteBox(u.login, j.invite_code));
        slot.querySelector("input").focus();
      } catch (e) {
        fill(slot, h("p", { class: "field-error", role: "alert" }, e.message));
      } finally {
        inv.disabled = false;
      }
    });
  }
  return h("li", { class: "user", "data-login": u.login },
    h("div", { class: "user-main" },
      h("span", { class: "user-name" }, u.name || u.login),
      h("span", { class: "user-login muted" }, u.login),
      h("span", { class: "tag" }, roleLabel(u.role)),
      self ? h("span", { class: "tag" }, t("you")) : null),
    h("p", { class: "muted small user-homes" }, scopeText(u),
      u.has_password ? null : " \u00b7 " + t("has no password yet (invited)")),
    h("div", { class: "button-row" }, edit, pw, inv, self ? null : rm),
    slot);
}

function editForm(main, u, me, slot) {
  const role = field(t("Role"), { id: uid("role"), value: u.role }, ROLES.map((r) => [r, roleLabel(r)]));
  const picker = homePicker(uid("homes"), u.homes);
  const regionBox = regionPicker(uid("regions"), u.regions);
  const fields = { role, homes: picker, regions: regionBox };
  const formError = formErrorBox();
  const save = h("button", { class: "btn btn-small btn-primary", type: "submit" }, t("Save"));
  return h("form", {
    class: "inline-form", novalidate: true, "aria-label": t("Change {login}", { login: u.login }),
    onsubmit: async (ev) => {
      ev.preventDefault();
      clearErrors(fields, formError);
      save.disabled = true;
      try {
        await api("PATCH", "/api/v1/users/" + encodeURIComponent(u.login), { role: role.input.value, homes: picker.value(), regions: regionBox.value() });
        say(main, t("{login} is changed.", { login: u.login }));
        await load(main, me);
      } catch (e) {
        save.disabled = false;
        showFieldError(e, fields, formError);
      }
    },
  }, role.wrap, picker.fs, regionBox.fs, formError,
  h("div", { class: "button-row" }, save, h("button", { class: "btn btn-small btn-quiet", type: "button", onclick: () => fill(slot) }, t("Cancel"))));
}

function passwordForm(main, u, slot) {
  const pw = field(t("New password"), { id: uid("pw"), type: "password", autocomplete: "new-password" });
  const fields = { password: pw };
  const formError = formErrorBox();
  const save = h("button", { class: "btn btn-small btn-primary", type: "submit" }, t("Set the password"));
  return h("form", {
    class: "inline-form", novalidate: true, "aria-label": t("New password for {login}", { login: u.login }),
    onsubmit: async (ev) => {
      ev.preventDefault();
      clearErrors(fields, formError);
      save.disabled = true;
      try {
        await api("PUT", "/api/v1/users/" + encodeURIComponent(u.login) + "/password", { password: pw.input.value });
        fill(slot, h("p", { class: "notice notice-info", role: "status" }, t("The password is set; {login}'s sessions are ended.", { login: u.login })));
      } catch (e) {
        save.disabled = false;
        showFieldError(e, fields, formError);
      }
    },
  }, h("p", { class: "muted small" }, t("At least 8 characters, not the login or the name.")), pw.wrap, formError,
  h("div", { class: "button-row" }, save, h("button", { class: "btn btn-small btn-quiet", type: "button", onclick: () => fill(slot) }, t("Cancel"))));
}

// Removing is a second step: the question, then Remove or Cancel.
function removeStep(main, u, me, slot) {
  const err = h("p", { class: "field-error", role: "alert" });
  const yes = h("button", { class: "btn btn-small btn-danger", type: "button", id: "user-remove-confirm" }, t("Remove {login}", { login: u.login }));
  yes.addEventListener("click", async () => {
    yes.disabled = true;
    try {
      await api("DELETE", "/api/v1/users/" + encodeURIComponent(u.login));
      say(main, t("{login} is removed.", { login: u.login }));
      await load(main, me);
    } catch (e) {
      yes.disabled = false;
      err.textContent = e.message;
    }
  });
  return h("div", { class: "refusal", role: "group", "aria-label": t("Remove {login}?", { login: u.login }) },
    h("p", { class: "refusal-title" }, t("Remove {login}? Their sessions, invitations and API tokens stop working.", { login: u.login })),
    err,
    h("div", { class: "button-row" }, yes, h("button", { class: "btn btn-small btn-quiet", type: "button", onclick: () => fill(slot) }, t("Cancel"))));
}

// The invitation link (web/invite.js; the code in the fragment, which no
// server sees) and the code itself, shown once.
function inviteBox(login, code) {
  const link = location.origin + "/#invite&code=" + encodeURIComponent(code);
  const id = uid("invite-link");
  const input = h("input", { id, class: "input input-small invite-link", type: "text", readonly: true, value: link });
  input.addEventListener("focus", () => input.select());
  return h("div", { class: "invite" },
    h("p", null, t("Give {login} this invitation link (shown once, valid for 7 days) to choose a password:", { login })),
    h("label", { for: id, class: "label" }, t("Invitation link")), input,
    h("p", { class: "muted small" }, t("Or the code alone:"), " ", h("code", { class: "invite-code", id: "invite-code" }, code)));
}

function addForm(main, me) {
  const login = field(t("Login"), { id: "new-login", type: "text", autocomplete: "off", spellcheck: "false" });
  const name = field(t("Name"), { id: "new-name", type: "text", autocomplete: "off" });
  const role = field(t("Role"), { id: "new-role", value: "coordinator" }, ROLES.map((r) => [r, roleLabel(r)]));
  const picker = homePicker("new-homes", []);
  const regionBox = regionPicker("new-regions", []);
  const pw = field(t("Initial password"), { id: "new-password", type: "password", autocomplete: "new-password" });
  const how = uid("how");
  const byPw = h("input", { type: "radio", name: how, id: "new-by-password", value: "password", checked: true, class: "checkbox" });
  const byInvite = h("input", { type: "radio", name: how, id: "new-by-invite", value: "invite", class: "checkbox" });
  const sync = () => { pw.wrap.hidden = !byPw.checked; };
  byPw.addEventListener("change", sync);
  byInvite.addEventListener("change", sync);
  const fields = { login, name, role, homes: picker, regions: regionBox, password: pw };
  const formError = formErrorBox();
  const done = h("div", { id: "new-user-done", role: "status" });
  const save = h("button", { class: "btn btn-primary", type: "submit", id: "new-user-save" }, t("Add the user"));
  const form = h("form", {
    id: "add-user-form", novalidate: true, "aria-labelledby": "add-user-title",
    onsubmit: async (ev) => {
      ev.preventDefault();
      clearErrors(fields, formError);
      fill(done);
      const body = { login: login.input.value.trim(), role: role.input.value, homes: picker.value(), regions: regionBox.value() };
      if (name.input.value.trim()) body.name = name.input.value.trim();
      if (byInvite.checked) body.invite = true;
      else body.password = pw.input.value;
      if (!body.login) {
        showFieldError({ field: "login", message: t("Write the login.") }, fields, formError);
        return;
      }
      save.disabled = true;
      save.setAttribute("aria-busy", "true");
      try {
        const u = await api("POST", "/api/v1/users", body);
        // Reset first: the answer below lives inside the form.
        form.reset();
        sync();
        fill(done, h("p", { class: "notice notice-info" }, t("{login} is added.", { login: body.login })),
          u && u.invite_code ? inviteBox(body.login, u.invite_code) : null);
        await load(main, me);
      } catch (e) {
        showFieldError(e, fields, formError);
      } finally {
        save.disabled = false;
        save.removeAttribute("aria-busy");
      }
    },
  },
  login.wrap, name.wrap, role.wrap, picker.fs, regionBox.fs,
  h("fieldset", { class: "fieldset" }, h("legend", { class: "label" }, t("First login")),
    h("div", { class: "check" }, byPw, h("label", { for: "new-by-password" }, t("An initial password"))),
    h("div", { class: "check" }, byInvite, h("label", { for: "new-by-invite" }, t("An invitation code")))),
  pw.wrap, formError,
  h("div", { class: "button-row" }, save), done);
  return form;
}
