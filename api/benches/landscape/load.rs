//! Load at a fixed concurrency for a fixed time: over HTTP against the server process, and
//! directly against the database (the ceiling).

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::client::Connection;

/// What one run measured.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub requests: usize,
    pub errors: usize,
    pub seconds: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

impl Measured {
    pub fn per_second(&self) -> f64 {
        self.requests as f64 / self.seconds
    }

    fn from_latencies(mut latencies: Vec<Duration>, errors: usize, seconds: f64) -> Measured {
        latencies.sort();
        let at = |q: f64| {
            if latencies.is_empty() {
                return 0.0;
            }
            let i = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len()) - 1;
            latencies[i].as_secs_f64() * 1000.0
        };
        Measured {
            requests: latencies.len(),
            errors,
            seconds,
            p50_ms: at(0.50),
            p99_ms: at(0.99),
        }
    }
}

/// `run` repeated `rounds` times: the median round's requests per second, and the median of
/// the rounds' p50 and p99 (one slow round does not decide a figure).
pub async fn median_of<F, Fut>(rounds: usize, mut run: F) -> Measured
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Measured>,
{
    let mut all = Vec::with_capacity(rounds);
    for _ in 0..rounds.max(1) {
        all.push(run().await);
    }
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let p50_ms = median(all.iter().map(|m| m.p50_ms).collect());
    let p99_ms = median(all.iter().map(|m| m.p99_ms).collect());
    all.sort_by(|a, b| a.per_second().total_cmp(&b.per_second()));
    let middle = all.swap_remove(all.len() / 2);
    Measured {
        p50_ms,
        p99_ms,
        ..middle
    }
}

/// `concurrency` workers, each on its own keep-alive connection, POST `body` to `/graphql`
/// until `duration` is over. A non-200 answer or one with `errors` counts as an error.
pub async fn over_http(
    addr: &str,
    body: Arc<Vec<u8>>,
    concurrency: usize,
    duration: Duration,
) -> Measured {
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let addr = addr.to_owned();
            let body = body.clone();
            tokio::spawn(async move {
                let mut connection = Connection::open(&addr)
                    .await
                    .expect("the server accepts connections");
                let mut latencies = Vec::new();
                let mut errors = 0;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    match connection.send("POST", "/graphql", &body).await {
                        Ok((200, answer)) if !contains(&answer, b"\"errors\"") => {
                            latencies.push(t.elapsed())
                        }
                        Ok((status, answer)) => {
                            errors += 1;
                            if errors == 1 {
                                eprintln!(
                                    "  error answer ({status}): {}",
                                    String::from_utf8_lossy(&answer[..answer.len().min(300)])
                                );
                            }
                        }
                        Err(e) => {
                            errors += 1;
                            connection = Connection::open(&addr)
                                .await
                                .unwrap_or_else(|_| panic!("reconnect after {e}"));
                        }
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    collect(workers, started).await
}

/// The ceiling: the statements one request runs, replayed one after another on the pool by
/// `concurrency` workers, in this process, with no HTTP and no GraphQL.
pub async fn direct(
    db: &DatabaseConnection,
    statements: Arc<Vec<Statement>>,
    concurrency: usize,
    duration: Duration,
) -> Measured {
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let db = db.clone();
            let statements = statements.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let mut ok = true;
                    for statement in statements.iter() {
                        if db.query_all_raw(statement.clone()).await.is_err() {
                            ok = false;
                        }
                    }
                    if ok {
                        latencies.push(t.elapsed());
                    } else {
                        errors += 1;
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    collect(workers, started).await
}

async fn collect(
    workers: Vec<tokio::task::JoinHandle<(Vec<Duration>, usize)>>,
    started: Instant,
) -> Measured {
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (l, e) = worker.await.expect("a load worker");
        latencies.extend(l);
        errors += e;
    }
    Measured::from_latencies(latencies, errors, started.elapsed().as_secs_f64())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
