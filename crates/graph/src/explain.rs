//! `zhkg explain NAME`: every fact the store holds about an entity, each
//! with the sentence that states it, its document, rule and confidence, so
//! a user can check the graph against the text; and the identity of each
//! node of that name: its key, and per document the basis on which the
//! document's mention is that node. Mentions of one node in several
//! documents are one because they share the key; nodes of one name are
//! kept apart because their keys' contexts differ.

use crate::error::Result;
use crate::rdf;
use crate::store::GraphStore;
use oxigraph::model::Term;
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::Write;
use zhkg_extract::model::EntityType;

/// An entity with all it takes part in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub iri: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Other spellings the documents use.
    pub aliases: Vec<String>,
    /// Ids of the documents that mention it.
    pub documents: Vec<String>,
    /// Its identity key (read from its IRI): the name, then the context
    /// that tells it apart from namesakes.
    pub key: Vec<String>,
    /// Per document, the name it gives the node and why it is this node.
    pub bases: Vec<Basis>,
    pub facts: Vec<Fact>,
}

/// One document's mention of a node and the reason it is that node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Basis {
    pub document: String,
    pub name: String,
    /// Empty when the document gave no reason (the key is the name alone).
    pub basis: String,
}

impl Explanation {
    /// What the key adds to the name (`浙江`, `吉林 · 2025-02-26`), or
    /// `None` when the key is the name alone.
    pub fn context(&self) -> Option<String> {
        (self.key.len() > 1).then(|| self.key[1..].join(" · "))
    }
}

/// One fact with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub subject: String,
    pub predicate: String,
    pub object: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub document: String,
    pub rule: String,
    pub confidence: f64,
    pub evidence: String,
}

/// A string as a SPARQL literal (oxigraph writes it with the escapes
/// SPARQL and N-Triples share).
fn literal(s: &str) -> String {
    oxigraph::model::Literal::new_simple_literal(s).to_string()
}

fn value(t: &Option<Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Finds the entities named (or also called) `name`, after the same
/// normalization as entity IRIs (width and white space), and gathers their
/// facts. An unknown name gives an empty list.
pub fn explain(store: &GraphStore, name: &str) -> Result<Vec<Explanation>> {
    let wanted = rdf::normalize_name(name);
    let found = store.select(&format!(
        "{}SELECT DISTINCT ?e ?type ?name WHERE {{
           ?e schema:name|schema:alternateName ?n .
           FILTER(STR(?n) = {} || STR(?n) = {})
           ?e a ?type ; schema:name ?name .
         }} ORDER BY ?e",
        rdf::PREFIXES,
        literal(name.trim()),
        literal(&wanted)
    ))?;
    let mut out = Vec::new();
    for row in &found.rows {
        let iri = value(&row[0]);
        let Some(kind) = rdf::type_of_class(&value(&row[1])) else {
            continue;
        };
        let entity = format!("<{iri}>");
        let column = |pattern: &str| -> Result<Vec<String>> {
            Ok(store
                .select(&format!(
                    "{}SELECT DISTINCT ?x WHERE {{ {pattern} }} ORDER BY ?x",
                    rdf::PREFIXES
                ))?
                .rows
                .iter()
                .map(|r| value(&r[0]))
                .collect())
        };
        let aliases = column(&format!("{entity} schema:alternateName ?x"))?;
        let documents = column(&format!(
            "?d schema:mentions {entity} ; schema:identifier ?x"
        ))?;
        let key = rdf::key_of_iri(&iri)
            .map(|(_, key)| key)
            .unwrap_or_else(|| vec![value(&row[2])]);
        let bases = store.select(&format!(
            "{}SELECT ?doc ?n ?b WHERE {{
               GRAPH ?g {{
                 ?g schema:identifier ?doc ; schema:mentions {entity} .
                 {entity} schema:name ?n .
                 OPTIONAL {{ {entity} zhkg:identityBasis ?b }}
               }}
             }} ORDER BY ?doc ?n ?b",
            rdf::PREFIXES
        ))?;
        let mut bases: Vec<Basis> = bases
            .rows
            .iter()
            .map(|r| Basis {
                document: value(&r[0]),
                name: value(&r[1]),
                basis: value(&r[2]),
            })
            .collect();
        // One line per (document, basis): a document's longest name.
        bases.sort_by(|a, b| {
            (
                &a.document,
                &a.basis,
                std::cmp::Reverse(a.name.chars().count()),
                &a.name,
            )
                .cmp(&(
                    &b.document,
                    &b.basis,
                    std::cmp::Reverse(b.name.chars().count()),
                    &b.name,
                ))
        });
        bases.dedup_by(|b, a| a.document == b.document && a.basis == b.basis);
        let facts = store.select(&format!(
            "{}SELECT ?sn ?p ?on ?role ?doc ?rule ?conf ?ev WHERE {{
               {{ ?f rdf:subject {entity} }} UNION {{ ?f rdf:object {entity} }}
               ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                  prov:wasDerivedFrom ?d ; zhkg:evidence ?ev ;
                  zhkg:rule ?rule ; zhkg:confidence ?conf .
               OPTIONAL {{ ?f zhkg:role ?role }}
               ?s schema:name ?sn . ?o schema:name ?on . ?d schema:identifier ?doc .
             }} ORDER BY ?on ?sn ?doc ?ev",
            rdf::PREFIXES
        ))?;
        let mut seen = BTreeSet::new();
        let mut facts: Vec<Fact> = facts
            .rows
            .iter()
            .map(|r| Fact {
                subject: value(&r[0]),
                predicate: rdf::predicate_of_iri(&value(&r[1]))
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_else(|| value(&r[1])),
                object: value(&r[2]),
                role: r[3].as_ref().map(|_| value(&r[3])),
                document: value(&r[4]),
                rule: value(&r[5]),
                confidence: value(&r[6]).parse().unwrap_or(0.0),
                evidence: value(&r[7]),
            })
            .filter(|f| {
                seen.insert((
                    f.subject.clone(),
                    f.predicate.clone(),
                    f.object.clone(),
                    f.document.clone(),
                    f.evidence.clone(),
                ))
            })
            .collect();
        // attended, spokeAt, presided, memberOf; then by the other end.
        let rank = |p: &str| {
            zhkg_extract::model::Predicate::ALL
                .iter()
                .position(|x| x.as_str() == p)
                .unwrap_or(usize::MAX)
        };
        facts.sort_by(|a, b| {
            (rank(&a.predicate), &a.object, &a.subject, &a.document).cmp(&(
                rank(&b.predicate),
                &b.object,
                &b.subject,
                &b.document,
            ))
        });
        out.push(Explanation {
            iri,
            name: value(&row[2]),
            kind,
            aliases,
            documents,
            key,
            bases,
            facts,
        });
    }
    Ok(out)
}

/// Writes explanations for people: a header per entity, then each fact
/// with its provenance and the sentence, quoted.
pub fn write_text(list: &[Explanation], out: &mut dyn Write) -> std::io::Result<()> {
    for (i, e) in list.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{} ({}) <{}>", e.name, e.kind, e.iri)?;
        if !e.aliases.is_empty() {
            writeln!(out, "  also written: {}", e.aliases.join(", "))?;
        }
        writeln!(
            out,
            "  mentioned in {} document(s): {}",
            e.documents.len(),
            e.documents.join(", ")
        )?;
        write_identity(e, out)?;
        if e.facts.is_empty() {
            writeln!(out, "  no facts")?;
        }
        for f in &e.facts {
            let role = f
                .role
                .as_deref()
                .map(|r| format!(" (as {r})"))
                .unwrap_or_default();
            writeln!(out)?;
            writeln!(out, "  {} {} {}{role}", f.subject, f.predicate, f.object)?;
            writeln!(
                out,
                "    document {} · rule {} · confidence {}",
                f.document, f.rule, f.confidence
            )?;
            writeln!(out, "    「{}」", f.evidence)?;
        }
    }
    write_kept_apart(list, out)
}

/// The node's key, and why each document's mention is this node.
fn write_identity(e: &Explanation, out: &mut dyn Write) -> std::io::Result<()> {
    match e.context() {
        Some(c) => writeln!(out, "  identity: {} in the context {c}", e.key[0])?,
        None => writeln!(out, "  identity: the name {} alone", e.key[0])?,
    }
    if e.documents.len() > 1 {
        let alone = if e.key.len() == 1 {
            " (the name alone)"
        } else {
            ""
        };
        writeln!(
            out,
            "  one node in {} documents: their mentions share the key {}{alone}",
            e.documents.len(),
            e.key.join(" · ")
        )?;
    }
    for b in &e.bases {
        let kept = e.key.len() == 3 && e.key[1] == zhkg_extract::model::DOCUMENT_SCOPE;
        let basis = if !b.basis.is_empty() {
            &b.basis
        } else if kept {
            "kept to its document: the article gives no place, post or date to link it by"
        } else {
            "no context given: the name alone"
        };
        writeln!(out, "    {} ({}): {basis}", b.document, b.name)?;
    }
    Ok(())
}

/// When several nodes of one type share a name: which documents' mentions
/// were kept apart, and the contexts that differ.
fn write_kept_apart(list: &[Explanation], out: &mut dyn Write) -> std::io::Result<()> {
    let mut groups: std::collections::BTreeMap<(EntityType, &str), Vec<&Explanation>> =
        std::collections::BTreeMap::new();
    for e in list {
        let name = e.key.first().map_or(e.name.as_str(), String::as_str);
        groups.entry((e.kind, name)).or_default().push(e);
    }
    for ((kind, name), nodes) in groups.into_iter().filter(|(_, n)| n.len() > 1) {
        writeln!(out)?;
        writeln!(
            out,
            "kept apart: {} {kind} nodes named {name}, because their contexts differ:",
            nodes.len()
        )?;
        for e in nodes {
            let context = e.context().unwrap_or_else(|| "no context".into());
            writeln!(out, "  {context}: mentions in {}", e.documents.join(", "))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhkg_extract::model::{Document, Entity, Extraction, Predicate, Relation, Rule};

    fn store() -> GraphStore {
        let doc = Document {
            id: "d1".into(),
            text: "省工会大会召开。省总工会主席张三出席会议并讲话。".into(),
            meta: Default::default(),
        };
        let rel = |p, o: &str, ot, role: Option<&str>| Relation {
            subject: "张三".into(),
            subject_type: EntityType::Person,
            predicate: p,
            object: o.into(),
            object_type: ot,
            roles: role.into_iter().map(str::to_owned).collect(),
            evidence: "省总工会主席张三出席会议并讲话。".into(),
            sentence: [8, 24],
            rule: Rule::SpeechVerb,
            confidence: 0.9,
        };
        let ex = Extraction {
            id: "d1".into(),
            entities: vec![
                Entity {
                    name: "张三".into(),
                    kind: EntityType::Person,
                    aliases: vec![],
                    mentions: vec![[14, 16]],
                    event: Default::default(),
                    identity: Default::default(),
                },
                Entity {
                    name: "浙江省总工会".into(),
                    kind: EntityType::Organization,
                    aliases: vec!["省总工会".into()],
                    mentions: vec![[8, 12]],
                    event: Default::default(),
                    identity: Default::default(),
                },
                Entity {
                    name: "省工会大会".into(),
                    kind: EntityType::Event,
                    aliases: vec![],
                    mentions: vec![[0, 5]],
                    event: Default::default(),
                    identity: Default::default(),
                },
            ],
            relations: vec![
                rel(Predicate::Attended, "省工会大会", EntityType::Event, None),
                rel(
                    Predicate::MemberOf,
                    "浙江省总工会",
                    EntityType::Organization,
                    Some("主席"),
                ),
            ],
        };
        let store = GraphStore::in_memory().unwrap();
        store.load(&[(doc, ex)]).unwrap();
        store
    }

    #[test]
    fn finds_an_entity_by_name_or_alias_with_its_facts() {
        let s = store();
        let by_alias = explain(&s, "省总工会").unwrap();
        assert_eq!(by_alias.len(), 1);
        assert_eq!(by_alias[0].name, "浙江省总工会");
        assert_eq!(by_alias[0].facts.len(), 1);
        assert_eq!(by_alias[0].facts[0].role.as_deref(), Some("主席"));

        let person = explain(&s, " 张三 ").unwrap();
        assert_eq!(person.len(), 1);
        let preds: Vec<&str> = person[0]
            .facts
            .iter()
            .map(|f| f.predicate.as_str())
            .collect();
        assert_eq!(preds, ["attended", "memberOf"]);
        let f = &person[0].facts[0];
        assert_eq!(f.document, "d1");
        assert_eq!(f.rule, "speech-verb");
        assert!((f.confidence - 0.9).abs() < 1e-9);
        assert_eq!(f.evidence, "省总工会主席张三出席会议并讲话。");
        assert_eq!(person[0].documents, ["d1"]);

        let mut text = Vec::new();
        write_text(&person, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.contains("张三 memberOf 浙江省总工会 (as 主席)"),
            "{text}"
        );
        assert!(
            text.contains("「省总工会主席张三出席会议并讲话。」"),
            "{text}"
        );
    }

    #[test]
    fn an_unknown_name_or_a_quote_in_it_finds_nothing() {
        let s = store();
        // The same store explains the name it holds.
        assert_eq!(explain(&s, "张三").unwrap().len(), 1);
        assert!(explain(&s, "李四").unwrap().is_empty());
        assert!(explain(&s, "张\"三").unwrap().is_empty());
    }

    #[test]
    fn namesakes_are_kept_apart_and_one_node_says_why_it_is_one() {
        use zhkg_extract::model::Identity;
        let person = |key: &[&str], basis: &str| Entity {
            name: "王勇".into(),
            kind: EntityType::Person,
            aliases: vec![],
            mentions: vec![],
            event: Default::default(),
            identity: Identity {
                key: key.iter().map(|k| k.to_string()).collect(),
                basis: basis.into(),
            },
        };
        let doc = |id: &str, e: Entity| {
            (
                Document {
                    id: id.into(),
                    text: String::new(),
                    meta: Default::default(),
                },
                Extraction {
                    id: id.into(),
                    entities: vec![e],
                    relations: vec![],
                },
            )
        };
        let namesakes = GraphStore::in_memory().unwrap();
        namesakes
            .load(&[
                doc("d1", person(&["王勇", "浙江"], "浙江省人大常委会任职")),
                doc("d2", person(&["王勇", "浙江"], "宁波市人大常委会主任")),
                doc("d3", person(&["王勇", "吉林"], "吉林省委组织部任职")),
            ])
            .unwrap();
        let list = explain(&namesakes, "王勇").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].key, ["王勇", "吉林"]);
        assert_eq!(list[1].documents, ["d1", "d2"]);
        assert_eq!(list[1].context().as_deref(), Some("浙江"));
        assert_eq!(
            list[1].bases,
            [
                Basis {
                    document: "d1".into(),
                    name: "王勇".into(),
                    basis: "浙江省人大常委会任职".into()
                },
                Basis {
                    document: "d2".into(),
                    name: "王勇".into(),
                    basis: "宁波市人大常委会主任".into()
                },
            ]
        );
        let mut text = Vec::new();
        write_text(&list, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        for line in [
            "  identity: 王勇 in the context 浙江",
            "  one node in 2 documents: their mentions share the key 王勇 · 浙江",
            "    d2 (王勇): 宁波市人大常委会主任",
            "kept apart: 2 Person nodes named 王勇, because their contexts differ:",
            "  吉林: mentions in d3",
            "  浙江: mentions in d1, d2",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "no line {line:?} in:\n{text}"
            );
        }
        // A node of the name alone says so, and one node is not kept apart.
        let mut one = Vec::new();
        write_text(&explain(&store(), "张三").unwrap(), &mut one).unwrap();
        let one = String::from_utf8(one).unwrap();
        assert!(one.contains("  identity: the name 张三 alone"), "{one}");
        assert!(
            one.contains("    d1 (张三): no context given: the name alone"),
            "{one}"
        );
        assert!(!one.contains("kept apart"), "{one}");
    }
}
