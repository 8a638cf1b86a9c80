//! `GET /feeds/events.atom` and `GET /feeds/price-changes.atom`: Atom 1.0 feeds of the
//! recorded events and of the price changes of the last 90 days, newest first, for a feed
//! reader or a chat tool's RSS bot. Built from the public GraphQL API run as the caller, so
//! they show what the API shows them.
//!
//! Filters (query parameters): `company` (slugs, comma-separated), `type` (event types),
//! `watched=true` (the team's watched companies — team-only, so it needs a viewer token),
//! `minImportance` (1–5), `lang=zh` (Chinese titles where known). The caller is the
//! `Authorization: Bearer` token, or — since a feed reader cannot send headers — `?token=`
//! with a feeds-only API token (`issueToken(input: { scope: FEEDS })`), never a login token.
//! Each entry has a stable id (the record's global id), `updated` from the record, a link to
//! the record's view on the landscape page and links to its sources. The `ETag` is a hash of
//! the document; `If-None-Match` with it answers 304.

use std::collections::BTreeSet;

use atom_syndication::{Entry, Feed, Link, Person, Text};
use axum::{
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use entities::{EventType, Role, company};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::{auth::Caller, state::AppState};

/// The query parameters of both feeds.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Params {
    company: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    watched: Option<bool>,
    min_importance: Option<i32>,
    lang: Option<String>,
    token: Option<String>,
}

/// Entries per feed.
const ENTRIES: usize = 50;
/// How far back the price-change feed reaches.
const PRICE_DAYS: i64 = 90;

const EVENTS: &str = r#"query($filter: EventFilter) {
  events(filter: $filter, orderBy: [{ field: OCCURRED_ON, direction: DESC }], first: 50) {
    nodes { id slug occurredOn type title titleZh summary summaryZh importance sourceUrls updatedAt
      companies { company { slug name nameZh } } } } }"#;

const CHANGES: &str = r#"query($from: Date!, $to: Date!) {
  priceChanges(from: $from, to: $to, currency: "CNY") { kind on percentChange
    oldAmount { amount currency } newAmount { amount currency } newAmountIn(currency: "CNY") { amount currency }
    price { id dimension unit unitQuantity updatedAt provenance { sourceUrl }
      offering { apiModelId provider { slug name nameZh } model { slug name nameZh company { slug } } }
      product { slug name nameZh company { slug } } } } }"#;

fn refuse(status: StatusCode, message: impl Into<String>) -> Response {
    let mut response = (status, message.into()).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"aigc-landscape\""),
        );
    }
    response
}

/// The caller, and the refusals common to both feeds.
async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    params: &Params,
) -> Result<Caller, Response> {
    let db = state.database(false);
    let caller = match &params.token {
        Some(token) => state.auth.authenticate_feed_token(db, token).await,
        None => {
            let authorization = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok());
            state.auth.authenticate(db, authorization).await
        }
    }
    .map_err(|e| refuse(StatusCode::UNAUTHORIZED, e.message()))?;
    if caller == Caller::Anonymous && !state.auth.anonymous_reads {
        return Err(refuse(
            StatusCode::UNAUTHORIZED,
            "this server does not answer anonymous reads: add ?token= with a feeds-only token (issueToken with scope: FEEDS)",
        ));
    }
    if params.watched == Some(true) && !caller.has(Role::Viewer) {
        return Err(refuse(
            StatusCode::UNAUTHORIZED,
            "watched=true is team-only: add ?token= with a feeds-only viewer token",
        ));
    }
    if params
        .lang
        .as_deref()
        .is_some_and(|l| l != "zh" && l != "en")
    {
        return Err(refuse(StatusCode::BAD_REQUEST, "lang takes zh or en"));
    }
    if params.min_importance.is_some_and(|i| !(1..=5).contains(&i)) {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "minImportance takes 1 to 5",
        ));
    }
    Ok(caller)
}

/// The companies the filters leave: `company=` slugs, narrowed to the watched ones with
/// `watched=true`; `None` for no company filter.
async fn companies(
    state: &AppState,
    params: &Params,
) -> Result<Option<BTreeSet<String>>, Response> {
    let given: Option<BTreeSet<String>> = params.company.as_deref().map(|c| {
        c.split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    });
    if params.watched != Some(true) {
        return Ok(given);
    }
    let watched: BTreeSet<String> = company::Entity::find()
        .filter(company::Column::Watched.eq(true))
        .filter(company::Column::DeletedAt.is_null())
        .all(state.database(false))
        .await
        .map_err(|e| {
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot read the watch list: {e}"),
            )
        })?
        .into_iter()
        .map(|c| c.slug)
        .collect();
    Ok(Some(match given {
        Some(given) => given.intersection(&watched).cloned().collect(),
        None => watched,
    }))
}

async fn run(
    state: &AppState,
    caller: Caller,
    query: &str,
    variables: Value,
) -> Result<Value, Response> {
    state
        .query_as(caller, query, variables)
        .await
        .map_err(|refused| refuse(StatusCode::BAD_REQUEST, refused.message))
}

/// The service's public address, for links.
fn base(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.http.public_url {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}")
}

fn stamp(value: &Value) -> DateTime<FixedOffset> {
    value
        .as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .unwrap_or_else(|| DateTime::<Utc>::UNIX_EPOCH.fixed_offset())
}

fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

fn link(href: String, rel: &str, title: Option<&str>) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_title(title.map(str::to_owned));
    l
}

fn text_in<'a>(value: &'a Value, en: &str, zh: &str, lang_zh: bool) -> &'a str {
    let chinese = value[zh].as_str().filter(|s| !s.is_empty());
    match (lang_zh, chinese) {
        (true, Some(z)) => z,
        _ => value[en].as_str().unwrap_or(""),
    }
}

/// The document, with its ETag, or 304 when the reader has it already.
fn answer(feed: Feed, headers: &HeaderMap) -> Response {
    let body = feed.to_string();
    let etag = format!(
        "\"{}\"",
        &hex::encode(Sha256::digest(body.as_bytes()))[..32]
    );
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim().trim_start_matches("W/") == etag)
        });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{body}"),
        )
            .into_response()
    };
    let h = response.headers_mut();
    h.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).expect("hex is a header value"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

fn feed(id: String, title: &str, self_link: String, base: &str, entries: Vec<Entry>) -> Feed {
    let mut feed = Feed::default();
    feed.set_id(id);
    feed.set_title(Text::plain(title));
    feed.set_updated(
        entries
            .iter()
            .map(|e| *e.updated())
            .max()
            .unwrap_or_else(|| DateTime::<Utc>::UNIX_EPOCH.fixed_offset()),
    );
    let mut author = Person::default();
    author.set_name("aigc-landscape");
    author.set_uri(Some(format!("{base}/")));
    feed.set_authors(vec![author]);
    feed.set_links(vec![
        link(self_link, "self", None),
        link(format!("{base}/"), "alternate", None),
    ]);
    feed.set_entries(entries);
    feed
}

/// The query string of this request, for the feed's `self` link (without the token).
fn self_link(base: &str, path: &str, params: &Params) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("company", params.company.clone()),
        ("type", params.event_type.clone()),
        ("watched", params.watched.map(|w| w.to_string())),
        (
            "minImportance",
            params.min_importance.map(|i| i.to_string()),
        ),
        ("lang", params.lang.clone()),
    ] {
        if let Some(v) = v {
            parts.push(format!(
                "{k}={}",
                url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
            ));
        }
    }
    let query = if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    };
    format!("{base}{path}{query}")
}

/// `GET /feeds/events.atom`.
pub async fn events(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    let caller = match caller(&state, &headers, &params).await {
        Ok(c) => c,
        Err(refused) => return refused,
    };
    let types: Option<Vec<String>> = match &params.event_type {
        None => None,
        Some(list) => {
            let mut types = Vec::new();
            for t in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                let t = t.to_uppercase();
                if !EventType::NAMES.contains(&t.as_str()) {
                    return refuse(
                        StatusCode::BAD_REQUEST,
                        format!(
                            "type `{t}` is not an event type; use one of: {}",
                            EventType::NAMES.join(", ")
                        ),
                    );
                }
                types.push(t);
            }
            Some(types)
        }
    };
    let companies = match companies(&state, &params).await {
        Ok(c) => c,
        Err(refused) => return refused,
    };
    if companies.as_ref().is_some_and(|c| c.is_empty()) {
        let base = base(&state, &headers);
        let title = "AIGC landscape: events";
        return answer(
            feed(
                "urn:aigc-landscape:feeds:events".into(),
                title,
                self_link(&base, "/feeds/events.atom", &params),
                &base,
                vec![],
            ),
            &headers,
        );
    }
    let filter =
        json!({ "types": types, "companies": companies, "minImportance": params.min_importance });
    let data = match run(&state, caller, EVENTS, json!({ "filter": filter })).await {
        Ok(d) => d,
        Err(refused) => return refused,
    };
    let zh = params.lang.as_deref() == Some("zh");
    let base = base(&state, &headers);
    let entries = data["events"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .take(ENTRIES)
        .map(|e| {
            let mut entry = Entry::default();
            entry.set_id(format!(
                "urn:aigc-landscape:{}",
                e["id"].as_str().unwrap_or("")
            ));
            let who: Vec<String> = e["companies"]
                .as_array()
                .map(|cs| {
                    cs.iter()
                        .map(|c| text_in(&c["company"], "name", "nameZh", zh).to_owned())
                        .collect()
                })
                .unwrap_or_default();
            entry.set_title(Text::plain(text_in(e, "title", "titleZh", zh)));
            entry.set_updated(stamp(&e["updatedAt"]));
            let day = e["occurredOn"]
                .as_str()
                .and_then(|d| d.parse::<NaiveDate>().ok());
            if let Some(day) = day {
                entry.set_published(day.and_hms_opt(0, 0, 0).map(|t| t.and_utc().fixed_offset()));
            }
            let summary = text_in(e, "summary", "summaryZh", zh);
            let kind = e["type"].as_str().unwrap_or("");
            let line = format!(
                "{} · {kind} · importance {}{}{}",
                e["occurredOn"].as_str().unwrap_or(""),
                e["importance"],
                if who.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", who.join(", "))
                },
                if summary.is_empty() {
                    String::new()
                } else {
                    format!("\n{summary}")
                },
            );
            entry.set_summary(Some(Text::plain(line)));
            let mut links = vec![link(
                format!(
                    "{base}/#/week?from={}",
                    day.map(monday).map(|d| d.to_string()).unwrap_or_default()
                ),
                "alternate",
                Some("on the landscape page"),
            )];
            for url in e["sourceUrls"].as_array().cloned().unwrap_or_default() {
                if let Some(url) = url.as_str() {
                    links.push(link(url.to_owned(), "related", Some("source")));
                }
            }
            entry.set_links(links);
            entry
        })
        .collect();
    let title = if zh {
        "AIGC 产业动态"
    } else {
        "AIGC landscape: events"
    };
    answer(
        feed(
            "urn:aigc-landscape:feeds:events".into(),
            title,
            self_link(&base, "/feeds/events.atom", &params),
            &base,
            entries,
        ),
        &headers,
    )
}

/// `GET /feeds/price-changes.atom`.
pub async fn price_changes(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    let caller = match caller(&state, &headers, &params).await {
        Ok(c) => c,
        Err(refused) => return refused,
    };
    if params.event_type.is_some() || params.min_importance.is_some() {
        return refuse(
            StatusCode::BAD_REQUEST,
            "type and minImportance filter events.atom; price-changes.atom takes company, watched and lang",
        );
    }
    let companies = match companies(&state, &params).await {
        Ok(c) => c,
        Err(refused) => return refused,
    };
    let today = crate::clock::today();
    let variables = json!({ "from": (today - Duration::days(PRICE_DAYS)).to_string(), "to": (today + Duration::days(1)).to_string() });
    let data = match run(&state, caller, CHANGES, variables).await {
        Ok(d) => d,
        Err(refused) => return refused,
    };
    let zh = params.lang.as_deref() == Some("zh");
    let base = base(&state, &headers);
    let mut changes = data["priceChanges"].as_array().cloned().unwrap_or_default();
    changes.retain(|c| {
        let p = &c["price"];
        let owners = [
            p["offering"]["provider"]["slug"].as_str(),
            p["offering"]["model"]["company"]["slug"].as_str(),
            p["product"]["company"]["slug"].as_str(),
        ];
        companies
            .as_ref()
            .is_none_or(|set| owners.iter().flatten().any(|o| set.contains(*o)))
    });
    changes.sort_by(|a, b| {
        b["on"]
            .as_str()
            .cmp(&a["on"].as_str())
            .then(b["price"]["id"].as_str().cmp(&a["price"]["id"].as_str()))
    });
    let entries = changes
        .iter()
        .take(ENTRIES)
        .map(|c| {
            let p = &c["price"];
            let (who, what, slug) = match p["offering"].is_object() {
                true => (
                    text_in(&p["offering"]["provider"], "name", "nameZh", zh).to_owned(),
                    text_in(&p["offering"]["model"], "name", "nameZh", zh).to_owned(),
                    p["offering"]["model"]["slug"]
                        .as_str()
                        .unwrap_or("")
                        .to_owned(),
                ),
                false => (
                    String::new(),
                    text_in(&p["product"], "name", "nameZh", zh).to_owned(),
                    String::new(),
                ),
            };
            let money = |m: &Value| {
                format!(
                    "{} {}",
                    m["amount"].as_str().unwrap_or("—"),
                    m["currency"].as_str().unwrap_or("")
                )
            };
            let unit = format!(
                "per {} {}",
                p["unitQuantity"],
                p["unit"].as_str().unwrap_or("").to_lowercase()
            );
            let old = if c["oldAmount"].is_object() {
                money(&c["oldAmount"])
            } else {
                if zh { "新价格".into() } else { "new".into() }
            };
            let yuan = if c["newAmountIn"].is_object() && c["newAmount"]["currency"] != "CNY" {
                format!(" (≈ {})", money(&c["newAmountIn"]))
            } else {
                String::new()
            };
            let pct = c["percentChange"]
                .as_str()
                .map(|p| format!(", {p}%"))
                .unwrap_or_default();
            let title = format!(
                "{who} {what} {}: {old} → {}{yuan} {unit}{pct}",
                p["dimension"].as_str().unwrap_or(""),
                money(&c["newAmount"])
            )
            .trim()
            .to_owned();
            let mut entry = Entry::default();
            entry.set_id(format!(
                "urn:aigc-landscape:{}:{}",
                p["id"].as_str().unwrap_or(""),
                c["kind"].as_str().unwrap_or("").to_lowercase()
            ));
            entry.set_title(Text::plain(title));
            entry.set_updated(stamp(&p["updatedAt"]));
            let day = c["on"].as_str().and_then(|d| d.parse::<NaiveDate>().ok());
            entry.set_published(
                day.and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|t| t.and_utc().fixed_offset()),
            );
            entry.set_summary(Some(Text::plain(format!(
                "{} · {}",
                c["on"].as_str().unwrap_or(""),
                c["kind"].as_str().unwrap_or("")
            ))));
            let mut links = vec![link(
                format!(
                    "{base}/#/prices?models={slug}&currency=CNY&on={}",
                    c["on"].as_str().unwrap_or("")
                ),
                "alternate",
                Some("on the landscape page"),
            )];
            if let Some(url) = p["provenance"]["sourceUrl"].as_str() {
                links.push(link(url.to_owned(), "related", Some("source")));
            }
            entry.set_links(links);
            entry
        })
        .collect();
    let title = if zh {
        "AIGC 价格变动"
    } else {
        "AIGC landscape: price changes"
    };
    answer(
        feed(
            "urn:aigc-landscape:feeds:price-changes".into(),
            title,
            self_link(&base, "/feeds/price-changes.atom", &params),
            &base,
            entries,
        ),
        &headers,
    )
}
