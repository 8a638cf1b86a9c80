//! `GET /reports/digest.md` and `GET /reports/digest.html`: the weekly digest as a document
//! to paste into a mail or a chat tool. Built from the public GraphQL `digest` query, run as
//! the caller, so it shows exactly what the API shows them.

mod document;
mod html;
mod markdown;

use axum::{
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use serde_json::{Value, json};

use self::{
    document::{Block, Words, build},
    html::html,
    markdown::markdown,
};
use crate::{
    auth::{
        Caller,
        caller::{self, Anonymous},
    },
    graphql::scalars::parse_date,
    state::AppState,
};

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
    let caller = caller::caller(
        &state.auth,
        state.database(false),
        headers,
        Anonymous::AsConfigured,
    )
    .await
    .map_err(|refusal| (refusal.status, refusal.message().to_owned()).into_response())?;
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
