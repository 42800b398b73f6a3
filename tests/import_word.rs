//! Word and OpenDocument files in: each booklet of
//! `tests/fixtures/import/word/` (four fictional agencies, written from a
//! description by someone who had not read the import code; see its
//! README) imports from its `.docx` and its `.odt`, builds, and places its
//! content lines. A content line (a paragraph or a table cell's paragraph
//! of the source, its label stripped, per `expected.json`) is placed when
//! the rebuilt booklet prints it and an entry of the draft that holds its
//! kind holds it (a duty in the duties, a sub-item's text in the
//! sub-items: see `holders`; a heading or another table cell anywhere),
//! or for a number, when the draft has that number; a cell of a staffing table's 合計 row, when the draft's
//! counts add up to it, and of any table's totals row, when it is the sum
//! of its column (the booklet prints the totals it computes); a header
//! cell by its heading without the unit in brackets, or when the booklet
//! prints it by default; a run-in heading (`人事室：`) without its colon; a
//! plans table's item number (`二`) when the draft's item of the next cell
//! is that item of its work plan. The floors below are what the reader
//! places today; the goal (issue 22) is 98%. The numbering is as typed:
//! every labelled heading and entry prints with its label
//! (`（一）機關主要職掌`), and each staffing table comes back with its
//! categories, its total column and its rows.

use std::collections::BTreeSet;
use std::path::PathBuf;

use booklet::build::{Engine, Paths};
use booklet::import::import_file;

mod common;

fn cases() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/word");
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&root).unwrap().filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    dirs.sort();
    dirs
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of the draft's booklet as built: every page, squeezed.
fn rebuilt_text(engine: &Engine, files: &[(String, String)], case: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        if let Some(parent) = dir.path().join(name).parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let typeset = common::typeset_dir(engine, dir.path()).unwrap_or_else(|e| panic!("{case}: the draft does not build:\n{e}"));
    typeset.pages.iter().map(|p| squeeze(&p.text)).collect()
}

/// Every string and every whole number of a draft's files.
fn values(files: &[(String, String)]) -> (Vec<String>, BTreeSet<i64>) {
    fn walk(v: &toml::Value, strings: &mut Vec<String>, numbers: &mut BTreeSet<i64>) {
        match v {
            toml::Value::String(s) => strings.push(squeeze(s)),
            toml::Value::Integer(n) => {
                numbers.insert(*n);
            }
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, strings, numbers)),
            toml::Value::Table(t) => t.values().for_each(|x| walk(x, strings, numbers)),
            _ => {}
        }
    }
    let (mut strings, mut numbers) = (Vec::new(), BTreeSet::new());
    for (name, text) in files {
        if name.ends_with(".toml") {
            let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{name} of the draft: {e}"));
            walk(&toml::Value::Table(table), &mut strings, &mut numbers);
        }
    }
    (strings, numbers)
}

/// The sums of the draft's staffing counts, column by column, and their
/// total: what the booklet prints in its 合計 row.
fn staffing_sums(files: &[(String, String)]) -> BTreeSet<i64> {
    let mut sums = BTreeSet::new();
    for (name, text) in files {
        let Ok(table) = toml::from_str::<toml::Table>(text) else {
            continue;
        };
        let rows = table.get("duties").and_then(|d| d.get("organization")).and_then(|o| o.get("staffing")).and_then(|s| s.get("rows"));
        let Some(rows) = rows.and_then(|r| r.as_array()) else {
            continue;
        };
        let mut columns: Vec<i64> = Vec::new();
        for row in rows {
            for (i, n) in row.get("counts").and_then(|c| c.as_array()).into_iter().flatten().enumerate() {
                if columns.len() <= i {
                    columns.resize(i + 1, 0);
                }
                columns[i] += n.as_integer().unwrap_or(0);
            }
        }
        let _ = name;
        sums.insert(columns.iter().sum());
        sums.extend(columns);
    }
    sums
}

/// A number with thousands separators (`486,520`).
fn thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The staffing table of the case (the table whose heading names 員額)
/// comes back whole: its categories as the draft's columns, a 合計 column
/// as its total column (not a category), and one row per agency. Returns
/// what differs.
fn staffing_differs(expected: &serde_json::Value, files: &[(String, String)]) -> Option<String> {
    let table = expected["tables"].as_array()?.iter().find(|t| t["heading"].as_str().is_some_and(|h| h.contains("員額")))?;
    let rows: Vec<Vec<String>> = table["rows"]
        .as_array()?
        .iter()
        .map(|r| r.as_array().into_iter().flatten().map(|c| squeeze(c.as_str().unwrap_or(""))).collect())
        .collect();
    // The categories are in the last header row (under a merged 預算員額).
    let header_rows = table["header_rows"].as_u64().unwrap_or(1).max(1) as usize;
    let header = rows.get(header_rows - 1)?;
    let is_total = |h: &str| matches!(h, "合計" | "總計");
    let total_column = header.last().is_some_and(|h| is_total(h));
    let categories: Vec<String> = header[1..header.len() - usize::from(total_column)].to_vec();
    let body = rows.iter().skip(header_rows).filter(|r| !r.first().is_some_and(|f| is_total(f))).count();
    let (_, text) = files.iter().find(|(n, _)| n == "duties.toml")?;
    let draft: toml::Table = toml::from_str(text).ok()?;
    let staffing = &draft["duties"]["organization"]["staffing"];
    let columns: Vec<String> = staffing.get("columns")?.as_array()?.iter().map(|c| squeeze(c.as_str().unwrap_or(""))).collect();
    let total = staffing.get("total_column").and_then(|t| t.as_str()).map(squeeze);
    let drafted = staffing.get("rows")?.as_array()?.len();
    let differs = columns != categories || (total_column && total.as_deref().is_none_or(|t| !is_total(t))) || drafted != body;
    differs.then(|| format!("columns {columns:?} total {total:?}, {drafted} rows; expected {categories:?}, {body} rows"))
}

/// The headings the booklet prints where a bundle gives none.
const DEFAULT_HEADINGS: [&str; 6] = ["工作計畫", "實施概況", "實施成果", "重要計畫項目", "實施內容", "機關"];

/// Every string of a draft's files with the keys that lead to it
/// (`outcomes.tables.work_plans.items.subitems.text`; arrays add none).
fn keyed_strings(files: &[(String, String)]) -> Vec<(String, String)> {
    fn walk(v: &toml::Value, path: &str, out: &mut Vec<(String, String)>) {
        match v {
            toml::Value::String(s) => out.push((path.to_string(), squeeze(s))),
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, path, out)),
            toml::Value::Table(t) => {
                for (k, x) in t {
                    walk(x, &if path.is_empty() { k.clone() } else { format!("{path}.{k}") }, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (name, text) in files.iter().filter(|(n, _)| n.ends_with(".toml")) {
        let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{name} of the draft: {e}"));
        walk(&toml::Value::Table(table), "", &mut out);
    }
    out
}

/// The entries of the draft that hold a kind of content line: a duty in
/// the duties, a sub-item's text in the sub-items, and so on. Kinds not
/// listed (headings, other table cells) may be held anywhere.
fn holders(kind: &str) -> &'static [&'static str] {
    match kind {
        "duty" => &["duties.main.items", "duties.main.paragraphs"],
        "unit_name" => &["duties.units.list.name"],
        "unit_duty" => &["duties.units.list.items", "duties.units.list.paragraphs"],
        // A chart of the default shape is drawn from the units' names.
        "chart_box" => &["duties.organization.chart.boxes.name", "duties.units.list.name"],
        "staffing_agency" => &["duties.organization.staffing.rows.agency"],
        "note" => &["duties.organization.staffing.notes", "parts.tables.notes"],
        "vision" => &["policy.vision"],
        "goal" => &["policy.goals.list.title"],
        "goal_item" => &["policy.goals.list.items"],
        "plan_work_plan" => &["policy.plans.work_plans.name"],
        "plan_item" => &["policy.plans.work_plans.items.title"],
        "plan_content" => &["policy.plans.work_plans.items.contents"],
        "plan_remark" => &["policy.plans.work_plans.items.remarks"],
        "outcome_work_plan" => &["outcomes.tables.work_plans.name"],
        "outcome_item" => &["outcomes.tables.work_plans.items.title"],
        "outcome_subitem" => &["outcomes.tables.work_plans.items.subitems.text"],
        "outcome_result" => &[
            "outcomes.tables.work_plans.items.subitems.results",
            "outcomes.tables.work_plans.items.subitems.paragraphs",
            "outcomes.tables.work_plans.items.results",
            "outcomes.tables.work_plans.items.paragraphs",
        ],
        _ => &[],
    }
}

/// The sum of a column over the body rows above a totals row (`－` is 0),
/// where every one of them is a number.
fn column_sum(table: &serde_json::Value, total_row: usize, column: usize) -> Option<i64> {
    let header = table["header_rows"].as_u64().unwrap_or(0) as usize;
    let rows = table["rows"].as_array()?;
    let mut sum = 0;
    for row in rows.iter().take(total_row).skip(header) {
        let text = squeeze(row.get(column)?.as_str()?).replace(',', "");
        sum += if text == "－" || text == "-" || text.is_empty() { 0 } else { text.parse::<i64>().ok()? };
    }
    Some(sum)
}

/// The number of the plans table's item titled `title` within its work
/// plan, in the draft.
fn plan_item_number(files: &[(String, String)], title: &str) -> Option<usize> {
    let (_, text) = files.iter().find(|(n, _)| n == "policy.toml")?;
    let policy: toml::Table = toml::from_str(text).ok()?;
    policy["policy"].get("plans")?.get("work_plans")?.as_array()?.iter().find_map(|wp| {
        wp.get("items")?
            .as_array()?
            .iter()
            .position(|item| item.get("title").and_then(|t| t.as_str()).map(squeeze).as_deref() == Some(title))
            .map(|k| k + 1)
    })
}

/// The value of a Chinese numeral from 一 to 十.
fn numeral(text: &str) -> Option<usize> {
    "一二三四五六七八九十".chars().position(|c| text == c.to_string()).map(|k| k + 1)
}

/// The numbering as typed: each labelled heading and list entry of the
/// case prints with its label (`一、現行法定職掌`, `（一）機關主要職掌`,
/// `1、空氣品質維護…`) in the rebuilt booklet. Returns how many do, and
/// those that do not.
fn labels_as_typed(expected: &serde_json::Value, printed: &str) -> (usize, Vec<String>) {
    let mut labelled = 0;
    let mut not = Vec::new();
    for line in expected["content_lines"].as_array().unwrap() {
        let label = squeeze(line["label"].as_str().unwrap_or(""));
        if label.is_empty() || line["table"].is_u64() {
            continue;
        }
        let text = squeeze(line["text"].as_str().unwrap_or(""));
        let text = text.trim_end_matches(['：', ':']);
        // The first characters are enough: a long entry wraps across lines.
        let head: String = text.chars().take(8).collect();
        if printed.contains(&format!("{label}{head}")) {
            labelled += 1;
        } else {
            not.push(format!("{label}{head}"));
        }
    }
    (labelled, not)
}

/// How many of the case's content lines the draft places, of how many.
fn placed(expected: &serde_json::Value, files: &[(String, String)], printed: &str) -> (usize, usize, Vec<String>) {
    let (strings, numbers) = values(files);
    let keyed = keyed_strings(files);
    let sums = staffing_sums(files);
    let lines: Vec<&serde_json::Value> =
        expected["content_lines"].as_array().unwrap().iter().filter(|l| !squeeze(l["text"].as_str().unwrap_or("")).is_empty()).collect();
    let all = expected["content_lines"].as_array().unwrap();
    let mut missing = Vec::new();
    for line in &lines {
        let text = squeeze(line["text"].as_str().unwrap());
        // An item number cell of the plans table (`二`) is the label of the
        // item in the next cell: held when that item is the work plan's
        // item of that number in the draft (the booklet numbers it).
        if line["label_of_next"].as_bool() == Some(true) {
            let at = all.iter().position(|l| std::ptr::eq(l, *line)).expect("a line of the case");
            let next = all.get(at + 1).and_then(|l| l["text"].as_str()).map(squeeze).unwrap_or_default();
            if plan_item_number(files, &next) != numeral(&text) {
                missing.push(text);
            }
            continue;
        }
        let digits: String = text.chars().filter(|c| *c != ',').collect();
        let number = if text == "－" || text == "-" { Some(0) } else { digits.parse::<i64>().ok() };
        // A run-in heading (`人事室：`) is held without its colon.
        let bare = text.trim_end_matches(['：', ':']);
        // A totals row is the booklet's own: held when the draft's counts
        // add up to it.
        let total_row = line["total_row"].as_bool() == Some(true) || {
            let first = line["table"]
                .as_u64()
                .zip(line["row"].as_u64())
                .and_then(|(t, r)| expected["tables"][t as usize]["rows"][r as usize][0].as_str());
            first.is_some_and(|f| matches!(squeeze(f).as_str(), "合計" | "總計"))
        };
        // A header cell: its heading without the unit in brackets
        // (`預算金額（千元）` is `heading = "預算金額"`, `unit = "千元"`), or
        // one of the headings the booklet prints by default.
        let position = line["table"].as_u64().zip(line["row"].as_u64()).zip(line["col"].as_u64());
        let header = position.is_some_and(|((t, r), _)| r < expected["tables"][t as usize]["header_rows"].as_u64().unwrap_or(0));
        let heading = bare.split(['（', '(']).next().unwrap_or(bare);
        let header_held = header && (strings.iter().any(|s| s.contains(heading)) || DEFAULT_HEADINGS.contains(&heading));
        // A totals row of any table: the booklet adds the column up.
        let computed = total_row
            && number.is_some_and(|n| {
                position.is_some_and(|((t, r), c)| column_sum(&expected["tables"][t as usize], r as usize, c as usize) == Some(n))
            });
        let found = header_held
            || computed
            || keyed.iter().any(|(path, s)| {
                let holders = holders(line["kind"].as_str().unwrap_or(""));
                (holders.is_empty() || holders.contains(&path.as_str())) && s.contains(bare)
            })
            || number.is_some_and(|n| numbers.contains(&n))
            || (total_row && (number.is_some_and(|n| sums.contains(&n)) || matches!(bare, "合計" | "總計") && !sums.is_empty()));
        // And it prints: the rebuilt booklet's text holds it (a number as
        // the booklet writes it, with separators or not).
        let prints = printed.contains(bare)
            || printed.contains(heading)
            || number.is_some_and(|n| printed.contains(&n.to_string()) || printed.contains(&thousands(n)))
            || computed;
        if !(found && prints) {
            missing.push(text);
        }
    }
    (lines.len() - missing.len(), lines.len(), missing)
}

/// The share of content lines each file places today, in percent (the
/// goal of issue 22 is 98% for every one): the `.docx`, LibreOffice's
/// `.odt` of it, and its PDFs, tagged and untagged. agri-institute's
/// `.odt` lost its units' numbering in the conversion (paragraphs numbered
/// outside any list), so its structure is read less well.
const FLOORS: [(&str, &str, usize); 16] = [
    ("agri-institute", "source.docx", 100),
    ("agri-institute", "source.odt", 100),
    ("agri-institute", "tagged.pdf", 100),
    ("agri-institute", "untagged.pdf", 100),
    ("county-environment", "source.docx", 100),
    ("county-environment", "source.odt", 100),
    ("county-environment", "tagged.pdf", 100),
    ("county-environment", "untagged.pdf", 100),
    ("culture-heritage", "source.docx", 100),
    ("culture-heritage", "source.odt", 100),
    ("culture-heritage", "tagged.pdf", 100),
    ("culture-heritage", "untagged.pdf", 100),
    ("ocean-council", "source.docx", 100),
    ("ocean-council", "source.odt", 100),
    ("ocean-council", "tagged.pdf", 100),
    ("ocean-council", "untagged.pdf", 100),
];

/// Labels the file itself does not hold, of those `expected.json` gives
/// (from the `.docx`): agri-institute's `.odt`, LibreOffice's conversion,
/// lost the numbering of its duties, units and goals (paragraphs numbered
/// outside any list), so neither LibreOffice nor the booklet prints them.
const LABELS_NOT_IN_THE_FILE: [(&str, &str, usize); 1] = [("agri-institute", "source.odt", 30)];

#[test]
fn word_and_opendocument_booklets_import_and_place_their_lines() {
    let engine = Engine::new(&Paths::under(&common::root())).expect("engine");
    let mut report = Vec::new();
    let mut low = Vec::new();
    for dir in cases() {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
        let mut counts = Vec::new();
        for source in ["source.docx", "source.odt", "tagged.pdf", "untagged.pdf"] {
            let bytes = std::fs::read(dir.join(source)).unwrap();
            let floor = FLOORS.iter().find(|(c, s, _)| *c == case && *s == source).map_or(98, |(_, _, f)| *f);
            let draft = import_file(&bytes).unwrap_or_else(|e| panic!("{case}/{source}: {e}"));
            let names: Vec<&str> = draft.files.iter().map(|(n, _)| n.as_str()).collect();
            assert!(names.contains(&"duties.toml") && names.contains(&"policy.toml"), "{case}/{source}: {names:?}");
            // The running head and the page numbers are the files' headers
            // and footers: no entry holds them.
            let (strings, _) = values(&draft.files);
            let agency = squeeze(expected["agency"].as_str().unwrap());
            let head = format!("{agency}中華民國");
            assert!(!strings.iter().any(|s| s.contains(&head) && s != &head), "{case}/{source}: an entry holds the running head");
            let printed = rebuilt_text(&engine, &draft.files, &format!("{case}/{source}"));
            assert!(
                source.ends_with(".pdf") || printed.chars().count() > 2000,
                "{case}/{source}: the rebuilt booklet prints {} characters",
                printed.chars().count()
            );
            if let Some(differs) = staffing_differs(&expected, &draft.files) {
                low.push(format!("{case}/{source}: the staffing table: {differs}"));
            }
            let (labelled, unlabelled) = labels_as_typed(&expected, &printed);
            if std::env::var_os("SHOW_MISSING").is_some() {
                eprintln!("{case}/{source} labels: {labelled} as typed; not: {unlabelled:?}");
            }
            let lost = LABELS_NOT_IN_THE_FILE.iter().find(|(c, s, _)| *c == case && *s == source).map_or(0, |(_, _, n)| *n);
            if unlabelled.len() > lost {
                low.push(format!(
                    "{case}/{source}: {} labels not as typed: {:?}",
                    unlabelled.len(),
                    &unlabelled[..unlabelled.len().min(12)]
                ));
            }
            let (done, total, missing) = placed(&expected, &draft.files, &printed);
            let percent = done * 100 / total;
            report.push(format!("{case} {source}: {done} of {total} lines placed ({percent}%)"));
            if std::env::var_os("SHOW_MISSING").is_some() {
                eprintln!("{case}/{source} missing: {missing:?}");
            }
            if percent < floor {
                low.push(format!("{case}/{source}: {percent}% < {floor}%; missing: {:?}", &missing[..missing.len().min(20)]));
            }
            counts.push(done);
        }
        // The .odt is LibreOffice's conversion of the .docx; it places as
        // much, even where the conversion lost a label (agri-institute: its
        // units' and goals' numbering, on paragraphs outside any list).
        assert!(counts[0].abs_diff(counts[1]) * 20 <= counts[0], "{case}: the .docx and the .odt place {counts:?} lines");
    }
    eprintln!("{}", report.join("\n"));
    assert!(low.is_empty(), "{}", low.join("\n"));
}

/// The PDFs a clerk makes today: each case's `.docx` exported by this
/// machine's LibreOffice Writer (`soffice --headless --convert-to pdf`,
/// untagged and tagged, with the fixtures' fonts), not the PDFs stored
/// beside it. Each imports and places at least the stored PDF's floor.
/// Under CI a machine without Writer fails the test (`.ci/run` installs
/// `libreoffice-writer-nogui`); elsewhere it is skipped with a message.
#[test]
fn pdfs_libreoffice_writer_makes_now_import_as_the_stored_ones() {
    use std::process::Command;
    if Command::new("soffice").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "LibreOffice Writer (soffice) is missing: apt-get install libreoffice-writer-nogui");
        eprintln!("skipped: LibreOffice Writer (soffice) is not installed");
        return;
    }
    const TAGGED: &str = r#"pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}"#;
    let engine = Engine::new(&Paths::under(&common::root())).expect("engine");
    let work = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", work.path().join("profile").display());
    let fonts = common::root().join("scripts/word-fixtures/fonts.conf");
    let mut low = Vec::new();
    for dir in cases() {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
        for (target, stored) in [("pdf", "untagged.pdf"), (TAGGED, "tagged.pdf")] {
            let out = work.path().join(format!("{case}-{stored}"));
            let run = Command::new("soffice")
                .env("FONTCONFIG_FILE", &fonts)
                .args([&profile, "--headless", "--convert-to", target, "--outdir"])
                .arg(&out)
                .arg(dir.join("source.docx"))
                .output()
                .unwrap();
            let pdf = out.join("source.pdf");
            if !pdf.is_file() {
                // soffice without Writer (Calc alone) converts no document.
                assert!(
                    std::env::var_os("CI").is_none(),
                    "{case}: LibreOffice made no PDF (is libreoffice-writer-nogui installed?): {}",
                    String::from_utf8_lossy(&run.stderr)
                );
                eprintln!("skipped: LibreOffice Writer made no PDF of {case}");
                return;
            }
            let draft = import_file(&std::fs::read(&pdf).unwrap()).unwrap_or_else(|e| panic!("{case}/{stored}: {e}"));
            let printed = rebuilt_text(&engine, &draft.files, &format!("{case}/{stored} (made now)"));
            let (done, total, missing) = placed(&expected, &draft.files, &printed);
            let floor = FLOORS.iter().find(|(c, s, _)| *c == case && *s == stored).map_or(98, |(_, _, f)| *f);
            eprintln!("{case} {stored} made now: {done} of {total} lines placed");
            if done * 100 / total < floor {
                low.push(format!("{case}/{stored} made now: {done} of {total} < {floor}%; missing: {missing:?}"));
            }
        }
    }
    assert!(low.is_empty(), "{}", low.join("\n"));
}

#[test]
fn broken_and_hostile_packages_are_refused_quickly() {
    use std::io::Write;
    // Not a document: a zip of something else.
    let mut other = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut other));
        zip.start_file("readme.txt", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(b"hello").unwrap();
        zip.finish().unwrap();
    }
    assert!(import_file(&other).is_err());
    // A bomb: word/document.xml inflating to 200 MiB of spaces.
    let mut bomb = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bomb));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..200 {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(bomb.len() < 1 << 20, "the bomb is small: {} bytes", bomb.len());
    let error = import_file(&bomb).expect_err("refused").to_string();
    assert!(error.contains("word/document.xml"), "{error}");
    // Broken XML, named by its part.
    let mut broken = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut broken));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(b"<w:document><w:body><w:p>").unwrap();
        zip.finish().unwrap();
    }
    let error = import_file(&broken).expect_err("refused").to_string();
    assert!(error.contains("word/document.xml"), "{error}");
}
