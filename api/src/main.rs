//! `aigc-landscape`: see `aigc-landscape --help`.

#![recursion_limit = "256"]

/// mimalloc instead of glibc's allocator: under the models page, glibc's malloc, free,
/// realloc and their consolidation took 29% of the server's CPU samples (`perf record -g`,
/// PostgreSQL, 32 clients); see the README's benchmark section for what it moved.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    aigc_landscape::cli::run().await
}
