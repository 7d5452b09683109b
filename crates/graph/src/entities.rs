//! Which node of the graph each document's entities are: one row per
//! (document, node), `{"doc", "name", "type", "iri"}`, read from any
//! [`SparqlSource`]. It is the system file `score_xdoc.py` scores
//! (`zhkg export --format entities`), and what shows whether two mentions
//! in two documents were made one node.

use crate::error::Result;
use crate::location::SparqlSource;
use crate::rdf;
use oxigraph::model::Term;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use zhkg_extract::model::EntityType;

/// One node as one document names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRow {
    /// The document's id.
    pub doc: String,
    /// The entity's name in that document (the longest, when the document
    /// gives the node two names).
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub iri: String,
}

fn text(t: &Option<Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Whether `a` is the better name of one node in one document: the longer
/// (in characters); of two as long, the first in code point order, so the
/// choice does not depend on the order the store answers in.
fn better_name(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    la > lb || (la == lb && a < b)
}

/// Every (document, node) pair the store holds, each with the node's name
/// in that document and its type, sorted by document, type, name and IRI.
pub fn entity_rows(source: &dyn SparqlSource) -> Result<Vec<EntityRow>> {
    let table = source.select(&format!(
        "{}SELECT ?doc ?e ?class ?name WHERE {{
           GRAPH ?g {{
             ?g schema:identifier ?doc ; schema:mentions ?e .
             ?e a ?class ; schema:name ?name .
           }}
         }}",
        rdf::PREFIXES
    ))?;
    let mut best: BTreeMap<(String, String), (EntityType, String)> = BTreeMap::new();
    for row in &table.rows {
        let Some(kind) = rdf::type_of_class(&text(&row[2])) else {
            continue;
        };
        let name = text(&row[3]);
        match best.entry((text(&row[0]), text(&row[1]))) {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert((kind, name));
            }
            std::collections::btree_map::Entry::Occupied(mut o) => {
                if better_name(&name, &o.get().1) {
                    o.insert((kind, name));
                }
            }
        }
    }
    let mut rows: Vec<EntityRow> = best
        .into_iter()
        .map(|((doc, iri), (kind, name))| EntityRow {
            doc,
            name,
            kind,
            iri,
        })
        .collect();
    rows.sort_by(|a, b| (&a.doc, a.kind, &a.name, &a.iri).cmp(&(&b.doc, b.kind, &b.name, &b.iri)));
    Ok(rows)
}

/// Writes the rows as JSON Lines.
pub fn write_jsonl(rows: &[EntityRow], out: &mut dyn Write) -> io::Result<()> {
    for r in rows {
        serde_json::to_writer(&mut *out, r)?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::GraphStore;
    use zhkg_extract::model::{Document, Entity, Extraction, Identity};

    fn entity(name: &str, kind: EntityType, key: &[&str]) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: vec![],
            mentions: vec![],
            event: Default::default(),
            identity: Identity {
                key: key.iter().map(|k| k.to_string()).collect(),
                basis: String::new(),
            },
        }
    }

    fn doc(id: &str, entities: Vec<Entity>) -> (Document, Extraction) {
        let d = Document {
            id: id.into(),
            text: String::new(),
            meta: Default::default(),
        };
        let ex = Extraction {
            id: id.into(),
            entities,
            relations: vec![],
        };
        (d, ex)
    }

    #[test]
    fn one_row_per_document_and_node_with_its_longest_name() {
        let store = GraphStore::in_memory().unwrap();
        store
            .load(&[
                doc(
                    "b",
                    vec![
                        entity("王勇", EntityType::Person, &["王勇", "浙江"]),
                        // Two spellings of one body: one node, the longer name.
                        entity(
                            "宁波市人大",
                            EntityType::Organization,
                            &["宁波市人大常委会"],
                        ),
                        entity(
                            "宁波市人大常委会",
                            EntityType::Organization,
                            &["宁波市人大常委会"],
                        ),
                    ],
                ),
                doc(
                    "a",
                    vec![entity("王勇", EntityType::Person, &["王勇", "吉林"])],
                ),
            ])
            .unwrap();
        let rows = entity_rows(&store).unwrap();
        let got: Vec<(&str, &str, EntityType, &str)> = rows
            .iter()
            .map(|r| (r.doc.as_str(), r.name.as_str(), r.kind, r.iri.as_str()))
            .collect();
        let base = "https://w3id.org/zhkg/id";
        assert_eq!(
            got,
            [
                (
                    "a",
                    "王勇",
                    EntityType::Person,
                    &*format!("{base}/person/王勇/吉林")
                ),
                (
                    "b",
                    "王勇",
                    EntityType::Person,
                    &*format!("{base}/person/王勇/浙江")
                ),
                (
                    "b",
                    "宁波市人大常委会",
                    EntityType::Organization,
                    &*format!("{base}/organization/宁波市人大常委会")
                ),
            ]
        );
        let mut out = Vec::new();
        write_jsonl(&rows[..1], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{{\"doc\":\"a\",\"name\":\"王勇\",\"type\":\"Person\",\"iri\":\"{base}/person/王勇/吉林\"}}\n")
        );
    }

    #[test]
    fn names_of_one_length_are_chosen_by_code_point() {
        assert!(better_name("宁波市人大常委会", "宁波市人大"));
        assert!(better_name("甲乙", "丙丁") == ("甲乙" < "丙丁"));
        assert!(!better_name("市委", "市委"));
    }
}
