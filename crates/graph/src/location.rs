//! Where the graph lives: the local Oxigraph store or a remote SPARQL
//! server, chosen once ([`Location`]) and then used through one interface
//! for reading ([`SparqlSource`]) and one for writing ([`GraphSink`]), so
//! `build`, `query`, `export` and `stats` have one code path each.
//!
//! What differs between the two is stated on the implementations:
//! a remote sink cannot tell which documents it already holds (so a remote
//! build rewrites every document) nor which graphs it replaced, and counts
//! the quads it sent rather than those the server holds; a remote source
//! dumps only the triple formats (Turtle, N-Triples, through CONSTRUCT),
//! and prints only SELECT results as a table.

use crate::error::Result;
use crate::rdf;
use crate::remote::Endpoint;
use crate::store::{DumpFormat, GraphStore, ResultFormat, Table};
use std::fmt;
use std::io::Write;
use std::path::PathBuf;

/// Where the graph is: a store directory on this machine, or the URL of a
/// SPARQL server (for writing, its Graph Store Protocol URL; for reading,
/// its SPARQL query URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Local(PathBuf),
    Remote(String),
}

/// Anything that answers SPARQL: the local store or a remote endpoint. The
/// entity graph, statistics, queries and exports read through it.
pub trait SparqlSource {
    /// Runs a SELECT and collects its rows.
    fn select(&self, sparql: &str) -> Result<Table>;
    /// Runs any query and writes its results in `format`.
    fn query_to(&self, sparql: &str, format: ResultFormat, out: &mut dyn Write) -> Result<()>;
    /// Writes the whole graph in `format` (triple formats: each triple once).
    fn dump(&self, format: DumpFormat, out: &mut dyn Write) -> Result<()>;
    /// The local store behind this source, if it is one: the entity graph
    /// is then read from its triples directly, not through SPARQL.
    fn local_store(&self) -> Option<&GraphStore> {
        None
    }
}

/// Batches of document graphs written in turn, then committed. What was
/// written before an error may be held back (not written); nothing is ever
/// half written.
pub trait GraphWriter: Send {
    /// Writes (or holds) a batch; returns how many of its graphs the sink
    /// held before (0 where it cannot tell).
    fn write(&mut self, graphs: Vec<rdf::DocumentGraph>) -> Result<usize>;
    /// Writes what is held.
    fn commit(self: Box<Self>) -> Result<()>;
}

/// Anything documents' graphs are written to: the local store or a remote
/// Graph Store Protocol endpoint. A build writes the ontology, then batches
/// of document graphs (each replacing the graph of that name), then flushes.
pub trait GraphSink: Sync {
    /// Writes the ontology graph anew (before the first documents).
    fn write_ontology(&self) -> Result<()>;
    /// Replaces each document graph with the quads given; returns how many
    /// of them the sink held before (0 where it cannot tell).
    fn replace_graphs(&self, graphs: Vec<rdf::DocumentGraph>) -> Result<usize>;
    /// A writer for a build's batches, which may hold a batch back and
    /// write it with later ones, until [`GraphWriter::commit`].
    fn writer(&self) -> Box<dyn GraphWriter + '_>;
    /// The SHA-256 of the text a document was built from, if the sink holds
    /// that document and knows it (`None` otherwise: the document is built).
    fn document_sha256(&self, id: &str) -> Result<Option<String>>;
    /// Makes what was written durable.
    fn flush(&self) -> Result<()>;
    /// Reorganizes the store for reading after a large write (the local
    /// store merges the index files a build added; a remote one does
    /// nothing).
    fn optimize(&self) -> Result<()>;
    /// Quads the store holds (local), or quads of document graphs sent so
    /// far (remote).
    fn size(&self) -> Result<usize>;
}

impl Location {
    /// The graph for reading: the local store opened read-only
    /// ([`crate::Error::NoStore`] when there is none), or the endpoint.
    pub fn source(&self) -> Result<Box<dyn SparqlSource>> {
        Ok(match self {
            Location::Local(path) => Box::new(GraphStore::open_read_only(path)?),
            Location::Remote(url) => Box::new(Endpoint::new(url)),
        })
    }

    /// The graph for writing: the local store, created if missing (and
    /// locked while open), or the endpoint.
    pub fn sink(&self) -> Result<Box<dyn GraphSink>> {
        Ok(match self {
            Location::Local(path) => Box::new(GraphStore::create_or_open(path)?),
            Location::Remote(url) => Box::new(Endpoint::new(url)),
        })
    }

    /// [`Location::sink`] if there is one already: a local store only when
    /// its directory exists (so nothing is created before there is
    /// something to write); a remote endpoint always.
    pub fn existing_sink(&self) -> Result<Option<Box<dyn GraphSink>>> {
        match self {
            Location::Local(path) if !path.exists() => Ok(None),
            _ => self.sink().map(Some),
        }
    }
}

impl fmt::Display for Location {
    /// The store's directory or the server's URL.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Local(path) => write!(f, "{}", path.display()),
            Location::Remote(url) => f.write_str(url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use oxigraph::model::{GraphName, Literal, NamedNode};

    fn document(id: &str, sha: &str) -> rdf::DocumentGraph {
        let iri = rdf::document_iri(id);
        let mut graph = rdf::DocumentGraph::new(iri.clone());
        graph.add(
            iri,
            rdf::sha256_property(),
            Literal::new_simple_literal(sha),
        );
        graph
    }

    #[test]
    fn a_local_store_is_made_only_when_asked_to_write() {
        let dir = tempfile::tempdir().unwrap();
        let location = Location::Local(dir.path().join("new.db"));
        assert!(location.existing_sink().unwrap().is_none());
        assert!(!dir.path().join("new.db").exists());
        assert!(matches!(location.source(), Err(Error::NoStore { .. })));
        drop(location.sink().unwrap());
        assert!(location.existing_sink().unwrap().is_some());
    }

    #[test]
    fn the_local_store_is_written_and_read_through_the_interfaces() {
        let dir = tempfile::tempdir().unwrap();
        let location = Location::Local(dir.path().join("s.db"));
        assert_eq!(
            location.to_string(),
            dir.path().join("s.db").display().to_string()
        );
        {
            let sink = location.sink().unwrap();
            sink.write_ontology().unwrap();
            let ontology = sink.size().unwrap();
            assert!(ontology > 0);
            assert_eq!(sink.replace_graphs(vec![document("甲", "aa")]).unwrap(), 0);
            assert_eq!(sink.replace_graphs(vec![document("甲", "bb")]).unwrap(), 1);
            assert_eq!(sink.document_sha256("甲").unwrap().as_deref(), Some("bb"));
            assert_eq!(sink.document_sha256("乙").unwrap(), None);
            sink.flush().unwrap();
            // The graph and its triple in the default graph.
            assert_eq!(sink.size().unwrap(), ontology + 2);
        }
        let source = location.source().unwrap();
        let table = source
            .select(&format!(
                "SELECT ?v WHERE {{ ?d <{}> ?v }}",
                rdf::sha256_property().as_str()
            ))
            .unwrap();
        assert_eq!(table.rows.len(), 1);
        let mut nq = Vec::new();
        source.dump(DumpFormat::NQuads, &mut nq).unwrap();
        let nq = String::from_utf8(nq).unwrap();
        assert!(nq.contains("\"bb\"") && !nq.contains("\"aa\""), "{nq}");
        let mut csv = Vec::new();
        source
            .query_to("ASK { ?s ?p \"bb\" }", ResultFormat::Csv, &mut csv)
            .unwrap();
        assert_eq!(String::from_utf8(csv).unwrap().trim(), "true");
    }

    #[test]
    fn a_remote_endpoint_knows_no_hashes_and_dumps_no_datasets() {
        let location = Location::Remote("http://127.0.0.1:9/sparql".into());
        assert_eq!(location.to_string(), "http://127.0.0.1:9/sparql");
        let sink = location.existing_sink().unwrap().expect("always there");
        assert_eq!(sink.document_sha256("甲").unwrap(), None);
        assert_eq!(sink.size().unwrap(), 0);
        let source = location.source().unwrap();
        for format in [DumpFormat::NQuads, DumpFormat::TriG] {
            let err = source.dump(format, &mut Vec::new()).unwrap_err();
            assert!(
                err.to_string().contains("over --endpoint use ttl or nt"),
                "{err}"
            );
        }
    }

    #[test]
    fn the_ontology_is_parsed_into_its_graph() {
        let quads = rdf::ontology_quads().unwrap();
        assert!(!quads.is_empty());
        let graph = GraphName::NamedNode(NamedNode::new_unchecked(rdf::ONTOLOGY_GRAPH));
        assert!(quads.iter().all(|q| q.graph_name == graph));
    }
}
