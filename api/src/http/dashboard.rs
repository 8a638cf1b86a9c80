//! `GET /`: the landscape page, and `GET /assets/{file}`: its script, style and Chart.js, all
//! built into the binary (`api/assets/dashboard`, Chart.js vendored from npm by
//! `api/assets/vendor.sh`). The page reads only the public `/graphql` API.

use axum::{
    extract::Path,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

const INDEX: &str = include_str!("../../assets/dashboard/index.html");

/// The embedded files: name, content type, how long a browser may keep it, body.
const ASSETS: &[(&str, &str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        "no-cache",
        include_bytes!("../../assets/dashboard/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        "no-cache",
        include_bytes!("../../assets/dashboard/app.css"),
    ),
    (
        "chart.umd.min.js",
        "text/javascript; charset=utf-8",
        "public, max-age=86400",
        include_bytes!("../../assets/dashboard/chart.umd.min.js"),
    ),
];

/// `GET /`.
pub async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            // Everything the page loads comes from this server; the API is same-origin.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; connect-src 'self'; frame-ancestors 'none'",
            ),
        ],
        INDEX,
    )
        .into_response()
}

/// `GET /assets/{file}`.
pub async fn asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(name, ..)| *name == file) {
        Some((_, content_type, cache, body)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, *cache),
            ],
            *body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}
