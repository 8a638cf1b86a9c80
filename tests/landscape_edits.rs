//! Editing each kind of landscape record: prices as history, events with their links, and
//! the rules of offerings, products, plans, quotas, filings, rates, benchmarks and scores.

use entities::Role;
use serde_json::{Value, json};

use crate::harness::TestApp;

fn errors(payload: &Value) -> Vec<String> {
    payload["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}:{}",
                e["field"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join("."),
                e["code"].as_str().unwrap()
            )
        })
        .collect()
}

async fn id_of(app: &TestApp, query: &str) -> Value {
    let data = app.data(query, json!({})).await;
    let first = data.as_object().unwrap().values().next().unwrap().clone();
    if first["id"].is_string() {
        first["id"].clone()
    } else {
        first["nodes"][0]["id"].clone()
    }
}

both! {
    async fn a_new_price_closes_the_one_it_replaces(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let offering = id_of(&app, r#"{ offerings(filter: { apiModelId: "deepseek-reasoner" }) { nodes { id } } }"#).await;
        let create = "mutation($input: PriceInput!) { createPrice(input: $input) { price { id effectiveFrom effectiveTo amount { amount currency } } userErrors { field code message } } }";
        let cut = app
            .data_as(Some(&editor), create, json!({ "input": {
                "offeringId": offering, "dimension": "OUTPUT_TOKENS", "unit": "TOKEN", "unitQuantity": 1000000,
                "amount": "2.19", "currency": "cny", "effectiveFrom": "2025-06-01", "sourceUrl": "https://api-docs.deepseek.com/quick_start/pricing"
            } }))
            .await;
        assert!(errors(&cut["createPrice"]).is_empty(), "{cut}");
        assert_eq!(cut["createPrice"]["price"]["amount"], json!({ "amount": "2.19", "currency": "CNY" }));

        let history = app
            .data(r#"{ prices(filter: { offerings: [], models: ["deepseek-r1"], dimensions: [OUTPUT_TOKENS] }, orderBy: [{ field: EFFECTIVE_FROM }]) { nodes { amount { amount } effectiveFrom effectiveTo } } }"#, json!({}))
            .await;
        // The offerings filter is empty here on purpose: no offering matches, so nothing is listed.
        assert!(history["prices"]["nodes"].as_array().unwrap().is_empty());
        let history = app
            .data(r#"{ prices(filter: { models: ["deepseek-r1"], dimensions: [OUTPUT_TOKENS] }, orderBy: [{ field: EFFECTIVE_FROM }]) { nodes { id amount { amount } effectiveFrom effectiveTo } } }"#, json!({}))
            .await;
        let rows = history["prices"]["nodes"].as_array().unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0]["amount"]["amount"], "16");
        assert_eq!(rows[0]["effectiveTo"], "2025-06-01", "the old row is closed, not overwritten");
        assert_eq!(rows[1]["effectiveTo"], Value::Null);
        // The closing is in the old row's audit trail.
        let viewer = app.user("v@example.org", Role::Viewer).await;
        let trail = app.data_as(Some(&viewer), "query($id: ID!) { revisions(entityId: $id) { nodes { action actor changes { field before after } } } }", json!({ "id": rows[0]["id"] })).await;
        assert_eq!(trail["revisions"]["nodes"][0]["changes"], json!([{ "field": "effective_to", "before": null, "after": "2025-06-01" }]));

        // Backfilling an older price ends it where the next one starts.
        let older = app
            .data_as(Some(&editor), create, json!({ "input": {
                "offeringId": offering, "dimension": "OUTPUT_TOKENS", "unit": "TOKEN", "unitQuantity": 1000000,
                "amount": "20", "currency": "CNY", "effectiveFrom": "2025-01-01"
            } }))
            .await;
        assert_eq!(older["createPrice"]["price"]["effectiveTo"], "2025-01-20");

        // The same terms on the same day: correct that row instead.
        let again = app
            .data_as(Some(&editor), create, json!({ "input": {
                "offeringId": offering, "dimension": "OUTPUT_TOKENS", "unit": "TOKEN", "unitQuantity": 1000000,
                "amount": "3", "currency": "CNY", "effectiveFrom": "2025-06-01"
            } }))
            .await;
        assert_eq!(errors(&again["createPrice"]), ["input.effectiveFrom:TAKEN"]);

        // A promotion with its own end overlays the row in force and leaves it open.
        let promo = app
            .data_as(Some(&editor), create, json!({ "input": {
                "offeringId": offering, "dimension": "OUTPUT_TOKENS", "unit": "TOKEN", "unitQuantity": 1000000,
                "amount": "1", "currency": "CNY", "effectiveFrom": "2025-07-01", "effectiveTo": "2025-08-01", "isPromotion": true
            } }))
            .await;
        assert!(errors(&promo["createPrice"]).is_empty(), "{promo}");
        let still_open = app
            .data(r#"{ prices(filter: { models: ["deepseek-r1"], dimensions: [OUTPUT_TOKENS], asOf: "2025-09-01" }) { nodes { amount { amount } effectiveTo } } }"#, json!({}))
            .await;
        assert_eq!(still_open["prices"]["nodes"], json!([{ "amount": { "amount": "2.19" }, "effectiveTo": null }]));

        // A correction edits the row and leaves the others alone.
        let fix = app
            .data_as(Some(&editor), "mutation($id: ID!) { updatePrice(id: $id, input: { amount: \"2.2\" }, expectedVersion: 1) { price { amount { amount } effectiveTo } userErrors { code } } }", json!({ "id": rows[1]["id"] }))
            .await;
        assert_eq!(fix["updatePrice"]["price"]["amount"]["amount"], "2.2");
    }

    async fn price_rules_are_checked(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let offering = id_of(&app, r#"{ offerings(filter: { apiModelId: "gpt-4o" }) { nodes { id } } }"#).await;
        let product = id_of(&app, r#"{ product(slug: "chatgpt") { id } }"#).await;
        let bad = app
            .data_as(Some(&editor), "mutation($input: PriceInput!) { createPrice(input: $input) { price { id } userErrors { field code } } }", json!({ "input": {
                "offeringId": offering, "productId": product, "dimension": "INPUT_TOKENS", "unit": "TOKEN", "unitQuantity": 0,
                "amount": "-1", "currency": "RMB", "effectiveFrom": "2025-02-01", "effectiveTo": "2025-01-01",
                "windowStart": "25:00", "minInputTokens": 1000, "maxInputTokens": 10
            } }))
            .await;
        let negative = app
            .data_as(Some(&editor), "mutation($input: PriceInput!) { createPrice(input: $input) { price { id } userErrors { field code } } }", json!({ "input": {
                "offeringId": offering, "dimension": "INPUT_TOKENS", "unit": "TOKEN", "unitQuantity": 1,
                "amount": "1", "currency": "USD", "effectiveFrom": "2025-02-01", "maxInputTokens": -1
            } }))
            .await;
        assert_eq!(errors(&negative["createPrice"]), ["input.maxInputTokens:INVALID"]);
        let found = errors(&bad["createPrice"]);
        for expected in [
            "input.offeringId:INVALID", "input.unitQuantity:INVALID", "input.amount:INVALID", "input.currency:INVALID",
            "input.effectiveTo:INVALID", "input.windowStart:INVALID", "input.windowEnd:INVALID", "input.maxInputTokens:INVALID",
        ] {
            assert!(found.iter().any(|f| f == expected), "missing {expected} in {found:?}");
        }
        // A float amount is refused before it can lose digits.
        let error = app
            .error_as(Some(&editor), "mutation { createPrice(input: { amount: 0.1 }) { price { id } } }", json!({}))
            .await;
        assert!(error["message"].as_str().unwrap().contains("as a string"), "{error}");
    }

    async fn events_keep_their_links_and_roles(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let openai = id_of(&app, r#"{ company(slug: "openai") { id } }"#).await;
        let anthropic = id_of(&app, r#"{ company(slug: "anthropic") { id } }"#).await;
        let gpt = id_of(&app, r#"{ model(slug: "gpt-4o") { id } }"#).await;
        let create = "mutation($input: EventInput!) { createEvent(input: $input) { event { id slug recordedOn companies { role company { slug } } models { role model { slug } } amount { amount currency } } userErrors { field code } } }";
        let made = app
            .data_as(Some(&editor), create, json!({ "input": {
                "slug": "2030-01-01-test-partnership", "occurredOn": "2030-01-01", "type": "CORPORATE", "subtype": "partnership",
                "title": "A partnership", "importance": 4, "sourceUrls": ["https://example.com/news"],
                "companies": [{ "id": openai }, { "id": anthropic, "role": "PARTNER" }], "models": [{ "id": gpt, "role": "MENTIONED" }],
                "amount": "100", "currency": "usd", "recordedOn": "2030-01-02"
            } }))
            .await;
        let event = &made["createEvent"]["event"];
        assert_eq!(event["recordedOn"], "2030-01-02");
        assert_eq!(event["companies"], json!([{ "role": "SUBJECT", "company": { "slug": "openai" } }, { "role": "PARTNER", "company": { "slug": "anthropic" } }]));
        assert_eq!(event["amount"], json!({ "amount": "100", "currency": "USD" }));

        let bad = app
            .data_as(Some(&editor), create, json!({ "input": {
                "slug": "2030-bad", "occurredOn": "2030-01-01", "type": "FUNDING", "title": "x", "importance": 9,
                "sourceUrls": [], "amount": "5", "companies": [{ "id": "Q29tcGFueTo5OTk5OQ" }]
            } }))
            .await;
        let found = errors(&bad["createEvent"]);
        for expected in ["input.importance:INVALID", "input.sourceUrls:INVALID", "input.currency:INVALID", "input.companies:NOT_FOUND"] {
            assert!(found.iter().any(|f| f == expected), "missing {expected} in {found:?}");
        }
        assert!(app.data(r#"{ events(filter: { from: "2030-01-01" }) { totalCount } }"#, json!({})).await["events"]["totalCount"] == 1);
    }

    async fn offerings_products_plans_and_quotas(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let qwen = id_of(&app, r#"{ model(slug: "qwen-long") { id } }"#).await;
        let aliyun = id_of(&app, r#"{ company(slug: "alibaba-cloud") { id } }"#).await;
        let offering = "mutation($input: OfferingInput!) { createOffering(input: $input) { offering { id apiModelId region model { slug } provider { slug } } userErrors { field code } } }";
        let input = json!({ "modelId": qwen, "providerId": aliyun, "region": "cn", "apiModelId": "qwen-long", "mainlandReachable": true, "servedFrom": "2024-05-21" });
        let made = app.data_as(Some(&editor), offering, json!({ "input": input })).await;
        assert_eq!(made["createOffering"]["offering"]["provider"]["slug"], "alibaba-cloud");
        let again = app.data_as(Some(&editor), offering, json!({ "input": input })).await;
        assert_eq!(errors(&again["createOffering"]), ["input.apiModelId:TAKEN"]);

        let product = "mutation($input: ProductInput!) { createProduct(input: $input) { product { id slug audiences models { slug } tasks { slug } } userErrors { field code } } }";
        let made = app
            .data_as(Some(&editor), product, json!({ "input": {
                "slug": "qwen-chat", "name": "Qwen Chat", "companyId": aliyun, "kind": "CHAT_ASSISTANT", "status": "ACTIVE",
                "audiences": ["CONSUMER", "BUSINESS"], "modelIds": [qwen], "tasks": ["chat"], "url": "https://chat.qwen.ai"
            } }))
            .await;
        let created = &made["createProduct"]["product"];
        assert_eq!(created["audiences"], json!(["CONSUMER", "BUSINESS"]));
        assert_eq!(created["models"], json!([{ "slug": "qwen-long" }]));

        let plan = app
            .data_as(Some(&editor), "mutation($input: SubscriptionPlanInput!) { createSubscriptionPlan(input: $input) { subscriptionPlan { price { amount currency } models { slug } } userErrors { field code } } }", json!({ "input": {
                "productId": created["id"], "slug": "pro", "name": "Pro", "billingPeriod": "MONTH", "amount": "19.9", "currency": "CNY",
                "effectiveFrom": "2025-01-01", "modelIds": [qwen]
            } }))
            .await;
        assert_eq!(plan["createSubscriptionPlan"]["subscriptionPlan"]["price"], json!({ "amount": "19.9", "currency": "CNY" }));

        let quota = app
            .data_as(Some(&editor), "mutation($input: FreeQuotaInput!) { createFreeQuota(input: $input) { freeQuota { quantity period } userErrors { field code } } }", json!({ "input": {
                "productId": created["id"], "dimension": "INPUT_TOKENS", "quantity": "1000000", "unit": "TOKEN", "period": "ONCE",
                "newAccountsOnly": true, "expiresAfterDays": 180, "effectiveFrom": "2025-01-01"
            } }))
            .await;
        assert_eq!(quota["createFreeQuota"]["freeQuota"], json!({ "quantity": "1000000", "period": "ONCE" }));
        let listed = app.data(r#"{ product(slug: "qwen-chat") { subscriptionPlans { slug } freeQuotas { quantity } } }"#, json!({})).await;
        assert_eq!(listed["product"]["subscriptionPlans"], json!([{ "slug": "pro" }]));
    }

    async fn filings_rates_benchmarks_and_scores(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let deepseek = id_of(&app, r#"{ company(slug: "deepseek") { id } }"#).await;
        let filing = "mutation($input: FilingInput!) { createFiling(input: $input) { filing { filingNumber type status company { slug } } userErrors { field code } } }";
        let input = json!({ "filingNumber": "TEST-0001", "type": "GENERATIVE_AI_SERVICE", "role": "SERVICE_PROVIDER", "algorithmName": "Test algorithm", "companyId": deepseek });
        let made = app.data_as(Some(&editor), filing, json!({ "input": input })).await;
        assert_eq!(made["createFiling"]["filing"]["status"], "ACTIVE");
        assert_eq!(errors(&app.data_as(Some(&editor), filing, json!({ "input": input })).await["createFiling"]), ["input.filingNumber:TAKEN"]);

        let rate = "mutation($input: ExchangeRateInput!) { createExchangeRate(input: $input) { exchangeRate { base quote rate onDate } userErrors { field code } } }";
        let made = app.data_as(Some(&editor), rate, json!({ "input": { "base": "usd", "quote": "CNY", "rate": "7.1", "onDate": "2025-01-02" } })).await;
        assert_eq!(made["createExchangeRate"]["exchangeRate"], json!({ "base": "USD", "quote": "CNY", "rate": "7.1", "onDate": "2025-01-02" }));
        let bad = app.data_as(Some(&editor), rate, json!({ "input": { "base": "USD", "quote": "USD", "rate": "0", "onDate": "2025-01-02" } })).await;
        assert_eq!(errors(&bad["createExchangeRate"]), ["input.quote:INVALID", "input.rate:INVALID"]);

        let bench = app
            .data_as(Some(&editor), "mutation { createBenchmark(input: { slug: \"team-eval\", name: \"Team eval\", internal: true }) { benchmark { id } userErrors { code } } }", json!({}))
            .await;
        let bench_id = bench["createBenchmark"]["benchmark"]["id"].clone();
        let v3 = id_of(&app, r#"{ model(slug: "deepseek-v3") { id } }"#).await;
        app.data_as(Some(&editor), "mutation($b: ID!, $m: ID!) { createScore(input: { benchmarkId: $b, modelId: $m, value: \"71.5\", measuredOn: \"2025-03-01\", selfReported: false }) { userErrors { code } } }", json!({ "b": bench_id, "m": v3 })).await;
        // The team's own benchmark and its scores are hidden from anonymous readers.
        let public = app.data(r#"{ benchmarks { slug } model(slug: "deepseek-v3") { scores { value } } }"#, json!({})).await;
        assert_eq!(public["benchmarks"], json!([{ "slug": "mmlu" }]));
        assert_eq!(public["model"]["scores"], json!([{ "value": "88.5" }]));
        let team = app.data_as(Some(&editor), r#"{ benchmarks { slug } model(slug: "deepseek-v3") { scores { value } } }"#, json!({})).await;
        assert_eq!(team["benchmarks"].as_array().unwrap().len(), 2);
        assert_eq!(team["model"]["scores"].as_array().unwrap().len(), 2);
        // A record whose parent was deleted cannot come back on its own.
        let gone = app.data_as(Some(&editor), "mutation { createCompany(input: { slug: \"short-lived\", name: \"Short-lived\", kind: STARTUP }) { company { id } } }", json!({})).await;
        let gone_id = gone["createCompany"]["company"]["id"].clone();
        let child = app.data_as(Some(&editor), "mutation($c: ID!) { createModel(input: { slug: \"orphan\", name: \"Orphan\", companyId: $c, status: GA }) { model { id } } }", json!({ "c": gone_id })).await;
        let child_id = child["createModel"]["model"]["id"].clone();
        app.data_as(Some(&editor), "mutation($id: ID!) { deleteModel(id: $id, expectedVersion: 1) { userErrors { code } } }", json!({ "id": child_id })).await;
        app.data_as(Some(&editor), "mutation($id: ID!) { deleteCompany(id: $id, expectedVersion: 1) { userErrors { code } } }", json!({ "id": gone_id })).await;
        let back = app.data_as(Some(&editor), "mutation($id: ID!) { restoreModel(id: $id) { model { id } userErrors { field code } } }", json!({ "id": child_id })).await;
        assert_eq!(errors(&back["restoreModel"]), ["companyId:NOT_FOUND"]);

        // Not through `node` either.
        let hidden = app.data("query($id: ID!) { node(id: $id) { id } }", json!({ "id": bench_id })).await;
        assert!(hidden["node"].is_null());
        // A benchmark with scores cannot be deleted.
        let refused = app.data_as(Some(&editor), "mutation($id: ID!) { deleteBenchmark(id: $id, expectedVersion: 1) { userErrors { field code } } }", json!({ "id": bench_id })).await;
        assert_eq!(errors(&refused["deleteBenchmark"]), ["id:INVALID"]);
    }
}
