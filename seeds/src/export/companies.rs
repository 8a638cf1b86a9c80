//! Exporting the company files, `companies/<slug>.yaml`: each company with its models,
//! products (and their plans, credit costs and free quotas), offerings and filings.

use std::{collections::HashMap, path::Path};

use entities::*;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::{Catalog, ExportError, Slugs, live, slug_of, write, yaml};
use crate::format::*;

/// Writes one file per live company, returning how many records it wrote and the slugs and
/// offerings the other files refer to.
pub(super) async fn export_companies<C: ConnectionTrait>(
    db: &C,
    dir: &Path,
    media_slug: &Slugs,
    task_slug: &Slugs,
) -> Result<(usize, Catalog), ExportError> {
    let mut written = 0;
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
                            .map(|l| slug_of(media_slug, l.media_type_id))
                            .collect(),
                    ),
                    outputs: sorted(
                        media_links
                            .iter()
                            .filter(|l| l.model_id == m.id && l.direction == Direction::Output)
                            .map(|l| slug_of(media_slug, l.media_type_id))
                            .collect(),
                    ),
                    tasks: sorted(
                        model_tasks
                            .iter()
                            .filter(|l| l.model_id == m.id)
                            .map(|l| slug_of(task_slug, l.task_id))
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
                            .map(|l| slug_of(task_slug, l.task_id))
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

    Ok((
        written,
        Catalog {
            company_slug,
            model_slug,
            product_slug,
            offerings,
        },
    ))
}

fn sorted(mut list: Vec<String>) -> Vec<String> {
    list.sort();
    list
}

fn quota_seed(q: &free_quota::Model) -> FreeQuotaSeed {
    FreeQuotaSeed {
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
    }
}
