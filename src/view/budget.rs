//! The 歲出機關別預算表: the bundle's budget data, matched across the two
//! years, as the rows the booklet prints (款, 項, 目, 節 with both years'
//! amounts in 千元, their difference and the 說明 unwrapped), the summary
//! of a ministry volume's agencies, and the chart of the work plans.

use crate::budget::{BudgetTable, Item, Scope, THOUSAND, split_marker, table, unwrap_note};
use crate::model::Budget;

use super::types::{BudgetBar, BudgetRowView, BudgetView, Figure, NoteLine};

/// The unit caption of the table and its chart.
pub const UNIT_CAPTION: &str = "單位：新臺幣千元";

/// The chart's bars are drawn to scale up to this many times the second
/// largest amount: a work plan larger still (勞動部's 勞動保險業務 is 99.6%
/// of its total) is drawn broken at the full width, so that the others
/// stay long enough to see and compare.
pub const CHART_BREAK_RATIO: f64 = 4.0;

/// The shortest bar of an amount above zero, as a share of the full
/// width: a hairline stays visible.
pub const CHART_MIN_WIDTH: f64 = 0.006;

/// A year's amount in 千元, or the dash of a year without the row.
pub fn budget_figure(amount: Option<i64>) -> Figure {
    amount.map_or_else(|| Figure::text("—"), |a| Figure::count(a / THOUSAND))
}

fn difference(current: Option<i64>, previous: Option<i64>) -> Figure {
    Figure::count((current.unwrap_or(0) - previous.unwrap_or(0)) / THOUSAND)
}

/// The anchor of a row of the table, for its page.
pub fn budget_anchor(row: usize) -> String {
    format!("booklet:budget/{row}")
}

/// The budget data's table, for a booklet whose `[budget]` names its scope.
pub fn budget_table(budget: &Budget) -> Option<BudgetTable> {
    Some(table(&budget.current, &budget.previous, budget.scope.as_ref()?))
}

/// Builds the view of the booklet's budget table.
pub fn budget_view(budget: &Budget, t: &BudgetTable) -> BudgetView {
    let ministry = matches!(budget.scope, Some(Scope::Ministry(_)));
    let mut rows: Vec<BudgetRowView> = Vec::new();
    let push = |rows: &mut Vec<BudgetRowView>,
                level: &'static str,
                numbers: [Option<u32>; 4],
                name: String,
                code: &str,
                c: Option<i64>,
                p: Option<i64>,
                note: &str| {
        let n = |x: Option<u32>| x.map(|x| x.to_string()).unwrap_or_default();
        rows.push(BudgetRowView {
            anchor: budget_anchor(rows.len()),
            level,
            kuan: n(numbers[0]),
            xiang: n(numbers[1]),
            mu: n(numbers[2]),
            section: n(numbers[3]),
            name,
            code: code.to_string(),
            current: budget_figure(c),
            previous: budget_figure(p),
            difference: difference(c, p),
            note: note_lines(note),
            parts: Vec::new(),
        });
        rows.len() - 1
    };
    let kuan = push(&mut rows, "kuan", [t.kuan, None, None, None], t.topname.clone(), "", t.current(), t.previous(), "");
    let mut agencies = Vec::new();
    for agency in &t.agencies {
        let xiang =
            push(&mut rows, "xiang", [None, agency.xiang, None, None], agency.name.clone(), "", agency.current(), agency.previous(), "");
        agencies.push(xiang);
        let mut items = Vec::new();
        for item in &agency.items {
            let mu =
                push(&mut rows, "mu", [None, None, item.mu, None], item.name.clone(), &item.code, item.current, item.previous, &item.note);
            items.push(mu);
            let sections: Vec<usize> = item
                .sections
                .iter()
                .map(|s| push(&mut rows, "section", [None, None, None, s.number], s.name.clone(), "", s.current, s.previous, &s.note))
                .collect();
            rows[mu].parts = sections;
        }
        rows[xiang].parts = items;
    }
    rows[kuan].parts = agencies.clone();
    let summary =
        if ministry { agencies.iter().map(|&i| rows[i].clone()).chain(std::iter::once(rows[kuan].clone())).collect() } else { Vec::new() };
    BudgetView {
        heading: budget.spec.heading.clone(),
        sheet: budget.spec.heading.chars().take(31).collect(),
        unit_caption: UNIT_CAPTION.into(),
        key: super::row_key("budget"),
        summary,
        chart: chart(t),
        chart_heading: format!(
            "{}歲出預算　按工作計畫（目）",
            if ministry { &t.topname } else { t.agencies.first().map_or(&t.topname, |a| &a.name) }
        ),
        rows,
    }
}

/// The chart's bars: each work plan of each agency, this year against
/// last year, to one scale (see [`CHART_BREAK_RATIO`]).
fn chart(t: &BudgetTable) -> Vec<BudgetBar> {
    let several = t.agencies.len() > 1;
    let items: Vec<(&str, &Item)> = t.agencies.iter().flat_map(|a| a.items.iter().map(move |i| (a.name.as_str(), i))).collect();
    let mut amounts: Vec<i64> = items.iter().flat_map(|(_, i)| [i.current.unwrap_or(0), i.previous.unwrap_or(0)]).collect();
    amounts.sort_unstable_by(|a, b| b.cmp(a));
    let largest = amounts.first().copied().unwrap_or(0).max(1) as f64;
    // The scale: the full width is the largest amount, unless the largest
    // few (at most half of the bars) stand far beyond the rest; then the
    // largest of the rest sets it, and those few are drawn broken.
    let positive: Vec<i64> = amounts.iter().copied().filter(|a| *a > 0).collect();
    let gap = positive.windows(2).take(positive.len() / 2).position(|pair| pair[0] as f64 > CHART_BREAK_RATIO * pair[1] as f64);
    let full = match gap {
        Some(i) => positive[i + 1] as f64 * 1.25,
        None => largest,
    };
    let width = |a: Option<i64>| -> (f64, bool) {
        let a = a.unwrap_or(0) as f64;
        if a <= 0.0 {
            (0.0, false)
        } else if a > full {
            (1.0, true)
        } else {
            ((a / full).max(CHART_MIN_WIDTH), false)
        }
    };
    items
        .into_iter()
        .map(|(agency, item)| {
            let (current_width, current_broken) = width(item.current);
            let (previous_width, previous_broken) = width(item.previous);
            BudgetBar {
                group: if several { agency.to_string() } else { String::new() },
                label: item.name.clone(),
                current: budget_figure(item.current),
                previous: budget_figure(item.previous),
                current_width,
                previous_width,
                current_broken,
                previous_broken,
            }
        })
        .collect()
}

/// A note's logical lines, each item's marker apart.
fn note_lines(note: &str) -> Vec<NoteLine> {
    unwrap_note(note)
        .into_iter()
        .map(|line| match split_marker(&line) {
            Some((depth, marker, text)) => NoteLine { depth, marker: marker.to_string(), text: text.to_string() },
            None => NoteLine { depth: 0, marker: String::new(), text: line },
        })
        .collect()
}

/// Each work plan's (目's) amount this year in 千元, by its name, over the
/// booklet's scope (for `budget.plan_amounts`).
pub fn work_plan_amounts(t: &BudgetTable) -> std::collections::HashMap<String, i64> {
    let mut out = std::collections::HashMap::new();
    for item in t.agencies.iter().flat_map(|a| &a.items) {
        if let Some(a) = item.current {
            *out.entry(item.name.clone()).or_insert(0) += a / THOUSAND;
        }
    }
    out
}
