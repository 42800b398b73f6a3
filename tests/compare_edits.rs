//! Every printed difference is reported. A random single edit of any
//! scalar value of a bundle's TOML files (drawn from the files, not from
//! the view, so that a value the view or the comparison forgot is drawn
//! too) is built and compared with the bundle as it was:
//!
//! - when the edit changes the laid-out pages (what they print, or where),
//!   the comparison reports a change; when it changes their text, the value
//!   as the booklet prints it now (a text, or a number with its thousands
//!   separators) stands in the report's PDF and in its workbook;
//! - when nothing printed changes, the comparison reports nothing.
//!
//! An amount edit updates the stated subtotal and total it moves, and a
//! staffing count the row's stated total, so that the bundle stays valid;
//! an edit that leaves the bundle invalid is drawn again. Over
//! `inputs/mol-109` and every bundle of `tests/fixtures/shapes`,
//! `COMPARE_EDITS` cases (1,000 by default, shared between the two tests).

mod common;

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::Cursor;
use std::path::{Path, PathBuf};

use booklet::build::{Engine, Paths};
use booklet::compare::{Report, Style, compare, output};
use booklet::load::{BundleRef, Locator, Scalar};
use booklet::model::Booklet;
use booklet::view::format_count;
use calamine::{Reader, Xlsx};
use common::{root, squeeze};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// A bundle's files, as text, by name.
type Files = BTreeMap<String, String>;

fn read_bundle(dir: &Path) -> Files {
    // The TOML files, and the budget data beside them (left as it is).
    let data = dir.join("budget");
    let csv =
        std::fs::read_dir(&data).into_iter().flatten().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "csv"));
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .chain(csv)
        .map(|p| (p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

fn write_bundle(dir: &Path, files: &Files) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap();
    }
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// One scalar of one file: where it is and what it holds.
#[derive(Debug, Clone)]
struct Site {
    file: String,
    path: String,
    span: std::ops::Range<usize>,
    value: Scalar,
}

fn sites(files: &Files) -> Vec<Site> {
    files
        .iter()
        .filter(|(file, _)| file.ends_with(".toml"))
        .flat_map(|(file, text)| {
            Locator::new(text).scalars().into_iter().map(move |(path, span, value)| Site { file: file.clone(), path, span, value })
        })
        .collect()
}

/// Replaces the value at a path of a file (when it is there).
fn replace(files: &mut Files, path: &str, f: impl Fn(&Scalar) -> Option<String>) {
    for text in files.iter_mut().filter(|(f, _)| f.ends_with(".toml")).map(|(_, t)| t) {
        let found = Locator::new(text).scalars().into_iter().find(|(p, _, _)| p == path);
        if let Some((_, span, value)) = found
            && let Some(new) = f(&value)
        {
            text.replace_range(span, &new);
            return;
        }
    }
}

fn add(value: &Scalar, d: i64) -> Option<String> {
    match value {
        Scalar::Integer(s) => s.replace('_', "").parse::<i64>().ok().map(|n| (n + d).to_string()),
        _ => None,
    }
}

/// Applies one edit: `choice` picks the kind of change. Gives the edited
/// files and the value as written.
fn edit(files: &Files, site: &Site, choice: usize) -> (Files, String) {
    let mut out = files.clone();
    let text = out.get_mut(&site.file).unwrap();
    let new = match &site.value {
        Scalar::String(s) => {
            let chars: Vec<char> = s.chars().collect();
            let mid = chars.len() / 2;
            let edited: String = match choice % 3 {
                0 => chars[..mid].iter().chain(['測', '試'].iter()).chain(&chars[mid..]).collect(),
                1 => chars.iter().chain(['乙'].iter()).collect(),
                _ => chars.iter().take(chars.len().saturating_sub(1)).chain(['丙'].iter()).collect(),
            };
            toml_string(&edited)
        }
        Scalar::Integer(s) => {
            let n: i64 = s.replace('_', "").parse().unwrap_or(0);
            let d = [1, 10_000, 7][choice % 3];
            (n + d).to_string()
        }
        Scalar::Float(s) => format!("{}", s.parse::<f64>().unwrap_or(0.0) + 0.5),
        Scalar::Boolean(b) => (!b).to_string(),
        Scalar::Datetime(d) => d.replace("-0", "-1"),
    };
    text.replace_range(site.span.clone(), &new);
    // Keep the stated totals right.
    if let Scalar::Integer(_) = site.value {
        let d = [1, 10_000, 7][choice % 3];
        if site.path.ends_with(".amount") && site.path.contains("work_plans[") {
            let work_plan = site.path.rsplit_once(".items[").map_or("", |(w, _)| w).to_string();
            replace(&mut out, &format!("{work_plan}.total"), |v| add(v, d));
            replace(&mut out, "policy.plans.total", |v| add(v, d));
        }
        if site.path.contains("staffing.rows[") && site.path.contains(".counts[") {
            let row = site.path.rsplit_once(".counts").unwrap().0.to_string();
            replace(&mut out, &format!("{row}.total"), |v| add(v, d));
        }
    }
    let shown = match &site.value {
        Scalar::String(_) => {
            Locator::new(&out[&site.file]).strings().into_iter().find(|(p, _, _)| *p == site.path).map(|t| t.2).unwrap_or_default()
        }
        _ => new,
    };
    (out, shown)
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A bundle built in memory: the booklet, the text of its PDF's pages and
/// a hash of its laid-out pages (what they print, and where).
fn build(engine: &Engine, dir: &Path) -> Option<(Booklet, String, u64)> {
    let reference = BundleRef { name: dir.file_name().unwrap().into(), dir: dir.to_path_buf() };
    let mut options = common::options(dir.parent().unwrap());
    options.html = false;
    options.ods = false;
    let done = engine.typeset(&reference, &options).ok()?;
    let text = done.pages.iter().map(|p| squeeze(&p.text)).collect();
    let mut hasher = std::hash::DefaultHasher::new();
    for page in done.document.pages() {
        page.frame.hash(&mut hasher);
    }
    Some((done.bundle.booklet, text, hasher.finish()))
}

/// The report's PDF text and its workbook's cells, joined.
fn report_outputs(engine: &Engine, report: &Report, dir: &Path) -> (String, String) {
    let date = booklet::view::parse_date("2020-01-01");
    let source = output::render(engine, report, Style::Inline, date).unwrap();
    let (_, pages) = engine.typeset_source(&source, Path::new("report"), dir, dir, Default::default()).unwrap_or_else(|d| panic!("{d:#?}"));
    let pdf: String = pages.iter().map(|p| squeeze(&p.text)).collect();
    let bytes = output::workbook(report, (2020, 1, 1)).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("變動").unwrap();
    let cells: String = range.rows().flat_map(|r| r.iter().map(|c| format!("{c}|"))).collect();
    (pdf, cells)
}

/// Runs `cases` edits over the bundles, each bundle in turn.
fn edits_are_reported(bundles: &[PathBuf], cases: u32) {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let work = tempfile::tempdir().unwrap();
    // Each bundle built as it is from where its edits are built, so that
    // only the edit differs.
    let edited_dir = |b: usize| work.path().join(format!("{}-edited", bundles[b].file_name().unwrap().to_string_lossy()));
    let bases: Vec<(Files, Vec<Site>, Booklet, String, u64)> = bundles
        .iter()
        .enumerate()
        .map(|(b, dir)| {
            let files = read_bundle(dir);
            write_bundle(&edited_dir(b), &files);
            let (booklet, text, look) = build(&engine, &edited_dir(b)).unwrap_or_else(|| panic!("{} builds", dir.display()));
            let sites = sites(&files);
            (files, sites, booklet, text, look)
        })
        .collect();
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, max_global_rejects: cases * 4, ..Config::default() });
    let counted = std::cell::Cell::new((0u32, 0u32, 0u32));
    let strategy = (0..bases.len(), any::<prop::sample::Index>(), 0usize..3);
    runner
        .run(&strategy, |(b, site, choice)| {
            let (files, sites, old, old_text, old_look) = &bases[b];
            let site = site.get(sites);
            let (edited, shown) = edit(files, site, choice);
            let dir = edited_dir(b);
            write_bundle(&dir, &edited);
            let Some((new, new_text, new_look)) = build(&engine, &dir) else {
                let c = counted.get();
                counted.set((c.0, c.1, c.2 + 1));
                return Err(TestCaseError::reject("the edit leaves the bundle invalid"));
            };
            let report = compare(old, &new, "old", "new");
            let place = format!("{}: {} = {shown}", bundles[b].display(), site.path);
            if new_look == *old_look {
                let c = counted.get();
                counted.set((c.0 + 1, c.1, c.2));
                prop_assert_eq!(report.total, 0, "{} prints nothing new, yet: {:#?}", place, report.sections);
                return Ok(());
            }
            let c = counted.get();
            counted.set((c.0, c.1 + 1, c.2));
            prop_assert!(report.total > 0, "{} changes the pages but no change is reported", place);
            if new_text == *old_text {
                return Ok(()); // the same text, placed otherwise
            }
            let printed = match &site.value {
                Scalar::Integer(_) => shown.parse::<i64>().ok().map(format_count),
                _ => Some(squeeze(&shown)),
            };
            if let Some(printed) = printed.filter(|p| !p.is_empty() && new_text.contains(p.as_str()) && !old_text.contains(p.as_str())) {
                let (pdf, cells) = report_outputs(&engine, &report, work.path());
                // Inline, a reworded text prints marked up: the deleted
                // stretches stand between the kept and inserted ones.
                let marked = report
                    .sections
                    .iter()
                    .flat_map(|s| &s.changes)
                    .filter(|c| squeeze(&c.new_text).contains(&printed))
                    .map(|c| squeeze(&c.segments.iter().map(|s| s.text.as_str()).collect::<String>()))
                    .any(|m| pdf.contains(&m));
                prop_assert!(pdf.contains(&printed) || marked, "{}: {} is not in the report's PDF: {}", place, printed, pdf);
                let plain = printed.replace(',', "");
                prop_assert!(
                    squeeze(&cells).contains(&printed) || cells.contains(&format!("|{plain}|")),
                    "{}: {} is not in the report's workbook: {}",
                    place,
                    printed,
                    cells
                );
            }
            Ok(())
        })
        .map_err(|e: proptest::test_runner::TestError<_>| e.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let (same, changed, invalid) = counted.get();
    eprintln!("{} cases: {changed} changed the pages, {same} did not, {invalid} were invalid and drawn again", changed + same);
}

fn cases() -> u32 {
    std::env::var("COMPARE_EDITS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)
}

#[test]
fn every_edit_of_mol_109_is_reported() {
    edits_are_reported(&[root().join("inputs/mol-109")], cases() / 2);
}

#[test]
fn every_edit_of_the_shapes_is_reported() {
    edits_are_reported(&common::shapes(), cases() / 2);
}
