//! The filters dashboards use, each checked against the curated starter data.

use serde_json::json;

use crate::harness::{TestApp, pluck};

async fn slugs(app: &TestApp, list: &str, filter: serde_json::Value) -> Vec<String> {
    let query = format!(
        "query($filter: {ty}Filter) {{ {list}(filter: $filter, first: 100) {{ totalCount nodes {{ slug }} }} }}",
        ty = match list {
            "companies" => "Company",
            "models" => "Model",
            "products" => "Product",
            "events" => "Event",
            other => panic!("no filter type for {other}"),
        }
    );
    let data = app.data(&query, json!({ "filter": filter })).await;
    let nodes = &data[list]["nodes"];
    assert_eq!(
        data[list]["totalCount"].as_u64().unwrap() as usize,
        nodes.as_array().unwrap().len()
    );
    pluck(nodes, "slug")
        .into_iter()
        .map(str::to_owned)
        .collect()
}

both! {
    async fn companies_by_country_kind_and_name(backend) {
        let app = TestApp::seeded(backend).await;
        let us = slugs(&app, "companies", json!({ "countries": ["us"] })).await;
        assert_eq!(us, ["anthropic", "google", "heygen", "meta", "openai", "runway"]);
        let clouds = slugs(&app, "companies", json!({ "kinds": ["CLOUD"] })).await;
        assert_eq!(clouds, ["alibaba-cloud", "volcano-engine"]);
        let cn_labs = slugs(&app, "companies", json!({ "countries": ["CN"], "kinds": ["AI_LAB", "STARTUP"] })).await;
        assert_eq!(cn_labs, ["deepseek", "minimax", "moonshot", "zhipu"]);
        // Any case, English or Chinese, and % or _ are literal characters.
        assert_eq!(slugs(&app, "companies", json!({ "name": "ALIBABA" })).await, ["alibaba-cloud", "alibaba"]);
        assert_eq!(slugs(&app, "companies", json!({ "name": "月之" })).await, ["moonshot"]);
        assert!(slugs(&app, "companies", json!({ "name": "%" })).await.is_empty());
    }

    async fn models_by_company_modality_task_weights_status_and_dates(backend) {
        let app = TestApp::seeded(backend).await;
        assert_eq!(
            slugs(&app, "models", json!({ "companies": ["deepseek", "meta"] })).await,
            ["deepseek-r1", "deepseek-v2", "deepseek-v3", "llama-3.1-405b"]
        );
        // Text-to-video: video out, from text in.
        assert_eq!(
            slugs(&app, "models", json!({ "inputMediaTypes": ["text"], "outputMediaTypes": ["video"] })).await,
            ["gen-3-alpha", "kling"]
        );
        // Every listed input media type must be taken in.
        assert_eq!(
            slugs(&app, "models", json!({ "inputMediaTypes": ["image", "audio"] })).await,
            // Byte-wise: "GPT-4o" sorts before "Gemini" ('P' < 'e').
            ["gpt-4o", "gemini-1.5-pro"]
        );
        assert_eq!(slugs(&app, "models", json!({ "tasks": ["text-to-video"] })).await, ["gen-3-alpha", "kling"]);
        assert_eq!(
            slugs(&app, "models", json!({ "openWeights": true })).await,
            ["deepseek-r1", "deepseek-v2", "deepseek-v3", "llama-3.1-405b"]
        );
        assert_eq!(slugs(&app, "models", json!({ "statuses": ["RETIRED"] })).await, ["deepseek-v2", "gemini-1.5-pro"]);
        // Half-open: released on or after 2024-06-17 and before 2024-07-23.
        assert_eq!(
            slugs(&app, "models", json!({ "releasedFrom": "2024-06-17", "releasedTo": "2024-07-23" })).await,
            ["claude-3.5-sonnet", "gpt-4o-mini", "gen-3-alpha"]
        );
        assert!(slugs(&app, "models", json!({ "companies": ["no-such-company"] })).await.is_empty());
    }

    async fn products_by_company_kind_audience_and_task(backend) {
        let app = TestApp::seeded(backend).await;
        assert_eq!(slugs(&app, "products", json!({ "companies": ["bytedance"] })).await, ["coze", "doubao"]);
        assert_eq!(slugs(&app, "products", json!({ "kinds": ["AVATAR_TOOL"] })).await, ["heygen"]);
        assert_eq!(
            slugs(&app, "products", json!({ "audiences": ["BUSINESS"], "kinds": ["API_PLATFORM"] })).await,
            ["bailian", "deepseek-open-platform", "openai-api"]
        );
        assert_eq!(
            slugs(&app, "products", json!({ "tasks": ["text-to-video"] })).await,
            ["hailuo", "kling-ai", "runway"]
        );
        assert_eq!(slugs(&app, "products", json!({ "name": "豆包" })).await, ["doubao"]);
    }

    async fn offerings_by_model_provider_region_and_serving_date(backend) {
        let app = TestApp::seeded(backend).await;
        let query = "query($f: OfferingFilter) { offerings(filter: $f) { totalCount nodes { apiModelId } } }";
        let ids = |data: serde_json::Value| -> Vec<String> {
            pluck(&data["offerings"]["nodes"], "apiModelId").into_iter().map(str::to_owned).collect()
        };
        assert_eq!(ids(app.data(query, json!({ "f": { "providers": ["deepseek"] } })).await), ["deepseek-chat", "deepseek-reasoner"]);
        assert_eq!(ids(app.data(query, json!({ "f": { "models": ["gpt-4o-mini"] } })).await), ["gpt-4o-mini"]);
        assert_eq!(ids(app.data(query, json!({ "f": { "regions": ["cn"] } })).await), ["deepseek-chat", "deepseek-reasoner"]);
        assert_eq!(
            ids(app.data(query, json!({ "f": { "servingOn": "2024-06-01" } })).await),
            ["gpt-4o"]
        );
        assert_eq!(
            ids(app.data(query, json!({ "f": { "mainlandReachable": false, "servingOn": "2024-08-01" } })).await),
            ["claude-3-5-sonnet-20240620", "gpt-4o", "gpt-4o-mini"]
        );
    }

    async fn events_by_type_dates_and_links(backend) {
        let app = TestApp::seeded(backend).await;
        let funding = slugs(&app, "events", json!({ "types": ["FUNDING"] })).await;
        assert_eq!(funding, ["2024-10-02-openai-funding"]);
        let may_2024 = slugs(&app, "events", json!({ "from": "2024-05-01", "to": "2024-06-01" })).await;
        assert_eq!(may_2024, ["2024-05-13-gpt-4o", "2024-05-06-deepseek-v2"]);
        let r1 = slugs(&app, "events", json!({ "models": ["deepseek-r1"] })).await;
        assert_eq!(r1, ["2025-02-26-deepseek-off-peak", "2025-01-20-deepseek-r1"]);
        let chatgpt = slugs(&app, "events", json!({ "products": ["chatgpt"] })).await;
        assert_eq!(chatgpt, ["2024-05-13-gpt-4o"]);
        let openai_major = slugs(&app, "events", json!({ "companies": ["openai"], "minImportance": 5 })).await;
        assert_eq!(openai_major, ["2024-10-02-openai-funding", "2024-05-13-gpt-4o"]);
        let funding = app
            .data(r#"{ events(filter: { types: [FUNDING] }) { nodes { amount { amount currency } valuation { amount } } } }"#, json!({}))
            .await;
        assert_eq!(funding["events"]["nodes"][0]["amount"], json!({ "amount": "6600000000", "currency": "USD" }));
        assert_eq!(funding["events"]["nodes"][0]["valuation"]["amount"], "157000000000");
    }

    async fn prices_by_subject_currency_dimension_and_date(backend) {
        let app = TestApp::seeded(backend).await;
        let query = "query($f: PriceFilter) { prices(filter: $f, first: 100) { totalCount nodes { dimension amount { amount currency } offering { apiModelId } } } }";
        let total = |data: &serde_json::Value| data["prices"]["totalCount"].as_u64().unwrap();

        let deepseek = app.data(query, json!({ "f": { "providers": ["deepseek"] } })).await;
        assert_eq!(total(&deepseek), 12);
        let cny = app.data(query, json!({ "f": { "currencies": ["cny"] } })).await;
        assert_eq!(total(&cny), 12);
        let usd_out = app.data(query, json!({ "f": { "currencies": ["USD"], "dimensions": ["OUTPUT_TOKENS"] } })).await;
        assert_eq!(total(&usd_out), 4);
        // GPT-4o on 2024-06-01, before its price cut: $5 in, $15 out.
        let before = app.data(query, json!({ "f": { "models": ["gpt-4o"], "asOf": "2024-06-01" } })).await;
        let mut amounts: Vec<&str> = before["prices"]["nodes"].as_array().unwrap().iter().map(|p| p["amount"]["amount"].as_str().unwrap()).collect();
        amounts.sort();
        assert_eq!(amounts, ["15", "5"]);
        let after = app.data(query, json!({ "f": { "models": ["gpt-4o"], "asOf": "2024-10-02" } })).await;
        let mut amounts: Vec<&str> = after["prices"]["nodes"].as_array().unwrap().iter().map(|p| p["amount"]["amount"].as_str().unwrap()).collect();
        amounts.sort();
        assert_eq!(amounts, ["10", "2.5"]);
        let cn = app.data(query, json!({ "f": { "regions": ["cn"], "asOf": "2025-01-25" } })).await;
        assert_eq!(total(&cn), 6);
        let chatgpt = app.data(query, json!({ "f": { "products": ["chatgpt"] } })).await;
        assert_eq!(total(&chatgpt), 0);
    }

    async fn filings_and_exchange_rates_list_with_filters(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app
            .data(
                r#"{ filings(filter: { companies: ["deepseek"] }) { totalCount }
                     exchangeRates(filter: { currencies: ["CNY"], from: "2024-01-01" }) { totalCount }
                     benchmarks { slug } }"#,
                json!({}),
            )
            .await;
        assert_eq!(data["filings"]["totalCount"], 0);
        assert_eq!(data["exchangeRates"]["totalCount"], 0);
        assert_eq!(pluck(&data["benchmarks"], "slug"), ["mmlu"]);
    }
}
