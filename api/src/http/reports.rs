//! `GET /reports/digest.md` and `GET /reports/digest.html`: the weekly digest as a document
//! to paste into a mail or a chat tool. Built from the public GraphQL `digest` query, run as
//! the caller, so it shows exactly what the API shows them.

use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{auth::Caller, graphql::scalars::parse_date, state::AppState};

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD&lang=zh|en`, all optional.
#[derive(Deserialize)]
pub struct Params {
    from: Option<String>,
    to: Option<String>,
    lang: Option<String>,
}

const QUERY: &str = r#"query($from: Date, $to: Date) { digest(from: $from, to: $to) {
  from to headline notes
  events { watched event { occurredOn type title titleZh importance sourceUrls companies { company { name nameZh } } } }
  backfilled { occurredOn recordedOn title titleZh sourceUrls }
  newModels { name nameZh releaseDate company { name nameZh } provenance { sourceUrl } }
  newProducts { name nameZh launchDate url company { name nameZh } provenance { sourceUrl } }
  priceChanges { kind on percentChange oldAmount { amount currency } newAmount { amount currency }
    oldAmountIn(currency: "CNY") { amount } newAmountIn(currency: "CNY") { amount }
    price { dimension unit unitQuantity provenance { sourceUrl }
      offering { apiModelId provider { name nameZh } model { name nameZh } } product { name nameZh } } }
  newFilings { filingNumber algorithmName announcedOn company { name nameZh } provenance { sourceUrl } }
  untriaged(first: 50) { title link publishedAt source { name } proposedBy }
} }"#;

/// A piece of the report, rendered as Markdown or HTML.
enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Item(Vec<Inline>),
    Table(Vec<String>, Vec<Vec<Inline>>),
}

enum Inline {
    Text(String),
    Link(String, String),
}

struct Words {
    zh: bool,
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

fn build(data: &Value, w: &Words) -> Vec<Block> {
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

fn md_inline(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(t) => t.replace('|', "\\|"),
            Inline::Link(label, url) => format!("[{label}]({url})"),
        })
        .collect()
}

fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(t) => out.push_str(&format!("# {t}\n\n")),
            Block::Heading(t) => out.push_str(&format!("\n## {t}\n\n")),
            Block::Para(t) => out.push_str(&format!("{t}\n\n")),
            Block::Item(parts) => out.push_str(&format!("- {}\n", md_inline(parts))),
            Block::Table(headers, rows) => {
                out.push_str(&format!("| {} |\n", headers.join(" | ")));
                out.push_str(&format!("|{}\n", " --- |".repeat(headers.len())));
                for row in rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| md_inline(std::slice::from_ref(c)))
                        .collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
            }
        }
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html_inline(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(t) => escape(t),
            Inline::Link(label, url) => {
                format!("<a href=\"{}\">{}</a>", escape(url), escape(label))
            }
        })
        .collect()
}

fn html(blocks: &[Block], zh: bool) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for b in blocks {
        let is_item = matches!(b, Block::Item(_));
        if in_list && !is_item {
            body.push_str("</ul>\n");
            in_list = false;
        }
        match b {
            Block::Title(t) => body.push_str(&format!("<h1>{}</h1>\n", escape(t))),
            Block::Heading(t) => body.push_str(&format!("<h2>{}</h2>\n", escape(t))),
            Block::Para(t) => body.push_str(&format!("<p>{}</p>\n", escape(&t.replace("**", "")))),
            Block::Item(parts) => {
                if !in_list {
                    body.push_str("<ul>\n");
                    in_list = true;
                }
                body.push_str(&format!("<li>{}</li>\n", html_inline(parts)));
            }
            Block::Table(headers, rows) => {
                body.push_str("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n<tr>");
                for h in headers {
                    body.push_str(&format!("<th>{}</th>", escape(h)));
                }
                body.push_str("</tr>\n");
                for row in rows {
                    body.push_str("<tr>");
                    for cell in row {
                        body.push_str(&format!(
                            "<td>{}</td>",
                            html_inline(std::slice::from_ref(cell))
                        ));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</table>\n");
            }
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>digest</title></head>\n<body style=\"font-family: sans-serif\">\n{body}</body></html>\n",
        if zh { "zh" } else { "en" }
    )
}

/// Runs the digest query for the caller and builds the report's blocks.
async fn report(
    state: &AppState,
    headers: &HeaderMap,
    params: &Params,
) -> Result<(Vec<Block>, bool), Response> {
    let bad = |message: String| (StatusCode::BAD_REQUEST, message).into_response();
    let zh = match params.lang.as_deref() {
        None | Some("en") => false,
        Some("zh") => true,
        Some(other) => return Err(bad(format!("lang `{other}` is not offered: use zh or en"))),
    };
    let mut variables = json!({});
    for (name, value) in [("from", &params.from), ("to", &params.to)] {
        if let Some(value) = value {
            parse_date(value).map_err(|e| bad(format!("{name}: {e}")))?;
            variables[name] = json!(value);
        }
    }
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let caller = state
        .auth
        .authenticate(state.database(false), authorization)
        .await
        .map_err(|e| (StatusCode::UNAUTHORIZED, e.message().to_owned()).into_response())?;
    if caller == Caller::Anonymous && !state.auth.anonymous_reads {
        return Err((
            StatusCode::UNAUTHORIZED,
            "sign in: this server does not answer anonymous reads",
        )
            .into_response());
    }
    let blocks = blocks_for(state, caller, variables, zh)
        .await
        .map_err(bad)?;
    Ok((blocks, zh))
}

/// The digest of [from, to) as `caller` sees it, as blocks; the GraphQL refusal in words.
async fn blocks_for(
    state: &AppState,
    caller: Caller,
    variables: Value,
    zh: bool,
) -> Result<Vec<Block>, String> {
    let data = state
        .query_as(caller, QUERY, variables)
        .await
        .map_err(|refused| refused.message)?;
    Ok(build(&data, &Words { zh }))
}

/// The digest of [from, to) as Markdown, as `caller` sees it (the agents' `weekly_digest`).
pub async fn markdown_for(
    state: &AppState,
    caller: Caller,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    zh: bool,
) -> Result<String, String> {
    let variables = json!({ "from": from.to_string(), "to": to.to_string() });
    Ok(markdown(&blocks_for(state, caller, variables, zh).await?))
}

/// `GET /reports/digest.md`.
pub async fn digest_markdown(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    match report(&state, &headers, &params).await {
        Ok((blocks, _)) => (
            [(header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
            markdown(&blocks),
        )
            .into_response(),
        Err(refused) => refused,
    }
}

/// `GET /reports/digest.html`: survives pasting into a mail or a chat tool.
pub async fn digest_html(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    match report(&state, &headers, &params).await {
        Ok((blocks, zh)) => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html(&blocks, zh),
        )
            .into_response(),
        Err(refused) => refused,
    }
}
