use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::Utc;
use entities::{Role, StringList, WebhookFormat, WebhookTopic, company, webhook};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::Webhook;
use crate::{
    error::ApiError,
    graphql::{
        common::db,
        guards::RoleGuard,
        ids::{self, Kind},
    },
    notify::{deliver, sign},
    service::user_errors::{Errors, UserError},
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
}

/// The result of creating a webhook.
#[derive(SimpleObject)]
pub struct CreateWebhookPayload {
    /// The webhook; null when nothing was written.
    pub webhook: Option<Webhook>,
    /// The signing secret (`whsec_…`), shown this once: keep it in the receiver.
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

/// Managing webhooks.
#[derive(Default)]
pub struct WebhookMutation;

async fn live(ctx: &Context<'_>, id: &ID) -> Result<Option<webhook::Model>> {
    let row = ids::decode_as(id, Kind::Webhook)?;
    Ok(webhook::Entity::find_by_id(row)
        .filter(webhook::Column::DeletedAt.is_null())
        .one(db(ctx))
        .await
        .map_err(ApiError::from)?)
}

fn missing() -> Vec<UserError> {
    let mut errors = Errors::default();
    errors.add(
        &["id"],
        crate::service::user_errors::UserErrorCode::NotFound,
        "no webhook with this id",
    );
    errors.0
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
        input: WebhookInput,
    ) -> Result<CreateWebhookPayload> {
        let db = db(ctx);
        let mut errors = Errors::default();
        let name = input.name.trim().to_owned();
        if name.is_empty() {
            errors.invalid("name", "give the webhook a name that says who receives it");
        }
        let url_ok = url::Url::parse(input.url.trim())
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if !url_ok {
            errors.invalid("url", "the receiver's URL must be an absolute http(s) URL");
        }
        if input.format != WebhookFormat::Standard {
            errors.invalid(
                "format",
                format!("{} group-bot messages are not delivered yet; use STANDARD (Standard Webhooks) for now", input.format.as_str()),
            );
        }
        if input.topics.is_empty() {
            errors.invalid("topics", "choose at least one topic");
        }
        if input
            .filter
            .min_importance
            .is_some_and(|i| !(1..=5).contains(&i))
        {
            errors.add(
                &["input", "filter", "minImportance"],
                crate::service::user_errors::UserErrorCode::Invalid,
                "importance is 1 to 5",
            );
        }
        if input.language != "en" && input.language != "zh" {
            errors.invalid("language", "language is en or zh");
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
                    crate::service::user_errors::UserErrorCode::NotFound,
                    format!("no company with the slug `{slug}`"),
                );
            }
        }
        if !errors.is_empty() {
            return Ok(CreateWebhookPayload {
                webhook: None,
                secret: None,
                user_errors: errors.0,
            });
        }
        let secret = sign::new_secret();
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
            secret: Some(secret),
            user_errors: Vec::new(),
        })
    }

    /// Removes a webhook: nothing more is sent to it. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn delete_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] id: ID,
    ) -> Result<WebhookPayload> {
        let Some(hook) = live(ctx, &id).await? else {
            return Ok(WebhookPayload {
                webhook: None,
                user_errors: missing(),
            });
        };
        let mut active: webhook::ActiveModel = hook.into();
        active.deleted_at = Set(Some(Utc::now()));
        active.version = Set(active.version.clone().unwrap() + 1);
        let row = active.update(db(ctx)).await.map_err(ApiError::from)?;
        Ok(WebhookPayload {
            webhook: Some(Webhook(row)),
            user_errors: Vec::new(),
        })
    }

    /// Queues a ping to the webhook now; see its `webhookDeliveries`. Admins only.
    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn test_webhook(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The webhook's id.")] id: ID,
    ) -> Result<WebhookPayload> {
        let Some(hook) = live(ctx, &id).await? else {
            return Ok(WebhookPayload {
                webhook: None,
                user_errors: missing(),
            });
        };
        deliver::queue_ping(db(ctx), hook.id)
            .await
            .map_err(ApiError::from)?;
        Ok(WebhookPayload {
            webhook: Some(Webhook(hook)),
            user_errors: Vec::new(),
        })
    }
}
