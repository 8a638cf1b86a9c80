//! Writing the database back out in the seed format, so that export → seed into an empty
//! database → export gives the same files. Live rows only; team-only fields (notes,
//! relationship status, watch list) and the team's own benchmarks are not exported.

use std::{collections::HashMap, path::Path};

use entities::*;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};

use crate::format::*;

/// What went wrong while exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("reading the database: {0}")]
    Db(#[from] DbErr),
    #[error("writing {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("formatting {path}: {message}")]
    Format { path: String, message: String },
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), ExportError> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| ExportError::Io {
            path: parent.display().to_string(),
            source,
        })?;
    }
    std::fs::write(&path, text).map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })
}

fn yaml<T: serde::Serialize>(name: &str, value: &T) -> Result<String, ExportError> {
    serde_yaml::to_string(value).map_err(|e| ExportError::Format {
        path: name.into(),
        message: e.to_string(),
    })
}

fn csv_text<T: serde::Serialize>(
    name: &str,
    rows: &[T],
    header: &[&str],
) -> Result<String, ExportError> {
    let bad = |e: csv::Error| ExportError::Format {
        path: name.into(),
        message: e.to_string(),
    };
    // With rows, serde writes the header from the first one; without, the given header stands alone.
    let mut writer = csv::WriterBuilder::new()
        .has_headers(!rows.is_empty())
        .from_writer(Vec::new());
    if rows.is_empty() && !header.is_empty() {
        writer.write_record(header).map_err(bad)?;
    }
    for row in rows {
        writer.serialize(row).map_err(bad)?;
    }
    let bytes = writer.into_inner().map_err(|e| ExportError::Format {
        path: name.into(),
        message: e.to_string(),
    })?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields"))
}

fn live<M>(rows: Vec<M>, deleted: impl Fn(&M) -> bool) -> Vec<M> {
    rows.into_iter().filter(|r| !deleted(r)).collect()
}

/// Writes every file of the seed layout into `dir`, returning how many records it wrote.
pub async fn export<C: ConnectionTrait>(db: &C, dir: &Path) -> Result<usize, ExportError> {
    let mut written = 0;
    let media = media_type::Entity::find()
        .order_by_asc(media_type::Column::Position)
        .order_by_asc(media_type::Column::Id)
        .all(db)
        .await?;
    let tasks = task::Entity::find()
        .order_by_asc(task::Column::Position)
        .order_by_asc(task::Column::Id)
        .all(db)
        .await?;
    let vocab = |slug: &str, name: &str, name_zh: &Option<String>, description: &Option<String>| {
        Vocabulary {
            slug: slug.into(),
            name: name.into(),
            name_zh: name_zh.clone(),
            description: description.clone(),
        }
    };
    write(
        dir,
        "media_types.yaml",
        &yaml(
            "media_types.yaml",
            &media
                .iter()
                .map(|m| vocab(&m.slug, &m.name, &m.name_zh, &m.description))
                .collect::<Vec<_>>(),
        )?,
    )?;
    write(
        dir,
        "tasks.yaml",
        &yaml(
            "tasks.yaml",
            &tasks
                .iter()
                .map(|t| vocab(&t.slug, &t.name, &t.name_zh, &t.description))
                .collect::<Vec<_>>(),
        )?,
    )?;
    written += media.len() + tasks.len();
    let media_slug: HashMap<i64, String> = media.into_iter().map(|m| (m.id, m.slug)).collect();
    let task_slug: HashMap<i64, String> = tasks.into_iter().map(|t| (t.id, t.slug)).collect();

    let companies = live(
        company::Entity::find()
            .order_by_asc(company::Column::Slug)
            .all(db)
            .await?,
        |c| c.deleted_at.is_some(),
    );
    let models = live(
        model::Entity::find()
            .order_by_asc(model::Column::Slug)
            .all(db)
            .await?,
        |m| m.deleted_at.is_some(),
    );
    let products = live(
        product::Entity::find()
            .order_by_asc(product::Column::Slug)
            .all(db)
            .await?,
        |p| p.deleted_at.is_some(),
    );
    let offerings = live(offering::Entity::find().all(db).await?, |o| {
        o.deleted_at.is_some()
    });
    let company_slug: HashMap<i64, String> =
        companies.iter().map(|c| (c.id, c.slug.clone())).collect();
    let model_slug: HashMap<i64, String> = models.iter().map(|m| (m.id, m.slug.clone())).collect();
    let product_slug: HashMap<i64, String> =
        products.iter().map(|p| (p.id, p.slug.clone())).collect();
    let offering_of: HashMap<i64, &offering::Model> = offerings.iter().map(|o| (o.id, o)).collect();
    let slug_of = |map: &HashMap<i64, String>, id: i64| map.get(&id).cloned().unwrap_or_default();

    let media_links = model_media_type::Entity::find().all(db).await?;
    let model_tasks = model_task::Entity::find().all(db).await?;
    let product_models = product_model::Entity::find().all(db).await?;
    let product_tasks = product_task::Entity::find().all(db).await?;
    let plan_models = plan_model::Entity::find().all(db).await?;
    let plans = live(
        subscription_plan::Entity::find()
            .order_by_asc(subscription_plan::Column::Slug)
            .order_by_asc(subscription_plan::Column::EffectiveFrom)
            .all(db)
            .await?,
        |p| p.deleted_at.is_some(),
    );
    let costs = live(
        credit_cost::Entity::find()
            .order_by_asc(credit_cost::Column::Work)
            .order_by_asc(credit_cost::Column::EffectiveFrom)
            .all(db)
            .await?,
        |c| c.deleted_at.is_some(),
    );
    let quotas = live(
        free_quota::Entity::find()
            .order_by_asc(free_quota::Column::EffectiveFrom)
            .order_by_asc(free_quota::Column::Id)
            .all(db)
            .await?,
        |q| q.deleted_at.is_some(),
    );
    let filings = live(
        filing::Entity::find()
            .order_by_asc(filing::Column::FilingNumber)
            .all(db)
            .await?,
        |f| f.deleted_at.is_some(),
    );

    let sorted = |mut list: Vec<String>| {
        list.sort();
        list
    };
    let quota_seed = |q: &free_quota::Model| FreeQuotaSeed {
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
    };

    for c in &companies {
        let file = CompanyFile {
            company: CompanySeed {
                slug: c.slug.clone(),
                name: c.name.clone(),
                name_zh: c.name_zh.clone(),
                aliases: c.aliases.0.clone(),
                kind: c.kind,
                country: c.country.clone(),
                headquarters: c.headquarters.clone(),
                founded_year: c.founded_year,
                website: c.website.clone(),
                parent: c.parent_id.map(|p| slug_of(&company_slug, p)),
                description: c.description.clone(),
                description_zh: c.description_zh.clone(),
                source_url: c.source_url.clone(),
                observed_on: c.observed_on,
                confidence: c.confidence,
            },
            models: models
                .iter()
                .filter(|m| m.company_id == c.id)
                .map(|m| ModelSeed {
                    slug: m.slug.clone(),
                    name: m.name.clone(),
                    name_zh: m.name_zh.clone(),
                    aliases: m.aliases.0.clone(),
                    family: m.family.clone(),
                    version: m.version_label.clone(),
                    base_model: m.base_model_id.map(|id| slug_of(&model_slug, id)),
                    successor: m.successor_id.map(|id| slug_of(&model_slug, id)),
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
                    inputs: sorted(
                        media_links
                            .iter()
                            .filter(|l| l.model_id == m.id && l.direction == Direction::Input)
                            .map(|l| slug_of(&media_slug, l.media_type_id))
                            .collect(),
                    ),
                    outputs: sorted(
                        media_links
                            .iter()
                            .filter(|l| l.model_id == m.id && l.direction == Direction::Output)
                            .map(|l| slug_of(&media_slug, l.media_type_id))
                            .collect(),
                    ),
                    tasks: sorted(
                        model_tasks
                            .iter()
                            .filter(|l| l.model_id == m.id)
                            .map(|l| slug_of(&task_slug, l.task_id))
                            .collect(),
                    ),
                    description: m.description.clone(),
                    description_zh: m.description_zh.clone(),
                    source_url: m.source_url.clone(),
                    observed_on: m.observed_on,
                    confidence: m.confidence,
                })
                .collect(),
            products: products
                .iter()
                .filter(|p| p.company_id == c.id)
                .map(|p| ProductSeed {
                    slug: p.slug.clone(),
                    name: p.name.clone(),
                    name_zh: p.name_zh.clone(),
                    aliases: p.aliases.0.clone(),
                    kind: p.kind,
                    audiences: [
                        (p.for_consumers, Audience::Consumer),
                        (p.for_business, Audience::Business),
                        (p.for_government, Audience::Government),
                    ]
                    .into_iter()
                    .filter_map(|(yes, a)| yes.then_some(a))
                    .collect(),
                    launch_date: p.launch_date,
                    status: p.status,
                    url: p.url.clone(),
                    models: sorted(
                        product_models
                            .iter()
                            .filter(|l| l.product_id == p.id)
                            .map(|l| slug_of(&model_slug, l.model_id))
                            .collect(),
                    ),
                    tasks: sorted(
                        product_tasks
                            .iter()
                            .filter(|l| l.product_id == p.id)
                            .map(|l| slug_of(&task_slug, l.task_id))
                            .collect(),
                    ),
                    description: p.description.clone(),
                    description_zh: p.description_zh.clone(),
                    plans: plans
                        .iter()
                        .filter(|plan| plan.product_id == p.id)
                        .map(|plan| PlanSeed {
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
                            models: sorted(
                                plan_models
                                    .iter()
                                    .filter(|l| l.plan_id == plan.id)
                                    .map(|l| slug_of(&model_slug, l.model_id))
                                    .collect(),
                            ),
                            effective_from: plan.effective_from,
                            effective_to: plan.effective_to,
                            source_url: plan.source_url.clone(),
                            observed_on: plan.observed_on,
                            confidence: plan.confidence,
                        })
                        .collect(),
                    credit_costs: costs
                        .iter()
                        .filter(|cost| cost.product_id == p.id)
                        .map(|cost| CreditCostSeed {
                            work: cost.work.clone(),
                            model: cost.model_id.map(|id| slug_of(&model_slug, id)),
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
                        })
                        .collect(),
                    free_quotas: quotas
                        .iter()
                        .filter(|q| q.product_id == Some(p.id))
                        .map(quota_seed)
                        .collect(),
                    source_url: p.source_url.clone(),
                    observed_on: p.observed_on,
                    confidence: p.confidence,
                })
                .collect(),
            offerings: {
                let mut mine: Vec<&offering::Model> =
                    offerings.iter().filter(|o| o.provider_id == c.id).collect();
                mine.sort_by_key(|o| {
                    (
                        o.region.clone(),
                        o.api_model_id.clone(),
                        slug_of(&model_slug, o.model_id),
                    )
                });
                mine.into_iter()
                    .map(|o| OfferingSeed {
                        model: slug_of(&model_slug, o.model_id),
                        region: o.region.clone(),
                        api_model_id: o.api_model_id.clone(),
                        mainland_reachable: o.mainland_reachable,
                        served_from: o.served_from,
                        served_to: o.served_to,
                        rate_limits: o.rate_limits.clone(),
                        free_quotas: quotas
                            .iter()
                            .filter(|q| q.offering_id == Some(o.id))
                            .map(quota_seed)
                            .collect(),
                        source_url: o.source_url.clone(),
                        observed_on: o.observed_on,
                        confidence: o.confidence,
                    })
                    .collect()
            },
            filings: filings
                .iter()
                .filter(|f| f.company_id == c.id)
                .map(|f| FilingSeed {
                    filing_number: f.filing_number.clone(),
                    filing_type: f.filing_type,
                    role: f.role,
                    algorithm_name: f.algorithm_name.clone(),
                    product: f.product_id.map(|id| slug_of(&product_slug, id)),
                    model: f.model_id.map(|id| slug_of(&model_slug, id)),
                    announced_on: f.announced_on,
                    status: f.status,
                    source_url: f.source_url.clone(),
                    observed_on: f.observed_on,
                    confidence: f.confidence,
                })
                .collect(),
        };
        let name = format!("companies/{}.yaml", c.slug);
        written +=
            1 + file.models.len() + file.products.len() + file.offerings.len() + file.filings.len();
        write(dir, &name, &yaml(&name, &file)?)?;
    }

    // Prices, in the order of their natural key.
    let mut prices: Vec<(String, PriceRow)> = live(price::Entity::find().all(db).await?, |p| {
        p.deleted_at.is_some()
    })
    .into_iter()
    .map(|p| {
        let o = p.offering_id.and_then(|id| offering_of.get(&id));
        let row = PriceRow {
            provider: o.map(|o| slug_of(&company_slug, o.provider_id)),
            region: o.map(|o| o.region.clone()),
            api_model_id: o.map(|o| o.api_model_id.clone()),
            model: o.map(|o| slug_of(&model_slug, o.model_id)),
            product: p.product_id.map(|id| slug_of(&product_slug, id)),
            dimension: p.dimension,
            unit: p.unit,
            unit_quantity: p.unit_quantity,
            amount: p.amount,
            currency: p.currency.clone(),
            tax_included: p.tax_included,
            mode: Some(p.mode),
            min_input_tokens: p.min_input_tokens,
            max_input_tokens: p.max_input_tokens,
            tier_prices_whole_request: p.tier_prices_whole_request,
            cache_ttl_seconds: p.cache_ttl_seconds,
            window_start: p.window_start.clone(),
            window_end: p.window_end.clone(),
            window_time_zone: p.window_time_zone.clone(),
            resolution: p.resolution.clone(),
            quality: p.quality.clone(),
            duration_seconds: p.duration_seconds,
            effective_from: p.effective_from,
            effective_to: p.effective_to,
            is_promotion: Some(p.is_promotion),
            promotion_ends_on: p.promotion_ends_on,
            verified_on: p.verified_on,
            source_url: p.source_url.clone(),
            observed_on: p.observed_on,
            confidence: p.confidence,
        };
        (crate::validate::price_key(&row), row)
    })
    .collect();
    prices.sort_by(|a, b| a.0.cmp(&b.0));
    let prices: Vec<PriceRow> = prices.into_iter().map(|(_, r)| r).collect();
    written += prices.len();
    write(dir, "prices.csv", &csv_text("prices.csv", &prices, &[])?)?;

    let events = live(
        event::Entity::find()
            .order_by_asc(event::Column::OccurredOn)
            .order_by_asc(event::Column::Slug)
            .all(db)
            .await?,
        |e| e.deleted_at.is_some(),
    );
    let event_companies = event_company::Entity::find().all(db).await?;
    let event_models = event_model::Entity::find().all(db).await?;
    let event_products = event_product::Entity::find().all(db).await?;
    let joined = |mut pairs: Vec<String>| -> Option<String> {
        pairs.sort();
        (!pairs.is_empty()).then(|| pairs.join("; "))
    };
    let event_rows: Vec<EventRow> = events
        .iter()
        .map(|e| EventRow {
            slug: e.slug.clone(),
            occurred_on: e.occurred_on,
            date_precision: Some(e.date_precision),
            event_type: e.event_type,
            subtype: e.subtype.clone(),
            title: e.title.clone(),
            title_zh: e.title_zh.clone(),
            summary: e.summary.clone(),
            summary_zh: e.summary_zh.clone(),
            importance: e.importance,
            companies: joined(
                event_companies
                    .iter()
                    .filter(|l| l.event_id == e.id)
                    .map(|l| format!("{}:{}", slug_of(&company_slug, l.company_id), l.role))
                    .collect(),
            ),
            models: joined(
                event_models
                    .iter()
                    .filter(|l| l.event_id == e.id)
                    .map(|l| format!("{}:{}", slug_of(&model_slug, l.model_id), l.role))
                    .collect(),
            ),
            products: joined(
                event_products
                    .iter()
                    .filter(|l| l.event_id == e.id)
                    .map(|l| format!("{}:{}", slug_of(&product_slug, l.product_id), l.role))
                    .collect(),
            ),
            source_urls: e.source_urls.0.join(" "),
            amount: e.amount,
            currency: e.currency.clone(),
            funding_round: e.funding_round.clone(),
            valuation: e.valuation,
            recorded_on: Some(e.recorded_on),
            observed_on: e.observed_on,
            confidence: e.confidence,
        })
        .collect();
    written += event_rows.len();
    write(
        dir,
        "events.csv",
        &csv_text("events.csv", &event_rows, &[])?,
    )?;

    let rates = live(
        exchange_rate::Entity::find()
            .order_by_asc(exchange_rate::Column::BaseCurrency)
            .order_by_asc(exchange_rate::Column::QuoteCurrency)
            .order_by_asc(exchange_rate::Column::OnDate)
            .all(db)
            .await?,
        |r| r.deleted_at.is_some(),
    );
    let rate_rows: Vec<RateRow> = rates
        .iter()
        .map(|r| RateRow {
            base: r.base_currency.clone(),
            quote: r.quote_currency.clone(),
            rate: r.rate,
            on_date: r.on_date,
            source_url: r.source_url.clone(),
            observed_on: r.observed_on,
            confidence: r.confidence,
        })
        .collect();
    written += rate_rows.len();
    write(
        dir,
        "exchange_rates.csv",
        &csv_text(
            "exchange_rates.csv",
            &rate_rows,
            &[
                "base",
                "quote",
                "rate",
                "on_date",
                "source_url",
                "observed_on",
                "confidence",
            ],
        )?,
    )?;

    let benchmarks = live(
        benchmark::Entity::find()
            .order_by_asc(benchmark::Column::Slug)
            .all(db)
            .await?,
        |b| b.deleted_at.is_some() || b.internal,
    );
    let benchmark_slug: HashMap<i64, String> =
        benchmarks.iter().map(|b| (b.id, b.slug.clone())).collect();
    let bench_seeds: Vec<BenchmarkSeed> = benchmarks
        .iter()
        .map(|b| BenchmarkSeed {
            slug: b.slug.clone(),
            name: b.name.clone(),
            name_zh: b.name_zh.clone(),
            description: b.description.clone(),
            url: b.url.clone(),
            higher_is_better: b.higher_is_better,
            source_url: b.source_url.clone(),
            observed_on: b.observed_on,
            confidence: b.confidence,
        })
        .collect();
    written += bench_seeds.len();
    write(
        dir,
        "benchmarks.yaml",
        &yaml("benchmarks.yaml", &bench_seeds)?,
    )?;
    let mut score_rows: Vec<ScoreRow> = live(score::Entity::find().all(db).await?, |s| {
        s.deleted_at.is_some()
    })
    .into_iter()
    .filter(|s| benchmark_slug.contains_key(&s.benchmark_id))
    .map(|s| ScoreRow {
        benchmark: slug_of(&benchmark_slug, s.benchmark_id),
        model: slug_of(&model_slug, s.model_id),
        value: s.value,
        measured_on: s.measured_on,
        self_reported: s.self_reported,
        source_url: s.source_url.clone(),
        observed_on: s.observed_on,
        confidence: s.confidence,
    })
    .collect();
    score_rows.sort_by(|a, b| {
        (&a.benchmark, &a.model, a.measured_on).cmp(&(&b.benchmark, &b.model, b.measured_on))
    });
    written += score_rows.len();
    write(
        dir,
        "scores.csv",
        &csv_text(
            "scores.csv",
            &score_rows,
            &[
                "benchmark",
                "model",
                "value",
                "measured_on",
                "self_reported",
                "source_url",
                "observed_on",
                "confidence",
            ],
        )?,
    )?;
    Ok(written)
}
