//! What the graph explorer of `zhkg serve` reads: entity search by name,
//! the capped neighbourhood of an entity, the evidence behind an edge, and
//! the most connected entity. Each is one or two SPARQL queries on the store
//! run within [`QueryLimits`] (a time limit; a row cap on top of each
//! query's own `LIMIT`), so a hub of a large graph answers in bounded time
//! and size. Names, IRIs and dates from the client enter the queries only
//! as checked IRIs and quoted literals.

use crate::error::{Error, Result};
use crate::rdf;
use crate::store::{GraphStore, QueryLimits, ResultFormat};
use oxigraph::model::{Literal, NamedNode};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use zhkg_extract::model::{EntityType, Predicate};

/// Most results a search gives.
pub const MAX_SEARCH: usize = 50;
/// Most edges a neighbourhood gives (its nodes are their ends).
pub const MAX_NEIGHBOURHOOD: usize = 500;
/// Names a search ranks at most (the first found; a text that common
/// finds its best matches among them).
const SEARCH_CANDIDATES: usize = 5000;
/// Most evidence records an edge gives.
pub const MAX_EVIDENCE: usize = 200;

/// An entity as the explorer draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub iri: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
}

/// A search hit, or the most connected entity: a node and how many
/// relation triples it takes part in (`None` for search hits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    #[serde(flatten)]
    pub node: Node,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub degree: Option<usize>,
}

/// One relation between two entities, with how many facts (sentences in
/// documents) state it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    /// `attended`, `spokeAt`, `presided` or `memberOf`.
    pub predicate: Predicate,
    /// The predicate in Chinese, as the DOT export labels it.
    pub label: &'static str,
    pub facts: usize,
}

/// An entity with its neighbours (`nodes` includes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Neighbourhood {
    pub center: Node,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Edges were left out at the cap (the strongest, by facts, are kept).
    pub truncated: bool,
}

/// One fact behind an edge: the sentence, where it is, how it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub sentence: String,
    pub document: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub rule: String,
    pub confidence: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// What a neighbourhood keeps: some predicates, some neighbour types, facts
/// from documents published in a date range (ISO dates compared as text;
/// a bound excludes facts whose document has no date). Empty: all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub predicates: Vec<Predicate>,
    pub types: Vec<EntityType>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Filter {
    /// A filter from the explorer's parameters: comma-separated predicate
    /// and type names, ISO dates (`2015`, `2015-09`, `2015-09-16`).
    pub fn parse(
        predicates: Option<&str>,
        types: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Filter> {
        let names = |s: Option<&str>| -> Vec<String> {
            s.unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let predicates = names(predicates)
            .iter()
            .map(|p| {
                Predicate::parse(p).ok_or_else(|| {
                    Error::Usage(format!(
                        "unknown predicate {p:?} (attended, spokeAt, presided, memberOf)"
                    ))
                })
            })
            .collect::<Result<_>>()?;
        let types = names(types)
            .iter()
            .map(|t| {
                EntityType::parse(t).ok_or_else(|| {
                    Error::Usage(format!(
                        "unknown type {t:?} (Person, Organization, Event, Place)"
                    ))
                })
            })
            .collect::<Result<_>>()?;
        let date = |d: Option<&str>| -> Result<Option<String>> {
            match d.map(str::trim).filter(|d| !d.is_empty()) {
                None => Ok(None),
                Some(d) if is_date(d) => Ok(Some(d.to_owned())),
                Some(d) => Err(Error::Usage(format!(
                    "{d:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                ))),
            }
        };
        Ok(Filter {
            predicates,
            types,
            from: date(from)?,
            to: date(to)?,
        })
    }
}

fn is_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, day] => digits(y, 4) && digits(m, 2) && digits(day, 2),
        _ => false,
    }
}

/// The Chinese label of a predicate (as on the DOT export's edges).
pub fn predicate_label(p: Predicate) -> &'static str {
    match p {
        Predicate::Attended => "出席",
        Predicate::SpokeAt => "讲话",
        Predicate::Presided => "主持",
        Predicate::MemberOf => "任职",
    }
}

fn literal(s: &str) -> String {
    Literal::new_simple_literal(s).to_string()
}

/// An IRI from a client, checked, in SPARQL form.
fn iri(s: &str) -> Result<String> {
    NamedNode::new(s)
        .map(|n| n.to_string())
        .map_err(|e| Error::Usage(format!("{s:?} is not an IRI: {e}")))
}

fn values<T: Copy>(var: &str, items: &[T], all: &[T], to_iri: impl Fn(T) -> NamedNode) -> String {
    let items = if items.is_empty() { all } else { items };
    let list: Vec<String> = items.iter().map(|x| to_iri(*x).to_string()).collect();
    format!("VALUES ?{var} {{ {} }}", list.join(" "))
}

/// `a, b, c`: the IRIs of `items` (all of `all` when empty), for `IN (…)`.
fn in_list<T: Copy>(items: &[T], all: &[T], to_iri: impl Fn(T) -> NamedNode) -> String {
    let items = if items.is_empty() { all } else { items };
    let list: Vec<String> = items.iter().map(|x| to_iri(*x).to_string()).collect();
    list.join(", ")
}

type Row = HashMap<String, String>;

/// Runs a SELECT within `limits` and returns its rows (each variable's
/// value as text) and whether the row cap cut them.
fn select(store: &GraphStore, sparql: &str, limits: QueryLimits) -> Result<(Vec<Row>, bool)> {
    let mut out = Vec::new();
    let outcome = store.query_to_limited(sparql, ResultFormat::Json, &mut out, limits)?;
    let json: serde_json::Value = serde_json::from_slice(&out)
        .map_err(|e| Error::QueryEval(format!("results of the store: {e}")))?;
    let rows = json["results"]["bindings"]
        .as_array()
        .map(|bindings| {
            bindings
                .iter()
                .filter_map(|b| b.as_object())
                .map(|b| {
                    b.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v["value"].as_str()?.to_owned())))
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default();
    Ok((rows, outcome.truncated))
}

fn node_of(row: &Row, var: &str) -> Option<Node> {
    Some(Node {
        iri: row.get(var)?.clone(),
        name: row.get("name")?.clone(),
        kind: rdf::type_of_class(row.get("class")?)?,
    })
}

/// Entities whose name (or another name of theirs) contains `text`, names
/// starting with it first, then shorter names first; at most `limit`
/// (capped at [`MAX_SEARCH`]).
pub fn search(
    store: &GraphStore,
    text: &str,
    limit: usize,
    limits: QueryLimits,
) -> Result<Vec<Hit>> {
    let text = rdf::normalize_name(text);
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let limit = limit.clamp(1, MAX_SEARCH);
    // The matching names first (a scan of the names, cheap), ranked here;
    // then the type and main name of the best few. (One query joining
    // both lets Oxigraph start from every typed entity.)
    let (rows, _) = select(
        store,
        &format!(
            "{}SELECT ?e ?m WHERE {{
               ?e schema:name|schema:alternateName ?m .
               FILTER(CONTAINS(STR(?m), {}))
             }} LIMIT {SEARCH_CANDIDATES}",
            rdf::PREFIXES,
            literal(&text)
        ),
        limits,
    )?;
    let mut matches: Vec<(bool, usize, &str, &str)> = rows
        .iter()
        .filter_map(|r| {
            let (e, m) = (r.get("e")?, r.get("m")?);
            Some((
                !m.starts_with(&text),
                m.chars().count(),
                m.as_str(),
                e.as_str(),
            ))
        })
        .collect();
    matches.sort();
    let mut best: Vec<&str> = Vec::new();
    for (_, _, _, e) in matches {
        if !best.contains(&e) {
            best.push(e);
            if best.len() == limit {
                break;
            }
        }
    }
    Ok(nodes_by_iri(store, &best, limits)?
        .into_iter()
        .map(|node| Hit { node, degree: None })
        .collect())
}

/// The entity taking part in the most relation triples, if any.
pub fn most_connected(store: &GraphStore, limits: QueryLimits) -> Result<Option<Hit>> {
    let (rows, _) = select(
        store,
        &format!(
            "{}SELECT ?e (COUNT(*) AS ?degree) WHERE {{
               {}
               {{ ?e ?p ?x }} UNION {{ ?x ?p ?e }}
             }} GROUP BY ?e ORDER BY DESC(?degree) LIMIT 1",
            rdf::PREFIXES,
            values("p", &[], &Predicate::ALL, rdf::predicate_iri)
        ),
        limits,
    )?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let (Some(e), Some(degree)) = (row.get("e"), row.get("degree")) else {
        return Ok(None);
    };
    let node = node_by_iri(store, e, limits)?;
    Ok(node.map(|node| Hit {
        node,
        degree: degree.parse().ok(),
    }))
}

fn nodes_by_iri(store: &GraphStore, iris: &[&str], limits: QueryLimits) -> Result<Vec<Node>> {
    if iris.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = iris.iter().map(|i| iri(i)).collect::<Result<_>>()?;
    let (rows, _) = select(
        store,
        &format!(
            // (The classes as a FILTER: as VALUES, Oxigraph starts from
            // every entity of each class.)
            "{}SELECT ?e (SAMPLE(?n) AS ?name) (SAMPLE(?c) AS ?class) WHERE {{
               VALUES ?e {{ {} }}
               ?e a ?c ; schema:name ?n . FILTER(?c IN ({}))
             }} GROUP BY ?e",
            rdf::PREFIXES,
            list.join(" "),
            in_list(&[], &EntityType::ALL, rdf::class_iri)
        ),
        QueryLimits {
            max_results: None,
            ..limits
        },
    )?;
    let mut found: HashMap<String, Node> = rows
        .iter()
        .filter_map(|r| node_of(r, "e"))
        .map(|n| (n.iri.clone(), n))
        .collect();
    Ok(iris.iter().filter_map(|i| found.remove(*i)).collect())
}

/// The entity with this IRI, if the store has it.
pub fn node_by_iri(store: &GraphStore, entity: &str, limits: QueryLimits) -> Result<Option<Node>> {
    Ok(nodes_by_iri(store, &[entity], limits)?.into_iter().next())
}

/// The relations of an entity (both directions) and the entities at their
/// other ends, as `filter` keeps them; at most `limit` edges (capped at
/// [`MAX_NEIGHBOURHOOD`]), those stated by most facts first. `None` when
/// the store has no such entity.
pub fn neighbourhood(
    store: &GraphStore,
    entity: &str,
    filter: &Filter,
    limit: usize,
    limits: QueryLimits,
) -> Result<Option<Neighbourhood>> {
    let Some(center) = node_by_iri(store, entity, limits)? else {
        return Ok(None);
    };
    let limit = limit.clamp(1, MAX_NEIGHBOURHOOD);
    let me = iri(entity)?;
    let types = if filter.types.is_empty() {
        String::new()
    } else {
        format!(
            "?n a ?class . FILTER(?class IN ({}))",
            in_list(&filter.types, &EntityType::ALL, rdf::class_iri)
        )
    };
    let mut dates = String::new();
    if filter.from.is_some() || filter.to.is_some() {
        dates.push_str("?f prov:wasDerivedFrom ?d . ?d schema:datePublished ?date .");
        if let Some(from) = &filter.from {
            dates.push_str(&format!(" FILTER(STR(?date) >= {})", literal(from)));
        }
        if let Some(to) = &filter.to {
            // `to` covers the whole of its day, month or year.
            dates.push_str(&format!(
                " FILTER(SUBSTR(STR(?date), 1, {}) <= {})",
                to.len(),
                literal(to)
            ));
        }
    }
    let (rows, truncated) = select(
        store,
        // From the facts (each relation triple has at least one): the
        // statement index starts at the entity, where a join from the
        // relation triples to their facts makes Oxigraph scan every fact
        // of the predicate. Ordered by facts alone: a tie-break on IRIs
        // costs more than the rest on a hub.
        &format!(
            "{}SELECT ?s ?p ?o (COUNT(DISTINCT ?f) AS ?facts) WHERE {{
               {{ ?f rdf:subject {me} ; rdf:predicate ?p ; rdf:object ?o .
                  BIND({me} AS ?s) BIND(?o AS ?n) }}
               UNION
               {{ ?f rdf:object {me} ; rdf:predicate ?p ; rdf:subject ?s .
                  BIND({me} AS ?o) BIND(?s AS ?n) }}
               FILTER(?p IN ({}))
               {types}
               {dates}
             }} GROUP BY ?s ?p ?o ORDER BY DESC(?facts)",
            rdf::PREFIXES,
            in_list(&filter.predicates, &Predicate::ALL, rdf::predicate_iri),
        ),
        QueryLimits {
            max_results: Some(limits.max_results.unwrap_or(usize::MAX).min(limit)),
            ..limits
        },
    )?;
    let mut edges = Vec::new();
    let mut others: BTreeMap<String, ()> = BTreeMap::new();
    for r in &rows {
        let (Some(s), Some(p), Some(o)) = (r.get("s"), r.get("p"), r.get("o")) else {
            continue;
        };
        let Some(predicate) = rdf::predicate_of_iri(p) else {
            continue;
        };
        for end in [s, o] {
            if end != entity {
                others.insert(end.clone(), ());
            }
        }
        edges.push(Edge {
            source: s.clone(),
            target: o.clone(),
            predicate,
            label: predicate_label(predicate),
            facts: r.get("facts").and_then(|f| f.parse().ok()).unwrap_or(0),
        });
    }
    let iris: Vec<&str> = others.keys().map(String::as_str).collect();
    let mut nodes = vec![center.clone()];
    nodes.extend(nodes_by_iri(store, &iris, limits)?);
    // An edge whose other end is not a typed, named entity is left out.
    let known: std::collections::HashSet<&str> = nodes.iter().map(|n| n.iri.as_str()).collect();
    let edges: Vec<Edge> = edges
        .into_iter()
        .filter(|e| known.contains(e.source.as_str()) && known.contains(e.target.as_str()))
        .collect();
    Ok(Some(Neighbourhood {
        center,
        nodes,
        edges,
        truncated,
    }))
}

/// The facts that state `subject predicate object`: sentence, document,
/// rule, confidence (highest first); at most `limit` (capped at
/// [`MAX_EVIDENCE`]).
pub fn evidence(
    store: &GraphStore,
    subject: &str,
    predicate: &str,
    object: &str,
    limit: usize,
    limits: QueryLimits,
) -> Result<Vec<Evidence>> {
    let limit = limit.clamp(1, MAX_EVIDENCE);
    let (s, p, o) = (iri(subject)?, iri(predicate)?, iri(object)?);
    let (rows, _) = select(
        store,
        &format!(
            "{}SELECT ?ev ?doc ?title ?date ?rule ?conf ?role WHERE {{
               ?f rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} ;
                  prov:wasDerivedFrom ?d ; zhkg:evidence ?ev ;
                  zhkg:rule ?rule ; zhkg:confidence ?conf .
               ?d schema:identifier ?doc .
               OPTIONAL {{ ?d schema:headline ?title }}
               OPTIONAL {{ ?d schema:datePublished ?date }}
               OPTIONAL {{ ?f zhkg:role ?role }}
             }} ORDER BY DESC(?conf) ?doc ?ev LIMIT {limit}",
            rdf::PREFIXES
        ),
        limits,
    )?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some(Evidence {
                sentence: r.get("ev")?.clone(),
                document: r.get("doc")?.clone(),
                title: r.get("title").cloned(),
                date: r.get("date").cloned(),
                rule: r.get("rule")?.clone(),
                confidence: r.get("conf")?.parse().ok()?,
                role: r.get("role").cloned(),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhkg_extract::model::{DocMeta, Document, Entity, Extraction, Relation, Rule};

    fn entity(name: &str, kind: EntityType) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: vec![],
            mentions: vec![[0, 1]],
            event: Default::default(),
            identity: Default::default(),
        }
    }

    fn relation(s: &str, p: Predicate, o: &str, sentence: &str) -> Relation {
        Relation {
            subject: s.into(),
            subject_type: EntityType::Person,
            predicate: p,
            object: o.into(),
            object_type: if p == Predicate::MemberOf {
                EntityType::Organization
            } else {
                EntityType::Event
            },
            roles: if p == Predicate::MemberOf {
                vec!["书记".into()]
            } else {
                vec![]
            },
            evidence: sentence.into(),
            sentence: [0, 5],
            rule: Rule::PostChain,
            confidence: 0.9,
        }
    }

    /// Two documents: 张三 attends 大会 in both (one dated), 李四 presides
    /// over it in one, 张三 is a member of 某市委.
    fn store() -> GraphStore {
        let store = GraphStore::in_memory().unwrap();
        let doc = |id: &str, date: Option<&str>| Document {
            id: id.into(),
            text: "某市委书记张三出席大会。".into(),
            meta: DocMeta {
                source: format!("{id}.txt"),
                sha256: id.into(),
                date: date.map(str::to_owned),
                ..DocMeta::default()
            },
        };
        let ents = vec![
            entity("张三", EntityType::Person),
            entity("李四", EntityType::Person),
            entity("大会", EntityType::Event),
            entity("某市委", EntityType::Organization),
        ];
        let a = Extraction {
            id: "a".into(),
            entities: ents.clone(),
            relations: vec![
                relation("张三", Predicate::Attended, "大会", "张三出席大会。"),
                relation("李四", Predicate::Presided, "大会", "李四主持大会。"),
                relation("张三", Predicate::MemberOf, "某市委", "某市委书记张三。"),
            ],
        };
        let b = Extraction {
            id: "b".into(),
            entities: ents,
            relations: vec![relation(
                "张三",
                Predicate::Attended,
                "大会",
                "张三也出席了大会。",
            )],
        };
        store
            .load(&[(doc("a", None), a), (doc("b", Some("2015-09-16")), b)])
            .unwrap();
        store
    }

    fn person(name: &str) -> String {
        rdf::entity_iri(EntityType::Person, name)
            .as_str()
            .to_owned()
    }

    #[test]
    fn search_finds_names_containing_the_text_prefix_first() {
        let s = store();
        let hits = search(&s, "会", 10, QueryLimits::default()).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].node.name, "大会");
        assert_eq!(hits[0].node.kind, EntityType::Event);
        let hits = search(&s, "张", 10, QueryLimits::default()).unwrap();
        assert_eq!(hits[0].node.iri, person("张三"));
        assert!(search(&s, "王五", 10, QueryLimits::default())
            .unwrap()
            .is_empty());
        // A quote in the text is a character to look for, not SPARQL.
        assert!(search(&s, "\" } ", 10, QueryLimits::default())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn the_most_connected_entity_is_the_hub() {
        let hit = most_connected(&store(), QueryLimits::default())
            .unwrap()
            .unwrap();
        // 大会: attended by 张三, presided over by 李四; 张三: 大会, 某市委.
        assert!(hit.node.name == "大会" || hit.node.name == "张三");
        assert_eq!(hit.degree, Some(2));
        assert!(
            most_connected(&GraphStore::in_memory().unwrap(), QueryLimits::default())
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_neighbourhood_has_both_directions_and_counts_facts() {
        let s = store();
        let n = neighbourhood(
            &s,
            &person("张三"),
            &Filter::default(),
            100,
            QueryLimits::default(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(n.center.name, "张三");
        let mut names: Vec<&str> = n.nodes.iter().map(|x| x.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["大会", "张三", "某市委"]);
        assert_eq!(n.edges.len(), 2);
        // Stated in two documents: first, with its two facts.
        assert_eq!(n.edges[0].predicate, Predicate::Attended);
        assert_eq!(n.edges[0].facts, 2);
        assert_eq!(n.edges[0].label, "出席");
        assert!(!n.truncated);

        let event = rdf::entity_iri(EntityType::Event, "大会");
        let n = neighbourhood(
            &s,
            event.as_str(),
            &Filter::default(),
            1,
            QueryLimits::default(),
        )
        .unwrap()
        .unwrap();
        assert_eq!((n.edges.len(), n.nodes.len(), n.truncated), (1, 2, true));
        assert!(neighbourhood(
            &s,
            "https://w3id.org/zhkg/id/person/nobody",
            &Filter::default(),
            10,
            QueryLimits::default()
        )
        .unwrap()
        .is_none());
    }

    #[test]
    fn filters_keep_predicates_types_and_dates() {
        let s = store();
        let zhang = person("张三");
        let get = |f: Filter| {
            let n = neighbourhood(&s, &zhang, &f, 100, QueryLimits::default())
                .unwrap()
                .unwrap();
            n.edges
                .iter()
                .map(|e| (e.predicate, e.facts))
                .collect::<Vec<_>>()
        };
        let only = Filter::parse(Some("memberOf"), None, None, None).unwrap();
        assert_eq!(get(only), [(Predicate::MemberOf, 1)]);
        let events = Filter::parse(None, Some("Event"), None, None).unwrap();
        assert_eq!(get(events), [(Predicate::Attended, 2)]);
        // Only document b has a date: one of the two facts is in range.
        let dated = Filter::parse(None, None, Some("2015-09"), Some("2015-09-16")).unwrap();
        assert_eq!(get(dated), [(Predicate::Attended, 1)]);
        let before = Filter::parse(None, None, None, Some("2014")).unwrap();
        assert_eq!(get(before), []);
        assert!(Filter::parse(Some("likes"), None, None, None).is_err());
        assert!(Filter::parse(None, Some("Thing"), None, None).is_err());
        assert!(Filter::parse(None, None, Some("16/09/2015"), None).is_err());
    }

    #[test]
    fn evidence_gives_each_sentence_with_its_document() {
        let s = store();
        let ev = evidence(
            &s,
            &person("张三"),
            rdf::predicate_iri(Predicate::Attended).as_str(),
            rdf::entity_iri(EntityType::Event, "大会").as_str(),
            10,
            QueryLimits::default(),
        )
        .unwrap();
        let mut got: Vec<(&str, &str, Option<&str>)> = ev
            .iter()
            .map(|e| (e.document.as_str(), e.sentence.as_str(), e.date.as_deref()))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("a", "张三出席大会。", None),
                ("b", "张三也出席了大会。", Some("2015-09-16"))
            ]
        );
        assert_eq!(ev[0].rule, Rule::PostChain.as_str());
        assert!((ev[0].confidence - 0.9).abs() < 1e-9);
        assert!(evidence(&s, "not an iri", "x:y", "x:z", 10, QueryLimits::default()).is_err());
    }
}
