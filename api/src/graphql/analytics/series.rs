//! `priceSeries`: how models' token prices moved, one point per week or month, for trend
//! charts — the cheapest offering's headline prices per 1M tokens on each bucket's first day
//! (computed by `service::analytics::series`).

use async_graphql::{Context, Object, Result, SimpleObject};

use super::compare::BlendRatio;
use crate::{
    graphql::{
        context::db, model::Model, money::Money, offering::Offering, scalars::Date,
        stats::BucketSize,
    },
    service::analytics::series,
};

/// One model's prices over time.
#[derive(SimpleObject)]
pub struct ModelPriceSeries {
    /// The model.
    pub model: Model,
    /// One point per bucket, oldest first, empty buckets included.
    pub points: Vec<PricePoint>,
}

/// A model's headline token prices on one day: those of its offering with the cheapest
/// blended price (standard calls, first context tier, no time-of-day window), per 1M tokens.
#[derive(SimpleObject)]
pub struct PricePoint {
    /// The bucket's first day.
    pub start: Date,
    /// The day priced: the bucket's first day, or `from` for a bucket that starts before it.
    pub day: Date,
    /// The cheapest offering that day; none when no offering had input and output prices.
    pub offering: Option<Offering>,
    /// Its input tokens per 1M.
    pub input_per_million: Option<Money>,
    /// Its output tokens per 1M.
    pub output_per_million: Option<Money>,
    /// Its blended price per 1M, weighed by `ratio`.
    pub blended_per_million: Option<Money>,
}

/// Reading price trends.
#[derive(Default)]
pub struct SeriesQuery;

#[Object]
impl SeriesQuery {
    /// Token prices over time for trend charts: per model (the models named, and every live
    /// model of `company`), one point per week (from Monday) or month in [from, to), each the
    /// cheapest offering's prices in effect on the bucket's first day, converted to
    /// `currency` at that day's rate. A missing rate is a NO_EXCHANGE_RATE error.
    #[graphql(complexity = "20 * child_complexity")]
    #[allow(clippy::too_many_arguments)]
    async fn price_series(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slugs of models, in the order to show.")] slugs: Option<Vec<String>>,
        #[graphql(desc = "Slug of a company whose models to add.")] company: Option<String>,
        #[graphql(desc = "First day (included).")] from: Date,
        #[graphql(desc = "Last day (excluded).")] to: Date,
        #[graphql(desc = "Week or month; a week by default.")] bucket: Option<BucketSize>,
        #[graphql(desc = "ISO 4217 code to express prices in, e.g. \"CNY\".")] currency: String,
        #[graphql(
            desc = "How input and output are weighed in the blended price (3:1 by default)."
        )]
        ratio: Option<BlendRatio>,
    ) -> Result<Vec<ModelPriceSeries>> {
        let slugs = slugs.unwrap_or_default();
        let ask = series::Ask {
            slugs: &slugs,
            company: company.as_deref(),
            from: from.0,
            to: to.0,
            bucket: bucket.unwrap_or(BucketSize::Week).into(),
            currency: &currency,
            ratio: BlendRatio::or_default(ratio),
        };
        let answer = series::price_series(db(ctx), ask).await?;
        Ok(answer
            .into_iter()
            .map(|s| ModelPriceSeries {
                model: Model(s.model),
                points: s
                    .points
                    .into_iter()
                    .map(|p| PricePoint {
                        start: Date(p.start),
                        day: Date(p.day),
                        offering: p.offering.map(Offering),
                        input_per_million: p.input_per_million,
                        output_per_million: p.output_per_million,
                        blended_per_million: p.blended_per_million,
                    })
                    .collect(),
            })
            .collect())
    }
}
