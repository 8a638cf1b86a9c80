// The audit trail on the page: one record's revisions (#/history?id=…: who, when, which
// fields, before → after) and the records deleted and not restored since (#/deleted), with
// Restore for editors.

import { gql } from "./api.js";
import * as session from "./session.js";
import { t } from "./words.js";
import { main, el, href, loading, failed, ready, humanize } from "./core.js";
import { RECORDS } from "./records.js";
import { restore } from "./edit.js";

const value = (v) => (v == null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export async function historyView(params) {
  const id = params.get("id");
  main.innerHTML = `<section class="card" id="history-body"></section>`;
  const body = main.querySelector("#history-body");
  if (!session.can("VIEWER")) { body.innerHTML = `<div class="state"><a href="${href("signin", { next: location.hash })}">${t("signIn")}</a></div>`; ready(body); return; }
  const load = async () => {
    loading(body);
    try {
      const data = await gql(`query($id: ID!) { revisions(entityId: $id, first: 100) { nodes { entityType at actor action label changes { field before after } } } }`, { id });
      const nodes = data.revisions.nodes;
      body.innerHTML = "";
      const name = nodes.length ? nodes[0].label : "";
      const h = el(`<h2></h2>`);
      h.textContent = t("historyOf", { name: name || id });
      body.appendChild(h);
      if (nodes.length && RECORDS[nodes[0].entityType]) body.appendChild(el(`<p><a href="${href("edit", { type: nodes[0].entityType, id })}">${t("edit")}</a></p>`));
      if (!nodes.length) { body.appendChild(el(`<div class="state">${t("noHistory")}</div>`)); ready(body); return; }
      const table = el(`<div class="table-wrap"><table class="history"><thead><tr><th scope="col">${t("when")}</th><th scope="col">${t("who")}</th><th scope="col">${t("action")}</th><th scope="col">${t("changed")} (${t("beforeAfter")})</th></tr></thead><tbody></tbody></table></div>`);
      const tbody = table.querySelector("tbody");
      for (const r of nodes) {
        const tr = document.createElement("tr");
        tr.dataset.action = r.action;
        for (const text of [r.at.replace("T", " ").slice(0, 16), r.actor, humanize(r.action)]) { const td = document.createElement("td"); td.textContent = text; tr.appendChild(td); }
        const td = document.createElement("td");
        const list = document.createElement("ul");
        list.className = "changes";
        for (const c of r.changes) {
          const li = document.createElement("li");
          li.dataset.field = c.field;
          const b = document.createElement("strong");
          b.textContent = c.field;
          li.append(b, `: ${value(c.before)} → ${value(c.after)}`);
          list.appendChild(li);
        }
        td.appendChild(list);
        tr.appendChild(td);
        tbody.appendChild(tr);
      }
      body.appendChild(table);
      ready(body);
    } catch (error) { failed(body, error, load); }
  };
  await load();
}

export async function deletedView() {
  main.innerHTML = `<section class="card" id="deleted-body"></section>`;
  const body = main.querySelector("#deleted-body");
  if (!session.can("EDITOR")) { body.innerHTML = `<div class="state"><a href="${href("signin", { next: location.hash })}">${t("signIn")}</a></div>`; ready(body); return; }
  const load = async () => {
    loading(body);
    try {
      const data = await gql(`{ recentlyDeleted(first: 100) { nodes { entityType entityId at actor label } } }`);
      body.innerHTML = `<h2>${t("nav.deleted")}</h2>`;
      const nodes = data.recentlyDeleted.nodes;
      if (!nodes.length) { body.appendChild(el(`<div class="state">${t("nothingDeleted")}</div>`)); ready(body); return; }
      const list = el(`<ul class="results"></ul>`);
      for (const r of nodes) {
        const label = r.label || r.entityId;
        const li = el(`<li data-deleted="${r.entityType}"><span class="badge"></span> <strong></strong> <span class="note"></span> <button type="button">${t("restore")}</button> <a href="${href("history", { id: r.entityId })}">${t("historyLink")}</a></li>`);
        li.querySelector(".badge").textContent = t(`k.${r.entityType}`) === `k.${r.entityType}` ? r.entityType : t(`k.${r.entityType}`);
        li.querySelector("strong").textContent = label;
        li.querySelector(".note").textContent = `${r.at.slice(0, 10)} · ${t("deletedBy", { who: r.actor })}`;
        li.querySelector("button").addEventListener("click", async () => { if (await restore(r.entityType, r.entityId, label, { open: false })) li.remove(); });
        list.appendChild(li);
      }
      body.appendChild(list);
      ready(body);
    } catch (error) { failed(body, error, load); }
  };
  await load();
}
