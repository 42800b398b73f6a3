//! Every booklet shape from bundles alone: each bundle of the shapes corpus
//! (tests/fixtures/shapes, fictional agencies; its README lists what each
//! shows) builds without a warning, every entry in its place, and its
//! workbook reads back with the sheets, numbers and SUM formulas its shape
//! asks for. Reference images of a tree chart and of an amounts table.

mod common;

use std::io::Cursor;
use std::path::PathBuf;

use booklet::build::{Engine, Paths, Typeset};
use booklet::load::BundleRef;
use calamine::{Data, DataType, Reader, Xlsx};
use common::{options, root, shapes, squeeze};

fn typeset(engine: &Engine, dir: &PathBuf) -> Typeset {
    let out = tempfile::tempdir().unwrap();
    let name = dir.file_name().unwrap().to_owned();
    let bundle = BundleRef { dir: dir.clone(), name: name.into() };
    engine.typeset(&bundle, &options(out.path())).unwrap_or_else(|d| {
        let messages: Vec<String> = d.iter().map(|d| d.render(false)).collect();
        panic!("{} does not build:\n{}", dir.display(), messages.join("\n"))
    })
}

fn workbook(typeset: &Typeset) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(typeset.xlsx.clone())).expect("the workbook opens")
}

/// Every formula of a sheet with the value cached beside it.
fn formulas(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<(String, f64)> {
    let formulas = book.worksheet_formula(sheet).expect("formulas");
    let values = book.worksheet_range(sheet).expect("values");
    let mut out = Vec::new();
    for (row, col, formula) in formulas.used_cells() {
        if formula.is_empty() {
            continue;
        }
        let (r, c) = (formulas.start().unwrap().0 + row as u32, formulas.start().unwrap().1 + col as u32);
        let value = values.get_value((r, c)).and_then(|v| v.get_float()).unwrap_or(f64::NAN);
        out.push((formula.clone(), value));
    }
    out
}

#[test]
fn the_corpus_has_six_shapes_and_a_readme() {
    assert!(shapes().len() >= 6, "{} bundles in tests/fixtures/shapes", shapes().len());
    let readme = std::fs::read_to_string(root().join("tests/fixtures/shapes/README.md")).expect("a README");
    for dir in shapes() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(readme.contains(&name), "the README does not list {name}");
    }
}

#[test]
fn every_shape_builds_and_its_workbook_reads_back() {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    for dir in shapes() {
        let typeset = typeset(&engine, &dir);
        let booklet = &typeset.bundle.booklet;
        let mut book = workbook(&typeset);
        let sheets = book.sheet_names();
        // Every table of the booklet has its sheet, with its data rows.
        if let Some(staffing) = booklet.duties.as_ref().and_then(|d| d.organization.as_ref()).and_then(|o| o.staffing.as_ref()) {
            assert!(sheets.contains(&"預算員額".to_string()), "{}: {sheets:?}", dir.display());
            let sums = formulas(&mut book, "預算員額");
            let rows = staffing.rows.len();
            let expected = rows + if rows > 1 { staffing.columns.len() + 1 } else { 0 };
            assert_eq!(sums.len(), expected, "{}: SUM formulas of the staffing sheet", dir.display());
            if rows > 1 {
                let grand: i64 = staffing.rows.iter().map(|r| r.sum()).sum();
                assert_eq!(sums.last().unwrap().1, grand as f64, "{}: the staffing grand total", dir.display());
            }
        }
        if let Some(plans) = booklet.policy.as_ref().and_then(|p| p.plans.as_ref())
            && plans.amount.is_some()
        {
            let sums = formulas(&mut book, "計畫預算金額");
            assert_eq!(sums.len(), plans.work_plans.len() + 1, "{}: a SUM per work plan and a total", dir.display());
            for (wp, (formula, value)) in plans.work_plans.iter().zip(&sums) {
                assert!(formula.starts_with("SUM(") || formula.starts_with("=SUM("), "{formula}");
                assert_eq!(*value, wp.amount_sum() as f64, "{}: subtotal of {}", dir.display(), wp.name);
            }
            let grand: i64 = plans.work_plans.iter().map(|w| w.amount_sum()).sum();
            assert_eq!(sums.last().unwrap().1, grand as f64, "{}: the grand total", dir.display());
            // The amounts print with thousands separators.
            let text: String = typeset.pages.iter().map(|p| p.body.as_str()).collect();
            assert!(text.contains(&booklet::view::format_count(grand)), "{}: the total is not printed", dir.display());
        }
        if let Some(outcomes) = &booklet.outcomes {
            for (t, table) in outcomes.tables.iter().enumerate() {
                let name = table.sheet_name(t);
                let range = book.worksheet_range(&name).unwrap_or_else(|e| panic!("{}: {name}: {e}", dir.display()));
                let data = range.rows().skip(3).filter(|r| r.iter().any(|c| *c != Data::Empty)).count();
                assert_eq!(data, booklet::workbook::outcome_row_count(table), "{}: rows of {name}", dir.display());
            }
        }
        for part in &booklet.parts {
            for table in &part.tables {
                let name = table.sheet_name();
                let range = book.worksheet_range(&name).unwrap_or_else(|e| panic!("{}: {name}: {e}", dir.display()));
                let data = range.rows().skip(3).filter(|r| r.iter().any(|c| *c != Data::Empty)).count();
                let totals = table.columns.iter().any(|c| c.total);
                // The notes stand under the table, one a row.
                assert_eq!(data, table.rows.len() + usize::from(totals) + table.notes.len(), "{}: rows of {name}", dir.display());
                let cells: Vec<String> = range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
                for note in &table.notes {
                    assert!(
                        cells.iter().any(|c| c.starts_with('註') && c.ends_with(note.as_str())),
                        "{}: the note {note} is not in {name}",
                        dir.display()
                    );
                }
                if totals {
                    let sums = formulas(&mut book, &name);
                    for (k, column) in table.columns.iter().enumerate().filter(|(_, c)| c.total) {
                        assert!(
                            sums.iter().any(|(_, v)| *v == table.column_sum(k) as f64),
                            "{}: the total of {}",
                            dir.display(),
                            column.name
                        );
                    }
                }
            }
        }
        // Every part heading, in the bundle's order, is in the bookmarks' order.
        let headings: Vec<String> = typeset.view.parts.iter().map(|p| squeeze(&format!("{}{}", p.number, p.heading))).collect();
        let text: String = typeset.pages.iter().map(|p| p.body.as_str()).collect();
        let mut at = 0;
        for heading in &headings {
            let found = text[at..]
                .find(heading.as_str())
                .unwrap_or_else(|| panic!("{}: {heading} is not after the parts before it", dir.display()));
            at += found + heading.len();
        }
    }
}

/// The reference images: the page of a tree chart and of an amounts table.
#[test]
fn a_tree_chart_and_an_amounts_table_look_as_approved() {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let mut failures = Vec::new();
    let mut seen = (false, false);
    for dir in shapes() {
        let typeset = typeset(&engine, &dir);
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let chart = typeset.bundle.booklet.duties.as_ref().and_then(|d| d.organization.as_ref()).and_then(|o| o.chart.as_ref());
        if !seen.0 && chart.is_some_and(|c| !c.boxes.is_empty()) {
            seen.0 = true;
            let page =
                typeset.pages.iter().position(|p| p.body.contains("組織系統圖") && !p.body.contains("目次")).expect("the chart's page");
            if let Err(f) = common::looks_as_approved(&format!("shapes-{name}-tree-chart"), &typeset.document.pages()[page]) {
                failures.push(f);
            }
        }
        let plans = typeset.bundle.booklet.policy.as_ref().and_then(|p| p.plans.as_ref());
        if !seen.1 && plans.is_some_and(|p| p.amount.is_some()) {
            seen.1 = true;
            let page = typeset.pages.iter().position(|p| p.body.contains("小計")).expect("the amounts table's page");
            if let Err(f) = common::looks_as_approved(&format!("shapes-{name}-amounts"), &typeset.document.pages()[page]) {
                failures.push(f);
            }
        }
    }
    assert!(seen.0 && seen.1, "the corpus needs a tree chart and an amounts table");
    assert!(failures.is_empty(), "pages differ from tests/visual (run `just bless` after a deliberate change):\n{}", failures.join("\n"));
}

/// The reference images of each shape's busiest page: the page (the
/// contents aside) that prints the most text.
#[test]
fn busiest_pages_of_every_shape_look_as_approved() {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let mut failures = Vec::new();
    for dir in shapes() {
        let typeset = typeset(&engine, &dir);
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let text = |p: &booklet::typeset::PageText| p.body.chars().filter(|c| !c.is_whitespace()).count();
        let (page, _) = typeset
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.body.contains("目次"))
            .max_by_key(|(k, p)| (text(p), std::cmp::Reverse(*k)))
            .expect("a page");
        if let Err(f) = common::looks_as_approved(&format!("shapes-{name}-busiest"), &typeset.document.pages()[page]) {
            failures.push(f);
        }
    }
    assert!(failures.is_empty(), "pages differ from tests/visual (run `just bless` after a deliberate change):\n{}", failures.join("\n"));
}

/// Forty boxes with names of twelve characters fit one page, as text: a
/// chain of four above two levels of eighteen units each, with staff
/// offices beside the line.
#[test]
fn forty_boxes_of_twelve_characters_fit_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let name = |i: usize| format!("第{i:02}範例業務規劃推動處");
    assert_eq!(name(1).chars().count(), 12);
    let mut boxes = vec![
        "{ name = \"院長\" }".to_string(),
        "{ name = \"副院長\", parent = \"院長\" }".into(),
        "{ name = \"秘書長\", parent = \"副院長\" }".into(),
        "{ name = \"發言人室\", parent = \"秘書長\", staff = true }".into(),
        "{ name = \"副秘書長\", parent = \"秘書長\" }".into(),
    ];
    for i in 1..=18 {
        boxes.push(format!("{{ name = \"{}\", parent = \"副秘書長\" }}", name(i)));
    }
    for i in 19..=35 {
        boxes.push(format!("{{ name = \"{}\", parent = \"{}\" }}", name(i), name(i - 18)));
    }
    assert_eq!(boxes.len(), 40);
    let manifest = format!(
        "[booklet]\nagency = \"範例院\"\nfiscal_year = 113\ndate = \"2023-08-31\"\n\n[duties.organization.chart]\nboxes = [\n  {},\n]\n",
        boxes.join(",\n  ")
    );
    std::fs::write(dir.path().join("booklet.toml"), manifest).unwrap();
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let typeset = typeset(&engine, &dir.path().to_path_buf());
    let page = typeset.pages.iter().find(|p| p.body.contains("院長") && !p.body.contains("目次")).expect("the chart's page");
    // Not a heading left alone on the page before: the chart is under it.
    assert!(page.body.contains("組織系統圖"), "the chart is not on its heading's page");
    for i in 1..=35 {
        assert!(page.body.contains(&name(i)), "{} is not on the chart's page", name(i));
    }
    assert!(page.outside.chars().all(|c| c.is_ascii_digit() || "－ ".contains(c)), "text outside the page: {}", page.outside);
}
