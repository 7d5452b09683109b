//! Relations within a sentence: attended, spokeAt, presided and memberOf,
//! each with the rule that produced it. Names are still as written here;
//! `resolve` turns them into the document's entities.
//!
//! - memberOf comes from post chains before a name
//!   (`绍兴市总工会党组书记、常务副主席孙炳方`): a post without a body takes
//!   the body before it in the chain, and a body without a place inherits
//!   the place of the one before (guideline rule 3).
//! - attended / spokeAt / presided come from a trigger (出席, 讲话, 主持…)
//!   and the clause's leading noun phrase (its subjects), or the phrase after
//!   由 (会议由X主持). The object is the event after the trigger, the event
//!   of a `在…上` frame, the sentence's event, or the document's main one.

use crate::lexicon::{PostKind, TriggerKind};
use crate::model::{Predicate, Rule, ROLE_SEPARATOR};
use crate::recognize::{is_reference, OrgMention, Unit, UnitKind, HOLD_VERBS};

/// Who a relation is about.
#[derive(Debug, Clone, PartialEq)]
pub enum SubjectRef<'a> {
    Person(&'a str),
    Org(OrgMention),
}

/// What a relation points to, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum ObjectRef<'a> {
    /// An event named in the sentence, as written.
    Event(&'a str),
    /// 会议, 会上, 大会…: the event the article is about (or the one whose
    /// name ends in the word, for 研讨班).
    Coref(&'a str),
    /// No object in the sentence: the sentence's or the article's event.
    Context,
    Org(OrgMention),
    /// 记者X with no paper named in the sentence: the article's paper.
    Paper,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawRelation<'a> {
    pub subject: SubjectRef<'a>,
    pub predicate: Predicate,
    pub object: ObjectRef<'a>,
    /// The posts held, for memberOf.
    pub roles: Vec<&'a str>,
    pub rule: Rule,
    pub confidence: f32,
}

/// A speech verb said by someone (侯亮要求…) outside a `在…上` frame: it is a
/// speech at the event only if the document shows the person attended.
#[derive(Debug, Clone, PartialEq)]
pub struct SayCandidate<'a> {
    pub person: &'a str,
}

/// What one sentence yields.
#[derive(Debug, Default)]
pub struct SentenceFacts<'a> {
    pub relations: Vec<RawRelation<'a>>,
    pub says: Vec<SayCandidate<'a>>,
    /// Persons of the sentence's leading phrase followed by 说/表示/认为:
    /// the speakers a preceding quotation belongs to.
    pub speakers: Vec<&'a str>,
    /// Venues: places and bodies in `在X举行/召开/开幕`.
    pub venues: Vec<Unit<'a>>,
}

const CLAUSE_BREAKS: [char; 7] = [',', ';', ':', '。', '!', '?', '，'];
const NP_WORDS: [&str; 9] = [
    "和", "及", "以及", "等", "同志", "一行", "与", "分别", "还有",
];
const QUOTE_VERBS: [&str; 6] = ["说", "表示", "认为", "介绍", "谈到", "坦言"];

/// Extracts the relations of one sentence from its units.
pub fn relate<'a>(units: &[Unit<'a>]) -> SentenceFacts<'a> {
    let mut facts = SentenceFacts::default();
    member_of(units, &mut facts);
    list_after_verb(units, &mut facts);
    let clauses = clauses(units);
    let is_trigger = |u: &Unit| matches!(u.kind, UnitKind::Trigger(..));
    // The events the sentence reports (学习党的十九大精神 only refers to one):
    // read only by a clause's verbs, so not sought in a sentence without one.
    let sentence_events: Vec<&str> = if units.iter().any(is_trigger) {
        units
            .iter()
            .enumerate()
            .filter_map(|(i, u)| match u.kind {
                UnitKind::Event(e) if !is_reference(units, i) => Some(e),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    for (ci, &(a, b)) in clauses.iter().enumerate() {
        let clause = &units[a..b];
        // Participation gives relations at a clause's verbs and speakers
        // from its persons: a clause with neither gives nothing (most
        // clauses of news), and is not read for it.
        if clause
            .iter()
            .any(|u| is_trigger(u) || matches!(u.kind, UnitKind::Person(_)))
        {
            participation(clause, &clauses[..ci], units, &sentence_events, &mut facts);
        }
        venue(clause, &mut facts);
    }
    facts
}

/// Clause boundaries `[a, b)` in the units.
fn clauses(units: &[Unit]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = 0;
    for (i, u) in units.iter().enumerate() {
        if matches!(u.kind, UnitKind::Punct(c) if CLAUSE_BREAKS.contains(&c)) {
            if i > a {
                out.push((a, i));
            }
            a = i + 1;
        }
    }
    if a < units.len() {
        out.push((a, units.len()));
    }
    out
}

/// One link of a post chain: a body (if named) and its posts.
#[derive(Debug, Clone)]
struct ChainItem<'a> {
    org: Option<OrgMention>,
    posts: Vec<(&'a str, PostKind)>,
}

/// memberOf from post chains ending in a person, and list continuations
/// (`副校长A、B` gives both the posts).
fn member_of<'a>(units: &[Unit<'a>], facts: &mut SentenceFacts<'a>) {
    let mut last_chain: Option<(usize, Vec<ChainItem>)> = None; // (person idx, chain)
    for (p, u) in units.iter().enumerate() {
        let UnitKind::Person(name) = u.kind else {
            continue;
        };
        let mut items = chain_before(units, p);
        // The body came from an earlier item of the list (rule 13).
        let mut carried = false;
        // 副校长A、B: B shares A's chain.
        if items.is_empty() && p >= 2 && units[p - 1].is_punct('、') {
            if let Some((q, chain)) = &last_chain {
                if *q == p - 2 {
                    items = chain.clone();
                }
            }
        }
        // A list item with a post but no body (,纪委书记B) takes the body
        // of the item before it, when that body is not a party committee or
        // a government and the post is not a government post.
        if let (Some(first), Some((q, prev))) = (items.first_mut(), &last_chain) {
            let chain_start = p - items_len(units, p);
            let adjacent = chain_start >= 1
                && *q + 1 == chain_start - 1
                && matches!(units[chain_start - 1].kind, UnitKind::Punct(',' | '、'));
            if first.org.is_none()
                && adjacent
                && first.posts.iter().all(|(_, k)| *k == PostKind::Body)
            {
                if let Some(org) = prev.iter().rev().find_map(|i| i.org.clone()) {
                    first.org = Some(org);
                    carried = true;
                }
            }
        }
        if items.is_empty() {
            last_chain = None;
            continue;
        }
        let resolved = inherit(&items);
        for (org, roles) in resolved {
            let object = match org {
                Some(o) => ObjectRef::Org(o),
                // A reporter works for the paper (rule 4); a correspondent
                // (通讯员) usually does not.
                None if roles.iter().any(|r| r.ends_with("记者")) => ObjectRef::Paper,
                None => continue,
            };
            let (rule, confidence) = match object {
                ObjectRef::Paper => (Rule::ReporterOfPaper, 0.6),
                _ if carried => (Rule::PostChain, 0.8),
                _ => (Rule::PostChain, 0.9),
            };
            // A lexicon post may name two (党委副书记、校长): a role each.
            let roles = roles.iter().flat_map(|r| r.split(ROLE_SEPARATOR)).collect();
            facts.relations.push(RawRelation {
                subject: SubjectRef::Person(name),
                predicate: Predicate::MemberOf,
                object,
                roles,
                rule,
                confidence,
            });
        }
        last_chain = Some((p, items));
    }
}

/// How many units the chain before person `p` spans.
fn items_len(units: &[Unit], p: usize) -> usize {
    let mut k = p;
    loop {
        let start = k;
        while k > 0 && matches!(units[k - 1].kind, UnitKind::Post { .. }) {
            k -= 1;
        }
        if k == start {
            return p - k;
        }
        if k > 0 && matches!(units[k - 1].kind, UnitKind::Org(_)) {
            k -= 1;
        }
        if k >= 2
            && (units[k - 1].is_punct('、') || chain_clause_before(units, k - 1))
            && matches!(units[k - 2].kind, UnitKind::Post { .. })
        {
            k -= 1;
        } else {
            return p - k;
        }
    }
}

/// The post chain ending right before unit `p`, in text order.
fn chain_before<'a>(units: &[Unit<'a>], p: usize) -> Vec<ChainItem<'a>> {
    let mut items = Vec::new();
    let mut k = p;
    loop {
        let mut posts = Vec::new();
        while k > 0 {
            if let UnitKind::Post { text, kind } = units[k - 1].kind {
                posts.insert(0, (text, kind));
                k -= 1;
            } else {
                break;
            }
        }
        if posts.is_empty() {
            break;
        }
        let org = match k.checked_sub(1).map(|i| &units[i].kind) {
            Some(UnitKind::Org(o)) => {
                k -= 1;
                Some(OrgMention::clone(o))
            }
            _ => None,
        };
        items.insert(0, ChainItem { org, posts });
        if k >= 2
            && (units[k - 1].is_punct('、') || chain_clause_before(units, k - 1))
            && matches!(units[k - 2].kind, UnitKind::Post { .. })
        {
            k -= 1;
        } else {
            break;
        }
    }
    items
}

/// Whether the comma at `comma` closes a clause that is only a post chain
/// (全国政协副主席，致公党中央主席甲): one person's posts split over commas.
fn chain_clause_before(units: &[Unit], comma: usize) -> bool {
    if !matches!(units[comma].kind, UnitKind::Punct(',' | '，')) {
        return false;
    }
    let start = units[..comma]
        .iter()
        .rposition(|u| matches!(u.kind, UnitKind::Punct(c) if c != '、'))
        .map_or(0, |i| i + 1);
    is_chain_clause(&units[start..comma])
}

/// A clause of posts and their bodies with no name: 全国政协委员, 国务院参事.
fn is_chain_clause(clause: &[Unit]) -> bool {
    matches!(clause.last().map(|u| &u.kind), Some(UnitKind::Post { .. }))
        && clause.iter().all(|u| {
            matches!(
                u.kind,
                UnitKind::Org(_)
                    | UnitKind::Post { .. }
                    | UnitKind::Place(_)
                    | UnitKind::Punct('、')
            )
        })
}

/// Bodies for each chain item: a post without a body takes the previous
/// body; a body without a place takes the previous body's places.
fn inherit<'a>(items: &[ChainItem<'a>]) -> Vec<(Option<OrgMention>, Vec<&'a str>)> {
    let mut out: Vec<(Option<OrgMention>, Vec<&'a str>)> = Vec::new();
    let mut prev: Option<OrgMention> = None;
    for item in items {
        let org = match &item.org {
            // 县委常委、宣传部部长: a department after a party committee in
            // one chain is that committee's (县委宣传部, rule 10).
            Some(o) if o.is_bare() && is_department(&o.text) => match &prev {
                Some(p) if p.text.ends_with('委') => Some(OrgMention {
                    text: format!("{}{}", p.text, o.text),
                    places: p.places.clone(),
                    relative: p.relative,
                    named: p.named,
                }),
                _ => Some(o.clone()),
            },
            Some(o) if o.places.is_empty() && !o.named => match &prev {
                Some(p) if !p.places.is_empty() => Some(with_places(o, &p.places)),
                _ => Some(o.clone()),
            },
            Some(o) => Some(o.clone()),
            None => None,
        };
        for (post, kind) in &item.posts {
            let target = match (&org, kind) {
                (Some(o), _) => Some(o.clone()),
                (None, PostKind::Body) => prev.clone(),
                (None, PostKind::Government) => None,
            };
            match out.iter_mut().find(|(o, _)| *o == target) {
                Some((_, roles)) => roles.push(post),
                None => out.push((target, vec![post])),
            }
        }
        if org.is_some() {
            prev = org;
        }
    }
    out.retain(|(o, _)| o.as_ref().is_none_or(|o| !o.is_bare()));
    out
}

/// A party committee's working department (宣传部, 组织部, 统战部, 办公室).
fn is_department(text: &str) -> bool {
    text.chars().count() <= 4 && (text.ends_with('部') || text.ends_with("办公室"))
}

/// `o` (区总工会) with the places of an earlier body (温州市, 龙湾区): up to
/// the place of its level, or all of them.
fn with_places(o: &OrgMention, places: &[String]) -> OrgMention {
    let (keep, body) = match o.relative {
        Some(level) => match places.iter().rposition(|p| p.ends_with(level)) {
            Some(i) => (&places[..=i], o.text.chars().skip(1).collect::<String>()),
            None => return o.clone(),
        },
        None => (places, o.text.clone()),
    };
    OrgMention {
        text: format!("{}{}", keep.concat(), body),
        places: keep.to_vec(),
        relative: None,
        named: false,
    }
}

/// At most this many words may modify a list item before its post chain
/// (担任本届政协委员的十一届省政协副主席甲).
const MAX_ITEM_MODIFIER: usize = 8;

/// The clause's subject phrase `[start, end)`: its leading noun phrase, or,
/// when the clause opens with a short modifier (省党政军领导甲、乙), the noun
/// phrase after it that holds a person.
fn subject_phrase(clause: &[Unit]) -> (usize, usize) {
    let end = noun_phrase_end(clause, 0);
    if end > 0 {
        return (0, end);
    }
    match modified_phrase(clause) {
        Some((start, end)) => (start, end),
        None => (0, 0),
    }
}

/// A noun phrase holding a person after a modifier (no person, no verb of
/// participation, no event, no punctuation), within
/// [`MAX_ITEM_MODIFIER`] units of the clause's start.
fn modified_phrase(clause: &[Unit]) -> Option<(usize, usize)> {
    for k in 1..=MAX_ITEM_MODIFIER.min(clause.len().saturating_sub(1)) {
        // 大会执行主席甲: a reference to the event may name the post's body.
        let event_before_post = matches!(clause[k - 1].kind, UnitKind::Coref(_))
            && matches!(clause[k].kind, UnitKind::Post { .. });
        if !event_before_post
            && !clause[k - 1].is_punct('、')
            && matches!(
                clause[k - 1].kind,
                UnitKind::Person(_)
                    | UnitKind::Trigger(..)
                    | UnitKind::Event(_)
                    | UnitKind::Coref(_)
                    | UnitKind::Punct(_)
            )
        {
            return None;
        }
        if !matches!(
            clause[k].kind,
            UnitKind::Person(_) | UnitKind::Post { .. } | UnitKind::Org(_) | UnitKind::Place(_)
        ) {
            continue;
        }
        let end = noun_phrase_end(clause, k);
        if clause[k..end]
            .iter()
            .any(|u| matches!(u.kind, UnitKind::Person(_)))
        {
            return Some((k, end));
        }
    }
    None
}

/// Whether a clause is one item of an attendance list: names with their
/// post chains (perhaps after a short modifier) and nothing after them.
fn is_list_item(clause: &[Unit]) -> bool {
    let holds_person = |(start, end): (usize, usize)| {
        end == clause.len()
            && clause[start..end]
                .iter()
                .any(|u| matches!(u.kind, UnitKind::Person(_)))
    };
    holds_person(subject_phrase(clause))
        || modified_phrase(clause).is_some_and(holds_person)
        || body_group(clause, 0).is_some_and(|(_, end)| end == clause.len())
}

/// Words for a body's people when they are not named (相关单位人员).
const PEOPLE_NOUNS: [&str; 8] = [
    "人员",
    "工作人员",
    "负责人",
    "负责同志",
    "主要负责人",
    "代表",
    "干部",
    "职工",
];
/// Words between the bodies and their people (等相关单位…).
const GROUP_FILLERS: [&str; 7] = ["等", "相关", "有关", "单位", "部门", "的", "各"];

/// Bodies standing for their people (rule 9): bodies joined by 、 or a
/// conjunction from `from`, then 等/相关/单位…, then a word for their people
/// (区政府办、财政局等相关单位人员). A bare body after a placed one shares
/// its place (区政府办、财政局 → 区财政局). Returns the bodies and the index
/// after the people word.
fn body_group(clause: &[Unit], from: usize) -> Option<(Vec<OrgMention>, usize)> {
    let mut orgs: Vec<OrgMention> = Vec::new();
    let mut i = from;
    while let Some(u) = clause.get(i) {
        match &u.kind {
            UnitKind::Org(o) if o.is_bare() => {
                let prev = orgs.last()?;
                let inherited = match prev.relative {
                    Some(level) if prev.places.is_empty() => OrgMention {
                        text: format!("{level}{}", o.text),
                        places: Vec::new(),
                        relative: Some(level),
                        named: false,
                    },
                    _ if !prev.places.is_empty() => OrgMention {
                        text: format!("{}{}", prev.places.concat(), o.text),
                        places: prev.places.clone(),
                        relative: None,
                        named: false,
                    },
                    _ => return None,
                };
                orgs.push(inherited);
            }
            UnitKind::Org(o) => orgs.push(OrgMention::clone(o)),
            UnitKind::Punct('、') => {}
            UnitKind::Word { text, .. } if matches!(*text, "和" | "及" | "与" | "以及") => {}
            _ => break,
        }
        i += 1;
    }
    if orgs.is_empty() {
        return None;
    }
    while clause
        .get(i)
        .and_then(Unit::word)
        .is_some_and(|w| GROUP_FILLERS.contains(&w))
    {
        i += 1;
    }
    let people = match clause.get(i).map(|u| &u.kind) {
        Some(UnitKind::Word { text, .. }) | Some(UnitKind::Post { text, .. }) => {
            PEOPLE_NOUNS.contains(text)
        }
        _ => false,
    };
    people.then_some((orgs, i + 1))
}

/// The leading noun phrase of a clause starting at `from`: persons, bodies,
/// posts, 、 and a few joining words. Returns its end.
fn noun_phrase_end(clause: &[Unit], from: usize) -> usize {
    let mut i = from;
    while i < clause.len() {
        let ok = match &clause[i].kind {
            UnitKind::Person(_) | UnitKind::Org(_) | UnitKind::Post { .. } => true,
            UnitKind::Punct('、') => true,
            UnitKind::Word { text, .. } => NP_WORDS.contains(text),
            _ => false,
        };
        if !ok {
            break;
        }
        i += 1;
    }
    i
}

fn persons_in<'a>(units: &[Unit<'a>]) -> Vec<&'a str> {
    units
        .iter()
        .filter_map(|u| match u.kind {
            UnitKind::Person(n) => Some(n),
            _ => None,
        })
        .collect()
}

fn orgs_in(units: &[Unit]) -> Vec<OrgMention> {
    units
        .iter()
        .filter_map(|u| match &u.kind {
            UnitKind::Org(o) if !o.is_bare() => Some(OrgMention::clone(o)),
            _ => None,
        })
        .collect()
}

/// attended / spokeAt / presided in one clause.
fn participation<'a>(
    clause: &[Unit<'a>],
    earlier: &[(usize, usize)],
    units: &[Unit<'a>],
    sentence_events: &[&'a str],
    facts: &mut SentenceFacts<'a>,
) {
    let (np_start, np_end) = subject_phrase(clause);
    let np = &clause[np_start..np_end];
    let persons = persons_in(np);
    let mut listed: Vec<&str> = Vec::new();
    let mut listed_bodies: Vec<OrgMention> = Vec::new();
    // A list that runs over several clauses (甲，副主任乙、丙，秘书长丁出席):
    // each earlier clause that is a list item (a post chain and names,
    // perhaps after a short modifier) belongs to this subject. The list
    // stops at the first clause that is not an item.
    if np_start == 0 && np_end > 0 && !persons.is_empty() {
        for &(a, b) in earlier.iter().rev() {
            let c = &units[a..b];
            // Posts of the next item's person, split over commas.
            if is_chain_clause(c) {
                continue;
            }
            if !is_list_item(c) {
                break;
            }
            let mut more = persons_in(c);
            more.append(&mut listed);
            listed = more;
            if let Some((mut bodies, _)) = body_group(c, 0) {
                bodies.append(&mut listed_bodies);
                listed_bodies = bodies;
            }
        }
    }
    // 由X主持: the phrase after 由.
    let by = clause.iter().position(|u| u.word() == Some("由"));
    // The agent after 由 runs to the verb: its noun phrase, or, when a body
    // the recognizer does not know opens it (由学生工作部副主任甲主持), the
    // names between 由 and the verb.
    let by_persons = by.map(|b| {
        let np = persons_in(&clause[b + 1..noun_phrase_end(clause, b + 1)]);
        if !np.is_empty() {
            return np;
        }
        let rest = &clause[b + 1..];
        let verb = rest
            .iter()
            .position(|u| matches!(u.kind, UnitKind::Trigger(..) | UnitKind::Punct(_)))
            .unwrap_or(rest.len());
        let span = &rest[..verb];
        if span.len() <= MAX_ITEM_MODIFIER + 4
            && matches!(span.last().map(|u| &u.kind), Some(UnitKind::Person(_)))
        {
            persons_in(span)
        } else {
            Vec::new()
        }
    });
    // Bodies speak when no person is named: (X、Y负责人在会上作交流发言).
    // ，并作了讲话: a clause opened by 并 with no subject of its own
    // continues the subject of the clause before it.
    let carried: Vec<&str> = match (clause.first().and_then(Unit::word), earlier.last()) {
        // jieba glues 并 to the verb or preposition after it (并作, 并在),
        // never to a negation (并未, 并不) here.
        (
            Some("并" | "并且" | "并作" | "并做" | "并在" | "并就" | "并向" | "并为"),
            Some(&(a, b)),
        ) if persons.is_empty() => {
            let prev = &units[a..b];
            let (s, e) = subject_phrase(prev);
            persons_in(&prev[s..e])
        }
        _ => Vec::new(),
    };
    let orgs = if persons.is_empty()
        && np.iter().any(|u| {
            matches!(&u.kind, UnitKind::Post { text, .. } if text.contains("负责人"))
                || u.word().is_some_and(|w| w == "代表")
        }) {
        orgs_in(np)
    } else {
        Vec::new()
    };
    if clause.iter().any(|u| {
        matches!(u.kind, UnitKind::Word { text, .. } if QUOTE_VERBS.contains(&text)) && np_end > 0
    }) {
        facts.speakers.extend(persons_in(np));
    }

    for (t, u) in clause.iter().enumerate() {
        let UnitKind::Trigger(kind, word) = u.kind else {
            continue;
        };
        if !trigger_holds(clause, t, kind, word) {
            continue;
        }
        // The list's last item may be bodies standing for their people
        // (甲、乙和某公司相关人员参加).
        let group = (np_start..np_end.min(t))
            .filter(|&k| matches!(clause[k].kind, UnitKind::Org(_)))
            .find_map(|k| body_group(clause, k).filter(|&(_, end)| end == t))
            .map(|(bodies, _)| bodies)
            .unwrap_or_default();
        let subjects: Vec<SubjectRef> = match &by_persons {
            Some(ps) if by.is_some_and(|b| b < t) && !ps.is_empty() => {
                ps.iter().copied().map(SubjectRef::Person).collect()
            }
            _ if t >= np_end && !persons.is_empty() => {
                persons.iter().copied().map(SubjectRef::Person).collect()
            }
            _ if t >= np_end && !orgs.is_empty() => {
                orgs.iter().cloned().map(SubjectRef::Org).collect()
            }
            // Bodies alone as the subject (甲市社科联、乙市社科联在大会上作
            // 交流发言): they spoke, framed at an event, or attended.
            _ if t >= np_end
                && np_start == 0
                && persons.is_empty()
                && np.iter().all(|u| {
                    matches!(u.kind, UnitKind::Org(_) | UnitKind::Punct('、'))
                        || u.word().is_some_and(|w| matches!(w, "和" | "及" | "与"))
                })
                && (kind == TriggerKind::Attend && t == np_end
                    || kind == TriggerKind::Speak && frame_before(clause, t).is_some()) =>
            {
                orgs_in(np).into_iter().map(SubjectRef::Org).collect()
            }
            _ if !carried.is_empty() => carried.iter().copied().map(SubjectRef::Person).collect(),
            _ if !group.is_empty() => Vec::new(),
            _ => continue,
        };
        let frame = frame_before(clause, t);
        let object =
            object_after(clause, t)
                .or_else(|| frame.clone())
                .unwrap_or(match sentence_events {
                    [one] => ObjectRef::Event(one),
                    _ => ObjectRef::Context,
                });
        let (predicate, rule, confidence) = match kind {
            // 大会执行主席甲宣布大会开幕: a session's chair declaring it open
            // presides (rule 14); anyone else declaring it open attended.
            TriggerKind::Attend
                if word == "宣布"
                    && clause[..t].iter().any(
                        |u| matches!(u.kind, UnitKind::Post { text, .. } if text.ends_with("执行主席")),
                    )
                    && clause[t + 1..].iter().any(|u| {
                        u.word()
                            .is_some_and(|w| w.contains("开幕") || w.contains("闭幕"))
                    }) =>
            {
                (Predicate::Presided, Rule::PresideVerb, 0.85)
            }
            TriggerKind::Attend => (Predicate::Attended, Rule::AttendVerb, 0.9),
            TriggerKind::Speak => (Predicate::SpokeAt, Rule::SpeechVerb, 0.9),
            TriggerKind::Preside => (Predicate::Presided, Rule::PresideVerb, 0.9),
            TriggerKind::Say => {
                if frame.is_some() || presides_before(clause, t) {
                    (Predicate::SpokeAt, Rule::SayAtEvent, 0.85)
                } else {
                    if t == np_end {
                        for s in &subjects {
                            if let SubjectRef::Person(p) = s {
                                facts.says.push(SayCandidate { person: p });
                            }
                        }
                    }
                    continue;
                }
            }
        };
        let mut push = |subject: SubjectRef<'a>, rule: Rule, confidence: f32| {
            facts.relations.push(RawRelation {
                subject,
                predicate,
                object: object.clone(),
                roles: Vec::new(),
                rule,
                confidence,
            })
        };
        for s in &subjects {
            push(s.clone(), rule, confidence);
        }
        // Bodies standing for their people as the list's last item.
        let attend_like = matches!(predicate, Predicate::Attended | Predicate::SpokeAt);
        if attend_like && subjects.iter().all(|s| !matches!(s, SubjectRef::Org(_))) {
            for o in &group {
                push(SubjectRef::Org(o.clone()), rule, confidence * 0.9);
            }
        }
        // The earlier items of the list share the verb, when the clause's
        // own subjects are the list's last item.
        let last_item = matches!(subjects.first(), Some(SubjectRef::Person(p)) if persons.contains(p))
            || (subjects.is_empty() || persons.is_empty()) && !group.is_empty();
        if last_item {
            if attend_like {
                for o in &listed_bodies {
                    push(
                        SubjectRef::Org(o.clone()),
                        Rule::ListItem,
                        confidence * 0.85,
                    );
                }
            }
            for &p in &listed {
                push(SubjectRef::Person(p), Rule::ListItem, confidence * 0.95);
            }
        }
    }
}

/// Words that open a list after its verb (`出席会议的领导有：`).
const LIST_OPENERS: [&str; 5] = ["有", "是", "包括", "包括了", "还有"];

/// A list after its verb: an attend verb, its event, `的`, a head noun and
/// `有`/`包括`, then the names to the end of the sentence
/// (`应邀出席大会的领导有：甲、乙，副市长丙等`). Every person listed attended.
fn list_after_verb<'a>(units: &[Unit<'a>], facts: &mut SentenceFacts<'a>) {
    for (t, u) in units.iter().enumerate() {
        if !matches!(u.kind, UnitKind::Trigger(TriggerKind::Attend, _)) {
            continue;
        }
        // 的 within the next three units (the event may stand between).
        let Some(de) = (t + 1..units.len().min(t + 4)).find(|&i| units[i].word() == Some("的"))
        else {
            continue;
        };
        // The opener within the next six units, before any clause break.
        let mut opener = None;
        for (i, v) in units
            .iter()
            .enumerate()
            .take(units.len().min(de + 7))
            .skip(de + 1)
        {
            if matches!(
                v.kind,
                UnitKind::Punct(_) | UnitKind::Trigger(..) | UnitKind::Person(_)
            ) {
                break;
            }
            if v.word()
                .is_some_and(|w| LIST_OPENERS.iter().any(|o| w.starts_with(o)))
            {
                opener = Some(i);
                break;
            }
        }
        let Some(opener) = opener else { continue };
        let object = object_after(&units[..de], t).unwrap_or(ObjectRef::Context);
        let mut depth = 0usize;
        for v in &units[opener + 1..] {
            match v.kind {
                UnitKind::Punct('(' | '（') => depth += 1,
                UnitKind::Punct(')' | '）') => depth = depth.saturating_sub(1),
                UnitKind::Person(p) if depth == 0 => facts.relations.push(RawRelation {
                    subject: SubjectRef::Person(p),
                    predicate: Predicate::Attended,
                    object: object.clone(),
                    roles: Vec::new(),
                    rule: Rule::ListAfterVerb,
                    confidence: 0.85,
                }),
                _ => {}
            }
        }
    }
}

/// Whether a trigger word is used as a verb of participation here.
fn trigger_holds(clause: &[Unit], t: usize, kind: TriggerKind, word: &str) -> bool {
    let next = clause.get(t + 1);
    let next_word = next.and_then(|u| u.word()).unwrap_or("");
    let prev_word = t
        .checked_sub(1)
        .and_then(|i| clause[i].word())
        .unwrap_or("");
    let next_is_event =
        next.is_some_and(|u| matches!(u.kind, UnitKind::Event(_) | UnitKind::Coref(_)));
    // 与会人员, 主持人, 讲话精神: nouns, not verbs.
    if ["人", "人员", "者", "代表", "嘉宾", "领导", "精神", "稿"]
        .iter()
        .any(|w| next_word.starts_with(w))
    {
        return false;
    }
    // 的讲话, 的报告: someone's speech mentioned, not given here; but 作关于…
    // 的报告 gives it (作 opening the object, not 所作的/作的 of a relative
    // clause).
    if prev_word == "的" && matches!(kind, TriggerKind::Speak) {
        let gives = (0..t.saturating_sub(2)).any(|k| {
            matches!(clause[k].word(), Some("作" | "做" | "作了" | "做了"))
                && !(k > 0 && clause[k - 1].word() == Some("所"))
                && clause[k + 1].word() != Some("的")
        });
        if !gives {
            return false;
        }
    }
    match word {
        // 参加 closing its clause (甲、乙等领导参加。) has the sentence's or
        // the article's event as its object.
        "参加" if next.is_none() => t > 0,
        "参加" | "宣布" | "揭牌" | "颁奖" => {
            next_is_event
                || word == "揭牌"
                || word == "宣布"
                    && next
                        .is_some_and(|u| matches!(u.kind, UnitKind::Coref(_) | UnitKind::Event(_)))
        }
        // 作报告; jieba may glue the verb to what precedes it (会上作 → 上作).
        "报告" => clause[..t].iter().any(|u| {
            matches!(u.word(), Some("作" | "做" | "作了" | "做了")) || is_glued_shang_zuo(u)
        }),
        "主持" => !matches!(next_word, "工作" | "全面工作" | "日常工作"),
        _ => true,
    }
}

/// The event right after a trigger (出席省委…会议, 出席会议, 出席开幕式).
fn object_after<'a>(clause: &[Unit<'a>], t: usize) -> Option<ObjectRef<'a>> {
    for u in &clause[t + 1..] {
        match u.kind {
            UnitKind::Event(e) => return Some(ObjectRef::Event(e)),
            UnitKind::Coref(c) => return Some(ObjectRef::Coref(c)),
            UnitKind::Trigger(..) => return None,
            UnitKind::Word { text, .. } if text == "并" || text == "和" => return None,
            _ => {}
        }
    }
    None
}

/// The event of a `在X上` / `在X时` frame before the trigger.
fn frame_before<'a>(clause: &[Unit<'a>], t: usize) -> Option<ObjectRef<'a>> {
    let at = clause[..t].iter().rposition(|u| u.word() == Some("在"))?;
    let inside = &clause[at + 1..t];
    let closed = inside
        .iter()
        .any(|u| matches!(u.word(), Some("上" | "时" | "中")) || is_glued_shang_zuo(u))
        || inside
            .iter()
            .any(|u| matches!(u.kind, UnitKind::Coref(c) if c.ends_with('上')));
    if !closed {
        return None;
    }
    inside.iter().find_map(|u| match u.kind {
        UnitKind::Event(e) => Some(ObjectRef::Event(e)),
        UnitKind::Coref(c) => Some(ObjectRef::Coref(c)),
        _ => None,
    })
}

/// 上作 / 上做了: jieba's glue of the frame's 上 and the verb 作 (在大会上作报告).
fn is_glued_shang_zuo(u: &Unit) -> bool {
    u.word().is_some_and(|w| {
        let rest = w.strip_prefix('上').unwrap_or("");
        matches!(rest, "作" | "做" | "作了" | "做了")
    })
}

/// 在主持会议时强调: a speech while presiding.
fn presides_before(clause: &[Unit], t: usize) -> bool {
    clause[..t]
        .iter()
        .any(|u| matches!(u.kind, UnitKind::Trigger(TriggerKind::Preside, _)))
}

/// Places and bodies in `在X举行/召开/开幕`.
fn venue<'a>(clause: &[Unit<'a>], facts: &mut SentenceFacts<'a>) {
    let Some(hold) = clause
        .iter()
        .position(|u| u.word().is_some_and(|w| HOLD_VERBS.contains(&w)))
    else {
        return;
    };
    let Some(at) = clause[..hold].iter().rposition(|u| u.word() == Some("在")) else {
        return;
    };
    if let Some(u) = clause[at + 1..hold]
        .iter()
        .find(|u| matches!(u.kind, UnitKind::Place(_) | UnitKind::Org(_)))
    {
        facts.venues.push(u.clone());
    }
}
