//! The rules a dataset must keep before it is loaded: unique keys, references that resolve,
//! files named after their company, and every record's value rules — the kind's own (see
//! `entities::record::rules`), checked on the row the record becomes, as the API checks them
//! on the row an input becomes.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use entities::{
    codes::is_slug,
    record::{Record, rules, terms::PriceTerms},
    *,
};
use serde::Serialize;

use crate::{
    Problem,
    format::*,
    parse::Dataset,
    sync::{Maps, rows::*},
    values::seed_key,
};

/// Where a problem stands: a YAML record or a CSV line.
#[derive(Clone)]
struct At {
    file: String,
    line: Option<u64>,
    record: Option<String>,
}

impl At {
    fn record(file: &str, record: impl Into<String>) -> Self {
        At {
            file: file.to_owned(),
            line: None,
            record: Some(record.into()),
        }
    }

    fn line(file: &str, line: u64) -> Self {
        At {
            file: file.to_owned(),
            line: Some(line),
            record: None,
        }
    }
}

struct Checker<'a> {
    problems: &'a mut Vec<Problem>,
}

impl Checker<'_> {
    fn fail(&mut self, at: &At, message: impl Into<String>) {
        self.problems.push(Problem {
            file: at.file.clone(),
            line: at.line,
            record: at.record.clone(),
            message: message.into(),
        });
    }

    fn slug(&mut self, at: &At, what: &str, slug: &str) {
        if !is_slug(slug) {
            self.fail(
                at,
                format!("{what} `{slug}` is not a slug: use lower-case letters and digits joined by single - or ., e.g. `deepseek-v3`"),
            );
        }
    }

    fn known(&mut self, at: &At, what: &str, slug: &str, known: &HashSet<String>) {
        if !known.contains(slug) {
            self.fail(
                at,
                format!("unknown {what} `{slug}`: no such slug in the seed files"),
            );
        }
    }

    fn unique(&mut self, at: &At, what: &str, key: String, seen: &mut HashMap<String, String>) {
        let here = match (&at.line, &at.record) {
            (Some(line), _) => format!("{}:{line}", at.file),
            _ => at.file.clone(),
        };
        if let Some(first) = seen.insert(key.clone(), here) {
            self.fail(at, format!("duplicate {what} `{key}` (first at {first})"));
        }
    }

    /// The kind's value rules on `row`, each named as the seed files spell its column.
    fn values<E: Record>(&mut self, at: &At, row: &E::Model)
    where
        E::Model: Serialize + Clone + Send + Sync,
    {
        let spell = |column: &'static str| seed_key::<E>(column).to_owned();
        for broken in rules::violations::<E>(row, &spell) {
            let column = seed_key::<E>(broken.column);
            self.fail(at, format!("{column} {}", broken.message));
        }
    }
}

/// Every rule over the whole dataset; problems are appended, never short-circuited.
pub fn check(data: &Dataset, problems: &mut Vec<Problem>) {
    let mut c = Checker { problems };
    // Rows before any id is known: references are resolved (and checked) by slug here.
    let (maps, now): (Maps, DateTime<Utc>) = (Maps::default(), Utc::now());
    // Each kind of key is unique within its own table only: a product may share a company's slug.
    let mut seen_media = HashMap::new();
    let mut seen_tasks = HashMap::new();
    let mut seen_companies = HashMap::new();
    let mut seen_models = HashMap::new();
    let mut seen_products = HashMap::new();
    let mut seen_offerings = HashMap::new();
    let mut seen_filings = HashMap::new();
    let mut seen_benchmarks = HashMap::new();

    let mut media = HashSet::new();
    for v in &data.media_types {
        let at = At::record("media_types.yaml", format!("media type {}", v.slug));
        c.slug(&at, "media type", &v.slug);
        c.unique(&at, "media type", v.slug.clone(), &mut seen_media);
        media.insert(v.slug.clone());
    }
    let mut tasks = HashSet::new();
    for v in &data.tasks {
        let at = At::record("tasks.yaml", format!("task {}", v.slug));
        c.slug(&at, "task", &v.slug);
        c.unique(&at, "task", v.slug.clone(), &mut seen_tasks);
        tasks.insert(v.slug.clone());
    }

    // First pass: every slug, so references can point anywhere.
    let mut companies = HashSet::new();
    let mut models = HashSet::new();
    let mut products = HashSet::new();
    for (file, f) in &data.companies {
        let at = At::record(file, format!("company {}", f.company.slug));
        c.unique(
            &at,
            "company slug",
            f.company.slug.clone(),
            &mut seen_companies,
        );
        companies.insert(f.company.slug.clone());
        let expected = format!("companies/{}.yaml", f.company.slug);
        if *file != expected {
            c.fail(
                &at,
                format!("a company file is named after its slug: rename it to {expected}"),
            );
        }
        for m in &f.models {
            let at = At::record(file, format!("model {}", m.slug));
            c.unique(&at, "model slug", m.slug.clone(), &mut seen_models);
            models.insert(m.slug.clone());
        }
        for p in &f.products {
            let at = At::record(file, format!("product {}", p.slug));
            c.unique(&at, "product slug", p.slug.clone(), &mut seen_products);
            products.insert(p.slug.clone());
        }
    }

    let mut offerings = HashSet::new();
    for (file, f) in &data.companies {
        let co = &f.company;
        let at = At::record(file, format!("company {}", co.slug));
        c.values::<company::Entity>(&at, &company_model(co, &maps, now));
        if let Some(parent) = &co.parent {
            c.known(&at, "parent company", parent, &companies);
            if *parent == co.slug {
                c.fail(&at, "a company cannot be its own parent");
            }
        }

        for m in &f.models {
            let at = At::record(file, format!("model {}", m.slug));
            c.values::<model::Entity>(&at, &model_model(&co.slug, m, &maps, now));
            for slug in m.inputs.iter().chain(&m.outputs) {
                c.known(&at, "media type", slug, &media);
            }
            for slug in &m.tasks {
                c.known(&at, "task", slug, &tasks);
            }
            for (what, slug) in [("base model", &m.base_model), ("successor", &m.successor)] {
                if let Some(slug) = slug {
                    c.known(&at, what, slug, &models);
                }
            }
        }

        for p in &f.products {
            let at = At::record(file, format!("product {}", p.slug));
            c.values::<product::Entity>(&at, &product_model(&co.slug, p, &maps, now));
            for slug in &p.models {
                c.known(&at, "model", slug, &models);
            }
            for slug in &p.tasks {
                c.known(&at, "task", slug, &tasks);
            }
            let mut plan_keys = HashMap::new();
            for plan in &p.plans {
                let at = At::record(file, format!("product {} plan {}", p.slug, plan.slug));
                c.values::<subscription_plan::Entity>(&at, &plan_model(0, plan, now));
                c.unique(
                    &at,
                    "plan",
                    format!("{}/{}@{}", p.slug, plan.slug, plan.effective_from),
                    &mut plan_keys,
                );
                for slug in &plan.models {
                    c.known(&at, "model", slug, &models);
                }
            }
            for cost in &p.credit_costs {
                let at = At::record(
                    file,
                    format!("product {} credit cost {}", p.slug, cost.work),
                );
                if let Some(model) = &cost.model {
                    c.known(&at, "model", model, &models);
                }
                c.values::<credit_cost::Entity>(&at, &credit_model(0, cost, &maps, now));
            }
            for quota in &p.free_quotas {
                let at = At::record(file, format!("product {} free quota", p.slug));
                c.values::<free_quota::Entity>(&at, &quota_model(None, None, quota, now));
            }
        }

        for o in &f.offerings {
            let key = offering_key(&co.slug, &o.region, &o.api_model_id, &o.model);
            let at = At::record(file, format!("offering {key}"));
            c.known(&at, "model", &o.model, &models);
            c.unique(&at, "offering", key.clone(), &mut seen_offerings);
            if o.region.is_empty() || o.api_model_id.is_empty() {
                c.fail(&at, "an offering needs a region and an api_model_id");
            }
            c.values::<offering::Entity>(&at, &offering_model(&co.slug, o, &maps, now));
            for quota in &o.free_quotas {
                c.values::<free_quota::Entity>(&at, &quota_model(None, None, quota, now));
            }
            offerings.insert(key);
        }

        for filing in &f.filings {
            let at = At::record(file, format!("filing {}", filing.filing_number));
            c.unique(
                &at,
                "filing number",
                filing.filing_number.clone(),
                &mut seen_filings,
            );
            if let Some(p) = &filing.product {
                c.known(&at, "product", p, &products);
            }
            if let Some(m) = &filing.model {
                c.known(&at, "model", m, &models);
            }
            c.values::<filing::Entity>(&at, &filing_model(&co.slug, filing, &maps, now));
        }
    }

    let mut price_keys = HashMap::new();
    for Located { file, line, row } in &data.prices {
        let at = At::line(file, *line);
        match (&row.product, row.offering.key(), &row.offering.provider) {
            (Some(product), None, _) if row.offering.is_empty() => {
                c.known(&at, "product", product, &products)
            }
            (None, Some(key), Some(provider)) => {
                if !offerings.contains(&key) {
                    c.fail(&at, format!("no offering {key}: add it under `offerings:` in companies/{provider}.yaml"));
                }
            }
            _ => c.fail(
                &at,
                "a price is for an offering (provider, region, api_model_id, model) or for a product, not both and not neither",
            ),
        }
        c.unique(&at, "price", price_key(row), &mut price_keys);
        c.values::<price::Entity>(&at, &price_model(row, &maps, now));
    }

    let mut event_slugs = HashMap::new();
    for Located { file, line, row } in &data.events {
        let at = At::line(file, *line);
        c.unique(&at, "event slug", row.slug.clone(), &mut event_slugs);
        c.values::<event::Entity>(&at, &event_model(row, now));
        for (what, links, known) in [
            ("company", &row.companies, &companies),
            ("model", &row.models, &models),
            ("product", &row.products, &products),
        ] {
            match parse_links(links.as_deref()) {
                Ok(links) => {
                    for (slug, _) in links {
                        c.known(&at, what, &slug, known);
                    }
                }
                Err(message) => c.fail(&at, message),
            }
        }
    }

    let mut rate_keys = HashMap::new();
    for Located { file, line, row } in &data.exchange_rates {
        let at = At::line(file, *line);
        c.values::<exchange_rate::Entity>(&at, &rate_model(row, now));
        c.unique(
            &at,
            "rate",
            format!(
                "{}/{}@{}",
                row.base_currency, row.quote_currency, row.on_date
            ),
            &mut rate_keys,
        );
    }

    let mut benchmarks = HashSet::new();
    for b in &data.benchmarks {
        let at = At::record("benchmarks.yaml", format!("benchmark {}", b.slug));
        c.unique(&at, "benchmark", b.slug.clone(), &mut seen_benchmarks);
        c.values::<benchmark::Entity>(&at, &benchmark_model(b, now));
        benchmarks.insert(b.slug.clone());
    }
    let mut score_keys = HashMap::new();
    for Located { file, line, row } in &data.scores {
        let at = At::line(file, *line);
        c.known(&at, "benchmark", &row.benchmark, &benchmarks);
        c.known(&at, "model", &row.model, &models);
        c.unique(
            &at,
            "score",
            format!("{}/{}@{}", row.benchmark, row.model, row.measured_on),
            &mut score_keys,
        );
        c.values::<score::Entity>(&at, &score_model(row, &maps, now));
    }
}

/// The natural key of an offering: `provider/region/api_model_id→model`.
pub fn offering_key(provider: &str, region: &str, api_model_id: &str, model: &str) -> String {
    format!("{provider}/{region}/{api_model_id}→{model}")
}

/// The natural key of a price row: its subject, what it charges for, every condition and
/// the day it took effect (see `entities::record::terms`).
pub fn price_key(row: &PriceRow) -> String {
    let o = &row.offering;
    let subject = match &row.product {
        Some(product) => format!("product {product}"),
        None => offering_key(
            o.provider.as_deref().unwrap_or(""),
            o.region.as_deref().unwrap_or(""),
            o.api_model_id.as_deref().unwrap_or(""),
            o.model.as_deref().unwrap_or(""),
        ),
    };
    PriceTerms::of(row).key(&subject, row.effective_from)
}

/// `slug:ROLE; slug` → pairs; the role defaults to SUBJECT.
pub fn parse_links(text: Option<&str>) -> Result<Vec<(String, entities::EventRole)>, String> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|part| match part.split_once(':') {
            Some((slug, role)) => role
                .trim()
                .parse()
                .map(|role| (slug.trim().to_owned(), role))
                .map_err(|e: entities::UnknownValue| format!("in `{part}`: {e}")),
            None => Ok((part.to_owned(), entities::EventRole::Subject)),
        })
        .collect()
}

/// Source URLs separated by spaces.
pub fn split_urls(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

use crate::parse::Located;
