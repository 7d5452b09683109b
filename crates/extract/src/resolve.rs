//! One entity per real thing within a document: canonical names, aliases
//! and mentions, and relations rewritten onto them.
//!
//! - Organizations: a bare level (省委, 州总工会) takes the document's place
//!   of that level when the document names one clearly (浙江 → 浙江省委); a
//!   short form joins the full form seen in the same document (北仑区总工会
//!   → 宁波北仑区总工会).
//! - Events: a name that ends another event's name joins it (市妇女第十九次
//!   代表大会 → 张家口市妇女…); the main event is the most mentioned, with the
//!   headline and lead counting extra; 会议/会上/大会 resolve to the event
//!   whose name ends in the word when there is one, else to the main event
//!   and to the events the lead names side by side with it (A、B开幕: the
//!   ceremony opens both).
//! - spokeAt and presided imply attended (guideline rule 1).

use crate::byline::Byline;
use crate::lexicon::{DivisionLevel, Lexicon};
use crate::model::{Entity, EntityType, Extraction, Predicate, Relation, Rule};
use crate::recognize::{is_reference, OrgMention, Unit, UnitKind, DEMONSTRATIVES};
use crate::relate::{ObjectRef, RawRelation, SayCandidate, SubjectRef};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

/// One sentence as the resolver sees it.
pub struct SentenceView<'a> {
    pub text: &'a str,
    /// Character offsets of the sentence in the document.
    pub start: usize,
    pub end: usize,
    pub units: &'a [Unit<'a>],
    pub relations: Vec<RawRelation<'a>>,
    pub says: Vec<SayCandidate<'a>>,
    pub venues: Vec<Unit<'a>>,
}

const PAPER_SUFFIXES: [&str; 6] = ["日报", "晚报", "报社", "新闻网", "电视台", "日报社"];

/// Resolves a document's sentences into its extraction.
/// `title`: the document's headline, when its metadata gives one (the
/// places it names count toward the document's places). `byline`: the
/// text's byline ([`crate::byline::with_lexicon`]).
pub fn resolve(
    id: &str,
    text: &str,
    title: Option<&str>,
    byline: &Byline,
    sentences: &[SentenceView],
    lexicon: &Lexicon,
) -> Extraction {
    let title_places = title.map(|t| places_in(t, lexicon)).unwrap_or_default();
    let orgs = OrgTable::new(sentences, lexicon, byline.place.as_deref(), &title_places);
    let events = EventTable::new(sentences);
    let mut entities = EntitySet::default();

    for s in sentences {
        for u in s.units {
            let span = [s.start + u.start, s.start + u.end];
            match &u.kind {
                UnitKind::Person(n) => entities.add(EntityType::Person, n, n, span),
                UnitKind::Org(o) if !o.is_bare() => {
                    if let Some(name) = orgs.resolved(o) {
                        entities.add(EntityType::Organization, &name, &o.text, span)
                    }
                }
                UnitKind::Event(e) => entities.add(EntityType::Event, events.canonical(e), e, span),
                _ => {}
            }
        }
        for v in &s.venues {
            if let UnitKind::Place(p) = &v.kind {
                let written: String = s.text.chars().skip(v.start).take(v.end - v.start).collect();
                entities.add(
                    EntityType::Place,
                    p,
                    &written,
                    [s.start + v.start, s.start + v.end],
                );
            }
        }
    }

    // The outlet of the byline is the paper; else the one paper an article
    // calling itself 本报 names.
    let paper = match &byline.outlet {
        Some((name, span)) => {
            entities.add(EntityType::Organization, name, name, *span);
            Some(name.clone())
        }
        None => paper_of(text, &entities),
    };
    let mut relations: Vec<Relation> = Vec::new();
    for s in sentences {
        for r in &s.relations {
            let Some((subject, subject_type)) = (match &r.subject {
                SubjectRef::Person(n) => Some((n.to_string(), EntityType::Person)),
                SubjectRef::Org(o) => orgs.resolved(o).map(|n| (n, EntityType::Organization)),
            }) else {
                continue;
            };
            let objects: Vec<(String, EntityType)> = match &r.object {
                ObjectRef::Event(e) => vec![(events.canonical(e).to_string(), EntityType::Event)],
                ObjectRef::Coref(w) => events.coref(w),
                ObjectRef::Context => events.main_group(),
                ObjectRef::Org(o) if !o.is_bare() => orgs
                    .resolved(o)
                    .map(|n| (n, EntityType::Organization))
                    .into_iter()
                    .collect(),
                ObjectRef::Org(_) => Vec::new(),
                ObjectRef::Paper => paper
                    .clone()
                    .map(|p| (p, EntityType::Organization))
                    .into_iter()
                    .collect(),
            };
            for (object, object_type) in objects {
                if let ObjectRef::Org(o) = &r.object {
                    // Bodies inherited in a chain (临安市总工会) are entities too.
                    entities.add(
                        EntityType::Organization,
                        &object,
                        &o.text,
                        [s.start, s.start],
                    );
                }
                let confidence = match r.object {
                    ObjectRef::Context => r.confidence * 0.8,
                    _ => r.confidence,
                };
                relations.push(Relation {
                    subject: subject.clone(),
                    subject_type,
                    predicate: r.predicate,
                    object,
                    object_type,
                    roles: r.roles.iter().map(|p| p.to_string()).collect(),
                    evidence: s.text.to_string(),
                    sentence: [s.start, s.end],
                    rule: r.rule,
                    confidence,
                });
            }
        }
    }

    // 侯亮要求… : a speech verb said by someone who attended the main event
    // (each of the main events, when the lead opens several at once).
    for (main, _) in events.main_group() {
        let attendees: HashSet<String> = relations
            .iter()
            .filter(|r| {
                r.object == main
                    && r.subject_type == EntityType::Person
                    && r.predicate != Predicate::MemberOf
                    && r.rule != Rule::QuoteAttend
            })
            .map(|r| r.subject.clone())
            .collect();
        for s in sentences {
            for say in &s.says {
                if attendees.contains(say.person) {
                    relations.push(Relation {
                        subject: say.person.to_string(),
                        subject_type: EntityType::Person,
                        predicate: Predicate::SpokeAt,
                        object: main.clone(),
                        object_type: EntityType::Event,
                        roles: Vec::new(),
                        evidence: s.text.to_string(),
                        sentence: [s.start, s.end],
                        rule: Rule::SayAfterAttending,
                        confidence: 0.7,
                    });
                }
            }
        }
    }

    // spokeAt and presided imply attended.
    let implied: Vec<Relation> = relations
        .iter()
        .filter_map(|r| {
            Some(Relation {
                predicate: Predicate::Attended,
                rule: Rule::implied_by(r.predicate)?,
                ..r.clone()
            })
        })
        .collect();
    relations.extend(implied);

    // One fact per (subject, predicate, object): the most confident
    // evidence, the earliest on ties; roles of memberOf merged.
    let mut best: BTreeMap<(String, Predicate, String), Relation> = BTreeMap::new();
    let mut order: Vec<(String, Predicate, String)> = Vec::new();
    for r in relations {
        let key = (r.subject.clone(), r.predicate, r.object.clone());
        match best.get_mut(&key) {
            Some(b) => {
                for role in &r.roles {
                    if !b.roles.contains(role) {
                        b.roles.push(role.clone());
                    }
                }
                if r.confidence > b.confidence {
                    let roles = std::mem::take(&mut b.roles);
                    *b = Relation { roles, ..r };
                }
            }
            None => {
                order.push(key.clone());
                best.insert(key, r);
            }
        }
    }
    let relations: Vec<Relation> = order.into_iter().filter_map(|k| best.remove(&k)).collect();
    for r in &relations {
        entities.ensure(r.subject_type, &r.subject);
        entities.ensure(r.object_type, &r.object);
    }

    Extraction {
        id: id.to_string(),
        entities: entities.finish(),
        relations,
    }
}

/// The paper a bare `记者X` works for: the one newspaper the article names,
/// when it calls itself 本报.
fn paper_of(text: &str, entities: &EntitySet) -> Option<String> {
    if !text.contains("本报") {
        return None;
    }
    let papers: Vec<&String> = entities
        .order
        .iter()
        .filter(|(t, n)| {
            *t == EntityType::Organization && PAPER_SUFFIXES.iter().any(|s| n.ends_with(s))
        })
        .map(|(_, n)| n)
        .collect();
    match papers.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// Entities in first-mention order, with aliases and mentions.
#[derive(Default)]
struct EntitySet {
    order: Vec<(EntityType, String)>,
    /// (type, name) → (aliases, mentions).
    data: HashMap<(EntityType, String), Spellings>,
}

/// Aliases and mention spans of one entity.
type Spellings = (Vec<String>, Vec<[usize; 2]>);

impl EntitySet {
    fn add(&mut self, kind: EntityType, name: &str, written: &str, span: [usize; 2]) {
        let key = (kind, name.to_string());
        let entry = self.data.entry(key.clone()).or_insert_with(|| {
            self.order.push(key);
            (Vec::new(), Vec::new())
        });
        if written != name && !entry.0.iter().any(|a| a == written) {
            entry.0.push(written.to_string());
        }
        if span[1] > span[0] && !entry.1.contains(&span) {
            entry.1.push(span);
        }
    }

    fn ensure(&mut self, kind: EntityType, name: &str) {
        let key = (kind, name.to_string());
        if !self.data.contains_key(&key) {
            self.order.push(key.clone());
            self.data.insert(key, (Vec::new(), Vec::new()));
        }
    }

    fn finish(mut self) -> Vec<Entity> {
        self.order
            .into_iter()
            .map(|(kind, name)| {
                let (aliases, mut mentions) =
                    self.data.remove(&(kind, name.clone())).unwrap_or_default();
                mentions.sort_unstable();
                Entity {
                    name,
                    kind,
                    aliases,
                    mentions,
                    event: Default::default(),
                    identity: Default::default(),
                }
            })
            .collect()
    }
}

/// Canonical organization names of one document.
struct OrgTable {
    /// Level (省, 市, 州…) → the document's place of that level, without it.
    level_place: HashMap<char, String>,
    /// Levels with several places and none dominant: a bare 区总工会 there
    /// could be any of them.
    ambiguous: HashSet<char>,
    /// Full names seen with places, for short forms to join.
    full: Vec<OrgMention>,
    canon: HashMap<String, String>,
}

impl OrgTable {
    /// `dateline_place`: where the report was filed from (rule 16); it
    /// counts as two mentions.
    fn new(
        sentences: &[SentenceView],
        lexicon: &Lexicon,
        dateline_place: Option<&str>,
        title_places: &[&str],
    ) -> OrgTable {
        let mut counts: HashMap<char, HashMap<String, usize>> = HashMap::default();
        let mut count = |place: &str| {
            if let Some(info) = lexicon.places.get(place) {
                if let Some(level) = info.level.chars().next() {
                    *counts
                        .entry(level)
                        .or_default()
                        .entry(info.name.clone())
                        .or_default() += 1;
                    return;
                }
            }
            let mut cs: Vec<char> = place.chars().collect();
            // A division's full name, however short (单县).
            if cs.len() >= 3 || lexicon.divisions.contains_key(place) {
                let level = cs.pop().unwrap_or_default();
                *counts
                    .entry(level)
                    .or_default()
                    .entry(cs.into_iter().collect())
                    .or_default() += 1;
            }
        };
        if let Some(p) = dateline_place {
            count(p);
            count(p);
        }
        for p in title_places {
            count(p);
        }
        let mut full = Vec::new();
        for s in sentences {
            for u in s.units {
                match &u.kind {
                    UnitKind::Place(p) => count(p),
                    UnitKind::Org(o) => {
                        o.places.iter().for_each(|p| count(p));
                        if !o.places.is_empty() {
                            full.push(OrgMention::clone(o));
                        }
                    }
                    // A meeting named with its place (江西省第十二届人民代表大会…).
                    UnitKind::Event(e) => {
                        if let Some(place) = leading_place(e, lexicon) {
                            count(place);
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut ambiguous = HashSet::default();
        let level_place = counts
            .into_iter()
            .filter_map(|(level, places)| {
                let mut v: Vec<(String, usize)> = places.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let top = v.first()?.clone();
                let second = v.get(1).map(|x| x.1).unwrap_or(0);
                let dominant = top.1 >= 2 * second.max(1) || second == 0;
                if !dominant {
                    ambiguous.insert(level);
                }
                dominant.then_some((level, top.0))
            })
            .collect();
        // A city's province, when the document names the city and no
        // province (宁波 → 浙江: its 省委 is 浙江省委).
        let mut level_place: HashMap<char, String> = level_place;
        if !level_place.contains_key(&'省') && !ambiguous.contains(&'省') {
            if let Some(province) = level_place.get(&'市').and_then(|c| province_of(c, lexicon)) {
                level_place.insert('省', province);
            }
        }
        let mut table = OrgTable {
            level_place,
            ambiguous,
            full,
            canon: HashMap::default(),
        };
        let all: Vec<OrgMention> = sentences
            .iter()
            .flat_map(|s| s.units.iter())
            .filter_map(|u| match &u.kind {
                UnitKind::Org(o) => Some(OrgMention::clone(o)),
                _ => None,
            })
            .collect();
        for o in all {
            let c = table.compute(&o);
            table.canon.insert(o.text.clone(), c);
        }
        table
    }

    fn compute(&self, o: &OrgMention) -> String {
        if let Some(level) = o.relative {
            if let Some(place) = self.level_place.get(&level) {
                return format!("{place}{}", o.text);
            }
            return o.text.clone();
        }
        // A short form joins the full form: the same name with more places.
        if !o.places.is_empty() {
            let longer = self
                .full
                .iter()
                .filter(|f| {
                    f.text.len() > o.text.len()
                        && f.text.ends_with(&o.text)
                        && f.places.len() > o.places.len()
                })
                .map(|f| f.text.clone())
                .max_by_key(|t| t.len());
            if let Some(l) = longer {
                return l;
            }
        }
        o.text.clone()
    }

    /// The canonical name, or None for a bare level whose place the
    /// document leaves open (两个区 named, then 区总工会 alone): naming it
    /// would be a guess. A post chain resolves such a body before this.
    fn resolved(&self, o: &OrgMention) -> Option<String> {
        match o.relative {
            Some(level) if self.ambiguous.contains(&level) => None,
            _ => Some(self.canonical(o)),
        }
    }

    fn canonical(&self, o: &OrgMention) -> String {
        self.canon
            .get(&o.text)
            .cloned()
            .unwrap_or_else(|| self.compute(o))
    }
}

/// The place a name opens with, as the gazetteer or the divisions know it
/// (江西省第十二届… → 江西省), longest first.
fn leading_place<'a>(name: &'a str, lexicon: &Lexicon) -> Option<&'a str> {
    let ends: Vec<usize> = name
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .skip(1)
        .take(8)
        .collect();
    ends.into_iter()
        .rev()
        .map(|e| &name[..e])
        .find(|p| lexicon.places.contains_key(*p) || lexicon.divisions.contains_key(*p))
}

/// The places a headline names (the gazetteer's and the divisions' full
/// names, 宁波 and 宁波市 alike), longest first at each position.
pub fn places_in<'a>(title: &'a str, lexicon: &Lexicon) -> Vec<&'a str> {
    let mut out = Vec::new();
    let starts: Vec<usize> = title.char_indices().map(|(i, _)| i).collect();
    let mut k = 0;
    while k < starts.len() {
        match leading_place(&title[starts[k]..], lexicon).filter(|p| p.chars().count() >= 2) {
            Some(p) => {
                out.push(p);
                k += p.chars().count();
            }
            None => k += 1,
        }
    }
    out
}

/// The short name of the one province a city lies in (宁波 → 浙江).
fn province_of(city: &str, lexicon: &Lexicon) -> Option<String> {
    let mut provinces: Vec<&str> = [city.to_string(), format!("{city}市")]
        .iter()
        .flat_map(|n| lexicon.divisions.get(n).into_iter().flatten())
        .filter(|d| d.level == DivisionLevel::Prefecture)
        .map(|d| d.province.as_str())
        .collect();
    provinces.dedup();
    match provinces.as_slice() {
        [one] => crate::lexicon::division_short_form(one).map(str::to_string),
        _ => None,
    }
}

/// Canonical event names of one document and its main event.
struct EventTable {
    canon: HashMap<String, String>,
    names: Vec<String>,
    main: Option<String>,
    /// Events the lead opens together with the main one (第七届浙洽会、第四届
    /// 消博会隆重开幕): the ceremony, 会议 and 会上 refer to all of them.
    joint: Vec<String>,
}

/// Sentences counted as the lead (headline and first sentences).
const LEAD_SENTENCES: usize = 3;

/// Pairs of events named side by side in the lead or in the first sentence
/// naming an event: adjacent, or joined by 、 or a conjunction (A、B开幕;
/// A和B同时举行).
fn coordinated_events<'a>(sentences: &[SentenceView<'a>]) -> Vec<(&'a str, &'a str)> {
    let names_event =
        |s: &SentenceView| s.units.iter().any(|u| matches!(u.kind, UnitKind::Event(_)));
    let first = sentences.iter().position(names_event).unwrap_or(0);
    let mut pairs = Vec::new();
    for s in sentences.iter().take(LEAD_SENTENCES.max(first + 1)) {
        let mut last: Option<&str> = None;
        for u in s.units {
            match &u.kind {
                UnitKind::Event(e) => {
                    if let Some(prev) = last {
                        pairs.push((prev, *e));
                    }
                    last = Some(e);
                }
                UnitKind::Punct('、') => {}
                UnitKind::Word { text, .. } if matches!(*text, "和" | "与" | "及" | "以及") => {
                }
                _ => last = None,
            }
        }
    }
    pairs
}

impl EventTable {
    fn new(sentences: &[SentenceView]) -> EventTable {
        // Name, sentence index, and whether the mention reports the event
        // rather than only referring to it (学习党的十九大精神).
        let mut raw: Vec<(String, usize, bool)> = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            for (k, u) in s.units.iter().enumerate() {
                if let UnitKind::Event(e) = u.kind {
                    raw.push((e.to_string(), i, !is_reference(s.units, k)));
                }
            }
        }
        let mut distinct: Vec<String> = raw.iter().map(|(e, _, _)| e.clone()).collect();
        distinct.sort();
        distinct.dedup();
        // Score before merging, to pick among several longer names.
        let mut score: HashMap<String, usize> = HashMap::default();
        for (e, i, _) in &raw {
            *score.entry(e.clone()).or_default() += if *i < LEAD_SENTENCES { 4 } else { 1 };
        }
        let mut canon = HashMap::default();
        for e in &distinct {
            let longer: Vec<&String> = distinct
                .iter()
                .filter(|l| l.len() > e.len() && l.ends_with(e.as_str()))
                .collect();
            let target = longer
                .iter()
                .max_by_key(|l| (score.get(l.as_str()).copied().unwrap_or(0), l.len()))
                .map(|l| l.to_string())
                .unwrap_or_else(|| e.clone());
            canon.insert(e.clone(), target);
        }
        // Follow chains (A → B → C).
        let keys: Vec<String> = canon.keys().cloned().collect();
        for k in keys {
            let mut t = canon[&k].clone();
            for _ in 0..8 {
                match canon.get(&t) {
                    Some(n) if *n != t => t = n.clone(),
                    _ => break,
                }
            }
            canon.insert(k, t);
        }
        // Score and first sentence of the mentions that report the event: one
        // only referred to is never the main event.
        let mut merged: HashMap<String, (usize, usize)> = HashMap::default();
        for (e, i, reported) in &raw {
            let c = canon[e].clone();
            let entry = merged.entry(c).or_insert((0, usize::MAX));
            if *reported {
                entry.0 += if *i < LEAD_SENTENCES { 4 } else { 1 };
                entry.1 = entry.1.min(*i);
            }
        }
        let main = merged
            .iter()
            .filter(|(_, (score, _))| *score > 0)
            .max_by(|a, b| {
                a.1 .0
                    .cmp(&b.1 .0)
                    .then(b.1 .1.cmp(&a.1 .1))
                    .then(b.0.cmp(a.0))
            })
            .map(|(n, _)| n.clone());
        let mut names: Vec<String> = merged.into_keys().collect();
        names.sort();
        // Everything coordinated with the main event, step by step
        // (A、B、C), in the order the lead names them.
        let mut joint: Vec<String> = Vec::new();
        if let Some(m) = &main {
            let pairs: Vec<(&str, &str)> = coordinated_events(sentences)
                .into_iter()
                .map(|(a, b)| (canon[a].as_str(), canon[b].as_str()))
                .filter(|(a, b)| a != b)
                .collect();
            let mut grew = true;
            while grew {
                grew = false;
                for &(a, b) in &pairs {
                    for (from, to) in [(a, b), (b, a)] {
                        let known = |x: &str| x == m || joint.iter().any(|j| j == x);
                        if known(from) && !known(to) {
                            joint.push(to.to_string());
                            grew = true;
                        }
                    }
                }
            }
        }
        EventTable {
            canon,
            names,
            main,
            joint,
        }
    }

    fn canonical<'a>(&'a self, raw: &'a str) -> &'a str {
        self.canon.get(raw).map(String::as_str).unwrap_or(raw)
    }

    /// The main event, then the events the lead opens with it.
    fn main_group(&self) -> Vec<(String, EntityType)> {
        self.main
            .iter()
            .chain(&self.joint)
            .map(|e| (e.clone(), EntityType::Event))
            .collect()
    }

    /// 研讨班 → the one event whose name ends in it; 会议/会上 → the main
    /// group.
    fn coref(&self, word: &str) -> Vec<(String, EntityType)> {
        let mut w = word;
        for d in DEMONSTRATIVES {
            w = w.strip_prefix(d).unwrap_or(w);
        }
        let w = w.strip_suffix('上').unwrap_or(w);
        if w.chars().count() >= 2 {
            let ends: Vec<&String> = self.names.iter().filter(|n| n.ends_with(w)).collect();
            if let [one] = ends.as_slice() {
                return vec![(one.to_string(), EntityType::Event)];
            }
        }
        self.main_group()
    }
}
