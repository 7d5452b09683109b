//! `zhkg query` and the ready queries in queries/.

use super::*;

/// What each file in queries/ is for: a column and a value its expected
/// results must hold, so that a regenerated expectation cannot be empty or
/// beside the point.
const PURPOSE: [(&str, &str, &str); 9] = [
    ("attendees.rq", "attendee", "\"夏宝龙\"@zh"),
    ("speakers.rq", "speaker", "\"夏宝龙\"@zh"),
    ("members.rq", "person", "\"夏宝龙\"@zh"),
    ("person.rq", "predicate", "\"spokeAt\""),
    ("coattendance.rq", "coattendee", "\"李强\"@zh"),
    ("evidence.rq", "event", "\"省委党的群团工作会议\"@zh"),
    ("counts.rq", "predicate", "\"memberOf\""),
    ("timeline.rq", "event", "\"省委党的群团工作会议\"@zh"),
    ("events-in-range.rq", "event", "\"省委党的群团工作会议\"@zh"),
];

/// Every file in queries/ has its results on the seed's graph beside it,
/// as `zhkg query --format tsv` prints them (`attendees.rq` →
/// `attendees.tsv`). `UPDATE_EXPECT=1 cargo test --release` rewrites them.
#[test]
fn every_ready_query_gives_its_expected_results() {
    let store = seed_store();
    let mut files: Vec<String> = std::fs::read_dir(queries_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rq"))
        .collect();
    files.sort();
    let mut listed: Vec<&str> = PURPOSE.iter().map(|e| e.0).collect();
    listed.sort();
    assert_eq!(files, listed, "every query file needs its purpose here");
    let mut failures = Vec::new();
    for (file, column, value) in PURPOSE {
        let path = queries_dir().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with('#'),
            "{file} opens with a comment saying what it answers"
        );
        let actual = ok(zhkg()
            .arg("query")
            .arg(&path)
            .args(["--format", "tsv", "--store"])
            .arg(store));
        let expected_path = path.with_extension("tsv");
        if update_expect() {
            std::fs::write(&expected_path, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (write it with UPDATE_EXPECT=1 cargo test --release)",
                expected_path.display()
            )
        });
        // The expectation itself must show what the query is for.
        let mut lines = expected.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let col = header
            .iter()
            .position(|h| *h == format!("?{column}"))
            .unwrap_or_else(|| panic!("{file}: no column ?{column} in {header:?}"));
        assert!(
            lines.any(|l| l.split('\t').nth(col) == Some(value)),
            "{}: no row with ?{column} = {value}",
            expected_path.display()
        );
        if actual != expected {
            failures.push(format!(
                "{} (- expected, + actual):\n{}",
                expected_path.display(),
                line_diff(&expected, &actual)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "query results differ from their expectations; if the change is \
         intended, rerun with UPDATE_EXPECT=1 and review the diff in git.\n\n{}",
        failures.join("\n")
    );
}

#[test]
fn line_diff_shows_what_changed_with_context() {
    let expected = "h\n1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    let actual = "h\n1\n2\n3\nfour\n5\n6\n7\n8\n9\n10\n";
    assert_eq!(
        line_diff(expected, actual),
        "  …\n  2\n  3\n- 4\n+ four\n  5\n  6\n  …\n  8\n  9\n+ 10\n"
    );
    assert_eq!(line_diff("a\n", "a\n"), "");
    assert_eq!(
        line_diff("a\n", "a\r\n"),
        "(the same lines; line endings differ)\n"
    );
}

#[test]
fn counts_agree_with_stats() {
    let store = seed_store();
    let out = ok(zhkg()
        .args(["query", "--format", "csv", "--store"])
        .arg(store)
        .arg(queries_dir().join("counts.rq")));
    let stats: serde_json::Value = serde_json::from_str(&ok(zhkg()
        .args(["stats", "--format", "json", "--store"])
        .arg(store)))
    .unwrap();
    for line in out.lines().skip(1) {
        let mut cols = line.trim_end().split(',');
        let (p, n) = (cols.next().unwrap(), cols.next().unwrap());
        assert_eq!(
            stats["edges_per_predicate"][p]
                .as_u64()
                .unwrap()
                .to_string(),
            n,
            "{p}"
        );
    }
    let persons = csv(
        store,
        &format!("{PREFIXES}SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a schema:Person }}"),
    );
    assert_eq!(
        stats["nodes_per_type"]["Person"]
            .as_u64()
            .unwrap()
            .to_string(),
        persons[1][0]
    );
    assert_eq!(stats["documents"], 1);
}

#[test]
fn results_come_in_the_w3c_formats() {
    let store = seed_store();
    let q = format!("{PREFIXES}SELECT ?name WHERE {{ ?p a schema:Person ; schema:name ?name }} ORDER BY ?name LIMIT 3");
    let json = ok(zhkg()
        .args(["query", "--format", "json", "--store"])
        .arg(store)
        .args(["-e", &q]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["head"]["vars"][0], "name");
    assert_eq!(v["results"]["bindings"].as_array().unwrap().len(), 3);
    let csv = ok(zhkg()
        .args(["query", "--format", "csv", "--store"])
        .arg(store)
        .args(["-e", &q]));
    assert_eq!(csv.lines().next().unwrap().trim_end(), "name");
    assert_eq!(csv.lines().count(), 4);
    let tsv = ok(zhkg()
        .args(["query", "--format", "tsv", "--store"])
        .arg(store)
        .args(["-e", &q]));
    assert_eq!(tsv.lines().next().unwrap(), "?name");
    let xml = ok(zhkg()
        .args(["query", "--format", "xml", "--store"])
        .arg(store)
        .args(["-e", &q]));
    assert!(xml.contains("<sparql"), "{xml}");
    let table = ok(zhkg()
        .args(["query", "--store"])
        .arg(store)
        .args(["-e", &q]));
    assert!(table.ends_with("(3 rows)\n"), "{table}");
    let ask = ok(zhkg()
        .args(["query", "--store"])
        .arg(store)
        .args(["-e", "ASK { ?s ?p ?o }"]));
    assert_eq!(ask, "true\n");
}

#[test]
fn construct_and_describe_give_graphs() {
    let store = seed_store();
    let q = format!(
        "{PREFIXES}CONSTRUCT {{ ?p zhkg:attended ?e }} WHERE {{ ?p schema:name \"夏宝龙\"@zh ; zhkg:attended ?e }}"
    );
    let ttl = ok(zhkg()
        .args(["query", "--store"])
        .arg(store)
        .args(["-e", &q]));
    assert!(ttl.contains("zhkg:attended"), "{ttl}");
    let nt = ok(zhkg()
        .args(["query", "--format", "nt", "--store"])
        .arg(store)
        .args(["-e", &q]));
    // 夏宝龙 attended one event: one triple.
    let triples: Vec<&str> = nt.lines().collect();
    assert_eq!(triples.len(), 1, "{nt}");
    assert!(
        triples[0].contains("<https://w3id.org/zhkg/ns#attended>") && triples[0].ends_with(" ."),
        "{nt}"
    );
    let d = format!("{PREFIXES}DESCRIBE ?p WHERE {{ ?p schema:name \"夏宝龙\"@zh }}");
    let described = ok(zhkg()
        .args(["query", "--format", "nt", "--store"])
        .arg(store)
        .args(["-e", &d]));
    assert!(described.contains("夏宝龙"), "{described}");
}

#[test]
fn a_malformed_query_says_where_and_fails() {
    let store = seed_store();
    let err = fails(
        zhkg()
            .args(["query", "--store"])
            .arg(store)
            .args(["-e", "SELECT ?x WHERE { ?x"]),
    );
    assert!(err.contains("query"), "{err}");
    assert!(
        err.contains("1:") || err.contains("line") || err.contains("column"),
        "no position: {err}"
    );
}

/// Queries that would take the machine: each is stopped with an error
/// saying why, and `zhkg` exits 1 (no abort).
#[test]
fn hostile_queries_are_stopped_with_a_clear_error() {
    let store = seed_store();
    let query = |sparql: &str, extra: &[&str]| {
        let out = run(zhkg()
            .args(["query", "--store"])
            .arg(store)
            .args(extra)
            .args(["-e", sparql]));
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let deep = format!(
        "SELECT * WHERE {}?s ?p ?o{}",
        "{".repeat(5000),
        "}".repeat(5000)
    );
    let err = query(&deep, &[]);
    assert!(err.contains("more than 128 levels deep"), "{err}");
    let cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c";
    let err = query(cross, &["--max-memory", "64"]);
    assert!(err.contains("memory limit of 64 MiB"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let err = query(count, &["--timeout", "0.2", "--max-memory", "2048"]);
    assert!(err.contains("time limit"), "{err}");
}
