//! `compareModels(slugs:, currency:, asOf:)`: models side by side, prices normalised per
//! 1M tokens and converted to one currency (computed by `service::analytics::compare`).

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::NaiveDate;

use crate::{
    graphql::{
        context::db,
        model::Model,
        money::Money,
        offering::Offering,
        price::{FreeQuota, Price},
        scalars::Date,
    },
    service::analytics::compare::{self, Blend},
};

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
    /// The ratio asked for, 3:1 when left out (checked where it is used).
    pub fn or_default(ratio: Option<BlendRatio>) -> Blend {
        ratio.map_or_else(Blend::default, |r| Blend {
            input: r.input,
            output: r.output,
        })
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
        let ratio = BlendRatio::or_default(ratio);
        let day: NaiveDate = as_of.map(|d| d.0).unwrap_or_else(crate::clock::today);
        let rows = compare::compare_models(db(ctx), &slugs, &currency, day, ratio).await?;
        Ok(rows.into_iter().map(ModelComparison::from).collect())
    }
}

impl From<compare::Comparison> for ModelComparison {
    fn from(c: compare::Comparison) -> Self {
        ModelComparison {
            model: Model(c.model),
            offerings: c
                .offerings
                .into_iter()
                .map(OfferingComparison::from)
                .collect(),
            cheapest_blended_per_million: c.cheapest_blended_per_million,
            priced: c.priced,
            note: c.note,
        }
    }
}

impl From<compare::OfferingLine> for OfferingComparison {
    fn from(o: compare::OfferingLine) -> Self {
        OfferingComparison {
            offering: Offering(o.offering),
            input_per_million: o.input_per_million,
            output_per_million: o.output_per_million,
            cached_input_per_million: o.cached_input_per_million,
            blended_per_million: o.blended_per_million,
            prices: o.prices.into_iter().map(Price).collect(),
            free_quotas: o.free_quotas.into_iter().map(FreeQuota).collect(),
        }
    }
}
