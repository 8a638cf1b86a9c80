//! Every type, field, argument, input field and enum value of the schema has a description:
//! they are what a team member reads in the playground.

use serde_json::json;

use crate::harness::{Backend, TestApp};

const BUILT_IN: [&str; 5] = ["String", "Int", "Float", "Boolean", "ID"];

#[tokio::test]
async fn every_schema_element_is_described() {
    let app = TestApp::empty(Backend::Sqlite).await;
    let data = app
        .data(
            r#"{ __schema { types { name kind description
                 fields(includeDeprecated: true) { name description args { name description } }
                 inputFields { name description }
                 enumValues(includeDeprecated: true) { name description } } } }"#,
            json!({}),
        )
        .await;
    let described = |v: &serde_json::Value| v.as_str().is_some_and(|s| !s.trim().is_empty());
    let mut missing = Vec::new();
    for ty in data["__schema"]["types"].as_array().unwrap() {
        let name = ty["name"].as_str().unwrap();
        if name.starts_with("__") || BUILT_IN.contains(&name) {
            continue;
        }
        if !described(&ty["description"]) {
            missing.push(format!("type {name}"));
        }
        for field in ty["fields"].as_array().into_iter().flatten() {
            let field_name = field["name"].as_str().unwrap();
            if !described(&field["description"]) {
                missing.push(format!("field {name}.{field_name}"));
            }
            for arg in field["args"].as_array().into_iter().flatten() {
                if !described(&arg["description"]) {
                    missing.push(format!("argument {name}.{field_name}({})", arg["name"]));
                }
            }
        }
        for field in ty["inputFields"].as_array().into_iter().flatten() {
            if !described(&field["description"]) {
                missing.push(format!("input field {name}.{}", field["name"]));
            }
        }
        for value in ty["enumValues"].as_array().into_iter().flatten() {
            if !described(&value["description"]) {
                missing.push(format!("enum value {name}.{}", value["name"]));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "undescribed schema elements:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_schema_command_prints_the_sdl() {
    let sdl = aigc_landscape::graphql::schema::sdl();
    for needle in [
        "type Query",
        "interface Node",
        "scalar Decimal",
        "scalar Date",
        "type CompanyConnection",
        "enum CompanyKind",
    ] {
        assert!(sdl.contains(needle), "the SDL lacks `{needle}`");
    }
}
