// SPDX-License-Identifier: ISC
// Building DOM nodes without HTML strings: every text goes in as a text
// node, so nothing a user typed (a home's name, say) is ever read as markup.

// h("button", {class: "btn", onclick: f, "aria-label": "..."}, child, ...)
// Children are nodes, strings, numbers, arrays of those, or null (skipped).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") {
        el.addEventListener(k.slice(2), v);
      } else if (k === "class") {
        el.className = v;
      } else if (k === "text") {
        el.textContent = v;
      } else if (k === "value") {
        el.value = v;
      } else if (k === "checked" || k === "disabled" || k === "selected" || k === "hidden") {
        el[k] = Boolean(v);
      } else {
        el.setAttribute(k, v === true ? "" : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// Replaces everything inside el with the given children, in one go.
export function fill(el, ...children) {
  const frag = document.createDocumentFragment();
  append(frag, children);
  el.replaceChildren(frag);
  return el;
}

// A unique id for label/aria wiring.
let seq = 0;
export function uid(prefix) {
  seq += 1;
  return prefix + "-" + seq;
}
