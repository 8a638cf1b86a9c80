//! The GraphQL output type of an event and its fields.

use async_graphql::{Context, ID, Object, Result, SimpleObject};
use entities::{DatePrecision, EventRole, EventType, event};

use crate::error::ApiError;
use crate::graphql::{
    company::Company,
    ids::{self, Kind},
    loaders::{all, many},
    model::Model,
    money::Money,
    pagination::Listed,
    product::Product,
    scalars::{Date, DateTime},
    {context::loaders, provenance::Provenance},
};

#[derive(Clone)]
pub struct Event(pub event::Model);

impl Listed for Event {
    const NAME: &'static str = "Event";
}

/// An event and the part a company, model or product played in it.
#[derive(SimpleObject, Clone)]
pub struct Involvement {
    /// The part played.
    pub role: EventRole,
    /// The event.
    pub event: Event,
}

impl Involvement {
    /// The newest `limit` events among `links`, each with its role.
    pub async fn latest(
        ctx: &Context<'_>,
        links: impl Iterator<Item = (i64, EventRole)>,
        limit: i32,
    ) -> Result<Vec<Involvement>> {
        if !(0..=100).contains(&limit) {
            return Err(ApiError::bad_input(format!(
                "limit {limit} is out of range: ask for 0 to 100"
            ))
            .into());
        }
        let links: Vec<(i64, EventRole)> = links.collect();
        let events = many(
            &loaders(ctx).events,
            links.iter().map(|(id, _)| *id).collect(),
        )
        .await?;
        let mut found: Vec<Involvement> = links
            .iter()
            .filter_map(|(id, role)| {
                events.iter().find(|e| e.id == *id).map(|e| Involvement {
                    role: *role,
                    event: Event(e.clone()),
                })
            })
            .collect();
        found.sort_by(|a, b| {
            (b.event.0.occurred_on, b.event.0.id).cmp(&(a.event.0.occurred_on, a.event.0.id))
        });
        found.truncate(limit as usize);
        Ok(found)
    }
}

/// A company in an event, with its role.
#[derive(SimpleObject)]
pub struct EventCompany {
    /// The part it played.
    pub role: EventRole,
    /// The company.
    pub company: Company,
}

/// A model in an event, with its role.
#[derive(SimpleObject)]
pub struct EventModel {
    /// The part it played.
    pub role: EventRole,
    /// The model.
    pub model: Model,
}

/// A product in an event, with its role.
#[derive(SimpleObject)]
pub struct EventProduct {
    /// The part it played.
    pub role: EventRole,
    /// The product.
    pub product: Product,
}

/// Something that happened: a release, launch, price change, funding round, rule, filing…
#[Object]
impl Event {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::Event, self.0.id)
    }

    /// Unique human key, e.g. "2024-05-15-doubao-price-cut".
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// When it happened; see `datePrecision`.
    async fn occurred_on(&self) -> Date {
        Date(self.0.occurred_on)
    }

    /// How precisely `occurredOn` is known.
    async fn date_precision(&self) -> DatePrecision {
        self.0.date_precision
    }

    /// When the team recorded it: a backfilled event is old news, whatever this date says.
    async fn recorded_on(&self) -> Date {
        Date(self.0.recorded_on)
    }

    /// What kind of thing happened.
    #[graphql(name = "type")]
    async fn event_type(&self) -> EventType {
        self.0.event_type
    }

    /// A finer kind, e.g. "series-b" or "acquisition".
    async fn subtype(&self) -> Option<&str> {
        self.0.subtype.as_deref()
    }

    /// Headline in English.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Headline in Chinese.
    async fn title_zh(&self) -> Option<&str> {
        self.0.title_zh.as_deref()
    }

    /// Summary in English.
    async fn summary(&self) -> Option<&str> {
        self.0.summary.as_deref()
    }

    /// Summary in Chinese.
    async fn summary_zh(&self) -> Option<&str> {
        self.0.summary_zh.as_deref()
    }

    /// 1 (minor) to 5 (major), for ranking a digest.
    async fn importance(&self) -> i32 {
        self.0.importance
    }

    /// Sources reporting it.
    async fn source_urls(&self) -> &[String] {
        &self.0.source_urls.0
    }

    /// The amount involved (a funding round's size), where there is one.
    async fn amount(&self) -> Option<Money> {
        let currency = self.0.currency.clone()?;
        self.0
            .amount
            .map(|amount| Money::new(amount, &currency, Some(self.0.occurred_on)))
    }

    /// Funding round, e.g. "Series B".
    async fn funding_round(&self) -> Option<&str> {
        self.0.funding_round.as_deref()
    }

    /// Post-money valuation of a funding round.
    async fn valuation(&self) -> Option<Money> {
        let currency = self.0.currency.clone()?;
        self.0
            .valuation
            .map(|amount| Money::new(amount, &currency, Some(self.0.occurred_on)))
    }

    /// The companies involved, subjects first, then by role and name.
    #[graphql(complexity = "5 * child_complexity")]
    async fn companies(&self, ctx: &Context<'_>) -> Result<Vec<EventCompany>> {
        let links = all(&loaders(ctx).company_links_by_event, self.0.id).await?;
        let rows = many(
            &loaders(ctx).companies,
            links.iter().map(|l| l.company_id).collect(),
        )
        .await?;
        let mut found: Vec<_> = links
            .iter()
            .filter_map(|l| {
                rows.iter()
                    .find(|c| c.id == l.company_id)
                    .map(|c| EventCompany {
                        role: l.role,
                        company: Company(c.clone()),
                    })
            })
            .collect();
        found.sort_by(|a, b| (a.role, &a.company.0.name).cmp(&(b.role, &b.company.0.name)));
        Ok(found)
    }

    /// The models involved, subjects first, then by role and name.
    #[graphql(complexity = "5 * child_complexity")]
    async fn models(&self, ctx: &Context<'_>) -> Result<Vec<EventModel>> {
        let links = all(&loaders(ctx).model_links_by_event, self.0.id).await?;
        let rows = many(
            &loaders(ctx).models,
            links.iter().map(|l| l.model_id).collect(),
        )
        .await?;
        let mut found: Vec<_> = links
            .iter()
            .filter_map(|l| {
                rows.iter()
                    .find(|m| m.id == l.model_id)
                    .map(|m| EventModel {
                        role: l.role,
                        model: Model(m.clone()),
                    })
            })
            .collect();
        found.sort_by(|a, b| (a.role, &a.model.0.name).cmp(&(b.role, &b.model.0.name)));
        Ok(found)
    }

    /// The products involved, subjects first, then by role and name.
    #[graphql(complexity = "5 * child_complexity")]
    async fn products(&self, ctx: &Context<'_>) -> Result<Vec<EventProduct>> {
        let links = all(&loaders(ctx).product_links_by_event, self.0.id).await?;
        let rows = many(
            &loaders(ctx).products,
            links.iter().map(|l| l.product_id).collect(),
        )
        .await?;
        let mut found: Vec<_> = links
            .iter()
            .filter_map(|l| {
                rows.iter()
                    .find(|p| p.id == l.product_id)
                    .map(|p| EventProduct {
                        role: l.role,
                        product: Product(p.clone()),
                    })
            })
            .collect();
        found.sort_by(|a, b| (a.role, &a.product.0.name).cmp(&(b.role, &b.product.0.name)));
        Ok(found)
    }

    /// Team-only notes. Viewers and up.
    #[graphql(guard = "crate::graphql::guards::RoleGuard(entities::Role::Viewer)")]
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }

    /// Where these facts came from.
    async fn provenance(&self) -> Provenance {
        Provenance::new(&self.0.source_url, self.0.observed_on, self.0.confidence)
    }

    /// Bumped on each change; pass it as `expectedVersion` when editing.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}
