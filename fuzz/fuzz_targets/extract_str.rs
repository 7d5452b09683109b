//! Arbitrary strings: sentences and mention spans of the raw string, and
//! the extraction of its normalized form. No panic; every sentence is a
//! bounded, trimmed slice; every invariant of `zhkg_extract::check` holds;
//! extraction is deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use zhkg_extract::extract::{Extractor, ExtractorConfig};
use zhkg_extract::model::{DocMeta, Document};
use zhkg_extract::{check, ingest};

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR
        .get_or_init(|| Extractor::new(&ExtractorConfig::default()).expect("built-in lexicons"))
}

fuzz_target!(|raw: &str| {
    for s in ingest::sentences(raw) {
        assert_eq!(&raw[s.start..s.end], s.text);
        assert!(!s.text.is_empty() && s.text.trim() == s.text);
        assert!(s.text.chars().count() <= ingest::MAX_SENTENCE_CHARS);
    }
    if let Err(e) = check::spans(raw, &extractor().spans(raw)) {
        panic!("{e}\ntext: {raw:?}");
    }
    let text = ingest::normalize(raw);
    if text.is_empty() {
        return;
    }
    let doc = Document {
        id: "fuzz".into(),
        text,
        meta: DocMeta::default(),
    };
    let ex = extractor().extract(&doc);
    if let Err(e) = check::extraction(&doc, &ex) {
        panic!("{e}\ntext: {:?}", doc.text);
    }
    assert_eq!(extractor().extract(&doc), ex, "extraction is deterministic");
});
