//! One table's upsert by natural key: match, compare, create or update, write the links and
//! the revisions, and report conflicts with the team's edits.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entities::{
    record::{audit, links, terms::PriceTerms},
    *,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};
use serde::Serialize;
use serde_json::{Map, Value};

use super::{Options, SEED_ACTOR, report::Report};
use crate::validate::offering_key;

/// Slugs and keys of the rows written so far, both ways, by table name.
#[derive(Default)]
pub(crate) struct Maps {
    ids: HashMap<&'static str, HashMap<String, i64>>,
    keys: HashMap<&'static str, HashMap<i64, String>>,
}

impl Maps {
    pub(super) fn set(
        &mut self,
        table: &'static str,
        pairs: impl IntoIterator<Item = (String, i64)>,
    ) {
        let ids: HashMap<String, i64> = pairs.into_iter().collect();
        self.keys
            .insert(table, ids.iter().map(|(k, v)| (*v, k.clone())).collect());
        self.ids.insert(table, ids);
    }
    pub(crate) fn id(&self, table: &str, key: &str) -> i64 {
        *self.ids.get(table).and_then(|m| m.get(key)).unwrap_or(&0)
    }
    pub(super) fn key(&self, table: &str, id: i64) -> String {
        self.keys
            .get(table)
            .and_then(|m| m.get(&id))
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    }
}

/// Fields the database keeps, which a seed neither writes nor compares.
const BOOKKEEPING: [&str; 5] = ["id", "version", "created_at", "updated_at", "deleted_at"];

/// What a seed compares of a row: its fields but the bookkeeping and the team's own, and
/// its link lists.
fn seeded_fields<T>(model: &T::Model, links: &Map<String, Value>) -> Map<String, Value>
where
    T: Record,
    T::Model: Serialize + Clone + Send + Sync,
{
    let mut fields = match audit::snapshot(T::KIND, model, links.clone()) {
        Value::Object(fields) => fields,
        _ => Map::new(),
    };
    for key in BOOKKEEPING.iter().chain(T::TEAM_ONLY) {
        fields.remove(*key);
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

/// One table the seed writes: a [`Record`] and how its natural key reads.
pub(super) trait Table: Record
where
    Self::Model: Serialize + Clone + Send + Sync + IntoActiveModel<Self::ActiveModel>,
    Self::ActiveModel: ActiveModelTrait<Entity = Self> + sea_orm::ActiveModelBehavior + Send,
{
    /// The natural key of a row.
    fn key(m: &Self::Model, maps: &Maps) -> String;
}

macro_rules! table {
    ($module:ident, |$m:ident, $maps:ident| $key:expr) => {
        impl Table for $module::Entity {
            fn key($m: &Self::Model, $maps: &Maps) -> String {
                $key
            }
        }
    };
}

/// Keeps on `desired` what the seed does not own: the row's id, version, timestamps and
/// the team's own fields.
fn carry<T>(desired: &mut T::Model, existing: &T::Model, now: DateTime<Utc>)
where
    T: Record,
    T::Model: Serialize + Clone + Send + Sync,
{
    T::keep_team_only(desired, existing);
    T::keep_identity(desired, existing);
    T::stamp(desired, T::version(existing) + 1, now, None);
}

/// The links `wanted` (in audit form) asks row `id` to have, list by list, with slugs
/// resolved through the rows written so far.
fn wanted_links<T>(maps: &Maps, id: i64, wanted: &Map<String, Value>) -> Vec<Vec<links::Link>>
where
    T: Record,
    T::Model: Serialize + Clone + Send + Sync,
{
    T::LINKS
        .iter()
        .map(|list| {
            let keys = wanted.get(list.name).and_then(Value::as_array);
            keys.into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(|key| {
                    let (slug, role) = links::split_key(list, key);
                    (
                        id,
                        maps.id(list.target_table, slug),
                        role.map(str::to_owned),
                    )
                })
                .collect()
        })
        .collect()
}

/// Replaces the links of row `id` with `wanted` (in audit form).
async fn write_links<T, C>(
    db: &C,
    maps: &Maps,
    id: i64,
    wanted: &Map<String, Value>,
) -> Result<(), DbErr>
where
    T: Record,
    T::Model: Serialize + Clone + Send + Sync,
    C: ConnectionTrait,
{
    for (list, rows) in T::LINKS.iter().zip(wanted_links::<T>(maps, id, wanted)) {
        let targets: Vec<(i64, Option<String>)> = rows
            .into_iter()
            .map(|(_, target, role)| (target, role))
            .collect();
        links::replace(db, list, id, &targets).await?;
    }
    Ok(())
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
        (Some(o), _) => maps.key("offerings", o),
        (None, Some(p)) => format!("product {}", maps.key("products", p)),
        _ => String::new(),
    }
}

table!(company, |m, _maps| m.slug.clone());
table!(model, |m, _maps| m.slug.clone());
table!(product, |m, _maps| m.slug.clone());
table!(offering, |m, maps| offering_key(
    &maps.key("companies", m.provider_id),
    &m.region,
    &m.api_model_id,
    &maps.key("models", m.model_id)
));
table!(price, |m, maps| PriceTerms::of(m).key(
    &subject_key(maps, m.offering_id, m.product_id),
    m.effective_from
));
table!(free_quota, |m, maps| format!(
    "{} {} {} from {}",
    subject_key(maps, m.offering_id, m.product_id),
    m.dimension,
    m.period,
    m.effective_from
));
table!(subscription_plan, |m, maps| format!(
    "{}/{} from {}",
    maps.key("products", m.product_id),
    m.slug,
    m.effective_from
));
table!(credit_cost, |m, maps| format!(
    "{}/{} from {}",
    maps.key("products", m.product_id),
    m.work,
    m.effective_from
));
table!(filing, |m, _maps| m.filing_number.clone());
table!(event, |m, _maps| m.slug.clone());
table!(exchange_rate, |m, _maps| format!(
    "{}/{} on {}",
    m.base_currency, m.quote_currency, m.on_date
));
table!(benchmark, |m, _maps| m.slug.clone());
table!(score, |m, maps| format!(
    "{}/{} on {}",
    maps.key("benchmarks", m.benchmark_id),
    maps.key("models", m.model_id),
    m.measured_on
));

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
pub(super) async fn stored_ids<T, C>(db: &C, maps: &Maps) -> Result<HashMap<String, i64>, DbErr>
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
pub(super) async fn sync_table<T, C>(
    db: &C,
    maps: &Maps,
    options: Options,
    report: &mut Report,
    desired: Vec<(T::Model, Map<String, Value>)>,
) -> Result<HashMap<String, i64>, DbErr>
where
    T: Table,
    T::Model: Serialize + Clone + Send + Sync + IntoActiveModel<T::ActiveModel>,
    T::ActiveModel: ActiveModelTrait<Entity = T> + sea_orm::ActiveModelBehavior + Send,
    C: ConnectionTrait,
{
    let now = Utc::now();
    let existing_rows = T::find().all(db).await?;
    let stored_links = links::read(db, T::LINKS, None).await?;
    let no_links = links::empty(T::LINKS);
    let actors = last_actors(db, T::KIND.name()).await?;
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
        let after = seeded_fields::<T>(&model, &wanted_links);
        let Some(current) = existing.get(&key) else {
            creates.push((key, model, wanted_links));
            continue;
        };
        let id = T::id(current);
        let current_links = stored_links.get(&id).unwrap_or(&no_links);
        let before = seeded_fields::<T>(current, current_links);
        let changes = diff(&before, &after);
        let deleted = T::deleted(current);
        if changes.is_empty() && !deleted {
            report.counts(T::KIND.name()).unchanged += 1;
            continue;
        }
        let by_team = actors.get(&id).is_some_and(|actor| actor != SEED_ACTOR);
        if (by_team || deleted) && !options.force {
            report.counts(T::KIND.name()).conflicts += 1;
            let why = if deleted {
                "deleted by the team"
            } else {
                "edited by the team since the last seed"
            };
            report.changes.push(format!(
                "conflict {} {key}: {why}; left as it is (--force overwrites): {}",
                T::KIND.name(),
                changes.join("; ")
            ));
            continue;
        }
        report.counts(T::KIND.name()).updated += 1;
        report.changes.push(format!(
            "update {} {key}: {}",
            T::KIND.name(),
            if changes.is_empty() {
                "restored".into()
            } else {
                changes.join("; ")
            }
        ));
        carry::<T>(&mut model, current, now);
        model
            .clone()
            .into_active_model()
            .reset_all()
            .update(db)
            .await?;
        write_links::<T, _>(db, maps, id, &wanted_links).await?;
        report.touched.push((T::KIND.name(), id));
        revisions.push(revision_row(
            T::KIND.name(),
            id,
            RevisionAction::Update,
            Some(audit::snapshot(T::KIND, current, current_links.clone())),
            audit::snapshot(T::KIND, &model, wanted_links),
            now,
        ));
    }
    report.counts(T::KIND.name()).created += creates.len();
    let mut created_keys = Vec::new();
    let mut rows = Vec::new();
    for (key, model, wanted_links) in creates {
        report
            .changes
            .push(format!("create {} {key}", T::KIND.name()));
        let mut active = model.clone().into_active_model().reset_all();
        active.not_set(T::id_column());
        rows.push(active);
        created_keys.push((key, model, wanted_links));
    }
    insert_all(db, rows).await?;
    let ids = stored_ids::<T, _>(db, maps).await?;
    // New rows have no links yet: each list's rows go in together, many per statement.
    let mut new_links: Vec<Vec<links::Link>> = vec![Vec::new(); T::LINKS.len()];
    for (key, mut model, wanted) in created_keys {
        let id = ids[&key];
        T::set_id(&mut model, id);
        for (all, rows) in new_links
            .iter_mut()
            .zip(wanted_links::<T>(maps, id, &wanted))
        {
            all.extend(rows);
        }
        report.touched.push((T::KIND.name(), id));
        report.created.push((T::KIND.name(), id));
        revisions.push(revision_row(
            T::KIND.name(),
            id,
            RevisionAction::Create,
            None,
            audit::snapshot(T::KIND, &model, wanted),
            now,
        ));
    }
    for (list, rows) in T::LINKS.iter().zip(new_links) {
        links::add(db, list, rows).await?;
    }
    insert_all(db, revisions).await?;
    Ok(ids)
}
