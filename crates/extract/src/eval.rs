//! Scoring against gold annotations: the document-level measure of
//! `../shared/eval/GUIDELINE.md` (the counts `score.py` prints) and
//! span-level recognition on character-BIO data (the counts `ner_score.py`
//! prints), with every miss and false hit tied to the sentence it concerns.
//!
//! The two measures, exactly as the reference scorers define them:
//!
//! * **Documents.** Per document, the set of (name, type) entities and the
//!   set of (subject, predicate, object) relations. Names match after NFKC
//!   and removal of white space; a gold entity's aliases resolve to its
//!   name; optional gold items are removed from both sides. Counts are
//!   summed over documents (micro average), per type and per predicate.
//! * **Spans.** A predicted (start, end, type) span counts when it equals a
//!   gold span; Person, Place and Organization map to PER, LOC and ORG.

use crate::error::{Error, Result};
use crate::ingest;
use crate::model::{Document, EntityType, Extraction};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------
// Counts and tables
// ---------------------------------------------------------------------------

/// True positives, false positives and false negatives of one row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("tp", &self.tp)?;
        m.serialize_entry("fp", &self.fp)?;
        m.serialize_entry("fn", &self.fn_)?;
        m.serialize_entry("p", &self.precision())?;
        m.serialize_entry("r", &self.recall())?;
        m.serialize_entry("f1", &self.f1())?;
        m.end()
    }
}

/// Rows of counts by type or predicate, plus their total under `ALL`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Rows in the order they are printed.
    pub rows: Vec<(String, Counts)>,
}

impl Table {
    fn from_map(map: BTreeMap<String, Counts>) -> Table {
        Table {
            rows: map.into_iter().collect(),
        }
    }

    /// The micro-averaged total.
    pub fn all(&self) -> Counts {
        let mut total = Counts::default();
        for (_, c) in &self.rows {
            total.add(c);
        }
        total
    }

    pub fn get(&self, key: &str) -> Option<Counts> {
        if key == "ALL" {
            return Some(self.all());
        }
        self.rows.iter().find(|(k, _)| k == key).map(|(_, c)| *c)
    }

    /// Writes the table as `score.py` does: a header naming `part`, one
    /// row per key, then `ALL`.
    pub fn write(&self, part: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        writeln!(
            out,
            "{part:<14}{:>5}{:>5}{:>5}{:>7}{:>7}{:>7}",
            "tp", "fp", "fn", "P", "R", "F1"
        )?;
        let all = self.all();
        for (k, c) in self
            .rows
            .iter()
            .map(|(k, c)| (k.as_str(), c))
            .chain([("ALL", &all)])
        {
            writeln!(
                out,
                "  {k:<12}{:>5}{:>5}{:>5}{:>7.3}{:>7.3}{:>7.3}",
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        Ok(())
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.rows.len() + 1))?;
        for (k, c) in &self.rows {
            m.serialize_entry(k, c)?;
        }
        m.serialize_entry("ALL", &self.all())?;
        m.end()
    }
}

/// Whether a finding is a false hit or a miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Predicted, not in gold.
    False,
    /// In gold, not predicted.
    Missed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::False => "FALSE",
            Outcome::Missed => "MISSED",
        }
    }
}

// ---------------------------------------------------------------------------
// Document-level scoring
// ---------------------------------------------------------------------------

/// Unifies full- and half-width forms (NFKC) and removes white space: the
/// spelling under which names are compared.
pub fn norm(name: &str) -> String {
    name.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// One gold entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEntity {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub optional: bool,
}

/// One gold relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldRelation {
    pub subject: String,
    pub predicate: String,
    pub object: String,
    pub optional: bool,
}

/// One annotated document of a gold file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDoc {
    pub id: String,
    /// The article; from the record's `text`, or read from its `source`
    /// file (relative to the gold file) when the record has no text.
    pub text: String,
    pub entities: Vec<GoldEntity>,
    pub relations: Vec<GoldRelation>,
}

impl GoldDoc {
    /// The document the extractor reads: the text normalized as `zhkg build`
    /// normalizes it.
    pub fn document(&self, source: &str) -> Document {
        let text = ingest::normalize(&self.text);
        Document {
            id: self.id.clone(),
            meta: crate::model::DocMeta {
                source: source.to_owned(),
                sha256: ingest::sha256_hex(&text),
                ..Default::default()
            },
            text,
        }
    }
}

/// What a system says about one document: names and types of entities,
/// relations, and where known the sentence behind each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Predicted {
    /// (name, type, sentence)
    pub entities: Vec<(String, String, Option<String>)>,
    /// (subject, predicate, object, sentence)
    pub relations: Vec<(String, String, String, Option<String>)>,
}

impl Predicted {
    /// The prediction of zhkg's own extraction, with the sentence of each
    /// entity's first mention and of each relation.
    pub fn from_extraction(doc: &Document, ex: &Extraction) -> Predicted {
        let index = ingest::CharIndex::new(&doc.text);
        let sentences: Vec<(usize, usize, &str)> = ingest::sentences(&doc.text)
            .into_iter()
            .map(|s| (index.char_offset(s.start), index.char_offset(s.end), s.text))
            .collect();
        let entities = ex
            .entities
            .iter()
            .map(|e| {
                let sentence = e.mentions.first().and_then(|m| {
                    sentences
                        .iter()
                        .find(|(a, b, _)| (*a..*b).contains(&m[0]))
                        .map(|(_, _, s)| (*s).to_owned())
                });
                (e.name.clone(), e.kind.as_str().to_owned(), sentence)
            })
            .collect();
        let relations = ex
            .relations
            .iter()
            .map(|r| {
                (
                    r.subject.clone(),
                    r.predicate.as_str().to_owned(),
                    r.object.clone(),
                    Some(r.evidence.clone()),
                )
            })
            .collect();
        Predicted {
            entities,
            relations,
        }
    }

    /// Reads one record of a predictions file (`score.py`'s input shape):
    /// `entities` with `name` and `type`, `relations` with `subject`,
    /// `predicate`, `object` and, when present, `evidence`.
    fn from_json(obj: &serde_json::Map<String, Value>) -> Predicted {
        let field = |v: &Value, k: &str| v.get(k).map(value_string).unwrap_or_default();
        let list = |k: &str| {
            obj.get(k)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        Predicted {
            entities: list("entities")
                .iter()
                .map(|e| (field(e, "name"), field(e, "type"), None))
                .collect(),
            relations: list("relations")
                .iter()
                .map(|r| {
                    (
                        field(r, "subject"),
                        field(r, "predicate"),
                        field(r, "object"),
                        r.get("evidence").and_then(Value::as_str).map(str::to_owned),
                    )
                })
                .collect(),
        }
    }
}

/// A JSON value as Python's `str()` would print a string or a number.
fn value_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// One miss or false hit of a document-level score.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Finding {
    pub doc: String,
    /// `entity` or `relation`.
    pub part: &'static str,
    pub outcome: Outcome,
    /// The entity's name, or `subject predicate object`.
    pub item: String,
    /// The entity's type (empty for relations).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// The sentence that states it (false hits: where it was extracted;
    /// misses: the first sentence of the text that names it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

impl Finding {
    /// The line `score.py --explain` prints, then the sentence.
    pub fn line(&self) -> String {
        let mut s = format!(
            "{}\t{}\t{}\t{}",
            self.doc,
            self.part,
            self.outcome.as_str(),
            self.item
        );
        if !self.kind.is_empty() {
            s.push('\t');
            s.push_str(&self.kind);
        }
        s
    }
}

/// The result of a document-level score.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub documents: usize,
    pub entities: Table,
    pub relations: Table,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
}

/// Gold of one document with its name resolution (aliases → names).
struct Resolver {
    canon: HashMap<String, String>,
    types: BTreeMap<String, String>,
    optional_entities: HashSet<String>,
    relations: BTreeSet<(String, String, String)>,
    optional_relations: HashSet<(String, String, String)>,
    /// Every spelling of each canonical name, for finding its sentence.
    spellings: HashMap<String, Vec<String>>,
}

impl Resolver {
    fn new(gold: &GoldDoc) -> Resolver {
        let mut r = Resolver {
            canon: HashMap::new(),
            types: BTreeMap::new(),
            optional_entities: HashSet::new(),
            relations: BTreeSet::new(),
            optional_relations: HashSet::new(),
            spellings: HashMap::new(),
        };
        for e in &gold.entities {
            let name = norm(&e.name);
            r.types.insert(name.clone(), e.kind.clone());
            r.canon.insert(name.clone(), name.clone());
            let spellings = r.spellings.entry(name.clone()).or_default();
            spellings.push(e.name.clone());
            for a in &e.aliases {
                r.canon.entry(norm(a)).or_insert_with(|| name.clone());
                spellings.push(a.clone());
            }
            if e.optional {
                r.optional_entities.insert(name);
            }
        }
        for g in &gold.relations {
            let t = (
                r.resolve(&g.subject),
                g.predicate.clone(),
                r.resolve(&g.object),
            );
            if g.optional {
                r.optional_relations.insert(t);
            } else {
                r.relations.insert(t);
            }
        }
        let optional = &r.optional_relations;
        r.relations.retain(|t| !optional.contains(t));
        r
    }

    fn resolve(&self, name: &str) -> String {
        let n = norm(name);
        self.canon.get(&n).cloned().unwrap_or(n)
    }

    fn spellings<'a>(&'a self, name: &'a str) -> Vec<&'a str> {
        let mut out = vec![name];
        if let Some(s) = self.spellings.get(name) {
            out.extend(s.iter().map(String::as_str));
        }
        out
    }
}

/// Scores predictions against gold, document by document (a gold document
/// without a prediction counts as all misses; predictions for documents
/// not in gold are ignored).
pub fn score(gold: &[GoldDoc], predicted: &HashMap<String, Predicted>) -> Report {
    let mut ent: BTreeMap<String, Counts> = BTreeMap::new();
    let mut rel: BTreeMap<String, Counts> = BTreeMap::new();
    let mut findings = Vec::new();
    let empty = Predicted::default();
    // A later record with the same id replaces an earlier one, in the
    // earlier one's place (score.py reads gold into a dictionary).
    let mut order: Vec<&str> = Vec::new();
    let mut last: HashMap<&str, &GoldDoc> = HashMap::new();
    for g in gold {
        if last.insert(g.id.as_str(), g).is_none() {
            order.push(g.id.as_str());
        }
    }
    for id in &order {
        let g = last[id];
        let d = Resolver::new(g);
        let p = predicted.get(&g.id).unwrap_or(&empty);
        let text = ingest::normalize(&g.text);
        let sentences = sentence_spans(&text);
        let find = |names: &[&str]| -> Option<String> {
            sentence_naming(&text, &sentences, names).map(str::to_owned)
        };

        let gold_e: BTreeSet<(String, String)> = d
            .types
            .iter()
            .filter(|(n, _)| !d.optional_entities.contains(*n))
            .map(|(n, t)| (n.clone(), t.clone()))
            .collect();
        let mut pred_e: BTreeMap<(String, String), Option<String>> = BTreeMap::new();
        for (name, kind, sentence) in &p.entities {
            let name = d.resolve(name);
            if d.optional_entities.contains(&name) {
                continue;
            }
            pred_e
                .entry((name, kind.clone()))
                .or_insert_with(|| sentence.clone());
        }
        let part = Part {
            doc: &g.id,
            name: "entity",
        };
        part.count(
            &pred_e,
            &gold_e,
            |k: &(String, String)| (k.1.clone(), k.0.clone(), k.1.clone()),
            |k| find(&d.spellings(&k.0)),
            &mut ent,
            &mut findings,
        );

        let mut pred_r: BTreeMap<(String, String, String), Option<String>> = BTreeMap::new();
        for (s, pr, o, sentence) in &p.relations {
            let t = (d.resolve(s), pr.clone(), d.resolve(o));
            if !d.optional_relations.contains(&t) {
                pred_r.entry(t).or_insert_with(|| sentence.clone());
            }
        }
        let part = Part {
            doc: &g.id,
            name: "relation",
        };
        part.count(
            &pred_r,
            &d.relations,
            |t: &(String, String, String)| {
                (
                    t.1.clone(),
                    format!("{} {} {}", t.0, t.1, t.2),
                    String::new(),
                )
            },
            |t| {
                // The first sentence naming both ends, else the subject.
                let subject = d.spellings(&t.0);
                let object = d.spellings(&t.2);
                sentences
                    .iter()
                    .map(|&(a, b)| &text[a..b])
                    .find(|s| {
                        subject.iter().any(|n| s.contains(n))
                            && object.iter().any(|n| s.contains(n))
                    })
                    .map(str::to_owned)
                    .or_else(|| find(&subject))
            },
            &mut rel,
            &mut findings,
        );
    }
    findings.sort();
    Report {
        documents: order.len(),
        entities: Table::from_map(ent),
        relations: Table::from_map(rel),
        findings,
    }
}

/// One part (entities or relations) of one document's score.
struct Part<'a> {
    doc: &'a str,
    name: &'static str,
}

impl Part<'_> {
    /// Counts each prediction as a true or a false hit and each gold item
    /// not predicted as a miss, under the row `describe` gives (with the
    /// item and kind its findings show); misses get `missed_sentence`.
    fn count<K: Ord>(
        &self,
        predicted: &BTreeMap<K, Option<String>>,
        gold: &BTreeSet<K>,
        describe: impl Fn(&K) -> (String, String, String),
        missed_sentence: impl Fn(&K) -> Option<String>,
        counts: &mut BTreeMap<String, Counts>,
        findings: &mut Vec<Finding>,
    ) {
        let mut finding = |key: &K, outcome, sentence| {
            let (_, item, kind) = describe(key);
            findings.push(Finding {
                doc: self.doc.to_owned(),
                part: self.name,
                outcome,
                item,
                kind,
                sentence,
            });
        };
        for (key, sentence) in predicted {
            let c = counts.entry(describe(key).0).or_default();
            if gold.contains(key) {
                c.tp += 1;
            } else {
                c.fp += 1;
                finding(key, Outcome::False, sentence.clone());
            }
        }
        for key in gold.iter().filter(|k| !predicted.contains_key(*k)) {
            counts.entry(describe(key).0).or_default().fn_ += 1;
            finding(key, Outcome::Missed, missed_sentence(key));
        }
    }
}

/// Byte spans of the sentences of normalized text.
fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    ingest::sentences(text)
        .into_iter()
        .map(|s| (s.start, s.end))
        .collect()
}

/// The first sentence that contains one of `names` (compared as written and
/// after normalization).
fn sentence_naming<'a>(
    text: &'a str,
    sentences: &[(usize, usize)],
    names: &[&str],
) -> Option<&'a str> {
    sentences.iter().map(|&(a, b)| &text[a..b]).find(|s| {
        names
            .iter()
            .any(|n| !n.is_empty() && (s.contains(n) || norm(s).contains(&norm(n))))
    })
}

/// Reads a gold file: one JSON object per line with `id` (or `doc`),
/// `text` (or a `source` file beside the gold file), `entities` and
/// `relations` in GUIDELINE.md's shape.
pub fn read_gold(path: &Path) -> Result<Vec<GoldDoc>> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for (line, obj) in json_lines(path)? {
        let bad = |message: String| Error::BadJsonLine {
            path: path.to_path_buf(),
            line,
            message,
        };
        let id = record_id(&obj).ok_or_else(|| bad("no `id` or `doc` field".into()))?;
        let text = match (obj.get("text"), obj.get("source")) {
            (Some(Value::String(t)), _) => t.clone(),
            (None, Some(Value::String(src))) => {
                let file = dir.join(src);
                let doc = ingest::read_text(&file)
                    .map_err(|e| bad(format!("its `source` cannot be read: {e}")))?;
                doc.text
            }
            _ => return Err(bad("no `text` (nor a `source` file to read it from)".into())),
        };
        let string = |v: &Value, k: &str| -> Result<String> {
            match v.get(k) {
                Some(Value::String(s)) => Ok(s.clone()),
                _ => Err(bad(format!("an item has no string `{k}`: {v}"))),
            }
        };
        let optional = |v: &Value| v.get("optional").is_some_and(truthy);
        let items = |k: &str| {
            obj.get(k)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let mut entities = Vec::new();
        for e in items("entities") {
            entities.push(GoldEntity {
                name: string(&e, "name")?,
                kind: string(&e, "type")?,
                aliases: e
                    .get("aliases")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().map(value_string).collect())
                    .unwrap_or_default(),
                optional: optional(&e),
            });
        }
        let mut relations = Vec::new();
        for r in items("relations") {
            relations.push(GoldRelation {
                subject: string(&r, "subject")?,
                predicate: string(&r, "predicate")?,
                object: string(&r, "object")?,
                optional: optional(&r),
            });
        }
        out.push(GoldDoc {
            id,
            text,
            entities,
            relations,
        });
    }
    if out.is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(out)
}

/// Reads a predictions file (`zhkg extract --format jsonl` output, or any
/// system's in `score.py`'s input shape), keyed by document id.
pub fn read_predictions(path: &Path) -> Result<HashMap<String, Predicted>> {
    let mut out = HashMap::new();
    for (line, obj) in json_lines(path)? {
        let id = record_id(&obj).ok_or_else(|| Error::BadJsonLine {
            path: path.to_path_buf(),
            line,
            message: "no `id` or `doc` field".into(),
        })?;
        out.insert(id, Predicted::from_json(&obj));
    }
    Ok(out)
}

/// Python's truth of a JSON value (`if r.get("optional")`).
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// `obj.get("id") or obj.get("doc")`, as a string.
fn record_id(obj: &serde_json::Map<String, Value>) -> Option<String> {
    ["id", "doc"]
        .iter()
        .filter_map(|k| obj.get(*k))
        .find(|v| truthy(v))
        .map(value_string)
}

/// The non-empty lines of a JSON Lines file as objects, with line numbers.
fn json_lines(path: &Path) -> Result<Vec<(usize, serde_json::Map<String, Value>)>> {
    let text = std::fs::read_to_string(path).map_err(|e| ingest::io_error(path, e))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = |message: String| Error::BadJsonLine {
            path: path.to_path_buf(),
            line: line_no,
            message,
        };
        match serde_json::from_str::<Value>(line).map_err(|e| bad(e.to_string()))? {
            Value::Object(o) => out.push((line_no, o)),
            _ => return Err(bad("not a JSON object".into())),
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Span-level recognition (character BIO)
// ---------------------------------------------------------------------------

/// The BIO label of an entity type, for the types BIO data annotates.
pub fn bio_label(kind: EntityType) -> Option<&'static str> {
    match kind {
        EntityType::Person => Some("PER"),
        EntityType::Place => Some("LOC"),
        EntityType::Organization => Some("ORG"),
        EntityType::Event => None,
    }
}

const BIO_LABELS: [&str; 3] = ["PER", "LOC", "ORG"];

/// One labelled span: token offsets `[start, end)` and its label.
pub type LabelledSpan = (usize, usize, String);

/// One sentence of BIO data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BioSentence {
    /// `s00001`, `s00002`, …: the ids `ner_score.py --to-jsonl` gives.
    pub id: String,
    pub text: String,
    pub spans: BTreeSet<LabelledSpan>,
}

/// Reads character-BIO data: one `character tag` pair per line, a blank
/// line between sentences.
pub fn read_bio(path: &Path) -> Result<Vec<BioSentence>> {
    let raw = std::fs::read_to_string(path).map_err(|e| ingest::io_error(path, e))?;
    let raw = raw.replace("\r\n", "\n");
    let mut out = Vec::new();
    for (i, block) in raw.trim().split("\n\n").enumerate() {
        let mut text = String::new();
        let mut tags = Vec::new();
        for line in block.split('\n') {
            let mut parts = line.split_whitespace();
            if let (Some(c), Some(t)) = (parts.next(), parts.next()) {
                text.push_str(c);
                tags.push(t);
            }
        }
        out.push(BioSentence {
            id: format!("s{:05}", i + 1),
            text,
            spans: bio_spans(&tags),
        });
    }
    if out.iter().all(|s| s.text.is_empty()) {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(out)
}

/// Spans of a BIO tag sequence: `B-X` starts one, `I-X` continues one of
/// the same type (or starts one after anything else).
fn bio_spans(tags: &[&str]) -> BTreeSet<LabelledSpan> {
    let mut out = BTreeSet::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().copied().chain(["O"]).enumerate() {
        let inside = matches!(open, Some((_, typ)) if t.strip_prefix("I-") == Some(typ));
        if !inside {
            if let Some((start, typ)) = open.take() {
                out.insert((start, i, typ.to_owned()));
            }
            open = t
                .strip_prefix("B-")
                .or_else(|| t.strip_prefix("I-"))
                .map(|typ| (i, typ));
        }
    }
    out
}

/// One miss or false hit of a span score.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SpanFinding {
    pub sentence_id: String,
    pub outcome: Outcome,
    pub label: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The whole sentence, for reading the span in its context.
    pub sentence: String,
}

impl SpanFinding {
    /// The line `ner_score.py --explain` prints.
    pub fn line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}",
            self.sentence_id,
            self.outcome.as_str(),
            self.label,
            self.text
        )
    }
}

/// The result of a span score.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SpanReport {
    pub sentences: usize,
    pub spans: Table,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<SpanFinding>,
}

/// Scores predicted spans (`predicted[i]` for `gold[i]`) against gold.
pub fn score_spans(gold: &[BioSentence], predicted: &[Vec<LabelledSpan>]) -> SpanReport {
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut findings = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        let chars: Vec<char> = g.text.chars().collect();
        let p: BTreeSet<&LabelledSpan> = predicted
            .get(i)
            .into_iter()
            .flatten()
            .filter(|s| BIO_LABELS.contains(&s.2.as_str()))
            .collect();
        let finding = |s: &LabelledSpan, outcome| SpanFinding {
            sentence_id: g.id.clone(),
            outcome,
            label: s.2.clone(),
            text: chars
                .get(s.0.min(chars.len())..s.1.min(chars.len()))
                .map(|c| c.iter().collect())
                .unwrap_or_default(),
            start: s.0,
            end: s.1,
            sentence: g.text.clone(),
        };
        for s in &p {
            let c = counts.entry(s.2.clone()).or_default();
            if g.spans.contains(*s) {
                c.tp += 1;
            } else {
                c.fp += 1;
                findings.push(finding(s, Outcome::False));
            }
        }
        for s in g.spans.iter().filter(|s| !p.contains(s)) {
            if BIO_LABELS.contains(&s.2.as_str()) {
                counts.entry(s.2.clone()).or_default().fn_ += 1;
                findings.push(finding(s, Outcome::Missed));
            }
        }
    }
    SpanReport {
        sentences: gold.len(),
        spans: Table {
            rows: BIO_LABELS
                .iter()
                .map(|l| (l.to_string(), counts.get(*l).copied().unwrap_or_default()))
                .collect(),
        },
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text every case is scored on (two sentences, so that a miss's
    /// sentence is the one that names it).
    const TEXT: &str =
        "浙江省文联主席周立群昨天抵达温州。省文联主席周立群出席全省文艺工作会议并讲话。";

    /// Gold: four entities (浙江省文联 also written 省文联), two relations.
    fn gold() -> GoldDoc {
        let entity = |name: &str, kind: &str, aliases: &[&str]| GoldEntity {
            name: name.into(),
            kind: kind.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            optional: false,
        };
        let relation = |subject: &str, predicate: &str, object: &str| GoldRelation {
            subject: subject.into(),
            predicate: predicate.into(),
            object: object.into(),
            optional: false,
        };
        GoldDoc {
            id: "d1".into(),
            text: TEXT.into(),
            entities: vec![
                entity("周立群", "Person", &[]),
                entity("浙江省文联", "Organization", &["省文联"]),
                entity("温州", "Place", &[]),
                entity("全省文艺工作会议", "Event", &[]),
            ],
            relations: vec![
                relation("周立群", "memberOf", "浙江省文联"),
                relation("周立群", "attended", "全省文艺工作会议"),
            ],
        }
    }

    type Row = (&'static str, usize, usize, usize);

    /// One prediction for `d1` and the rows (row, tp, fp, fn) it must score.
    struct Case {
        what: &'static str,
        entities: &'static [(&'static str, &'static str)],
        relations: &'static [(&'static str, &'static str, &'static str)],
        entity_rows: &'static [Row],
        relation_rows: &'static [Row],
    }

    const CASES: &[Case] = &[
        Case {
            what: "everything, by its gold names",
            entities: &[
                ("周立群", "Person"),
                ("浙江省文联", "Organization"),
                ("温州", "Place"),
                ("全省文艺工作会议", "Event"),
            ],
            relations: &[
                ("周立群", "memberOf", "浙江省文联"),
                ("周立群", "attended", "全省文艺工作会议"),
            ],
            entity_rows: &[
                ("Event", 1, 0, 0),
                ("Organization", 1, 0, 0),
                ("Person", 1, 0, 0),
                ("Place", 1, 0, 0),
            ],
            relation_rows: &[("attended", 1, 0, 0), ("memberOf", 1, 0, 0)],
        },
        Case {
            what: "the body named by its alias, in the entity and in the relation",
            entities: &[("省文联", "Organization"), ("周立群", "Person")],
            relations: &[("周立群", "memberOf", "省文联")],
            entity_rows: &[
                ("Event", 0, 0, 1),
                ("Organization", 1, 0, 0),
                ("Person", 1, 0, 0),
                ("Place", 0, 0, 1),
            ],
            relation_rows: &[("attended", 0, 0, 1), ("memberOf", 1, 0, 0)],
        },
        Case {
            what: "a place typed as a body: a false body and a missed place",
            entities: &[("温州", "Organization"), ("周立群", "Person")],
            relations: &[],
            entity_rows: &[
                ("Event", 0, 0, 1),
                ("Organization", 0, 1, 1),
                ("Person", 1, 0, 0),
                ("Place", 0, 0, 1),
            ],
            relation_rows: &[("attended", 0, 0, 1), ("memberOf", 0, 0, 1)],
        },
        Case {
            what: "subject and object swapped: a false relation and a missed one",
            entities: &[],
            relations: &[
                ("浙江省文联", "memberOf", "周立群"),
                ("周立群", "attended", "全省文艺工作会议"),
            ],
            entity_rows: &[
                ("Event", 0, 0, 1),
                ("Organization", 0, 0, 1),
                ("Person", 0, 0, 1),
                ("Place", 0, 0, 1),
            ],
            relation_rows: &[("attended", 1, 0, 0), ("memberOf", 0, 1, 1)],
        },
        Case {
            what: "the right ends under another predicate",
            entities: &[],
            relations: &[("周立群", "presided", "全省文艺工作会议")],
            entity_rows: &[
                ("Event", 0, 0, 1),
                ("Organization", 0, 0, 1),
                ("Person", 0, 0, 1),
                ("Place", 0, 0, 1),
            ],
            relation_rows: &[
                ("attended", 0, 0, 1),
                ("memberOf", 0, 0, 1),
                ("presided", 0, 1, 0),
            ],
        },
        Case {
            what: "an empty prediction: every gold item missed",
            entities: &[],
            relations: &[],
            entity_rows: &[
                ("Event", 0, 0, 1),
                ("Organization", 0, 0, 1),
                ("Person", 0, 0, 1),
                ("Place", 0, 0, 1),
            ],
            relation_rows: &[("attended", 0, 0, 1), ("memberOf", 0, 0, 1)],
        },
    ];

    fn predicted(case: &Case) -> HashMap<String, Predicted> {
        let p = Predicted {
            entities: case
                .entities
                .iter()
                .map(|&(n, t)| (n.into(), t.into(), None))
                .collect(),
            relations: case
                .relations
                .iter()
                .map(|&(s, p, o)| (s.into(), p.into(), o.into(), None))
                .collect(),
        };
        HashMap::from([("d1".to_string(), p)])
    }

    fn rows(table: &Table) -> Vec<(&str, usize, usize, usize)> {
        table
            .rows
            .iter()
            .map(|(k, c)| (k.as_str(), c.tp, c.fp, c.fn_))
            .collect()
    }

    #[test]
    fn each_prediction_scores_its_exact_counts() {
        for case in CASES {
            let report = score(&[gold()], &predicted(case));
            assert_eq!(report.documents, 1, "{}", case.what);
            assert_eq!(rows(&report.entities), case.entity_rows, "{}", case.what);
            assert_eq!(rows(&report.relations), case.relation_rows, "{}", case.what);
        }
    }

    #[test]
    fn a_document_without_a_prediction_is_all_misses() {
        let report = score(&[gold()], &HashMap::new());
        let empty = CASES
            .iter()
            .find(|c| c.entities.is_empty() && c.relations.is_empty());
        let empty = empty.expect("an empty case");
        assert_eq!(rows(&report.entities), empty.entity_rows);
        assert_eq!(rows(&report.relations), empty.relation_rows);
        let all = report.entities.all();
        assert_eq!((all.tp, all.fp, all.fn_), (0, 0, 4));
        assert_eq!((all.precision(), all.recall(), all.f1()), (0.0, 0.0, 0.0));
    }

    #[test]
    fn precision_recall_and_f1_of_the_totals() {
        // The alias case: entities 2 tp, 0 fp, 2 fn; relations 1, 0, 1.
        let report = score(&[gold()], &predicted(&CASES[1]));
        let e = report.entities.get("ALL").unwrap();
        assert_eq!((e.tp, e.fp, e.fn_), (2, 0, 2));
        assert_eq!((e.precision(), e.recall()), (1.0, 0.5));
        assert!((e.f1() - 2.0 / 3.0).abs() < 1e-12, "{}", e.f1());
        // The wrong-type case: entities 1 tp, 1 fp, 3 fn.
        let report = score(&[gold()], &predicted(&CASES[2]));
        let e = report.entities.all();
        assert_eq!((e.tp, e.fp, e.fn_), (1, 1, 3));
        assert_eq!((e.precision(), e.recall()), (0.5, 0.25));
        assert!((e.f1() - 1.0 / 3.0).abs() < 1e-12, "{}", e.f1());
    }

    #[test]
    fn findings_name_the_item_and_the_sentence_that_states_it() {
        let report = score(&[gold()], &predicted(&CASES[2]));
        let got: Vec<(String, Option<&str>)> = report
            .findings
            .iter()
            .map(|f| (f.line(), f.sentence.as_deref()))
            .collect();
        let first = Some("浙江省文联主席周立群昨天抵达温州。");
        let second = Some("省文联主席周立群出席全省文艺工作会议并讲话。");
        let want: Vec<(String, Option<&str>)> = [
            ("d1\tentity\tFALSE\t温州\tOrganization", None),
            ("d1\tentity\tMISSED\t全省文艺工作会议\tEvent", second),
            ("d1\tentity\tMISSED\t浙江省文联\tOrganization", first),
            ("d1\tentity\tMISSED\t温州\tPlace", first),
            (
                "d1\trelation\tMISSED\t周立群 attended 全省文艺工作会议",
                second,
            ),
            ("d1\trelation\tMISSED\t周立群 memberOf 浙江省文联", first),
        ]
        .into_iter()
        .map(|(l, s)| (l.to_string(), s))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn spans_count_only_exact_boundaries_and_types() {
        // 周立群 PER, 温州 LOC in 周立群抵达温州。
        let gold = vec![BioSentence {
            id: "s00001".into(),
            text: "周立群抵达温州。".into(),
            spans: bio_spans(&["B-PER", "I-PER", "I-PER", "O", "O", "B-LOC", "I-LOC", "O"]),
        }];
        assert_eq!(
            gold[0].spans,
            BTreeSet::from([(0, 3, "PER".to_string()), (5, 7, "LOC".to_string())])
        );
        let span = |a, b, l: &str| (a, b, l.to_string());
        for (what, predicted, want) in [
            (
                "both exact",
                vec![span(0, 3, "PER"), span(5, 7, "LOC")],
                [("PER", 1, 0, 0), ("LOC", 1, 0, 0), ("ORG", 0, 0, 0)],
            ),
            (
                "a short name and a place typed as a body",
                vec![span(0, 2, "PER"), span(5, 7, "ORG")],
                [("PER", 0, 1, 1), ("LOC", 0, 0, 1), ("ORG", 0, 1, 0)],
            ),
            (
                "nothing",
                vec![],
                [("PER", 0, 0, 1), ("LOC", 0, 0, 1), ("ORG", 0, 0, 0)],
            ),
        ] {
            let report = score_spans(&gold, &[predicted]);
            assert_eq!(report.sentences, 1, "{what}");
            assert_eq!(rows(&report.spans), want, "{what}");
        }
    }
}
