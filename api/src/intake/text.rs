//! Untrusted text from feeds made safe to store: HTML reduced to plain text, lengths capped,
//! links kept only when they are absolute http(s) URLs, and normalised so the same post
//! arriving twice is recognised.

/// The longest title kept, in characters.
pub const MAX_TITLE: usize = 300;
/// The longest summary kept, in characters.
pub const MAX_SUMMARY: usize = 1_000;

/// `html` as plain text: tags dropped (with the content of `script` and `style`), entities
/// decoded, white space folded, cut to `max` characters (with an ellipsis).
pub fn plain(html: &str, max: usize) -> String {
    let mut out = String::with_capacity(html.len().min(max * 4));
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let lower = after.get(..8).unwrap_or(after).to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            find_ci(after, "</script>").map(|i| i + "</script>".len())
        } else if lower.starts_with("<style") {
            find_ci(after, "</style>").map(|i| i + "</style>".len())
        } else if after.starts_with("<!--") {
            after.find("-->").map(|i| i + 3)
        } else {
            after.find('>').map(|i| i + 1)
        };
        match skip_to {
            Some(end) => {
                out.push(' ');
                rest = &after[end..];
            }
            // An unclosed tag: the rest is not text.
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let decoded = decode_entities(&out);
    let folded = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    cut(&folded, max)
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(needle)
}

/// `text` cut to at most `max` characters, ending in "…" when cut.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut kept: String = text.chars().take(max.saturating_sub(1)).collect();
    kept = kept.trim_end().to_owned();
    kept.push('…');
    kept
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let name = &after[1..end];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "hellip" => Some('…'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            ch.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `link` if it is an absolute http(s) URL, normalised: no fragment, no `utm_*` tracking
/// parameters, host lower-cased. Anything else (`javascript:`, relative paths) is dropped.
pub fn clean_link(link: &str) -> Option<String> {
    let mut url = url::Url::parse(link.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return None;
    }
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_") && k != "spm" && k != "from")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(url.to_string())
}

/// A title folded for near-duplicate detection: lower case, letters and digits only.
pub fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        assert_eq!(
            plain(
                "<b>Qwen</b> &amp; <img src=x onerror=alert(1)>friends<script>alert(2)</script>",
                100
            ),
            "Qwen & friends"
        );
        assert_eq!(
            plain("&lt;img onerror&gt; &#x4E2D;&#25991;", 100),
            "<img onerror> 中文"
        );
        assert_eq!(plain("a\n\n  b", 100), "a b");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(plain("<unclosed tag", 10), "");
    }

    #[test]
    fn links_are_http_only_and_normalised() {
        assert_eq!(clean_link("javascript:alert(1)"), None);
        assert_eq!(clean_link("/relative"), None);
        assert_eq!(clean_link("data:text/html,x"), None);
        assert_eq!(
            clean_link("https://Example.com/post?utm_source=rss&id=3#top").as_deref(),
            Some("https://example.com/post?id=3")
        );
        assert_eq!(title_key("Qwen 3 — released!"), "qwen3released");
    }
}
