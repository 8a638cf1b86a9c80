//! `digest(from:, to:)`: the weekly report — the team's headline and notes, then what
//! happened (watched vendors first, by importance), what was only recorded this week, new
//! models and products, price changes and new filings — and, apart, the inbox items nobody
//! has triaged yet (read by `service::analytics::digest`).

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{Duration, NaiveDate};
use entities::{Role, digest_note};

use crate::{
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
    service::analytics::digest,
};

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

    fn window(&self) -> (NaiveDate, NaiveDate) {
        (self.from, self.to)
    }
}

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
        let page = digest::events(
            db(ctx),
            self.window(),
            first.unwrap_or(100),
            offset.unwrap_or(0),
        )
        .await?;
        Ok(page
            .into_iter()
            .map(|(event, watched)| DigestEvent {
                watched,
                event: Event(event),
            })
            .collect())
    }

    /// How many events happened in the window.
    async fn event_count(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(digest::event_count(db(ctx), self.window()).await?)
    }

    /// Events recorded in the window that happened before it: old news, apart.
    #[graphql(complexity = "50 * child_complexity")]
    async fn backfilled(&self, ctx: &Context<'_>) -> Result<Vec<Event>> {
        let rows = digest::backfilled(db(ctx), self.window()).await?;
        Ok(rows.into_iter().map(Event).collect())
    }

    /// Models released in the window.
    #[graphql(complexity = "50 * child_complexity")]
    async fn new_models(&self, ctx: &Context<'_>) -> Result<Vec<Model>> {
        let rows = digest::new_models(db(ctx), self.window()).await?;
        Ok(rows.into_iter().map(Model).collect())
    }

    /// Products launched in the window.
    #[graphql(complexity = "50 * child_complexity")]
    async fn new_products(&self, ctx: &Context<'_>) -> Result<Vec<Product>> {
        let rows = digest::new_products(db(ctx), self.window()).await?;
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
        let visible = caller(ctx).has(Role::Viewer);
        let rows = digest::untriaged(db(ctx), self.window(), first.unwrap_or(20), visible).await?;
        Ok(rows.into_iter().map(InboxItem).collect())
    }

    /// Filings announced in the window.
    #[graphql(complexity = "50 * child_complexity")]
    async fn new_filings(&self, ctx: &Context<'_>) -> Result<Vec<Filing>> {
        let rows = digest::new_filings(db(ctx), self.window()).await?;
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
        let (from, to) = digest::window(from.map(|d| d.0), to.map(|d| d.0), crate::clock::today())?;
        let note = digest::note(db(ctx), from).await?;
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
        let saved = digest::save_note(db(ctx), week_start.0, headline, notes, published).await?;
        Ok(Digest {
            from: week_start.0,
            to: week_start.0 + Duration::days(7),
            note: Some(saved),
        })
    }
}
