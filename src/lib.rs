//! The `zhkg` package: the commands (`build`, `extract`, `query`, …) as
//! library functions over checked configurations, on top of the crates
//! that do the work. The binary (`main.rs`, `cli.rs`) parses arguments
//! into these configurations and maps errors to exit codes.
//!
//! - [`zhkg_extract`]: text → extraction (no store, no C or C++).
//! - [`zhkg_graph`]: RDF, the store (local or remote), graph, exports, stats.
//! - [`zhkg_serve`]: the SPARQL endpoint.

pub mod commands;

pub use zhkg_extract as extraction;
pub use zhkg_graph as graph;
pub use zhkg_graph::{Error, Result};
pub use zhkg_serve as serve;
