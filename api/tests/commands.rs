//! The real binary's intake and curation commands on a fresh SQLite file: `rates update
//! --from FILE`, `fetch` with nothing to fetch, and `check`.

use std::process::Command;

fn run(args: &[&str], db: &str) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_aigc-landscape"))
        .args(args)
        .env("DATABASE_URL", db)
        .env_remove("RUST_LOG")
        .output()
        .expect("the binary runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn rates_update_fetch_and_check_on_the_real_binary() {
    let dir = std::env::temp_dir().join(format!("aigc-commands-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.join("l.db").display());
    let file = dir.join("eurofxref-daily.xml");
    std::fs::write(
        &file,
        r#"<?xml version="1.0" encoding="UTF-8"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><Cube><Cube time="2026-11-27"><Cube currency="USD" rate="1.1000"/><Cube currency="CNY" rate="7.8000"/></Cube></Cube></gesmes:Envelope>"#,
    )
    .unwrap();
    let (ok, out, err) = run(&["rates", "update", "--from", file.to_str().unwrap()], &db);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("1 ECB days from 2026-11-27 to 2026-11-27: 3 rates created"),
        "{out}"
    );
    let (ok, out, _) = run(&["rates", "update", "--from", file.to_str().unwrap()], &db);
    assert!(
        ok && out.contains("0 rates created, 0 updated, 3 unchanged"),
        "{out}"
    );

    let broken = dir.join("broken.xml");
    std::fs::write(&broken, "<html>maintenance</html>").unwrap();
    let (ok, _, err) = run(
        &["rates", "update", "--from", broken.to_str().unwrap()],
        &db,
    );
    assert!(!ok && err.contains("no rate was changed"), "{err}");

    let (ok, out, err) = run(&["fetch"], &db);
    assert!(ok && out.contains("0 sources fetched"), "{out}{err}");
    let (ok, _, err) = run(&["fetch", "--source", "nope"], &db);
    assert!(
        !ok && err.contains("no source with the slug `nope`"),
        "{err}"
    );

    let (ok, out, err) = run(&["check"], &db);
    assert!(ok, "{err}");
    assert!(
        out.contains("COMPANY_WITHOUT_SOURCE") && out.contains("OPEN_PRICE_ON_RETIRED"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test]
async fn a_seed_run_tells_webhooks_of_the_price_changes_it_brings() {
    use sea_orm::{EntityTrait, PaginatorTrait};
    let dir = std::env::temp_dir().join(format!("aigc-seed-notify-{}", std::process::id()));
    let data = dir.join("data");
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/starter"),
        &data,
    );
    let db = format!("sqlite://{}?mode=rwc", dir.join("l.db").display());
    // The first seeding of an empty database tells nobody.
    let (ok, out, err) = run(&["seed", "--dir", data.to_str().unwrap()], &db);
    assert!(ok, "{out}{err}");
    let conn = sea_orm::Database::connect(&db).await.unwrap();
    assert_eq!(
        entities::outbox::Entity::find().count(&conn).await.unwrap(),
        0
    );

    // A curator records today's cut in the files and seeds again.
    let today = chrono::Utc::now().date_naive().to_string();
    let prices = data.join("prices.csv");
    let text = std::fs::read_to_string(&prices).unwrap();
    let old = "deepseek,cn,deepseek-reasoner,deepseek-r1,,OUTPUT_TOKENS,TOKEN,1000000,16,CNY,,,,,,,,,,,,,2025-01-20,,";
    assert!(text.contains(old), "the starter row is there");
    let closed = text.replace(old, &format!("deepseek,cn,deepseek-reasoner,deepseek-r1,,OUTPUT_TOKENS,TOKEN,1000000,16,CNY,,,,,,,,,,,,,2025-01-20,{today},"));
    let new_row = format!(
        "deepseek,cn,deepseek-reasoner,deepseek-r1,,OUTPUT_TOKENS,TOKEN,1000000,8,CNY,,,,,,,,,,,,,{today},,,,,https://api-docs.deepseek.com/quick_start/pricing,,HIGH\n"
    );
    std::fs::write(
        &prices,
        format!(
            "{}{}{new_row}",
            closed,
            if closed.ends_with('\n') { "" } else { "\n" }
        ),
    )
    .unwrap();
    let (ok, out, err) = run(&["seed", "--dir", data.to_str().unwrap()], &db);
    assert!(ok, "{out}{err}");
    let messages = entities::outbox::Entity::find().all(&conn).await.unwrap();
    assert_eq!(messages.len(), 1, "{out}");
    assert_eq!(messages[0].topic, entities::WebhookTopic::PriceChanged);
    assert_eq!(messages[0].payload["amount"], "8");
    assert_eq!(messages[0].payload["previousAmount"], "16");
    conn.close().await.ok();
    let _ = std::fs::remove_dir_all(dir);
}
