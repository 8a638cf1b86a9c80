//! Each editable kind's value rules, one `impl` per kind, in the order of the declarations
//! in `record`. A rule added here holds for the API and the seed files alike.

use chrono::NaiveTime;

use super::{Check, Rules};
use crate::*;

impl Rules for company::Entity {
    fn check(m: &company::Model, r: &mut Check<'_>) {
        r.slug("slug", &m.slug);
        r.country("country", m.country.as_deref());
        if let Some(year) = m.founded_year
            && !(1800..=2200).contains(&year)
        {
            r.fail(
                "founded_year",
                format!("{year} is not a plausible founding year"),
            );
        }
        r.url("website", m.website.as_deref());
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for model::Entity {
    fn check(m: &model::Model, r: &mut Check<'_>) {
        r.slug("slug", &m.slug);
        r.after(
            ("retired_on", m.retired_on),
            ("release_date", m.release_date),
            false,
        );
        r.after(
            ("deprecated_on", m.deprecated_on),
            ("release_date", m.release_date),
            false,
        );
        r.after(
            ("retired_on", m.retired_on),
            ("deprecated_on", m.deprecated_on),
            false,
        );
        r.positive("parameter_count", m.parameter_count);
        r.positive("context_window", m.context_window);
        r.positive("max_output_tokens", m.max_output_tokens);
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for offering::Entity {
    fn check(m: &offering::Model, r: &mut Check<'_>) {
        r.after(
            ("served_to", m.served_to),
            ("served_from", m.served_from),
            true,
        );
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for product::Entity {
    fn check(m: &product::Model, r: &mut Check<'_>) {
        r.slug("slug", &m.slug);
        r.url("url", m.url.as_deref());
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for price::Entity {
    fn check(m: &price::Model, r: &mut Check<'_>) {
        r.not_negative("amount", Some(&m.amount));
        r.currency("currency", &m.currency);
        r.positive("unit_quantity", Some(m.unit_quantity));
        for (column, bound) in [
            ("min_input_tokens", m.min_input_tokens),
            ("max_input_tokens", m.max_input_tokens),
        ] {
            if let Some(n) = bound
                && n < 0
            {
                r.fail(
                    column,
                    format!("{n} is negative: a context tier's token bound is 0 or more"),
                );
            }
        }
        if let (Some(min), Some(max)) = (m.min_input_tokens, m.max_input_tokens)
            && max < min
        {
            let min_name = r.spell("min_input_tokens");
            r.fail(
                "max_input_tokens",
                format!("{max} is below {min_name} {min}"),
            );
        }
        r.positive("cache_ttl_seconds", m.cache_ttl_seconds);
        for (column, time) in [
            ("window_start", &m.window_start),
            ("window_end", &m.window_end),
        ] {
            if let Some(time) = time
                && NaiveTime::parse_from_str(time, "%H:%M").is_err()
            {
                r.fail(
                    column,
                    format!("`{time}` is not a time of day: write HH:MM, e.g. 00:30"),
                );
            }
        }
        if m.window_start.is_some() != m.window_end.is_some() {
            let (start, end) = (r.spell("window_start"), r.spell("window_end"));
            r.fail(
                "window_end",
                format!("a time-of-day window needs both {start} and {end}"),
            );
        }
        r.positive("duration_seconds", m.duration_seconds);
        r.after(
            ("effective_to", m.effective_to),
            ("effective_from", Some(m.effective_from)),
            true,
        );
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for free_quota::Entity {
    fn check(m: &free_quota::Model, r: &mut Check<'_>) {
        r.not_negative("quantity", Some(&m.quantity));
        r.positive("expires_after_days", m.expires_after_days);
        r.after(
            ("effective_to", m.effective_to),
            ("effective_from", Some(m.effective_from)),
            true,
        );
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for subscription_plan::Entity {
    fn check(m: &subscription_plan::Model, r: &mut Check<'_>) {
        r.slug("slug", &m.slug);
        r.not_negative("amount", Some(&m.amount));
        r.currency("currency", &m.currency);
        r.not_negative("first_period_amount", m.first_period_amount.as_ref());
        r.not_negative("credits_per_period", m.credits_per_period.as_ref());
        r.after(
            ("effective_to", m.effective_to),
            ("effective_from", Some(m.effective_from)),
            true,
        );
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for credit_cost::Entity {
    fn check(m: &credit_cost::Model, r: &mut Check<'_>) {
        r.positive("unit_quantity", Some(m.unit_quantity));
        r.not_negative("credits", Some(&m.credits));
        r.after(
            ("effective_to", m.effective_to),
            ("effective_from", Some(m.effective_from)),
            true,
        );
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for event::Entity {
    fn check(m: &event::Model, r: &mut Check<'_>) {
        r.slug("slug", &m.slug);
        if !(1..=5).contains(&m.importance) {
            r.fail(
                "importance",
                format!("{} is out of range: importance is 1 to 5", m.importance),
            );
        }
        if m.source_urls.0.is_empty() {
            r.fail(
                "source_urls",
                "is empty: an event needs at least one source URL",
            );
        }
        for url in &m.source_urls.0 {
            r.url("source_urls", Some(url));
        }
        r.not_negative("amount", m.amount.as_ref());
        match &m.currency {
            Some(code) => r.currency("currency", code),
            None if m.amount.is_some() || m.valuation.is_some() => r.fail(
                "currency",
                "is missing: an amount or valuation needs a currency",
            ),
            None => {}
        }
        r.not_negative("valuation", m.valuation.as_ref());
        // The seed files give its sources only as `source_urls`, the first of which is kept
        // as its provenance: checked once, above.
        if !m
            .source_url
            .as_ref()
            .is_some_and(|u| m.source_urls.0.contains(u))
        {
            r.provenance(m.source_url.as_deref());
        }
    }
}

impl Rules for filing::Entity {
    fn check(m: &filing::Model, r: &mut Check<'_>) {
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for exchange_rate::Entity {
    fn check(m: &exchange_rate::Model, r: &mut Check<'_>) {
        r.currency("base_currency", &m.base_currency);
        r.currency("quote_currency", &m.quote_currency);
        if m.base_currency == m.quote_currency {
            let base = r.spell("base_currency");
            r.fail("quote_currency", format!("is the same currency as {base}"));
        }
        r.positive_dec("rate", &m.rate);
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for benchmark::Entity {
    fn check(m: &benchmark::Model, r: &mut Check<'_>) {
        r.slug("slug", &m.slug);
        r.url("url", m.url.as_deref());
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for score::Entity {
    fn check(m: &score::Model, r: &mut Check<'_>) {
        r.provenance(m.source_url.as_deref());
    }
}

impl Rules for source::Entity {
    fn check(m: &source::Model, r: &mut Check<'_>) {
        r.slug("slug", &m.slug);
        r.url("feed_url", Some(&m.feed_url));
        if let Some(lang) = &m.language
            && !(lang.len() <= 20 && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        {
            r.fail(
                "language",
                format!("`{lang}` is not a language tag such as `zh` or `en`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::super::{camel, violations};
    use crate::*;

    #[test]
    fn a_negative_bound_and_an_inverted_tier_are_refused() {
        let price = price::Model {
            amount: Dec(rust_decimal::Decimal::ONE),
            currency: "CNY".into(),
            unit_quantity: 1_000_000,
            min_input_tokens: Some(-5),
            max_input_tokens: Some(-10),
            effective_from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            ..Default::default()
        };
        let columns: Vec<&str> = violations::<price::Entity>(&price, &camel)
            .iter()
            .map(|v| v.column)
            .collect();
        assert_eq!(
            columns,
            ["min_input_tokens", "max_input_tokens", "max_input_tokens"]
        );
        assert_eq!(camel("min_input_tokens"), "minInputTokens");
    }
}
