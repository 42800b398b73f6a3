//! Authoring: a new bundle builds at once, and the committed JSON Schema is
//! the one the serde types generate.

mod common;

use std::process::Command;

use common::root;

#[test]
fn the_committed_schema_matches_the_types() {
    let committed = std::fs::read_to_string(root().join(booklet::scaffold::SCHEMA_PATH)).expect("schema/booklet.schema.json");
    assert!(
        committed == booklet::scaffold::schema_json(),
        "schema/booklet.schema.json is out of date: run `cargo run --release -- schema --out schema/booklet.schema.json`"
    );
}

#[test]
fn the_schema_forbids_unknown_keys() {
    let schema: serde_json::Value = serde_json::from_str(&booklet::scaffold::schema_json()).unwrap();
    assert_eq!(schema["additionalProperties"], serde_json::Value::Bool(false));
    assert_eq!(schema["$defs"]["Meta"]["additionalProperties"], serde_json::Value::Bool(false));
    let required = schema["$defs"]["Meta"]["required"].as_array().unwrap();
    assert!(required.contains(&"agency".into()) && required.contains(&"fiscal_year".into()));
}

#[test]
fn a_new_bundle_builds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("inputs/moi-110");
    let bin = env!("CARGO_BIN_EXE_booklet");
    let new = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .args(["new", dir.to_str().unwrap(), "--agency", "內政部", "--year", "110", "--root", root().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(new.status.success(), "{}", String::from_utf8_lossy(&new.stderr));
    let manifest = std::fs::read_to_string(dir.join("booklet.toml")).unwrap();
    assert!(manifest.starts_with("#:schema "), "the editor directive");
    let schema_path = dir.join(manifest.lines().next().unwrap().trim_start_matches("#:schema ").trim());
    assert!(schema_path.is_file(), "{} resolves", schema_path.display());

    let out = tmp.path().join("out");
    let build = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .args(["build", dir.to_str().unwrap(), "--out", out.to_str().unwrap(), "--root", root().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    assert!(out.join("moi-110.pdf").is_file() && out.join("moi-110.xlsx").is_file());
    // Its placeholders are warned about, and refused with --deny-warnings.
    assert!(String::from_utf8_lossy(&build.stderr).contains("still holds the placeholder"));
    let strict = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .args(["check", dir.to_str().unwrap(), "--deny-warnings", "--root", root().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!strict.status.success());

    // A second `new` into the same place is refused.
    let again = Command::new(bin)
        .env("LC_ALL", "C.UTF-8")
        .args(["new", dir.to_str().unwrap(), "--agency", "內政部", "--year", "110"])
        .output()
        .unwrap();
    assert!(!again.status.success());
}
