//! search: Chinese and English, exact before prefix before substring, kept up to date by edits.

use entities::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, code};

const SEARCH: &str = r#"query($q: String!, $first: Int, $after: String) { search(query: $q, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { __typename ... on Company { slug } ... on Model { slug } ... on Product { slug } ... on Event { slug } } } }"#;

fn hits(data: &Value) -> Vec<String> {
    data["search"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{}:{}",
                n["__typename"].as_str().unwrap(),
                n["slug"].as_str().unwrap()
            )
        })
        .collect()
}

both! {
    async fn chinese_and_english_names_and_aliases(backend) {
        let app = TestApp::seeded(backend).await;
        // Two Chinese characters inside a longer alias.
        assert_eq!(hits(&app.data(SEARCH, json!({ "q": "千问" })).await), ["Model:qwen-long", "Product:tongyi"]);
        assert_eq!(hits(&app.data(SEARCH, json!({ "q": "豆包" })).await), ["Product:doubao"]);
        // Exact (the alias "Qwen") before prefix ("Qwen-Long"), any case.
        assert_eq!(hits(&app.data(SEARCH, json!({ "q": "QWEN" })).await), ["Product:tongyi", "Model:qwen-long"]);
        let deepseek = hits(&app.data(SEARCH, json!({ "q": "deepseek", "first": 3 })).await);
        assert_eq!(deepseek, ["Company:deepseek", "Product:deepseek-chat-app", "Model:deepseek-r1"]);
        // Substrings, and events by title.
        let r1 = hits(&app.data(SEARCH, json!({ "q": "-r1", "first": 10 })).await);
        assert!(r1.contains(&"Model:deepseek-r1".to_owned()) && r1.contains(&"Event:2025-01-20-deepseek-r1".to_owned()), "{r1:?}");
        assert!(hits(&app.data(SEARCH, json!({ "q": "no such thing at all" })).await).is_empty());
        let error = app.error(SEARCH, json!({ "q": "x" })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
    }

    async fn pages_follow_the_ranking(backend) {
        let app = TestApp::seeded(backend).await;
        let all = app.data(SEARCH, json!({ "q": "deepseek", "first": 100 })).await;
        let total = all["search"]["totalCount"].as_u64().unwrap() as usize;
        assert!(total >= 8, "{total}");
        let mut paged = Vec::new();
        let mut after = Value::Null;
        loop {
            let page = app.data(SEARCH, json!({ "q": "deepseek", "first": 3, "after": after })).await;
            paged.extend(hits(&page));
            if page["search"]["pageInfo"]["hasNextPage"] == false {
                break;
            }
            after = page["search"]["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(paged, hits(&all));
    }

    async fn edits_keep_the_index_current(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let made = app
            .data_as(Some(&editor), r#"mutation { createCompany(input: { slug: "stepfun", name: "StepFun", nameZh: "阶跃星辰", kind: STARTUP }) { company { id } } }"#, json!({}))
            .await;
        let id = made["createCompany"]["company"]["id"].clone();
        assert_eq!(hits(&app.data(SEARCH, json!({ "q": "星辰" })).await), ["Company:stepfun"]);
        app.data_as(Some(&editor), "mutation($id: ID!) { updateCompany(id: $id, input: { nameZh: \"阶跃\" }, expectedVersion: 1) { userErrors { code } } }", json!({ "id": id })).await;
        assert!(hits(&app.data(SEARCH, json!({ "q": "星辰" })).await).is_empty());
        app.data_as(Some(&editor), "mutation($id: ID!) { deleteCompany(id: $id, expectedVersion: 2) { userErrors { code } } }", json!({ "id": id })).await;
        assert!(hits(&app.data(SEARCH, json!({ "q": "stepfun" })).await).is_empty());
        app.data_as(Some(&editor), "mutation($id: ID!) { restoreCompany(id: $id) { userErrors { code } } }", json!({ "id": id })).await;
        assert_eq!(hits(&app.data(SEARCH, json!({ "q": "stepfun" })).await), ["Company:stepfun"]);
        counts_match_the_index(&app).await;
    }
}

/// Every pair's kept count of postings is the number of index rows that hold it.
pub async fn counts_match_the_index(app: &TestApp) {
    use sea_orm::{ConnectionTrait, Statement};

    let mismatched = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT c.gram FROM search_gram_counts c LEFT JOIN \
             (SELECT gram, COUNT(*) AS n FROM search_grams GROUP BY gram) g ON g.gram = c.gram \
             WHERE c.postings <> COALESCE(g.n, 0) \
             UNION ALL SELECT g.gram FROM search_grams g LEFT JOIN search_gram_counts c ON c.gram = g.gram WHERE c.gram IS NULL",
        ))
        .await
        .unwrap();
    assert!(
        mismatched.is_empty(),
        "{} pairs miscounted",
        mismatched.len()
    );
}

both! {
    async fn upgrading_a_database_indexes_the_records_it_holds(backend) {
        use migration::MigratorTrait;

        let app = TestApp::seeded(backend).await;
        let before = hits(&app.data(SEARCH, json!({ "q": "千问" })).await);
        assert!(!before.is_empty());
        // A database from before the index: the migration that adds it is not applied yet.
        let all = migration::Migrator::migrations();
        let index = all.iter().position(|m| m.name() == "m20261129_000004_search_grams").expect("the index migration");
        migration::Migrator::down(&app.db, Some((all.len() - index) as u32)).await.expect("undo the index migration");
        migration::Migrator::up(&app.db, None).await.expect("apply it again");
        assert_eq!(hits(&app.data(SEARCH, json!({ "q": "千问" })).await), before);
        assert!(!hits(&app.data(SEARCH, json!({ "q": "gpt-4o" })).await).is_empty());
        counts_match_the_index(&app).await;
    }
}

/// The search index's table and indexes, as the database itself describes them.
async fn index_definitions(app: &TestApp) -> Vec<String> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    let backend = app.db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'search_grams' \
             UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint \
             WHERE conrelid = 'search_grams'::regclass ORDER BY 1"
        }
        _ => {
            "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master \
             WHERE tbl_name = 'search_grams' ORDER BY 1"
        }
    };
    let rows = app
        .db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap();
    rows.iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
}

both! {
    async fn a_large_first_load_builds_the_indexes_the_migration_made(backend) {
        let app = TestApp::empty(backend).await;
        let made = index_definitions(&app).await;
        assert!(made.len() >= 2, "{made:?}");
        let set_aside = |from: usize| {
            app.statements_since(from).iter().filter(|s| s.starts_with("DROP INDEX")).count()
        };
        // 1,600 records to index into an empty index: its indexes are set aside and built
        // again after the rows.
        let from = app.statements();
        seeds::load(&app.db, &crate::harness::synthetic(400)).await.expect("the first load");
        assert_eq!(set_aside(from), 1, "the index on (entity_type, entity_id)");
        assert_eq!(index_definitions(&app).await, made);
        let found = hits(&app.data(SEARCH, json!({ "q": "synth-123", "first": 10 })).await);
        assert_eq!(found[0], "Company:synth-123", "{found:?}");
        assert!(found.contains(&"Model:synth-123-a".to_owned()), "{found:?}");
        counts_match_the_index(&app).await;
        // A large load into an index that holds rows keeps its indexes in place.
        let from = app.statements();
        seeds::load(&app.db, &crate::harness::synthetic(700)).await.expect("the second load");
        assert_eq!(set_aside(from), 0);
        assert_eq!(index_definitions(&app).await, made);
        let found = hits(&app.data(SEARCH, json!({ "q": "synth-654", "first": 10 })).await);
        assert_eq!(found[0], "Company:synth-654", "{found:?}");
        counts_match_the_index(&app).await;
    }
}
