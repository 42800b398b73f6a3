//! The 歲出機關別預算表 from the government's budget data
//! (tests/fixtures/budget, DGBAS's files as published): mol-109's table
//! read back from its PDF's text and its workbook's cells, a ministry
//! volume, every agency of FY109 built in one batch, and what the
//! legislature changed in FY106.

mod common;

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use booklet::build::{Engine, Paths};
use calamine::{Data, DataType, Reader, Xlsx};
use common::{root, typeset_dir, typeset_mol};

const FY109: &str = "tests/fixtures/budget/central-fy109-proposed.csv";
const FY108: &str = "tests/fixtures/budget/central-fy108-enacted.csv";
const FY106_PROPOSED: &str = "tests/fixtures/budget/central-fy106-proposed.csv";
const FY106_ENACTED: &str = "tests/fixtures/budget/central-fy106-enacted.csv";
const SHEET: &str = "歲出機關別預算表";

fn booklet(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_booklet"))
        // English messages, whatever the locale of the machine running the tests.
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run booklet")
}

/// The data rows of the budget sheet (below the caption and the header).
fn budget_rows(xlsx: &[u8]) -> Vec<Vec<Data>> {
    let mut book = Xlsx::new(Cursor::new(xlsx.to_vec())).expect("a workbook");
    let range = book.worksheet_range(SHEET).expect("the budget sheet");
    range.rows().skip(3).map(|r| r.to_vec()).collect()
}

fn number(d: &Data) -> f64 {
    d.get_float().or_else(|| d.get_int().map(|n| n as f64)).unwrap_or_else(|| panic!("not a number: {d:?}"))
}

/// Whether a test that needs a program may skip where it is missing: not
/// under CI, which installs it.
fn may_skip(program: &str) -> bool {
    let missing = Command::new(program).arg("-v").output().is_err();
    assert!(!(missing && std::env::var_os("CI").is_some()), "{program} is missing under CI");
    missing
}

#[test]
fn mol_109_prints_its_table_from_the_data() {
    let typeset = typeset_mol();
    // The PDF's text, as pdftotext reads it (laid out by position).
    if !may_skip("pdftotext") {
        let work = tempfile::tempdir().unwrap();
        let pdf = work.path().join("mol-109.pdf");
        std::fs::write(&pdf, &typeset.pdf).unwrap();
        let out = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        // From the table's heading (on a page of its own: after a form feed).
        let table = &text[text.find("\x0c歲出機關別預算表\n").expect("the table's heading")..];
        let table = &table[..table.find("按工作計畫（目）").expect("the chart's heading")];
        let line = |name: &str| {
            table
                .lines()
                .find(|l| l.split_whitespace().any(|w| w == name))
                .unwrap_or_else(|| panic!("no row {name}:\n{table}"))
                .split_whitespace()
                .collect::<Vec<_>>()
        };
        assert_eq!(line("勞動部主管")[..5], ["15", "勞動部主管", "146,104,487", "124,716,209", "21,388,278"]);
        assert_eq!(line("勞動部")[..5], ["1", "勞動部", "146,104,487", "124,716,209", "21,388,278"]);
        // 第一預備金: 15.1.8 in FY108, 15.1.9 in FY109, one code, one row.
        assert_eq!(line("第一預備金")[..6], ["9", "第一預備金", "4,245", "4,245", "0", "仍照上年度預算數編列。"]);
        assert_eq!(line("一般建築及設備")[..5], ["8", "一般建築及設備", "1,590", "—", "1,590"]);
        assert_eq!(line("交通及運輸設備")[..5], ["1", "交通及運輸設備", "1,590", "—", "1,590"]);
        // Twelve printed rows: 款, 項, eight 目 without 節, a 目 and its 節.
        let amounts = table.lines().filter(|l| l.split_whitespace().filter(|w| w.contains(',') || *w == "—").count() >= 2).count();
        assert_eq!(amounts, 12, "{table}");
        assert_eq!(table.matches("6330019800").count(), 1);
        assert!(table.contains("單位：新臺幣千元"));
    }
    // The workbook's cells: the amounts as numbers, the totals SUMs.
    let rows = budget_rows(&typeset.xlsx);
    assert_eq!(rows.len(), 12);
    let kuan = &rows[0];
    assert_eq!((kuan[0].to_string(), kuan[4].to_string()), ("15".into(), "勞動部主管".into()));
    assert_eq!((number(&kuan[6]), number(&kuan[7]), number(&kuan[8])), (146_104_487.0, 124_716_209.0, 21_388_278.0));
    let mu: Vec<&Vec<Data>> = rows.iter().filter(|r| !r[5].is_empty()).collect();
    assert_eq!(mu.len(), 9, "nine 目 with their codes");
    assert!(mu.iter().all(|r| matches!(&r[5], Data::String(code) if code.len() == 10)), "codes are text");
    let sum: f64 = mu.iter().map(|r| number(&r[6])).sum();
    assert_eq!(sum, 146_104_487.0, "the 目 add up to the total");
    let mut book = Xlsx::new(Cursor::new(typeset.xlsx.clone())).unwrap();
    let formulas = book.worksheet_formula(SHEET).unwrap();
    let at = |row: u32, col: u32| formulas.get_value((row, col)).cloned().unwrap_or_default();
    assert_eq!(at(3, 6), "SUM(G5)", "the 款 sums its 項");
    assert!(at(4, 6).starts_with("SUM(G6,G7,"), "the 項 sums its 目: {}", at(4, 6));
    assert_eq!(at(3, 8), "G4-H4", "the comparison is a formula");
}

#[test]
fn a_ministry_volume_covers_every_agency_of_its_main_budget() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("mol-ministry");
    let out = booklet(&["new", dir.to_str().unwrap(), "--budget", FY109, "--previous-budget", FY108, "--ministry", "勞動部主管"], &root());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let typeset = typeset_dir(&engine, &dir).unwrap_or_else(|e| panic!("{e}"));
    let b = typeset.view.budget.as_ref().expect("the budget table");
    let agencies: Vec<&str> = b.summary.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(agencies.len(), 7, "six agencies and the total: {agencies:?}");
    let total = b.summary.last().unwrap();
    assert_eq!((total.current.text.as_str(), total.previous.text.as_str()), ("151,541,400", "129,886,293"));
    let rows = budget_rows(&typeset.xlsx);
    assert_eq!((number(&rows[0][6]), number(&rows[0][7])), (151_541_400.0, 129_886_293.0));
    let xiang: Vec<&Vec<Data>> = rows.iter().filter(|r| !r[1].is_empty()).collect();
    assert_eq!(xiang.len(), 6, "a 項 row per agency");
    let text: String = typeset.pages.iter().map(|p| common::squeeze(&p.text)).collect();
    assert!(text.contains("機關別預算總表") && text.contains("勞動力發展署及所屬"));
}

#[test]
fn every_agency_of_fy109_builds_and_adds_up() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("agencies");
    let fy109 = root().join(FY109);
    let fy108 = root().join(FY108);
    let out = booklet(
        &["new", "agencies", "--budget", fy109.to_str().unwrap(), "--previous-budget", fy108.to_str().unwrap(), "--all"],
        work.path(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bundles = std::fs::read_dir(&dir).unwrap().filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir())).count();
    assert_eq!(bundles, 233);
    assert!(dir.join("booklet.schema.json").is_file(), "the schema beside the bundles, for the editor");
    let out = booklet(&["build", "agencies", "--out", "out"], work.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{}", &stderr[stderr.len().saturating_sub(3000)..]);
    assert!(stderr.contains("233 built, 0 skipped (unchanged), 0 failed"), "{}", &stderr[stderr.len().saturating_sub(500)..]);
    let mut total = 0.0;
    let mut books = 0;
    for entry in std::fs::read_dir(work.path().join("out")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xlsx") {
            let rows = budget_rows(&std::fs::read(&path).unwrap());
            total += number(&rows[0][6]);
            books += 1;
        }
    }
    assert_eq!(books, 233);
    let (_, rows) = booklet::budget::read_file(&root().join(FY109), None).unwrap_or_else(|e| panic!("{}", e[0]));
    let data: i64 = rows.iter().map(|r| r.amount).sum();
    assert_eq!(total, (data / 1000) as f64, "the 233 workbooks add up to the data's total");
    assert_eq!(data / 1000, 1_751_033_164);
}

#[test]
fn the_legislatures_changes_of_fy106_are_listed() {
    let work = tempfile::tempdir().unwrap();
    let out = booklet(&["compare", FY106_PROPOSED, FY106_ENACTED, "--out", work.path().to_str().unwrap()], &root());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("670 rows changed"), "{stderr}");
    let xlsx = std::fs::read(work.path().join("central-fy106-enacted-vs-central-fy106-proposed.xlsx")).unwrap();
    let mut book = Xlsx::new(Cursor::new(xlsx)).unwrap();
    let changes = book.worksheet_range("變動").unwrap();
    let changes: Vec<Vec<Data>> = changes.rows().skip(3).map(|r| r.to_vec()).collect();
    // 669 rows with both amounts, and 總統府's 一般建築及設備 only in the proposal.
    let both = changes.iter().filter(|r| !r[5].is_empty() && !r[6].is_empty()).count();
    assert_eq!(both, 669);
    let only: Vec<&Vec<Data>> = changes.iter().filter(|r| r[6].is_empty()).collect();
    assert_eq!(only.len(), 1);
    assert_eq!((only[0][0].to_string(), only[0][3].to_string(), number(&only[0][5])), ("總統府".into(), "一般建築及設備".into(), 8_200.0));
    // Each agency's totals are its rows' sums in each file.
    let (_, proposed) = booklet::budget::read_file(&root().join(FY106_PROPOSED), None).unwrap_or_else(|e| panic!("{}", e[0]));
    let (_, enacted) = booklet::budget::read_file(&root().join(FY106_ENACTED), None).unwrap_or_else(|e| panic!("{}", e[0]));
    let agencies = book.worksheet_range("機關別").unwrap();
    let agencies: Vec<Vec<Data>> = agencies.rows().skip(3).map(|r| r.to_vec()).collect();
    assert_eq!(agencies.len(), 234);
    for a in &agencies {
        let name = a[1].to_string();
        let key = |rows: &[booklet::budget::Row]| rows.iter().find(|r| r.depname == name).map(|r| r.agency_key().to_string());
        let k = key(&proposed).or_else(|| key(&enacted)).unwrap();
        let sum = |rows: &[booklet::budget::Row]| rows.iter().filter(|r| r.agency_key() == k).map(|r| r.amount).sum::<i64>() / 1000;
        assert_eq!((number(&a[2]), number(&a[3])), (sum(&proposed) as f64, sum(&enacted) as f64), "{name}");
    }
    let pdf = work.path().join("central-fy106-enacted-vs-central-fy106-proposed.pdf");
    assert!(std::fs::metadata(pdf).unwrap().len() > 10_000);
}

#[test]
fn the_plans_table_takes_its_amounts_from_the_data() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("mol-109");
    common::copy_tree(&root().join("inputs/mol-109"), &dir);
    let manifest = dir.join("booklet.toml");
    let text = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("agency = \"勞動部\"\n\n[outcomes]", "agency = \"勞動部\"\nplan_amounts = true\n\n[outcomes]");
    assert!(text.contains("plan_amounts = true"));
    std::fs::write(&manifest, text).unwrap();
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let typeset = typeset_dir(&engine, &dir).unwrap_or_else(|e| panic!("{e}"));
    let plans = typeset
        .view
        .parts
        .iter()
        .flat_map(|p| &p.chapters)
        .find_map(|c| match &c.content {
            booklet::view::Content::Plans(p) => Some(p),
            _ => None,
        })
        .expect("the plans table");
    let subtotal =
        |name: &str| plans.work_plans.iter().find(|wp| wp.title == name).and_then(|wp| wp.subtotal.clone()).map(|f| f.text).unwrap();
    assert_eq!(subtotal("綜合規劃業務"), "13,933");
    assert_eq!(subtotal("勞動保險業務"), "145,473,912");
    // The six work plans' 目: 13,933 + 64,903 + 5,356 + 145,473,912 + 29,013 + 7,921.
    assert_eq!(plans.total.as_ref().map(|f| f.text.as_str()), Some("145,595,038"));
    let text: String = typeset.pages.iter().map(|p| common::squeeze(&p.text)).collect();
    assert!(text.contains("145,473,912") && text.contains("145,595,038"));
}
