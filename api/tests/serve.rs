//! The real binary: `serve` on a fresh SQLite file, JSON logs with request ids, `/metrics`
//! counting SQL statements, and a clean stop on SIGTERM.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    process::{Command, Stdio},
    sync::mpsc,
    time::Duration,
};

fn request(addr: &str, head: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("the server accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "{head}\r\nHost: localhost\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serve_logs_json_with_request_ids_counts_statements_and_stops_on_sigterm() {
    let dir = std::env::temp_dir().join(format!("aigc-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_aigc-landscape"))
        .arg("serve")
        // No background fetches: nothing here may reach outside the machine.
        .env("FETCH_INTERVAL_MINUTES", "0")
        .env("WEBHOOK_POLL_SECONDS", "0")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", dir.join("l.db").display()),
        )
        .env("BIND", "127.0.0.1:0")
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .env_remove("JWT_SECRET")
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let (lines_tx, lines) = mpsc::channel::<String>();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let next = || {
        lines
            .recv_timeout(Duration::from_secs(120))
            .expect("the server keeps logging")
    };
    // Every line is one JSON object; the start-up line names the port it got.
    let addr = loop {
        let line = next();
        let value: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|_| panic!("not a JSON log line: {line}"));
        let message = value["fields"]["message"].as_str().unwrap_or_default();
        if let Some(rest) = message.strip_prefix("serving on http://") {
            break rest.split('/').next().unwrap().to_owned();
        }
    };

    let body = r#"{"query":"{ companies(first: 1) { totalCount } }"}"#;
    let response = request(
        &addr,
        "POST /graphql HTTP/1.1\r\nContent-Type: application/json\r\nX-Request-Id: trace-me-1",
        body,
    );
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("x-request-id: trace-me-1")
    );
    // The access-log line of that request carries its id.
    let logged = loop {
        let line = next();
        if line.contains("trace-me-1") {
            break line;
        }
    };
    let value: serde_json::Value = serde_json::from_str(&logged).unwrap();
    assert_eq!(value["span"]["request_id"], "trace-me-1", "{logged}");
    assert_eq!(value["fields"]["status"], 200, "{logged}");

    let metrics = request(&addr, "GET /metrics HTTP/1.1", "");
    let statements = metrics
        .lines()
        .find_map(|l| l.strip_prefix("aigc_db_statements_total "))
        .expect("a statement counter");
    assert!(statements.trim().parse::<u64>().unwrap() > 0, "{metrics}");
    assert!(
        metrics.contains("aigc_graphql_request_duration_seconds_count{operation=\"companies\"} 1")
    );

    // SIGTERM: the server drains and exits cleanly.
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    std::fs::remove_dir_all(&dir).ok();
}
