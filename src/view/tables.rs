//! The tables' views: a further part's table, the staffing table with its
//! totals, the outcome tables, and the anchors that tie each printed row to
//! its page.

use super::widths;
use super::{
    ColumnView, Figure, HeaderGroup, Marked, OutcomeGroup, OutcomeItemView, OutcomesView, Patterns, StaffingRowView, StaffingView,
    SubItemView, TableView, marked,
};
use crate::model::{CellValue, ColumnKind, GenericTable, OutcomeTable, Staffing, TOTALS_LABEL};

/// The word that labels a note under a table (`註：`); several are
/// numbered (`註1：`).
pub const NOTE_LABEL: &str = "註";

/// A further part's table, formatted.
pub(super) fn table_view(table: &GenericTable) -> TableView {
    let columns: Vec<ColumnView> = table
        .columns
        .iter()
        .map(|c| ColumnView {
            name: match &c.unit {
                Some(unit) => format!("{}（{unit}）", c.name),
                None => c.name.clone(),
            },
            group: c.group.clone(),
            numeric: c.kind != ColumnKind::Text,
            percent: c.kind == ColumnKind::Percent,
        })
        .collect();
    let cell = |kind: ColumnKind, v: &CellValue| match (kind, v) {
        (_, CellValue::Text(t)) => Figure::text(t.clone()),
        (ColumnKind::Percent, CellValue::Integer(n)) => Figure::percent(*n as f64),
        (ColumnKind::Percent, CellValue::Float(x)) => Figure::percent(*x),
        (_, CellValue::Integer(n)) => Figure::count(*n),
        (_, CellValue::Float(x)) => Figure::decimal(*x),
    };
    let rows = table.rows.iter().map(|r| r.iter().zip(&table.columns).map(|(v, c)| cell(c.kind, v)).collect()).collect();
    let totals = table.columns.iter().any(|c| c.total).then(|| {
        let label_at = table.columns.iter().position(|c| c.kind == ColumnKind::Text).unwrap_or(0);
        table
            .columns
            .iter()
            .enumerate()
            .map(|(k, c)| {
                if c.total {
                    Figure::count(table.column_sum(k))
                } else if k == label_at {
                    Figure::text(table.total_label.clone())
                } else {
                    Figure::default()
                }
            })
            .collect()
    });
    let notes = notes(&table.notes);
    let header_groups = header_groups(&columns);
    let mut view = TableView {
        sheet: table.sheet_name(),
        unit_caption: table.unit_caption.clone(),
        columns,
        rows,
        totals,
        notes,
        widths: Vec::new(),
        header_groups,
        landscape: table.landscape,
    };
    view.widths = widths::table(&view);
    view
}

/// The staffing table with totals computed.
/// A table's notes with their labels: `註：` for one, `註1：`, `註2：` for
/// several.
fn notes(texts: &[String]) -> Vec<Marked> {
    texts
        .iter()
        .enumerate()
        .map(|(k, text)| Marked {
            marker: if texts.len() == 1 { format!("{NOTE_LABEL}：") } else { format!("{NOTE_LABEL}{}：", k + 1) },
            text: text.clone(),
        })
        .collect()
}

pub fn staffing_view(staffing: &Staffing) -> StaffingView {
    let rows: Vec<StaffingRowView> = staffing
        .rows
        .iter()
        .map(|r| StaffingRowView {
            agency: r.agency.clone(),
            counts: r.counts.iter().map(|&c| Figure::count(c)).collect(),
            total: Figure::count(r.sum()),
        })
        .collect();
    let totals = (staffing.rows.len() > 1).then(|| {
        let sums = staffing.column_sums();
        StaffingRowView {
            agency: TOTALS_LABEL.into(),
            total: Figure::count(sums.iter().fold(0i64, |a, &n| a.saturating_add(n))),
            counts: sums.into_iter().map(Figure::count).collect(),
        }
    });
    StaffingView {
        agency_column: staffing.agency_column.clone(),
        columns: staffing.columns.clone(),
        total_column: staffing.total_column.clone(),
        rows,
        totals,
        notes: notes(&staffing.notes),
    }
}

/// The prefix of the labels that end the rows of a long table: the
/// template labels each row's end `<key>/<row>`, so that a row can see
/// whether the one before it ended on an earlier page.
pub fn row_key(table: &str) -> String {
    format!("booklet:row/{table}")
}

/// The anchor of a plans-table row: work plan and item, 0-based.
pub fn plan_anchor(work_plan: usize, item: usize) -> String {
    format!("booklet:plans/{work_plan}/{item}")
}

/// The anchor of one row of a long table: a content entry of a plan item,
/// or a paragraph or result of a sub-item (paragraphs first), 0-based.
pub fn piece_anchor(anchor: &str, piece: usize) -> String {
    format!("{anchor}/{piece}")
}

/// The anchor of an outcome-table row: table, work plan, item, sub-item.
pub fn outcome_anchor(table: usize, work_plan: usize, item: usize, subitem: usize) -> String {
    format!("booklet:outcomes/{table}/{work_plan}/{item}/{subitem}")
}

pub(super) fn outcomes_view(p: &Patterns, t: usize, table: &OutcomeTable) -> OutcomesView {
    let work_plans = table
        .work_plans
        .iter()
        .enumerate()
        .map(|(i, wp)| OutcomeGroup {
            name: format!("{}{}", p.work_plan.format(i + 1), wp.name),
            marker: p.work_plan.format(i + 1),
            title: wp.name.clone(),
            items: wp
                .items
                .iter()
                .enumerate()
                .map(|(j, item)| {
                    let mut number = 0;
                    // The item's own results: a row without sub-item text,
                    // before its sub-items.
                    let own = item.has_own_results().then(|| {
                        let anchor = format!("{}/own", outcome_anchor(t, i, j, 0));
                        let rows = item.paragraphs.len() + item.results.len();
                        SubItemView {
                            piece_anchors: (0..rows).map(|n| piece_anchor(&anchor, n)).collect(),
                            anchor,
                            marker: String::new(),
                            text: String::new(),
                            paragraphs: item.paragraphs.clone(),
                            results: marked(&p.result, &item.results),
                        }
                    });
                    OutcomeItemView {
                        marker: p.list.format(j + 1),
                        title: item.title.clone(),
                        keep_first: false,
                        subitems: own
                            .into_iter()
                            .chain(item.subitems.iter().enumerate().map(|(k, s)| {
                                let marker = if s.numbered {
                                    number += 1;
                                    p.sublist.format(number)
                                } else {
                                    String::new()
                                };
                                let anchor = outcome_anchor(t, i, j, k);
                                let rows = (s.paragraphs.len() + s.results.len()).max(1);
                                SubItemView {
                                    piece_anchors: (0..rows).map(|n| piece_anchor(&anchor, n)).collect(),
                                    anchor,
                                    marker,
                                    text: s.text.clone(),
                                    paragraphs: s.paragraphs.clone(),
                                    results: marked(&p.result, &s.results),
                                }
                            }))
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    let mut view = OutcomesView {
        key: row_key(&format!("outcomes/{t}")),
        sheet: table.sheet_name(t),
        period: table.period.clone().unwrap_or_default(),
        columns: table.columns.clone(),
        work_plans,
        widths: Vec::new(),
    };
    view.widths = widths::outcomes(&view);
    widths::keep_titles(&mut view);
    view
}

/// The first row of a two-row header: each run of neighbouring columns of
/// one `group` under its heading, each column without a group alone (it
/// spans both rows). Empty where no column has a group.
fn header_groups(columns: &[ColumnView]) -> Vec<HeaderGroup> {
    if columns.iter().all(|c| c.group.is_none()) {
        return Vec::new();
    }
    let mut out: Vec<HeaderGroup> = Vec::new();
    for (k, c) in columns.iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.name.is_some() && last.name == c.group => last.span += 1,
            _ => out.push(HeaderGroup { name: c.group.clone(), first: k, span: 1 }),
        }
    }
    out
}
