//! The one editing flow every landscape entity goes through.
//!
//! Create, update, delete and restore each run in one transaction that takes the write lock
//! up front (`BEGIN IMMEDIATE` on SQLite, so concurrent editors queue instead of failing
//! with "database is busy"), check the input and the expected version, write the row with
//! `WHERE version = expected` (so a concurrent writer on PostgreSQL also gets CONFLICT), and
//! write a revision with the state before and after. With any user error the transaction
//! is rolled back: nothing is written. Deletes are soft; nothing here erases history.
//!
//! What differs per entity — its input, its rules, its links — is an [`EditSpec`].

use async_trait::async_trait;
use chrono::Utc;
use entities::{
    Kind, Record, RevisionAction,
    record::{audit, links, rules},
    revision,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, DatabaseConnection,
    DatabaseTransaction, DbErr, IntoActiveModel, QueryFilter, SqlErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use serde::Serialize;
use serde_json::Value;

mod refusals;

use refusals::{natural_key_taken, points_at_deleted, still_pointed_at};

use super::user_errors::{Errors, UserError, UserErrorCode};
use crate::error::ApiError;

/// Who makes a change, as the audit trail records it.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: Option<i64>,
    /// A user's email, or `seed` for the curated lists.
    pub label: String,
}

/// What applying one input needs beside the record and the input: the transaction (to check
/// references), whether the record is new, and where problems go. The helpers that apply an
/// input's fields through it are in `graphql::validate`; the value rules run after them.
pub struct Apply<'a> {
    pub txn: &'a DatabaseTransaction,
    pub creating: bool,
    pub errors: &'a mut Errors,
}

/// A change that was made, or the user errors that stopped it.
pub type Outcome<T> = Result<T, Vec<UserError>>;

/// The rules of one entity.
#[async_trait]
pub trait EditSpec: Record
where
    Self::Model: Serialize + Clone + Send + Sync + IntoActiveModel<Self::ActiveModel>,
    Self::ActiveModel: Send,
{
    /// The mutation input: the same for create and update (absent = keep, null = clear).
    type Input: Send;
    /// Link sets the input replaces (media types, tasks, related entities), if any.
    type Links: Send + Default;

    /// Applies `input` to `model`, checking every rule and reference; problems go to
    /// `cx.errors`. Returns the link sets to write.
    async fn apply(
        cx: &mut Apply<'_>,
        model: &mut Self::Model,
        input: Self::Input,
    ) -> Result<Self::Links, ApiError>;

    /// The input's name for `column`, e.g. `min_input_tokens` → `minInputTokens`: what a
    /// user error names and a value rule's message spells.
    fn field(column: &'static str) -> String {
        rules::camel(column)
    }

    /// Records TAKEN when another live record has the same natural key (see
    /// [`Record::NATURAL_KEY`]); a kind with a key of its own overrides this.
    async fn unique(
        txn: &DatabaseTransaction,
        model: &Self::Model,
        errors: &mut Errors,
    ) -> Result<(), ApiError> {
        natural_key_taken::<Self>(txn, model, errors).await
    }

    /// The texts search finds the record by (companies, models, products, events).
    fn search_texts(_model: &Self::Model) -> Option<Vec<String>> {
        None
    }

    /// Replaces the link sets the input gave.
    async fn write_links(
        _txn: &DatabaseTransaction,
        _id: i64,
        _links: Self::Links,
    ) -> Result<(), ApiError> {
        Ok(())
    }

    /// Writes what webhooks should hear of a new record, in the same transaction (see
    /// `crate::notify::outbox`): nothing by default.
    async fn notify(_txn: &DatabaseTransaction, _model: &Self::Model) -> Result<(), ApiError> {
        Ok(())
    }

    /// Runs after a new row is written, in the same transaction (a new price closes the
    /// one it replaces).
    async fn after_create(
        _txn: &DatabaseTransaction,
        _model: &Self::Model,
        _actor: &Actor,
    ) -> Result<(), ApiError> {
        Ok(())
    }
}

/// Applies `input` to `model`, then checks the kind's value rules (see
/// `entities::record::rules`) on the result: the same rules the seed files are held to. A
/// field the input already got an error for (missing, null, unknown) is not refused again.
async fn apply<E>(
    cx: &mut Apply<'_>,
    model: &mut E::Model,
    input: E::Input,
) -> Result<E::Links, ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send,
{
    let links = E::apply(cx, model, input).await?;
    let refused: Vec<Vec<String>> = cx.errors.0.iter().map(|e| e.field.clone()).collect();
    for broken in rules::violations::<E>(model, &E::field) {
        let field = E::field(broken.column);
        if !refused.iter().any(|f| f.last() == Some(&field)) {
            cx.errors.invalid(&field, broken.message);
        }
    }
    Ok(links)
}

/// Brings the search index up to date for one record: its texts, or nothing once deleted.
async fn reindex<E>(txn: &DatabaseTransaction, model: &E::Model, live: bool) -> Result<(), ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send,
{
    if let Some(texts) = E::search_texts(model) {
        entities::search::reindex(
            txn,
            E::KIND.name(),
            vec![(E::id(model), live.then_some(texts))],
        )
        .await?;
    }
    Ok(())
}

/// Begins a transaction holding the write lock from its first statement.
pub async fn begin(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

async fn snapshot<E>(txn: &DatabaseTransaction, model: &E::Model) -> Result<Value, ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send,
{
    let links = links::read_one(txn, E::LINKS, E::id(model)).await?;
    Ok(audit::snapshot(E::KIND, model, links))
}

/// Writes one audit-trail entry.
pub async fn record(
    txn: &DatabaseTransaction,
    actor: &Actor,
    kind: Kind,
    entity_id: i64,
    action: RevisionAction,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<(), ApiError> {
    revision::ActiveModel {
        id: NotSet,
        entity_type: Set(kind.name().to_owned()),
        entity_id: Set(entity_id),
        action: Set(action),
        actor_user_id: Set(actor.user_id),
        actor_label: Set(actor.label.clone()),
        at: Set(Utc::now()),
        before: Set(before),
        after: Set(after),
    }
    .insert(txn)
    .await?;
    Ok(())
}

fn conflict(current: i32) -> UserError {
    UserError {
        field: vec!["expectedVersion".into()],
        message: format!(
            "someone changed this record first: it is now at version {current}; reload it and apply your change again"
        ),
        code: UserErrorCode::Conflict,
    }
}

fn not_found(name: &str, id: i64, deleted: bool) -> UserError {
    UserError {
        field: vec!["id".into()],
        message: format!(
            "no {}{name} with this id (row {id})",
            if deleted { "deleted " } else { "" }
        ),
        code: UserErrorCode::NotFound,
    }
}

/// A unique index refused the write: another live record took the value meanwhile.
fn taken(err: &DbErr) -> Option<UserError> {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => Some(UserError {
            field: vec!["input".into()],
            message: "a unique value of this record is already used by another one".into(),
            code: UserErrorCode::Taken,
        }),
        _ => None,
    }
}

async fn load<E>(
    txn: &DatabaseTransaction,
    id: i64,
    deleted: bool,
) -> Result<Option<E::Model>, ApiError>
where
    E: Record,
    E::Model: Serialize + Clone + Send + Sync,
{
    let query = E::find().filter(E::id_column().eq(id));
    let query = if deleted {
        query.filter(E::deleted_at_column().is_not_null())
    } else {
        query.filter(E::deleted_at_column().is_null())
    };
    Ok(query.one(txn).await?)
}

/// Writes `model` over the row at `expected` version; false if someone else changed it.
async fn overwrite<E>(
    txn: &DatabaseTransaction,
    model: &E::Model,
    expected: i32,
) -> Result<Result<bool, UserError>, ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send,
{
    let active = model.clone().into_active_model().reset_all();
    let result = E::update_many()
        .set(active)
        .filter(E::id_column().eq(E::id(model)))
        .filter(E::version_column().eq(expected))
        .exec(txn)
        .await;
    match result {
        Ok(done) => Ok(Ok(done.rows_affected == 1)),
        Err(err) => match taken(&err) {
            Some(user_error) => Ok(Err(user_error)),
            None => Err(err.into()),
        },
    }
}

async fn fail<T>(txn: DatabaseTransaction, errors: Vec<UserError>) -> Result<Outcome<T>, ApiError> {
    txn.rollback().await?;
    Ok(Err(errors))
}

/// Creates a record from `input`.
pub async fn create<E>(
    db: &DatabaseConnection,
    actor: &Actor,
    input: E::Input,
) -> Result<Outcome<E::Model>, ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send + ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior,
{
    let txn = begin(db).await?;
    match create_in::<E>(&txn, actor, input).await? {
        Ok(created) => {
            txn.commit().await?;
            Ok(Ok(created))
        }
        Err(errors) => fail(txn, errors).await,
    }
}

/// Creates a record from `input` inside `txn`, which the caller commits — or rolls back on
/// user errors, so that nothing is written (accepting an inbox item creates its event and
/// marks the item in one transaction).
pub async fn create_in<E>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    input: E::Input,
) -> Result<Outcome<E::Model>, ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send + ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior,
{
    let mut model = E::blank(Utc::now());
    let mut errors = Errors::default();
    let mut cx = Apply {
        txn,
        creating: true,
        errors: &mut errors,
    };
    let links = apply::<E>(&mut cx, &mut model, input).await?;
    if errors.is_empty() {
        E::unique(txn, &model, &mut errors).await?;
    }
    if !errors.is_empty() {
        return Ok(Err(errors.0));
    }
    let mut active = model.into_active_model().reset_all();
    active.not_set(E::id_column());
    let inserted = match active.insert(txn).await {
        Ok(inserted) => inserted,
        Err(err) => match taken(&err) {
            Some(user_error) => return Ok(Err(vec![user_error])),
            None => return Err(err.into()),
        },
    };
    let id = E::id(&inserted);
    E::write_links(txn, id, links).await?;
    E::after_create(txn, &inserted, actor).await?;
    E::notify(txn, &inserted).await?;
    reindex::<E>(txn, &inserted, true).await?;
    let after = snapshot::<E>(txn, &inserted).await?;
    record(
        txn,
        actor,
        E::KIND,
        id,
        RevisionAction::Create,
        None,
        Some(after),
    )
    .await?;
    Ok(Ok(inserted))
}

/// The live record `id`, if it is still at `expected` version: NOT_FOUND or CONFLICT
/// otherwise.
async fn live_at<E>(
    txn: &DatabaseTransaction,
    id: i64,
    expected: i32,
) -> Result<Result<E::Model, UserError>, ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send,
{
    Ok(match load::<E>(txn, id, false).await? {
        None => Err(not_found(E::KIND.name(), id, false)),
        Some(row) if E::version(&row) != expected => Err(conflict(E::version(&row))),
        Some(row) => Ok(row),
    })
}

/// Applies `input` to the live record `id` if it is still at `expected` version.
pub async fn update<E>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    input: E::Input,
    expected: i32,
) -> Result<Outcome<E::Model>, ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send + ActiveModelTrait<Entity = E>,
{
    let txn = begin(db).await?;
    let before = match live_at::<E>(&txn, id, expected).await? {
        Ok(before) => before,
        Err(refused) => return fail(txn, vec![refused]).await,
    };
    let before_snapshot = snapshot::<E>(&txn, &before).await?;
    let mut model = before.clone();
    let mut errors = Errors::default();
    let mut cx = Apply {
        txn: &txn,
        creating: false,
        errors: &mut errors,
    };
    let links = apply::<E>(&mut cx, &mut model, input).await?;
    if errors.is_empty() {
        E::unique(&txn, &model, &mut errors).await?;
    }
    if !errors.is_empty() {
        return fail(txn, errors.0).await;
    }
    E::stamp(&mut model, expected + 1, Utc::now(), None);
    match overwrite::<E>(&txn, &model, expected).await? {
        Ok(true) => {}
        Ok(false) => return fail(txn, vec![conflict(expected + 1)]).await,
        Err(user_error) => return fail(txn, vec![user_error]).await,
    }
    E::write_links(&txn, id, links).await?;
    finish::<E>(
        txn,
        actor,
        RevisionAction::Update,
        before_snapshot,
        model,
        true,
    )
    .await
}

/// Soft-deletes the live record `id` if it is still at `expected` version.
pub async fn delete<E>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    expected: i32,
) -> Result<Outcome<E::Model>, ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send + ActiveModelTrait<Entity = E>,
{
    let txn = begin(db).await?;
    let before = match live_at::<E>(&txn, id, expected).await? {
        Ok(before) => before,
        Err(refused) => return fail(txn, vec![refused]).await,
    };
    let mut errors = Errors::default();
    still_pointed_at::<E>(&txn, &before, &mut errors).await?;
    if !errors.is_empty() {
        return fail(txn, errors.0).await;
    }
    let before_snapshot = snapshot::<E>(&txn, &before).await?;
    let mut model = before.clone();
    let now = Utc::now();
    E::stamp(&mut model, expected + 1, now, Some(now));
    if !matches!(overwrite::<E>(&txn, &model, expected).await?, Ok(true)) {
        return fail(txn, vec![conflict(expected + 1)]).await;
    }
    finish::<E>(
        txn,
        actor,
        RevisionAction::Delete,
        before_snapshot,
        model,
        false,
    )
    .await
}

/// Brings back the soft-deleted record `id`, unless its unique values were taken meanwhile.
pub async fn restore<E>(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<Outcome<E::Model>, ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send + ActiveModelTrait<Entity = E>,
{
    let txn = begin(db).await?;
    let Some(before) = load::<E>(&txn, id, true).await? else {
        return fail(txn, vec![not_found(E::KIND.name(), id, true)]).await;
    };
    let mut errors = Errors::default();
    points_at_deleted::<E>(&txn, &before, &mut errors).await?;
    E::unique(&txn, &before, &mut errors).await?;
    if !errors.is_empty() {
        return fail(txn, errors.0).await;
    }
    let before_snapshot = snapshot::<E>(&txn, &before).await?;
    let mut model = before.clone();
    let version = E::version(&before);
    E::stamp(&mut model, version + 1, Utc::now(), None);
    match overwrite::<E>(&txn, &model, version).await? {
        Ok(true) => {}
        Ok(false) => return fail(txn, vec![conflict(version + 1)]).await,
        Err(user_error) => return fail(txn, vec![user_error]).await,
    }
    finish::<E>(
        txn,
        actor,
        RevisionAction::Restore,
        before_snapshot,
        model,
        true,
    )
    .await
}

/// How every change to a stored record ends: its search texts, the revision with the state
/// before and after, and the commit.
async fn finish<E>(
    txn: DatabaseTransaction,
    actor: &Actor,
    action: RevisionAction,
    before: Value,
    model: E::Model,
    live: bool,
) -> Result<Outcome<E::Model>, ApiError>
where
    E: EditSpec,
    E::Model: Serialize + Clone + Send + Sync + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: Send,
{
    reindex::<E>(&txn, &model, live).await?;
    let after = snapshot::<E>(&txn, &model).await?;
    let id = E::id(&model);
    record(&txn, actor, E::KIND, id, action, Some(before), Some(after)).await?;
    txn.commit().await?;
    Ok(Ok(model))
}
