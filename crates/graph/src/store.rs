//! The store: the only user of `oxigraph::store`. Opens the on-disk store,
//! loads documents' graphs atomically, answers SPARQL and dumps RDF.
//!
//! Each document's facts live in its own named graph (the source of truth:
//! loading a document replaces its graph, so building it twice leaves the
//! store as one build did). The default graph holds their union with each
//! triple once, kept up to date as graphs are written and replaced; queries
//! without `FROM` or `GRAPH` read it. (Oxigraph's own union-of-graphs view
//! repeats a triple once per graph holding it, and a join of a few patterns
//! over an entity named in thousands of documents then multiplies out.)

use crate::error::{Error, Result};
use crate::location::{GraphSink, GraphWriter, SparqlSource};
use crate::rdf;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term,
    TripleRef,
};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::CancellationToken;
use oxigraph::sparql::{QueryResults, QuerySolutionIter, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use zhkg_extract::model::{Document, Extraction};

/// An open zhkg store.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
    /// On disk (RocksDB), where a bulk load is staged in files and may be
    /// held across batches; in memory a bulk load is a transaction that
    /// locks the store until it commits.
    on_disk: bool,
}

/// How query results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ResultFormat {
    /// An aligned table for people (graphs print as Turtle).
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    /// Turtle, for CONSTRUCT and DESCRIBE.
    Turtle,
    /// N-Triples, for CONSTRUCT and DESCRIBE.
    NTriples,
}

/// Limits on one query (none by default).
#[derive(Debug, Clone, Copy, Default)]
pub struct QueryLimits {
    pub timeout: Option<Duration>,
    pub max_results: Option<usize>,
}

/// The dataset of a query as the SPARQL Protocol's `default-graph-uri`
/// and `named-graph-uri` parameters give it (empty: the query's own).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GraphSelection {
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
}

/// How a limited query went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueryOutcome {
    /// Results were left out at the `max_results` cap.
    pub truncated: bool,
}

/// RDF dump formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpFormat {
    Turtle,
    NTriples,
    NQuads,
    TriG,
}

/// Rows of a SELECT: the variable names, then one value (or none) per
/// variable per row.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub vars: Vec<String>,
    pub rows: Vec<Vec<Option<Term>>>,
}

impl Table {
    /// The rows of SELECT solutions (local or parsed from a server's answer).
    pub fn from_solutions(
        vars: &[oxigraph::sparql::Variable],
        solutions: impl Iterator<Item = Result<oxigraph::sparql::QuerySolution>>,
    ) -> Result<Table> {
        let vars: Vec<String> = vars.iter().map(|v| v.as_str().to_owned()).collect();
        let mut rows = Vec::new();
        for s in solutions {
            let s = s?;
            rows.push(vars.iter().map(|v| s.get(v.as_str()).cloned()).collect());
        }
        Ok(Table { vars, rows })
    }
}

/// The local store read as any SPARQL source: the inherent methods.
impl SparqlSource for GraphStore {
    fn select(&self, sparql: &str) -> Result<Table> {
        GraphStore::select(self, sparql)
    }

    fn query_to(&self, sparql: &str, format: ResultFormat, out: &mut dyn Write) -> Result<()> {
        GraphStore::query_to(self, sparql, format, out)
    }

    fn dump(&self, format: DumpFormat, out: &mut dyn Write) -> Result<()> {
        GraphStore::dump(self, format, out)
    }

    fn local_store(&self) -> Option<&GraphStore> {
        Some(self)
    }
}

/// The local store written as any sink: it knows the documents' text
/// hashes (so a build skips unchanged documents) and which graphs it
/// replaced, and its size is the quads it holds.
impl GraphSink for GraphStore {
    fn write_ontology(&self) -> Result<()> {
        self.refresh_ontology()
    }

    fn replace_graphs(&self, graphs: Vec<rdf::DocumentGraph>) -> Result<usize> {
        GraphStore::replace_graphs(self, graphs)
    }

    fn writer(&self) -> Box<dyn GraphWriter + '_> {
        Box::new(GraphStore::writer(self))
    }

    fn document_sha256(&self, id: &str) -> Result<Option<String>> {
        GraphStore::document_sha256(self, id)
    }

    fn flush(&self) -> Result<()> {
        GraphStore::flush(self)
    }

    fn size(&self) -> Result<usize> {
        self.len()
    }

    fn optimize(&self) -> Result<()> {
        GraphStore::optimize(self)
    }
}

/// What one load changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadSummary {
    pub documents: usize,
    /// Documents whose graph was there before and has been replaced.
    pub replaced: usize,
    /// Quads in the store after the load.
    pub quads: usize,
}

/// A store error by its kind: Oxigraph's variant (corruption), the I/O
/// error's kind (disk full, permission denied), and RocksDB's status
/// context for a lock it could not take. The engine's text shows once.
fn store_error(path: &Path, source: StorageError) -> Error {
    let path = path.to_path_buf();
    match source {
        StorageError::Corruption(e) => Error::StoreCorrupt {
            path,
            detail: e.to_string(),
        },
        StorageError::Io(e) => match e.kind() {
            std::io::ErrorKind::StorageFull => Error::StoreFull {
                path,
                detail: e.to_string(),
            },
            std::io::ErrorKind::PermissionDenied => Error::StoreAccess {
                file: path.clone(),
                path,
                access: "read or write",
            },
            _ if is_lock_status(&e) => Error::StoreLocked { path },
            _ => Error::Store {
                path,
                detail: e.to_string(),
            },
        },
        other => Error::Store {
            path,
            detail: other.to_string(),
        },
    }
}

/// Whether an I/O error is RocksDB failing to take the store's lock. A
/// RocksDB status reads `code: context: file: reason`; a lock held by
/// another process has the context `While lock file`, one held by this
/// process `lock hold by current process, …`.
fn is_lock_status(e: &std::io::Error) -> bool {
    let message = e.to_string();
    let mut fields = message.split(": ");
    fields.next() == Some("IO error")
        && fields.next().is_some_and(|context| {
            context == "While lock file" || context.starts_with("lock hold by current process")
        })
}

/// Whether `text` is a SPARQL update (INSERT, DELETE, LOAD, CLEAR, …)
/// rather than a query: `zhkg query` tells the user where updates go.
pub fn is_sparql_update(text: &str) -> bool {
    SparqlEvaluator::new().parse_update(text).is_ok()
}

/// An error opening the store at `path`. RocksDB reports a permission
/// problem as an untyped I/O error, so the store's own files are checked
/// (with the operating system's error kinds) to tell it apart.
fn open_error(path: &Path, source: StorageError, write: bool) -> Error {
    if matches!(source, StorageError::Io(_)) {
        if let Some(denied) = access_problem(path, write) {
            return denied;
        }
    }
    store_error(path, source)
}

/// The first file or folder of the store at `path` this process may not
/// read (or, when `write`, write), as [`Error::StoreAccess`].
fn access_problem(path: &Path, write: bool) -> Option<Error> {
    use std::fs;
    use std::io::ErrorKind::PermissionDenied;
    let denied = |file: &Path, access: &'static str| {
        Some(Error::StoreAccess {
            path: path.to_path_buf(),
            file: file.to_path_buf(),
            access,
        })
    };
    let entries = match fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) if e.kind() == PermissionDenied => return denied(path, "read"),
        Err(_) => return None,
    };
    for entry in entries.flatten() {
        let file = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        // RocksDB appends to its lock and its log; the rest it only reads.
        let appended = matches!(entry.file_name().to_str(), Some("LOCK" | "LOG"));
        let opened = if write && appended {
            fs::OpenOptions::new().append(true).open(&file)
        } else {
            fs::File::open(&file)
        };
        if let Err(e) = opened {
            if e.kind() == PermissionDenied {
                return denied(&file, if write && appended { "write" } else { "read" });
            }
        }
    }
    if write {
        let probe = path.join(".zhkg-write-probe");
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&probe)
        {
            Ok(_) => {
                let _ = fs::remove_file(&probe);
            }
            Err(e) if e.kind() == PermissionDenied => return denied(path, "write"),
            Err(_) => {}
        }
    }
    None
}

impl GraphStore {
    /// Opens the store at `path`, creating it if it does not exist.
    pub fn create_or_open(path: &Path) -> Result<GraphStore> {
        if path.exists() && !path.is_dir() {
            return Err(Error::Usage(format!(
                "store {}: exists and is not a directory",
                path.display()
            )));
        }
        let store = Store::open(path).map_err(|e| open_error(path, e, true))?;
        Ok(GraphStore {
            store,
            path: path.to_path_buf(),
            on_disk: true,
        })
    }

    /// Opens an existing store for reading; [`Error::NoStore`] when there
    /// is none. Readers take no lock, so several may run at once (and while
    /// a `build` holds the store, they see what it had last committed).
    pub fn open_read_only(path: &Path) -> Result<GraphStore> {
        match std::fs::metadata(path.join("CURRENT")) {
            Ok(m) if m.is_file() => {}
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(Error::StoreAccess {
                    path: path.to_path_buf(),
                    file: path.to_path_buf(),
                    access: "read",
                })
            }
            _ => {
                return Err(Error::NoStore {
                    path: path.to_path_buf(),
                })
            }
        }
        let store = Store::open_read_only(path).map_err(|e| open_error(path, e, false))?;
        Ok(GraphStore {
            store,
            path: path.to_path_buf(),
            on_disk: true,
        })
    }

    /// An in-memory store (for `extract --format nq` and tests).
    pub fn in_memory() -> Result<GraphStore> {
        let path = PathBuf::from("(memory)");
        let store = Store::new().map_err(|e| store_error(&path, e))?;
        Ok(GraphStore {
            store,
            path,
            on_disk: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: StorageError) -> Error {
        store_error(&self.path, e)
    }

    /// Loads documents' graphs (refreshing the ontology graph first): see
    /// [`GraphStore::replace_graphs`].
    pub fn load(&self, docs: &[(Document, Extraction)]) -> Result<LoadSummary> {
        self.refresh_ontology()?;
        let graphs: Vec<rdf::DocumentGraph> = docs
            .iter()
            .map(|(doc, ex)| rdf::document_graph(doc, ex))
            .collect();
        let replaced = self.replace_graphs(graphs)?;
        self.flush()?;
        Ok(LoadSummary {
            documents: docs.len(),
            replaced,
            quads: self.len()?,
        })
    }

    /// The SHA-256 of the text a document was built from, if the store
    /// holds that document (`zhkg:sha256` in its graph).
    pub fn document_sha256(&self, id: &str) -> Result<Option<String>> {
        let doc = rdf::document_iri(id);
        let sha = rdf::sha256_property();
        let found = self
            .store
            .quads_for_pattern(
                Some(doc.as_ref().into()),
                Some(sha.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(doc.as_ref())),
            )
            .next();
        match found {
            Some(q) => Ok(match q.map_err(|e| self.err(e))?.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            }),
            None => Ok(None),
        }
    }

    /// Writes the ontology graph anew (the first batch of a build), and its
    /// triples into the default graph.
    pub fn refresh_ontology(&self) -> Result<()> {
        let ontology = NamedNode::new_unchecked(rdf::ONTOLOGY_GRAPH);
        let parsed = rdf::ontology_quads()?;
        // Blank nodes get fresh ids at each parse: keep the stored ones when
        // nothing changed, so a rebuild leaves the store as it was.
        let mut tx = self.store.start_transaction().map_err(|e| self.err(e))?;
        let old = graph_quads(&tx, ontology.as_ref()).map_err(|e| self.err(e))?;
        if same_up_to_blank_nodes(&old, &parsed) {
            return Ok(());
        }
        tx.clear_graph(&ontology).map_err(|e| self.err(e))?;
        tx.insert_named_graph(&ontology);
        for q in &parsed {
            tx.insert(q);
            tx.insert(QuadRef::new(
                &q.subject,
                &q.predicate,
                &q.object,
                GraphNameRef::DefaultGraph,
            ));
        }
        let restated = parsed.iter().map(|q| TripleRef::from(q.as_ref())).collect();
        drop_unsupported(&mut tx, &old, &restated).map_err(|e| self.err(e))?;
        tx.commit().map_err(|e| self.err(e))
    }

    /// Writes a batch of documents' graphs and commits them: see
    /// [`StoreWriter`], which a build keeps open across batches.
    pub fn replace_graphs(&self, graphs: Vec<rdf::DocumentGraph>) -> Result<usize> {
        let mut writer = self.writer();
        let replaced = writer.write(graphs)?;
        writer.commit()?;
        Ok(replaced)
    }

    /// A writer of documents' graphs, batch after batch; see [`StoreWriter`].
    pub fn writer(&self) -> StoreWriter<'_> {
        StoreWriter {
            store: self,
            loader: None,
            loading: HashSet::new(),
            loaded_quads: 0,
            committed_quads: 0,
            first_commit: COMMIT_QUADS,
            written: WrittenTriples::default(),
        }
    }

    /// Loads N-Quads shards (`zhkg extract --format nq` output) as a build
    /// would: each document graph replaces the store's graph of that name
    /// and the default graph follows. A graph's quads must come together
    /// (as `extract` writes them); quads outside a named graph are refused.
    /// Returns (graphs loaded, graphs replaced).
    pub fn load_nquads(
        &self,
        path: &Path,
        reader: impl std::io::Read,
        batch: usize,
    ) -> Result<(usize, usize)> {
        let bad = |message: String| Error::BadShard {
            path: path.to_path_buf(),
            message,
        };
        let mut seen: std::collections::HashSet<NamedNode> = std::collections::HashSet::new();
        let mut pending: Vec<rdf::DocumentGraph> = Vec::new();
        let (mut loaded, mut replaced) = (0, 0);
        let mut writer = self.writer();
        for q in RdfParser::from_format(RdfFormat::NQuads).for_reader(reader) {
            let q = q.map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?;
            let GraphName::NamedNode(g) = &q.graph_name else {
                return Err(bad(
                    "a quad outside any document graph: not a zhkg shard".into()
                ));
            };
            if pending.last().is_none_or(|last| last.iri() != g) {
                if !seen.insert(g.clone()) {
                    return Err(bad(format!(
                        "the quads of graph {g} are not together (a zhkg shard writes each graph at once)"
                    )));
                }
                if pending.len() == batch.max(1) {
                    loaded += pending.len();
                    replaced += writer.write(std::mem::take(&mut pending))?;
                }
                pending.push(rdf::DocumentGraph::new(g.clone()));
            }
            if let Some(graph) = pending.last_mut() {
                graph.add(q.subject, q.predicate, q.object);
            }
        }
        loaded += pending.len();
        replaced += writer.write(pending)?;
        writer.commit()?;
        Ok((loaded, replaced))
    }

    /// Merges the store's index files into as few as RocksDB keeps
    /// (a full compaction: time in proportion to the store).
    ///
    /// A build adds sorted index files faster than RocksDB's background
    /// compaction merges them: after a 100 MB build each index had 20 to
    /// 36 files at its top level, and every lookup reads each of them. The
    /// ready queries ran 3 to 10 times slower than after this.
    pub fn optimize(&self) -> Result<()> {
        self.store.optimize().map_err(|e| self.err(e))
    }

    /// Makes what was committed durable.
    pub fn flush(&self) -> Result<()> {
        self.store.flush().map_err(|e| self.err(e))
    }

    /// Inserts quads as they are (tests and in-memory use).
    pub fn insert_quads(&self, quads: &[Quad]) -> Result<()> {
        self.store
            .extend(quads.iter().cloned())
            .map_err(|e| self.err(e))
    }

    /// How many quads the store holds.
    pub fn len(&self) -> Result<usize> {
        self.store.len().map_err(|e| self.err(e))
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    fn evaluate(&self, sparql: &str) -> Result<QueryResults<'static>> {
        self.evaluate_with(sparql, SparqlEvaluator::new(), &GraphSelection::default())
    }

    fn evaluate_with(
        &self,
        sparql: &str,
        evaluator: SparqlEvaluator,
        selection: &GraphSelection,
    ) -> Result<QueryResults<'static>> {
        crate::query::check_nesting(sparql)?;
        let mut prepared = evaluator
            .parse_query(sparql)
            .map_err(|e| Error::QuerySyntax(e.to_string()))?;
        // The SPARQL Protocol's graph parameters override FROM and FROM NAMED.
        let iri = |what: &str, g: &String| {
            NamedNode::new(g.as_str())
                .map_err(|e| Error::QuerySyntax(format!("{what} {g:?} is not an IRI: {e}")))
        };
        if !selection.default_graphs.is_empty() {
            let graphs = selection
                .default_graphs
                .iter()
                .map(|g| iri("default-graph-uri", g).map(GraphName::NamedNode))
                .collect::<Result<Vec<_>>>()?;
            prepared.dataset_mut().set_default_graph(graphs);
        }
        if !selection.named_graphs.is_empty() {
            let graphs = selection
                .named_graphs
                .iter()
                .map(|g| iri("named-graph-uri", g).map(Into::into))
                .collect::<Result<Vec<_>>>()?;
            prepared.dataset_mut().set_available_named_graphs(graphs);
        }
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::QueryEval(e.to_string()))
    }

    /// Whether a query builds a graph (CONSTRUCT, DESCRIBE) rather than
    /// solutions or a boolean. Checks its syntax.
    pub fn is_graph_query(&self, sparql: &str) -> Result<bool> {
        crate::query::check_nesting(sparql)?;
        let query = spargebra::SparqlParser::new()
            .parse_query(sparql)
            .map_err(|e| Error::QuerySyntax(e.to_string()))?;
        Ok(matches!(
            query,
            spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. }
        ))
    }

    /// Runs a SPARQL 1.1 Update. It writes what it says; the default graph
    /// is the union of the document graphs only as `build` maintains it.
    pub fn update(&self, sparql: &str) -> Result<()> {
        crate::query::check_nesting(sparql)?;
        SparqlEvaluator::new()
            .parse_update(sparql)
            .map_err(|e| Error::QuerySyntax(e.to_string()))?
            .on_store(&self.store)
            .execute()
            .map_err(|e| Error::QueryEval(e.to_string()))
    }

    /// Runs a SELECT and streams its solutions, each term decoded as it is
    /// read: only the projected variables are turned back into strings.
    pub fn solutions(
        &self,
        sparql: &str,
    ) -> Result<impl Iterator<Item = Result<oxigraph::sparql::QuerySolution>> + 'static> {
        match self.evaluate(sparql)? {
            QueryResults::Solutions(solutions) => {
                Ok(solutions.map(|s| s.map_err(|e| Error::QueryEval(e.to_string()))))
            }
            _ => Err(Error::Usage("expected a SELECT query".into())),
        }
    }

    /// Runs a SELECT and collects its rows.
    pub fn select(&self, sparql: &str) -> Result<Table> {
        match self.evaluate(sparql)? {
            QueryResults::Solutions(solutions) => collect_table(solutions),
            _ => Err(Error::Usage("expected a SELECT query".into())),
        }
    }

    /// Runs any query and writes its results in `format`.
    pub fn query_to(&self, sparql: &str, format: ResultFormat, out: &mut dyn Write) -> Result<()> {
        self.query_to_limited(sparql, format, out, QueryLimits::default())
            .map(|_| ())
    }

    /// [`GraphStore::query_to`] within limits: the evaluation is cancelled
    /// after `timeout` ([`Error::QueryTimeout`]), and at most `max_results`
    /// solutions or triples are written (the outcome says when some were
    /// left out).
    pub fn query_to_limited(
        &self,
        sparql: &str,
        format: ResultFormat,
        out: &mut dyn Write,
        limits: QueryLimits,
    ) -> Result<QueryOutcome> {
        self.query_to_selected(sparql, format, out, limits, &GraphSelection::default())
    }

    /// [`GraphStore::query_to_limited`] over the graphs the SPARQL
    /// Protocol's `default-graph-uri` and `named-graph-uri` name.
    pub fn query_to_selected(
        &self,
        sparql: &str,
        format: ResultFormat,
        out: &mut dyn Write,
        limits: QueryLimits,
        selection: &GraphSelection,
    ) -> Result<QueryOutcome> {
        let token = CancellationToken::new();
        let done = Arc::new(AtomicBool::new(false));
        if let Some(timeout) = limits.timeout {
            let (token, done) = (token.clone(), Arc::clone(&done));
            std::thread::spawn(move || {
                let start = Instant::now();
                while !done.load(Ordering::Relaxed) {
                    if start.elapsed() >= timeout {
                        token.cancel();
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            });
        }
        let result = self.query_inner(sparql, format, out, &limits, token, selection);
        done.store(true, Ordering::Relaxed);
        match (result, limits.timeout) {
            (Err(Error::QueryEval(m)), Some(t)) if m.to_lowercase().contains("cancel") => {
                Err(Error::QueryTimeout(t))
            }
            (r, _) => r,
        }
    }

    fn query_inner(
        &self,
        sparql: &str,
        format: ResultFormat,
        out: &mut dyn Write,
        limits: &QueryLimits,
        token: CancellationToken,
        selection: &GraphSelection,
    ) -> Result<QueryOutcome> {
        let max = limits.max_results.unwrap_or(usize::MAX);
        let mut outcome = QueryOutcome::default();
        let results = self.evaluate_with(
            sparql,
            SparqlEvaluator::new().with_cancellation_token(token),
            selection,
        )?;
        let results_format = match format {
            ResultFormat::Csv => Some(QueryResultsFormat::Csv),
            ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
            ResultFormat::Json => Some(QueryResultsFormat::Json),
            ResultFormat::Xml => Some(QueryResultsFormat::Xml),
            _ => None,
        };
        let eval_err = |e: oxigraph::sparql::QueryEvaluationError| Error::QueryEval(e.to_string());
        match results {
            QueryResults::Boolean(b) => match results_format {
                Some(f) => {
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut *out, b)?;
                }
                None => writeln!(out, "{b}")?,
            },
            QueryResults::Solutions(solutions) => match results_format {
                Some(f) => {
                    let mut ser = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())?;
                    for (i, s) in solutions.enumerate() {
                        if i == max {
                            outcome.truncated = true;
                            break;
                        }
                        ser.serialize(&s.map_err(eval_err)?)?;
                    }
                    ser.finish()?;
                }
                None if format == ResultFormat::Table => {
                    write_table(&collect_table(solutions)?, out)?;
                }
                None => {
                    return Err(Error::Usage(
                        "SELECT results print as table, csv, tsv, json or xml".into(),
                    ))
                }
            },
            QueryResults::Graph(triples) => {
                let rdf_format = match format {
                    ResultFormat::NTriples => RdfFormat::NTriples,
                    ResultFormat::Table | ResultFormat::Turtle => RdfFormat::Turtle,
                    _ => {
                        return Err(Error::Usage(
                            "CONSTRUCT and DESCRIBE results print as ttl or nt".into(),
                        ))
                    }
                };
                let mut ser =
                    prefixed(RdfSerializer::from_format(rdf_format)).for_writer(&mut *out);
                for (i, t) in triples.enumerate() {
                    if i == max {
                        outcome.truncated = true;
                        break;
                    }
                    ser.serialize_triple(&t.map_err(eval_err)?)?;
                }
                ser.finish()?;
            }
        }
        Ok(outcome)
    }

    /// Writes every quad of the store (triple formats: the union of all
    /// graphs, each triple once).
    pub fn dump(&self, format: DumpFormat, out: &mut dyn Write) -> Result<()> {
        let (rdf_format, dataset) = match format {
            DumpFormat::Turtle => (RdfFormat::Turtle, false),
            DumpFormat::NTriples => (RdfFormat::NTriples, false),
            DumpFormat::NQuads => (RdfFormat::NQuads, true),
            DumpFormat::TriG => (RdfFormat::TriG, true),
        };
        let mut ser = prefixed(RdfSerializer::from_format(rdf_format)).for_writer(&mut *out);
        if dataset {
            // The named graphs: the default graph is derived from them.
            for q in self.store.iter() {
                let q = q.map_err(|e| self.err(e))?;
                if !q.graph_name.is_default_graph() {
                    ser.serialize_quad(&q)?;
                }
            }
        } else {
            let default =
                self.store
                    .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph));
            for q in default {
                ser.serialize_triple(&oxigraph::model::Triple::from(q.map_err(|e| self.err(e))?))?;
            }
        }
        ser.finish()?;
        Ok(())
    }

    /// The default graph's (subject, object) pairs with this predicate:
    /// the fast path of the entity graph's projection. Read through SPARQL,
    /// so only the two terms are turned back into strings; reading the
    /// index directly decodes the predicate of every triple as well, one
    /// more string lookup in the store each.
    pub fn pairs_with(
        &self,
        predicate: NamedNodeRef<'_>,
    ) -> Result<impl Iterator<Item = Result<(Term, Term)>> + 'static> {
        let rows = self.solutions(&format!("SELECT ?s ?o WHERE {{ ?s {predicate} ?o }}"))?;
        Ok(rows.filter_map(|row| match row {
            Ok(row) => match (row.get(0), row.get(1)) {
                (Some(s), Some(o)) => Some(Ok((s.clone(), o.clone()))),
                _ => None,
            },
            Err(e) => Some(Err(e)),
        }))
    }

    /// The default graph's subjects of this predicate and object (each
    /// triple's subject, decoded alone), as [`Self::pairs_with`] reads.
    pub fn subjects_with(
        &self,
        predicate: NamedNodeRef<'_>,
        object: NamedNodeRef<'_>,
    ) -> Result<impl Iterator<Item = Result<Term>> + 'static> {
        let rows = self.solutions(&format!("SELECT ?s WHERE {{ ?s {predicate} {object} }}"))?;
        Ok(rows.filter_map(|row| match row {
            Ok(row) => row.get(0).cloned().map(Ok),
            Err(e) => Some(Err(e)),
        }))
    }

    /// How many triples of the default graph have this predicate and
    /// object, counted without turning any term back into a string.
    pub fn count_with(
        &self,
        predicate: NamedNodeRef<'_>,
        object: NamedNodeRef<'_>,
    ) -> Result<usize> {
        let sparql = format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?s {predicate} {object} }}");
        for row in self.solutions(&sparql)? {
            if let Some(Term::Literal(n)) = row?.get(0) {
                return n
                    .value()
                    .parse()
                    .map_err(|_| Error::QueryEval(format!("a count that is not a number: {n}")));
            }
        }
        Ok(0)
    }

    /// The least of the `schema:name`s of `iri` in the default graph (the
    /// name the entity graph's projection gives a node).
    pub fn least_name(&self, iri: &str) -> Result<Option<String>> {
        let node = NamedNode::new_unchecked(iri);
        let name = NamedNode::new_unchecked(format!("{}name", rdf::SCHEMA));
        let mut least: Option<String> = None;
        for q in self.store.quads_for_pattern(
            Some(node.as_ref().into()),
            Some(name.as_ref()),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let Term::Literal(l) = q.map_err(|e| self.err(e))?.object {
                if least.as_deref().is_none_or(|n| l.value() < n) {
                    least = Some(l.value().to_owned());
                }
            }
        }
        Ok(least)
    }

    /// Named graphs of documents (not the ontology), for counts.
    pub fn document_graphs(&self) -> Result<usize> {
        let mut n = 0;
        for g in self.store.named_graphs() {
            let g = g.map_err(|e| self.err(e))?;
            if g.to_string().starts_with(&format!("<{}doc/", rdf::BASE)) {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Whether the default graph is empty (the store holds only named graphs).
    pub fn default_graph_is_empty(&self) -> Result<bool> {
        Ok(self
            .store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .next()
            .is_none())
    }
}

/// How many quads a build's bulk loader gathers (as sorted index files on
/// disk, not in memory) before its first commit; each later commit waits
/// until the loader holds as many as the build has committed before.
///
/// Each commit adds index files that overlap the whole store, and RocksDB
/// merges them into it: fewer, larger commits merge less. Commits that
/// double in size make the merging of a build of any size at most twice
/// its own size, in a number of commits that grows with the logarithm of
/// the build. A build that stops keeps what it committed, so it loses at
/// most half of its work; run again, it skips what was committed. Memory
/// does not grow with it: the loader writes each batch's files before it
/// takes the next. On the growing 100 MB corpus (about 10 million quads
/// for the loader), one commit at the end instead of one every 8 million
/// quads took ×0.86 the CPU and ×0.81 the time, and peaked lower.
pub const COMMIT_QUADS: usize = 32_000_000;

/// How many quads one of the bulk loader's threads sorts at a time, in
/// the loader's own unit (a thousand quads per MB). Its default (2 GB, a
/// million quads) reserves some 450 MB at each load whatever the batch's
/// size, most of a build's peak; a build's batch is some 170,000 quads,
/// and a huge document's graph is sorted 128k quads at a time per thread.
const LOADER_MEGABYTES_PER_THREAD: usize = 128;

/// The bulk loader's threads: one per core, at most four. Each encodes
/// and sorts one chunk of quads into index files while the writer makes
/// the next, so the store's side of a build is no longer one thread's
/// work. On two cores, two threads of 128k quads each built 10 MB of
/// news in 0.87 of the time one thread of 256k took, and with less CPU
/// (×0.92); chunks of 64k were slower, and a third thread gained
/// nothing measurable.
fn loader_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4))
}

/// Writes batches of documents' graphs into the local store.
///
/// Graphs the store already has are cleared and written anew in one
/// transaction per batch (so a rebuild never duplicates), and triples no
/// graph states any more leave the default graph. New graphs, with their
/// triples for the default graph, go through Oxigraph's bulk loader, which
/// writes sorted index files directly, several times faster; the loader
/// is kept open across batches and commits (atomically) once it holds
/// [`COMMIT_QUADS`] quads and as many as it committed before, and at
/// [`StoreWriter::commit`] (in memory, at each batch). Either way no
/// document's graph is ever half written: a build that stops keeps every
/// committed group, and running it again finishes it.
///
/// Replacing costs in proportion to the documents replaced, not to the
/// store (see [`drop_unsupported`]). It stays in a transaction:
/// bulk-loading replaced graphs into a large store was measured slower,
/// the index files it adds overlap the whole store and set off
/// compactions that rewrite it.
pub struct StoreWriter<'a> {
    store: &'a GraphStore,
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    /// The graphs the open loader holds (not yet visible in the store).
    loading: HashSet<NamedNode>,
    loaded_quads: usize,
    /// How many quads this writer's loader has committed.
    committed_quads: usize,
    /// The fewest quads the loader commits at once ([`COMMIT_QUADS`]).
    first_commit: usize,
    /// The default graph's triples this writer has given the loader.
    written: WrittenTriples,
}

/// How many triples one generation of [`WrittenTriples`] holds: 7/8 of
/// 2^20, so a generation's table is 2^20 slots (17 MiB) and the two
/// together stay under 40 MiB whatever the corpus.
const WRITTEN_PER_GENERATION: usize = 917_504;

/// The default graph's triples a writer has given the loader, remembered
/// as 128-bit SipHash digests (as Oxigraph names its strings) in two
/// generations: when the newer fills up it becomes the older and the
/// older is forgotten, so memory stays flat and the triples stated most
/// often stay remembered.
///
/// An entity's description (its type, name, label, identity basis) is
/// repeated in the graph of every document that names it; in a growing
/// 10 MB corpus a third of the triples the default graph was given were
/// such repeats. The loader wrote each of them into the default graph's
/// three indexes again, for RocksDB to merge away. A triple whose subject
/// is the document or one of its facts is in no other graph, so it is
/// neither looked up nor remembered.
///
/// Forgetting only costs a repeat written again, never a triple missing.
/// A triple is skipped only if this writer gave it to the loader earlier
/// in the same build: it is then committed, or it is in the loader and
/// commits with the skipping graph. Replacing a graph may take triples out
/// of the default graph, so a replacement forgets everything.
struct WrittenTriples {
    newer: rustc_hash::FxHashSet<u128>,
    older: rustc_hash::FxHashSet<u128>,
    per_generation: usize,
}

impl Default for WrittenTriples {
    fn default() -> WrittenTriples {
        WrittenTriples::with_generations_of(WRITTEN_PER_GENERATION)
    }
}

impl WrittenTriples {
    fn with_generations_of(per_generation: usize) -> WrittenTriples {
        WrittenTriples {
            newer: Default::default(),
            older: Default::default(),
            per_generation,
        }
    }

    /// Whether `t` must go to the default graph: true the first time it
    /// is given (or once it has been forgotten).
    fn first_time(&mut self, t: TripleRef<'_>) -> bool {
        use siphasher::sip128::{Hasher128, SipHasher24};
        use std::hash::Hash;
        let mut hasher = SipHasher24::new();
        t.hash(&mut hasher);
        let digest = hasher.finish128().as_u128();
        if self.newer.contains(&digest) {
            return false;
        }
        let known = self.older.contains(&digest);
        if self.newer.len() >= self.per_generation {
            std::mem::swap(&mut self.newer, &mut self.older);
            self.newer.clear();
        }
        self.newer.insert(digest);
        !known
    }

    fn forget(&mut self) {
        self.newer.clear();
        self.older.clear();
    }
}

/// Whether `subject` is the document `graph` is named after or one of its
/// facts (`…/doc/ID/fact/…`): no other document's graph states a triple
/// about it.
fn local_to(subject: &NamedOrBlankNode, graph: &NamedNode) -> bool {
    match subject {
        NamedOrBlankNode::NamedNode(n) => n
            .as_str()
            .strip_prefix(graph.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/')),
        NamedOrBlankNode::BlankNode(_) => false,
    }
}

impl GraphWriter for StoreWriter<'_> {
    fn write(&mut self, graphs: Vec<rdf::DocumentGraph>) -> Result<usize> {
        StoreWriter::write(self, graphs)
    }

    fn commit(self: Box<Self>) -> Result<()> {
        StoreWriter::commit(*self)
    }
}

impl StoreWriter<'_> {
    /// Writes a batch of graphs; returns how many of them the store held.
    pub fn write(&mut self, graphs: Vec<rdf::DocumentGraph>) -> Result<usize> {
        let store = self.store;
        if graphs.iter().any(|g| self.loading.contains(g.iri())) {
            // A graph written again before its first version is committed:
            // commit, so that this write replaces it.
            self.commit_loader()?;
        }
        let mut fresh: Vec<rdf::DocumentGraph> = Vec::new();
        let mut tx = store.store.start_transaction().map_err(|e| store.err(e))?;
        let mut replaced = 0;
        for g in graphs {
            let graph = g.iri();
            if tx.contains_named_graph(graph).map_err(|e| store.err(e))? {
                replaced += 1;
                let old = graph_quads(&tx, graph.as_ref()).map_err(|e| store.err(e))?;
                tx.clear_graph(graph).map_err(|e| store.err(e))?;
                for q in g.quads() {
                    tx.insert(q);
                    tx.insert(QuadRef::new(
                        q.subject,
                        q.predicate,
                        q.object,
                        GraphNameRef::DefaultGraph,
                    ));
                }
                let restated = g.triples().collect();
                drop_unsupported(&mut tx, &old, &restated).map_err(|e| store.err(e))?;
            } else {
                fresh.push(g);
            }
        }
        tx.commit().map_err(|e| store.err(e))?;
        if replaced > 0 {
            self.written.forget();
            // What a transaction writes waits in RocksDB's write buffers
            // (Oxigraph lets them grow to hundreds of MB per index): write
            // them out now, so memory stays at one batch's worth.
            store.store.flush().map_err(|e| store.err(e))?;
        }
        if !fresh.is_empty() {
            let loader = self.loader.get_or_insert_with(|| {
                let threads = loader_threads();
                store
                    .store
                    .bulk_loader()
                    .with_num_threads(threads)
                    .with_max_memory_size_in_megabytes(LOADER_MEGABYTES_PER_THREAD * threads)
            });
            for g in &fresh {
                self.loading.insert(g.iri().clone());
            }
            // Each quad is made as the loader reads it, with its triple
            // for the default graph unless the loader already has that:
            // a huge document's graph is never held as owned quads.
            let written = std::cell::RefCell::new(&mut self.written);
            let written = &written;
            let mut quads = 0;
            loader
                .load_quads(
                    fresh
                        .into_iter()
                        .flat_map(|g| {
                            let graph = g.iri().clone();
                            g.into_quads().flat_map(move |q| {
                                let d = (local_to(&q.subject, &graph)
                                    || written.borrow_mut().first_time(q.as_ref().into()))
                                .then(|| in_default(&q));
                                std::iter::once(q).chain(d)
                            })
                        })
                        .inspect(|_| quads += 1),
                )
                .map_err(|e| store.err(e))?;
            self.loaded_quads += quads;
            if self.loaded_quads >= self.first_commit.max(self.committed_quads) || !store.on_disk {
                self.commit_loader()?;
            }
        }
        Ok(replaced)
    }

    fn commit_loader(&mut self) -> Result<()> {
        if let Some(loader) = self.loader.take() {
            loader.commit().map_err(|e| self.store.err(e))?;
        }
        self.loading.clear();
        self.committed_quads += self.loaded_quads;
        self.loaded_quads = 0;
        Ok(())
    }

    /// Commits what the loader holds.
    pub fn commit(mut self) -> Result<()> {
        self.commit_loader()
    }
}

/// The quads of one graph, as the transaction sees it.
fn graph_quads(
    tx: &oxigraph::store::Transaction<'_>,
    graph: NamedNodeRef<'_>,
) -> std::result::Result<Vec<Quad>, StorageError> {
    tx.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)))
        .collect()
}

/// A quad's triple in the default graph.
fn in_default(q: &Quad) -> Quad {
    Quad::new(
        q.subject.clone(),
        q.predicate.clone(),
        q.object.clone(),
        GraphName::DefaultGraph,
    )
}

/// Removes from the default graph the triples of `old` (a graph's quads
/// before it was rewritten) that no named graph holds any more;
/// `restated` are the triples of the graph as rewritten.
///
/// Cost proportional to the change, not to the store: a triple the graph
/// states again is kept without a look-up, and for one it no longer
/// states the look-up stops at the first other graph that holds it. (It
/// used to walk every graph holding the triple: a triple shared by
/// thousands of documents, such as a common entity's type, made each
/// replacement cost as much as the store was large.)
fn drop_unsupported(
    tx: &mut oxigraph::store::Transaction<'_>,
    old: &[Quad],
    restated: &HashSet<TripleRef<'_>>,
) -> std::result::Result<(), StorageError> {
    for q in old {
        if restated.contains(&TripleRef::from(q.as_ref())) {
            continue;
        }
        let mut holders = tx.quads_for_pattern(
            Some(q.subject.as_ref()),
            Some(q.predicate.as_ref()),
            Some(q.object.as_ref()),
            None,
        );
        let mut held = false;
        for h in holders.by_ref() {
            if !h?.graph_name.is_default_graph() {
                held = true;
                break;
            }
        }
        drop(holders);
        if !held {
            tx.remove(in_default(q).as_ref());
        }
    }
    Ok(())
}

/// Whether two lists of quads are the same, blank node ids aside (the
/// ontology's lists parse to fresh blank nodes each time).
fn same_up_to_blank_nodes(a: &[Quad], b: &[Quad]) -> bool {
    fn shape(q: &Quad) -> String {
        let term = |t: String, blank: bool| if blank { "_".to_owned() } else { t };
        format!(
            "{} {} {}",
            term(q.subject.to_string(), q.subject.is_blank_node()),
            q.predicate,
            term(q.object.to_string(), q.object.is_blank_node())
        )
    }
    let mut x: Vec<String> = a.iter().map(shape).collect();
    let mut y: Vec<String> = b.iter().map(shape).collect();
    x.sort();
    y.sort();
    x == y
}

/// Collects SELECT solutions into a table.
fn collect_table(solutions: QuerySolutionIter<'_>) -> Result<Table> {
    let vars = solutions.variables().to_vec();
    Table::from_solutions(
        &vars,
        solutions.map(|s| s.map_err(|e| Error::QueryEval(e.to_string()))),
    )
}

fn prefixed(mut ser: RdfSerializer) -> RdfSerializer {
    for (p, ns) in rdf::PREFIX_TABLE {
        ser = ser
            .with_prefix(p, ns)
            .expect("built-in prefixes are valid IRIs");
    }
    ser
}

/// How a term shows in a table: IRIs shortened with the known prefixes,
/// literals as their value.
pub fn display_term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => {
            let s = n.as_str();
            for (p, ns) in rdf::PREFIX_TABLE {
                if let Some(local) = s.strip_prefix(ns) {
                    return format!("{p}:{local}");
                }
            }
            if let Some(rest) = s.strip_prefix(rdf::BASE) {
                return format!("<{rest}>");
            }
            format!("<{s}>")
        }
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

/// Display width in a terminal: East Asian wide characters count two.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
                || (0x20000..=0x3FFFD).contains(&u);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Writes an aligned table of SELECT results, with a row count.
pub fn write_table(table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| t.as_ref().map(display_term).unwrap_or_default())
                .collect()
        })
        .collect();
    let rows: Vec<Vec<String>> = std::iter::once(table.vars.clone()).chain(cells).collect();
    write_aligned(&rows, out)?;
    writeln!(
        out,
        "({} row{})",
        table.rows.len(),
        if table.rows.len() == 1 { "" } else { "s" }
    )
}

/// Writes rows as columns padded to their widest cell, the first row as a
/// header underlined with dashes.
pub fn write_aligned(rows: &[Vec<String>], out: &mut dyn Write) -> std::io::Result<()> {
    let ncol = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; ncol];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(display_width(c));
        }
    }
    for (k, r) in rows.iter().enumerate() {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            if i + 1 < r.len() {
                line.push_str(c);
                line.push_str(&" ".repeat(widths[i] - display_width(c) + 2));
            } else {
                line.push_str(c);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
        if k == 0 {
            let total: usize = widths.iter().sum::<usize>() + 2 * ncol.saturating_sub(1);
            writeln!(out, "{}", "-".repeat(total))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    fn graph(id: &str, names: &[&str]) -> rdf::DocumentGraph {
        let g = rdf::document_iri(id);
        let name = NamedNode::new_unchecked("http://schema.org/name");
        let mut graph = rdf::DocumentGraph::new(g.clone());
        for n in names {
            graph.add(g.clone(), name.clone(), Literal::new_simple_literal(*n));
        }
        graph
    }

    fn names(store: &GraphStore, graph: Option<&str>) -> Vec<String> {
        let name = NamedNode::new_unchecked("http://schema.org/name");
        let g = graph.map(rdf::document_iri);
        let graph_name = match &g {
            Some(g) => GraphNameRef::NamedNode(g.as_ref()),
            None => GraphNameRef::DefaultGraph,
        };
        let mut v: Vec<String> = store
            .store
            .quads_for_pattern(None, Some(name.as_ref()), None, Some(graph_name))
            .map(|q| match q.unwrap().object {
                Term::Literal(l) => l.value().to_owned(),
                t => t.to_string(),
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_writer_holds_new_graphs_until_it_commits_and_a_graph_written_twice_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::create_or_open(&dir.path().join("s.db")).unwrap();
        let mut writer = store.writer();
        assert_eq!(writer.write(vec![graph("甲", &["一", "二"])]).unwrap(), 0);
        assert_eq!(writer.write(vec![graph("乙", &["三"])]).unwrap(), 0);
        // Held by the bulk loader, not yet in the store.
        assert!(names(&store, Some("甲")).is_empty());
        // 甲 again before the commit: what is held is committed first, so
        // this write replaces it rather than adding to it.
        assert_eq!(writer.write(vec![graph("甲", &["四"])]).unwrap(), 1);
        writer.commit().unwrap();
        assert_eq!(names(&store, Some("甲")), ["四"]);
        assert_eq!(names(&store, Some("乙")), ["三"]);
        assert_eq!(names(&store, None), ["三", "四"]);
    }

    /// A graph whose triples are about an entity, not the document: what
    /// several documents' graphs state alike.
    fn describing(id: &str, names: &[&str]) -> rdf::DocumentGraph {
        let person = NamedNode::new_unchecked("https://w3id.org/zhkg/id/person/张三");
        let name = NamedNode::new_unchecked("http://schema.org/name");
        let mut graph = rdf::DocumentGraph::new(rdf::document_iri(id));
        for n in names {
            graph.add(
                person.clone(),
                name.clone(),
                Literal::new_simple_literal(*n),
            );
        }
        graph
    }

    #[test]
    fn a_triple_given_the_default_graph_once_stays_there_while_a_graph_states_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::create_or_open(&dir.path().join("s.db")).unwrap();
        let mut writer = store.writer();
        // 乙 states what 甲 stated: the default graph is given it once.
        writer.write(vec![describing("甲", &["一"])]).unwrap();
        writer.write(vec![describing("乙", &["一"])]).unwrap();
        // 甲 no longer states it; 乙 does, so it stays.
        assert_eq!(writer.write(vec![describing("甲", &["二"])]).unwrap(), 1);
        assert_eq!(names(&store, None), ["一", "二"]);
        // Nor does 乙: it leaves the default graph.
        assert_eq!(writer.write(vec![describing("乙", &["三"])]).unwrap(), 1);
        assert_eq!(names(&store, None), ["三", "二"]);
        // 丙 states it again, after it was taken out: it is written again.
        writer.write(vec![describing("丙", &["一"])]).unwrap();
        writer.commit().unwrap();
        assert_eq!(names(&store, None), ["一", "三", "二"]);
        assert_eq!(names(&store, Some("丙")), ["一"]);
    }

    #[test]
    fn written_triples_forget_the_older_generation_and_keep_what_recurs() {
        let n = |s: &str| NamedNode::new_unchecked(format!("https://w3id.org/zhkg/id/{s}"));
        let p = n("p");
        let t = |s: &str| (n(s), p.clone(), n(s));
        let [a, b, c, d] = ["a", "b", "c", "d"].map(t);
        fn r(x: &(NamedNode, NamedNode, NamedNode)) -> TripleRef<'_> {
            TripleRef::new(&x.0, &x.1, &x.2)
        }
        let mut w = WrittenTriples::with_generations_of(2);
        assert!(w.first_time(r(&a)));
        assert!(w.first_time(r(&b)));
        assert!(!w.first_time(r(&a)));
        // The first generation is full: it becomes the older one.
        assert!(w.first_time(r(&c)));
        // Still remembered, and carried into the newer generation.
        assert!(!w.first_time(r(&a)));
        // The older generation (a, b) is forgotten; a was carried over.
        assert!(w.first_time(r(&d)));
        assert!(!w.first_time(r(&a)));
        assert!(w.first_time(r(&b)));
        w.forget();
        assert!(w.first_time(r(&a)));
    }

    #[test]
    fn a_document_and_its_facts_are_local_to_its_graph() {
        let g = rdf::document_iri("a");
        let subject = |s: &str| NamedOrBlankNode::from(NamedNode::new_unchecked(s));
        assert!(local_to(&subject(g.as_str()), &g));
        assert!(local_to(&subject(&format!("{}/fact/0f", g.as_str())), &g));
        // Another document whose id starts with this one's.
        assert!(!local_to(&subject(rdf::document_iri("ab").as_str()), &g));
        assert!(!local_to(&subject("https://w3id.org/zhkg/id/person/x"), &g));
    }

    #[test]
    fn each_commit_waits_for_as_many_quads_as_the_writer_committed_before() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::create_or_open(&dir.path().join("s.db")).unwrap();
        let mut writer = store.writer();
        // Two triples about the document: two quads and their two copies
        // for the default graph.
        writer.first_commit = 4;
        writer.write(vec![graph("甲", &["一", "二"])]).unwrap();
        assert_eq!(names(&store, Some("甲")), ["一", "二"]);
        writer.write(vec![graph("乙", &["三", "四"])]).unwrap();
        assert_eq!(names(&store, Some("乙")), ["三", "四"]);
        // Eight committed: the next commit waits for eight.
        writer.write(vec![graph("丙", &["五", "六"])]).unwrap();
        assert!(names(&store, Some("丙")).is_empty());
        writer.write(vec![graph("丁", &["七", "八"])]).unwrap();
        assert_eq!(names(&store, Some("丙")), ["五", "六"]);
        assert_eq!(names(&store, Some("丁")), ["七", "八"]);
    }

    #[test]
    fn in_memory_a_writer_writes_each_batch_at_once() {
        let store = GraphStore::in_memory().unwrap();
        let mut writer = store.writer();
        assert_eq!(writer.write(vec![graph("甲", &["一"])]).unwrap(), 0);
        assert_eq!(names(&store, Some("甲")), ["一"]);
        assert_eq!(writer.write(vec![graph("甲", &["二"])]).unwrap(), 1);
        writer.commit().unwrap();
        assert_eq!(names(&store, None), ["二"]);
    }

    #[test]
    fn store_errors_are_told_by_kind_not_by_words() {
        let path = Path::new("s.db");
        let io = |kind, text: &str| StorageError::Io(std::io::Error::new(kind, text.to_owned()));
        let other = std::io::ErrorKind::Other;
        let locked = io(
            other,
            "IO error: While lock file: s.db/LOCK: Resource temporarily unavailable",
        );
        assert!(matches!(
            store_error(path, locked),
            Error::StoreLocked { .. }
        ));
        let here = io(
            other,
            "IO error: lock hold by current process, acquire time 1",
        );
        assert!(matches!(store_error(path, here), Error::StoreLocked { .. }));
        // "block" and "unlock" in another message mean no lock.
        let words = io(
            other,
            "IO error: While reading block of s.db/1.sst: unlocked",
        );
        assert!(matches!(store_error(path, words), Error::Store { .. }));
        let full = io(
            std::io::ErrorKind::StorageFull,
            "IO error: No space left on device",
        );
        assert!(matches!(store_error(path, full), Error::StoreFull { .. }));
        let denied = io(std::io::ErrorKind::PermissionDenied, "denied");
        assert!(matches!(
            store_error(path, denied),
            Error::StoreAccess { .. }
        ));
        // The engine's text shows once in the message.
        let e = store_error(path, io(other, "IO error: something odd"));
        assert_eq!(e.to_string(), "store s.db: IO error: something odd");
        assert!(std::error::Error::source(&e).is_none());
    }

    #[test]
    fn an_update_is_told_from_a_query() {
        assert!(is_sparql_update("INSERT DATA { <a:a> <a:b> <a:c> }"));
        assert!(is_sparql_update("DELETE WHERE { ?s ?p ?o }"));
        assert!(!is_sparql_update("SELECT * WHERE { ?s ?p ?o }"));
        assert!(!is_sparql_update("SELEC * WHERE { ?s ?p ?o }"));
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(display_width("ab"), 2);
        assert_eq!(display_width("夏宝龙"), 6);
        assert_eq!(display_width("，"), 2);
    }

    #[test]
    fn tables_align_chinese_and_ascii() {
        let rows = vec![
            vec!["name".to_string(), "n".to_string()],
            vec!["夏宝龙".to_string(), "3".to_string()],
        ];
        let mut out = Vec::new();
        write_aligned(&rows, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "name    n");
        assert_eq!(lines[2], "夏宝龙  3");
    }

    #[test]
    fn a_malformed_query_is_a_syntax_error_with_its_position() {
        let s = GraphStore::in_memory().unwrap();
        let err = s.select("SELECT ?x WHERE { ?x ").unwrap_err();
        assert!(matches!(err, Error::QuerySyntax(_)), "{err}");
    }
}
