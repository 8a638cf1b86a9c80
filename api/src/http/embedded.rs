//! Files built into the binary and served as they are: GraphiQL's and the landscape page's.

use axum::{
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

/// One embedded file.
pub struct Asset {
    pub name: &'static str,
    pub content_type: &'static str,
    /// The `Cache-Control` it is served with.
    pub cache: &'static str,
    pub body: &'static [u8],
}

/// The file called `name` among `assets`, or 404.
pub fn serve(assets: &[Asset], name: &str) -> Response {
    match assets.iter().find(|a| a.name == name) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.content_type),
                (header::CACHE_CONTROL, asset.cache),
            ],
            asset.body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

/// The content types the embedded files have.
pub const JS: &str = "text/javascript; charset=utf-8";
pub const CSS: &str = "text/css; charset=utf-8";
