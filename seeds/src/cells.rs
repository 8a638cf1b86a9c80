//! A CSV table's row as cells and back. A table's header is the columns its row writes
//! otherwise (a price's subject, an event's links) where the row's struct declares them,
//! around its kind's own columns in the entity's order (`CsvRow::own_columns`), so a column
//! added to the entity is a column of its table. A cell is text: an empty one is a value left
//! out (the column's blank, or a missing value where the column has none), a list is its words
//! separated by spaces.

use serde_yaml::{Mapping, Value};

use crate::format::CsvRow;

/// The header of `T`'s table.
pub(crate) fn header<T: CsvRow>() -> Vec<String> {
    let own = T::own_columns();
    // The blank row writes every column of its own (the columns it flattens in) and some of
    // the kind's; where the first of the kind's stands, all of them stand.
    let mut header = Vec::new();
    let mut placed = false;
    for key in keys(&T::default()) {
        if !own.contains(&key) {
            header.push(key);
        } else if !placed {
            header.extend(own.iter().cloned());
            placed = true;
        }
    }
    if !placed {
        header.extend(own);
    }
    header
}

/// `row`'s cells, in the order of `header`.
pub(crate) fn write<T: CsvRow>(row: &T, header: &[String]) -> Result<Vec<String>, String> {
    let Value::Mapping(map) = serde_yaml::to_value(row).map_err(|e| e.to_string())? else {
        unreachable!("a CSV row serializes as a mapping");
    };
    Ok(header
        .iter()
        .map(|column| cell(map.get(column.as_str()).unwrap_or(&Value::Null)))
        .collect())
}

/// The row of a CSV record under `headers`; the error names the column to fix.
pub(crate) fn read<T: CsvRow + serde::de::DeserializeOwned>(
    headers: &csv::StringRecord,
    record: &csv::StringRecord,
) -> Result<T, String> {
    let given: Mapping = headers
        .iter()
        .zip(record.iter())
        .filter(|(_, cell)| !cell.is_empty())
        .map(|(column, cell)| (Value::from(column), Value::from(cell)))
        .collect();
    serde_yaml::from_value(Value::Mapping(given)).map_err(|e| in_columns(&e.to_string(), headers))
}

/// A record's error (`values` speaks of fields, as a YAML file has them) in a table's words.
fn in_columns(message: &str, headers: &csv::StringRecord) -> String {
    if let Some(column) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return if headers.iter().any(|h| h == column) {
            format!("column `{column}` is empty: it needs a value")
        } else {
            format!("no column `{column}`: add it to the header row")
        };
    }
    if message.starts_with("unknown field `") {
        return message.replace(
            " (or the record's references and lists)",
            " (or the table's other columns)",
        );
    }
    match message.strip_prefix("field `") {
        Some(rest) => format!("column `{rest}"),
        None => message.to_owned(),
    }
}

fn keys(row: &impl serde::Serialize) -> Vec<String> {
    match serde_yaml::to_value(row) {
        Ok(Value::Mapping(map)) => map
            .keys()
            .filter_map(|k| k.as_str().map(str::to_owned))
            .collect(),
        _ => unreachable!("a CSV row serializes as a mapping"),
    }
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::Sequence(items) => items.iter().map(cell).collect::<Vec<_>>().join(" "),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{EventRow, PriceRow, RateRow};

    fn record(cells: &[&str]) -> csv::StringRecord {
        csv::StringRecord::from(cells.to_vec())
    }

    #[test]
    fn a_tables_columns_are_its_kinds_and_travel_by_their_seed_names() {
        assert_eq!(
            header::<RateRow>(),
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
        let prices = header::<PriceRow>();
        assert_eq!(
            prices[..6],
            [
                "provider",
                "region",
                "api_model_id",
                "model",
                "product",
                "dimension"
            ]
        );
        assert!(
            !prices.contains(&"notes".to_owned()),
            "team-only: {prices:?}"
        );
        let events = header::<EventRow>();
        assert_eq!(
            events[..4],
            ["slug", "occurred_on", "date_precision", "type"]
        );
        assert!(events.ends_with(&[
            "companies".to_owned(),
            "models".to_owned(),
            "products".to_owned(),
            "source_urls".to_owned(),
            "recorded_on".to_owned()
        ]));

        let headers = record(&["base", "quote", "rate", "on_date", "confidence"]);
        let rate: RateRow =
            read(&headers, &record(&["USD", "CNY", "7.10", "2025-01-02", ""])).unwrap();
        assert_eq!(
            (rate.base_currency.as_str(), rate.quote_currency.as_str()),
            ("USD", "CNY")
        );
        assert_eq!(
            (rate.rate.to_string(), rate.confidence),
            ("7.1".to_owned(), None)
        );
        let header = header::<RateRow>();
        assert_eq!(
            write(&rate, &header).unwrap(),
            ["USD", "CNY", "7.1", "2025-01-02", "", "", ""]
        );
    }

    #[test]
    fn a_cell_is_read_as_its_columns_type_and_refused_by_column() {
        let headers = record(&[
            "provider",
            "region",
            "api_model_id",
            "model",
            "dimension",
            "unit",
            "unit_quantity",
            "amount",
            "currency",
            "is_promotion",
            "effective_from",
        ]);
        let price = |cells: &[&str]| read::<PriceRow>(&headers, &record(cells));
        let row = price(&[
            "acme",
            "cn",
            "a-1",
            "acme-1",
            "INPUT_TOKENS",
            "TOKEN",
            "1000000",
            "0.000002",
            "CNY",
            "true",
            "2025-01-01",
        ])
        .unwrap();
        assert_eq!(row.offering.provider.as_deref(), Some("acme"));
        assert_eq!((row.unit_quantity, row.is_promotion), (1_000_000, true));
        assert_eq!(row.amount.to_string(), "0.000002");
        assert_eq!(
            row.mode,
            entities::PriceMode::Standard,
            "STANDARD when left out"
        );

        let error = |cells: &[&str]| price(cells).unwrap_err();
        assert_eq!(
            error(&[
                "",
                "",
                "",
                "",
                "INPUT_TOKENS",
                "TOKEN",
                "many",
                "1",
                "CNY",
                "",
                "2025-01-01"
            ]),
            "column `unit_quantity`: `many` is not a whole number"
        );
        assert_eq!(
            error(&[
                "",
                "",
                "",
                "",
                "INPUT_TOKENS",
                "TOKEN",
                "1",
                "",
                "CNY",
                "",
                "2025-01-01"
            ]),
            "column `amount` is empty: it needs a value"
        );
        assert_eq!(
            error(&[
                "",
                "",
                "",
                "",
                "INPUT_TOKENS",
                "TOKEN",
                "1",
                "1",
                "CNY",
                "yes",
                "2025-01-01"
            ]),
            "column `is_promotion`: `yes` is not `true` or `false`"
        );
        let unknown = read::<PriceRow>(&record(&["colour"]), &record(&["red"])).unwrap_err();
        assert!(
            unknown.starts_with("unknown field `colour`, expected one of `dimension`"),
            "{unknown}"
        );
        let missing = read::<RateRow>(
            &record(&["base", "quote", "rate"]),
            &record(&["USD", "CNY", "7"]),
        )
        .unwrap_err();
        assert_eq!(missing, "no column `on_date`: add it to the header row");
    }
}
