//! Exporting `events.csv`: every live event with the companies, models and products it
//! involves.

use std::path::Path;

use entities::*;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::{Catalog, ExportError, csv_text, live, slug_of, write};
use crate::format::*;

/// Writes `events.csv`, returning how many records it wrote.
pub(super) async fn export_events<C: ConnectionTrait>(
    db: &C,
    dir: &Path,
    catalog: &Catalog,
) -> Result<usize, ExportError> {
    let Catalog {
        company_slug,
        model_slug,
        product_slug,
        ..
    } = catalog;
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
                    .map(|l| format!("{}:{}", slug_of(company_slug, l.company_id), l.role))
                    .collect(),
            ),
            models: joined(
                event_models
                    .iter()
                    .filter(|l| l.event_id == e.id)
                    .map(|l| format!("{}:{}", slug_of(model_slug, l.model_id), l.role))
                    .collect(),
            ),
            products: joined(
                event_products
                    .iter()
                    .filter(|l| l.event_id == e.id)
                    .map(|l| format!("{}:{}", slug_of(product_slug, l.product_id), l.role))
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
    write(
        dir,
        "events.csv",
        &csv_text("events.csv", &event_rows, &[])?,
    )?;
    Ok(event_rows.len())
}
