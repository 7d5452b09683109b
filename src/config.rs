//! Checked configurations: everything a command needs, made from the
//! command line in one place (the binary's `cli.rs`, the only code that
//! knows clap) and run by [`crate::run()`].

use std::path::PathBuf;
use zhkg_extract::extract::ExtractorConfig;
use zhkg_graph::export::Image;
use zhkg_graph::graph::Filter;
use zhkg_graph::store::{DumpFormat, ResultFormat};
pub use zhkg_graph::Location;
pub use zhkg_serve::ServeConfig;

/// The store used when none is named.
pub const DEFAULT_STORE: &str = "zhkg.db";

/// Documents per batch unless told otherwise: one transaction each.
pub const DEFAULT_BATCH: usize = 256;

/// A command with its checked configuration.
#[derive(Debug, Clone)]
pub enum Command {
    Build(BuildConfig),
    Extract(ExtractConfig),
    Query(QueryConfig),
    Export(ExportConfig),
    Stats(StatsConfig),
    Eval(EvalConfig),
    Explain(ExplainConfig),
    Serve(ServeConfig),
    Load(LoadConfig),
    /// `zhkg query-worker`: evaluates queries for `query` and `serve`.
    QueryWorker(QueryWorkerConfig),
}

/// What a query worker needs (`zhkg_graph::query::worker_main`).
#[derive(Debug, Clone)]
pub struct QueryWorkerConfig {
    pub store: PathBuf,
    /// Its data segment's cap, in bytes.
    pub max_memory: Option<u64>,
}

/// What `zhkg build` needs.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    pub paths: Vec<PathBuf>,
    /// The local store or a remote Graph Store Protocol endpoint.
    pub location: Location,
    pub extractor: ExtractorConfig,
    /// Worker threads for extraction; 0 means one per core, but one for a
    /// local store's writer.
    pub jobs: usize,
    /// Rebuild every document, even those whose text the store has.
    pub force: bool,
    /// Documents per transaction (at most; long documents end a batch early).
    pub batch: usize,
}

/// What `zhkg extract` needs.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    pub paths: Vec<PathBuf>,
    pub extractor: ExtractorConfig,
    pub format: ExtractFormat,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
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

/// What `zhkg query` needs.
#[derive(Debug, Clone)]
pub struct QueryConfig {
    pub location: Location,
    pub query: QueryText,
    pub format: ResultFormat,
    /// Limits on a local query (a remote server has its own).
    pub limits: QueryLimitsConfig,
}

/// Limits of `zhkg query` on the local store: the query is cancelled after
/// `timeout`, and its evaluation (a worker process) may use `max_memory`
/// bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryLimitsConfig {
    pub timeout: std::time::Duration,
    pub max_memory: u64,
}

/// Where the query is.
#[derive(Debug, Clone)]
pub enum QueryText {
    /// A file holding it (read when the command runs).
    File(PathBuf),
    /// Given on the command line.
    Inline(String),
}

/// What `zhkg export` needs.
#[derive(Debug, Clone)]
pub struct ExportConfig {
    pub location: Location,
    pub target: ExportTarget,
    /// Applies to the entity graph formats (all but RDF).
    pub filter: Filter,
}

/// What an export writes, and where.
#[derive(Debug, Clone)]
pub enum ExportTarget {
    /// Neo4j CSV: two files in this directory.
    Csv(PathBuf),
    /// One stream: to the file, or standard output when `None`.
    Stream {
        format: ExportFormat,
        output: Option<PathBuf>,
    },
}

/// Export formats that are one stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Dot,
    GraphMl,
    Gexf,
    /// Node-link JSON.
    Json,
    Image(Image),
    Rdf(DumpFormat),
    /// One JSON line per (document, node): `{"doc", "name", "type", "iri"}`.
    Entities,
}

/// Text for people or JSON, for `stats`, `explain` and `eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Text,
    Json,
}

/// What `zhkg stats` needs.
#[derive(Debug, Clone)]
pub struct StatsConfig {
    pub location: Location,
    pub format: OutputFormat,
}

/// What `zhkg explain` needs (the local store only).
#[derive(Debug, Clone)]
pub struct ExplainConfig {
    pub store: PathBuf,
    pub name: String,
    pub format: OutputFormat,
}

/// What `zhkg eval` needs.
#[derive(Debug, Clone)]
pub struct EvalConfig {
    pub gold: PathBuf,
    pub mode: EvalMode,
    pub extractor: ExtractorConfig,
    /// Keep every miss and false hit with its sentence.
    pub explain: bool,
    pub format: OutputFormat,
    pub floors: Floors,
}

/// What `eval` scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalMode {
    /// Documents (gold JSON Lines): the extractor's output, or saved
    /// predictions.
    Documents { predictions: Option<PathBuf> },
    /// Span recognition on character-BIO data.
    Ner,
}

/// Scores below which `eval` exits with status 3.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Floors {
    /// Entity F1 (with [`EvalMode::Ner`]: span F1).
    pub entity_f1: Option<f64>,
    pub relation_f1: Option<f64>,
    pub relation_precision: Option<f64>,
}

/// What `zhkg load` needs.
#[derive(Debug, Clone)]
pub struct LoadConfig {
    pub store: PathBuf,
    /// N-Quads files (`-`: standard input).
    pub shards: Vec<PathBuf>,
    /// Document graphs per transaction.
    pub batch: usize,
}
