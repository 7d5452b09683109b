//! The invariants every extraction satisfies, whatever the text: checked
//! by the property tests (`tests/properties.rs` of this crate) and by the
//! fuzz targets (`fuzz/`), so both hold the extractor to the same rules.
//!
//! * every mention's character offsets lie in the text and slice to the
//!   entity's name or one of its aliases;
//! * every relation's sentence offsets slice to its evidence, and its
//!   subject and object are entities of the extraction, of their types;
//! * the JSON Lines record is one line of valid JSON that reads back as
//!   the same extraction;
//! * every mention span (`eval --ner`'s recognizer) lies in the text.

use crate::ingest::CharIndex;
use crate::model::{Document, Extraction};
use crate::ner::NerSpan;

/// Checks `ex`, extracted from `doc`, against the invariants above; the
/// error says which one failed and where.
pub fn extraction(doc: &Document, ex: &Extraction) -> Result<(), String> {
    let text = &doc.text;
    let index = CharIndex::new(text);
    let len = index.char_len();
    let slice = |[s, e]: [usize; 2]| -> Option<&str> {
        (s < e && e <= len).then(|| &text[index.byte_offset(s)..index.byte_offset(e)])
    };
    if ex.id != doc.id {
        return Err(format!(
            "extraction id {:?} is not the document's {:?}",
            ex.id, doc.id
        ));
    }
    for e in &ex.entities {
        for &m in &e.mentions {
            match slice(m) {
                Some(s) if s == e.name || e.aliases.iter().any(|a| a == s) => {}
                got => {
                    return Err(format!(
                        "mention {m:?} of {:?} ({:?}) slices to {got:?}, not to its name or an alias {:?}",
                        e.name, e.kind, e.aliases
                    ))
                }
            }
        }
    }
    for r in &ex.relations {
        if slice(r.sentence) != Some(r.evidence.as_str()) {
            return Err(format!(
                "relation {} {} {}: sentence {:?} slices to {:?}, not to its evidence {:?}",
                r.subject,
                r.predicate.as_str(),
                r.object,
                r.sentence,
                slice(r.sentence),
                r.evidence
            ));
        }
        for (name, kind) in [(&r.subject, r.subject_type), (&r.object, r.object_type)] {
            if !ex
                .entities
                .iter()
                .any(|e| &e.name == name && e.kind == kind)
            {
                return Err(format!(
                    "relation {} {} {}: {name:?} ({kind:?}) is no entity of the extraction",
                    r.subject,
                    r.predicate.as_str(),
                    r.object
                ));
            }
        }
    }
    let line = serde_json::to_string(ex).map_err(|e| format!("not serializable: {e}"))?;
    if line.contains('\n') {
        return Err("the JSON Lines record spans several lines".into());
    }
    let back: Extraction =
        serde_json::from_str(&line).map_err(|e| format!("the record is not valid JSON: {e}"))?;
    if &back != ex {
        return Err("the record does not read back as the same extraction".into());
    }
    Ok(())
}

/// Checks that every span lies in `text` (character offsets, start < end).
pub fn spans(text: &str, spans: &[NerSpan]) -> Result<(), String> {
    let len = text.chars().count();
    match spans.iter().find(|s| !(s.start < s.end && s.end <= len)) {
        Some(s) => Err(format!(
            "span {}..{} outside the text of {len} characters",
            s.start, s.end
        )),
        None => Ok(()),
    }
}
