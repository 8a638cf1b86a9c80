//! The answer's fields in the order the query asked for them.
//!
//! GraphQL writes each object's fields in the order its selection set names them (the spec's
//! CollectFields, §7.2.2 "Serialized Map Ordering"). async-graphql 7.2 collects an object's
//! fields as their futures complete (async-graphql#612), so a field that waits on a loader
//! (a model's `offerings`) can land after one written below it, and the same query over the
//! same rows could answer in different orders — different bytes, so a different `ETag` for
//! the same data. [`reorder`] puts every object of an answer back in its selection's order,
//! after execution, from the document and the schema's types.

use std::{
    collections::{HashMap, HashSet},
    sync::OnceLock,
};

use async_graphql::{
    Name, Value, Variables,
    indexmap::IndexMap,
    parser::types::{
        BaseType, Directive, DocumentOperations, ExecutableDocument, OperationDefinition,
        OperationType, Selection, SelectionSet, Type, TypeKind, TypeSystemDefinition,
    },
};

/// What ordering needs of the schema: each output type's fields and the types they return,
/// the concrete types behind each union and interface, and what each concrete type belongs to.
#[derive(Default)]
struct Types {
    fields: HashMap<String, HashMap<String, String>>,
    members: HashMap<String, Vec<String>>,
    belongs_to: HashMap<String, HashSet<String>>,
    roots: [Option<String>; 2],
}

impl Types {
    /// Reads the schema's SDL once per process (the types are the code's, not the data's).
    fn get() -> &'static Types {
        static TYPES: OnceLock<Types> = OnceLock::new();
        TYPES.get_or_init(|| Types::from_sdl(&super::schema::sdl()))
    }

    fn from_sdl(sdl: &str) -> Types {
        let mut types = Types::default();
        let Ok(document) = async_graphql::parser::parse_schema(sdl) else {
            return types;
        };
        for definition in document.definitions {
            match definition {
                TypeSystemDefinition::Schema(schema) => {
                    let schema = schema.node;
                    types.roots = [
                        schema.query.map(|name| name.node.to_string()),
                        schema.mutation.map(|name| name.node.to_string()),
                    ];
                }
                TypeSystemDefinition::Type(ty) => {
                    let name = ty.node.name.node.to_string();
                    let (implements, fields) = match ty.node.kind {
                        TypeKind::Object(object) => (object.implements, object.fields),
                        TypeKind::Interface(interface) => (interface.implements, interface.fields),
                        TypeKind::Union(union) => {
                            for member in &union.members {
                                types
                                    .belongs_to
                                    .entry(member.node.to_string())
                                    .or_default()
                                    .insert(name.clone());
                            }
                            let members = union.members.iter().map(|m| m.node.to_string());
                            types.members.insert(name, members.collect());
                            continue;
                        }
                        _ => continue,
                    };
                    for interface in implements {
                        let interface = interface.node.to_string();
                        types
                            .members
                            .entry(interface.clone())
                            .or_default()
                            .push(name.clone());
                        types
                            .belongs_to
                            .entry(name.clone())
                            .or_default()
                            .insert(interface);
                    }
                    let fields = fields
                        .into_iter()
                        .map(|f| (f.node.name.node.to_string(), named(&f.node.ty.node)));
                    types.fields.insert(name, fields.collect());
                }
                TypeSystemDefinition::Directive(_) => {}
            }
        }
        types
    }

    fn root(&self, ty: OperationType) -> Option<&str> {
        let (index, default) = match ty {
            OperationType::Query => (0, "Query"),
            OperationType::Mutation => (1, "Mutation"),
            OperationType::Subscription => return None,
        };
        Some(self.roots[index].as_deref().unwrap_or(default))
    }

    fn field_type(&self, ty: &str, field: &str) -> Option<&str> {
        self.fields.get(ty)?.get(field).map(String::as_str)
    }

    /// Whether a fragment on `condition` applies to an object of the concrete type `ty`.
    fn applies(&self, condition: &str, ty: &str) -> bool {
        condition == ty
            || self
                .belongs_to
                .get(ty)
                .is_some_and(|of| of.contains(condition))
    }
}

/// The named type at the bottom of a field's (list, non-null) type.
fn named(ty: &Type) -> String {
    match &ty.base {
        BaseType::Named(name) => name.to_string(),
        BaseType::List(inner) => named(inner),
    }
}

/// One request's document and variables: enough to collect any selection's fields.
struct Request<'a> {
    document: &'a ExecutableDocument,
    operation: &'a OperationDefinition,
    variables: &'a Variables,
    types: &'static Types,
}

/// A selection's fields for one concrete type, in order: each response key once, with every
/// selection set asked of it (a key named twice merges its sub-selections).
type Collected<'a> = Vec<(&'a Name, &'a Name, Vec<&'a SelectionSet>)>;

impl<'a> Request<'a> {
    /// Whether `@skip` or `@include` leaves this selection out.
    fn skipped(&self, directives: &[async_graphql::Positioned<Directive>]) -> bool {
        directives.iter().any(|directive| {
            let wanted = match directive.node.name.node.as_str() {
                "skip" => true,
                "include" => false,
                _ => return false,
            };
            let condition = directive.node.get_argument("if").and_then(|value| {
                value
                    .node
                    .clone()
                    .into_const_with(|name| self.variable(&name).ok_or(()))
                    .ok()
            });
            matches!(condition, Some(Value::Boolean(b)) if b == wanted)
        })
    }

    fn variable(&self, name: &Name) -> Option<Value> {
        if let Some(value) = self.variables.get(name) {
            return Some(value.clone());
        }
        let definitions = &self.operation.variable_definitions;
        let definition = definitions.iter().find(|d| d.node.name.node == *name)?;
        definition.node.default_value().cloned()
    }

    fn collect(&self, ty: &str, sets: &[&'a SelectionSet]) -> Collected<'a> {
        let mut collected = Collected::new();
        let mut fragments = HashSet::new();
        for set in sets {
            self.collect_into(ty, set, &mut collected, &mut fragments);
        }
        collected
    }

    fn collect_into(
        &self,
        ty: &str,
        set: &'a SelectionSet,
        collected: &mut Collected<'a>,
        fragments: &mut HashSet<&'a str>,
    ) {
        for selection in &set.items {
            if self.skipped(selection.node.directives()) {
                continue;
            }
            match &selection.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let key = &field.response_key().node;
                    let sub = &field.selection_set.node;
                    match collected.iter_mut().find(|(k, _, _)| *k == key) {
                        Some((_, _, sets)) => sets.push(sub),
                        None => collected.push((key, &field.name.node, vec![sub])),
                    }
                }
                Selection::FragmentSpread(spread) => {
                    let name = spread.node.fragment_name.node.as_str();
                    let Some(fragment) = self.document.fragments.get(name) else {
                        continue;
                    };
                    let condition = fragment.node.type_condition.node.on.node.as_str();
                    if fragments.insert(name) && self.types.applies(condition, ty) {
                        self.collect_into(
                            ty,
                            &fragment.node.selection_set.node,
                            collected,
                            fragments,
                        );
                    }
                }
                Selection::InlineFragment(inline) => {
                    let applies = inline.node.type_condition.as_ref().is_none_or(|condition| {
                        self.types.applies(condition.node.on.node.as_str(), ty)
                    });
                    if applies {
                        self.collect_into(
                            ty,
                            &inline.node.selection_set.node,
                            collected,
                            fragments,
                        );
                    }
                }
            }
        }
    }

    /// Whether an object with `object`'s keys could be of the concrete type `ty`: its
    /// selection for `ty` names exactly those keys.
    fn fits(&self, ty: &str, sets: &[&'a SelectionSet], object: &IndexMap<Name, Value>) -> bool {
        let collected = self.collect(ty, sets);
        collected.len() == object.len()
            && collected
                .iter()
                .all(|(key, _, _)| object.contains_key(*key))
    }

    /// Puts `value`, answered for `ty` from `sets`, in the selections' order, all the way down.
    fn order(&self, value: &mut Value, ty: &str, sets: &[&'a SelectionSet]) {
        let members = self.types.members.get(ty);
        match value {
            Value::List(items) => {
                // A list of one concrete type is collected once, not once per item.
                let plan = members.is_none().then(|| self.collect(ty, sets));
                for item in items {
                    match &plan {
                        Some(plan) if matches!(item, Value::Object(_)) => {
                            self.apply(item, ty, plan)
                        }
                        _ => self.order(item, ty, sets),
                    }
                }
            }
            Value::Object(object) => {
                // An object answered for a union or an interface is of the first member whose
                // selection names exactly its keys. (Two members selecting the same keys in
                // different orders cannot be told apart from the answer; the first wins.)
                let concrete = match members {
                    None => ty,
                    Some(members) => match members.iter().find(|m| self.fits(m, sets, object)) {
                        Some(member) => member.as_str(),
                        None => return,
                    },
                };
                let plan = self.collect(concrete, sets);
                self.apply(value, concrete, &plan);
            }
            _ => {}
        }
    }

    /// Orders one object of the concrete type `ty` by `plan`, then each field's value.
    fn apply(&self, value: &mut Value, ty: &str, plan: &Collected<'a>) {
        let Value::Object(object) = value else {
            return;
        };
        let in_order = object
            .keys()
            .zip(plan.iter())
            .all(|(key, (want, _, _))| key == *want);
        if !in_order {
            let mut unordered = std::mem::take(object);
            for (key, _, _) in plan {
                if let Some((key, value)) = unordered.shift_remove_entry(*key) {
                    object.insert(key, value);
                }
            }
            object.extend(unordered);
        }
        for (key, field, sets) in plan {
            let Some(field_type) = self.types.field_type(ty, field) else {
                continue;
            };
            if let Some(child) = object.get_mut(*key)
                && !matches!(child, Value::Null)
            {
                self.order(child, field_type, sets);
            }
        }
    }
}

/// Puts the `data` that `document` (with `variables`, running `operation_name`) answered in the
/// order its selections name the fields.
pub fn reorder(
    data: &mut Value,
    document: &ExecutableDocument,
    operation_name: Option<&str>,
    variables: &Variables,
) {
    let operation = match (&document.operations, operation_name) {
        (DocumentOperations::Single(operation), _) => &operation.node,
        (DocumentOperations::Multiple(operations), Some(name)) => match operations.get(name) {
            Some(operation) => &operation.node,
            None => return,
        },
        (DocumentOperations::Multiple(_), None) => return,
    };
    let types = Types::get();
    let Some(root) = types.root(operation.ty) else {
        return;
    };
    let request = Request {
        document,
        operation,
        variables,
        types,
    };
    let sets = [&operation.selection_set.node];
    let plan = request.collect(root, &sets);
    request.apply(data, root, &plan);
}

#[cfg(test)]
mod tests {
    use async_graphql::{Value, Variables, parser::parse_query};
    use serde_json::json;

    fn ordered(query: &str, variables: serde_json::Value, answer: serde_json::Value) -> String {
        let document = parse_query(query).expect("the test's query parses");
        let variables = Variables::from_json(variables);
        let mut data = Value::from_json(answer).expect("an answer");
        super::reorder(&mut data, &document, None, &variables);
        serde_json::to_string(&data).unwrap()
    }

    #[test]
    fn every_object_follows_its_selection_aliases_and_repeated_keys_included() {
        let query = "{ models(first: 2) { nodes { slug company { name slug } \
                     short: name offerings { apiModelId } slug } } }";
        let answer = json!({ "models": { "nodes": [
            { "offerings": [{ "apiModelId": "a" }], "company": { "slug": "c", "name": "C" },
              "short": "M", "slug": "m" },
            { "short": "N", "offerings": [], "slug": "n", "company": null },
        ] } });
        assert_eq!(
            ordered(query, json!({}), answer),
            r#"{"models":{"nodes":[{"slug":"m","company":{"name":"C","slug":"c"},"short":"M","offerings":[{"apiModelId":"a"}]},{"slug":"n","company":null,"short":"N","offerings":[]}]}}"#
        );
    }

    #[test]
    fn a_union_member_is_told_by_its_keys_and_fragments_apply_by_type() {
        let query = "query { search(query: \"x\") { nodes { \
                     ... on Model { name slug } ... on Company { slug name country } ...N } } } \
                     fragment N on Node { id }";
        let answer = json!({ "search": { "nodes": [
            { "id": "1", "slug": "m", "name": "M" },
            { "country": "CN", "id": "2", "name": "C", "slug": "c" },
        ] } });
        assert_eq!(
            ordered(query, json!({}), answer),
            r#"{"search":{"nodes":[{"name":"M","slug":"m","id":"1"},{"slug":"c","name":"C","country":"CN","id":"2"}]}}"#
        );
    }

    #[test]
    fn a_skipped_selection_takes_no_place_in_the_order() {
        let query = "query($hide: Boolean!, $show: Boolean = true) { company(slug: \"c\") { \
                     name @skip(if: $hide) slug @include(if: $show) country name } }";
        let answer = json!({ "company": { "name": "C", "country": "CN", "slug": "c" } });
        assert_eq!(
            ordered(query, json!({ "hide": true }), answer),
            r#"{"company":{"slug":"c","country":"CN","name":"C"}}"#
        );
    }
}
