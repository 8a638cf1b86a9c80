//! `revisions`: the audit trail — who changed what, when, with the state before and after.

use sea_orm::entity::prelude::*;

use crate::RevisionAction;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The GraphQL type name of the entity (`Company`, `Price`…).
    pub entity_type: String,
    pub entity_id: i64,
    pub action: RevisionAction,
    pub actor_user_id: Option<i64>,
    /// Who acted, as shown: a user's email, or `seed` for the curated lists.
    pub actor_label: String,
    pub at: DateTimeUtc,
    pub before: Option<Json>,
    pub after: Option<Json>,
}

impl ActiveModelBehavior for ActiveModel {}
