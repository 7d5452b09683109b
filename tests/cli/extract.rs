//! `zhkg extract`: the JSON Lines shape the scorers read, and N-Quads.

use super::*;

#[test]
fn jsonl_has_ids_entities_mentions_and_evidence() {
    let out = ok(zhkg().args(["extract", "--format", "jsonl"]).arg(seed()));
    assert_eq!(out.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["id"], "000_6107cf6e62a931db");
    let entities = v["entities"].as_array().unwrap();
    let xia = entities
        .iter()
        .find(|e| e["name"] == "夏宝龙")
        .expect("夏宝龙");
    assert_eq!(xia["type"], "Person");
    // Mentions are character offsets into the normalized text.
    let text = std::fs::read_to_string(seed()).unwrap();
    let normalized = zhkg_extract::ingest::normalize(&text);
    let chars: Vec<char> = normalized.chars().collect();
    for m in xia["mentions"].as_array().unwrap() {
        let (a, b) = (
            m[0].as_u64().unwrap() as usize,
            m[1].as_u64().unwrap() as usize,
        );
        assert_eq!(chars[a..b].iter().collect::<String>(), "夏宝龙");
    }
    let rel = v["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["subject"] == "孙炳方" && r["predicate"] == "memberOf")
        .expect("孙炳方 memberOf");
    assert_eq!(rel["object"], "绍兴市总工会");
    assert_eq!(rel["role"], "党组书记、常务副主席");
    let evidence = rel["evidence"].as_str().unwrap();
    assert!(
        evidence.contains("绍兴市总工会党组书记、常务副主席孙炳方"),
        "{evidence}"
    );
    assert!(normalized.contains(evidence), "{evidence}");
}

#[test]
fn nquads_are_what_build_loads() {
    let nq = ok(zhkg().args(["extract", "--format", "nq"]).arg(seed()));
    let store = seed_store();
    let stored = ok(zhkg()
        .args(["export", "--format", "nq", "--store"])
        .arg(store));
    let mut a: Vec<&str> = nq.lines().collect();
    // The store also holds the ontology graph.
    let mut b: Vec<&str> = stored
        .lines()
        .filter(|l| !l.ends_with("<https://w3id.org/zhkg/ns> ."))
        .collect();
    a.sort_unstable();
    b.sort_unstable();
    // Not two empty outputs: the seed's document graph, fact by fact.
    assert!(a.len() > 500, "{} quads", a.len());
    assert!(
        a.iter()
            .all(|q| q.ends_with("<https://w3id.org/zhkg/doc/000_6107cf6e62a931db> .")),
        "every quad in the document's graph"
    );
    assert_eq!(a, b);
}
