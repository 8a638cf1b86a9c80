// Search (#/search?q=…): companies, models, products and events by English or Chinese
// name, alias or slug.

import { gql } from "./api.js";
import * as session from "./session.js";
import { t, named, both, titled } from "./words.js";
import { main, esc, el, setParams, loading, failed, ready, rerender, href, editLink } from "./core.js";

const SEARCH = `query($q: String!) { search(query: $q, first: 50) { totalCount nodes { __typename
  ... on Company { id slug name nameZh country kind }
  ... on Model { id slug name nameZh company { name nameZh } }
  ... on Product { id slug name nameZh aliases company { name nameZh } }
  ... on Event { id slug title titleZh occurredOn sourceUrls } } } }`;

export async function searchView(params) {
  const q = params.get("q") || "";
  main.innerHTML = `<form class="controls" id="search-form" role="search">
      <label>${t("searchFor")}<input type="search" id="search-q" value="${esc(q)}" minlength="2" autocomplete="off"></label>
      <button type="submit">${t("nav.search")}</button></form>
    <p class="note">${t("searchHint")}</p><section class="card" id="search-body"></section>`;
  const input = main.querySelector("#search-q");
  main.querySelector("#search-form").addEventListener("submit", (e) => { e.preventDefault(); params.set("q", input.value.trim()); setParams(params); rerender().then(() => main.querySelector("#search-q").focus()); });
  const body = main.querySelector("#search-body");
  if (q.length < 2) { body.innerHTML = `<div class="state">${t("searchHint")}</div>`; ready(body); input.focus(); return; }
  const load = async () => {
    loading(body);
    try {
      const { search } = await gql(SEARCH, { q });
      body.innerHTML = "";
      body.appendChild(el(`<p class="note">${search.totalCount} ${t("results")}</p>`));
      if (!search.nodes.length) { body.appendChild(el(`<div class="state">${t("noResults")}</div>`)); ready(body); return; }
      const list = el(`<ul class="results"></ul>`);
      for (const n of search.nodes) {
        let text;
        if (n.__typename === "Event") text = `${esc(n.occurredOn)} ${esc(titled(n))} ${n.sourceUrls[0] ? `<a href="${esc(n.sourceUrls[0])}" rel="noopener noreferrer" target="_blank">${t("source")}</a>` : ""}`;
        else if (n.__typename === "Company") text = `<strong>${esc(both(n))}</strong> <span class="note">${esc(n.country || "")} · ${esc(n.kind)}</span>`;
        else text = `<strong>${esc(both(n))}</strong>${n.aliases && n.aliases.length ? ` <span class="note">(${esc(n.aliases.join(", "))})</span>` : ""} <span class="note">${esc(named(n.company))}</span>`;
        const kind = { Company: t("company"), Model: t("model"), Product: t("product"), Event: t("event") }[n.__typename];
        const item = el(`<li data-hit="${esc(n.__typename)}:${esc(n.slug)}"><span class="badge">${esc(kind)}</span> ${text}</li>`);
        if (n.__typename === "Model") {
          const link = el(`<a href="#/prices?models=${encodeURIComponent(n.slug)}">${t("nav.prices")}</a>`);
          item.append(" ", link);
        }
        if (session.can("EDITOR")) item.insertAdjacentHTML("beforeend", editLink(true, n.__typename, n.id, t("edit")));
        list.appendChild(item);
      }
      body.appendChild(list);
      ready(body);
    } catch (error) { failed(body, error, load); }
  };
  await load();
}
