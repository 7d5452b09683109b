//! The lexicons that drive recognition: posts, organization suffixes, event
//! heads, relation triggers, surnames and places, read from `data/lexicon/`.
//!
//! The files ship inside the binary (`include_str!`), so `zhkg` runs from any
//! directory; `Lexicon::merge_dir` lays a user's files of the same names over
//! them. Every set is matched longest-first by [`Lexicon::longest`].

use crate::error::{Error, Result};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Administrative levels that open relative body names (市委, 区总工会).
pub const LEVELS: [char; 7] = ['省', '市', '县', '区', '州', '镇', '乡'];

/// What a relation trigger word says about its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriggerKind {
    /// Present at the event (出席, 参加).
    Attend,
    /// Spoke at the event (讲话, 致辞); implies attending.
    Speak,
    /// Presided (主持); implies attending.
    Preside,
    /// A speech verb (强调, 指出) that counts as speaking only when framed by
    /// `在…上/时` or said by someone known to have attended.
    Say,
}

/// Whether a post belongs to a government executive (市长, 副省长): such a
/// post with no named body links to no organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    Body,
    Government,
}

/// A place of the built-in gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceInfo {
    /// Canonical name without level (杭州, 浙江).
    pub name: String,
    /// Administrative level word (省, 市, 自治区).
    pub level: String,
}

/// All lexicons, as sets keyed by the word.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub posts: HashMap<String, PostKind>,
    pub org_suffixes: HashSet<String>,
    pub standalone_orgs: HashSet<String>,
    pub event_heads: HashSet<String>,
    pub coreference: HashSet<String>,
    pub triggers: HashMap<String, TriggerKind>,
    pub surnames: HashSet<String>,
    pub not_names: HashSet<String>,
    /// Full names (杭州, 杭州市) and one-character forms (杭) → place.
    pub places: HashMap<String, PlaceInfo>,
    max_len: usize,
    /// Every word of the five matched lexicons with its kind (the
    /// precedence of [`Lexicon::kind_of`] applied), and the characters
    /// such words start with: [`Lexicon::longest`] runs at every token, so
    /// it must cost one set probe where nothing starts.
    index: FxHashMap<String, LexKind>,
    first_chars: FxHashSet<char>,
}

/// Which lexicon a longest match came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexKind {
    Post(PostKind),
    OrgSuffix,
    EventHead,
    Trigger(TriggerKind),
    Coreference,
}

const FILES: [(&str, &str); 8] = [
    ("posts.txt", include_str!("../../../data/lexicon/posts.txt")),
    (
        "org_suffixes.txt",
        include_str!("../../../data/lexicon/org_suffixes.txt"),
    ),
    (
        "standalone_orgs.txt",
        include_str!("../../../data/lexicon/standalone_orgs.txt"),
    ),
    (
        "event_heads.txt",
        include_str!("../../../data/lexicon/event_heads.txt"),
    ),
    (
        "coreference.txt",
        include_str!("../../../data/lexicon/coreference.txt"),
    ),
    (
        "triggers.tsv",
        include_str!("../../../data/lexicon/triggers.tsv"),
    ),
    (
        "surnames.txt",
        include_str!("../../../data/lexicon/surnames.txt"),
    ),
    (
        "not_names.txt",
        include_str!("../../../data/lexicon/not_names.txt"),
    ),
];
const PLACES: &str = include_str!("../../../data/lexicon/places.tsv");

impl Lexicon {
    /// The lexicons shipped in `data/lexicon/`.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        for (name, text) in FILES {
            // The built-in files are part of the crate and tested; a parse
            // error here is a bug, caught by the unit tests below.
            lex.add_file(name, text)
                .unwrap_or_else(|e| panic!("built-in lexicon {name}: {e}"));
        }
        lex.add_places(PLACES);
        lex.reindex();
        lex
    }

    /// Rebuilds the word index after the sets changed.
    fn reindex(&mut self) {
        let mut index = FxHashMap::default();
        // Lowest precedence first: a later insert wins.
        for w in &self.coreference {
            index.insert(w.clone(), LexKind::Coreference);
        }
        for (w, k) in &self.triggers {
            index.insert(w.clone(), LexKind::Trigger(*k));
        }
        for w in &self.event_heads {
            index.insert(w.clone(), LexKind::EventHead);
        }
        for w in &self.org_suffixes {
            index.insert(w.clone(), LexKind::OrgSuffix);
        }
        for (w, k) in &self.posts {
            index.insert(w.clone(), LexKind::Post(*k));
        }
        self.first_chars = index.keys().filter_map(|w| w.chars().next()).collect();
        self.index = index;
    }

    /// Merges the files of a user's lexicon directory (same names as
    /// `data/lexicon/`) over the built-in sets.
    pub fn merge_dir(&mut self, dir: &Path) -> Result<()> {
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        for entry in entries {
            let path = entry?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            if name == "places.tsv" {
                self.add_places(&text);
            } else if FILES.iter().any(|(n, _)| *n == name) {
                self.add_file(name, &text)
                    .map_err(|message| Error::Lexicon {
                        path: path.clone(),
                        message,
                    })?;
            }
        }
        self.reindex();
        Ok(())
    }

    fn add_file(&mut self, name: &str, text: &str) -> std::result::Result<(), String> {
        for (n, line) in lines(text) {
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or_default().trim().to_string();
            let extra = cols.next().map(str::trim);
            self.max_len = self.max_len.max(word.chars().count());
            match name {
                "posts.txt" => {
                    let kind = match extra {
                        Some("gov") => PostKind::Government,
                        None | Some("") => PostKind::Body,
                        Some(other) => {
                            return Err(format!("line {n}: unknown post kind {other:?}"))
                        }
                    };
                    self.posts.insert(word, kind);
                }
                "org_suffixes.txt" => {
                    self.org_suffixes.insert(word);
                }
                "standalone_orgs.txt" => {
                    self.standalone_orgs.insert(word.clone());
                    self.org_suffixes.insert(word);
                }
                "event_heads.txt" => {
                    self.event_heads.insert(word);
                }
                "coreference.txt" => {
                    self.coreference.insert(word);
                }
                "triggers.tsv" => {
                    let kind = match extra {
                        Some("attend") => TriggerKind::Attend,
                        Some("speak") => TriggerKind::Speak,
                        Some("preside") => TriggerKind::Preside,
                        Some("say") => TriggerKind::Say,
                        other => return Err(format!("line {n}: unknown trigger kind {other:?}")),
                    };
                    self.triggers.insert(word, kind);
                }
                "surnames.txt" => {
                    self.surnames.insert(word);
                }
                "not_names.txt" => {
                    self.not_names.insert(word);
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn add_places(&mut self, text: &str) {
        for (_, line) in lines(text) {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let (name, level) = (cols[0], cols.get(1).copied().unwrap_or(""));
            let info = PlaceInfo {
                name: name.to_string(),
                level: level.to_string(),
            };
            self.places.insert(name.to_string(), info.clone());
            if !level.is_empty() {
                self.places.insert(format!("{name}{level}"), info.clone());
            }
            for abbr in cols.get(2).into_iter().flat_map(|a| a.split(',')) {
                let abbr = abbr.trim();
                if !abbr.is_empty() {
                    self.places.entry(abbr.to_string()).or_insert(info.clone());
                }
            }
        }
    }

    /// The longest lexicon word starting at `chars[pos..]`, with its kind.
    /// On equal length the order is: post, org suffix, event head, trigger,
    /// coreference.
    pub fn longest(&self, chars: &[char], pos: usize) -> Option<(usize, LexKind)> {
        if !chars.get(pos).is_some_and(|c| self.first_chars.contains(c)) {
            return None;
        }
        let max = self.max_len.min(chars.len() - pos);
        let mut word = String::new();
        let mut best = None;
        for (i, c) in chars[pos..pos + max].iter().enumerate() {
            word.push(*c);
            if let Some(kind) = self.index.get(word.as_str()) {
                best = Some((i + 1, *kind));
            }
        }
        best
    }

    /// Which lexicon a whole word belongs to, if any. On a word in several,
    /// the order is: post, org suffix, event head, trigger, coreference.
    pub fn kind_of(&self, word: &str) -> Option<LexKind> {
        self.index.get(word).copied()
    }

    /// Whether `name` looks like a Chinese personal name: a known surname
    /// (single or compound) and one or two given-name characters.
    pub fn is_name_shape(&self, name: &str) -> bool {
        let len = name.chars().count();
        if !(2..=4).contains(&len) || !name.chars().all(is_cjk) || self.not_names.contains(name) {
            return false;
        }
        // Byte ends of the first one and two characters.
        let mut ends = name.char_indices().map(|(i, _)| i).skip(1);
        let one = ends.next().unwrap_or(name.len());
        let two = ends.next().unwrap_or(name.len());
        (len <= 3 && self.surnames.contains(&name[..one]))
            || (len >= 3 && self.surnames.contains(&name[..two]))
    }

    /// Words a jieba user dictionary should know, so segmentation keeps them
    /// whole: every lexicon word with a tag for its role.
    pub fn segmenter_words(&self) -> Vec<(&str, &'static str)> {
        let mut words: Vec<(&str, &'static str)> = Vec::new();
        words.extend(self.posts.keys().map(|w| (w.as_str(), "n")));
        words.extend(self.org_suffixes.iter().map(|w| (w.as_str(), "nt")));
        words.extend(self.event_heads.iter().map(|w| (w.as_str(), "n")));
        words.sort_unstable();
        words
    }
}

/// Non-empty, non-comment lines with their 1-based numbers.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// CJK unified ideographs (and the compatibility block and extension A).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_parse_and_match_longest() {
        let lex = Lexicon::builtin();
        let chars: Vec<char> = "常务副主席张三".chars().collect();
        assert_eq!(
            lex.longest(&chars, 0),
            Some((5, LexKind::Post(PostKind::Body)))
        );
        let chars: Vec<char> = "人大常委会".chars().collect();
        assert_eq!(lex.longest(&chars, 0), Some((5, LexKind::OrgSuffix)));
        let chars: Vec<char> = "委员会".chars().collect();
        assert_eq!(lex.longest(&chars, 0), Some((3, LexKind::OrgSuffix)));
        assert_eq!(lex.posts.get("副市长"), Some(&PostKind::Government));
        assert_eq!(lex.triggers.get("主持"), Some(&TriggerKind::Preside));
    }

    #[test]
    fn name_shape_needs_a_surname_and_rejects_listed_words() {
        let lex = Lexicon::builtin();
        assert!(lex.is_name_shape("张三"));
        assert!(lex.is_name_shape("欧阳明远"));
        assert!(!lex.is_name_shape("张"));
        assert!(!lex.is_name_shape("广泛开展"));
        assert!(!lex.is_name_shape("张three"));
    }

    #[test]
    fn places_know_their_one_character_forms() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.places["杭"].name, "杭州");
        assert_eq!(lex.places["浙江省"].name, "浙江");
    }
}
