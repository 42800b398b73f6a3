//! The workbook's sheets, built from the validated booklet: one sheet per
//! table of the booklet (staffing, plans, amounts, each outcome table, each
//! further part's table), each row carrying the page it is printed on.
//! The writers ([`super::xlsx`], [`super::ods`]) lay these rows out; they
//! never look at the booklet.

use std::collections::HashMap;

use super::{Cell, HEADER_ROW, SheetData, column_name};
use crate::model::{Booklet, CellValue, ColumnKind, GenericTable, OutcomeTable, PlansTable, SUBTOTAL_LABEL, TOTALS_LABEL};
use crate::numbering::Pattern;
use crate::view::{Patterns, outcome_anchor, piece_anchor, plan_anchor};

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
