//! The peer a team would pick instead: PostGraphile 4.14.1 (one Node process, the
//! connection-filter plugin, the simplify inflector) over the same PostgreSQL database,
//! installed with `npm ci` into `peer/` from its lock file. The queries both servers answer
//! are in `peer/queries.json` (generated from `peer/queries.js`, whose `compare.js` checks that
//! both return the same rows before anything is measured).

use std::{
    io::{BufRead, BufReader},
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use serde_json::Value;

pub struct Peer {
    child: Child,
    pub addr: String,
}

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/landscape/peer")
}

/// The shared queries: name → (our request, the peer's request), with `company` as the
/// company page's slug.
pub fn queries(company: &str) -> Vec<(String, Value, Value)> {
    let all: serde_json::Map<String, Value> =
        serde_json::from_str(include_str!("peer/queries.json")).expect("peer/queries.json");
    all.into_iter()
        .map(|(name, mut q)| {
            for side in ["ours", "peer"] {
                if q[side]["variables"].get("slug").is_some() {
                    q[side]["variables"]["slug"] = Value::from(company);
                }
            }
            (name, q["ours"].take(), q["peer"].take())
        })
        .collect()
}

impl Peer {
    /// Installs (npm ci) and starts the peer on `database_url`; `None`, with the reason
    /// printed, when Node is not installed or the peer does not start.
    pub fn start(database_url: &str) -> Option<Peer> {
        let node = Command::new("node").arg("--version").output();
        if !node.is_ok_and(|o| o.status.success()) {
            eprintln!(
                "PostGraphile peer NOT measured: no `node` on PATH (install Node.js 20 to include it)"
            );
            return None;
        }
        if !folder().join("node_modules/postgraphile").exists() {
            eprintln!(
                "  installing the PostGraphile peer (npm ci in {})…",
                folder().display()
            );
            let ok = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(folder())
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                eprintln!(
                    "PostGraphile peer NOT measured: `npm ci` failed in {}",
                    folder().display()
                );
                return None;
            }
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let mut child = Command::new("node")
            .arg("start.js")
            .current_dir(folder())
            .env("PEER_DATABASE_URL", database_url)
            .env("PEER_PORT", port.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(addr) = line.strip_prefix("peer listening on ") {
                    let _ = tx.send(addr.trim().to_owned());
                }
            }
        });
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(addr) => Some(Peer { child, addr }),
            Err(_) => {
                let _ = child.kill();
                eprintln!("PostGraphile peer NOT measured: it did not say it listens within 120 s");
                None
            }
        }
    }

    /// Runs `compare.js` against both servers: whether every shared query returns the same
    /// rows on both, with its report.
    pub fn same_rows(&self, ours: &str, company: &str) -> (bool, String) {
        let out = Command::new("node")
            .arg("compare.js")
            .current_dir(folder())
            .env("OURS_URL", format!("http://{ours}/graphql"))
            .env("PEER_URL", format!("http://{}/graphql", self.addr))
            .env("BENCH_COMPANY", company)
            .output()
            .expect("node runs compare.js");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).trim().to_owned(),
        )
    }

    /// The peer's peak resident memory (VmHWM), in MB.
    pub fn peak_memory_mb(&self) -> f64 {
        crate::server::peak_memory_mb(self.child.id())
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
