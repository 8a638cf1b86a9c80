// Pickers that search as you type (a combobox over the public `search`), never a full list:
// one record (a company), several (a product's models), or several with a role each (an
// event's companies). Keyboard: type, ArrowDown/ArrowUp to move, Enter to choose, Escape to
// close. Names are shown through textContent only.

import { gql } from "./api.js";
import { t, both } from "./words.js";
import { el, humanize } from "./core.js";

const SEARCH = `query($q: String!) { search(query: $q, first: 30) { nodes { __typename
  ... on Company { id slug name nameZh }
  ... on Model { id slug name nameZh company { name } }
  ... on Product { id slug name nameZh company { name } } } } }`;

export const ROLES = ["SUBJECT", "INVESTOR", "TARGET", "ACQUIRER", "PARTNER", "MENTIONED"];
let seq = 0;

/**
 * `types`: the record types offered (e.g. ["Company"]); `mode`: "one", "many" or "roles";
 * `value`: null / {id,label} for one, [{id,label,role?}] for many and roles; `label`: the
 * search box's own label, when the field's label names a group (a <legend>).
 * Returns { node, input (the text box, for labels and focus), get(), set(v), onChange }.
 */
export function picker({ id, types, mode = "one", value, describedBy, label }) {
  const list = `${id}-list`;
  const node = el(`<div class="picker">
      <ul class="chips picked" aria-live="polite"></ul>
      <div class="combo">${label ? `<label class="sr-only" for="${id}"></label>` : ""}<input type="search" id="${id}" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="${list}" autocomplete="off" placeholder="${t("search2")}">
      <ul role="listbox" id="${list}" class="options" hidden></ul></div></div>`);
  const input = node.querySelector("input");
  if (label) node.querySelector("label").textContent = `${label}: ${t("search2")}`;
  if (describedBy) input.setAttribute("aria-describedby", describedBy);
  const picked = node.querySelector(".picked");
  const options = node.querySelector(".options");
  let chosen = mode === "one" ? (value ? [value] : []) : (value || []).map((v) => ({ ...v }));
  let found = [];
  let active = -1;
  let timer = null;
  let asked = 0;
  const listeners = [];

  function paint() {
    picked.innerHTML = "";
    if (!chosen.length) { const li = document.createElement("li"); li.className = "note"; li.textContent = t("noneChosen"); picked.appendChild(li); }
    chosen.forEach((c, i) => {
      const li = el(`<li class="chip"><span></span></li>`);
      li.querySelector("span").textContent = c.label;
      li.dataset.id = c.id;
      if (mode === "roles") {
        const sid = `${id}-role-${++seq}`;
        const label = el(`<label class="inline-label" for="${sid}">${t("role")}</label>`);
        const select = el(`<select id="${sid}">${ROLES.map((r) => `<option value="${r}">${humanize(r)}</option>`).join("")}</select>`);
        select.value = c.role || "SUBJECT";
        select.addEventListener("change", () => { c.role = select.value; fire(); });
        li.append(label, select);
      }
      const remove = el(`<button type="button"></button>`);
      remove.textContent = `${t("remove")} ${c.label}`;
      remove.className = "remove";
      remove.addEventListener("click", () => { chosen.splice(i, 1); paint(); fire(); input.focus(); });
      li.appendChild(remove);
      picked.appendChild(li);
    });
  }
  const fire = () => listeners.forEach((f) => f());
  function close() { options.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
  function show() {
    options.innerHTML = "";
    found.forEach((r, i) => {
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = `${list}-${i}`;
      li.dataset.id = r.id;
      li.textContent = r.label;
      li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(i); });
      options.appendChild(li);
    });
    if (!found.length) { const li = document.createElement("li"); li.className = "note"; li.textContent = t("noResults"); options.appendChild(li); }
    options.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function highlight(i) {
    active = i;
    [...options.querySelectorAll("[role=option]")].forEach((o, k) => o.setAttribute("aria-selected", String(k === i)));
    if (i >= 0) input.setAttribute("aria-activedescendant", `${list}-${i}`);
  }
  function choose(i) {
    const r = found[i];
    if (!r) return;
    if (mode === "one") chosen = [r];
    else if (!chosen.some((c) => c.id === r.id)) chosen.push(mode === "roles" ? { ...r, role: "SUBJECT" } : r);
    input.value = "";
    close();
    paint();
    fire();
  }
  async function lookup() {
    const q = input.value.trim();
    if (q.length < 2) { close(); return; }
    const mine = ++asked;
    try {
      const data = await gql(SEARCH, { q });
      if (mine !== asked) return;
      found = data.search.nodes.filter((n) => types.includes(n.__typename)).map((n) => ({
        id: n.id, label: `${both(n)}${n.company ? ` (${n.company.name})` : ""}${types.length > 1 ? ` · ${n.__typename}` : ""}`,
      }));
      show();
      if (found.length) highlight(0);
    } catch { close(); }
  }
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(lookup, 200); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && !options.hidden) { e.preventDefault(); highlight(Math.min(active + 1, found.length - 1)); }
    else if (e.key === "ArrowUp" && !options.hidden) { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (e.key === "Enter" && !options.hidden && active >= 0) { e.preventDefault(); choose(active); }
    else if (e.key === "Escape") close();
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  paint();
  return {
    node, input,
    get: () => (mode === "one" ? chosen[0] || null : chosen.map((c) => ({ ...c }))),
    set: (v) => { chosen = mode === "one" ? (v ? [v] : []) : (v || []).map((c) => ({ ...c })); paint(); },
    onChange: (f) => listeners.push(f),
  };
}
