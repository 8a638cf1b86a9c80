//! The value rules of every editable kind, written once: the API checks a record against
//! them after applying an input, the seed validator checks the row each seed record becomes.
//! A rule names the column it refuses and says what to fix, in words that read after the
//! column's name; where the words name another column they ask the writer how to spell it
//! (`minInputTokens` in the API, `min_input_tokens` in the seed files), so the same mistake
//! reads the same from both. Each kind's rules are in [`kinds`].

mod kinds;

use chrono::NaiveDate;
use sea_orm::EntityTrait;

use crate::{
    Dec,
    codes::{is_country, is_currency, is_slug, is_url},
};

/// One broken rule: the column (snake_case, as stored) and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub column: &'static str,
    pub message: String,
}

/// The value rules of one kind of record, declared beside it in [`kinds`]: every editable
/// kind has them (`Record` requires it).
pub trait Rules: EntityTrait {
    /// Notes every rule `row` breaks, in column order.
    fn check(row: &Self::Model, rules: &mut Check<'_>);
}

/// Every rule `row` breaks, with other columns named as `spell` writes them.
pub fn violations<R: Rules>(
    row: &R::Model,
    spell: &dyn Fn(&'static str) -> String,
) -> Vec<Violation> {
    let mut check = Check {
        out: Vec::new(),
        spell,
    };
    R::check(row, &mut check);
    check.out
}

/// Collects what a row breaks; each helper is one kind of rule.
pub struct Check<'a> {
    out: Vec<Violation>,
    spell: &'a dyn Fn(&'static str) -> String,
}

impl Check<'_> {
    /// `column` is refused for `message`.
    pub fn fail(&mut self, column: &'static str, message: impl Into<String>) {
        self.out.push(Violation {
            column,
            message: message.into(),
        });
    }

    /// `column` as the writer spells it, for a message that names it.
    pub fn spell(&self, column: &'static str) -> String {
        (self.spell)(column)
    }

    pub fn slug(&mut self, column: &'static str, value: &str) {
        if !is_slug(value) {
            self.fail(
                column,
                format!("`{value}` is not a slug: use lower-case letters and digits joined by single - or ., e.g. `deepseek-v3`"),
            );
        }
    }

    pub fn url(&mut self, column: &'static str, value: Option<&str>) {
        if let Some(v) = value
            && !is_url(v)
        {
            self.fail(column, format!("`{v}` is not an absolute http(s) URL"));
        }
    }

    pub fn currency(&mut self, column: &'static str, value: &str) {
        if !is_currency(value) {
            self.fail(
                column,
                format!("`{value}` is not an ISO 4217 currency code (e.g. CNY, USD, EUR)"),
            );
        }
    }

    pub fn country(&mut self, column: &'static str, value: Option<&str>) {
        if let Some(v) = value
            && !is_country(v)
        {
            self.fail(
                column,
                format!("`{v}` is not an ISO 3166-1 alpha-2 country code (e.g. CN, US)"),
            );
        }
    }

    pub fn not_negative(&mut self, column: &'static str, value: Option<&Dec>) {
        if let Some(v) = value
            && v.0.is_sign_negative()
            && !v.0.is_zero()
        {
            self.fail(column, format!("{v} is negative: an amount is 0 or more"));
        }
    }

    pub fn positive(&mut self, column: &'static str, value: Option<i64>) {
        if let Some(v) = value
            && v <= 0
        {
            self.fail(column, format!("{v} must be greater than 0"));
        }
    }

    pub fn positive_dec(&mut self, column: &'static str, value: &Dec) {
        if value.0.is_sign_negative() || value.0.is_zero() {
            self.fail(column, format!("{value} must be greater than 0"));
        }
    }

    /// `later` must be after `earlier` (`strict`), or not before it.
    pub fn after(
        &mut self,
        later: (&'static str, Option<NaiveDate>),
        earlier: (&'static str, Option<NaiveDate>),
        strict: bool,
    ) {
        if let (Some(b), Some(a)) = (later.1, earlier.1)
            && (b < a || (strict && b == a))
        {
            let earlier_name = self.spell(earlier.0);
            self.fail(later.0, format!("{b} must be after {earlier_name} {a}"));
        }
    }

    /// The page a record's facts come from.
    pub fn provenance(&mut self, source_url: Option<&str>) {
        self.url("source_url", source_url);
    }
}

/// A column's name as the GraphQL API spells it: `min_input_tokens` → `minInputTokens`.
pub fn camel(column: &'static str) -> String {
    let mut out = String::with_capacity(column.len());
    let mut upper = false;
    for c in column.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}
