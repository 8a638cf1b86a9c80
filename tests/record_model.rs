//! One record model for both writers: the same change through a mutation and through a seed
//! leaves revisions of the same shape, every revision names its own kind, and a value rule
//! refuses the same mistake from both with the same words.

use std::collections::BTreeSet;

use entities::{Role, revision};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::harness::TestApp;

const MEDIA: &str = "- { slug: text, name: Text }\n- { slug: image, name: Image }\n";
const TASKS: &str = "- { slug: chat, name: Chat }\n";
const ACME: &str = "\
company: { slug: acme, name: Acme, kind: STARTUP, country: CN }
models:
  - { slug: acme-1, name: Acme 1, status: GA, inputs: [text, image], outputs: [text], tasks: [chat] }
products:
  - slug: acme-chat
    name: Acme Chat
    kind: CHAT_ASSISTANT
    status: ACTIVE
    models: [acme-1]
    plans:
      - { slug: pro, name: Pro, billing_period: MONTH, amount: 20, currency: CNY, models: [acme-1], effective_from: 2025-01-01 }
    credit_costs:
      - { work: image, unit: IMAGE, unit_quantity: 1, credits: 4, effective_from: 2025-01-01 }
";
const EVENTS: &str = "slug,occurred_on,date_precision,type,title,importance,companies,models,source_urls\n\
2025-01-02-acme-1,2025-01-02,DAY,MODEL_RELEASE,Acme 1 is out,3,acme,acme-1:SUBJECT,https://example.org/acme-1\n";

fn dataset(prices: Option<&str>) -> Result<seeds::Dataset, Vec<String>> {
    let mut files = vec![
        ("media_types.yaml".to_owned(), MEDIA.to_owned()),
        ("tasks.yaml".to_owned(), TASKS.to_owned()),
        ("companies/acme.yaml".to_owned(), ACME.to_owned()),
        ("events.csv".to_owned(), EVENTS.to_owned()),
    ];
    if let Some(prices) = prices {
        files.push(("prices.csv".to_owned(), prices.to_owned()));
    }
    seeds::Dataset::parse(files).map_err(|p| p.0.iter().map(ToString::to_string).collect())
}

/// The stored snapshot after the first revision of a record.
async fn first_after(app: &TestApp, kind: &str, id: i64) -> serde_json::Map<String, Value> {
    let row = revision::Entity::find()
        .filter(revision::Column::EntityType.eq(kind))
        .filter(revision::Column::EntityId.eq(id))
        .order_by_asc(revision::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no revision of {kind} {id}"));
    row.after.unwrap().as_object().unwrap().clone()
}

fn fields(snapshot: &serde_json::Map<String, Value>) -> BTreeSet<String> {
    snapshot.keys().cloned().collect()
}

/// The row id inside a global id.
fn row(id: &Value) -> i64 {
    use base64::Engine;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(id.as_str().unwrap())
        .unwrap();
    let text = String::from_utf8(raw).unwrap();
    text.rsplit_once(':').unwrap().1.parse().unwrap()
}

fn kind_of(id: &Value) -> String {
    use base64::Engine;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(id.as_str().unwrap())
        .unwrap();
    let text = String::from_utf8(raw).unwrap();
    text.split_once(':').unwrap().0.to_owned()
}

both! {
    async fn a_mutation_and_a_seed_record_the_same_fields_in_the_same_form(backend) {
        let app = TestApp::with(backend, &dataset(None).unwrap()).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let ids = app.data(r#"{ company(slug: "acme") { id } model(slug: "acme-1") { id } product(slug: "acme-chat") { id subscriptionPlans { id } } events(first: 1) { nodes { id } } }"#, json!({})).await;

        // A model: the seeded one and one made through the API, with the same lists.
        let made = app.data_as(Some(&editor), "mutation($input: ModelInput!) { createModel(input: $input) { model { id } userErrors { message } } }", json!({ "input": {
            "slug": "acme-2", "name": "Acme 2", "companyId": ids["company"]["id"], "status": "GA",
            "inputMediaTypes": ["image", "text"], "outputMediaTypes": ["text"], "tasks": ["chat"],
        } })).await;
        let seeded = first_after(&app, "Model", row(&ids["model"]["id"])).await;
        let mutated = first_after(&app, "Model", row(&made["createModel"]["model"]["id"])).await;
        assert_eq!(fields(&seeded), fields(&mutated));
        for list in ["input_media_types", "output_media_types", "tasks"] {
            assert_eq!(seeded[list], mutated[list], "{list}");
        }
        assert_eq!(seeded["input_media_types"], json!(["image", "text"]));

        // A subscription plan: its models by slug from both writers.
        let plan = app.data_as(Some(&editor), "mutation($input: SubscriptionPlanInput!) { createSubscriptionPlan(input: $input) { subscriptionPlan { id } userErrors { message } } }", json!({ "input": {
            "productId": ids["product"]["id"], "slug": "max", "name": "Max", "billingPeriod": "MONTH",
            "amount": "99", "currency": "CNY", "modelIds": [ids["model"]["id"]], "effectiveFrom": "2025-02-01",
        } })).await;
        let seeded = first_after(&app, "SubscriptionPlan", row(&ids["product"]["subscriptionPlans"][0]["id"])).await;
        let mutated = first_after(&app, "SubscriptionPlan", row(&plan["createSubscriptionPlan"]["subscriptionPlan"]["id"])).await;
        assert_eq!(fields(&seeded), fields(&mutated));
        assert_eq!(seeded["models"], json!(["acme-1"]));
        assert_eq!(mutated["models"], json!(["acme-1"]));

        // An event: its links as slug:ROLE from both writers.
        let event = app.data_as(Some(&editor), "mutation($input: EventInput!) { createEvent(input: $input) { event { id } userErrors { message } } }", json!({ "input": {
            "slug": "2025-02-01-acme-2", "occurredOn": "2025-02-01", "type": "MODEL_RELEASE", "sourceUrls": ["https://example.org/acme-2"], "title": "Acme 2 is out", "importance": 3,
            "companies": [{ "id": ids["company"]["id"], "role": "SUBJECT" }],
            "models": [{ "id": ids["model"]["id"], "role": "SUBJECT" }],
        } })).await;
        let seeded = first_after(&app, "Event", row(&ids["events"]["nodes"][0]["id"])).await;
        let mutated = first_after(&app, "Event", row(&event["createEvent"]["event"]["id"])).await;
        assert_eq!(fields(&seeded), fields(&mutated));
        assert_eq!(seeded["companies"], json!(["acme:SUBJECT"]));
        assert_eq!(mutated["companies"], json!(["acme:SUBJECT"]));
        assert_eq!(seeded["models"], mutated["models"]);
    }

    async fn every_revision_names_its_own_kind(backend) {
        let app = TestApp::with(backend, &dataset(None).unwrap()).await;
        let viewer = app.user("v@example.org", Role::Viewer).await;
        let product = app.data(r#"{ product(slug: "acme-chat") { creditCosts { id } } }"#, json!({})).await;
        let cost = &product["product"]["creditCosts"][0]["id"];
        assert_eq!(kind_of(cost), "CreditCost");
        let trail = app.data_as(Some(&viewer), "query($id: ID!) { revisions(entityId: $id) { nodes { entityType entityId action } } }", json!({ "id": cost })).await;
        let node = &trail["revisions"]["nodes"][0];
        assert_eq!(node["entityType"], "CreditCost");
        assert_eq!(&node["entityId"], cost, "a CreditCost's revision points back at the CreditCost");
    }

    async fn a_negative_token_bound_is_refused_by_both_writers_alike(backend) {
        let app = TestApp::with(backend, &dataset(None).unwrap()).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let product = app.data(r#"{ product(slug: "acme-chat") { id } }"#, json!({})).await;
        let refused = app.data_as(Some(&editor), "mutation($input: PriceInput!) { createPrice(input: $input) { price { id } userErrors { field message } } }", json!({ "input": {
            "productId": product["product"]["id"], "dimension": "INPUT_TOKENS", "unit": "TOKEN", "unitQuantity": 1000000,
            "amount": "1", "currency": "CNY", "minInputTokens": -5, "effectiveFrom": "2025-03-01",
        } })).await;
        let errors = refused["createPrice"]["userErrors"].as_array().unwrap();
        assert!(refused["createPrice"]["price"].is_null());
        assert_eq!(errors.len(), 1, "{refused}");
        assert_eq!(errors[0]["field"], json!(["input", "minInputTokens"]));
        let message = errors[0]["message"].as_str().unwrap();

        let header = "product,dimension,unit,unit_quantity,amount,currency,min_input_tokens,effective_from\n";
        let problems = dataset(Some(&format!("{header}acme-chat,INPUT_TOKENS,TOKEN,1000000,1,CNY,-5,2025-03-01\n"))).unwrap_err();
        assert!(
            problems.iter().any(|p| p.ends_with(&format!("prices.csv:2: min_input_tokens {message}"))),
            "the seed validator says «{message}» too: {problems:?}"
        );
    }

    async fn every_value_rule_is_the_kinds_own_for_both_writers(backend) {
        let app = TestApp::with(backend, &dataset(None).unwrap()).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let company = app.data(r#"{ company(slug: "acme") { id } }"#, json!({})).await["company"]["id"].clone();
        // Each case: a mutation, the input field it refuses, and the same mistake in a seed
        // file with where the validator reports it. The first two were once checked by one
        // writer only (a founding year by the API), the last spells its column otherwise in
        // both (`base_currency` is `base`).
        let cases = [
            (
                "mutation { p: createCompany(input: { slug: \"old\", name: \"Old\", kind: STARTUP, foundedYear: 1500 }) { userErrors { field message } } }",
                "foundedYear",
                ("companies/old.yaml", "company: { slug: old, name: Old, kind: STARTUP, founded_year: 1500 }\n"),
                "companies/old.yaml (company old): founded_year",
            ),
            (
                "mutation($company: ID!) { p: createModel(input: { companyId: $company, slug: \"acme-2\", name: \"Acme 2\", status: GA, contextWindow: 0 }) { userErrors { field message } } }",
                "contextWindow",
                ("companies/old.yaml", "company: { slug: old, name: Old, kind: STARTUP }\nmodels:\n  - { slug: old-1, name: O, status: GA, context_window: 0 }\n"),
                "companies/old.yaml (model old-1): context_window",
            ),
            (
                "mutation { p: createExchangeRate(input: { base: \"USD\", quote: \"USD\", rate: \"1\", onDate: \"2025-01-02\" }) { userErrors { field message } } }",
                "quote",
                ("exchange_rates.csv", "base,quote,rate,on_date\nUSD,USD,1,2025-01-02\n"),
                "exchange_rates.csv:2: quote",
            ),
        ];
        for (mutation, field, (file, text), at) in cases {
            let variables = if mutation.contains("$company") { json!({ "company": company }) } else { json!({}) };
            let refused = app.data_as(Some(&editor), mutation, variables).await;
            let errors = refused["p"]["userErrors"].as_array().unwrap();
            assert_eq!(errors.len(), 1, "{refused}");
            assert_eq!(errors[0]["field"], json!(["input", field]));
            let message = errors[0]["message"].as_str().unwrap();
            let problems = seeds::Dataset::parse(vec![
                ("media_types.yaml".to_owned(), MEDIA.to_owned()),
                ("tasks.yaml".to_owned(), TASKS.to_owned()),
                (file.to_owned(), text.to_owned()),
            ])
            .map(|_| Vec::new())
            .unwrap_or_else(|p| p.0.iter().map(ToString::to_string).collect::<Vec<_>>());
            assert!(
                problems.iter().any(|p| p == &format!("{at} {message}")),
                "the seed validator says «{at} {message}» too: {problems:?}"
            );
        }
    }

    async fn references_declared_once_guard_delete_and_restore_of_every_kind(backend) {
        let app = TestApp::with(backend, &dataset(None).unwrap()).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let ids = app.data(r#"{ company(slug: "acme") { id } product(slug: "acme-chat") { id version } }"#, json!({})).await;
        const DELETE_PRODUCT: &str = "mutation($id: ID!, $v: Int!) { deleteProduct(id: $id, expectedVersion: $v) { product { id } userErrors { field message code } } }";

        // A product its plans and credit costs point at cannot go; the refusal counts them.
        let refused = app.data_as(Some(&editor), DELETE_PRODUCT, json!({ "id": ids["product"]["id"], "v": ids["product"]["version"] })).await;
        assert_eq!(refused["deleteProduct"]["userErrors"], json!([{
            "field": ["id"], "code": "INVALID",
            "message": "`Acme Chat` still has 1 live subscription plan and 1 live credit cost: delete or move them first",
        }]));

        // A filing points at a product: the product cannot go while the filing is live, and
        // the filing cannot come back while the product is deleted.
        let product = app.data_as(Some(&editor), "mutation($input: ProductInput!) { createProduct(input: $input) { product { id } userErrors { message } } }", json!({ "input": {
            "slug": "acme-draw", "name": "Acme Draw", "companyId": ids["company"]["id"], "kind": "CHAT_ASSISTANT", "status": "ACTIVE",
        } })).await["createProduct"]["product"]["id"].clone();
        let filing = app.data_as(Some(&editor), "mutation($input: FilingInput!) { createFiling(input: $input) { filing { id } userErrors { message } } }", json!({ "input": {
            "filingNumber": "TEST-0001", "type": "GENERATIVE_AI_SERVICE", "role": "SERVICE_PROVIDER", "algorithmName": "Acme Draw",
            "companyId": ids["company"]["id"], "productId": product,
        } })).await;
        let filing = filing["createFiling"]["filing"]["id"].clone();
        assert!(filing.is_string(), "{filing}");
        let refused = app.data_as(Some(&editor), DELETE_PRODUCT, json!({ "id": product, "v": 1 })).await;
        assert_eq!(refused["deleteProduct"]["userErrors"][0]["message"], "`Acme Draw` still has 1 live filing: delete or move them first");
        let gone = app.data_as(Some(&editor), "mutation($id: ID!) { deleteFiling(id: $id, expectedVersion: 1) { userErrors { message } } }", json!({ "id": filing })).await;
        assert_eq!(gone["deleteFiling"]["userErrors"], json!([]));
        let gone = app.data_as(Some(&editor), DELETE_PRODUCT, json!({ "id": product, "v": 1 })).await;
        assert_eq!(gone["deleteProduct"]["userErrors"], json!([]));
        let back = app.data_as(Some(&editor), "mutation($id: ID!) { restoreFiling(id: $id) { filing { id } userErrors { field message code } } }", json!({ "id": filing })).await;
        assert_eq!(back["restoreFiling"]["userErrors"], json!([{
            "field": ["productId"], "code": "NOT_FOUND",
            "message": "the record `productId` points at was deleted: restore it first",
        }]));
        assert!(back["restoreFiling"]["filing"].is_null());
    }
}
