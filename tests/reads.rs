//! Slug look-ups, global ids and relations in both directions.

use axum::{
    body::Body,
    http::{Request, header},
};
use serde_json::json;

use crate::harness::{TestApp, code, pluck};

both! {
    async fn slug_lookups_find_or_return_null(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app
            .data(
                r#"{ company(slug: "deepseek") { name nameZh country kind }
                     model(slug: "deepseek-r1") { name openWeights baseModel { slug } company { slug } }
                     product(slug: "tongyi") { nameZh aliases company { slug parent { slug } } }
                     nope: company(slug: "no-such-company") { name }
                     nada: model(slug: "") { name } }"#,
                json!({}),
            )
            .await;
        assert_eq!(data["company"]["nameZh"], "深度求索");
        assert_eq!(data["company"]["kind"], "AI_LAB");
        assert_eq!(data["model"]["baseModel"]["slug"], "deepseek-v3");
        assert_eq!(data["model"]["company"]["slug"], "deepseek");
        assert_eq!(data["product"]["company"]["parent"]["slug"], "alibaba");
        assert!(data["product"]["aliases"].as_array().unwrap().contains(&json!("通义千问")));
        assert!(data["nope"].is_null());
        assert!(data["nada"].is_null());
    }

    async fn node_and_nodes_resolve_global_ids(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app
            .data(
                r#"{ company(slug: "openai") { id models { id } }
                     prices(first: 1) { nodes { id } } }"#,
                json!({}),
            )
            .await;
        let company_id = data["company"]["id"].as_str().unwrap().to_owned();
        let model_id = data["company"]["models"][0]["id"].as_str().unwrap().to_owned();
        let price_id = data["prices"]["nodes"][0]["id"].as_str().unwrap().to_owned();
        assert!(!company_id.contains("Company"), "ids are opaque: {company_id}");

        let data = app
            .data(
                r#"query($id: ID!, $ids: [ID!]!) {
                     node(id: $id) { __typename ... on Company { slug } }
                     nodes(ids: $ids) { __typename id }
                   }"#,
                json!({ "id": company_id, "ids": [model_id, price_id, company_id] }),
            )
            .await;
        assert_eq!(data["node"]["__typename"], "Company");
        assert_eq!(data["node"]["slug"], "openai");
        let types: Vec<&str> = data["nodes"].as_array().unwrap().iter().map(|n| n["__typename"].as_str().unwrap()).collect();
        assert_eq!(types, ["Model", "Price", "Company"]);
        assert_eq!(data["nodes"][2]["id"], company_id.as_str());
    }

    async fn malformed_ids_are_bad_input_and_unknown_ones_null(backend) {
        let app = TestApp::seeded(backend).await;
        let error = app.error(r#"{ node(id: "not-an-id!") { id } }"#, json!({})).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
        assert!(error["message"].as_str().unwrap().contains("not an id"), "{error}");

        // A well-formed id of a row that does not exist is simply not found.
        let data = app.data(r#"{ node(id: "Q29tcGFueTo5OTk5OTk") { id } }"#, json!({})).await;
        assert!(data["node"].is_null());

        let ids: Vec<String> = (0..101).map(|_| "Q29tcGFueTox".to_owned()).collect();
        let error = app.error("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", json!({ "ids": ids })).await;
        assert_eq!(code(&error), "BAD_USER_INPUT");
    }

    async fn relations_resolve_both_ways(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app
            .data(
                r#"{ company(slug: "deepseek") {
                       models { slug offerings { apiModelId provider { slug } model { slug } } }
                       products { slug models { slug } }
                       events(limit: 2) { role event { slug occurredOn } }
                     }
                     model(slug: "deepseek-v3") {
                       inputMediaTypes { slug } outputMediaTypes { slug } tasks { slug nameZh }
                       products { slug }
                       events { role event { slug companies { role company { slug } } } }
                       scores { value benchmark { slug } selfReported }
                     }
                     kling: model(slug: "kling") { outputMediaTypes { slug nameZh } tasks { slug } }
                   }"#,
                json!({}),
            )
            .await;
        let company = &data["company"];
        assert_eq!(pluck(&company["models"], "slug"), ["deepseek-r1", "deepseek-v2", "deepseek-v3"]);
        let v3 = &company["models"][2];
        assert_eq!(v3["offerings"][0]["apiModelId"], "deepseek-chat");
        assert_eq!(v3["offerings"][0]["provider"]["slug"], "deepseek");
        // Newest first, and no more than asked for.
        let events = company["events"].as_array().unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0]["event"]["slug"], "2025-02-26-deepseek-off-peak");
        assert_eq!(events[0]["role"], "SUBJECT");

        let model = &data["model"];
        assert_eq!(pluck(&model["inputMediaTypes"], "slug"), ["text"]);
        assert_eq!(pluck(&model["outputMediaTypes"], "slug"), ["text"]);
        assert_eq!(pluck(&model["tasks"], "slug"), ["chat", "code"]);
        assert_eq!(model["scores"][0]["value"], "88.5");
        assert_eq!(model["scores"][0]["selfReported"], true);
        let event_slugs: Vec<&str> = model["events"].as_array().unwrap().iter().map(|e| e["event"]["slug"].as_str().unwrap()).collect();
        assert_eq!(event_slugs, ["2025-02-26-deepseek-off-peak", "2024-12-26-deepseek-v3"]);
        assert_eq!(data["kling"]["outputMediaTypes"][0]["nameZh"], "视频");
    }

    async fn offering_prices_as_of_a_date(backend) {
        let app = TestApp::seeded(backend).await;
        let query = r#"query($day: Date) { offerings(filter: { apiModelId: "deepseek-chat" }) { nodes {
            prices(asOf: $day) { dimension amount { amount currency } isPromotion effectiveFrom effectiveTo
                                 conditions { window { start end timeZone } } } } } }"#;
        let prices = |data: serde_json::Value| data["offerings"]["nodes"][0]["prices"].as_array().unwrap().clone();

        // During the launch promotion.
        let promo = prices(app.data(query, json!({ "day": "2025-01-15" })).await);
        let input: Vec<_> = promo.iter().filter(|p| p["dimension"] == "INPUT_TOKENS").collect();
        assert_eq!(input.len(), 1);
        assert_eq!(input[0]["amount"], json!({ "amount": "1", "currency": "CNY" }));
        assert_eq!(input[0]["isPromotion"], true);

        // After it: the standard rows, and from 2025-02-26 the off-peak rows beside them.
        let standard = prices(app.data(query, json!({ "day": "2025-02-10" })).await);
        assert_eq!(standard.len(), 3);
        assert!(standard.iter().all(|p| p["conditions"]["window"].is_null()));
        let later = prices(app.data(query, json!({ "day": "2025-03-01" })).await);
        assert_eq!(later.len(), 6);
        let off_peak: Vec<_> = later.iter().filter(|p| !p["conditions"]["window"].is_null()).collect();
        assert_eq!(off_peak.len(), 3);
        assert_eq!(off_peak[0]["conditions"]["window"], json!({ "start": "00:30", "end": "08:30", "timeZone": "Asia/Shanghai" }));

        // Without a date: the whole history.
        assert_eq!(prices(app.data(query, json!({ "day": null })).await).len(), 9);
    }

    async fn a_price_is_in_effect_from_its_first_day_until_the_day_its_period_ends(backend) {
        let app = TestApp::seeded(backend).await;
        let query = r#"query($day: Date) {
            offerings(filter: { apiModelId: "deepseek-chat" }) { nodes { prices(asOf: $day) { id } } }
            model(slug: "deepseek-v3") { prices(asOf: $day) { id } } }"#;
        let on = |day: String| {
            let app = &app;
            async move {
                let data = app.data(query, json!({ "day": day })).await;
                let ids = |rows: &serde_json::Value| -> Vec<String> { pluck(rows, "id").into_iter().map(String::from).collect() };
                (ids(&data["offerings"]["nodes"][0]["prices"]), ids(&data["model"]["prices"]))
            }
        };
        let history = app
            .data(r#"{ offerings(filter: { apiModelId: "deepseek-chat" }) { nodes { prices { id effectiveFrom effectiveTo } } } }"#, json!({}))
            .await;
        let ended: Vec<_> = history["offerings"]["nodes"][0]["prices"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| !p["effectiveTo"].is_null())
            .cloned()
            .collect();
        assert!(!ended.is_empty(), "the curated deepseek-chat prices include a closed period");
        for row in ended {
            let id = row["id"].as_str().unwrap().to_owned();
            let from = row["effectiveFrom"].as_str().unwrap().to_owned();
            let to: chrono::NaiveDate = row["effectiveTo"].as_str().unwrap().parse().unwrap();
            let last = (to - chrono::Duration::days(1)).to_string();
            for day in [from, last] {
                let (offering, model) = on(day.clone()).await;
                assert!(offering.contains(&id), "{id} is in effect on {day}: {offering:?}");
                assert!(model.contains(&id), "{id} is in effect on {day} for the model: {model:?}");
            }
            let (offering, model) = on(to.to_string()).await;
            assert!(!offering.contains(&id), "{id} ended before {to}: {offering:?}");
            assert!(!model.contains(&id), "{id} ended before {to} for the model: {model:?}");
        }
    }

    async fn modalities_and_tasks_are_plain_lists(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app.data("{ modalities { slug nameZh } tasks { slug nameZh } }", json!({})).await;
        assert_eq!(pluck(&data["modalities"], "slug")[..3], ["text", "image", "audio"]);
        assert!(pluck(&data["tasks"], "slug").contains(&"text-to-video"));
        assert!(pluck(&data["tasks"], "nameZh").contains(&"文生视频"));
    }

    async fn every_object_answers_its_fields_in_the_order_the_query_names_them(backend) {
        let app = TestApp::seeded(backend).await;
        // Loader-read fields (company, media types, offerings) written before and after the
        // model's own columns: async-graphql would place each wherever its batch finished.
        let model = ["offerings", "slug", "company", "name", "inputMediaTypes", "outputMediaTypes"];
        let company = ["name", "slug", "models"];
        for round in 0..12 {
            // A different alias each round, so no answer comes from the response cache.
            let query = format!(
                "{{ r{round}: __typename models(first: 30) {{ nodes {{ offerings {{ apiModelId }} \
                 slug company {{ name slug models {{ slug }} }} name inputMediaTypes {{ slug }} \
                 outputMediaTypes {{ slug }} }} }} }}"
            );
            let request = Request::post("/graphql")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json!({ "query": query }).to_string()))
                .unwrap();
            let (_, _, body) = app.send(request).await;
            // async-graphql's own value keeps the order the bytes have (serde_json's does not).
            let answer: async_graphql::Value = serde_json::from_slice(&body).unwrap();
            let data = field(&answer, "data");
            assert_eq!(keys(data), [format!("r{round}"), "models".to_string()]);
            let async_graphql::Value::List(nodes) = field(field(data, "models"), "nodes") else {
                panic!("a list of models")
            };
            assert!(nodes.len() >= 10, "the starter landscape has its models");
            for node in nodes {
                assert_eq!(keys(node), model, "round {round}");
                assert_eq!(keys(field(node, "company")), company, "round {round}");
            }
        }
    }
}

/// The keys of an object, in the order the answer wrote them.
fn keys(value: &async_graphql::Value) -> Vec<String> {
    match value {
        async_graphql::Value::Object(map) => map.keys().map(|k| k.to_string()).collect(),
        other => panic!("an object, not {other}"),
    }
}

fn field<'a>(value: &'a async_graphql::Value, key: &str) -> &'a async_graphql::Value {
    match value {
        async_graphql::Value::Object(map) => &map[key],
        other => panic!("an object with {key}, not {other}"),
    }
}
