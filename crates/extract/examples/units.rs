//! Shows how the recognizer reads a sentence: jieba's tokens, then the
//! units (persons, bodies, posts, events, triggers…) that `relate` reads.
//! For developing rules on sentences you write:
//!
//!     cargo run --release -p zhkg-extract --example units -- '市长甲出席会议。'

use zhkg_extract::lexicon::Lexicon;
use zhkg_extract::recognize::{KnownNames, Recognizer, SentenceChars};
use zhkg_extract::segment::Segmenter;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lexicon = Lexicon::builtin();
    let segmenter = Segmenter::new(&lexicon, &[])?;
    let recognizer = Recognizer::new(lexicon);
    let known = KnownNames::default();
    for text in std::env::args().skip(1) {
        let text = zhkg_extract::ingest::normalize(&text);
        let chars = SentenceChars::new(&text);
        let tokens = segmenter.tag(&text, recognizer.lexicon());
        let words: Vec<String> = tokens
            .iter()
            .map(|t| format!("{}/{:?}", t.text, t.tag))
            .collect();
        println!("tokens: {}", words.join(" "));
        let read = recognizer.sentence(&chars, &tokens, &segmenter, &known);
        for u in read.units {
            println!("  {:>3}..{:<3} {:?}", u.start, u.end, u.kind);
        }
        for m in read.mentions {
            let name: String = chars[m.start..m.end].iter().collect();
            println!("  mention {name} {:?}", m.kind);
        }
    }
    Ok(())
}
