//! Rendering the report's blocks as a standalone HTML page that survives pasting into a mail.

use super::document::{Block, Inline};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html_inline(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(t) => escape(t),
            Inline::Link(label, url) => {
                format!("<a href=\"{}\">{}</a>", escape(url), escape(label))
            }
        })
        .collect()
}

pub(super) fn html(blocks: &[Block], zh: bool) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for b in blocks {
        let is_item = matches!(b, Block::Item(_));
        if in_list && !is_item {
            body.push_str("</ul>\n");
            in_list = false;
        }
        match b {
            Block::Title(t) => body.push_str(&format!("<h1>{}</h1>\n", escape(t))),
            Block::Heading(t) => body.push_str(&format!("<h2>{}</h2>\n", escape(t))),
            Block::Para(t) => body.push_str(&format!("<p>{}</p>\n", escape(&t.replace("**", "")))),
            Block::Item(parts) => {
                if !in_list {
                    body.push_str("<ul>\n");
                    in_list = true;
                }
                body.push_str(&format!("<li>{}</li>\n", html_inline(parts)));
            }
            Block::Table(headers, rows) => {
                body.push_str("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n<tr>");
                for h in headers {
                    body.push_str(&format!("<th>{}</th>", escape(h)));
                }
                body.push_str("</tr>\n");
                for row in rows {
                    body.push_str("<tr>");
                    for cell in row {
                        body.push_str(&format!(
                            "<td>{}</td>",
                            html_inline(std::slice::from_ref(cell))
                        ));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</table>\n");
            }
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>digest</title></head>\n<body style=\"font-family: sans-serif\">\n{body}</body></html>\n",
        if zh { "zh" } else { "en" }
    )
}
