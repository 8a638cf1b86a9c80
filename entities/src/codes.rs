//! Standard codes: ISO 4217 currencies and ISO 3166-1 alpha-2 countries.

/// Whether `code` is an ISO 4217 currency code, e.g. "CNY" (upper case only).
pub fn is_currency(code: &str) -> bool {
    code.len() == 3
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && iso_currency::Currency::from_code(code).is_some()
}

/// Whether `code` is an ISO 3166-1 alpha-2 country code, e.g. "CN" (upper case only).
pub fn is_country(code: &str) -> bool {
    code.len() == 2
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && isocountry::CountryCode::for_alpha2(code).is_ok()
}

/// Whether `slug` is a slug: lower-case letters and digits, with single `-` or `.` between
/// them, at most 100 characters (`deepseek-v3`, `qwen2.5-max`).
pub fn is_slug(slug: &str) -> bool {
    let bytes = slug.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 100
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || *b == b'.')
        && !bytes
            .windows(2)
            .any(|w| matches!(w[0], b'-' | b'.') && matches!(w[1], b'-' | b'.'))
}

/// Whether `url` is an absolute http(s) URL with a host.
pub fn is_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !url.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert!(is_currency("CNY") && is_currency("USD") && is_currency("EUR"));
        assert!(!is_currency("cny") && !is_currency("XYZ") && !is_currency("RMB"));
        assert!(is_country("CN") && is_country("US") && is_country("FR"));
        assert!(!is_country("cn") && !is_country("XX") && !is_country("CHN"));
    }

    #[test]
    fn slugs_and_urls() {
        for good in [
            "deepseek",
            "deepseek-v3",
            "qwen2.5-max",
            "gpt-4o-2024-08-06",
        ] {
            assert!(is_slug(good), "{good}");
        }
        for bad in ["", "DeepSeek", "-a", "a-", "a--b", "a b", "通义"] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(is_url("https://api-docs.deepseek.com/quick_start/pricing"));
        for bad in ["ftp://x", "https://", "openai.com", "https://a b"] {
            assert!(!is_url(bad), "{bad}");
        }
    }
}
