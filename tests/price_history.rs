//! As-of prices on a model, its price history, and what changed in a window.

use entities::Role;
use serde_json::{Value, json};

use crate::harness::TestApp;

fn amounts(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["amount"]["amount"].as_str().unwrap().to_owned())
        .collect()
}

both! {
    async fn a_model_prices_as_of_a_day_and_its_history(backend) {
        let app = TestApp::seeded(backend).await;
        let query = r#"query($day: Date) { model(slug: "gpt-4o") {
            prices(asOf: $day) { dimension amount { amount } }
            priceHistory { effectiveFrom amount { amount } } } }"#;
        let before = app.data(query, json!({ "day": "2024-06-01" })).await;
        assert_eq!(amounts(&before["model"]["prices"]), ["5", "15"]);
        let after = app.data(query, json!({ "day": "2024-10-02" })).await;
        assert_eq!(amounts(&after["model"]["prices"]), ["2.5", "10"]);
        let history = &before["model"]["priceHistory"];
        let days: Vec<&str> = history.as_array().unwrap().iter().map(|p| p["effectiveFrom"].as_str().unwrap()).collect();
        assert_eq!(days, ["2024-05-13", "2024-05-13", "2024-10-02", "2024-10-02"]);
    }

    async fn price_changes_tell_changes_new_prices_and_corrections_apart(backend) {
        let app = TestApp::seeded(backend).await;
        let query = r#"query($from: Date!, $to: Date!, $currency: String) { priceChanges(from: $from, to: $to, currency: $currency) {
            kind on percentChange oldAmount { amount currency } newAmount { amount currency }
            price { dimension offering { apiModelId } } } }"#;
        let cut = app.data(query, json!({ "from": "2024-10-01", "to": "2024-10-03" })).await;
        let rows = cut["priceChanges"].as_array().unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r["kind"] == "CHANGE" && r["on"] == "2024-10-02"));
        let input = rows.iter().find(|r| r["price"]["dimension"] == "INPUT_TOKENS").unwrap();
        assert_eq!(input["percentChange"], "-50");
        assert_eq!(input["oldAmount"], json!({ "amount": "5", "currency": "USD" }));
        let output = rows.iter().find(|r| r["price"]["dimension"] == "OUTPUT_TOKENS").unwrap();
        assert_eq!(output["percentChange"], "-33.33");

        // February 2025 at DeepSeek: the promotion ended (changes) and off-peak prices began (new).
        let feb = app.data(query, json!({ "from": "2025-02-01", "to": "2025-03-01" })).await;
        let kinds: Vec<(&str, &str)> = feb["priceChanges"].as_array().unwrap().iter().map(|r| (r["kind"].as_str().unwrap(), r["on"].as_str().unwrap())).collect();
        assert_eq!(kinds.iter().filter(|k| **k == ("NEW", "2025-02-26")).count(), 3, "{kinds:?}");
        assert_eq!(kinds.iter().filter(|k| **k == ("CHANGE", "2025-02-09")).count(), 3, "{kinds:?}");

        // An edit of a figure is a correction, dated the day it was made.
        let editor = app.user("e@example.org", Role::Editor).await;
        let id = app.data(r#"{ prices(filter: { models: ["gpt-4o-mini"], dimensions: [OUTPUT_TOKENS] }) { nodes { id } } }"#, json!({})).await["prices"]["nodes"][0]["id"].clone();
        app.data_as(Some(&editor), "mutation($id: ID!) { updatePrice(id: $id, input: { amount: \"0.6\" , verifiedOn: \"2024-08-01\" }, expectedVersion: 1) { userErrors { code } } }", json!({ "id": id })).await;
        let today = aigc_landscape::clock::today();
        let window = json!({ "from": today.to_string(), "to": (today + chrono::Duration::days(1)).to_string() });
        assert!(app.data(query, window.clone()).await["priceChanges"].as_array().unwrap().is_empty(), "the same amount is no correction");
        app.data_as(Some(&editor), "mutation($id: ID!) { updatePrice(id: $id, input: { amount: \"0.66\" }, expectedVersion: 2) { userErrors { code } } }", json!({ "id": id })).await;
        let fixed = app.data(query, window).await;
        let rows = fixed["priceChanges"].as_array().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["kind"], "CORRECTION");
        assert_eq!(rows[0]["percentChange"], "10");
    }
}

/// The May 2024 price war as a fixture: Qwen-Long in CNY cut on 21 May 2024 (0.02 → 0.0005
/// yuan per 1k input tokens), beside GPT-4o in USD launched on 13 May.
async fn with_qwen_long_cut(app: &TestApp) {
    let editor = app.user("cut@example.org", Role::Editor).await;
    let ids = app
        .data(
            r#"{ model(slug: "qwen-long") { id } company(slug: "alibaba-cloud") { id } }"#,
            json!({}),
        )
        .await;
    let made = app.data_as(Some(&editor), "mutation($input: OfferingInput!) { createOffering(input: $input) { offering { id } userErrors { code } } }",
        json!({ "input": { "modelId": ids["model"]["id"], "providerId": ids["company"]["id"], "region": "cn", "apiModelId": "qwen-long", "mainlandReachable": true } })).await;
    let offering = made["createOffering"]["offering"]["id"].clone();
    let create = "mutation($input: PriceInput!) { createPrice(input: $input) { userErrors { field code message } } }";
    for (dimension, amount, from) in [
        ("INPUT_TOKENS", "0.02", "2024-04-01"),
        ("OUTPUT_TOKENS", "0.02", "2024-04-01"),
        ("INPUT_TOKENS", "0.0005", "2024-05-21"),
        ("OUTPUT_TOKENS", "0.002", "2024-05-21"),
    ] {
        let done = app
            .data_as(
                Some(&editor),
                create,
                json!({ "input": {
            "offeringId": offering, "dimension": dimension, "unit": "TOKEN", "unitQuantity": 1000,
            "amount": amount, "currency": "CNY", "effectiveFrom": from
        } }),
            )
            .await;
        assert_eq!(done["createPrice"]["userErrors"], json!([]), "{done}");
    }
    app.data_as(Some(&editor), r#"mutation { createExchangeRate(input: { base: "USD", quote: "CNY", rate: "7.25", onDate: "2024-05-20" }) { userErrors { code } } }"#, json!({})).await;
}

both! {
    async fn the_may_2024_cut_in_cny_beside_usd(backend) {
        let app = TestApp::seeded(backend).await;
        with_qwen_long_cut(&app).await;
        let asof = r#"query($day: Date) { model(slug: "qwen-long") { prices(asOf: $day) { dimension amount { amount currency } } } }"#;
        let before = app.data(asof, json!({ "day": "2024-05-20" })).await;
        assert_eq!(amounts(&before["model"]["prices"]), ["0.02", "0.02"]);
        let after = app.data(asof, json!({ "day": "2024-05-21" })).await;
        assert_eq!(amounts(&after["model"]["prices"]), ["0.0005", "0.002"]);

        let changes = app.data(r#"{ priceChanges(from: "2024-05-01", to: "2024-06-01") { kind on percentChange price { dimension offering { apiModelId } } } }"#, json!({})).await;
        let rows: Vec<(String, String, String, String)> = changes["priceChanges"].as_array().unwrap().iter().map(|r| (
            r["price"]["offering"]["apiModelId"].as_str().unwrap().to_owned(),
            r["price"]["dimension"].as_str().unwrap().to_owned(),
            r["kind"].as_str().unwrap().to_owned(),
            r["percentChange"].as_str().unwrap_or("").to_owned(),
        )).collect();
        let has = |m: &str, d: &str, k: &str, p: &str| rows.contains(&(m.into(), d.into(), k.into(), p.into()));
        assert!(has("qwen-long", "INPUT_TOKENS", "CHANGE", "-97.5"), "{rows:?}");
        assert!(has("qwen-long", "OUTPUT_TOKENS", "CHANGE", "-90"), "{rows:?}");
        assert!(has("gpt-4o", "INPUT_TOKENS", "NEW", ""), "{rows:?}");

        // The same changes in USD, each at its day's rate: the conversions share their reads.
        let before = app.statements();
        let changes_in = r#"query($currency: String) { priceChanges(from: "2024-05-01", to: "2024-06-01", currency: $currency) { on oldAmount { amount currency } newAmount { amount currency } price { dimension offering { apiModelId } } } }"#;
        app.data(changes_in, json!({})).await;
        let unconverted = app.statements() - before;
        let before = app.statements();
        let usd = app.data(changes_in, json!({ "currency": "USD" })).await;
        assert!(app.statements() - before <= unconverted + 2, "at most one read of rates for the new amounts and one for the old");
        let qwen_input = usd["priceChanges"].as_array().unwrap().iter()
            .find(|r| r["price"]["offering"]["apiModelId"] == "qwen-long" && r["price"]["dimension"] == "INPUT_TOKENS").unwrap();
        assert_eq!(qwen_input["oldAmount"], json!({ "amount": "0.00275862", "currency": "USD" }));
        assert_eq!(qwen_input["newAmount"], json!({ "amount": "0.00006897", "currency": "USD" }));

        // Side by side in CNY, the day after the cut: per 1M tokens, USD converted at 7.25.
        let compared = app.data(r#"{ compareModels(slugs: ["gpt-4o", "qwen-long"], currency: "CNY", asOf: "2024-05-22") {
            model { slug } cheapestBlendedPerMillion { amount } offerings { inputPerMillion { amount } outputPerMillion { amount } } } }"#, json!({})).await;
        let rows = compared["compareModels"].as_array().unwrap();
        assert_eq!(rows[0]["offerings"][0]["inputPerMillion"]["amount"], "36.25");
        assert_eq!(rows[0]["cheapestBlendedPerMillion"]["amount"], "54.375");
        assert_eq!(rows[1]["offerings"][0]["inputPerMillion"]["amount"], "0.5");
        assert_eq!(rows[1]["offerings"][0]["outputPerMillion"]["amount"], "2");
        assert_eq!(rows[1]["cheapestBlendedPerMillion"]["amount"], "0.875");

        // And the week-by-week trend across the cut.
        let series = app.data(r#"{ priceSeries(slugs: ["qwen-long"], from: "2024-05-13", to: "2024-06-03", currency: "CNY") { points { start blendedPerMillion { amount } } } }"#, json!({})).await;
        let points: Vec<(&str, &str)> = series["priceSeries"][0]["points"].as_array().unwrap().iter()
            .map(|p| (p["start"].as_str().unwrap(), p["blendedPerMillion"]["amount"].as_str().unwrap())).collect();
        assert_eq!(points, [("2024-05-13", "20"), ("2024-05-20", "20"), ("2024-05-27", "0.875")]);
    }
}

#[tokio::test]
async fn price_changes_are_bounded_and_say_how_to_narrow() {
    // 260 synthetic companies: two models each, every model's price cut on 2024-05-21.
    let app = TestApp::with(
        crate::harness::Backend::Sqlite,
        &crate::harness::synthetic(260),
    )
    .await;
    let query =
        "query($from: Date!, $to: Date!) { priceChanges(from: $from, to: $to) { kind on } }";
    let error = app
        .error(query, json!({ "from": "2024-05-01", "to": "2024-06-01" }))
        .await;
    assert_eq!(crate::harness::code(&error), "BAD_USER_INPUT");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("more than 500 price changes")
            && error["message"].as_str().unwrap().contains("narrow it"),
        "{error}"
    );
    let error = app
        .error(query, json!({ "from": "2023-01-01", "to": "2024-06-01" }))
        .await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("at most 366 days"),
        "{error}"
    );
    // A window that fits is answered whole.
    let fits = TestApp::with(
        crate::harness::Backend::Sqlite,
        &crate::harness::synthetic(200),
    )
    .await;
    let rows = fits
        .data(query, json!({ "from": "2024-05-01", "to": "2024-06-01" }))
        .await;
    assert_eq!(rows["priceChanges"].as_array().unwrap().len(), 400);
    assert!(
        rows["priceChanges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["kind"] == "CHANGE")
    );
}
