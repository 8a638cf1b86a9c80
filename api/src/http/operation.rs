//! What a GraphQL document asks for, read once before it runs: whether it writes, whether it
//! only signs in, how many fields it selects, the label it is counted under in metrics, and
//! whether its answer may be shared by every caller of a role (the response cache).

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationDefinition, OperationType, Selection,
    SelectionSet,
};

/// The shape of a parsed request document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// Any of its operations is a mutation (so it goes to the primary database).
    pub mutation: bool,
    /// Every operation only calls `login` (or `__typename`): allowed without a token.
    pub only_signs_in: bool,
    /// The operation that runs asks for `__schema` or `__type` at its root.
    pub introspects: bool,
    /// Field selections in the whole document, aliases and fragments included.
    pub fields: usize,
    /// The metrics label: the root field of the operation that runs (a schema name, so the
    /// label values are bounded), `multiple` when it asks for several different ones.
    pub label: String,
    /// The operation that runs is a query whose answer is the same for every caller of one
    /// role: it asks for nothing of the caller's own ([`PER_CALLER`]).
    pub shared: bool,
}

/// Root fields whose answers belong to one caller (or reach records that do, by id), so a
/// response cache keyed by role must never hold them.
pub const PER_CALLER: [&str; 7] = [
    "me",
    "users",
    "tokens",
    "webhooks",
    "webhookDeliveries",
    "node",
    "nodes",
];

/// Reads `query`; `None` when it does not parse (execution then reports why).
pub fn inspect(query: &str, operation_name: Option<&str>) -> Option<Operation> {
    let document = async_graphql::parser::parse_query(query).ok()?;
    let operations: Vec<(Option<&str>, &OperationDefinition)> = match &document.operations {
        DocumentOperations::Single(op) => vec![(None, &op.node)],
        DocumentOperations::Multiple(ops) => ops
            .iter()
            .map(|(name, op)| (Some(name.as_str()), &op.node))
            .collect(),
    };
    let roots = |op: &OperationDefinition| -> Vec<String> {
        op.selection_set
            .node
            .items
            .iter()
            .filter_map(|item| match &item.node {
                Selection::Field(field) => Some(field.node.name.node.to_string()),
                _ => None,
            })
            .collect()
    };
    let mutation = operations
        .iter()
        .any(|(_, op)| op.ty == OperationType::Mutation);
    let only_signs_in = operations.iter().all(|(_, op)| {
        op.selection_set
            .node
            .items
            .iter()
            .all(|item| match &item.node {
                Selection::Field(field) => {
                    matches!(field.node.name.node.as_str(), "login" | "__typename")
                }
                _ => false,
            })
    });
    let chosen = match (operation_name, operations.as_slice()) {
        (_, [(_, op)]) => Some(*op),
        (Some(wanted), ops) => ops
            .iter()
            .find(|(name, _)| *name == Some(wanted))
            .map(|(_, op)| *op),
        (None, _) => None,
    };
    let introspects = chosen.is_some_and(|op| {
        roots(op)
            .iter()
            .any(|name| name == "__schema" || name == "__type")
    });
    let label = match chosen {
        None => "invalid".to_owned(),
        Some(op) => {
            let mut names = roots(op);
            names.retain(|name| name != "__typename");
            names.sort();
            names.dedup();
            match names.as_slice() {
                [] => "__typename".to_owned(),
                [one] => one.clone(),
                _ => "multiple".to_owned(),
            }
        }
    };
    let shared = chosen.is_some_and(|op| {
        op.ty == OperationType::Query
            && roots(op)
                .iter()
                .all(|name| !PER_CALLER.contains(&name.as_str()))
    });
    Some(Operation {
        mutation,
        only_signs_in,
        introspects,
        fields: count_fields(&document),
        label,
        shared,
    })
}

fn count_fields(document: &ExecutableDocument) -> usize {
    fn in_set(set: &SelectionSet) -> usize {
        set.items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(field) => 1 + in_set(&field.node.selection_set.node),
                Selection::InlineFragment(fragment) => in_set(&fragment.node.selection_set.node),
                Selection::FragmentSpread(_) => 0,
            })
            .sum()
    }
    let operations: usize = match &document.operations {
        DocumentOperations::Single(op) => in_set(&op.node.selection_set.node),
        DocumentOperations::Multiple(ops) => ops
            .values()
            .map(|op| in_set(&op.node.selection_set.node))
            .sum(),
    };
    operations
        + document
            .fragments
            .values()
            .map(|fragment| in_set(&fragment.node.selection_set.node))
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::inspect;

    #[test]
    fn labels_are_root_field_names() {
        let op = inspect(
            "{ a: models { totalCount } b: models { totalCount } }",
            None,
        )
        .unwrap();
        assert_eq!(op.label, "models");
        assert_eq!(op.fields, 4);
        assert!(!op.mutation);
        assert!(op.shared);
        assert!(
            !inspect("{ me { email } models { totalCount } }", None)
                .unwrap()
                .shared
        );
        assert!(
            !inspect("{ n: node(id: \"x\") { id } }", None)
                .unwrap()
                .shared
        );
        let op = inspect("{ models { totalCount } companies { totalCount } }", None).unwrap();
        assert_eq!(op.label, "multiple");
        let op = inspect("query A { models { totalCount } } mutation B { login(email: \"a\", password: \"b\") { token } }", Some("A")).unwrap();
        assert_eq!(op.label, "models");
        assert!(op.mutation);
        assert!(!op.only_signs_in);
        let op = inspect(
            "query A { models { totalCount } } query B { search { x } }",
            None,
        )
        .unwrap();
        assert_eq!(op.label, "invalid");
        assert!(inspect("{ models ", None).is_none());
    }

    #[test]
    fn fragments_count_once_where_defined() {
        let op = inspect(
            "{ models { ...F ...F } } fragment F on ModelConnection { totalCount nodes { slug } }",
            None,
        )
        .unwrap();
        assert_eq!(op.fields, 4);
    }
}
