// The landscape page: talks only to the public /graphql API. Every view keeps its state in
// the URL (#/view?key=value), so a view can be shared, bookmarked and reloaded.
"use strict";

(function () {
  // ---------------------------------------------------------------- words
  const WORDS = {
    en: {
      title: "AIGC Landscape", "nav.week": "This week", "nav.prices": "Prices",
      "nav.landscape": "Landscape", "nav.search": "Search", lang: "中文",
      footer: "Data from the team's curated lists, read through the public GraphQL API at /graphql.",
      loading: "Loading…", retry: "Try again", csv: "Export CSV",
      week: "Week of", prev: "← Previous week", next: "Next week →",
      timeline: "What happened", changes: "Price changes", noEvents: "No events recorded for this week.",
      latest: "Go to the latest week with events", noChanges: "No price changes this week.",
      backfilled: "Recorded this week, happened earlier", watched: "watched",
      untriaged: "In the inbox, not yet checked (unverified)",
      model: "Model", provider: "Provider", dimension: "What", before: "Before", after: "After",
      change: "Change", source: "Source", day: "Day", kind: "Kind",
      pick: "Add a model", add: "Add", currency: "Currency", asOf: "Prices on",
      monthBack: "− 1 month", monthOn: "+ 1 month", ratio: "Blend input : output",
      input: "Input / 1M", output: "Output / 1M", blended: "Blended / 1M", unitPrice: "Price",
      unit: "Unit", offering: "Offering", noModels: "Choose models above to compare their prices.",
      notVerified: "not verified for 30+ days", neverVerified: "never verified",
      noPrice: "no price on this day", bars: "Prices per 1M tokens", history: "Price history (blended per 1M tokens, monthly)",
      ratesUntil: "Exchange rates are recorded up to {d}; prices are shown as of that day.",
      groupBy: "Group by", byKind: "Kind", byCountry: "Country", task: "Task", anyTask: "Any task",
      openOnly: "Open weights only", companies: "companies", models: "models", noMatch: "Nothing matches these filters.",
      searchFor: "Search companies, models, products and events", searchHint: "At least 2 characters, in English or Chinese.",
      results: "results", noResults: "Nothing found.", perImage: "per image", perSecond: "per second",
      error: "Something went wrong", company: "Company", product: "Product", event: "Event",
    },
    zh: {
      title: "AIGC 产业版图", "nav.week": "本周", "nav.prices": "价格", "nav.landscape": "版图",
      "nav.search": "搜索", lang: "EN",
      footer: "数据来自团队维护的清单，通过公开的 GraphQL 接口 /graphql 读取。",
      loading: "加载中…", retry: "重试", csv: "导出 CSV",
      week: "周起始", prev: "← 上一周", next: "下一周 →",
      timeline: "本周动态", changes: "价格变动", noEvents: "本周没有记录的事件。",
      latest: "跳到最近有事件的一周", noChanges: "本周没有价格变动。",
      backfilled: "本周补录、更早发生", watched: "关注",
      untriaged: "收件箱待核实（未经确认）",
      model: "模型", provider: "服务商", dimension: "计费项", before: "原价", after: "现价",
      change: "变化", source: "来源", day: "日期", kind: "类型",
      pick: "添加模型", add: "添加", currency: "币种", asOf: "价格日期",
      monthBack: "− 1 个月", monthOn: "+ 1 个月", ratio: "输入 : 输出 混合比",
      input: "输入 / 百万", output: "输出 / 百万", blended: "混合 / 百万", unitPrice: "价格",
      unit: "单位", offering: "接口", noModels: "请在上方选择要比较的模型。",
      notVerified: "超过 30 天未核实", neverVerified: "从未核实",
      noPrice: "当日无价格", bars: "每百万 token 价格", history: "价格走势（每百万 token 混合价，按月）",
      ratesUntil: "汇率记录到 {d}，价格按该日显示。",
      groupBy: "分组", byKind: "类型", byCountry: "国家/地区", task: "任务", anyTask: "全部任务",
      openOnly: "仅开源权重", companies: "家公司", models: "个模型", noMatch: "没有符合条件的结果。",
      searchFor: "搜索公司、模型、产品和事件", searchHint: "至少 2 个字符，中英文均可。",
      results: "条结果", noResults: "没有找到。", perImage: "每张", perSecond: "每秒",
      error: "出错了", company: "公司", product: "产品", event: "事件",
    },
  };
  let lang = localStorage.getItem("lang") === "zh" ? "zh" : "en";
  const t = (key) => WORDS[lang][key] || WORDS.en[key] || key;
  const named = (x) => (x ? (lang === "zh" && x.nameZh ? x.nameZh : x.name) : "");
  const both = (x) => (x ? (x.nameZh && x.nameZh !== x.name ? `${x.name} · ${x.nameZh}` : x.name) : "");
  const titled = (e) => (lang === "zh" && e.titleZh ? e.titleZh : e.title);

  // ---------------------------------------------------------------- helpers
  const main = document.getElementById("main");
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const el = (html) => { const d = document.createElement("div"); d.innerHTML = html.trim(); return d.firstElementChild; };

  async function gql(query, variables) {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors && body.errors.length) {
      const err = new Error(body.errors.map((e) => e.message).join("; "));
      err.code = body.errors[0].extensions && body.errors[0].extensions.code;
      throw err;
    }
    return body.data;
  }

  function route() {
    const hash = location.hash.replace(/^#\/?/, "");
    const [view, query] = hash.split("?");
    return { view: view || "week", params: new URLSearchParams(query || "") };
  }
  function setParams(params) {
    const { view } = route();
    const text = params.toString();
    history.replaceState(null, "", `#/${view}${text ? "?" + text : ""}`);
  }
  function go(view, params) {
    const text = params ? params.toString() : "";
    location.hash = `#/${view}${text ? "?" + text : ""}`;
  }

  const iso = (d) => d.toISOString().slice(0, 10);
  const parseDay = (s) => new Date(s + "T00:00:00Z");
  const addDays = (s, n) => { const d = parseDay(s); d.setUTCDate(d.getUTCDate() + n); return iso(d); };
  const addMonths = (s, n) => { const d = parseDay(s); d.setUTCMonth(d.getUTCMonth() + n); return iso(d); };
  const monday = (s) => { const d = parseDay(s); const k = (d.getUTCDay() + 6) % 7; d.setUTCDate(d.getUTCDate() - k); return iso(d); };
  const today = () => iso(new Date());
  const money = (m) => (m ? `${Number(m.amount).toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 4 })} ${m.currency}` : "—");
  const stars = (n) => "★".repeat(n);

  function loading(node) { node.setAttribute("aria-busy", "true"); node.innerHTML = `<div class="state" role="status">${t("loading")}</div>`; }
  function failed(node, error, retry) {
    node.removeAttribute("aria-busy");
    node.innerHTML = `<div class="state error" role="alert"><strong>${t("error")}:</strong> ${esc(error.message)} <button type="button">${t("retry")}</button></div>`;
    node.querySelector("button").addEventListener("click", retry);
  }
  function ready(node) { node.removeAttribute("aria-busy"); node.dataset.state = "ready"; }

  /// A table with a CSV export of exactly its rows.
  function table(headers, rows, name) {
    const wrap = el(`<div><div class="table-wrap"><table><thead><tr>${headers.map((h) => `<th class="${h.num ? "num" : ""}" scope="col">${esc(h.label)}</th>`).join("")}</tr></thead><tbody></tbody></table></div><button type="button" class="csv">${t("csv")}</button></div>`);
    const body = wrap.querySelector("tbody");
    for (const row of rows) {
      const tr = document.createElement("tr");
      tr.innerHTML = row.cells.map((c, i) => `<td class="${headers[i].num ? "num" : ""}">${c.html ?? esc(c.text)}</td>`).join("");
      body.appendChild(tr);
    }
    wrap.querySelector(".csv").addEventListener("click", () => {
      const quote = (v) => `"${String(v ?? "").replace(/"/g, '""')}"`;
      const lines = [headers.map((h) => quote(h.label)).join(",")].concat(rows.map((r) => r.cells.map((c) => quote(c.text)).join(",")));
      const blob = new Blob(["\ufeff" + lines.join("\r\n")], { type: "text/csv;charset=utf-8" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${name}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    });
    return wrap;
  }

  // ---------------------------------------------------------------- this week
  const DIGEST = `query($from: Date!, $to: Date!) { digest(from: $from, to: $to) {
    from to headline notes eventCount
    events(first: 100) { watched event { slug occurredOn type title titleZh importance sourceUrls companies { company { name nameZh } } } }
    backfilled { slug occurredOn title titleZh sourceUrls }
    untriaged(first: 50) { title link publishedAt source { name } }
    priceChanges { kind on percentChange oldAmount { amount currency } newAmount { amount currency }
      price { dimension unit unitQuantity provenance { sourceUrl } offering { apiModelId provider { name nameZh } model { name nameZh } } product { name nameZh } } } } }`;

  async function weekView(params) {
    const from = monday(params.get("from") || today());
    main.innerHTML = `<div class="controls">
        <label>${t("week")}<input type="date" id="week-from" value="${from}"></label>
        <button type="button" id="week-prev">${t("prev")}</button><button type="button" id="week-next">${t("next")}</button></div>
      <section class="card" id="week-body"></section>`;
    const move = (day) => { params.set("from", monday(day)); setParams(params); render(); };
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
              <div><strong>${esc(titled(event))}</strong>${who ? ` — ${esc(who)}` : ""}</div><div>${links}</div></div></li>`));
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
          body.appendChild(el(`<h2>${t("untriaged")}</h2>`));
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

  // ---------------------------------------------------------------- prices
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
  function dropCharts() { while (charts.length) charts.pop().destroy(); }

  async function pricesView(params) {
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
      chip.querySelector("button").addEventListener("click", () => { params.set("models", slugs.filter((s) => s !== slug).join(",")); setParams(params); render(); });
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
      render();
    };
    main.querySelector("#model-add").addEventListener("click", add);
    pick.addEventListener("keydown", (e) => { if (e.key === "Enter") add(); });
    main.querySelector("#currency").addEventListener("change", (e) => { params.set("currency", e.target.value); setParams(params); render(); });
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
        const moveTo = (day) => { params.set("on", day); setParams(params); render(); };
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

  // ---------------------------------------------------------------- landscape grid
  const GRID = `query($after: String) { companies(first: 100, after: $after, orderBy: [{ field: NAME }]) { pageInfo { hasNextPage endCursor } nodes {
    slug name nameZh kind country
    models { slug name nameZh openWeights releaseDate tasks { slug } inputMediaTypes { slug name nameZh } outputMediaTypes { slug name nameZh } } } } }`;

  async function landscapeView(params) {
    const group = params.get("group") === "country" ? "country" : "kind";
    const task = params.get("task") || "";
    const open = params.get("open") === "1";
    main.innerHTML = `<div class="controls">
        <label>${t("groupBy")}<select id="group"><option value="kind" ${group === "kind" ? "selected" : ""}>${t("byKind")}</option><option value="country" ${group === "country" ? "selected" : ""}>${t("byCountry")}</option></select></label>
        <label>${t("task")}<select id="task"><option value="">${t("anyTask")}</option></select></label>
        <label class="inline"><span>&nbsp;</span><span><input type="checkbox" id="open" ${open ? "checked" : ""}> ${t("openOnly")}</span></label>
      </div><section id="grid-body"></section>`;
    const update = (key, value) => { if (value) params.set(key, value); else params.delete(key); setParams(params); render(); };
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
            const card = el(`<article class="card company" data-company="${esc(c.slug)}"><h3>${esc(both(c))}</h3><div class="meta">${esc(c.country || "")} · ${esc(c.kind)}</div><ul></ul></article>`);
            const list = card.querySelector("ul");
            for (const m of c.models) {
              const media = `${m.inputMediaTypes.map(named).join("+")} → ${m.outputMediaTypes.map(named).join("+")}`;
              list.appendChild(el(`<li data-model="${esc(m.slug)}">${esc(both(m))}${m.openWeights ? ' <span class="badge">open</span>' : ""} <span class="media">${esc(media)}</span></li>`));
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

  // ---------------------------------------------------------------- search
  const SEARCH = `query($q: String!) { search(query: $q, first: 50) { totalCount nodes { __typename
    ... on Company { slug name nameZh country kind }
    ... on Model { slug name nameZh company { name nameZh } }
    ... on Product { slug name nameZh aliases company { name nameZh } }
    ... on Event { slug title titleZh occurredOn sourceUrls } } } }`;

  async function searchView(params) {
    const q = params.get("q") || "";
    main.innerHTML = `<form class="controls" id="search-form" role="search">
        <label>${t("searchFor")}<input type="search" id="search-q" value="${esc(q)}" minlength="2" autocomplete="off"></label>
        <button type="submit">${t("nav.search")}</button></form>
      <p class="note">${t("searchHint")}</p><section class="card" id="search-body"></section>`;
    const input = main.querySelector("#search-q");
    main.querySelector("#search-form").addEventListener("submit", (e) => { e.preventDefault(); params.set("q", input.value.trim()); setParams(params); render().then(() => main.querySelector("#search-q").focus()); });
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
          list.appendChild(item);
        }
        body.appendChild(list);
        ready(body);
      } catch (error) { failed(body, error, load); }
    };
    await load();
  }

  // ---------------------------------------------------------------- shell
  const VIEWS = { week: weekView, prices: pricesView, landscape: landscapeView, search: searchView };
  function paintShell() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.title = t("title");
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    document.getElementById("lang").textContent = t("lang");
    const { view } = route();
    for (const a of document.querySelectorAll("nav a")) {
      if (a.dataset.view === view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    }
  }
  async function render() {
    dropCharts();
    paintShell();
    const { view, params } = route();
    main.dataset.view = view;
    main.dataset.route = location.hash;
    await (VIEWS[view] || weekView)(params);
  }
  document.getElementById("lang").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem("lang", lang);
    render();
  });
  // A new view takes the focus (for keyboard and screen-reader users) unless it gives it to
  // one of its own fields.
  window.addEventListener("hashchange", () => { main.focus(); render(); });
  render();
})();
