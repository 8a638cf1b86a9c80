// "This week" (#/week?from=…): the digest of one week as a timeline, the price changes
// with before and after, and — for team members — the inbox items not yet checked.

import { gql } from "./api.js";
import * as session from "./session.js";
import { t, named, titled } from "./words.js";
import { main, esc, el, setParams, addDays, monday, today, money, stars, loading, failed, ready, table, rerender, href, editLink } from "./core.js";

const DIGEST = `query($from: Date!, $to: Date!) { digest(from: $from, to: $to) {
  from to headline notes eventCount
  events(first: 100) { watched event { id slug occurredOn type title titleZh importance sourceUrls companies { company { name nameZh } } } }
  backfilled { slug occurredOn title titleZh sourceUrls }
  untriaged(first: 50) { title link publishedAt source { name } }
  priceChanges { kind on percentChange oldAmount { amount currency } newAmount { amount currency }
    price { dimension unit unitQuantity provenance { sourceUrl } offering { apiModelId provider { name nameZh } model { name nameZh } } product { name nameZh } } } } }`;

export async function weekView(params) {
  const from = monday(params.get("from") || today());
  main.innerHTML = `<div class="controls">
      <label>${t("week")}<input type="date" id="week-from" value="${from}"></label>
      <button type="button" id="week-prev">${t("prev")}</button><button type="button" id="week-next">${t("next")}</button>
        ${session.can("EDITOR") ? `<a class="button" data-edit="Event" href="${href("edit", { type: "Event" })}">${esc(t("newRecord", { kind: t("k.Event") }))}</a>` : ""}</div>
    <section class="card" id="week-body"></section>`;
  const move = (day) => { params.set("from", monday(day)); setParams(params); rerender(); };
  main.querySelector("#week-from").addEventListener("change", (e) => e.target.value && move(e.target.value));
  main.querySelector("#week-prev").addEventListener("click", () => move(addDays(from, -7)));
  main.querySelector("#week-next").addEventListener("click", () => move(addDays(from, 7)));
  const body = main.querySelector("#week-body");
  const load = async () => {
    loading(body);
    try {
      const { digest } = await gql(DIGEST, { from, to: addDays(from, 7) });
      body.innerHTML = "";
      if (digest.headline) body.appendChild(el(`<p><strong>${esc(digest.headline)}</strong></p>`));
      body.appendChild(el(`<h2>${t("timeline")} (${digest.eventCount})</h2>`));
      if (!digest.events.length) {
        const empty = el(`<div class="state">${t("noEvents")} <button type="button">${t("latest")}</button></div>`);
        empty.querySelector("button").addEventListener("click", async () => {
          const data = await gql(`{ events(first: 1, orderBy: [{ field: OCCURRED_ON, direction: DESC }]) { nodes { occurredOn } } }`);
          const last = data.events.nodes[0];
          if (last) move(last.occurredOn);
        });
        body.appendChild(empty);
      } else {
        const list = el(`<ol class="timeline"></ol>`);
        for (const { watched, event } of digest.events) {
          const who = event.companies.map((c) => named(c.company)).join(", ");
          const links = event.sourceUrls.map((u, i) => `<a href="${esc(u)}" rel="noopener noreferrer" target="_blank">${t("source")}${event.sourceUrls.length > 1 ? " " + (i + 1) : ""}</a>`).join(" ");
          list.appendChild(el(`<li><span class="when">${esc(event.occurredOn)}</span><div>
            ${watched ? `<span class="badge watched">★ ${t("watched")}</span>` : ""}<span class="badge">${esc(event.type)}</span>
            <span class="importance" aria-label="importance ${event.importance}">${stars(event.importance)}</span>
            <div><strong>${esc(titled(event))}</strong>${who ? ` — ${esc(who)}` : ""}${editLink(session.can("EDITOR"), "Event", event.id, t("edit"))}</div><div>${links}</div></div></li>`));
        }
        body.appendChild(list);
      }
      if (digest.backfilled.length) {
        body.appendChild(el(`<h2>${t("backfilled")}</h2>`));
        const list = el(`<ul class="timeline"></ul>`);
        for (const e of digest.backfilled) list.appendChild(el(`<li><span class="when">${esc(e.occurredOn)}</span><div>${esc(titled(e))} ${e.sourceUrls[0] ? `<a href="${esc(e.sourceUrls[0])}" rel="noopener noreferrer" target="_blank">${t("source")}</a>` : ""}</div></li>`));
        body.appendChild(list);
      }
      // Team members only (empty for anonymous readers): feed text, shown as text, apart.
      if (digest.untriaged.length) {
        body.appendChild(el(`<h2>${t("untriaged")}${session.can("EDITOR") ? ` <a class="edit-link" href="#/inbox">${t("nav.inbox")}</a>` : ""}</h2>`));
        const list = el(`<ul class="timeline untriaged"></ul>`);
        for (const item of digest.untriaged) {
          const link = item.link && /^https?:\/\//.test(item.link) ? ` <a href="${esc(item.link)}" rel="noopener noreferrer" target="_blank">${t("source")}</a>` : "";
          list.appendChild(el(`<li><span class="when">${esc((item.publishedAt || "").slice(0, 10))}</span><div>${esc(item.title)} — ${esc(item.source ? item.source.name : "")}${link}</div></li>`));
        }
        body.appendChild(list);
      }
      body.appendChild(el(`<h2>${t("changes")}</h2>`));
      if (!digest.priceChanges.length) body.appendChild(el(`<div class="state">${t("noChanges")}</div>`));
      else {
        const rows = digest.priceChanges.map((c) => {
          const o = c.price.offering;
          const what = o ? named(o.model) : named(c.price.product);
          const pct = c.percentChange == null ? "" : `${Number(c.percentChange) > 0 ? "+" : ""}${Number(c.percentChange).toFixed(1)}%`;
          const url = c.price.provenance.sourceUrl;
          return { cells: [
            { text: c.on }, { text: what }, { text: o ? named(o.provider) : "" },
            { text: `${c.price.dimension} / ${c.price.unitQuantity} ${c.price.unit}` },
            { text: c.oldAmount ? money(c.oldAmount) : "" }, { text: money(c.newAmount) },
            { text: pct, html: `<span class="${Number(c.percentChange) > 0 ? "up" : "down"}">${esc(pct || c.kind)}</span>` },
            { text: url || "", html: url ? `<a href="${esc(url)}" rel="noopener noreferrer" target="_blank">${t("source")}</a>` : "" },
          ] };
        });
        body.appendChild(table([{ label: t("day") }, { label: t("model") }, { label: t("provider") }, { label: t("dimension") }, { label: t("before"), num: true }, { label: t("after"), num: true }, { label: t("change"), num: true }, { label: t("source") }], rows, `price-changes-${from}`));
      }
      ready(body);
    } catch (error) { failed(body, error, load); }
  };
  await load();
}
