// The edit view of one record (#/edit?type=Model&id=…, or without id to create one): its
// form, Save with the version it was opened at, the conflict view when someone saved first,
// Delete with Undo, its history, and the records that belong to it.

import { gql } from "./api.js";
import * as session from "./session.js";
import { t } from "./words.js";
import { main, el, esc, href, go, loading, failed, ready, notify } from "./core.js";
import { buildForm, shown, same } from "./forms.js";
import { RECORDS, prefill, loadLists } from "./records.js";

const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);
const ERRORS = "userErrors { field message code }";

/** The record with `id` read into the form's fields, or null when there is none. */
async function fetchRecord(type, id) {
  const data = await gql(`query($id: ID!) { node(id: $id) { __typename ${RECORDS[type].query} } }`, { id });
  return data.node && data.node.__typename === type ? data.node : null;
}

/** A page for editors only: anyone else is told how to get there, and sees no control. */
export function editorsOnly(node) {
  if (session.can("EDITOR")) return true;
  node.innerHTML = `<div class="state"><p></p><a href="${href("signin", { next: location.hash })}">${t("signIn")}</a></div>`;
  node.querySelector("p").textContent = session.user() ? t("err.forbidden") : t("signInTitle");
  ready(node);
  return false;
}

/** Suggests an event's slug from its date and title until someone types one. */
export function autoSlug(form) {
  const slug = form.controls.get("slug").focusable;
  let touched = !!slug.value;
  slug.addEventListener("input", () => { touched = true; });
  const suggest = () => {
    if (touched) return;
    const words = String(form.get("title") || "").toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
    const day = form.get("occurredOn");
    slug.value = [day, words || "event"].filter(Boolean).join("-");
  };
  for (const name of ["title", "occurredOn"]) form.controls.get(name).focusable.addEventListener("input", suggest);
  for (const name of ["title", "occurredOn"]) form.controls.get(name).focusable.addEventListener("change", suggest);
  suggest();
}

/** Shows what the other editor saved beside what was typed; re-apply or discard. */
export async function showConflict(form, type, id, fields, onVersion) {
  const node = await fetchRecord(type, id);
  if (!node) { form.formError(t("noResults")); return; }
  const current = RECORDS[type].fromRecord(node);
  const mine = form.changed();
  const base = form.base();
  const box = el(`<section class="conflict" role="alert" aria-labelledby="conflict-title" data-conflict="1">
      <h3 id="conflict-title" tabindex="-1">${t("conflictTitle")}</h3><p>${t("conflictNote")}</p>
      <div class="table-wrap"><table><thead><tr><th scope="col">${t("field")}</th><th scope="col">${t("yours")}</th><th scope="col">${t("theirs")}</th><th scope="col">${t("whenOpened")}</th></tr></thead><tbody></tbody></table></div>
      <div class="actions"><button type="button" class="primary" data-action="reapply">${t("reapply")}</button> <button type="button" data-action="discard">${t("discard")}</button></div></section>`);
  const body = box.querySelector("tbody");
  for (const f of fields) {
    const typed = f.name in mine;
    if (!typed && same(f, current[f.name], base[f.name])) continue;
    const tr = document.createElement("tr");
    tr.dataset.field = f.name;
    for (const text of [t(f.label || `f.${f.name}`), typed ? shown(f, mine[f.name]) : "", shown(f, current[f.name]), shown(f, base[f.name])]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  form.node.parentNode.querySelectorAll("[data-conflict]").forEach((n) => n.remove());
  form.node.before(box);
  box.querySelector("[data-action=reapply]").addEventListener("click", () => {
    onVersion(node.version);
    form.rebase(current, true);
    box.remove();
    form.node.requestSubmit();
  });
  box.querySelector("[data-action=discard]").addEventListener("click", () => {
    onVersion(node.version);
    form.rebase(current, false);
    box.remove();
  });
  box.querySelector("h3").focus();
}

export async function editView(params) {
  const type = params.get("type");
  const id = params.get("id");
  const spec = RECORDS[type];
  main.innerHTML = `<section class="card" id="edit-body"></section>`;
  const body = main.querySelector("#edit-body");
  if (!spec) { body.textContent = `${t("error")}: ${type}`; ready(body); return; }
  if (!editorsOnly(body)) return;
  const load = async () => {
    loading(body);
    try {
      await loadLists(gql);
      let record = null;
      if (id) {
        record = await fetchRecord(type, id);
        if (!record) { body.innerHTML = `<div class="state"></div>`; body.firstChild.textContent = `${t("noResults")} (${id})`; ready(body); return; }
      }
      render(record);
    } catch (error) { failed(body, error, load); }
  };
  function render(record) {
    const kind = t(`k.${type}`);
    let version = record ? record.version : null;
    body.innerHTML = "";
    const head = el(`<div class="edit-head"><h2></h2><div class="edit-links"></div></div>`);
    head.querySelector("h2").textContent = record ? `${t("editRecord", { kind })}: ${spec.label(record)}` : t("newRecord", { kind });
    const links = head.querySelector(".edit-links");
    if (record) {
      links.appendChild(el(`<a href="${href("history", { id })}">${t("historyLink")}</a>`));
      for (const l of spec.links ? spec.links(record) : []) links.append(" · ", el(`<a href="${href(l.view, l.params)}">${t(l.label)}</a>`));
    }
    body.appendChild(head);
    if (spec.note) { const p = el(`<p class="explain"></p>`); p.textContent = t(spec.note); body.appendChild(p); }
    const fields = spec.fields.filter((f) => !(record && f.createOnly));
    const values = record ? spec.fromRecord(record) : prefill(type, params);
    const key = lowerFirst(type);
    const form = buildForm({
      fields, values, name: type,
      async onSubmit(f) {
        const input = f.input({ onlyChanged: !!record });
        if (record && !Object.keys(input).length) { notify(t("saved")); return; }
        const doc = record
          ? `mutation($id: ID!, $input: ${type}Input!, $v: Int!) { r: update${type}(id: $id, input: $input, expectedVersion: $v) { ${key} { id version } ${ERRORS} } }`
          : `mutation($input: ${type}Input!) { r: create${type}(input: $input) { ${key} { id version } ${ERRORS} } }`;
        const data = await gql(doc, { id, input, v: version }, { save: true });
        const errors = data.r.userErrors;
        if (errors.some((e) => e.code === "CONFLICT")) { await showConflict(f, type, id, fields, (v) => { version = v; }); return; }
        if (errors.length) { f.showErrors(errors); return; }
        if (!record) { notify(t("saved"), null, { carry: true }); go("edit", { type, id: data.r[key].id }); return; }
        notify(t("saved"));
        const fresh = await fetchRecord(type, id);
        record = fresh;
        version = fresh.version;
        f.rebase(spec.fromRecord(fresh), false);
        body.dataset.version = String(version);
      },
    });
    body.appendChild(form.node);
    body.dataset.version = String(version ?? "");
    if (type === "Event" && !record) autoSlug(form);
    if (record) body.appendChild(deleteControl(type, id, () => version, spec.label(record)));
    for (const rel of record && spec.related ? spec.related(record) : []) body.appendChild(related(rel, spec.label(record)));
    ready(body);
  }
  await load();
}

function related(rel, ownerLabel) {
  const box = el(`<section class="related"><h3>${t(rel.title)}</h3><ul></ul></section>`);
  const list = box.querySelector("ul");
  for (const item of rel.items) {
    const li = el(`<li><a href="${href("edit", { type: rel.type, id: item.id })}"></a></li>`);
    li.querySelector("a").textContent = item.label;
    list.appendChild(li);
  }
  const params = { type: rel.type };
  for (const [k, v] of Object.entries(rel.create)) { params[k] = v; params[`${k}Name`] = ownerLabel; }
  box.appendChild(el(`<a class="button" href="${href("edit", params)}">${esc(t("newRecord", { kind: t(`k.${rel.type}`) }))}</a>`));
  return box;
}

/** Delete, after a second click; then Undo (restore) right away. */
function deleteControl(type, id, version, label) {
  const box = el(`<div class="danger"><button type="button" data-action="delete">${t("delete")}</button><span class="confirm" hidden><span></span> <button type="button" data-action="confirm-delete">${t("yesDelete")}</button> <button type="button" data-action="keep">${t("cancel")}</button></span><p class="form-error" role="alert"></p></div>`);
  const confirm = box.querySelector(".confirm");
  confirm.querySelector("span").textContent = t("confirmDelete");
  box.querySelector("[data-action=delete]").addEventListener("click", () => { confirm.hidden = false; box.querySelector("[data-action=confirm-delete]").focus(); });
  box.querySelector("[data-action=keep]").addEventListener("click", () => { confirm.hidden = true; });
  box.querySelector("[data-action=confirm-delete]").addEventListener("click", async () => {
    const error = box.querySelector(".form-error");
    try {
      const data = await gql(`mutation($id: ID!, $v: Int!) { r: delete${type}(id: $id, expectedVersion: $v) { ${ERRORS} } }`, { id, v: version() }, { save: true });
      if (data.r.userErrors.length) { error.textContent = data.r.userErrors.map((e) => e.message).join(" "); return; }
      main.innerHTML = `<section class="card" id="edit-body" data-state="ready"><div class="state" data-deleted="1"><p></p></div></section>`;
      main.querySelector("p").textContent = t("deleted", { name: label });
      const undo = el(`<button type="button" data-action="undo">${t("undo")}</button>`);
      undo.addEventListener("click", () => restore(type, id, label));
      main.querySelector(".state").appendChild(undo);
      undo.focus();
    } catch (err) { error.textContent = err.message; }
  });
  return box;
}

/** Restores a deleted record and opens it (or says why it cannot be restored). */
export async function restore(type, id, label, { open = true } = {}) {
  const data = await gql(`mutation($id: ID!) { r: restore${type}(id: $id) { ${ERRORS} } }`, { id }, { save: true });
  if (data.r.userErrors.length) { notify(data.r.userErrors.map((e) => e.message).join(" ")); return false; }
  notify(t("restored", { name: label }), null, { carry: open && !!RECORDS[type] });
  if (open && RECORDS[type]) go("edit", { type, id });
  return true;
}

