//! `DIGEST_PUBLISHED`: once a week, at a configured weekday and time in `TEAM_TIME_ZONE`
//! (`WEBHOOK_DIGEST_AT`, e.g. `FRI 17:00`), the week's digest — its Markdown in English and
//! Chinese, as the public sees it — is written to the outbox for the webhooks that follow
//! the topic. A marker row (in `leases`, never expiring) makes it once per week whatever the
//! number of replicas, and a server that was down at the time posts it when it comes back
//! within the same week.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};
use entities::{WebhookTopic, lease};
use sea_orm::{
    ActiveValue::Set, DbErr, EntityTrait, TransactionTrait, TryInsertResult, sea_query::OnConflict,
};
use serde_json::json;

use crate::{auth::Caller, state::AppState};

/// When the digest goes out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DigestAt {
    pub weekday: Weekday,
    pub time: NaiveTime,
}

/// Parses `FRI 17:00` (a weekday's first three letters, a 24-hour time).
pub fn parse_digest_at(text: &str) -> Result<DigestAt, String> {
    let bad = || format!("`{text}` is not a weekday and time such as `FRI 17:00`");
    let (day, time) = text.trim().split_once(' ').ok_or_else(bad)?;
    let weekday: Weekday = day.parse().map_err(|_| bad())?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| bad())?;
    Ok(DigestAt { weekday, time })
}

/// Writes this week's digest to the outbox if it is due and not written yet; true if written.
pub async fn publish_if_due(
    state: &AppState,
    at: DigestAt,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let local = now.with_timezone(&crate::clock::time_zone());
    let today = local.date_naive();
    let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
    let due_day = monday + Duration::days(at.weekday.num_days_from_monday() as i64);
    if today < due_day || (today == due_day && local.time() < at.time) {
        return Ok(false);
    }
    let sunday = monday + Duration::days(7);
    let render =
        |zh| crate::http::reports::markdown_for(state, Caller::Anonymous, monday, sunday, zh);
    let (Ok(en), Ok(zh)) = (render(false).await, render(true).await) else {
        return Ok(false);
    };
    let base = state
        .http
        .public_url
        .clone()
        .unwrap_or_else(|| "http://localhost:8000".into());
    let payload = json!({
        "from": monday.to_string(),
        "to": sunday.to_string(),
        "markdown": en,
        "markdownZh": zh,
        "url": format!("{}/reports/digest.html?from={monday}", base.trim_end_matches('/')),
    });
    let txn = state.db.begin().await?;
    let marker = lease::Entity::insert(lease::ActiveModel {
        name: Set(format!("digest:{monday}")),
        holder: Set("published".into()),
        expires_at: Set(DateTime::<Utc>::MAX_UTC),
    })
    .on_conflict(
        OnConflict::column(lease::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .try_insert()
    .exec(&txn)
    .await?;
    if !matches!(marker, TryInsertResult::Inserted(_)) {
        txn.rollback().await?;
        return Ok(false);
    }
    super::outbox::record(
        &txn,
        WebhookTopic::DigestPublished,
        payload,
        Vec::new(),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_times_parse() {
        assert_eq!(
            parse_digest_at("FRI 17:00").unwrap(),
            DigestAt {
                weekday: Weekday::Fri,
                time: NaiveTime::from_hms_opt(17, 0, 0).unwrap()
            }
        );
        assert!(parse_digest_at("Friday evening").is_err());
    }
}
