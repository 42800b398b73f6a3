//! No valid booklet is refused for a line at a page foot. A page's last
//! line once stood with its baseline on the foot of the text area and its
//! descent in the margin, where the proof (rightly) found it outside the
//! text area: valid bundles were refused, depending on where an entry fell.
//!
//! - `tests/fixtures/page-foot-loss` (a copy of mol-109 with eight entries
//!   of `policy.toml` lengthened, from a report) builds;
//! - a generator makes variants of mol-109 whose entries land at every
//!   height near a page foot: 1 to 8 strings of `policy.toml` and 0 to 6 of
//!   `duties.toml` lengthened by 1 to 120 characters (some ending in a
//!   space) or shortened by 1 to 40, from a fixed seed; every variant must
//!   build. `PAGE_FOOT_CASES` sets how many (1,000 by default);
//!   `PAGE_FOOT_ROOT` takes the templates from another folder, to measure
//!   another layout (with the templates before the fix, 13.5% of the
//!   variants were refused).

mod common;

use std::path::{Path, PathBuf};

use booklet::build::{Engine, Paths};
use booklet::load::{BundleRef, Locator};
use common::{copy_tree, options, root};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

fn engine() -> Engine {
    let templates = std::env::var_os("PAGE_FOOT_ROOT").map_or_else(root, PathBuf::from);
    Engine::new(&Paths::under(&templates)).expect("engine")
}

fn builds(engine: &Engine, dir: &Path) -> Result<(), String> {
    let out = tempfile::tempdir().unwrap();
    let reference = BundleRef { dir: dir.to_path_buf(), name: "mol-109".into() };
    engine
        .typeset(&reference, &options(out.path()))
        .map(|_| ())
        .map_err(|d| d.iter().map(|d| d.render(false)).collect::<Vec<_>>().join("\n"))
}

#[test]
fn the_reported_bundle_builds() {
    builds(&engine(), &root().join("tests/fixtures/page-foot-loss")).unwrap_or_else(|e| panic!("{e}"));
}

/// Filler text of `n` characters, ending in 。.
fn filler(n: usize) -> String {
    const TEXT: &str = "推動勞動政策規劃並強化職場安全衛生保障勞工權益促進就業服務與職業訓練發展";
    let chars: Vec<char> = TEXT.chars().collect();
    (0..n.saturating_sub(1)).map(|i| chars[i % chars.len()]).chain(['。']).collect()
}

/// One change of a string: lengthen it by `grow` characters (ending in a
/// space when `space`), or cut it by `cut` (keeping six).
#[derive(Debug, Clone)]
struct Change {
    index: prop::sample::Index,
    grow: Option<(usize, bool)>,
    cut: usize,
}

fn change() -> impl Strategy<Value = Change> {
    (any::<prop::sample::Index>(), prop::option::weighted(0.7, (1usize..=120, prop::bool::weighted(0.3))), 1usize..=40)
        .prop_map(|(index, grow, cut)| Change { index, grow, cut })
}

/// Applies changes to the strings of one file that print as running text.
fn apply(text: &str, changes: &[Change]) -> String {
    let strings: Vec<_> = Locator::new(text)
        .strings()
        .into_iter()
        .filter(|(path, _, _)| {
            path.contains("items[")
                || path.contains("vision")
                || path.contains("paragraphs")
                || path.ends_with("title")
                || path.ends_with("name")
        })
        .collect();
    if strings.is_empty() {
        return text.to_string();
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for c in changes {
        let (_, span, value) = c.index.get(&strings);
        if edits.iter().any(|(s, _)| s == span) {
            continue;
        }
        let new = match c.grow {
            Some((n, space)) => format!("{value}{}{}", filler(n), if space { " " } else { "" }),
            None => value.chars().take(value.chars().count().saturating_sub(c.cut).max(6)).collect(),
        };
        edits.push((span.clone(), format!("\"{}\"", new.replace('\\', "\\\\").replace('"', "\\\""))));
    }
    edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
    let mut out = text.to_string();
    for (span, new) in edits {
        out.replace_range(span, &new);
    }
    out
}

#[test]
fn entries_at_every_height_near_a_page_foot_build() {
    let cases = std::env::var("PAGE_FOOT_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let engine = engine();
    let work = tempfile::tempdir().unwrap();
    let bundle = work.path().join("mol-109");
    copy_tree(&root().join("inputs/mol-109"), &bundle);
    let policy = std::fs::read_to_string(bundle.join("policy.toml")).unwrap();
    let duties = std::fs::read_to_string(bundle.join("duties.toml")).unwrap();
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let refused = std::cell::Cell::new(0u32);
    let keep_going = std::env::var_os("PAGE_FOOT_COUNT").is_some();
    let strategy = (prop::collection::vec(change(), 1..=8), prop::collection::vec(change(), 0..=6));
    let result = runner.run(&strategy, |(in_policy, in_duties)| {
        std::fs::write(bundle.join("policy.toml"), apply(&policy, &in_policy)).unwrap();
        std::fs::write(bundle.join("duties.toml"), apply(&duties, &in_duties)).unwrap();
        match builds(&engine, &bundle) {
            Ok(()) => Ok(()),
            Err(_) if keep_going => {
                refused.set(refused.get() + 1);
                Ok(())
            }
            Err(e) => Err(TestCaseError::fail(e)),
        }
    });
    eprintln!("{cases} variants, {} refused", refused.get());
    if let Err(e) = result {
        panic!("a valid variant of mol-109 is refused: {e}");
    }
}
