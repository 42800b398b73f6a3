//! The web edition: every content line of the source text is in the page's
//! text, the page has the structure a screen reader needs (language, title,
//! a nav of the contents, headings in order, tables with captions and
//! scoped header cells), input text is escaped, and a build of several
//! bundles writes an index with the files' SHA-256.

mod common;

use std::path::Path;
use std::process::Command;

use booklet::build::{Engine, Paths};
use booklet::load::BundleRef;
use common::{options, root, source_lines, squeeze};

/// The page's text: without the style sheet and the tags, entities decoded.
fn text_of(html: &str) -> String {
    let body = match html.split_once("</style>") {
        Some((_, rest)) => rest,
        None => html,
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

fn html_of(dir: &Path, name: &str) -> String {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let out = tempfile::tempdir().unwrap();
    let bundle = BundleRef { dir: dir.to_path_buf(), name: name.into() };
    // Warnings allowed: bidi controls have no glyph (they print as 〓 in the PDF).
    let options = booklet::build::Options { deny_warnings: false, ..options(out.path()) };
    let typeset = engine.typeset(&bundle, &options).unwrap_or_else(|d| panic!("{d:#?}"));
    typeset.html.expect("the web edition")
}

#[test]
fn every_source_line_is_in_the_web_edition() {
    let html = html_of(&root().join("inputs/mol-109"), "mol-109");
    let text = squeeze(&text_of(&html));
    let lines = source_lines(..);
    let missing: Vec<&String> = lines.iter().filter(|l| !text.contains(l.as_str())).collect();
    assert!(
        missing.is_empty(),
        "{} of {} source lines are not in the page, e.g. {:#?}",
        missing.len(),
        lines.len(),
        &missing[..missing.len().min(5)]
    );
}

#[test]
fn the_page_has_the_structure_a_reader_needs() {
    let html = html_of(&root().join("inputs/mol-109"), "mol-109");
    assert!(html.contains("<html lang=\"zh-Hant-TW\">"));
    assert!(html.contains("<title>勞動部 109年度 預算總說明</title>"));
    assert!(html.contains("<nav aria-labelledby=\"toc\">"));
    assert!(html.contains("name=\"viewport\""));
    assert!(!html.contains("<script"), "no script");
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("@import") && !html.contains("url("),
        "no request to another host"
    );
    // Headings in order: h1 the title, h2 the parts (and the contents), h3 chapters, h4 sections.
    assert_eq!(html.matches("<h2 id=\"p").count(), 3, "three parts");
    assert!(html.contains("壹、現行法定職掌</h2>") && html.contains("參、以前年度計畫實施成果概述</h2>"));
    assert!(html.contains("（一）組織系統圖</h4>"));
    // Every table has a caption and a labelled, focusable scroll container;
    // every header cell has a scope.
    let tables = html.matches("<table>").count();
    assert!(tables >= 4, "{tables} tables");
    assert_eq!(html.matches("<caption>").count(), tables);
    assert_eq!(html.matches("role=\"region\" aria-label=").count(), tables);
    let header_cells = html.matches("<th ").count() + html.matches("<th>").count();
    assert_eq!(header_cells, html.matches("<th scope=\"").count(), "a header cell without scope");
    // The org chart as a nested list; the staffing figures.
    assert!(html.contains("<div class=\"chart\" role=\"group\""));
    assert!(text_of(&html).contains("勞動部28611571523"), "the staffing row");
    // The work plan cell spans its rows.
    assert!(html.contains("<th scope=\"rowgroup\" rowspan=\""));
}

#[test]
fn untrusted_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let nasty = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "&amp; &lt;", "\u{202e}abc\u{202c}"];
    let manifest = format!(
        "[booklet]\nagency = \"測試部\"\nfiscal_year = 110\ndate = \"2020-08-31\"\n\n[duties.main]\nparagraphs = [{}]\n",
        nasty.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(", ")
    );
    std::fs::write(dir.path().join("booklet.toml"), manifest).unwrap();
    let html = html_of(dir.path(), "nasty");
    assert!(!html.contains("<script"), "a script got through");
    assert!(!html.contains("<img"), "an element got through");
    let text = text_of(&html);
    for t in nasty {
        assert!(text.contains(t), "{t:?} is not printed as written");
    }
}

fn booklet(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_booklet"))
        // English messages, whatever the locale of the machine running the tests.
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

#[test]
fn a_batch_writes_an_index_with_checksums_and_no_html_turns_it_off() {
    let out = tempfile::tempdir().unwrap();
    let out_str = out.path().to_str().unwrap();
    let built = booklet(&root(), &["build", "inputs", "tests/fixtures/small", "--out", out_str]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let index = std::fs::read_to_string(out.path().join("index.html")).expect("an index");
    let sums = std::fs::read_to_string(out.path().join("SHA256SUMS")).unwrap();
    for (name, title) in [("mol-109", "勞動部 109年度 預算總說明"), ("small", "測試部 110年度 預算總說明")] {
        assert!(index.contains(&format!("<a href=\".&#x2f;{name}.html\">{title}</a>")), "{index}");
        for ext in ["html", "pdf", "xlsx", "ods"] {
            let line = sums
                .lines()
                .find(|l| l.ends_with(&format!("  {name}.{ext}")))
                .unwrap_or_else(|| panic!("{name}.{ext} is not in SHA256SUMS"));
            let sha = line.split_whitespace().next().unwrap();
            assert!(index.contains(sha), "the index lacks the SHA-256 of {name}.{ext}");
        }
    }

    let plain = tempfile::tempdir().unwrap();
    let built = booklet(&root(), &["build", "inputs/mol-109", "--no-html", "--out", plain.path().to_str().unwrap()]);
    assert!(built.status.success());
    assert!(!plain.path().join("mol-109.html").exists(), "--no-html wrote the web edition");
    assert!(plain.path().join("mol-109.pdf").exists());
}
