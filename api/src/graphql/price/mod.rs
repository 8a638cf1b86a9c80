//! Prices and what goes with them: free quotas, subscription plans and credit costs.

mod changes;
mod free_quota_mutation;
mod mutation;
mod plan_mutation;
mod query;
mod subject;
mod types;

pub use changes::{PriceChange, PriceChangeQuery, changes_between};
pub use free_quota_mutation::FreeQuotaMutation;
pub use mutation::PriceMutation;
pub use plan_mutation::SubscriptionPlanMutation;
pub use query::PriceQuery;
pub use types::{CreditCost, FreeQuota, Price, SubscriptionPlan};

use entities::price;

use crate::graphql::scalars::Date;

/// The rows in effect on `as_of` — effective_from <= day < effective_to — or all rows.
pub fn in_effect(
    rows: Vec<price::Model>,
    as_of: Option<Date>,
) -> impl Iterator<Item = price::Model> {
    rows.into_iter().filter(move |row| match as_of {
        None => true,
        Some(Date(day)) => row.effective_from <= day && row.effective_to.is_none_or(|to| day < to),
    })
}
