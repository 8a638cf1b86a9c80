//! `compareModels(slugs:, currency:, asOf:)`: models side by side, prices normalised per
//! 1M tokens and converted to one currency.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::NaiveDate;
use entities::{Dec, PriceDimension, PriceMode, PriceUnit, model, offering, price};
use rust_decimal::Decimal as Exact;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    error::ApiError,
    graphql::{
        common::{db, loaders},
        loaders::all,
        model::Model,
        money::Money,
        offering::Offering,
        price::{FreeQuota, Price},
        scalars::Date,
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
        let mut rows = Vec::new();
        for slug in &slugs {
            let m = models
                .iter()
                .find(|m| &m.slug == slug)
                .expect("checked above")
                .clone();
            rows.push(compare_one(ctx, m, &currency, day, ratio).await?);
        }
        Ok(rows)
    }
}

async fn compare_one(
    ctx: &Context<'_>,
    m: model::Model,
    currency: &str,
    day: NaiveDate,
    ratio: BlendRatio,
) -> Result<ModelComparison> {
    let offerings: Vec<offering::Model> = all(&loaders(ctx).offerings_by_model, m.id).await?;
    let on = Some(Date(day));
    let mut compared = Vec::new();
    for o in offerings {
        let rows: Vec<price::Model> = all(&loaders(ctx).prices_by_offering, o.id)
            .await?
            .into_iter()
            .filter(|p| p.effective_from <= day && p.effective_to.is_none_or(|to| day < to))
            .collect();
        let quotas = all(&loaders(ctx).free_quotas_by_offering, o.id)
            .await?
            .into_iter()
            .filter(|q| q.effective_from <= day && q.effective_to.is_none_or(|to| day < to))
            .map(FreeQuota)
            .collect();
        let headline = |dimension: PriceDimension| {
            rows.iter()
                .find(|p| is_headline(p) && p.dimension == dimension)
        };
        let normalised = |dimension| -> Option<Money> {
            headline(dimension)
                .map(|p| Money::new(Dec::from(per_million(p)), &p.currency, Some(day)))
        };
        let (input, output, cached) = (
            normalised(PriceDimension::InputTokens),
            normalised(PriceDimension::OutputTokens),
            normalised(PriceDimension::CachedInputTokens),
        );
        let convert = |money: Option<Money>| async move {
            match money {
                Some(money) => money.convert(ctx, currency, on).await.map(Some),
                None => Ok(None),
            }
        };
        let input = convert(input).await?;
        let output = convert(output).await?;
        let cached = convert(cached).await?;
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
            free_quotas: quotas,
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
