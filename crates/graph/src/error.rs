//! The graph crate's one error type: the store, queries, remote servers and
//! builds, plus every error of extraction (input files, lexicons) as it is.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading input, lexicons, gold files: the extraction crate's errors.
    #[error(transparent)]
    Extract(#[from] zhkg_extract::Error),
    /// Store errors say what happened and what to do; each is one kind,
    /// told from Oxigraph's error variants, the I/O error kinds and the
    /// store's own files (never from words inside a message), and each
    /// shows the storage engine's text once (`detail`).
    #[error(
        "store {path} is in use by another process (a `zhkg build` or `load` \
         writing it?): wait for it to finish, or stop it, then try again"
    )]
    StoreLocked { path: PathBuf },
    #[error("no store at {path} (run `zhkg build` first, or pass --store)")]
    NoStore { path: PathBuf },
    #[error(
        "store {path}: permission denied on {file} ({access}): run zhkg as the \
         store's owner, or give this user access to the folder and its files"
    )]
    StoreAccess {
        path: PathBuf,
        /// The file or folder refused.
        file: PathBuf,
        /// What was refused: "read" or "write".
        access: &'static str,
    },
    #[error(
        "store {path} is damaged ({detail}): one of its files was changed or \
         cut short outside zhkg. Move the folder aside and run `zhkg build` \
         again into a new store (the input files are the source of truth)"
    )]
    StoreCorrupt { path: PathBuf, detail: String },
    #[error("store {path}: the disk is full ({detail}): free space, then run the command again")]
    StoreFull { path: PathBuf, detail: String },
    #[error("store {path}: {detail}")]
    Store { path: PathBuf, detail: String },
    #[error("SPARQL query: {0}")]
    QuerySyntax(String),
    #[error(
        "this is a SPARQL update, and `zhkg query` only reads: the store changes \
         through `zhkg build` and `zhkg load`, or through `zhkg serve --allow-update` \
         (POST the update to /update)"
    )]
    UpdateGiven,
    #[error("query evaluation: {0}")]
    QueryEval(String),
    #[error("query stopped after the time limit of {0:?}")]
    QueryTimeout(std::time::Duration),
    #[error("document id {id:?} appears twice ({first} and {second}); the second was skipped")]
    DuplicateId {
        id: String,
        first: String,
        second: String,
    },
    #[error("{path}: not a zhkg N-Quads shard: {message}")]
    BadShard { path: PathBuf, message: String },
    #[error("nothing to build: {}", nothing_to_build(skipped))]
    NothingToBuild {
        /// The inputs that were skipped, each with why.
        skipped: Vec<Error>,
    },
    #[error("{path}: folder cannot be read ({reason}); skipped")]
    UnreadableFolder { path: PathBuf, reason: String },
    #[error("remote store: {0}")]
    Remote(String),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Why nothing could be built, in one line however many inputs were
/// skipped: how many of each kind, and the first of them.
fn nothing_to_build(skipped: &[Error]) -> String {
    use zhkg_extract::Error as E;
    let Some(first) = skipped.first() else {
        return "no documents".into();
    };
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for e in skipped {
        let kind = match e {
            Error::Extract(E::NotText { .. }) => "not text",
            Error::Extract(E::Empty { .. } | E::EmptyRecord { .. }) => "empty",
            Error::Extract(E::BadJsonLine { .. }) => "malformed JSON Lines records",
            Error::Extract(E::NotFound { .. }) => "gone before they were read",
            Error::Extract(E::Read { .. }) | Error::UnreadableFolder { .. } => "unreadable",
            Error::DuplicateId { .. } => "duplicate ids",
            _ => "other",
        };
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((kind, 1)),
        }
    }
    if skipped.len() == 1 {
        return format!("the only input was skipped: {first}");
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    format!(
        "all {} inputs were skipped ({}); the first: {first}",
        skipped.len(),
        kinds.join(", ")
    )
}

impl Error {
    /// Whether this is a write to a closed pipe (`zhkg export | head`),
    /// which the binary treats as success.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Error::Io(e) | Error::Extract(zhkg_extract::Error::Io(e)) => {
                e.kind() == std::io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }
}
