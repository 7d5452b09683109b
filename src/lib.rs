//! The `zhkg` package: the commands (`build`, `extract`, `query`, …) as
//! library functions over checked configurations, on top of the crates
//! that do the work. The binary (`main.rs`, `cli.rs`) parses arguments
//! into these configurations, runs them and maps the outcome to an exit
//! code.
//!
//! - [`config`]: the checked configurations ([`Command`]).
//! - [`commands`]: the work of each command (no printing).
//! - [`run`](mod@run): a command as the binary runs it: the work, then what is
//!   printed, and the [`Status`] (exit code).
//! - [`zhkg_extract`]: text → extraction (no store, no C++, no libclang).
//! - [`zhkg_graph`]: RDF, the store (local or remote), graph, exports, stats.
//! - [`zhkg_serve`]: the SPARQL endpoint.

pub mod commands;
pub mod config;
pub mod run;

pub use config::Command;
pub use run::{is_broken_pipe, run, Console, ShowProgress, Status};
pub use zhkg_extract as extraction;
pub use zhkg_graph as graph;
pub use zhkg_graph::{Error, Result};
pub use zhkg_serve as serve;

/// `zhkg query-worker`, as `query` and `serve` start it: this executable,
/// with the allocator of the binary (mimalloc, set in `main.rs`) told to
/// reserve its address space in steps of 16 MiB. By default it reserves
/// 1 GiB at its first allocation, and `RLIMIT_DATA`, which caps a
/// worker's memory (`--max-memory`) over what it holds at the start,
/// counts reserved space: a worker capped at 64 MiB could then grow to
/// about 1 GiB before its cap stopped it.
pub fn query_worker_command() -> Result<graph::query::WorkerCommand> {
    Ok(graph::query::WorkerCommand::current_exe(&["query-worker"])?
        .with_env("MIMALLOC_ARENA_RESERVE", "16MiB"))
}
