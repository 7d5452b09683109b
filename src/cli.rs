//! The command line: clap definitions. Doc comments are the `--help` text.
//! This module (with `main.rs`) is the only place that knows about clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turn Chinese news text into a knowledge graph you can query.
///
/// zhkg reads articles, finds the persons, organizations, events and places
/// they name, and who attended, spoke at or presided over which event, and
/// who holds which post where. Every fact keeps the sentence it came from.
/// The graph goes into an embedded Oxigraph store on disk, where SPARQL,
/// GraphViz export and statistics read it.
#[derive(Debug, Parser)]
#[command(name = "zhkg", version, about, long_about)]
pub struct Cli {
    /// No progress bar and no summary: only results and errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract and load documents into the store (replacing earlier builds
    /// of the same documents).
    Build(BuildArgs),
    /// Extract without a store, printing one result per document.
    Extract(ExtractArgs),
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store.
    Query(QueryArgs),
    /// Write the graph as GraphViz DOT or as RDF.
    Export(ExportArgs),
    /// Print statistics of the graph.
    Stats(StatsArgs),
    /// Score extraction against gold annotations (precision, recall, F1).
    Eval(EvalArgs),
    /// Show every fact about an entity with the sentence that states it.
    Explain(ExplainArgs),
    /// Serve the store as a SPARQL 1.1 Protocol endpoint (and a query page).
    Serve(ServeArgs),
    /// Load N-Quads shards made by `extract --format nq` into the store.
    Load(LoadArgs),
}

#[derive(Debug, Args)]
pub struct StoreArg {
    /// The store directory (created by `build`).
    #[arg(long, default_value = zhkg::commands::DEFAULT_STORE, value_name = "DIR")]
    pub store: PathBuf,
}

#[derive(Debug, Args)]
pub struct EndpointArg {
    /// Use a remote SPARQL 1.1 server instead of the local store. For
    /// `build`: its Graph Store Protocol URL (Oxigraph server:
    /// http://host:7878/store; Virtuoso: http://host:8890/sparql-graph-crud);
    /// for `query`, `export` and `stats`: its SPARQL query URL (Oxigraph:
    /// /query; Virtuoso: /sparql).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExtractorArgs {
    /// A jieba user dictionary (`word [freq] [tag]` per line); repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
    /// A directory of lexicon files (same names as data/lexicon/) merged
    /// over the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Text files (.txt, any encoding zhkg can detect), folders (searched
    /// recursively for .txt and .jsonl) and JSON Lines corpora
    /// ({"id", "text", ...} per line).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub remote: EndpointArg,
    #[command(flatten)]
    pub extractor: ExtractorArgs,
    #[command(flatten)]
    pub jobs: JobsArg,
    /// Rebuild every document, also those whose text the store already
    /// holds (by default they are skipped).
    #[arg(long)]
    pub force: bool,
    /// Documents per transaction (fewer when they are long).
    #[arg(long, default_value_t = zhkg::commands::DEFAULT_BATCH, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub batch: usize,
}

#[derive(Debug, Args)]
pub struct JobsArg {
    /// Worker threads for extraction (default: one per core).
    #[arg(
        short,
        long,
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub jobs: usize,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per document: id, entities, relations with evidence.
    Jsonl,
    /// N-Quads: the quads `build` would load (one named graph per document).
    Nq,
    /// Every person, place and organization mention, with offsets (the
    /// recognizer `eval --ner` scores; any genre).
    Mentions,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Text files, folders and JSON Lines corpora, as for `build`.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExtractFormat,
    #[command(flatten)]
    pub extractor: ExtractorArgs,
    #[command(flatten)]
    pub jobs: JobsArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for people (graphs print as Turtle).
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
    /// SPARQL XML results.
    Xml,
    /// Turtle (CONSTRUCT and DESCRIBE).
    Ttl,
    /// N-Triples (CONSTRUCT and DESCRIBE).
    Nt,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// A file holding the query (for example one of queries/*.rq).
    #[arg(
        value_name = "FILE",
        required_unless_present = "expression",
        conflicts_with = "expression"
    )]
    pub file: Option<PathBuf>,
    /// The query itself, on the command line.
    #[arg(short = 'e', long = "expr", value_name = "SPARQL")]
    pub expression: Option<String>,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub remote: EndpointArg,
    /// Result format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: QueryFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// GraphViz DOT of the entity graph (render with `dot -Tsvg`).
    Dot,
    /// SVG of the entity graph, rendered by Graphviz's `dot`.
    Svg,
    /// PNG of the entity graph, rendered by Graphviz's `dot`.
    Png,
    /// GraphML (Gephi, yEd, networkx): names, types, IRIs, predicates, posts.
    Graphml,
    /// GEXF 1.2 (Gephi).
    Gexf,
    /// Node-link JSON (D3, Cytoscape.js, networkx).
    Json,
    /// CSV for `neo4j-admin database import`: nodes.csv and
    /// relationships.csv in the directory given with -o.
    Csv,
    /// Turtle: all facts, each triple once.
    Ttl,
    /// N-Triples: all facts, each triple once.
    Nt,
    /// N-Quads: every quad, with its document's graph.
    Nq,
    /// TriG: every graph.
    Trig,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum PredicateArg {
    Attended,
    #[value(name = "spokeAt", alias = "spokeat")]
    SpokeAt,
    Presided,
    #[value(name = "memberOf", alias = "memberof")]
    MemberOf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub remote: EndpointArg,
    /// Write to this file instead of standard output (for csv: a directory).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Entity graph formats: keep only what lies around the entity of this name.
    #[arg(long, value_name = "NAME")]
    pub focus: Option<String>,
    /// With --focus, how many edges away to go.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub depth: usize,
    /// Entity graph formats: keep only these relations (comma separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST")]
    pub predicates: Vec<PredicateArg>,
    /// Entity graph formats: keep at most N entities, the best connected first.
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub store: StoreArg,
    #[command(flatten)]
    pub remote: EndpointArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: StatsFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EvalFormat {
    /// Tables of counts, precision, recall and F1.
    Table,
    /// The same as JSON (with the findings under --explain).
    Json,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A gold file: JSON Lines as in GUIDELINE.md ({"id", "text" or
    /// "source", "entities", "relations"} per line), or with --ner
    /// character-BIO data (one `character tag` per line, a blank line
    /// between sentences).
    #[arg(value_name = "GOLD")]
    pub gold: PathBuf,
    /// Score span-level recognition of persons, places and organizations
    /// on character-BIO data (PER, LOC, ORG).
    #[arg(long)]
    pub ner: bool,
    /// Score this saved output (JSON Lines, one object per document)
    /// instead of running the extractor.
    #[arg(long, value_name = "FILE", conflicts_with = "ner")]
    pub predictions: Option<PathBuf>,
    /// List every miss and false hit with its sentence.
    #[arg(long)]
    pub explain: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: EvalFormat,
    /// Exit with status 3 if entity F1 (with --ner: span F1) is below this.
    #[arg(long, value_name = "F1")]
    pub min_entity_f1: Option<f64>,
    /// Exit with status 3 if relation F1 is below this.
    #[arg(long, value_name = "F1", conflicts_with = "ner")]
    pub min_relation_f1: Option<f64>,
    /// Exit with status 3 if relation precision is below this.
    #[arg(long, value_name = "P", conflicts_with = "ner")]
    pub min_relation_precision: Option<f64>,
    #[command(flatten)]
    pub extractor: ExtractorArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The entity's name or one of its other spellings (夏宝龙, 省总工会).
    #[arg(value_name = "NAME")]
    pub name: String,
    #[command(flatten)]
    pub store: StoreArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: StatsFormat,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Address and port to listen on (loopback by default; port 0 picks one).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
    pub bind: String,
    /// Accept SPARQL 1.1 Update at /update (the store is opened for writing).
    #[arg(long)]
    pub allow_update: bool,
    /// Seconds a query may run before it is cancelled (HTTP 503).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Most solutions or triples one answer holds (the rest is cut, and the
    /// X-Zhkg-Truncated header says so).
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub max_results: usize,
    /// Largest request body accepted, in bytes (HTTP 413 above).
    #[arg(long, default_value_t = 1_000_000, value_name = "BYTES")]
    pub max_body: usize,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// N-Quads files from `zhkg extract --format nq` (`-`: standard input).
    #[arg(required = true, value_name = "SHARD")]
    pub shards: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArg,
    /// Document graphs per transaction.
    #[arg(long, default_value_t = zhkg::commands::DEFAULT_BATCH, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub batch: usize,
}
