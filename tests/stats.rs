//! Counts and time buckets for charts, the same on both databases.

use serde_json::{Value, json};

use crate::harness::TestApp;

fn pairs(list: &Value) -> Vec<(String, i64)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["key"].as_str().unwrap().to_owned(),
                c["count"].as_i64().unwrap(),
            )
        })
        .collect()
}

both! {
    async fn counts_by_modality_task_country_kind_and_weights(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app
            .data(
                "{ stats { out: modelsByMediaType(direction: OUTPUT) { key count } modelsByTask { key count }
                   companiesByCountry { key count } companiesByKind { key count } modelsByOpenWeights { key count } } }",
                json!({}),
            )
            .await;
        let stats = &data["stats"];
        let out = pairs(&stats["out"]);
        assert!(out.contains(&("video".into(), 2)) && out.contains(&("text".into(), 9)), "{out:?}");
        assert!(out.contains(&("music".into(), 0)), "empty media types are listed: {out:?}");
        assert!(pairs(&stats["modelsByTask"]).contains(&("text-to-video".into(), 2)));
        assert_eq!(pairs(&stats["companiesByCountry"]), [("CN".into(), 10), ("US".into(), 6)]);
        assert_eq!(pairs(&stats["companiesByKind"])[0], ("BIG_TECH".into(), 6));
        assert_eq!(pairs(&stats["modelsByOpenWeights"]), [("true".into(), 4), ("false".into(), 7)]);
    }

    async fn releases_and_events_per_bucket_with_empty_buckets(backend) {
        let app = TestApp::seeded(backend).await;
        let data = app
            .data(
                r#"{ stats {
                    releases(from: "2024-05-01", to: "2024-08-01", bucket: MONTH) { start count }
                    events(from: "2024-05-06", to: "2024-05-27", bucket: WEEK, types: [MODEL_RELEASE]) { start count } } }"#,
                json!({}),
            )
            .await;
        let months: Vec<(String, i64)> = data["stats"]["releases"].as_array().unwrap().iter().map(|b| (b["start"].as_str().unwrap().to_owned(), b["count"].as_i64().unwrap())).collect();
        assert_eq!(months, [("2024-05-01".into(), 2), ("2024-06-01".into(), 3), ("2024-07-01".into(), 2)]);
        let weeks: Vec<i64> = data["stats"]["events"].as_array().unwrap().iter().map(|b| b["count"].as_i64().unwrap()).collect();
        assert_eq!(weeks, [1, 1, 0], "week of 05-06 (DeepSeek-V2), of 05-13 (GPT-4o), and an empty one");
        let error = app.error(r#"{ stats { releases(from: "2024-01-01", to: "2023-01-01") { count } } }"#, json!({})).await;
        assert_eq!(crate::harness::code(&error), "BAD_USER_INPUT");
    }
}
