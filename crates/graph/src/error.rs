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
    #[error("store {path} is in use by another process (close it and try again)")]
    StoreLocked { path: PathBuf },
    #[error("no store at {path} (run `zhkg build` first, or pass --store)")]
    NoStore { path: PathBuf },
    #[error("store {path}: {source}")]
    Store {
        path: PathBuf,
        #[source]
        source: oxigraph::store::StorageError,
    },
    #[error("query: {0}")]
    QuerySyntax(String),
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
    #[error("nothing to build: no document could be read ({reasons})")]
    NothingToBuild { reasons: String },
    #[error("remote store: {0}")]
    Remote(String),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
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
