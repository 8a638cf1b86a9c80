// Triage (#/inbox, editors): the untriaged items newest first, Accept (into the event form,
// prefilled from the item), Dismiss (one or several), "Add link" for a page a person found,
// and the curated data's health checks. Feed text is untrusted: it reaches the page through
// textContent only, and links only when they are http(s).

import { gql } from "./api.js";
import { t, named, both } from "./words.js";
import { main, el, href, go, loading, failed, ready, notify, monday, safeLink, humanize } from "./core.js";
import { buildForm } from "./forms.js";
import { RECORDS, loadLists } from "./records.js";
import { editorsOnly, autoSlug } from "./edit.js";

const ITEMS = `{ inbox(filter: { statuses: [NEW] }, first: 100) { totalCount nodes { id title titleZh link publishedAt fetchedAt source { name } proposedBy
  suggestedType duplicateOf { title } matchedCompanies { name nameZh } matchedModels { slug name nameZh } } } }`;
const HEALTH = `{ dataHealth { checkedOn checks { code description count records { id type label } } } }`;
const ERRORS = "userErrors { field message code }";
const localDay = (at) => (at ? new Date(at).toLocaleDateString("sv") : "");

export async function inboxView() {
  main.innerHTML = `<section class="card" id="inbox-body"></section><section class="card" id="health-body"></section>`;
  const body = main.querySelector("#inbox-body");
  if (!editorsOnly(body)) { main.querySelector("#health-body").remove(); return; }
  const load = async () => {
    loading(body);
    try {
      const [{ inbox }, health] = await Promise.all([gql(ITEMS), gql(HEALTH)]);
      body.innerHTML = "";
      body.appendChild(el(`<h2>${t("inboxTitle")} (${inbox.totalCount})</h2>`));
      body.appendChild(addLink(load));
      const bar = el(`<div class="actions"><button type="button" data-action="dismiss-selected">${t("dismissSelected")}</button><p class="form-error" role="alert"></p></div>`);
      const list = el(`<ul class="inbox"></ul>`);
      if (!inbox.nodes.length) body.appendChild(el(`<div class="state">${t("inboxEmpty")}</div>`));
      else { body.appendChild(bar); body.appendChild(list); }
      for (const item of inbox.nodes) list.appendChild(row(item, load));
      bar.querySelector("button").addEventListener("click", async () => {
        const ids = [...list.querySelectorAll("input[type=checkbox]:checked")].map((c) => c.value);
        if (ids.length) await dismiss(ids, bar.querySelector(".form-error"), load);
      });
      paintHealth(main.querySelector("#health-body"), health.dataHealth);
      ready(body);
    } catch (error) { failed(body, error, load); }
  };
  await load();
}

function row(item, reload) {
  const li = el(`<li data-item="${item.id}"><div class="pick"><input type="checkbox"><label class="sr-only"></label></div>
      <div class="what"><div class="title"></div><div class="title-zh note"></div><div class="meta note"></div><div class="chips mentions"></div><div class="dup note"></div></div>
      <div class="act"><button type="button" data-action="accept">${t("accept")}</button> <button type="button" data-action="dismiss">${t("dismiss")}</button><p class="form-error" role="alert"></p></div></li>`);
  const box = li.querySelector("input");
  box.id = `pick-${item.id}`;
  box.value = item.id;
  const label = li.querySelector("label");
  label.htmlFor = box.id;
  label.textContent = t("selectItem", { title: item.title });
  const title = li.querySelector(".title");
  title.appendChild(safeLink(item.link, item.title));
  li.querySelector(".title-zh").textContent = item.titleZh || "";
  const from = item.source ? t("fromSource", { source: item.source.name }) : item.proposedBy || "";
  li.querySelector(".meta").textContent = [localDay(item.publishedAt || item.fetchedAt), from, item.suggestedType ? `${t("suggested")}: ${humanize(item.suggestedType)}` : ""].filter(Boolean).join(" · ");
  const chips = li.querySelector(".mentions");
  for (const m of [...item.matchedCompanies, ...item.matchedModels]) { const s = document.createElement("span"); s.className = "badge"; s.textContent = named(m); chips.appendChild(s); }
  if (item.duplicateOf) li.querySelector(".dup").textContent = t("duplicateOf", { title: item.duplicateOf.title });
  li.querySelector("[data-action=accept]").addEventListener("click", () => go("accept", { id: item.id }));
  li.querySelector("[data-action=dismiss]").addEventListener("click", () => dismiss([item.id], li.querySelector(".form-error"), reload));
  return li;
}

async function dismiss(ids, errorNode, reload) {
  try {
    const data = await gql(`mutation($ids: [ID!]!) { dismissInboxItems(ids: $ids) { inboxItems { id } ${ERRORS} } }`, { ids }, { save: true });
    const errors = data.dismissInboxItems.userErrors;
    if (errors.length) { errorNode.textContent = errors.map((e) => e.message).join(" "); return; }
    notify(t("dismissed", { n: ids.length }));
    await reload();
  } catch (err) { errorNode.textContent = err.message; }
}

function addLink(reload) {
  const box = el(`<details class="add-link"><summary>${t("addLink")}</summary><p class="note">${t("addLinkNote")}</p></details>`);
  const form = buildForm({
    name: "add-link", submitLabel: t("addLink"),
    fields: [
      { name: "sourceUrls", label: "link", kind: "text", url: true, required: true },
      { name: "title", label: "headline", kind: "text", required: true },
      { name: "titleZh", label: "headlineZh", kind: "text" },
      { name: "occurredOn", label: "happenedOn", kind: "date" },
    ],
    async onSubmit(f) {
      const input = f.input({ onlyChanged: false });
      input.sourceUrls = [input.sourceUrls];
      const data = await gql(`mutation($input: AddInboxItemInput!) { addInboxItem(input: $input) { inboxItem { id } ${ERRORS} } }`, { input }, { save: true });
      const errors = data.addInboxItem.userErrors;
      if (errors.length) { f.showErrors(errors); return; }
      notify(t("added"));
      await reload();
    },
  });
  box.appendChild(form.node);
  return box;
}

function paintHealth(node, health) {
  node.innerHTML = `<h2>${t("health")}</h2><p class="note">${t("healthNote")} (${health.checkedOn})</p><ul class="health"></ul>`;
  const list = node.querySelector("ul");
  for (const c of health.checks) {
    const li = el(`<li data-check="${c.code}"><details><summary><span class="count"></span> <span class="what"></span></summary><ul></ul></details></li>`);
    li.querySelector(".count").textContent = String(c.count);
    li.querySelector(".what").textContent = c.description;
    const records = li.querySelector("ul");
    for (const r of c.records) {
      const item = document.createElement("li");
      if (RECORDS[r.type]) { const a = el(`<a href="${href("edit", { type: r.type, id: r.id })}"></a>`); a.textContent = `${r.type}: ${r.label}`; item.appendChild(a); }
      else item.textContent = `${r.type}: ${r.label}`;
      records.appendChild(item);
    }
    if (!c.count) li.querySelector("details").classList.add("ok");
    list.appendChild(li);
  }
  node.dataset.state = "ready";
}

/** #/accept?id=…: the event form, prefilled from the item; saving accepts the item. */
export async function acceptView(params) {
  const id = params.get("id");
  main.innerHTML = `<section class="card" id="accept-body"></section>`;
  const body = main.querySelector("#accept-body");
  if (!editorsOnly(body)) return;
  const load = async () => {
    loading(body);
    try {
      await loadLists(gql);
      const data = await gql(`query($id: ID!) { node(id: $id) { ... on InboxItem { id title titleZh summary sourceUrls link publishedAt fetchedAt status suggestedType
        matchedCompanies { id name nameZh } matchedModels { id slug name nameZh } matchedProducts { id name nameZh } } } }`, { id });
      const item = data.node;
      if (!item || !item.title) { body.textContent = `${t("noResults")} (${id})`; ready(body); return; }
      body.innerHTML = `<h2>${t("acceptTitle")}</h2><p class="explain">${t("acceptNote")}</p>`;
      const link = (x) => ({ id: x.id, label: both(x), role: "SUBJECT" });
      const values = {
        type: item.suggestedType || "", occurredOn: localDay(item.publishedAt || item.fetchedAt), datePrecision: "DAY", title: item.title,
        titleZh: item.titleZh || "", summary: item.summary || "", importance: "3", sourceUrls: item.sourceUrls,
        companies: item.matchedCompanies.map(link), models: item.matchedModels.map(link), products: item.matchedProducts.map(link),
      };
      const form = buildForm({
        name: "accept", fields: RECORDS.Event.fields, values, submitLabel: t("accept"),
        async onSubmit(f) {
          const input = f.input({ onlyChanged: false });
          const out = await gql(`mutation($id: ID!, $input: EventInput!) { r: acceptInboxItem(id: $id, input: $input) { event { id occurredOn title } ${ERRORS} } }`, { id, input }, { save: true });
          if (out.r.userErrors.length) { f.showErrors(out.r.userErrors); return; }
          notify(t("accepted", { title: out.r.event.title }), null, { carry: true });
          go("week", { from: monday(out.r.event.occurredOn) });
        },
      });
      if (item.status !== "NEW") form.formError(humanize(item.status));
      body.appendChild(form.node);
      autoSlug(form);
      if (item.suggestedType === "PRICE_CHANGE" && item.matchedModels.length) {
        const offer = el(`<section class="related"><h3>${t("priceToo")}</h3><ul></ul></section>`);
        for (const m of item.matchedModels) {
          const li = el(`<li><a href="${href("model-prices", { slug: m.slug, source: item.link || item.sourceUrls[0] || "", on: values.occurredOn })}"></a></li>`);
          li.querySelector("a").textContent = t("recordPrice", { model: both(m) });
          offer.querySelector("ul").appendChild(li);
        }
        body.appendChild(offer);
      }
      ready(body);
    } catch (error) { failed(body, error, load); }
  };
  await load();
}
