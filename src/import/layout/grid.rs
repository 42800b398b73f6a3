//! The tables among a document's blocks, laid out as the parts stage
//! reads them: the cells placed in a grid by their spans, then each on
//! lines of its own, the first marked as opening a cell. A plans table keeps a row per item, its amounts and remarks set
//! aside by the item's title; an outcome table is folded back to a row per
//! work plan; a staffing table's totals row is left out. The text
//! importer ([`crate::import::read::untabbed`]) writes the tables it rebuilds
//! through here too.

use crate::import::heuristics::CHART_TABLE_BOXES_LEAST;
use crate::import::layout::TableCell;
use crate::import::layout::{Amounts, Lines};
use crate::import::text::styles::{Level, Styles};

/// One grid slot: the cell that starts there (with its text) or a slot
/// covered by a span from above or the left.
#[derive(Clone)]
enum Slot<'a> {
    Start(&'a TableCell),
    Covered,
}

/// Places the cells in a grid by their spans.
fn grid(rows: &[Vec<TableCell>]) -> Vec<Vec<Slot<'_>>> {
    let mut grid: Vec<Vec<Option<Slot>>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if grid.len() <= r {
            grid.resize(r + 1, Vec::new());
        }
        let mut c = 0;
        for cell in row {
            while grid[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            for dr in 0..cell.row_span.min(rows.len() - r) {
                if grid.len() <= r + dr {
                    grid.resize(r + dr + 1, Vec::new());
                }
                for dc in 0..cell.col_span {
                    let line = &mut grid[r + dr];
                    if line.len() <= c + dc {
                        line.resize(c + dc + 1, None);
                    }
                    line[c + dc] = Some(if dr == 0 && dc == 0 { Slot::Start(cell) } else { Slot::Covered });
                }
            }
            c += cell.col_span;
        }
    }
    grid.into_iter().map(|line| line.into_iter().map(|s| s.unwrap_or(Slot::Covered)).collect()).collect()
}

/// The columns' names under a header of several rows (機關 merged down
/// beside 預算員額 over 職員, 工友, …): for each column, the lowest header
/// cell over it, each cell once.
fn leaf_names(header: &[Vec<Slot<'_>>]) -> Vec<String> {
    let width = header.iter().map(Vec::len).max().unwrap_or(0);
    let mut leaves: Vec<&TableCell> = Vec::new();
    for c in 0..width {
        let leaf = header.iter().rev().find_map(|row| match row.get(c) {
            Some(Slot::Start(cell)) => Some(*cell),
            _ => None,
        });
        // A column only covered (by a cell from the left in its top row)
        // belongs to that cell, already counted.
        if let Some(cell) = leaf
            && !leaves.iter().any(|l| std::ptr::eq(*l, cell))
        {
            leaves.push(cell);
        }
    }
    leaves.iter().map(|c| text_of(c)).filter(|t| !t.trim().is_empty()).collect()
}

/// A further part's table's columns from its header, each with the group
/// heading over it, and the row its body starts at. The header is the
/// leading rows whose every cell is a header cell: in a header of two rows
/// a cell of the first row that stands over cells of the second is their
/// group (收入 over 本年度 and 上年度), one that spans both rows a column of
/// its own; a header of one row (or none marked) is the first row.
pub(in crate::import) fn header_columns(rows: &[Vec<TableCell>]) -> (Vec<(Option<String>, String)>, usize) {
    let Some(first) = rows.first() else {
        return (Vec::new(), 0);
    };
    let spans_down = first.iter().any(|c| c.row_span >= 2);
    if header_rows(rows) < 2 || rows.len() < 2 || !spans_down {
        return (first.iter().map(|c| (None, text_of(c).trim().to_string())).collect(), 1);
    }
    let mut second = rows[1].iter();
    let mut out = Vec::new();
    for cell in first {
        if cell.row_span >= 2 {
            out.push((None, text_of(cell).trim().to_string()));
            continue;
        }
        let group = text_of(cell).trim().to_string();
        let mut covered = 0;
        while covered < cell.col_span.max(1) {
            let Some(leaf) = second.next() else { break };
            covered += leaf.col_span.max(1);
            out.push((Some(group.clone()), text_of(leaf).trim().to_string()));
        }
    }
    (out, 2)
}

/// How many rows the header has: the leading rows whose every cell is a
/// header cell; and two where the first row groups the second (a cell
/// spanning columns beside one spanning both rows: 預算員額 over 職員, 工友,
/// … beside 機關), whether or not the second row is marked (a word
/// processor marks only the repeated first row).
fn header_rows(rows: &[Vec<TableCell>]) -> usize {
    let marked = marked_rows(rows);
    let groups = rows.first().is_some_and(|first| first.iter().any(|c| c.col_span >= 2) && first.iter().any(|c| c.row_span >= 2));
    if groups && rows.len() > 2 { marked.max(2) } else { marked }
}

/// The leading rows whose every cell is a header cell.
fn marked_rows(rows: &[Vec<TableCell>]) -> usize {
    rows.iter().take_while(|r| !r.is_empty() && r.iter().all(|c| c.header)).count()
}

/// The word of the staffing table's group heading (預算員額).
const STAFFING_GROUP: &str = "員額";

pub(in crate::import) fn text_of(cell: &TableCell) -> String {
    cell.paragraphs.join("\n")
}

/// Whether a table is an org chart typed into a table of boxes: its first
/// row one box across the whole width (the head), and every cell a short
/// name (所長, 副所長, 作物組, 所屬機關, …).
fn is_chart(rows: &[Vec<TableCell>]) -> bool {
    let width: usize = rows.iter().map(|r| r.iter().map(|c| c.col_span.max(1)).sum::<usize>()).max().unwrap_or(0);
    let cells: Vec<&TableCell> = rows.iter().flatten().collect();
    let head_alone = rows.first().is_some_and(|r| r.len() == 1 && r[0].col_span >= width && width >= 2);
    let names = cells.iter().filter(|c| !c.paragraphs.is_empty()).all(|c| {
        let text = text_of(c);
        crate::import::text::names::is_box_name(text.trim()) && !text.chars().any(|ch| ch.is_ascii_digit())
    });
    head_alone && names && cells.len() >= CHART_TABLE_BOXES_LEAST
}

pub(in crate::import) fn table(rows: &[Vec<TableCell>], out: &mut Lines, styles: &mut Styles, amounts: &mut Option<Amounts>) {
    // An org chart typed into a table: its boxes' names, one a line, as a
    // chart typed as a list of names is read.
    if is_chart(rows) {
        for cell in rows.iter().flatten() {
            for name in &cell.paragraphs {
                out.line(name.trim());
                out.blank();
            }
        }
        return;
    }
    // A group in the first row is read as a header of two rows where it is
    // the staffing table's (預算員額 over the categories), whose group the
    // booklet does not print; a further part's table keeps its groups (see
    // `header_columns`); elsewhere the header is the rows marked so.
    let staffing_group = rows
        .first()
        .is_some_and(|r| r.iter().any(|c| c.col_span >= 2 && crate::import::text::lines::squeeze(&text_of(c)).contains(STAFFING_GROUP)));
    let body_start = if staffing_group { header_rows(rows) } else { marked_rows(rows) };
    let header: Vec<&TableCell> = rows.iter().take(body_start).flatten().collect();
    let grid = grid(rows);
    let mut names: Vec<String> = if body_start > 1 {
        leaf_names(&grid[..body_start.min(grid.len())])
    } else {
        header.iter().map(|c| text_of(c)).filter(|t| !t.trim().is_empty()).collect()
    };
    let body = &grid[body_start.min(grid.len())..];
    let has = |names: &[String], word: &str| names.iter().any(|n| n.contains(word));
    let outcome = has(&names, "實施概況") || has(&names, "實施成果");
    let plans = !outcome && (has(&names, "重要計畫項目") || has(&names, "實施內容"));
    // The plans table's amount and remarks columns (by where their header
    // cells start), read here and left out of the text.
    let mut extra = (None, None);
    if plans && let Some(first) = rows.first() {
        let mut column = 0;
        for cell in first {
            let name = text_of(cell);
            if name.contains("金額") || name.contains("預算數") {
                let (heading, unit) = match name.split_once(['（', '(']) {
                    Some((h, u)) => (h.trim().to_string(), Some(u.trim_end_matches(['）', ')']).trim_start_matches("單位：").to_string())),
                    None => (name.trim().to_string(), None),
                };
                *amounts = Some(Amounts { heading, unit, ..Amounts::default() });
                extra.0 = Some(column);
            } else if name.contains("備註") {
                if let Some(a) = amounts.as_mut() {
                    a.remarks = Some(name.trim().to_string());
                }
                extra.1 = Some(column);
            }
            column += cell.col_span;
        }
        names.retain(|n| !(n.contains("金額") || n.contains("預算數") || n.contains("備註")));
    }
    out.blank();
    for name in &names {
        out.cell(std::slice::from_ref(name));
    }
    out.blank();
    if outcome {
        outcome_rows(body, &names, out, styles);
    } else if plans {
        plan_rows(body, out, styles, extra, amounts);
    } else {
        plain_rows(body, out);
    }
    out.blank();
}

/// Rows as they are, spans as empty cells; a staffing table's totals row
/// (總計, 合計) left out when it follows other rows.
fn plain_rows(body: &[Vec<Slot>], out: &mut Lines) {
    for (r, line) in body.iter().enumerate() {
        let first = match line.first() {
            Some(Slot::Start(c)) => text_of(c).chars().filter(|c| !c.is_whitespace()).collect::<String>(),
            _ => String::new(),
        };
        if r > 0 && matches!(first.as_str(), "總計" | "合計") {
            continue;
        }
        emit_row(line, out, false);
    }
}

fn emit_row(line: &[Slot], out: &mut Lines, empty_for_covered: bool) {
    let mut any = false;
    for slot in line {
        match slot {
            Slot::Start(c) if !c.paragraphs.is_empty() => {
                out.cell(&c.paragraphs);
                any = true;
            }
            Slot::Start(_) => out.cell(&[]),
            Slot::Covered if empty_for_covered => out.cell(&[]),
            Slot::Covered => {}
        }
    }
    if any {
        out.blank();
    }
}

/// The plans table: a row per item; the work-plan cell where it starts, an
/// empty cell where it spans; the zero-width columns dropped. Its markers
/// by column: work plan, item number, (title), contents (the sublist).
/// The amount and remarks columns go to `amounts` by the item's title;
/// subtotal and total rows (the booklet adds them up) are left out.
fn plan_rows(
    body: &[Vec<Slot>],
    out: &mut Lines,
    styles: &mut Styles,
    extra: (Option<usize>, Option<usize>),
    amounts: &mut Option<Amounts>,
) {
    for line in body {
        let texts: Vec<Option<&TableCell>> = line.iter().map(|s| if let Slot::Start(c) = s { Some(*c) } else { None }).collect();
        if texts.iter().flatten().all(|c| c.paragraphs.is_empty()) {
            continue;
        }
        let first_text: String =
            texts.iter().flatten().next().map(|c| text_of(c)).unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect();
        if matches!(first_text.as_str(), "小計" | "合計" | "總計") {
            continue;
        }
        // The work plan (column 0): its text where it starts, else empty.
        match texts.first().copied().flatten() {
            Some(c) => out.cell(&c.paragraphs.iter().map(|p| styles.at(Level::WorkPlan, p)).collect::<Vec<_>>()),
            None => out.cell(&[]),
        }
        let at = |k: Option<usize>| k.and_then(|k| texts.get(k).copied().flatten()).map(text_of);
        // A word processor's table gives the item's label and title in one
        // cell (`（一）古蹟修復`); booklet's own, in two (`一` | `古蹟修復`).
        let joined = texts.get(1).copied().flatten().and_then(|c| {
            let first = c.paragraphs.first()?.trim();
            let (_, rest) = crate::import::text::markers::split_marker(first)?;
            let rest = rest.trim();
            (!rest.is_empty()).then(|| (first[..first.len() - rest.len()].trim().to_string(), rest.to_string(), c.paragraphs[1..].to_vec()))
        });
        let title = match &joined {
            Some((_, title, _)) => Some(title.clone()),
            None => at(Some(2)),
        };
        if let Some(a) = amounts.as_mut()
            && let Some(title) = title
        {
            let amount = at(extra.0).and_then(|t| t.replace([',', '，', ' '], "").parse::<i64>().ok());
            let remarks = at(extra.1).filter(|r| !r.trim().is_empty());
            a.items.push((title, amount, remarks));
        }
        for (k, c) in texts.iter().enumerate().skip(1) {
            if Some(k) == extra.0 || Some(k) == extra.1 {
                continue;
            }
            let Some(c) = c.filter(|c| !c.paragraphs.is_empty()) else {
                continue;
            };
            if k == 1
                && let Some((label, title, more)) = &joined
            {
                out.cell(&[styles.at(Level::PlanItem, label)]);
                out.cell(&std::iter::once(title.clone()).chain(more.iter().cloned()).collect::<Vec<_>>());
                continue;
            }
            let level = match k {
                1 => Some(Level::PlanItem),
                2 => None,
                _ => Some(Level::Sublist),
            };
            let paragraphs: Vec<String> = c.paragraphs.iter().map(|p| level.map_or_else(|| p.clone(), |l| styles.at(l, p))).collect();
            out.cell(&paragraphs);
        }
        out.blank();
    }
}

/// An outcome table, printed with a row per sub-item, folded back to a row
/// per work plan: the work plan, the overview (item titles and sub-items in
/// order) and the results of its sub-items in order.
fn outcome_rows(body: &[Vec<Slot>], names: &[String], out: &mut Lines, styles: &mut Styles) {
    struct WorkPlan {
        name: Vec<String>,
        overview: Vec<String>,
        results: Vec<String>,
    }
    let mut plans: Vec<WorkPlan> = Vec::new();
    // Four columns (工作計畫, 計畫項目, 實施概況, 實施成果): the items in a
    // column of their own, merged down over their sub-items.
    let four = names.len() >= 4 && names.iter().position(|n| n.contains("實施概況")).is_some_and(|i| i >= 2);
    for line in body {
        let at = |i: usize| match line.get(i) {
            Some(Slot::Start(c)) => Some(*c),
            _ => None,
        };
        if let Some(wp) = at(0).filter(|c| !c.paragraphs.is_empty()) {
            let name = wp.paragraphs.iter().map(|p| styles.at(Level::WorkPlan, p)).collect();
            plans.push(WorkPlan { name, overview: Vec::new(), results: Vec::new() });
        }
        let Some(plan) = plans.last_mut() else {
            continue;
        };
        if four {
            for (column, level) in [(1, Level::List), (2, Level::Sublist)] {
                if let Some(c) = at(column).filter(|c| !c.paragraphs.is_empty()) {
                    if !plan.overview.is_empty() {
                        plan.overview.push(String::new());
                    }
                    plan.overview.push(styles.at(level, &c.paragraphs.join("")));
                }
            }
            if let Some(results) = at(3) {
                plan.results.extend(results.paragraphs.iter().map(|p| styles.at(Level::Result, p)));
            }
            continue;
        }
        let Some(second) = at(1) else { continue };
        // Each entry after a blank line, so that an unnumbered sub-item is
        // not read as the wrapped end of its item's title.
        if !plan.overview.is_empty() {
            plan.overview.push(String::new());
        }
        let level = if second.col_span >= 2 { Level::List } else { Level::Sublist };
        plan.overview.push(styles.at(level, &second.paragraphs.join("")));
        if second.col_span >= 2 {
            // An item title across the overview and results columns.
            continue;
        }
        if let Some(results) = at(2) {
            plan.results.extend(results.paragraphs.iter().map(|p| styles.at(Level::Result, p)));
        }
    }
    for plan in plans {
        out.cell(&plan.name);
        out.cell(&plan.overview);
        out.cell(&plan.results);
        out.blank();
    }
}

#[cfg(test)]
pub(in crate::import) mod tests {
    use super::*;

    /// A cell of the given text, spans and kind.
    pub(in crate::import::layout) fn c(text: &str, rows: usize, cols: usize, header: bool) -> TableCell {
        TableCell {
            paragraphs: text.split('\n').filter(|t| !t.is_empty()).map(String::from).collect(),
            header,
            row_span: rows,
            col_span: cols,
        }
    }

    #[test]
    fn spans_place_cells_in_a_grid() {
        let rows = vec![vec![c("A", 2, 1, false), c("B", 1, 2, false)], vec![c("C", 1, 1, false), c("D", 1, 1, false)]];
        let g = grid(&rows);
        assert!(matches!(g[1][0], Slot::Covered));
        assert!(matches!(g[0][2], Slot::Covered));
        assert!(matches!(g[1][1], Slot::Start(cell) if cell.paragraphs == ["C"]));
    }

    #[test]
    fn an_outcome_table_folds_to_a_row_per_work_plan() {
        let rows = vec![
            vec![c("工作計畫", 1, 1, true), c("實施概況", 1, 1, true), c("實施成果", 1, 1, true)],
            vec![c("一、綜合規劃業務", 3, 1, false), c("1、加強溝通", 1, 2, false)],
            vec![c("（1）辦理諮詢", 1, 1, false), c("1.107年完成\n2.辦理座談", 1, 1, false)],
            vec![c("（2）加強宣導", 1, 1, false), c("宣導計10場。", 1, 1, false)],
        ];
        let mut lines = Lines::default();
        table(&rows, &mut lines, &mut Styles::default(), &mut None);
        // Written as a word processor's extraction: a cell led by a tab.
        let out: String = lines.0.iter().map(|l| format!("{}{}\n", if l.cell { "\t" } else { "" }, l.text)).collect();
        assert_eq!(
            out,
            "\n\t工作計畫\n\t實施概況\n\t實施成果\n\n\t一、綜合規劃業務\n\t1、加強溝通\n\n（1）辦理諮詢\n\n（2）加強宣導\n\t1. 107年完成\n2. 辦理座談\n宣導計10場。\n\n\n"
        );
    }
}
