//! The benchmark floor: jieba-rs part-of-speech tagging alone (HMM on, as
//! zhkg uses it) over every document of JSON Lines corpora, on one thread.
//! Prints characters, seconds and characters per second.
//!
//!     cargo run --release --example jieba_tag -- corpus.jsonl [...]

use std::io::BufRead;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        return Err("usage: jieba_tag CORPUS.jsonl...".into());
    }
    let start = Instant::now();
    let jieba = zhkg_extract::segment::jieba();
    let (mut chars, mut tags) = (0usize, 0usize);
    for path in &paths {
        let file = std::io::BufReader::new(std::fs::File::open(path)?);
        for line in file.lines() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let record: serde_json::Value = serde_json::from_str(&line)?;
            let text = record["text"].as_str().unwrap_or_default();
            chars += text.chars().count();
            tags += jieba.tag(text, true).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{chars} characters, {tags} words, {secs:.3} s, {:.0} characters/s",
        chars as f64 / secs
    );
    Ok(())
}
