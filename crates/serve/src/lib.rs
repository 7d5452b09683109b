//! `zhkg serve`: the store as a SPARQL 1.1 Protocol endpoint.
//!
//! - `GET /query?query=…`, `POST /query` with a form (`query=…`) or an
//!   `application/sparql-query` body (also at `/sparql`); the Protocol's
//!   `default-graph-uri` and `named-graph-uri` choose the dataset.
//! - Results by content negotiation (`Accept`): SPARQL JSON (default), XML,
//!   CSV, TSV; graphs as Turtle (default) or N-Triples. A `format` parameter
//!   (`json`, `xml`, `csv`, `tsv`, `ttl`, `nt`) overrides `Accept`.
//! - `POST /update` (form `update=…` or `application/sparql-update`) only
//!   when started with `allow_update`, only from the server's own origin
//!   (a foreign `Origin` gets 403), and with the token when one is set.
//! - CORS headers on reads only; `OPTIONS` answers preflights of reads.
//! - On a loopback bind, a `Host` other than a loopback name is refused
//!   (DNS rebinding).
//! - `GET /` is a small page to type a query and see the table; it ships
//!   in the binary and loads nothing from the network.
//!
//! Limits (see [`ServeConfig`]): HTTP/1.1 by hyper on a small tokio
//! runtime, `TCP_NODELAY` on every connection, at most `max_connections`
//! connections (more get 503 and are closed), a connection idle or sending
//! its header for longer than `idle_timeout` is closed, and so is one
//! whose body does not arrive within it or that stops reading its answer
//! for as long; headers above 64 KiB or 100 in
//! number get 431, conflicting `Content-Length`s 400, a body over
//! `max_body` 413. Queries run in `query_workers` worker processes
//! ([`zhkg_graph::query::QueryWorker`]), each capped at `max_memory` bytes
//! and `timeout` per query; a query waits for a free worker at most
//! `timeout` (then 503).
//!
//! Snapshot: queries see the store as it was when their worker opened it.
//! The store directory is checked for changes at most once a second, and
//! after a change (a `build` elsewhere, an update here) the next queries
//! go to workers that open it anew. Every answer says which snapshot it
//! read in `X-Zhkg-Snapshot`.

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderMap, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::hash::{Hash, Hasher};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::Semaphore;
use zhkg_graph::query::{Answer, QueryFailure, QueryRequest, QueryWorker, WorkerCommand};
use zhkg_graph::store::{GraphSelection, GraphStore, QueryLimits, ResultFormat};
use zhkg_graph::{Error, Result};

pub mod explorer;

/// Largest request head (request line and headers) in bytes; more gets 431.
pub const MAX_HEAD: usize = 64 * 1024;

/// What `zhkg serve` needs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub store: PathBuf,
    pub bind: String,
    pub allow_update: bool,
    /// Required as `Authorization: Bearer …` on updates when set.
    pub update_token: Option<String>,
    pub timeout: Duration,
    pub max_results: usize,
    pub max_body: usize,
    /// Memory cap of each query worker, in bytes.
    pub max_memory: u64,
    /// Queries evaluated at once (worker processes).
    pub query_workers: usize,
    pub max_connections: usize,
    /// How long a connection may idle or take to send its request.
    pub idle_timeout: Duration,
}

const PAGE: &str = include_str!("serve.html");

/// Serves until the process ends. `worker` starts a query worker (`zhkg
/// query-worker`); `on_ready` gets the bound address (port 0 picks a free
/// one).
pub fn serve(
    config: &ServeConfig,
    worker: &WorkerCommand,
    on_ready: &mut dyn FnMut(SocketAddr),
) -> Result<()> {
    let listener = std::net::TcpListener::bind(&config.bind)
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {e}", config.bind)))?;
    let addr = listener.local_addr()?;
    let loopback = addr.ip().is_loopback();
    if config.allow_update && !loopback {
        if config.update_token.is_none() {
            return Err(Error::Usage(format!(
                "--allow-update on {addr}, which is not a loopback address, needs a token: \
                 give --update-token (or ZHKG_UPDATE_TOKEN)"
            )));
        }
        eprintln!(
            "zhkg: WARNING: anyone who can reach {addr} and holds the token can change the store"
        );
    }
    let mut config = config.clone();
    // Each connection holds one descriptor: make room for the cap.
    let files = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    let room = (files as usize).saturating_sub(64 + 8 * config.query_workers);
    if config.max_connections > room {
        eprintln!("zhkg: note: at most {room} connections (the limit on open files is {files})");
        config.max_connections = room.max(1);
    }
    let store = open(&config)?;
    let state = Arc::new(State {
        pool: Pool {
            permits: Semaphore::new(config.query_workers.max(1)),
            idle: Mutex::new(Vec::new()),
            command: worker.clone(),
        },
        store: RwLock::new(Arc::new(store)),
        snapshot: Mutex::new(Snapshot {
            fingerprint: fingerprint(&config.store),
            checked: Instant::now(),
            opened: unix_now(),
        }),
        generation: AtomicU64::new(0),
        loopback,
        config,
    });
    // The first workers start now: a store they cannot open shows at once.
    let first = state.pool.spawn(&state, 0)?;
    state.pool.give_back(first, 0);
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    on_ready(addr);
    runtime.block_on(accept_loop(listener, state))
}

fn open(config: &ServeConfig) -> Result<GraphStore> {
    if config.allow_update {
        GraphStore::create_or_open(&config.store)
    } else {
        GraphStore::open_read_only(&config.store)
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Names, sizes and times of the store's files: changes when anything is
/// committed (the write-ahead log grows) or compacted.
fn fingerprint(dir: &Path) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut seen: Vec<(String, u64, Option<SystemTime>)> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let m = e.metadata().ok()?;
                Some((
                    e.file_name().to_string_lossy().into_owned(),
                    m.len(),
                    m.modified().ok(),
                ))
            })
            .filter(|(name, _, _)| name != "LOG" && !name.starts_with("LOG."))
            .collect();
        seen.sort();
        seen.hash(&mut hasher);
    }
    hasher.finish()
}

struct State {
    config: ServeConfig,
    /// The store in this process: updates, and reads that are not queries.
    store: RwLock<Arc<GraphStore>>,
    pool: Pool,
    snapshot: Mutex<Snapshot>,
    /// Bumped when the store changed: workers of older generations retire.
    generation: AtomicU64,
    loopback: bool,
}

struct Snapshot {
    fingerprint: u64,
    checked: Instant,
    /// When the current generation was opened (Unix seconds).
    opened: u64,
}

impl State {
    /// The current generation, after looking (at most once a second)
    /// whether the store changed.
    fn refresh(&self) -> u64 {
        let due = {
            let mut snap = self.snapshot.lock().unwrap_or_else(|p| p.into_inner());
            let due = snap.checked.elapsed() >= Duration::from_secs(1);
            if due {
                snap.checked = Instant::now();
            }
            due
        };
        if due {
            // Reading the directory (and reopening) blocks: off the
            // runtime's threads.
            tokio::task::block_in_place(|| {
                let now = fingerprint(&self.config.store);
                let mut snap = self.snapshot.lock().unwrap_or_else(|p| p.into_inner());
                if now != snap.fingerprint {
                    snap.fingerprint = now;
                    self.changed(&mut snap);
                }
            });
        }
        self.generation.load(Ordering::Acquire)
    }

    fn changed(&self, snap: &mut Snapshot) {
        if !self.config.allow_update {
            match zhkg_graph::query::open_beside_writer(&self.config.store) {
                Ok(s) => *self.store.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(s),
                Err(e) => eprintln!("zhkg: warning: reopening the store: {e}"),
            }
        }
        snap.opened = unix_now();
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    fn snapshot_header(&self) -> String {
        let snap = self.snapshot.lock().unwrap_or_else(|p| p.into_inner());
        format!(
            "generation={}; opened={}",
            self.generation.load(Ordering::Acquire),
            snap.opened
        )
    }
}

/// Worker processes, at most `permits` busy at once.
struct Pool {
    permits: Semaphore,
    idle: Mutex<Vec<QueryWorker>>,
    command: WorkerCommand,
}

impl Pool {
    /// An idle worker of this generation (true), or a new one (false;
    /// blocking).
    fn take(&self, state: &State, generation: u64) -> Result<(QueryWorker, bool)> {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        while let Some(w) = idle.pop() {
            if w.generation == generation && w.is_alive() {
                return Ok((w, true));
            }
        }
        drop(idle);
        Ok((self.spawn(state, generation)?, false))
    }

    fn spawn(&self, state: &State, generation: u64) -> Result<QueryWorker> {
        QueryWorker::spawn(
            &self.command,
            &state.config.store,
            Some(state.config.max_memory),
            generation,
        )
    }

    fn give_back(&self, worker: QueryWorker, generation: u64) {
        if worker.is_alive() && worker.generation == generation {
            self.idle
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(worker);
        }
    }
}

async fn accept_loop(listener: std::net::TcpListener, state: Arc<State>) -> Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let connections = Arc::new(Semaphore::new(state.config.max_connections));
    let mut last_warning: Option<Instant> = None;
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(s) => s,
            Err(e) => {
                // Out of descriptors (EMFILE) or a connection reset before
                // it was accepted: say so (once a second), wait, go on.
                if last_warning.is_none_or(|t| t.elapsed() >= Duration::from_secs(1)) {
                    eprintln!("zhkg: warning: cannot accept a connection: {e}");
                    last_warning = Some(Instant::now());
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let idle = state.config.idle_timeout;
            let service = service_fn(move |req| {
                let state = Arc::clone(&state);
                async move { Ok::<_, Infallible>(handle(state, req).await) }
            });
            // A client that stops reading its answer is dropped too.
            let mut stream = tokio_io_timeout::TimeoutStream::new(stream);
            stream.set_write_timeout(Some(idle));
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(idle)
                .title_case_headers(true)
                .max_buf_size(MAX_HEAD.max(8192))
                .serve_connection(TokioIo::new(Box::pin(stream)), service)
                .await;
            drop(permit);
        });
    }
}

/// Over the connection cap: a short 503, then close.
async fn refuse(mut stream: tokio::net::TcpStream) {
    use tokio::io::AsyncWriteExt;
    let body = "too many connections: try again later\n";
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(head.as_bytes())).await;
}

type Reply = Response<Full<Bytes>>;

/// Whether an answer is a read (gets CORS headers) or not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Read,
    Other,
}

fn reply(status: u16, content_type: &str, body: impl Into<Bytes>, kind: Kind) -> Reply {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert("Content-Type", v);
    }
    if kind == Kind::Read {
        h.insert("Access-Control-Allow-Origin", HeaderValue::from_static("*"));
        h.insert(
            "Access-Control-Allow-Methods",
            HeaderValue::from_static("GET, POST, OPTIONS"),
        );
        h.insert(
            "Access-Control-Allow-Headers",
            HeaderValue::from_static("Content-Type, Accept"),
        );
        h.insert(
            "Access-Control-Expose-Headers",
            HeaderValue::from_static("X-Zhkg-Truncated, X-Zhkg-Snapshot"),
        );
    }
    r
}

fn text(status: u16, body: &str, kind: Kind) -> Reply {
    reply(
        status,
        "text/plain; charset=utf-8",
        format!("{body}\n"),
        kind,
    )
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// `host[:port]` → host, lower-cased, IPv6 brackets kept.
fn host_name(authority: &str) -> String {
    let a = authority.trim().to_ascii_lowercase();
    if a.starts_with('[') {
        return a.split(']').next().map(|h| format!("{h}]")).unwrap_or(a);
    }
    a.rsplit_once(':').map(|(h, _)| h.to_owned()).unwrap_or(a)
}

/// On a loopback bind, the names a browser uses for this machine only.
/// Anything else is a page that rebinds its own name to 127.0.0.1.
fn host_allowed(host: Option<&str>, loopback: bool) -> bool {
    match host {
        None => true, // HTTP/1.0 without Host: not a browser.
        Some(_) if !loopback => true,
        Some(h) => {
            let name = host_name(h);
            name == "localhost"
                || name.ends_with(".localhost")
                || name == "[::1]"
                || name
                    .parse::<std::net::Ipv4Addr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
    }
}

/// Why an update must be refused for where it comes from, if it must:
/// a browser says where a request comes from in `Origin` (and
/// `Sec-Fetch-Site`); it must be this server.
fn foreign_origin(headers: &HeaderMap) -> Option<String> {
    if let Some(site) = header(headers, "Sec-Fetch-Site") {
        if site != "same-origin" && site != "none" {
            return Some(format!("Sec-Fetch-Site: {site}"));
        }
    }
    let origin = header(headers, "Origin")?;
    let host = header(headers, "Host").unwrap_or("");
    let authority = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'))
        .unwrap_or("");
    if authority.is_empty() || !authority.eq_ignore_ascii_case(host) {
        return Some(format!("Origin: {origin}"));
    }
    None
}

/// Equal strings, compared in time independent of where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

async fn handle(state: Arc<State>, request: Request<Incoming>) -> Reply {
    let generation = state.refresh();
    let mut reply = route(&state, request, generation).await;
    if let Ok(v) = HeaderValue::from_str(&state.snapshot_header()) {
        reply.headers_mut().insert("X-Zhkg-Snapshot", v);
    }
    reply
}

/// The request's parameters: from the URL, and from a form body.
struct Params(Vec<(String, String)>);

impl Params {
    fn get(&self, k: &str) -> Option<String> {
        self.0.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    fn all(&self, k: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

async fn route(state: &Arc<State>, request: Request<Incoming>, generation: u64) -> Reply {
    let config = &state.config;
    let (parts, body) = request.into_parts();
    let headers = &parts.headers;
    if !host_allowed(header(headers, "Host"), state.loopback) {
        return text(
            403,
            &format!(
                "unknown Host {:?}: this server answers to localhost and loopback addresses only",
                header(headers, "Host").unwrap_or("")
            ),
            Kind::Other,
        );
    }
    let path = parts.uri.path().to_owned();
    let query_string = parts.uri.query().unwrap_or("").to_owned();
    // HEAD is answered as GET; hyper leaves the body out.
    let method = match parts.method {
        Method::HEAD => Method::GET,
        ref m => m.clone(),
    };
    if method == Method::OPTIONS {
        // Preflights are answered for reads only: a browser then sends
        // no cross-origin update at all.
        let kind = if path == "/update" {
            Kind::Other
        } else {
            Kind::Read
        };
        return reply(204, "text/plain", Bytes::new(), kind);
    }
    let kind = if path == "/update" {
        Kind::Other
    } else {
        Kind::Read
    };
    let content_type = header(headers, "Content-Type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut params = Params(
        form_urlencoded::parse(query_string.as_bytes())
            .into_owned()
            .collect(),
    );
    let mut text_body = String::new();
    if method == Method::POST {
        let limited = Limited::new(body, config.max_body);
        let collected = tokio::time::timeout(config.idle_timeout, limited.collect()).await;
        let bytes = match collected {
            Err(_) => return text(408, "the request body did not arrive in time", Kind::Other),
            Ok(Err(e))
                if e.downcast_ref::<http_body_util::LengthLimitError>()
                    .is_some() =>
            {
                return text(
                    413,
                    &format!("request body over the limit of {} bytes", config.max_body),
                    kind,
                )
            }
            Ok(Err(e)) => return text(400, &format!("reading the body: {e}"), Kind::Other),
            Ok(Ok(c)) => c.to_bytes(),
        };
        match String::from_utf8(bytes.to_vec()) {
            Ok(s) => text_body = s,
            Err(_) => return text(400, "the request body is not UTF-8 text", kind),
        }
        if content_type.starts_with("application/x-www-form-urlencoded") {
            params
                .0
                .extend(form_urlencoded::parse(text_body.as_bytes()).into_owned());
        }
    } else if method != Method::GET {
        return text(405, "use GET or POST", kind);
    }
    match (path.as_str(), &method) {
        ("/", &Method::GET) => reply(200, "text/html; charset=utf-8", PAGE, Kind::Read),
        ("/query" | "/sparql", _) => {
            let sparql =
                if method == Method::POST && content_type.starts_with("application/sparql-query") {
                    Some(text_body)
                } else {
                    params.get("query")
                };
            let Some(sparql) = sparql else {
                return text(400, "no query: give ?query=… or POST one", Kind::Read);
            };
            let accept = header(headers, "Accept").unwrap_or("").to_ascii_lowercase();
            query(state, sparql, &params, &accept, generation).await
        }
        ("/update", _) => update(state, headers, &method, &content_type, text_body, &params).await,
        // Further reads (GET) are routed here; they get CORS headers as
        // reads and run under the same time limit as queries.
        // The graph explorer: its page and JSON endpoints (reads, within
        // the time and row limits; they run in this process).
        (_, &Method::GET) => {
            let store = Arc::clone(&state.store.read().unwrap_or_else(|p| p.into_inner()));
            let limits = QueryLimits {
                timeout: Some(config.timeout),
                max_results: Some(config.max_results),
            };
            let (p, q) = (path.clone(), query_string.clone());
            match tokio::task::spawn_blocking(move || {
                explorer::handle(&store, "GET", &p, &q, limits)
            })
            .await
            {
                Ok(Some(r)) => reply(r.status, r.content_type, r.body.into_owned(), Kind::Read),
                Ok(None) => text(
                    404,
                    "not found: the endpoints are /query, /update, /graph and /api/…",
                    Kind::Read,
                ),
                Err(e) => text(500, &format!("explorer task: {e}"), Kind::Read),
            }
        }
        _ => text(405, "use GET or POST", kind),
    }
}

fn mime(format: ResultFormat) -> &'static str {
    match format {
        ResultFormat::Json => "application/sparql-results+json",
        ResultFormat::Xml => "application/sparql-results+xml",
        ResultFormat::Csv => "text/csv; charset=utf-8",
        ResultFormat::Tsv => "text/tab-separated-values; charset=utf-8",
        ResultFormat::Turtle => "text/turtle; charset=utf-8",
        ResultFormat::NTriples => "application/n-triples",
        ResultFormat::Table => "text/plain; charset=utf-8",
    }
}

/// The result format asked for: `format` first, then `Accept`.
fn negotiate(format: Option<&str>, accept: &str, graph: bool) -> Option<ResultFormat> {
    let by_name = |f: &str| match f {
        "json" => Some(ResultFormat::Json),
        "xml" => Some(ResultFormat::Xml),
        "csv" => Some(ResultFormat::Csv),
        "tsv" => Some(ResultFormat::Tsv),
        "ttl" | "turtle" => Some(ResultFormat::Turtle),
        "nt" | "ntriples" => Some(ResultFormat::NTriples),
        _ => None,
    };
    let fits =
        |f: ResultFormat| graph == matches!(f, ResultFormat::Turtle | ResultFormat::NTriples);
    // A `format` naming a kind of result the query does not give (clients
    // such as SPARQLWrapper send format=xml with every query) defers to
    // Accept; an unknown name is an error.
    let named = match format {
        Some(f) => Some(by_name(f)?).filter(|f| fits(*f)),
        None => None,
    };
    if let Some(f) = named {
        return Some(f);
    }
    let kinds: [(&str, ResultFormat); 8] = [
        ("application/sparql-results+json", ResultFormat::Json),
        ("application/json", ResultFormat::Json),
        ("application/sparql-results+xml", ResultFormat::Xml),
        ("text/csv", ResultFormat::Csv),
        ("text/tab-separated-values", ResultFormat::Tsv),
        ("text/turtle", ResultFormat::Turtle),
        ("application/n-triples", ResultFormat::NTriples),
        ("application/xml", ResultFormat::Xml),
    ];
    // The first acceptable type in the client's order that fits.
    Some(
        accept
            .split(',')
            .map(|a| a.split(';').next().unwrap_or("").trim())
            .find_map(|a| {
                kinds
                    .iter()
                    .find(|(t, f)| *t == a && fits(*f))
                    .map(|(_, f)| *f)
            })
            .unwrap_or(if graph {
                ResultFormat::Turtle
            } else {
                ResultFormat::Json
            }),
    )
}

async fn query(
    state: &Arc<State>,
    sparql: String,
    params: &Params,
    accept: &str,
    generation: u64,
) -> Reply {
    let config = &state.config;
    // Refused before anything parses it (a parser recurses per level).
    if let Err(e) = zhkg_graph::query::check_nesting(&sparql) {
        return failure(QueryFailure::from(e));
    }
    let format_param = params.get("format");
    let (Some(format), Some(graph_format)) = (
        negotiate(format_param.as_deref(), accept, false),
        negotiate(format_param.as_deref(), accept, true),
    ) else {
        return text(
            406,
            "format must be json, xml, csv, tsv, ttl or nt",
            Kind::Read,
        );
    };
    let request = QueryRequest {
        sparql,
        format,
        graph_format,
        max_results: Some(config.max_results),
        timeout: Some(config.timeout),
        selection: GraphSelection {
            default_graphs: params.all("default-graph-uri"),
            named_graphs: params.all("named-graph-uri"),
        },
    };
    // Bounded concurrency: a query waits for a worker at most its time limit.
    let Ok(Ok(permit)) = tokio::time::timeout(config.timeout, state.pool.permits.acquire()).await
    else {
        return text(
            503,
            "all query workers are busy: try again later",
            Kind::Read,
        );
    };
    let worker_state = Arc::clone(state);
    let result = tokio::task::spawn_blocking(move || {
        let state = worker_state;
        let (mut worker, reused) = state
            .pool
            .take(&state, generation)
            .map_err(QueryFailure::from)?;
        let mut answer = worker.run(&request, Duration::from_secs(1));
        if reused && matches!(answer, Err(QueryFailure::Worker(_))) {
            // An idle worker that had ended (killed from outside, say)
            // before the query reached it: once more, on a new one.
            worker = state
                .pool
                .spawn(&state, generation)
                .map_err(QueryFailure::from)?;
            answer = worker.run(&request, Duration::from_secs(1));
        }
        state
            .pool
            .give_back(worker, state.generation.load(Ordering::Acquire));
        answer
    })
    .await;
    drop(permit);
    match result {
        Ok(Ok(Answer {
            format,
            truncated,
            body,
        })) => {
            let mut r = reply(200, mime(format), body, Kind::Read);
            if truncated {
                if let Ok(v) = HeaderValue::from_str(&config.max_results.to_string()) {
                    r.headers_mut().insert("X-Zhkg-Truncated", v);
                }
            }
            r
        }
        Ok(Err(f)) => failure(f),
        Err(e) => text(500, &format!("query task: {e}"), Kind::Read),
    }
}

fn failure(f: QueryFailure) -> Reply {
    let status = match &f {
        QueryFailure::Syntax(_) => 400,
        QueryFailure::Timeout(_) | QueryFailure::Memory(_) => 503,
        QueryFailure::Usage(_) => 406,
        QueryFailure::Eval(_) | QueryFailure::Worker(_) => 500,
    };
    let message = match f {
        QueryFailure::Syntax(m) => m,
        other => other.to_string(),
    };
    text(status, &message, Kind::Read)
}

async fn update(
    state: &Arc<State>,
    headers: &HeaderMap,
    method: &Method,
    content_type: &str,
    body: String,
    params: &Params,
) -> Reply {
    let config = &state.config;
    let refuse = |status, m: &str| text(status, m, Kind::Other);
    if !config.allow_update {
        return refuse(
            403,
            "this endpoint is read-only (start zhkg serve with --allow-update)",
        );
    }
    if method != Method::POST {
        return refuse(405, "updates are POSTed");
    }
    if let Some(why) = foreign_origin(headers) {
        return refuse(
            403,
            &format!("updates are accepted from this server's own pages only ({why})"),
        );
    }
    if let Some(token) = &config.update_token {
        let given = header(headers, "Authorization")
            .and_then(|a| a.strip_prefix("Bearer "))
            .unwrap_or("");
        if !same_secret(given.trim(), token) {
            return refuse(401, "updates need the token: Authorization: Bearer <token>");
        }
    }
    let update = if content_type.starts_with("application/sparql-update") {
        Some(body)
    } else {
        params.get("update")
    };
    let Some(update) = update else {
        return refuse(
            400,
            "no update: POST update=… or an application/sparql-update body",
        );
    };
    let store = Arc::clone(&state.store.read().unwrap_or_else(|p| p.into_inner()));
    let result = tokio::task::spawn_blocking(move || {
        store.update(&update)?;
        store.flush()
    })
    .await;
    match result {
        Ok(Ok(())) => {
            // The next queries read the store with this update.
            let mut snap = state.snapshot.lock().unwrap_or_else(|p| p.into_inner());
            snap.fingerprint = fingerprint(&config.store);
            state.changed(&mut snap);
            refuse(200, "done")
        }
        Ok(Err(Error::QuerySyntax(m))) => refuse(400, &m),
        Ok(Err(e)) => refuse(500, &e.to_string()),
        Err(e) => refuse(500, &format!("update task: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_format_then_accept_then_the_default() {
        let f = negotiate;
        assert_eq!(f(None, "", false), Some(ResultFormat::Json));
        assert_eq!(f(None, "", true), Some(ResultFormat::Turtle));
        assert_eq!(
            f(None, "text/csv, application/json;q=0.5", false),
            Some(ResultFormat::Csv)
        );
        assert_eq!(
            f(None, "application/sparql-results+xml", false),
            Some(ResultFormat::Xml)
        );
        assert_eq!(
            f(None, "application/n-triples", true),
            Some(ResultFormat::NTriples)
        );
        // A results type asked for a graph falls back to Turtle.
        assert_eq!(f(None, "text/csv", true), Some(ResultFormat::Turtle));
        assert_eq!(f(Some("tsv"), "text/csv", false), Some(ResultFormat::Tsv));
        assert_eq!(f(Some("yaml"), "", false), None);
        // SPARQLWrapper's format=xml on a CONSTRUCT: Accept decides.
        assert_eq!(
            f(Some("xml"), "application/n-triples", true),
            Some(ResultFormat::NTriples)
        );
    }

    #[test]
    fn a_loopback_server_answers_loopback_names_only() {
        for ok in [
            None,
            Some("localhost"),
            Some("localhost:7878"),
            Some("127.0.0.1:7878"),
            Some("127.1.2.3"),
            Some("[::1]:7878"),
            Some("LOCALHOST"),
            Some("app.localhost:80"),
        ] {
            assert!(host_allowed(ok, true), "{ok:?}");
        }
        for bad in [
            Some("evil.example:7878"),
            Some("localhost.evil.example"),
            Some("10.0.0.1"),
            Some("[::2]:7878"),
            Some(""),
        ] {
            assert!(!host_allowed(bad, true), "{bad:?}");
        }
        // Bound beyond loopback, the names are the operator's business.
        assert!(host_allowed(Some("kg.example"), false));
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn updates_from_another_origin_are_refused() {
        assert_eq!(
            foreign_origin(&headers(&[("Host", "127.0.0.1:7878")])),
            None
        );
        assert_eq!(
            foreign_origin(&headers(&[
                ("Host", "127.0.0.1:7878"),
                ("Origin", "http://127.0.0.1:7878")
            ])),
            None
        );
        for h in [
            headers(&[
                ("Host", "127.0.0.1:7878"),
                ("Origin", "https://evil.example"),
            ]),
            headers(&[
                ("Host", "127.0.0.1:7878"),
                ("Origin", "http://127.0.0.1:7879"),
            ]),
            headers(&[("Host", "127.0.0.1:7878"), ("Origin", "null")]),
            headers(&[("Host", "127.0.0.1:7878"), ("Sec-Fetch-Site", "cross-site")]),
            headers(&[("Origin", "http://127.0.0.1:7878")]),
        ] {
            assert!(foreign_origin(&h).is_some(), "{h:?}");
        }
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
        assert!(!same_secret("", "a"));
    }

    use proptest::prelude::*;

    /// The nesting a parser would see, for texts of brackets and words only.
    fn reference_depth(s: &str) -> usize {
        let (mut d, mut max) = (0usize, 0usize);
        for c in s.chars() {
            match c {
                '{' | '(' | '[' => {
                    d += 1;
                    max = max.max(d);
                }
                '}' | ')' | ']' => d = d.saturating_sub(1),
                _ => {}
            }
        }
        max
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn nesting_never_panics_and_never_counts_more_than_is_there(s in any::<String>()) {
            let d = zhkg_graph::query::nesting_depth(&s, usize::MAX);
            let opening = s.chars().filter(|c| matches!(c, '{' | '(' | '[')).count();
            prop_assert!(d <= opening, "{} > {}", d, opening);
        }

        #[test]
        fn nesting_of_plain_brackets_is_exact(s in "[{}()\\[\\] ?a-z.]{0,200}") {
            prop_assert_eq!(zhkg_graph::query::nesting_depth(&s, usize::MAX), reference_depth(&s));
        }

        #[test]
        fn the_nesting_limit_is_exact(n in 0usize..400) {
            let q = format!("SELECT * WHERE {}?s ?p ?o{}", "{".repeat(n), "}".repeat(n));
            prop_assert_eq!(
                zhkg_graph::query::check_nesting(&q).is_ok(),
                n <= zhkg_graph::query::MAX_NESTING
            );
        }

        #[test]
        fn negotiation_never_panics_and_fits_the_query(
            format in proptest::option::of("[a-z]{0,8}"),
            accept in any::<String>(),
            graph in any::<bool>(),
        ) {
            if let Some(f) = negotiate(format.as_deref(), &accept.to_ascii_lowercase(), graph) {
                prop_assert_eq!(
                    graph,
                    matches!(f, ResultFormat::Turtle | ResultFormat::NTriples)
                );
            }
        }

        #[test]
        fn host_and_origin_checks_never_panic(host in any::<String>(), origin in any::<String>()) {
            let _ = host_allowed(Some(&host), true);
            prop_assert!(host_allowed(Some(&host), false));
            let mut h = HeaderMap::new();
            if let (Ok(hv), Ok(ov)) = (HeaderValue::from_str(&host), HeaderValue::from_str(&origin)) {
                h.insert("Host", hv);
                h.insert("Origin", ov);
                let _ = foreign_origin(&h);
            }
        }

        #[test]
        fn an_update_from_its_own_origin_passes_and_from_another_does_not(
            a in "[a-z0-9.]{1,20}(:[0-9]{1,5})?",
            b in "[a-z0-9.]{1,20}(:[0-9]{1,5})?",
        ) {
            let mut h = HeaderMap::new();
            h.insert("Host", HeaderValue::from_str(&a).unwrap());
            h.insert("Origin", HeaderValue::from_str(&format!("http://{b}")).unwrap());
            prop_assert_eq!(foreign_origin(&h).is_none(), a == b);
        }
    }

    #[test]
    fn the_store_fingerprint_changes_with_its_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("000001.log"), "a").unwrap();
        let before = fingerprint(dir.path());
        assert_eq!(before, fingerprint(dir.path()));
        std::fs::write(dir.path().join("LOG"), "a log line").unwrap();
        assert_eq!(
            before,
            fingerprint(dir.path()),
            "RocksDB's own LOG is not the data"
        );
        std::fs::write(dir.path().join("000001.log"), "ab").unwrap();
        assert_ne!(before, fingerprint(dir.path()));
    }
}
