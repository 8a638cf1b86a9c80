//! The curated landscape lists (`seeds/data/`) and the code that reads, checks and loads them.
//!
//! [`Dataset::builtin`] reads the lists built into the binary, [`Dataset::from_dir`] a folder
//! of the same layout; both parse and check every file and report every problem with its file
//! and line (or record) before anything touches a database. [`load`] then writes the whole
//! dataset in one transaction. The format is documented in `seeds/README.md`.

mod cells;
mod export;
pub mod format;
mod parse;
mod sync;
mod validate;
mod values;

use std::fmt;

pub use export::{ExportError, export};
pub use parse::{Dataset, Located};
pub use sync::{
    Counts, Options, Report, SEED_ACTOR, analyze_after, keep_from_skip_scans, load, sync, sync_in,
};

/// One problem in the seed files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the data folder, e.g. `companies/deepseek.yaml`.
    pub file: String,
    /// The line, where known (CSV rows, YAML syntax and type errors).
    pub line: Option<u64>,
    /// The record, where the line is not known, e.g. `model deepseek-v3`.
    pub record: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(record) = &self.record {
            write!(f, " ({record})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found; nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} problem(s) in the seed files; nothing was written:",
            self.0.len()
        )?;
        for problem in &self.0 {
            writeln!(f, "  {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}
