//! Seeding again: upserts by natural key, idempotent, careful with the team's edits, and
//! export → seed → export giving the same files.

use std::path::{Path, PathBuf};

use entities::Role;
use serde_json::json;

use crate::harness::{Backend, TestApp};

/// A copy of the starter fixture in a fresh folder, to edit.
fn copy_of_starter() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "aigc-seed-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/starter"),
        &dir,
    );
    dir
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push((
                    path.strip_prefix(root).unwrap().display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

async fn sync(app: &TestApp, dir: &Path, dry_run: bool, force: bool) -> seeds::Report {
    let data = seeds::Dataset::from_dir(dir).unwrap_or_else(|p| panic!("{p}"));
    seeds::sync(&app.db, &data, seeds::Options { dry_run, force })
        .await
        .unwrap()
}

both! {
    async fn seeding_twice_changes_nothing(backend) {
        let app = TestApp::seeded(backend).await;
        let data = crate::harness::starter();
        let again = seeds::sync(&app.db, &data, seeds::Options::default()).await.unwrap();
        let total = again.total();
        assert_eq!((total.created, total.updated, total.conflicts), (0, 0, 0), "{:?}", again.changes);
        assert!(total.unchanged > 100);
        assert!(again.changes.is_empty());
    }

    async fn export_seed_export_gives_the_same_files(backend) {
        let first = TestApp::seeded(backend.clone()).await;
        let one = std::env::temp_dir().join(format!("aigc-export-a-{}", rand_suffix()));
        let two = std::env::temp_dir().join(format!("aigc-export-b-{}", rand_suffix()));
        let written = seeds::export(&first.db, &one).await.unwrap();
        assert!(written > 100);
        let second = TestApp::empty(backend).await;
        sync(&second, &one, false, false).await;
        seeds::export(&second.db, &two).await.unwrap();
        let (a, b) = (files(&one), files(&two));
        assert_eq!(a.len(), b.len());
        for ((name_a, text_a), (name_b, text_b)) in a.iter().zip(&b) {
            assert_eq!(name_a, name_b);
            assert_eq!(text_a, text_b, "{name_a} differs after the round trip");
        }
        std::fs::remove_dir_all(one).ok();
        std::fs::remove_dir_all(two).ok();
    }

    async fn changes_update_team_edits_conflict_and_force_overwrites(backend) {
        let app = TestApp::seeded(backend).await;
        let dir = copy_of_starter();
        edit(&dir, "companies/zhipu.yaml", "headquarters: Beijing", "headquarters: Beijing Haidian");

        // A dry run reports the change field by field and writes nothing.
        let dry = sync(&app, &dir, true, false).await;
        assert_eq!(dry.of("Company").updated, 1);
        assert!(dry.changes.iter().any(|c| c.contains("update Company zhipu") && c.contains("headquarters: \"Beijing\" → \"Beijing Haidian\"")), "{:?}", dry.changes);
        let hq = || async { app.data(r#"{ company(slug: "zhipu") { headquarters version } }"#, json!({})).await["company"].clone() };
        assert_eq!(hq().await["headquarters"], "Beijing");

        let real = sync(&app, &dir, false, false).await;
        assert_eq!(real.of("Company").updated, 1);
        assert_eq!(hq().await, json!({ "headquarters": "Beijing Haidian", "version": 2 }));
        let viewer = app.user("v@example.org", Role::Viewer).await;
        let id = app.data(r#"{ company(slug: "zhipu") { id } }"#, json!({})).await["company"]["id"].clone();
        let trail = app.data_as(Some(&viewer), "query($id: ID!) { revisions(entityId: $id) { nodes { action actor } } }", json!({ "id": id })).await;
        assert_eq!(trail["revisions"]["nodes"][0], json!({ "action": "UPDATE", "actor": "seed" }));

        // The team edits the company; a later seed does not overwrite it.
        let editor = app.user("e@example.org", Role::Editor).await;
        app.data_as(Some(&editor), "mutation($id: ID!) { updateCompany(id: $id, input: { headquarters: \"Beijing (team)\" }, expectedVersion: 2) { userErrors { code } } }", json!({ "id": id })).await;
        edit(&dir, "companies/zhipu.yaml", "headquarters: Beijing Haidian", "headquarters: Beijing Zhongguancun");
        let conflict = sync(&app, &dir, false, false).await;
        assert_eq!(conflict.of("Company").conflicts, 1);
        assert!(conflict.changes.iter().any(|c| c.starts_with("conflict Company zhipu")), "{:?}", conflict.changes);
        assert_eq!(hq().await["headquarters"], "Beijing (team)");

        // --force overwrites, and says so in the audit trail.
        let forced = sync(&app, &dir, false, true).await;
        assert_eq!(forced.of("Company").updated, 1);
        assert_eq!(hq().await["headquarters"], "Beijing Zhongguancun");
        std::fs::remove_dir_all(dir).ok();
    }

    async fn rows_the_team_deleted_stay_deleted(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let id = app.data(r#"{ company(slug: "heygen") { id } }"#, json!({})).await["company"]["id"].clone();
        // HeyGen has a product; delete it first, then the company.
        let product = app.data(r#"{ product(slug: "heygen") { id } }"#, json!({})).await["product"]["id"].clone();
        app.data_as(Some(&editor), "mutation($id: ID!) { deleteProduct(id: $id, expectedVersion: 1) { userErrors { code } } }", json!({ "id": product })).await;
        app.data_as(Some(&editor), "mutation($id: ID!) { deleteCompany(id: $id, expectedVersion: 1) { userErrors { code } } }", json!({ "id": id })).await;
        let again = seeds::sync(&app.db, &crate::harness::starter(), seeds::Options::default()).await.unwrap();
        assert_eq!(again.of("Company").conflicts, 1);
        assert_eq!(again.of("Product").conflicts, 1);
        assert!(app.data(r#"{ company(slug: "heygen") { id } }"#, json!({})).await["company"].is_null());
    }
}

#[tokio::test]
async fn a_broken_file_writes_nothing() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let dir = copy_of_starter();
    edit(
        &dir,
        "companies/zhipu.yaml",
        "headquarters: Beijing",
        "headquarters: Beijing Haidian",
    );
    edit(
        &dir,
        "prices.csv",
        "2024-06-20,,,,,https://www.anthropic.com/news/claude-3-5-sonnet,,HIGH",
        "2024-06-31,,,,,https://www.anthropic.com/news/claude-3-5-sonnet,,HIGH",
    );
    let problems = seeds::Dataset::from_dir(&dir).unwrap_err();
    assert!(
        problems
            .to_string()
            .contains("prices.csv:8: column `effective_from`: `2024-06-31` is not a date"),
        "{problems}"
    );
    assert_eq!(
        app.data(r#"{ company(slug: "zhipu") { headquarters } }"#, json!({}))
            .await["company"]["headquarters"],
        "Beijing"
    );
    std::fs::remove_dir_all(dir).ok();
}
