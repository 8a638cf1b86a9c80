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

/// One of the page's own files: always revalidated (it changes with the binary).
macro_rules! own {
    ($name:literal, $type:expr) => {
        Asset {
            name: $name,
            content_type: $type,
            cache: "no-cache",
            body: include_bytes!(concat!("../../assets/dashboard/", $name)),
        }
    };
}

/// The page's files: its ES modules (a file per view or concern, see `app.js`), its style,
/// and Chart.js, kept a day.
const ASSETS: &[Asset] = &[
    own!("app.js", embedded::JS),
    own!("api.js", embedded::JS),
    own!("core.js", embedded::JS),
    own!("edit.js", embedded::JS),
    own!("forms.js", embedded::JS),
    own!("history.js", embedded::JS),
    own!("inbox.js", embedded::JS),
    own!("landscape.js", embedded::JS),
    own!("pickers.js", embedded::JS),
    own!("prices.js", embedded::JS),
    own!("pricing.js", embedded::JS),
    own!("records.js", embedded::JS),
    own!("search.js", embedded::JS),
    own!("session.js", embedded::JS),
    own!("signin.js", embedded::JS),
    own!("week.js", embedded::JS),
    own!("words.js", embedded::JS),
    own!("app.css", embedded::CSS),
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
