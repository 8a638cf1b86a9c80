//! The shape of the seed files, as serde reads them. Unknown keys are refused, so a typo in
//! a field name is an error and not a silently dropped fact. A company file's records take
//! their fields from their entity ([`Values`]) and name here only what they write otherwise;
//! the CSV tables list their columns.

use chrono::NaiveDate;
use entities::{
    Confidence, DatePrecision, Dec, EventType, PriceDimension, PriceMode, PriceUnit, benchmark,
    company, credit_cost, filing, free_quota, model, offering, product, subscription_plan,
};
use serde::{Deserialize, Serialize};

pub use crate::values::Values;

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

/// A company; its fields are its row's (see [`Values`]).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CompanySeed {
    #[serde(flatten)]
    pub row: Values<company::Entity>,
    /// Slug of the parent company.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// A model; its fields are its row's, with `version` for the row's `version_label`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ModelSeed {
    #[serde(flatten)]
    pub row: Values<model::Entity>,
    /// Slug of the model it was fine-tuned or distilled from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_model: Option<String>,
    /// Slug of the model that replaces it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    /// Slugs of the media types it takes in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<String>,
    /// Slugs of the media types it puts out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<String>,
    /// Slugs of its tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
}

/// Who a product is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Audience {
    Consumer,
    Business,
    Government,
}

/// A product with its plans, credit costs and free quotas; its fields are its row's, but
/// for the audience flags, written as `audiences`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ProductSeed {
    #[serde(flatten)]
    pub row: Values<product::Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<Audience>,
    /// Slugs of the models it runs on (any company's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<PlanSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credit_costs: Vec<CreditCostSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub free_quotas: Vec<FreeQuotaSeed>,
}

/// A model served by this company's API, with its free quotas.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct OfferingSeed {
    #[serde(flatten)]
    pub row: Values<offering::Entity>,
    /// Slug of the model served (any company's).
    pub model: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub free_quotas: Vec<FreeQuotaSeed>,
}

/// A free quota of an offering or a product.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FreeQuotaSeed {
    #[serde(flatten)]
    pub row: Values<free_quota::Entity>,
}

/// A subscription plan of a product.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct PlanSeed {
    #[serde(flatten)]
    pub row: Values<subscription_plan::Entity>,
    /// Slugs of the models it includes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub models: Vec<String>,
}

/// What a unit of a product's work costs in its credits.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CreditCostSeed {
    #[serde(flatten)]
    pub row: Values<credit_cost::Entity>,
    /// Slug of the model doing the work.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}

/// A CAC algorithm filing; `type` is the row's `filing_type`, and `status` is ACTIVE when
/// left out.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FilingSeed {
    #[serde(flatten)]
    pub row: Values<filing::Entity>,
    /// Slug of the product filed for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// Slug of the model filed for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}

/// `benchmarks.yaml`: a list of these.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct BenchmarkSeed {
    #[serde(flatten)]
    pub row: Values<benchmark::Entity>,
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

/// A company file's record reads as its row (`model.slug`, `plan.effective_from`) beside
/// what it writes otherwise.
macro_rules! read_as_row {
    ($($seed:ident => $module:ident),* $(,)?) => {$(
        impl std::ops::Deref for $seed {
            type Target = $module::Model;

            fn deref(&self) -> &$module::Model {
                &self.row
            }
        }

        impl std::ops::DerefMut for $seed {
            fn deref_mut(&mut self) -> &mut $module::Model {
                &mut self.row
            }
        }
    )*};
}

read_as_row!(
    CompanySeed => company,
    ModelSeed => model,
    ProductSeed => product,
    OfferingSeed => offering,
    FreeQuotaSeed => free_quota,
    PlanSeed => subscription_plan,
    CreditCostSeed => credit_cost,
    FilingSeed => filing,
    BenchmarkSeed => benchmark,
);
