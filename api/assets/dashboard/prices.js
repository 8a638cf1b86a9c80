// Prices (#/prices?models=…&currency=…&on=…): the chosen models' prices on one day in one
// currency, a bar chart of them and the monthly price history.

import { gql } from "./api.js";
import * as session from "./session.js";
import { t, named, both } from "./words.js";
import { main, esc, el, setParams, addDays, addMonths, today, money, loading, failed, ready, table, rerender, href } from "./core.js";

let modelList = null;
async function allModels() {
  if (modelList) return modelList;
  const list = [];
  let after = null;
  do {
    const data = await gql(`query($after: String) { models(first: 100, after: $after, orderBy: [{ field: NAME }]) { pageInfo { hasNextPage endCursor } nodes { slug name nameZh company { name nameZh } } } }`, { after });
    list.push(...data.models.nodes);
    after = data.models.pageInfo.hasNextPage ? data.models.pageInfo.endCursor : null;
  } while (after);
  modelList = list;
  return list;
}
async function latestRateDay() {
  const data = await gql(`{ exchangeRates(first: 1, orderBy: [{ field: ON_DATE, direction: DESC }]) { nodes { onDate } } }`);
  return data.exchangeRates.nodes[0] ? data.exchangeRates.nodes[0].onDate : null;
}

const COMPARE = `query($slugs: [String!]!, $currency: String!, $on: Date!) {
  compareModels(slugs: $slugs, currency: $currency, asOf: $on) {
    model { slug name nameZh company { name nameZh } outputMediaTypes { slug } }
    priced note cheapestBlendedPerMillion { amount currency }
    offerings { offering { apiModelId region provider { name nameZh } }
      inputPerMillion { amount currency } outputPerMillion { amount currency } blendedPerMillion { amount currency }
      prices { dimension unit unitQuantity verifiedOn amount { amount currency converted(currency: $currency, on: $on) { amount currency } } provenance { sourceUrl } } } } }`;
const SERIES = `query($slugs: [String!]!, $currency: String!, $from: Date!, $to: Date!) {
  priceSeries(slugs: $slugs, currency: $currency, from: $from, to: $to, bucket: MONTH) { model { slug name nameZh } points { start blendedPerMillion { amount } } } }`;

const charts = [];
export function dropCharts() { while (charts.length) charts.pop().destroy(); }

export async function pricesView(params) {
  const slugs = (params.get("models") || "").split(",").filter(Boolean);
  const currency = params.get("currency") || "CNY";
  main.innerHTML = `<div class="controls">
      <label>${t("pick")}<input list="model-options" id="model-pick" autocomplete="off" placeholder="deepseek-v3"></label>
      <button type="button" id="model-add">${t("add")}</button>
      <label>${t("currency")}<select id="currency">${["CNY", "USD", "EUR"].map((c) => `<option ${c === currency ? "selected" : ""}>${c}</option>`).join("")}</select></label>
      <label>${t("asOf")}<input type="date" id="as-of"></label>
      <button type="button" id="month-back">${t("monthBack")}</button><button type="button" id="month-on">${t("monthOn")}</button>
    </div><datalist id="model-options"></datalist>
    <div class="chips" id="chosen" aria-label="Chosen models"></div>
    <p class="note" id="rates-note"></p>
    <section class="card" id="prices-body"></section>`;
  const chosen = main.querySelector("#chosen");
  for (const slug of slugs) {
    const chip = el(`<span class="chip">${esc(slug)}<button type="button" aria-label="Remove ${esc(slug)}">×</button></span>`);
    chip.querySelector("button").addEventListener("click", () => { params.set("models", slugs.filter((s) => s !== slug).join(",")); setParams(params); rerender(); });
    if (session.can("EDITOR")) chip.insertAdjacentHTML("beforeend", ` <a href="${href("model-prices", { slug })}">${esc(t("editPrices"))}</a>`);
    chosen.appendChild(chip);
  }
  const pick = main.querySelector("#model-pick");
  const add = () => {
    const value = pick.value.trim();
    if (!value || !modelList) return;
    const found = modelList.find((m) => m.slug === value || m.name === value || m.nameZh === value);
    if (!found || slugs.includes(found.slug)) return;
    params.set("models", slugs.concat(found.slug).join(","));
    setParams(params);
    rerender();
  };
  main.querySelector("#model-add").addEventListener("click", add);
  pick.addEventListener("keydown", (e) => { if (e.key === "Enter") add(); });
  main.querySelector("#currency").addEventListener("change", (e) => { params.set("currency", e.target.value); setParams(params); rerender(); });
  const body = main.querySelector("#prices-body");
  const load = async () => {
    loading(body);
    try {
      const [models, rateDay] = await Promise.all([allModels(), latestRateDay()]);
      main.querySelector("#model-options").innerHTML = models.map((m) => `<option value="${esc(m.slug)}">${esc(both(m))} — ${esc(named(m.company))}</option>`).join("");
      let on = params.get("on");
      if (!on) {
        on = today();
        if (rateDay && rateDay < on) {
          on = rateDay;
          main.querySelector("#rates-note").textContent = t("ratesUntil").replace("{d}", rateDay);
        }
      }
      const asOf = main.querySelector("#as-of");
      asOf.value = on;
      const moveTo = (day) => { params.set("on", day); setParams(params); rerender(); };
      asOf.onchange = (e) => e.target.value && moveTo(e.target.value);
      main.querySelector("#month-back").onclick = () => moveTo(addMonths(on, -1));
      main.querySelector("#month-on").onclick = () => moveTo(addMonths(on, 1));
      if (!slugs.length) { body.innerHTML = `<div class="state">${t("noModels")}</div>`; ready(body); return; }
      const [{ compareModels }, { priceSeries }] = await Promise.all([
        gql(COMPARE, { slugs, currency, on }),
        gql(SERIES, { slugs, currency, from: addMonths(on, -18), to: addDays(on, 1) }),
      ]);
      body.innerHTML = "";
      const rows = [];
      const bars = [];
      const stale = addDays(on, -30);
      for (const c of compareModels) {
        const m = c.model;
        if (!c.offerings.length) {
          rows.push({ cells: [{ text: both(m) }, { text: named(m.company) }, { text: "" }, { text: "" }, { text: "" }, { text: "" }, { text: "" }, { text: t("noPrice"), html: `<span class="note">${esc(c.note || t("noPrice"))}</span>` }] });
          continue;
        }
        let best = null;
        for (const o of c.offerings) {
          const verified = o.prices.map((p) => p.verifiedOn).filter(Boolean).sort()[0];
          const warning = !verified ? t("neverVerified") : verified < stale ? t("notVerified") : "";
          const tokens = o.inputPerMillion || o.outputPerMillion;
          const unitRows = tokens ? [] : o.prices.map((p) => `${money(p.amount.converted)} / ${p.unitQuantity} ${p.unit}`);
          rows.push({ cells: [
            { text: both(m) }, { text: named(m.company) },
            { text: `${named(o.offering.provider)} ${o.offering.apiModelId} (${o.offering.region})` },
            { text: o.inputPerMillion ? o.inputPerMillion.amount : "", html: money(o.inputPerMillion) },
            { text: o.outputPerMillion ? o.outputPerMillion.amount : "", html: money(o.outputPerMillion) },
            { text: o.blendedPerMillion ? o.blendedPerMillion.amount : "", html: money(o.blendedPerMillion) },
            { text: unitRows.join("; "), html: esc(unitRows.join("; ")) },
            { text: warning, html: warning ? `<span class="warn">⚠ ${esc(warning)}</span>` : "" },
          ] });
          if (o.blendedPerMillion && (!best || Number(o.blendedPerMillion.amount) < Number(best.blendedPerMillion.amount))) best = o;
        }
        if (best) bars.push({ label: named(m), input: Number(best.inputPerMillion ? best.inputPerMillion.amount : 0), output: Number(best.outputPerMillion ? best.outputPerMillion.amount : 0), blended: Number(best.blendedPerMillion.amount) });
      }
      body.appendChild(table([{ label: t("model") }, { label: t("company") }, { label: t("offering") }, { label: `${t("input")} (${currency})`, num: true }, { label: `${t("output")} (${currency})`, num: true }, { label: `${t("blended")} (${currency})`, num: true }, { label: t("unitPrice") }, { label: "" }], rows, `prices-${on}-${currency}`));
      const chartsBox = el(`<div class="charts"><div><h2>${t("bars")} (${currency})</h2><div class="chart-box"><canvas id="bar-chart" role="img" aria-label="${t("bars")}"></canvas></div></div><div><h2>${t("history")} (${currency})</h2><div class="chart-box"><canvas id="line-chart" role="img" aria-label="${t("history")}"></canvas></div></div></div>`);
      body.appendChild(chartsBox);
      dropCharts();
      if (window.Chart) {
        charts.push(new Chart(chartsBox.querySelector("#bar-chart"), {
          type: "bar",
          data: { labels: bars.map((b) => b.label), datasets: [
            { label: t("input"), data: bars.map((b) => b.input), backgroundColor: "#5b8def" },
            { label: t("output"), data: bars.map((b) => b.output), backgroundColor: "#f0a35b" },
            { label: t("blended"), data: bars.map((b) => b.blended), backgroundColor: "#59b37c" },
          ] },
          options: { responsive: true, maintainAspectRatio: false, animation: false },
        }));
        const labels = priceSeries.length ? priceSeries[0].points.map((p) => p.start) : [];
        const palette = ["#1f5fbf", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#2c3e50", "#b7950b"];
        charts.push(new Chart(chartsBox.querySelector("#line-chart"), {
          type: "line",
          data: { labels, datasets: priceSeries.map((s, i) => ({
            label: named(s.model), data: s.points.map((p) => (p.blendedPerMillion ? Number(p.blendedPerMillion.amount) : null)),
            borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], stepped: true, spanGaps: false,
          })) },
          options: { responsive: true, maintainAspectRatio: false, animation: false },
        }));
      }
      body.dataset.bars = JSON.stringify(bars);
      body.dataset.series = JSON.stringify(priceSeries.map((s) => ({ model: s.model.slug, points: s.points.filter((p) => p.blendedPerMillion).length })));
      ready(body);
    } catch (error) { failed(body, error, load); }
  };
  await load();
}
