//! The team's headline and notes for each weekly digest, team-only until published.

use crate::dialect::Ddl;

pub const MIGRATION: Ddl = Ddl::new("m20261129_000003_digest_notes", UP, DOWN);

const UP: &str = r#"
CREATE TABLE digest_notes (
    id {ID},
    week_start {DATE} NOT NULL UNIQUE,
    headline {TEXT},
    notes {TEXT},
    published boolean NOT NULL DEFAULT FALSE,
    version integer NOT NULL DEFAULT 1,
    created_at {TIMESTAMP} NOT NULL,
    updated_at {TIMESTAMP} NOT NULL
);
"#;

const DOWN: &str = "DROP TABLE digest_notes;\n";
