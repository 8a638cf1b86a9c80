//! Benchmarks and the scores models got on them.

mod mutation;

pub use mutation::{BenchmarkMutation, ScoreMutation};

use async_graphql::{Context, ID, Object, Result};
use entities::{benchmark, score};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::graphql::{
    ids::{self, Kind},
    loaders::one,
    model::Model,
    scalars::{Date, DateTime, Decimal},
    {context::db, context::loaders, provenance::Provenance},
};

#[derive(Clone)]
pub struct Benchmark(pub benchmark::Model);

/// A benchmark: a public one (C-Eval, SuperCLUE) or the team's own evaluation set.
#[Object]
impl Benchmark {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Benchmark, self.0.id)
    }

    /// Unique human key, e.g. "mmlu".
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// Name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Chinese name.
    async fn name_zh(&self) -> Option<&str> {
        self.0.name_zh.as_deref()
    }

    /// What it measures.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Its home page.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// Whether it is the team's own evaluation set (team-only). Viewers and up.
    #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Viewer)")]
    async fn internal(&self) -> bool {
        self.0.internal
    }

    /// Whether a higher score is better.
    async fn higher_is_better(&self) -> bool {
        self.0.higher_is_better
    }

    /// Where these facts came from.
    async fn provenance(&self) -> Provenance {
        Provenance::new(&self.0.source_url, self.0.observed_on, self.0.confidence)
    }

    /// Bumped on each change.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}

#[derive(Clone)]
pub struct Score(pub score::Model);

/// A model's result on a benchmark.
#[Object]
impl Score {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Score, self.0.id)
    }

    /// The benchmark.
    async fn benchmark(&self, ctx: &Context<'_>) -> Result<Option<Benchmark>> {
        Ok(one(&loaders(ctx).benchmarks, self.0.benchmark_id)
            .await?
            .map(Benchmark))
    }

    /// The model scored.
    async fn model(&self, ctx: &Context<'_>) -> Result<Option<Model>> {
        Ok(one(&loaders(ctx).models, self.0.model_id).await?.map(Model))
    }

    /// The score, exact as published.
    async fn value(&self) -> Decimal {
        Decimal(self.0.value)
    }

    /// When it was measured or published.
    async fn measured_on(&self) -> Date {
        Date(self.0.measured_on)
    }

    /// Whether the vendor reported it itself.
    async fn self_reported(&self) -> bool {
        self.0.self_reported
    }

    /// Team-only notes. Viewers and up.
    #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Viewer)")]
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// Where these facts came from.
    async fn provenance(&self) -> Provenance {
        Provenance::new(&self.0.source_url, self.0.observed_on, self.0.confidence)
    }

    /// Bumped on each change.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}

/// Reading benchmarks: a small list.
#[derive(Default)]
pub struct BenchmarkQuery;

#[Object]
impl BenchmarkQuery {
    /// Every benchmark by name: the public ones, and for viewers and up the team's own.
    #[graphql(complexity = "20 * child_complexity")]
    async fn benchmarks(&self, ctx: &Context<'_>) -> Result<Vec<Benchmark>> {
        let mut query = benchmark::Entity::find().filter(benchmark::Column::DeletedAt.is_null());
        if !crate::graphql::guards::caller(ctx).has(entities::Role::Viewer) {
            query = query.filter(benchmark::Column::Internal.eq(false));
        }
        let rows = query
            .order_by_asc(benchmark::Column::Name)
            .order_by_asc(benchmark::Column::Id)
            .all(db(ctx))
            .await?;
        Ok(rows.into_iter().map(Benchmark).collect())
    }
}
