//! The fields a seed record shares with its row — a company file's record or a CSV table's
//! row — read into the row and written from it: the seed format lists none of them, the
//! entity does. A seed struct names only what it writes otherwise — references by slug, link
//! lists, nested records — and flattens [`Values`] for the rest, so a column added to an
//! entity (and its migration) is a field of its seed record, or a column of its CSV table,
//! with no further line. A key that is no column is refused, naming the ones there are; a
//! column with no blank to fall back on is required.

use std::{
    any::TypeId,
    collections::HashMap,
    marker::PhantomData,
    ops::{Deref, DerefMut},
    sync::{Arc, OnceLock, RwLock},
};

use chrono::{DateTime, Utc};
use entities::{record::Record, *};
use sea_orm::IdenStatic;
use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{self, DeserializeOwned, IntoDeserializer, Visitor, value::MapDeserializer},
    ser::SerializeMap,
};
use serde_yaml::{Mapping, Value};

/// A row's bookkeeping: never written by a seed, never read into one (nor are the fields
/// only the team writes, `Record::TEAM_ONLY`).
pub(crate) const BOOKKEEPING: [&str; 5] =
    ["id", "version", "created_at", "updated_at", "deleted_at"];

/// The seed files' name for `column`: its declared `SEED_NAMES` entry, else the column's own.
pub(crate) fn seed_key<E: Record>(column: &str) -> &str
where
    E::Model: Serialize + Clone + Send + Sync,
{
    E::SEED_NAMES
        .iter()
        .find(|(c, _)| *c == column)
        .map_or(column, |(_, key)| key)
}

/// How a kind's seed record differs from its row beyond references and team-only fields.
pub trait SeedForm: Record
where
    Self::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    /// Columns the seed record does not carry as they are: written otherwise, set by hand
    /// beside the copy (a product's audience flags are its `audiences`), or not at all (a
    /// benchmark's `internal` mark: internal benchmarks stay out of the curated lists).
    const NOT_SEEDED: &'static [&'static str] = &[];
    /// Columns that may be left out although their blank is a value (a filing is ACTIVE).
    const DEFAULTED: &'static [&'static str] = &[];
}

impl SeedForm for company::Entity {}
impl SeedForm for model::Entity {}
impl SeedForm for offering::Entity {}
impl SeedForm for product::Entity {
    const NOT_SEEDED: &'static [&'static str] =
        &["for_consumers", "for_business", "for_government"];
}
impl SeedForm for subscription_plan::Entity {}
impl SeedForm for credit_cost::Entity {}
impl SeedForm for free_quota::Entity {}
impl SeedForm for filing::Entity {
    const DEFAULTED: &'static [&'static str] = &["status"];
}
impl SeedForm for benchmark::Entity {
    const NOT_SEEDED: &'static [&'static str] = &["internal"];
}
impl SeedForm for price::Entity {
    const DEFAULTED: &'static [&'static str] = &["mode"];
}
/// `events.csv` writes its source URLs in one cell (the first is the row's `source_url`) and
/// falls back on the day the source was read for `recorded_on` (see `sync::rows`).
impl SeedForm for event::Entity {
    const NOT_SEEDED: &'static [&'static str] = &["source_urls", "source_url", "recorded_on"];
    const DEFAULTED: &'static [&'static str] = &["date_precision"];
}
impl SeedForm for exchange_rate::Entity {}
impl SeedForm for score::Entity {}

/// `E`'s blank row, every column at its declared blank, as YAML.
fn blank_row<E: SeedForm>() -> Mapping
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    match serde_yaml::to_value(E::blank(DateTime::UNIX_EPOCH)).expect("records serialize") {
        Value::Mapping(row) => row,
        other => unreachable!("a record serializes as a mapping, not {other:?}"),
    }
}

/// The columns a seed record of `E` carries, in the row's order: (column, seed key, blank).
fn columns<E: SeedForm>(blank: &Mapping) -> Vec<(String, String, Value)>
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    let references: Vec<&str> = E::REFERENCES.iter().map(|(c, _)| c.as_str()).collect();
    blank
        .iter()
        .filter_map(|(column, value)| {
            let column = column.as_str()?.to_owned();
            let skipped = BOOKKEEPING.contains(&column.as_str())
                || E::TEAM_ONLY.contains(&column.as_str())
                || E::NOT_SEEDED.contains(&column.as_str())
                || references.contains(&column.as_str());
            let key = seed_key::<E>(&column).to_owned();
            (!skipped).then(|| (column, key, value.clone()))
        })
        .collect()
}

/// A kind's blank row and seed columns, worked out once per kind: every record read or
/// written stands on them.
struct Layout {
    blank: Mapping,
    columns: Vec<(String, String, Value)>,
}

fn layout<E: SeedForm>() -> Arc<Layout>
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    static LAYOUTS: OnceLock<RwLock<HashMap<TypeId, Arc<Layout>>>> = OnceLock::new();
    let layouts = LAYOUTS.get_or_init(Default::default);
    let kind = TypeId::of::<E>();
    if let Some(layout) = layouts
        .read()
        .expect("no layout is built in a panic")
        .get(&kind)
    {
        return layout.clone();
    }
    let blank = blank_row::<E>();
    let columns = columns::<E>(&blank);
    let layout = Arc::new(Layout { blank, columns });
    layouts
        .write()
        .expect("no layout is built in a panic")
        .insert(kind, layout.clone());
    layout
}

/// The seed keys of `E`'s columns, in the row's order: a CSV table's own columns.
pub(crate) fn seed_keys<E: SeedForm>() -> Vec<String>
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    layout::<E>()
        .columns
        .iter()
        .map(|(_, key, _)| key.clone())
        .collect()
}

/// The row a seed record stands for, as far as the record's own fields go: its references
/// and links are still blank (see `sync::rows`).
#[derive(Clone, Debug)]
pub struct Values<E: SeedForm>(pub E::Model, PhantomData<E>)
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync;

impl<E: SeedForm> Values<E>
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    /// The seed fields of a stored row (for the export).
    pub fn of(row: &E::Model) -> Self {
        Values(row.clone(), PhantomData)
    }

    /// The row, as new at `now`.
    pub fn row_at(&self, now: DateTime<Utc>) -> E::Model {
        let mut row = self.0.clone();
        E::keep_identity(&mut row, &E::blank(now));
        E::stamp(&mut row, 1, now, None);
        row
    }

    /// Reads `given` (seed keys to values) onto the blank row.
    fn read(given: Mapping) -> Result<Self, String> {
        let layout = layout::<E>();
        let Layout { blank, columns } = &*layout;
        let mut row = blank.clone();
        let mut set = Vec::new();
        for (key, value) in given {
            let key = key.as_str().unwrap_or_default().to_owned();
            let Some((column, _, _)) = columns.iter().find(|(_, k, _)| *k == key) else {
                let known: Vec<String> = columns.iter().map(|(_, k, _)| format!("`{k}`")).collect();
                return Err(format!(
                    "unknown field `{key}`, expected one of {} (or the record's references and lists)",
                    known.join(", ")
                ));
            };
            row.insert(Value::String(column.clone()), value.clone());
            set.push((key, column.clone(), value));
        }
        for (column, key, blank) in columns {
            let has_blank = matches!(blank, Value::Null | Value::Bool(_) | Value::Sequence(_));
            if !has_blank
                && !E::DEFAULTED.contains(&column.as_str())
                && !set.iter().any(|(_, c, _)| c == column)
            {
                return Err(format!("missing field `{key}`"));
            }
        }
        match E::Model::deserialize(Lenient(Value::Mapping(row))) {
            Ok(row) => Ok(Values(row, PhantomData)),
            // Which field: each given value alone on the blank row.
            Err(whole) => Err(set
                .into_iter()
                .find_map(|(key, column, value)| {
                    let mut alone = blank.clone();
                    alone.insert(Value::String(column), value);
                    E::Model::deserialize(Lenient(Value::Mapping(alone)))
                        .err()
                        .map(|e| format!("field `{key}`: {e}"))
                })
                .unwrap_or_else(|| whole.to_string())),
        }
    }
}

/// The blank row.
impl<E: SeedForm> Default for Values<E>
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    fn default() -> Self {
        Values(E::blank(DateTime::UNIX_EPOCH), PhantomData)
    }
}

impl<E: SeedForm> Deref for Values<E>
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    type Target = E::Model;

    fn deref(&self) -> &E::Model {
        &self.0
    }
}

impl<E: SeedForm> DerefMut for Values<E>
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    fn deref_mut(&mut self) -> &mut E::Model {
        &mut self.0
    }
}

impl<'de, E: SeedForm> Deserialize<'de> for Values<E>
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Values::read(Mapping::deserialize(d)?).map_err(de::Error::custom)
    }
}

/// Every seed field that holds something: a null, an empty list and a flag at its blank
/// are left out, as a file would leave them.
impl<E: SeedForm> Serialize for Values<E>
where
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Value::Mapping(row) =
            serde_yaml::to_value(&self.0).map_err(serde::ser::Error::custom)?
        else {
            unreachable!("a record serializes as a mapping");
        };
        let mut map = s.serialize_map(None)?;
        for (column, key, blank) in &layout::<E>().columns {
            let value = row.get(column.as_str()).unwrap_or(&Value::Null);
            let empty = match value {
                Value::Null => true,
                Value::Sequence(list) => list.is_empty(),
                Value::Bool(_) => value == blank,
                _ => false,
            };
            if !empty {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

/// A YAML value read into a row's field as the YAML text would be: a number or a flag where
/// the field is text (an exact decimal, a version label) is its text; a text where the field
/// is a number, a flag or a list (a CSV cell, a quoted YAML value) is read as one, a list
/// from its words.
struct Lenient(Value);

impl<'de> IntoDeserializer<'de, serde_yaml::Error> for Lenient {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// A text read as the number or flag the field is, with what to write when it is not one.
macro_rules! from_text {
    ($($method:ident => $visit:ident($ty:ty, $what:literal)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            match self.0 {
                Value::String(text) => match text.parse::<$ty>() {
                    Ok(value) => visitor.$visit(value),
                    Err(_) => Err(de::Error::custom(format!("`{text}` is not {}", $what))),
                },
                other => other.$method(visitor),
            }
        }
    )*};
}

macro_rules! forward {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.0.$method(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for Lenient {
    type Error = serde_yaml::Error;

    forward!(
        deserialize_any,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any
    );

    from_text!(
        deserialize_bool => visit_bool(bool, "`true` or `false`"),
        deserialize_i8 => visit_i8(i8, "a whole number"),
        deserialize_i16 => visit_i16(i16, "a whole number"),
        deserialize_i32 => visit_i32(i32, "a whole number"),
        deserialize_i64 => visit_i64(i64, "a whole number"),
        deserialize_i128 => visit_i128(i128, "a whole number"),
        deserialize_u8 => visit_u8(u8, "a whole number, 0 or more"),
        deserialize_u16 => visit_u16(u16, "a whole number, 0 or more"),
        deserialize_u32 => visit_u32(u32, "a whole number, 0 or more"),
        deserialize_u64 => visit_u64(u64, "a whole number, 0 or more"),
        deserialize_u128 => visit_u128(u128, "a whole number, 0 or more"),
        deserialize_f32 => visit_f32(f32, "a number"),
        deserialize_f64 => visit_f64(f64, "a number"),
    );

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            // Rust writes a float in full (`0.000002`); YAML's own form may not (`2e-6`).
            Value::Number(n) => match n.as_f64().filter(|_| n.is_f64()) {
                Some(float) => visitor.visit_string(float.to_string()),
                None => visitor.visit_string(n.to_string()),
            },
            Value::Bool(b) => visitor.visit_string(b.to_string()),
            other => other.deserialize_string(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(Lenient(other)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Sequence(items) => visitor.visit_seq(de::value::SeqDeserializer::new(
                items.into_iter().map(Lenient),
            )),
            Value::String(words) => visitor.visit_seq(de::value::SeqDeserializer::new(
                words
                    .split_whitespace()
                    .map(|word| Lenient(Value::String(word.to_owned())))
                    .collect::<Vec<_>>()
                    .into_iter(),
            )),
            other => other.deserialize_seq(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Mapping(map) => visitor.visit_map(MapDeserializer::new(
                map.into_iter().map(|(k, v)| (k, Lenient(v))),
            )),
            other => other.deserialize_struct(name, fields, visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_tuple_struct(name, len, visitor)
    }
}

#[cfg(test)]
mod tests {
    use crate::format::{FilingSeed, ModelSeed, PlanSeed};

    #[test]
    fn a_record_reads_its_rows_fields_and_writes_them_back() {
        let text =
            "slug: m\nname: M\nversion: 2.5\nstatus: GA\ncontext_window: 128000\ninputs: [text]\n";
        let seed: ModelSeed = serde_yaml::from_str(text).unwrap();
        assert_eq!(
            (
                seed.slug.as_str(),
                seed.version_label.as_deref(),
                seed.version
            ),
            ("m", Some("2.5"), 1),
            "`version` is the label (a number read as its text), never the row's version"
        );
        assert_eq!(
            (seed.context_window, seed.inputs.clone()),
            (Some(128000), vec!["text".to_owned()])
        );
        let back: ModelSeed = serde_yaml::from_str(&serde_yaml::to_string(&seed).unwrap()).unwrap();
        assert_eq!(back.row.0, seed.row.0);

        // An exact decimal from a YAML number, and a defaulted status.
        let plan: PlanSeed = serde_yaml::from_str(
            "{ slug: pro, name: Pro, billing_period: MONTH, amount: 0.000002, currency: CNY, effective_from: 2025-01-01 }",
        )
        .unwrap();
        assert_eq!(plan.amount.to_string(), "0.000002");
        let filing: FilingSeed = serde_yaml::from_str(
            "{ filing_number: X-1, type: GENERATIVE_AI_SERVICE, role: SERVICE_PROVIDER, algorithm_name: A }",
        )
        .unwrap();
        assert_eq!(filing.status, entities::FilingStatus::Active);
    }

    #[test]
    fn an_unknown_key_a_missing_field_and_a_bad_value_are_refused_by_name() {
        let error = |text: &str| {
            serde_yaml::from_str::<ModelSeed>(text)
                .unwrap_err()
                .to_string()
        };
        let unknown = error("{ slug: m, name: M, status: GA, colour: red }");
        assert!(
            unknown.contains("unknown field `colour`, expected one of `slug`, `name`"),
            "{unknown}"
        );
        assert!(
            !unknown.contains("`notes`") && !unknown.contains("`company_id`"),
            "{unknown}"
        );
        let missing = error("{ slug: m, status: GA }");
        assert!(missing.contains("missing field `name`"), "{missing}");
        let bad = error("{ slug: m, name: M, status: GAA }");
        assert!(
            bad.contains("field `status`: `GAA` is not a ModelStatus"),
            "{bad}"
        );
        // A team-only field is no seed field.
        assert!(
            error("{ slug: m, name: M, status: GA, notes: x }").contains("unknown field `notes`")
        );
    }
}
