//! The extraction crate's one error type. Noisy text is never an error;
//! only I/O and user mistakes (a missing file, an undecodable one, a
//! malformed record or lexicon) are.

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
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}
