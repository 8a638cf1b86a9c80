//! Exporting the two vocabularies, `media_types.yaml` and `tasks.yaml`.

use std::path::Path;

use entities::*;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::{ExportError, Slugs, write, yaml};
use crate::format::*;

/// Writes `media_types.yaml` and `tasks.yaml`, returning how many records it wrote and the
/// media type and task slugs by id.
pub(super) async fn export_vocabularies<C: ConnectionTrait>(
    db: &C,
    dir: &Path,
) -> Result<(usize, Slugs, Slugs), ExportError> {
    let media = media_type::Entity::find()
        .order_by_asc(media_type::Column::Position)
        .order_by_asc(media_type::Column::Id)
        .all(db)
        .await?;
    let tasks = task::Entity::find()
        .order_by_asc(task::Column::Position)
        .order_by_asc(task::Column::Id)
        .all(db)
        .await?;
    let vocab = |slug: &str, name: &str, name_zh: &Option<String>, description: &Option<String>| {
        Vocabulary {
            slug: slug.into(),
            name: name.into(),
            name_zh: name_zh.clone(),
            description: description.clone(),
        }
    };
    write(
        dir,
        "media_types.yaml",
        &yaml(
            "media_types.yaml",
            &media
                .iter()
                .map(|m| vocab(&m.slug, &m.name, &m.name_zh, &m.description))
                .collect::<Vec<_>>(),
        )?,
    )?;
    write(
        dir,
        "tasks.yaml",
        &yaml(
            "tasks.yaml",
            &tasks
                .iter()
                .map(|t| vocab(&t.slug, &t.name, &t.name_zh, &t.description))
                .collect::<Vec<_>>(),
        )?,
    )?;
    let written = media.len() + tasks.len();
    let media_slug: Slugs = media.into_iter().map(|m| (m.id, m.slug)).collect();
    let task_slug: Slugs = tasks.into_iter().map(|t| (t.id, t.slug)).collect();
    Ok((written, media_slug, task_slug))
}
