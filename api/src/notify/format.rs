//! What a message looks like to each kind of receiver: Standard Webhooks JSON for machines,
//! and for the chat tools' group bots (WeCom, DingTalk, Feishu, Slack) Markdown a person
//! reads, in the webhook's language, amounts also in yuan, cut to each platform's limit,
//! signed the way DingTalk and Feishu define, and judged delivered only when the platform's
//! answer says so (an HTTP 200 can carry an error).

use base64::{Engine, engine::general_purpose::STANDARD};
use entities::WebhookFormat;
use serde_json::{Value, json};

use super::sign::hmac_sha256;

/// The most bytes of text each platform takes in one message (with room to spare).
pub fn limit(format: WebhookFormat) -> usize {
    match format {
        WebhookFormat::Wecom => 4_000,
        WebhookFormat::Dingtalk => 18_000,
        WebhookFormat::Feishu => 18_000,
        WebhookFormat::Slack => 38_000,
        WebhookFormat::Standard => usize::MAX,
    }
}

/// `text` cut on a character boundary to at most `max` bytes, with a note when cut.
pub fn fit(text: &str, max: usize, zh: bool) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let note = if zh {
        "\n\n…（内容过长，已截断）"
    } else {
        "\n\n… (cut to fit)"
    };
    let mut end = max.saturating_sub(note.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{note}", &text[..end])
}

fn name(v: &Value, zh: bool) -> String {
    let zh_name = v["nameZh"].as_str().filter(|s| !s.is_empty());
    match (zh, zh_name) {
        (true, Some(n)) => n.to_owned(),
        _ => v["name"].as_str().unwrap_or("").to_owned(),
    }
}

/// One message as a Markdown line (or block), in the webhook's language. `yuan` is the
/// amount in CNY when the price is in another currency and a rate is known.
pub fn line(topic: &str, data: &Value, zh: bool, yuan: Option<&str>) -> String {
    match topic {
        "PRICE_CHANGED" => {
            let who = format!(
                "{} {}",
                name(&data["provider"], zh),
                name(&data["model"], zh)
            );
            let new = format!(
                "{} {}",
                data["amount"].as_str().unwrap_or(""),
                data["currency"].as_str().unwrap_or("")
            );
            let old = match data["previousAmount"].as_str() {
                Some(a) => format!("{a} {} → ", data["previousCurrency"].as_str().unwrap_or("")),
                None => String::new(),
            };
            let yuan = yuan.map(|y| format!(" (≈ {y} CNY)")).unwrap_or_default();
            let unit = format!(
                "/ {} {}",
                data["unitQuantity"],
                data["unit"].as_str().unwrap_or("").to_lowercase()
            );
            let label = if zh { "价格变动" } else { "Price change" };
            let source = data["sourceUrl"]
                .as_str()
                .map(|u| format!(" [{}]({u})", if zh { "来源" } else { "source" }))
                .unwrap_or_default();
            format!(
                "**{label}** {who} `{}` {}: {old}{new}{yuan} {unit}, {} {}{source}",
                data["apiModelId"].as_str().unwrap_or(""),
                data["dimension"].as_str().unwrap_or(""),
                if zh { "生效" } else { "from" },
                data["effectiveFrom"].as_str().unwrap_or(""),
            )
        }
        "EVENT_CREATED" => {
            let title = if zh {
                data["titleZh"]
                    .as_str()
                    .filter(|s| !s.is_empty())
                    .or(data["title"].as_str())
            } else {
                data["title"].as_str()
            };
            let who: Vec<String> = data["companies"]
                .as_array()
                .map(|cs| cs.iter().map(|c| name(c, zh)).collect())
                .unwrap_or_default();
            let source = data["sourceUrls"][0]
                .as_str()
                .map(|u| format!(" [{}]({u})", if zh { "来源" } else { "source" }))
                .unwrap_or_default();
            format!(
                "**{}** {} · {} · {}{}{source}",
                title.unwrap_or(""),
                data["occurredOn"].as_str().unwrap_or(""),
                data["type"].as_str().unwrap_or(""),
                "★".repeat(data["importance"].as_u64().unwrap_or(0) as usize),
                if who.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", who.join(", "))
                },
            )
        }
        "INBOX_ITEM_ADDED" => {
            let items = data["items"].as_array().cloned().unwrap_or_default();
            let mut out = if zh {
                format!(
                    "**收件箱新增 {} 条**（{}，未经核实）",
                    data["count"],
                    data["source"].as_str().unwrap_or("")
                )
            } else {
                format!(
                    "**{} new inbox items** ({}, unverified)",
                    data["count"],
                    data["source"].as_str().unwrap_or("")
                )
            };
            for item in items {
                let title = item["title"].as_str().unwrap_or("");
                match item["link"].as_str() {
                    Some(link) => out.push_str(&format!("\n- [{title}]({link})")),
                    None => out.push_str(&format!("\n- {title}")),
                }
            }
            out
        }
        "DIGEST_PUBLISHED" => {
            let link = data["url"].as_str().unwrap_or("");
            let more = if zh { "完整周报" } else { "Full report" };
            let markdown = if zh {
                data["markdownZh"].as_str()
            } else {
                data["markdown"].as_str()
            };
            format!("{}\n\n[{more}]({link})", markdown.unwrap_or(""))
        }
        _ => {
            if zh {
                "来自 aigc-landscape 的测试消息".into()
            } else {
                "A test message from aigc-landscape".into()
            }
        }
    }
}

/// The request for a chat format: the URL (DingTalk signs in the query) and the JSON body.
pub fn chat_request(
    format: WebhookFormat,
    url: &str,
    secret: &str,
    text: &str,
    zh: bool,
    now_ms: i64,
) -> (String, String) {
    let title = if zh { "AIGC 动态" } else { "AIGC landscape" };
    let text = fit(text, limit(format), zh);
    match format {
        WebhookFormat::Wecom => (
            url.to_owned(),
            json!({ "msgtype": "markdown", "markdown": { "content": text } }).to_string(),
        ),
        WebhookFormat::Dingtalk => {
            let url = if secret.is_empty() {
                url.to_owned()
            } else {
                let sign = STANDARD.encode(hmac_sha256(
                    secret.as_bytes(),
                    format!("{now_ms}\n{secret}").as_bytes(),
                ));
                let sign: String = url::form_urlencoded::byte_serialize(sign.as_bytes()).collect();
                let joiner = if url.contains('?') { '&' } else { '?' };
                format!("{url}{joiner}timestamp={now_ms}&sign={sign}")
            };
            (
                url,
                json!({ "msgtype": "markdown", "markdown": { "title": title, "text": text } })
                    .to_string(),
            )
        }
        WebhookFormat::Feishu => {
            let mut body = json!({ "msg_type": "interactive", "card": {
                "header": { "title": { "tag": "plain_text", "content": title } },
                "elements": [{ "tag": "markdown", "content": text }] } });
            if !secret.is_empty() {
                let ts = now_ms / 1000;
                let sign = STANDARD.encode(hmac_sha256(format!("{ts}\n{secret}").as_bytes(), b""));
                body["timestamp"] = json!(ts.to_string());
                body["sign"] = json!(sign);
            }
            (url.to_owned(), body.to_string())
        }
        WebhookFormat::Slack | WebhookFormat::Standard => {
            (url.to_owned(), json!({ "text": text }).to_string())
        }
    }
}

/// Whether a chat platform's answer says the message was taken; its words when not.
pub fn accepted(format: WebhookFormat, status: u16, body: &[u8]) -> Result<(), String> {
    if !(200..300).contains(&status) {
        return Err(format!("HTTP {status}"));
    }
    let text = String::from_utf8_lossy(body);
    match format {
        WebhookFormat::Slack => {
            if text.trim() == "ok" {
                Ok(())
            } else {
                Err(format!(
                    "Slack answered `{}`",
                    crate::intake::text::cut(&text, 200)
                ))
            }
        }
        WebhookFormat::Standard => Ok(()),
        _ => {
            let answer: Value = serde_json::from_str(&text).map_err(|_| {
                format!(
                    "the bot answered something other than JSON: `{}`",
                    crate::intake::text::cut(&text, 200)
                )
            })?;
            // WeCom and DingTalk say `errcode`, Feishu `code` (older bots `StatusCode`).
            let code = answer
                .get("errcode")
                .or(answer.get("code"))
                .or(answer.get("StatusCode"))
                .and_then(Value::as_i64);
            match code {
                Some(0) => Ok(()),
                Some(code) => Err(format!(
                    "the bot refused it: code {code}, {}",
                    answer
                        .get("errmsg")
                        .or(answer.get("msg"))
                        .or(answer.get("StatusMessage"))
                        .and_then(Value::as_str)
                        .unwrap_or("")
                )),
                None => Err(format!(
                    "the bot's answer has no result code: `{}`",
                    crate::intake::text::cut(&text, 200)
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bots_are_judged_by_their_answer() {
        assert!(accepted(WebhookFormat::Wecom, 200, br#"{"errcode":0,"errmsg":"ok"}"#).is_ok());
        assert!(
            accepted(
                WebhookFormat::Dingtalk,
                200,
                br#"{"errcode":310000,"errmsg":"sign not match"}"#
            )
            .unwrap_err()
            .contains("310000")
        );
        assert!(
            accepted(
                WebhookFormat::Feishu,
                200,
                br#"{"code":19021,"msg":"sign match fail"}"#
            )
            .is_err()
        );
        assert!(accepted(WebhookFormat::Feishu, 200, br#"{"code":0,"msg":"success"}"#).is_ok());
        assert!(accepted(WebhookFormat::Slack, 200, b"ok").is_ok());
        assert!(accepted(WebhookFormat::Slack, 200, b"invalid_payload").is_err());
        assert!(accepted(WebhookFormat::Wecom, 502, b"").is_err());
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        let text = "价".repeat(3_000);
        let cut = fit(&text, limit(WebhookFormat::Wecom), true);
        assert!(cut.len() <= 4_000 && cut.ends_with("已截断）"));
    }
}
