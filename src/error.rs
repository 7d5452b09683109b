//! The library's one error type. Noisy text is never an error; only I/O and
//! user mistakes (missing file, bad query, locked store) are.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{path}: no such file or directory")]
    NotFound { path: PathBuf },
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: no .txt or .jsonl files found")]
    NoInput { path: PathBuf },
    #[error("{path}: file is empty")]
    Empty { path: PathBuf },
    #[error("{path}:{line}: record has empty text")]
    EmptyRecord { path: PathBuf, line: usize },
    #[error("{path}: not text ({reason}); skipped")]
    NotText { path: PathBuf, reason: String },
    #[error("{path}:{line}: malformed JSON Lines record: {message}")]
    BadJsonLine {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: lexicon: {message}")]
    Lexicon { path: PathBuf, message: String },
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
    #[error("nothing to build: no document could be read ({reasons})")]
    NothingToBuild { reasons: String },
    #[error("remote store: {0}")]
    Remote(String),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}
