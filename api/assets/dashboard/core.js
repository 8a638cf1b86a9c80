// Helpers every view uses: markup from trusted templates only (anything from the data goes
// through esc() or textContent), the URL as the view's state, dates, money, and the
// loading / failed / ready states a test waits for.

import { t, getLang } from "./words.js";

export const main = document.getElementById("main");
export const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
export const el = (html) => { const d = document.createElement("div"); d.innerHTML = html.trim(); return d.firstElementChild; };
/** A link for untrusted text: only http(s) URLs become links, and only through setAttribute. */
export function safeLink(url, text) {
  if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return document.createTextNode(text || "");
  const a = document.createElement("a");
  a.setAttribute("href", url);
  a.rel = "noopener noreferrer";
  a.target = "_blank";
  a.textContent = text || url;
  return a;
}
export const isHttp = (u) => typeof u === "string" && /^https?:\/\/[^\s]+$/i.test(u);

export function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [view, query] = hash.split("?");
  return { view: view || "week", params: new URLSearchParams(query || "") };
}
export function setParams(params) {
  const { view } = route();
  const text = params.toString();
  history.replaceState(null, "", `#/${view}${text ? "?" + text : ""}`);
}
export function go(view, params) {
  const target = href(view, params);
  // The same address fires no hashchange: paint the view again instead.
  if (location.hash === target) rerender();
  else location.hash = target;
}
export const href = (view, params) => { const text = params ? new URLSearchParams(params).toString() : ""; return `#/${view}${text ? "?" + text : ""}`; };

export const iso = (d) => d.toISOString().slice(0, 10);
export const parseDay = (s) => new Date(s + "T00:00:00Z");
export const addDays = (s, n) => { const d = parseDay(s); d.setUTCDate(d.getUTCDate() + n); return iso(d); };
export const addMonths = (s, n) => { const d = parseDay(s); d.setUTCMonth(d.getUTCMonth() + n); return iso(d); };
export const monday = (s) => { const d = parseDay(s); const k = (d.getUTCDay() + 6) % 7; d.setUTCDate(d.getUTCDate() - k); return iso(d); };
export const today = () => iso(new Date());
export const isDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(parseDay(s).getTime()) && iso(parseDay(s)) === s;
export const money = (m) => (m ? `${Number(m.amount).toLocaleString(getLang() === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 4 })} ${m.currency}` : "—");
export const stars = (n) => "★".repeat(n);
/** An enum value as words: MODEL_RELEASE → "Model release". */
export const humanize = (v) => (v ? String(v).charAt(0) + String(v).slice(1).toLowerCase().replace(/_/g, " ") : "");

export function loading(node) { delete node.dataset.state; node.setAttribute("aria-busy", "true"); node.innerHTML = `<div class="state" role="status">${t("loading")}</div>`; }
export function failed(node, error, retry) {
  node.removeAttribute("aria-busy");
  node.innerHTML = `<div class="state error" role="alert"><strong>${t("error")}:</strong> <span></span> <button type="button">${t("retry")}</button></div>`;
  node.querySelector("span").textContent = error.message;
  node.querySelector("button").addEventListener("click", retry);
}
export function ready(node) { node.removeAttribute("aria-busy"); node.dataset.state = "ready"; }

/** A table with a CSV export of exactly its rows. */
export function table(headers, rows, name) {
  const wrap = el(`<div><div class="table-wrap"><table><thead><tr>${headers.map((h) => `<th class="${h.num ? "num" : ""}" scope="col">${esc(h.label)}</th>`).join("")}</tr></thead><tbody></tbody></table></div><button type="button" class="csv">${t("csv")}</button></div>`);
  const body = wrap.querySelector("tbody");
  for (const row of rows) {
    const tr = document.createElement("tr");
    tr.innerHTML = row.cells.map((c, i) => `<td class="${headers[i].num ? "num" : ""}">${c.html ?? esc(c.text)}</td>`).join("");
    if (row.after) row.after(tr);
    body.appendChild(tr);
  }
  wrap.querySelector(".csv").addEventListener("click", () => {
    const quote = (v) => `"${String(v ?? "").replace(/"/g, '""')}"`;
    const lines = [headers.map((h) => quote(h.label)).join(",")].concat(rows.map((r) => r.cells.map((c) => quote(c.text)).join(",")));
    const blob = new Blob(["\ufeff" + lines.join("\r\n")], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${name}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  return wrap;
}

/**
 * A message at the top of the page (role=status), e.g. "Saved." with an Undo button. It goes
 * with the next view painted, unless `carry` (said just before moving to another view).
 */
export function notify(text, action, { carry = false } = {}) {
  const box = document.getElementById("notice");
  box.innerHTML = "";
  if (carry) box.dataset.carry = "1"; else delete box.dataset.carry;
  if (!text) { box.hidden = true; return; }
  box.hidden = false;
  const p = document.createElement("span");
  p.textContent = text;
  box.appendChild(p);
  if (action) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = action.label;
    b.addEventListener("click", action.run);
    box.append(" ", b);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "close";
  close.textContent = t("close");
  close.addEventListener("click", () => notify(""));
  box.append(" ", close);
}

/** Called as a view is painted: the last view's message goes, unless it was carried. */
export function viewChanged() {
  const box = document.getElementById("notice");
  if (box.dataset.carry) delete box.dataset.carry;
  else notify("");
}

const hooks = { render: async () => {} };
/** Paints the current view again (the shell registers how). */
export const rerender = () => hooks.render();
export function onRerender(f) { hooks.render = f; }
/** An "Edit" link to a record's form, for editors (nothing for anyone else). */
export function editLink(can, type, id, text) {
  if (!can || !id) return "";
  return ` <a class="edit-link" href="${href("edit", { type, id })}" data-edit="${esc(type)}">${esc(text)}</a>`;
}
