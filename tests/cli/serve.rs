//! `zhkg serve`: a raw HTTP exchange with the endpoint (SPARQLWrapper
//! queries it in `.ci/run`: scripts/check-serve.py).

use super::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::time::Duration;

struct Server(std::process::Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(store: &Path) -> Server {
    start_with(store, &[])
}

/// Sends one HTTP/1.0 request; returns (status, headers, body).
fn http(addr: &str, request: &str) -> (u16, String, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_owned(), body.to_owned())
}

#[test]
fn the_endpoint_answers_sparql_over_get_and_post() {
    let server = start(seed_store());
    let query = "ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"; // ASK { ?s ?p ?o }
    let (status, head, body) = http(
        &server.1,
        &format!(
            "GET /query?query={query} HTTP/1.0\r\nAccept: application/sparql-results+json\r\n\r\n"
        ),
    );
    assert_eq!(status, 200, "{head}\n{body}");
    assert!(head.contains("Access-Control-Allow-Origin: *"), "{head}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["boolean"], true);

    let select =
        "SELECT ?n WHERE { ?p a <http://schema.org/Person> ; <http://schema.org/name> ?n } LIMIT 2";
    let (status, head, body) = http(
        &server.1,
        &format!(
            "POST /query HTTP/1.0\r\nContent-Type: application/sparql-query\r\nAccept: text/csv\r\nContent-Length: {}\r\n\r\n{select}",
            select.len()
        ),
    );
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("text/csv"), "{head}");
    assert_eq!(body.lines().count(), 3, "{body}");

    let (status, _, body) = http(&server.1, "GET /query?query=SELECT HTTP/1.0\r\n\r\n");
    assert_eq!(status, 400);
    assert!(body.contains("error"), "{body}");
    let (status, _, _) = http(
        &server.1,
        "POST /update HTTP/1.0\r\nContent-Type: application/sparql-update\r\nContent-Length: 9\r\n\r\nCLEAR ALL",
    );
    assert_eq!(status, 403);
}

/// A store of the seed's own, for tests that write or rebuild.
fn own_store(dir: &Path) -> PathBuf {
    let store = dir.join("own.db");
    ok(zhkg()
        .arg("build")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .arg("-q"));
    store
}

fn start_with(store: &Path, extra: &[&str]) -> Server {
    let mut child = zhkg()
        .args(["serve", "--bind", "127.0.0.1:0", "--store"])
        .arg(store)
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("zhkg serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    Server(child, addr)
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn get(addr: &str, sparql: &str, extra: &str) -> (u16, String, String) {
    http(
        addr,
        &format!(
            "GET /query?query={}{extra} HTTP/1.0\r\nAccept: text/csv\r\n\r\n",
            encode(sparql)
        ),
    )
}

#[test]
fn a_deeply_nested_query_gets_400_and_the_server_lives() {
    let server = start(seed_store());
    // About 2 KB; a thousand levels overflowed the stack before.
    let deep = format!(
        "SELECT * WHERE {}?s ?p ?o{}",
        "{".repeat(1000),
        "}".repeat(1000)
    );
    let (status, _, body) = get(&server.1, &deep, "");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("levels deep"), "{body}");
    let body = format!("query={}", encode(&deep));
    let (status, _, _) = http(
        &server.1,
        &format!(
            "POST /query HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    );
    assert_eq!(status, 400);
    let (status, _, body) = get(&server.1, "ASK { ?s ?p ?o }", "");
    assert_eq!((status, body.trim()), (200, "true"));
}

#[test]
fn updates_come_from_the_servers_own_origin_only_and_hosts_must_be_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let store = own_store(dir.path());
    let server = start_with(&store, &["--allow-update"]);
    let addr = &server.1;
    let insert = "INSERT DATA { <https://example.org/a> <https://example.org/b> \"网页写入\" }";
    let post = |headers: &str| {
        http(
            addr,
            &format!(
                "POST /update HTTP/1.0\r\nHost: {addr}\r\n{headers}Content-Type: application/sparql-update\r\nContent-Length: {}\r\n\r\n{insert}",
                insert.len()
            ),
        )
    };
    let written = || {
        let (_, _, body) = get(addr, "ASK { ?s <https://example.org/b> ?o }", "");
        body.trim() == "true"
    };
    // A form posted by a page elsewhere: refused, no CORS header.
    let (status, head, body) = post("Origin: https://evil.example\r\n");
    assert_eq!(status, 403, "{body}");
    assert!(
        !head.to_ascii_lowercase().contains("access-control"),
        "{head}"
    );
    let (status, _, _) = post("Sec-Fetch-Site: cross-site\r\n");
    assert_eq!(status, 403);
    assert!(!written());
    // No preflight is granted for updates.
    let (_, head, _) = http(
        addr,
        "OPTIONS /update HTTP/1.0\r\nOrigin: https://evil.example\r\n\r\n",
    );
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("access-control-allow-origin"),
        "{head}"
    );
    // The server's own page, or a client without Origin: done, and seen
    // by the next query.
    let (status, head, body) = post(&format!("Origin: http://{addr}\r\n"));
    assert_eq!(status, 200, "{body}");
    assert!(
        !head.to_ascii_lowercase().contains("access-control"),
        "{head}"
    );
    assert!(written());
    // DNS rebinding: a foreign name for this loopback server.
    let (status, _, body) = http(
        addr,
        "GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: rebound.example:7878\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 403, "{body}");
    let (status, _, _) = http(
        addr,
        "GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200);
}

#[test]
fn updates_beyond_loopback_need_a_token() {
    let err = fails(zhkg().args([
        "serve",
        "--bind",
        "0.0.0.0:0",
        "--allow-update",
        "--store",
        seed_store().to_str().unwrap(),
    ]));
    assert!(err.contains("--update-token"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let store = own_store(dir.path());
    let token = "a-token-of-twenty-chars";
    let server = start_with(&store, &["--allow-update", "--update-token", token]);
    let update = "CLEAR DEFAULT";
    let post = |auth: &str| {
        http(
            &server.1,
            &format!(
                "POST /update HTTP/1.0\r\n{auth}Content-Type: application/sparql-update\r\nContent-Length: {}\r\n\r\n{update}",
                update.len()
            ),
        )
        .0
    };
    assert_eq!(post(""), 401);
    assert_eq!(post("Authorization: Bearer wrong-token-of-twenty\r\n"), 401);
    assert_eq!(post(&format!("Authorization: Bearer {token}\r\n")), 200);
}

#[test]
fn the_graph_parameters_of_the_protocol_choose_the_dataset() {
    let server = start(seed_store());
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let n = |extra: &str| -> usize {
        let (status, _, body) = get(&server.1, count, extra);
        assert_eq!(status, 200, "{body}");
        body.lines().nth(1).unwrap().trim().parse().unwrap()
    };
    let all = n("");
    let (_, _, graphs) = get(
        &server.1,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s <https://w3id.org/zhkg/ns#sha256> ?h } }",
        "",
    );
    let doc = graphs.lines().nth(1).unwrap().trim().to_owned();
    let one = n(&format!("&default-graph-uri={}", encode(&doc)));
    assert!(one > 0 && one <= all, "{one} of {all}");
    assert_eq!(n("&default-graph-uri=https%3A%2F%2Fexample.org%2Fnone"), 0);
    // named-graph-uri limits what GRAPH ?g sees.
    let (_, _, body) = get(
        &server.1,
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        "&named-graph-uri=https%3A%2F%2Fexample.org%2Fnone",
    );
    assert_eq!(body.lines().nth(1).map(str::trim), Some("0"), "{body}");
    let (status, _, _) = get(&server.1, count, "&default-graph-uri=not%20an%20iri");
    assert_eq!(status, 400);
}

#[test]
fn oversized_and_ambiguous_requests_are_refused() {
    let server = start(seed_store());
    let (status, _, _) = http(
        &server.1,
        "POST /query HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: 8\r\nContent-Length: 12\r\nConnection: close\r\n\r\nASK { }",
    );
    assert_eq!(status, 400);
    let big = "x".repeat(2 << 20);
    let (status, _, _) = http_lossy(
        &server.1,
        &format!("GET /query?query=ASK%7B%7D HTTP/1.0\r\nX-Big: {big}\r\n\r\n"),
    );
    assert_eq!(status, 431);
    let many: String = (0..20_000).map(|i| format!("X-H{i}: 1\r\n")).collect();
    let (status, _, _) = http_lossy(
        &server.1,
        &format!("GET /query?query=ASK%7B%7D HTTP/1.0\r\n{many}\r\n"),
    );
    assert_eq!(status, 431);
    let (status, _, _) = get(&server.1, "ASK { ?s ?p ?o }", "");
    assert_eq!(status, 200, "the server lives");
}

/// [`http`] for requests the server may answer before reading them whole.
fn http_lossy(addr: &str, request: &str) -> (u16, String, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let _ = stream.write_all(request.as_bytes());
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}

#[test]
fn a_running_server_sees_a_later_build() {
    let dir = tempfile::tempdir().unwrap();
    let store = own_store(dir.path());
    let server = start(&store);
    let people = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <http://schema.org/Person> }";
    let (_, head, before) = get(&server.1, people, "");
    let before: usize = before.lines().nth(1).unwrap().trim().parse().unwrap();
    let snapshot = |head: &str| {
        head.lines()
            .find(|l| l.to_ascii_lowercase().starts_with("x-zhkg-snapshot"))
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("no snapshot header in {head}"))
    };
    let first = snapshot(&head);
    let text = dir.path().join("later.txt");
    std::fs::write(
        &text,
        "新华社北京电 国务院总理李强昨日在北京主持召开国务院常务会议，财政部部长蓝佛安出席会议并发言。\n",
    )
    .unwrap();
    ok(zhkg()
        .arg("build")
        .arg(&text)
        .arg("--store")
        .arg(&store)
        .arg("-q"));
    // The store is looked at at most once a second.
    std::thread::sleep(Duration::from_millis(1200));
    let (_, head, after) = get(&server.1, people, "");
    let after: usize = after.lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(after > before, "{before} persons, then {after}");
    assert_ne!(snapshot(&head), first);
}

/// Whatever bytes a client sends, the server answers with an HTTP status
/// line or closes the connection, and goes on answering others.
#[test]
fn any_request_gets_a_status_or_a_close_and_the_server_lives() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let server = start(seed_store());
    let addr = server.1.clone();
    let methods = prop_oneof![
        Just("GET".to_owned()),
        Just("POST".to_owned()),
        Just("OPTIONS".to_owned()),
        "[A-Z]{1,8}"
    ];
    let paths = prop_oneof![
        Just("/query".to_owned()),
        Just("/update".to_owned()),
        Just("/".to_owned()),
        "/[ -~]{0,40}"
    ];
    let headers = proptest::collection::vec(("[A-Za-z-]{1,20}", "[ -~]{0,60}"), 0..12);
    let body = proptest::collection::vec(any::<u8>(), 0..300);
    let mut runner = TestRunner::new(Config {
        cases: 64,
        ..Config::default()
    });
    runner
        .run(
            &(methods, paths, headers, body, any::<bool>()),
            |(method, path, headers, body, raw)| {
                let mut request = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n");
                for (k, v) in &headers {
                    request.push_str(&format!("{k}: {v}\r\n"));
                }
                request.push_str("Connection: close\r\n\r\n");
                let mut bytes = request.into_bytes();
                if raw {
                    // Garbage instead of a request.
                    bytes = body.clone();
                } else {
                    bytes.extend_from_slice(&body);
                }
                let mut stream = std::net::TcpStream::connect(&addr).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(20)))
                    .unwrap();
                let _ = stream.write_all(&bytes);
                let _ = stream.shutdown(std::net::Shutdown::Write);
                let mut answer = Vec::new();
                let _ = stream.read_to_end(&mut answer);
                prop_assert!(
                    answer.is_empty() || answer.starts_with(b"HTTP/1.1 "),
                    "{:?}",
                    String::from_utf8_lossy(&answer[..answer.len().min(200)])
                );
                Ok(())
            },
        )
        .unwrap();
    let (status, _, body) = get(&server.1, "ASK { ?s ?p ?o }", "");
    assert_eq!((status, body.trim()), (200, "true"));
}

#[test]
fn head_is_answered_as_get_without_a_body() {
    let server = start(seed_store());
    let (status, head, body) = http_lossy(&server.1, "HEAD / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("text/html"), "{head}");
    assert!(body.is_empty(), "{body}");
}

/// A query worker killed from outside costs no answer: the query goes to
/// a new one.
#[test]
fn a_killed_worker_is_replaced() {
    let server = start(seed_store());
    let (status, _, _) = get(&server.1, "ASK { ?s ?p ?o }", "");
    assert_eq!(status, 200);
    for w in &workers(&server) {
        ok(std::process::Command::new("kill").args(["-9", w]));
    }
    std::thread::sleep(Duration::from_millis(200));
    let (status, _, body) = get(&server.1, "ASK { ?s ?p ?o }", "");
    assert_eq!((status, body.trim()), (200, "true"));
}

/// The query workers of a running server (its child processes' ids).
fn workers(server: &Server) -> Vec<String> {
    let pid = server.0.id();
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).unwrap();
    let workers: Vec<String> = tasks
        .filter_map(|t| std::fs::read_to_string(t.unwrap().path().join("children")).ok())
        .flat_map(|c| c.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    assert!(!workers.is_empty(), "no query worker under {pid}");
    workers
}

/// `--max-memory` caps a worker's data segment over what it holds when it
/// starts, and reserved address space counts: a worker that reserved a
/// large heap up front (mimalloc reserves 1 GiB unless told otherwise)
/// could grow that far past its cap. An idle worker holds well under
/// 512 MiB (about 140 MiB here).
#[test]
fn an_idle_query_worker_reserves_little_memory() {
    let server = start(seed_store());
    let (status, _, _) = get(&server.1, "ASK { ?s ?p ?o }", "");
    assert_eq!(status, 200);
    for w in workers(&server) {
        let kib = zhkg_graph::query::data_segment(&w) / 1024;
        assert!(kib > 0, "no VmData for worker {w}");
        assert!(
            kib < 512 * 1024,
            "worker {w} holds {kib} KiB of data segment"
        );
    }
}
