//! Which companies, models and products an item's text mentions, by their names, Chinese
//! names and aliases — one multi-pattern pass (Aho-Corasick) over the title and summary.
//!
//! Rules: the longest name wins where names overlap ("Qwen2.5-Max" before "Qwen"); a Latin
//! name matches only on word boundaries (ASCII letters and digits on either side break it,
//! and so does a `.` followed by a digit, as in a version "4.5"), so "metadata" is not Meta
//! and "o1" inside a word is nothing; Chinese names match anywhere. A name shared by several
//! records of one kind goes to those of the source's own company when there are any, and a
//! product or model named exactly like its own company yields the company. A
//! matched model or product brings its company; the source's company is always linked. The
//! editor confirms every link.

use std::collections::{BTreeSet, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind as AcKind};
use entities::MatchKind;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

/// A record that can be mentioned.
#[derive(Clone, Debug)]
pub struct Named {
    pub kind: MatchKind,
    pub id: i64,
    /// The company it belongs to (itself for a company).
    pub company_id: i64,
    pub names: Vec<String>,
}

/// The records an item mentions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mentions {
    pub companies: BTreeSet<i64>,
    pub models: BTreeSet<i64>,
    pub products: BTreeSet<i64>,
}

impl Mentions {
    /// `(kind, id)` of every record, for the `inbox_matches` rows.
    pub fn rows(&self) -> Vec<(MatchKind, i64)> {
        let each =
            |kind, ids: &BTreeSet<i64>| ids.iter().map(move |id| (kind, *id)).collect::<Vec<_>>();
        let mut out = each(MatchKind::Company, &self.companies);
        out.extend(each(MatchKind::Model, &self.models));
        out.extend(each(MatchKind::Product, &self.products));
        out
    }
}

/// The names of the live landscape, compiled once per fetch run.
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: whether it is Latin (boundaries checked) and the records it names.
    patterns: Vec<(bool, Vec<usize>)>,
    records: Vec<Named>,
}

impl Matcher {
    /// Reads the live companies, models and products of `db`.
    pub async fn load(db: &DatabaseConnection) -> Result<Matcher, DbErr> {
        use entities::{company, model, product};
        // One record: its names are the name, the slug where matching it helps, the Chinese
        // name and the aliases.
        let named =
            |kind, id, company_id, names: Vec<String>, zh: Option<String>, aliases: Vec<String>| {
                let names = names.into_iter().chain(zh).chain(aliases).collect();
                Named {
                    kind,
                    id,
                    company_id,
                    names,
                }
            };
        let mut records = Vec::new();
        for c in company::Entity::find()
            .filter(company::Column::DeletedAt.is_null())
            .all(db)
            .await?
        {
            records.push(named(
                MatchKind::Company,
                c.id,
                c.id,
                vec![c.name, c.slug],
                c.name_zh,
                c.aliases.0,
            ));
        }
        for m in model::Entity::find()
            .filter(model::Column::DeletedAt.is_null())
            .all(db)
            .await?
        {
            records.push(named(
                MatchKind::Model,
                m.id,
                m.company_id,
                vec![m.name, m.slug],
                m.name_zh,
                m.aliases.0,
            ));
        }
        for p in product::Entity::find()
            .filter(product::Column::DeletedAt.is_null())
            .all(db)
            .await?
        {
            records.push(named(
                MatchKind::Product,
                p.id,
                p.company_id,
                vec![p.name],
                p.name_zh,
                p.aliases.0,
            ));
        }
        Ok(Matcher::new(records))
    }

    pub fn new(records: Vec<Named>) -> Matcher {
        let mut by_pattern: HashMap<String, Vec<usize>> = HashMap::new();
        let mut spelled: Vec<String> = Vec::new();
        for (i, r) in records.iter().enumerate() {
            for name in &r.names {
                let name = name.trim();
                if name.chars().count() < 2 {
                    continue;
                }
                let key = name.to_lowercase();
                let entry = by_pattern.entry(key).or_insert_with(|| {
                    spelled.push(name.to_owned());
                    Vec::new()
                });
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }
        let patterns: Vec<(bool, Vec<usize>)> = spelled
            .iter()
            .map(|p| {
                (
                    p.chars().any(|c| c.is_ascii_alphanumeric()),
                    by_pattern[&p.to_lowercase()].clone(),
                )
            })
            .collect();
        let automaton = (!spelled.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(AcKind::Standard)
                .build(&spelled)
                .expect("names compile into an automaton")
        });
        Matcher {
            automaton,
            patterns,
            records,
        }
    }

    /// The records `text` mentions; `source_company` is the company the feed speaks for.
    pub fn find(&self, text: &str, source_company: Option<i64>) -> Mentions {
        let mut found = Mentions::default();
        if let Some(company) = source_company {
            found.companies.insert(company);
        }
        let Some(automaton) = &self.automaton else {
            return found;
        };
        let bytes = text.as_bytes();
        // Every occurrence that stands on its own, then the longest of overlapping ones.
        let mut spans: Vec<(usize, usize, usize)> = automaton
            .find_overlapping_iter(text)
            .filter(|m| {
                !self.patterns[m.pattern().as_usize()].0 || bounded(bytes, m.start(), m.end())
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        spans.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        for span in spans {
            if !kept.iter().any(|k| k.0 <= span.0 && span.1 <= k.1) {
                kept.push(span);
            }
        }
        for (_, _, pattern) in kept {
            let mut named: Vec<&Named> = self.patterns[pattern]
                .1
                .iter()
                .map(|&i| &self.records[i])
                .collect();
            // A product or model named like its own company ("DeepSeek", "Runway"): the name
            // means the company.
            let companies: Vec<i64> = named
                .iter()
                .filter(|r| r.kind == MatchKind::Company)
                .map(|r| r.id)
                .collect();
            named.retain(|r| r.kind == MatchKind::Company || !companies.contains(&r.company_id));
            for kind in [MatchKind::Company, MatchKind::Model, MatchKind::Product] {
                let of_kind: Vec<&&Named> = named.iter().filter(|r| r.kind == kind).collect();
                let own: Vec<&&Named> = of_kind
                    .iter()
                    .copied()
                    .filter(|r| Some(r.company_id) == source_company)
                    .collect();
                let chosen = if own.is_empty() { of_kind } else { own };
                for r in chosen {
                    found.companies.insert(r.company_id);
                    match kind {
                        MatchKind::Company => {}
                        MatchKind::Model => {
                            found.models.insert(r.id);
                        }
                        MatchKind::Product => {
                            found.products.insert(r.id);
                        }
                    }
                }
            }
        }
        found
    }
}

/// Whether the match `start..end` stands as a word of its own at both ends that are Latin.
fn bounded(text: &[u8], start: usize, end: usize) -> bool {
    let first = text[start];
    let last = text[end - 1];
    let before_ok =
        !first.is_ascii_alphanumeric() || start == 0 || !text[start - 1].is_ascii_alphanumeric();
    let after_ok = !last.is_ascii_alphanumeric()
        || end == text.len()
        || match text[end] {
            c if c.is_ascii_alphanumeric() => false,
            // A version goes on: "GPT-4" is not "GPT-4.5".
            b'.' => !text.get(end + 1).is_some_and(u8::is_ascii_digit),
            _ => true,
        };
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(kind: MatchKind, id: i64, company: i64, names: &[&str]) -> Named {
        Named {
            kind,
            id,
            company_id: company,
            names: names.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn longest_names_and_word_boundaries() {
        let m = Matcher::new(vec![
            named(MatchKind::Company, 1, 1, &["Meta"]),
            named(MatchKind::Company, 2, 2, &["Alibaba", "阿里巴巴"]),
            named(MatchKind::Model, 10, 2, &["Qwen-Max"]),
            named(MatchKind::Model, 11, 2, &["Qwen2.5-Max"]),
            named(MatchKind::Model, 12, 3, &["o1"]),
            named(MatchKind::Model, 13, 3, &["GPT-4"]),
            named(MatchKind::Company, 4, 4, &["01.AI", "零一万物"]),
            named(MatchKind::Model, 14, 4, &["Yi"]),
        ]);
        let f = m.find("Alibaba ships Qwen2.5-Max; metadata", None);
        assert_eq!(f.models.iter().copied().collect::<Vec<_>>(), [11]);
        assert_eq!(f.companies.iter().copied().collect::<Vec<_>>(), [2]);
        assert!(m.find("foo1bar and Yield", None).models.is_empty());
        assert!(m.find("GPT-4.5 is out", None).models.is_empty());
        assert_eq!(m.find("GPT-4, o1 and Yi", None).models.len(), 3);
        assert_eq!(
            m.find("阿里巴巴发布新模型", Some(9))
                .companies
                .iter()
                .copied()
                .collect::<Vec<_>>(),
            [2, 9]
        );
    }
}
