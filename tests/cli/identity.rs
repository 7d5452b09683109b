//! Identity across documents: the graph of a corpus does not depend on the
//! order of its inputs, the number of threads, the batch size, or on
//! whether its documents came in one build or several; `export --format
//! entities` and `explain` show which node each mention is, and why.
//!
//! The corpus: the seed article and three short articles written for these
//! tests (`fixtures/identity/`): two reports of one provincial meeting that
//! name the same official, and a namesake of his at a prefecture meeting in
//! another province.

use super::*;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli/fixtures/identity");
    ["zj-meeting-a.txt", "zj-meeting-b.txt", "jl-namesake.txt"]
        .iter()
        .map(|f| dir.join(f))
        .collect()
}

/// The seed, then the fixtures.
fn corpus() -> Vec<PathBuf> {
    std::iter::once(seed()).chain(fixtures()).collect()
}

/// Builds `builds` in turn into one new store (each a list of paths, with
/// the arguments given); returns the store's quads, sorted, without the
/// ontology's blank nodes (named afresh by each build).
fn graph_of(dir: &Path, name: &str, builds: &[(&[PathBuf], &[&str])]) -> Vec<String> {
    let store = dir.join(name);
    for (paths, args) in builds {
        ok(zhkg()
            .arg("build")
            .args(*paths)
            .args(*args)
            .arg("--store")
            .arg(&store)
            .arg("-q"));
    }
    let mut quads: Vec<String> = ok(zhkg()
        .args(["export", "--format", "nq", "--store"])
        .arg(&store))
    .lines()
    .filter(|l| !l.contains("_:"))
    .map(str::to_owned)
    .collect();
    quads.sort();
    quads
}

fn first_difference(a: &[String], b: &[String]) -> String {
    let only_a = a.iter().find(|l| !b.contains(l));
    let only_b = b.iter().find(|l| !a.contains(l));
    format!(
        "{} against {} quads; only in the first: {only_a:?}; only in the second: {only_b:?}",
        a.len(),
        b.len()
    )
}

/// Two builds of the same corpus, its files in different orders, on one
/// thread with one batch against two threads with a document per batch,
/// give the same graph.
#[test]
fn input_order_threads_and_batches_do_not_change_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    let forward = corpus();
    let mut backward = corpus();
    backward.reverse();
    backward.rotate_left(1);
    assert_ne!(forward, backward);
    let one = graph_of(
        dir.path(),
        "one.db",
        &[(&forward, &["--jobs", "1", "--batch", "1000"])],
    );
    let two = graph_of(
        dir.path(),
        "two.db",
        &[(&backward, &["--jobs", "2", "--batch", "1"])],
    );
    assert!(one.len() > 1000, "{} quads", one.len());
    assert!(
        one == two,
        "the graph depends on order, threads or batches: {}",
        first_difference(&one, &two)
    );
}

/// Adding articles to a store later gives the graph of building them all
/// at once: the nodes a later article shares with earlier ones are the
/// same nodes, and nothing is left of a view the earlier build had.
#[test]
fn articles_added_later_give_the_graph_of_one_build() {
    let dir = tempfile::tempdir().unwrap();
    let all = corpus();
    let (first, later) = all.split_at(2);
    let at_once = graph_of(dir.path(), "once.db", &[(&all, &[])]);
    let in_steps = graph_of(
        dir.path(),
        "steps.db",
        &[(first, &["--batch", "1"]), (later, &["--jobs", "1"])],
    );
    assert!(
        at_once == in_steps,
        "adding articles later changes the graph: {}",
        first_difference(&at_once, &in_steps)
    );
    // The later articles did add something.
    let first_only = graph_of(dir.path(), "first.db", &[(first, &[])]);
    assert!(first_only.len() < at_once.len());
}

/// `export --format entities`: one row per (document, node), read from the
/// store, sorted, with every document and the names as written.
#[test]
fn the_entities_export_lists_each_documents_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    ok(zhkg()
        .arg("build")
        .args(corpus())
        .arg("--store")
        .arg(&store)
        .arg("-q"));
    let out = ok(zhkg()
        .args(["export", "--format", "entities", "--store"])
        .arg(&store));
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    // Types in the order of the model: Person, Organization, Event, Place.
    let rank = |t: &str| {
        ["Person", "Organization", "Event", "Place"]
            .iter()
            .position(|x| *x == t)
            .unwrap_or_else(|| panic!("unknown type {t}"))
    };
    let key = |r: &serde_json::Value| {
        (
            r["doc"].as_str().unwrap().to_owned(),
            rank(r["type"].as_str().unwrap()),
            r["name"].as_str().unwrap().to_owned(),
            r["iri"].as_str().unwrap().to_owned(),
        )
    };
    let keys: Vec<_> = rows.iter().map(key).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup_by(|a, b| a.0 == b.0 && a.3 == b.3);
    let first = keys.iter().zip(&sorted).find(|(k, s)| k != s);
    assert!(
        keys.len() == sorted.len() && first.is_none(),
        "not sorted, or not one row per (document, node): {first:?}"
    );
    for r in &rows {
        let object = r.as_object().unwrap();
        let mut fields: Vec<&str> = object.keys().map(String::as_str).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["doc", "iri", "name", "type"]);
    }
    let docs: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(
        docs.into_iter().collect::<Vec<_>>(),
        [
            "000_6107cf6e62a931db",
            "jl-namesake",
            "zj-meeting-a",
            "zj-meeting-b"
        ]
    );
    assert!(rows.iter().any(|r| r["doc"] == "000_6107cf6e62a931db"
        && r["name"] == "夏宝龙"
        && r["type"] == "Person"
        && r["iri"]
            .as_str()
            .unwrap()
            .starts_with("https://w3id.org/zhkg/id/person/夏宝龙")));
    // The same rows as a query over the store would give: every IRI is a
    // node the document's graph mentions.
    for r in rows.iter().filter(|r| r["doc"] == "jl-namesake") {
        assert!(ask(
            &store,
            &format!(
                "{PREFIXES}ASK {{ GRAPH ?g {{ ?g schema:identifier \"jl-namesake\" ; schema:mentions <{}> . <{}> schema:name {} }} }}",
                r["iri"].as_str().unwrap(),
                r["iri"].as_str().unwrap(),
                serde_json::json!(r["name"].as_str().unwrap()).to_string() + "@zh"
            )
        ));
    }
    // The entity graph's filters do not apply, as the help says.
    let filtered = ok(zhkg()
        .args([
            "export",
            "--format",
            "entities",
            "--max-nodes",
            "1",
            "--store",
        ])
        .arg(&store));
    assert_eq!(filtered, out);
}

/// `explain NAME` names, for every node of that name, its identity and a
/// line per document that mentions it, so that what the entities export
/// links or keeps apart is explained document by document.
#[test]
fn explain_gives_each_documents_basis_for_a_name_in_several_articles() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    ok(zhkg()
        .arg("build")
        .args(fixtures())
        .arg("--store")
        .arg(&store)
        .arg("-q"));
    let rows: Vec<serde_json::Value> = ok(zhkg()
        .args(["export", "--format", "entities", "--store"])
        .arg(&store))
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .filter(|r: &serde_json::Value| r["name"] == "王建国")
    .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    let text = ok(zhkg().args(["explain", "王建国", "--store"]).arg(&store));
    let nodes: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["iri"].as_str().unwrap()).collect();
    for iri in &nodes {
        assert!(text.contains(&format!("<{iri}>")), "{iri} not in:\n{text}");
    }
    for r in &rows {
        let doc = r["doc"].as_str().unwrap();
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("    {doc} (王建国): "))),
            "no basis line for {doc} in:\n{text}"
        );
    }
    if nodes.len() > 1 {
        assert!(text.contains("kept apart:"), "{text}");
    } else {
        assert!(
            text.contains("one node in 3 documents: their mentions share the key"),
            "{text}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&ok(zhkg()
        .args(["explain", "王建国", "--format", "json", "--store"])
        .arg(&store)))
    .unwrap();
    let bases: usize = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["bases"].as_array().unwrap().len())
        .sum();
    assert!(bases >= 3, "a basis per document: {json}");
}
