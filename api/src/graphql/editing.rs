//! The GraphQL side of editing: payloads and the four mutations of each landscape entity,
//! all going through [`crate::service::editing`].

use async_graphql::ID;

use crate::{
    error::ApiError,
    graphql::{
        ids::{self, Kind},
        user_errors::{UserError, shown},
    },
    service::user_errors as service,
};

/// The row id behind `id`, which must be of `kind`.
pub fn row(id: &ID, kind: Kind) -> Result<i64, ApiError> {
    ids::decode_as(id, kind)
}

/// Splits an outcome into the payload's two fields.
pub fn split<M, T>(
    outcome: Result<M, Vec<service::UserError>>,
    wrap: impl FnOnce(M) -> T,
) -> (Option<T>, Vec<UserError>) {
    match outcome {
        Ok(model) => (Some(wrap(model)), Vec::new()),
        Err(errors) => (None, shown(errors)),
    }
}

/// Declares `<Entity>Payload` and `<Entity>Mutation` with `createX`, `updateX`, `deleteX`
/// and `restoreX`, each for editors and admins only.
macro_rules! mutations {
    (
        entity: $entity:path,
        wrapper: $wrapper:ident,
        kind: $kind:expr,
        input: $input:ty,
        payload: $payload:ident { $field:ident },
        mutation: $mutation:ident { $create:ident, $update:ident, $delete:ident, $restore:ident },
        what: $what:literal $(,)?
    ) => {
        #[doc = concat!("The result of a change to a ", $what, ".")]
        #[derive(async_graphql::SimpleObject)]
        pub struct $payload {
            #[doc = concat!("The ", $what, " after the change; null when nothing was written.")]
            pub $field: Option<$wrapper>,
            /// What to fix; empty on success. With any, nothing was written.
            pub user_errors: Vec<$crate::graphql::user_errors::UserError>,
        }

        impl $payload {
            fn from(outcome: $crate::service::editing::Outcome<<$entity as sea_orm::EntityTrait>::Model>) -> Self {
                let ($field, user_errors) = $crate::graphql::editing::split(outcome, $wrapper);
                $payload { $field, user_errors }
            }
        }

        #[doc = concat!("Editing ", $what, " records.")]
        #[derive(Default)]
        pub struct $mutation;

        #[async_graphql::Object]
        impl $mutation {
            #[doc = concat!("Creates a ", $what, ". Editors and admins.")]
            #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Editor)")]
            async fn $create(
                &self,
                ctx: &async_graphql::Context<'_>,
                #[graphql(desc = "The new record; required fields must be given.")] input: $input,
            ) -> async_graphql::Result<$payload> {
                let db = $crate::graphql::context::db(ctx);
                let actor = $crate::graphql::account::actor(ctx);
                Ok($payload::from($crate::service::editing::create::<$entity>(db, &actor, input).await?))
            }

            #[doc = concat!("Changes a ", $what, ": a field left out keeps its value, null clears it. Editors and admins.")]
            #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Editor)")]
            async fn $update(
                &self,
                ctx: &async_graphql::Context<'_>,
                #[graphql(desc = "The record's id.")] id: async_graphql::ID,
                #[graphql(desc = "What changes.")] input: $input,
                #[graphql(desc = "The version you read; if it is no longer current, nothing is written and the error says CONFLICT.")]
                expected_version: i32,
            ) -> async_graphql::Result<$payload> {
                let db = $crate::graphql::context::db(ctx);
                let actor = $crate::graphql::account::actor(ctx);
                let id = $crate::graphql::editing::row(&id, $kind)?;
                Ok($payload::from($crate::service::editing::update::<$entity>(db, &actor, id, input, expected_version).await?))
            }

            #[doc = concat!("Deletes a ", $what, ": it disappears from reads but is kept, with its history, and can be restored. Editors and admins.")]
            #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Editor)")]
            async fn $delete(
                &self,
                ctx: &async_graphql::Context<'_>,
                #[graphql(desc = "The record's id.")] id: async_graphql::ID,
                #[graphql(desc = "The version you read; if it is no longer current, nothing is written and the error says CONFLICT.")]
                expected_version: i32,
            ) -> async_graphql::Result<$payload> {
                let db = $crate::graphql::context::db(ctx);
                let actor = $crate::graphql::account::actor(ctx);
                let id = $crate::graphql::editing::row(&id, $kind)?;
                Ok($payload::from($crate::service::editing::delete::<$entity>(db, &actor, id, expected_version).await?))
            }

            #[doc = concat!("Restores a deleted ", $what, "; TAKEN if its unique values were reused meanwhile. Editors and admins.")]
            #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Editor)")]
            async fn $restore(
                &self,
                ctx: &async_graphql::Context<'_>,
                #[graphql(desc = "The deleted record's id.")] id: async_graphql::ID,
            ) -> async_graphql::Result<$payload> {
                let db = $crate::graphql::context::db(ctx);
                let actor = $crate::graphql::account::actor(ctx);
                let id = $crate::graphql::editing::row(&id, $kind)?;
                Ok($payload::from($crate::service::editing::restore::<$entity>(db, &actor, id).await?))
            }
        }
    };
}

pub(crate) use mutations;
