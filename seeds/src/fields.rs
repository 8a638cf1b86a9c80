//! A CSV row and the record it stands for share most of their fields by name (under the
//! entity's declared `SEED_NAMES` where the files spell a column otherwise): those fields are
//! copied by name, through their serde forms, in both directions — row to record on import,
//! record to row on export — so neither direction lists them. What differs in form
//! (references by slug, an event's link lists) is set by hand beside the call. The company
//! files' records hold their row's fields themselves (`values`).

use entities::record::Record;
use serde::{
    Deserializer, Serialize,
    de::{self, DeserializeOwned, Visitor},
    forward_to_deserialize_any,
};
use serde_json::{Map, Value};

/// A row's bookkeeping: never written by a seed, never read into one (nor are the fields
/// only the team writes, `Record::TEAM_ONLY`).
pub(crate) const BOOKKEEPING: [&str; 5] =
    ["id", "version", "created_at", "updated_at", "deleted_at"];

/// `row` with every field it shares with `seed` set from the seed, except the seed keys in
/// `by_hand`; a seed value left empty keeps the row's (its declared blank).
pub fn row_of<E, S>(seed: &S, row: E::Model, by_hand: &[&str]) -> E::Model
where
    E: Record,
    E::Model: Serialize + DeserializeOwned + Clone + Send + Sync,
    S: Serialize,
{
    let mut fields = object(&row);
    for (key, value) in object(seed) {
        if value.is_null() || by_hand.contains(&key.as_str()) {
            continue;
        }
        let column = E::SEED_NAMES
            .iter()
            .find(|(_, seed_key)| *seed_key == key)
            .map_or(key.as_str(), |(column, _)| column);
        if BOOKKEEPING.contains(&column) || E::TEAM_ONLY.contains(&column) {
            continue;
        }
        if let Some(slot) = fields.get_mut(column) {
            *slot = value;
        }
    }
    serde_json::from_value(Value::Object(fields))
        .expect("a seed field takes the form of the column it shares a name with")
}

/// The seed record of `row`: every field the seed format has and the row shares, then
/// `extra` (an object of the seed's other fields: references by slug, link lists).
pub fn seed_of<E, S>(row: &E::Model, extra: Value) -> S
where
    E: Record,
    E::Model: Serialize + Clone + Send + Sync,
    S: DeserializeOwned,
{
    let keys = field_names::<S>();
    let mut seed = Map::new();
    for (column, value) in object(row) {
        if BOOKKEEPING.contains(&column.as_str()) || E::TEAM_ONLY.contains(&column.as_str()) {
            continue;
        }
        let key = seed_key::<E>(&column);
        if keys.contains(&key) {
            seed.insert(key.to_owned(), value);
        }
    }
    if let Value::Object(extra) = extra {
        seed.extend(extra);
    }
    serde_json::from_value(Value::Object(seed))
        .expect("a row's field takes the form of the seed field it shares a name with")
}

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

fn object(value: &impl Serialize) -> Map<String, Value> {
    match serde_json::to_value(value).expect("records serialize") {
        Value::Object(map) => map,
        other => panic!("a record serializes as an object, not {other}"),
    }
}

/// The field names a struct's `Deserialize` asks for (its serde names), read off the derive.
pub(crate) fn field_names<S: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields = None;
    let _ = S::deserialize(FieldNames(&mut fields));
    fields.expect("a seed record is a struct")
}

/// A deserializer that only notes the fields a struct asks for.
struct FieldNames<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(de::Error::custom("fields noted"))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::RateRow;
    use chrono::Utc;
    use entities::exchange_rate;

    #[test]
    fn fields_travel_by_name_and_declared_names_both_ways() {
        assert_eq!(
            field_names::<RateRow>(),
            [
                "base",
                "quote",
                "rate",
                "on_date",
                "source_url",
                "observed_on",
                "confidence"
            ]
        );
        let rate: RateRow = serde_json::from_value(serde_json::json!({
            "base": "USD", "quote": "CNY", "rate": "7.1", "on_date": "2025-01-02"
        }))
        .unwrap();
        let row = row_of::<exchange_rate::Entity, _>(
            &rate,
            exchange_rate::Entity::blank(Utc::now()),
            &[],
        );
        assert_eq!(
            (row.base_currency.as_str(), row.quote_currency.as_str()),
            ("USD", "CNY")
        );
    }
}
