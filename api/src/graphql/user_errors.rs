//! The GraphQL face of user errors (`userErrors` in every mutation payload): the service's
//! [`crate::service::user_errors`] as output types.

use async_graphql::{Enum, SimpleObject};

use crate::service::user_errors as service;

/// What kind of problem an input has.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::service::user_errors::UserErrorCode")]
pub enum UserErrorCode {
    /// The value is malformed or breaks a rule; the message says which.
    Invalid,
    /// A unique value (a slug, a natural key) is already used by another live record.
    Taken,
    /// The target id, or a referenced entity, does not exist; `field` says which.
    NotFound,
    /// `expectedVersion` is not the current version: someone else changed it first.
    Conflict,
}

/// A problem with one field of the input.
#[derive(SimpleObject, Clone, Debug, PartialEq, Eq)]
pub struct UserError {
    /// The path to the field, e.g. `["input", "slug"]`; empty for the whole record.
    pub field: Vec<String>,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The kind of problem.
    pub code: UserErrorCode,
}

impl From<service::UserError> for UserError {
    fn from(e: service::UserError) -> Self {
        UserError {
            field: e.field,
            message: e.message,
            code: e.code.into(),
        }
    }
}

/// The service's user errors as the payload shows them.
pub fn shown(errors: Vec<service::UserError>) -> Vec<UserError> {
    errors.into_iter().map(UserError::from).collect()
}
