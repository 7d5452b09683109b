//! Identity across documents: each entity of an extraction gets the key of
//! its node in the corpus graph, from the document alone.
//!
//! (Being written: see issue 11.)

use crate::lexicon::Lexicon;
use crate::model::{DocMeta, Extraction, Identity};

/// Gives every entity of `ex` its identity. `text` is the document's text
/// as analysed (simplified characters, one for one with the original, so
/// mention offsets hold); `simplify` gives a name's simplified spelling.
pub fn assign(
    _id: &str,
    _text: &str,
    _meta: &DocMeta,
    ex: &mut Extraction,
    _lexicon: &Lexicon,
    simplify: impl Fn(&str) -> String,
) {
    for e in &mut ex.entities {
        e.identity = Identity {
            key: vec![normalize(&simplify(&e.name))],
            basis: String::new(),
        };
    }
}

/// Unifies a name for identity: full-width forms to half-width, no white space.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect()
}
