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
