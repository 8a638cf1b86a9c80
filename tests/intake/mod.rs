//! Intake: sources, fetching into the inbox, triage, and exchange rates that refresh. The
//! remote parties — feeds, the ECB's file — are a local HTTP server on 127.0.0.1 serving
//! fixtures written for these tests (`server.rs`); nothing leaves the machine.

mod add_link;
mod bad_input;
mod flow;
mod matching;
mod rates;
mod server;

use aigc_landscape::{config::IntakeConfig, outbound::OutboundClient};
use serde_json::{Value, json};

use crate::harness::TestApp;

/// The guarded client as tests use it: private addresses allowed (the fixture server is on
/// loopback) unless `guarded`, a short timeout and a small body cap.
pub fn client(guarded: bool, allowed_hosts: &[&str]) -> OutboundClient {
    let config = IntakeConfig {
        fetch_allow_private: !guarded,
        fetch_allowed_hosts: allowed_hosts.iter().map(|h| h.to_string()).collect(),
        fetch_timeout_secs: 2,
        fetch_max_bytes: 256 * 1024,
        ..IntakeConfig::default()
    };
    OutboundClient::new(config.outbound()).unwrap()
}

/// Creates a source as `editor`; returns its id.
pub async fn create_source(
    app: &TestApp,
    editor: &str,
    slug: &str,
    url: &str,
    company: Option<&str>,
) -> String {
    let company_id = match company {
        Some(slug) => {
            let data = app
                .data(
                    "query($s: String!) { company(slug: $s) { id } }",
                    json!({ "s": slug }),
                )
                .await;
            data["company"]["id"].clone()
        }
        None => Value::Null,
    };
    let made = app
        .data_as(
            Some(editor),
            "mutation($input: SourceInput!) { createSource(input: $input) { source { id } userErrors { field message code } } }",
            json!({ "input": { "slug": slug, "name": slug, "feedUrl": url, "companyId": company_id } }),
        )
        .await;
    assert_eq!(made["createSource"]["userErrors"], json!([]), "{made}");
    made["createSource"]["source"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Fetches the sources `ids` now; returns the results.
pub async fn fetch(app: &TestApp, editor: &str, ids: &[&str]) -> Value {
    let data = app
        .data_as(
            Some(editor),
            "mutation($ids: [ID!]) { fetchSources(ids: $ids) { source { slug lastError lastSuccessAt itemCount } newItems error } }",
            json!({ "ids": ids }),
        )
        .await;
    data["fetchSources"].clone()
}
