//! What a workload would cost per month on each candidate offering: context tiers, cache,
//! batch and off-peak prices applied, free quotas taken off, converted to one currency.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};
use entities::{
    Dec, Direction, PriceDimension, PriceMode, PriceUnit, QuotaPeriod, model, offering, price,
};
use rust_decimal::Decimal as Exact;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::offers::{Offer, offers, rates_to, unit_price};
use crate::{
    error::ApiError,
    service::{
        filter_sql::{with_any_task, with_media_types},
        money::{Money, Rates, convert, currency_code},
    },
};

/// Which offerings to consider; all conditions must hold, and a condition left out holds.
#[derive(Default, Debug)]
pub struct Candidates {
    /// Model slugs (a shortlist).
    pub models: Option<Vec<String>>,
    /// Task slugs, any of them.
    pub tasks: Option<Vec<String>>,
    /// Media types taken in, all of them.
    pub input_media_types: Option<Vec<String>>,
    /// Media types put out, all of them.
    pub output_media_types: Option<Vec<String>>,
    pub structured_output: Option<bool>,
    pub tool_calling: Option<bool>,
    /// In tokens.
    pub min_context_window: Option<i64>,
    pub regions: Option<Vec<String>>,
    pub mainland_reachable: Option<bool>,
    pub open_weights: Option<bool>,
}

/// A month of use.
#[derive(Debug)]
pub struct Workload {
    pub requests_per_month: i64,
    pub input_tokens: i64,
    pub output_tokens: i64,
    /// Share of input tokens read from the cache, 0 to 1.
    pub cached_share: Exact,
    /// Run as batch jobs where the offering has batch prices.
    pub batch: bool,
    /// `HH:MM` in the time zone each off-peak window is published in.
    pub time_of_day: Option<String>,
}

/// One candidate's estimate.
pub struct Estimate {
    pub offering: offering::Model,
    pub model: model::Model,
    /// The whole month after free quotas, in the currency asked for.
    pub monthly_cost: Option<Money>,
    /// One request before free quotas.
    pub cost_per_request: Option<Money>,
    /// The price rows used.
    pub prices_used: Vec<price::Model>,
    /// How the estimate was made, or why it could not be.
    pub notes: Vec<String>,
}

/// The most candidates one answer holds.
pub const MAX_CANDIDATES: i32 = 100;

/// The `limit` cheapest candidates for workload `w` on `day` in `currency`, cheapest
/// first; candidates without the prices needed come last, saying why.
pub async fn estimate_cost<C: ConnectionTrait>(
    db: &C,
    candidates: Candidates,
    w: &Workload,
    currency: &str,
    day: NaiveDate,
    limit: i32,
) -> Result<Vec<Estimate>, ApiError> {
    if w.requests_per_month < 0 || w.input_tokens < 0 || w.output_tokens < 0 {
        return Err(ApiError::bad_input(
            "requests and token counts are 0 or more",
        ));
    }
    if w.cached_share < Exact::ZERO || w.cached_share > Exact::ONE {
        return Err(ApiError::bad_input("cachedShare is a fraction from 0 to 1"));
    }
    if !(1..=MAX_CANDIDATES).contains(&limit) {
        return Err(ApiError::bad_input(format!(
            "limit is 1 to {MAX_CANDIDATES}"
        )));
    }
    let time = match &w.time_of_day {
        Some(t) => Some(NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| {
            ApiError::bad_input(format!("`{t}` is not a time of day: write HH:MM"))
        })?),
        None => None,
    };
    let to = currency_code(currency)?;
    let (models, offerings) = candidates_of(db, candidates).await?;
    let offers = offers(db, offerings, day).await?;
    let rates = rates_to(db, offers.iter().flat_map(|o| o.prices.iter()), &to, day).await?;

    let mut estimates = Vec::new();
    for offer in offers {
        let model = models
            .iter()
            .find(|m| m.id == offer.offering.model_id)
            .expect("filtered by model")
            .clone();
        estimates.push(one(offer, model, w, time, &to, &rates, day)?);
    }
    estimates.sort_by(|(a, x), (b, y)| match (a, b) {
        (Some(a), Some(b)) => a.cmp(b).then(x.offering.id.cmp(&y.offering.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.offering.id.cmp(&y.offering.id),
    });
    Ok(estimates
        .into_iter()
        .take(limit as usize)
        .map(|(_, e)| e)
        .collect())
}

/// The live models and their live offerings that meet every condition (two statements).
async fn candidates_of<C: ConnectionTrait>(
    db: &C,
    f: Candidates,
) -> Result<(Vec<model::Model>, Vec<offering::Model>), ApiError> {
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
    Ok((models, offerings))
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

/// One offering's estimate, with its monthly cost in `to` to sort by (none when the
/// prices needed are missing).
fn one(
    offer: Offer,
    model: model::Model,
    w: &Workload,
    time: Option<NaiveTime>,
    to: &str,
    rates: &Rates,
    day: NaiveDate,
) -> Result<(Option<Exact>, Estimate), ApiError> {
    let rows = &offer.prices;
    let mut notes = Vec::new();
    let input = pick(rows, PriceDimension::InputTokens, w, time);
    let output = pick(rows, PriceDimension::OutputTokens, w, time);
    let cached = pick(rows, PriceDimension::CachedInputTokens, w, time);
    let (Some(input), Some(output)) = (input, output) else {
        notes.push(format!(
            "no per-token input and output prices in effect on {day} for this workload"
        ));
        let estimate = Estimate {
            offering: offer.offering,
            model,
            monthly_cost: None,
            cost_per_request: None,
            prices_used: vec![],
            notes,
        };
        return Ok((None, estimate));
    };
    // An amount in a row's currency, in the currency asked for.
    let value = |amount: Exact, row: &price::Model| -> Result<Exact, ApiError> {
        Ok(convert(rates, Dec::from(amount), &row.currency, to, day)?
            .amount
            .0)
    };
    let currencies: BTreeSet<&str> = [input, output]
        .into_iter()
        .chain(cached)
        .map(|p| p.currency.as_str())
        .collect();
    if currencies.len() > 1 {
        notes.push("the rows used are in different currencies; each was converted".into());
    }
    let tokens_in = Exact::from(w.input_tokens);
    let cached_in = (tokens_in * w.cached_share).round_dp(0);
    let fresh_in = tokens_in - cached_in;
    let mut used = vec![input.clone(), output.clone()];
    let cached_price = match cached {
        Some(c) => {
            used.push(c.clone());
            c
        }
        None => {
            if !cached_in.is_zero() {
                notes.push("no cached-input price: cached tokens are charged as input".into());
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
        per_request += value(unit_price(row) * tokens, row)?;
    }
    let mut monthly = per_request * Exact::from(w.requests_per_month);
    for q in &offer.free_quotas {
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
        let free_value = value(unit_price(row) * per_month, row)?;
        let tokens_per_month = match q.dimension {
            PriceDimension::InputTokens => tokens_in,
            _ => Exact::from(w.output_tokens),
        } * Exact::from(w.requests_per_month);
        let spent = value(unit_price(row) * tokens_per_month, row)?;
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
    let round = |x: Exact| {
        Dec::from(x.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointNearestEven))
    };
    let estimate = Estimate {
        offering: offer.offering,
        model,
        monthly_cost: Some(Money::new(round(monthly.max(Exact::ZERO)), to, Some(day))),
        cost_per_request: Some(Money::new(
            Dec::from(per_request.round_dp(8)),
            to,
            Some(day),
        )),
        prices_used: used,
        notes,
    };
    Ok((Some(monthly), estimate))
}
