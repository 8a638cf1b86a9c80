//! Reading products: the root fields, their filters and ordering.

use async_graphql::{Context, InputObject, Object, Result};
use entities::{ProductKind, ProductStatus, company, product, product_task, task};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, sea_query::Query};

use super::Product;
use crate::graphql::{
    ordering::order_by,
    pagination::{Connection, PageArgs, SortKey},
    {context::db, product::Audience},
};
use crate::service::filter_sql::{contains_ci, ids_with_slugs, linked};

/// Which products to list; all conditions must hold.
#[derive(InputObject, Default)]
pub struct ProductFilter {
    /// Slugs of the companies that run them; any of them.
    pub companies: Option<Vec<String>>,
    /// Kinds; any of them.
    pub kinds: Option<Vec<ProductKind>>,
    /// Audiences; any of them.
    pub audiences: Option<Vec<Audience>>,
    /// Slugs of tasks; any of them.
    pub tasks: Option<Vec<String>>,
    /// Statuses; any of them.
    pub statuses: Option<Vec<ProductStatus>>,
    /// Part of the name or Chinese name, any case.
    pub name: Option<String>,
}

order_by! {
    /// One key of a product ordering.
    ProductOrder,
    /// What products can be ordered by.
    ProductOrderField for product {
        /// Name, byte-wise.
        Name => Name,
        /// Launch date.
        LaunchDate => LaunchDate,
        /// Kind, by its name.
        Kind => Kind,
    }
}

/// Reading products.
#[derive(Default)]
pub struct ProductQuery;

#[Object]
impl ProductQuery {
    /// The product with this slug, or null.
    async fn product(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Its slug, e.g. \"doubao\".")] slug: String,
    ) -> Result<Option<Product>> {
        let row = product::Entity::find()
            .filter(product::Column::Slug.eq(slug))
            .filter(product::Column::DeletedAt.is_null())
            .one(db(ctx))
            .await?;
        Ok(row.map(Product))
    }

    /// Products, by name unless ordered otherwise.
    #[graphql(complexity = "PageArgs::weight(first, last) * child_complexity")]
    #[allow(clippy::too_many_arguments)]
    async fn products(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these products.")] filter: Option<ProductFilter>,
        #[graphql(desc = "Sort keys, applied in order; the id breaks ties.", default)]
        order_by: Vec<ProductOrder>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<Product>> {
        let f = filter.unwrap_or_default();
        let mut select = product::Entity::find().filter(product::Column::DeletedAt.is_null());
        if let Some(slugs) = f.companies {
            let ids = ids_with_slugs::<company::Entity, _>(
                company::Column::Slug,
                company::Column::Id,
                company::Column::DeletedAt,
                &slugs,
            );
            select = select.filter(product::Column::CompanyId.in_subquery(ids));
        }
        if let Some(kinds) = f.kinds {
            select = select.filter(product::Column::Kind.is_in(kinds));
        }
        if let Some(audiences) = f.audiences {
            let any = audiences.iter().fold(Condition::any(), |any, a| {
                any.add(match a {
                    Audience::Consumer => product::Column::ForConsumers.eq(true),
                    Audience::Business => product::Column::ForBusiness.eq(true),
                    Audience::Government => product::Column::ForGovernment.eq(true),
                })
            });
            select = select.filter(any);
        }
        if let Some(slugs) = f.tasks {
            let tasks = Query::select()
                .column(task::Column::Id)
                .from(task::Entity)
                .and_where(task::Column::Slug.is_in(slugs))
                .to_owned();
            let products = linked::<product_task::Entity, _>(
                product_task::Column::ProductId,
                product_task::Column::TaskId,
                tasks,
            );
            select = select.filter(product::Column::Id.in_subquery(products));
        }
        if let Some(statuses) = f.statuses {
            select = select.filter(product::Column::Status.is_in(statuses));
        }
        if let Some(name) = f.name.filter(|n| !n.is_empty()) {
            select = select.filter(
                Condition::any()
                    .add(contains_ci(product::Column::Name, &name))
                    .add(contains_ci(product::Column::NameZh, &name)),
            );
        }
        let keys = ProductOrder::keys(&order_by, vec![SortKey::asc(product::Column::Name)]);
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        Ok(Connection::load(db(ctx), select, keys, product::Column::Id, &args, Product).await?)
    }
}
