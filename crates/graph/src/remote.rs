//! Remote stores: any SPARQL 1.1 server holds the graph instead of the
//! local Oxigraph store. Documents' graphs are written with the SPARQL 1.1
//! Graph Store Protocol (`PUT …?graph=IRI` per document, so a rebuild
//! replaces and never duplicates); queries, exports and statistics read
//! through the SPARQL 1.1 Protocol. The only module that speaks HTTP as a
//! client (ureq: small, synchronous, no async runtime).
//!
//! [`Endpoint`] is a [`SparqlSource`] and a [`GraphSink`] like the local
//! store, with these differences: it does not know the documents' text
//! hashes (a remote build writes every document) nor which graphs a PUT
//! replaced (it reports 0), its size is the quads it sent, it dumps only
//! Turtle and N-Triples (the default graph, by CONSTRUCT), and it prints
//! only SELECT results as a table. The server's default graph must be the
//! union of its graphs (as Virtuoso's is).

use crate::error::{Error, Result};
use crate::location::{GraphSink, GraphWriter, SparqlSource};
use crate::rdf;
use crate::store::{DumpFormat, ResultFormat, Table};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, TripleRef};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A SPARQL 1.1 Protocol endpoint (for reading) or Graph Store Protocol
/// endpoint (for writing), by URL.
pub struct Endpoint {
    url: String,
    agent: ureq::Agent,
    /// Quads of document graphs sent so far.
    sent: AtomicUsize,
}

fn http_error(url: &str, e: ureq::Error) -> Error {
    match e {
        ureq::Error::Status(code, response) => {
            let body = response.into_string().unwrap_or_default();
            let body: String = body.chars().take(500).collect();
            Error::Remote(format!("{url}: HTTP {code}: {}", body.trim()))
        }
        other => Error::Remote(format!("{url}: {other}")),
    }
}

impl Endpoint {
    pub fn new(url: &str) -> Endpoint {
        Endpoint {
            url: url.trim_end_matches('?').to_owned(),
            agent: ureq::AgentBuilder::new()
                .timeout_connect(Duration::from_secs(10))
                .timeout_read(Duration::from_secs(600))
                .build(),
            sent: AtomicUsize::new(0),
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Replaces graph `graph` with `triples` (Graph Store Protocol PUT,
    /// N-Triples body).
    pub fn put_graph<'a>(
        &self,
        graph: &NamedNode,
        triples: impl IntoIterator<Item = TripleRef<'a>>,
    ) -> Result<()> {
        let mut body = Vec::new();
        let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut body);
        for t in triples {
            ser.serialize_triple(t)?;
        }
        ser.finish()?;
        self.agent
            .put(&self.url)
            .query("graph", graph.as_str())
            .set("Content-Type", "application/n-triples")
            .send_bytes(&body)
            .map_err(|e| http_error(&self.url, e))?;
        Ok(())
    }

    /// Runs a query; returns the response body, asking for `accept`.
    pub fn query_raw(&self, sparql: &str, accept: &str) -> Result<Box<dyn Read + Send + Sync>> {
        let response = self
            .agent
            .post(&self.url)
            .set("Accept", accept)
            .send_form(&[("query", sparql)])
            .map_err(|e| http_error(&self.url, e))?;
        Ok(Box::new(response.into_reader()))
    }

    /// Runs a query and copies the server's answer in `accept` to `out`.
    fn copy_answer(&self, sparql: &str, accept: &str, out: &mut dyn Write) -> Result<()> {
        std::io::copy(&mut self.query_raw(sparql, accept)?, out)?;
        Ok(())
    }
}

impl SparqlSource for Endpoint {
    fn select(&self, sparql: &str) -> Result<Table> {
        let body = self.query_raw(sparql, "application/sparql-results+json")?;
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(body)
            .map_err(|e| Error::Remote(format!("{}: results: {e}", self.url)))?;
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
            return Err(Error::Usage("expected a SELECT query".into()));
        };
        let vars = solutions.variables().to_vec();
        let url = &self.url;
        Table::from_solutions(
            &vars,
            solutions.map(|s| s.map_err(|e| Error::Remote(format!("{url}: results: {e}")))),
        )
    }

    /// The server's own serialization for the W3C formats; an aligned
    /// table of a SELECT for `Table`.
    fn query_to(&self, sparql: &str, format: ResultFormat, out: &mut dyn Write) -> Result<()> {
        let accept = match format {
            ResultFormat::Table => {
                crate::store::write_table(&self.select(sparql)?, out)?;
                return Ok(());
            }
            ResultFormat::Csv => "text/csv",
            ResultFormat::Tsv => "text/tab-separated-values",
            ResultFormat::Json => "application/sparql-results+json",
            ResultFormat::Xml => "application/sparql-results+xml",
            ResultFormat::Turtle => "text/turtle",
            ResultFormat::NTriples => "application/n-triples",
        };
        self.copy_answer(sparql, accept, out)
    }

    /// Turtle or N-Triples of the default graph, through CONSTRUCT; the
    /// dataset formats are refused (the local store's graphs only).
    fn dump(&self, format: DumpFormat, out: &mut dyn Write) -> Result<()> {
        let all = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }";
        match format {
            DumpFormat::Turtle => self.copy_answer(all, "text/turtle", out),
            DumpFormat::NTriples => self.copy_answer(all, "application/n-triples", out),
            DumpFormat::NQuads | DumpFormat::TriG => Err(Error::Usage(
                "nq and trig export the local store's graphs; over --endpoint use ttl or nt".into(),
            )),
        }
    }
}

impl GraphSink for Endpoint {
    fn write_ontology(&self) -> Result<()> {
        let ontology = NamedNode::new_unchecked(rdf::ONTOLOGY_GRAPH);
        let quads = rdf::ontology_quads()?;
        self.put_graph(&ontology, quads.iter().map(|q| TripleRef::from(q.as_ref())))
    }

    /// One PUT per graph, several at once (one connection per core).
    fn optimize(&self) -> Result<()> {
        Ok(())
    }

    fn writer(&self) -> Box<dyn GraphWriter + '_> {
        Box::new(EachBatch(self))
    }

    fn replace_graphs(&self, graphs: Vec<rdf::DocumentGraph>) -> Result<usize> {
        let workers = std::thread::available_parallelism().map_or(4, |n| n.get());
        let chunk = graphs.len().div_ceil(workers).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = graphs
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || -> Result<()> {
                        for graph in part {
                            self.put_graph(graph.iri(), graph.triples())?;
                            self.sent.fetch_add(graph.len(), Ordering::Relaxed);
                        }
                        Ok(())
                    })
                })
                .collect();
            for h in handles {
                h.join()
                    .map_err(|_| Error::Remote(format!("{}: a writer panicked", self.url)))??;
            }
            Ok(0)
        })
    }

    /// Unknown: the server is not asked, every document is written.
    fn document_sha256(&self, _id: &str) -> Result<Option<String>> {
        Ok(None)
    }

    /// Nothing to do: each PUT is complete when it returns.
    fn flush(&self) -> Result<()> {
        Ok(())
    }

    fn size(&self) -> Result<usize> {
        Ok(self.sent.load(Ordering::Relaxed))
    }
}

/// A remote build writes each batch as it comes (one PUT per graph).
struct EachBatch<'a>(&'a Endpoint);

impl GraphWriter for EachBatch<'_> {
    fn write(&mut self, graphs: Vec<rdf::DocumentGraph>) -> Result<usize> {
        self.0.replace_graphs(graphs)
    }

    fn commit(self: Box<Self>) -> Result<()> {
        Ok(())
    }
}
