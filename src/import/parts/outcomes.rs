//! The 參 part (以前年度計畫實施成果概述): the outcome tables. Their 實施成果
//! cell holds the results of all sub-items of a work plan without saying
//! which belong to which: results are grouped (a `1.` starts a group) and
//! the groups assigned to the sub-items in order, with a note when the
//! counts differ.

use rust_i18n::t;

use crate::import::parts::cell_lines::{Cell, split_header, three_columns};
use crate::import::parts::draft::{Group, line_of, outcome_item, outcome_work_plan, sub_item};
use crate::import::text::lines::{join, quote};
use crate::import::text::markers::{Kind, entry, heading_like, period_of, split_marker};
use crate::import::text::notes::Notes;
use crate::model;

/// A row of an outcome table: the work plan it belongs to and its two cells.
pub(in crate::import) struct Row<'c> {
    pub(in crate::import) wp: usize,
    pub(in crate::import) overview: Option<&'c Cell>,
    pub(in crate::import) results: Option<&'c Cell>,
}

impl Row<'_> {
    pub(in crate::import) fn complete(&self) -> bool {
        self.overview.is_some() && self.results.is_some()
    }
}

/// The markers an outcome table uses, learnt from its first entries.
#[derive(Default)]
pub(in crate::import) struct Levels {
    /// Items of 實施概況 (`1、`); other markers there are sub-items.
    pub(in crate::import) item: Option<Kind>,
    /// Results of 實施成果 (`1.`).
    pub(in crate::import) result: Option<Kind>,
}

pub(in crate::import) fn outcome_table(heading: String, at: usize, cells: &[Cell], line: usize, notes: &mut Notes) -> model::OutcomeTable {
    let (header, data) = split_header(cells);
    let columns = three_columns(header, line, |count| t!("import.outcomes.header", count = count), notes);
    let mut table = model::OutcomeTable {
        period: period_of(&heading),
        sheet: None,
        heading,
        columns: columns.unwrap_or_else(model::default_outcome_columns),
        work_plans: Vec::new(),
        source_line: Some(at),
    };
    let mut levels = Levels::default();
    let mut row: Option<Row> = None;
    for cell in data {
        let texts: Vec<&str> = cell.texts().map(|(_, t)| t).collect();
        let expecting = row.as_ref().is_none_or(Row::complete);
        // A work plan cell: one short line, `一、…` (or unnumbered where a
        // work plan is due).
        let work_plan = match (texts.as_slice(), texts.first().and_then(|t| split_marker(t))) {
            ([_], Some((m, rest))) if matches!(m.kind, Kind::Cjk | Kind::Formal) && heading_like(rest, 40) => Some(rest),
            ([name], None) if expecting && heading_like(name, 40) => Some(*name),
            _ => None,
        };
        if let Some(name) = work_plan {
            if let Some(r) = row.take() {
                finish_row(&mut table, r, &mut levels, notes);
            }
            table.work_plans.push(outcome_work_plan(entry(name, cell.line, notes), cell.line));
            row = Some(Row { wp: table.work_plans.len() - 1, overview: None, results: None });
            continue;
        }
        if cell.is_empty() {
            // An empty work plan cell: a further row of the same work plan.
            if row.as_ref().is_some_and(|r| r.overview.is_some()) {
                let r = row.take().expect("a row");
                let wp = r.wp;
                finish_row(&mut table, r, &mut levels, notes);
                row = Some(Row { wp, overview: None, results: None });
            }
            continue;
        }
        if row.as_ref().is_some_and(Row::complete) {
            notes.add(cell.line, t!("import.outcomes.fourth_cell", text = quote(cell.first())));
            continue;
        }
        let r = row.get_or_insert_with(|| {
            notes.add(cell.line, t!("import.outcomes.cell_before_work_plan"));
            table.work_plans.push(outcome_work_plan(String::new(), cell.line));
            Row { wp: table.work_plans.len() - 1, overview: None, results: None }
        });
        if r.overview.is_none() {
            r.overview = Some(cell);
        } else {
            r.results = Some(cell);
        }
    }
    if let Some(r) = row.take() {
        finish_row(&mut table, r, &mut levels, notes);
    }
    if table.work_plans.is_empty() {
        notes.add(line, t!("import.outcomes.no_work_plans"));
    }
    table
}

/// Parses a row's 實施概況 into items and sub-items, groups its 實施成果,
/// and gives each sub-item its group.
pub(in crate::import) fn finish_row(table: &mut model::OutcomeTable, row: Row, levels: &mut Levels, notes: &mut Notes) {
    let wp = &mut table.work_plans[row.wp];
    let first = wp.items.len();
    match row.overview {
        Some(cell) => parse_overview(cell, &mut wp.items, &mut levels.item, notes),
        None => notes.add(line_of(wp.source_line), t!("import.outcomes.no_overview", name = quote(&wp.name))),
    }
    let groups = row.results.map(|cell| group_results(cell, &mut levels.result, notes)).unwrap_or_default();
    // Where each group of results goes: a sub-item, or an item without
    // sub-items (its results printed beside it).
    let mut slots: Vec<(usize, Option<usize>)> = Vec::new();
    for (i, item) in wp.items.iter().enumerate().skip(first) {
        if item.subitems.is_empty() {
            slots.push((i, None));
        }
        slots.extend((0..item.subitems.len()).map(|k| (i, Some(k))));
    }
    if groups.is_empty() {
        if !slots.is_empty() {
            notes.add(line_of(wp.source_line), t!("import.outcomes.no_results", name = quote(&wp.name)));
        }
        without_subitems(&wp.items[first..], notes);
        return;
    }
    let results_line = row.results.map_or(line_of(wp.source_line), |c| c.line);
    if slots.is_empty() {
        notes.add(line_of(wp.source_line), t!("import.outcomes.results_without_subitems", name = quote(&wp.name), line = results_line));
        if wp.items.len() == first {
            wp.items.push(outcome_item(String::new(), line_of(wp.source_line)));
        }
        let i = wp.items.len() - 1;
        wp.items[i].subitems.push(sub_item("", line_of(wp.source_line), false));
        slots.push((i, Some(wp.items[i].subitems.len() - 1)));
    } else if groups.len() != slots.len() {
        let message = if groups.len() > slots.len() {
            t!(
                "import.outcomes.more_groups",
                name = quote(&wp.name),
                subitems = slots.len(),
                groups = groups.len(),
                line = results_line,
                extra = groups.len() - slots.len()
            )
        } else {
            t!(
                "import.outcomes.fewer_groups",
                name = quote(&wp.name),
                subitems = slots.len(),
                groups = groups.len(),
                line = results_line,
                extra = slots.len() - groups.len()
            )
        };
        notes.add(line_of(wp.source_line), message);
    }
    for (g, group) in groups.into_iter().enumerate() {
        match slots[g.min(slots.len() - 1)] {
            (i, Some(k)) => {
                let sub = &mut wp.items[i].subitems[k];
                sub.paragraphs.extend(group.paragraphs);
                sub.results.extend(group.results);
            }
            (i, None) => {
                let item = &mut wp.items[i];
                item.paragraphs.extend(group.paragraphs);
                item.results.extend(group.results);
            }
        }
    }
    without_subitems(&wp.items[first..], notes);
}

/// A note for each item left with neither sub-items nor results.
fn without_subitems(items: &[model::OutcomeItem], notes: &mut Notes) {
    for item in items {
        if item.subitems.is_empty() && item.paragraphs.is_empty() && item.results.is_empty() {
            notes.add(line_of(item.source_line), t!("import.outcomes.item_without_subitems", title = quote(&item.title)));
        }
    }
}

/// 實施概況: `1、…` items, `（1）…` sub-items (the table's first marker
/// marks items, any other sub-items); an item's unnumbered line after a
/// blank line is its single unnumbered sub-item.
pub(in crate::import) fn parse_overview(cell: &Cell, items: &mut Vec<model::OutcomeItem>, item_kind: &mut Option<Kind>, notes: &mut Notes) {
    let first = items.len();
    let mut blank = true;
    for (no, text) in &cell.lines {
        let no = *no;
        if text.is_empty() {
            blank = true;
            continue;
        }
        match split_marker(text) {
            Some((m, rest)) if *item_kind.get_or_insert(m.kind) == m.kind => {
                items.push(outcome_item(entry(rest, no, notes), no));
            }
            Some((_, rest)) => {
                if items.len() == first {
                    notes.add(no, t!("import.outcomes.subitem_before_item"));
                    items.push(outcome_item(String::new(), no));
                }
                let text = entry(rest, no, notes);
                items.last_mut().expect("an item").subitems.push(sub_item(&text, no, true));
            }
            None if items.len() == first => {
                notes.add(no, t!("import.outcomes.before_item", text = quote(text)));
                items.push(outcome_item(text.to_string(), no));
            }
            None => {
                let item = items.last_mut().expect("an item");
                match item.subitems.last_mut() {
                    None if blank => item.subitems.push(sub_item(text, no, false)),
                    None => join(&mut item.title, text),
                    Some(sub) => {
                        if blank {
                            notes.add(no, t!("import.outcomes.after_blank", text = quote(text)));
                        }
                        join(&mut sub.text, text);
                    }
                }
            }
        }
        blank = false;
    }
}

/// 實施成果: a result numbered 1 starts a group (unless a lone paragraph
/// ending in `：` leads it), 2, 3… continue it, any other line is a group of
/// its own. Results are numbered like the table's first (`1.`); a line
/// numbered otherwise (`（1）`) belongs to the result above.
pub(in crate::import) fn group_results(cell: &Cell, result_kind: &mut Option<Kind>, notes: &mut Notes) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (no, text) in cell.texts() {
        let marker = split_marker(text);
        match marker {
            Some((m, rest)) if *result_kind.get_or_insert(m.kind) == m.kind => {
                let result = entry(rest, no, notes);
                match groups.last_mut() {
                    Some(g) if m.n <= 1 && g.leads() => {
                        g.results.push(result);
                        g.last = m.n;
                    }
                    Some(g) if m.n > 1 && (!g.results.is_empty() || g.leads()) => {
                        if m.n != g.last + 1 {
                            let message = if g.last == 0 {
                                t!("import.outcomes.after_lead", n = m.n)
                            } else {
                                t!("import.outcomes.after_result", n = m.n, last = g.last)
                            };
                            notes.add(no, message);
                        }
                        g.results.push(result);
                        g.last = m.n;
                    }
                    _ => {
                        if m.n > 1 {
                            notes.add(no, t!("import.outcomes.starts_with", n = m.n));
                        }
                        groups.push(Group::result(result, m.n));
                    }
                }
            }
            Some((_, rest)) => match groups.last_mut().and_then(|g| g.results.last_mut()) {
                Some(result) => {
                    notes.add(no, t!("import.outcomes.joined_to_result", text = quote(text)));
                    join(result, text);
                }
                None => {
                    notes.add(no, t!("import.outcomes.kept_as_paragraph", text = quote(text)));
                    groups.push(Group::paragraph(entry(rest, no, notes)));
                }
            },
            None => groups.push(Group::paragraph(text.to_string())),
        }
    }
    groups
}
