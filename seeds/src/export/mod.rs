//! Writing the database back out in the seed format, so that export → seed into an empty
//! database → export gives the same files. Live rows only; team-only fields (notes,
//! relationship status, watch list) and the team's own benchmarks are not exported.

mod benchmarks;
mod companies;
mod events;
mod prices;
mod rates;
mod vocabularies;

use std::{collections::HashMap, path::Path};

use entities::offering;
use sea_orm::{ConnectionTrait, DbErr};

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

/// Slugs by row id, for writing references to other records.
type Slugs = HashMap<i64, String>;

/// What the company files hold that the other files refer to: slugs by id, and the offerings.
struct Catalog {
    company_slug: Slugs,
    model_slug: Slugs,
    product_slug: Slugs,
    offerings: Vec<offering::Model>,
}

/// Writes every file of the seed layout into `dir`, returning how many records it wrote.
pub async fn export<C: ConnectionTrait>(db: &C, dir: &Path) -> Result<usize, ExportError> {
    let (mut written, media_slug, task_slug) = vocabularies::export_vocabularies(db, dir).await?;
    let (count, catalog) = companies::export_companies(db, dir, &media_slug, &task_slug).await?;
    written += count;
    written += prices::export_prices(db, dir, &catalog).await?;
    written += events::export_events(db, dir, &catalog).await?;
    written += rates::export_rates(db, dir).await?;
    written += benchmarks::export_benchmarks(db, dir, &catalog.model_slug).await?;
    Ok(written)
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

fn csv_text<T: crate::format::CsvRow>(name: &str, rows: &[T]) -> Result<String, ExportError> {
    let bad = |message: String| ExportError::Format {
        path: name.into(),
        message,
    };
    let header = crate::cells::header::<T>();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(&header)
        .map_err(|e| bad(e.to_string()))?;
    for row in rows {
        let cells = crate::cells::write(row, &header).map_err(bad)?;
        writer.write_record(cells).map_err(|e| bad(e.to_string()))?;
    }
    let bytes = writer.into_inner().map_err(|e| bad(e.to_string()))?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 fields"))
}

fn live<M>(rows: Vec<M>, deleted: impl Fn(&M) -> bool) -> Vec<M> {
    rows.into_iter().filter(|r| !deleted(r)).collect()
}

/// The slug for `id` in `map`, or an empty string when the row is not a live one.
fn slug_of(map: &Slugs, id: i64) -> String {
    map.get(&id).cloned().unwrap_or_default()
}
