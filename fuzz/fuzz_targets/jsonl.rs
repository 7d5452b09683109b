//! Arbitrary bytes as a JSON Lines corpus, read as `zhkg` reads a
//! `.jsonl` file. No panic; every document read has normalized, non-empty
//! text with its hash, and its extraction keeps the invariants of
//! `zhkg_extract::check`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;
use zhkg_extract::extract::{Extractor, ExtractorConfig};
use zhkg_extract::{check, ingest};

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR
        .get_or_init(|| Extractor::new(&ExtractorConfig::default()).expect("built-in lexicons"))
}

fuzz_target!(|data: &[u8]| {
    let reader = std::io::Cursor::new(data.to_vec());
    for doc in ingest::jsonl_from_reader(Path::new("fuzz.jsonl"), reader).flatten() {
        assert!(!doc.text.is_empty());
        assert_eq!(ingest::normalize(&doc.text), doc.text);
        assert_eq!(doc.meta.sha256, ingest::sha256_hex(&doc.text));
        let ex = extractor().extract(&doc);
        if let Err(e) = check::extraction(&doc, &ex) {
            panic!("{e}\ntext: {:?}", doc.text);
        }
    }
});
