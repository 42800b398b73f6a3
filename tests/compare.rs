//! Two years side by side: an edited copy of the FY109 bundle
//! (tests/fixtures/compare/mol-109-edited: a unit's duty moved to another
//! unit, a plan content removed, a result reworded, a result added, a
//! staffing figure raised) is compared with the original; exactly those
//! changes are reported, in the PDF's text and in the workbook, and nothing
//! else. Identical bundles report no change; the bytes are reproducible.

mod common;

use std::io::Cursor;

use booklet::build::{Engine, Paths};
use booklet::compare::matching::Kind;
use booklet::compare::output::{Compared, run};
use booklet::load::BundleRef;
use calamine::{Data, DataType, Reader, Xlsx};
use common::{root, squeeze};

fn bundle(path: &str) -> BundleRef {
    let dir = root().join(path);
    BundleRef { name: dir.file_name().unwrap().into(), dir }
}

fn compare(old: &str, new: &str, out: &std::path::Path) -> Compared {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    run(&engine, &bundle(old), &bundle(new), out, Default::default()).unwrap_or_else(|d| panic!("{d:#?}"))
}

#[test]
fn exactly_the_known_changes_are_reported() {
    let out = tempfile::tempdir().unwrap();
    let done = compare("inputs/mol-109", "tests/fixtures/compare/mol-109-edited", out.path());
    let r = &done.report;
    let found: Vec<(String, Kind, &str, String, String)> = r
        .sections
        .iter()
        .flat_map(|s| s.changes.iter().map(move |c| (s.name.clone(), c.kind, c.what, c.old_text.clone(), c.new_text.clone())))
        .collect();
    let expected = vec![
        ("內部分層業務".to_string(), Kind::Moved, "業務", "勞動政策之研究發展、規劃及宣導。".to_string(), "勞動政策之研究發展、規劃及宣導。".to_string()),
        ("年度重要施政計畫".into(), Kind::Removed, "實施內容", "加強勞動政策溝通及宣導，增進各界對政策認知與瞭解。".into(), String::new()),
        (
            "實施成果（第1表）".into(),
            Kind::Changed,
            "實施成果",
            "107年5月4日辦理完竣「監察院財政及經濟委員會蒞部巡察會議」。".into(),
            "107年5月4日辦理完成「監察院財政及經濟委員會蒞部巡察會議」。".into(),
        ),
        ("實施成果（第2表）".into(), Kind::Added, "實施成果", String::new(), "108年6月辦理勞動政策研討會1場次，計80人參加。".into()),
    ];
    assert_eq!(found, expected);
    let moved = &r.sections[0].changes[0];
    assert_eq!((moved.old_place.as_str(), moved.new_place.as_str()), ("綜合規劃司", "勞動關係司"));
    assert_eq!(r.staffing.len(), 1);
    let s = &r.staffing[0];
    assert_eq!((s.agency.as_str(), s.column.as_str(), s.old, s.new, s.difference.as_str()), ("勞動部", "職員", Some(286), Some(290), "+4"));
    assert_eq!(r.total, 5);

    // The PDF: each change with its text, the reworded one marked up; no
    // other change.
    let text: String = done.pages.iter().map(|p| squeeze(&p.text)).collect();
    for (_, _, _, old, new) in &expected {
        for t in [old, new].into_iter().filter(|t| !t.is_empty()) {
            if t.contains("完竣") || t.contains("完成「") {
                continue; // printed as one marked-up line, checked below
            }
            assert!(text.contains(t.as_str()), "{t} is not in the report");
        }
    }
    assert!(text.contains("107年5月4日辦理完竣成「監察院"), "the reworded result is not marked up: {text}");
    assert_eq!(text.matches('【').count(), 4, "{text}");
    assert!(text.contains("勞動部職員286290+4"), "{text}");

    // The workbook: one row per change, the staffing difference a formula.
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&done.xlsx).unwrap())).unwrap();
    let changes = book.worksheet_range("變動").unwrap();
    let rows: Vec<Vec<String>> = changes.rows().skip(3).map(|r| r.iter().map(|c| c.to_string()).collect()).filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty())).collect();
    assert_eq!(rows.len(), 4, "{rows:?}");
    let kinds: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(kinds, ["移動", "刪除", "修改", "新增"]);
    assert_eq!(rows[2][5], "107年5月4日辦理完竣「監察院財政及經濟委員會蒞部巡察會議」。");
    assert_eq!(rows[2][6], "107年5月4日辦理完成「監察院財政及經濟委員會蒞部巡察會議」。");
    let staffing = book.worksheet_range("預算員額變動").unwrap();
    let row: Vec<&Data> = staffing.rows().nth(3).unwrap().iter().collect();
    assert_eq!((row[2].get_float(), row[3].get_float(), row[4].get_float()), (Some(286.0), Some(290.0), Some(4.0)));
    let formulas = book.worksheet_formula("預算員額變動").unwrap();
    assert!(formulas.used_cells().any(|(_, _, f)| f.contains("D4-C4")), "the difference is a formula");
}

#[test]
fn identical_bundles_report_no_change_and_the_bytes_repeat() {
    let out = tempfile::tempdir().unwrap();
    let first = compare("inputs/mol-109", "inputs/mol-109", out.path());
    assert_eq!(first.report.total, 0);
    assert!(first.report.sections.is_empty());
    let text: String = first.pages.iter().map(|p| squeeze(&p.text)).collect();
    assert!(text.contains("無任何變動"), "{text}");
    let pdf = std::fs::read(&first.pdf).unwrap();
    let xlsx = std::fs::read(&first.xlsx).unwrap();
    let again = compare("inputs/mol-109", "inputs/mol-109", out.path());
    assert!(std::fs::read(&again.pdf).unwrap() == pdf, "the PDF differs between runs");
    assert!(std::fs::read(&again.xlsx).unwrap() == xlsx, "the workbook differs between runs");
}

#[test]
fn bundles_of_different_agencies_give_a_warning_and_bad_ones_their_errors() {
    let out = tempfile::tempdir().unwrap();
    let done = compare("tests/fixtures/small", "inputs/mol-109", out.path());
    assert!(done.warnings.iter().any(|w| w.message.contains("different agencies")), "{:#?}", done.warnings);
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let bad = run(&engine, &bundle("tests/fixtures/bad/31-plans-total"), &bundle("inputs/mol-109"), out.path(), Default::default());
    let errors = bad.err().expect("a bad bundle fails");
    assert!(errors.iter().any(|d| d.render(false).contains("31-plans-total/booklet.toml:7:9")), "{errors:#?}");
}

/// Text that means something in Typst prints as written in the report, on
/// both sides of a change.
#[test]
fn untrusted_text_prints_as_written_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("small-edited");
    common::copy_tree(&root().join("tests/fixtures/small"), &edited);
    let manifest = edited.join("booklet.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let changed = text.replace("*非粗體* _非斜體_", "*仍非粗體* _非斜體_ #{1 + 1} ]) <script>");
    assert_ne!(text, changed);
    std::fs::write(&manifest, changed).unwrap();
    let out = tempfile::tempdir().unwrap();
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let done = run(&engine, &bundle("tests/fixtures/small"), &BundleRef { name: "small-edited".into(), dir: edited }, out.path(), Default::default())
        .unwrap_or_else(|d| panic!("{d:#?}"));
    let change = &done.report.sections[0].changes[0];
    assert_eq!(change.kind, Kind::Changed);
    let text: String = done.pages.iter().map(|p| squeeze(&p.text)).collect();
    for piece in ["本部掌理#測試事項；*", "非粗體*_非斜體_#{1+1}])<script>$x$\"引號\"\\反斜線//非註解<標籤>@參照`程式`。"] {
        assert!(text.contains(piece), "{piece} is not printed as written: {text}");
    }
}
