//! The vocabulary tables (media types, tasks), upserted by slug in list order.

use entities::{media_type, task};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel,
};

use super::report::Report;
use crate::parse::Dataset;

/// Upserts the vocabulary tables (media types, tasks) by slug.
pub(super) async fn sync_vocabulary<C: ConnectionTrait>(
    db: &C,
    report: &mut Report,
    data: &Dataset,
) -> Result<(), DbErr> {
    // Media types and tasks have the same shape: slug, names, description, list position.
    macro_rules! sync_kind {
        ($kind:literal, $entity:ident, $seeds:expr) => {
            let stored = $entity::Entity::find().all(db).await?;
            for (position, v) in $seeds.iter().enumerate() {
                let counts = report.counts($kind);
                match stored.iter().find(|m| m.slug == v.slug) {
                    Some(m)
                        if m.name == v.name
                            && m.name_zh == v.name_zh
                            && m.description == v.description
                            && m.position == position as i32 =>
                    {
                        counts.unchanged += 1
                    }
                    Some(m) => {
                        counts.updated += 1;
                        let mut active = m.clone().into_active_model();
                        active.name = Set(v.name.clone());
                        active.name_zh = Set(v.name_zh.clone());
                        active.description = Set(v.description.clone());
                        active.position = Set(position as i32);
                        active.update(db).await?;
                    }
                    None => {
                        counts.created += 1;
                        $entity::ActiveModel {
                            id: NotSet,
                            slug: Set(v.slug.clone()),
                            name: Set(v.name.clone()),
                            name_zh: Set(v.name_zh.clone()),
                            description: Set(v.description.clone()),
                            position: Set(position as i32),
                        }
                        .insert(db)
                        .await?;
                    }
                }
            }
        };
    }
    sync_kind!("MediaType", media_type, data.media_types);
    sync_kind!("Task", task, data.tasks);
    Ok(())
}
