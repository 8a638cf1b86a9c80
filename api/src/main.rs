//! `aigc-landscape`: see `aigc-landscape --help`.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    aigc_landscape::cli::run().await
}
