//! The seed files: the built-in lists are valid, and broken files are reported precisely
//! before anything is written.

use crate::harness::{Backend, TestApp};

fn problems(files: &[(&str, &str)]) -> Vec<String> {
    let files = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    match seeds::Dataset::parse(files) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.0.iter().map(ToString::to_string).collect(),
    }
}

const MEDIA: (&str, &str) = ("media_types.yaml", "- { slug: text, name: Text }\n");
const TASKS: (&str, &str) = ("tasks.yaml", "- { slug: chat, name: Chat }\n");

#[test]
fn the_builtin_lists_are_valid() {
    let data = seeds::Dataset::builtin().unwrap_or_else(|p| panic!("{p}"));
    assert!(data.companies.len() >= 10);
    assert!(!data.prices.is_empty() && !data.events.is_empty());
}

#[test]
fn yaml_errors_name_file_and_line() {
    let found = problems(&[
        MEDIA,
        TASKS,
        (
            "companies/acme.yaml",
            "company:\n  slug: acme\n  name: Acme\n  kind: ROBOTS\n",
        ),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("companies/acme.yaml:4"), "{found:?}");
    assert!(
        found[0].contains("ROBOTS") && found[0].contains("AI_LAB"),
        "{found:?}"
    );

    let found = problems(&[
        MEDIA,
        TASKS,
        (
            "companies/acme.yaml",
            "company:\n  slug: acme\n  name: Acme\n  kind: STARTUP\n  colour: red\n",
        ),
    ]);
    assert!(found[0].contains("unknown field `colour`"), "{found:?}");
}

#[test]
fn broken_yaml_and_csv_syntax_name_file_and_line() {
    let found = problems(&[
        MEDIA,
        TASKS,
        (
            "companies/acme.yaml",
            "company:\n  slug: acme\n  name: [unclosed\n",
        ),
    ]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("companies/acme.yaml:"), "{found:?}");
    let csv = "base,quote,rate,on_date\nUSD,CNY,7.1,2025-01-02\nUSD,CNY\n";
    let found = problems(&[MEDIA, TASKS, ("exchange_rates.csv", csv)]);
    assert!(
        found.iter().any(|p| p
            .starts_with("exchange_rates.csv:3: malformed CSV: 2 fields where the header has 4")),
        "{found:?}"
    );
    let found = problems(&[
        MEDIA,
        TASKS,
        (
            "exchange_rates.csv",
            "base,quote,rate,on_date,colour\nUSD,CNY,7.1,2025-01-02,red\n",
        ),
    ]);
    assert!(
        found.iter().any(|p| p.contains("unknown field `colour`")),
        "{found:?}"
    );
    let found = problems(&[MEDIA, TASKS, ("notes.yaml", "- x\n")]);
    assert!(found[0].contains("unexpected data file"), "{found:?}");
}

#[test]
fn references_and_values_are_checked_with_their_record() {
    let found = problems(&[
        MEDIA,
        TASKS,
        (
            "companies/acme.yaml",
            "company: { slug: acme, name: Acme, kind: STARTUP, country: XX, parent: nobody }\n\
             models:\n  - { slug: acme-1, name: A1, status: GA, inputs: [vido], tasks: [chat], release_date: 2024-05-01, retired_on: 2024-01-01 }\n",
        ),
        (
            "companies/other.yaml",
            "company: { slug: acme, name: Dup, kind: STARTUP }\n",
        ),
    ]);
    let all = found.join("\n");
    for needle in [
        "companies/acme.yaml (company acme): country `XX` is not an ISO 3166-1 alpha-2 country code",
        "companies/acme.yaml (company acme): unknown parent company `nobody`",
        "companies/acme.yaml (model acme-1): unknown media type `vido`",
        "companies/acme.yaml (model acme-1): retired_on 2024-01-01 must be after release_date 2024-05-01",
        "companies/other.yaml (company acme): duplicate company slug `acme`",
        "companies/other.yaml (company acme): a company file is named after its slug",
    ] {
        assert!(all.contains(needle), "missing «{needle}» in:\n{all}");
    }
}

#[test]
fn csv_errors_name_file_and_line() {
    let company = (
        "companies/acme.yaml",
        "company: { slug: acme, name: Acme, kind: STARTUP }\nmodels:\n  - { slug: acme-1, name: A1, status: GA }\nofferings:\n  - { model: acme-1, region: cn, api_model_id: a1 }\n",
    );
    let header = "provider,region,api_model_id,model,dimension,unit,unit_quantity,amount,currency,effective_from,effective_to\n";
    let prices = format!(
        "{header}acme,cn,a1,acme-1,INPUT_TOKENS,TOKEN,1000,-1,CNY,2024-01-01,\n\
         acme,cn,a1,acme-1,INPUT_TOKENS,TOKEN,1000,1,RMB,2024-01-01,\n\
         acme,cn,a1,acme-1,INPUT_TOKENS,TOKEN,1000,1,CNY,2024-13-01,\n\
         acme,cn,a2,acme-1,INPUT_TOKENS,TOKEN,1000,1,CNY,2024-02-01,\n\
         acme,cn,a1,acme-1,INPUT_TOKENS,TOKEN,1000,1,CNY,2024-03-01,2024-02-01\n\
         acme,cn,a1,acme-1,INPUT_TOKENS,TOKEN,1000,0.5,CNY,2024-04-01,\n\
         acme,cn,a1,acme-1,INPUT_TOKENS,TOKEN,1000,0.4,CNY,2024-04-01,\n"
    );
    let found = problems(&[MEDIA, TASKS, company, ("prices.csv", &prices)]);
    let all = found.join("\n");
    for needle in [
        "prices.csv:2: amount -1 is negative",
        "prices.csv:3: currency `RMB` is not an ISO 4217 currency code",
        "prices.csv:4: column `effective_from`",
        "prices.csv:5: no offering acme/cn/a2→acme-1",
        "prices.csv:6: effective_to 2024-02-01 must be after effective_from 2024-03-01",
        "prices.csv:8: duplicate price",
    ] {
        assert!(all.contains(needle), "missing «{needle}» in:\n{all}");
    }
}

#[tokio::test]
async fn a_rejected_dataset_writes_nothing() {
    let app = TestApp::empty(Backend::Sqlite).await;
    let before = app.statements();
    let result = seeds::Dataset::parse(vec![(
        "tasks.yaml".into(),
        "- { slug: Bad Slug, name: x }\n".into(),
    )]);
    assert!(result.is_err());
    assert_eq!(app.statements(), before);
}
