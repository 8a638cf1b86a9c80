//! Editing: each role against each mutation kind, validation, optimistic concurrency with
//! many editors at once, soft delete and restore, and the audit trail.

use entities::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, code};

const CREATE: &str = "mutation($input: CompanyInput!) { createCompany(input: $input) { company { id slug version } userErrors { field message code } } }";
const UPDATE: &str = "mutation($id: ID!, $input: CompanyInput!, $v: Int!) { updateCompany(id: $id, input: $input, expectedVersion: $v) { company { slug name version } userErrors { field message code } } }";
const DELETE: &str = "mutation($id: ID!, $v: Int!) { deleteCompany(id: $id, expectedVersion: $v) { company { version } userErrors { field message code } } }";
const RESTORE: &str = "mutation($id: ID!) { restoreCompany(id: $id) { company { slug version } userErrors { field message code } } }";

async fn count_companies(app: &TestApp) -> u64 {
    app.data("{ companies { totalCount } }", json!({})).await["companies"]["totalCount"]
        .as_u64()
        .unwrap()
}

fn codes(payload: &Value) -> Vec<(String, String)> {
    payload["userErrors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join("."),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

both! {
    async fn each_role_against_each_mutation_kind(backend) {
        let app = TestApp::seeded(backend).await;
        let viewer = app.user("v@example.org", Role::Viewer).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let admin = app.user("a@example.org", Role::Admin).await;
        let input = json!({ "slug": "acme-ai", "name": "Acme AI", "kind": "STARTUP" });

        for (token, expected) in [(None, "UNAUTHENTICATED"), (Some(viewer.as_str()), "FORBIDDEN")] {
            let error = app.error_as(token, CREATE, json!({ "input": input })).await;
            assert_eq!(code(&error), expected);
        }
        let created = app.data_as(Some(&editor), CREATE, json!({ "input": input })).await;
        let id = created["createCompany"]["company"]["id"].clone();
        for (token, expected) in [(None, "UNAUTHENTICATED"), (Some(viewer.as_str()), "FORBIDDEN")] {
            for (query, vars) in [
                (UPDATE, json!({ "id": id, "input": { "name": "X" }, "v": 1 })),
                (DELETE, json!({ "id": id, "v": 1 })),
                (RESTORE, json!({ "id": id })),
            ] {
                let error = app.error_as(token, query, vars).await;
                assert_eq!(code(&error), expected, "{query}");
            }
        }
        let updated = app.data_as(Some(&admin), UPDATE, json!({ "id": id, "input": { "name": "Acme Intelligence" }, "v": 1 })).await;
        assert_eq!(updated["updateCompany"]["company"]["version"], 2);
        let deleted = app.data_as(Some(&editor), DELETE, json!({ "id": id, "v": 2 })).await;
        assert_eq!(deleted["deleteCompany"]["company"]["version"], 3);
        let restored = app.data_as(Some(&editor), RESTORE, json!({ "id": id })).await;
        assert_eq!(restored["restoreCompany"]["company"]["version"], 4);
        // Viewers and editors cannot manage accounts.
        for token in [&viewer, &editor] {
            let error = app.error_as(Some(token), "{ users { email } }", json!({})).await;
            assert_eq!(code(&error), "FORBIDDEN");
        }
    }

    async fn invalid_input_names_the_field_and_writes_nothing(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let before = count_companies(&app).await;
        let bad = json!({ "input": {
            "slug": "Not A Slug", "name": "  ", "country": "XX", "website": "openai.com",
            "parentId": "Q29tcGFueTo5OTk5OQ", "foundedYear": 1066
        } });
        let payload = app.data_as(Some(&editor), CREATE, bad).await["createCompany"].clone();
        assert!(payload["company"].is_null());
        let found = codes(&payload);
        for expected in [
            ("input.slug", "INVALID"),
            ("input.name", "INVALID"),
            ("input.kind", "INVALID"),
            ("input.country", "INVALID"),
            ("input.website", "INVALID"),
            ("input.parentId", "NOT_FOUND"),
            ("input.foundedYear", "INVALID"),
        ] {
            assert!(found.contains(&(expected.0.to_owned(), expected.1.to_owned())), "missing {expected:?} in {found:?}");
        }
        assert_eq!(count_companies(&app).await, before);

        let taken = app.data_as(Some(&editor), CREATE, json!({ "input": { "slug": "openai", "name": "Again", "kind": "AI_LAB" } })).await;
        assert_eq!(codes(&taken["createCompany"]), [("input.slug".to_owned(), "TAKEN".to_owned())]);
        assert_eq!(count_companies(&app).await, before);
    }

    async fn a_stale_version_is_a_conflict_and_writes_nothing(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let company = app.data(r#"{ company(slug: "zhipu") { id version name } }"#, json!({})).await["company"].clone();
        let first = app.data_as(Some(&editor), UPDATE, json!({ "id": company["id"], "input": { "name": "Zhipu" }, "v": 1 })).await;
        assert!(first["updateCompany"]["userErrors"].as_array().unwrap().is_empty());
        let stale = app.data_as(Some(&editor), UPDATE, json!({ "id": company["id"], "input": { "name": "Lost" }, "v": 1 })).await;
        assert_eq!(codes(&stale["updateCompany"]), [("expectedVersion".to_owned(), "CONFLICT".to_owned())]);
        let now = app.data(r#"{ company(slug: "zhipu") { name version } }"#, json!({})).await;
        assert_eq!(now["company"], json!({ "name": "Zhipu", "version": 2 }));
    }

    async fn many_editors_at_once_exactly_one_wins(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let id = app.data(r#"{ company(slug: "minimax") { id } }"#, json!({})).await["company"]["id"].clone();
        let editors = 12;
        let results = futures::future::join_all((0..editors).map(|i| {
            let (app, editor, id) = (&app, &editor, id.clone());
            async move {
                app.data_as(Some(editor), UPDATE, json!({ "id": id, "input": { "headquarters": format!("Editor {i}") }, "v": 1 })).await
            }
        }))
        .await;
        let winners: Vec<usize> = results
            .iter()
            .enumerate()
            .filter(|(_, r)| r["updateCompany"]["userErrors"].as_array().unwrap().is_empty())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(winners.len(), 1, "{results:?}");
        for result in &results {
            let errors = codes(&result["updateCompany"]);
            assert!(errors.is_empty() || errors == [("expectedVersion".to_owned(), "CONFLICT".to_owned())], "{errors:?}");
        }
        let stored = app.data(r#"{ company(slug: "minimax") { headquarters version } }"#, json!({})).await;
        assert_eq!(stored["company"]["headquarters"], format!("Editor {}", winners[0]));
        assert_eq!(stored["company"]["version"], 2);
    }

    async fn soft_delete_restore_and_taken_slugs(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        // A company with live models cannot go.
        let deepseek = app.data(r#"{ company(slug: "deepseek") { id } }"#, json!({})).await["company"]["id"].clone();
        let refused = app.data_as(Some(&editor), DELETE, json!({ "id": deepseek, "v": 1 })).await;
        let message = refused["deleteCompany"]["userErrors"][0]["message"].as_str().unwrap().to_owned();
        assert!(message.contains("3 live models"), "{message}");

        let heygen = app.data(r#"{ company(slug: "meta") { id } }"#, json!({})).await["company"]["id"].clone();
        let refused = app.data_as(Some(&editor), DELETE, json!({ "id": heygen, "v": 1 })).await;
        assert_eq!(codes(&refused["deleteCompany"]), [("id".to_owned(), "INVALID".to_owned())]);

        let created = app.data_as(Some(&editor), CREATE, json!({ "input": { "slug": "gone-ai", "name": "Gone AI", "kind": "STARTUP" } })).await;
        let id = created["createCompany"]["company"]["id"].clone();
        app.data_as(Some(&editor), DELETE, json!({ "id": id, "v": 1 })).await;
        assert!(app.data(r#"{ company(slug: "gone-ai") { id } }"#, json!({})).await["company"].is_null());
        assert!(app.data("query($id: ID!) { node(id: $id) { id } }", json!({ "id": id })).await["node"].is_null());

        // The slug is free again; once reused, restoring the old record is TAKEN.
        let reused = app.data_as(Some(&editor), CREATE, json!({ "input": { "slug": "gone-ai", "name": "New Gone", "kind": "STARTUP" } })).await;
        assert!(reused["createCompany"]["userErrors"].as_array().unwrap().is_empty());
        let clash = app.data_as(Some(&editor), RESTORE, json!({ "id": id })).await;
        assert_eq!(codes(&clash["restoreCompany"]), [("input.slug".to_owned(), "TAKEN".to_owned())]);
        // Restoring something that is not deleted is NOT_FOUND.
        let live = app.data_as(Some(&editor), RESTORE, json!({ "id": reused["createCompany"]["company"]["id"] })).await;
        assert_eq!(codes(&live["restoreCompany"]), [("id".to_owned(), "NOT_FOUND".to_owned())]);
    }

    async fn recently_deleted_lists_what_is_still_deleted(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let admin = app.user("a@example.org", Role::Admin).await;
        const DELETED: &str = "{ recentlyDeleted(first: 10) { totalCount nodes { entityType entityId actor action label } } }";
        let mut ids = Vec::new();
        for slug in ["gone-one", "gone-two"] {
            let created = app.data_as(Some(&editor), CREATE, json!({ "input": { "slug": slug, "name": slug, "kind": "STARTUP" } })).await;
            let id = created["createCompany"]["company"]["id"].clone();
            app.data_as(Some(&editor), DELETE, json!({ "id": id, "v": 1 })).await;
            ids.push(id);
        }
        // An account's trail is not listed, even to an admin.
        let user = app.data_as(Some(&admin), "mutation { createUser(input: { email: \"x@example.org\", role: VIEWER, password: \"a long enough password\" }) { user { id } } }", json!({})).await;
        assert!(user["createUser"]["user"]["id"].is_string(), "{user}");
        let listed = app.data_as(Some(&editor), DELETED, json!({})).await;
        let nodes = listed["recentlyDeleted"]["nodes"].as_array().unwrap();
        assert_eq!(nodes.iter().map(|n| n["entityId"].clone()).collect::<Vec<_>>(), [ids[1].clone(), ids[0].clone()], "newest first: {listed}");
        assert!(nodes.iter().all(|n| n["entityType"] == "Company" && n["action"] == "DELETE" && n["actor"] == "e@example.org"));
        assert_eq!(nodes[0]["label"], "gone-two", "named as it was: {listed}");
        // Restored, it leaves the list; its id is what restoreX takes.
        app.data_as(Some(&editor), RESTORE, json!({ "id": nodes[0]["entityId"] })).await;
        let listed = app.data_as(Some(&editor), DELETED, json!({})).await;
        assert_eq!(listed["recentlyDeleted"]["totalCount"], 1, "{listed}");
        assert_eq!(listed["recentlyDeleted"]["nodes"][0]["entityId"], ids[0]);
        let refused = app.error_as(None, DELETED, json!({})).await;
        assert_eq!(code(&refused), "UNAUTHENTICATED");
    }

    async fn every_change_is_in_the_audit_trail(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let viewer = app.user("v@example.org", Role::Viewer).await;
        let created = app.data_as(Some(&editor), CREATE, json!({ "input": { "slug": "trail-ai", "name": "Trail AI", "kind": "STARTUP", "country": "cn" } })).await;
        let id = created["createCompany"]["company"]["id"].clone();
        app.data_as(Some(&editor), UPDATE, json!({ "id": id, "input": { "name": "Trail Intelligence", "country": null }, "v": 1 })).await;
        app.data_as(Some(&editor), DELETE, json!({ "id": id, "v": 2 })).await;
        app.data_as(Some(&editor), RESTORE, json!({ "id": id })).await;

        let trail = app
            .data_as(
                Some(&viewer),
                "query($id: ID!) { revisions(entityId: $id) { totalCount nodes { action actor entityId changes { field before after } } } }",
                json!({ "id": id }),
            )
            .await;
        let nodes = trail["revisions"]["nodes"].as_array().unwrap();
        let actions: Vec<&str> = nodes.iter().map(|n| n["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["RESTORE", "DELETE", "UPDATE", "CREATE"]);
        assert!(nodes.iter().all(|n| n["actor"] == "e@example.org" && n["entityId"] == id));
        let update = &nodes[2]["changes"];
        assert_eq!(
            update,
            &json!([
                { "field": "country", "before": "CN", "after": null },
                { "field": "name", "before": "Trail AI", "after": "Trail Intelligence" },
            ])
        );
        assert!(nodes[3]["changes"].as_array().unwrap().iter().any(|c| c["field"] == "slug" && c["after"] == "trail-ai"));
    }

    async fn a_failed_multi_row_mutation_leaves_nothing(backend) {
        let app = TestApp::seeded(backend).await;
        let editor = app.user("e@example.org", Role::Editor).await;
        let company = app.data(r#"{ company(slug: "moonshot") { id } }"#, json!({})).await["company"]["id"].clone();
        let create = "mutation($input: ModelInput!) { createModel(input: $input) { model { slug inputMediaTypes { slug } tasks { slug } } userErrors { field code } } }";
        // One unknown task among good links: no model, no links.
        let bad = app
            .data_as(Some(&editor), create, json!({ "input": {
                "slug": "kimi-k9", "name": "Kimi K9", "companyId": company, "status": "GA",
                "inputMediaTypes": ["text", "image"], "outputMediaTypes": ["text"], "tasks": ["chat", "telepathy"]
            } }))
            .await;
        assert_eq!(codes(&bad["createModel"]), [("input.tasks".to_owned(), "NOT_FOUND".to_owned())]);
        assert!(app.data(r#"{ model(slug: "kimi-k9") { slug } }"#, json!({})).await["model"].is_null());

        let good = app
            .data_as(Some(&editor), create, json!({ "input": {
                "slug": "kimi-k9", "name": "Kimi K9", "companyId": company, "status": "GA",
                "inputMediaTypes": ["text", "image"], "outputMediaTypes": ["text"], "tasks": ["chat"]
            } }))
            .await;
        assert_eq!(good["createModel"]["model"]["inputMediaTypes"], json!([{ "slug": "text" }, { "slug": "image" }]));
        let company_models = app.data(r#"{ company(slug: "moonshot") { models { slug } } }"#, json!({})).await;
        assert_eq!(company_models["company"]["models"], json!([{ "slug": "kimi-k9" }]));
    }
}
