//! `rates update`: the ECB's 90-day file (a fixture in its shape, dated up to today) makes
//! conversions for today fresh; a malformed file changes no rate.

use aigc_landscape::{clock, intake::rates};
use chrono::{Datelike, Duration, Weekday};
use entities::exchange_rate;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use super::{client, server};
use crate::harness::TestApp;

/// The 90-day file's shape: every weekday of the last 90 days up to today, newest first,
/// with made-up but plausible rates (USD around 1.1, CNY around 7.8).
pub fn ninety_days() -> String {
    let today = clock::today();
    let mut cubes = String::new();
    for back in 0..90 {
        let day = today - Duration::days(back);
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        cubes.push_str(&format!(
            r#"<Cube time="{day}"><Cube currency="USD" rate="1.{:04}"/><Cube currency="JPY" rate="170.12"/><Cube currency="CNY" rate="7.8{:03}"/></Cube>"#,
            1000 + back,
            100 + back
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><gesmes:subject>Reference rates</gesmes:subject><Cube>{cubes}</Cube></gesmes:Envelope>"#
    )
}

const ESTIMATE: &str = r#"{ estimateCost(currency: "CNY",
  workload: { requestsPerMonth: 1000, inputTokens: 1000, outputTokens: 100 }) {
  offering { apiModelId } monthlyCost { amount currency rateDate stale } } }"#;

both! {
    async fn a_rate_update_makes_today_priceable(backend) {
        let addr = server::start().await;
        let app = TestApp::seeded(backend).await;
        let http = client(false, &[]);
        let url = format!("http://{addr}/ecb/90d.xml");

        // Before: the starter set has no rates, so a CNY estimate of USD prices cannot be made.
        let before = app.graphql_as(None, ESTIMATE, json!({})).await;
        assert!(before["errors"][0]["extensions"]["code"] == "NO_EXCHANGE_RATE", "{before}");

        let report = rates::update(&app.db, &http, &url).await.unwrap();
        assert_eq!(report.last, clock::today().min(report.last));
        assert_eq!(report.created, report.days * 3, "EUR→USD, EUR→CNY and the derived USD→CNY");
        let data = app.data(ESTIMATE, json!({})).await;
        let first = &data["estimateCost"][0]["monthlyCost"];
        assert_eq!(first["currency"], "CNY", "{data}");
        assert_eq!(first["stale"], false, "{data}");

        // Again: nothing changes. A malformed file changes nothing either.
        let again = rates::update(&app.db, &http, &url).await.unwrap();
        assert_eq!((again.created, again.updated), (0, 0));
        let count = exchange_rate::Entity::find().count(&app.db).await.unwrap();
        let broken = std::env::temp_dir().join(format!("ecb-broken-{}.xml", std::process::id()));
        // The newest day's CNY rate made unreadable (today is left out on a weekend), the file cut.
        std::fs::write(&broken, ninety_days().replacen(r#"currency="CNY" rate=""#, r#"currency="CNY" rate="seven"#, 1).replace("</gesmes:Envelope>", "")).unwrap();
        let error = rates::update(&app.db, &http, broken.to_str().unwrap()).await.unwrap_err().to_string();
        assert!(error.contains("no rate was changed"), "{error}");
        assert_eq!(exchange_rate::Entity::find().count(&app.db).await.unwrap(), count);
        let _ = std::fs::remove_file(broken);
    }
}

#[test]
fn the_derived_rate_is_the_curated_one_on_every_day() {
    // The curated file was made by seeds/tools/rates_from_ecb.py; the update must agree.
    let csv = include_str!("../../seeds/data/exchange_rates.csv");
    let mut by_day: std::collections::BTreeMap<&str, [Option<&str>; 3]> = Default::default();
    for line in csv.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        let slot = match (cols[0], cols[1]) {
            ("EUR", "USD") => 0,
            ("EUR", "CNY") => 1,
            ("USD", "CNY") => 2,
            _ => continue,
        };
        by_day.entry(cols[3]).or_default()[slot] = Some(cols[2]);
    }
    let mut checked = 0;
    for (day, [usd, cny, cross]) in by_day {
        let (Some(usd), Some(cny), Some(cross)) = (usd, cny, cross) else {
            continue;
        };
        let days = [rates::Day {
            on: day.parse().unwrap(),
            usd: Some(usd.parse().unwrap()),
            cny: Some(cny.parse().unwrap()),
        }];
        let rows = rates::rows(&days);
        assert_eq!(rows[2].rate.to_string(), cross, "USD/CNY on {day}");
        checked += 1;
    }
    assert!(checked > 900, "{checked} days checked");
}
