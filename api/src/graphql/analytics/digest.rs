//! `digest(from:, to:)`: the weekly report — the team's headline and notes, then what
//! happened (watched vendors first, by importance), what was only recorded this week, new
//! models and products, price changes and new filings — and, apart, the inbox items nobody
//! has triaged yet.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use entities::{InboxStatus, Role, digest_note, event, filing, inbox_item, model, product};
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, Condition,
    ConnectionTrait, DbBackend, DbErr, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};

use crate::{
    error::ApiError,
    graphql::{
        context::db,
        event::Event,
        filing::Filing,
        guards::{RoleGuard, caller},
        inbox::InboxItem,
        model::Model,
        price::{PriceChange, changes_between},
        product::Product,
        scalars::Date,
    },
};

/// The Monday starting the week that holds `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

/// A digest of [from, to).
pub struct Digest {
    from: NaiveDate,
    to: NaiveDate,
    note: Option<digest_note::Model>,
}

impl Digest {
    fn may_see_notes(&self, ctx: &Context<'_>) -> bool {
        self.note.as_ref().is_some_and(|n| n.published) || caller(ctx).has(Role::Viewer)
    }

    /// The window's live events.
    fn events_between(&self) -> sea_orm::Select<event::Entity> {
        event::Entity::find()
            .filter(event::Column::DeletedAt.is_null())
            .filter(event::Column::OccurredOn.gte(self.from))
            .filter(event::Column::OccurredOn.lt(self.to))
    }
}

/// One page of the window's events in digest order — watched vendors first, then by
/// importance, newest first — as (id, watched). Only ids and sort keys are read and sorted;
/// the page's rows are loaded after, by id. The watched side is the links of the few watched
/// companies, found from those companies (not by reading every link) and joined once.
const PAGE_SQL: &str = "SELECT e.id AS id, CASE WHEN w.event_id IS NULL THEN 0 ELSE 1 END AS watched \
    FROM events e LEFT JOIN (SELECT DISTINCT event_id FROM event_companies WHERE company_id IN \
      (SELECT id FROM companies WHERE watched AND deleted_at IS NULL)) w \
      ON w.event_id = e.id \
    WHERE e.deleted_at IS NULL AND e.occurred_on >= {from} AND e.occurred_on < {to} \
    ORDER BY watched DESC, e.importance DESC, e.occurred_on DESC, e.id DESC \
    LIMIT {limit} OFFSET {offset}";

/// The weekly report: the team's words, then what happened.
#[Object]
impl Digest {
    /// First day (inclusive), a Monday for a weekly digest.
    async fn from(&self) -> Date {
        Date(self.from)
    }

    /// Day after the last (exclusive).
    async fn to(&self) -> Date {
        Date(self.to)
    }

    /// The team's headline; team-only until published.
    async fn headline(&self, ctx: &Context<'_>) -> Option<String> {
        self.may_see_notes(ctx)
            .then(|| self.note.as_ref().and_then(|n| n.headline.clone()))
            .flatten()
    }

    /// The team's notes; team-only until published.
    async fn notes(&self, ctx: &Context<'_>) -> Option<String> {
        self.may_see_notes(ctx)
            .then(|| self.note.as_ref().and_then(|n| n.notes.clone()))
            .flatten()
    }

    /// Whether the headline and notes are published.
    async fn published(&self) -> bool {
        self.note.as_ref().is_some_and(|n| n.published)
    }

    /// Events that happened in the window: those of watched vendors first, then by
    /// importance, newest first; a page of `first` (at most 100, 100 when left out) from
    /// `offset`. `eventCount` says how many there are in all.
    #[graphql(complexity = "first.unwrap_or(100).clamp(0, 100) as usize * child_complexity")]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many events, 0 to 100 (100 when left out).")] first: Option<i32>,
        #[graphql(desc = "How many of the ordered events to skip (0 when left out).")]
        offset: Option<i32>,
    ) -> Result<Vec<DigestEvent>> {
        let first = first.unwrap_or(100);
        let offset = offset.unwrap_or(0);
        if !(0..=100).contains(&first) || offset < 0 {
            return Err(ApiError::BadUserInput(format!(
                "`first` must be 0 to 100 and `offset` 0 or more (got {first} and {offset})"
            ))
            .into());
        }
        let db = db(ctx);
        let backend = db.get_database_backend();
        let (from, to) = match backend {
            DbBackend::Postgres => ("$1", "$2"),
            _ => ("?", "?"),
        };
        let sql = PAGE_SQL
            .replace("{from}", from)
            .replace("{to}", to)
            .replace("{limit}", &first.to_string())
            .replace("{offset}", &offset.to_string());
        let page: Vec<(i64, i32)> = db
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [self.from.into(), self.to.into()],
            ))
            .await?
            .into_iter()
            .map(|row| Ok((row.try_get("", "id")?, row.try_get("", "watched")?)))
            .collect::<Result<_, DbErr>>()?;
        let mut rows: HashMap<i64, event::Model> = event::Entity::find()
            .filter(event::Column::Id.is_in(page.iter().map(|(id, _)| *id)))
            .all(db)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        Ok(page
            .into_iter()
            .filter_map(|(id, watched)| {
                rows.remove(&id).map(|event| DigestEvent {
                    watched: watched != 0,
                    event: Event(event),
                })
            })
            .collect())
    }

    /// How many events happened in the window.
    async fn event_count(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.events_between().count(db(ctx)).await?)
    }

    /// Events recorded in the window that happened before it: old news, apart.
    #[graphql(complexity = "50 * child_complexity")]
    async fn backfilled(&self, ctx: &Context<'_>) -> Result<Vec<Event>> {
        let mut rows = event::Entity::find()
            .filter(event::Column::DeletedAt.is_null())
            .filter(event::Column::RecordedOn.gte(self.from))
            .filter(event::Column::RecordedOn.lt(self.to))
            .filter(event::Column::OccurredOn.lt(self.from))
            .all(db(ctx))
            .await?;
        rows.sort_by_key(|e| std::cmp::Reverse((e.occurred_on, e.id)));
        Ok(rows.into_iter().map(Event).collect())
    }

    /// Models released in the window.
    #[graphql(complexity = "50 * child_complexity")]
    async fn new_models(&self, ctx: &Context<'_>) -> Result<Vec<Model>> {
        let mut rows = model::Entity::find()
            .filter(model::Column::DeletedAt.is_null())
            .filter(model::Column::ReleaseDate.gte(self.from))
            .filter(model::Column::ReleaseDate.lt(self.to))
            .all(db(ctx))
            .await?;
        rows.sort_by(|a, b| (a.release_date, &a.name).cmp(&(b.release_date, &b.name)));
        Ok(rows.into_iter().map(Model).collect())
    }

    /// Products launched in the window.
    #[graphql(complexity = "50 * child_complexity")]
    async fn new_products(&self, ctx: &Context<'_>) -> Result<Vec<Product>> {
        let mut rows = product::Entity::find()
            .filter(product::Column::DeletedAt.is_null())
            .filter(product::Column::LaunchDate.gte(self.from))
            .filter(product::Column::LaunchDate.lt(self.to))
            .all(db(ctx))
            .await?;
        rows.sort_by(|a, b| (a.launch_date, &a.name).cmp(&(b.launch_date, &b.name)));
        Ok(rows.into_iter().map(Product).collect())
    }

    /// Price changes, new prices and corrections in the window.
    #[graphql(complexity = "100 * child_complexity")]
    async fn price_changes(&self, ctx: &Context<'_>) -> Result<Vec<PriceChange>> {
        let mut changes = changes_between(ctx, Date(self.from), Date(self.to)).await?;
        changes.sort_by_key(|c| std::cmp::Reverse((c.on, c.price.0.id)));
        Ok(changes)
    }

    /// Inbox items not yet triaged (NEW) that were published in the window (or, undated,
    /// fetched in it), newest first: what the feeds say and nobody has checked — listed apart
    /// so that none is mistaken for a recorded fact. Empty for callers below VIEWER.
    #[graphql(complexity = "first.unwrap_or(20).max(0) as usize * child_complexity")]
    async fn untriaged(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many, at most 100 (20 by default).")] first: Option<i32>,
    ) -> Result<Vec<InboxItem>> {
        let first = first.unwrap_or(20);
        if !(0..=100).contains(&first) {
            return Err(ApiError::bad_input("untriaged(first:) takes 0 to 100").into());
        }
        if !caller(ctx).has(Role::Viewer) {
            return Ok(Vec::new());
        }
        let start = self.from.and_hms_opt(0, 0, 0).expect("midnight").and_utc();
        let end = self.to.and_hms_opt(0, 0, 0).expect("midnight").and_utc();
        let rows = inbox_item::Entity::find()
            .filter(inbox_item::Column::Status.eq(InboxStatus::New))
            .filter(
                Condition::any()
                    .add(
                        Condition::all()
                            .add(inbox_item::Column::PublishedAt.gte(start))
                            .add(inbox_item::Column::PublishedAt.lt(end)),
                    )
                    .add(
                        Condition::all()
                            .add(inbox_item::Column::PublishedAt.is_null())
                            .add(inbox_item::Column::FetchedAt.gte(start))
                            .add(inbox_item::Column::FetchedAt.lt(end)),
                    ),
            )
            .order_by_desc(inbox_item::Column::PublishedAt)
            .order_by_asc(inbox_item::Column::Id)
            .limit(first as u64)
            .all(db(ctx))
            .await?;
        Ok(rows.into_iter().map(InboxItem).collect())
    }

    /// Filings announced in the window.
    #[graphql(complexity = "50 * child_complexity")]
    async fn new_filings(&self, ctx: &Context<'_>) -> Result<Vec<Filing>> {
        let rows = filing::Entity::find()
            .filter(filing::Column::DeletedAt.is_null())
            .filter(filing::Column::AnnouncedOn.gte(self.from))
            .filter(filing::Column::AnnouncedOn.lt(self.to))
            .all(db(ctx))
            .await?;
        Ok(rows.into_iter().map(Filing).collect())
    }
}

/// An event in a digest, and whether a watched vendor takes part in it.
#[derive(SimpleObject)]
pub struct DigestEvent {
    /// Whether a company on the team's watch list takes part.
    pub watched: bool,
    /// The event.
    pub event: Event,
}

/// The longest window a digest covers.
const MAX_DAYS: i64 = 366;

/// Reading the weekly report.
#[derive(Default)]
pub struct DigestQuery;

#[Object]
impl DigestQuery {
    /// The report of [from, to): this week (Monday to Sunday in the team's time zone) when
    /// both are left out, the week from `from` when only `from` is given.
    async fn digest(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day (inclusive).")] from: Option<Date>,
        #[graphql(desc = "Day after the last (exclusive).")] to: Option<Date>,
    ) -> Result<Digest> {
        let from = from
            .map(|d| d.0)
            .unwrap_or_else(|| week_start(crate::clock::today()));
        let to = to.map(|d| d.0).unwrap_or(from + Duration::days(7));
        if to <= from || (to - from).num_days() > MAX_DAYS {
            return Err(ApiError::bad_input(format!(
                "a digest covers 1 to {MAX_DAYS} days: `to` must be after `from`"
            ))
            .into());
        }
        let note = digest_note::Entity::find()
            .filter(digest_note::Column::WeekStart.eq(week_start(from)))
            .one(db(ctx))
            .await?;
        Ok(Digest { from, to, note })
    }
}

/// Writing the team's part of a digest.
#[derive(Default)]
pub struct DigestMutation;

#[Object]
impl DigestMutation {
    /// Sets the headline and notes of the digest of the week starting on `weekStart` (a
    /// Monday); a field left out keeps its value. Editors and admins.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn update_digest_notes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The Monday the week starts on.")] week_start: Date,
        #[graphql(desc = "The headline.")] headline: Option<String>,
        #[graphql(desc = "The notes, Markdown.")] notes: Option<String>,
        #[graphql(desc = "Whether anyone may read them.")] published: Option<bool>,
    ) -> Result<Digest> {
        if week_start.0.weekday().num_days_from_monday() != 0 {
            return Err(ApiError::bad_input(format!(
                "{} is not a Monday: a digest week starts on Monday",
                week_start.0
            ))
            .into());
        }
        let db = db(ctx);
        let now = Utc::now();
        let existing = digest_note::Entity::find()
            .filter(digest_note::Column::WeekStart.eq(week_start.0))
            .one(db)
            .await?;
        let saved = match existing {
            Some(row) => {
                let version = row.version;
                let mut active = row.into_active_model();
                if let Some(h) = headline {
                    active.headline = Set(Some(h).filter(|h| !h.trim().is_empty()));
                }
                if let Some(n) = notes {
                    active.notes = Set(Some(n).filter(|n| !n.trim().is_empty()));
                }
                if let Some(p) = published {
                    active.published = Set(p);
                }
                active.version = Set(version + 1);
                active.updated_at = Set(now);
                active.update(db).await?
            }
            None => {
                digest_note::ActiveModel {
                    id: NotSet,
                    week_start: Set(week_start.0),
                    headline: Set(headline.filter(|h| !h.trim().is_empty())),
                    notes: Set(notes.filter(|n| !n.trim().is_empty())),
                    published: Set(published.unwrap_or(false)),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(db)
                .await?
            }
        };
        Ok(Digest {
            from: week_start.0,
            to: week_start.0 + Duration::days(7),
            note: Some(saved),
        })
    }
}
