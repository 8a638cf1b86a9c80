//! The shape of the seed files, as serde reads them. Unknown keys are refused, so a typo in
//! a field name is an error and not a silently dropped fact. A company file's records and a
//! CSV table's rows take their fields from their entity ([`Values`]) and name here only what
//! they write otherwise.

use chrono::NaiveDate;
use entities::{
    benchmark, company, credit_cost, event, exchange_rate, filing, free_quota, model, offering,
    price, product, score, subscription_plan,
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

/// A row of `prices.csv`: its subject, an offering or a `product` (never both), then the
/// price's own columns ([`Values`]).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PriceRow {
    #[serde(flatten)]
    pub offering: OfferingRef,
    pub product: Option<String>,
    #[serde(flatten)]
    pub row: Values<price::Entity>,
}

/// An offering by its natural key, as a price row names it: the provider's slug, the region,
/// the API model id and the model's slug.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct OfferingRef {
    pub provider: Option<String>,
    pub region: Option<String>,
    pub api_model_id: Option<String>,
    pub model: Option<String>,
}

impl OfferingRef {
    /// The offering's key (`provider/region/api_model_id→model`) when all four are given.
    pub fn key(&self) -> Option<String> {
        match (
            &self.provider,
            &self.region,
            &self.api_model_id,
            &self.model,
        ) {
            (Some(provider), Some(region), Some(api), Some(model)) => {
                Some(crate::validate::offering_key(provider, region, api, model))
            }
            _ => None,
        }
    }

    /// Whether none of the four is given (the price is a product's).
    pub fn is_empty(&self) -> bool {
        [
            &self.provider,
            &self.region,
            &self.api_model_id,
            &self.model,
        ]
        .iter()
        .all(|part| part.is_none())
    }
}

/// A row of `events.csv`: the event's own columns, then `companies`, `models` and `products`
/// as `slug:ROLE` pairs separated by `;` (the role defaults to SUBJECT), its `source_urls`
/// separated by spaces, and `recorded_on` (else the day the source was read, else the day it
/// happened).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct EventRow {
    #[serde(flatten)]
    pub row: Values<event::Entity>,
    pub companies: Option<String>,
    pub models: Option<String>,
    pub products: Option<String>,
    #[serde(default)]
    pub source_urls: String,
    pub recorded_on: Option<NaiveDate>,
}

/// A row of `exchange_rates.csv`: one `base` bought `rate` of `quote` on `on_date`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RateRow {
    #[serde(flatten)]
    pub row: Values<exchange_rate::Entity>,
}

/// A row of `scores.csv`: a model's score on a benchmark, both by slug.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ScoreRow {
    pub benchmark: String,
    pub model: String,
    #[serde(flatten)]
    pub row: Values<score::Entity>,
}

/// A CSV table's row: its own columns are its kind's ([`Values`]), beside the columns it
/// writes otherwise.
pub trait CsvRow: Serialize + Default {
    /// The kind's own columns, by their seed names, in the row's order.
    fn own_columns() -> Vec<String>;
}

/// A seed record reads as its row (`model.slug`, `plan.effective_from`, `price.amount`)
/// beside what it writes otherwise.
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
    PriceRow => price,
    EventRow => event,
    RateRow => exchange_rate,
    ScoreRow => score,
);

macro_rules! csv_rows {
    ($($row:ident => $module:ident),* $(,)?) => {$(
        impl CsvRow for $row {
            fn own_columns() -> Vec<String> {
                crate::values::seed_keys::<$module::Entity>()
            }
        }
    )*};
}

csv_rows!(
    PriceRow => price,
    EventRow => event,
    RateRow => exchange_rate,
    ScoreRow => score,
);
