//! The digest's indexes. Live events by importance, then day and id: a week's page of events
//! reads each importance's newest few backwards and stops, and the week's count reads this
//! index alone, where both read every event row of the window (scale 100: 490 a week). And
//! the watched companies, which every digest page looks up, without scanning them all.

use crate::dialect::Ddl;

pub const MIGRATION: Ddl = Ddl::new("m20261202_000001_digest_rank", UP, DOWN);

const UP: &str = r#"
CREATE INDEX ix_events_rank ON events (importance, occurred_on, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_companies_watched ON companies (id) WHERE watched AND deleted_at IS NULL;
"#;

const DOWN: &str = "DROP INDEX ix_companies_watched;\nDROP INDEX ix_events_rank;\n";
