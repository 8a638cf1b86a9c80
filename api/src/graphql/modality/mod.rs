//! Modalities: media types (what a model takes in and puts out) and tasks (what it does).

use async_graphql::{Context, ID, Object, Result};
use entities::{media_type, task};
use sea_orm::{EntityTrait, QueryOrder};

use crate::graphql::{
    context::db,
    ids::{self, Kind},
};

#[derive(Clone)]
pub struct MediaType(pub media_type::Model);

/// A media type: text, image, audio, speech, music, video, document, 3D or embedding.
#[Object]
impl MediaType {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::MediaType, self.0.id)
    }

    /// Unique key, e.g. "video"; use it in model filters.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// English name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Chinese name, e.g. "视频".
    async fn name_zh(&self) -> Option<&str> {
        self.0.name_zh.as_deref()
    }

    /// What it covers.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
}

#[derive(Clone)]
pub struct Task(pub task::Model);

/// A task a model or product does: text-to-image 文生图, text-to-video 文生视频, ASR, chat…
#[Object]
impl Task {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Task, self.0.id)
    }

    /// Unique key, e.g. "text-to-video"; use it in model and product filters.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// English name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Chinese name, e.g. "文生视频".
    async fn name_zh(&self) -> Option<&str> {
        self.0.name_zh.as_deref()
    }

    /// What it covers.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
}

/// Reading media types and tasks: small, fixed lists.
#[derive(Default)]
pub struct ModalityQuery;

#[Object]
impl ModalityQuery {
    /// Every media type, in their usual order.
    #[graphql(complexity = "20 * child_complexity")]
    async fn modalities(&self, ctx: &Context<'_>) -> Result<Vec<MediaType>> {
        let rows = media_type::Entity::find()
            .order_by_asc(media_type::Column::Position)
            .order_by_asc(media_type::Column::Id)
            .all(db(ctx))
            .await?;
        Ok(rows.into_iter().map(MediaType).collect())
    }

    /// Every task, in their usual order.
    #[graphql(complexity = "50 * child_complexity")]
    async fn tasks(&self, ctx: &Context<'_>) -> Result<Vec<Task>> {
        let rows = task::Entity::find()
            .order_by_asc(task::Column::Position)
            .order_by_asc(task::Column::Id)
            .all(db(ctx))
            .await?;
        Ok(rows.into_iter().map(Task).collect())
    }
}
