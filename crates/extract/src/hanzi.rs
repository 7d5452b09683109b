//! Traditional characters (guideline rule 18): a report written in them is
//! analysed through a character-for-character traditional → simplified
//! mapping, so that the lexicons and rules written in simplified characters
//! read `出席會議並講話` as `出席会议并讲话`. One character maps to one, so
//! every offset stays valid, and names are given back as the text writes
//! them (the simplified spelling becomes an alias).
//!
//! The mapping is OpenCC's traditional → simplified character table
//! (`ferrous-opencc`, pure Rust, its dictionaries built in), restricted to
//! characters that map to exactly one character.

use crate::model::Extraction;
use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Traditional → simplified, one character to one.
pub struct Simplifier {
    table: FxHashMap<char, char>,
    /// One bit per code point below [`LIMIT`]: set for the keys of
    /// `table`. Every character of every document is tested, and nearly
    /// all are no key: a bit costs less than a hash probe.
    keys: Vec<u64>,
}

/// The end of the last block of [`BLOCKS`]: no key is at or above it.
const LIMIT: usize = 0xFB00;

/// The CJK blocks whose characters have simplified forms.
const BLOCKS: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)];

impl Simplifier {
    pub fn new() -> Simplifier {
        let mut table = FxHashMap::default();
        // The table is built in; failing to read it is a packaging bug.
        let Ok(cc) = OpenCC::from_config(BuiltinConfig::T2s) else {
            return Simplifier::of_table(table);
        };
        let mut chars = String::new();
        let mut all = Vec::new();
        for &(from, to) in &BLOCKS {
            for c in (from..=to).filter_map(char::from_u32) {
                chars.push(c);
                chars.push('\n');
                all.push(c);
            }
        }
        // One conversion over every character, a line each: the line
        // structure shows which characters map to exactly one.
        let converted = cc.convert(&chars);
        for (c, line) in all.iter().zip(converted.split('\n')) {
            let mut it = line.chars();
            if let (Some(s), None) = (it.next(), it.next()) {
                if s != *c {
                    table.insert(*c, s);
                }
            }
        }
        Simplifier::of_table(table)
    }

    fn of_table(table: FxHashMap<char, char>) -> Simplifier {
        let mut keys = vec![0u64; LIMIT.div_ceil(64)];
        for &c in table.keys() {
            let c = c as usize;
            if c < LIMIT {
                keys[c / 64] |= 1 << (c % 64);
            }
        }
        Simplifier { table, keys }
    }

    /// Whether `c` has a simplified form of its own.
    fn is_key(&self, c: char) -> bool {
        let c = c as usize;
        c < LIMIT && self.keys[c / 64] & (1 << (c % 64)) != 0
    }

    /// The text with each traditional character simplified, or `None` when
    /// it has none (the common case: nothing is copied).
    pub fn simplify(&self, text: &str) -> Option<String> {
        let first = self.first_key(text)?;
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..first]);
        out.extend(text[first..].chars().map(|c| {
            if self.is_key(c) {
                self.table.get(&c).copied().unwrap_or(c)
            } else {
                c
            }
        }));
        Some(out)
    }

    /// The byte offset of the first character of `text` with a simplified
    /// form. Every document is scanned whole and nearly none has one, so
    /// the scan reads bytes: every key is below [`LIMIT`] and at or above
    /// U+3400, so it is written in three bytes whose first is `E3`–`EF`;
    /// all other bytes are stepped over.
    fn first_key(&self, text: &str) -> Option<usize> {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let lead = b[i];
            if !(0xE3..=0xEF).contains(&lead) {
                i += 1;
                continue;
            }
            // A lead byte of a three-byte character: `text` is UTF-8, so
            // its two continuation bytes follow.
            let c = (usize::from(lead & 0x0F) << 12)
                | (usize::from(b[i + 1] & 0x3F) << 6)
                | usize::from(b[i + 2] & 0x3F);
            if c < LIMIT && self.keys[c / 64] & (1 << (c % 64)) != 0 {
                return Some(i);
            }
            i += 3;
        }
        None
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }
}

impl Default for Simplifier {
    fn default() -> Self {
        Simplifier::new()
    }
}

/// Gives an extraction made on `analysed` (the simplified text) the names
/// and evidence of `written` (the text as published): same characters,
/// same offsets.
pub fn restore_written(ex: &mut Extraction, written: &str, analysed: &str) {
    let w: Vec<char> = written.chars().collect();
    let a: Vec<char> = analysed.chars().collect();
    if w.len() != a.len() {
        return;
    }
    let slice = |v: &[char], s: usize, e: usize| -> Option<String> {
        (s <= e && e <= v.len()).then(|| v[s..e].iter().collect())
    };
    let mut renamed: HashMap<String, String> = HashMap::new();
    for e in &mut ex.entities {
        // The name as written, when a mention spells it (a name resolved
        // with a place prefix may appear nowhere as such).
        let original = e.mentions.iter().find_map(|m| {
            (slice(&a, m[0], m[1]).as_deref() == Some(e.name.as_str()))
                .then(|| slice(&w, m[0], m[1]))
                .flatten()
        });
        // Every other spelling as written, the simplified one kept beside it.
        let mut aliases = Vec::new();
        for alias in &e.aliases {
            let written = e
                .mentions
                .iter()
                .find(|m| slice(&a, m[0], m[1]).as_deref() == Some(alias.as_str()))
                .and_then(|m| slice(&w, m[0], m[1]));
            if let Some(written) = written {
                aliases.push(written);
            }
            aliases.push(alias.clone());
        }
        if let Some(original) = original.filter(|o| *o != e.name) {
            let simplified = std::mem::replace(&mut e.name, original.clone());
            aliases.insert(0, simplified.clone());
            renamed.insert(simplified, original);
        }
        let mut seen = std::collections::HashSet::new();
        aliases.retain(|x| *x != e.name && seen.insert(x.clone()));
        // The simplified spelling of the written name first (rule 18).
        e.aliases = aliases;
    }
    for r in &mut ex.relations {
        if let Some(n) = renamed.get(&r.subject) {
            r.subject = n.clone();
        }
        if let Some(n) = renamed.get(&r.object) {
            r.object = n.clone();
        }
        if let Some(s) = slice(&w, r.sentence[0], r.sentence[1]) {
            r.evidence = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_map_one_to_one() {
        let s = Simplifier::new();
        assert!(s.len() > 2000, "{}", s.len());
        assert_eq!(
            s.simplify("出席會議並講話").as_deref(),
            Some("出席会议并讲话")
        );
        // Simplified text is left alone, without a copy.
        assert_eq!(s.simplify("出席会议并讲话"), None);
        let mixed = "ABC 縣長 123";
        let out = s.simplify(mixed).unwrap_or_default();
        assert_eq!(out, "ABC 县长 123");
        assert_eq!(out.chars().count(), mixed.chars().count());
    }

    #[test]
    fn the_first_traditional_character_is_found_after_any_other() {
        let s = Simplifier::new();
        // Two- and four-byte characters, and characters of the blocks with
        // keys that are no keys, before the first key.
        let before = "aé中文\u{3400}\u{FAFF}\u{1F600}\u{20000}，";
        for key in ['會', '縣', '與'] {
            assert!(s.is_key(key), "{key}");
            let text = format!("{before}{key}後");
            assert_eq!(s.first_key(&text), Some(before.len()), "{key}");
        }
        // The scan agrees with reading the text character by character.
        let all: String = BLOCKS
            .iter()
            .flat_map(|&(from, to)| (from..=to).filter_map(char::from_u32))
            .collect();
        let mut at = 0;
        for (i, c) in all.char_indices() {
            if s.is_key(c) {
                assert_eq!(s.first_key(&all[at..]).map(|k| at + k), Some(i), "{c}");
                at = i + c.len_utf8();
            }
        }
        assert_eq!(s.first_key(&all[at..]), None);
        assert_eq!(s.first_key(""), None);
    }
}
