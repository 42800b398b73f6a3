//! What a budget data file must satisfy beyond its fields' shapes: one
//! year, each row once, no 節 beside a row for its whole 目, and the agency
//! or 主管 a bundle names present in it.

use std::collections::HashMap;

use rust_i18n::t;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};

use super::{NO_SECTION, ROC_OFFSET, Row, Scope};

/// How many of the nearest names a message offers.
const NEAREST: usize = 3;

/// The span of a row's first line, where messages about the row point.
fn row_span(src: &SourceText, row: &Row) -> std::ops::Range<usize> {
    let text = &src.text;
    let at = row.at.min(text.len());
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    at..end
}

/// Checks that every row is of the budget of the ROC year `fiscal_year`.
///
/// # Parameters
/// - `what`: the key that named the file (for the message), e.g.
///   `budget.current`.
pub fn check_year(src: &SourceText, rows: &[Row], fiscal_year: i32, what: &str) -> Diagnostics {
    let year = fiscal_year + ROC_OFFSET;
    rows.iter()
        .find(|r| r.year != year)
        .map(|r| {
            Diagnostic::error(t!(
                "budget.year.wrong",
                year = r.year,
                roc = r.year - ROC_OFFSET,
                key = what,
                fiscal_year = fiscal_year,
                expected = year
            ))
            .at(src, row_span(src, r))
            .with_help(t!("budget.year.wrong_help"))
        })
        .into_iter()
        .collect()
}

/// Checks that no row is given twice (the same code and 節) and that no
/// 目 has both a row of its own and 節 rows.
pub fn check_rows(src: &SourceText, rows: &[Row]) -> Diagnostics {
    let mut diagnostics = Vec::new();
    let mut seen: HashMap<(&str, Option<u32>), &Row> = HashMap::new();
    let mut whole: HashMap<&str, &Row> = HashMap::new();
    let mut sections: HashMap<&str, &Row> = HashMap::new();
    let line = |r: &Row| crate::diagnostic::line_col(&src.text, r.at).0;
    for row in rows {
        let key = (row.code.as_str(), row.section());
        if let Some(first) = seen.get(&key) {
            let message = match row.section() {
                Some(s) => t!("budget.rows.section_twice", code = row.code, section = s, line = line(first)),
                None => t!("budget.rows.twice", code = row.code, line = line(first)),
            };
            diagnostics.push(Diagnostic::error(message).at(src, row_span(src, row)).with_help(t!("budget.rows.twice_help")));
            continue;
        }
        seen.insert(key, row);
        let (mine, other, is_section) =
            if row.section().is_some() { (&mut sections, &whole, true) } else { (&mut whole, &sections, false) };
        if let Some(first) = other.get(row.code.as_str()) {
            let message = if is_section {
                t!("budget.rows.whole_too", code = row.code, line = line(first), no_section = NO_SECTION)
            } else {
                t!("budget.rows.sections_too", code = row.code, line = line(first), no_section = NO_SECTION)
            };
            diagnostics.push(Diagnostic::error(message).at(src, row_span(src, row)));
        }
        mine.entry(row.code.as_str()).or_insert(row);
    }
    diagnostics
}

/// Checks that the agency (項) or 主管 (款) the scope names has rows in the
/// file; the error offers the nearest names the file has. It has no
/// location: the caller points it at what named the scope.
pub fn check_scope(rows: &[Row], scope: &Scope) -> Result<(), Diagnostic> {
    let (name, names): (&str, Vec<&str>) = match scope {
        Scope::Agency(name) => (name, rows.iter().map(|r| r.depname.as_str()).collect()),
        Scope::Ministry(name) => (name, rows.iter().map(|r| r.topname.as_str()).collect()),
    };
    if names.contains(&name) {
        return Ok(());
    }
    let mut unique: Vec<&str> = names.clone();
    unique.sort_unstable();
    unique.dedup();
    let mut near: Vec<(usize, &str)> = unique.iter().map(|n| (distance(name, n), *n)).collect();
    near.sort();
    let near: Vec<String> = near.iter().take(NEAREST).map(|(_, n)| n.to_string()).collect();
    let message = match scope {
        Scope::Agency(_) => t!("budget.scope.no_agency", name = format!("{name:?}")),
        Scope::Ministry(_) => t!("budget.scope.no_ministry", name = format!("{name:?}")),
    };
    Err(Diagnostic::error(message).with_help(t!("budget.scope.nearest_help", names = near.join("、"))))
}

/// The edit distance between two names, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (row[j + 1] + 1).min(row[j] + 1).min(previous + usize::from(ca != *cb));
            previous = here;
        }
    }
    row[b.len()]
}
