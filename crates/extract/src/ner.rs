//! The mention rules of the recognizer ([`crate::recognize::Recognizer`]):
//! every Person, Place and Organization mention in Chinese news text, with
//! character offsets. They are what `eval --ner` scores and what becomes
//! the graph's entities, and they run first on a sentence's tokens: the
//! unit rules of [`crate::recognize`] take their decisions on single
//! tokens (is this word a person's name? a place?) rather than making
//! their own. A word jieba tags as a name is a person unit only as the
//! person mention read from it (邓小平理论 → 邓小平; 陈先生 → 陈, no unit),
//! and a word jieba tags as a place is a place unit only when the label
//! below says place.
//!
//! The rules work over the project's segmentation (jieba tags with
//! character offsets) and layer general-knowledge rules on top of it:
//!
//! 1. **Token labels.** jieba's tags (`nr*` person, `ns` place, `nt` body)
//!    are the first guess; the place and organization gazetteers
//!    (`ner_places.txt`, `ner_orgs.txt`) override them, and lists of generic
//!    nouns (`ner_not_place.txt`, `ner_not_person.txt`) veto them.
//! 2. **Place abbreviations.** One-character country forms inside compounds
//!    (中美, 中方, 访华, 华侨) are places of their own.
//! 3. **Person names.** A candidate must look like a name: a known surname
//!    and a one- or two-character given name, or a run of characters typical
//!    of transliteration; suffixes such as 理论 or 说 are cut off, a bare
//!    surname before a form of address (陈小姐) is the name, a frequent
//!    dictionary word needs a name context, and foreign names are joined
//!    across `·`.
//! 4. **Organization grammar.** A body head (委员会, 大学, 公司, 部, 队, …)
//!    extends left over a chain of places, bodies and nouns that opens with a
//!    proper name: 芬兰 + 农林部, 常州市 + 公安局. A head read inside a post
//!    (商务 + 部长) ends the body at the head character.
//! 5. **Facilities.** A facility head (大厦, 广场, 机场) after a proper name
//!    makes a place, the convention of People's Daily annotation.
//! 6. **Resolution.** Overlapping candidates are resolved longest first, so
//!    a place inside a body name is read as part of the body.
//!
//! Conventions of People's Daily annotation the rules follow: a bare level
//! committee (市委) and a numbered party congress (十五大) are bodies; a
//! minister's post names the ministry (外交部长 → 外交部); a person is
//! tagged inside a doctrine or a trophy (马克思主义, 尤伯杯); a region
//! word or currency after a place is cut off (东北地区 → 东北, 挪威克朗 →
//! 挪威); pairs of one-character forms are each a place (黄淮, 青藏高原,
//! 中韩关系, 京剧 → 京). Names jieba cut in pieces are joined again (高允 +
//! 连, 斯特罗 + 耶夫), Japanese names are read from a list of family names
//! (`ner_japanese_surnames.txt`), and jieba's dictionary words tagged as
//! names or bodies (荣幸, 天文学) need a name context or a body head.

use crate::lexicon::{surname_and_given, Lexicon};
use crate::model::EntityType;
use crate::segment::{Segmenter, Tag, Token};
use crate::text::{in_name_context, is_cjk};
use crate::words::{CharSet, WordSet};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

/// One recognized mention: character offsets [start, end) into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// The word sets of the mention rules, derived once from the lexicon by
/// [`crate::recognize::Recognizer::new`], which runs these rules on the same
/// tokens as the unit rules.
pub(crate) struct MentionRules {
    /// This set of rules among those built in the process: the key of the
    /// answers a thread remembers ([`WordMemo`]).
    id: u64,
    places: WordSet,
    not_places: WordSet,
    orgs: WordSet,
    /// Body heads.
    org_heads: WordSet,
    /// Facility heads.
    place_heads: WordSet,
    not_persons: WordSet,
    surnames: WordSet,
    translit: CharSet,
    place_abbr: CharSet,
    /// Posts and titles: never part of a name or a body chain.
    posts: WordSet,
    /// Japanese family names.
    japanese: WordSet,
    /// Words cut off a person candidate (邓小平理论 → 邓小平).
    person_tails: WordSet,
    /// Doctrines, collections and memorials named after a person (马克思 +
    /// 主义).
    eponym_tails: WordSet,
    /// Forms of address after a bare surname (陈小姐).
    address: WordSet,
    /// Speech verbs after a name (说, 表示).
    speech_verbs: WordSet,
    /// Words after a place pair that mark it as two places (中美关系).
    pair_tails: WordSet,
    /// One-character forms of countries and regions that pair up (中美).
    country_abbr: CharSet,
    /// Verbs glued to a one-character place (访华, 抵京).
    glued_verbs: CharSet,
    /// Characters after a one-character place that leave it a place (中方).
    abbr_tails: CharSet,
    /// Words ending in a body head that name no body (音乐会, 北部, 政府).
    not_bodies: WordSet,
    /// Words for a government (政府, 当局).
    governments: WordSet,
    /// Endings of words jieba tags as bodies that name none (天文学).
    noun_ends: WordSet,
    /// Region words and currencies after a place (地区, 克朗).
    place_suffixes: WordSet,
    /// One-character province and river forms that join (黄淮, 青藏).
    region_abbr: CharSet,
    /// Region words after such forms (青藏高原, 京九铁路).
    region_words: WordSet,
    /// Words besides [`FUNCTION_WORDS`] a body chain may not cross.
    chain_stops: WordSet,
    /// Characters that end common nouns and never a given name (安全性).
    noun_finals: CharSet,
}

// The word lists of the recognizer are lexicon data (`data/lexicon/ner_*`,
// loaded by `Lexicon`). What stays in code below is grammar: closed classes
// that no user lexicon would extend.

/// Function words a body chain may not cross (particles, conjunctions,
/// prepositions, the copula): grammar. The lexical stops (datelines, match
/// verbs) are in `ner_chain_stops.txt`.
const FUNCTION_WORDS: [&str; 14] = [
    "的", "和", "与", "及", "暨", "等", "在", "是", "由", "对", "向", "为", "了", "同",
];

/// Legal forms that end a company's registered name (有限公司): what stands
/// before one up to a boundary is the name, brand words jieba reads as
/// persons (玉龙, 永和) included.
const LEGAL_FORMS: [&str; 5] = [
    "有限公司",
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "集团公司",
];

/// The compass points, places before 方 only as directions (西方, 南方):
/// a closed class.
const COMPASS: &str = "东西南北";

/// jieba dictionary frequency above which a word tagged as a name needs a
/// name context (a post before it, a speech verb after it) to count.
const NAME_FREQ_LIMIT: usize = 300;

/// jieba dictionary frequency above which the two characters after a
/// surname are read as a word rather than a given name, without a name
/// context.
const GIVEN_WORD_FREQ: usize = 1000;

/// What the mention rules decide about each single token of a sentence,
/// before they join tokens into names and bodies.
pub(crate) struct TokenDecisions {
    /// The first guess for each token ([`MentionRules::label`]).
    pub labels: Vec<Option<EntityType>>,
    /// For a token labelled a person, the person it names when it looks
    /// like a name where it stands: character offsets, shorter than the
    /// token when a tail is cut off (邓小平理论 → 邓小平, 陈小姐 → 陈).
    pub people: Vec<Option<(usize, usize)>>,
    /// What the body rules read of each token's word.
    bodies: Vec<BodyFacts>,
    /// The one-character places in each token's word.
    abbreviations: Vec<Abbreviation>,
}

/// A candidate mention before resolution.
#[derive(Debug, Clone, Copy)]
struct Cand {
    start: usize,
    end: usize,
    kind: EntityType,
}

impl MentionRules {
    /// Takes the recognizer's word lists from the lexicon (`ner_*` files),
    /// with the places, standalone bodies, words that are no names and posts
    /// of the unit rules added.
    pub(crate) fn new(lexicon: &Lexicon) -> MentionRules {
        let ner = &lexicon.ner;
        let mut places = ner.places.clone();
        places.extend(
            lexicon
                .places
                .keys()
                .filter(|k| k.chars().count() > 1)
                .cloned(),
        );
        let mut orgs = ner.orgs.clone();
        orgs.extend(lexicon.standalone_orgs.iter().cloned());
        let mut not_persons = ner.not_persons.clone();
        not_persons.extend(lexicon.not_names.iter().cloned());
        let mut posts: HashSet<String> = lexicon.posts.keys().cloned().collect();
        posts.extend(ner.titles.iter().cloned());
        let chars = |set: &rustc_hash::FxHashSet<char>| set.iter().copied().collect();
        MentionRules {
            id: NEXT_RULES_ID.fetch_add(1, Ordering::Relaxed),
            places: WordSet::new(&places),
            not_places: WordSet::new(&ner.not_places),
            orgs: WordSet::new(&orgs),
            org_heads: WordSet::new(&ner.org_heads),
            place_heads: WordSet::new(&ner.place_heads),
            not_persons: WordSet::new(&not_persons),
            surnames: WordSet::new(&lexicon.surnames),
            translit: chars(&ner.translit),
            place_abbr: chars(&ner.place_abbr),
            posts: WordSet::new(&posts),
            japanese: WordSet::new(&ner.japanese_surnames),
            person_tails: WordSet::new(&ner.person_tails),
            eponym_tails: WordSet::new(&ner.eponym_tails),
            address: WordSet::new(&ner.address),
            speech_verbs: WordSet::new(&ner.speech_verbs),
            pair_tails: WordSet::new(&ner.pair_tails),
            country_abbr: chars(&ner.country_abbr),
            glued_verbs: chars(&ner.glued_verbs),
            abbr_tails: chars(&ner.abbr_tails),
            not_bodies: WordSet::new(&ner.not_bodies),
            governments: WordSet::new(&ner.governments),
            noun_ends: WordSet::new(&ner.noun_ends),
            place_suffixes: WordSet::new(&ner.place_suffixes),
            region_abbr: chars(&ner.region_abbr),
            region_words: WordSet::new(&ner.region_words),
            chain_stops: WordSet::new(&ner.chain_stops),
            noun_finals: chars(&ner.noun_finals),
        }
    }

    /// A word a body chain, a given name or a name part may not cross.
    fn chain_stop(&self, w: &str) -> bool {
        FUNCTION_WORDS.contains(&w) || self.chain_stops.contains(w)
    }

    /// A region word or a currency (地区, 克朗).
    fn is_place_suffix(&self, w: &str) -> bool {
        self.place_suffixes.contains(w)
    }

    /// A word for a government (政府, 当局).
    fn is_government(&self, w: &str) -> bool {
        self.governments.contains(w)
    }

    /// A word ending in a body head that names no body (音乐会, 北部).
    fn names_no_body(&self, w: &str) -> bool {
        self.not_bodies.ends(w)
    }

    /// The decisions on single tokens: each token's label, and the person
    /// a token labelled a person names.
    pub(crate) fn decide(&self, toks: &[Token], segmenter: &Segmenter) -> TokenDecisions {
        // One probe of the thread's memo per token gives all three.
        let mut labels = Vec::with_capacity(toks.len());
        let mut abbreviations = Vec::with_capacity(toks.len());
        let mut bodies = Vec::with_capacity(toks.len());
        WORDS.with(|memo| {
            let mut memo = memo.borrow_mut();
            memo.serve(self.id);
            memo.touch(toks);
            for (k, t) in toks.iter().enumerate() {
                let key = memo.keys[k];
                let ((label, abbr), body) = memo.read(self, t, key);
                labels.push(label);
                abbreviations.push(abbr);
                bodies.push(body);
            }
        });
        let people = (0..toks.len())
            .map(|i| {
                (labels[i] == Some(EntityType::Person) && !is_settlement(toks[i].text))
                    .then(|| self.person(toks, i, segmenter))
                    .flatten()
                    .map(|c| (c.start, c.end))
            })
            .collect();
        TokenDecisions {
            labels,
            people,
            bodies,
            abbreviations,
        }
    }

    /// The mentions of a sentence's tokens (offsets are the tokens' own).
    pub(crate) fn spans_of_tokens(
        &self,
        toks: &[Token],
        decided: &TokenDecisions,
        segmenter: &Segmenter,
        lexicon: &Lexicon,
    ) -> Vec<NerSpan> {
        let labels = &decided.labels;
        let mut cands = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if let Some(c) = self.trophy(t) {
                cands.push(c);
                continue;
            }
            match labels[i] {
                Some(EntityType::Person) if is_settlement(t.text) => cands.push(Cand {
                    start: t.start,
                    end: t.end,
                    kind: EntityType::Place,
                }),
                Some(EntityType::Person) => {
                    let person = decided.people[i].map(|(start, end)| Cand {
                        start,
                        end,
                        kind: EntityType::Person,
                    });
                    if let Some(c) = person.or_else(|| self.joined_name(toks, i)) {
                        cands.push(c);
                    }
                }
                Some(EntityType::Place) if self.law_suffix(toks, i) => {}
                Some(EntityType::Place) if self.pair_before_relation(toks, i) => {
                    self.abbreviations(t, decided.abbreviations[i], &mut cands)
                }
                Some(kind) => cands.push(Cand {
                    start: t.start,
                    end: self.place_stem(t, kind).unwrap_or(t.end),
                    kind,
                }),
                None => {
                    self.abbreviations(t, decided.abbreviations[i], &mut cands);
                    let eponym = decided.bodies[i].eponym_tail;
                    if let Some(c) = eponym.then(|| self.eponym(t, segmenter, lexicon)).flatten() {
                        cands.push(c);
                    }
                }
            }
        }
        self.place_pairs(toks, labels, &mut cands);
        self.foreign_names(toks, labels, &mut cands);
        self.split_names(toks, labels, &mut cands);
        self.japanese_names(toks, labels, &mut cands);
        self.bodies(toks, labels, &decided.bodies, &mut cands);
        resolve(cands)
    }

    /// The end of the place inside a place word that adds a region or a
    /// currency to it (东北地区 → 东北, 挪威克朗 → 挪威, 亚洲各国 → 亚洲).
    fn place_stem(&self, t: &Token, kind: EntityType) -> Option<usize> {
        if kind != EntityType::Place {
            return None;
        }
        self.place_suffixes.suffixes(t.text).find_map(|suf| {
            let stem = t.text.strip_suffix(suf)?;
            let n = stem.chars().count();
            (n >= 2 && (self.places.contains(stem) || is_compass_region(stem)))
                .then_some(t.start + n)
        })
    }

    /// Number of one-character province and river forms opening a word made
    /// of two to four of them and an optional region word (黄淮, 京津,
    /// 青藏高原), when the word is no known place of its own.
    fn region_run(&self, w: &str) -> Option<usize> {
        // Most words open with no such form: one set probe says so.
        if !w
            .chars()
            .next()
            .is_some_and(|c| self.region_abbr.contains(&c))
            || self.places.contains(w)
        {
            return None;
        }
        let rest = w.trim_start_matches(|c| self.region_abbr.contains(&c));
        let run = w[..w.len() - rest.len()].chars().count();
        ((2..=4).contains(&run)
            && (rest.is_empty() || self.region_words.contains(rest) || self.is_place_suffix(rest)))
        .then_some(run)
    }

    /// A region spelled like a pair of country forms (中非) before a
    /// relation word (中非 合作): the pair.
    fn pair_before_relation(&self, toks: &[Token], i: usize) -> bool {
        let n = toks[i].text.chars().count();
        n == 2
            && toks[i].text.chars().all(|c| self.country_abbr.contains(&c))
            && toks
                .get(i + 1)
                .is_some_and(|t| self.pair_tails.contains(t.text) || t.text == "在")
    }

    /// 法 after a word: a law (环境保护法), not France.
    fn law_suffix(&self, toks: &[Token], i: usize) -> bool {
        toks[i].text == "法"
            && i > 0
            && toks[i - 1].text.chars().all(is_cjk)
            && !matches!(
                toks[i - 1].text,
                "、" | "和" | "与" | "及" | "对" | "中" | "在" | "驻" | "访"
            )
    }

    /// First guess for one token from the gazetteers and jieba's tag.
    fn label(&self, t: &Token) -> Option<EntityType> {
        let w = t.text;
        if self.orgs.contains(w) {
            return Some(EntityType::Organization);
        }
        if self.places.contains(w) {
            return Some(EntityType::Place);
        }
        if is_congress(w) {
            return Some(EntityType::Organization);
        }
        let n = w.chars().count();
        if (2..=3).contains(&n) && w.chars().all(|c| self.country_abbr.contains(&c)) {
            return None; // 中美: split by `abbreviations`
        }
        let rest = w.trim_start_matches(|c| self.country_abbr.contains(&c));
        let run = w[..w.len() - rest.len()].chars().count();
        if run >= 2 && (self.pair_tails.contains(rest) || self.is_place_suffix(rest)) {
            return None; // 中韩关系, 港台地区
        }
        if self.region_run(w).is_some() {
            return None; // 黄淮, 青藏高原: split by `abbreviations`
        }
        let mut cs = w.chars();
        if let (2, Some(verb), Some(place)) = (n, cs.next(), cs.next()) {
            if self.glued_verbs.contains(&verb) && self.place_abbr.contains(&place) && place != '日'
            {
                return None; // 离京, 来京: the place after the verb
            }
        }
        if t.tag == Tag::Nt && self.facility_head(w).is_some() {
            return Some(EntityType::Place); // 北京图书大厦, 人民大会堂
        }
        match t.tag {
            Tag::Ns if !self.not_places.contains(w) && w.chars().count() > 1 => {
                Some(EntityType::Place)
            }
            Tag::Nt
                if !self.is_bare_head(w)
                    && !self.names_no_body(w)
                    && (self.org_heads.ends(w) || !self.noun_ends.ends(w)) =>
            {
                Some(EntityType::Organization)
            }
            Tag::Ns | Tag::J
                if w.chars().count() == 1 && w.chars().all(|c| self.place_abbr.contains(&c)) =>
            {
                Some(EntityType::Place)
            }
            Tag::Nr | Tag::Nrfg | Tag::Nrt => Some(EntityType::Person),
            _ => None,
        }
    }

    /// The facility head (two characters or more) ending `w`, when `w` is
    /// longer than it and the head is longer than any body head ending `w`
    /// (人民大会堂 is a hall, not a 会).
    fn facility_head<'a>(&'a self, w: &'a str) -> Option<&'a str> {
        let head = self
            .place_heads
            .suffixes(w)
            .find(|h| h.len() < w.len() && h.chars().count() >= 2)?;
        let body = self
            .org_heads
            .longest_suffix(w)
            .map_or(0, |h| h.chars().count());
        (head.chars().count() > body).then_some(head)
    }

    fn is_bare_head(&self, w: &str) -> bool {
        self.org_heads.contains(w)
    }

    /// A person candidate for token `i` (tagged as a name), or `None` when
    /// it does not look like a name.
    fn person(&self, toks: &[Token], i: usize, segmenter: &Segmenter) -> Option<Cand> {
        let t = &toks[i];
        let w = t.text;
        let total = w.chars().count();
        let tail = self
            .person_tails
            .suffixes(w)
            .find(|tail| total > tail.chars().count() + 1);
        let name = &w[..w.len() - tail.map_or(0, str::len)];
        let len = total - tail.map_or(0, |x| x.chars().count());
        let first = w.chars().next()?;
        let surname = &w[..first.len_utf8()];
        // Surname + form of address (陈小姐, 郑先生): the surname alone.
        if total > 1
            && self.surnames.contains(surname)
            && self.address.contains(&w[first.len_utf8()..])
        {
            return Some(Cand {
                start: t.start,
                end: t.start + 1,
                kind: EntityType::Person,
            });
        }
        if self.not_persons.contains(name) || !name.chars().all(is_cjk) {
            return None;
        }
        if len == 1 {
            return None;
        }
        let cand = Cand {
            start: t.start,
            end: t.start + len,
            kind: EntityType::Person,
        };
        let chinese = surname_and_given(|s| self.surnames.contains(s), name);
        let foreign = name.chars().all(|c| self.translit.contains(&c));
        // A frequent dictionary word tagged as a name (文明, 明白) is a name
        // only with a name context around it.
        let freq = segmenter.word_freq(name);
        // jieba's dictionary tags many two-character words as names (荣幸,
        // 桂冠): any of them needs a name context.
        let noun_final = name
            .chars()
            .next_back()
            .is_some_and(|c| self.noun_finals.contains(&c));
        // A surname before a frequent word (高 + 水平, 相 + 衔接) is that word
        // read with a character before it, unless a name context says
        // otherwise (副县长高建国).
        let given = name.char_indices().nth(1).map_or("", |(b, _)| &name[b..]);
        let word_after_surname = len == 3 && segmenter.word_freq(given) >= GIVEN_WORD_FREQ;
        let common = freq >= NAME_FREQ_LIMIT || (freq > 0 && ((len == 2 && chinese) || noun_final));
        // A three-character dictionary name opening with a surname (邓小平,
        // 周恩来) is not a common word: jieba lists it as a name, unless it
        // ends in a character that closes common nouns (安全性, 许可证).
        let listed_name =
            len == 3 && t.tag == Tag::Nr && self.surnames.contains(surname) && !noun_final;
        if (common && !listed_name || word_after_surname) && !self.name_context(toks, i) {
            return None;
        }
        if chinese || foreign {
            Some(cand)
        } else {
            None
        }
    }

    /// A trophy named after its donor (汤 + 杯, 尤伯 + 杯): the donor's
    /// transliterated name is a person.
    fn trophy(&self, t: &Token) -> Option<Cand> {
        let stem = t.text.strip_suffix('杯')?;
        let n = stem.chars().count();
        let named = (1..=3).contains(&n)
            && stem.chars().all(|c| self.translit.contains(&c))
            && !self.places.contains(stem)
            && !self.orgs.contains(stem)
            && !stem.chars().all(|c| self.place_abbr.contains(&c));
        named.then_some(Cand {
            start: t.start,
            end: t.start + n,
            kind: EntityType::Person,
        })
    }

    /// The person a doctrine, a collection or a memorial is named after
    /// (马克思 + 主义, 毛泽东 + 思想): the stem must read as a name by itself.
    fn eponym(&self, t: &Token, segmenter: &Segmenter, lexicon: &Lexicon) -> Option<Cand> {
        let tail = self.eponym_tails.longest_suffix(t.text)?;
        let stem = t.text.strip_suffix(tail)?;
        let n = stem.chars().count();
        if !(2..=4).contains(&n) || self.not_persons.contains(stem) {
            return None;
        }
        let toks = segmenter.tag(stem, lexicon);
        let one = toks.len() == 1 && matches!(toks[0].tag, Tag::Nr | Tag::Nrt | Tag::Nrfg);
        let shaped = surname_and_given(|s| self.surnames.contains(s), stem)
            || stem.chars().all(|c| self.translit.contains(&c));
        (one && shaped).then_some(Cand {
            start: t.start,
            end: t.start + n,
            kind: EntityType::Person,
        })
    }

    /// Whether token `i` sits where names do: after a post or a list comma,
    /// or before a post, a speech verb, a person tail (同志, 理论), a list
    /// comma or the particle 等 (grammar, kept in code).
    fn name_context(&self, toks: &[Token], i: usize) -> bool {
        let follows = |w: &str| {
            self.posts.contains(w)
                || self.speech_verbs.contains(w)
                || w == "等"
                || self.person_tails.contains(w)
        };
        in_name_context(
            |k| toks.get(k).map(|t| t.text),
            i,
            |w| self.posts.contains(w),
            follows,
            |_| true,
        )
    }

    /// A one-character surname tagged as a name followed by a given name
    /// jieba read as a word of its own (柴 + 永福).
    fn joined_name(&self, toks: &[Token], i: usize) -> Option<Cand> {
        let t = &toks[i];
        let next = toks.get(i + 1)?;
        let n = next.text.chars().count();
        let given = (1..=2).contains(&n)
            && next.text.chars().all(is_cjk)
            && matches!(
                next.tag,
                Tag::Nr | Tag::Nz | Tag::N | Tag::Ng | Tag::Nrfg | Tag::A | Tag::J
            )
            && !self.posts.contains(next.text)
            && !self.not_persons.contains(next.text)
            && !self.chain_stop(next.text);
        (self.surnames.contains(t.text) && given).then_some(Cand {
            start: t.start,
            end: next.end,
            kind: EntityType::Person,
        })
    }

    /// One-character country forms inside compounds: 中美 / 中日韩 (each a
    /// place), 中美关系, 中方 / 华侨, 访华 / 抵京: the candidates of token
    /// `t` as [`MentionRules::abbreviation`] reads its word.
    /// (Asked at every token the rules label no entity: a word with none,
    /// most words, is answered inline.)
    #[inline]
    fn abbreviations(&self, t: &Token, abbr: Abbreviation, cands: &mut Vec<Cand>) {
        if abbr != Abbreviation::None {
            self.abbreviation_cands(t, abbr, cands);
        }
    }

    #[inline(never)]
    fn abbreviation_cands(&self, t: &Token, abbr: Abbreviation, cands: &mut Vec<Cand>) {
        let mut push = |k: usize| {
            cands.push(Cand {
                start: t.start + k,
                end: t.start + k + 1,
                kind: EntityType::Place,
            })
        };
        match abbr {
            Abbreviation::None => {}
            Abbreviation::Run(run) => (0..usize::from(run)).for_each(&mut push),
            Abbreviation::At(k) => push(usize::from(k)),
            Abbreviation::Prefix(n) => cands.push(Cand {
                start: t.start,
                end: t.start + n as usize,
                kind: EntityType::Place,
            }),
        }
    }

    /// What [`MentionRules::abbreviations`] reads in a word with tag `tag`
    /// (it depends on nothing else: the word memory keeps it).
    fn abbreviation(&self, text: &str, tag: Tag) -> Abbreviation {
        // Runs at most tokens: the characters are read without collecting
        // them (only the first two, the count and a run's end are used).
        let mut cs = text.chars();
        let Some(c0) = cs.next() else {
            return Abbreviation::None;
        };
        let c1 = cs.next().unwrap_or('\0');
        let n = text.chars().count();
        let abbr = |c: &char| self.place_abbr.contains(c);
        let country = |c: &char| self.country_abbr.contains(c);
        if let Some(run) = self.region_run(text) {
            // At most four forms (region_run).
            return Abbreviation::Run(run as u8);
        }
        // A run of two or three forms, alone or before a relation word.
        let (run, run_bytes) = text
            .chars()
            .take_while(country)
            .take(3)
            .fold((0, 0), |(k, b), c| (k + 1, b + c.len_utf8()));
        // A word jieba reads as a verb, an attribute or a common noun
        // (加剧, 非法, 美德) is no pair of countries.
        let word_class = matches!(
            tag,
            Tag::V | Tag::B | Tag::A | Tag::D | Tag::Vn | Tag::Ad | Tag::An | Tag::N
        );
        if run >= 2 && !word_class {
            let rest = &text[run_bytes..];
            if rest.is_empty() || self.pair_tails.contains(rest) || self.is_place_suffix(rest) {
                return Abbreviation::Run(run);
            }
        }
        let rest = &text[c0.len_utf8()..];
        if let Some(prefix) = self
            .governments
            .longest_suffix(text)
            .and_then(|g| text.strip_suffix(g))
        {
            // 巴西政府: the place before a government.
            if self.places.contains(prefix) {
                // A place's name: far fewer characters than a u32 counts.
                let n = u32::try_from(prefix.chars().count()).unwrap_or(u32::MAX);
                return Abbreviation::Prefix(n);
            }
        }
        let compass = n == 2 && c1 == '方' && COMPASS.contains(c0);
        let people = n == 2 && c1 == '人' && "华港台".contains(c0);
        let medicine = n == 3 && c0 == '中' && matches!(c1, '医' | '药');
        if (n == 2 && abbr(&c0) && (self.abbr_tails.contains(&c1) || people) && !compass)
            || medicine
        {
            Abbreviation::At(0)
        } else if n > 1 && country(&c0) && (self.posts.contains(rest) || self.is_government(rest)) {
            // 俄总统, 美政府: the country before a post or a government.
            Abbreviation::At(0)
        } else if n == 2 && self.glued_verbs.contains(&c0) && abbr(&c1) && c1 != '日' {
            Abbreviation::At(1)
        } else {
            Abbreviation::None
        }
    }

    /// One-character country tokens next to another one-character place,
    /// directly or across 、, or before 两国 / 双方 (中 美, 日 俄 首脑, 中、韩).
    fn place_pairs(&self, toks: &[Token], labels: &[Option<EntityType>], cands: &mut Vec<Cand>) {
        // A form before a score (决赛中以 2∶0) pairs with nothing.
        let single = |k: usize| {
            // One character is four bytes or fewer: most words stop there.
            toks.get(k).is_some_and(|t| {
                let mut cs = t.text.chars();
                t.text.len() <= 4
                    && matches!((cs.next(), cs.next()), (Some(c), None) if self.country_abbr.contains(&c))
                    && toks
                        .get(k + 1)
                        .is_none_or(|n| !n.text.starts_with(|c: char| c.is_ascii_digit()))
            })
        };
        let after_number = |k: usize| k > 0 && toks[k - 1].tag == Tag::M;
        for i in 0..toks.len() {
            if !single(i) || labels[i].is_some() || after_number(i) {
                continue;
            }
            let next = if toks.get(i + 1).is_some_and(|t| t.text == "、") {
                i + 2
            } else {
                i + 1
            };
            let prev = if i >= 2 && toks[i - 1].text == "、" {
                i - 2
            } else {
                i.wrapping_sub(1)
            };
            let placed = |k: usize| {
                single(k)
                    && (labels[k] == Some(EntityType::Place)
                        || self
                            .pair_tails
                            .contains(toks.get(k + 1).map_or("", |t| t.text)))
            };
            let tail = toks
                .get(i + 1)
                .is_some_and(|t| self.pair_tails.contains(t.text));
            if placed(next) || (i > 0 && placed(prev)) || (tail && i > 0 && single(i - 1)) {
                cands.push(Cand {
                    start: toks[i].start,
                    end: toks[i].end,
                    kind: EntityType::Place,
                });
            }
        }
    }

    /// Names jieba cut in pieces: a surname and one given character followed
    /// by a one-character name piece (高允 + 连), or a run of transliteration
    /// pieces at least one of which is tagged a name (斯特罗 + 耶夫).
    fn split_names(&self, toks: &[Token], labels: &[Option<EntityType>], cands: &mut Vec<Cand>) {
        let name_tag = |t: &Token| matches!(t.tag, Tag::Nr | Tag::Nrt | Tag::Nrfg);
        let translit = |t: &Token| {
            t.text.chars().all(|c| self.translit.contains(&c))
                && matches!(
                    t.tag,
                    Tag::Nr | Tag::Nrt | Tag::Nrfg | Tag::Nz | Tag::Ng | Tag::N
                )
                && !self.posts.contains(t.text)
                && !self.not_persons.contains(t.text)
        };
        for i in 0..toks.len() {
            let t = &toks[i];
            if !name_tag(t) {
                continue;
            }
            if let Some(next) = toks.get(i + 1) {
                let one = next.text.chars().count() == 1 && next.text.chars().all(is_cjk);
                let mut cs = t.text.chars();
                if t.text.chars().count() == 2
                    && cs
                        .next()
                        .is_some_and(|c| self.surnames.contains(&t.text[..c.len_utf8()]))
                    && one
                    && matches!(next.tag, Tag::Nr | Tag::Nrt | Tag::Nrfg | Tag::Ng)
                    && !matches!(
                        labels[i + 1],
                        Some(EntityType::Place | EntityType::Organization)
                    )
                {
                    cands.push(Cand {
                        start: t.start,
                        end: next.end,
                        kind: EntityType::Person,
                    });
                    continue;
                }
            }
            // Transliteration run around a name-tagged piece.
            let fits = |k: usize| {
                translit(&toks[k])
                    && labels[k] != Some(EntityType::Place)
                    && labels[k] != Some(EntityType::Organization)
            };
            if !fits(i) {
                continue;
            }
            let mut s = i;
            while s > 0 && fits(s - 1) && (i - s) < 2 {
                s -= 1;
            }
            let mut e = i;
            while e + 1 < toks.len() && fits(e + 1) && e - s < 2 {
                e += 1;
            }
            let len = toks[e].end - toks[s].start;
            if e > s && (3..=8).contains(&len) {
                cands.push(Cand {
                    start: toks[s].start,
                    end: toks[e].end,
                    kind: EntityType::Person,
                });
            }
        }
    }

    /// Japanese names: a family name with a given name of one to three
    /// characters in the same token (桥本龙太郎) or in the next ones after
    /// a post or 日本 (会长 谷口 清 太郎), or the family name alone next to a
    /// post (桥本 首相).
    fn japanese_names(&self, toks: &[Token], labels: &[Option<EntityType>], cands: &mut Vec<Cand>) {
        let post = |k: usize| {
            toks.get(k).is_some_and(|t| {
                self.posts.contains(t.text) || t.text.ends_with("首相") || t.text.ends_with("外相")
            })
        };
        let given = |t: &Token| {
            t.text.chars().all(is_cjk)
                && matches!(
                    t.tag,
                    Tag::N | Tag::Nr | Tag::Nrt | Tag::Nz | Tag::Ng | Tag::T | Tag::J | Tag::A
                )
                && !self.posts.contains(t.text)
                && !self.chain_stop(t.text)
        };
        for i in 0..toks.len() {
            let t = &toks[i];
            if labels[i].is_some_and(|k| k != EntityType::Person) {
                continue;
            }
            let Some(family) = self.japanese.prefixes(t.text).next() else {
                continue;
            };
            let rest = t.text[family.len()..].chars().count();
            let push = |cands: &mut Vec<Cand>, end: usize| {
                cands.push(Cand {
                    start: t.start,
                    end,
                    kind: EntityType::Person,
                })
            };
            if (1..=3).contains(&rest) && t.text.chars().all(is_cjk) {
                push(cands, t.end);
                continue;
            }
            if rest > 0 {
                continue;
            }
            let before = i > 0 && (post(i - 1) || toks[i - 1].text.contains("日本"));
            // Given name read as one or two words after the family name.
            let mut e = i;
            let mut len = 0;
            while e + 1 < toks.len() && e - i < 2 && given(&toks[e + 1]) {
                let n = toks[e + 1].text.chars().count();
                if len + n > 3 {
                    break;
                }
                len += n;
                e += 1;
            }
            if before && e > i && len >= 2 {
                push(cands, toks[e].end);
            } else if before || post(i + 1) {
                push(cands, t.end);
            }
        }
    }

    /// Foreign names written in parts joined by `·` (芭芭拉·弗兰克林).
    fn foreign_names(&self, toks: &[Token], labels: &[Option<EntityType>], cands: &mut Vec<Cand>) {
        let part = |t: &Token| {
            let n = t.text.chars().count();
            n >= 1
                && (t.text.chars().all(|c| self.translit.contains(&c))
                    || (t.tag.is_name() && t.text.chars().all(is_cjk)))
                && !self.posts.contains(t.text)
                && !self.chain_stop(t.text)
        };
        let mut i = 0;
        while i < toks.len() {
            if toks[i].text == "·" || toks[i].text == "•" {
                // Walk left over one name part, then right over parts and dots.
                let mut s = i;
                while s > 0
                    && part(&toks[s - 1])
                    && s + 2 > i
                    && labels[s - 1] != Some(EntityType::Organization)
                {
                    s -= 1;
                }
                let dot = |k: usize| toks.get(k).is_some_and(|t| t.text == "·" || t.text == "•");
                let mut e = i;
                loop {
                    // One part: translit pieces up to six characters.
                    let mut len = 0;
                    while e + 1 < toks.len()
                        && part(&toks[e + 1])
                        && len + toks[e + 1].text.chars().count() <= 6
                    {
                        e += 1;
                        len += toks[e].text.chars().count();
                    }
                    if len > 0 && dot(e + 1) && toks.get(e + 2).is_some_and(part) {
                        e += 1;
                        continue;
                    }
                    break;
                }
                if s < i && e > i {
                    cands.push(Cand {
                        start: toks[s].start + self.lead_trim(toks[s].text),
                        end: toks[e].end
                            - usize::from(
                                toks[e].text.chars().count() > 1
                                    && toks[e].text.ends_with(['说', '及', '等', '和', '是']),
                            ),
                        kind: EntityType::Person,
                    });
                    i = e;
                }
            }
            i += 1;
        }
    }

    /// Characters before a foreign name glued to its first part: a
    /// nationality (荷兰人 维姆) or a post (司令官 马克思).
    fn lead_trim(&self, w: &str) -> usize {
        w.char_indices()
            .skip(1)
            .find(|&(b, _)| {
                let lead = &w[..b];
                w[b..].chars().all(|c| self.translit.contains(&c))
                    && (lead.ends_with('人') || self.posts.ends(lead))
            })
            .map_or(0, |(b, _)| w[..b].chars().count())
    }

    /// Organization and facility names built from a head and the proper
    /// name chain before it.
    fn bodies(
        &self,
        toks: &[Token],
        labels: &[Option<EntityType>],
        facts: &[BodyFacts],
        cands: &mut Vec<Cand>,
    ) {
        for (i, &f) in facts.iter().enumerate() {
            self.body_at(toks, labels, i, f, cands);
        }
    }

    /// What [`MentionRules::bodies`] reads of the word `w` alone.
    fn body_facts(&self, w: &str) -> BodyFacts {
        // Head inside the token: the whole token ends with it.
        let wn = w.chars().count();
        let head = self
            .org_heads
            .suffixes(w)
            .find(|h| {
                let hn = h.chars().count();
                wn == hn || (hn > 1 && wn > hn) || wn >= hn + 2
            })
            .filter(|_| !self.names_no_body(w))
            .or_else(|| {
                is_numbered_unit(w)
                    .then(|| self.org_heads.longest_suffix(w))
                    .flatten()
            })
            // 所, 会, 委, 局 standing alone are a particle, a modal verb
            // or the start of a post (张某所说, 会见, 委员).
            .filter(|_| !matches!(w, "所" | "会" | "委" | "局"));
        // Head opening a post: 部长 → 部.
        // A member (委员, 会员, 队员) names no body.
        let member = wn >= 2 && w.ends_with('员');
        BodyFacts {
            facility_head: self.facility_head(w).is_some(),
            facility_tail: self
                .place_heads
                .longest_suffix(w)
                .is_some_and(|h| h.chars().count() >= 2),
            head: head.map(str::len),
            member,
            post_head: self.post_head(w).filter(|_| !member),
            is_post: self.posts.contains(w),
            eponym_tail: self.eponym_tails.longest_suffix(w).is_some(),
        }
    }

    /// [`MentionRules::bodies`] at token `i`, whose word's facts are `f`.
    fn body_at(
        &self,
        toks: &[Token],
        labels: &[Option<EntityType>],
        i: usize,
        f: BodyFacts,
        cands: &mut Vec<Cand>,
    ) {
        let w = toks[i].text;
        let named = labels[i] == Some(EntityType::Organization);
        // (`facility` reads a chain only after a place head of two
        // characters or more.)
        let facility = |cands: &mut Vec<Cand>| {
            if f.facility_tail {
                if let Some(c) = self.facility(toks, labels, i) {
                    cands.push(c);
                }
            }
        };
        if f.facility_head {
            facility(cands);
            return;
        }
        let head = f.head.map(|n| &w[w.len() - n..]);
        let (member, post_head) = (f.member, f.post_head);
        if member && f.is_post {
            return;
        }
        let end = match (head, post_head) {
            (_, Some(n)) => toks[i].start + n,
            (Some(_), None) => toks[i].end,
            (None, None) if named => toks[i].end,
            _ => {
                facility(cands);
                return;
            }
        };
        if post_head.is_none() && f.is_post {
            return;
        }
        // A post of its own after a body (学会 + 会长, 研究所 + 副所长,
        // 贸促会 + 原会长): the body before it is the name.
        // A prefix of the post may stand apart (贸促会 原 会长).
        let before = match i.checked_sub(1).map(|k| toks[k].text) {
            Some("原" | "前" | "副" | "原副") => i.checked_sub(2),
            _ => i.checked_sub(1),
        };
        if post_head.is_some_and(|n| n <= 2)
            && (post_head == Some(1) || w.starts_with(['副', '原']))
            && before.is_some_and(|k| self.org_heads.ends(toks[k].text))
        {
            return;
        }
        // A name right before a post holds it (胡某 + 部长): no body.
        let holder = post_head.is_some()
            && i > 0
            && matches!(toks[i - 1].tag, Tag::Nr | Tag::Nrt | Tag::Nrfg);
        if holder {
            return;
        }
        if let Some(s) = self
            .chain_start(toks, labels, i)
            .or_else(|| self.team_name(toks, i))
        {
            cands.push(Cand {
                start: toks[s].start,
                end,
                kind: EntityType::Organization,
            });
        } else if (post_head.is_none()
            && !self.is_bare_head(w)
            && (toks[i].tag == Tag::Nt
                || head.is_some_and(|h| self.named_prefix(w, h) || self.level_body(w, h))))
            || post_head.is_some_and(|n| n >= 3 && !w.starts_with('副'))
        {
            // 外交部长: the ministry before the post is named too.
            cands.push(Cand {
                start: toks[i].start,
                end,
                kind: EntityType::Organization,
            });
        }
    }

    /// The first token of a club name before a bare team head: 海牛 + 队,
    /// 前卫 寰岛 + 队 (sponsor names jieba reads as common nouns).
    fn team_name(&self, toks: &[Token], i: usize) -> Option<usize> {
        if !matches!(toks[i].text, "队" | "女队" | "男队") {
            return None;
        }
        let namelike = |t: &Token| {
            t.text.chars().count() >= 2
                && t.text.chars().all(is_cjk)
                && matches!(
                    t.tag,
                    Tag::N | Tag::Nz | Tag::Nr | Tag::Nrt | Tag::Ns | Tag::Nt | Tag::J
                )
                && !self.posts.contains(t.text)
                && !self.chain_stop(t.text)
        };
        let mut s = i;
        while s > 0 && i - s < 2 && namelike(&toks[s - 1]) {
            s -= 1;
        }
        (s < i).then_some(s)
    }

    /// A body named by an administrative level (市教委, 县人大): the level
    /// of the place the text is about, a subject word and a head.
    fn level_body(&self, w: &str, head: &str) -> bool {
        let n = w.chars().count();
        w.starts_with(['省', '市', '县', '区', '乡', '镇'])
            && n >= head.chars().count() + 2
            && n <= 6
            && !self.posts.contains(w)
    }

    /// Whether the token before its head is a known place or body: 匈牙利 +
    /// 队, 北京 + 大学.
    fn named_prefix(&self, w: &str, head: &str) -> bool {
        w.strip_suffix(head)
            .is_some_and(|p| self.places.contains(p) || self.orgs.contains(p))
    }

    /// Length of the body part of a token that ends in a post whose first
    /// character is a body head (部长 → 部, 外交部长 → 外交部).
    fn post_head(&self, w: &str) -> Option<usize> {
        // The body before byte offset `b` ends in a head.
        let ends_in_head = |b: usize| b > 0 && self.org_heads.ends(&w[..b]);
        // The previous character and its byte offset.
        let mut prev: Option<(usize, char)> = None;
        for (k, (b, c)) in w.char_indices().enumerate() {
            let tail = &w[b..];
            if self.posts.contains(tail) && tail.chars().count() >= 2 {
                // 代表团 + 团长, 财政部 + 副部长: the body already ends in a head.
                if ends_in_head(b) {
                    return Some(k);
                }
                if let Some((pb, '副')) = prev {
                    if k > 1 && ends_in_head(pb) {
                        return Some(k - 1);
                    }
                }
                if self.is_bare_head(&w[b..b + c.len_utf8()]) {
                    return Some(k + 1);
                }
            }
            prev = Some((b, c));
        }
        None
    }

    /// A facility head (大厦) after a proper-name chain: a place.
    fn facility(&self, toks: &[Token], labels: &[Option<EntityType>], i: usize) -> Option<Cand> {
        let w = toks[i].text;
        let head = self.place_heads.longest_suffix(w)?;
        if head.chars().count() < 2 {
            return None;
        }
        let s = self.chain_start(toks, labels, i)?;
        Some(Cand {
            start: toks[s].start,
            end: toks[i].end,
            kind: EntityType::Place,
        })
    }

    /// The first token of the chain before head token `i`: the leftmost
    /// proper name (place, body, abbreviation, other proper noun) reached
    /// over nouns, or `None` when the chain holds no proper name.
    fn chain_start(
        &self,
        toks: &[Token],
        labels: &[Option<EntityType>],
        i: usize,
    ) -> Option<usize> {
        let mut best = None;
        let mut j = i;
        let legal = LEGAL_FORMS.iter().any(|f| toks[i].text.ends_with(f));
        while j > 0 && i - j < 8 {
            let t = &toks[j - 1];
            let w = t.text;
            if self.chain_stop(w) || self.posts.contains(w) || !w.chars().all(is_cjk) {
                break;
            }
            // A name of a person or a transliteration opens a company name
            // (劳拉 公司, 休斯 公司) when it stands right before the head.
            let person_led = (j == i || legal) && matches!(t.tag, Tag::Nr | Tag::Nrt | Tag::Nrfg);
            let numbered = is_numbered_unit(w);
            let proper = matches!(
                labels[j - 1],
                Some(EntityType::Place | EntityType::Organization)
            ) || matches!(t.tag, Tag::Ns | Tag::Nt | Tag::Nz | Tag::J)
                || person_led;
            // A two-character verb names a body's field (文化 扶贫 委员会)
            // when a proper name opens the chain.
            let field = t.tag == Tag::V && w.chars().count() == 2;
            let body = proper
                || field
                || numbered
                || matches!(
                    t.tag,
                    Tag::N | Tag::Vn | Tag::B | Tag::An | Tag::XLex | Tag::Ng
                );
            if !body {
                break;
            }
            j -= 1;
            if proper {
                best = Some(j);
            }
        }
        best
    }
}

/// A numbered unit of a state company (中建 七局, 中铁 十七局, 第三 工程处):
/// a Chinese numeral and a bureau, division or works head.
fn is_numbered_unit(w: &str) -> bool {
    // Checked without collecting the characters: it runs at most tokens.
    let Some(stem) = w.strip_suffix(['局', '处', '厂']) else {
        return false;
    };
    (1..=3).contains(&stem.chars().count())
        && stem
            .chars()
            .all(|c| "一二三四五六七八九十〇零百".contains(c))
}

/// A word read as a name that ends in a settlement or landform head
/// (高升镇, 左权县, 梁沟村): a place named after a person or a family.
fn is_settlement(w: &str) -> bool {
    let n = w.chars().count();
    (3..=8).contains(&n)
        && w.chars().all(is_cjk)
        && w.ends_with(['县', '镇', '乡', '村', '沟', '庄', '屯', '寨', '堡'])
}

/// Compass regions (东北, 西南, 华北) that stand as places before 地区.
fn is_compass_region(w: &str) -> bool {
    let cs: Vec<char> = w.chars().collect();
    cs.len() == 2 && "东西南北中华".contains(cs[0]) && "东西南北部".contains(cs[1])
}

/// A party congress named by its ordinal: 十五大, 中共十四大.
fn is_congress(w: &str) -> bool {
    let w = w.strip_prefix("中共").unwrap_or(w);
    let Some(num) = w.strip_suffix('大') else {
        return false;
    };
    let n = num.chars().count();
    (2..=3).contains(&n)
        && num.starts_with('十')
        && num.chars().all(|c| "一二三四五六七八九十".contains(c))
}

/// Ids of [`MentionRules`], one per set built.
static NEXT_RULES_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// What this thread has read of words, for one set of rules.
    static WORDS: RefCell<WordMemo> = RefCell::new(WordMemo::default());
}

/// A token's label and the abbreviations of its word with its tag.
type TokenFacts = (Option<EntityType>, Abbreviation);

/// What the rules read of one word: its labels and abbreviations, one for
/// each tag it was read with (the first [`WordFacts::TAGS`] tags), and its
/// body facts.
/// Inline, so that a remembered word is one slot of the memo's table.
struct WordFacts {
    labels: [(Tag, Option<EntityType>, Abbreviation); WordFacts::TAGS],
    /// How many of `labels` are filled.
    tags: u8,
    body: BodyFacts,
}

impl WordFacts {
    /// Tags remembered per word (a word is seldom read with more: the
    /// labels of further tags are computed each time).
    const TAGS: usize = 3;
}

/// What a thread remembers of the words it has read, for the rules with
/// id `rules`: the answers that depend on a token's word alone (and its
/// tag, for labels). News repeats its words: most tokens are answered by
/// one probe instead of dozens of set probes and character scans.
///
/// Most words (five CJK characters or fewer) are held in `short`, a cache
/// of two ways per set whose entries pack key and facts in 32 bytes: a
/// probe reads one cache line, where a `String` key would send it to the
/// heap for the comparison. A new word takes its set's first way and
/// moves the word there to the second. The longer words are held by
/// `words`, bounded: emptied when it holds [`WordMemo::MAX_WORDS`] words.
#[derive(Default)]
struct WordMemo {
    rules: u64,
    short: Vec<ShortSet>,
    words: FxHashMap<String, WordFacts>,
    /// The short keys of the tokens of the sentence being read.
    keys: Vec<Option<ShortWord>>,
}

impl WordMemo {
    const MAX_WORDS: usize = 1 << 16;
    /// Sets of `short` (two words each).
    const SETS: usize = 1 << 16;

    /// Readies the memo for the rules `id` (forgetting another's answers).
    fn serve(&mut self, id: u64) {
        if self.rules != id {
            self.short.clear();
            self.short.resize(Self::SETS, ShortSet::EMPTY);
            self.words.clear();
            self.rules = id;
        } else if self.words.len() >= Self::MAX_WORDS {
            self.words.clear();
        }
    }

    /// Reads a word of the set of each short word of `toks`, so that their
    /// cache lines are fetched side by side before the probes: these loads
    /// do not wait for one another, where each probe of [`WordMemo::read`]
    /// would wait for its line in turn.
    /// The keys of the words are left in `keys`, one per token.
    fn touch(&mut self, toks: &[Token]) {
        let mut any = 0u64;
        self.keys.clear();
        for t in toks {
            let key = ShortWord::new(t.text);
            if let Some(key) = key {
                any ^= self.short[key.set(Self::SETS)].ways[0].key.0[0];
            }
            self.keys.push(key);
        }
        std::hint::black_box(any);
    }

    /// [`MentionRules::label`] and [`MentionRules::abbreviation`] of `t`
    /// and [`MentionRules::body_facts`] of its word.
    /// `key` is the word's short key, if it has one ([`ShortWord::new`]).
    fn read(
        &mut self,
        rules: &MentionRules,
        t: &Token,
        key: Option<ShortWord>,
    ) -> (TokenFacts, BodyFacts) {
        match key {
            Some(key) => self.read_short(rules, t, key),
            None => self.read_long(rules, t),
        }
    }

    fn read_short(
        &mut self,
        rules: &MentionRules,
        t: &Token,
        key: ShortWord,
    ) -> (TokenFacts, BodyFacts) {
        let facts = |t: &Token| (rules.label(t), rules.abbreviation(t.text, t.tag));
        let set = &mut self.short[key.set(Self::SETS)];
        if let Some(w) = set.ways.iter_mut().find(|w| w.key == key) {
            let body = w.facts.body();
            let f = &mut w.facts;
            let tags = usize::from(f.tags);
            if let Some(k) = f.tag[..tags].iter().position(|&tag| tag == t.tag) {
                return ((f.label[k], f.abbr[k].unpack()), body);
            }
            let (label, abbr) = facts(t);
            if tags < WordFacts::TAGS {
                if let Some(packed) = PackedAbbreviation::pack(abbr) {
                    f.tag[tags] = t.tag;
                    f.label[tags] = label;
                    f.abbr[tags] = packed;
                    f.tags += 1;
                }
            }
            return ((label, abbr), body);
        }
        let ((label, abbr), body) = (facts(t), rules.body_facts(t.text));
        if let Some(facts) = ShortFacts::pack(t.tag, label, abbr, body) {
            set.ways[1] = set.ways[0];
            set.ways[0] = ShortEntry { key, facts };
        }
        ((label, abbr), body)
    }

    fn read_long(&mut self, rules: &MentionRules, t: &Token) -> (TokenFacts, BodyFacts) {
        let facts = |t: &Token| (rules.label(t), rules.abbreviation(t.text, t.tag));
        if let Some(w) = self.words.get_mut(t.text) {
            let known = &w.labels[..usize::from(w.tags)];
            if let Some(&(_, label, abbr)) = known.iter().find(|(tag, _, _)| *tag == t.tag) {
                return ((label, abbr), w.body);
            }
            let (label, abbr) = facts(t);
            if usize::from(w.tags) < WordFacts::TAGS {
                w.labels[usize::from(w.tags)] = (t.tag, label, abbr);
                w.tags += 1;
            }
            return ((label, abbr), w.body);
        }
        let ((label, abbr), body) = (facts(t), rules.body_facts(t.text));
        self.words.insert(
            t.text.to_string(),
            WordFacts {
                labels: [(t.tag, label, abbr); WordFacts::TAGS],
                tags: 1,
                body,
            },
        );
        ((label, abbr), body)
    }
}

/// One set of [`WordMemo`]'s cache: two entries, one cache line.
#[derive(Clone, Copy)]
#[repr(align(64))]
struct ShortSet {
    ways: [ShortEntry; 2],
}

impl ShortSet {
    const EMPTY: ShortSet = ShortSet {
        ways: [ShortEntry::EMPTY; 2],
    };
}

#[derive(Clone, Copy)]
struct ShortEntry {
    key: ShortWord,
    facts: ShortFacts,
}

impl ShortEntry {
    /// A free way: its key is no word's.
    const EMPTY: ShortEntry = ShortEntry {
        key: ShortWord([u64::MAX; 2]),
        facts: ShortFacts {
            tag: [Tag::Other; WordFacts::TAGS],
            label: [None; WordFacts::TAGS],
            abbr: [PackedAbbreviation([0, 0]); WordFacts::TAGS],
            tags: 0,
            head: u8::MAX,
            post_head: u8::MAX,
            flags: 0,
        },
    };
}

/// A word of at most [`ShortWord::MAX`] bytes, held inline: its bytes in
/// order from the low byte of the first number, then zeros, and its length
/// in the high byte of the second.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortWord([u64; 2]);

impl ShortWord {
    const MAX: usize = 15;

    fn new(w: &str) -> Option<ShortWord> {
        let b = w.as_bytes();
        if b.len() > Self::MAX {
            return None;
        }
        let (lo, hi) = b.split_at(b.len().min(8));
        Some(ShortWord([
            le_bytes(lo),
            le_bytes(hi) | (b.len() as u64) << 56,
        ]))
    }

    /// The set of a cache of `sets` sets (a power of two) it falls in.
    /// Both numbers multiplied together, the product's halves folded (as
    /// rapidhash mixes): every bit of the word moves the low bits.
    fn set(self, sets: usize) -> usize {
        let m = u128::from(self.0[0] ^ 0x2d35_8dcc_aa6c_78a5)
            * u128::from(self.0[1] ^ 0x8bb8_4b93_962e_acc9);
        ((m as u64) ^ (m >> 64) as u64) as usize & (sets - 1)
    }
}

/// Up to eight bytes as a little-endian number (zeros above them), read in
/// at most three loads: two overlapping reads cover every length.
fn le_bytes(b: &[u8]) -> u64 {
    let n = b.len();
    match n {
        8.. => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        4..=7 => {
            let first = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let last = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
            u64::from(first) | u64::from(last) << ((n - 4) * 8)
        }
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (n / 2 * 8)
                | u64::from(b[n - 1]) << ((n - 1) * 8)
        }
        0 => 0,
    }
}

/// [`WordFacts`] of a short word, packed: the labels and abbreviations of
/// up to [`WordFacts::TAGS`] tags and the body facts, byte lengths in a
/// byte each (a short word's are under 16).
#[derive(Clone, Copy)]
struct ShortFacts {
    tag: [Tag; WordFacts::TAGS],
    label: [Option<EntityType>; WordFacts::TAGS],
    abbr: [PackedAbbreviation; WordFacts::TAGS],
    /// How many of the tags are filled.
    tags: u8,
    /// [`BodyFacts::head`] and [`BodyFacts::post_head`], `u8::MAX` for none.
    head: u8,
    post_head: u8,
    /// The five flags of [`BodyFacts`], one bit each.
    flags: u8,
}

impl ShortFacts {
    const FACILITY_HEAD: u8 = 1;
    const FACILITY_TAIL: u8 = 2;
    const MEMBER: u8 = 4;
    const IS_POST: u8 = 8;
    const EPONYM_TAIL: u8 = 16;

    /// `None` when a length does not fit in its byte.
    fn pack(
        tag: Tag,
        label: Option<EntityType>,
        abbr: Abbreviation,
        body: BodyFacts,
    ) -> Option<ShortFacts> {
        let length = |n: Option<usize>| match n {
            None => Some(u8::MAX),
            Some(n) => u8::try_from(n).ok().filter(|&n| n < u8::MAX),
        };
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        Some(ShortFacts {
            tag: [tag; WordFacts::TAGS],
            label: [label; WordFacts::TAGS],
            abbr: [PackedAbbreviation::pack(abbr)?; WordFacts::TAGS],
            tags: 1,
            head: length(body.head)?,
            post_head: length(body.post_head)?,
            flags: flag(body.facility_head, Self::FACILITY_HEAD)
                | flag(body.facility_tail, Self::FACILITY_TAIL)
                | flag(body.member, Self::MEMBER)
                | flag(body.is_post, Self::IS_POST)
                | flag(body.eponym_tail, Self::EPONYM_TAIL),
        })
    }

    fn body(&self) -> BodyFacts {
        let length = |n: u8| (n != u8::MAX).then_some(usize::from(n));
        BodyFacts {
            facility_head: self.flags & Self::FACILITY_HEAD != 0,
            facility_tail: self.flags & Self::FACILITY_TAIL != 0,
            head: length(self.head),
            member: self.flags & Self::MEMBER != 0,
            post_head: length(self.post_head),
            is_post: self.flags & Self::IS_POST != 0,
            eponym_tail: self.flags & Self::EPONYM_TAIL != 0,
        }
    }
}

/// An [`Abbreviation`] in two bytes: its kind and its count or offset.
#[derive(Clone, Copy)]
struct PackedAbbreviation([u8; 2]);

impl PackedAbbreviation {
    /// `None` when a prefix's count does not fit in a byte.
    fn pack(a: Abbreviation) -> Option<PackedAbbreviation> {
        Some(PackedAbbreviation(match a {
            Abbreviation::None => [0, 0],
            Abbreviation::Run(n) => [1, n],
            Abbreviation::At(k) => [2, k],
            Abbreviation::Prefix(n) => [3, u8::try_from(n).ok()?],
        }))
    }

    fn unpack(self) -> Abbreviation {
        match self.0 {
            [1, n] => Abbreviation::Run(n),
            [2, k] => Abbreviation::At(k),
            [3, n] => Abbreviation::Prefix(u32::from(n)),
            _ => Abbreviation::None,
        }
    }
}

/// What [`MentionRules::bodies`] reads of a token's word alone.
#[derive(Debug, Clone, Copy)]
struct BodyFacts {
    /// The word ends in a facility head ([`MentionRules::facility_head`]).
    facility_head: bool,
    /// Its longest place head has two characters or more (the first test
    /// of [`MentionRules::facility`]).
    facility_tail: bool,
    /// Length in bytes of the body head ending the word, as `bodies`
    /// chooses it.
    head: Option<usize>,
    /// A member (委员, 会员): two characters or more ending in 员.
    member: bool,
    /// [`MentionRules::post_head`], none for a member.
    post_head: Option<usize>,
    /// The word is a post.
    is_post: bool,
    /// The word ends in an eponym's tail (主义, 思想): the first test of
    /// [`MentionRules::eponym`].
    eponym_tail: bool,
}

/// What [`MentionRules::abbreviation`] reads in a word: the one-character
/// places it holds, by character offset in the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbreviation {
    None,
    /// Each of the first `n` characters (中美, 中日韩).
    Run(u8),
    /// The character at this offset (中方 at 0, 访华 at 1).
    At(u8),
    /// The place of `n` characters opening the word (巴西 in 巴西政府).
    Prefix(u32),
}

/// Longest candidates first; a candidate overlapping a kept one is dropped.
fn resolve(mut cands: Vec<Cand>) -> Vec<NerSpan> {
    cands.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.start));
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands {
        if c.end > c.start && kept.iter().all(|k| c.end <= k.start || c.start >= k.end) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept.into_iter()
        .map(|c| NerSpan {
            start: c.start,
            end: c.end,
            kind: c.kind,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::{Organization, Person, Place};

    #[test]
    fn short_words_are_read_whole_and_told_apart() {
        // Every length up to the bound, byte for byte against a plain read.
        let bytes: Vec<u8> = (1..=16).map(|b| b * 7).collect();
        for n in 0..=8 {
            let plain = bytes[..n]
                .iter()
                .enumerate()
                .fold(0u64, |v, (i, &b)| v | u64::from(b) << (8 * i));
            assert_eq!(le_bytes(&bytes[..n]), plain, "{n} bytes");
        }
        let words = [
            "",
            "a",
            "ab",
            "中",
            "中国",
            "中国人",
            "中国人民",
            "中国人民银",
            "a\0",
            "a\0\0",
        ];
        for (i, a) in words.iter().enumerate() {
            for (j, b) in words.iter().enumerate() {
                assert_eq!(
                    ShortWord::new(a) == ShortWord::new(b),
                    i == j,
                    "{a:?} {b:?}"
                );
            }
        }
        assert!(ShortWord::new("中国人民银行").is_none());
        assert!(ShortWord::new(&"a".repeat(15)).is_some());
    }

    #[test]
    fn packed_word_facts_read_back_as_they_were() {
        for abbr in [
            Abbreviation::None,
            Abbreviation::Run(3),
            Abbreviation::At(1),
            Abbreviation::Prefix(4),
        ] {
            let packed = PackedAbbreviation::pack(abbr).map(PackedAbbreviation::unpack);
            assert_eq!(packed, Some(abbr));
        }
        assert!(PackedAbbreviation::pack(Abbreviation::Prefix(256)).is_none());
        let body = BodyFacts {
            facility_head: true,
            facility_tail: false,
            head: Some(6),
            member: true,
            post_head: None,
            is_post: false,
            eponym_tail: true,
        };
        let facts =
            ShortFacts::pack(Tag::Nt, Some(Organization), Abbreviation::At(0), body).unwrap();
        assert_eq!(format!("{:?}", facts.body()), format!("{body:?}"));
        assert_eq!(facts.abbr[0].unpack(), Abbreviation::At(0));
    }

    fn tagged(text: &str) -> Vec<(String, EntityType)> {
        tagged_with(Lexicon::builtin(), text)
    }

    /// The expected spans, in text order, as [`tagged`] returns them.
    fn spans(expected: &[(&str, EntityType)]) -> Vec<(String, EntityType)> {
        expected.iter().map(|&(n, k)| (n.to_string(), k)).collect()
    }

    fn has(spans: &[(String, EntityType)], name: &str, kind: EntityType) -> bool {
        spans.iter().any(|(n, k)| n == name && *k == kind)
    }

    /// Mentions found by rules built from `lex`.
    fn tagged_with(lex: Lexicon, text: &str) -> Vec<(String, EntityType)> {
        let seg = Segmenter::new(&lex, &[]).unwrap();
        let recognizer = crate::recognize::Recognizer::new(lex);
        let chars: Vec<char> = text.chars().collect();
        recognizer
            .mentions(text, &seg)
            .into_iter()
            .map(|s| (chars[s.start..s.end].iter().collect(), s.kind))
            .collect()
    }

    /// A thread remembers what it read of words for one set of rules:
    /// rules built from another lexicon, in the same thread, read anew.
    #[test]
    fn rules_from_another_lexicon_never_answer_from_the_first_ones_memory() {
        let text = "蓝天出席了会议。";
        let plain = || tagged_with(Lexicon::builtin(), text);
        let mut with_body = Lexicon::builtin();
        with_body.ner.orgs.insert("蓝天".to_string());
        assert!(!has(&plain(), "蓝天", Organization), "{:?}", plain());
        let s = tagged_with(with_body, text);
        assert!(has(&s, "蓝天", Organization), "{s:?}");
        assert!(!has(&plain(), "蓝天", Organization), "{:?}", plain());
    }

    #[test]
    fn place_and_body_head_make_one_organization() {
        let s = tagged("昨天，芬兰农林部和常州市公安局的代表到达会场。");
        assert!(has(&s, "常州市公安局", EntityType::Organization), "{s:?}");
        assert!(!has(&s, "常州市", EntityType::Place), "{s:?}");
    }

    #[test]
    fn a_head_inside_a_post_ends_the_body() {
        let s = tagged("他会见了智利外交部长一行。");
        assert!(has(&s, "智利外交部", EntityType::Organization), "{s:?}");
    }

    #[test]
    fn government_and_region_words_are_not_bodies() {
        // 巴西政府 and 新疆北部 stay the places alone: no body.
        let s = tagged("巴西政府宣布，新疆北部将有小雨。");
        assert_eq!(s, spans(&[("巴西", Place), ("新疆", Place)]));
    }

    #[test]
    fn one_character_country_forms_are_places() {
        let s = tagged("中美两国领导人将在访华期间会谈，中方表示欢迎。");
        let places: Vec<&str> = s
            .iter()
            .filter(|(_, k)| *k == EntityType::Place)
            .map(|(n, _)| n.as_str())
            .collect();
        assert!(places.contains(&"中"), "{s:?}");
        assert!(places.contains(&"美"), "{s:?}");
        assert!(places.contains(&"华"), "{s:?}");
    }

    #[test]
    fn gazetteer_places_override_person_tags() {
        let s = tagged("代表团从伊斯坦布尔飞抵莫斯科。");
        assert_eq!(s, spans(&[("伊斯坦布尔", Place), ("莫斯科", Place)]));
    }

    #[test]
    fn transliterated_names_join_across_the_dot() {
        let s = tagged("昨天，安德烈·卡拉季奇在会上发言。");
        assert!(has(&s, "安德烈·卡拉季奇", EntityType::Person), "{s:?}");
    }

    #[test]
    fn surname_and_given_name_unknown_to_jieba() {
        let s = tagged("记者贺晓澜报道，村民柴永福说今年收成很好。");
        assert!(has(&s, "贺晓澜", EntityType::Person), "{s:?}");
        assert!(has(&s, "柴永福", EntityType::Person), "{s:?}");
    }

    #[test]
    fn weather_words_and_theory_suffixes_are_not_names() {
        // jieba tags 阴转晴 and 雷阵雨 as names: neither is one; the city
        // in the same forecast is found.
        let s = tagged("明天阴转晴，成都午后有雷阵雨。");
        assert_eq!(s, spans(&[("成都", Place)]));
        let s = tagged("大家认真学习孙中山思想。");
        assert!(has(&s, "孙中山", EntityType::Person), "{s:?}");
    }

    #[test]
    fn a_bare_surname_before_a_form_of_address_is_the_name() {
        let s = tagged("邻居们都来找柳先生帮忙。");
        assert!(has(&s, "柳", EntityType::Person), "{s:?}");
    }

    #[test]
    fn a_facility_after_a_place_is_a_place() {
        let s = tagged("展览在上海图书大厦举行。");
        assert!(has(&s, "上海图书大厦", EntityType::Place), "{s:?}");
    }

    #[test]
    fn level_committees_and_party_congresses_are_bodies() {
        let s = tagged("市委、市政府决定，全面贯彻中共十四大精神。");
        assert!(has(&s, "市委", EntityType::Organization), "{s:?}");
        assert!(has(&s, "中共十四大", EntityType::Organization), "{s:?}");
        assert!(is_congress("十六大") && !is_congress("十大") && !is_congress("扩大"));
    }

    #[test]
    fn famous_three_character_names_need_no_context() {
        let s = tagged("我们要学习周恩来和邓小平的工作作风。");
        assert!(has(&s, "邓小平", EntityType::Person), "{s:?}");
        let s = tagged("他们认真研读毛泽东思想。");
        assert!(has(&s, "毛泽东", EntityType::Person), "{s:?}");
    }

    #[test]
    fn dictionary_words_tagged_as_names_are_not_names() {
        // 荣幸 is no name; the speaker beside it is.
        let s = tagged("能参加这次活动，柴永福说他深感荣幸。");
        assert_eq!(s, spans(&[("柴永福", Person)]));
    }

    #[test]
    fn japanese_family_names_and_trophies() {
        let s = tagged("日本首相小渊惠三今天出席了会议。");
        assert!(has(&s, "小渊惠三", EntityType::Person), "{s:?}");
        let s = tagged("中国女队夺得尤伯杯。");
        assert!(has(&s, "尤伯", EntityType::Person), "{s:?}");
    }

    #[test]
    fn place_words_widened_to_regions_or_currencies_keep_the_place() {
        let s = tagged("东北地区将有降雨，瑞典克朗继续走低。");
        assert!(has(&s, "东北", EntityType::Place), "{s:?}");
        assert!(has(&s, "瑞典", EntityType::Place), "{s:?}");
    }

    #[test]
    fn region_forms_and_glued_forms_split_into_places() {
        let s = tagged("京津一带天气晴好，他喜欢听京剧。");
        assert!(has(&s, "京", EntityType::Place), "{s:?}");
        assert!(has(&s, "津", EntityType::Place), "{s:?}");
        // 西方 and 南方 are directions, not places; the city is one.
        let s = tagged("西方国家和南方城市都在学习深圳的经验。");
        assert_eq!(s, spans(&[("深圳", Place)]));
    }

    #[test]
    fn a_law_is_not_france() {
        // 法 closing 环境保护法 is a law: the city is the only place.
        let s = tagged("昆明市全面贯彻环境保护法。");
        assert_eq!(s, spans(&[("昆明市", Place)]));
    }

    #[test]
    fn a_ministry_before_a_post_and_a_team_after_a_country() {
        let s = tagged("据报道，司法部长今天抵达，匈牙利队获胜。");
        assert!(has(&s, "司法部", EntityType::Organization), "{s:?}");
        assert!(has(&s, "匈牙利队", EntityType::Organization), "{s:?}");
        // The body ends at 学会: not 学会会 before 长.
        let s = tagged("中国人口学会会长出席。");
        assert_eq!(s, spans(&[("中国人口学会", Organization)]));
    }

    #[test]
    fn a_name_read_with_a_settlement_head_is_a_place() {
        assert!(is_settlement("高升镇") && !is_settlement("高升"));
    }
}
