//! Editing subscription plans: the plan's fields, the models it includes, and its mutations.

use async_graphql::{ID, InputObject, MaybeUndefined};
use async_trait::async_trait;
use entities::{BillingPeriod, record::links, subscription_plan};
use sea_orm::DatabaseTransaction;

use super::SubscriptionPlan;
use crate::graphql::validate::{ProvenanceInput, optional, optional_date, optional_dec, text};
use crate::{
    error::ApiError,
    graphql::{
        editing::mutations,
        ids::Kind,
        product::model_ids,
        scalars::{Date, Decimal},
    },
    service::editing::{Apply, EditSpec},
};

/// A subscription plan's fields. Creating needs `productId`, `slug`, `name`,
/// `billingPeriod`, `amount`, `currency` and `effectiveFrom`.
#[derive(InputObject, Default)]
pub struct SubscriptionPlanInput {
    /// Id of the product.
    pub product_id: MaybeUndefined<ID>,
    /// Key within the product, e.g. "plus".
    pub slug: MaybeUndefined<String>,
    /// Name as the vendor shows it.
    pub name: MaybeUndefined<String>,
    /// Chinese name.
    pub name_zh: MaybeUndefined<String>,
    /// How often it is billed.
    pub billing_period: MaybeUndefined<BillingPeriod>,
    /// Price of one period, exact, 0 or more.
    pub amount: MaybeUndefined<Decimal>,
    /// ISO 4217 code of the price.
    pub currency: MaybeUndefined<String>,
    /// Whether the price includes tax.
    pub tax_included: MaybeUndefined<bool>,
    /// Price of the first period, where a promotion lowers it.
    pub first_period_amount: MaybeUndefined<Decimal>,
    /// Usage caps as published.
    pub usage_caps: MaybeUndefined<String>,
    /// Credits granted each period.
    pub credits_per_period: MaybeUndefined<Decimal>,
    /// Ids of the models it includes (replaces the list).
    pub model_ids: MaybeUndefined<Vec<ID>>,
    /// First day in effect.
    pub effective_from: MaybeUndefined<Date>,
    /// Day it stopped (exclusive).
    pub effective_to: MaybeUndefined<Date>,
    /// Team-only notes.
    pub notes: MaybeUndefined<String>,
    /// Where the facts come from.
    #[graphql(flatten)]
    pub provenance: ProvenanceInput,
}

#[async_trait]
impl EditSpec for subscription_plan::Entity {
    type Input = SubscriptionPlanInput;
    type Links = Option<Vec<i64>>;

    async fn apply(
        cx: &mut Apply<'_>,
        m: &mut subscription_plan::Model,
        input: SubscriptionPlanInput,
    ) -> Result<Option<Vec<i64>>, ApiError> {
        cx.required_reference(
            "productId",
            &mut m.product_id,
            input.product_id,
            Kind::Product,
        )
        .await?;
        cx.required("slug", &mut m.slug, text(input.slug));
        cx.required("name", &mut m.name, text(input.name));
        optional(&mut m.name_zh, text(input.name_zh));
        cx.required("billingPeriod", &mut m.billing_period, input.billing_period);
        cx.required("amount", &mut m.amount, input.amount.map_value(|d| d.0));
        cx.required(
            "currency",
            &mut m.currency,
            text(input.currency).map_value(|c| c.to_uppercase()),
        );
        optional(&mut m.tax_included, input.tax_included);
        optional_dec(&mut m.first_period_amount, input.first_period_amount);
        optional(&mut m.usage_caps, text(input.usage_caps));
        optional_dec(&mut m.credits_per_period, input.credits_per_period);
        cx.required(
            "effectiveFrom",
            &mut m.effective_from,
            input.effective_from.map_value(|d| d.0),
        );
        optional_date(&mut m.effective_to, input.effective_to);
        optional(&mut m.notes, text(input.notes));
        cx.provenance(input.provenance, m);
        Ok(match input.model_ids {
            MaybeUndefined::Value(ids) => {
                Some(model_ids(cx.txn, cx.errors, "modelIds", ids).await?)
            }
            MaybeUndefined::Null => Some(Vec::new()),
            MaybeUndefined::Undefined => None,
        })
    }

    async fn write_links(
        txn: &DatabaseTransaction,
        id: i64,
        models: Option<Vec<i64>>,
    ) -> Result<(), ApiError> {
        if let Some(models) = models {
            let targets: Vec<(i64, Option<String>)> =
                models.into_iter().map(|t| (t, None)).collect();
            links::replace(txn, &links::PLAN_MODELS, id, &targets).await?;
        }
        Ok(())
    }
}

mutations! {
    entity: subscription_plan::Entity,
    wrapper: SubscriptionPlan,
    kind: Kind::SubscriptionPlan,
    input: SubscriptionPlanInput,
    payload: SubscriptionPlanPayload { subscription_plan },
    mutation: SubscriptionPlanMutation {
        create_subscription_plan, update_subscription_plan, delete_subscription_plan, restore_subscription_plan
    },
    what: "subscription plan",
}
