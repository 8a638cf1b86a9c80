//! The tools. Each runs one GraphQL document of the public API as the caller and returns its
//! answer as JSON text (with the `asOf` day and the sources of every fact), so a tool answers
//! what `/graphql` answers and holds no rule of its own; a refusal — a bad argument, an
//! unknown slug, a role too low, a missing rate, a timeout — is a tool error whose text says
//! what to change, never a broken session.

use std::time::Duration;

use rmcp::{
    ErrorData, RoleServer, ServerHandler,
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerInfo},
    schemars::{self, JsonSchema},
    service::RequestContext,
    tool, tool_handler, tool_router,
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{auth::Caller, state::AppState};

/// The tool server: the app's state, and for stdio the one caller of the process.
#[derive(Clone)]
pub struct Landscape {
    state: AppState,
    fixed_caller: Option<Caller>,
    tool_router: ToolRouter<Landscape>,
}

/// `search_landscape`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SearchArgs {
    /// What to look for: an English or Chinese name, an alias or a slug, e.g. "千问" or "kling".
    pub query: String,
    /// How many results, 1 to 50 (10 by default).
    pub first: Option<i32>,
}

/// `get_model`'s and `get_company`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct RecordArgs {
    /// The record's slug, e.g. "deepseek-v3" or "moonshot" (find slugs with search_landscape).
    pub slug: String,
    /// ISO 4217 code for prices, e.g. "CNY" (the default) or "USD".
    pub currency: Option<String>,
    /// The day of the prices, YYYY-MM-DD; today (in the team's time zone) by default.
    pub as_of: Option<String>,
}

/// `compare_models`' arguments.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CompareArgs {
    /// Model slugs, 1 to 20, in the order to show.
    pub slugs: Vec<String>,
    /// ISO 4217 code to express every price in, e.g. "CNY".
    pub currency: String,
    /// The day, YYYY-MM-DD; today by default.
    pub as_of: Option<String>,
}

/// `estimate_cost`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct EstimateArgs {
    /// The shortlist of model slugs to price the workload on (at most 20).
    pub slugs: Vec<String>,
    /// Requests a month.
    pub requests_per_month: i64,
    /// Input tokens per request.
    pub input_tokens: i64,
    /// Output tokens per request.
    pub output_tokens: i64,
    /// Share of input tokens served from the cache, "0" to "1" (default "0").
    pub cached_share: Option<String>,
    /// ISO 4217 code of the answer, e.g. "CNY".
    pub currency: String,
    /// The day of the prices, YYYY-MM-DD; today by default.
    pub as_of: Option<String>,
}

/// `price_changes`' arguments.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ChangesArgs {
    /// First day, YYYY-MM-DD (inclusive).
    pub from: String,
    /// Last day, YYYY-MM-DD (exclusive).
    pub to: String,
    /// ISO 4217 code to give every amount in as well, e.g. "CNY".
    pub currency: Option<String>,
}

/// `weekly_digest`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct DigestArgs {
    /// Any day of the week wanted, YYYY-MM-DD; this week by default.
    pub week_of: Option<String>,
    /// "zh" for Chinese names and headings, "en" (the default) for English.
    pub lang: Option<String>,
}

/// `propose_event`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ProposeArgs {
    /// The headline in English.
    pub title: String,
    /// The headline in Chinese.
    pub title_zh: Option<String>,
    /// What happened, in a sentence or two.
    pub summary: Option<String>,
    /// The pages that report it, absolute http(s) URLs, 1 to 5; the first is its link.
    pub source_urls: Vec<String>,
    /// When it happened, YYYY-MM-DD, if known.
    pub occurred_on: Option<String>,
}

const SEARCH: &str = r#"query($q: String!, $first: Int) { search(query: $q, first: $first) { totalCount nodes {
  __typename
  ... on Company { slug name nameZh aliases kind country website provenance { sourceUrl confidence } }
  ... on Model { slug name nameZh aliases status releaseDate company { slug name nameZh } provenance { sourceUrl confidence } }
  ... on Product { slug name nameZh aliases kind url company { slug name nameZh } provenance { sourceUrl confidence } }
  ... on Event { slug occurredOn type title titleZh sourceUrls }
} } }"#;

const MODEL: &str = r#"query($slug: String!) {
  model(slug: $slug) { slug name nameZh aliases status releaseDate openWeights license contextWindow
    company { slug name nameZh country } inputMediaTypes { slug } outputMediaTypes { slug } tasks { slug }
    provenance { sourceUrl confidence observedOn } events(limit: 5) { role event { occurredOn type title titleZh sourceUrls } } } }"#;

const MODEL_PRICES: &str = r#"query($slug: String!, $currency: String!, $on: Date) {
  compareModels(slugs: [$slug], currency: $currency, asOf: $on) { priced note
    offerings { offering { apiModelId region provider { slug name } }
      inputPerMillion { amount currency rateDate stale } outputPerMillion { amount currency rateDate stale }
      prices { dimension unit unitQuantity amount { amount currency } effectiveFrom effectiveTo verifiedOn provenance { sourceUrl confidence } } } } }"#;

const COMPANY: &str = r#"query($slug: String!) { company(slug: $slug) {
  slug name nameZh aliases kind country headquarters foundedYear website provenance { sourceUrl confidence }
  models { slug name nameZh status releaseDate }
  products { slug name nameZh kind url provenance { sourceUrl } }
  filings { filingNumber type algorithmName provenance { sourceUrl confidence } }
  events(limit: 10) { role event { occurredOn type title titleZh sourceUrls } } } }"#;

const COMPARE: &str = r#"query($slugs: [String!]!, $currency: String!, $on: Date) {
  compareModels(slugs: $slugs, currency: $currency, asOf: $on) {
    model { slug name nameZh company { slug name nameZh } } priced note
    cheapestBlendedPerMillion { amount currency rateDate stale }
    offerings { offering { apiModelId region provider { slug name } }
      inputPerMillion { amount currency rateDate stale } outputPerMillion { amount currency rateDate stale }
      blendedPerMillion { amount currency }
      prices { dimension unit unitQuantity amount { amount currency } effectiveFrom effectiveTo verifiedOn provenance { sourceUrl confidence } } } } }"#;

const ESTIMATE: &str = r#"query($models: [String!], $workload: Workload!, $currency: String!, $on: Date) {
  estimateCost(filter: { models: $models }, workload: $workload, currency: $currency, asOf: $on) {
    model { slug name } offering { apiModelId region provider { slug name } }
    monthlyCost { amount currency rateDate stale } costPerRequest { amount currency }
    pricesUsed { dimension unit unitQuantity amount { amount currency } effectiveFrom provenance { sourceUrl } } notes } }"#;

const CHANGES: &str = r#"query($from: Date!, $to: Date!, $currency: String) {
  priceChanges(from: $from, to: $to, currency: $currency) { kind on percentChange
    oldAmount { amount currency } newAmount { amount currency }
    price { dimension unit unitQuantity provenance { sourceUrl confidence }
      offering { apiModelId region provider { slug name nameZh } model { slug name nameZh } } product { slug name } } } }"#;

impl Landscape {
    pub fn new(state: AppState, fixed_caller: Option<Caller>) -> Self {
        Landscape {
            state,
            fixed_caller,
            tool_router: Self::tool_router(),
        }
    }

    /// The caller: the process's (stdio), or the one the HTTP layer put in the request.
    pub(super) fn caller(&self, ctx: &RequestContext<RoleServer>) -> Caller {
        if let Some(caller) = &self.fixed_caller {
            return caller.clone();
        }
        ctx.extensions
            .get::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Caller>())
            .cloned()
            .unwrap_or(Caller::Anonymous)
    }

    pub(super) fn state(&self) -> &AppState {
        &self.state
    }

    /// Runs `query` as `caller` within the request timeout; the data, or the refusal in words.
    async fn graphql(
        &self,
        caller: Caller,
        query: &str,
        variables: Value,
    ) -> Result<Value, String> {
        let timeout = Duration::from_secs(self.state.http.request_timeout_secs);
        match tokio::time::timeout(timeout, self.state.query_as(caller, query, variables)).await {
            Err(_) => Err(format!(
                "TIMEOUT: the answer took longer than {} s; ask for less",
                timeout.as_secs()
            )),
            Ok(Err(refused)) => Err(format!("{}: {}", refused.code, refused.message)),
            Ok(Ok(data)) => Ok(data),
        }
    }

    /// A tool's answer: the data with the day it is as of, or a tool error.
    async fn answer(
        &self,
        ctx: &RequestContext<RoleServer>,
        query: &str,
        variables: Value,
        as_of: Option<&str>,
    ) -> CallToolResult {
        let as_of = as_of
            .map(str::to_owned)
            .unwrap_or_else(|| crate::clock::today().to_string());
        match self.graphql(self.caller(ctx), query, variables).await {
            Ok(data) => {
                let mut out = json!({ "asOf": as_of });
                if let (Value::Object(out), Value::Object(data)) = (&mut out, data) {
                    out.extend(data);
                }
                text(out.to_string())
            }
            Err(refusal) => refused(refusal),
        }
    }
}

pub(super) fn text(body: String) -> CallToolResult {
    CallToolResult::success(vec![ContentBlock::text(body)])
}

pub(super) fn refused(message: String) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(message)])
}

#[tool_router]
impl Landscape {
    #[tool(
        description = "Find companies, models, products and events of the generative-AI landscape by English or Chinese name, alias or slug (e.g. \"千问\", \"kling\", \"deepseek\"). Returns each hit with its slug (use it with get_model, get_company, compare_models) and its source."
    )]
    async fn search_landscape(
        &self,
        Parameters(args): Parameters<SearchArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        let first = args.first.unwrap_or(10);
        if !(1..=50).contains(&first) {
            return Ok(refused("BAD_USER_INPUT: first must be 1 to 50".into()));
        }
        Ok(self
            .answer(
                &ctx,
                SEARCH,
                json!({ "q": args.query, "first": first }),
                None,
            )
            .await)
    }

    #[tool(
        description = "One model by slug: maker, status, release date, media types, licence, latest events, and its API offerings with their prices on a day (default today) converted to a currency (default CNY), each price with its validity dates and source URL. Converted amounts carry the exchange rate's date and `stale: true` when that rate is more than 7 days old."
    )]
    async fn get_model(
        &self,
        Parameters(args): Parameters<RecordArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        let currency = args.currency.unwrap_or_else(|| "CNY".into());
        let caller = self.caller(&ctx);
        let model = match self
            .graphql(caller.clone(), MODEL, json!({ "slug": args.slug }))
            .await
        {
            Ok(data) if data["model"].is_null() => {
                return Ok(refused(format!(
                    "NOT_FOUND: no model with the slug `{}`; find slugs with search_landscape",
                    args.slug
                )));
            }
            Ok(data) => data["model"].clone(),
            Err(refusal) => return Ok(refused(refusal)),
        };
        Ok(match self.graphql(caller, MODEL_PRICES, json!({ "slug": args.slug, "currency": currency, "on": args.as_of })).await {
            Ok(prices) => text(json!({ "asOf": args.as_of.unwrap_or_else(|| crate::clock::today().to_string()), "model": model, "prices": prices["compareModels"][0] }).to_string()),
            Err(refusal) => refused(refusal),
        })
    }

    #[tool(
        description = "One company by slug: kind, country, site, its models, products, CAC filings and latest events, each with its source URL. Use compare_models on its model slugs for prices."
    )]
    async fn get_company(
        &self,
        Parameters(args): Parameters<RecordArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        let result = self
            .graphql(self.caller(&ctx), COMPANY, json!({ "slug": args.slug }))
            .await;
        Ok(match result {
            Ok(data) if data["company"].is_null() => refused(format!(
                "NOT_FOUND: no company with the slug `{}`; find slugs with search_landscape",
                args.slug
            )),
            Ok(data) => text(
                json!({ "asOf": crate::clock::today().to_string(), "company": data["company"] })
                    .to_string(),
            ),
            Err(refusal) => refused(refusal),
        })
    }

    #[tool(
        description = "Compare models' API prices in one currency on one day: per model, each offering's input, output and blended (3:1) price per 1M tokens, the rows used with their validity dates and sources, and a note where a model has no price that day. Same answer as GraphQL compareModels."
    )]
    async fn compare_models(
        &self,
        Parameters(args): Parameters<CompareArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        let as_of = args.as_of.clone();
        Ok(self
            .answer(
                &ctx,
                COMPARE,
                json!({ "slugs": args.slugs, "currency": args.currency, "on": args.as_of }),
                as_of.as_deref(),
            )
            .await)
    }

    #[tool(
        description = "What a workload costs a month on each model of a shortlist, cheapest first, in one currency: requests a month, input and output tokens per request, cached share. Each estimate lists the price rows used (with sources) and notes on what was assumed."
    )]
    async fn estimate_cost(
        &self,
        Parameters(args): Parameters<EstimateArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        if args.slugs.is_empty() || args.slugs.len() > 20 {
            return Ok(refused(
                "BAD_USER_INPUT: give 1 to 20 model slugs in `slugs`".into(),
            ));
        }
        let workload = json!({
            "requestsPerMonth": args.requests_per_month,
            "inputTokens": args.input_tokens,
            "outputTokens": args.output_tokens,
            "cachedShare": args.cached_share.unwrap_or_else(|| "0".into()),
        });
        let as_of = args.as_of.clone();
        Ok(self.answer(&ctx, ESTIMATE, json!({ "models": args.slugs, "workload": workload, "currency": args.currency, "on": args.as_of }), as_of.as_deref()).await)
    }

    #[tool(
        description = "Price changes, new prices and corrections in a date range [from, to): what changed, old and new amount (optionally also in a currency), percent change, the offering and the source."
    )]
    async fn price_changes(
        &self,
        Parameters(args): Parameters<ChangesArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        let to = args.to.clone();
        Ok(self
            .answer(
                &ctx,
                CHANGES,
                json!({ "from": args.from, "to": args.to, "currency": args.currency }),
                Some(&to),
            )
            .await)
    }

    #[tool(
        description = "The weekly report as Markdown, Monday to Sunday in the team's time zone: what happened (watched vendors first), events recorded late, new models and products, price changes with yuan columns, new filings, a source link on every line, and — for team members — inbox items not yet checked, marked unverified. `lang`: zh or en."
    )]
    async fn weekly_digest(
        &self,
        Parameters(args): Parameters<DigestArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        let zh = match args.lang.as_deref() {
            None | Some("en") => false,
            Some("zh") => true,
            Some(other) => {
                return Ok(refused(format!(
                    "BAD_USER_INPUT: lang `{other}` is not offered: use zh or en"
                )));
            }
        };
        let day = match args
            .week_of
            .as_deref()
            .map(crate::graphql::scalars::parse_date)
        {
            None => crate::clock::today(),
            Some(Ok(day)) => day,
            Some(Err(e)) => return Ok(refused(format!("BAD_USER_INPUT: week_of: {e}"))),
        };
        let from = day
            - chrono::Duration::days(chrono::Datelike::weekday(&day).num_days_from_monday() as i64);
        let to = from + chrono::Duration::days(7);
        Ok(
            match crate::http::reports::markdown_for(&self.state, self.caller(&ctx), from, to, zh)
                .await
            {
                Ok(markdown) => text(markdown),
                Err(refusal) => refused(format!("BAD_USER_INPUT: {refusal}")),
            },
        )
    }

    #[tool(
        description = "Editors only. Propose an event for a person to check: it lands in the team's inbox, marked as proposed by this agent, never as a recorded fact. Give the headline in English (and Chinese if known), a summary and the pages that report it. The same link is not proposed twice; at most 30 proposals an hour per token."
    )]
    async fn propose_event(
        &self,
        Parameters(args): Parameters<ProposeArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        Ok(super::propose::propose(self, self.caller(&ctx), args).await)
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for Landscape {
    fn get_info(&self) -> ServerInfo {
        ServerInfo::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("aigc-landscape", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "The generative-AI landscape a product team tracks: companies, models, products, dated prices (in the vendor's currency and converted, e.g. to CNY), events, CAC filings. Every fact carries its source URL; prices carry their validity dates. Start with search_landscape to find slugs. To draft a weekly report, call weekly_digest (lang zh or en), then compare_models or price_changes for detail. propose_event (editors) adds an unverified item to the team's inbox for a person to accept.".to_string(),
            )
    }
}
