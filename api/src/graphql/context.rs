//! The request's context as resolvers read it: its database connection and its loaders.

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use super::loaders::Loaders;

/// The request's database connection.
pub fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

/// The request's loaders.
pub fn loaders<'a>(ctx: &Context<'a>) -> &'a Loaders {
    ctx.data_unchecked::<Loaders>()
}
