//! Exporting `exchange_rates.csv`: every live exchange rate.

use std::path::Path;

use entities::*;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::{ExportError, csv_text, live, write};
use crate::format::*;

/// Writes `exchange_rates.csv`, returning how many records it wrote.
pub(super) async fn export_rates<C: ConnectionTrait>(
    db: &C,
    dir: &Path,
) -> Result<usize, ExportError> {
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
        .map(|r| RateRow { row: Values::of(r) })
        .collect();
    write(
        dir,
        "exchange_rates.csv",
        &csv_text("exchange_rates.csv", &rate_rows)?,
    )?;
    Ok(rate_rows.len())
}
