//! Long-lived, labelled API tokens that admins issue for dashboards, each revocable alone.

use crate::dialect::Ddl;

pub const MIGRATION: Ddl = Ddl::new("m20261129_000002_api_tokens", UP, DOWN);

const UP: &str = r#"
CREATE TABLE api_tokens (
    id {ID},
    user_id {BIGINT} NOT NULL REFERENCES users (id),
    label {TEXT} NOT NULL CHECK (label <> ''),
    role {TEXT} NOT NULL CHECK (role IN ('VIEWER','EDITOR','ADMIN')),
    created_by {BIGINT} REFERENCES users (id),
    created_at {TIMESTAMP} NOT NULL,
    expires_at {TIMESTAMP} NOT NULL,
    revoked_at {TIMESTAMP}
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
CREATE UNIQUE INDEX ux_users_email_lower ON users (lower(email));
"#;

const DOWN: &str = r#"
DROP INDEX ux_users_email_lower;
DROP TABLE api_tokens;
"#;
