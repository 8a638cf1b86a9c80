//! Reading a fetched body as a feed — RSS 2.0, Atom 1.0 or JSON Feed, told apart by the
//! content itself (feed-rs) — into plain-text entries.
//!
//! XML in another encoding than UTF-8 (GBK, GB18030, Big5…, named by the XML declaration
//! or else by the `Content-Type` charset) is transcoded first, so Chinese feeds read right.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::text::{self, MAX_SUMMARY, MAX_TITLE};

/// One entry of a feed, cleaned.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The feed's id for it, else its link, else a hash of its title and date.
    pub key: String,
    pub link: Option<String>,
    pub title: String,
    /// A Chinese title beside `title` (an agent's proposal; feeds give one title).
    pub title_zh: Option<String>,
    pub summary: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// Further sources beyond `link` (an agent's proposal).
    pub more_links: Vec<String>,
}

/// Parses `body` (with its `Content-Type`, if any) into entries, or says why it is not a
/// feed.
pub fn parse(body: &[u8], content_type: Option<&str>) -> Result<Vec<Entry>, String> {
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return Err(
            "the page is HTML, not a feed (RSS, Atom or JSON Feed): give the feed's own URL".into(),
        );
    }
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("the response is empty: not a feed".into());
    }
    let utf8 = to_utf8(body, content_type);
    // No made-up ids (feed-rs would hash the link, or draw a random UUID): an entry without
    // one is keyed by its link or by its title and date below, the same on every fetch.
    let feed = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .id_generator(|_, _, _| String::new())
        .build()
        .parse(utf8.as_slice())
        .map_err(|e| format!("not a valid RSS, Atom or JSON feed: {e}"))?;
    Ok(feed.entries.into_iter().filter_map(entry).collect())
}

fn entry(e: feed_rs::model::Entry) -> Option<Entry> {
    let link = e
        .links
        .iter()
        .filter(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .chain(e.links.iter())
        .find_map(|l| text::clean_link(&l.href));
    let summary_html = e
        .summary
        .map(|t| t.content)
        .or_else(|| e.content.and_then(|c| c.body))
        .unwrap_or_default();
    let summary = Some(text::plain(&summary_html, MAX_SUMMARY)).filter(|s| !s.is_empty());
    let title = e
        .title
        .map(|t| text::plain(&t.content, MAX_TITLE))
        .filter(|t| !t.is_empty())
        .or_else(|| summary.as_ref().map(|s| text::cut(s, 120)))
        .or_else(|| link.clone())?;
    let published = e.published.or(e.updated);
    let key = match (e.id.trim(), &link) {
        (id, _) if !id.is_empty() => text::cut(id, 500),
        (_, Some(link)) => link.clone(),
        _ => {
            let mut hash = Sha256::new();
            hash.update(title.as_bytes());
            hash.update(published.map(|p| p.to_rfc3339()).unwrap_or_default());
            format!("sha256:{}", hex::encode(hash.finalize()))
        }
    };
    Some(Entry {
        key,
        link,
        title,
        title_zh: None,
        summary,
        published,
        more_links: Vec::new(),
    })
}

/// The body in UTF-8: XML in another declared (or Content-Type) encoding is transcoded and
/// its declaration rewritten; everything else passes as it is.
fn to_utf8(body: &[u8], content_type: Option<&str>) -> Vec<u8> {
    if body.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return body[3..].to_vec();
    }
    let declared = declared_encoding(body).or_else(|| {
        content_type
            .and_then(|ct| {
                ct.split(';')
                    .find_map(|p| p.trim().strip_prefix("charset="))
            })
            .map(|c| c.trim_matches('"').to_owned())
    });
    let Some(label) = declared else {
        return body.to_vec();
    };
    let Some(encoding) = encoding_rs::Encoding::for_label(label.trim().as_bytes()) else {
        return body.to_vec();
    };
    if encoding == encoding_rs::UTF_8 {
        return body.to_vec();
    }
    let (decoded, _, _) = encoding.decode(body);
    let text = decoded.replacen(&label, "UTF-8", 1);
    text.into_bytes()
}

/// The `encoding="…"` of an XML declaration at the start of `body`.
fn declared_encoding(body: &[u8]) -> Option<String> {
    let head = &body[..body.len().min(200)];
    let head = std::str::from_utf8(head)
        .ok()
        .map(str::to_owned)
        .unwrap_or_else(|| {
            head.iter()
                .map(|&b| if b.is_ascii() { b as char } else { '?' })
                .collect()
        });
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_xml_is_transcoded() {
        let xml = r#"<?xml version="1.0" encoding="GBK"?><rss version="2.0"><channel><title>t</title><item><title>通义千问发布</title><link>https://example.com/a</link></item></channel></rss>"#;
        let (gbk, _, _) = encoding_rs::GBK.encode(xml);
        let entries = parse(&gbk, None).unwrap();
        assert_eq!(entries[0].title, "通义千问发布");
        assert_eq!(entries[0].key, "https://example.com/a");
    }

    #[test]
    fn html_and_garbage_are_not_feeds() {
        assert!(
            parse(b"<!DOCTYPE html><html></html>", None)
                .unwrap_err()
                .contains("HTML")
        );
        assert!(parse(b"<rss><channel><item>", None).is_err());
        assert!(parse(b"hello", None).is_err());
    }
}
