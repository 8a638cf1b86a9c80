//! GraphiQL, served from files built into the binary: no CDN, so the playground works on an
//! intranet and offline. The files are vendored by `api/assets/vendor.sh` from the npm
//! packages pinned in `api/assets/package.json`.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};

use super::embedded::{self, Asset};
use crate::state::AppState;

/// The playground page: GraphiQL with its header editor open, so a team member can paste
/// `{"Authorization": "Bearer …"}`.
pub const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>aigc-landscape · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the playground…</div>
  <script src="/graphiql/react.production.min.js"></script>
  <script src="/graphiql/react-dom.production.min.js"></script>
  <script src="/graphiql/graphiql.min.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(React.createElement(GraphiQL, {
      fetcher,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultEditorToolsVisibility: 'headers',
      defaultQuery: '# Paste {"Authorization": "Bearer <token>"} in Headers below to edit.\n{\n  companies(first: 5) {\n    totalCount\n    nodes { slug name nameZh country models { slug name } }\n  }\n}\n',
    }));
  </script>
</body>
</html>
"#;

/// The embedded files, kept a day by browsers.
const ASSETS: &[Asset] = &[
    Asset {
        name: "graphiql.min.css",
        content_type: embedded::CSS,
        cache: DAY,
        body: include_bytes!("../../assets/graphiql/graphiql.min.css"),
    },
    Asset {
        name: "graphiql.min.js",
        content_type: embedded::JS,
        cache: DAY,
        body: include_bytes!("../../assets/graphiql/graphiql.min.js"),
    },
    Asset {
        name: "react.production.min.js",
        content_type: embedded::JS,
        cache: DAY,
        body: include_bytes!("../../assets/graphiql/react.production.min.js"),
    },
    Asset {
        name: "react-dom.production.min.js",
        content_type: embedded::JS,
        cache: DAY,
        body: include_bytes!("../../assets/graphiql/react-dom.production.min.js"),
    },
];

const DAY: &str = "public, max-age=86400";

/// `GET /graphiql/{file}`.
pub async fn asset(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    if !state.http.playground {
        return (StatusCode::NOT_FOUND, "the playground is switched off").into_response();
    }
    embedded::serve(ASSETS, &file)
}
