// SPDX-License-Identifier: ISC
// The app's texts: t("English msgid") looks the text up in the catalogue
// rotad serves at /app/messages.json, translated by gettext from po/*.po
// like every other text of rota.  The msgids are extracted from these
// files by xgettext (keyword t), so a text must be one plain string literal
// in the call: t("Week {n}", {n: 3}), never t(variable).  Norwegian bokmål
// is the default; the choice is remembered in localStorage (and a cookie,
// so that rotad writes the page itself in the same language).

const STORE_KEY = "rota.lang";
const DEFAULT_LANG = "nb";

let catalogue = {};
let lang = DEFAULT_LANG;
let languages = [];

// The text for msgid in the chosen language, with {name} replaced.
export function t(msgid, params) {
  let s = Object.prototype.hasOwnProperty.call(catalogue, msgid) && catalogue[msgid] !== ""
    ? catalogue[msgid] : msgid;
  if (params) {
    for (const [k, v] of Object.entries(params)) s = s.split("{" + k + "}").join(String(v));
  }
  return s;
}

export function currentLang() {
  return lang;
}

// The languages rotad has a catalogue for: [{tag, name}] (each in itself).
export function availableLanguages() {
  return languages;
}

// A BCP 47 tag for Intl (dates, numbers) for the current language.
export function intlLocale() {
  return lang === "en" ? "en-GB" : lang;
}

// The choice: the rota_lang cookie first (the pages without JavaScript
// set it too, with their language form), else the one kept here.
export function chosenLanguage() {
  const m = /(?:^|;\s*)rota_lang=([A-Za-z-]{1,15})(?:;|$)/.exec(document.cookie);
  if (m) return m[1];
  try {
    return localStorage.getItem(STORE_KEY) || DEFAULT_LANG;
  } catch (e) {
    return DEFAULT_LANG;
  }
}

// Loads the catalogue for tag (rotad answers in the nearest it has) and
// remembers the choice.  Throws when rotad does not answer.
export async function loadLanguage(tag) {
  const r = await fetch("/app/messages.json", {
    headers: { "Accept-Language": tag, "Accept": "application/json" },
    credentials: "same-origin",
  });
  if (!r.ok) throw new Error("messages.json: " + r.status);
  const j = await r.json();
  catalogue = j.messages || {};
  languages = j.languages || [];
  lang = j.lang || tag;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORE_KEY, lang);
  } catch (e) {
    // Private mode: the choice lasts for this page only.
  }
  document.cookie = "rota_lang=" + encodeURIComponent(lang) +
    "; Path=/; Max-Age=31536000; SameSite=Strict";
  return lang;
}
