//! SQLite's planner after a large load: `ix_events_type` is marked `noskipscan`, so the
//! half-year's page of events reads `ix_events_occurred` backwards and stops after the page.
//! (On the benchmark's scale-100 file, whose STAT4 samples this test does not rebuild, the
//! unmarked index was skip-scanned through every type and the half-year sorted: 27–34 ms
//! against 0.2 ms; `api/benches` measures it.)

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DbBackend, Statement};

/// The page `events(filter: { from, to }, first: 50)` reads, as sea-orm writes it (every
/// column, so that no index covers it).
const HALF_YEAR: &str = "EXPLAIN QUERY PLAN SELECT \"events\".* FROM \"events\" \
    WHERE \"events\".\"deleted_at\" IS NULL AND \"events\".\"occurred_on\" >= ? \
    AND \"events\".\"occurred_on\" < ? ORDER BY \"events\".\"occurred_on\" DESC, \"events\".\"id\" DESC LIMIT ?";

async fn plan(db: &sea_orm::DatabaseConnection) -> String {
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            HALF_YEAR,
            ["2025-01-01".into(), "2025-07-01".into(), 51i64.into()],
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| r.try_get::<String>("", "detail").unwrap())
        .collect::<Vec<_>>()
        .join("; ")
}

#[tokio::test]
async fn a_half_year_of_events_is_read_in_order_not_skip_scanned() {
    let dir = std::env::temp_dir().join(format!("planner-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("plan.db").display());
    // One connection: statistics are read per connection.
    let db = Database::connect(ConnectOptions::new(url).max_connections(1).to_owned())
        .await
        .unwrap();
    aigc_landscape::db::migrate(&db).await.unwrap();
    // The statistics ANALYZE wrote for the benchmark's 100,000 events (scale 100).
    db.execute_unprepared(
        "ANALYZE; DELETE FROM sqlite_stat1 WHERE tbl = 'events';
         INSERT INTO sqlite_stat1 VALUES ('events', 'ix_events_type', '100000 7693 6 1'),
           ('events', 'ix_events_occurred', '100000 71 1'), ('events', 'ix_events_recorded', '100000 71 1'),
           ('events', 'ux_events_slug', '100000 1');
         ANALYZE sqlite_schema;",
    )
    .await
    .unwrap();
    seeds::keep_from_skip_scans(&db).await.unwrap();
    let after = plan(&db).await;
    assert!(
        after.contains("ix_events_occurred") && !after.contains("TEMP B-TREE"),
        "{after}"
    );
    // Marked once, however often a load ends.
    seeds::keep_from_skip_scans(&db).await.unwrap();
    let stat: String = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_events_type'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get("", "stat")
        .unwrap();
    assert_eq!(stat, "100000 7693 6 1 noskipscan");
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
}
