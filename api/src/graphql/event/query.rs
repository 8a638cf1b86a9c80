//! Reading events: the root fields, their filters and ordering.

use async_graphql::{Context, InputObject, Object, Result};
use entities::{
    EventType, company, event, event_company, event_model, event_product, model, product,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::Event;
use crate::graphql::{
    context::db,
    ordering::order_by,
    pagination::{Connection, PageArgs, SortKey},
    scalars::Date,
};
use crate::service::filter_sql::{ids_with_slugs, linked};

/// Which events to list; all conditions must hold.
#[derive(InputObject, Default)]
pub struct EventFilter {
    /// Kinds; any of them.
    pub types: Option<Vec<EventType>>,
    /// Happened on or after this date.
    pub from: Option<Date>,
    /// Happened before this date (exclusive).
    pub to: Option<Date>,
    /// Slugs of companies involved in any role; any of them.
    pub companies: Option<Vec<String>>,
    /// Slugs of models involved in any role; any of them.
    pub models: Option<Vec<String>>,
    /// Slugs of products involved in any role; any of them.
    pub products: Option<Vec<String>>,
    /// Importance at least this (1 to 5).
    pub min_importance: Option<i32>,
}

order_by! {
    /// One key of an event ordering.
    EventOrder,
    /// What events can be ordered by.
    EventOrderField for event {
        /// When it happened.
        OccurredOn => OccurredOn,
        /// When the team recorded it.
        RecordedOn => RecordedOn,
        /// Importance.
        Importance => Importance,
        /// Title, byte-wise.
        Title => Title,
    }
}

/// Reading events.
#[derive(Default)]
pub struct EventQuery;

#[Object]
impl EventQuery {
    /// Events, newest first unless ordered otherwise.
    #[graphql(complexity = "PageArgs::weight(first, last) * child_complexity")]
    #[allow(clippy::too_many_arguments)]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these events.")] filter: Option<EventFilter>,
        #[graphql(desc = "Sort keys, applied in order; the id breaks ties.", default)]
        order_by: Vec<EventOrder>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<Event>> {
        let f = filter.unwrap_or_default();
        let mut select = event::Entity::find().filter(event::Column::DeletedAt.is_null());
        if let Some(types) = f.types {
            select = select.filter(event::Column::EventType.is_in(types));
        }
        if let Some(Date(from)) = f.from {
            select = select.filter(event::Column::OccurredOn.gte(from));
        }
        if let Some(Date(to)) = f.to {
            select = select.filter(event::Column::OccurredOn.lt(to));
        }
        if let Some(slugs) = f.companies {
            let ids = ids_with_slugs::<company::Entity, _>(
                company::Column::Slug,
                company::Column::Id,
                company::Column::DeletedAt,
                &slugs,
            );
            let events = linked::<event_company::Entity, _>(
                event_company::Column::EventId,
                event_company::Column::CompanyId,
                ids,
            );
            select = select.filter(event::Column::Id.in_subquery(events));
        }
        if let Some(slugs) = f.models {
            let ids = ids_with_slugs::<model::Entity, _>(
                model::Column::Slug,
                model::Column::Id,
                model::Column::DeletedAt,
                &slugs,
            );
            let events = linked::<event_model::Entity, _>(
                event_model::Column::EventId,
                event_model::Column::ModelId,
                ids,
            );
            select = select.filter(event::Column::Id.in_subquery(events));
        }
        if let Some(slugs) = f.products {
            let ids = ids_with_slugs::<product::Entity, _>(
                product::Column::Slug,
                product::Column::Id,
                product::Column::DeletedAt,
                &slugs,
            );
            let events = linked::<event_product::Entity, _>(
                event_product::Column::EventId,
                event_product::Column::ProductId,
                ids,
            );
            select = select.filter(event::Column::Id.in_subquery(events));
        }
        if let Some(min) = f.min_importance {
            select = select.filter(event::Column::Importance.gte(min));
        }
        let keys = EventOrder::keys(&order_by, vec![SortKey::desc(event::Column::OccurredOn)]);
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        Ok(Connection::load(db(ctx), select, keys, event::Column::Id, &args, Event).await?)
    }
}
