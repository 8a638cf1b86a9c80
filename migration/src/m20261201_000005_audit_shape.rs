//! Rewrites the revisions already stored into the audit trail's one shape (see
//! `entities::record`), so old and new history read alike: link lists under the names the
//! API uses and holding natural keys (a plan's models by slug, not row id; an event's links
//! as `slug:ROLE`, not `id:ROLE`), every link list present, column names for every field
//! (a user's `displayName` becomes `display_name`), and no secret field.

use std::collections::HashMap;

use entities::{
    Kind,
    record::{audit, links},
    revision,
};
use sea_orm_migration::{
    prelude::*,
    sea_orm::{
        ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait,
        IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    },
};
use serde_json::Value;

/// Named after its file.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The kinds whose stored revisions may be in an older shape.
const KINDS: [Kind; 7] = [
    Kind::Model,
    Kind::Product,
    Kind::SubscriptionPlan,
    Kind::Event,
    Kind::User,
    Kind::ApiToken,
    Kind::Webhook,
];

/// Revisions read and rewritten per round.
const PAGE: u64 = 1_000;

/// Slugs by row id of the tables links point into.
#[derive(Default)]
pub struct Slugs(HashMap<&'static str, HashMap<i64, String>>);

impl Slugs {
    fn slug(&self, table: &str, id: i64) -> Option<&str> {
        self.0.get(table)?.get(&id).map(String::as_str)
    }
}

/// Renamed fields, old name → name now.
fn renames(kind: Kind) -> &'static [(&'static str, &'static str)] {
    match kind {
        Kind::Model => &[
            ("inputs", "input_media_types"),
            ("outputs", "output_media_types"),
        ],
        Kind::SubscriptionPlan => &[("model_ids", "models")],
        Kind::User => &[("displayName", "display_name")],
        Kind::ApiToken => &[("expiresAt", "expires_at"), ("revokedAt", "revoked_at")],
        _ => &[],
    }
}

fn lists(kind: Kind) -> &'static [links::LinkList] {
    match kind {
        Kind::Model => links::MODEL,
        Kind::Product => links::PRODUCT,
        Kind::SubscriptionPlan => links::SUBSCRIPTION_PLAN,
        Kind::Event => links::EVENT,
        _ => &[],
    }
}

/// One stored snapshot in today's shape. `by_api` says the revision was written through the
/// API, whose plan and event links held row ids where the seeds wrote slugs.
pub fn reshape(kind: Kind, by_api: bool, snapshot: Value, slugs: &Slugs) -> Value {
    let Value::Object(mut fields) = snapshot else {
        return snapshot;
    };
    for (old, new) in renames(kind) {
        if let Some(value) = fields.remove(*old) {
            fields.insert((*new).to_owned(), value);
        }
    }
    for secret in audit::secret_fields(kind) {
        fields.remove(*secret);
    }
    let lists = lists(kind);
    for list in lists {
        let keys: Vec<String> = fields
            .get(list.name)
            .and_then(Value::as_array)
            .map(|keys| {
                keys.iter()
                    .map(|key| natural_key(list, by_api, key, slugs))
                    .collect()
            })
            .unwrap_or_default();
        fields.extend(links::form([(list, keys)]));
    }
    Value::Object(fields)
}

/// A stored link key as a natural key: a row id (number, or `id:ROLE` from the API) becomes
/// the target's slug; what is a slug already stays.
fn natural_key(list: &links::LinkList, by_api: bool, key: &Value, slugs: &Slugs) -> String {
    let text = match key {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let (head, role) = links::split_key(list, &text);
    let is_id = matches!(key, Value::Number(_)) || (by_api && list.role.is_some());
    match head.parse::<i64>() {
        Ok(id) if is_id => match slugs.slug(list.target_table, id) {
            Some(slug) => links::key(slug, role),
            // A row gone from the table keeps its id, marked as one.
            None => links::key(&format!("#{id}"), role),
        },
        _ => text,
    }
}

async fn slugs<C: ConnectionTrait>(db: &C) -> Result<Slugs, DbErr> {
    let mut out = Slugs::default();
    for table in ["companies", "models", "products", "media_types", "tasks"] {
        let select = Query::select()
            .columns([Alias::new("id"), Alias::new("slug")])
            .from(Alias::new(table))
            .to_owned();
        let mut map = HashMap::new();
        for row in db.query_all(&select).await? {
            map.insert(row.try_get("", "id")?, row.try_get("", "slug")?);
        }
        out.0.insert(table, map);
    }
    Ok(out)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let slugs = slugs(db).await?;
        let names: Vec<&str> = KINDS.iter().map(|k| k.name()).collect();
        let mut last = 0_i64;
        loop {
            let page = revision::Entity::find()
                .filter(revision::Column::EntityType.is_in(names.clone()))
                .filter(revision::Column::Id.gt(last))
                .order_by_asc(revision::Column::Id)
                .limit(PAGE)
                .all(db)
                .await?;
            let Some(tail) = page.last() else { break };
            last = tail.id;
            for row in page {
                let Some(kind) = Kind::from_name(&row.entity_type) else {
                    continue;
                };
                let by_api = row.actor_label != "seed";
                let before = row.before.clone().map(|v| reshape(kind, by_api, v, &slugs));
                let after = row.after.clone().map(|v| reshape(kind, by_api, v, &slugs));
                if before != row.before || after != row.after {
                    let mut active = row.into_active_model();
                    active.before = Set(before);
                    active.after = Set(after);
                    active.update(db).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // The old shapes differed by writer; there is nothing sound to go back to.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn slugs() -> Slugs {
        let mut s = Slugs::default();
        s.0.insert("models", HashMap::from([(7, "qwen-max".to_owned())]));
        s.0.insert("companies", HashMap::from([(3, "alibaba".to_owned())]));
        s
    }

    #[test]
    fn old_shapes_read_as_today() {
        let seeded = json!({ "slug": "qwen-max", "inputs": ["text"], "tasks": ["chat"] });
        assert_eq!(
            reshape(Kind::Model, false, seeded, &slugs()),
            json!({ "slug": "qwen-max", "input_media_types": ["text"], "output_media_types": [], "tasks": ["chat"] })
        );
        let plan = json!({ "slug": "pro", "model_ids": [7] });
        assert_eq!(
            reshape(Kind::SubscriptionPlan, true, plan, &slugs()),
            json!({ "slug": "pro", "models": ["qwen-max"] })
        );
        let event = json!({ "companies": ["3:SUBJECT"], "models": ["7:SUBJECT", "9:MENTIONED"] });
        assert_eq!(
            reshape(Kind::Event, true, event, &slugs()),
            json!({ "companies": ["alibaba:SUBJECT"], "models": ["#9:MENTIONED", "qwen-max:SUBJECT"], "products": [] })
        );
        let seeded_event = json!({ "companies": ["alibaba:SUBJECT"] });
        assert_eq!(
            reshape(Kind::Event, false, seeded_event, &slugs())["companies"],
            json!(["alibaba:SUBJECT"])
        );
        let user = json!({ "email": "a@b.c", "displayName": "A", "password_hash": "x" });
        assert_eq!(
            reshape(Kind::User, true, user, &slugs()),
            json!({ "email": "a@b.c", "display_name": "A" })
        );
    }
}
