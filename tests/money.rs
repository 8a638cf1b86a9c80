//! Money is exact on both databases: stored as canonical decimal text, never a float.

use chrono::{NaiveDate, Utc};
use entities::{Dec, PriceDimension, PriceMode, PriceUnit, price};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, Statement};
use serde_json::json;

use crate::harness::TestApp;

both! {
    async fn amounts_survive_storage_to_the_last_digit(backend) {
        let app = TestApp::seeded(backend).await;
        let offering = app
            .data(r#"{ offerings(filter: { apiModelId: "deepseek-chat" }) { nodes { id } } }"#, json!({}))
            .await;
        let offering_id: i64 = {
            use aigc_landscape::graphql::ids::{Kind, decode_as};
            let id = offering["offerings"]["nodes"][0]["id"].as_str().unwrap();
            decode_as(&async_graphql_id(id), Kind::Offering).unwrap()
        };

        let tenth: Dec = "0.1".parse().unwrap();
        let fifth: Dec = "0.2".parse().unwrap();
        let amounts = [
            "0.0005".parse::<Dec>().unwrap(),
            "1234567.891".parse::<Dec>().unwrap(),
            Dec::from(tenth.0 + fifth.0),
        ];
        let now = Utc::now();
        let mut ids = Vec::new();
        for (i, amount) in amounts.iter().enumerate() {
            let row = price::ActiveModel {
                offering_id: Set(Some(offering_id)),
                product_id: Set(None),
                dimension: Set(PriceDimension::Request),
                unit: Set(PriceUnit::Request),
                unit_quantity: Set(1),
                amount: Set(*amount),
                currency: Set("CNY".into()),
                tax_included: Set(None),
                mode: Set(PriceMode::Standard),
                min_input_tokens: Set(None),
                max_input_tokens: Set(None),
                tier_prices_whole_request: Set(None),
                cache_ttl_seconds: Set(None),
                window_start: Set(None),
                window_end: Set(None),
                window_time_zone: Set(None),
                resolution: Set(None),
                quality: Set(None),
                duration_seconds: Set(Some(i as i64 + 1)),
                effective_from: Set(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()),
                effective_to: Set(None),
                is_promotion: Set(false),
                promotion_ends_on: Set(None),
                verified_on: Set(None),
                notes: Set(None),
                source_url: Set(None),
                observed_on: Set(None),
                confidence: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                deleted_at: Set(None),
                ..Default::default()
            }
            .insert(&app.db)
            .await
            .unwrap();
            ids.push(row.id);
        }

        // Read back through the ORM…
        for (id, amount) in ids.iter().zip(&amounts) {
            let row = price::Entity::find_by_id(*id).one(&app.db).await.unwrap().unwrap();
            assert_eq!(row.amount, *amount);
        }
        // …as the database holds it…
        let backend = app.db.get_database_backend();
        let raw = app
            .db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT amount FROM prices WHERE id IN ({}) ORDER BY id", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")),
            ))
            .await
            .unwrap();
        let stored: Vec<String> = raw.iter().map(|r| r.try_get::<String>("", "amount").unwrap()).collect();
        assert_eq!(stored, ["0.0005", "1234567.891", "0.3"]);
        // …and through the API.
        let data = app
            .data(
                r#"{ prices(filter: { dimensions: [REQUEST] }, orderBy: [{ field: EFFECTIVE_FROM }]) { nodes { amount { amount currency } } } }"#,
                json!({}),
            )
            .await;
        let amounts: Vec<&str> = data["prices"]["nodes"].as_array().unwrap().iter().map(|n| n["amount"]["amount"].as_str().unwrap()).collect();
        assert_eq!(amounts, ["0.0005", "1234567.891", "0.3"]);
    }
}

fn async_graphql_id(id: &str) -> async_graphql::ID {
    async_graphql::ID(id.to_owned())
}
