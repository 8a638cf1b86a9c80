//! Reading the files of a dataset: YAML for entities, CSV for the spreadsheet tables.

use std::path::Path;

use include_dir::{Dir, include_dir};
use serde::de::DeserializeOwned;

use crate::{Problem, Problems, cells, format::*, validate};

static BUILTIN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// A row of a CSV file with where it stands.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub file: String,
    pub line: u64,
    pub row: T,
}

/// Everything in a data folder, parsed and checked.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub media_types: Vec<Vocabulary>,
    pub tasks: Vec<Vocabulary>,
    /// Each company file with its path.
    pub companies: Vec<(String, CompanyFile)>,
    pub benchmarks: Vec<BenchmarkSeed>,
    pub prices: Vec<Located<PriceRow>>,
    pub events: Vec<Located<EventRow>>,
    pub exchange_rates: Vec<Located<RateRow>>,
    pub scores: Vec<Located<ScoreRow>>,
}

/// What each file of the layout holds.
const LAYOUT: &str = "media_types.yaml, tasks.yaml, benchmarks.yaml, companies/<slug>.yaml, \
                      prices.csv, events.csv, exchange_rates.csv, scores.csv";

impl Dataset {
    /// The lists built into the binary.
    pub fn builtin() -> Result<Dataset, Problems> {
        let mut files = Vec::new();
        collect_builtin(&BUILTIN, &mut files);
        Dataset::parse(files)
    }

    /// The lists in `dir`, laid out as `seeds/data`.
    pub fn from_dir(dir: &Path) -> Result<Dataset, Problems> {
        let mut files = Vec::new();
        collect_dir(dir, dir, &mut files).map_err(|e| {
            Problems(vec![Problem {
                file: dir.display().to_string(),
                line: None,
                record: None,
                message: format!("cannot read the folder: {e}"),
            }])
        })?;
        Dataset::parse(files)
    }

    /// Parses `(relative path, text)` pairs, then checks the whole dataset.
    pub fn parse(mut files: Vec<(String, String)>) -> Result<Dataset, Problems> {
        files.sort();
        let mut data = Dataset::default();
        let mut problems = Vec::new();
        for (path, text) in &files {
            let name = path.as_str();
            match name {
                "media_types.yaml" => yaml(name, text, &mut problems, |v| data.media_types = v),
                "tasks.yaml" => yaml(name, text, &mut problems, |v| data.tasks = v),
                "benchmarks.yaml" => yaml(name, text, &mut problems, |v| data.benchmarks = v),
                "prices.csv" => data.prices = csv_rows(name, text, &mut problems),
                "events.csv" => data.events = csv_rows(name, text, &mut problems),
                "exchange_rates.csv" => data.exchange_rates = csv_rows(name, text, &mut problems),
                "scores.csv" => data.scores = csv_rows(name, text, &mut problems),
                _ if name.starts_with("companies/") && name.ends_with(".yaml") => {
                    yaml(name, text, &mut problems, |v: CompanyFile| {
                        data.companies.push((name.to_owned(), v))
                    })
                }
                _ if [".yaml", ".yml", ".csv"]
                    .iter()
                    .any(|ext| name.ends_with(ext)) =>
                {
                    problems.push(Problem {
                        file: name.to_owned(),
                        line: None,
                        record: None,
                        message: format!("unexpected data file; the layout is: {LAYOUT}"),
                    })
                }
                _ => {}
            }
        }
        // A company file that did not parse would make every reference to it look broken,
        // so the cross-file rules run only when all YAML parsed; rows of CSV files that did
        // not parse are simply left out of them.
        if !problems.iter().any(|p| p.file.ends_with(".yaml")) {
            validate::check(&data, &mut problems);
        }
        if problems.is_empty() {
            Ok(data)
        } else {
            Err(Problems(problems))
        }
    }
}

fn yaml<T: DeserializeOwned>(
    file: &str,
    text: &str,
    problems: &mut Vec<Problem>,
    keep: impl FnOnce(T),
) {
    match serde_yaml::from_str::<T>(text) {
        Ok(value) => keep(value),
        Err(err) => {
            let message = strip_location(&err.to_string());
            let line = err
                .location()
                .map(|l| field_line(text, l.line(), &message).unwrap_or(l.line()) as u64);
            problems.push(Problem {
                file: file.to_owned(),
                line,
                record: None,
                message,
            })
        }
    }
}

/// The line of the field a record's problem names (`field `kind`: …`, from `values`): serde
/// reports a record's own fields at the record's first line, and the field's own line is the
/// one to fix — the first at or after it that gives the key.
fn field_line(text: &str, record_line: usize, message: &str) -> Option<usize> {
    let key = message
        .split_once("field `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(key, _)| key)?;
    let given = |line: &str| {
        line.split(['{', ',', '-'])
            .any(|part| part.trim_start().starts_with(&format!("{key}:")))
    };
    text.lines()
        .enumerate()
        .skip(record_line.saturating_sub(1))
        .find(|(_, line)| given(line))
        .map(|(at, _)| at + 1)
}

/// serde_yaml appends " at line L column C"; the line is reported apart.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

fn csv_rows<T: CsvRow + DeserializeOwned>(
    file: &str,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Located<T>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(err) => {
            problems.push(Problem {
                file: file.to_owned(),
                line: Some(1),
                record: None,
                message: format!("cannot read the header row: {err}"),
            });
            return Vec::new();
        }
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                problems.push(Problem {
                    file: file.to_owned(),
                    line: err.position().map(|p| p.line()),
                    record: None,
                    message: format!("malformed CSV: {}", csv_message(&err)),
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        match cells::read::<T>(&headers, &record) {
            Ok(row) => rows.push(Located {
                file: file.to_owned(),
                line,
                row,
            }),
            Err(message) => problems.push(Problem {
                file: file.to_owned(),
                line: Some(line),
                record: None,
                message: bad_date(&headers, &record).unwrap_or(message),
            }),
        }
    }
    rows
}

/// The csv crate's message without its own position prefix.
fn csv_message(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("{len} fields where the header has {expected_len}")
        }
        _ => err.to_string(),
    }
}

/// A malformed date, named with its column and value and the form to write.
fn bad_date(headers: &csv::StringRecord, record: &csv::StringRecord) -> Option<String> {
    headers
        .iter()
        .zip(record.iter())
        .find_map(|(column, value)| {
            let dated = ["_on", "_from", "_to", "_date"]
                .iter()
                .any(|s| column.ends_with(s));
            let wrong =
                !value.is_empty() && chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_err();
            (dated && wrong).then(|| {
                format!(
                    "column `{column}`: `{value}` is not a date: write YYYY-MM-DD, e.g. 2024-05-21"
                )
            })
        })
}

fn collect_builtin(dir: &Dir<'_>, files: &mut Vec<(String, String)>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            files.push((
                file.path().to_string_lossy().replace('\\', "/"),
                text.to_owned(),
            ));
        }
    }
    for sub in dir.dirs() {
        collect_builtin(sub, files);
    }
}

fn collect_dir(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_dir(root, &path, files)?;
        } else {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path)?;
            files.push((relative, text));
        }
    }
    Ok(())
}
