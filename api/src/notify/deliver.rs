//! The delivery worker. Each round: fan new outbox messages out into deliveries (one per
//! webhook that wants the message), claim the due deliveries, send them with no transaction
//! open, record each outcome. State lives in the database only, so a restart resumes where
//! the last process stopped and several processes share the work: a delivery is claimed by
//! an expiring claim in a short transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL, a
//! conditional update on SQLite, whose file several processes may share), and a claim left by
//! a process that died expires. Deliveries are at least once; `webhook-id` is the receiver's
//! idempotency key.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use entities::{DeliveryStatus, WebhookFormat, company, outbox, webhook, webhook_delivery};
use reqwest::header::{HeaderMap, HeaderValue};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement, TransactionTrait,
    sea_query::OnConflict,
};
use serde_json::{Value, json};

use super::{format, sign};
use crate::outbound::OutboundClient;

/// The worker's settings.
#[derive(Clone, Debug)]
pub struct DeliveryConfig {
    /// The first retry waits this long; each further one twice as long, at most 6 hours.
    pub retry_base: Duration,
    /// Attempts before a delivery is marked failed (14 at the default base: over a day).
    pub max_attempts: i32,
    /// How long a claim holds before another process may take the delivery.
    pub claim: Duration,
    /// Chat formats gather what happens within this long into one message.
    pub min_interval: Duration,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig {
            retry_base: Duration::seconds(30),
            max_attempts: 14,
            claim: Duration::minutes(2),
            min_interval: Duration::seconds(60),
        }
    }
}

/// How long to wait before attempt `attempts + 1`: doubling from the base, at most 6 hours,
/// with up to ±20% jitter so that receivers coming back are not hit all at once.
pub fn backoff(config: &DeliveryConfig, attempts: i32) -> Duration {
    let base = config.retry_base.num_milliseconds().max(0) as f64;
    let wait = (base * 2f64.powi(attempts.clamp(1, 30) - 1)).min(6.0 * 3600.0 * 1000.0);
    let mut random = [0u8; 2];
    let _ = getrandom::fill(&mut random);
    let jitter = (u16::from_le_bytes(random) as f64 / u16::MAX as f64 - 0.5) * 0.4;
    Duration::milliseconds((wait * (1.0 + jitter)) as i64)
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub dispatched: usize,
    pub delivered: usize,
    pub retried: usize,
    pub failed: usize,
}

/// One round of the worker.
pub async fn run_once(
    db: &DatabaseConnection,
    client: &OutboundClient,
    config: &DeliveryConfig,
) -> Result<Round, DbErr> {
    let mut round = Round {
        dispatched: dispatch(db, config).await?,
        ..Round::default()
    };
    for delivery in claim(db, config).await? {
        match send(db, client, &delivery).await? {
            Ok(code) => {
                finish(
                    db,
                    &delivery,
                    DeliveryStatus::Delivered,
                    Some(code),
                    None,
                    None,
                )
                .await?;
                round.delivered += 1;
            }
            Err((code, error)) => {
                let attempts = delivery.attempts + 1;
                if attempts >= config.max_attempts {
                    finish(
                        db,
                        &delivery,
                        DeliveryStatus::Failed,
                        code,
                        Some(error),
                        None,
                    )
                    .await?;
                    round.failed += 1;
                } else {
                    let next = Utc::now() + backoff(config, attempts);
                    finish(
                        db,
                        &delivery,
                        DeliveryStatus::Pending,
                        code,
                        Some(error),
                        Some(next),
                    )
                    .await?;
                    round.retried += 1;
                }
            }
        }
    }
    Ok(round)
}

/// Runs rounds every `every` until the process ends, writing the week's digest when due.
pub async fn run(
    state: crate::state::AppState,
    client: OutboundClient,
    config: DeliveryConfig,
    every: StdDuration,
    digest: Option<super::digest::DigestAt>,
) {
    let db = state.db.clone();
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        // The week's digest, when it is due (written once, by whichever replica comes first).
        if let Some(at) = digest
            && let Err(e) = super::digest::publish_if_due(&state, at, Utc::now()).await
        {
            tracing::warn!(error = %e, "writing the week's digest failed");
        }
        match run_once(&db, &client, &config).await {
            Ok(round) if round != Round::default() => tracing::info!(?round, "webhook deliveries"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "webhook delivery round failed"),
        }
    }
}

/// Whether `hook` wants `message`.
fn wants(hook: &webhook::Model, message: &outbox::Model, watched: &[String]) -> bool {
    if !hook.topics.0.iter().any(|t| t == message.topic.as_str()) {
        return false;
    }
    let concerns = |set: &[String]| message.companies.0.iter().any(|c| set.contains(c));
    if !hook.companies.0.is_empty() && !concerns(&hook.companies.0) {
        return false;
    }
    if hook.watched_only && !concerns(watched) {
        return false;
    }
    match (hook.min_importance, message.importance) {
        (Some(min), Some(importance)) => importance >= min,
        _ => true,
    }
}

/// Turns new outbox messages into deliveries, in one short transaction: one delivery per
/// message for STANDARD receivers; for chat formats, messages join the webhook's delivery
/// that is still gathering (due after the minimum interval), so a burst is one chat message.
async fn dispatch(db: &DatabaseConnection, config: &DeliveryConfig) -> Result<usize, DbErr> {
    let txn = db.begin().await?;
    let messages = outbox::Entity::find()
        .filter(outbox::Column::DispatchedAt.is_null())
        .order_by_asc(outbox::Column::Id)
        .limit(200)
        .all(&txn)
        .await?;
    if messages.is_empty() {
        txn.rollback().await?;
        return Ok(0);
    }
    let hooks = webhook::Entity::find()
        .filter(webhook::Column::DeletedAt.is_null())
        .filter(webhook::Column::Enabled.eq(true))
        .all(&txn)
        .await?;
    let watched: Vec<String> = company::Entity::find()
        .filter(company::Column::Watched.eq(true))
        .filter(company::Column::DeletedAt.is_null())
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| c.slug)
        .collect();
    let now = Utc::now();
    let mut made = 0;
    for message in &messages {
        for hook in hooks.iter().filter(|h| wants(h, message, &watched)) {
            if hook.format != WebhookFormat::Standard {
                let gathering = webhook_delivery::Entity::find()
                    .filter(webhook_delivery::Column::WebhookId.eq(hook.id))
                    .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending))
                    .filter(webhook_delivery::Column::Attempts.eq(0))
                    .filter(webhook_delivery::Column::NextAttemptAt.gt(now))
                    .filter(webhook_delivery::Column::OutboxId.is_not_null())
                    .one(&txn)
                    .await?;
                if let Some(open) = gathering {
                    let mut ids: Vec<i64> =
                        serde_json::from_value(open.outbox_ids.clone()).unwrap_or_default();
                    if !ids.contains(&message.id) {
                        ids.push(message.id);
                        webhook_delivery::Entity::update_many()
                            .col_expr(webhook_delivery::Column::OutboxIds, json!(ids).into())
                            .filter(webhook_delivery::Column::Id.eq(open.id))
                            .exec(&txn)
                            .await?;
                    }
                    continue;
                }
            }
            let due = if hook.format == WebhookFormat::Standard {
                now
            } else {
                now + config.min_interval
            };
            let row = webhook_delivery::ActiveModel {
                id: NotSet,
                webhook_id: Set(hook.id),
                outbox_id: Set(Some(message.id)),
                outbox_ids: Set(json!([message.id])),
                message_id: Set(format!("msg_{}_{}", message.id, hook.id)),
                topic: Set(message.topic.as_str().to_owned()),
                status: Set(DeliveryStatus::Pending),
                attempts: Set(0),
                next_attempt_at: Set(due),
                claimed_until: Set(None),
                response_code: Set(None),
                last_error: Set(None),
                created_at: Set(now),
                delivered_at: Set(None),
            };
            // Two processes dispatching at once make each delivery once.
            let inserted = webhook_delivery::Entity::insert(row)
                .on_conflict(
                    OnConflict::column(webhook_delivery::Column::MessageId)
                        .do_nothing()
                        .to_owned(),
                )
                .try_insert()
                .exec(&txn)
                .await?;
            if matches!(inserted, sea_orm::TryInsertResult::Inserted(_)) {
                made += 1;
            }
        }
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::DispatchedAt, Some(now).into())
        .filter(outbox::Column::Id.is_in(messages.iter().map(|m| m.id)))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(made)
}

/// Claims up to 10 due deliveries for this process.
async fn claim(
    db: &DatabaseConnection,
    config: &DeliveryConfig,
) -> Result<Vec<webhook_delivery::Model>, DbErr> {
    let now = Utc::now();
    let until = now + config.claim;
    let ids: Vec<i64> = match db.get_database_backend() {
        DbBackend::Postgres => {
            let sql = "UPDATE webhook_deliveries SET claimed_until = $1 WHERE id IN ( \
                SELECT id FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= $2 \
                AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED) RETURNING id";
            db.query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                [until.into(), now.into()],
            ))
            .await?
            .iter()
            .map(|row| row.try_get::<i64>("", "id"))
            .collect::<Result<_, _>>()?
        }
        _ => {
            let due = webhook_delivery::Entity::find()
                .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending))
                .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
                .order_by_asc(webhook_delivery::Column::Id)
                .limit(10)
                .all(db)
                .await?;
            let mut mine = Vec::new();
            for d in due
                .into_iter()
                .filter(|d| d.claimed_until.is_none_or(|c| c < now))
            {
                // Taken only if nobody claimed it meanwhile.
                let taken = webhook_delivery::Entity::update_many()
                    .col_expr(webhook_delivery::Column::ClaimedUntil, Some(until).into())
                    .filter(webhook_delivery::Column::Id.eq(d.id))
                    .filter(webhook_delivery::Column::ClaimedUntil.eq(d.claimed_until))
                    .filter(webhook_delivery::Column::Status.eq(DeliveryStatus::Pending))
                    .exec(db)
                    .await?;
                if taken.rows_affected == 1 {
                    mine.push(d.id);
                }
            }
            mine
        }
    };
    webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::Id.is_in(ids))
        .order_by_asc(webhook_delivery::Column::Id)
        .all(db)
        .await
}

async fn finish(
    db: &DatabaseConnection,
    d: &webhook_delivery::Model,
    status: DeliveryStatus,
    code: Option<i32>,
    error: Option<String>,
    next: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    let now = Utc::now();
    webhook_delivery::Entity::update_many()
        .col_expr(webhook_delivery::Column::Status, status.as_str().into())
        .col_expr(webhook_delivery::Column::Attempts, (d.attempts + 1).into())
        .col_expr(
            webhook_delivery::Column::ClaimedUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(webhook_delivery::Column::ResponseCode, code.into())
        .col_expr(webhook_delivery::Column::LastError, error.into())
        .col_expr(
            webhook_delivery::Column::NextAttemptAt,
            next.unwrap_or(now).into(),
        )
        .col_expr(
            webhook_delivery::Column::DeliveredAt,
            (status == DeliveryStatus::Delivered).then_some(now).into(),
        )
        .filter(webhook_delivery::Column::Id.eq(d.id))
        .exec(db)
        .await?;
    Ok(())
}

/// The message's type name in the Standard Webhooks body.
fn event_type(topic: &str) -> &'static str {
    match topic {
        "PRICE_CHANGED" => "price.changed",
        "EVENT_CREATED" => "event.created",
        "INBOX_ITEM_ADDED" => "inbox.item_added",
        "DIGEST_PUBLISHED" => "digest.published",
        _ => "test.ping",
    }
}

/// Sends one delivery; the response code, or the code and the reason it failed.
async fn send(
    db: &DatabaseConnection,
    client: &OutboundClient,
    d: &webhook_delivery::Model,
) -> Result<Result<i32, (Option<i32>, String)>, DbErr> {
    let Some(hook) = webhook::Entity::find_by_id(d.webhook_id).one(db).await? else {
        return Ok(Err((None, "the webhook was removed".into())));
    };
    if hook.deleted_at.is_some() || !hook.enabled {
        return Ok(Err((None, "the webhook is deleted or disabled".into())));
    }
    let ids: Vec<i64> = serde_json::from_value(d.outbox_ids.clone()).unwrap_or_default();
    let messages = outbox::Entity::find()
        .filter(outbox::Column::Id.is_in(ids))
        .order_by_asc(outbox::Column::Id)
        .all(db)
        .await?;
    let now = Utc::now();
    if hook.format == WebhookFormat::Standard {
        let data = messages
            .first()
            .map(|m| m.payload.clone())
            .unwrap_or_else(|| json!({ "message": "ping from aigc-landscape" }));
        let body =
            json!({ "type": event_type(&d.topic), "timestamp": now.to_rfc3339(), "data": data })
                .to_string();
        let timestamp = now.timestamp();
        let mut headers = HeaderMap::new();
        let header = |v: &str| HeaderValue::from_str(v).expect("ASCII header value");
        headers.insert("content-type", header("application/json"));
        headers.insert("webhook-id", header(&d.message_id));
        headers.insert("webhook-timestamp", header(&timestamp.to_string()));
        headers.insert(
            "webhook-signature",
            header(&sign::signature(
                &hook.secret,
                &d.message_id,
                timestamp,
                &body,
            )),
        );
        return Ok(match client.post(&hook.url, headers, body).await {
            Ok(answer) if answer.status.is_success() => Ok(answer.status.as_u16() as i32),
            Ok(answer) => Err((
                Some(answer.status.as_u16() as i32),
                format!("HTTP {}", answer.status),
            )),
            Err(e) => Err((None, e.to_string())),
        });
    }
    // A chat message: every gathered message as a line a person reads.
    let zh = hook.language == "zh";
    let rates = yuan_rates(db).await?;
    let mut lines = Vec::new();
    if messages.is_empty() {
        lines.push(format::line("PING", &Value::Null, zh, None));
    }
    for m in &messages {
        let yuan = match (m.payload["currency"].as_str(), m.payload["amount"].as_str()) {
            (Some(currency), Some(amount)) if currency != "CNY" => amount
                .parse::<rust_decimal::Decimal>()
                .ok()
                .and_then(|a| {
                    crate::service::currency::convert(
                        a,
                        currency,
                        "CNY",
                        crate::clock::today(),
                        &rates,
                    )
                    .ok()
                })
                .map(|y| y.round_dp(4).normalize().to_string()),
            _ => None,
        };
        lines.push(format::line(
            m.topic.as_str(),
            &m.payload,
            zh,
            yuan.as_deref(),
        ));
    }
    let (url, body) = format::chat_request(
        hook.format,
        &hook.url,
        &hook.secret,
        &lines.join("\n\n"),
        zh,
        now.timestamp_millis(),
    );
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    Ok(match client.post(&url, headers, body).await {
        Ok(answer) => {
            let code = answer.status.as_u16();
            match format::accepted(hook.format, code, &answer.body) {
                Ok(()) => Ok(code as i32),
                Err(why) => Err((Some(code as i32), why)),
            }
        }
        // The URL carries the bot's key: never echo it.
        Err(e) => Err((None, e.to_string().replace(&hook.url, "(the webhook URL)"))),
    })
}

/// The latest rates to CNY, for the yuan column of chat messages.
async fn yuan_rates(db: &DatabaseConnection) -> Result<Vec<entities::exchange_rate::Model>, DbErr> {
    use entities::exchange_rate;
    exchange_rate::Entity::find()
        .filter(exchange_rate::Column::DeletedAt.is_null())
        .filter(exchange_rate::Column::OnDate.lte(crate::clock::today()))
        .order_by_desc(exchange_rate::Column::OnDate)
        .limit(60)
        .all(db)
        .await
}

/// Queues a ping to `webhook_id` now (`testWebhook`).
pub async fn queue_ping(db: &impl ConnectionTrait, webhook_id: i64) -> Result<(), DbErr> {
    let now = Utc::now();
    let mut random = [0u8; 8];
    let _ = getrandom::fill(&mut random);
    webhook_delivery::ActiveModel {
        id: NotSet,
        webhook_id: Set(webhook_id),
        outbox_id: Set(None),
        outbox_ids: Set(json!([])),
        message_id: Set(format!("msg_ping_{}", hex::encode(random))),
        topic: Set("PING".into()),
        status: Set(DeliveryStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        response_code: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        delivered_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}
