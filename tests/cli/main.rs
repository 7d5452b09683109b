//! Integration tests: run the real `zhkg` binary on real text and assert on
//! the graph it built. One binary; a module per command.

mod build;
mod errors;
mod eval;
mod export;
mod extract;
mod query;
mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The seed article shipped with the project.
pub fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/000_6107cf6e62a931db.txt")
}

pub fn queries_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("queries")
}

/// A `zhkg` command.
pub fn zhkg() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhkg"))
}

/// Runs a command and returns its output, whatever the exit code.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("zhkg runs")
}

/// Runs a command that must succeed; returns its standard output.
pub fn ok(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs a command that must fail; returns its standard error.
pub fn fails(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert!(
        !out.status.success(),
        "{cmd:?} should have failed:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8(out.stderr).expect("UTF-8 errors");
    assert!(!err.contains("panicked"), "panic: {err}");
    err
}

/// A store built once from the seed, shared read-only by the tests.
pub fn seed_store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("seed.db");
        ok(zhkg()
            .arg("build")
            .arg(seed())
            .arg("--store")
            .arg(&store)
            .arg("-q"));
        (dir, store)
    });
    path
}

/// Runs a SPARQL query on a store and returns the CSV rows, header first.
pub fn csv(store: &Path, sparql: &str) -> Vec<Vec<String>> {
    let out = ok(zhkg()
        .args(["query", "--format", "csv", "--store"])
        .arg(store)
        .args(["-e", sparql]));
    out.lines()
        .map(|l| {
            l.trim_end_matches('\r')
                .split(',')
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// Runs an ASK query and returns its answer.
pub fn ask(store: &Path, sparql: &str) -> bool {
    let out = ok(zhkg()
        .args(["query", "--format", "json", "--store"])
        .arg(store)
        .args(["-e", sparql]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON result");
    v["boolean"].as_bool().expect("an ASK result")
}

pub const PREFIXES: &str = "PREFIX zhkg: <https://w3id.org/zhkg/ns#>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
";

/// The number of quads in a store, by SPARQL.
pub fn quad_count(store: &Path) -> usize {
    // Everything zhkg writes is in named graphs (documents, ontology).
    let rows = csv(
        store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    );
    rows[1][0].parse().expect("a count")
}
