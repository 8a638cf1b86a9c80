//! Who a product is for, as the API lists it (the table keeps three flags).

use async_graphql::Enum;

/// Who a product is for.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Consumers (C端).
    Consumer,
    /// Businesses (B端).
    Business,
    /// Government (G端).
    Government,
}
