//! The background work of `serve` when `FETCH_INTERVAL_MINUTES` is above 0: every interval,
//! fetch the enabled sources that are due; once a day, read the ECB's 90-day rate file (so a
//! missed day heals itself). Each round runs under the `intake` lease, so replicas take
//! turns rather than fetch together.

use std::time::Duration;

use sea_orm::DatabaseConnection;

use super::{fetch::Intake, fetch_sources, lease, rates};

/// The lease the rounds run under.
pub const LEASE: &str = "intake";

/// Runs the rounds until the process ends.
pub async fn run(db: DatabaseConnection, intake: Intake, interval_minutes: u64, rates_url: String) {
    let holder = lease::holder_name();
    let interval = Duration::from_secs(interval_minutes.max(1) * 60);
    let mut last_rates: Option<std::time::Instant> = None;
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        // Long enough for a round; renewed each round; lapses if this process dies.
        let ttl =
            chrono::Duration::from_std(interval).unwrap_or_default() + chrono::Duration::minutes(5);
        match lease::acquire(&db, LEASE, &holder, ttl).await {
            Ok(true) => {}
            Ok(false) => {
                tracing::debug!("another replica holds the intake lease");
                continue;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot take the intake lease");
                continue;
            }
        }
        match fetch_sources(&db, &intake, None, true).await {
            Ok(outcomes) => {
                let new: usize = outcomes.iter().map(|o| o.new_items).sum();
                let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
                tracing::info!(
                    sources = outcomes.len(),
                    new_items = new,
                    failed,
                    "fetched sources"
                );
            }
            Err(e) => tracing::warn!(error = %e, "fetching sources failed"),
        }
        if last_rates.is_none_or(|t| t.elapsed() >= Duration::from_secs(24 * 3600)) {
            match rates::update(&db, &intake.client, &rates_url).await {
                Ok(report) => {
                    tracing::info!(%report, "exchange rates updated");
                    last_rates = Some(std::time::Instant::now());
                }
                Err(e) => tracing::warn!(error = %e, "updating exchange rates failed"),
            }
        }
    }
}
