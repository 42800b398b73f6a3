//! The outputs of a comparison: the report's Typst source (through the
//! templates, `compare.typ.j2`), its PDF (in the booklet's world and look),
//! and its workbook (one row per change; the staffing differences as
//! formulas), written atomically as `<out>/<NEW>-vs-<OLD>.pdf` and `.xlsx`.

use rust_i18n::t;
use std::path::{Path, PathBuf};

use crate::build::Engine;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::BundleRef;
use crate::options::Standard;
use crate::output::{output_path, write_atomic};
use crate::workbook::{Cell, Properties, SheetData, column_name, write_workbook};

use super::{Report, Style};

/// The files a comparison wrote, and what it found.
#[derive(Debug, Clone)]
pub struct Compared {
    pub pdf: PathBuf,
    pub xlsx: PathBuf,
    pub report: Report,
    /// The text of the report's pages.
    pub pages: Vec<crate::typeset::PageText>,
    /// Warnings (e.g. bundles of different agencies) and the bundles' own.
    pub warnings: Diagnostics,
}

/// Loads and validates both bundles, compares them and writes the report.
///
/// # Errors
///
/// The bundles' problems (each validated first, with located errors), a
/// template or Typst problem, or a file that cannot be written; nothing is
/// written then.
///
/// # Parameters
///
/// - `old`, `new`: the bundles, older year first;
/// - `out_dir`: where `<NEW>-vs-<OLD>.pdf` and `.xlsx` go;
/// - `standard`: the PDF standard of the report;
/// - `style`: inline redline or the 對照表.
pub fn run(
    engine: &Engine,
    old: &BundleRef,
    new: &BundleRef,
    out_dir: &Path,
    standard: Standard,
    style: Style,
) -> Result<Compared, Diagnostics> {
    let (old_bundle, mut warnings) = engine.check(old, false)?;
    let (new_bundle, more) = engine.check(new, false)?;
    warnings.extend(more);
    let (o, n) = (&old_bundle.booklet, &new_bundle.booklet);
    if o.meta.agency != n.meta.agency {
        warnings.push(Diagnostic::warning(t!("compare.agencies_differ", old = o.meta.agency, new = n.meta.agency)));
    }
    let old_name = old.name.to_string_lossy().into_owned();
    let new_name = new.name.to_string_lossy().into_owned();
    let report = super::compare(o, n, &old_name, &new_name);
    let stem = PathBuf::from(format!("{new_name}-vs-{old_name}"));
    let date = n.meta.date.as_deref().and_then(crate::view::parse_date);
    let source = render(engine, &report, style, date).map_err(|d| vec![d])?;
    let (pdf, pages) = engine.typeset_source(&source, &stem, out_dir, &new.dir, standard)?;
    let xlsx = workbook(&report, date.map_or((2000, 1, 1), |d| (d.year as u16, d.month, d.day)))
        .map_err(|e| vec![Diagnostic::error(t!("workbook.write.xlsx", error = e))])?;
    let pdf_path = output_path(out_dir, &stem, "pdf");
    let xlsx_path = output_path(out_dir, &stem, "xlsx");
    write_atomic(&pdf_path, &pdf).map_err(|d| vec![d])?;
    write_atomic(&xlsx_path, &xlsx).map_err(|d| vec![d])?;
    Ok(Compared { pdf: pdf_path, xlsx: xlsx_path, report, pages, warnings })
}

/// The report's Typst source, through `compare.typ.j2`.
///
/// # Errors
///
/// A template error, pointing at the template's file and line.
pub fn render(engine: &Engine, report: &Report, style: Style, date: Option<crate::view::DateView>) -> Result<String, Diagnostic> {
    let context = minijinja::context! { report => report, style => style, date => date };
    engine.templates().render_template(crate::render::COMPARE_TEMPLATE, context)
}

/// The report's workbook, 變動: one row per change (section, what, kind,
/// column, places, old and new text), a number's old and new values as
/// numbers with their difference as a formula (with its value), and the
/// subtotals and totals the change moves.
///
/// # Errors
///
/// What the XLSX writer refuses.
pub fn workbook(report: &Report, date: (u16, u8, u8)) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let caption = format!("{} 與 {} 之比較", report.new_title, report.old_title);
    let mut rows = Vec::new();
    let first = crate::workbook::HEADER_ROW + 2;
    for section in &report.sections {
        for c in &section.changes {
            let row = first + rows.len() as u32;
            let number = |v: Option<i64>| v.map_or(Cell::Empty, |n| Cell::Number(n as f64));
            let (old, new, difference) = match &c.figure {
                Some(f) => (
                    number(f.old),
                    number(f.new),
                    Cell::Formula(
                        format!("={}{row}-{}{row}", column_name(9), column_name(8)),
                        f.new.unwrap_or(0).saturating_sub(f.old.unwrap_or(0)) as f64,
                    ),
                ),
                None => (Cell::Empty, Cell::Empty, Cell::Empty),
            };
            let fields =
                c.fields.iter().map(|f| format!("{}：{}", f.name, f.text)).chain(c.contents.iter().cloned()).collect::<Vec<_>>().join("；");
            let totals = c
                .totals
                .iter()
                .map(|t| format!("{} {} → {}（{}）", t.name, t.figure.old_text, t.figure.new_text, t.figure.difference))
                .collect::<Vec<_>>()
                .join("；");
            rows.push(vec![
                Cell::Text(section.name.clone()),
                Cell::Text(c.what.into()),
                Cell::Text(c.label.into()),
                Cell::Text(c.field.clone()),
                Cell::Text(c.old_place.clone()),
                Cell::Text(c.new_place.clone()),
                Cell::Text(c.old_text.clone()),
                Cell::Text(c.new_text.clone()),
                old,
                new,
                difference,
                Cell::Text(fields),
                Cell::Text(totals),
            ]);
        }
    }
    let headers = [
        "章節",
        "類別",
        "變動",
        "欄位",
        "原位置",
        "新位置",
        "原文字",
        "新文字",
        "原數值",
        "新數值",
        "增減",
        "所含內容",
        "連動之小計與合計",
    ]
    .map(String::from)
    .to_vec();
    let sheets = vec![SheetData { name: "變動".into(), caption, headers, rows, notes: Vec::new() }];
    let properties = Properties {
        title: format!("{} 與 {} 之比較", report.new_name, report.old_name),
        author: report.agency.clone(),
        subject: format!("{} 與 {}", report.new_title, report.old_title),
        date,
    };
    write_workbook(&properties, &sheets)
}
