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
