//! `compareModels(slugs:, currency:, asOf:)`: models side by side, prices normalised per
//! 1M tokens and converted to one currency.

use std::collections::{HashMap, HashSet};

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::NaiveDate;
use entities::{Dec, PriceDimension, PriceMode, PriceUnit, free_quota, model, offering, price};
use rust_decimal::Decimal as Exact;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    error::ApiError,
    graphql::{
        model::Model,
        money::{Money, RateKey, currency_code, missing_rate},
        offering::Offering,
        price::{FreeQuota, Price},
        scalars::Date,
        {context::db, context::loaders},
    },
};

/// The most models one comparison takes.
const MAX_MODELS: usize = 20;

/// How input and output tokens are weighed in a blended price.
#[derive(InputObject, Clone, Copy)]
pub struct BlendRatio {
    /// Parts of input tokens (3 by default).
    #[graphql(default = 3)]
    pub input: u32,
    /// Parts of output tokens (1 by default).
    #[graphql(default = 1)]
    pub output: u32,
}

impl BlendRatio {
    /// The ratio asked for, 3:1 when left out; refused when both parts are 0.
    pub fn checked(ratio: Option<BlendRatio>) -> Result<BlendRatio, ApiError> {
        let ratio = ratio.unwrap_or_default();
        if ratio.input + ratio.output == 0 {
            return Err(ApiError::bad_input("the blend ratio needs a part above 0"));
        }
        Ok(ratio)
    }

    /// (input × parts of input + output × parts of output) / all parts, to 8 decimal places.
    pub fn blend(&self, input: Exact, output: Exact) -> Exact {
        ((input * Exact::from(self.input) + output * Exact::from(self.output))
            / Exact::from(self.input + self.output))
        .round_dp(8)
    }
}

impl Default for BlendRatio {
    fn default() -> Self {
        BlendRatio {
            input: 3,
            output: 1,
        }
    }
}

/// One offering's headline token prices: standard calls, no context tier above the first,
/// no time-of-day window, per 1M tokens, in the requested currency.
#[derive(SimpleObject)]
pub struct OfferingComparison {
    /// The offering.
    pub offering: Offering,
    /// Input tokens per 1M.
    pub input_per_million: Option<Money>,
    /// Output tokens per 1M.
    pub output_per_million: Option<Money>,
    /// Cached input tokens per 1M.
    pub cached_input_per_million: Option<Money>,
    /// (input × ratio.input + output × ratio.output) / (ratio.input + ratio.output) per 1M.
    pub blended_per_million: Option<Money>,
    /// Every row in effect, in the vendor's own unit and currency (media, tiers, off-peak…).
    pub prices: Vec<Price>,
    /// Free quotas in effect.
    pub free_quotas: Vec<FreeQuota>,
}

/// A model's row in a comparison.
#[derive(SimpleObject)]
pub struct ModelComparison {
    /// The model: company, media types, context window, licence, scores…
    pub model: Model,
    /// Its offerings, cheapest blended price first (unpriced ones last).
    pub offerings: Vec<OfferingComparison>,
    /// The cheapest blended price per 1M tokens among its offerings.
    pub cheapest_blended_per_million: Option<Money>,
    /// Whether any price of it is in effect on the day.
    pub priced: bool,
    /// Why a number is missing, e.g. "no price in effect on 2024-05-01".
    pub note: Option<String>,
}

pub(super) fn is_headline(p: &price::Model) -> bool {
    p.unit == PriceUnit::Token
        && p.mode == PriceMode::Standard
        && p.window_start.is_none()
        && p.min_input_tokens.is_none_or(|min| min == 0)
        && p.offering_id.is_some()
}

pub(super) fn per_million(p: &price::Model) -> Exact {
    p.amount.0 * Exact::from(1_000_000) / Exact::from(p.unit_quantity)
}

/// Reading comparisons.
#[derive(Default)]
pub struct CompareQuery;

#[Object]
impl CompareQuery {
    /// Models side by side on one day: their offerings' token prices per 1M tokens in one
    /// currency (the vendor's own rows alongside), a blended price, free quotas and, through
    /// `model`, company, media types, context window, licence, release date and scores.
    #[graphql(complexity = "20 * child_complexity")]
    async fn compare_models(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slugs of the models, at most 20, in the order to show.")] slugs: Vec<
            String,
        >,
        #[graphql(desc = "ISO 4217 code to express prices in, e.g. \"CNY\".")] currency: String,
        #[graphql(desc = "The day; today when left out.")] as_of: Option<Date>,
        #[graphql(
            desc = "How input and output are weighed in the blended price (3:1 by default)."
        )]
        ratio: Option<BlendRatio>,
    ) -> Result<Vec<ModelComparison>> {
        if slugs.is_empty() || slugs.len() > MAX_MODELS {
            return Err(ApiError::bad_input(format!("compare 1 to {MAX_MODELS} models")).into());
        }
        let ratio = BlendRatio::checked(ratio)?;
        let day: NaiveDate = as_of.map(|d| d.0).unwrap_or_else(crate::clock::today);
        let db = db(ctx);
        let models = model::Entity::find()
            .filter(model::Column::Slug.is_in(slugs.clone()))
            .filter(model::Column::DeletedAt.is_null())
            .all(db)
            .await?;
        let unknown: Vec<&String> = slugs
            .iter()
            .filter(|s| !models.iter().any(|m| &m.slug == *s))
            .collect();
        if !unknown.is_empty() {
            return Err(ApiError::bad_input(format!(
                "no model with the slug {}",
                unknown
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .into());
        }
        // A fixed number of statements for any number of models: their offerings, those
        // offerings' prices and free quotas, then every exchange rate the rows need.
        let mut offerings_of = loaders(ctx)
            .offerings_by_model
            .load_many(models.iter().map(|m| m.id))
            .await
            .map_err(ApiError::from)?;
        let offering_ids: Vec<i64> = offerings_of.values().flatten().map(|o| o.id).collect();
        let in_effect =
            |from: NaiveDate, to: Option<NaiveDate>| from <= day && to.is_none_or(|to| day < to);
        let mut prices_of = loaders(ctx)
            .prices_by_offering
            .load_many(offering_ids.clone())
            .await
            .map_err(ApiError::from)?;
        let mut quotas_of = loaders(ctx)
            .free_quotas_by_offering
            .load_many(offering_ids)
            .await
            .map_err(ApiError::from)?;
        let target = currency_code(&currency)?;
        let keys: Vec<RateKey> = prices_of
            .values()
            .flatten()
            .filter(|p| is_headline(p) && in_effect(p.effective_from, p.effective_to))
            .map(|p| RateKey {
                from: p.currency.clone(),
                to: target.clone(),
                on: day,
            })
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let rates = loaders(ctx)
            .rates
            .load_many(keys)
            .await
            .map_err(ApiError::from)?;

        let mut rows = Vec::new();
        for slug in &slugs {
            let m = models
                .iter()
                .find(|m| &m.slug == slug)
                .expect("checked above")
                .clone();
            let offerings = offerings_of
                .remove(&m.id)
                .unwrap_or_default()
                .into_iter()
                .map(|o| {
                    let prices = prices_of
                        .remove(&o.id)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|p| in_effect(p.effective_from, p.effective_to))
                        .collect();
                    let quotas = quotas_of
                        .remove(&o.id)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|q| in_effect(q.effective_from, q.effective_to))
                        .collect();
                    (o, prices, quotas)
                })
                .collect();
            rows.push(compare_one(m, offerings, &target, &rates, day, ratio)?);
        }
        Ok(rows)
    }
}

/// An offering with its price rows and free quotas in effect on the day.
type InEffect = (offering::Model, Vec<price::Model>, Vec<free_quota::Model>);

fn compare_one(
    m: model::Model,
    offerings: Vec<InEffect>,
    currency: &str,
    rates: &HashMap<RateKey, crate::service::currency::DatedRate>,
    day: NaiveDate,
    ratio: BlendRatio,
) -> Result<ModelComparison> {
    let mut compared = Vec::new();
    for (o, rows, quotas) in offerings {
        let normalised = |dimension: PriceDimension| -> Result<Option<Money>, ApiError> {
            let Some(p) = rows
                .iter()
                .find(|p| is_headline(p) && p.dimension == dimension)
            else {
                return Ok(None);
            };
            let key = RateKey {
                from: p.currency.clone(),
                to: currency.to_owned(),
                on: day,
            };
            let rate = rates.get(&key).ok_or_else(|| missing_rate(&key))?;
            Ok(Some(
                Money::new(Dec::from(per_million(p)), &p.currency, Some(day))
                    .at_rate(rate, currency, day),
            ))
        };
        let input = normalised(PriceDimension::InputTokens)?;
        let output = normalised(PriceDimension::OutputTokens)?;
        let cached = normalised(PriceDimension::CachedInputTokens)?;
        let blended = match (&input, &output) {
            (Some(i), Some(o)) => Some(Money::new(
                Dec::from(ratio.blend(i.amount.0, o.amount.0)),
                &i.currency,
                Some(day),
            )),
            _ => None,
        };
        compared.push(OfferingComparison {
            offering: Offering(o),
            input_per_million: input,
            output_per_million: output,
            cached_input_per_million: cached,
            blended_per_million: blended,
            prices: rows.into_iter().map(Price).collect(),
            free_quotas: quotas.into_iter().map(FreeQuota).collect(),
        });
    }
    compared.sort_by(|a, b| {
        let key = |c: &OfferingComparison| c.blended_per_million.as_ref().map(|m| m.amount);
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.offering.0.api_model_id.cmp(&b.offering.0.api_model_id),
        }
    });
    let priced = compared.iter().any(|c| !c.prices.is_empty());
    let cheapest = compared.iter().find_map(|c| c.blended_per_million.clone());
    let note = if !priced {
        Some(format!("no price in effect on {day}"))
    } else if cheapest.is_none() {
        Some("no standard per-token input and output prices: see the offerings' price rows".into())
    } else {
        None
    };
    Ok(ModelComparison {
        model: Model(m),
        offerings: compared,
        cheapest_blended_per_million: cheapest,
        priced,
        note,
    })
}
