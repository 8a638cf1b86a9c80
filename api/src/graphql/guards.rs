//! Field guards: the least role a field or mutation needs, checked next to it.

use async_graphql::{Context, Guard, Result};
use entities::Role;

use crate::{auth::Caller, error::ApiError};

/// Lets through callers with at least this role.
pub struct RoleGuard(pub Role);

impl Guard for RoleGuard {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        check(ctx, self.0).map_err(Into::into)
    }
}

/// The caller of this request.
pub fn caller<'a>(ctx: &Context<'a>) -> &'a Caller {
    static ANONYMOUS: Caller = Caller::Anonymous;
    ctx.data_opt::<Caller>().unwrap_or(&ANONYMOUS)
}

/// `UNAUTHENTICATED` without a token, `FORBIDDEN` below `role`.
pub fn check(ctx: &Context<'_>, role: Role) -> Result<(), ApiError> {
    match caller(ctx) {
        Caller::Anonymous => Err(ApiError::Unauthenticated(format!(
            "sign in: this needs the {role} role or higher"
        ))),
        Caller::Member(member) if member.role < role => Err(ApiError::Forbidden(format!(
            "your role is {}; this needs {role} or higher",
            member.role
        ))),
        Caller::Member(_) => Ok(()),
    }
}
