//! The fixture feed server: a real HTTP server on 127.0.0.1 with the feeds and failures the
//! tests need. Feeds are written here, with dates relative to now so that the first-fetch
//! rule (the last 14 days are NEW) reads the same on any day.

use std::{net::SocketAddr, time::Duration};

use axum::{
    Router,
    body::Body,
    extract::Path,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use chrono::{Duration as Days, Utc};

/// An RFC 2822 date `days` ago.
fn ago(days: i64) -> String {
    (Utc::now() - Days::days(days)).to_rfc2822()
}

/// An RFC 3339 date `days` ago.
fn ago3339(days: i64) -> String {
    (Utc::now() - Days::days(days)).to_rfc3339()
}

pub fn rss() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>OpenAI News</title><link>https://openai.example/news</link>
<item><title>Introducing GPT-4o: our new flagship model</title><link>https://openai.example/news/gpt-4o?utm_source=rss</link><guid>openai-1</guid><pubDate>{}</pubDate><description>&lt;p&gt;GPT-4o reasons across audio, vision and text.&lt;/p&gt;</description></item>
<item><title>OpenAI cuts GPT-4o mini prices</title><link>https://openai.example/news/mini-price</link><guid>openai-2</guid><pubDate>{}</pubDate></item>
<item><title>An old post from the archive</title><link>https://openai.example/news/old</link><guid>openai-0</guid><pubDate>{}</pubDate></item>
</channel></rss>"#,
        ago(1),
        ago(3),
        ago(200)
    )
}

fn atom() -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Anthropic</title><id>urn:anthropic</id><updated>{0}</updated>
<entry><title>Anthropic launches Claude 3.5 Sonnet</title><id>urn:anthropic:1</id><link rel="alternate" href="https://anthropic.example/news/claude-3-5-sonnet"/><updated>{0}</updated><summary>Faster and cheaper.</summary></entry>
</feed>"#,
        ago3339(2)
    )
}

fn json_feed() -> String {
    format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"Google AI","items":[{{"id":"g-1","url":"https://google.example/gemini-1-5-pro","title":"Gemini 1.5 Pro gets a 2M token context window","content_text":"Now for every developer.","date_published":"{}"}}]}}"#,
        ago3339(1)
    )
}

fn chinese() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>深度求索</title>
<item><title>DeepSeek API 降价：DeepSeek-V3 夜间优惠</title><link>https://deepseek.example/news/off-peak</link><pubDate>{}</pubDate><description>北京时间 00:30-08:30 价格下调。</description></item>
<item><title>深度求索发布 DeepSeek-R1 推理模型</title><link>https://deepseek.example/news/r1</link><pubDate>{}</pubDate></item>
</channel></rss>"#,
        ago(2),
        ago(4)
    )
}

fn gbk() -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="GBK"?>
<rss version="2.0"><channel><title>月之暗面</title>
<item><title>Kimi 推出深度思考模式</title><link>https://moonshot.example/news/k1</link><pubDate>{}</pubDate></item>
</channel></rss>"#,
        ago(1)
    );
    encoding_rs::GBK.encode(&xml).0.into_owned()
}

/// Entries with no date, no link, HTML and a script in the title, a `javascript:` link and a
/// duplicated id.
fn messy() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Messy</title>
<item><title>&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;Kling&lt;/b&gt; AI goes global&lt;script&gt;alert(2)&lt;/script&gt;</title><link>javascript:alert(3)</link><guid>m-1</guid><pubDate>{0}</pubDate></item>
<item><title>No link at all</title><guid>m-2</guid><pubDate>{0}</pubDate></item>
<item><title>No date at all</title><link>https://messy.example/undated</link><guid>m-3</guid></item>
<item><title>Same id twice</title><link>https://messy.example/twice-a</link><guid>m-4</guid><pubDate>{0}</pubDate></item>
<item><title>Same id twice (again)</title><link>https://messy.example/twice-b</link><guid>m-4</guid><pubDate>{0}</pubDate></item>
<item><title></title><description></description></item>
</channel></rss>"#,
        ago(1)
    )
}

/// The same post as `rss()`'s first, under another feed's id: stored once.
fn echo() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Aggregator</title>
<item><title>Introducing GPT-4o — our new flagship model</title><link>https://openai.example/news/gpt-4o#comments</link><guid>agg-9</guid><pubDate>{}</pubDate></item>
<item><title>Introducing GPT-4o: our new flagship model!</title><link>https://aggregator.example/copy-of-gpt-4o</link><guid>agg-10</guid><pubDate>{}</pubDate></item>
</channel></rss>"#,
        ago(1),
        ago(1)
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn xml(body: impl Into<Body>) -> Response {
    ([(header::CONTENT_TYPE, "application/rss+xml")], body.into()).into_response()
}

async fn feed(Path(name): Path<String>, headers: HeaderMap) -> Response {
    match name.as_str() {
        "rss.xml" => xml(rss()),
        "atom.xml" => ([(header::CONTENT_TYPE, "application/atom+xml")], atom()).into_response(),
        "feed.json" => (
            [(header::CONTENT_TYPE, "application/feed+json")],
            json_feed(),
        )
            .into_response(),
        "zh.xml" => xml(chinese()),
        "gbk.xml" => ([(header::CONTENT_TYPE, "application/xml")], gbk()).into_response(),
        "messy.xml" => xml(messy()),
        "echo.xml" => xml(echo()),
        "malformed.xml" => xml("<rss><channel><item><title>cut off"),
        "page.html" => (
            [(header::CONTENT_TYPE, "text/html")],
            "<!DOCTYPE html><html><body>Our blog</body></html>",
        )
            .into_response(),
        "big.xml" => xml(format!(
            "<rss><channel>{}</channel></rss>",
            "<item><title>x</title></item>".repeat(20_000)
        )),
        "bomb.xml" => {
            let inflated = format!(
                "<rss><channel><title>{}</title></channel></rss>",
                "A".repeat(50 * 1024 * 1024)
            );
            (
                [
                    (header::CONTENT_TYPE, "application/rss+xml"),
                    (header::CONTENT_ENCODING, "gzip"),
                ],
                gzip(inflated.as_bytes()),
            )
                .into_response()
        }
        "hang.xml" => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            xml(rss())
        }
        "drip.xml" => {
            // Half a feed, then silence: the fetch is stopped half way.
            let stream = futures::stream::unfold(0, |n| async move {
                if n > 0 {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                }
                Some((
                    Ok::<_, std::io::Error>(axum::body::Bytes::from(rss()[..200].to_owned())),
                    n + 1,
                ))
            });
            xml(Body::from_stream(stream))
        }
        "loop.xml" => (StatusCode::FOUND, [(header::LOCATION, "/feeds/loop.xml")]).into_response(),
        "error.xml" => (StatusCode::INTERNAL_SERVER_ERROR, "boom").into_response(),
        "etag.xml" => {
            if headers
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok())
                == Some("\"v1\"")
            {
                StatusCode::NOT_MODIFIED.into_response()
            } else {
                (
                    [
                        (header::CONTENT_TYPE, "application/rss+xml"),
                        (header::ETAG, "\"v1\""),
                    ],
                    chinese(),
                )
                    .into_response()
            }
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Starts the fixture server; returns its address. `/to-loopback` redirects to
/// `http://127.0.0.1:<port>/feeds/rss.xml`.
pub async fn start() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/feeds/{name}", get(feed))
        .route(
            "/to-loopback",
            get(move || async move {
                (
                    StatusCode::FOUND,
                    [(
                        header::LOCATION,
                        format!("http://127.0.0.1:{}/feeds/rss.xml", addr.port()),
                    )],
                )
            }),
        )
        .route(
            "/ecb/{name}",
            get(|Path(name): Path<String>| async move {
                match name.as_str() {
                    "90d.xml" => (
                        [(header::CONTENT_TYPE, "text/xml")],
                        super::rates::ninety_days(),
                    )
                        .into_response(),
                    _ => StatusCode::NOT_FOUND.into_response(),
                }
            }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    addr
}
