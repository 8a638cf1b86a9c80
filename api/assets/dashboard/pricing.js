// A model's prices for editors (#/model-prices?slug=…): the rows in force today per offering,
// each with "Change price" (a new row from a chosen day; the current one ends there — what a
// vendor's price cut is) and "Correct" (the row itself edited — what a typo is). The form
// says which it does, because the price history reads them differently.

import { gql } from "./api.js";
import { t, both, named } from "./words.js";
import { main, el, href, loading, failed, ready, notify, money, today, humanize } from "./core.js";
import { buildForm } from "./forms.js";
import { ENUMS } from "./records.js";
import { editorsOnly } from "./edit.js";

const MODEL = `query($slug: String!, $on: Date) { model(slug: $slug) { id slug name nameZh offerings { id apiModelId region provider { name nameZh }
  prices(asOf: $on) { id version dimension unit unitQuantity amount { amount currency } taxIncluded effectiveFrom effectiveTo
    conditions { mode minInputTokens maxInputTokens tierPricesWholeRequest cacheTtlSeconds window { start end timeZone } resolution quality durationSeconds } } } } }`;

/** The terms that make a new row "the same price" as `p`, as PriceInput takes them. */
function terms(offeringId, p) {
  const c = p.conditions;
  const input = { offeringId, dimension: p.dimension, unit: p.unit, unitQuantity: p.unitQuantity, mode: c.mode };
  const copy = { minInputTokens: c.minInputTokens, maxInputTokens: c.maxInputTokens, tierPricesWholeRequest: c.tierPricesWholeRequest, cacheTtlSeconds: c.cacheTtlSeconds,
    resolution: c.resolution, quality: c.quality, durationSeconds: c.durationSeconds, taxIncluded: p.taxIncluded };
  if (c.window) Object.assign(copy, { windowStart: c.window.start, windowEnd: c.window.end, windowTimeZone: c.window.timeZone });
  for (const [k, v] of Object.entries(copy)) if (v != null) input[k] = v;
  return input;
}

export async function modelPricesView(params) {
  const slug = params.get("slug");
  main.innerHTML = `<section class="card" id="pricing-body"></section>`;
  const body = main.querySelector("#pricing-body");
  if (!editorsOnly(body)) return;
  const load = async () => {
    loading(body);
    try {
      const { model } = await gql(MODEL, { slug, on: today() });
      if (!model) { body.textContent = `${t("noResults")} (${slug})`; ready(body); return; }
      body.innerHTML = "";
      const h = el(`<h2></h2>`);
      h.textContent = t("pricesOf", { name: both(model) });
      body.appendChild(h);
      body.appendChild(el(`<p><a href="${href("edit", { type: "Model", id: model.id })}">${t("edit")}</a> · <a href="${href("prices", { models: model.slug })}">${t("nav.prices")}</a></p>`));
      if (!model.offerings.length) body.appendChild(el(`<div class="state">${t("noOfferings")}</div>`));
      for (const o of model.offerings) {
        const box = el(`<section class="related"><h3></h3><ul class="price-rows"></ul></section>`);
        box.querySelector("h3").textContent = `${named(o.provider)} · ${o.apiModelId} (${o.region})`;
        for (const p of o.prices) box.querySelector("ul").appendChild(priceRow(o, p, params, load));
        body.appendChild(box);
      }
      ready(body);
    } catch (error) { failed(body, error, load); }
  };
  await load();
}

function priceRow(offering, p, params, reload) {
  const c = p.conditions;
  const extra = [c.mode !== "STANDARD" ? humanize(c.mode) : "", c.minInputTokens != null || c.maxInputTokens != null ? `${c.minInputTokens ?? 0}–${c.maxInputTokens ?? "∞"} tokens` : "",
    c.window ? `${c.window.start}–${c.window.end}` : "", c.resolution || "", c.quality || ""].filter(Boolean).join(", ");
  const li = el(`<li data-price="${p.id}"><span class="what"></span> <button type="button" data-action="change">${t("changePrice")}</button>
      <a class="button" href="${href("edit", { type: "Price", id: p.id })}">${t("correctPrice")}</a><div class="change-slot"></div></li>`);
  li.querySelector(".what").textContent = `${humanize(p.dimension)}${extra ? ` (${extra})` : ""}: ${money(p.amount)} / ${p.unitQuantity} ${p.unit} · ${t("f.effectiveFrom")} ${p.effectiveFrom}`;
  li.querySelector("[data-action=change]").addEventListener("click", () => {
    const slot = li.querySelector(".change-slot");
    if (slot.firstChild) { slot.innerHTML = ""; return; }
    slot.appendChild(changeForm(offering, p, params, reload));
    slot.querySelector("input").focus();
  });
  return li;
}

function changeForm(offering, p, params, reload) {
  const box = el(`<div class="change-box"><h4>${t("changeTitle")}</h4><p class="explain"></p></div>`);
  box.querySelector(".explain").textContent = t("changeNote");
  const form = buildForm({
    name: "price-change",
    fields: [
      { name: "amount", label: "newAmount", kind: "decimal", required: true },
      { name: "currency", kind: "text", required: true },
      { name: "effectiveFrom", label: "fromDay", kind: "date", required: true },
      { name: "sourceUrl", kind: "text", url: true, required: true },
      { name: "confidence", kind: "enum", options: ENUMS.Confidence },
      { name: "notes", kind: "textarea" },
    ],
    values: { currency: p.amount.currency, effectiveFrom: params.get("on") || today(), sourceUrl: params.get("source") || "", confidence: "HIGH" },
    async onSubmit(f) {
      const input = { ...terms(offering.id, p), ...f.input({ onlyChanged: false }), observedOn: today() };
      const data = await gql(`mutation($input: PriceInput!) { createPrice(input: $input) { price { id effectiveFrom } userErrors { field message code } } }`, { input }, { save: true });
      const errors = data.createPrice.userErrors;
      if (errors.length) { f.showErrors(errors); return; }
      notify(`${t("saved")} ${t("changeTitle")}: ${money({ amount: input.amount, currency: input.currency })} · ${input.effectiveFrom}`);
      await reload();
    },
  });
  box.appendChild(form.node);
  return box;
}
