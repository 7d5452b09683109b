//! `zhkg build` on the seed: the facts the article states are in the graph.

use super::*;

fn has_relation(store: &Path, subject: &str, predicate: &str, object: &str) -> bool {
    ask(
        store,
        &format!(
            "{PREFIXES}ASK {{ ?s schema:name \"{subject}\"@zh . ?o schema:name \"{object}\"@zh . ?s {predicate} ?o }}"
        ),
    )
}

#[test]
fn the_seed_states_who_attended_spoke_and_presided() {
    let store = seed_store();
    let event = "省委党的群团工作会议";
    assert!(has_relation(store, "夏宝龙", "zhkg:attended", event));
    assert!(has_relation(store, "夏宝龙", "zhkg:spokeAt", event));
    assert!(has_relation(store, "王辉忠", "zhkg:presided", event));
    assert!(has_relation(store, "王辉忠", "zhkg:attended", event));
}

#[test]
fn memberships_carry_their_posts() {
    let store = seed_store();
    assert!(has_relation(
        store,
        "孙炳方",
        "org:memberOf",
        "绍兴市总工会"
    ));
    let rows = csv(
        store,
        &format!(
            "{PREFIXES}SELECT ?role WHERE {{
               ?m a org:Membership ; org:member/schema:name \"孙炳方\"@zh ;
                  org:organization/schema:name \"绍兴市总工会\"@zh ; org:role/skos:prefLabel ?role }}"
        ),
    );
    let mut roles: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    roles.sort_unstable();
    assert_eq!(roles, ["党组书记", "常务副主席"]);
}

#[test]
fn no_person_name_has_a_title_stuck_to_it() {
    let store = seed_store();
    let posts: Vec<String> = include_str!("../../data/lexicon/posts.txt")
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let rows = csv(
        store,
        &format!("{PREFIXES}SELECT DISTINCT ?n WHERE {{ ?p a schema:Person ; schema:name ?n }}"),
    );
    assert!(rows.len() > 20, "too few persons: {}", rows.len() - 1);
    for row in &rows[1..] {
        let name = &row[0];
        assert!((2..=4).contains(&name.chars().count()), "odd name {name}");
        for post in &posts {
            assert!(
                !(name.ends_with(post.as_str()) || name.starts_with(post.as_str())),
                "{name} carries the title {post}"
            );
        }
    }
}

#[test]
fn a_second_build_skips_unchanged_text_and_force_rebuilds_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("twice.db");
    ok(zhkg().arg("build").arg(seed()).arg("--store").arg(&store));
    let first = quad_count(&store);
    assert!(first > 500, "{first} quads");
    let summary = ok(zhkg().arg("build").arg(seed()).arg("--store").arg(&store));
    assert!(summary.contains("built 0 document(s)"), "{summary}");
    assert!(summary.contains("1 unchanged and skipped"), "{summary}");
    assert_eq!(quad_count(&store), first);
    let forced = ok(zhkg()
        .arg("build")
        .arg(seed())
        .arg("--force")
        .arg("--store")
        .arg(&store));
    assert!(forced.contains("(1 replaced"), "{forced}");
    assert_eq!(quad_count(&store), first);
}

/// A document whose text changed is replaced, and what only its old text
/// said leaves the graph (the default graph included).
#[test]
fn a_changed_document_is_replaced_without_leftovers() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("changed.db");
    let doc = dir.path().join("article.txt");
    let text = std::fs::read_to_string(seed()).unwrap();
    std::fs::write(&doc, &text).unwrap();
    ok(zhkg().arg("build").arg(&doc).arg("--store").arg(&store));
    let has_sun = |store: &Path| {
        ask(
            store,
            &format!("{PREFIXES}ASK {{ ?p schema:name \"孙炳方\"@zh }}"),
        )
    };
    assert!(has_sun(&store));
    let cut: String = text
        .lines()
        .filter(|l| !l.contains("孙炳方"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&doc, cut).unwrap();
    let summary = ok(zhkg().arg("build").arg(&doc).arg("--store").arg(&store));
    assert!(summary.contains("(1 replaced"), "{summary}");
    assert!(!has_sun(&store), "孙炳方 outlived the text that named him");
    // Still there: what the new text says too.
    assert!(ask(
        &store,
        &format!("{PREFIXES}ASK {{ ?p schema:name \"夏宝龙\"@zh }}")
    ));
}

/// The graph does not depend on threads or batch size: one worker and one
/// big batch, two workers and one document per batch, give the same
/// document graphs and the same default graph.
#[test]
fn parallel_and_serial_builds_give_the_same_graph() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let text = std::fs::read_to_string(seed()).unwrap();
    let paragraphs: Vec<&str> = text.lines().filter(|l| l.chars().count() > 30).collect();
    let mut lines = String::new();
    for i in 0..12 {
        // Overlapping windows of the article: the same people in many
        // documents, resolved to one node each.
        let body = paragraphs[i % paragraphs.len()..]
            .iter()
            .take(6)
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        lines.push_str(&serde_json::json!({"id": format!("d{i}"), "text": body}).to_string());
        lines.push('\n');
    }
    std::fs::write(&corpus, lines).unwrap();
    // (document quads, default-graph triples), sorted; the ontology's blank
    // nodes are named afresh by each build, so they are left out.
    let dump = |args: &[&str], name: &str| {
        let store = dir.path().join(name);
        ok(zhkg()
            .arg("build")
            .arg(&corpus)
            .args(args)
            .arg("--store")
            .arg(&store));
        let export = |format: &str| {
            let mut lines: Vec<String> = ok(zhkg()
                .args(["export", "--format", format, "--store"])
                .arg(&store))
            .lines()
            .map(str::to_owned)
            .collect();
            lines.sort();
            lines
        };
        let (quads, triples) = (export("nq"), export("nt"));
        // The default graph is the union of the named graphs, each triple once.
        let mut union: Vec<String> = quads
            .iter()
            .map(|q| format!("{} .", &q[..q.rfind(" <").unwrap()]))
            .collect();
        union.sort();
        union.dedup();
        assert_eq!(union, triples, "the default graph is not the union");
        let named = |l: &String| !l.contains("_:");
        (
            quads.into_iter().filter(named).collect::<Vec<_>>(),
            triples.into_iter().filter(named).collect::<Vec<_>>(),
        )
    };
    let serial = dump(&["--jobs", "1", "--batch", "1000"], "serial.db");
    let parallel = dump(&["--jobs", "2", "--batch", "1"], "parallel.db");
    assert!(serial.0.len() > 1000, "{} quads", serial.0.len());
    assert_eq!(serial.0, parallel.0, "document graphs differ");
    assert_eq!(serial.1, parallel.1, "default graphs differ");
    // New graphs go through the bulk loader, replaced ones through
    // transactions: a forced rebuild of the same store (every graph
    // replaced) must leave exactly what the bulk load wrote.
    let rebuilt = dump(&["--jobs", "2", "--batch", "5", "--force"], "serial.db");
    assert_eq!(
        serial.0, rebuilt.0,
        "transactional rewrite differs from the bulk load"
    );
    assert_eq!(
        serial.1, rebuilt.1,
        "default graph differs after the rewrite"
    );
}

#[test]
fn every_fact_has_its_sentence_and_document() {
    let store = seed_store();
    let rows = csv(
        store,
        &format!(
            "{PREFIXES}SELECT (COUNT(*) AS ?n) WHERE {{
               ?s ?p ?o . VALUES ?p {{ zhkg:attended zhkg:spokeAt zhkg:presided org:memberOf }}
               FILTER NOT EXISTS {{ ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                                    zhkg:evidence ?e ; prov:wasDerivedFrom ?d . ?d a zhkg:Document }} }}"
        ),
    );
    assert_eq!(rows[1][0], "0", "facts without evidence");
    // The evidence of 夏宝龙's attendance is a sentence of the article.
    let rows = csv(
        store,
        &format!(
            "{PREFIXES}SELECT ?e WHERE {{ ?p schema:name \"夏宝龙\"@zh .
               ?f rdf:subject ?p ; rdf:predicate zhkg:attended ; zhkg:evidence ?e }}"
        ),
    );
    let text = std::fs::read_to_string(seed())
        .unwrap()
        .replace(char::is_whitespace, "");
    // One fact, so one evidence (the most confident of its sentences).
    assert_eq!(rows.len(), 2, "{rows:?}");
    for r in &rows[1..] {
        let sentence = r
            .join(",")
            .trim_matches('"')
            .replace(char::is_whitespace, "");
        assert!(sentence.contains("夏宝龙"), "{sentence}");
        let probe: String = sentence
            .chars()
            .filter(|c| *c != ',' && *c != '，')
            .take(8)
            .collect();
        assert!(
            text.replace([',', '，'], "").contains(&probe),
            "evidence not from the article: {sentence}"
        );
    }
}

#[test]
fn the_summary_names_documents_entities_relations_and_triples() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let out = ok(zhkg().arg("build").arg(seed()).arg("--store").arg(&store));
    assert!(out.contains("built 1 document(s)"), "{out}");
    assert!(out.contains("entities:  Person"), "{out}");
    assert!(out.contains("relations: attended"), "{out}");
    assert!(out.contains("triples in store:"), "{out}");
    assert!(out.contains("elapsed:"), "{out}");
    // A first build writes the whole store: its index files are merged.
    assert!(out.contains("index files merged for reading in"), "{out}");
    // Nothing new written (the article is unchanged): nothing to merge.
    let again = ok(zhkg().arg("build").arg(seed()).arg("--store").arg(&store));
    assert!(again.contains("unchanged"), "{again}");
    assert!(!again.contains("index files merged"), "{again}");
    // -q prints nothing.
    let quiet = ok(zhkg()
        .arg("build")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .arg("-q"));
    assert_eq!(quiet, "");
}

#[test]
fn json_lines_records_are_documents_with_their_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    std::fs::write(
        &corpus,
        concat!(
            r#"{"id": "a1", "title": "测试", "date": "2020-01-02", "source": "自拟", "text": "市委书记张明远出席全市工会工作会议并讲话。"}"#,
            "\n",
            r#"{"id": "a2", "text": "区总工会主席李建华主持会议。"}"#,
            "\n"
        ),
    )
    .unwrap();
    let store = dir.path().join("j.db");
    ok(zhkg().arg("build").arg(&corpus).arg("--store").arg(&store));
    let rows = csv(
        &store,
        &format!(
            "{PREFIXES}SELECT ?id ?date WHERE {{ ?d a zhkg:Document ; schema:identifier ?id .
               OPTIONAL {{ ?d schema:datePublished ?date }} }} ORDER BY ?id"
        ),
    );
    assert_eq!(rows[1], ["a1", "2020-01-02"]);
    assert_eq!(rows[2][0], "a2");
    assert!(has_relation(
        &store,
        "张明远",
        "zhkg:spokeAt",
        "全市工会工作会议"
    ));
}

/// README's main job: building the samples folder is clean (exit 0, no
/// warning), so nothing else in data/samples may look like an input.
#[test]
fn the_samples_folder_builds_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(zhkg()
        .arg("build")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples"))
        .arg("--store")
        .arg(dir.path().join("samples.db")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
}

/// The map step on any batch engine: shards extracted separately (one from
/// standard input) and loaded into one store give exactly the graph of one
/// build over everything.
#[test]
fn shards_loaded_together_equal_one_build() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(seed()).unwrap();
    let paragraphs: Vec<&str> = text.lines().filter(|l| l.chars().count() > 30).collect();
    let record = |i: usize| {
        let body = paragraphs[i % paragraphs.len()..]
            .iter()
            .take(5)
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        format!(
            "{}\n",
            serde_json::json!({"id": format!("s{i}"), "text": body})
        )
    };
    let (a, b, all) = (
        dir.path().join("a.jsonl"),
        dir.path().join("b.jsonl"),
        dir.path().join("all.jsonl"),
    );
    std::fs::write(&a, (0..5).map(record).collect::<String>()).unwrap();
    std::fs::write(&b, (5..9).map(record).collect::<String>()).unwrap();
    std::fs::write(&all, (0..9).map(record).collect::<String>()).unwrap();

    let shard_a = ok(zhkg().args(["extract", "--format", "nq"]).arg(&a));
    let mut child = zhkg()
        .args(["extract", "--format", "nq", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&std::fs::read(&b).unwrap()).unwrap();
    }
    let shard_b = child.wait_with_output().unwrap();
    assert!(shard_b.status.success());
    let (na, nb) = (dir.path().join("a.nq"), dir.path().join("b.nq"));
    std::fs::write(&na, shard_a).unwrap();
    std::fs::write(&nb, shard_b.stdout).unwrap();

    let loaded = dir.path().join("loaded.db");
    let out = ok(zhkg()
        .arg("load")
        .arg(&na)
        .arg(&nb)
        .arg("--store")
        .arg(&loaded));
    assert!(out.contains("loaded 9 document graph(s)"), "{out}");
    let built = dir.path().join("built.db");
    ok(zhkg()
        .arg("build")
        .arg(&all)
        .arg("--store")
        .arg(&built)
        .arg("-q"));

    // Everything but where each document was read from (a.jsonl:1 against
    // all.jsonl:1) and the ontology's blank nodes.
    let export = |store: &Path, format: &str| {
        let mut lines: Vec<String> = ok(zhkg()
            .args(["export", "--format", format, "--store"])
            .arg(store))
        .lines()
        .filter(|l| !l.contains("_:") && !l.contains("/zhkg/ns#source>"))
        .map(str::to_owned)
        .collect();
        lines.sort();
        lines
    };
    for format in ["nq", "nt"] {
        let (l, b) = (export(&loaded, format), export(&built, format));
        assert!(l.len() > 500, "{} lines", l.len());
        let first = l.iter().zip(&b).find(|(x, y)| x != y);
        assert!(
            l.len() == b.len() && first.is_none(),
            "{format}: {} against {} lines; first difference {first:?}",
            l.len(),
            b.len()
        );
    }
}
