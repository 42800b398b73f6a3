//! A table's body as `pdftotext -layout` prints it: the columns side by
//! side, each line of the page one text line, the pieces of a line apart by
//! runs of spaces (or by one space before a list marker, where a full cell
//! runs into the next column).
//!
//! A piece's column is read off where it starts. The first piece of a line
//! stands where its column starts; a later piece may stand further left
//! than its column (the extraction counts a full-width character as one
//! place), so it goes to the column after the previous piece's, or further
//! right if it starts there. The columns' starts are learnt from the table
//! itself: where the items' markers stand, the sub-items' and the results'.
//! Rows start with a marker in the item column; a work plan with a marker
//! in the first column. The continuation bands of each page (`…（續）`) are
//! left out: at a page's top, the first column's pieces down to the one
//! that ends in （續）, and any piece that ends so.

use crate::import::read::untabbed::cells::wide_count;
use crate::import::read::untabbed::{Kind, Plan, Row, Src, continued, desquash, is_amount, width};
use crate::import::text::markers::{CJK_NUMERALS, is_digit};
use crate::import::text::styles::detect;

/// A piece of a line: its text and its column.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    col: usize,
}

/// Whether a text opens with a list marker followed by text (not a
/// decimal number such as `2.5`).
pub(in crate::import) fn marked(text: &str) -> bool {
    let text = desquash(text);
    detect(&text, false).is_some_and(|(_, _, rest)| !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// A bare item number: `一`, `十二`, `3`.
fn numeral(text: &str) -> bool {
    let t = desquash(text);
    (1..=3).contains(&t.chars().count()) && t.chars().all(|c| is_digit(c) || CJK_NUMERALS.contains(c))
}

/// A line's pieces with where they start: split at runs of two or more
/// spaces, at one space before a list marker, and after a leading amount.
/// A piece parted from the one before by one space only (beside full-width
/// text: columns that touch, or a space of the text) says so.
fn pieces(raw: &str) -> Vec<(usize, String, bool)> {
    let chars: Vec<char> = raw.chars().collect();
    let mut out: Vec<(usize, String, bool)> = Vec::new();
    let mut one_space = false;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut next_one_space = false;
        while end < chars.len() {
            if chars[end] == ' ' {
                let run = chars[end..].iter().take_while(|c| **c == ' ').count();
                let rest: String = chars[end + run..].iter().collect();
                let piece: String = chars[start..end].iter().collect();
                // One space beside a run of full-width text (not between
                // the single characters of letter-spaced text) parts
                // columns; a space beside Latin text does not.
                let left: String = chars[start..end].iter().rev().take_while(|c| **c != ' ').collect();
                let right: String = chars[end + run..].iter().take_while(|c| **c != ' ').collect();
                // A marker opening the left run is not part of its text.
                let left: String = left.chars().rev().collect();
                let left_text = detect(&left, false).map_or(left.as_str(), |(_, _, rest)| rest);
                let (l, r) = (wide_count(left_text), wide_count(&right));
                let gap = (l >= 2 && r >= 1) || (l >= 1 && r >= 2);
                let hard = run >= 2 || end + run >= chars.len() || marked(&rest) || (is_amount(&piece) && !piece.contains(' '));
                if hard || gap {
                    next_one_space = !hard;
                    break;
                }
                end += run;
            } else {
                end += 1;
            }
        }
        let mut text: String = chars[start..end].iter().collect();
        // The line's own last space stays with its last piece.
        if end + 1 == chars.len() && chars[end] == ' ' {
            text.push(' ');
        }
        out.push((start, text, one_space));
        one_space = next_one_space;
        i = end;
    }
    out
}

/// Reads a plans or outcome table's body into its work plans and rows.
pub(in crate::import) fn read(kind: Kind, body: &[Src]) -> Vec<Plan> {
    let mut lines: Vec<Vec<(usize, String, bool)>> = body.iter().map(|l| pieces(&l.raw)).collect();
    let centred = kind == Kind::Plans && raise_centred_numbers(&mut lines);
    let firsts: Vec<(usize, &String)> = lines.iter().filter_map(|l| l.first()).map(|(x, t, _)| (*x, t)).collect();
    let all = || lines.iter().flatten().map(|(x, t, _)| (*x, t));
    // Where the columns start, from the table itself.
    let (item_x, marks_x, far_x) = match kind {
        Kind::Plans => {
            // (Numbers raised to their rows' first lines stand after the
            // work plan's name there.)
            let numbers: Vec<usize> = if centred {
                all().filter(|(x, t)| *x >= 3 && numeral(t)).map(|(x, _)| x).collect()
            } else {
                firsts.iter().filter(|(x, t)| *x >= 3 && numeral(t)).map(|(x, _)| *x).collect()
            };
            let item = numbers.into_iter().min().unwrap_or(4);
            // (Any piece: where the columns beside are wrapped over more
            // lines, no line may start with the contents.)
            // (Not a continuation band's item name, which starts left of
            // the contents: `二、辦理…（續）`.)
            let contents = all()
                .filter(|(x, t)| *x > item + 3 && marked(t) && !numeral(t) && !continued(t))
                .map(|(x, _)| x)
                .min()
                .unwrap_or(usize::MAX);
            let amount = all().filter(|(_, t)| is_amount(t)).map(|(x, _)| x).min().unwrap_or(usize::MAX);
            (item, contents, amount)
        }
        _ => {
            let item = all().filter(|(x, t)| *x >= 3 && marked(t) && !continued(t)).map(|(x, _)| x).min().unwrap_or(4);
            let results = firsts.iter().filter(|(x, _)| *x >= item + 8).map(|(x, _)| *x).min().unwrap_or(usize::MAX);
            (item, results, usize::MAX)
        }
    };
    // The first column (the work plan) stands at the left edge.
    // (Where a word processor centred the item numbers, the work plan's
    // column is as wide as the numbers stand right: its wrapped name is
    // indented under its label.)
    // (In an outcome table, a word processor indents the wrapped name
    // under its label (`一、海洋政策規` over `劃業務`): anything that
    // starts clearly left of the items' markers is the work plan's.)
    let name_bound = if centred || kind == Kind::Outcomes { item_x.saturating_sub(2).max(3) } else { item_x.min(3) };
    let by_x = |x: usize| -> usize {
        match kind {
            Kind::Plans => {
                if x < name_bound {
                    0
                } else if x + 2 < marks_x {
                    2
                } else if x + 2 < far_x {
                    3
                } else {
                    5
                }
            }
            _ => {
                if x < name_bound {
                    0
                } else if x + 2 < marks_x {
                    1
                } else {
                    2
                }
            }
        }
    };
    let last = width(kind) - 1;
    let mut placed: Vec<Vec<Piece>> = Vec::new();
    for line in &lines {
        let mut row: Vec<Piece> = Vec::new();
        for (k, (x, text, one_space)) in line.iter().enumerate() {
            let col = if kind == Kind::Plans && numeral(text) && x + 1 >= item_x && row.iter().all(|p| p.col == 0) {
                1
            } else if kind == Kind::Plans && is_amount(text) {
                4
            } else if k == 0 {
                by_x(*x)
            } else {
                let prev = row.last().map_or(0, |p| p.col);
                let next = match kind {
                    Kind::Plans if prev == 1 => 2,
                    // Past the contents, only an amount (above) or the
                    // remarks' place leaves them.
                    Kind::Plans if prev == 3 => 3,
                    _ => prev + 1,
                };
                next.max(by_x(*x)).min(last)
            };
            // Pieces of one column parted by a space of the text: one again.
            match row.last_mut() {
                Some(last) if *one_space && last.col == col => {
                    last.text.push(' ');
                    last.text.push_str(text);
                }
                _ => row.push(Piece { text: text.clone(), col }),
            }
        }
        placed.push(row);
    }
    drop_bands(body, &mut placed);
    if kind == Kind::Outcomes {
        split_run_on(&mut placed);
        results_in_overview(&mut placed);
    }
    build(kind, &placed)
}

/// Moves results that the text put in the overview's column back to the
/// results'. Where an outcome table's overview column is narrow and empty
/// (results printed beside the item itself), `pdftotext -layout` may start
/// the results where the item's title starts, and no piece of the table
/// reads as a result by its place. Their markers tell them then: of the
/// styles that open the overview column's pieces, not the first (an item's
/// or a sub-item's), the one that starts again at 1 most often (the latest
/// to come where two tie). Its pieces, and the lines that go on from them,
/// are results.
fn results_in_overview(placed: &mut [Vec<Piece>]) {
    if placed.iter().flatten().any(|p| p.col == 2) {
        return;
    }
    let style = |p: &Piece| detect(&desquash(&p.text), false).filter(|_| marked(&p.text)).map(|(s, n, _)| (s, n));
    // Each style's restarts and where it first comes, in order.
    let mut seen: Vec<(String, usize, usize)> = Vec::new();
    for (k, p) in placed.iter().flatten().filter(|p| p.col == 1).enumerate() {
        if let Some((s, n)) = style(p) {
            match seen.iter_mut().find(|e| e.0 == s) {
                Some(e) => e.1 += usize::from(n == 1),
                None => seen.push((s, usize::from(n == 1), k)),
            }
        }
    }
    let Some(results) = seen.iter().skip(1).max_by_key(|e| (e.1, e.2)).map(|e| e.0.clone()) else {
        return;
    };
    let mut in_results = false;
    for p in placed.iter_mut().flatten() {
        match (p.col, style(p)) {
            (0, _) => in_results = false,
            (1, Some((s, _))) => in_results = s == results,
            _ => {}
        }
        if p.col == 1 && in_results {
            p.col = 2;
        }
    }
}

/// Moves a plans table's item numbers that a word processor centred in
/// their cells (each on a line in the middle of its row) up to the row's
/// first line: the nearest line above whose contents start again at 1
/// (`（1）…`). Only where some item number stands off such a line; says
/// whether it moved any.
fn raise_centred_numbers(lines: &mut [Vec<(usize, String, bool)>]) -> bool {
    let is_number = |(x, t, _): &(usize, String, bool)| *x >= 3 && numeral(t);
    let restarts = |l: &Vec<(usize, String, bool)>| {
        l.iter().any(|(x, t, _)| *x >= 3 && marked(t) && detect(&desquash(t), false).is_some_and(|(_, n, _)| n == 1))
    };
    let numbers: Vec<usize> = (0..lines.len()).filter(|&k| lines[k].iter().any(is_number)).collect();
    if numbers.iter().all(|&k| restarts(&lines[k])) {
        return false;
    }
    let mut floor = 0;
    for k in numbers {
        // (A number on its row's first line, in a row of a line or two,
        // stays.)
        if restarts(&lines[k]) {
            floor = k + 1;
            continue;
        }
        let Some(start) = (floor..k).rev().find(|&j| restarts(&lines[j])) else {
            continue;
        };
        let Some(at) = lines[k].iter().position(is_number) else {
            continue;
        };
        let number = lines[k].remove(at);
        let to = lines[start].iter().position(|(x, _, _)| *x > number.0).unwrap_or(lines[start].len());
        lines[start].insert(to, number);
        floor = start + 1;
    }
    true
}

/// Characters a line may not start with (the rule a CJK typesetter keeps:
/// such a character pulls the one before it down to the next line).
const NO_LINE_START: &str = "，。、；：？！）」』】〉》…‥,.;:?!)";

/// An overview line letter-spaced so that nothing parts it from the
/// result printed beside it (`鼓 勵 … 改 為 強 化 …`) is cut where the
/// overview's column ends: after as many characters as the column's lines
/// most often hold, one fewer where the overview's next line starts with a
/// character and a mark that may not start a line (the character was
/// pulled down with it, which is why the line was spaced out).
fn split_run_on(placed: &mut [Vec<Piece>]) {
    // The column's full lines: the most common length of its lines.
    let mut lengths: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for p in placed.iter().flatten().filter(|p| p.col == 1 && !marked(&p.text)) {
        *lengths.entry(wide_count(&desquash(&p.text))).or_default() += 1;
    }
    let Some(full) = lengths.iter().max_by_key(|(len, n)| (**n, **len)).map(|(len, _)| *len).filter(|f| *f > 1) else {
        return;
    };
    for k in 0..placed.len() {
        let Some(at) = placed[k].iter().position(|p| p.col == 1) else {
            continue;
        };
        let text = desquash(&placed[k][at].text);
        let (marker, rest) = match detect(&text, false) {
            Some((_, _, rest)) => (&text[..text.len() - rest.len()], rest),
            None => ("", text.as_str()),
        };
        let letter_spaced = placed[k][at].text.matches(' ').count() >= 3;
        if !letter_spaced || wide_count(rest) <= full + 1 || placed[k].iter().any(|p| p.col == 2) {
            continue;
        }
        let next = placed[k + 1..].iter().find_map(|line| line.iter().find(|p| p.col == 1)).map(|p| desquash(&p.text));
        let pulled = next.is_some_and(|n| n.chars().nth(1).is_some_and(|c| NO_LINE_START.contains(c)));
        let keep = if pulled { full - 1 } else { full };
        let cut: usize = rest.chars().take(keep).map(char::len_utf8).sum();
        let (overview, result) = rest.split_at(cut);
        placed[k][at].text = format!("{marker}{overview}");
        placed[k].insert(at + 1, Piece { text: result.to_string(), col: 2 });
    }
}

/// Leaves out the continuation bands: any piece that ends in （續）, and at
/// the top of a page, the first column's pieces down to such a piece.
fn drop_bands(body: &[Src], placed: &mut [Vec<Piece>]) {
    let mut k = 0;
    while k < placed.len() {
        let page_top = k == 0 || body[k].page != body[k - 1].page;
        if page_top && k > 0 {
            // The band's first-column pieces, if one of the next lines ends it.
            let window: Vec<usize> = (k..placed.len().min(k + 4)).take_while(|&j| body[j].page == body[k].page).collect();
            if let Some(&end) = window.iter().find(|&&j| placed[j].iter().any(|p| p.col == 0 && continued(&p.text))) {
                for line in &mut placed[k..=end] {
                    line.retain(|p| p.col != 0);
                }
            }
        }
        placed[k].retain(|p| !continued(&p.text));
        k += 1;
    }
}

/// The work plans and rows of the placed pieces.
fn build(kind: Kind, placed: &[Vec<Piece>]) -> Vec<Plan> {
    let mut plans: Vec<Plan> = Vec::new();
    let w = width(kind);
    for line in placed {
        // A subtotal or total row: the booklet adds them up again.
        if line.iter().any(|p| matches!(crate::import::text::lines::squeeze(&p.text).as_str(), "小計" | "合計" | "總計")) {
            continue;
        }
        for piece in line {
            let text = piece.text.trim_start().to_string();
            if piece.col == 0 {
                // A work plan's name opens with its marker, which a narrow
                // column may print on a line of its own (`一、` over `綜合`).
                let bare_marker = detect(&desquash(&text), false).is_some_and(|(_, _, rest)| rest.trim().is_empty());
                if marked(&text) || bare_marker || plans.is_empty() {
                    plans.push(Plan::default());
                }
                plans.last_mut().expect("a plan").name.push(text);
                continue;
            }
            if plans.is_empty() {
                plans.push(Plan::default());
            }
            let plan = plans.last_mut().expect("a plan");
            // A sub-item without a marker after an item's title starts
            // beside its first result.
            let first_result = line.iter().any(|p| p.col == 2 && detect(&desquash(&p.text), false).is_some_and(|(_, n, _)| n == 1))
                && plan.rows.last().is_some_and(|r| r.cols[2].is_empty());
            let opens = match kind {
                Kind::Plans => piece.col == 1,
                _ => piece.col == 1 && (marked(&text) || first_result),
            };
            if opens || plan.rows.is_empty() {
                plan.rows.push(Row::new(w));
            }
            let row = plan.rows.last_mut().expect("a row");
            row.cols[piece.col].push(text);
        }
    }
    plans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers_centred_in_their_cells_go_to_their_rows_first_line() {
        // As LibreOffice prints a Word table whose number cells are centred
        // vertically: 一 on the third line of its row, 二 on its first.
        let text = " 一、海洋政策規劃           統合海洋事務，完備海         （1）研訂海洋基本法相關子法及配套措
    業務              洋法制                    施。
                                       （2）召開海洋事務協調會議，追蹤各部會
                 一
 二、海洋資源業務        一  推動海域空間規劃           （1）辦理海域功能區劃調查，研擬海域空
";
        let plans = read(Kind::Plans, &crate::import::read::untabbed::src_lines(text));
        assert_eq!(plans.len(), 2, "{plans:?}");
        assert_eq!(plans[0].name.concat(), "一、海洋政策規劃業務", "{plans:?}");
        assert_eq!(plans[0].rows.len(), 1, "{:?}", plans[0].rows);
        let row = &plans[0].rows[0];
        assert_eq!(row.cols[1], ["一"]);
        assert_eq!(row.cols[2].concat(), "統合海洋事務，完備海洋法制");
        assert_eq!(row.cols[3].len(), 3, "{:?}", row.cols[3]);
        assert_eq!(plans[1].rows[0].cols[1], ["一"]);
    }

    #[test]
    fn a_line_splits_at_runs_of_spaces_and_before_markers() {
        let texts = |line: &str| pieces(line).into_iter().map(|(_, t, _)| t).collect::<Vec<_>>();
        assert_eq!(
            texts("係業務       （1）健全工會法制，辦理工會 1. 辦理部長訪視"),
            ["係業務", "（1）健全工會法制，辦理工會", "1. 辦理部長訪視"]
        );
        assert_eq!(texts("二 、 勞 動 關 1、促進工會組織自由化"), ["二 、 勞 動 關", "1、促進工會組織自由化"]);
        assert_eq!(pieces("   245,600 前 瞻 計 畫"), [(3, "245,600".to_string(), false), (11, "前 瞻 計 畫".to_string(), false)]);
        assert_eq!(pieces("及考核，落實監督回應與 件計47件")[1], (12, "件計47件".to_string(), true));
    }
}
