//! Outbound notifications: `webhooks` (receivers the admins configure), `outbox` (what should
//! be told, written in the same transaction as the change that causes it, so a crash between
//! commit and delivery loses nothing) and `webhook_deliveries` (one per receiver and message,
//! with its attempts, claimed with an expiring claim so several processes share the work).

use crate::dialect::Ddl;

pub const MIGRATION: Ddl = Ddl::new("m20261201_000003_webhooks", UP, DOWN);

const UP: &str = r#"
CREATE TABLE webhooks (
    id {ID},
    name {TEXT} NOT NULL CHECK (name <> ''),
    url {TEXT} NOT NULL CHECK (url <> ''),
    format {TEXT} NOT NULL CHECK (format IN ('STANDARD','WECOM','DINGTALK','FEISHU','SLACK')),
    topics {JSON} NOT NULL,
    watched_only boolean NOT NULL DEFAULT FALSE,
    companies {JSON} NOT NULL,
    min_importance integer CHECK (min_importance BETWEEN 1 AND 5),
    language {TEXT} NOT NULL DEFAULT 'en' CHECK (language IN ('en','zh')),
    secret {TEXT} NOT NULL,
    enabled boolean NOT NULL DEFAULT TRUE,
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP}
);

CREATE TABLE outbox (
    id {ID},
    topic {TEXT} NOT NULL CHECK (topic IN ('EVENT_CREATED','PRICE_CHANGED','INBOX_ITEM_ADDED','DIGEST_PUBLISHED')),
    payload {JSON} NOT NULL,
    companies {JSON} NOT NULL,
    importance integer,
    created_at {TIMESTAMP} NOT NULL,
    dispatched_at {TIMESTAMP}
);
CREATE INDEX ix_outbox_pending ON outbox (dispatched_at, id);

CREATE TABLE webhook_deliveries (
    id {ID},
    webhook_id {BIGINT} NOT NULL REFERENCES webhooks (id),
    outbox_id {BIGINT} REFERENCES outbox (id),
    outbox_ids {JSON} NOT NULL,
    message_id {TEXT} NOT NULL UNIQUE,
    topic {TEXT} NOT NULL,
    status {TEXT} NOT NULL CHECK (status IN ('PENDING','DELIVERED','FAILED')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at {TIMESTAMP} NOT NULL,
    claimed_until {TIMESTAMP},
    response_code integer,
    last_error {TEXT},
    created_at {TIMESTAMP} NOT NULL,
    delivered_at {TIMESTAMP}
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at, id);
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
"#;

const DOWN: &str = r#"
DROP TABLE webhook_deliveries;
DROP TABLE outbox;
DROP TABLE webhooks;
"#;
