//! The secret that signs tokens: `JWT_SECRET`, or on the embedded SQLite default a strong one
//! generated once and kept beside the database file, readable by its owner only.

use std::path::{Path, PathBuf};

use anyhow::Context;

/// Where the secret came from (for the start-up log; the secret itself is never logged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    Environment,
    File(PathBuf),
    Generated(PathBuf),
}

/// The signing secret: `configured` when given, else the file beside a SQLite database.
pub fn resolve_secret(
    configured: Option<&str>,
    database_url: &str,
) -> anyhow::Result<(Vec<u8>, SecretSource)> {
    if let Some(secret) = configured {
        anyhow::ensure!(
            secret.len() >= 32,
            "JWT_SECRET is {} bytes long: use at least 32 random bytes (e.g. `openssl rand -hex 32`)",
            secret.len()
        );
        return Ok((secret.as_bytes().to_vec(), SecretSource::Environment));
    }
    let Some(file) = sqlite_file(database_url) else {
        anyhow::bail!(
            "set JWT_SECRET (at least 32 random bytes) when the database is not a SQLite file: \
             every replica must sign tokens with the same secret"
        );
    };
    let path = PathBuf::from(format!("{}.jwt-secret", file.display()));
    if path.exists() {
        check_owner_only(&path)?;
        let secret = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read the token secret {}", path.display()))?;
        let secret = secret.trim().as_bytes().to_vec();
        anyhow::ensure!(
            secret.len() >= 32,
            "{} holds fewer than 32 bytes",
            path.display()
        );
        return Ok((secret, SecretSource::File(path)));
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("no randomness for the token secret: {e}"))?;
    let secret = hex::encode(bytes);
    write_owner_only(&path, &secret)?;
    Ok((secret.into_bytes(), SecretSource::Generated(path)))
}

/// The file of a `sqlite://FILE?…` URL, unless it is in memory.
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let file = rest.split('?').next().unwrap_or("");
    (!file.is_empty() && file != ":memory:").then(|| PathBuf::from(file))
}

#[cfg(unix)]
fn write_owner_only(path: &Path, secret: &str) -> anyhow::Result<()> {
    use std::{io::Write, os::unix::fs::OpenOptionsExt};
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create the token secret {}", path.display()))?;
    file.write_all(secret.as_bytes())?;
    Ok(())
}

#[cfg(not(unix))]
fn write_owner_only(path: &Path, secret: &str) -> anyhow::Result<()> {
    std::fs::write(path, secret)
        .with_context(|| format!("cannot create the token secret {}", path.display()))
}

#[cfg(unix)]
fn check_owner_only(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode();
    anyhow::ensure!(
        mode & 0o077 == 0,
        "{} is readable by others (mode {:o}): run `chmod 600 {}`",
        path.display(),
        mode & 0o777,
        path.display()
    );
    Ok(())
}

#[cfg(not(unix))]
fn check_owner_only(_: &Path) -> anyhow::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_secrets_are_refused() {
        assert!(resolve_secret(Some("short"), "sqlite://x.db").is_err());
        assert!(resolve_secret(None, "postgres://db/x").is_err());
    }

    #[test]
    fn a_generated_secret_is_kept_owner_only_and_reused() {
        let dir = std::env::temp_dir().join(format!("aigc-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("l.db").display());
        let (first, source) = resolve_secret(None, &url).unwrap();
        assert!(matches!(source, SecretSource::Generated(_)));
        assert_eq!(first.len(), 64);
        let (again, source) = resolve_secret(None, &url).unwrap();
        assert_eq!(first, again);
        assert!(matches!(source, SecretSource::File(_)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = dir.join("l.db.jwt-secret");
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(
                resolve_secret(None, &url).is_err(),
                "a world-readable secret is refused"
            );
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
