//! Every lexicon of `data/lexicon/`: the posts, organization suffixes,
//! event heads, relation triggers, surnames and places of the recognizer's
//! unit rules ([`crate::recognize`]), and the gazetteers and word lists of
//! its mention rules ([`crate::ner`], the `ner_*` files, in [`NerWords`]).
//!
//! One loader reads them all. The files ship inside the binary
//! (`include_str!`), so `zhkg` runs from any directory; `Lexicon::merge_dir`
//! adds a user's files of the same names (`--lexicon DIR`) to them. Every
//! file has `#` comment lines and one of three shapes:
//!
//! - word lists: words separated by white space, one or more a line; a few
//!   lists take a tag after a tab (`word<TAB>gov` in posts.txt);
//! - character sets (`ner_translit.txt`, …): every character of every line;
//! - tables (`triggers.tsv`, `places.tsv`): tab-separated columns.

use crate::error::{Error, Result};
use crate::text::is_cjk;
use crate::words::CharSet;
use rustc_hash::FxHashMap;
// Every word list is probed at every token (posts, surnames, names that
// are none, …): the Fx hasher, not SipHash. The lists are never iterated
// where their order could reach the output (the jieba words are sorted,
// the index applies its precedence list by list).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
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

/// An administrative division of China down to the county level
/// (`divisions.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    pub level: DivisionLevel,
    /// The province it lies in (empty for a province).
    pub province: String,
    /// The prefecture it lies in (empty for provinces, prefectures and
    /// counties under a province directly).
    pub prefecture: String,
}

/// The level of a [`Division`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DivisionLevel {
    Province,
    Prefecture,
    County,
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
    pub places: FxHashMap<String, PlaceInfo>,
    /// Administrative divisions by full name (单县, 海宁市): a name shared
    /// by several divisions (朝阳区) lists each.
    pub divisions: FxHashMap<String, Vec<Division>>,
    /// `national_leaders.txt`: persons one node in any context.
    pub national_leaders: HashSet<String>,
    /// Short forms of provinces and prefectures (宁波 → 宁波市, 大理 →
    /// 大理白族自治州, 吉林 → 吉林省 and 吉林市): built from `divisions`.
    division_forms: FxHashMap<String, Vec<String>>,
    /// The word lists of the recognizer's mention rules (`ner_*` files).
    pub ner: NerWords,
    // ---- event facts (issue 11) ----
    /// `recurring_events.tsv`: meetings held once a year, by name, with
    /// the month they are held in (全国两会 → 3).
    pub recurring_events: HashMap<String, i8>,
    // ---- end event facts ----
    /// Length in characters of the longest word of `index`.
    max_len: usize,
    /// Every word of the five matched lexicons with its kind (the
    /// precedence of [`Lexicon::kind_of`] applied), and the characters
    /// such words start with: [`Lexicon::longest`] runs at every token, so
    /// it must cost one set probe where nothing starts.
    index: FxHashMap<String, LexKind>,
    first_chars: CharSet,
    /// The characters the keys of `places` start with.
    place_firsts: CharSet,
    /// The characters the keys of `places` end with: with `place_firsts`,
    /// [`Lexicon::place`] answers most words with two bits.
    place_lasts: CharSet,
    /// The characters the keys of `divisions` end with (县, 区, 市, 旗):
    /// [`Lexicon::is_division`] is asked of every token.
    division_lasts: CharSet,
    /// The words of `index` as a character trie: [`Lexicon::longest`]
    /// walks it one character at a time and stops at the first prefix of
    /// no word.
    prefixes: PrefixTrie,
}

/// Words as a character trie: one integer probe per character read, where
/// a map of prefixes hashes and compares the whole prefix again at each
/// character.
#[derive(Debug, Clone, Default)]
struct PrefixTrie {
    /// (node, character) packed by [`PrefixTrie::edge`] → the node after it.
    edges: FxHashMap<u64, u32>,
    /// Each node's word kind when the path to it is a word; node 0 is the
    /// empty prefix.
    kinds: Vec<Option<LexKind>>,
}

impl PrefixTrie {
    fn edge(node: u32, c: char) -> u64 {
        (u64::from(node) << 32) | u64::from(u32::from(c))
    }

    fn new<'w>(words: impl Iterator<Item = (&'w str, LexKind)>) -> PrefixTrie {
        let mut trie = PrefixTrie {
            edges: FxHashMap::default(),
            kinds: vec![None],
        };
        for (w, k) in words {
            let mut node = 0;
            for c in w.chars() {
                let next = trie.kinds.len() as u32;
                node = *trie.edges.entry(Self::edge(node, c)).or_insert(next);
                if node == next {
                    trie.kinds.push(None);
                }
            }
            trie.kinds[node as usize] = Some(k);
        }
        trie
    }

    /// The node after `c` from `node`, none when no word goes on so.
    #[inline]
    fn step(&self, node: u32, c: char) -> Option<u32> {
        self.edges.get(&Self::edge(node, c)).copied()
    }
}

/// The gazetteers and word lists of the mention rules ([`crate::ner`], run
/// by [`crate::recognize::Recognizer`]), one field per `ner_*` file. The
/// recognizer adds the matching sets of the unit rules to some of them
/// (places, standalone bodies, posts, words that are no names).
#[derive(Debug, Clone, Default)]
pub struct NerWords {
    /// `ner_places.txt`: places of general knowledge.
    pub places: HashSet<String>,
    /// `ner_not_place.txt`: generic place nouns jieba tags as places.
    pub not_places: HashSet<String>,
    /// `ner_orgs.txt`: bodies that stand alone.
    pub orgs: HashSet<String>,
    /// `ner_org_heads.txt`: words a body name ends in.
    pub org_heads: HashSet<String>,
    /// `ner_place_heads.txt`: facility heads (大厦): such names are places.
    pub place_heads: HashSet<String>,
    /// `ner_not_person.txt`: common words jieba tags as names.
    pub not_persons: HashSet<String>,
    /// `ner_titles.txt`: titles of persons beyond the posts.
    pub titles: HashSet<String>,
    /// `ner_person_tails.txt`: words cut off the end of a person candidate.
    pub person_tails: HashSet<String>,
    /// The `eponym` lines of `ner_person_tails.txt`: doctrines, collections
    /// and memorials named after a person (主义, 文选, 故居).
    pub eponym_tails: HashSet<String>,
    /// `ner_address.txt`: forms of address after a bare surname (先生).
    pub address: HashSet<String>,
    /// `ner_speech_verbs.txt`: speech verbs after a name (说, 表示).
    pub speech_verbs: HashSet<String>,
    /// `ner_japanese_surnames.txt`: Japanese family names.
    pub japanese_surnames: HashSet<String>,
    /// `ner_pair_tails.txt`: words after a pair of country forms (关系).
    pub pair_tails: HashSet<String>,
    /// `ner_not_bodies.txt`: words ending in a body head that name no body.
    pub not_bodies: HashSet<String>,
    /// The `gov` lines of `ner_not_bodies.txt`: words for a government.
    pub governments: HashSet<String>,
    /// `ner_noun_ends.txt`: endings of dictionary bodies that name none.
    pub noun_ends: HashSet<String>,
    /// `ner_place_suffixes.txt`: region words and currencies after a place.
    pub place_suffixes: HashSet<String>,
    /// `ner_region_words.txt`: region words after joined province forms.
    pub region_words: HashSet<String>,
    /// `ner_chain_stops.txt`: words a body chain may not cross (besides the
    /// function words the tagger keeps in code).
    pub chain_stops: HashSet<String>,
    /// `ner_translit.txt`: characters of transliterated foreign names.
    pub translit: HashSet<char>,
    /// `ner_place_abbr.txt`: one-character forms of places in compounds.
    pub place_abbr: HashSet<char>,
    /// `ner_country_abbr.txt`: one-character country forms that pair up.
    pub country_abbr: HashSet<char>,
    /// `ner_region_abbr.txt`: one-character province and river forms.
    pub region_abbr: HashSet<char>,
    /// `ner_glued_verbs.txt`: verbs glued to a one-character place (访华).
    pub glued_verbs: HashSet<char>,
    /// `ner_abbr_tails.txt`: characters after a place form (中方, 华侨).
    pub abbr_tails: HashSet<char>,
    /// `ner_noun_finals.txt`: characters that end nouns, never given names.
    pub noun_finals: HashSet<char>,
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

/// `(name, text)` of every file of `data/lexicon/`, compiled in.
macro_rules! builtin_files {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../../../data/lexicon/", $name)))),*]
    };
}

/// Every lexicon file: the names `--lexicon DIR` may use.
const FILES: [(&str, &str); 36] = builtin_files![
    "posts.txt",
    "org_suffixes.txt",
    "standalone_orgs.txt",
    "event_heads.txt",
    "coreference.txt",
    "triggers.tsv",
    "surnames.txt",
    "not_names.txt",
    "places.tsv",
    "divisions.tsv",
    "ner_places.txt",
    "ner_not_place.txt",
    "ner_orgs.txt",
    "ner_org_heads.txt",
    "ner_place_heads.txt",
    "ner_not_person.txt",
    "ner_titles.txt",
    "ner_person_tails.txt",
    "ner_address.txt",
    "ner_speech_verbs.txt",
    "ner_japanese_surnames.txt",
    "ner_pair_tails.txt",
    "ner_not_bodies.txt",
    "ner_noun_ends.txt",
    "ner_place_suffixes.txt",
    "ner_region_words.txt",
    "ner_chain_stops.txt",
    "ner_translit.txt",
    "ner_place_abbr.txt",
    "ner_country_abbr.txt",
    "ner_region_abbr.txt",
    "ner_glued_verbs.txt",
    "ner_abbr_tails.txt",
    "ner_noun_finals.txt",
    "national_leaders.txt",
    "recurring_events.tsv",
];

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
        self.max_len = index.keys().map(|w| w.chars().count()).max().unwrap_or(0);
        self.first_chars = index.keys().filter_map(|w| w.chars().next()).collect();
        self.place_firsts = self
            .places
            .keys()
            .filter_map(|w| w.chars().next())
            .collect();
        self.place_lasts = self
            .places
            .keys()
            .filter_map(|w| w.chars().next_back())
            .collect();
        self.division_lasts = self
            .divisions
            .keys()
            .filter_map(|w| w.chars().next_back())
            .collect();
        self.prefixes = PrefixTrie::new(index.iter().map(|(w, k)| (w.as_str(), *k)));
        self.index = index;
        self.division_forms = FxHashMap::default();
        for (name, ds) in &self.divisions {
            if ds.iter().any(|d| d.level != DivisionLevel::County) {
                if let Some(short) = division_short_form(name) {
                    self.division_forms
                        .entry(short.to_string())
                        .or_default()
                        .push(name.clone());
                }
            }
        }
        for names in self.division_forms.values_mut() {
            names.sort();
        }
    }

    /// The divisions a place name can stand for, with their full names: a
    /// full name of any level (单县, 宁波市), or the short form of a
    /// province or prefecture (宁波, 吉林: both 吉林省 and 吉林市). County
    /// short forms are left out: too many are words or other places (东海,
    /// 新华, 朝阳).
    pub fn divisions_named<'a>(&'a self, name: &'a str) -> Vec<(&'a str, &'a Division)> {
        if !self.may_name_division(name) {
            return Vec::new();
        }
        let mut out: Vec<(&str, &Division)> = Vec::new();
        if let Some((full, ds)) = self.divisions.get_key_value(name) {
            out.extend(ds.iter().map(|d| (full.as_str(), d)));
        }
        for full in self.division_forms.get(name).into_iter().flatten() {
            if let Some((full, ds)) = self.divisions.get_key_value(full) {
                out.extend(
                    ds.iter()
                        .filter(|d| d.level != DivisionLevel::County)
                        .map(|d| (full.as_str(), d)),
                );
            }
        }
        out
    }

    /// The gazetteer's entry for `word` (`places.get`), asked of every
    /// token: a word that does not start and end as some place does is
    /// answered without a hash probe.
    /// (Asked at most tokens: the character tests are inlined, most
    /// words stop there; the map probe is made out of line.)
    #[inline]
    pub fn place(&self, word: &str) -> Option<&PlaceInfo> {
        let mut cs = word.chars();
        let first = cs.next()?;
        let last = cs.next_back().unwrap_or(first);
        if !(self.place_firsts.contains(&first) && self.place_lasts.contains(&last)) {
            return None;
        }
        self.place_probe(word)
    }

    #[inline(never)]
    fn place_probe(&self, word: &str) -> Option<&PlaceInfo> {
        self.places.get(word)
    }

    /// Whether `word` is the full name of an administrative division (a
    /// key of `divisions`): one bit for most words, which end in no
    /// division's last character.
    #[inline]
    pub fn is_division(&self, word: &str) -> bool {
        word.chars()
            .next_back()
            .is_some_and(|c| self.division_lasts.contains(&c))
            && self.division_probe(word)
    }

    #[inline(never)]
    fn division_probe(&self, word: &str) -> bool {
        self.divisions.contains_key(word)
    }

    /// Whether `name` is a division's full name or short form (two set
    /// probes): a name that is neither has no [`Lexicon::divisions_named`].
    fn may_name_division(&self, name: &str) -> bool {
        self.divisions.contains_key(name) || self.division_forms.contains_key(name)
    }

    /// Merges the files of a user's lexicon directory (same names as
    /// `data/lexicon/`; others are ignored) over the built-in sets.
    pub fn merge_dir(&mut self, dir: &Path) -> Result<()> {
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut paths = Vec::new();
        for entry in entries {
            paths.push(entry?.path());
        }
        // In name order, so that the first error reported is always the same.
        paths.sort();
        for path in paths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !FILES.iter().any(|(n, _)| *n == name) {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            self.add_file(name, &text)
                .map_err(|message| Error::Lexicon {
                    path: path.clone(),
                    message,
                })?;
        }
        self.reindex();
        Ok(())
    }

    /// Adds the entries of lexicon file `name` (one of [`FILES`]). The error
    /// names the line that does not read.
    fn add_file(&mut self, name: &str, text: &str) -> std::result::Result<(), String> {
        match name {
            "posts.txt" => {
                for (word, gov) in flagged_list(text, "gov")? {
                    let kind = if gov {
                        PostKind::Government
                    } else {
                        PostKind::Body
                    };
                    self.posts.insert(word, kind);
                }
            }
            "triggers.tsv" => {
                for (n, word, tag) in entries(text) {
                    let kind = match tag {
                        Some("attend") => TriggerKind::Attend,
                        Some("speak") => TriggerKind::Speak,
                        Some("preside") => TriggerKind::Preside,
                        Some("say") => TriggerKind::Say,
                        Some(other) => {
                            return Err(format!("line {n}: unknown trigger kind {other:?}"))
                        }
                        None => {
                            return Err(format!(
                                "line {n}: a trigger needs a kind after a tab \
                                 (attend, speak, preside or say)"
                            ))
                        }
                    };
                    self.triggers.insert(word.to_string(), kind);
                }
            }
            "ner_person_tails.txt" => {
                for (word, eponym) in flagged_list(text, "eponym")? {
                    if eponym {
                        self.ner.eponym_tails.insert(word.clone());
                    }
                    self.ner.person_tails.insert(word);
                }
            }
            "ner_not_bodies.txt" => {
                for (word, gov) in flagged_list(text, "gov")? {
                    if gov {
                        self.ner.governments.insert(word.clone());
                    }
                    self.ner.not_bodies.insert(word);
                }
            }
            "national_leaders.txt" => self.national_leaders.extend(word_list(text)?),
            "standalone_orgs.txt" => {
                let words = word_list(text)?;
                self.org_suffixes.extend(words.iter().cloned());
                self.standalone_orgs.extend(words);
            }
            "places.tsv" => self.add_places(text),
            // ---- event facts (issue 11) ----
            "recurring_events.tsv" => {
                for (n, line) in lines(text) {
                    let (name, month) = line.split_once('\t').unwrap_or((line, ""));
                    let month: i8 = month
                        .trim()
                        .parse()
                        .ok()
                        .filter(|m| (1..=12).contains(m))
                        .ok_or_else(|| format!("line {n}: a month 1-12 after a tab"))?;
                    self.recurring_events.insert(name.trim().to_string(), month);
                }
            }
            // ---- end event facts ----
            "divisions.tsv" => self.add_divisions(text)?,
            _ => {
                if let Some(set) = self.char_set(name) {
                    set.extend(
                        lines(text)
                            .flat_map(|(_, l)| l.chars())
                            .filter(|c| !c.is_whitespace()),
                    );
                } else if let Some(set) = self.word_set(name) {
                    set.extend(word_list(text)?);
                } else {
                    return Err(format!("not a lexicon file name: {name}"));
                }
            }
        }
        Ok(())
    }

    /// The set a plain word-list file fills.
    fn word_set(&mut self, name: &str) -> Option<&mut HashSet<String>> {
        let ner = &mut self.ner;
        Some(match name {
            "org_suffixes.txt" => &mut self.org_suffixes,
            "event_heads.txt" => &mut self.event_heads,
            "coreference.txt" => &mut self.coreference,
            "surnames.txt" => &mut self.surnames,
            "not_names.txt" => &mut self.not_names,
            "ner_places.txt" => &mut ner.places,
            "ner_not_place.txt" => &mut ner.not_places,
            "ner_orgs.txt" => &mut ner.orgs,
            "ner_org_heads.txt" => &mut ner.org_heads,
            "ner_place_heads.txt" => &mut ner.place_heads,
            "ner_not_person.txt" => &mut ner.not_persons,
            "ner_titles.txt" => &mut ner.titles,
            "ner_address.txt" => &mut ner.address,
            "ner_speech_verbs.txt" => &mut ner.speech_verbs,
            "ner_japanese_surnames.txt" => &mut ner.japanese_surnames,
            "ner_pair_tails.txt" => &mut ner.pair_tails,
            "ner_noun_ends.txt" => &mut ner.noun_ends,
            "ner_place_suffixes.txt" => &mut ner.place_suffixes,
            "ner_region_words.txt" => &mut ner.region_words,
            "ner_chain_stops.txt" => &mut ner.chain_stops,
            _ => return None,
        })
    }

    /// The set a character-set file fills.
    fn char_set(&mut self, name: &str) -> Option<&mut HashSet<char>> {
        let ner = &mut self.ner;
        Some(match name {
            "ner_translit.txt" => &mut ner.translit,
            "ner_place_abbr.txt" => &mut ner.place_abbr,
            "ner_country_abbr.txt" => &mut ner.country_abbr,
            "ner_region_abbr.txt" => &mut ner.region_abbr,
            "ner_glued_verbs.txt" => &mut ner.glued_verbs,
            "ner_abbr_tails.txt" => &mut ner.abbr_tails,
            "ner_noun_finals.txt" => &mut ner.noun_finals,
            _ => return None,
        })
    }

    /// `name<TAB>level<TAB>province<TAB>prefecture` lines.
    fn add_divisions(&mut self, text: &str) -> Result<(), String> {
        for (n, line) in lines(text) {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let level = match cols.get(1).copied() {
                Some("province") => DivisionLevel::Province,
                Some("prefecture") => DivisionLevel::Prefecture,
                Some("county") => DivisionLevel::County,
                other => {
                    return Err(format!(
                        "line {n}: level {other:?} is none of province, prefecture, county"
                    ))
                }
            };
            let col = |k: usize| cols.get(k).copied().unwrap_or("").to_string();
            self.divisions.entry(col(0)).or_default().push(Division {
                level,
                province: col(2),
                prefecture: col(3),
            });
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

    /// The longest lexicon word `text` starts with (`text` is the rest of a
    /// sentence), with its length in characters and its kind. On equal
    /// length the order is: post, org suffix, event head, trigger,
    /// coreference. `text` is read one character at a time down the trie
    /// of the words, so nothing is copied or hashed twice; at most
    /// `max_len` characters and 128 bytes are read.
    /// (Asked at most tokens: the test of the first character is inlined,
    /// most words stop there; the walk is made out of line.)
    #[inline]
    pub fn longest(&self, text: &str) -> Option<(usize, LexKind)> {
        let mut chars = text.chars();
        if !chars.next().is_some_and(|c| self.first_chars.contains(&c)) {
            return None;
        }
        self.longest_walk(text)
    }

    /// Whether some word of [`Lexicon::longest`] opens with `c`: where
    /// none does, it answers `None` (for callers that hold the character
    /// already decoded).
    #[inline]
    pub fn may_open_longest(&self, c: char) -> bool {
        self.first_chars.contains(&c)
    }

    /// [`Lexicon::longest`] after its first-character test, for callers
    /// that made it ([`Lexicon::may_open_longest`]).
    #[inline(never)]
    pub(crate) fn longest_walk(&self, text: &str) -> Option<(usize, LexKind)> {
        let mut best = None;
        let mut node = 0;
        for (i, (at, c)) in text.char_indices().take(self.max_len).enumerate() {
            let end = at + c.len_utf8();
            if end > 128 {
                break;
            }
            match self.prefixes.step(node, c) {
                None => break,
                Some(next) => node = next,
            }
            if let Some(kind) = self.prefixes.kinds[node as usize] {
                best = Some((i + 1, kind));
            }
        }
        best
    }

    /// Whether some word of the matched lexicons ([`Lexicon::kind_of`]) or
    /// some place starts with `c`: a word opening with no such character
    /// holds none of them at its start.
    pub fn may_open_word(&self, c: char) -> bool {
        self.first_chars.contains(&c) || self.place_firsts.contains(&c)
    }

    /// Which lexicon a whole word belongs to, if any. On a word in several,
    /// the order is: post, org suffix, event head, trigger, coreference.
    pub fn kind_of(&self, word: &str) -> Option<LexKind> {
        self.index.get(word).copied()
    }

    /// Whether `name` looks like a Chinese personal name: two to four
    /// Chinese characters, not listed in `not_names.txt`, that are a known
    /// surname and a given name ([`surname_and_given`]).
    pub fn is_name_shape(&self, name: &str) -> bool {
        (2..=4).contains(&name.chars().count())
            && name.chars().all(is_cjk)
            && !self.not_names.contains(name)
            && surname_and_given(|s| self.surnames.contains(s), name)
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
/// The short form of a province's or prefecture's full name: 浙江省 → 浙江,
/// 宁波市 → 宁波, 广西壮族自治区 → 广西, 大理白族自治州 → 大理, 阿克苏地区 →
/// 阿克苏; `None` when less than two characters would remain.
pub fn division_short_form(full: &str) -> Option<&str> {
    const SUFFIXES: [&str; 6] = ["特别行政区", "自治区", "自治州", "地区", "盟", "省"];
    let mut stem = SUFFIXES
        .iter()
        .find_map(|s| full.strip_suffix(s))
        .or_else(|| full.strip_suffix('市'))?;
    // An autonomous region or prefecture names its peoples after its place
    // (广西壮族, 大理白族, 湘西土家族苗族, 新疆维吾尔): the place is the first two
    // characters.
    if stem.contains('族') || stem.ends_with("维吾尔") {
        stem = stem.char_indices().nth(2).map(|(i, _)| &stem[..i])?;
    }
    (stem.chars().count() >= 2).then_some(stem)
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// `(line number, word, tag)` for every word of a word list whose lines may
/// carry a tag after a tab (`word<TAB>tag`); an empty tag is none.
fn entries(text: &str) -> impl Iterator<Item = (usize, &str, Option<&str>)> {
    lines(text).flat_map(|(n, line)| {
        let (words, tag) = match line.split_once('\t') {
            Some((words, rest)) => (words, Some(rest.split('\t').next().unwrap_or("").trim())),
            None => (line, None),
        };
        let tag = tag.filter(|t| !t.is_empty());
        words.split_whitespace().map(move |w| (n, w, tag))
    })
}

/// The words of a list whose lines may carry one tag, `tag`, after a tab
/// (`副市长<TAB>gov`), each with whether it carries it; any other tag is an
/// error.
fn flagged_list(text: &str, tag: &str) -> std::result::Result<Vec<(String, bool)>, String> {
    entries(text)
        .map(|(n, word, t)| match t {
            None => Ok((word.to_string(), false)),
            Some(t) if t == tag => Ok((word.to_string(), true)),
            Some(t) => Err(format!(
                "line {n}: unknown tag {t:?} (the only tag of this file is {tag:?})"
            )),
        })
        .collect()
}

/// The words of a plain word list; a tagged line is an error.
fn word_list(text: &str) -> std::result::Result<Vec<String>, String> {
    entries(text)
        .map(|(n, word, tag)| match tag {
            None => Ok(word.to_string()),
            Some(tag) => Err(format!(
                "line {n}: unexpected tag {tag:?} (this file lists words only, separated by spaces)"
            )),
        })
        .collect()
}

/// Whether `name` is a known surname (`is_surname`), single or compound,
/// and a one- or two-character given name (张三, 王小明, 欧阳明远): the
/// name test of the recognizer's mention and unit rules, with no other
/// check (see [`Lexicon::is_name_shape`]).
pub fn surname_and_given(is_surname: impl Fn(&str) -> bool, name: &str) -> bool {
    let n = name.chars().count();
    // Byte ends of the first and of the first two characters.
    let mut ends = name.char_indices().map(|(i, _)| i).skip(1);
    let one = ends.next().unwrap_or(name.len());
    let two = ends.next().unwrap_or(name.len());
    ((2..=3).contains(&n) && is_surname(&name[..one]))
        || ((3..=4).contains(&n) && is_surname(&name[..two]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_parse_and_match_longest() {
        let lex = Lexicon::builtin();
        assert_eq!(
            lex.longest("常务副主席张三"),
            Some((5, LexKind::Post(PostKind::Body)))
        );
        assert_eq!(lex.longest("人大常委会"), Some((5, LexKind::OrgSuffix)));
        assert_eq!(lex.longest("委员会"), Some((3, LexKind::OrgSuffix)));
        assert_eq!(lex.longest("张三"), None);
        assert_eq!(lex.posts.get("副市长"), Some(&PostKind::Government));
        assert_eq!(lex.triggers.get("主持"), Some(&TriggerKind::Preside));
    }

    #[test]
    fn every_lexicon_word_is_its_own_longest_match() {
        let lex = Lexicon::builtin();
        assert!(lex.index.len() > 100);
        for (w, &k) in &lex.index {
            let n = w.chars().count();
            // Followed by a character no word goes on with, and cut short.
            assert_eq!(lex.longest(&format!("{w}。")), Some((n, k)), "{w}");
            let shorter = w.char_indices().next_back().map_or(0, |(i, _)| i);
            let found = lex.longest(&w[..shorter]);
            assert!(found.is_none_or(|(m, _)| m < n), "{w}: {found:?}");
            if let Some((m, k)) = found {
                let prefix: String = w.chars().take(m).collect();
                assert_eq!(lex.kind_of(&prefix), Some(k), "{w}");
            }
        }
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

    #[test]
    fn every_file_of_the_lexicon_folder_is_loaded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lexicon");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        on_disk.sort();
        let mut loaded: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
        loaded.sort();
        assert_eq!(on_disk, loaded);
        let lex = Lexicon::builtin();
        assert!(lex.ner.places.contains("伊斯坦布尔"));
        assert!(lex.ner.translit.contains(&'斯'));
        assert!(lex.ner.eponym_tails.contains("主义") && !lex.ner.eponym_tails.contains("说"));
        assert!(lex.ner.person_tails.contains("说"));
        assert!(lex.ner.governments.contains("政府") && lex.ner.not_bodies.contains("政府"));
    }

    #[test]
    fn list_lines_hold_words_and_tags() {
        let text = "# comment\n甲 乙\n\n  丙\t标记 \n丁\t\n";
        let got: Vec<_> = entries(text).collect();
        assert_eq!(
            got,
            [
                (2, "甲", None),
                (2, "乙", None),
                (4, "丙", Some("标记")),
                (5, "丁", None)
            ]
        );
        assert!(word_list(text).unwrap_err().contains("line 4"));
    }

    /// A user's lexicon folder holding `files`.
    fn user_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn a_users_places_and_divisions_pass_the_character_prefilters() {
        // Made-up names ending in a character no built-in place or
        // division ends in: the prefilters must be rebuilt on merging.
        let mut lex = Lexicon::builtin();
        assert!(!lex.place_lasts.contains(&'岙') && !lex.division_lasts.contains(&'垟'));
        assert!(lex.place("青石岙").is_none() && !lex.is_division("白沙垟"));
        let dir = user_dir(&[
            ("places.tsv", "青石岙\t市\t\n"),
            ("divisions.tsv", "白沙垟\tcounty\t浙江省\t\n"),
        ]);
        lex.merge_dir(dir.path()).unwrap();
        assert_eq!(lex.place("青石岙").map(|p| p.name.as_str()), Some("青石岙"));
        assert!(lex.is_division("白沙垟"));
        assert!(lex.place("青石").is_none() && !lex.is_division("白沙"));
    }

    #[test]
    fn a_user_ner_list_changes_what_eval_ner_finds() {
        use crate::extract::{Extractor, ExtractorConfig};
        use crate::model::EntityType;
        let text = "星火昨天在北京发布了新的年度报告。";
        let orgs = |config: &ExtractorConfig| -> Vec<String> {
            let chars: Vec<char> = text.chars().collect();
            Extractor::new(config)
                .unwrap()
                .spans(text)
                .into_iter()
                .filter(|s| s.kind == EntityType::Organization)
                .map(|s| chars[s.start..s.end].iter().collect())
                .collect()
        };
        assert!(orgs(&ExtractorConfig::default()).is_empty());
        let dir = user_dir(&[("ner_orgs.txt", "# a company\n星火\n")]);
        let config = ExtractorConfig {
            lexicon_dir: Some(dir.path().to_path_buf()),
            ..ExtractorConfig::default()
        };
        assert_eq!(orgs(&config), ["星火"]);
    }

    #[test]
    fn a_malformed_line_names_the_file_and_the_line() {
        let dir = user_dir(&[("posts.txt", "# posts\n馆长\n院长\tboss\n")]);
        let err = Lexicon::builtin().merge_dir(dir.path()).unwrap_err();
        let Error::Lexicon { path, message } = &err else {
            panic!("not a lexicon error: {err:?}");
        };
        assert_eq!(path, &dir.path().join("posts.txt"));
        assert!(message.contains("line 3"), "{message}");
        let shown = err.to_string();
        assert!(shown.contains("posts.txt") && shown.contains("line 3") && shown.contains("boss"));

        let dir = user_dir(&[("ner_place_heads.txt", "码头\n大厦\t设施\n")]);
        let err = Lexicon::builtin()
            .merge_dir(dir.path())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ner_place_heads.txt") && err.contains("line 2"),
            "{err}"
        );
    }
}
