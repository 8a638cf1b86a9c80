//! The shape of the seed files, as serde reads them. Unknown keys are refused, so a typo in
//! a field name is an error and not a silently dropped fact.

use chrono::NaiveDate;
use entities::{
    BillingPeriod, CompanyKind, Confidence, DatePrecision, Dec, EventType, FilingRole,
    FilingStatus, FilingType, ModelStatus, PriceDimension, PriceMode, PriceUnit, ProductKind,
    ProductStatus, QuotaPeriod,
};
use serde::Deserialize;

/// `media_types.yaml` and `tasks.yaml`: a list of these.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub description: Option<String>,
}

/// `companies/<slug>.yaml`: one company with what it makes, runs, sells and has filed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyFile {
    pub company: CompanySeed,
    #[serde(default)]
    pub models: Vec<ModelSeed>,
    #[serde(default)]
    pub products: Vec<ProductSeed>,
    #[serde(default)]
    pub offerings: Vec<OfferingSeed>,
    #[serde(default)]
    pub filings: Vec<FilingSeed>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanySeed {
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: CompanyKind,
    pub country: Option<String>,
    pub headquarters: Option<String>,
    pub founded_year: Option<i32>,
    pub website: Option<String>,
    /// Slug of the parent company.
    pub parent: Option<String>,
    pub description: Option<String>,
    pub description_zh: Option<String>,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSeed {
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub family: Option<String>,
    pub version: Option<String>,
    /// Slug of the model it was fine-tuned or distilled from.
    pub base_model: Option<String>,
    /// Slug of the model that replaces it.
    pub successor: Option<String>,
    pub release_date: Option<NaiveDate>,
    pub status: ModelStatus,
    pub preview_on: Option<NaiveDate>,
    pub ga_on: Option<NaiveDate>,
    pub deprecated_on: Option<NaiveDate>,
    pub retired_on: Option<NaiveDate>,
    #[serde(default)]
    pub open_weights: bool,
    pub license: Option<String>,
    pub commercial_use: Option<bool>,
    pub parameter_count: Option<i64>,
    pub context_window: Option<i64>,
    pub max_output_tokens: Option<i64>,
    pub knowledge_cutoff: Option<NaiveDate>,
    pub tool_calling: Option<bool>,
    pub structured_output: Option<bool>,
    pub reasoning: Option<bool>,
    /// Slugs of the media types it takes in.
    #[serde(default)]
    pub inputs: Vec<String>,
    /// Slugs of the media types it puts out.
    #[serde(default)]
    pub outputs: Vec<String>,
    /// Slugs of its tasks.
    #[serde(default)]
    pub tasks: Vec<String>,
    pub description: Option<String>,
    pub description_zh: Option<String>,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

/// Who a product is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Audience {
    Consumer,
    Business,
    Government,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductSeed {
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: ProductKind,
    #[serde(default)]
    pub audiences: Vec<Audience>,
    pub launch_date: Option<NaiveDate>,
    pub status: ProductStatus,
    pub url: Option<String>,
    /// Slugs of the models it runs on (any company's).
    #[serde(default)]
    pub models: Vec<String>,
    #[serde(default)]
    pub tasks: Vec<String>,
    pub description: Option<String>,
    pub description_zh: Option<String>,
    #[serde(default)]
    pub plans: Vec<PlanSeed>,
    #[serde(default)]
    pub credit_costs: Vec<CreditCostSeed>,
    #[serde(default)]
    pub free_quotas: Vec<FreeQuotaSeed>,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferingSeed {
    /// Slug of the model served (any company's).
    pub model: String,
    pub region: String,
    pub api_model_id: String,
    pub mainland_reachable: Option<bool>,
    pub served_from: Option<NaiveDate>,
    pub served_to: Option<NaiveDate>,
    pub rate_limits: Option<String>,
    #[serde(default)]
    pub free_quotas: Vec<FreeQuotaSeed>,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FreeQuotaSeed {
    pub dimension: PriceDimension,
    pub quantity: Dec,
    pub unit: PriceUnit,
    pub period: QuotaPeriod,
    pub expires_after_days: Option<i64>,
    #[serde(default)]
    pub new_accounts_only: bool,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSeed {
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub billing_period: BillingPeriod,
    pub amount: Dec,
    pub currency: String,
    pub tax_included: Option<bool>,
    pub first_period_amount: Option<Dec>,
    pub usage_caps: Option<String>,
    pub credits_per_period: Option<Dec>,
    /// Slugs of the models it includes.
    #[serde(default)]
    pub models: Vec<String>,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditCostSeed {
    pub work: String,
    /// Slug of the model doing the work.
    pub model: Option<String>,
    pub unit: PriceUnit,
    pub unit_quantity: i64,
    pub credits: Dec,
    pub resolution: Option<String>,
    pub quality: Option<String>,
    pub duration_seconds: Option<i64>,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilingSeed {
    pub filing_number: String,
    #[serde(rename = "type")]
    pub filing_type: FilingType,
    pub role: FilingRole,
    pub algorithm_name: String,
    /// Slug of the product filed for.
    pub product: Option<String>,
    /// Slug of the model filed for.
    pub model: Option<String>,
    pub announced_on: Option<NaiveDate>,
    #[serde(default = "active")]
    pub status: FilingStatus,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

fn active() -> FilingStatus {
    FilingStatus::Active
}

/// `benchmarks.yaml`: a list of these.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkSeed {
    pub slug: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    #[serde(default = "yes")]
    pub higher_is_better: bool,
    pub source_url: Option<String>,
    pub observed_on: Option<NaiveDate>,
    pub confidence: Option<Confidence>,
}

fn yes() -> bool {
    true
}

/// A row of `prices.csv`. The subject is an offering (`provider`, `region`, `api_model_id`,
/// `model`) or a `product`, never both.
#[derive(Debug, Clone, Deserialize)]
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
#[derive(Debug, Clone, Deserialize)]
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
#[derive(Debug, Clone, Deserialize)]
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
#[derive(Debug, Clone, Deserialize)]
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
