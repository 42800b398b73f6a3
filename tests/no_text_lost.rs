//! No text is lost: long entries break across pages and every line of them
//! is in the booklet; a layout that would lose text fails the build with
//! the entry's file and line; table pages fill.
//!
//! The cases are copies of the real FY109 bundle with one thing made long:
//! a sub-item of the FY107 outcome table with 120 results, a result longer
//! than a page, a unit with 200 duties, a work plan with 60 items.

mod common;

use std::path::{Path, PathBuf};

use booklet::build::{Engine, Paths, Typeset};
use booklet::load::BundleRef;
use common::{copy_tree, options, root, squeeze};

/// A copy of inputs/mol-109 in a temporary directory.
fn copy_mol(dir: &Path) -> PathBuf {
    let bundle = dir.join("mol-109");
    copy_tree(&root().join("inputs/mol-109"), &bundle);
    bundle
}

/// Inserts TOML lines after the first line of `file` that equals `after`.
fn insert_after(file: &Path, after: &str, lines: &[String]) {
    let text = std::fs::read_to_string(file).unwrap();
    let at = text.lines().position(|l| l == after).unwrap_or_else(|| panic!("no line {after:?} in {}", file.display()));
    let mut out: Vec<String> = text.lines().map(String::from).collect();
    for (k, line) in lines.iter().enumerate() {
        out.insert(at + 1 + k, line.clone());
    }
    std::fs::write(file, out.join("\n") + "\n").unwrap();
}

fn quoted(entries: &[String]) -> Vec<String> {
    entries.iter().map(|e| format!("  \"{e}\",")).collect()
}

fn typeset(engine: &Engine, bundle: &Path) -> Result<Typeset, Vec<booklet::Diagnostic>> {
    let out = tempfile::tempdir().unwrap();
    let reference = BundleRef { dir: bundle.to_path_buf(), name: "mol-109".into() };
    engine.typeset(&reference, &options(out.path()))
}

fn engine() -> Engine {
    Engine::new(&Paths::under(&root())).expect("engine")
}

/// The booklet's body text, whitespace removed, page by page.
fn body(typeset: &Typeset) -> String {
    typeset.pages.iter().map(|p| p.body.as_str()).collect()
}

fn results(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("壓力測試成果第{i}項：辦理勞動法令說明會第{i}場次，計{}人參加。", 40 + i)).collect()
}

/// The first results list of the FY107 outcome table.
const FIRST_RESULTS: &str = "results = [";

#[test]
fn a_sub_item_with_120_results_prints_every_one() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = copy_mol(dir.path());
    let extra = results(120);
    insert_after(&bundle.join("outcomes-107.toml"), FIRST_RESULTS, &quoted(&extra));
    let typeset = typeset(&engine(), &bundle).unwrap_or_else(|d| panic!("{d:#?}"));
    let text = body(&typeset);
    let missing: Vec<&String> = extra.iter().filter(|e| !text.contains(&squeeze(e))).collect();
    assert!(missing.is_empty(), "{} of 120 results are not in the PDF: {missing:?}", missing.len());
    // The part heading 參 is not left alone on a page: its page has table text.
    let part = typeset.pages.iter().find(|p| p.body.starts_with("參、")).expect("the page of part 參");
    assert!(part.body.contains("工作計畫實施概況實施成果"), "part 參 stands without its table: {}", part.body);
}

#[test]
fn a_result_longer_than_a_page_breaks_across_pages() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = copy_mol(dir.path());
    let sentences: Vec<String> = (1..=90).map(|i| format!("第{i}句說明辦理勞動檢查業務之執行情形及其成效{i}。")).collect();
    let long = sentences.concat();
    insert_after(&bundle.join("outcomes-107.toml"), FIRST_RESULTS, &quoted(std::slice::from_ref(&long)));
    let typeset = typeset(&engine(), &bundle).unwrap_or_else(|d| panic!("{d:#?}"));
    let text = body(&typeset);
    // Each sentence is on a page, but for those a page break cuts in two.
    let whole = sentences.iter().filter(|s| text.contains(s.as_str())).count();
    let cut = sentences.iter().filter(|s| !text.contains(s.as_str())).count();
    assert!(whole >= sentences.len() - 3, "only {whole} of {} sentences are whole in the PDF", sentences.len());
    assert!(cut <= 3, "{cut} sentences are not whole");
}

#[test]
fn a_unit_with_200_duties_and_a_work_plan_with_60_items_print_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = copy_mol(dir.path());
    let duties: Vec<String> = (1..=200).map(|i| format!("壓力測試職掌第{i}項：勞動政策之研究及規劃第{i}案。")).collect();
    insert_after(&bundle.join("duties.toml"), "items = [", &quoted(&duties));
    let mut items = Vec::new();
    for i in 1..=60 {
        items.push("[[policy.plans.work_plans.items]]".to_string());
        items.push(format!("title = \"壓力測試計畫第{i}項\""));
        items.push(format!("contents = [\"推動勞動法令宣導第{i}案，辦理說明會及座談會。\", \"強化勞動條件檢查第{i}案。\"]"));
        items.push(String::new());
    }
    let policy = bundle.join("policy.toml");
    let mut text = std::fs::read_to_string(&policy).unwrap();
    text.push('\n');
    text.push_str(&items.join("\n"));
    std::fs::write(&policy, text).unwrap();

    let typeset = typeset(&engine(), &bundle).unwrap_or_else(|d| panic!("{d:#?}"));
    let text = body(&typeset);
    let mut expected: Vec<String> = duties.clone();
    for i in 1..=60 {
        expected.push(format!("壓力測試計畫第{i}項"));
        expected.push(format!("推動勞動法令宣導第{i}案，辦理說明會及座談會。"));
        expected.push(format!("強化勞動條件檢查第{i}案。"));
    }
    let missing: Vec<&String> = expected.iter().filter(|e| !text.contains(&squeeze(e))).collect();
    assert!(missing.is_empty(), "{} lines are not in the PDF: {missing:?}", missing.len());
}

/// A look that keeps every row whole (as the first version did) loses the
/// part of a result longer than a page that runs past the page's foot: the
/// build fails, naming the file and line of each lost entry.
#[test]
fn lost_text_fails_the_build_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = copy_mol(dir.path());
    let long: String = (1..=90).map(|i| format!("第{i}句說明辦理勞動檢查業務之執行情形及其成效{i}。")).collect();
    insert_after(&bundle.join("outcomes-107.toml"), FIRST_RESULTS, &quoted(&[long]));
    let templates = dir.path().join("templates");
    copy_tree(&root().join("templates"), &templates);
    let look = templates.join("booklet.typ");
    let text = std::fs::read_to_string(&look).unwrap();
    let breakable = "#let outcome-table(t) = {\n  set text(size: table-size)\n";
    assert!(text.contains(breakable));
    std::fs::write(&look, text.replace(breakable, &format!("{breakable}  set table.cell(breakable: false)\n"))).unwrap();
    let engine = Engine::new(&Paths { root: dir.path().to_path_buf(), templates: Some(templates), fonts: Some(root().join("fonts")) })
        .expect("engine");
    let errors = typeset(&engine, &bundle).err().expect("the build fails");
    let lost: Vec<String> = errors.iter().map(|d| d.render(false)).filter(|m| m.contains("is lost from the booklet")).collect();
    // The long result first; the results after it in its row go with it.
    assert!(!lost.is_empty(), "{errors:#?}");
    assert!(lost[0].contains("outcomes-107.toml:20:"), "{}", lost[0]);
    assert!(lost[0].contains("results[0]") && lost[0].contains("runs outside the text area of page"), "{}", lost[0]);
}

/// Every table page that continues onto the next is filled to at least
/// 90% of the text block.
#[test]
fn table_pages_fill() {
    let typeset = common::typeset_mol();
    let headers = ["工作計畫名稱重要計畫項目實施內容", "工作計畫實施概況實施成果"];
    let mut report = Vec::new();
    for pair in typeset.pages.windows(2) {
        let (page, next) = (&pair[0], &pair[1]);
        // The next page opens with the table's repeated header (after the
        // continuation marks, which end in （續）, if any).
        let opens_with_header = headers.iter().any(|h| next.body.find(h).is_some_and(|at| at == 0 || next.body[..at].ends_with("（續）")));
        if opens_with_header {
            report.push((page.index, page.fill));
        }
    }
    assert!(report.len() > 20, "{} continued table pages", report.len());
    let thin: Vec<&(usize, f64)> = report.iter().filter(|(_, fill)| *fill < 0.90).collect();
    eprintln!("{} continued table pages, least filled {:.1}%", report.len(), report.iter().map(|r| r.1).fold(1.0, f64::min) * 100.0);
    assert!(thin.is_empty(), "pages under 90% full: {thin:?}");
}
