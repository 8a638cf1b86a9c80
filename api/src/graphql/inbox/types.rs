//! The GraphQL output types of an inbox item and its matched records.

use async_graphql::{Context, ID, Object, Result};
use entities::{EventType, InboxStatus, MatchKind, inbox_item};

use crate::graphql::{
    company::Company,
    context::loaders,
    event::Event,
    ids::{self, Kind},
    loaders::{all, many, one},
    model::Model,
    pagination::Listed,
    product::Product,
    scalars::DateTime,
    source::Source,
};

#[derive(Clone)]
pub struct InboxItem(pub inbox_item::Model);

impl Listed for InboxItem {
    const NAME: &'static str = "InboxItem";
}

impl InboxItem {
    async fn matched(&self, ctx: &Context<'_>, kind: MatchKind) -> Result<Vec<i64>> {
        Ok(all(&loaders(ctx).matches_by_inbox_item, self.0.id)
            .await?
            .into_iter()
            .filter(|m| m.kind == kind)
            .map(|m| m.record_id)
            .collect())
    }
}

/// An entry a fetch brought in (or an agent proposed), waiting for a person. Its text is
/// the feed's, as plain text: unverified until accepted.
#[Object]
impl InboxItem {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::InboxItem, self.0.id)
    }

    /// The entry's title, as plain text.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// A Chinese title, when the proposer gave one.
    async fn title_zh(&self) -> Option<&str> {
        self.0.title_zh.as_deref()
    }

    /// Every source it cites (the link first), absolute http(s).
    async fn source_urls(&self) -> &[String] {
        &self.0.source_urls.0
    }

    /// The entry's link (absolute http(s), without tracking parameters).
    async fn link(&self) -> Option<&str> {
        self.0.link.as_deref()
    }

    /// The entry's summary, as plain text, at most 1,000 characters.
    async fn summary(&self) -> Option<&str> {
        self.0.summary.as_deref()
    }

    /// When the feed says it was published.
    async fn published_at(&self) -> Option<DateTime> {
        self.0.published_at.map(DateTime)
    }

    /// When it was fetched.
    async fn fetched_at(&self) -> DateTime {
        DateTime(self.0.fetched_at)
    }

    /// Where it stands in triage.
    async fn status(&self) -> InboxStatus {
        self.0.status
    }

    /// Whether a person has accepted it: until then it is a claim from a feed, not a fact.
    async fn verified(&self) -> bool {
        self.0.status == InboxStatus::Accepted
    }

    /// The feed it came from; null for an item an agent proposed.
    async fn source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        match self.0.source_id {
            Some(id) => Ok(one(&loaders(ctx).sources, id).await?.map(Source)),
            None => Ok(None),
        }
    }

    /// Who proposed it, for an item that did not come from a feed.
    async fn proposed_by(&self) -> Option<&str> {
        self.0.proposed_by.as_deref()
    }

    /// Companies its text mentions (and the source's company); the editor confirms them.
    async fn matched_companies(&self, ctx: &Context<'_>) -> Result<Vec<Company>> {
        let ids = self.matched(ctx, MatchKind::Company).await?;
        Ok(many(&loaders(ctx).companies, ids)
            .await?
            .into_iter()
            .map(Company)
            .collect())
    }

    /// Models its text mentions.
    async fn matched_models(&self, ctx: &Context<'_>) -> Result<Vec<Model>> {
        let ids = self.matched(ctx, MatchKind::Model).await?;
        Ok(many(&loaders(ctx).models, ids)
            .await?
            .into_iter()
            .map(Model)
            .collect())
    }

    /// Products its text mentions.
    async fn matched_products(&self, ctx: &Context<'_>) -> Result<Vec<Product>> {
        let ids = self.matched(ctx, MatchKind::Product).await?;
        Ok(many(&loaders(ctx).products, ids)
            .await?
            .into_iter()
            .map(Product)
            .collect())
    }

    /// The event type its words suggest (release, price, funding, filing…); a hint only.
    async fn suggested_type(&self) -> Option<EventType> {
        self.0.suggested_type
    }

    /// An earlier item with a near-identical title, when there is one.
    async fn duplicate_of(&self, ctx: &Context<'_>) -> Result<Option<InboxItem>> {
        match self.0.duplicate_of_id {
            Some(id) => Ok(one(&loaders(ctx).inbox_items, id).await?.map(InboxItem)),
            None => Ok(None),
        }
    }

    /// The event it was accepted into.
    async fn event(&self, ctx: &Context<'_>) -> Result<Option<Event>> {
        match self.0.event_id {
            Some(id) => Ok(one(&loaders(ctx).events, id).await?.map(Event)),
            None => Ok(None),
        }
    }

    /// Who accepted or dismissed it.
    async fn triaged_by(&self) -> Option<&str> {
        self.0.triaged_by.as_deref()
    }

    /// When it was accepted or dismissed.
    async fn triaged_at(&self) -> Option<DateTime> {
        self.0.triaged_at.map(DateTime)
    }
}
