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
        webhook_min_interval_seconds: 0,
        webhook_digest_at: String::new(),
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
        let bad = app.data_as(Some(&admin), CREATE, json!({ "input": { "name": "x", "url": "ftp://x", "format": "WECOM", "topics": [], "filter": { "companies": ["nope"] }, "signingSecret": "SEC1" } })).await;
        let fields: Vec<Value> = bad["createWebhook"]["userErrors"].as_array().unwrap().iter().map(|e| e["field"].clone()).collect();
        for f in [json!(["input", "url"]), json!(["input", "signingSecret"]), json!(["input", "topics"]), json!(["input", "filter", "companies", "0"])] {
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

/// A group bot's receiver: records bodies and query strings, answers as the platform does.
#[derive(Clone, Default)]
struct Bot {
    seen: Arc<Mutex<Vec<(String, Value)>>>,
    /// Answers HTTP 200 with this error body to the first request (a bot's refusal).
    refuse_first: Arc<Mutex<Option<Value>>>,
}

async fn bot(refuse_first: Option<Value>) -> (std::net::SocketAddr, Bot) {
    let state = Bot::default();
    *state.refuse_first.lock().unwrap() = refuse_first;
    let shared = state.clone();
    let app = Router::new().route(
        "/bot",
        post(move |uri: axum::http::Uri, body: Bytes| {
            let shared = shared.clone();
            async move {
                let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                if let Some(refusal) = shared.refuse_first.lock().unwrap().take() {
                    return axum::Json(refusal);
                }
                shared
                    .seen
                    .lock()
                    .unwrap()
                    .push((uri.query().unwrap_or("").to_owned(), value));
                axum::Json(json!({ "errcode": 0, "errmsg": "ok", "code": 0 }))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    (addr, state)
}

fn hmac(key: &[u8], message: &[u8]) -> String {
    use base64::Engine;
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(message);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

both! {
    async fn chat_bots_get_one_readable_signed_message(backend) {
        let app = TestApp::seeded(backend).await;
        let admin = app.user("admin@example.org", Role::Admin).await;
        let editor = app.user("editor@example.org", Role::Editor).await;
        let today = aigc_landscape::clock::today().to_string();
        app.data_as(Some(&editor), r#"mutation($d: Date!) { createExchangeRate(input: { base: "USD", quote: "CNY", rate: "7.2", onDate: $d }) { userErrors { message } } }"#, json!({ "d": today })).await;

        // WeCom, in Chinese: it refuses the first try with an error inside an HTTP 200.
        let (wecom_addr, wecom) = bot(Some(json!({ "errcode": 45009, "errmsg": "api freq out of limit" }))).await;
        let made = app.data_as(Some(&admin), CREATE, json!({ "input": { "name": "群机器人", "url": format!("http://{wecom_addr}/bot?key=abc"), "format": "WECOM", "topics": ["PRICE_CHANGED"], "language": "zh" } })).await;
        assert_eq!(made["createWebhook"]["userErrors"], json!([]), "{made}");
        assert_eq!(made["createWebhook"]["secret"], json!(null), "a bot's secret is its own");
        // DingTalk with its signing on.
        let (ding_addr, ding) = bot(None).await;
        let made = app.data_as(Some(&admin), CREATE, json!({ "input": { "name": "dingtalk", "url": format!("http://{ding_addr}/bot?access_token=t"), "format": "DINGTALK", "topics": ["PRICE_CHANGED"], "signingSecret": "SECabc" } })).await;
        assert_eq!(made["createWebhook"]["userErrors"], json!([]), "{made}");
        // Feishu with its signing on.
        let (feishu_addr, feishu) = bot(None).await;
        let made = app.data_as(Some(&admin), CREATE, json!({ "input": { "name": "feishu", "url": format!("http://{feishu_addr}/bot"), "format": "FEISHU", "topics": ["PRICE_CHANGED"], "signingSecret": "fs-secret" } })).await;
        assert_eq!(made["createWebhook"]["userErrors"], json!([]), "{made}");

        // Two changes within the minimum interval: one message each bot, both lines in it.
        new_price(&app, &editor, "deepseek-reasoner", "1.5", &today).await;
        let offering = app.data(r#"{ offerings(filter: { apiModelId: "gpt-4o" }) { nodes { id } } }"#, json!({})).await;
        let made = app.data_as(Some(&editor), PRICE, json!({ "input": {
            "offeringId": offering["offerings"]["nodes"][0]["id"], "dimension": "OUTPUT_TOKENS", "unit": "TOKEN", "unitQuantity": 1000000,
            "amount": "8", "currency": "USD", "effectiveFrom": today, "sourceUrl": "https://openai.com/api/pricing/" } })).await;
        assert_eq!(made["createPrice"]["userErrors"], json!([]), "{made}");
        let gathering = DeliveryConfig { min_interval: chrono::Duration::milliseconds(1500), ..pacing() };
        let first = deliver::run_once(&app.db, &client(true), &gathering).await.unwrap();
        assert_eq!((first.dispatched, first.delivered), (3, 0), "gathering, nothing due yet: {first:?}");
        tokio::time::sleep(std::time::Duration::from_millis(1600)).await;
        let sent = deliver::run_once(&app.db, &client(true), &gathering).await.unwrap();
        assert_eq!((sent.delivered, sent.retried), (2, 1), "WeCom's refusal is a failure: {sent:?}");
        let again = deliver::run_once(&app.db, &client(true), &gathering).await.unwrap();
        assert_eq!(again.delivered, 1, "{again:?}");

        let wecom = wecom.seen.lock().unwrap().clone();
        assert_eq!(wecom.len(), 1, "one message for both changes");
        let content = wecom[0].1["markdown"]["content"].as_str().unwrap();
        assert_eq!(wecom[0].1["msgtype"], "markdown");
        assert!(content.contains("价格变动") && content.contains("1.5 CNY") && content.contains("8 USD"), "{content}");
        assert!(content.contains("≈ 57.6 CNY"), "the USD price in yuan too: {content}");
        assert!(content.len() <= 4096);

        let ding = ding.seen.lock().unwrap().clone();
        let query: std::collections::HashMap<String, String> = url::form_urlencoded::parse(ding[0].0.as_bytes()).into_owned().collect();
        let timestamp = &query["timestamp"];
        assert_eq!(query["sign"], hmac(b"SECabc", format!("{timestamp}\nSECabc").as_bytes()), "DingTalk's signature");
        assert!(ding[0].1["markdown"]["text"].as_str().unwrap().contains("Price change"));

        let feishu = feishu.seen.lock().unwrap().clone();
        let body = &feishu[0].1;
        let ts = body["timestamp"].as_str().unwrap();
        assert_eq!(body["sign"].as_str().unwrap(), hmac(format!("{ts}\nfs-secret").as_bytes(), b""), "Feishu's signature");
        assert_eq!(body["msg_type"], "interactive");
        assert!(body["card"]["elements"][0]["content"].as_str().unwrap().contains("DeepSeek"));

        // Readable back, masked: the key in the URL is not shown.
        let hooks = app.data_as(Some(&admin), "{ webhooks { url format } }", json!({})).await;
        assert!(!hooks.to_string().contains("key=abc") && !hooks.to_string().contains("access_token"), "{hooks}");
    }

    async fn the_weeks_digest_is_written_once_when_due(backend) {
        use aigc_landscape::notify::digest::{parse_digest_at, publish_if_due};
        let app = TestApp::seeded(backend).await;
        let state = aigc_landscape::state::AppState::new(app.db.clone(), aigc_landscape::config::QueryLimits::default(), crate::harness::test_auth(true));
        let at = parse_digest_at("FRI 17:00").unwrap();
        let tz = aigc_landscape::clock::time_zone();
        let local = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap().and_local_timezone(tz).unwrap().with_timezone(&chrono::Utc);
        // 2024-05-24 is a Friday.
        assert!(!publish_if_due(&state, at, local("2024-05-24 16:59")).await.unwrap());
        assert!(publish_if_due(&state, at, local("2024-05-24 17:01")).await.unwrap());
        assert!(!publish_if_due(&state, at, local("2024-05-25 09:00")).await.unwrap(), "once a week");
        let rows = outbox::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].payload["from"], "2024-05-20");
        assert!(rows[0].payload["markdownZh"].as_str().unwrap().starts_with("# AIGC 行业周报 2024-05-20"));
    }
}
