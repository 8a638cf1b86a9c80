//! Accounts: signing in, the caller, and the admin's users and tokens.

mod mutation;
mod query;
mod types;

pub use mutation::AccountMutation;
pub use query::AccountQuery;
pub use types::{ApiToken, User};

use async_graphql::Context;

use crate::{graphql::guards::caller, service::editing::Actor};

/// The signed-in caller as the audit trail names them.
pub fn actor(ctx: &Context<'_>) -> Actor {
    match caller(ctx).member() {
        Some(member) => Actor {
            user_id: Some(member.user_id),
            label: member.email.clone(),
        },
        None => Actor {
            user_id: None,
            label: "anonymous".into(),
        },
    }
}
