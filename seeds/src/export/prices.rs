//! Exporting `prices.csv`: every live price, in the order of its natural key.

use std::{collections::HashMap, path::Path};

use entities::*;
use sea_orm::{ConnectionTrait, EntityTrait};

use super::{Catalog, ExportError, csv_text, live, slug_of, write};
use crate::format::*;

/// Writes `prices.csv`, returning how many records it wrote.
pub(super) async fn export_prices<C: ConnectionTrait>(
    db: &C,
    dir: &Path,
    catalog: &Catalog,
) -> Result<usize, ExportError> {
    let Catalog {
        company_slug,
        model_slug,
        product_slug,
        offerings,
    } = catalog;
    let offering_of: HashMap<i64, &offering::Model> = offerings.iter().map(|o| (o.id, o)).collect();
    // Prices, in the order of their natural key.
    let mut prices: Vec<(String, PriceRow)> = live(price::Entity::find().all(db).await?, |p| {
        p.deleted_at.is_some()
    })
    .into_iter()
    .map(|p| {
        let o = p.offering_id.and_then(|id| offering_of.get(&id));
        let row = PriceRow {
            offering: OfferingRef {
                provider: o.map(|o| slug_of(company_slug, o.provider_id)),
                region: o.map(|o| o.region.clone()),
                api_model_id: o.map(|o| o.api_model_id.clone()),
                model: o.map(|o| slug_of(model_slug, o.model_id)),
            },
            product: p.product_id.map(|id| slug_of(product_slug, id)),
            row: Values::of(&p),
        };
        (crate::validate::price_key(&row), row)
    })
    .collect();
    prices.sort_by(|a, b| a.0.cmp(&b.0));
    let prices: Vec<PriceRow> = prices.into_iter().map(|(_, r)| r).collect();
    write(dir, "prices.csv", &csv_text("prices.csv", &prices)?)?;
    Ok(prices.len())
}
