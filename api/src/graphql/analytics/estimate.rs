//! `estimateCost`: what a workload would cost per month on each candidate offering (computed
//! by `service::analytics::estimate`).

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::NaiveDate;
use entities::Dec;

use crate::{
    graphql::{
        context::db, model::Model, money::Money, offering::Offering, price::Price, scalars::Date,
    },
    service::analytics::estimate,
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
        let day: NaiveDate = as_of.map(|d| d.0).unwrap_or_else(crate::clock::today);
        let workload = estimate::Workload {
            requests_per_month: workload.requests_per_month,
            input_tokens: workload.input_tokens,
            output_tokens: workload.output_tokens,
            cached_share: workload.cached_share.0.0,
            batch: workload.batch,
            time_of_day: workload.time_of_day,
        };
        let f = filter.unwrap_or_default();
        let candidates = estimate::Candidates {
            models: f.models,
            tasks: f.tasks,
            input_media_types: f.input_media_types,
            output_media_types: f.output_media_types,
            structured_output: f.structured_output,
            tool_calling: f.tool_calling,
            min_context_window: f.min_context_window,
            regions: f.regions,
            mainland_reachable: f.mainland_reachable,
            open_weights: f.open_weights,
        };
        let estimates =
            estimate::estimate_cost(db(ctx), candidates, &workload, &currency, day, limit).await?;
        Ok(estimates
            .into_iter()
            .map(|e| Estimate {
                offering: Offering(e.offering),
                model: Model(e.model),
                monthly_cost: e.monthly_cost,
                cost_per_request: e.cost_per_request,
                prices_used: e.prices_used.into_iter().map(Price).collect(),
                notes: e.notes,
            })
            .collect())
    }
}
