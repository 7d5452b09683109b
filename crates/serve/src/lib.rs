//! `zhkg serve`: the store as a SPARQL 1.1 Protocol endpoint.
//!
//! - `GET /query?query=…`, `POST /query` with a form (`query=…`) or an
//!   `application/sparql-query` body (also at `/sparql`).
//! - Results by content negotiation (`Accept`): SPARQL JSON (default), XML,
//!   CSV, TSV; graphs as Turtle (default) or N-Triples. A `format` parameter
//!   (`json`, `xml`, `csv`, `tsv`, `ttl`, `nt`) overrides `Accept`.
//! - `POST /update` (form `update=…` or `application/sparql-update`) only
//!   when started with `allow_update`; otherwise 403.
//! - CORS headers on every answer, so browser clients work; `OPTIONS`
//!   answers preflights.
//! - Limits: a time limit per query (the evaluation is cancelled and the
//!   answer, 503, does not wait for it to stop), a cap
//!   on result rows (the answer is cut and says so in `X-Zhkg-Truncated`),
//!   and a cap on request bodies (413). A malformed query gets 400 with
//!   the parser's message.
//! - `GET /` is a small page to type a query and see the table; it ships
//!   in the binary and loads nothing from the network.
//!
//! One thread per request, at most [`MAX_CONCURRENT`] at once.

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};
use zhkg_graph::store::{GraphStore, QueryLimits, ResultFormat};
use zhkg_graph::{Error, Result};

pub mod explorer;

/// Requests served at once; more wait for a free slot.
pub const MAX_CONCURRENT: usize = 8;

/// What `zhkg serve` needs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub store: PathBuf,
    pub bind: String,
    pub allow_update: bool,
    pub timeout: Duration,
    pub max_results: usize,
    pub max_body: usize,
}

const PAGE: &str = include_str!("serve.html");

/// Serves until the process ends. `on_ready` gets the bound address (port
/// 0 picks a free one).
pub fn serve(config: &ServeConfig, on_ready: &mut dyn FnMut(SocketAddr)) -> Result<()> {
    let store = Arc::new(if config.allow_update {
        GraphStore::create_or_open(&config.store)?
    } else {
        GraphStore::open_read_only(&config.store)?
    });
    let server = Server::http(&config.bind)
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {e}", config.bind)))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Usage("not an IP address".into()))?;
    on_ready(addr);
    let busy = Arc::new(AtomicUsize::new(0));
    for request in server.incoming_requests() {
        while busy.load(Ordering::Acquire) >= MAX_CONCURRENT {
            std::thread::sleep(Duration::from_millis(5));
        }
        busy.fetch_add(1, Ordering::AcqRel);
        let (store, config, busy) = (Arc::clone(&store), config.clone(), Arc::clone(&busy));
        std::thread::spawn(move || {
            handle(request, &store, &config);
            busy.fetch_sub(1, Ordering::AcqRel);
        });
    }
    Ok(())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn cors(mut r: Response<std::io::Cursor<Vec<u8>>>) -> Response<std::io::Cursor<Vec<u8>>> {
    r.add_header(header("Access-Control-Allow-Origin", "*"));
    r.add_header(header("Access-Control-Allow-Methods", "GET, POST, OPTIONS"));
    r.add_header(header(
        "Access-Control-Allow-Headers",
        "Content-Type, Accept",
    ));
    r.add_header(header("Access-Control-Expose-Headers", "X-Zhkg-Truncated"));
    r
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    cors(
        Response::from_string(format!("{body}\n"))
            .with_status_code(status)
            .with_header(header("Content-Type", "text/plain; charset=utf-8")),
    )
}

fn handle(mut request: Request, store: &Arc<GraphStore>, config: &ServeConfig) {
    let response = respond(&mut request, store, config);
    // The client may have gone; nothing to do then.
    let _ = request.respond(response);
}

fn respond(
    request: &mut Request,
    store: &Arc<GraphStore>,
    config: &ServeConfig,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let url = request.url().to_owned();
    let (path, query_string) = url.split_once('?').unwrap_or((&url, ""));
    let mut params: Vec<(String, String)> = form_urlencoded::parse(query_string.as_bytes())
        .into_owned()
        .collect();
    let method = request.method().clone();
    if method == Method::Options {
        return text(204, "");
    }
    let limits = QueryLimits {
        timeout: Some(config.timeout),
        max_results: Some(config.max_results),
    };
    if let Some(r) = explorer::handle(store, method.as_str(), path, query_string, limits) {
        let r2 = Response::from_data(r.body.into_owned()).with_status_code(r.status);
        return cors(r2.with_header(header("Content-Type", r.content_type)));
    }
    if path == "/" && method == Method::Get {
        return cors(
            Response::from_string(PAGE)
                .with_header(header("Content-Type", "text/html; charset=utf-8")),
        );
    }
    let content_type = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .map(|h| h.value.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    let accept = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Accept"))
        .map(|h| h.value.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    let mut body = String::new();
    if method == Method::Post {
        let mut limited = request.as_reader().take(config.max_body as u64 + 1);
        if limited.read_to_string(&mut body).is_err() {
            return text(400, "the request body is not UTF-8 text");
        }
        if body.len() > config.max_body {
            return text(
                413,
                &format!("request body over the limit of {} bytes", config.max_body),
            );
        }
        if content_type.starts_with("application/x-www-form-urlencoded") {
            params.extend(form_urlencoded::parse(body.as_bytes()).into_owned());
        }
    } else if method != Method::Get {
        return text(405, "use GET or POST");
    }
    let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    match path {
        "/query" | "/sparql" => {
            let sparql =
                if method == Method::Post && content_type.starts_with("application/sparql-query") {
                    Some(body)
                } else {
                    param("query")
                };
            let Some(sparql) = sparql else {
                return text(400, "no query: give ?query=… or POST one");
            };
            run_query(store, &sparql, param("format").as_deref(), &accept, config)
        }
        "/update" => {
            if !config.allow_update {
                return text(
                    403,
                    "this endpoint is read-only (start zhkg serve with --allow-update)",
                );
            }
            if method != Method::Post {
                return text(405, "updates are POSTed");
            }
            let update = if content_type.starts_with("application/sparql-update") {
                Some(body)
            } else {
                param("update")
            };
            let Some(update) = update else {
                return text(
                    400,
                    "no update: POST update=… or an application/sparql-update body",
                );
            };
            match store.update(&update) {
                Ok(()) => text(200, "done"),
                Err(Error::QuerySyntax(m)) => text(400, &m),
                Err(e) => text(500, &e.to_string()),
            }
        }
        _ => text(404, "not found: the endpoint is /query (and /update)"),
    }
}

/// The result format asked for: `format` first, then `Accept`.
fn negotiate(
    format: Option<&str>,
    accept: &str,
    graph: bool,
) -> Option<(ResultFormat, &'static str)> {
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
    let chosen = match named {
        Some(f) => f,
        None => {
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
                })
        }
    };
    let mime = match chosen {
        ResultFormat::Json => "application/sparql-results+json",
        ResultFormat::Xml => "application/sparql-results+xml",
        ResultFormat::Csv => "text/csv; charset=utf-8",
        ResultFormat::Tsv => "text/tab-separated-values; charset=utf-8",
        ResultFormat::Turtle => "text/turtle; charset=utf-8",
        ResultFormat::NTriples => "application/n-triples",
        ResultFormat::Table => "text/plain; charset=utf-8",
    };
    Some((chosen, mime))
}

fn run_query(
    store: &Arc<GraphStore>,
    sparql: &str,
    format: Option<&str>,
    accept: &str,
    config: &ServeConfig,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let graph = match store.is_graph_query(sparql) {
        Ok(g) => g,
        Err(Error::QuerySyntax(m)) => return text(400, &m),
        Err(e) => return text(500, &e.to_string()),
    };
    let Some((format, mime)) = negotiate(format, accept, graph) else {
        return text(406, "format must be json, xml, csv, tsv, ttl or nt");
    };
    let limits = QueryLimits {
        timeout: Some(config.timeout),
        max_results: Some(config.max_results),
    };
    // The evaluation runs on its own thread: it is cancelled at the time
    // limit, and should it not stop at once (a sort still materializing),
    // the answer does not wait for it.
    let (sender, receiver) = std::sync::mpsc::channel();
    {
        let (store, sparql) = (Arc::clone(store), sparql.to_owned());
        std::thread::spawn(move || {
            let mut out = Vec::new();
            let result = store.query_to_limited(&sparql, format, &mut out, limits);
            let _ = sender.send(result.map(|outcome| (outcome, out)));
        });
    }
    let result = match receiver.recv_timeout(config.timeout + Duration::from_millis(500)) {
        Ok(r) => r,
        Err(_) => Err(Error::QueryTimeout(config.timeout)),
    };
    match result {
        Ok((outcome, out)) => {
            let mut r = Response::from_data(out).with_header(header("Content-Type", mime));
            if outcome.truncated {
                r.add_header(header("X-Zhkg-Truncated", &config.max_results.to_string()));
            }
            cors(r)
        }
        Err(Error::QuerySyntax(m)) => text(400, &m),
        Err(Error::QueryTimeout(t)) => text(
            503,
            &format!(
                "query stopped after the time limit of {} s",
                t.as_secs_f64()
            ),
        ),
        Err(Error::Usage(m)) => text(406, &m),
        Err(e) => text(500, &e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_format_then_accept_then_the_default() {
        let f = |format, accept, graph| negotiate(format, accept, graph).map(|x| x.0);
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
}
