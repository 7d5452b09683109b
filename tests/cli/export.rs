//! `zhkg export` and `zhkg stats`.

use super::*;

#[test]
fn dot_renders_with_graphviz() {
    let store = seed_store();
    let dot = ok(zhkg()
        .args(["export", "--format", "dot", "--store"])
        .arg(store));
    assert!(dot.contains("夏宝龙"));
    assert!(dot.contains("fontname="));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.dot");
    std::fs::write(&file, &dot).unwrap();
    let svg = match Command::new("dot").arg("-Tsvg").arg(&file).output() {
        Ok(o) => o,
        Err(e) if std::env::var_os("ZHKG_NO_GRAPHVIZ").is_some() => {
            eprintln!("skipped: Graphviz not installed ({e})");
            return;
        }
        Err(e) => panic!("Graphviz `dot` is needed (apt-get install graphviz): {e}"),
    };
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
    let svg = String::from_utf8(svg.stdout).unwrap();
    assert!(svg.contains("<svg"));
    assert!(svg.contains("夏宝龙"));
}

#[test]
fn focus_depth_predicates_and_max_nodes_cut_the_dot_graph() {
    let store = seed_store();
    let count = |args: &[&str]| {
        let dot = ok(zhkg()
            .args(["export", "--format", "dot", "--store"])
            .arg(store)
            .args(args));
        dot.lines().filter(|l| l.contains("shape=")).count()
    };
    let all = count(&[]);
    assert_eq!(all as u64, stats_counts(store).0);
    // 孙炳方 and the one body he holds posts in.
    let focus = ok(zhkg()
        .args(["export", "--format", "dot", "--store"])
        .arg(store)
        .args(["--focus", "孙炳方", "--depth", "1"]));
    let nodes: Vec<&str> = focus.lines().filter(|l| l.contains("shape=")).collect();
    assert_eq!(nodes.len(), 2, "{focus}");
    assert!(
        focus.contains("label=\"孙炳方\"") && focus.contains("label=\"绍兴市总工会\""),
        "{focus}"
    );
    assert_eq!(count(&["--max-nodes", "5"]), 5);
    let members = ok(zhkg()
        .args([
            "export",
            "--format",
            "dot",
            "--predicates",
            "memberOf",
            "--store",
        ])
        .arg(store));
    assert!(!members.contains("label=\"出席\""));
    assert!(members.contains("任职"));
    let err = fails(
        zhkg()
            .args(["export", "--format", "dot", "--focus", "无此人", "--store"])
            .arg(store),
    );
    assert!(err.contains("无此人"), "{err}");
}

#[test]
fn rdf_exports_parse_back_to_the_same_size() {
    let store = seed_store();
    let nq = ok(zhkg()
        .args(["export", "--format", "nq", "--store"])
        .arg(store));
    assert_eq!(nq.lines().count(), quad_count(store));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.ttl");
    ok(zhkg()
        .args(["export", "--format", "ttl", "-o"])
        .arg(&out)
        .arg("--store")
        .arg(store));
    let ttl = std::fs::read_to_string(&out).unwrap();
    assert!(
        ttl.contains("@prefix schema:") || ttl.contains("PREFIX schema:"),
        "{}",
        &ttl[..200]
    );
    let trig = ok(zhkg()
        .args(["export", "--format", "trig", "--store"])
        .arg(store));
    assert!(trig.contains("zhkg:Document"));
}

#[test]
fn stats_report_the_graph() {
    let store = seed_store();
    let table = ok(zhkg().args(["stats", "--store"]).arg(store));
    for part in [
        "documents",
        "density",
        "components",
        "top people by events attended",
        "top entities by PageRank",
        "organizations with the most members",
    ] {
        assert!(table.contains(part), "{part} missing:\n{table}");
    }
    let json: serde_json::Value = serde_json::from_str(&ok(zhkg()
        .args(["stats", "--format", "json", "--store"])
        .arg(store)))
    .unwrap();
    // The totals are the sums of their parts, and agree with SPARQL.
    let sum = |key: &str| -> u64 {
        json[key]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum()
    };
    let nodes = json["nodes"].as_u64().unwrap();
    assert!(nodes > 30, "{json}");
    assert_eq!(nodes, sum("nodes_per_type"));
    assert_eq!(json["edges"].as_u64().unwrap(), sum("edges_per_predicate"));
    let (components, largest) = (
        json["components"].as_u64().unwrap(),
        json["largest_component"].as_u64().unwrap(),
    );
    // The largest component and one node per other component at least.
    assert!(largest >= 2 && largest + components - 1 <= nodes, "{json}");
    let most = csv(
        store,
        &format!(
            "{PREFIXES}SELECT ?n (COUNT(DISTINCT ?e) AS ?c) WHERE {{
               ?p a schema:Person ; schema:name ?n ; zhkg:attended ?e }}
             GROUP BY ?n ORDER BY DESC(?c) ?n LIMIT 1"
        ),
    );
    assert_eq!(json["top_attendees"][0]["name"], most[1][0]);
    assert_eq!(
        json["top_attendees"][0]["value"]
            .as_f64()
            .unwrap()
            .to_string(),
        most[1][1]
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::process::Stdio;
    let store = seed_store();
    let mut child = zhkg()
        .args(["export", "--format", "nq", "--store"])
        .arg(store)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn stats_counts(store: &Path) -> (u64, u64) {
    let v: serde_json::Value = serde_json::from_str(&ok(zhkg()
        .args(["stats", "--format", "json", "--store"])
        .arg(store)))
    .unwrap();
    (v["nodes"].as_u64().unwrap(), v["edges"].as_u64().unwrap())
}

/// Every entity-graph format holds the graph `stats` describes. (networkx
/// reads the same files in `.ci/run`: scripts/check-exports.py.)
#[test]
fn graph_formats_hold_the_graph_stats_describes() {
    let store = seed_store();
    let (nodes, edges) = stats_counts(store);
    let export = |format: &str| {
        ok(zhkg()
            .args(["export", "--format", format, "--store"])
            .arg(store))
    };

    let graphml = export("graphml");
    assert_eq!(graphml.matches("<node id=").count() as u64, nodes);
    assert_eq!(graphml.matches("<edge id=").count() as u64, edges);
    assert!(graphml.contains("<data key=\"name\">夏宝龙</data>"));
    let gexf = export("gexf");
    assert_eq!(gexf.matches("<node id=").count() as u64, nodes);
    assert_eq!(gexf.matches("<edge id=").count() as u64, edges);
    let json: serde_json::Value = serde_json::from_str(&export("json")).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len() as u64, nodes);
    assert_eq!(json["links"].as_array().unwrap().len() as u64, edges);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("neo4j");
    ok(zhkg()
        .args(["export", "--format", "csv", "-q", "--store"])
        .arg(store)
        .arg("-o")
        .arg(&out));
    let node_rows = std::fs::read_to_string(out.join("nodes.csv")).unwrap();
    let edge_rows = std::fs::read_to_string(out.join("relationships.csv")).unwrap();
    assert_eq!(node_rows.lines().count() as u64, nodes + 1);
    assert_eq!(edge_rows.lines().count() as u64, edges + 1);
    assert!(edge_rows.contains(",memberOf,"));

    let svg = export("svg");
    assert!(svg.contains("<svg") && svg.contains("夏宝龙"));
    let png = dir.path().join("g.png");
    ok(zhkg()
        .args(["export", "--format", "png", "--store"])
        .arg(store)
        .arg("-o")
        .arg(&png));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn csv_needs_a_directory_and_images_need_graphviz() {
    let store = seed_store();
    let err = fails(
        zhkg()
            .args(["export", "--format", "csv", "--store"])
            .arg(store),
    );
    assert!(err.contains("-o DIR"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    let err = fails(
        zhkg()
            .args(["export", "--format", "svg", "--store"])
            .arg(store)
            .env("PATH", empty.path()),
    );
    assert!(err.contains("apt-get install graphviz"), "{err}");
}
