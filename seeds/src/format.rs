//! The shape of the seed files, as serde reads them. Unknown keys are refused, so a typo in
//! a field name is an error and not a silently dropped fact.

use chrono::NaiveDate;
use entities::{
    BillingPeriod, CompanyKind, Confidence, DatePrecision, Dec, EventType, FilingRole,
    FilingStatus, FilingType, ModelStatus, PriceDimension, PriceMode, PriceUnit, ProductKind,
    ProductStatus, QuotaPeriod,
};
use serde::{Deserialize, Serialize};

/// `media_types.yaml` and `tasks.yaml`: a list of these.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub slug: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `companies/<slug>.yaml`: one company with what it makes, runs, sells and has filed.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyFile {
    pub company: CompanySeed,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<ModelSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<ProductSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offerings: Vec<OfferingSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filings: Vec<FilingSeed>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompanySeed {
    pub slug: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub kind: CompanyKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headquarters: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub founded_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Slug of the parent company.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSeed {
    pub slug: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Slug of the model it was fine-tuned or distilled from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_model: Option<String>,
    /// Slug of the model that replaces it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_date: Option<NaiveDate>,
    pub status: ModelStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preview_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ga_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retired_on: Option<NaiveDate>,
    #[serde(default)]
    pub open_weights: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commercial_use: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter_count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_window: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_output_tokens: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub knowledge_cutoff: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_calling: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structured_output: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<bool>,
    /// Slugs of the media types it takes in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<String>,
    /// Slugs of the media types it puts out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<String>,
    /// Slugs of its tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

/// Who a product is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Audience {
    Consumer,
    Business,
    Government,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProductSeed {
    pub slug: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub kind: ProductKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<Audience>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub launch_date: Option<NaiveDate>,
    pub status: ProductStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Slugs of the models it runs on (any company's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<PlanSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credit_costs: Vec<CreditCostSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub free_quotas: Vec<FreeQuotaSeed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OfferingSeed {
    /// Slug of the model served (any company's).
    pub model: String,
    pub region: String,
    pub api_model_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mainland_reachable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub served_from: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub served_to: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limits: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub free_quotas: Vec<FreeQuotaSeed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FreeQuotaSeed {
    pub dimension: PriceDimension,
    pub quantity: Dec,
    pub unit: PriceUnit,
    pub period: QuotaPeriod,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_after_days: Option<i64>,
    #[serde(default)]
    pub new_accounts_only: bool,
    pub effective_from: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSeed {
    pub slug: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    pub billing_period: BillingPeriod,
    pub amount: Dec,
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_included: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_period_amount: Option<Dec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_caps: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits_per_period: Option<Dec>,
    /// Slugs of the models it includes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<String>,
    pub effective_from: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CreditCostSeed {
    pub work: String,
    /// Slug of the model doing the work.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    pub unit: PriceUnit,
    pub unit_quantity: i64,
    pub credits: Dec,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<i64>,
    pub effective_from: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FilingSeed {
    pub filing_number: String,
    #[serde(rename = "type")]
    pub filing_type: FilingType,
    pub role: FilingRole,
    pub algorithm_name: String,
    /// Slug of the product filed for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// Slug of the model filed for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub announced_on: Option<NaiveDate>,
    #[serde(default = "active")]
    pub status: FilingStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

fn active() -> FilingStatus {
    FilingStatus::Active
}

/// `benchmarks.yaml`: a list of these.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkSeed {
    pub slug: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default = "yes")]
    pub higher_is_better: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

fn yes() -> bool {
    true
}

/// A row of `prices.csv`. The subject is an offering (`provider`, `region`, `api_model_id`,
/// `model`) or a `product`, never both.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PriceRow {
    pub provider: Option<String>,
    pub region: Option<String>,
    pub api_model_id: Option<String>,
    pub model: Option<String>,
    pub product: Option<String>,
    pub dimension: PriceDimension,
    pub unit: PriceUnit,
    pub unit_quantity: i64,
    pub amount: Dec,
    pub currency: String,
    pub tax_included: Option<bool>,
    /// STANDARD when empty.
    pub mode: Option<PriceMode>,
    pub min_input_tokens: Option<i64>,
    pub max_input_tokens: Option<i64>,
    pub tier_prices_whole_request: Option<bool>,
    pub cache_ttl_seconds: Option<i64>,
    pub window_start: Option<String>,
    pub window_end: Option<String>,
    pub window_time_zone: Option<String>,
    pub resolution: Option<String>,
    pub quality: Option<String>,
    pub duration_seconds: Option<i64>,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    /// false when empty.
    pub is_promotion: Option<bool>,
    pub promotion_ends_on: Option<NaiveDate>,
    pub verified_on: Option<NaiveDate>,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

/// A row of `events.csv`. `companies`, `models` and `products` are `slug:ROLE` pairs
/// separated by `;` (the role defaults to SUBJECT); `source_urls` are separated by spaces.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventRow {
    pub slug: String,
    pub occurred_on: NaiveDate,
    /// DAY when empty.
    pub date_precision: Option<DatePrecision>,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub subtype: Option<String>,
    pub title: String,
    pub title_zh: Option<String>,
    pub summary: Option<String>,
    pub summary_zh: Option<String>,
    pub importance: i32,
    pub companies: Option<String>,
    pub models: Option<String>,
    pub products: Option<String>,
    pub source_urls: String,
    pub amount: Option<Dec>,
    pub currency: Option<String>,
    pub funding_round: Option<String>,
    pub valuation: Option<Dec>,
    pub recorded_on: Option<NaiveDate>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

/// A row of `exchange_rates.csv`: one `base` bought `rate` of `quote` on `on_date`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RateRow {
    pub base: String,
    pub quote: String,
    pub rate: Dec,
    pub on_date: NaiveDate,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

/// A row of `scores.csv`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreRow {
    pub benchmark: String,
    pub model: String,
    pub value: Dec,
    pub measured_on: NaiveDate,
    pub self_reported: bool,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}
