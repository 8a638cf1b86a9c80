//! Editing benchmarks and their scores: the inputs, their rules and the four mutations of each.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::{benchmark, score};

use super::{Benchmark, Score};
use crate::graphql::validate::{ProvenanceInput, optional, text};
use crate::{
    error::ApiError,
    graphql::{
        editing::mutations,
        ids::Kind,
        scalars::{Date, Decimal},
    },
    service::editing::{Apply, EditSpec},
};

/// A benchmark's fields. Creating needs `slug` and `name`.
#[derive(InputObject, Default)]
pub struct BenchmarkInput {
    /// Unique human key, e.g. "c-eval".
    pub slug: MaybeUndefined<String>,
    /// Name.
    pub name: MaybeUndefined<String>,
    /// Chinese name.
    pub name_zh: MaybeUndefined<String>,
    /// What it measures.
    pub description: MaybeUndefined<String>,
    /// Its home page, an absolute http(s) URL.
    pub url: MaybeUndefined<String>,
    /// Whether it is the team's own evaluation set, seen only by viewers and up (false by default).
    pub internal: MaybeUndefined<bool>,
    /// Whether a higher score is better (true by default).
    pub higher_is_better: MaybeUndefined<bool>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

#[async_trait]
impl EditSpec for benchmark::Entity {
    type Input = BenchmarkInput;
    type Links = ();

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut benchmark::Model,
        input: BenchmarkInput,
    ) -> Result<(), ApiError> {
        cx.required("slug", &mut m.slug, text(input.slug));
        cx.required("name", &mut m.name, text(input.name));
        optional(&mut m.name_zh, text(input.name_zh));
        optional(&mut m.description, text(input.description));
        optional(&mut m.url, text(input.url));
        cx.defaulted("internal", &mut m.internal, input.internal);
        cx.defaulted(
            "higherIsBetter",
            &mut m.higher_is_better,
            input.higher_is_better,
        );
        cx.provenance(input.provenance, m);
        Ok(())
    }
}

mutations! {
    entity: benchmark::Entity,
    wrapper: Benchmark,
    kind: Kind::Benchmark,
    input: BenchmarkInput,
    payload: BenchmarkPayload { benchmark },
    mutation: BenchmarkMutation { create_benchmark, update_benchmark, delete_benchmark, restore_benchmark },
    what: "benchmark",
}

/// A score's fields. Creating needs `benchmarkId`, `modelId`, `value`, `measuredOn` and
/// `selfReported`.
#[derive(InputObject, Default)]
pub struct ScoreInput {
    /// Id of the benchmark.
    pub benchmark_id: MaybeUndefined<ID>,
    /// Id of the model scored.
    pub model_id: MaybeUndefined<ID>,
    /// The score, exact as published.
    pub value: MaybeUndefined<Decimal>,
    /// When it was measured or published.
    pub measured_on: MaybeUndefined<Date>,
    /// Whether the vendor reported it itself.
    pub self_reported: MaybeUndefined<bool>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

#[async_trait]
impl EditSpec for score::Entity {
    type Input = ScoreInput;
    type Links = ();

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut score::Model,
        input: ScoreInput,
    ) -> Result<(), ApiError> {
        cx.required_reference(
            "benchmarkId",
            &mut m.benchmark_id,
            input.benchmark_id,
            Kind::Benchmark,
        )
        .await?;
        cx.required_reference("modelId", &mut m.model_id, input.model_id, Kind::Model)
            .await?;
        cx.required("value", &mut m.value, input.value.map_value(|d| d.0));
        cx.required(
            "measuredOn",
            &mut m.measured_on,
            input.measured_on.map_value(|d| d.0),
        );
        cx.required("selfReported", &mut m.self_reported, input.self_reported);
        optional(&mut m.notes, text(input.notes));
        cx.provenance(input.provenance, m);
        Ok(())
    }
}

mutations! {
    entity: score::Entity,
    wrapper: Score,
    kind: Kind::Score,
    input: ScoreInput,
    payload: ScorePayload { score },
    mutation: ScoreMutation { create_score, update_score, delete_score, restore_score },
    what: "score",
}
