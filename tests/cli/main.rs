//! Integration tests: run the real `zhkg` binary on real text and assert on
//! the graph it built. One binary; a module per command.

mod build;
mod errors;
mod eval;
mod export;
mod extract;
mod identity;
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

/// Whether to rewrite expected-output files instead of checking them
/// (`UPDATE_EXPECT=1 cargo test --release`).
pub fn update_expect() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some()
}

/// A line diff of `expected` against `actual`: `-` lines only expected, `+`
/// lines only actual, two lines of context around each change.
pub fn line_diff(expected: &str, actual: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    // Longest common subsequence lengths, from the ends.
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', a[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near = |k: usize| {
        ops[k.saturating_sub(2)..(k + 3).min(ops.len())]
            .iter()
            .any(|(op, _)| *op != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (op, line)) in ops.iter().enumerate() {
        if near(k) {
            if skipped {
                out.push_str("  …\n");
                skipped = false;
            }
            out.push_str(&format!("{op} {line}\n"));
        } else {
            skipped = true;
        }
    }
    if expected != actual && out.is_empty() {
        out.push_str("(the same lines; line endings differ)\n");
    }
    out
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
