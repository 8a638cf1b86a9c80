//! Linking items to what they mention: a fixture of headlines in English and Chinese with
//! the links a person would choose (`tests/fixtures/inbox/headlines.tsv`), checked over the
//! starter landscape.

use std::collections::BTreeSet;

use aigc_landscape::intake::matcher::Matcher;
use entities::{company, model, product};
use sea_orm::EntityTrait;

use crate::harness::{Backend, TestApp};

#[tokio::test]
async fn headlines_are_linked_as_a_person_would() {
    let app = TestApp::seeded(Backend::Sqlite).await;
    let matcher = Matcher::load(&app.db).await.unwrap();
    let companies = company::Entity::find().all(&app.db).await.unwrap();
    let models = model::Entity::find().all(&app.db).await.unwrap();
    let products = product::Entity::find().all(&app.db).await.unwrap();
    let fixture = include_str!("../fixtures/inbox/headlines.tsv");
    let set = |s: &str| -> BTreeSet<String> {
        s.split(',')
            .filter(|x| *x != "-" && !x.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (mut right, mut wrong, mut headlines) = (0usize, Vec::new(), 0usize);
    for line in fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [source, headline, want_c, want_m, want_p] = cols[..] else {
            panic!("a fixture line has five columns: {line}");
        };
        headlines += 1;
        let source = companies.iter().find(|c| c.slug == source).map(|c| c.id);
        let found = matcher.find(headline, source);
        let got_c: BTreeSet<String> = found
            .companies
            .iter()
            .map(|id| companies.iter().find(|c| c.id == *id).unwrap().slug.clone())
            .collect();
        let got_m: BTreeSet<String> = found
            .models
            .iter()
            .map(|id| models.iter().find(|m| m.id == *id).unwrap().slug.clone())
            .collect();
        let got_p: BTreeSet<String> = found
            .products
            .iter()
            .map(|id| products.iter().find(|p| p.id == *id).unwrap().slug.clone())
            .collect();
        for (want, got) in [
            (set(want_c), got_c),
            (set(want_m), got_m),
            (set(want_p), got_p),
        ] {
            right += want.intersection(&got).count();
            for missed in want.difference(&got) {
                wrong.push(format!("{headline}: missed {missed}"));
            }
            for extra in got.difference(&want) {
                wrong.push(format!("{headline}: linked {extra} wrongly"));
            }
        }
    }
    assert!(headlines >= 30, "at least 30 headlines");
    let score = right as f64 / (right + wrong.len()) as f64;
    assert!(
        score >= 0.95,
        "links right: {right}, wrong: {wrong:#?} ({score:.3})"
    );
}
