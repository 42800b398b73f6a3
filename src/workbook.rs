//! The auditors' workbook: the booklet's tables as flat, filterable sheets.
//!
//! Written from the same validated [`Booklet`] as the PDF, after layout, so
//! that every outcome row can carry the page of the booklet it is printed
//! on (頁次). Every data sheet has a caption, a bold frozen header row, an
//! Excel table with autofilter over the data, wrapped text, column widths
//! that count full-width characters double, and A4 landscape print setup
//! with repeated header rows. Input text is always written as a string,
//! never as a formula; the only formulas are the staffing totals, which
//! carry their cached results.

use std::collections::HashMap;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Table, TableColumn, TableStyle, Workbook,
    Worksheet, XlsxError,
};

use crate::diagnostic::Diagnostic;
use crate::model::{Booklet, CellValue, ColumnKind, GenericTable, OutcomeTable, PlansTable, SUBTOTAL_LABEL, TOTALS_LABEL};
use crate::numbering::Pattern;
use crate::view::{Patterns, outcome_anchor, parse_date, piece_anchor, plan_anchor};

/// The names of the sheets every workbook may hold besides the outcome
/// tables and the further parts' tables.
pub const FIXED_SHEETS: [&str; 3] = ["預算員額", "重要施政計畫", "計畫預算金額"];

/// The sheet name of a further part's table: its `sheet`, or its heading.
pub fn table_sheet_name(table: &GenericTable) -> String {
    table.sheet.clone().unwrap_or_else(|| table.heading.clone())
}

/// The sheet name of the `t`th outcome table: its `sheet`, or `實施成果N`.
pub fn outcome_sheet_name(t: usize, table: &OutcomeTable) -> String {
    table.sheet.clone().unwrap_or_else(|| format!("實施成果{}", t + 1))
}

/// The widest a text column may be (in Excel's character units); longer
/// text wraps.
const MAX_WIDTH: f64 = 60.0;
/// The first row of a sheet's header (0-based): row 0 is the caption.
pub const HEADER_ROW: u32 = 2;

/// One sheet's worth of rows, before writing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A formula and its cached result.
    Formula(String, f64),
    Empty,
}

/// The rows of a data sheet, as the writer lays them out.
#[derive(Debug, Clone)]
pub struct SheetData {
    pub name: String,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Builds every sheet of a booklet's workbook.
///
/// # Parameters
///
/// - `booklet`: the validated booklet.
/// - `pages`: the printed page of each row anchor, from the laid-out PDF.
pub fn sheets(booklet: &Booklet, pages: &HashMap<String, u64>) -> Vec<SheetData> {
    let meta = &booklet.meta;
    let caption = |section: &str| format!("{}　中華民國{}年度{}　{}", meta.agency, meta.fiscal_year, meta.title, section);
    let Patterns { work_plan, plan_item, list, sublist, result, .. } = Patterns::new(booklet);
    let page = |anchor: String| pages.get(&anchor).map_or(Cell::Empty, |&p| Cell::Number(p as f64));
    let mut out = Vec::new();

    if let Some(staffing) = booklet.duties.as_ref().and_then(|d| d.organization.as_ref()).and_then(|o| o.staffing.as_ref()) {
        let mut headers = vec![staffing.agency_column.split_whitespace().collect::<String>()];
        headers.extend(staffing.columns.iter().cloned());
        headers.push(staffing.total_column.clone());
        let ncols = staffing.columns.len();
        let first_data = HEADER_ROW + 1;
        let mut rows: Vec<Vec<Cell>> = staffing
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let excel_row = first_data + i as u32 + 1;
                let mut row = vec![Cell::Text(r.agency.clone())];
                row.extend(r.counts.iter().map(|&c| Cell::Number(c as f64)));
                let sum = r.sum() as f64;
                row.push(Cell::Formula(format!("=SUM({}{excel_row}:{}{excel_row})", column_name(1), column_name(ncols as u16)), sum));
                row
            })
            .collect();
        if staffing.rows.len() > 1 {
            let last = first_data + staffing.rows.len() as u32;
            let mut sums = staffing.column_sums();
            sums.push(sums.iter().fold(0i64, |a, &n| a.saturating_add(n)));
            let mut total = vec![Cell::Text(TOTALS_LABEL.into())];
            for (c, sum) in sums.into_iter().enumerate() {
                let col = column_name(c as u16 + 1);
                total.push(Cell::Formula(format!("=SUM({col}{}:{col}{last})", first_data + 1), sum as f64));
            }
            rows.push(total);
        }
        out.push(SheetData { name: FIXED_SHEETS[0].into(), caption: caption(&staffing.heading), headers, rows });
    }

    if let Some(plans) = booklet.policy.as_ref().and_then(|p| p.plans.as_ref()) {
        let headers = ["工作計畫編號", "工作計畫名稱", "項目編號", "重要計畫項目", "內容編號", "實施內容", "頁次"];
        let mut rows = Vec::new();
        for (i, wp) in plans.work_plans.iter().enumerate() {
            for (j, item) in wp.items.iter().enumerate() {
                for (k, content) in item.contents.iter().enumerate() {
                    rows.push(vec![
                        Cell::Text(work_plan.format(i + 1)),
                        Cell::Text(wp.name.clone()),
                        Cell::Text(plan_item.format(j + 1)),
                        Cell::Text(item.title.clone()),
                        Cell::Text(sublist.format(k + 1)),
                        Cell::Text(content.clone()),
                        page(piece_anchor(&plan_anchor(i, j), k)),
                    ]);
                }
            }
        }
        out.push(SheetData {
            name: FIXED_SHEETS[1].into(),
            caption: caption(&plans.heading),
            headers: headers.map(String::from).to_vec(),
            rows,
        });
    }

    if let Some(plans) = booklet.policy.as_ref().and_then(|p| p.plans.as_ref())
        && plans.amount.is_some()
    {
        out.push(amounts_sheet(plans, &caption(&plans.heading), &work_plan, &plan_item, &page));
    }

    if let Some(outcomes) = &booklet.outcomes {
        for (t, table) in outcomes.tables.iter().enumerate() {
            out.push(outcome_sheet(t, table, &caption(&table.heading), &work_plan, &list, &sublist, &result, &page));
        }
    }

    for part in &booklet.parts {
        for table in &part.tables {
            out.push(table_sheet(table, &caption(&table.heading)));
        }
    }
    out
}

/// The plans table's amounts: one row per item, a subtotal row after each
/// work plan (a SUM over its items) and a grand total (the SUM of the
/// subtotals), each with its cached value.
fn amounts_sheet(plans: &PlansTable, caption: &str, work_plan: &Pattern, plan_item: &Pattern, page: &dyn Fn(String) -> Cell) -> SheetData {
    let amount = plans.amount.as_ref().expect("an amount column");
    let headers = vec![
        "工作計畫編號".to_string(),
        "工作計畫名稱".into(),
        "項目編號".into(),
        plans.columns[1].clone(),
        format!("{}（{}）", amount.heading, amount.unit),
        plans.remarks.clone().unwrap_or_else(|| "備註".into()),
        "頁次".into(),
    ];
    let col = column_name(4);
    let mut rows = Vec::new();
    let mut subtotals = Vec::new();
    for (i, wp) in plans.work_plans.iter().enumerate() {
        let first = HEADER_ROW + 2 + rows.len() as u32;
        for (j, item) in wp.items.iter().enumerate() {
            rows.push(vec![
                Cell::Text(work_plan.format(i + 1)),
                Cell::Text(wp.name.clone()),
                Cell::Text(plan_item.format(j + 1)),
                Cell::Text(item.title.clone()),
                item.amount.map_or(Cell::Empty, |a| Cell::Number(a as f64)),
                Cell::Text(item.remarks.clone().unwrap_or_default()),
                page(plan_anchor(i, j)),
            ]);
        }
        let last = HEADER_ROW + 1 + rows.len() as u32;
        rows.push(vec![
            Cell::Text(work_plan.format(i + 1)),
            Cell::Text(wp.name.clone()),
            Cell::Empty,
            Cell::Text(SUBTOTAL_LABEL.into()),
            Cell::Formula(format!("=SUM({col}{first}:{col}{last})"), wp.amount_sum() as f64),
            Cell::Empty,
            Cell::Empty,
        ]);
        subtotals.push(format!("{col}{}", HEADER_ROW + 1 + rows.len() as u32));
    }
    let total = plans.work_plans.iter().fold(0i64, |a, wp| a.saturating_add(wp.amount_sum()));
    rows.push(vec![
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Text(TOTALS_LABEL.into()),
        Cell::Formula(format!("=SUM({})", subtotals.join(",")), total as f64),
        Cell::Empty,
        Cell::Empty,
    ]);
    SheetData { name: FIXED_SHEETS[2].into(), caption: caption.into(), headers, rows }
}

/// A further part's table: its declared columns, numbers as numbers, and a
/// totals row of SUM formulas where a column is totalled.
fn table_sheet(table: &GenericTable, caption: &str) -> SheetData {
    let headers = table
        .columns
        .iter()
        .map(|c| match &c.unit {
            Some(unit) => format!("{}（{unit}）", c.name),
            None => c.name.clone(),
        })
        .collect();
    let mut rows: Vec<Vec<Cell>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|v| match v {
                    CellValue::Text(t) => Cell::Text(t.clone()),
                    CellValue::Integer(n) => Cell::Number(*n as f64),
                    CellValue::Float(x) => Cell::Number(*x),
                })
                .collect()
        })
        .collect();
    if table.columns.iter().any(|c| c.total) {
        let (first, last) = (HEADER_ROW + 2, HEADER_ROW + 1 + table.rows.len() as u32);
        let label_at = table.columns.iter().position(|c| c.kind == ColumnKind::Text).unwrap_or(0);
        let totals = table
            .columns
            .iter()
            .enumerate()
            .map(|(k, c)| {
                if c.total {
                    let col = column_name(k as u16);
                    Cell::Formula(format!("=SUM({col}{first}:{col}{last})"), table.column_sum(k) as f64)
                } else if k == label_at {
                    Cell::Text(table.total_label.clone())
                } else {
                    Cell::Empty
                }
            })
            .collect();
        rows.push(totals);
    }
    SheetData { name: table_sheet_name(table), caption: caption.into(), headers, rows }
}

#[allow(clippy::too_many_arguments)]
fn outcome_sheet(
    t: usize,
    table: &OutcomeTable,
    caption: &str,
    work_plan: &Pattern,
    list: &Pattern,
    sublist: &Pattern,
    result: &Pattern,
    page: &dyn Fn(String) -> Cell,
) -> SheetData {
    let headers = [
        "期間", "工作計畫編號", "工作計畫", "項目編號", "項目", "子項編號", "實施概況", "成果編號", "實施成果", "頁次",
    ];
    let period = table.period.clone().unwrap_or_default();
    let mut rows = Vec::new();
    for (i, wp) in table.work_plans.iter().enumerate() {
        for (j, item) in wp.items.iter().enumerate() {
            let mut number = 0;
            for (k, sub) in item.subitems.iter().enumerate() {
                let sub_number = if sub.numbered {
                    number += 1;
                    sublist.format(number)
                } else {
                    String::new()
                };
                let anchor = outcome_anchor(t, i, j, k);
                let base = |result_number: String, text: String, piece: usize| {
                    vec![
                        Cell::Text(period.clone()),
                        Cell::Text(work_plan.format(i + 1)),
                        Cell::Text(wp.name.clone()),
                        Cell::Text(list.format(j + 1)),
                        Cell::Text(item.title.clone()),
                        Cell::Text(sub_number.clone()),
                        Cell::Text(sub.text.clone()),
                        Cell::Text(result_number),
                        Cell::Text(text),
                        page(piece_anchor(&anchor, piece)),
                    ]
                };
                let paragraphs = sub.paragraphs.len();
                for (n, p) in sub.paragraphs.iter().enumerate() {
                    rows.push(base(String::new(), p.clone(), n));
                }
                for (r, text) in sub.results.iter().enumerate() {
                    rows.push(base(result.format(r + 1), text.clone(), paragraphs + r));
                }
                if sub.paragraphs.is_empty() && sub.results.is_empty() {
                    rows.push(base(String::new(), String::new(), 0));
                }
            }
        }
    }
    let name = outcome_sheet_name(t, table);
    SheetData { name, caption: caption.to_string(), headers: headers.map(String::from).to_vec(), rows }
}

/// The number of rows a booklet's outcome table gives in the workbook: one
/// per result paragraph and numbered result, one for a sub-item with none.
pub fn outcome_row_count(table: &OutcomeTable) -> usize {
    table
        .work_plans
        .iter()
        .flat_map(|w| &w.items)
        .flat_map(|i| &i.subitems)
        .map(|s| (s.paragraphs.len() + s.results.len()).max(1))
        .sum()
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
/// characters count double.
pub fn display_width(text: &str) -> f64 {
    text.chars().map(|c| if is_wide(c) { 2.0 } else { 1.0 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Writes a booklet's workbook into memory.
///
/// # Parameters
///
/// - `booklet`: the validated booklet.
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
/// let bytes = booklet::workbook::write(booklet, &Default::default()).unwrap();
/// std::fs::write("out/example.xlsx", bytes).unwrap();
/// # }
/// ```
pub fn write(booklet: &Booklet, pages: &HashMap<String, u64>) -> Result<Vec<u8>, Diagnostic> {
    write_sheets(booklet, &sheets(booklet, pages)).map_err(|e| Diagnostic::error(format!("cannot write the workbook: {e}")))
}

fn write_sheets(booklet: &Booklet, sheets: &[SheetData]) -> Result<Vec<u8>, XlsxError> {
    let meta = &booklet.meta;
    // A date fixed by the inputs (never the clock), so that builds are
    // byte-identical: the bundle's date, or 1 January of the fiscal year.
    let date = meta.date.as_deref().and_then(parse_date).map_or(((meta.fiscal_year.clamp(1, 200) + 1911) as u16, 1, 1), |d| (d.year as u16, d.month, d.day));
    let properties = Properties {
        title: format!("{} {}年度 {} 表格", meta.agency, meta.fiscal_year, meta.title),
        author: meta.agency.clone(),
        subject: format!("中華民國{}年度{}", meta.fiscal_year, meta.title),
        date,
    };
    write_workbook(&properties, sheets)
}

/// A workbook's document properties; the date is the inputs', never the clock's.
pub struct Properties {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Year, month, day.
    pub date: (u16, u8, u8),
}

/// Writes sheets into a workbook, each with a caption, a frozen header row,
/// an autofilter table and print setup (see the module's description).
///
/// # Errors
///
/// What the XLSX writer refuses (a sheet name, a size).
pub fn write_workbook(p: &Properties, sheets: &[SheetData]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(p.title.clone())
        .set_author(p.author.clone())
        .set_company(p.author.clone())
        .set_subject(p.subject.clone());
    let created = ExcelDateTime::from_ymd(p.date.0, p.date.1, p.date.2)?;
    properties = properties.set_creation_datetime(&created);
    workbook.set_properties(&properties);

    let caption_format = Format::new().set_bold().set_font_size(14);
    let header_format = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let text_format = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let number_format = Format::new().set_align(FormatAlign::Top).set_num_format("#,##0");

    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        write_sheet(worksheet, sheet, &caption_format, &header_format, &text_format, &number_format)?;
    }
    workbook.save_to_buffer()
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &SheetData,
    caption_format: &Format,
    header_format: &Format,
    text_format: &Format,
    number_format: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, &sheet.caption, caption_format)?;
    let first_data = HEADER_ROW + 1;
    let mut widths: Vec<f64> = sheet.headers.iter().map(|h| display_width(h) + 4.0).collect();
    for (r, row) in sheet.rows.iter().enumerate() {
        let excel_row = first_data + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(text) => {
                    // Always a string: text that starts with = + - @ stays text.
                    ws.write_string_with_format(excel_row, col, text, text_format)?;
                    widths[c] = widths[c].max(display_width(text) + 1.0);
                }
                Cell::Number(n) => {
                    ws.write_number_with_format(excel_row, col, *n, number_format)?;
                    widths[c] = widths[c].max(8.0);
                }
                Cell::Formula(f, result) => {
                    let formula = Formula::new(f).set_result(format_number(*result));
                    ws.write_formula_with_format(excel_row, col, formula, number_format)?;
                }
                Cell::Empty => {}
            }
        }
    }
    for (c, width) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, width.min(MAX_WIDTH))?;
    }
    let last_row = first_data + sheet.rows.len().max(1) as u32 - 1;
    let last_col = sheet.headers.len() as u16 - 1;
    let columns: Vec<TableColumn> = sheet
        .headers
        .iter()
        .map(|h| TableColumn::new().set_header(h).set_header_format(header_format))
        .collect();
    let table = Table::new().set_columns(&columns).set_style(TableStyle::Light1);
    ws.add_table(HEADER_ROW, 0, last_row, last_col, &table)?;
    ws.set_freeze_panes(first_data, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 { format!("{}", n as i64) } else { n.to_string() }
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
