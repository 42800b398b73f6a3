//! Print production: bookmarks read back from the PDF, parts on right-hand
//! pages, the PDF/A declaration, the org chart's text, and selected pages
//! compared with reference images (`just bless` renews them).

mod common;

use common::{root, squeeze, typeset_mol};

/// Reference pages: (file stem, how to find the physical page).
/// A bookmark: level, title, physical page.
struct Bookmark {
    level: usize,
    title: String,
    page: usize,
}

fn reference_pages(typeset: &booklet::build::Typeset, toc: &[Bookmark]) -> Vec<(&'static str, usize)> {
    let page_of = |title: &str| toc.iter().find(|t| squeeze(&t.title).contains(title)).map(|t| t.page).expect(title);
    let outcome = page_of("前（107）年度計畫實施成果概述");
    vec![
        ("cover", 1),
        ("contents", 3),
        ("org-chart-and-staffing", page_of("組織系統圖")),
        // The page after an outcome table begins: the table carries on there,
        // with its header row repeated.
        ("outcome-table-continued", outcome + 1),
        ("last", typeset.pages.len()),
    ]
}

fn toc(pdf: &[u8]) -> Vec<Bookmark> {
    let document = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let toc = document.get_toc().expect("the PDF has bookmarks");
    assert!(toc.errors.is_empty(), "{:?}", toc.errors);
    toc.toc.into_iter().map(|t| Bookmark { level: t.level, title: t.title, page: t.page }).collect()
}

#[test]
fn bookmarks_list_every_section_on_its_page() {
    let typeset = typeset_mol();
    let toc = toc(&typeset.pdf);
    let mut expected = Vec::new();
    for part in &typeset.view.parts {
        expected.push((1, format!("{}{}", part.number, part.heading)));
        for chapter in &part.chapters {
            expected.push((2, format!("{}{}", chapter.number, chapter.heading)));
            if let booklet::view::Content::Sections { sections } = &chapter.content {
                for section in sections {
                    expected.push((3, format!("{}{}", section.number, section.heading)));
                }
            }
        }
    }
    if let Some(b) = &typeset.view.budget {
        expected.push((1, b.heading.clone()));
        expected.push((2, b.chart_heading.clone()));
    }
    let found: Vec<(usize, String)> = toc.iter().map(|t| (t.level, t.title.clone())).collect();
    assert_eq!(found, expected);
    for entry in &toc {
        let page = &typeset.pages[entry.page - 1];
        assert!(squeeze(&page.text).contains(&squeeze(&entry.title)), "{} is not on page {}", entry.title, entry.page);
        if entry.level == 1 {
            assert_eq!(entry.page % 2, 1, "{} starts on page {}, a left-hand page", entry.title, entry.page);
        }
    }
}

#[test]
fn the_pdf_declares_pdf_a() {
    let typeset = typeset_mol();
    let pdf = String::from_utf8_lossy(&typeset.pdf);
    assert!(pdf.contains("<pdfaid:part>2</pdfaid:part>"), "no PDF/A part");
    assert!(pdf.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "no PDF/A conformance");
    assert!(pdf.contains("<rdf:li>zh-TW</rdf:li>"), "no document language");
}

#[test]
fn the_org_chart_shows_every_unit_as_text() {
    let typeset = typeset_mol();
    let toc = toc(&typeset.pdf);
    let page = toc.iter().find(|t| t.title.contains("組織系統圖")).expect("the org chart's bookmark").page;
    let text = squeeze(&typeset.pages[page - 1].text);
    let units = &typeset.bundle.booklet.duties.as_ref().unwrap().units.as_ref().unwrap().list;
    assert_eq!(units.len(), 12);
    for unit in units {
        assert!(text.contains(&unit.name), "{} is not on the org chart page", unit.name);
    }
}

#[test]
fn pages_look_as_approved() {
    let typeset = typeset_mol();
    let toc = toc(&typeset.pdf);
    let mut failures = Vec::new();
    for (name, page) in reference_pages(&typeset, &toc) {
        if let Err(failure) = common::looks_as_approved(name, &typeset.document.pages()[page - 1]) {
            failures.push(failure);
        }
    }
    assert!(failures.is_empty(), "pages differ from tests/visual (run `just bless` after a deliberate change):\n{}", failures.join("\n"));
}

#[test]
fn an_org_chart_of_thirty_units_fits_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let numeral: booklet::numbering::Pattern = "一".parse().unwrap();
    let names: Vec<String> = (1..=30)
        .map(|i| if i % 3 == 0 { format!("第{}勞動條件平等司", numeral.format(i)) } else { format!("第{}處", numeral.format(i)) })
        .collect();
    let mut manifest = String::from(
        "[booklet]\nagency = \"測試部\"\nfiscal_year = 110\n\n[duties.organization.chart]\nagencies = [\"所屬甲署\", \"所屬乙署\"]\nunits = [",
    );
    manifest.push_str(&names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", "));
    manifest.push_str("]\n");
    std::fs::write(dir.path().join("booklet.toml"), manifest).unwrap();
    let engine = booklet::Engine::new(&booklet::Paths::under(&root())).unwrap();
    let out = tempfile::tempdir().unwrap();
    let bundle = booklet::load::BundleRef { dir: dir.path().to_path_buf(), name: "org".into() };
    let typeset = engine.typeset(&bundle, &common::options(out.path())).unwrap_or_else(|d| panic!("{d:#?}"));
    let toc = toc(&typeset.pdf);
    let page = toc.iter().find(|t| t.title.contains("組織系統圖")).expect("the chart's bookmark").page;
    let text = squeeze(&typeset.pages[page - 1].text);
    for name in names.iter().chain(["所屬甲署".to_string(), "所屬乙署".to_string()].iter()) {
        assert!(text.contains(name.as_str()), "{name} is not on the org chart's page {page}");
    }
}
