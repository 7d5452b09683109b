//! `zhkg serve`: a raw HTTP exchange with the endpoint (SPARQLWrapper
//! queries it in `.ci/run`: scripts/check-serve.py).

use super::*;
use std::io::{BufRead, BufReader, Read, Write};

struct Server(std::process::Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(store: &Path) -> Server {
    let mut child = zhkg()
        .args(["serve", "--bind", "127.0.0.1:0", "--store"])
        .arg(store)
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
