//! Remote stores: any SPARQL 1.1 server holds the graph instead of the
//! local Oxigraph store. Documents' graphs are written with the SPARQL 1.1
//! Graph Store Protocol (`PUT …?graph=IRI` per document, so a rebuild
//! replaces and never duplicates); queries, exports and statistics read
//! through the SPARQL 1.1 Protocol. The only module that speaks HTTP as a
//! client (ureq: small, synchronous, no async runtime).

use crate::error::{Error, Result};
use crate::store::{SparqlSource, Table};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Quad, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use std::io::{Read, Write};
use std::time::Duration;

/// A SPARQL 1.1 Protocol endpoint (for reading) or Graph Store Protocol
/// endpoint (for writing), by URL.
pub struct Endpoint {
    url: String,
    agent: ureq::Agent,
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
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Replaces graph `graph` with the triples of `quads` (Graph Store
    /// Protocol PUT, N-Triples body).
    pub fn put_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<()> {
        let mut body = Vec::new();
        let mut ser = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut body);
        for q in quads {
            ser.serialize_triple(&Triple::from(q.clone()))?;
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
    pub fn query_to(&self, sparql: &str, accept: &str, out: &mut dyn Write) -> Result<()> {
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
}
