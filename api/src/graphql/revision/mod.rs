//! The audit trail: who changed what, when, with the values before and after.

use async_graphql::{Context, ID, Object, Result, SimpleObject};
use entities::{RevisionAction, Role, record::audit, revision, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::Value;

use crate::graphql::{
    account::User,
    context::db,
    guards::{RoleGuard, check},
    ids::{self, Kind},
    pagination::{Connection, Listed, PageArgs, SortKey},
    scalars::DateTime,
};

#[derive(Clone)]
pub struct Revision(pub revision::Model);

impl Listed for Revision {
    const NAME: &'static str = "Revision";
}

/// One field's value before and after a change.
#[derive(SimpleObject, Clone)]
pub struct FieldChange {
    /// The field, as stored (snake_case), e.g. `name_zh` or `input_media_types`.
    pub field: String,
    /// The value before; null when it had none or the record was new.
    pub before: Option<async_graphql::Json<Value>>,
    /// The value after; null when cleared.
    pub after: Option<async_graphql::Json<Value>>,
}

/// Fields every change touches; they say nothing about what changed.
const BOOKKEEPING: [&str; 4] = ["id", "version", "updated_at", "created_at"];

/// One entry of the audit trail: who did what to which record, when.
#[Object]
impl Revision {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Revision, self.0.id)
    }

    /// The type of the record changed, e.g. "Company".
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }

    /// The global id of the record changed.
    async fn entity_id(&self) -> Result<ID> {
        // Every kind the audit trail records is in the one list of kinds.
        let kind = Kind::from_name(&self.0.entity_type).ok_or_else(|| {
            crate::error::ApiError::Internal(anyhow::anyhow!(
                "revision {} names no known kind: `{}`",
                self.0.id,
                self.0.entity_type
            ))
        })?;
        Ok(ids::encode(kind, self.0.entity_id))
    }

    /// What was done.
    async fn action(&self) -> RevisionAction {
        self.0.action
    }

    /// When.
    async fn at(&self) -> DateTime {
        DateTime(self.0.at)
    }

    /// Who, as shown: a member's email, or `seed` for the curated lists.
    async fn actor(&self) -> &str {
        &self.0.actor_label
    }

    /// The member who did it, when it was one (visible to admins).
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn actor_user(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        match self.0.actor_user_id {
            Some(id) => Ok(user::Entity::find_by_id(id).one(db(ctx)).await?.map(User)),
            None => Ok(None),
        }
    }

    /// What the record is called, as this revision holds it (its name, title, filing
    /// number, API model id or slug): a deleted record's name, say, in a list of them.
    async fn label(&self) -> Option<String> {
        let after = self.0.after.as_ref().and_then(audit::label);
        after.or_else(|| self.0.before.as_ref().and_then(audit::label))
    }

    /// The fields that changed, with their values before and after, by field name.
    async fn changes(&self) -> Vec<FieldChange> {
        let empty = serde_json::Map::new();
        let before = self
            .0
            .before
            .as_ref()
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let after = self
            .0
            .after
            .as_ref()
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut fields: Vec<&String> = before.keys().chain(after.keys()).collect();
        fields.sort();
        fields.dedup();
        fields
            .into_iter()
            .filter(|f| !BOOKKEEPING.contains(&f.as_str()))
            .filter_map(|field| {
                let (b, a) = (before.get(field), after.get(field));
                let (b, a) = (b.filter(|v| !v.is_null()), a.filter(|v| !v.is_null()));
                (b != a).then(|| FieldChange {
                    field: field.clone(),
                    before: b.cloned().map(async_graphql::Json),
                    after: a.cloned().map(async_graphql::Json),
                })
            })
            .collect()
    }
}

/// Reading the audit trail.
#[derive(Default)]
pub struct RevisionQuery;

#[Object]
impl RevisionQuery {
    /// The audit trail of one record, newest first. Viewers and up.
    #[graphql(
        guard = "RoleGuard(Role::Viewer)",
        complexity = "PageArgs::weight(first, last) * child_complexity"
    )]
    async fn revisions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The global id of the record.")] entity_id: ID,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<Revision>> {
        let (kind, row) = ids::decode(&entity_id)?;
        // The trail of an account or a token is as private as the account itself.
        if matches!(kind, Kind::User | Kind::ApiToken) {
            check(ctx, Role::Admin)?;
        }
        let select = revision::Entity::find()
            .filter(revision::Column::EntityType.eq(kind.name()))
            .filter(revision::Column::EntityId.eq(row));
        newest_first(
            ctx,
            select,
            PageArgs {
                first,
                after,
                last,
                before,
            },
        )
        .await
    }

    /// Records deleted and not restored since, newest deletion first: each as its DELETE
    /// revision, whose `label` names the record and whose `entityId` is what `restoreX(id:)`
    /// takes. Accounts and tokens are left out. Viewers and up (editors may
    /// restore).
    #[graphql(
        guard = "RoleGuard(Role::Viewer)",
        complexity = "PageArgs::weight(first, last) * child_complexity"
    )]
    async fn recently_deleted(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<Revision>> {
        let select = revision::Entity::find()
            .filter(revision::Column::Action.eq(RevisionAction::Delete))
            .filter(
                revision::Column::EntityType
                    .is_not_in([Kind::User.name(), Kind::ApiToken.name()]),
            )
            // The deletion is the record's last word: nothing restored or changed it since.
            .filter(Expr::cust(
                "NOT EXISTS (SELECT 1 FROM revisions later WHERE later.entity_type = revisions.entity_type \
                 AND later.entity_id = revisions.entity_id AND later.id > revisions.id)",
            ));
        newest_first(
            ctx,
            select,
            PageArgs {
                first,
                after,
                last,
                before,
            },
        )
        .await
    }
}

/// One page of `select`'s revisions, newest first.
async fn newest_first(
    ctx: &Context<'_>,
    select: sea_orm::Select<revision::Entity>,
    args: PageArgs,
) -> Result<Connection<Revision>> {
    let keys = vec![SortKey::desc(revision::Column::Id)];
    Ok(Connection::load(db(ctx), select, keys, revision::Column::Id, &args, Revision).await?)
}
