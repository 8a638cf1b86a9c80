//! Which hosts and addresses an outbound call may reach.

use std::{
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
    sync::Arc,
};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// The policy: private addresses refused unless `allow_private`, or the host is one of
/// `allowed_hosts` (a self-hosted feed bridge such as RSSHub).
#[derive(Clone, Debug, Default)]
pub struct Guard {
    pub allow_private: bool,
    pub allowed_hosts: Vec<String>,
    /// The setting that lifts the refusal, named in the error (`FETCH_ALLOW_PRIVATE`).
    pub setting: &'static str,
}

impl Guard {
    fn host_allowed(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.allow_private
            || self
                .allowed_hosts
                .iter()
                .any(|h| h.eq_ignore_ascii_case(&host))
    }

    /// Checks a URL before a request or a redirect: scheme, and an IP-literal host (which
    /// skips the resolver).
    pub fn check_url(&self, url: &url::Url) -> Result<(), String> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "only http and https URLs are fetched, not `{}:`",
                url.scheme()
            ));
        }
        let Some(host) = url.host() else {
            return Err("the URL has no host".into());
        };
        let ip = match host {
            url::Host::Ipv4(ip) => IpAddr::V4(ip),
            url::Host::Ipv6(ip) => IpAddr::V6(ip),
            url::Host::Domain(_) => return Ok(()),
        };
        if is_public(ip) || self.host_allowed(&ip.to_string()) {
            Ok(())
        } else {
            Err(self.refusal(&ip.to_string(), ip))
        }
    }

    fn refusal(&self, host: &str, ip: IpAddr) -> String {
        format!(
            "refused: {host} is {ip}, a loopback, private or link-local address; set {}=true{} to allow it",
            self.setting,
            if self.setting == "FETCH_ALLOW_PRIVATE" {
                " or list the host in FETCH_ALLOWED_HOSTS"
            } else {
                ""
            }
        )
    }
}

/// Resolves names with the system resolver and drops the addresses the guard refuses.
#[derive(Clone)]
pub struct GuardedResolver(pub Arc<Guard>);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = self.0.clone();
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| format!("cannot resolve {host}: {e}"))?
                .collect();
            if guard.host_allowed(&host) {
                return Ok(Box::new(addrs.into_iter()) as Addrs);
            }
            let (public, refused): (Vec<_>, Vec<_>) =
                addrs.into_iter().partition(|a| is_public(a.ip()));
            if public.is_empty() {
                let message = match refused.first() {
                    Some(a) => guard.refusal(&host, a.ip()),
                    None => format!("cannot resolve {host}: no address"),
                };
                return Err(message.into());
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// Whether `ip` is a public unicast address: not loopback, private, link-local, shared
/// (CGNAT), unique-local, multicast, documentation, reserved or unspecified — IPv4, IPv6,
/// and IPv4 inside IPv6 (mapped, compatible, NAT64).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) carry an IPv4 address.
    if s[..6] == [0, 0, 0, 0, 0, 0] || s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
        return !ip.is_unspecified() && !ip.is_loopback() && is_public_v4(v4);
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link local
        || (s[0] & 0xffc0) == 0xfec0 // site local (deprecated)
        || (s[0] == 0x2001 && s[1] == 0x0db8)) // documentation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_ranges_are_refused_in_every_spelling() {
        for refused in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "ff02::1",
        ] {
            assert!(
                !is_public(refused.parse().unwrap()),
                "{refused} must be refused"
            );
        }
        for public in ["8.8.8.8", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8"] {
            assert!(is_public(public.parse().unwrap()), "{public} is public");
        }
    }

    #[test]
    fn urls_are_checked_for_scheme_and_literal_addresses() {
        let guard = Guard {
            setting: "FETCH_ALLOW_PRIVATE",
            ..Guard::default()
        };
        let check = |u: &str| guard.check_url(&url::Url::parse(u).unwrap());
        assert!(check("https://example.com/feed").is_ok());
        assert!(
            check("file:///etc/passwd")
                .unwrap_err()
                .contains("only http")
        );
        assert!(
            check("http://127.0.0.1:8000/")
                .unwrap_err()
                .contains("FETCH_ALLOW_PRIVATE")
        );
        assert!(check("http://[::ffff:7f00:1]/").is_err());
        let open = Guard {
            allowed_hosts: vec!["127.0.0.1".into()],
            ..guard.clone()
        };
        assert!(
            open.check_url(&url::Url::parse("http://127.0.0.1/").unwrap())
                .is_ok()
        );
    }
}
