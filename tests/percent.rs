//! Percent columns of a further part's table: printed with `%`, kept as
//! numbers in the workbook, refused where they cannot mean anything.

mod common;

use booklet::build::{Engine, Paths};
use common::{copy_tree, root, typeset_dir};

fn bundle(dir: &std::path::Path, edit: impl Fn(String) -> String) -> std::path::PathBuf {
    let to = dir.join("extra-part");
    copy_tree(&root().join("tests/fixtures/shapes/extra-part"), &to);
    let manifest = to.join("booklet.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, edit(text)).unwrap();
    to
}

#[test]
fn percentages_print_with_their_sign_and_stay_numbers_in_the_workbook() {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let typeset = typeset_dir(&engine, &root().join("tests/fixtures/shapes/extra-part")).unwrap();
    let text: String = typeset.pages.iter().map(|p| p.text.clone()).collect();
    assert!(text.contains("95.5%") && text.contains("100%"), "the percentages are not printed");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(typeset.xlsx.clone())).unwrap();
    let range = calamine::Reader::worksheet_range(&mut book, "委辦計畫").unwrap();
    let cells: Vec<String> = range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.iter().any(|c| c == "執行率（%）"), "{cells:?}");
    assert!(cells.iter().any(|c| c == "95.5"), "{cells:?}");
}

#[test]
fn a_totalled_or_infinite_percentage_is_refused() {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let totalled = bundle(dir.path(), |t| {
        t.replace(r#"{ name = "執行率", type = "percent" }"#, r#"{ name = "執行率", type = "percent", total = true }"#)
    });
    let error = typeset_dir(&engine, &totalled).err().expect("a totalled percent column is refused");
    assert!(error.contains("booklet.toml:") && error.contains("percentages"), "{error}");
    let dir = tempfile::tempdir().unwrap();
    let infinite = bundle(dir.path(), |t| t.replace("1800, 100]", "1800, inf]"));
    let error = typeset_dir(&engine, &infinite).err().expect("an infinite percentage is refused");
    assert!(error.contains("is not a number") && error.contains("a percentage"), "{error}");
}
