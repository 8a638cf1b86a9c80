//! The audit trail's one shape: what a revision records of a record, whoever changed it.

use serde::Serialize;
use serde_json::{Map, Value};

use super::Kind;

/// Fields that never leave their row: not in revisions, exports or logs.
pub fn secret_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::User => &["password_hash"],
        Kind::Webhook => &["secret"],
        _ => &[],
    }
}

/// A record as a revision keeps it: its fields under their column names, without the secret
/// ones, and its link lists in audit form (see [`super::links`]).
pub fn snapshot<M: Serialize>(kind: Kind, model: &M, links: Map<String, Value>) -> Value {
    let mut fields = match serde_json::to_value(model) {
        Ok(Value::Object(fields)) => fields,
        // Every record serialises to an object; anything else is kept as it came.
        Ok(other) => return other,
        Err(e) => return Value::String(format!("unrecordable: {e}")),
    };
    for secret in secret_fields(kind) {
        fields.remove(*secret);
    }
    fields.extend(links);
    Value::Object(fields)
}

/// What a recorded state calls its record (its name, title, filing number, API model id or
/// slug), for lists of deleted records and messages that name one.
pub fn label(state: &Value) -> Option<String> {
    const NAMES: [&str; 6] = [
        "name",
        "title",
        "filing_number",
        "api_model_id",
        "slug",
        "label",
    ];
    NAMES.iter().find_map(|key| {
        state
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    })
}
