//! A synthetic landscape at a scale factor, as seed files for the real importer.
//!
//! Scale 1 is about the curated size: 40 companies, 100 models, 40 products, 100 offerings,
//! 1,000 price rows and 1,000 events; scale 100 is a hundred times that. Names are made of
//! syllables, so search meets the variety of real names rather than one repeated word; the
//! exchange rates are the curated ECB ones, so conversions work on the benchmark's dates.

/// What the generator produced, for the queries to name.
pub struct Landscape {
    pub files: Vec<(String, String)>,
    pub records: usize,
    /// A company slug in the middle of the set, for the company page.
    pub company: String,
    /// Ten model slugs spread over the set, for compareModels and estimateCost.
    pub shortlist: Vec<String>,
    /// A company's full name, for search.
    pub search_term: String,
}

const SYLLABLES: [&str; 32] = [
    "zor", "vak", "lin", "tera", "mox", "qui", "sel", "dra", "nov", "pex", "ul", "bri", "can",
    "fey", "gol", "hux", "ira", "jen", "kor", "lum", "mir", "nex", "ost", "pra", "rho", "syn",
    "tav", "umb", "vey", "wix", "yar", "zen",
];
const HANZI: [&str; 24] = [
    "智", "云", "星", "海", "光", "深", "言", "图", "声", "影", "灵", "象", "远", "极", "天", "合",
    "新", "达", "思", "行", "元", "数", "芯", "维",
];
const EVENT_TYPES: [&str; 13] = [
    "MODEL_RELEASE",
    "PRODUCT_LAUNCH",
    "PRICE_CHANGE",
    "LIFECYCLE",
    "FUNDING",
    "CORPORATE",
    "POLICY",
    "REGULATORY_FILING",
    "BENCHMARK",
    "BUSINESS_METRIC",
    "INCIDENT",
    "LEGAL",
    "INFRASTRUCTURE",
];
/// Price periods of every offering: four closed, the last open.
const PERIODS: [&str; 5] = [
    "2023-01-01",
    "2023-09-01",
    "2024-05-21",
    "2025-01-01",
    "2025-09-01",
];

fn name_of(i: usize) -> String {
    let a = SYLLABLES[i % 32];
    let b = SYLLABLES[(i / 32) % 32];
    let c = SYLLABLES[(i / 1024 + i * 7) % 32];
    let mut name = format!("{a}{b}{c}");
    name[..1].make_ascii_uppercase();
    name
}

fn company_name(i: usize) -> String {
    format!(
        "{} {}",
        name_of(i),
        if i.is_multiple_of(3) { "AI" } else { "Labs" }
    )
}

fn hanzi_of(i: usize) -> String {
    [i % 24, (i / 24) % 24, (i * 5 + 3) % 24]
        .iter()
        .map(|k| HANZI[*k])
        .collect()
}

fn day(offset: usize) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 2).unwrap();
    (start + chrono::Duration::days((offset % 1426) as i64)).to_string()
}

/// Generates the landscape at `scale`.
pub fn generate(scale: usize) -> Landscape {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds/data");
    let read = |name: &str| std::fs::read_to_string(data.join(name)).expect("the curated lists");
    let mut files = vec![
        ("media_types.yaml".to_owned(), read("media_types.yaml")),
        ("tasks.yaml".to_owned(), read("tasks.yaml")),
    ];
    let rates = read("exchange_rates.csv");
    let mut records = rates.lines().count() - 1;
    files.push(("exchange_rates.csv".into(), rates));
    let mut prices = String::from(
        "provider,region,api_model_id,model,dimension,unit,unit_quantity,amount,currency,effective_from,effective_to,source_url\n",
    );
    let mut events = String::from(
        "slug,occurred_on,type,title,title_zh,importance,companies,models,source_urls,amount,currency\n",
    );
    let companies = 40 * scale;
    let mut model_slugs = Vec::new();
    for i in 0..companies {
        let slug = format!("gen-{i:05}");
        let name = company_name(i);
        let chinese = i % 2 == 0;
        let (region, currency) = if chinese {
            ("cn", "CNY")
        } else {
            ("global", "USD")
        };
        let mut yaml = format!(
            "company:\n  slug: {slug}\n  name: {name}\n  name_zh: {}科技\n  kind: {}\n  country: {}\n  founded_year: {}\n  source_url: https://example.com/{slug}\nmodels:\n",
            hanzi_of(i),
            ["STARTUP", "AI_LAB", "BIG_TECH", "CLOUD"][i % 4],
            if chinese { "CN" } else { "US" },
            2010 + i % 14
        );
        let count = if i % 2 == 0 { 3 } else { 2 };
        let mut mine = Vec::new();
        for m in 0..count {
            let model = format!("{slug}-m{m}");
            let (inputs, outputs, tasks) = match (i + m) % 4 {
                0 => ("[text, image]", "[text]", "[chat, image-understanding]"),
                1 => ("[text]", "[image]", "[text-to-image]"),
                2 => (
                    "[text, image]",
                    "[video]",
                    "[text-to-video, image-to-video]",
                ),
                _ => ("[text]", "[text]", "[chat, code]"),
            };
            yaml.push_str(&format!(
                "  - {{ slug: {model}, name: {} {}, release_date: {}, status: GA, open_weights: {}, context_window: {}, inputs: {inputs}, outputs: {outputs}, tasks: {tasks} }}\n",
                name_of(i),
                ["Pro", "Flash", "Vision"][m],
                day(i * 3 + m * 97),
                (i + m) % 3 == 0,
                32_768 << (m % 3)
            ));
            mine.push(model.clone());
            model_slugs.push(model);
        }
        yaml.push_str(&format!(
            "products:\n  - {{ slug: {slug}-app, name: {} App, kind: CHAT_ASSISTANT, audiences: [CONSUMER], status: ACTIVE, models: [{}] }}\nofferings:\n",
            name_of(i),
            mine.join(", ")
        ));
        for (m, model) in mine.iter().enumerate() {
            yaml.push_str(&format!(
                "  - {{ model: {model}, region: {region}, api_model_id: {model} }}\n"
            ));
            for (p, from) in PERIODS.iter().enumerate() {
                let to = PERIODS.get(p + 1).copied().unwrap_or("");
                let input = 4.0 / (p + 1) as f64 + m as f64 * 0.5;
                prices.push_str(&format!(
                    "{slug},{region},{model},{model},INPUT_TOKENS,TOKEN,1000000,{input},{currency},{from},{to},https://example.com/{slug}/pricing\n\
                     {slug},{region},{model},{model},OUTPUT_TOKENS,TOKEN,1000000,{},{currency},{from},{to},https://example.com/{slug}/pricing\n",
                    input * 4.0
                ));
            }
            for e in 0..10 {
                let n = (i * 3 + m) * 10 + e;
                let kind = EVENT_TYPES[n % EVENT_TYPES.len()];
                let (amount, money) = if kind == "FUNDING" {
                    (format!("{}", 10_000_000 * (1 + n % 50)), currency)
                } else {
                    (String::new(), "")
                };
                events.push_str(&format!(
                    "{model}-e{e},{},{kind},{} news {e} of {},{}新闻{e},{},{slug},{model},https://example.com/{slug}/news/{e},{amount},{money}\n",
                    day(n * 7919),
                    name_of(i),
                    ["Pro", "Flash", "Vision"][m],
                    hanzi_of(i),
                    1 + n % 5
                ));
            }
        }
        records += 1 + 2 * count + 1 + count * 10 + count * 10;
        files.push((format!("companies/{slug}.yaml"), yaml));
    }
    files.push(("prices.csv".into(), prices));
    files.push(("events.csv".into(), events));
    let step = model_slugs.len() / 10;
    let shortlist = (0..10).map(|k| model_slugs[k * step].clone()).collect();
    let middle = companies / 2 + 1;
    Landscape {
        files,
        records,
        company: format!("gen-{middle:05}"),
        shortlist,
        search_term: company_name(middle),
    }
}
