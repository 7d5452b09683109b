//! Shows how the recognizer reads a sentence: jieba's tokens, then the
//! units (persons, bodies, posts, events, triggers…) that `relate` reads.
//! For developing rules on sentences you write:
//!
//!     cargo run --release -p zhkg-extract --example units -- '市长甲出席会议。'

use zhkg_extract::lexicon::Lexicon;
use zhkg_extract::recognize::{Chunker, KnownNames, SentenceChars};
use zhkg_extract::segment::Segmenter;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lexicon = Lexicon::builtin();
    let segmenter = Segmenter::new(&lexicon, &[])?;
    let known = KnownNames::default();
    let chunker = Chunker {
        lexicon: &lexicon,
        known_names: &known,
    };
    for text in std::env::args().skip(1) {
        let text = zhkg_extract::ingest::normalize(&text);
        let chars = SentenceChars::new(&text);
        let tokens = segmenter.tag(&text, &lexicon);
        let words: Vec<String> = tokens
            .iter()
            .map(|t| format!("{}/{:?}", t.text, t.tag))
            .collect();
        println!("tokens: {}", words.join(" "));
        for u in chunker.chunk(&chars, &tokens) {
            println!("  {:>3}..{:<3} {:?}", u.start, u.end, u.kind);
        }
    }
    Ok(())
}
