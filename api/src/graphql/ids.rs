//! Opaque global ids: `base64url("Type:rowid")`, so a client never builds or parses one.

use async_graphql::ID;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use crate::error::ApiError;

/// Every type that has a global id: the one list of kinds, declared in `entities::record`.
pub use entities::Kind;

/// The global id of row `id` of `kind`.
pub fn encode(kind: Kind, id: i64) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.name())))
}

/// The kind and row id inside a global id, or a `BAD_USER_INPUT` error.
pub fn decode(id: &ID) -> Result<(Kind, i64), ApiError> {
    let bad = || ApiError::bad_input(format!("`{}` is not an id issued by this API", id.0));
    let raw = URL_SAFE_NO_PAD.decode(id.0.as_bytes()).map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    let (name, row) = text.split_once(':').ok_or_else(bad)?;
    let kind = Kind::from_name(name).ok_or_else(bad)?;
    let row = row.parse::<i64>().map_err(|_| bad())?;
    Ok((kind, row))
}

/// The row id inside a global id that must be of `kind`.
pub fn decode_as(id: &ID, kind: Kind) -> Result<i64, ApiError> {
    match decode(id)? {
        (k, row) if k == kind => Ok(row),
        (k, _) => Err(ApiError::bad_input(format!(
            "`{}` is the id of a {}, not of a {}",
            id.0,
            k.name(),
            kind.name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_refuse_garbage() {
        let id = encode(Kind::Model, 42);
        assert_eq!(decode(&id).unwrap(), (Kind::Model, 42));
        assert!(decode_as(&id, Kind::Company).is_err());
        for bad in ["", "!!", "Q29tcGFueQ", "Tm9wZTox"] {
            assert!(decode(&ID(bad.into())).is_err(), "{bad}");
        }
    }
}
