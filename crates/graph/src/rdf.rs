//! RDF mapping: one document's extraction → quads in the document's named
//! graph, and the vocabulary (IRIs) every other module uses to read them.
//!
//! The model reuses schema.org (classes, `schema:name`, `schema:mentions`),
//! W3C ORG (`org:memberOf`, `org:Membership`, `org:role`) and PROV-O
//! (provenance of each fact). Only attended, spokeAt and presided, plus a
//! few provenance properties, are zhkg's own (`data/ontology.ttl`).
//!
//! IRIs are deterministic: an entity's IRI is made from its type and its
//! identity key (the normalized name, then what tells it apart from others
//! of that name: a province, an organizer and a date, a document), so the
//! same entity gets the same IRI in every document, every run and every
//! store, and separately built graphs merge, while namesakes in different
//! contexts stay apart.

use indexmap::IndexSet;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term, TripleRef,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use zhkg_extract::model::{Document, Entity, EntityType, Extraction, Predicate, Relation};

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
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

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

/// Unifies a name for identity: full-width forms to half-width, no white
/// space (the extraction's [`zhkg_extract::identity::normalize`]).
pub fn normalize_name(name: &str) -> String {
    zhkg_extract::identity::normalize(name)
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

/// The IRI of an entity known only by its name (a key of one part):
/// `https://w3id.org/zhkg/id/person/夏宝龙`.
pub fn entity_iri(kind: EntityType, name: &str) -> NamedNode {
    node_iri(kind, &[normalize_name(name)])
}

/// The IRI of the node an identity key names:
/// `{BASE}id/{kind}/{key[0]}/{key[1]}/…`, each part percent-encoded as a
/// path segment (so a `/` in a part never splits it). An empty key is no
/// key: give [`identity_key`]'s fallback instead.
pub fn node_iri(kind: EntityType, key: &[String]) -> NamedNode {
    let kind = kind.as_str().to_ascii_lowercase();
    let mut iri = format!("{BASE}id/{kind}");
    for part in key {
        iri.push('/');
        iri.push_str(&segment(part));
    }
    node(iri)
}

/// An entity's identity key: the one extraction gave it, or, when it has
/// none, its normalized name alone.
pub fn identity_key(e: &Entity) -> Vec<String> {
    if e.identity.key.is_empty() {
        vec![normalize_name(&e.name)]
    } else {
        e.identity.key.clone()
    }
}

/// The identity key an entity IRI was made from (the inverse of
/// [`node_iri`]), with its type; `None` for any other IRI.
pub fn key_of_iri(iri: &str) -> Option<(EntityType, Vec<String>)> {
    let rest = iri.strip_prefix(BASE)?.strip_prefix("id/")?;
    let mut parts = rest.split('/');
    let kind = parts.next()?;
    let kind = EntityType::ALL
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(kind))?;
    let key: Vec<String> = parts.map(unsegment).collect();
    (!key.is_empty()).then_some((kind, key))
}

/// Undoes [`segment`]'s percent-encoding.
fn unsegment(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%')
            .then(|| s.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The node IRIs of one extraction's entities, by (type, name): how its
/// relations and event facts, which name entities, reach their nodes. A
/// name that is no entity of the extraction gets the key of its name.
pub struct NodeIris<'a> {
    by_name: HashMap<(EntityType, &'a str), NamedNode>,
}

impl<'a> NodeIris<'a> {
    pub fn new(ex: &'a Extraction) -> NodeIris<'a> {
        let mut by_name = HashMap::new();
        for e in &ex.entities {
            by_name
                .entry((e.kind, e.name.as_str()))
                .or_insert_with(|| node_iri(e.kind, &identity_key(e)));
        }
        NodeIris { by_name }
    }

    /// The node of the entity of this type and name.
    pub fn get(&self, kind: EntityType, name: &str) -> NamedNode {
        self.by_name
            .get(&(kind, name))
            .cloned()
            .unwrap_or_else(|| entity_iri(kind, name))
    }
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

/// The IRI of a membership (person node, organization node): shared
/// across documents that name the same two nodes.
pub fn membership_iri(person: &NamedNode, org: &NamedNode) -> NamedNode {
    node(format!(
        "{BASE}id/membership/{}",
        short_hash(&[person.as_str(), org.as_str()])
    ))
}

/// An event's date as a typed literal of its shape
/// ([`zhkg_extract::events::date_datatype`]): `2015-09-25` (`xsd:date`),
/// `2015-09` (`xsd:gYearMonth`), `2015` (`xsd:gYear`), `--09-25`
/// (`xsd:gMonthDay`), `--09` (`xsd:gMonth`); any other text as a plain
/// literal.
pub fn date_literal(date: &str) -> Literal {
    match zhkg_extract::events::date_datatype(date) {
        Some(t) => Literal::new_typed_literal(date, term(XSD, t)),
        None => Literal::new_simple_literal(date),
    }
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

/// One document's named graph as a sink writes it: its IRI and its
/// triples, each once, in the order first stated.
///
/// Compact: each distinct term is held once and a triple is three indexes
/// into them. A graph of owned quads took some 600 bytes a quad (four
/// strings each, the graph's name among them), and a huge document's graph
/// was most of its build's peak; sinks read the quads as references
/// ([`DocumentGraph::quads`]) or make them one at a time as they write
/// ([`DocumentGraph::into_quads`]).
#[derive(Debug, Clone)]
pub struct DocumentGraph {
    iri: NamedNode,
    subjects: IndexSet<NamedOrBlankNode>,
    predicates: IndexSet<NamedNode>,
    objects: IndexSet<Term>,
    triples: IndexSet<[usize; 3]>,
}

impl DocumentGraph {
    /// An empty graph named `iri`.
    pub fn new(iri: NamedNode) -> DocumentGraph {
        DocumentGraph::with_capacity(iri, 0)
    }

    fn with_capacity(iri: NamedNode, triples: usize) -> DocumentGraph {
        DocumentGraph {
            iri,
            subjects: IndexSet::new(),
            predicates: IndexSet::new(),
            objects: IndexSet::new(),
            triples: IndexSet::with_capacity(triples),
        }
    }

    /// Adds a triple (once: stating it again changes nothing).
    pub fn add(
        &mut self,
        s: impl Into<NamedOrBlankNode>,
        p: impl Into<NamedNode>,
        o: impl Into<Term>,
    ) {
        let s = self.subjects.insert_full(s.into()).0;
        let p = self.predicates.insert_full(p.into()).0;
        let o = self.objects.insert_full(o.into()).0;
        self.triples.insert([s, p, o]);
    }

    /// The graph's name.
    pub fn iri(&self) -> &NamedNode {
        &self.iri
    }

    /// How many triples it holds.
    pub fn len(&self) -> usize {
        self.triples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    fn triple_at(&self, [s, p, o]: [usize; 3]) -> Option<TripleRef<'_>> {
        Some(TripleRef::new(
            self.subjects.get_index(s)?,
            self.predicates.get_index(p)?,
            self.objects.get_index(o)?,
        ))
    }

    /// The triples, in the order first stated.
    pub fn triples(&self) -> impl Iterator<Item = TripleRef<'_>> + '_ {
        self.triples.iter().filter_map(|&t| self.triple_at(t))
    }

    /// The quads (the triples in this graph), in the order first stated.
    pub fn quads(&self) -> impl Iterator<Item = QuadRef<'_>> + '_ {
        let graph = GraphNameRef::NamedNode(self.iri.as_ref());
        self.triples().map(move |t| t.in_graph(graph))
    }

    /// The quads as owned values, each made as it is read.
    pub fn into_quads(self) -> impl Iterator<Item = Quad> {
        (0..self.len()).filter_map(move |i| {
            let t = *self.triples.get_index(i)?;
            let graph = GraphNameRef::NamedNode(self.iri.as_ref());
            Some(self.triple_at(t)?.in_graph(graph).into_owned())
        })
    }
}

/// The quads of [`document_graph`], owned, in order: what `extract
/// --format nq` prints.
pub fn document_quads(doc: &Document, ex: &Extraction) -> Vec<Quad> {
    document_graph(doc, ex).into_quads().collect()
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

/// How many triples [`document_graph`] can state at most: its graph is
/// made at that capacity, since growing by doubling held up to twice a
/// huge document's triples while it was made.
fn quads_at_most(doc: &Document, ex: &Extraction) -> usize {
    let document = 8 + doc.meta.extra.len();
    // Type, name, basis, date, place, organizer, mention.
    let entities: usize = ex.entities.iter().map(|e| 7 + e.aliases.len()).sum();
    // The triple, its statement's ten, a role; a membership's four and
    // three per post.
    let relations: usize = ex
        .relations
        .iter()
        .map(|r| match r.predicate {
            Predicate::MemberOf => 12 + 4 + 3 * r.roles.len(),
            _ => 12,
        })
        .sum();
    document + entities + relations
}

/// Every triple that states one document's extraction, in the document's
/// named graph: the document's metadata, each entity with its type, name
/// and aliases, each relation as a direct triple plus a provenance record
/// (`rdf:Statement` with the sentence, its offsets, the rule and the
/// confidence), and for memberOf an `org:Membership` with its roles.
pub fn document_graph(doc: &Document, ex: &Extraction) -> DocumentGraph {
    let doc_node = document_iri(&doc.id);
    let mut w = DocumentGraph::with_capacity(doc_node.clone(), quads_at_most(doc, ex));
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

    let nodes = NodeIris::new(ex);
    for e in &ex.entities {
        let iri = nodes.get(e.kind, &e.name);
        w.add(iri.clone(), rdf::TYPE.into_owned(), class_iri(e.kind));
        // `schema:name` only: an `rdfs:label` repeating it was a seventh
        // of every store's quads, and nothing reads it.
        w.add(iri.clone(), term(SCHEMA, "name"), zh(&e.name));
        for a in &e.aliases {
            w.add(iri.clone(), term(SCHEMA, "alternateName"), zh(a));
        }
        // An entity kept to its document says so in its IRI; only a key
        // that links documents carries its reasons (huge documents hold
        // hundreds of thousands of the former).
        if !e.identity.basis.is_empty() && e.identity.document().is_none() {
            w.add(
                iri.clone(),
                term(NS, "identityBasis"),
                zh(&e.identity.basis),
            );
        }
        if let Some(date) = &e.event.date {
            w.add(iri.clone(), term(SCHEMA, "startDate"), date_literal(date));
        }
        if let Some(place) = &e.event.location {
            let place = nodes.get(EntityType::Place, place);
            w.add(iri.clone(), term(SCHEMA, "location"), place);
        }
        if let Some(body) = &e.event.organizer {
            let body = nodes.get(EntityType::Organization, body);
            w.add(iri.clone(), term(SCHEMA, "organizer"), body);
        }
        w.add(d.clone(), term(SCHEMA, "mentions"), iri);
    }

    for r in &ex.relations {
        let s = nodes.get(r.subject_type, &r.subject);
        let o = nodes.get(r.object_type, &r.object);
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
            let m = membership_iri(&s, &o);
            w.add(m.clone(), rdf::TYPE.into_owned(), term(ORG, "Membership"));
            w.add(m.clone(), term(ORG, "member"), s);
            w.add(m.clone(), term(ORG, "organization"), o);
            w.add(fact, term(NS, "membership"), m.clone());
            for role in r.roles.iter().filter(|x| !x.is_empty()) {
                let ri = role_iri(role);
                w.add(m.clone(), term(ORG, "role"), ri.clone());
                w.add(ri.clone(), rdf::TYPE.into_owned(), term(ORG, "Role"));
                w.add(ri, term(SKOS, "prefLabel"), zh(role));
            }
        }
    }
    // The same triple may come from two places (an entity named twice):
    // the graph keeps it once, where it was first stated.
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhkg_extract::model::{DocMeta, EventFacts, Identity, Rule};

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
        // Names once, as schema:name (skos:prefLabel for posts): no
        // rdfs:label repeats them; the ontology makes both labels.
        assert!(has("http://schema.org/name", "\"张三\"@zh"));
        assert!(!quads
            .iter()
            .any(|q| q.predicate.as_str() == "http://www.w3.org/2000/01/rdf-schema#label"));
        let ontology = ontology_quads().unwrap();
        for p in [
            "http://schema.org/name",
            "http://www.w3.org/2004/02/skos/core#prefLabel",
        ] {
            assert!(ontology
                .iter()
                .any(|q| q.subject.to_string() == format!("<{p}>")
                    && q.predicate.as_str()
                        == "http://www.w3.org/2000/01/rdf-schema#subPropertyOf"
                    && q.object.to_string() == "<http://www.w3.org/2000/01/rdf-schema#label>"));
        }
        let unique: std::collections::HashSet<_> = quads.iter().collect();
        assert_eq!(unique.len(), quads.len());
    }

    #[test]
    fn a_graph_is_made_at_the_capacity_it_can_need_and_no_less() {
        // Every quad a document can have: a title, a date and a field of
        // its own; an event with an alias, a basis and all its facts; a
        // membership with two posts. The bound is then exact.
        let (mut doc, mut ex) = sample();
        doc.meta.title = Some("某会议召开".into());
        doc.meta.date = Some("2025-01-02".into());
        doc.meta.extra = vec![("版次".into(), "1".into())].into_iter().collect();
        ex.entities = vec![Entity {
            name: "某会议".into(),
            kind: EntityType::Event,
            aliases: vec!["某会".into()],
            mentions: vec![[0, 3]],
            event: EventFacts {
                date: Some("2025-01-01".into()),
                location: Some("某市".into()),
                organizer: Some("某市委".into()),
            },
            identity: Identity {
                key: vec!["某会议".into(), "某市".into(), "2025-01-01".into()],
                basis: "某市, 2025-01-01".into(),
            },
        }];
        assert_eq!(document_graph(&doc, &ex).len(), quads_at_most(&doc, &ex));
    }

    #[test]
    fn a_graph_keeps_each_triple_once_in_the_order_first_stated() {
        let mut g = DocumentGraph::new(document_iri("d"));
        let name = term(SCHEMA, "name");
        let (a, b) = (
            entity_iri(EntityType::Person, "甲"),
            entity_iri(EntityType::Person, "乙"),
        );
        g.add(b.clone(), name.clone(), zh("乙"));
        g.add(a.clone(), name.clone(), zh("甲"));
        g.add(b.clone(), name.clone(), zh("乙"));
        g.add(b.clone(), term(SCHEMA, "alternateName"), zh("甲"));
        assert_eq!(g.len(), 4 - 1);
        let shown: Vec<String> = g.quads().map(|q| q.to_string()).collect();
        let owned: Vec<String> = g.clone().into_quads().map(|q| q.to_string()).collect();
        assert_eq!(shown, owned);
        assert!(shown[0].starts_with(&format!("{b} <http://schema.org/name> \"乙\"@zh <")));
        assert!(shown[1].starts_with(&format!("{a} ")));
        assert!(shown[2].contains("alternateName> \"甲\"@zh"));
        assert!(shown
            .iter()
            .all(|q| q.ends_with(&document_iri("d").to_string())));
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

    #[test]
    fn an_identity_key_makes_the_iri_and_reads_back_from_it() {
        let key = vec!["王勇".to_string(), "浙江".to_string()];
        let iri = node_iri(EntityType::Person, &key);
        assert_eq!(iri.as_str(), "https://w3id.org/zhkg/id/person/王勇/浙江");
        assert_eq!(key_of_iri(iri.as_str()), Some((EntityType::Person, key)));
        // A part with a slash or a space stays one part.
        let odd = vec!["市委".to_string(), "doc".to_string(), "a/b c".to_string()];
        let iri = node_iri(EntityType::Organization, &odd);
        assert!(iri.as_str().ends_with("/市委/doc/a%2Fb%20c"), "{iri}");
        assert_eq!(
            key_of_iri(iri.as_str()),
            Some((EntityType::Organization, odd))
        );
        assert_eq!(
            entity_iri(EntityType::Event, "大会"),
            node_iri(EntityType::Event, &["大会".to_string()])
        );
        assert_eq!(key_of_iri("https://w3id.org/zhkg/id/role/书记"), None);
        assert_eq!(key_of_iri("https://w3id.org/zhkg/doc/d1"), None);
    }

    #[test]
    fn dates_are_typed_by_their_shape() {
        let t = |d: &str| date_literal(d).datatype().as_str().to_owned();
        assert_eq!(t("2015-09-15"), xsd::DATE.as_str());
        assert_eq!(t("2015-09"), xsd::G_YEAR_MONTH.as_str());
        assert_eq!(t("2015"), xsd::G_YEAR.as_str());
        assert_eq!(t("--09-15"), xsd::G_MONTH_DAY.as_str());
        assert_eq!(t("9月15日"), xsd::STRING.as_str());
        assert_eq!(t("2015-9-15"), xsd::STRING.as_str());
    }

    #[test]
    fn keys_separate_namesakes_and_relations_reach_their_nodes() {
        let (doc, mut ex) = sample();
        ex.entities[0].identity = Identity {
            key: vec!["张三".into(), "浙江".into()],
            basis: "浙江的省级机关任职".into(),
        };
        ex.entities.push(Entity {
            name: "全省大会".into(),
            kind: EntityType::Event,
            aliases: vec![],
            mentions: vec![],
            event: EventFacts {
                date: Some("2015-09-15".into()),
                location: Some("杭州".into()),
                organizer: Some("某市委".into()),
            },
            identity: Identity {
                key: vec!["全省大会".into(), "某市委".into(), "2015-09-15".into()],
                basis: String::new(),
            },
        });
        ex.entities.push(Entity {
            name: "杭州".into(),
            kind: EntityType::Place,
            aliases: vec![],
            mentions: vec![],
            event: Default::default(),
            identity: Default::default(),
        });
        let quads = document_quads(&doc, &ex);
        let person = "https://w3id.org/zhkg/id/person/张三/浙江";
        let event = "https://w3id.org/zhkg/id/event/全省大会/某市委/2015-09-15";
        let has = |s: &str, p: &str, o: &str| {
            quads.iter().any(|q| {
                q.subject.to_string() == format!("<{s}>")
                    && q.predicate.as_str() == p
                    && q.object.to_string() == o
            })
        };
        // The relation's subject is the keyed node, not the bare name.
        assert!(has(
            person,
            "http://www.w3.org/ns/org#memberOf",
            "<https://w3id.org/zhkg/id/organization/某市委>"
        ));
        assert!(!quads
            .iter()
            .any(|q| q.subject.to_string() == "<https://w3id.org/zhkg/id/person/张三>"));
        assert!(has(
            person,
            "https://w3id.org/zhkg/ns#identityBasis",
            "\"浙江的省级机关任职\"@zh"
        ));
        assert!(has(
            event,
            "http://schema.org/startDate",
            "\"2015-09-15\"^^<http://www.w3.org/2001/XMLSchema#date>"
        ));
        assert!(has(
            event,
            "http://schema.org/location",
            "<https://w3id.org/zhkg/id/place/杭州>"
        ));
        assert!(has(
            event,
            "http://schema.org/organizer",
            "<https://w3id.org/zhkg/id/organization/某市委>"
        ));
        // No basis, no triple; the membership is that of the two nodes.
        assert!(!quads
            .iter()
            .any(|q| q.subject.to_string() == format!("<{event}>")
                && q.predicate.as_str().ends_with("identityBasis")));
        let m = membership_iri(
            &node(person.into()),
            &entity_iri(EntityType::Organization, "某市委"),
        );
        assert!(has(
            m.as_str(),
            "http://www.w3.org/ns/org#member",
            &format!("<{person}>")
        ));
        // The same extraction gives the same quads.
        assert_eq!(quads, document_quads(&doc, &ex));
    }
}
