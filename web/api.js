// SPDX-License-Identifier: ISC
// Calls to rotad's JSON API (docs/api.md) with the browser session: the
// cookie goes by itself; every change also sends the CSRF token of the
// login answer (kept in sessionStorage: gone with the tab) and every call
// sends the chosen language, so rotad's messages come back in it.
import { currentLang, t } from "./i18n.js";

const CSRF_KEY = "rota.csrf";
let csrf = null;
let onUnauthorized = null;

try {
  csrf = sessionStorage.getItem(CSRF_KEY);
} catch (e) {
  csrf = null;
}

export function setCsrf(token) {
  csrf = token || null;
  try {
    if (csrf) sessionStorage.setItem(CSRF_KEY, csrf);
    else sessionStorage.removeItem(CSRF_KEY);
  } catch (e) {
    // No storage: the token lives in memory only.
  }
}

// Called (once per failure) when a call answers 401: the session is over.
export function setUnauthorizedHandler(f) {
  onUnauthorized = f;
}

// A refused call: status, the error's code, field and message, for a
// 409 rule_violation the broken rules (violations), and for a 412
// precondition_failed the version stored now (current) with its ETag.
export class ApiError extends Error {
  constructor(status, body, etag) {
    const e = (body && body.error) || {};
    super(e.message || (status === 0
      ? t("rotad does not answer. Check the connection and try again.")
      : t("Something went wrong (HTTP {status}). Try again.", { status })));
    this.status = status;
    this.code = e.code || (status === 0 ? "network" : "unknown");
    this.field = e.field || null;
    this.violations = (body && body.violations) || [];
    this.violationsTotal = (body && body.violations_total) || this.violations.length;
    this.current = (body && body.current) || null;
    this.etag = etag || null;
  }
}

// options: quiet401 (no session-ended handler), ifMatch (an ETag for
// If-Match: docs/api.md "Versions"), etag (answer {body, etag}: the
// answer with its ETag header, to send back in ifMatch later).
export async function api(method, path, body, options) {
  const headers = { "Accept": "application/json", "Accept-Language": currentLang() };
  if (method !== "GET" && method !== "HEAD" && csrf) headers["X-CSRF-Token"] = csrf;
  if (options && options.ifMatch) headers["If-Match"] = options.ifMatch;
  const init = { method, headers, credentials: "same-origin" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let r;
  try {
    r = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, null);
  }
  const etag = r.headers.get("ETag");
  if (r.status === 204) return options && options.etag ? { body: null, etag } : null;
  let j = null;
  try {
    j = await r.json();
  } catch (e) {
    j = null;
  }
  if (!r.ok) {
    const err = new ApiError(r.status, j, etag);
    if (r.status === 401 && onUnauthorized && !(options && options.quiet401)) onUnauthorized(err);
    throw err;
  }
  return options && options.etag ? { body: j, etag } : j;
}

// Every page of a list (docs/api.md "Lists and paging"): key is the plural.
export async function listAll(path, key) {
  const out = [];
  let cursor = null;
  const sep = path.includes("?") ? "&" : "?";
  for (;;) {
    const page = await api("GET", path + sep + "limit=1000" +
      (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
    for (const x of page[key] || []) out.push(x);
    if (!page.next_cursor) return out;
    cursor = page.next_cursor;
  }
}

// The QR code of text (a feed link) as an SVG Blob: POST /api/v1/qr, so
// the secret stays out of URLs (and logs); shown through a blob: URL.
export async function qrImage(text) {
  const headers = { "Accept": "image/svg+xml", "Accept-Language": currentLang(), "Content-Type": "application/json" };
  if (csrf) headers["X-CSRF-Token"] = csrf;
  let r;
  try {
    r = await fetch("/api/v1/qr", { method: "POST", headers, credentials: "same-origin", body: JSON.stringify({ text }) });
  } catch (e) {
    throw new ApiError(0, null);
  }
  if (!r.ok) {
    let j = null;
    try {
      j = await r.json();
    } catch (e) {
      j = null;
    }
    const err = new ApiError(r.status, j);
    if (r.status === 401 && onUnauthorized) onUnauthorized(err);
    throw err;
  }
  return r.blob();
}
