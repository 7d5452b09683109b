//! The command line: clap definitions (doc comments are the `--help`
//! text), and below them the one place where arguments become checked
//! configurations (`From`/`TryFrom` into [`zhkg::config`]), and the
//! progress bar. This module and `main.rs` are the only code that knows
//! clap and indicatif.

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::ProgressStyle;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use zhkg::config::{self, Location, OutputFormat};
use zhkg::Error;
use zhkg_extract::extract::ExtractorConfig;
use zhkg_extract::model::Predicate;
use zhkg_graph::export::Image;
use zhkg_graph::graph::Filter;
use zhkg_graph::store::{DumpFormat, ResultFormat};

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
    /// Write the graph as GraphViz DOT, GraphML, GEXF, JSON, Neo4j CSV or
    /// RDF, or list which node each document's entities are.
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
    /// Internal: evaluates queries for `query` and `serve` in a process of
    /// its own, under a memory cap (requests on standard input).
    #[command(hide = true)]
    QueryWorker(QueryWorkerArgs),
}

#[derive(Debug, Args)]
pub struct StoreArg {
    /// The store directory (created by `build`).
    #[arg(long, default_value = zhkg::config::DEFAULT_STORE, value_name = "DIR")]
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
    #[arg(long, default_value_t = zhkg::config::DEFAULT_BATCH, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub batch: usize,
}

#[derive(Debug, Args)]
pub struct JobsArg {
    /// Worker threads for extraction (default: one per core; the next
    /// batch is read on the calling thread meanwhile; for `build` into a
    /// local store they run at the lowest priority, after the store's
    /// writer).
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
    /// Seconds the query may run on the local store before it is stopped.
    #[arg(long, default_value_t = 300.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Memory the query's evaluation may use on the local store, in MiB
    /// (results included); a query that needs more is stopped.
    #[arg(long, default_value_t = 4096, value_name = "MIB",
          value_parser = clap::builder::RangedU64ValueParser::<u64>::new().range(64..))]
    pub max_memory: u64,
}

#[derive(Debug, Args)]
pub struct QueryWorkerArgs {
    #[arg(long, value_name = "DIR")]
    pub store: PathBuf,
    #[arg(long, value_name = "BYTES")]
    pub max_memory_bytes: Option<u64>,
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
    /// JSON Lines, one per (document, entity node): {"doc", "name",
    /// "type", "iri"}, the name as that document writes it (the system
    /// file of cross-document identity scoring). No filters apply.
    Entities,
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
    /// Memory each query's evaluation may use, in MiB (results included),
    /// beyond what its worker holds idle; a query that needs more is
    /// stopped (HTTP 503).
    #[arg(long, default_value_t = 1024, value_name = "MIB",
          value_parser = clap::builder::RangedU64ValueParser::<u64>::new().range(64..))]
    pub max_memory: u64,
    /// Queries evaluated at once, each in a worker process; more wait for
    /// one (at most --timeout, then HTTP 503).
    #[arg(long, default_value_t = 2, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=64))]
    pub query_workers: usize,
    /// Open connections at once; more are answered 503 and closed.
    #[arg(long, default_value_t = 1024, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub max_connections: usize,
    /// Seconds a connection may stay idle, take to send a request's header
    /// or body, or leave its answer unread, before it is closed.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub idle_timeout: f64,
    /// The token updates must carry (`Authorization: Bearer TOKEN`); also
    /// read from ZHKG_UPDATE_TOKEN. Required with --allow-update on an
    /// address beyond loopback.
    #[arg(long, value_name = "TOKEN")]
    pub update_token: Option<String>,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// N-Quads files from `zhkg extract --format nq` (`-`: standard input).
    #[arg(required = true, value_name = "SHARD")]
    pub shards: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArg,
    /// Document graphs per transaction.
    #[arg(long, default_value_t = zhkg::config::DEFAULT_BATCH, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub batch: usize,
}

// ---- Arguments → checked configurations ----

impl TryFrom<Command> for config::Command {
    type Error = Error;

    fn try_from(c: Command) -> Result<config::Command, Error> {
        Ok(match c {
            Command::Build(a) => config::Command::Build(a.into()),
            Command::Extract(a) => config::Command::Extract(a.into()),
            Command::Query(a) => config::Command::Query(a.try_into()?),
            Command::Export(a) => config::Command::Export(a.try_into()?),
            Command::Stats(a) => config::Command::Stats(a.into()),
            Command::Eval(a) => config::Command::Eval(a.into()),
            Command::Explain(a) => config::Command::Explain(a.into()),
            Command::Serve(a) => config::Command::Serve(a.try_into()?),
            Command::Load(a) => config::Command::Load(a.into()),
            Command::QueryWorker(a) => config::Command::QueryWorker(config::QueryWorkerConfig {
                store: a.store,
                max_memory: a.max_memory_bytes,
            }),
        })
    }
}

/// `--endpoint` when given, else `--store`.
fn location(store: StoreArg, remote: EndpointArg) -> Location {
    match remote.endpoint {
        Some(url) => Location::Remote(url),
        None => Location::Local(store.store),
    }
}

impl From<ExtractorArgs> for ExtractorConfig {
    fn from(a: ExtractorArgs) -> ExtractorConfig {
        ExtractorConfig {
            user_dicts: a.dicts,
            lexicon_dir: a.lexicon,
        }
    }
}

impl From<BuildArgs> for config::BuildConfig {
    fn from(a: BuildArgs) -> config::BuildConfig {
        config::BuildConfig {
            paths: a.paths,
            location: location(a.store, a.remote),
            extractor: a.extractor.into(),
            jobs: a.jobs.jobs,
            force: a.force,
            batch: a.batch,
        }
    }
}

impl From<ExtractArgs> for config::ExtractConfig {
    fn from(a: ExtractArgs) -> config::ExtractConfig {
        config::ExtractConfig {
            paths: a.paths,
            extractor: a.extractor.into(),
            format: match a.format {
                ExtractFormat::Jsonl => config::ExtractFormat::Jsonl,
                ExtractFormat::Nq => config::ExtractFormat::NQuads,
                ExtractFormat::Mentions => config::ExtractFormat::Mentions,
            },
            jobs: a.jobs.jobs,
        }
    }
}

impl From<QueryFormat> for ResultFormat {
    fn from(f: QueryFormat) -> ResultFormat {
        match f {
            QueryFormat::Table => ResultFormat::Table,
            QueryFormat::Csv => ResultFormat::Csv,
            QueryFormat::Tsv => ResultFormat::Tsv,
            QueryFormat::Json => ResultFormat::Json,
            QueryFormat::Xml => ResultFormat::Xml,
            QueryFormat::Ttl => ResultFormat::Turtle,
            QueryFormat::Nt => ResultFormat::NTriples,
        }
    }
}

impl TryFrom<QueryArgs> for config::QueryConfig {
    type Error = Error;

    fn try_from(a: QueryArgs) -> Result<config::QueryConfig, Error> {
        let query = match (a.file, a.expression) {
            (_, Some(e)) => config::QueryText::Inline(e),
            (Some(f), None) => config::QueryText::File(f),
            (None, None) => return Err(Error::Usage("give a query file or -e SPARQL".into())),
        };
        Ok(config::QueryConfig {
            location: location(a.store, a.remote),
            query,
            format: a.format.into(),
            limits: config::QueryLimitsConfig {
                timeout: seconds("--timeout", a.timeout)?,
                max_memory: a.max_memory << 20,
            },
        })
    }
}

impl From<PredicateArg> for Predicate {
    fn from(p: PredicateArg) -> Predicate {
        match p {
            PredicateArg::Attended => Predicate::Attended,
            PredicateArg::SpokeAt => Predicate::SpokeAt,
            PredicateArg::Presided => Predicate::Presided,
            PredicateArg::MemberOf => Predicate::MemberOf,
        }
    }
}

impl TryFrom<ExportArgs> for config::ExportConfig {
    type Error = Error;

    fn try_from(a: ExportArgs) -> Result<config::ExportConfig, Error> {
        use config::ExportFormat as F;
        let format = match a.format {
            ExportFormat::Csv => None,
            ExportFormat::Dot => Some(F::Dot),
            ExportFormat::Svg => Some(F::Image(Image::Svg)),
            ExportFormat::Png => Some(F::Image(Image::Png)),
            ExportFormat::Graphml => Some(F::GraphMl),
            ExportFormat::Gexf => Some(F::Gexf),
            ExportFormat::Json => Some(F::Json),
            ExportFormat::Ttl => Some(F::Rdf(DumpFormat::Turtle)),
            ExportFormat::Nt => Some(F::Rdf(DumpFormat::NTriples)),
            ExportFormat::Nq => Some(F::Rdf(DumpFormat::NQuads)),
            ExportFormat::Trig => Some(F::Rdf(DumpFormat::TriG)),
            ExportFormat::Entities => Some(F::Entities),
        };
        let target = match (format, a.output) {
            (Some(format), output) => config::ExportTarget::Stream { format, output },
            (None, Some(dir)) => config::ExportTarget::Csv(dir),
            (None, None) => {
                return Err(Error::Usage(
                    "--format csv writes two files: give a directory with -o DIR".into(),
                ))
            }
        };
        Ok(config::ExportConfig {
            location: location(a.store, a.remote),
            target,
            filter: Filter {
                focus: a.focus,
                depth: a.depth,
                predicates: a.predicates.into_iter().map(Predicate::from).collect(),
                max_nodes: a.max_nodes,
            },
        })
    }
}

impl From<StatsFormat> for OutputFormat {
    fn from(f: StatsFormat) -> OutputFormat {
        match f {
            StatsFormat::Table => OutputFormat::Text,
            StatsFormat::Json => OutputFormat::Json,
        }
    }
}

impl From<StatsArgs> for config::StatsConfig {
    fn from(a: StatsArgs) -> config::StatsConfig {
        config::StatsConfig {
            location: location(a.store, a.remote),
            format: a.format.into(),
        }
    }
}

impl From<EvalArgs> for config::EvalConfig {
    fn from(a: EvalArgs) -> config::EvalConfig {
        config::EvalConfig {
            gold: a.gold,
            mode: if a.ner {
                config::EvalMode::Ner
            } else {
                config::EvalMode::Documents {
                    predictions: a.predictions,
                }
            },
            extractor: a.extractor.into(),
            explain: a.explain,
            format: match a.format {
                EvalFormat::Table => OutputFormat::Text,
                EvalFormat::Json => OutputFormat::Json,
            },
            floors: config::Floors {
                entity_f1: a.min_entity_f1,
                relation_f1: a.min_relation_f1,
                relation_precision: a.min_relation_precision,
            },
        }
    }
}

impl From<ExplainArgs> for config::ExplainConfig {
    fn from(a: ExplainArgs) -> config::ExplainConfig {
        config::ExplainConfig {
            store: a.store.store,
            name: a.name,
            format: a.format.into(),
        }
    }
}

impl TryFrom<ServeArgs> for config::ServeConfig {
    type Error = Error;

    fn try_from(a: ServeArgs) -> Result<config::ServeConfig, Error> {
        let update_token = a
            .update_token
            .or_else(|| std::env::var("ZHKG_UPDATE_TOKEN").ok())
            .filter(|t| !t.is_empty());
        if update_token.as_ref().is_some_and(|t| t.len() < 16) {
            return Err(Error::Usage(
                "--update-token must be at least 16 characters".into(),
            ));
        }
        Ok(config::ServeConfig {
            store: a.store.store,
            bind: a.bind,
            allow_update: a.allow_update,
            update_token,
            timeout: seconds("--timeout", a.timeout)?,
            max_results: a.max_results,
            max_body: a.max_body,
            max_memory: a.max_memory << 20,
            query_workers: a.query_workers,
            max_connections: a.max_connections,
            idle_timeout: seconds("--idle-timeout", a.idle_timeout)?,
        })
    }
}

/// A positive, finite number of seconds.
fn seconds(flag: &str, s: f64) -> Result<Duration, Error> {
    if !(s > 0.0 && s.is_finite() && s < 1e9) {
        return Err(Error::Usage(format!(
            "{flag} must be a positive number of seconds"
        )));
    }
    Ok(Duration::from_secs_f64(s))
}

impl From<LoadArgs> for config::LoadConfig {
    fn from(a: LoadArgs) -> config::LoadConfig {
        config::LoadConfig {
            store: a.store.store,
            shards: a.shards,
            batch: a.batch,
        }
    }
}

// ---- The progress bar ----

/// A spinner on standard error with the build's counts and rates, shown
/// only on a terminal and when not `--quiet`.
pub struct ProgressBar {
    quiet: bool,
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
}

impl ProgressBar {
    pub fn new(quiet: bool) -> ProgressBar {
        ProgressBar {
            quiet,
            bar: None,
            started: Instant::now(),
        }
    }
}

impl zhkg::ShowProgress for ProgressBar {
    fn start(&mut self) {
        if self.quiet || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed} {msg}").expect("valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        self.bar = Some(bar);
        self.started = Instant::now();
    }

    fn show(&mut self, p: &zhkg::commands::Progress) {
        if let Some(bar) = &self.bar {
            bar.set_message(p.describe(self.started.elapsed()));
        }
    }

    fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(args: &[&str]) -> Result<config::Command, Error> {
        let cli = Cli::try_parse_from(std::iter::once("zhkg").chain(args.iter().copied()))
            .expect("arguments parse");
        config::Command::try_from(cli.command)
    }

    #[test]
    fn the_endpoint_chooses_a_remote_location_once() {
        let Ok(config::Command::Stats(local)) = config(&["stats", "--store", "a.db"]) else {
            panic!("stats");
        };
        assert_eq!(local.location, Location::Local("a.db".into()));
        let remote = config(&["build", "x.txt", "--endpoint", "http://h/gsp"]);
        let Ok(config::Command::Build(remote)) = remote else {
            panic!("build");
        };
        assert_eq!(remote.location, Location::Remote("http://h/gsp".into()));
    }

    #[test]
    fn arguments_clap_cannot_check_are_checked_in_the_conversion() {
        let csv = config(&["export", "--format", "csv"]).unwrap_err();
        assert!(csv.to_string().contains("-o DIR"), "{csv}");
        let timeout = config(&["serve", "--timeout", "0"]).unwrap_err();
        assert!(timeout.to_string().contains("--timeout"), "{timeout}");
        let Ok(config::Command::Export(e)) = config(&[
            "export",
            "--format",
            "csv",
            "-o",
            "out",
            "--predicates",
            "memberOf",
        ]) else {
            panic!("export");
        };
        assert!(
            matches!(e.target, config::ExportTarget::Csv(ref d) if d == std::path::Path::new("out"))
        );
        assert_eq!(e.filter.predicates, vec![Predicate::MemberOf]);
    }
}
