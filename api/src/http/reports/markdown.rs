//! Rendering the report's blocks as Markdown.

use super::document::{Block, Inline};

fn md_inline(parts: &[Inline]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(t) => t.replace('|', "\\|"),
            Inline::Link(label, url) => format!("[{label}]({url})"),
        })
        .collect()
}

pub(super) fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(t) => out.push_str(&format!("# {t}\n\n")),
            Block::Heading(t) => out.push_str(&format!("\n## {t}\n\n")),
            Block::Para(t) => out.push_str(&format!("{t}\n\n")),
            Block::Item(parts) => out.push_str(&format!("- {}\n", md_inline(parts))),
            Block::Table(headers, rows) => {
                out.push_str(&format!("| {} |\n", headers.join(" | ")));
                out.push_str(&format!("|{}\n", " --- |".repeat(headers.len())));
                for row in rows {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| md_inline(std::slice::from_ref(c)))
                        .collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
            }
        }
    }
    out
}
