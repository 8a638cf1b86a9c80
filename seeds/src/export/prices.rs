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
            provider: o.map(|o| slug_of(company_slug, o.provider_id)),
            region: o.map(|o| o.region.clone()),
            api_model_id: o.map(|o| o.api_model_id.clone()),
            model: o.map(|o| slug_of(model_slug, o.model_id)),
            product: p.product_id.map(|id| slug_of(product_slug, id)),
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
    write(dir, "prices.csv", &csv_text("prices.csv", &prices, &[])?)?;
    Ok(prices.len())
}
