//! Fuzzing: mutated copies of the real bundle go through load, validation,
//! the view and the template; none may panic. Slow, so ignored by default:
//! `just fuzz` runs it (FUZZ_CASES sets the number of cases, 100,000 by
//! default there). Valid mutants are also laid out now and then.

mod common;

use std::fs;

use booklet::build::{Engine, Paths};
use booklet::load::BundleRef;
use common::{options, root};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// What a mutation does to one file of the bundle.
#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    Replace { at: usize, len: usize, text: String },
}

fn snippet() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("[".to_string()),
        Just("]]".to_string()),
        Just(" = ".to_string()),
        Just("\n".to_string()),
        Just("-1".to_string()),
        Just("1.5".to_string()),
        Just("9223372036854775807".to_string()),
        Just("\\u0007".to_string()),
        Just("\\".to_string()),
        Just("[[duties.units.list]]\n".to_string()),
        Just("[[outcomes.tables]]\n".to_string()),
        Just("include = [\"../x.toml\"]\n".to_string()),
        Just("1、".to_string()),
        Just("#set page(\"a5\")".to_string()),
        Just("{{ x }}".to_string()),
        Just("𠀀😀\u{0301}\u{202e}".to_string()),
        any::<String>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), snippet()).prop_map(|(at, text)| Mutation::Insert { at, text }),
        any::<usize>().prop_map(|line| Mutation::DuplicateLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        (any::<usize>(), 1usize..8, snippet()).prop_map(|(at, len, text)| Mutation::Replace { at, len, text }),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> Vec<u8> {
    let bytes = text.as_bytes();
    let n = bytes.len().max(1);
    let mut out = bytes.to_vec();
    match mutation {
        Mutation::Delete { at, len } => {
            let at = at % n;
            out.drain(at.min(out.len())..(at + len).min(out.len()));
        }
        Mutation::Insert { at, text } => {
            let at = (at % n).min(out.len());
            out.splice(at..at, text.bytes());
        }
        Mutation::Replace { at, len, text } => {
            let at = (at % n).min(out.len());
            out.splice(at..(at + len).min(out.len()), text.bytes());
        }
        Mutation::DuplicateLine { line } => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let l = line % lines.len();
                lines.insert(l, lines[l]);
            }
            out = lines.concat().into_bytes();
        }
        Mutation::SwapLines { a, b } => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let (a, b) = (a % lines.len(), b % lines.len());
                lines.swap(a, b);
            }
            out = lines.concat().into_bytes();
        }
    }
    out
}

#[test]
#[ignore = "slow: run with `just fuzz`"]
fn mutated_bundles_never_panic() {
    let cases: u32 = std::env::var("FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1000);
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let source = root().join("inputs/mol-109");
    let files = ["booklet.toml", "duties.toml", "policy.toml", "outcomes-108.toml"];
    let originals: Vec<String> = files.iter().map(|f| fs::read_to_string(source.join(f)).unwrap()).collect();
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(&source).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let bundle = BundleRef { dir: dir.path().to_path_buf(), name: "fuzz".into() };
    let out = tempfile::tempdir().unwrap();
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let strategy = (0..files.len(), proptest::collection::vec(mutation(), 1..4));
    let valid = std::cell::Cell::new(0u32);
    let run = std::cell::Cell::new(0u32);
    runner
        .run(&strategy, |(file, mutations)| {
            let mut text = originals[file].clone();
            let mut bytes = Vec::new();
            for m in &mutations {
                bytes = apply(&text, m);
                text = String::from_utf8_lossy(&bytes).into_owned();
            }
            fs::write(dir.path().join(files[file]), &bytes).unwrap();
            run.set(run.get() + 1);
            if let Ok((checked, _)) = engine.check(&bundle, false) {
                valid.set(valid.get() + 1);
                let view = booklet::view::build(&checked.booklet);
                let _ = booklet::workbook::sheets(&view, &Default::default());
                // Lay out one valid mutant in 500: the whole pipeline.
                if valid.get() % 500 == 1 {
                    let _ = engine.typeset(&bundle, &options(out.path()));
                }
                drop(view);
            }
            fs::write(dir.path().join(files[file]), &originals[file]).unwrap();
            Ok(())
        })
        .unwrap();
    eprintln!("fuzz: {} mutated bundles, {} still valid, no panic", run.get(), valid.get());
}
