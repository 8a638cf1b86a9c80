//! `estimateCost`: what a workload would cost per month on each candidate offering.

use std::collections::HashSet;

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{NaiveDate, NaiveTime};
use entities::{
    Dec, Direction, PriceDimension, PriceMode, PriceUnit, QuotaPeriod, free_quota, model, offering,
    price,
};
use rust_decimal::Decimal as Exact;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    error::ApiError,
    graphql::{
        model::{Model, with_any_task, with_media_types},
        money::{Money, RateKey, currency_code, missing_rate},
        offering::Offering,
        price::Price,
        scalars::Date,
        {context::db, context::loaders},
    },
};

/// Which offerings to consider; all conditions must hold.
#[derive(InputObject, Default)]
pub struct CandidateFilter {
    /// Slugs of the models to consider (a shortlist); all live models when left out.
    pub models: Option<Vec<String>>,
    /// Slugs of tasks the model must do; any of them.
    pub tasks: Option<Vec<String>>,
    /// Slugs of media types the model must take in; all of them.
    pub input_media_types: Option<Vec<String>>,
    /// Slugs of media types the model must put out; all of them.
    pub output_media_types: Option<Vec<String>>,
    /// Only models known to return structured output (JSON).
    pub structured_output: Option<bool>,
    /// Only models known to call tools.
    pub tool_calling: Option<bool>,
    /// Only models with at least this context window, in tokens.
    pub min_context_window: Option<i64>,
    /// Only these regions.
    pub regions: Option<Vec<String>>,
    /// Only offerings reachable (true) or not (false) from mainland China.
    pub mainland_reachable: Option<bool>,
    /// Only open-weights models (true) or closed ones (false).
    pub open_weights: Option<bool>,
}

/// A month of use.
#[derive(InputObject)]
pub struct Workload {
    /// Requests per month.
    pub requests_per_month: i64,
    /// Input tokens per request.
    pub input_tokens: i64,
    /// Output tokens per request.
    pub output_tokens: i64,
    /// Share of input tokens read from the cache, 0 to 1 (e.g. "0.5").
    #[graphql(default_with = "crate::graphql::scalars::Decimal(Dec::default())")]
    pub cached_share: crate::graphql::scalars::Decimal,
    /// Run as batch jobs where the offering has batch prices.
    #[graphql(default = false)]
    pub batch: bool,
    /// Time of day the calls are made, `HH:MM` in the time zone each off-peak window is
    /// published in (Asia/Shanghai for the Chinese vendors); all calls at that time.
    pub time_of_day: Option<String>,
}

/// One candidate's estimate.
#[derive(SimpleObject)]
pub struct Estimate {
    /// The offering.
    pub offering: Offering,
    /// Its model.
    pub model: Model,
    /// Cost of the whole month after free quotas, in the requested currency.
    pub monthly_cost: Option<Money>,
    /// Cost of one request before free quotas, in the requested currency.
    pub cost_per_request: Option<Money>,
    /// The price rows the estimate used.
    pub prices_used: Vec<Price>,
    /// How the estimate was made, or why it could not be.
    pub notes: Vec<String>,
}

/// The row for `dimension` that applies to this workload, if any.
fn pick<'a>(
    rows: &'a [price::Model],
    dimension: PriceDimension,
    w: &Workload,
    time: Option<NaiveTime>,
) -> Option<&'a price::Model> {
    let fits = |p: &&price::Model| {
        p.dimension == dimension
            && p.unit == PriceUnit::Token
            && p.min_input_tokens.is_none_or(|min| w.input_tokens >= min)
            && p.max_input_tokens.is_none_or(|max| w.input_tokens <= max)
    };
    let in_window = |p: &price::Model| match (&p.window_start, &p.window_end, time) {
        (Some(start), Some(end), Some(t)) => {
            let (Ok(s), Ok(e)) = (
                NaiveTime::parse_from_str(start, "%H:%M"),
                NaiveTime::parse_from_str(end, "%H:%M"),
            ) else {
                return false;
            };
            if s <= e {
                s <= t && t < e
            } else {
                t >= s || t < e
            }
        }
        _ => false,
    };
    let mode = if w.batch {
        PriceMode::Batch
    } else {
        PriceMode::Standard
    };
    let candidates: Vec<&price::Model> = rows.iter().filter(fits).collect();
    let by_mode = |m: PriceMode| candidates.iter().copied().filter(move |p| p.mode == m);
    // A time-of-day row beats the all-day row; batch beats standard when asked for.
    by_mode(mode)
        .find(|p| in_window(p))
        .or_else(|| by_mode(mode).find(|p| p.window_start.is_none()))
        .or_else(|| by_mode(PriceMode::Standard).find(|p| in_window(p)))
        .or_else(|| by_mode(PriceMode::Standard).find(|p| p.window_start.is_none()))
}

fn unit_price(p: &price::Model) -> Exact {
    p.amount.0 / Exact::from(p.unit_quantity)
}

/// Reading estimates.
#[derive(Default)]
pub struct EstimateQuery;

#[Object]
impl EstimateQuery {
    /// What a workload would cost per month on each candidate offering, cheapest first, in
    /// one currency: context tiers, cache, batch and off-peak prices applied, free quotas
    /// (daily and monthly ones) taken off, and the rows used listed. Offerings without the
    /// prices needed come last, saying why.
    #[graphql(complexity = "50 * child_complexity")]
    async fn estimate_cost(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which offerings to consider.")] filter: Option<CandidateFilter>,
        #[graphql(desc = "The month of use.")] workload: Workload,
        #[graphql(desc = "ISO 4217 code of the currency to answer in.")] currency: String,
        #[graphql(desc = "The day of the prices and rates; today when left out.")] as_of: Option<
            Date,
        >,
        #[graphql(desc = "How many candidates, at most 100.", default = 20)] limit: i32,
    ) -> Result<Vec<Estimate>> {
        let w = workload;
        if w.requests_per_month < 0 || w.input_tokens < 0 || w.output_tokens < 0 {
            return Err(ApiError::bad_input("requests and token counts are 0 or more").into());
        }
        let share = w.cached_share.0.0;
        if share < Exact::ZERO || share > Exact::ONE {
            return Err(ApiError::bad_input("cachedShare is a fraction from 0 to 1").into());
        }
        if !(1..=100).contains(&limit) {
            return Err(ApiError::bad_input("limit is 1 to 100").into());
        }
        let time = match &w.time_of_day {
            Some(t) => Some(NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| {
                ApiError::bad_input(format!("`{t}` is not a time of day: write HH:MM"))
            })?),
            None => None,
        };
        let day: NaiveDate = as_of.map(|d| d.0).unwrap_or_else(crate::clock::today);
        let to = currency_code(&currency)?;
        let f = filter.unwrap_or_default();
        let db = db(ctx);

        let mut models = model::Entity::find().filter(model::Column::DeletedAt.is_null());
        if let Some(slugs) = f.models {
            models = models.filter(model::Column::Slug.is_in(slugs));
        }
        if let Some(slugs) = f.tasks {
            models = models.filter(with_any_task(slugs));
        }
        for (slugs, direction) in [
            (f.input_media_types, Direction::Input),
            (f.output_media_types, Direction::Output),
        ] {
            if let Some(slugs) = slugs {
                models = models.filter(with_media_types(&slugs, direction));
            }
        }
        if let Some(flag) = f.structured_output {
            models = models.filter(model::Column::StructuredOutput.eq(flag));
        }
        if let Some(flag) = f.tool_calling {
            models = models.filter(model::Column::ToolCalling.eq(flag));
        }
        if let Some(min) = f.min_context_window {
            models = models.filter(model::Column::ContextWindow.gte(min));
        }
        if let Some(open) = f.open_weights {
            models = models.filter(model::Column::OpenWeights.eq(open));
        }
        let models = models.all(db).await?;
        let mut offerings = offering::Entity::find()
            .filter(offering::Column::DeletedAt.is_null())
            .filter(offering::Column::ModelId.is_in(models.iter().map(|m| m.id)));
        if let Some(regions) = f.regions {
            offerings = offerings.filter(offering::Column::Region.is_in(regions));
        }
        if let Some(reachable) = f.mainland_reachable {
            offerings = offerings.filter(offering::Column::MainlandReachable.eq(reachable));
        }
        let offerings = offerings.all(db).await?;

        // Every candidate's rows and the rates they need, in three statements.
        let in_effect =
            |from: NaiveDate, to: Option<NaiveDate>| from <= day && to.is_none_or(|to| day < to);
        let ids: Vec<i64> = offerings.iter().map(|o| o.id).collect();
        let mut prices_of = loaders(ctx)
            .prices_by_offering
            .load_many(ids.clone())
            .await
            .map_err(ApiError::from)?;
        let mut quotas_of = loaders(ctx)
            .free_quotas_by_offering
            .load_many(ids)
            .await
            .map_err(ApiError::from)?;
        let keys: HashSet<RateKey> = prices_of
            .values()
            .flatten()
            .filter(|p| in_effect(p.effective_from, p.effective_to))
            .map(|p| RateKey {
                from: p.currency.clone(),
                to: to.clone(),
                on: day,
            })
            .collect();
        let rates = loaders(ctx)
            .rates
            .load_many(keys)
            .await
            .map_err(ApiError::from)?;
        // An amount in a row's currency, in the currency asked for.
        let convert = |amount: Exact, from: &str| -> Result<Exact, ApiError> {
            let key = RateKey {
                from: from.to_owned(),
                to: to.clone(),
                on: day,
            };
            let rate = rates.get(&key).ok_or_else(|| missing_rate(&key))?;
            Ok(Money::new(Dec::from(amount), from, Some(day))
                .at_rate(rate, &to, day)
                .amount
                .0)
        };

        let mut estimates = Vec::new();
        for o in offerings {
            let model = models
                .iter()
                .find(|m| m.id == o.model_id)
                .expect("filtered by model")
                .clone();
            let rows: Vec<price::Model> = prices_of
                .remove(&o.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|p| in_effect(p.effective_from, p.effective_to))
                .collect();
            let quotas: Vec<free_quota::Model> = quotas_of
                .remove(&o.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|q| in_effect(q.effective_from, q.effective_to))
                .collect();
            let mut notes = Vec::new();
            let input = pick(&rows, PriceDimension::InputTokens, &w, time);
            let output = pick(&rows, PriceDimension::OutputTokens, &w, time);
            let cached = pick(&rows, PriceDimension::CachedInputTokens, &w, time);
            let (Some(input), Some(output)) = (input, output) else {
                notes.push(format!(
                    "no per-token input and output prices in effect on {day} for this workload"
                ));
                estimates.push((
                    None,
                    Estimate {
                        offering: Offering(o),
                        model: Model(model),
                        monthly_cost: None,
                        cost_per_request: None,
                        prices_used: vec![],
                        notes,
                    },
                ));
                continue;
            };
            let currencies = [input, output]
                .iter()
                .chain(cached.iter())
                .map(|p| p.currency.clone())
                .collect::<std::collections::BTreeSet<_>>();
            if currencies.len() > 1 {
                notes.push("the rows used are in different currencies; each was converted".into());
            }
            let tokens_in = Exact::from(w.input_tokens);
            let cached_in = (tokens_in * share).round_dp(0);
            let fresh_in = tokens_in - cached_in;
            let mut used = vec![input.clone(), output.clone()];
            let cached_price = match cached {
                Some(c) => {
                    used.push(c.clone());
                    c
                }
                None => {
                    if !cached_in.is_zero() {
                        notes.push(
                            "no cached-input price: cached tokens are charged as input".into(),
                        );
                    }
                    input
                }
            };
            // Each part in the row's own currency, then converted at the day's rate.
            let parts = [
                (input, fresh_in),
                (cached_price, cached_in),
                (output, Exact::from(w.output_tokens)),
            ];
            let mut per_request = Exact::ZERO;
            for (row, tokens) in parts {
                per_request += convert(unit_price(row) * tokens, &row.currency)?;
            }
            let mut monthly = per_request * Exact::from(w.requests_per_month);
            for q in &quotas {
                let per_month = match q.period {
                    QuotaPeriod::Day => q.quantity.0 * Exact::from(30),
                    QuotaPeriod::Month => q.quantity.0,
                    QuotaPeriod::Once => {
                        notes.push(format!(
                            "a one-time free quota of {} {} is not counted per month",
                            q.quantity, q.dimension
                        ));
                        continue;
                    }
                };
                let row = match q.dimension {
                    PriceDimension::InputTokens => input,
                    PriceDimension::OutputTokens => output,
                    _ => continue,
                };
                let free_value = convert(unit_price(row) * per_month, &row.currency)?;
                let tokens_per_month = match q.dimension {
                    PriceDimension::InputTokens => tokens_in,
                    _ => Exact::from(w.output_tokens),
                } * Exact::from(w.requests_per_month);
                let spent = convert(unit_price(row) * tokens_per_month, &row.currency)?;
                monthly -= free_value.min(spent);
                notes.push(format!(
                    "free quota of {} {} per {:?} taken off",
                    q.quantity, q.dimension, q.period
                ));
            }
            if w.batch && input.mode != PriceMode::Batch {
                notes.push("no batch prices: standard prices used".into());
            }
            if time.is_some() && input.window_start.is_some() {
                notes.push(format!(
                    "time-of-day price {}–{} applied",
                    input.window_start.clone().unwrap_or_default(),
                    input.window_end.clone().unwrap_or_default()
                ));
            }
            let round =
                |x: Exact| {
                    Dec::from(x.round_dp_with_strategy(
                        4,
                        rust_decimal::RoundingStrategy::MidpointNearestEven,
                    ))
                };
            estimates.push((
                Some(monthly),
                Estimate {
                    offering: Offering(o),
                    model: Model(model),
                    monthly_cost: Some(Money::new(round(monthly.max(Exact::ZERO)), &to, Some(day))),
                    cost_per_request: Some(Money::new(
                        Dec::from(per_request.round_dp(8)),
                        &to,
                        Some(day),
                    )),
                    prices_used: used.into_iter().map(Price).collect(),
                    notes,
                },
            ));
        }
        estimates.sort_by(|(a, x), (b, y)| match (a, b) {
            (Some(a), Some(b)) => a.cmp(b).then(x.offering.0.id.cmp(&y.offering.0.id)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => x.offering.0.id.cmp(&y.offering.0.id),
        });
        Ok(estimates
            .into_iter()
            .take(limit as usize)
            .map(|(_, e)| e)
            .collect())
    }
}
