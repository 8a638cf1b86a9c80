//! `search(query:)`: companies, models, products and events by name, Chinese name, alias,
//! slug or title, ranked (found and ranked by `service::analytics::search`), as a connection
//! whose cursors are positions in the ranking.

use async_graphql::{Context, Object, Result, Union};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use super::{
    company::Company,
    context::db,
    event::Event,
    model::Model,
    pagination::{Connection, DEFAULT_PAGE_SIZE, Listed, MAX_PAGE_SIZE, PageArgs},
    product::Product,
};
use crate::{
    error::ApiError,
    service::analytics::search::{self, Hit},
};

/// A search hit: a company, a model, a product or an event.
#[derive(Union, Clone)]
pub enum SearchResult {
    Company(Company),
    Model(Model),
    Product(Product),
    Event(Event),
}

impl Listed for SearchResult {
    const NAME: &'static str = "SearchResult";
}

impl From<Hit> for SearchResult {
    fn from(hit: Hit) -> Self {
        match hit {
            Hit::Company(r) => SearchResult::Company(Company(r)),
            Hit::Model(r) => SearchResult::Model(Model(r)),
            Hit::Product(r) => SearchResult::Product(Product(r)),
            Hit::Event(r) => SearchResult::Event(Event(r)),
        }
    }
}

fn offset_cursor(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("search:{offset}"))
}

fn parse_offset(cursor: &str) -> Result<usize, ApiError> {
    let bad = || ApiError::bad_input(format!("`{cursor}` is not a cursor of a search"));
    let raw = URL_SAFE_NO_PAD
        .decode(cursor.as_bytes())
        .map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    text.strip_prefix("search:")
        .and_then(|n| n.parse().ok())
        .ok_or_else(bad)
}

/// Searching the landscape.
#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Companies, models, products and events whose name, Chinese name, alias, slug or title
    /// contains `query` (any case, at least 2 characters): exact matches first, then
    /// prefixes, then other substrings.
    #[graphql(complexity = "PageArgs::weight(first, None) * child_complexity")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to look for, e.g. \"千问\" or \"deepseek\".")] query: String,
        #[graphql(desc = "Page size (at most 100; 20 by default).")] first: Option<i32>,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
    ) -> Result<Connection<SearchResult>> {
        let size = first.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(0..=MAX_PAGE_SIZE).contains(&size) {
            return Err(ApiError::bad_input(format!(
                "page size {size} is out of range: ask for 0 to {MAX_PAGE_SIZE}"
            ))
            .into());
        }
        let start = match &after {
            Some(cursor) => parse_offset(cursor)? + 1,
            None => 0,
        };
        let found = search::search(db(ctx), &query, start, size as usize).await?;
        let has_next = start + found.page.len() < found.total;
        let page = found
            .page
            .into_iter()
            .map(|(i, hit)| (offset_cursor(i), SearchResult::from(hit)))
            .collect();
        Ok(Connection::from_page(
            page,
            has_next,
            start > 0,
            found.total as u64,
        ))
    }
}
