//! The auditors' workbook, read back with calamine: figures, every line of
//! the plans and outcome tables, row counts, and the printed page of rows.

mod common;

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use common::{source_line_index, source_lines, squeeze, typeset_mol};

fn sheet_cells(workbook: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> calamine::Range<Data> {
    workbook.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"))
}

#[test]
fn workbook_holds_the_tables() {
    let typeset = typeset_mol();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(typeset.xlsx.clone())).expect("a valid xlsx");
    assert_eq!(workbook.sheet_names(), vec!["預算員額", "重要施政計畫", "107年度實施成果", "108年1-6月實施成果", "歲出機關別預算表"]);

    // Staffing: numbers, and a SUM formula whose cached value is the total.
    let staffing = sheet_cells(&mut workbook, "預算員額");
    let row: Vec<Data> = staffing.rows().nth(3).expect("a data row").to_vec();
    assert_eq!(row[0], Data::String("勞動部".into()));
    let counts: Vec<f64> = row[1..7].iter().map(|d| d.get_float().expect("a number")).collect();
    assert_eq!(counts, vec![286.0, 11.0, 5.0, 7.0, 15.0, 2.0]);
    assert_eq!(row[7].get_float(), Some(326.0), "the cached total");
    let formulas = workbook.worksheet_formula("預算員額").unwrap();
    assert!(formulas.used_cells().any(|(_, _, f)| f == "SUM(B4:G4)"), "the total is a formula");

    // Every content line of the plans and outcome tables stands in a cell.
    let mut cells = Vec::new();
    for name in ["重要施政計畫", "107年度實施成果", "108年1-6月實施成果"] {
        for (_, _, cell) in sheet_cells(&mut workbook, name).used_cells() {
            cells.push(squeeze(&cell.to_string()));
        }
    }
    let from = source_line_index("（2） 年度重要施政計畫") + 1;
    let lines = source_lines(from..);
    // The section headings between the tables are printed in the booklet, not in the tables.
    let lines: Vec<&String> = lines.iter().filter(|l| !l.contains("計畫實施成果概述")).collect();
    assert!(lines.len() > 600, "{} lines", lines.len());
    let missing: Vec<&&String> = lines.iter().filter(|l| !cells.iter().any(|c| c.contains(l.as_str()))).collect();
    assert!(missing.is_empty(), "{} of {} lines are in no cell, e.g. {:?}", missing.len(), lines.len(), &missing[..missing.len().min(5)]);
}

#[test]
fn row_counts_equal_the_model() {
    let typeset = typeset_mol();
    let booklet = &typeset.bundle.booklet;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(typeset.xlsx.clone())).unwrap();
    let data_rows = |range: &calamine::Range<Data>| range.rows().skip(3).count();

    let plans = booklet.policy.as_ref().unwrap().plans.as_ref().unwrap();
    let contents: usize = plans.work_plans.iter().flat_map(|w| &w.items).map(|i| i.contents.len()).sum();
    assert_eq!(data_rows(&sheet_cells(&mut workbook, "重要施政計畫")), contents);

    let tables = &booklet.outcomes.as_ref().unwrap().tables;
    for (table, name) in tables.iter().zip(["107年度實施成果", "108年1-6月實施成果"]) {
        assert_eq!(data_rows(&sheet_cells(&mut workbook, name)), booklet::workbook::outcome_row_count(table), "{name}");
    }
}

#[test]
fn page_numbers_point_at_the_printed_page() {
    let typeset = typeset_mol();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(typeset.xlsx.clone())).unwrap();
    let mut checked = 0;
    for name in ["107年度實施成果", "108年1-6月實施成果"] {
        let range = sheet_cells(&mut workbook, name);
        for (i, row) in range.rows().skip(3).enumerate() {
            if i % 7 != 0 {
                continue; // a sample
            }
            let subitem = squeeze(&row[6].to_string());
            let result = squeeze(&row[8].to_string());
            let page = row[9].get_float().expect("a page number") as u64;
            let printed = typeset.pages.iter().find(|p| p.number == page).expect("a printed page of that number");
            let text = squeeze(&printed.text);
            // The row's own text starts on its page: the result (a row of
            // the printed table); the sub-item it belongs to starts there or
            // on a page before.
            let head: String = subitem.chars().take(12).collect();
            assert!(
                typeset.pages.iter().filter(|p| p.number <= page).any(|p| squeeze(&p.text).contains(&head)),
                "{name} row {i}: sub-item {head:?} is not on page {page} or before"
            );
            let head: String = result.chars().take(12).collect();
            assert!(text.contains(&head), "{name} row {i}: result {head:?} is not on page {page}");
            checked += 1;
        }
    }
    assert!(checked > 40, "checked {checked} rows");
}

#[test]
fn formula_like_text_is_text() {
    let engine = booklet::Engine::new(&booklet::Paths::under(&common::root())).unwrap();
    let out = tempfile::tempdir().unwrap();
    let bundle = booklet::load::BundleRef { dir: common::root().join("tests/fixtures/small"), name: "small".into() };
    let typeset = engine.typeset(&bundle, &common::options(out.path())).unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(typeset.xlsx.clone())).unwrap();
    let range = sheet_cells(&mut workbook, "109年度");
    let values: Vec<String> = range.used_cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(values.iter().any(|v| v == "=SUM(A1:A2) 非公式"), "{values:?}");
    assert!(values.iter().any(|v| v == "@提及"));
    let formulas = workbook.worksheet_formula("109年度").unwrap();
    assert_eq!(formulas.used_cells().count(), 0, "no formula in an outcome sheet");
    // Staffing with two agencies: a totals row of formulas.
    let staffing = sheet_cells(&mut workbook, "預算員額");
    let totals: Vec<Data> = staffing.rows().nth(5).unwrap().to_vec();
    assert_eq!(totals[0], Data::String("總計".into()));
    assert_eq!(totals[1].get_float(), Some(1010.0));
    assert_eq!(totals[7].get_float(), Some(1020.0));
}
