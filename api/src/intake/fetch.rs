//! Fetching sources: one HTTP GET per source through the guarded client, with no
//! transaction open meanwhile; then one short transaction per source that stores its new
//! items (insert-or-ignore under their unique keys, so a manual fetch racing the background
//! task stores each item once) and its fetch state. A failing source records its error and
//! backs off; it never stops the others and never touches items already stored. A fetch
//! stopped half way (killed, timed out) has written nothing for that source.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use entities::{InboxStatus, StringList, inbox_item, inbox_match, source};
use reqwest::header::{self, HeaderMap, HeaderValue};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TryInsertResult,
    sea_query::OnConflict,
};

use super::{
    classify,
    feed::{self, Entry},
    matcher::Matcher,
    text,
};
use crate::{metrics::Metrics, outbound::OutboundClient, service::editing::begin};

/// A source's first fetch marks NEW only what was published in these last days; older
/// entries (and undated ones) are stored DISMISSED, so following a blog does not flood the
/// inbox with its archive.
pub const FIRST_FETCH_DAYS: i64 = 14;
/// Near-identical titles within this many days mark an item `duplicateOf` the earlier one.
pub const DUPLICATE_WINDOW_DAYS: i64 = 30;
/// The first back-off after a failure; it doubles with each further failure up to a day.
pub const BACKOFF_MINUTES: i64 = 5;

/// What the service needs to fetch: the guarded client, and the metrics to count into.
#[derive(Clone)]
pub struct Intake {
    pub client: OutboundClient,
    pub metrics: Option<Arc<Metrics>>,
}

/// How one source's fetch went.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub source_id: i64,
    pub new_items: usize,
    pub error: Option<String>,
}

/// Fetches the live sources `ids` (every enabled one when `None`). `due_only` skips the
/// sources still backing off after failures (the background task); a person asking to fetch
/// now gets the fetch.
pub async fn fetch_sources(
    db: &DatabaseConnection,
    intake: &Intake,
    ids: Option<&[i64]>,
    due_only: bool,
) -> Result<Vec<Outcome>, DbErr> {
    let mut select = source::Entity::find().filter(source::Column::DeletedAt.is_null());
    select = match ids {
        Some(ids) => select.filter(source::Column::Id.is_in(ids.iter().copied())),
        None => select.filter(source::Column::Enabled.eq(true)),
    };
    let now = Utc::now();
    // In the order they were added, the same on both databases: of two feeds carrying one
    // post, the older source keeps it.
    let sources: Vec<source::Model> = select
        .order_by_asc(source::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|s| !due_only || s.next_fetch_after.is_none_or(|t| t <= now))
        .collect();
    if sources.is_empty() {
        return Ok(Vec::new());
    }
    let matcher = Matcher::load(db).await?;
    let mut outcomes = Vec::new();
    for s in &sources {
        let outcome = fetch_one(db, intake, &matcher, s).await?;
        if let Some(metrics) = &intake.metrics {
            metrics.fetch(if outcome.error.is_some() {
                "error"
            } else {
                "ok"
            });
        }
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

async fn fetch_one(
    db: &DatabaseConnection,
    intake: &Intake,
    matcher: &Matcher,
    s: &source::Model,
) -> Result<Outcome, DbErr> {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ACCEPT,
        HeaderValue::from_static(
            "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8",
        ),
    );
    for (name, value) in [
        (header::IF_NONE_MATCH, &s.etag),
        (header::IF_MODIFIED_SINCE, &s.last_modified),
    ] {
        if let Some(value) = value.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(name, value);
        }
    }
    let metrics = intake.metrics.as_deref();
    let answer = intake.client.get(&s.feed_url, headers).await;
    let now = Utc::now();
    let fetched = match answer {
        Ok(fetched) => fetched,
        Err(e) => return failed(db, s, now, e.to_string()).await,
    };
    let validators = |f: &crate::outbound::Fetched| {
        let get = |h: header::HeaderName| {
            f.headers
                .get(h)
                .and_then(|v| v.to_str().ok())
                .map(|v| text::cut(v, 200))
        };
        (get(header::ETAG), get(header::LAST_MODIFIED))
    };
    if fetched.status == reqwest::StatusCode::NOT_MODIFIED {
        let (etag, modified) = validators(&fetched);
        let (etag, modified) = (
            etag.or(s.etag.clone()),
            modified.or(s.last_modified.clone()),
        );
        return store(db, s, now, Vec::new(), matcher, etag, modified, metrics).await;
    }
    if !fetched.status.is_success() {
        return failed(
            db,
            s,
            now,
            format!("HTTP {} from {}", fetched.status, fetched.url),
        )
        .await;
    }
    let content_type = fetched
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match feed::parse(&fetched.body, content_type.as_deref()) {
        Ok(entries) => {
            let (etag, modified) = validators(&fetched);
            store(db, s, now, entries, matcher, etag, modified, metrics).await
        }
        Err(e) => failed(db, s, now, e).await,
    }
}

/// Records a failure: the error, and when to try again.
async fn failed(
    db: &DatabaseConnection,
    s: &source::Model,
    now: DateTime<Utc>,
    error: String,
) -> Result<Outcome, DbErr> {
    let failures = s.failure_count.saturating_add(1);
    let backoff = Duration::minutes(BACKOFF_MINUTES * 2i64.pow(failures.clamp(1, 10) as u32 - 1))
        .min(Duration::days(1));
    let error = text::cut(&error, 500);
    tracing::warn!(source = %s.slug, %error, "fetch failed");
    source::Entity::update_many()
        .col_expr(source::Column::LastFetchedAt, Some(now).into())
        .col_expr(source::Column::LastError, Some(error.clone()).into())
        .col_expr(source::Column::FailureCount, failures.into())
        .col_expr(source::Column::NextFetchAfter, Some(now + backoff).into())
        .filter(source::Column::Id.eq(s.id))
        .exec(db)
        .await?;
    Ok(Outcome {
        source_id: s.id,
        new_items: 0,
        error: Some(error),
    })
}

/// Stores the new entries of one fetch and the source's state, in one transaction.
#[allow(clippy::too_many_arguments)]
async fn store(
    db: &DatabaseConnection,
    s: &source::Model,
    now: DateTime<Utc>,
    entries: Vec<Entry>,
    matcher: &Matcher,
    etag: Option<String>,
    last_modified: Option<String>,
    metrics: Option<&Metrics>,
) -> Result<Outcome, DbErr> {
    let first_fetch = s.last_success_at.is_none();
    let txn = begin(db).await?;
    let mut new_items = 0;
    let mut stored = Vec::new();
    let mut fresh: Vec<serde_json::Value> = Vec::new();
    // Newest first, undated last: within one fetch the inbox lists by id, lowest first.
    let mut entries = entries;
    entries.sort_by_key(|e| std::cmp::Reverse(e.published));
    for entry in entries {
        let status = if first_fetch
            && entry
                .published
                .is_none_or(|p| p < now - Duration::days(FIRST_FETCH_DAYS))
        {
            InboxStatus::Dismissed
        } else {
            InboxStatus::New
        };
        if insert(
            &txn,
            Some(s.id),
            s.company_id,
            &entry,
            status,
            now,
            matcher,
            None,
        )
        .await?
        .is_some()
        {
            new_items += 1;
            stored.push(status);
            if status == InboxStatus::New {
                fresh.push(serde_json::json!({ "title": entry.title, "link": entry.link }));
            }
        }
    }
    // One summary per fetch for the webhooks that follow the inbox, in this transaction.
    if !fresh.is_empty() {
        let company = match s.company_id {
            Some(id) => entities::company::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .map(|c| c.slug),
            None => None,
        };
        let payload = serde_json::json!({
            "source": s.name,
            "sourceSlug": s.slug,
            "count": fresh.len(),
            "items": fresh.iter().take(10).collect::<Vec<_>>(),
        });
        crate::notify::outbox::record(
            &txn,
            entities::WebhookTopic::InboxItemAdded,
            payload,
            company.into_iter().collect(),
            None,
        )
        .await?;
    }
    let item_count = inbox_item::Entity::find()
        .filter(inbox_item::Column::SourceId.eq(s.id))
        .count(&txn)
        .await?;
    source::Entity::update_many()
        .col_expr(source::Column::LastFetchedAt, Some(now).into())
        .col_expr(source::Column::LastSuccessAt, Some(now).into())
        .col_expr(source::Column::LastError, Option::<String>::None.into())
        .col_expr(source::Column::FailureCount, 0.into())
        .col_expr(
            source::Column::NextFetchAfter,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(
            source::Column::ItemCount,
            (item_count.min(i32::MAX as u64) as i32).into(),
        )
        .col_expr(source::Column::Etag, etag.into())
        .col_expr(source::Column::LastModified, last_modified.into())
        .filter(source::Column::Id.eq(s.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    if let Some(metrics) = metrics {
        for status in stored {
            metrics.inbox_item(status.as_str());
        }
    }
    Ok(Outcome {
        source_id: s.id,
        new_items,
        error: None,
    })
}

/// Inserts one item unless its key (per source) or link (anywhere) is stored already, with
/// the records it mentions, its suggested type and the earlier item it near-duplicates.
/// Returns the new row's id, or `None` when it was there.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    txn: &impl sea_orm::ConnectionTrait,
    source_id: Option<i64>,
    source_company: Option<i64>,
    entry: &Entry,
    status: InboxStatus,
    now: DateTime<Utc>,
    matcher: &Matcher,
    proposed_by: Option<String>,
) -> Result<Option<i64>, DbErr> {
    let title_key = text::title_key(&entry.title);
    let duplicate_of = if title_key.chars().count() >= 8 {
        inbox_item::Entity::find()
            .filter(inbox_item::Column::TitleKey.eq(&title_key))
            .filter(inbox_item::Column::FetchedAt.gte(now - Duration::days(DUPLICATE_WINDOW_DAYS)))
            .one(txn)
            .await?
            .map(|earlier| earlier.id)
    } else {
        None
    };
    let row = inbox_item::ActiveModel {
        id: NotSet,
        source_id: Set(source_id),
        item_key: Set(entry.key.clone()),
        link: Set(entry.link.clone()),
        title: Set(entry.title.clone()),
        title_zh: Set(entry.title_zh.clone()),
        summary: Set(entry.summary.clone()),
        source_urls: Set(StringList(
            entry
                .link
                .iter()
                .chain(&entry.more_links)
                .cloned()
                .collect(),
        )),
        published_at: Set(entry.published),
        fetched_at: Set(now),
        status: Set(status),
        suggested_type: Set(classify::suggest(&entry.title, entry.summary.as_deref())),
        duplicate_of_id: Set(duplicate_of),
        event_id: Set(None),
        title_key: Set(title_key),
        proposed_by: Set(proposed_by),
        triaged_by: Set(None),
        triaged_at: Set((status != InboxStatus::New).then_some(now)),
    };
    let inserted = inbox_item::Entity::insert(row)
        .on_conflict(OnConflict::new().do_nothing().to_owned())
        .try_insert()
        .exec(txn)
        .await?;
    let id = match inserted {
        TryInsertResult::Inserted(result) => result.last_insert_id,
        TryInsertResult::Conflicted | TryInsertResult::Empty => return Ok(None),
    };
    let text = format!(
        "{}\n{}",
        entry.title,
        entry.summary.as_deref().unwrap_or("")
    );
    let matches: Vec<inbox_match::ActiveModel> = matcher
        .find(&text, source_company)
        .rows()
        .into_iter()
        .map(|(kind, record_id)| inbox_match::ActiveModel {
            inbox_item_id: Set(id),
            kind: Set(kind),
            record_id: Set(record_id),
        })
        .collect();
    if !matches.is_empty() {
        inbox_match::Entity::insert_many(matches)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(Some(id))
}
