//! Time buckets for charts and trends: weeks from Monday and calendar months, and the range
//! of them one answer may hold.

use chrono::{Datelike, Duration, NaiveDate};

use crate::error::ApiError;

/// How long a time bucket is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BucketSize {
    /// Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

impl BucketSize {
    /// The start of the bucket holding `day`.
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            BucketSize::Week => day - Duration::days(day.weekday().num_days_from_monday() as i64),
            BucketSize::Month => day.with_day(1).expect("the 1st exists"),
        }
    }

    /// The start of the bucket after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            BucketSize::Week => start + Duration::days(7),
            BucketSize::Month => start
                .checked_add_months(chrono::Months::new(1))
                .expect("a later month"),
        }
    }

    /// The starts of every bucket overlapping [from, to).
    pub fn starts(self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut starts = Vec::new();
        let mut start = self.start(from);
        while start < to {
            starts.push(start);
            start = self.next(start);
        }
        starts
    }
}

/// At most this many buckets in one answer.
const MAX_BUCKETS: i64 = 600;

/// Refuses an empty range or one of more than [`MAX_BUCKETS`] buckets.
pub fn check_range(from: NaiveDate, to: NaiveDate, size: BucketSize) -> Result<(), ApiError> {
    if to <= from {
        return Err(ApiError::bad_input("`to` must be after `from`"));
    }
    let days = (to - from).num_days();
    let n = match size {
        BucketSize::Week => days / 7,
        BucketSize::Month => days / 28,
    };
    if n > MAX_BUCKETS {
        return Err(ApiError::bad_input(format!(
            "{n} buckets asked for: narrow the range to at most {MAX_BUCKETS}"
        )));
    }
    Ok(())
}
