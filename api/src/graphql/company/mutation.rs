//! Editing companies: the input, how it applies onto the record, and the four mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::{CompanyKind, RelationshipStatus, StringList, company};

use super::Company;
use crate::graphql::validate::{ProvenanceInput, optional, text};
use crate::{
    error::ApiError,
    graphql::{editing::mutations, ids::Kind},
    service::editing::{Apply, EditSpec},
};

/// A company's fields. Creating needs `slug`, `name` and `kind`; when updating, a field left
/// out keeps its value and null clears it.
#[derive(InputObject, Default)]
pub struct CompanyInput {
    /// Unique human key: lower-case letters and digits joined by - or . (e.g. "deepseek").
    pub slug: MaybeUndefined<String>,
    /// English name.
    pub name: MaybeUndefined<String>,
    /// Chinese name.
    pub name_zh: MaybeUndefined<String>,
    /// Other names it goes by (replaces the list).
    pub aliases: MaybeUndefined<Vec<String>>,
    /// What kind of organisation it is.
    pub kind: MaybeUndefined<CompanyKind>,
    /// ISO 3166-1 alpha-2 country code of its headquarters.
    pub country: MaybeUndefined<String>,
    /// Headquarters city.
    pub headquarters: MaybeUndefined<String>,
    /// Year founded.
    pub founded_year: MaybeUndefined<i32>,
    /// Official website, an absolute http(s) URL.
    pub website: MaybeUndefined<String>,
    /// Id of the parent company.
    pub parent_id: MaybeUndefined<ID>,
    /// Description in English.
    pub description: MaybeUndefined<String>,
    /// Description in Chinese.
    pub description_zh: MaybeUndefined<String>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Team-only: where the team stands with this vendor.
    pub relationship_status: MaybeUndefined<RelationshipStatus>,
    /// Team-only: whether it is on the watch list.
    pub watched: MaybeUndefined<bool>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

#[async_trait]
impl EditSpec for company::Entity {
    type Input = CompanyInput;
    type Links = ();

    fn search_texts(m: &company::Model) -> Option<Vec<String>> {
        Some(entities::search::company_texts(m))
    }

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut company::Model,
        input: CompanyInput,
    ) -> Result<(), ApiError> {
        cx.required("slug", &mut m.slug, text(input.slug));
        cx.required("name", &mut m.name, text(input.name));
        optional(&mut m.name_zh, text(input.name_zh));
        if let Some(aliases) = aliases(input.aliases) {
            m.aliases = aliases;
        }
        cx.required("kind", &mut m.kind, input.kind);
        optional(
            &mut m.country,
            text(input.country).map_value(|c| c.to_uppercase()),
        );
        optional(&mut m.headquarters, text(input.headquarters));
        optional(&mut m.founded_year, input.founded_year);
        optional(&mut m.website, text(input.website));
        cx.optional_reference("parentId", &mut m.parent_id, input.parent_id, Kind::Company)
            .await?;
        if m.parent_id.is_some() && m.parent_id == Some(m.id) {
            cx.errors
                .invalid("parentId", "a company cannot be its own parent");
        }
        optional(&mut m.description, text(input.description));
        optional(&mut m.description_zh, text(input.description_zh));
        optional(&mut m.notes, text(input.notes));
        optional(&mut m.relationship_status, input.relationship_status);
        cx.defaulted("watched", &mut m.watched, input.watched);
        cx.provenance(input.provenance, m);
        Ok(())
    }
}

/// A replacement list of aliases, trimmed, without blanks or repeats; null empties it.
pub fn aliases(value: MaybeUndefined<Vec<String>>) -> Option<StringList> {
    match value {
        MaybeUndefined::Value(list) => {
            let mut kept: Vec<String> = Vec::new();
            for alias in list.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
                if !kept.iter().any(|k| k == alias) {
                    kept.push(alias.to_owned());
                }
            }
            Some(StringList(kept))
        }
        MaybeUndefined::Null => Some(StringList::default()),
        MaybeUndefined::Undefined => None,
    }
}

mutations! {
    entity: company::Entity,
    wrapper: Company,
    kind: Kind::Company,
    input: CompanyInput,
    payload: CompanyPayload { company },
    mutation: CompanyMutation { create_company, update_company, delete_company, restore_company },
    what: "company",
}
