//! Exporting `events.csv`: every live event with the companies, models and products it
//! involves.

use std::path::Path;

use entities::*;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::{Catalog, ExportError, csv_text, live, slug_of, write};
use serde_json::json;

use crate::{fields::seed_of, format::*};

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
        .map(|e| {
            let links = |pairs: Vec<(String, EventRole)>| {
                joined(pairs.into_iter().map(|(slug, role)| format!("{slug}:{role}")).collect())
            };
            seed_of::<event::Entity, _>(
                e,
                json!({
                    "companies": links(event_companies.iter().filter(|l| l.event_id == e.id).map(|l| (slug_of(company_slug, l.company_id), l.role)).collect()),
                    "models": links(event_models.iter().filter(|l| l.event_id == e.id).map(|l| (slug_of(model_slug, l.model_id), l.role)).collect()),
                    "products": links(event_products.iter().filter(|l| l.event_id == e.id).map(|l| (slug_of(product_slug, l.product_id), l.role)).collect()),
                    "source_urls": e.source_urls.0.join(" "),
                }),
            )
        })
        .collect();
    write(dir, "events.csv", &csv_text("events.csv", &event_rows)?)?;
    Ok(event_rows.len())
}
