//! Comparing models side by side on one day: each offering's headline token prices per 1M
//! tokens in one currency, a blended price, and the rows and free quotas in effect.

use chrono::NaiveDate;
use entities::{Dec, PriceDimension, free_quota, model, offering, price};
use rust_decimal::Decimal as Exact;
use sea_orm::ConnectionTrait;

use super::offers::{
    Offer, is_headline, named_models, offerings_of, offers, per_million, rates_to,
};
use crate::{
    error::ApiError,
    service::money::{Money, Rates, convert, currency_code},
};

/// The most models one comparison takes.
pub const MAX_MODELS: usize = 20;

/// How input and output tokens are weighed in a blended price (3:1 by default).
#[derive(Clone, Copy, Debug)]
pub struct Blend {
    pub input: u32,
    pub output: u32,
}

impl Default for Blend {
    fn default() -> Self {
        Blend {
            input: 3,
            output: 1,
        }
    }
}

impl Blend {
    /// The ratio, refused when both parts are 0.
    pub fn checked(self) -> Result<Blend, ApiError> {
        if self.input + self.output == 0 {
            return Err(ApiError::bad_input("the blend ratio needs a part above 0"));
        }
        Ok(self)
    }

    /// (input × parts of input + output × parts of output) / all parts, to 8 decimal places.
    pub fn blend(&self, input: Exact, output: Exact) -> Exact {
        ((input * Exact::from(self.input) + output * Exact::from(self.output))
            / Exact::from(self.input + self.output))
        .round_dp(8)
    }
}

/// One offering's headline token prices per 1M tokens, in the currency asked for.
pub struct OfferingLine {
    pub offering: offering::Model,
    pub input_per_million: Option<Money>,
    pub output_per_million: Option<Money>,
    pub cached_input_per_million: Option<Money>,
    pub blended_per_million: Option<Money>,
    /// Every row in effect, in the vendor's own unit and currency.
    pub prices: Vec<price::Model>,
    pub free_quotas: Vec<free_quota::Model>,
}

/// A model's row in a comparison.
pub struct Comparison {
    pub model: model::Model,
    /// Cheapest blended price first, unpriced ones last.
    pub offerings: Vec<OfferingLine>,
    pub cheapest_blended_per_million: Option<Money>,
    /// Whether any price of it is in effect on the day.
    pub priced: bool,
    /// Why a number is missing.
    pub note: Option<String>,
}

/// The live models named by `slugs`, in that order, compared on `day` in `currency`: a
/// fixed number of statements for any number of models (the models, their offerings, those
/// offerings' prices and free quotas, the exchange rates the rows need).
pub async fn compare_models<C: ConnectionTrait>(
    db: &C,
    slugs: &[String],
    currency: &str,
    day: NaiveDate,
    ratio: Blend,
) -> Result<Vec<Comparison>, ApiError> {
    if slugs.is_empty() || slugs.len() > MAX_MODELS {
        return Err(ApiError::bad_input(format!(
            "compare 1 to {MAX_MODELS} models"
        )));
    }
    let ratio = ratio.checked()?;
    let models = named_models(db, slugs).await?;
    let mut offerings_of =
        offerings_of(db, &models.iter().map(|m| m.id).collect::<Vec<_>>()).await?;
    let mut all: Vec<offering::Model> = Vec::new();
    for m in &models {
        all.extend(offerings_of.remove(&m.id).unwrap_or_default());
    }
    let mut offers = offers(db, all, day).await?;
    let target = currency_code(currency)?;
    let headline_rows = offers
        .iter()
        .flat_map(|o| o.prices.iter())
        .filter(|p| is_headline(p));
    let rates = rates_to(db, headline_rows, &target, day).await?;

    let mut rows = Vec::new();
    for slug in slugs {
        let m = models
            .iter()
            .find(|m| &m.slug == slug)
            .expect("checked above")
            .clone();
        let (own, rest): (Vec<Offer>, Vec<Offer>) = offers
            .into_iter()
            .partition(|o| o.offering.model_id == m.id);
        offers = rest;
        rows.push(compare_one(m, own, &target, &rates, day, ratio)?);
    }
    Ok(rows)
}

fn compare_one(
    m: model::Model,
    offers: Vec<Offer>,
    currency: &str,
    rates: &Rates,
    day: NaiveDate,
    ratio: Blend,
) -> Result<Comparison, ApiError> {
    let mut compared = Vec::new();
    for offer in offers {
        let normalised = |dimension: PriceDimension| -> Result<Option<Money>, ApiError> {
            let Some(p) = offer
                .prices
                .iter()
                .find(|p| is_headline(p) && p.dimension == dimension)
            else {
                return Ok(None);
            };
            convert(rates, Dec::from(per_million(p)), &p.currency, currency, day).map(Some)
        };
        let input = normalised(PriceDimension::InputTokens)?;
        let output = normalised(PriceDimension::OutputTokens)?;
        let cached = normalised(PriceDimension::CachedInputTokens)?;
        let blended = match (&input, &output) {
            (Some(i), Some(o)) => Some(Money::new(
                Dec::from(ratio.blend(i.amount.0, o.amount.0)),
                &i.currency,
                Some(day),
            )),
            _ => None,
        };
        compared.push(OfferingLine {
            offering: offer.offering,
            input_per_million: input,
            output_per_million: output,
            cached_input_per_million: cached,
            blended_per_million: blended,
            prices: offer.prices,
            free_quotas: offer.free_quotas,
        });
    }
    compared.sort_by(|a, b| {
        let key = |c: &OfferingLine| c.blended_per_million.as_ref().map(|m| m.amount);
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.offering.api_model_id.cmp(&b.offering.api_model_id),
        }
    });
    let priced = compared.iter().any(|c| !c.prices.is_empty());
    let cheapest = compared.iter().find_map(|c| c.blended_per_million.clone());
    let note = if !priced {
        Some(format!("no price in effect on {day}"))
    } else if cheapest.is_none() {
        Some("no standard per-token input and output prices: see the offerings' price rows".into())
    } else {
        None
    };
    Ok(Comparison {
        model: m,
        offerings: compared,
        cheapest_blended_per_million: cheapest,
        priced,
        note,
    })
}
