//! The curated lists built into the binary (`seeds/data`): they load into both databases as
//! `serve` loads them, a second load changes nothing, and they hold what the team relies on.

use std::collections::{BTreeSet, HashSet};

use aigc_landscape::db;
use serde_json::json;

use crate::harness::TestApp;

fn curated() -> seeds::Dataset {
    seeds::Dataset::builtin().unwrap_or_else(|p| panic!("{p}"))
}

both! {
    async fn the_curated_lists_load_once_and_reload_unchanged(backend) {
        let app = TestApp::empty(backend).await;
        let first = db::seed_if_empty(&app.db).await.unwrap().expect("an empty database is seeded");
        assert!(first.total().created > 1000, "{first}");
        // Successors named before the model they point to, parents, links: nothing moves.
        let again = seeds::sync(&app.db, &curated(), seeds::Options::default()).await.unwrap();
        let total = again.total();
        assert_eq!((total.created, total.updated, total.conflicts), (0, 0, 0), "{:?}", again.changes);
        crate::search::counts_match_the_index(&app).await;

        // A product manager's first searches, in Chinese and English.
        let search = r#"query($q: String!) { search(query: $q, first: 20) { nodes { ... on Product { slug name nameZh aliases } ... on Model { slug } ... on Company { slug } } } }"#;
        let found = app.data(search, json!({ "q": "千问" })).await;
        let tongyi = found["search"]["nodes"].as_array().unwrap().iter().any(|n| {
            n["slug"] == "tongyi" && n["aliases"].as_array().unwrap().iter().any(|a| a == "通义千问")
        });
        assert!(tongyi, "{found}");
        let found = app.data(search, json!({ "q": "kling" })).await;
        assert!(found["search"]["nodes"].as_array().unwrap().iter().any(|n| n["slug"] == "kuaishou" || n["slug"] == "kling"), "{found}");

        // The May 2024 price war is in the history: qwen-long before and after 21 May.
        let q = r#"query($at: Date!) { offerings(filter: { apiModelId: "qwen-long" }) { nodes { prices(asOf: $at) { dimension amount { amount currency } } } } }"#;
        let after = app.data(q, json!({ "at": "2024-06-01" })).await;
        assert!(after.to_string().contains("\"0.0005\""), "{after}");
    }
}

/// The counts the curated-data issue set as targets, and the shape of every record.
#[test]
fn the_curated_lists_reach_their_targets() {
    let data = curated();
    let companies = data.companies.len();
    let models: usize = data.companies.iter().map(|(_, f)| f.models.len()).sum();
    let products: usize = data.companies.iter().map(|(_, f)| f.products.len()).sum();
    let priced: HashSet<&str> = data
        .prices
        .iter()
        .filter_map(|p| p.row.model.as_deref())
        .collect();
    assert!(companies >= 40, "{companies} companies");
    assert!(models >= 100, "{models} models");
    assert!(products >= 40, "{products} products");
    assert!(priced.len() >= 60, "{} priced models", priced.len());
    assert!(data.events.len() >= 120, "{} events", data.events.len());
    let currencies: BTreeSet<String> = data
        .exchange_rates
        .iter()
        .flat_map(|r| [r.row.base.clone(), r.row.quote.clone()])
        .collect();
    assert_eq!(
        currencies.into_iter().collect::<Vec<_>>(),
        ["CNY", "EUR", "USD"]
    );
    // Chinese vendors' mainland prices are in yuan.
    assert!(
        data.prices
            .iter()
            .any(|p| p.row.currency == "CNY" && p.row.provider.as_deref() == Some("deepseek"))
    );
    // Every event and price says where it came from.
    assert!(
        data.events
            .iter()
            .all(|e| !e.row.source_urls.trim().is_empty())
    );
    assert!(data.prices.iter().all(|p| {
        p.row
            .source_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }));
}
