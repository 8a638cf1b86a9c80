//! The report as a document: blocks (title, headings, paragraphs, list items, tables) of
//! inline text and links, and `build`, which makes them from the digest query's data.

use serde_json::Value;

use crate::graphql::scalars::parse_date;

/// A piece of the report, rendered as Markdown or HTML.
pub(super) enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Item(Vec<Inline>),
    Table(Vec<String>, Vec<Vec<Inline>>),
}

pub(super) enum Inline {
    Text(String),
    Link(String, String),
}

pub(super) struct Words {
    pub(super) zh: bool,
}

impl Words {
    fn pick<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        if self.zh { zh } else { en }
    }

    /// The Chinese name when asked for and known, else the English one.
    fn name(&self, value: &Value, en: &str, zh: &str) -> String {
        let zh_name = value[zh].as_str().filter(|s| !s.is_empty());
        match (self.zh, zh_name) {
            (true, Some(name)) => name.to_owned(),
            _ => value[en].as_str().unwrap_or("").to_owned(),
        }
    }
}

fn source(url: Option<&str>) -> Inline {
    match url {
        Some(url) => Inline::Link("source".into(), url.to_owned()),
        None => Inline::Text("(no source)".into()),
    }
}

pub(super) fn build(data: &Value, w: &Words) -> Vec<Block> {
    let d = &data["digest"];
    // The window is [from, to); the title shows its last day.
    let last = d["to"]
        .as_str()
        .and_then(|t| parse_date(t).ok())
        .map(|t| (t - chrono::Duration::days(1)).to_string())
        .unwrap_or_default();
    let mut out = vec![Block::Title(format!(
        "{} {} – {last}",
        w.pick("AIGC landscape digest", "AIGC 行业周报"),
        d["from"].as_str().unwrap_or("")
    ))];
    if let Some(headline) = d["headline"].as_str() {
        out.push(Block::Para(format!("**{headline}**")));
    }
    if let Some(notes) = d["notes"].as_str() {
        out.push(Block::Para(notes.to_owned()));
    }
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();

    out.push(Block::Heading(w.pick("What happened", "本周动态").into()));
    let events = list(&d["events"]);
    if events.is_empty() {
        out.push(Block::Para(
            w.pick("Nothing recorded.", "暂无记录。").into(),
        ));
    }
    for e in events {
        let ev = &e["event"];
        let companies: Vec<String> = list(&ev["companies"])
            .iter()
            .map(|c| w.name(&c["company"], "name", "nameZh"))
            .collect();
        let mut line = vec![Inline::Text(format!(
            "{}{} · {} · {} ({}) — {} · ",
            if e["watched"] == true { "★ " } else { "" },
            ev["occurredOn"].as_str().unwrap_or(""),
            ev["type"].as_str().unwrap_or(""),
            w.name(ev, "title", "titleZh"),
            ev["importance"],
            companies.join(", ")
        ))];
        line.push(source(ev["sourceUrls"][0].as_str()));
        out.push(Block::Item(line));
    }

    let backfilled = list(&d["backfilled"]);
    if !backfilled.is_empty() {
        out.push(Block::Heading(
            w.pick(
                "Recorded this week, happened earlier",
                "本周补录（此前发生）",
            )
            .into(),
        ));
        for e in backfilled {
            out.push(Block::Item(vec![
                Inline::Text(format!(
                    "{} · {} · ",
                    e["occurredOn"].as_str().unwrap_or(""),
                    w.name(&e, "title", "titleZh")
                )),
                source(e["sourceUrls"][0].as_str()),
            ]));
        }
    }

    for (heading, key, date) in [
        (w.pick("New models", "新模型"), "newModels", "releaseDate"),
        (
            w.pick("New products", "新产品"),
            "newProducts",
            "launchDate",
        ),
    ] {
        let rows = list(&d[key]);
        if rows.is_empty() {
            continue;
        }
        out.push(Block::Heading(heading.into()));
        for r in rows {
            out.push(Block::Item(vec![
                Inline::Text(format!(
                    "{} · {} ({}) · ",
                    r[date].as_str().unwrap_or(""),
                    w.name(&r, "name", "nameZh"),
                    w.name(&r["company"], "name", "nameZh")
                )),
                source(r["provenance"]["sourceUrl"].as_str()),
            ]));
        }
    }

    let changes = list(&d["priceChanges"]);
    if !changes.is_empty() {
        out.push(Block::Heading(w.pick("Price changes", "价格变动").into()));
        let headers = [
            w.pick("Day", "日期"),
            w.pick("Vendor", "厂商"),
            w.pick("Model", "模型"),
            w.pick("What", "计费项"),
            w.pick("Old", "原价"),
            w.pick("New", "新价"),
            w.pick("Old (CNY)", "原价（元）"),
            w.pick("New (CNY)", "新价（元）"),
            w.pick("Change", "变化"),
            w.pick("Source", "来源"),
        ]
        .map(str::to_owned)
        .to_vec();
        let rows = changes
            .iter()
            .map(|c| {
                let p = &c["price"];
                let (vendor, model) = if p["offering"].is_object() {
                    (
                        w.name(&p["offering"]["provider"], "name", "nameZh"),
                        w.name(&p["offering"]["model"], "name", "nameZh"),
                    )
                } else {
                    (w.name(&p["product"], "name", "nameZh"), String::new())
                };
                let unit = format!(
                    "per {} {}",
                    p["unitQuantity"],
                    p["unit"].as_str().unwrap_or("").to_lowercase()
                );
                let money = |m: &Value| match (m["amount"].as_str(), m["currency"].as_str()) {
                    (Some(a), Some(c)) => format!("{a} {c} {unit}"),
                    (Some(a), None) => a.to_owned(),
                    _ => "—".into(),
                };
                let kind = c["kind"].as_str().unwrap_or("");
                vec![
                    Inline::Text(c["on"].as_str().unwrap_or("").to_owned()),
                    Inline::Text(vendor),
                    Inline::Text(model),
                    Inline::Text(format!(
                        "{}{}",
                        p["dimension"].as_str().unwrap_or(""),
                        if kind == "CORRECTION" {
                            " (correction)"
                        } else {
                            ""
                        }
                    )),
                    Inline::Text(money(&c["oldAmount"])),
                    Inline::Text(money(&c["newAmount"])),
                    Inline::Text(money(&c["oldAmountIn"])),
                    Inline::Text(money(&c["newAmountIn"])),
                    Inline::Text(
                        c["percentChange"]
                            .as_str()
                            .map(|p| format!("{p}%"))
                            .unwrap_or_else(|| kind.to_lowercase()),
                    ),
                    source(p["provenance"]["sourceUrl"].as_str()),
                ]
            })
            .collect();
        out.push(Block::Table(headers, rows));
    }

    let filings = list(&d["newFilings"]);
    if !filings.is_empty() {
        out.push(Block::Heading(w.pick("New filings", "新增备案").into()));
        for f in filings {
            out.push(Block::Item(vec![
                Inline::Text(format!(
                    "{} · {} · {} ({}) · ",
                    f["announcedOn"].as_str().unwrap_or(""),
                    f["filingNumber"].as_str().unwrap_or(""),
                    f["algorithmName"].as_str().unwrap_or(""),
                    w.name(&f["company"], "name", "nameZh")
                )),
                source(f["provenance"]["sourceUrl"].as_str()),
            ]));
        }
    }
    let untriaged = list(&d["untriaged"]);
    if !untriaged.is_empty() {
        out.push(Block::Heading(
            w.pick(
                "In the inbox, not yet checked (unverified)",
                "收件箱待核实（未经确认）",
            )
            .into(),
        ));
        for item in untriaged {
            let from = item["source"]["name"]
                .as_str()
                .or(item["proposedBy"].as_str())
                .unwrap_or("");
            let day = item["publishedAt"]
                .as_str()
                .map(|d| &d[..d.len().min(10)])
                .unwrap_or("");
            let mut line = vec![Inline::Text(format!(
                "{day} · {} · {from} · ",
                item["title"].as_str().unwrap_or("")
            ))];
            line.push(source(item["link"].as_str()));
            out.push(Block::Item(line));
        }
    }
    out
}
