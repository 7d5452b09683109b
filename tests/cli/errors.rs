//! Bad input: clear messages naming the file, non-zero exits, no panics,
//! and a store left as it was.

use super::*;

#[test]
fn a_missing_path_is_named() {
    let err = fails(zhkg().args(["extract", "no/such/file.txt"]));
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn a_folder_with_no_text_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("image.png"), b"\x89PNG").unwrap();
    let err = fails(zhkg().arg("extract").arg(dir.path()));
    assert!(err.contains("no .txt or .jsonl files"), "{err}");
}

#[test]
fn an_empty_file_is_named_and_builds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let store = dir.path().join("e.db");
    let err = fails(zhkg().arg("build").arg(&empty).arg("--store").arg(&store));
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
    assert!(!store.exists(), "a failed build created the store");
}

#[test]
fn a_gbk_file_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gbk.txt");
    let text = "市总工会主席王建国出席全省工会工作会议并讲话。";
    let (bytes, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad);
    std::fs::write(&file, &bytes).unwrap();
    let out = ok(zhkg().arg("extract").arg(&file));
    assert!(out.contains("王建国"), "{out}");
}

#[test]
fn binary_and_invalid_files_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bin.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::copy(seed(), dir.path().join("seed.txt")).unwrap();
    let store = dir.path().join("b.db");
    let out = run(zhkg()
        .arg("build")
        .arg(dir.path())
        .arg("--store")
        .arg(&store));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("bin.txt") && err.contains("warning"), "{err}");
    assert!(!err.contains("panicked"));
    // The good file was built all the same.
    assert!(quad_count(&store) > 500);
}

#[test]
fn a_malformed_json_line_is_named_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.jsonl");
    std::fs::write(
        &file,
        "{\"id\": \"1\", \"text\": \"市委书记张明远出席会议。\"}\n{\"id\": \"2\", \"text\": \n",
    )
    .unwrap();
    let out = run(zhkg().arg("extract").arg(&file));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("bad.jsonl:2"), "{err}");
    // The good record still comes out.
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn a_store_held_by_another_process_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("held.db");
    ok(zhkg()
        .arg("build")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .arg("-q"));
    let before = quad_count(&store);
    let held = zhkg_graph::store::GraphStore::create_or_open(&store).unwrap();
    let err = fails(zhkg().arg("build").arg(seed()).arg("--store").arg(&store));
    assert!(err.contains("in use by another process"), "{err}");
    drop(held);
    assert_eq!(quad_count(&store), before);
}

#[test]
fn a_failed_build_leaves_the_store_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("keep.db");
    ok(zhkg()
        .arg("build")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .arg("-q"));
    let before = quad_count(&store);
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "市委书记张明远出席全市工会工作会议并讲话。").unwrap();
    // One good file and one missing path: nothing is built.
    let err = fails(
        zhkg()
            .arg("build")
            .arg(&other)
            .arg("missing.txt")
            .arg("--store")
            .arg(&store),
    );
    assert!(err.contains("missing.txt"), "{err}");
    assert_eq!(quad_count(&store), before);
}

#[test]
fn querying_without_a_store_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let err = fails(
        zhkg()
            .args(["stats", "--store"])
            .arg(dir.path().join("none.db")),
    );
    assert!(err.contains("zhkg build"), "{err}");
}

/// A copy of the seed's store (built once per test) with every byte of
/// its table files past the header flipped.
fn corrupted_store(dir: &Path) -> PathBuf {
    let store = dir.join("broken.db");
    ok(zhkg()
        .arg("build")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .arg("-q"));
    let mut flipped = 0;
    for entry in std::fs::read_dir(&store).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "sst") {
            let mut bytes = std::fs::read(&path).unwrap();
            for b in bytes.iter_mut().skip(64) {
                *b ^= 0x5a;
            }
            std::fs::write(&path, bytes).unwrap();
            flipped += 1;
        }
    }
    assert!(flipped > 0, "the store has no table file to damage");
    store
}

#[test]
fn a_corrupted_store_is_called_damaged_not_in_use() {
    // Regression: "block checksum mismatch" contains "lock", and was
    // reported as a store in use by another process.
    let dir = tempfile::tempdir().unwrap();
    let store = corrupted_store(dir.path());
    for args in [
        vec!["query", "-e", "SELECT * WHERE { ?s ?p ?o } LIMIT 1"],
        vec!["stats"],
    ] {
        let err = fails(zhkg().args(&args).arg("--store").arg(&store));
        assert!(err.contains("is damaged"), "{err}");
        assert!(err.contains("zhkg build"), "says what to do: {err}");
        assert!(!err.contains("in use"), "{err}");
        // The storage engine's text is shown once, not repeated.
        assert_eq!(err.matches("Corruption").count(), 1, "{err}");
    }
}

#[test]
fn nothing_to_build_sums_up_the_skipped_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    for i in 0..30 {
        std::fs::write(inputs.join(format!("bin{i:02}.txt")), [0u8, 1, 2, 3, 0]).unwrap();
    }
    std::fs::write(inputs.join("blank.txt"), "\n \n").unwrap();
    let store = dir.path().join("none.db");
    let err = fails(zhkg().arg("build").arg(&inputs).arg("--store").arg(&store));
    let last = err.lines().last().unwrap();
    assert!(last.starts_with("zhkg: error:"), "{err}");
    assert!(
        last.contains("nothing to build: all 31 inputs were skipped (30 not text, 1 empty)"),
        "{last}"
    );
    // One line per skipped input, at most 20, then how many more.
    let warnings = err.lines().filter(|l| l.contains("warning")).count();
    assert_eq!(warnings, 21, "{err}");
    assert!(err.contains("… and 11 more input(s) skipped"), "{err}");
    assert!(last.len() < 400, "the error is one short line: {last}");
    assert!(!store.exists());
}

#[test]
fn a_query_typo_is_named_once() {
    // Regression: "query: query: error at 1:10: expected CONSTRUCT".
    let err = fails(
        zhkg()
            .args(["query", "-e", "SELEC * WHERE { ?s ?p ?o }", "--store"])
            .arg(seed_store()),
    );
    assert!(!err.contains("query: query:"), "{err}");
    assert!(err.contains("SPARQL query: error at 1:"), "{err}");
}

#[test]
fn an_update_given_to_query_says_where_updates_go() {
    for update in [
        "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }",
        "DELETE WHERE { ?s ?p ?o }",
    ] {
        let err = fails(
            zhkg()
                .args(["query", "-e", update, "--store"])
                .arg(seed_store()),
        );
        assert!(err.contains("SPARQL update"), "{err}");
        assert!(err.contains("serve --allow-update"), "{err}");
        assert!(!err.contains("expected"), "{err}");
    }
}

#[test]
fn text_without_punctuation_is_cut_with_a_warning_naming_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("run.txt");
    std::fs::write(&file, "的".repeat(5_000)).unwrap();
    let out = run(zhkg().arg("extract").arg(&file));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("run.txt") && err.contains("were cut"), "{err}");
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap();
    assert_eq!(line["id"], "run");
}
