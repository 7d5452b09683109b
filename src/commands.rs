//! The commands, as library functions over checked configurations: what
//! `zhkg build`, `extract`, `query`, `export` and `stats` do, without any
//! argument parsing or terminal handling (the binary owns those).

use crate::error::{Error, Result};
use crate::eval;
use crate::explain;
use crate::export;
use crate::extract::{Extractor, ExtractorConfig};
use crate::graph::{Filter, KnowledgeGraph};
use crate::ingest;
use crate::model::{Document, EntityType, Extraction, Predicate};
use crate::rdf;
use crate::stats;
use crate::store::{DumpFormat, GraphStore, ResultFormat};
use oxigraph::io::{RdfFormat, RdfSerializer};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The store used when none is named.
pub const DEFAULT_STORE: &str = "zhkg.db";

/// Documents read and extracted from the inputs, with the problems met on
/// the way (each one a document or a file that was skipped).
pub struct Processed {
    pub docs: Vec<(Document, Extraction)>,
    pub skipped: Vec<Error>,
    /// Characters of text extracted.
    pub chars: usize,
}

/// Reads every input file and extracts every document. A missing path or a
/// folder without text is an error; a file or record that cannot be read
/// is skipped and reported in [`Processed::skipped`]. `on_file` is called
/// after each file with (files done, files in all).
pub fn process(
    paths: &[PathBuf],
    extractor: &Extractor,
    on_file: &mut dyn FnMut(usize, usize),
) -> Result<Processed> {
    let files = ingest::discover(paths)?;
    let mut out = Processed {
        docs: Vec::new(),
        skipped: Vec::new(),
        chars: 0,
    };
    let mut sources: HashMap<String, String> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        for doc in ingest::read(file) {
            match doc {
                Ok(doc) => {
                    if let Some(first) = sources.insert(doc.id.clone(), doc.meta.source.clone()) {
                        out.skipped.push(Error::DuplicateId {
                            id: doc.id.clone(),
                            first,
                            second: doc.meta.source.clone(),
                        });
                        continue;
                    }
                    out.chars += doc.text.chars().count();
                    let ex = extractor.extract(&doc);
                    out.docs.push((doc, ex));
                }
                Err(e) => out.skipped.push(e),
            }
        }
        on_file(i + 1, files.len());
    }
    Ok(out)
}

/// What `zhkg build` needs.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    pub paths: Vec<PathBuf>,
    pub store: PathBuf,
    pub extractor: ExtractorConfig,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub documents: usize,
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

/// Builds the store from the inputs. Nothing is written unless at least one
/// document was read; the store is written in one transaction.
pub fn build(config: &BuildConfig, on_file: &mut dyn FnMut(usize, usize)) -> Result<BuildReport> {
    let start = Instant::now();
    let extractor = Extractor::new(&config.extractor)?;
    let processed = process(&config.paths, &extractor, on_file)?;
    if processed.docs.is_empty() {
        let reasons: Vec<String> = processed.skipped.iter().map(|e| e.to_string()).collect();
        return Err(Error::NothingToBuild {
            reasons: reasons.join("; "),
        });
    }
    let store = GraphStore::create_or_open(&config.store)?;
    let summary = store.load(&processed.docs)?;
    let mut entities: BTreeMap<EntityType, usize> =
        EntityType::ALL.iter().map(|t| (*t, 0)).collect();
    let mut relations: BTreeMap<Predicate, usize> =
        Predicate::ALL.iter().map(|p| (*p, 0)).collect();
    let mut seen_e = HashSet::new();
    let mut seen_r = HashSet::new();
    for (_, ex) in &processed.docs {
        for e in &ex.entities {
            if seen_e.insert(rdf::entity_iri(e.kind, &e.name)) {
                *entities.entry(e.kind).or_default() += 1;
            }
        }
        for r in &ex.relations {
            let key = (
                rdf::entity_iri(r.subject_type, &r.subject),
                r.predicate,
                rdf::entity_iri(r.object_type, &r.object),
            );
            if seen_r.insert(key) {
                *relations.entry(r.predicate).or_default() += 1;
            }
        }
    }
    Ok(BuildReport {
        documents: summary.documents,
        replaced: summary.replaced,
        entities,
        relations,
        quads: summary.quads,
        chars: processed.chars,
        elapsed: start.elapsed(),
        skipped: processed.skipped,
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

/// Extracts the inputs and writes them to `out`, document by document.
/// Returns the inputs that were skipped.
pub fn extract(
    paths: &[PathBuf],
    config: &ExtractorConfig,
    format: ExtractFormat,
    out: &mut dyn Write,
) -> Result<Vec<Error>> {
    let extractor = Extractor::new(config)?;
    let files = ingest::discover(paths)?;
    let mut skipped = Vec::new();
    let docs = files
        .iter()
        .flat_map(|f| ingest::read(f))
        .filter_map(|d| match d {
            Ok(d) => Some(d),
            Err(e) => {
                skipped.push(e);
                None
            }
        });
    match format {
        ExtractFormat::Jsonl => {
            for doc in docs {
                serde_json::to_writer(&mut *out, &extractor.extract(&doc))
                    .map_err(std::io::Error::other)?;
                out.write_all(b"\n")?;
            }
        }
        ExtractFormat::Mentions => {
            for doc in docs {
                let record = serde_json::json!({
                    "id": doc.id,
                    "entities": mention_groups(&doc.text, &extractor.spans(&doc.text)),
                });
                serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::other)?;
                out.write_all(b"\n")?;
            }
        }
        ExtractFormat::NQuads => {
            let mut ser = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut *out);
            for doc in docs {
                for q in rdf::document_quads(&doc, &extractor.extract(&doc)) {
                    ser.serialize_quad(&q)?;
                }
            }
            ser.finish()?;
        }
    }
    Ok(skipped)
}

/// Mentions grouped by (name, type) in order of first mention, each group
/// as `{"name", "type", "mentions": [[start, end], …]}`.
fn mention_groups(text: &str, spans: &[crate::ner::NerSpan]) -> Vec<serde_json::Value> {
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

/// Runs a SPARQL query against the store and writes the results.
pub fn query(store: &Path, sparql: &str, format: ResultFormat, out: &mut dyn Write) -> Result<()> {
    let store = GraphStore::open_read_only(store)?;
    store.query_to(sparql, format, out)
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Dot,
    Rdf(DumpFormat),
}

/// Writes the store's graph in `format`; the filter applies to DOT.
pub fn export(
    store: &Path,
    format: ExportFormat,
    filter: &Filter,
    out: &mut dyn Write,
) -> Result<()> {
    let store = GraphStore::open_read_only(store)?;
    match format {
        ExportFormat::Dot => {
            let g = KnowledgeGraph::from_store(&store)?.filtered(filter)?;
            export::write_dot(&g, out)?;
        }
        ExportFormat::Rdf(f) => store.dump(f, out)?,
    }
    Ok(())
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
