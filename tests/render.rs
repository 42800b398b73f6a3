//! The generated Typst source of a small bundle, as a snapshot; and text
//! that means something in Typst printing as written.

mod common;

use booklet::build::{Engine, Paths};
use booklet::load::BundleRef;
use common::root;

fn small() -> (Engine, booklet::build::Typeset) {
    let engine = Engine::new(&Paths::under(&root())).expect("engine");
    let out = tempfile::tempdir().unwrap();
    let options = common::options(out.path());
    let bundle = BundleRef { dir: root().join("tests/fixtures/small"), name: "small".into() };
    let typeset = engine.typeset(&bundle, &options).unwrap_or_else(|d| panic!("{d:#?}"));
    (engine, typeset)
}

#[test]
fn generated_source_snapshot() {
    let (_, typeset) = small();
    insta::assert_snapshot!("small.typ", typeset.source);
}

#[test]
fn markup_characters_print_as_written() {
    let (_, typeset) = small();
    let text: String = typeset.pages.iter().flat_map(|p| p.text.chars()).filter(|c| !c.is_whitespace()).collect();
    for expected in [
        "本部掌理#測試事項；*非粗體*_非斜體_$x$\"引號\"\\反斜線//非註解<標籤>@參照`程式`。",
        "=非標題",
        "-非清單",
        "+非編號",
        "願景#{1+1}與[方括號]。",
        "措施{大括號}",
        "內容/*非註解*/",
        "=SUM(A1:A2)非公式",
        "@提及",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in the typeset text");
    }
}

#[test]
fn staffing_totals_are_computed() {
    let (_, typeset) = small();
    let text: String = typeset.pages.iter().flat_map(|p| p.text.chars()).filter(|c| !c.is_whitespace()).collect();
    // 測試部 15; 測試署 1,005; 總計 1,020.
    assert!(text.contains("測試部10111201"), "{text}");
    assert!(text.contains("測試署1,0002000"), "{text}");
    assert!(text.contains("1,005"));
    assert!(text.contains("總計1,0103112"), "{text}");
    assert!(text.contains("1,020"));
}
