//! Checks of what differs from booklet to booklet: the order of the parts,
//! an organization chart drawn as a tree, the plans table's amounts and
//! their stated totals, and the further parts with their declared tables.

use std::collections::HashSet;

use rust_i18n::t;

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
            c.error(
                0,
                &at,
                t!(
                    "validate.order.unknown",
                    name = format!("{name:?}"),
                    sections = SECTIONS.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(crate::lang::list_separator())
                )
                .into_owned(),
                None,
            );
        } else if !seen.insert(name.as_str()) {
            c.error(0, &at, t!("validate.order.twice", name = format!("{name:?}")).into_owned(), None);
        } else if !present.contains(&name.as_str()) {
            c.error(0, &at, t!("validate.order.absent", name = format!("{name:?}")).into_owned(), Some(&*t!("validate.order.absent_help")));
        }
    }
    let missing: Vec<&str> = present.iter().copied().filter(|s| !seen.contains(s)).collect();
    if !missing.is_empty() {
        c.error(
            0,
            &path,
            t!(
                "validate.order.missing",
                sections = missing.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(crate::lang::list_separator())
            )
            .into_owned(),
            None,
        );
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
            t!("validate.chart.both").into_owned(),
            Some(&*t!("validate.chart.both_help")),
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
    let Some(plans) = c.bundle.booklet.policy.as_ref().and_then(|p| p.plans.as_ref()) else {
        return;
    };
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
                    c.error(f, &at, t!("validate.amounts.no_column").into_owned(), Some(&*t!("validate.amounts.no_column_help")));
                } else if amount.unsigned_abs() > MAX_AMOUNT.unsigned_abs() {
                    c.error(f, &at, t!("validate.amounts.too_large", amount = amount, max = MAX_AMOUNT).into_owned(), None);
                }
            }
            if item.remarks.is_some() && plans.remarks.is_none() {
                c.error(
                    f,
                    &[&ip[..], &[Step::Key("remarks")]].concat(),
                    t!("validate.amounts.no_remarks").into_owned(),
                    Some(&*t!("validate.amounts.no_remarks_help")),
                );
            }
        }
        let sum = wp.amount_sum();
        grand = grand.saturating_add(sum);
        if let Some(total) = wp.total {
            let at = [&wp_path[..], &[Step::Key("total")]].concat();
            if !has_amounts {
                c.error(f, &at, t!("validate.amounts.subtotal_no_column").into_owned(), None);
            } else if total != sum {
                c.error(
                    f,
                    &at,
                    t!("validate.amounts.subtotal", total = total, sum = sum).into_owned(),
                    Some(&*t!("validate.amounts.total_help")),
                );
            }
        }
    }
    if let Some(total) = plans.total {
        let at = [&base[..], &[Step::Key("total")]].concat();
        if !has_amounts {
            c.error(f, &at, t!("validate.amounts.total_no_column").into_owned(), None);
        } else if total != grand {
            c.error(
                f,
                &at,
                t!("validate.amounts.total", total = total, sum = grand).into_owned(),
                Some(&*t!("validate.amounts.total_help")),
            );
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
        c.text(f, &[&pp[..], &[Step::Key("heading")]].concat(), &part.heading, &t!("validate.what.part_heading"));
        c.entries(f, &pp, "paragraphs", &part.paragraphs, &t!("validate.what.paragraph"));
        c.entries(f, &pp, "items", &part.items, &t!("validate.what.list_entry"));
        if part.paragraphs.is_empty() && part.items.is_empty() && part.tables.is_empty() {
            c.error(f, &pp, t!("validate.part.empty").into_owned(), None);
        }
        for (t, table) in part.tables.iter().enumerate() {
            let tp = [&pp[..], &[Step::Key("tables"), Step::Index(t)]].concat();
            c.text(f, &[&tp[..], &[Step::Key("heading")]].concat(), &table.heading, &t!("validate.what.table_heading"));
            let sheet = table.sheet_name();
            let sp = [&tp[..], &[Step::Key(if table.sheet.is_some() { "sheet" } else { "heading" })]].concat();
            if let Some(problem) = sheet_name_problem(&sheet) {
                c.error(f, &sp, problem, Some(&*t!("validate.sheet.set_help")));
            } else if !sheets.insert(sheet.to_lowercase()) {
                c.error(
                    f,
                    &sp,
                    t!("validate.sheet.twice", sheet = format!("{sheet:?}")).into_owned(),
                    Some(&*t!("validate.sheet.set_help")),
                );
            }
            c.nonempty(f, &[&tp[..], &[Step::Key("columns")]].concat(), &table.columns, &t!("validate.what.table_columns"));
            c.nonempty(f, &[&tp[..], &[Step::Key("rows")]].concat(), &table.rows, &t!("validate.what.table_rows"));
            for (k, column) in table.columns.iter().enumerate() {
                let cp = [&tp[..], &[Step::Key("columns"), Step::Index(k)]].concat();
                c.text(f, &[&cp[..], &[Step::Key("name")]].concat(), &column.name, &t!("validate.what.column_name"));
                // Names are told apart within their group (預算數／本年度).
                let key = |c: &crate::model::GenericColumn| {
                    (c.group.as_deref().map(str::trim).map(str::to_lowercase), c.name.trim().to_lowercase())
                };
                if table.columns[..k].iter().any(|other| key(other) == key(column)) {
                    c.error(
                        f,
                        &[&cp[..], &[Step::Key("name")]].concat(),
                        t!("validate.column.twice", name = format!("{:?}", column.name)).into_owned(),
                        None,
                    );
                }
                if column.total && column.kind == ColumnKind::Text {
                    c.error(
                        f,
                        &[&cp[..], &[Step::Key("total")]].concat(),
                        t!("validate.column.text_total", name = format!("{:?}", column.name)).into_owned(),
                        None,
                    );
                }
                if column.total && column.kind == ColumnKind::Percent {
                    c.error(
                        f,
                        &[&cp[..], &[Step::Key("total")]].concat(),
                        t!("validate.column.percent_total", name = format!("{:?}", column.name)).into_owned(),
                        None,
                    );
                }
                if column.unit.is_some() && column.kind != ColumnKind::Amount {
                    c.error(
                        f,
                        &[&cp[..], &[Step::Key("unit")]].concat(),
                        t!("validate.column.unit", name = format!("{:?}", column.name)).into_owned(),
                        None,
                    );
                }
            }
            for (r, row) in table.rows.iter().enumerate() {
                let rp = [&tp[..], &[Step::Key("rows"), Step::Index(r)]].concat();
                if row.len() != table.columns.len() {
                    c.error(f, &rp, t!("validate.row.length", values = row.len(), columns = table.columns.len()).into_owned(), None);
                }
                for (k, (value, column)) in row.iter().zip(&table.columns).enumerate() {
                    let vp = [&rp[..], &[Step::Index(k)]].concat();
                    let what = match column.kind {
                        ColumnKind::Text => t!("validate.what.text"),
                        ColumnKind::Integer => t!("validate.what.whole_number"),
                        ColumnKind::Amount => t!("validate.what.amount"),
                        ColumnKind::Percent => t!("validate.what.percent"),
                    };
                    let problem = match (column.kind, value) {
                        (ColumnKind::Text, CellValue::Text(_)) => None,
                        (ColumnKind::Text, _) => Some(t!("validate.cell.text", name = format!("{:?}", column.name)).into_owned()),
                        (_, CellValue::Text(t)) => Some(
                            t!("validate.cell.not_number", value = format!("{t:?}"), name = format!("{:?}", column.name), what = what)
                                .into_owned(),
                        ),
                        (ColumnKind::Percent, CellValue::Float(x)) if !x.is_finite() => {
                            Some(t!("validate.cell.not_finite", value = x, name = format!("{:?}", column.name), what = what).into_owned())
                        }
                        (ColumnKind::Percent, CellValue::Float(_) | CellValue::Integer(_)) => None,
                        (_, CellValue::Float(x)) => {
                            Some(t!("validate.cell.not_whole", value = x, name = format!("{:?}", column.name), what = what).into_owned())
                        }
                        (_, CellValue::Integer(n)) if n.unsigned_abs() > MAX_AMOUNT.unsigned_abs() => {
                            Some(t!("validate.cell.too_large", value = n, name = format!("{:?}", column.name)).into_owned())
                        }
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
