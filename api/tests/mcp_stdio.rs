//! `aigc-landscape mcp` on the real binary: a standard MCP client (rmcp's) starts it as a
//! child process over stdio, as a desktop agent does, lists the tools and calls one on the
//! curated lists. A bad `AIGC_TOKEN` stops it with a clear message.

use rmcp::{
    ServiceExt,
    model::CallToolRequestParams,
    transport::{ConfigureCommandExt, TokioChildProcess},
};

#[tokio::test]
async fn a_desktop_agent_talks_to_the_binary_over_stdio() {
    let dir = std::env::temp_dir().join(format!("aigc-mcp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.join("l.db").display());
    let seeded = std::process::Command::new(env!("CARGO_BIN_EXE_aigc-landscape"))
        .args(["seed"])
        .env("DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );

    let command =
        tokio::process::Command::new(env!("CARGO_BIN_EXE_aigc-landscape")).configure(|c| {
            c.arg("mcp")
                .env("DATABASE_URL", &db)
                .env_remove("AIGC_TOKEN")
                .env("RUST_LOG", "warn");
        });
    let client =
        ().serve(TokioChildProcess::new(command).unwrap())
            .await
            .expect("the server starts");
    let tools = client.list_all_tools().await.unwrap();
    assert!(tools.iter().any(|t| t.name == "weekly_digest"), "{tools:?}");
    let result = client
        .call_tool(
            CallToolRequestParams::new("search_landscape").with_arguments(
                serde_json::json!({ "query": "千问" })
                    .as_object()
                    .cloned()
                    .unwrap(),
            ),
        )
        .await
        .unwrap();
    let value = serde_json::to_value(&result).unwrap();
    assert!(
        value["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("\"slug\":\"tongyi\""),
        "{value}"
    );
    let result = client
        .call_tool(
            CallToolRequestParams::new("propose_event").with_arguments(
                serde_json::json!({ "title": "x", "source_urls": ["https://example.com/x"] })
                    .as_object()
                    .cloned()
                    .unwrap(),
            ),
        )
        .await
        .unwrap();
    let value = serde_json::to_value(&result).unwrap();
    assert_eq!(value["isError"], true, "anonymous cannot propose: {value}");
    client.cancel().await.ok();

    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_aigc-landscape"))
        .arg("mcp")
        .env("DATABASE_URL", &db)
        .env("AIGC_TOKEN", "not-a-token")
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("AIGC_TOKEN"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}
