//! Link lists: the many-to-many sets a record owns (a model's media types and tasks, an
//! event's companies with their roles), declared once and read and written the same way by
//! the API, the seeds and the audit trail.
//!
//! In the audit trail and in the seeds' comparison a list is the sorted natural keys of its
//! targets — their slugs, `slug:ROLE` where the link has a role — so a revision reads as the
//! seed files do, whoever made the change.

use std::collections::HashMap;

use sea_orm::{
    ConnectionTrait, DbErr,
    sea_query::{Alias, Expr, ExprTrait, JoinType, Query},
};
use serde_json::{Map, Value};

/// One link list of a kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkList {
    /// Its name in the audit trail (snake_case, as the record's own fields).
    pub name: &'static str,
    /// The link table.
    pub table: &'static str,
    /// The column holding the owning record's id.
    pub owner: &'static str,
    /// The column holding the target's id.
    pub target: &'static str,
    /// The table the target id points into; its `slug` is the target's natural key.
    pub target_table: &'static str,
    /// A role column, shown as `slug:ROLE`.
    pub role: Option<&'static str>,
    /// A column and value that pick this list's rows out of a table two lists share.
    pub only: Option<(&'static str, &'static str)>,
}

const fn list(
    name: &'static str,
    table: &'static str,
    owner: &'static str,
    target: &'static str,
    target_table: &'static str,
) -> LinkList {
    LinkList {
        name,
        table,
        owner,
        target,
        target_table,
        role: None,
        only: None,
    }
}

const fn with_role(l: LinkList) -> LinkList {
    LinkList {
        role: Some("role"),
        ..l
    }
}

pub const MODEL_INPUTS: LinkList = LinkList {
    only: Some(("direction", "INPUT")),
    ..list(
        "input_media_types",
        "model_media_types",
        "model_id",
        "media_type_id",
        "media_types",
    )
};
pub const MODEL_OUTPUTS: LinkList = LinkList {
    only: Some(("direction", "OUTPUT")),
    name: "output_media_types",
    ..MODEL_INPUTS
};
pub const MODEL_TASKS: LinkList = list("tasks", "model_tasks", "model_id", "task_id", "tasks");
/// A model's link lists.
pub const MODEL: &[LinkList] = &[MODEL_INPUTS, MODEL_OUTPUTS, MODEL_TASKS];

pub const PRODUCT_MODELS: LinkList = list(
    "models",
    "product_models",
    "product_id",
    "model_id",
    "models",
);
pub const PRODUCT_TASKS: LinkList =
    list("tasks", "product_tasks", "product_id", "task_id", "tasks");
/// A product's link lists.
pub const PRODUCT: &[LinkList] = &[PRODUCT_MODELS, PRODUCT_TASKS];

pub const PLAN_MODELS: LinkList = list("models", "plan_models", "plan_id", "model_id", "models");
/// A subscription plan's link lists.
pub const SUBSCRIPTION_PLAN: &[LinkList] = &[PLAN_MODELS];

pub const EVENT_COMPANIES: LinkList = with_role(list(
    "companies",
    "event_companies",
    "event_id",
    "company_id",
    "companies",
));
pub const EVENT_MODELS: LinkList = with_role(list(
    "models",
    "event_models",
    "event_id",
    "model_id",
    "models",
));
pub const EVENT_PRODUCTS: LinkList = with_role(list(
    "products",
    "event_products",
    "event_id",
    "product_id",
    "products",
));
/// An event's link lists.
pub const EVENT: &[LinkList] = &[EVENT_COMPANIES, EVENT_MODELS, EVENT_PRODUCTS];

/// Owners per `IN (…)` list: well under either database's bound-parameter limit.
const CHUNK: usize = 500;

/// Every list of `lists` empty: the links of a record that has none.
pub fn empty(lists: &[LinkList]) -> Map<String, Value> {
    lists
        .iter()
        .map(|l| (l.name.to_owned(), Value::Array(Vec::new())))
        .collect()
}

/// The audit form of given lists: each one's keys sorted and without repeats.
pub fn form<'a>(
    lists: impl IntoIterator<Item = (&'a LinkList, Vec<String>)>,
) -> Map<String, Value> {
    lists
        .into_iter()
        .map(|(l, mut keys)| {
            keys.sort();
            keys.dedup();
            (
                l.name.to_owned(),
                Value::Array(keys.into_iter().map(Value::String).collect()),
            )
        })
        .collect()
}

/// The key one link shows: the target's slug, with `:ROLE` where the link has a role.
pub fn key(slug: &str, role: Option<&str>) -> String {
    match role {
        Some(role) => format!("{slug}:{role}"),
        None => slug.to_owned(),
    }
}

/// The slug and role inside a key made by [`key`].
pub fn split_key<'a>(list: &LinkList, key: &'a str) -> (&'a str, Option<&'a str>) {
    match list.role {
        Some(_) => match key.rsplit_once(':') {
            Some((slug, role)) => (slug, Some(role)),
            None => (key, None),
        },
        None => (key, None),
    }
}

/// The links of the records `owners` (every record that has any, when `None`), in audit
/// form. A record asked for by id has every list, empty where it links nothing.
pub async fn read<C: ConnectionTrait>(
    db: &C,
    lists: &[LinkList],
    owners: Option<&[i64]>,
) -> Result<HashMap<i64, Map<String, Value>>, DbErr> {
    let mut out: HashMap<i64, Map<String, Value>> = HashMap::new();
    for owner in owners.into_iter().flatten() {
        out.insert(*owner, empty(lists));
    }
    let chunks: Vec<Option<&[i64]>> = match owners {
        Some(ids) => ids.chunks(CHUNK).map(Some).collect(),
        None => vec![None],
    };
    for l in lists {
        let mut keys: HashMap<i64, Vec<String>> = HashMap::new();
        for chunk in &chunks {
            let mut select = Query::select();
            select
                .column((Alias::new("l"), Alias::new(l.owner)))
                .expr_as(
                    Expr::col((Alias::new("t"), Alias::new("slug"))),
                    Alias::new("slug"),
                )
                .from_as(Alias::new(l.table), Alias::new("l"))
                .join_as(
                    JoinType::InnerJoin,
                    Alias::new(l.target_table),
                    Alias::new("t"),
                    Expr::col((Alias::new("t"), Alias::new("id")))
                        .equals((Alias::new("l"), Alias::new(l.target))),
                );
            if let Some(role) = l.role {
                select.expr_as(
                    Expr::col((Alias::new("l"), Alias::new(role))),
                    Alias::new("link_role"),
                );
            }
            if let Some((column, value)) = l.only {
                select.and_where(Expr::col((Alias::new("l"), Alias::new(column))).eq(value));
            }
            if let Some(ids) = chunk {
                select.and_where(
                    Expr::col((Alias::new("l"), Alias::new(l.owner))).is_in(ids.iter().copied()),
                );
            }
            for row in db.query_all(&select).await? {
                let owner: i64 = row.try_get("", l.owner)?;
                let slug: String = row.try_get("", "slug")?;
                let role: Option<String> = match l.role {
                    Some(_) => Some(row.try_get("", "link_role")?),
                    None => None,
                };
                keys.entry(owner)
                    .or_default()
                    .push(key(&slug, role.as_deref()));
            }
        }
        for (owner, list) in keys {
            let entry = out.entry(owner).or_insert_with(|| empty(lists));
            entry.extend(form([(l, list)]));
        }
    }
    Ok(out)
}

/// The links of one record, in audit form.
pub async fn read_one<C: ConnectionTrait>(
    db: &C,
    lists: &[LinkList],
    owner: i64,
) -> Result<Map<String, Value>, DbErr> {
    Ok(read(db, lists, Some(&[owner]))
        .await?
        .remove(&owner)
        .unwrap_or_else(|| empty(lists)))
}

/// One link: the owning record, the target, and the role where the list has one.
pub type Link = (i64, i64, Option<String>);

/// Replaces the links of list `l` that `owner` has with `targets` (target id, and role where
/// the list has one).
pub async fn replace<C: ConnectionTrait>(
    db: &C,
    l: &LinkList,
    owner: i64,
    targets: &[(i64, Option<String>)],
) -> Result<(), DbErr> {
    let mut delete = Query::delete();
    delete
        .from_table(Alias::new(l.table))
        .and_where(Expr::col(Alias::new(l.owner)).eq(owner));
    if let Some((column, value)) = l.only {
        delete.and_where(Expr::col(Alias::new(column)).eq(value));
    }
    db.execute(&delete).await?;
    let links: Vec<Link> = targets
        .iter()
        .map(|(target, role)| (owner, *target, role.clone()))
        .collect();
    add(db, l, links).await
}

/// Adds `links` to list `l`, many rows per statement: for records that have none yet (a
/// seed run's new rows), so nothing needs deleting first.
pub async fn add<C: ConnectionTrait>(
    db: &C,
    l: &LinkList,
    mut links: Vec<Link>,
) -> Result<(), DbErr> {
    links.sort();
    links.dedup();
    let mut columns = vec![Alias::new(l.owner), Alias::new(l.target)];
    columns.extend(l.role.map(Alias::new));
    columns.extend(l.only.map(|(column, _)| Alias::new(column)));
    for chunk in links.chunks(CHUNK) {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new(l.table))
            .columns(columns.clone());
        for (owner, target, role) in chunk {
            let mut values: Vec<sea_orm::sea_query::SimpleExpr> =
                vec![(*owner).into(), (*target).into()];
            if l.role.is_some() {
                values.push(role.clone().unwrap_or_default().into());
            }
            if let Some((_, value)) = l.only {
                values.push(value.into());
            }
            insert.values_panic(values);
        }
        db.execute(&insert).await?;
    }
    Ok(())
}
