//! "Today", as the team counts days: in its time zone (Asia/Shanghai unless configured), so a
//! change made at 07:00 Beijing time belongs to that day, not to yesterday in UTC.

use std::sync::OnceLock;

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;

/// The team's time zone when none is configured.
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Asia::Shanghai;

static TEAM_TIME_ZONE: OnceLock<Tz> = OnceLock::new();

/// Sets the team's time zone once, at start-up; later calls keep the first.
pub fn set_time_zone(tz: Tz) {
    let _ = TEAM_TIME_ZONE.set(tz);
}

/// The team's time zone.
pub fn time_zone() -> Tz {
    *TEAM_TIME_ZONE.get().unwrap_or(&DEFAULT_TIME_ZONE)
}

/// Today's date in the team's time zone.
pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&time_zone()).date_naive()
}

/// A time zone name, checked: `Asia/Shanghai`, `Europe/Paris`, `UTC`…
pub fn parse_time_zone(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>().map_err(|_| {
        format!("`{name}` is not an IANA time zone (e.g. Asia/Shanghai, Europe/Paris, UTC)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_parse_and_today_is_near_utc_today() {
        assert!(parse_time_zone("Asia/Shanghai").is_ok());
        assert!(parse_time_zone("Mars/Olympus").is_err());
        let diff = (today() - Utc::now().date_naive()).num_days();
        assert!((-1..=1).contains(&diff));
    }
}
