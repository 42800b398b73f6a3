//! The importer: drafting a bundle from the plain-text extraction of the
//! FY109 booklet (tests/fixtures/mol-109-source.txt). The draft must load,
//! validate and typeset with every source line in it, and must put the
//! lines where the hand-checked bundle inputs/mol-109 has them.

mod common;
use booklet::import;

use std::collections::BTreeSet;
use std::path::Path;

use booklet::build::{Engine, Options, Paths};
use booklet::load::{Bundle, BundleRef, load};
use booklet::model::{Booklet, BundleFile};
use common::{content, root, source_lines, squeeze};
use unicode_normalization::UnicodeNormalization;

fn source() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/mol-109-source.txt")).unwrap()
}

/// Writes a draft into `dir` and loads it.
fn load_draft(draft: &import::Draft, dir: &Path) -> Bundle {
    for (name, text) in &draft.files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    load(&BundleRef { dir: dir.to_path_buf(), name: "draft".into() }).unwrap_or_else(|d| {
        let messages: Vec<String> = d.iter().map(|d| d.render(false)).collect();
        panic!("the draft does not load:\n{}", messages.join("\n"))
    })
}

fn print_notes(draft: &import::Draft) {
    println!("notes: {}", draft.notes.len());
    for note in &draft.notes {
        println!("  {note}");
    }
}

#[test]
fn draft_loads_and_validates() {
    let draft = import::import(&source());
    print_notes(&draft);
    let names: Vec<&str> = draft.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["booklet.toml", "duties.toml", "policy.toml", "outcomes-107.toml", "outcomes-108.toml"]);
    let dir = tempfile::tempdir().unwrap();
    let bundle = load_draft(&draft, dir.path());
    // To look at the draft: BOOKLET_IMPORT_DUMP=dir cargo test --test import.
    if let Some(dump) = std::env::var_os("BOOKLET_IMPORT_DUMP") {
        std::fs::create_dir_all(&dump).unwrap();
        for (name, text) in &draft.files {
            std::fs::write(Path::new(&dump).join(name), text).unwrap();
        }
    }
    let meta = &bundle.booklet.meta;
    assert_eq!((meta.agency.as_str(), meta.title.as_str(), meta.fiscal_year), ("勞動部", "預算總說明", 109));
    assert!(meta.date.is_none());
    let diagnostics = booklet::validate::validate(&bundle, &|_c: char| true);
    let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(|d| d.render(false)).collect();
    assert!(errors.is_empty(), "the draft has errors:\n{}", errors.join("\n"));
    println!("warnings: {}", diagnostics.len());
}

#[test]
fn draft_typesets_with_every_source_line() {
    let draft = import::import(&source());
    let dir = tempfile::tempdir().unwrap();
    load_draft(&draft, dir.path());
    let out = tempfile::tempdir().unwrap();
    let engine = Engine::new(&Paths::under(&root())).expect("engine");
    let options = Options {
        out_dir: out.path().to_path_buf(),
        keep_typst: false,
        deny_warnings: false,
        check_only: false,
        standard: Default::default(),
        html: false,
        ods: false,
    };
    let reference = BundleRef { dir: dir.path().to_path_buf(), name: "draft".into() };
    let typeset = engine.typeset(&reference, &options).unwrap_or_else(|d| {
        let messages: Vec<String> = d.iter().map(|d| d.render(false)).collect();
        panic!("the draft does not typeset:\n{}", messages.join("\n"))
    });
    let lines = source_lines(..);
    let missing: Vec<&String> = lines.iter().filter(|l| !booklet::proof::stands_in(l, &typeset.pages)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} source lines are not in the draft's PDF, e.g. {:#?}",
        missing.len(),
        lines.len(),
        &missing[..missing.len().min(10)]
    );
}

/// Every text of a booklet under the key of its place, whitespace removed.
fn flatten(b: &Booklet) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |key: String, text: &str| out.push((key, squeeze(&text.nfc().collect::<String>())));
    let m = &b.meta;
    put("agency".into(), &m.agency);
    put("title".into(), &m.title);
    put("fiscal_year".into(), &format!("中華民國{}年度", m.fiscal_year));
    if let Some(d) = &b.duties {
        put("duties.heading".into(), &d.heading);
        if let Some(main) = &d.main {
            put("main.heading".into(), main.heading.as_deref().unwrap_or(""));
            for (i, p) in main.paragraphs.iter().enumerate() {
                put(format!("main.paragraphs[{i}]"), p);
            }
            for (i, p) in main.items.iter().enumerate() {
                put(format!("main.items[{i}]"), p);
            }
        }
        if let Some(units) = &d.units {
            put("units.heading".into(), &units.heading);
            for (u, unit) in units.list.iter().enumerate() {
                put(format!("units[{u}].name"), &unit.name);
                // As printed: `綜合規劃司：`, `人事處：掌理本部人事事項。`.
                let inline = if unit.items.is_empty() && unit.paragraphs.len() == 1 { unit.paragraphs[0].as_str() } else { "" };
                put(format!("units[{u}].printed"), &format!("{}：{inline}", unit.name));
                for (i, p) in unit.paragraphs.iter().enumerate() {
                    put(format!("units[{u}].paragraphs[{i}]"), p);
                }
                for (i, p) in unit.items.iter().enumerate() {
                    put(format!("units[{u}].items[{i}]"), p);
                }
            }
        }
        if let Some(org) = &d.organization {
            put("organization.heading".into(), &org.heading);
            if let Some(chart) = &org.chart {
                put("chart.heading".into(), &chart.heading);
            }
            if let Some(s) = &org.staffing {
                put("staffing.heading".into(), &s.heading);
                put("staffing.agency_column".into(), &s.agency_column);
                for (i, c) in s.columns.iter().enumerate() {
                    put(format!("staffing.columns[{i}]"), c);
                }
                put("staffing.total_column".into(), &s.total_column);
                for (r, row) in s.rows.iter().enumerate() {
                    put(format!("staffing.rows[{r}].agency"), &row.agency);
                    for (i, n) in row.counts.iter().enumerate() {
                        put(format!("staffing.rows[{r}].counts[{i}]"), &n.to_string());
                    }
                    if let Some(total) = row.total {
                        put(format!("staffing.rows[{r}].total"), &total.to_string());
                    }
                }
            }
        }
    }
    if let Some(p) = &b.policy {
        put("policy.heading".into(), &p.heading);
        for (i, v) in p.vision.iter().enumerate() {
            put(format!("vision[{i}]"), v);
        }
        if let Some(goals) = &p.goals {
            put("goals.heading".into(), &goals.heading);
            for (g, goal) in goals.list.iter().enumerate() {
                put(format!("goals[{g}].title"), &goal.title);
                for (i, item) in goal.items.iter().enumerate() {
                    put(format!("goals[{g}].items[{i}]"), item);
                }
            }
        }
        if let Some(plans) = &p.plans {
            put("plans.heading".into(), &plans.heading);
            for (i, c) in plans.columns.iter().enumerate() {
                put(format!("plans.columns[{i}]"), c);
            }
            for (w, wp) in plans.work_plans.iter().enumerate() {
                put(format!("plans[{w}].name"), &wp.name);
                for (j, item) in wp.items.iter().enumerate() {
                    put(format!("plans[{w}].items[{j}].title"), &item.title);
                    for (k, c) in item.contents.iter().enumerate() {
                        put(format!("plans[{w}].items[{j}].contents[{k}]"), c);
                    }
                }
            }
        }
    }
    if let Some(o) = &b.outcomes {
        put("outcomes.heading".into(), &o.heading);
        for (t, table) in o.tables.iter().enumerate() {
            put(format!("tables[{t}].heading"), &table.heading);
            for (i, c) in table.columns.iter().enumerate() {
                put(format!("tables[{t}].columns[{i}]"), c);
            }
            for (w, wp) in table.work_plans.iter().enumerate() {
                let key = format!("tables[{t}].work_plans[{w}]");
                put(format!("{key}.name"), &wp.name);
                for (j, item) in wp.items.iter().enumerate() {
                    put(format!("{key}.items[{j}].title"), &item.title);
                    for (k, sub) in item.subitems.iter().enumerate() {
                        let key = format!("{key}.items[{j}].subitems[{k}]");
                        put(format!("{key}.text"), &sub.text);
                        put(format!("{key}.numbered"), if sub.numbered { "numbered" } else { "unnumbered" });
                        for (l, p) in sub.paragraphs.iter().enumerate() {
                            put(format!("{key}.paragraphs[{l}]"), p);
                        }
                        for (l, r) in sub.results.iter().enumerate() {
                            put(format!("{key}.results[{l}]"), r);
                        }
                    }
                }
            }
        }
    }
    out
}

/// The places whose text holds a line.
fn places<'a>(flat: &'a [(String, String)], line: &str) -> BTreeSet<&'a str> {
    flat.iter().filter(|(_, text)| text.contains(line)).map(|(key, _)| key.as_str()).collect()
}

/// A source line is placed when the texts holding it stand at the same
/// places in the draft as in the reference (the same section, list and
/// position: e.g. table, work plan, item, sub-item, paragraphs or results,
/// and index).
#[test]
fn draft_places_lines_like_the_reference() {
    let draft = import::import(&source());
    let dir = tempfile::tempdir().unwrap();
    let drafted = load_draft(&draft, dir.path());
    let reference = load(&BundleRef { dir: root().join("inputs/mol-109"), name: "mol-109".into() }).unwrap_or_else(|d| panic!("{d:#?}"));
    let want = flatten(&reference.booklet);
    let got = flatten(&drafted.booklet);

    let lines = source_lines(..);
    let mut placed = 0;
    let mut not_in_reference = Vec::new();
    let mut misplaced = Vec::new();
    for line in &lines {
        let expected = places(&want, line);
        let found = places(&got, line);
        if expected.is_empty() {
            not_in_reference.push(line);
        } else if expected == found {
            placed += 1;
        } else {
            misplaced.push((line, expected, found));
        }
    }
    let share = 100.0 * placed as f64 / lines.len() as f64;
    println!("placement: {placed}/{} lines ({share:.1}%)", lines.len());
    println!("notes: {}", draft.notes.len());
    for (line, expected, found) in misplaced.iter().take(20) {
        println!("misplaced {line:?}\n  reference: {expected:?}\n  draft:     {found:?}");
    }
    for line in not_in_reference.iter().take(20) {
        println!("not in the reference: {line:?}");
    }
    assert!(lines.len() > 800, "the source has {} content lines", lines.len());
    assert!(share >= 90.0, "only {placed} of {} source lines are placed like the reference", lines.len());
}

/// Every file of a draft parses as a bundle file (the schema denies
/// unknown keys), and the manifest names the others.
fn assert_parses(draft: &import::Draft, input: &str) {
    assert_eq!(draft.files.first().map(|(n, _)| n.as_str()), Some("booklet.toml"), "for {input:?}");
    for (name, text) in &draft.files {
        if let Err(e) = toml::from_str::<BundleFile>(text) {
            panic!("{name} of the draft of {input:?} does not parse: {e}\n{text}");
        }
    }
    let manifest: BundleFile = toml::from_str(&draft.files[0].1).unwrap();
    let include = manifest.booklet.expect("[booklet]").include;
    let others: Vec<&String> = draft.files[1..].iter().map(|(n, _)| n).collect();
    assert_eq!(include.iter().collect::<Vec<_>>(), others, "for {input:?}");
}

#[test]
fn any_text_gives_a_draft() {
    let mut inputs: Vec<String> = [
        "",
        "garbage\n\t\t\n1.\n（",
        "\t",
        "\n\n\n",
        "(",
        "（1",
        "1、",
        "一、\n\t一、\n\t\n\t1、\n\t1.",
        "1、 現行法定職掌\n\t機關\n\t合計\n\n\t部\n\tx\n\t9999999999999",
        "3、 以前年度計畫實施成果概述\n\t一、甲\n\t1. 成果",
        "3、 以前年度計畫實施成果概述\n（1） 前（107）年度計畫實施成果概述\n（2） 前（108）年度計畫實施成果概述\n\t工作計畫\n\t概況\n\n\t\n\t（1）\n\t\n\t\n\t",
        "2、 施政目標與重點\n（2） 年度重要施政計畫\n\t一\n\t（1）\n\t題\n\t一、甲\n\t",
        "1、 現行法定職掌\n（2） 內部分層業務：\n（1）甲\n乙\n1、：\n（3） 組織系統圖及預算員額說明表\n\t\n",
        "\u{feff}勞動部\r\n預算總說明\r\n中華民國１０９年度\r\n",
        "\u{0}\u{1}\u{7f}\t\u{2028}\u{3000}\u{3000}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Random strings over the characters that matter to the importer.
    let alphabet: Vec<char> = "\t\n\n 1２.、（）()一十壹：:。甲乙成果概述職掌施政目標計畫合計員額年度實施以前".chars().collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..300 {
        let mut s = String::new();
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = (state % 120) as usize;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        inputs.push(s);
    }
    // The real source, cut at every 50th line, and with lines dropped.
    let source = source();
    let lines: Vec<&str> = source.lines().collect();
    for cut in (0..lines.len()).step_by(50) {
        inputs.push(lines[..cut].join("\n"));
        inputs.push(lines[cut..].join("\n"));
    }
    for input in &inputs {
        let draft = import::import(input);
        assert_parses(&draft, input);
    }
    let empty = import::import("");
    assert!(!empty.notes.is_empty(), "an empty text is noted");
}

#[test]
fn a_mismatch_of_results_is_noted_with_the_work_plan_line() {
    // Drop the lone paragraph of line 451 (本部107年接獲…): the first work
    // plan of the 107 table (line 397) then has 15 result groups for 16 sub-items.
    let source = source();
    let text: String = source.lines().enumerate().filter(|(i, _)| *i + 1 != 451).map(|(_, l)| format!("{l}\n")).collect();
    let draft = import::import(&text);
    let note = draft.notes.iter().find(|n| n.line == 397).unwrap_or_else(|| panic!("no note at line 397: {:#?}", draft.notes));
    assert!(note.message.contains("16 sub-items") && note.message.contains("15 result groups"), "{note}");
    assert_parses(&draft, "mol-109 without line 451");
}

#[test]
fn markers_runs_of_spaces_and_wrapped_lines() {
    let text = "勞動部\n預算總說明\n中華民國109年度\n1、 現行法定職掌\n（1） 機關主要職掌：\n1、勞動政策規劃、國際\n勞動事務之合作。\n（2） 內部分層業務：\n1、人事處：掌理  本部人事事項。\n";
    let draft = import::import(text);
    let duties = &draft.files.iter().find(|(n, _)| n == "duties.toml").expect("duties.toml").1;
    let file: BundleFile = toml::from_str(duties).unwrap();
    let d = file.duties.unwrap();
    assert_eq!(d.heading, "現行法定職掌");
    let main = d.main.unwrap();
    assert_eq!(main.heading.as_deref(), Some("機關主要職掌："));
    assert_eq!(main.items, ["勞動政策規劃、國際勞動事務之合作。"]);
    let units = d.units.unwrap();
    assert_eq!(units.heading, "內部分層業務：");
    assert_eq!((units.list[0].name.as_str(), units.list[0].paragraphs.as_slice()), ("人事處", &["掌理本部人事事項。".to_string()][..]));
    assert!(draft.notes.is_empty(), "{:#?}", draft.notes);
    // The content helper agrees that markers go and text stays.
    assert_eq!(content("1、勞動政策規劃、國際"), "勞動政策規劃、國際");
}

/// Text extractions of booklets shaped unlike mol-109 (tests/fixtures/import,
/// fictional agencies): a sub-agency with 一、/（一）/1. numbering, its main
/// duties as one paragraph and its chart as names one per line; a ministry
/// volume with three agencies in its staffing table and a plans table; a
/// `pdftotext -raw`-like text with form feeds, a table of contents, page
/// numbers and list markers alone on their lines. Each imports without a
/// note, builds, and every content line of it stands in the booklet.
#[test]
fn extractions_of_other_shapes_import_and_build() {
    let engine = Engine::new(&Paths::under(&root())).expect("engine");
    for name in ["sub-agency", "ministry-volume", "raw-extraction"] {
        let source = std::fs::read_to_string(root().join(format!("tests/fixtures/import/{name}.txt"))).unwrap();
        let draft = import::import_file(source.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(draft.notes.is_empty(), "{name}: {:#?}", draft.notes);
        let dir = tempfile::tempdir().unwrap();
        for (file, text) in &draft.files {
            std::fs::write(dir.path().join(file), text).unwrap();
        }
        let out = tempfile::tempdir().unwrap();
        let options = Options {
            out_dir: out.path().to_path_buf(),
            keep_typst: false,
            deny_warnings: false,
            check_only: false,
            standard: Default::default(),
            html: false,
            ods: false,
        };
        let reference = BundleRef { dir: dir.path().to_path_buf(), name: name.into() };
        let typeset = engine.typeset(&reference, &options).unwrap_or_else(|d| panic!("{name} does not build: {d:#?}"));
        let furniture = |l: &str| l.contains("……") || l.contains(". . .") || l.trim().starts_with('－') || common::squeeze(l) == "目次";
        let lines: Vec<String> = source.lines().filter(|l| !furniture(l)).map(common::content).filter(|l| !l.is_empty()).collect();
        let missing: Vec<&String> = lines.iter().filter(|l| !booklet::proof::stands_in(l, &typeset.pages)).collect();
        assert!(missing.is_empty(), "{name}: {} of {} lines are not in the booklet: {missing:#?}", missing.len(), lines.len());
    }
}
