//! Errors the user can fix in a change's input. With any of them nothing is written. The
//! API shows them as data in the payload (`userErrors`, see `graphql::user_errors`), not as
//! GraphQL errors.

/// What kind of problem an input has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserError {
    /// The path to the field, e.g. `["input", "slug"]`; empty for the whole record.
    pub field: Vec<String>,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The kind of problem.
    pub code: UserErrorCode,
}

/// Collects user errors while an input is checked.
#[derive(Default, Debug)]
pub struct Errors(pub Vec<UserError>);

impl Errors {
    pub fn add(&mut self, field: &[&str], code: UserErrorCode, message: impl Into<String>) {
        self.0.push(UserError {
            field: field.iter().map(|s| s.to_string()).collect(),
            message: message.into(),
            code,
        });
    }

    /// An INVALID error on `input.<field>`.
    pub fn invalid(&mut self, field: &str, message: impl Into<String>) {
        self.add(&["input", field], UserErrorCode::Invalid, message);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
