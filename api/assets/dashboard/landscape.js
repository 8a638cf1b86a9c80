// The landscape grid (#/landscape?group=…&task=…&open=1): every company with its models,
// grouped by kind or country.

import { gql } from "./api.js";
import * as session from "./session.js";
import { t, named, both } from "./words.js";
import { main, esc, el, setParams, loading, failed, ready, rerender, href, editLink } from "./core.js";

const GRID = `query($after: String) { companies(first: 100, after: $after, orderBy: [{ field: NAME }]) { pageInfo { hasNextPage endCursor } nodes {
  id slug name nameZh kind country
  models { id slug name nameZh openWeights releaseDate tasks { slug } inputMediaTypes { slug name nameZh } outputMediaTypes { slug name nameZh } } } } }`;

export async function landscapeView(params) {
  const group = params.get("group") === "country" ? "country" : "kind";
  const task = params.get("task") || "";
  const open = params.get("open") === "1";
  main.innerHTML = `<div class="controls">
      <label>${t("groupBy")}<select id="group"><option value="kind" ${group === "kind" ? "selected" : ""}>${t("byKind")}</option><option value="country" ${group === "country" ? "selected" : ""}>${t("byCountry")}</option></select></label>
      <label>${t("task")}<select id="task"><option value="">${t("anyTask")}</option></select></label>
      <label class="inline"><span>&nbsp;</span><span><input type="checkbox" id="open" ${open ? "checked" : ""}> ${t("openOnly")}</span></label>
        ${session.can("EDITOR") ? `<a class="button" data-edit="Company" href="${href("edit", { type: "Company" })}">${esc(t("newRecord", { kind: t("k.Company") }))}</a>` : ""}
    </div><section id="grid-body"></section>`;
  const update = (key, value) => { if (value) params.set(key, value); else params.delete(key); setParams(params); rerender(); };
  main.querySelector("#group").addEventListener("change", (e) => update("group", e.target.value === "country" ? "country" : ""));
  main.querySelector("#task").addEventListener("change", (e) => update("task", e.target.value));
  main.querySelector("#open").addEventListener("change", (e) => update("open", e.target.checked ? "1" : ""));
  const body = main.querySelector("#grid-body");
  const load = async () => {
    loading(body);
    try {
      const companies = [];
      let after = null;
      let tasks = [];
      do {
        const data = await gql(GRID, { after });
        companies.push(...data.companies.nodes);
        after = data.companies.pageInfo.hasNextPage ? data.companies.pageInfo.endCursor : null;
      } while (after);
      tasks = (await gql(`{ tasks { slug name nameZh } }`)).tasks;
      main.querySelector("#task").innerHTML = `<option value="">${t("anyTask")}</option>` + tasks.map((k) => `<option value="${esc(k.slug)}" ${k.slug === task ? "selected" : ""}>${esc(named(k))}</option>`).join("");
      const keep = (m) => (!task || m.tasks.some((k) => k.slug === task)) && (!open || m.openWeights);
      const editor = session.can("EDITOR");
      const shown = companies.map((c) => ({ ...c, models: c.models.filter(keep) })).filter((c) => c.models.length || (!task && !open));
      body.innerHTML = "";
      const modelCount = shown.reduce((n, c) => n + c.models.length, 0);
      body.appendChild(el(`<p class="note" id="grid-count">${shown.length} ${t("companies")} · ${modelCount} ${t("models")}</p>`));
      if (!shown.length) { body.appendChild(el(`<div class="state">${t("noMatch")}</div>`)); ready(body); return; }
      const groups = new Map();
      for (const c of shown) {
        const key = (group === "country" ? c.country : c.kind) || "—";
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(c);
      }
      for (const key of [...groups.keys()].sort()) {
        body.appendChild(el(`<h2 class="group-title">${esc(key)} (${groups.get(key).length})</h2>`));
        const grid = el(`<div class="grid"></div>`);
        for (const c of groups.get(key)) {
          const card = el(`<article class="card company" data-company="${esc(c.slug)}"><h3>${esc(both(c))}${editLink(editor, "Company", c.id, t("edit"))}</h3><div class="meta">${esc(c.country || "")} · ${esc(c.kind)}</div><ul></ul></article>`);
          const list = card.querySelector("ul");
          for (const m of c.models) {
            const media = `${m.inputMediaTypes.map(named).join("+")} → ${m.outputMediaTypes.map(named).join("+")}`;
            list.appendChild(el(`<li data-model="${esc(m.slug)}">${esc(both(m))}${m.openWeights ? ' <span class="badge">open</span>' : ""} <span class="media">${esc(media)}</span>${editLink(editor, "Model", m.id, t("edit"))}</li>`));
          }
          grid.appendChild(card);
        }
        body.appendChild(grid);
      }
      ready(body);
    } catch (error) { failed(body, error, load); }
  };
  await load();
}
