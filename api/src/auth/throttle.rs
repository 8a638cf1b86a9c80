//! Login throttling: too many failures for one account or one address within a window are
//! refused with RATE_LIMITED until the window passes.
//!
//! The counts live in this process. With several replicas each keeps its own, so the limits
//! hold per replica (the README says so).

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Failed logins allowed per account within [`WINDOW`].
pub const PER_ACCOUNT: u32 = 5;
/// Failed logins allowed per address within [`WINDOW`].
pub const PER_ADDRESS: u32 = 20;
/// How long failures are remembered.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginThrottle {
    fn keys(email: &str, addr: Option<IpAddr>) -> Vec<(String, u32)> {
        let mut keys = vec![(format!("account:{}", email.to_lowercase()), PER_ACCOUNT)];
        if let Some(addr) = addr {
            keys.push((format!("address:{addr}"), PER_ADDRESS));
        }
        keys
    }

    /// How long to wait before trying again, if the account or address is throttled.
    pub fn wait(&self, email: &str, addr: Option<IpAddr>) -> Option<Duration> {
        let failures = self.failures.lock().expect("throttle lock");
        Self::keys(email, addr)
            .into_iter()
            .filter_map(|(key, limit)| {
                let (count, since) = failures.get(&key)?;
                let elapsed = since.elapsed();
                (*count >= limit && elapsed < WINDOW).then(|| WINDOW - elapsed)
            })
            .max()
    }

    /// Starts an attempt: refused with the time to wait when the account or address is
    /// throttled, otherwise counted as a failure until [`LoginThrottle::succeeded`] says
    /// otherwise. Counting before the password is checked means parallel guesses cannot
    /// slip past the limit while the slow hash runs.
    pub fn attempt(&self, email: &str, addr: Option<IpAddr>) -> Result<(), Duration> {
        let mut failures = self.failures.lock().expect("throttle lock");
        let now = Instant::now();
        failures.retain(|_, (_, since)| now.duration_since(*since) < WINDOW);
        let keys = Self::keys(email, addr);
        let wait = keys
            .iter()
            .filter_map(|(key, limit)| {
                let (count, since) = failures.get(key)?;
                (*count >= *limit).then(|| WINDOW.saturating_sub(since.elapsed()))
            })
            .max();
        if let Some(wait) = wait {
            return Err(wait);
        }
        for (key, _) in keys {
            failures.entry(key).or_insert((0, now)).0 += 1;
        }
        Ok(())
    }

    /// An attempt succeeded: forgets the account's failures and takes back the one the
    /// attempt counted against its address.
    pub fn succeeded(&self, email: &str, addr: Option<IpAddr>) {
        let mut failures = self.failures.lock().expect("throttle lock");
        failures.remove(&format!("account:{}", email.to_lowercase()));
        if let Some(addr) = addr
            && let Some(entry) = failures.get_mut(&format!("address:{addr}"))
        {
            entry.0 = entry.0.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_throttled_after_its_failures() {
        let throttle = LoginThrottle::default();
        for _ in 0..PER_ACCOUNT {
            assert!(throttle.attempt("A@x.org", None).is_ok());
        }
        assert!(throttle.attempt("a@x.org", None).is_err());
        assert!(throttle.wait("a@x.org", None).is_some());
        assert!(
            throttle.wait("b@x.org", None).is_none(),
            "other accounts are not affected"
        );
        throttle.succeeded("a@x.org", None);
        assert!(throttle.attempt("a@x.org", None).is_ok());
    }

    #[test]
    fn an_address_is_throttled_across_accounts() {
        let throttle = LoginThrottle::default();
        let addr: IpAddr = "10.0.0.7".parse().unwrap();
        for i in 0..PER_ADDRESS {
            throttle
                .attempt(&format!("user{i}@x.org"), Some(addr))
                .unwrap();
        }
        assert!(throttle.attempt("new@x.org", Some(addr)).is_err());
        assert!(throttle.attempt("new@x.org", None).is_ok());
    }

    #[test]
    fn a_success_gives_back_the_address_attempt() {
        let throttle = LoginThrottle::default();
        let addr: IpAddr = "10.0.0.8".parse().unwrap();
        for _ in 0..PER_ADDRESS * 2 {
            throttle.attempt("ok@x.org", Some(addr)).unwrap();
            throttle.succeeded("ok@x.org", Some(addr));
        }
        assert!(throttle.wait("other@x.org", Some(addr)).is_none());
    }
}
