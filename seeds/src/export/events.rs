//! Exporting `events.csv`: every live event with the companies, models and products it
//! involves.

use std::path::Path;

use entities::*;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::{Catalog, ExportError, Slugs, csv_text, live, slug_of, write};
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
        .map(|e| {
            // `slug:ROLE` pairs of one event, sorted, `; `-separated.
            let roles = |links: Vec<(i64, EventRole)>, slugs: &Slugs| {
                joined(
                    links
                        .into_iter()
                        .map(|(id, role)| format!("{}:{role}", slug_of(slugs, id)))
                        .collect(),
                )
            };
            let companies = event_companies.iter().filter(|l| l.event_id == e.id);
            let companies = roles(
                companies.map(|l| (l.company_id, l.role)).collect(),
                company_slug,
            );
            let models = event_models.iter().filter(|l| l.event_id == e.id);
            let models = roles(models.map(|l| (l.model_id, l.role)).collect(), model_slug);
            let products = event_products.iter().filter(|l| l.event_id == e.id);
            let products = roles(
                products.map(|l| (l.product_id, l.role)).collect(),
                product_slug,
            );
            EventRow {
                row: Values::of(e),
                companies,
                models,
                products,
                source_urls: e.source_urls.0.join(" "),
                recorded_on: Some(e.recorded_on),
            }
        })
        .collect();
    write(dir, "events.csv", &csv_text("events.csv", &event_rows)?)?;
    Ok(event_rows.len())
}
