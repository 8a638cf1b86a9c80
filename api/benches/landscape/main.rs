//! The benchmark: a synthetic landscape at scale 1 and 100 loaded by the real importer, the
//! real server started on SQLite and on PostgreSQL, and a dashboard's query mix sent from
//! this process at concurrency 1 and 32 for a fixed time. Beside each figure: the SQL
//! statements per request (from the server's `/metrics`) and the ceiling, the same
//! statements run directly on a pool in this process with no HTTP and no GraphQL.
//!
//! ```sh
//! cargo bench -p aigc-landscape --bench landscape                      # scales 1 and 100, 3 rounds of 5 s
//! cargo bench -p aigc-landscape --bench landscape -- --scales 1,10 --seconds 3 --rounds 1
//! BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1/postgres cargo bench -p aigc-landscape --bench landscape
//! cargo bench -p aigc-landscape --bench landscape -- --scales 100 --seed-only   # seeding alone
//! cargo bench -p aigc-landscape --bench landscape -- --scales 100 --no-sqlite   # PostgreSQL alone
//! ```
//! PostgreSQL is measured when `BENCH_POSTGRES_URL` (or `TEST_DATABASE_URL`) names a server
//! where databases may be created; each run creates `aigc_bench_<scale>` afresh.

#![recursion_limit = "256"]

/// The allocator the `aigc-landscape` binary runs with, so that the seeding measured here
/// (the importer runs in this process) is the seeding `aigc-landscape seed` does: with
/// glibc's, malloc, free and their consolidation were 45% of the samples of a scale-100
/// SQLite load (`perf record -g`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod client;
mod generate;
mod load;
mod peer;
mod report;
mod server;

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use aigc_landscape::{auth::Auth, config::QueryLimits, db, state::AppState};
use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::{Value, json};

use report::{CacheRow, PeerRow, PeerRun, Row, Run, report, report_cache, report_peer};
use server::Server;

/// The benchmark's day: prices and rates are looked up as of it.
const AS_OF: &str = "2026-10-28";

struct Options {
    scales: Vec<usize>,
    seconds: u64,
    /// Each figure is the median of this many rounds.
    rounds: usize,
    postgres: Option<String>,
    /// Load each landscape and stop: seeding alone, to profile it (`perf record -p`).
    seed_only: bool,
    /// Measure SQLite (`--no-sqlite` leaves it out, for a PostgreSQL run alone).
    sqlite: bool,
}

fn options() -> Options {
    let mut options = Options {
        scales: vec![1, 100],
        seconds: 5,
        rounds: 3,
        postgres: std::env::var("BENCH_POSTGRES_URL")
            .or_else(|_| std::env::var("TEST_DATABASE_URL"))
            .ok(),
        seed_only: false,
        sqlite: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--scales" => {
                options.scales = args
                    .next()
                    .expect("--scales 1,100")
                    .split(',')
                    .map(|s| s.parse().expect("a number"))
                    .collect()
            }
            "--seconds" => {
                options.seconds = args.next().expect("--seconds N").parse().expect("a number")
            }
            "--rounds" => {
                options.rounds = args.next().expect("--rounds N").parse().expect("a number")
            }
            "--no-postgres" => options.postgres = None,
            "--no-sqlite" => options.sqlite = false,
            "--seed-only" => options.seed_only = true,
            "--bench" => {}
            other => panic!(
                "unknown option {other}: use --scales 1,100 --seconds 5 --rounds 3 --no-postgres --no-sqlite --seed-only"
            ),
        }
    }
    options
}

/// The dashboard mix: (name, GraphQL request).
fn mix(land: &generate::Landscape, page: usize) -> Vec<(&'static str, Value)> {
    let shortlist = json!(land.shortlist);
    vec![
        (
            "models page",
            json!({ "query": format!(r#"{{ models(first: {page}) {{ nodes {{ slug name company {{ slug name }} inputMediaTypes {{ slug }} outputMediaTypes {{ slug }} offerings {{ apiModelId prices(asOf: "{AS_OF}") {{ dimension unit unitQuantity amount {{ amount currency }} }} }} }} }} }}"#) }),
        ),
        (
            "company page",
            json!({ "query": "query($slug: String!) { company(slug: $slug) { name nameZh country models { slug name releaseDate inputMediaTypes { slug } outputMediaTypes { slug } } products { slug name kind } events(limit: 20) { role event { slug title occurredOn type } } } }", "variables": { "slug": land.company } }),
        ),
        (
            "compareModels 10",
            json!({ "query": format!(r#"query($s: [String!]!) {{ compareModels(slugs: $s, currency: "CNY", asOf: "{AS_OF}") {{ model {{ slug name }} priced cheapestBlendedPerMillion {{ amount currency }} offerings {{ inputPerMillion {{ amount }} outputPerMillion {{ amount }} }} }} }}"#), "variables": { "s": shortlist } }),
        ),
        (
            "estimateCost",
            json!({ "query": format!(r#"query($s: [String!]) {{ estimateCost(filter: {{ models: $s }}, currency: "CNY", asOf: "{AS_OF}", workload: {{ requestsPerMonth: 2000000, inputTokens: 1500, outputTokens: 300, cachedShare: "0.5" }}) {{ offering {{ apiModelId }} monthlyCost {{ amount currency }} }} }}"#), "variables": { "s": shortlist } }),
        ),
        (
            "digest page",
            json!({ "query": r#"{ digest(from: "2025-03-03") { eventCount events(first: 20) { watched event { slug title importance occurredOn } } } }"# }),
        ),
        (
            "search",
            json!({ "query": "query($q: String!) { search(query: $q, first: 20) { totalCount nodes { __typename ... on Company { slug } ... on Model { slug } } } }", "variables": { "q": land.search_term } }),
        ),
        (
            "events half-year",
            json!({ "query": r#"{ events(filter: { from: "2025-01-01", to: "2025-07-01" }, first: 50) { nodes { slug title occurredOn companies { role company { slug name } } } } }"# }),
        ),
    ]
}

async fn cache_counts(addr: &str) -> (u64, u64) {
    let mut c = client::Connection::open(addr).await.unwrap();
    let (_, body) = c.send("GET", "/metrics", b"").await.unwrap();
    let text = String::from_utf8_lossy(&body).into_owned();
    let count = |kind: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("aigc_response_cache_total{{kind=\"{kind}\"}} ")))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    (count("hits"), count("misses"))
}

/// The statements one execution of `request` runs, captured in this process.
async fn statements_of(url: &str, request: &Value) -> Vec<Statement> {
    let log = Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = log.clone();
    let mut db = db::connect(url, 4).await.expect("connect");
    db.set_metric_callback(move |info| sink.lock().unwrap().push(info.statement.clone()));
    let auth = Auth::new(
        b"a benchmark secret that is long enough to sign",
        Duration::from_secs(60),
        true,
    )
    .unwrap();
    let state = AppState::new(db.clone(), QueryLimits::default(), auth);
    let gql: async_graphql::Request = serde_json::from_value(request.clone()).expect("a request");
    let response = state.execute(gql, false).await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    let statements = log.lock().unwrap().clone();
    db.close().await.ok();
    statements
}

async fn statements_total(addr: &str) -> u64 {
    let mut c = client::Connection::open(addr).await.unwrap();
    let (_, body) = c.send("GET", "/metrics", b"").await.unwrap();
    String::from_utf8_lossy(&body)
        .lines()
        .find_map(|l| l.strip_prefix("aigc_db_statements_total "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// Statements the server ran for one request.
async fn statements_per_request(addr: &str, body: &[u8]) -> u64 {
    let before = statements_total(addr).await;
    let mut c = client::Connection::open(addr).await.unwrap();
    let (status, answer) = c.send("POST", "/graphql", body).await.unwrap();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
    assert!(
        !String::from_utf8_lossy(&answer).contains("\"errors\""),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    statements_total(addr).await - before
}

async fn fresh_database(backend: &str, scale: usize, admin: Option<&str>) -> String {
    match backend {
        "sqlite" => {
            let dir = std::env::temp_dir().join("aigc-bench");
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("scale-{scale}.db"));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
            format!("sqlite://{}?mode=rwc", file.display())
        }
        _ => {
            let admin = admin.unwrap();
            let name = format!("aigc_bench_{scale}");
            let conn = Database::connect(admin)
                .await
                .expect("the PostgreSQL server answers");
            conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .unwrap();
            conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            conn.close().await.ok();
            let (base, _) = admin.rsplit_once('/').expect("a URL with a database name");
            format!("{base}/{name}")
        }
    }
}

/// Puts the load's writes on disk before anything is measured (a checkpoint, then `sync`), so
/// the first queries do not share the machine with flushing them. (Seen before this: the
/// PostgreSQL company page, measured half a minute after the scale-100 load, read 2.6 ms at
/// c=1 and its raw-SQL ceiling 768 req/s; the same query later in the run, 1.5 ms.)
async fn settle(db: &sea_orm::DatabaseConnection, backend: &str) {
    let checkpoint = match backend {
        "postgres" => "CHECKPOINT",
        _ => "PRAGMA wal_checkpoint(TRUNCATE)",
    };
    db.execute_unprepared(checkpoint)
        .await
        .expect("the database takes a checkpoint");
    let synced = std::process::Command::new("sync").status();
    assert!(synced.is_ok_and(|s| s.success()), "sync(1) runs");
}

#[tokio::main]
async fn main() {
    let options = options();
    let duration = Duration::from_secs(options.seconds);
    let rounds = options.rounds;
    let mut backends = Vec::new();
    if options.sqlite {
        backends.push("sqlite");
    }
    match &options.postgres {
        Some(_) => backends.push("postgres"),
        None => eprintln!(
            "PostgreSQL NOT measured: set BENCH_POSTGRES_URL (or TEST_DATABASE_URL) to include it"
        ),
    }
    let mut rows = Vec::new();
    let mut runs = Vec::new();
    let mut peer_run = None;
    let mut cache_rows = Vec::new();
    for &backend in &backends {
        for &scale in &options.scales {
            let land = generate::generate(scale);
            let url = fresh_database(backend, scale, options.postgres.as_deref()).await;
            eprintln!(
                "{backend} scale {scale}: loading {} records through the seed importer…",
                land.records
            );
            let started = Instant::now();
            let dataset =
                seeds::Dataset::parse(land.files.clone()).unwrap_or_else(|p| panic!("{p}"));
            // The server's own pool size, so that the ceiling runs on as many connections.
            let pool = aigc_landscape::config::DatabaseConfig {
                url: None,
                max_connections: None,
            }
            .pool_size(&url);
            let db = db::connect(&url, pool).await.expect("connect");
            db::migrate(&db).await.unwrap();
            seeds::load(&db, &dataset)
                .await
                .expect("the importer loads the landscape");
            let seed_seconds = started.elapsed().as_secs_f64();
            drop(dataset);
            eprintln!(
                "  loaded in {seed_seconds:.1} s ({:.1} s per 100k records)",
                seed_seconds * 100_000.0 / land.records as f64
            );
            if options.seed_only {
                db.close().await.ok();
                continue;
            }
            settle(&db, backend).await;
            // The ceiling's pool opens after the load: a SQLite connection plans with the
            // statistics it read when it opened, and the load's ANALYZE came after these did.
            db.close().await.ok();
            let db = db::connect(&url, pool).await.expect("connect");

            // The figures are the cold path: the response cache is off here, and measured
            // on its own below.
            let server = Server::start(&url, false);
            let queries = mix(&land, 50);
            let small = mix(&land, 10)[0].1.to_string();
            let page_statements = (
                statements_per_request(&server.addr, small.as_bytes()).await,
                statements_per_request(&server.addr, queries[0].1.to_string().as_bytes()).await,
            );
            for (name, request) in &queries {
                let body = Arc::new(request.to_string().into_bytes());
                let statements = statements_per_request(&server.addr, &body).await;
                let captured = Arc::new(statements_of(&url, request).await);
                for concurrency in [1, 32] {
                    let http = load::median_of(rounds, || {
                        load::over_http(&server.addr, body.clone(), concurrency, duration)
                    })
                    .await;
                    let ceiling = load::median_of(rounds, || {
                        load::direct(&db, captured.clone(), concurrency, duration)
                    })
                    .await;
                    eprintln!(
                        "  {name:<17} c={concurrency:<2} {:>7.1} req/s  p50 {:>6.1} ms  p99 {:>6.1} ms  {statements} stmts  ceiling {:>7.1}/s",
                        http.per_second(),
                        http.p50_ms,
                        http.p99_ms,
                        ceiling.per_second()
                    );
                    rows.push(Row {
                        backend,
                        scale,
                        query: name,
                        concurrency,
                        http,
                        statements,
                        ceiling,
                    });
                }
            }
            let peak_mb = server.peak_memory_mb();
            let largest = Some(&scale) == options.scales.iter().max();
            if backend == "postgres"
                && largest
                && let Some(peer) = peer::Peer::start(&url)
            {
                let (same, report) = peer.same_rows(&server.addr, &land.company);
                eprintln!(
                    "  PostGraphile peer on {}: {}",
                    peer.addr,
                    report.replace('\n', "; ")
                );
                let mut peer_rows = Vec::new();
                for (name, ours, theirs) in peer::queries(&land.company) {
                    let ours_body = Arc::new(ours.to_string().into_bytes());
                    let peer_body = Arc::new(theirs.to_string().into_bytes());
                    let captured = Arc::new(statements_of(&url, &ours).await);
                    let mut o = Vec::new();
                    let mut p = Vec::new();
                    for concurrency in [1, 32] {
                        o.push(
                            load::median_of(rounds, || {
                                load::over_http(
                                    &server.addr,
                                    ours_body.clone(),
                                    concurrency,
                                    duration,
                                )
                            })
                            .await,
                        );
                        p.push(
                            load::median_of(rounds, || {
                                load::over_http(
                                    &peer.addr,
                                    peer_body.clone(),
                                    concurrency,
                                    duration,
                                )
                            })
                            .await,
                        );
                    }
                    let ceiling = load::median_of(rounds, || {
                        load::direct(&db, captured.clone(), 32, duration)
                    })
                    .await;
                    eprintln!(
                        "  {name:<17} ours {:>7.1}/s p50 {:.1} ms · peer {:>7.1}/s p50 {:.1} ms",
                        o[1].per_second(),
                        o[0].p50_ms,
                        p[1].per_second(),
                        p[0].p50_ms
                    );
                    peer_rows.push(PeerRow {
                        query: name,
                        ours: [o[0].clone(), o[1].clone()],
                        peer: [p[0].clone(), p[1].clone()],
                        ceiling,
                    });
                }
                peer_run = Some(PeerRun {
                    rows: peer_rows,
                    same,
                    report,
                    peak_mb: peer.peak_memory_mb(),
                });
            }
            drop(server);
            let mut cache_peak_mb = 0.0;
            if largest {
                // The same queries repeated, the response cache on.
                let cached = Server::start(&url, true);
                for (name, request) in &queries {
                    let body = Arc::new(request.to_string().into_bytes());
                    let (hits0, misses0) = cache_counts(&cached.addr).await;
                    let on = load::median_of(rounds, || {
                        load::over_http(&cached.addr, body.clone(), 32, duration)
                    })
                    .await;
                    let (hits, misses) = cache_counts(&cached.addr).await;
                    let (hits, misses) = ((hits - hits0) as f64, (misses - misses0) as f64);
                    eprintln!(
                        "  {name:<17} cache on c=32 {:>8.1} req/s, hit rate {:.2}%",
                        on.per_second(),
                        100.0 * hits / (hits + misses).max(1.0)
                    );
                    cache_rows.push(CacheRow {
                        backend,
                        scale,
                        query: name,
                        on,
                        hit_rate: hits / (hits + misses).max(1.0),
                    });
                }
                cache_peak_mb = cached.peak_memory_mb();
            }
            db.close().await.ok();
            runs.push(Run {
                backend,
                scale,
                records: land.records,
                seed_seconds,
                peak_mb: peak_mb.max(cache_peak_mb),
                page_statements,
            });
        }
    }
    if options.seed_only {
        return;
    }
    println!(
        "\nEach figure: the median of {rounds} rounds of {} s (requests/s of the median round, median p50 and p99).",
        options.seconds
    );
    report(&rows, &runs);
    report_peer(peer_run.as_ref());
    report_cache(&rows, &cache_rows);
}
