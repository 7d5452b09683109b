//! The extraction pipeline for one document: sentences → tokens → units →
//! sentence relations → document resolution. Pure: no I/O, no store.

use crate::byline;
use crate::error::Result;
use crate::events::dates::PartialDate;
use crate::hanzi::{self, Simplifier};
use crate::ingest;
use crate::lexicon::Lexicon;
use crate::lexicon::TriggerKind;
use crate::model::{Document, Entity, EntityType, Extraction};
use crate::model::{Predicate, Rule};
use crate::ner::NerSpan;
use crate::recognize::{KnownNames, Recognized, Recognizer, SentenceChars, Unit, UnitKind};
use crate::relate::{self, ObjectRef, RawRelation, SubjectRef};
use crate::resolve::{self, SentenceView};
use crate::segment::{self, Segmenter, Token};
use crate::window;
use crate::{events, identity};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::PathBuf;

/// What the extractor is built from besides the built-in lexicons.
#[derive(Debug, Clone, Default)]
pub struct ExtractorConfig {
    /// jieba user dictionaries (`word [freq] [tag]` per line).
    pub user_dicts: Vec<PathBuf>,
    /// A directory of lexicon files merged over `data/lexicon/`.
    pub lexicon_dir: Option<PathBuf>,
}

/// A sentence with its character offsets in the document, its characters
/// and its tokens, all borrowing from the document's text.
struct Tagged<'a> {
    chars: SentenceChars<'a>,
    start: usize,
    end: usize,
    tokens: Vec<Token<'a>>,
}

/// Last characters of place names (曲麻莱县, 雅鲁藏布江).
const PLACE_HEADS: &[char] = &[
    '省', '市', '县', '区', '州', '镇', '乡', '村', '江', '河', '湖', '山', '岛', '港', '湾',
];

/// The segmenter and the recognizer (which holds the lexicons): build once,
/// share across threads.
pub struct Extractor {
    segmenter: Segmenter,
    recognizer: Recognizer,
    simplifier: Simplifier,
}

impl Extractor {
    pub fn new(config: &ExtractorConfig) -> Result<Extractor> {
        let mut lexicon = Lexicon::builtin();
        if let Some(dir) = &config.lexicon_dir {
            lexicon.merge_dir(dir)?;
        }
        let dicts: Vec<&std::path::Path> = config.user_dicts.iter().map(PathBuf::as_path).collect();
        // jieba's dictionary takes most of the start-up; the character
        // table and jieba's model for unknown words (built on first use,
        // else by the first sentence) are made beside it.
        let (segmenter, simplifier) = std::thread::scope(|scope| {
            let side = scope.spawn(|| {
                segment::warm_up();
                Simplifier::new()
            });
            let segmenter = Segmenter::new(&lexicon, &dicts);
            let simplifier = side
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (segmenter, simplifier)
        });
        Ok(Extractor {
            segmenter: segmenter?,
            recognizer: Recognizer::new(lexicon),
            simplifier,
        })
    }

    /// Whether a recognizer mention is sure enough to become a graph
    /// entity on its own (without a relation reading it). Persons and
    /// bodies as the recognizer finds them; places only in the forms below,
    /// since jieba tags many plain words as places (热烈祝贺, 青春).
    fn plausible_in_graph(&self, span: &NerSpan, text: &str, index: &ingest::CharIndex) -> bool {
        let name = &text[index.byte_offset(span.start)..index.byte_offset(span.end)];
        let len = span.end - span.start;
        match span.kind {
            // Gazetteer places and names ending in an administrative or
            // natural head.
            EntityType::Place => {
                len >= 2
                    && (self.lexicon().ner.places.contains(name)
                        || self.lexicon().places.contains_key(name)
                        || len >= 3 && name.ends_with(PLACE_HEADS))
            }
            // Not a body's name (宣传部): those are read by the unit rules.
            EntityType::Person => !(1..=name.chars().count().min(3)).any(|k| {
                let tail: String = name.chars().skip(name.chars().count() - k).collect();
                self.lexicon().org_suffixes.contains(&tail)
            }),
            EntityType::Organization => len >= 2,
            EntityType::Event => false,
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        self.recognizer.lexicon()
    }

    /// Every person, place and organization mention in `text` (any genre,
    /// not only meeting reports): what `zhkg eval --ner` scores. Read as
    /// [`Extractor::extract`] reads a document: traditional characters
    /// through their simplified forms (one for one, so the offsets are the
    /// text's), sentence by sentence.
    pub fn spans(&self, text: &str) -> Vec<NerSpan> {
        let simplified = self.simplifier.simplify(text);
        let text = simplified.as_deref().unwrap_or(text);
        window::spans_in_windows(text, |t| self.recognizer.mentions(t, &self.segmenter))
    }

    /// Extracts entities and relations from one document. Never fails: text
    /// the rules cannot read yields nothing. A huge document is extracted
    /// in bounded windows ([`window`]).
    pub fn extract(&self, doc: &Document) -> Extraction {
        // Whether the document was read whole and has no traditional
        // character: then no slice of its text has one either.
        let plain = std::cell::Cell::new(false);
        let mut ex = window::extract_in_windows(doc, |d| {
            let (ex, simplified) = self.extract_whole(d);
            if std::ptr::eq(d, doc) && !simplified {
                plain.set(true);
            }
            ex
        });
        // Every entity's identity in the corpus, from the whole document
        // (read without a copy of the text: documents may be huge). The
        // identity rules simplify the text's opening lines and names, most
        // of them slices of the text: those of a plain text are not read
        // again.
        let text = doc.text.as_bytes().as_ptr_range();
        let in_text = |n: &str| {
            let bytes = n.as_bytes().as_ptr_range();
            text.start <= bytes.start && bytes.end <= text.end
        };
        let simplify = |n: &str| {
            if plain.get() && in_text(n) {
                return n.to_string();
            }
            self.simplifier.simplify(n).unwrap_or_else(|| n.to_string())
        };
        identity::assign(
            &doc.id,
            &doc.text,
            &doc.meta,
            &mut ex,
            self.lexicon(),
            simplify,
        );
        ex
    }

    /// [`Extractor::extract`] on the whole text at once. Traditional
    /// characters are read through their simplified forms, one for one;
    /// names and evidence are given back as written.
    /// Then the events' dates, places and bodies ([`events::describe`]),
    /// read on the same text (a huge document's windows each on their own:
    /// memory stays bounded).
    /// Also says whether the text had traditional characters to simplify.
    fn extract_whole(&self, doc: &Document) -> (Extraction, bool) {
        let Some(simplified) = self.simplifier.simplify(&doc.text) else {
            let (mut extraction, dateline) =
                self.extract_text(&doc.id, &doc.text, doc.meta.title.as_deref());
            events::describe_dated(
                &doc.text,
                &doc.meta,
                dateline,
                &mut extraction,
                self.lexicon(),
            );
            return (extraction, false);
        };
        let title = doc
            .meta
            .title
            .as_deref()
            .map(|t| self.simplifier.simplify(t).unwrap_or_else(|| t.to_string()));
        let (mut extraction, dateline) = self.extract_text(&doc.id, &simplified, title.as_deref());
        hanzi::restore_written(&mut extraction, &doc.text, &simplified);
        // On the simplified text (one character for one: offsets hold), the
        // names as written.
        events::describe_dated(
            &simplified,
            &doc.meta,
            dateline,
            &mut extraction,
            self.lexicon(),
        );
        (extraction, true)
    }

    /// The extraction of `text` and the date of its byline.
    fn extract_text(
        &self,
        id: &str,
        text: &str,
        title: Option<&str>,
    ) -> (Extraction, Option<PartialDate>) {
        let index = ingest::CharIndex::new(text);
        let sentences: Vec<Tagged> = ingest::sentences(text)
            .into_iter()
            .map(|s| {
                let st = &text[s.start..s.end];
                Tagged {
                    chars: SentenceChars::new(st),
                    start: index.char_offset(s.start),
                    end: index.char_offset(s.end),
                    tokens: self.segmenter.tag(st, self.lexicon()),
                }
            })
            .collect();

        // Pass 1: every sentence read once (units and mentions), which
        // gives the names the document confirms; pass 2: the units of the
        // sentences that hold such a name, read again knowing them.
        let empty = KnownNames::default();
        let mut read: Vec<Recognized> = Vec::with_capacity(sentences.len());
        for s in &sentences {
            read.push(
                self.recognizer
                    .sentence(&s.chars, &s.tokens, &self.segmenter, &empty),
            );
        }
        // The short form of a division the document names in full (鹿城 for
        // 鹿城区) is that place, wherever jieba reads it as a name.
        let stem = |p: &str| -> Option<String> {
            let (end, _) = p.char_indices().last()?;
            (self.lexicon().divisions.contains_key(p) && p[..end].chars().count() >= 2)
                .then(|| p[..end].to_string())
        };
        let mut short_forms: HashSet<String> = HashSet::default();
        for u in read.iter().flat_map(|r| &r.units) {
            match &u.kind {
                UnitKind::Place(p) => short_forms.extend(stem(p)),
                UnitKind::Org(o) => short_forms.extend(o.places.iter().filter_map(|p| stem(p))),
                _ => {}
            }
        }
        let mut known = KnownNames::default();
        for r in &mut read {
            short_forms_as_places(&mut r.units, &short_forms);
            for unit in &r.units {
                if let UnitKind::Person(n) = unit.kind {
                    known.insert(n);
                }
            }
        }
        // Knowing the names changes only sentences that contain one where
        // the first reading did not already read it.
        for (r, s) in read.iter_mut().zip(&sentences) {
            if r.changed_by(&s.chars, &s.tokens, &known) {
                r.units = self.recognizer.reread(&s.chars, &s.tokens, r, &known);
                short_forms_as_places(&mut r.units, &short_forms);
            }
        }
        let (units, mentions): (Vec<Vec<Unit>>, Vec<Vec<NerSpan>>) =
            read.into_iter().map(|r| (r.units, r.mentions)).unzip();

        let mut views: Vec<SentenceView> = Vec::with_capacity(sentences.len());
        let mut facts: Vec<relate::SentenceFacts> =
            units.iter().map(|u| relate::relate(u)).collect();
        // A quotation's attendance belongs to the speaker named right after
        // it (“通过参加这次会议……”X说).
        for i in 0..sentences.len().saturating_sub(1) {
            let s = sentences[i].chars.text();
            if !(s.starts_with('“') && s.ends_with('”')) || facts[i + 1].speakers.is_empty() {
                continue;
            }
            let speakers = facts[i + 1].speakers.clone();
            for object in quoted_attendance(&units[i]) {
                for &p in &speakers {
                    facts[i].relations.push(RawRelation {
                        subject: SubjectRef::Person(p),
                        predicate: Predicate::Attended,
                        object: object.clone(),
                        roles: Vec::new(),
                        rule: Rule::QuoteAttend,
                        confidence: 0.75,
                    });
                }
            }
        }
        for ((s, u), f) in sentences.iter().zip(&units).zip(facts) {
            views.push(SentenceView {
                text: s.chars.text(),
                start: s.start,
                end: s.end,
                units: u,
                relations: f.relations,
                says: f.says,
                venues: f.venues,
            });
        }
        let byline = byline::with_lexicon(text, self.lexicon());
        let mut extraction = resolve::resolve(id, text, title, &byline, &views, self.lexicon());
        // Every named person, organization and place, as the recognizer
        // that `eval --ner` scores finds them (guideline: entities are all
        // named ones, not only those in a relation).
        let mut spans = Vec::new();
        for (s, m) in sentences.iter().zip(mentions) {
            for (k, span) in m.iter().enumerate() {
                let doc_span = NerSpan {
                    start: s.start + span.start,
                    end: s.start + span.end,
                    kind: span.kind,
                };
                let keep = if span.kind == EntityType::Place && span.end - span.start == 1 {
                    // A one-character place opens a word (中方, 华侨, 俄总统)
                    // or stands in a pair or list of such forms (中美,
                    // 京津冀), never alone (劳动美) nor after a verb glued to
                    // it (驻华, and 踏石留印 is no India).
                    let one = |o: &NerSpan| o.kind == EntityType::Place && o.end - o.start == 1;
                    let opens_word = s
                        .tokens
                        .iter()
                        .any(|t| t.start == span.start && t.end - t.start > 1);
                    opens_word
                        || k > 0 && one(&m[k - 1]) && m[k - 1].end == span.start
                        || m.get(k + 1).is_some_and(|o| one(o) && o.start == span.end)
                } else {
                    self.plausible_in_graph(&doc_span, text, &index)
                };
                if keep {
                    spans.push(doc_span);
                }
            }
        }
        for span in &mut spans {
            let name = &text[index.byte_offset(span.start)..index.byte_offset(span.end)];
            if span.kind == EntityType::Person && short_forms.contains(name) {
                span.kind = EntityType::Place;
            }
        }
        add_named_mentions(&mut extraction, &spans, text, &index);
        (extraction, byline.date)
    }
}

/// Person units that are the short form of a division the document names
/// in full become that place.
fn short_forms_as_places(units: &mut [Unit], short_forms: &HashSet<String>) {
    for unit in units {
        if let UnitKind::Person(n) = unit.kind {
            if short_forms.contains(n) {
                unit.kind = UnitKind::Place(n);
            }
        }
    }
}

/// Adds the recognizer's mentions that no entity covers yet: a name
/// already an entity gains the mention; a new name becomes an entity.
/// A mention overlapping an entity's mention is that entity (the relation
/// rules read it, perhaps with a place prefix) and is left alone.
fn add_named_mentions(
    ex: &mut Extraction,
    spans: &[NerSpan],
    text: &str,
    index: &ingest::CharIndex,
) {
    let mut covered: Vec<[usize; 2]> = ex
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().copied())
        .collect();
    covered.sort_unstable();
    // The longest mention bounds how far back an overlapping one starts.
    let longest = covered.iter().map(|m| m[1] - m[0]).max().unwrap_or(0);
    let overlaps = |s: usize, e: usize| {
        let upto = covered.partition_point(|m| m[0] < e);
        let from = covered.partition_point(|m| m[0] + longest < s);
        covered[from..upto].iter().any(|m| m[1] > s)
    };
    // Each entity by its name and its aliases, per type.
    let mut by_name: HashMap<(EntityType, String), usize> = HashMap::default();
    for (i, e) in ex.entities.iter().enumerate() {
        by_name.entry((e.kind, e.name.clone())).or_insert(i);
        for a in &e.aliases {
            by_name.entry((e.kind, a.clone())).or_insert(i);
        }
    }
    // The recognizer's spans do not overlap one another: only the mentions
    // of the entities found before them need checking.
    for span in spans {
        if !matches!(
            span.kind,
            EntityType::Person | EntityType::Organization | EntityType::Place
        ) || overlaps(span.start, span.end)
        {
            continue;
        }
        let name = &text[index.byte_offset(span.start)..index.byte_offset(span.end)];
        let mention = [span.start, span.end];
        match by_name.get(&(span.kind, name.to_string())) {
            Some(&i) => ex.entities[i].mentions.push(mention),
            None => {
                by_name.insert((span.kind, name.to_string()), ex.entities.len());
                ex.entities.push(Entity {
                    name: name.to_string(),
                    kind: span.kind,
                    aliases: Vec::new(),
                    mentions: vec![mention],
                    event: Default::default(),
                    identity: Default::default(),
                });
            }
        }
    }
    for e in &mut ex.entities {
        e.mentions.sort_unstable();
        e.mentions.dedup();
    }
}

/// Events a quotation says its speaker attended: an attend trigger followed
/// by an event or a reference to one (参加这次会议).
fn quoted_attendance<'a>(units: &[Unit<'a>]) -> Vec<ObjectRef<'a>> {
    let mut out = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if !matches!(u.kind, UnitKind::Trigger(TriggerKind::Attend, _)) {
            continue;
        }
        match units.get(i + 1).map(|n| &n.kind) {
            Some(UnitKind::Event(e)) => out.push(ObjectRef::Event(e)),
            Some(UnitKind::Coref(c)) => out.push(ObjectRef::Coref(c)),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocMeta, EntityType};

    fn extract(text: &str) -> Extraction {
        let ex = Extractor::new(&ExtractorConfig::default()).unwrap();
        ex.extract(&Document {
            id: "t".into(),
            text: ingest::normalize(text),
            meta: DocMeta::default(),
        })
    }

    /// Every entity's name and type, in extraction order.
    fn entities(ex: &Extraction) -> Vec<(&str, EntityType)> {
        ex.entities
            .iter()
            .map(|e| (e.name.as_str(), e.kind))
            .collect()
    }

    fn events(ex: &Extraction) -> Vec<&str> {
        ex.entities
            .iter()
            .filter(|e| e.kind == crate::model::EntityType::Event)
            .map(|e| e.name.as_str())
            .collect()
    }

    fn member_of(ex: &Extraction, person: &str) -> Vec<String> {
        ex.relations
            .iter()
            .filter(|r| r.subject == person && r.predicate == Predicate::MemberOf)
            .map(|r| r.object.clone())
            .collect()
    }

    #[test]
    fn a_level_body_in_a_post_chain_inherits_the_chain_place() {
        // Regression: 区总工会 was taken as a named body and got the
        // document's most frequent district instead of the chain's.
        let ex = extract(
            "宁波市北仑区总工会常务副主席王小明出席。宁波市江北区政协副主席、区总工会主席李明华表示,会议很成功。",
        );
        let orgs = member_of(&ex, "李明华");
        assert!(orgs.contains(&"宁波市江北区政协".to_string()), "{orgs:?}");
        assert!(orgs.contains(&"宁波市江北区总工会".to_string()), "{orgs:?}");
    }

    #[test]
    fn a_bare_level_body_is_no_entity_when_the_document_names_several_places_of_that_level() {
        // Two districts, neither dominant: 区总工会 alone could be either;
        // in its post chain it inherits the chain's district.
        let ex = extract(
            "宁波市北仑区总工会常务副主席王小明出席。宁波市江北区政协副主席、区总工会主席李明华表示,会议很成功。",
        );
        let names: Vec<&str> = ex.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(!names.contains(&"区总工会"), "{names:?}");
        assert!(names.contains(&"宁波市江北区总工会"), "{names:?}");
    }

    #[test]
    fn one_character_place_forms_count_only_as_venues() {
        // Regression: 并 in 出席会议并讲话 was read as 太原 (并州).
        // 并 before 讲话 is no venue: the entities are the body, the
        // official and the meeting, and no place.
        let ex = extract("市委书记张明远出席全市工会工作会议并讲话。");
        assert_eq!(
            entities(&ex),
            [
                ("市委", EntityType::Organization),
                ("张明远", EntityType::Person),
                ("全市工会工作会议", EntityType::Event),
            ]
        );
        // 杭 after 在 is the venue, 杭州.
        let ex = extract("全省工会工作会议在杭举行。");
        assert_eq!(
            entities(&ex),
            [
                ("全省工会工作会议", EntityType::Event),
                ("杭州", EntityType::Place),
            ]
        );
    }

    #[test]
    fn a_list_of_officials_with_abbreviated_bodies_all_attend() {
        let ex = extract(
            "宁海市工会第三次代表大会召开。市委副书记赵一平、市人大副主任钱二林、市政协副主席孙三木出席会议,会议由市总工会主席李四海主持。",
        );
        for p in ["赵一平", "钱二林", "孙三木", "李四海"] {
            assert!(
                ex.relations
                    .iter()
                    .any(|r| r.subject == p && r.predicate == Predicate::Attended),
                "{p} attended: {:?}",
                ex.relations
            );
        }
        assert!(ex
            .relations
            .iter()
            .any(|r| r.subject == "李四海" && r.predicate == Predicate::Presided));
        let orgs = member_of(&ex, "孙三木");
        assert!(orgs.iter().any(|o| o.ends_with("市政协")), "{orgs:?}");
    }

    #[test]
    fn a_three_character_name_after_a_post_beats_jiebas_two() {
        let ex = extract("全市农民工技能大赛开幕,副市长王方太致辞。");
        assert!(
            ex.entities.iter().any(|e| e.name == "王方太"),
            "{:?}",
            ex.entities
        );
        assert!(ex.entities.iter().all(|e| e.name != "王方"));
    }

    #[test]
    fn a_demonstrative_event_refers_to_the_main_event() {
        let ex = extract(
            "2020年全市农民工职业技能竞赛在宁海开幕,市委副书记赵一平出席开幕式并讲话。此次技能大赛有利于提升技能水平。",
        );
        assert_eq!(events(&ex), ["2020年全市农民工职业技能竞赛"]);
    }

    #[test]
    fn mentions_of_traditional_text_are_those_of_its_simplified_form() {
        // The same reading as extraction: offsets are the text's own.
        let ex = Extractor::new(&ExtractorConfig::default()).unwrap();
        let traditional = ex.spans("廣州市總工會主席陳國華說,黨委書記們來到北京。");
        let simplified = ex.spans("广州市总工会主席陈国华说,党委书记们来到北京。");
        assert_eq!(traditional, simplified);
        assert!(traditional
            .iter()
            .any(|s| (s.start, s.end, s.kind) == (8, 11, EntityType::Person)));
    }

    #[test]
    fn a_parenthetical_does_not_open_an_event_name() {
        let ex = extract(
            "本报讯(记者张小兵、李大海)全省妇联工作会议昨天在杭举行,副省长王一鸣出席会议并讲话。",
        );
        assert_eq!(events(&ex), ["全省妇联工作会议"]);
    }
}
