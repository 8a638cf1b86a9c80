//! The guarded HTTP client and what a GET brings back.

use std::{sync::Arc, time::Duration};

use reqwest::{StatusCode, header::HeaderMap, redirect};

use super::guard::{Guard, GuardedResolver};

/// The limits and policy of one outbound client.
#[derive(Clone, Debug)]
pub struct OutboundConfig {
    pub guard: Guard,
    /// The whole request, connection to last byte.
    pub timeout: Duration,
    /// The most body bytes read, after decompression.
    pub max_bytes: usize,
    /// The most redirects followed (0: none).
    pub max_redirects: usize,
}

/// What a request brought back (any status: the caller decides what a status means).
#[derive(Debug)]
pub struct Fetched {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// The URL answered, after redirects.
    pub url: String,
}

/// Why a request brought nothing back, in words for `lastError`.
#[derive(Debug, thiserror::Error)]
pub enum OutboundError {
    #[error("{0}")]
    Refused(String),
    #[error("timed out after {0} s")]
    Timeout(u64),
    #[error("the response is larger than {0} bytes (FETCH_MAX_BYTES)")]
    TooLarge(usize),
    #[error("{0}")]
    Failed(String),
}

/// The one client every outbound call goes through. Cheap to clone.
#[derive(Clone)]
pub struct OutboundClient {
    client: reqwest::Client,
    config: Arc<OutboundConfig>,
}

/// The name outbound requests give as their User-Agent.
pub const USER_AGENT: &str = concat!(
    "aigc-landscape/",
    env!("CARGO_PKG_VERSION"),
    " (feeds, rates and webhooks)"
);

impl OutboundClient {
    pub fn new(config: OutboundConfig) -> anyhow::Result<Self> {
        // reqwest is built without a default crypto provider: rustls uses ring here.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let guard = Arc::new(config.guard.clone());
        let policy_guard = guard.clone();
        let max_redirects = config.max_redirects;
        let policy = if max_redirects == 0 {
            redirect::Policy::none()
        } else {
            redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() > max_redirects {
                    attempt.error(format!("more than {max_redirects} redirects"))
                } else if let Err(refusal) = policy_guard.check_url(attempt.url()) {
                    attempt.error(refusal)
                } else {
                    attempt.follow()
                }
            })
        };
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .no_proxy()
            .redirect(policy)
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .dns_resolver(GuardedResolver(guard))
            .build()?;
        Ok(OutboundClient {
            client,
            config: Arc::new(config),
        })
    }

    pub fn config(&self) -> &OutboundConfig {
        &self.config
    }

    /// GETs `url` with `headers`, reading at most the configured number of body bytes.
    pub async fn get(&self, url: &str, headers: HeaderMap) -> Result<Fetched, OutboundError> {
        self.send(reqwest::Method::GET, url, headers, None).await
    }

    /// POSTs `body` to `url` with `headers`, reading at most the configured number of
    /// answer bytes.
    pub async fn post(
        &self,
        url: &str,
        headers: HeaderMap,
        body: String,
    ) -> Result<Fetched, OutboundError> {
        self.send(reqwest::Method::POST, url, headers, Some(body))
            .await
    }

    /// The one request path: the guard's URL check, the request, the capped body.
    async fn send(
        &self,
        method: reqwest::Method,
        url: &str,
        headers: HeaderMap,
        body: Option<String>,
    ) -> Result<Fetched, OutboundError> {
        let parsed = url::Url::parse(url)
            .map_err(|e| OutboundError::Refused(format!("`{url}` is not a URL: {e}")))?;
        self.config
            .guard
            .check_url(&parsed)
            .map_err(OutboundError::Refused)?;
        let mut request = self.client.request(method, parsed).headers(headers);
        if let Some(body) = body {
            request = request.body(body);
        }
        let response = request.send().await.map_err(|e| self.explain(e))?;
        let status = response.status();
        let headers = response.headers().clone();
        let answered = response.url().to_string();
        let body = self.read_capped(response).await?;
        Ok(Fetched {
            status,
            headers,
            body,
            url: answered,
        })
    }

    async fn read_capped(&self, mut response: reqwest::Response) -> Result<Vec<u8>, OutboundError> {
        let max = self.config.max_bytes;
        if response.content_length().is_some_and(|n| n as usize > max) {
            return Err(OutboundError::TooLarge(max));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| self.explain(e))? {
            if body.len() + chunk.len() > max {
                return Err(OutboundError::TooLarge(max));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    /// Turns reqwest's error chain into one line that says what went wrong — without the
    /// URL, which for a chat bot carries its key.
    fn explain(&self, error: reqwest::Error) -> OutboundError {
        let error = error.without_url();
        if error.is_timeout() {
            return OutboundError::Timeout(self.config.timeout.as_secs());
        }
        // The guard's own words, wherever they sit in the chain.
        let mut source: Option<&dyn std::error::Error> = Some(&error);
        let mut innermost = error.to_string();
        while let Some(e) = source {
            let text = e.to_string();
            if text.starts_with("refused:") || text.starts_with("only http") {
                return OutboundError::Refused(text);
            }
            if text.starts_with("more than ") && text.ends_with("redirects") {
                return OutboundError::Failed(format!("redirect loop: {text}"));
            }
            if e.source().is_none() {
                innermost = text;
            }
            source = e.source();
        }
        if error.is_decode() || error.is_body() {
            return OutboundError::Failed(format!(
                "the response body could not be read: {innermost}"
            ));
        }
        if error.is_connect() {
            return OutboundError::Failed(format!("cannot connect: {innermost}"));
        }
        OutboundError::Failed(innermost)
    }
}
