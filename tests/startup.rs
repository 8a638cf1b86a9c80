//! Start-up: migrating and seeding are safe to repeat and never touch existing data.

use aigc_landscape::db;
use entities::company;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

use crate::harness::TestApp;

both! {
    async fn restarting_never_reseeds_or_loses_edits(backend) {
        let app = TestApp::empty(backend).await;
        let first = db::seed_if_empty(&app.db).await.unwrap().expect("an empty database is seeded");
        assert_eq!(first.of("Company").created, company::Entity::find().count(&app.db).await.unwrap() as usize);

        // The team edits a company; a restart migrates and seeds again.
        let deepseek = company::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.slug == "deepseek")
            .unwrap();
        let mut edit: company::ActiveModel = deepseek.into();
        edit.description = Set(Some("edited by the team".into()));
        edit.update(&app.db).await.unwrap();
        let count = company::Entity::find().count(&app.db).await.unwrap();

        db::migrate(&app.db).await.unwrap();
        assert!(db::seed_if_empty(&app.db).await.unwrap().is_none(), "a database with data is not seeded");
        assert_eq!(company::Entity::find().count(&app.db).await.unwrap(), count);
        let kept = company::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.slug == "deepseek")
            .unwrap();
        assert_eq!(kept.description.as_deref(), Some("edited by the team"));
    }
}

/// SQLite allocates through mimalloc once a pool is open (set before SQLite starts).
#[tokio::test]
async fn sqlite_allocates_through_mimalloc() {
    let _app = TestApp::empty(crate::harness::Backend::Sqlite).await;
    assert!(aigc_landscape::sqlite_memory::configured());
}
