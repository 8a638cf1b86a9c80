//! `GET /`: the landscape page, and `GET /assets/{file}`: its script, style and Chart.js, all
//! built into the binary (`api/assets/dashboard`, Chart.js vendored from npm by
//! `api/assets/vendor.sh`). The page reads only the public `/graphql` API.

use axum::{
    extract::Path,
    http::header,
    response::{IntoResponse, Response},
};

use super::embedded::{self, Asset};

const INDEX: &str = include_str!("../../assets/dashboard/index.html");

/// The page's files: its own always revalidated (they change with the binary), Chart.js kept
/// a day.
const ASSETS: &[Asset] = &[
    Asset {
        name: "app.js",
        content_type: embedded::JS,
        cache: "no-cache",
        body: include_bytes!("../../assets/dashboard/app.js"),
    },
    Asset {
        name: "app.css",
        content_type: embedded::CSS,
        cache: "no-cache",
        body: include_bytes!("../../assets/dashboard/app.css"),
    },
    Asset {
        name: "chart.umd.min.js",
        content_type: embedded::JS,
        cache: "public, max-age=86400",
        body: include_bytes!("../../assets/dashboard/chart.umd.min.js"),
    },
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
    embedded::serve(ASSETS, &file)
}
