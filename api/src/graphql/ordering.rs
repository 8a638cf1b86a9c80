//! `orderBy` inputs: a list of `{ field, direction }`, applied in order, id last.

/// Declares `<Entity>OrderField` (the sortable fields, each mapped to its column) and
/// `<Entity>Order` (`{ field, direction }`), with `keys()` turning a list of them into sort
/// keys for [`super::pagination::fetch`].
macro_rules! order_by {
    (
        $(#[$doc:meta])* $input:ident,
        $(#[$fdoc:meta])* $field:ident for $entity:ident {
            $( $(#[$vdoc:meta])* $variant:ident => $column:ident ),+ $(,)?
        }
    ) => {
        $(#[$fdoc])*
        #[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $field { $( $(#[$vdoc])* $variant ),+ }

        $(#[$doc])*
        #[derive(async_graphql::InputObject, Clone, Copy, Debug)]
        pub struct $input {
            /// The field to order by.
            pub field: $field,
            /// Smallest or largest first; nulls come last either way.
            #[graphql(default)]
            pub direction: $crate::graphql::pagination::OrderDirection,
        }

        impl $input {
            /// The sort keys, or `default` when no order was given.
            pub fn keys(
                orders: &[$input],
                default: Vec<$crate::graphql::pagination::SortKey<entities::$entity::Column>>,
            ) -> Vec<$crate::graphql::pagination::SortKey<entities::$entity::Column>> {
                if orders.is_empty() {
                    return default;
                }
                orders
                    .iter()
                    .map(|o| $crate::graphql::pagination::SortKey {
                        column: match o.field {
                            $( $field::$variant => entities::$entity::Column::$column ),+
                        },
                        direction: o.direction,
                    })
                    .collect()
            }
        }
    };
}

pub(crate) use order_by;
