//! Huge documents in bounded windows: a document longer than
//! [`WINDOW_BYTES`] is extracted a window of whole sentences at a time
//! and the windows' extractions are merged, so the working memory of
//! extraction stays that of one window whatever the document's size.
//!
//! Real news documents are far shorter than one window (a long report
//! has some 20,000 bytes) and are extracted whole, exactly as before; a
//! 50 MB document is some 85 windows. Facts that would need two windows
//! at once (a name confirmed in one window and used in another, a quote
//! in one and its speaker in the next) are lost at a window's edge; such
//! documents are logs, tables or dumps rather than reports.

use crate::ingest::{self, CharIndex};
use crate::model::{Document, Entity, Extraction, Predicate, Relation};
use crate::ner::NerSpan;
use std::collections::HashMap;
use std::ops::Range;

/// The largest window, in bytes of text (about 200,000 Chinese
/// characters), give or take one sentence (at most
/// [`ingest::MAX_SENTENCE_CHARS`] characters).
pub const WINDOW_BYTES: usize = 600_000;

/// The windows of `text` as byte ranges: consecutive, covering the whole
/// text, each ending at a sentence's end (the last at the text's end).
pub fn windows(text: &str) -> Vec<Range<usize>> {
    windows_of(text, WINDOW_BYTES)
}

fn windows_of(text: &str, size: usize) -> Vec<Range<usize>> {
    if text.len() <= size {
        return std::iter::once(0..text.len()).collect();
    }
    let mut out = Vec::new();
    let (mut start, mut last_end) = (0, 0);
    for s in ingest::sentences(text) {
        if s.end - start > size && last_end > start {
            out.push(start..last_end);
            start = last_end;
        }
        last_end = s.end;
    }
    out.push(start..text.len());
    out
}

/// Extracts `doc` with `extract`, window by window when it is longer than
/// one window, and merges the results (see [`merge`]).
pub fn extract_in_windows(doc: &Document, extract: impl Fn(&Document) -> Extraction) -> Extraction {
    extract_windows(doc, WINDOW_BYTES, extract)
}

fn extract_windows(
    doc: &Document,
    size: usize,
    extract: impl Fn(&Document) -> Extraction,
) -> Extraction {
    let ranges = windows_of(&doc.text, size);
    if ranges.len() == 1 {
        return extract(doc);
    }
    let mut merged = Merged::new(&doc.id);
    let mut chars = 0;
    for range in ranges {
        let text = &doc.text[range];
        let window = Document {
            id: doc.id.clone(),
            text: text.to_owned(),
            meta: doc.meta.clone(),
        };
        merged.add(chars, extract(&window));
        chars += text.chars().count();
    }
    merged.finish()
}

/// Mention spans of `text` with `spans`, window by window when it is
/// longer than one window, offsets shifted to the whole text.
pub fn spans_in_windows(text: &str, spans: impl Fn(&str) -> Vec<NerSpan>) -> Vec<NerSpan> {
    let ranges = windows(text);
    if ranges.len() == 1 {
        return spans(text);
    }
    let index = CharIndex::new(text);
    let mut out = Vec::new();
    for range in ranges {
        let shift = index.char_offset(range.start);
        out.extend(spans(&text[range]).into_iter().map(|s| NerSpan {
            start: s.start + shift,
            end: s.end + shift,
            ..s
        }));
    }
    out
}

/// The extractions of a document's windows merged into one, as
/// extracting it whole would give them: one entity per (name, type) with
/// the aliases and mentions of every window; one relation per (subject,
/// predicate, object), the most confident evidence (the earliest on
/// ties), the roles of all.
pub fn merge(id: &str, parts: Vec<(usize, Extraction)>) -> Extraction {
    let mut merged = Merged::new(id);
    for (shift, ex) in parts {
        merged.add(shift, ex);
    }
    merged.finish()
}

struct Merged {
    id: String,
    entities: Vec<Entity>,
    entity_at: HashMap<(String, crate::model::EntityType), usize>,
    relations: Vec<Relation>,
    relation_at: HashMap<(String, Predicate, String), usize>,
}

impl Merged {
    fn new(id: &str) -> Merged {
        Merged {
            id: id.to_owned(),
            entities: Vec::new(),
            entity_at: HashMap::new(),
            relations: Vec::new(),
            relation_at: HashMap::new(),
        }
    }

    /// Adds a window's extraction; `shift` is the window's first
    /// character in the document.
    fn add(&mut self, shift: usize, ex: Extraction) {
        for mut e in ex.entities {
            for m in &mut e.mentions {
                *m = [m[0] + shift, m[1] + shift];
            }
            match self.entity_at.get(&(e.name.clone(), e.kind)) {
                Some(&i) => {
                    let known = &mut self.entities[i];
                    for a in e.aliases {
                        if !known.aliases.contains(&a) {
                            known.aliases.push(a);
                        }
                    }
                    known.mentions.extend(e.mentions);
                }
                None => {
                    self.entity_at
                        .insert((e.name.clone(), e.kind), self.entities.len());
                    self.entities.push(e);
                }
            }
        }
        for mut r in ex.relations {
            r.sentence = [r.sentence[0] + shift, r.sentence[1] + shift];
            let key = (r.subject.clone(), r.predicate, r.object.clone());
            match self.relation_at.get(&key) {
                Some(&i) => {
                    let known = &mut self.relations[i];
                    for role in &r.roles {
                        if !known.roles.contains(role) {
                            known.roles.push(role.clone());
                        }
                    }
                    if r.confidence > known.confidence {
                        let roles = std::mem::take(&mut known.roles);
                        *known = Relation { roles, ..r };
                    }
                }
                None => {
                    self.relation_at.insert(key, self.relations.len());
                    self.relations.push(r);
                }
            }
        }
    }

    fn finish(self) -> Extraction {
        Extraction {
            id: self.id,
            entities: self.entities,
            relations: self.relations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check;
    use crate::extract::{Extractor, ExtractorConfig};
    use crate::model::DocMeta;

    #[test]
    fn windows_are_whole_sentences_covering_the_text() {
        let text = "甲乙丙丁。".repeat(50) + &"的".repeat(1000);
        let ranges = windows_of(&text, 100);
        assert!(ranges.len() > 10);
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges.last().unwrap().end, text.len());
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for r in &ranges {
            // 100 bytes, plus at most one sentence.
            assert!(r.len() <= 100 + ingest::MAX_SENTENCE_CHARS * 4, "{r:?}");
        }
        // Each window but the last ends with a sentence.
        for r in &ranges[..9] {
            assert!(text[r.clone()].ends_with('。'), "{r:?}");
        }
        let one = windows("短文。");
        assert_eq!((one.len(), one[0].clone()), (1, 0..9));
    }

    #[test]
    fn a_document_in_windows_gives_the_facts_of_its_parts_at_their_offsets() {
        let ex = Extractor::new(&ExtractorConfig::default()).unwrap();
        let report = "全省工会工作会议在杭举行,副省长王一鸣出席会议并讲话。\n";
        let other = "宁海市工会第三次代表大会召开。市委副书记赵一平出席会议。\n";
        let text = format!("{report}{}{other}{report}", "的".repeat(3000));
        let doc = Document {
            id: "w".into(),
            text,
            meta: DocMeta::default(),
        };
        let whole = ex.extract(&doc);
        let windowed = extract_windows(&doc, 2000, |d| ex.extract(d));
        check::extraction(&doc, &windowed).unwrap();
        // The same entities (mentions in both halves) and facts.
        let names = |e: &Extraction| {
            let mut n: Vec<(String, usize)> = e
                .entities
                .iter()
                .map(|e| (e.name.clone(), e.mentions.len()))
                .collect();
            n.sort();
            n
        };
        assert_eq!(names(&windowed), names(&whole));
        let facts = |e: &Extraction| {
            let mut f: Vec<(String, Predicate, String, [usize; 2])> = e
                .relations
                .iter()
                .map(|r| (r.subject.clone(), r.predicate, r.object.clone(), r.sentence))
                .collect();
            f.sort();
            f
        };
        assert_eq!(facts(&windowed), facts(&whole));
        assert!(windowed.relations.iter().any(|r| r.subject == "王一鸣"));
        assert!(windowed.relations.iter().any(|r| r.subject == "赵一平"));
    }

    #[test]
    fn spans_in_windows_are_shifted_to_the_whole_text() {
        let ex = Extractor::new(&ExtractorConfig::default()).unwrap();
        let text = format!(
            "{}副省长王一鸣出席会议。",
            "的".repeat(WINDOW_BYTES / 3 + 10)
        );
        let spans = ex.spans(&text);
        check::spans(&text, &spans).unwrap();
        let chars: Vec<char> = text.chars().collect();
        assert!(
            spans
                .iter()
                .any(|s| chars[s.start..s.end].iter().collect::<String>() == "王一鸣"),
            "{spans:?}"
        );
    }
}
