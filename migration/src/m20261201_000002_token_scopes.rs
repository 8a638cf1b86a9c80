//! API tokens get a scope: `API` (everything the role allows) or `FEEDS` (only the Atom
//! feeds, as `?token=` — a feed reader cannot send headers, and a token in a URL must not
//! open the API).

use crate::dialect::Ddl;

pub const MIGRATION: Ddl = Ddl::new("m20261201_000002_token_scopes", UP, DOWN);

const UP: &str = "ALTER TABLE api_tokens ADD COLUMN scope {TEXT} NOT NULL DEFAULT 'API' CHECK (scope IN ('API','FEEDS'));\n";
const DOWN: &str = "ALTER TABLE api_tokens DROP COLUMN scope;\n";
