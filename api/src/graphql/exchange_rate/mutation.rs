//! Editing exchange rates: the input, how it applies onto the record, and the four mutations.

use async_graphql::{InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::exchange_rate;

use super::ExchangeRate;
use crate::graphql::validate::{ProvenanceInput, text};
use crate::{
    error::ApiError,
    graphql::{
        editing::mutations,
        ids::Kind,
        scalars::{Date, Decimal},
    },
    service::editing::{Apply, EditSpec},
};

/// An exchange rate's fields: on `onDate`, one `base` bought `rate` of `quote`. Creating
/// needs all four.
#[derive(InputObject, Default)]
pub struct ExchangeRateInput {
    /// ISO 4217 code of the currency sold, e.g. "USD".
    pub base: MaybeUndefined<String>,
    /// ISO 4217 code of the currency bought, e.g. "CNY".
    pub quote: MaybeUndefined<String>,
    /// Units of `quote` per one `base`, exact, greater than 0.
    pub rate: MaybeUndefined<Decimal>,
    /// The day of the rate.
    pub on_date: MaybeUndefined<Date>,
    /// Where the rate comes from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

#[async_trait]
impl EditSpec for exchange_rate::Entity {
    type Input = ExchangeRateInput;
    type Links = ();

    fn field(column: &'static str) -> String {
        match column {
            "base_currency" => "base".into(),
            "quote_currency" => "quote".into(),
            other => entities::record::rules::camel(other),
        }
    }

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut exchange_rate::Model,
        input: ExchangeRateInput,
    ) -> Result<(), ApiError> {
        cx.required(
            "base",
            &mut m.base_currency,
            text(input.base).map_value(|c| c.to_uppercase()),
        );
        cx.required(
            "quote",
            &mut m.quote_currency,
            text(input.quote).map_value(|c| c.to_uppercase()),
        );
        cx.required("rate", &mut m.rate, input.rate.map_value(|d| d.0));
        cx.required("onDate", &mut m.on_date, input.on_date.map_value(|d| d.0));
        cx.provenance(input.provenance, m);
        Ok(())
    }
}

mutations! {
    entity: exchange_rate::Entity,
    wrapper: ExchangeRate,
    kind: Kind::ExchangeRate,
    input: ExchangeRateInput,
    payload: ExchangeRatePayload { exchange_rate },
    mutation: ExchangeRateMutation { create_exchange_rate, update_exchange_rate, delete_exchange_rate, restore_exchange_rate },
    what: "exchange rate",
}
