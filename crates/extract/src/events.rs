//! What the text says of each event besides its name: its date, its place
//! and the body that held it.
//!
//! (Being written: see issue 11.)

use crate::lexicon::Lexicon;
use crate::model::{DocMeta, Extraction};

/// Fills the [`crate::model::EventFacts`] of every event of `ex`. `text`
/// is the document's text as analysed (mention offsets hold in it).
pub fn describe(_text: &str, _meta: &DocMeta, _ex: &mut Extraction, _lexicon: &Lexicon) {}
