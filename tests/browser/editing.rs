//! Editing on the landscape page, in Chromium, against the real router over the curated lists
//! (SQLite and PostgreSQL): signing in and out, the inbox (accept, dismiss, add a link, feed
//! text that must not run), a price change and a correction, field errors, a viewer who sees
//! no edit control, two tabs that conflict, and a session that ends during a save. Every
//! control is found by its label or its button's words, as a person finds it. Screenshots of
//! each state go to `target/browser-artifacts/`.

use aigc_landscape::db;
use chrono::{Duration, Utc};
use entities::{InboxStatus, Role, StringList, inbox_item};
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};

use super::{READY, artifacts, cdp::Browser, chromium_or_skip};
use crate::harness::{Backend, PASSWORD, TestApp};

/// A seeded app on a socket, with an editor and a viewer; its base URL.
async fn app(backend: Backend) -> (TestApp, String) {
    let app = TestApp::empty(backend).await;
    db::seed_if_empty(&app.db).await.unwrap();
    app.user("editor@example.org", Role::Editor).await;
    app.user("other@example.org", Role::Editor).await;
    app.user("viewer@example.org", Role::Viewer).await;
    let addr = app.listen().await;
    (app, format!("http://{addr}"))
}

/// Signs in through the page's form, typed as a person would.
async fn sign_in(b: &mut Browser, base: &str, email: &str) {
    b.goto(&format!("{base}/#/signin")).await;
    b.wait_for(
        &format!("{READY} && document.querySelector('[data-form=signin]')"),
        "the sign-in form",
    )
    .await;
    b.fill("[data-form=signin] [data-field=email] input", email)
        .await;
    b.fill("[data-form=signin] [data-field=password] input", PASSWORD)
        .await;
    b.click_button("[data-form=signin]", "Sign in").await;
    b.wait_for(&format!("document.querySelector('#who') && document.querySelector('#who').textContent.includes('{email}')"), "the signed-in header").await;
}

fn field(form: &str, name: &str) -> String {
    format!(
        "[data-form={form}] [data-field={name}] input, [data-form={form}] [data-field={name}] select, [data-form={form}] [data-field={name}] textarea"
    )
}

async fn field_error(b: &mut Browser, form: &str, name: &str) -> String {
    b.eval(&format!(
        "document.querySelector('[data-form={form}] [data-field={name}] .field-error').textContent"
    ))
    .await
    .as_str()
    .unwrap()
    .to_owned()
}

async fn api_id(app: &TestApp, query: &str, pointer: &str) -> String {
    let data = app.data(query, json!({})).await;
    data.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} in {data}"))
        .to_owned()
}

both! {
    async fn an_editor_triages_the_inbox_in_the_browser(backend) {
        let Some(chromium) = chromium_or_skip() else { return };
        let (app, base) = app(backend).await;
        let editor = app.login("editor@example.org", PASSWORD).await;
        let shots = artifacts();
        // Two items the way they arrive: one a person proposes, one from a feed whose text
        // is hostile (stored as it is, as a careless feed reader would have).
        let added = app.data_as(Some(&editor), r#"mutation { addInboxItem(input: { title: "Moonshot cuts Kimi K2 prices", sourceUrls: ["https://moonshot.example/news/k2-price"] }) { inboxItem { id matchedCompanies { slug } } userErrors { message } } }"#, json!({})).await;
        assert_eq!(added["addInboxItem"]["userErrors"], json!([]), "{added}");
        let now = Utc::now();
        for (title, link) in [
            ("<img src=x onerror=\"window.__xss='title'\">Evil headline", "javascript:window.__xss='link'"),
            ("Spare item one", "https://example.com/one"),
            ("Spare item two", "https://example.com/two"),
        ] {
            inbox_item::Entity::insert(inbox_item::ActiveModel {
                source_id: Set(None), item_key: Set(link.into()), link: Set(Some(link.into())), title: Set(title.into()),
                title_zh: Set(None), summary: Set(Some("<script>window.__xss='summary'</script>".into())),
                source_urls: Set(StringList(vec![link.into()])), published_at: Set(Some(now - Duration::hours(1))),
                fetched_at: Set(now - Duration::minutes(5)), status: Set(InboxStatus::New), suggested_type: Set(None),
                duplicate_of_id: Set(None), event_id: Set(None), title_key: Set(title.to_lowercase()),
                proposed_by: Set(Some("test".into())), triaged_by: Set(None), triaged_at: Set(None), ..Default::default()
            }).exec(&app.db).await.unwrap();
        }

        let mut b = Browser::launch(&chromium).await;
        // Anonymous: no inbox in the navigation, no edit control.
        b.goto(&format!("{base}/#/week")).await;
        b.wait_for(READY, "the week").await;
        assert_eq!(b.eval("document.querySelector('nav a[data-view=inbox]').hidden").await, json!(true));
        assert_eq!(b.eval("document.querySelectorAll('[data-edit]').length").await, json!(0));

        sign_in(&mut b, &base, "editor@example.org").await;
        b.wait_for(&format!("{READY} && location.hash === '#/inbox' && document.querySelector('[data-item]')"), "the inbox after signing in").await;
        let header = b.eval("document.querySelector('#who').textContent").await;
        assert!(header.as_str().unwrap().contains("EDITOR"), "{header}");
        // The token is this tab's: in sessionStorage, never in localStorage.
        assert_eq!(b.eval("Object.keys(sessionStorage).length > 0 && JSON.stringify(sessionStorage).includes('token')").await, json!(true));
        assert_eq!(b.eval("JSON.stringify(localStorage).includes('token')").await, json!(false));

        // Feed text is text: the markup shows as characters, nothing ran, no javascript: link.
        let text = b.eval("document.querySelector('#inbox-body').innerText").await;
        assert!(text.as_str().unwrap().contains("<img src=x onerror="), "{text}");
        assert_eq!(b.eval("typeof window.__xss").await, json!("undefined"));
        assert_eq!(b.eval("document.querySelectorAll('#inbox-body img, #inbox-body script').length").await, json!(0));
        assert_eq!(b.eval("[...document.querySelectorAll('#inbox-body a')].filter(a => !/^https?:/.test(a.href)).length").await, json!(0));
        // Newest first, with matches, and the data-health counts with links to records.
        let mentions = b.eval("[...document.querySelectorAll('[data-item]')].map(li => li.querySelector('.title').textContent)").await;
        assert_eq!(mentions[0], json!("Moonshot cuts Kimi K2 prices"), "{mentions}");
        assert_eq!(b.eval("document.querySelectorAll('#health-body [data-check]').length > 0").await, json!(true));
        b.screenshot(&shots.join("inbox.png")).await;

        // Dismiss two at once.
        let spare: Vec<String> = serde_json::from_value(b.eval("[...document.querySelectorAll('[data-item]')].filter(li => li.querySelector('.title').textContent.startsWith('Spare')).map(li => li.dataset.item)").await).unwrap();
        assert_eq!(spare.len(), 2);
        for id in &spare {
            b.click(&format!("[data-item='{id}'] input[type=checkbox]")).await;
        }
        b.click_button("#inbox-body", "Dismiss selected").await;
        b.wait_for("document.querySelector('#notice').textContent.includes('Dismissed 2')", "the dismissal").await;
        b.wait_for("document.querySelector('#inbox-body[data-state=ready]') && ![...document.querySelectorAll('[data-item] .title')].some(t => t.textContent.startsWith('Spare'))", "the inbox without them").await;
        for id in &spare {
            let item = app.data_as(Some(&editor), "query($id: ID!) { node(id: $id) { ... on InboxItem { status triagedBy } } }", json!({ "id": id })).await;
            assert_eq!(item["node"]["status"], "DISMISSED");
        }

        // "Add link": a refused link says so beside the field; a good one joins the inbox.
        b.eval("document.querySelector('.add-link').open = true").await;
        b.fill(&field("add-link", "sourceUrls"), "https://moonshot.example/news/k2-price").await;
        b.fill(&field("add-link", "title"), "The same link again").await;
        b.click_button("[data-form=add-link]", "Add link").await;
        b.wait_for("document.querySelector('[data-form=add-link] [data-field=sourceUrls] .field-error').textContent.includes('in the inbox already')", "the TAKEN link").await;
        b.fill(&field("add-link", "sourceUrls"), "https://mp.weixin.qq.com/s/abc123").await;
        b.fill(&field("add-link", "title"), "Zhipu opens GLM-5 to education customers").await;
        b.click_button("[data-form=add-link]", "Add link").await;
        b.wait_for("[...document.querySelectorAll('[data-item] .title')].some(t => t.textContent === 'Zhipu opens GLM-5 to education customers')", "the added link").await;

        // Accept: the event form, prefilled from the item; saved, it is on "This week".
        let kimi = added["addInboxItem"]["inboxItem"]["id"].as_str().unwrap().to_owned();
        b.click(&format!("[data-item='{kimi}'] [data-action=accept]")).await;
        b.wait_for(&format!("{READY} && document.querySelector('[data-form=accept]')"), "the accept form").await;
        assert_eq!(b.eval(&format!("document.querySelector('{}').value", field("accept", "title"))).await, json!("Moonshot cuts Kimi K2 prices"));
        assert_eq!(b.eval(&format!("document.querySelector('{}').value", field("accept", "sourceUrls"))).await, json!("https://moonshot.example/news/k2-price"));
        let linked = b.eval("[...document.querySelectorAll('[data-form=accept] [data-field=companies] .chip')].map(c => c.dataset.id).length").await;
        assert!(linked.as_u64().unwrap() >= 1, "the matched company is linked: {linked}");
        b.fill(&field("accept", "type"), "PRICE_CHANGE").await;
        b.fill(&field("accept", "occurredOn"), &aigc_landscape::clock::today().to_string()).await;
        b.fill(&field("accept", "titleZh"), "月之暗面下调 Kimi K2 价格").await;
        b.screenshot(&shots.join("accept.png")).await;
        b.click_button("[data-form=accept]", "Accept").await;
        b.wait_for(&format!("{READY} && location.hash.startsWith('#/week') && document.querySelector('#week-body').innerText.includes('Moonshot cuts Kimi K2 prices')"), "the event on This week").await;
        b.screenshot(&shots.join("week-accepted.png")).await;
        let item = app.data_as(Some(&editor), "query($id: ID!) { node(id: $id) { ... on InboxItem { status event { title titleZh type sourceUrls companies { company { slug } } } } } }", json!({ "id": kimi })).await;
        assert_eq!(item["node"]["status"], "ACCEPTED");
        assert_eq!(item["node"]["event"]["titleZh"], "月之暗面下调 Kimi K2 价格");
        assert_eq!(item["node"]["event"]["type"], "PRICE_CHANGE");
        assert_eq!(item["node"]["event"]["sourceUrls"], json!(["https://moonshot.example/news/k2-price"]));

        // In Chinese at a click, labels and buttons included.
        b.goto(&format!("{base}/#/inbox")).await;
        b.wait_for(&format!("{READY} && document.querySelector('#inbox-body[data-state=ready]')"), "the inbox again").await;
        b.eval("document.getElementById('lang').click()").await;
        b.wait_for("document.querySelector('#inbox-body[data-state=ready]') && document.querySelector('nav a').textContent === '本周'", "the Chinese inbox").await;
        let heading = b.eval("document.querySelector('#inbox-body h2').textContent + ' ' + document.querySelector('[data-action=accept]').textContent").await;
        assert!(heading.as_str().unwrap().contains("收件箱") && heading.as_str().unwrap().contains("采纳"), "{heading}");
        b.eval("document.getElementById('lang').click()").await;
        b.wait_for("document.querySelector('#inbox-body[data-state=ready]') && document.querySelector('nav a').textContent === 'This week'", "the English inbox").await;
        // Usable on a phone: nothing wider than the screen, in the inbox and in a form.
        b.viewport(390, 844, true).await;
        for (url, what) in [("#/inbox", "the inbox on a phone"), ("#/edit?type=Event", "a new event's form on a phone")] {
            b.goto(&format!("{base}/{url}")).await;
            b.wait_for(&format!("{READY} && document.querySelector('main').dataset.route === '{url}'"), what).await;
            let width = b.eval("document.documentElement.scrollWidth").await;
            assert!(width.as_u64().unwrap() <= 390, "{what}: {width}px wide on a 390px screen");
        }
        b.screenshot(&shots.join("event-form-phone.png")).await;
        b.viewport(1280, 900, false).await;

        // Signing out removes the token and the edit controls.
        b.click("#signout").await;
        b.wait_for("document.querySelector('#signin-link')", "the signed-out header").await;
        assert_eq!(b.eval("Object.keys(sessionStorage).filter(k => k.startsWith('aigc')).length").await, json!(0));
        b.wait_for(READY, "the page after signing out").await;
        assert_eq!(b.eval("document.querySelectorAll('[data-edit]').length").await, json!(0));
        assert_eq!(b.eval("document.querySelector('nav a[data-view=inbox]').hidden").await, json!(true));
        assert_eq!(b.eval("typeof window.__xss").await, json!("undefined"));
        assert_eq!(b.errors(), Vec::<String>::new(), "console errors");
    }

    async fn a_price_change_and_a_correction_in_the_browser(backend) {
        let Some(chromium) = chromium_or_skip() else { return };
        let (app, base) = app(backend).await;
        let shots = artifacts();
        let today = aigc_landscape::clock::today();
        // A model with one offering whose open input-token price is plain (no window, tier or batch).
        let data = app.data("query($on: Date!) { prices(filter: { asOf: $on, dimensions: [INPUT_TOKENS] }, first: 100) { nodes { id unit unitQuantity effectiveFrom effectiveTo amount { amount currency } conditions { mode minInputTokens maxInputTokens window { start } } offering { id model { slug status offerings { id } } } } } }", json!({ "on": today.to_string() })).await;
        let nodes = data["prices"]["nodes"].as_array().unwrap();
        let (slug, price) = nodes.iter().find_map(|p| {
            let offering = &p["offering"];
            let model = &offering["model"];
            let c = &p["conditions"];
            let alone = nodes.iter().filter(|q| q["offering"]["id"] == offering["id"]).count() == 1;
            (alone && model["status"] == "GA" && model["offerings"].as_array()?.len() == 1 && c["mode"] == "STANDARD" && c["window"].is_null()
                && c["minInputTokens"].is_null() && c["maxInputTokens"].is_null() && p["unit"] == "TOKEN" && p["unitQuantity"] == 1_000_000
                && p["effectiveTo"].is_null() && p["effectiveFrom"].as_str()? < today.to_string().as_str())
                .then(|| (model["slug"].as_str().unwrap().to_owned(), p.clone()))
        }).expect("a curated model with one plain input-token price");
        let currency = price["amount"]["currency"].as_str().unwrap().to_owned();
        let old: f64 = price["amount"]["amount"].as_str().unwrap().parse().unwrap();

        let mut b = Browser::launch(&chromium).await;
        sign_in(&mut b, &base, "editor@example.org").await;
        b.goto(&format!("{base}/#/model-prices?slug={slug}")).await;
        b.wait_for(&format!("{READY} && document.querySelector('[data-price]')"), "the model's prices").await;
        let row = format!("[data-price='{}']", price["id"].as_str().unwrap());
        b.click(&format!("{row} [data-action=change]")).await;
        b.wait_for("document.querySelector('[data-form=price-change]')", "the change form").await;
        let explain = b.eval("document.querySelector('.change-box .explain').textContent").await;
        assert!(explain.as_str().unwrap().contains("stays in the history"), "the form says it is a change: {explain}");

        // A bad decimal and a missing required field: messages beside the fields, the focus
        // on the first, nothing sent.
        let before = app.statements();
        b.fill(&field("price-change", "amount"), "1,5 yuan").await;
        b.fill(&field("price-change", "sourceUrl"), "").await;
        b.click_button("[data-form=price-change]", "Save").await;
        assert!(field_error(&mut b, "price-change", "amount").await.contains("decimal point"));
        assert!(field_error(&mut b, "price-change", "sourceUrl").await.contains("Required"));
        assert_eq!(b.eval("document.activeElement.closest('[data-field]').dataset.field").await, json!("amount"));
        assert_eq!(b.eval(&format!("document.querySelector('{}').getAttribute('aria-invalid')", field("price-change", "amount"))).await, json!("true"));
        b.screenshot(&shots.join("form-errors.png")).await;
        let sent = app.statements_since(before);
        assert!(!sent.iter().any(|s| s.to_lowercase().contains("insert into \"prices\"")), "nothing written: {sent:?}");

        // The server's rule beside its field too: a currency that is no ISO code.
        b.fill(&field("price-change", "amount"), "0.55").await;
        b.fill(&field("price-change", "currency"), "YUAN").await;
        b.fill(&field("price-change", "sourceUrl"), "https://example.com/pricing").await;
        b.click_button("[data-form=price-change]", "Save").await;
        b.wait_for("document.querySelector('[data-form=price-change] [data-field=currency] .field-error').textContent.length > 0", "the server's currency error").await;
        b.fill(&field("price-change", "currency"), &currency).await;
        b.fill(&field("price-change", "effectiveFrom"), &today.to_string()).await;
        b.click_button("[data-form=price-change]", "Save").await;
        b.wait_for("document.querySelector('#notice').textContent.includes('Price change')", "the saved change").await;

        // The prices view: the new price from that day, the old one the day before.
        let cell = |day: String| format!("{base}/#/prices?models={slug}&currency={currency}&on={day}");
        let input_on = async |b: &mut Browser, url: String| -> f64 {
            b.goto(&url).await;
            b.wait_for(&format!("{READY} && location.hash.includes('on=') && document.querySelector('#prices-body tbody tr')"), "the prices table").await;
            let text = b.eval("document.querySelector('#prices-body tbody tr').cells[3].textContent").await;
            text.as_str().unwrap().split_whitespace().next().unwrap().replace(',', "").parse().unwrap()
        };
        let after = input_on(&mut b, cell(today.to_string())).await;
        b.screenshot(&shots.join("prices-after-change.png")).await;
        let earlier = input_on(&mut b, cell((today - Duration::days(1)).to_string())).await;
        assert!((after - 0.55).abs() < 1e-9, "from {today}: {after}");
        assert!((earlier - old).abs() < 1e-4, "the day before: {earlier}, was {old}");
        let history = app.data("query($id: ID!) { node(id: $id) { ... on Price { effectiveTo } } }", json!({ "id": price["id"] })).await;
        assert_eq!(history["node"]["effectiveTo"], json!(today.to_string()), "the old row ends where the new one starts");

        // A correction edits the new row itself: same row, no new one.
        let new_id = api_id(&app, &format!("{{ model(slug: \"{slug}\") {{ offerings {{ prices(asOf: \"{today}\") {{ id dimension }} }} }} }}"), "/model/offerings/0/prices/0/id").await;
        let new_price = app.data("query($id: ID!) { node(id: $id) { ... on Price { id dimension } } }", json!({ "id": new_id })).await;
        let new_id = if new_price["node"]["dimension"] == "INPUT_TOKENS" { new_id } else {
            let d = app.data(&format!("{{ model(slug: \"{slug}\") {{ offerings {{ prices(asOf: \"{today}\") {{ id dimension }} }} }} }}"), json!({})).await;
            d["model"]["offerings"][0]["prices"].as_array().unwrap().iter().find(|p| p["dimension"] == "INPUT_TOKENS").unwrap()["id"].as_str().unwrap().to_owned()
        };
        b.goto(&format!("{base}/#/edit?type=Price&id={new_id}")).await;
        b.wait_for(&format!("{READY} && document.querySelector('[data-form=Price]')"), "the correction form").await;
        let explain = b.eval("document.querySelector('#edit-body .explain').textContent").await;
        assert!(explain.as_str().unwrap().contains("no change is recorded"), "{explain}");
        b.fill(&field("Price", "amount"), "0.5").await;
        b.click_button("[data-form=Price]", "Save").await;
        b.wait_for("document.querySelector('#notice').textContent.includes('Saved')", "the saved correction").await;
        let corrected = app.data("query($id: ID!) { node(id: $id) { ... on Price { amount { amount } effectiveFrom version } } }", json!({ "id": new_id })).await;
        assert_eq!(corrected["node"]["amount"]["amount"], "0.5");
        assert_eq!(corrected["node"]["version"], 2);
        let rows = app.data(&format!("{{ model(slug: \"{slug}\") {{ priceHistory {{ dimension effectiveFrom }} }} }}"), json!({})).await;
        let from_today = rows["model"]["priceHistory"].as_array().unwrap().iter().filter(|p| p["dimension"] == "INPUT_TOKENS" && p["effectiveFrom"] == json!(today.to_string())).count();
        assert_eq!(from_today, 1, "a correction adds no row");
        // Its history: who, which field, before → after.
        b.goto(&format!("{base}/#/history?id={new_id}")).await;
        b.wait_for(&format!("{READY} && document.querySelector('table.history')"), "the history").await;
        let change = b.eval("document.querySelector('tr[data-action=UPDATE] [data-field=amount]').textContent").await;
        assert!(change.as_str().unwrap().contains("0.55") && change.as_str().unwrap().contains("0.5"), "{change}");
        b.screenshot(&shots.join("history.png")).await;
        assert_eq!(b.errors(), Vec::<String>::new(), "console errors");
    }
}

#[tokio::test]
async fn a_viewer_sees_no_edit_control() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let (app, base) = app(Backend::Sqlite).await;
    let viewer = app.login("viewer@example.org", PASSWORD).await;
    let model = api_id(&app, "{ model(slug: \"gpt-4o\") { id } }", "/model/id").await;
    let mut b = Browser::launch(&chromium).await;
    sign_in(&mut b, &base, "viewer@example.org").await;
    let header = b.eval("document.querySelector('#who').textContent").await;
    assert!(header.as_str().unwrap().contains("VIEWER"), "{header}");
    for (view, what) in [
        ("#/week?from=2024-05-20", "the week"),
        ("#/landscape", "the grid"),
        ("#/search?q=deepseek", "search"),
        ("#/prices?models=gpt-4o", "prices"),
        (
            &*format!("#/edit?type=Model&id={model}"),
            "an edit link typed by hand",
        ),
        ("#/inbox", "the inbox typed by hand"),
        (
            "#/model-prices?slug=gpt-4o",
            "the price editor typed by hand",
        ),
    ] {
        b.goto(&format!("{base}/{view}")).await;
        b.wait_for(
            &format!(
                "{READY} && document.querySelector('main').dataset.route === {}",
                serde_json::to_string(view).unwrap()
            ),
            what,
        )
        .await;
        let controls = b.eval("[...document.querySelectorAll('main [data-edit], main form:not([role=search]), main button')].map(e => e.dataset.edit || e.textContent.trim()).filter(t => ['Edit', 'Save', 'Accept', 'Dismiss', 'Delete', 'Change price', 'Correct', 'Restore', 'Edit prices'].includes(t))").await;
        assert_eq!(
            controls,
            json!([]),
            "{what}: edit controls shown to a viewer"
        );
        assert_eq!(
            b.eval("document.querySelectorAll('main [data-form]').length")
                .await,
            json!(0),
            "{what}: a form shown to a viewer"
        );
    }
    assert_eq!(
        b.eval("document.querySelector('nav a[data-view=inbox]').hidden")
            .await,
        json!(true)
    );
    b.screenshot(&artifacts().join("viewer.png")).await;
    // The page's enum choices are the schema's.
    let page = b
        .eval("import('/assets/records.js').then(m => m.ENUMS)")
        .await;
    for (name, values) in page.as_object().unwrap() {
        let schema = app
            .data(
                "query($n: String!) { __type(name: $n) { enumValues { name } } }",
                json!({ "n": name }),
            )
            .await;
        let names: Vec<&Value> = schema["__type"]["enumValues"]
            .as_array()
            .unwrap_or_else(|| panic!("no enum {name}"))
            .iter()
            .map(|v| &v["name"])
            .collect();
        assert_eq!(
            values.as_array().unwrap().iter().collect::<Vec<_>>(),
            names,
            "the page's {name}"
        );
    }
    // And the API refuses the edit anyway.
    let refused = app.error_as(Some(&viewer), "mutation($id: ID!) { updateModel(id: $id, input: { family: \"x\" }, expectedVersion: 1) { userErrors { message } } }", json!({ "id": model })).await;
    assert_eq!(crate::harness::code(&refused), "FORBIDDEN", "{refused}");
    assert_eq!(b.errors(), Vec::<String>::new(), "console errors");
}

#[tokio::test]
async fn two_tabs_edit_one_model_and_the_second_reapplies() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let (app, base) = app(Backend::Sqlite).await;
    let model = api_id(&app, "{ model(slug: \"gpt-4o\") { id } }", "/model/id").await;
    let edit = format!("{base}/#/edit?type=Model&id={model}");
    let mut first = Browser::launch(&chromium).await;
    let mut second = Browser::launch(&chromium).await;
    sign_in(&mut first, &base, "editor@example.org").await;
    sign_in(&mut second, &base, "other@example.org").await;
    for b in [&mut first, &mut second] {
        b.goto(&edit).await;
        b.wait_for(
            &format!("{READY} && document.querySelector('[data-form=Model]')"),
            "the model form",
        )
        .await;
    }
    first
        .fill(&field("Model", "family"), "GPT-4o family (tab one)")
        .await;
    first.click_button("[data-form=Model]", "Save").await;
    first
        .wait_for(
            "document.querySelector('#notice').textContent.includes('Saved')",
            "the first save",
        )
        .await;

    second
        .fill(&field("Model", "license"), "Proprietary (tab two)")
        .await;
    second.click_button("[data-form=Model]", "Save").await;
    second
        .wait_for(
            "document.querySelector('[data-conflict]')",
            "the conflict view",
        )
        .await;
    let rows = second.eval("[...document.querySelectorAll('[data-conflict] tbody tr')].map(r => [r.dataset.field, ...[...r.cells].slice(1).map(c => c.textContent)])").await;
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r[0] == "license" && r[1] == "Proprietary (tab two)"),
        "what was typed: {rows}"
    );
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r[0] == "family" && r[2] == "GPT-4o family (tab one)"),
        "what the other editor saved: {rows}"
    );
    second.screenshot(&artifacts().join("conflict.png")).await;
    second
        .click_button("[data-conflict]", "Apply my changes to the current version")
        .await;
    second.wait_for("document.querySelector('#notice').textContent.includes('Saved') && !document.querySelector('[data-conflict]')", "the re-applied save").await;
    let now = app
        .data(
            "query($id: ID!) { node(id: $id) { ... on Model { family license version } } }",
            json!({ "id": model }),
        )
        .await;
    assert_eq!(now["node"]["family"], "GPT-4o family (tab one)");
    assert_eq!(now["node"]["license"], "Proprietary (tab two)");

    // Delete, then Undo right away; then delete again and restore from "Recently deleted".
    let event = api_id(
        &app,
        "{ events(first: 1, orderBy: [{ field: OCCURRED_ON, direction: DESC }]) { nodes { id } } }",
        "/events/nodes/0/id",
    )
    .await;
    let live = async |app: &TestApp| {
        !app.data(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": event }),
        )
        .await["node"]
            .is_null()
    };
    second
        .goto(&format!("{base}/#/edit?type=Event&id={event}"))
        .await;
    second
        .wait_for(
            &format!("{READY} && document.querySelector('[data-form=Event]')"),
            "the event form",
        )
        .await;
    second.click_button("#edit-body", "Delete").await;
    second.click_button("#edit-body", "Yes, delete").await;
    second
        .wait_for("document.querySelector('[data-deleted]')", "the deletion")
        .await;
    assert!(!live(&app).await);
    second.click_button("#edit-body", "Undo").await;
    second.wait_for(&format!("{READY} && document.querySelector('[data-form=Event]') && document.querySelector('#notice').textContent.includes('Restored')"), "the undone deletion").await;
    assert!(live(&app).await);
    second.click_button("#edit-body", "Delete").await;
    second.click_button("#edit-body", "Yes, delete").await;
    second
        .wait_for(
            "document.querySelector('[data-deleted]')",
            "the second deletion",
        )
        .await;
    second.goto(&format!("{base}/#/deleted")).await;
    second
        .wait_for(
            &format!("{READY} && document.querySelector('[data-deleted=Event]')"),
            "recently deleted",
        )
        .await;
    second.screenshot(&artifacts().join("deleted.png")).await;
    second.click_button("[data-deleted=Event]", "Restore").await;
    second
        .wait_for(
            "document.querySelector('#notice').textContent.includes('Restored')",
            "the restore",
        )
        .await;
    assert!(live(&app).await);
    assert_eq!(first.errors(), Vec::<String>::new());
    assert_eq!(second.errors(), Vec::<String>::new());
}

#[tokio::test]
async fn a_session_that_ends_during_a_save_keeps_the_form() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let (app, base) = app(Backend::Sqlite).await;
    let company = api_id(
        &app,
        "{ company(slug: \"deepseek\") { id } }",
        "/company/id",
    )
    .await;
    let mut b = Browser::launch(&chromium).await;
    sign_in(&mut b, &base, "editor@example.org").await;
    b.goto(&format!("{base}/#/edit?type=Company&id={company}"))
        .await;
    b.wait_for(
        &format!("{READY} && document.querySelector('[data-form=Company]')"),
        "the company form",
    )
    .await;
    b.fill(&field("Company", "headquarters"), "Hangzhou, Zhejiang")
        .await;
    // The network drops: the form says so and keeps what was typed.
    b.offline(true).await;
    b.click_button("[data-form=Company]", "Save").await;
    b.wait_for("document.querySelector('[data-form=Company] .form-error').textContent.includes('Could not reach the server')", "the network error").await;
    assert_eq!(
        b.eval(&format!(
            "document.querySelector('{}').value",
            field("Company", "headquarters")
        ))
        .await,
        json!("Hangzhou, Zhejiang")
    );
    b.screenshot(&artifacts().join("network-error.png")).await;
    b.offline(false).await;
    // Meanwhile the password is changed elsewhere: every session of the account ends.
    let other = app.login("editor@example.org", PASSWORD).await;
    let changed = app.data_as(Some(&other), "mutation($p: String!) { changePassword(currentPassword: $p, newPassword: \"a brand new passphrase 42\") { userErrors { message } } }", json!({ "p": PASSWORD })).await;
    assert_eq!(changed["changePassword"]["userErrors"], json!([]));
    b.click_button("[data-form=Company]", "Save").await;
    b.wait_for(
        "document.querySelector('dialog#reauth[open]')",
        "the sign-in dialog",
    )
    .await;
    assert_eq!(
        b.eval(&format!(
            "document.querySelector('{}').value",
            field("Company", "headquarters")
        ))
        .await,
        json!("Hangzhou, Zhejiang"),
        "what was typed is kept"
    );
    b.screenshot(&artifacts().join("reauth.png")).await;
    b.fill("#reauth-email", "editor@example.org").await;
    b.fill("#reauth-password", "a brand new passphrase 42")
        .await;
    b.click_button("dialog#reauth", "Sign in").await;
    b.wait_for("!document.querySelector('dialog#reauth') && document.querySelector('#notice').textContent.includes('Saved')", "the resubmitted save").await;
    let saved = app
        .data(
            "query($id: ID!) { node(id: $id) { ... on Company { headquarters } } }",
            json!({ "id": company }),
        )
        .await;
    assert_eq!(saved["node"]["headquarters"], "Hangzhou, Zhejiang");

    // A session ended while reading signs the tab out, with a message that says so.
    let again = app
        .login("editor@example.org", "a brand new passphrase 42")
        .await;
    app.data_as(Some(&again), "mutation { changePassword(currentPassword: \"a brand new passphrase 42\", newPassword: \"yet another passphrase 43\") { userErrors { message } } }", json!({})).await;
    b.goto(&format!("{base}/#/inbox")).await;
    b.wait_for("document.querySelector('#signin-link') && document.querySelector('#notice').textContent.includes('session has ended')", "the signed-out tab").await;
    assert_eq!(
        b.eval("Object.keys(sessionStorage).filter(k => k.startsWith('aigc')).length")
            .await,
        json!(0)
    );
    b.screenshot(&artifacts().join("session-ended.png")).await;
}

#[tokio::test]
async fn every_form_opens_saves_and_refuses_an_empty_new_record() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let (app, base) = app(Backend::Sqlite).await;
    let ids = app.data(r#"{ company(slug: "openai") { id } model(slug: "gpt-4o") { id }
        products(first: 50) { nodes { id subscriptionPlans { id } } } events(first: 1) { nodes { id } } filings(first: 1) { nodes { id } }
        prices(first: 1) { nodes { id } } }"#, json!({})).await;
    let plan = ids["products"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|p| p["subscriptionPlans"][0]["id"].as_str())
        .expect("a curated plan")
        .to_owned();
    let records = [
        ("Company", ids["company"]["id"].as_str().unwrap().to_owned()),
        ("Model", ids["model"]["id"].as_str().unwrap().to_owned()),
        (
            "Product",
            ids["products"]["nodes"][0]["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        ),
        (
            "Event",
            ids["events"]["nodes"][0]["id"].as_str().unwrap().to_owned(),
        ),
        (
            "Filing",
            ids["filings"]["nodes"][0]["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        ),
        ("SubscriptionPlan", plan),
        (
            "Price",
            ids["prices"]["nodes"][0]["id"].as_str().unwrap().to_owned(),
        ),
    ];
    let mut b = Browser::launch(&chromium).await;
    sign_in(&mut b, &base, "editor@example.org").await;
    for (kind, id) in &records {
        // A record's form opens filled in; saved unchanged, it writes nothing and says so.
        b.goto(&format!("{base}/#/edit?type={kind}&id={id}")).await;
        b.wait_for(&format!("{READY} && document.querySelector('[data-form={kind}]') && document.querySelector('main').dataset.route.includes('{id}')"), kind).await;
        let unlabelled = b.eval("[...document.querySelectorAll('main input, main select, main textarea')].filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')).map(c => c.id)").await;
        assert_eq!(unlabelled, json!([]), "{kind}: every control has a label");
        let version = app.data("query($id: ID!) { node(id: $id) { ... on Company { version } ... on Model { version } ... on Product { version } ... on Event { version } ... on Filing { version } ... on SubscriptionPlan { version } ... on Price { version } } }", json!({ "id": id })).await;
        b.click_button(&format!("[data-form={kind}]"), "Save").await;
        b.wait_for(
            "document.querySelector('#notice').textContent.includes('Saved')",
            &format!("{kind} saved"),
        )
        .await;
        let after = app.data("query($id: ID!) { node(id: $id) { ... on Company { version } ... on Model { version } ... on Product { version } ... on Event { version } ... on Filing { version } ... on SubscriptionPlan { version } ... on Price { version } } }", json!({ "id": id })).await;
        assert_eq!(version, after, "{kind}: an unchanged form writes nothing");
        // A new one, sent empty: every required field says so, and the focus is on the first.
        if *kind == "Price" {
            continue;
        }
        b.goto(&format!("{base}/#/edit?type={kind}")).await;
        b.wait_for(&format!("{READY} && document.querySelector('[data-form={kind}]') && document.querySelector('main').dataset.route === '#/edit?type={kind}'"), kind).await;
        b.click_button(&format!("[data-form={kind}]"), "Save").await;
        let missing = b.eval(&format!("[...document.querySelectorAll('[data-form={kind}] .has-error')].map(f => f.dataset.field)")).await;
        let required = b.eval(&format!("[...document.querySelectorAll('[data-form={kind}] .field')].filter(f => f.querySelector('.req')).map(f => f.dataset.field)")).await;
        let filled = b.eval(&format!("[...document.querySelectorAll('[data-form={kind}] .field')].filter(f => f.querySelector('.req') && !f.classList.contains('has-error')).map(f => f.dataset.field)")).await;
        assert!(!missing.as_array().unwrap().is_empty(), "{kind}: {missing}");
        assert!(
            filled
                .as_array()
                .unwrap()
                .iter()
                .all(|f| missing.as_array().unwrap().contains(f)
                    || required.as_array().unwrap().contains(f)),
            "{kind}"
        );
        let focused = b.eval("document.activeElement.closest('[data-field]') && document.activeElement.closest('[data-field]').dataset.field").await;
        assert_eq!(
            focused, missing[0],
            "{kind}: the focus is on the first error"
        );
    }
    b.screenshot(&artifacts().join("price-correction.png"))
        .await;
    assert_eq!(b.errors(), Vec::<String>::new(), "console errors");
}
