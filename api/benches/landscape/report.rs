//! What a run measured (a row per query and concurrency, a run per database and scale, the
//! peer's and the cache's rows) and the report printed from it: the tables and each target
//! as met or missed.

use std::collections::BTreeMap;

use crate::load::Measured;

/// This server and the peer on one shared query.
pub struct PeerRow {
    pub query: String,
    pub ours: [Measured; 2],
    pub peer: [Measured; 2],
    pub ceiling: Measured,
}

/// One query of the mix repeated with the response cache on, beside the same query with it off.
pub struct CacheRow {
    pub backend: &'static str,
    pub scale: usize,
    pub query: &'static str,
    pub on: Measured,
    pub hit_rate: f64,
}

/// The peer's run: its rows, whether both returned the same rows, and its memory.
pub struct PeerRun {
    pub rows: Vec<PeerRow>,
    pub same: bool,
    pub report: String,
    pub peak_mb: f64,
}

pub struct Row {
    pub backend: &'static str,
    pub scale: usize,
    pub query: &'static str,
    pub concurrency: usize,
    pub http: Measured,
    pub statements: u64,
    pub ceiling: Measured,
}

pub struct Run {
    pub backend: &'static str,
    pub scale: usize,
    pub records: usize,
    pub seed_seconds: f64,
    pub peak_mb: f64,
    pub page_statements: (u64, u64),
}

pub fn report_peer(run: Option<&PeerRun>) {
    let Some(run) = run else {
        println!("\nPostGraphile peer: NOT measured (PostgreSQL or Node.js missing; see above).");
        return;
    };
    println!(
        "\nThis server (cache off) beside PostGraphile 4.14.1 on the same PostgreSQL database, largest scale:"
    );
    println!(
        "same rows on both: {} ({})",
        if run.same { "yes" } else { "NO" },
        run.report.replace('\n', "; ")
    );
    println!(
        "\n| query | c=32 req/s ours / peer | ratio | c=1 p50 ms ours vs peer | raw-SQL ceiling c=32 req/s |"
    );
    println!("|---|---:|---:|---:|---:|");
    for r in &run.rows {
        println!(
            "| {} | {:.0} / {:.0} | {:.2}x | {:.1} vs {:.1} | {:.0} |",
            r.query,
            r.ours[1].per_second(),
            r.peer[1].per_second(),
            r.ours[1].per_second() / r.peer[1].per_second().max(1e-9),
            r.ours[0].p50_ms,
            r.peer[0].p50_ms,
            r.ceiling.per_second()
        );
    }
    println!("peer peak RSS: {:.0} MB", run.peak_mb);
    println!("\nTargets against the peer:");
    for r in &run.rows {
        let ratio = r.ours[1].per_second() / r.peer[1].per_second().max(1e-9);
        println!(
            "- [{}] {}: c=32 at least 1.5x the peer: {ratio:.2}x",
            if ratio >= 1.5 { "met" } else { "MISSED" },
            r.query
        );
        println!(
            "- [{}] {}: c=1 p50 no higher than the peer's: {:.1} vs {:.1} ms",
            if r.ours[0].p50_ms <= r.peer[0].p50_ms {
                "met"
            } else {
                "MISSED"
            },
            r.query,
            r.ours[0].p50_ms,
            r.peer[0].p50_ms
        );
    }
}

pub fn report_cache(rows: &[Row], cache: &[CacheRow]) {
    if cache.is_empty() {
        return;
    }
    println!("\nThe response cache on (the same query repeated), beside it off, c=32:");
    println!("| db | scale | query | off req/s | on req/s | gain | hit rate |");
    println!("|---|---:|---|---:|---:|---:|---:|");
    let mut verdicts = Vec::new();
    for c in cache {
        let off = rows
            .iter()
            .find(|r| {
                r.backend == c.backend
                    && r.scale == c.scale
                    && r.query == c.query
                    && r.concurrency == 32
            })
            .map_or(0.0, |r| r.http.per_second());
        let gain = c.on.per_second() / off.max(1e-9);
        println!(
            "| {} | {} | {} | {off:.0} | {:.0} | {gain:.1}x | {:.2}% |",
            c.backend,
            c.scale,
            c.query,
            c.on.per_second(),
            100.0 * c.hit_rate
        );
        verdicts.push(format!(
            "- [{}] {} scale {} {}: cache on at least 5x cache off: {gain:.1}x",
            if gain >= 5.0 { "met" } else { "MISSED" },
            c.backend,
            c.scale,
            c.query
        ));
    }
    println!("\nTargets for the cache:");
    for v in verdicts {
        println!("{v}");
    }
    // SQLite, the embedded default, no slower than PostgreSQL at c=1.
    println!("\nSQLite against PostgreSQL, c=1 p50:");
    for r in rows
        .iter()
        .filter(|r| r.backend == "sqlite" && r.concurrency == 1)
    {
        if let Some(pg) = rows.iter().find(|p| {
            p.backend == "postgres"
                && p.scale == r.scale
                && p.query == r.query
                && p.concurrency == 1
        }) {
            println!(
                "- [{}] scale {} {}: SQLite at least as fast as PostgreSQL: {:.1} vs {:.1} ms",
                if r.http.p50_ms <= pg.http.p50_ms {
                    "met"
                } else {
                    "MISSED"
                },
                r.scale,
                r.query,
                r.http.p50_ms,
                pg.http.p50_ms
            );
        }
    }
}

pub fn report(rows: &[Row], runs: &[Run]) {
    println!(
        "\n| db | scale | query | conc | req/s | p50 ms | p99 ms | SQL/req | ceiling req/s | of ceiling | errors |"
    );
    println!("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {:.0} | {:.1} | {:.1} | {} | {:.0} | {:.0}% | {} |",
            r.backend,
            r.scale,
            r.query,
            r.concurrency,
            r.http.per_second(),
            r.http.p50_ms,
            r.http.p99_ms,
            r.statements,
            r.ceiling.per_second(),
            100.0 * r.http.per_second() / r.ceiling.per_second().max(1e-9),
            r.http.errors + r.ceiling.errors
        );
    }
    println!(
        "\n| db | scale | records | seeded in | per 100k records | server peak RSS | SQL for a page of 10 / 50 |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for run in runs {
        println!(
            "| {} | {} | {} | {:.1} s | {:.1} s | {:.0} MB | {} / {} |",
            run.backend,
            run.scale,
            run.records,
            run.seed_seconds,
            run.seed_seconds * 100_000.0 / run.records as f64,
            run.peak_mb,
            run.page_statements.0,
            run.page_statements.1
        );
    }
    println!("\nTargets:");
    let mut verdicts = Vec::new();
    for run in runs {
        verdicts.push((
            format!(
                "{} scale {}: statements independent of page size",
                run.backend, run.scale
            ),
            run.page_statements.0 == run.page_statements.1,
            format!("{} vs {}", run.page_statements.0, run.page_statements.1),
        ));
        verdicts.push((
            format!(
                "{} scale {}: server peak memory < 200 MB",
                run.backend, run.scale
            ),
            run.peak_mb < 200.0,
            format!("{:.0} MB", run.peak_mb),
        ));
        let per_100k = run.seed_seconds * 100_000.0 / run.records as f64;
        if run.records >= 100_000 {
            verdicts.push((
                format!(
                    "{} scale {}: seeding 100,000 rows < 30 s",
                    run.backend, run.scale
                ),
                per_100k < 30.0,
                format!(
                    "{per_100k:.1} s per 100k ({} records in {:.1} s)",
                    run.records, run.seed_seconds
                ),
            ));
        }
    }
    let mut by_key: BTreeMap<(&str, &str, usize), BTreeMap<usize, &Row>> = BTreeMap::new();
    for r in rows {
        by_key
            .entry((r.backend, r.query, r.concurrency))
            .or_default()
            .insert(r.scale, r);
        if r.concurrency == 32 {
            let share = r.http.per_second() / r.ceiling.per_second().max(1e-9);
            verdicts.push((
                format!(
                    "{} scale {} {}: c=32 at least half the ceiling",
                    r.backend, r.scale, r.query
                ),
                share >= 0.5,
                format!("{:.0}%", share * 100.0),
            ));
        }
    }
    for ((backend, query, concurrency), scales) in &by_key {
        if let (Some(small), Some(large)) = (scales.values().next(), scales.values().last())
            && small.scale != large.scale
        {
            let ratio = large.http.p99_ms / small.http.p99_ms.max(1e-9);
            verdicts.push((
                format!(
                    "{backend} {query} c={concurrency}: p99 at scale {} within 2x of scale {}",
                    large.scale, small.scale
                ),
                ratio <= 2.0,
                format!(
                    "{:.1} ms vs {:.1} ms ({ratio:.2}x)",
                    large.http.p99_ms, small.http.p99_ms
                ),
            ));
        }
    }
    for (what, met, figure) in verdicts {
        println!(
            "- [{}] {what}: {figure}",
            if met { "met" } else { "MISSED" }
        );
    }
}
