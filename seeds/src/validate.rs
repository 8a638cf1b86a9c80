//! The rules a dataset must keep before it is loaded: valid slugs, codes and URLs, unique
//! keys, references that resolve, dates in order, amounts that are not negative.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use entities::{
    Dec,
    codes::{is_country, is_currency, is_slug, is_url},
    record::{
        rules::{self, PriceValues},
        terms::PriceTerms,
    },
};

use crate::{Problem, format::*, parse::Dataset};

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

    fn url(&mut self, at: &At, what: &str, url: &Option<String>) {
        if let Some(url) = url
            && !is_url(url)
        {
            self.fail(at, format!("{what} `{url}` is not an absolute http(s) URL"));
        }
    }

    fn currency(&mut self, at: &At, code: &str) {
        if !is_currency(code) {
            self.fail(
                at,
                format!("`{code}` is not an ISO 4217 currency code (e.g. CNY, USD, EUR)"),
            );
        }
    }

    fn not_negative(&mut self, at: &At, what: &str, value: &Dec) {
        if value.0.is_sign_negative() && !value.0.is_zero() {
            self.fail(at, format!("{what} {value} is negative"));
        }
    }

    fn positive(&mut self, at: &At, what: &str, value: Option<i64>) {
        if let Some(v) = value
            && v <= 0
        {
            self.fail(at, format!("{what} {v} must be greater than 0"));
        }
    }

    fn order(
        &mut self,
        at: &At,
        from: (&str, Option<NaiveDate>),
        to: (&str, Option<NaiveDate>),
        strict: bool,
    ) {
        if let (Some(a), Some(b)) = (from.1, to.1)
            && (b < a || (strict && b == a))
        {
            self.fail(at, format!("{} {b} must be after {} {a}", to.0, from.0));
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

    fn provenance(&mut self, at: &At, source_url: &Option<String>) {
        self.url(at, "source_url", source_url);
    }
}

/// Every rule over the whole dataset; problems are appended, never short-circuited.
pub fn check(data: &Dataset, problems: &mut Vec<Problem>) {
    let mut c = Checker { problems };
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
        c.slug(&at, "slug", &co.slug);
        if let Some(country) = &co.country
            && !is_country(country)
        {
            c.fail(
                &at,
                format!("`{country}` is not an ISO 3166-1 alpha-2 country code (e.g. CN, US)"),
            );
        }
        if let Some(parent) = &co.parent {
            c.known(&at, "parent company", parent, &companies);
            if *parent == co.slug {
                c.fail(&at, "a company cannot be its own parent");
            }
        }
        c.url(&at, "website", &co.website);
        c.provenance(&at, &co.source_url);

        for m in &f.models {
            let at = At::record(file, format!("model {}", m.slug));
            c.slug(&at, "slug", &m.slug);
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
            c.order(
                &at,
                ("release_date", m.release_date),
                ("retired_on", m.retired_on),
                false,
            );
            c.order(
                &at,
                ("release_date", m.release_date),
                ("deprecated_on", m.deprecated_on),
                false,
            );
            c.order(
                &at,
                ("deprecated_on", m.deprecated_on),
                ("retired_on", m.retired_on),
                false,
            );
            c.positive(&at, "context_window", m.context_window);
            c.positive(&at, "max_output_tokens", m.max_output_tokens);
            c.positive(&at, "parameter_count", m.parameter_count);
            c.provenance(&at, &m.source_url);
        }

        for p in &f.products {
            let at = At::record(file, format!("product {}", p.slug));
            c.slug(&at, "slug", &p.slug);
            for slug in &p.models {
                c.known(&at, "model", slug, &models);
            }
            for slug in &p.tasks {
                c.known(&at, "task", slug, &tasks);
            }
            c.url(&at, "url", &p.url);
            c.provenance(&at, &p.source_url);
            let mut plan_keys = HashMap::new();
            for plan in &p.plans {
                let at = At::record(file, format!("product {} plan {}", p.slug, plan.slug));
                c.slug(&at, "plan slug", &plan.slug);
                c.unique(
                    &at,
                    "plan",
                    format!("{}/{}@{}", p.slug, plan.slug, plan.effective_from),
                    &mut plan_keys,
                );
                c.currency(&at, &plan.currency);
                c.not_negative(&at, "amount", &plan.amount);
                if let Some(first) = &plan.first_period_amount {
                    c.not_negative(&at, "first_period_amount", first);
                }
                for slug in &plan.models {
                    c.known(&at, "model", slug, &models);
                }
                c.order(
                    &at,
                    ("effective_from", Some(plan.effective_from)),
                    ("effective_to", plan.effective_to),
                    true,
                );
                c.provenance(&at, &plan.source_url);
            }
            for cost in &p.credit_costs {
                let at = At::record(
                    file,
                    format!("product {} credit cost {}", p.slug, cost.work),
                );
                if let Some(model) = &cost.model {
                    c.known(&at, "model", model, &models);
                }
                c.not_negative(&at, "credits", &cost.credits);
                c.positive(&at, "unit_quantity", Some(cost.unit_quantity));
                c.order(
                    &at,
                    ("effective_from", Some(cost.effective_from)),
                    ("effective_to", cost.effective_to),
                    true,
                );
                c.provenance(&at, &cost.source_url);
            }
            for quota in &p.free_quotas {
                let at = At::record(file, format!("product {} free quota", p.slug));
                check_quota(&mut c, &at, quota);
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
            c.order(
                &at,
                ("served_from", o.served_from),
                ("served_to", o.served_to),
                true,
            );
            c.provenance(&at, &o.source_url);
            for quota in &o.free_quotas {
                check_quota(&mut c, &at, quota);
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
            c.provenance(&at, &filing.source_url);
        }
    }

    let mut price_keys = HashMap::new();
    for Located { file, line, row } in &data.prices {
        let at = At::line(file, *line);
        match (&row.product, &row.provider, &row.region, &row.api_model_id, &row.model) {
            (Some(product), None, None, None, None) => c.known(&at, "product", product, &products),
            (None, Some(provider), Some(region), Some(api), Some(model)) => {
                let key = offering_key(provider, region, api, model);
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
        c.currency(&at, &row.currency);
        // The value rules the API checks too, in one place.
        let values = PriceValues {
            amount: &row.amount,
            unit_quantity: row.unit_quantity,
            min_input_tokens: row.min_input_tokens,
            max_input_tokens: row.max_input_tokens,
            cache_ttl_seconds: row.cache_ttl_seconds,
            window_start: row.window_start.as_deref(),
            window_end: row.window_end.as_deref(),
            duration_seconds: row.duration_seconds,
            effective_from: row.effective_from,
            effective_to: row.effective_to,
        };
        for broken in rules::price(&values, str::to_owned) {
            c.fail(&at, format!("{} {}", broken.column, broken.message));
        }
        c.provenance(&at, &row.source_url);
    }

    let mut event_slugs = HashMap::new();
    for Located { file, line, row } in &data.events {
        let at = At::line(file, *line);
        c.slug(&at, "slug", &row.slug);
        c.unique(&at, "event slug", row.slug.clone(), &mut event_slugs);
        if !(1..=5).contains(&row.importance) {
            c.fail(&at, format!("importance {} must be 1 to 5", row.importance));
        }
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
        let urls = split_urls(&row.source_urls);
        if urls.is_empty() {
            c.fail(&at, "an event needs at least one source URL in source_urls");
        }
        for url in urls {
            c.url(&at, "source URL", &Some(url));
        }
        if row.amount.is_some() || row.valuation.is_some() {
            match &row.currency {
                Some(code) => c.currency(&at, code),
                None => c.fail(&at, "an amount or valuation needs a currency"),
            }
        }
        for (what, value) in [("amount", &row.amount), ("valuation", &row.valuation)] {
            if let Some(value) = value {
                c.not_negative(&at, what, value);
            }
        }
    }

    let mut rate_keys = HashMap::new();
    for Located { file, line, row } in &data.exchange_rates {
        let at = At::line(file, *line);
        c.currency(&at, &row.base);
        c.currency(&at, &row.quote);
        if row.base == row.quote {
            c.fail(&at, "base and quote are the same currency");
        }
        if row.rate.0.is_sign_negative() || row.rate.0.is_zero() {
            c.fail(&at, format!("rate {} must be greater than 0", row.rate));
        }
        c.unique(
            &at,
            "rate",
            format!("{}/{}@{}", row.base, row.quote, row.on_date),
            &mut rate_keys,
        );
        c.provenance(&at, &row.source_url);
    }

    let mut benchmarks = HashSet::new();
    for b in &data.benchmarks {
        let at = At::record("benchmarks.yaml", format!("benchmark {}", b.slug));
        c.slug(&at, "slug", &b.slug);
        c.unique(&at, "benchmark", b.slug.clone(), &mut seen_benchmarks);
        c.url(&at, "url", &b.url);
        c.provenance(&at, &b.source_url);
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
        c.provenance(&at, &row.source_url);
    }
}

fn check_quota(c: &mut Checker<'_>, at: &At, quota: &FreeQuotaSeed) {
    c.not_negative(at, "quantity", &quota.quantity);
    c.positive(at, "expires_after_days", quota.expires_after_days);
    c.order(
        at,
        ("effective_from", Some(quota.effective_from)),
        ("effective_to", quota.effective_to),
        true,
    );
    c.provenance(at, &quota.source_url);
}

/// The natural key of an offering: `provider/region/api_model_id→model`.
pub fn offering_key(provider: &str, region: &str, api_model_id: &str, model: &str) -> String {
    format!("{provider}/{region}/{api_model_id}→{model}")
}

/// The natural key of a price row: its subject, what it charges for, every condition and
/// the day it took effect (see `entities::record::terms`).
pub fn price_key(row: &PriceRow) -> String {
    let subject = match &row.product {
        Some(product) => format!("product {product}"),
        None => offering_key(
            row.provider.as_deref().unwrap_or(""),
            row.region.as_deref().unwrap_or(""),
            row.api_model_id.as_deref().unwrap_or(""),
            row.model.as_deref().unwrap_or(""),
        ),
    };
    PriceTerms {
        dimension: row.dimension,
        mode: row.mode.unwrap_or(entities::PriceMode::Standard),
        min_input_tokens: row.min_input_tokens,
        max_input_tokens: row.max_input_tokens,
        cache_ttl_seconds: row.cache_ttl_seconds,
        window_start: row.window_start.clone(),
        window_end: row.window_end.clone(),
        resolution: row.resolution.clone(),
        quality: row.quality.clone(),
        duration_seconds: row.duration_seconds,
    }
    .key(&subject, row.effective_from)
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
