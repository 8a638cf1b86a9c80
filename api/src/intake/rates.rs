//! `aigc-landscape rates update`: the European Central Bank's euro reference rates, read
//! from its XML (the daily, 90-day and full-history files share one shape), upserted exactly
//! as the curated `exchange_rates.csv` is built (`seeds/tools/rates_from_ecb.py`): EUR→USD
//! and EUR→CNY as published (HIGH), and USD→CNY derived as EURCNY / EURUSD rounded
//! half-to-even to 6 decimals (MEDIUM), since the ECB publishes no such rate.
//!
//! The file is read and checked whole before anything is written; the rows go through the
//! seed importer in one transaction, so a rerun changes nothing and a malformed file
//! changes no rate.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use entities::{Confidence, Dec, exchange_rate};
use quick_xml::{Reader, events::Event};
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::DatabaseConnection;
use seeds::{
    Dataset, Located,
    format::{RateRow, Values},
};

use crate::outbound::OutboundClient;

/// The ECB's 90-day file, which `serve` reads daily when fetching is on.
pub const ECB_90_DAY_URL: &str = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml";
/// The page every rate row cites, as the curated rows do.
pub const SOURCE_URL: &str = "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html";
/// Decimal places of the derived USD→CNY rate.
pub const CROSS_DECIMALS: u32 = 6;

/// One publication day's rates for the currencies the landscape uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub on: NaiveDate,
    pub usd: Option<Decimal>,
    pub cny: Option<Decimal>,
}

/// Reads an ECB euro reference-rate XML document, or says what is wrong with it.
pub fn parse_ecb(xml: &[u8]) -> Result<Vec<Day>, String> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(true);
    let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    let mut current: Option<NaiveDate> = None;
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            format!(
                "not well-formed XML at byte {}: {e}",
                reader.error_position()
            )
        })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == "Cube" => {
                let mut time = None;
                let mut currency = None;
                let mut rate = None;
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| format!("a bad attribute: {e}"))?;
                    let value = attr.value.to_string();
                    match attr.key.as_ref() {
                        "time" => time = Some(value),
                        "currency" => currency = Some(value),
                        "rate" => rate = Some(value),
                        _ => {}
                    }
                }
                if let Some(time) = time {
                    let on = NaiveDate::parse_from_str(&time, "%Y-%m-%d")
                        .map_err(|_| format!("`{time}` is not a date (YYYY-MM-DD)"))?;
                    days.entry(on).or_insert(Day {
                        on,
                        usd: None,
                        cny: None,
                    });
                    current = Some(on);
                } else if let (Some(currency), Some(rate)) = (currency, rate) {
                    let Some(on) = current else {
                        return Err(format!("a {currency} rate outside any dated Cube"));
                    };
                    let value: Decimal = rate.trim().parse().map_err(|_| {
                        format!("the {currency} rate of {on} is `{rate}`, not a number")
                    })?;
                    if value <= Decimal::ZERO {
                        return Err(format!(
                            "the {currency} rate of {on} is {value}: rates are positive"
                        ));
                    }
                    let day = days.get_mut(&on).expect("entered above");
                    match currency.as_str() {
                        "USD" => day.usd = Some(value.normalize()),
                        "CNY" => day.cny = Some(value.normalize()),
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if days.is_empty() {
        return Err("no dated rates found: not an ECB euro reference-rate file (eurofxref-daily.xml, eurofxref-hist-90d.xml or eurofxref-hist.xml)".into());
    }
    Ok(days.into_values().collect())
}

/// The rate rows of `days`, as the curated file holds them.
pub fn rows(days: &[Day]) -> Vec<RateRow> {
    let row = |base: &str, quote: &str, rate: Decimal, on: NaiveDate, confidence| RateRow {
        row: Values::of(&exchange_rate::Model {
            base_currency: base.into(),
            quote_currency: quote.into(),
            rate: Dec(rate),
            on_date: on,
            source_url: Some(SOURCE_URL.into()),
            confidence: Some(confidence),
            ..Default::default()
        }),
    };
    let mut out = Vec::new();
    for d in days {
        if let Some(usd) = d.usd {
            out.push(row("EUR", "USD", usd, d.on, Confidence::High));
        }
        if let Some(cny) = d.cny {
            out.push(row("EUR", "CNY", cny, d.on, Confidence::High));
        }
        if let (Some(usd), Some(cny)) = (d.usd, d.cny) {
            let cross = (cny / usd)
                .round_dp_with_strategy(CROSS_DECIMALS, RoundingStrategy::MidpointNearestEven)
                .normalize();
            out.push(row("USD", "CNY", cross, d.on, Confidence::Medium));
        }
    }
    out
}

/// What an update did.
#[derive(Debug, Clone)]
pub struct RatesReport {
    pub days: usize,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub conflicts: usize,
}

impl std::fmt::Display for RatesReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ECB days from {} to {}: {} rates created, {} updated, {} unchanged, {} conflicts (edited by the team; left as they are)",
            self.days,
            self.first,
            self.last,
            self.created,
            self.updated,
            self.unchanged,
            self.conflicts
        )
    }
}

/// Reads `from` — an http(s) URL, fetched through the guarded client, or a file — and
/// upserts its rates.
pub async fn update(
    db: &DatabaseConnection,
    client: &OutboundClient,
    from: &str,
) -> anyhow::Result<RatesReport> {
    let body = if from.starts_with("http://") || from.starts_with("https://") {
        let fetched = client
            .get(from, Default::default())
            .await
            .map_err(|e| anyhow::anyhow!("cannot fetch {from}: {e}"))?;
        if !fetched.status.is_success() {
            anyhow::bail!("cannot fetch {from}: HTTP {}", fetched.status);
        }
        fetched.body
    } else {
        std::fs::read(from).map_err(|e| anyhow::anyhow!("cannot read {from}: {e}"))?
    };
    let days = parse_ecb(&body).map_err(|e| anyhow::anyhow!("{from}: {e}; no rate was changed"))?;
    apply(db, &days).await
}

/// Upserts the rows of `days` in one transaction through the seed importer.
pub async fn apply(db: &DatabaseConnection, days: &[Day]) -> anyhow::Result<RatesReport> {
    let dataset = Dataset {
        exchange_rates: rows(days)
            .into_iter()
            .enumerate()
            .map(|(i, row)| Located {
                file: "ECB".into(),
                line: i as u64 + 1,
                row,
            })
            .collect(),
        ..Dataset::default()
    };
    let report = seeds::sync(db, &dataset, seeds::Options::default()).await?;
    let counts = report
        .kinds
        .iter()
        .find(|(kind, _)| *kind == "ExchangeRate")
        .map(|(_, c)| *c)
        .unwrap_or_default();
    Ok(RatesReport {
        days: days.len(),
        first: days
            .first()
            .map(|d| d.on)
            .expect("parse_ecb refuses an empty file"),
        last: days
            .last()
            .map(|d| d.on)
            .expect("parse_ecb refuses an empty file"),
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        conflicts: counts.conflicts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAILY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <Cube><Cube time="2026-10-30"><Cube currency="USD" rate="1.1172"/><Cube currency="JPY" rate="170.1"/><Cube currency="CNY" rate="7.4326"/></Cube></Cube>
</gesmes:Envelope>"#;

    #[test]
    fn the_derived_rate_matches_the_curated_rule() {
        let days = parse_ecb(DAILY.as_bytes()).unwrap();
        let rows = rows(&days);
        let text: Vec<String> = rows
            .iter()
            .map(|r| format!("{}{} {}", r.base_currency, r.quote_currency, r.rate))
            .collect();
        // The curated exchange_rates.csv holds 6.652882 for USD/CNY on 2026-10-30.
        assert_eq!(text, ["EURUSD 1.1172", "EURCNY 7.4326", "USDCNY 6.652882"]);
    }

    #[test]
    fn malformed_files_are_refused_whole() {
        assert!(
            parse_ecb(b"<Cube><Cube time=\"2026-13-01\">")
                .unwrap_err()
                .contains("not a date")
        );
        assert!(
            parse_ecb(b"<html><body>maintenance</body></html>")
                .unwrap_err()
                .contains("not an ECB")
        );
        assert!(
            parse_ecb(b"<Cube><Cube time=\"2026-10-30\"><Cube currency=\"USD\" rate=\"abc\"/></Cube></Cube>")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(parse_ecb(b"<Cube><Cube time='2026-10-30'></Cube").is_err());
    }
}
