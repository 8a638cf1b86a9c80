//! Relay connections over keyset pagination.
//!
//! A page is fetched with `WHERE (sort keys) after (cursor) ORDER BY keys LIMIT n+1`, so the
//! cost of a page does not grow with how deep it is, and rows inserted meanwhile do not shift
//! it. Orderings are total — the row id is always the last key — and nulls sort last in either
//! direction, the same on SQLite and PostgreSQL. A cursor carries the sort values of its row
//! and the names of the keys, so a cursor from another ordering is refused, not misread.

use std::borrow::Cow;

use async_graphql::{Context, Enum, Object, OutputType, SimpleObject, TypeName};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, IdenStatic, ModelTrait, Order,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select, Value, sea_query::NullOrdering,
};
use serde_json::{Value as Json, json};

use crate::error::{ApiError, ApiResult};

/// Page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: i32 = 20;
/// Largest page a client may ask for.
pub const MAX_PAGE_SIZE: i32 = 100;

/// The Relay arguments of a list field.
#[derive(Clone, Debug, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

impl PageArgs {
    /// The page size asked for, checked against the limits.
    fn size(&self) -> ApiResult<u64> {
        let size = match (self.first, self.last) {
            (Some(_), Some(_)) => {
                return Err(ApiError::bad_input(
                    "give `first` (with `after`) or `last` (with `before`), not both",
                ));
            }
            (Some(n), None) | (None, Some(n)) => n,
            (None, None) => DEFAULT_PAGE_SIZE,
        };
        if !(0..=MAX_PAGE_SIZE).contains(&size) {
            return Err(ApiError::bad_input(format!(
                "page size {size} is out of range: ask for 0 to {MAX_PAGE_SIZE} items and follow `pageInfo.endCursor` for more"
            )));
        }
        Ok(size as u64)
    }

    /// The expected page size, for complexity: `first` or `last`, else the default.
    pub fn weight(first: Option<i32>, last: Option<i32>) -> usize {
        first
            .or(last)
            .unwrap_or(DEFAULT_PAGE_SIZE)
            .clamp(0, MAX_PAGE_SIZE) as usize
    }
}

/// Direction of one sort key.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OrderDirection {
    /// Smallest first; nulls last.
    #[default]
    Asc,
    /// Largest first; nulls last.
    Desc,
}

/// One key of an ordering.
#[derive(Clone, Copy, Debug)]
pub struct SortKey<C> {
    pub column: C,
    pub direction: OrderDirection,
}

impl<C> SortKey<C> {
    pub fn asc(column: C) -> Self {
        SortKey {
            column,
            direction: OrderDirection::Asc,
        }
    }

    pub fn desc(column: C) -> Self {
        SortKey {
            column,
            direction: OrderDirection::Desc,
        }
    }
}

/// One fetched page and what a connection needs to describe it.
pub struct Page<M> {
    pub edges: Vec<(String, M)>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
}

/// Fetches one page of `select`, ordered by `keys` then by `id`.
pub async fn fetch<E>(
    db: &DatabaseConnection,
    select: Select<E>,
    keys: Vec<SortKey<E::Column>>,
    id: E::Column,
    args: &PageArgs,
) -> ApiResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    let size = args.size()?;
    let mut keys = keys;
    if !keys.iter().any(|k| k.column.as_str() == id.as_str()) {
        keys.push(SortKey::asc(id));
    }
    let mut select = select;
    if let Some(after) = &args.after {
        let values = decode_cursor(after, &keys)?;
        select = select.filter(beyond(&keys, &values, true));
    }
    if let Some(before) = &args.before {
        let values = decode_cursor(before, &keys)?;
        select = select.filter(beyond(&keys, &values, false));
    }
    let backward = args.last.is_some();
    for key in &keys {
        let ascending = (key.direction == OrderDirection::Asc) != backward;
        let nulls = if backward {
            NullOrdering::First
        } else {
            NullOrdering::Last
        };
        let order = if ascending { Order::Asc } else { Order::Desc };
        // A column that holds no nulls is ordered plainly: `DESC NULLS LAST` would keep
        // PostgreSQL from reading its index backwards and make it sort every row in range
        // (the half-year of events at scale 100: 6.5 ms a page instead of 0.5 ms).
        select = if key.column.def().is_null() {
            select.order_by_with_nulls(key.column, order, nulls)
        } else {
            select.order_by(key.column, order)
        };
    }
    let mut rows = select.limit(size + 1).all(db).await?;
    let more = rows.len() as u64 > size;
    rows.truncate(size as usize);
    if backward {
        rows.reverse();
    }
    let edges = rows
        .into_iter()
        .map(|row| (encode_cursor(&keys, &row), row))
        .collect();
    Ok(Page {
        edges,
        has_next_page: if backward {
            args.before.is_some()
        } else {
            more
        },
        has_previous_page: if backward { more } else { args.after.is_some() },
    })
}

/// Rows strictly after (`forward`) or before the cursor row in the ordering `keys`.
fn beyond<C: ColumnTrait>(keys: &[SortKey<C>], values: &[Value], forward: bool) -> Condition {
    let mut any = Condition::any();
    for (i, key) in keys.iter().enumerate() {
        let mut all = Condition::all();
        for (earlier, value) in keys[..i].iter().zip(values) {
            all = all.add(if is_null(value) {
                earlier.column.is_null()
            } else {
                earlier.column.eq(value.clone())
            });
        }
        let value = &values[i];
        let ascending = key.direction == OrderDirection::Asc;
        // With nulls last in both directions, a null is after every value.
        let step = match (forward, is_null(value)) {
            (true, true) => continue,
            (true, false) => Condition::any()
                .add(if ascending {
                    key.column.gt(value.clone())
                } else {
                    key.column.lt(value.clone())
                })
                .add(key.column.is_null()),
            (false, true) => Condition::all().add(key.column.is_not_null()),
            (false, false) => Condition::all().add(if ascending {
                key.column.lt(value.clone())
            } else {
                key.column.gt(value.clone())
            }),
        };
        any = any.add(all.add(step));
    }
    any
}

fn is_null(value: &Value) -> bool {
    matches!(
        value,
        Value::String(None)
            | Value::BigInt(None)
            | Value::Int(None)
            | Value::Bool(None)
            | Value::ChronoDate(None)
            | Value::ChronoDateTimeUtc(None)
    )
}

/// A key as a cursor names it: the column and its direction, e.g. `name:asc`.
fn key_name<C: ColumnTrait>(key: &SortKey<C>) -> String {
    let direction = match key.direction {
        OrderDirection::Asc => "asc",
        OrderDirection::Desc => "desc",
    };
    format!("{}:{direction}", key.column.as_str())
}

/// The tag a cursor value of this column must carry.
fn expected_tag<C: ColumnTrait>(column: C) -> &'static str {
    use sea_orm::sea_query::ColumnType;
    match column.def().get_column_type() {
        ColumnType::BigInteger => "i",
        ColumnType::Integer => "i4",
        ColumnType::Boolean => "b",
        ColumnType::Date => "d",
        ColumnType::TimestampWithTimeZone | ColumnType::Timestamp | ColumnType::DateTime => "t",
        _ => "s",
    }
}

fn encode_cursor<M: ModelTrait>(
    keys: &[SortKey<<M::Entity as EntityTrait>::Column>],
    row: &M,
) -> String {
    let names: Vec<String> = keys.iter().map(key_name).collect();
    let values: Vec<Json> = keys.iter().map(|k| to_json(&row.get(k.column))).collect();
    URL_SAFE_NO_PAD.encode(json!({ "k": names, "v": values }).to_string())
}

fn decode_cursor<C: ColumnTrait>(cursor: &str, keys: &[SortKey<C>]) -> ApiResult<Vec<Value>> {
    let bad = || {
        ApiError::bad_input(format!(
            "`{cursor}` is not a cursor of this list: pass a `cursor` or `pageInfo` cursor it returned"
        ))
    };
    let raw = URL_SAFE_NO_PAD
        .decode(cursor.as_bytes())
        .map_err(|_| bad())?;
    let parsed: Json = serde_json::from_slice(&raw).map_err(|_| bad())?;
    let names = parsed["k"].as_array().ok_or_else(bad)?;
    let values = parsed["v"].as_array().ok_or_else(bad)?;
    let same_ordering = names.len() == keys.len()
        && values.len() == keys.len()
        && names
            .iter()
            .zip(keys)
            .all(|(n, k)| n.as_str() == Some(key_name(k).as_str()));
    if !same_ordering {
        return Err(ApiError::bad_input(format!(
            "the cursor `{cursor}` was issued for another ordering: use cursors with the `orderBy` they came from"
        )));
    }
    // Each value must be of its column's type: a forged cursor is refused, not compared
    // across types (which SQLite allows and PostgreSQL does not).
    values
        .iter()
        .zip(keys)
        .map(|(v, k)| match v.get(0).and_then(Json::as_str) {
            Some(tag) if tag == expected_tag(k.column) => from_json(v).ok_or_else(bad),
            _ => Err(bad()),
        })
        .collect()
}

fn to_json(value: &Value) -> Json {
    match value {
        Value::String(Some(s)) => json!(["s", s]),
        Value::BigInt(Some(n)) => json!(["i", n]),
        Value::Int(Some(n)) => json!(["i4", n]),
        Value::Bool(Some(b)) => json!(["b", b]),
        Value::ChronoDate(Some(d)) => json!(["d", d.format("%Y-%m-%d").to_string()]),
        Value::ChronoDateTimeUtc(Some(t)) => json!(["t", t.to_rfc3339()]),
        Value::String(None) => json!(["s", null]),
        Value::BigInt(None) => json!(["i", null]),
        Value::Int(None) => json!(["i4", null]),
        Value::Bool(None) => json!(["b", null]),
        Value::ChronoDate(None) => json!(["d", null]),
        Value::ChronoDateTimeUtc(None) => json!(["t", null]),
        other => unreachable!("ordering by a column of type {other:?} is not offered"),
    }
}

fn from_json(value: &Json) -> Option<Value> {
    let tag = value.get(0)?.as_str()?;
    let v = value.get(1)?;
    Some(match (tag, v.is_null()) {
        ("s", true) => Value::String(None),
        ("s", false) => Value::String(Some(v.as_str()?.to_owned())),
        ("i", true) => Value::BigInt(None),
        ("i", false) => Value::BigInt(Some(v.as_i64()?)),
        ("i4", true) => Value::Int(None),
        ("i4", false) => Value::Int(Some(i32::try_from(v.as_i64()?).ok()?)),
        ("b", true) => Value::Bool(None),
        ("b", false) => Value::Bool(Some(v.as_bool()?)),
        ("d", true) => Value::ChronoDate(None),
        ("d", false) => Value::ChronoDate(Some(
            chrono::NaiveDate::parse_from_str(v.as_str()?, "%Y-%m-%d").ok()?,
        )),
        ("t", true) => Value::ChronoDateTimeUtc(None),
        ("t", false) => Value::ChronoDateTimeUtc(Some(
            chrono::DateTime::parse_from_rfc3339(v.as_str()?)
                .ok()?
                .with_timezone(&chrono::Utc),
        )),
        _ => return None,
    })
}

/// Information about the page of a connection.
#[derive(SimpleObject, Clone, Debug)]
pub struct PageInfo {
    /// Whether more items follow this page (when paginating forwards; otherwise whether a
    /// `before` cursor was given).
    pub has_next_page: bool,
    /// Whether items precede this page (when paginating backwards; otherwise whether an
    /// `after` cursor was given).
    pub has_previous_page: bool,
    /// The cursor of the first item, to pass as `before`.
    pub start_cursor: Option<String>,
    /// The cursor of the last item, to pass as `after`.
    pub end_cursor: Option<String>,
}

/// A type that lists in connections; names its connection and edge types.
pub trait Listed: OutputType + Clone {
    /// The node type's GraphQL name.
    const NAME: &'static str;
}

/// One item of a connection with its cursor.
pub struct Edge<T> {
    cursor: String,
    node: T,
}

/// An item of a list, with the cursor to continue from it.
#[Object(name_type)]
impl<T: Listed> Edge<T> {
    /// The cursor of this item, to pass as `after` or `before`.
    async fn cursor(&self) -> &str {
        &self.cursor
    }

    /// The item.
    async fn node(&self) -> &T {
        &self.node
    }
}

impl<T: Listed> TypeName for Edge<T> {
    fn type_name() -> Cow<'static, str> {
        Cow::Owned(format!("{}Edge", T::NAME))
    }
}

/// A page of a list: its items, where it stands, and how many items the whole list has.
pub struct Connection<T> {
    edges: Vec<Edge<T>>,
    page_info: PageInfo,
    count: Box<dyn Count>,
}

/// Counts the whole list lazily: only when `totalCount` is asked for.
#[async_trait::async_trait]
trait Count: Send + Sync {
    async fn count(&self, db: &DatabaseConnection) -> ApiResult<u64>;
}

struct SelectCount<E: EntityTrait>(Select<E>);

/// A total already known.
struct Known(u64);

#[async_trait::async_trait]
impl Count for Known {
    async fn count(&self, _db: &DatabaseConnection) -> ApiResult<u64> {
        Ok(self.0)
    }
}

#[async_trait::async_trait]
impl<E> Count for SelectCount<E>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    async fn count(&self, db: &DatabaseConnection) -> ApiResult<u64> {
        Ok(self.0.clone().count(db).await?)
    }
}

impl<T: Listed> Connection<T> {
    /// Fetches a page of `select` and wraps each row with `wrap`.
    pub async fn load<E>(
        db: &DatabaseConnection,
        select: Select<E>,
        keys: Vec<SortKey<E::Column>>,
        id: E::Column,
        args: &PageArgs,
        wrap: impl Fn(E::Model) -> T,
    ) -> ApiResult<Self>
    where
        E: EntityTrait,
        E::Model: Send + Sync,
    {
        let page = fetch(db, select.clone(), keys, id, args).await?;
        let edges: Vec<Edge<T>> = page
            .edges
            .into_iter()
            .map(|(cursor, row)| Edge {
                cursor,
                node: wrap(row),
            })
            .collect();
        let page_info = PageInfo {
            has_next_page: page.has_next_page,
            has_previous_page: page.has_previous_page,
            start_cursor: edges.first().map(|e| e.cursor.clone()),
            end_cursor: edges.last().map(|e| e.cursor.clone()),
        };
        Ok(Connection {
            edges,
            page_info,
            count: Box::new(SelectCount(select)),
        })
    }
}

impl<T: Listed> Connection<T> {
    /// A page built elsewhere (search ranks in Rust): its items with their cursors.
    pub fn from_page(
        edges: Vec<(String, T)>,
        has_next_page: bool,
        has_previous_page: bool,
        total: u64,
    ) -> Self {
        let edges: Vec<Edge<T>> = edges
            .into_iter()
            .map(|(cursor, node)| Edge { cursor, node })
            .collect();
        let page_info = PageInfo {
            has_next_page,
            has_previous_page,
            start_cursor: edges.first().map(|e| e.cursor.clone()),
            end_cursor: edges.last().map(|e| e.cursor.clone()),
        };
        Connection {
            edges,
            page_info,
            count: Box::new(Known(total)),
        }
    }
}

/// A page of a list: `edges` (or just `nodes`), `pageInfo` and `totalCount`.
#[Object(name_type)]
impl<T: Listed> Connection<T> {
    /// The items of this page with their cursors.
    async fn edges(&self) -> &[Edge<T>] {
        &self.edges
    }

    /// The items of this page.
    async fn nodes(&self) -> Vec<&T> {
        self.edges.iter().map(|e| &e.node).collect()
    }

    /// Where this page stands in the list.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many items the whole list has with these filters, across all pages.
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        let db = ctx.data::<DatabaseConnection>()?;
        Ok(self.count.count(db).await?)
    }
}

impl<T: Listed> TypeName for Connection<T> {
    fn type_name() -> Cow<'static, str> {
        Cow::Owned(format!("{}Connection", T::NAME))
    }
}
