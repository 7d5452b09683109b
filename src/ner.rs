//! Mention-level named-entity recognition: every Person, Place and
//! Organization mention in Chinese news text, with character offsets.
//!
//! The recognizer works over the project's segmentation (jieba tags with
//! character offsets) and layers general-knowledge rules on top of it:
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

use crate::lexicon::{is_cjk, Lexicon};
use crate::model::EntityType;
use crate::segment::{Segmenter, Token};
use std::collections::HashSet;

/// One recognized mention: character offsets [start, end) into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// Build once (loads lexicons), then call `spans` for each text.
pub struct NerTagger {
    places: HashSet<String>,
    not_places: HashSet<String>,
    orgs: HashSet<String>,
    /// Body heads, longest first.
    org_heads: Vec<String>,
    /// Facility heads, longest first.
    place_heads: Vec<String>,
    not_persons: HashSet<String>,
    surnames: HashSet<String>,
    translit: HashSet<char>,
    place_abbr: HashSet<char>,
    /// Posts and titles: never part of a name or a body chain.
    posts: HashSet<String>,
}

const PLACES: &str = include_str!("../data/lexicon/ner_places.txt");
const NOT_PLACES: &str = include_str!("../data/lexicon/ner_not_place.txt");
const ORGS: &str = include_str!("../data/lexicon/ner_orgs.txt");
const ORG_HEADS: &str = include_str!("../data/lexicon/ner_org_heads.txt");
const PLACE_HEADS: &str = include_str!("../data/lexicon/ner_place_heads.txt");
const NOT_PERSONS: &str = include_str!("../data/lexicon/ner_not_person.txt");
const TRANSLIT: &str = include_str!("../data/lexicon/ner_translit.txt");
const PLACE_ABBR: &str = include_str!("../data/lexicon/ner_place_abbr.txt");

/// Suffixes cut off a person candidate (邓小平理论 → 邓小平).
const PERSON_TAILS: [&str; 15] = [
    "说",
    "理论",
    "思想",
    "主义",
    "同志",
    "先生",
    "女士",
    "文选",
    "文集",
    "选集",
    "故居",
    "纪念馆",
    "夫人",
    "小姐",
    "教授",
];

/// Forms of address after a bare surname (陈小姐, 老张 is not annotated).
const ADDRESS: [&str; 11] = [
    "先生", "小姐", "女士", "老师", "太太", "老", "师傅", "大爷", "大妈", "阿姨", "某",
];

/// Words after a place pair that mark it as two places (中美关系).
const PAIR_TAILS: [&str; 12] = [
    "关系", "两国", "三国", "双方", "之间", "友好", "合作", "边境", "贸易", "首脑", "会谈", "联合",
];

/// One-character forms of countries and regions that pair up (中美, 中、韩).
const COUNTRY_ABBR: &str = "中美日俄英法德意韩朝印巴越泰澳以埃伊古蒙菲欧亚港台华苏非葡荷";

/// Verbs glued to a one-character place (访华, 抵京).
const GLUED_VERBS: [char; 16] = [
    '访', '来', '在', '驻', '赴', '抵', '离', '返', '进', '旅', '援', '侵', '留', '回', '对', '旅',
];

/// Words after a one-character place that leave it a place (中方, 华侨).
const ABBR_TAILS: [char; 4] = ['方', '侨', '军', '裔'];

/// Words ending in a body head that name no body (音乐会, 北部, 政府).
const NOT_BODIES: [&str; 30] = [
    "政府",
    "当局",
    "关系",
    "音乐会",
    "运动会",
    "博览会",
    "展览会",
    "交易会",
    "研讨会",
    "讨论会",
    "座谈会",
    "报告会",
    "招待会",
    "发布会",
    "晚会",
    "宴会",
    "联欢会",
    "年会",
    "峰会",
    "全会",
    "社会",
    "机会",
    "部队",
    "全部",
    "内部",
    "外部",
    "干部",
    "局部",
    "组织",
    "机关",
];

/// Words a body chain may not cross.
const CHAIN_STOPS: [&str; 12] = [
    "的", "和", "与", "及", "等", "在", "是", "由", "对", "向", "为", "了",
];

/// jieba dictionary frequency above which a word tagged as a name needs a
/// name context (a post before it, a speech verb after it) to count.
const NAME_FREQ_LIMIT: usize = 300;

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(str::split_whitespace)
}

fn longest_first(text: &str) -> Vec<String> {
    let mut v: Vec<String> = words(text).map(str::to_string).collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    v
}

/// A candidate mention before resolution.
#[derive(Debug, Clone, Copy)]
struct Cand {
    start: usize,
    end: usize,
    kind: EntityType,
}

impl NerTagger {
    pub fn new(lexicon: &Lexicon) -> NerTagger {
        let mut places: HashSet<String> = words(PLACES).map(str::to_string).collect();
        places.extend(
            lexicon
                .places
                .keys()
                .filter(|k| k.chars().count() > 1)
                .cloned(),
        );
        let mut orgs: HashSet<String> = words(ORGS).map(str::to_string).collect();
        orgs.extend(lexicon.standalone_orgs.iter().cloned());
        let mut not_persons: HashSet<String> = words(NOT_PERSONS).map(str::to_string).collect();
        not_persons.extend(lexicon.not_names.iter().cloned());
        let mut posts: HashSet<String> = lexicon.posts.keys().cloned().collect();
        posts.extend(
            [
                "总统",
                "副总统",
                "首相",
                "总理",
                "国王",
                "女王",
                "王子",
                "亲王",
                "外长",
                "大使",
                "议长",
                "将军",
                "元帅",
                "教练",
                "主教练",
                "球员",
                "选手",
                "运动员",
                "教授",
                "博士",
                "先生",
                "女士",
                "同志",
                "夫人",
                "总书记",
                "领导人",
                "发言人",
                "代表",
            ]
            .map(str::to_string),
        );
        NerTagger {
            places,
            not_places: words(NOT_PLACES).map(str::to_string).collect(),
            orgs,
            org_heads: longest_first(ORG_HEADS),
            place_heads: longest_first(PLACE_HEADS),
            not_persons,
            surnames: lexicon.surnames.clone(),
            translit: words(TRANSLIT).flat_map(str::chars).collect(),
            place_abbr: words(PLACE_ABBR).flat_map(str::chars).collect(),
            posts,
        }
    }

    pub fn spans(&self, text: &str, segmenter: &Segmenter, lexicon: &Lexicon) -> Vec<NerSpan> {
        let toks = segmenter.tag(text, lexicon);
        let labels: Vec<Option<EntityType>> = toks.iter().map(|t| self.label(t)).collect();
        let mut cands = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            match labels[i] {
                Some(EntityType::Person) => {
                    if let Some(c) = self
                        .person(&toks, i, segmenter)
                        .or_else(|| self.joined_name(&toks, i))
                    {
                        cands.push(c);
                    }
                }
                Some(kind) => cands.push(Cand {
                    start: t.start,
                    end: t.end,
                    kind,
                }),
                None => self.abbreviations(t, &mut cands),
            }
        }
        self.place_pairs(&toks, &labels, &mut cands);
        self.foreign_names(&toks, &labels, &mut cands);
        self.bodies(&toks, &labels, &mut cands);
        resolve(cands)
    }

    /// First guess for one token from the gazetteers and jieba's tag.
    fn label(&self, t: &Token) -> Option<EntityType> {
        let w = t.text.as_str();
        if self.orgs.contains(w) {
            return Some(EntityType::Organization);
        }
        if self.places.contains(w) {
            return Some(EntityType::Place);
        }
        let n = w.chars().count();
        if (2..=3).contains(&n) && w.chars().all(|c| COUNTRY_ABBR.contains(c)) {
            return None; // 中美: split by `abbreviations`
        }
        match t.tag.as_str() {
            "ns" if !self.not_places.contains(w) && w.chars().count() > 1 => {
                Some(EntityType::Place)
            }
            "nt" if !self.is_bare_head(w) && !NOT_BODIES.iter().any(|n| w.ends_with(n)) => {
                Some(EntityType::Organization)
            }
            "ns" | "j"
                if w.chars().count() == 1 && w.chars().all(|c| self.place_abbr.contains(&c)) =>
            {
                Some(EntityType::Place)
            }
            "nr" | "nrfg" | "nrt" => Some(EntityType::Person),
            _ => None,
        }
    }

    fn is_bare_head(&self, w: &str) -> bool {
        self.org_heads.iter().any(|h| h == w)
    }

    /// A person candidate for token `i` (tagged as a name), or `None` when
    /// it does not look like a name.
    fn person(&self, toks: &[Token], i: usize, segmenter: &Segmenter) -> Option<Cand> {
        let t = &toks[i];
        let chars: Vec<char> = t.text.chars().collect();
        let mut len = chars.len();
        for tail in PERSON_TAILS {
            let n = tail.chars().count();
            if len > n + 1 && t.text.ends_with(tail) {
                len -= n;
                break;
            }
        }
        let name: String = chars[..len].iter().collect();
        // Surname + form of address (陈小姐, 郑先生): the surname alone.
        let rest: String = chars[1..].iter().collect();
        if chars.len() > 1
            && self.surnames.contains(&chars[0].to_string())
            && ADDRESS.contains(&rest.as_str())
        {
            return Some(Cand {
                start: t.start,
                end: t.start + 1,
                kind: EntityType::Person,
            });
        }
        if self.not_persons.contains(&name) || !chars[..len].iter().all(|c| is_cjk(*c)) {
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
        let chinese = self.is_chinese_name(&chars[..len]);
        let foreign = chars[..len].iter().all(|c| self.translit.contains(c));
        // A frequent dictionary word tagged as a name (文明, 明白) is a name
        // only with a name context around it.
        let freq = segmenter.word_freq(&name);
        let common = freq >= NAME_FREQ_LIMIT;
        if common && !self.name_context(toks, i) {
            return None;
        }
        if chinese || foreign {
            Some(cand)
        } else {
            None
        }
    }

    /// Whether token `i` sits where names do: after a post or a list comma,
    /// or before a speech verb or a form of address.
    fn name_context(&self, toks: &[Token], i: usize) -> bool {
        let before = i.checked_sub(1).map(|k| toks[k].text.as_str());
        let after = toks.get(i + 1).map(|t| t.text.as_str());
        before.is_some_and(|w| self.posts.contains(w) || w == "、")
            || after.is_some_and(|w| {
                self.posts.contains(w)
                    || matches!(w, "说" | "表示" | "指出" | "认为" | "强调" | "、" | "等")
                    || PERSON_TAILS.contains(&w)
            })
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
                next.tag.as_str(),
                "nr" | "nz" | "n" | "ng" | "nrfg" | "a" | "j"
            )
            && !self.posts.contains(&next.text)
            && !self.not_persons.contains(&next.text)
            && !CHAIN_STOPS.contains(&next.text.as_str());
        (self.surnames.contains(&t.text) && given).then_some(Cand {
            start: t.start,
            end: next.end,
            kind: EntityType::Person,
        })
    }

    /// Surname (single or compound) and a one- or two-character given name.
    fn is_chinese_name(&self, chars: &[char]) -> bool {
        let one: String = chars[..1].iter().collect();
        let two: String = chars.iter().take(2).collect();
        ((2..=3).contains(&chars.len()) && self.surnames.contains(&one))
            || ((3..=4).contains(&chars.len()) && self.surnames.contains(&two))
    }

    /// One-character country forms inside compounds: 中美 / 中日韩 (each a
    /// place), 中美关系, 中方 / 华侨, 访华 / 抵京.
    fn abbreviations(&self, t: &Token, cands: &mut Vec<Cand>) {
        let chars: Vec<char> = t.text.chars().collect();
        let n = chars.len();
        let abbr = |c: &char| self.place_abbr.contains(c);
        let country = |c: &char| COUNTRY_ABBR.contains(*c);
        let mut push = |k: usize| {
            cands.push(Cand {
                start: t.start + k,
                end: t.start + k + 1,
                kind: EntityType::Place,
            })
        };
        // A run of two or three forms, alone or before a relation word.
        let run = chars.iter().take_while(|c| country(c)).count().min(3);
        if run >= 2 {
            let rest: String = chars[run..].iter().collect();
            if rest.is_empty() || PAIR_TAILS.contains(&rest.as_str()) {
                (0..run).for_each(&mut push);
                return;
            }
        }
        let rest: String = chars.iter().skip(1).collect();
        if let Some(prefix) = NOT_BODIES[..2].iter().find_map(|g| t.text.strip_suffix(g)) {
            // 巴西政府: the place before a government.
            if self.places.contains(prefix) {
                cands.push(Cand {
                    start: t.start,
                    end: t.start + prefix.chars().count(),
                    kind: EntityType::Place,
                });
                return;
            }
        }
        if n == 2 && abbr(&chars[0]) && ABBR_TAILS.contains(&chars[1]) {
            push(0);
        } else if n > 1
            && country(&chars[0])
            && (self.posts.contains(&rest) || NOT_BODIES[..2].contains(&rest.as_str()))
        {
            // 俄总统, 美政府: the country before a post or a government.
            push(0);
        } else if n == 2 && GLUED_VERBS.contains(&chars[0]) && abbr(&chars[1]) && chars[1] != '日'
        {
            push(1);
        }
    }

    /// One-character country tokens next to another one-character place,
    /// directly or across 、, or before 两国 / 双方 (中 美, 日 俄 首脑, 中、韩).
    fn place_pairs(&self, toks: &[Token], labels: &[Option<EntityType>], cands: &mut Vec<Cand>) {
        let single = |k: usize| {
            toks.get(k).is_some_and(|t| {
                let mut cs = t.text.chars();
                matches!((cs.next(), cs.next()), (Some(c), None) if COUNTRY_ABBR.contains(c))
            })
        };
        let after_number = |k: usize| k > 0 && toks[k - 1].tag == "m";
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
                        || PAIR_TAILS.contains(&toks.get(k + 1).map_or("", |t| t.text.as_str())))
            };
            let tail = toks
                .get(i + 1)
                .is_some_and(|t| PAIR_TAILS.contains(&t.text.as_str()));
            if placed(next) || (i > 0 && placed(prev)) || (tail && i > 0 && single(i - 1)) {
                cands.push(Cand {
                    start: toks[i].start,
                    end: toks[i].end,
                    kind: EntityType::Place,
                });
            }
        }
    }

    /// Foreign names written in parts joined by `·` (芭芭拉·弗兰克林).
    fn foreign_names(&self, toks: &[Token], labels: &[Option<EntityType>], cands: &mut Vec<Cand>) {
        let part = |t: &Token| {
            let n = t.text.chars().count();
            n >= 1
                && (t.text.chars().all(|c| self.translit.contains(&c))
                    || (t.tag.starts_with("nr") && t.text.chars().all(is_cjk)))
                && !self.posts.contains(&t.text)
                && !CHAIN_STOPS.contains(&t.text.as_str())
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
                        start: toks[s].start,
                        end: toks[e].end,
                        kind: EntityType::Person,
                    });
                    i = e;
                }
            }
            i += 1;
        }
    }

    /// Organization and facility names built from a head and the proper
    /// name chain before it.
    fn bodies(&self, toks: &[Token], labels: &[Option<EntityType>], cands: &mut Vec<Cand>) {
        for i in 0..toks.len() {
            let w = toks[i].text.as_str();
            let named = labels[i] == Some(EntityType::Organization);
            // Head inside the token: the whole token ends with it.
            let wn = w.chars().count();
            let head = self
                .org_heads
                .iter()
                .find(|h| {
                    let hn = h.chars().count();
                    w.ends_with(h.as_str()) && (wn == hn || (hn > 1 && wn > hn) || wn >= hn + 2)
                })
                .filter(|_| !NOT_BODIES.iter().any(|n| w.ends_with(n)));
            // Head opening a post: 部长 → 部.
            let post_head = self.post_head(w);
            let end = match (head, post_head) {
                (_, Some(n)) => toks[i].start + n,
                (Some(_), None) => toks[i].end,
                (None, None) if named => toks[i].end,
                _ => {
                    if let Some(c) = self.facility(toks, labels, i) {
                        cands.push(c);
                    }
                    continue;
                }
            };
            if post_head.is_none() && self.posts.contains(w) {
                continue;
            }
            if let Some(s) = self.chain_start(toks, labels, i) {
                cands.push(Cand {
                    start: toks[s].start,
                    end,
                    kind: EntityType::Organization,
                });
            } else if post_head.is_none() && !self.is_bare_head(w) && toks[i].tag == "nt" {
                cands.push(Cand {
                    start: toks[i].start,
                    end,
                    kind: EntityType::Organization,
                });
            }
        }
    }

    /// Length of the body part of a token that ends in a post whose first
    /// character is a body head (部长 → 部, 外交部长 → 外交部).
    fn post_head(&self, w: &str) -> Option<usize> {
        let chars: Vec<char> = w.chars().collect();
        (0..chars.len()).find_map(|k| {
            let tail: String = chars[k..].iter().collect();
            let head = chars[k].to_string();
            (self.posts.contains(&tail) && tail.chars().count() > 1 && self.is_bare_head(&head))
                .then_some(k + 1)
        })
    }

    /// A facility head (大厦) after a proper-name chain: a place.
    fn facility(&self, toks: &[Token], labels: &[Option<EntityType>], i: usize) -> Option<Cand> {
        let w = toks[i].text.as_str();
        let head = self.place_heads.iter().find(|h| w.ends_with(h.as_str()))?;
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
        while j > 0 && i - j < 6 {
            let t = &toks[j - 1];
            let w = t.text.as_str();
            if CHAIN_STOPS.contains(&w) || self.posts.contains(w) || !w.chars().all(is_cjk) {
                break;
            }
            let proper = matches!(
                labels[j - 1],
                Some(EntityType::Place | EntityType::Organization)
            ) || matches!(t.tag.as_str(), "ns" | "nt" | "nz" | "j");
            let body = proper || matches!(t.tag.as_str(), "n" | "vn" | "b" | "an" | "x_lex" | "ng");
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

    fn tagged(text: &str) -> Vec<(String, EntityType)> {
        let lex = Lexicon::builtin();
        let seg = Segmenter::new(&lex, &[]).unwrap();
        let tagger = NerTagger::new(&lex);
        let chars: Vec<char> = text.chars().collect();
        tagger
            .spans(text, &seg, &lex)
            .into_iter()
            .map(|s| (chars[s.start..s.end].iter().collect(), s.kind))
            .collect()
    }

    fn has(spans: &[(String, EntityType)], name: &str, kind: EntityType) -> bool {
        spans.iter().any(|(n, k)| n == name && *k == kind)
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
        let s = tagged("巴西政府宣布，新疆北部将有小雨。");
        assert!(has(&s, "巴西", EntityType::Place), "{s:?}");
        assert!(
            !s.iter().any(|(_, k)| *k == EntityType::Organization),
            "{s:?}"
        );
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
        assert!(has(&s, "莫斯科", EntityType::Place), "{s:?}");
        assert!(!s.iter().any(|(_, k)| *k == EntityType::Person), "{s:?}");
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
        let s = tagged("明天多云转晴，最高气温二十度。");
        assert!(!s.iter().any(|(_, k)| *k == EntityType::Person), "{s:?}");
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
}
