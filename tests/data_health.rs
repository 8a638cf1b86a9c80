//! `dataHealth` (and `aigc-landscape check`, which prints the same report): what a curator
//! should look at, with counts and the records behind each.

use entities::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, code};

const HEALTH: &str =
    r#"{ dataHealth(limit: 500) { checkedOn checks { code count records { id type label } } } }"#;

fn check<'a>(data: &'a Value, code: &str) -> &'a Value {
    data["dataHealth"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap()
}

both! {
    async fn the_report_lists_what_to_fix(backend) {
        let app = TestApp::seeded(backend).await;
        let error = app.error_as(None, HEALTH, json!({})).await;
        assert_eq!(code(&error), "UNAUTHENTICATED");
        let editor = app.user("curator@example.org", Role::Editor).await;
        let before = app.data_as(Some(&editor), HEALTH, json!({})).await;
        let codes: Vec<&str> = before["dataHealth"]["checks"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
        assert_eq!(codes, [
            "OPEN_PRICE_ON_RETIRED", "OFFERING_WITHOUT_PRICE", "HOME_PAGE_SOURCE", "PRICE_NEVER_VERIFIED",
            "PRICE_NOT_VERIFIED_90_DAYS", "COMPANY_WITHOUT_SOURCE", "PRODUCT_WITHOUT_SOURCE", "EVENT_WITHOUT_COMPANY",
        ]);
        for c in before["dataHealth"]["checks"].as_array().unwrap() {
            assert_eq!(c["count"].as_u64().unwrap() as usize, c["records"].as_array().unwrap().len(), "{c}");
        }
        assert_eq!(check(&before, "OPEN_PRICE_ON_RETIRED")["count"], 0);

        // Retire a priced model: its open prices are now listed, by offering and day.
        let model = app.data(r#"{ model(slug: "gpt-4o-mini") { id version } }"#, json!({})).await;
        let retired = app
            .data_as(
                Some(&editor),
                "mutation($id: ID!, $v: Int!) { updateModel(id: $id, expectedVersion: $v, input: { status: RETIRED, retiredOn: \"2025-01-01\" }) { userErrors { field message } } }",
                json!({ "id": model["model"]["id"], "v": model["model"]["version"] }),
            )
            .await;
        assert_eq!(retired["updateModel"]["userErrors"], json!([]), "{retired}");
        let after = app.data_as(Some(&editor), HEALTH, json!({})).await;
        let open = check(&after, "OPEN_PRICE_ON_RETIRED");
        assert!(open["count"].as_u64().unwrap() >= 2, "{open}");
        let records = open["records"].as_array().unwrap();
        assert!(records.iter().all(|r| r["type"] == "Price" && r["label"].as_str().unwrap().starts_with("gpt-4o-mini")), "{open}");
        // Each record opens with node(id:).
        let node = app.data(r#"query($id: ID!) { node(id: $id) { ... on Price { dimension } } }"#, json!({ "id": records[0]["id"] })).await;
        assert!(node["node"]["dimension"].is_string(), "{node}");

        // An event that names no company is listed.
        let lonely = check(&after, "EVENT_WITHOUT_COMPANY")["count"].as_u64().unwrap();
        let made = app
            .data_as(
                Some(&editor),
                r#"mutation { createEvent(input: { slug: "2026-11-30-a-rule", occurredOn: "2026-11-30", type: POLICY, title: "A rule", sourceUrls: ["https://www.cac.gov.cn/x.htm"] }) { userErrors { message } } }"#,
                json!({}),
            )
            .await;
        assert_eq!(made["createEvent"]["userErrors"], json!([]));
        let later = app.data_as(Some(&editor), HEALTH, json!({})).await;
        assert_eq!(check(&later, "EVENT_WITHOUT_COMPANY")["count"].as_u64().unwrap(), lonely + 1);
        let error = app.error_as(Some(&editor), "{ dataHealth(limit: 0) { checkedOn } }", json!({})).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
    }
}
