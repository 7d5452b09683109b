//! Sentence → facts expectations: short texts written for these tests run
//! through the public extraction API, the facts rendered one per line and
//! compared with `expect-test` (refresh with `UPDATE_EXPECT=1 cargo test`).
//!
//! Each test is named after the rule or construction it exercises. An
//! expectation records what the extractor does today; where that is not
//! what the text says, a `// wrong today:` comment says so.

mod bodies;
mod bylines;
mod dates;
mod events;
mod hanzi;
mod identity;
mod lists;
mod names;
mod posts;
mod recognizer;
mod relate;
mod resolve;

use crate::extract::{Extractor, ExtractorConfig};
use crate::ingest;
use crate::model::{DocMeta, Document, Extraction};
use std::fmt::Write;
use std::sync::OnceLock;

/// One extractor for every test (building the segmenter is the slow part).
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR
        .get_or_init(|| Extractor::new(&ExtractorConfig::default()).expect("built-in lexicons"))
}

/// Extracts one document made of `text`, normalized as ingestion does.
fn extract(text: &str) -> Extraction {
    extractor().extract(&Document {
        id: "t".into(),
        text: ingest::normalize(text),
        meta: DocMeta::default(),
    })
}

/// The facts of `text`, one line each, in extraction order: entities as
/// `Type name (= alias, …)`, then relations as
/// `subject -predicate-> object [role] (rule, confidence)`.
fn facts(text: &str) -> String {
    render(&extract(text))
}

/// As [`facts`], each relation followed by its evidence sentence.
fn facts_with_evidence(text: &str) -> String {
    let ex = extract(text);
    let mut out = render(&Extraction {
        relations: Vec::new(),
        ..ex.clone()
    });
    for r in &ex.relations {
        out.push_str(&render(&Extraction {
            id: ex.id.clone(),
            entities: Vec::new(),
            relations: vec![r.clone()],
        }));
        let _ = writeln!(out, "    「{}」", r.evidence);
    }
    out
}

fn render(ex: &Extraction) -> String {
    let mut out = String::new();
    for e in &ex.entities {
        let _ = write!(out, "{} {}", e.kind, e.name);
        if !e.aliases.is_empty() {
            let _ = write!(out, " (= {})", e.aliases.join(", "));
        }
        out.push('\n');
    }
    for r in &ex.relations {
        let _ = write!(out, "{} -{}-> {}", r.subject, r.predicate, r.object);
        // The role as the JSON output writes it (`党组书记、主席`).
        let json = serde_json::to_value(r).expect("a relation serializes");
        if let Some(role) = json.get("role").and_then(|v| v.as_str()) {
            let _ = write!(out, " [{role}]");
        }
        let _ = writeln!(out, " ({}, {:.2})", r.rule, r.confidence);
    }
    out
}
