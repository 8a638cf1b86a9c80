//! The GraphQL output type of a source and its fields.

use async_graphql::{Context, ID, Object, Result, SimpleObject};
use entities::source;

use crate::graphql::{
    company::Company,
    context::loaders,
    ids::{self, Kind},
    loaders::one,
    pagination::Listed,
    scalars::DateTime,
};

#[derive(Clone)]
pub struct Source(pub source::Model);

impl Listed for Source {
    const NAME: &'static str = "Source";
}

/// A feed the team follows — a vendor's blog or changelog, a news site, a feed bridge —
/// in RSS 2.0, Atom 1.0 or JSON Feed (told apart by the content).
#[Object]
impl Source {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Source, self.0.id)
    }

    /// Unique human key, e.g. "openai-news".
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// Display name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The feed's URL.
    async fn feed_url(&self) -> &str {
        &self.0.feed_url
    }

    /// The company the feed speaks for; its items link to it.
    async fn company(&self, ctx: &Context<'_>) -> Result<Option<Company>> {
        match self.0.company_id {
            Some(id) => Ok(one(&loaders(ctx).companies, id).await?.map(Company)),
            None => Ok(None),
        }
    }

    /// The feed's language (BCP 47, e.g. "zh" or "en").
    async fn language(&self) -> Option<&str> {
        self.0.language.as_deref()
    }

    /// Whether the background task fetches it.
    async fn enabled(&self) -> bool {
        self.0.enabled
    }

    /// Team notes.
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// When it was last fetched, successfully or not.
    async fn last_fetched_at(&self) -> Option<DateTime> {
        self.0.last_fetched_at.map(DateTime)
    }

    /// When a fetch last succeeded (a 304 Not Modified counts).
    async fn last_success_at(&self) -> Option<DateTime> {
        self.0.last_success_at.map(DateTime)
    }

    /// What went wrong with the last fetch; null when it succeeded.
    async fn last_error(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }

    /// Inbox items stored from it so far.
    async fn item_count(&self) -> i32 {
        self.0.item_count
    }

    /// Failures in a row; the background task waits longer after each (5 minutes doubling, at
    /// most a day).
    async fn failure_count(&self) -> i32 {
        self.0.failure_count
    }

    /// When the background task tries again after failures.
    async fn next_fetch_after(&self) -> Option<DateTime> {
        self.0.next_fetch_after.map(DateTime)
    }

    /// Bumped on each edit (fetches do not bump it).
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When it was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When it was last edited.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}

/// How fetching one source went.
#[derive(SimpleObject)]
pub struct FetchResult {
    /// The source, as it is after the fetch.
    pub source: Source,
    /// Items stored by this fetch.
    pub new_items: i32,
    /// What went wrong; null when the fetch succeeded.
    pub error: Option<String>,
}
