//! The transcription is complete: every content line of the source text
//! (tests/fixtures/mol-109-source.txt, the plain-text extraction of the
//! printed booklet) stands in the typeset booklet's text.

use std::path::PathBuf;

use booklet::build::{Engine, Options, Paths};
use booklet::load::BundleRef;
use unicode_normalization::UnicodeNormalization;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A source line without its leading list marker and without whitespace.
fn content(line: &str) -> String {
    let mut t: String = line.nfc().collect::<String>().trim().to_string();
    loop {
        t = t.trim_start().to_string();
        let before = t.clone();
        for (open, close) in [("（", "）"), ("(", ")")] {
            if let Some(rest) = t.strip_prefix(open)
                && let Some(end) = rest.find(close)
                && end > 0
                && rest[..end].chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            {
                t = rest[end + close.len()..].to_string();
            }
        }
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十壹貳參".contains(*c)).collect();
        if !digits.is_empty() {
            let rest = &t[digits.len()..];
            if let Some(r) = rest.strip_prefix('、').or_else(|| rest.strip_prefix('.').filter(|r| !r.starts_with(|c: char| c.is_ascii_digit() || c == '.'))) {
                t = r.to_string();
            }
        }
        if t == before {
            return t.chars().filter(|c| !c.is_whitespace()).collect();
        }
    }
}

#[test]
fn every_source_line_is_in_the_pdf() {
    let engine = Engine::new(&Paths::under(&root())).expect("engine");
    let out = tempfile::tempdir().unwrap();
    let options = Options { out_dir: out.path().to_path_buf(), keep_typst: false, deny_warnings: true, check_only: false };
    let bundle = BundleRef { dir: root().join("inputs/mol-109"), name: "mol-109".into() };
    let typeset = engine.typeset(&bundle, &options).unwrap_or_else(|d| panic!("{d:?}"));
    let text: String = typeset.pages.iter().flat_map(|p| p.text.chars()).filter(|c| !c.is_whitespace()).collect();

    let source = std::fs::read_to_string(root().join("tests/fixtures/mol-109-source.txt")).unwrap();
    let lines: Vec<String> = source.lines().map(content).filter(|l| !l.is_empty()).collect();
    assert!(lines.len() > 800, "the source has {} content lines", lines.len());
    let missing: Vec<&String> = lines.iter().filter(|l| !text.contains(l.as_str())).collect();
    assert!(missing.is_empty(), "{} of {} source lines are not in the PDF, e.g. {:#?}", missing.len(), lines.len(), &missing[..missing.len().min(10)]);
}

#[test]
fn markers_are_stripped_but_content_kept() {
    assert_eq!(content("1、 現行法定職掌"), "現行法定職掌");
    assert_eq!(content("（1） 機關主要職掌："), "機關主要職掌：");
    assert_eq!(content("\t一、綜合規劃業務"), "綜合規劃業務");
    assert_eq!(content("2. 107年7月16日核定"), "107年7月16日核定");
    assert_eq!(content("\t286"), "286");
    assert_eq!(content("\t機  關"), "機關");
}
