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
