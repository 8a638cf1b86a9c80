//! Writing a checked dataset into an empty database, in one transaction.
//!
//! Rows go in with `insert_many` in chunks, and the ids the database gave them are read back
//! by natural key, so the cost grows with the number of rows, not with round trips per row.

use std::{collections::HashMap, fmt};

use chrono::{NaiveDate, Utc};
use entities::*;
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
    TransactionTrait,
};

use crate::{
    format::*,
    parse::Dataset,
    validate::{offering_key, parse_links, split_urls},
};

/// How many rows of each kind were written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub media_types: usize,
    pub tasks: usize,
    pub companies: usize,
    pub models: usize,
    pub products: usize,
    pub offerings: usize,
    pub prices: usize,
    pub free_quotas: usize,
    pub subscription_plans: usize,
    pub credit_costs: usize,
    pub events: usize,
    pub filings: usize,
    pub exchange_rates: usize,
    pub benchmarks: usize,
    pub scores: usize,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} media types, {} tasks, {} companies, {} models, {} products, {} offerings, \
             {} prices, {} free quotas, {} plans, {} credit costs, {} events, {} filings, \
             {} exchange rates, {} benchmarks, {} scores",
            self.media_types,
            self.tasks,
            self.companies,
            self.models,
            self.products,
            self.offerings,
            self.prices,
            self.free_quotas,
            self.subscription_plans,
            self.credit_costs,
            self.events,
            self.filings,
            self.exchange_rates,
            self.benchmarks,
            self.scores
        )
    }
}

/// Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const CHUNK: usize = 200;

async fn insert_chunks<E, A, C>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    E: EntityTrait,
    A: sea_orm::ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        E::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(())
}

/// `slug → id` for the live rows of a table with a slug.
async fn ids_by_slug<E, C>(
    db: &C,
    slug: E::Column,
    id: E::Column,
) -> Result<HashMap<String, i64>, DbErr>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let rows: Vec<(String, i64)> = E::find()
        .select_only()
        .column(slug)
        .column(id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Writes `data` into `db` in one transaction: all of it, or nothing.
pub async fn load(db: &DatabaseConnection, data: &Dataset) -> Result<Report, DbErr> {
    let txn = db.begin().await?;
    let report = write(&txn, data).await?;
    txn.commit().await?;
    Ok(report)
}

async fn write<C: ConnectionTrait>(db: &C, data: &Dataset) -> Result<Report, DbErr> {
    let now = Utc::now();
    let mut report = Report::default();

    let vocab = |list: &[Vocabulary]| -> Vec<(i32, Vocabulary)> {
        list.iter()
            .cloned()
            .enumerate()
            .map(|(i, v)| (i as i32, v))
            .collect()
    };
    insert_chunks(
        db,
        vocab(&data.media_types)
            .into_iter()
            .map(|(position, v)| media_type::ActiveModel {
                id: NotSet,
                slug: Set(v.slug),
                name: Set(v.name),
                name_zh: Set(v.name_zh),
                description: Set(v.description),
                position: Set(position),
            })
            .collect(),
    )
    .await?;
    insert_chunks(
        db,
        vocab(&data.tasks)
            .into_iter()
            .map(|(position, v)| task::ActiveModel {
                id: NotSet,
                slug: Set(v.slug),
                name: Set(v.name),
                name_zh: Set(v.name_zh),
                description: Set(v.description),
                position: Set(position),
            })
            .collect(),
    )
    .await?;
    report.media_types = data.media_types.len();
    report.tasks = data.tasks.len();
    let media_ids =
        ids_by_slug::<media_type::Entity, _>(db, media_type::Column::Slug, media_type::Column::Id)
            .await?;
    let task_ids = ids_by_slug::<task::Entity, _>(db, task::Column::Slug, task::Column::Id).await?;

    // Companies, then their parents once every company has an id.
    insert_chunks(
        db,
        data.companies
            .iter()
            .map(|(_, f)| {
                let c = &f.company;
                company::ActiveModel {
                    id: NotSet,
                    slug: Set(c.slug.clone()),
                    name: Set(c.name.clone()),
                    name_zh: Set(c.name_zh.clone()),
                    aliases: Set(StringList(c.aliases.clone())),
                    kind: Set(c.kind),
                    country: Set(c.country.clone()),
                    headquarters: Set(c.headquarters.clone()),
                    founded_year: Set(c.founded_year),
                    website: Set(c.website.clone()),
                    parent_id: Set(None),
                    description: Set(c.description.clone()),
                    description_zh: Set(c.description_zh.clone()),
                    notes: Set(None),
                    relationship_status: Set(None),
                    watched: Set(false),
                    source_url: Set(c.source_url.clone()),
                    observed_on: Set(c.observed_on),
                    confidence: Set(c.confidence),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    deleted_at: Set(None),
                }
            })
            .collect(),
    )
    .await?;
    report.companies = data.companies.len();
    let company_ids =
        ids_by_slug::<company::Entity, _>(db, company::Column::Slug, company::Column::Id).await?;
    for (_, f) in &data.companies {
        if let Some(parent) = &f.company.parent {
            company::Entity::update_many()
                .col_expr(
                    company::Column::ParentId,
                    sea_orm::sea_query::Expr::value(company_ids[parent]),
                )
                .filter(company::Column::Id.eq(company_ids[&f.company.slug]))
                .exec(db)
                .await?;
        }
    }

    // Models, then their lineage, media types and tasks.
    let all_models: Vec<(&str, &ModelSeed)> = data
        .companies
        .iter()
        .flat_map(|(_, f)| f.models.iter().map(move |m| (f.company.slug.as_str(), m)))
        .collect();
    insert_chunks(
        db,
        all_models
            .iter()
            .map(|(company, m)| model::ActiveModel {
                id: NotSet,
                slug: Set(m.slug.clone()),
                name: Set(m.name.clone()),
                name_zh: Set(m.name_zh.clone()),
                aliases: Set(StringList(m.aliases.clone())),
                company_id: Set(company_ids[*company]),
                family: Set(m.family.clone()),
                version_label: Set(m.version.clone()),
                base_model_id: Set(None),
                successor_id: Set(None),
                release_date: Set(m.release_date),
                status: Set(m.status),
                preview_on: Set(m.preview_on),
                ga_on: Set(m.ga_on),
                deprecated_on: Set(m.deprecated_on),
                retired_on: Set(m.retired_on),
                open_weights: Set(m.open_weights),
                license: Set(m.license.clone()),
                commercial_use: Set(m.commercial_use),
                parameter_count: Set(m.parameter_count),
                context_window: Set(m.context_window),
                max_output_tokens: Set(m.max_output_tokens),
                knowledge_cutoff: Set(m.knowledge_cutoff),
                tool_calling: Set(m.tool_calling),
                structured_output: Set(m.structured_output),
                reasoning: Set(m.reasoning),
                description: Set(m.description.clone()),
                description_zh: Set(m.description_zh.clone()),
                notes: Set(None),
                source_url: Set(m.source_url.clone()),
                observed_on: Set(m.observed_on),
                confidence: Set(m.confidence),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
            })
            .collect(),
    )
    .await?;
    report.models = all_models.len();
    let model_ids =
        ids_by_slug::<model::Entity, _>(db, model::Column::Slug, model::Column::Id).await?;
    for (_, m) in &all_models {
        if m.base_model.is_none() && m.successor.is_none() {
            continue;
        }
        let mut update = model::Entity::update_many();
        if let Some(base) = &m.base_model {
            update = update.col_expr(
                model::Column::BaseModelId,
                sea_orm::sea_query::Expr::value(model_ids[base]),
            );
        }
        if let Some(successor) = &m.successor {
            update = update.col_expr(
                model::Column::SuccessorId,
                sea_orm::sea_query::Expr::value(model_ids[successor]),
            );
        }
        update
            .filter(model::Column::Id.eq(model_ids[&m.slug]))
            .exec(db)
            .await?;
    }
    let mut media_links = Vec::new();
    let mut task_links = Vec::new();
    for (_, m) in &all_models {
        let id = model_ids[&m.slug];
        for (direction, slugs) in [
            (Direction::Input, &m.inputs),
            (Direction::Output, &m.outputs),
        ] {
            for slug in slugs {
                media_links.push(model_media_type::ActiveModel {
                    model_id: Set(id),
                    media_type_id: Set(media_ids[slug]),
                    direction: Set(direction),
                });
            }
        }
        for slug in &m.tasks {
            task_links.push(model_task::ActiveModel {
                model_id: Set(id),
                task_id: Set(task_ids[slug]),
            });
        }
    }
    insert_chunks(db, media_links).await?;
    insert_chunks(db, task_links).await?;

    // Products and their links.
    let all_products: Vec<(&str, &ProductSeed)> = data
        .companies
        .iter()
        .flat_map(|(_, f)| f.products.iter().map(move |p| (f.company.slug.as_str(), p)))
        .collect();
    insert_chunks(
        db,
        all_products
            .iter()
            .map(|(company, p)| product::ActiveModel {
                id: NotSet,
                slug: Set(p.slug.clone()),
                name: Set(p.name.clone()),
                name_zh: Set(p.name_zh.clone()),
                aliases: Set(StringList(p.aliases.clone())),
                company_id: Set(company_ids[*company]),
                kind: Set(p.kind),
                for_consumers: Set(p.audiences.contains(&Audience::Consumer)),
                for_business: Set(p.audiences.contains(&Audience::Business)),
                for_government: Set(p.audiences.contains(&Audience::Government)),
                launch_date: Set(p.launch_date),
                status: Set(p.status),
                url: Set(p.url.clone()),
                description: Set(p.description.clone()),
                description_zh: Set(p.description_zh.clone()),
                notes: Set(None),
                source_url: Set(p.source_url.clone()),
                observed_on: Set(p.observed_on),
                confidence: Set(p.confidence),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
            })
            .collect(),
    )
    .await?;
    report.products = all_products.len();
    let product_ids =
        ids_by_slug::<product::Entity, _>(db, product::Column::Slug, product::Column::Id).await?;
    let mut product_models = Vec::new();
    let mut product_tasks = Vec::new();
    let mut plans = Vec::new();
    let mut credit_costs = Vec::new();
    let mut quotas = Vec::new();
    for (_, p) in &all_products {
        let id = product_ids[&p.slug];
        for slug in &p.models {
            product_models.push(product_model::ActiveModel {
                product_id: Set(id),
                model_id: Set(model_ids[slug]),
            });
        }
        for slug in &p.tasks {
            product_tasks.push(product_task::ActiveModel {
                product_id: Set(id),
                task_id: Set(task_ids[slug]),
            });
        }
        for plan in &p.plans {
            plans.push((id, plan));
        }
        for cost in &p.credit_costs {
            credit_costs.push(credit_cost::ActiveModel {
                id: NotSet,
                product_id: Set(id),
                model_id: Set(cost.model.as_ref().map(|m| model_ids[m])),
                work: Set(cost.work.clone()),
                unit: Set(cost.unit),
                unit_quantity: Set(cost.unit_quantity),
                credits: Set(cost.credits),
                resolution: Set(cost.resolution.clone()),
                quality: Set(cost.quality.clone()),
                duration_seconds: Set(cost.duration_seconds),
                effective_from: Set(cost.effective_from),
                effective_to: Set(cost.effective_to),
                notes: Set(None),
                source_url: Set(cost.source_url.clone()),
                observed_on: Set(cost.observed_on),
                confidence: Set(cost.confidence),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
            });
        }
        for quota in &p.free_quotas {
            quotas.push(free_quota(quota, None, Some(id), now));
        }
    }
    insert_chunks(db, product_models).await?;
    insert_chunks(db, product_tasks).await?;
    report.credit_costs = credit_costs.len();
    insert_chunks(db, credit_costs).await?;
    report.subscription_plans = plans.len();
    for (product_id, plan) in plans {
        let row = subscription_plan::ActiveModel {
            id: NotSet,
            product_id: Set(product_id),
            slug: Set(plan.slug.clone()),
            name: Set(plan.name.clone()),
            name_zh: Set(plan.name_zh.clone()),
            billing_period: Set(plan.billing_period),
            amount: Set(plan.amount),
            currency: Set(plan.currency.clone()),
            tax_included: Set(plan.tax_included),
            first_period_amount: Set(plan.first_period_amount),
            usage_caps: Set(plan.usage_caps.clone()),
            credits_per_period: Set(plan.credits_per_period),
            effective_from: Set(plan.effective_from),
            effective_to: Set(plan.effective_to),
            notes: Set(None),
            source_url: Set(plan.source_url.clone()),
            observed_on: Set(plan.observed_on),
            confidence: Set(plan.confidence),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            deleted_at: Set(None),
        };
        let plan_id = subscription_plan::Entity::insert(row)
            .exec(db)
            .await?
            .last_insert_id;
        insert_chunks(
            db,
            plan.models
                .iter()
                .map(|m| plan_model::ActiveModel {
                    plan_id: Set(plan_id),
                    model_id: Set(model_ids[m]),
                })
                .collect(),
        )
        .await?;
    }

    // Offerings, keyed by provider/region/api id→model.
    let mut offering_rows = Vec::new();
    for (_, f) in &data.companies {
        for o in &f.offerings {
            offering_rows.push(offering::ActiveModel {
                id: NotSet,
                model_id: Set(model_ids[&o.model]),
                provider_id: Set(company_ids[&f.company.slug]),
                region: Set(o.region.clone()),
                api_model_id: Set(o.api_model_id.clone()),
                mainland_reachable: Set(o.mainland_reachable),
                served_from: Set(o.served_from),
                served_to: Set(o.served_to),
                rate_limits: Set(o.rate_limits.clone()),
                notes: Set(None),
                source_url: Set(o.source_url.clone()),
                observed_on: Set(o.observed_on),
                confidence: Set(o.confidence),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
            });
        }
    }
    report.offerings = offering_rows.len();
    insert_chunks(db, offering_rows).await?;
    let slug_of_company: HashMap<i64, &str> = company_ids
        .iter()
        .map(|(s, id)| (*id, s.as_str()))
        .collect();
    let slug_of_model: HashMap<i64, &str> =
        model_ids.iter().map(|(s, id)| (*id, s.as_str())).collect();
    let offering_ids: HashMap<String, i64> = offering::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| {
            (
                offering_key(
                    slug_of_company[&o.provider_id],
                    &o.region,
                    &o.api_model_id,
                    slug_of_model[&o.model_id],
                ),
                o.id,
            )
        })
        .collect();
    for (_, f) in &data.companies {
        for o in &f.offerings {
            let id =
                offering_ids[&offering_key(&f.company.slug, &o.region, &o.api_model_id, &o.model)];
            for quota in &o.free_quotas {
                quotas.push(free_quota(quota, Some(id), None, now));
            }
        }
    }
    report.free_quotas = quotas.len();
    insert_chunks(db, quotas).await?;

    // Prices.
    let prices: Vec<price::ActiveModel> = data
        .prices
        .iter()
        .map(|located| {
            let r = &located.row;
            let offering_id = match (&r.provider, &r.region, &r.api_model_id, &r.model) {
                (Some(p), Some(region), Some(api), Some(m)) => {
                    Some(offering_ids[&offering_key(p, region, api, m)])
                }
                _ => None,
            };
            price::ActiveModel {
                id: NotSet,
                offering_id: Set(offering_id),
                product_id: Set(r.product.as_ref().map(|p| product_ids[p])),
                dimension: Set(r.dimension),
                unit: Set(r.unit),
                unit_quantity: Set(r.unit_quantity),
                amount: Set(r.amount),
                currency: Set(r.currency.clone()),
                tax_included: Set(r.tax_included),
                mode: Set(r.mode.unwrap_or(PriceMode::Standard)),
                min_input_tokens: Set(r.min_input_tokens),
                max_input_tokens: Set(r.max_input_tokens),
                tier_prices_whole_request: Set(r.tier_prices_whole_request),
                cache_ttl_seconds: Set(r.cache_ttl_seconds),
                window_start: Set(r.window_start.clone()),
                window_end: Set(r.window_end.clone()),
                window_time_zone: Set(r.window_time_zone.clone()),
                resolution: Set(r.resolution.clone()),
                quality: Set(r.quality.clone()),
                duration_seconds: Set(r.duration_seconds),
                effective_from: Set(r.effective_from),
                effective_to: Set(r.effective_to),
                is_promotion: Set(r.is_promotion.unwrap_or(false)),
                promotion_ends_on: Set(r.promotion_ends_on),
                verified_on: Set(r.verified_on),
                notes: Set(None),
                source_url: Set(r.source_url.clone()),
                observed_on: Set(r.observed_on),
                confidence: Set(r.confidence),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
            }
        })
        .collect();
    report.prices = prices.len();
    insert_chunks(db, prices).await?;

    // Filings.
    let mut filings = Vec::new();
    for (_, f) in &data.companies {
        for filing in &f.filings {
            filings.push(filing::ActiveModel {
                id: NotSet,
                filing_number: Set(filing.filing_number.clone()),
                filing_type: Set(filing.filing_type),
                role: Set(filing.role),
                algorithm_name: Set(filing.algorithm_name.clone()),
                company_id: Set(company_ids[&f.company.slug]),
                product_id: Set(filing.product.as_ref().map(|p| product_ids[p])),
                model_id: Set(filing.model.as_ref().map(|m| model_ids[m])),
                announced_on: Set(filing.announced_on),
                status: Set(filing.status),
                notes: Set(None),
                source_url: Set(filing.source_url.clone()),
                observed_on: Set(filing.observed_on),
                confidence: Set(filing.confidence),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
            });
        }
    }
    report.filings = filings.len();
    insert_chunks(db, filings).await?;

    // Events and their links.
    let events: Vec<event::ActiveModel> = data
        .events
        .iter()
        .map(|located| {
            let r = &located.row;
            let urls = split_urls(&r.source_urls);
            event::ActiveModel {
                id: NotSet,
                slug: Set(r.slug.clone()),
                occurred_on: Set(r.occurred_on),
                date_precision: Set(r.date_precision.unwrap_or(DatePrecision::Day)),
                event_type: Set(r.event_type),
                subtype: Set(r.subtype.clone()),
                title: Set(r.title.clone()),
                title_zh: Set(r.title_zh.clone()),
                summary: Set(r.summary.clone()),
                summary_zh: Set(r.summary_zh.clone()),
                importance: Set(r.importance),
                source_url: Set(urls.first().cloned()),
                source_urls: Set(StringList(urls)),
                amount: Set(r.amount),
                currency: Set(r.currency.clone()),
                funding_round: Set(r.funding_round.clone()),
                valuation: Set(r.valuation),
                recorded_on: Set(recorded_on(r)),
                notes: Set(None),
                observed_on: Set(r.observed_on),
                confidence: Set(r.confidence),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
            }
        })
        .collect();
    report.events = events.len();
    insert_chunks(db, events).await?;
    let event_ids =
        ids_by_slug::<event::Entity, _>(db, event::Column::Slug, event::Column::Id).await?;
    let mut event_companies = Vec::new();
    let mut event_models = Vec::new();
    let mut event_products = Vec::new();
    for located in &data.events {
        let r = &located.row;
        let id = event_ids[&r.slug];
        // The links were checked when the dataset was parsed.
        for (slug, role) in parse_links(r.companies.as_deref()).unwrap_or_default() {
            event_companies.push(event_company::ActiveModel {
                event_id: Set(id),
                company_id: Set(company_ids[&slug]),
                role: Set(role),
            });
        }
        for (slug, role) in parse_links(r.models.as_deref()).unwrap_or_default() {
            event_models.push(event_model::ActiveModel {
                event_id: Set(id),
                model_id: Set(model_ids[&slug]),
                role: Set(role),
            });
        }
        for (slug, role) in parse_links(r.products.as_deref()).unwrap_or_default() {
            event_products.push(event_product::ActiveModel {
                event_id: Set(id),
                product_id: Set(product_ids[&slug]),
                role: Set(role),
            });
        }
    }
    insert_chunks(db, event_companies).await?;
    insert_chunks(db, event_models).await?;
    insert_chunks(db, event_products).await?;

    // Exchange rates, benchmarks and scores.
    let rates: Vec<exchange_rate::ActiveModel> = data
        .exchange_rates
        .iter()
        .map(|located| {
            let r = &located.row;
            exchange_rate::ActiveModel {
                id: NotSet,
                base_currency: Set(r.base.clone()),
                quote_currency: Set(r.quote.clone()),
                rate: Set(r.rate),
                on_date: Set(r.on_date),
                source_url: Set(r.source_url.clone()),
                observed_on: Set(r.observed_on),
                confidence: Set(r.confidence),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
            }
        })
        .collect();
    report.exchange_rates = rates.len();
    insert_chunks(db, rates).await?;
    insert_chunks(
        db,
        data.benchmarks
            .iter()
            .map(|b| benchmark::ActiveModel {
                id: NotSet,
                slug: Set(b.slug.clone()),
                name: Set(b.name.clone()),
                name_zh: Set(b.name_zh.clone()),
                description: Set(b.description.clone()),
                url: Set(b.url.clone()),
                internal: Set(false),
                higher_is_better: Set(b.higher_is_better),
                source_url: Set(b.source_url.clone()),
                observed_on: Set(b.observed_on),
                confidence: Set(b.confidence),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
            })
            .collect(),
    )
    .await?;
    report.benchmarks = data.benchmarks.len();
    let benchmark_ids =
        ids_by_slug::<benchmark::Entity, _>(db, benchmark::Column::Slug, benchmark::Column::Id)
            .await?;
    let scores: Vec<score::ActiveModel> = data
        .scores
        .iter()
        .map(|located| {
            let r = &located.row;
            score::ActiveModel {
                id: NotSet,
                benchmark_id: Set(benchmark_ids[&r.benchmark]),
                model_id: Set(model_ids[&r.model]),
                value: Set(r.value),
                measured_on: Set(r.measured_on),
                self_reported: Set(r.self_reported),
                notes: Set(None),
                source_url: Set(r.source_url.clone()),
                observed_on: Set(r.observed_on),
                confidence: Set(r.confidence),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
            }
        })
        .collect();
    report.scores = scores.len();
    insert_chunks(db, scores).await?;

    Ok(report)
}

/// When the team recorded an event: as given, else the day its source was read, else the
/// day it happened.
fn recorded_on(r: &EventRow) -> NaiveDate {
    r.recorded_on.or(r.observed_on).unwrap_or(r.occurred_on)
}

fn free_quota(
    q: &FreeQuotaSeed,
    offering_id: Option<i64>,
    product_id: Option<i64>,
    now: chrono::DateTime<Utc>,
) -> free_quota::ActiveModel {
    free_quota::ActiveModel {
        id: NotSet,
        offering_id: Set(offering_id),
        product_id: Set(product_id),
        dimension: Set(q.dimension),
        quantity: Set(q.quantity),
        unit: Set(q.unit),
        period: Set(q.period),
        expires_after_days: Set(q.expires_after_days),
        new_accounts_only: Set(q.new_accounts_only),
        effective_from: Set(q.effective_from),
        effective_to: Set(q.effective_to),
        notes: Set(None),
        source_url: Set(q.source_url.clone()),
        observed_on: Set(q.observed_on),
        confidence: Set(q.confidence),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
    }
}
