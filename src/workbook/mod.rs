//! The auditors' workbooks: the booklet's tables as flat, filterable sheets,
//! in two formats from one set of rows.
//!
//! Written from the same [`View`] as the PDF, after layout, so that every
//! row can carry the page of the booklet it is printed on (頁次).
//! [`sheets`] builds the rows once; [`xlsx`] writes them as Office Open XML
//! (for Excel) and [`ods`] as OpenDocument (CNS 15251, the government's
//! standard for editable files). Both give every data sheet a caption, a
//! bold frozen header row, an autofilter over the data, wrapped text, the
//! same column widths (full-width characters count double) and A4
//! landscape print setup with the header row repeated. Input text is always
//! written as a string, never as a formula; the only formulas are the
//! totals (SUM) and differences, which carry their cached results.

use crate::view::widths::text_em;
use rust_i18n::t;
use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::view::View;

pub mod ods;
pub mod sheets;
pub mod xlsx;

pub use crate::model::FIXED_SHEETS;
pub use sheets::{outcome_row_count, sheets};
pub use xlsx::write_workbook;

/// The widest a text column may be (in Excel's character units); longer
/// text wraps.
const MAX_WIDTH: f64 = 60.0;
/// The first row of a sheet's header (0-based): row 0 is the caption.
pub const HEADER_ROW: u32 = 2;

/// One cell of a sheet, before writing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A formula in Excel's A1 syntax (`=SUM(B4:G4)`, `=D4-C4`) and its
    /// cached result; the ODS writer translates it to OpenFormula.
    Formula(String, f64),
    Empty,
}

/// The rows of a data sheet, as the writers lay them out: the caption in
/// row 0, the header in row [`HEADER_ROW`], the rows below it.
#[derive(Debug, Clone)]
pub struct SheetData {
    pub name: String,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Lines under the table, after an empty row (a table's notes, `註：…`).
    pub notes: Vec<String>,
}

/// A workbook's document properties; the date is the inputs', never the clock's.
pub struct Properties {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Year, month, day.
    pub date: (u16, u8, u8),
}

impl Properties {
    /// A booklet's properties: its agency, year and title, and a date fixed
    /// by the inputs (never the clock), so that builds are byte-identical:
    /// the bundle's date, or 1 January of the fiscal year.
    pub fn of(view: &View) -> Self {
        let meta = &view.meta;
        let date = meta.date.map_or(((meta.fiscal_year.clamp(1, 200) + 1911) as u16, 1, 1), |d| (d.year as u16, d.month, d.day));
        Properties {
            title: format!("{} 表格", meta.document_title),
            author: meta.agency.clone(),
            subject: format!("{}{}", meta.year_line, meta.title),
            date,
        }
    }
}

/// Excel's column letters for a 0-based column.
pub fn column_name(col: u16) -> String {
    let mut n = col as u32 + 1;
    let mut name = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        name.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The display width of text in Excel's character units: full-width (CJK)
/// characters count double (twice the ems of [`text_em`]).
pub fn display_width(text: &str) -> f64 {
    2.0 * text_em(text)
}

/// The width of each column of a sheet in Excel's character units: the
/// widest of its header and its texts, at least 8 for numbers, at most
/// `MAX_WIDTH` (longer text wraps). Both writers use it.
pub fn column_widths(sheet: &SheetData) -> Vec<f64> {
    let mut widths: Vec<f64> = sheet.headers.iter().map(|h| display_width(h) + 4.0).collect();
    for row in &sheet.rows {
        for (c, cell) in row.iter().enumerate().take(widths.len()) {
            match cell {
                Cell::Text(text) => widths[c] = widths[c].max(display_width(text) + 1.0),
                Cell::Number(_) => widths[c] = widths[c].max(8.0),
                Cell::Formula(..) | Cell::Empty => {}
            }
        }
    }
    widths.into_iter().map(|w| w.min(MAX_WIDTH)).collect()
}

/// A cached result as the formula's text: integers without a decimal point.
pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 { format!("{}", n as i64) } else { n.to_string() }
}

/// Writes a booklet's XLSX workbook into memory.
///
/// # Parameters
///
/// - `view`: the booklet's view.
/// - `pages`: the printed page of each row anchor, from the laid-out PDF.
///
/// # Errors
///
/// Errors of the XLSX writer (e.g. a sheet name Excel refuses), as a
/// diagnostic.
///
/// # Examples
///
/// ```no_run
/// # fn demo(booklet: &booklet::model::Booklet) {
/// let view = booklet::view::build(booklet);
/// let bytes = booklet::workbook::write(&view, &Default::default()).unwrap();
/// std::fs::write("out/example.xlsx", bytes).unwrap();
/// # }
/// ```
pub fn write(view: &View, pages: &HashMap<String, u64>) -> Result<Vec<u8>, Diagnostic> {
    Ok(write_both(view, pages, false)?.0)
}

/// Writes a booklet's workbooks into memory from one set of rows: the XLSX
/// and, when `ods` is set, the OpenDocument spreadsheet.
///
/// # Parameters
///
/// - `view`: the booklet's view.
/// - `pages`: the printed page of each row anchor, from the laid-out PDF.
/// - `ods`: also write the .ods.
///
/// # Errors
///
/// What either writer refuses (e.g. a sheet name Excel refuses), as a
/// diagnostic.
pub fn write_both(view: &View, pages: &HashMap<String, u64>, ods: bool) -> Result<(Vec<u8>, Option<Vec<u8>>), Diagnostic> {
    let sheets = sheets(view, pages);
    let properties = Properties::of(view);
    let xlsx = xlsx::write_workbook(&properties, &sheets).map_err(|e| Diagnostic::error(t!("workbook.write.xlsx", error = e)))?;
    let ods = if ods {
        Some(ods::write_workbook(&properties, &sheets).map_err(|e| Diagnostic::error(t!("workbook.write.ods", error = e)))?)
    } else {
        None
    };
    Ok((xlsx, ods))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_full_width_double() {
        assert_eq!(display_width("勞動部"), 6.0);
        assert_eq!(display_width("APEC"), 4.0);
        assert_eq!(display_width("（1）"), 5.0);
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
    }
}
