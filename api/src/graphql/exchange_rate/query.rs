//! Exchange rates: the output type, and reading `exchangeRates` with its filter.

use async_graphql::{Context, ID, InputObject, Object, Result};
use entities::exchange_rate;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use crate::graphql::{
    ids::{self, Kind},
    ordering::order_by,
    pagination::{Connection, Listed, PageArgs, SortKey},
    scalars::{Date, DateTime, Decimal},
    {context::db, provenance::Provenance},
};

#[derive(Clone)]
pub struct ExchangeRate(pub exchange_rate::Model);

impl Listed for ExchangeRate {
    const NAME: &'static str = "ExchangeRate";
}

/// On `onDate`, one `base` bought `rate` of `quote`.
#[Object]
impl ExchangeRate {
    /// Opaque global id.
    pub async fn id(&self) -> ID {
        ids::encode(Kind::ExchangeRate, self.0.id)
    }

    /// The currency sold, ISO 4217, e.g. "USD".
    async fn base(&self) -> &str {
        &self.0.base_currency
    }

    /// The currency bought, ISO 4217, e.g. "CNY".
    async fn quote(&self) -> &str {
        &self.0.quote_currency
    }

    /// Units of `quote` per one `base`, exact.
    async fn rate(&self) -> Decimal {
        Decimal(self.0.rate)
    }

    /// The day of the rate.
    async fn on_date(&self) -> Date {
        Date(self.0.on_date)
    }

    /// Where the rate came from.
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

/// Which rates to list; all conditions must hold.
#[derive(InputObject, Default)]
pub struct ExchangeRateFilter {
    /// ISO 4217 codes; a rate matches when its base or quote is any of them.
    pub currencies: Option<Vec<String>>,
    /// On or after this date.
    pub from: Option<Date>,
    /// Before this date (exclusive).
    pub to: Option<Date>,
}

order_by! {
    /// One key of an exchange-rate ordering.
    ExchangeRateOrder,
    /// What rates can be ordered by.
    ExchangeRateOrderField for exchange_rate {
        /// The day of the rate.
        OnDate => OnDate,
        /// Base currency.
        Base => BaseCurrency,
        /// Quote currency.
        Quote => QuoteCurrency,
    }
}

/// Reading exchange rates.
#[derive(Default)]
pub struct ExchangeRateQuery;

#[Object]
impl ExchangeRateQuery {
    /// Exchange rates, newest first unless ordered otherwise.
    #[graphql(complexity = "PageArgs::weight(first, last) * child_complexity")]
    #[allow(clippy::too_many_arguments)]
    async fn exchange_rates(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only these rates.")] filter: Option<ExchangeRateFilter>,
        #[graphql(desc = "Sort keys, applied in order; the id breaks ties.", default)]
        order_by: Vec<ExchangeRateOrder>,
        #[graphql(desc = "Page size from the start (at most 100; 20 by default).")] first: Option<
            i32,
        >,
        #[graphql(desc = "Continue after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Continue before this cursor.")] before: Option<String>,
    ) -> Result<Connection<ExchangeRate>> {
        let f = filter.unwrap_or_default();
        let mut select =
            exchange_rate::Entity::find().filter(exchange_rate::Column::DeletedAt.is_null());
        if let Some(currencies) = f.currencies {
            let currencies: Vec<String> = currencies.iter().map(|c| c.to_uppercase()).collect();
            select = select.filter(
                Condition::any()
                    .add(exchange_rate::Column::BaseCurrency.is_in(currencies.clone()))
                    .add(exchange_rate::Column::QuoteCurrency.is_in(currencies)),
            );
        }
        if let Some(Date(from)) = f.from {
            select = select.filter(exchange_rate::Column::OnDate.gte(from));
        }
        if let Some(Date(to)) = f.to {
            select = select.filter(exchange_rate::Column::OnDate.lt(to));
        }
        let keys = ExchangeRateOrder::keys(
            &order_by,
            vec![SortKey::desc(exchange_rate::Column::OnDate)],
        );
        let args = PageArgs {
            first,
            after,
            last,
            before,
        };
        Ok(Connection::load(
            db(ctx),
            select,
            keys,
            exchange_rate::Column::Id,
            &args,
            ExchangeRate,
        )
        .await?)
    }
}
