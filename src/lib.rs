//! zhkg: Chinese news text to a knowledge graph of persons, organizations,
//! events and places, linked by attended, spokeAt, presided and memberOf,
//! each fact carrying the sentence and document it came from.
//!
//! The stages, in the order data flows:
//!
//! 1. [`ingest`]: files, folders, JSON Lines; encodings; normalization; sentences.
//! 2. [`segment`]: jieba-rs word segmentation and tags (its only owner).
//! 3. [`recognize`]: mentions of persons, organizations, events, places.
//! 4. [`relate`]: attended / spokeAt / presided / memberOf within a sentence.
//! 5. [`resolve`]: one entity per real thing in a document; the main event.
//!    [`extract`] runs stages 2–5 over one document.
//! 6. [`rdf`]: entities and relations → quads; deterministic IRIs; vocabulary.
//! 7. [`store`]: the Oxigraph store (its only user): load, query, dump.
//! 8. [`graph`]: the petgraph projection, read by [`export`] and [`stats`].
//!
//! [`eval`] scores extraction against gold annotations and [`explain`]
//! shows the evidence for an entity's facts; [`commands`] puts it all
//! together as the CLI's commands.

pub mod commands;
pub mod error;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod ner;
pub mod rdf;
pub mod recognize;
pub mod relate;
pub mod remote;
pub mod resolve;
pub mod segment;
pub mod serve;
pub mod stats;
pub mod store;

pub use error::{Error, Result};
