// Forms built from a list of field specs: a <label> on every control, required fields
// marked, values checked before sending (and again by the server), every userError shown as
// text beside the field its `field` path names — or above the form when it names none —
// and the focus moved to the first error. The form remembers the values it was opened with,
// so an update sends only what was changed and a conflict can show both sides.
//
// Field kinds: text, textarea, date, decimal, int, enum, bool, tristate (yes/no/unknown),
// lines (one per line), urls (http(s) links, one per line), checks (several of a list),
// ref (one record), refs (several), links (several, each with a role).

import { t } from "./words.js";
import { el, esc, isDay, isHttp, humanize } from "./core.js";
import { picker } from "./pickers.js";

let seq = 0;
const TEXTY = ["text", "textarea", "date", "decimal", "int", "enum", "tristate"];

/** The value as the API takes it (null for empty). */
export function toInput(spec, v) {
  switch (spec.kind) {
    case "bool": return !!v;
    case "tristate": return v === "true" ? true : v === "false" ? false : null;
    case "int": return v === "" || v == null ? null : Number.parseInt(v, 10);
    case "lines": case "urls": case "checks": return v || [];
    case "ref": return v ? v.id : null;
    case "refs": return (v || []).map((r) => r.id);
    case "links": return (v || []).map((r) => ({ id: r.id, role: r.role || "SUBJECT" }));
    default: return v === "" || v == null ? null : String(v).trim();
  }
}
/** The value as a person reads it (in the conflict view and the history). */
export function shown(spec, v) {
  const x = toInput(spec, v);
  if (x == null || (Array.isArray(x) && !x.length)) return "—";
  if (spec.kind === "ref") return v.label;
  if (spec.kind === "refs") return v.map((r) => r.label).join(", ");
  if (spec.kind === "links") return v.map((r) => `${r.label} (${humanize(r.role)})`).join(", ");
  if (Array.isArray(x)) return x.join(", ");
  if (spec.kind === "enum") return humanize(x);
  return String(x);
}
export const same = (spec, a, b) => JSON.stringify(toInput(spec, a)) === JSON.stringify(toInput(spec, b));
const empty = (spec, v) => { const x = toInput(spec, v); return x == null || x === "" || (Array.isArray(x) && !x.length); };

/** What is wrong with one value before sending, or "" when nothing is. */
function check(spec, v) {
  if (spec.kind === "bool") return "";
  if (empty(spec, v)) return spec.required ? t(spec.kind === "ref" ? "err.pick" : "err.required") : "";
  const x = toInput(spec, v);
  if (spec.kind === "date" && !isDay(x)) return t("err.date");
  if (spec.kind === "decimal" && !/^-?\d+(\.\d+)?$/.test(x)) return t("err.decimal");
  if (spec.kind === "int") {
    if (!/^-?\d+$/.test(String(v).trim())) return t("err.int");
    if ((spec.min != null && x < spec.min) || (spec.max != null && x > spec.max)) return t("err.range", { min: spec.min ?? "", max: spec.max ?? "" });
  }
  if (spec.kind === "urls" && x.some((u) => !isHttp(u))) return t("err.url");
  if (spec.kind === "text" && spec.url && !isHttp(x)) return t("err.url");
  return "";
}

export function buildForm({ fields, values = {}, submitLabel, onSubmit, name }) {
  const fid = `form${++seq}`;
  const node = el(`<form class="form" novalidate ${name ? `data-form="${esc(name)}"` : ""}>
      <div class="form-error" role="alert" tabindex="-1" hidden></div><div class="fields"></div>
      <div class="actions"><button type="submit" class="primary"></button></div></form>`);
  const submit = node.querySelector("button[type=submit]");
  submit.textContent = submitLabel || t("save");
  const formError = node.querySelector(".form-error");
  const box = node.querySelector(".fields");
  const controls = new Map();
  let base = { ...values };

  for (const spec of fields) {
    const id = `${fid}-${spec.name}`;
    const label = t(spec.label || `f.${spec.name}`);
    const req = spec.required ? ` <span class="req">(${t("required")})</span>` : "";
    const hint = spec.hint ? `<p class="field-hint" id="${id}-hint"></p>` : "";
    const group = ["checks", "refs", "links"].includes(spec.kind);
    const wrap = el(group
      ? `<fieldset class="field" data-field="${spec.name}"><legend>${esc(label)}${req}</legend>${hint}<p class="field-error" id="${id}-error"></p></fieldset>`
      : `<div class="field" data-field="${spec.name}"><label for="${id}">${esc(label)}${req}</label>${hint}<p class="field-error" id="${id}-error"></p></div>`);
    if (spec.hint) wrap.querySelector(".field-hint").textContent = t(spec.hint);
    const errorNode = wrap.querySelector(".field-error");
    const describedBy = `${spec.hint ? `${id}-hint ` : ""}${id}-error`;
    let control;
    let get;
    let set;
    switch (spec.kind) {
      case "textarea": case "lines": case "urls":
        control = el(`<textarea id="${id}" rows="${spec.kind === "textarea" ? 3 : 2}"></textarea>`);
        get = () => (spec.kind === "textarea" ? control.value : control.value.split(/\n/).map((s) => s.trim()).filter(Boolean));
        set = (v) => { control.value = Array.isArray(v) ? v.join("\n") : v ?? ""; };
        break;
      case "enum": case "tristate": {
        const choices = spec.kind === "tristate" ? [["true", "Yes"], ["false", "No"]] : spec.options.map((o) => [o, humanize(o)]);
        control = el(`<select id="${id}">${spec.required && spec.kind === "enum" ? "" : `<option value="">—</option>`}${choices.map(([v, l]) => `<option value="${esc(v)}">${esc(l)}</option>`).join("")}</select>`);
        get = () => control.value;
        set = (v) => { control.value = v == null ? (spec.required ? spec.options[0] : "") : String(v); };
        break;
      }
      case "bool":
        control = el(`<input type="checkbox" id="${id}">`);
        get = () => control.checked;
        set = (v) => { control.checked = !!v; };
        break;
      case "checks": {
        control = el(`<div class="checks"></div>`);
        const opts = typeof spec.options === "function" ? spec.options() : spec.options;
        for (const [value, text] of opts.map((o) => (Array.isArray(o) ? o : [o, humanize(o)]))) {
          const cid = `${id}-${value}`;
          const item = el(`<span class="check"><input type="checkbox" id="${cid}" value="${esc(value)}"><label for="${cid}"></label></span>`);
          item.querySelector("label").textContent = text;
          control.appendChild(item);
        }
        get = () => [...control.querySelectorAll("input:checked")].map((i) => i.value);
        set = (v) => { for (const i of control.querySelectorAll("input")) i.checked = (v || []).includes(i.value); };
        break;
      }
      case "ref": case "refs": case "links": {
        const p = picker({ id, types: spec.types, mode: { ref: "one", refs: "many", links: "roles" }[spec.kind], describedBy, label: group ? label : null });
        control = p.node;
        get = p.get;
        set = p.set;
        break;
      }
      default: {
        const type = spec.kind === "date" ? "date" : spec.url ? "url" : "text";
        const mode = spec.kind === "decimal" ? ` inputmode="decimal"` : spec.kind === "int" ? ` inputmode="numeric"` : "";
        control = el(`<input type="${type}" id="${id}"${mode} autocomplete="off">`);
        get = () => control.value;
        set = (v) => { control.value = v ?? ""; };
      }
    }
    const focusable = control.matches("input, select, textarea") ? control : control.querySelector("input, select, textarea");
    if (focusable && !group) focusable.setAttribute("aria-describedby", describedBy);
    if (spec.required && focusable && !group) focusable.setAttribute("aria-required", "true");
    wrap.insertBefore(control, errorNode);
    box.appendChild(wrap);
    controls.set(spec.name, { spec, wrap, get, set, errorNode, focusable });
    set(values[spec.name] ?? (spec.kind === "bool" ? false : TEXTY.includes(spec.kind) ? "" : null));
  }

  function fieldError(name, message) {
    const c = controls.get(name);
    c.errorNode.textContent = message;
    c.wrap.classList.add("has-error");
    if (c.focusable) c.focusable.setAttribute("aria-invalid", "true");
  }
  const api = {
    node,
    controls,
    get: (name) => controls.get(name).get(),
    set: (name, v) => controls.get(name).set(v),
    values() { const out = {}; for (const [n, c] of controls) out[n] = c.get(); return out; },
    base: () => ({ ...base }),
    /** Takes `values` as the new starting point (after a save, or a conflict). */
    rebase(values, keepChanges) {
      const mine = api.changed();
      base = { ...values };
      for (const [n, c] of controls) if (!(keepChanges && n in mine)) c.set(values[n] ?? (c.spec.kind === "bool" ? false : TEXTY.includes(c.spec.kind) ? "" : null));
    },
    /** The fields whose values differ from the starting point, by name. */
    changed() { const out = {}; for (const [n, c] of controls) if (!same(c.spec, c.get(), base[n])) out[n] = c.get(); return out; },
    /** The API input: every non-empty field (to create) or only the changed ones (to update). */
    input({ onlyChanged }) {
      const out = {};
      const from = onlyChanged ? api.changed() : api.values();
      for (const [n, v] of Object.entries(from)) {
        const c = controls.get(n);
        if (c.spec.send === false) continue;
        const x = toInput(c.spec, v);
        if (!onlyChanged && (x == null || (Array.isArray(x) && !x.length))) continue;
        out[c.spec.input || n] = x;
      }
      return out;
    },
    clearErrors() {
      formError.hidden = true;
      formError.textContent = "";
      for (const c of controls.values()) { c.errorNode.textContent = ""; c.wrap.classList.remove("has-error"); if (c.focusable) c.focusable.removeAttribute("aria-invalid"); }
    },
    formError(message) { formError.hidden = false; formError.textContent = message; },
    /** Shows userErrors beside their fields; returns how many were shown. */
    showErrors(errors) {
      const general = [];
      for (const e of errors) {
        const path = e.field || [];
        const key = path[0] === "input" && path[1] ? path[1].split(".")[0] : null;
        const name = key && ([...controls.keys()].find((n) => n === key || controls.get(n).spec.input === key));
        if (name) fieldError(name, e.message);
        else general.push(e.message);
      }
      if (general.length) api.formError(general.join(" "));
      else if (errors.length) api.formError(t("err.form"));
      api.focusFirstError();
      return errors.length;
    },
    focusFirstError() {
      const first = [...controls.values()].find((c) => c.wrap.classList.contains("has-error"));
      if (first && first.focusable) first.focusable.focus();
      else if (!formError.hidden) formError.focus();
    },
    busy(on) { submit.disabled = on; submit.textContent = on ? t("saving") : submitLabel || t("save"); },
  };
  node.addEventListener("submit", async (e) => {
    e.preventDefault();
    api.clearErrors();
    let bad = 0;
    for (const [n, c] of controls) { const problem = check(c.spec, c.get()); if (problem) { fieldError(n, problem); bad++; } }
    if (bad) { api.formError(t("err.form")); api.focusFirstError(); return; }
    api.busy(true);
    try { await onSubmit(api); } catch (err) {
      api.formError(err.code === "FORBIDDEN" ? `${t("err.forbidden")} ${err.message}` : err.message);
      formError.focus();
    } finally { api.busy(false); }
  });
  return api;
}
