//! `dataHealth`: the curator's to-do list (see [`crate::service::data_health`]).

use async_graphql::{Context, ID, Object, Result, SimpleObject};
use entities::Role;

use super::{
    context::db,
    guards::RoleGuard,
    ids::{self, Kind},
    scalars::Date,
};
use crate::{error::ApiError, service::data_health};

/// One record a check found.
#[derive(SimpleObject)]
pub struct HealthRecord {
    /// Its global id (open it with `node(id:)`).
    pub id: ID,
    /// Its type, e.g. "Price".
    #[graphql(name = "type")]
    pub entity_type: String,
    /// A readable key: a slug, or an offering, dimension and start day.
    pub label: String,
}

/// One check of the data and the records it found.
#[derive(SimpleObject)]
pub struct HealthCheck {
    /// Stable code, e.g. "OPEN_PRICE_ON_RETIRED".
    pub code: String,
    /// What it looks for and what to do.
    pub description: String,
    /// How many records it found.
    pub count: i32,
    /// The records, at most `DataHealth.limit` of them.
    pub records: Vec<HealthRecord>,
}

/// What a curator should look at next.
#[derive(SimpleObject)]
pub struct DataHealth {
    /// The day the checks were run for (today in the team's time zone).
    pub checked_on: Date,
    /// The checks, each with its count.
    pub checks: Vec<HealthCheck>,
}

/// The data-health query.
#[derive(Default)]
pub struct DataHealthQuery;

#[Object]
impl DataHealthQuery {
    /// The curator's to-do list: open prices on retired models, unpriced offerings, home-page
    /// sources, unverified prices, unsourced companies and products, events with no company.
    /// Viewers and up.
    #[graphql(guard = "RoleGuard(Role::Viewer)")]
    async fn data_health(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Records listed per check, 1 to 500 (counts are always whole).",
            default = 100
        )]
        limit: i32,
    ) -> Result<DataHealth> {
        if !(1..=500).contains(&limit) {
            return Err(ApiError::bad_input("limit must be 1 to 500").into());
        }
        let today = crate::clock::today();
        let checks = data_health::report(db(ctx), today)
            .await
            .map_err(ApiError::from)?;
        Ok(DataHealth {
            checked_on: Date(today),
            checks: checks
                .into_iter()
                .map(|c| HealthCheck {
                    code: c.code.into(),
                    description: c.description.into(),
                    count: c.findings.len() as i32,
                    records: c
                        .findings
                        .into_iter()
                        .take(limit as usize)
                        .map(|f| HealthRecord {
                            id: ids::encode(
                                Kind::from_name(f.entity_type).unwrap_or(Kind::Price),
                                f.id,
                            ),
                            entity_type: f.entity_type.into(),
                            label: f.label,
                        })
                        .collect(),
                })
                .collect(),
        })
    }
}
