//! Intake: the feeds the team follows (`sources`), what their fetches brought in
//! (`inbox_items`, with the records each item mentions in `inbox_matches`), and `leases`,
//! so that of several replicas only one fetches at a time.
//!
//! An inbox item is unique per source by its key (the feed's id, else its link), and
//! across sources by its normalised link, so a manual fetch racing the background task —
//! or the same post arriving from two feeds — stores it once (`INSERT … ON CONFLICT DO
//! NOTHING`).

use crate::dialect::Ddl;

pub const MIGRATION: Ddl = Ddl::new("m20261201_000001_intake", UP, DOWN);

const UP: &str = r#"
CREATE TABLE sources (
    id {ID},
    slug {TEXT} NOT NULL CHECK (slug <> ''),
    name {TEXT} NOT NULL CHECK (name <> ''),
    feed_url {TEXT} NOT NULL CHECK (feed_url <> ''),
    company_id {BIGINT} REFERENCES companies (id),
    language {TEXT},
    enabled boolean NOT NULL DEFAULT TRUE,
    notes {TEXT},
    last_fetched_at {TIMESTAMP},
    last_success_at {TIMESTAMP},
    last_error {TEXT},
    item_count integer NOT NULL DEFAULT 0,
    failure_count integer NOT NULL DEFAULT 0,
    next_fetch_after {TIMESTAMP},
    etag {TEXT},
    last_modified {TEXT},
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP}
);
CREATE UNIQUE INDEX ux_sources_slug ON sources (slug) WHERE deleted_at IS NULL;

CREATE TABLE inbox_items (
    id {ID},
    source_id {BIGINT} REFERENCES sources (id),
    item_key {TEXT} NOT NULL,
    link {TEXT},
    title {TEXT} NOT NULL,
    title_zh {TEXT},
    summary {TEXT},
    source_urls {JSON} NOT NULL,
    published_at {TIMESTAMP},
    fetched_at {TIMESTAMP} NOT NULL,
    status {TEXT} NOT NULL CHECK (status IN ('NEW','ACCEPTED','DISMISSED')),
    suggested_type {TEXT},
    duplicate_of_id {BIGINT} REFERENCES inbox_items (id),
    event_id {BIGINT} REFERENCES events (id),
    title_key {TEXT} NOT NULL,
    proposed_by {TEXT},
    triaged_by {TEXT},
    triaged_at {TIMESTAMP}
);
CREATE UNIQUE INDEX ux_inbox_items_key ON inbox_items (source_id, item_key);
CREATE UNIQUE INDEX ux_inbox_items_link ON inbox_items (link);
CREATE INDEX ix_inbox_items_status ON inbox_items (status, fetched_at, id);
CREATE INDEX ix_inbox_items_fetched ON inbox_items (fetched_at, id);
CREATE INDEX ix_inbox_items_title_key ON inbox_items (title_key);

CREATE TABLE inbox_matches (
    inbox_item_id {BIGINT} NOT NULL REFERENCES inbox_items (id),
    kind {TEXT} NOT NULL CHECK (kind IN ('COMPANY','MODEL','PRODUCT')),
    record_id {BIGINT} NOT NULL,
    PRIMARY KEY (inbox_item_id, kind, record_id)
);
CREATE INDEX ix_inbox_matches_record ON inbox_matches (kind, record_id, inbox_item_id);

CREATE TABLE leases (
    name {TEXT} PRIMARY KEY,
    holder {TEXT} NOT NULL,
    expires_at {TIMESTAMP} NOT NULL
);
"#;

const DOWN: &str = r#"
DROP TABLE leases;
DROP TABLE inbox_matches;
DROP TABLE inbox_items;
DROP TABLE sources;
"#;
