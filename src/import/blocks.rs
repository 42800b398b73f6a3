//! Stage 2 of an import from a PDF: the blocks the PDF reader found
//! (headings, paragraphs, tables with spans) laid out as the lines the
//! later stages read, the layout of a word processor's text extraction:
//! one paragraph a line, and each table cell on tab-led lines, a blank line
//! after the header and after each row.
//!
//! Tables are told apart by their headers. The plans table keeps one row
//! per item (the work-plan cell once, then empty). An outcome table, printed
//! with a row per sub-item, is folded back to a row per work plan: the
//! overview (item titles and sub-items, in order) in one cell, their
//! results in the next, as the later stages expect. A staffing table's
//! totals row is left out: the booklet computes it. The table of contents
//! and its heading are page furniture and left out, and so is the web
//! edition's footer (a browser's print of it). Heading levels count from
//! the parts' level, which a browser or word processor may tag `H2`.

use super::numbering::{Level, Styles};
use super::pdf::{Block, TableCell};

/// The plans table's amounts and remarks, which the later stages do not
/// read from text: the column's heading and unit, the remarks' heading,
/// and each item's (by title) amount and remarks.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Amounts {
    pub heading: String,
    pub unit: Option<String>,
    pub remarks: Option<String>,
    pub items: Vec<(String, Option<i64>, Option<String>)>,
}

/// A part of the booklet beyond the three it always has (肆、其他…), read
/// here from the PDF's blocks: its paragraphs, numbered items and tables.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ExtraPart {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
    pub tables: Vec<ExtraTable>,
}

/// A table of an extra part: its heading (the chapter it is printed
/// under), its columns, and its rows; the totals row is the booklet's.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ExtraTable {
    pub heading: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub totals: Option<Vec<String>>,
}

/// What a PDF's blocks give the later stages.
#[derive(Debug, Default)]
pub struct Layout {
    /// The lines, as one text.
    pub text: String,
    /// The page of each line.
    pub pages: Vec<usize>,
    /// The numbering styles found (see [`super::numbering`]).
    pub styles: Styles,
    /// The plans table's amounts and remarks.
    pub amounts: Option<Amounts>,
    /// The parts beyond the three the later stages read.
    pub parts: Vec<ExtraPart>,
    /// The parts' order (`booklet.order`) where it is not the customary one.
    pub order: Option<Vec<&'static str>>,
}

/// The part a top-level heading opens: duties, policy, outcomes, or an
/// extra part.
fn section_of(heading: &str) -> &'static str {
    match super::part_heading(heading).map(|(p, _)| p) {
        Some(super::Part::Duties) => "duties",
        Some(super::Part::Policy) => "policy",
        Some(super::Part::Outcomes) => "outcomes",
        _ => "parts",
    }
}

/// Lays a PDF's blocks out as lines. The three customary parts go to the
/// text in their customary order (their order in the PDF becomes
/// `booklet.order`); a further part is read here into an [`ExtraPart`].
pub fn to_text(blocks: &[Block]) -> Layout {
    let blocks = &from_part_level(blocks);
    // The blocks before the first part heading, then one run per part.
    let mut runs: Vec<(&'static str, Vec<&Block>)> = vec![("front", Vec::new())];
    for block in blocks {
        if let Block::Heading { level: 1, text, .. } = block
            && text.chars().filter(|c| !c.is_whitespace()).collect::<String>() != "目次"
        {
            runs.push((section_of(text), Vec::new()));
        }
        if let Some((_, run)) = runs.last_mut() {
            run.push(block);
        }
    }
    let seen: Vec<&'static str> = runs.iter().skip(1).map(|(s, _)| *s).fold(Vec::new(), |mut v, s| {
        if !v.contains(&s) {
            v.push(s);
        }
        v
    });
    let customary: Vec<&'static str> = crate::model::SECTIONS.iter().copied().filter(|s| seen.contains(s)).collect();
    let order = (seen != customary).then(|| seen.clone());
    let rank = |s: &str| ["front", "duties", "policy", "outcomes"].iter().position(|r| *r == s).unwrap_or(9);
    runs.sort_by_key(|(s, _)| rank(s));

    let mut layout = Layout { order, ..Layout::default() };
    for (section, run) in &runs {
        if *section == "parts" {
            layout.parts.push(extra_part(run, &mut layout.styles));
        } else {
            for block in run {
                lay_out(block, &mut layout);
            }
        }
    }
    layout
}

/// The blocks with their headings' levels counted from the parts' level,
/// and without the web edition's footer (see [`super::furniture`]).
/// booklet tags a part `H1`; a word processor or a browser may tag the
/// title `H1` and the parts `H2`. The level of the first heading that opens
/// a part (壹、現行法定職掌…) becomes 1, a heading above it (the title) 0.
fn from_part_level(blocks: &[Block]) -> Vec<Block> {
    let part_level = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading { level, text, .. } if *level > 0 && super::part_heading(text).is_some() => Some(*level),
            _ => None,
        })
        .unwrap_or(1);
    blocks
        .iter()
        .filter(|b| !matches!(b, Block::Paragraph { text, .. } if super::furniture::is_web_footer(text)))
        .map(|b| match b {
            Block::Heading { level, text, page } if *level > 0 => {
                Block::Heading { level: (level + 1).saturating_sub(part_level), text: text.clone(), page: *page }
            }
            other => other.clone(),
        })
        .collect()
}

/// One block onto the text.
fn lay_out(block: &Block, layout: &mut Layout) {
    let Layout { text: out, pages, styles, amounts, .. } = layout;
    let start = out.len();
    let page = match block {
        Block::Heading { page, .. } | Block::Paragraph { page, .. } | Block::Table { page, .. } => *page,
    };
    match block {
        Block::Heading { text, .. } | Block::Paragraph { text, .. } => {
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if squeezed == "目次" {
                return;
            }
            // A blank line after each: a paragraph of a PDF is whole, not
            // a line wrapped by the layout.
            for line in text.split('\n') {
                let line = line.trim();
                let line = match block {
                    Block::Heading { level: 1, .. } => styles.at(Level::Part, line),
                    Block::Heading { level: 2, .. } => styles.at(Level::Chapter, line),
                    Block::Heading { level: 3, .. } => styles.at(Level::Section, line),
                    _ => styles.list(line),
                };
                out.push_str(&line);
                out.push_str("\n\n");
            }
        }
        Block::Table { rows, .. } => table(rows, out, styles, amounts),
    }
    // The page of each line the block added.
    pages.extend(std::iter::repeat_n(page, out[start..].matches('\n').count()));
}

/// A further part: its heading, its paragraphs (unnumbered) and items
/// (numbered), and each table with the chapter heading before it.
fn extra_part(run: &[&Block], styles: &mut Styles) -> ExtraPart {
    let mut part = ExtraPart::default();
    let mut chapter = String::new();
    for block in run {
        match block {
            Block::Heading { level: 1, text, .. } => {
                let marked = styles.at(Level::Part, text.trim());
                part.heading = super::split_marker(&marked).map_or(marked.clone(), |(_, rest)| rest.to_string());
            }
            Block::Heading { text, .. } => {
                let marked = styles.at(Level::Chapter, text.trim());
                chapter = super::split_marker(&marked).map_or(marked.clone(), |(_, rest)| rest.to_string());
            }
            Block::Paragraph { text, .. } => {
                for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
                    let marked = styles.list(line);
                    match super::split_marker(&marked) {
                        Some((_, rest)) if marked != line || super::numbering::detect(line, false).is_some() => part.items.push(rest.to_string()),
                        _ => part.paragraphs.push(line.to_string()),
                    }
                }
            }
            Block::Table { rows, .. } => {
                let header: Vec<String> = rows.first().map(|r| r.iter().map(text_of).collect()).unwrap_or_default();
                let mut table = ExtraTable { heading: std::mem::take(&mut chapter), header, ..ExtraTable::default() };
                for row in rows.iter().skip(1) {
                    let cells: Vec<String> = row.iter().map(text_of).collect();
                    let first: String = cells.first().map(|c| c.chars().filter(|c| !c.is_whitespace()).collect()).unwrap_or_default();
                    if cells.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    if matches!(first.as_str(), "合計" | "總計") {
                        table.totals = Some(cells);
                    } else {
                        table.rows.push(cells);
                    }
                }
                part.tables.push(table);
            }
        }
    }
    part
}

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

fn text_of(cell: &TableCell) -> String {
    cell.paragraphs.join("\n")
}

/// A cell on tab-led lines: its first paragraph after a tab, the rest as
/// continuation lines.
fn cell(out: &mut String, paragraphs: &[String]) {
    out.push('\t');
    let mut first = true;
    for p in paragraphs {
        if !first {
            out.push('\n');
        }
        out.push_str(p.trim());
        first = false;
    }
    out.push('\n');
}

pub(super) fn table(rows: &[Vec<TableCell>], out: &mut String, styles: &mut Styles, amounts: &mut Option<Amounts>) {
    let header: Vec<&TableCell> = rows.iter().take_while(|r| r.iter().all(|c| c.header)).flatten().collect();
    let mut names: Vec<String> = header.iter().map(|c| text_of(c)).filter(|t| !t.trim().is_empty()).collect();
    let body_start = rows.iter().take_while(|r| r.iter().all(|c| c.header)).count();
    let grid = grid(rows);
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
    out.push('\n');
    for name in &names {
        cell(out, std::slice::from_ref(name));
    }
    out.push('\n');
    if outcome {
        outcome_rows(body, out, styles);
    } else if plans {
        plan_rows(body, out, styles, extra, amounts);
    } else {
        plain_rows(body, out);
    }
    out.push('\n');
}

/// Rows as they are, spans as empty cells; a staffing table's totals row
/// (總計, 合計) left out when it follows other rows.
fn plain_rows(body: &[Vec<Slot>], out: &mut String) {
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

fn emit_row(line: &[Slot], out: &mut String, empty_for_covered: bool) {
    let mut any = false;
    for slot in line {
        match slot {
            Slot::Start(c) if !c.paragraphs.is_empty() => {
                cell(out, &c.paragraphs);
                any = true;
            }
            Slot::Start(_) => cell(out, &[]),
            Slot::Covered if empty_for_covered => cell(out, &[]),
            Slot::Covered => {}
        }
    }
    if any {
        out.push('\n');
    }
}

/// The plans table: a row per item; the work-plan cell where it starts, an
/// empty cell where it spans; the zero-width columns dropped. Its markers
/// by column: work plan, item number, (title), contents (the sublist).
/// The amount and remarks columns go to `amounts` by the item's title;
/// subtotal and total rows (the booklet adds them up) are left out.
fn plan_rows(body: &[Vec<Slot>], out: &mut String, styles: &mut Styles, extra: (Option<usize>, Option<usize>), amounts: &mut Option<Amounts>) {
    for line in body {
        let texts: Vec<Option<&TableCell>> = line.iter().map(|s| if let Slot::Start(c) = s { Some(*c) } else { None }).collect();
        if texts.iter().flatten().all(|c| c.paragraphs.is_empty()) {
            continue;
        }
        let first_text: String = texts.iter().flatten().next().map(|c| text_of(c)).unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect();
        if matches!(first_text.as_str(), "小計" | "合計" | "總計") {
            continue;
        }
        // The work plan (column 0): its text where it starts, else empty.
        match texts.first().copied().flatten() {
            Some(c) => cell(out, &c.paragraphs.iter().map(|p| styles.at(Level::WorkPlan, p)).collect::<Vec<_>>()),
            None => cell(out, &[]),
        }
        let at = |k: Option<usize>| k.and_then(|k| texts.get(k).copied().flatten()).map(text_of);
        if let Some(a) = amounts.as_mut()
            && let Some(title) = at(Some(2))
        {
            let amount = at(extra.0).and_then(|t| t.replace([',', '，', ' '], "").parse::<i64>().ok());
            let remarks = at(extra.1).filter(|r| !r.trim().is_empty());
            a.items.push((title, amount, remarks));
        }
        for (k, c) in texts.iter().enumerate().skip(1) {
            if Some(k) == extra.0 || Some(k) == extra.1 {
                continue;
            }
            let Some(c) = c.filter(|c| !c.paragraphs.is_empty()) else { continue };
            let level = match k {
                1 => Some(Level::PlanItem),
                2 => None,
                _ => Some(Level::Sublist),
            };
            let paragraphs: Vec<String> = c.paragraphs.iter().map(|p| level.map_or_else(|| p.clone(), |l| styles.at(l, p))).collect();
            cell(out, &paragraphs);
        }
        out.push('\n');
    }
}

/// An outcome table, printed with a row per sub-item, folded back to a row
/// per work plan: the work plan, the overview (item titles and sub-items in
/// order) and the results of its sub-items in order.
fn outcome_rows(body: &[Vec<Slot>], out: &mut String, styles: &mut Styles) {
    struct WorkPlan {
        name: Vec<String>,
        overview: Vec<String>,
        results: Vec<String>,
    }
    let mut plans: Vec<WorkPlan> = Vec::new();
    for line in body {
        let at = |i: usize| match line.get(i) {
            Some(Slot::Start(c)) => Some(*c),
            _ => None,
        };
        if let Some(wp) = at(0).filter(|c| !c.paragraphs.is_empty()) {
            let name = wp.paragraphs.iter().map(|p| styles.at(Level::WorkPlan, p)).collect();
            plans.push(WorkPlan { name, overview: Vec::new(), results: Vec::new() });
        }
        let Some(plan) = plans.last_mut() else { continue };
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
        cell(out, &plan.name);
        cell(out, &plan.overview);
        cell(out, &plan.results);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str, rows: usize, cols: usize, header: bool) -> TableCell {
        TableCell {
            paragraphs: text.split('\n').filter(|t| !t.is_empty()).map(String::from).collect(),
            header,
            row_span: rows,
            col_span: cols,
        }
    }

    #[test]
    fn heading_levels_count_from_the_parts() {
        let h = |level, text: &str| Block::Heading { level, text: text.into(), page: 1 };
        let levels = |blocks: &[Block]| -> Vec<u8> {
            from_part_level(blocks).iter().filter_map(|b| if let Block::Heading { level, .. } = b { Some(*level) } else { None }).collect()
        };
        // A browser's print: the title H1, the parts H2, their chapters H3.
        assert_eq!(levels(&[h(1, "預算總說明"), h(2, "壹、現行法定職掌"), h(3, "一、機關主要職掌："), h(2, "貳、施政目標與重點")]), [0, 1, 2, 1]);
        // booklet's own: the parts H1.
        assert_eq!(levels(&[h(1, "壹、現行法定職掌"), h(2, "一、機關主要職掌：")]), [1, 2]);
        let footer = Block::Paragraph { text: format!("勞動部 109年度 預算總說明。{}", crate::render::WEB_COLOPHON), page: 9 };
        assert_eq!(from_part_level(&[footer]), [], "the web edition's footer is left out");
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
        let mut out = String::new();
        table(&rows, &mut out, &mut Styles::default(), &mut None);
        assert_eq!(
            out,
            "\n\t工作計畫\n\t實施概況\n\t實施成果\n\n\t一、綜合規劃業務\n\t1、加強溝通\n\n（1）辦理諮詢\n\n（2）加強宣導\n\t1. 107年完成\n2. 辦理座談\n宣導計10場。\n\n\n"
        );
    }

    #[test]
    fn the_toc_heading_and_a_totals_row_are_left_out() {
        let blocks = vec![
            Block::Heading { level: 1, text: "目\u{3000}\u{3000}次".into(), page: 3 },
            Block::Table {
                rows: vec![
                    vec![c("機關", 1, 1, true), c("職員", 1, 1, true)],
                    vec![c("範例部", 1, 1, false), c("10", 1, 1, false)],
                    vec![c("總計", 1, 1, false), c("10", 1, 1, false)],
                ],
                page: 8,
            },
        ];
        let layout = to_text(&blocks);
        assert_eq!(layout.text, "\n\t機關\n\t職員\n\n\t範例部\n\t10\n\n\n");
        assert_eq!(layout.pages, [8; 8]);
    }
}
