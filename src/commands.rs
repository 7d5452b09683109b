//! The commands, as library functions over checked configurations: what
//! `zhkg build`, `extract`, `query`, `export` and `stats` do, without any
//! argument parsing or terminal handling (the binary owns those).

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Quad};
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
use zhkg_graph::rdf;
use zhkg_graph::stats;
use zhkg_graph::store::{DumpFormat, GraphStore, ResultFormat};

/// The store used when none is named.
pub const DEFAULT_STORE: &str = "zhkg.db";

/// Documents per batch unless told otherwise: one transaction each.
pub const DEFAULT_BATCH: usize = 256;
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
    unchanged: usize,
}

impl<'a> DocSource<'a> {
    fn new(files: &'a [PathBuf]) -> DocSource<'a> {
        DocSource {
            files,
            next_file: 0,
            current: None,
            sources: HashMap::new(),
            skipped: Vec::new(),
            unchanged: 0,
        }
    }

    /// Files opened so far (for progress).
    fn files_started(&self) -> usize {
        self.next_file
    }

    /// The next document, skipping those whose text `store` already has.
    fn next_doc(&mut self, store: Option<&GraphStore>) -> Result<Option<Document>> {
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
    fn next_batch(&mut self, max: usize, store: Option<&GraphStore>) -> Result<Vec<Document>> {
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

/// A pool of `jobs` worker threads (0: one per core).
fn thread_pool(jobs: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("zhkg-worker-{i}"))
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

/// Distinct entities per type and relations per predicate of what was built.
struct Tally {
    entities: BTreeMap<EntityType, usize>,
    relations: BTreeMap<Predicate, usize>,
    seen_e: HashSet<(EntityType, String)>,
    seen_r: HashSet<(EntityType, String, Predicate, EntityType, String)>,
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
        for e in &ex.entities {
            if self.seen_e.insert((e.kind, rdf::normalize_name(&e.name))) {
                *self.entities.entry(e.kind).or_default() += 1;
            }
        }
        for r in &ex.relations {
            let key = (
                r.subject_type,
                rdf::normalize_name(&r.subject),
                r.predicate,
                r.object_type,
                rdf::normalize_name(&r.object),
            );
            if self.seen_r.insert(key) {
                *self.relations.entry(r.predicate).or_default() += 1;
            }
        }
    }
}

/// Builds into a remote store through the SPARQL 1.1 Graph Store Protocol:
/// the ontology graph, then each document's graph by `PUT ?graph=IRI`
/// (replacing what the server had under that name), documents streamed and
/// extracted in parallel as for a local build. Text hashes are not checked:
/// every document is written. `quads` in the report counts what was sent.
pub fn build_remote(
    config: &BuildConfig,
    graph_store: &str,
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<BuildReport> {
    let start = Instant::now();
    let files = ingest::discover(&config.paths)?;
    let extractor = Extractor::new(&config.extractor)?;
    let pool = thread_pool(config.jobs)?;
    let endpoint = zhkg_graph::remote::Endpoint::new(graph_store);
    let mut source = DocSource::new(&files);
    let mut tally = Tally::new();
    let mut progress = Progress {
        files: files.len(),
        ..Progress::default()
    };
    let mut quads = 0;
    let mut first = true;
    loop {
        let batch = source.next_batch(config.batch, None)?;
        if batch.is_empty() {
            break;
        }
        if first {
            let ontology = NamedNode::new_unchecked(rdf::ONTOLOGY_GRAPH);
            let parsed: Vec<Quad> = oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
                .with_default_graph(oxigraph::model::GraphName::NamedNode(ontology.clone()))
                .for_slice(rdf::ONTOLOGY_TTL)
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| Error::Usage(format!("data/ontology.ttl: {e}")))?;
            endpoint.put_graph(&ontology, &parsed)?;
            first = false;
        }
        let done = extract_batch(&pool, &extractor, batch);
        let sent: Vec<usize> = pool.install(|| {
            done.par_iter()
                .map(|(doc, ex)| {
                    let q = rdf::document_quads(doc, ex);
                    endpoint.put_graph(&rdf::document_iri(&doc.id), &q)?;
                    Ok(q.len())
                })
                .collect::<Result<_>>()
        })?;
        quads += sent.iter().sum::<usize>();
        for (doc, ex) in &done {
            progress.documents += 1;
            progress.chars += doc.text.chars().count();
            tally.add(ex);
        }
        progress.files_started = source.files_started();
        on_progress(&progress);
    }
    if progress.documents == 0 {
        let reasons: Vec<String> = source.skipped.iter().map(|e| e.to_string()).collect();
        return Err(Error::NothingToBuild {
            reasons: reasons.join("; "),
        });
    }
    Ok(BuildReport {
        documents: progress.documents,
        unchanged: 0,
        replaced: 0,
        entities: tally.entities,
        relations: tally.relations,
        quads,
        chars: progress.chars,
        elapsed: start.elapsed(),
        skipped: source.skipped,
    })
}

/// What `zhkg build` needs.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    pub paths: Vec<PathBuf>,
    pub store: PathBuf,
    pub extractor: ExtractorConfig,
    /// Worker threads for extraction; 0 means one per core.
    pub jobs: usize,
    /// Rebuild every document, even those whose text the store has.
    pub force: bool,
    /// Documents per transaction (at most; long documents end a batch early).
    pub batch: usize,
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

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Documents extracted and written.
    pub documents: usize,
    /// Documents skipped because the store already had their text.
    pub unchanged: usize,
    /// Documents that were in the store before and have been replaced.
    pub replaced: usize,
    /// Distinct entities of the built documents, per type.
    pub entities: BTreeMap<EntityType, usize>,
    /// Distinct relations of the built documents, per predicate.
    pub relations: BTreeMap<Predicate, usize>,
    /// Quads in the store afterwards.
    pub quads: usize,
    pub chars: usize,
    pub elapsed: Duration,
    /// Inputs that were skipped, with why.
    pub skipped: Vec<Error>,
}

/// Builds the store from the inputs, streaming: documents are read a batch
/// at a time, extracted in parallel on `jobs` threads, and each batch is
/// written in one transaction by a writer thread while the next batch is
/// extracted. Identity needs no shared table (entity IRIs are functions of
/// type and name), so the graph is the same whatever the batch size or the
/// number of threads.
///
/// Incremental: a document whose text hash the store already holds is
/// skipped unless `force`; one whose text changed has its graph replaced.
/// Nothing is written unless at least one document was read. A failure
/// stops the build with every committed batch complete: no document's
/// graph is ever half written, and running the build again finishes it.
pub fn build(config: &BuildConfig, on_progress: &mut dyn FnMut(&Progress)) -> Result<BuildReport> {
    let start = Instant::now();
    let files = ingest::discover(&config.paths)?;
    let extractor = Extractor::new(&config.extractor)?;
    let pool = thread_pool(config.jobs)?;
    // An existing store is opened (and locked) at once, for its hashes; a
    // new one is made only when there is something to write.
    let existing = if config.store.exists() {
        Some(GraphStore::create_or_open(&config.store)?)
    } else {
        None
    };
    let mut source = DocSource::new(&files);
    let first = source.next_batch(config.batch, existing.as_ref().filter(|_| !config.force))?;
    if first.is_empty() && source.unchanged == 0 {
        let reasons: Vec<String> = source.skipped.iter().map(|e| e.to_string()).collect();
        return Err(Error::NothingToBuild {
            reasons: if reasons.is_empty() {
                "no documents".into()
            } else {
                reasons.join("; ")
            },
        });
    }
    let store = match existing {
        Some(s) => s,
        None => GraphStore::create_or_open(&config.store)?,
    };
    let hashes = (!config.force).then_some(&store);

    let mut tally = Tally::new();
    let mut progress = Progress {
        files: files.len(),
        ..Progress::default()
    };

    if !first.is_empty() {
        store.refresh_ontology()?;
    }
    let replaced = std::thread::scope(|scope| -> Result<usize> {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<(NamedNode, Vec<Quad>)>>(1);
        let store = &store;
        let writer = scope.spawn(move || -> Result<usize> {
            let mut replaced = 0;
            for graphs in receiver {
                replaced += store.replace_graphs(&graphs)?;
            }
            Ok(replaced)
        });
        let mut batch = first;
        let mut failure = None;
        while !batch.is_empty() {
            let done = extract_batch(&pool, &extractor, batch);
            for (doc, ex) in &done {
                progress.documents += 1;
                progress.chars += doc.text.chars().count();
                tally.add(ex);
            }
            let graphs: Vec<(NamedNode, Vec<Quad>)> = pool.install(|| {
                done.par_iter()
                    .map(|(doc, ex)| (rdf::document_iri(&doc.id), rdf::document_quads(doc, ex)))
                    .collect()
            });
            if sender.send(graphs).is_err() {
                break; // the writer failed; its error is reported below
            }
            progress.unchanged = source.unchanged;
            progress.files_started = source.files_started();
            on_progress(&progress);
            match source.next_batch(config.batch, hashes) {
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
    progress.unchanged = source.unchanged;
    Ok(BuildReport {
        documents: progress.documents,
        unchanged: source.unchanged,
        replaced,
        entities: tally.entities,
        relations: tally.relations,
        quads: store.len()?,
        chars: progress.chars,
        elapsed: start.elapsed(),
        skipped: source.skipped,
    })
}

/// Output of `zhkg extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractFormat {
    /// One JSON object per document (the shape `score.py` reads).
    Jsonl,
    /// The document graphs as N-Quads, the quads `build` loads.
    NQuads,
    /// Every person, place and organization mention (any genre), grouped
    /// by name: `{"id", "entities": [{"name", "type", "mentions"}]}`.
    Mentions,
}

/// Extracts the inputs and writes them to `out`, document by document in
/// input order, streaming: batches are extracted in parallel on `jobs`
/// threads (0: one per core). Returns the inputs that were skipped.
pub fn extract(
    paths: &[PathBuf],
    config: &ExtractorConfig,
    format: ExtractFormat,
    jobs: usize,
    out: &mut dyn Write,
) -> Result<Vec<Error>> {
    let extractor = Extractor::new(config)?;
    let files = ingest::discover(paths)?;
    let pool = thread_pool(jobs)?;
    let mut source = DocSource::new(&files);
    loop {
        let batch = source.next_batch(DEFAULT_BATCH, None)?;
        if batch.is_empty() {
            break;
        }
        let chunks: Vec<Vec<u8>> = pool.install(|| {
            batch
                .par_iter()
                .map(|doc| render(&extractor, doc, format))
                .collect::<Result<_>>()
        })?;
        for chunk in chunks {
            out.write_all(&chunk)?;
        }
    }
    Ok(source.skipped)
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
            let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut buf);
            for q in rdf::document_quads(doc, &extractor.extract(doc)) {
                ser.serialize_quad(&q)?;
            }
            ser.finish()?;
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

/// Runs a SPARQL query against a remote SPARQL 1.1 Protocol endpoint and
/// writes the results: the server's own serialization for the W3C
/// formats, an aligned table (SELECT only) for `Table`.
pub fn query_remote(
    endpoint: &str,
    sparql: &str,
    format: ResultFormat,
    out: &mut dyn Write,
) -> Result<()> {
    use zhkg_graph::store::SparqlSource;
    let endpoint = zhkg_graph::remote::Endpoint::new(endpoint);
    let accept = match format {
        ResultFormat::Table => {
            let table = endpoint.select(sparql)?;
            zhkg_graph::store::write_table(&table, out)?;
            return Ok(());
        }
        ResultFormat::Csv => "text/csv",
        ResultFormat::Tsv => "text/tab-separated-values",
        ResultFormat::Json => "application/sparql-results+json",
        ResultFormat::Xml => "application/sparql-results+xml",
        ResultFormat::Turtle => "text/turtle",
        ResultFormat::NTriples => "application/n-triples",
    };
    endpoint.query_to(sparql, accept, out)
}

/// Runs a SPARQL query against the store and writes the results.
pub fn query(store: &Path, sparql: &str, format: ResultFormat, out: &mut dyn Write) -> Result<()> {
    let store = GraphStore::open_read_only(store)?;
    store.query_to(sparql, format, out)
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Dot,
    GraphMl,
    Gexf,
    /// Node-link JSON.
    Json,
    Image(export::Image),
    Rdf(DumpFormat),
}

/// Writes the store's graph in `format`; the filter applies to the entity
/// graph formats (all but RDF).
pub fn export(
    store: &Path,
    format: ExportFormat,
    filter: &Filter,
    out: &mut dyn Write,
) -> Result<()> {
    let store = GraphStore::open_read_only(store)?;
    match format {
        ExportFormat::Rdf(f) => store.dump(f, out),
        graph => write_graph(&store, graph, filter, out),
    }
}

/// [`export`] from a remote SPARQL endpoint: the entity graph formats, and
/// Turtle or N-Triples of its default graph (through CONSTRUCT).
pub fn export_remote(
    endpoint: &str,
    format: ExportFormat,
    filter: &Filter,
    out: &mut dyn Write,
) -> Result<()> {
    let source = zhkg_graph::remote::Endpoint::new(endpoint);
    let all = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }";
    match format {
        ExportFormat::Rdf(DumpFormat::Turtle) => source.query_to(all, "text/turtle", out),
        ExportFormat::Rdf(DumpFormat::NTriples) => {
            source.query_to(all, "application/n-triples", out)
        }
        ExportFormat::Rdf(_) => Err(Error::Usage(
            "nq and trig export the local store's graphs; over --endpoint use ttl or nt".into(),
        )),
        graph => write_graph(&source, graph, filter, out),
    }
}

fn write_graph(
    source: &dyn zhkg_graph::store::SparqlSource,
    format: ExportFormat,
    filter: &Filter,
    out: &mut dyn Write,
) -> Result<()> {
    let g = KnowledgeGraph::from_store(source)?.filtered(filter)?;
    match format {
        ExportFormat::Dot => export::write_dot(&g, out)?,
        ExportFormat::GraphMl => export::write_graphml(&g, out)?,
        ExportFormat::Gexf => export::write_gexf(&g, out)?,
        ExportFormat::Json => export::write_json(&g, out)?,
        ExportFormat::Image(image) => export::write_image(&g, image, out)?,
        ExportFormat::Rdf(_) => {
            return Err(Error::Usage(
                "RDF formats are dumps, not entity graphs".into(),
            ))
        }
    }
    Ok(())
}

/// Writes the entity graph as the two CSV files `neo4j-admin database
/// import` reads, `nodes.csv` and `relationships.csv`, into `dir` (made if
/// missing). Each file is written beside its name and renamed into place.
pub fn export_csv(
    source: &dyn zhkg_graph::store::SparqlSource,
    filter: &Filter,
    dir: &Path,
) -> Result<[PathBuf; 2]> {
    let g = KnowledgeGraph::from_store(source)?.filtered(filter)?;
    std::fs::create_dir_all(dir).map_err(|e| ingest::io_error(dir, e))?;
    let write = |name: &str, f: fn(&KnowledgeGraph, &mut dyn Write) -> std::io::Result<()>| {
        let path = dir.join(name);
        let tmp = dir.join(format!(".{name}.zhkg-tmp"));
        let result = (|| -> std::io::Result<()> {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            f(&g, &mut out)?;
            out.flush()?;
            std::fs::rename(&tmp, &path)
        })();
        if let Err(source) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::from(ingest::io_error(&path, source)));
        }
        Ok(path)
    };
    Ok([
        write("nodes.csv", export::write_csv_nodes)?,
        write("relationships.csv", export::write_csv_edges)?,
    ])
}

/// The statistics of a remote endpoint's graph.
pub fn stats_remote(endpoint: &str) -> Result<stats::Stats> {
    let g = KnowledgeGraph::from_store(&zhkg_graph::remote::Endpoint::new(endpoint))?;
    Ok(stats::compute(&g))
}

/// The statistics of the store's graph.
pub fn stats(store: &Path) -> Result<stats::Stats> {
    let store = GraphStore::open_read_only(store)?;
    let g = KnowledgeGraph::from_store(&store)?;
    Ok(stats::compute(&g))
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
