//! RDF mapping: one document's extraction → quads in the document's named
//! graph, and the vocabulary (IRIs) every other module uses to read them.
//!
//! The model reuses schema.org (classes, `schema:name`, `schema:mentions`),
//! W3C ORG (`org:memberOf`, `org:Membership`, `org:role`) and PROV-O
//! (provenance of each fact). Only attended, spokeAt and presided, plus a
//! few provenance properties, are zhkg's own (`data/ontology.ttl`).
//!
//! IRIs are deterministic: an entity's IRI is made from its type and its
//! normalized name, so the same entity gets the same IRI in every document,
//! every run and every store, and separately built graphs merge.

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};
use zhkg_extract::model::{Document, EntityType, Extraction, Predicate, Relation};

/// Where zhkg's own IRIs live.
pub const BASE: &str = "https://w3id.org/zhkg/";
/// zhkg's vocabulary namespace (`zhkg:`).
pub const NS: &str = "https://w3id.org/zhkg/ns#";
/// The named graph that holds the ontology.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/zhkg/ns";
pub const SCHEMA: &str = "http://schema.org/";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

/// The ontology, shipped in `data/` and loaded into every store.
pub const ONTOLOGY_TTL: &str = include_str!("../../../data/ontology.ttl");

/// The ontology's quads, in the [`ONTOLOGY_GRAPH`] graph: what every store,
/// local or remote, gets before its first documents. (Its lists parse to
/// fresh blank nodes at each call.)
pub fn ontology_quads() -> crate::Result<Vec<Quad>> {
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(ONTOLOGY_GRAPH));
    oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .with_default_graph(graph)
        .for_slice(ONTOLOGY_TTL)
        .collect::<Result<_, _>>()
        .map_err(|e| crate::Error::Usage(format!("data/ontology.ttl: {e}")))
}

/// SPARQL prefix declarations for the namespaces above; `queries/` files and
/// the library's own queries start with the same lines.
pub const PREFIXES: &str = "PREFIX zhkg: <https://w3id.org/zhkg/ns#>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
";

/// Prefixes for Turtle and TriG output: (prefix, namespace).
pub const PREFIX_TABLE: [(&str, &str); 8] = [
    ("zhkg", NS),
    ("schema", SCHEMA),
    ("org", ORG),
    ("prov", PROV),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", SKOS),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

fn node(iri: String) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn term(ns: &str, local: &str) -> NamedNode {
    node(format!("{ns}{local}"))
}

/// The schema.org class of an entity type.
pub fn class_iri(kind: EntityType) -> NamedNode {
    term(SCHEMA, kind.as_str())
}

/// The entity type of a schema.org class IRI, if it is one of ours.
pub fn type_of_class(iri: &str) -> Option<EntityType> {
    iri.strip_prefix(SCHEMA).and_then(EntityType::parse)
}

/// The property that states a predicate between two entities.
pub fn predicate_iri(p: Predicate) -> NamedNode {
    match p {
        Predicate::MemberOf => term(ORG, "memberOf"),
        other => term(NS, other.as_str()),
    }
}

/// The predicate a property IRI states, if it is one of ours.
pub fn predicate_of_iri(iri: &str) -> Option<Predicate> {
    if iri == format!("{ORG}memberOf") {
        return Some(Predicate::MemberOf);
    }
    iri.strip_prefix(NS)
        .and_then(Predicate::parse)
        .filter(|p| *p != Predicate::MemberOf)
}

/// Unifies a name for identity: full-width forms to half-width, no white space.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            other => other,
        })
        .collect()
}

/// Percent-encodes what may not stand in an IRI path segment.
fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let keep = c.is_alphanumeric() && !c.is_ascii_control()
            || matches!(c, '-' | '.' | '_' | '~')
            || (!c.is_ascii() && !c.is_control() && !c.is_whitespace());
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The IRI of an entity: `https://w3id.org/zhkg/id/person/夏宝龙`.
pub fn entity_iri(kind: EntityType, name: &str) -> NamedNode {
    let kind = kind.as_str().to_ascii_lowercase();
    node(format!(
        "{BASE}id/{kind}/{}",
        segment(&normalize_name(name))
    ))
}

/// `zhkg:sha256`: the hash of the text a document graph was built from.
pub fn sha256_property() -> NamedNode {
    term(NS, "sha256")
}

/// The IRI of a document, which is also the name of its graph.
pub fn document_iri(id: &str) -> NamedNode {
    node(format!("{BASE}doc/{}", segment(id)))
}

/// The IRI of a post (`org:Role`), shared across documents.
pub fn role_iri(role: &str) -> NamedNode {
    node(format!("{BASE}id/role/{}", segment(&normalize_name(role))))
}

fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The IRI of a membership (person, organization): shared across documents.
pub fn membership_iri(person: &str, org: &str) -> NamedNode {
    node(format!(
        "{BASE}id/membership/{}",
        short_hash(&[&normalize_name(person), &normalize_name(org)])
    ))
}

/// The IRI of one fact's provenance record within a document.
pub fn fact_iri(doc: &str, r: &Relation) -> NamedNode {
    node(format!(
        "{BASE}doc/{}/fact/{}",
        segment(doc),
        short_hash(&[&r.subject, r.predicate.as_str(), &r.object])
    ))
}

fn zh(s: &str) -> Term {
    Literal::new_language_tagged_literal_unchecked(s, "zh").into()
}

fn plain(s: &str) -> Term {
    Literal::new_simple_literal(s).into()
}

/// A confidence as an `xsd:decimal` in the form the store keeps (two
/// places at most, no trailing zeros: `0.9`, `1`), so quads printed by
/// `extract` and read back from a store are the same.
fn decimal(x: f32) -> String {
    let s = format!("{:.2}", x.clamp(0.0, 1.0));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Quads in one document's graph.
struct GraphWriter {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl GraphWriter {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.quads.push(Quad::new(s, p, o, self.graph.clone()));
    }
}

/// One document's named graph as a sink writes it: its IRI and its quads.
pub type DocumentGraph = (NamedNode, Vec<Quad>);

/// A document's graph: [`document_iri`] and [`document_quads`].
pub fn document_graph(doc: &Document, ex: &Extraction) -> DocumentGraph {
    (document_iri(&doc.id), document_quads(doc, ex))
}

/// Writes quads as N-Quads, one per line (what `zhkg extract --format nq`
/// prints and `zhkg load` reads).
pub fn write_nquads(quads: &[Quad], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out);
    for q in quads {
        ser.serialize_quad(q)?;
    }
    ser.finish()?;
    Ok(())
}

/// Every quad that states one document's extraction, all in the document's
/// named graph: the document's metadata, each entity with its type, name
/// and aliases, each relation as a direct triple plus a provenance record
/// (`rdf:Statement` with the sentence, its offsets, the rule and the
/// confidence), and for memberOf an `org:Membership` with its roles.
pub fn document_quads(doc: &Document, ex: &Extraction) -> Vec<Quad> {
    let doc_node = document_iri(&doc.id);
    let mut w = GraphWriter {
        graph: GraphName::NamedNode(doc_node.clone()),
        quads: Vec::new(),
    };
    let d = doc_node.clone();
    w.add(d.clone(), rdf::TYPE.into_owned(), term(NS, "Document"));
    w.add(d.clone(), rdf::TYPE.into_owned(), term(PROV, "Entity"));
    w.add(d.clone(), term(SCHEMA, "identifier"), plain(&doc.id));
    w.add(d.clone(), term(NS, "source"), plain(&doc.meta.source));
    w.add(d.clone(), term(NS, "sha256"), plain(&doc.meta.sha256));
    w.add(
        d.clone(),
        term(NS, "characters"),
        Literal::new_typed_literal(doc.text.chars().count().to_string(), xsd::INTEGER),
    );
    if let Some(title) = &doc.meta.title {
        w.add(d.clone(), term(SCHEMA, "headline"), zh(title));
    }
    if let Some(date) = &doc.meta.date {
        w.add(d.clone(), term(SCHEMA, "datePublished"), plain(date));
    }
    for (k, v) in &doc.meta.extra {
        w.add(
            d.clone(),
            term(NS, &format!("meta_{}", segment(k))),
            plain(v),
        );
    }

    for e in &ex.entities {
        let iri = entity_iri(e.kind, &e.name);
        w.add(iri.clone(), rdf::TYPE.into_owned(), class_iri(e.kind));
        w.add(iri.clone(), term(SCHEMA, "name"), zh(&e.name));
        w.add(iri.clone(), rdfs::LABEL.into_owned(), zh(&e.name));
        for a in &e.aliases {
            w.add(iri.clone(), term(SCHEMA, "alternateName"), zh(a));
        }
        w.add(d.clone(), term(SCHEMA, "mentions"), iri);
    }

    for r in &ex.relations {
        let s = entity_iri(r.subject_type, &r.subject);
        let o = entity_iri(r.object_type, &r.object);
        let p = predicate_iri(r.predicate);
        w.add(s.clone(), p.clone(), o.clone());

        let fact = fact_iri(&doc.id, r);
        w.add(
            fact.clone(),
            rdf::TYPE.into_owned(),
            rdf::STATEMENT.into_owned(),
        );
        w.add(fact.clone(), rdf::SUBJECT.into_owned(), s.clone());
        w.add(fact.clone(), rdf::PREDICATE.into_owned(), p);
        w.add(fact.clone(), rdf::OBJECT.into_owned(), o.clone());
        w.add(fact.clone(), term(PROV, "wasDerivedFrom"), d.clone());
        w.add(fact.clone(), term(NS, "evidence"), zh(&r.evidence));
        w.add(
            fact.clone(),
            term(NS, "sentenceStart"),
            Literal::new_typed_literal(r.sentence[0].to_string(), xsd::INTEGER),
        );
        w.add(
            fact.clone(),
            term(NS, "sentenceEnd"),
            Literal::new_typed_literal(r.sentence[1].to_string(), xsd::INTEGER),
        );
        w.add(fact.clone(), term(NS, "rule"), plain(r.rule.as_str()));
        if let Some(role) = r.role().filter(|x| !x.is_empty()) {
            w.add(fact.clone(), term(NS, "role"), zh(&role));
        }
        w.add(
            fact.clone(),
            term(NS, "confidence"),
            Literal::new_typed_literal(decimal(r.confidence), xsd::DECIMAL),
        );

        if r.predicate == Predicate::MemberOf {
            let m = membership_iri(&r.subject, &r.object);
            w.add(m.clone(), rdf::TYPE.into_owned(), term(ORG, "Membership"));
            w.add(m.clone(), term(ORG, "member"), s);
            w.add(m.clone(), term(ORG, "organization"), o);
            w.add(fact, term(NS, "membership"), m.clone());
            for role in r.roles.iter().filter(|x| !x.is_empty()) {
                let ri = role_iri(role);
                w.add(m.clone(), term(ORG, "role"), ri.clone());
                w.add(ri.clone(), rdf::TYPE.into_owned(), term(ORG, "Role"));
                w.add(ri.clone(), term(SKOS, "prefLabel"), zh(role));
                w.add(ri, rdfs::LABEL.into_owned(), zh(role));
            }
        }
    }
    // The same triple may come from two places (an entity named twice):
    // keep each once, in first order.
    let mut seen = std::collections::HashSet::new();
    w.quads.retain(|q| seen.insert(q.clone()));
    w.quads
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhkg_extract::model::{DocMeta, Entity, Rule};

    fn sample() -> (Document, Extraction) {
        let doc = Document {
            id: "t 1".into(),
            text: "市委书记张三出席会议。".into(),
            meta: DocMeta {
                source: "t1.txt".into(),
                sha256: "00".into(),
                ..DocMeta::default()
            },
        };
        let ex = Extraction {
            id: "t 1".into(),
            entities: vec![
                Entity {
                    name: "张三".into(),
                    kind: EntityType::Person,
                    aliases: vec![],
                    mentions: vec![[4, 6]],
                    event: Default::default(),
                    identity: Default::default(),
                },
                Entity {
                    name: "某市委".into(),
                    kind: EntityType::Organization,
                    aliases: vec!["市委".into()],
                    mentions: vec![[0, 2]],
                    event: Default::default(),
                    identity: Default::default(),
                },
            ],
            relations: vec![Relation {
                subject: "张三".into(),
                subject_type: EntityType::Person,
                predicate: Predicate::MemberOf,
                object: "某市委".into(),
                object_type: EntityType::Organization,
                roles: vec!["书记".into(), "常委".into()],
                evidence: "市委书记张三出席会议。".into(),
                sentence: [0, 11],
                rule: Rule::PostChain,
                confidence: 0.9,
            }],
        };
        (doc, ex)
    }

    #[test]
    fn iris_are_deterministic_and_ignore_width_and_spaces() {
        assert_eq!(
            entity_iri(EntityType::Person, "张 三"),
            entity_iri(EntityType::Person, "张三")
        );
        assert_ne!(
            entity_iri(EntityType::Person, "张三"),
            entity_iri(EntityType::Organization, "张三")
        );
        assert_eq!(
            document_iri("a b").as_str(),
            "https://w3id.org/zhkg/doc/a%20b"
        );
        assert_eq!(
            entity_iri(EntityType::Event, "Ａ会议").as_str(),
            "https://w3id.org/zhkg/id/event/A会议"
        );
    }

    #[test]
    fn a_document_becomes_quads_in_its_own_graph() {
        let (doc, ex) = sample();
        let quads = document_quads(&doc, &ex);
        let g = GraphName::NamedNode(document_iri("t 1"));
        assert!(!quads.is_empty());
        assert!(quads.iter().all(|q| q.graph_name == g));
        let has = |p: &str, o: &str| {
            quads
                .iter()
                .any(|q| q.predicate.as_str() == p && q.object.to_string().contains(o))
        };
        assert!(has("http://www.w3.org/ns/org#memberOf", "某市委"));
        assert!(has("http://www.w3.org/ns/org#role", "role/常委"));
        assert!(has("https://w3id.org/zhkg/ns#evidence", "市委书记张三"));
        assert!(has("http://schema.org/alternateName", "\"市委\"@zh"));
        let unique: std::collections::HashSet<_> = quads.iter().collect();
        assert_eq!(unique.len(), quads.len());
    }

    #[test]
    fn confidences_print_as_canonical_decimals() {
        assert_eq!(decimal(0.9), "0.9");
        assert_eq!(decimal(0.75), "0.75");
        assert_eq!(decimal(1.0), "1");
        assert_eq!(decimal(0.0), "0");
    }

    #[test]
    fn predicates_round_trip_through_their_iris() {
        for p in Predicate::ALL {
            assert_eq!(predicate_of_iri(predicate_iri(p).as_str()), Some(p));
        }
        for t in EntityType::ALL {
            assert_eq!(type_of_class(class_iri(t).as_str()), Some(t));
        }
    }
}
