//! Two years side by side: an edited copy of the FY109 bundle
//! (tests/fixtures/compare/mol-109-edited: a unit's duty moved to another
//! unit, a plan content removed, a result reworded, a result added, a
//! staffing figure raised) is compared with the original; exactly those
//! changes are reported, in the PDF's text and in the workbook, and nothing
//! else. One amount of the county's plans table changed is one change, with
//! the subtotal and total it moves. Identical bundles report no change; the
//! bytes are reproducible.

mod common;

use std::io::Cursor;

use booklet::build::{Engine, Paths};
use booklet::compare::Style;
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
    compare_refs(&bundle(old), &bundle(new), out, Style::Inline)
}

fn compare_refs(old: &BundleRef, new: &BundleRef, out: &std::path::Path, style: Style) -> Compared {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    run(&engine, old, new, out, Default::default(), style).unwrap_or_else(|d| panic!("{d:#?}"))
}

/// A copy of a bundle with some text replaced (each must occur).
fn edited(from: &str, edits: &[(&str, &str)], dir: &std::path::Path) -> BundleRef {
    let to = dir.join(format!("{}-edited", root().join(from).file_name().unwrap().to_string_lossy()));
    common::copy_tree(&root().join(from), &to);
    for entry in std::fs::read_dir(&to).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let mut text = std::fs::read_to_string(&path).unwrap();
            for (old, new) in edits {
                text = text.replace(old, new);
            }
            std::fs::write(&path, text).unwrap();
        }
    }
    BundleRef { name: to.file_name().unwrap().into(), dir: to }
}

fn workbook_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(path).unwrap())).unwrap();
    let changes = book.worksheet_range("變動").unwrap();
    changes
        .rows()
        .skip(3)
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .filter(|r: &Vec<String>| r.iter().any(|c| !c.is_empty()))
        .collect()
}

/// The county's first amount raised by 10,000 (with the stated subtotal and
/// total it moves): one change, the amount, with its subtotal and total
/// shown as moved by it, in the PDF and in the workbook.
#[test]
fn an_amount_changed_is_one_change_with_the_totals_it_moves() {
    let dir = tempfile::tempdir().unwrap();
    let new = edited("tests/fixtures/shapes/county", &[("152340", "162340"), ("170590", "180590"), ("739050", "749050")], dir.path());
    let out = tempfile::tempdir().unwrap();
    for style in [Style::Inline, Style::Table] {
        let done = compare_refs(&bundle("tests/fixtures/shapes/county"), &new, out.path(), style);
        let r = &done.report;
        assert_eq!(r.total, 1, "{:#?}", r.sections);
        let c = &r.sections[0].changes[0];
        assert_eq!((c.kind, c.what, c.field.as_str()), (Kind::Changed, "重要計畫項目", "預算金額（千元）"));
        assert_eq!(c.new_place, "一般行政 ＞ 基本行政工作維持");
        let f = c.figure.as_ref().expect("a figure");
        assert_eq!((f.old, f.new, f.difference.as_str()), (Some(152340), Some(162340), "+10,000"));
        let totals: Vec<(&str, &str, &str, &str)> = c
            .totals
            .iter()
            .map(|t| (t.name.as_str(), t.figure.old_text.as_str(), t.figure.new_text.as_str(), t.figure.difference.as_str()))
            .collect();
        assert_eq!(totals, [("小計（一般行政）", "170,590", "180,590", "+10,000"), ("總計", "739,050", "749,050", "+10,000")]);

        let text: String = done.pages.iter().map(|p| squeeze(&p.text)).collect();
        match style {
            Style::Inline => {
                assert!(text.contains("152,340→162,340+10,000"), "{text}");
                assert!(text.contains("小計（一般行政）170,590→180,590+10,000"), "{text}");
                assert!(text.contains("總計739,050→749,050+10,000"), "{text}");
            }
            Style::Table => {
                assert!(text.contains("本年度（113年度）上年度（113年度）說明"), "{text}");
                assert!(text.contains("預算金額（千元）：162,340預算金額（千元）：152,340"), "{text}");
                assert!(text.contains("小計（一般行政）：170,590→180,590（+10,000）"), "{text}");
            }
        }
        let rows = workbook_rows(&done.xlsx);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(
            (rows[0][3].as_str(), rows[0][8].as_str(), rows[0][9].as_str(), rows[0][10].as_str()),
            ("預算金額（千元）", "152340", "162340", "10000")
        );
        assert!(rows[0][12].contains("總計 739,050 → 749,050"), "{rows:?}");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&done.xlsx).unwrap())).unwrap();
        let formulas = book.worksheet_formula("變動").unwrap();
        assert!(formulas.used_cells().any(|(_, _, f)| f.contains("J4-I4")), "the difference is a formula");
    }
}

/// What the old comparison missed in a further part: a remark, an amount
/// and a text cell of its table, and a removed plan item with its amount.
#[test]
fn remarks_cells_and_a_removed_item_with_its_amount_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let new = edited(
        "tests/fixtures/shapes/county",
        &[
            ("remarks = \"含人事費\"", "remarks = \"含人事費及業務費\""),
            (
                "[[policy.plans.work_plans.items]]\ntitle = \"資訊管理\"\ncontents = [\"維護縣政資訊系統及網路安全。\"]\namount = 18250\n",
                "",
            ),
            ("total = 170590", "total = 152340"),
            ("total = 739050", "total = 720800"),
        ],
        dir.path(),
    );
    let out = tempfile::tempdir().unwrap();
    let done = compare_refs(&bundle("tests/fixtures/shapes/county"), &new, out.path(), Style::Inline);
    let r = &done.report;
    let found: Vec<(Kind, &str, &str, &str, &str)> = r
        .sections
        .iter()
        .flat_map(|s| &s.changes)
        .map(|c| (c.kind, c.what, c.field.as_str(), c.old_text.as_str(), c.new_text.as_str()))
        .collect();
    assert_eq!(
        found,
        [(Kind::Changed, "重要計畫項目", "備註", "含人事費", "含人事費及業務費"), (Kind::Removed, "重要計畫項目", "", "資訊管理", "")],
        "{:#?}",
        r.sections
    );
    let removed = &r.sections[0].changes[1];
    assert_eq!(removed.figure.as_ref().map(|f| (f.old, f.new)), Some((Some(18250), None)));
    assert!(removed.fields.iter().any(|f| f.text == "18,250"), "{removed:#?}");
    assert_eq!(removed.totals.len(), 2, "{removed:#?}");
    let text: String = done.pages.iter().map(|p| squeeze(&p.text)).collect();
    assert!(text.contains("預算金額（千元）：18,250"), "{text}");
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
        (
            "內部分層業務：".to_string(),
            Kind::Moved,
            "業務",
            "勞動政策之研究發展、規劃及宣導。".to_string(),
            "勞動政策之研究發展、規劃及宣導。".to_string(),
        ),
        ("本部預算員額說明表".into(), Kind::Changed, "機關", "286".into(), "290".into()),
        ("年度重要施政計畫".into(), Kind::Removed, "實施內容", "加強勞動政策溝通及宣導，增進各界對政策認知與瞭解。".into(), String::new()),
        (
            "前（107）年度計畫實施成果概述".into(),
            Kind::Changed,
            "實施成果",
            "107年5月4日辦理完竣「監察院財政及經濟委員會蒞部巡察會議」。".into(),
            "107年5月4日辦理完成「監察院財政及經濟委員會蒞部巡察會議」。".into(),
        ),
        (
            "上年度已過期間（108年1月1日至6月30日止）計畫實施成果概述".into(),
            Kind::Added,
            "實施成果",
            String::new(),
            "108年6月辦理勞動政策研討會1場次，計80人參加。".into(),
        ),
        // An amount of the budget data (勞動法務業務, 7,921 → 8,021 千元).
        ("歲出機關別預算表".into(), Kind::Changed, "目", "7,921".into(), "8,021".into()),
    ];
    assert_eq!(found, expected);
    let budget = r.sections.iter().flat_map(|s| &s.changes).find(|c| c.what == "目").unwrap();
    let f = budget.figure.as_ref().expect("the amount's figure");
    assert_eq!((f.old, f.new), (Some(7921), Some(8021)));
    // It moves the agency's and the 款's totals (and the row's comparison).
    let moved: Vec<(&str, &str, &str)> =
        budget.totals.iter().map(|t| (t.name.as_str(), t.figure.old_text.as_str(), t.figure.new_text.as_str())).collect();
    assert!(moved.contains(&("本年度預算數（勞動部）", "146,104,487", "146,104,587")), "{moved:?}");
    assert!(moved.contains(&("本年度預算數（勞動部主管）", "146,104,487", "146,104,587")), "{moved:?}");
    assert!(moved.contains(&("本年度與上年度比較（勞動法務業務）", "210", "310")), "{moved:?}");
    let moved = &r.sections[0].changes[0];
    assert_eq!((moved.old_place.as_str(), moved.new_place.as_str()), ("綜合規劃司", "勞動關係司"));
    let staffing: Vec<_> = r.sections.iter().flat_map(|s| &s.changes).filter(|c| c.what == "機關").collect();
    assert_eq!(staffing.len(), 1);
    let s = staffing[0];
    let f = s.figure.as_ref().expect("a figure");
    assert_eq!(
        (s.new_place.as_str(), s.field.as_str(), f.old, f.new, f.difference.as_str()),
        ("勞動部", "職員", Some(286), Some(290), "+4")
    );
    assert_eq!(r.total, 6);

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
    assert_eq!(text.matches('【').count(), 6, "{text}");
    assert!(text.contains("【修改】機關職員位置：勞動部286→290+4"), "{text}");
    assert!(text.contains("合計（勞動部）326→330+4"), "{text}");

    // The workbook: one row per change, the staffing difference a formula.
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(std::fs::read(&done.xlsx).unwrap())).unwrap();
    let rows = workbook_rows(&done.xlsx);
    assert_eq!(rows.len(), 6, "{rows:?}");
    let kinds: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(kinds, ["移動", "修改", "刪除", "修改", "新增", "修改"]);
    assert_eq!(rows[3][6], "107年5月4日辦理完竣「監察院財政及經濟委員會蒞部巡察會議」。");
    assert_eq!(rows[3][7], "107年5月4日辦理完成「監察院財政及經濟委員會蒞部巡察會議」。");
    let staffing = book.worksheet_range("變動").unwrap();
    let row: Vec<&Data> = staffing.rows().nth(4).unwrap().iter().collect();
    assert_eq!((row[8].get_float(), row[9].get_float(), row[10].get_float()), (Some(286.0), Some(290.0), Some(4.0)));
    let formulas = book.worksheet_formula("變動").unwrap();
    assert!(formulas.used_cells().any(|(_, _, f)| f.contains("J5-I5")), "the difference is a formula");
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
    let bad = run(
        &engine,
        &bundle("tests/fixtures/bad/31-plans-total"),
        &bundle("inputs/mol-109"),
        out.path(),
        Default::default(),
        Style::Inline,
    );
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
    let done = run(
        &engine,
        &bundle("tests/fixtures/small"),
        &BundleRef { name: "small-edited".into(), dir: edited },
        out.path(),
        Default::default(),
        Style::Inline,
    )
    .unwrap_or_else(|d| panic!("{d:#?}"));
    let change = &done.report.sections[0].changes[0];
    assert_eq!(change.kind, Kind::Changed);
    let text: String = done.pages.iter().map(|p| squeeze(&p.text)).collect();
    for piece in ["本部掌理#測試事項；*", "非粗體*_非斜體_#{1+1}])<script>$x$\"引號\"\\反斜線//非註解<標籤>@參照`程式`。"]
    {
        assert!(text.contains(piece), "{piece} is not printed as written: {text}");
    }
}
