//! The one list of record kinds: the names global ids, revisions, search and the seeds use.

use std::fmt;

macro_rules! kinds {
    ($( $(#[$meta:meta])* $kind:ident ),+ $(,)?) => {
        /// Every kind of record that has a global id and may appear in the audit trail.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $( $(#[$meta])* $kind, )+
        }

        impl Kind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [Kind] = &[$(Kind::$kind),+];

            /// The type name: the GraphQL type, the prefix inside a global id and the
            /// `entity_type` of a revision.
            pub const fn name(self) -> &'static str {
                match self { $(Kind::$kind => stringify!($kind)),+ }
            }
        }
    };
}

kinds! {
    Company,
    Model,
    MediaType,
    Task,
    Offering,
    Product,
    Price,
    FreeQuota,
    SubscriptionPlan,
    CreditCost,
    ExchangeRate,
    Event,
    Filing,
    Benchmark,
    Score,
    User,
    ApiToken,
    Revision,
    Source,
    InboxItem,
    Webhook,
    WebhookDelivery,
}

impl Kind {
    /// The kind a type name (as ids and revisions record it) names.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_decodes_to_its_own_kind() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_name(kind.name()), Some(*kind));
        }
        assert_eq!(Kind::from_name("CreditCost"), Some(Kind::CreditCost));
        assert_eq!(Kind::from_name("Nope"), None);
    }
}
