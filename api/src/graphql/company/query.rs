//! Reading companies: the root fields, their filters and ordering.

use async_graphql::{Context, InputObject, Object, Result};
use entities::{CompanyKind, company};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::Company;
use crate::graphql::{
    context::db,
    ordering::order_by,
    pagination::{Connection, PageArgs, SortKey},
};
use crate::service::filter_sql::contains_ci;

/// Which companies to list; all conditions must hold.
#[derive(InputObject, Default)]
pub struct CompanyFilter {
    /// ISO 3166-1 alpha-2 codes; any of them.
    pub countries: Option<Vec<String>>,
    /// Kinds; any of them.
    pub kinds: Option<Vec<CompanyKind>>,
    /// Part of the English or Chinese name, any case.
    pub name: Option<String>,
}

order_by! {
    /// One key of a company ordering.
    CompanyOrder,
    /// What companies can be ordered by.
    CompanyOrderField for company {
        /// English name, byte-wise.
        Name => Name,
        /// Country code.
        Country => Country,
        /// Kind of organisation.
        Kind => Kind,
        /// Year founded.
        FoundedYear => FoundedYear,
    }
}

/// Reading companies.
#[derive(Default)]
pub struct CompanyQuery;

#[Object]
impl CompanyQuery {
    /// The company with this slug, or null.
    async fn company(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Its slug, e.g. \"deepseek\".")] slug: String,
    ) -> Result<Option<Company>> {
        let row = company::Entity::find()
            .filter(company::Column::Slug.eq(slug))
            .filter(company::Column::DeletedAt.is_null())
            .one(db(ctx))
            .await?;
        Ok(row.map(Company))
    }

    /// Companies, by name unless ordered otherwise.
    #[graphql(complexity = "PageArgs::weight(first, last) * child_complexity")]
    #[allow(clippy::too_many_arguments)]
    async fn companies(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these companies.")] filter: Option<CompanyFilter>,
        #[graphql(desc = "Sort keys, applied in order; the id breaks ties.", default)]
        order_by: Vec<CompanyOrder>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<Company>> {
        let filter = filter.unwrap_or_default();
        let mut select = company::Entity::find().filter(company::Column::DeletedAt.is_null());
        if let Some(countries) = filter.countries {
            let countries: Vec<String> = countries.iter().map(|c| c.to_uppercase()).collect();
            select = select.filter(company::Column::Country.is_in(countries));
        }
        if let Some(kinds) = filter.kinds {
            select = select.filter(company::Column::Kind.is_in(kinds));
        }
        if let Some(name) = filter.name.filter(|n| !n.is_empty()) {
            select = select.filter(
                sea_orm::Condition::any()
                    .add(contains_ci(company::Column::Name, &name))
                    .add(contains_ci(company::Column::NameZh, &name)),
            );
        }
        let keys = CompanyOrder::keys(&order_by, vec![SortKey::asc(company::Column::Name)]);
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        Ok(Connection::load(db(ctx), select, keys, company::Column::Id, &args, Company).await?)
    }
}
