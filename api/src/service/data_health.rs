//! The data-health report: what a curator should look at next, as lists of records, so the
//! next curation round starts from a list rather than a hunch. `aigc-landscape check` prints
//! it; the `dataHealth` query serves it (team-only).
//!
//! The checks, each a count and the records behind it:
//! - open prices on retired models or ended offerings (they should close at the retirement);
//! - offerings still served with no price at all;
//! - models, prices, events and filings whose only source is a site's home page (a company or
//!   product may cite its home page: that is where it says what it is);
//! - prices in force that were never verified, or not in the last 90 days;
//! - companies and products without a source;
//! - events that name no company.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use entities::{
    ModelStatus, company, event, event_company, filing, model, offering, price, product,
};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect};

/// Days after which a price in force should be verified again.
pub const VERIFY_EVERY_DAYS: i64 = 90;

/// One record a check found: its type (as global ids name it), row id and a readable key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub entity_type: &'static str,
    pub id: i64,
    pub label: String,
}

/// One check and what it found.
#[derive(Clone, Debug)]
pub struct Check {
    pub code: &'static str,
    pub description: &'static str,
    pub findings: Vec<Finding>,
}

/// Whether `url` is a site's home page: no path beyond `/`, no query.
pub fn is_home_page(url: &str) -> bool {
    match url::Url::parse(url.trim()) {
        Ok(u) => (u.path() == "/" || u.path().is_empty()) && u.query().is_none(),
        Err(_) => false,
    }
}

/// Runs every check as of `today`.
pub async fn report(db: &DatabaseConnection, today: NaiveDate) -> Result<Vec<Check>, DbErr> {
    let companies = company::Entity::find()
        .filter(company::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let models = model::Entity::find()
        .filter(model::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let products = product::Entity::find()
        .filter(product::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let offerings = offering::Entity::find()
        .filter(offering::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let prices = price::Entity::find()
        .filter(price::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let events = event::Entity::find()
        .filter(event::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let filings = filing::Entity::find()
        .filter(filing::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let linked: HashSet<i64> = event_company::Entity::find()
        .select_only()
        .column(event_company::Column::EventId)
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();

    let model_by_id: HashMap<i64, &model::Model> = models.iter().map(|m| (m.id, m)).collect();
    let offering_by_id: HashMap<i64, &offering::Model> =
        offerings.iter().map(|o| (o.id, o)).collect();
    let product_by_id: HashMap<i64, &product::Model> = products.iter().map(|p| (p.id, p)).collect();
    let price_label = |p: &price::Model| -> String {
        let subject = match (
            p.offering_id.and_then(|id| offering_by_id.get(&id)),
            p.product_id.and_then(|id| product_by_id.get(&id)),
        ) {
            (Some(o), _) => format!("{} ({})", o.api_model_id, o.region),
            (None, Some(pr)) => pr.slug.clone(),
            _ => "?".into(),
        };
        format!("{subject} {} from {}", p.dimension, p.effective_from)
    };
    let finding = |entity_type, id, label: String| Finding {
        entity_type,
        id,
        label,
    };
    let in_force =
        |p: &price::Model| p.effective_from <= today && p.effective_to.is_none_or(|to| to > today);

    let retired_model = |m: &model::Model| {
        m.status == ModelStatus::Retired || m.retired_on.is_some_and(|d| d <= today)
    };
    let open_on_retired = prices
        .iter()
        .filter(|p| p.effective_to.is_none())
        .filter(|p| {
            p.offering_id
                .and_then(|id| offering_by_id.get(&id))
                .is_some_and(|o| {
                    o.served_to.is_some_and(|d| d <= today)
                        || model_by_id
                            .get(&o.model_id)
                            .is_some_and(|m| retired_model(m))
                })
        })
        .map(|p| finding("Price", p.id, price_label(p)))
        .collect();

    let priced: HashSet<i64> = prices.iter().filter_map(|p| p.offering_id).collect();
    let unpriced = offerings
        .iter()
        .filter(|o| o.served_to.is_none_or(|d| d > today) && !priced.contains(&o.id))
        .map(|o| {
            finding(
                "Offering",
                o.id,
                format!("{} ({})", o.api_model_id, o.region),
            )
        })
        .collect();

    let home = |url: &Option<String>| url.as_deref().is_some_and(is_home_page);
    let mut home_only: Vec<Finding> = Vec::new();
    home_only.extend(
        models
            .iter()
            .filter(|m| home(&m.source_url))
            .map(|m| finding("Model", m.id, m.slug.clone())),
    );
    home_only.extend(
        prices
            .iter()
            .filter(|p| home(&p.source_url))
            .map(|p| finding("Price", p.id, price_label(p))),
    );
    home_only.extend(
        events
            .iter()
            .filter(|e| {
                !e.source_urls.0.is_empty() && e.source_urls.0.iter().all(|u| is_home_page(u))
            })
            .map(|e| finding("Event", e.id, e.slug.clone())),
    );
    home_only.extend(
        filings
            .iter()
            .filter(|f| home(&f.source_url))
            .map(|f| finding("Filing", f.id, f.filing_number.clone())),
    );

    let never_verified = prices
        .iter()
        .filter(|p| in_force(p) && p.verified_on.is_none())
        .map(|p| finding("Price", p.id, price_label(p)))
        .collect();
    let stale_verified = prices
        .iter()
        .filter(|p| {
            in_force(p)
                && p.verified_on
                    .is_some_and(|d| d < today - Duration::days(VERIFY_EVERY_DAYS))
        })
        .map(|p| finding("Price", p.id, price_label(p)))
        .collect();

    let unsourced = |url: &Option<String>| url.as_deref().is_none_or(|u| u.trim().is_empty());
    let companies_unsourced = companies
        .iter()
        .filter(|c| unsourced(&c.source_url))
        .map(|c| finding("Company", c.id, c.slug.clone()))
        .collect();
    let products_unsourced = products
        .iter()
        .filter(|p| unsourced(&p.source_url))
        .map(|p| finding("Product", p.id, p.slug.clone()))
        .collect();
    let events_alone = events
        .iter()
        .filter(|e| !linked.contains(&e.id))
        .map(|e| finding("Event", e.id, e.slug.clone()))
        .collect();

    Ok(vec![
        Check {
            code: "OPEN_PRICE_ON_RETIRED",
            description: "prices still open on a retired model or an offering no longer served: close them at the retirement",
            findings: open_on_retired,
        },
        Check {
            code: "OFFERING_WITHOUT_PRICE",
            description: "offerings still served that have no price at all",
            findings: unpriced,
        },
        Check {
            code: "HOME_PAGE_SOURCE",
            description: "models, prices, events and filings whose only source is a site's home page: cite the page that states the fact",
            findings: home_only,
        },
        Check {
            code: "PRICE_NEVER_VERIFIED",
            description: "prices in force never checked against the vendor's page (verifiedOn empty)",
            findings: never_verified,
        },
        Check {
            code: "PRICE_NOT_VERIFIED_90_DAYS",
            description: "prices in force last verified more than 90 days ago",
            findings: stale_verified,
        },
        Check {
            code: "COMPANY_WITHOUT_SOURCE",
            description: "companies without a source",
            findings: companies_unsourced,
        },
        Check {
            code: "PRODUCT_WITHOUT_SOURCE",
            description: "products without a source",
            findings: products_unsourced,
        },
        Check {
            code: "EVENT_WITHOUT_COMPANY",
            description: "events that name no company",
            findings: events_alone,
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::is_home_page;

    #[test]
    fn home_pages() {
        assert!(is_home_page("https://www.deepseek.com"));
        assert!(is_home_page("https://openai.com/"));
        assert!(!is_home_page("https://openai.com/index/hello-gpt-4o/"));
        assert!(!is_home_page("https://api-docs.deepseek.com/?lang=zh"));
    }
}
