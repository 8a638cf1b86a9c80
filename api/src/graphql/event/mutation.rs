//! Editing events: the input, how it applies onto the record, and the four mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::{
    DatePrecision, EventRole, EventType, StringList, company, event, model, product, record::links,
};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter};

use super::Event;
use crate::graphql::validate::{ProvenanceInput, optional, optional_dec, text};
use crate::{
    error::ApiError,
    graphql::{
        editing::mutations,
        ids::{self, Kind},
        scalars::{Date, Decimal},
    },
    service::{
        editing::{Apply, EditSpec},
        user_errors::{Errors, UserErrorCode},
    },
};

/// A company, model or product taking part in an event.
#[derive(InputObject, Clone)]
pub struct EventLinkInput {
    /// The id of the company, model or product.
    pub id: ID,
    /// The part it plays.
    #[graphql(default_with = "EventRole::Subject")]
    pub role: EventRole,
}

/// An event's fields. Creating needs `slug`, `occurredOn`, `type`, `title` and at least one
/// of `sourceUrls`; when updating, a field left out keeps its value and null clears it. The
/// link lists replace the current ones.
#[derive(InputObject, Default)]
pub struct EventInput {
    /// Unique human key, e.g. "2024-05-15-doubao-price-cut".
    pub slug: MaybeUndefined<String>,
    /// When it happened.
    pub occurred_on: MaybeUndefined<Date>,
    /// How precisely the date is known (DAY by default).
    pub date_precision: MaybeUndefined<DatePrecision>,
    /// What kind of thing happened.
    #[graphql(name = "type")]
    pub event_type: MaybeUndefined<EventType>,
    /// A finer kind.
    pub subtype: MaybeUndefined<String>,
    /// Headline in English.
    pub title: MaybeUndefined<String>,
    /// Headline in Chinese.
    pub title_zh: MaybeUndefined<String>,
    /// Summary in English.
    pub summary: MaybeUndefined<String>,
    /// Summary in Chinese.
    pub summary_zh: MaybeUndefined<String>,
    /// 1 (minor) to 5 (major); 3 by default.
    pub importance: MaybeUndefined<i32>,
    /// Sources reporting it, absolute http(s) URLs (replaces the list).
    pub source_urls: MaybeUndefined<Vec<String>>,
    /// The amount involved, exact.
    pub amount: MaybeUndefined<Decimal>,
    /// ISO 4217 code of the amount and valuation.
    pub currency: MaybeUndefined<String>,
    /// Funding round.
    pub funding_round: MaybeUndefined<String>,
    /// Post-money valuation.
    pub valuation: MaybeUndefined<Decimal>,
    /// When the team recorded it (today by default).
    pub recorded_on: MaybeUndefined<Date>,
    /// Companies involved, with their roles (replaces the list).
    pub companies: MaybeUndefined<Vec<EventLinkInput>>,
    /// Models involved, with their roles (replaces the list).
    pub models: MaybeUndefined<Vec<EventLinkInput>>,
    /// Products involved, with their roles (replaces the list).
    pub products: MaybeUndefined<Vec<EventLinkInput>>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

/// The link lists to write, when given.
#[derive(Default)]
pub struct EventLinks {
    companies: Option<Vec<(i64, EventRole)>>,
    models: Option<Vec<(i64, EventRole)>>,
    products: Option<Vec<(i64, EventRole)>>,
}

/// Live rows behind the links of one list, with a user error for each bad one.
async fn links<E: EntityTrait>(
    txn: &DatabaseTransaction,
    errors: &mut Errors,
    field: &str,
    value: MaybeUndefined<Vec<EventLinkInput>>,
    kind: Kind,
    id: E::Column,
    deleted_at: E::Column,
) -> Result<Option<Vec<(i64, EventRole)>>, ApiError>
where
    E::Model: Send + Sync,
{
    let list = match value {
        MaybeUndefined::Value(list) => list,
        MaybeUndefined::Null => return Ok(Some(Vec::new())),
        MaybeUndefined::Undefined => return Ok(None),
    };
    let mut out = Vec::new();
    for link in list {
        let row = match ids::decode_as(&link.id, kind) {
            Ok(row) => row,
            Err(e) => {
                errors.invalid(field, e.message());
                continue;
            }
        };
        let live = E::find()
            .filter(id.eq(row))
            .filter(deleted_at.is_null())
            .count(txn)
            .await?;
        if live == 0 {
            errors.add(
                &["input", field],
                UserErrorCode::NotFound,
                format!("no {} with id `{}`", kind.name(), link.id.0),
            );
        } else if !out.contains(&(row, link.role)) {
            out.push((row, link.role));
        }
    }
    Ok(Some(out))
}

#[async_trait]
impl EditSpec for event::Entity {
    type Input = EventInput;
    type Links = EventLinks;

    async fn notify(txn: &DatabaseTransaction, m: &event::Model) -> Result<(), ApiError> {
        Ok(crate::notify::outbox::event_created(txn, m).await?)
    }

    fn search_texts(m: &event::Model) -> Option<Vec<String>> {
        Some(entities::search::event_texts(m))
    }

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut event::Model,
        input: EventInput,
    ) -> Result<EventLinks, ApiError> {
        cx.required("slug", &mut m.slug, text(input.slug));
        cx.required(
            "occurredOn",
            &mut m.occurred_on,
            input.occurred_on.map_value(|d| d.0),
        );
        cx.defaulted("datePrecision", &mut m.date_precision, input.date_precision);
        cx.required("type", &mut m.event_type, input.event_type);
        optional(&mut m.subtype, text(input.subtype));
        cx.required("title", &mut m.title, text(input.title));
        optional(&mut m.title_zh, text(input.title_zh));
        optional(&mut m.summary, text(input.summary));
        optional(&mut m.summary_zh, text(input.summary_zh));
        cx.defaulted("importance", &mut m.importance, input.importance);
        match input.source_urls {
            MaybeUndefined::Value(urls) => {
                let urls: Vec<String> = urls
                    .into_iter()
                    .map(|u| u.trim().to_owned())
                    .filter(|u| !u.is_empty())
                    .collect();
                m.source_urls = StringList(urls);
            }
            MaybeUndefined::Null => m.source_urls = StringList::default(),
            MaybeUndefined::Undefined => {}
        }
        optional_dec(&mut m.amount, input.amount);
        optional_dec(&mut m.valuation, input.valuation);
        optional(
            &mut m.currency,
            text(input.currency).map_value(|c| c.to_uppercase()),
        );
        optional(&mut m.funding_round, text(input.funding_round));
        if cx.creating {
            // Recorded today unless the input says otherwise.
            m.recorded_on = crate::clock::today();
        }
        cx.defaulted(
            "recordedOn",
            &mut m.recorded_on,
            input.recorded_on.map_value(|d| d.0),
        );
        optional(&mut m.notes, text(input.notes));
        cx.provenance(input.provenance, m);
        if m.source_url.is_none() {
            m.source_url = m.source_urls.0.first().cloned();
        }
        Ok(EventLinks {
            companies: links::<company::Entity>(
                cx.txn,
                cx.errors,
                "companies",
                input.companies,
                Kind::Company,
                company::Column::Id,
                company::Column::DeletedAt,
            )
            .await?,
            models: links::<model::Entity>(
                cx.txn,
                cx.errors,
                "models",
                input.models,
                Kind::Model,
                model::Column::Id,
                model::Column::DeletedAt,
            )
            .await?,
            products: links::<product::Entity>(
                cx.txn,
                cx.errors,
                "products",
                input.products,
                Kind::Product,
                product::Column::Id,
                product::Column::DeletedAt,
            )
            .await?,
        })
    }

    async fn write_links(
        txn: &DatabaseTransaction,
        id: i64,
        given: EventLinks,
    ) -> Result<(), ApiError> {
        for (list, pairs) in [
            (&links::EVENT_COMPANIES, given.companies),
            (&links::EVENT_MODELS, given.models),
            (&links::EVENT_PRODUCTS, given.products),
        ] {
            if let Some(pairs) = pairs {
                let targets: Vec<(i64, Option<String>)> = pairs
                    .into_iter()
                    .map(|(t, role)| (t, Some(role.as_str().to_owned())))
                    .collect();
                links::replace(txn, list, id, &targets).await?;
            }
        }
        Ok(())
    }
}

mutations! {
    entity: event::Entity,
    wrapper: Event,
    kind: Kind::Event,
    input: EventInput,
    payload: EventPayload { event },
    mutation: EventMutation { create_event, update_event, delete_event, restore_event },
    what: "event",
}
