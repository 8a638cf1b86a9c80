//! The landscape over the Model Context Protocol: a real MCP client (rmcp's, over Streamable
//! HTTP on a socket) and hand-written JSON-RPC requests over plain HTTP, so the server is not
//! checked only by its own SDK. The stdio transport is tested on the real binary in
//! `api/tests/mcp_stdio.rs`.

use entities::Role;
use rmcp::{
    ServiceExt,
    model::{CallToolRequestParams, ClientCapabilities, ClientInfo, Implementation},
    transport::{
        StreamableHttpClientTransport, streamable_http_client::StreamableHttpClientTransportConfig,
    },
};
use serde_json::{Value, json};

use crate::harness::TestApp;

type Client = rmcp::service::RunningService<rmcp::RoleClient, ClientInfo>;

async fn connect(addr: std::net::SocketAddr, token: Option<&str>) -> Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut config = StreamableHttpClientTransportConfig::with_uri(format!("http://{addr}/mcp"));
    if let Some(token) = token {
        config = config.auth_header(token.to_owned());
    }
    let transport = StreamableHttpClientTransport::from_config(config);
    ClientInfo::new(
        ClientCapabilities::default(),
        Implementation::new("landscape-tests", "1"),
    )
    .serve(transport)
    .await
    .expect("the MCP client connects")
}

/// Calls `tool` and returns (is_error, the text it answered).
async fn call(client: &Client, tool: &str, arguments: Value) -> (bool, String) {
    let result = client
        .call_tool(
            CallToolRequestParams::new(tool.to_owned())
                .with_arguments(arguments.as_object().cloned().unwrap()),
        )
        .await
        .expect("the call is answered");
    let value = serde_json::to_value(&result).unwrap();
    let text = value["content"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (value["isError"] == true, text)
}

async fn rpc(
    addr: std::net::SocketAddr,
    token: Option<&str>,
    origin: Option<&str>,
    body: Value,
) -> (u16, reqwest::header::HeaderMap, String) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut request = reqwest::Client::new()
        .post(format!("http://{addr}/mcp"))
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-06-18")
        .body(body.to_string());
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    if let Some(origin) = origin {
        request = request.header("origin", origin);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap())
}

both! {
    async fn an_agent_reads_the_landscape_and_proposes_to_the_inbox(backend) {
        // The curated lists, as `serve` loads them.
        let app = TestApp::empty(backend).await;
        aigc_landscape::db::seed_if_empty(&app.db).await.unwrap();
        let viewer = app.user("viewer@example.org", Role::Viewer).await;
        let editor = app.user("editor@example.org", Role::Editor).await;
        let addr = app.listen().await;

        // A standard client: initialise, list the tools, call them.
        let client = connect(addr, Some(&viewer)).await;
        let tools = client.list_all_tools().await.unwrap();
        let names: std::collections::BTreeSet<String> = tools.iter().map(|t| t.name.to_string()).collect();
        for name in ["search_landscape", "get_model", "get_company", "compare_models", "estimate_cost", "price_changes", "weekly_digest", "propose_event"] {
            assert!(names.contains(name), "{name} missing from {names:?}");
        }
        assert!(tools.iter().all(|t| t.description.as_ref().is_some_and(|d| d.len() > 40) && t.input_schema.contains_key("properties")));

        let (error, found) = call(&client, "search_landscape", json!({ "query": "千问" })).await;
        assert!(!error, "{found}");
        assert!(found.contains("\"slug\":\"tongyi\""), "{found}");

        // compare_models answers exactly what compareModels does over GraphQL.
        let (error, compared) = call(&client, "compare_models", json!({ "slugs": ["gpt-4o", "deepseek-v3"], "currency": "USD", "as_of": "2025-03-01" })).await;
        assert!(!error, "{compared}");
        let compared: Value = serde_json::from_str(&compared).unwrap();
        assert_eq!(compared["asOf"], "2025-03-01");
        let graphql = app.data_as(Some(&viewer), r#"query($slugs: [String!]!, $currency: String!, $on: Date) {
  compareModels(slugs: $slugs, currency: $currency, asOf: $on) {
    model { slug name nameZh company { slug name nameZh } } priced note
    cheapestBlendedPerMillion { amount currency rateDate stale }
    offerings { offering { apiModelId region provider { slug name } }
      inputPerMillion { amount currency rateDate stale } outputPerMillion { amount currency rateDate stale }
      blendedPerMillion { amount currency }
      prices { dimension unit unitQuantity amount { amount currency } effectiveFrom effectiveTo verifiedOn provenance { sourceUrl confidence } } } } }"#,
            json!({ "slugs": ["gpt-4o", "deepseek-v3"], "currency": "USD", "on": "2025-03-01" })).await;
        assert_eq!(compared["compareModels"], graphql["compareModels"]);
        assert!(compared.to_string().contains("sourceUrl"), "facts carry their sources");

        let (error, model) = call(&client, "get_model", json!({ "slug": "deepseek-v3", "currency": "CNY", "as_of": "2025-03-01" })).await;
        assert!(!error && model.contains("\"slug\":\"deepseek-v3\"") && model.contains("outputPerMillion"), "{model}");
        let (error, company) = call(&client, "get_company", json!({ "slug": "moonshot" })).await;
        assert!(!error && company.contains("\"slug\":\"kimi\""), "{company}");
        let (error, changes) = call(&client, "price_changes", json!({ "from": "2024-05-01", "to": "2024-06-01" })).await;
        assert!(!error && changes.contains("\"apiModelId\":\"gpt-4o\"") && changes.contains("sourceUrl"), "{changes}");
        let (error, estimate) = call(&client, "estimate_cost", json!({ "slugs": ["gpt-4o", "gpt-4o-mini"], "requests_per_month": 1000, "input_tokens": 1000, "output_tokens": 100, "currency": "USD", "as_of": "2025-03-01" })).await;
        assert!(!error && estimate.contains("monthlyCost"), "{estimate}");
        let (error, digest) = call(&client, "weekly_digest", json!({ "week_of": "2024-05-22", "lang": "zh" })).await;
        assert!(!error && digest.starts_with("# AIGC 行业周报 2024-05-20"), "{digest}");

        // Refusals an agent can act on, and the session goes on after each.
        let (error, text) = call(&client, "get_model", json!({ "slug": "no-such-model" })).await;
        assert!(error && text.contains("NOT_FOUND") && text.contains("search_landscape"), "{text}");
        let (error, text) = call(&client, "compare_models", json!({ "slugs": ["gpt-4o"], "currency": "RMB" })).await;
        assert!(error && text.contains("BAD_USER_INPUT") && text.contains("ISO 4217"), "{text}");
        let (error, text) = call(&client, "compare_models", json!({ "slugs": ["gpt-4o"], "currency": "JPY", "as_of": "2025-03-01" })).await;
        assert!(error && text.contains("NO_EXCHANGE_RATE"), "no yen rates are recorded: {text}");
        let (error, text) = call(&client, "propose_event", json!({ "title": "x", "source_urls": ["https://example.com/a"] })).await;
        assert!(error && text.contains("FORBIDDEN") && text.contains("VIEWER"), "a viewer cannot propose: {text}");
        client.cancel().await.ok();

        // An editor's proposal waits in the inbox, marked, and is not an event.
        let client = connect(addr, Some(&editor)).await;
        let events_before = app.data("{ events { totalCount } }", json!({})).await;
        let (error, text) = call(&client, "propose_event", json!({
            "title": "Moonshot releases Kimi K2", "title_zh": "月之暗面发布 Kimi K2",
            "summary": "An open-weights model.", "source_urls": ["https://moonshot.example/k2?utm_source=x", "https://news.example/k2"],
            "occurred_on": "2025-07-11",
        })).await;
        assert!(!error && text.contains("\"proposed\":true"), "{text}");
        let (_, again) = call(&client, "propose_event", json!({ "title": "Kimi K2 again", "source_urls": ["https://moonshot.example/k2"] })).await;
        assert!(again.contains("\"proposed\":false") && again.contains("in the inbox already"), "{again}");
        let (error, text) = call(&client, "propose_event", json!({ "title": "bad", "source_urls": ["javascript:alert(1)"] })).await;
        assert!(error && text.contains("not an absolute http(s) URL"), "{text}");
        client.cancel().await.ok();
        let inbox = app.data_as(Some(&editor), "{ inbox { nodes { title titleZh sourceUrls status source { slug } proposedBy verified matchedCompanies { slug } } } }", json!({})).await;
        let item = &inbox["inbox"]["nodes"][0];
        assert_eq!(item["title"], "Moonshot releases Kimi K2");
        assert_eq!(item["titleZh"], "月之暗面发布 Kimi K2");
        assert_eq!(item["sourceUrls"], json!(["https://moonshot.example/k2", "https://news.example/k2"]));
        assert_eq!((item["status"].as_str(), item["verified"].as_bool()), (Some("NEW"), Some(false)));
        assert_eq!(item["source"], json!(null));
        assert!(item["proposedBy"].as_str().unwrap().contains("editor@example.org"), "{item}");
        assert_eq!(item["matchedCompanies"], json!([{ "slug": "moonshot" }]));
        assert_eq!(app.data("{ events { totalCount } }", json!({})).await, events_before, "no event was created");
    }

    async fn plain_json_rpc_tokens_and_origins(backend) {
        let app = TestApp::seeded(backend).await;
        let viewer = app.user("viewer@example.org", Role::Viewer).await;
        let addr = app.listen().await;
        let init = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": { "name": "curl", "version": "1" } } });
        let (status, _, body) = rpc(addr, None, None, init.clone()).await;
        assert_eq!(status, 200, "{body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["result"]["serverInfo"]["name"], "aigc-landscape");
        assert!(body["result"]["capabilities"]["tools"].is_object());

        let (status, _, body) = rpc(addr, Some(&viewer), None, json!({ "jsonrpc": "2.0", "id": 2, "method": "tools/list" })).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("\"weekly_digest\""));
        let (status, _, body) = rpc(addr, None, None, json!({ "jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": { "name": "search_landscape", "arguments": { "query": "kling" } } })).await;
        assert_eq!(status, 200);
        let body: Value = serde_json::from_str(&body).unwrap();
        assert!(body["result"]["content"][0]["text"].as_str().unwrap().contains("kling"), "{body}");
        // Arguments of the wrong shape are an error answer, not a crash.
        let (status, _, body) = rpc(addr, None, None, json!({ "jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": { "name": "compare_models", "arguments": { "slugs": "gpt-4o" } } })).await;
        assert_eq!(status, 200);
        assert!(body.contains("error") || body.contains("isError"), "{body}");

        // A bad token: 401 with a Bearer challenge. A foreign browser origin: refused.
        let (status, headers, _) = rpc(addr, Some("not-a-token"), None, init.clone()).await;
        assert_eq!(status, 401);
        assert!(headers["www-authenticate"].to_str().unwrap().starts_with("Bearer"));
        let (status, _, body) = rpc(addr, None, Some("https://evil.example"), init.clone()).await;
        assert_eq!(status, 403);
        assert!(body.contains("CORS_ALLOWED_ORIGINS"));

        // With anonymous reads off, no token is a 401 too.
        let private = app.private();
        let addr = private.listen().await;
        let (status, headers, _) = rpc(addr, None, None, init).await;
        assert_eq!(status, 401);
        assert!(headers.contains_key("www-authenticate"));
    }
}
