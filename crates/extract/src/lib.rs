//! zhkg's extraction: Chinese news text to persons, organizations, events
//! and places, linked by attended, spokeAt, presided and memberOf, each
//! fact carrying the sentence it came from. Nothing of the store, no C++
//! and no libclang: this crate builds and tests on its own, in about a
//! minute from clean (jieba-rs's zstd-compressed dictionary needs a C
//! compiler, nothing more).
//!
//! The stages, in the order data flows:
//!
//! 1. [`ingest`]: files, folders, JSON Lines; encodings; normalization; sentences;
//!    [`hanzi`]: traditional characters read through a simplified copy.
//! 2. [`segment`]: jieba-rs word segmentation and tags (its only owner).
//! 3. [`recognize`]: the recognizer: mentions of persons, organizations
//!    and places ([`ner`]'s rules) and the units relations read, from one
//!    reading of a sentence.
//! 4. [`relate`]: attended / spokeAt / presided / memberOf within a sentence.
//! 5. [`resolve`]: one entity per real thing in a document; the main event;
//!    the outlet and filing place of the byline ([`byline`]).
//!    [`extract`] runs stages 2–5 over one document.
//!
//! [`eval`] scores extraction against gold annotations. The recognizer
//! reads every lexicon of `data/lexicon/` through [`lexicon`] (word sets
//! in [`words`]), and shares the character classes and name helpers of
//! [`text`] with ingestion.

pub mod byline;
pub mod check;
pub mod error;
pub mod eval;
pub mod events;
pub mod extract;
pub mod hanzi;
pub mod identity;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod ner;
pub mod recognize;
pub mod relate;
pub mod resolve;
pub mod segment;
#[cfg(test)]
mod tests;
pub mod text;
pub mod window;
pub mod words;

pub use error::{Error, Result};
