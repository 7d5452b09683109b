//! `zhkg query` and the ready queries in queries/.

use super::*;

/// What each file in queries/ must find in the seed's graph: a column and a
/// value that must appear in it.
const EXPECTED: [(&str, &str, &str); 7] = [
    ("attendees.rq", "attendee", "夏宝龙"),
    ("speakers.rq", "speaker", "夏宝龙"),
    ("members.rq", "person", "孙炳方"),
    ("person.rq", "predicate", "spokeAt"),
    ("coattendance.rq", "person1", "夏宝龙"),
    ("evidence.rq", "event", "省委党的群团工作会议"),
    ("counts.rq", "predicate", "memberOf"),
];

#[test]
fn every_ready_query_runs_and_finds_what_it_is_for() {
    let store = seed_store();
    let mut files: Vec<String> = std::fs::read_dir(queries_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rq"))
        .collect();
    files.sort();
    let mut expected: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    expected.sort();
    assert_eq!(
        files, expected,
        "every query file needs an expectation here"
    );
    for (file, column, value) in EXPECTED {
        let path = queries_dir().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with('#'),
            "{file} opens with a comment saying what it answers"
        );
        let out = ok(zhkg()
            .arg("query")
            .arg(&path)
            .args(["--format", "json", "--store"])
            .arg(store));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let bindings = v["results"]["bindings"].as_array().unwrap();
        assert!(!bindings.is_empty(), "{file}: no results");
        assert!(
            bindings.iter().any(|b| b[column]["value"] == value),
            "{file}: no row with {column} = {value}"
        );
    }
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
    assert!(nt.lines().all(|l| l.ends_with(" .")), "{nt}");
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
