//! zhkg's graph: extractions as RDF, the store that holds them (embedded
//! Oxigraph, or a remote SPARQL server), and what is read back from it.
//!
//! 1. [`rdf`]: entities and relations → quads; deterministic IRIs; vocabulary.
//! 2. [`location`]: where the graph lives ([`Location`]: local or remote),
//!    read through [`SparqlSource`] and written through [`GraphSink`].
//!    [`store`]: the Oxigraph store (its only user): load, query, dump.
//!    [`remote`]: a remote SPARQL server, read and written over HTTP.
//! 3. [`graph`]: the petgraph projection, read by [`export`] and [`stats`].
//!
//! [`query`] checks a query's nesting and evaluates queries in a worker
//! process under time and memory limits.
//!
//! [`explain`] shows the evidence for an entity's facts and why its
//! mentions are one node; [`entities`] lists which node each document's
//! entities are (`export --format entities`).

pub mod entities;
pub mod error;
pub mod explain;
pub mod explore;
pub mod export;
pub mod graph;
pub mod location;
pub mod query;
pub mod rdf;
pub mod remote;
pub mod stats;
pub mod store;

pub use error::{Error, Result};
pub use location::{GraphSink, GraphWriter, Location, SparqlSource};
