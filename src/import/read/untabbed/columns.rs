//! A plans or outcome table as a word processor lays it out, from text laid
//! out by position (an untagged PDF read by booklet, where a piece of text
//! starts at its distance from the margin in half ems): its header names
//! the columns, and each cell of a row holds its own label (`（一）古蹟修復`
//! in one cell, an item's column of its own beside the sub-items), unlike
//! booklet's own tables, which [`crate::import::read::untabbed::spaced`] reads.
//!
//! The columns are the header's headings (a heading printed over two lines,
//! 預算金額 over （千元）, is one). A piece of a line belongs to the last
//! column whose heading ends at or before the piece's start; a figure
//! (right-aligned) to the first column whose next heading starts after the
//! figure's end. A row starts at a line where a column before the details
//! (實施內容, 實施成果) opens with a label, or with 合計 or 小計. Where such
//! a column (but the last of them) has nothing in a row, its cell spans down
//! from the row above, as the word processor merged it: the work plan over
//! its items, an item over its sub-items. The rows go on as a tagged PDF's
//! table does (see `blocks::table`).

use crate::import::layout::TableCell;
use crate::import::read::untabbed::cells::{desquash, paragraphs, places};
use crate::import::read::untabbed::{Kind, Src, cell, is_amount};
use crate::import::text::lines::squeeze;
use crate::import::text::styles::detect;

/// A column: where its heading stands (places from the margin) and its
/// name.
#[derive(Debug, Clone)]
struct Column {
    start: usize,
    end: usize,
    name: String,
}

/// A line's pieces with where they start: parted by two spaces or more, and
/// a figure from the text after it by one.
fn pieces(raw: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (start, text) in crate::import::read::untabbed::header::pieces(raw) {
        // A figure, one space, then text: two pieces.
        match text.split_once(' ') {
            Some((figure, rest)) if is_amount(figure) && !rest.trim().is_empty() => {
                out.push((start, figure.to_string()));
                out.push((start + figure.chars().count() + 1, rest.to_string()));
            }
            _ => out.push((start, text)),
        }
    }
    out
}

/// The columns the header's lines name: headings that overlap are one,
/// their text joined top to bottom.
fn columns(header: &[String]) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::new();
    for line in header {
        for (start, text) in pieces(line) {
            let end = start + places(&text);
            match out.iter_mut().find(|c| start < c.end && c.start < end) {
                Some(c) => {
                    c.start = c.start.min(start);
                    c.end = c.end.max(end);
                    c.name.push_str(&squeeze(&text));
                }
                None => out.push(Column { start, end, name: squeeze(&text) }),
            }
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

/// The column a piece starting at `start` belongs to.
fn column_of(columns: &[Column], start: usize, text: &str) -> usize {
    if is_amount(text) {
        let end = start + places(text);
        return (0..columns.len()).find(|&j| columns.get(j + 1).is_none_or(|next| end <= next.start)).unwrap_or(0);
    }
    columns.iter().rposition(|c| c.end <= start).map_or(0, |j| (j + 1).min(columns.len() - 1))
}

/// Whether a piece opens a cell: a label with text or alone, or a total.
fn opens(text: &str) -> bool {
    let t = desquash(text);
    matches!(squeeze(&t).as_str(), "合計" | "小計" | "總計")
        || detect(&t, false).is_some_and(|(_, _, rest)| !rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether the table is laid out as a word processor lays it out, not as
/// booklet prints it: a plans table without a column of bare item numbers
/// (`一`, `二`), an outcome table whose headings name an item's column
/// (計畫項目) beside the overview, or in which each line that opens an
/// overview's cell holds results too (booklet prints each item's title on
/// a row of its own, across the overview's and the results' columns).
fn word_shaped(kind: Kind, columns: &[Column], body: &[Src]) -> bool {
    // (A bare number alone, or the first word of a piece: `三 身心障礙福利`.)
    let bare = |t: &str| {
        let word = t.split(' ').next().unwrap_or("");
        (1..=3).contains(&word.chars().count()) && word.chars().all(|c| crate::import::text::markers::CJK_NUMERALS.contains(c))
    };
    match kind {
        Kind::Plans => !body.iter().flat_map(|l| pieces(&l.raw)).any(|(_, t)| bare(&t)),
        Kind::Outcomes => {
            let Some(results) = columns.iter().position(|c| c.name.contains("實施成果")) else {
                return false;
            };
            // Every line that opens an overview holds results too: no
            // title row of its own.
            let lines: Vec<Vec<(usize, String)>> =
                body.iter().map(|l| pieces(&l.raw).into_iter().map(|(start, t)| (column_of(columns, start, &t), t)).collect()).collect();
            let opening = lines.iter().filter(|l| l.iter().any(|(c, t)| *c > 0 && *c < results && opens(t)));
            columns.iter().any(|c| c.name.contains("項目"))
                || opening.clone().count() > 0 && opening.clone().all(|l| l.iter().any(|(c, _)| *c >= results))
        }
        Kind::Staffing => false,
    }
}

/// Reads a plans or outcome table laid out by a word processor into rows
/// of cells, the header first; `None` where it is not laid out so (or not
/// by position), for the other readers.
pub(in crate::import) fn rows(kind: Kind, header: &[String], body: &[Src]) -> Option<Vec<Vec<TableCell>>> {
    let columns = columns(header);
    if columns.len() < 3 || !word_shaped(kind, &columns, body) {
        return None;
    }
    let details = columns.iter().position(|c| c.name.contains("實施內容") || c.name.contains("實施成果")).filter(|&d| d >= 2)?;
    // Each row: the lines of each column's cell, and for the columns that
    // span, whether the row starts a cell there.
    let mut rows: Vec<Vec<Vec<String>>> = Vec::new();
    let mut starts: Vec<Vec<bool>> = Vec::new();
    for line in body {
        let placed: Vec<(usize, String)> = pieces(&line.raw).into_iter().map(|(start, t)| (column_of(&columns, start, &t), t)).collect();
        if placed.is_empty() {
            continue;
        }
        let new_row = placed.iter().any(|(c, t)| *c < details && opens(t));
        if new_row || rows.is_empty() {
            rows.push(vec![Vec::new(); columns.len()]);
            starts.push(vec![false; columns.len()]);
        }
        for (c, text) in placed {
            let r = rows.len() - 1;
            // A spanning column's text goes on in the cell that spans down
            // to here, unless it opens one.
            let spans = c + 1 < details;
            let at = if spans && !(new_row && opens(&text)) && rows[r][c].is_empty() {
                (0..=r).rev().find(|&k| starts[k][c] || !rows[k][c].is_empty()).unwrap_or(r)
            } else {
                r
            };
            if spans && at == r {
                starts[r][c] = true;
            }
            rows[at][c].push(text);
        }
    }
    let mut out = vec![columns.iter().map(|c| cell(vec![c.name.clone()], true)).collect::<Vec<_>>()];
    let mut span_of: Vec<Option<(usize, usize)>> = vec![None; columns.len()];
    for (r, row) in rows.iter().enumerate() {
        let mut cells: Vec<TableCell> = Vec::new();
        for (c, lines) in row.iter().enumerate() {
            let spans = c + 1 < details;
            if spans && !starts[r][c] && lines.is_empty() && r > 0 {
                // Covered by the cell above.
                if let Some((row_at, col_at)) = span_of[c] {
                    out[row_at][col_at].row_span += 1;
                }
                continue;
            }
            if spans {
                span_of[c] = Some((out.len(), cells.len()));
            }
            cells.push(cell(paragraphs(lines), false));
        }
        out.push(cells);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::untabbed::src_lines;

    /// Text as booklet reads an untagged PDF that LibreOffice made from a
    /// clerk's Word file: an item's label and title in one cell, the work
    /// plan's cell merged down over its items and wrapped.
    const PLANS: &str = "  工作計畫名稱            重要計畫項目                      實施內容
 一、作物改良        （一）稻作及雜糧品種           1.辦理耐熱及抗病水稻品種選育。
                    改良              2.辦理雜糧作物區域試驗。
               （二）園藝作物育種            1.辦理果樹及蔬菜新品種選育。
 二、農業化學及      （一）土壤肥力管理            1.建立合理化施肥推薦系統。
    環境         （二）農業環境監測            1.辦理農地土壤監測。
";

    #[test]
    fn cells_follow_the_headings_and_merged_cells_span_down() {
        let src = src_lines(PLANS);
        let rows = rows(Kind::Plans, &[src[0].raw.clone()], &src[1..]).expect("a table laid out by a word processor");
        let texts = |r: usize| rows[r].iter().map(|c| (c.paragraphs.join("|"), c.row_span)).collect::<Vec<_>>();
        assert_eq!(texts(0), [("工作計畫名稱".into(), 1), ("重要計畫項目".into(), 1), ("實施內容".into(), 1)]);
        assert_eq!(
            texts(1),
            [
                ("一、作物改良".into(), 2),
                ("（一）稻作及雜糧品種改良".into(), 1),
                ("1.辦理耐熱及抗病水稻品種選育。|2.辦理雜糧作物區域試驗。".into(), 1)
            ]
        );
        assert_eq!(texts(2), [("（二）園藝作物育種".into(), 1), ("1.辦理果樹及蔬菜新品種選育。".into(), 1)]);
        // The work plan's name goes on beside its second item.
        assert_eq!(texts(3)[0], ("二、農業化學及環境".into(), 2));
        assert_eq!(texts(4), [("（二）農業環境監測".into(), 1), ("1.辦理農地土壤監測。".into(), 1)]);
    }

    #[test]
    fn booklets_own_tables_are_left_to_the_other_readers() {
        // A column of bare item numbers.
        let src = src_lines("  工作計畫名稱     重要計畫項目          實施內容\n 一、綜合規劃     一   加強勞動       （1）辦理。\n");
        assert!(rows(Kind::Plans, &[src[0].raw.clone()], &src[1..]).is_none());
        // An item's title on a row of its own.
        let src = src_lines(
            "  工作計畫      實施概況        實施成果\n 一、綜合     1、加強勞動政策規劃，強化勞動法制\n         （1）辦理     1. 完成。\n",
        );
        assert!(rows(Kind::Outcomes, &[src[0].raw.clone()], &src[1..]).is_none());
    }
}
