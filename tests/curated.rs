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
        .filter_map(|p| p.row.offering.model.as_deref())
        .collect();
    assert!(companies >= 40, "{companies} companies");
    assert!(models >= 100, "{models} models");
    assert!(products >= 40, "{products} products");
    assert!(priced.len() >= 60, "{} priced models", priced.len());
    assert!(data.events.len() >= 120, "{} events", data.events.len());
    let currencies: BTreeSet<String> = data
        .exchange_rates
        .iter()
        .flat_map(|r| [r.row.base_currency.clone(), r.row.quote_currency.clone()])
        .collect();
    assert_eq!(
        currencies.into_iter().collect::<Vec<_>>(),
        ["CNY", "EUR", "USD"]
    );
    // Chinese vendors' mainland prices are in yuan.
    assert!(
        data.prices
            .iter()
            .any(|p| p.row.currency == "CNY"
                && p.row.offering.provider.as_deref() == Some("deepseek"))
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

/// The questions of the people this is for, answered from the curated lists: what 1M output
/// tokens cost at each vendor in yuan before the May 2024 price war and now, the cuts with
/// their before and after, filings, the buyer's own market, and news into 2026.
mod questions {
    use super::*;

    const COMPARE: &str = r#"query($slugs: [String!]!, $on: Date) { compareModels(slugs: $slugs, currency: "CNY", asOf: $on) {
      model { slug } priced offerings { outputPerMillion { amount currency stale rateDate } } } }"#;

    fn priced(data: &Value) -> Vec<(String, bool)> {
        data["compareModels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["model"]["slug"].as_str().unwrap().to_owned(),
                    m["priced"].as_bool().unwrap(),
                )
            })
            .collect()
    }

    use serde_json::Value;

    both! {
        async fn the_weekly_questions_have_answers(backend) {
            let app = TestApp::empty(backend).await;
            db::seed_if_empty(&app.db).await.unwrap();

            // Before the price war, one model per vendor that had a public price then
            // (ByteDance's Doubao launched on 2024-05-15: nothing to price on 2024-05-01).
            let before = ["ernie-4.0", "qwen-plus", "deepseek-llm-67b", "glm-4", "moonshot-v1-8k", "gpt-4-turbo"];
            let data = app.data(COMPARE, json!({ "slugs": before, "on": "2024-05-01" })).await;
            assert!(priced(&data).iter().all(|(_, p)| *p), "{data}");
            // On the last day the recorded rates cover, and today, for every vendor named.
            let now = ["ernie-4.5", "qwen-max", "deepseek-v4-pro", "glm-4", "doubao-1.5-pro", "kimi-k2", "gpt-5"];
            let data = app.data(COMPARE, json!({ "slugs": now, "on": "2026-10-30" })).await;
            assert!(priced(&data).iter().all(|(_, p)| *p), "{data}");
            let data = app.data(COMPARE, json!({ "slugs": now, "on": null })).await;
            assert!(priced(&data).iter().all(|(_, p)| *p), "{data}");
            let gpt5 = &data["compareModels"][6]["offerings"][0]["outputPerMillion"];
            assert_eq!(gpt5["currency"], "CNY");
            assert!(gpt5["rateDate"].is_string(), "USD converted at a dated rate: {gpt5}");

            // The week of 2024-05-20 shows each cut with its before and after.
            let week = app
                .data(
                    r#"{ digest(from: "2024-05-20", to: "2024-05-27") { priceChanges { kind price { dimension offering { apiModelId } } oldAmount { amount } newAmount { amount } } } }"#,
                    json!({}),
                )
                .await;
            let changes = week["digest"]["priceChanges"].as_array().unwrap();
            let cut = |api: &str, dimension: &str| {
                changes
                    .iter()
                    .find(|c| c["price"]["offering"]["apiModelId"] == api && c["price"]["dimension"] == dimension)
                    .unwrap_or_else(|| panic!("no change of {api} {dimension}: {week}"))
            };
            for (api, dimension, old, new) in [
                ("qwen-turbo", "INPUT_TOKENS", "0.008", "0.002"),
                ("qwen-plus", "INPUT_TOKENS", "0.02", "0.004"),
                ("qwen-max", "INPUT_TOKENS", "0.12", "0.04"),
                ("ERNIE-Speed-8K", "OUTPUT_TOKENS", "0.008", "0"),
                ("ERNIE-Lite-8K", "INPUT_TOKENS", "0.003", "0"),
                ("hunyuan-standard", "OUTPUT_TOKENS", "0.01", "0.005"),
            ] {
                let c = cut(api, dimension);
                assert_eq!(c["kind"], "CHANGE", "{c}");
                assert_eq!((c["oldAmount"]["amount"].as_str(), c["newAmount"]["amount"].as_str()), (Some(old), Some(new)), "{api} {dimension}");
            }

            // Filings, each with its source; the buyer's own market; news into 2026.
            let filings = app.data("{ filings(first: 100) { totalCount nodes { filingNumber provenance { sourceUrl confidence } } } }", json!({})).await;
            assert!(filings["filings"]["totalCount"].as_u64().unwrap() >= 15, "{filings}");
            for f in filings["filings"]["nodes"].as_array().unwrap() {
                assert!(f["provenance"]["sourceUrl"].as_str().is_some_and(|u| u.starts_with("http")), "{f}");
                assert!(f["provenance"]["confidence"].is_string(), "{f}");
            }
            let edtech = app.data(r#"{ products(filter: { kinds: [EDUCATION] }, first: 50) { nodes { company { slug country } } } }"#, json!({})).await;
            let makers: BTreeSet<&str> = edtech["products"]["nodes"].as_array().unwrap().iter().filter(|p| p["company"]["country"] == "CN").map(|p| p["company"]["slug"].as_str().unwrap()).collect();
            assert!(makers.len() >= 3, "Chinese ed-tech makers: {makers:?}");
            let latest = app.data(r#"{ events(first: 1, orderBy: [{ field: OCCURRED_ON, direction: DESC }]) { nodes { occurredOn } } }"#, json!({})).await;
            assert!(latest["events"]["nodes"][0]["occurredOn"].as_str().unwrap() >= "2026-06-01", "{latest}");
            let funding = app.data(r#"{ events(filter: { types: [FUNDING], companies: ["moonshot", "zhipu", "minimax", "stepfun", "baichuan"] }) { totalCount } }"#, json!({})).await;
            assert!(funding["events"]["totalCount"].as_u64().unwrap() >= 3, "{funding}");

            // Nothing the data-health report counts as unsourced.
            let checks = aigc_landscape::service::data_health::report(&app.db, aigc_landscape::clock::today()).await.unwrap();
            for code in ["COMPANY_WITHOUT_SOURCE", "PRODUCT_WITHOUT_SOURCE"] {
                let check = checks.iter().find(|c| c.code == code).unwrap();
                assert!(check.findings.is_empty(), "{code}: {:?}", check.findings);
            }
        }
    }
}
