//! compareModels: side by side in one currency, per 1M tokens, with a blended price.

use entities::Role;
use serde_json::json;

use crate::harness::{TestApp, code};

const COMPARE: &str = r#"query($slugs: [String!]!, $day: Date) {
  compareModels(slugs: $slugs, currency: "CNY", asOf: $day) {
    model { slug company { name } outputMediaTypes { slug } }
    priced note
    cheapestBlendedPerMillion { amount currency }
    offerings { offering { apiModelId } inputPerMillion { amount } outputPerMillion { amount } cachedInputPerMillion { amount } blendedPerMillion { amount } prices { dimension } }
  } }"#;

both! {
    async fn models_side_by_side_in_one_currency(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        app.data_as(Some(&editor), r#"mutation { createExchangeRate(input: { base: "USD", quote: "CNY", rate: "7.28", onDate: "2025-02-28" }) { userErrors { code } } }"#, json!({})).await;
        let data = app.data(COMPARE, json!({ "slugs": ["gpt-4o", "deepseek-v3", "gemini-1.5-pro"], "day": "2025-03-01" })).await;
        let rows = data["compareModels"].as_array().unwrap();
        assert_eq!(rows.len(), 3, "one row per model, in the order asked");

        let gpt = &rows[0];
        assert_eq!(gpt["model"]["slug"], "gpt-4o");
        assert_eq!(gpt["offerings"][0]["inputPerMillion"]["amount"], "18.2");
        assert_eq!(gpt["offerings"][0]["outputPerMillion"]["amount"], "72.8");
        assert_eq!(gpt["cheapestBlendedPerMillion"], json!({ "amount": "31.85", "currency": "CNY" }));

        let v3 = &rows[1];
        let offering = &v3["offerings"][0];
        assert_eq!(offering["inputPerMillion"]["amount"], "2");
        assert_eq!(offering["cachedInputPerMillion"]["amount"], "0.5");
        assert_eq!(offering["blendedPerMillion"]["amount"], "3.5");
        assert_eq!(offering["prices"].as_array().unwrap().len(), 6, "off-peak rows listed beside the headline ones");

        let gemini = &rows[2];
        assert_eq!(gemini["priced"], false);
        assert_eq!(gemini["note"], "no price in effect on 2025-03-01");

        let error = app.error(COMPARE, json!({ "slugs": ["gpt-4o", "no-such-model"], "day": "2025-03-01" })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
        assert!(error["message"].as_str().unwrap().contains("no-such-model"));
        // Without a rate for the day, the row cannot be converted: a clear error.
        let error = app.error(COMPARE, json!({ "slugs": ["gpt-4o"], "day": "2024-06-01" })).await;
        assert_eq!(code(&error), "NO_EXCHANGE_RATE");
    }
}
