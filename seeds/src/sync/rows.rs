//! From a seed record to the row it stands for: one function per kind, references resolved
//! through the ids written so far.

use chrono::{DateTime, Utc};
use entities::*;

use super::table::Maps;
use crate::{
    format::*,
    validate::{offering_key, split_urls},
};

pub(super) fn company_model(c: &CompanySeed, maps: &Maps, now: DateTime<Utc>) -> company::Model {
    company::Model {
        slug: c.slug.clone(),
        name: c.name.clone(),
        name_zh: c.name_zh.clone(),
        aliases: StringList(c.aliases.clone()),
        kind: c.kind,
        country: c.country.clone(),
        headquarters: c.headquarters.clone(),
        founded_year: c.founded_year,
        website: c.website.clone(),
        parent_id: c
            .parent
            .as_ref()
            .map(|p| maps.id("companies", p))
            .filter(|id| *id != 0),
        description: c.description.clone(),
        description_zh: c.description_zh.clone(),
        source_url: c.source_url.clone(),
        observed_on: c.observed_on,
        confidence: c.confidence,
        ..company::Entity::blank(now)
    }
}

pub(super) fn model_model(
    company: &str,
    m: &ModelSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> model::Model {
    let known = |slug: &Option<String>| {
        slug.as_ref()
            .map(|s| maps.id("models", s))
            .filter(|id| *id != 0)
    };
    model::Model {
        slug: m.slug.clone(),
        name: m.name.clone(),
        name_zh: m.name_zh.clone(),
        aliases: StringList(m.aliases.clone()),
        company_id: maps.id("companies", company),
        family: m.family.clone(),
        version_label: m.version.clone(),
        base_model_id: known(&m.base_model),
        successor_id: known(&m.successor),
        release_date: m.release_date,
        status: m.status,
        preview_on: m.preview_on,
        ga_on: m.ga_on,
        deprecated_on: m.deprecated_on,
        retired_on: m.retired_on,
        open_weights: m.open_weights,
        license: m.license.clone(),
        commercial_use: m.commercial_use,
        parameter_count: m.parameter_count,
        context_window: m.context_window,
        max_output_tokens: m.max_output_tokens,
        knowledge_cutoff: m.knowledge_cutoff,
        tool_calling: m.tool_calling,
        structured_output: m.structured_output,
        reasoning: m.reasoning,
        description: m.description.clone(),
        description_zh: m.description_zh.clone(),
        source_url: m.source_url.clone(),
        observed_on: m.observed_on,
        confidence: m.confidence,
        ..model::Entity::blank(now)
    }
}

pub(super) fn product_model(
    company: &str,
    p: &ProductSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> product::Model {
    product::Model {
        slug: p.slug.clone(),
        name: p.name.clone(),
        name_zh: p.name_zh.clone(),
        aliases: StringList(p.aliases.clone()),
        company_id: maps.id("companies", company),
        kind: p.kind,
        for_consumers: p.audiences.contains(&Audience::Consumer),
        for_business: p.audiences.contains(&Audience::Business),
        for_government: p.audiences.contains(&Audience::Government),
        launch_date: p.launch_date,
        status: p.status,
        url: p.url.clone(),
        description: p.description.clone(),
        description_zh: p.description_zh.clone(),
        source_url: p.source_url.clone(),
        observed_on: p.observed_on,
        confidence: p.confidence,
        ..product::Entity::blank(now)
    }
}

pub(super) fn offering_model(
    provider: &str,
    o: &OfferingSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> offering::Model {
    offering::Model {
        model_id: maps.id("models", &o.model),
        provider_id: maps.id("companies", provider),
        region: o.region.clone(),
        api_model_id: o.api_model_id.clone(),
        mainland_reachable: o.mainland_reachable,
        served_from: o.served_from,
        served_to: o.served_to,
        rate_limits: o.rate_limits.clone(),
        source_url: o.source_url.clone(),
        observed_on: o.observed_on,
        confidence: o.confidence,
        ..offering::Entity::blank(now)
    }
}

pub(super) fn plan_model(
    product_id: i64,
    plan: &PlanSeed,
    now: DateTime<Utc>,
) -> subscription_plan::Model {
    subscription_plan::Model {
        product_id,
        slug: plan.slug.clone(),
        name: plan.name.clone(),
        name_zh: plan.name_zh.clone(),
        billing_period: plan.billing_period,
        amount: plan.amount,
        currency: plan.currency.clone(),
        tax_included: plan.tax_included,
        first_period_amount: plan.first_period_amount,
        usage_caps: plan.usage_caps.clone(),
        credits_per_period: plan.credits_per_period,
        effective_from: plan.effective_from,
        effective_to: plan.effective_to,
        source_url: plan.source_url.clone(),
        observed_on: plan.observed_on,
        confidence: plan.confidence,
        ..subscription_plan::Entity::blank(now)
    }
}

pub(super) fn credit_model(
    product_id: i64,
    cost: &CreditCostSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> credit_cost::Model {
    credit_cost::Model {
        product_id,
        model_id: cost.model.as_ref().map(|m| maps.id("models", m)),
        work: cost.work.clone(),
        unit: cost.unit,
        unit_quantity: cost.unit_quantity,
        credits: cost.credits,
        resolution: cost.resolution.clone(),
        quality: cost.quality.clone(),
        duration_seconds: cost.duration_seconds,
        effective_from: cost.effective_from,
        effective_to: cost.effective_to,
        source_url: cost.source_url.clone(),
        observed_on: cost.observed_on,
        confidence: cost.confidence,
        ..credit_cost::Entity::blank(now)
    }
}

pub(super) fn quota_model(
    offering_id: Option<i64>,
    product_id: Option<i64>,
    q: &FreeQuotaSeed,
    now: DateTime<Utc>,
) -> free_quota::Model {
    free_quota::Model {
        offering_id,
        product_id,
        dimension: q.dimension,
        quantity: q.quantity,
        unit: q.unit,
        period: q.period,
        expires_after_days: q.expires_after_days,
        new_accounts_only: q.new_accounts_only,
        effective_from: q.effective_from,
        effective_to: q.effective_to,
        source_url: q.source_url.clone(),
        observed_on: q.observed_on,
        confidence: q.confidence,
        ..free_quota::Entity::blank(now)
    }
}

pub(super) fn price_model(r: &PriceRow, maps: &Maps, now: DateTime<Utc>) -> price::Model {
    let offering_id = match (&r.provider, &r.region, &r.api_model_id, &r.model) {
        (Some(p), Some(region), Some(api), Some(m)) => {
            Some(maps.id("offerings", &offering_key(p, region, api, m)))
        }
        _ => None,
    };
    price::Model {
        offering_id,
        product_id: r.product.as_ref().map(|p| maps.id("products", p)),
        dimension: r.dimension,
        unit: r.unit,
        unit_quantity: r.unit_quantity,
        amount: r.amount,
        currency: r.currency.clone(),
        tax_included: r.tax_included,
        mode: r.mode.unwrap_or(PriceMode::Standard),
        min_input_tokens: r.min_input_tokens,
        max_input_tokens: r.max_input_tokens,
        tier_prices_whole_request: r.tier_prices_whole_request,
        cache_ttl_seconds: r.cache_ttl_seconds,
        window_start: r.window_start.clone(),
        window_end: r.window_end.clone(),
        window_time_zone: r.window_time_zone.clone(),
        resolution: r.resolution.clone(),
        quality: r.quality.clone(),
        duration_seconds: r.duration_seconds,
        effective_from: r.effective_from,
        effective_to: r.effective_to,
        is_promotion: r.is_promotion.unwrap_or(false),
        promotion_ends_on: r.promotion_ends_on,
        verified_on: r.verified_on,
        source_url: r.source_url.clone(),
        observed_on: r.observed_on,
        confidence: r.confidence,
        ..price::Entity::blank(now)
    }
}

pub(super) fn filing_model(
    company: &str,
    f: &FilingSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> filing::Model {
    filing::Model {
        filing_number: f.filing_number.clone(),
        filing_type: f.filing_type,
        role: f.role,
        algorithm_name: f.algorithm_name.clone(),
        company_id: maps.id("companies", company),
        product_id: f.product.as_ref().map(|p| maps.id("products", p)),
        model_id: f.model.as_ref().map(|m| maps.id("models", m)),
        announced_on: f.announced_on,
        status: f.status,
        source_url: f.source_url.clone(),
        observed_on: f.observed_on,
        confidence: f.confidence,
        ..filing::Entity::blank(now)
    }
}

/// When the team recorded an event: as given, else the day its source was read, else the
/// day it happened.
pub(super) fn recorded_on(r: &EventRow) -> chrono::NaiveDate {
    r.recorded_on.or(r.observed_on).unwrap_or(r.occurred_on)
}

pub(super) fn event_model(r: &EventRow, now: DateTime<Utc>) -> event::Model {
    let urls = split_urls(&r.source_urls);
    event::Model {
        slug: r.slug.clone(),
        occurred_on: r.occurred_on,
        date_precision: r.date_precision.unwrap_or(DatePrecision::Day),
        event_type: r.event_type,
        subtype: r.subtype.clone(),
        title: r.title.clone(),
        title_zh: r.title_zh.clone(),
        summary: r.summary.clone(),
        summary_zh: r.summary_zh.clone(),
        importance: r.importance,
        source_url: urls.first().cloned(),
        source_urls: StringList(urls),
        amount: r.amount,
        currency: r.currency.clone(),
        funding_round: r.funding_round.clone(),
        valuation: r.valuation,
        recorded_on: recorded_on(r),
        observed_on: r.observed_on,
        confidence: r.confidence,
        ..event::Entity::blank(now)
    }
}

pub(super) fn rate_model(r: &RateRow, now: DateTime<Utc>) -> exchange_rate::Model {
    exchange_rate::Model {
        base_currency: r.base.clone(),
        quote_currency: r.quote.clone(),
        rate: r.rate,
        on_date: r.on_date,
        source_url: r.source_url.clone(),
        observed_on: r.observed_on,
        confidence: r.confidence,
        ..exchange_rate::Entity::blank(now)
    }
}

pub(super) fn benchmark_model(b: &BenchmarkSeed, now: DateTime<Utc>) -> benchmark::Model {
    benchmark::Model {
        slug: b.slug.clone(),
        name: b.name.clone(),
        name_zh: b.name_zh.clone(),
        description: b.description.clone(),
        url: b.url.clone(),
        internal: false,
        higher_is_better: b.higher_is_better,
        source_url: b.source_url.clone(),
        observed_on: b.observed_on,
        confidence: b.confidence,
        ..benchmark::Entity::blank(now)
    }
}

pub(super) fn score_model(r: &ScoreRow, maps: &Maps, now: DateTime<Utc>) -> score::Model {
    score::Model {
        benchmark_id: maps.id("benchmarks", &r.benchmark),
        model_id: maps.id("models", &r.model),
        value: r.value,
        measured_on: r.measured_on,
        self_reported: r.self_reported,
        source_url: r.source_url.clone(),
        observed_on: r.observed_on,
        confidence: r.confidence,
        ..score::Entity::blank(now)
    }
}
