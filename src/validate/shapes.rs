//! Checks of what differs from booklet to booklet: the order of the parts,
//! an organization chart drawn as a tree, the plans table's amounts and
//! their stated totals, and the further parts with their declared tables.

use std::collections::HashSet;

use super::{Checker, Step, sheet_name_problem};
use crate::chart::Tree;
use crate::model::{CellValue, ColumnKind, SECTIONS};

/// The largest amount accepted; larger ones are typing errors (and would
/// overflow sums).
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;

pub(super) fn check(c: &mut Checker) {
    order(c);
    chart(c);
    amounts(c);
    parts(c);
}

fn order(c: &mut Checker) {
    let b = &c.bundle.booklet;
    let Some(order) = &b.meta.order else { return };
    let present: Vec<&str> = SECTIONS
        .iter()
        .copied()
        .filter(|s| match *s {
            "duties" => b.duties.is_some(),
            "policy" => b.policy.is_some(),
            "outcomes" => b.outcomes.is_some(),
            _ => !b.parts.is_empty(),
        })
        .collect();
    let path = [Step::Key("booklet"), Step::Key("order")];
    let mut seen = HashSet::new();
    for (i, name) in order.iter().enumerate() {
        let at = [&path[..], &[Step::Index(i)]].concat();
        if !SECTIONS.contains(&name.as_str()) {
            c.error(0, &at, format!("{name:?} is not a section; expected one of {}", SECTIONS.join(", ")), None);
        } else if !seen.insert(name.as_str()) {
            c.error(0, &at, format!("{name:?} is listed twice; expected each section once"), None);
        } else if !present.contains(&name.as_str()) {
            c.error(0, &at, format!("{name:?} is listed but the bundle has no such section"), Some("remove it from booklet.order"));
        }
    }
    let missing: Vec<&str> = present.iter().copied().filter(|s| !seen.contains(s)).collect();
    if !missing.is_empty() {
        c.error(0, &path, format!("booklet.order leaves out {}; expected every section the bundle has", missing.join(", ")), None);
    }
}

fn chart(c: &mut Checker) {
    let b = &c.bundle.booklet;
    let Some(chart) = b.duties.as_ref().and_then(|d| d.organization.as_ref()).and_then(|o| o.chart.as_ref()) else {
        return;
    };
    if chart.boxes.is_empty() {
        return;
    }
    let f = c.bundle.origins.duties;
    let path = [Step::Key("duties"), Step::Key("organization"), Step::Key("chart")];
    let flat = chart.head.is_some()
        || !chart.deputies.is_empty()
        || chart.units.is_some()
        || !chart.agencies.is_empty()
        || !chart.task_forces.is_empty();
    if flat {
        c.error(
            f,
            &[&path[..], &[Step::Key("boxes")]].concat(),
            "the chart gives both boxes and head/deputies/units/agencies/task_forces; expected one or the other".into(),
            Some("draw the whole chart with boxes, or remove them"),
        );
    }
    if let Err(problems) = Tree::resolve(&chart.boxes) {
        for p in problems {
            let at = [&path[..], &[Step::Key("boxes"), Step::Index(p.index), Step::Key(p.key)]].concat();
            c.error(f, &at, p.message, None);
        }
    }
}

fn amounts(c: &mut Checker) {
    let Some(plans) = c.bundle.booklet.policy.as_ref().and_then(|p| p.plans.as_ref()) else { return };
    let f = c.bundle.origins.policy;
    let base = [Step::Key("policy"), Step::Key("plans")];
    let has_amounts = plans.amount.is_some();
    let mut grand = 0i64;
    for (i, wp) in plans.work_plans.iter().enumerate() {
        let wp_path = [&base[..], &[Step::Key("work_plans"), Step::Index(i)]].concat();
        for (j, item) in wp.items.iter().enumerate() {
            let ip = [&wp_path[..], &[Step::Key("items"), Step::Index(j)]].concat();
            if let Some(amount) = item.amount {
                let at = [&ip[..], &[Step::Key("amount")]].concat();
                if !has_amounts {
                    c.error(f, &at, "an item has an amount but the table has no amount column".into(), Some("declare it: [policy.plans.amount] with heading and unit"));
                } else if amount.unsigned_abs() > MAX_AMOUNT.unsigned_abs() {
                    c.error(f, &at, format!("amount {amount} is implausibly large; expected at most {MAX_AMOUNT} in the table's unit"), None);
                }
            }
            if item.remarks.is_some() && plans.remarks.is_none() {
                c.error(f, &[&ip[..], &[Step::Key("remarks")]].concat(), "an item has remarks but the table has no remarks column".into(), Some("declare it: remarks = \"備註\" under [policy.plans]"));
            }
        }
        let sum = wp.amount_sum();
        grand = grand.saturating_add(sum);
        if let Some(total) = wp.total {
            let at = [&wp_path[..], &[Step::Key("total")]].concat();
            if !has_amounts {
                c.error(f, &at, "a work plan states a total but the table has no amount column".into(), None);
            } else if total != sum {
                c.error(f, &at, format!("the stated subtotal {total} is not the sum of the work plan's amounts, {sum}"), Some("correct the total or the amounts; the booklet prints the sum"));
            }
        }
    }
    if let Some(total) = plans.total {
        let at = [&base[..], &[Step::Key("total")]].concat();
        if !has_amounts {
            c.error(f, &at, "the table states a total but has no amount column".into(), None);
        } else if total != grand {
            c.error(f, &at, format!("the stated total {total} is not the sum of the amounts, {grand}"), Some("correct the total or the amounts; the booklet prints the sum"));
        }
    }
}

fn parts(c: &mut Checker) {
    let b = &c.bundle.booklet;
    // Sheet names: the fixed sheets, the outcome tables', then each table's.
    let mut sheets: HashSet<String> = crate::model::FIXED_SHEETS.iter().map(|s| s.to_lowercase()).collect();
    if let Some(o) = &b.outcomes {
        for (t, table) in o.tables.iter().enumerate() {
            sheets.insert(table.sheet_name(t).to_lowercase());
        }
    }
    for (n, part) in b.parts.iter().enumerate() {
        let (f, index) = c.bundle.origins.parts[n];
        let pp = [Step::Key("parts"), Step::Index(index)];
        c.text(f, &[&pp[..], &[Step::Key("heading")]].concat(), &part.heading, "a part's heading");
        c.entries(f, &pp, "paragraphs", &part.paragraphs, "a paragraph");
        c.entries(f, &pp, "items", &part.items, "a list entry");
        if part.paragraphs.is_empty() && part.items.is_empty() && part.tables.is_empty() {
            c.error(f, &pp, "a part is empty; expected paragraphs, items or tables".into(), None);
        }
        for (t, table) in part.tables.iter().enumerate() {
            let tp = [&pp[..], &[Step::Key("tables"), Step::Index(t)]].concat();
            c.text(f, &[&tp[..], &[Step::Key("heading")]].concat(), &table.heading, "a table's heading");
            let sheet = table.sheet_name();
            let sp = [&tp[..], &[Step::Key(if table.sheet.is_some() { "sheet" } else { "heading" })]].concat();
            if let Some(problem) = sheet_name_problem(&sheet) {
                c.error(f, &sp, problem, Some("set `sheet = \"…\"` on the table"));
            } else if !sheets.insert(sheet.to_lowercase()) {
                c.error(f, &sp, format!("workbook sheet name {sheet:?} is used twice; expected a name of its own"), Some("set `sheet = \"…\"` on the table"));
            }
            c.nonempty(f, &[&tp[..], &[Step::Key("columns")]].concat(), &table.columns, "a table's columns");
            c.nonempty(f, &[&tp[..], &[Step::Key("rows")]].concat(), &table.rows, "a table's rows");
            for (k, column) in table.columns.iter().enumerate() {
                let cp = [&tp[..], &[Step::Key("columns"), Step::Index(k)]].concat();
                c.text(f, &[&cp[..], &[Step::Key("name")]].concat(), &column.name, "a column's name");
                if table.columns[..k].iter().any(|other| other.name.trim().to_lowercase() == column.name.trim().to_lowercase()) {
                    c.error(f, &[&cp[..], &[Step::Key("name")]].concat(), format!("column {:?} is named twice in the table; expected a name of its own", column.name), None);
                }
                if column.total && column.kind == ColumnKind::Text {
                    c.error(f, &[&cp[..], &[Step::Key("total")]].concat(), format!("column {:?} holds text and cannot be totalled; expected type = \"integer\" or \"amount\"", column.name), None);
                }
                if column.unit.is_some() && column.kind != ColumnKind::Amount {
                    c.error(f, &[&cp[..], &[Step::Key("unit")]].concat(), format!("column {:?} has a unit but is not an amount column", column.name), None);
                }
            }
            for (r, row) in table.rows.iter().enumerate() {
                let rp = [&tp[..], &[Step::Key("rows"), Step::Index(r)]].concat();
                if row.len() != table.columns.len() {
                    c.error(f, &rp, format!("the row has {} values for {} columns; expected one value per column", row.len(), table.columns.len()), None);
                }
                for (k, (value, column)) in row.iter().zip(&table.columns).enumerate() {
                    let vp = [&rp[..], &[Step::Index(k)]].concat();
                    let what = match column.kind {
                        ColumnKind::Text => "text",
                        ColumnKind::Integer => "a whole number",
                        ColumnKind::Amount => "an amount",
                    };
                    let problem = match (column.kind, value) {
                        (ColumnKind::Text, CellValue::Text(_)) => None,
                        (ColumnKind::Text, _) => Some(format!("column {:?} holds text; expected a quoted string", column.name)),
                        (_, CellValue::Text(t)) => Some(format!("{t:?} in column {:?} is not a number; expected {what}, written without quotes or separators", column.name)),
                        (_, CellValue::Float(x)) => Some(format!("{x} in column {:?} is not a whole number; expected {what}", column.name)),
                        (_, CellValue::Integer(n)) if n.unsigned_abs() > MAX_AMOUNT.unsigned_abs() => Some(format!("{n} in column {:?} is implausibly large", column.name)),
                        (_, CellValue::Integer(_)) => None,
                    };
                    if let Some(problem) = problem {
                        c.error(f, &vp, problem, None);
                    }
                }
            }
        }
    }
}
