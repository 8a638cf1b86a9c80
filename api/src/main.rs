//! `aigc-landscape`: see `aigc-landscape --help`.

#![recursion_limit = "256"]

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    aigc_landscape::cli::run().await
}
