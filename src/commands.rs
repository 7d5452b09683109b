//! The commands, as library functions over checked configurations: what
//! `zhkg build`, `extract`, `query`, `export` and `stats` do, without any
//! argument parsing or printing (`run` prints; the binary owns the
//! terminal). `build`, `query`, `export` and `stats` work the same on the
//! local store and on a remote server: they take a [`Location`] and read
//! through its [`zhkg_graph::SparqlSource`] or write through its
//! [`GraphSink`].

use crate::config::{BuildConfig, ExportFormat, ExtractFormat, QueryLimitsConfig, DEFAULT_BATCH};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use zhkg_extract::eval;
use zhkg_extract::extract::{Extractor, ExtractorConfig};
use zhkg_extract::ingest;
use zhkg_extract::model::{Document, EntityType, Extraction, Predicate};
use zhkg_graph::error::{Error, Result};
use zhkg_graph::explain;
use zhkg_graph::export;
use zhkg_graph::graph::{Filter, KnowledgeGraph};
use zhkg_graph::query;
use zhkg_graph::rdf;
use zhkg_graph::stats;
use zhkg_graph::store::{GraphStore, ResultFormat};
use zhkg_graph::{GraphSink, Location};

/// A build that wrote at least this share of the store's quads merges the
/// store's index files at its end ([`GraphSink::optimize`]): a first
/// build or a large addition, whose files would slow every query, and not
/// a small incremental build, whose merging would cost in proportion to
/// the whole store.
pub const OPTIMIZE_SHARE: f64 = 0.25;

/// A batch also ends after this many characters, so memory stays bounded
/// whatever the documents' sizes.
const BATCH_CHARS: usize = 4_000_000;

/// Documents streamed from the input files, a batch at a time: each file
/// is read as it is reached, duplicates and unreadable inputs are set
/// aside with why, and (when a store is given) documents whose text the
/// store already holds are counted and skipped.
struct DocSource<'a> {
    files: &'a [PathBuf],
    next_file: usize,
    current: Option<Box<dyn Iterator<Item = zhkg_extract::Result<Document>> + Send>>,
    /// Document id → where it was first read.
    sources: HashMap<String, String>,
    skipped: Vec<Error>,
    /// Documents read with a warning (sentences cut at the length bound).
    warnings: Vec<String>,
    unchanged: usize,
}

impl<'a> DocSource<'a> {
    fn new(inputs: &'a ingest::Inputs) -> DocSource<'a> {
        DocSource {
            files: &inputs.files,
            next_file: 0,
            current: None,
            sources: HashMap::new(),
            skipped: inputs.skipped.iter().map(unreadable_folder).collect(),
            warnings: Vec::new(),
            unchanged: 0,
        }
    }

    /// Files opened so far (for progress).
    fn files_started(&self) -> usize {
        self.next_file
    }

    /// The next document, skipping those whose text `store` already has.
    fn next_doc(&mut self, store: Option<&dyn GraphSink>) -> Result<Option<Document>> {
        loop {
            if self.current.is_none() {
                let Some(file) = self.files.get(self.next_file) else {
                    return Ok(None);
                };
                self.next_file += 1;
                self.current = Some(ingest::documents(file));
            }
            let Some(next) = self.current.as_mut().and_then(|it| it.next()) else {
                self.current = None;
                continue;
            };
            let doc = match next {
                Ok(doc) => doc,
                Err(e) => {
                    self.skipped.push(e.into());
                    continue;
                }
            };
            if let Some(first) = self.sources.get(&doc.id) {
                self.skipped.push(Error::DuplicateId {
                    id: doc.id.clone(),
                    first: first.clone(),
                    second: doc.meta.source.clone(),
                });
                continue;
            }
            self.sources.insert(doc.id.clone(), doc.meta.source.clone());
            let cut = ingest::cut_sentences(&doc.text);
            if cut > 0 {
                self.warnings.push(format!(
                    "{} (document {:?}): {cut} piece(s) of more than {} characters without \
                     sentence punctuation were cut into sentences of that length",
                    doc.meta.source,
                    doc.id,
                    ingest::MAX_SENTENCE_CHARS
                ));
            }
            if let Some(store) = store {
                if store.document_sha256(&doc.id)?.as_deref() == Some(doc.meta.sha256.as_str()) {
                    self.unchanged += 1;
                    continue;
                }
            }
            return Ok(Some(doc));
        }
    }

    /// Up to `max` documents (fewer when they are long); empty at the end.
    fn next_batch(&mut self, max: usize, store: Option<&dyn GraphSink>) -> Result<Vec<Document>> {
        let mut batch = Vec::new();
        let mut chars = 0;
        while batch.len() < max.max(1) && chars < BATCH_CHARS {
            match self.next_doc(store)? {
                Some(doc) => {
                    chars += doc.text.len() / 3;
                    batch.push(doc);
                }
                None => break,
            }
        }
        Ok(batch)
    }
}

/// A subfolder [`ingest::discover`] could not list, as a skipped input.
fn unreadable_folder(e: &zhkg_extract::Error) -> Error {
    match e {
        zhkg_extract::Error::Read { path, source } => Error::UnreadableFolder {
            path: path.clone(),
            reason: source.to_string(),
        },
        other => Error::Usage(other.to_string()),
    }
}

/// A pool of `jobs` worker threads (0: one per core).
fn thread_pool(jobs: usize) -> Result<rayon::ThreadPool> {
    pool_builder(jobs)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {jobs} worker threads: {e}")))
}

fn pool_builder(jobs: usize) -> rayon::ThreadPoolBuilder {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("zhkg-worker-{i}"))
}

/// The extraction threads of a build (`jobs`; 0: one per core).
///
/// Into a local store they run at the lowest priority. The store's writer
/// (Oxigraph's bulk loader, then RocksDB's merging) is most of a build's
/// work and its critical path: at equal priority, extraction threads on
/// every core took CPU from it, and two threads built 15% slower than one
/// on two cores (BENCHMARKS.md). At the lowest, extraction runs on what
/// the writer leaves. A remote store's writer waits on the network, so the
/// threads keep their priority there.
fn build_pool(jobs: usize, location: &Location) -> Result<rayon::ThreadPool> {
    let builder = pool_builder(jobs);
    let builder = match location {
        // A priority the system refuses leaves the thread as it was.
        Location::Local(_) => builder.start_handler(|_| {
            let _ =
                thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min);
        }),
        Location::Remote(_) => builder,
    };
    builder
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {jobs} worker threads: {e}")))
}

/// Extracts a batch in parallel, keeping the documents' order.
fn extract_batch(
    pool: &rayon::ThreadPool,
    extractor: &Extractor,
    batch: Vec<Document>,
) -> Vec<(Document, Extraction)> {
    pool.install(|| {
        batch
            .into_par_iter()
            .map(|doc| {
                let ex = extractor.extract(&doc);
                (doc, ex)
            })
            .collect()
    })
}

/// Runs `work` (a batch's extraction on the pool) on a thread of its own
/// while this thread runs `read` (reading the next batch), and returns
/// both. Reading (JSON, normalizing, hashing) is about a twentieth of
/// extraction's time; done in turn, the extraction threads waited for it.
/// A panic in `work` goes on as it would have.
fn overlapped<A: Send, B>(work: impl FnOnce() -> A + Send, read: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let worker = scope.spawn(work);
        let read = read();
        let done = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (done, read)
    })
}

/// Distinct entities per type and relations per predicate of what was
/// built, counted as the graph's nodes and edges (by node IRI).
struct Tally {
    entities: BTreeMap<EntityType, usize>,
    relations: BTreeMap<Predicate, usize>,
    seen_e: HashSet<String>,
    seen_r: HashSet<(String, Predicate, String)>,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            entities: EntityType::ALL.iter().map(|t| (*t, 0)).collect(),
            relations: Predicate::ALL.iter().map(|p| (*p, 0)).collect(),
            seen_e: HashSet::new(),
            seen_r: HashSet::new(),
        }
    }

    fn add(&mut self, ex: &Extraction) {
        let nodes = rdf::NodeIris::new(ex);
        for e in &ex.entities {
            let iri = nodes.get(e.kind, &e.name).into_string();
            if self.seen_e.insert(iri) {
                *self.entities.entry(e.kind).or_default() += 1;
            }
        }
        for r in &ex.relations {
            let key = (
                nodes.get(r.subject_type, &r.subject).into_string(),
                r.predicate,
                nodes.get(r.object_type, &r.object).into_string(),
            );
            if self.seen_r.insert(key) {
                *self.relations.entry(r.predicate).or_default() += 1;
            }
        }
    }
}

/// How far a build or an extraction has got.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Documents extracted so far.
    pub documents: usize,
    /// Characters of those documents.
    pub chars: usize,
    /// Documents skipped because the store has their text already.
    pub unchanged: usize,
    pub files_started: usize,
    pub files: usize,
}

impl Progress {
    /// One line for a progress display: counts, rates over `elapsed`, files.
    pub fn describe(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64().max(1e-3);
        format!(
            "{} documents ({:.0}/s), {} characters ({:.0}/s), {} unchanged, file {}/{}",
            self.documents,
            self.documents as f64 / secs,
            self.chars,
            self.chars as f64 / secs,
            self.unchanged,
            self.files_started,
            self.files
        )
    }
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Documents extracted and written.
    pub documents: usize,
    /// Documents skipped because the store already had their text.
    pub unchanged: usize,
    /// Documents that were in the store before and have been replaced (0
    /// for a remote store, which does not say).
    pub replaced: usize,
    /// Distinct entities of the built documents, per type.
    pub entities: BTreeMap<EntityType, usize>,
    /// Distinct relations of the built documents, per predicate.
    pub relations: BTreeMap<Predicate, usize>,
    /// Quads in the store afterwards (remote: quads sent).
    pub quads: usize,
    /// How long merging the store's index files took, when this build
    /// wrote enough of the store to merge them ([`OPTIMIZE_SHARE`]).
    pub optimized: Option<Duration>,
    pub chars: usize,
    pub elapsed: Duration,
    /// Inputs that were skipped, with why.
    pub skipped: Vec<Error>,
    /// Documents built with a warning (sentences cut at the length bound).
    pub warnings: Vec<String>,
}

/// Builds the graph at `config.location` from the inputs, streaming:
/// documents are read a batch at a time, extracted in parallel on `jobs`
/// threads, and each batch is written by a writer thread while the next
/// batch is extracted. Identity needs no shared table (entity IRIs are
/// functions of type and name), so the graph is the same whatever the
/// batch size or the number of threads.
///
/// Local store: batches go through one [`GraphSink::writer`], which
/// commits new documents in groups (the first of 32M quads, each later one
/// as large as all before it, and at the end) and
/// replaced ones a batch at a time; incremental (a document whose text
/// hash the store already holds is skipped unless `force`; one whose text
/// changed has its graph replaced). A failure stops the build with every
/// committed group complete: no document's graph is ever half written,
/// and running the build again finishes it. A build that wrote a quarter
/// of the store or more then merges its index files ([`OPTIMIZE_SHARE`]).
///
/// Remote store (SPARQL 1.1 Graph Store Protocol): the ontology graph,
/// then one `PUT ?graph=IRI` per document, replacing what the server had
/// under that name. Text hashes are not checked (every document is
/// written), `replaced` is 0 and `quads` counts what was sent.
///
/// Either way nothing is written unless at least one document was read.
pub fn build(config: &BuildConfig, on_progress: &mut dyn FnMut(&Progress)) -> Result<BuildReport> {
    let start = Instant::now();
    let inputs = ingest::discover(&config.paths)?;
    let extractor = Extractor::new(&config.extractor)?;
    let pool = build_pool(config.jobs, &config.location)?;
    // An existing store is opened (and locked) at once, for its hashes; a
    // new one is made only when there is something to write.
    let existing = config.location.existing_sink()?;
    let mut source = DocSource::new(&inputs);
    let first = source.next_batch(config.batch, existing.as_deref().filter(|_| !config.force))?;
    if first.is_empty() && source.unchanged == 0 {
        return Err(Error::NothingToBuild {
            skipped: std::mem::take(&mut source.skipped),
        });
    }
    let store = match existing {
        Some(s) => s,
        None => config.location.sink()?,
    };
    let store = &*store;
    let hashes = (!config.force).then_some(store);

    let mut tally = Tally::new();
    let mut progress = Progress {
        files: inputs.files.len(),
        ..Progress::default()
    };

    if !first.is_empty() {
        store.write_ontology()?;
    }
    // Quads of the document graphs written (each also in the default graph).
    let mut written = 0;
    let replaced = std::thread::scope(|scope| -> Result<usize> {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<rdf::DocumentGraph>>(1);
        let writer = std::thread::Builder::new()
            .name("zhkg-writer".into())
            .spawn_scoped(scope, move || -> Result<usize> {
                let mut writer = store.writer();
                let mut replaced = 0;
                for graphs in receiver {
                    replaced += writer.write(graphs)?;
                }
                writer.commit()?;
                Ok(replaced)
            })
            .map_err(|e| Error::Usage(format!("cannot start the store writer thread: {e}")))?;
        let mut batch = first;
        let mut failure = None;
        while !batch.is_empty() {
            let (done, next) = overlapped(
                || extract_batch(&pool, &extractor, batch),
                || source.next_batch(config.batch, hashes),
            );
            for (doc, ex) in &done {
                progress.documents += 1;
                progress.chars += doc.text.chars().count();
                tally.add(ex);
            }
            let graphs: Vec<rdf::DocumentGraph> = pool.install(|| {
                done.par_iter()
                    .map(|(doc, ex)| rdf::document_graph(doc, ex))
                    .collect()
            });
            // The texts and extractions are not needed while the writer
            // works and the next batch is read and extracted.
            drop(done);
            written += graphs.iter().map(|g| g.len()).sum::<usize>();
            if sender.send(graphs).is_err() {
                break; // the writer failed; its error is reported below
            }
            progress.unchanged = source.unchanged;
            progress.files_started = source.files_started();
            on_progress(&progress);
            match next {
                Ok(b) => batch = b,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        drop(sender);
        let replaced = writer
            .join()
            .map_err(|_| Error::Usage("the store writer thread panicked".into()))??;
        match failure {
            Some(e) => Err(e),
            None => Ok(replaced),
        }
    })?;
    store.flush()?;
    let quads = store.size()?;
    let optimized = if written > 0 && 2.0 * written as f64 >= OPTIMIZE_SHARE * quads as f64 {
        let t = Instant::now();
        store.optimize()?;
        Some(t.elapsed())
    } else {
        None
    };
    progress.unchanged = source.unchanged;
    Ok(BuildReport {
        documents: progress.documents,
        unchanged: source.unchanged,
        replaced,
        entities: tally.entities,
        relations: tally.relations,
        quads,
        optimized,
        chars: progress.chars,
        elapsed: start.elapsed(),
        skipped: source.skipped,
        warnings: source.warnings,
    })
}

/// Extracts the inputs and writes them to `out`, document by document in
/// input order, streaming: batches are extracted in parallel on `jobs`
/// threads (0: one per core). Returns the inputs that were skipped and the
/// documents' warnings.
pub fn extract(
    paths: &[PathBuf],
    config: &ExtractorConfig,
    format: ExtractFormat,
    jobs: usize,
    out: &mut dyn Write,
) -> Result<(Vec<Error>, Vec<String>)> {
    let extractor = Extractor::new(config)?;
    let inputs = ingest::discover(paths)?;
    let pool = thread_pool(jobs)?;
    let mut source = DocSource::new(&inputs);
    let mut batch = source.next_batch(DEFAULT_BATCH, None)?;
    while !batch.is_empty() {
        let (chunks, next) = overlapped(
            || {
                pool.install(|| {
                    batch
                        .par_iter()
                        .map(|doc| render(&extractor, doc, format))
                        .collect::<Result<Vec<Vec<u8>>>>()
                })
            },
            || source.next_batch(DEFAULT_BATCH, None),
        );
        for chunk in chunks? {
            out.write_all(&chunk)?;
        }
        batch = next?;
    }
    Ok((source.skipped, source.warnings))
}

/// One document's output in `format`.
fn render(extractor: &Extractor, doc: &Document, format: ExtractFormat) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    match format {
        ExtractFormat::Jsonl => {
            serde_json::to_writer(&mut buf, &extractor.extract(doc))
                .map_err(std::io::Error::other)?;
            buf.push(b'\n');
        }
        ExtractFormat::Mentions => {
            let record = serde_json::json!({
                "id": doc.id,
                "entities": mention_groups(&doc.text, &extractor.spans(&doc.text)),
            });
            serde_json::to_writer(&mut buf, &record).map_err(std::io::Error::other)?;
            buf.push(b'\n');
        }
        ExtractFormat::NQuads => {
            rdf::write_nquads(&rdf::document_quads(doc, &extractor.extract(doc)), &mut buf)?;
        }
    }
    Ok(buf)
}

/// Mentions grouped by (name, type) in order of first mention, each group
/// as `{"name", "type", "mentions": [[start, end], …]}`.
fn mention_groups(text: &str, spans: &[zhkg_extract::ner::NerSpan]) -> Vec<serde_json::Value> {
    let chars: Vec<char> = text.chars().collect();
    type Key = (String, EntityType);
    let mut groups: Vec<(Key, Vec<[usize; 2]>)> = Vec::new();
    let mut index: HashMap<Key, usize> = HashMap::new();
    for s in spans {
        let name: String = chars[s.start..s.end].iter().collect();
        let key = (name, s.kind);
        let i = *index.entry(key.clone()).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push([s.start, s.end]);
    }
    groups
        .into_iter()
        .map(|((name, kind), mentions)| {
            serde_json::json!({"name": name, "type": kind.as_str(), "mentions": mentions})
        })
        .collect()
}

/// Runs a SPARQL query on the graph and writes the results: locally, as
/// [`GraphStore::query_to`]; remotely, the server's own serialization for
/// the W3C formats and an aligned table for `Table` (SELECT only).
///
/// On the local store the query is evaluated by a worker process (`zhkg
/// query-worker`) under the limits: a query that runs too long or needs
/// more memory is stopped with an error saying which, and this process
/// stays small. A query nested too deep is refused before it is parsed.
pub fn query(
    location: &Location,
    sparql: &str,
    format: ResultFormat,
    limits: &QueryLimitsConfig,
    out: &mut dyn Write,
) -> Result<()> {
    match query_inner(location, sparql, format, limits, out) {
        Err(Error::QuerySyntax(_)) if zhkg_graph::store::is_sparql_update(sparql) => {
            Err(Error::UpdateGiven)
        }
        other => other,
    }
}

fn query_inner(
    location: &Location,
    sparql: &str,
    format: ResultFormat,
    limits: &QueryLimitsConfig,
    out: &mut dyn Write,
) -> Result<()> {
    zhkg_graph::query::check_nesting(sparql)?;
    let Location::Local(store) = location else {
        return location.source()?.query_to(sparql, format, out);
    };
    // Opened here for its errors (no store, locked, damaged), which the
    // worker would only print.
    drop(GraphStore::open_read_only(store)?);
    let command = crate::query_worker_command()?;
    let mut worker = query::QueryWorker::spawn(&command, store, Some(limits.max_memory), 0)?;
    let request = query::QueryRequest {
        sparql: sparql.to_owned(),
        format,
        graph_format: format,
        max_results: None,
        timeout: Some(limits.timeout),
        selection: Default::default(),
    };
    let answer = worker
        .run(&request, Duration::from_secs(1))
        .map_err(|f| match f {
            query::QueryFailure::Syntax(m) => Error::QuerySyntax(m),
            query::QueryFailure::Timeout(t) => Error::QueryTimeout(t),
            query::QueryFailure::Eval(m) => Error::QueryEval(m),
            other => Error::Usage(other.to_string()),
        })?;
    out.write_all(&answer.body)?;
    Ok(())
}

/// Writes the graph in `format`; the filter applies to the entity graph
/// formats (all but RDF). RDF: every quad of the local store (nq, trig)
/// or each triple once (ttl, nt); a remote store dumps only ttl and nt.
pub fn export(
    location: &Location,
    format: ExportFormat,
    filter: &Filter,
    out: &mut dyn Write,
) -> Result<()> {
    let source = location.source()?;
    let g = match format {
        ExportFormat::Rdf(f) => return source.dump(f, out),
        ExportFormat::Entities => {
            let rows = zhkg_graph::entities::entity_rows(&*source)?;
            return Ok(zhkg_graph::entities::write_jsonl(&rows, out)?);
        }
        _ => KnowledgeGraph::from_store(&*source)?.filtered(filter)?,
    };
    match format {
        ExportFormat::Dot => export::write_dot(&g, out)?,
        ExportFormat::GraphMl => export::write_graphml(&g, out)?,
        ExportFormat::Gexf => export::write_gexf(&g, out)?,
        ExportFormat::Json => export::write_json(&g, out)?,
        ExportFormat::Image(image) => export::write_image(&g, image, out)?,
        ExportFormat::Rdf(_) | ExportFormat::Entities => {} // written above
    }
    Ok(())
}

/// Writes the entity graph as the two CSV files `neo4j-admin database
/// import` reads, `nodes.csv` and `relationships.csv`, into `dir` (made if
/// missing), each through [`write_atomically`].
pub fn export_csv(location: &Location, filter: &Filter, dir: &Path) -> Result<[PathBuf; 2]> {
    let g = KnowledgeGraph::from_store(&*location.source()?)?.filtered(filter)?;
    std::fs::create_dir_all(dir).map_err(|e| ingest::io_error(dir, e))?;
    let write = |name: &str, f: fn(&KnowledgeGraph, &mut dyn Write) -> std::io::Result<()>| {
        let path = dir.join(name);
        write_atomically(&path, &mut |out| Ok(f(&g, out)?))?;
        Ok::<_, Error>(path)
    };
    Ok([
        write("nodes.csv", export::write_csv_nodes)?,
        write("relationships.csv", export::write_csv_edges)?,
    ])
}

/// Writes a file through a temporary file beside it, renamed into place,
/// so a failed write never leaves a half-written file. I/O errors name
/// `path`.
pub fn write_atomically(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.zhkg-tmp"));
    let result = (|| -> Result<()> {
        let file = std::fs::File::create(&tmp).map_err(|e| ingest::io_error(path, e))?;
        let mut out = std::io::BufWriter::new(file);
        match write(&mut out) {
            Err(Error::Io(e)) => return Err(ingest::io_error(path, e).into()),
            other => other?,
        }
        out.flush().map_err(|e| ingest::io_error(path, e))?;
        std::fs::rename(&tmp, path).map_err(|e| ingest::io_error(path, e))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The statistics of the graph.
pub fn stats(location: &Location) -> Result<stats::Stats> {
    stats::of_store(&*location.source()?)
}

/// Scores the extractor on a gold file (GUIDELINE.md's measure): each gold
/// text is extracted as `build` would, or, with `predictions`, a saved
/// output (`zhkg extract --format jsonl`, or any system's) is read instead.
pub fn eval(
    gold: &Path,
    predictions: Option<&Path>,
    config: &ExtractorConfig,
) -> Result<eval::Report> {
    let docs = eval::read_gold(gold)?;
    let predicted = match predictions {
        Some(p) => eval::read_predictions(p)?,
        None => {
            let extractor = Extractor::new(config)?;
            docs.iter()
                .enumerate()
                .map(|(i, g)| {
                    let doc = g.document(&format!("{}:{}", gold.display(), i + 1));
                    let ex = extractor.extract(&doc);
                    (g.id.clone(), eval::Predicted::from_extraction(&doc, &ex))
                })
                .collect()
        }
    };
    Ok(eval::score(&docs, &predicted))
}

/// Every fact about the entities called `name` in the store.
pub fn explain(store: &Path, name: &str) -> Result<Vec<explain::Explanation>> {
    let store = GraphStore::open_read_only(store)?;
    explain::explain(&store, name)
}

/// Scores span-level recognition on character-BIO data. Each sentence is
/// tagged as it stands (full-width forms folded one for one, so offsets
/// stay those of the data).
pub fn eval_ner(gold: &Path, config: &ExtractorConfig) -> Result<eval::SpanReport> {
    let sentences = eval::read_bio(gold)?;
    let extractor = Extractor::new(config)?;
    let predicted: Vec<Vec<eval::LabelledSpan>> = sentences
        .iter()
        .map(|s| {
            extractor
                .spans(&ingest::fold_width(&s.text))
                .into_iter()
                .filter_map(|m| Some((m.start, m.end, eval::bio_label(m.kind)?.to_owned())))
                .collect()
        })
        .collect();
    Ok(eval::score_spans(&sentences, &predicted))
}

/// Loads N-Quads shards made by `zhkg extract --format nq` (files, or `-`
/// for standard input) into the store, as one build over all their
/// documents would have. Returns (graphs loaded, graphs replaced).
pub fn load(store: &Path, shards: &[PathBuf], batch: usize) -> Result<(usize, usize)> {
    let store = GraphStore::create_or_open(store)?;
    store.refresh_ontology()?;
    let (mut loaded, mut replaced) = (0, 0);
    for shard in shards {
        let (l, r) = if ingest::is_stdin(shard) {
            store.load_nquads(shard, std::io::stdin().lock(), batch)?
        } else {
            let file = std::fs::File::open(shard).map_err(|e| ingest::io_error(shard, e))?;
            store.load_nquads(shard, std::io::BufReader::new(file), batch)?
        };
        loaded += l;
        replaced += r;
    }
    store.flush()?;
    Ok((loaded, replaced))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The calling thread's nice value (`/proc/thread-self/stat`, field 19).
    #[cfg(target_os = "linux")]
    fn nice() -> i32 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
        // Fields after the command name, which is in parentheses.
        let rest = &stat[stat.rfind(')').unwrap() + 2..];
        rest.split(' ').nth(16).unwrap().parse().unwrap()
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_local_build_extracts_at_the_lowest_priority_and_a_remote_one_as_is() {
        let nice_in = |location: Location| build_pool(1, &location).unwrap().install(nice);
        let own = nice();
        assert_eq!(nice_in(Location::Local(PathBuf::from("s.db"))), 19);
        assert_eq!(
            nice_in(Location::Remote("http://localhost:7878/store".into())),
            own
        );
    }

    #[test]
    fn the_next_batch_is_read_while_the_current_one_is_extracted() {
        use std::sync::mpsc::channel;
        use std::time::Duration;
        // Each side waits for a word from the other: done in turn, the
        // first would wait out its timeout and give None.
        let (to_work, work_hears) = channel();
        let (to_read, read_hears) = channel();
        let (work, read) = overlapped(
            move || {
                to_read.send("extracting").unwrap();
                work_hears.recv_timeout(Duration::from_secs(30)).ok()
            },
            move || {
                to_work.send("reading").unwrap();
                read_hears.recv_timeout(Duration::from_secs(30)).ok()
            },
        );
        assert_eq!((work, read), (Some("reading"), Some("extracting")));
        // A panic in the extraction goes on to the caller.
        let panicked = std::panic::catch_unwind(|| overlapped(|| panic!("in extraction"), || 1));
        assert!(panicked.is_err());
    }

    #[test]
    fn an_atomic_write_appears_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("图.txt");
        write_atomically(&path, &mut |out| Ok(out.write_all("一二三".as_bytes())?)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "一二三");
        let failed = write_atomically(&path, &mut |out| {
            out.write_all(b"half")?;
            Err(Error::Usage("stopped".into()))
        });
        assert!(matches!(failed, Err(Error::Usage(_))));
        // The earlier file is untouched and no temporary file is left.
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "一二三");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_atomic_write_names_the_file_it_could_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("out.json");
        let err = write_atomically(&path, &mut |_| Ok(())).unwrap_err();
        assert!(err.to_string().contains("out.json"), "{err}");
    }
}
