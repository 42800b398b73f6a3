//! The OpenDocument workbook (`<name>.ods`): read back with calamine, it
//! holds the XLSX's sheets and cells (the same texts, numbers and formulas,
//! with the same cached values), on mol-109 and every bundle of the shapes
//! corpus; its package has what a reader of the sheets needs (frozen
//! header, autofilter, header rows repeated in print, A4 landscape,
//! properties); untrusted text reads back as written; two builds give the
//! same bytes. Where LibreOffice is installed, it opens the file with the
//! cached totals wiped and computes the same totals again.

mod common;

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use booklet::build::{Engine, Paths, Typeset};
use calamine::{Data, Ods, Range, Reader, Xlsx};
use common::{root, shapes};

fn bundles() -> Vec<PathBuf> {
    let mut dirs = shapes();
    dirs.insert(0, root().join("inputs/mol-109"));
    dirs
}

fn typeset(engine: &Engine, dir: &Path) -> Typeset {
    // (Warnings allowed: bidi controls are warned of, no pinned face draws them.)
    common::typeset_dir(engine, dir).unwrap_or_else(|e| panic!("{} does not build:\n{e}", dir.display()))
}

/// A formula written as the XLSX writes it: `of:=SUM([.B4:.G4])` becomes
/// `SUM(B4:G4)`.
fn excel_syntax(open_formula: &str) -> String {
    open_formula.trim_start_matches("of:=").replace("[.", "").replace(":.", ":").replace(']', "").replace(';', ",")
}

fn cells(range: &Range<Data>) -> Vec<(u32, u32, String)> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .filter(|(_, _, v)| !matches!(v, Data::Empty))
        .map(|(r, c, v)| {
            let value = match v {
                Data::Float(f) => format!("{f}"),
                Data::Int(i) => format!("{i}"),
                Data::String(s) => format!("{s:?}"),
                other => format!("{other:?}"),
            };
            (r0 + r as u32, c0 + c as u32, value)
        })
        .collect()
}

fn formulas(range: &Range<String>) -> Vec<(u32, u32, String)> {
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .filter(|(_, _, f)| !f.is_empty())
        .map(|(r, c, f)| (r0 + r as u32, c0 + c as u32, excel_syntax(f.trim_start_matches('='))))
        .collect()
}

#[test]
fn the_ods_holds_the_xlsx_cells() {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let mut total_formulas = 0;
    for dir in bundles() {
        let typeset = typeset(&engine, &dir);
        let ods_bytes = typeset.ods.clone().expect("an .ods is written by default");
        let mut xlsx = Xlsx::new(Cursor::new(typeset.xlsx.clone())).expect("the xlsx opens");
        let mut ods = Ods::new(Cursor::new(ods_bytes)).expect("calamine opens the .ods");
        assert_eq!(ods.sheet_names(), xlsx.sheet_names(), "{}: the same sheets in the same order", dir.display());
        for name in xlsx.sheet_names() {
            let x = xlsx.worksheet_range(&name).unwrap();
            let o = ods.worksheet_range(&name).unwrap();
            let (xc, oc) = (cells(&x), cells(&o));
            // (A booklet without tables has one empty sheet, as Excel asks.)
            assert!(xc.len() > 3 || (name == "Sheet1" && oc.is_empty()), "{}: {name} is empty", dir.display());
            if let Some((o, x)) = oc.iter().zip(&xc).find(|(o, x)| o != x) {
                panic!("{}: {name}: the .ods has {o:?} where the .xlsx has {x:?}", dir.display());
            }
            assert_eq!(oc.len(), xc.len(), "{}: the number of cells of {name}", dir.display());
            // The formulas, in order. (Their places are not compared:
            // calamine 0.31 shifts the rows of an .ods formula range whose
            // first column is not A when rows without formulas lie between;
            // the cached values above are compared in place.)
            let text = |f: Vec<(u32, u32, String)>| f.into_iter().map(|(_, _, f)| f).collect::<Vec<_>>();
            let xf = text(formulas(&xlsx.worksheet_formula(&name).unwrap()));
            let of = text(formulas(&ods.worksheet_formula(&name).unwrap()));
            assert_eq!(of, xf, "{}: the formulas of {name}", dir.display());
            total_formulas += xf.len();
        }
    }
    assert!(total_formulas >= 10, "only {total_formulas} formulas in the corpus");
}

fn part(ods: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(ods)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|_| panic!("no {name}")).read_to_string(&mut text).unwrap();
    text
}

#[test]
fn the_package_freezes_filters_and_prints_like_the_xlsx() {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let typeset = typeset(&engine, &root().join("inputs/mol-109"));
    let ods = typeset.ods.unwrap();
    // The mimetype first and stored, as ODF asks.
    assert_eq!(&ods[30..38], b"mimetype");
    assert_eq!(&ods[38..84], b"application/vnd.oasis.opendocument.spreadsheet");
    let mut zip = zip::ZipArchive::new(Cursor::new(&ods[..])).unwrap();
    assert_eq!(zip.by_index(0).unwrap().compression(), zip::CompressionMethod::Stored);

    let content = part(&ods, "content.xml");
    let settings = part(&ods, "settings.xml");
    let sheets = [("預算員額", "H", 4), ("重要施政計畫", "G", 78), ("107年度實施成果", "J", 191), ("108年1-6月實施成果", "J", 153)];
    for (name, last_col, last_row) in sheets {
        assert!(
            content.contains(&format!(r#"table:print-ranges="&apos;{name}&apos;.A1:&apos;{name}&apos;.{last_col}{last_row}""#)),
            "print range of {name}"
        );
        assert!(
            content.contains(&format!(r#"table:target-range-address="&apos;{name}&apos;.A3:&apos;{name}&apos;.{last_col}{last_row}" table:display-filter-buttons="true""#)),
            "autofilter of {name}"
        );
        let entry = settings.split(&format!(r#"config:name="{name}">"#)).nth(1).unwrap_or_else(|| panic!("no view settings for {name}"));
        assert!(entry.contains(r#"config:name="VerticalSplitMode" config:type="short">2<"#), "{name} is not frozen");
        assert!(entry.contains(r#"config:name="VerticalSplitPosition" config:type="int">3<"#), "{name} is not frozen below the header");
    }
    assert_eq!(content.matches("<table:table-header-rows>").count(), 5, "a repeated header row per sheet");
    assert!(content.contains(r#"<table:table-cell table:style-name="number" table:formula="of:=SUM([.B4:.G4])" office:value-type="float" office:value="326"><text:p>326</text:p>"#));
    let styles = part(&ods, "styles.xml");
    assert!(styles.contains(r#"fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape""#));
    let meta = part(&ods, "meta.xml");
    assert!(meta.contains("<dc:title>勞動部 109年度 預算總說明 表格</dc:title>"), "{meta}");
    assert!(meta.contains("<meta:creation-date>2019-08-30T00:00:00</meta:creation-date>"), "{meta}");

    // The same inputs give the same bytes.
    let again = typeset_again(&engine);
    assert!(again == ods, "two builds give different .ods bytes");
}

fn typeset_again(engine: &Engine) -> Vec<u8> {
    typeset(engine, &root().join("inputs/mol-109")).ods.unwrap()
}

#[test]
fn untrusted_text_reads_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let nasty = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "&amp; &lt;",
        "\u{202e}abc\u{202c}",
        "=SUM(A1:A2)",
        "  兩個空格  在前後  ",
    ];
    let rows: Vec<String> = nasty.iter().map(|t| format!("[\"{}\", 1]", t.replace('\\', "\\\\").replace('"', "\\\""))).collect();
    let manifest = format!(
        "[booklet]\nagency = \"測試部\"\nfiscal_year = 110\ndate = \"2020-08-31\"\n\n[duties.main]\nparagraphs = [\"職掌\"]\n\n\
         [[parts]]\nheading = \"其他\"\n\n[[parts.tables]]\nheading = \"表\"\nsheet = \"表\"\n\
         columns = [{{ name = \"名稱\", type = \"text\" }}, {{ name = \"數\", type = \"integer\" }}]\nrows = [{}]\n",
        rows.join(", ")
    );
    std::fs::write(dir.path().join("booklet.toml"), &manifest).unwrap();
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let typeset = typeset(&engine, dir.path());
    let mut ods = Ods::new(Cursor::new(typeset.ods.unwrap())).unwrap();
    let range = ods.worksheet_range("表").unwrap();
    let texts: Vec<String> = range.rows().filter_map(|r| r.first().and_then(|c| c.get_string().map(String::from))).collect();
    for t in nasty {
        assert!(texts.iter().any(|s| s == t), "{t:?} does not read back as written: {texts:?}");
    }
    let formulas = ods.worksheet_formula("表").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "text became a formula");
}

use calamine::DataType;

/// LibreOffice opens the .ods with every cached total set to 0 and
/// computes the totals again: the same figures as booklet's; every other
/// cell it reads is the .xlsx's.
#[test]
fn libreoffice_computes_the_same_totals() {
    if Command::new("soffice").arg("--version").output().is_err() {
        eprintln!("LibreOffice (soffice) is not installed: the .ods was not opened in it");
        return;
    }
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let county = typeset(&engine, &root().join("tests/fixtures/shapes/county"));
    let ministry = typeset(&engine, &root().join("tests/fixtures/shapes/ministry"));
    let mol = typeset(&engine, &root().join("inputs/mol-109"));
    let work = tempfile::tempdir().unwrap();
    for (name, typeset, sheet) in [
        ("county", &county, "計畫預算金額"),
        ("ministry", &ministry, "預算員額"),
        ("mol-109", &mol, "預算員額"),
        ("mol-109-budget", &mol, "歲出機關別預算表"),
    ] {
        let ods = typeset.ods.clone().unwrap();
        // The expected totals: the cached values booklet wrote (placed
        // by the .xlsx, which calamine places right).
        let mut book = Xlsx::new(Cursor::new(typeset.xlsx.clone())).unwrap();
        let values = book.worksheet_range(sheet).unwrap();
        let formulas = book.worksheet_formula(sheet).unwrap();
        let mut expected = Vec::new();
        for (r, c, f) in formulas.used_cells() {
            if !f.is_empty() {
                let (r, c) = (formulas.start().unwrap().0 + r as u32, formulas.start().unwrap().1 + c as u32);
                let value = values.get_value((r, c)).and_then(|v| v.get_float());
                expected.push((r, c, value.unwrap_or_else(|| panic!("{name}: no value at {r},{c}: {:?}", values.get_value((r, c))))));
            }
        }
        assert!(!expected.is_empty(), "{name}: no formulas on {sheet}");

        // Wipe the cached values and let LibreOffice compute them.
        let wiped = rezip(&ods, |file, text| {
            if file != "content.xml" {
                return text;
            }
            let mut out = String::new();
            for (k, piece) in text.split("table:formula=").enumerate() {
                if k == 0 {
                    out.push_str(piece);
                    continue;
                }
                out.push_str("table:formula=");
                let (head, rest) = piece.split_once("office:value=\"").unwrap();
                let (_, rest) = rest.split_once('"').unwrap();
                let (_, rest) = rest.split_once("</text:p>").unwrap();
                out.push_str(&format!("{head}office:value=\"0\"><text:p>0</text:p>{rest}"));
            }
            out
        });
        let input = work.path().join(format!("{name}.ods"));
        std::fs::write(&input, &wiped).unwrap();
        // A profile of its own that tells LibreOffice to recalculate every
        // ODF document on load (ODFRecalcMode 0: always), not to trust the
        // cached values.
        let user = work.path().join("profile/user");
        std::fs::create_dir_all(&user).unwrap();
        std::fs::write(
            user.join("registrymodifications.xcu"),
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
                r#"<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>"#,
                "</oor:items>"
            ),
        )
        .unwrap();
        let profile = format!("-env:UserInstallation=file://{}", work.path().join("profile").display());
        let status = Command::new("soffice")
            .args([&profile, "--headless", "--convert-to", "xlsx", "--outdir"])
            .arg(work.path().join("converted"))
            .arg(&input)
            .output()
            .unwrap();
        let converted = work.path().join("converted").join(format!("{name}.xlsx"));
        assert!(converted.is_file(), "LibreOffice did not open {name}.ods: {}", String::from_utf8_lossy(&status.stderr));
        let mut back: Xlsx<_> = calamine::open_workbook(&converted).unwrap();
        let values = back.worksheet_range(sheet).unwrap();
        for (r, c, want) in expected {
            let got = values.get_value((r, c)).and_then(|v| v.get_float());
            assert_eq!(got, Some(want), "{name}: LibreOffice computes {got:?} at row {} column {}, booklet wrote {want}", r + 1, c + 1);
        }
        // And every other cell of every sheet, as LibreOffice read the
        // .ods, is the .xlsx's.
        let mut ours = Xlsx::new(Cursor::new(typeset.xlsx.clone())).unwrap();
        assert_eq!(back.sheet_names(), ours.sheet_names(), "{name}: the sheets LibreOffice reads");
        for sheet in ours.sheet_names() {
            let (got, want) = (cells(&back.worksheet_range(&sheet).unwrap()), cells(&ours.worksheet_range(&sheet).unwrap()));
            assert_eq!(got, want, "{name}: {sheet} as LibreOffice reads the .ods");
        }
    }
}

/// The .ods with each XML part passed through `edit`.
fn rezip(ods: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(ods)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let options = zip::write::SimpleFileOptions::default().compression_method(file.compression());
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        let bytes = if name.ends_with(".xml") { edit(&name, String::from_utf8(bytes).unwrap()).into_bytes() } else { bytes };
        out.start_file(name, options).unwrap();
        std::io::Write::write_all(&mut out, &bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}
