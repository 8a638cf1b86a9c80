//! Writing a checked dataset into a database: upserts by natural key, in one transaction.
//!
//! Each record of the dataset is matched with the row of the same natural key (see
//! `seeds/README.md`). A missing row is created; a row whose seeded fields differ is updated;
//! an equal one is left alone, so a second run changes nothing. Rows the dataset does not
//! name are never touched. Every write is a revision by the actor `seed`.
//!
//! A row the team edited since the last seed — its latest revision is not by `seed` — is a
//! *conflict*: it is reported and left as the team has it, unless `force` is given. A row the
//! team deleted is a conflict too (forcing restores it). Team-only fields (notes, relationship
//! status, watch list) are never written by a seed.
//!
//! A dry run does all of it inside the transaction and rolls back, so what it reports is
//! exactly what a real run would do.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use entities::*;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, TransactionTrait,
};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::{
    format::*,
    parse::Dataset,
    validate::{offering_key, parse_links, split_urls},
};

/// The actor seeded changes are recorded under.
pub const SEED_ACTOR: &str = "seed";

/// How to run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Report what would change, write nothing.
    pub dry_run: bool,
    /// Overwrite rows the team edited or deleted since the last seed.
    pub force: bool,
}

/// What happened to the records of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub conflicts: usize,
}

/// What a run did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Per kind of record, in load order.
    pub kinds: Vec<(&'static str, Counts)>,
    /// One line per created, updated or conflicting record, with the fields that differ.
    pub changes: Vec<String>,
    /// The rows written, by kind: what the search index must take in.
    pub touched: Vec<(&'static str, i64)>,
    /// The rows created, by kind: what webhooks may hear of (see `sync_in`).
    pub created: Vec<(&'static str, i64)>,
}

impl Report {
    fn counts(&mut self, kind: &'static str) -> &mut Counts {
        if !self.kinds.iter().any(|(k, _)| *k == kind) {
            self.kinds.push((kind, Counts::default()));
        }
        &mut self
            .kinds
            .iter_mut()
            .find(|(k, _)| *k == kind)
            .expect("just added")
            .1
    }

    /// The counts of one kind.
    pub fn of(&self, kind: &str) -> Counts {
        self.kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, c)| *c)
            .unwrap_or_default()
    }

    /// All counts added up.
    pub fn total(&self) -> Counts {
        self.kinds
            .iter()
            .fold(Counts::default(), |t, (_, c)| Counts {
                created: t.created + c.created,
                updated: t.updated + c.updated,
                unchanged: t.unchanged + c.unchanged,
                conflicts: t.conflicts + c.conflicts,
            })
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.total();
        write!(
            f,
            "{} created, {} updated, {} unchanged, {} conflicts",
            t.created, t.updated, t.unchanged, t.conflicts
        )
    }
}

/// Slugs and keys of the rows written so far, both ways.
#[derive(Default)]
struct Maps {
    ids: HashMap<&'static str, HashMap<String, i64>>,
    keys: HashMap<&'static str, HashMap<i64, String>>,
}

impl Maps {
    fn set(&mut self, kind: &'static str, pairs: impl IntoIterator<Item = (String, i64)>) {
        let ids: HashMap<String, i64> = pairs.into_iter().collect();
        self.keys
            .insert(kind, ids.iter().map(|(k, v)| (*v, k.clone())).collect());
        self.ids.insert(kind, ids);
    }
    fn id(&self, kind: &str, key: &str) -> i64 {
        *self.ids.get(kind).and_then(|m| m.get(key)).unwrap_or(&0)
    }
    fn key(&self, kind: &str, id: i64) -> String {
        self.keys
            .get(kind)
            .and_then(|m| m.get(&id))
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    }
    fn slugs(&self, kind: &str, ids: impl IntoIterator<Item = i64>) -> Vec<String> {
        let mut slugs: Vec<String> = ids.into_iter().map(|id| self.key(kind, id)).collect();
        slugs.sort();
        slugs
    }
}

/// Fields a seed never writes: kept by the database or owned by the team.
const NOT_SEEDED: [&str; 8] = [
    "id",
    "version",
    "created_at",
    "updated_at",
    "deleted_at",
    "notes",
    "relationship_status",
    "watched",
];

fn seeded_fields<M: Serialize>(model: &M, links: &Value) -> Map<String, Value> {
    let mut fields = match serde_json::to_value(model) {
        Ok(Value::Object(fields)) => fields,
        _ => Map::new(),
    };
    for key in NOT_SEEDED {
        fields.remove(key);
    }
    if let Value::Object(links) = links {
        // An empty list and no links at all are the same thing.
        fields.extend(
            links
                .iter()
                .filter(|(_, v)| v.as_array().is_none_or(|a| !a.is_empty()))
                .map(|(k, v)| (k.clone(), v.clone())),
        );
    }
    fields
}

fn diff(before: &Map<String, Value>, after: &Map<String, Value>) -> Vec<String> {
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (b, a) = (
                before.get(k).unwrap_or(&Value::Null),
                after.get(k).unwrap_or(&Value::Null),
            );
            (b != a).then(|| format!("{k}: {b} → {a}"))
        })
        .collect()
}

/// One table the seed writes.
#[async_trait]
trait Table: EntityTrait
where
    Self::Model: Serialize + Clone + Send + Sync + IntoActiveModel<Self::ActiveModel>,
    Self::ActiveModel: ActiveModelTrait<Entity = Self> + sea_orm::ActiveModelBehavior + Send,
{
    /// The kind, as reported and as revisions name it.
    const KIND: &'static str;
    fn id_column() -> Self::Column;
    fn id(m: &Self::Model) -> i64;
    fn deleted(m: &Self::Model) -> bool;
    /// Keeps on `desired` what the seed does not own: the row's id, version, timestamps and
    /// team-only fields.
    fn carry(desired: &mut Self::Model, existing: &Self::Model, now: DateTime<Utc>);
    /// The natural key of a row.
    fn key(m: &Self::Model, maps: &Maps) -> String;
    /// The links of rows, for comparison, by row id.
    async fn links<C: ConnectionTrait>(
        _db: &C,
        _maps: &Maps,
    ) -> Result<HashMap<i64, Value>, DbErr> {
        Ok(HashMap::new())
    }
    /// Replaces the links of row `id` with `links` (as [`Table::links`] writes them).
    async fn write_links<C: ConnectionTrait>(
        _db: &C,
        _maps: &Maps,
        _id: i64,
        _links: &Value,
    ) -> Result<(), DbErr> {
        Ok(())
    }
}

macro_rules! table {
    ($module:ident, $kind:literal, |$m:ident, $maps:ident| $key:expr $(, carry: [$($team:ident),*])? $(, links: ($read:ident, $write:ident))?) => {
        #[async_trait]
        impl Table for $module::Entity {
            const KIND: &'static str = $kind;
            fn id_column() -> Self::Column { $module::Column::Id }
            fn id(m: &Self::Model) -> i64 { m.id }
            fn deleted(m: &Self::Model) -> bool { m.deleted_at.is_some() }
            fn carry(desired: &mut Self::Model, existing: &Self::Model, now: DateTime<Utc>) {
                desired.id = existing.id;
                desired.version = existing.version + 1;
                desired.created_at = existing.created_at;
                desired.updated_at = now;
                desired.deleted_at = None;
                $($(desired.$team = existing.$team.clone();)*)?
            }
            fn key($m: &Self::Model, $maps: &Maps) -> String { $key }
            $(
                async fn links<C: ConnectionTrait>(db: &C, maps: &Maps) -> Result<HashMap<i64, Value>, DbErr> {
                    $read(db, maps).await
                }
                async fn write_links<C: ConnectionTrait>(db: &C, maps: &Maps, id: i64, links: &Value) -> Result<(), DbErr> {
                    $write(db, maps, id, links).await
                }
            )?
        }
    };
}

/// The model links of every row, as the seed compares them.
async fn model_links<C: ConnectionTrait>(
    db: &C,
    maps: &Maps,
) -> Result<HashMap<i64, Value>, DbErr> {
    // Per model: input media types, output media types, tasks.
    let mut by_model: HashMap<i64, [Vec<i64>; 3]> = HashMap::new();
    for l in model_media_type::Entity::find().all(db).await? {
        let entry = by_model.entry(l.model_id).or_default();
        if l.direction == Direction::Input {
            entry[0].push(l.media_type_id)
        } else {
            entry[1].push(l.media_type_id)
        }
    }
    for l in model_task::Entity::find().all(db).await? {
        by_model.entry(l.model_id).or_default()[2].push(l.task_id);
    }
    Ok(by_model
        .into_iter()
        .map(|(id, [i, o, t])| (id, json!({ "inputs": maps.slugs("media", i), "outputs": maps.slugs("media", o), "tasks": maps.slugs("task", t) })))
        .collect())
}
async fn write_model_links<C: ConnectionTrait>(
    db: &C,
    maps: &Maps,
    id: i64,
    links: &Value,
) -> Result<(), DbErr> {
    model_media_type::Entity::delete_many()
        .filter(model_media_type::Column::ModelId.eq(id))
        .exec(db)
        .await?;
    model_task::Entity::delete_many()
        .filter(model_task::Column::ModelId.eq(id))
        .exec(db)
        .await?;
    let mut media = Vec::new();
    for (field, direction) in [("inputs", Direction::Input), ("outputs", Direction::Output)] {
        for slug in strings(&links[field]) {
            media.push(model_media_type::ActiveModel {
                model_id: Set(id),
                media_type_id: Set(maps.id("media", &slug)),
                direction: Set(direction),
            });
        }
    }
    insert_all(db, media).await?;
    let tasks = strings(&links["tasks"])
        .into_iter()
        .map(|slug| model_task::ActiveModel {
            model_id: Set(id),
            task_id: Set(maps.id("task", &slug)),
        })
        .collect();
    insert_all(db, tasks).await
}

/// The product links of every row, as the seed compares them.
async fn product_links<C: ConnectionTrait>(
    db: &C,
    maps: &Maps,
) -> Result<HashMap<i64, Value>, DbErr> {
    let mut by_product: HashMap<i64, (Vec<i64>, Vec<i64>)> = HashMap::new();
    for l in product_model::Entity::find().all(db).await? {
        by_product
            .entry(l.product_id)
            .or_default()
            .0
            .push(l.model_id);
    }
    for l in product_task::Entity::find().all(db).await? {
        by_product
            .entry(l.product_id)
            .or_default()
            .1
            .push(l.task_id);
    }
    Ok(by_product
        .into_iter()
        .map(|(id, (m, t))| {
            (
                id,
                json!({ "models": maps.slugs("model", m), "tasks": maps.slugs("task", t) }),
            )
        })
        .collect())
}
async fn write_product_links<C: ConnectionTrait>(
    db: &C,
    maps: &Maps,
    id: i64,
    links: &Value,
) -> Result<(), DbErr> {
    product_model::Entity::delete_many()
        .filter(product_model::Column::ProductId.eq(id))
        .exec(db)
        .await?;
    product_task::Entity::delete_many()
        .filter(product_task::Column::ProductId.eq(id))
        .exec(db)
        .await?;
    let models = strings(&links["models"])
        .into_iter()
        .map(|s| product_model::ActiveModel {
            product_id: Set(id),
            model_id: Set(maps.id("model", &s)),
        })
        .collect();
    insert_all(db, models).await?;
    let tasks = strings(&links["tasks"])
        .into_iter()
        .map(|s| product_task::ActiveModel {
            product_id: Set(id),
            task_id: Set(maps.id("task", &s)),
        })
        .collect();
    insert_all(db, tasks).await
}

/// The subscription plan links of every row, as the seed compares them.
async fn subscription_plan_links<C: ConnectionTrait>(
    db: &C,
    maps: &Maps,
) -> Result<HashMap<i64, Value>, DbErr> {
    let mut by_plan: HashMap<i64, Vec<i64>> = HashMap::new();
    for l in plan_model::Entity::find().all(db).await? {
        by_plan.entry(l.plan_id).or_default().push(l.model_id);
    }
    Ok(by_plan
        .into_iter()
        .map(|(id, m)| (id, json!({ "models": maps.slugs("model", m) })))
        .collect())
}
async fn write_subscription_plan_links<C: ConnectionTrait>(
    db: &C,
    maps: &Maps,
    id: i64,
    links: &Value,
) -> Result<(), DbErr> {
    plan_model::Entity::delete_many()
        .filter(plan_model::Column::PlanId.eq(id))
        .exec(db)
        .await?;
    let models = strings(&links["models"])
        .into_iter()
        .map(|s| plan_model::ActiveModel {
            plan_id: Set(id),
            model_id: Set(maps.id("model", &s)),
        })
        .collect();
    insert_all(db, models).await
}

/// The event links of every row, as the seed compares them.
async fn event_links_of<C: ConnectionTrait>(
    db: &C,
    maps: &Maps,
) -> Result<HashMap<i64, Value>, DbErr> {
    let mut by_event: HashMap<i64, [Vec<String>; 3]> = HashMap::new();
    for l in event_company::Entity::find().all(db).await? {
        by_event.entry(l.event_id).or_default()[0].push(format!(
            "{}:{}",
            maps.key("company", l.company_id),
            l.role
        ));
    }
    for l in event_model::Entity::find().all(db).await? {
        by_event.entry(l.event_id).or_default()[1].push(format!(
            "{}:{}",
            maps.key("model", l.model_id),
            l.role
        ));
    }
    for l in event_product::Entity::find().all(db).await? {
        by_event.entry(l.event_id).or_default()[2].push(format!(
            "{}:{}",
            maps.key("product", l.product_id),
            l.role
        ));
    }
    Ok(by_event
        .into_iter()
        .map(|(id, [mut c, mut m, mut p])| {
            c.sort();
            m.sort();
            p.sort();
            (id, json!({ "companies": c, "models": m, "products": p }))
        })
        .collect())
}
async fn write_event_links<C: ConnectionTrait>(
    db: &C,
    maps: &Maps,
    id: i64,
    links: &Value,
) -> Result<(), DbErr> {
    event_company::Entity::delete_many()
        .filter(event_company::Column::EventId.eq(id))
        .exec(db)
        .await?;
    event_model::Entity::delete_many()
        .filter(event_model::Column::EventId.eq(id))
        .exec(db)
        .await?;
    event_product::Entity::delete_many()
        .filter(event_product::Column::EventId.eq(id))
        .exec(db)
        .await?;
    let pairs = |field: &str| {
        strings(&links[field])
            .into_iter()
            .filter_map(|s| {
                let (slug, role) = s.rsplit_once(':')?;
                Some((slug.to_owned(), role.parse::<EventRole>().ok()?))
            })
            .collect::<Vec<_>>()
    };
    insert_all(
        db,
        pairs("companies")
            .into_iter()
            .map(|(s, role)| event_company::ActiveModel {
                event_id: Set(id),
                company_id: Set(maps.id("company", &s)),
                role: Set(role),
            })
            .collect(),
    )
    .await?;
    insert_all(
        db,
        pairs("models")
            .into_iter()
            .map(|(s, role)| event_model::ActiveModel {
                event_id: Set(id),
                model_id: Set(maps.id("model", &s)),
                role: Set(role),
            })
            .collect(),
    )
    .await?;
    insert_all(
        db,
        pairs("products")
            .into_iter()
            .map(|(s, role)| event_product::ActiveModel {
                event_id: Set(id),
                product_id: Set(maps.id("product", &s)),
                role: Set(role),
            })
            .collect(),
    )
    .await
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const CHUNK: usize = 200;

async fn insert_all<A, C>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

fn subject_key(maps: &Maps, offering: Option<i64>, product: Option<i64>) -> String {
    match (offering, product) {
        (Some(o), _) => maps.key("offering", o),
        (None, Some(p)) => format!("product {}", maps.key("product", p)),
        _ => String::new(),
    }
}

table!(company, "Company", |m, _maps| m.slug.clone(), carry: [notes, relationship_status, watched]);
table!(model, "Model", |m, _maps| m.slug.clone(), carry: [notes], links: (model_links, write_model_links));
table!(product, "Product", |m, _maps| m.slug.clone(), carry: [notes], links: (product_links, write_product_links));
table!(offering, "Offering", |m, maps| offering_key(&maps.key("company", m.provider_id), &m.region, &m.api_model_id, &maps.key("model", m.model_id)), carry: [notes]);
table!(price, "Price", |m, maps| format!(
    "{} {} {} tier[{:?}..{:?}] ttl[{:?}] window[{:?}-{:?}] media[{:?} {:?} {:?}] from {}",
    subject_key(maps, m.offering_id, m.product_id), m.dimension, m.mode, m.min_input_tokens, m.max_input_tokens,
    m.cache_ttl_seconds, m.window_start, m.window_end, m.resolution, m.quality, m.duration_seconds, m.effective_from
), carry: [notes]);
table!(free_quota, "FreeQuota", |m, maps| format!("{} {} {} from {}", subject_key(maps, m.offering_id, m.product_id), m.dimension, m.period, m.effective_from), carry: [notes]);
table!(subscription_plan, "SubscriptionPlan", |m, maps| format!("{}/{} from {}", maps.key("product", m.product_id), m.slug, m.effective_from), carry: [notes], links: (subscription_plan_links, write_subscription_plan_links));
table!(credit_cost, "CreditCost", |m, maps| format!("{}/{} from {}", maps.key("product", m.product_id), m.work, m.effective_from), carry: [notes]);
table!(filing, "Filing", |m, _maps| m.filing_number.clone(), carry: [notes]);
table!(event, "Event", |m, _maps| m.slug.clone(), carry: [notes], links: (event_links_of, write_event_links));
table!(exchange_rate, "ExchangeRate", |m, _maps| format!(
    "{}/{} on {}",
    m.base_currency, m.quote_currency, m.on_date
));
table!(benchmark, "Benchmark", |m, _maps| m.slug.clone());
table!(score, "Score", |m, maps| format!("{}/{} on {}", maps.key("benchmark", m.benchmark_id), maps.key("model", m.model_id), m.measured_on), carry: [notes]);

/// The actor of each row's latest revision, for the rows of one kind.
async fn last_actors<C: ConnectionTrait>(
    db: &C,
    kind: &str,
) -> Result<HashMap<i64, String>, DbErr> {
    let rows = revision::Entity::find()
        .filter(revision::Column::EntityType.eq(kind))
        .order_by_asc(revision::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.entity_id, r.actor_label))
        .collect())
}

fn revision_row(
    kind: &str,
    id: i64,
    action: RevisionAction,
    before: Option<Value>,
    after: Value,
    now: DateTime<Utc>,
) -> revision::ActiveModel {
    revision::ActiveModel {
        id: NotSet,
        entity_type: Set(kind.to_owned()),
        entity_id: Set(id),
        action: Set(action),
        actor_user_id: Set(None),
        actor_label: Set(SEED_ACTOR.to_owned()),
        at: Set(now),
        before: Set(before),
        after: Set(Some(after)),
    }
}

/// `key → id` of a table's stored rows, a live row winning over a deleted one.
async fn stored_ids<T, C>(db: &C, maps: &Maps) -> Result<HashMap<String, i64>, DbErr>
where
    T: Table,
    T::Model: Serialize + Clone + Send + Sync + IntoActiveModel<T::ActiveModel>,
    T::ActiveModel: ActiveModelTrait<Entity = T> + sea_orm::ActiveModelBehavior + Send,
    C: ConnectionTrait,
{
    let mut ids: HashMap<String, i64> = HashMap::new();
    for row in T::find().all(db).await? {
        let key = T::key(&row, maps);
        if !T::deleted(&row) || !ids.contains_key(&key) {
            ids.insert(key, T::id(&row));
        }
    }
    Ok(ids)
}

/// Upserts the `desired` rows of one table and returns `key → id` of its rows.
async fn sync_table<T, C>(
    db: &C,
    maps: &Maps,
    options: Options,
    report: &mut Report,
    desired: Vec<(T::Model, Value)>,
) -> Result<HashMap<String, i64>, DbErr>
where
    T: Table,
    T::Model: Serialize + Clone + Send + Sync + IntoActiveModel<T::ActiveModel>,
    T::ActiveModel: ActiveModelTrait<Entity = T> + sea_orm::ActiveModelBehavior + Send,
    C: ConnectionTrait,
{
    let now = Utc::now();
    let existing_rows = T::find().all(db).await?;
    let links = T::links(db, maps).await?;
    let actors = last_actors(db, T::KIND).await?;
    let mut existing: HashMap<String, T::Model> = HashMap::new();
    for row in existing_rows {
        let key = T::key(&row, maps);
        // A live row wins over a deleted one with the same key.
        match existing.get(&key) {
            Some(kept) if !T::deleted(kept) => {}
            _ => {
                existing.insert(key, row);
            }
        }
    }
    let mut creates = Vec::new();
    let mut revisions = Vec::new();
    for (mut model, wanted_links) in desired {
        let key = T::key(&model, maps);
        let after = seeded_fields(&model, &wanted_links);
        let Some(current) = existing.get(&key) else {
            creates.push((key, model, wanted_links));
            continue;
        };
        let id = T::id(current);
        let empty = Value::Null;
        let before = seeded_fields(current, links.get(&id).unwrap_or(&empty));
        let changes = diff(&before, &after);
        let deleted = T::deleted(current);
        if changes.is_empty() && !deleted {
            report.counts(T::KIND).unchanged += 1;
            continue;
        }
        let by_team = actors.get(&id).is_some_and(|actor| actor != SEED_ACTOR);
        if (by_team || deleted) && !options.force {
            report.counts(T::KIND).conflicts += 1;
            let why = if deleted {
                "deleted by the team"
            } else {
                "edited by the team since the last seed"
            };
            report.changes.push(format!(
                "conflict {} {key}: {why}; left as it is (--force overwrites): {}",
                T::KIND,
                changes.join("; ")
            ));
            continue;
        }
        report.counts(T::KIND).updated += 1;
        report.changes.push(format!(
            "update {} {key}: {}",
            T::KIND,
            if changes.is_empty() {
                "restored".into()
            } else {
                changes.join("; ")
            }
        ));
        T::carry(&mut model, current, now);
        model
            .clone()
            .into_active_model()
            .reset_all()
            .update(db)
            .await?;
        T::write_links(db, maps, id, &wanted_links).await?;
        report.touched.push((T::KIND, id));
        revisions.push(revision_row(
            T::KIND,
            id,
            RevisionAction::Update,
            Some(Value::Object(before)),
            Value::Object(after),
            now,
        ));
    }
    report.counts(T::KIND).created += creates.len();
    let mut created_keys = Vec::new();
    let mut rows = Vec::new();
    for (key, model, wanted_links) in creates {
        report.changes.push(format!("create {} {key}", T::KIND));
        let mut active = model.clone().into_active_model().reset_all();
        active.not_set(T::id_column());
        rows.push(active);
        created_keys.push((key, model, wanted_links));
    }
    insert_all(db, rows).await?;
    let ids = stored_ids::<T, _>(db, maps).await?;
    for (key, model, wanted_links) in created_keys {
        let id = ids[&key];
        T::write_links(db, maps, id, &wanted_links).await?;
        report.touched.push((T::KIND, id));
        report.created.push((T::KIND, id));
        revisions.push(revision_row(
            T::KIND,
            id,
            RevisionAction::Create,
            None,
            Value::Object(seeded_fields(&model, &wanted_links)),
            now,
        ));
    }
    insert_all(db, revisions).await?;
    Ok(ids)
}

/// Upserts the vocabulary tables (media types, tasks) by slug.
async fn sync_vocabulary<C: ConnectionTrait>(
    db: &C,
    report: &mut Report,
    data: &Dataset,
) -> Result<(), DbErr> {
    // Media types and tasks have the same shape: slug, names, description, list position.
    macro_rules! sync_kind {
        ($kind:literal, $entity:ident, $seeds:expr) => {
            let stored = $entity::Entity::find().all(db).await?;
            for (position, v) in $seeds.iter().enumerate() {
                let counts = report.counts($kind);
                match stored.iter().find(|m| m.slug == v.slug) {
                    Some(m)
                        if m.name == v.name
                            && m.name_zh == v.name_zh
                            && m.description == v.description
                            && m.position == position as i32 =>
                    {
                        counts.unchanged += 1
                    }
                    Some(m) => {
                        counts.updated += 1;
                        let mut active = m.clone().into_active_model();
                        active.name = Set(v.name.clone());
                        active.name_zh = Set(v.name_zh.clone());
                        active.description = Set(v.description.clone());
                        active.position = Set(position as i32);
                        active.update(db).await?;
                    }
                    None => {
                        counts.created += 1;
                        $entity::ActiveModel {
                            id: NotSet,
                            slug: Set(v.slug.clone()),
                            name: Set(v.name.clone()),
                            name_zh: Set(v.name_zh.clone()),
                            description: Set(v.description.clone()),
                            position: Set(position as i32),
                        }
                        .insert(db)
                        .await?;
                    }
                }
            }
        };
    }
    sync_kind!("MediaType", media_type, data.media_types);
    sync_kind!("Task", task, data.tasks);
    Ok(())
}

/// Writes `data` into `db` in one transaction: all of it, or nothing. A dry run rolls back.
pub async fn sync(
    db: &DatabaseConnection,
    data: &Dataset,
    options: Options,
) -> Result<Report, DbErr> {
    let txn = db.begin().await?;
    let report = write(&txn, data, options).await?;
    if options.dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
        analyze_after(db, &report).await?;
    }
    Ok(report)
}

/// Writes `data` inside the caller's transaction, which the caller commits: so that what
/// the load causes (the webhooks' outbox messages for the prices and events it created, in
/// `Report::created`) is written in the same transaction. Call [`analyze_after`] once
/// committed.
pub async fn sync_in(
    txn: &DatabaseTransaction,
    data: &Dataset,
    options: Options,
) -> Result<Report, DbErr> {
    write(txn, data, options).await
}

/// Refreshes the planner's statistics after a large load.
pub async fn analyze_after(db: &DatabaseConnection, report: &Report) -> Result<(), DbErr> {
    let total = report.total();
    if total.created + total.updated >= LARGE_LOAD {
        // Fresh planner statistics: after a bulk load PostgreSQL plans on stale
        // estimates until autovacuum comes by (the benchmark's page of 50 models took
        // 27 ms on 230,000 freshly loaded records), and SQLite has none until asked.
        db.execute_unprepared("ANALYZE").await?;
    }
    Ok(())
}

/// Rows written from which a load refreshes the planner's statistics.
const LARGE_LOAD: usize = 1_000;

/// Loads `data` into `db` (the first seeding of an empty database).
pub async fn load(db: &DatabaseConnection, data: &Dataset) -> Result<Report, DbErr> {
    sync(db, data, Options::default()).await
}

/// Groups records so that each one's parent (by `parent_of`) is in an earlier group.
fn levels<T>(
    items: &[T],
    key: impl Fn(&T) -> &str,
    parent_of: impl Fn(&T) -> Option<&str>,
) -> Vec<Vec<&T>> {
    let mut placed: HashMap<&str, usize> = HashMap::new();
    let keys: Vec<&str> = items.iter().map(&key).collect();
    let mut remaining: Vec<&T> = items.iter().collect();
    let mut out: Vec<Vec<&T>> = Vec::new();
    while !remaining.is_empty() {
        let level = out.len();
        let (ready, rest): (Vec<&T>, Vec<&T>) =
            remaining
                .into_iter()
                .partition(|item| match parent_of(item) {
                    Some(parent) if keys.contains(&parent) => {
                        placed.get(parent).is_some_and(|l| *l < level)
                    }
                    _ => true,
                });
        if ready.is_empty() {
            // A cycle: the validator refuses self-parents; anything else goes in as it is.
            out.push(rest);
            break;
        }
        for item in &ready {
            placed.insert(key(item), level);
        }
        out.push(ready);
        remaining = rest;
    }
    out
}

fn sorted(mut list: Vec<String>) -> Vec<String> {
    list.sort();
    list.dedup();
    list
}

fn event_links(text: &Option<String>) -> Vec<String> {
    sorted(
        parse_links(text.as_deref())
            .unwrap_or_default()
            .into_iter()
            .map(|(slug, role)| format!("{slug}:{role}"))
            .collect(),
    )
}

async fn write<C: ConnectionTrait>(
    db: &C,
    data: &Dataset,
    options: Options,
) -> Result<Report, DbErr> {
    let now = Utc::now();
    let mut report = Report::default();
    let mut maps = Maps::default();
    sync_vocabulary(db, &mut report, data).await?;
    maps.set(
        "media",
        media_type::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.slug, m.id)),
    );
    maps.set(
        "task",
        task::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.slug, t.id)),
    );
    for kind in ["company", "model", "product", "offering", "benchmark"] {
        maps.set(kind, []);
    }

    // Companies, parents before their subsidiaries.
    let companies: Vec<&CompanySeed> = data.companies.iter().map(|(_, f)| &f.company).collect();
    for level in levels(&companies, |c| c.slug.as_str(), |c| c.parent.as_deref()) {
        let desired = level
            .iter()
            .map(|c| (company_model(c, &maps, now), Value::Null))
            .collect();
        let ids =
            sync_table::<company::Entity, _>(db, &maps, options, &mut report, desired).await?;
        maps.set("company", ids);
    }

    // Models, base models first; successors named before they exist are set in a last pass.
    let models: Vec<(&str, &ModelSeed)> = data
        .companies
        .iter()
        .flat_map(|(_, f)| f.models.iter().map(move |m| (f.company.slug.as_str(), m)))
        .collect();
    let model_links = |m: &ModelSeed| json!({ "inputs": sorted(m.inputs.clone()), "outputs": sorted(m.outputs.clone()), "tasks": sorted(m.tasks.clone()) });
    // Stored models resolve as successors from the first pass; only a successor this run
    // creates waits for the last one (else a second run would unset and set it again).
    maps.set("model", stored_ids::<model::Entity, _>(db, &maps).await?);
    let mut late_successors = Vec::new();
    for level in levels(
        &models,
        |(_, m)| m.slug.as_str(),
        |(_, m)| m.base_model.as_deref(),
    ) {
        let mut desired = Vec::new();
        for (company, m) in level {
            if m.successor
                .as_ref()
                .is_some_and(|s| maps.id("model", s) == 0)
            {
                late_successors.push((*company, *m));
            }
            desired.push((model_model(company, m, &maps, now), model_links(m)));
        }
        let ids = sync_table::<model::Entity, _>(db, &maps, options, &mut report, desired).await?;
        maps.set("model", ids);
    }
    if !late_successors.is_empty() {
        let desired = late_successors
            .iter()
            .map(|(c, m)| (model_model(c, m, &maps, now), model_links(m)))
            .collect();
        let mut pass = Report::default();
        let ids = sync_table::<model::Entity, _>(db, &maps, options, &mut pass, desired).await?;
        maps.set("model", ids);
        // The same records again: their changes count once, as the first pass saw them.
        report.changes.extend(
            pass.changes
                .into_iter()
                .filter(|c| c.starts_with("conflict")),
        );
    }

    // Products, then what hangs on them.
    let products: Vec<(&str, &ProductSeed)> = data
        .companies
        .iter()
        .flat_map(|(_, f)| f.products.iter().map(move |p| (f.company.slug.as_str(), p)))
        .collect();
    let desired = products
        .iter()
        .map(|(c, p)| {
            (
                product_model(c, p, &maps, now),
                json!({ "models": sorted(p.models.clone()), "tasks": sorted(p.tasks.clone()) }),
            )
        })
        .collect();
    let ids = sync_table::<product::Entity, _>(db, &maps, options, &mut report, desired).await?;
    maps.set("product", ids);

    let mut offerings = Vec::new();
    for (_, f) in &data.companies {
        for o in &f.offerings {
            offerings.push((offering_model(&f.company.slug, o, &maps, now), Value::Null));
        }
    }
    let ids = sync_table::<offering::Entity, _>(db, &maps, options, &mut report, offerings).await?;
    maps.set("offering", ids);

    let mut plans = Vec::new();
    let mut costs = Vec::new();
    let mut quotas = Vec::new();
    for (_, p) in &products {
        let product_id = maps.id("product", &p.slug);
        for plan in &p.plans {
            plans.push((
                plan_model(product_id, plan, now),
                json!({ "models": sorted(plan.models.clone()) }),
            ));
        }
        for cost in &p.credit_costs {
            costs.push((credit_model(product_id, cost, &maps, now), Value::Null));
        }
        for quota in &p.free_quotas {
            quotas.push((quota_model(None, Some(product_id), quota, now), Value::Null));
        }
    }
    for (_, f) in &data.companies {
        for o in &f.offerings {
            let id = maps.id(
                "offering",
                &offering_key(&f.company.slug, &o.region, &o.api_model_id, &o.model),
            );
            for quota in &o.free_quotas {
                quotas.push((quota_model(Some(id), None, quota, now), Value::Null));
            }
        }
    }
    sync_table::<subscription_plan::Entity, _>(db, &maps, options, &mut report, plans).await?;
    sync_table::<credit_cost::Entity, _>(db, &maps, options, &mut report, costs).await?;
    sync_table::<free_quota::Entity, _>(db, &maps, options, &mut report, quotas).await?;

    let prices = data
        .prices
        .iter()
        .map(|p| (price_model(&p.row, &maps, now), Value::Null))
        .collect();
    sync_table::<price::Entity, _>(db, &maps, options, &mut report, prices).await?;

    let mut filings = Vec::new();
    for (_, f) in &data.companies {
        for filing in &f.filings {
            filings.push((
                filing_model(&f.company.slug, filing, &maps, now),
                Value::Null,
            ));
        }
    }
    sync_table::<filing::Entity, _>(db, &maps, options, &mut report, filings).await?;

    let events = data
        .events
        .iter()
        .map(|e| {
            let r = &e.row;
            let links = json!({ "companies": event_links(&r.companies), "models": event_links(&r.models), "products": event_links(&r.products) });
            (event_model(r, now), links)
        })
        .collect();
    sync_table::<event::Entity, _>(db, &maps, options, &mut report, events).await?;

    let rates = data
        .exchange_rates
        .iter()
        .map(|r| (rate_model(&r.row, now), Value::Null))
        .collect();
    sync_table::<exchange_rate::Entity, _>(db, &maps, options, &mut report, rates).await?;

    let benchmarks = data
        .benchmarks
        .iter()
        .map(|b| (benchmark_model(b, now), Value::Null))
        .collect();
    let ids =
        sync_table::<benchmark::Entity, _>(db, &maps, options, &mut report, benchmarks).await?;
    maps.set("benchmark", ids);
    let scores = data
        .scores
        .iter()
        .map(|s| (score_model(&s.row, &maps, now), Value::Null))
        .collect();
    sync_table::<score::Entity, _>(db, &maps, options, &mut report, scores).await?;
    reindex_touched(db, &report).await?;
    Ok(report)
}

/// Brings the search index up to date for the companies, models, products and events written.
/// All stale rows go first, then the new ones: deleting while the index grows would make
/// each delete slower than the last on PostgreSQL, whose plan for it was made on the old table.
async fn reindex_touched<C: ConnectionTrait>(db: &C, report: &Report) -> Result<(), DbErr> {
    let ids = |kind: &str| -> Vec<i64> {
        report
            .touched
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| *id)
            .collect()
    };
    for kind in ["Company", "Model", "Product", "Event"] {
        search::unindex(db, kind, &ids(kind)).await?;
    }
    // Each kind in the same four steps; only the entity and its texts differ.
    macro_rules! index_kind {
        ($kind:literal, $entity:ident, $texts:path) => {
            for chunk in ids($kind).chunks(500) {
                let rows = $entity::Entity::find()
                    .filter($entity::Column::Id.is_in(chunk.to_vec()))
                    .all(db)
                    .await?;
                let records = rows
                    .iter()
                    .map(|r| (r.id, r.deleted_at.is_none().then(|| $texts(r))))
                    .collect();
                search::index(db, $kind, records).await?;
            }
        };
    }
    index_kind!("Company", company, search::company_texts);
    index_kind!("Model", model, search::model_texts);
    index_kind!("Product", product, search::product_texts);
    index_kind!("Event", event, search::event_texts);
    Ok(())
}

fn company_model(c: &CompanySeed, maps: &Maps, now: DateTime<Utc>) -> company::Model {
    company::Model {
        id: 0,
        slug: c.slug.clone(),
        name: c.name.clone(),
        name_zh: c.name_zh.clone(),
        aliases: StringList(c.aliases.clone()),
        kind: c.kind,
        country: c.country.clone(),
        headquarters: c.headquarters.clone(),
        founded_year: c.founded_year,
        website: c.website.clone(),
        parent_id: c
            .parent
            .as_ref()
            .map(|p| maps.id("company", p))
            .filter(|id| *id != 0),
        description: c.description.clone(),
        description_zh: c.description_zh.clone(),
        notes: None,
        relationship_status: None,
        watched: false,
        source_url: c.source_url.clone(),
        observed_on: c.observed_on,
        confidence: c.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn model_model(company: &str, m: &ModelSeed, maps: &Maps, now: DateTime<Utc>) -> model::Model {
    let known = |slug: &Option<String>| {
        slug.as_ref()
            .map(|s| maps.id("model", s))
            .filter(|id| *id != 0)
    };
    model::Model {
        id: 0,
        slug: m.slug.clone(),
        name: m.name.clone(),
        name_zh: m.name_zh.clone(),
        aliases: StringList(m.aliases.clone()),
        company_id: maps.id("company", company),
        family: m.family.clone(),
        version_label: m.version.clone(),
        base_model_id: known(&m.base_model),
        successor_id: known(&m.successor),
        release_date: m.release_date,
        status: m.status,
        preview_on: m.preview_on,
        ga_on: m.ga_on,
        deprecated_on: m.deprecated_on,
        retired_on: m.retired_on,
        open_weights: m.open_weights,
        license: m.license.clone(),
        commercial_use: m.commercial_use,
        parameter_count: m.parameter_count,
        context_window: m.context_window,
        max_output_tokens: m.max_output_tokens,
        knowledge_cutoff: m.knowledge_cutoff,
        tool_calling: m.tool_calling,
        structured_output: m.structured_output,
        reasoning: m.reasoning,
        description: m.description.clone(),
        description_zh: m.description_zh.clone(),
        notes: None,
        source_url: m.source_url.clone(),
        observed_on: m.observed_on,
        confidence: m.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn product_model(
    company: &str,
    p: &ProductSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> product::Model {
    product::Model {
        id: 0,
        slug: p.slug.clone(),
        name: p.name.clone(),
        name_zh: p.name_zh.clone(),
        aliases: StringList(p.aliases.clone()),
        company_id: maps.id("company", company),
        kind: p.kind,
        for_consumers: p.audiences.contains(&Audience::Consumer),
        for_business: p.audiences.contains(&Audience::Business),
        for_government: p.audiences.contains(&Audience::Government),
        launch_date: p.launch_date,
        status: p.status,
        url: p.url.clone(),
        description: p.description.clone(),
        description_zh: p.description_zh.clone(),
        notes: None,
        source_url: p.source_url.clone(),
        observed_on: p.observed_on,
        confidence: p.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn offering_model(
    provider: &str,
    o: &OfferingSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> offering::Model {
    offering::Model {
        id: 0,
        model_id: maps.id("model", &o.model),
        provider_id: maps.id("company", provider),
        region: o.region.clone(),
        api_model_id: o.api_model_id.clone(),
        mainland_reachable: o.mainland_reachable,
        served_from: o.served_from,
        served_to: o.served_to,
        rate_limits: o.rate_limits.clone(),
        notes: None,
        source_url: o.source_url.clone(),
        observed_on: o.observed_on,
        confidence: o.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn plan_model(product_id: i64, plan: &PlanSeed, now: DateTime<Utc>) -> subscription_plan::Model {
    subscription_plan::Model {
        id: 0,
        product_id,
        slug: plan.slug.clone(),
        name: plan.name.clone(),
        name_zh: plan.name_zh.clone(),
        billing_period: plan.billing_period,
        amount: plan.amount,
        currency: plan.currency.clone(),
        tax_included: plan.tax_included,
        first_period_amount: plan.first_period_amount,
        usage_caps: plan.usage_caps.clone(),
        credits_per_period: plan.credits_per_period,
        effective_from: plan.effective_from,
        effective_to: plan.effective_to,
        notes: None,
        source_url: plan.source_url.clone(),
        observed_on: plan.observed_on,
        confidence: plan.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn credit_model(
    product_id: i64,
    cost: &CreditCostSeed,
    maps: &Maps,
    now: DateTime<Utc>,
) -> credit_cost::Model {
    credit_cost::Model {
        id: 0,
        product_id,
        model_id: cost.model.as_ref().map(|m| maps.id("model", m)),
        work: cost.work.clone(),
        unit: cost.unit,
        unit_quantity: cost.unit_quantity,
        credits: cost.credits,
        resolution: cost.resolution.clone(),
        quality: cost.quality.clone(),
        duration_seconds: cost.duration_seconds,
        effective_from: cost.effective_from,
        effective_to: cost.effective_to,
        notes: None,
        source_url: cost.source_url.clone(),
        observed_on: cost.observed_on,
        confidence: cost.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn quota_model(
    offering_id: Option<i64>,
    product_id: Option<i64>,
    q: &FreeQuotaSeed,
    now: DateTime<Utc>,
) -> free_quota::Model {
    free_quota::Model {
        id: 0,
        offering_id,
        product_id,
        dimension: q.dimension,
        quantity: q.quantity,
        unit: q.unit,
        period: q.period,
        expires_after_days: q.expires_after_days,
        new_accounts_only: q.new_accounts_only,
        effective_from: q.effective_from,
        effective_to: q.effective_to,
        notes: None,
        source_url: q.source_url.clone(),
        observed_on: q.observed_on,
        confidence: q.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn price_model(r: &PriceRow, maps: &Maps, now: DateTime<Utc>) -> price::Model {
    let offering_id = match (&r.provider, &r.region, &r.api_model_id, &r.model) {
        (Some(p), Some(region), Some(api), Some(m)) => {
            Some(maps.id("offering", &offering_key(p, region, api, m)))
        }
        _ => None,
    };
    price::Model {
        id: 0,
        offering_id,
        product_id: r.product.as_ref().map(|p| maps.id("product", p)),
        dimension: r.dimension,
        unit: r.unit,
        unit_quantity: r.unit_quantity,
        amount: r.amount,
        currency: r.currency.clone(),
        tax_included: r.tax_included,
        mode: r.mode.unwrap_or(PriceMode::Standard),
        min_input_tokens: r.min_input_tokens,
        max_input_tokens: r.max_input_tokens,
        tier_prices_whole_request: r.tier_prices_whole_request,
        cache_ttl_seconds: r.cache_ttl_seconds,
        window_start: r.window_start.clone(),
        window_end: r.window_end.clone(),
        window_time_zone: r.window_time_zone.clone(),
        resolution: r.resolution.clone(),
        quality: r.quality.clone(),
        duration_seconds: r.duration_seconds,
        effective_from: r.effective_from,
        effective_to: r.effective_to,
        is_promotion: r.is_promotion.unwrap_or(false),
        promotion_ends_on: r.promotion_ends_on,
        verified_on: r.verified_on,
        notes: None,
        source_url: r.source_url.clone(),
        observed_on: r.observed_on,
        confidence: r.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn filing_model(company: &str, f: &FilingSeed, maps: &Maps, now: DateTime<Utc>) -> filing::Model {
    filing::Model {
        id: 0,
        filing_number: f.filing_number.clone(),
        filing_type: f.filing_type,
        role: f.role,
        algorithm_name: f.algorithm_name.clone(),
        company_id: maps.id("company", company),
        product_id: f.product.as_ref().map(|p| maps.id("product", p)),
        model_id: f.model.as_ref().map(|m| maps.id("model", m)),
        announced_on: f.announced_on,
        status: f.status,
        notes: None,
        source_url: f.source_url.clone(),
        observed_on: f.observed_on,
        confidence: f.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

/// When the team recorded an event: as given, else the day its source was read, else the
/// day it happened.
fn recorded_on(r: &EventRow) -> chrono::NaiveDate {
    r.recorded_on.or(r.observed_on).unwrap_or(r.occurred_on)
}

fn event_model(r: &EventRow, now: DateTime<Utc>) -> event::Model {
    let urls = split_urls(&r.source_urls);
    event::Model {
        id: 0,
        slug: r.slug.clone(),
        occurred_on: r.occurred_on,
        date_precision: r.date_precision.unwrap_or(DatePrecision::Day),
        event_type: r.event_type,
        subtype: r.subtype.clone(),
        title: r.title.clone(),
        title_zh: r.title_zh.clone(),
        summary: r.summary.clone(),
        summary_zh: r.summary_zh.clone(),
        importance: r.importance,
        source_url: urls.first().cloned(),
        source_urls: StringList(urls),
        amount: r.amount,
        currency: r.currency.clone(),
        funding_round: r.funding_round.clone(),
        valuation: r.valuation,
        recorded_on: recorded_on(r),
        notes: None,
        observed_on: r.observed_on,
        confidence: r.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn rate_model(r: &RateRow, now: DateTime<Utc>) -> exchange_rate::Model {
    exchange_rate::Model {
        id: 0,
        base_currency: r.base.clone(),
        quote_currency: r.quote.clone(),
        rate: r.rate,
        on_date: r.on_date,
        source_url: r.source_url.clone(),
        observed_on: r.observed_on,
        confidence: r.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn benchmark_model(b: &BenchmarkSeed, now: DateTime<Utc>) -> benchmark::Model {
    benchmark::Model {
        id: 0,
        slug: b.slug.clone(),
        name: b.name.clone(),
        name_zh: b.name_zh.clone(),
        description: b.description.clone(),
        url: b.url.clone(),
        internal: false,
        higher_is_better: b.higher_is_better,
        source_url: b.source_url.clone(),
        observed_on: b.observed_on,
        confidence: b.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

fn score_model(r: &ScoreRow, maps: &Maps, now: DateTime<Utc>) -> score::Model {
    score::Model {
        id: 0,
        benchmark_id: maps.id("benchmark", &r.benchmark),
        model_id: maps.id("model", &r.model),
        value: r.value,
        measured_on: r.measured_on,
        self_reported: r.self_reported,
        notes: None,
        source_url: r.source_url.clone(),
        observed_on: r.observed_on,
        confidence: r.confidence,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}
