//! Broken bundles, run through the `booklet` binary as a user would: every
//! bundle under `tests/fixtures/bad/` must fail with exit status 1, print
//! each line of its `expect.txt` (a message with its `file:line:column`),
//! never panic, and write nothing; in Chinese (`--lang zh-TW`), each line
//! of its `expect.zh-TW.txt`, the same messages translated.
//!
//! A fixture is a directory holding a `booklet.toml` (and any files it
//! includes) and an `expect.txt`: one snippet per line, each of which must
//! appear verbatim in stderr. Paths in the snippets are as the tool prints
//! them when run from the repository root on `tests/fixtures/bad/NN-name`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

/// The fixtures directory, relative to the repository root.
const BAD: &str = "tests/fixtures/bad";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture directories, sorted by name.
fn fixtures() -> Vec<String> {
    let mut dirs: Vec<String> = fs::read_dir(root().join(BAD))
        .expect("read tests/fixtures/bad")
        .map(|e| e.expect("read a directory entry"))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().into_string().expect("fixture names are UTF-8"))
        .collect();
    dirs.sort();
    dirs
}

/// Whether a snippet holds a `file.toml:line:column` (or a budget data
/// file's `file.csv:line:column`) location.
fn has_location(snippet: &str) -> bool {
    snippet.match_indices(".toml:").chain(snippet.match_indices(".csv:")).any(|(at, m)| {
        let rest = &snippet[at + m.len()..];
        let line = rest.chars().take_while(char::is_ascii_digit).count();
        if line == 0 || !rest[line..].starts_with(':') {
            return false;
        }
        rest[line + 1..].chars().take_while(char::is_ascii_digit).count() > 0
    })
}

/// Every file below a directory.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The snippets of an expect file, without blank lines.
fn snippets_of(text: &str) -> Vec<&str> {
    text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect()
}

/// Runs one fixture in one language (`en` reads `expect.txt`, `zh-TW`
/// reads `expect.zh-TW.txt`); returns what is wrong with the tool's
/// behaviour.
fn check_fixture(name: &str, lang: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let rel = format!("{BAD}/{name}");
    let dir = root().join(&rel);
    if !dir.join("booklet.toml").is_file() {
        problems.push("the fixture has no booklet.toml".to_string());
    }
    let expect_file = if lang == "en" { "expect.txt".to_string() } else { format!("expect.{lang}.txt") };
    let expect = match fs::read_to_string(dir.join(&expect_file)) {
        Ok(text) => text,
        Err(e) => return vec![format!("{rel}: cannot read {expect_file}: {e}")],
    };
    let snippets = snippets_of(&expect);
    if snippets.is_empty() {
        problems.push("expect.txt holds no snippet".to_string());
    }
    if !snippets.iter().any(|s| has_location(s)) {
        problems.push("expect.txt holds no file:line:column location".to_string());
    }

    let out = tempfile::tempdir().expect("temporary directory");
    let output = Command::new(env!("CARGO_BIN_EXE_booklet"))
        // English messages, whatever the locale of the machine running the tests.
        .env("LC_ALL", "C.UTF-8")
        .arg("build")
        .arg(&rel)
        .arg("--out")
        .arg(out.path())
        .arg("--deny-warnings")
        .arg("--lang")
        .arg(lang)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run booklet");
    let stderr = String::from_utf8_lossy(&output.stderr);

    if output.status.code() != Some(1) {
        problems.push(format!("exit status {:?}, expected 1", output.status.code()));
    }
    if stderr.contains("panicked") {
        problems.push("the tool panicked".to_string());
    }
    for snippet in &snippets {
        if !stderr.contains(snippet) {
            problems.push(format!("stderr lacks {snippet:?}"));
        }
    }
    let written: Vec<String> = files_under(out.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf" || e == "xlsx"))
        .map(|p| p.strip_prefix(out.path()).unwrap_or(&p).display().to_string())
        .collect();
    if !written.is_empty() {
        problems.push(format!("outputs were written: {}", written.join(", ")));
    }

    if problems.is_empty() { Vec::new() } else { vec![format!("{rel} ({lang}):\n  - {}\n  stderr:\n{stderr}", problems.join("\n  - "))] }
}

#[test]
fn every_bad_bundle_fails_with_a_located_message_and_writes_nothing() {
    let names = fixtures();
    assert!(names.len() >= 15, "only {} bad bundles under {BAD}; expected at least 15", names.len());
    let failures: Vec<String> = names.iter().flat_map(|name| check_fixture(name, "en")).collect();
    assert!(failures.is_empty(), "{} of {} bad bundles misbehaved:\n\n{}", failures.len(), names.len(), failures.join("\n"));
}

#[test]
fn locations_are_recognised() {
    assert!(has_location("tests/fixtures/bad/01-toml-syntax/booklet.toml:3:10: x"));
    assert!(has_location("a/duties.toml:1:2: [duties] is given twice"));
    assert!(!has_location("failed tests/fixtures/bad/22-font-warning: 1 warning denied"));
    assert!(!has_location("a/booklet.toml:3: x"));
    assert!(has_location("a/budget/fy109.csv:4:17: `amount` is"));
}

#[test]
fn every_bad_bundle_fails_in_chinese_with_each_message_translated() {
    let names = fixtures();
    let mut failures: Vec<String> = names.iter().flat_map(|name| check_fixture(name, "zh-TW")).collect();
    for name in &names {
        let dir = root().join(BAD).join(name);
        let (Ok(en), Ok(zh)) = (fs::read_to_string(dir.join("expect.txt")), fs::read_to_string(dir.join("expect.zh-TW.txt"))) else {
            continue;
        };
        let (en, zh) = (snippets_of(&en), snippets_of(&zh));
        if en.len() != zh.len() {
            failures.push(format!("{name}: {} English snippets, {} Chinese", en.len(), zh.len()));
        }
        for (e, z) in en.iter().zip(&zh) {
            if e == z {
                failures.push(format!("{name}: the Chinese snippet is the English one: {z}"));
            }
            let latin = common::latin_words(z);
            if !latin.is_empty() {
                failures.push(format!("{name}: Latin words {latin:?} in {z}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n\n{}", failures.len(), failures.join("\n"));
}
