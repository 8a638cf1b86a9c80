//! Signed webhooks: a change recorded through the API reaches a Standard Webhooks receiver on
//! 127.0.0.1, signed (checked with the `standardwebhooks` crate, an independent
//! implementation of the specification), later if the receiver was down at first; filters,
//! backfilled history and the address guard hold; the outbox is written in the change's own
//! transaction, so a fresh worker (a restarted process) delivers what an earlier one did not.

use std::sync::{Arc, Mutex};

use aigc_landscape::{
    config::WebhookConfig,
    notify::deliver::{self, DeliveryConfig},
    outbound::OutboundClient,
};
use axum::{
    Router,
    body::Bytes,
    http::{HeaderMap, StatusCode},
    routing::post,
};
use entities::{Role, outbox};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::harness::TestApp;

/// A request the receiver took: its headers and body.
type Seen = (HeaderMap, Vec<u8>);

#[derive(Clone, Default)]
struct Receiver {
    seen: Arc<Mutex<Vec<Seen>>>,
    /// Answers 503 to this many requests first.
    down_for: Arc<Mutex<usize>>,
}

async fn receiver(down_for: usize) -> (std::net::SocketAddr, Receiver) {
    let state = Receiver::default();
    *state.down_for.lock().unwrap() = down_for;
    let shared = state.clone();
    let app = Router::new().route(
        "/hook",
        post(move |headers: HeaderMap, body: Bytes| {
            let shared = shared.clone();
            async move {
                let mut down = shared.down_for.lock().unwrap();
                if *down > 0 {
                    *down -= 1;
                    return StatusCode::SERVICE_UNAVAILABLE;
                }
                shared.seen.lock().unwrap().push((headers, body.to_vec()));
                StatusCode::NO_CONTENT
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    (addr, state)
}

fn client(allow_private: bool) -> OutboundClient {
    let config = WebhookConfig {
        webhook_allow_private: allow_private,
        webhook_retry_base_seconds: 0,
        webhook_poll_seconds: 0,
    };
    OutboundClient::new(config.outbound()).unwrap()
}

fn pacing() -> DeliveryConfig {
    DeliveryConfig {
        retry_base: chrono::Duration::zero(),
        ..DeliveryConfig::default()
    }
}

const CREATE: &str = r#"mutation($input: WebhookInput!) { createWebhook(input: $input) { webhook { id url format topics companies } secret userErrors { field message code } } }"#;
const PRICE: &str =
    "mutation($input: PriceInput!) { createPrice(input: $input) { userErrors { field message } } }";

async fn new_price(app: &TestApp, editor: &str, api: &str, amount: &str, from: &str) {
    let offering = app
        .data(
            r#"query($a: String!) { offerings(filter: { apiModelId: $a }) { nodes { id } } }"#,
            json!({ "a": api }),
        )
        .await;
    let made = app
        .data_as(Some(editor), PRICE, json!({ "input": {
            "offeringId": offering["offerings"]["nodes"][0]["id"], "dimension": "OUTPUT_TOKENS", "unit": "TOKEN", "unitQuantity": 1000000,
            "amount": amount, "currency": "CNY", "effectiveFrom": from, "sourceUrl": "https://api-docs.deepseek.com/quick_start/pricing" } }))
        .await;
    assert_eq!(made["createPrice"]["userErrors"], json!([]), "{made}");
}

both! {
    async fn a_price_change_reaches_a_signed_receiver(backend) {
        let (addr, seen) = receiver(1).await;
        let app = TestApp::seeded(backend).await;
        let admin = app.user("admin@example.org", Role::Admin).await;
        let editor = app.user("editor@example.org", Role::Editor).await;
        let viewer = app.user("viewer@example.org", Role::Viewer).await;

        let refused = app.error_as(Some(&viewer), "{ webhooks { id } }", json!({})).await;
        assert_eq!(refused["extensions"]["code"], "FORBIDDEN");
        let bad = app.data_as(Some(&admin), CREATE, json!({ "input": { "name": "x", "url": "ftp://x", "format": "WECOM", "topics": [], "filter": { "companies": ["nope"] } } })).await;
        let fields: Vec<Value> = bad["createWebhook"]["userErrors"].as_array().unwrap().iter().map(|e| e["field"].clone()).collect();
        for f in [json!(["input", "url"]), json!(["input", "format"]), json!(["input", "topics"]), json!(["input", "filter", "companies", "0"])] {
            assert!(fields.contains(&f), "{f} in {bad}");
        }

        let made = app.data_as(Some(&admin), CREATE, json!({ "input": {
            "name": "pricing team", "url": format!("http://{addr}/hook?key=s3cret"), "format": "STANDARD",
            "topics": ["PRICE_CHANGED", "EVENT_CREATED"], "filter": { "companies": ["deepseek"] } } })).await;
        let payload = &made["createWebhook"];
        assert_eq!(payload["userErrors"], json!([]), "{made}");
        let secret = payload["secret"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("whsec_"));
        assert_eq!(payload["webhook"]["url"], format!("http://{}/…", addr.ip()), "the URL is read back masked");

        // Backfilled history tells nothing; a current change writes its message with the change.
        new_price(&app, &editor, "deepseek-reasoner", "2.5", "2024-01-01").await;
        assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 0);
        let today = aigc_landscape::clock::today().to_string();
        new_price(&app, &editor, "deepseek-reasoner", "1.5", &today).await;
        assert_eq!(outbox::Entity::find().count(&app.db).await.unwrap(), 1, "written in the change's transaction");
        // An event about a company the filter leaves out reaches nobody.
        let event = app.data_as(Some(&editor), r#"mutation($d: Date!, $c: ID!) { createEvent(input: { slug: "today-openai", occurredOn: $d, type: MODEL_RELEASE, title: "OpenAI ships", sourceUrls: ["https://openai.com/index/x/"], companies: [{ id: $c }] }) { userErrors { message } } }"#,
            json!({ "d": today, "c": app.data(r#"{ company(slug: "openai") { id } }"#, json!({})).await["company"]["id"] })).await;
        assert_eq!(event["createEvent"]["userErrors"], json!([]), "{event}");

        // A fresh worker — as after a restart — sends; the receiver is down the first time.
        let first = deliver::run_once(&app.db, &client(true), &pacing()).await.unwrap();
        assert_eq!((first.dispatched, first.delivered, first.retried), (1, 0, 1), "{first:?}");
        assert!(seen.seen.lock().unwrap().is_empty());
        let second = deliver::run_once(&app.db, &client(true), &pacing()).await.unwrap();
        assert_eq!(second.delivered, 1, "{second:?}");
        let requests = seen.seen.lock().unwrap().clone();
        assert_eq!(requests.len(), 1);
        let (headers, body) = &requests[0];
        let mut map = http::HeaderMap::new();
        for (name, value) in headers {
            map.insert(http::HeaderName::from_bytes(name.as_str().as_bytes()).unwrap(), http::HeaderValue::from_bytes(value.as_bytes()).unwrap());
        }
        standardwebhooks::Webhook::new(&secret).unwrap().verify(body, &map).expect("the signature verifies");
        let message: Value = serde_json::from_slice(body).unwrap();
        assert_eq!(message["type"], "price.changed");
        assert_eq!(message["data"]["amount"], "1.5");
        assert_eq!(message["data"]["previousAmount"], "16", "the row in force before (the starter set's 16 yuan)");
        assert_eq!(message["data"]["currency"], "CNY");

        let deliveries = app.data_as(Some(&admin), "query($id: ID!) { webhookDeliveries(webhookId: $id) { totalCount nodes { status attempts responseCode messageId } } }",
            json!({ "id": payload["webhook"]["id"] })).await;
        assert_eq!(deliveries["webhookDeliveries"]["totalCount"], 1, "nothing for the filtered-out event");
        let d = &deliveries["webhookDeliveries"]["nodes"][0];
        assert_eq!((d["status"].as_str(), d["attempts"].as_i64(), d["responseCode"].as_i64()), (Some("DELIVERED"), Some(2), Some(204)));
        assert_eq!(headers["webhook-id"].to_str().unwrap(), d["messageId"].as_str().unwrap());

        // The guard on: a loopback receiver is refused, and the delivery says why.
        app.data_as(Some(&admin), "mutation($id: ID!) { testWebhook(id: $id) { userErrors { message } } }", json!({ "id": payload["webhook"]["id"] })).await;
        let guarded = deliver::run_once(&app.db, &client(false), &pacing()).await.unwrap();
        assert_eq!(guarded.retried, 1);
        let deliveries = app.data_as(Some(&admin), "query($id: ID!) { webhookDeliveries(webhookId: $id, first: 1) { nodes { topic status lastError } } }", json!({ "id": payload["webhook"]["id"] })).await;
        let ping = &deliveries["webhookDeliveries"]["nodes"][0];
        assert_eq!(ping["topic"], "PING");
        assert!(ping["lastError"].as_str().unwrap().contains("WEBHOOK_ALLOW_PRIVATE"), "{ping}");
    }
}
