//! The interface in Traditional Chinese, as an officer whose system speaks
//! it sees it: under `LANG=zh_TW.UTF-8` (no `--lang`), a build with an
//! error, every `--help`, `booklet new` (its output and the comments it
//! writes), an import with notes and both comparisons print no English
//! sentence: no Latin word outside file names, keys, flags, values quoted
//! from the input and the names of file formats (`common::latin_words`).

mod common;

use std::process::{Command, Output};

use common::{latin_words, root};

/// Runs `booklet` with a Chinese locale and no `--lang`.
fn booklet_zh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_booklet"))
        .args(args)
        .current_dir(root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_TW.UTF-8")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run booklet")
}

/// The lines of a text that hold Latin words, with the words.
fn english_in(what: &str, text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let words = latin_words(line);
            (!words.is_empty()).then(|| format!("{what}: {words:?} in {line:?}"))
        })
        .collect()
}

/// Both streams of a run, with what it was.
fn streams(what: &str, out: &Output) -> Vec<String> {
    let mut found = english_in(&format!("{what} (stdout)"), &String::from_utf8_lossy(&out.stdout));
    found.extend(english_in(&format!("{what} (stderr)"), &String::from_utf8_lossy(&out.stderr)));
    found
}

fn assert_chinese(found: Vec<String>) {
    assert!(found.is_empty(), "{} lines with English:\n{}", found.len(), found.join("\n"));
}

#[test]
fn a_build_with_an_error_is_reported_in_chinese() {
    let out = tempfile::tempdir().expect("temporary directory");
    let dir = out.path().to_str().expect("UTF-8 path");
    let mut found = Vec::new();
    for bad in ["07-staffing-total", "02-wrong-type", "01-toml-syntax", "42-thousands-separator", "22-font-warning", "52-budget-wrong-year"]
    {
        let run = booklet_zh(&["build", &format!("tests/fixtures/bad/{bad}"), "--out", dir, "--deny-warnings"]);
        assert_eq!(run.status.code(), Some(1), "{bad}: {}", String::from_utf8_lossy(&run.stderr));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("錯誤：") || stderr.contains("警告："), "{bad}: {stderr}");
        found.extend(streams(bad, &run));
    }
    assert_chinese(found);
}

#[test]
fn the_help_of_every_command_is_in_chinese() {
    let mut found = Vec::new();
    for args in [
        vec!["--help"],
        vec!["-h"],
        vec!["build", "--help"],
        vec!["check", "--help"],
        vec!["new", "--help"],
        vec!["import", "--help"],
        vec!["compare", "--help"],
        vec!["schema", "--help"],
        vec!["watch", "--help"],
        vec!["help", "build"],
    ] {
        let run = booklet_zh(&args);
        assert_eq!(run.status.code(), Some(0), "{args:?}");
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(stdout.contains("用法："), "{args:?}: {stdout}");
        found.extend(streams(&args.join(" "), &run));
    }
    // clap's errors too.
    for args in [vec!["biuld"], vec!["build", "--frce"], vec!["build", "--pdf-standard", "x"], vec![]] {
        let run = booklet_zh(&args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        found.extend(streams(&args.join(" "), &run));
    }
    assert_chinese(found);
}

#[test]
fn booklet_new_speaks_and_comments_in_chinese() {
    let out = tempfile::tempdir().expect("temporary directory");
    let bundle = out.path().join("moi-113");
    let run = booklet_zh(&["new", bundle.to_str().expect("UTF-8"), "--agency", "範例部", "--year", "113"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let mut found = streams("new", &run);
    let manifest = std::fs::read_to_string(bundle.join("booklet.toml")).expect("the new manifest");
    let comments: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('#'))
        // A commented-out key (`# date = "…"`) is TOML to uncomment, not prose.
        .filter(|c| !is_commented_key(c) && !c.starts_with(":schema"))
        .collect();
    assert!(comments.len() > 10, "only {} comment lines", comments.len());
    found.extend(english_in("booklet.toml", &comments.join("\n")));
    assert_chinese(found);
}

/// Whether a comment is a key and value (`date = "2019-08-31"`) or a TOML
/// table header (`[[parts]]`).
fn is_commented_key(comment: &str) -> bool {
    let c = comment.trim();
    if c.starts_with('[') {
        return true;
    }
    c.split_once(" = ").is_some_and(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || "_.\"".contains(c)))
}

#[test]
fn an_import_with_notes_is_reported_in_chinese() {
    let out = tempfile::tempdir().expect("temporary directory");
    let draft = out.path().join("draft");
    let run = booklet_zh(&["import", "tests/fixtures/import/word/ocean-council/untagged.pdf", "--out", draft.to_str().expect("UTF-8")]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let text = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(text.lines().any(|l| l.contains("：第 1 頁：")), "the import printed no notes: {text}");
    assert_chinese(streams("import", &run));
}

#[test]
fn both_comparisons_are_reported_in_chinese() {
    let out = tempfile::tempdir().expect("temporary directory");
    let dir = out.path().to_str().expect("UTF-8");
    let mut found = Vec::new();
    let run = booklet_zh(&["compare", "inputs/mol-109", "tests/fixtures/compare/mol-109-edited", "--out", dir]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    found.extend(streams("compare", &run));
    let run = booklet_zh(&[
        "compare",
        "tests/fixtures/budget/central-fy106-proposed.csv",
        "tests/fixtures/budget/central-fy106-enacted.csv",
        "--agency",
        "勞動部",
        "--out",
        dir,
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    found.extend(streams("compare (data)", &run));
    assert_chinese(found);
}
