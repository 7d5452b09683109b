//! Queries under limits, for `zhkg query` and `zhkg serve`.
//!
//! - [`check_nesting`]: a query nested deeper than [`MAX_NESTING`] brackets
//!   is refused before any parser sees it (parsers and the evaluator recurse
//!   once per level, and a few thousand levels overflow a thread's stack).
//! - [`QueryWorker`]: a query is evaluated in a child process (`zhkg
//!   query-worker`, see [`worker_main`]) whose data segment is capped with
//!   `RLIMIT_DATA`. Oxigraph materializes `ORDER BY` and hash joins, and
//!   checks its cancellation only while it reads the store, so neither a
//!   time limit nor a cancellation bounds the memory of a cross product;
//!   a capped process does: an allocation over the cap ends the worker,
//!   the parent reports [`QueryFailure::Memory`], and the memory is the
//!   system's again at once. A query past its time limit is cancelled in
//!   the worker, and the worker is killed should it not stop within a
//!   second.
//!
//! The protocol on the worker's standard input and output: one JSON
//! [`QueryRequest`] per line in; per request one JSON [`AnswerHead`] line
//! out, then `len` bytes of serialized results.

use crate::error::{Error, Result};
use crate::store::{GraphSelection, GraphStore, QueryLimits, ResultFormat};
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Deepest bracket nesting (`{`, `(`, `[` together) a query or update may
/// have. Real queries stay far below; the parser and the evaluator use a
/// few kilobytes of stack per level, so this is well inside a 2 MiB thread
/// stack.
pub const MAX_NESTING: usize = 128;

/// The deepest nesting of `{`, `(` and `[` in a SPARQL text, brackets in
/// strings, IRIs and comments aside. Stops counting past `stop`.
pub fn nesting_depth(sparql: &str, stop: usize) -> usize {
    let b = sparql.as_bytes();
    let (mut i, mut depth, mut deepest) = (0, 0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'{' | b'(' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
                if deepest > stop {
                    return deepest;
                }
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let long = b[i..].starts_with(&[q, q, q]);
                i += if long { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if long && b[i..].starts_with(&[q, q, q]) {
                        i += 2;
                        break;
                    }
                    if !long && (b[i] == q || b[i] == b'\n') {
                        break;
                    }
                    i += 1;
                }
            }
            // An IRI is `<` up to `>` with no space or <>"{}|^`\ inside;
            // otherwise `<` is a comparison.
            b'<' => {
                let iri_len = b[i + 1..]
                    .iter()
                    .position(|&c| c <= b' ' || b"<>\"{}|^`\\".contains(&c))
                    .filter(|&n| b.get(i + 1 + n) == Some(&b'>'));
                if let Some(n) = iri_len {
                    i += n + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// Refuses a query or update nested deeper than [`MAX_NESTING`].
pub fn check_nesting(sparql: &str) -> Result<()> {
    if nesting_depth(sparql, MAX_NESTING) > MAX_NESTING {
        return Err(Error::QuerySyntax(format!(
            "the query nests brackets more than {MAX_NESTING} levels deep; \
             zhkg accepts at most {MAX_NESTING}"
        )));
    }
    Ok(())
}

/// One query for a worker.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueryRequest {
    pub sparql: String,
    /// The format of solutions and booleans.
    pub format: ResultFormat,
    /// The format of graphs (CONSTRUCT, DESCRIBE).
    pub graph_format: ResultFormat,
    pub max_results: Option<usize>,
    pub timeout: Option<Duration>,
    pub selection: GraphSelection,
}

/// What a worker says before the results' bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnswerHead {
    /// `None` when the results follow.
    pub failure: Option<QueryFailure>,
    pub format: ResultFormat,
    pub truncated: bool,
    pub len: usize,
}

/// Results of a query evaluated by a worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The format they are in (a graph's or solutions').
    pub format: ResultFormat,
    /// Results were left out at `max_results`.
    pub truncated: bool,
    pub body: Vec<u8>,
}

/// Why a query gave no results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum QueryFailure {
    #[error("query: {0}")]
    Syntax(String),
    #[error("query stopped after the time limit of {} s", .0.as_secs_f64())]
    Timeout(Duration),
    #[error(
        "query stopped: it needed more than the memory limit of {} MiB \
         (ask for fewer results, or raise the limit)",
        .0 >> 20
    )]
    Memory(u64),
    #[error("{0}")]
    Usage(String),
    #[error("query evaluation: {0}")]
    Eval(String),
    #[error("query worker: {0}")]
    Worker(String),
}

impl From<Error> for QueryFailure {
    fn from(e: Error) -> QueryFailure {
        match e {
            Error::QuerySyntax(m) => QueryFailure::Syntax(m),
            Error::QueryTimeout(t) => QueryFailure::Timeout(t),
            Error::Usage(m) => QueryFailure::Usage(m),
            Error::QueryEval(m) => QueryFailure::Eval(m),
            other => QueryFailure::Worker(other.to_string()),
        }
    }
}

/// Whether a query builds a graph (CONSTRUCT, DESCRIBE); checks its syntax.
fn is_graph_query(sparql: &str) -> Result<bool> {
    check_nesting(sparql)?;
    let query = spargebra::SparqlParser::new()
        .parse_query(sparql)
        .map_err(|e| Error::QuerySyntax(e.to_string()))?;
    Ok(matches!(
        query,
        spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. }
    ))
}

/// Evaluates one request on the store: (head, results).
pub fn answer(store: &GraphStore, request: &QueryRequest) -> (AnswerHead, Vec<u8>) {
    let mut body = Vec::new();
    let mut head = AnswerHead {
        failure: None,
        format: request.format,
        truncated: false,
        len: 0,
    };
    let result = is_graph_query(&request.sparql).and_then(|graph| {
        if graph {
            head.format = request.graph_format;
        }
        let limits = QueryLimits {
            timeout: request.timeout,
            max_results: request.max_results,
        };
        store.query_to_selected(
            &request.sparql,
            head.format,
            &mut body,
            limits,
            &request.selection,
        )
    });
    match result {
        Ok(outcome) => {
            head.truncated = outcome.truncated;
            head.len = body.len();
        }
        Err(e) => {
            head.failure = Some(e.into());
            body.clear();
        }
    }
    (head, body)
}

/// Opens the store read-only. A writer beside it (`serve --allow-update`,
/// a `build`) may compact it meanwhile and delete files the manifest just
/// read names: such an open is tried again, a few times.
pub fn open_beside_writer(path: &Path) -> Result<GraphStore> {
    let mut tries = 0;
    loop {
        match GraphStore::open_read_only(path) {
            Err(e) if !matches!(e, Error::NoStore { .. }) && tries < 10 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(50 * tries));
            }
            other => return other,
        }
    }
}

/// `zhkg query-worker`: opens the store read-only, caps its data segment
/// at `max_memory` bytes over what it holds then, and answers requests from `input` on `output`
/// until `input` ends.
pub fn worker_main(
    store: &Path,
    max_memory: Option<u64>,
    input: impl BufRead,
    mut output: impl Write,
) -> Result<()> {
    let store = open_beside_writer(store)?;
    if let Some(bytes) = max_memory {
        // On top of what the open store already holds (its threads'
        // stacks count, and their number follows the cores).
        let cap = data_segment("self").saturating_add(bytes);
        rlimit::setrlimit(rlimit::Resource::DATA, cap, cap)?;
    }
    for line in input.lines() {
        let line = line?;
        let request: QueryRequest = serde_json::from_str(&line)
            .map_err(|e| Error::Usage(format!("query worker: bad request: {e}")))?;
        let (head, body) = answer(&store, &request);
        let head =
            serde_json::to_string(&head).map_err(|e| Error::Usage(format!("query worker: {e}")))?;
        writeln!(output, "{head}")?;
        output.write_all(&body)?;
        output.flush()?;
    }
    Ok(())
}

/// The data segment in bytes (`VmData`; 0 where there is no /proc) of
/// process `pid` (`"self"`: this one).
pub fn data_segment(pid: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmData:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// How to start a worker: a program, its arguments (the store and the
/// memory limit are added) and variables set in its environment.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    pub env: Vec<(OsString, OsString)>,
}

impl WorkerCommand {
    /// This executable with `args` (`zhkg query-worker`).
    pub fn current_exe(args: &[&str]) -> Result<WorkerCommand> {
        Ok(WorkerCommand {
            program: std::env::current_exe()?,
            args: args.iter().map(OsString::from).collect(),
            env: Vec::new(),
        })
    }

    /// The same command with `key` set to `value` in the worker's
    /// environment.
    pub fn with_env(mut self, key: &str, value: &str) -> WorkerCommand {
        self.env.push((key.into(), value.into()));
        self
    }
}

/// A running worker process with the store open.
pub struct QueryWorker {
    child: Arc<Mutex<Child>>,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    stderr: Option<std::thread::JoinHandle<String>>,
    max_memory: Option<u64>,
    alive: bool,
    /// A tag for the caller (the store snapshot it opened).
    pub generation: u64,
}

impl QueryWorker {
    /// Starts a worker on `store`, its memory capped at `max_memory` bytes.
    pub fn spawn(
        command: &WorkerCommand,
        store: &Path,
        max_memory: Option<u64>,
        generation: u64,
    ) -> Result<QueryWorker> {
        let mut cmd = std::process::Command::new(&command.program);
        cmd.args(&command.args).arg("--store").arg(store);
        cmd.envs(command.env.iter().map(|(k, v)| (k, v)));
        if let Some(m) = max_memory {
            cmd.arg("--max-memory-bytes").arg(m.to_string());
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                Error::Usage(format!(
                    "cannot start the query worker {}: {e}",
                    command.program.display()
                ))
            })?;
        let (stdin, stdout, stderr) =
            match (child.stdin.take(), child.stdout.take(), child.stderr.take()) {
                (Some(i), Some(o), Some(e)) => (i, o, e),
                _ => return Err(Error::Usage("query worker: no pipes".into())),
            };
        // The worker's last messages say why it ended, should it end
        // (the error returned says it; they are not printed as such).
        let stderr = std::thread::spawn(move || {
            let mut tail = String::new();
            for line in BufReader::new(stderr).lines().map_while(|l| l.ok()) {
                tail.push_str(&line);
                tail.push('\n');
                if tail.len() > 4096 {
                    tail.drain(..tail.len() - 2048);
                }
            }
            tail
        });
        Ok(QueryWorker {
            child: Arc::new(Mutex::new(child)),
            stdin,
            stdout: BufReader::new(stdout),
            stderr: Some(stderr),
            max_memory,
            alive: true,
            generation,
        })
    }

    /// Whether the worker can take another query.
    pub fn is_alive(&self) -> bool {
        self.alive
    }

    /// Runs one query. The worker cancels it at its time limit; if no
    /// answer has come `grace` after that, the worker is killed.
    pub fn run(
        &mut self,
        request: &QueryRequest,
        grace: Duration,
    ) -> std::result::Result<Answer, QueryFailure> {
        let result = self.exchange(request, grace);
        if matches!(result, Err(QueryFailure::Worker(_))) && !self.alive {
            return Err(self.failure());
        }
        result
    }

    fn exchange(
        &mut self,
        request: &QueryRequest,
        grace: Duration,
    ) -> std::result::Result<Answer, QueryFailure> {
        let line =
            serde_json::to_string(request).map_err(|e| QueryFailure::Worker(e.to_string()))?;
        let lost = |this: &mut QueryWorker, e: std::io::Error| {
            this.alive = false;
            QueryFailure::Worker(e.to_string())
        };
        if let Err(e) = writeln!(self.stdin, "{line}").and_then(|()| self.stdin.flush()) {
            return Err(lost(self, e));
        }
        // A watchdog kills the worker when the answer is late.
        let (done, wait) = mpsc::channel::<()>();
        let watchdog = request.timeout.map(|t| {
            let child = Arc::clone(&self.child);
            let limit = t + grace;
            std::thread::spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(limit) {
                    if let Ok(mut c) = child.lock() {
                        let _ = c.kill();
                    }
                    return true;
                }
                false
            })
        });
        let answer = self.read_answer();
        drop(done);
        let killed = watchdog.is_some_and(|w| w.join().unwrap_or(false));
        match answer {
            Ok(a) if !killed => a,
            Ok(_) => {
                self.alive = false;
                Err(QueryFailure::Timeout(request.timeout.unwrap_or_default()))
            }
            Err(e) => {
                self.alive = false;
                if killed {
                    Err(QueryFailure::Timeout(request.timeout.unwrap_or_default()))
                } else {
                    Err(QueryFailure::Worker(e.to_string()))
                }
            }
        }
    }

    #[allow(clippy::type_complexity)]
    fn read_answer(&mut self) -> std::io::Result<std::result::Result<Answer, QueryFailure>> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let head: AnswerHead = serde_json::from_str(&line)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let mut body = vec![0; head.len];
        self.stdout.read_exact(&mut body)?;
        Ok(match head.failure {
            Some(f) => Err(f),
            None => Ok(Answer {
                format: head.format,
                truncated: head.truncated,
                body,
            }),
        })
    }

    /// Why the worker ended: over its memory limit, or what it said.
    fn failure(&mut self) -> QueryFailure {
        let status = self.child.lock().ok().and_then(|mut c| c.wait().ok());
        let said = self
            .stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        if said.contains("memory allocation of") {
            if let Some(m) = self.max_memory {
                return QueryFailure::Memory(m);
            }
        }
        QueryFailure::Worker(format!(
            "it ended ({}){}",
            status.map(|s| s.to_string()).unwrap_or_default(),
            said.lines()
                .last()
                .map(|l| format!(": {l}"))
                .unwrap_or_default()
        ))
    }
}

impl Drop for QueryWorker {
    fn drop(&mut self) {
        if let Ok(mut c) = self.child.lock() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_brackets_but_not_inside_strings_iris_or_comments() {
        assert_eq!(nesting_depth("SELECT * WHERE { ?s ?p ?o }", 500), 1);
        assert_eq!(nesting_depth("SELECT * WHERE {{{ ?s ?p ?o }}}", 500), 3);
        assert_eq!(
            nesting_depth("ASK { FILTER((1 + (2)) < 3) [ <p> [ <q> 1 ] ] }", 500),
            4
        );
        let hidden = "ASK { ?s ?p \"{{{((\" . ?s ?p '''}}{{{''' . ?s <http://x/((([[> ?o \
                      # {{{{{{\n }";
        assert_eq!(nesting_depth(hidden, 500), 1);
        // `<` as a comparison is not an IRI: the brackets after it count.
        assert_eq!(nesting_depth("ASK { FILTER(?a < ?b && (?c > 1)) }", 500), 3);
        assert_eq!(nesting_depth("ASK { ?s ?p \"a\\\"{\" }", 500), 1);
    }

    #[test]
    fn the_data_segment_is_read() {
        let before = data_segment("self");
        assert!(before > 0);
        let block = std::hint::black_box(vec![1u8; 64 << 20]);
        assert!(data_segment("self") >= before + (32 << 20), "{before}");
        assert_eq!(std::hint::black_box(&block)[12345], 1);
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!(
            "SELECT * WHERE {}?s ?p ?o{}",
            "{".repeat(5000),
            "}".repeat(5000)
        );
        assert_eq!(nesting_depth(&deep, MAX_NESTING), MAX_NESTING + 1);
        let err = check_nesting(&deep).unwrap_err();
        assert!(err.to_string().contains("more than 128 levels"), "{err}");
        let ok = format!(
            "SELECT * WHERE {}?s ?p ?o{}",
            "{".repeat(MAX_NESTING),
            "}".repeat(MAX_NESTING)
        );
        check_nesting(&ok).unwrap();
        // The store itself refuses it too, with a syntax error, not a crash.
        let s = GraphStore::in_memory().unwrap();
        assert!(matches!(s.select(&deep), Err(Error::QuerySyntax(_))));
        assert!(matches!(s.update(&deep), Err(Error::QuerySyntax(_))));
        // At the limit the parser and evaluator run on a 2 MiB thread.
        let s = Arc::new(s);
        let t = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || s.select(&ok).map(|t| t.rows.len()))
            .unwrap();
        assert_eq!(t.join().unwrap().unwrap(), 0);
    }

    #[test]
    fn answers_name_their_format_and_failures_their_kind() {
        let s = GraphStore::in_memory().unwrap();
        let request = |sparql: &str| QueryRequest {
            sparql: sparql.into(),
            format: ResultFormat::Json,
            graph_format: ResultFormat::NTriples,
            max_results: Some(1),
            timeout: None,
            selection: GraphSelection::default(),
        };
        let (head, body) = answer(&s, &request("ASK { }"));
        assert_eq!((head.failure, head.format), (None, ResultFormat::Json));
        assert_eq!(
            String::from_utf8(body).unwrap().trim(),
            r#"{"head":{},"boolean":true}"#
        );
        let (head, _) = answer(&s, &request("CONSTRUCT { <a:b> <a:c> 1 } WHERE { }"));
        assert_eq!(head.format, ResultFormat::NTriples);
        let (head, _) = answer(&s, &request("SELECT WHERE"));
        assert!(matches!(head.failure, Some(QueryFailure::Syntax(_))));
        let mut r = request("SELECT * WHERE { ?s ?p ?o }");
        r.selection.default_graphs = vec!["not an iri".into()];
        let (head, _) = answer(&s, &r);
        assert!(
            matches!(&head.failure, Some(QueryFailure::Syntax(m)) if m.contains("default-graph-uri")),
            "{head:?}"
        );
    }
}
