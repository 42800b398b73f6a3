//! The workbook's sheets, read from the view: one sheet per table the
//! booklet prints (staffing, plans, amounts, each outcome table, each
//! further part's table), in print order, each row carrying the page it is
//! printed on. The numbers, markers, sums and row anchors are the view's,
//! so that the workbook shows what the PDF prints. The writers
//! ([`super::xlsx`], [`super::ods`]) lay these rows out; they never look
//! at the booklet.

use std::collections::HashMap;

use super::{Cell, HEADER_ROW, SheetData, column_name};
use crate::model::FIXED_SHEETS;
use crate::view::{BudgetView, Content, Figure, Marked, OutcomesView, PlansView, StaffingView, TableView, View};

/// Builds every sheet of a booklet's workbook.
///
/// # Parameters
///
/// - `view`: the booklet's view.
/// - `pages`: the printed page of each row anchor, from the laid-out PDF.
pub fn sheets(view: &View, pages: &HashMap<String, u64>) -> Vec<SheetData> {
    let meta = &view.meta;
    let caption = |heading: &str| format!("{}　{}{}　{}", meta.agency, meta.year_line, meta.title, heading);
    let page = |anchor: &str| pages.get(anchor).map_or(Cell::Empty, |&p| Cell::Number(p as f64));
    let mut out = Vec::new();
    let visit = |heading: &str, content: &Content, out: &mut Vec<SheetData>| match content {
        Content::Staffing(t) => out.push(staffing_sheet(t, &caption(heading))),
        Content::Plans(t) => {
            out.push(plans_sheet(t, &caption(heading), &page));
            if t.amount.is_some() {
                out.push(amounts_sheet(t, &with_unit(caption(heading), &t.unit_caption), &page));
            }
        }
        Content::Outcomes(t) => out.push(outcome_sheet(t, &caption(heading), &page)),
        Content::Table(t) => out.push(table_sheet(t, &with_unit(caption(heading), &t.unit_caption))),
        _ => {}
    };
    for part in &view.parts {
        for chapter in &part.chapters {
            match &chapter.content {
                Content::Sections { sections } => sections.iter().for_each(|s| visit(&s.heading, &s.content, &mut out)),
                content => visit(&chapter.heading, content, &mut out),
            }
        }
    }
    if let Some(b) = &view.budget {
        out.push(budget_sheet(b, &format!("{}　{}", caption(&b.heading), b.unit_caption), &page));
    }
    out
}

/// The 歲出機關別預算表: a row per printed row, the amounts in 千元 as
/// numbers; a 款, 項 or 目 that sums rows below it holds SUM formulas of
/// them (with their values cached), the difference a formula, the code text.
fn budget_sheet(b: &BudgetView, caption: &str, page: &dyn Fn(&str) -> Cell) -> SheetData {
    let headers = ["款", "項", "目", "節", "名稱", "科目編號", "本年度預算數", "上年度預算數", "本年度與上年度比較", "說明", "頁次"];
    let first = HEADER_ROW + 2;
    let excel_row = |i: usize| first + i as u32;
    let (current, previous) = (column_name(6), column_name(7));
    let rows = b
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // A row is the SUM of its parts where it is their sum: a 目 given
            // whole last year and by its 節 this year is last year's number.
            let amount = |column: &str, f: &Figure| {
                let of = |p: &usize| {
                    if column == current { &b.rows[*p].current } else { &b.rows[*p].previous }
                };
                let sum: f64 = r.parts.iter().map(|p| of(p).number.unwrap_or(0.0)).sum();
                if r.parts.is_empty() || sum != f.number.unwrap_or(0.0) {
                    number(f)
                } else {
                    let cells: Vec<String> = r.parts.iter().map(|&p| format!("{column}{}", excel_row(p))).collect();
                    Cell::Formula(format!("=SUM({})", cells.join(",")), f.number.unwrap_or(0.0))
                }
            };
            let text = |t: &str| {
                if t.is_empty() { Cell::Empty } else { Cell::Text(t.to_string()) }
            };
            let n = excel_row(i);
            vec![
                text(&r.kuan),
                text(&r.xiang),
                text(&r.mu),
                text(&r.section),
                Cell::Text(r.name.clone()),
                text(&r.code),
                amount(&current, &r.current),
                amount(&previous, &r.previous),
                Cell::Formula(format!("={current}{n}-{previous}{n}"), r.difference.number.unwrap_or(0.0)),
                text(&r.note.iter().map(|l| l.line()).collect::<Vec<_>>().join("\n")),
                page(&r.anchor),
            ]
        })
        .collect();
    SheetData { name: b.sheet.clone(), caption: caption.into(), headers: headers.map(String::from).to_vec(), rows, notes: Vec::new() }
}

/// A sheet's caption with the table's unit caption after it.
fn with_unit(caption: String, unit: &Option<String>) -> String {
    match unit {
        Some(unit) => format!("{caption}　{unit}"),
        None => caption,
    }
}

fn number(f: &Figure) -> Cell {
    f.number.map_or(Cell::Empty, Cell::Number)
}

/// A table's notes as lines under its sheet, each with its label.
fn note_lines(notes: &[Marked]) -> Vec<String> {
    notes.iter().map(|n| format!("{}{}", n.marker, n.text)).collect()
}

/// The staffing table: the counts as numbers, each row's total a SUM, and a
/// totals row of SUMs when the booklet prints one.
fn staffing_sheet(t: &StaffingView, caption: &str) -> SheetData {
    let mut headers = vec![t.agency_column.split_whitespace().collect::<String>()];
    headers.extend(t.columns.iter().cloned());
    headers.push(t.total_column.clone());
    let ncols = t.columns.len();
    let first_data = HEADER_ROW + 1;
    let mut rows: Vec<Vec<Cell>> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let excel_row = first_data + i as u32 + 1;
            let mut row = vec![Cell::Text(r.agency.clone())];
            row.extend(r.counts.iter().map(number));
            let sum = r.total.number.unwrap_or(0.0);
            row.push(Cell::Formula(format!("=SUM({}{excel_row}:{}{excel_row})", column_name(1), column_name(ncols as u16)), sum));
            row
        })
        .collect();
    if let Some(totals) = &t.totals {
        let last = first_data + t.rows.len() as u32;
        let mut row = vec![Cell::Text(totals.agency.clone())];
        for (c, sum) in totals.counts.iter().chain(std::iter::once(&totals.total)).enumerate() {
            let col = column_name(c as u16 + 1);
            row.push(Cell::Formula(format!("=SUM({col}{}:{col}{last})", first_data + 1), sum.number.unwrap_or(0.0)));
        }
        rows.push(row);
    }
    SheetData { name: FIXED_SHEETS[0].into(), caption: caption.into(), headers, rows, notes: note_lines(&t.notes) }
}

/// The plans table: one row per content entry, with its numbers.
fn plans_sheet(t: &PlansView, caption: &str, page: &dyn Fn(&str) -> Cell) -> SheetData {
    let headers = ["工作計畫編號", "工作計畫名稱", "項目編號", "重要計畫項目", "內容編號", "實施內容", "頁次"];
    let mut rows = Vec::new();
    for wp in &t.work_plans {
        for item in &wp.items {
            for (content, anchor) in item.contents.iter().zip(&item.content_anchors) {
                rows.push(vec![
                    Cell::Text(wp.marker.clone()),
                    Cell::Text(wp.title.clone()),
                    Cell::Text(item.number.clone()),
                    Cell::Text(item.title.clone()),
                    Cell::Text(content.marker.clone()),
                    Cell::Text(content.text.clone()),
                    page(anchor),
                ]);
            }
        }
    }
    SheetData {
        name: FIXED_SHEETS[1].into(),
        caption: caption.into(),
        headers: headers.map(String::from).to_vec(),
        rows,
        notes: Vec::new(),
    }
}

/// The plans table's amounts: one row per item, a subtotal row after each
/// work plan (a SUM over its items) and a grand total (the SUM of the
/// subtotals), each with its cached value.
fn amounts_sheet(t: &PlansView, caption: &str, page: &dyn Fn(&str) -> Cell) -> SheetData {
    let headers = vec![
        "工作計畫編號".to_string(),
        "工作計畫名稱".into(),
        "項目編號".into(),
        t.columns[1].clone(),
        t.amount.clone().unwrap_or_default(),
        t.remarks.clone().unwrap_or_else(|| "備註".into()),
        "頁次".into(),
    ];
    let col = column_name(4);
    let mut rows = Vec::new();
    let mut subtotals = Vec::new();
    for wp in &t.work_plans {
        let first = HEADER_ROW + 2 + rows.len() as u32;
        for item in &wp.items {
            rows.push(vec![
                Cell::Text(wp.marker.clone()),
                Cell::Text(wp.title.clone()),
                Cell::Text(item.number.clone()),
                Cell::Text(item.title.clone()),
                number(&item.amount),
                Cell::Text(item.remarks.clone()),
                page(&item.anchor),
            ]);
        }
        let last = HEADER_ROW + 1 + rows.len() as u32;
        let subtotal = wp.subtotal.as_ref().and_then(|f| f.number).unwrap_or(0.0);
        rows.push(vec![
            Cell::Text(wp.marker.clone()),
            Cell::Text(wp.title.clone()),
            Cell::Empty,
            Cell::Text(t.subtotal_label.clone()),
            Cell::Formula(format!("=SUM({col}{first}:{col}{last})"), subtotal),
            Cell::Empty,
            Cell::Empty,
        ]);
        subtotals.push(format!("{col}{}", HEADER_ROW + 1 + rows.len() as u32));
    }
    let total = t.total.as_ref().and_then(|f| f.number).unwrap_or(0.0);
    rows.push(vec![
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Text(t.total_label.clone()),
        Cell::Formula(format!("=SUM({})", subtotals.join(",")), total),
        Cell::Empty,
        Cell::Empty,
    ]);
    SheetData { name: FIXED_SHEETS[2].into(), caption: caption.into(), headers, rows, notes: Vec::new() }
}

/// A further part's table: its declared columns, numbers as numbers, and a
/// totals row of SUM formulas where a column is totalled.
fn table_sheet(t: &TableView, caption: &str) -> SheetData {
    // A column of percentages holds the numbers (95.2), its heading says so.
    // A grouped column's heading names its group (預算數／本年度): one header
    // row, which a filter and a sort take as the columns' names.
    let headers = t
        .columns
        .iter()
        .map(|c| {
            let name = c.qualified_name();
            if c.percent { format!("{name}（%）") } else { name }
        })
        .collect();
    let cell = |f: &Figure| match f.number {
        Some(n) => Cell::Number(n),
        None => Cell::Text(f.text.clone()),
    };
    let mut rows: Vec<Vec<Cell>> = t.rows.iter().map(|row| row.iter().map(cell).collect()).collect();
    if let Some(totals) = &t.totals {
        let (first, last) = (HEADER_ROW + 2, HEADER_ROW + 1 + t.rows.len() as u32);
        let row = totals
            .iter()
            .enumerate()
            .map(|(k, f)| match f.number {
                Some(n) => {
                    let col = column_name(k as u16);
                    Cell::Formula(format!("=SUM({col}{first}:{col}{last})"), n)
                }
                None if f.text.is_empty() => Cell::Empty,
                None => Cell::Text(f.text.clone()),
            })
            .collect();
        rows.push(row);
    }
    SheetData { name: t.sheet.clone(), caption: caption.into(), headers, rows, notes: note_lines(&t.notes) }
}

/// An outcome table: one row per result paragraph and numbered result (one
/// for a sub-item with none), with the numbers of its work plan, item,
/// sub-item and result.
fn outcome_sheet(t: &OutcomesView, caption: &str, page: &dyn Fn(&str) -> Cell) -> SheetData {
    let headers = ["期間", "工作計畫編號", "工作計畫", "項目編號", "項目", "子項編號", "實施概況", "成果編號", "實施成果", "頁次"];
    let mut rows = Vec::new();
    for wp in &t.work_plans {
        for item in &wp.items {
            for sub in &item.subitems {
                let pieces = sub
                    .paragraphs
                    .iter()
                    .map(|p| (String::new(), p.clone()))
                    .chain(sub.results.iter().map(|r| (r.marker.clone(), r.text.clone())))
                    .chain((sub.paragraphs.is_empty() && sub.results.is_empty()).then(|| (String::new(), String::new())));
                for ((marker, text), anchor) in pieces.zip(&sub.piece_anchors) {
                    rows.push(vec![
                        Cell::Text(t.period.clone()),
                        Cell::Text(wp.marker.clone()),
                        Cell::Text(wp.title.clone()),
                        Cell::Text(item.marker.clone()),
                        Cell::Text(item.title.clone()),
                        Cell::Text(sub.marker.clone()),
                        Cell::Text(sub.text.clone()),
                        Cell::Text(marker),
                        Cell::Text(text),
                        page(anchor),
                    ]);
                }
            }
        }
    }
    SheetData { name: t.sheet.clone(), caption: caption.into(), headers: headers.map(String::from).to_vec(), rows, notes: Vec::new() }
}

/// The number of rows a booklet's outcome table gives in the workbook: one
/// per result paragraph and numbered result, one for a sub-item with none.
pub fn outcome_row_count(table: &crate::model::OutcomeTable) -> usize {
    table
        .work_plans
        .iter()
        .flat_map(|w| &w.items)
        .map(|i| {
            i.paragraphs.len() + i.results.len() + i.subitems.iter().map(|s| (s.paragraphs.len() + s.results.len()).max(1)).sum::<usize>()
        })
        .sum()
}
