//! The whole landscape: companies, models, modalities, offerings, products, prices, quotas,
//! plans, credits, exchange rates, events, filings, benchmarks, users and revisions.
//!
//! Conventions: every editable row has `version`, `created_at`, `updated_at` and `deleted_at`
//! (soft delete); every row that holds a fact has `source_url`, `observed_on` and
//! `confidence`. Slugs and natural keys are unique among live rows only (partial indexes), so
//! a deleted row's slug can be reused and restoring it then reports the clash. Money and
//! rates are canonical decimal text (see `entities::Dec`): exact on both databases.

use crate::dialect::Ddl;

pub const MIGRATION: Ddl = Ddl::new("m20261129_000001_landscape", UP, DOWN);

const UP: &str = r#"
CREATE TABLE companies (
    id {ID},
    slug {TEXT} NOT NULL CHECK (slug <> ''),
    name {TEXT} NOT NULL CHECK (name <> ''),
    name_zh {TEXT},
    aliases {JSON} NOT NULL,
    kind {TEXT} NOT NULL CHECK (kind IN ('BIG_TECH','AI_LAB','STARTUP','CLOUD','RESEARCH_INSTITUTE','ENTERPRISE','NON_PROFIT','GOVERNMENT')),
    country {TEXT} CHECK (length(country) = 2),
    headquarters {TEXT},
    founded_year integer CHECK (founded_year BETWEEN 1800 AND 2200),
    website {TEXT},
    parent_id {BIGINT} REFERENCES companies (id),
    description {TEXT},
    description_zh {TEXT},
    notes {TEXT},
    relationship_status {TEXT} CHECK (relationship_status IN ('EVALUATING','IN_TRIAL','CONTRACTED','FORMER')),
    watched boolean NOT NULL DEFAULT FALSE,
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP},
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX ux_companies_slug ON companies (slug) WHERE deleted_at IS NULL;
CREATE INDEX ix_companies_name ON companies (name, id);
CREATE INDEX ix_companies_country ON companies (country, id);
CREATE INDEX ix_companies_kind ON companies (kind, id);
CREATE INDEX ix_companies_parent ON companies (parent_id);

CREATE TABLE media_types (
    id {ID},
    slug {TEXT} NOT NULL UNIQUE CHECK (slug <> ''),
    name {TEXT} NOT NULL,
    name_zh {TEXT},
    description {TEXT},
    position integer NOT NULL DEFAULT 0
);

CREATE TABLE tasks (
    id {ID},
    slug {TEXT} NOT NULL UNIQUE CHECK (slug <> ''),
    name {TEXT} NOT NULL,
    name_zh {TEXT},
    description {TEXT},
    position integer NOT NULL DEFAULT 0
);

CREATE TABLE models (
    id {ID},
    slug {TEXT} NOT NULL CHECK (slug <> ''),
    name {TEXT} NOT NULL CHECK (name <> ''),
    name_zh {TEXT},
    aliases {JSON} NOT NULL,
    company_id {BIGINT} NOT NULL REFERENCES companies (id),
    family {TEXT},
    version_label {TEXT},
    base_model_id {BIGINT} REFERENCES models (id),
    successor_id {BIGINT} REFERENCES models (id),
    release_date {DATE},
    status {TEXT} NOT NULL CHECK (status IN ('ANNOUNCED','PREVIEW','GA','DEPRECATED','RETIRED')),
    preview_on {DATE},
    ga_on {DATE},
    deprecated_on {DATE},
    retired_on {DATE},
    open_weights boolean NOT NULL DEFAULT FALSE,
    license {TEXT},
    commercial_use boolean,
    parameter_count {BIGINT} CHECK (parameter_count > 0),
    context_window {BIGINT} CHECK (context_window > 0),
    max_output_tokens {BIGINT} CHECK (max_output_tokens > 0),
    knowledge_cutoff {DATE},
    tool_calling boolean,
    structured_output boolean,
    reasoning boolean,
    description {TEXT},
    description_zh {TEXT},
    notes {TEXT},
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP},
    CHECK (retired_on IS NULL OR release_date IS NULL OR retired_on >= release_date),
    CHECK (deprecated_on IS NULL OR release_date IS NULL OR deprecated_on >= release_date)
);
CREATE UNIQUE INDEX ux_models_slug ON models (slug) WHERE deleted_at IS NULL;
CREATE INDEX ix_models_company ON models (company_id, id);
CREATE INDEX ix_models_name ON models (name, id);
CREATE INDEX ix_models_release_date ON models (release_date, id);
CREATE INDEX ix_models_status ON models (status, id);
CREATE INDEX ix_models_base ON models (base_model_id);
CREATE INDEX ix_models_successor ON models (successor_id);

CREATE TABLE model_media_types (
    model_id {BIGINT} NOT NULL REFERENCES models (id),
    media_type_id {BIGINT} NOT NULL REFERENCES media_types (id),
    direction {TEXT} NOT NULL CHECK (direction IN ('INPUT','OUTPUT')),
    PRIMARY KEY (model_id, media_type_id, direction)
);
CREATE INDEX ix_model_media_types_media ON model_media_types (media_type_id, direction, model_id);

CREATE TABLE model_tasks (
    model_id {BIGINT} NOT NULL REFERENCES models (id),
    task_id {BIGINT} NOT NULL REFERENCES tasks (id),
    PRIMARY KEY (model_id, task_id)
);
CREATE INDEX ix_model_tasks_task ON model_tasks (task_id, model_id);

CREATE TABLE offerings (
    id {ID},
    model_id {BIGINT} NOT NULL REFERENCES models (id),
    provider_id {BIGINT} NOT NULL REFERENCES companies (id),
    region {TEXT} NOT NULL CHECK (region <> ''),
    api_model_id {TEXT} NOT NULL CHECK (api_model_id <> ''),
    mainland_reachable boolean,
    served_from {DATE},
    served_to {DATE},
    rate_limits {TEXT},
    notes {TEXT},
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP},
    CHECK (served_to IS NULL OR served_from IS NULL OR served_to > served_from)
);
CREATE UNIQUE INDEX ux_offerings_key ON offerings (provider_id, region, api_model_id, model_id) WHERE deleted_at IS NULL;
CREATE INDEX ix_offerings_model ON offerings (model_id, id);
CREATE INDEX ix_offerings_region ON offerings (region, id);

CREATE TABLE products (
    id {ID},
    slug {TEXT} NOT NULL CHECK (slug <> ''),
    name {TEXT} NOT NULL CHECK (name <> ''),
    name_zh {TEXT},
    aliases {JSON} NOT NULL,
    company_id {BIGINT} NOT NULL REFERENCES companies (id),
    kind {TEXT} NOT NULL CHECK (kind IN ('CHAT_ASSISTANT','API_PLATFORM','AGENT_PLATFORM','CREATIVE_TOOL','AVATAR_TOOL','CODING_ASSISTANT','SEARCH','EDUCATION','PRODUCTIVITY','OTHER')),
    for_consumers boolean NOT NULL DEFAULT FALSE,
    for_business boolean NOT NULL DEFAULT FALSE,
    for_government boolean NOT NULL DEFAULT FALSE,
    launch_date {DATE},
    status {TEXT} NOT NULL CHECK (status IN ('ANNOUNCED','BETA','ACTIVE','DISCONTINUED')),
    url {TEXT},
    description {TEXT},
    description_zh {TEXT},
    notes {TEXT},
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP}
);
CREATE UNIQUE INDEX ux_products_slug ON products (slug) WHERE deleted_at IS NULL;
CREATE INDEX ix_products_company ON products (company_id, id);
CREATE INDEX ix_products_name ON products (name, id);
CREATE INDEX ix_products_kind ON products (kind, id);

CREATE TABLE product_models (
    product_id {BIGINT} NOT NULL REFERENCES products (id),
    model_id {BIGINT} NOT NULL REFERENCES models (id),
    PRIMARY KEY (product_id, model_id)
);
CREATE INDEX ix_product_models_model ON product_models (model_id, product_id);

CREATE TABLE product_tasks (
    product_id {BIGINT} NOT NULL REFERENCES products (id),
    task_id {BIGINT} NOT NULL REFERENCES tasks (id),
    PRIMARY KEY (product_id, task_id)
);
CREATE INDEX ix_product_tasks_task ON product_tasks (task_id, product_id);

CREATE TABLE prices (
    id {ID},
    offering_id {BIGINT} REFERENCES offerings (id),
    product_id {BIGINT} REFERENCES products (id),
    dimension {TEXT} NOT NULL CHECK (dimension IN ('INPUT_TOKENS','OUTPUT_TOKENS','CACHED_INPUT_TOKENS','CACHE_WRITE_TOKENS','REASONING_TOKENS','INPUT_AUDIO','OUTPUT_AUDIO','IMAGE_OUTPUT','IMAGE_INPUT','VIDEO_SECOND_OUTPUT','VIDEO_CLIP_OUTPUT','AUDIO_MINUTE','CHARACTERS','REQUEST','SEARCH_CALL','SUBSCRIPTION')),
    unit {TEXT} NOT NULL CHECK (unit IN ('TOKEN','IMAGE','SECOND','MINUTE','CHARACTER','REQUEST','CLIP','MONTH','YEAR','CREDIT')),
    unit_quantity {BIGINT} NOT NULL CHECK (unit_quantity > 0),
    amount {TEXT} NOT NULL CHECK (amount <> '' AND amount NOT LIKE '-%'),
    currency {TEXT} NOT NULL CHECK (length(currency) = 3),
    tax_included boolean,
    mode {TEXT} NOT NULL DEFAULT 'STANDARD' CHECK (mode IN ('STANDARD','BATCH')),
    min_input_tokens {BIGINT} CHECK (min_input_tokens >= 0),
    max_input_tokens {BIGINT} CHECK (max_input_tokens >= 0),
    tier_prices_whole_request boolean,
    cache_ttl_seconds {BIGINT} CHECK (cache_ttl_seconds > 0),
    window_start {TEXT},
    window_end {TEXT},
    window_time_zone {TEXT},
    resolution {TEXT},
    quality {TEXT},
    duration_seconds {BIGINT} CHECK (duration_seconds > 0),
    effective_from {DATE} NOT NULL,
    effective_to {DATE},
    is_promotion boolean NOT NULL DEFAULT FALSE,
    promotion_ends_on {DATE},
    verified_on {DATE},
    notes {TEXT},
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP},
    CHECK ((offering_id IS NULL) <> (product_id IS NULL)),
    CHECK (effective_to IS NULL OR effective_to > effective_from),
    CHECK (max_input_tokens IS NULL OR min_input_tokens IS NULL OR max_input_tokens >= min_input_tokens),
    CHECK ((window_start IS NULL) = (window_end IS NULL))
);
CREATE INDEX ix_prices_offering ON prices (offering_id, effective_from, id);
CREATE INDEX ix_prices_product ON prices (product_id, effective_from, id);
CREATE INDEX ix_prices_effective ON prices (effective_from, id);

CREATE TABLE free_quotas (
    id {ID},
    offering_id {BIGINT} REFERENCES offerings (id),
    product_id {BIGINT} REFERENCES products (id),
    dimension {TEXT} NOT NULL,
    quantity {TEXT} NOT NULL CHECK (quantity <> '' AND quantity NOT LIKE '-%'),
    unit {TEXT} NOT NULL,
    period {TEXT} NOT NULL CHECK (period IN ('DAY','MONTH','ONCE')),
    expires_after_days {BIGINT} CHECK (expires_after_days > 0),
    new_accounts_only boolean NOT NULL DEFAULT FALSE,
    effective_from {DATE} NOT NULL,
    effective_to {DATE},
    notes {TEXT},
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP},
    CHECK ((offering_id IS NULL) <> (product_id IS NULL)),
    CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX ix_free_quotas_offering ON free_quotas (offering_id);
CREATE INDEX ix_free_quotas_product ON free_quotas (product_id);

CREATE TABLE subscription_plans (
    id {ID},
    product_id {BIGINT} NOT NULL REFERENCES products (id),
    slug {TEXT} NOT NULL CHECK (slug <> ''),
    name {TEXT} NOT NULL,
    name_zh {TEXT},
    billing_period {TEXT} NOT NULL CHECK (billing_period IN ('WEEK','MONTH','QUARTER','YEAR')),
    amount {TEXT} NOT NULL CHECK (amount <> '' AND amount NOT LIKE '-%'),
    currency {TEXT} NOT NULL CHECK (length(currency) = 3),
    tax_included boolean,
    first_period_amount {TEXT} CHECK (first_period_amount NOT LIKE '-%'),
    usage_caps {TEXT},
    credits_per_period {TEXT},
    effective_from {DATE} NOT NULL,
    effective_to {DATE},
    notes {TEXT},
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP},
    CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE UNIQUE INDEX ux_subscription_plans_key ON subscription_plans (product_id, slug, effective_from) WHERE deleted_at IS NULL;

CREATE TABLE plan_models (
    plan_id {BIGINT} NOT NULL REFERENCES subscription_plans (id),
    model_id {BIGINT} NOT NULL REFERENCES models (id),
    PRIMARY KEY (plan_id, model_id)
);

CREATE TABLE credit_costs (
    id {ID},
    product_id {BIGINT} NOT NULL REFERENCES products (id),
    model_id {BIGINT} REFERENCES models (id),
    work {TEXT} NOT NULL CHECK (work <> ''),
    unit {TEXT} NOT NULL,
    unit_quantity {BIGINT} NOT NULL CHECK (unit_quantity > 0),
    credits {TEXT} NOT NULL CHECK (credits <> '' AND credits NOT LIKE '-%'),
    resolution {TEXT},
    quality {TEXT},
    duration_seconds {BIGINT} CHECK (duration_seconds > 0),
    effective_from {DATE} NOT NULL,
    effective_to {DATE},
    notes {TEXT},
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP},
    CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX ix_credit_costs_product ON credit_costs (product_id);

CREATE TABLE exchange_rates (
    id {ID},
    base_currency {TEXT} NOT NULL CHECK (length(base_currency) = 3),
    quote_currency {TEXT} NOT NULL CHECK (length(quote_currency) = 3),
    rate {TEXT} NOT NULL CHECK (rate <> '' AND rate NOT LIKE '-%' AND rate <> '0'),
    on_date {DATE} NOT NULL,
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP},
    CHECK (base_currency <> quote_currency)
);
CREATE UNIQUE INDEX ux_exchange_rates_key ON exchange_rates (base_currency, quote_currency, on_date) WHERE deleted_at IS NULL;
CREATE INDEX ix_exchange_rates_date ON exchange_rates (on_date, id);

CREATE TABLE events (
    id {ID},
    slug {TEXT} NOT NULL CHECK (slug <> ''),
    occurred_on {DATE} NOT NULL,
    date_precision {TEXT} NOT NULL DEFAULT 'DAY' CHECK (date_precision IN ('DAY','MONTH','QUARTER','YEAR')),
    event_type {TEXT} NOT NULL CHECK (event_type IN ('MODEL_RELEASE','PRODUCT_LAUNCH','PRICE_CHANGE','LIFECYCLE','FUNDING','CORPORATE','POLICY','REGULATORY_FILING','BENCHMARK','BUSINESS_METRIC','INCIDENT','LEGAL','INFRASTRUCTURE')),
    subtype {TEXT},
    title {TEXT} NOT NULL CHECK (title <> ''),
    title_zh {TEXT},
    summary {TEXT},
    summary_zh {TEXT},
    importance integer NOT NULL DEFAULT 3 CHECK (importance BETWEEN 1 AND 5),
    source_urls {JSON} NOT NULL,
    amount {TEXT} CHECK (amount NOT LIKE '-%'),
    currency {TEXT} CHECK (length(currency) = 3),
    funding_round {TEXT},
    valuation {TEXT} CHECK (valuation NOT LIKE '-%'),
    recorded_on {DATE} NOT NULL,
    notes {TEXT},
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP},
    CHECK ((amount IS NULL AND valuation IS NULL) OR currency IS NOT NULL)
);
CREATE UNIQUE INDEX ux_events_slug ON events (slug) WHERE deleted_at IS NULL;
CREATE INDEX ix_events_occurred ON events (occurred_on, id);
CREATE INDEX ix_events_recorded ON events (recorded_on, id);
CREATE INDEX ix_events_type ON events (event_type, occurred_on, id);

CREATE TABLE event_companies (
    event_id {BIGINT} NOT NULL REFERENCES events (id),
    company_id {BIGINT} NOT NULL REFERENCES companies (id),
    role {TEXT} NOT NULL CHECK (role IN ('SUBJECT','INVESTOR','TARGET','ACQUIRER','PARTNER','MENTIONED')),
    PRIMARY KEY (event_id, company_id, role)
);
CREATE INDEX ix_event_companies_company ON event_companies (company_id, event_id);

CREATE TABLE event_models (
    event_id {BIGINT} NOT NULL REFERENCES events (id),
    model_id {BIGINT} NOT NULL REFERENCES models (id),
    role {TEXT} NOT NULL CHECK (role IN ('SUBJECT','INVESTOR','TARGET','ACQUIRER','PARTNER','MENTIONED')),
    PRIMARY KEY (event_id, model_id, role)
);
CREATE INDEX ix_event_models_model ON event_models (model_id, event_id);

CREATE TABLE event_products (
    event_id {BIGINT} NOT NULL REFERENCES events (id),
    product_id {BIGINT} NOT NULL REFERENCES products (id),
    role {TEXT} NOT NULL CHECK (role IN ('SUBJECT','INVESTOR','TARGET','ACQUIRER','PARTNER','MENTIONED')),
    PRIMARY KEY (event_id, product_id, role)
);
CREATE INDEX ix_event_products_product ON event_products (product_id, event_id);

CREATE TABLE filings (
    id {ID},
    filing_number {TEXT} NOT NULL CHECK (filing_number <> ''),
    filing_type {TEXT} NOT NULL CHECK (filing_type IN ('ALGORITHM','DEEP_SYNTHESIS','GENERATIVE_AI_SERVICE','REGISTRATION')),
    role {TEXT} NOT NULL CHECK (role IN ('SERVICE_PROVIDER','TECHNICAL_SUPPORTER')),
    algorithm_name {TEXT} NOT NULL,
    company_id {BIGINT} NOT NULL REFERENCES companies (id),
    product_id {BIGINT} REFERENCES products (id),
    model_id {BIGINT} REFERENCES models (id),
    announced_on {DATE},
    status {TEXT} NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','CANCELLED')),
    notes {TEXT},
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP}
);
CREATE UNIQUE INDEX ux_filings_number ON filings (filing_number) WHERE deleted_at IS NULL;
CREATE INDEX ix_filings_company ON filings (company_id, id);
CREATE INDEX ix_filings_product ON filings (product_id);
CREATE INDEX ix_filings_announced ON filings (announced_on, id);

CREATE TABLE benchmarks (
    id {ID},
    slug {TEXT} NOT NULL CHECK (slug <> ''),
    name {TEXT} NOT NULL,
    name_zh {TEXT},
    description {TEXT},
    url {TEXT},
    internal boolean NOT NULL DEFAULT FALSE,
    higher_is_better boolean NOT NULL DEFAULT TRUE,
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP}
);
CREATE UNIQUE INDEX ux_benchmarks_slug ON benchmarks (slug) WHERE deleted_at IS NULL;

CREATE TABLE scores (
    id {ID},
    benchmark_id {BIGINT} NOT NULL REFERENCES benchmarks (id),
    model_id {BIGINT} NOT NULL REFERENCES models (id),
    value {TEXT} NOT NULL CHECK (value <> ''),
    measured_on {DATE} NOT NULL,
    self_reported boolean NOT NULL,
    notes {TEXT},
    source_url {TEXT},
    observed_on {DATE},
    confidence {TEXT} CHECK (confidence IN ('HIGH','MEDIUM','LOW')),
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL,
    deleted_at {TIMESTAMP}
);
CREATE UNIQUE INDEX ux_scores_key ON scores (benchmark_id, model_id, measured_on) WHERE deleted_at IS NULL;
CREATE INDEX ix_scores_model ON scores (model_id);

CREATE TABLE users (
    id {ID},
    email {TEXT} NOT NULL UNIQUE CHECK (email <> ''),
    display_name {TEXT} NOT NULL,
    role {TEXT} NOT NULL CHECK (role IN ('VIEWER','EDITOR','ADMIN')),
    active boolean NOT NULL DEFAULT TRUE,
    password_hash {TEXT},
    token_version integer NOT NULL DEFAULT 1,
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL
);

CREATE TABLE revisions (
    id {ID},
    entity_type {TEXT} NOT NULL,
    entity_id {BIGINT} NOT NULL,
    action {TEXT} NOT NULL CHECK (action IN ('CREATE','UPDATE','DELETE','RESTORE')),
    actor_user_id {BIGINT} REFERENCES users (id),
    actor_label {TEXT} NOT NULL,
    at {TIMESTAMP} NOT NULL,
    before {JSON},
    after {JSON}
);
CREATE INDEX ix_revisions_entity ON revisions (entity_type, entity_id, id);
CREATE INDEX ix_revisions_at ON revisions (at, id);
"#;

const DOWN: &str = r#"
DROP TABLE revisions;
DROP TABLE users;
DROP TABLE scores;
DROP TABLE benchmarks;
DROP TABLE filings;
DROP TABLE event_products;
DROP TABLE event_models;
DROP TABLE event_companies;
DROP TABLE events;
DROP TABLE exchange_rates;
DROP TABLE credit_costs;
DROP TABLE plan_models;
DROP TABLE subscription_plans;
DROP TABLE free_quotas;
DROP TABLE prices;
DROP TABLE product_tasks;
DROP TABLE product_models;
DROP TABLE products;
DROP TABLE offerings;
DROP TABLE model_tasks;
DROP TABLE model_media_types;
DROP TABLE models;
DROP TABLE tasks;
DROP TABLE media_types;
DROP TABLE companies;
"#;
