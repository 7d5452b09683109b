//! Extraction alone (no store, no output) over JSON Lines corpora on one
//! thread, reading included: for profiling the extraction crate without
//! the binary's store dependencies. Prints documents, seconds and
//! characters per second.
//!
//!     cargo run --release -p zhkg-extract --example extract_corpus -- corpus.jsonl

use std::path::Path;
use std::time::Instant;
use zhkg_extract::extract::{Extractor, ExtractorConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        return Err("usage: extract_corpus CORPUS.jsonl...".into());
    }
    let start = Instant::now();
    let extractor = Extractor::new(&ExtractorConfig::default())?;
    let (mut docs, mut chars, mut entities) = (0usize, 0usize, 0usize);
    for path in &paths {
        for doc in zhkg_extract::ingest::documents(Path::new(path)) {
            let doc = doc?;
            chars += doc.text.chars().count();
            entities += extractor.extract(&doc).entities.len();
            docs += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{docs} documents, {chars} characters, {entities} entities, {secs:.3} s, {:.0} characters/s",
        chars as f64 / secs
    );
    Ok(())
}
