//! Signing in and every way a token is refused, on both databases.

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use entities::Role;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use crate::harness::{PASSWORD, SECRET, TestApp, code};

const ME: &str = "{ me { email role } }";
const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt user { email } } }";

fn claims(user_id: i64, exp: i64) -> Value {
    json!({ "sub": user_id.to_string(), "role": "ADMIN", "iat": chrono::Utc::now().timestamp(), "exp": exp, "ver": 1 })
}

fn sign(claims: &Value, alg: Algorithm, key: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(key).unwrap(),
    )
    .unwrap()
}

async fn refused(app: &TestApp, token: &str) -> (StatusCode, Value) {
    let request = Request::post("/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::from(json!({ "query": ME }).to_string()))
        .unwrap();
    let (status, _, body) = app.send(request).await;
    (status, serde_json::from_slice(&body).unwrap())
}

both! {
    async fn login_returns_a_working_token(backend) {
        let app = TestApp::seeded(backend).await;
        let token = app.user("Ana@Example.org", Role::Editor).await;
        let me = app.data_as(Some(&token), ME, json!({})).await;
        assert_eq!(me["me"], json!({ "email": "ana@example.org", "role": "EDITOR" }));
        assert!(app.data(ME, json!({})).await["me"].is_null(), "anonymous has no `me`");
        let login = app.data(LOGIN, json!({ "e": " ANA@example.org ", "p": PASSWORD })).await;
        assert!(login["login"]["expiresAt"].as_str().unwrap().ends_with('Z'));
    }

    async fn failed_logins_say_the_same_and_are_throttled(backend) {
        let app = TestApp::seeded(backend).await;
        app.user("bo@example.org", Role::Viewer).await;
        let wrong_password = app.error(LOGIN, json!({ "e": "bo@example.org", "p": "not the password" })).await;
        let unknown_email = app.error(LOGIN, json!({ "e": "nobody@example.org", "p": "not the password" })).await;
        assert_eq!(code(&wrong_password), "UNAUTHENTICATED");
        assert_eq!(wrong_password["message"], unknown_email["message"], "the message must not tell which");
        for _ in 0..4 {
            app.error(LOGIN, json!({ "e": "bo@example.org", "p": "still wrong" })).await;
        }
        // Five failures: even the right password is refused for a while.
        let throttled = app.error(LOGIN, json!({ "e": "bo@example.org", "p": PASSWORD })).await;
        assert_eq!(code(&throttled), "RATE_LIMITED", "{throttled}");
        // Another account is not affected.
        app.user("cy@example.org", Role::Viewer).await;
    }

    async fn forged_and_stale_tokens_are_unauthenticated(backend) {
        let app = TestApp::seeded(backend).await;
        let token = app.user("dee@example.org", Role::Admin).await;
        let id: i64 = {
            let payload = token.split('.').nth(1).unwrap();
            let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
            claims["sub"].as_str().unwrap().parse().unwrap()
        };
        let now = chrono::Utc::now().timestamp();
        let header_none = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let body = URL_SAFE_NO_PAD.encode(claims(id, now + 3600).to_string());
        let mut tampered = token.split('.').map(str::to_owned).collect::<Vec<_>>();
        let mut edited: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&tampered[1]).unwrap()).unwrap();
        edited["sub"] = json!("999");
        tampered[1] = URL_SAFE_NO_PAD.encode(edited.to_string());
        let cases = [
            ("none algorithm", format!("{header_none}.{body}.")),
            ("wrong key", sign(&claims(id, now + 3600), Algorithm::HS256, b"another secret of the same length, wrong one!")),
            ("other algorithm", sign(&claims(id, now + 3600), Algorithm::HS512, SECRET)),
            ("expired", sign(&claims(id, now - 3600), Algorithm::HS256, SECRET)),
            ("edited payload", tampered.join(".")),
            ("garbage", "not.a.token".to_owned()),
        ];
        for (what, bad) in cases {
            let (status, body) = refused(&app, &bad).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}");
            assert_eq!(code(&body["errors"][0]), "UNAUTHENTICATED", "{what}: {body}");
        }
        // A correctly signed token is accepted, so the refusals above are about the forgery.
        let good = sign(&claims(id, now + 3600), Algorithm::HS256, SECRET);
        assert_eq!(app.data_as(Some(&good), ME, json!({})).await["me"]["email"], "dee@example.org");
        let (status, _) = refused(&app, "").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    async fn deactivation_role_change_and_reset_take_effect_at_once(backend) {
        let app = TestApp::seeded(backend).await;
        let admin = app.user("admin@example.org", Role::Admin).await;
        let editor = app.user("ed@example.org", Role::Editor).await;
        let users = app.data_as(Some(&admin), "{ users { id email version } }", json!({})).await;
        let ed = users["users"].as_array().unwrap().iter().find(|u| u["email"] == "ed@example.org").unwrap().clone();

        // A role change: the editor's token stops working on the next request.
        let changed = app
            .data_as(
                Some(&admin),
                "mutation($id: ID!, $v: Int!) { updateUser(id: $id, input: { role: VIEWER }, expectedVersion: $v) { user { role version } userErrors { code } } }",
                json!({ "id": ed["id"], "v": ed["version"] }),
            )
            .await;
        assert_eq!(changed["updateUser"]["user"]["role"], "VIEWER");
        let (status, _) = refused(&app, &editor).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        // Signing in again gives the new role.
        let viewer = app.login("ed@example.org", PASSWORD).await;
        assert_eq!(app.data_as(Some(&viewer), ME, json!({})).await["me"]["role"], "VIEWER");

        // A password reset ends that session too.
        app.data_as(
            Some(&admin),
            "mutation($id: ID!) { resetPassword(id: $id, newPassword: \"a brand new password\") { userErrors { code } } }",
            json!({ "id": ed["id"] }),
        )
        .await;
        assert_eq!(refused(&app, &viewer).await.0, StatusCode::UNAUTHORIZED);
        let fresh = app.login("ed@example.org", "a brand new password").await;

        // Deactivation: refused at once, and no new sign-in.
        app.data_as(
            Some(&admin),
            "mutation($id: ID!, $v: Int!) { updateUser(id: $id, input: { active: false }, expectedVersion: $v) { userErrors { code } } }",
            json!({ "id": ed["id"], "v": 3 }),
        )
        .await;
        assert_eq!(refused(&app, &fresh).await.0, StatusCode::UNAUTHORIZED);
        let error = app.error(LOGIN, json!({ "e": "ed@example.org", "p": "a brand new password" })).await;
        assert_eq!(code(&error), "UNAUTHENTICATED");
    }

    async fn parallel_guesses_cannot_outrun_the_throttle(backend) {
        let app = TestApp::seeded(backend).await;
        app.user("target@example.org", Role::Viewer).await;
        let guesses = futures::future::join_all((0..9).map(|i| {
            let app = &app;
            async move { app.error(LOGIN, json!({ "e": "target@example.org", "p": format!("guess number {i}") })).await }
        }))
        .await;
        let wrong = guesses.iter().filter(|e| code(e) == "UNAUTHENTICATED").count();
        let limited = guesses.iter().filter(|e| code(e) == "RATE_LIMITED").count();
        assert_eq!((wrong, limited), (5, 4), "{guesses:?}");
    }

    async fn account_trails_are_for_admins(backend) {
        let app = TestApp::seeded(backend).await;
        let admin = app.user("boss@example.org", Role::Admin).await;
        let viewer = app.user("peek@example.org", Role::Viewer).await;
        let boss = app.data_as(Some(&admin), "{ me { id } }", json!({})).await["me"]["id"].clone();
        let query = "query($id: ID!) { revisions(entityId: $id) { totalCount } }";
        assert_eq!(code(&app.error_as(Some(&viewer), query, json!({ "id": boss })).await), "FORBIDDEN");
        assert_eq!(app.data_as(Some(&admin), query, json!({ "id": boss })).await["revisions"]["totalCount"], 1);
    }

    async fn members_change_their_own_password(backend) {
        let app = TestApp::seeded(backend).await;
        let token = app.user("pat@example.org", Role::Viewer).await;
        let change = "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token userErrors { field code } } }";
        let wrong = app.data_as(Some(&token), change, json!({ "c": "not my password", "n": "an even longer password" })).await;
        assert_eq!(wrong["changePassword"]["userErrors"][0]["field"], json!(["currentPassword"]));
        let weak = app.data_as(Some(&token), change, json!({ "c": PASSWORD, "n": "short" })).await;
        assert_eq!(weak["changePassword"]["userErrors"][0]["field"], json!(["input", "newPassword"]));
        let done = app.data_as(Some(&token), change, json!({ "c": PASSWORD, "n": "an even longer password" })).await;
        let fresh = done["changePassword"]["token"].as_str().unwrap().to_owned();
        // The old session ends; the fresh token and the new password work.
        assert_eq!(refused(&app, &token).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(app.data_as(Some(&fresh), ME, json!({})).await["me"]["email"], "pat@example.org");
        app.login("pat@example.org", "an even longer password").await;
        let anonymous = app.error(change, json!({ "c": "x", "n": "y" })).await;
        assert_eq!(code(&anonymous), "UNAUTHENTICATED");
    }

    async fn anonymous_reads_can_be_switched_off(backend) {
        let app = TestApp::seeded(backend).await.private();
        let error = app.error("{ companies { totalCount } }", json!({})).await;
        assert_eq!(code(&error), "UNAUTHENTICATED");
        // Signing in still works, and a viewer reads.
        let token = app.user("vi@example.org", Role::Viewer).await;
        let data = app.data_as(Some(&token), "{ companies { totalCount } }", json!({})).await;
        assert_eq!(data["companies"]["totalCount"], 16);
    }

    async fn api_tokens_are_issued_used_and_revoked_one_by_one(backend) {
        let app = TestApp::seeded(backend).await;
        let admin = app.user("root@example.org", Role::Admin).await;
        let editor = app.user("writer@example.org", Role::Editor).await;
        let issue = "mutation($label: String!, $role: Role!) { issueToken(input: { label: $label, role: $role, expiresInDays: 30 }) { token apiToken { id label role } userErrors { field code } } }";

        let refused_issue = app.error_as(Some(&editor), issue, json!({ "label": "x", "role": "VIEWER" })).await;
        assert_eq!(code(&refused_issue), "FORBIDDEN");

        let a = app.data_as(Some(&admin), issue, json!({ "label": "sales dashboard", "role": "VIEWER" })).await;
        let b = app.data_as(Some(&admin), issue, json!({ "label": "weekly report", "role": "VIEWER" })).await;
        let (token_a, id_a) = (a["issueToken"]["token"].as_str().unwrap().to_owned(), a["issueToken"]["apiToken"]["id"].clone());
        let token_b = b["issueToken"]["token"].as_str().unwrap().to_owned();
        // A viewer token reads team-only fields but cannot edit.
        let notes = app.data_as(Some(&token_a), r#"{ company(slug: "openai") { notes watched } }"#, json!({})).await;
        assert_eq!(notes["company"]["watched"], false);
        let edit = app
            .error_as(Some(&token_a), r#"mutation { createCompany(input: { slug: "x", name: "X", kind: STARTUP }) { company { slug } } }"#, json!({}))
            .await;
        assert_eq!(code(&edit), "FORBIDDEN");

        let listed = app.data_as(Some(&admin), "{ tokens { label } }", json!({})).await;
        assert_eq!(listed["tokens"].as_array().unwrap().len(), 2);
        app.data_as(Some(&admin), "mutation($id: ID!) { revokeToken(id: $id) { apiToken { revokedAt } } }", json!({ "id": id_a })).await;
        assert_eq!(refused(&app, &token_a).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(app.data_as(Some(&token_b), ME, json!({})).await["me"]["email"], "root@example.org");

        // A token cannot carry more than its user's role.
        let too_much = app.data_as(Some(&admin), "mutation($u: ID!) { issueToken(input: { label: \"x\", role: ADMIN, userId: $u }) { userErrors { field code } } }", json!({ "u": app.data_as(Some(&editor), "{ me { id } }", json!({})).await["me"]["id"] })).await;
        assert_eq!(too_much["issueToken"]["userErrors"][0]["field"], json!(["input", "role"]));
    }

    async fn team_only_fields_need_a_viewer(backend) {
        let app = TestApp::seeded(backend).await;
        for query in [
            r#"{ company(slug: "deepseek") { notes } }"#,
            r#"{ company(slug: "deepseek") { relationshipStatus } }"#,
            r#"{ model(slug: "deepseek-v3") { notes } }"#,
            r#"{ prices(first: 1) { nodes { notes } } }"#,
            r#"{ events(first: 1) { nodes { notes } } }"#,
        ] {
            let error = app.error(query, json!({})).await;
            assert_eq!(code(&error), "UNAUTHENTICATED", "{query}: {error}");
        }
        // Also when reached through `node`.
        let id = app.data(r#"{ company(slug: "deepseek") { id } }"#, json!({})).await["company"]["id"].clone();
        let error = app.error("query($id: ID!) { node(id: $id) { ... on Company { notes } } }", json!({ "id": id })).await;
        assert_eq!(code(&error), "UNAUTHENTICATED");
        let viewer = app.user("look@example.org", Role::Viewer).await;
        app.data_as(Some(&viewer), "query($id: ID!) { node(id: $id) { ... on Company { notes watched } } }", json!({ "id": id })).await;
        let error = app.error("query($id: ID!) { revisions(entityId: $id) { totalCount } }", json!({ "id": id })).await;
        assert_eq!(code(&error), "UNAUTHENTICATED");
    }
}
