//! From a seed record to the row it stands for: a record holds its row's own fields already
//! (`values::Values`); each kind sets here only what the files write otherwise — references
//! by slug, resolved through the ids written so far, a product's audiences, an event's source
//! URLs. The validator checks the kind's value rules on these same rows, before any id is
//! known.

use chrono::{DateTime, Utc};
use entities::*;

use super::table::Maps;
use crate::{format::*, validate::split_urls};

/// The id of a referenced record by its slug, none when there is no slug or no such record.
fn known(maps: &Maps, table: &str, slug: &Option<String>) -> Option<i64> {
    slug.as_ref()
        .map(|s| maps.id(table, s))
        .filter(|id| *id != 0)
}

pub(crate) fn company_model(c: &CompanySeed, maps: &Maps, now: DateTime<Utc>) -> company::Model {
    company::Model {
        parent_id: known(maps, "companies", &c.parent),
        ..c.row.row_at(now)
    }
}

pub(crate) fn model_model(
    company: &str,
    m: &ModelSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> model::Model {
    model::Model {
        company_id: maps.id("companies", company),
        base_model_id: known(maps, "models", &m.base_model),
        successor_id: known(maps, "models", &m.successor),
        ..m.row.row_at(now)
    }
}

pub(crate) fn product_model(
    company: &str,
    p: &ProductSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> product::Model {
    product::Model {
        company_id: maps.id("companies", company),
        for_consumers: p.audiences.contains(&Audience::Consumer),
        for_business: p.audiences.contains(&Audience::Business),
        for_government: p.audiences.contains(&Audience::Government),
        ..p.row.row_at(now)
    }
}

pub(crate) fn offering_model(
    provider: &str,
    o: &OfferingSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> offering::Model {
    offering::Model {
        model_id: maps.id("models", &o.model),
        provider_id: maps.id("companies", provider),
        ..o.row.row_at(now)
    }
}

pub(crate) fn plan_model(
    product_id: i64,
    plan: &PlanSeed,
    now: DateTime<Utc>,
) -> subscription_plan::Model {
    subscription_plan::Model {
        product_id,
        ..plan.row.row_at(now)
    }
}

pub(crate) fn credit_model(
    product_id: i64,
    cost: &CreditCostSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> credit_cost::Model {
    credit_cost::Model {
        product_id,
        model_id: cost.model.as_ref().map(|m| maps.id("models", m)),
        ..cost.row.row_at(now)
    }
}

pub(crate) fn quota_model(
    offering_id: Option<i64>,
    product_id: Option<i64>,
    q: &FreeQuotaSeed,
    now: DateTime<Utc>,
) -> free_quota::Model {
    free_quota::Model {
        offering_id,
        product_id,
        ..q.row.row_at(now)
    }
}

pub(crate) fn price_model(r: &PriceRow, maps: &Maps, now: DateTime<Utc>) -> price::Model {
    price::Model {
        offering_id: r.offering.key().map(|key| maps.id("offerings", &key)),
        product_id: r.product.as_ref().map(|p| maps.id("products", p)),
        ..r.row.row_at(now)
    }
}

pub(crate) fn filing_model(
    company: &str,
    f: &FilingSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> filing::Model {
    filing::Model {
        company_id: maps.id("companies", company),
        product_id: f.product.as_ref().map(|p| maps.id("products", p)),
        model_id: f.model.as_ref().map(|m| maps.id("models", m)),
        ..f.row.row_at(now)
    }
}

/// When the team recorded an event: as given, else the day its source was read, else the
/// day it happened.
pub(crate) fn recorded_on(r: &EventRow) -> chrono::NaiveDate {
    r.recorded_on.or(r.observed_on).unwrap_or(r.occurred_on)
}

pub(crate) fn event_model(r: &EventRow, now: DateTime<Utc>) -> event::Model {
    let urls = split_urls(&r.source_urls);
    event::Model {
        source_url: urls.first().cloned(),
        source_urls: StringList(urls),
        recorded_on: recorded_on(r),
        ..r.row.row_at(now)
    }
}

pub(crate) fn rate_model(r: &RateRow, now: DateTime<Utc>) -> exchange_rate::Model {
    r.row.row_at(now)
}

pub(crate) fn benchmark_model(b: &BenchmarkSeed, now: DateTime<Utc>) -> benchmark::Model {
    b.row.row_at(now)
}

pub(crate) fn score_model(r: &ScoreRow, maps: &Maps, now: DateTime<Utc>) -> score::Model {
    score::Model {
        benchmark_id: maps.id("benchmarks", &r.benchmark),
        model_id: maps.id("models", &r.model),
        ..r.row.row_at(now)
    }
}
