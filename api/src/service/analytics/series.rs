//! How models' token prices moved: one point per week or month, each the cheapest offering's
//! headline prices per 1M tokens on the bucket's first day, converted at that day's rate.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use entities::{Dec, PriceDimension, company, model, offering, price};
use rust_decimal::Decimal as Exact;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{
    buckets::{BucketSize, check_range},
    compare::Blend,
    offers::{is_headline, named_models, offerings_of, per_million, prices_of},
};
use crate::{
    error::ApiError,
    service::money::{Money, RateKey, convert, currency_code, rates_for},
};

/// An offering and its headline price rows, all days.
type Headlines = (offering::Model, Vec<price::Model>);

/// The most models one series answer holds.
pub const MAX_MODELS: usize = 20;

/// What a series is asked for.
pub struct Ask<'a> {
    /// Models by slug, in the order to show.
    pub slugs: &'a [String],
    /// A company whose live models to add, by slug.
    pub company: Option<&'a str>,
    /// First day (included) and last day (excluded).
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub bucket: BucketSize,
    pub currency: &'a str,
    pub ratio: Blend,
}

/// A model's headline token prices on one day, those of its offering with the cheapest
/// blended price; all empty when no offering had input and output prices.
pub struct Point {
    /// The bucket's first day.
    pub start: NaiveDate,
    /// The day priced: the bucket's first day, or `from` for a bucket that starts before it.
    pub day: NaiveDate,
    pub offering: Option<offering::Model>,
    pub input_per_million: Option<Money>,
    pub output_per_million: Option<Money>,
    pub blended_per_million: Option<Money>,
}

/// One model's prices over time, a point per bucket, oldest first.
pub struct ModelSeries {
    pub model: model::Model,
    pub points: Vec<Point>,
}

/// The series asked for: four statements for any number of models and buckets beyond finding
/// the models (their offerings, those offerings' prices, the rates of every bucket's day).
pub async fn price_series<C: ConnectionTrait>(
    db: &C,
    ask: Ask<'_>,
) -> Result<Vec<ModelSeries>, ApiError> {
    check_range(ask.from, ask.to, ask.bucket)?;
    let target = currency_code(ask.currency)?;
    let ratio = ask.ratio.checked()?;
    let models = chosen_models(db, ask.slugs, ask.company).await?;
    let mut offerings_of =
        offerings_of(db, &models.iter().map(|m| m.id).collect::<Vec<_>>()).await?;
    let offering_ids: Vec<i64> = offerings_of.values().flatten().map(|o| o.id).collect();
    let mut prices_of = prices_of(db, &offering_ids, None).await?;
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
    let days: Vec<(NaiveDate, NaiveDate)> = ask
        .bucket
        .starts(ask.from, ask.to)
        .into_iter()
        .map(|start| (start, start.max(ask.from)))
        .collect();
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
    let rates = rates_for(db, &keys).await?;

    let mut answer = Vec::new();
    for (m, offerings) in priced {
        let mut points = Vec::new();
        for &(start, day) in &days {
            let mut best: Option<(Exact, Point)> = None;
            for (o, rows) in &offerings {
                let Some((input, output)) = headline_pair(rows, day) else {
                    continue;
                };
                let at_day = |p: &price::Model| {
                    convert(&rates, Dec(per_million(p)), &p.currency, &target, day)
                };
                let (input, output) = (at_day(input)?, at_day(output)?);
                let blended = ratio.blend(input.amount.0, output.amount.0);
                if best.as_ref().is_none_or(|(b, _)| blended < *b) {
                    let point = Point {
                        start,
                        day,
                        offering: Some(o.clone()),
                        input_per_million: Some(input),
                        output_per_million: Some(output),
                        blended_per_million: Some(Money::new(
                            Dec::from(blended),
                            &target,
                            Some(day),
                        )),
                    };
                    best = Some((blended, point));
                }
            }
            points.push(best.map(|(_, p)| p).unwrap_or(Point {
                start,
                day,
                offering: None,
                input_per_million: None,
                output_per_million: None,
                blended_per_million: None,
            }));
        }
        answer.push(ModelSeries { model: m, points });
    }
    Ok(answer)
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
async fn chosen_models<C: ConnectionTrait>(
    db: &C,
    slugs: &[String],
    company_slug: Option<&str>,
) -> Result<Vec<model::Model>, ApiError> {
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
            return Err(ApiError::bad_input(format!(
                "no company with the slug `{slug}`"
            )));
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
        )));
    }
    Ok(models)
}
