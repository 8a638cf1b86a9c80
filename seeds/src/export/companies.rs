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
                row: Values::of(c),
                parent: c.parent_id.map(|p| slug_of(&company_slug, p)),
            },
            models: models
                .iter()
                .filter(|m| m.company_id == c.id)
                .map(|m| {
                    let media = |direction: Direction| -> Vec<String> {
                        sorted(
                            media_links
                                .iter()
                                .filter(|l| l.model_id == m.id && l.direction == direction)
                                .map(|l| slug_of(media_slug, l.media_type_id))
                                .collect(),
                        )
                    };
                    ModelSeed {
                        row: Values::of(m),
                        base_model: m.base_model_id.map(|id| slug_of(&model_slug, id)),
                        successor: m.successor_id.map(|id| slug_of(&model_slug, id)),
                        inputs: media(Direction::Input),
                        outputs: media(Direction::Output),
                        tasks: sorted(
                            model_tasks
                                .iter()
                                .filter(|l| l.model_id == m.id)
                                .map(|l| slug_of(task_slug, l.task_id))
                                .collect(),
                        ),
                    }
                })
                .collect(),
            products: products
                .iter()
                .filter(|p| p.company_id == c.id)
                .map(|p| {
                    let audiences: Vec<Audience> = [
                        (p.for_consumers, Audience::Consumer),
                        (p.for_business, Audience::Business),
                        (p.for_government, Audience::Government),
                    ]
                    .into_iter()
                    .filter_map(|(yes, a)| yes.then_some(a))
                    .collect();
                    ProductSeed {
                        row: Values::of(p),
                        audiences,
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
                        plans: plans
                            .iter()
                            .filter(|plan| plan.product_id == p.id)
                            .map(|plan| {
                                let models: Vec<String> = plan_models
                                    .iter()
                                    .filter(|l| l.plan_id == plan.id)
                                    .map(|l| slug_of(&model_slug, l.model_id))
                                    .collect();
                                PlanSeed {
                                    row: Values::of(plan),
                                    models: sorted(models),
                                }
                            })
                            .collect(),
                        credit_costs: costs
                            .iter()
                            .filter(|cost| cost.product_id == p.id)
                            .map(|cost| CreditCostSeed {
                                row: Values::of(cost),
                                model: cost.model_id.map(|id| slug_of(&model_slug, id)),
                            })
                            .collect(),
                        free_quotas: quotas
                            .iter()
                            .filter(|q| q.product_id == Some(p.id))
                            .map(quota_seed)
                            .collect(),
                    }
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
                        row: Values::of(o),
                        model: slug_of(&model_slug, o.model_id),
                        free_quotas: quotas
                            .iter()
                            .filter(|q| q.offering_id == Some(o.id))
                            .map(quota_seed)
                            .collect(),
                    })
                    .collect()
            },
            filings: filings
                .iter()
                .filter(|f| f.company_id == c.id)
                .map(|f| FilingSeed {
                    row: Values::of(f),
                    product: f.product_id.map(|id| slug_of(&product_slug, id)),
                    model: f.model_id.map(|id| slug_of(&model_slug, id)),
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
    FreeQuotaSeed { row: Values::of(q) }
}
