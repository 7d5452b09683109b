//! The graph explorer of `zhkg serve`: a page (`/graph`) that draws an
//! entity's neighbourhood and opens it out step by step, and the JSON
//! endpoints it reads, which other front ends may use as well.
//!
//! Independent of the HTTP library: [`handle`] takes a method, a path and
//! a query string and gives an [`ExplorerResponse`], or `None` for paths
//! that are not the explorer's.
//!
//! # Page
//!
//! - `GET /graph` (`?focus=NAME` opens on the best match for NAME; without
//!   it, on the most connected entity). `/graph/explorer.js`,
//!   `/graph/explorer.css` and `/graph/cytoscape.min.js` (Cytoscape.js,
//!   vendored from npm, MIT; `/graph/cytoscape.LICENSE`) ship in the binary.
//!
//! # JSON endpoints (`GET`, UTF-8 JSON, CORS as the rest of the server)
//!
//! - `/api/search?q=TEXT[&limit=N]`: entities whose name or other name
//!   contains TEXT, names starting with it first, then shorter first;
//!   `[{"iri", "name", "type"}]`, at most N (default 10, at most 50).
//! - `/api/top`: the most connected entity, `{"iri", "name", "type",
//!   "degree"}` (degree: relation triples it takes part in), or `null` for
//!   an empty store.
//! - `/api/neighbourhood?iri=IRI[&limit=N][&predicates=P,…][&types=T,…]
//!   [&from=DATE][&to=DATE]`: the entity's relations both ways and the
//!   entities at their other ends: `{"center": node, "nodes": [node…]
//!   (center first), "edges": [{"source", "target", "predicate", "label",
//!   "facts"}], "truncated"}`. At most N edges (default 150, at most 500),
//!   those stated by most facts first; `truncated` says some were left
//!   out. Predicates: `attended`, `spokeAt`, `presided`, `memberOf`; types
//!   (of the neighbours): `Person`, `Organization`, `Event`, `Place`;
//!   dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) keep facts from documents
//!   published in the range (inclusive). 404 for an unknown IRI.
//! - `/api/evidence?s=IRI&p=IRI&o=IRI[&limit=N]`: the facts stating that
//!   triple, highest confidence first: `[{"sentence", "document", "title"?,
//!   "date"?, "rule", "confidence", "role"?}]`, at most N (default 50, at
//!   most 200).
//!
//! Bad parameters give 400 with a message, a query over the server's time
//! limit 503; the server's row cap bounds every answer too.

use std::borrow::Cow;
use zhkg_graph::explore::{self, Filter};
use zhkg_graph::store::{GraphStore, QueryLimits};
use zhkg_graph::Error;

/// An answer of the explorer, for any HTTP server to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplorerResponse {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Cow<'static, [u8]>,
}

const PAGE: &str = include_str!("../assets/explorer.html");
const SCRIPT: &str = include_str!("../assets/explorer.js");
const STYLE: &str = include_str!("../assets/explorer.css");
const CYTOSCAPE: &[u8] = include_bytes!("../assets/vendor/cytoscape.min.js");
const CYTOSCAPE_LICENSE: &str = include_str!("../assets/vendor/cytoscape.LICENSE");

fn asset(content_type: &'static str, body: &'static [u8]) -> ExplorerResponse {
    ExplorerResponse {
        status: 200,
        content_type,
        body: Cow::Borrowed(body),
    }
}

/// A JSON answer (serialized by the caller: the values are of concrete
/// types, serde_json's own).
fn json(status: u16, body: serde_json::Result<Vec<u8>>) -> ExplorerResponse {
    match body {
        Ok(body) => ExplorerResponse {
            status,
            content_type: "application/json; charset=utf-8",
            body: Cow::Owned(body),
        },
        Err(e) => error(500, &e.to_string()),
    }
}

fn error(status: u16, message: &str) -> ExplorerResponse {
    ExplorerResponse {
        status,
        content_type: "application/json; charset=utf-8",
        body: Cow::Owned(
            serde_json::json!({ "error": message })
                .to_string()
                .into_bytes(),
        ),
    }
}

fn failed(e: Error) -> ExplorerResponse {
    match e {
        Error::Usage(m) => error(400, &m),
        Error::QueryTimeout(t) => error(
            503,
            &format!(
                "query stopped after the time limit of {} s",
                t.as_secs_f64()
            ),
        ),
        other => error(500, &other.to_string()),
    }
}

/// Answers the explorer's paths (`/graph…`, `/api/…`); `None` for any
/// other path. `limits` are the server's (time limit, row cap).
pub fn handle(
    store: &GraphStore,
    method: &str,
    path: &str,
    query_string: &str,
    limits: QueryLimits,
) -> Option<ExplorerResponse> {
    let ours = path == "/graph" || path.starts_with("/graph/") || path.starts_with("/api/");
    if !ours {
        return None;
    }
    if method != "GET" && method != "HEAD" {
        return Some(error(405, "the explorer's paths answer GET"));
    }
    let params: Vec<(String, String)> = form_urlencoded::parse(query_string.as_bytes())
        .into_owned()
        .collect();
    let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let number = |k: &str, default: usize| -> Result<usize, ExplorerResponse> {
        match param(k) {
            None | Some("") => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| error(400, &format!("{k} must be a whole number, not {v:?}"))),
        }
    };
    let required = |k: &str| -> Result<&str, ExplorerResponse> {
        param(k)
            .filter(|v| !v.trim().is_empty())
            .ok_or_else(|| error(400, &format!("missing parameter {k}")))
    };
    let answer = || -> Result<ExplorerResponse, ExplorerResponse> {
        Ok(match path {
            "/graph" | "/graph/" => asset("text/html; charset=utf-8", PAGE.as_bytes()),
            "/graph/explorer.js" => asset("text/javascript; charset=utf-8", SCRIPT.as_bytes()),
            "/graph/explorer.css" => asset("text/css; charset=utf-8", STYLE.as_bytes()),
            "/graph/cytoscape.min.js" => asset("text/javascript; charset=utf-8", CYTOSCAPE),
            "/graph/cytoscape.LICENSE" => asset(
                "text/plain; charset=utf-8",
                CYTOSCAPE_LICENSE.as_bytes(),
            ),
            "/api/search" => {
                let hits = explore::search(store, required("q")?, number("limit", 10)?, limits)
                    .map_err(failed)?;
                json(200, serde_json::to_vec(&hits))
            }
            "/api/top" => json(
                200,
                serde_json::to_vec(&explore::most_connected(store, limits).map_err(failed)?),
            ),
            "/api/neighbourhood" => {
                let filter = Filter::parse(
                    param("predicates"),
                    param("types"),
                    param("from"),
                    param("to"),
                )
                .map_err(failed)?;
                let iri = required("iri")?;
                match explore::neighbourhood(
                    store,
                    iri,
                    &filter,
                    number("limit", 150)?,
                    limits,
                )
                .map_err(failed)?
                {
                    Some(n) => json(200, serde_json::to_vec(&n)),
                    None => error(404, &format!("no entity {iri}")),
                }
            }
            "/api/evidence" => {
                let facts = explore::evidence(
                    store,
                    required("s")?,
                    required("p")?,
                    required("o")?,
                    number("limit", 50)?,
                    limits,
                )
                .map_err(failed)?;
                json(200, serde_json::to_vec(&facts))
            }
            _ => error(404, "not found: the explorer is /graph, its data /api/search, /api/top, /api/neighbourhood, /api/evidence"),
        })
    };
    Some(answer().unwrap_or_else(|e| e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One document stating that 王五 attended 年会, as `extract --format
    /// nq` would write it (the quads the explorer reads).
    fn store() -> GraphStore {
        let g = "<https://w3id.org/zhkg/doc/d1>";
        let p = "<https://w3id.org/zhkg/id/person/王五>";
        let e = "<https://w3id.org/zhkg/id/event/年会>";
        let f = "<https://w3id.org/zhkg/doc/d1/fact/1>";
        let (s, z) = ("http://schema.org/", "https://w3id.org/zhkg/ns#");
        let r = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        let nq = format!(
            "{p} <{r}type> <{s}Person> {g} .
{p} <{s}name> \"王五\"@zh {g} .
{e} <{r}type> <{s}Event> {g} .
{e} <{s}name> \"年会\"@zh {g} .
{p} <{z}attended> {e} {g} .
{f} <{r}subject> {p} {g} .
{f} <{r}predicate> <{z}attended> {g} .
{f} <{r}object> {e} {g} .
{f} <http://www.w3.org/ns/prov#wasDerivedFrom> {g} {g} .
{f} <{z}evidence> \"王五出席年会。\"@zh {g} .
{f} <{z}rule> \"post-chain\" {g} .
{f} <{z}confidence> \"0.8\"^^<http://www.w3.org/2001/XMLSchema#decimal> {g} .
{g} <{s}identifier> \"d1\" {g} .
"
        );
        let store = GraphStore::in_memory().unwrap();
        store
            .load_nquads(std::path::Path::new("test.nq"), nq.as_bytes(), 10)
            .unwrap();
        store
    }

    fn get(store: &GraphStore, path: &str, query: &str) -> (u16, serde_json::Value) {
        let r = handle(store, "GET", path, query, QueryLimits::default()).unwrap();
        assert!(r.content_type.starts_with("application/json"));
        (r.status, serde_json::from_slice(&r.body).unwrap())
    }

    fn enc(s: &str) -> String {
        form_urlencoded::byte_serialize(s.as_bytes()).collect()
    }

    #[test]
    fn other_paths_are_not_the_explorers() {
        let s = GraphStore::in_memory().unwrap();
        for p in ["/", "/query", "/sparql", "/graphs", "/apix"] {
            assert!(handle(&s, "GET", p, "", QueryLimits::default()).is_none());
        }
        let page = handle(&s, "GET", "/graph", "focus=x", QueryLimits::default()).unwrap();
        assert_eq!(page.status, 200);
        assert!(std::str::from_utf8(&page.body)
            .unwrap()
            .contains("cytoscape.min.js"));
        let lib = handle(
            &s,
            "GET",
            "/graph/cytoscape.min.js",
            "",
            QueryLimits::default(),
        );
        assert!(lib.unwrap().body.len() > 100_000);
        let post = handle(&s, "POST", "/api/top", "", QueryLimits::default()).unwrap();
        assert_eq!(post.status, 405);
    }

    #[test]
    fn the_endpoints_answer_json() {
        let s = store();
        let (status, hits) = get(&s, "/api/search", &format!("q={}", enc("王")));
        assert_eq!(status, 200);
        assert_eq!(hits[0]["name"], "王五");
        assert_eq!(hits[0]["type"], "Person");
        let iri = hits[0]["iri"].as_str().unwrap().to_owned();

        let (_, top) = get(&s, "/api/top", "");
        assert_eq!(top["degree"], 1);

        let (status, n) = get(&s, "/api/neighbourhood", &format!("iri={}", enc(&iri)));
        assert_eq!(status, 200);
        assert_eq!(n["center"]["name"], "王五");
        assert_eq!(n["nodes"].as_array().unwrap().len(), 2);
        let edge = &n["edges"][0];
        assert_eq!(edge["predicate"], "attended");
        assert_eq!(edge["label"], "出席");

        let p = "https://w3id.org/zhkg/ns#attended";
        let q = format!(
            "s={}&p={}&o={}",
            enc(edge["source"].as_str().unwrap()),
            enc(p),
            enc(edge["target"].as_str().unwrap())
        );
        let (status, ev) = get(&s, "/api/evidence", &q);
        assert_eq!(status, 200);
        assert_eq!(ev[0]["sentence"], "王五出席年会。");
        assert_eq!(ev[0]["document"], "d1");
        assert_eq!(ev[0]["confidence"], 0.8);
    }

    #[test]
    fn bad_parameters_get_400_and_unknown_entities_404() {
        let s = store();
        assert_eq!(get(&s, "/api/search", "").0, 400);
        assert_eq!(get(&s, "/api/search", "q=x&limit=many").0, 400);
        assert_eq!(get(&s, "/api/neighbourhood", "iri=not%20an%20iri").0, 400);
        let unknown = format!("iri={}", enc("https://w3id.org/zhkg/id/person/nobody"));
        assert_eq!(get(&s, "/api/neighbourhood", &unknown).0, 404);
        let (status, body) = get(
            &s,
            "/api/neighbourhood",
            &format!("{unknown}&predicates=likes"),
        );
        assert_eq!(status, 400);
        assert!(body["error"].as_str().unwrap().contains("likes"));
        assert_eq!(get(&s, "/api/evidence", "s=a:b").0, 400);
        assert_eq!(get(&s, "/api/nothing", "").0, 404);
    }
}
