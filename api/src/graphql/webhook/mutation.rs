//! Editing webhooks: the input, how it applies onto the record, and the four mutations.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::Utc;
use entities::{Role, StringList, WebhookFormat, WebhookTopic, company, webhook};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::Webhook;
use crate::graphql::user_errors::{UserError, shown};
use crate::{
    error::ApiError,
    graphql::{
        context::db,
        guards::RoleGuard,
        ids::{self, Kind},
    },
    notify::{deliver, sign},
    service::user_errors::{Errors, UserErrorCode},
};

/// Which messages a webhook wants; all conditions must hold.
#[derive(InputObject, Default)]
pub struct WebhookFilterInput {
    /// Only messages about the team's watched companies.
    #[graphql(default)]
    pub watched_only: bool,
    /// Only messages about these companies (slugs).
    #[graphql(default)]
    pub companies: Vec<String>,
    /// Only events of at least this importance (1–5).
    pub min_importance: Option<i32>,
}

/// A new webhook.
#[derive(InputObject)]
pub struct WebhookInput {
    /// What it is for, e.g. "pricing team".
    pub name: String,
    /// The receiver's absolute http(s) URL.
    pub url: String,
    /// How messages are shaped and signed.
    pub format: WebhookFormat,
    /// What it is told about.
    pub topics: Vec<WebhookTopic>,
    /// Which messages it wants.
    #[graphql(default)]
    pub filter: WebhookFilterInput,
    /// The language of chat messages: en (the default) or zh.
    #[graphql(default_with = "\"en\".to_string()")]
    pub language: String,
    /// DingTalk's or Feishu's signing secret, when the bot has signing on ("SEC…" on
    /// DingTalk). STANDARD webhooks get a secret made here instead.
    pub signing_secret: Option<String>,
}

/// What changes on a webhook; a field left out keeps its value.
#[derive(InputObject, Default)]
pub struct WebhookUpdateInput {
    /// A new name.
    pub name: Option<String>,
    /// A new receiver URL.
    pub url: Option<String>,
    /// New topics.
    pub topics: Option<Vec<WebhookTopic>>,
    /// A new filter.
    pub filter: Option<WebhookFilterInput>,
    /// en or zh.
    pub language: Option<String>,
    /// Whether it is sent to.
    pub enabled: Option<bool>,
    /// A new DingTalk or Feishu signing secret.
    pub signing_secret: Option<String>,
}

/// The result of creating a webhook.
#[derive(SimpleObject)]
pub struct CreateWebhookPayload {
    /// The webhook; null when nothing was written.
    pub webhook: Option<Webhook>,
    /// A STANDARD webhook's signing secret (`whsec_…`), shown this once: keep it in the
    /// receiver. Null for chat bots.
    pub secret: Option<String>,
    /// What to fix; empty on success.
    pub user_errors: Vec<UserError>,
}

/// The result of deleting or testing a webhook.
#[derive(SimpleObject)]
pub struct WebhookPayload {
    /// The webhook.
    pub webhook: Option<Webhook>,
    /// What to fix; empty on success.
    pub user_errors: Vec<UserError>,
}

impl WebhookPayload {
    fn done(row: webhook::Model) -> Self {
        WebhookPayload {
            webhook: Some(Webhook(row)),
            user_errors: Vec::new(),
        }
    }
}

/// Managing webhooks.
#[derive(Default)]
pub struct WebhookMutation;

/// The live webhook `id`, or the payload that says it is not there.
async fn live(ctx: &Context<'_>, id: &ID) -> Result<Result<webhook::Model, WebhookPayload>> {
    let row = ids::decode_as(id, Kind::Webhook)?;
    let found = webhook::Entity::find_by_id(row)
        .filter(webhook::Column::DeletedAt.is_null())
        .one(db(ctx))
        .await
        .map_err(ApiError::from)?;
    Ok(found.ok_or_else(|| {
        let mut errors = Errors::default();
        errors.add(&["id"], UserErrorCode::NotFound, "no webhook with this id");
        WebhookPayload {
            webhook: None,
            user_errors: shown(errors.0),
        }
    }))
}

/// The rules create and update share: an http(s) URL, some topics, importance 1–5, a language.
fn check(
    errors: &mut Errors,
    url: Option<&str>,
    topics: Option<&[WebhookTopic]>,
    min_importance: Option<i32>,
    language: Option<&str>,
) {
    if let Some(url) = url
        && !url::Url::parse(url)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
    {
        errors.invalid("url", "the receiver's URL must be an absolute http(s) URL");
    }
    if topics.is_some_and(|t| t.is_empty()) {
        errors.invalid("topics", "choose at least one topic");
    }
    if min_importance.is_some_and(|i| !(1..=5).contains(&i)) {
        errors.add(
            &["input", "filter", "minImportance"],
            UserErrorCode::Invalid,
            "importance is 1 to 5",
        );
    }
    if language.is_some_and(|l| l != "en" && l != "zh") {
        errors.invalid("language", "language is en or zh");
    }
}

#[Object]
impl WebhookMutation {
    /// Adds a webhook; the answer shows its signing secret once. Messages are written in the
    /// transaction of the change, delivered at least once with `webhook-id` as the idempotency
    /// key, and retried over more than a day. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new webhook.")] input: WebhookInput,
    ) -> Result<CreateWebhookPayload> {
        let db = db(ctx);
        let mut errors = Errors::default();
        let name = input.name.trim().to_owned();
        if name.is_empty() {
            errors.invalid("name", "give the webhook a name that says who receives it");
        }
        check(
            &mut errors,
            Some(input.url.trim()),
            Some(&input.topics),
            input.filter.min_importance,
            Some(&input.language),
        );
        if input.signing_secret.is_some()
            && !matches!(
                input.format,
                WebhookFormat::Dingtalk | WebhookFormat::Feishu
            )
        {
            errors.invalid("signingSecret", "only DingTalk and Feishu bots take a signing secret; STANDARD webhooks get one made here");
        }
        for (i, slug) in input.filter.companies.iter().enumerate() {
            let known = company::Entity::find()
                .filter(company::Column::Slug.eq(slug))
                .filter(company::Column::DeletedAt.is_null())
                .count(db)
                .await
                .map_err(ApiError::from)?;
            if known == 0 {
                errors.add(
                    &["input", "filter", "companies", &i.to_string()],
                    UserErrorCode::NotFound,
                    format!("no company with the slug `{slug}`"),
                );
            }
        }
        if !errors.is_empty() {
            return Ok(CreateWebhookPayload {
                webhook: None,
                secret: None,
                user_errors: shown(errors.0),
            });
        }
        let secret = match input.format {
            WebhookFormat::Standard => sign::new_secret(),
            _ => input
                .signing_secret
                .clone()
                .unwrap_or_default()
                .trim()
                .to_owned(),
        };
        let shown = (input.format == WebhookFormat::Standard).then(|| secret.clone());
        let now = Utc::now();
        let row = webhook::ActiveModel {
            id: NotSet,
            name: Set(name),
            url: Set(input.url.trim().to_owned()),
            format: Set(input.format),
            topics: Set(StringList(
                input.topics.iter().map(|t| t.as_str().to_owned()).collect(),
            )),
            watched_only: Set(input.filter.watched_only),
            companies: Set(StringList(input.filter.companies)),
            min_importance: Set(input.filter.min_importance),
            language: Set(input.language),
            secret: Set(secret.clone()),
            enabled: Set(true),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            deleted_at: Set(None),
        }
        .insert(db)
        .await
        .map_err(ApiError::from)?;
        Ok(CreateWebhookPayload {
            webhook: Some(Webhook(row)),
            secret: shown,
            user_errors: Vec::new(),
        })
    }

    /// Changes a webhook: a field left out keeps its value. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn update_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] id: ID,
        #[graphql(desc = "What changes; a field left out keeps its value.")]
        input: WebhookUpdateInput,
    ) -> Result<WebhookPayload> {
        let hook = match live(ctx, &id).await? {
            Ok(hook) => hook,
            Err(refused) => return Ok(refused),
        };
        let mut errors = Errors::default();
        check(
            &mut errors,
            input.url.as_deref().map(str::trim),
            input.topics.as_deref(),
            input.filter.as_ref().and_then(|f| f.min_importance),
            input.language.as_deref(),
        );
        let mut active: webhook::ActiveModel = hook.clone().into();
        if let Some(name) = input.name.map(|n| n.trim().to_owned()) {
            if name.is_empty() {
                errors.invalid("name", "the name cannot be empty");
            }
            active.name = Set(name);
        }
        if let Some(url) = input.url.map(|u| u.trim().to_owned()) {
            active.url = Set(url);
        }
        if let Some(topics) = input.topics {
            active.topics = Set(StringList(
                topics.iter().map(|t| t.as_str().to_owned()).collect(),
            ));
        }
        if let Some(filter) = input.filter {
            active.watched_only = Set(filter.watched_only);
            active.companies = Set(StringList(filter.companies));
            active.min_importance = Set(filter.min_importance);
        }
        if let Some(language) = input.language {
            active.language = Set(language);
        }
        if let Some(enabled) = input.enabled {
            active.enabled = Set(enabled);
        }
        if let Some(secret) = input.signing_secret {
            if !matches!(hook.format, WebhookFormat::Dingtalk | WebhookFormat::Feishu) {
                errors.invalid(
                    "signingSecret",
                    "only DingTalk and Feishu bots take a signing secret",
                );
            }
            active.secret = Set(secret.trim().to_owned());
        }
        if !errors.is_empty() {
            return Ok(WebhookPayload {
                webhook: None,
                user_errors: shown(errors.0),
            });
        }
        active.version = Set(hook.version + 1);
        active.updated_at = Set(Utc::now());
        let row = active.update(db(ctx)).await.map_err(ApiError::from)?;
        Ok(WebhookPayload::done(row))
    }

    /// Removes a webhook: nothing more is sent to it. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn delete_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] id: ID,
    ) -> Result<WebhookPayload> {
        let hook = match live(ctx, &id).await? {
            Ok(hook) => hook,
            Err(refused) => return Ok(refused),
        };
        let version = hook.version;
        let mut active: webhook::ActiveModel = hook.into();
        active.deleted_at = Set(Some(Utc::now()));
        active.version = Set(version + 1);
        let row = active.update(db(ctx)).await.map_err(ApiError::from)?;
        Ok(WebhookPayload::done(row))
    }

    /// Queues a ping to the webhook now; see its `webhookDeliveries`. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn test_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] id: ID,
    ) -> Result<WebhookPayload> {
        let hook = match live(ctx, &id).await? {
            Ok(hook) => hook,
            Err(refused) => return Ok(refused),
        };
        deliver::queue_ping(db(ctx), hook.id)
            .await
            .map_err(ApiError::from)?;
        Ok(WebhookPayload::done(hook))
    }
}
