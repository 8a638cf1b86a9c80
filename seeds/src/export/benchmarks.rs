//! Exporting `benchmarks.yaml` and `scores.csv`: the public benchmarks (not the team's
//! internal ones) and the live scores on them.

use std::{collections::HashMap, path::Path};

use entities::*;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::{ExportError, Slugs, csv_text, live, slug_of, write, yaml};
use crate::format::*;

/// Writes `benchmarks.yaml` and `scores.csv`, returning how many records it wrote.
pub(super) async fn export_benchmarks<C: ConnectionTrait>(
    db: &C,
    dir: &Path,
    model_slug: &Slugs,
) -> Result<usize, ExportError> {
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
        .map(|b| BenchmarkSeed { row: Values::of(b) })
        .collect();
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
        model: slug_of(model_slug, s.model_id),
        row: Values::of(&s),
    })
    .collect();
    score_rows.sort_by(|a, b| {
        (&a.benchmark, &a.model, a.measured_on).cmp(&(&b.benchmark, &b.model, b.measured_on))
    });
    write(dir, "scores.csv", &csv_text("scores.csv", &score_rows)?)?;
    Ok(bench_seeds.len() + score_rows.len())
}
