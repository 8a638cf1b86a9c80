//! `addInboxItem`: a link a person pasted joins the inbox as a NEW item proposed by them, with
//! its mentions matched; what is wrong with it is a userError on the field to fix, and a link
//! the inbox holds already is TAKEN, naming the item. On both databases.

use entities::Role;
use serde_json::json;

use crate::harness::{TestApp, code, pluck};

const ADD: &str = r#"mutation($input: AddInboxItemInput!) { addInboxItem(input: $input) {
  inboxItem { id title titleZh link sourceUrls status proposedBy publishedAt matchedCompanies { slug } verified }
  userErrors { field message code } } }"#;

both! {
    async fn a_pasted_link_joins_the_inbox(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("editor@example.org", Role::Editor).await;
        let viewer = app.user("viewer@example.org", Role::Viewer).await;
        let input = json!({ "sourceUrls": ["https://mp.weixin.qq.com/s/abc?utm_source=wechat"], "title": "  OpenAI <b>cuts</b> prices ",
            "titleZh": "OpenAI 降价", "occurredOn": "2026-11-30" });

        let refused = app.error_as(Some(&viewer), ADD, json!({ "input": input })).await;
        assert_eq!(code(&refused), "FORBIDDEN", "{refused}");
        let refused = app.error_as(None, ADD, json!({ "input": input })).await;
        assert_eq!(code(&refused), "UNAUTHENTICATED", "{refused}");

        let added = app.data_as(Some(&editor), ADD, json!({ "input": input })).await;
        let item = &added["addInboxItem"]["inboxItem"];
        assert_eq!(added["addInboxItem"]["userErrors"], json!([]), "{added}");
        assert_eq!(item["title"], "OpenAI cuts prices", "plain text, trimmed");
        assert_eq!(item["link"], "https://mp.weixin.qq.com/s/abc", "tracking parameters dropped");
        assert_eq!(item["status"], "NEW");
        assert_eq!(item["verified"], false);
        assert_eq!(item["proposedBy"], "added by editor@example.org");
        assert_eq!(pluck(&item["matchedCompanies"], "slug"), ["openai"]);
        assert!(item["publishedAt"].as_str().unwrap().starts_with("2026-11-30"), "{item}");

        // The same link again (tracking parameters aside) names the item that holds it.
        let again = app.data_as(Some(&editor), ADD, json!({ "input": { "sourceUrls": ["https://mp.weixin.qq.com/s/abc"], "title": "Again" } })).await;
        let errors = &again["addInboxItem"]["userErrors"];
        assert_eq!(again["addInboxItem"]["inboxItem"], json!(null));
        assert_eq!(errors[0]["code"], "TAKEN", "{again}");
        assert_eq!(errors[0]["field"], json!(["input", "sourceUrls"]));
        assert!(errors[0]["message"].as_str().unwrap().contains("OpenAI cuts prices"), "{again}");

        // What is wrong is said on the field to fix, and nothing is written.
        for (input, field, words) in [
            (json!({ "sourceUrls": ["javascript:alert(1)"], "title": "x" }), "sourceUrls", "not an absolute http(s) URL"),
            (json!({ "sourceUrls": [], "title": "x" }), "sourceUrls", "1 to 5 links"),
            (json!({ "sourceUrls": ["https://example.com/a"], "title": "<p> </p>" }), "title", "title is required"),
        ] {
            let out = app.data_as(Some(&editor), ADD, json!({ "input": input })).await;
            let e = &out["addInboxItem"]["userErrors"][0];
            assert_eq!(e["field"], json!(["input", field]), "{out}");
            assert_eq!(e["code"], "INVALID");
            assert!(e["message"].as_str().unwrap().contains(words), "{out}");
        }
        let inbox = app.data_as(Some(&editor), "{ inbox { totalCount } }", json!({})).await;
        assert_eq!(inbox["inbox"]["totalCount"], 1, "only the good link was stored");
    }
}
