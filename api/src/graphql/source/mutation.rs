//! Editing sources: the input, how it applies onto the record, and the four mutations.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};
use async_trait::async_trait;
use entities::{Role, source};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{Source, types::FetchResult};
use crate::graphql::validate::{optional, text};
use crate::{
    error::ApiError,
    graphql::{
        context::db,
        editing::mutations,
        guards::RoleGuard,
        ids::{self, Kind},
    },
    intake::{self, Intake},
    service::editing::{Apply, EditSpec},
};

/// A source's fields. Creating needs `slug`, `name` and `feedUrl`; when updating, a field
/// left out keeps its value and null clears it.
#[derive(InputObject, Default)]
pub struct SourceInput {
    /// Unique human key, e.g. "openai-news".
    pub slug: MaybeUndefined<String>,
    /// Display name.
    pub name: MaybeUndefined<String>,
    /// The feed's absolute http(s) URL (RSS 2.0, Atom 1.0 or JSON Feed).
    pub feed_url: MaybeUndefined<String>,
    /// Id of the company the feed speaks for.
    pub company_id: MaybeUndefined<ID>,
    /// The feed's language (BCP 47, e.g. "zh" or "en").
    pub language: MaybeUndefined<String>,
    /// Whether the background task fetches it (true by default).
    pub enabled: MaybeUndefined<bool>,
    /// Team notes.
    pub notes: MaybeUndefined<String>,
}

#[async_trait]
impl EditSpec for source::Entity {
    type Input = SourceInput;
    type Links = ();

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut source::Model,
        input: SourceInput,
    ) -> Result<(), ApiError> {
        cx.required("slug", &mut m.slug, text(input.slug));
        cx.required("name", &mut m.name, text(input.name));
        let feed_url_given = !input.feed_url.is_undefined();
        cx.required("feedUrl", &mut m.feed_url, text(input.feed_url));
        if feed_url_given || cx.creating {
            // A new address starts afresh: its validators and back-off belong to the old one.
            m.etag = None;
            m.last_modified = None;
            m.failure_count = 0;
            m.next_fetch_after = None;
        }
        cx.optional_reference(
            "companyId",
            &mut m.company_id,
            input.company_id,
            Kind::Company,
        )
        .await?;
        optional(&mut m.language, text(input.language));
        cx.defaulted("enabled", &mut m.enabled, input.enabled);
        optional(&mut m.notes, text(input.notes));
        Ok(())
    }
}

mutations! {
    entity: source::Entity,
    wrapper: Source,
    kind: Kind::Source,
    input: SourceInput,
    payload: SourcePayload { source },
    mutation: SourceEditMutation { create_source, update_source, delete_source, restore_source },
    what: "source",
}

/// Fetching sources now.
#[derive(Default)]
pub struct SourceFetchMutation;

#[Object]
impl SourceFetchMutation {
    /// Fetches these sources now (every enabled one when `ids` is left out), ignoring any
    /// back-off, and returns how each went. New entries land in the inbox. Editors and admins.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn fetch_sources(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Ids of the sources to fetch, at most 50.")] ids: Option<Vec<ID>>,
    ) -> Result<Vec<FetchResult>> {
        let rows = match &ids {
            Some(ids) if ids.len() > 50 => {
                return Err(ApiError::bad_input(format!(
                    "{} sources asked for: fetchSources takes at most 50",
                    ids.len()
                ))
                .into());
            }
            Some(ids) => Some(
                ids.iter()
                    .map(|id| ids::decode_as(id, Kind::Source))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => None,
        };
        let db = db(ctx);
        let intake = ctx.data_unchecked::<Intake>();
        let outcomes = intake::fetch_sources(db, intake, rows.as_deref(), false)
            .await
            .map_err(ApiError::from)?;
        let sources = source::Entity::find()
            .filter(source::Column::Id.is_in(outcomes.iter().map(|o| o.source_id)))
            .all(db)
            .await
            .map_err(ApiError::from)?;
        Ok(outcomes
            .into_iter()
            .filter_map(|o| {
                let s = sources.iter().find(|s| s.id == o.source_id)?.clone();
                Some(FetchResult {
                    source: Source(s),
                    new_items: o.new_items as i32,
                    error: o.error,
                })
            })
            .collect())
    }
}

/// Editing and fetching sources.
#[derive(async_graphql::MergedObject, Default)]
pub struct SourceMutation(SourceEditMutation, SourceFetchMutation);
