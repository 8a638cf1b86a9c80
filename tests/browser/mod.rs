//! The landscape page in Debian's Chromium, headless, against the real router on a socket
//! over the curated lists: no console error, no request leaving localhost, the grid shows the
//! seeded companies, the chart shows the chosen models' prices, search for 千问 typed on the
//! keyboard finds 通义千问. Screenshots go to `target/browser-artifacts/`.
//!
//! Without Chromium (`/usr/bin/chromium`, or `CHROMIUM`) the suite is skipped with a note,
//! unless `BROWSER_TESTS=required` (as `.ci/run` sets), which makes a missing browser a failure.

mod cdp;
mod editing;

use std::{collections::BTreeSet, path::PathBuf};

use aigc_landscape::db;
use serde_json::{Value, json};

use crate::harness::{Backend, TestApp};

fn artifacts() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/browser-artifacts")
}

fn chromium_or_skip() -> Option<PathBuf> {
    match cdp::find() {
        Some(path) => Some(path),
        None if std::env::var("BROWSER_TESTS").as_deref() == Ok("required") => {
            panic!(
                "BROWSER_TESTS=required, but there is no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM)"
            )
        }
        None => {
            eprintln!(
                "NOTE: the browser suite was SKIPPED: no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM=/path/to/chromium)"
            );
            None
        }
    }
}

/// The view for the current URL has rendered and loaded its data.
const READY: &str = "(document.querySelector('main').dataset.route === location.hash && document.querySelector('main [data-state=ready]'))";

#[tokio::test]
async fn the_landscape_page_in_chromium() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let app = TestApp::empty(Backend::Sqlite).await;
    db::seed_if_empty(&app.db).await.unwrap();
    let addr = app.listen().await;
    let base = format!("http://{addr}");
    let shots = artifacts();
    let mut b = cdp::Browser::launch(&chromium).await;

    // The grid: every seeded company, grouped by kind.
    b.goto(&format!("{base}/#/landscape")).await;
    b.wait_for(READY, "the landscape grid").await;
    let shown: BTreeSet<String> = serde_json::from_value(
        b.eval("[...document.querySelectorAll('[data-company]')].map(e => e.dataset.company)")
            .await,
    )
    .unwrap();
    let seeded: BTreeSet<String> = seeds::Dataset::builtin()
        .unwrap()
        .companies
        .iter()
        .map(|(_, f)| f.company.slug.clone())
        .collect();
    assert_eq!(shown, seeded, "the grid shows exactly the seeded companies");
    b.screenshot(&shots.join("landscape.png")).await;

    // Filtered by task through the URL: only text-to-video models remain.
    b.goto(&format!("{base}/#/landscape?task=text-to-video"))
        .await;
    b.wait_for(&format!("{READY} && location.hash.includes('text-to-video') && document.querySelector('#task').value === 'text-to-video'"), "the filtered grid").await;
    let models: Vec<String> = serde_json::from_value(
        b.eval("[...document.querySelectorAll('[data-model]')].map(e => e.dataset.model)")
            .await,
    )
    .unwrap();
    let video = app
        .data(
            r#"{ models(filter: { tasks: ["text-to-video"] }, first: 100) { nodes { slug } } }"#,
            json!({}),
        )
        .await;
    let expected: BTreeSet<String> = video["models"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["slug"].as_str().unwrap().to_owned())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(models.into_iter().collect::<BTreeSet<_>>(), expected);

    // Chinese names at a click.
    b.eval("document.getElementById('lang').click()").await;
    b.wait_for(
        &format!("{READY} && document.querySelector('nav a').textContent === '本周'"),
        "the Chinese page",
    )
    .await;
    let text = b.eval("document.body.innerText").await;
    assert!(
        text.as_str().unwrap().contains("快手"),
        "Chinese company names are shown"
    );
    b.eval("document.getElementById('lang').click()").await;

    // Prices: two chosen models in one currency on one day; the chart holds the API's figures.
    let url = format!("{base}/#/prices?models=gpt-4o,deepseek-v3&currency=CNY&on=2025-03-01");
    b.goto(&url).await;
    b.wait_for(
        &format!("{READY} && window.Chart && Chart.getChart('bar-chart')"),
        "the price chart",
    )
    .await;
    let chart = b
        .eval("(() => { const c = Chart.getChart('bar-chart'); return { labels: c.data.labels, blended: c.data.datasets[2].data }; })()")
        .await;
    let compare = app
        .data(
            r#"{ compareModels(slugs: ["gpt-4o", "deepseek-v3"], currency: "CNY", asOf: "2025-03-01") { model { name } cheapestBlendedPerMillion { amount } } }"#,
            json!({}),
        )
        .await;
    let rows = compare["compareModels"].as_array().unwrap();
    assert_eq!(
        chart["labels"],
        json!(
            rows.iter()
                .map(|r| r["model"]["name"].clone())
                .collect::<Vec<Value>>()
        )
    );
    for (i, row) in rows.iter().enumerate() {
        let api: f64 = row["cheapestBlendedPerMillion"]["amount"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let drawn = chart["blended"][i].as_f64().unwrap();
        assert!(
            (api - drawn).abs() < 1e-6,
            "bar {i}: {drawn} drawn, {api} from the API"
        );
        assert!(api > 0.0);
    }
    let lines = b
        .eval("Chart.getChart('line-chart').data.datasets.map(d => ({ label: d.label, points: d.data.filter(v => v !== null).length }))")
        .await;
    assert_eq!(lines.as_array().unwrap().len(), 2, "{lines}");
    assert!(
        lines
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["points"].as_u64().unwrap() > 0),
        "{lines}"
    );
    b.screenshot(&shots.join("prices.png")).await;

    // Search, typed on the keyboard: 千问 finds 通义千问, and the URL can be shared.
    b.goto(&format!("{base}/#/search")).await;
    b.wait_for(
        &format!("{READY} && document.activeElement && document.activeElement.id === 'search-q'"),
        "the search box to take focus",
    )
    .await;
    b.type_text("千问").await;
    b.press_enter().await;
    b.wait_for("document.querySelector('[data-hit]')", "search results")
        .await;
    let hits: Vec<String> = serde_json::from_value(
        b.eval("[...document.querySelectorAll('[data-hit]')].map(e => e.dataset.hit)")
            .await,
    )
    .unwrap();
    assert!(hits.contains(&"Product:tongyi".to_owned()), "{hits:?}");
    let text = b
        .eval("document.querySelector('#search-body').innerText")
        .await;
    assert!(text.as_str().unwrap().contains("通义千问"), "{text}");
    let hash = b.eval("decodeURIComponent(location.hash)").await;
    assert_eq!(hash, "#/search?q=千问");
    b.screenshot(&shots.join("search.png")).await;

    // This week's digest as a timeline, with the price changes of the May 2024 price war.
    b.goto(&format!("{base}/#/week?from=2024-05-20")).await;
    b.wait_for(READY, "the digest").await;
    let timeline = b
        .eval("document.querySelectorAll('.timeline li').length")
        .await;
    assert!(timeline.as_u64().unwrap() > 0);
    let changes = b
        .eval("document.querySelectorAll('#week-body tbody tr').length")
        .await;
    assert!(
        changes.as_u64().unwrap() > 0,
        "the week of 2024-05-20 has price changes"
    );
    b.screenshot(&shots.join("week.png")).await;

    // A phone's width: nothing wider than the screen.
    b.viewport(390, 844, true).await;
    b.goto(&format!(
        "{base}/#/prices?models=gpt-4o,deepseek-v3&currency=CNY&on=2025-03-01"
    ))
    .await;
    b.wait_for(
        &format!("{READY} && Chart.getChart('bar-chart')"),
        "the prices on a phone",
    )
    .await;
    let width = b.eval("document.documentElement.scrollWidth").await;
    assert!(
        width.as_u64().unwrap() <= 390,
        "the page is {width}px wide on a 390px screen"
    );
    b.screenshot(&shots.join("prices-phone.png")).await;

    // Flush the last events, then: no error, and nothing requested outside this server.
    b.eval("1").await;
    assert_eq!(b.errors(), Vec::<String>::new(), "console errors");
    let outside: Vec<String> = b
        .requests()
        .into_iter()
        .filter(|u| {
            !u.starts_with(&format!("{base}/"))
                && !u.starts_with("data:")
                && !u.starts_with("blob:")
        })
        .collect();
    assert_eq!(
        outside,
        Vec::<String>::new(),
        "requests that left localhost"
    );
    assert!(
        b.requests()
            .iter()
            .any(|u| u.ends_with("/assets/chart.umd.min.js"))
    );
}
