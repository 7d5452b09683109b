//! The recognizer: one reading of a sentence's tokens gives both the
//! mentions of [`crate::ner`] (every named person, place and body: what
//! `eval --ner` scores and the graph's entities) and the typed units —
//! persons, organizations, posts, events, coreference words, relation
//! triggers, places — that `relate` reads as a flat sequence.
//! [`Recognizer`] is built once from the lexicons; the mention rules run
//! first and the unit rules take their decisions on single tokens.
//!
//! Organizations follow a grammar: an anchor (a place, a named body, a bare
//! level such as 市 in 市总工会, a standalone body such as 中共中央), then
//! words and suffixes, ending in a suffix from `org_suffixes.txt`. Events end
//! in an event head and extend left over the words that name them. Persons
//! are the person mentions read from words jieba tags as names, when they
//! have a Chinese name's shape and stand where names stand; then names in
//! the position after a post (市委书记X), in 、-lists next to a known
//! person, and names the document has already confirmed. Places are the
//! gazetteer's, and jieba's when the mention rules label them places.

use crate::ingest;
use crate::lexicon::{LexKind, Lexicon, PostKind, TriggerKind, LEVELS};
use crate::model::EntityType;
use crate::ner::{MentionRules, NerSpan, TokenDecisions};
use crate::segment::{Segmenter, Tag, Token};
use crate::text::{in_name_context, is_alphanumeric, is_cjk};
use crate::words::CharSet;
use rustc_hash::FxHashSet;
use std::ops::Deref;

/// A sentence's characters, each with its byte offset: the recognizer
/// works in character offsets, and a span of them borrows from the text.
pub struct SentenceChars<'a> {
    text: &'a str,
    chars: Vec<char>,
    /// Byte offset of each character, then of the end.
    bytes: Vec<usize>,
}

impl<'a> SentenceChars<'a> {
    pub fn new(text: &'a str) -> SentenceChars<'a> {
        // Counted first: a sentence with Latin letters or digits has more
        // characters than a third of its bytes, and growing both vectors
        // costs more than one counting pass.
        let n = text.chars().count();
        let mut chars = Vec::with_capacity(n);
        let mut bytes = Vec::with_capacity(n + 1);
        for (i, c) in text.char_indices() {
            chars.push(c);
            bytes.push(i);
        }
        bytes.push(text.len());
        SentenceChars { text, chars, bytes }
    }

    /// The whole sentence.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Characters `[start, end)` of the sentence.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        &self.text[self.bytes[start]..self.bytes[end]]
    }

    /// The sentence from character `start` on.
    pub fn rest(&self, start: usize) -> &'a str {
        &self.text[self.bytes[start]..]
    }

    /// The longest lexicon word at character `pos` (as
    /// [`Lexicon::longest`], read on the text itself). Asked at most
    /// tokens: the character at `pos`, already decoded, is tested first.
    #[inline(always)]
    fn longest(&self, lexicon: &Lexicon, pos: usize) -> Option<(usize, LexKind)> {
        if !self
            .chars
            .get(pos)
            .is_some_and(|&c| lexicon.may_open_longest(c))
        {
            return None;
        }
        lexicon.longest_walk(self.rest(pos))
    }
}

impl Deref for SentenceChars<'_> {
    type Target = [char];

    fn deref(&self) -> &[char] {
        &self.chars
    }
}

/// Person names a document has confirmed (two to four characters), found
/// again wherever a token starts.
#[derive(Debug, Default)]
pub struct KnownNames<'a> {
    names: FxHashSet<&'a str>,
    /// First characters of the names: most positions start none.
    first: CharSet,
}

impl<'a> KnownNames<'a> {
    pub fn insert(&mut self, name: &'a str) {
        if let Some(c) = name.chars().next() {
            self.first.insert(c);
        }
        self.names.insert(name);
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The length of the longest known name starting at character `pos`.
    /// (Asked at every token: the test of the first character is inlined,
    /// most positions stop there.)
    #[inline]
    pub fn len_at(&self, chars: &SentenceChars, pos: usize) -> Option<usize> {
        if !chars.get(pos).is_some_and(|c| self.first.contains(c)) {
            return None;
        }
        self.len_of_name_at(chars, pos)
    }

    #[inline(never)]
    fn len_of_name_at(&self, chars: &SentenceChars, pos: usize) -> Option<usize> {
        (2..=4)
            .rev()
            .filter(|len| pos + len <= chars.len())
            .find(|&len| self.names.contains(chars.slice(pos, pos + len)))
    }

    /// Whether the sentence contains a known name anywhere: a set probe per
    /// character and length, so the cost does not grow with the number of
    /// names a long document confirms.
    pub fn mentioned_in(&self, chars: &SentenceChars) -> bool {
        !self.is_empty() && (0..chars.len()).any(|pos| self.len_at(chars, pos).is_some())
    }
}

/// An organization mention with its place chain kept apart, so a later body
/// in a post chain can inherit it (温州市龙湾区政协…、区总工会).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgMention {
    /// The name as written (杭州市总工会, 市委, 区总工会).
    pub text: String,
    /// Leading places as written (`["温州市", "龙湾区"]`).
    pub places: Vec<String>,
    /// For a name with no place that starts with a bare level (市委, 州总工会),
    /// that level: it is resolved against the document's places.
    pub relative: Option<char>,
    /// The anchor was a named body rather than a place (浙江师范大学党委).
    pub named: bool,
}

impl OrgMention {
    /// A suffix alone (工会, 党委): a generic body, not a named one.
    pub fn is_bare(&self) -> bool {
        self.places.is_empty() && self.relative.is_none() && !self.named
    }

    /// The name with its places removed (总工会 for 杭州市总工会).
    pub fn body(&self) -> &str {
        let skip: usize = self.places.iter().map(|p| p.len()).sum();
        &self.text[skip.min(self.text.len())..]
    }
}

/// What a unit is. Its words borrow from the sentence (a place's canonical
/// name may come from the gazetteer); an organization owns its name, which
/// resolution may rewrite.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitKind<'a> {
    Person(&'a str),
    /// Boxed: a unit is moved through every stage of the chunker, and a
    /// body's mention is three times the size of any other kind.
    Org(Box<OrgMention>),
    Post {
        text: &'a str,
        kind: PostKind,
    },
    /// A named event as written.
    Event(&'a str),
    /// 会议, 会上, 这次会议, or a bare event head: the event talked about.
    Coref(&'a str),
    Trigger(TriggerKind, &'a str),
    /// A place, canonical (杭 → 杭州).
    Place(&'a str),
    Punct(char),
    Word {
        text: &'a str,
        tag: Tag,
    },
}

/// A unit with character offsets `[start, end)` in its sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit<'a> {
    pub kind: UnitKind<'a>,
    pub start: usize,
    pub end: usize,
}

impl<'a> Unit<'a> {
    /// The unit as it stands in the sentence.
    pub fn text(&self, sentence: &SentenceChars<'a>) -> &'a str {
        sentence.slice(self.start, self.end)
    }
    pub fn is_punct(&self, c: char) -> bool {
        matches!(self.kind, UnitKind::Punct(p) if p == c)
    }
    pub fn word(&self) -> Option<&'a str> {
        match self.kind {
            UnitKind::Word { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// What may follow a personal name directly.
const NAME_FOLLOWERS: [&str; 61] = [
    "应邀", "一同", "一起", "共同", "亲自", "专程", "出面", "报道", "摄", "说", "表示", "认为",
    "指出", "强调", "出席", "参加", "主持", "在", "等", "同志", "代表", "作", "做", "宣读", "宣布",
    "致辞", "讲话", "发言", "和", "与", "及", "以及", "对", "向", "到", "也", "还", "则", "一行",
    "分别", "介绍", "报道", "摄", "就", "为", "是", "要求", "看望", "会见", "率", "带领", "陪同",
    "先后", "主任", "书记", "的", "告诉", "谈到", "坦言", "透露", "提出",
];
/// Words that point back to an event already named (此次大赛).
pub const DEMONSTRATIVES: [&str; 4] = ["这次", "此次", "本次", "该"];
/// Verbs of holding an event, after which `在X` names its venue.
pub const HOLD_VERBS: [&str; 9] = [
    "举行",
    "召开",
    "开幕",
    "闭幕",
    "开班",
    "开营",
    "隆重举行",
    "举办",
    "启动",
];
/// Words that never start or sit inside an organization's name.
const ORG_STOP: [&str; 20] = [
    "各级", "全省", "全市", "全县", "全区", "全国", "我省", "我市", "我县", "我区", "本市", "基层",
    "各", "该", "有关", "相关", "各地", "其他", "所属", "下属",
];

/// The recognizer: built once from the lexicons and shared across threads,
/// it reads a sentence's tokens and gives both the units the relation
/// rules read and every named mention (persons, places, organizations:
/// what `eval --ner` scores and what becomes the graph's entities).
pub struct Recognizer {
    lexicon: Lexicon,
    mentions: MentionRules,
}

/// What the recognizer reads in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognized<'s> {
    pub units: Vec<Unit<'s>>,
    /// Character offsets in the sentence; no two overlap.
    pub mentions: Vec<NerSpan>,
    /// What the units were read from, kept for [`Recognizer::reread`].
    reading: Reading,
    /// The persons the unit rules read from jieba's names (character
    /// spans, in order), when the sentence was read knowing no names:
    /// a known name read again at one of them changes nothing.
    /// `None` when it was read knowing names.
    jieba_people: Option<Vec<[usize; 2]>>,
}

impl Recognized<'_> {
    /// Whether reading the sentence again knowing `known` can give other
    /// units ([`Recognizer::reread`]): only where a known name starts at a
    /// token, unless the first reading read that same person there from
    /// jieba's name (the unit rules then take the same units and go on
    /// from the same token). A sentence read knowing names is always read
    /// again.
    pub fn changed_by(&self, chars: &SentenceChars, tokens: &[Token], known: &KnownNames) -> bool {
        let Some(people) = &self.jieba_people else {
            return true;
        };
        !known.is_empty()
            && tokens.iter().any(|t| {
                known
                    .len_at(chars, t.start)
                    .is_some_and(|len| !people.contains(&[t.start, t.start + len]))
            })
    }
}

/// The recognizer's decisions on single tokens that the unit rules read.
#[derive(Debug, Clone, PartialEq)]
struct Reading {
    /// For each token, the end of the person mention that starts with it.
    people: Vec<Option<usize>>,
    /// For each token, the recognizer's first guess (gazetteers, jieba's
    /// tag, the lists of words that are none).
    labels: Vec<Option<EntityType>>,
}

impl Recognizer {
    pub fn new(lexicon: Lexicon) -> Recognizer {
        let mentions = MentionRules::new(&lexicon);
        Recognizer { lexicon, mentions }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Reads one sentence (its characters and tokens), knowing the person
    /// names the document has confirmed so far.
    pub fn sentence<'s>(
        &'s self,
        chars: &SentenceChars<'s>,
        tokens: &[Token<'s>],
        segmenter: &Segmenter,
        known: &KnownNames,
    ) -> Recognized<'s> {
        let (decided, mentions) = self.mentions_of_tokens(tokens, segmenter);
        let reading = Reading {
            people: people_at_tokens(tokens, &mentions),
            labels: decided.labels,
        };
        let mut people = Vec::new();
        let units = self
            .chunker(known, &reading)
            .chunk(chars, tokens, &mut people);
        Recognized {
            units: bodies_of_posts(chars, units, &mentions),
            mentions,
            reading,
            jieba_people: known.is_empty().then_some(people),
        }
    }

    /// The decisions on single tokens and the mentions they lead to.
    fn mentions_of_tokens(
        &self,
        tokens: &[Token],
        segmenter: &Segmenter,
    ) -> (TokenDecisions, Vec<NerSpan>) {
        let decided = self.mentions.decide(tokens, segmenter);
        let spans = self
            .mentions
            .spans_of_tokens(tokens, &decided, segmenter, &self.lexicon);
        (decided, spans)
    }

    fn chunker<'k>(&self, known: &'k KnownNames, reading: &'k Reading) -> Chunker<'_, 'k> {
        Chunker {
            lexicon: &self.lexicon,
            known_names: known,
            people: &reading.people,
            labels: &reading.labels,
        }
    }

    /// The units of a sentence [`Recognizer::sentence`] has read, read
    /// again knowing more of the document's names (the mentions and the
    /// decisions on tokens stay).
    pub fn reread<'s>(
        &'s self,
        chars: &SentenceChars<'s>,
        tokens: &[Token<'s>],
        read: &Recognized<'s>,
        known: &KnownNames,
    ) -> Vec<Unit<'s>> {
        let units = self
            .chunker(known, &read.reading)
            .chunk(chars, tokens, &mut Vec::new());
        bodies_of_posts(chars, units, &read.mentions)
    }

    /// The mentions of a text of any genre (character offsets), read
    /// sentence by sentence as extraction reads a document.
    pub fn mentions(&self, text: &str, segmenter: &Segmenter) -> Vec<NerSpan> {
        let index = ingest::CharIndex::new(text);
        let mut out = Vec::new();
        for s in ingest::sentences(text) {
            let tokens = segmenter.tag(s.text, &self.lexicon);
            let base = index.char_offset(s.start);
            out.extend(
                self.mentions_of_tokens(&tokens, segmenter)
                    .1
                    .into_iter()
                    .map(|m| NerSpan {
                        start: base + m.start,
                        end: base + m.end,
                        kind: m.kind,
                    }),
            );
        }
        out
    }
}

/// A body the mention rules read right before a post (中建七局 + 党委常委,
/// 商务部 + 部长助理) that the unit rules left as plain words and places
/// becomes the post's body: one reading of a body in a post chain.
fn bodies_of_posts<'s>(
    chars: &SentenceChars<'s>,
    mut units: Vec<Unit<'s>>,
    mentions: &[NerSpan],
) -> Vec<Unit<'s>> {
    for m in mentions
        .iter()
        .filter(|m| m.kind == EntityType::Organization)
    {
        let Some(first) = units.iter().position(|u| u.start == m.start) else {
            continue;
        };
        let Some(last) = units[first..].iter().position(|u| u.end == m.end) else {
            continue;
        };
        let last = first + last;
        // Words and places, or a body the words extend (省委组织部 + 干部
        // 培训中心, 省委 + 巡视 + 办).
        let covered = &units[first..=last];
        let plain = covered.iter().all(|u| {
            matches!(
                u.kind,
                UnitKind::Word { .. } | UnitKind::Place(_) | UnitKind::Org(_)
            )
        }) && covered
            .iter()
            .any(|u| matches!(u.kind, UnitKind::Word { .. }));
        let before_post = matches!(
            units.get(last + 1).map(|u| &u.kind),
            Some(UnitKind::Post { .. })
        );
        if !plain || !before_post {
            continue;
        }
        let text = chars.slice(m.start, m.end).to_owned();
        let mention = match &units[first].kind {
            // The body it extends gives its place or level.
            UnitKind::Org(o) => OrgMention {
                text,
                places: o.places.clone(),
                relative: o.relative,
                named: o.named,
            },
            _ => {
                let places: Vec<String> = covered
                    .iter()
                    .map_while(|u| match u.kind {
                        UnitKind::Place(_) => Some(u.text(chars).to_owned()),
                        _ => None,
                    })
                    .collect();
                OrgMention {
                    text,
                    named: places.is_empty(),
                    places,
                    relative: None,
                }
            }
        };
        let org = Unit {
            kind: UnitKind::Org(Box::new(mention)),
            start: m.start,
            end: m.end,
        };
        units.splice(first..=last, [org]);
    }
    units
}

/// For each token, the end of the person mention that starts with it.
fn people_at_tokens(tokens: &[Token], mentions: &[NerSpan]) -> Vec<Option<usize>> {
    let mut people = vec![None; tokens.len()];
    let mut m = mentions
        .iter()
        .filter(|m| m.kind == EntityType::Person)
        .peekable();
    for (i, t) in tokens.iter().enumerate() {
        while m.next_if(|m| m.start < t.start).is_some() {}
        if let Some(p) = m.next_if(|m| m.start == t.start) {
            people[i] = Some(p.end);
        }
    }
    people
}

/// The unit rules' view of one sentence.
struct Chunker<'a, 'k> {
    lexicon: &'a Lexicon,
    /// Person names the document has confirmed; matched anywhere a token
    /// starts.
    known_names: &'k KnownNames<'k>,
    /// For each token, the end of the person the recognizer's mentions
    /// read from it.
    people: &'k [Option<usize>],
    /// The recognizer's first guess for each token (gazetteers, jieba's
    /// tag, the lists of words that are none).
    labels: &'k [Option<EntityType>],
}

impl<'a> Chunker<'a, '_> {
    /// Chunks one sentence (its characters and jieba tokens) into units.
    /// `jieba_people` gets the spans of the persons read from jieba's names.
    fn chunk<'s>(
        &self,
        chars: &SentenceChars<'s>,
        tokens: &[Token<'s>],
        jieba_people: &mut Vec<[usize; 2]>,
    ) -> Vec<Unit<'s>>
    where
        'a: 's,
    {
        let basic = self.basic_units(chars, tokens, jieba_people);
        let with_names = self.names_after_posts(chars, tokens, basic);
        let with_heads = abbreviated_heads(chars, with_names);
        let listed = self.names_in_lists(chars, with_heads);
        let orgs = self.group_orgs(chars, listed);
        let sessions = session_events(chars, orgs);
        self.group_events(chars, sessions)
    }

    /// Lexicon words, places, jieba names, punctuation and other words.
    /// `jieba_people` gets the spans of the persons read from jieba's names.
    fn basic_units<'s>(
        &self,
        chars: &SentenceChars<'s>,
        tokens: &[Token<'s>],
        jieba_people: &mut Vec<[usize; 2]>,
    ) -> Vec<Unit<'s>>
    where
        'a: 's,
    {
        let lex = self.lexicon;
        let mut ends = vec![false; chars.len() + 1];
        for t in tokens {
            if let Some(e) = ends.get_mut(t.end) {
                *e = true;
            }
        }
        let mut units: Vec<Unit> = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            let unit = |kind, end| Unit {
                kind,
                start: t.start,
                end,
            };
            // A name the document knows, starting at this token.
            if let Some(len) = self.known_names.len_at(chars, t.start) {
                let end = t.start + len;
                units.push(unit(UnitKind::Person(chars.slice(t.start, end)), end));
                i = skip_to(tokens, i, end);
                // The rest of a token the name ends inside (罗某作 → 作) is a
                // word of its own.
                if let Some(cut) = i.checked_sub(1).map(|k| &tokens[k]).filter(|n| n.end > end) {
                    units.push(Unit {
                        kind: UnitKind::Word {
                            text: chars.slice(end, cut.end),
                            tag: Tag::X,
                        },
                        start: end,
                        end: cut.end,
                    });
                }
                continue;
            }
            let first = chars[t.start];
            if t.end - t.start == 1 && !is_cjk(first) && !is_alphanumeric(first) {
                if !first.is_whitespace() {
                    units.push(unit(UnitKind::Punct(first), t.end));
                }
                i += 1;
                continue;
            }
            if let Some((len, kind)) = chars.longest(lex, t.start) {
                if ends[t.start + len] {
                    let text = chars.slice(t.start, t.start + len);
                    let kind = match kind {
                        LexKind::Post(k) => UnitKind::Post { text, kind: k },
                        LexKind::OrgSuffix => UnitKind::Org(Box::new(OrgMention {
                            relative: relative_level(text),
                            named: lex.standalone_orgs.contains(text),
                            text: text.to_owned(),
                            places: Vec::new(),
                        })),
                        LexKind::EventHead => UnitKind::Coref(text),
                        LexKind::Trigger(k) => UnitKind::Trigger(k, text),
                        LexKind::Coreference => UnitKind::Coref(text),
                    };
                    units.push(unit(kind, t.start + len));
                    i = skip_to(tokens, i, t.start + len);
                    continue;
                }
            }
            if let Some(place) = self.place_at(chars, tokens, i) {
                let (name, next) = place;
                let end = tokens[next - 1].end;
                units.push(unit(UnitKind::Place(name), end));
                i = next;
                continue;
            }
            // A bare level before a word jieba reads as a name that ends in
            // a body's suffix (县 + 文明办): a body, not a person.
            let after_level = i > 0 && {
                let mut c = tokens[i - 1].text.chars();
                matches!((c.next(), c.next()), (Some(l), None) if LEVELS.contains(&l))
            };
            if t.tag.is_name()
                && after_level
                && t.text.chars().count() >= 2
                && (1..=2).any(|k| {
                    let n = t.text.chars().count();
                    k < n && {
                        let at = t.text.char_indices().nth(n - k).map_or(0, |(b, _)| b);
                        lex.org_suffixes.contains(&t.text[at..])
                    }
                })
            {
                units.push(unit(
                    UnitKind::Org(Box::new(OrgMention {
                        relative: None,
                        named: false,
                        text: t.text.to_owned(),
                        places: Vec::new(),
                    })),
                    t.end,
                ));
                i += 1;
                continue;
            }
            // A word jieba tags as a name opens a person when the
            // recognizer's mentions read a person from it (one decision for
            // both outputs: 邓小平理论 → 邓小平, 王晨都 → 王晨), the person
            // has a Chinese name's shape and stands where names stand.
            let person_end = self.people[i].filter(|&end| {
                t.tag.is_name()
                    && lex.is_name_shape(chars.slice(t.start, end))
                    && self.name_in_context(tokens, i)
            });
            if let Some(end) = person_end {
                // A name does not swallow the first character of the verb
                // or post after it (林武到|会祝贺: 林武, then 到会祝贺).
                let at = end - 1;
                let cut = end - t.start >= 3
                    && lex.is_name_shape(chars.slice(t.start, at))
                    && chars.longest(lex, at).is_some_and(|(len, k)| {
                        len >= 2 && matches!(k, LexKind::Trigger(_) | LexKind::Post(_))
                    });
                let end = if cut { at } else { end };
                // As a known name of this span would be read (above).
                jieba_people.push([t.start, end]);
                units.push(unit(UnitKind::Person(chars.slice(t.start, end)), end));
                // The rest of the token the name ends in is a word.
                let next = skip_to(tokens, i, end);
                let rest_end = tokens[next - 1].end;
                if rest_end > end {
                    units.push(Unit {
                        kind: UnitKind::Word {
                            text: chars.slice(end, rest_end),
                            tag: Tag::X,
                        },
                        start: end,
                        end: rest_end,
                    });
                }
                i = next;
                continue;
            }
            // A word that ends in a verb of speech or presence (重要|讲话,
            // 书面|致辞): its modifier, then the verb.
            // (Only words of four characters or more are read so: the
            // probes are made for those alone.)
            let verb_at = (t.end - t.start >= 4)
                .then(|| {
                    (t.start + 1..t.end.saturating_sub(1)).find(|&at| {
                        chars.longest(lex, at).is_some_and(|(len, k)| {
                            at + len == t.end && matches!(k, LexKind::Trigger(_))
                        })
                    })
                })
                .flatten();
            if let Some(at) = verb_at {
                if let Some((_, LexKind::Trigger(k))) = chars.longest(lex, at) {
                    units.push(unit(
                        UnitKind::Word {
                            text: chars.slice(t.start, at),
                            tag: t.tag,
                        },
                        at,
                    ));
                    units.push(Unit {
                        kind: UnitKind::Trigger(k, chars.slice(at, t.end)),
                        start: at,
                        end: t.end,
                    });
                    i += 1;
                    continue;
                }
            }
            units.push(unit(
                UnitKind::Word {
                    text: t.text,
                    tag: t.tag,
                },
                t.end,
            ));
            i += 1;
        }
        units
    }

    /// Whether jieba's name at token `i` stands where names stand: before a
    /// word that follows names (说, 出席, 等, 同志), a post or a trigger, or
    /// in a 、-list beside another name. jieba alone tags too many words as
    /// names (安康, 楼宇, 高扬); a name it finds without such context counts
    /// only if the document confirms it elsewhere.
    fn name_in_context(&self, tokens: &[Token], i: usize) -> bool {
        let lex = self.lexicon;
        let word = |k: usize| tokens.get(k).map(|t| t.text);
        let namelike = |k: usize| {
            tokens
                .get(k)
                .is_some_and(|t| t.tag.is_name() && lex.is_name_shape(t.text))
        };
        let follows = |w: &str| {
            NAME_FOLLOWERS.contains(&w)
                || matches!(lex.kind_of(w), Some(LexKind::Post(_) | LexKind::Trigger(_)))
        };
        in_name_context(
            word,
            i,
            |w| lex.posts.contains_key(w),
            follows,
            |k| k.is_some_and(namelike),
        )
    }

    /// A place starting at token `i`: a gazetteer word or a jieba `ns`,
    /// with a following bare level (临夏 州) joined to it. Returns the
    /// canonical name and the index of the next token.
    fn place_at<'s>(
        &self,
        chars: &SentenceChars<'s>,
        tokens: &[Token<'s>],
        i: usize,
    ) -> Option<(&'s str, usize)>
    where
        'a: 's,
    {
        let t = &tokens[i];
        let known = self.lexicon.place(t.text);
        // A one-character form (杭, 京, 并) is a place only in 在X举行/召开:
        // elsewhere it is an ordinary word (出席并讲话).
        if known.is_some() && t.text.chars().count() == 1 {
            let after_at = i > 0 && tokens[i - 1].text == "在";
            let before_hold = tokens
                .get(i + 1)
                .is_some_and(|n| HOLD_VERBS.contains(&n.text));
            if !(after_at && before_hold) {
                return None;
            }
        }
        // jieba's place is a place when the recognizer's label for the
        // token (the one its mentions take: gazetteers first, then the words
        // that name no place) says so, or when a level follows it (平原 +
        // 县委: the county of that name).
        let is_place = known.is_some()
            || t.tag == Tag::Ns
                && t.text.chars().count() >= 2
                && t.text.chars().all(is_cjk)
                && (self.labels[i] == Some(EntityType::Place)
                    || tokens
                        .get(i + 1)
                        .is_some_and(|n| n.text.starts_with(LEVELS)));
        if !is_place {
            return None;
        }
        if let Some(next) = tokens.get(i + 1) {
            let mut c = next.text.chars();
            if let (Some(l), None) = (c.next(), c.next()) {
                if LEVELS.contains(&l) && known.is_none() {
                    return Some((chars.slice(t.start, next.end), i + 2));
                }
            }
        }
        let name = match known {
            // One-character forms stand for the full name (杭 → 杭州).
            Some(info) if t.text.chars().count() == 1 => info.name.as_str(),
            _ => t.text,
        };
        Some((name, i + 1))
    }

    /// After a post (or a chain of posts), the next two or three characters
    /// form a name when they have a name's shape and a name's boundary.
    fn names_after_posts<'s>(
        &self,
        chars: &SentenceChars<'s>,
        tokens: &[Token<'s>],
        mut units: Vec<Unit<'s>>,
    ) -> Vec<Unit<'s>> {
        // The units before the first post pass unchanged: a sentence with
        // no post keeps its vector, and one with a post keeps that prefix
        // in place (no unit is moved twice).
        let Some(first) = units
            .iter()
            .position(|u| matches!(u.kind, UnitKind::Post { .. }))
        else {
            return units;
        };
        // Whether a token starts at each character offset (or it is the end).
        let mut starts = vec![false; chars.len() + 1];
        for t in tokens {
            starts[t.start] = true;
        }
        starts[chars.len()] = true;
        let tail = units.split_off(first);
        let mut out = units;
        out.reserve(tail.len());
        let mut rest = tail.into_iter().peekable();
        while let Some(u) = rest.next() {
            let (is_post, post_end) = (matches!(u.kind, UnitKind::Post { .. }), u.end);
            out.push(u);
            if !is_post {
                continue;
            }
            let Some(next) = rest.peek() else { break };
            let found = self.name_len_at(chars, post_end, &starts);
            // jieba's two-character name right after a post gives way to a
            // three-character one that ends on a boundary (副州长王方太致辞).
            let longer = matches!(next.kind, UnitKind::Person(n) if n.chars().count() == 2)
                && next.start == post_end
                && found == Some(3);
            if !longer
                && matches!(
                    next.kind,
                    UnitKind::Person(_)
                        | UnitKind::Post { .. }
                        | UnitKind::Punct(_)
                        | UnitKind::Org(_)
                )
            {
                continue;
            }
            if let Some(len) = found {
                let end = post_end + len;
                out.push(Unit {
                    kind: UnitKind::Person(chars.slice(post_end, end)),
                    start: post_end,
                    end,
                });
                // Drop the units the name covers; split one it cuts into.
                while rest.next_if(|u| u.end <= end).is_some() {}
                if let Some(cut) = rest.next_if(|u| u.start < end) {
                    out.push(Unit {
                        kind: UnitKind::Word {
                            text: chars.slice(end, cut.end),
                            tag: Tag::X,
                        },
                        start: end,
                        end: cut.end,
                    });
                }
            }
        }
        out
    }

    /// Length of a name starting at `pos`: a surname, one or two given
    /// characters, then a boundary (punctuation, the end, or a word that
    /// follows names such as 说, 出席, 主持).
    /// `starts` tells for each character offset whether a token starts
    /// there.
    pub fn name_len_at(&self, chars: &SentenceChars, pos: usize, starts: &[bool]) -> Option<usize> {
        let starts_at = |p: usize| starts.get(p).copied().unwrap_or(false);
        let followed = |end: usize| {
            end >= chars.len()
                || !is_cjk(chars[end])
                || NAME_FOLLOWERS.iter().any(|f| starts_with(chars, end, f))
                || chars
                    .longest(self.lexicon, end)
                    .is_some_and(|(_, k)| matches!(k, LexKind::Post(_) | LexKind::Trigger(_)))
        };
        let candidate = |len: usize| {
            let end = pos + len;
            end <= chars.len() && self.lexicon.is_name_shape(chars.slice(pos, end)) && followed(end)
        };
        // Two characters when what follows is a boundary word (王道说), else
        // three (王卓良说), else two at a token boundary.
        if candidate(2) && pos + 2 < chars.len() && !is_cjk(chars[pos + 2]) {
            return Some(2);
        }
        if candidate(2)
            && NAME_FOLLOWERS
                .iter()
                .any(|f| starts_with(chars, pos + 2, f))
        {
            return Some(2);
        }
        if candidate(3) && (starts_at(pos + 3) || !is_cjk(*chars.get(pos + 3).unwrap_or(&'。'))) {
            return Some(3);
        }
        if candidate(2) && starts_at(pos + 2) {
            return Some(2);
        }
        if candidate(4) && starts_at(pos + 4) {
            return Some(4);
        }
        // A four-character name of the minorities' naming (巴音朝鲁, 达瓦次仁)
        // closed by punctuation: it opens with a surname character and holds
        // no lexicon word and no function character.
        let end = pos + 4;
        let closed = chars
            .get(end)
            .is_some_and(|c| matches!(c, '、' | '，' | ',' | '；' | ';' | '。'));
        if closed
            && chars[pos..end].iter().all(|c| is_cjk(*c))
            && self.lexicon.surnames.contains(&chars[pos].to_string())
            && !chars[pos..end]
                .iter()
                .any(|c| "的了和与及在是等为".contains(*c))
            && (pos..end).all(|p| chars.longest(self.lexicon, p).is_none())
            && !self.lexicon.not_names.contains(chars.slice(pos, end))
        {
            return Some(4);
        }
        None
    }

    /// In a 、-list, an item of a name's shape next to a person is a person
    /// (李强、乔传秀、王新海); a two-character name jieba cut from a list
    /// item of three (温文|强) is the whole item.
    fn names_in_lists<'s>(
        &self,
        chars: &SentenceChars<'s>,
        mut units: Vec<Unit<'s>>,
    ) -> Vec<Unit<'s>> {
        // Both readings below need a 、 next to the item: a sentence
        // without one keeps its units.
        if !chars.contains(&'、') {
            return units;
        }
        let item_edge = |u: Option<&Unit>| {
            u.is_none_or(|u| {
                matches!(
                    u.kind,
                    UnitKind::Punct('、' | ',' | ';')
                        | UnitKind::Trigger(..)
                        | UnitKind::Post { .. }
                )
            })
        };
        let mut i = 0;
        while i + 1 < units.len() {
            let whole = match (&units[i].kind, &units[i + 1].kind) {
                (UnitKind::Person(n), UnitKind::Word { text, .. })
                    if n.chars().count() == 2
                        && text.chars().count() == 1
                        && units[i + 1].start == units[i].end
                        && text.chars().all(is_cjk) =>
                {
                    let name = chars.slice(units[i].start, units[i + 1].end);
                    let listed = units[i + 2..].first().is_some_and(|u| u.is_punct('、'))
                        || i > 0 && units[i - 1].is_punct('、');
                    (listed
                        && item_edge(i.checked_sub(1).map(|k| &units[k]))
                        && item_edge(units.get(i + 2))
                        && self.lexicon.is_name_shape(name))
                    .then_some(name)
                }
                _ => None,
            };
            if let Some(name) = whole {
                let (start, end) = (units[i].start, units[i + 1].end);
                units.splice(
                    i..i + 2,
                    [Unit {
                        kind: UnitKind::Person(name),
                        start,
                        end,
                    }],
                );
            }
            i += 1;
        }
        loop {
            let mut changed = false;
            for i in 0..units.len() {
                if matches!(units[i].kind, UnitKind::Person(_)) {
                    continue;
                }
                // The item: units i..j between list separators.
                let left_sep = i > 0 && units[i - 1].is_punct('、');
                let mut j = i;
                while j < units.len() && !matches!(units[j].kind, UnitKind::Punct(_)) {
                    j += 1;
                }
                if j == i {
                    continue;
                }
                let right_sep = j < units.len() && units[j].is_punct('、');
                // A name (at most 3 characters) and a suffix (at most 2),
                // between list separators: anything else is no list name.
                if !(left_sep || right_sep) || units[j - 1].end - units[i].start > 5 {
                    continue;
                }
                let text = chars.slice(units[i].start, units[j - 1].end);
                // The item may end in 等 (张三、李四等).
                // The item may end in 等 or 报道 (张三、李四等; 张三、李四报道).
                let name = ["等", "报道", "摄"]
                    .iter()
                    .find_map(|w| text.strip_suffix(w))
                    .unwrap_or(text);
                let name_len = name.chars().count();
                if !self.lexicon.is_name_shape(name) || name_len > 3 {
                    continue;
                }
                let person_left =
                    left_sep && i >= 2 && matches!(units[i - 2].kind, UnitKind::Person(_));
                let person_right = right_sep
                    && matches!(units.get(j + 1).map(|u| &u.kind), Some(UnitKind::Person(_)));
                if !(person_left || person_right) {
                    continue;
                }
                let start = units[i].start;
                let mut replacement = vec![Unit {
                    kind: UnitKind::Person(name),
                    start,
                    end: start + name_len,
                }];
                if name_len < text.chars().count() {
                    replacement.push(Unit {
                        kind: UnitKind::Word {
                            text: &text[name.len()..],
                            tag: Tag::U,
                        },
                        start: start + name_len,
                        end: units[j - 1].end,
                    });
                }
                units.splice(i..j, replacement);
                changed = true;
                break;
            }
            if !changed {
                return units;
            }
        }
    }

    /// Groups organization names: anchor, then words and suffixes, ending in
    /// a suffix.
    fn group_orgs<'s>(&self, chars: &SentenceChars<'s>, units: Vec<Unit<'s>>) -> Vec<Unit<'s>> {
        // The units before the first anchor pass unchanged (the test below
        // looks only forward): a sentence with none keeps its vector, one
        // with an anchor keeps that prefix in place.
        let Some(first) = (0..units.len()).find(|&i| self.is_org_anchor(&units, i)) else {
            return units;
        };
        let (mut out, mut units) = {
            let mut head = units;
            let tail = head.split_off(first);
            head.reserve(tail.len());
            (head, tail)
        };
        // A unit passed on unchanged is moved out, not cloned (a body's
        // name and places are strings): nothing below looks back at a
        // unit before `i`.
        let take = |units: &mut [Unit<'s>], i: usize| {
            std::mem::replace(
                &mut units[i],
                Unit {
                    kind: UnitKind::Punct(' '),
                    start: 0,
                    end: 0,
                },
            )
        };
        let mut i = 0;
        while i < units.len() {
            if !self.is_org_anchor(&units, i) {
                out.push(take(&mut units, i));
                i += 1;
                continue;
            }
            // Extend over places, name words and suffixes; remember the last
            // suffix.
            let mut last_suffix = None;
            let mut j = i;
            while j < units.len() {
                let u = &units[j];
                let ok = match &u.kind {
                    UnitKind::Org(_) => {
                        last_suffix = Some(j);
                        true
                    }
                    UnitKind::Place(_) => true,
                    // The anchor itself (浙江师范大学, 义乌) is taken as is.
                    UnitKind::Word { .. } if j == i => true,
                    UnitKind::Word { text, tag } => {
                        !ORG_STOP.contains(text)
                            && text.chars().count() <= 4
                            && text.chars().all(is_cjk)
                            && matches!(
                                tag,
                                Tag::N
                                    | Tag::Nz
                                    | Tag::Nt
                                    | Tag::Vn
                                    | Tag::J
                                    | Tag::Ns
                                    | Tag::Nrt
                                    | Tag::X
                                    | Tag::Ng
                            )
                    }
                    _ => false,
                };
                if !ok {
                    break;
                }
                j += 1;
            }
            let Some(last) = last_suffix else {
                out.push(take(&mut units, i));
                i += 1;
                continue;
            };
            // Leading places (with a bare level joined) form the place chain.
            let mut places = Vec::new();
            for u in &units[i..=last] {
                match &u.kind {
                    UnitKind::Place(_) => places.push(u.text(chars).to_owned()),
                    UnitKind::Word { text, .. }
                        if text.chars().count() == 1
                            && text.chars().all(|c| LEVELS.contains(&c))
                            && !places.is_empty() =>
                    {
                        if let Some(p) = places.last_mut() {
                            p.push_str(text);
                        }
                    }
                    _ => break,
                }
            }
            let text = chars.slice(units[i].start, units[last].end).to_owned();
            let relative = if places.is_empty() {
                relative_level(&text)
            } else {
                None
            };
            // Named by its anchor (浙江师范大学党委), not by a bare level
            // (区总工会, which takes its place from the document or chain).
            let anchored_by_name = match &units[i].kind {
                UnitKind::Org(_) => false,
                UnitKind::Word { text, .. } => relative.is_none() || text.chars().count() > 1,
                _ => true,
            };
            let mut named = places.is_empty() && anchored_by_name
                || self.lexicon.standalone_orgs.contains(&text);
            let (mut text, mut places, mut start) = (text, places, units[i].start);
            // 团|山东省委: the Youth League committee of a place, one body.
            let league = out.last().is_some_and(|u: &Unit| {
                u.word() == Some("团") && u.end == start && !places.is_empty()
            }) && text.ends_with('委');
            if league {
                if let Some(u) = out.pop() {
                    start = u.start;
                }
                text = format!("团{text}");
                places.clear();
                named = true;
            }
            out.push(Unit {
                kind: UnitKind::Org(Box::new(OrgMention {
                    text,
                    places,
                    relative,
                    named,
                })),
                start,
                end: units[last].end,
            });
            i = last + 1;
        }
        out
    }

    /// Whether unit `i` may start an organization's name.
    fn is_org_anchor(&self, units: &[Unit], i: usize) -> bool {
        match &units[i].kind {
            UnitKind::Place(_) => true,
            UnitKind::Org(o) => {
                o.relative.is_some() || self.lexicon.standalone_orgs.contains(&o.text)
            }
            UnitKind::Word { text, tag } => {
                // (Most words are neither a level nor a body's word: the
                // tests below are made in order, each only when it counts.)
                let mut cs = text.chars();
                let level =
                    matches!((cs.next(), cs.next()), (Some(c), None) if LEVELS.contains(&c));
                let is_org =
                    |k: usize| matches!(units.get(k).map(|u| &u.kind), Some(UnitKind::Org(_)));
                // 县 + 文明办, 县 + 人寿保险 + 公司: a level before a body's
                // name.
                let noun_then_org = || {
                    matches!(
                        units.get(i + 1).map(|u| &u.kind),
                        Some(UnitKind::Word { tag: Tag::N | Tag::Nz | Tag::Vn | Tag::J, text })
                            if text.chars().count() >= 2 && text.chars().all(is_cjk)
                    ) && is_org(i + 2)
                };
                (level && (is_org(i + 1) || noun_then_org()))
                    || *text == "中共"
                    || ((*tag == Tag::Nt || *tag == Tag::Nz)
                        && text.chars().count() >= 2
                        && text.chars().all(is_cjk)
                        // A dateline (3日讯) opens no body's name.
                        && !is_date_word(text))
            }
            _ => false,
        }
    }

    /// Groups event names: a head (from `event_heads.txt`, chunked as a
    /// coreference word) extended left over the words naming it.
    fn group_events<'s>(&self, chars: &SentenceChars<'s>, units: Vec<Unit<'s>>) -> Vec<Unit<'s>> {
        let is_head =
            |u: &Unit| matches!(u.kind, UnitKind::Coref(t) if self.lexicon.event_heads.contains(t));
        // The units before the first head pass unchanged: a sentence with
        // no head keeps its vector, one with a head keeps that prefix in
        // place (the walk back below reads it there).
        let Some(first) = units.iter().position(is_head) else {
            return units;
        };
        let mut out = units;
        let tail = out.split_off(first);
        out.reserve(tail.len());
        for u in tail {
            let is_head = is_head(&u);
            if !is_head {
                out.push(u);
                continue;
            }
            // Walk back over name parts already emitted.
            let mut k = out.len();
            let mut depth = 0i32; // inside (…) or “…” while walking back
            while k > 0 {
                let p = &out[k - 1];
                let ok = match &p.kind {
                    UnitKind::Org(_) | UnitKind::Place(_) | UnitKind::Event(_) => true,
                    // 乡镇党委书记培训班: the post of those the event is for.
                    UnitKind::Post { .. } => {
                        depth > 0
                            || k >= 2
                                && matches!(
                                    out[k - 2].kind,
                                    UnitKind::Org(_) | UnitKind::Place(_) | UnitKind::Word { .. }
                                )
                    }
                    UnitKind::Coref(t) => self.lexicon.event_heads.contains(*t),
                    UnitKind::Punct(c) => match c {
                        ')' | '”' | '」' | '》' => {
                            depth += 1;
                            true
                        }
                        '(' | '“' | '「' | '《' if depth > 0 => {
                            depth -= 1;
                            true
                        }
                        _ => depth > 0,
                    },
                    // Inside quotes or brackets every word belongs to the name.
                    UnitKind::Word { text, tag } => {
                        depth > 0 || self.event_word(text, *tag, &out, k - 1, chars)
                    }
                    UnitKind::Trigger(..) => depth > 0,
                    _ => depth > 0,
                };
                if !ok {
                    break;
                }
                k -= 1;
            }
            // Never start on a connective or an opening mark left unbalanced.
            while k < out.len()
                && (out[k]
                    .word()
                    .is_some_and(|w| w == "与" || w == "和" || w == "暨" || w == "的")
                    || depth > 0 && matches!(out[k].kind, UnitKind::Punct(_)))
            {
                if matches!(out[k].kind, UnitKind::Punct(_)) {
                    depth -= 1;
                }
                k += 1;
            }
            // A parenthetical that opens the name, or that holds a person
            // (a byline: 本报讯(记者A、B)省委…会议), is not part of it: the
            // name starts after the last such group.
            let mut open = None;
            let mut start = k;
            for idx in k..out.len() {
                match out[idx].kind {
                    UnitKind::Punct('(' | '（') => open = Some(idx),
                    UnitKind::Punct(')' | '）') => {
                        if let Some(o) = open.take() {
                            let byline = out[o..idx]
                                .iter()
                                .any(|x| matches!(x.kind, UnitKind::Person(_)));
                            if o == start || byline {
                                start = idx + 1;
                            }
                        }
                    }
                    _ => {}
                }
            }
            k = extended_start(&out, start);
            if k == out.len() {
                out.push(u); // a bare head: a reference, not a name
                continue;
            }
            let start = out[k].start;
            // 此次技能大赛, 这次研讨班: a demonstrative makes it a reference
            // to an event named elsewhere, not a new name.
            let referring = k > 0
                && out[k - 1]
                    .word()
                    .is_some_and(|w| DEMONSTRATIVES.contains(&w));
            // A counted head (举办了2次专题座谈会) names no one event.
            if k > 0
                && out[k - 1].word().is_some_and(|w| COUNT_WORDS.contains(&w))
                && !is_ordinal_before(&out, k - 1)
            {
                out.push(Unit {
                    kind: UnitKind::Word {
                        text: chars.slice(u.start, u.end),
                        tag: Tag::N,
                    },
                    ..u
                });
                continue;
            }
            out.truncate(k);
            let name = chars.slice(start, u.end);
            out.push(Unit {
                kind: if referring {
                    UnitKind::Coref(name)
                } else {
                    UnitKind::Event(name)
                },
                start,
                end: u.end,
            });
        }
        out
    }

    /// Whether a word may be part of an event's name, walking back from its
    /// head.
    fn event_word(
        &self,
        text: &str,
        tag: Tag,
        out: &[Unit],
        idx: usize,
        chars: &SentenceChars,
    ) -> bool {
        let prev_text = |i: usize| out.get(i).map(|u| u.text(chars)).unwrap_or_default();
        match text {
            // 党的群团工作会议: the only 的 inside a name.
            "的" => prev_text(idx.wrapping_sub(1)).ends_with('党'),
            "暨" => true,
            // 9日|讯: the dateline before a headline is no part of it.
            "讯" | "电" if prev_text(idx.wrapping_sub(1)).ends_with('日') => false,
            // 县|十七届人大常委会…: a bare level opens a session's name.
            _ if text.chars().count() == 1 && text.chars().all(|c| LEVELS.contains(&c)) => true,
            // Prepositions jieba may tag as nouns (经|大会选举): never part
            // of a name.
            "经" | "由" | "在" | "据" | "对" | "向" | "为" | "将" | "于" | "从" | "把" | "被" => {
                false
            }
            "与" | "和" => {
                idx > 0
                    && matches!(out[idx - 1].kind, UnitKind::Org(_) | UnitKind::Place(_))
                    && matches!(
                        out.get(idx + 1).map(|u| &u.kind),
                        Some(UnitKind::Org(_) | UnitKind::Place(_))
                    )
            }
            _ => {
                // 全市/全省/全国 open many event names (全市工会工作会议); the
                // other stop words do not.
                if is_date_word(text) || (ORG_STOP.contains(&text) && !text.starts_with('全')) {
                    return false;
                }
                let next_is_date = out
                    .get(idx + 1)
                    .and_then(|u| u.word())
                    .is_some_and(|w| w.starts_with('月') || w.starts_with('日'));
                if tag == Tag::M {
                    return !next_is_date;
                }
                // A count (2次座谈会, 三场报告会) is no part of a name; an
                // ordinal (第二次, 十六届) is.
                if tag == Tag::Q && COUNT_WORDS.contains(&text) {
                    return is_ordinal_before(out, idx);
                }
                matches!(
                    tag,
                    Tag::N
                        | Tag::Nz
                        | Tag::Nt
                        | Tag::Vn
                        | Tag::J
                        | Tag::Ns
                        | Tag::Q
                        | Tag::B
                        | Tag::A
                        | Tag::Eng
                        | Tag::L
                        | Tag::X
                        | Tag::Ng
                        | Tag::An
                        | Tag::Nrt
                ) || (tag == Tag::V
                    && text.chars().count() == 2
                    && matches!(
                        text,
                        "签约" | "揭牌" | "开工" | "启动" | "扩大" | "颁奖" | "表彰"
                    ))
                    // A topic word jieba tags as a verb (巡察, 信访) right
                    // after the scope of the name (全市巡察工作会议,
                    // 县委巡察工作会议), never a verb of holding.
                    || (matches!(tag, Tag::V | Tag::T | Tag::Vd)
                        && text.chars().count() == 2
                        && !HOLD_VERBS.contains(&text)
                        && idx > 0
                        && match &out[idx - 1].kind {
                            UnitKind::Org(_) | UnitKind::Place(_) => true,
                            UnitKind::Word { text, .. } => {
                                text.starts_with('全')
                                    && ORG_STOP.contains(text)
                                    || text.chars().count() == 1
                                        && text.chars().all(|c| LEVELS.contains(&c))
                            }
                            _ => false,
                        })
                    || (tag == Tag::M && !next_is_date)
            }
        }
    }
}

/// 宣传部长, 组织部长: a department's head written with its last character
/// shared (宣传部 + 长). The 长 after such a body becomes the post 部长.
fn abbreviated_heads<'s>(chars: &SentenceChars<'s>, mut units: Vec<Unit<'s>>) -> Vec<Unit<'s>> {
    for i in 1..units.len() {
        let follows_body = matches!(&units[i - 1].kind, UnitKind::Org(o)
            if o.text.ends_with('部') || o.text.ends_with('局') || o.text.ends_with('厅'))
            && units[i - 1].end == units[i].start;
        if follows_body && units[i].word() == Some("长") {
            let (start, end) = (units[i].start, units[i].end);
            units[i].kind = UnitKind::Post {
                text: chars.slice(start - 1, end),
                kind: PostKind::Body,
            };
        }
    }
    units
}

/// The value of the Chinese or Arabic numeral of `chars[pos..]` (十九, 二十一,
/// 19) and its length in characters; `None` when none starts there.
fn numeral_at(chars: &[char], pos: usize) -> Option<(u32, usize)> {
    let digit = |c: char| match c {
        '〇' => Some(0),
        _ => "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32),
    };
    let mut len = 0;
    while chars
        .get(pos + len)
        .is_some_and(|&c| crate::text::is_numeral(c))
    {
        len += 1;
    }
    if len == 0 {
        return None;
    }
    let run = &chars[pos..pos + len];
    if run.iter().all(char::is_ascii_digit) {
        let v: String = run.iter().collect();
        return v.parse().ok().map(|v| (v, len));
    }
    // 十九 = 19, 二十一 = 21, 一百零三 = 103: sums of digit × unit.
    let (mut total, mut pending) = (0u32, None::<u32>);
    for &c in run {
        match c {
            '十' => {
                total += pending.take().unwrap_or(1) * 10;
            }
            '百' => {
                total += pending.take().unwrap_or(1) * 100;
            }
            _ => match digit(c) {
                Some(d) if pending.is_none() => pending = Some(d),
                // Two digits in a row (一九): a year or a code, no ordinal.
                _ => return None,
            },
        }
    }
    Some((total + pending.unwrap_or(0), len))
}

/// Which of the names the genre gives recurring events starts at a
/// character: a congress by its number (十九大), a plenum (十八届五中全会,
/// 九届四次全会), a congress of a level's party (第九次党代会) or the two
/// sessions (全国两会, 全国“两会”, 两会).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SessionName {
    /// `<n>大`, with the number.
    Congress(u32),
    Plenum,
    PartyCongress,
    TwoSessions,
}

/// The session name starting at character `pos` and its end.
/// (Asked at most units: the test of the first character is inlined, most
/// positions stop there.)
#[inline]
fn session_name_at(chars: &[char], pos: usize) -> Option<(SessionName, usize)> {
    // Every name below opens with 全, 两, 第 or a numeral: one test for
    // the words that open none.
    let first = *chars.get(pos)?;
    if !matches!(first, '全' | '两' | '第') && !crate::text::is_numeral(first) {
        return None;
    }
    session_name_read(chars, pos)
}

#[inline(never)]
fn session_name_read(chars: &[char], pos: usize) -> Option<(SessionName, usize)> {
    if starts_with(chars, pos, "全国两会") {
        return Some((SessionName::TwoSessions, pos + 4));
    }
    if starts_with(chars, pos, "全国“两会”") {
        return Some((SessionName::TwoSessions, pos + 6));
    }
    if starts_with(chars, pos, "两会") {
        return Some((SessionName::TwoSessions, pos + 2));
    }
    let ordinal = usize::from(chars.get(pos) == Some(&'第'));
    let (n, len) = numeral_at(chars, pos + ordinal)?;
    let mut at = pos + ordinal + len;
    if chars.get(at) == Some(&'大') && ordinal == 0 {
        return Some((SessionName::Congress(n), at + 1));
    }
    if starts_with(chars, at, "次党代会") {
        return Some((SessionName::PartyCongress, at + 4));
    }
    if chars.get(at) != Some(&'届') {
        return None;
    }
    at += 1;
    at += usize::from(chars.get(at) == Some(&'第'));
    let (_, len) = numeral_at(chars, at)?;
    at += len;
    ["中全会", "次全会"]
        .iter()
        .find(|h| starts_with(chars, at, h))
        .map(|_| (SessionName::Plenum, at + 3))
}

/// Words after which a bare `<n>大` is the congress (学习十九大, 十九大精神),
/// not a count of big things (十二大行动).
const CONGRESS_CONTEXT: [&str; 33] = [
    "精神",
    "报告",
    "代表",
    "以来",
    "召开",
    "胜利召开",
    "开幕",
    "闭幕",
    "部署",
    "期间",
    "前",
    "后",
    "之后",
    "以后",
    "提出",
    "作出",
    "做出",
    "确定",
    "决策",
    "党章",
    "要求",
    "迎接",
    "喜迎",
    "学习",
    "贯彻",
    "落实",
    "宣传",
    "宣讲",
    "传达",
    "领会",
    "献礼",
    "学习贯彻",
    "深入学习贯彻",
];

/// Words after a bare 两会 that make it the sessions.
const TWO_SESSIONS_CONTEXT: [&str; 22] = [
    "精神",
    "期间",
    "代表",
    "委员",
    "召开",
    "胜利召开",
    "开幕",
    "闭幕",
    "结束",
    "前",
    "后",
    "以来",
    "部署",
    "提案",
    "议案",
    "建议",
    "之后",
    "前夕",
    "报道",
    "的",
    "上",
    "和",
];

/// Events the genre names by their session (十九大, 党的十九大, 中共十九大,
/// 中国工会十七大; 十八届五中全会; 市第九次党代会, 大理市十三次党代会; 全国两会,
/// 全国“两会”, 两会) become events, whether they are held in the text or only
/// referred to (学习贯彻党的十九大精神). A bare `<n>大` needs a congress's
/// number (十一 and above) and a word of the genre beside it, so 十二大行动
/// stays words.
fn session_events<'s>(chars: &SentenceChars<'s>, mut units: Vec<Unit<'s>>) -> Vec<Unit<'s>> {
    let mut i = 0;
    while i < units.len() {
        let plain = |u: &Unit| matches!(u.kind, UnitKind::Word { .. } | UnitKind::Coref(_));
        let Some((kind, end)) = plain(&units[i])
            .then(|| session_name_at(chars, units[i].start))
            .flatten()
        else {
            i += 1;
            continue;
        };
        // The name ends where a unit ends, or inside a word that goes on
        // with a reference to it (全会|精神: jieba's 全会精神), and covers
        // only words and quotes.
        let Some(j) = units[i..].iter().position(|u| u.end >= end).map(|j| i + j) else {
            i += 1;
            continue;
        };
        let tail = match units[j].kind {
            UnitKind::Word { tag, .. } if units[j].end > end => {
                let rest = chars.slice(end, units[j].end);
                if !REFERENCE_AFTER.contains(&rest) {
                    i += 1;
                    continue;
                }
                Some(Unit {
                    kind: UnitKind::Word { text: rest, tag },
                    start: end,
                    end: units[j].end,
                })
            }
            _ if units[j].end != end => {
                i += 1;
                continue;
            }
            _ => None,
        };
        if !units[i..=j]
            .iter()
            .all(|u| plain(u) || matches!(u.kind, UnitKind::Punct('“' | '”')))
        {
            i += 1;
            continue;
        }
        let word = |k: usize| units.get(k).map(|u| u.text(chars)).unwrap_or_default();
        // What opens the name before the session: 党的, 中共, a body (中国工会),
        // a place or a bare level (市第九次党代会).
        let mut start = i;
        let mut cut_party = false;
        match kind {
            SessionName::Congress(_) | SessionName::Plenum => {
                if i >= 2 && word(i - 1) == "的" && word(i - 2).ends_with('党') {
                    start = i - 2;
                    cut_party = word(i - 2) != "党";
                } else if i >= 1
                    && match &units[i - 1].kind {
                        UnitKind::Org(o) => !o.is_bare(),
                        UnitKind::Word { text, tag } => {
                            *text == "中共" || (*tag == Tag::Nt && text.chars().count() >= 3)
                        }
                        _ => false,
                    }
                {
                    start = i - 1;
                }
            }
            // 省两会, 杭州两会: a level's or a place's own sessions.
            SessionName::PartyCongress | SessionName::TwoSessions => {
                if i >= 1
                    && (kind == SessionName::PartyCongress || word(i) == "两会")
                    && match &units[i - 1].kind {
                        UnitKind::Place(_) => true,
                        UnitKind::Word { text, .. } => {
                            *text == "自治区"
                                || text.chars().count() == 1
                                    && text.chars().all(|c| LEVELS.contains(&c))
                        }
                        _ => false,
                    }
                {
                    start = i - 1;
                }
            }
        }
        // A bare 两会 is the sessions beside a word of theirs (两会期间, 两会
        // 精神), not in 两会一体化.
        if kind == SessionName::TwoSessions
            && word(i) == "两会"
            && !units.get(j + 1).is_none_or(|u| {
                matches!(u.kind, UnitKind::Punct(_))
                    || TWO_SESSIONS_CONTEXT.contains(&u.text(chars))
            })
        {
            i += 1;
            continue;
        }
        if let SessionName::Congress(n) = kind {
            let context = |k: Option<usize>| {
                k.and_then(|k| units.get(k)).is_none_or(|u| match u.kind {
                    UnitKind::Punct(_) => true,
                    _ => CONGRESS_CONTEXT.contains(&u.text(chars)),
                })
            };
            // 党的十九大 is sure; 党的一大创举 is a great feat, 党的八大以来 the
            // congress.
            let sure = start < i && n >= 11;
            let numbered = n >= 11 || start < i;
            if !sure && !(numbered && (context(i.checked_sub(1)) || context(Some(j + 1)))) {
                i += 1;
                continue;
            }
        }
        let mut first = units[start].start;
        let mut replace_from = start;
        let mut head = Vec::new();
        if cut_party {
            // 对党|的|十八大: the word jieba glued to 党 stays a word.
            let glued = &units[start];
            first = glued.end - 1;
            head.push(Unit {
                kind: UnitKind::Word {
                    text: chars.slice(glued.start, first),
                    tag: Tag::P,
                },
                start: glued.start,
                end: first,
            });
        }
        head.push(Unit {
            kind: UnitKind::Event(chars.slice(first, end)),
            start: first,
            end,
        });
        head.extend(tail);
        let width = head.len();
        units.splice(replace_from..=j, head);
        replace_from += width;
        i = replace_from;
    }
    units
}

/// Where an event's name starts when the words before the ones its head
/// gathered still name it: after the verb of a meeting that 我市, 我省…
/// hold (我市举行各界人士中秋茶话会), or from the ordinal of a numbered
/// event (第九届中日节能环保综合论坛). `k` is where the head's own walk
/// stopped; a few plain words may lie between.
fn extended_start(out: &[Unit], k: usize) -> usize {
    const SPAN: usize = 6;
    let mut m = k;
    while m > 0 && k - m < SPAN {
        match out[m - 1].kind {
            UnitKind::Word { text, tag } => {
                if HOLD_VERBS.contains(&text) {
                    return if held_by_us(out, m - 1) { m } else { k };
                }
                if text == "了" {
                    let held = m >= 2
                        && out[m - 2].word().is_some_and(|w| HOLD_VERBS.contains(&w))
                        && held_by_us(out, m - 2);
                    return if held { m } else { k };
                }
                if tag == Tag::M && text.starts_with('第') && text.ends_with(['届', '期']) {
                    return m - 1;
                }
                if text == "届" && m >= 2 && out[m - 2].word().is_some_and(|w| w.starts_with('第'))
                {
                    return m - 2;
                }
                if matches!(tag, Tag::P | Tag::Uj | Tag::Ul | Tag::C | Tag::R | Tag::D)
                    || ORG_STOP.contains(&text)
                {
                    return k;
                }
                m -= 1;
            }
            UnitKind::Place(_) | UnitKind::Org(_) => m -= 1,
            _ => return k,
        }
    }
    k
}

/// Whether the verb of holding at `verb` has 我市, 我省… as its subject in
/// the same clause (我市在联谊宾馆举行).
fn held_by_us(out: &[Unit], verb: usize) -> bool {
    out[..verb]
        .iter()
        .rev()
        .take_while(|u| !matches!(u.kind, UnitKind::Punct(_)))
        .take(6)
        .any(|u| {
            u.word()
                .is_some_and(|w| matches!(w, "我市" | "我省" | "我县" | "我区" | "我州" | "我镇"))
        })
}

/// Words after an event that refer to it rather than report it (学习党的十九大
/// 精神, 党的十八大以来).
const REFERENCE_AFTER: [&str; 10] = [
    "精神",
    "部署",
    "以来",
    "提出",
    "作出",
    "做出",
    "决策",
    "决策部署",
    "部署要求",
    "决定",
];

/// Whether the event at `units[idx]` is only referred to (学习贯彻党的十九大
/// 精神, 传达全省组织部长会议精神, 迎接十九大): an entity, but no event the
/// sentence or the article reports being held, so nobody attends it by the
/// rules that read 会议 or a sentence's one event. A session's name
/// (十九大, 十八届五中全会, 第九次党代会, 两会) is a reference unless the
/// sentence holds it (十九大开幕) or someone attends it (出席十九大).
pub fn is_reference(units: &[Unit], idx: usize) -> bool {
    let UnitKind::Event(name) = units[idx].kind else {
        return false;
    };
    // 传达全国组织部长会议和省委常委会精神: what follows the last of the
    // events or bodies joined to this one.
    let mut last = idx;
    while units.get(last + 1).is_some_and(|u| {
        u.is_punct('、')
            || u.word()
                .is_some_and(|w| matches!(w, "和" | "与" | "及" | "以及"))
    }) && units.get(last + 2).is_some_and(|u| {
        matches!(
            u.kind,
            UnitKind::Event(_) | UnitKind::Org(_) | UnitKind::Coref(_)
        )
    }) {
        last += 2;
    }
    let after = units.get(last + 1).and_then(Unit::word).unwrap_or("");
    if REFERENCE_AFTER.contains(&after) {
        return true;
    }
    if !is_session_name(name) {
        return false;
    }
    // 党的二十大在北京开幕: a verb of holding later in its clause, before
    // another event, and not dating something else (十九大胜利召开以来,
    // 召开一周年).
    let clause: Vec<&Unit> = units[idx + 1..]
        .iter()
        .take_while(|u| {
            !matches!(u.kind, UnitKind::Punct(c) if c != '“' && c != '”')
                && !matches!(u.kind, UnitKind::Event(_))
        })
        .collect();
    let held = clause.iter().any(|u| {
        u.word()
            .is_some_and(|w| HOLD_VERBS.contains(&w) || w == "胜利召开" || w == "胜利闭幕")
    }) && !clause.iter().any(|u| {
        u.word().is_some_and(|w| {
            REFERENCE_AFTER.contains(&w)
                || w.ends_with("周年")
                || matches!(w, "之际" | "以后" | "之后" | "后" | "前" | "前夕")
        })
    });
    let attended = idx > 0 && matches!(units[idx - 1].kind, UnitKind::Trigger(..));
    !(held || attended)
}

/// Whether an event's name ends in a session's name (党的十九大, 十八届五中
/// 全会, 市第九次党代会, 全国“两会”).
fn is_session_name(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    (0..chars.len())
        .any(|pos| session_name_at(&chars, pos).is_some_and(|(_, end)| end == chars.len()))
}

/// What a session's name says about its identity across documents: the
/// name that every spelling of it shares (十九大, 中共十九大 and 党的十九大 are
/// 党的十九大; 全国“两会” and a bare 两会 are 全国两会), and whether it
/// recurs each year, so that only its date tells its instances apart
/// (全国两会), rather than its number (党的十九大, 十八届五中全会, 市第九次
/// 党代会: one session each, of the body or place the name carries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionIdentity {
    pub canonical: String,
    pub yearly: bool,
}

/// The identity of an event named as a session (see [`SessionIdentity`]);
/// `None` for any other event.
pub fn session_identity(name: &str) -> Option<SessionIdentity> {
    let chars: Vec<char> = name.chars().collect();
    let (pos, kind) = (0..chars.len()).find_map(|pos| {
        session_name_at(&chars, pos)
            .filter(|&(_, end)| end == chars.len())
            .map(|(kind, _)| (pos, kind))
    })?;
    let before: String = chars[..pos].iter().collect();
    let session: String = chars[pos..].iter().collect();
    let party = matches!(before.as_str(), "" | "党的" | "中共" | "中国共产党");
    let canonical = match kind {
        SessionName::Congress(_) if party => format!("党的{session}"),
        SessionName::Plenum if party => session,
        SessionName::TwoSessions if before.is_empty() => "全国两会".to_string(),
        _ => name.to_string(),
    };
    Some(SessionIdentity {
        canonical,
        yearly: kind == SessionName::TwoSessions,
    })
}

/// Measure words that count events (2次座谈会, 三场报告会).
const COUNT_WORDS: [&str; 5] = ["次", "场", "个", "项", "期"];

/// Whether the numerals right before unit `idx` (a measure word) hold
/// 第: an ordinal (十六届第43次), not a count (2次).
fn is_ordinal_before(out: &[Unit], idx: usize) -> bool {
    out[..idx]
        .iter()
        .rev()
        .map_while(|u| match u.kind {
            UnitKind::Word { text, tag: Tag::M } => Some(text),
            _ => None,
        })
        .any(|t| t.starts_with('第'))
}

/// A date or a day (3月28日, 二十日, 昨日): never part of a name, unlike
/// words that merely hold 日 or 月 (日用, 月季).
fn is_date_word(text: &str) -> bool {
    if matches!(
        text,
        "今日" | "昨日" | "明日" | "当日" | "次日" | "日前" | "近日" | "本月" | "上月" | "下月"
    ) {
        return true;
    }
    // A dateline's 9日讯 / 9日电 too.
    if let Some(day) = text.strip_suffix('讯').or_else(|| text.strip_suffix('电')) {
        return day.ends_with('日');
    }
    (text.ends_with('日') || text.ends_with('月') || text.ends_with('号'))
        && text
            .chars()
            .any(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十廿卅两".contains(c))
}

/// For a suffix such as 市委 or 州人大常委会, the level it is relative to.
fn relative_level(text: &str) -> Option<char> {
    let first = text.chars().next()?;
    if LEVELS.contains(&first) {
        return Some(first);
    }
    // 团市委, 团省委: a body of the city or province.
    let mut c = text.chars();
    if c.next() == Some('团') {
        return c.next().filter(|l| LEVELS.contains(l));
    }
    None
}

fn starts_with(chars: &[char], pos: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, w)| chars.get(pos + k) == Some(&w))
}

/// The index of the first token starting at or after `pos`.
fn skip_to(tokens: &[Token], from: usize, pos: usize) -> usize {
    let mut i = from;
    while i < tokens.len() && tokens[i].start < pos {
        i += 1;
    }
    i
}
