//! The `Node` interface and `node(id:)` / `nodes(ids:)`: any entity by its global id.

use async_graphql::{Context, ID, Interface, Object, Result};
use entities::*;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{
    account::{ApiToken, User},
    benchmark::{Benchmark, Score},
    company::Company,
    event::Event,
    exchange_rate::ExchangeRate,
    filing::Filing,
    guards::{caller, check},
    ids::{self, Kind},
    inbox::InboxItem,
    loaders::one,
    modality::{MediaType, Task},
    model::Model,
    offering::Offering,
    price::{CreditCost, FreeQuota, Price, SubscriptionPlan},
    product::Product,
    revision::Revision,
    source::Source,
    {context::db, context::loaders},
};
use crate::error::ApiError;

/// Anything with a global id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Opaque global id."))]
pub enum Node {
    Company(Company),
    Model(Model),
    MediaType(MediaType),
    Task(Task),
    Offering(Offering),
    Product(Product),
    Price(Price),
    FreeQuota(FreeQuota),
    SubscriptionPlan(SubscriptionPlan),
    CreditCost(CreditCost),
    ExchangeRate(ExchangeRate),
    Event(Event),
    Filing(Filing),
    Benchmark(Benchmark),
    Score(Score),
    User(User),
    ApiToken(ApiToken),
    Revision(Revision),
    Source(Source),
    InboxItem(InboxItem),
}

/// The most ids `nodes` takes at once.
const MAX_NODES: usize = 100;

async fn find(ctx: &Context<'_>, id: &ID) -> Result<Option<Node>> {
    let (kind, row) = ids::decode(id)?;
    let db = db(ctx);
    let l = loaders(ctx);
    macro_rules! live {
        ($entity:ident, $wrap:ident) => {
            $entity::Entity::find_by_id(row)
                .filter($entity::Column::DeletedAt.is_null())
                .one(db)
                .await?
                .map(|m| Node::$wrap($wrap(m)))
        };
    }
    Ok(match kind {
        Kind::Company => one(&l.companies, row)
            .await?
            .map(|m| Node::Company(Company(m))),
        Kind::Model => one(&l.models, row).await?.map(|m| Node::Model(Model(m))),
        Kind::Product => one(&l.products, row)
            .await?
            .map(|m| Node::Product(Product(m))),
        Kind::Offering => one(&l.offerings, row)
            .await?
            .map(|m| Node::Offering(Offering(m))),
        Kind::Event => one(&l.events, row).await?.map(|m| Node::Event(Event(m))),
        // The team's own benchmarks, and scores on them, are team-only.
        Kind::Benchmark => one(&l.benchmarks, row)
            .await?
            .filter(|b| !b.internal || caller(ctx).has(Role::Viewer))
            .map(|m| Node::Benchmark(Benchmark(m))),
        Kind::MediaType => one(&l.media_types, row)
            .await?
            .map(|m| Node::MediaType(MediaType(m))),
        Kind::Task => one(&l.tasks, row).await?.map(|m| Node::Task(Task(m))),
        Kind::Price => live!(price, Price),
        Kind::FreeQuota => live!(free_quota, FreeQuota),
        Kind::SubscriptionPlan => live!(subscription_plan, SubscriptionPlan),
        Kind::CreditCost => live!(credit_cost, CreditCost),
        Kind::ExchangeRate => live!(exchange_rate, ExchangeRate),
        Kind::Filing => live!(filing, Filing),
        Kind::Score => {
            let found = score::Entity::find_by_id(row)
                .filter(score::Column::DeletedAt.is_null())
                .one(db)
                .await?;
            match found {
                Some(s) if !caller(ctx).has(Role::Viewer) => one(&l.benchmarks, s.benchmark_id)
                    .await?
                    .filter(|b| !b.internal)
                    .map(|_| Node::Score(Score(s))),
                other => other.map(|s| Node::Score(Score(s))),
            }
        }
        // Accounts: a member sees their own; admins see all.
        Kind::User => {
            if caller(ctx).member().map(|m| m.user_id) != Some(row) {
                check(ctx, Role::Admin)?;
            }
            user::Entity::find_by_id(row)
                .one(db)
                .await?
                .map(|m| Node::User(User(m)))
        }
        Kind::ApiToken => {
            check(ctx, Role::Admin)?;
            api_token::Entity::find_by_id(row)
                .one(db)
                .await?
                .map(|m| Node::ApiToken(ApiToken(m)))
        }
        Kind::Source => {
            check(ctx, Role::Viewer)?;
            live!(source, Source)
        }
        Kind::InboxItem => {
            check(ctx, Role::Viewer)?;
            inbox_item::Entity::find_by_id(row)
                .one(db)
                .await?
                .map(|m| Node::InboxItem(InboxItem(m)))
        }
        // Admins reach webhooks through `webhooks`; their ids open nothing here.
        Kind::Webhook | Kind::WebhookDelivery => None,
        Kind::Revision => {
            check(ctx, Role::Viewer)?;
            let found = revision::Entity::find_by_id(row).one(db).await?;
            if found
                .as_ref()
                .is_some_and(|r| matches!(r.entity_type.as_str(), "User" | "ApiToken"))
            {
                check(ctx, Role::Admin)?;
            }
            found.map(|m| Node::Revision(Revision(m)))
        }
    })
}

/// Fetching anything by its global id.
#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// The entity with this id, or null if there is none (or it was deleted).
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> Result<Option<Node>> {
        find(ctx, &id).await
    }

    /// The entities with these ids, in the same order; null for each one not found.
    #[graphql(complexity = "ids.len() * child_complexity")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global ids, at most 100.")] ids: Vec<ID>,
    ) -> Result<Vec<Option<Node>>> {
        if ids.len() > MAX_NODES {
            return Err(ApiError::bad_input(format!(
                "{} ids asked for: `nodes` takes at most {MAX_NODES}",
                ids.len()
            ))
            .into());
        }
        futures::future::try_join_all(ids.iter().map(|id| find(ctx, id))).await
    }
}
