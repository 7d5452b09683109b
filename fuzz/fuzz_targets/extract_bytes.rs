//! Arbitrary bytes as a text file's content: decoded and normalized as
//! `zhkg` reads a file, then extracted. No panic, and every invariant of
//! `zhkg_extract::check` holds.
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

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = ingest::decode(data) else {
        return;
    };
    let text = ingest::normalize(&raw);
    assert_eq!(ingest::normalize(&text), text, "normalize is idempotent");
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
});
