//! The real server as a child process: `aigc-landscape serve` on the benchmark's database.

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    sync::mpsc,
    time::Duration,
};

pub struct Server {
    child: Child,
    pub addr: String,
}

impl Server {
    /// Starts the release binary on `database_url`, with or without the response cache, and
    /// waits until it listens.
    pub fn start(database_url: &str, cache: bool) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aigc-landscape"))
            .arg("serve")
            .env("RESPONSE_CACHE", cache.to_string())
            // No background fetches: nothing here may reach outside the machine.
            .env("FETCH_INTERVAL_MINUTES", "0")
            .env("WEBHOOK_POLL_SECONDS", "0")
            .env("DATABASE_URL", database_url)
            .env("BIND", "127.0.0.1:0")
            .env(
                "JWT_SECRET",
                "a benchmark secret that is long enough to sign",
            )
            // The start-up line only: an access-log line per request would measure the
            // terminal, not the service.
            .env("RUST_LOG", "warn,aigc_landscape::cli=info")
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server binary starts");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("serving on http://").nth(1) {
                    let _ = tx.send(rest.split('/').next().unwrap_or_default().to_owned());
                } else if line.contains("WARN") || line.contains("ERROR") {
                    eprintln!("  server: {line}");
                }
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the server says where it listens");
        Server { child, addr }
    }

    /// The most resident memory the server has used so far (VmHWM), in MB.
    pub fn peak_memory_mb(&self) -> f64 {
        peak_memory_mb(self.child.id())
    }
}

/// The most resident memory process `pid` has used so far (VmHWM), in MB.
pub fn peak_memory_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}
