//! What a seed run did, or would do: counts per kind and one line per change.

/// What happened to the records of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub conflicts: usize,
}

/// What a run did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Per kind of record, in load order.
    pub kinds: Vec<(&'static str, Counts)>,
    /// One line per created, updated or conflicting record, with the fields that differ.
    pub changes: Vec<String>,
    /// The rows written, by kind: what the search index must take in.
    pub touched: Vec<(&'static str, i64)>,
    /// The rows created, by kind: what webhooks may hear of (see `sync_in`).
    pub created: Vec<(&'static str, i64)>,
}

impl Report {
    pub(super) fn counts(&mut self, kind: &'static str) -> &mut Counts {
        if !self.kinds.iter().any(|(k, _)| *k == kind) {
            self.kinds.push((kind, Counts::default()));
        }
        &mut self
            .kinds
            .iter_mut()
            .find(|(k, _)| *k == kind)
            .expect("just added")
            .1
    }

    /// The counts of one kind.
    pub fn of(&self, kind: &str) -> Counts {
        self.kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, c)| *c)
            .unwrap_or_default()
    }

    /// All counts added up.
    pub fn total(&self) -> Counts {
        self.kinds
            .iter()
            .fold(Counts::default(), |t, (_, c)| Counts {
                created: t.created + c.created,
                updated: t.updated + c.updated,
                unchanged: t.unchanged + c.unchanged,
                conflicts: t.conflicts + c.conflicts,
            })
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.total();
        write!(
            f,
            "{} created, {} updated, {} unchanged, {} conflicts",
            t.created, t.updated, t.unchanged, t.conflicts
        )
    }
}
