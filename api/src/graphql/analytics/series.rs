//! `priceSeries`: how models' token prices moved, one point per week or month, for trend
//! charts — the cheapest offering's headline prices per 1M tokens on each bucket's first day.

use std::collections::{BTreeSet, HashMap};

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::NaiveDate;
use entities::{Dec, PriceDimension, company, model, offering, price};
use rust_decimal::Decimal as Exact;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::compare::BlendRatio;
use crate::{
    error::ApiError,
    graphql::{
        model::Model,
        money::{Money, RateKey, currency_code, missing_rate},
        offering::Offering,
        scalars::Date,
        stats::{BucketSize, bucket_start, check_range, next_bucket},
        {context::db, context::loaders},
    },
    service::{
        analytics::offers::{is_headline, named_models, per_million},
        currency::DatedRate,
    },
};

/// An offering and its headline price rows, all days.
type Headlines = (offering::Model, Vec<price::Model>);

/// The most models one series answer holds.
const MAX_MODELS: usize = 20;

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
        let (from, to) = (from.0, to.0);
        let bucket = bucket.unwrap_or(BucketSize::Week);
        check_range(from, to, bucket)?;
        let target = currency_code(&currency)?;
        let ratio = BlendRatio::or_default(ratio).checked()?;
        let slugs = slugs.unwrap_or_default();
        let models = chosen_models(ctx, &slugs, company.as_deref()).await?;

        // Two statements for all the models: their offerings, then those offerings' prices.
        let mut offerings_of = loaders(ctx)
            .offerings_by_model
            .load_many(models.iter().map(|m| m.id))
            .await
            .map_err(ApiError::from)?;
        let offering_ids: Vec<i64> = offerings_of.values().flatten().map(|o| o.id).collect();
        let mut prices_of = loaders(ctx)
            .prices_by_offering
            .load_many(offering_ids)
            .await
            .map_err(ApiError::from)?;
        let priced: Vec<(model::Model, Vec<Headlines>)> = models
            .into_iter()
            .map(|m| {
                let offerings = offerings_of
                    .remove(&m.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|o| {
                        let rows = prices_of.remove(&o.id).unwrap_or_default();
                        (o, rows.into_iter().filter(is_headline).collect())
                    })
                    .collect();
                (m, offerings)
            })
            .collect();

        let mut days = Vec::new();
        let mut start = bucket_start(from, bucket);
        while start < to {
            days.push((start, start.max(from)));
            start = next_bucket(start, bucket);
        }
        let currencies: BTreeSet<&str> = priced
            .iter()
            .flat_map(|(_, offerings)| offerings.iter().flat_map(|(_, rows)| rows.iter()))
            .map(|p| p.currency.as_str())
            .collect();
        let keys: Vec<RateKey> = currencies
            .iter()
            .flat_map(|c| {
                days.iter().map(|(_, day)| RateKey {
                    from: (*c).to_owned(),
                    to: target.clone(),
                    on: *day,
                })
            })
            .collect();
        let rates: HashMap<RateKey, DatedRate> = loaders(ctx)
            .rates
            .load_many(keys)
            .await
            .map_err(ApiError::from)?;

        let mut answer = Vec::new();
        for (m, offerings) in priced {
            let mut points = Vec::new();
            for (start, day) in &days {
                let mut best: Option<(Exact, PricePoint)> = None;
                for (o, rows) in &offerings {
                    let Some((input, output)) = headline_pair(rows, *day) else {
                        continue;
                    };
                    let convert = |p: &price::Model| -> Result<Money, ApiError> {
                        let key = RateKey {
                            from: p.currency.clone(),
                            to: target.clone(),
                            on: *day,
                        };
                        let rate = rates.get(&key).ok_or_else(|| missing_rate(&key))?;
                        Ok(Money::new(Dec(per_million(p)), &p.currency, Some(*day))
                            .at_rate(rate, &target, *day))
                    };
                    let (input, output) = (convert(input)?, convert(output)?);
                    let blended = ratio.blend(input.amount.0, output.amount.0);
                    if best.as_ref().is_none_or(|(b, _)| blended < *b) {
                        let point = PricePoint {
                            start: Date(*start),
                            day: Date(*day),
                            offering: Some(Offering(o.clone())),
                            input_per_million: Some(input),
                            output_per_million: Some(output),
                            blended_per_million: Some(Money::new(
                                Dec::from(blended),
                                &target,
                                Some(*day),
                            )),
                        };
                        best = Some((blended, point));
                    }
                }
                points.push(best.map(|(_, p)| p).unwrap_or(PricePoint {
                    start: Date(*start),
                    day: Date(*day),
                    offering: None,
                    input_per_million: None,
                    output_per_million: None,
                    blended_per_million: None,
                }));
            }
            answer.push(ModelPriceSeries {
                model: Model(m),
                points,
            });
        }
        Ok(answer)
    }
}

/// The headline input and output rows in effect on `day`, if the offering has both.
fn headline_pair(rows: &[price::Model], day: NaiveDate) -> Option<(&price::Model, &price::Model)> {
    let on = |dimension: PriceDimension| {
        rows.iter().find(|p| {
            p.dimension == dimension
                && p.effective_from <= day
                && p.effective_to.is_none_or(|to| day < to)
        })
    };
    Some((
        on(PriceDimension::InputTokens)?,
        on(PriceDimension::OutputTokens)?,
    ))
}

/// The live models named by `slugs`, in that order, then the live models of `company` not
/// already named, by slug.
async fn chosen_models(
    ctx: &Context<'_>,
    slugs: &[String],
    company_slug: Option<&str>,
) -> Result<Vec<model::Model>> {
    let db = db(ctx);
    let named = named_models(db, slugs).await?;
    let mut models: Vec<model::Model> = Vec::new();
    for m in slugs
        .iter()
        .filter_map(|s| named.iter().find(|m| &m.slug == s))
    {
        if !models.iter().any(|n| n.id == m.id) {
            models.push(m.clone());
        }
    }
    if let Some(slug) = company_slug {
        let Some(c) = company::Entity::find()
            .filter(company::Column::Slug.eq(slug))
            .filter(company::Column::DeletedAt.is_null())
            .one(db)
            .await?
        else {
            return Err(ApiError::bad_input(format!("no company with the slug `{slug}`")).into());
        };
        let mut theirs = model::Entity::find()
            .filter(model::Column::CompanyId.eq(c.id))
            .filter(model::Column::DeletedAt.is_null())
            .all(db)
            .await?;
        theirs.sort_by(|a, b| a.slug.cmp(&b.slug));
        for m in theirs {
            if !models.iter().any(|n| n.id == m.id) {
                models.push(m);
            }
        }
    }
    if models.is_empty() || models.len() > MAX_MODELS {
        return Err(ApiError::bad_input(format!(
            "a series takes 1 to {MAX_MODELS} models (named by `slugs` or through `company`); {} asked for",
            models.len()
        ))
        .into());
    }
    Ok(models)
}
